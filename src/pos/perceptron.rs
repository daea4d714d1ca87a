//! An averaged-perceptron part-of-speech tagger.
//!
//! Each token gets one joint label: a Penn Treebank tag together with its UD UPOS tag
//! ("VBD"+VERB, "VBZ"+AUX, "IN"+SCONJ...), so the verb form (from the Penn tag) and the
//! universal tag come from one decision. Decoding is greedy, left to right; features are the
//! word, its neighbours, affixes, shape, two tags to the left, two lexicon classes per word
//! and its word cluster (see [`Lexicon`](self#lexicon)), which cover words the training
//! sentences never showed, whether the sentence is a headline (most words capitalized, so
//! capitals say little), and the guesses of a first-pass tagger trained on EWT's train split
//! ([`super::prior`]) at the word and its neighbours (stacking: this model learns when to
//! trust them).
//!
//! Cost: O(tokens x features), about 50 table reads per token (42 features and the first
//! pass's rows); a sentence of 20 tokens takes a few microseconds. Every feature that names
//! a word reuses one hash of the word (`word_hash`), and a feature with one or two weights
//! keeps them in its table slot. The model is embedded in the binary
//! ([`PerceptronTagger::builtin`]) and read in about 50 ms with the first pass's.
//!
//! # Lexicon
//! Every word the lexicon knows carries two class ids: a *probability class* (the Penn tags a
//! Wall Street Journal lexicon gives the word, most probable first) and a *morphology class*
//! (the Penn tags its inflection tables allow: "attack" NN|VB|VBP, "attacks" NNS|VBZ). Both
//! are features, so the weights learn how far to trust them. About 100,000 words also carry
//! a *word cluster* (Brown clusters: words used in like contexts share one, "condemned" with
//! "denounced"), read as the whole cluster and as its first 4, 6 and 10 branches
//! ([`cluster_prefix`]); the tagger copies it into [`Token::cluster`] for the parser.
//!
//! # Model file
//! Little-endian: magic `PTAG3`, the Penn tag names, the joint classes, the lexicon (delta
//! coded keys), the word clusters (delta coded keys, varint clusters), a weight scale, then
//! the features (delta coded 32-bit hashes, a count, and per count a class byte and an `i16`
//! weight).

use super::PosTagger;
use super::hashing::{FeatHasher, U32Map, WeightTable, pack_weight, str_hash, word_hash};
use super::lemma::lemma_penn;
use super::prior::PriorTagger;
pub use super::reader::ModelError;
use super::reader::{Reader, prefix, put_varint, suffix};
use crate::annotate::{Tag, Token, VerbForm};

/// The embedded model (see the module docs for the format; `tools/train_tagger.rs` makes it).
static BUILTIN_MODEL: &[u8] = include_bytes!("model/tagger.bin");

/// One joint label.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    /// Index into [`PerceptronTagger::xpos_names`].
    pub xpos: u8,
    /// The universal tag.
    pub upos: Tag,
    /// The verb form the Penn tag implies.
    pub form: VerbForm,
}

/// The verb form a Penn tag implies (`None` for non-verbs and modals).
pub fn form_of_xpos(xpos: &str) -> VerbForm {
    match xpos {
        "VB" => VerbForm::Base,
        "VBD" => VerbForm::Past,
        "VBG" => VerbForm::Gerund,
        "VBN" => VerbForm::Participle,
        "VBP" | "VBZ" => VerbForm::Present,
        _ => VerbForm::None,
    }
}

pub(crate) const ALL_TAGS: [Tag; 17] = [
    Tag::ADJ,
    Tag::ADP,
    Tag::ADV,
    Tag::AUX,
    Tag::CCONJ,
    Tag::DET,
    Tag::INTJ,
    Tag::NOUN,
    Tag::NUM,
    Tag::PART,
    Tag::PRON,
    Tag::PROPN,
    Tag::PUNCT,
    Tag::SCONJ,
    Tag::SYM,
    Tag::VERB,
    Tag::X,
];

fn tag_index(t: Tag) -> u8 {
    ALL_TAGS.iter().position(|&x| x == t).unwrap_or(16) as u8
}

/// Word-to-class lexicon: for each word its probability class and morphology class (ids
/// from 1) and its word cluster (see [`cluster_prefix`]), packed into one table value so a
/// word costs one probe: class ids take 10 bits each, the cluster an 11-bit index into
/// `cluster_values`.
pub(crate) struct Lexicon {
    map: U32Map,
    cluster_values: Vec<u32>,
}

const CLASS_BITS: u32 = 10;
const CLUSTER_INDEX_BITS: u32 = 11;

impl Lexicon {
    /// `entries`: (word key, probability class, morphology class); `clusters`: (word key,
    /// cluster). The first entry for a key wins. Fails if a class id or the number of distinct
    /// clusters does not fit the packing.
    pub(crate) fn new(entries: &[(u32, u16, u16)], clusters: &[(u32, u32)]) -> Result<Self, String> {
        let mut values: Vec<u32> = clusters.iter().map(|c| c.1).filter(|&c| c != 0).collect();
        values.sort_unstable();
        values.dedup();
        if values.len() >= 1 << CLUSTER_INDEX_BITS {
            return Err(format!("{} distinct word clusters, at most {}", values.len(), (1 << CLUSTER_INDEX_BITS) - 1));
        }
        let mut merged: Vec<(u32, u32, u32)> = Vec::with_capacity(entries.len() + clusters.len());
        let mut seen = std::collections::HashMap::with_capacity(entries.len() + clusters.len());
        for &(k, p, m) in entries {
            if p as u32 >= 1 << CLASS_BITS || m as u32 >= 1 << CLASS_BITS {
                return Err(format!("lexicon class id {} too large", p.max(m)));
            }
            seen.entry(k).or_insert_with(|| {
                merged.push((k, p as u32 | (m as u32) << CLASS_BITS, 0));
                merged.len() - 1
            });
        }
        for &(k, c) in clusters {
            let index = match values.binary_search(&c) {
                Ok(i) => i as u32 + 1,
                Err(_) => continue, // cluster 0: none
            };
            let slot = *seen.entry(k).or_insert_with(|| {
                merged.push((k, 0, 0));
                merged.len() - 1
            });
            if merged[slot].2 == 0 {
                merged[slot].2 = index;
            }
        }
        merged.sort_unstable_by_key(|e| e.0);
        let map = U32Map::with_entries(merged.iter().map(|&(k, pm, c)| (k, pm | c << (2 * CLASS_BITS))));
        let mut cluster_values = vec![0];
        cluster_values.extend(values);
        Ok(Lexicon { map, cluster_values })
    }

    /// (probability class, morphology class, cluster) of a stored word; zeros if absent.
    #[inline]
    fn get(&self, word: &str) -> (u32, u32, u32) {
        const MASK: u32 = (1 << CLASS_BITS) - 1;
        match self.map.get(str_hash(word)) {
            Some(v) => (v & MASK, (v >> CLASS_BITS) & MASK, self.cluster_values[(v >> (2 * CLASS_BITS)) as usize]),
            None => (0, 0, 0),
        }
    }

    /// (probability class, morphology class, cluster) for a normalized word; 0 means unknown.
    /// A hyphenated word unknown as a whole takes the classes of its last part, marked, and
    /// that part's cluster ("Cuban-backed" those of "backed").
    #[inline]
    fn lookup(&self, norm: &str) -> (u32, u32, u32) {
        let (mut p, mut m, mut c) = self.get(norm);
        if (p | m) == 0 || c == 0 {
            if let Some(i) = norm.rfind('-') {
                let last = &norm[i + 1..];
                if !last.is_empty() {
                    let (lp, lm, lc) = self.get(last);
                    if (p | m) == 0 && (lp | lm) != 0 {
                        (p, m) = (lp | 0x10000, lm | 0x10000);
                    }
                    if c == 0 {
                        c = lc;
                    }
                }
            }
        }
        (p, m, c)
    }
}

/// Per-token facts the features read.
struct Tok<'a> {
    norm: &'a str,
    /// [`word_hash`] of `norm`.
    hw: u64,
    shape: [u8; 8],
    shape_len: u8,
    flags: u32,
    lexp: u32,
    lexm: u32,
    cluster: u32,
}

/// The first `k` branches of a word cluster's path: a coarser cluster. A cluster value holds
/// its path's bits from the root in the low bits, above a leading 1 (so the path "0 1 1" is
/// `0b1110`); a path shorter than `k` is returned whole, and 0 (no cluster) stays 0.
/// Constant time.
///
/// ```
/// use petrel::pos::perceptron::cluster_prefix;
/// assert_eq!(cluster_prefix(0b1_0110, 2), 0b1_10);
/// assert_eq!(cluster_prefix(0b1_0110, 6), 0b1_0110);
/// ```
#[inline]
pub fn cluster_prefix(cluster: u32, k: u32) -> u32 {
    if cluster == 0 || 31 - cluster.leading_zeros() <= k { cluster } else { (cluster & ((1 << k) - 1)) | (1 << k) }
}

fn shape_of(surface: &str) -> ([u8; 8], u8) {
    let mut out = [0u8; 8];
    let mut n = 0usize;
    let mut last = 0u8;
    for c in surface.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'~'
        };
        if s == last {
            continue;
        }
        last = s;
        if n == out.len() {
            break;
        }
        out[n] = s;
        n += 1;
    }
    (out, n as u8)
}

const NUM_STATIC: usize = 36;
const NUM_DYNAMIC: usize = 6;
/// Features per token.
pub(crate) const NUM_FEATS: usize = NUM_STATIC + NUM_DYNAMIC;

/// Computes the static (tag-independent) features of every token into `out`,
/// `NUM_STATIC` per token, each token's [`word_hash`] into `hws` (the dynamic features read
/// it), and (when given) each token's word cluster into `clusters`. `prior` holds the
/// first-pass tagger's guess for each token.
pub(crate) fn static_features(
    lex: &Lexicon,
    words: &[(&str, &str, bool)],
    prior: &[u8],
    out: &mut Vec<u32>,
    hws: &mut Vec<u64>,
    clusters: Option<&mut Vec<u32>>,
) {
    // words: (surface, norm, capitalized)
    let n = words.len();
    // A headline or title ("Customer Service Department Closes") capitalizes common nouns:
    // most of its words (at least three) start with a capital.
    let (mut lettered, mut capital) = (0usize, 0usize);
    for &(surface, _, cap) in words {
        if surface.chars().next().is_some_and(char::is_alphabetic) {
            lettered += 1;
            capital += cap as usize;
        }
    }
    let title = capital >= 3 && capital * 5 > lettered * 3;
    let toks: Vec<Tok> = words
        .iter()
        .enumerate()
        .map(|(i, &(surface, norm, cap))| {
            let (shape, shape_len) = shape_of(surface);
            let (lexp, lexm, cluster) = lex.lookup(norm);
            let mut flags = 0u32;
            if i == 0 {
                flags |= 1;
            }
            if cap {
                flags |= 2;
            }
            if surface.chars().any(|c| c.is_ascii_digit()) {
                flags |= 4;
            }
            if surface.contains('-') {
                flags |= 8;
            }
            if surface.len() > 1
                && surface.chars().all(|c| !c.is_lowercase())
                && surface.chars().any(|c| c.is_uppercase())
            {
                flags |= 16;
            }
            if title {
                flags |= 32;
            }
            Tok { norm, hw: word_hash(norm), shape, shape_len, flags, lexp, lexm, cluster }
        })
        .collect();
    if let Some(c) = clusters {
        c.extend(toks.iter().map(|t| t.cluster));
    }
    hws.clear();
    hws.extend(toks.iter().map(|t| t.hw));
    let (start_hw, end_hw) = (word_hash("<s>"), word_hash("</s>"));
    let hw = |j: isize| -> u64 {
        if j < 0 {
            start_hw
        } else if j as usize >= n {
            end_hw
        } else {
            toks[j as usize].hw
        }
    };
    // A neighbour's value, or a marker for the positions before the start and past the end.
    let around = |j: isize, value: fn(&Tok) -> u32, before: u32, after: u32| -> u32 {
        if j < 0 {
            before
        } else if j as usize >= n {
            after
        } else {
            value(&toks[j as usize])
        }
    };
    let lp = |j: isize| around(j, |t| t.lexp, 0xfff0, 0xfff1);
    let cl = |j: isize| around(j, |t| t.cluster, 0x7fff_fff0, 0x7fff_fff1);
    let pg = |j: isize| -> u32 {
        if j < 0 {
            0xf0
        } else if j as usize >= n {
            0xf1
        } else {
            prior[j as usize] as u32
        }
    };
    out.reserve(n * NUM_STATIC);
    for i in 0..n {
        let t = &toks[i];
        let ii = i as isize;
        let w0 = t.norm;
        let shape = &t.shape[..t.shape_len as usize];
        let f = |k: u8| FeatHasher::new(k);
        let next_m = if i + 1 < n { toks[i + 1].lexm } else { 0xfff1 };
        let start = out.len();
        out.extend_from_slice(&[
            f(0).finish(),
            f(1).word(t.hw).finish(),
            f(2).word(hw(ii - 1)).finish(),
            f(3).word(hw(ii + 1)).finish(),
            f(4).word(hw(ii - 2)).finish(),
            f(5).word(hw(ii + 2)).finish(),
            f(6).str(suffix(w0, 1)).finish(),
            f(7).str(suffix(w0, 2)).finish(),
            f(8).str(suffix(w0, 3)).finish(),
            f(9).str(suffix(w0, 4)).finish(),
            f(10).str(prefix(w0, 1)).finish(),
            f(11).str(prefix(w0, 2)).finish(),
            f(13).bytes(shape).finish(),
            f(14).word(hw(ii - 1)).word(t.hw).finish(),
            f(15).word(t.hw).word(hw(ii + 1)).finish(),
            f(18).num(t.lexp).finish(),
            f(19).num(t.lexm).finish(),
            f(20).num(lp(ii - 1)).finish(),
            f(21).num(lp(ii + 1)).finish(),
            f(22).num(next_m).finish(),
            f(23).num(lp(ii + 2)).finish(),
            f(25).num(t.flags).finish(),
            f(26).num(t.lexp).num(t.lexm).finish(),
            f(27).num(t.lexp).num(lp(ii + 1)).finish(),
            f(28).word(t.hw).num(lp(ii + 1)).finish(),
            f(29).word(t.hw).num(lp(ii + 1)).num(lp(ii + 2)).finish(),
            f(36).word(t.hw).num(lp(ii - 1)).finish(),
            f(37).num(t.cluster).finish(),
            f(38).num(cluster_prefix(t.cluster, 4)).finish(),
            f(41).num(cl(ii - 1)).finish(),
            f(42).num(cl(ii + 1)).finish(),
            f(43).num(t.lexp).num(t.flags & (2 | 32)).finish(),
            f(44).num(pg(ii)).finish(),
            f(45).num(pg(ii)).num(pg(ii - 1)).finish(),
            f(46).num(pg(ii)).num(pg(ii + 1)).finish(),
            f(47).num(pg(ii)).word(t.hw).finish(),
        ]);
        debug_assert_eq!(out.len() - start, NUM_STATIC);
    }
}

/// Appends the features that read the tags already chosen to the left.
#[inline]
pub(crate) fn dynamic_features(statics: &[u32], hw: u64, next_hw: u64, t1: u32, t2: u32, out: &mut [u32; NUM_FEATS]) {
    out[..NUM_STATIC].copy_from_slice(statics);
    let f = |k: u8| FeatHasher::new(k);
    // statics[18] is the hashed lexicon-class feature: reuse it as a compact stand-in.
    out[NUM_STATIC] = f(30).num(t1).finish();
    out[NUM_STATIC + 1] = f(31).num(t1).num(t2).finish();
    out[NUM_STATIC + 2] = f(32).num(t1).word(hw).finish();
    out[NUM_STATIC + 3] = f(33).num(t1).num(statics[18]).finish();
    out[NUM_STATIC + 4] = f(34).num(t2).finish();
    out[NUM_STATIC + 5] = f(35).num(t1).word(next_hw).finish();
}

/// Anything that scores a feature vector: the trained model or the trainer's live weights.
pub(crate) trait Scorer {
    fn n_classes(&self) -> usize;
    fn add_scores(&self, feats: &[u32], scores: &mut [f32; 256]);
}

const START_TAG: u32 = 0xffff;

/// Greedy left-to-right decoding. `feats_out` (when given) receives each token's features.
pub(crate) fn decode<S: Scorer>(
    scorer: &S,
    class_xpos: &[u8],
    statics: &[u32],
    hws: &[u64],
    out: &mut Vec<u16>,
    mut feats_out: Option<&mut Vec<[u32; NUM_FEATS]>>,
) {
    let n = hws.len();
    out.clear();
    let nc = scorer.n_classes();
    let mut scores = [0f32; 256];
    let mut feats = [0u32; NUM_FEATS];
    let (mut t1, mut t2) = (START_TAG, START_TAG);
    for i in 0..n {
        let next = if i + 1 < n { hws[i + 1] } else { word_hash("</s>") };
        dynamic_features(&statics[i * NUM_STATIC..(i + 1) * NUM_STATIC], hws[i], next, t1, t2, &mut feats);
        scores[..nc].iter_mut().for_each(|s| *s = 0.0);
        scorer.add_scores(&feats, &mut scores);
        let sc = &scores[..nc];
        let mut best = 0usize;
        for c in 1..nc {
            if sc[c] > sc[best] {
                best = c;
            }
        }
        out.push(best as u16);
        if let Some(fo) = feats_out.as_deref_mut() {
            fo.push(feats);
        }
        t2 = t1;
        t1 = class_xpos[best] as u32;
    }
}

/// Per-thread buffers for one sentence's features, kept between sentences so tagging does
/// not allocate them each time.
#[derive(Default)]
struct Scratch {
    statics: Vec<u32>,
    guesses: Vec<u8>,
    hws: Vec<u64>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// The averaged-perceptron tagger (see the module docs).
pub struct PerceptronTagger {
    xpos_names: Vec<String>,
    classes: Vec<Class>,
    class_xpos: Vec<u8>,
    lex: Lexicon,
    /// The stacked first-pass tagger whose guesses are features (see [`super::prior`]).
    prior: PriorTagger,
    /// Feature hash → its weights per class.
    weights: WeightTable,
}

impl Scorer for PerceptronTagger {
    fn n_classes(&self) -> usize {
        self.classes.len()
    }

    #[inline]
    fn add_scores(&self, feats: &[u32], scores: &mut [f32; 256]) {
        self.weights.add_scores::<NUM_FEATS>(feats, scores);
    }
}

const MAGIC: &[u8] = b"PTAG3";

impl PerceptronTagger {
    /// The model shipped with petrel (trained on UD English-EWT dev plus lexicons; see
    /// `docs/language-layer.md`). Reads the embedded bytes each call: keep the tagger.
    pub fn builtin() -> Self {
        Self::from_bytes(BUILTIN_MODEL).expect("embedded tagger model is valid")
    }

    /// Reads a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader::new(b);
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError("not a tagger model (bad magic)".into()));
        }
        let nx = r.u32()? as usize;
        let mut xpos_names = Vec::with_capacity(nx);
        for _ in 0..nx {
            let len = r.u8()? as usize;
            let s = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError("bad tag name".into()))?;
            xpos_names.push(s.to_string());
        }
        let nc = r.u32()? as usize;
        if nc == 0 || nc > 255 {
            return Err(ModelError(format!("bad class count {nc}")));
        }
        let mut classes = Vec::with_capacity(nc);
        for _ in 0..nc {
            let x = r.u8()?;
            let u = r.u8()? as usize;
            let name = xpos_names.get(x as usize).ok_or_else(|| ModelError("bad class tag".into()))?;
            let upos = *ALL_TAGS.get(u).ok_or_else(|| ModelError("bad class upos".into()))?;
            classes.push(Class { xpos: x, upos, form: form_of_xpos(name) });
        }
        let nl = r.u32()? as usize;
        let mut lex = Vec::with_capacity(nl);
        let mut key = 0u32;
        for _ in 0..nl {
            key = key.wrapping_add(r.varint()?);
            let p = r.u16()?;
            let m = r.u16()?;
            lex.push((key, p, m));
        }
        let ncl = r.u32()? as usize;
        let mut clusters = Vec::with_capacity(ncl);
        let mut key = 0u32;
        for _ in 0..ncl {
            key = key.wrapping_add(r.varint()?);
            clusters.push((key, r.varint()?));
        }
        let scale = f32::from_bits(r.u32()?);
        let nf = r.u32()? as usize;
        let mut keys = Vec::with_capacity(nf);
        let mut key = 0u32;
        for _ in 0..nf {
            key = key.wrapping_add(r.varint()?);
            keys.push(key);
        }
        let counts = r.take(nf)?;
        let n_weights: usize = counts.iter().map(|&c| c as usize).sum();
        if n_weights >= 1 << 23 {
            return Err(ModelError("too many weights".into()));
        }
        let mut weights = Vec::with_capacity(n_weights);
        for e in r.take(n_weights * 3)?.chunks_exact(3) {
            if e[0] as usize >= nc {
                return Err(ModelError("bad weight class".into()));
            }
            let w = i16::from_le_bytes([e[1], e[2]]) as f32 * scale;
            weights.push(pack_weight(e[0], w));
        }
        if !r.at_end() {
            return Err(ModelError("trailing bytes".into()));
        }
        let class_xpos = classes.iter().map(|c| c.xpos).collect();
        Ok(PerceptronTagger {
            xpos_names,
            classes,
            class_xpos,
            lex: Lexicon::new(&lex, &clusters).map_err(ModelError)?,
            prior: PriorTagger::builtin(),
            weights: WeightTable::new(&keys, counts, &weights),
        })
    }

    /// The word cluster of a normalized word ([`Token::cluster`]; 0 when it has none). One
    /// table probe, two for a hyphenated word unknown as a whole (it takes its last part's).
    pub fn word_cluster(&self, norm: &str) -> u32 {
        self.lex.lookup(norm).2
    }

    /// Penn tag names, indexed by [`Class::xpos`].
    pub fn xpos_names(&self) -> &[String] {
        &self.xpos_names
    }

    /// The joint labels the model predicts.
    pub fn classes(&self) -> &[Class] {
        &self.classes
    }

    /// Predicts one joint label per word. `words` holds (surface, normalized form,
    /// capitalized); returns indexes into [`classes`](Self::classes).
    pub fn predict(&self, words: &[(&str, &str, bool)]) -> Vec<u16> {
        self.predict_with_clusters(words, None)
    }

    /// [`predict`](Self::predict), also writing each word's cluster into `clusters`.
    fn predict_with_clusters(&self, words: &[(&str, &str, bool)], clusters: Option<&mut Vec<u32>>) -> Vec<u16> {
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let Scratch { statics, guesses, hws } = &mut *guard;
            statics.clear();
            self.prior.guess(words, guesses);
            static_features(&self.lex, words, guesses, statics, hws, clusters);
            let mut out = Vec::with_capacity(words.len());
            decode(self, &self.class_xpos, statics, hws, &mut out, None);
            out
        })
    }

    /// Tags and lemmatizes, also returning each token's Penn tag.
    pub fn tag_with_xpos<'m>(&'m self, tokens: &mut [Token], text: &str) -> Vec<&'m str> {
        let words: Vec<(&str, &str, bool)> = tokens
            .iter()
            .map(|t| (text.get(t.start..t.end).unwrap_or(&t.norm), t.norm.as_str(), t.capitalized))
            .collect();
        let mut clusters = Vec::with_capacity(tokens.len());
        let pred = self.predict_with_clusters(&words, Some(&mut clusters));
        let mut xpos = Vec::with_capacity(tokens.len());
        for ((t, &c), &cluster) in tokens.iter_mut().zip(&pred).zip(&clusters) {
            t.cluster = cluster;
            let class = &self.classes[c as usize];
            let x = self.xpos_names[class.xpos as usize].as_str();
            t.tag = class.upos;
            t.form = if matches!(class.upos, Tag::VERB | Tag::AUX) { class.form } else { VerbForm::None };
            t.lemma = lemma_penn(&t.norm, class.upos, x);
            xpos.push(x);
        }
        // "'s" is "has" before "been"/"got" ("she's been", "he's got").
        for i in 0..tokens.len().saturating_sub(1) {
            if tokens[i].lemma == "be"
                && matches!(tokens[i].norm.as_str(), "'s" | "s")
                && matches!(tokens[i + 1].norm.as_str(), "been" | "got")
            {
                tokens[i].lemma = "have".to_string();
            }
        }
        xpos
    }
}

impl PosTagger for PerceptronTagger {
    fn tag(&self, tokens: &mut [Token], text: &str) {
        self.tag_penn(tokens, text);
    }

    /// The model's Penn tags; the repairs after it change the universal tag only.
    fn tag_penn<'a>(&'a self, tokens: &mut [Token], text: &str) -> Option<Vec<&'a str>> {
        let penn = self.tag_with_xpos(tokens, text);
        super::rules::repair_closed_classes(tokens);
        super::rules::repair_unknown_names(tokens, text);
        super::rules::repair_by_shape(tokens);
        super::rules::repair_fixed_words(tokens);
        super::rules::repair_with_right_context(tokens);
        super::rules::repair_auxiliaries(tokens);
        Some(penn)
    }
}

/// Training support, used by `tools/train_tagger.rs`. Not part of the stable API.
#[doc(hidden)]
pub mod train {
    use super::*;
    use std::collections::HashMap;

    #[derive(Clone, Copy)]
    struct Param {
        class: u8,
        w: f32,
        total: f32,
        stamp: u32,
    }

    /// One training sentence: words as (surface, norm, capitalized) and gold class ids.
    pub struct Example {
        pub words: Vec<(String, String, bool)>,
        pub gold: Vec<u16>,
        /// How much a mistake on this sentence counts (gold 1.0; silver data less).
        pub weight: f32,
        /// Per word: only the Penn tag of `gold` is trusted (silver data): any class with
        /// that Penn tag counts as right, and a mistake moves toward the best-scoring one.
        pub xpos_only: Vec<bool>,
    }

    pub struct Trainer {
        pub xpos_names: Vec<String>,
        pub classes: Vec<(u8, Tag)>,
        class_xpos: Vec<u8>,
        lex_entries: Vec<(u32, u16, u16)>,
        cluster_entries: Vec<(u32, u32)>,
        lex: Lexicon,
        prior: PriorTagger,
        weights: HashMap<u32, Vec<Param>>,
        step: u32,
    }

    struct Live<'a>(&'a Trainer);

    impl Scorer for Live<'_> {
        fn n_classes(&self) -> usize {
            self.0.classes.len()
        }
        fn add_scores(&self, feats: &[u32], scores: &mut [f32; 256]) {
            for f in feats {
                if let Some(ps) = self.0.weights.get(f) {
                    for p in ps {
                        scores[p.class as usize] += p.w;
                    }
                }
            }
        }
    }

    impl Trainer {
        /// `lex_entries`: (word key, probability class, morphology class); `cluster_entries`:
        /// (word key, cluster), see [`lexicon_key`].
        pub fn new(
            xpos_names: Vec<String>,
            classes: Vec<(u8, Tag)>,
            lex_entries: Vec<(u32, u16, u16)>,
            cluster_entries: Vec<(u32, u32)>,
        ) -> Self {
            let class_xpos = classes.iter().map(|c| c.0).collect();
            let lex = Lexicon::new(&lex_entries, &cluster_entries).expect("the lexicon fits the model's packing");
            Trainer {
                xpos_names,
                classes,
                class_xpos,
                lex_entries,
                cluster_entries,
                lex,
                prior: PriorTagger::builtin(),
                weights: HashMap::new(),
                step: 0,
            }
        }

        fn update(&mut self, feats: &[u32], class: u8, delta: f32) {
            let step = self.step;
            for &f in feats {
                let ps = self.weights.entry(f).or_default();
                let p = match ps.iter_mut().position(|p| p.class == class) {
                    Some(i) => &mut ps[i],
                    None => {
                        ps.push(Param { class, w: 0.0, total: 0.0, stamp: step });
                        ps.last_mut().unwrap()
                    }
                };
                p.total += (step - p.stamp) as f32 * p.w;
                p.stamp = step;
                p.w += delta;
            }
        }

        /// One pass over `examples` in the given order; returns the number of token errors.
        pub fn epoch(&mut self, examples: &[Example], order: &[usize]) -> usize {
            let mut errors = 0;
            let mut statics = Vec::new();
            let mut guesses = Vec::new();
            let mut hws = Vec::new();
            for &k in order {
                let ex = &examples[k];
                let words: Vec<(&str, &str, bool)> =
                    ex.words.iter().map(|(s, n, c)| (s.as_str(), n.as_str(), *c)).collect();
                statics.clear();
                self.prior.guess(&words, &mut guesses);
                static_features(&self.lex, &words, &guesses, &mut statics, &mut hws, None);
                // Decode greedily with the live weights, updating after each token so later
                // tokens see the corrected history (as in standard greedy training).
                let n = words.len();
                let mut t1 = START_TAG;
                let mut t2 = START_TAG;
                let mut fv = [0u32; NUM_FEATS];
                let mut scores = [0f32; 256];
                let nc = self.classes.len();
                for i in 0..n {
                    self.step += 1;
                    let next = if i + 1 < n { hws[i + 1] } else { word_hash("</s>") };
                    dynamic_features(&statics[i * NUM_STATIC..(i + 1) * NUM_STATIC], hws[i], next, t1, t2, &mut fv);
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    Live(self).add_scores(&fv, &mut scores);
                    let mut best = 0usize;
                    for c in 1..nc {
                        if scores[c] > scores[best] {
                            best = c;
                        }
                    }
                    let mut gold = ex.gold[i] as usize;
                    if ex.xpos_only[i] {
                        let gx = self.class_xpos[gold];
                        if self.class_xpos[best] == gx {
                            gold = best;
                        } else {
                            let mut b = usize::MAX;
                            for c in 0..nc {
                                if self.class_xpos[c] == gx && (b == usize::MAX || scores[c] > scores[b]) {
                                    b = c;
                                }
                            }
                            gold = b;
                        }
                    }
                    if best != gold {
                        errors += 1;
                        self.update(&fv, gold as u8, ex.weight);
                        self.update(&fv, best as u8, -ex.weight);
                    }
                    t2 = t1;
                    t1 = self.class_xpos[best] as u32;
                }
            }
            errors
        }

        /// Averages the weights, drops those below `min_abs`, quantizes to i16 and writes the
        /// model file.
        pub fn finish(&self, min_abs: f32) -> Vec<u8> {
            self.finish_bagged(&[], min_abs)
        }

        /// The averaged weights of every feature: (class, weight) pairs.
        fn averaged(&self) -> HashMap<u32, Vec<(u8, f32)>> {
            let step = self.step.max(1);
            self.weights
                .iter()
                .map(|(&k, ps)| {
                    (k, ps.iter().map(|p| (p.class, (p.total + (step - p.stamp) as f32 * p.w) / step as f32)).collect())
                })
                .collect()
        }

        /// Like [`finish`](Self::finish), with the mean of this trainer's averaged weights and
        /// those of `others` (trained alike on other orderings of the same examples: bagging
        /// the orderings smooths the perceptron's dependence on the order it saw).
        pub fn finish_bagged(&self, others: &[&Trainer], min_abs: f32) -> Vec<u8> {
            let mut sum = self.averaged();
            for o in others {
                for (k, ws) in o.averaged() {
                    let v = sum.entry(k).or_default();
                    for (c, w) in ws {
                        match v.iter_mut().find(|e| e.0 == c) {
                            Some(e) => e.1 += w,
                            None => v.push((c, w)),
                        }
                    }
                }
            }
            let n = (others.len() + 1) as f32;
            let mut feats: Vec<(u32, Vec<(u8, f32)>)> = Vec::new();
            let mut max_abs = 0f32;
            for (k, ws) in sum {
                let mut v: Vec<(u8, f32)> =
                    ws.into_iter().map(|(c, w)| (c, w / n)).filter(|(_, w)| w.abs() >= min_abs).collect();
                if v.is_empty() {
                    continue;
                }
                v.sort_by_key(|e| e.0);
                v.truncate(255);
                for e in &v {
                    max_abs = max_abs.max(e.1.abs());
                }
                feats.push((k, v));
            }
            feats.sort_by_key(|f| f.0);
            let scale = if max_abs > 0.0 { max_abs / 32767.0 } else { 1.0 };
            let mut out = Vec::new();
            out.extend_from_slice(MAGIC);
            out.extend_from_slice(&(self.xpos_names.len() as u32).to_le_bytes());
            for x in &self.xpos_names {
                out.push(x.len() as u8);
                out.extend_from_slice(x.as_bytes());
            }
            out.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
            for &(x, u) in &self.classes {
                out.push(x);
                out.push(tag_index(u));
            }
            let mut lex = self.lex_entries.clone();
            lex.sort_by_key(|e| e.0);
            lex.dedup_by_key(|e| e.0);
            out.extend_from_slice(&(lex.len() as u32).to_le_bytes());
            let mut prev = 0u32;
            for &(k, p, m) in &lex {
                put_varint(&mut out, k.wrapping_sub(prev));
                prev = k;
                out.extend_from_slice(&p.to_le_bytes());
                out.extend_from_slice(&m.to_le_bytes());
            }
            let mut clusters = self.cluster_entries.clone();
            clusters.sort_by_key(|e| e.0);
            clusters.dedup_by_key(|e| e.0);
            out.extend_from_slice(&(clusters.len() as u32).to_le_bytes());
            let mut prev = 0u32;
            for &(k, c) in &clusters {
                put_varint(&mut out, k.wrapping_sub(prev));
                prev = k;
                put_varint(&mut out, c);
            }
            out.extend_from_slice(&scale.to_bits().to_le_bytes());
            out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
            let mut prev = 0u32;
            for (k, _) in &feats {
                put_varint(&mut out, k.wrapping_sub(prev));
                prev = *k;
            }
            for (_, v) in &feats {
                out.push(v.len() as u8);
            }
            for (_, v) in &feats {
                for &(c, w) in v {
                    out.push(c);
                    let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                    out.extend_from_slice(&q.to_le_bytes());
                }
            }
            out
        }
    }

    /// Hash of a lexicon key, as the tagger looks words up.
    pub fn lexicon_key(norm: &str) -> u32 {
        str_hash(norm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    /// Tags a sentence given as space-separated words; returns (word, UPOS, form, lemma).
    fn tag(sentence: &str) -> Vec<(String, Tag, VerbForm, String)> {
        let tokens = tagged_tokens(sentence);
        tokens.iter().map(|t| (sentence[t.start..t.end].to_string(), t.tag, t.form, t.lemma.clone())).collect()
    }

    /// Tags a sentence given as space-separated words.
    fn tagged_tokens(sentence: &str) -> Vec<Token> {
        let tagger = PerceptronTagger::builtin();
        let mut tokens = Vec::new();
        let mut pos = 0;
        for w in sentence.split(' ') {
            tokens.push(Token {
                start: pos,
                end: pos + w.len(),
                norm: normalize(w),
                lemma: String::new(),
                tag: Tag::X,
                form: VerbForm::None,
                capitalized: w.chars().next().is_some_and(|c| c.is_uppercase()),
                cluster: 0,
            });
            pos += w.len() + 1;
        }
        tagger.tag(&mut tokens, sentence);
        tokens
    }

    fn find<'a>(t: &'a [(String, Tag, VerbForm, String)], w: &str) -> &'a (String, Tag, VerbForm, String) {
        t.iter().find(|x| x.0 == w).unwrap()
    }

    #[test]
    fn builtin_model_loads() {
        // Load time is measured by `train_tagger eval`, not asserted here.
        let t = PerceptronTagger::builtin();
        assert!(t.classes().len() > 40);
    }

    #[test]
    fn verb_or_noun_by_context() {
        let t = tag("Rebels attack the capital .");
        assert_eq!(find(&t, "attack").1, Tag::VERB);
        let t = tag("The attack killed 12 soldiers .");
        assert_eq!(find(&t, "attack").1, Tag::NOUN);
        assert_eq!(find(&t, "killed").3, "kill");
        assert_eq!(find(&t, "soldiers").3, "soldier");
        let t = tag("The two sides held talks in Geneva on Monday .");
        assert_eq!(find(&t, "talks").1, Tag::NOUN);
        assert_eq!(find(&t, "talks").3, "talk");
        let t = tag("He talks to reporters every day .");
        assert_eq!(find(&t, "talks").1, Tag::VERB);
        assert_eq!(find(&t, "talks").2, VerbForm::Present);
        let t = tag("Thousands protest against the new law .");
        assert_eq!(find(&t, "protest").1, Tag::VERB);
        let t = tag("The protest turned violent .");
        assert_eq!(find(&t, "protest").1, Tag::NOUN);
    }

    #[test]
    fn verb_forms_and_lemmas() {
        let t = tag("Government forces captured the town after the rebels lost ground .");
        let c = find(&t, "captured");
        assert_eq!((c.1, c.2, c.3.as_str()), (Tag::VERB, VerbForm::Past, "capture"));
        assert_eq!(find(&t, "lost").3, "lose");
        let t = tag("The town was captured by the army .");
        assert_eq!(find(&t, "captured").2, VerbForm::Participle);
        assert_eq!(find(&t, "was").1, Tag::AUX);
        assert_eq!(find(&t, "was").3, "be");
        let t = tag("The soldiers were making their exit when the villagers fled .");
        let m = find(&t, "making");
        assert_eq!((m.1, m.2, m.3.as_str()), (Tag::VERB, VerbForm::Gerund, "make"));
        assert_eq!(find(&t, "exit").1, Tag::NOUN);
        assert_eq!(find(&t, "exit").3, "exit");
        assert_eq!(find(&t, "fled").3, "flee");
    }

    #[test]
    fn proper_nouns() {
        let t = tag("U.S. officials met President Maduro in Caracas .");
        assert_eq!(find(&t, "U.S.").1, Tag::PROPN);
        assert_eq!(find(&t, "Caracas").1, Tag::PROPN);
        assert_eq!(find(&t, "officials").3, "official");
        // A capitalized word no lexicon knows is a name, even where the first pass guesses
        // an adverb from its suffix and position (rules::repair_unknown_names).
        let t = tag("Osgiliath welcomed the resumption of formal diplomatic ties with Mordor .");
        assert_eq!(find(&t, "Osgiliath").1, Tag::PROPN);
        assert_eq!(find(&t, "Mordor").1, Tag::PROPN);
    }

    #[test]
    fn headlines_keep_their_verbs_and_common_nouns() {
        // Every word capitalized: capitals say little, the lexicon classes decide.
        let t = tag("Rebels Attack Capital After Peace Talks Fail");
        assert_eq!(find(&t, "Attack").1, Tag::VERB);
        assert_eq!(find(&t, "Talks").1, Tag::NOUN);
        assert_eq!(find(&t, "Fail").1, Tag::VERB);
    }

    #[test]
    fn right_context_decides_prepositions_and_have() {
        let t = tag("They talked about leaving the country .");
        assert_eq!(find(&t, "about").1, Tag::SCONJ);
        let t = tag("They talked about the country .");
        assert_eq!(find(&t, "about").1, Tag::ADP);
        let t = tag("We have talks with them every week .");
        assert_eq!(find(&t, "have").1, Tag::VERB);
        let t = tag("They have signed the deal .");
        assert_eq!(find(&t, "have").1, Tag::AUX);
        let t = tag("Have you seen the report ?");
        assert_eq!(find(&t, "Have").1, Tag::AUX);
        let t = tag("The rebels have not yet been defeated .");
        assert_eq!(find(&t, "have").1, Tag::AUX);
        let t = tag("What time did both Russia and China sign ?");
        assert_eq!((find(&t, "What").1, find(&t, "both").1), (Tag::DET, Tag::CCONJ));
        let t = tag("Both sides signed .");
        assert_eq!(find(&t, "Both").1, Tag::DET);
    }

    #[test]
    fn cluster_prefixes_keep_the_first_branches() {
        // Path 0 1 1 0 1 (root first) is stored as 1_10110 read from the low bit up.
        let c = 0b1_10110;
        assert_eq!(cluster_prefix(c, 3), 0b1_110);
        assert_eq!(cluster_prefix(c, 5), c);
        assert_eq!(cluster_prefix(c, 10), c);
        assert_eq!(cluster_prefix(0, 4), 0);
    }

    #[test]
    fn words_used_alike_share_clusters() {
        let t = PerceptronTagger::builtin();
        let (condemned, denounced) = (t.word_cluster("condemned"), t.word_cluster("denounced"));
        assert_ne!(condemned, 0);
        assert_eq!(cluster_prefix(condemned, 4), cluster_prefix(denounced, 4));
        assert_eq!(t.word_cluster("qqqzzx"), 0);
        // A hyphenated word unknown as a whole takes its last part's cluster.
        assert_eq!(t.word_cluster("cuban-condemned"), condemned);
        // Tagging fills each token's cluster.
        assert_eq!(tagged_tokens("Russia denounced it .")[1].cluster, denounced);
    }

    #[test]
    fn rejects_bad_models() {
        assert!(PerceptronTagger::from_bytes(b"nope").is_err());
        let mut m = BUILTIN_MODEL.to_vec();
        m.truncate(m.len() - 1);
        assert!(PerceptronTagger::from_bytes(&m).is_err());
    }
}
