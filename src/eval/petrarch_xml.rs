//! PETRARCH / UD-PETRARCH validation records, read line by line.
//!
//! Two of the public files are not well-formed XML (a nested comment in a header, `<PLEvent
//! {json}>` lines, self-closed `<Sentence .../>` start tags followed by `</Sentence>`, a
//! `#`-comment header outside any XML comment, a missing `</Validation>`), so this is a small
//! tolerant tag scanner rather than an XML parser:
//!
//! - `<!-- ... -->` comments are skipped, also across lines (a `<!--` inside a comment does not
//!   nest: the first `-->` ends it). Text outside tags (`#` headers) is ignored.
//! - `<Sentence ...>` opens a record (self-closed or not); `</Sentence>`, the next `<Sentence`,
//!   `</Sentences>` or the end of the file closes it.
//! - `<EventCoding sourcecode= targetcode= eventcode=>` is one expected event;
//!   `noevents="True"` or `error="..."` means no event is expected. A `plover="TYPE"`
//!   attribute (Spanish and Arabic PLOVER files) makes the whole set a PLOVER set.
//! - `<Text>` ... `</Text>` is the sentence (may span lines; entities decoded, white space
//!   collapsed); `<Parse>` ... `</Parse>` is skipped.
//! - `<Config option= value=/>` applies from there on, in document order: `require_dyad` sets
//!   `require_target`; other options are listed in the report as not applicable.
//! - `<Include>` lists the categories to score in files whose records have no `evaluate`
//!   attribute (PETRARCH-2 layout); in the UD-PETRARCH layout `evaluate` decides, as
//!   UD-PETRARCH's own validation script does.
//! - Records with `sentence="false"` or `evaluate="false"` are skipped.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::plover::plover_type;
use super::{
    Confidence, GoldEvent, GoldFormat, GoldRecord, GoldSet, Problem, Scheme, Skipped, cameo_root, normalise_actor,
    normalise_code, parse_date,
};

/// A gold set read from XML, and whether the file had any `<EventCoding>` at all.
#[derive(Debug, Clone)]
pub struct XmlGold {
    /// The set.
    pub set: GoldSet,
    /// False for files with no expectations (PETRARCH input files such as the GigaWord sample).
    pub has_codings: bool,
}

/// A record as found in the file, before the skip rules.
#[derive(Debug, Clone, Default)]
pub struct RawRecord {
    /// 1-based line of the `<Sentence` tag.
    pub line: usize,
    /// Its attributes, names lower-cased.
    pub attrs: Vec<(String, String)>,
    /// `<EventCoding>` elements: line and attributes.
    pub codings: Vec<(usize, Vec<(String, String)>)>,
    /// The `<Text>`, decoded and with white space collapsed.
    pub text: Option<String>,
    /// The raw `<Parse>` content (Penn Treebank or CoNLL-U), used only when `<Text>` is
    /// missing or empty.
    pub parse: Option<String>,
    /// `require_dyad` in force when the record opened (`None`: never set).
    pub require_dyad: Option<bool>,
}

impl RawRecord {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        get(&self.attrs, name)
    }
}

fn get<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Everything the scanner found in a file.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Records in file order.
    pub records: Vec<RawRecord>,
    /// The `<Include>` categories, if the file has one.
    pub include: Option<Vec<String>>,
    /// `<Environment>` entries such as (`Verbfile`, `PETR.Validate.verbs.txt`).
    pub environment: Vec<(String, String)>,
    /// Config options other than `require_dyad`: option → (times set, first line, values).
    pub other_config: BTreeMap<String, (usize, usize, Vec<String>)>,
    /// Problems found while scanning.
    pub problems: Vec<(usize, String)>,
    /// `<PLEvent>` lines seen (ignored).
    pub plevents: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    Comment,
    Text,
    Parse,
}

/// Finds the `>` that ends a tag starting at `t[0] == '<'`, skipping quoted values.
fn tag_end(t: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in t.char_indices().skip(1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '>' => return Some(i),
            None => {}
        }
    }
    None
}

/// Parses `name = "value"` pairs (double, single or no quotes; spaces around `=`). Names are
/// lower-cased; values are entity-decoded.
pub fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if start == i {
            i += 1;
            continue;
        }
        let name = s[start..i].to_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            out.push((name, String::new()));
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
            let q = b[i];
            let vstart = i + 1;
            let vend = s[vstart..].bytes().position(|c| c == q).map_or(b.len(), |p| vstart + p);
            out.push((name, decode_entities(&s[vstart..vend])));
            i = vend + 1;
        } else {
            let vstart = i;
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            out.push((name, decode_entities(s[vstart..i].trim_end_matches('/'))));
        }
    }
    out
}

/// Decodes the five XML entities and numeric character references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .or_else(|| ent.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// Scans a PETRARCH validation file. Never fails: what it cannot read is listed in
/// [`Scan::problems`].
pub fn scan(text: &str) -> Scan {
    let mut sc = Scan::default();
    let mut state = State::Normal;
    let mut current: Option<RawRecord> = None;
    let mut text_buf = String::new();
    let mut text_line = 0;
    let mut require_dyad: Option<bool> = None;
    let mut comment_line = 0;
    for (n, line) in text.lines().enumerate() {
        let ln = n + 1;
        let mut rest = line;
        loop {
            match state {
                State::Comment => match rest.find("-->") {
                    Some(i) => {
                        rest = &rest[i + 3..];
                        state = State::Normal;
                    }
                    None => break,
                },
                State::Parse => {
                    let (part, done) = match rest.find("</Parse>") {
                        Some(i) => (&rest[..i], Some(i + 8)),
                        None => (rest, None),
                    };
                    if let Some(r) = current.as_mut() {
                        let p = r.parse.get_or_insert_with(String::new);
                        p.push_str(part);
                        if done.is_none() {
                            p.push('\n');
                        }
                    }
                    match done {
                        Some(i) => {
                            rest = &rest[i..];
                            state = State::Normal;
                        }
                        None => break,
                    }
                }
                State::Text => match rest.find("</Text>") {
                    Some(i) => {
                        text_buf.push_str(&rest[..i]);
                        rest = &rest[i + 7..];
                        state = State::Normal;
                        let t = collapse(&decode_entities(&text_buf));
                        match current.as_mut() {
                            Some(r) if r.text.is_none() => r.text = Some(t),
                            Some(r) => sc.problems.push((
                                text_line,
                                format!("second <Text> in the record opened at line {}: ignored", r.line),
                            )),
                            None => sc.problems.push((text_line, "<Text> outside a <Sentence>: ignored".into())),
                        }
                    }
                    None => {
                        text_buf.push_str(rest);
                        text_buf.push('\n');
                        break;
                    }
                },
                State::Normal => {
                    let t = rest.trim_start();
                    if t.is_empty() {
                        break;
                    }
                    if let Some(after) = t.strip_prefix("<!--") {
                        state = State::Comment;
                        comment_line = ln;
                        rest = after;
                        continue;
                    }
                    if !t.starts_with('<') {
                        // Text outside any tag: `#` headers, stray `-->`.
                        match t.find('<') {
                            Some(i) => {
                                rest = &t[i..];
                                continue;
                            }
                            None => break,
                        }
                    }
                    let (tag, after) = match tag_end(t) {
                        Some(e) => (&t[1..e], &t[e + 1..]),
                        None => (&t[1..], ""),
                    };
                    rest = after;
                    let name_end =
                        tag.find(|c: char| c.is_whitespace() || c == '/' && !tag.starts_with('/')).unwrap_or(tag.len());
                    let name = &tag[..name_end];
                    let attrs_src = &tag[name_end..];
                    match name {
                        "Sentence" => {
                            if let Some(r) = current.take() {
                                sc.problems.push((
                                    r.line,
                                    format!("record not closed before the next <Sentence> at line {ln}"),
                                ));
                                sc.records.push(r);
                            }
                            current = Some(RawRecord {
                                line: ln,
                                attrs: parse_attrs(attrs_src),
                                require_dyad,
                                ..Default::default()
                            });
                        }
                        "/Sentence" | "/Sentences" => {
                            if let Some(r) = current.take() {
                                sc.records.push(r);
                            }
                        }
                        "EventCoding" => match current.as_mut() {
                            Some(r) => r.codings.push((ln, parse_attrs(attrs_src))),
                            None => sc.problems.push((ln, "<EventCoding> outside a <Sentence>: ignored".into())),
                        },
                        "Text" => {
                            state = State::Text;
                            text_buf.clear();
                            text_line = ln;
                        }
                        "Parse" => state = State::Parse,
                        "Config" => {
                            let a = parse_attrs(attrs_src);
                            let option = get(&a, "option").unwrap_or("").trim().to_string();
                            let value = get(&a, "value").unwrap_or("").trim().to_string();
                            if option == "require_dyad" {
                                match parse_bool(&value) {
                                    Some(v) => require_dyad = Some(v),
                                    None => sc
                                        .problems
                                        .push((ln, format!("require_dyad value `{value}` is not true/false: ignored"))),
                                }
                            } else if option.is_empty() {
                                sc.problems.push((ln, "<Config> without option: ignored".into()));
                            } else {
                                let e = sc.other_config.entry(option).or_insert((0, ln, Vec::new()));
                                e.0 += 1;
                                if !e.2.contains(&value) {
                                    e.2.push(value);
                                }
                            }
                        }
                        "Include" | "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile" | "PICOfile"
                        | "Errorfile" | "Pause" => {
                            let close = format!("</{name}>");
                            let content = match after.find(&close) {
                                Some(i) => {
                                    rest = &after[i + close.len()..];
                                    &after[..i]
                                }
                                None => {
                                    rest = "";
                                    after
                                }
                            };
                            let content = collapse(&decode_entities(content));
                            if name == "Include" {
                                sc.include = Some(content.split_whitespace().map(str::to_string).collect());
                            } else {
                                sc.environment.push((name.to_string(), content));
                            }
                        }
                        "PLEvent" => {
                            // `<PLEvent {json}>`: PLOVER-style compound records, ignored.
                            sc.plevents += 1;
                            rest = "";
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    match state {
        State::Comment => sc.problems.push((comment_line, "comment not closed before the end of the file".into())),
        State::Text => sc.problems.push((text_line, "<Text> not closed before the end of the file".into())),
        _ => {}
    }
    if let Some(r) = current.take() {
        sc.problems.push((r.line, "record not closed before the end of the file".into()));
        sc.records.push(r);
    }
    sc
}

/// Reads a PETRARCH validation file into a gold set.
pub fn read(path: &Path, text: &str) -> XmlGold {
    let sc = scan(text);
    let file = path.display().to_string();
    let place = |line: usize| format!("{file}:{line}");
    let plover = sc.records.iter().flat_map(|r| &r.codings).any(|(_, a)| get(a, "plover").is_some());
    let scheme = if plover { Scheme::Plover } else { Scheme::Cameo };
    let mut set = GoldSet::new(path, GoldFormat::PetrarchXml, scheme);
    set.read = sc.records.len();
    let has_codings = sc.records.iter().any(|r| !r.codings.is_empty());
    for (line, msg) in &sc.problems {
        set.problems.push(Problem { place: place(*line), message: msg.clone() });
    }
    let ud_layout = sc.records.iter().any(|r| r.attr("evaluate").is_some());
    let mut sc = sc;
    for r in &mut sc.records {
        if let Some(t) = rebuild_text(r) {
            set.problems.push(Problem {
                place: place(r.line),
                message: format!(
                    "record `{}` has no text: text rebuilt from its <Parse>: {t}",
                    r.attr("id").unwrap_or("")
                ),
            });
            r.text = Some(t);
        }
    }
    let mut dup_events = 0;
    for (i, r) in sc.records.iter().enumerate() {
        let id = r.attr("id").unwrap_or("").trim().to_string();
        let skip = |reason: String| Skipped { place: place(r.line), id: id.clone(), reason };
        if r.attr("sentence").is_some_and(|v| parse_bool(v) == Some(false)) {
            set.skipped.push(skip("sentence=\"false\"".into()));
            continue;
        }
        if r.attr("evaluate").is_some_and(|v| parse_bool(v) == Some(false)) {
            set.skipped.push(skip("evaluate=\"false\"".into()));
            continue;
        }
        if let (Some(inc), false) = (&sc.include, r.attr("evaluate").is_some()) {
            let cat = r.attr("category").unwrap_or("");
            if !inc.iter().any(|c| c == cat) {
                set.skipped.push(skip(format!("category `{cat}` not in <Include>")));
                continue;
            }
        }
        match record(r, scheme) {
            Ok(mut events) => {
                let n = events.len();
                events.sort();
                events.dedup();
                dup_events += n - events.len();
                let date = r.attr("date").unwrap_or("").trim();
                let published = if date.is_empty() { None } else { parse_date(date) };
                if !date.is_empty() && published.is_none() {
                    set.problems.push(Problem {
                        place: place(r.line),
                        message: format!("date `{date}` is not YYYYMMDD: record coded without a publication date"),
                    });
                }
                set.records.push(GoldRecord {
                    position: i + 1,
                    place: place(r.line),
                    id: if id.is_empty() { format!("record-{}", i + 1) } else { id },
                    text: r.text.clone().unwrap_or_default(),
                    published,
                    category: r.attr("category").map(str::to_string),
                    require_target: Some(r.require_dyad.unwrap_or(true)),
                    events,
                });
            }
            Err(msg) => set
                .problems
                .push(Problem { place: place(r.line), message: format!("malformed record `{id}` skipped: {msg}") }),
        }
    }
    let n_skipped = set.skipped.len();
    if n_skipped > 0 {
        let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &set.skipped {
            *by_reason.entry(&s.reason).or_default() += 1;
        }
        let parts: Vec<String> = by_reason.iter().map(|(r, n)| format!("{n} {r}")).collect();
        set.notes.push(format!("{} of {} records skipped: {}", n_skipped, set.read, parts.join(", ")));
    }
    if sc.include.is_some() && ud_layout {
        set.notes.push("<Include> not applied: records carry evaluate= (UD-PETRARCH layout), which decides".into());
    }
    set.notes
        .push("require_target starts true (PETRARCH's require_dyad default) and follows <Config require_dyad>".into());
    for (opt, (count, line, values)) in &sc.other_config {
        set.notes.push(format!(
            "<Config {opt}> (set {count}x from {}, values {}): not applicable to petrel, ignored",
            place(*line),
            values.join("/")
        ));
    }
    let env: Vec<String> = sc
        .environment
        .iter()
        .filter(|(k, _)| k.ends_with("file") && k != "Errorfile" && k != "PICOfile")
        .map(|(_, v)| v.clone())
        .collect();
    if !env.is_empty() {
        set.notes.push(format!("the file expects dictionaries: {}", env.join(", ")));
    }
    if sc.plevents > 0 {
        set.notes.push(format!("{} <PLEvent> lines ignored", sc.plevents));
    }
    if dup_events > 0 {
        set.notes.push(format!("{dup_events} duplicate expected event(s) within a record counted once"));
    }
    if scheme == Scheme::Plover {
        let unknown: BTreeMap<&str, usize> =
            set.records.iter().flat_map(|r| &r.events).filter(|e| super::plover::plover_quad(&e.code).is_none()).fold(
                BTreeMap::new(),
                |mut m, e| {
                    *m.entry(e.code.as_str()).or_default() += 1;
                    m
                },
            );
        if !unknown.is_empty() {
            let parts: Vec<String> = unknown.iter().map(|(k, n)| format!("{k} ({n})")).collect();
            set.notes.push(format!("types with no PLOVER 0.8 equivalent, never matched: {}", parts.join(", ")));
        }
        set.notes.push("PLOVER set: `plover` attributes scored as PLOVER 0.8 types; actor codes `COUNTRY SECTOR` compared on the country, `None`/`---` unchecked".into());
    }
    let odd: usize = set
        .records
        .iter()
        .flat_map(|r| &r.events)
        .filter(|e| scheme == Scheme::Cameo && !cameo_root(&e.code).bytes().all(|b| b.is_ascii_digit()))
        .count();
    if odd > 0 {
        set.notes.push(format!("{odd} expected event(s) with a non-numeric code"));
    }
    XmlGold { set, has_codings }
}

/// Turns a record's `<EventCoding>` elements into expected events, or says why it cannot.
fn record(r: &RawRecord, scheme: Scheme) -> Result<Vec<GoldEvent>, String> {
    let text = r.text.as_deref().unwrap_or("");
    if r.text.is_none() {
        return Err("no <Text>".into());
    }
    if text.is_empty() {
        return Err("empty <Text>".into());
    }
    let mut events = Vec::new();
    let mut none_expected = false;
    for (line, a) in &r.codings {
        if get(a, "noevents").is_some_and(|v| parse_bool(v) != Some(false))
            || get(a, "error").is_some_and(|v| !v.trim().is_empty())
        {
            none_expected = true;
            continue;
        }
        match scheme {
            Scheme::Cameo => {
                let code = normalise_code(get(a, "eventcode").unwrap_or(""));
                if code.is_empty() {
                    return Err(format!("<EventCoding> at line {line} has no eventcode"));
                }
                let source = get(a, "sourcecode").and_then(normalise_actor);
                let target = get(a, "targetcode").and_then(normalise_actor);
                events.push(GoldEvent {
                    source: source.into_iter().collect(),
                    target: target.into_iter().collect(),
                    code,
                    date: None,
                    certainty: None,
                    confidence: Confidence::High,
                });
            }
            Scheme::Plover => {
                let Some(p) = get(a, "plover").map(str::trim).filter(|p| !p.is_empty()) else {
                    return Err(format!("<EventCoding> at line {line} has no plover type"));
                };
                events.push(GoldEvent {
                    source: plover_xml_actor(get(a, "sourcecode")),
                    target: plover_xml_actor(get(a, "targetcode")),
                    code: plover_type(p),
                    date: None,
                    certainty: None,
                    confidence: Confidence::High,
                });
            }
        }
    }
    if none_expected && !events.is_empty() {
        return Err("both expected events and noevents/error".into());
    }
    Ok(events)
}

/// `TUN None`, `None CVL`, `---`: the country part, if any.
fn plover_xml_actor(v: Option<&str>) -> Vec<String> {
    let Some(v) = v else { return Vec::new() };
    let first = v.split_whitespace().next().unwrap_or("");
    if first.eq_ignore_ascii_case("none") {
        return Vec::new();
    }
    normalise_actor(first).into_iter().collect()
}

/// Letters and digits only, lower-cased: the key for matching a sentence across files.
pub fn text_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The GigaWord sample sentences that match a record of `gsr` by [`text_key`], each scored
/// with the sample's text, date and id against the matched record's expected events (as the
/// PETRARCH-2 baseline was scored).
pub fn match_sample(gsr: &GoldSet, sample_path: &Path, sample_text: &str) -> GoldSet {
    let sc = scan(sample_text);
    let file = sample_path.display().to_string();
    let mut set = GoldSet::new(&gsr.path, gsr.format, gsr.scheme);
    set.name = format!("{}+GigaWord.sample", gsr.name);
    set.read = sc.records.len();
    let mut by_key: HashMap<String, &GoldRecord> = HashMap::new();
    let mut shared = 0;
    for r in &gsr.records {
        match by_key.entry(text_key(&r.text)) {
            std::collections::hash_map::Entry::Occupied(_) => shared += 1,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(r);
            }
        }
    }
    let mut matched_records = std::collections::HashSet::new();
    for (i, r) in sc.records.iter().enumerate() {
        let place = format!("{file}:{}", r.line);
        let id = r.attr("id").unwrap_or("").trim().to_string();
        let rebuilt = rebuild_text(r);
        if let Some(t) = &rebuilt {
            set.problems.push(Problem {
                place: place.clone(),
                message: format!("sample record `{id}` has no text: text rebuilt from its <Parse>: {t}"),
            });
        }
        let Some(text) = rebuilt.as_deref().or(r.text.as_deref()).filter(|t| !t.is_empty()) else {
            set.problems.push(Problem { place, message: format!("sample record `{id}` has no <Text>: skipped") });
            continue;
        };
        let Some(g) = by_key.get(&text_key(text)) else {
            set.skipped.push(Skipped { place, id, reason: "no gold record with this text".into() });
            continue;
        };
        matched_records.insert(g.position);
        let date = r.attr("date").unwrap_or("").trim();
        set.records.push(GoldRecord {
            position: i + 1,
            place: format!("{place} (gold {})", g.place),
            id: if id.is_empty() { g.id.clone() } else { id },
            text: text.to_string(),
            published: parse_date(date).or(g.published),
            category: g.category.clone(),
            require_target: g.require_target,
            events: g.events.clone(),
        });
    }
    set.notes.push(format!(
        "{} of {} sample sentences ({}) match one of the {} gold records by text (letters and digits, lower-cased); {} gold records are matched; scored with the sample's text and date",
        set.records.len(),
        sc.records.len(),
        file,
        gsr.records.len(),
        matched_records.len()
    ));
    if shared > 0 {
        set.notes.push(format!("{shared} gold records share their text with an earlier one: the first is used"));
    }
    set.notes.extend(gsr.notes.iter().filter(|n| n.starts_with("require_target")).cloned());
    set
}

/// The text of a record whose `<Text>` is missing or empty, rebuilt from its `<Parse>`; `None`
/// when the record has text or no usable parse.
fn rebuild_text(r: &RawRecord) -> Option<String> {
    if r.text.as_deref().is_some_and(|t| !t.is_empty()) {
        return None;
    }
    parse_text(r.parse.as_deref()?).filter(|t| !t.is_empty())
}

/// The sentence of a parse: the FORM column of a CoNLL-U parse (honouring `SpaceAfter=No` and
/// multi-word tokens), or the leaves of a Penn Treebank tree (brackets such as `-LRB-` mapped
/// back, spaces before punctuation and clitics removed).
pub fn parse_text(parse: &str) -> Option<String> {
    let conllu: Vec<Vec<&str>> =
        parse.lines().map(|l| l.split('\t').collect::<Vec<_>>()).filter(|c| c.len() >= 10).collect();
    if !conllu.is_empty() {
        let mut out = String::new();
        let mut skip_to = 0usize;
        for c in &conllu {
            let id = c[0].trim();
            if id.contains('.') {
                continue;
            }
            let (first, last) = match id.split_once('-') {
                Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
                None => {
                    let n: usize = id.parse().ok()?;
                    (n, n)
                }
            };
            if first <= skip_to {
                continue;
            }
            skip_to = last;
            out.push_str(c[1]);
            if !c[9].split('|').any(|m| m == "SpaceAfter=No") {
                out.push(' ');
            }
        }
        return Some(out.trim().to_string());
    }
    // Penn Treebank: a leaf is `(TAG word)`.
    let spaced = parse.replace('(', " ( ").replace(')', " ) ");
    let toks: Vec<&str> = spaced.split_whitespace().collect();
    let mut words: Vec<&str> = Vec::new();
    for w in toks.windows(4) {
        if w[0] == "(" && w[1] != "(" && w[1] != ")" && w[2] != "(" && w[2] != ")" && w[3] == ")" {
            words.push(w[2]);
        }
    }
    if words.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut glue_next = false;
    for w in words {
        let w = match w {
            "-LRB-" | "-lrb-" => "(",
            "-RRB-" | "-rrb-" => ")",
            "-LCB-" | "-lcb-" => "{",
            "-RCB-" | "-rcb-" => "}",
            "``" | "''" => "\"",
            _ => w,
        };
        let glue_prev = matches!(w, "," | "." | ";" | ":" | "!" | "?" | "%" | ")" | "}")
            || w.starts_with('\'')
            || w.eq_ignore_ascii_case("n't");
        if !out.is_empty() && !glue_prev && !glue_next {
            out.push(' ');
        }
        out.push_str(w);
        glue_next = matches!(w, "(" | "{" | "$");
    }
    Some(out)
}
