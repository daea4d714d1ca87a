//! How sure the text is that an event happened.

use serde::{Deserialize, Serialize};

use crate::actions::ActionMatch;
use crate::annotate::{Tag, Token, VerbForm};
use crate::dict::Codebook;
use crate::syntax::Analysis;

/// The text's commitment to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Stated as fact.
    Asserted,
    /// Stated as fact, on someone's authority ("sources said").
    Reported,
    /// Hedged: "reportedly", "likely", "may have".
    Hedged,
    /// Denied by the actor ("Havana had long denied the presence").
    Denied,
    /// Negated: "did not attack".
    Negated,
    /// Intended or promised: "plans to", "will", "pledged to", "willing to".
    Intended,
    /// Threatened: "threatened to impose".
    Threatened,
    /// Conditional: "if ... would".
    Conditional,
}

impl Certainty {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Asserted => "asserted",
            Certainty::Reported => "reported",
            Certainty::Hedged => "hedged",
            Certainty::Denied => "denied",
            Certainty::Negated => "negated",
            Certainty::Intended => "intended",
            Certainty::Threatened => "threatened",
            Certainty::Conditional => "conditional",
        }
    }
}

const INTENT_GOVERNORS: &[&str] = &[
    "plan", "pledge", "vow", "promise", "intend", "want", "seek", "aim", "hope", "offer", "agree", "willing", "ready",
    "prepared", "decide", "resolve", "expect", "wish", "try", "attempt", "prepare", "commit", "swear",
];
/// Verbs that ask someone else to act: the infinitive after them ("urged Israel to release")
/// states a request, not an act, and is not coded as an event of its own.
pub const REQUEST_GOVERNORS: &[&str] = &[
    "urge",
    "ask",
    "call",
    "demand",
    "press",
    "pressure",
    "encourage",
    "invite",
    "order",
    "tell",
    "appeal",
    "implore",
    "beg",
    "request",
    "require",
    "force",
    "compel",
    "persuade",
    "convince",
    "push",
    "advise",
    "instruct",
    "allow",
    "permit",
    "authorize",
    "authorise",
    "want",
    "expect",
    "need",
    "help",
    "warn",
];

/// True when verb group `v` is an infinitive governed by a request verb with an object
/// between ("urged Israel to release"): the embedded action is requested, not done.
pub fn is_requested(tokens: &[Token], analysis: &Analysis, v: usize) -> bool {
    let vg = &analysis.verbs[v];
    if !vg.infinitive || v == 0 {
        return false;
    }
    let gov = &analysis.verbs[v - 1];
    let object_between = (gov.head + 1..vg.start).any(|k| analysis.chunk_of[k].is_some());
    object_between && REQUEST_GOVERNORS.contains(&tokens[gov.head].lemma.as_str())
}

/// True when verb group `v` states an obligation ("Sudan must return the helicopter",
/// "troops should leave"): what someone must do has not happened, and is coded, if at all, as
/// the demand of whoever says so.
pub fn is_obligation(tokens: &[Token], analysis: &Analysis, v: usize) -> bool {
    analysis.verbs[v].modal.is_some_and(|md| matches!(tokens[md].norm.as_str(), "must" | "should" | "ought"))
}

/// True when verb group `v` is in a "that" clause demanded of someone ("demanded that Israel
/// withdraw", "insisted that the troops leave"): a demand, not an act.
pub fn is_demanded(tokens: &[Token], analysis: &Analysis, v: usize) -> bool {
    let vg = &analysis.verbs[v];
    let Some(that) = (vg.start.saturating_sub(8)..vg.start).rev().find(|&k| tokens[k].norm == "that") else {
        return false;
    };
    analysis.verbs[..v].iter().rev().find(|g| g.head < that).is_some_and(|g| {
        matches!(
            tokens[g.head].lemma.as_str(),
            "demand" | "insist" | "urge" | "ask" | "request" | "propose" | "suggest" | "recommend" | "require"
        ) && (g.head + 1..that).all(|k| analysis.chunk_of[k].is_none() || tokens[k].tag == Tag::PRON)
    })
}

const THREAT_GOVERNORS: &[&str] = &["threaten", "warn"];
const DENIAL_GOVERNORS: &[&str] = &["deny"];
/// Verbs whose infinitive did not happen: "refused to withdraw", "failed to agree".
const NEGATING_GOVERNORS: &[&str] = &["refuse", "decline", "fail", "reject", "avoid", "stop", "cease", "abandon"];
const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "likely",
    "possibly",
    "perhaps",
    "maybe",
    "apparently",
    "probably",
    "purportedly",
    "supposedly",
    "uncertain",
    "unclear",
    "unconfirmed",
    "rumored",
    "rumoured",
    "suspected",
    "might",
    "may",
    "could",
];

/// Decides the certainty of a matched action from its verb group and what governs it.
pub fn certainty(tokens: &[Token], analysis: &Analysis, m: &ActionMatch) -> Certainty {
    let Some(v) = m.verb else {
        return Certainty::Asserted;
    };
    let vg = &analysis.verbs[v];
    if vg.negated {
        return Certainty::Negated;
    }
    // "Havana denied sending troops", "Russia denied that its troops attacked": the act is
    // denied by the one who would have done it.
    if v > 0 {
        let gov = &analysis.verbs[v - 1];
        let between = &tokens[gov.head + 1..vg.start];
        let gerund_object = tokens[vg.head].form == VerbForm::Gerund && between.is_empty();
        let that_clause = between.len() <= 8 && between.iter().any(|t| t.norm == "that");
        if tokens[gov.head].lemma == "deny" && (gerund_object || that_clause) {
            return Certainty::Denied;
        }
    }
    // "if" earlier in the clause with "would" anywhere: conditional.
    let clause_start =
        tokens[..vg.start].iter().rposition(|t| matches!(t.norm.as_str(), ";" | ":")).map_or(0, |i| i + 1);
    if tokens[clause_start..vg.start].iter().any(|t| t.norm == "if" || t.norm == "unless") {
        return Certainty::Conditional;
    }
    // Governing verb or adjective of an infinitive: "pledged to resist", "willing to talk".
    if vg.infinitive && vg.start > 0 {
        let gov = tokens[..vg.start].iter().rev().take(4).find(|t| matches!(t.tag, Tag::VERB | Tag::ADJ | Tag::NOUN));
        if let Some(g) = gov {
            let l = g.lemma.as_str();
            if THREAT_GOVERNORS.contains(&l) {
                return Certainty::Threatened;
            }
            if DENIAL_GOVERNORS.contains(&l) {
                return Certainty::Denied;
            }
            if NEGATING_GOVERNORS.contains(&l) {
                return Certainty::Negated;
            }
            if INTENT_GOVERNORS.contains(&l) || INTENT_GOVERNORS.contains(&g.norm.as_str()) {
                return Certainty::Intended;
            }
            if g.tag == Tag::VERB
                && analysis.verbs.iter().any(|w| w.head < vg.start && w.negated && tokens[w.head].lemma == g.lemma)
            {
                return Certainty::Negated;
            }
        }
    }
    if let Some(md) = vg.modal {
        match tokens[md].norm.as_str() {
            "will" | "'ll" | "shall" | "wo" => return Certainty::Intended,
            "would" | "'d" => {
                return if tokens.iter().any(|t| t.norm == "if") {
                    Certainty::Conditional
                } else {
                    Certainty::Intended
                };
            }
            _ => return Certainty::Hedged,
        }
    }
    // "is going to attack", "plans to" handled above; "about to" is intent.
    let window = &tokens[clause_start..m.last.min(tokens.len() - 1) + 1];
    if window.iter().any(|t| HEDGES.contains(&t.norm.as_str()) && t.tag != Tag::AUX) {
        return Certainty::Hedged;
    }
    Certainty::Asserted
}

/// Moves an intended or threatened action to the code the codebook gives it
/// (`code-roles.txt`): a pledged or planned act to its intent code ("agreed to meet" → 036,
/// "promised aid" → 033), a threatened act to its threat code ("threatened sanctions" →
/// 1312), and an intended hostile act ("will invade") to its threat code too. A plain future
/// (`plain_future`: "will visit") keeps a cooperative act's own code, as the coding standard
/// codes it (042, certainty `intended`).
///
/// ```
/// use petrel::context::{Certainty, adjust_code_for_certainty};
/// let d = petrel::dict::Dictionaries::builtin().unwrap();
/// assert_eq!(adjust_code_for_certainty("040", Certainty::Intended, &d.codebook, false), "036");
/// assert_eq!(adjust_code_for_certainty("042", Certainty::Intended, &d.codebook, true), "042");
/// assert_eq!(adjust_code_for_certainty("163", Certainty::Threatened, &d.codebook, false), "1312");
/// ```
pub fn adjust_code_for_certainty(code: &str, certainty: Certainty, codebook: &Codebook, plain_future: bool) -> String {
    let Some(role) = codebook.role(code) else { return code.to_string() };
    let mapped = match certainty {
        Certainty::Intended if role.intent_is_threat => role.threat,
        Certainty::Intended if !plain_future => role.pledge,
        Certainty::Threatened => role.threat,
        _ => None,
    };
    match mapped {
        Some(m) if codebook.get(&m).is_some() => m,
        _ => code.to_string(),
    }
}
