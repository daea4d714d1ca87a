//! PLOVER gold-standard records (`PLOVER_GSR_CAMEO.txt`): a JSON array of objects, each one
//! sentence with one event.
//!
//! Per record: `text` is coded (with `date` as the publication date); `event` is the expected
//! PLOVER type, mapped to PLOVER 0.8 names by [`plover_type`]; `source` and `target` are lists
//! of `{"actorText", "code", "sector"?}` (or `""` when absent) whose `code`s are the acceptable
//! actor countries. A record whose `event` is `DOCUMENT` is documentation and is skipped.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::{
    Confidence, EvalError, GoldEvent, GoldFormat, GoldRecord, GoldSet, Problem, Scheme, Skipped, normalise_actor,
    parse_date,
};

/// Maps an event type name of any PLOVER draft to its PLOVER 0.8 name (the manual's
/// "CAMEO to PLOVER translation" and the crosswalk): DEMAND → REQUEST, DISAPPROVE and
/// INVESTIGATE → ACCUSE (modes `disapprove`, `investigate`), FIGHT → ASSAULT, and the typo
/// SACTION → SANCTION. Other names are kept (upper-cased); CRIME has no 0.8 type and so can
/// never be matched.
///
/// ```
/// assert_eq!(petrel::eval::plover::plover_type("Demand"), "REQUEST");
/// assert_eq!(petrel::eval::plover::plover_type("AGREE"), "AGREE");
/// ```
pub fn plover_type(name: &str) -> String {
    let n = name.trim().to_uppercase();
    match n.as_str() {
        "DEMAND" => "REQUEST".into(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".into(),
        "FIGHT" => "ASSAULT".into(),
        "SACTION" => "SANCTION".into(),
        _ => n,
    }
}

/// The PLOVER 0.8 quad category of a type (manual, "Quad categories in PLOVER"): 1 verbal
/// cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
pub fn plover_quad(kind: &str) -> Option<u8> {
    Some(match kind {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" => 2,
        "REQUEST" | "ACCUSE" | "REJECT" | "SANCTION" | "THREATEN" => 3,
        "PROTEST" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => return None,
    })
}

/// The 16 PLOVER 0.8 event types.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "SANCTION",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

fn actors(v: Option<&Value>) -> Result<Vec<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(normalise_actor(s).into_iter().collect()),
        Some(Value::Array(items)) => {
            let mut out = Vec::new();
            for it in items {
                let code = match it {
                    Value::Object(o) => o.get("code").and_then(Value::as_str).unwrap_or(""),
                    Value::String(s) => s.as_str(),
                    _ => return Err(format!("actor `{it}` is neither an object nor a string")),
                };
                if let Some(c) = normalise_actor(code) {
                    if !out.contains(&c) {
                        out.push(c);
                    }
                }
            }
            Ok(out)
        }
        Some(other) => Err(format!("actor list `{other}` is not a list")),
    }
}

/// Reads a PLOVER gold JSON array. A record that cannot be used is listed as a problem with
/// its index (1-based, counting the documentation record) and skipped.
pub fn read(path: &Path, text: &str) -> Result<GoldSet, EvalError> {
    let items: Vec<Value> = serde_json::from_str(text).map_err(|e| EvalError::Format {
        path: path.to_path_buf(),
        message: format!("not a JSON array of PLOVER records: {e}"),
    })?;
    let file = path.display().to_string();
    let mut set = GoldSet::new(path, GoldFormat::PloverJson, Scheme::Plover);
    set.read = items.len();
    let mut renamed: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let place = format!("{file}: record {}", i + 1);
        let id = item.get("id").and_then(Value::as_str).unwrap_or("").to_string();
        let bad =
            |msg: String| Problem { place: place.clone(), message: format!("malformed record `{id}` skipped: {msg}") };
        let Some(obj) = item.as_object() else {
            set.problems.push(bad("not a JSON object".into()));
            continue;
        };
        let Some(event) = obj.get("event").and_then(Value::as_str).map(str::trim).filter(|e| !e.is_empty()) else {
            set.problems.push(bad("no `event`".into()));
            continue;
        };
        if event.eq_ignore_ascii_case("DOCUMENT") {
            set.skipped.push(Skipped { place, id, reason: "documentation record".into() });
            continue;
        }
        let Some(text) = obj.get("text").and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty()) else {
            set.problems.push(bad("no `text`".into()));
            continue;
        };
        let (source, target) = match (actors(obj.get("source")), actors(obj.get("target"))) {
            (Ok(s), Ok(t)) => (s, t),
            (Err(e), _) | (_, Err(e)) => {
                set.problems.push(bad(e));
                continue;
            }
        };
        let kind = plover_type(event);
        if kind != event.to_uppercase() {
            *renamed.entry((event.to_uppercase(), kind.clone())).or_default() += 1;
        }
        if plover_quad(&kind).is_none() {
            *unknown.entry(kind.clone()).or_default() += 1;
        }
        let date = obj.get("date").and_then(Value::as_str).unwrap_or("");
        let published = parse_date(date);
        if !date.is_empty() && published.is_none() {
            set.problems.push(Problem {
                place: place.clone(),
                message: format!("date `{date}` is not a date: coded without a publication date"),
            });
        }
        set.records.push(GoldRecord {
            position: i + 1,
            place,
            id: if id.is_empty() { format!("record-{}", i + 1) } else { id },
            text: text.to_string(),
            published,
            category: None,
            require_target: None,
            events: vec![GoldEvent {
                source,
                target,
                code: kind,
                date: None,
                certainty: None,
                confidence: Confidence::High,
            }],
        });
    }
    if !renamed.is_empty() {
        let parts: Vec<String> = renamed.iter().map(|((a, b), n)| format!("{a}→{b} ({n})")).collect();
        set.notes.push(format!("PLOVER types renamed to 0.8: {}", parts.join(", ")));
    }
    if !unknown.is_empty() {
        let parts: Vec<String> = unknown.iter().map(|(k, n)| format!("{k} ({n})")).collect();
        set.notes.push(format!("types with no PLOVER 0.8 equivalent, never matched: {}", parts.join(", ")));
    }
    set.notes.push("actors: a gold code matches a produced code it prefixes (HUN matches HUNGOV); any of several gold actors may match; absent gold actors are not checked; record dates are a placeholder and are used only as publication date".into());
    Ok(set)
}
