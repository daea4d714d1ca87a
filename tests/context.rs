//! When, where, who says so and how sure: each time form, attribution kind and certainty value
//! on news-like sentences.

use petrel::context::AttributionKind;
use petrel::{Document, Event, Pipeline};

fn code(p: &Pipeline, text: &str, published: &str) -> Vec<Event> {
    p.code_document(&Document::new("t", text).with_published(published.parse().unwrap()))
}

fn pipeline() -> Pipeline {
    Pipeline::builtin().unwrap()
}

fn one<'a>(events: &'a [Event], cameo_root: &str, text: &str) -> &'a Event {
    events.iter().find(|e| e.cameo_root == cameo_root).unwrap_or_else(|| {
        panic!(
            "no root-{cameo_root} event in {text:?}: {:?}",
            events.iter().map(|e| (&e.source.code, &e.cameo)).collect::<Vec<_>>()
        )
    })
}

#[test]
fn event_dates_from_time_expressions() {
    let p = pipeline();
    // Published Tuesday 2026-02-10.
    for (text, date, precision) in [
        ("Russian troops attacked Ukrainian positions on January 3rd.", "2026-01-03", "day"),
        ("Russian troops attacked Ukrainian positions on Jan. 3, 2025.", "2025-01-03", "day"),
        ("Russian troops have attacked Ukrainian positions since December.", "2025-12", "month"),
        ("Russian troops attacked Ukrainian positions last month.", "2026-01", "month"),
        ("Russian troops attacked Ukrainian positions earlier this month.", "2026-02", "month"),
        ("Russian troops attacked Ukrainian positions on Sunday.", "2026-02-08", "day"),
        ("Russian troops attacked Ukrainian positions two weeks ago.", "2026-01-27", "day"),
        ("Russian troops attacked Ukrainian positions in 2019.", "2019", "year"),
        ("Russian troops attacked Ukrainian positions yesterday.", "2026-02-09", "day"),
        ("Russian troops attacked Ukrainian positions on 2025-11-30.", "2025-11-30", "day"),
        ("Russian troops attacked Ukrainian positions.", "2026-02-10", "publication"),
    ] {
        let ev = code(&p, text, "2026-02-10");
        let e = one(&ev, "19", text);
        assert_eq!((e.date.as_deref(), e.date_precision.as_deref()), (Some(date), Some(precision)), "{text}");
    }
}

#[test]
fn the_year_turns_over() {
    let p = pipeline();
    let ev = code(&p, "Israeli troops attacked Palestinian militants on December 30.", "2026-01-02");
    assert_eq!(ev[0].date.as_deref(), Some("2025-12-30"));
    let ev = code(&p, "Israeli troops attacked Palestinian militants last month.", "2026-01-15");
    assert_eq!(ev[0].date.as_deref(), Some("2025-12"));
}

#[test]
fn two_time_expressions_for_two_events() {
    let p = pipeline();
    let text =
        "Russian troops attacked Kharkiv on Monday, and Ukrainian forces shelled Russian positions on Wednesday.";
    let ev = code(&p, text, "2026-02-13");
    let russian = ev.iter().find(|e| e.source.code == "RUSMIL").expect("Russian attack");
    let ukrainian = ev.iter().find(|e| e.source.code == "UKRMIL").expect("Ukrainian shelling");
    assert_eq!(russian.date.as_deref(), Some("2026-02-09"));
    assert_eq!(ukrainian.date.as_deref(), Some("2026-02-11"));
}

#[test]
fn no_publication_date_and_no_expression_gives_no_date() {
    let p = pipeline();
    let ev = p.code_document(&Document::new("t", "Russian troops attacked Ukrainian positions."));
    assert_eq!(ev[0].date, None);
    assert_eq!(ev[0].date_precision, None);
}

#[test]
fn attribution_kinds() {
    let p = pipeline();
    for (text, kind) in [
        ("Russian troops attacked Ukrainian positions, a Kremlin official said.", AttributionKind::Official),
        ("Russian troops attacked Ukrainian positions, sources told Reuters.", AttributionKind::Anonymous),
        ("Russian troops attacked Ukrainian positions, state media reported.", AttributionKind::Media),
        ("According to U.S. estimates, Russian troops attacked Ukrainian positions.", AttributionKind::Estimate),
        ("Russian troops attacked Ukrainian positions, witnesses said.", AttributionKind::Witness),
        ("Russia said it had attacked Ukrainian positions.", AttributionKind::SelfReport),
        ("Russian troops attacked Ukrainian positions, Frank Mora said.", AttributionKind::Other),
    ] {
        let ev = code(&p, text, "2026-02-10");
        let e = one(&ev, "19", text);
        assert_eq!(e.attribution.as_ref().map(|a| a.kind), Some(kind), "{text}");
        assert_eq!(e.certainty.as_str(), "reported", "{text}");
    }
}

#[test]
fn reported_speech_gives_the_reported_act_alone() {
    // The coding standard: saying is not an event of its own; the act is coded, reported.
    let p = pipeline();
    let ev = code(&p, "Cuban officials told reporters that Washington had attacked Venezuela.", "2026-02-10");
    assert!(ev.iter().all(|e| e.cameo != "010"), "{:?}", ev.iter().map(|e| &e.cameo).collect::<Vec<_>>());
    assert!(ev.iter().any(|e| e.cameo_root == "19" && e.source.code == "USA" && e.certainty.as_str() == "reported"));
}

#[test]
fn certainty_values() {
    let p = pipeline();
    for (text, root, certainty) in [
        ("Russian troops attacked Ukrainian positions.", "19", "asserted"),
        ("Russian troops reportedly attacked Ukrainian positions.", "19", "hedged"),
        ("Russian troops may have attacked Ukrainian positions.", "19", "hedged"),
        ("Russia plans to meet Ukraine next month.", "03", "intended"),
        ("Cuba pledged to resist US intervention.", "12", "intended"),
        ("China threatened to impose sanctions on Japan.", "13", "threatened"),
        ("If talks fail, Russia would attack Ukraine.", "19", "conditional"),
        ("Cuba denied accusations by the United States that it sent troops to Venezuela.", "01", "asserted"),
        ("Havana denied attacking Venezuelan ships.", "19", "denied"),
        ("Russia denied that its troops had attacked Ukrainian villages.", "19", "denied"),
    ] {
        let ev = code(&p, text, "2026-02-10");
        let e = one(&ev, root, text);
        assert_eq!(e.certainty.as_str(), certainty, "{text}: {} {}", e.cameo, e.evidence.rule);
    }
}

#[test]
fn negated_events_are_dropped_unless_kept() {
    let text = "Russian troops did not attack Ukrainian positions.";
    let p = pipeline();
    assert!(code(&p, text, "2026-02-10").iter().all(|e| e.cameo_root != "19"));
    let mut keep = pipeline();
    keep.options.keep_negated = true;
    let ev = code(&keep, text, "2026-02-10");
    assert_eq!(one(&ev, "19", text).certainty.as_str(), "negated");
}

#[test]
fn locations_prefer_the_actors_country() {
    let p = pipeline();
    let ev = code(&p, "French police arrested protesters in Paris.", "2026-02-10");
    let l = ev[0].location.as_ref().expect("a location");
    assert_eq!((l.name.as_str(), l.country.as_deref()), ("Paris", Some("FRA")));
    let ev = code(&p, "American police arrested protesters in Paris.", "2026-02-10");
    assert_eq!(ev[0].location.as_ref().and_then(|l| l.country.as_deref()), Some("USA"), "Paris, Texas");
    let ev = code(&p, "Russian troops attacked Georgian soldiers in Georgia.", "2026-02-10");
    assert_eq!(ev[0].location.as_ref().and_then(|l| l.country.as_deref()), Some("GEO"));
    // A capital as the subject stands for its state (the coding standard: the country code
    // alone), not for the place.
    let ev = code(&p, "Havana condemned the U.S. blockade.", "2026-02-10");
    assert_eq!(ev[0].source.code, "CUB");
    assert!(ev[0].location.is_none());
    // The dateline is the location when the sentence names none.
    let ev = code(&p, "KYIV (Reuters) - Russian troops attacked Ukrainian positions.", "2026-02-10");
    assert_eq!(ev[0].location.as_ref().map(|l| l.name.as_str()), Some("Kyiv"));
}

#[test]
fn demands_are_addressed_to_the_subject_of_their_clause() {
    let p = pipeline();
    let ev = code(&p, "China demanded that the United States cancel the arms sale to Taiwan.", "2026-02-10");
    let d = one(&ev, "10", "demanded that");
    assert_eq!(d.source.code, "CHN");
    assert_eq!(d.target.as_ref().map(|t| t.code.as_str()), Some("USA"));
    // What the United States is asked to do did not happen.
    assert!(ev.iter().all(|e| e.source.code != "USA"));
    let ev = code(&p, "Russia said that Sudan must return the helicopter.", "2026-02-10");
    let d = one(&ev, "10", "said ... must");
    assert_eq!((d.source.code.as_str(), d.target.as_ref().map(|t| t.code.as_str())), ("RUS", Some("SDN")));
    assert!(ev.iter().all(|e| e.source.code != "SDN"), "an obligation is not an act");
}
