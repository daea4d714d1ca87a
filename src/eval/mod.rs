//! Scoring petrel against gold event files (`petrel eval`).
//!
//! Three gold formats are read, each into the same [`GoldSet`] model:
//!
//! - PETRARCH validation XML ([`petrarch_xml`]): `PETR.UnitTest.records.xml`,
//!   `PETR_Validate_records_2_02.xml`, `PETR2_GSR_validation.xml` and files like them. Two of
//!   those are not well-formed XML, so they are read line by line, as the original tools did.
//! - PLOVER gold JSON ([`plover`]): `PLOVER_GSR_CAMEO.txt`, a JSON array of records.
//! - petrel's own gold format, JSON Lines ([`jsonl`]), specified in `docs/gold-format.md`.
//!
//! [`score::score_set`] codes every record with a [`Pipeline`] (the same one `petrel code`
//! uses) and compares what it produced with what the gold expects; the result is a
//! [`SetReport`]. [`evaluate`] does everything for one gold file or a folder of them:
//!
//! ```no_run
//! use petrel::eval::{evaluate, EvalOptions};
//! let reports = evaluate("gold.jsonl".as_ref(), &EvalOptions::default()).unwrap();
//! for r in &reports {
//!     r.print_text(&mut std::io::stdout(), false).unwrap();
//! }
//! ```
//!
//! A malformed gold record is reported with its place (`file:line`, or `file: record N`) and
//! skipped; scoring never stops on one.
//!
//! Code normalisation, applied to gold and produced codes alike (see `docs/gold-format.md`):
//! actor and event codes are trimmed and upper-cased; an actor code `---` or an empty one means
//! "no actor" (PETRARCH writes `---` for a missing target); a leading `---` before agent codes
//! (`---GOV`, PETRARCH's "agent without a country") is dropped, because petrel codes such an
//! actor by its agents alone (`GOV`). Nothing else is changed: extra agents in a gold code
//! (`IRQGOVMIL` against `IRQGOV`) are a mismatch. PLOVER actors are compared on the gold code
//! as a prefix of the produced one (gold `HUN` matches `HUNGOV`).

pub mod jsonl;
pub mod petrarch_xml;
pub mod plover;
pub mod score;

use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::dict::{DictError, DictionarySources};
use crate::events::EventOptions;
use crate::pipeline::Pipeline;

pub use score::{Counts, Failure, Produced, Ratio, SetReport, score_coded, score_set};

/// What `petrel eval` needs besides the gold file.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Dictionaries to code with (`--dictionaries DIR`, `--no-builtin`), passed to
    /// [`Pipeline::from_sources`] unchanged.
    pub sources: DictionarySources,
    /// Base event options. PETRARCH XML sets start from PETRARCH's default `require_dyad =
    /// true` (so `require_target` is true) and then follow the file's `<Config>` elements.
    pub events: EventOptions,
    /// `GigaWord.sample.PETR.xml`, for scoring `PETR2_GSR_validation.xml` on the sample
    /// sentences as the PETRARCH-2 baseline was. When `None` it is looked for beside the gold
    /// file and in `../petrarch2/`.
    pub gigaword_sample: Option<PathBuf>,
    /// Code with the statistical dependency parser ([`Pipeline::with_parser`]).
    pub parser: bool,
}

/// Why an evaluation could not run at all (a bad record is not one of these: it is reported
/// in the [`SetReport`] and skipped).
#[derive(Debug)]
pub enum EvalError {
    /// A gold file or folder could not be read.
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        error: std::io::Error,
    },
    /// The file is not a gold file petrel can read.
    Format {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The dictionaries did not load.
    Dictionaries(DictError),
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Io { path, error } => write!(f, "{}: cannot read: {error}", path.display()),
            EvalError::Format { path, message } => write!(f, "{}: {message}", path.display()),
            EvalError::Dictionaries(e) => write!(f, "dictionaries: {e}"),
        }
    }
}

impl std::error::Error for EvalError {}

impl From<DictError> for EvalError {
    fn from(e: DictError) -> Self {
        EvalError::Dictionaries(e)
    }
}

/// The gold file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldFormat {
    /// PETRARCH / UD-PETRARCH validation records (`<Sentence>` ... `<EventCoding>`).
    PetrarchXml,
    /// PLOVER gold-standard records: a JSON array of objects.
    PloverJson,
    /// petrel's JSON Lines gold format (`docs/gold-format.md`).
    PetrelJsonl,
}

impl GoldFormat {
    /// Short name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            GoldFormat::PetrarchXml => "petrarch-xml",
            GoldFormat::PloverJson => "plover-json",
            GoldFormat::PetrelJsonl => "petrel-jsonl",
        }
    }
}

/// What the gold codes are, which decides how produced events are compared with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// CAMEO event codes; actors compared exactly (after normalisation). The "root" of a code
    /// is its first two characters.
    Cameo,
    /// PLOVER 0.8 event types (older names mapped, see [`plover::plover_type`]); actors
    /// compared as country prefixes, and only where the gold gives them. The "root" of a type
    /// is its PLOVER quad category.
    Plover,
}

impl Scheme {
    /// Short name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Cameo => "cameo",
            Scheme::Plover => "plover",
        }
    }
}

/// How sure the gold coder is of an expected event (the coding standard's "Confidence"; the
/// petrel JSONL field `confidence`). `high` and `medium` events are scored; a `low` one is
/// neither a hit nor a miss, and a produced event that matches only `low` events (at the level
/// being scored) is neither a hit nor a false alarm. Gold without the field is `high`.
///
/// Ordered from most to least sure (`High < Medium < Low`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Sure; scored. The default, for gold that does not say.
    #[default]
    High,
    /// A judgment call, but the better reading; scored.
    Medium,
    /// A possible reading only; not scored.
    Low,
}

impl Confidence {
    /// Reads `high`, `medium` or `low` (trimmed, any case); `None` for anything else.
    pub fn parse(s: &str) -> Option<Confidence> {
        match s.trim().to_lowercase().as_str() {
            "high" => Some(Confidence::High),
            "medium" => Some(Confidence::Medium),
            "low" => Some(Confidence::Low),
            _ => None,
        }
    }

    /// The name as written in gold files (`high`, `medium`, `low`).
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }

    /// Whether events of this confidence are scored (`high` and `medium`).
    pub fn is_scored(self) -> bool {
        self != Confidence::Low
    }
}

/// One expected event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoldEvent {
    /// Acceptable source codes, normalised. CAMEO: zero (no source) or one code. PLOVER: the
    /// gold's actors (any one matches); empty means "not checked".
    pub source: Vec<String>,
    /// Acceptable target codes, as for `source`. CAMEO: empty means "no target".
    pub target: Vec<String>,
    /// CAMEO code ("064") or PLOVER type ("AGREE").
    pub code: String,
    /// Expected event date (ISO, any precision), when the gold gives one.
    pub date: Option<String>,
    /// Expected certainty ("asserted", "negated", ...), when the gold gives one.
    pub certainty: Option<String>,
    /// How sure the gold is of the event; only `high` and `medium` events are scored.
    /// PETRARCH and PLOVER gold give none: `high`.
    pub confidence: Confidence,
}

impl GoldEvent {
    /// Whether the event is scored (its confidence is `high` or `medium`).
    pub fn is_scored(&self) -> bool {
        self.confidence.is_scored()
    }
}

/// Sorts a record's expected events and keeps one of each set that is equal but for its
/// confidence: the surest one (a `high` and a `low` copy of an event leave the `high` one).
pub(crate) fn dedup_events(events: &mut Vec<GoldEvent>) {
    events.sort();
    events.dedup_by(|later, first| {
        (&later.source, &later.target, &later.code, &later.date, &later.certainty)
            == (&first.source, &first.target, &first.code, &first.date, &first.certainty)
    });
}

/// One gold record that will be scored.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldRecord {
    /// 1-based position of the record in its file (ids repeat, positions do not).
    pub position: usize,
    /// Where it is: `file:line` or `file: record N`.
    pub place: String,
    /// The record's id (may repeat within a file).
    pub id: String,
    /// The sentence or article text to code.
    pub text: String,
    /// Publication date; `None` when the gold gives none or only a month or year (which cannot
    /// anchor a relative date).
    pub published: Option<Date>,
    /// PETRARCH category, if any.
    pub category: Option<String>,
    /// `require_target` in force for this record (from PETRARCH `<Config require_dyad>`);
    /// `None`: the evaluation's base options.
    pub require_target: Option<bool>,
    /// Expected events, `low` ones included; empty means "no event expected". A record whose
    /// only events are `low` does not count as expecting no event.
    pub events: Vec<GoldEvent>,
}

/// A record left out of scoring on purpose (`sentence="false"`, `evaluate="false"`, a category
/// not in `<Include>`, a documentation record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where it is.
    pub place: String,
    /// Its id.
    pub id: String,
    /// Why it was left out.
    pub reason: String,
}

/// A problem in the gold file: a malformed record (skipped) or a suspicious value (kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub place: String,
    /// What is wrong and what was done about it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// A gold file read into records, ready to score.
#[derive(Debug, Clone)]
pub struct GoldSet {
    /// Set name: the file name without extension (`PETR.UnitTest.records`), with a suffix for
    /// derived sets (`PETR2_GSR_validation+GigaWord.sample`).
    pub name: String,
    /// The file, as given.
    pub path: PathBuf,
    /// Its format.
    pub format: GoldFormat,
    /// How codes are compared.
    pub scheme: Scheme,
    /// Records read from the file, scored or not.
    pub read: usize,
    /// Records to score.
    pub records: Vec<GoldRecord>,
    /// Records left out on purpose.
    pub skipped: Vec<Skipped>,
    /// Malformed records (skipped) and suspicious values (kept), with their places.
    pub problems: Vec<Problem>,
    /// Facts about the set worth showing with its scores (config options not applicable,
    /// dictionaries the file expects, normalisations applied).
    pub notes: Vec<String>,
}

impl GoldSet {
    pub(crate) fn new(path: &Path, format: GoldFormat, scheme: Scheme) -> GoldSet {
        GoldSet {
            name: set_name(path),
            path: path.to_path_buf(),
            format,
            scheme,
            read: 0,
            records: Vec::new(),
            skipped: Vec::new(),
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// The set name of a path: its file name without the last extension.
fn set_name(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Normalises an actor code: trimmed and upper-cased; `""` and `---` mean no actor (`None`);
/// a leading `---` before agent codes is dropped (`---GOV` → `GOV`).
///
/// ```
/// use petrel::eval::normalise_actor;
/// assert_eq!(normalise_actor(" arn "), Some("ARN".to_string()));
/// assert_eq!(normalise_actor("---"), None);
/// assert_eq!(normalise_actor("---GOV"), Some("GOV".to_string()));
/// ```
pub fn normalise_actor(code: &str) -> Option<String> {
    let c = code.trim().to_uppercase();
    let c = c.strip_prefix("---").map(str::to_string).unwrap_or(c);
    if c.is_empty() { None } else { Some(c) }
}

/// Normalises an event code: trimmed and upper-cased (`174k` → `174K`).
pub fn normalise_code(code: &str) -> String {
    code.trim().to_uppercase()
}

/// The CAMEO root of a code: its first two characters (`0352` → `03`, `174K` → `17`).
pub fn cameo_root(code: &str) -> String {
    code.chars().take(2).collect()
}

/// Parses a date given as `YYYY-MM-DD`, an ISO timestamp (its date part) or `YYYYMMDD`.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..]).parse().ok();
    }
    s.get(..10).unwrap_or(s).parse().ok()
}

/// Reads a gold file into one or more sets (`PETR2_GSR_validation.xml` gives two: its own
/// records, and the GigaWord sample sentences matched to them when the sample is found).
pub fn load_gold(path: &Path, opts: &EvalOptions) -> Result<Vec<GoldSet>, EvalError> {
    let bytes = std::fs::read(path).map_err(|error| EvalError::Io { path: path.to_path_buf(), error })?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match detect_format(path, text) {
        Some(GoldFormat::PetrarchXml) => {
            let set = petrarch_xml::read(path, text);
            if !set.has_codings {
                return Err(EvalError::Format {
                    path: path.to_path_buf(),
                    message:
                        "no <EventCoding> elements: not a gold file (a PETRARCH input file has no expected events)"
                            .into(),
                });
            }
            let mut out = vec![set.set];
            if out[0].name.starts_with("PETR2_GSR_validation") {
                if let Some(sample) = find_gigaword_sample(path, opts) {
                    match std::fs::read(&sample) {
                        Ok(b) => out.push(petrarch_xml::match_sample(&out[0], &sample, &String::from_utf8_lossy(&b))),
                        Err(e) => out[0].notes.push(format!(
                            "GigaWord sample {} not readable ({e}): sample-matched set not scored",
                            sample.display()
                        )),
                    }
                } else {
                    out[0].notes.push("GigaWord.sample.PETR.xml not found beside the file or in ../petrarch2/: sample-matched set not scored".into());
                }
            }
            Ok(out)
        }
        Some(GoldFormat::PloverJson) => Ok(vec![plover::read(path, text)?]),
        Some(GoldFormat::PetrelJsonl) => Ok(vec![jsonl::read(path, text)]),
        None => Err(EvalError::Format {
            path: path.to_path_buf(),
            message: "not a gold file: expected PETRARCH XML (<Sentence>), a PLOVER JSON array or petrel JSON Lines"
                .into(),
        }),
    }
}

/// Decides a file's format from its extension, then its first non-blank character.
pub fn detect_format(path: &Path, text: &str) -> Option<GoldFormat> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    match ext.as_str() {
        "xml" => return Some(GoldFormat::PetrarchXml),
        "jsonl" | "ndjson" => return Some(GoldFormat::PetrelJsonl),
        _ => {}
    }
    match text.trim_start().chars().next()? {
        '<' => Some(GoldFormat::PetrarchXml),
        '[' => Some(GoldFormat::PloverJson),
        '{' => Some(GoldFormat::PetrelJsonl),
        _ => None,
    }
}

fn find_gigaword_sample(gold: &Path, opts: &EvalOptions) -> Option<PathBuf> {
    if let Some(p) = &opts.gigaword_sample {
        return Some(p.clone());
    }
    let dir = gold.parent().unwrap_or(Path::new("."));
    [dir.join("GigaWord.sample.PETR.xml"), dir.join("../petrarch2/GigaWord.sample.PETR.xml")]
        .into_iter()
        .find(|p| p.is_file())
}

/// Lists the gold files of a folder (recursively, sorted): `.xml`, `.json`, `.jsonl`,
/// `.ndjson`, and `.txt` files whose content starts with `[` or `{`.
fn gold_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let mut out = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                walk(&path, out)?;
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
            let keep = match ext.as_str() {
                "xml" | "json" | "jsonl" | "ndjson" => true,
                "txt" => std::fs::read(&path)
                    .ok()
                    .is_some_and(|b| matches!(b.iter().find(|c| !c.is_ascii_whitespace()), Some(b'[' | b'{'))),
                _ => false,
            };
            if keep {
                out.push(path);
            }
        }
        Ok(())
    }
    walk(dir, &mut out).map_err(|error| EvalError::Io { path: dir.to_path_buf(), error })?;
    out.sort();
    Ok(out)
}

/// Evaluates petrel on a gold file, or on every gold file in a folder, with the dictionaries
/// of `opts.sources`. One report per set; a folder's files that are not gold files (no
/// expected events) are passed over.
///
/// Cost: loads the dictionaries once, then codes every record (in parallel).
pub fn evaluate(gold: &Path, opts: &EvalOptions) -> Result<Vec<SetReport>, EvalError> {
    let mut pipeline = Pipeline::from_sources(&opts.sources)?.with_parser(opts.parser);
    pipeline.options = opts.events.clone();
    evaluate_with(gold, &mut pipeline, opts)
}

/// As [`evaluate`], with a pipeline built by the caller (`opts.sources` is not used). The
/// pipeline's options are changed while records are coded and restored afterwards.
pub fn evaluate_with(gold: &Path, pipeline: &mut Pipeline, opts: &EvalOptions) -> Result<Vec<SetReport>, EvalError> {
    let dict_note = dictionary_note(pipeline, opts);
    let mut sets = Vec::new();
    if gold.is_dir() {
        for f in gold_files(gold)? {
            match load_gold(&f, opts) {
                Ok(s) => sets.extend(s),
                Err(EvalError::Format { .. }) => {}
                Err(e) => return Err(e),
            }
        }
    } else {
        sets = load_gold(gold, opts)?;
    }
    let mut reports = Vec::new();
    for mut set in sets {
        if let Some(n) = &dict_note {
            set.notes.push(n.clone());
        }
        reports.push(score_set(&set, pipeline));
    }
    Ok(reports)
}

fn dictionary_note(pipeline: &Pipeline, opts: &EvalOptions) -> Option<String> {
    let w = &pipeline.dicts.warnings;
    let dirs: Vec<String> = opts.sources.dirs.iter().map(|d| d.display().to_string()).collect();
    let what = match (opts.sources.no_builtin, dirs.is_empty()) {
        (false, true) => "built-in dictionaries".to_string(),
        (false, false) => format!("built-in dictionaries + {}", dirs.join(", ")),
        (true, _) => format!("dictionaries {} (no built-in)", dirs.join(", ")),
    };
    if w.is_empty() {
        Some(format!("coded with {what}"))
    } else {
        Some(format!("coded with {what}; {} dictionary line(s) rejected while loading (first: {})", w.len(), w[0]))
    }
}

#[cfg(test)]
mod tests;
