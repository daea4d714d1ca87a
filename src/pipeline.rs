//! The pipeline: runs every stage over a document.

use crate::actions::match_actions;
use crate::actors::find_mentions;
use crate::context::place::find_places;
use crate::context::time::find_time_expressions;
use crate::dict::{DictError, Dictionaries, DictionarySources, DiscardScope};
use crate::document::Document;
use crate::events::{Event, EventOptions, Focus, SentenceContext, Unresolved, build_events};
use crate::pos::{PerceptronTagger, PosTagger};
use crate::syntax::analyse;
use crate::text::segment;

/// The result of coding one document.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    /// Events, in sentence order.
    pub events: Vec<Event>,
    /// Actors that could not be coded.
    pub unresolved: Vec<Unresolved>,
    /// Sentences in the document.
    pub sentences: usize,
}

/// Compiled dictionaries plus the stages; build once, share across threads.
pub struct Pipeline {
    /// The compiled dictionaries.
    pub dicts: Dictionaries,
    tagger: Box<dyn PosTagger>,
    /// Event options.
    pub options: EventOptions,
    parser: Option<crate::depparse::DependencyParser>,
}

impl Pipeline {
    /// A pipeline over the built-in dictionaries.
    pub fn builtin() -> Result<Pipeline, DictError> {
        Ok(Self::new(Dictionaries::builtin()?))
    }

    /// A pipeline over the given dictionary sources.
    pub fn from_sources(sources: &DictionarySources) -> Result<Pipeline, DictError> {
        Ok(Self::new(Dictionaries::load(sources)?))
    }

    /// A pipeline over compiled dictionaries.
    pub fn new(dicts: Dictionaries) -> Pipeline {
        Pipeline {
            dicts,
            tagger: Box::new(PerceptronTagger::builtin()),
            options: EventOptions::default(),
            parser: None,
        }
    }

    /// Runs the statistical dependency parser after tagging, so that subjects and objects come
    /// from its arcs (the rules fill the gaps). Costs about as much again as the rest of the
    /// pipeline.
    pub fn with_parser(mut self, on: bool) -> Pipeline {
        self.parser = on.then(crate::depparse::DependencyParser::builtin);
        self
    }

    /// Replaces the part-of-speech stage, for instance with the model-free
    /// [`RuleTagger`](crate::pos::RuleTagger).
    pub fn with_tagger(mut self, tagger: Box<dyn PosTagger>) -> Pipeline {
        self.tagger = tagger;
        self
    }

    /// Runs the language layer only (segmentation, tagging, syntax) over a text: what `petrel
    /// tag` prints and what the grammar tests check.
    pub fn analyse_text(&self, text: &str) -> Vec<(crate::text::Sentence, crate::syntax::Analysis)> {
        let mut sentences = segment(text);
        sentences
            .iter_mut()
            .map(|s| {
                let a = self.analyse_sentence(s, text);
                (s.clone(), a)
            })
            .collect()
    }

    /// Tags one sentence in place and analyses its clauses, with the dependency parser's arcs
    /// when the pipeline has one: the language layer for one sentence.
    fn analyse_sentence(&self, sentence: &mut crate::text::Sentence, text: &str) -> crate::syntax::Analysis {
        self.tagger.tag(&mut sentence.tokens, text);
        let mut analysis = analyse(&sentence.tokens);
        if let Some(p) = &self.parser {
            analysis.arcs = Some(p.parse(&sentence.tokens));
        }
        analysis
    }

    /// Tags one sentence's tokens in place with the pipeline's tagger.
    pub fn tag_tokens(&self, tokens: &mut [crate::annotate::Token], text: &str) {
        self.tagger.tag(tokens, text);
    }

    /// [`tag_tokens`](Self::tag_tokens), also returning each token's Penn Treebank tag when
    /// the tagger predicts one (the built-in statistical tagger does).
    pub fn tag_tokens_penn(&self, tokens: &mut [crate::annotate::Token], text: &str) -> Option<Vec<&str>> {
        self.tagger.tag_penn(tokens, text)
    }

    /// Codes a document into events.
    pub fn code_document(&self, doc: &Document) -> Vec<Event> {
        self.code(doc).events
    }

    /// Codes a document into events, also reporting unresolved actors and the sentence count.
    ///
    /// Cost: linear in the document's length; no allocation is shared between calls, so
    /// documents can be coded in parallel.
    pub fn code(&self, doc: &Document) -> Coded {
        let mut sentences = segment(&doc.text);
        let mut out = Coded { sentences: sentences.len(), ..Default::default() };
        // PETRARCH discard lists: a sentence holding a discard phrase is not coded, and a
        // story-level phrase leaves the whole document uncoded.
        let mut discarded = vec![false; sentences.len()];
        if !self.dicts.discards.is_empty() {
            for (s, d) in sentences.iter().zip(&mut discarded) {
                let words: Vec<&str> = s.tokens.iter().map(|t| t.norm.as_str()).collect();
                match self.dicts.discards.find(&words) {
                    Some((DiscardScope::Story, _)) => return out,
                    found => *d = found.is_some(),
                }
            }
        }
        let mut focus = Focus::default();
        for (s, _) in sentences.iter_mut().zip(&discarded).filter(|(_, d)| !**d) {
            let analysis = self.analyse_sentence(s, &doc.text);
            let mentions = find_mentions(&s.tokens, &self.dicts, doc.published);
            let actions = match_actions(&s.tokens, &analysis, &self.dicts, &mentions);
            let times = find_time_expressions(&s.tokens);
            let places = find_places(&s.tokens, &self.dicts.gazetteer);
            let cx = SentenceContext {
                doc_text: &doc.text,
                doc_id: &doc.id,
                published: doc.published,
                sentence: s,
                analysis: &analysis,
                mentions: &mentions,
                times: &times,
                places: &places,
            };
            let events = build_events(&cx, &actions, &self.dicts, &self.options, &mut focus, &mut out.unresolved);
            out.events.extend(events);
        }
        out
    }
}
