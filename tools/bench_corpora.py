#!/usr/bin/env python3
"""Write the two real-text benchmark corpora for `petrel bench`, as petrel JSON Lines.

    python3 tools/bench_corpora.py [OUT_DIR] [--data DIR]

OUT_DIR (default /tmp/petrel-bench) receives:

- ewt-test.jsonl: the sentences of the UD English EWT test set (the `# text = ` lines of
  DATA/ud-english-ewt/en_ewt-ud-test.conllu), one document for each `# newdoc id`, one
  sentence a line in its text (so petrel's sentence count stays close to the treebank's).
  Web text: reviews, e-mail, weblogs, answers, newsgroups; few events.
- gigaword-15k.jsonl: the 76 sentences of DATA/petrarch2/GigaWord.sample.PETR.xml (the
  `<Text>` of each `<Sentence>`), one document for each story, repeated with distinct ids
  until there are at least 15,000 sentences. The story of an id is the part before its last
  `-` (`AFP_ENG_20040203.0010-3`), or before its last `_` where the id has no `-` (the
  sample's own ids look like `AFP0808020625_4` and `GOLD_9`). News-agency sentences, dense
  in events.

Each line is {"id": ..., "text": ...}. The data stays in DATA (default: ../shared/data
relative to the repository root); nothing is copied into the repository. Standard library only.
"""

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GIGAWORD_SENTENCES = 15_000


def ewt_documents(conllu):
    """(id, [sentence text]) for each `# newdoc id` of a CoNLL-U file, in file order."""
    docs = []
    with open(conllu, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# newdoc id"):
                docs.append((line.split("=", 1)[1].strip(), []))
            elif line.startswith("# text = "):
                if not docs:
                    docs.append(("doc-0", []))
                docs[-1][1].append(line[len("# text = "):].rstrip("\n").strip())
    return [(i, s) for i, s in docs if s]


def story_of(sentence_id):
    """The story a sentence id belongs to: the part before the last `-`, else before the last `_`."""
    for sep in ("-", "_"):
        if sep in sentence_id:
            return sentence_id.rsplit(sep, 1)[0]
    return sentence_id


def gigaword_stories(xml_path):
    """(story id, [sentence text]) in order of first appearance, from PETRARCH's sample XML."""
    raw = Path(xml_path).read_text(encoding="utf-8")
    try:
        sentences = [
            (s.get("id", ""), s.findtext("Text") or "") for s in ET.fromstring(raw).iter("Sentence")
        ]
    except ET.ParseError:
        # Not well-formed XML (a stray `&` or `<`): fall back to the tags themselves.
        sentences = [
            (m.group(1), m.group(2))
            for m in re.finditer(r'<Sentence\b[^>]*?\bid\s*=\s*"([^"]*)"[^>]*>.*?<Text>(.*?)</Text>', raw, re.S)
        ]
    stories = {}
    for sid, text in sentences:
        text = " ".join(text.split())
        if text:
            stories.setdefault(story_of(sid), []).append(text)
    return list(stories.items())


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default="/tmp/petrel-bench", help="output folder (default /tmp/petrel-bench)")
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"), help="the shared data folder")
    args = ap.parse_args()
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    ewt = ewt_documents(data / "ud-english-ewt" / "en_ewt-ud-test.conllu")
    write_jsonl(out / "ewt-test.jsonl", ({"id": i, "text": "\n".join(s)} for i, s in ewt))
    n_ewt = sum(len(s) for _, s in ewt)
    print(f"{out / 'ewt-test.jsonl'}: {len(ewt)} documents, {n_ewt} sentences")

    stories = gigaword_stories(data / "petrarch2" / "GigaWord.sample.PETR.xml")
    per_copy = sum(len(s) for _, s in stories)
    if per_copy == 0:
        sys.exit("no sentences in the GigaWord sample")
    copies = -(-GIGAWORD_SENTENCES // per_copy)
    write_jsonl(
        out / "gigaword-15k.jsonl",
        ({"id": f"{story}-copy{k}", "text": "\n".join(s)} for k in range(copies) for story, s in stories),
    )
    print(
        f"{out / 'gigaword-15k.jsonl'}: {copies * len(stories)} documents, {copies * per_copy} sentences "
        f"({copies} copies of {len(stories)} stories, {per_copy} sentences)"
    )


if __name__ == "__main__":
    main()
