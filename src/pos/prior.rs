//! A first-pass tagger whose guesses are features of the main one (stacking).
//!
//! [`PriorTagger`] is a greedy averaged perceptron over fifteen feature templates (the word,
//! its suffixes 1–3, first letter, a two-letter shape, the words ±2, the two previous guesses
//! and the previous guess with the word). Its weights are those of the PyPI package
//! `denckring-en-pos` 0.6.0, trained on the **train** split of UD English-EWT (204k words),
//! converted to petrel's format by `train_tagger import-prior` (see
//! `docs/language-layer.md`). Only the weights ship; the inference here is petrel's own.
//!
//! Why: petrel's main tagger learns from the 25k gold words of EWT dev (and silver text).
//! This one has seen eight times as much gold annotation, in all of EWT's genres, but has
//! fewer features and no lexicons. The main model reads its guesses at the word and its
//! neighbours and learns when to trust them; on dev they are honest held-out guesses (it
//! never saw dev), so the main model learns how good they really are.
//!
//! It tags words with a letter or digit only: other tokens are skipped and are not context,
//! as the package's training stream dropped punctuation. Words are read in petrel's
//! normalized form (lower case, accents folded; the package lower-cased only). Labels are a
//! UPOS with a verb form (`VERB|Fin`, `AUX|Part`, `NOUN|-`...).
//!
//! # Cost
//! Loading regroups the weights by word (~13 ms). Tagging costs one table probe per word of
//! the sentence (its id), then per word five short weight rows read by id (the word's own,
//! with its suffixes pre-added, and its role as each of the four neighbours), one dense row
//! for the two previous guesses, and one probe for the previous guess with the word; a word
//! the model never saw costs four suffix probes instead of its own row. About a tenth of
//! the tagging time (perf, `cargo bench --bench stages -- stages/tag`).
//!
//! # Model file
//! Little-endian: magic `PRIOR2`, the class names (u8 count, u8-length strings), an `f32`
//! weight scale, then u32 count of records, each: template (u8, [`Template`]), two tags (u8,
//! [`START`] for "before the sentence"; the first is the class for a tag-dictionary record),
//! a u8-length string, a u8 weight count, and per weight a class byte and an `i16`.

use super::hashing::{FeatHasher, U32Map, pack_weight, str_hash, unpack_weight};
use super::reader::{ModelError, Reader, prefix, suffix};

/// The embedded model (see the module docs).
static BUILTIN_PRIOR: &[u8] = include_bytes!("model/prior.bin");

/// [`PriorTagger::guess`]'s value for a token it does not read (punctuation).
pub const NO_CLASS: u8 = 254;

/// Tag value for "before the sentence" (the package's `<s>` history).
pub const START: u8 = 255;

const MAGIC: &[u8] = b"PRIOR2";
/// At most this many classes (a score row is this wide).
const MAX_CLASSES: usize = 32;
/// Marks "no tag-dictionary entry" in [`PriorTagger::tagdict`].
const NO_ENTRY: u8 = 255;

/// The feature templates of the model file's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// Always on.
    Bias = 0,
    /// Last three letters of the word.
    Suffix3,
    /// Last two letters.
    Suffix2,
    /// Last letter.
    Suffix1,
    /// First letter.
    Prefix1,
    /// "x", "xd", "X" or "Xd": capitalized, contains a digit.
    Shape,
    /// The word.
    Word,
    /// The previous guess.
    Prev,
    /// The guess before it.
    Prev2,
    /// Both previous guesses.
    PrevPrev2,
    /// The previous word (`<s>` before the first).
    WordMinus1,
    /// The word two back.
    WordMinus2,
    /// The next word (`</s>` after the last).
    WordPlus1,
    /// The word two ahead.
    WordPlus2,
    /// The previous guess with the word.
    PrevWord,
    /// Tag dictionary: a word the model tags without scoring.
    TagDictionary,
}

const TEMPLATES: [Template; 16] = [
    Template::Bias,
    Template::Suffix3,
    Template::Suffix2,
    Template::Suffix1,
    Template::Prefix1,
    Template::Shape,
    Template::Word,
    Template::Prev,
    Template::Prev2,
    Template::PrevPrev2,
    Template::WordMinus1,
    Template::WordMinus2,
    Template::WordPlus1,
    Template::WordPlus2,
    Template::PrevWord,
    Template::TagDictionary,
];

/// One record of the model file: a feature and its weights per class.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Which template.
    pub template: Template,
    /// First tag: the previous guess ([`Template::Prev`], [`Template::PrevPrev2`],
    /// [`Template::PrevWord`]) or the class of a [`Template::TagDictionary`] word; else 0.
    pub tag1: u8,
    /// Second tag: the guess two back ([`Template::Prev2`], [`Template::PrevPrev2`]); else 0.
    pub tag2: u8,
    /// The word, affix or shape; empty where the template has none.
    pub text: String,
    /// (class, weight) pairs.
    pub weights: Vec<(u8, f32)>,
}

/// A record as read from the model file, borrowing its text and raw weights.
struct View<'a> {
    template: Template,
    tag1: u8,
    tag2: u8,
    text: &'a str,
    /// Three bytes per weight: class, then an `i16` in units of the file's scale.
    raw: &'a [u8],
}

/// Word roles: its own row (word and affixes summed) and its rows as each neighbour.
const ROLE_SELF: usize = 0;
const ROLES: usize = 5;

/// The stacked tagger (see the module docs).
pub struct PriorTagger {
    classes: Vec<String>,
    /// str_hash(word) → word id.
    words: U32Map,
    /// Per word id: a tag-dictionary class or [`NO_ENTRY`].
    tagdict: Vec<u8>,
    /// Per word id and role (self, as w-1, w-2, w+1, w+2): `offset << 8 | count` into
    /// `entries`.
    roles: Vec<[u32; ROLES]>,
    /// Ids of the sentence-boundary words "<s>" and "</s>" (or `u32::MAX`).
    start_id: u32,
    end_id: u32,
    /// (previous guess, word id) → `offset << 8 | count`.
    prev_word: U32Map,
    /// Affix feature hash → `offset << 8 | count`, for words without an id.
    affixes: U32Map,
    /// Bias plus previous-guess rows, dense, indexed by `p1 * (nc + 1) + p2` (START as nc).
    history: Vec<[f32; MAX_CLASSES]>,
    /// Shape rows: x, xd, X, Xd.
    shapes: [[f32; MAX_CLASSES]; 4],
    /// One u32 per (row, class) weight ([`pack_weight`](super::hashing::pack_weight)).
    entries: Vec<u32>,
}

/// The affix templates of a word and their text: what the model knows of a word it has no
/// row for.
fn affixes(w: &str) -> [(Template, &str); 4] {
    [
        (Template::Suffix3, suffix(w, 3)),
        (Template::Suffix2, suffix(w, 2)),
        (Template::Suffix1, suffix(w, 1)),
        (Template::Prefix1, prefix(w, 1)),
    ]
}

fn affix_key(t: Template, text: &str) -> u32 {
    FeatHasher::new(100 + t as u8).str(text).finish()
}

fn prev_word_key(tag: u32, id: u32) -> u32 {
    FeatHasher::new(100 + Template::PrevWord as u8).num(tag).num(id).finish()
}

fn shape_index(surface: &str) -> usize {
    let upper = surface.chars().next().is_some_and(char::is_uppercase);
    let digit = surface.chars().any(|c| c.is_ascii_digit());
    (upper as usize) << 1 | digit as usize
}

impl PriorTagger {
    /// The model shipped with petrel. Reads and regroups the embedded bytes (~13 ms): keep
    /// the tagger.
    pub fn builtin() -> Self {
        Self::from_bytes(BUILTIN_PRIOR).expect("embedded prior model is valid")
    }

    /// Class names, indexed by the guesses [`guess`](Self::guess) returns.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Writes a model file from class names and records. Used by the converter.
    pub fn write(classes: &[String], records: &[Record]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(classes.len() as u8);
        for c in classes {
            out.push(c.len() as u8);
            out.extend_from_slice(c.as_bytes());
        }
        let max_abs = records.iter().flat_map(|r| r.weights.iter().map(|e| e.1.abs())).fold(0f32, f32::max);
        let scale = if max_abs > 0.0 { max_abs / 32767.0 } else { 1.0 };
        out.extend_from_slice(&scale.to_bits().to_le_bytes());
        out.extend_from_slice(&(records.len() as u32).to_le_bytes());
        for r in records {
            out.extend_from_slice(&[r.template as u8, r.tag1, r.tag2, r.text.len().min(255) as u8]);
            out.extend_from_slice(&r.text.as_bytes()[..r.text.len().min(255)]);
            out.push(r.weights.len().min(255) as u8);
            for &(c, w) in r.weights.iter().take(255) {
                out.push(c);
                out.extend_from_slice(&((w / scale).round().clamp(-32767.0, 32767.0) as i16).to_le_bytes());
            }
        }
        out
    }

    /// Reads a model file (see the module docs). Cost: linear in its size.
    pub fn from_bytes(b: &[u8]) -> Result<Self, ModelError> {
        Self::read_model(b).map_err(|e| ModelError(format!("prior model: {}", e.0)))
    }

    fn read_model(b: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader::new(b);
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError("not a prior tagger model (bad magic)".into()));
        }
        let nc = r.u8()? as usize;
        if nc == 0 || nc > MAX_CLASSES {
            return Err(ModelError(format!("bad class count {nc}")));
        }
        let mut classes = Vec::with_capacity(nc);
        for _ in 0..nc {
            let len = r.u8()? as usize;
            let s = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError("bad class name".into()))?;
            classes.push(s.to_string());
        }
        let scale = f32::from_bits(r.u32()?);
        let n = r.u32()? as usize;
        let mut records = Vec::with_capacity(n);
        for _ in 0..n {
            let head = r.take(4)?;
            let template = *TEMPLATES.get(head[0] as usize).ok_or_else(|| ModelError("bad template".into()))?;
            let (tag1, tag2, len) = (head[1], head[2], head[3] as usize);
            let text = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError("bad feature text".into()))?;
            let nw = r.u8()? as usize;
            let raw = r.take(nw * 3)?;
            if raw.chunks_exact(3).any(|e| e[0] as usize >= nc) {
                return Err(ModelError("bad weight class".into()));
            }
            let tag_ok = |t: u8| t == START || (t as usize) < nc;
            if !tag_ok(tag1) || !tag_ok(tag2) {
                return Err(ModelError("bad tag".into()));
            }
            records.push(View { template, tag1, tag2, text, raw });
        }
        if !r.at_end() {
            return Err(ModelError("trailing bytes".into()));
        }
        Ok(Self::from_records(classes, &records, scale))
    }

    /// Regroups the records by word (see the module docs).
    fn from_records(classes: Vec<String>, records: &[View], scale: f32) -> Self {
        use Template as T;
        use std::collections::HashMap;
        let nc = classes.len();
        fn weights_of<'a>(v: &View<'a>, scale: f32) -> impl Iterator<Item = (usize, f32)> + 'a {
            v.raw.chunks_exact(3).map(move |e| (e[0] as usize, i16::from_le_bytes([e[1], e[2]]) as f32 * scale))
        }
        let dense = |v: &View| {
            let mut row = [0f32; MAX_CLASSES];
            for (c, x) in weights_of(v, scale) {
                row[c] += x;
            }
            row
        };
        // Word ids, in record order, for every word a word template names; per word and role
        // the record that holds its row.
        const NONE: u32 = u32::MAX;
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut id_words: Vec<&str> = Vec::new();
        let mut role_records: Vec<[u32; ROLES]> = Vec::new();
        let mut tagdict: Vec<u8> = Vec::new();
        let mut prev_records: Vec<(u32, u32, usize)> = Vec::new();
        let mut affix_rows: HashMap<u32, usize> = HashMap::new();
        let (mut bias, mut p1s, mut p2s, mut p12s) =
            ([0f32; MAX_CLASSES], HashMap::new(), HashMap::new(), HashMap::new());
        let mut shapes = [[0f32; MAX_CLASSES]; 4];
        for (ri, r) in records.iter().enumerate() {
            let role = match r.template {
                T::Word => 0,
                T::WordMinus1 => 1,
                T::WordMinus2 => 2,
                T::WordPlus1 => 3,
                T::WordPlus2 => 4,
                T::PrevWord | T::TagDictionary => ROLES,
                T::Suffix3 | T::Suffix2 | T::Suffix1 | T::Prefix1 => {
                    affix_rows.insert(affix_key(r.template, r.text), ri);
                    continue;
                }
                T::Bias => {
                    bias = dense(r);
                    continue;
                }
                T::Shape => {
                    let i = match r.text {
                        "x" => 0,
                        "xd" => 1,
                        "X" => 2,
                        _ => 3,
                    };
                    shapes[i] = dense(r);
                    continue;
                }
                T::Prev => {
                    p1s.insert(r.tag1, dense(r));
                    continue;
                }
                T::Prev2 => {
                    p2s.insert(r.tag2, dense(r));
                    continue;
                }
                T::PrevPrev2 => {
                    p12s.insert((r.tag1, r.tag2), dense(r));
                    continue;
                }
            };
            let id = *ids.entry(r.text).or_insert_with(|| {
                id_words.push(r.text);
                role_records.push([NONE; ROLES]);
                tagdict.push(NO_ENTRY);
                id_words.len() as u32 - 1
            });
            match r.template {
                T::PrevWord => {
                    let tag = if r.tag1 == START { nc as u32 } else { r.tag1 as u32 };
                    prev_records.push((tag, id, ri));
                }
                T::TagDictionary => tagdict[id as usize] = r.tag1,
                _ => role_records[id as usize][role] = ri as u32,
            }
        }
        let mut entries = Vec::new();
        let mut push_row = |row: &mut dyn Iterator<Item = (usize, f32)>| -> u32 {
            let start = entries.len() as u32;
            for (c, x) in row {
                if x != 0.0 {
                    entries.push(pack_weight(c as u8, x));
                }
            }
            start << 8 | (entries.len() as u32 - start)
        };
        let mut roles: Vec<[u32; ROLES]> = Vec::with_capacity(id_words.len());
        for (w, recs) in id_words.iter().zip(&role_records) {
            // A word's own row carries its affixes too, so tagging it costs one row.
            let mut own = [0f32; MAX_CLASSES];
            if recs[ROLE_SELF] != NONE {
                for (c, x) in weights_of(&records[recs[ROLE_SELF] as usize], scale) {
                    own[c] += x;
                }
            }
            for (t, a) in affixes(w) {
                if let Some(&ri) = affix_rows.get(&affix_key(t, a)) {
                    for (c, x) in weights_of(&records[ri], scale) {
                        own[c] += x;
                    }
                }
            }
            let mut slots = [0u32; ROLES];
            slots[ROLE_SELF] = push_row(&mut own.iter().copied().enumerate().take(nc));
            for role in 1..ROLES {
                slots[role] = match recs[role] {
                    NONE => 0,
                    ri => push_row(&mut weights_of(&records[ri as usize], scale)),
                };
            }
            roles.push(slots);
        }
        let prev_slots: Vec<(u32, u32)> = prev_records
            .iter()
            .map(|&(tag, id, ri)| (prev_word_key(tag, id), push_row(&mut weights_of(&records[ri], scale))))
            .collect();
        let mut affix_list: Vec<(u32, usize)> = affix_rows.into_iter().collect();
        affix_list.sort_unstable();
        let affix_slots: Vec<(u32, u32)> =
            affix_list.iter().map(|&(k, ri)| (k, push_row(&mut weights_of(&records[ri], scale)))).collect();
        let mut history = vec![[0f32; MAX_CLASSES]; (nc + 1) * (nc + 1)];
        let zero = [0f32; MAX_CLASSES];
        let tag = |i: usize| if i == nc { START } else { i as u8 };
        for p1 in 0..=nc {
            for p2 in 0..=nc {
                let (a, b, c) = (
                    p1s.get(&tag(p1)).unwrap_or(&zero),
                    p2s.get(&tag(p2)).unwrap_or(&zero),
                    p12s.get(&(tag(p1), tag(p2))).unwrap_or(&zero),
                );
                for k in 0..nc {
                    history[p1 * (nc + 1) + p2][k] = bias[k] + a[k] + b[k] + c[k];
                }
            }
        }
        let words = U32Map::with_entries(
            id_words.iter().enumerate().map(|(id, w)| (str_hash(w), id as u32)).collect::<Vec<_>>().into_iter(),
        );
        let id_of = |w: &str| ids.get(w).copied().unwrap_or(u32::MAX);
        PriorTagger {
            start_id: id_of("<s>"),
            end_id: id_of("</s>"),
            classes,
            words,
            tagdict,
            roles,
            prev_word: U32Map::with_entries(prev_slots.into_iter()),
            affixes: U32Map::with_entries(affix_slots.into_iter()),
            history,
            shapes,
            entries,
        }
    }

    #[inline]
    fn add_row(&self, slot: u32, scores: &mut [f32; MAX_CLASSES]) {
        let (a, n) = ((slot >> 8) as usize, (slot & 0xff) as usize);
        for &e in &self.entries[a..a + n] {
            let (class, w) = unpack_weight(e);
            scores[class] += w;
        }
    }

    /// One guess per word, written into `out`: an index into [`classes`](Self::classes), or
    /// [`NO_CLASS`] for punctuation. `words` holds (surface, normalized form, capitalized),
    /// as the main tagger reads them.
    ///
    /// ```
    /// use petrel::pos::prior::PriorTagger;
    /// let prior = PriorTagger::builtin();
    /// let mut out = Vec::new();
    /// let words = ["Rebels", "attacked", "the", "capital", "on", "Monday", "."];
    /// let norms: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    /// let input: Vec<(&str, &str, bool)> = words.iter().zip(&norms).map(|(w, n)| (*w, n.as_str(), false)).collect();
    /// prior.guess(&input, &mut out);
    /// assert_eq!(prior.classes()[out[1] as usize], "VERB|Fin");
    /// assert_eq!(prior.classes()[out[3] as usize], "NOUN|-");
    /// assert_eq!(out[6], petrel::pos::prior::NO_CLASS);
    /// ```
    pub fn guess(&self, words: &[(&str, &str, bool)], out: &mut Vec<u8>) {
        thread_local! {
            static BUFFERS: std::cell::RefCell<(Vec<usize>, Vec<u32>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        BUFFERS.with(|cell| {
            let (idx, ids) = &mut *cell.borrow_mut();
            self.guess_with(words, out, idx, ids)
        })
    }

    fn guess_with(&self, words: &[(&str, &str, bool)], out: &mut Vec<u8>, idx: &mut Vec<usize>, ids: &mut Vec<u32>) {
        out.clear();
        out.resize(words.len(), NO_CLASS);
        // The stream the model reads: words with a letter or digit, and their ids, between
        // two start and two end words.
        idx.clear();
        ids.clear();
        ids.extend([self.start_id, self.start_id]);
        for (i, w) in words.iter().enumerate() {
            if w.0.chars().any(char::is_alphanumeric) {
                idx.push(i);
                ids.push(self.words.get(str_hash(w.1)).unwrap_or(u32::MAX));
            }
        }
        ids.extend([self.end_id, self.end_id]);
        let nc = self.classes.len();
        let (mut p1, mut p2) = (nc, nc);
        for (k, &i) in idx.iter().enumerate() {
            let (surface, norm, _) = words[i];
            let id = ids[k + 2];
            let dict = if id == u32::MAX { NO_ENTRY } else { self.tagdict[id as usize] };
            let best = if dict != NO_ENTRY {
                dict as usize
            } else {
                let mut scores = self.history[p1 * (nc + 1) + p2];
                let shape = &self.shapes[shape_index(surface)];
                for c in 0..MAX_CLASSES {
                    scores[c] += shape[c];
                }
                if id != u32::MAX {
                    self.add_row(self.roles[id as usize][ROLE_SELF], &mut scores);
                    if let Some(slot) = self.prev_word.get(prev_word_key(p1 as u32, id)) {
                        self.add_row(slot, &mut scores);
                    }
                } else {
                    for (t, a) in affixes(norm) {
                        if let Some(slot) = self.affixes.get(affix_key(t, a)) {
                            self.add_row(slot, &mut scores);
                        }
                    }
                }
                // Neighbours: ids[k + 2] is this word; w-1, w-2, w+1, w+2 are roles 1..4.
                for (role, j) in [(1, k + 1), (2, k), (3, k + 3), (4, k + 4)] {
                    let nid = ids[j];
                    if nid != u32::MAX {
                        self.add_row(self.roles[nid as usize][role], &mut scores);
                    }
                }
                // Ties go to the later class, as in the package's own inference.
                let mut best = 0usize;
                for c in 1..nc {
                    if scores[c] >= scores[best] {
                        best = c;
                    }
                }
                best
            };
            out[i] = best as u8;
            p2 = p1;
            p1 = best;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guesses(sentence: &str) -> Vec<String> {
        let t = PriorTagger::builtin();
        let words: Vec<(String, String)> = sentence.split(' ').map(|w| (w.to_string(), w.to_lowercase())).collect();
        let refs: Vec<(&str, &str, bool)> = words.iter().map(|(s, l)| (s.as_str(), l.as_str(), false)).collect();
        let mut out = Vec::new();
        t.guess(&refs, &mut out);
        out.iter().map(|&g| if g == NO_CLASS { "-".to_string() } else { t.classes()[g as usize].clone() }).collect()
    }

    #[test]
    fn tags_words_and_skips_punctuation() {
        let g = guesses("Rebels attacked the capital on Monday .");
        assert_eq!(g[1], "VERB|Fin");
        assert_eq!(g[3], "NOUN|-");
        assert_eq!(g[6], "-");
        let g = guesses("The attack was condemned by Russia");
        assert_eq!(g[1], "NOUN|-");
        assert_eq!(g[3], "VERB|Part");
    }

    /// A three-class model written and read back: the regrouped rows must score as the
    /// plain sum of the features would.
    #[test]
    fn grouped_rows_score_as_the_features_sum() {
        let classes: Vec<String> = ["DET|-", "NOUN|-", "VERB|Fin"].iter().map(|c| c.to_string()).collect();
        let r = |template, tag1, text: &str, weights: Vec<(u8, f32)>| Record {
            template,
            tag1,
            tag2: 0,
            text: text.into(),
            weights,
        };
        let records = vec![
            r(Template::Bias, 0, "", vec![(0, 0.5)]),
            r(Template::TagDictionary, 0, "the", vec![]),
            r(Template::Word, 0, "attack", vec![(1, 3.0)]),
            r(Template::Word, 0, "raided", vec![(1, 1.0)]),
            r(Template::Suffix2, 0, "ed", vec![(2, 2.0)]),
            r(Template::WordMinus1, 0, "the", vec![(1, 1.0)]),
            r(Template::WordPlus1, 0, "the", vec![(2, 1.5)]),
            r(Template::PrevWord, 0, "raided", vec![(0, 9.0)]),
        ];
        let t = PriorTagger::from_bytes(&PriorTagger::write(&classes, &records)).unwrap();
        let tag = |sentence: &str| -> Vec<u8> {
            let words: Vec<(&str, &str, bool)> = sentence.split(' ').map(|w| (w, w, false)).collect();
            let mut out = Vec::new();
            t.guess(&words, &mut out);
            out
        };
        // "the" from the tag dictionary; "attack" by its word row and "the" before it.
        assert_eq!(tag("the attack"), [0, 1]);
        // "they": bias only. "attacked" is unknown: its suffix row and "the" after it. After
        // a DET guess the previous-guess-with-word row (9 for DET) decides "raided".
        assert_eq!(tag("they attacked the raided"), [0, 2, 0, 0]);
        // Elsewhere "raided"'s own row, which carries its suffix (1 for NOUN against 2 for
        // VERB), decides; punctuation is skipped.
        assert_eq!(tag("attacked , raided"), [2, NO_CLASS, 2]);
    }

    #[test]
    fn rejects_bad_models() {
        assert!(PriorTagger::from_bytes(b"PRIOR2").is_err());
        let mut m = BUILTIN_PRIOR.to_vec();
        m.push(0);
        assert!(PriorTagger::from_bytes(&m).is_err());
    }
}
