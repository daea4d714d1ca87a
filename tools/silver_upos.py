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

DENCKRING_DIR is the unpacked wheel's `denckring_en_pos` directory (perceptron.py and
data/tagger.json.gz); the package is read directly so its other dependencies are not
needed. The model tags words of letters and inner apostrophes only (it was trained with
punctuation and numbers removed), so other tokens are left without an opinion.
Deterministic.
"""
import gzip
import json
import re
import sys

WORD = re.compile(r"^[A-Za-z]+(?:'[A-Za-z]+)*$")


def main():
    src_dir, src, dest = sys.argv[1], sys.argv[2], sys.argv[3]
    sys.path.insert(0, src_dir)
    from perceptron import Tagger  # the package's own inference, unchanged

    raw = json.loads(gzip.decompress(open(f"{src_dir}/data/tagger.json.gz", "rb").read()))
    tagger = Tagger(raw["weights"], raw["tagdict"], raw["classes"], frozenset(raw["vocabulary"]))
    n_sent = n_words = 0
    with open(src, encoding="utf-8") as f, open(dest, "w", encoding="utf-8") as out:
        block = []
        for line in f:
            if line.strip():
                block.append(line.rstrip("\n"))
                continue
            write(block, tagger, out)
            n_sent += 1
            n_words += sum(1 for l in block if not l.startswith("#"))
            block = []
        if block:
            write(block, tagger, out)
    print(f"{n_sent} sentences, {n_words} words: {dest}", file=sys.stderr)


def write(block, tagger, out):
    rows = [l.split("\t") if not l.startswith("#") else l for l in block]
    words = [r for r in rows if isinstance(r, list) and r[0].isdigit()]
    letters = [r for r in words if WORD.match(r[1])]
    tags = tagger.tag([r[1] for r in letters])
    for r, t in zip(letters, tags):
        r[5] = "Ewt=" + t.split("|")[0]
    for r in rows:
        out.write((r if isinstance(r, str) else "\t".join(r)) + "\n")
    out.write("\n")


if __name__ == "__main__":
    main()
