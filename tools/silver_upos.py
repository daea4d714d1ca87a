#!/usr/bin/env python3
"""Second opinion on the universal tags of a silver CoNLL-U file, in EWT's conventions.

spaCy's Penn tags are reliable, but for some Penn tags the universal tag is a convention
that spaCy (OntoNotes) and UD English-EWT do not share: IN is ADP or SCONJ, DT is DET or
PRON, RB is ADV or PART, WDT is PRON or DET, auxiliaries are AUX or VERB. Without more,
train_tagger binds only the Penn tag of such silver words and leaves the universal tag to
the gold data. This script asks a tagger trained on EWT's *train* split (PyPI
`denckring-en-pos` 0.6.0, an averaged perceptron; model CC BY-SA 4.0) for its universal tag
of every word and writes it into the FEATS column as `Ewt=UPOS`; train_tagger then binds
that tag too where the (Penn, UPOS) pair is one EWT uses.

    python3 tools/silver_upos.py DENCKRING_DIR in.conllu out.conllu
    python3 tools/silver_upos.py --ud in.conllu out.conllu      (spaCy 2 + en_ud_model_sm)

DENCKRING_DIR is the unpacked wheel's `denckring_en_pos` directory (perceptron.py and
data/tagger.json.gz); the package is read directly so its other dependencies are not
needed. The model tags words of letters and inner apostrophes only (it was trained with
punctuation and numbers removed), so other tokens are left without an opinion.

`--ud` asks a second EWT-trained model, the spaCy 2 pipeline of PyPI `en-ud-model-sm` 1.1.0
(Apache-2.0; trained on UD English-EWT 1.4 train and the Penn Treebank converted to UD), and
reads the universal tag off its *parse*, the way EWT's annotators decide it: a preposition
that is `mark` is SCONJ and one that is `case` ADP, a determiner that heads a noun phrase is
PRON, a form of "be"/"have"/"do" that is `aux` or `cop` is AUX and otherwise VERB, "not" is
PART. Only words whose Penn tag that model agrees with get an opinion, which replaces an
earlier `Ewt=` (so running it on the denckring file keeps denckring's opinion elsewhere).
Deterministic.
"""
import gzip
import json
import re
import sys

WORD = re.compile(r"^[A-Za-z]+(?:'[A-Za-z]+)*$")


def main():
    if sys.argv[1] == "--ud":
        return main_ud(sys.argv[2], sys.argv[3])
    src_dir, src, dest = sys.argv[1], sys.argv[2], sys.argv[3]
    sys.path.insert(0, src_dir)
    from perceptron import Tagger  # the package's own inference, unchanged

    raw = json.loads(gzip.decompress(open(f"{src_dir}/data/tagger.json.gz", "rb").read()))
    tagger = Tagger(raw["weights"], raw["tagdict"], raw["classes"], frozenset(raw["vocabulary"]))
    n_sent = n_words = 0
    with open(dest, "w", encoding="utf-8") as out:
        for block in conllu_blocks(src):
            write(block, tagger, out)
            n_sent += 1
            n_words += sum(1 for l in block if not l.startswith("#"))
    print(f"{n_sent} sentences, {n_words} words: {dest}", file=sys.stderr)


def conllu_blocks(path):
    """The sentence blocks of a CoNLL-U file, each a list of its lines (no newlines)."""
    block = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                block.append(line.rstrip("\n"))
            elif block:
                yield block
                block = []
    if block:
        yield block


def split_rows(block):
    """A block's lines as rows: word and multiword lines split into columns, comments kept."""
    return [l.split("\t") if not l.startswith("#") else l for l in block]


def write_rows(rows, out):
    for r in rows:
        out.write((r if isinstance(r, str) else "\t".join(r)) + "\n")
    out.write("\n")


def write(block, tagger, out):
    rows = split_rows(block)
    words = [r for r in rows if isinstance(r, list) and r[0].isdigit()]
    letters = [r for r in words if WORD.match(r[1])]
    tags = tagger.tag([r[1] for r in letters])
    for r, t in zip(letters, tags):
        r[5] = "Ewt=" + t.split("|")[0]
    write_rows(rows, out)


AUX_WORDS = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "have", "has",
             "had", "having", "'ve", "'d", "do", "does", "did", "done", "doing"}
NOMINAL = {"nsubj", "nsubjpass", "dobj", "iobj", "nmod", "conj", "appos", "ROOT", "dep", "nmod:npmod",
           "nmod:tmod", "csubj", "expl", "nmod:poss"}


def ud_opinion(xpos, word, dep):
    """EWT's universal tag for a function word, read off its UD v1 relation, or None."""
    if xpos == "IN":
        return {"mark": "SCONJ", "case": "ADP", "compound:prt": "ADP"}.get(dep)
    if xpos in ("DT", "WDT"):
        if dep in ("det", "det:predet", "neg"):
            return "DET"
        return "PRON" if dep in NOMINAL else None
    if xpos == "RB":
        if word in ("not", "n't"):
            return "PART"
        return "ADV" if dep in ("advmod", "neg") else None
    if xpos.startswith("VB") and word in AUX_WORDS:
        return "AUX" if dep in ("aux", "auxpass", "cop") else "VERB"
    return None


def main_ud(src, dest):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_ud_model_sm", disable=["ner"])
    rows = [split_rows(b) for b in conllu_blocks(src)]
    words = [[r for r in b if isinstance(r, list) and r[0].isdigit()] for b in rows]

    def docs():
        for ws in words:
            doc = Doc(nlp.vocab, words=[r[1] for r in ws])
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            yield doc

    given = 0
    with open(dest + ".tmp", "w", encoding="utf-8") as out:
        for b, ws, doc in zip(rows, words, docs()):
            for r, t in zip(ws, doc):
                if t.tag_ != r[4]:
                    continue
                o = ud_opinion(r[4], r[1].lower(), t.dep_)
                if o:
                    r[5] = "Ewt=" + o
                    given += 1
            write_rows(b, out)
    import os

    os.replace(dest + ".tmp", dest)
    print(f"{len(rows)} sentences, {given} opinions: {dest}", file=sys.stderr)


if __name__ == "__main__":
    main()
