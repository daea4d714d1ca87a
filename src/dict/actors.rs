//! Actor and agent dictionaries: names (one or more words) mapped to actor codes, people with
//! dated roles, and generic role words that turn a country into an actor code.

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;

use super::{DictError, phrase_words, strip_comment};

/// A role held over a date range (inclusive; open ends allowed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// Actor code while the role is held ("VENGOV").
    pub code: String,
    /// First day, if bounded.
    pub from: Option<Date>,
    /// Last day, if bounded.
    pub to: Option<Date>,
}

impl Role {
    fn contains(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }

    /// Days between `d` and the range (0 inside it).
    fn distance(&self, d: Date) -> i64 {
        let days = |a: Date, b: Date| (b - a).get_days() as i64;
        match (self.from, self.to) {
            (Some(f), _) if d < f => days(d, f),
            (_, Some(t)) if d > t => days(t, d),
            _ => 0,
        }
    }
}

/// What a dictionary name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The first name of the entry, as written ("Nicolas Maduro").
    pub name: String,
    /// Fixed code for countries, organisations, groups; None for people (see `roles`).
    pub code: Option<String>,
    /// Dated roles of a person.
    pub roles: Vec<Role>,
    /// Where the entry was defined ("actors/people.txt:12").
    pub rule: String,
}

/// An actor code chosen for a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode<'a> {
    /// The code.
    pub code: &'a str,
    /// False when the date fell outside every role and the nearest role was used.
    pub exact: bool,
}

impl ActorEntry {
    /// The entry's code on `date` (the publication or event date). People are coded by the
    /// role held that day; with no date, by their latest role.
    ///
    /// ```
    /// use petrel::dict::Dictionaries;
    /// let d = Dictionaries::builtin().unwrap();
    /// let e = d.actors.entry_for(&["maduro"]).unwrap();
    /// assert_eq!(e.code_on(Some("2025-06-01".parse().unwrap())).unwrap().code, "VENGOV");
    /// ```
    pub fn code_on(&self, date: Option<Date>) -> Option<DatedCode<'_>> {
        if let Some(c) = &self.code {
            return Some(DatedCode { code: c, exact: true });
        }
        let Some(d) = date else {
            return self.roles.last().map(|r| DatedCode { code: &r.code, exact: false });
        };
        if let Some(r) = self.roles.iter().find(|r| r.contains(d)) {
            return Some(DatedCode { code: &r.code, exact: true });
        }
        self.roles.iter().min_by_key(|r| r.distance(d)).map(|r| DatedCode { code: &r.code, exact: false })
    }
}

/// A word-sequence index: first word → candidate phrases, longest first.
#[derive(Debug, Clone, Default)]
pub struct PhraseIndex<V> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V: Clone> PhraseIndex<V> {
    /// Adds a phrase; a later identical phrase replaces the earlier value.
    pub fn insert(&mut self, words: Vec<String>, value: V) {
        let mut value = Some(value);
        let slot = self.slot(words, || value.take().expect("taken once"));
        if let Some(v) = value {
            *slot = v;
        }
    }

    /// The value stored for `words`, inserting `make()` first if there is none.
    pub fn slot(&mut self, words: Vec<String>, make: impl FnOnce() -> V) -> &mut V {
        let first = words.first().expect("a phrase has at least one word");
        if !self.by_first.contains_key(first) {
            self.by_first.insert(first.clone(), Vec::new());
        }
        let list = self.by_first.get_mut(first).expect("just inserted");
        match list.iter().position(|(w, _)| *w == words) {
            Some(i) => &mut list[i].1,
            None => {
                list.push((words, make()));
                &mut list.last_mut().expect("just pushed").1
            }
        }
    }

    /// Sorts candidates longest first; call after the last insert.
    pub fn finish(&mut self) {
        for list in self.by_first.values_mut() {
            list.sort_by_key(|entry| std::cmp::Reverse(entry.0.len()));
        }
    }

    /// The longest phrase starting at `words[0]`, as (length in words, value).
    /// `alt` gives an alternative form for a word (its lemma) tried when the form differs.
    ///
    /// Cost: one hash lookup plus a comparison per candidate phrase.
    pub fn longest_at<'a, F>(&'a self, words: &[&str], alt: F) -> Option<(usize, &'a V)>
    where
        F: Fn(usize) -> Option<&'a str>,
    {
        let first = words.first()?;
        let try_list = |key: &str| -> Option<(usize, &'a V)> {
            let list = self.by_first.get(key)?;
            list.iter().find_map(|(w, v)| {
                (w.len() <= words.len()
                    && w.iter().enumerate().all(|(k, x)| x == words[k] || alt(k).is_some_and(|a| a == x)))
                .then_some((w.len(), v))
            })
        };
        try_list(first).or_else(|| alt(0).and_then(try_list))
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Every (phrase, value) pair.
    pub fn iter(&self) -> impl Iterator<Item = (&Vec<String>, &V)> {
        self.by_first.values().flatten().map(|(w, v)| (w, v))
    }
}

/// Named actors: countries, capitals, organisations, groups and people.
#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    /// All entries; the index refers to them by position.
    pub entries: Vec<ActorEntry>,
    index: PhraseIndex<usize>,
}

/// Checks a CAMEO-style actor code: uppercase letters (or `-`) in blocks of three.
pub fn valid_actor_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() % 3 == 0
        && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

fn parse_date(s: &str) -> Result<Option<Date>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<Date>().map(Some).map_err(|e| format!("bad date `{s}`: {e}"))
}

/// Parses "CODE FROM..TO" into a role.
fn parse_role(s: &str) -> Result<Role, String> {
    let mut parts = s.split_whitespace();
    let code = parts.next().ok_or("empty role")?.to_string();
    if !valid_actor_code(&code) {
        return Err(format!("`{code}` is not an actor code (uppercase letters in blocks of 3)"));
    }
    let (from, to) = match parts.next() {
        None => (None, None),
        Some(range) => {
            let (f, t) = range.split_once("..").ok_or_else(|| format!("date range `{range}` must be FROM..TO"))?;
            (parse_date(f)?, parse_date(t)?)
        }
    };
    if let Some(extra) = parts.next() {
        return Err(format!("unexpected `{extra}` after the date range"));
    }
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("date range starts ({f}) after it ends ({t})"));
        }
    }
    Ok(Role { code, from, to })
}

impl ActorDictionary {
    /// Parses an `actors/*.txt` file (codes with names, or people with dated roles).
    pub fn parse(&mut self, file: &str, text: &str, errors: &mut Vec<DictError>) {
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            if line.is_empty() {
                continue;
            }
            let err = |m: String| DictError { file: file.to_string(), line: i + 1, message: m };
            let (names, code, roles) = if let Some((names, roles)) = line.split_once("=>") {
                let roles: Result<Vec<Role>, String> =
                    roles.split(';').map(str::trim).filter(|r| !r.is_empty()).map(parse_role).collect();
                match roles {
                    Ok(r) if r.is_empty() => {
                        errors.push(err("a person needs at least one role after `=>`".into()));
                        continue;
                    }
                    Ok(r) => (names, None, r),
                    Err(e) => {
                        errors.push(err(e));
                        continue;
                    }
                }
            } else {
                let Some((code, names)) = line.split_once(char::is_whitespace) else {
                    errors.push(err("expected `CODE name | name ...` or `name | name => CODE FROM..TO`".into()));
                    continue;
                };
                if !valid_actor_code(code) {
                    errors.push(err(format!("`{code}` is not an actor code (uppercase letters in blocks of 3)")));
                    continue;
                }
                (names, Some(code.to_string()), Vec::new())
            };
            let names: Vec<&str> = names.split('|').map(str::trim).filter(|n| !n.is_empty()).collect();
            if names.is_empty() {
                errors.push(err("no names".into()));
                continue;
            }
            let id = self.entries.len();
            self.entries.push(ActorEntry {
                name: names[0].to_string(),
                code,
                roles,
                rule: format!("{file}:{}", i + 1),
            });
            for n in names {
                let words = phrase_words(n);
                if !words.is_empty() {
                    self.index.insert(words, id);
                }
            }
        }
    }

    /// Adds one entry programmatically (used by the PETRARCH reader).
    pub fn add(&mut self, entry: ActorEntry, names: &[Vec<String>]) {
        let id = self.entries.len();
        self.entries.push(entry);
        for n in names {
            self.index.insert(n.clone(), id);
        }
    }

    /// Prepares the index for matching.
    pub fn finish(&mut self) {
        self.index.finish();
    }

    /// The entry whose name is exactly `words` (normalised), if any.
    pub fn entry_for(&self, words: &[&str]) -> Option<&ActorEntry> {
        match self.index.longest_at(words, |_| None) {
            Some((n, &id)) if n == words.len() => Some(&self.entries[id]),
            _ => None,
        }
    }

    /// The longest name starting at `words[0]`: (length, entry). `alt(k)` offers the lemma of
    /// word `k` as a second form ("soldiers" → "soldier").
    pub fn longest_at<'a, F: Fn(usize) -> Option<&'a str>>(
        &'a self,
        words: &[&str],
        alt: F,
    ) -> Option<(usize, &'a ActorEntry)> {
        self.index.longest_at(words, alt).map(|(n, &id)| (n, &self.entries[id]))
    }

    /// Like [`ActorDictionary::longest_at`], with the entry's index in
    /// [`ActorDictionary::entries`].
    pub fn longest_id_at<'a, F: Fn(usize) -> Option<&'a str>>(
        &'a self,
        words: &[&str],
        alt: F,
    ) -> Option<(usize, usize)> {
        self.index.longest_at(words, alt).map(|(n, &id)| (n, id))
    }

    /// Number of names.
    pub fn name_count(&self) -> usize {
        self.index.len()
    }
}

/// Generic agents: role words mapped to 3-letter agent codes ("troops" → MIL).
#[derive(Debug, Clone, Default)]
pub struct AgentDictionary {
    index: PhraseIndex<(String, String)>,
    /// Every agent code the phrases map to (`GOV`, `MIL`, ...).
    codes: rustc_hash::FxHashSet<String>,
}

impl AgentDictionary {
    /// Parses an `agents.txt` file: `AGENT word | word ...`.
    pub fn parse(&mut self, file: &str, text: &str, errors: &mut Vec<DictError>) {
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            if line.is_empty() {
                continue;
            }
            let err = |m: String| DictError { file: file.to_string(), line: i + 1, message: m };
            let Some((code, words)) = line.split_once(char::is_whitespace) else {
                errors.push(err("expected `AGENT word | word ...`".into()));
                continue;
            };
            if code.len() != 3 || !valid_actor_code(code) {
                errors.push(err(format!("`{code}` is not a 3-letter agent code")));
                continue;
            }
            for w in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
                self.add(phrase_words(w), code.to_string(), format!("{file}:{}", i + 1));
            }
        }
    }

    /// Adds one agent phrase with its rule id.
    pub fn add(&mut self, words: Vec<String>, code: String, rule: String) {
        if !words.is_empty() {
            self.codes.insert(code.clone());
            self.index.insert(words, (code, rule));
        }
    }

    /// Whether `code` is an agent code some phrase maps to ("MIL" is; "HMS", a group, is not).
    /// One hash lookup.
    pub fn is_agent_code(&self, code: &str) -> bool {
        self.codes.contains(code)
    }

    /// The longest agent phrase at `words[0]`: (length, code, rule).
    pub fn longest_at<'a, F: Fn(usize) -> Option<&'a str>>(
        &'a self,
        words: &[&str],
        alt: F,
    ) -> Option<(usize, &'a str, &'a str)> {
        self.index.longest_at(words, alt).map(|(n, (c, r))| (n, c.as_str(), r.as_str()))
    }

    /// Prepares the index for matching.
    pub fn finish(&mut self) {
        self.index.finish();
    }

    /// Number of agent phrases.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}
