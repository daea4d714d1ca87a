//! Stage 0: ingest. Reads files, folders and standard input into [`Document`]s.
//!
//! - `.txt` (and anything unrecognised): the whole file is one document, id = its path.
//! - `.html`/`.htm`: reduced to title and article text by [`html::article_text`].
//! - `.jsonl`/`.ndjson`: one record per line, `{"id","text","published"?,"url"?,"source"?}`.
//! - `-`: standard input, sniffed: JSON Lines if it starts with `{`, HTML if with `<`.
//!
//! A bad record never stops the run: it comes out as [`Input::Skipped`] with its file and line,
//! and the caller counts it. Invalid UTF-8 is decoded lossily with an [`Input::Warning`].

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

/// Lists the files under the given paths: folders recursively (sorted, hidden files skipped,
/// only `.txt`, `.html`, `.htm`, `.jsonl`, `.ndjson`), files as given.
fn expand(paths: &[PathBuf], out: &mut VecDeque<PathBuf>, errors: &mut Vec<InputError>) {
    for p in paths {
        if p.as_os_str() == "-" {
            out.push_back(p.clone());
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(p, &mut found, errors);
                found.sort();
                out.extend(found);
            }
            Ok(_) => out.push_back(p.clone()),
            Err(e) => {
                errors.push(InputError { location: p.display().to_string(), message: format!("cannot read: {e}") })
            }
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
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
            walk(&path, out, errors);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
            Some("txt" | "html" | "htm" | "jsonl" | "ndjson")
        ) {
            out.push(path);
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
    files: VecDeque<PathBuf>,
    pending: VecDeque<Input>,
    jsonl: Option<(String, Box<dyn BufRead>, usize)>,
    options: IngestOptions,
}

impl Inputs {
    /// Prepares to read `paths`; folders are listed at once, files opened lazily.
    pub fn new(paths: &[PathBuf], options: IngestOptions) -> Inputs {
        let mut files = VecDeque::new();
        let mut errors = Vec::new();
        expand(paths, &mut files, &mut errors);
        Inputs { files, pending: errors.into_iter().map(Input::Skipped).collect(), jsonl: None, options }
    }

    fn open_next(&mut self, path: PathBuf) {
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
        if kind == Kind::Jsonl {
            self.jsonl = Some((name, Box::new(BufReader::new(io::Cursor::new(bytes))), 0));
            return;
        }
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
            let path = self.files.pop_front()?;
            self.open_next(path);
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
