//! Command-line tests: each drives the real `petrel` binary the way a user would.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn petrel() -> Command {
    Command::new(env!("CARGO_BIN_EXE_petrel"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    petrel().args(args).current_dir(root()).output().unwrap()
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = petrel()
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The process may exit before reading its input (a usage error): ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

fn events(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

/// (source code, target code or "-", cameo code) of each event.
fn triples(evs: &[serde_json::Value]) -> Vec<(String, String, String)> {
    evs.iter()
        .map(|e| {
            (
                e["source"]["code"].as_str().unwrap().to_string(),
                e["target"]["code"].as_str().unwrap_or("-").to_string(),
                e["cameo"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(evs: &[serde_json::Value], source: &str, target: &str, cameo: &str) -> bool {
    triples(evs).iter().any(|(s, t, c)| s == source && t == target && c == cameo)
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("petrel-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn stdin_text_is_coded() {
    let out =
        run_stdin(&["code", "-", "--published", "2026-02-10"], "Cuban troops attacked Venezuelan police on Monday.\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let evs = events(&out);
    assert!(
        has(&evs, "CUBMIL", "VENCOP", "190")
            || triples(&evs).iter().any(|(s, t, c)| s == "CUBMIL" && t == "VENCOP" && c.starts_with("19")),
        "{:?}",
        triples(&evs)
    );
    let e = &evs[0];
    assert_eq!(e["doc_id"], "<stdin>");
    assert_eq!(e["sentence"], 0);
    assert_eq!(e["date"], "2026-02-09", "\"on Monday\" before a Tuesday publication");
    assert_eq!(e["date_precision"], "day");
    assert_eq!(e["quad_class"], 4);
    let text = "Cuban troops attacked Venezuelan police on Monday.\n";
    let (s, t) = (e["source"]["start"].as_u64().unwrap() as usize, e["source"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..t], "Cuban troops");
}

#[test]
fn jsonl_bad_records_are_reported_and_skipped() {
    let input = concat!(
        r#"{"id":"good-1","text":"Russia condemned Ukraine.","published":"2026-01-05"}"#,
        "\n",
        "{not json}\n",
        r#"{"id":"no-text"}"#,
        "\n",
        r#"{"id":"bad-date","text":"Russia condemned Ukraine.","published":"2026-02-31"}"#,
        "\n",
        r#"{"id":"good-2","text":"France criticized Germany.","published":"2026-01-06"}"#,
        "\n",
    );
    let out = run_stdin(&["code", "-", "--stats"], input);
    assert_eq!(out.status.code(), Some(1), "skipped records give exit status 1");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:2: invalid JSON"), "{err}");
    assert!(err.contains("<stdin>:3: record has no `text`"), "{err}");
    assert!(err.contains("<stdin>:4: bad date"), "{err}");
    assert!(err.contains("skipped: 3"), "{err}");
    assert!(err.contains("documents: 2"), "{err}");
    let evs = events(&out);
    let ids: Vec<&str> = evs.iter().map(|e| e["doc_id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"good-1") && ids.contains(&"good-2"), "{ids:?}");
}

#[test]
fn unreadable_file_is_skipped_others_coded() {
    let d = tmpdir("unreadable");
    std::fs::write(d.join("a.txt"), "Russia condemned Ukraine.").unwrap();
    let missing = d.join("missing.txt");
    let out = run(&["code", d.join("a.txt").to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt: cannot read"));
    assert!(!events(&out).is_empty());
}

#[test]
fn folders_are_read_recursively_in_order() {
    let d = tmpdir("folder");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("b.txt"), "France criticized Germany.").unwrap();
    std::fs::write(d.join("sub/a.txt"), "Russia condemned Ukraine.").unwrap();
    std::fs::write(d.join("notes.md"), "Russia condemned Ukraine.").unwrap();
    let out = run(&["code", d.to_str().unwrap(), "--stats"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("documents: 2"));
    let ids: Vec<String> = events(&out).iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    assert!(ids[0].ends_with("b.txt") && ids.last().unwrap().ends_with("a.txt"), "{ids:?}");
}

#[test]
fn coding_a_folder_twice_leaves_out_its_own_output() {
    let d = tmpdir("own-output");
    std::fs::write(d.join("a.txt"), "Russia condemned Ukraine.").unwrap();
    let first = run(&[
        "code",
        d.to_str().unwrap(),
        "--published",
        "2026-01-05",
        "-o",
        d.join("events.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    let again = run(&["code", d.to_str().unwrap(), "--published", "2026-01-05", "--stats"]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(0), "{err}");
    assert!(err.contains("documents: 1"), "the last run's output is not read as articles: {err}");
    assert!(err.contains("events.jsonl: petrel's own event output"), "{err}");
    // Named on the command line, the same file is an error: it is not an article file.
    let named = run(&["code", d.join("events.jsonl").to_str().unwrap()]);
    assert_eq!(named.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&named.stderr).contains("petrel's own event output"));
}

#[test]
fn folder_runs_say_which_files_were_read_and_skipped() {
    let d = tmpdir("read-skipped");
    std::fs::write(d.join("a.txt"), "Russia condemned Ukraine.").unwrap();
    std::fs::write(d.join("notes.md"), "Russia condemned Ukraine.").unwrap();
    let out = run(&["code", d.to_str().unwrap(), "--published", "2026-01-05", "--verbose"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("read 1 file, 1 document; skipped 1 file"), "{err}");
    assert!(err.contains("notes.md: not a .txt"), "{err}");
    assert!(err.contains("reading ") && err.contains("a.txt"), "--verbose names each file read: {err}");
}

#[test]
fn binary_files_are_skipped_with_an_error_not_coded() {
    let d = tmpdir("binary");
    std::fs::write(d.join("a.txt"), "Russia condemned Ukraine.").unwrap();
    let mut blob = b"\x7fELF\x02\x01\x01\0\0\0".to_vec();
    blob.extend((0..4000u32).map(|i| (i * 7 % 251) as u8));
    std::fs::write(d.join("program.txt"), &blob).unwrap();
    let out = run(&["code", d.to_str().unwrap(), "--published", "2026-01-05", "--stats"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a skipped file gives exit status 1: {err}");
    assert!(err.contains("program.txt: binary file"), "{err}");
    assert!(err.contains("documents: 1"), "{err}");
    assert!(events(&out).iter().all(|e| !e["doc_id"].as_str().unwrap().ends_with("program.txt")));
}

#[test]
fn empty_input_gives_a_warning() {
    let d = tmpdir("empty");
    std::fs::write(d.join("empty.txt"), "  \n").unwrap();
    let out = run(&["code", d.join("empty.txt").to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("empty.txt: empty input"), "{err}");
    assert!(err.contains("no document to code"), "{err}");
    let out = run_stdin(&["code", "-"], "");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document to code"));
}

#[test]
fn undated_documents_are_warned_about_once() {
    let input = "{\"id\":\"a\",\"text\":\"Russia condemned Ukraine on Monday.\"}\n{\"id\":\"b\",\"text\":\"France praised Chad.\"}\n";
    let out = run_stdin(&["code", "-"], input);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("no publication date").count(), 1, "{err}");
    assert!(err.contains("relative dates"), "{err}");
    let out = run_stdin(&["code", "-", "--published", "2026-01-05"], input);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("no publication date"));
}

#[test]
fn help_documents_the_exit_statuses_and_pipes_get_no_progress_bar() {
    let out = run(&["code", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for line in ["Exit status:", "0  every input was coded", "1  some input was skipped", "2  fatal"] {
        assert!(help.contains(line), "{help}");
    }
    // Standard error is a pipe here: nothing but messages may reach it.
    let out = run(&["code", "examples/articles/aid.txt", "--published", "2026-03-01"]);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn html_is_reduced_to_article_text() {
    let d = tmpdir("html");
    let page = r#"<html><head><title>Russia condemns Ukraine</title><meta property="article:published_time" content="2026-03-02T10:00:00Z">
<script>var x = "France attacked Germany.";</script></head><body><nav><a>France attacked Germany.</a></nav>
<article><p>Russia condemned Ukraine on Sunday.</p><div class="share-tools">Share: France attacked Germany.</div></article>
<footer>France attacked Germany.</footer></body></html>"#;
    std::fs::write(d.join("page.html"), page).unwrap();
    let out = run(&["code", d.join("page.html").to_str().unwrap()]);
    assert!(out.status.success());
    let evs = events(&out);
    assert!(
        triples(&evs).iter().all(|(s, _, _)| s != "FRA"),
        "navigation, scripts and share buttons are not coded: {:?}",
        triples(&evs)
    );
    assert!(evs.iter().any(|e| e["source"]["code"] == "RUS"));
    assert_eq!(evs[0]["date"], "2026-03-02", "the page's publication date is used");
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let d = tmpdir("utf8");
    let mut bytes = b"Russia condemned Ukraine. \xff\xfe\n".to_vec();
    bytes.extend_from_slice(b"France criticized Germany.\n");
    std::fs::write(d.join("bad.txt"), bytes).unwrap();
    let out = run(&["code", d.join("bad.txt").to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8"));
    assert!(events(&out).len() >= 2);
}

#[test]
fn csv_and_tsv_parse_back_with_the_same_events() {
    let text = "Russia condemned Ukraine. Cuban troops attacked Venezuelan police, officials said.\n";
    let json = events(&run_stdin(&["code", "-"], text));
    for (fmt, delim) in [("csv", b','), ("tsv", b'\t')] {
        let out = run_stdin(&["code", "-", "--format", fmt], text);
        assert!(out.status.success());
        let mut r = csv::ReaderBuilder::new().delimiter(delim).from_reader(out.stdout.as_slice());
        let headers = r.headers().unwrap().clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), petrel::output::FLAT_COLUMNS);
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), json.len(), "{fmt}");
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        for (row, e) in rows.iter().zip(&json) {
            assert_eq!(&row[col("source_code")], e["source"]["code"].as_str().unwrap());
            assert_eq!(&row[col("source_group")], e["source"]["group"].as_str().unwrap_or(""));
            assert_eq!(&row[col("cameo")], e["cameo"].as_str().unwrap());
            assert_eq!(&row[col("sentence_text")], e["sentence_text"].as_str().unwrap());
        }
    }
}

#[test]
fn output_file_is_written_atomically() {
    let d = tmpdir("output");
    let target = d.join("events.jsonl");
    let out = run_stdin(&["code", "-", "-o", target.to_str().unwrap()], "Russia condemned Ukraine.\n");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"RUS\""));
    // No temporary files are left beside it.
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
}

#[test]
fn bad_published_date_is_a_usage_error() {
    let out = run_stdin(&["code", "-", "--published", "10/02/2026"], "x");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--published"));
}

#[test]
fn a_document_without_events_writes_nothing() {
    let out = run_stdin(&["code", "-"], "The weather was mild in the capital on Sunday.\n");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn codes_lists_and_explains_the_codebook() {
    let out = run(&["codes"]);
    assert!(out.status.success());
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.lines().count() > 300);
    let one = run(&["codes", "173"]);
    let text = String::from_utf8_lossy(&one.stdout);
    assert!(text.contains("goldstein:   -5"), "{text}");
    assert!(text.contains("COERCE"), "{text}");
    assert_eq!(run(&["codes", "999"]).status.code(), Some(2));
}

#[test]
fn dict_check_reports_line_numbers() {
    let d = tmpdir("dictcheck");
    std::fs::create_dir_all(d.join("verbs")).unwrap();
    std::fs::write(d.join("verbs/mine.txt"), "# my patterns\n193 ambush\n999 frobnicate\n193 hit ; sometimes\n")
        .unwrap();
    std::fs::write(d.join("agents.txt"), "MIL paratrooper | paratroopers\nMILITARY soldier\n").unwrap();
    let out = run(&["dict", "check", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("verbs/mine.txt:3: `999` is not a CAMEO code"), "{text}");
    assert!(text.contains("verbs/mine.txt:4: unknown option"), "{text}");
    assert!(text.contains("agents.txt:2:"), "{text}");
}

#[test]
fn user_dictionaries_add_patterns_and_actors() {
    let d = tmpdir("userdict");
    std::fs::create_dir_all(d.join("verbs")).unwrap();
    std::fs::create_dir_all(d.join("actors")).unwrap();
    std::fs::write(d.join("verbs/extra.txt"), "1823 frobnicate\n").unwrap();
    std::fs::write(d.join("actors/extra.txt"), "ARN Arnor | Arnorian\n").unwrap();
    let text = "Arnorian troops frobnicated Cuban police.\n";
    let out = run_stdin(&["code", "-", "--dictionaries", d.to_str().unwrap()], text);
    assert!(has(&events(&out), "ARNMIL", "CUBCOP", "1823"), "{:?}", triples(&events(&out)));
    let without = run_stdin(&["code", "-"], text);
    assert!(events(&without).is_empty());
}

fn example(name: &str) -> String {
    let p = root().join("examples/articles").join(name);
    assert!(Path::new(&p).exists(), "{p:?} missing");
    p.to_string_lossy().into_owned()
}

#[test]
fn example_articles_are_all_coded() {
    let out =
        run(&["code", root().join("examples/articles").to_str().unwrap(), "--published", "2026-03-01", "--stats"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let evs = events(&out);
    let docs: std::collections::BTreeSet<&str> = evs.iter().map(|e| e["doc_id"].as_str().unwrap()).collect();
    assert!(docs.len() >= 6, "every example yields events: {docs:?}");
    let _ = example;
}

#[test]
fn unresolved_actors_are_reported_not_guessed() {
    let d = tmpdir("unresolved");
    let file = d.join("unresolved.jsonl");
    let out = run_stdin(
        &["code", "-", "--unresolved", file.to_str().unwrap()],
        "Police arrested the protesters on Monday.\n",
    );
    assert!(out.status.success());
    let evs = events(&out);
    // The event is kept with the codes petrel can vouch for: roles without a country.
    assert!(
        triples(&evs).iter().any(|(s, t, c)| s == "COP" && t == "OPP" && c.starts_with("17")),
        "{:?}",
        triples(&evs)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let rec: serde_json::Value = serde_json::from_str(text.lines().next().expect("an unresolved record")).unwrap();
    assert_eq!(rec["text"], "Police");
    assert!(rec["reason"].as_str().unwrap().contains("without a country"));
}

/// A two-sentence treebank of our own, in CoNLL-U.
const TINY_TREEBANK: &str = "# text = Russia condemned the strike .
1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tcondemned\tcondemn\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tstrike\tstrike\tNOUN\tNN\t_\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# text = Maduro was captured by U.S. forces .
1\tMaduro\tMaduro\tPROPN\tNNP\t_\t3\tnsubj:pass\t_\t_
2\twas\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_
3\tcaptured\tcapture\tVERB\tVBN\t_\t0\troot\t_\t_
4\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
5\tU.S.\tU.S.\tPROPN\tNNP\t_\t6\tcompound\t_\t_
6\tforces\tforce\tNOUN\tNNS\t_\t3\tobl:agent\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

";

#[test]
fn eval_grammar_scores_rules_and_parser() {
    let dir = tmpdir("eval-grammar");
    let file = dir.join("tiny.conllu");
    std::fs::write(&file, TINY_TREEBANK).unwrap();
    let f = file.to_str().unwrap();

    let out = run(&["eval-grammar", f]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("sentences: 2  words: 12"), "{text}");
    assert!(text.contains("UPOS accuracy:") && text.contains("XPOS accuracy:"), "{text}");
    let rules_at = text.find("clause rules").expect("a clause-rules section");
    let parser_at = text.find("dependency parser").expect("a parser section");
    assert!(rules_at < parser_at);
    assert_eq!(text.matches("subject (nsubj)").count(), 2, "{text}");

    let out = run(&["eval-grammar", f, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rules"]["subject"]["gold"], 2);
    assert_eq!(v["rules"]["xpos_words"], 12, "the built-in tagger gives every word a Penn tag: {v}");
    assert_eq!(v["parser"]["object"]["gold"], 1);
    assert_eq!(v["parser"]["agent"]["gold"], 1);

    let out = run(&["eval-grammar", f, "--parser", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["subject"]["gold"], 2, "one report, not two: {v}");
    assert!(!run(&["eval-grammar", f, "--parser", "--rules"]).status.success(), "the two flags exclude each other");
}

#[test]
fn tag_writes_the_parsers_trees_as_conllu() {
    let dir = tmpdir("tag-parser");
    let file = dir.join("tiny.conllu");
    std::fs::write(&file, TINY_TREEBANK).unwrap();
    let out = run(&["tag", "--parser", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<Vec<&str>> =
        text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 12, "the treebank's own tokens, one line each: {text}");
    assert!(rows.iter().all(|r| r.len() == 10), "{text}");
    // Exactly one root a sentence, and the parser's subject, object and agent.
    assert_eq!(rows.iter().filter(|r| r[7] == "root").count(), 2, "{text}");
    let rel = |form: &str| rows.iter().find(|r| r[1] == form).map(|r| (r[6], r[7])).unwrap();
    assert_eq!(rel("Russia"), ("2", "nsubj"));
    assert_eq!(rel("strike"), ("2", "obj"));
    assert_eq!(rel("Maduro"), ("3", "nsubj:pass"));
    assert_eq!(rel("forces"), ("3", "obl:agent"));
}

#[test]
fn bench_measures_the_inputs_code_reads() {
    let out = run(&["bench", "examples/articles", "--threads", "1", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["sentences"].as_u64().unwrap() > 0, "{v}");
    assert!(v["documents"].as_u64().unwrap() > 0, "{v}");
    assert!(v["input_bytes"].as_u64().unwrap() > 0, "{v}");
    assert!(v["load_ms"].as_f64().unwrap() > 0.0, "{v}");
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "one pass for one thread count: {v}");
    let pass = &results[0];
    assert_eq!(pass["threads"], 1);
    assert_eq!(pass["documents"], v["documents"]);
    assert_eq!(pass["input_bytes"], v["input_bytes"]);
    assert!(pass["events"].as_u64().unwrap() > 0, "{v}");
    assert!(pass["seconds"].as_f64().unwrap() > 0.0, "{v}");
    assert!(pass["sentences_per_second"].as_f64().unwrap() > 0.0, "{v}");
    assert!(pass["input_mb_per_second"].as_f64().unwrap() > 0.0, "{v}");
    assert_eq!(v["paths"][0], "examples/articles");
    // The same documents and events as `petrel code` on the same inputs.
    let code = run(&["code", "examples/articles"]);
    assert_eq!(events(&code).len() as u64, pass["events"].as_u64().unwrap());
}

#[test]
fn bench_keeps_the_last_passs_events_with_output() {
    let dir = tmpdir("bench-output");
    let file = dir.join("events.jsonl");
    let out = run(&["bench", "examples/articles", "--threads", "1,2", "--json", "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.iter().map(|p| p["threads"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2]);
    let text = std::fs::read_to_string(&file).unwrap();
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|e| panic!("bad JSON line {line}: {e}"));
    }
    let last = results.last().unwrap();
    assert_eq!(text.lines().count() as u64, last["events"].as_u64().unwrap(), "{v}");
    assert_eq!(text.len() as u64, last["output_bytes"].as_u64().unwrap(), "{v}");
    assert!(!run(&["bench", "-"]).status.success(), "standard input cannot be read once a pass");
    assert!(!run(&["bench", "examples/articles", "--threads", "0"]).status.success());
}
