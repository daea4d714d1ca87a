//! The house rules of `src/`, checked: which module may import which, and no import circles.
//!
//! [`HOUSE`] is the source of truth for `ARCHITECTURE.md`'s table: one row per module of the
//! library, naming the crate modules it may import. The tests read every `.rs` file under
//! `src/`, collect every path into the crate (`use crate::…` including grouped
//! `use crate::{a, b::c}` forms, `use super::…`, `use self::…`, child-module `use` lines, and
//! inline `crate::a::b` / `super::x` paths in code; comments and string literals are not code),
//! resolve re-exports (`pub use`, and imports reached through `super::`) to the module that
//! defines the item, and fail on
//!
//! - a module with no row, or a row with no module ([`every_module_has_a_row`]);
//! - an import its row does not allow ([`every_import_is_allowed_by_its_row`]);
//! - a circle of imports, at the granularity of the rows and of every folder above them
//!   ([`no_import_circles`]);
//! - a `crate::` path or `mod` in the binary, which may only use `petrel::`
//!   ([`the_binary_uses_only_the_library`]).
//!
//! How a row reads:
//! - a module may always use itself and its own submodules (a folder's `mod.rs` is its front
//!   door: it declares, re-exports and composes what is inside);
//! - naming a folder (`dict`) admits the whole folder to modules outside it; inside a folder,
//!   each sibling and the parent are named (`pos::prior` names `pos::reader`, not `pos`);
//! - unit tests inside a module (`#[cfg(test)]`) are held to the row plus [`TESTS_ALSO`], and
//!   are left out of the circle check (they are not part of the library's build).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Each module of the library and the crate modules it may import, from the ground up.
/// Change a row only when the dependency is right; otherwise move the shared item down.
const HOUSE: &[(&str, &[&str])] = &[
    // The ground: the annotated sentence and the input document.
    ("annotate", &[]),
    ("document", &[]),
    // The language layer: words, parts of speech, clauses, arcs. Knows no dictionary and no CAMEO.
    ("text", &["annotate"]),
    ("pos", &["annotate"]),
    ("pos::hashing", &[]),
    ("pos::reader", &[]),
    ("pos::lemma", &["annotate"]),
    ("pos::prior", &["pos::hashing", "pos::reader"]),
    ("pos::perceptron", &["annotate", "pos", "pos::hashing", "pos::lemma", "pos::reader", "pos::prior", "pos::rules"]),
    ("pos::rules", &["annotate", "pos"]),
    ("syntax", &["annotate"]),
    ("depparse", &["annotate", "pos"]),
    ("conllu", &[]),
    // The dictionaries: files to indexes. Tokenizes its phrases with `text`; knows no sentence.
    ("dict", &["text"]),
    ("dict::codebook", &["dict"]),
    ("dict::actors", &["dict"]),
    ("dict::gazetteer", &["dict", "dict::actors"]),
    ("dict::verbs", &["dict", "dict::codebook", "text"]),
    ("dict::petrarch", &["dict", "dict::actors", "dict::verbs"]),
    // The coding layer: actors and actions are independent of each other.
    ("actors", &["annotate", "dict", "syntax"]),
    ("actions", &["annotate", "dict", "syntax"]),
    // Context reads the coded actors and matched actions of a sentence.
    ("context", &[]),
    ("context::time", &["actions", "annotate", "syntax"]),
    ("context::place", &["actors", "annotate", "dict", "text"]),
    ("context::attribution", &["actions", "annotate", "syntax"]),
    ("context::certainty", &["actions", "annotate", "dict", "syntax"]),
    // Events join actions to actors, with their context.
    ("events", &["actions", "actors", "annotate", "context", "dict", "syntax", "text"]),
    // Input and output.
    ("ingest", &["document"]),
    ("ingest::html", &["ingest"]),
    ("output", &["events"]),
    // The pipeline runs the stages over one document.
    (
        "pipeline",
        &[
            "actions", "actors", "annotate", "context", "depparse", "dict", "document", "events", "pos", "syntax",
            "text",
        ],
    ),
    // Users of the pipeline: scoring against gold and treebanks, the benchmark.
    ("eval", &["dict", "events", "pipeline"]),
    ("eval::jsonl", &["eval"]),
    ("eval::plover", &["eval"]),
    ("eval::petrarch_xml", &["eval", "eval::plover"]),
    ("eval::score", &["document", "eval", "eval::plover", "events", "pipeline"]),
    ("grammar_eval", &["annotate", "conllu", "depparse", "pipeline", "syntax", "text"]),
    ("bench", &["document", "ingest", "output", "pipeline"]),
];

/// What a module's unit tests may import beyond its row.
const TESTS_ALSO: &[(&str, &[&str])] = &[
    // The PETRARCH-format tests code sentences through a pipeline built from test dictionaries.
    ("dict::petrarch", &["document", "pipeline"]),
    // The treebank-free parser tests tag their sentences first.
    ("depparse", &["text"]),
    ("pos::perceptron", &["text"]),
    ("context::time", &["text"]),
    // The scoring tests build coded events by hand.
    ("eval", &["context"]),
];

#[test]
fn every_module_has_a_row() {
    let src = Source::read();
    let rows: BTreeSet<&str> = HOUSE.iter().map(|(m, _)| *m).collect();
    let mut problems = String::new();
    for f in &src.files {
        if !f.test && !f.module.is_empty() && !rows.contains(f.module.as_str()) {
            writeln!(problems, "{}: module `{}` has no row in HOUSE (tests/architecture.rs)", f.path, f.module)
                .unwrap();
        }
    }
    let modules: BTreeSet<&str> = src.files.iter().map(|f| f.module.as_str()).collect();
    for row in &rows {
        if !modules.contains(row) {
            writeln!(problems, "HOUSE has a row `{row}` but src/ has no such module file").unwrap();
        }
    }
    for (m, allowed) in HOUSE.iter().chain(TESTS_ALSO) {
        for a in *allowed {
            if !rows.contains(a) {
                writeln!(problems, "row `{m}` allows `{a}`, which is not a row").unwrap();
            }
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
}

#[test]
fn every_import_is_allowed_by_its_row() {
    let src = Source::read();
    let mut problems = String::new();
    for r in src.references() {
        if !allows(&r.from, &r.to, r.test) {
            let row = if r.test { format!("`{}` (or its TESTS_ALSO row)", r.from) } else { format!("`{}`", r.from) };
            writeln!(
                problems,
                "{}:{}: `{}` imports `{}`, which the row {row} does not allow; \
                 add it to that row in tests/architecture.rs (and ARCHITECTURE.md) only if the \
                 dependency is right, else move the shared item down",
                r.path, r.line, r.text, r.to
            )
            .unwrap();
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
}

#[test]
fn every_allowance_is_used() {
    let src = Source::read();
    let refs = src.references();
    let mut problems = String::new();
    for (table, name, tests) in [(HOUSE, "HOUSE", false), (TESTS_ALSO, "TESTS_ALSO", true)] {
        for (m, allowed) in table {
            for a in *allowed {
                if !refs.iter().any(|r| r.from == *m && (r.test || !tests) && admits(a, m, &r.to)) {
                    writeln!(problems, "{name} row `{m}` allows `{a}`, which it no longer imports: remove it").unwrap();
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
}

#[test]
fn no_import_circles() {
    let src = Source::read();
    let refs: Vec<Reference> = src.references().into_iter().filter(|r| !r.test).collect();
    let depth = HOUSE.iter().map(|(m, _)| m.split("::").count()).max().unwrap();
    let mut problems = String::new();
    let mut seen = BTreeSet::new();
    // Rows, and every folder above them: `a -> dict::verbs` and `dict -> a` is a circle
    // between `a` and the `dict` folder.
    for d in 1..=depth {
        let mut graph: BTreeMap<String, BTreeMap<String, &Reference>> = BTreeMap::new();
        for r in &refs {
            let (from, to) = (truncate(&r.from, d), truncate(&r.to, d));
            if from == to || inside(&to, &from) {
                continue; // a module and what it contains
            }
            graph.entry(from).or_default().entry(to).or_insert(r);
        }
        for circle in circles(&graph) {
            let key: BTreeSet<&String> = circle.iter().collect();
            if !seen.insert(format!("{key:?}")) {
                continue;
            }
            writeln!(problems, "import circle: {} -> {}", circle.join(" -> "), circle[0]).unwrap();
            for (i, m) in circle.iter().enumerate() {
                let next = &circle[(i + 1) % circle.len()];
                let r = graph[m][next];
                writeln!(problems, "    {m} -> {next}: {}:{}: `{}`", r.path, r.line, r.text).unwrap();
            }
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
}

#[test]
fn the_binary_uses_only_the_library() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs");
    let code = code_only(&std::fs::read_to_string(&path).unwrap());
    let mut problems = String::new();
    for (i, line) in code.lines().enumerate() {
        let words = identifiers(line);
        for w in ["crate", "super", "self"] {
            if words.iter().any(|&(at, word)| word == w && line[at + w.len()..].starts_with("::")) {
                writeln!(problems, "src/main.rs:{}: `{w}::` path; the binary may only use `petrel::`", i + 1).unwrap();
            }
        }
        if line.trim_start().starts_with("mod ") || line.trim_start().starts_with("pub mod ") {
            writeln!(problems, "src/main.rs:{}: `mod` in the binary; coding logic belongs in the library", i + 1)
                .unwrap();
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
}

// ---------------------------------------------------------------------------------------
// The rule

/// Whether the row of `from` (its tests' row when `test`) lets it import `to`.
fn allows(from: &str, to: &str, test: bool) -> bool {
    if to.is_empty() || to == from || inside(to, from) {
        return true; // the crate root's re-exports, the module itself, and what it contains
    }
    let row = |table: &'static [(&'static str, &'static [&'static str])]| -> Vec<&'static str> {
        table.iter().filter(|(m, _)| *m == from).flat_map(|(_, a)| a.iter().copied()).collect()
    };
    let mut allowed = row(HOUSE);
    if test {
        allowed.extend(row(TESTS_ALSO));
    }
    allowed.iter().any(|&a| admits(a, from, to))
}

/// Whether the entry `a` in the row of `from` admits `to`: the module `a` itself, or, from
/// outside the folder `a`, anything in it.
fn admits(a: &str, from: &str, to: &str) -> bool {
    to == a || (inside(to, a) && !inside(from, a))
}

/// Whether module `m` lies inside module `folder` (`dict::verbs` inside `dict`; every module
/// inside the crate root, `""`).
fn inside(m: &str, folder: &str) -> bool {
    (folder.is_empty() && !m.is_empty())
        || m.len() > folder.len() && m.starts_with(folder) && m[folder.len()..].starts_with("::")
}

/// The first `depth` segments of a module path.
fn truncate(m: &str, depth: usize) -> String {
    m.split("::").take(depth).collect::<Vec<_>>().join("::")
}

/// Some circles of `graph`, each as its modules in order (at least one per tangle).
fn circles(graph: &BTreeMap<String, BTreeMap<String, &Reference>>) -> Vec<Vec<String>> {
    fn visit<'a>(
        m: &'a str,
        graph: &'a BTreeMap<String, BTreeMap<String, &Reference>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        out: &mut Vec<Vec<String>>,
    ) {
        if let Some(at) = stack.iter().position(|&s| s == m) {
            out.push(stack[at..].iter().map(|s| s.to_string()).collect());
            return;
        }
        if !done.insert(m) {
            return;
        }
        stack.push(m);
        for next in graph.get(m).into_iter().flat_map(|e| e.keys()) {
            visit(next, graph, stack, done, out);
        }
        stack.pop();
    }
    let (mut done, mut out) = (BTreeSet::new(), Vec::new());
    for m in graph.keys() {
        visit(m, graph, &mut Vec::new(), &mut done, &mut out);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Reading src/

/// One path into the crate, from the row `from` to the row `to` (re-exports resolved).
#[derive(Debug)]
struct Reference {
    path: String,
    line: usize,
    /// The path as written, made absolute (`crate::pos::Tag`).
    text: String,
    from: String,
    to: String,
    /// Written in unit-test code.
    test: bool,
}

/// One `.rs` file under `src/` (the binary's `main.rs` excepted).
struct File {
    /// `src/pos/prior.rs`.
    path: String,
    /// `pos::prior`; empty for the crate root `lib.rs`.
    module: String,
    /// Declared under `#[cfg(test)]` (as `eval/tests.rs` is).
    test: bool,
    /// The file with comments and string literals blanked out, by line.
    code: Vec<String>,
    /// Each line's scope: the module path (the file's, plus inline `mod x { … }`) and whether
    /// it is test code.
    scope: Vec<(String, bool)>,
}

/// A path found in a file: the line, the absolute segments and, for `use`, the name it binds.
struct Found {
    line: usize,
    segments: Vec<String>,
    binds: Option<String>,
}

struct Source {
    files: Vec<File>,
    /// Every module, inline ones included.
    modules: BTreeSet<String>,
    /// `(module, name)` → the absolute path a `use` in that module binds to that name (its
    /// re-exports, and the imports its submodules reach through `super::`).
    reexports: BTreeMap<(String, String), Vec<String>>,
    /// Per file, what it names.
    found: Vec<Vec<Found>>,
}

impl Source {
    fn read() -> Source {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut paths = Vec::new();
        walk(&root, &mut paths);
        paths.sort();
        let mut files = Vec::new();
        for p in paths {
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            if rel == "main.rs" {
                continue;
            }
            let module = match rel.as_str() {
                "lib.rs" => String::new(),
                _ => rel.trim_end_matches(".rs").trim_end_matches("/mod").replace('/', "::"),
            };
            let code: Vec<String> =
                code_only(&std::fs::read_to_string(&p).unwrap()).lines().map(String::from).collect();
            files.push(File { path: format!("src/{rel}"), module, test: false, code, scope: Vec::new() });
        }
        // Scopes, inline modules, and the file modules declared under `#[cfg(test)]`.
        let mut modules: BTreeSet<String> = files.iter().map(|f| f.module.clone()).collect();
        let mut test_modules = BTreeSet::new();
        for f in &mut files {
            let mut stack: Vec<(String, String, bool)> = Vec::new(); // (closing line, module, test)
            let mut previous = "";
            for line in &f.code {
                let (outer, outer_test) =
                    stack.last().map(|(_, m, t)| (m.clone(), *t)).unwrap_or((f.module.clone(), false));
                let cfg_test = previous.trim() == "#[cfg(test)]";
                if let Some(name) = declared_module(line) {
                    let m = join(&outer, name);
                    if line.trim_end().ends_with('{') {
                        let indent = &line[..line.len() - line.trim_start().len()];
                        stack.push((format!("{indent}}}"), m.clone(), outer_test || cfg_test));
                        modules.insert(m);
                    } else if cfg_test {
                        test_modules.insert(m);
                    }
                }
                let (m, t) = stack.last().map(|(_, m, t)| (m.clone(), *t)).unwrap_or((outer, outer_test));
                f.scope.push((m, t));
                if stack.last().is_some_and(|(close, _, _)| line.trim_end() == close) {
                    stack.pop();
                }
                if !line.trim().is_empty() {
                    previous = line;
                }
            }
        }
        for f in &mut files {
            f.test = test_modules.iter().any(|t| f.module == *t || inside(&f.module, t));
            if f.test {
                for s in &mut f.scope {
                    s.1 = true;
                }
            }
        }
        let found: Vec<Vec<Found>> = files.iter().map(|f| find_paths(f, &modules)).collect();
        let mut reexports = BTreeMap::new();
        for (f, found) in files.iter().zip(&found) {
            for p in found {
                if let Some(name) = &p.binds {
                    reexports.insert((f.scope[p.line - 1].0.clone(), name.clone()), p.segments.clone());
                }
            }
        }
        Source { files, modules, reexports, found }
    }

    /// Every reference from a row to a row.
    fn references(&self) -> Vec<Reference> {
        let rows: BTreeSet<&str> = HOUSE.iter().map(|(m, _)| *m).collect();
        let row_of = |m: &str| -> String {
            let mut m = m.to_string();
            while !m.is_empty() && !rows.contains(m.as_str()) {
                m = parent(&m);
            }
            m
        };
        let mut out = Vec::new();
        for (f, found) in self.files.iter().zip(&self.found) {
            let file_row = if f.test { row_of(&parent(&f.module)) } else { row_of(&f.module) };
            for p in found {
                let (scope, test) = &f.scope[p.line - 1];
                let from = if f.test { file_row.clone() } else { row_of(scope) };
                let to = row_of(&self.resolve(&p.segments));
                out.push(Reference {
                    path: f.path.clone(),
                    line: p.line,
                    text: format!("crate::{}", p.segments.join("::")),
                    from,
                    to,
                    test: *test,
                });
            }
        }
        out
    }

    /// The module that defines what `segments` (absolute) names, through re-exports.
    fn resolve(&self, segments: &[String]) -> String {
        let mut path = segments.to_vec();
        for _ in 0..16 {
            let k = (0..=path.len()).rev().find(|&k| self.modules.contains(&path[..k].join("::"))).unwrap_or(0);
            let module = path[..k].join("::");
            match path.get(k).and_then(|name| self.reexports.get(&(module.clone(), name.clone()))) {
                Some(target) if *target != path[..=k] => {
                    path = target.iter().chain(&path[k + 1..]).cloned().collect();
                }
                _ => return module,
            }
        }
        panic!("re-exports of {segments:?} go round in circles")
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() { name.to_string() } else { format!("{module}::{name}") }
}

fn parent(m: &str) -> String {
    m.rsplit_once("::").map(|(p, _)| p.to_string()).unwrap_or_default()
}

/// `x` for a line `mod x;`, `pub mod x {`, `pub(crate) mod x;`...
fn declared_module(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if let Some(r) = rest.strip_prefix("pub") {
        rest = r.trim_start();
        if rest.starts_with('(') {
            rest = rest[rest.find(')')? + 1..].trim_start();
        }
    }
    let name = rest.strip_prefix("mod ")?.trim_start();
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    matches!(name[end..].trim_start().chars().next(), Some(';' | '{')).then(|| &name[..end])
}

/// The identifiers of a line, with their byte offsets.
fn identifiers(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        let word = c.is_alphanumeric() || c == '_';
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Every path into the crate that file `f` writes, made absolute.
fn find_paths(f: &File, modules: &BTreeSet<String>) -> Vec<Found> {
    // Tokens of the whole file: identifiers, `::` and single punctuation, with line numbers.
    let mut tokens: Vec<(usize, String)> = Vec::new();
    for (i, line) in f.code.iter().enumerate() {
        let b = line.as_bytes();
        let mut j = 0;
        while j < b.len() {
            let c = b[j] as char;
            if c.is_alphanumeric() || c == '_' || !c.is_ascii() {
                let s = j;
                while j < b.len() && ((b[j] as char).is_alphanumeric() || b[j] == b'_' || !b[j].is_ascii()) {
                    j += 1;
                }
                tokens.push((i + 1, line[s..j].to_string()));
                continue;
            }
            if line[j..].starts_with("::") {
                tokens.push((i + 1, "::".into()));
                j += 2;
                continue;
            }
            if !c.is_whitespace() {
                tokens.push((i + 1, c.to_string()));
            }
            j += 1;
        }
    }
    let absolute = |line: usize, first: &str| -> Option<Vec<String>> {
        let scope = &f.scope[line - 1].0;
        let segs = |m: &str| m.split("::").filter(|s| !s.is_empty()).map(String::from).collect::<Vec<_>>();
        match first {
            "crate" => Some(Vec::new()),
            "self" => Some(segs(scope)),
            "super" => Some(segs(&parent(scope))),
            name if modules.contains(&join(scope, name)) => Some(segs(&join(scope, name))),
            _ => None,
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (line, t) = (&tokens[i].0, tokens[i].1.as_str());
        let before = if i > 0 { tokens[i - 1].1.as_str() } else { ";" };
        if t == "use" && matches!(before, ";" | "{" | "}" | "pub" | ")" | "]") {
            let end = (i..tokens.len()).find(|&k| tokens[k].1 == ";").unwrap_or(tokens.len());
            let mut leaves = Vec::new();
            use_tree(&tokens[i + 1..end], &[], &mut leaves);
            for (segments, binds, at) in leaves {
                let Some(base) = absolute(at, &segments[0]) else { continue };
                let mut segments_abs = base;
                for s in &segments[1..] {
                    if s == "super" {
                        segments_abs.pop();
                    } else if s != "self" {
                        segments_abs.push(s.clone());
                    }
                }
                out.push(Found { line: at, segments: segments_abs, binds });
            }
            i = end;
            continue;
        }
        if matches!(t, "crate" | "super" | "self")
            && !matches!(before, "::" | "$")
            && tokens.get(i + 1).is_some_and(|n| n.1 == "::")
        {
            let mut segments = absolute(*line, t).unwrap();
            let mut k = i + 1;
            while tokens.get(k).is_some_and(|n| n.1 == "::") {
                match tokens.get(k + 1).map(|n| n.1.as_str()) {
                    Some("super") => {
                        segments.pop();
                    }
                    Some(s) if s.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_') => {
                        segments.push(s.to_string())
                    }
                    _ => break,
                }
                k += 2;
            }
            out.push(Found { line: *line, segments, binds: None });
            i = k;
            continue;
        }
        i += 1;
    }
    out
}

/// Expands a `use` tree (`a::{b, c::{self, d as e}}`) into its leaves: the segments as
/// written, the name each binds, and the line of its last token.
fn use_tree(tokens: &[(usize, String)], prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>, usize)>) {
    // Split on top-level commas.
    let mut depth = 0;
    let mut start = 0;
    let mut parts = Vec::new();
    for (k, (_, t)) in tokens.iter().enumerate() {
        match t.as_str() {
            "{" => depth += 1,
            "}" => depth -= 1,
            "," if depth == 0 => {
                parts.push(&tokens[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    for part in parts {
        let mut segs = prefix.to_vec();
        let mut k = 0;
        let mut line = part.first().map(|t| t.0).unwrap_or(0);
        while k < part.len() {
            let (l, t) = (&part[k].0, part[k].1.as_str());
            line = *l;
            match t {
                "::" => {}
                "{" => {
                    let close = part.len() - 1 - part.iter().rev().position(|t| t.1 == "}").unwrap();
                    use_tree(&part[k + 1..close], &segs, out);
                    segs.clear();
                    break;
                }
                "*" => {
                    out.push((segs.clone(), None, line));
                    segs.clear();
                    break;
                }
                "as" => {
                    let alias = part.get(k + 1).map(|t| t.1.clone());
                    out.push((std::mem::take(&mut segs), alias, line));
                    break;
                }
                _ => segs.push(t.to_string()),
            }
            k += 1;
        }
        if !segs.is_empty() && segs.len() > prefix.len() {
            let name = match segs.last().unwrap().as_str() {
                "self" => segs.iter().rev().nth(1).cloned(),
                n => Some(n.to_string()),
            };
            out.push((segs, name, line));
        }
    }
}

/// Rust source with comments and the contents of string and character literals replaced by
/// spaces (line breaks kept, so line numbers hold).
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let at = |k: usize| c.get(k).copied().unwrap_or('\0');
        if at(i) == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if at(i) == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if at(i) == 'r'
            && matches!(at(i + 1), '"' | '#')
            && (i == 0 || !ident(at(i - 1)) || (at(i - 1) == 'b' && (i < 2 || !ident(at(i - 2)))))
            && {
                let mut k = i + 1;
                while at(k) == '#' {
                    k += 1;
                }
                at(k) == '"'
            }
        {
            // A raw string: r"…", r#"…"#.
            let mut hashes = 0;
            out.push('r');
            i += 1;
            while at(i) == '#' {
                hashes += 1;
                out.push('#');
                i += 1;
            }
            out.push('"');
            i += 1;
            while i < c.len() {
                if c[i] == '"' && (1..=hashes).all(|h| at(i + h) == '#') {
                    out.push('"');
                    i += 1;
                    for _ in 0..hashes {
                        out.push('#');
                        i += 1;
                    }
                    break;
                }
                out.push(blank(c[i]));
                i += 1;
            }
        } else if at(i) == '"' {
            out.push('"');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if at(i) == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A character literal ('x', '\n', '\u{201C}'); a lifetime has no closing quote.
            out.push('\'');
            i += 1;
            if at(i) == '\\' {
                out.push_str("  ");
                i += 2; // the backslash and the character it escapes ('\'')
            }
            while i < c.len() && c[i] != '\'' {
                out.push(blank(c[i]));
                i += 1;
            }
            out.push('\'');
            i += 1;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}
