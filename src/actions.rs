//! Stage 5: actions. Matches the action dictionary against each verb group (and event nouns)
//! of a sentence, and finds where the pattern puts its source and target.
//!
//! A pattern matches when its head lemma is the verb (or noun) and its remaining words follow
//! in order, each within four filler words (determiners, adjectives, adverbs, numbers,
//! pronouns, nouns) of the previous one. The longest matching pattern wins.
//!
//! Patterns read from PETRARCH dictionaries may also ask for words before the head
//! ([`VerbPattern::before`], each within [`MAX_BEFORE_GAP`] words of the next, not across
//! another verb or a `;`/`:`), for multi-word alternatives that must stand together, for "any
//! noun phrase" slots ([`ANY_NP`]), and may say where the source, target or a compound actor
//! stands ([`VerbPattern::source_at`], [`VerbPattern::target_at`],
//! [`VerbPattern::compound_at`]).

use std::sync::OnceLock;

use crate::annotate::{Mention, MentionKind, Tag, Token};
use crate::dict::verbs::{ANY_NP, ArgSlot, TARGET_PREPOSITIONS};
use crate::dict::{Dictionaries, VerbPattern};
use crate::syntax::Analysis;

/// Adverbial particles of phrasal verbs ("give in", "back down", "pull out").
const PARTICLES: &[&str] = &["in", "up", "down", "out", "off", "back", "away", "over", "through", "on"];

/// How many filler words may stand between two pattern words.
pub const MAX_FILLER: usize = 4;

/// How many words may stand between two of a pattern's `before` words, or between the last of
/// them and the head ("*troops* on Monday *staged* exercises").
pub const MAX_BEFORE_GAP: usize = 8;

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
    /// The chunk holding the source when the pattern places it after the verb
    /// ([`VerbPattern::source_at`]); `None`: the subject.
    pub source_chunk: Option<usize>,
    /// The chunk holding the compound actor of a [`VerbPattern::compound_at`] pattern placed
    /// after the verb.
    pub compound_chunk: Option<usize>,
}

/// Matches one pattern slot (a set of alternatives) at token `k`: the index of the last token
/// it covers, the longest alternative winning.
fn slot_end(tokens: &[Token], analysis: &Analysis, k: usize, alts: &[String]) -> Option<usize> {
    let t = tokens.get(k)?;
    let mut best: Option<usize> = None;
    for a in alts {
        let end = if *a == t.lemma || *a == t.norm {
            Some(k)
        } else if a == ANY_NP {
            analysis.chunk_of.get(k).copied().flatten().map(|c| analysis.chunks[c].end - 1)
        } else if a.contains(' ') {
            let mut n = 0;
            let all = a.split(' ').all(|w| {
                let ok = tokens.get(k + n).is_some_and(|x| x.lemma == w || x.norm == w);
                n += 1;
                ok
            });
            all.then(|| k + n - 1)
        } else {
            None
        };
        if let Some(e) = end {
            if best.is_none_or(|b| e > b) {
                best = Some(e);
            }
        }
    }
    best
}

fn is_filler(t: &Token) -> bool {
    matches!(t.tag, Tag::DET | Tag::ADJ | Tag::ADV | Tag::NUM | Tag::PRON | Tag::NOUN | Tag::PROPN | Tag::PART)
        || t.norm == "-"
}

/// Matches the first `upto` of `p`'s words after `head`; returns the index of the last matched
/// token (`head` when `upto` is 0).
fn match_rest(tokens: &[Token], analysis: &Analysis, head: usize, p: &VerbPattern, upto: usize) -> Option<usize> {
    let mut pos = head;
    for alts in p.words.iter().take(upto) {
        let mut k = pos + 1;
        let mut skipped = 0;
        loop {
            let t = tokens.get(k)?;
            if let Some(e) = slot_end(tokens, analysis, k, alts) {
                pos = e;
                break;
            }
            // A phrasal verb's particle follows its verb with at most adverbs or a pronoun
            // between ("gave in", "backed it down"): in "give Ukraine money in aid" the `in` is
            // not `give in`.
            let particle_only = p.words.len() == 1 && alts.iter().all(|a| PARTICLES.contains(&a.as_str()));
            let nominal = matches!(t.tag, Tag::NOUN | Tag::PROPN | Tag::NUM | Tag::DET);
            if !is_filler(t) || skipped == MAX_FILLER || particle_only && nominal {
                return None;
            }
            skipped += 1;
            k += 1;
        }
    }
    Some(pos)
}

/// Matches `p`'s `before` words, right to left, before the head.
fn match_before(tokens: &[Token], analysis: &Analysis, head: usize, p: &VerbPattern) -> bool {
    let mut limit = head;
    for alts in p.before.iter().rev() {
        let mut k = limit;
        let mut gap = 0;
        let found = loop {
            if k == 0 {
                break None;
            }
            k -= 1;
            if slot_end(tokens, analysis, k, alts).is_some_and(|e| e < limit) {
                break Some(k);
            }
            let t = &tokens[k];
            if gap == MAX_BEFORE_GAP || t.tag == Tag::VERB || matches!(t.norm.as_str(), ";" | ":") {
                break None;
            }
            gap += 1;
        };
        match found {
            Some(k) => limit = k,
            None => return false,
        }
    }
    true
}

fn clause_allows(tokens: &[Token], p: &VerbPattern) -> bool {
    let has = |w: &String| tokens.iter().any(|t| t.lemma == *w || t.norm == *w);
    (p.requires.is_empty() || p.requires.iter().any(has)) && !p.forbids.iter().any(has)
}

/// The first noun phrase after token `pos`, across adverbs only ("appointed *him* to head").
fn chunk_after(tokens: &[Token], analysis: &Analysis, pos: usize) -> Option<usize> {
    for (k, t) in tokens.iter().enumerate().skip(pos + 1).take(MAX_FILLER + 1) {
        if let Some(c) = analysis.chunk_of[k] {
            return Some(c);
        }
        if !matches!(t.tag, Tag::ADV | Tag::PART) {
            return None;
        }
    }
    None
}

/// The chunk a marker after word `n` of the pattern points at.
fn marked_chunk(tokens: &[Token], analysis: &Analysis, head: usize, p: &VerbPattern, n: usize) -> Option<usize> {
    chunk_after(tokens, analysis, match_rest(tokens, analysis, head, p, n)?)
}

/// Finds the best pattern for every verb group and event noun of a sentence.
pub fn match_actions<'d>(
    tokens: &[Token],
    analysis: &Analysis,
    dicts: &'d Dictionaries,
    mentions: &[Mention],
) -> Vec<ActionMatch<'d>> {
    let mut out = Vec::new();
    let mut used = vec![false; tokens.len()];
    let holds_actor = |c: usize| {
        let ch = &analysis.chunks[c];
        mentions.iter().any(|m| m.start >= ch.start && m.end <= ch.end)
    };
    // The words of the sentence, to skip patterns naming a word the sentence lacks before any
    // positional matching (most patterns of a common verb fail this way).
    let present: rustc_hash::FxHashSet<&str> =
        tokens.iter().flat_map(|t| [t.norm.as_str(), t.lemma.as_str()]).collect();
    let possible = |p: &VerbPattern| {
        p.words.iter().all(|alts| alts.iter().any(|a| a == ANY_NP || a.contains(' ') || present.contains(a.as_str())))
    };
    for (v, vg) in analysis.verbs.iter().enumerate() {
        let h = vg.head;
        let head = &tokens[h];
        // Every pattern of the lemma and of the form ("attacked and stabbed" is listed under the
        // form) that matches, longest first, the lemma's first among equals.
        let mut candidates: Vec<(&VerbPattern, usize)> = Vec::new();
        for (k, l) in [head.lemma.as_str(), head.norm.as_str()].into_iter().enumerate() {
            if k == 1 && l == head.lemma {
                continue;
            }
            for p in dicts.verbs.verb_patterns(l).filter(|p| possible(p)) {
                if let Some(last) = match_rest(tokens, analysis, h, p, p.words.len()) {
                    if clause_allows(tokens, p) && match_before(tokens, analysis, h, p) {
                        candidates.push((p, last));
                    }
                }
            }
        }
        candidates.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
        // A pattern that names a target preposition is taken only when an actor stands after it;
        // otherwise a shorter pattern may find one: in "attacked the police on Monday",
        // `attack on` reaches "Monday" and plain `attack` finds the police.
        let locate = |p: &VerbPattern, last: usize| match p.target_at {
            Some(n) => marked_chunk(tokens, analysis, h, p, n),
            None => locate_target(tokens, analysis, v, p, last),
        };
        let mut chosen = None;
        for &(p, last) in candidates.iter().take(8) {
            let target = locate(p, last);
            let fits = p.target_at.is_some() || p.target_preposition().is_none() || target.is_some_and(holds_actor);
            if fits {
                chosen = Some((p, last, target));
                break;
            }
        }
        let Some((p, last, mut target_chunk)) =
            chosen.or_else(|| candidates.first().map(|&(p, last)| (p, last, locate(p, last))))
        else {
            continue;
        };
        // "engaged Filipino peacekeepers in a firefight", "accused Russia of": an actor skipped
        // over between the pattern's words is the object the pattern wraps around.
        if last > h + 1 && p.target_at.is_none() {
            let wrapped = (h + 1..last).filter_map(|k| analysis.chunk_of[k]).find(|&c| {
                let ch = &analysis.chunks[c];
                let named =
                    mentions.iter().any(|m| m.start >= ch.start && m.end <= ch.end && m.kind == MentionKind::Named);
                ch.prep.is_none() && ch.end <= last && named && !analysis.is_time_chunk(tokens, c)
            });
            if wrapped.is_some() {
                target_chunk = wrapped;
            }
        }
        // "arrested the protesters" with pattern `arrest protester`: the pattern's last noun is
        // itself the target when it names an actor or role.
        // Only for acts done to people (coercion and violence, roots 17-20): in "deployed
        // troops" the troops are the actor's own.
        if target_chunk.is_none()
            && last > h
            && tokens[last].tag == Tag::NOUN
            && !vg.passive
            && matches!(&p.code[..2], "17" | "18" | "19" | "20")
        {
            target_chunk = analysis.chunk_of[last].filter(|&c| holds_actor(c));
        }
        for u in &mut used[h..=last] {
            *u = true;
        }
        let source_chunk = p.source_at.and_then(|n| marked_chunk(tokens, analysis, h, p, n));
        let compound_chunk = match p.compound_at {
            Some(ArgSlot::After(n)) => marked_chunk(tokens, analysis, h, p, n),
            _ => None,
        };
        out.push(ActionMatch { pattern: p, verb: Some(v), head: h, last, target_chunk, source_chunk, compound_chunk });
    }
    // Event nouns not consumed by a verb pattern: "the blockade of Cuba".
    for h in 0..tokens.len() {
        let t = &tokens[h];
        if used[h] || t.tag != Tag::NOUN || !dicts.verbs.has_noun(&t.lemma) {
            continue;
        }
        let best = dicts.verbs.noun_patterns(&t.lemma).find_map(|p| {
            let last = match_rest(tokens, analysis, h, p, p.words.len())?;
            (clause_allows(tokens, p) && match_before(tokens, analysis, h, p)).then_some((p, last))
        });
        let Some((p, last)) = best else { continue };
        let target_chunk = match (p.target_at, p.target_preposition()) {
            (Some(n), _) => marked_chunk(tokens, analysis, h, p, n),
            (None, Some(_)) => analysis.chunk_of.get(last + 1).copied().flatten(),
            (None, None) => None,
        };
        let source_chunk = p.source_at.and_then(|n| marked_chunk(tokens, analysis, h, p, n));
        out.push(ActionMatch {
            pattern: p,
            verb: None,
            head: h,
            last,
            target_chunk,
            source_chunk,
            compound_chunk: None,
        });
    }
    out
}

/// Where a verb pattern's target is: after its final preposition, or the direct object.
fn locate_target(tokens: &[Token], analysis: &Analysis, v: usize, p: &VerbPattern, last: usize) -> Option<usize> {
    if p.target_preposition().is_some() {
        return analysis.chunk_of.get(last + 1).copied().flatten().filter(|&c| !analysis.is_time_chunk(tokens, c));
    }
    if analysis.verbs[v].passive {
        return None;
    }
    // "expelled Russian diplomats" with pattern `expel diplomat`: the phrase holding the last
    // pattern noun names the target when an actor word stands in it before that noun.
    if last > analysis.verbs[v].head && tokens[last].tag == Tag::NOUN {
        if let Some(c) = analysis.chunk_of[last] {
            let ch = &analysis.chunks[c];
            if (ch.start..last).any(|k| matches!(tokens[k].tag, Tag::PROPN | Tag::ADJ) && tokens[k].capitalized) {
                return Some(c);
            }
        }
    }
    let mut from = last + 1;
    if p.loose_target && last > analysis.verbs[v].head {
        // "restore full *diplomatic* ties with Gondor": look after the phrase holding the last
        // pattern word, not inside it.
        if let Some(c) = analysis.chunk_of[last] {
            from = from.max(analysis.chunks[c].end);
        }
    }
    // Skip particles ("called off", "pulled back") before looking for the object.
    while from < tokens.len()
        && tokens[from].tag == Tag::ADP
        && analysis.chunk_of.get(from + 1).copied().flatten().is_none()
    {
        from += 1;
    }
    let object = analysis.object(tokens, v, from);
    if object.is_none() && p.loose_target {
        static PREPS: OnceLock<Vec<String>> = OnceLock::new();
        let preps =
            PREPS.get_or_init(|| TARGET_PREPOSITIONS.iter().filter(|p| **p != "by").map(|p| p.to_string()).collect());
        return analysis.prep_object(tokens, from, preps);
    }
    object
}
