//! Stage 5: actions. Matches the action dictionary against each verb group (and event nouns)
//! of a sentence, and finds where the pattern puts its source and target.
//!
//! A pattern matches when its head lemma is the verb (or noun) and its remaining words follow
//! in order, each within four filler words (determiners, adjectives, adverbs, numbers,
//! pronouns, nouns) of the previous one. The longest matching pattern wins.

use crate::dict::{Dictionaries, VerbPattern};
use crate::pos::Tag;
use crate::syntax::Analysis;
use crate::text::Token;

/// How many filler words may stand between two pattern words.
pub const MAX_FILLER: usize = 4;

/// A pattern matched in a sentence.
#[derive(Debug, Clone)]
pub struct ActionMatch<'d> {
    /// The pattern.
    pub pattern: &'d VerbPattern,
    /// The verb group index (verb patterns) or `None` (noun patterns).
    pub verb: Option<usize>,
    /// The head token.
    pub head: usize,
    /// The last token the pattern matched.
    pub last: usize,
    /// The chunk holding the target, when the pattern's grammar locates one.
    pub target_chunk: Option<usize>,
}

fn word_matches(t: &Token, alts: &[String]) -> bool {
    alts.iter().any(|a| *a == t.lemma || *a == t.norm)
}

fn is_filler(t: &Token) -> bool {
    matches!(t.tag, Tag::DET | Tag::ADJ | Tag::ADV | Tag::NUM | Tag::PRON | Tag::NOUN | Tag::PROPN | Tag::PART)
        || t.norm == "-"
}

/// Matches `p`'s words after `head`; returns the index of the last matched token.
fn match_rest(tokens: &[Token], head: usize, p: &VerbPattern) -> Option<usize> {
    let mut pos = head;
    for alts in &p.words {
        let mut k = pos + 1;
        let mut skipped = 0;
        loop {
            let t = tokens.get(k)?;
            if word_matches(t, alts) {
                pos = k;
                break;
            }
            if !is_filler(t) || skipped == MAX_FILLER {
                return None;
            }
            skipped += 1;
            k += 1;
        }
    }
    Some(pos)
}

fn clause_allows(tokens: &[Token], p: &VerbPattern) -> bool {
    let has = |w: &String| tokens.iter().any(|t| t.lemma == *w || t.norm == *w);
    (p.requires.is_empty() || p.requires.iter().any(has)) && !p.forbids.iter().any(has)
}

/// Finds the best pattern for every verb group and event noun of a sentence.
pub fn match_actions<'d>(tokens: &[Token], analysis: &Analysis, dicts: &'d Dictionaries) -> Vec<ActionMatch<'d>> {
    let mut out = Vec::new();
    let mut used = vec![false; tokens.len()];
    for (v, vg) in analysis.verbs.iter().enumerate() {
        let h = vg.head;
        let head = &tokens[h];
        let lemmas = [head.lemma.as_str(), head.norm.as_str()];
        let best = lemmas.iter().find_map(|l| {
            dicts.verbs.verb_patterns(l).find_map(|p| {
                let last = match_rest(tokens, h, p)?;
                clause_allows(tokens, p).then_some((p, last))
            })
        });
        let Some((p, last)) = best else { continue };
        for u in &mut used[h..=last] {
            *u = true;
        }
        let target_chunk = locate_target(tokens, analysis, v, p, last);
        out.push(ActionMatch { pattern: p, verb: Some(v), head: h, last, target_chunk });
    }
    // Event nouns not consumed by a verb pattern: "the blockade of Cuba".
    for h in 0..tokens.len() {
        let t = &tokens[h];
        if used[h] || t.tag != Tag::NOUN || !dicts.verbs.has_noun(&t.lemma) {
            continue;
        }
        let best = dicts.verbs.noun_patterns(&t.lemma).find_map(|p| {
            let last = match_rest(tokens, h, p)?;
            clause_allows(tokens, p).then_some((p, last))
        });
        let Some((p, last)) = best else { continue };
        let target_chunk = match p.target_preposition() {
            Some(_) => analysis.chunk_of.get(last + 1).copied().flatten(),
            None => None,
        };
        out.push(ActionMatch { pattern: p, verb: None, head: h, last, target_chunk });
    }
    out
}

/// Where a verb pattern's target is: after its final preposition, or the direct object.
fn locate_target(tokens: &[Token], analysis: &Analysis, v: usize, p: &VerbPattern, last: usize) -> Option<usize> {
    if p.target_preposition().is_some() {
        return analysis.chunk_of.get(last + 1).copied().flatten();
    }
    if analysis.verbs[v].passive {
        return None;
    }
    // Skip particles ("called off", "pulled back") before looking for the object.
    let mut from = last + 1;
    while from < tokens.len() && tokens[from].tag == Tag::ADP && analysis.chunk_of.get(from + 1).copied().flatten().is_none() {
        from += 1;
    }
    analysis.object(tokens, v, from)
}
