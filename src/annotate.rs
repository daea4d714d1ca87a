//! The annotated sentence: the types every stage reads and the stages fill in, kept at the
//! bottom of the house so that no two stages need each other for them.
//!
//! - [`Token`]: a word with its byte offsets and normal form (`text`), its part of speech
//!   [`Tag`], [`VerbForm`] and lemma (`pos`), and its word cluster (the statistical tagger);
//! - [`Mention`]: a dictionary match in a sentence (`actors` finds them; `actions` and
//!   `events` read them).

/// One token: a word, number or punctuation mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offset of the first byte in the document text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Normal form used for matching: lowercase, accents removed, curly quotes straightened,
    /// dashes as `-`.
    pub norm: String,
    /// Dictionary form ("captured" → "capture"), filled by the `pos` stage.
    pub lemma: String,
    /// Part of speech, filled by the `pos` stage.
    pub tag: Tag,
    /// Verb form (past, participle...), filled by the `pos` stage for verbs and auxiliaries.
    pub form: VerbForm,
    /// The token starts with an uppercase letter in the original text.
    pub capitalized: bool,
    /// The word's distributional cluster (words used alike share one; 0 when unknown),
    /// filled by the `pos` stage's statistical tagger and read by the dependency parser.
    pub cluster: u32,
}

impl Token {
    /// The token's original text.
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.start..self.end]
    }
}

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

/// What kind of dictionary entry a mention came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A named actor: country, capital, organisation, group, person.
    Named,
    /// A generic agent word ("soldiers").
    Agent,
}

/// A dictionary match in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The code (named actors: the dated code; agents: the 3-letter agent code).
    pub code: String,
    /// Named or agent.
    pub kind: MentionKind,
    /// Dictionary rule ("actors/people.txt:12").
    pub rule: String,
    /// The entry is a capital or seat of government (a metonym, also a place name).
    pub capital: bool,
    /// False when a person's role was taken from outside its date range.
    pub exact_date: bool,
    /// The dictionary entry of a person (whose code depends on the date).
    pub person: Option<usize>,
}
