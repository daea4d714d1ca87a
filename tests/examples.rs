//! The example articles, coded end to end: the events a reader of each article would list.

use std::path::{Path, PathBuf};

use petrel::{Document, Event, Pipeline};

mod common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn code_file(path: &Path, published: &str) -> Vec<Event> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Document::new(path.display().to_string(), text).with_published(published.parse().unwrap());
    Pipeline::builtin().unwrap().code_document(&doc)
}

fn find<'a>(events: &'a [Event], source: &str, target: Option<&str>, cameo: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e.source.code == source && e.target.as_ref().map(|t| t.code.as_str()) == target && e.cameo == cameo)
        .unwrap_or_else(|| {
            let all: Vec<String> = events
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {} ({})",
                        e.source.code,
                        e.target.as_ref().map_or("-", |t| t.code.as_str()),
                        e.cameo,
                        e.sentence
                    )
                })
                .collect();
            panic!("no event {source} {target:?} {cameo} among {all:#?}")
        })
}

/// The article users bring (in ../shared/examples), published 2026-02-10.
#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data (or $PETREL_EVAL_DATA)")]
fn cuban_withdrawal_article() {
    let path = common::shared_example("cuba-venezuela-2026.txt");
    let ev = code_file(&path, "2026-02-10");

    // Cuban security personnel leave Caracas: a withdrawal from Venezuela, located in Caracas.
    let w = find(&ev, "CUBCOP", Some("VEN"), "0874");
    assert_eq!(w.location.as_ref().map(|l| l.name.as_str()), Some("Caracas"));
    assert_eq!(w.location.as_ref().and_then(|l| l.country.as_deref()), Some("VEN"));

    // U.S. forces capture Maduro on January 3rd: Maduro is still VENGOV that day.
    let c = find(&ev, "USAMIL", Some("VENGOV"), "173");
    assert_eq!((c.date.as_deref(), c.date_precision.as_deref()), (Some("2026-01-03"), Some("day")));
    assert_eq!(c.target.as_ref().unwrap().text, "Maduro");

    // 32 Cuban agents lose their lives in that operation: U.S. forces killed them.
    let d = find(&ev, "USAMIL", Some("CUBSPY"), "190");
    assert_eq!(d.date.as_deref(), Some("2026-01-03"), "the when-clause dates the deaths");
    assert_eq!(d.target.as_ref().unwrap().text, "32 Cuban agents");

    // Trump's remarks to reporters earlier this month (his threat of tariffs names no target).
    let r = find(&ev, "USAGOV", Some("USAMED"), "010");
    assert_eq!((r.date.as_deref(), r.date_precision.as_deref()), (Some("2026-02"), Some("month")));
    // Washington's blockade since December (a capital standing for its state is the country).
    let b = find(&ev, "USA", Some("VEN"), "191");
    assert_eq!((b.date.as_deref(), b.date_precision.as_deref()), (Some("2025-12"), Some("month")));
    assert_eq!(b.certainty.as_str(), "asserted");

    // The US government is talking to Cuba, says a White House official.
    let k = find(&ev, "USAGOV", Some("CUB"), "040");
    assert_eq!(k.certainty.as_str(), "reported");
    assert_eq!(k.attribution.as_ref().map(|a| a.kind), Some(petrel::context::AttributionKind::Official));

    // The Cuban government slams the blockade and pledges to resist US intervention.
    // "slammed the oil blockade": the blockade is Washington's, coded earlier in the article.
    let s = find(&ev, "CUBGOV", Some("USA"), "111");
    assert_eq!(s.target.as_ref().unwrap().text, "the oil blockade");
    let p = find(&ev, "CUBGOV", Some("USA"), "124");
    assert_eq!(p.certainty.as_str(), "intended");

    // Every offset points at the words it names.
    let text = std::fs::read_to_string(&path).unwrap();
    for e in &ev {
        assert_eq!(&text[e.source.start..e.source.end], e.source.text);
        assert!(text[e.evidence.start..e.evidence.end].len() > 1);
    }
}

#[test]
fn wire_examples() {
    let dir = root().join("examples/articles");
    let ev = code_file(&dir.join("arrests.txt"), "2026-02-25");
    find(&ev, "VENCOP", Some("VENOPP"), "173");
    let ev = code_file(&dir.join("sanctions.txt"), "2026-02-24");
    find(&ev, "IGOEUREEC", Some("BLR"), "163");
    let ev = code_file(&dir.join("diplomacy.txt"), "2026-02-26");
    find(&ev, "JPNGOV", Some("VNMGOV"), "046");
    let ev = code_file(&dir.join("aid.txt"), "2026-03-01");
    find(&ev, "JPN", Some("BGD"), "073");
    let ev = code_file(&dir.join("protests.txt"), "2026-03-02");
    find(&ev, "GEOOPP", Some("GEOLEG"), "141");
}

/// The same article with the statistical parser finding subjects and objects.
#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data (or $PETREL_EVAL_DATA)")]
fn cuban_withdrawal_article_with_the_parser() {
    let path = common::shared_example("cuba-venezuela-2026.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = Document::new("cuba", text).with_published("2026-02-10".parse().unwrap());
    let ev = Pipeline::builtin().unwrap().with_parser(true).code_document(&doc);
    find(&ev, "USAMIL", Some("VENGOV"), "173");
    find(&ev, "USA", Some("VEN"), "191");
    find(&ev, "CUBCOP", Some("VEN"), "0874");
}
