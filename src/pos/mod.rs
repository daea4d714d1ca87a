//! Stage 2: parts of speech and lemmas.
//!
//! Fills [`Token::tag`](crate::text::Token::tag), [`Token::form`](crate::text::Token::form),
//! [`Token::lemma`](crate::text::Token::lemma) and (statistical tagger only)
//! [`Token::cluster`](crate::text::Token::cluster) for every token of a sentence. The tag set
//! is Universal Dependencies' UPOS ([`Tag`]) with the verb form ([`VerbForm`], from the Penn
//! Treebank tag) beside it, because clause analysis needs verb forms (past participle vs past
//! tense) that UPOS drops.
//!
//! The [`PosTagger`] trait is the stage's interface; [`PerceptronTagger`] (statistical, the
//! default; it reads the guesses of a first-pass [`prior::PriorTagger`]) and [`RuleTagger`]
//! (lexicon and context rules, no model) implement it.

mod hashing;
pub mod lemma;
pub mod perceptron;
pub mod prior;
mod rules;

pub use lemma::lemma;
pub use perceptron::PerceptronTagger;
pub use rules::{RuleTagger, lemmatize};

use crate::text::Token;

/// Universal part-of-speech tag (UD v2 UPOS).
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tag {
    ADJ,
    ADP,
    ADV,
    AUX,
    CCONJ,
    DET,
    INTJ,
    NOUN,
    NUM,
    PART,
    PRON,
    PROPN,
    PUNCT,
    SCONJ,
    SYM,
    VERB,
    #[default]
    X,
}

impl Tag {
    /// The UD spelling of the tag ("NOUN").
    pub fn as_str(self) -> &'static str {
        use Tag::*;
        match self {
            ADJ => "ADJ",
            ADP => "ADP",
            ADV => "ADV",
            AUX => "AUX",
            CCONJ => "CCONJ",
            DET => "DET",
            INTJ => "INTJ",
            NOUN => "NOUN",
            NUM => "NUM",
            PART => "PART",
            PRON => "PRON",
            PROPN => "PROPN",
            PUNCT => "PUNCT",
            SCONJ => "SCONJ",
            SYM => "SYM",
            VERB => "VERB",
            X => "X",
        }
    }

    /// Parses a UD UPOS tag.
    pub fn parse(s: &str) -> Option<Tag> {
        use Tag::*;
        Some(match s {
            "ADJ" => ADJ,
            "ADP" => ADP,
            "ADV" => ADV,
            "AUX" => AUX,
            "CCONJ" => CCONJ,
            "DET" => DET,
            "INTJ" => INTJ,
            "NOUN" => NOUN,
            "NUM" => NUM,
            "PART" => PART,
            "PRON" => PRON,
            "PROPN" => PROPN,
            "PUNCT" => PUNCT,
            "SCONJ" => SCONJ,
            "SYM" => SYM,
            "VERB" => VERB,
            "X" => X,
            _ => return None,
        })
    }

    /// Nouns, proper nouns and pronouns: words that head noun phrases.
    pub fn is_nominal(self) -> bool {
        matches!(self, Tag::NOUN | Tag::PROPN | Tag::PRON)
    }
}

/// Verb form, as far as clause analysis needs it (the Penn verb tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum VerbForm {
    /// Not a verb.
    #[default]
    None,
    /// VB: base form ("attack" after "to", "will").
    Base,
    /// VBD: past tense ("attacked" in "they attacked").
    Past,
    /// VBG: gerund or present participle ("attacking").
    Gerund,
    /// VBN: past participle ("captured" in "was captured").
    Participle,
    /// VBP/VBZ: present tense ("attacks").
    Present,
}

impl VerbForm {
    /// The Penn tag that stands for this form when writing CoNLL-U (present tense as `VBP`;
    /// `None` for no verb form). [`crate::pos::perceptron::form_of_xpos`] reads it back.
    ///
    /// ```
    /// use petrel::pos::VerbForm;
    /// assert_eq!(VerbForm::Participle.penn_tag(), Some("VBN"));
    /// assert_eq!(VerbForm::None.penn_tag(), None);
    /// ```
    pub fn penn_tag(self) -> Option<&'static str> {
        match self {
            VerbForm::None => None,
            VerbForm::Base => Some("VB"),
            VerbForm::Past => Some("VBD"),
            VerbForm::Gerund => Some("VBG"),
            VerbForm::Participle => Some("VBN"),
            VerbForm::Present => Some("VBP"),
        }
    }
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

/// The part-of-speech stage: tags and lemmatizes one sentence's tokens in place.
pub trait PosTagger: Send + Sync {
    /// Sets `tag`, `form` and `lemma` on every token. `text` is the document text the
    /// tokens' offsets point into.
    fn tag(&self, tokens: &mut [Token], text: &str);

    /// Tags like [`tag`](Self::tag) and also returns each token's Penn Treebank tag, from
    /// taggers that predict one (the default predicts none). Scoring only: the pipeline
    /// reads UPOS and the verb form.
    fn tag_penn<'a>(&'a self, tokens: &mut [Token], text: &str) -> Option<Vec<&'a str>> {
        self.tag(tokens, text);
        None
    }
}
