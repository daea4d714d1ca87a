//! `petrel eval-grammar` and `petrel tag --conllu`: the language layer measured against a
//! Universal Dependencies treebank, and written out in CoNLL-U so standard tools can score it.
//!
//! Tokens come from the treebank (gold tokenization), so tagging and syntax are measured
//! without segmentation errors. Scores: UPOS accuracy; Penn XPOS accuracy when the tagger
//! predicts Penn tags (the built-in one does); lemma accuracy on gold verbs; precision
//! and recall of subject (`nsubj`, `nsubj:pass`), object (`obj`) and passive agent
//! (`obl:agent`) attachments, each a (predicate, dependent) pair.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::annotate::{Tag, Token, VerbForm};
use crate::conllu;
use crate::depparse::ArcParser;
use crate::pipeline::Pipeline;
use crate::syntax::{Analysis, SubjectLink};
use crate::text::normalize;

/// Precision/recall counts of one relation.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Prf {
    /// Pairs in the gold treebank.
    pub gold: usize,
    /// Pairs petrel produced.
    pub predicted: usize,
    /// Pairs in both.
    pub correct: usize,
}

impl Prf {
    /// Precision.
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 0.0 } else { self.correct as f64 / self.predicted as f64 }
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.correct as f64 / self.gold as f64 }
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// The grammar scores of one treebank.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct GrammarReport {
    /// Sentences read.
    pub sentences: usize,
    /// Words scored.
    pub words: usize,
    /// Words whose UPOS is right.
    pub upos_correct: usize,
    /// Words given a Penn Treebank tag (0 when the tagger predicts none).
    pub xpos_words: usize,
    /// Words whose Penn Treebank tag (XPOS) is right.
    pub xpos_correct: usize,
    /// Gold verbs (UPOS VERB).
    pub verbs: usize,
    /// Gold verbs whose lemma is right.
    pub verb_lemma_correct: usize,
    /// Subjects (`nsubj`, `nsubj:pass`).
    pub subject: Prf,
    /// Direct objects (`obj`).
    pub object: Prf,
    /// Passive agents (`obl:agent`).
    pub agent: Prf,
}

/// Builds petrel tokens over a gold sentence's words (joined by single spaces).
pub fn gold_tokens(s: &conllu::Sentence) -> (String, Vec<Token>) {
    let (text, spans) = s.joined();
    let tokens = spans
        .iter()
        .map(|&(a, b)| Token {
            start: a,
            end: b,
            norm: normalize(&text[a..b]),
            lemma: String::new(),
            tag: Tag::X,
            form: VerbForm::None,
            capitalized: text[a..b].chars().next().is_some_and(char::is_uppercase),
            cluster: 0,
        })
        .collect();
    (text, tokens)
}

/// The UD head of a chunk: the last noun, or the first of a run of proper nouns (UD's `flat`
/// names are headed by their first word).
fn ud_head(tokens: &[Token], a: &Analysis, c: usize) -> usize {
    let ch = &a.chunks[c];
    let mut h = ch.head;
    if tokens[h].tag == Tag::PROPN {
        while h > ch.start && tokens[h - 1].tag == Tag::PROPN {
            h -= 1;
        }
    }
    h
}

/// The UD predicate of a verb group: the verb, or for a copula the word after it.
fn ud_predicate(tokens: &[Token], a: &Analysis, v: usize) -> usize {
    let g = &a.verbs[v];
    if tokens[g.head].lemma == "be" && tokens[g.head].tag == Tag::AUX {
        if let Some(k) = (g.head + 1..tokens.len().min(g.head + 6))
            .find(|&k| matches!(tokens[k].tag, Tag::ADJ | Tag::NOUN | Tag::PROPN | Tag::NUM | Tag::PRON))
        {
            return match a.chunk_of[k] {
                Some(c) if tokens[k].tag != Tag::ADJ => ud_head(tokens, a, c),
                _ => k,
            };
        }
    }
    g.head
}

/// Predicted relations of one analysed sentence: (predicate, dependent, relation), 0-based.
pub fn predicted_relations(tokens: &[Token], a: &Analysis) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    for (v, g) in a.verbs.iter().enumerate() {
        let pred = ud_predicate(tokens, a, v);
        match a.subject(tokens, v) {
            Some(SubjectLink::Direct(c) | SubjectLink::Inverted(c)) => out.push((pred, ud_head(tokens, a, c), "nsubj")),
            Some(SubjectLink::Relative(_)) => {
                if let Some(k) =
                    (0..g.start).rev().take(3).find(|&k| matches!(tokens[k].norm.as_str(), "who" | "which" | "that"))
                {
                    out.push((pred, k, "nsubj"));
                }
            }
            _ => {}
        }
        if !g.passive && pred == g.head {
            if let Some(c) = a.object(tokens, v, g.head + 1) {
                out.push((pred, ud_head(tokens, a, c), "obj"));
            }
        }
        if g.passive {
            if let Some(c) = a.prep_object(tokens, g.head + 1, &["by".to_string()]) {
                out.push((pred, ud_head(tokens, a, c), "obl:agent"));
            }
        }
    }
    out
}

/// Scores the pipeline's language layer on treebank sentences.
pub fn evaluate_grammar(sentences: &[conllu::Sentence], pipeline: &Pipeline) -> GrammarReport {
    evaluate_with(sentences, pipeline, |tokens| {
        let a = crate::syntax::analyse(tokens);
        predicted_relations(tokens, &a).into_iter().collect()
    })
}

/// Tags each sentence with the pipeline's tagger, scores tags and lemmas, and scores the
/// relations `relations` predicts against the treebank's.
fn evaluate_with<F>(sentences: &[conllu::Sentence], pipeline: &Pipeline, relations: F) -> GrammarReport
where
    F: Fn(&[Token]) -> HashSet<(usize, usize, &'static str)>,
{
    let mut r = GrammarReport { sentences: sentences.len(), ..Default::default() };
    for s in sentences {
        let (text, mut tokens) = gold_tokens(s);
        if let Some(penn) = pipeline.tag_tokens_penn(&mut tokens, &text) {
            r.xpos_words += penn.len();
            r.xpos_correct += penn.iter().zip(&s.words).filter(|(p, w)| **p == w.xpos).count();
        }
        for (t, w) in tokens.iter().zip(&s.words) {
            r.words += 1;
            r.upos_correct += usize::from(t.tag.as_str() == w.upos);
            if w.upos == "VERB" {
                r.verbs += 1;
                r.verb_lemma_correct += usize::from(t.lemma == w.lemma.to_lowercase());
            }
        }
        let gold = gold_relations(s);
        let predicted = relations(&tokens);
        for (rel, prf) in [("nsubj", &mut r.subject), ("obj", &mut r.object), ("obl:agent", &mut r.agent)] {
            prf.gold += gold.iter().filter(|g| g.2 == rel).count();
            prf.predicted += predicted.iter().filter(|p| p.2 == rel).count();
            prf.correct += predicted.iter().filter(|p| p.2 == rel && gold.contains(p)).count();
        }
    }
    r
}

/// The relation scored for a UD label: subjects (active and passive), objects, passive agents.
fn scored_relation(deprel: &str) -> Option<&'static str> {
    match deprel {
        "nsubj" | "nsubj:pass" => Some("nsubj"),
        "obj" => Some("obj"),
        "obl:agent" => Some("obl:agent"),
        _ => None,
    }
}

/// The gold (predicate, dependent, relation) triples of a treebank sentence, 0-based, with
/// `nsubj:pass` counted as `nsubj`.
fn gold_relations(s: &conllu::Sentence) -> HashSet<(usize, usize, &'static str)> {
    s.words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let rel = scored_relation(&w.deprel)?;
            let head = w.head.filter(|&h| h > 0)?;
            Some((head - 1, i, rel))
        })
        .collect()
}

/// Scores a statistical dependency parser's subject, object and agent arcs on treebank
/// sentences (tags from the pipeline's tagger, as in [`evaluate_grammar`]).
pub fn evaluate_parser<P: ArcParser + ?Sized>(
    sentences: &[conllu::Sentence],
    pipeline: &Pipeline,
    parser: &P,
) -> GrammarReport {
    evaluate_with(sentences, pipeline, |tokens| {
        parser
            .parse_arcs(tokens)
            .into_iter()
            .enumerate()
            .filter_map(|(i, (h, rel))| Some((h?, i, scored_relation(rel)?)))
            .collect()
    })
}

impl GrammarReport {
    /// The report as text: [`Self::tagging_text`] then [`Self::attachments_text`].
    pub fn text(&self) -> String {
        self.tagging_text() + &self.attachments_text()
    }

    /// Sentence and word counts, UPOS, Penn XPOS (when the tagger predicts it) and verb-lemma
    /// accuracy, one line each.
    pub fn tagging_text(&self) -> String {
        let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        let mut s = String::new();
        let _ = writeln!(s, "sentences: {}  words: {}", self.sentences, self.words);
        let _ = writeln!(
            s,
            "UPOS accuracy:        {:.2}% ({}/{})",
            pct(self.upos_correct, self.words),
            self.upos_correct,
            self.words
        );
        if self.xpos_words > 0 {
            let _ = writeln!(
                s,
                "XPOS accuracy:        {:.2}% ({}/{})",
                pct(self.xpos_correct, self.xpos_words),
                self.xpos_correct,
                self.xpos_words
            );
        }
        let _ = writeln!(
            s,
            "verb lemma accuracy:  {:.2}% ({}/{})",
            pct(self.verb_lemma_correct, self.verbs),
            self.verb_lemma_correct,
            self.verbs
        );
        s
    }

    /// Precision, recall and F1 of subject, object and agent attachments, one line each.
    pub fn attachments_text(&self) -> String {
        let mut s = String::new();
        for (name, p) in
            [("subject (nsubj)", &self.subject), ("object (obj)", &self.object), ("agent (obl:agent)", &self.agent)]
        {
            let _ = writeln!(
                s,
                "{name:<20}  P {:.3}  R {:.3}  F1 {:.3}  (gold {}, predicted {}, correct {})",
                p.precision(),
                p.recall(),
                p.f1(),
                p.gold,
                p.predicted,
                p.correct
            );
        }
        s
    }
}

/// Writes a sentence's analysis as CoNLL-U: every word gets a head so that standard tools can
/// read it. Subjects, objects and passive agents attach to their predicates with their UD
/// relation; a chunk's other words attach to its head (`dep`, `case` for prepositions); verbs
/// attach to the sentence's first verb, which is the root.
pub fn to_conllu(tokens: &[Token], text: &str, a: &Analysis, sent_id: &str) -> String {
    let n = tokens.len();
    let mut head: Vec<usize> = vec![usize::MAX; n];
    let mut rel: Vec<&str> = vec!["dep"; n];
    let root =
        a.verbs.first().map(|_| ud_predicate(tokens, a, 0)).unwrap_or_else(|| a.chunks.first().map_or(0, |c| c.head));
    for (p, d, r) in predicted_relations(tokens, a) {
        if d != p && head[d] == usize::MAX {
            head[d] = p;
            rel[d] = r;
        }
    }
    for (ci, c) in a.chunks.iter().enumerate() {
        let h = ud_head(tokens, a, ci);
        for (k, slot) in head.iter_mut().enumerate().take(c.end).skip(c.start) {
            if k != h && *slot == usize::MAX {
                *slot = h;
            }
        }
        if let Some(p) = c.prep {
            if head[p] == usize::MAX {
                head[p] = h;
                rel[p] = "case";
            }
        }
    }
    for g in &a.verbs {
        for k in g.start..g.head {
            if head[k] == usize::MAX {
                head[k] = g.head;
                rel[k] = if tokens[k].tag == Tag::AUX { "aux" } else { "dep" };
            }
        }
        if g.head != root && head[g.head] == usize::MAX {
            head[g.head] = root;
        }
    }
    let arcs = (0..tokens.len()).map(|i| {
        if i == root {
            (None, "root")
        } else if head[i] == usize::MAX || head[i] == i {
            (Some(root), "dep")
        } else {
            (Some(head[i]), rel[i])
        }
    });
    conllu_block(tokens, text, arcs, sent_id)
}

/// Writes a sentence parsed by the dependency parser as CoNLL-U: heads and relations are the
/// parser's ([`crate::depparse::DependencyParser::parse`]), tags and lemmas the tagger's.
///
/// ```
/// # use petrel::Pipeline;
/// let pipeline = Pipeline::builtin().unwrap();
/// let text = "Russia condemned the strike.";
/// let (sentence, _) = pipeline.analyse_text(text).into_iter().next().unwrap();
/// let arcs = petrel::depparse::DependencyParser::builtin().parse(&sentence.tokens);
/// let block = petrel::grammar_eval::parsed_to_conllu(&sentence.tokens, text, &arcs, "s1");
/// let russia: Vec<&str> = block.lines().find(|l| l.starts_with("1\t")).unwrap().split('\t').collect();
/// assert_eq!((russia[1], russia[3], russia[6], russia[7]), ("Russia", "PROPN", "2", "nsubj"));
/// ```
pub fn parsed_to_conllu(tokens: &[Token], text: &str, arcs: &[(Option<usize>, &str)], sent_id: &str) -> String {
    conllu_block(tokens, text, arcs.iter().copied(), sent_id)
}

/// One CoNLL-U block: comments, then a line per token with its (head, relation), `None` for
/// the root.
fn conllu_block<'a>(
    tokens: &[Token],
    text: &str,
    arcs: impl Iterator<Item = (Option<usize>, &'a str)>,
    sent_id: &str,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# sent_id = {sent_id}");
    let _ =
        writeln!(out, "# text = {}", &text[tokens.first().map_or(0, |t| t.start)..tokens.last().map_or(0, |t| t.end)]);
    for ((i, t), (h, r)) in tokens.iter().enumerate().zip(arcs) {
        let h = h.map_or(0, |h| h + 1);
        let xpos = if matches!(t.tag, Tag::VERB | Tag::AUX) { t.form.penn_tag().unwrap_or("_") } else { "_" };
        let lemma = if t.lemma.is_empty() { "_" } else { t.lemma.as_str() };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_",
            i + 1,
            t.text(text),
            lemma,
            t.tag.as_str(),
            xpos,
            h,
            r
        );
    }
    out.push('\n');
    out
}
