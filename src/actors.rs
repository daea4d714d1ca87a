//! Stage 4: actors. Finds dictionary names and agent words in a sentence and codes noun-phrase
//! chunks as actors ("32 Cuban agents" → `CUBSPY`, "Interim President Delcy Rodriguez" →
//! `VENGOV` on 2026-02-10).
//!
//! Coding rules, in order:
//! 1. A named actor (person, country, organisation, capital) gives the base code; a person's
//!    code is the role held on the event date.
//! 2. A bare country code plus an agent word in the same phrase gives country + agent
//!    ("Cuban" + "soldiers" → `CUBMIL`); a code that already carries an agent keeps it.
//! 3. A phrase with only an agent word is coded by the agent alone (`MIL`) and has no country:
//!    it is reported as unresolved rather than guessed.
//! 4. A capital or country after a locative preposition ("from Caracas") is coded as the
//!    country, not the government, and is a location candidate.

use jiff::civil::Date;

pub use crate::annotate::{Mention, MentionKind};
use crate::annotate::{Tag, Token};
use crate::dict::Dictionaries;
use crate::syntax::Analysis;

/// A coded actor phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// First token of the phrase.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Full actor code ("CUBMIL").
    pub code: String,
    /// ISO-3166 alpha-3 country, when the code starts with one.
    pub country: Option<String>,
    /// Agent codes after the country ("MIL").
    pub agents: Vec<String>,
    /// The rules that produced the code, `+`-joined.
    pub rule: String,
    /// No named actor was found: only an agent word (the code lacks a country).
    pub unresolved: bool,
    /// The phrase is a place name used after a locative preposition.
    pub place: bool,
    /// The dictionary entry of the person the phrase names, if it names one: the code is
    /// re-resolved on the event's date.
    pub person: Option<usize>,
}

impl Actor {
    /// If the phrase is a capital coded as its government (`VENGOV` for "Caracas"), codes it as
    /// the country and marks it a place.
    pub fn demote_capital_to_place(&mut self, mentions: &[Mention]) {
        let capital = mentions.iter().any(|m| m.capital && m.start >= self.start && m.end <= self.end);
        if capital && self.code.len() > 3 && self.country.is_some() {
            self.code.truncate(3);
            self.agents.clear();
            self.place = true;
        }
    }

    /// Re-codes a person's phrase for the event's date ("Maduro" is `VENGOV` until 2026-01-03).
    pub fn recode_for_date(&mut self, dicts: &Dictionaries, date: Option<Date>) {
        let Some(id) = self.person else { return };
        if let Some(dc) = dicts.actors.entries[id].code_on(date) {
            if dc.code != self.code {
                self.code = dc.code.to_string();
                let (country, agents) = split_code(&self.code);
                self.country = country;
                self.agents = agents;
            }
        }
    }
}

/// Codes that name organisations or groups rather than countries in their first block.
const NON_COUNTRY_PREFIXES: &[&str] = &["IGO", "NGO", "IMG", "MNC", "UIS", "---", "INT", "REB", "MIL", "GOV"];

/// Splits an actor code into (country, agents): "CUBMIL" → (Some("CUB"), ["MIL"]).
pub fn split_code(code: &str) -> (Option<String>, Vec<String>) {
    let blocks: Vec<&str> = (0..code.len() / 3).map(|i| &code[i * 3..i * 3 + 3]).collect();
    let Some(first) = blocks.first() else { return (None, Vec::new()) };
    if NON_COUNTRY_PREFIXES.contains(first) {
        (None, blocks[1..].iter().map(|s| s.to_string()).collect())
    } else {
        (Some(first.to_string()), blocks[1..].iter().map(|s| s.to_string()).collect())
    }
}

/// Finds every dictionary mention in a sentence, longest match first, left to right.
///
/// Cost: one or two hash lookups per token.
pub fn find_mentions(tokens: &[Token], dicts: &Dictionaries, date: Option<Date>) -> Vec<Mention> {
    let words: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].tag == Tag::PUNCT {
            i += 1;
            continue;
        }
        // Nouns may match by lemma ("soldiers" → "soldier"); others only by form.
        let alt = |k: usize| {
            let t = &tokens[i + k];
            (t.lemma != t.norm && matches!(t.tag, Tag::NOUN | Tag::PROPN)).then_some(t.lemma.as_str())
        };
        let named = dicts.actors.longest_id_at(&words[i..], alt).map(|(n, id)| (n, id, &dicts.actors.entries[id]));
        let agent = dicts.agents.longest_at(&words[i..], alt);
        match (named, agent) {
            (Some((n, id, e)), ag) if ag.is_none_or(|(m, _, _)| n >= m) => {
                if let Some(dc) = e.code_on(date) {
                    // Proper names need a capital letter unless the entry is an abbreviation:
                    // "turkey" the bird, "chad" the name.
                    let capital = e.rule.contains("capitals");
                    if tokens[i].capitalized || !tokens[i].norm.chars().any(|c| c.is_alphabetic()) || n > 1 {
                        let person = e.code.is_none().then_some(id);
                        out.push(Mention {
                            start: i,
                            end: i + n,
                            code: dc.code.to_string(),
                            kind: MentionKind::Named,
                            rule: e.rule.clone(),
                            capital,
                            exact_date: dc.exact,
                            person,
                        });
                    }
                }
                i += n;
            }
            (_, Some((n, code, rule))) => {
                out.push(Mention {
                    start: i,
                    end: i + n,
                    code: code.to_string(),
                    kind: MentionKind::Agent,
                    rule: rule.to_string(),
                    capital: false,
                    exact_date: true,
                    person: None,
                });
                i += n;
            }
            _ => {
                // "U.S.-led", "Israeli-backed": the part before the hyphen may be an actor.
                let t = &tokens[i];
                if let Some((head, _)) = t.norm.split_once('-').filter(|(h, _)| !h.is_empty()) {
                    if let Some((1, id, e)) =
                        dicts.actors.longest_id_at(&[head], |_| None).map(|(n, id)| (n, id, &dicts.actors.entries[id]))
                    {
                        if let Some(dc) = e.code_on(date).filter(|_| t.capitalized) {
                            out.push(Mention {
                                start: i,
                                end: i + 1,
                                code: dc.code.to_string(),
                                kind: MentionKind::Named,
                                rule: e.rule.clone(),
                                capital: false,
                                exact_date: dc.exact,
                                person: e.code.is_none().then_some(id),
                            });
                        }
                    }
                }
                i += 1
            }
        }
    }
    out
}

/// Codes one chunk from the mentions inside it. Returns `None` when the chunk holds no
/// mention.
pub fn code_chunk(tokens: &[Token], analysis: &Analysis, chunk: usize, mentions: &[Mention]) -> Option<Actor> {
    let ch = &analysis.chunks[chunk];
    // "the leaders of Venezuela": take mentions of the "of" chunks that follow too; and when
    // the phrase itself names only a role, "soldiers from Gondor", "activists in Arnor" take
    // their country from a "from"/"in" phrase.
    let role_only = !mentions.iter().any(|m| m.kind == MentionKind::Named && m.start >= ch.start && m.end <= ch.end)
        && mentions.iter().any(|m| m.kind == MentionKind::Agent && m.start >= ch.start && m.end <= ch.end);
    let mut end = ch.end;
    loop {
        let joins = |w: &str| w == "of" || role_only && end == ch.end && matches!(w, "from" | "in");
        if end + 1 < tokens.len() && joins(tokens[end].norm.as_str()) {
            if let Some(next) = analysis.chunk_of[end + 1] {
                end = analysis.chunks[next].end;
                continue;
            }
        }
        break;
    }
    // A capital after "in"/"from" is a place, and an ambiguous one ("protesters in Paris" may be
    // in Texas): it does not give a role its country; only a country name does.
    let inside: Vec<&Mention> = mentions
        .iter()
        .filter(|m| {
            m.start >= ch.start
                && m.end <= end
                && !(role_only && m.start >= ch.end && m.capital && tokens[ch.end].norm != "of")
        })
        .collect();
    if inside.is_empty() {
        return None;
    }
    let named: Vec<&&Mention> = inside.iter().filter(|m| m.kind == MentionKind::Named).collect();
    // Agents in the head chunk only ("the leaders of Venezuela": "leaders").
    let agent = inside
        .iter()
        .rfind(|m| m.kind == MentionKind::Agent && m.end <= ch.end)
        .or_else(|| inside.iter().find(|m| m.kind == MentionKind::Agent));
    let locative = ch.prep.is_some_and(|p| {
        matches!(
            tokens[p].norm.as_str(),
            "in" | "from"
                | "to"
                | "at"
                | "into"
                | "near"
                | "across"
                | "inside"
                | "outside"
                | "toward"
                | "towards"
                | "throughout"
        )
    });
    let mut rule = String::new();
    let mut place = false;
    let person = named.last().and_then(|n| n.person);
    let code = match named.last() {
        Some(n) => {
            rule.push_str(&n.rule);
            let mut code = n.code.clone();
            if n.capital && locative {
                // "left Caracas": the city, standing for its country, not the government.
                code.truncate(3);
                place = true;
            }
            if role_only && n.start >= ch.end && !NON_COUNTRY_PREFIXES.contains(&&code[..3.min(code.len())]) {
                // "politicians in Caracas": the place gives the country, the phrase the role.
                code.truncate(3);
            }
            if code.len() == 3 && !NON_COUNTRY_PREFIXES.contains(&code.as_str()) {
                if let Some(a) = agent.filter(|a| a.start > n.start || a.end <= n.start) {
                    code.push_str(&a.code);
                    rule.push('+');
                    rule.push_str(&a.rule);
                }
            }
            code
        }
        None => {
            let a = agent?;
            rule.push_str(&a.rule);
            a.code.clone()
        }
    };
    let unresolved = named.is_empty();
    let (country, agents) = if unresolved { (None, vec![code.clone()]) } else { split_code(&code) };
    Some(Actor { start: ch.start, end, code, country, agents, rule, unresolved, place, person })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_codes() {
        assert_eq!(split_code("CUBMIL"), (Some("CUB".into()), vec!["MIL".into()]));
        assert_eq!(split_code("IGOUNO"), (None, vec!["UNO".into()]));
        assert_eq!(split_code("USA"), (Some("USA".into()), vec![]));
    }
}
