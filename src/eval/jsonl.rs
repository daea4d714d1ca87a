//! petrel's gold format: JSON Lines, one record per line (specification in
//! `docs/gold-format.md`).
//!
//! ```text
//! {"id": "r1", "text": "Cuban troops attacked Venezuelan police.", "published": "2026-02-10",
//!  "events": [{"source": "CUBMIL", "target": "VENCOP", "cameo": "190", "date": "2026-02-10"}]}
//! ```
//!
//! (one line in the file). A bad line is listed with its `file:line` and skipped.
//!
//! Beyond the basic fields:
//!
//! - An event's `confidence` (`high`, `medium` or `low`; absent or `null` means `high`) is kept
//!   in [`GoldEvent::confidence`]; the scorer scores `high` and `medium` events only (see
//!   [`super::score`]). Any other value makes the record malformed.
//! - `published` may be a day (`YYYY-MM-DD`, or an ISO timestamp's date part), a month
//!   (`YYYY-MM`) or a year (`YYYY`). A month or a year is not a day, so such a record is coded
//!   as if no publication date were known (no relative date is resolved against it); the
//!   set's notes say how many records were read that way.
//! - Events equal after normalisation are counted once; copies that differ only in their
//!   confidence leave the surest one.

use std::path::Path;

use serde_json::{Map, Value};

use jiff::civil::Date;

use super::{
    Confidence, GoldEvent, GoldFormat, GoldRecord, GoldSet, Problem, Scheme, dedup_events, normalise_actor,
    normalise_code, parse_date,
};

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
    let confidence = match opt_str(o, "confidence").map_err(e)?.map(str::trim).filter(|s| !s.is_empty()) {
        None => Confidence::High,
        Some(c) => Confidence::parse(c)
            .ok_or_else(|| format!("event {k}: `confidence` must be high, medium or low, not `{c}`"))?,
    };
    Ok(GoldEvent { source: vec![source], target: target.into_iter().collect(), code, date, certainty, confidence })
}

/// A `published` value: a day (`Some`), or a month `YYYY-MM` or a year `YYYY` (`None`, with
/// `true`: coded as if no publication date were known, since a month is not a day).
fn published(p: &str) -> Result<(Option<Date>, bool), String> {
    if let Some(d) = parse_date(p) {
        return Ok((Some(d), false));
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let coarse = match p.split_once('-') {
        None => p.len() == 4 && digits(p),
        Some((y, m)) => {
            y.len() == 4 && m.len() == 2 && digits(y) && digits(m) && format!("{y}-{m}-01").parse::<Date>().is_ok()
        }
    };
    if coarse {
        Ok((None, true))
    } else {
        Err(format!("bad `published` date `{p}` (expected YYYY-MM-DD, YYYY-MM or YYYY)"))
    }
}

/// One record, and whether its `published` was only a month or a year.
fn record(line: &str, position: usize, place: &str) -> Result<(GoldRecord, bool), String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let o = v.as_object().ok_or("not a JSON object")?;
    let id = match o.get("id") {
        None | Some(Value::Null) => format!("record-{position}"),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => return Err(format!("`id` must be a string or number, not {other}")),
    };
    let text = opt_str(o, "text")?.map(str::trim).filter(|t| !t.is_empty()).ok_or("no `text`")?.to_string();
    let (published, coarse) = match opt_str(o, "published")?.map(str::trim).filter(|s| !s.is_empty()) {
        Some(p) => published(p)?,
        None => (None, false),
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
    dedup_events(&mut events);
    let r =
        GoldRecord { position, place: place.to_string(), id, text, published, category: None, require_target, events };
    Ok((r, coarse))
}

/// Reads a petrel gold JSON Lines file. Blank lines are ignored. A record whose `published` is
/// a month (`YYYY-MM`) or a year (`YYYY`) is kept and coded as if no publication date were
/// known (so no relative date is resolved); a note on the set counts such records.
pub fn read(path: &Path, text: &str) -> GoldSet {
    let file = path.display().to_string();
    let mut set = GoldSet::new(path, GoldFormat::PetrelJsonl, Scheme::Cameo);
    let mut coarse = 0;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        set.read += 1;
        let place = format!("{file}:{}", n + 1);
        match record(line, set.read, &place) {
            Ok((r, c)) => {
                coarse += c as usize;
                set.records.push(r);
            }
            Err(m) => set.problems.push(Problem { place, message: format!("malformed record skipped: {m}") }),
        }
    }
    if coarse > 0 {
        set.notes.push(format!(
            "{coarse} record(s) give `published` as a month or a year only: coded as if no publication date were known"
        ));
    }
    set
}
