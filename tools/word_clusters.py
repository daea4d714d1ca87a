#!/usr/bin/env python3
"""Word clusters for the tagger's lexicon, from PyPI `spacy-lookups-data` (MIT).

The package's `en_lexeme_cluster.json.gz` gives about 190,000 English word forms a Brown
cluster (Brown et al. 1992: words that occur in similar contexts share a cluster; 999
clusters, each a path in a binary tree). A word the gold sentences never showed still
brings its cluster, which the tagger has seen on other words ("condemned" sits with the
other past-tense verbs of its kind). The cluster value is stored as spaCy stores it: the
path's bits from the root in the low bits, above a leading 1, so the first k branches of
the path are `value & ((1 << k) - 1)` where the path is at least k long.

Forms are folded as petrel folds them (lower case, accents removed); where several forms
fold to one word the most frequent form's cluster is kept (`en_lexeme_prob.json.gz`).

    python3 tools/word_clusters.py SPACY_LOOKUPS_DATA_DIR clusters.tsv

SPACY_LOOKUPS_DATA_DIR is the unpacked wheel's `spacy_lookups_data/data` directory.
Writes `word<TAB>cluster` lines, sorted by word. Deterministic.
"""
import gzip
import json
import sys
import unicodedata


def fold(word):
    """Lower case without accents, as petrel's `text::normalize` does for Latin script."""
    s = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def main():
    src, dest = sys.argv[1], sys.argv[2]
    clusters = json.load(gzip.open(f"{src}/en_lexeme_cluster.json.gz"))
    probs = json.load(gzip.open(f"{src}/en_lexeme_prob.json.gz"))
    best = {}
    for form, cluster in clusters.items():
        if not cluster or not form or any(c.isspace() for c in form):
            continue
        key = fold(form)
        p = probs.get(form, -30.0)
        if key not in best or p > best[key][0]:
            best[key] = (p, cluster)
    with open(dest, "w", encoding="utf-8") as out:
        for key in sorted(best):
            out.write(f"{key}\t{best[key][1]}\n")
    print(f"{len(best)} words: {dest}", file=sys.stderr)


if __name__ == "__main__":
    main()
