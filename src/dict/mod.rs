//! Dictionaries: the codebook, actors, agents and action patterns, parsed from plain text
//! files (format in `docs/dictionaries.md`) and compiled into matchers.
//!
//! The built-in files under `dictionaries/` are embedded in the binary at build time.
//! [`Dictionaries::load`] compiles them, optionally adding a user's directory of petrel-format
//! files, or PETRARCH/TABARI-format files (see [`petrarch`]).
//!
//! Invariant: this module knows nothing of sentences or tokens beyond [`phrase_words`]; the
//! stages that use the matchers live in `actors` and `actions`.

pub mod actors;
pub mod codebook;
pub mod gazetteer;
pub mod petrarch;
pub mod verbs;

use std::fmt;
use std::path::{Path, PathBuf};

pub use actors::{ActorDictionary, ActorEntry, AgentDictionary, Role};
pub use codebook::{CameoCode, Codebook, QuadConvention};
pub use gazetteer::{Gazetteer, Place, PlaceKind};
pub use petrarch::{DiscardScope, Discards};
pub use verbs::{VerbDictionary, VerbPattern};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_dictionaries.rs"));
}

/// The gazetteer's file name under `dictionaries/`.
const GAZETTEER_FILE: &str = "places.tsv";
/// How the coding standard treats each code's events (mutual acts, protests).
const CODE_ROLES_FILE: &str = "code-roles.txt";
/// The ontology: kept with `--no-builtin`, since a user's dictionaries replace words, not codes.
const ONTOLOGY_FILES: [&str; 2] = ["cameo.txt", CODE_ROLES_FILE];

/// The built-in dictionary files as (path relative to `dictionaries/`, contents).
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    builtin::BUILTIN_FILES
}

/// A problem in a dictionary file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictError {
    /// The file, as given (relative for built-in files).
    pub file: String,
    /// 1-based line number; 0 when the error concerns the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for DictError {}

/// Splits a dictionary name or pattern into normalised word tokens, exactly as the text
/// stage would tokenize it ("Cuba's" → ["cuba", "'s"], "U.S." → ["u.s."]).
///
/// ```
/// assert_eq!(petrel::dict::phrase_words("Nicolás Maduro"), vec!["nicolas", "maduro"]);
/// ```
pub fn phrase_words(phrase: &str) -> Vec<String> {
    crate::text::phrase_tokens(phrase)
}

/// Strips a `#` comment and surrounding white space from a line.
pub(crate) fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => line[..i].trim(),
        None => line.trim(),
    }
}

/// Where dictionary files come from.
#[derive(Debug, Clone, Default)]
pub struct DictionarySources {
    /// Leave out the built-in files.
    pub no_builtin: bool,
    /// Directories of extra files; later ones override earlier ones.
    pub dirs: Vec<PathBuf>,
}

/// All of petrel's knowledge, compiled.
#[derive(Debug, Clone)]
pub struct Dictionaries {
    /// CAMEO codes with Goldstein scores and PLOVER mapping.
    pub codebook: Codebook,
    /// Named actors: countries, capitals, organisations, groups, people.
    pub actors: ActorDictionary,
    /// Generic role words ("soldiers" → MIL).
    pub agents: AgentDictionary,
    /// Action patterns.
    pub verbs: VerbDictionary,
    /// Places for event locations.
    pub gazetteer: Gazetteer,
    /// Discard phrases (PETRARCH discard lists; petrel's own files have none): the pipeline
    /// does not code a sentence holding one, nor a document holding a story-level one.
    pub discards: Discards,
    /// Lines that were rejected while loading (user files only; built-in errors are fatal).
    pub warnings: Vec<DictError>,
}

/// The kind of a dictionary file, from its name and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `cameo.txt`
    Codebook,
    /// `code-roles.txt`: how the coding standard treats each code's events
    CodeRoles,
    /// `actors/*.txt` (people included)
    Actors,
    /// `agents.txt`
    Agents,
    /// `verbs/*.txt`
    Verbs,
    /// `places.tsv`
    Gazetteer,
    /// A PETRARCH/TABARI file (`*.verbs.txt`, `*actors*.txt`, `*agents*.txt`, `*discards*`).
    Petrarch(petrarch::PetrarchKind),
    /// Not a dictionary (gazetteer, licence notes).
    Other,
}

/// Classifies a dictionary file by its path relative to the dictionary directory.
pub fn file_kind(rel: &str) -> FileKind {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if let Some(k) = petrarch::detect_kind(rel) {
        return FileKind::Petrarch(k);
    }
    if name == "cameo.txt" {
        FileKind::Codebook
    } else if name == CODE_ROLES_FILE {
        FileKind::CodeRoles
    } else if name == "places.tsv" {
        FileKind::Gazetteer
    } else if name == "agents.txt" {
        FileKind::Agents
    } else if rel.starts_with("actors/") {
        FileKind::Actors
    } else if rel.starts_with("verbs/") {
        FileKind::Verbs
    } else {
        FileKind::Other
    }
}

impl Dictionaries {
    /// Compiles the built-in dictionaries.
    ///
    /// Cost: parses all built-in files (a few MB of text) and builds hash indexes; tens of
    /// milliseconds. Build once and share; [`Dictionaries`] is `Sync`.
    pub fn builtin() -> Result<Dictionaries, DictError> {
        Self::load(&DictionarySources::default())
    }

    /// Compiles the built-in files (unless `no_builtin`) and then each directory's files.
    /// Errors in built-in files, and unreadable user files, are returned as errors; a bad line
    /// in a user file is skipped and recorded in [`Dictionaries::warnings`].
    pub fn load(sources: &DictionarySources) -> Result<Dictionaries, DictError> {
        let mut dicts = Dictionaries {
            codebook: Codebook::default(),
            actors: ActorDictionary::default(),
            agents: AgentDictionary::default(),
            verbs: VerbDictionary::default(),
            gazetteer: Gazetteer::default(),
            discards: Discards::default(),
            warnings: Vec::new(),
        };
        // The codebook is needed to validate verb codes, so it always comes from the built-in
        // file unless a directory supplies one.
        // The gazetteer (34,000 places) is independent of everything else: parse it on a
        // second thread while the dictionaries load. Its built-in file is error-free (a test
        // checks), so its errors are only collected.
        let gazetteer_text = builtin_files().iter().find(|(r, _)| *r == GAZETTEER_FILE).map(|(_, t)| *t);
        let gazetteer = std::thread::scope(|scope| -> Result<Gazetteer, DictError> {
            let handle = gazetteer_text.map(|text| {
                scope.spawn(move || {
                    let mut g = Gazetteer::default();
                    let mut errors = Vec::new();
                    g.parse(GAZETTEER_FILE, text, &mut errors);
                    (g, errors)
                })
            });
            // The codebook (the ontology) is not a dictionary a user replaces: it stays even
            // with --no-builtin, as does the gazetteer.
            for (rel, text) in builtin_files()
                .iter()
                .filter(|(r, _)| *r != GAZETTEER_FILE && (!sources.no_builtin || ONTOLOGY_FILES.contains(r)))
            {
                let mut errors = Vec::new();
                dicts.add_file(rel, text, &mut errors);
                if let Some(e) = errors.into_iter().next() {
                    return Err(e);
                }
            }
            match handle {
                Some(h) => {
                    let (g, errors) = h.join().expect("gazetteer thread");
                    match errors.into_iter().next() {
                        Some(e) => Err(e),
                        None => Ok(g),
                    }
                }
                None => Ok(Gazetteer::default()),
            }
        })?;
        dicts.gazetteer = gazetteer;
        for dir in &sources.dirs {
            let mut errors = Vec::new();
            dicts.add_dir(dir, &mut errors)?;
            dicts.warnings.extend(errors);
        }
        dicts.verbs.finish();
        dicts.actors.finish();
        dicts.agents.finish();
        dicts.discards.finish();
        Ok(dicts)
    }

    /// Parses every dictionary file under `dir` (see [`list_dir`] for which), appending bad
    /// lines to `errors`; returns how many files were read. Fails only when the folder or a
    /// file cannot be read.
    fn add_dir(&mut self, dir: &Path, errors: &mut Vec<DictError>) -> Result<usize, DictError> {
        let files = list_dir(dir).map_err(|e| DictError {
            file: dir.display().to_string(),
            line: 0,
            message: e.to_string(),
        })?;
        for (rel, path) in &files {
            let text = std::fs::read(path).map_err(|e| DictError {
                file: path.display().to_string(),
                line: 0,
                message: e.to_string(),
            })?;
            self.add_file_named(rel, &path.display().to_string(), &String::from_utf8_lossy(&text), errors);
        }
        Ok(files.len())
    }

    fn add_file(&mut self, rel: &str, text: &str, errors: &mut Vec<DictError>) {
        self.add_file_named(rel, rel, text, errors)
    }

    /// Parses one file into the right dictionary, appending bad lines to `errors`.
    pub fn add_file_named(&mut self, rel: &str, shown: &str, text: &str, errors: &mut Vec<DictError>) {
        match file_kind(rel) {
            FileKind::Codebook => self.codebook.parse(shown, text, errors),
            FileKind::CodeRoles => self.codebook.parse_roles(shown, text, errors),
            FileKind::Actors => self.actors.parse(shown, text, errors),
            FileKind::Agents => self.agents.parse(shown, text, errors),
            FileKind::Verbs => self.verbs.parse(shown, text, &self.codebook, errors),
            FileKind::Gazetteer => self.gazetteer.parse(shown, text, errors),
            FileKind::Petrarch(kind) => petrarch::load(kind, shown, text, self, errors),
            FileKind::Other => {}
        }
    }
}

/// Lists a directory's files recursively as (path relative to `dir` with `/`, full path).
fn list_dir(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, root, out)?;
            } else if path.extension().and_then(|e| e.to_str()) == Some("txt") {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, path));
            }
        }
        Ok(())
    }
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Checks every file of a directory as `petrel dict check` does, returning all errors.
pub fn check_dir(dir: &Path) -> Result<(usize, Vec<DictError>), DictError> {
    let mut dicts = Dictionaries::builtin()?;
    let mut errors = Vec::new();
    let files = dicts.add_dir(dir, &mut errors)?;
    Ok((files, errors))
}
