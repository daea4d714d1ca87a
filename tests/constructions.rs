//! The grammar the event stages rely on, construction by construction: for each sentence, the
//! subject, verb, object, passive agent, negation and modality petrel finds.

use petrel::Pipeline;
use petrel::syntax::SubjectLink;

struct Found {
    verb: String,
    subject: Option<String>,
    object: Option<String>,
    by_agent: Option<String>,
    passive: bool,
    negated: bool,
    modal: Option<String>,
}

fn analyse(pipeline: &Pipeline, text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for (s, a) in pipeline.analyse_text(text) {
        let t = &s.tokens;
        let head_word = |c: usize| t[a.chunks[c].head].norm.clone();
        for (v, g) in a.verbs.iter().enumerate() {
            let subject = match a.subject(t, v) {
                Some(SubjectLink::Direct(c) | SubjectLink::Relative(c) | SubjectLink::Inverted(c)) => {
                    Some(head_word(c))
                }
                Some(SubjectLink::Shared(w)) => {
                    let mut w = w;
                    loop {
                        match a.subject(t, w) {
                            Some(SubjectLink::Shared(x)) if x != w => w = x,
                            Some(SubjectLink::Direct(c) | SubjectLink::Relative(c) | SubjectLink::Inverted(c)) => {
                                break Some(head_word(c));
                            }
                            _ => break None,
                        }
                    }
                }
                None => None,
            };
            let object = a.object(t, v, g.head + 1).map(head_word);
            let by_agent =
                g.passive.then(|| a.prep_object(t, g.head + 1, &["by".to_string()]).map(head_word)).flatten();
            out.push(Found {
                verb: t[g.head].lemma.clone(),
                subject,
                object,
                by_agent,
                passive: g.passive,
                negated: g.negated,
                modal: g.modal.map(|m| t[m].norm.clone()),
            });
        }
    }
    out
}

fn verb<'a>(found: &'a [Found], lemma: &str) -> &'a Found {
    found
        .iter()
        .find(|f| f.verb == lemma)
        .unwrap_or_else(|| panic!("no verb `{lemma}` among {:?}", found.iter().map(|f| &f.verb).collect::<Vec<_>>()))
}

fn pipeline() -> Pipeline {
    Pipeline::builtin().unwrap()
}

#[test]
fn active_transitive_clauses() {
    let p = pipeline();
    for (text, lemma, subj, obj) in [
        ("Cuban troops attacked the town.", "attack", "troops", "town"),
        ("The rebels seized two villages on Monday.", "seize", "rebels", "villages"),
        ("Police arrested the opposition leader.", "arrest", "police", "leader"),
        ("Russia condemned the decision.", "condemn", "russia", "decision"),
        ("Washington has also blockaded Venezuela from shipping oil.", "blockade", "washington", "venezuela"),
        ("At least 516 Syrian doctors urged Ukrainian troops this year.", "urge", "doctors", "troops"),
        ("Up to 40 soldiers attacked the village.", "attack", "soldiers", "village"),
        ("About 300 protesters blocked the road.", "block", "protesters", "road"),
    ] {
        let f = analyse(&p, text);
        let v = verb(&f, lemma);
        assert_eq!(v.subject.as_deref(), Some(subj), "{text}");
        assert_eq!(v.object.as_deref(), Some(obj), "{text}");
        assert!(!v.passive && !v.negated, "{text}");
    }
}

#[test]
fn passives_with_and_without_agent() {
    let p = pipeline();
    let f = analyse(&p, "Maduro was captured by U.S. forces.");
    let v = verb(&f, "capture");
    assert!(v.passive);
    assert_eq!(v.subject.as_deref(), Some("maduro"));
    assert_eq!(v.by_agent.as_deref(), Some("forces"));
    let f = analyse(&p, "Three journalists were detained in Caracas.");
    let v = verb(&f, "detain");
    assert!(v.passive);
    assert_eq!(v.subject.as_deref(), Some("journalists"));
    assert_eq!(v.by_agent, None);
}

#[test]
fn coordinated_verbs_share_their_subject() {
    let p = pipeline();
    let f = analyse(&p, "The ministers met and signed a trade agreement.");
    assert_eq!(verb(&f, "sign").subject.as_deref(), Some("ministers"));
    let f = analyse(&p, "The Cuban government said it was willing to talk but slammed the oil blockade.");
    assert_eq!(verb(&f, "slam").object.as_deref(), Some("blockade"));
    assert!(verb(&f, "slam").subject.is_some());
}

#[test]
fn relative_and_appositive_clauses_are_skipped() {
    let p = pipeline();
    let f = analyse(
        &p,
        "Interim President Delcy Rodriguez, who was once Maduro's vice president, has now enlisted Venezuelan bodyguards.",
    );
    assert_eq!(verb(&f, "enlist").subject.as_deref(), Some("rodriguez"));
    let f = analyse(&p, "The soldiers who left Caracas returned home.");
    assert_eq!(verb(&f, "leave").subject.as_deref(), Some("soldiers"));
}

#[test]
fn negation_and_modality() {
    let p = pipeline();
    let f = analyse(&p, "Russia did not attack Ukraine.");
    assert!(verb(&f, "attack").negated);
    let f = analyse(&p, "Russia never attacked Ukraine.");
    assert!(verb(&f, "attack").negated);
    let f = analyse(&p, "China would impose tariffs.");
    assert_eq!(verb(&f, "impose").modal.as_deref(), Some("would"));
    let f = analyse(&p, "Cuba pledged to resist US intervention.");
    assert_eq!(verb(&f, "resist").subject.as_deref(), Some("cuba"));
}

#[test]
fn hyphens_join_noun_phrases_but_spaced_dashes_do_not() {
    let p = pipeline();
    let f = analyse(&p, "Rebels attacked an anti- Gondor parade.");
    assert_eq!(verb(&f, "attack").object.as_deref(), Some("parade"));
    let f = analyse(&p, "Rebels attacked Gondor - the old enemy - on Monday.");
    assert_eq!(verb(&f, "attack").object.as_deref(), Some("gondor"));
}

#[test]
fn coordinated_subjects() {
    let p = pipeline();
    let text = "Russia and China condemned the strike.";
    for (s, a) in p.analyse_text(text) {
        let v = a.verbs.iter().position(|g| s.tokens[g.head].lemma == "condemn").unwrap();
        let Some(SubjectLink::Direct(c)) = a.subject(&s.tokens, v) else { panic!("no subject") };
        let members: Vec<String> =
            a.coordinated(&s.tokens, c).into_iter().map(|c| s.tokens[a.chunks[c].head].norm.clone()).collect();
        assert_eq!(members, vec!["russia", "china"]);
    }
}
