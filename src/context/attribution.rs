//! Who the text says reports an event.

use serde::{Deserialize, Serialize};

use crate::actions::ActionMatch;
use crate::pos::Tag;
use crate::syntax::Analysis;
use crate::text::Token;

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

const SAY_VERBS: &[&str] = &["say", "tell", "report", "state", "announce", "claim", "confirm", "estimate", "indicate", "add", "note", "inform"];

fn kind_of(words: &str) -> AttributionKind {
    let w = words.to_lowercase();
    if w.contains("estimate") {
        AttributionKind::Estimate
    } else if w.contains("source") || w.contains("anonymous") || w.contains("familiar with") || w.contains("report") {
        AttributionKind::Anonymous
    } else if w.contains("witness") || w.contains("resident") {
        AttributionKind::Witness
    } else if ["media", "reuters", "afp", "agency", "television", "tv", "newspaper", "radio", "press"].iter().any(|m| w.contains(m)) {
        AttributionKind::Media
    } else if ["official", "minister", "spokes", "president", "ministry", "government", "house", "department"].iter().any(|m| w.contains(m)) {
        AttributionKind::Official
    } else {
        AttributionKind::Other
    }
}

/// Finds the attribution of a matched event in its sentence: an "according to" phrase, or a
/// saying verb ("said", "told", "reported") whose clause holds the event.
pub fn attribution(tokens: &[Token], text: &str, analysis: &Analysis, m: &ActionMatch) -> Option<Attribution> {
    // "according to X"
    if let Some(i) = tokens.windows(2).position(|w| w[0].norm == "according" && w[1].norm == "to") {
        let end = tokens[i + 2..].iter().position(|t| t.tag == Tag::PUNCT).map_or(tokens.len(), |p| i + 2 + p);
        if end > i + 2 {
            let span = &text[tokens[i].start..tokens[end - 1].end];
            return Some(Attribution { text: span.to_string(), kind: kind_of(span) });
        }
    }
    // A saying verb other than the event's own head, with its subject.
    let own = m.head;
    for (v, vg) in analysis.verbs.iter().enumerate() {
        let t = &tokens[vg.head];
        if vg.head == own || !SAY_VERBS.contains(&t.lemma.as_str()) {
            continue;
        }
        let subject = analysis.subject(tokens, v);
        let span = match subject {
            Some(crate::syntax::SubjectLink::Direct(c) | crate::syntax::SubjectLink::Inverted(c)) => {
                let ch = &analysis.chunks[c];
                let (a, b) = (ch.start.min(vg.head), ch.end.max(vg.head + 1));
                &text[tokens[a].start..tokens[b - 1].end]
            }
            _ => &text[t.start..t.end],
        };
        let mut span = span.to_string();
        // "as informed by sources to Reuters", "sources told Reuters": take the phrase after.
        if t.lemma == "tell" || t.lemma == "inform" {
            if let Some(next) = tokens.get(vg.head + 1) {
                if let Some(c) = analysis.chunk_of.get(vg.head + 1).copied().flatten() {
                    span = text[tokens[vg.head.min(analysis.chunks[c].start)].start..tokens[analysis.chunks[c].end - 1].end].to_string();
                    let _ = next;
                }
            }
            let with_subject = subject.and_then(|s| match s {
                crate::syntax::SubjectLink::Direct(c) => Some(c),
                _ => None,
            });
            if let Some(c) = with_subject {
                let start = tokens[analysis.chunks[c].start].start;
                let end = tokens[analysis.chunk_of.get(vg.head + 1).copied().flatten().map_or(vg.head, |c| analysis.chunks[c].end - 1)].end;
                span = text[start..end].to_string();
            }
        }
        return Some(Attribution { kind: kind_of(&span), text: span });
    }
    // "Reports indicate", "reportedly": anonymous report.
    None
}
