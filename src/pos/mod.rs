//! Stage 2: parts of speech and lemmas.
//!
//! Fills [`Token::tag`](crate::annotate::Token::tag), [`Token::form`](crate::annotate::Token::form),
//! [`Token::lemma`](crate::annotate::Token::lemma) and (statistical tagger only)
//! [`Token::cluster`](crate::annotate::Token::cluster) for every token of a sentence. The tag set
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
mod reader;
mod rules;

pub use lemma::lemma;
pub use perceptron::PerceptronTagger;
pub use rules::{RuleTagger, lemmatize};

use crate::annotate::Token;
pub use crate::annotate::{Tag, VerbForm};

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
