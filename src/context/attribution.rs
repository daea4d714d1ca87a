//! Who the text says reports an event.

use serde::{Deserialize, Serialize};

use crate::actions::ActionMatch;
use crate::annotate::{Tag, Token};
use crate::syntax::{Analysis, SubjectLink};

/// The kind of source that reports an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionKind {
    /// A named or titled official ("a White House official said").
    Official,
    /// Unnamed sources ("sources told Reuters").
    Anonymous,
    /// A news outlet ("state media reported").
    Media,
    /// An estimate ("according to U.S. estimates").
    Estimate,
    /// A witness ("witnesses said").
    Witness,
    /// The actor reports its own act.
    #[serde(rename = "self")]
    SelfReport,
    /// Anyone else.
    Other,
}

/// Who reports an event, and the words that say so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The attributing phrase ("according to U.S. estimates").
    pub text: String,
    /// Its kind.
    pub kind: AttributionKind,
}

const SAY_VERBS: &[&str] = &[
    "say", "tell", "report", "state", "announce", "claim", "confirm", "estimate", "indicate", "add", "note", "inform",
];

fn kind_of(words: &str) -> AttributionKind {
    let w = words.to_lowercase();
    let has = |xs: &[&str]| xs.iter().any(|x| w.contains(x));
    if has(&["estimate"]) {
        AttributionKind::Estimate
    } else if has(&["source", "anonymous", "familiar with", "unnamed", "diplomat"]) {
        AttributionKind::Anonymous
    } else if has(&["witness", "resident", "onlooker"]) {
        AttributionKind::Witness
    } else if has(&[
        "media",
        "reuters",
        "afp",
        "agency",
        "television",
        " tv",
        "newspaper",
        "radio",
        "press",
        "broadcaster",
    ]) {
        AttributionKind::Media
    } else if has(&["report"]) {
        AttributionKind::Anonymous
    } else if has(&[
        "official",
        "minister",
        "spokes",
        "president",
        "ministry",
        "government",
        "house",
        "department",
        "army",
        "military",
        "police",
        "authorit",
    ]) {
        AttributionKind::Official
    } else {
        AttributionKind::Other
    }
}

/// Finds the attribution of a matched event in its sentence: an "according to" phrase, or a
/// saying verb ("said", "told", "reported") other than the event's own verb.
pub fn attribution(tokens: &[Token], text: &str, analysis: &Analysis, m: &ActionMatch) -> Option<Attribution> {
    attribution_and_speaker(tokens, text, analysis, m).map(|(a, _)| a)
}

/// As [`attribution`], with the chunk of the speaker when a saying verb has one, so that the
/// event stage can tell an actor reporting its own act (`self`).
pub fn attribution_and_speaker(
    tokens: &[Token],
    text: &str,
    analysis: &Analysis,
    m: &ActionMatch,
) -> Option<(Attribution, Option<usize>)> {
    // "according to X"
    if let Some(i) = tokens.windows(2).position(|w| w[0].norm == "according" && w[1].norm == "to") {
        let end = tokens[i + 2..].iter().position(|t| t.tag == Tag::PUNCT).map_or(tokens.len(), |p| i + 2 + p);
        if end > i + 2 {
            let span = &text[tokens[i].start..tokens[end - 1].end];
            return Some((Attribution { text: span.to_string(), kind: kind_of(span) }, analysis.chunk_of[i + 2]));
        }
    }
    // A saying verb other than the event's own head, with its subject.
    for (v, vg) in analysis.verbs.iter().enumerate() {
        let t = &tokens[vg.head];
        if vg.head == m.head || !SAY_VERBS.contains(&t.lemma.as_str()) {
            continue;
        }
        let speaker = match analysis.subject(tokens, v) {
            Some(SubjectLink::Direct(c) | SubjectLink::Inverted(c)) => Some(c),
            _ => None,
        };
        // The words: speaker and verb ("a White House official said"); for "told"/"informed"
        // also whom ("sources told Reuters").
        let mut first = vg.head;
        let mut last = vg.head;
        if let Some(c) = speaker {
            first = first.min(analysis.chunks[c].start);
            last = last.max(analysis.chunks[c].end - 1);
        }
        if matches!(t.lemma.as_str(), "tell" | "inform") {
            if let Some(c) = analysis.chunk_of.get(vg.head + 1).copied().flatten() {
                last = last.max(analysis.chunks[c].end - 1);
            }
        }
        let span = text[tokens[first].start..tokens[last].end].to_string();
        return Some((Attribution { kind: kind_of(&span), text: span }, speaker));
    }
    None
}
