//! PETRARCH2 / TABARI dictionaries load as they are (`--dictionaries DIR`), with few rejected
//! lines, and code the unit-test sentences they were written for.
//!
//! The files come from `../shared/data` (see its README); without it the tests are reported as
//! skipped (see `tests/common/mod.rs`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use petrel::dict::{DictError, Dictionaries, DictionarySources};
use petrel::{Document, Pipeline};

mod common;

/// Copies the named files into a fresh directory (as a user's `--dictionaries DIR`).
fn dict_dir(name: &str, files: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-petrarch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in files {
        let src = common::shared_path(f);
        std::fs::copy(&src, dir.join(src.file_name().unwrap())).unwrap();
    }
    dir
}

fn load(dir: &Path) -> Dictionaries {
    Dictionaries::load(&DictionarySources { no_builtin: true, dirs: vec![dir.to_path_buf()] }).unwrap()
}

/// Every PETRARCH dictionary of the shared data, with the most rejected lines it may have:
/// the lines the files really get wrong (bad dates, `[~ENV}`, stray spreadsheet columns, an
/// agent without a code, synsets used but never defined) and PETRARCH transformation rules,
/// which petrel does not support.
const FILES: &[(&str, usize)] = &[
    ("petrarch2/CAMEO.2.0.txt", 10),
    ("petrarch2/Phoenix.Countries.actors.txt", 7),
    ("petrarch2/Phoenix.International.actors.txt", 4),
    ("petrarch2/Phoenix.MilNonState.actors.txt", 0),
    ("petrarch2/Phoenix.agents.txt", 2),
    ("petrarch2/Phoenix.discards.txt", 0),
    ("petrarch2/PETR.Validate.actors.txt", 0),
    ("petrarch2/PETR.Validate.agents.txt", 0),
    ("petrarch2/PETR.Validate.verbs.txt", 1),
    ("petrarch2/PETR.Validate.discards.txt", 0),
    ("universal-petrarch/PETR_Validate_actors_2_02.txt", 0),
    ("universal-petrarch/PETR_Validate_agents_2_02.txt", 0),
    ("universal-petrarch/PETR_Validate_verbs_2_02.txt", 5),
    ("universal-petrarch/PETR_Validate_discards_2_02.txt", 0),
    ("universal-petrarch/PETR.Validate.verbs.2.0.txt", 1),
];

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data (or $PETREL_EVAL_DATA)")]
fn every_shared_petrarch_dictionary_loads_with_few_rejections() {
    let mut total = 0;
    for (i, (file, most)) in FILES.iter().enumerate() {
        let dir = dict_dir(&format!("file{i}"), &[file]);
        let started = Instant::now();
        let d = load(&dir);
        let rejected: &[DictError] = &d.warnings;
        println!(
            "{file}: {} rejected lines; {} actor names, {} agent phrases, {} discards, {} verb patterns ({:.0} ms)",
            rejected.len(),
            d.actors.name_count(),
            d.agents.len(),
            d.discards.len(),
            d.verbs.patterns.len(),
            started.elapsed().as_secs_f64() * 1e3
        );
        for e in rejected {
            println!("  line {}: {}", e.line, e.message);
            assert!(e.line > 0, "{e}");
        }
        assert!(rejected.len() <= *most, "{file}: {} rejected lines, at most {most} expected", rejected.len());
        assert!(
            d.actors.name_count() + d.agents.len() + d.discards.len() + d.verbs.patterns.len() > 0,
            "{file}: nothing loaded"
        );
        total += rejected.len();
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!("{total} rejected lines in all");
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data (or $PETREL_EVAL_DATA)")]
fn phoenix_dictionaries_load_together() {
    let files = [
        "petrarch2/CAMEO.2.0.txt",
        "petrarch2/Phoenix.Countries.actors.txt",
        "petrarch2/Phoenix.International.actors.txt",
        "petrarch2/Phoenix.MilNonState.actors.txt",
        "petrarch2/Phoenix.agents.txt",
        "petrarch2/Phoenix.discards.txt",
    ];
    let dir = dict_dir("phoenix", &files);
    let started = Instant::now();
    let d = load(&dir);
    println!(
        "CAMEO.2.0 + Phoenix: loaded in {:.0} ms, {} rejected lines",
        started.elapsed().as_secs_f64() * 1e3,
        d.warnings.len()
    );
    assert!(d.actors.name_count() > 30_000, "{}", d.actors.name_count());
    assert!(d.verbs.has_verb("accelerate") && d.verbs.has_verb("restore"));
    let on = |words: &[&str], day: &str| {
        d.actors.entry_for(words).and_then(|e| e.code_on(Some(day.parse().unwrap())).map(|c| c.code.to_string()))
    };
    assert_eq!(on(&["afghanistan"], "2010-01-01").as_deref(), Some("AFG"));
    assert_eq!(on(&["kabul"], "2010-01-01").as_deref(), Some("AFG"));
    assert_eq!(on(&["mohammad", "zahir", "shah"], "1950-01-01").as_deref(), Some("AFGGOV"));
    // A user's directory adds to the built-in dictionaries.
    let both = Pipeline::from_sources(&DictionarySources { no_builtin: false, dirs: vec![dir.clone()] }).unwrap();
    let doc = Document::new("d", "Afghan soldiers attacked Pakistani police on Monday.")
        .with_published("2010-03-01".parse().unwrap());
    let events = both.code_document(&doc);
    assert!(
        events.iter().any(|e| e.source.code == "AFGMIL" && e.target.as_ref().is_some_and(|t| t.code == "PAKCOP")),
        "{events:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn validation_pipeline(name: &str) -> Pipeline {
    let files = [
        "petrarch2/PETR.Validate.actors.txt",
        "petrarch2/PETR.Validate.agents.txt",
        "petrarch2/PETR.Validate.verbs.txt",
        "petrarch2/PETR.Validate.discards.txt",
    ];
    let dir = dict_dir(name, &files);
    let mut p = Pipeline::new(load(&dir));
    // PETRARCH's default configuration: an event needs both actors (`require_dyad`).
    p.options.require_target = true;
    let _ = std::fs::remove_dir_all(&dir);
    p
}

fn triples(p: &Pipeline, date: &str, text: &str) -> Vec<(String, String, String)> {
    let doc = Document::new("t", text).with_published(date.parse().unwrap());
    let mut out: Vec<(String, String, String)> = p
        .code_document(&doc)
        .into_iter()
        .map(|e| (e.source.code, e.target.map(|t| t.code).unwrap_or_default(), e.cameo))
        .collect();
    out.sort();
    out
}

fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data (or $PETREL_EVAL_DATA)")]
fn validation_dictionaries_code_the_first_light_record() {
    // DEMO-01 of PETR.UnitTest.records.xml: expected ARN GON 064.
    let p = validation_pipeline("demo");
    let text = "Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its embassy, a senior official said on Saturday.";
    assert_eq!(triples(&p, "1995-01-01", text), vec![t("ARN", "GON", "064")]);
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data (or $PETREL_EVAL_DATA)")]
fn validation_dictionaries_code_dated_actors_codes_outside_cameo_and_discards() {
    let p = validation_pipeline("more");
    // GOLLUM is HOB before 1995-06-01, HOBGOV until 1999-08-15, HOBREB after.
    assert_eq!(triples(&p, "1997-01-01", "Smeagol attacked Gondor."), vec![t("HOBGOV", "GON", "223")]);
    assert_eq!(triples(&p, "2001-01-01", "Smeagol attacked Gondor."), vec![t("HOBREB", "GON", "223")]);
    // `[032:033]`: the visitor visits (032), the host hosts (033).
    assert_eq!(
        triples(&p, "1997-01-01", "Arnor arrived in Gondor."),
        vec![t("ARN", "GON", "032"), t("GON", "ARN", "033")]
    );
    // A discard phrase stops the sentence.
    assert!(triples(&p, "1997-01-01", "Smeagol attacked Gondor at the baseball game.").is_empty());
}
