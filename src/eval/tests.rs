//! Unit tests for the gold readers and the scorer, on small inline gold snippets.

use std::path::Path;

use super::petrarch_xml::{decode_entities, parse_attrs, scan, text_key};
use super::*;
use crate::context::Certainty;
use crate::events::{Event, EventActor, Evidence, Plover};
use crate::pipeline::Coded;

// ---------------------------------------------------------------- helpers

fn actor(code: &str) -> EventActor {
    EventActor {
        text: code.to_lowercase(),
        code: code.to_string(),
        country: None,
        agents: Vec::new(),
        group: None,
        start: 0,
        end: 0,
    }
}

fn ev(src: &str, tgt: Option<&str>, cameo: &str, plover: Option<&str>) -> Event {
    Event {
        doc_id: "d".into(),
        sentence: 0,
        sentence_text: "s".into(),
        source: actor(src),
        target: tgt.map(actor),
        cameo: cameo.into(),
        cameo_root: cameo[..2].into(),
        quad_class: 1,
        goldstein: 0.0,
        plover: Plover { kind: plover.map(str::to_string), mode: None },
        date: Some("2026-02-10".into()),
        date_precision: Some("publication".into()),
        location: None,
        attribution: None,
        certainty: Certainty::Asserted,
        evidence: Evidence { start: 0, end: 1, rule: format!("verbs/test.txt:1 {cameo}") },
    }
}

fn coded(events: Vec<Event>) -> Result<Coded, String> {
    Ok(Coded { events, unresolved: Vec::new(), sentences: 1 })
}

fn xml(text: &str) -> GoldSet {
    petrarch_xml::read(Path::new("t.xml"), text).set
}

// ---------------------------------------------------------------- PETRARCH XML

const UNIT: &str = r#"<Validation>
<!--
#  header comment with <Sentence id="FAKE"> inside
-->
<Environment>
    <Verbfile>PETR.Validate.verbs.txt</Verbfile>
    <Include>valid DEMO ACTOR</Include>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-01" category="DEMO" sentence="true">
<!-- a comment -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<!--EventCoding sourcecode="GON" targetcode="OSG" eventcode="041"-->
<Text>
Arnor is about to restore   full diplomatic ties
with Gondor &amp; Osgiliath.
</Text>
<Parse>
(ROOT (S (NP (NNP Arnor)) <Text> not text </Text>))
</Parse>
</Sentence>
<Sentence date="19950101" id="DEMO-02" category="DEMO" sentence="false">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Skipped.</Text>
</Sentence>
<Sentence date="19950101" id="AGENTS-18" category="AGENTS" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Not included.</Text>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Config option="new_actor_length" value="4"></Config>
<Sentence date="19950101" id="ACTOR-01" category="ACTOR" sentence="true">
<EventCoding sourcecode='"INJURY TOLL"' targetcode="---" eventcode="223"></EventCoding>
<EventCoding sourcecode="---gov" targetcode="---" eventcode="023"></EventCoding>
<Text>A new actor.</Text>
</Sentence>
<Config option="require_dyad" value="TRUE"></Config>
<Sentence date="19950101" id="ACTOR-01" category="ACTOR" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Same id again, no event.</Text>
</Sentence>
<Sentence date="19950101" id="ACTOR-03" category="ACTOR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>Dateline error means no event.</Text>
</Sentence>
<Sentence date="19950101" id="ACTOR-04" category="ACTOR" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON"></EventCoding>
<Text>No event code: malformed.</Text>
</Sentence>
<Sentence date="19950101" id="ACTOR-05" category="ACTOR" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
</Sentence>
<Sentence date="1995" id="ACTOR-06" category="ACTOR" sentence="true">
<Text>No EventCoding at all: no event expected; bad date kept.</Text>
</Sentence>
</Sentences>
</Validation>
"#;

#[test]
fn unit_test_layout() {
    let set = xml(UNIT);
    assert_eq!(set.scheme, Scheme::Cameo);
    assert_eq!(set.read, 9, "the header's <Sentence> is inside a comment");
    let ids: Vec<&str> = set.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["DEMO-01", "ACTOR-01", "ACTOR-01", "ACTOR-03", "ACTOR-06"]);
    let positions: Vec<usize> = set.records.iter().map(|r| r.position).collect();
    assert_eq!(positions, [1, 4, 5, 6, 9], "keyed by position: ids repeat");
    let r = &set.records[0];
    assert_eq!(r.text, "Arnor is about to restore full diplomatic ties with Gondor & Osgiliath.");
    assert_eq!(r.published, "1995-01-01".parse().ok());
    assert_eq!(r.place, "t.xml:11");
    assert_eq!(r.events.len(), 1, "the commented-out EventCoding is not read");
    assert_eq!(
        r.events[0],
        GoldEvent {
            source: vec!["ARN".into()],
            target: vec!["GON".into()],
            code: "064".into(),
            date: None,
            certainty: None,
            confidence: Confidence::High
        }
    );
    assert_eq!(r.require_target, Some(true), "PETRARCH default require_dyad");
    // require_dyad false, quoted new-actor code kept, `---` target is no target, `---gov` → GOV.
    let a = &set.records[1];
    assert_eq!(a.require_target, Some(false));
    let shown: Vec<(Vec<String>, Vec<String>, String)> =
        a.events.iter().map(|e| (e.source.clone(), e.target.clone(), e.code.clone())).collect();
    assert!(shown.contains(&(vec!["\"INJURY TOLL\"".into()], vec![], "223".into())));
    assert!(shown.contains(&(vec!["GOV".into()], vec![], "023".into())));
    // Config applies in document order.
    assert_eq!(set.records[2].require_target, Some(true));
    assert!(set.records[2].events.is_empty() && set.records[3].events.is_empty() && set.records[4].events.is_empty());
    assert_eq!(set.records[4].published, None);
    // Skips and malformed records, with places.
    let reasons: Vec<&str> = set.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons, ["sentence=\"false\"", "category `AGENTS` not in <Include>"]);
    let malformed: Vec<&Problem> = set.problems.iter().filter(|p| p.message.starts_with("malformed")).collect();
    assert_eq!(malformed.len(), 2);
    assert_eq!(malformed[0].place, "t.xml:47");
    assert!(malformed[0].message.contains("no eventcode"));
    assert!(malformed[1].message.contains("no <Text>"));
    assert!(set.problems.iter().any(|p| p.message.contains("date `1995`")));
    assert!(set.notes.iter().any(|n| n.contains("new_actor_length") && n.contains("not applicable")));
    assert!(set.notes.iter().any(|n| n.contains("stop_on_error")));
    assert!(set.notes.iter().any(|n| n.contains("PETR.Validate.verbs.txt")));
}

/// The UD-PETRARCH layout: a nested comment in the header, `<PLEvent {json}>` lines,
/// self-closed `<Sentence .../>` tags, a `#` header outside comments, `evaluate=`, `<Include>`
/// that does not list every evaluated category, no closing `</Validation>`.
const UD: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!--
#   Use <Sentence ... evaluate="false"> to bypass, please add a comment in <!-- ... --> explaining why
#   The lines beginning with <PLEvent... give PLOVER records
-->
##########  hash header outside comments
<Environment>
    <Include>DEMO</Include>
</Environment>
<Sentences>
<Sentence category="DEMO" date="19950101" id="DEMO-32" evaluate="true"/>
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<PLEvent {"event": "012", "source": [{"code": "ARN"}], "target": [{"code": "DAG"}, {"code": "OSG"}]}>
<Text>
Arnor praised &quot;Gondor&quot;.
</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	Number=Sing	2	nsubj	_	_
</Parse></Sentence>
<Sentence category="ERROR" date="19950101" id="DEMO-32" evaluate="true">
<EventCoding noevents="True" />
<Text>Category not in Include but evaluate="true".</Text>
</Sentence>
<Sentence category="DEMO" date="19950101" id="DEMO-33" evaluate="false">
<EventCoding noevents="True" />
<Text>Bypassed.</Text>
</Sentence>
<Sentence category="AFP" date="121108" id="AFP_1" evaluate="true"/>
<EventCoding eventcode="046" sourcecode="LBNGOV" targetcode="USAMIL" />
<Text>Lebanon's government met US troops.</Text>
</Sentence>
</Sentences>
"#;

#[test]
fn ud_layout_quirks() {
    let set = xml(UD);
    assert_eq!(set.read, 4);
    let ids: Vec<&str> = set.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["DEMO-32", "DEMO-32", "AFP_1"], "evaluate= decides, not <Include>");
    assert_eq!(set.records[0].text, "Arnor praised \"Gondor\".");
    assert_eq!(set.records[0].events[0].code, "050");
    assert_eq!(set.skipped.len(), 1);
    assert!(set.notes.iter().any(|n| n.contains("1 <PLEvent>")));
    // A 6-digit date is kept as a problem, the record is still scored.
    assert_eq!(set.records[2].published, None);
    assert!(set.problems.iter().any(|p| p.message.contains("121108")));
    assert!(!set.problems.iter().any(|p| p.message.starts_with("malformed")));
}

#[test]
fn plover_attributes_make_a_plover_set() {
    let set = xml(r#"<Sentences>
<Sentence date="19940611" id="S1" evaluate="true" category="arabic">
<EventCoding eid="E1" eventcode="" plover="SACTION" sourcecode="TUN None" targetcode="None CVL" />
<Text>Some text.</Text>
</Sentence>
"#);
    assert_eq!(set.scheme, Scheme::Plover);
    let e = &set.records[0].events[0];
    assert_eq!((e.code.as_str(), e.source.clone(), e.target.clone()), ("SANCTION", vec!["TUN".to_string()], vec![]));
}

#[test]
fn input_files_are_not_gold() {
    let g = petrarch_xml::read(
        Path::new("s.xml"),
        "<Sentences>\n<Sentence date = \"20080804\" id =\"A_1\" source = \"AFP\" sentence = \"True\">\n<Text>Hi.</Text>\n</Sentence>\n",
    );
    assert!(!g.has_codings);
    assert_eq!(g.set.records[0].id, "A_1");
}

#[test]
fn attributes_and_entities() {
    let a = parse_attrs(r#" noevents = "True" sourcecode='"INJURY TOLL"' x=bare/"#);
    assert_eq!(
        a,
        vec![
            ("noevents".into(), "True".into()),
            ("sourcecode".into(), "\"INJURY TOLL\"".into()),
            ("x".into(), "bare".into())
        ]
    );
    assert_eq!(decode_entities("a &amp; b &lt;c&gt; &#65;&#x42; & d"), "a & b <c> AB & d");
    assert_eq!(text_key("The U.S. leader, 2008!"), "theusleader2008");
}

#[test]
fn scanner_survives_unclosed_things() {
    let sc = scan("<Sentence id=\"a\">\n<Text>never closed\n");
    assert_eq!(sc.records.len(), 1);
    assert!(sc.problems.iter().any(|(_, m)| m.contains("<Text> not closed")));
}

#[test]
fn gigaword_sample_matching() {
    let gsr = xml(r#"<Sentences>
<Sentence category="AFP" date="20080804" id="X_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>The US leader visited  China.</Text>
</Sentence>
<Sentence category="TEST" date="20150609" id="TEST_1" evaluate="true"/>
<EventCoding noevents="True" />
<Text>Not in the sample.</Text>
</Sentence>
"#);
    let sample = "<Sentences>\n<Sentence date = \"20080805\" id =\"S_1\" sentence = \"True\">\n<Text>\nThe U.S. leader visited China.\n</Text>\n</Sentence>\n<Sentence date = \"20080805\" id =\"TEST_1\" sentence = \"True\">\n<Text>Another sentence.</Text>\n</Sentence>\n";
    let m = petrarch_xml::match_sample(&gsr, Path::new("sample.xml"), sample);
    assert_eq!(m.name, "t+GigaWord.sample");
    assert_eq!(m.records.len(), 1);
    assert_eq!(m.records[0].id, "S_1");
    assert_eq!(m.records[0].text, "The U.S. leader visited China.");
    assert_eq!(m.records[0].published, "2008-08-05".parse().ok());
    assert_eq!(m.records[0].events[0].code, "042");
    assert_eq!(m.skipped.len(), 1, "same id, different text: not matched");
}

// ---------------------------------------------------------------- PLOVER JSON

const PLOVER: &str = r#"[
{"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "docs"},
{"id": "P-1", "date": "2000-01-01", "event": "AGREE", "text": "Hungarian and Romanian officials agreed.",
 "source": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"}, {"actorText": "Romanian", "code": "ROU"}], "target": ""},
{"id": "P-2", "date": "2000-01-01", "event": "DEMAND", "text": "Serbia demanded that Albania withdraw.",
 "source": [{"actorText": "Serbia", "code": "SRB"}], "target": [{"actorText": "Albania", "code": "ALB"}]},
{"id": "P-3", "event": "FIGHT", "source": [{"code": "PHL"}]},
{"id": "P-4", "event": "INVESTIGATE", "text": "Police investigated.", "target": [{"code": "IRQ", "sector": "CVL"}]}
]"#;

#[test]
fn plover_reader() {
    let set = plover::read(Path::new("p.txt"), PLOVER).unwrap();
    assert_eq!(set.scheme, Scheme::Plover);
    assert_eq!(set.read, 5);
    assert_eq!(set.records.len(), 3);
    assert_eq!(set.skipped[0].reason, "documentation record");
    assert_eq!(set.problems.len(), 1);
    assert_eq!(set.problems[0].place, "p.txt: record 4");
    assert!(set.problems[0].message.contains("no `text`"));
    let r = &set.records[0];
    assert_eq!(r.events[0].source, vec!["HUN".to_string(), "ROU".to_string()]);
    assert!(r.events[0].target.is_empty());
    assert_eq!(set.records[1].events[0].code, "REQUEST");
    assert_eq!(set.records[2].events[0].code, "ACCUSE");
    assert!(set.records[2].events[0].source.is_empty(), "missing source: not checked");
    assert_eq!(set.records[2].published, None);
    assert!(set.notes.iter().any(|n| n.contains("DEMAND→REQUEST (1)")));
    assert!(plover::read(Path::new("p.txt"), "[{").is_err());
}

#[test]
fn plover_scoring() {
    let set = plover::read(Path::new("p.txt"), PLOVER).unwrap();
    let out = vec![
        // HUN→ROU AGREE matches (any gold source, absent target unchecked); the 01x statement
        // with no PLOVER type is left out.
        coded(vec![ev("HUNGOV", Some("ROU"), "057", Some("AGREE")), ev("HUN", None, "010", None)]),
        // Right type, wrong target.
        coded(vec![ev("SRB", Some("MNE"), "100", Some("REQUEST"))]),
        // Wrong type; source unchecked.
        coded(vec![ev("IRQCOP", Some("IRQCVL"), "111", Some("REJECT"))]),
    ];
    let rep = score_coded(&set, &out);
    assert_eq!((rep.records, rep.passed), (3, 1));
    assert_eq!((rep.full.gold, rep.full.predicted, rep.full.tp), (3, 3, 1));
    assert_eq!(rep.code.tp, 2);
    // REJECT and ACCUSE are both verbal conflict (quad 3).
    assert_eq!(rep.root.tp, 2);
    assert_eq!(rep.actor_accuracy, Ratio { correct: 1, total: 2 });
    assert_eq!(rep.target_accuracy, Ratio { correct: 1, total: 2 });
    assert_eq!(rep.per_root["REQUEST"].gold, 1);
    assert_eq!(rep.per_root["REJECT"].predicted, 1);
}

// ---------------------------------------------------------------- petrel JSON Lines

const JSONL: &str = r#"{"id": "r1", "text": "Cuban troops attacked Venezuelan police.", "published": "2026-02-10", "events": [{"source": "CUBMIL", "target": "VENCOP", "cameo": "190", "date": "2026-02-10", "certainty": "asserted"}]}

{"id": 2, "text": "Nothing happened.", "events": []}
{"id": "r3", "text": "no events key"}
not json at all
{"id": "r5", "text": "Cuba condemned the blockade.", "events": [{"source": "cub", "target": null, "cameo": "111"}, {"source": "CUB", "cameo": "111"}]}
{"id": "r6", "text": "Bad event.", "events": [{"target": "USA", "cameo": "111"}]}
"#;

#[test]
fn jsonl_reader() {
    let set = jsonl::read(Path::new("g.jsonl"), JSONL);
    assert_eq!(set.read, 6);
    let ids: Vec<&str> = set.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["r1", "2", "r5"]);
    let places: Vec<&str> = set.problems.iter().map(|p| p.place.as_str()).collect();
    assert_eq!(places, ["g.jsonl:4", "g.jsonl:5", "g.jsonl:7"]);
    assert!(set.problems[0].message.contains("no `events`"));
    assert!(set.problems[2].message.contains("no `source`"));
    assert_eq!(set.records[0].published, "2026-02-10".parse().ok());
    assert_eq!(set.records[2].events.len(), 1, "duplicates after normalisation count once");
    assert_eq!(set.records[2].events[0].source, vec!["CUB".to_string()]);
}

#[test]
fn cameo_scoring_and_report() {
    let set = jsonl::read(Path::new("g.jsonl"), JSONL);
    let out = vec![
        // Exact match, counted once although produced twice; date and certainty right.
        coded(vec![
            ev("CUBMIL", Some("VENCOP"), "190", Some("ASSAULT")),
            ev("CUBMIL", Some("VENCOP"), "190", Some("ASSAULT")),
        ]),
        // Expected nothing, produced a false alarm.
        coded(vec![ev("USA", None, "010", None)]),
        // Same root, different code: root match only.
        Err("boom".into()),
    ];
    let rep = score_coded(&set, &out);
    assert_eq!((rep.records, rep.passed, rep.expect_none, rep.expect_none_passed), (3, 1, 1, 0));
    assert_eq!((rep.full.gold, rep.full.predicted, rep.full.tp), (2, 2, 1));
    assert!((rep.precision() - 0.5).abs() < 1e-9 && (rep.recall() - 0.5).abs() < 1e-9 && (rep.f1() - 0.5).abs() < 1e-9);
    assert_eq!(rep.date_accuracy, Ratio { correct: 1, total: 1 });
    assert_eq!(rep.certainty_accuracy, Ratio { correct: 1, total: 1 });
    assert_eq!(rep.crashed, 1);
    assert_eq!(rep.failures.len(), 2);
    let f = &rep.failures[0];
    assert_eq!(f.id, "2");
    assert_eq!(f.false_alarms[0].event, "USA - 010 @2026-02-10 (asserted)");
    assert_eq!(f.false_alarms[0].rule, "verbs/test.txt:1 010");
    assert_eq!(rep.failures[1].missed, vec!["CUB - 111".to_string()]);
    assert_eq!(rep.failures[1].crash.as_deref(), Some("boom"));
    assert_eq!(rep.per_root["19"], Counts { gold: 1, predicted: 1, tp: 1, tp_predicted: 1 });
    assert_eq!(rep.per_root["01"], Counts { gold: 0, predicted: 1, tp: 0, tp_predicted: 0 });

    let j = rep.to_json();
    for k in ["set", "records", "passed", "gold_events", "predicted_events", "precision", "recall", "f1", "root_f1"] {
        assert!(j.get(k).is_some(), "missing key {k}");
    }
    assert_eq!(j["set"], "g");
    assert_eq!(j["passed"], 1);
    assert_eq!(j["failures"].as_array().unwrap().len(), 2);

    let mut text = Vec::new();
    rep.print_text(&mut text, true).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("passed:  1/3"));
    assert!(text.contains("FALSE:    USA - 010"));
    assert!(text.contains("MISSED:   CUB - 111"));
    assert!(text.contains("CRASH:    boom"));
    let mut short = Vec::new();
    rep.print_text(&mut short, false).unwrap();
    assert!(!String::from_utf8(short).unwrap().contains("MISSED"));
}

#[test]
fn cameo_actor_and_root_levels() {
    let set = jsonl::read(
        Path::new("g.jsonl"),
        r#"{"id": "a", "text": "t", "events": [{"source": "ARN", "target": "GON", "cameo": "064"}, {"source": "---GOV", "target": "---", "cameo": "023"}]}"#,
    );
    let out = vec![coded(vec![ev("ARN", Some("OSG"), "064", None), ev("GOV", None, "020", None)])];
    let rep = score_coded(&set, &out);
    assert_eq!(rep.full.tp, 0);
    assert_eq!(rep.code.tp, 1);
    assert_eq!(rep.root.tp, 1, "GOV - 020 matches ---GOV --- 023 at root 02");
    assert_eq!(rep.source_accuracy, Ratio { correct: 1, total: 1 });
    assert_eq!(rep.target_accuracy, Ratio { correct: 0, total: 1 });
    assert_eq!(rep.actor_accuracy, Ratio { correct: 0, total: 1 });
    assert_eq!(rep.passed, 0);
}

#[test]
fn formats_are_detected() {
    assert_eq!(detect_format(Path::new("a.xml"), ""), Some(GoldFormat::PetrarchXml));
    assert_eq!(detect_format(Path::new("a.jsonl"), "["), Some(GoldFormat::PetrelJsonl));
    assert_eq!(detect_format(Path::new("PLOVER_GSR_CAMEO.txt"), " \n[{\"id\": 1}]"), Some(GoldFormat::PloverJson));
    assert_eq!(detect_format(Path::new("x.txt"), "{\"id\": 1}"), Some(GoldFormat::PetrelJsonl));
    assert_eq!(detect_format(Path::new("x.txt"), "# verbs"), None);
}

#[test]
fn normalisation() {
    assert_eq!(normalise_actor("syroppHRI"), Some("SYROPPHRI".into()));
    assert_eq!(normalise_actor(""), None);
    assert_eq!(normalise_code(" 174k "), "174K");
    assert_eq!(cameo_root("0352"), "03");
    assert_eq!(plover::plover_type("sACTION"), "SANCTION");
    assert_eq!(plover::plover_quad("REQUEST"), Some(3));
    assert_eq!(parse_date("19950101"), "1995-01-01".parse().ok());
    assert_eq!(parse_date("2026-02-10T08:00:00Z"), "2026-02-10".parse().ok());
    assert_eq!(parse_date("121108"), None);
}

#[test]
fn evaluate_reports_unreadable_and_non_gold_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.jsonl");
    let mut p = Pipeline::builtin().unwrap();
    assert!(matches!(evaluate_with(&missing, &mut p, &EvalOptions::default()), Err(EvalError::Io { .. })));
    let dict = dir.path().join("verbs.txt");
    std::fs::write(&dict, "# a dictionary\n").unwrap();
    assert!(matches!(evaluate_with(&dict, &mut p, &EvalOptions::default()), Err(EvalError::Format { .. })));
    // A folder: the dictionary-like file is passed over, the gold file is scored.
    std::fs::write(dir.path().join("g.jsonl"), "{\"id\": 1, \"text\": \"Nothing happened.\", \"events\": []}\n")
        .unwrap();
    let reps = evaluate_with(dir.path(), &mut p, &EvalOptions::default()).unwrap();
    assert_eq!(reps.len(), 1);
    assert_eq!(reps[0].records, 1);
    assert!(reps[0].notes.iter().any(|n| n.starts_with("coded with built-in dictionaries")));
    assert!(p.options.require_target, "options restored (events are dyadic by default)");
}

#[test]
fn text_rebuilt_from_parse() {
    use super::petrarch_xml::parse_text;
    let conllu = "1\tBoko\tBoko\tPROPN\tNNP\t_\t2\tname\t_\t_\n2\tHaram\tHaram\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n3\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n";
    assert_eq!(parse_text(conllu).as_deref(), Some("Boko Haram attacked."));
    let mwt = "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\t_\t_\t0\troot\t_\t_\n2\tn't\tnot\tPART\t_\t_\t1\tadvmod\t_\t_\n3\tgo\tgo\tVERB\t_\t_\t1\txcomp\t_\t_\n";
    assert_eq!(parse_text(mwt).as_deref(), Some("don't go"));
    let penn = "(ROOT (S (NP (DT The) (NNP United) (NNPS States))\n (VP (VBD fired) (PP (IN at) (NP (NNP Russia) (-LRB- -LRB-) (NNP RUS) (-RRB- -RRB-))) (, ,) (NP (PRP it) (POS 's))) (. .)))";
    assert_eq!(parse_text(penn).as_deref(), Some("The United States fired at Russia (RUS), it's."));
    // A record with an empty <Text> is coded from its parse, and the fact is reported.
    let set = xml(
        "<Sentences>\n<Sentence id=\"a\" date=\"20150101\" evaluate=\"true\"/>\n<EventCoding eventcode=\"190\" sourcecode=\"NGAREB\" targetcode=\"NGAMUS\" />\n<Text>\n</Text>\n<Parse>\n1\tBoko\tBoko\tPROPN\tNNP\t_\t2\tname\t_\t_\n2\tHaram\tHaram\tPROPN\tNNP\t_\t0\troot\t_\t_\n</Parse></Sentence>\n",
    );
    assert_eq!(set.records[0].text, "Boko Haram");
    assert!(set.problems[0].message.contains("rebuilt from its <Parse>"));
}

// ---------------------------------------------------------------- confidence, coarse dates, levels

fn text_of(rep: &SetReport) -> String {
    let mut out = Vec::new();
    rep.print_text(&mut out, true).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn jsonl_confidence_is_read() {
    let set = jsonl::read(
        Path::new("c.jsonl"),
        r#"{"id": "a", "text": "t", "events": [{"source": "ARN", "target": "GON", "cameo": "064", "confidence": "high"}, {"source": "ARN", "target": "OSG", "cameo": "064", "confidence": " Medium "}, {"source": "GON", "target": "ARN", "cameo": "111", "confidence": "low"}, {"source": "GON", "target": "OSG", "cameo": "111", "confidence": null}, {"source": "OSG", "target": "GON", "cameo": "111"}]}
{"id": "b", "text": "t", "events": [{"source": "ARN", "target": "GON", "cameo": "064", "confidence": "certain"}]}
{"id": "c", "text": "t", "events": [{"source": "ARN", "target": "GON", "cameo": "064", "confidence": "low"}, {"source": "ARN", "target": "GON", "cameo": "064", "confidence": "medium"}, {"source": "ARN", "target": "DAG", "cameo": "042", "confidence": "high"}, {"source": "ARN", "target": "DAG", "cameo": "042", "confidence": "medium"}]}
"#,
    );
    assert_eq!(set.records.len(), 2);
    let conf = |r: &GoldRecord| -> Vec<(String, Confidence)> {
        r.events.iter().map(|e| (format!("{} {}", e.target[0], e.code), e.confidence)).collect()
    };
    let a = conf(&set.records[0]);
    assert!(a.contains(&("GON 064".into(), Confidence::High)));
    assert!(a.contains(&("OSG 064".into(), Confidence::Medium)));
    assert!(a.contains(&("ARN 111".into(), Confidence::Low)));
    assert!(a.contains(&("OSG 111".into(), Confidence::High)), "null confidence is high");
    assert!(a.contains(&("GON 111".into(), Confidence::High)), "absent confidence is high");
    assert_eq!(set.problems.len(), 1);
    assert_eq!(set.problems[0].place, "c.jsonl:2");
    assert!(set.problems[0].message.contains("`confidence` must be high, medium or low, not `certain`"));
    // Copies that differ only in confidence count once, with the surest confidence.
    assert_eq!(conf(&set.records[1]), [("DAG 042".into(), Confidence::High), ("GON 064".into(), Confidence::Medium)]);
    assert_eq!(Confidence::parse("LOW"), Some(Confidence::Low));
    assert_eq!(Confidence::parse("none"), None);
    assert!(Confidence::Medium.is_scored() && !Confidence::Low.is_scored());
    assert_eq!(Confidence::default().as_str(), "high");
}

#[test]
fn low_events_are_neither_hits_nor_false_alarms() {
    let set = jsonl::read(
        Path::new("l.jsonl"),
        r#"{"id": "a", "text": "t", "events": [{"source": "ARN", "target": "GON", "cameo": "064", "confidence": "high"}, {"source": "GON", "target": "ARN", "cameo": "190", "confidence": "low"}, {"source": "ARN", "target": "DAG", "cameo": "111", "confidence": "medium"}]}
{"id": "b", "text": "t", "events": [{"source": "ARN", "target": "OSG", "cameo": "042", "confidence": "low"}]}
{"id": "c", "text": "t", "events": [{"source": "ARN", "target": "OSG", "cameo": "042", "confidence": "low"}]}
"#,
    );
    let out = vec![
        coded(vec![
            // Hit.
            ev("ARN", Some("GON"), "064", None),
            // Matches the low event at every level: left out everywhere.
            ev("GON", Some("ARN"), "190", None),
            // Matches the low event at the root level only: a false alarm in full, left out at root.
            ev("GON", Some("ARN"), "193", None),
            // Matches nothing.
            ev("OSG", Some("GON"), "120", None),
        ]),
        // Only low events; produced one of them: passes, and is not a no-event record.
        coded(vec![ev("ARN", Some("OSG"), "042", None)]),
        // Only low events; produced something else: a false alarm.
        coded(vec![ev("OSG", Some("ARN"), "042", None)]),
    ];
    let rep = score_coded(&set, &out);
    assert_eq!(rep.low_events, 3);
    // Full: 064 hits; 193, 120 and c's 042 are false alarms.
    assert_eq!(rep.full, Counts { gold: 2, predicted: 4, tp: 1, tp_predicted: 1 });
    // Root: 193 now matches the low 190 and is left out.
    assert_eq!(rep.root, Counts { gold: 2, predicted: 3, tp: 1, tp_predicted: 1 });
    assert_eq!(rep.country_root, Counts { gold: 2, predicted: 3, tp: 1, tp_predicted: 1 });
    // Code (actors ignored): 190 and both 042s match low events; 193 and 120 do not.
    assert_eq!(rep.code, Counts { gold: 2, predicted: 3, tp: 1, tp_predicted: 1 });
    assert_eq!(rep.per_root.get("19"), None, "only low events and what matches them at root 19");
    assert_eq!((rep.per_root["12"].predicted, rep.per_root["04"].predicted), (1, 1));
    assert_eq!((rep.expect_none, rep.no_event_false_alarms), (0, 0), "low-only records do not expect no event");
    assert_eq!(rep.passed, 1);
    let ids: Vec<&str> = rep.failures.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    let f = &rep.failures[0];
    assert_eq!(f.missed, ["ARN DAG 111"]);
    let false_alarms: Vec<&str> = f.false_alarms.iter().map(|p| p.event.as_str()).collect();
    assert_eq!(false_alarms, ["GON ARN 193 @2026-02-10 (asserted)", "OSG GON 120 @2026-02-10 (asserted)"]);
    assert!(f.expected.contains(&"GON ARN 190 [low]".to_string()), "{:?}", f.expected);
    assert_eq!(rep.actor_accuracy.total, 1, "only scored events are in the accuracies");
    let text = text_of(&rep);
    assert!(text.contains("events:  2 expected"), "{text}");
    assert!(text.contains("3 low-confidence expected events not scored"));
    assert_eq!(rep.to_json()["low_events"], 3);
}

#[test]
fn published_month_or_year_is_coded_without_a_date() {
    let set = jsonl::read(
        Path::new("p.jsonl"),
        r#"{"id": "m", "text": "t", "published": "2010-09", "events": []}
{"id": "y", "text": "t", "published": "2011", "events": []}
{"id": "d", "text": "t", "published": "2011-06-30", "events": []}
{"id": "bad-month", "text": "t", "published": "2010-13", "events": []}
{"id": "bad", "text": "t", "published": "June 2011", "events": []}
{"id": "short", "text": "t", "published": "201", "events": []}
"#,
    );
    let ids: Vec<&str> = set.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["m", "y", "d"]);
    assert_eq!(set.records[0].published, None);
    assert_eq!(set.records[1].published, None);
    assert_eq!(set.records[2].published, "2011-06-30".parse().ok());
    assert_eq!(set.problems.len(), 3);
    assert!(set.problems.iter().all(|p| p.message.contains("expected YYYY-MM-DD, YYYY-MM or YYYY")));
    assert!(set.notes.iter().any(|n| n.starts_with("2 record(s) give `published` as a month or a year only")));
    // Such a record is coded, and without a publication date no relative date is resolved.
    let set = jsonl::read(
        Path::new("p.jsonl"),
        r#"{"id": "month", "text": "Cuban troops attacked Venezuelan police on Monday.", "published": "2026-02", "events": []}
{"id": "day", "text": "Cuban troops attacked Venezuelan police on Monday.", "published": "2026-02-10", "events": []}
"#,
    );
    let mut p = Pipeline::builtin().unwrap();
    let rep = score_set(&set, &mut p);
    assert_eq!((rep.records, rep.crashed, rep.failures.len()), (2, 0, 2));
    let produced = |i: usize| rep.failures[i].produced.iter().map(|p| p.event.clone()).collect::<Vec<_>>();
    assert!(!produced(0).is_empty() && produced(0).iter().all(|e| !e.contains('@')), "{:?}", produced(0));
    assert!(produced(1).iter().any(|e| e.contains("@2026-02-09")), "{:?}", produced(1));
}

#[test]
fn country_root_level() {
    let set = jsonl::read(
        Path::new("k.jsonl"),
        r#"{"id": "a", "text": "t", "events": [{"source": "USAGOV", "target": "IGOUNO", "cameo": "042"}, {"source": "RUSGOV", "target": "UKRMIL", "cameo": "190"}, {"source": "FRA", "target": "DEUGOV", "cameo": "111"}]}
"#,
    );
    let out = vec![coded(vec![
        // Countries and root right, actors and code not.
        ev("USA", Some("IGOUNOHLH"), "043", None),
        // A gold target never matches a produced event without one, at any level.
        ev("RUSMIL", None, "190", None),
        // Right countries, wrong root.
        ev("FRAGOV", Some("DEU"), "120", None),
    ])];
    let rep = score_coded(&set, &out);
    assert_eq!(rep.country_root, Counts { gold: 3, predicted: 3, tp: 1, tp_predicted: 1 });
    assert_eq!(rep.country_root(), rep.country_root);
    assert!((rep.country_root_f1() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!((rep.full.tp, rep.root.tp, rep.code.tp), (0, 0, 1));
    let j = rep.to_json();
    assert_eq!(j["country_root_tp"], 1);
    assert_eq!(j["country_root_f1"], 0.3333);
    assert_eq!(j["country_root_precision"], 0.3333);
    assert_eq!(j["country_root_recall"], 0.3333);
    assert!(j.get("precision").is_some() && j.get("root_f1").is_some(), "older keys kept");
    let text = text_of(&rep);
    assert!(text.contains("countries + root                  1  0.333  0.333  0.333"), "{text}");

    // Codes shorter than three letters are kept whole; the target must be absent on both sides.
    let set = jsonl::read(
        Path::new("k.jsonl"),
        r#"{"id": "b", "text": "t", "events": [{"source": "GOV", "cameo": "020"}, {"source": "UK", "target": "USA", "cameo": "040"}]}
"#,
    );
    let out = vec![coded(vec![ev("GOVMIL", None, "023", None), ev("UK", Some("USAGOV"), "046", None)])];
    let rep = score_coded(&set, &out);
    assert_eq!(rep.country_root.tp, 2);
}

#[test]
fn no_event_records_with_false_alarms() {
    let set = jsonl::read(
        Path::new("n.jsonl"),
        r#"{"id": "quiet-but-coded", "text": "t", "events": []}
{"id": "quiet", "text": "t", "events": []}
{"id": "low-only", "text": "t", "events": [{"source": "ARN", "target": "GON", "cameo": "064", "confidence": "low"}]}
{"id": "one", "text": "t", "events": [{"source": "ARN", "target": "GON", "cameo": "064"}]}
{"id": "quiet-crash", "text": "t", "events": []}
"#,
    );
    let out = vec![
        coded(vec![ev("ARN", Some("GON"), "064", None), ev("ARN", None, "010", None)]),
        coded(vec![]),
        coded(vec![ev("OSG", Some("GON"), "190", None)]),
        coded(vec![ev("OSG", Some("GON"), "190", None)]),
        Err("boom".into()),
    ];
    let rep = score_coded(&set, &out);
    assert_eq!((rep.expect_none, rep.expect_none_passed, rep.no_event_false_alarms), (3, 2, 1));
    let j = rep.to_json();
    assert_eq!((j["expect_none"].as_u64(), j["no_event_false_alarms"].as_u64()), (Some(3), Some(1)));
    assert!(text_of(&rep).contains("no-event records with a false event: 1 of 3"));
    // A set without no-event records prints no such line.
    let set = jsonl::read(
        Path::new("n.jsonl"),
        r#"{"id": "one", "text": "t", "events": [{"source": "ARN", "cameo": "010"}]}"#,
    );
    assert!(!text_of(&score_coded(&set, &[coded(vec![])])).contains("no-event records"));
}
