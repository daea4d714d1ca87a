//! A statistical dependency parser: arc-hybrid transitions, averaged perceptron, greedy decoding.
//!
//! [`DependencyParser::parse`] gives every token of a tagged sentence a head (or none, for the
//! root) and a Universal Dependencies relation. It reads the tagger's output (UPOS, verb form
//! and word cluster, [`Token::cluster`]) and the normalized words; nothing else.
//!
//! # Method
//! The transition system is *arc-hybrid* (Kuhlmann et al. 2011) with the root at the end of the
//! buffer: SHIFT moves the buffer's front onto the stack, LEFT-l makes the stack top a
//! dependent of the buffer front, RIGHT-l makes it a dependent of the word below it. The
//! root attachment is allowed only for the last word on the stack, so every sentence gets
//! exactly one root. Each step scores every action with a linear model over hashed features
//! of the stack's three top words, the buffer's first three words, the nearest and farthest
//! dependents found so far, their relations, valencies and distances, and the word clusters of
//! the two top stack words and the buffer front, and takes the best valid action: 2n steps for
//! n words. An object (`obj`, `iobj`) may only hang on a word tagged VERB or AUX, or on "worth"
//! (see [`DependencyParser::with_object_constraint`]), and a subject or object arc must win by
//! a margin (see [`DependencyParser::with_label_margins`]).
//!
//! Training (`tools/train_parser.rs`) uses the dynamic oracle of Goldberg & Nivre (2013) with
//! error exploration, on tags predicted by petrel's own tagger, with averaged weights. Words
//! whose gold head is unknown (partial trees) cost nothing wherever they attach.
//!
//! # Labels
//! UD relations keep their subtypes for `nsubj:pass`, `obl:agent`, `aux:pass`, `acl:relcl`,
//! `compound:prt`, `nmod:poss`, `csubj:pass`, `det:predet`, `cc:preconj`; other subtypes
//! fall back to their base relation ("obl:tmod" → "obl"), unknown relations to "dep".
//!
//! # Model file
//! Little-endian: magic `PDEP1`, the label count and names (length-prefixed), a weight
//! scale (`f32`), the feature count, then per feature its 32-bit hash, a count, and per count
//! an action byte and an `i16` weight. Features are sorted by hash.
//!
//! Cost: O(n x features) per sentence; roughly 70–140 microseconds for a 12-word sentence,
//! depending on the machine (7,000–14,000 sentences a second on one core; most of it is
//! table lookups). The model (9.1 MB: EWT dev trees plus silver trees from an EWT-trained
//! teacher, see `docs/language-layer.md`) is embedded and read in about 40 ms, only when the
//! parser is used.

use crate::annotate::{Tag, Token, VerbForm};
use crate::pos::perceptron::cluster_prefix;

/// The embedded model (`tools/train_parser.rs` makes it; trained on UD English-EWT dev,
/// CC BY-SA 4.0).
static BUILTIN_MODEL: &[u8] = include_bytes!("depparse/parser.bin");

/// The relations the parser predicts. Index 0 is the root relation.
pub const LABELS: &[&str] = &[
    "root",
    "nsubj",
    "nsubj:pass",
    "obj",
    "iobj",
    "obl",
    "obl:agent",
    "nmod",
    "nmod:poss",
    "amod",
    "det",
    "det:predet",
    "case",
    "advmod",
    "aux",
    "aux:pass",
    "cop",
    "mark",
    "cc",
    "cc:preconj",
    "conj",
    "compound",
    "compound:prt",
    "punct",
    "xcomp",
    "ccomp",
    "advcl",
    "acl",
    "acl:relcl",
    "nummod",
    "appos",
    "flat",
    "fixed",
    "expl",
    "csubj",
    "csubj:pass",
    "parataxis",
    "discourse",
    "vocative",
    "list",
    "goeswith",
    "orphan",
    "reparandum",
    "dep",
];

/// The label index of a UD relation (subtypes outside [`LABELS`] fall back to the base).
pub fn label_index(deprel: &str) -> u8 {
    if let Some(i) = LABELS.iter().position(|&l| l == deprel) {
        return i as u8;
    }
    let base = deprel.split(':').next().unwrap_or(deprel);
    LABELS.iter().position(|&l| l == base).unwrap_or(LABELS.len() - 1) as u8
}

const NONE: u16 = u16::MAX;
const NUM_LABELS: usize = 44;
/// Actions: 0 SHIFT, 1 + l LEFT-l, 1 + NUM_LABELS + l RIGHT-l.
const NUM_ACTIONS: usize = 1 + 2 * NUM_LABELS;
const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 1 + NUM_LABELS;
const ROOT_LABEL: usize = 0;
const OBJ_LABEL: usize = 3;
const IOBJ_LABEL: usize = 4;
/// Margins that `nsubj` and `obj` arcs must win by, in weight units (see
/// [`DependencyParser::with_label_margins`]).
const LABEL_MARGINS: [(&str, f32); 2] = [("nsubj", 30.0), ("obj", 30.0)];
/// The tags of words that may take an object by default (see `with_object_constraint`).
const OBJECT_HEADS: u32 = 1 << Tag::VERB as u32 | 1 << Tag::AUX as u32;
/// Features per parser state.
const NUM_FEATS: usize = 83;

const TAG_NONE: u32 = 250;
const TAG_ROOT: u32 = 251;
const WORD_NONE: u32 = 0x9e37_79b9;
const WORD_ROOT: u32 = 0x7f4a_7c15;
const CLUSTER_NONE: u32 = 0x7fff_fff0;
const CLUSTER_ROOT: u32 = 0x7fff_fff1;

// ---------------------------------------------------------------------------------------
// Hashing

#[inline]
fn mix(h: u64, x: u32) -> u64 {
    (h.rotate_left(5) ^ x as u64).wrapping_mul(0x517c_c1b7_2722_0a95)
}

#[inline]
fn fin(mut z: u64) -> u32 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 32) as u32
}

#[inline]
fn feat(template: u32, parts: &[u32]) -> u32 {
    let mut h = (template as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &p in parts {
        h = mix(h, p);
    }
    fin(h)
}

/// A word's hash (platform independent).
fn word_hash(s: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    fin(h)
}

fn tag_id(tag: Tag, form: VerbForm) -> u32 {
    use Tag::*;
    let t = match tag {
        ADJ => 0,
        ADP => 1,
        ADV => 2,
        AUX => 3,
        CCONJ => 4,
        DET => 5,
        INTJ => 6,
        NOUN => 7,
        NUM => 8,
        PART => 9,
        PRON => 10,
        PROPN => 11,
        PUNCT => 12,
        SCONJ => 13,
        SYM => 14,
        VERB => 15,
        X => 16,
    };
    let f = match form {
        VerbForm::None => 0,
        VerbForm::Base => 1,
        VerbForm::Past => 2,
        VerbForm::Gerund => 3,
        VerbForm::Participle => 4,
        VerbForm::Present => 5,
    };
    t * 6 + f
}

// ---------------------------------------------------------------------------------------
// Sentence and state

/// The per-word facts the features read; index n is the artificial root.
#[derive(Clone)]
struct Sent {
    w: Vec<u32>,
    t: Vec<u32>,
    /// Word clusters ([`Token::cluster`]), and their first six branches.
    c: Vec<u32>,
    c6: Vec<u32>,
}

impl Sent {
    fn new(tokens: &[Token]) -> Sent {
        let n = tokens.len();
        let mut w = Vec::with_capacity(n + 1);
        let mut t = Vec::with_capacity(n + 1);
        let mut c = Vec::with_capacity(n + 1);
        for tok in tokens {
            w.push(word_hash(&tok.norm));
            t.push(tag_id(tok.tag, tok.form));
            c.push(tok.cluster);
        }
        w.push(WORD_ROOT);
        t.push(TAG_ROOT);
        c.push(CLUSTER_ROOT);
        let c6 = c.iter().map(|&x| cluster_prefix(x, 6)).collect();
        Sent { w, t, c, c6 }
    }
}

struct State {
    n: usize,
    stack: Vec<u16>,
    b: usize,
    head: Vec<u16>,
    label: Vec<u8>,
    lc1: Vec<u16>,
    lc2: Vec<u16>,
    rc1: Vec<u16>,
    rc2: Vec<u16>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            head: vec![NONE; n + 1],
            label: vec![0; n + 1],
            lc1: vec![NONE; n + 1],
            lc2: vec![NONE; n + 1],
            rc1: vec![NONE; n + 1],
            rc2: vec![NONE; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    #[inline]
    fn done(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    #[inline]
    fn s(&self, k: usize) -> u16 {
        let l = self.stack.len();
        if k < l { self.stack[l - 1 - k] } else { NONE }
    }

    /// Whether action `a` is allowed.
    #[inline]
    fn valid(&self, a: usize) -> bool {
        let depth = self.stack.len();
        if a == SHIFT {
            self.b < self.n
        } else if a < RIGHT {
            let l = a - LEFT;
            if self.b == self.n { depth == 1 && l == ROOT_LABEL } else { depth >= 1 && l != ROOT_LABEL }
        } else {
            depth >= 2 && a - RIGHT != ROOT_LABEL
        }
    }

    /// Whether action `a`, if it draws an `obj`/`iobj` arc, draws it to a word that may take
    /// one (`object_head`, indexed by word).
    #[inline]
    fn object_fits(&self, a: usize, object_head: &[bool]) -> bool {
        let (head, l) = if a == SHIFT {
            return true;
        } else if a < RIGHT {
            (self.b, a - LEFT)
        } else {
            (self.s(1) as usize, a - RIGHT)
        };
        (l != OBJ_LABEL && l != IOBJ_LABEL) || object_head[head]
    }

    fn arc(&mut self, h: usize, d: usize, l: usize) {
        self.head[d] = h as u16;
        self.label[d] = l as u8;
        if d < h {
            self.lc2[h] = self.lc1[h];
            self.lc1[h] = d as u16;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= 1 << l;
        } else {
            self.rc2[h] = self.rc1[h];
            self.rc1[h] = d as u16;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= 1 << l;
        }
    }

    fn apply(&mut self, a: usize) {
        if a == SHIFT {
            self.stack.push(self.b as u16);
            self.b += 1;
        } else if a < RIGHT {
            let d = self.stack.pop().unwrap() as usize;
            let b = self.b;
            self.arc(b, d, a - LEFT);
        } else {
            let d = self.stack.pop().unwrap() as usize;
            let h = *self.stack.last().unwrap() as usize;
            self.arc(h, d, a - RIGHT);
        }
    }

    /// Fills the state's features.
    fn features(&self, s: &Sent, out: &mut [u32; NUM_FEATS]) {
        let n = self.n;
        let w = |i: u16| if i == NONE { WORD_NONE } else { s.w[i as usize] };
        let t = |i: u16| if i == NONE { TAG_NONE } else { s.t[i as usize] };
        let c = |i: u16| if i == NONE { CLUSTER_NONE } else { s.c[i as usize] };
        let c6 = |i: u16| if i == NONE { CLUSTER_NONE } else { s.c6[i as usize] };
        let get = |v: &Vec<u16>, i: u16| if i == NONE { NONE } else { v[i as usize] };
        let lab = |i: u16| if i == NONE { 99 } else { self.label[i as usize] as u32 };
        let s0 = self.s(0);
        let s1 = self.s(1);
        let s2 = self.s(2);
        let b0 = self.b as u16;
        let b1 = if self.b < n { self.b as u16 + 1 } else { NONE };
        let b2 = if self.b + 1 < n { self.b as u16 + 2 } else { NONE };
        let (s0w, s0t, s1w, s1t, b0w, b0t, b1w, b1t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0), w(b1), t(b1));
        let (b2t, s2t) = (t(b2), t(s2));
        let s0l = get(&self.lc1, s0);
        let s0l2 = get(&self.lc2, s0);
        let s0r = get(&self.rc1, s0);
        let s0r2 = get(&self.rc2, s0);
        let b0l = get(&self.lc1, b0);
        let b0l2 = get(&self.lc2, b0);
        let s1r = get(&self.rc1, s1);
        let s1r2 = get(&self.rc2, s1);
        let s1l = get(&self.lc1, s1);
        let dist = |a: u16, b: u16| -> u32 {
            if a == NONE || b == NONE {
                99
            } else {
                let d = (b as i32 - a as i32).unsigned_abs();
                if d > 5 { if d > 10 { 7 } else { 6 } } else { d }
            }
        };
        let d0 = dist(s0, b0);
        let d1 = dist(s1, s0);
        let val = |v: &Vec<u8>, i: u16| if i == NONE { 99 } else { v[i as usize] as u32 };
        let set = |v: &Vec<u64>, i: u16| {
            if i == NONE { (0, 0) } else { (v[i as usize] as u32, (v[i as usize] >> 32) as u32) }
        };
        let (b0ls_a, b0ls_b) = set(&self.lset, b0);
        let (s0ls_a, s0ls_b) = set(&self.lset, s0);
        let (s0rs_a, s0rs_b) = set(&self.rset, s0);
        let (s1rs_a, s1rs_b) = set(&self.rset, s1);
        let (lset1_a, lset1_b) = set(&self.lset, s1);
        let next_t = |i: u16| if i == NONE || i as usize + 1 > n { TAG_NONE } else { s.t[i as usize + 1] };
        let prev_t = |i: u16| if i == NONE || i == 0 { TAG_NONE } else { s.t[i as usize - 1] };
        // Whether a verb lies strictly between s0 and b0.
        let verb_between = if s0 == NONE {
            2
        } else {
            let v = tag_id(Tag::VERB, VerbForm::None) / 6;
            let a = tag_id(Tag::AUX, VerbForm::None) / 6;
            (s0 as usize + 1..self.b).any(|k| {
                let tk = s.t[k] / 6;
                tk == v || tk == a
            }) as u32
        };
        let f = [
            feat(0, &[]),
            feat(1, &[s0w]),
            feat(2, &[s0t]),
            feat(3, &[s0w, s0t]),
            feat(4, &[s1w]),
            feat(5, &[s1t]),
            feat(6, &[s1w, s1t]),
            feat(7, &[b0w]),
            feat(8, &[b0t]),
            feat(9, &[b0w, b0t]),
            feat(10, &[b1w]),
            feat(11, &[b1t]),
            feat(12, &[b1w, b1t]),
            feat(13, &[b2t]),
            feat(14, &[s2t]),
            feat(15, &[s0w, s1w]),
            feat(16, &[s0t, s1t]),
            feat(17, &[s0w, s0t, s1t]),
            feat(18, &[s0t, s1w, s1t]),
            feat(19, &[s0w, s0t, s1w, s1t]),
            feat(20, &[s0w, b0w]),
            feat(21, &[s0t, b0t]),
            feat(22, &[s0w, s0t, b0t]),
            feat(23, &[s0t, b0w, b0t]),
            feat(24, &[s0w, s0t, b0w, b0t]),
            feat(25, &[b0t, b1t]),
            feat(26, &[b0t, b1t, b2t]),
            feat(27, &[s0t, b0t, b1t]),
            feat(28, &[s1t, s0t, b0t]),
            feat(29, &[s2t, s1t, s0t]),
            feat(30, &[s1t, t(s1r), s0t]),
            feat(31, &[d0, s0t, b0t]),
            feat(32, &[d1, s1t, s0t]),
            feat(33, &[d0, s0w]),
            feat(34, &[s0t, val(&self.nl, s0)]),
            feat(35, &[s0t, val(&self.nr, s0)]),
            feat(36, &[b0t, val(&self.nl, b0)]),
            feat(37, &[s1t, val(&self.nr, s1)]),
            feat(38, &[t(s0l), s0t]),
            feat(39, &[t(s0r), s0t]),
            feat(40, &[lab(s0l), s0t]),
            feat(41, &[lab(s0r), s0t]),
            feat(42, &[t(b0l), b0t]),
            feat(43, &[lab(b0l), b0t]),
            feat(44, &[t(s1r), s1t]),
            feat(45, &[lab(s1r), s1t]),
            feat(46, &[s0t, t(s0l), t(s0l2)]),
            feat(47, &[s0t, t(s0r), t(s0r2)]),
            feat(48, &[b0t, t(b0l), t(b0l2)]),
            feat(49, &[s1t, t(s1r), t(s1r2)]),
            feat(50, &[s0t, t(s0l), b0t]),
            feat(51, &[b0t, b0ls_a, b0ls_b]),
            feat(52, &[s0t, s0ls_a, s0ls_b, s0rs_a, s0rs_b]),
            feat(53, &[s1t, s1rs_a, s1rs_b]),
            feat(54, &[s0t, t(s0r), b0t]),
            feat(55, &[s0t, b0t, t(b0l)]),
            feat(56, &[b0w, b1w]),
            feat(57, &[s0t, next_t(s0), b0t]),
            feat(58, &[s0t, prev_t(b0), b0t]),
            feat(59, &[s0t, b0t, verb_between]),
            feat(60, &[s0w, b0t, b1t]),
            feat(61, &[s1t, t(s1l), s0t]),
            feat(62, &[s0t, b0t, lab(b0l), d0]),
            feat(63, &[s1w, s0t, b0t]),
            feat(64, &[w(s0l), s0t]),
            feat(65, &[w(s0l), s1t, s1w]),
            feat(66, &[w(s0l), s1t, lset1_a]),
            feat(67, &[w(b0l), b0t]),
            feat(68, &[s0w, s1w, s1t]),
            feat(69, &[w(s0l), s0t, b0t]),
            feat(70, &[s1t, lset1_a, lset1_b, s0t]),
            feat(71, &[s1w, lset1_a, lset1_b, s0t]),
            feat(72, &[s1t, s1rs_a, s1rs_b, s0t]),
            feat(73, &[b0t, b0ls_a, b0ls_b, s0t]),
            feat(74, &[b0w, b0ls_a, b0ls_b, s0t]),
            feat(75, &[c(s0)]),
            feat(76, &[c(b0)]),
            feat(77, &[c(s1)]),
            feat(78, &[c(s0), b0t]),
            feat(79, &[s0t, c(b0)]),
            feat(80, &[c6(s0), c6(b0)]),
            feat(81, &[c6(s1), c6(s0)]),
            feat(82, &[c6(s0), s0t, c6(b0), b0t]),
        ];
        *out = f;
    }
}

// ---------------------------------------------------------------------------------------
// Model

/// A malformed model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "parser model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// Open-addressing table from feature hash to a row (offset << 8 | length) of weights; a
/// slot packs (hash << 32 | row), row `u32::MAX` marking an empty slot.
struct FeatTable {
    slots: Vec<u64>,
    mask: usize,
}

impl FeatTable {
    fn new(entries: &[(u32, u32)]) -> FeatTable {
        let n = entries.len().max(8);
        let cap = (n + n / 4 + 1).next_power_of_two();
        let mut slots = vec![u32::MAX as u64; cap];
        let mask = cap - 1;
        for &(k, v) in entries {
            let mut i = spread(k) & mask;
            while slots[i] as u32 != u32::MAX {
                i = (i + 1) & mask;
            }
            slots[i] = ((k as u64) << 32) | v as u64;
        }
        FeatTable { slots, mask }
    }

    #[inline]
    fn get(&self, k: u32) -> Option<u32> {
        let mut i = spread(k) & self.mask;
        loop {
            let s = self.slots[i];
            if s as u32 == u32::MAX {
                return None;
            }
            if (s >> 32) as u32 == k {
                return Some(s as u32);
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[inline]
fn spread(k: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B1) >> 7) as usize ^ k as usize
}

/// The dependency parser (see the module docs).
pub struct DependencyParser {
    /// The tags (bit `1 << tag_id`) a word may have to take an `obj`/`iobj` dependent (see
    /// [`Self::with_object_constraint`]).
    object_heads: u32,
    /// (label, bias): the bias is added to the score of every arc action with that label
    /// (quantized weight units; see [`Self::with_label_margins`]).
    label_bias: Vec<(usize, i32)>,
    /// Weight units per quantized unit.
    scale: f32,
    table: FeatTable,
    /// Packed (action << 16 | weight as u16) entries.
    rows: Vec<u32>,
}

impl std::fmt::Debug for DependencyParser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DependencyParser({} weights)", self.rows.len())
    }
}

impl DependencyParser {
    /// The parser with the embedded model.
    pub fn builtin() -> Self {
        Self::from_bytes(BUILTIN_MODEL).expect("embedded parser model is valid")
    }

    /// Reads a model file (see the module docs for the format).
    pub fn from_bytes(b: &[u8]) -> Result<Self, ModelError> {
        let err = |m: &str| ModelError(m.to_string());
        let mut p = 0usize;
        let mut take = |k: usize| -> Result<&[u8], ModelError> {
            let s = b.get(p..p + k).ok_or_else(|| err("truncated"))?;
            p += k;
            Ok(s)
        };
        if take(5)? != b"PDEP1" {
            return Err(err("bad magic"));
        }
        let nl = take(1)?[0] as usize;
        for (i, label) in LABELS.iter().enumerate().take(nl) {
            let len = take(1)?[0] as usize;
            if take(len)? != label.as_bytes() {
                return Err(err(&format!("label {i} differs from this build's label set")));
            }
        }
        if nl != LABELS.len() {
            return Err(err("label count differs from this build's label set"));
        }
        let u32_at = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
        let scale = f32::from_le_bytes(take(4)?.try_into().unwrap());
        if !(scale.is_finite() && scale > 0.0) {
            return Err(err("bad weight scale"));
        }
        let nf = u32_at(take(4)?) as usize;
        let mut entries = Vec::with_capacity(nf);
        let mut rows = Vec::new();
        for _ in 0..nf {
            let h = u32_at(take(4)?);
            let c = take(1)?[0] as usize;
            let off = rows.len();
            for _ in 0..c {
                let e = take(3)?;
                if e[0] as usize >= NUM_ACTIONS {
                    return Err(err("bad action"));
                }
                let w = i16::from_le_bytes([e[1], e[2]]);
                rows.push(((e[0] as u32) << 16) | w as u16 as u32);
            }
            if off >= 1 << 24 {
                return Err(err("model too large"));
            }
            if c > 0 {
                entries.push((h, ((off as u32) << 8) | c as u32));
            }
        }
        Ok(DependencyParser {
            object_heads: OBJECT_HEADS,
            label_bias: Vec::new(),
            scale,
            table: FeatTable::new(&entries),
            rows,
        }
        .with_label_margins(true))
    }

    /// Scores every action. The table is larger than the caches, so the lookups are split
    /// into passes of independent loads (slots, then row starts) that the processor can
    /// overlap, instead of one dependent chain per feature.
    #[inline]
    fn scores(&self, feats: &[u32; NUM_FEATS], out: &mut [i32; NUM_ACTIONS]) {
        *out = [0; NUM_ACTIONS];
        let t = &self.table;
        let mut slot = [0u64; NUM_FEATS];
        for (s, &f) in slot.iter_mut().zip(feats) {
            *s = t.slots[spread(f) & t.mask];
        }
        let mut found = [u32::MAX; NUM_FEATS];
        let mut first = [0u32; NUM_FEATS];
        for k in 0..NUM_FEATS {
            let s = slot[k];
            let v = if s as u32 == u32::MAX {
                continue;
            } else if (s >> 32) as u32 == feats[k] {
                s as u32
            } else {
                match t.get(feats[k]) {
                    Some(v) => v,
                    None => continue,
                }
            };
            found[k] = v;
            first[k] = self.rows[(v >> 8) as usize];
        }
        let add = |out: &mut [i32; NUM_ACTIONS], e: u32| out[(e >> 16) as usize] += (e & 0xffff) as u16 as i16 as i32;
        for k in 0..NUM_FEATS {
            let v = found[k];
            if v == u32::MAX {
                continue;
            }
            add(out, first[k]);
            let off = (v >> 8) as usize;
            let len = (v & 0xff) as usize;
            for &e in &self.rows[off + 1..off + len] {
                add(out, e);
            }
        }
    }

    /// Turns the object constraint on (the default) or off. With it on, an `obj` or `iobj`
    /// arc is drawn only to a word the tagger tagged VERB or AUX, or to "worth": in UD
    /// English-EWT dev 1,209 of 1,211 objects hang on a verb (the other two on "worth"), and a
    /// greedy parser that hangs one elsewhere is almost always misreading a fragment or an
    /// appositive ("Great place 5 stars"). AUX is allowed because the tagger sometimes takes
    /// main-verb "have" or "do" for one. The next-best action is taken instead. Costs nothing
    /// measurable.
    ///
    /// ```
    /// # use petrel::depparse::DependencyParser;
    /// let unconstrained = DependencyParser::builtin().with_object_constraint(false);
    /// # let _ = unconstrained;
    /// ```
    pub fn with_object_constraint(mut self, on: bool) -> Self {
        self.object_heads = if on { OBJECT_HEADS } else { u32::MAX };
        self
    }

    /// Turns the label margins on (the default) or off. With them on, an arc labelled `nsubj`
    /// or `obj` is drawn only where its score beats every other action's by 30 weight units.
    /// The greedy parser proposes more subjects and objects than there are, and the doubtful
    /// ones are mostly wrong: on three held-out folds of UD English-EWT dev (models trained on
    /// the other four folds), the margins moved subject F1 from 0.865 to 0.873 and object F1
    /// from 0.823 to 0.838, precision up by three to five points and recall down by two. Costs
    /// nothing measurable.
    ///
    /// ```
    /// # use petrel::depparse::DependencyParser;
    /// let without = DependencyParser::builtin().with_label_margins(false);
    /// # let _ = without;
    /// ```
    pub fn with_label_margins(mut self, on: bool) -> Self {
        self.label_bias.clear();
        if on {
            for (label, margin) in LABEL_MARGINS {
                self = self.with_label_bias(label, -margin);
            }
        }
        self
    }

    /// Adds `bias` (in weight units) to the score of every arc labelled `label`, replacing an
    /// earlier bias for it (for experiments).
    #[doc(hidden)]
    pub fn with_label_bias(mut self, label: &str, bias: f32) -> Self {
        let l = label_index(label) as usize;
        self.label_bias.retain(|b| b.0 != l);
        self.label_bias.push((l, (bias / self.scale).round() as i32));
        self
    }

    /// The object constraint with another set of allowed head tags (for experiments).
    #[doc(hidden)]
    pub fn with_object_heads(mut self, tags: &[Tag]) -> Self {
        self.object_heads = tags.iter().fold(0, |m, &t| m | 1 << t as u32);
        self
    }

    /// Parses one tagged sentence: for every token, its head's index (`None` for the root)
    /// and its relation (one of [`LABELS`]).
    pub fn parse(&self, tokens: &[Token]) -> Vec<(Option<usize>, &'static str)> {
        let n = tokens.len();
        if n == 0 {
            return Vec::new();
        }
        if n >= NONE as usize - 2 {
            // Far beyond any real sentence; attach everything to the first word.
            return (0..n).map(|i| if i == 0 { (None, "root") } else { (Some(0), "dep") }).collect();
        }
        let sent = Sent::new(tokens);
        let mut st = State::new(n);
        let mut feats = [0u32; NUM_FEATS];
        let mut sc = [0i32; NUM_ACTIONS];
        // Which words may take an object; not the artificial root at index n. "worth" is the
        // one adjective EWT gives objects ("worth a visit").
        let object_head: Vec<bool> = tokens
            .iter()
            .map(|t| self.object_heads & (1 << t.tag as u32) != 0 || t.norm == "worth")
            .chain(std::iter::once(false))
            .collect();
        while !st.done() {
            st.features(&sent, &mut feats);
            self.scores(&feats, &mut sc);
            for &(l, b) in &self.label_bias {
                sc[LEFT + l] += b;
                sc[RIGHT + l] += b;
            }
            let mut best = usize::MAX;
            for a in 0..NUM_ACTIONS {
                if (best == usize::MAX || sc[a] > sc[best]) && st.valid(a) && st.object_fits(a, &object_head) {
                    best = a;
                }
            }
            st.apply(best);
        }
        (0..n)
            .map(|i| {
                let h = st.head[i] as usize;
                if h >= n { (None, "root") } else { (Some(h), LABELS[st.label[i] as usize]) }
            })
            .collect()
    }
}

/// A dependency parser as the treebank scoring (`grammar_eval::evaluate_parser`) sees it: each token's head
/// index (`None` for the root) and UD relation. Defined here, below the scoring, so that the
/// parser need not know its judge.
pub trait ArcParser {
    /// Each token's head index (`None` for the root) and UD relation.
    fn parse_arcs(&self, tokens: &[Token]) -> Vec<(Option<usize>, &'static str)>;
}

impl ArcParser for DependencyParser {
    fn parse_arcs(&self, tokens: &[Token]) -> Vec<(Option<usize>, &'static str)> {
        self.parse(tokens)
    }
}

// ---------------------------------------------------------------------------------------
// Training

/// Training support, used by `tools/train_parser.rs`. Not part of the stable API.
#[doc(hidden)]
pub mod train {
    use super::*;
    use std::collections::HashMap;

    /// One training sentence.
    #[derive(Clone)]
    pub struct Example {
        sent: Sent,
        /// Gold heads (n for the root, `NONE` unknown).
        heads: Vec<u16>,
        labels: Vec<u8>,
    }

    impl Example {
        /// Builds an example from tagged tokens and gold heads (`Some(0)` root, 1-based ids,
        /// `None` unknown) and relations. Non-projective arcs are lifted to the grandparent.
        pub fn new(tokens: &[Token], heads: &[Option<usize>], deprels: &[&str]) -> Example {
            let n = tokens.len();
            let mut h: Vec<Option<usize>> = heads.iter().map(|&x| x.map(|x| if x == 0 { n } else { x - 1 })).collect();
            projectivize(&mut h);
            let heads = h.iter().map(|x| x.map_or(NONE, |x| x as u16)).collect();
            let labels = deprels.iter().map(|d| label_index(d)).collect();
            Example { sent: Sent::new(tokens), heads, labels }
        }
    }

    /// Whether the arc (h, d) is crossed by another arc.
    fn crossed(h: &[Option<usize>], d: usize) -> bool {
        let Some(hd) = h[d] else { return false };
        let (lo, hi) = if hd < d { (hd, d) } else { (d, hd) };
        for k in lo + 1..hi {
            // Every word strictly inside must be dominated by hd.
            let mut x = k;
            let mut steps = 0;
            loop {
                match h[x] {
                    Some(p) if p == hd => break,
                    Some(p) if p < h.len() && steps < h.len() => {
                        x = p;
                        steps += 1;
                    }
                    _ => return true,
                }
            }
        }
        false
    }

    /// Lifts non-projective arcs (shortest first) until the tree is projective.
    pub fn projectivize(h: &mut [Option<usize>]) {
        let n = h.len();
        for _ in 0..n * 2 {
            let mut worst: Option<(usize, usize)> = None;
            for d in 0..n {
                if crossed(h, d) {
                    let len = h[d].unwrap().abs_diff(d);
                    if worst.is_none_or(|(l, _)| len < l) {
                        worst = Some((len, d));
                    }
                }
            }
            let Some((_, d)) = worst else { return };
            let p = h[d].unwrap();
            h[d] = if p < n { h[p] } else { None };
            if h[d].is_none() {
                return;
            }
        }
    }

    /// Tags (as feature ids) that the tagger commonly confuses with `t`.
    fn confusions(t: u32) -> Vec<u32> {
        use Tag::*;
        use VerbForm as F;
        let id = tag_id;
        let (tag, form) = (t / 6, t % 6);
        let is = |x: Tag| tag == id(x, F::None) / 6;
        if is(NOUN) {
            vec![id(PROPN, F::None), id(ADJ, F::None), id(VERB, F::Base), id(VERB, F::Present)]
        } else if is(PROPN) {
            vec![id(NOUN, F::None), id(ADJ, F::None), id(X, F::None)]
        } else if is(ADJ) {
            vec![id(NOUN, F::None), id(VERB, F::Participle), id(ADV, F::None), id(PROPN, F::None)]
        } else if is(VERB) {
            match form {
                2 => vec![id(VERB, F::Participle), id(ADJ, F::None)],
                4 => vec![id(VERB, F::Past), id(ADJ, F::None)],
                1 => vec![id(NOUN, F::None), id(VERB, F::Present)],
                3 => vec![id(NOUN, F::None), id(ADJ, F::None)],
                5 => vec![id(NOUN, F::None), id(VERB, F::Base)],
                _ => vec![id(NOUN, F::None)],
            }
        } else if is(AUX) {
            vec![tag_id(VERB, VerbForm::None) / 6 * 6 + form]
        } else if is(ADP) {
            vec![id(SCONJ, F::None), id(ADV, F::None), id(PART, F::None)]
        } else if is(SCONJ) {
            vec![id(ADP, F::None), id(PRON, F::None), id(ADV, F::None)]
        } else if is(PRON) {
            vec![id(DET, F::None), id(SCONJ, F::None)]
        } else if is(DET) {
            vec![id(PRON, F::None)]
        } else if is(ADV) {
            vec![id(ADJ, F::None), id(ADP, F::None), id(SCONJ, F::None)]
        } else if is(PART) {
            vec![id(ADP, F::None), id(ADV, F::None)]
        } else if is(NUM) {
            vec![id(NOUN, F::None), id(PROPN, F::None)]
        } else if is(X) || is(INTJ) {
            vec![id(NOUN, F::None), id(PROPN, F::None), id(ADV, F::None)]
        } else if is(SYM) {
            vec![id(PUNCT, F::None), id(NOUN, F::None)]
        } else {
            Vec::new()
        }
    }

    /// Cost of an action: gold arcs it makes unreachable (Goldberg & Nivre 2013).
    fn cost(st: &State, ex: &Example, a: usize) -> u32 {
        let n = st.n;
        let hd = &ex.heads;
        let s0 = st.s(0);
        let s1 = st.s(1);
        let b = st.b;
        if a == SHIFT {
            let mut c = 0;
            let hb = hd[b];
            for (k, &x) in st.stack.iter().enumerate() {
                if hd[x as usize] == b as u16 {
                    c += 1;
                }
                if hb == x && k + 1 < st.stack.len() {
                    c += 1;
                }
            }
            return c;
        }
        let s = s0 as usize;
        let mut c = (b..n).filter(|&k| hd[k] == s0).count() as u32;
        let h = hd[s];
        let (l, target) = if a < RIGHT { (a - LEFT, b as u16) } else { (a - RIGHT, s1) };
        if h != NONE {
            if h == target {
                if ex.labels[s] as usize != l && !(target as usize == n && l == ROOT_LABEL) {
                    c += 1;
                }
            } else if a < RIGHT {
                if h == s1 || (h as usize > b && h as usize <= n) {
                    c += 1;
                }
            } else if h as usize >= b && h as usize <= n {
                c += 1;
            }
        }
        c
    }

    #[derive(Clone, Copy)]
    struct Param {
        action: u8,
        w: f32,
        total: f32,
        stamp: u32,
    }

    /// An averaged perceptron over the parser's features.
    #[derive(Default)]
    pub struct Trainer {
        params: HashMap<u32, Vec<Param>>,
        step: u32,
        rng: u64,
        /// Transitions seen / predicted right (last epoch).
        pub seen: usize,
        /// Transitions whose predicted action had zero cost.
        pub right: usize,
        /// Probability of following a wrong prediction when exploring.
        pub explore_p: f64,
    }

    impl Trainer {
        /// A fresh trainer.
        pub fn new() -> Trainer {
            Trainer { rng: 0x2545_F491_4F6C_DD1D, explore_p: 0.9, ..Default::default() }
        }

        fn rand(&mut self) -> f64 {
            self.rng ^= self.rng << 13;
            self.rng ^= self.rng >> 7;
            self.rng ^= self.rng << 17;
            (self.rng >> 11) as f64 / (1u64 << 53) as f64
        }

        fn scores(&self, feats: &[u32; NUM_FEATS], out: &mut [f32; NUM_ACTIONS]) {
            *out = [0.0; NUM_ACTIONS];
            for f in feats {
                if let Some(row) = self.params.get(f) {
                    for p in row {
                        out[p.action as usize] += p.w;
                    }
                }
            }
        }

        fn update(&mut self, feats: &[u32; NUM_FEATS], action: usize, delta: f32) {
            let step = self.step;
            for f in feats {
                let row = self.params.entry(*f).or_default();
                let p = match row.iter().position(|p| p.action as usize == action) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Param { action: action as u8, w: 0.0, total: 0.0, stamp: step });
                        row.last_mut().unwrap()
                    }
                };
                p.total += (step - p.stamp) as f32 * p.w;
                p.stamp = step;
                p.w += delta;
            }
        }

        /// Trains on one sentence; `explore` follows the model's own (possibly wrong) actions
        /// with probability `explore_p`; `noise` is the chance that a word's tag is replaced by one
        /// the tagger often confuses it with, so that the model learns not to trust tags
        /// blindly (the tagger is more accurate on its own training sentences than on new
        /// text).
        pub fn train(&mut self, ex: &Example, explore: bool, noise: f64) {
            let n = ex.heads.len();
            let mut noisy = None;
            if noise > 0.0 {
                let mut t = ex.sent.t.clone();
                for x in t.iter_mut().take(n) {
                    if self.rand() < noise {
                        let alts = confusions(*x);
                        if !alts.is_empty() {
                            let k = (self.rand() * alts.len() as f64) as usize;
                            *x = alts[k.min(alts.len() - 1)];
                        }
                    }
                }
                noisy = Some(Sent { w: ex.sent.w.clone(), t, c: ex.sent.c.clone(), c6: ex.sent.c6.clone() });
            }
            let sent = noisy.as_ref().unwrap_or(&ex.sent);
            let mut st = State::new(n);
            let mut feats = [0u32; NUM_FEATS];
            let mut sc = [0f32; NUM_ACTIONS];
            while !st.done() {
                self.step += 1;
                st.features(sent, &mut feats);
                self.scores(&feats, &mut sc);
                let mut pred = usize::MAX;
                let mut gold = usize::MAX;
                let mut min_cost = u32::MAX;
                let mut costs = [u32::MAX; NUM_ACTIONS];
                for a in 0..NUM_ACTIONS {
                    if !st.valid(a) {
                        continue;
                    }
                    costs[a] = cost(&st, ex, a);
                    min_cost = min_cost.min(costs[a]);
                    if pred == usize::MAX || sc[a] > sc[pred] {
                        pred = a;
                    }
                }
                for a in 0..NUM_ACTIONS {
                    if costs[a] == min_cost && (gold == usize::MAX || sc[a] > sc[gold]) {
                        gold = a;
                    }
                }
                self.seen += 1;
                if costs[pred] == min_cost {
                    self.right += 1;
                    st.apply(pred);
                } else {
                    self.update(&feats, gold, 1.0);
                    self.update(&feats, pred, -1.0);
                    if explore && self.rand() < self.explore_p {
                        st.apply(pred);
                    } else {
                        st.apply(gold);
                    }
                }
            }
        }

        /// The averaged model as a model file, dropping weights below `min_abs`.
        pub fn model(&self, min_abs: f32) -> Vec<u8> {
            let step = self.step.max(1);
            let mut feats: Vec<(u32, Vec<(u8, f32)>)> = self
                .params
                .iter()
                .map(|(&h, row)| {
                    let mut r: Vec<(u8, f32)> = row
                        .iter()
                        .map(|p| (p.action, (p.total + (step - p.stamp) as f32 * p.w) / step as f32))
                        .filter(|&(_, w)| w.abs() >= min_abs)
                        .collect();
                    r.sort_by_key(|x| x.0);
                    (h, r)
                })
                .filter(|(_, r)| !r.is_empty())
                .collect();
            feats.sort_by_key(|x| x.0);
            let max = feats.iter().flat_map(|(_, r)| r.iter().map(|x| x.1.abs())).fold(1e-6f32, f32::max);
            let scale = max / 32767.0;
            let mut out = b"PDEP1".to_vec();
            out.push(LABELS.len() as u8);
            for l in LABELS {
                out.push(l.len() as u8);
                out.extend_from_slice(l.as_bytes());
            }
            out.extend_from_slice(&scale.to_le_bytes());
            out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
            for (h, r) in &feats {
                out.extend_from_slice(&h.to_le_bytes());
                out.push(r.len() as u8);
                for &(a, w) in r {
                    out.push(a);
                    out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
                }
            }
            out
        }

        /// Distinct features.
        pub fn len(&self) -> usize {
            self.params.len()
        }

        /// No features yet.
        pub fn is_empty(&self) -> bool {
            self.params.is_empty()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pos::{PerceptronTagger, PosTagger};
    use crate::text::normalize;

    fn tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut pos = 0;
        for w in text.split(' ') {
            out.push(Token {
                start: pos,
                end: pos + w.len(),
                norm: normalize(w),
                lemma: String::new(),
                tag: Tag::X,
                form: VerbForm::None,
                capitalized: w.chars().next().is_some_and(char::is_uppercase),
                cluster: 0,
            });
            pos += w.len() + 1;
        }
        PerceptronTagger::builtin().tag(&mut out, text);
        out
    }

    #[test]
    fn parses_subject_and_object() {
        let text = "The rebels attacked the village .";
        let toks = tokens(text);
        let p = DependencyParser::builtin().parse(&toks);
        assert_eq!(p.len(), 6);
        assert_eq!(p[2], (None, "root"));
        assert_eq!(p[1], (Some(2), "nsubj"));
        assert_eq!(p[4], (Some(2), "obj"));
        assert_eq!(p[0], (Some(1), "det"));
    }

    #[test]
    fn parses_passive_agent() {
        let text = "The village was attacked by rebels .";
        let p = DependencyParser::builtin().parse(&tokens(text));
        assert_eq!(p[1], (Some(3), "nsubj:pass"));
        assert_eq!(p[5], (Some(3), "obl:agent"));
    }

    #[test]
    fn label_margins_hold_back_doubtful_arcs() {
        let toks = tokens("The rebels attacked the village .");
        // Clear cases keep their subject and object, margins on or off.
        for p in [DependencyParser::builtin(), DependencyParser::builtin().with_label_margins(false)] {
            let arcs = p.parse(&toks);
            assert_eq!((arcs[1], arcs[4]), ((Some(2), "nsubj"), (Some(2), "obj")));
        }
        // A margin nothing can beat leaves no object at all.
        let p = DependencyParser::builtin().with_label_bias("obj", -1.0e6);
        assert!(p.parse(&toks).iter().all(|a| a.1 != "obj"));
    }

    #[test]
    fn object_label_constants_match_labels() {
        assert_eq!(LABELS[OBJ_LABEL], "obj");
        assert_eq!(LABELS[IOBJ_LABEL], "iobj");
    }

    #[test]
    fn objects_hang_only_on_verbs() {
        // Without the constraint the model hangs "it" on the comma of "No , it was n't ."
        let p = DependencyParser::builtin();
        for text in ["No , it was n't .", "Great place , five stars .", "Russia condemned the strike ."] {
            let toks = tokens(text);
            for (i, (h, rel)) in p.parse(&toks).iter().enumerate() {
                if matches!(*rel, "obj" | "iobj") {
                    let h = h.expect("an object has a head");
                    assert!(
                        matches!(toks[h].tag, Tag::VERB | Tag::AUX),
                        "{text}: {} -> {}",
                        toks[i].norm,
                        toks[h].norm
                    );
                }
            }
        }
    }

    #[test]
    fn worth_takes_an_object() {
        // EWT's one adjective with an object: "worth a visit", "worth it".
        let toks = tokens("Well worth a visit .");
        let arcs = DependencyParser::builtin().parse(&toks);
        assert_eq!(arcs[3], (Some(1), "obj"), "{arcs:?}");
    }

    #[test]
    fn one_root_and_empty() {
        let p = DependencyParser::builtin().parse(&tokens("Hello there , world ; yes no maybe"));
        assert_eq!(p.iter().filter(|x| x.0.is_none()).count(), 1);
        assert!(DependencyParser::builtin().parse(&[]).is_empty());
    }

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // 0 <- 2, 1 <- 3, crossing: (2,0) and (3,1).
        let mut h = [Some(2), Some(3), Some(4), Some(2), None];
        train::projectivize(&mut h[..4]);
        assert_eq!(h[1], Some(2));
    }
}
