//! petrel's gold format: JSON Lines, one record per line (specification in
//! `docs/gold-format.md`).
//!
//! ```text
//! {"id": "r1", "text": "Cuban troops attacked Venezuelan police.", "published": "2026-02-10",
//!  "events": [{"source": "CUBMIL", "target": "VENCOP", "cameo": "190", "date": "2026-02-10"}]}
//! ```
//!
//! (one line in the file). A bad line is listed with its `file:line` and skipped.

use std::path::Path;

use serde_json::{Map, Value};

use super::{GoldEvent, GoldFormat, GoldRecord, GoldSet, Problem, Scheme, normalise_actor, normalise_code, parse_date};

fn opt_str<'a>(o: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(other) => Err(format!("`{key}` must be a string, not {other}")),
    }
}

fn event(v: &Value, k: usize) -> Result<GoldEvent, String> {
    let o = v.as_object().ok_or_else(|| format!("event {k} is not an object"))?;
    let e = |m: String| format!("event {k}: {m}");
    let source = opt_str(o, "source")
        .map_err(e)?
        .and_then(normalise_actor)
        .ok_or_else(|| format!("event {k} has no `source`"))?;
    let target = opt_str(o, "target").map_err(e)?.and_then(normalise_actor);
    let code = normalise_code(opt_str(o, "cameo").map_err(e)?.unwrap_or(""));
    if code.is_empty() {
        return Err(format!("event {k} has no `cameo`"));
    }
    let date = opt_str(o, "date").map_err(e)?.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let certainty = opt_str(o, "certainty").map_err(e)?.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty());
    Ok(GoldEvent { source: vec![source], target: target.into_iter().collect(), code, date, certainty })
}

fn record(line: &str, position: usize, place: &str) -> Result<GoldRecord, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let o = v.as_object().ok_or("not a JSON object")?;
    let id = match o.get("id") {
        None | Some(Value::Null) => format!("record-{position}"),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => return Err(format!("`id` must be a string or number, not {other}")),
    };
    let text = opt_str(o, "text")?.map(str::trim).filter(|t| !t.is_empty()).ok_or("no `text`")?.to_string();
    let published = match opt_str(o, "published")?.map(str::trim).filter(|s| !s.is_empty()) {
        Some(p) => Some(parse_date(p).ok_or_else(|| format!("bad `published` date `{p}` (expected YYYY-MM-DD)"))?),
        None => None,
    };
    let require_target = match o.get("require_target") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => return Err(format!("`require_target` must be true or false, not {other}")),
    };
    let events = match o.get("events") {
        Some(Value::Array(a)) => a.iter().enumerate().map(|(k, e)| event(e, k + 1)).collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err("`events` must be a list".into()),
        None => return Err("no `events` (write [] when no event is expected)".into()),
    };
    let mut events = events;
    events.sort();
    events.dedup();
    Ok(GoldRecord { position, place: place.to_string(), id, text, published, category: None, require_target, events })
}

/// Reads a petrel gold JSON Lines file. Blank lines are ignored.
pub fn read(path: &Path, text: &str) -> GoldSet {
    let file = path.display().to_string();
    let mut set = GoldSet::new(path, GoldFormat::PetrelJsonl, Scheme::Cameo);
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        set.read += 1;
        let place = format!("{file}:{}", n + 1);
        match record(line, set.read, &place) {
            Ok(r) => set.records.push(r),
            Err(m) => set.problems.push(Problem { place, message: format!("malformed record skipped: {m}") }),
        }
    }
    set
}
