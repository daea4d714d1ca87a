//! The coding standard's event rules (`../shared/coding-standard.md`), one rule per test, on
//! sentences of our own: dyadic events, protests against the local government, paired and
//! mutual acts, saying as no event of its own, capitals and places.

use petrel::{Document, Pipeline};

/// (source, target or "-", code) of every event petrel codes in `text`, published 2026-03-04.
fn triples(p: &Pipeline, text: &str) -> Vec<(String, String, String)> {
    let doc = Document::new("t", text).with_published("2026-03-04".parse().unwrap());
    let mut out: Vec<_> = p
        .code_document(&doc)
        .into_iter()
        .map(|e| (e.source.code, e.target.map_or("-".to_string(), |t| t.code), e.cameo))
        .collect();
    out.sort();
    out
}

fn t(s: &str, g: &str, c: &str) -> (String, String, String) {
    (s.into(), g.into(), c.into())
}

#[test]
fn events_are_dyadic_unless_asked_otherwise() {
    let mut p = Pipeline::builtin().unwrap();
    let text = "Sudanese troops withdrew on Tuesday.";
    assert_eq!(triples(&p, text), vec![], "no target, no event");
    p.options.require_target = false;
    assert!(triples(&p, text).iter().any(|(s, g, _)| s == "SDNMIL" && g == "-"), "{:?}", triples(&p, text));
}

#[test]
fn protests_and_strikes_without_a_target_are_against_the_local_government() {
    let p = Pipeline::builtin().unwrap();
    // The country of the place where it happens, else the protesters' own.
    let strike = triples(&p, "Chilean dock workers went on strike on Monday.");
    assert!(strike.iter().any(|(s, g, c)| s.starts_with("CHL") && g == "CHLGOV" && c.starts_with("14")), "{strike:?}");
    let rally = triples(&p, "Thousands of protesters rallied in Nairobi on Sunday.");
    assert!(rally.iter().any(|(_, g, c)| g == "KENGOV" && c.starts_with("14")), "{rally:?}");
    // A stated target stays the target.
    let against = triples(&p, "Greek farmers protested against the European Union.");
    assert!(against.iter().any(|(_, g, c)| g == "IGOEUREEC" && c.starts_with("14")), "{against:?}");
}

#[test]
fn paired_and_mutual_acts_are_coded_both_ways() {
    let p = Pipeline::builtin().unwrap();
    // "X visited Y": 042 X -> Y and Y hosting X, 043 Y -> X.
    let visit = triples(&p, "The Indian prime minister visited Egypt on Monday.");
    assert!(visit.contains(&t("INDGOV", "EGY", "042")) && visit.contains(&t("EGY", "INDGOV", "043")), "{visit:?}");
    // Meetings and negotiations are mutual.
    let talks = triples(&p, "Ghana's president met the Nigerian president in Accra.");
    assert!(
        talks.contains(&t("GHAGOV", "NGAGOV", "040")) && talks.contains(&t("NGAGOV", "GHAGOV", "040")),
        "{talks:?}"
    );
}

#[test]
fn saying_is_not_an_event_of_its_own() {
    let p = Pipeline::builtin().unwrap();
    let ev = triples(&p, "Peru's foreign minister said Bolivian police had arrested two Peruvian journalists.");
    assert!(ev.iter().all(|(_, _, c)| c != "010"), "{ev:?}");
    assert!(ev.iter().any(|(s, g, c)| s == "BOLCOP" && g == "PERMED" && c.starts_with("17")), "{ev:?}");
}

#[test]
fn capitals_stand_for_their_state_and_places_are_never_actors() {
    let p = Pipeline::builtin().unwrap();
    let ev = triples(&p, "Beijing criticized Tokyo over the island dispute.");
    assert!(ev.contains(&t("CHN", "JPN", "111")) || ev.iter().any(|(s, g, _)| s == "CHN" && g == "JPN"), "{ev:?}");
    // The White House is the US government, not the country.
    let ev = triples(&p, "The White House condemned Iran.");
    assert!(ev.iter().any(|(s, g, _)| s == "USAGOV" && g == "IRN"), "{ev:?}");
    // "in Lagos" says where: the meeting has no second party, so nothing is coded.
    let ev = triples(&p, "Nigerian officials met in Lagos on Friday.");
    assert!(ev.iter().all(|(_, g, _)| g != "NGA"), "{ev:?}");
}

#[test]
fn armed_groups_keep_their_name_out_of_the_main_code() {
    let p = Pipeline::builtin().unwrap();
    let doc =
        Document::new("t", "Hamas fighters attacked Israeli soldiers.").with_published("2026-03-04".parse().unwrap());
    let ev = p.code_document(&doc);
    let e = ev.iter().find(|e| e.cameo.starts_with("19")).expect("an attack");
    assert_eq!((e.source.code.as_str(), e.source.group.as_deref()), ("PSEREB", Some("HMS")));
    assert_eq!(e.target.as_ref().map(|t| t.code.as_str()), Some("ISRMIL"));
}

#[test]
fn a_country_does_not_act_on_its_own_parts() {
    let p = Pipeline::builtin().unwrap();
    let ev = triples(&p, "The Chinese president returned to Beijing on Sunday.");
    assert!(ev.iter().all(|(s, g, _)| !(s.starts_with("CHN") && g.starts_with("CHN"))), "{ev:?}");
    // Two parts of one country: a domestic event.
    let ev = triples(&p, "Kenyan police arrested opposition protesters.");
    assert!(ev.iter().any(|(s, g, c)| s == "KENCOP" && g == "KENOPP" && c.starts_with("17")), "{ev:?}");
}

#[test]
fn the_standards_recurring_code_decisions() {
    let p = Pipeline::builtin().unwrap();
    let has = |text: &str, code: &str| {
        let ev = triples(&p, text);
        assert!(ev.iter().any(|(_, _, c)| c == code), "{text}: expected {code} in {ev:?}");
    };
    // Convict or sentence 116; an arrest is 173.
    has("A Ugandan court sentenced an opposition leader to five years in prison.", "116");
    has("Ugandan police arrested an opposition leader.", "173");
    // Rejecting a proposal to hold talks is 125, even peace talks.
    has("Ethiopia rejected a Sudanese proposal to hold peace talks.", "125");
    // An accusation of war crimes is 1124.
    has("Ukraine accused Russian troops of war crimes.", "1124");
}
