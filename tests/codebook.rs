//! The built-in ontology and dictionaries against the reference codebooks in `../shared/data`:
//! every CAMEO code present with its Goldstein score and PLOVER type, no stray code, and real
//! pattern coverage of every root.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use petrel::dict::Dictionaries;

mod common;

fn is_event_code(c: &str) -> bool {
    (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit())
}

/// CAMEO code → Goldstein score from the ICEWS codebook table (Windows-1252: read as bytes).
fn icews(dir: &Path) -> BTreeMap<String, f64> {
    let bytes = std::fs::read(dir.join("icews-cameo-codes/cameo-codes.csv")).unwrap();
    let mut r = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let mut out = BTreeMap::new();
    for rec in r.byte_records() {
        let rec = rec.unwrap();
        let code = String::from_utf8_lossy(&rec[3]).to_string();
        let g: f64 = String::from_utf8_lossy(&rec[4]).parse().unwrap();
        out.insert(code, g);
    }
    out
}

/// CAMEO code → PLOVER type from the PLOVER 0.8 crosswalk.
fn crosswalk(dir: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dir.join("plover/CAMEO2PLOVER-2021.txt")).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((code, rest)) = line.split_once(':') else { continue };
        let code = code.trim();
        if !is_event_code(code) || code.len() == 2 {
            continue;
        }
        let kind = rest.split([',', '#']).next().unwrap_or("").trim().to_string();
        out.insert(code.to_string(), kind);
    }
    out
}

/// Codes listed in the CAMEO 0.7b5 code file (`LABEL: 010= ...`).
fn codefile(dir: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(dir.join("text-to-cameo/CAMEO_codefile.txt")).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("LABEL: ").and_then(|r| r.split_once('=')).map(|(c, _)| c.trim().to_string()))
        .filter(|c| is_event_code(c))
        .collect()
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data (or $PETREL_EVAL_DATA)")]
fn every_reference_code_is_in_the_codebook_with_its_scores() {
    let dir = common::shared_path("");
    let d = Dictionaries::builtin().unwrap();
    let book = &d.codebook;
    for (code, g) in icews(&dir) {
        let c = book.get(&code).unwrap_or_else(|| panic!("ICEWS code {code} missing from dictionaries/cameo.txt"));
        assert_eq!(c.goldstein, g, "Goldstein of {code}");
    }
    for (code, kind) in crosswalk(&dir) {
        let c = book.get(&code).unwrap_or_else(|| panic!("crosswalk code {code} missing"));
        assert_eq!(c.plover_type.as_deref(), Some(kind.as_str()), "PLOVER type of {code}");
    }
    // No stray code: each is known to at least one reference (roots included).
    let known: HashSet<String> =
        icews(&dir).into_keys().chain(crosswalk(&dir).into_keys()).chain(codefile(&dir)).collect();
    for c in book.iter() {
        assert!(known.contains(&c.code) || c.code.len() == 2, "code {} is in no reference", c.code);
    }
    assert!(book.len() >= 300, "{} codes", book.len());
}

#[test]
fn every_root_has_real_pattern_coverage() {
    let d = Dictionaries::builtin().unwrap();
    let mut per_root: BTreeMap<String, usize> = BTreeMap::new();
    for p in &d.verbs.patterns {
        *per_root.entry(p.code[..2].to_string()).or_default() += 1;
    }
    for root in 1..=20 {
        let r = format!("{root:02}");
        let n = per_root.get(&r).copied().unwrap_or(0);
        assert!(n >= 100, "root {r} has only {n} patterns");
    }
    assert!(d.verbs.patterns.len() >= 5000, "{} patterns", d.verbs.patterns.len());
    let heads: HashSet<&String> = d.verbs.verb_heads().chain(d.verbs.noun_heads()).collect();
    assert!(heads.len() >= 1500, "{} distinct head words", heads.len());
}

#[test]
fn built_in_dictionaries_have_no_bad_line() {
    // Dictionaries::builtin() fails on the first bad built-in line; check_dir lists them all.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    let (files, errors) = petrel::dict::check_dir(&dir).unwrap();
    assert!(files >= 20);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn countries_people_and_agents_are_covered() {
    let d = Dictionaries::builtin().unwrap();
    let code = |name: &str, date: &str| {
        let words = petrel::dict::phrase_words(name);
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        d.actors.entry_for(&w).and_then(|e| e.code_on(Some(date.parse().unwrap()))).map(|c| c.code.to_string())
    };
    assert_eq!(code("Cuba", "2026-01-01").as_deref(), Some("CUB"));
    assert_eq!(code("Venezuelan", "2026-01-01").as_deref(), Some("VEN"));
    assert_eq!(code("the Kremlin", "2026-01-01").or(code("Kremlin", "2026-01-01")).as_deref(), Some("RUSGOV"));
    assert_eq!(code("Maduro", "2026-01-03").as_deref(), Some("VENGOV"));
    assert_ne!(code("Maduro", "2026-01-04").as_deref(), Some("VENGOV"));
    assert_eq!(code("Delcy Rodriguez", "2026-02-10").as_deref(), Some("VENGOV"));
    assert_eq!(code("Trump", "2025-06-01").as_deref(), Some("USAGOV"));
    assert_eq!(code("NATO", "2025-06-01").as_deref(), Some("IGOWSTNAT"));
    assert!(d.actors.entries.iter().filter(|e| e.rule.starts_with("actors/countries.txt")).count() >= 240);
    assert!(d.agents.len() >= 400);
}
