//! Readers for PETRARCH2 / TABARI dictionary files, so users' existing dictionaries work as
//! they are: `petrel code --dictionaries DIR` loads every file of `DIR` that [`detect_kind`]
//! recognises by its name, in the same run as petrel-format files.
//!
//! Common rules: `#` and the legacy `;` start a comment (not inside `[...]`, so `[###]` is a
//! code), `<!-- ... -->` comments may span lines; words are separated by `_` or spaces and are
//! normalised with [`phrase_words`]; a trailing `_` ("exact word, no suffixes") is dropped,
//! since petrel always matches whole words. Every line that cannot be used is reported as a
//! [`DictError`] with its line number and the reason; nothing is dropped silently.
//!
//! What each format becomes:
//!
//! - **Actors** (`NAME [CODE]`, `+SYNONYM` lines, code lines `[CODE]`, `[CODE >DATE]`,
//!   `[CODE <DATE]`, `[CODE DATE-DATE]`, several codes on one line): one [`ActorEntry`] per
//!   entry. With no date restriction the entry has a fixed `code`; otherwise its dated codes
//!   become [`Role`]s (limits inclusive, `YYMMDD` with 00-30 read as 20YY, or `YYYYMMDD`; a bare
//!   `[CODE DATE]` counts from that date) followed by the first undated code, if any, as an
//!   open-ended default role. Codes are taken as written (`---`, `ELR/GAL`, `+++` included).
//! - **Agents** (`PHRASE {PLURALS} [~AGT]`, `[AGT~]`, `!MACRO! = a, b` substitutions): one agent
//!   phrase per form. Without `{...}` the regular plural of the last word is added; `{}` adds
//!   none; `{A B}` adds the listed forms. Macro expansions get no plural, as in PETRARCH.
//! - **Discards** (`PHRASE`, `+PHRASE` for a whole story): [`Discards`], checked by the
//!   pipeline before coding a sentence. The regular plural of the last word is added unless
//!   the phrase ends with `_` (PETRARCH matches discards as word prefixes).
//! - **Verbs** (PETRARCH-2 `CAMEO.2.0` format and the older PETRARCH-1/TABARI pattern syntax):
//!   synsets `&NAME`/`+member` (anywhere in the file, nested synsets expanded, regular plurals
//!   added unless the label or member ends with `_`); blocks `--- NAME [CODE] ---` followed by
//!   their verbs (`WORD {FORMS} [CODE]`, multi-word `+BEEF_UP`, `RE_+ARREST`) and patterns
//!   `- words * words [CODE]`. Each block's patterns are shared by all its verbs
//!   ([`VerbDictionary::add_shared`](super::VerbDictionary::add_shared)); each verb also gets
//!   a bare pattern with its own or the block's code. In a pattern `*` is the verb; words
//!   before it go to [`VerbPattern::before`]; `( )` and `{ }` only group and are dropped;
//!   `&SET` and `A/B` become alternatives; `A_B` joins words that must stand together; `^`
//!   becomes an any-noun-phrase slot after the verb and is ignored before it; `+` and `$`
//!   after the verb become [`VerbPattern::target_at`]/[`VerbPattern::source_at`]; `+` before
//!   the verb (the subject is the target) becomes `swap`; `%` becomes
//!   [`VerbPattern::compound_at`]. Codes: `[a]`; `[a:b]` adds the reciprocal event `b`
//!   ([`VerbPattern::reverse_code`]); `[:b]` is `b` with source and target swapped; `---` is
//!   the null code (the pattern matches but codes nothing). Codes are not checked against the
//!   codebook: old WEIS codes (`345`, `075A`) are emitted as written. All PETRARCH patterns
//!   set [`VerbPattern::loose_target`].
//!
//! Not mapped: transformation rules (`~ a (a b ATTACK) SAY = a b 015`, rejected with a reason);
//! adjacency of a word to the verb itself (`IN_*`, `*_OUT`: the word need only be near it);
//! stem matching of names without a trailing `_` (petrel matches whole words and lemmas);
//! prefix agents `[NGO~]` (the code is appended like any agent); agent phrases whose words may
//! be separated (`A B` with a space is read as `A_B`); the distinction between PETRARCH's noun
//! phrase `{...}` and prepositional phrase `(...)` groups (both read as word sequences); a
//! `+` target inside the words before the verb (read as the subject).

use std::collections::HashMap;

use jiff::civil::Date;

use super::actors::PhraseIndex;
use super::verbs::{ANY_NP, ArgSlot, NULL_CODE};
use super::{ActorEntry, DictError, Dictionaries, Role, VerbPattern, phrase_words};

/// The PETRARCH dictionary kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PetrarchKind {
    /// Verb dictionary (`CAMEO.2.0.txt`, `*verbs*.txt`).
    Verbs,
    /// Actor dictionary (`*actors*.txt`).
    Actors,
    /// Agent dictionary (`*agents*.txt`).
    Agents,
    /// Discard list (`*discards*.txt`).
    Discards,
}

/// Recognises a PETRARCH/TABARI file by its name (case-insensitive): files whose names start
/// with `PETR`, `Phoenix` or `CAMEO.` and contain `verbs`, `actors`, `agents` or `discards`,
/// plus `CAMEO.2.0.txt`.
pub fn detect_kind(rel: &str) -> Option<PetrarchKind> {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_lowercase();
    let petrarchy = name.starts_with("petr") || name.starts_with("phoenix") || name.starts_with("cameo.");
    if !petrarchy {
        return None;
    }
    if name.contains("verb") || name == "cameo.2.0.txt" {
        Some(PetrarchKind::Verbs)
    } else if name.contains("actor") {
        Some(PetrarchKind::Actors)
    } else if name.contains("agent") {
        Some(PetrarchKind::Agents)
    } else if name.contains("discard") {
        Some(PetrarchKind::Discards)
    } else {
        None
    }
}

/// Loads a PETRARCH file into `dicts`, appending rejected lines to `errors`.
pub fn load(kind: PetrarchKind, file: &str, text: &str, dicts: &mut Dictionaries, errors: &mut Vec<DictError>) {
    let lines = clean_lines(text);
    let first_error = errors.len();
    let mut cx = Cx { file, errors, words: HashMap::new() };
    match kind {
        PetrarchKind::Actors => load_actors(&mut cx, &lines, dicts),
        PetrarchKind::Agents => load_agents(&mut cx, &lines, dicts),
        PetrarchKind::Discards => load_discards(&mut cx, &lines, dicts),
        PetrarchKind::Verbs => {
            let first = dicts.verbs.patterns.len();
            load_verbs(&mut cx, &lines, dicts);
            for p in &mut dicts.verbs.patterns[first..] {
                p.petrarch = true;
            }
        }
    }
    errors[first_error..].sort_by_key(|e| e.line);
}

/// Discard phrases from PETRARCH discard lists: a sentence that contains one is not coded; a
/// story-level phrase (written `+PHRASE`) stops the whole document.
#[derive(Debug, Clone, Default)]
pub struct Discards {
    index: PhraseIndex<(bool, String)>,
}

/// What a discard phrase found in a sentence applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardScope {
    /// Skip the sentence.
    Sentence,
    /// Skip the whole document.
    Story,
}

impl Discards {
    /// Adds a phrase (normalised words); `story`: it discards the whole document.
    pub fn add(&mut self, words: Vec<String>, story: bool, rule: String) {
        if !words.is_empty() {
            self.index.insert(words, (story, rule));
        }
    }

    /// Prepares the index for matching.
    pub fn finish(&mut self) {
        self.index.finish();
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when no phrase is loaded (the usual case: petrel's own dictionaries have none).
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The discard phrase in a sentence's normalised words, story-level ones first: (scope,
    /// rule). Cost: one hash lookup per word.
    pub fn find(&self, words: &[&str]) -> Option<(DiscardScope, &str)> {
        let mut found = None;
        for i in 0..words.len() {
            if let Some((_, (story, rule))) = self.index.longest_at(&words[i..], |_| None) {
                if *story {
                    return Some((DiscardScope::Story, rule));
                }
                found.get_or_insert((DiscardScope::Sentence, rule.as_str()));
            }
        }
        found
    }
}

// ---------------------------------------------------------------- common

/// One meaningful line: comments removed, trimmed, never empty.
struct Line {
    no: usize,
    text: String,
}

/// The file being read, its error list, and a cache of normalised words.
struct Cx<'a> {
    file: &'a str,
    errors: &'a mut Vec<DictError>,
    words: HashMap<String, Vec<String>>,
}

impl Cx<'_> {
    fn err(&mut self, line: usize, message: String) {
        self.errors.push(DictError { file: self.file.to_string(), line, message });
    }

    fn rule(&self, line: usize) -> String {
        format!("{}:{line}", self.file)
    }

    /// Normalised words of a PETRARCH phrase: `_` and spaces separate words, trailing `_` and
    /// grouping brackets are dropped.
    fn phrase(&mut self, s: &str) -> Vec<String> {
        let cleaned: String =
            s.chars().map(|c| if matches!(c, '_' | '(' | ')' | '{' | '}') { ' ' } else { c }).collect();
        let key = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(w) = self.words.get(&key) {
            return w.clone();
        }
        let w = phrase_words(&key);
        self.words.insert(key, w.clone());
        w
    }
}

/// Removes `<!-- -->` comments (also `<! --`, across lines) and `#`/`;` comments outside
/// `[...]`, keeping the lines that have something left.
fn clean_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut in_xml = false;
    for (i, raw) in text.lines().enumerate() {
        let mut kept = String::new();
        let mut rest = raw;
        'line: loop {
            if in_xml {
                match rest.find("-->") {
                    Some(e) => {
                        rest = &rest[e + 3..];
                        in_xml = false;
                    }
                    None => break,
                }
            }
            let mut depth = 0usize;
            for (k, c) in rest.char_indices() {
                match c {
                    '[' => depth += 1,
                    ']' => depth = depth.saturating_sub(1),
                    '#' | ';' if depth == 0 => {
                        kept.push_str(&rest[..k]);
                        break 'line;
                    }
                    '<' if rest[k + 1..].starts_with('!') && rest[k + 2..].trim_start().starts_with("--") => {
                        kept.push_str(&rest[..k]);
                        kept.push(' ');
                        let after_bang = &rest[k + 2..];
                        let dashes = after_bang.len() - after_bang.trim_start().len() + 2;
                        rest = &after_bang[dashes..];
                        in_xml = true;
                        continue 'line;
                    }
                    _ => {}
                }
            }
            kept.push_str(rest);
            break;
        }
        let t = kept.trim();
        if !t.is_empty() {
            out.push(Line { no: i + 1, text: t.to_string() });
        }
    }
    out
}

/// Splits `text` at its first `[`: (before, the `[...]` groups' contents). Text between or after
/// the groups is an error.
fn split_codes(text: &str) -> Result<(&str, Vec<&str>), String> {
    let Some(open) = text.find('[') else { return Ok((text, Vec::new())) };
    let mut groups = Vec::new();
    let mut rest = &text[open..];
    while !rest.is_empty() {
        let Some(r) = rest.strip_prefix('[') else {
            return Err(format!("unexpected `{rest}` after a [code]"));
        };
        let Some(close) = r.find(']') else { return Err("`[` without `]`".into()) };
        groups.push(&r[..close]);
        rest = r[close + 1..].trim_start();
    }
    Ok((&text[..open], groups))
}

/// The regular plural of an English word, or `None` when it looks plural already or is not a
/// plain word.
fn plural(word: &str) -> Option<String> {
    if word.len() < 2 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let b = word.as_bytes();
    let last = b[b.len() - 1];
    if word.ends_with("ss") || word.ends_with("sh") || word.ends_with("ch") || last == b'x' || last == b'z' {
        Some(format!("{word}es"))
    } else if last == b's' {
        None
    } else if last == b'y' && !matches!(b[b.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u') {
        Some(format!("{}ies", &word[..word.len() - 1]))
    } else {
        Some(format!("{word}s"))
    }
}

/// `words` with its last word made plural, if it has a regular plural.
fn plural_phrase(words: &[String]) -> Option<Vec<String>> {
    let (last, init) = words.split_last()?;
    let mut w = init.to_vec();
    w.push(plural(last)?);
    Some(w)
}

/// A code as written in a PETRARCH file: 2 to 40 visible ASCII characters.
fn check_code(code: &str) -> Result<(), String> {
    if (2..=40).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_graphic() && b != b'[' && b != b']') {
        Ok(())
    } else {
        Err(format!("`{code}` is not a code (2 to 40 visible characters)"))
    }
}

// ---------------------------------------------------------------- actors

/// A PETRARCH date: `YYMMDD` (00-30 → 20YY, else 19YY) or `YYYYMMDD`.
fn petr_date(s: &str) -> Result<Date, String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) || !(s.len() == 6 || s.len() == 8) {
        return Err(format!("`{s}` is not a date (YYMMDD or YYYYMMDD)"));
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<i16>().unwrap_or(0);
    let (year, at) = if s.len() == 6 {
        let yy = n(0..2);
        (if yy <= 30 { 2000 + yy } else { 1900 + yy }, 2)
    } else {
        (n(0..4), 4)
    };
    Date::new(year, n(at..at + 2) as i8, n(at + 2..at + 4) as i8).map_err(|e| format!("bad date `{s}`: {e}"))
}

/// Parses the inside of an actor code bracket: `CODE`, `CODE >D`, `CODE <D`, `CODE D-D`,
/// `CODE D`. Returns the code and its date limits.
/// Date limits of an actor code: (from, to), either open.
type Limits = (Option<Date>, Option<Date>);

fn actor_code(inner: &str) -> Result<(String, Option<Limits>), String> {
    let inner = inner.trim();
    let Some(code) = inner.split_whitespace().next() else { return Err("empty [code]".into()) };
    check_code(code)?;
    let restriction: String = inner[code.len()..].chars().filter(|c| !c.is_whitespace()).collect();
    let limits = if restriction.is_empty() {
        None
    } else if let Some(d) = restriction.strip_prefix('<') {
        Some((None, Some(petr_date(d)?)))
    } else if let Some(d) = restriction.strip_prefix('>') {
        Some((Some(petr_date(d)?), None))
    } else if let Some((a, b)) = restriction.split_once('-') {
        let (a, b) = (petr_date(a)?, petr_date(b)?);
        if a > b {
            return Err(format!("date range starts ({a}) after it ends ({b})"));
        }
        Some((Some(a), Some(b)))
    } else {
        Some((Some(petr_date(&restriction)?), None))
    };
    Ok((code.to_string(), limits))
}

#[derive(Default)]
struct PendingActor {
    line: usize,
    name: String,
    names: Vec<Vec<String>>,
    dated: Vec<Role>,
    default: Option<String>,
    /// A code line was seen (even a bad one): the next name line starts a new entry.
    had_codes: bool,
}

fn add_actor_codes(cx: &mut Cx, a: &mut PendingActor, line: usize, groups: &[&str]) {
    a.had_codes |= !groups.is_empty();
    for g in groups {
        match actor_code(g) {
            Ok((code, None)) => {
                a.default.get_or_insert(code);
            }
            Ok((code, Some((from, to)))) => a.dated.push(Role { code, from, to }),
            Err(e) => cx.err(line, e),
        }
    }
}

fn flush_actor(cx: &mut Cx, a: Option<PendingActor>, dicts: &mut Dictionaries) {
    let Some(a) = a else { return };
    if a.names.is_empty() {
        return; // the name line was already reported
    }
    let (code, roles) = match (a.default, a.dated.is_empty()) {
        (None, true) => {
            cx.err(a.line, format!("actor `{}` has no [code]", a.name));
            return;
        }
        (Some(c), true) => (Some(c), Vec::new()),
        (default, false) => {
            let mut roles = a.dated;
            roles.extend(default.map(|code| Role { code, from: None, to: None }));
            (None, roles)
        }
    };
    let entry = ActorEntry { name: a.name, code, roles, rule: cx.rule(a.line) };
    dicts.actors.add(entry, &a.names);
}

fn load_actors(cx: &mut Cx, lines: &[Line], dicts: &mut Dictionaries) {
    let mut cur: Option<PendingActor> = None;
    for l in lines {
        let (head, groups) = match split_codes(&l.text) {
            Ok(x) => x,
            Err(e) => {
                cx.err(l.no, e);
                continue;
            }
        };
        let head = head.trim();
        if let Some(syn) = head.strip_prefix('+') {
            let Some(a) = cur.as_mut() else {
                cx.err(l.no, "synonym `+...` before any actor".into());
                continue;
            };
            let words = cx.phrase(syn);
            if words.is_empty() {
                cx.err(l.no, "empty synonym".into());
            } else {
                a.names.push(words);
            }
            add_actor_codes(cx, a, l.no, &groups);
        } else if head.is_empty() {
            let Some(a) = cur.as_mut() else {
                cx.err(l.no, "[code] line before any actor".into());
                continue;
            };
            add_actor_codes(cx, a, l.no, &groups);
        } else {
            // Name lines with no code yet share the codes that follow (as in PETRARCH): only
            // a name after a code line starts a new entry.
            let mut a = match cur.take() {
                Some(a) if !a.had_codes => a,
                done => {
                    flush_actor(cx, done, dicts);
                    PendingActor {
                        line: l.no,
                        name: head.trim_end_matches('_').replace('_', " "),
                        ..Default::default()
                    }
                }
            };
            let words = cx.phrase(head);
            if words.is_empty() {
                cx.err(l.no, format!("`{head}` has no words"));
            } else {
                a.names.push(words);
            }
            add_actor_codes(cx, &mut a, l.no, &groups);
            cur = Some(a);
        }
    }
    flush_actor(cx, cur, dicts);
}

// ---------------------------------------------------------------- agents

/// Expands `!MACRO!` markers: every form, with whether a macro was used.
fn expand_macros(s: &str, macros: &HashMap<String, Vec<String>>) -> Result<Vec<(String, bool)>, String> {
    let Some(a) = s.find('!') else { return Ok(vec![(s.to_string(), false)]) };
    let Some(len) = s[a + 1..].find('!') else { return Err(format!("unclosed substitution marker in `{s}`")) };
    let name = &s[a + 1..a + 1 + len];
    let Some(subs) = macros.get(&name.to_uppercase()) else { return Err(format!("undefined substitution `!{name}!`")) };
    let mut out = Vec::new();
    for sub in subs {
        let joined = format!("{}{sub}{}", &s[..a], &s[a + len + 2..]);
        out.extend(expand_macros(&joined, macros)?.into_iter().map(|(f, _)| (f, true)));
    }
    Ok(out)
}

fn load_agents(cx: &mut Cx, lines: &[Line], dicts: &mut Dictionaries) {
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    for l in lines {
        let text = l.text.as_str();
        if text.starts_with('!') && !text.contains('[') {
            match text[1..].split_once('!').map(|(n, rest)| (n, rest.trim_start().strip_prefix('='))) {
                Some((name, Some(list))) if !name.is_empty() => {
                    let subs: Vec<String> = list
                        .split(',')
                        .map(|x| x.split_whitespace().collect::<String>())
                        .filter(|x| !x.is_empty())
                        .collect();
                    macros.insert(name.to_uppercase(), subs);
                }
                _ => cx.err(l.no, "expected `!NAME! = form, form, ...`".into()),
            }
            continue;
        }
        let (head, groups) = match split_codes(text) {
            Ok((h, g)) if g.len() == 1 => (h, g),
            Ok((_, g)) if g.is_empty() => {
                cx.err(l.no, "agent entry without an [~AGENT] code".into());
                continue;
            }
            Ok(_) => {
                cx.err(l.no, "an agent entry takes one [~AGENT] code".into());
                continue;
            }
            Err(e) => {
                cx.err(l.no, e);
                continue;
            }
        };
        let code = groups[0].trim().trim_matches('~').trim();
        if let Err(e) = check_code(code) {
            cx.err(l.no, e);
            continue;
        }
        let (phrase, plurals) = match head.find('{') {
            Some(b) => match head[b..].find('}') {
                Some(e) => (&head[..b], Some(&head[b + 1..b + e])),
                None => {
                    cx.err(l.no, "`{` without `}`".into());
                    continue;
                }
            },
            None => (head, None),
        };
        let forms = match expand_macros(phrase.trim(), &macros) {
            Ok(f) => f,
            Err(e) => {
                cx.err(l.no, e);
                continue;
            }
        };
        let rule = cx.rule(l.no);
        let mut added = 0;
        for (form, from_macro) in forms {
            let words = cx.phrase(&form);
            if words.is_empty() {
                continue;
            }
            if plurals.is_none() && !from_macro && !form.ends_with('_') {
                if let Some(p) = plural_phrase(&words) {
                    dicts.agents.add(p, code.to_string(), rule.clone());
                }
            }
            dicts.agents.add(words, code.to_string(), rule.clone());
            added += 1;
        }
        for p in plurals.unwrap_or("").split_whitespace() {
            dicts.agents.add(cx.phrase(p), code.to_string(), rule.clone());
        }
        if added == 0 {
            cx.err(l.no, "agent entry without words".into());
        }
    }
}

// ---------------------------------------------------------------- discards

fn load_discards(cx: &mut Cx, lines: &[Line], dicts: &mut Dictionaries) {
    for l in lines {
        let (story, phrase) = match l.text.strip_prefix('+') {
            Some(p) => (true, p.trim()),
            None => (false, l.text.as_str()),
        };
        let words = cx.phrase(phrase);
        if words.is_empty() {
            cx.err(l.no, "discard phrase without words".into());
            continue;
        }
        let rule = cx.rule(l.no);
        if !phrase.ends_with('_') {
            if let Some(p) = plural_phrase(&words) {
                dicts.discards.add(p, story, rule.clone());
            }
        }
        dicts.discards.add(words, story, rule);
    }
}

// ---------------------------------------------------------------- verbs

/// A pattern or verb code field: `[a]`, `[a:b]`, `[:b]`.
#[derive(Debug, Clone, PartialEq)]
struct CodeSpec {
    code: String,
    reverse: Option<String>,
    swap: bool,
}

fn code_spec(inner: &str) -> Result<CodeSpec, String> {
    let inner = inner.trim();
    let (a, b) = match inner.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (inner, None),
    };
    let b = b.filter(|b| !b.is_empty());
    for c in [Some(a), b].into_iter().flatten().filter(|c| !c.is_empty()) {
        check_code(c)?;
    }
    match (a, b) {
        ("", None) => Err("empty [code]".into()),
        // `[:b]`: only the reverse event: the target does `b` to the source.
        ("", Some(b)) => Ok(CodeSpec { code: b.to_string(), reverse: None, swap: true }),
        (a, Some(b)) if a == NULL_CODE => Ok(CodeSpec { code: b.to_string(), reverse: None, swap: true }),
        (a, b) => Ok(CodeSpec {
            code: a.to_string(),
            reverse: b.filter(|b| *b != NULL_CODE).map(str::to_string),
            swap: false,
        }),
    }
}

/// Synsets: name (upper case, no `&`, no trailing `_`) → alternatives (space-joined words).
type Synsets = HashMap<String, Vec<String>>;

fn synset_key(s: &str) -> String {
    s.trim_start_matches('&').trim_end_matches('_').to_uppercase()
}

/// Reads every synset of the file (they may be used before they are defined).
fn collect_synsets(cx: &mut Cx, lines: &[Line]) -> Synsets {
    let mut raw: Vec<RawSynset> = Vec::new();
    let mut open = false;
    for l in lines {
        if let Some(name) = l.text.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("");
            raw.push((synset_key(name), l.no, !name.ends_with('_'), Vec::new()));
            open = true;
        } else if open && l.text.starts_with('+') {
            raw.last_mut().unwrap().3.push((l.no, l.text[1..].trim().to_string()));
        } else {
            open = false;
        }
    }
    let index: HashMap<String, usize> = raw.iter().enumerate().map(|(i, r)| (r.0.clone(), i)).collect();
    let mut done: Synsets = HashMap::new();
    for i in 0..raw.len() {
        resolve_synset(cx, &raw, &index, i, &mut done, 0);
    }
    done
}

/// A synset as written: name, line, plurals allowed, members (line, text).
type RawSynset = (String, usize, bool, Vec<(usize, String)>);

fn resolve_synset(
    cx: &mut Cx,
    raw: &[RawSynset],
    index: &HashMap<String, usize>,
    i: usize,
    done: &mut Synsets,
    depth: usize,
) {
    let (name, line, plurals, members) = &raw[i];
    if done.contains_key(name) {
        return;
    }
    if depth > 8 {
        cx.err(*line, format!("synset &{name} is nested too deeply (a cycle?)"));
        done.insert(name.clone(), Vec::new());
        return;
    }
    let mut alts: Vec<String> = Vec::new();
    for (no, member) in members {
        // Members are words (`_` or space separated), `(...)` phrases or other synsets.
        let exact = member.trim_end_matches([')', ' ']).ends_with('_');
        let mut seqs: Vec<Vec<String>> = vec![Vec::new()];
        let mut last_is_word = false;
        for part in member
            .split(|c: char| c == '_' || c.is_whitespace())
            .map(|p| p.trim_matches(['(', ')', '{', '}']))
            .filter(|p| !p.is_empty())
        {
            let options: Vec<String> = if part.starts_with('&') {
                let key = synset_key(part);
                match index.get(&key) {
                    Some(&j) => {
                        resolve_synset(cx, raw, index, j, done, depth + 1);
                        done.get(&key).cloned().unwrap_or_default()
                    }
                    None => {
                        cx.err(*no, format!("undefined synset {part}"));
                        Vec::new()
                    }
                }
            } else {
                match cx.phrase(part).join(" ") {
                    w if w.is_empty() => continue,
                    w => vec![w],
                }
            };
            last_is_word = !part.starts_with('&');
            seqs =
                seqs.iter().flat_map(|s| options.iter().map(move |o| [s.clone(), vec![o.clone()]].concat())).collect();
        }
        for s in seqs {
            let joined = s.join(" ");
            if joined.is_empty() {
                continue;
            }
            if *plurals && !exact && last_is_word {
                let words: Vec<String> = joined.split(' ').map(str::to_string).collect();
                if let Some(p) = plural_phrase(&words) {
                    alts.push(p.join(" "));
                }
            }
            alts.push(joined);
        }
    }
    alts.sort();
    alts.dedup();
    done.insert(name.clone(), alts);
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
enum Elem {
    Verb,
    Source,
    Target,
    Compound,
    Skip,
    /// Alternatives; `joined`: glued to the previous element with `_`.
    Word(Vec<String>, bool),
}

/// A pattern as read, before it is attached to the block's verbs.
#[derive(Debug, Clone)]
struct PatternSpec {
    before: Vec<Vec<String>>,
    words: Vec<Vec<String>>,
    source_at: Option<usize>,
    target_at: Option<usize>,
    compound_at: Option<ArgSlot>,
    swap: bool,
    code: CodeSpec,
    line: usize,
    text: String,
}

/// Most alternatives one `A_&SET_B` group may expand to.
const MAX_JOINED_ALTERNATIVES: usize = 5000;

fn pattern_word(cx: &mut Cx, part: &str, synsets: &Synsets) -> Result<Vec<String>, String> {
    if part.starts_with('&') {
        return synsets
            .get(&synset_key(part))
            .filter(|s| !s.is_empty())
            .cloned()
            .ok_or_else(|| format!("undefined synset {part}"));
    }
    let alts: Vec<String> = part.split('/').map(|a| cx.phrase(a).join(" ")).filter(|a| !a.is_empty()).collect();
    if alts.is_empty() {
        return Err(format!("`{part}` has no words"));
    }
    Ok(alts)
}

fn parse_pattern(cx: &mut Cx, l: &Line, synsets: &Synsets) -> Result<PatternSpec, String> {
    let body = l.text.trim_start_matches('-').trim();
    let (body, groups) = split_codes(body)?;
    let code = match groups.as_slice() {
        [c] => code_spec(c)?,
        [] => return Err("pattern without a [code]".into()),
        _ => return Err("a pattern takes one [code]".into()),
    };
    // Elements: split at blanks, then at `_` (glued), brackets only group.
    let mut elems: Vec<Elem> = Vec::new();
    let cleaned: String = body.chars().map(|c| if matches!(c, '(' | ')' | '{' | '}') { ' ' } else { c }).collect();
    for item in cleaned.split_whitespace() {
        let mut glued = false;
        for part in item.split('_') {
            if part.is_empty() {
                continue; // a trailing `_` (exact word) or a doubled one
            }
            // `*WORD` (a missing blank) is the verb followed by a word.
            let (star, part) = match part.strip_prefix('*') {
                Some(rest) if !rest.is_empty() && !rest.starts_with('*') => (true, rest),
                _ => (false, part),
            };
            if star {
                elems.push(Elem::Verb);
            }
            let e = match part {
                "*" | "**" => Elem::Verb,
                "$" => Elem::Source,
                "+" => Elem::Target,
                "%" => Elem::Compound,
                "^" => Elem::Skip,
                w => Elem::Word(pattern_word(cx, w, synsets)?, glued && !star),
            };
            glued = matches!(e, Elem::Word(..));
            elems.push(e);
        }
    }
    let verbs = elems.iter().filter(|e| **e == Elem::Verb).count();
    if verbs != 1 {
        return Err(format!("a pattern needs exactly one `*` (the verb), found {verbs}"));
    }
    let mut p = PatternSpec {
        before: Vec::new(),
        words: Vec::new(),
        source_at: None,
        target_at: None,
        compound_at: None,
        swap: false,
        code,
        line: l.no,
        text: l.text.clone(),
    };
    let mut after = false;
    let mut target_subject = false;
    for e in elems {
        let slots = if after { &mut p.words } else { &mut p.before };
        match e {
            Elem::Verb => after = true,
            Elem::Word(alts, true) if !slots.is_empty() => {
                // `A_B`: one slot whose alternatives are the joined phrases.
                let prev = slots.pop().unwrap();
                if prev.len() * alts.len() > MAX_JOINED_ALTERNATIVES {
                    return Err(format!("`_`-joined words expand to more than {MAX_JOINED_ALTERNATIVES} phrases"));
                }
                slots.push(prev.iter().flat_map(|a| alts.iter().map(move |b| format!("{a} {b}"))).collect());
            }
            Elem::Word(alts, _) => slots.push(alts),
            Elem::Skip if after => p.words.push(vec![ANY_NP.to_string()]),
            Elem::Skip => {}
            Elem::Source if after => {
                p.source_at.get_or_insert(p.words.len());
            }
            Elem::Source => {}
            Elem::Target if after => {
                p.target_at.get_or_insert(p.words.len());
            }
            Elem::Target => target_subject = true,
            Elem::Compound if after => {
                p.compound_at.get_or_insert(ArgSlot::After(p.words.len()));
            }
            Elem::Compound => {
                p.compound_at.get_or_insert(ArgSlot::Subject);
            }
        }
    }
    if target_subject {
        // The subject is the target: source and target change places, and a `$` after the
        // verb is where the (swapped) object side is.
        p.swap = true;
        p.target_at = p.source_at.take().or(p.target_at);
    }
    p.swap ^= p.code.swap;
    Ok(p)
}

/// A verb of a block: `before`/`after` are the other words of a multi-word verb.
#[derive(Debug, Clone)]
struct VerbSpec {
    before: Vec<String>,
    head: String,
    after: Vec<String>,
    /// Listed forms the tagger cannot derive from the head (irregular forms).
    aliases: Vec<String>,
    code: Option<CodeSpec>,
    line: usize,
    text: String,
}

/// True when `form` is a regular inflection of `base` (the tagger finds those by itself).
fn regular_form(form: &str, base: &str) -> bool {
    if form == base {
        return true;
    }
    let stem = base.strip_suffix('e').unwrap_or(base);
    let y_stem = base.strip_suffix('y').map(|s| format!("{s}i"));
    let doubled = base.chars().last().map(|c| format!("{base}{c}"));
    let candidates = [base, stem, y_stem.as_deref().unwrap_or(base), doubled.as_deref().unwrap_or(base)];
    candidates.iter().any(|c| ["s", "es", "d", "ed", "ing"].iter().any(|suf| form == format!("{c}{suf}")))
}

/// The verb head that `form` regularly inflects, if it is one of `heads` ("attacked" →
/// "attack", "rises" → "rise").
fn inflection_of<'a>(form: &str, heads: &'a std::collections::HashSet<String>) -> Option<&'a String> {
    for suffix in ["ing", "ed", "es", "s", "d"] {
        let Some(stem) = form.strip_suffix(suffix) else { continue };
        let mut candidates = vec![stem.to_string(), format!("{stem}e")];
        if let Some(s) = stem.strip_suffix('i') {
            candidates.push(format!("{s}y"));
        }
        if stem.len() > 2 {
            candidates.push(stem[..stem.len() - 1].to_string());
        }
        for c in candidates {
            if let Some(h) = heads.get(&c) {
                if h != form && regular_form(form, h) {
                    return Some(h);
                }
            }
        }
    }
    None
}

/// Splits a verb phrase (`+CORDON_OFF`, `RE_+ARREST`, `SAY`) into (before, head, after).
fn verb_phrase(cx: &mut Cx, s: &str) -> Option<(Vec<String>, String, Vec<String>)> {
    let parts: Vec<&str> = s.split(|c: char| c == '_' || c.is_whitespace()).filter(|p| !p.is_empty()).collect();
    let at = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let mut words = |ps: &[&str]| ps.iter().flat_map(|p| cx.phrase(p.trim_start_matches('+'))).collect::<Vec<String>>();
    let before = words(&parts[..at.min(parts.len())]);
    let mut head_words = words(parts.get(at..at + 1).unwrap_or(&[]));
    let mut after = words(parts.get(at + 1..).unwrap_or(&[]));
    if head_words.is_empty() {
        return None;
    }
    let head = head_words.remove(0);
    head_words.append(&mut after);
    Some((before, head, head_words))
}

fn parse_verb_line(cx: &mut Cx, l: &Line) -> Result<VerbSpec, String> {
    let (head, groups) = split_codes(&l.text)?;
    let code = match groups.as_slice() {
        [] => None,
        [c] => Some(code_spec(c)?),
        _ => return Err("a verb takes one [code]".into()),
    };
    let (main, forms) = match head.find('{') {
        Some(b) => match head[b..].find('}') {
            Some(e) => (&head[..b], &head[b + 1..b + e]),
            None => return Err("`{` without `}`".into()),
        },
        None => (head, ""),
    };
    let (before, verb, after) =
        verb_phrase(cx, main.trim()).ok_or_else(|| format!("`{}` is not a verb", main.trim()))?;
    let mut aliases = Vec::new();
    for f in forms.split_whitespace() {
        if let Some((_, h, _)) = verb_phrase(cx, f) {
            if !regular_form(&h, &verb) && !aliases.contains(&h) {
                aliases.push(h);
            }
        }
    }
    Ok(VerbSpec { before, head: verb, after, aliases, code, line: l.no, text: l.text.clone() })
}

struct Block {
    line: usize,
    code: CodeSpec,
    verbs: Vec<VerbSpec>,
    patterns: Vec<PatternSpec>,
}

fn to_slots(words: &[String]) -> Vec<Vec<String>> {
    words.iter().map(|w| vec![w.clone()]).collect()
}

/// Turns a block into verb patterns: one bare pattern per verb, plus the block's patterns
/// shared by the verbs of each multi-word shape.
fn emit_block(cx: &mut Cx, b: Block, dicts: &mut Dictionaries) {
    if b.verbs.is_empty() {
        if !b.patterns.is_empty() {
            cx.err(b.line, format!("verb block without verbs: its {} patterns cannot be used", b.patterns.len()));
        }
        return;
    }
    let mut shapes: Vec<(&[String], &[String], Vec<String>)> = Vec::new();
    for v in &b.verbs {
        let heads = std::iter::once(v.head.clone()).chain(v.aliases.iter().cloned());
        match shapes.iter_mut().find(|s| s.0 == v.before.as_slice() && s.1 == v.after.as_slice()) {
            Some(s) => s.2.extend(heads),
            None => shapes.push((&v.before, &v.after, heads.collect())),
        }
    }
    // Bare verbs first: a block pattern as long as the bare verb ("- % *") wins the tie.
    for v in &b.verbs {
        let code = v.code.as_ref().unwrap_or(&b.code);
        let verb_text = v.text.split('[').next().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        let mut vp = VerbPattern::new(&code.code, &v.head, &format!("{} {verb_text} [{}]", cx.rule(v.line), code.code));
        vp.before = to_slots(&v.before);
        vp.words = to_slots(&v.after);
        vp.swap = code.swap;
        vp.reverse_code = code.reverse.clone();
        vp.loose_target = true;
        let heads: Vec<String> = std::iter::once(v.head.clone()).chain(v.aliases.iter().cloned()).collect();
        dicts.verbs.add_shared(vp, &heads);
    }
    for (before, after, heads) in &shapes {
        for p in &b.patterns {
            let mut vp = VerbPattern::new(
                &p.code.code,
                &heads[0],
                &format!("{} {}", cx.rule(p.line), p.text.split_whitespace().collect::<Vec<_>>().join(" ")),
            );
            vp.before = p.before.iter().cloned().chain(to_slots(before)).collect();
            vp.words = to_slots(after).into_iter().chain(p.words.iter().cloned()).collect();
            let shift = |n: usize| n + after.len();
            vp.source_at = p.source_at.map(shift);
            vp.target_at = p.target_at.map(shift);
            vp.compound_at = p.compound_at.map(|c| match c {
                ArgSlot::After(n) => ArgSlot::After(shift(n)),
                s => s,
            });
            vp.swap = p.swap;
            vp.reverse_code = p.code.reverse.clone();
            vp.loose_target = true;
            dicts.verbs.add_shared(vp, heads);
        }
    }
}

fn load_verbs(cx: &mut Cx, lines: &[Line], dicts: &mut Dictionaries) {
    let synsets = collect_synsets(cx, lines);
    let mut blocks: Vec<Block> = Vec::new();
    let mut block: Option<Block> = None;
    let mut in_synset = false;
    for l in lines {
        let t = l.text.as_str();
        if t.starts_with('&') {
            in_synset = true;
            continue;
        }
        if in_synset && t.starts_with('+') {
            continue;
        }
        in_synset = false;
        if t.starts_with("---") {
            blocks.extend(block.take());
            // `--- NAME [CODE] ---`; dashes may touch the code (`[110]---`).
            let groups: Vec<&str> = t.split('[').skip(1).map(|g| g.split(']').next().unwrap_or(g)).collect();
            if groups.len() > 1 {
                cx.err(l.no, format!("block header with {} codes: only the first is used", groups.len()));
            }
            let code = match groups.first() {
                None => Ok(CodeSpec { code: NULL_CODE.into(), reverse: None, swap: false }),
                Some(g) => code_spec(g),
            };
            let code = code.unwrap_or_else(|e| {
                cx.err(l.no, format!("{e}; the block's verbs get the null code"));
                CodeSpec { code: NULL_CODE.into(), reverse: None, swap: false }
            });
            block = Some(Block { line: l.no, code, verbs: Vec::new(), patterns: Vec::new() });
        } else if t.starts_with('~') {
            cx.err(l.no, "PETRARCH transformation rules (`~ ... = ...`) are not supported".into());
        } else if let Some(b) = block.as_mut() {
            if t.starts_with('-') {
                match parse_pattern(cx, l, &synsets) {
                    Ok(p) => b.patterns.push(p),
                    Err(e) => cx.err(l.no, e),
                }
            } else {
                match parse_verb_line(cx, l) {
                    Ok(v) => b.verbs.push(v),
                    Err(e) => cx.err(l.no, e),
                }
            }
        } else {
            cx.err(l.no, "line outside a `--- VERB [CODE] ---` block".into());
        }
    }
    blocks.extend(block.take());
    // Heads that inflect another head ("attacked" of `+ATTACKED_AND_STABBED` beside `ATTACK`)
    // are matched by form; the tagger keeps lemmatizing them as the verb they inflect.
    let heads: std::collections::HashSet<String> =
        blocks.iter().flat_map(|b| b.verbs.iter().map(|v| v.head.clone())).collect();
    for h in &heads {
        if inflection_of(h, &heads).is_some() {
            dicts.verbs.mark_form(h);
        }
    }
    for b in blocks {
        emit_block(cx, b, dicts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::DictionarySources;

    fn empty() -> Dictionaries {
        Dictionaries::load(&DictionarySources { no_builtin: true, dirs: Vec::new() }).unwrap()
    }

    fn load_str(name: &str, text: &str) -> (Dictionaries, Vec<DictError>) {
        let mut d = empty();
        let mut errors = Vec::new();
        d.add_file_named(name, name, text, &mut errors);
        d.verbs.finish();
        d.actors.finish();
        d.agents.finish();
        d.discards.finish();
        (d, errors)
    }

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn detects_kinds() {
        assert_eq!(detect_kind("x/CAMEO.2.0.txt"), Some(PetrarchKind::Verbs));
        assert_eq!(detect_kind("Phoenix.Countries.actors.txt"), Some(PetrarchKind::Actors));
        assert_eq!(detect_kind("PETR_Validate_agents_2_02.txt"), Some(PetrarchKind::Agents));
        assert_eq!(detect_kind("Phoenix.discards.txt"), Some(PetrarchKind::Discards));
        assert_eq!(detect_kind("Phoenix.IssueCoding.txt"), None);
        assert_eq!(detect_kind("actors/people.txt"), None);
    }

    #[test]
    fn cleans_comments() {
        let text = "<!-- one -->\nA [X] # c\n<!--\n# two\n# -->\nB [###] ; old\n<! -- three -->C\n  \n";
        let l: Vec<(usize, String)> = clean_lines(text).into_iter().map(|l| (l.no, l.text)).collect();
        assert_eq!(l, vec![(2, "A [X]".into()), (6, "B [###]".into()), (7, "C".into())]);
    }

    #[test]
    fn reads_actors_with_dates_and_synonyms() {
        let text = "\
ARNOR_  [ARN]
AUSTRALIA [AUS]
+AUSTRALIAN
GOLLUM  # pas
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
SAM_GAMGEE [HOB]
\t[HOBMIL 20080120-20121109]
JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# IGOrulers.txt
LORIEN  [ELR/GAL]
NOBODY
";
        let (d, errors) = load_str("PETR.Validate.actors.txt", text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].message.as_str()), (13, "actor `NOBODY` has no [code]"));
        assert_eq!(d.actors.entry_for(&["arnor"]).unwrap().code.as_deref(), Some("ARN"));
        assert_eq!(d.actors.entry_for(&["australian"]).unwrap().code.as_deref(), Some("AUS"));
        assert_eq!(d.actors.entry_for(&["lorien"]).unwrap().code.as_deref(), Some("ELR/GAL"));
        let g = d.actors.entry_for(&["smeagol"]).unwrap();
        assert_eq!(g.code, None);
        let on = |e: &ActorEntry, s: &str| e.code_on(Some(s.parse().unwrap())).unwrap().code.to_string();
        assert_eq!(on(g, "1990-01-01"), "HOB");
        assert_eq!(on(g, "1997-01-01"), "HOBGOV");
        assert_eq!(on(g, "2001-01-01"), "HOBREB");
        let s = d.actors.entry_for(&["sam", "gamgee"]).unwrap();
        assert_eq!(on(s, "2010-01-01"), "HOBMIL");
        assert_eq!(on(s, "2020-01-01"), "HOB");
        let j = d.actors.entry_for(&["javier", "de", "cuellar"]).unwrap();
        assert_eq!(on(j, "1985-01-01"), "IGOUNO");
        assert_eq!(on(j, "2000-01-01"), "ELI");
        assert_eq!(j.rule, "PETR.Validate.actors.txt:11");
    }

    #[test]
    fn reports_bad_actor_lines() {
        let (d, errors) = load_str("PETR.actors.txt", "+ORPHAN\nA [AAA 991399]\n[BBB]\nC [CCC 20100101-20000101]\n");
        let msgs: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert_eq!(msgs[0], (1, "synonym `+...` before any actor"));
        assert!(msgs[1].0 == 2 && msgs[1].1.starts_with("bad date"), "{msgs:?}");
        assert!(msgs[2].0 == 4 && msgs[2].1.contains("after it ends"), "{msgs:?}");
        assert_eq!(msgs[3], (4, "actor `C` has no [code]"));
        // The code line after a bad one still belongs to its entry.
        assert_eq!(d.actors.entry_for(&["a"]).unwrap().code.as_deref(), Some("BBB"));
    }

    #[test]
    fn reads_agents_with_plurals_and_macros() {
        let text = "\
!PERSON! = MAN, MEN, WOMAN
POLICE {} [ ~COP]
SOLDIER [~MIL]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY  [NGO~]
ISLAMIC_EXTREMIST
ARMY [~MIL]
";
        let (d, errors) = load_str("Phoenix.agents.txt", text);
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![7]);
        let code = |s: &str| {
            let words: Vec<&str> = s.split(' ').collect();
            d.agents.longest_at(&words, |_| None).filter(|x| x.0 == words.len()).map(|x| x.1.to_string())
        };
        assert_eq!(code("police").as_deref(), Some("COP"));
        assert_eq!(code("polices"), None);
        assert_eq!(code("soldiers").as_deref(), Some("MIL"));
        assert_eq!(code("armies").as_deref(), Some("MIL"));
        assert_eq!(code("attorneys general").as_deref(), Some("GOV"));
        assert_eq!(code("attorney generals"), None);
        assert_eq!(code("congresswoman").as_deref(), Some("LEG"));
        assert_eq!(code("congressmen").as_deref(), Some("LEG"));
        assert_eq!(code("human rights body").as_deref(), Some("NGO"));
    }

    #[test]
    fn reads_discards() {
        let (d, errors) = load_str(
            "PETR.Validate.discards.txt",
            "MONTHS LATER\n+Manchester United   # pas\nBASEBALL\nWOMEN'S DOUBLES_\n",
        );
        assert!(errors.is_empty());
        assert_eq!(
            d.discards.find(&["he", "left", "months", "later"]),
            Some((DiscardScope::Sentence, "PETR.Validate.discards.txt:1"))
        );
        assert_eq!(d.discards.find(&["baseballs"]).map(|x| x.0), Some(DiscardScope::Sentence));
        assert_eq!(
            d.discards.find(&["baseball", "and", "manchester", "united"]).map(|x| x.0),
            Some(DiscardScope::Story)
        );
        assert_eq!(d.discards.find(&["women", "'s", "doubles"]).map(|x| x.0), Some(DiscardScope::Sentence));
        assert_eq!(d.discards.find(&["months"]), None);
    }

    const VERBS: &str = "\
&CURRENCY
+DOLLAR
+CASH_
+SWISS FRANCS

&TIETYPES_
+MILITARY
+ECONOMIC

&ACCORDSYN
+&TIETYPES
+CLOSER

--- RESTORE  [064]  ---
RESTORE    # pas 18 Jun 2007
- * DIPLOMATIC  [064]
- * THE FULL  [xxy]
- NOT * RELATIONS  [112]
- * DIPLXMATIC  [###]

---  GRANT   [070]  ---
GIVE {GAVE GIVEN GIVES GIVING}
LEND {LENT}
+HAND_OVER [075]
- * &CURRENCY (TO +)  [071:072]
- &MILITARY * $ [:173]
- + HOSTING * TABASKI ^ $ [042]
- * NEW_&TIETYPES_RELATIONS [903]
- * BY/WITH % [031]
- * &UNDEFINED [111]
- * [---]
- SAID ARMY [010]

--- EMPTY [010] ---

~ a (a b ATTACK) SAY = a b 015
";

    #[test]
    fn reads_verb_blocks_and_patterns() {
        let (d, errors) = load_str("CAMEO.2.0.txt", VERBS);
        let msgs: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert_eq!(msgs[0], (26, "undefined synset &MILITARY"));
        assert_eq!(msgs[1], (30, "undefined synset &UNDEFINED"));
        assert_eq!(msgs[2].0, 32);
        assert!(msgs[2].1.contains("exactly one `*`"));
        assert_eq!(msgs[3].0, 36);
        // The synonyms share the block's patterns; irregular forms are extra heads.
        for head in ["give", "lend", "lent", "gave", "given"] {
            assert!(d.verbs.verb_patterns(head).any(|p| p.code == "071"), "{head}");
        }
        assert!(!d.verbs.has_verb("gives"), "regular forms are left to the tagger");
        let p = d.verbs.verb_patterns("give").find(|p| p.code == "071").unwrap();
        assert!(p.words[0].contains(&"dollars".to_string()) && p.words[0].contains(&"swiss francs".to_string()));
        assert!(p.words[0].contains(&"cash".to_string()) && !p.words[0].contains(&"cashes".to_string()));
        assert_eq!(p.words[1], vec!["to"]);
        assert_eq!(p.target_at, Some(2));
        assert_eq!(p.reverse_code.as_deref(), Some("072"));
        assert!(p.loose_target);
        assert!(p.rule.starts_with("CAMEO.2.0.txt:25 - * &CURRENCY"), "{}", p.rule);
        let p = d.verbs.verb_patterns("give").find(|p| p.code == "042").unwrap();
        assert!(p.swap);
        assert_eq!(p.before, vec![vec!["hosting"]]);
        assert_eq!(p.words, vec![vec!["tabaski".to_string()], vec![ANY_NP.to_string()]]);
        assert_eq!(p.target_at, Some(2));
        assert_eq!(p.source_at, None);
        let p = d.verbs.verb_patterns("give").find(|p| p.code == "903").unwrap();
        assert_eq!(p.words, vec![vec![w("new economic relations").join(" "), w("new military relations").join(" ")]]);
        let p = d.verbs.verb_patterns("give").find(|p| p.code == "031").unwrap();
        assert_eq!(p.words, vec![vec!["by".to_string(), "with".to_string()]]);
        assert_eq!(p.compound_at, Some(ArgSlot::After(1)));
        // Multi-word verbs: the particle follows the head; its own code for the bare verb.
        let p = d.verbs.verb_patterns("hand").find(|p| p.code == "075").unwrap();
        assert_eq!(p.words, vec![vec!["over"]]);
        assert!(d.verbs.verb_patterns("hand").any(|p| p.code == "071" && p.words[0] == vec!["over"]));
        // Bare verbs get the block's code; codes outside the codebook are kept.
        assert!(d.verbs.verb_patterns("restore").any(|p| p.code == "064" && p.words.is_empty()));
        assert!(d.verbs.verb_patterns("restore").any(|p| p.code == "xxy"));
        assert!(d.verbs.verb_patterns("restore").any(|p| p.code == "###"));
        let p = d.verbs.verb_patterns("restore").find(|p| p.code == "112").unwrap();
        assert_eq!(p.before, vec![vec!["not"]]);
    }

    #[test]
    fn name_lines_without_codes_share_the_next_codes() {
        let text = "IVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\n\t[HRVGOV >20120219]\nZORAN_MILANOVIC_ [HRVGOV]\n";
        let (d, errors) = load_str("Phoenix.Countries.actors.txt", text);
        assert!(errors.is_empty(), "{errors:?}");
        for name in [&["ivo", "josipovic"][..], &["president", "josipovic"], &["zoran", "milanovic"]] {
            assert_eq!(
                d.actors.entry_for(name).unwrap().code_on(Some("2013-01-01".parse().unwrap())).unwrap().code,
                "HRVGOV"
            );
        }
        assert_eq!(d.actors.entry_for(&["president", "josipovic"]).unwrap().rule, "Phoenix.Countries.actors.txt:1");
    }

    #[test]
    fn inflected_heads_are_forms_not_lemmas() {
        let (d, errors) =
            load_str("CAMEO.2.0.txt", "--- FIGHT [190] ---\n+ATTACKED_AND_STABBED {}\nATTACK\nRISE\nRISES\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert!(d.verbs.has_verb("attacked") && d.verbs.has_verb("rises"));
        let lemmas: Vec<&String> = d.verbs.verb_heads().collect();
        assert!(
            !lemmas.iter().any(|h| *h == "attacked" || *h == "rises") && lemmas.iter().any(|h| *h == "attack"),
            "{lemmas:?}"
        );
        assert_eq!(
            inflection_of("attacked", &["attack".to_string()].into_iter().collect()).map(String::as_str),
            Some("attack")
        );
    }

    /// Codes `text` with PETRARCH-format actors, agents and verbs only.
    fn code(verbs: &str, text: &str) -> Vec<(String, String, String, f64, u8)> {
        let mut d = empty();
        let mut errors = Vec::new();
        d.add_file_named(
            "PETR.actors.txt",
            "a",
            "ARNOR [ARN]\nGONDOR [GON]\nMORDOR [MOR]\nROHAN [ROH]\nOSGILIATH [OSG]\n",
            &mut errors,
        );
        d.add_file_named("PETR.agents.txt", "g", "SOLDIER [~MIL]\n", &mut errors);
        d.add_file_named("PETR.verbs.txt", "v", verbs, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        d.verbs.finish();
        d.actors.finish();
        d.agents.finish();
        let p = crate::Pipeline::new(d);
        let doc = crate::Document::new("t", text).with_published("2001-01-01".parse().unwrap());
        let mut out: Vec<_> = p
            .code_document(&doc)
            .into_iter()
            .map(|e| (e.source.code, e.target.map(|t| t.code).unwrap_or_default(), e.cameo, e.goldstein, e.quad_class))
            .collect();
        out.sort_by(|a, b| a.partial_cmp(b).unwrap());
        out
    }

    fn ev(s: &str, t: &str, c: &str) -> (String, String, String) {
        (s.into(), t.into(), c.into())
    }

    fn triples(v: Vec<(String, String, String, f64, u8)>) -> Vec<(String, String, String)> {
        v.into_iter().map(|x| (x.0, x.1, x.2)).collect()
    }

    const MATCH_VERBS: &str = "\
&TROOPS
+SOLDIER
+TROOPS_

--- MEET [040] ---
MEET {MET}
- * (WITH) [036:036]

--- RECEIVE [---] ---
RECEIVE
- * THREAT [:138]

--- MOVE [---] ---
MOVE
- &TROOPS * (TO +) [192]

--- CONFER [---] ---
CONFER
- * (IN ^) (WITH +) [046]

--- URGE [---] ---
URGE
- * + TO HELP $ [020]

--- AGREE [---] ---
AGREE
- % * [030]

--- PRAISE [345] ---
PRAISE

--- IGNORE [---] ---
IGNORE
";

    #[test]
    fn petrarch_patterns_code_events() {
        // `[a:b]`: the reciprocal event too.
        assert_eq!(
            triples(code(MATCH_VERBS, "Arnor met with Gondor.")),
            vec![ev("ARN", "GON", "036"), ev("GON", "ARN", "036")]
        );
        // `[:b]`: the object side acts on the subject.
        assert_eq!(triples(code(MATCH_VERBS, "Arnor received a threat from Mordor.")), vec![ev("MOR", "ARN", "138")]);
        // Words before the verb; `+` after a preposition.
        assert_eq!(triples(code(MATCH_VERBS, "Arnor troops moved to Gondor.")), vec![ev("ARN", "GON", "192")]);
        assert_eq!(code(MATCH_VERBS, "Arnor moved to Gondor."), vec![], "the null code of the bare verb");
        // `^` skips a phrase; the target is after `with`.
        assert_eq!(
            triples(code(MATCH_VERBS, "Arnor conferred in Osgiliath with Gondor.")),
            vec![ev("ARN", "GON", "046")]
        );
        // `$` after the verb is the source.
        assert_eq!(triples(code(MATCH_VERBS, "Arnor urged Gondor to help Rohan.")), vec![ev("ROH", "GON", "020")]);
        // `%`: the members of a compound act on each other.
        assert_eq!(
            triples(code(MATCH_VERBS, "Arnor and Gondor agreed.")),
            vec![ev("ARN", "GON", "030"), ev("GON", "ARN", "030")]
        );
        // A code outside the codebook is emitted with Goldstein 0 and quad class 0.
        assert_eq!(
            code(MATCH_VERBS, "Arnor praised Gondor."),
            vec![("ARN".into(), "GON".into(), "345".into(), 0.0, 0)]
        );
        assert_eq!(code(MATCH_VERBS, "Arnor ignored Gondor."), vec![]);
    }

    #[test]
    fn discarded_sentences_and_stories_are_not_coded() {
        let mut d = empty();
        let mut errors = Vec::new();
        d.add_file_named("PETR.actors.txt", "a", "ARNOR [ARN]\nGONDOR [GON]\n", &mut errors);
        d.add_file_named("PETR.verbs.txt", "v", "--- PRAISE [051] ---\nPRAISE\n", &mut errors);
        d.add_file_named("PETR.discards.txt", "d", "BASEBALL\n+TYPHOON_\n", &mut errors);
        d.verbs.finish();
        d.actors.finish();
        d.discards.finish();
        let p = crate::Pipeline::new(d);
        let n = |text: &str| p.code_document(&crate::Document::new("t", text)).len();
        assert_eq!(n("Arnor praised Gondor. Gondor praised Arnor."), 2);
        assert_eq!(n("Arnor praised Gondor at a baseball game. Gondor praised Arnor."), 1);
        assert_eq!(n("Arnor praised Gondor. The typhoon hit Gondor."), 0);
    }

    #[test]
    fn reads_codes() {
        assert_eq!(
            code_spec("042:043").unwrap(),
            CodeSpec { code: "042".into(), reverse: Some("043".into()), swap: false }
        );
        assert_eq!(code_spec(":173").unwrap(), CodeSpec { code: "173".into(), reverse: None, swap: true });
        assert_eq!(code_spec("075A").unwrap().code, "075A");
        assert!(code_spec("").is_err());
        assert!(code_spec("1").is_err());
    }

    #[test]
    fn dates_and_plurals() {
        assert_eq!(petr_date("950601").unwrap().to_string(), "1995-06-01");
        assert_eq!(petr_date("070723").unwrap().to_string(), "2007-07-23");
        assert_eq!(petr_date("19270101").unwrap().to_string(), "1927-01-01");
        assert!(petr_date("9506").is_err());
        assert_eq!(plural("army").as_deref(), Some("armies"));
        assert_eq!(plural("day").as_deref(), Some("days"));
        assert_eq!(plural("church").as_deref(), Some("churches"));
        assert_eq!(plural("troops"), None);
        assert!(regular_form("hurried", "hurry") && regular_form("stopping", "stop") && regular_form("moved", "move"));
        assert!(!regular_form("sped", "speed") && !regular_form("broke", "break"));
    }
}
