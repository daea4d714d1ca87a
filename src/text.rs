//! Stage 1: sentence segmentation and tokenization.
//!
//! Turns a document's text into [`Sentence`]s of [`Token`]s whose offsets point back into the
//! original bytes. Everything later in the pipeline works on tokens, never on raw text.
//!
//! Cost: one pass over the text, O(n); a token costs one small `String` (its normal form).
//!
//! What this stage knows about news text:
//! - abbreviations and initials ("U.S.", "Jan. 3", "Gen.", "Mr.", "No. 2") do not end sentences;
//! - a line break ends a sentence, so headlines and list items without a final stop stand alone;
//! - boilerplate lines ("Share this", "With Post Wires", photo credits) are dropped;
//! - a dateline ("CARACAS (Reuters) -") is cut off its sentence and kept as [`Sentence::dateline`].

use std::ops::Range;

pub use crate::annotate::Token;
use crate::annotate::{Tag, VerbForm};

/// One sentence of a document.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// 0-based position among the document's sentences.
    pub index: usize,
    /// Byte range of the sentence in the document text (the dateline excluded).
    pub span: Range<usize>,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
    /// The dateline place this sentence opened with ("CARACAS" in "CARACAS (Reuters) -").
    pub dateline: Option<Range<usize>>,
}

/// Words that end with a period but do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov", "sen", "rep",
    "rev", "st", "jr", "sr", "pres", "amb", "cmdr", "brig", "cpl", "pvt", "insp", "supt", "hon", "messrs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vol", "approx", "est",
    "dept", "univ", "inc", "corp", "ltd", "co", "bros", "vs", "etc", "fig", "ft", "mt", "ave", "blvd", "sq", "al",
];

/// Months as written in datelines and dates: these abbreviations are followed by a number.
const ABBREVIATIONS_BEFORE_NUMBER: &[&str] = &["no", "nos", "vol", "fig"];

/// Marks a line that is page furniture rather than article text.
fn is_boilerplate_line(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    if lower.is_empty() {
        return true;
    }
    let words = lower.split_whitespace().count();
    if words > 12 {
        return false;
    }
    const MARKERS: &[&str] = &[
        "share this",
        "share on",
        "with post wires",
        "photo:",
        "photo credit",
        "(photo",
        "getty images",
        "reporting by",
        "editing by",
        "writing by",
        "click here",
        "subscribe",
        "all rights reserved",
        "copyright",
        "read more",
        "follow us",
        "sign up",
        "advertisement",
        "related articles",
        "wires contributed",
        "associated press contributed",
    ];
    MARKERS.iter().any(|m| lower.contains(m))
        || (words <= 4 && lower.contains('@'))
        || lower.starts_with("with ") && lower.ends_with("wires")
}

/// Folds one character to its matching form: lowercase ASCII where a Latin letter carries
/// an accent, straight quotes, and `-` for every dash. Returns `None` to keep `c` lowercased.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ğ' | 'ğ' | 'Ģ' | 'ģ' => "g",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' | 'Į' | 'į' => "i",
        'Ķ' | 'ķ' => "k",
        'Ł' | 'ł' | 'Ľ' | 'ľ' | 'Ļ' | 'ļ' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' | 'Ņ' | 'ņ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ť' | 'ť' | 'Ţ' | 'ţ' | 'Ț' | 'ț' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => "y",
        'Ž' | 'ž' | 'Ź' | 'ź' | 'Ż' | 'ż' => "z",
        'Þ' | 'þ' => "th",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' | '`' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        _ => return None,
    })
}

/// The normal form of a word: lowercase, accents folded, quotes and dashes made plain.
///
/// ```
/// assert_eq!(petrel::text::normalize("Rodríguez"), "rodriguez");
/// assert_eq!(petrel::text::normalize("’s"), "'s");
/// ```
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(f) = fold_char(c) {
            out.push_str(f);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits one line of text into raw token byte ranges (offsets relative to `base`).
fn tokenize_line(line: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let bytes = line.as_bytes();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    let at = |k: usize| if k < n { chars[k].1 } else { ' ' };
    let pos = |k: usize| if k < n { chars[k].0 } else { bytes.len() };
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if is_word_char(c) {
            // A word: letters/digits, with inner hyphens, dots (U.S., 3.5), commas in numbers
            // (25,000), apostrophes in names (O'Neill) but not the possessive 's or n't.
            let mut j = i + 1;
            loop {
                let c = at(j);
                if is_word_char(c) {
                    j += 1;
                } else if (c == '-' || c == '&') && is_word_char(at(j + 1)) {
                    j += 2;
                } else if c == '.' && at(j + 1).is_alphanumeric() && !at(j + 2).is_alphabetic() {
                    // "U.S" inside an initialism, "3.5"
                    j += 2;
                } else if c == '.' && at(j + 1).is_ascii_digit() {
                    j += 2;
                } else if c == ','
                    && at(j - 1).is_ascii_digit()
                    && at(j + 1).is_ascii_digit()
                    && at(j + 2).is_ascii_digit()
                    && at(j + 3).is_ascii_digit()
                    && !at(j + 4).is_ascii_digit()
                {
                    j += 4;
                } else if is_apostrophe(c) && is_word_char(at(j + 1)) {
                    // Keep O'Neill together; split possessive 's and n't below.
                    let rest: String = (j + 1..(j + 3).min(n)).map(at).collect::<String>().to_lowercase();
                    let is_clitic = (rest.starts_with('s')
                        || rest.starts_with('t') && at(j - 1).eq_ignore_ascii_case(&'n')
                        || rest.starts_with("ll")
                        || rest.starts_with("re")
                        || rest.starts_with("ve")
                        || rest.starts_with('d')
                        || rest.starts_with('m'))
                        && !is_word_char(at(j
                            + 1
                            + if rest.starts_with('s')
                                || rest.starts_with('t')
                                || rest.starts_with('d')
                                || rest.starts_with('m')
                            {
                                1
                            } else {
                                2
                            }));
                    if is_clitic {
                        break;
                    }
                    j += 2;
                } else {
                    break;
                }
            }
            // Initialisms end with a dot: "U.S." "U.N." and known abbreviations "Gen."
            let word: String = (start..j).map(at).collect();
            if at(j) == '.' {
                let lower = normalize(&word);
                let is_initialism = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
                let single_capital = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
                if is_initialism || single_capital || ABBREVIATIONS.contains(&lower.as_str()) {
                    j += 1;
                }
            }
            // "n't": split "didn't" into "did" + "n't".
            if is_apostrophe(at(j))
                && at(j - 1).eq_ignore_ascii_case(&'n')
                && at(j + 1).eq_ignore_ascii_case(&'t')
                && !is_word_char(at(j + 2))
                && j - start > 1
            {
                out.push(base + pos(start)..base + pos(j - 1));
                out.push(base + pos(j - 1)..base + pos(j + 2));
                i = j + 2;
                continue;
            }
            out.push(base + pos(start)..base + pos(j));
            i = j;
            continue;
        }
        if is_apostrophe(c) && is_word_char(at(i + 1)) && i > 0 && is_word_char(at(i - 1)) {
            // A clitic: 's, 're, 've, 'll, 'd, 'm.
            let mut j = i + 1;
            while is_word_char(at(j)) {
                j += 1;
            }
            out.push(base + pos(i)..base + pos(j));
            i = j;
            continue;
        }
        if c == '.' && at(i + 1) == '.' {
            let mut j = i;
            while at(j) == '.' {
                j += 1;
            }
            out.push(base + pos(i)..base + pos(j));
            i = j;
            continue;
        }
        if c == '-' && at(i + 1) == '-' {
            out.push(base + pos(i)..base + pos(i + 2));
            i += 2;
            continue;
        }
        out.push(base + pos(i)..base + pos(i + 1));
        i += 1;
    }
}

fn capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The normalised word tokens of a short phrase, tokenized exactly as sentences are (no
/// sentence splitting, no boilerplate or dateline handling). Used to compile dictionary names.
///
/// ```
/// assert_eq!(petrel::text::phrase_tokens("Cuba's U.S.-led"), vec!["cuba", "'s", "u.s.", "-", "led"]);
/// ```
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    // Fast path for the common case, plain words of ASCII letters (most dictionary names): the
    // tokenizer would only split them at spaces.
    let b = phrase.as_bytes();
    if b.iter().all(|&c| c.is_ascii_alphabetic() || c == b' ') {
        return phrase.split_ascii_whitespace().map(str::to_ascii_lowercase).collect();
    }
    let mut ranges = Vec::new();
    tokenize_line(phrase, 0, &mut ranges);
    ranges.into_iter().map(|r| normalize(&phrase[r])).collect()
}

/// Splits `text` into sentences of tokens. Tags and lemmas are left empty for the `pos` stage.
///
/// ```
/// let s = petrel::text::segment("Gen. Smith met U.S. officials on Jan. 3. They talked.");
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[0].tokens[0].norm, "gen.");
/// ```
pub fn segment(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut ranges = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let base = line_start;
        line_start += line.len();
        if is_boilerplate_line(line) {
            continue;
        }
        ranges.clear();
        tokenize_line(line, base, &mut ranges);
        let mut tokens: Vec<Token> = ranges
            .iter()
            .map(|r| {
                let s = &text[r.clone()];
                Token {
                    start: r.start,
                    end: r.end,
                    norm: normalize(s),
                    lemma: String::new(),
                    tag: Tag::X,
                    form: VerbForm::None,
                    capitalized: capitalized(s),
                    cluster: 0,
                }
            })
            .collect();
        let dateline = strip_dateline(&mut tokens, text);
        split_sentences(tokens, text, dateline, &mut sentences);
    }
    for (i, s) in sentences.iter_mut().enumerate() {
        s.index = i;
    }
    sentences
}

/// Removes a leading dateline ("CARACAS (Reuters) -", "HAVANA, Feb 3 (AP) —") from a line's
/// tokens and returns the place's byte range.
fn strip_dateline(tokens: &mut Vec<Token>, text: &str) -> Option<Range<usize>> {
    // The place: one to three all-caps words, then optional ", date", then "(Agency)" and a dash,
    // or just a dash.
    let mut i = 0;
    while i < tokens.len() && i < 3 {
        let t = tokens[i].text(text);
        if t.chars().any(|c| c.is_alphabetic())
            && t.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
            && t.chars().count() > 1
        {
            i += 1;
        } else {
            break;
        }
    }
    if i == 0 {
        return None;
    }
    let place = tokens[0].start..tokens[i - 1].end;
    let mut j = i;
    // optional ", Feb 3" or ", Venezuela"
    if j < tokens.len() && tokens[j].norm == "," {
        let mut k = j + 1;
        while k < tokens.len() && k < j + 5 && tokens[k].norm != "(" && !is_dash(&tokens[k].norm) {
            k += 1;
        }
        j = k;
    }
    if j < tokens.len() && tokens[j].norm == "(" {
        let mut k = j + 1;
        while k < tokens.len() && k < j + 5 && tokens[k].norm != ")" {
            k += 1;
        }
        if k < tokens.len() {
            j = k + 1;
        } else {
            return None;
        }
    }
    if j < tokens.len() && is_dash(&tokens[j].norm) && j + 1 < tokens.len() {
        tokens.drain(..=j);
        return Some(place);
    }
    None
}

fn is_dash(norm: &str) -> bool {
    matches!(norm, "-" | "--")
}

/// Splits one line's tokens into sentences at sentence-final punctuation.
fn split_sentences(tokens: Vec<Token>, text: &str, dateline: Option<Range<usize>>, out: &mut Vec<Sentence>) {
    let mut current: Vec<Token> = Vec::new();
    let mut dateline = dateline;
    let n = tokens.len();
    let mut iter = tokens.into_iter().peekable();
    let mut idx = 0;
    while let Some(tok) = iter.next() {
        idx += 1;
        let ends = match tok.norm.as_str() {
            "." | "?" | "!" | "..." => true,
            _ => tok.norm.ends_with('.') && tok.norm.len() > 1 && ends_abbreviation_sentence(&tok, iter.peek(), text),
        };
        current.push(tok);
        if ends {
            // Closing quotes and brackets belong to the sentence they close.
            while let Some(next) = iter.peek() {
                if matches!(next.norm.as_str(), "\"" | "'" | ")" | "]") {
                    current.push(iter.next().unwrap());
                    idx += 1;
                } else {
                    break;
                }
            }
            let next_starts_sentence = match iter.peek() {
                None => true,
                Some(next) => {
                    let t = next.text(text);
                    next.capitalized
                        || t.starts_with(|c: char| c.is_ascii_digit() || c == '"' || c == '\u{201C}' || c == '(')
                }
            };
            if next_starts_sentence && idx < n || iter.peek().is_none() {
                push_sentence(&mut current, dateline.take(), out);
            }
        }
    }
    if !current.is_empty() {
        push_sentence(&mut current, dateline.take(), out);
    }
}

/// Decides whether a token ending in a period (an abbreviation or initialism) also ends the
/// sentence: only when the next word is a capitalized word that usually begins sentences.
fn ends_abbreviation_sentence(tok: &Token, next: Option<&Token>, _text: &str) -> bool {
    let stem = tok.norm.trim_end_matches('.');
    let Some(next) = next else { return true };
    if ABBREVIATIONS_BEFORE_NUMBER.contains(&stem) || ABBREVIATIONS.contains(&stem) {
        return false;
    }
    // "U.S." before a capitalized function word ("The", "He") ends the sentence.
    next.capitalized && is_sentence_opener(&next.norm)
}

/// Words that usually begin a sentence when capitalized; used by the segmenter to decide
/// whether "U.S." before them ends a sentence.
pub fn is_sentence_opener(norm: &str) -> bool {
    matches!(
        norm,
        "the"
            | "a"
            | "an"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "this"
            | "that"
            | "these"
            | "those"
            | "but"
            | "and"
            | "in"
            | "on"
            | "at"
            | "his"
            | "her"
            | "their"
            | "its"
            | "there"
            | "some"
            | "many"
            | "most"
            | "after"
            | "before"
            | "meanwhile"
            | "however"
            | "earlier"
            | "later"
            | "last"
            | "when"
            | "while"
            | "officials"
            | "according"
    )
}

fn push_sentence(tokens: &mut Vec<Token>, dateline: Option<Range<usize>>, out: &mut Vec<Sentence>) {
    if tokens.is_empty() {
        return;
    }
    let span = tokens[0].start..tokens[tokens.len() - 1].end;
    out.push(Sentence { index: 0, span, tokens: std::mem::take(tokens), dateline });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        segment(text).into_iter().map(|s| s.tokens.iter().map(|t| t.text(text).to_string()).collect()).collect()
    }

    #[test]
    fn tokens_keep_initialisms_numbers_and_split_clitics() {
        let w = words("U.S. forces captured Maduro's 25,000 men; they didn't stop.");
        assert_eq!(
            w[0],
            vec!["U.S.", "forces", "captured", "Maduro", "'s", "25,000", "men", ";", "they", "did", "n't", "stop", "."]
        );
    }

    #[test]
    fn curly_apostrophes_split_possessives() {
        let w = words("Venezuela’s alliance with Cuba’s government");
        assert_eq!(w[0], vec!["Venezuela", "’s", "alliance", "with", "Cuba", "’s", "government"]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let w = words("Gen. Padrino met Mr. Lopez on Jan. 3 in No. 2 barracks. Then he left.");
        assert_eq!(w.len(), 2);
        assert_eq!(w[1][0], "Then");
    }

    #[test]
    fn initialism_before_sentence_opener_ends_sentence() {
        let w = words("The troops came from the U.S. The talks failed.");
        assert_eq!(w.len(), 2);
        let w = words("He met U.S. officials.");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn lines_end_sentences_and_boilerplate_is_dropped() {
        let w =
            words("Share this @internewscast.com\n\nCuba Recalls Troops\nCuba recalled its troops.\nWith Post Wires");
        assert_eq!(w, vec![vec!["Cuba", "Recalls", "Troops"], vec!["Cuba", "recalled", "its", "troops", "."]]);
    }

    #[test]
    fn datelines_are_cut_and_kept() {
        let text = "CARACAS (Reuters) - Cuban forces left the city.";
        let s = segment(text);
        assert_eq!(&text[s[0].dateline.clone().unwrap()], "CARACAS");
        assert_eq!(s[0].tokens[0].text(text), "Cuban");
        let text = "HAVANA, Feb 3 (AP) — Cuba said no.";
        let s = segment(text);
        assert_eq!(&text[s[0].dateline.clone().unwrap()], "HAVANA");
        assert_eq!(s[0].tokens[0].text(text), "Cuba");
    }

    #[test]
    fn quotes_close_their_sentence() {
        let w = words("\"We will resist.\" Cuba said.");
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].last().unwrap(), "\"");
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Rodríguez met Díaz-Canel.";
        let s = segment(text);
        let t = &s[0].tokens;
        assert_eq!(t[0].text(text), "Rodríguez");
        assert_eq!(t[0].norm, "rodriguez");
        assert_eq!(t[2].norm, "diaz-canel");
    }
}
