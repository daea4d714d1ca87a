//! Scoring: codes each gold record with the pipeline and compares produced events with the
//! expected ones.
//!
//! Definitions (per record, then summed over the set):
//!
//! - Produced events are reduced to distinct (source, target, code) triples; for a PLOVER set
//!   the code is the event's PLOVER type, and events without one (CAMEO 01x/02x statements)
//!   are left out.
//! - A produced triple *matches* an expected event at level
//!   - **full**: same code, and matching actors;
//!   - **root**: same root (CAMEO: first two characters; PLOVER: quad category), matching
//!     actors;
//!   - **countries + root**: same root, and matching actor *countries*: the first three
//!     letters of each actor code (`USAGOV` → `USA`, `IGOUNO` → `IGO`);
//!   - **code**: same code, actors ignored.
//!
//!   CAMEO actors match when equal after normalisation (an absent target matches only an
//!   absent target: a gold target never matches a produced event without one). PLOVER actors
//!   match when a gold code prefixes the produced code; gold actors that are absent are not
//!   checked.
//! - Only expected events of confidence `high` or `medium` are scored ([`super::Confidence`]).
//!   At each level, a produced triple that matches no scored event but matches a `low` one is
//!   left out (neither a hit nor a false alarm), and `low` events are never counted as
//!   expected.
//! - Recall = scored expected events matched by some produced triple / scored expected events;
//!   precision = produced triples matching some scored expected event / produced triples not
//!   left out (for CAMEO sets at the full level, whose matching is one-to-one, both numerators
//!   are the number of common triples, `tp`). F1 is their harmonic mean; all three are 0 when
//!   undefined.
//! - A record **passes** when every scored expected event is matched at the full level and
//!   every produced triple matches a scored or a `low` expected event at that level: for CAMEO
//!   without `low` events, the produced set of triples equals the expected set; a record
//!   expecting no event passes when nothing is produced.
//! - A record **expects no event** when its gold lists no event at all (one whose only events
//!   are `low` does not). **No-event false alarms** counts those of them for which something
//!   was produced.
//! - **Actor accuracy**: of the scored expected events matched at the code level, the share also
//!   matched at the full level (source accuracy and target accuracy likewise, one side each).
//! - **Date / certainty accuracy**: of the expected events matched at the full level that give
//!   a date (certainty), the share for which a matching produced event has the same value.
//! - The per-root table counts scored expected and produced events under their CAMEO root
//!   (PLOVER: type) and matches them at that level with actors, leaving out produced events
//!   that match only `low` events there.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;
use serde_json::{Value, json};

use super::plover::plover_quad;
use super::{GoldEvent, GoldSet, Problem, Scheme, cameo_root, normalise_actor, normalise_code};
use crate::document::Document;
use crate::events::Event;
use crate::pipeline::{Coded, Pipeline};

/// Matched and total counts at one level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Expected events.
    pub gold: usize,
    /// Produced (distinct) events.
    pub predicted: usize,
    /// Expected events matched by a produced one.
    pub tp: usize,
    /// Produced events matching an expected one.
    pub tp_predicted: usize,
}

impl Counts {
    /// `tp_predicted / predicted`, 0 when nothing was produced.
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 0.0 } else { self.tp_predicted as f64 / self.predicted as f64 }
    }

    /// `tp / gold`, 0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.tp as f64 / self.gold as f64 }
    }

    /// Harmonic mean of precision and recall, 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.tp += o.tp;
        self.tp_predicted += o.tp_predicted;
    }
}

/// `correct` of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratio {
    /// How many were right.
    pub correct: usize,
    /// Of how many.
    pub total: usize,
}

impl Ratio {
    /// The share, `None` when `total` is 0.
    pub fn value(&self) -> Option<f64> {
        if self.total == 0 { None } else { Some(self.correct as f64 / self.total as f64) }
    }

    fn count(&mut self, ok: bool) {
        self.total += 1;
        self.correct += ok as usize;
    }

    fn text(&self) -> String {
        match self.value() {
            Some(v) => format!("{:.3} ({}/{})", v, self.correct, self.total),
            None => "n/a".into(),
        }
    }
}

/// A produced event as shown in a failure: `SRC TGT CODE` and the rule that fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Produced {
    /// `SRC TGT CODE` (`-` for no target).
    pub event: String,
    /// [`crate::events::Evidence::rule`].
    pub rule: String,
}

/// A record that did not pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// 1-based position of the record in its file.
    pub position: usize,
    /// `file:line` or `file: record N`.
    pub place: String,
    /// Record id.
    pub id: String,
    /// The text coded.
    pub text: String,
    /// All expected events.
    pub expected: Vec<String>,
    /// All produced events.
    pub produced: Vec<Produced>,
    /// Expected events not produced.
    pub missed: Vec<String>,
    /// Produced events not expected.
    pub false_alarms: Vec<Produced>,
    /// Set when coding the record panicked (it then counts as producing nothing).
    pub crash: Option<String>,
}

/// The scores of one gold set.
#[derive(Debug, Clone)]
pub struct SetReport {
    /// Set name (`PETR.UnitTest.records`).
    pub set: String,
    /// The gold file.
    pub path: String,
    /// `petrarch-xml`, `plover-json` or `petrel-jsonl`.
    pub format: &'static str,
    /// How codes were compared.
    pub scheme: Scheme,
    /// Records read from the file.
    pub read: usize,
    /// Records scored.
    pub records: usize,
    /// Records passed.
    pub passed: usize,
    /// Records expecting no event (gold lists none, not even a `low` one).
    pub expect_none: usize,
    /// Of those, how many passed (nothing produced).
    pub expect_none_passed: usize,
    /// Of those, how many got at least one produced (so false) event: `expect_none -
    /// expect_none_passed`, kept apart for reports.
    pub no_event_false_alarms: usize,
    /// Expected events of confidence `low`, not scored (after removing duplicates).
    pub low_events: usize,
    /// Sentences the pipeline saw.
    pub sentences: usize,
    /// Full-code level.
    pub full: Counts,
    /// Root level.
    pub root: Counts,
    /// Countries + root level: actors compared by their first three letters.
    pub country_root: Counts,
    /// Code level, actors ignored.
    pub code: Counts,
    /// Source matched, of code-matched expected events.
    pub source_accuracy: Ratio,
    /// Target matched, of code-matched expected events.
    pub target_accuracy: Ratio,
    /// Both matched, of code-matched expected events.
    pub actor_accuracy: Ratio,
    /// Date right, of full-matched expected events with a date.
    pub date_accuracy: Ratio,
    /// Certainty right, of full-matched expected events with a certainty.
    pub certainty_accuracy: Ratio,
    /// Per CAMEO root (PLOVER: type).
    pub per_root: BTreeMap<String, Counts>,
    /// Records skipped on purpose, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Malformed records and suspicious values, with places.
    pub problems: Vec<Problem>,
    /// Notes on how the set was read and scored.
    pub notes: Vec<String>,
    /// Records whose coding panicked.
    pub crashed: usize,
    /// Every record that did not pass, in file order.
    pub failures: Vec<Failure>,
}

/// A produced event reduced to what is compared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Pred {
    source: Option<String>,
    target: Option<String>,
    code: String,
    date: Option<String>,
    certainty: String,
    rule: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Full,
    Root,
    CountryRoot,
    Code,
    Table,
}

fn root_of(scheme: Scheme, code: &str) -> String {
    match scheme {
        Scheme::Cameo => cameo_root(code),
        Scheme::Plover => match plover_quad(code) {
            Some(q) => format!("Q{q}"),
            None => format!("?{code}"),
        },
    }
}

fn table_key(scheme: Scheme, code: &str) -> String {
    match scheme {
        Scheme::Cameo => cameo_root(code),
        Scheme::Plover => code.to_string(),
    }
}

fn actor_ok(scheme: Scheme, gold: &[String], pred: Option<&str>) -> bool {
    match scheme {
        Scheme::Cameo => gold.first().map(String::as_str) == pred,
        Scheme::Plover => gold.is_empty() || pred.is_some_and(|p| gold.iter().any(|g| p.starts_with(g.as_str()))),
    }
}

/// The country of an actor code: its first three characters (`USAGOV` → `USA`, `IGOUNO` →
/// `IGO`; a shorter code is kept whole).
fn country(code: &str) -> &str {
    code.char_indices().nth(3).map_or(code, |(i, _)| &code[..i])
}

/// [`actor_ok`] on countries: gold and produced codes cut to their first three characters.
fn country_ok(scheme: Scheme, gold: &[String], pred: Option<&str>) -> bool {
    let gold: Vec<String> = gold.iter().map(|g| country(g).to_string()).collect();
    actor_ok(scheme, &gold, pred.map(country))
}

fn matches(scheme: Scheme, level: Level, g: &GoldEvent, p: &Pred) -> bool {
    let code = match level {
        Level::Full | Level::Code => g.code == p.code,
        Level::Root | Level::CountryRoot => root_of(scheme, &g.code) == root_of(scheme, &p.code),
        Level::Table => table_key(scheme, &g.code) == table_key(scheme, &p.code),
    };
    code && match level {
        Level::Code => true,
        Level::CountryRoot => {
            country_ok(scheme, &g.source, p.source.as_deref()) && country_ok(scheme, &g.target, p.target.as_deref())
        }
        _ => actor_ok(scheme, &g.source, p.source.as_deref()) && actor_ok(scheme, &g.target, p.target.as_deref()),
    }
}

fn show_gold(scheme: Scheme, g: &GoldEvent) -> String {
    let side = |v: &[String]| match (scheme, v.is_empty()) {
        (Scheme::Cameo, true) => "-".to_string(),
        (Scheme::Plover, true) => "*".to_string(),
        _ => v.join("|"),
    };
    let mut s = format!("{} {} {}", side(&g.source), side(&g.target), g.code);
    if let Some(d) = &g.date {
        s.push_str(&format!(" @{d}"));
    }
    if let Some(c) = &g.certainty {
        s.push_str(&format!(" ({c})"));
    }
    if !g.is_scored() {
        s.push_str(&format!(" [{}]", g.confidence.as_str()));
    }
    s
}

fn show_pred(p: &Pred) -> Produced {
    let mut event = format!("{} {} {}", p.source.as_deref().unwrap_or("-"), p.target.as_deref().unwrap_or("-"), p.code);
    if let Some(d) = &p.date {
        event.push_str(&format!(" @{d}"));
    }
    event.push_str(&format!(" ({})", p.certainty));
    Produced { event, rule: p.rule.clone() }
}

/// Reduces produced events to distinct triples (the first event of each triple is kept).
fn preds(scheme: Scheme, events: &[Event]) -> Vec<Pred> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for e in events {
        let code = match scheme {
            Scheme::Cameo => normalise_code(&e.cameo),
            Scheme::Plover => match &e.plover.kind {
                Some(k) => normalise_code(k),
                None => continue,
            },
        };
        let source = normalise_actor(&e.source.code);
        let target = e.target.as_ref().and_then(|t| normalise_actor(&t.code));
        if !seen.insert((source.clone(), target.clone(), code.clone())) {
            continue;
        }
        out.push(Pred {
            source,
            target,
            code,
            date: e.date.clone(),
            certainty: e.certainty.as_str().to_string(),
            rule: e.evidence.rule.clone(),
        });
    }
    out
}

/// What became of a produced triple at one level.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// It matches a scored expected event.
    Hit,
    /// It matches no scored expected event, but a `low` one: left out of the counts.
    Low,
    /// It matches no expected event.
    False,
}

/// Counts one record at one level. `gold` holds the scored expected events, `low` the `low`
/// ones. Returns the counts, whether each scored event was matched and each triple's outcome.
///
/// Matching is one to one (a maximum bipartite matching of produced to expected events): one
/// produced event never counts for two expected events, and a second produced event that fits
/// an expected event already matched is a false alarm. So true positives are the same number
/// for precision and recall, and a coarser level (more pairs fit) never scores below a finer one.
fn count(
    scheme: Scheme,
    level: Level,
    gold: &[GoldEvent],
    low: &[GoldEvent],
    pred: &[Pred],
) -> (Counts, Vec<bool>, Vec<Outcome>) {
    let fits: Vec<Vec<usize>> =
        pred.iter().map(|p| (0..gold.len()).filter(|&g| matches(scheme, level, &gold[g], p)).collect()).collect();
    let matched_gold = max_matching(&fits, gold.len());
    let mut gm = vec![false; gold.len()];
    let mut pm = vec![Outcome::False; pred.len()];
    for (g, p) in matched_gold.iter().enumerate() {
        if let Some(p) = *p {
            gm[g] = true;
            pm[p] = Outcome::Hit;
        }
    }
    for (p, outcome) in pm.iter_mut().enumerate() {
        // A produced event that fits only `low` expected events counts neither way; one that
        // fits a scored event taken by another produced event is a duplicate, a false alarm.
        if *outcome == Outcome::False && fits[p].is_empty() && low.iter().any(|g| matches(scheme, level, g, &pred[p])) {
            *outcome = Outcome::Low;
        }
    }
    let hits = gm.iter().filter(|m| **m).count();
    let c = Counts {
        gold: gold.len(),
        predicted: pm.iter().filter(|m| **m != Outcome::Low).count(),
        tp: hits,
        tp_predicted: hits,
    };
    (c, gm, pm)
}

/// A maximum matching of left vertices (produced events; `fits[p]` lists the right vertices it
/// may take) to `right` right vertices (expected events), by augmenting paths (Kuhn's
/// algorithm): O(V·E), and a record holds a handful of events. Returns, for each right vertex,
/// the left vertex matched to it.
fn max_matching(fits: &[Vec<usize>], right: usize) -> Vec<Option<usize>> {
    fn augment(p: usize, fits: &[Vec<usize>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
        for &g in &fits[p] {
            if !seen[g] {
                seen[g] = true;
                if owner[g].is_none_or(|q| augment(q, fits, seen, owner)) {
                    owner[g] = Some(p);
                    return true;
                }
            }
        }
        false
    }
    let mut owner = vec![None; right];
    for p in 0..fits.len() {
        let mut seen = vec![false; right];
        augment(p, fits, &mut seen, &mut owner);
    }
    owner
}

fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// Codes every record of a set and scores it. The pipeline's options are set per record
/// (`require_target`) and restored afterwards. Records are coded in parallel; the report is
/// the same on any number of threads.
pub fn score_set(set: &GoldSet, pipeline: &mut Pipeline) -> SetReport {
    let n = set.records.len();
    let saved = pipeline.options.clone();
    // A gold file that lists negated events ("did not attack", certainty "negated") expects
    // petrel to produce them, as `--keep-negated` does.
    if set.records.iter().flat_map(|r| &r.events).any(|e| e.certainty.as_deref() == Some("negated")) {
        pipeline.options.keep_negated = true;
    }
    let mut coded: Vec<Result<Coded, String>> = vec![Ok(Coded::default()); n];
    for v in [false, true] {
        let idx: Vec<usize> =
            (0..n).filter(|&i| set.records[i].require_target.unwrap_or(saved.require_target) == v).collect();
        if idx.is_empty() {
            continue;
        }
        pipeline.options.require_target = v;
        let p: &Pipeline = pipeline;
        let results: Vec<(usize, Result<Coded, String>)> = idx
            .par_iter()
            .map(|&i| {
                let r = &set.records[i];
                let mut doc = Document::new(r.id.clone(), r.text.clone());
                doc.published = r.published;
                (i, catch_unwind(AssertUnwindSafe(|| p.code(&doc))).map_err(|e| panic_message(&*e)))
            })
            .collect();
        for (i, c) in results {
            coded[i] = c;
        }
    }
    pipeline.options = saved;
    score_coded(set, &coded)
}

/// Scores a set from already coded records: `coded[i]` is what the pipeline produced for
/// `set.records[i]`, or the message of a panic while coding it.
///
/// # Panics
/// If `coded` and `set.records` differ in length.
pub fn score_coded(set: &GoldSet, coded: &[Result<Coded, String>]) -> SetReport {
    assert_eq!(coded.len(), set.records.len(), "one coding result per record");
    let n = set.records.len();
    let scheme = set.scheme;
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    for s in &set.skipped {
        *skipped.entry(s.reason.clone()).or_default() += 1;
    }
    let mut rep = SetReport {
        set: set.name.clone(),
        path: set.path.display().to_string(),
        format: set.format.as_str(),
        scheme,
        read: set.read,
        records: n,
        passed: 0,
        expect_none: 0,
        expect_none_passed: 0,
        no_event_false_alarms: 0,
        low_events: 0,
        sentences: 0,
        full: Counts::default(),
        root: Counts::default(),
        country_root: Counts::default(),
        code: Counts::default(),
        source_accuracy: Ratio::default(),
        target_accuracy: Ratio::default(),
        actor_accuracy: Ratio::default(),
        date_accuracy: Ratio::default(),
        certainty_accuracy: Ratio::default(),
        per_root: BTreeMap::new(),
        skipped,
        problems: set.problems.clone(),
        notes: set.notes.clone(),
        crashed: 0,
        failures: Vec::new(),
    };
    for (r, c) in set.records.iter().zip(coded) {
        let (events, crash): (&[Event], Option<String>) = match c {
            Ok(c) => {
                rep.sentences += c.sentences;
                (&c.events, None)
            }
            Err(m) => {
                rep.crashed += 1;
                rep.problems.push(Problem { place: r.place.clone(), message: format!("coding panicked: {m}") });
                (&[], Some(m.clone()))
            }
        };
        let pred = preds(scheme, events);
        let (gold, low): (Vec<GoldEvent>, Vec<GoldEvent>) = r.events.iter().cloned().partition(GoldEvent::is_scored);
        let gold = &gold;
        rep.low_events += low.len();
        let (full, gm, pm) = count(scheme, Level::Full, gold, &low, &pred);
        let (root, _, _) = count(scheme, Level::Root, gold, &low, &pred);
        let (country_root, _, _) = count(scheme, Level::CountryRoot, gold, &low, &pred);
        let (code, gcm, _) = count(scheme, Level::Code, gold, &low, &pred);
        rep.full.add(full);
        rep.root.add(root);
        rep.country_root.add(country_root);
        rep.code.add(code);
        for (g, (&cm, &fm)) in gold.iter().zip(gcm.iter().zip(&gm)) {
            if cm {
                let same: Vec<&Pred> = pred.iter().filter(|p| p.code == g.code).collect();
                rep.source_accuracy.count(same.iter().any(|p| actor_ok(scheme, &g.source, p.source.as_deref())));
                rep.target_accuracy.count(same.iter().any(|p| actor_ok(scheme, &g.target, p.target.as_deref())));
                rep.actor_accuracy.count(fm);
            }
            if fm {
                let full_matches: Vec<&Pred> = pred.iter().filter(|p| matches(scheme, Level::Full, g, p)).collect();
                if let Some(d) = &g.date {
                    rep.date_accuracy.count(full_matches.iter().any(|p| p.date.as_deref() == Some(d.as_str())));
                }
                if let Some(ct) = &g.certainty {
                    rep.certainty_accuracy.count(full_matches.iter().any(|p| &p.certainty == ct));
                }
            }
        }
        for g in gold {
            let e = rep.per_root.entry(table_key(scheme, &g.code)).or_default();
            e.gold += 1;
            e.tp += pred.iter().any(|p| matches(scheme, Level::Table, g, p)) as usize;
        }
        let (_, _, tm) = count(scheme, Level::Table, gold, &low, &pred);
        for (p, m) in pred.iter().zip(tm) {
            if m == Outcome::Low {
                continue;
            }
            let e = rep.per_root.entry(table_key(scheme, &p.code)).or_default();
            e.predicted += 1;
            e.tp_predicted += (m == Outcome::Hit) as usize;
        }
        let passed = gm.iter().all(|m| *m) && pm.iter().all(|m| *m != Outcome::False);
        if r.events.is_empty() {
            rep.expect_none += 1;
            rep.expect_none_passed += passed as usize;
            rep.no_event_false_alarms += !pred.is_empty() as usize;
        }
        if passed {
            rep.passed += 1;
        } else {
            rep.failures.push(Failure {
                position: r.position,
                place: r.place.clone(),
                id: r.id.clone(),
                text: r.text.clone(),
                expected: r.events.iter().map(|g| show_gold(scheme, g)).collect(),
                produced: pred.iter().map(show_pred).collect(),
                missed: gold.iter().zip(&gm).filter(|(_, m)| !**m).map(|(g, _)| show_gold(scheme, g)).collect(),
                false_alarms: pred
                    .iter()
                    .zip(&pm)
                    .filter(|(_, m)| **m == Outcome::False)
                    .map(|(p, _)| show_pred(p))
                    .collect(),
                crash,
            });
        }
    }
    rep
}

fn f3(x: f64) -> Value {
    json!((x * 10000.0).round() / 10000.0)
}

fn ratio_json(r: &Ratio) -> Value {
    match r.value() {
        Some(v) => f3(v),
        None => Value::Null,
    }
}

impl SetReport {
    /// Event precision at the full-code level.
    pub fn precision(&self) -> f64 {
        self.full.precision()
    }

    /// Event recall at the full-code level.
    pub fn recall(&self) -> f64 {
        self.full.recall()
    }

    /// Event F1 at the full-code level.
    pub fn f1(&self) -> f64 {
        self.full.f1()
    }

    /// Event F1 at the root level.
    pub fn root_f1(&self) -> f64 {
        self.root.f1()
    }

    /// Counts at the countries + root level (actors compared by their first three letters).
    pub fn country_root(&self) -> Counts {
        self.country_root
    }

    /// Event F1 at the countries + root level.
    pub fn country_root_f1(&self) -> f64 {
        self.country_root.f1()
    }

    /// Expected events.
    pub fn gold_events(&self) -> usize {
        self.full.gold
    }

    /// Produced (distinct) events.
    pub fn predicted_events(&self) -> usize {
        self.full.predicted
    }

    /// The report as JSON: summary keys (`set`, `records`, `passed`, `expect_none`,
    /// `no_event_false_alarms`, `gold_events`, `low_events`, `predicted_events`, `precision`,
    /// `recall`, `f1`, `root_f1`, `country_root_f1`, ...), the per-root table, problems, notes
    /// and every failure.
    pub fn to_json(&self) -> Value {
        let per_root: Vec<Value> = self
            .per_root
            .iter()
            .map(|(k, c)| json!({"root": k, "gold": c.gold, "predicted": c.predicted, "tp": c.tp, "tp_predicted": c.tp_predicted, "precision": f3(c.precision()), "recall": f3(c.recall()), "f1": f3(c.f1())}))
            .collect();
        let failures: Vec<Value> = self
            .failures
            .iter()
            .map(|f| {
                let prod = |v: &[Produced]| v.iter().map(|p| json!({"event": p.event, "rule": p.rule})).collect::<Vec<_>>();
                json!({"position": f.position, "place": f.place, "id": f.id, "text": f.text, "expected": f.expected, "produced": prod(&f.produced), "missed": f.missed, "false_alarms": prod(&f.false_alarms), "crash": f.crash})
            })
            .collect();
        // Two objects, merged: one `json!` this size passes the macro recursion limit.
        let extra = json!({
            "no_event_false_alarms": self.no_event_false_alarms,
            "low_events": self.low_events,
            "country_root_tp": self.country_root.tp,
            "country_root_precision": f3(self.country_root.precision()),
            "country_root_recall": f3(self.country_root.recall()),
            "country_root_f1": f3(self.country_root.f1()),
        });
        let mut out = json!({
            "set": self.set,
            "path": self.path,
            "format": self.format,
            "scheme": self.scheme.as_str(),
            "records_read": self.read,
            "records": self.records,
            "passed": self.passed,
            "pass_rate": f3(if self.records == 0 { 0.0 } else { self.passed as f64 / self.records as f64 }),
            "expect_none": self.expect_none,
            "expect_none_passed": self.expect_none_passed,
            "sentences": self.sentences,
            "gold_events": self.full.gold,
            "predicted_events": self.full.predicted,
            "tp": self.full.tp,
            "precision": f3(self.full.precision()),
            "recall": f3(self.full.recall()),
            "f1": f3(self.full.f1()),
            "root_tp": self.root.tp,
            "root_precision": f3(self.root.precision()),
            "root_recall": f3(self.root.recall()),
            "root_f1": f3(self.root.f1()),
            "code_tp": self.code.tp,
            "code_precision": f3(self.code.precision()),
            "code_recall": f3(self.code.recall()),
            "code_f1": f3(self.code.f1()),
            "actor_accuracy": ratio_json(&self.actor_accuracy),
            "source_accuracy": ratio_json(&self.source_accuracy),
            "target_accuracy": ratio_json(&self.target_accuracy),
            "actor_scored": self.actor_accuracy.total,
            "date_accuracy": ratio_json(&self.date_accuracy),
            "date_scored": self.date_accuracy.total,
            "certainty_accuracy": ratio_json(&self.certainty_accuracy),
            "certainty_scored": self.certainty_accuracy.total,
            "per_root": per_root,
            "skipped": self.skipped,
            "crashed": self.crashed,
            "problems": self.problems.iter().map(|p| json!({"place": p.place, "message": p.message})).collect::<Vec<_>>(),
            "notes": self.notes,
            "failures": failures,
        });
        if let (Some(o), Value::Object(e)) = (out.as_object_mut(), extra) {
            o.extend(e);
        }
        out
    }

    /// Writes the report for a terminal; with `failures`, every record that did not pass with
    /// its text, expected and produced events, misses and false alarms with the rule that fired.
    pub fn print_text(&self, w: &mut dyn Write, failures: bool) -> io::Result<()> {
        let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        writeln!(w, "== {} ({}, {}) {}", self.set, self.format, self.scheme.as_str(), self.path)?;
        let skipped: Vec<String> = self.skipped.iter().map(|(r, n)| format!("{n} {r}")).collect();
        let malformed = self.problems.iter().filter(|p| p.message.starts_with("malformed")).count();
        write!(w, "records: {} scored of {} read", self.records, self.read)?;
        if !skipped.is_empty() {
            write!(w, "; skipped {}", skipped.join(", "))?;
        }
        writeln!(w, "; {malformed} malformed; {} crashed", self.crashed)?;
        writeln!(
            w,
            "passed:  {}/{} ({:.1}%); expecting no event: {}, of which passed {}",
            self.passed,
            self.records,
            pct(self.passed, self.records),
            self.expect_none,
            self.expect_none_passed
        )?;
        if self.expect_none > 0 {
            writeln!(w, "no-event records with a false event: {} of {}", self.no_event_false_alarms, self.expect_none)?;
        }
        writeln!(
            w,
            "events:  {} expected, {} produced (distinct), {} sentences coded",
            self.full.gold, self.full.predicted, self.sentences
        )?;
        if self.low_events > 0 {
            writeln!(
                w,
                "         {} low-confidence expected events not scored; produced events matching only those are left out",
                self.low_events
            )?;
        }
        writeln!(w, "{:<28} {:>6} {:>6} {:>6} {:>6}", "level", "tp", "P", "R", "F1")?;
        let (root_name, country_name) = match self.scheme {
            Scheme::Cameo => ("root (2 digits) + actors", "countries + root"),
            Scheme::Plover => ("quad category + actors", "countries + quad category"),
        };
        for (name, c) in [
            ("full code + actors", &self.full),
            (root_name, &self.root),
            (country_name, &self.country_root),
            ("code only (actors ignored)", &self.code),
        ] {
            writeln!(w, "{:<28} {:>6} {:>6.3} {:>6.3} {:>6.3}", name, c.tp, c.precision(), c.recall(), c.f1())?;
        }
        writeln!(
            w,
            "actor accuracy (of code-matched expected events): both {}, source {}, target {}",
            self.actor_accuracy.text(),
            self.source_accuracy.text(),
            self.target_accuracy.text()
        )?;
        writeln!(
            w,
            "date accuracy: {}; certainty accuracy: {}",
            self.date_accuracy.text(),
            self.certainty_accuracy.text()
        )?;
        if !self.per_root.is_empty() {
            let key = if self.scheme == Scheme::Cameo { "root" } else { "type" };
            writeln!(w, "{:<10} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}", key, "gold", "pred", "tp", "P", "R", "F1")?;
            for (k, c) in &self.per_root {
                writeln!(
                    w,
                    "{:<10} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                    k,
                    c.gold,
                    c.predicted,
                    c.tp,
                    c.precision(),
                    c.recall(),
                    c.f1()
                )?;
            }
        }
        for n in &self.notes {
            writeln!(w, "note: {n}")?;
        }
        if !self.problems.is_empty() {
            writeln!(w, "problems ({}):", self.problems.len())?;
            for p in &self.problems {
                writeln!(w, "  {p}")?;
            }
        }
        if failures && !self.failures.is_empty() {
            writeln!(w, "failures ({}):", self.failures.len())?;
            for f in &self.failures {
                writeln!(w, "-- #{} {} ({})", f.position, f.id, f.place)?;
                writeln!(w, "   text:     {}", f.text)?;
                if let Some(c) = &f.crash {
                    writeln!(w, "   CRASH:    {c}")?;
                }
                writeln!(
                    w,
                    "   expected: {}",
                    if f.expected.is_empty() { "(no event)".to_string() } else { f.expected.join("; ") }
                )?;
                if f.produced.is_empty() {
                    writeln!(w, "   produced: (no event)")?;
                }
                for p in &f.produced {
                    writeln!(w, "   produced: {}  [{}]", p.event, p.rule)?;
                }
                for m in &f.missed {
                    writeln!(w, "   MISSED:   {m}")?;
                }
                for p in &f.false_alarms {
                    writeln!(w, "   FALSE:    {}  [{}]", p.event, p.rule)?;
                }
            }
        }
        writeln!(w)
    }
}
