//! Stage 6: events. Joins actions to their actors (subject, object, `by` agent, possessor),
//! resolves pronouns to the last actor in focus, and builds the public [`Event`] record.

use serde::{Deserialize, Serialize};

use crate::actions::ActionMatch;
use crate::actors::{Actor, code_chunk};
use crate::annotate::{Mention, MentionKind, Tag, Token};
use crate::context::{self, Attribution, Certainty, EventDate, Location};
use crate::dict::actors::AgentDictionary;
use crate::dict::gazetteer::Gazetteer;
use crate::dict::verbs::{ArgSlot, NULL_CODE};
use crate::dict::{Dictionaries, QuadConvention};
use crate::syntax::{Analysis, SubjectLink};
use crate::text::Sentence;

/// An actor as written in the event record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// The phrase as it stands in the text.
    pub text: String,
    /// Actor code ("CUBMIL").
    pub code: String,
    /// ISO-3166 alpha-3 country, when known.
    pub country: Option<String>,
    /// Agent codes ("MIL").
    pub agents: Vec<String>,
    /// The named group, organisation or party within the actor, kept out of `code` as the
    /// coding standard asks: Hamas is `code` `PSEREB` with `group` `HMS`; null when none.
    pub group: Option<String>,
    /// Byte offset of the phrase in the document text.
    pub start: usize,
    /// Byte offset one past the phrase.
    pub end: usize,
}

/// PLOVER event type and mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER 0.8 type ("COERCE"), null for CAMEO statements with no PLOVER type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// PLOVER mode, when the codebook gives one.
    pub mode: Option<String>,
}

/// Where the evidence for an event is and which rule fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Byte offset where the matched action starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The dictionary rule(s): "verbs/17-coerce.txt:40 173 capture".
    pub rule: String,
}

/// One coded event: the public output record. Field names are a stable interface documented
/// in `docs/event-record.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The document's id.
    pub doc_id: String,
    /// 0-based sentence index in the document.
    pub sentence: usize,
    /// The sentence's text.
    pub sentence_text: String,
    /// Who acts.
    pub source: EventActor,
    /// Who is acted upon; null for events without a target.
    pub target: Option<EventActor>,
    /// Full CAMEO code ("173").
    pub cameo: String,
    /// CAMEO root ("17").
    pub cameo_root: String,
    /// Quad class (GDELT convention by default).
    pub quad_class: u8,
    /// Goldstein score of the code.
    pub goldstein: f64,
    /// PLOVER type and mode.
    pub plover: Plover,
    /// Event date, ISO (`2026-01-03`, `2025-12`, `2026`), or null.
    pub date: Option<String>,
    /// "day", "month", "year" or "publication"; null with the date.
    pub date_precision: Option<String>,
    /// Where it happened.
    pub location: Option<Location>,
    /// Who reports it.
    pub attribution: Option<Attribution>,
    /// How sure the text is.
    pub certainty: Certainty,
    /// The action's place in the text and the rule that fired.
    pub evidence: Evidence,
}

/// Options that change which events are produced.
#[derive(Debug, Clone)]
pub struct EventOptions {
    /// Emit negated events ("did not attack") with certainty `negated` instead of dropping them.
    pub keep_negated: bool,
    /// Quad-class numbering.
    pub quad: QuadConvention,
    /// Drop events without a target (PETRARCH's `require_dyad`; on by default, as the coding
    /// standard says). Protests and strikes with no stated target then take the local
    /// government as target; `false` (`petrel code --targetless`) also emits events with none.
    pub require_target: bool,
}

impl Default for EventOptions {
    fn default() -> Self {
        EventOptions { keep_negated: false, quad: QuadConvention::default(), require_target: true }
    }
}

/// Document-level memory for pronoun resolution.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    /// The last sentence's subject actor, for pronouns that open the next one.
    last_subject: Option<Actor>,
    /// Who did each act coded so far, by the act's head lemma ("blockade" → the blockader), so
    /// that a later "slammed the blockade" can name its target.
    acts: Vec<(String, Actor)>,
}

/// An actor found in the sentence but not coded (for `--unresolved`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unresolved {
    /// The document.
    pub doc_id: String,
    /// The sentence.
    pub sentence: usize,
    /// The phrase.
    pub text: String,
    /// Why it could not be coded.
    pub reason: String,
}

fn chunk_text(doc_text: &str, tokens: &[Token], start: usize, end: usize) -> (String, usize, usize) {
    let s = tokens[start].start;
    let e = tokens[end - 1].end;
    (doc_text[s..e].to_string(), s, e)
}

fn event_actor(doc_text: &str, tokens: &[Token], a: &Actor, agents: &AgentDictionary) -> EventActor {
    let (text, start, end) = chunk_text(doc_text, tokens, a.start, a.end);
    let (code, group) = split_group(&a.code, a.country.is_some(), agents);
    let agent_codes = a.agents.iter().filter(|g| agents.is_agent_code(g) || group.is_none()).cloned().collect();
    EventActor { text, code, country: a.country.clone(), agents: agent_codes, group, start, end }
}

/// An actor acting on itself is not an event between actors: the same code, or a country and
/// one of its own parts ("Xi returned to Beijing": `CHNGOV` and `CHN`). Two parts of one country
/// (`KENCOP` arresting `KENOPP`) are a domestic event, coded.
fn self_dyad(s: &Actor, t: &Actor) -> bool {
    s.code == t.code || (s.country.is_some() && s.country == t.country && (s.agents.is_empty() || t.agents.is_empty()))
}

/// Splits a country actor's code into the main code (country and agents) and the named group
/// after them: `PSEREBHMS` → (`PSEREB`, `HMS`), `AFGREBTAL` → (`AFGREB`, `TAL`); `IRQGOVMIL`
/// (two agents) and organisation codes (`IGOUNODEVWBK`, no country) stay whole.
fn split_group(code: &str, has_country: bool, agents: &AgentDictionary) -> (String, Option<String>) {
    if !has_country || code.len() <= 6 || !code.is_ascii() {
        return (code.to_string(), None);
    }
    // The first 3-letter block after the country that is not an agent code starts the group.
    let blocks = (3..code.len()).step_by(3);
    match blocks.clone().find(|&i| !agents.is_agent_code(&code[i..(i + 3).min(code.len())])) {
        Some(i) if i > 3 => (code[..i].to_string(), Some(code[i..].to_string())),
        _ => (code.to_string(), None),
    }
}

fn is_pronoun(t: &Token) -> bool {
    t.tag == Tag::PRON && matches!(t.norm.as_str(), "he" | "she" | "they" | "it" | "we" | "him" | "her" | "them")
}

/// Everything the event stage needs about one sentence.
pub struct SentenceContext<'a> {
    /// The document text.
    pub doc_text: &'a str,
    /// The document id.
    pub doc_id: &'a str,
    /// The document's publication date.
    pub published: Option<jiff::civil::Date>,
    /// The sentence.
    pub sentence: &'a Sentence,
    /// Its syntax.
    pub analysis: &'a Analysis,
    /// Dictionary mentions in it.
    pub mentions: &'a [Mention],
    /// Time expressions in it.
    pub times: &'a [context::time::TimeExpr],
    /// Place names in it.
    pub places: &'a [context::place::PlaceMention<'a>],
}

impl SentenceContext<'_> {
    fn tokens(&self) -> &[Token] {
        &self.sentence.tokens
    }

    /// The actors of a chunk and the chunks coordinated with it. In "US and British
    /// activists" the bare country "US" shares the head's agent: `USAOPP`, `GBROPP`.
    fn actors_of(&self, chunk: usize, focus: &Focus) -> Vec<Actor> {
        let mut out = self.actors_of_members(chunk, focus);
        if let Some(last) = out.last().cloned() {
            if !last.agents.is_empty() && last.country.is_some() {
                let n = out.len();
                for a in out[..n - 1].iter_mut() {
                    if a.code.len() == 3 && a.country.is_some() && a.end - a.start <= 1 && a.code != last.code {
                        a.code = format!("{}{}", a.code, last.agents.join(""));
                        a.agents = last.agents.clone();
                        a.rule = format!("{}+agent of {}", a.rule, last.rule);
                    }
                }
            }
        }
        out
    }

    fn actors_of_members(&self, chunk: usize, focus: &Focus) -> Vec<Actor> {
        let tokens = self.tokens();
        let mut out = Vec::new();
        for c in self.analysis.coordinated(tokens, chunk) {
            // "the ambassadors of Arnor, Osgiliath and Gondor": one actor per country, each
            // with the role.
            let distributed = self.distribute_of_list(c);
            if !distributed.is_empty() {
                out.extend(distributed);
                continue;
            }
            if let Some(mut a) = code_chunk(tokens, self.analysis, c, self.mentions) {
                if a.unresolved {
                    self.resolve_whose(c, &mut a);
                }
                if a.unresolved {
                    self.resolve_possessive(c, &mut a, focus);
                }
                out.push(a);
            } else if let Some(a) = self.pronoun_actor(c, focus) {
                out.push(a);
            }
        }
        out
    }

    /// A role phrase followed by "of" and a list of named actors, coded once per member.
    fn distribute_of_list(&self, chunk: usize) -> Vec<Actor> {
        let tokens = self.tokens();
        let ch = &self.analysis.chunks[chunk];
        let in_chunk = |m: &&Mention, a: usize, b: usize| m.start >= a && m.end <= b;
        let role: Option<&Mention> =
            self.mentions.iter().rfind(|m| in_chunk(m, ch.start, ch.end) && m.kind == MentionKind::Agent);
        let named_inside = self.mentions.iter().any(|m| in_chunk(&m, ch.start, ch.end) && m.kind == MentionKind::Named);
        let (Some(role), false) = (role, named_inside) else { return Vec::new() };
        if tokens.get(ch.end).is_none_or(|t| t.norm != "of") {
            return Vec::new();
        }
        let Some(first) = self.analysis.chunk_of.get(ch.end + 1).copied().flatten() else { return Vec::new() };
        let members = self.analysis.coordinated(tokens, first);
        if members.len() < 2 {
            return Vec::new();
        }
        let mut out = Vec::new();
        for m in members {
            let Some(a) = code_chunk(tokens, self.analysis, m, self.mentions) else { continue };
            let Some(country) = a.country.clone().filter(|_| !a.unresolved && a.agents.is_empty()) else { continue };
            out.push(Actor {
                start: ch.start,
                end: self.analysis.chunks[m].end,
                code: format!("{country}{}", role.code),
                country: Some(country),
                agents: vec![role.code.clone()],
                rule: format!("{}+{}", a.rule, role.rule),
                unresolved: false,
                place: false,
                person: None,
            });
        }
        out
    }

    /// "Cuba, whose leaders ...": an agent-only phrase opened by "whose" takes the country of
    /// the phrase it hangs on.
    fn resolve_whose(&self, chunk: usize, actor: &mut Actor) {
        let tokens = self.tokens();
        let start = self.analysis.chunks[chunk].start;
        if tokens[start].norm != "whose" || start < 2 {
            return;
        }
        let before = if tokens[start - 1].norm == "," { start - 1 } else { start };
        let Some(c) = before.checked_sub(1).and_then(|k| self.analysis.chunk_of[k]) else { return };
        let Some(owner) = code_chunk(tokens, self.analysis, c, self.mentions) else { return };
        if let (Some(country), false) = (owner.country.clone(), owner.unresolved) {
            actor.code = format!("{country}{}", actor.code);
            actor.rule = format!("{}+whose {}", actor.rule, owner.rule);
            actor.country = Some(country);
            actor.unresolved = false;
        }
    }

    fn pronoun_actor(&self, chunk: usize, focus: &Focus) -> Option<Actor> {
        let ch = &self.analysis.chunks[chunk];
        let tokens = self.tokens();
        if ch.end - ch.start != 1 || !is_pronoun(&tokens[ch.start]) {
            return None;
        }
        let prev = self.antecedent(chunk, focus)?;
        // The pronoun's own span, the antecedent's code.
        Some(Actor { start: ch.start, end: ch.end, rule: format!("{}+pronoun", prev.rule), ..prev })
    }

    /// "its troops", "their police": a role owned by a pronoun takes the antecedent's country.
    fn resolve_possessive(&self, chunk: usize, actor: &mut Actor, focus: &Focus) {
        let tokens = self.tokens();
        let first = &tokens[self.analysis.chunks[chunk].start];
        if !matches!(first.norm.as_str(), "its" | "their" | "his" | "her" | "our") {
            return;
        }
        let Some(owner) = self.antecedent(chunk, focus) else { return };
        if let Some(country) = owner.country.clone() {
            actor.code = format!("{country}{}", actor.code);
            actor.rule = format!("{}+owner {}", actor.rule, owner.rule);
            actor.country = Some(country);
            actor.unresolved = false;
        }
    }

    /// The actor a pronoun in chunk `chunk` most likely stands for.
    fn antecedent(&self, chunk: usize, focus: &Focus) -> Option<Actor> {
        let ch = &self.analysis.chunks[chunk];
        let tokens = self.tokens();
        // The nearest coded actor before the pronoun in this sentence, outside prepositional
        // phrases ("The Cuban government said it was willing"), else the last sentence's subject.
        let coded =
            |c: usize| code_chunk(tokens, self.analysis, c, self.mentions).filter(|a| !a.unresolved && !a.place);
        // Subjects of earlier verbs first ("Havana had long denied ..., they admitted"), then any
        // earlier phrase outside a prepositional phrase.
        let subjects = (0..self.analysis.verbs.len()).rev().filter_map(|v| match self.analysis.subject(tokens, v) {
            Some(SubjectLink::Direct(c)) if self.analysis.chunks[c].end <= ch.start => Some(c),
            _ => None,
        });
        let same_sentence = subjects.filter_map(coded).next().or_else(|| {
            (0..chunk).rev().find_map(|c| {
                let other = &self.analysis.chunks[c];
                if other.prep.is_some() || other.end - other.start == 1 && is_pronoun(&tokens[other.start]) {
                    return None;
                }
                coded(c)
            })
        });
        same_sentence.or_else(|| focus.last_subject.clone())
    }

    /// The first named (country-coded or organisation) actor after token `after` and before the
    /// clause ends (a semicolon, a subordinator, or the next verb with its own subject).
    /// `places_as_targets`: a place after a locative preposition may be the target (PETRARCH
    /// codes "protested in Beijing" and "met in Zurich" so); the coding standard never takes a
    /// place that says where for an actor.
    fn clause_actor_after(
        &self,
        v: usize,
        after: usize,
        sources: &[Actor],
        places_as_targets: bool,
        focus: &Focus,
    ) -> Vec<Actor> {
        let tokens = self.tokens();
        // An infinitive of purpose does not end the search: "pledged $500 million to help
        // Morocco".
        let end = self.analysis.verbs[v + 1..].iter().find(|g| !g.infinitive).map_or(tokens.len(), |g| g.start);
        let mut k = after + 1;
        while k < end {
            let t = &tokens[k];
            if matches!(t.norm.as_str(), ";" | ":" | "\"") || t.tag == Tag::SCONJ {
                break;
            }
            if let Some(c) = self.analysis.chunk_of[k] {
                if let Some(a) = code_chunk(tokens, self.analysis, c, self.mentions) {
                    // A place after a locative preposition ("in Beijing") is where, not whom.
                    if !a.unresolved && (!a.place || places_as_targets) && !sources.iter().any(|s| s.code == a.code) {
                        // The whole list: "ties with Mordor, Rohan, Fornost and Bree".
                        let mut all = self.actors_of(c, focus);
                        all.retain(|x| !x.unresolved && !sources.iter().any(|s| s.code == x.code));
                        if all.is_empty() {
                            all.push(a);
                        }
                        for x in &mut all {
                            x.rule.push_str("+later in clause");
                        }
                        return all;
                    }
                }
                k = self.analysis.chunks[c].end.max(k + 1);
                continue;
            }
            k += 1;
        }
        Vec::new()
    }

    /// The subject of a "that" clause governed by verb group `v` ("demanded that the US
    /// cancel"), if it is the next clause.
    fn that_clause_subject(&self, v: usize, focus: &Focus) -> Vec<Actor> {
        let tokens = self.tokens();
        let Some(next) = self.analysis.verbs.get(v + 1) else { return Vec::new() };
        if !tokens[self.analysis.verbs[v].head + 1..next.start].iter().any(|t| t.norm == "that") {
            return Vec::new();
        }
        self.complement_subject(v, focus)
    }

    /// The subject of the clause right after verb group `v`, "that" or not ("said China
    /// must ...").
    fn complement_subject(&self, v: usize, focus: &Focus) -> Vec<Actor> {
        let tokens = self.tokens();
        let Some(next) = self.analysis.verbs.get(v + 1) else { return Vec::new() };
        let between = &tokens[self.analysis.verbs[v].head + 1..next.start];
        if between.len() > 12 || between.iter().any(|t| matches!(t.norm.as_str(), ";" | ":")) {
            return Vec::new();
        }
        match self.analysis.subject(tokens, v + 1) {
            Some(SubjectLink::Direct(c)) => self.actors_of(c, focus).into_iter().filter(|a| !a.place).collect(),
            _ => Vec::new(),
        }
    }

    /// The subject of a "when"/"as"/"after" clause right after verb group `v`, if any.
    fn when_clause_subject(&self, v: usize, focus: &Focus) -> Vec<Actor> {
        let tokens = self.tokens();
        let Some(next) = self.analysis.verbs.get(v + 1) else { return Vec::new() };
        // Taggers differ on "when" (SCONJ or ADV): the word decides.
        let opener = tokens[self.analysis.verbs[v].head + 1..next.start]
            .iter()
            .rev()
            .find(|t| t.tag == Tag::SCONJ || matches!(t.norm.as_str(), "when" | "as" | "after" | "while"));
        if !opener.is_some_and(|t| matches!(t.norm.as_str(), "when" | "as" | "after" | "while")) {
            return Vec::new();
        }
        self.subject_actors(v + 1, focus, 0)
    }

    fn subject_actors(&self, v: usize, focus: &Focus, depth: usize) -> Vec<Actor> {
        let tokens = self.tokens();
        match self.analysis.subject(tokens, v) {
            Some(SubjectLink::Direct(c) | SubjectLink::Relative(c) | SubjectLink::Inverted(c)) => {
                self.actors_of(c, focus)
            }
            Some(SubjectLink::Shared(w)) if depth < 4 => self.subject_actors(w, focus, depth + 1),
            _ => Vec::new(),
        }
    }
}

/// Builds the events of one sentence from its action matches.
pub fn build_events(
    cx: &SentenceContext,
    actions: &[ActionMatch],
    dicts: &Dictionaries,
    opts: &EventOptions,
    focus: &mut Focus,
    unresolved: &mut Vec<Unresolved>,
) -> Vec<Event> {
    let tokens = cx.tokens();
    let mut events = Vec::new();
    let mut subject_seen: Option<Actor> = None;
    for m in actions {
        let p = m.pattern;
        if m.verb.is_some_and(|v| {
            context::certainty::is_requested(tokens, cx.analysis, v)
                || context::certainty::is_demanded(tokens, cx.analysis, v)
                || context::certainty::is_obligation(tokens, cx.analysis, v)
        }) {
            continue;
        }
        // "threatened to impose sanctions": when the threat verb was itself coded (13x), the
        // embedded action adds nothing.
        if let Some(v) = m.verb {
            let vg = &cx.analysis.verbs[v];
            if vg.infinitive
                && v > 0
                && actions.iter().any(|o| o.verb == Some(v - 1) && o.pattern.code.starts_with("13"))
            {
                continue;
            }
            // "prepared to attend", "pledged to expel": a bare verb whose infinitive is coded
            // itself says only that the embedded act is intended; the embedded event, with its
            // certainty, says it better.
            let bare = m.pattern.words.is_empty() && m.pattern.before.is_empty() && !m.pattern.code.starts_with("13");
            let next_is_infinitive = cx.analysis.verbs.get(v + 1).is_some_and(|n| {
                n.infinitive && tokens[vg.head + 1..n.start].iter().all(|t| t.tag != Tag::NOUN && t.tag != Tag::PROPN)
            });
            if bare && next_is_infinitive && actions.iter().any(|o| o.verb == Some(v + 1)) {
                continue;
            }
        }
        let (mut sources, mut targets): (Vec<Actor>, Vec<Actor>) = match m.verb {
            Some(v) => {
                let vg = &cx.analysis.verbs[v];
                let subjects = cx.subject_actors(v, focus, 0);
                let objects = m.target_chunk.map(|c| cx.actors_of(c, focus)).unwrap_or_default();
                if let Some(c) = m.source_chunk {
                    // The pattern places the source after the verb (PETRARCH `$`).
                    (cx.actors_of(c, focus), objects)
                } else if vg.passive {
                    let by = ["by".to_string()];
                    let agents = cx
                        .analysis
                        .prep_object(tokens, vg.head + 1, &by)
                        .map(|c| cx.actors_of(c, focus))
                        .unwrap_or_default();
                    // Passive: the grammatical subject undergoes the action.
                    (agents, if objects.is_empty() { subjects } else { objects })
                } else {
                    (subjects, objects)
                }
            }
            None => {
                // Noun event: source is a possessor or actor modifier, or a "by" phrase.
                let mut sources = Vec::new();
                if let Some(c) = cx.analysis.chunk_of[m.head] {
                    let ch = &cx.analysis.chunks[c];
                    let inner: Vec<Mention> =
                        cx.mentions.iter().filter(|x| x.start >= ch.start && x.end <= m.head).cloned().collect();
                    if !inner.is_empty() {
                        if let Some(mut a) = code_chunk(tokens, cx.analysis, c, &inner) {
                            a.end = a.end.min(m.head);
                            sources.push(a);
                        }
                    }
                }
                let targets = m.target_chunk.map(|c| cx.actors_of(c, focus)).unwrap_or_default();
                (sources, targets)
            }
        };
        // PETRARCH `%`: the members of a compound actor ("Arnor and Gondor agreed") act on
        // each other.
        if let Some(slot) = p.compound_at {
            let group = match slot {
                ArgSlot::Subject => sources.clone(),
                ArgSlot::After(_) => m.compound_chunk.map(|c| cx.actors_of(c, focus)).unwrap_or_default(),
            };
            if group.len() > 1 {
                sources = group.clone();
                targets = group;
            }
        }
        // "X said (that) Y must ...": a statement that someone else must act is a demand (100)
        // addressed to that someone.
        let mut demand_code: Option<&str> = None;
        if p.code == "010" {
            if let Some(v) = m.verb {
                if let Some(next) = cx.analysis.verbs.get(v + 1) {
                    let obliged = next.modal.is_some_and(|md| matches!(tokens[md].norm.as_str(), "must" | "should"));
                    let close = next.start > cx.analysis.verbs[v].head && next.start - cx.analysis.verbs[v].head <= 12;
                    if obliged && close {
                        let addressees = cx.complement_subject(v, focus);
                        if !addressees.is_empty() && addressees.iter().all(|a| sources.iter().all(|s| s.code != a.code))
                        {
                            targets = addressees;
                            demand_code = Some("100");
                        }
                    }
                }
            }
        }
        // "X demanded that Y withdraw", "X urged that Y ...": a demand or appeal is addressed to
        // the subject of its "that" clause.
        if targets.is_empty() && matches!(&p.code[..2], "02" | "10") {
            if let Some(v) = m.verb {
                targets = cx.that_clause_subject(v, focus);
            }
        }
        // "slammed the oil blockade": an object naming an act already coded in the document
        // stands for whoever did it.
        if targets.is_empty() {
            if let Some(c) = m.target_chunk {
                let head = &tokens[cx.analysis.chunks[c].head];
                if let Some((_, doer)) = focus.acts.iter().rev().find(|(lemma, _)| *lemma == head.lemma) {
                    let ch = &cx.analysis.chunks[c];
                    let mut a = doer.clone();
                    a.start = ch.start;
                    a.end = ch.end;
                    a.rule = format!("{}+doer of the {}", doer.rule, head.lemma);
                    a.place = false;
                    targets.push(a);
                }
            }
        }
        // PETRARCH patterns take a place after a locative preposition as their target where
        // PETRARCH does ("protested in Beijing", "met in Zurich": the codebook's
        // `petrarch-place-target`); petrel's own never do (the coding standard).
        let places_as_targets = p.petrarch && dicts.codebook.role(&p.code).is_some_and(|r| r.petrarch_place_target);
        // No target where the pattern says: the first named actor later in the clause
        // ("restrictions on Chinese cars", "a wreath at a memorial in the Philippines").
        // Statements (01x) take no such target: "X said Y attacked Z" is not addressed to Y.
        // (`notarget` patterns need no target but may still have one.)
        if targets.is_empty() && !p.swap && !p.code.starts_with("01") {
            if let Some(v) = m.verb {
                targets = cx.clause_actor_after(v, m.last, &sources, places_as_targets, focus);
            }
        }
        // "Russia and North Korea agreed to expand cooperation": members of a coordinated
        // subject with no other target act on each other (PETRARCH's compound rule).
        if targets.is_empty()
            && sources.len() > 1
            && !p.notarget
            && !p.code.starts_with("01")
            && sources.iter().all(|s| !s.unresolved)
        {
            targets = sources.clone();
        }
        if p.swap {
            std::mem::swap(&mut sources, &mut targets);
            // "32 agents lost their lives when U.S. forces captured Maduro": with no agent of
            // its own, the event borrows the subject of the when-clause that explains it.
            if sources.is_empty() {
                if let Some(v) = m.verb {
                    sources = cx.when_clause_subject(v, focus);
                }
            }
        }
        // A capital as the object of movement or force ("left Caracas", "shelled Kyiv") is the
        // city, standing for its country, not the government it is a metonym for elsewhere.
        if matches!(&p.code[..2], "08" | "15" | "18" | "19" | "20") {
            for t in targets.iter_mut() {
                t.demote_capital_to_place(cx.mentions);
            }
        }
        if let Some(s) = sources.first() {
            if subject_seen.is_none() && !s.unresolved {
                subject_seen = Some(s.clone());
            }
        }
        if sources.is_empty() {
            continue;
        }
        // A protest or strike with no stated target is against the government of the country
        // where it happens (the coding standard; the codebook's `local-government-target`); a
        // place that says where ("rallied in Nairobi") is no target of its own.
        if targets.iter().all(|t| t.place)
            && opts.require_target
            && !p.petrarch
            && dicts.codebook.role(&p.code).is_some_and(|r| r.local_government_target)
        {
            targets = local_government(cx, &dicts.gazetteer, m, &sources[0]).into_iter().collect();
        }
        // Events are dyadic (PETRARCH's `require_dyad`, the standard's default): with no target,
        // nothing is coded. Without `require_target`, a verb's event may stand alone; an event
        // noun still needs its target unless its pattern says `notarget`.
        if targets.is_empty() && (opts.require_target || (!p.notarget && m.verb.is_none())) {
            continue;
        }
        // An agent with no country of its own ("the government", "protesters") belongs, in an
        // event with a country-coded actor, to that actor's country: news events with one
        // named country are mostly domestic.
        inherit_country(&mut sources, &targets);
        inherit_country(&mut targets, &sources);
        let certainty = context::certainty(tokens, cx.analysis, m);
        if certainty == Certainty::Negated && !opts.keep_negated {
            continue;
        }
        // PETRARCH's null code `---`: the pattern matched (and so beat shorter ones) but codes
        // no event.
        if p.code == NULL_CODE {
            continue;
        }
        // Patterns from PETRARCH dictionaries carry their own intent and threat codes, as their
        // users expect: the certainty is reported, the code is not moved.
        let from_petrarch = p.petrarch;
        let code_certainty = if from_petrarch { Certainty::Asserted } else { certainty };
        // "will visit": a plain future keeps a cooperative act's code (certainty intended);
        // "agreed to visit", "plans to visit" take the pledge code (036).
        let future = m
            .verb
            .and_then(|v| cx.analysis.verbs[v].modal)
            .is_some_and(|md| matches!(tokens[md].norm.as_str(), "will" | "shall" | "'ll"));
        let act = demand_code.unwrap_or(&p.code);
        let code = code_fields(act, code_certainty, future, dicts, opts.quad);
        // Mutual and paired acts (the codebook's reciprocal codes): "X held talks with Y" is also
        // Y's talks with X, "X visited Y" is Y hosting X. PETRARCH patterns pair their own codes.
        let paired = (!from_petrarch).then(|| dicts.codebook.role(act).and_then(|r| r.reciprocal)).flatten();
        let reverse = p
            .reverse_code
            .as_deref()
            .or(paired.as_deref())
            .map(|c| code_fields(c, code_certainty, future, dicts, opts.quad));
        let date = context::event_date(tokens, cx.analysis, cx.times, cx.published, m, future);
        let (mut attribution, speaker) =
            match context::attribution::attribution_and_speaker(tokens, cx.doc_text, cx.analysis, m) {
                Some((a, s)) => (Some(a), s),
                None => (None, None),
            };
        // "Russia said it had struck ...": the actor reports its own act. Only when the source
        // is the speaker itself (or a pronoun for it): "a White House official said the US
        // government is talking to Cuba" stays an official's report.
        if let (Some(a), Some(c)) = (attribution.as_mut(), speaker) {
            let speakers = cx.actors_of(c, focus);
            let same = sources.iter().any(|s| {
                speakers.iter().any(|sp| sp.code == s.code && (sp.start == s.start || s.rule.ends_with("+pronoun")))
            });
            if same {
                a.kind = context::AttributionKind::SelfReport;
            }
        }
        // People are coded by the role they held on the event's date.
        let event_day = date.as_ref().map(|d| d.date);
        for a in sources.iter_mut().chain(targets.iter_mut()) {
            a.recode_for_date(dicts, event_day);
        }
        let certainty =
            if certainty == Certainty::Asserted && attribution.is_some() { Certainty::Reported } else { certainty };
        // A threat (13x) or a statement of intent (03x) is itself what the text commits to.
        let certainty = match (&p.code.get(..2), certainty) {
            (Some("13"), Certainty::Asserted | Certainty::Reported) => Certainty::Threatened,
            (Some("03"), Certainty::Asserted | Certainty::Reported) => Certainty::Intended,
            (_, c) => c,
        };
        let ev_start = tokens[m.head].start;
        let ev_end = tokens[m.last].end;
        let sentence_text = cx.doc_text[cx.sentence.span.clone()].to_string();
        let target_list: Vec<Option<&Actor>> =
            if targets.is_empty() { vec![None] } else { targets.iter().map(Some).collect() };
        if let (Some(src), Some(_)) = (sources.first(), m.verb) {
            // Remember the act by its verb lemma for later references to it by noun.
            focus.acts.push((tokens[m.head].lemma.clone(), src.clone()));
        }
        for s in &sources {
            if s.unresolved {
                let (text, _, _) = chunk_text(cx.doc_text, tokens, s.start, s.end);
                unresolved.push(Unresolved {
                    doc_id: cx.doc_id.to_string(),
                    sentence: cx.sentence.index,
                    text,
                    reason: format!("agent `{}` without a country", s.code),
                });
            }
            for t in &target_list {
                if t.is_some_and(|t| self_dyad(s, t)) {
                    continue;
                }
                // PETRARCH `[a:b]`: the target also acts on the source, with code b.
                let back = t.zip(reverse.as_ref()).map(|(t, c)| (t, Some(s), c));
                for (s, t, code) in std::iter::once((s, *t, &code)).chain(back) {
                    let location =
                        context::location(cx.doc_text, cx.sentence, &dicts.gazetteer, cx.places, m.head, s, t);
                    events.push(Event {
                        doc_id: cx.doc_id.to_string(),
                        sentence: cx.sentence.index,
                        sentence_text: sentence_text.clone(),
                        source: event_actor(cx.doc_text, tokens, s, &dicts.agents),
                        target: t.map(|t| event_actor(cx.doc_text, tokens, t, &dicts.agents)),
                        cameo: code.code.clone(),
                        cameo_root: code.root.clone(),
                        quad_class: code.quad,
                        goldstein: code.goldstein,
                        plover: code.plover.clone(),
                        date: date.as_ref().map(EventDate::iso),
                        date_precision: date.as_ref().map(|d| d.precision.as_str().to_string()),
                        location,
                        attribution: attribution.clone(),
                        certainty,
                        evidence: Evidence {
                            start: ev_start,
                            end: ev_end,
                            rule: format!(
                                "{}; source {}{}",
                                p.rule,
                                s.rule,
                                t.map(|t| format!("; target {}", t.rule)).unwrap_or_default()
                            ),
                        },
                    });
                }
            }
        }
    }
    // Remember this sentence's first coded subject for pronouns in the next.
    if let Some(s) = subject_seen.or_else(|| first_subject_actor(cx)) {
        focus.last_subject = Some(s);
    }
    // Saying is not an event of its own: a bare statement (the codebook's `bare-statement`,
    // 010) stands only when nothing more specific is coded in the sentence ("X said Y attacked
    // Z" is the attack, reported).
    let is_bare = |e: &Event| dicts.codebook.role(&e.cameo).is_some_and(|r| r.bare_statement);
    if events.iter().any(|e| !is_bare(e)) {
        events.retain(|e| !is_bare(e));
    }
    events
}

/// The government of the country where the act `m` of `source` happens: the country of the
/// place the sentence names for it, else the source's own country (protesters are local unless
/// the text says otherwise). `None` when neither is known. The actor spans the action's words.
fn local_government(cx: &SentenceContext, gazetteer: &Gazetteer, m: &ActionMatch, source: &Actor) -> Option<Actor> {
    let place = context::location(cx.doc_text, cx.sentence, gazetteer, cx.places, m.head, source, None)
        .and_then(|l| l.country)
        .map(|c| (c, "country of the place"));
    let (country, why) = place.or_else(|| source.country.clone().map(|c| (c, "country of the source")))?;
    Some(Actor {
        start: m.head,
        end: m.last + 1,
        code: format!("{country}GOV"),
        country: Some(country),
        agents: vec!["GOV".into()],
        rule: format!("local government ({why}; no stated target)"),
        unresolved: false,
        place: false,
        person: None,
    })
}

/// An event code's fields in the record.
struct CodeFields {
    code: String,
    root: String,
    quad: u8,
    goldstein: f64,
    plover: Plover,
}

/// The record fields of an event code, adjusted for certainty. A code the codebook lacks
/// (PETRARCH dictionaries carry old WEIS and test codes such as `345`, `075A`) is still
/// emitted as written, with Goldstein 0, quad class 0 and no PLOVER type or mode.
fn code_fields(
    code: &str,
    certainty: Certainty,
    plain_future: bool,
    dicts: &Dictionaries,
    quad: QuadConvention,
) -> CodeFields {
    match dicts.codebook.get(code) {
        Some(c) => {
            let adjusted = context::adjust_code_for_certainty(code, certainty, &dicts.codebook, plain_future);
            let c = dicts.codebook.get(&adjusted).unwrap_or(c);
            let plover = Plover { kind: c.plover_type.clone(), mode: c.plover_mode.clone() };
            CodeFields {
                code: c.code.clone(),
                root: c.root().to_string(),
                quad: crate::dict::codebook::quad_class(&c.code, quad),
                goldstein: c.goldstein,
                plover,
            }
        }
        None => CodeFields {
            code: code.to_string(),
            root: code.get(..2).unwrap_or(code).to_string(),
            quad: 0,
            goldstein: 0.0,
            plover: Plover { kind: None, mode: None },
        },
    }
}

/// Gives agent-only actors in `actors` the country of the first country-coded actor in `other`.
fn inherit_country(actors: &mut [Actor], other: &[Actor]) {
    let Some(donor) = other.iter().find(|o| !o.unresolved && o.country.is_some()) else { return };
    let country = donor.country.clone().expect("checked");
    for a in actors.iter_mut().filter(|a| a.unresolved) {
        a.code = format!("{country}{}", a.code);
        a.country = Some(country.clone());
        a.rule = format!("{}+country of {}", a.rule, donor.code);
        a.unresolved = false;
    }
}

/// The first coded actor in subject position of any verb, for pronoun resolution.
fn first_subject_actor(cx: &SentenceContext) -> Option<Actor> {
    let tokens = cx.tokens();
    (0..cx.analysis.verbs.len()).find_map(|v| match cx.analysis.subject(tokens, v) {
        Some(SubjectLink::Direct(c)) => code_chunk(tokens, cx.analysis, c, cx.mentions).filter(|a| !a.unresolved),
        _ => None,
    })
}
