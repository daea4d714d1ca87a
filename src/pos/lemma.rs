//! Lemmatization: the dictionary form of a word given its part of speech.
//!
//! Three layers, checked in order:
//! 1. a hand-written table of closed-class words and contractions ("'s" as a verb → "be",
//!    "n't" → "not", "them" → "they", "wo" → "will");
//! 2. an exception table generated from inflection lexicons (WordNet 3.0's `*.exc` files and
//!    the lemminflect tables; `tools/train_tagger.rs` writes `model/lemma_exceptions.txt`),
//!    keyed by inflection category: it holds exactly the forms the rules of layer 3 get wrong
//!    ("lost" → "lose", "fled" → "flee", "lives" → "life", "making" → "make");
//! 3. suffix rules for regular inflection ("captured" → "capture", "stopped" → "stop",
//!    "soldiers" → "soldier", "cities" → "city").
//!
//! Cost: a hash lookup or two and a few byte comparisons per word; the exception table is read
//! on first use (about a millisecond).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::annotate::{Tag, VerbForm};

/// Inflection categories, one byte each, as used in the exception table.
pub mod cat {
    /// Past tense (VBD).
    pub const PAST: u8 = b'D';
    /// Past participle (VBN).
    pub const PARTICIPLE: u8 = b'N';
    /// Gerund / present participle (VBG).
    pub const GERUND: u8 = b'G';
    /// Third person singular present (VBZ).
    pub const THIRD: u8 = b'Z';
    /// Plural noun (NNS, NNPS).
    pub const PLURAL: u8 = b'P';
    /// Comparative adjective or adverb (JJR, RBR).
    pub const COMPARATIVE: u8 = b'R';
    /// Superlative adjective or adverb (JJS, RBS).
    pub const SUPERLATIVE: u8 = b'S';
}

static EXCEPTIONS_TEXT: &str = include_str!("model/lemma_exceptions.txt");

fn exceptions() -> &'static HashMap<(u8, &'static str), &'static str> {
    static MAP: OnceLock<HashMap<(u8, &'static str), &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::with_capacity(16_384);
        for line in EXCEPTIONS_TEXT.lines() {
            let mut it = line.split('\t');
            if let (Some(c), Some(form), Some(lemma)) = (it.next(), it.next(), it.next())
                && let Some(&c) = c.as_bytes().first()
            {
                m.entry((c, form)).or_insert(lemma);
            }
        }
        m
    })
}

fn exception(c: u8, form: &str) -> Option<&'static str> {
    exceptions().get(&(c, form)).copied()
}

/// Closed-class words and contractions whose lemma does not follow from any rule.
fn closed_class(norm: &str, upos: Tag, xpos: &str) -> Option<&'static str> {
    let verbal = matches!(upos, Tag::AUX | Tag::VERB);
    Some(match norm {
        "is" | "are" | "am" | "was" | "were" | "been" | "being" | "be" | "'m" | "'re" | "m" | "r" if verbal => "be",
        "'s" | "s" if verbal => {
            // "'s" before a participle is usually "has" ("he's gone"); elsewhere "is".
            if xpos == "VBZ-have" { "have" } else { "be" }
        }
        "'ve" | "ve" if verbal => "have",
        "'d" | "d" if verbal => {
            if xpos == "MD" {
                "would"
            } else {
                "have"
            }
        }
        "'ll" | "ll" if verbal => "will",
        "wo" if verbal => "will",
        "ca" if verbal => "can",
        "sha" if verbal => "shall",
        "ai" if verbal => "be",
        "gon" if verbal => "go",
        "wan" if verbal => "want",
        "n't" | "nt" | "not" => "not",
        "'s" | "'" if upos == Tag::PART => "'s",
        "na" | "ta" if upos == Tag::PART => "to",
        "me" if upos == Tag::PRON => "i",
        "him" if upos == Tag::PRON => "he",
        "her" if upos == Tag::PRON && xpos != "PRP$" => "she",
        "us" if upos == Tag::PRON => "we",
        "them" if upos == Tag::PRON => "they",
        "u" | "ya" if upos == Tag::PRON => "you",
        "an" if upos == Tag::DET => "a",
        "these" if matches!(upos, Tag::DET | Tag::PRON) => "this",
        "those" if matches!(upos, Tag::DET | Tag::PRON) => "that",
        _ => return None,
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Number of vowel groups (a rough syllable count; "y" after a consonant counts).
fn vowel_groups(s: &[u8]) -> usize {
    let mut n = 0;
    let mut prev_v = false;
    for (i, &b) in s.iter().enumerate() {
        let v = is_vowel(b) || (b == b'y' && i > 0 && !is_vowel(s[i - 1]));
        if v && !prev_v {
            n += 1;
        }
        prev_v = v;
    }
    n
}

/// Restores the stem of a word that lost "-ed" or "-ing": undoubles a final consonant
/// ("stopp" → "stop") or adds back a silent "e" ("captur" → "capture", "mak" → "make").
fn restore_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return stem.to_string();
    }
    let last = b[n - 1];
    let prev = b[n - 2];
    // Doubled final consonant: "stopp", "admitt", "plann"; not ll/ss/ff/zz ("call", "pass").
    if last == prev && !is_vowel(last) && !matches!(last, b'l' | b's' | b'f' | b'z') && n >= 3 {
        return stem[..n - 1].to_string();
    }
    let needs_e = match last {
        // "forc", "involv", "seiz", "argu", "chang", "typ" (not "play", "enjoy")
        b'c' | b'v' | b'z' => true,
        b'u' => prev != b'o' && prev != b'a',
        b'g' => {
            prev == b'n' && n >= 2 && (stem.ends_with("lleng") || stem.ends_with("rang") || stem.ends_with("chang"))
        }
        _ => false,
    };
    if needs_e {
        return format!("{stem}e");
    }
    // "-ate", "-ute", "-ize"-like endings after a consonant: "creat", "negotiat", "execut".
    if n >= 5
        && (stem.ends_with("at") || stem.ends_with("ut"))
        && (!is_vowel(b[n - 3]) || matches!(b[n - 3], b'i' | b'u'))
        && b[n - 3] != b'h'
    {
        return format!("{stem}e");
    }
    if n >= 4
        && (stem.ends_with("bl")
            || stem.ends_with("pl")
            || stem.ends_with("dl")
            || stem.ends_with("tl")
            || stem.ends_with("gl")
            || stem.ends_with("kl"))
    {
        return format!("{stem}e");
    }
    // One syllable ending vowel + single consonant: "mak", "hop", "us", "vot", "com".
    if vowel_groups(b) == 1
        && !is_vowel(last)
        && !matches!(last, b'w' | b'x' | b'y')
        && is_vowel(prev)
        && (n < 3 || !is_vowel(b[n - 3]))
    {
        return format!("{stem}e");
    }
    // "-ire", "-ure", "-ore" after a consonant: "requir", "captur", "ignor", "prepar", "declar".
    if n >= 4
        && last == b'r'
        && matches!(prev, b'i' | b'u' | b'o' | b'a')
        && !is_vowel(b[n - 3])
        && !stem.ends_with("ear")
    {
        return format!("{stem}e");
    }
    // "-ide", "-ude", "-ode", "-ase": "decid", "includ", "explod", "releas", "caus", "reduc".
    if n >= 4 && last == b'd' && matches!(prev, b'i' | b'u' | b'o') && !is_vowel(b[n - 3]) {
        return format!("{stem}e");
    }
    if n >= 4 && last == b's' && matches!(prev, b'a' | b'u' | b'o' | b'i') && is_vowel(b[n - 3]) {
        return format!("{stem}e");
    }
    stem.to_string()
}

/// Rule lemma for a form in category `c` (see [`cat`]), without the exception table.
pub fn rule_lemma(form: &str, c: u8) -> String {
    let s = form;
    let n = s.len();
    match c {
        cat::PAST | cat::PARTICIPLE => {
            if n > 4 && s.ends_with("ied") {
                return format!("{}y", &s[..n - 3]);
            }
            if n >= 4 && s.ends_with("ied") {
                return s[..n - 1].to_string(); // died, tied, lied
            }
            if n > 3 && s.ends_with("eed") {
                return s[..n - 1].to_string(); // agreed, freed
            }
            if n > 3 && s.ends_with("ed") {
                let stem = &s[..n - 2];
                if stem.ends_with('e') {
                    return stem.to_string(); // "ed" after e is rare: "freed" handled above
                }
                return restore_stem(stem);
            }
            if n > 2 && s.ends_with("en") && c == cat::PARTICIPLE {
                return s.to_string();
            }
            s.to_string()
        }
        cat::GERUND => {
            if n > 5 && s.ends_with("ying") {
                return s[..n - 3].to_string(); // "playing", "studying"
            }
            if n > 4 && s.ends_with("ing") {
                let stem = &s[..n - 3];
                if stem.ends_with("ee") || stem.ends_with("ye") || stem.ends_with("oe") {
                    return stem.to_string(); // "seeing", "dyeing", "hoeing"
                }
                return restore_stem(stem);
            }
            s.to_string()
        }
        cat::THIRD | cat::PLURAL => {
            if n > 4 && s.ends_with("ies") {
                return format!("{}y", &s[..n - 3]);
            }
            if n == 4 && s.ends_with("ies") {
                return s[..n - 1].to_string(); // dies, lies, ties
            }
            if c == cat::PLURAL && n > 4 && s.ends_with("men") {
                return format!("{}man", &s[..n - 3]);
            }
            if n > 3
                && (s.ends_with("sses")
                    || s.ends_with("xes")
                    || s.ends_with("zzes")
                    || s.ends_with("ches")
                    || s.ends_with("shes"))
            {
                return s[..n - 2].to_string();
            }
            if n > 3 && c == cat::THIRD && s.ends_with("oes") {
                return s[..n - 2].to_string(); // goes, does, vetoes
            }
            if n > 2 && s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
                return s[..n - 1].to_string();
            }
            s.to_string()
        }
        cat::COMPARATIVE | cat::SUPERLATIVE => {
            let suf = if c == cat::COMPARATIVE { "er" } else { "est" };
            if n > suf.len() + 2 && s.ends_with(suf) {
                let stem = &s[..n - suf.len()];
                if let Some(st) = stem.strip_suffix('i') {
                    return format!("{st}y"); // happier
                }
                let b = stem.as_bytes();
                let m = b.len();
                if m >= 3 && b[m - 1] == b[m - 2] && !is_vowel(b[m - 1]) && b[m - 1] != b'l' && b[m - 1] != b's' {
                    return stem[..m - 1].to_string(); // bigger, hottest
                }
                if matches!(b[m - 1], b'g' | b'v' | b'c' | b'u' | b'r' | b'n' | b't' | b's' | b'd')
                    && is_vowel(b[m - 2])
                    && !is_vowel(b[m - 3])
                    && vowel_groups(b) == 1
                {
                    return format!("{stem}e"); // larger, wider, later, nicer, safest
                }
                return stem.to_string();
            }
            s.to_string()
        }
        _ => s.to_string(),
    }
}

/// Lemma for a form in category `c`: exception table first, rules otherwise.
pub fn inflected_lemma(form: &str, c: u8) -> String {
    match exception(c, form) {
        Some(l) => l.to_string(),
        None => rule_lemma(form, c),
    }
}

fn category_of_xpos(xpos: &str) -> Option<u8> {
    Some(match xpos {
        "VBD" => cat::PAST,
        "VBN" => cat::PARTICIPLE,
        "VBG" => cat::GERUND,
        "VBZ" => cat::THIRD,
        "NNS" | "NNPS" => cat::PLURAL,
        "JJR" | "RBR" => cat::COMPARATIVE,
        "JJS" | "RBS" => cat::SUPERLATIVE,
        _ => return None,
    })
}

/// Lemma from the normalized form, the UPOS tag and the Penn tag (what the tagger knows).
pub fn lemma_penn(norm: &str, upos: Tag, xpos: &str) -> String {
    if let Some(l) = closed_class(norm, upos, xpos) {
        return l.to_string();
    }
    match upos {
        Tag::PROPN | Tag::NUM | Tag::PUNCT | Tag::SYM | Tag::X => return norm.to_string(),
        Tag::PRON | Tag::DET | Tag::ADP | Tag::CCONJ | Tag::SCONJ | Tag::PART | Tag::INTJ => return norm.to_string(),
        _ => {}
    }
    match category_of_xpos(xpos) {
        Some(c) if upos == Tag::NOUN && c != cat::PLURAL => norm.to_string(),
        Some(c) => inflected_lemma(norm, c),
        None => {
            if matches!(upos, Tag::VERB | Tag::AUX) {
                // VB, VBP: the base form, except for a few irregular presents.
                match norm {
                    "has" => "have".to_string(),
                    "does" => "do".to_string(),
                    _ => norm.to_string(),
                }
            } else {
                norm.to_string()
            }
        }
    }
}

/// Lemma from the normalized form, the universal tag and the verb form. Without the Penn tag
/// a noun's number is guessed: a form the lexicon knows as a plural, or one ending in "-s"
/// like a regular plural, is singularized.
///
/// ```
/// use petrel::pos::{lemma, Tag, VerbForm};
/// assert_eq!(lemma("captured", Tag::VERB, VerbForm::Past), "capture");
/// assert_eq!(lemma("lives", Tag::NOUN, VerbForm::None), "life");
/// ```
pub fn lemma(norm: &str, upos: Tag, form: VerbForm) -> String {
    let xpos = match upos {
        Tag::VERB | Tag::AUX => match form {
            VerbForm::Base => "VB",
            VerbForm::Past => "VBD",
            VerbForm::Participle => "VBN",
            VerbForm::Gerund => "VBG",
            VerbForm::Present => {
                if norm.ends_with('s') && !norm.ends_with("ss") {
                    "VBZ"
                } else {
                    "VBP"
                }
            }
            VerbForm::None => {
                if norm.ends_with("ing") {
                    "VBG"
                } else if norm.ends_with("ed") {
                    "VBD"
                } else {
                    "VB"
                }
            }
        },
        Tag::NOUN => {
            if exception(cat::PLURAL, norm).is_some()
                || (norm.ends_with('s') && !norm.ends_with("ss") && !norm.ends_with("us") && !norm.ends_with("is"))
                || (norm.len() > 4 && norm.ends_with("men"))
            {
                "NNS"
            } else {
                "NN"
            }
        }
        Tag::ADJ => {
            if exception(cat::COMPARATIVE, norm).is_some() {
                "JJR"
            } else if exception(cat::SUPERLATIVE, norm).is_some() {
                "JJS"
            } else {
                "JJ"
            }
        }
        _ => "",
    };
    // Past forms fall back to the participle table and back ("lain", "bore").
    if xpos == "VBD"
        && exception(cat::PAST, norm).is_none()
        && let Some(l) = exception(cat::PARTICIPLE, norm)
    {
        return l.to_string();
    }
    if xpos == "VBN"
        && exception(cat::PARTICIPLE, norm).is_none()
        && let Some(l) = exception(cat::PAST, norm)
    {
        return l.to_string();
    }
    lemma_penn(norm, upos, xpos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs() {
        assert_eq!(lemma("captured", Tag::VERB, VerbForm::Past), "capture");
        assert_eq!(lemma("lost", Tag::VERB, VerbForm::Past), "lose");
        assert_eq!(lemma("lost", Tag::VERB, VerbForm::Participle), "lose");
        assert_eq!(lemma("making", Tag::VERB, VerbForm::Gerund), "make");
        assert_eq!(lemma("fled", Tag::VERB, VerbForm::Past), "flee");
        assert_eq!(lemma("stopped", Tag::VERB, VerbForm::Past), "stop");
        assert_eq!(lemma("attacks", Tag::VERB, VerbForm::Present), "attack");
        assert_eq!(lemma("is", Tag::AUX, VerbForm::Present), "be");
        assert_eq!(lemma("'s", Tag::AUX, VerbForm::Present), "be");
        assert_eq!(lemma("has", Tag::AUX, VerbForm::Present), "have");
        assert_eq!(lemma_penn("saw", Tag::VERB, "VBD"), "see");
        assert_eq!(lemma_penn("saw", Tag::VERB, "VB"), "saw");
        assert_eq!(lemma_penn("left", Tag::VERB, "VBN"), "leave");
    }

    #[test]
    fn rules_for_unlisted_verbs() {
        assert_eq!(rule_lemma("blorped", cat::PAST), "blorp");
        assert_eq!(rule_lemma("negotiated", cat::PAST), "negotiate");
        assert_eq!(rule_lemma("making", cat::GERUND), "make");
        assert_eq!(rule_lemma("carried", cat::PAST), "carry");
        assert_eq!(rule_lemma("shelled", cat::PAST), "shell");
    }

    #[test]
    fn nouns() {
        assert_eq!(lemma("lives", Tag::NOUN, VerbForm::None), "life");
        assert_eq!(lemma("soldiers", Tag::NOUN, VerbForm::None), "soldier");
        assert_eq!(lemma("talks", Tag::NOUN, VerbForm::None), "talk");
        assert_eq!(lemma("cities", Tag::NOUN, VerbForm::None), "city");
        assert_eq!(lemma("women", Tag::NOUN, VerbForm::None), "woman");
        assert_eq!(lemma("crisis", Tag::NOUN, VerbForm::None), "crisis");
        assert_eq!(lemma_penn("news", Tag::NOUN, "NN"), "news");
        assert_eq!(lemma_penn("exit", Tag::NOUN, "NN"), "exit");
    }

    #[test]
    fn closed_class_words() {
        assert_eq!(lemma_penn("n't", Tag::PART, "RB"), "not");
        assert_eq!(lemma_penn("'s", Tag::PART, "POS"), "'s");
        assert_eq!(lemma_penn("them", Tag::PRON, "PRP"), "they");
        assert_eq!(lemma_penn("better", Tag::ADJ, "JJR"), "good");
        assert_eq!(lemma_penn("bigger", Tag::ADJ, "JJR"), "big");
    }
}
