//! Readers for PETRARCH2 / TABARI dictionary files, so users' existing dictionaries work as
//! they are.

use super::{DictError, Dictionaries};

/// The PETRARCH dictionary kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PetrarchKind {
    /// Verb dictionary (`CAMEO.2.0.txt`, `*verbs*.txt`).
    Verbs,
    /// Actor dictionary (`*actors*.txt`).
    Actors,
    /// Agent dictionary (`*agents*.txt`).
    Agents,
    /// Discard list (`*discards*.txt`).
    Discards,
}

/// Recognises a PETRARCH/TABARI file by its name (case-insensitive): files whose names start
/// with `PETR`, `Phoenix` or `CAMEO.` and contain `verbs`, `actors`, `agents` or `discards`,
/// plus `CAMEO.2.0.txt`.
pub fn detect_kind(rel: &str) -> Option<PetrarchKind> {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_lowercase();
    let petrarchy = name.starts_with("petr") || name.starts_with("phoenix") || name.starts_with("cameo.");
    if !petrarchy {
        return None;
    }
    if name.contains("verb") || name == "cameo.2.0.txt" {
        Some(PetrarchKind::Verbs)
    } else if name.contains("actor") {
        Some(PetrarchKind::Actors)
    } else if name.contains("agent") {
        Some(PetrarchKind::Agents)
    } else if name.contains("discard") {
        Some(PetrarchKind::Discards)
    } else {
        None
    }
}

/// Loads a PETRARCH file into `dicts`, appending rejected lines to `errors`.
pub fn load(kind: PetrarchKind, file: &str, _text: &str, _dicts: &mut Dictionaries, errors: &mut Vec<DictError>) {
    errors.push(DictError { file: file.to_string(), line: 0, message: format!("reading PETRARCH {kind:?} files is not supported yet") });
}
