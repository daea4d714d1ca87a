//! Stage 3: shallow syntax: noun-phrase chunks, verb groups, and the grammatical relations the
//! event stages need (subject, direct object, prepositional objects, passive, negation,
//! modality, infinitive control, relative clauses).
//!
//! The analysis is deterministic and linear in sentence length: chunks and verb groups come
//! from the part-of-speech tags; relations come from walking left and right from a verb group
//! inside its clause, skipping parenthetical commas and relative clauses.

use crate::annotate::{Tag, Token, VerbForm};

/// A noun-phrase chunk: tokens `start..end`, headed by `head`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The head noun (last nominal of the chunk).
    pub head: usize,
    /// The preposition token directly before the chunk, if any.
    pub prep: Option<usize>,
}

/// A verb group: auxiliaries, negation and adverbs before a main verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbGroup {
    /// First token of the group (an auxiliary, "to", or the verb).
    pub start: usize,
    /// The main verb.
    pub head: usize,
    /// "be"/"get" + past participle.
    pub passive: bool,
    /// "not", "n't", "never" in the group.
    pub negated: bool,
    /// The modal auxiliary, if any ("will", "would", "may").
    pub modal: Option<usize>,
    /// The group is a "to"-infinitive.
    pub infinitive: bool,
}

/// The syntax of one sentence.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Noun-phrase chunks in order.
    pub chunks: Vec<Chunk>,
    /// Verb groups in order.
    pub verbs: Vec<VerbGroup>,
    /// For each token, the chunk it belongs to.
    pub chunk_of: Vec<Option<usize>>,
    /// Dependency arcs from the statistical parser (head, UD relation) when the pipeline runs
    /// it; subjects and objects are then read from them first, the rules filling the gaps.
    pub arcs: Option<Vec<(Option<usize>, &'static str)>>,
}

impl Analysis {
    /// The dependent of `head` with one of `relations`, from the parser's arcs.
    fn arc_dependent(&self, head: usize, relations: &[&str]) -> Option<usize> {
        let arcs = self.arcs.as_ref()?;
        arcs.iter().position(|&(h, r)| h == Some(head) && relations.contains(&r))
    }
}

/// A participle standing as an adjective inside a noun phrase: "from *neighboring* Lebanon",
/// "the *ruling* party", "the *captured* soldiers".
fn is_adjectival_participle(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    t.tag == Tag::VERB
        && matches!(t.form, VerbForm::Gerund | VerbForm::Participle)
        && i > 0
        && (matches!(tokens[i - 1].tag, Tag::DET | Tag::ADP | Tag::ADJ)
            || tokens[i - 1].tag == Tag::VERB && t.form == VerbForm::Participle
            || is_possessive_pronoun(&tokens[i - 1].norm)
            || tokens[i - 1].norm == "'s")
        && tokens.get(i + 1).is_some_and(|n| matches!(n.tag, Tag::NOUN | Tag::PROPN | Tag::ADJ))
}

fn is_np_token(t: &Token) -> bool {
    match t.tag {
        Tag::DET | Tag::ADJ | Tag::NUM | Tag::NOUN | Tag::PROPN => true,
        Tag::PRON => !matches!(t.norm.as_str(), "who" | "whom" | "which" | "that" | "there"),
        Tag::PART => t.norm == "'s" || t.norm == "'",
        _ => false,
    }
}

/// A hyphen written against a word inside a noun phrase ("an anti- Gondor parade", "al -
/// Qaeda" as UD tokenizes "al-Qaeda"): taggers call it PUNCT (UD's HYPH), but it joins the
/// words on either side. A dash with spaces around it ("Gondor - the old enemy") does not.
fn is_inner_hyphen(tokens: &[Token], j: usize) -> bool {
    let t = &tokens[j];
    j > 0
        && j + 1 < tokens.len()
        && t.norm == "-"
        && t.tag == Tag::PUNCT
        && is_np_token(&tokens[j - 1])
        && is_np_token(&tokens[j + 1])
        && (tokens[j - 1].end == t.start || t.end == tokens[j + 1].start)
}

fn is_possessive_pronoun(n: &str) -> bool {
    matches!(n, "his" | "her" | "its" | "their" | "our" | "my" | "your")
}

/// Words that head time expressions ("last month", "this week", "Tuesday"): such phrases are
/// adjuncts, never subjects or objects.
const TIME_NOUNS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "morning",
    "afternoon",
    "evening",
    "night",
    "weekend",
    "decade",
    "decades",
    "hour",
    "hours",
];

impl Analysis {
    /// True when chunk `c` is a time expression ("last month", "Tuesday").
    pub fn is_time_chunk(&self, tokens: &[Token], c: usize) -> bool {
        is_time_chunk(tokens, &self.chunks[c])
    }
}

fn is_time_chunk(tokens: &[Token], ch: &Chunk) -> bool {
    TIME_NOUNS.contains(&tokens[ch.head].norm.as_str())
        && !tokens[ch.start..ch.end].iter().any(|t| t.tag == Tag::PROPN && !TIME_NOUNS.contains(&t.norm.as_str()))
}

/// A subordinating word that opens a clause. Taggers disagree on "when" and "while" (SCONJ or
/// ADV), so the words themselves count too.
pub fn opens_clause(t: &Token) -> bool {
    t.tag == Tag::SCONJ
        || matches!(
            t.norm.as_str(),
            "when" | "while" | "whereas" | "because" | "although" | "though" | "if" | "unless" | "whether"
        )
}

/// Words that end a clause when walking from a verb to its arguments.
fn is_clause_boundary(t: &Token) -> bool {
    opens_clause(t) || matches!(t.norm.as_str(), ";" | ":" | "\"" | "(" | ")" | "--" | "-")
}

/// Whether the preposition before the phrase starting at `start` only modifies a quantity
/// ("at least 516 doctors", "up to 40 people", "about 300 soldiers"), so the phrase can
/// still be a subject or object.
fn is_quantity_idiom(tokens: &[Token], start: usize) -> bool {
    let prep = tokens[start - 1].norm.as_str();
    let first = &tokens[start];
    match prep {
        "at" => matches!(first.norm.as_str(), "least" | "most"),
        "to" => start >= 2 && tokens[start - 2].norm == "up" && first.tag == Tag::NUM,
        "about" | "around" | "over" | "under" | "nearly" | "almost" => first.tag == Tag::NUM,
        _ => false,
    }
}

/// Analyses one tagged sentence.
///
/// ```
/// use petrel::pos::{PosTagger, RuleTagger};
/// let text = "Maduro was captured by U.S. forces.";
/// let mut s = petrel::text::segment(text);
/// RuleTagger::new().tag(&mut s[0].tokens, text);
/// let a = petrel::syntax::analyse(&s[0].tokens);
/// assert!(a.verbs[0].passive);
/// ```
pub fn analyse(tokens: &[Token]) -> Analysis {
    let mut a = Analysis { chunk_of: vec![None; tokens.len()], ..Default::default() };
    // Chunks.
    let mut i = 0;
    while i < tokens.len() {
        if !(is_np_token(&tokens[i]) || is_adjectival_participle(tokens, i)) || tokens[i].norm == "'s" {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < tokens.len()
            && (is_np_token(&tokens[j])
                || is_adjectival_participle(tokens, j)
                || j > start && is_inner_hyphen(tokens, j))
        {
            // A personal pronoun is a chunk of its own ("they", "him"); a possessive one opens one.
            let t = &tokens[j];
            if j > start && t.tag == Tag::PRON && !is_possessive_pronoun(&t.norm) {
                break;
            }
            if j > start && tokens[j - 1].tag == Tag::PRON && !is_possessive_pronoun(&tokens[j - 1].norm) {
                break;
            }
            // A time word ends the phrase before it ("Ukrainian lawmakers Tuesday endorsed").
            if j > start
                && TIME_NOUNS.contains(&t.norm.as_str())
                && !TIME_NOUNS.contains(&tokens[j - 1].norm.as_str())
                && matches!(tokens[j - 1].tag, Tag::NOUN | Tag::PROPN)
            {
                break;
            }
            // A determiner after a noun starts a new phrase ("gave Cuba the oil").
            if j > start && t.tag == Tag::DET && matches!(tokens[j - 1].tag, Tag::NOUN | Tag::PROPN) {
                break;
            }
            j += 1;
        }
        // Trim trailing possessive markers from the chunk.
        let mut end = j;
        while end > start + 1 && tokens[end - 1].tag == Tag::PART {
            end -= 1;
        }
        let head = (start..end)
            .rev()
            .find(|&k| matches!(tokens[k].tag, Tag::NOUN | Tag::PROPN | Tag::PRON | Tag::NUM))
            .unwrap_or(end - 1);
        let prep =
            (start > 0 && tokens[start - 1].tag == Tag::ADP && !is_quantity_idiom(tokens, start)).then(|| start - 1);
        let id = a.chunks.len();
        for k in start..end {
            a.chunk_of[k] = Some(id);
        }
        a.chunks.push(Chunk { start, end, head, prep });
        i = j.max(start + 1);
    }
    // Verb groups.
    for h in 0..tokens.len() {
        let is_main = tokens[h].tag == Tag::VERB && !is_adjectival_participle(tokens, h)
            || tokens[h].tag == Tag::AUX
                && !next_is_verb(tokens, h)
                && tokens[h].form != VerbForm::None
                && matches!(tokens[h].lemma.as_str(), "be" | "have" | "do");
        if !is_main {
            continue;
        }
        let mut start = h;
        let mut passive = false;
        let mut negated = false;
        let mut modal = None;
        let mut infinitive = false;
        let mut k = h;
        while k > 0 {
            let t = &tokens[k - 1];
            let aux_like =
                t.tag == Tag::AUX || matches!(t.norm.as_str(), "not" | "n't" | "never" | "to") || t.tag == Tag::ADV;
            if !aux_like {
                break;
            }
            k -= 1;
            match t.norm.as_str() {
                "not" | "n't" | "never" => negated = true,
                "to" => infinitive = true,
                _ => {}
            }
            if t.tag == Tag::AUX {
                if t.form == VerbForm::None {
                    modal = Some(k);
                }
                if matches!(t.lemma.as_str(), "be" | "get")
                    && h != k
                    && matches!(tokens[h].form, VerbForm::Participle | VerbForm::Past)
                    && tokens[h].tag == Tag::VERB
                {
                    passive = true;
                }
            }
            if t.tag != Tag::ADV || t.norm == "not" || t.norm == "never" {
                start = k;
            }
            if t.norm == "to" {
                break;
            }
        }
        a.verbs.push(VerbGroup { start, head: h, passive, negated, modal, infinitive });
    }
    a
}

fn next_is_verb(tokens: &[Token], h: usize) -> bool {
    tokens[h + 1..]
        .iter()
        .take(4)
        .take_while(|t| matches!(t.tag, Tag::ADV | Tag::AUX | Tag::PART | Tag::VERB))
        .any(|t| t.tag == Tag::VERB || t.tag == Tag::AUX)
}

/// How a verb group's subject was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectLink {
    /// A noun phrase before the verb.
    Direct(usize),
    /// A relative pronoun standing for the chunk before it ("forces, who left").
    Relative(usize),
    /// A noun phrase after a saying verb ("..., said Frank Mora").
    Inverted(usize),
    /// The subject of an earlier verb group: infinitive control ("pledged to resist") or
    /// verb coordination ("met and signed").
    Shared(usize),
}

impl Analysis {
    /// The subject of verb group `v`.
    pub fn subject(&self, tokens: &[Token], v: usize) -> Option<SubjectLink> {
        let vg = &self.verbs[v];
        // A gerund right after a verb ("denied sending troops", "stopped paying") shares that
        // verb's subject.
        if tokens[vg.head].form == VerbForm::Gerund
            && vg.start == vg.head
            && v > 0
            && self.verbs[v - 1].head + 1 == vg.start
        {
            return Some(SubjectLink::Shared(v - 1));
        }
        // A gerund after a preposition: "prevented X from shipping" states no event of its own;
        // "after meeting", "by attacking" share the main clause's subject.
        if tokens[vg.head].form == VerbForm::Gerund
            && vg.start == vg.head
            && vg.start > 0
            && tokens[vg.start - 1].tag == Tag::ADP
        {
            if matches!(tokens[vg.start - 1].norm.as_str(), "from" | "of" | "against" | "without" | "instead") {
                return None;
            }
            return (0..v)
                .rev()
                .find(|&w| !self.verbs[w].infinitive && tokens[self.verbs[w].head].form != VerbForm::Gerund)
                .map(SubjectLink::Shared);
        }
        // Infinitive or coordinated verb: share the governing verb's subject.
        if v > 0 {
            let prev = &self.verbs[v - 1];
            let between = &tokens[prev.head + 1..vg.start];
            let only_fillers =
                between.iter().all(|t| matches!(t.tag, Tag::ADV | Tag::ADJ | Tag::PART | Tag::AUX) || t.norm == ",");
            if vg.infinitive && (only_fillers || between.len() <= 3 && between.iter().all(|t| t.tag != Tag::VERB)) {
                return Some(SubjectLink::Shared(v - 1));
            }
        }
        // "met and signed", "said ... but slammed ... and pledged": a finite verb right after a
        // conjunction shares the subject of the nearest earlier verb of the same form.
        if vg.start > 0
            && !vg.infinitive
            && (tokens[vg.start - 1].tag == Tag::CCONJ
                || tokens[vg.start - 1].norm == "," && vg.start > 1 && tokens[vg.start - 2].tag == Tag::CCONJ)
        {
            let form = tokens[vg.head].form;
            let earlier = (0..v).rev().filter(|&w| !self.verbs[w].infinitive);
            let same =
                earlier.clone().find(|&w| tokens[self.verbs[w].head].form == form && self.verbs[w].head + 1 < vg.start);
            if let Some(w) = same.or_else(|| earlier.clone().next()) {
                return Some(SubjectLink::Shared(w));
            }
        }
        // The parser's subject, when it names one that stands in a noun phrase.
        if let Some(d) = self.arc_dependent(vg.head, &["nsubj", "nsubj:pass"]) {
            if let Some(c) = self.chunk_of[d] {
                if !is_time_chunk(tokens, &self.chunks[c]) {
                    return Some(if d > vg.head {
                        SubjectLink::Inverted(self.np_head_chunk(tokens, c))
                    } else {
                        SubjectLink::Direct(self.np_head_chunk(tokens, c))
                    });
                }
            }
        }
        let mut k = vg.start;
        let mut depth_comma = 0usize;
        while k > 0 {
            k -= 1;
            let t = &tokens[k];
            if matches!(t.norm.as_str(), "who" | "which" | "that") && t.tag != Tag::SCONJ
                || (t.norm == "that" && k + 1 == vg.start)
            {
                // Relative clause: the antecedent is the chunk before (skipping a comma).
                let mut m = k;
                while m > 0 && tokens[m - 1].norm == "," {
                    m -= 1;
                }
                if m > 0 {
                    if let Some(c) = self.chunk_of[m - 1] {
                        return Some(SubjectLink::Relative(self.np_head_chunk(tokens, c)));
                    }
                }
                if t.norm == "that" {
                    break;
                }
                return None;
            }
            if is_clause_boundary(t) && t.norm != "\"" {
                break;
            }
            // ", but" and ", and" open a new clause: its subject is after them.
            if t.tag == Tag::CCONJ && (t.norm == "but" || k > 0 && tokens[k - 1].norm == ",") {
                break;
            }
            if t.norm == "," {
                // Skip a parenthetical ", who was once ..., " or an apposition.
                depth_comma += 1;
                if let Some(open) = self.parenthetical_start(tokens, k) {
                    k = open;
                    continue;
                }
                // A comma after an introductory phrase ("Following these events, X ...") ends
                // the search only if a subject was not found yet and nothing is to the left.
                if depth_comma > 2 {
                    break;
                }
                continue;
            }
            if let Some(c) = self.chunk_of[k] {
                // The last member of "the ambassadors of A, B and C": the subject is the head.
                if let Some(head) = self.of_list_head(tokens, c) {
                    return Some(SubjectLink::Direct(head));
                }
                let ch = &self.chunks[c];
                if is_time_chunk(tokens, ch) {
                    k = ch.start;
                    continue;
                }
                // "after he threatened": a subordinator tagged as a preposition before a
                // subject pronoun or a phrase right before the verb.
                let subordinated = ch.prep.is_some_and(|p| {
                    matches!(
                        tokens[p].norm.as_str(),
                        "after" | "before" | "since" | "until" | "as" | "once" | "because" | "while"
                    )
                }) && (tokens[ch.head].tag == Tag::PRON
                    || (ch.end..vg.start).all(|x| matches!(tokens[x].tag, Tag::ADV | Tag::AUX | Tag::PART)));
                if subordinated {
                    return Some(SubjectLink::Direct(c));
                }
                if ch.prep.is_none() || tokens[ch.prep.unwrap()].norm == "of" {
                    let head_chunk = self.np_head_chunk(tokens, c);
                    if self.chunks[head_chunk].prep.is_none() {
                        return Some(SubjectLink::Direct(head_chunk));
                    }
                }
                k = ch.start;
                continue;
            }
            if t.tag == Tag::VERB {
                // Another verb before: the clause boundary is unclear; stop.
                break;
            }
        }
        // "..., said Frank Mora": subject after a saying verb.
        let after = vg.head + 1;
        if after < tokens.len() {
            if let Some(c) = self.chunk_of[after] {
                if self.chunks[c].prep.is_none()
                    && (vg.start > 0 && matches!(tokens[vg.start - 1].norm.as_str(), "," | "\"" | "'"))
                {
                    return Some(SubjectLink::Inverted(c));
                }
            }
        }
        None
    }

    /// If chunk `c` ends a list whose first member follows "of" ("the ambassadors of A, B and
    /// C"), the chunk heading the "of" phrase.
    pub fn of_list_head(&self, tokens: &[Token], c: usize) -> Option<usize> {
        if self.chunks[c].prep.is_some() {
            return None;
        }
        let mut cur = c;
        let mut steps = 0;
        loop {
            let start = self.chunks[cur].start;
            let mut k = start;
            while k > 0 && (tokens[k - 1].norm == "," || tokens[k - 1].tag == Tag::CCONJ && tokens[k - 1].norm != "but")
            {
                k -= 1;
            }
            if k == start || k == 0 {
                return None;
            }
            let prev = self.chunk_of[k - 1]?;
            if self.chunks[prev].end != k {
                return None;
            }
            steps += 1;
            match self.chunks[prev].prep {
                Some(p) if tokens[p].norm == "of" && steps >= 1 => {
                    let head = self.np_head_chunk(tokens, prev);
                    return (head != prev).then_some(head);
                }
                Some(_) => return None,
                None => cur = prev,
            }
            if steps > 8 {
                return None;
            }
        }
    }

    /// Walks back over "X of Y" so that "the leaders of Venezuela" is headed by "the leaders".
    pub fn np_head_chunk(&self, tokens: &[Token], c: usize) -> usize {
        let mut c = c;
        while let Some(p) = self.chunks[c].prep {
            if tokens[p].norm != "of" || p == 0 {
                break;
            }
            match self.chunk_of[p - 1] {
                Some(prev) => c = prev,
                None => break,
            }
        }
        c
    }

    /// True when a conjunction follows chunk `c`'s list of comma-separated chunks
    /// ("Russia, China and Iran"): commas alone do not coordinate.
    fn ends_in_conjunction(&self, tokens: &[Token], c: usize) -> bool {
        let mut cur = c;
        loop {
            let mut k = self.chunks[cur].end;
            let mut conj = false;
            while k < tokens.len() && (tokens[k].norm == "," || tokens[k].tag == Tag::CCONJ) {
                conj |= tokens[k].tag == Tag::CCONJ;
                k += 1;
            }
            if conj {
                return true;
            }
            match self.chunk_of.get(k).copied().flatten() {
                Some(n) if k > self.chunks[cur].end && self.chunks[n].start == k => cur = n,
                _ => return false,
            }
        }
    }

    /// If the comma at `k` closes a parenthetical (", who ... ," or an apposition), the
    /// index of the comma that opens it.
    fn parenthetical_start(&self, tokens: &[Token], k: usize) -> Option<usize> {
        let mut m = k;
        while m > 0 {
            m -= 1;
            let t = &tokens[m];
            if t.norm == "," {
                let opener = &tokens[m + 1];
                let relative = matches!(opener.norm.as_str(), "who" | "which" | "whose" | "whom" | "where" | "when");
                let appositive = self.chunk_of[m + 1].is_some()
                    && (m + 1..k).all(|x| self.chunk_of[x].is_some() || tokens[x].tag == Tag::ADP);
                return (relative || appositive).then_some(m);
            }
            if matches!(t.norm.as_str(), ";" | ":") {
                return None;
            }
        }
        None
    }

    /// The direct object of verb group `v`: the first chunk after the verb with no
    /// preposition, inside the clause.
    pub fn object(&self, tokens: &[Token], v: usize, from: usize) -> Option<usize> {
        if let Some(d) = self.arc_dependent(self.verbs[v].head, &["obj"]) {
            if let Some(c) = self.chunk_of[d] {
                if self.chunks[c].start >= from && self.chunks[c].prep.is_none() {
                    return Some(c);
                }
            }
        }
        let mut k = from;
        while k < tokens.len() {
            let t = &tokens[k];
            if is_clause_boundary(t)
                || t.tag == Tag::VERB
                || t.tag == Tag::CCONJ && k + 1 < tokens.len() && tokens[k + 1].tag == Tag::VERB
                || t.norm == ","
            {
                return None;
            }
            if let Some(c) = self.chunk_of[k] {
                if is_time_chunk(tokens, &self.chunks[c]) {
                    return None;
                }
                // A phrase followed by its own verb is the subject of a complement clause
                // ("said it was willing"), not an object.
                let end = self.chunks[c].end;
                let starts_clause = tokens.get(end).is_some_and(|n| {
                    matches!(n.tag, Tag::AUX | Tag::VERB)
                        && n.form != VerbForm::Gerund
                        && n.form != VerbForm::Participle
                });
                return (self.chunks[c].prep.is_none() && !starts_clause).then_some(c);
            }
            // "killed at least 12 Palestinians", "more than 40 people": quantity words.
            if matches!(
                t.norm.as_str(),
                "at" | "least"
                    | "more"
                    | "than"
                    | "up"
                    | "to"
                    | "about"
                    | "around"
                    | "nearly"
                    | "over"
                    | "almost"
                    | "some"
            ) && tokens[k + 1..].iter().take(3).any(|n| n.tag == Tag::NUM)
            {
                k += 1;
                continue;
            }
            if t.tag == Tag::ADP {
                return None;
            }
            k += 1;
        }
        None
    }

    /// The object of the first preposition in `preps` after token `from`, inside the clause.
    pub fn prep_object(&self, tokens: &[Token], from: usize, preps: &[String]) -> Option<usize> {
        let mut k = from;
        while k < tokens.len() {
            let t = &tokens[k];
            if is_clause_boundary(t) || t.tag == Tag::VERB && t.form != VerbForm::Gerund {
                return None;
            }
            if t.tag == Tag::ADP && preps.contains(&t.norm) {
                return self.chunk_of.get(k + 1).copied().flatten();
            }
            k += 1;
        }
        None
    }

    /// Chunks coordinated with chunk `c` by "and" or commas ("Russia and China"), in order,
    /// whichever member `c` is.
    pub fn coordinated(&self, tokens: &[Token], c: usize) -> Vec<usize> {
        // Walk left to the first member.
        let mut first = c;
        loop {
            let start = self.chunks[first].start;
            let mut k = start;
            let mut saw_conj = false;
            while k > 0 && (tokens[k - 1].norm == "," || tokens[k - 1].tag == Tag::CCONJ && tokens[k - 1].norm != "but")
            {
                saw_conj |= tokens[k - 1].tag == Tag::CCONJ || tokens[k - 1].norm == ",";
                k -= 1;
            }
            if !saw_conj || k == 0 || k == start {
                break;
            }
            match self.chunk_of[k - 1] {
                Some(prev)
                    if self.chunks[prev].end == k
                        && self.chunks[prev].prep.is_none() == self.chunks[first].prep.is_none()
                        && tokens[k..start].iter().any(|t| t.tag == Tag::CCONJ)
                        || Some(prev) == self.chunk_of[k - 1]
                            && self.chunks[prev].end == k
                            && tokens[start - 1].norm == ","
                            && self.chunks[prev].prep.is_none()
                            && self.chunks[first].prep.is_none()
                            && self.ends_in_conjunction(tokens, first) =>
                {
                    first = prev
                }
                _ => break,
            }
        }
        let mut out = vec![first];
        if !self.ends_in_conjunction(tokens, first) {
            // Commas alone make appositions ("Cuba, whose leaders"), not lists.
            return out;
        }
        let mut cur = first;
        loop {
            let end = self.chunks[cur].end;
            let mut k = end;
            while k < tokens.len() && (tokens[k].norm == "," || tokens[k].tag == Tag::CCONJ && tokens[k].norm != "but")
            {
                k += 1;
            }
            if k == end || k >= tokens.len() {
                break;
            }
            match self.chunk_of[k] {
                Some(next) if self.chunks[next].start == k => {
                    out.push(next);
                    cur = next;
                }
                _ => break,
            }
        }
        out
    }
}
