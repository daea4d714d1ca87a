#!/usr/bin/env python3
"""Cross-check dictionaries/cameo.txt against the reference codebooks.

Usage:
    python3 tools/check_cameo.py [--cameo dictionaries/cameo.txt] [--refs /work/shared/data]

The reference directory must hold the three tables petrel's codebook was built from:

    icews-cameo-codes/cameo-codes.csv   CAMEO codes + Goldstein values (Windows-1252)
    plover/CAMEO2PLOVER-2021.txt        CAMEO -> PLOVER 0.8 crosswalk
    text-to-cameo/CAMEO_codefile.txt    CAMEO 0.7b5 labels + ICEWS variants

Checks made:
  * every line of cameo.txt is well formed (6 fields, 2-4 digit code, Goldstein in
    -10..10, a PLOVER 0.8 type or "-"), no code twice, every code's root present;
  * every event code found in any reference is present, and no code is present that no
    reference knows ("stray");
  * GOLDSTEIN equals the icews value; a code absent from icews must carry the value of
    its nearest listed ancestor;
  * PLOVER type, mode and context equal the crosswalk; roots 01 and 02 (dropped by
    PLOVER) must be "-"; a code absent from the crosswalk must match its nearest ancestor.
Names are only compared for information (how many coincide with a reference label).

Prints a report and exits with status 1 if any error was found.
"""

import argparse
import csv
import os
import re
import sys

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
DROPPED_ROOTS = {"01", "02"}  # PLOVER 0.8 drops public statements and appeals
CODE_RE = re.compile(r"^\d{2,4}$")


def norm_ctx(s):
    """Normalise a context list: trim and join several contexts with ';'."""
    return ";".join(p.strip() for p in s.split(";") if p.strip())


def load_ours(path, errors):
    rows = {}
    order = []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            where = "%s:%d" % (os.path.basename(path), n)
            f = [x.strip() for x in line.split("|")]
            if len(f) != 6:
                errors.append("%s: expected 6 fields, found %d" % (where, len(f)))
                continue
            code, gold, ptype, mode, ctx, name = f
            if not CODE_RE.match(code):
                errors.append("%s: bad code %r" % (where, code))
                continue
            if code in rows:
                errors.append("%s: code %s listed twice" % (where, code))
                continue
            try:
                g = float(gold)
            except ValueError:
                errors.append("%s: bad Goldstein %r" % (where, gold))
                continue
            if not -10.0 <= g <= 10.0:
                errors.append("%s: Goldstein %s out of range" % (where, gold))
            if ptype != "-" and ptype not in PLOVER_TYPES:
                errors.append("%s: unknown PLOVER type %r" % (where, ptype))
            if not name:
                errors.append("%s: empty name" % where)
            rows[code] = dict(gold=g, type=ptype, mode=mode, ctx=norm_ctx(ctx), name=name, where=where)
            order.append(code)
    for code in rows:
        if code[:2] not in rows:
            errors.append("%s: root %s of code %s missing" % (rows[code]["where"], code[:2], code))
    return rows, order


def load_icews(path):
    out = {}
    with open(path, encoding="cp1252", newline="") as fh:
        for r in csv.DictReader(fh):
            out[r["code"].strip()] = (float(r["goldstein"]), r["name"].strip())
    return out


def load_crosswalk(path):
    """code -> list of (type, mode, context); a code may occur more than once."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            body = raw.split("#", 1)[0].strip()
            m = re.match(r"^(\d{2,4})\s*:(.*)$", body)
            if not m:
                continue
            parts = [p.strip() for p in m.group(2).split(",")]
            parts += [""] * (3 - len(parts))
            entry = (parts[0], parts[1], norm_ctx(parts[2]))
            out.setdefault(m.group(1), [])
            if entry not in out[m.group(1)]:
                out[m.group(1)].append(entry)
    return out


def load_codefile(path):
    """code -> labels, from LABEL/LABELi lines; returns also the malformed code fields."""
    codes, odd = {}, set()
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            m = re.match(r"^LABEL\w*:\s*([^=\s]+)\s*=\s*(.*)$", raw.strip())
            if not m:
                continue
            code, label = m.group(1), m.group(2).strip()
            if CODE_RE.match(code):
                codes.setdefault(code, []).append(label)
            else:
                odd.add(code)
    return codes, odd


def ancestors(code):
    """Parent chain of a code, nearest first: 1951 -> 195, 19."""
    return [code[:k] for k in range(len(code) - 1, 1, -1)]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cameo", default=os.path.join(here, "..", "dictionaries", "cameo.txt"))
    ap.add_argument("--refs", default="/work/shared/data")
    a = ap.parse_args()

    errors, notes = [], []
    ours, order = load_ours(a.cameo, errors)
    icews = load_icews(os.path.join(a.refs, "icews-cameo-codes", "cameo-codes.csv"))
    cross = load_crosswalk(os.path.join(a.refs, "plover", "CAMEO2PLOVER-2021.txt"))
    labels, odd = load_codefile(os.path.join(a.refs, "text-to-cameo", "CAMEO_codefile.txt"))

    print("cameo.txt: %d codes (%d roots)" % (len(ours), sum(len(c) == 2 for c in ours)))
    print("icews table: %d codes; crosswalk: %d codes; text_to_CAMEO: %d codes" % (
        len(icews), len(cross), len(labels)))
    if odd:
        notes.append("text_to_CAMEO code fields that are not CAMEO codes (ignored): %s"
                     % ", ".join(sorted(odd)))

    # Which references know which codes.
    srcs = {"icews": set(icews), "crosswalk": set(cross), "text_to_CAMEO": set(labels)}
    every = set().union(*srcs.values())
    for code in sorted(every):
        missing_in = [s for s, cs in srcs.items() if code not in cs]
        if missing_in and not (len(code) == 2 and missing_in == ["text_to_CAMEO"]) \
                and not (code[:2] in DROPPED_ROOTS and missing_in == ["crosswalk"]):
            notes.append("code %s absent from: %s" % (code, ", ".join(missing_in)))
    for code in sorted(every - set(ours)):
        errors.append("reference code %s missing from cameo.txt" % code)
    for code in sorted(set(ours) - every):
        errors.append("stray code %s (in no reference)" % code)
    if order != sorted(order):
        notes.append("codes are not in sorted order")

    for code in order:
        r = ours[code]
        # Goldstein
        if code in icews:
            want, src = icews[code][0], "icews"
        else:
            anc = next((p for p in ancestors(code) if p in icews), None)
            want, src = (icews[anc][0], "icews parent %s" % anc) if anc else (None, None)
            notes.append("code %s: Goldstein taken from %s" % (code, src))
        if want is not None and abs(want - r["gold"]) > 1e-9:
            errors.append("%s: Goldstein %s != %s (%s)" % (code, r["gold"], want, src))
        # PLOVER
        if code[:2] in DROPPED_ROOTS:
            allowed, src = [("-", "", "")], "dropped by PLOVER"
        elif code in cross:
            allowed, src = cross[code], "crosswalk"
        else:
            anc = next((p for p in ancestors(code) if p in cross), None)
            allowed, src = (cross[anc], "crosswalk parent %s" % anc) if anc else ([], None)
            notes.append("code %s: PLOVER taken from %s" % (code, src))
        got = (r["type"], r["mode"], r["ctx"])
        if allowed and got not in allowed:
            types = {t for t, _, _ in allowed}
            what = "type" if r["type"] not in types else "mode/context"
            errors.append("%s: PLOVER %s %s != %s (%s)" % (
                code, what, "|".join(got), " or ".join("|".join(x) for x in allowed), src))
        if len(allowed) > 1:
            notes.append("code %s: crosswalk gives %d mappings (%s); file has %s" % (
                code, len(allowed), " / ".join(x[0] for x in allowed), r["type"]))

    # Names: information only.
    same = []
    for code, r in ours.items():
        refs = set(l.lower() for l in labels.get(code, []))
        if code in icews:
            refs.add(icews[code][1].lower())
        if r["name"].lower() in refs:
            same.append(code)
    notes.append("%d of %d names coincide with a reference label (short generic labels)"
                 % (len(same), len(ours)))

    for n in notes:
        print("note:", n)
    for e in errors:
        print("ERROR:", e)
    print("%s: %d error(s)" % ("FAILED" if errors else "OK", len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
