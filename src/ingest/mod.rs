//! Stage 0: ingest. Reads files, folders and standard input into [`Document`]s.
//!
//! - `.txt` (and anything unrecognised): the whole file is one document, id = its path.
//! - `.html`/`.htm`: reduced to title and article text by [`html::article_text`].
//! - `.jsonl`/`.ndjson`: one record per line, `{"id","text","published"?,"url"?,"source"?}`.
//! - `-`: standard input, sniffed: JSON Lines if it starts with `{`, HTML if with `<`.
//!
//! A bad record never stops the run: it comes out as [`Input::Skipped`] with its file and line,
//! and the caller counts it. Invalid UTF-8 is decoded lossily with an [`Input::Warning`]; a
//! binary file (NUL bytes, or mostly undecodable) is skipped, not coded; an empty file gives a
//! warning. In a folder, files of other kinds, hidden files and petrel's own event output are
//! left out and listed in [`Inputs::summary`].

pub mod html;

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::document::Document;

/// A record that could not be read, with where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// "path" or "path:line".
    pub location: String,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for InputError {}

/// One item read from the inputs.
#[derive(Debug, Clone)]
pub enum Input {
    /// A document to code.
    Document(Document),
    /// Something worth telling the user that did not stop the record (lossy UTF-8).
    Warning(String),
    /// A record that was skipped.
    Skipped(InputError),
}

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Publication date for documents that do not carry one (plain text, HTML, JSONL records
    /// without `published`).
    pub published: Option<Date>,
    /// Files never read as input even when a folder holds them: the run's own output files
    /// (`-o`, `--unresolved`), so that coding a folder twice does not code its last output.
    pub exclude: Vec<PathBuf>,
}

/// What [`Inputs`] read and left out, for the end-of-run report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputSummary {
    /// Files (and standard input) opened and read.
    pub files_read: Vec<String>,
    /// Files found in folders, or named, that were not read, each with the reason.
    pub files_skipped: Vec<(String, String)>,
    /// Whether any path given was a folder.
    pub had_folder: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Jsonl,
}

fn kind_of(path: &Path) -> Kind {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html" | "htm" | "xhtml") => Kind::Html,
        Some("jsonl" | "ndjson") => Kind::Jsonl,
        _ => Kind::Text,
    }
}

fn sniff(bytes: &[u8]) -> Kind {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'{') => Kind::Jsonl,
        Some(b'<') => Kind::Html,
        _ => Kind::Text,
    }
}

/// The JSON Lines record.
#[derive(Debug, Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    published: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

/// Parses a publication date: `YYYY-MM-DD`, or an ISO timestamp whose date part is taken.
pub fn parse_published(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let day = s.get(..10).unwrap_or(s);
    day.parse::<Date>().map_err(|_| format!("bad date `{s}` (expected YYYY-MM-DD)"))
}

/// The file extensions read from folders.
const INPUT_EXTENSIONS: [&str; 5] = ["txt", "html", "htm", "jsonl", "ndjson"];

/// Lists the files under the given paths: folders recursively (sorted, hidden files skipped,
/// only [`INPUT_EXTENSIONS`], never an excluded path), files as given.
/// Each file comes with whether it was found in a folder (rather than named).
fn expand(
    paths: &[PathBuf],
    exclude: &[PathBuf],
    out: &mut VecDeque<(PathBuf, bool)>,
    errors: &mut Vec<InputError>,
    summary: &mut InputSummary,
) {
    for p in paths {
        if p.as_os_str() == "-" {
            out.push_back((p.clone(), false));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                summary.had_folder = true;
                let mut found = Vec::new();
                walk(p, &mut found, errors, &mut summary.files_skipped);
                found.sort();
                let excluded: Vec<PathBuf> = exclude.iter().filter_map(|e| e.canonicalize().ok()).collect();
                for f in found {
                    if f.canonicalize().is_ok_and(|c| excluded.contains(&c)) {
                        summary.files_skipped.push((f.display().to_string(), "this run's own output file".into()));
                    } else {
                        out.push_back((f, true));
                    }
                }
            }
            Ok(_) => out.push_back((p.clone(), false)),
            Err(e) => {
                errors.push(InputError { location: p.display().to_string(), message: format!("cannot read: {e}") })
            }
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<InputError>, skipped: &mut Vec<(String, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors
                .push(InputError { location: dir.display().to_string(), message: format!("cannot read folder: {e}") });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, errors, skipped);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| INPUT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        } else {
            skipped.push((path.display().to_string(), "not a .txt, .html, .htm, .jsonl or .ndjson file".into()));
        }
    }
}

/// Streams documents from files, folders and `-` (standard input).
///
/// ```no_run
/// use petrel::ingest::{Inputs, IngestOptions, Input};
/// for item in Inputs::new(&["articles/".into()], IngestOptions::default()) {
///     if let Input::Document(doc) = item { println!("{}", doc.id); }
/// }
/// ```
pub struct Inputs {
    files: VecDeque<(PathBuf, bool)>,
    pending: VecDeque<Input>,
    jsonl: Option<(String, Box<dyn BufRead>, usize)>,
    options: IngestOptions,
    summary: InputSummary,
    total_bytes: u64,
    consumed_bytes: u64,
}

impl Inputs {
    /// Prepares to read `paths`; folders are listed at once, files opened lazily.
    pub fn new(paths: &[PathBuf], options: IngestOptions) -> Inputs {
        let mut files = VecDeque::new();
        let mut errors = Vec::new();
        let mut summary = InputSummary::default();
        expand(paths, &options.exclude, &mut files, &mut errors, &mut summary);
        let total_bytes = files
            .iter()
            .filter(|(p, _)| p.as_os_str() != "-")
            .filter_map(|(p, _)| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        Inputs {
            files,
            pending: errors.into_iter().map(Input::Skipped).collect(),
            jsonl: None,
            options,
            summary,
            total_bytes,
            consumed_bytes: 0,
        }
    }

    /// The files read and left out so far (complete once the iterator is exhausted).
    pub fn summary(&self) -> &InputSummary {
        &self.summary
    }

    /// The total size in bytes of the input files (standard input not counted): the length of
    /// a progress bar. Measured once, when the inputs are listed.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Bytes of input consumed so far (files and JSON Lines records handed out).
    pub fn consumed_bytes(&self) -> u64 {
        self.consumed_bytes
    }

    fn open_next(&mut self, path: PathBuf, from_folder: bool) {
        let name = if path.as_os_str() == "-" { "<stdin>".to_string() } else { path.display().to_string() };
        let mut bytes = Vec::new();
        let read = if path.as_os_str() == "-" {
            io::stdin().lock().read_to_end(&mut bytes)
        } else {
            File::open(&path).and_then(|mut f| f.read_to_end(&mut bytes))
        };
        if let Err(e) = read {
            self.pending.push_back(Input::Skipped(InputError { location: name, message: format!("cannot read: {e}") }));
            return;
        }
        let kind = if path.as_os_str() == "-" { sniff(&bytes) } else { kind_of(&path) };
        if let Some(why) = binary_reason(&bytes) {
            self.consumed_bytes += bytes.len() as u64;
            self.summary.files_skipped.push((name.clone(), why.clone()));
            self.pending.push_back(Input::Skipped(InputError { location: name, message: format!("{why}; not coded") }));
            return;
        }
        if kind == Kind::Jsonl && looks_like_event_output(&bytes) {
            self.consumed_bytes += bytes.len() as u64;
            let why = "petrel's own event output (records with `cameo` and `evidence`), not articles";
            self.summary.files_skipped.push((name.clone(), why.into()));
            // Named on the command line, it is a mistake worth an error; found in a folder, it
            // is the last run's output and is left out quietly (the summary lists it).
            if !from_folder {
                self.pending.push_back(Input::Skipped(InputError { location: name, message: why.into() }));
            }
            return;
        }
        self.summary.files_read.push(name.clone());
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            self.consumed_bytes += bytes.len() as u64;
            self.pending.push_back(Input::Warning(format!("{name}: empty input, nothing to code")));
            return;
        }
        if kind == Kind::Jsonl {
            self.jsonl = Some((name, Box::new(BufReader::new(io::Cursor::new(bytes))), 0));
            return;
        }
        self.consumed_bytes += bytes.len() as u64;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                self.pending.push_back(Input::Warning(format!("{name}: invalid UTF-8, decoded lossily")));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        let (text, html_date) = if kind == Kind::Html {
            let a = html::article_text(&text);
            (a.text, a.published)
        } else {
            (text, None)
        };
        let mut doc = Document::new(name, text);
        doc.published = self.options.published.or(html_date);
        self.pending.push_back(Input::Document(doc));
    }

    fn next_jsonl(&mut self) -> Option<Input> {
        let (name, reader, line_no) = self.jsonl.as_mut()?;
        let mut buf = Vec::new();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => {
                self.jsonl = None;
                return None;
            }
            Ok(_) => {}
            Err(e) => {
                let err = InputError { location: name.clone(), message: format!("read error: {e}") };
                self.jsonl = None;
                return Some(Input::Skipped(err));
            }
        }
        *line_no += 1;
        self.consumed_bytes += buf.len() as u64;
        let loc = format!("{name}:{line_no}");
        let line = match String::from_utf8(buf) {
            Ok(l) => l,
            Err(e) => {
                self.pending.push_back(Input::Warning(format!("{loc}: invalid UTF-8, decoded lossily")));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        if line.trim().is_empty() {
            return Some(self.next_jsonl().unwrap_or(Input::Warning(String::new())));
        }
        Some(match record_to_document(&line, &loc, &self.options) {
            Ok(doc) => Input::Document(doc),
            Err(e) => Input::Skipped(e),
        })
    }
}

/// Why `bytes` is not text to code, if it is not: a NUL byte in its first 8 KiB (no news text
/// has one; UTF-16 text is not read), or more than a third of its first 8 KiB not valid UTF-8.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some("binary file (NUL bytes)".into());
    }
    let lossy = String::from_utf8_lossy(head);
    let bad = lossy.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
    (bad * 3 > head.len().max(1)).then(|| "binary file (mostly not UTF-8 text)".into())
}

/// Whether a JSON Lines file holds petrel's event records rather than articles: its first
/// non-blank line is an object with `cameo` and `evidence` and no `text`.
fn looks_like_event_output(bytes: &[u8]) -> bool {
    let Some(first) = bytes.split(|&b| b == b'\n').find(|l| !l.iter().all(u8::is_ascii_whitespace)) else {
        return false;
    };
    match serde_json::from_slice::<serde_json::Value>(first) {
        Ok(serde_json::Value::Object(o)) => {
            o.contains_key("cameo") && o.contains_key("evidence") && !o.contains_key("text")
        }
        _ => false,
    }
}

/// Parses one JSON Lines record into a document.
pub fn record_to_document(line: &str, loc: &str, options: &IngestOptions) -> Result<Document, InputError> {
    let err = |m: String| InputError { location: loc.to_string(), message: m };
    let rec: Record = serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let text = rec.text.ok_or_else(|| err("record has no `text`".into()))?;
    let id = match rec.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(other) => return Err(err(format!("`id` must be a string or number, found {other}"))),
        None => loc.to_string(),
    };
    let published = match rec.published.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(p) => Some(parse_published(p).map_err(err)?),
        None => options.published,
    };
    Ok(Document { id, text, published, url: rec.url, source: rec.source })
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(p) = self.pending.pop_front() {
                if matches!(&p, Input::Warning(w) if w.is_empty()) {
                    continue;
                }
                return Some(p);
            }
            if self.jsonl.is_some() {
                match self.next_jsonl() {
                    Some(Input::Warning(w)) if w.is_empty() => continue,
                    Some(item) => {
                        if let Some(w) = self.pending.pop_front() {
                            // A warning about this record goes out before it.
                            self.pending.push_front(item);
                            return Some(w);
                        }
                        return Some(item);
                    }
                    None => continue,
                }
            }
            let (path, from_folder) = self.files.pop_front()?;
            self.open_next(path, from_folder);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_need_text_and_good_dates() {
        let o = IngestOptions::default();
        assert!(record_to_document(r#"{"id":"a"}"#, "f:1", &o).unwrap_err().message.contains("no `text`"));
        assert!(
            record_to_document(r#"{"id":"a","text":"x","published":"2026-13-01"}"#, "f:2", &o)
                .unwrap_err()
                .message
                .contains("bad date")
        );
        assert!(record_to_document("{oops", "f:3", &o).unwrap_err().message.contains("invalid JSON"));
        let d = record_to_document(r#"{"id":7,"text":"x","published":"2026-02-10T08:00:00Z"}"#, "f:4", &o).unwrap();
        assert_eq!(d.id, "7");
        assert_eq!(d.published.unwrap().to_string(), "2026-02-10");
    }
}
