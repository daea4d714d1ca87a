//! The `petrel` command line: parses arguments, reads input, prints. All work is done by the
//! `petrel` library.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use petrel::dict::{DictionarySources, QuadConvention};
use petrel::ingest::{IngestOptions, Input, Inputs, parse_published};
use petrel::output::{EventWriter, Format};
use petrel::pipeline::Coded;
use petrel::{Document, Pipeline};

/// Exit status when every input was coded.
const EXIT_OK: u8 = 0;
/// Exit status when some records were skipped (the others were still coded and written).
const EXIT_SKIPPED: u8 = 1;
/// Exit status for usage errors, bad dictionaries and output failures: nothing trustworthy was written.
const EXIT_FATAL: u8 = 2;

#[derive(Parser)]
#[command(
    name = "petrel",
    version,
    about = "Political event coding from news text: who did what to whom, when, where, and who says so."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Jsonl,
    Csv,
    Tsv,
}

#[derive(Clone, Copy, ValueEnum)]
enum QuadArg {
    /// 1 verbal cooperation (01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
    Gdelt,
    /// 0 neutral (01-02), then as GDELT.
    Phoenix,
}

#[derive(clap::Args, Clone)]
struct DictArgs {
    /// A folder of extra dictionaries (petrel or PETRARCH format); may be repeated.
    #[arg(long = "dictionaries", value_name = "DIR")]
    dictionaries: Vec<PathBuf>,
    /// Use only the folders given with --dictionaries, not the built-in dictionaries.
    #[arg(long)]
    no_builtin: bool,
}

impl DictArgs {
    fn sources(&self) -> DictionarySources {
        DictionarySources { no_builtin: self.no_builtin, dirs: self.dictionaries.clone() }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Code articles into events (JSON Lines on standard output by default).
    Code {
        /// Files (.txt, .html, .htm, .jsonl), folders, or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Publication date (YYYY-MM-DD) for documents that carry none.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: FormatArg,
        /// Write to this file (atomically: all or nothing) instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Print counts of documents, sentences, events and skipped records to standard error.
        #[arg(long)]
        stats: bool,
        /// Also emit negated events ("did not attack") with certainty "negated".
        #[arg(long)]
        keep_negated: bool,
        /// Write actors that could not be coded to this file (JSON Lines).
        #[arg(long, value_name = "FILE")]
        unresolved: Option<PathBuf>,
        /// Quad-class convention.
        #[arg(long, value_enum, default_value = "gdelt")]
        quad: QuadArg,
        /// Find subjects and objects with the statistical dependency parser: more accurate,
        /// about half as fast.
        #[arg(long)]
        parser: bool,
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// List the CAMEO codebook, or explain one code.
    Codes {
        /// A code such as 173; omit to list all.
        code: Option<String>,
    },
    /// Measure end-to-end speed on a JSON Lines corpus, or generate a reproducible corpus.
    Bench {
        /// The corpus to code (JSON Lines); omit with --generate.
        corpus: Option<PathBuf>,
        /// Generate a corpus of this many sentences instead of measuring.
        #[arg(long, value_name = "N")]
        generate: Option<usize>,
        /// Seed for --generate.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Mix sentences from these article files or folders into the generated corpus.
        #[arg(long, value_name = "PATH")]
        mix: Vec<PathBuf>,
        /// Where --generate writes (default: standard output).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Print the measurements as one JSON object.
        #[arg(long)]
        json: bool,
        /// Measure with the statistical dependency parser on.
        #[arg(long)]
        parser: bool,
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// Score petrel against a gold file (PETRARCH validation XML, PLOVER JSON, petrel JSONL) or
    /// a folder of them.
    Eval {
        /// The gold file or folder.
        gold: PathBuf,
        /// List every missed and false event with its sentence and the rule that fired.
        #[arg(long)]
        failures: bool,
        /// Print one JSON object per set instead of the text report.
        #[arg(long)]
        json: bool,
        /// Code with the statistical dependency parser.
        #[arg(long)]
        parser: bool,
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// Print petrel's language analysis (tokens, tags, lemmas, relations) as CoNLL-U.
    Tag {
        /// A CoNLL-U file (its tokenization is kept) or a text file; - for standard input text.
        file: PathBuf,
        /// Read FILE as CoNLL-U (the default for .conllu files).
        #[arg(long)]
        conllu: bool,
        /// Write the statistical dependency parser's trees instead of the clause rules'
        /// (every word with its parsed head and UD relation).
        #[arg(long)]
        parser: bool,
    },
    /// Score the language layer against a Universal Dependencies treebank (CoNLL-U): UPOS,
    /// Penn XPOS, verb lemmas, subject/object/agent attachments.
    EvalGrammar {
        /// The CoNLL-U file.
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Score only the statistical dependency parser's attachments (what `code --parser`
        /// uses). Without `--parser` or `--rules`, both are scored, one after the other.
        #[arg(long, conflicts_with = "rules")]
        parser: bool,
        /// Score only the rule-based clause analysis (what `code` uses by default).
        #[arg(long)]
        rules: bool,
    },
    /// Check or describe dictionaries.
    Dict {
        #[command(subcommand)]
        action: DictCommand,
    },
}

#[derive(Subcommand)]
enum DictCommand {
    /// Validate every dictionary file in a folder; prints FILE:LINE: reason for each bad line.
    Check {
        /// The folder.
        dir: PathBuf,
    },
    /// Count codes, actors, agents and patterns (per CAMEO root) of the loaded dictionaries.
    Stats {
        #[command(flatten)]
        dicts: DictArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code { paths, published, format, output, stats, keep_negated, unresolved, quad, parser, dicts } => {
            let format = match format {
                FormatArg::Jsonl => Format::Jsonl,
                FormatArg::Csv => Format::Csv,
                FormatArg::Tsv => Format::Tsv,
            };
            let quad = match quad {
                QuadArg::Gdelt => QuadConvention::Gdelt,
                QuadArg::Phoenix => QuadConvention::Phoenix,
            };
            run_code(CodeArgs {
                paths,
                published,
                format,
                output,
                stats,
                keep_negated,
                unresolved,
                quad,
                parser,
                sources: dicts.sources(),
            })
        }
        Command::Codes { code } => run_codes(code.as_deref()),
        Command::Bench { corpus, generate, seed, mix, output, json, parser, dicts } => match generate {
            Some(n) => run_generate(n, seed, &mix, &output),
            None => match corpus {
                Some(c) => run_bench(&c, json, parser, &dicts.sources()),
                None => Err("give a corpus to measure, or --generate N".into()),
            },
        },
        Command::Tag { file, conllu, parser } => run_tag(&file, conllu, parser),
        Command::EvalGrammar { file, json, parser, rules } => run_eval_grammar(&file, json, !parser, !rules),
        Command::Eval { gold, failures, json, parser, dicts } => {
            run_eval(&gold, failures, json, parser, &dicts.sources())
        }
        Command::Dict { action: DictCommand::Check { dir } } => run_dict_check(&dir),
        Command::Dict { action: DictCommand::Stats { dicts } } => run_dict_stats(&dicts.sources()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`petrel code ... | head`) is the reader's choice, not an error.
        Err(e) if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) => {
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            eprintln!("petrel: {e}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

type CliResult = Result<u8, Box<dyn std::error::Error>>;

struct CodeArgs {
    paths: Vec<PathBuf>,
    published: Option<String>,
    format: Format,
    output: Option<PathBuf>,
    stats: bool,
    keep_negated: bool,
    unresolved: Option<PathBuf>,
    quad: QuadConvention,
    parser: bool,
    sources: DictionarySources,
}

fn load_pipeline(sources: &DictionarySources) -> Result<Pipeline, Box<dyn std::error::Error>> {
    let pipeline = Pipeline::from_sources(sources)?;
    for w in &pipeline.dicts.warnings {
        eprintln!("petrel: warning: dictionary line skipped: {w}");
    }
    Ok(pipeline)
}

/// An output that is either standard output or a temporary file renamed into place at the end.
enum Sink {
    Stdout(io::BufWriter<io::Stdout>),
    File(io::BufWriter<tempfile::NamedTempFile>, PathBuf),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(w, _) => w.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(w, _) => w.flush(),
        }
    }
}

fn open_sink(output: &Option<PathBuf>) -> io::Result<Sink> {
    Ok(match output {
        None => Sink::Stdout(io::BufWriter::new(io::stdout())),
        Some(path) => {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Sink::File(io::BufWriter::new(tempfile::NamedTempFile::new_in(dir)?), path.clone())
        }
    })
}

fn close_sink(sink: Sink) -> io::Result<()> {
    match sink {
        Sink::Stdout(mut w) => w.flush(),
        Sink::File(w, path) => {
            let tmp = w.into_inner().map_err(|e| e.into_error())?;
            // Temporary files are created private (0600); the result is an ordinary file.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))?;
            }
            tmp.persist(&path).map_err(|e| e.error)?;
            Ok(())
        }
    }
}

fn run_code(args: CodeArgs) -> CliResult {
    let published = match &args.published {
        Some(p) => Some(parse_published(p).map_err(|e| format!("--published: {e}"))?),
        None => None,
    };
    let mut pipeline = load_pipeline(&args.sources)?.with_parser(args.parser);
    pipeline.options.keep_negated = args.keep_negated;
    pipeline.options.quad = args.quad;
    let mut writer = EventWriter::new(open_sink(&args.output)?, args.format)?;
    let mut unresolved_out = match &args.unresolved {
        Some(p) => Some(io::BufWriter::new(std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?)),
        None => None,
    };
    let progress = if io::stderr().is_terminal() {
        let pb = ProgressBar::new_spinner();
        pb.set_style(ProgressStyle::with_template("{spinner} {pos} documents coded, {msg} ({per_sec})").unwrap());
        pb
    } else {
        ProgressBar::hidden()
    };
    let (mut docs, mut sentences, mut events, mut skipped) = (0usize, 0usize, 0usize, 0usize);
    let mut inputs = Inputs::new(&args.paths, IngestOptions { published });
    const BATCH: usize = 512;
    loop {
        let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
        let mut exhausted = true;
        for item in inputs.by_ref() {
            match item {
                Input::Document(d) => batch.push(d),
                Input::Warning(w) => progress.suspend(|| eprintln!("petrel: warning: {w}")),
                Input::Skipped(e) => {
                    skipped += 1;
                    progress.suspend(|| eprintln!("petrel: skipped {e}"));
                }
            }
            if batch.len() == BATCH {
                exhausted = false;
                break;
            }
        }
        let coded: Vec<Coded> = batch.par_iter().map(|d| pipeline.code(d)).collect();
        for c in coded {
            docs += 1;
            sentences += c.sentences;
            events += c.events.len();
            for e in &c.events {
                writer.write(e)?;
            }
            if let Some(out) = unresolved_out.as_mut() {
                for u in &c.unresolved {
                    serde_json::to_writer(&mut *out, u)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        progress.set_position(docs as u64);
        progress.set_message(format!("{events} events"));
        if exhausted {
            break;
        }
    }
    progress.finish_and_clear();
    close_sink(writer.finish()?)?;
    if let Some(mut out) = unresolved_out {
        out.flush()?;
    }
    if args.stats {
        eprintln!("documents: {docs}\nsentences: {sentences}\nevents: {events}\nskipped: {skipped}");
    }
    Ok(if skipped > 0 { EXIT_SKIPPED } else { EXIT_OK })
}

fn run_codes(code: Option<&str>) -> CliResult {
    let dicts = petrel::dict::Dictionaries::builtin()?;
    let book = &dicts.codebook;
    let mut out = io::stdout().lock();
    match code {
        Some(c) => {
            let Some(e) = book.get(c) else {
                return Err(format!("`{c}` is not a CAMEO code; `petrel codes` lists them all").into());
            };
            writeln!(out, "{} {}", e.code, e.name)?;
            writeln!(out, "  root:        {} {}", e.root(), book.get(e.root()).map(|r| r.name.as_str()).unwrap_or(""))?;
            writeln!(out, "  goldstein:   {}", e.goldstein)?;
            writeln!(
                out,
                "  quad class:  {} (GDELT), {} (Phoenix)",
                petrel::dict::codebook::quad_class(&e.code, QuadConvention::Gdelt),
                petrel::dict::codebook::quad_class(&e.code, QuadConvention::Phoenix)
            )?;
            writeln!(
                out,
                "  PLOVER:      {} / {} / {}",
                e.plover_type.as_deref().unwrap_or("-"),
                e.plover_mode.as_deref().unwrap_or("-"),
                e.plover_context.as_deref().unwrap_or("-")
            )?;
            let n = dicts.verbs.patterns.iter().filter(|p| p.code == e.code).count();
            writeln!(out, "  patterns:    {n}")?;
            for p in dicts.verbs.patterns.iter().filter(|p| p.code == e.code).take(12) {
                writeln!(out, "    {}", p.rule)?;
            }
        }
        None => {
            writeln!(out, "code\tname\tgoldstein\tquad\tplover_type\tplover_mode\tplover_context")?;
            for e in book.iter() {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    e.code,
                    e.name,
                    e.goldstein,
                    petrel::dict::codebook::quad_class(&e.code, QuadConvention::Gdelt),
                    e.plover_type.as_deref().unwrap_or("-"),
                    e.plover_mode.as_deref().unwrap_or(""),
                    e.plover_context.as_deref().unwrap_or("")
                )?;
            }
        }
    }
    Ok(EXIT_OK)
}

fn run_dict_check(dir: &Path) -> CliResult {
    let (files, errors) = petrel::dict::check_dir(dir)?;
    for e in &errors {
        println!("{e}");
    }
    eprintln!("{files} files checked, {} problems", errors.len());
    Ok(if errors.is_empty() { EXIT_OK } else { EXIT_SKIPPED })
}

fn run_dict_stats(sources: &DictionarySources) -> CliResult {
    let start = std::time::Instant::now();
    let d = petrel::dict::Dictionaries::load(sources)?;
    let load_ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut out = io::stdout().lock();
    writeln!(out, "codes:            {}", d.codebook.len())?;
    writeln!(out, "actor entries:    {}", d.actors.entries.len())?;
    writeln!(out, "actor names:      {}", d.actors.name_count())?;
    writeln!(out, "agent phrases:    {}", d.agents.len())?;
    writeln!(out, "action patterns:  {}", d.verbs.patterns.len())?;
    let heads: std::collections::HashSet<&String> = d.verbs.verb_heads().chain(d.verbs.noun_heads()).collect();
    writeln!(
        out,
        "distinct heads:   {} ({} verbs, {} nouns)",
        heads.len(),
        d.verbs.verb_heads().count(),
        d.verbs.noun_heads().count()
    )?;
    writeln!(out, "load time:        {load_ms:.1} ms")?;
    writeln!(out, "patterns per root:")?;
    for root in 1..=20 {
        let r = format!("{root:02}");
        let n = d.verbs.patterns.iter().filter(|p| p.code.starts_with(&r)).count();
        let name = d.codebook.get(&r).map(|c| c.name.as_str()).unwrap_or("");
        writeln!(out, "  {r} {n:>6}  {name}")?;
    }
    Ok(EXIT_OK)
}

fn run_generate(sentences: usize, seed: u64, mix: &[PathBuf], output: &Option<PathBuf>) -> CliResult {
    let mut extra = Vec::new();
    for item in Inputs::new(mix, IngestOptions::default()) {
        if let Input::Document(d) = item {
            extra.extend(petrel::text::segment(&d.text).iter().map(|s| d.text[s.span.clone()].to_string()));
        }
    }
    let mut sink = open_sink(output)?;
    let docs = petrel::bench::generate_corpus(&mut sink, sentences, seed, &extra)?;
    close_sink(sink)?;
    eprintln!("wrote {docs} documents, {sentences} sentences (seed {seed})");
    Ok(EXIT_OK)
}

fn run_bench(corpus: &Path, json: bool, parser: bool, sources: &DictionarySources) -> CliResult {
    let start = std::time::Instant::now();
    let pipeline = load_pipeline(sources)?.with_parser(parser);
    let load_ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut docs = Vec::new();
    let mut skipped = 0;
    for item in Inputs::new(&[corpus.to_path_buf()], IngestOptions::default()) {
        match item {
            Input::Document(d) => docs.push(d),
            Input::Skipped(e) => {
                skipped += 1;
                eprintln!("petrel: skipped {e}");
            }
            Input::Warning(w) => eprintln!("petrel: warning: {w}"),
        }
    }
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    // A warm-up pass over a slice of the corpus so that first-touch costs are not measured.
    let warm = docs.len().min(200);
    petrel::bench::measure(&pipeline, &docs[..warm], 1);
    let one = petrel::bench::measure(&pipeline, &docs, 1);
    let all = petrel::bench::measure(&pipeline, &docs, cores);
    let peak = petrel::bench::peak_memory_bytes();
    if json {
        let v = serde_json::json!({
            "corpus": corpus.display().to_string(),
            "dictionary_load_ms": load_ms,
            "one_thread": one,
            "all_cores": all,
            "cores": cores,
            "scaling": all.sentences_per_second / one.sentences_per_second,
            "peak_memory_bytes": peak,
        });
        println!("{v}");
    } else {
        println!("corpus:            {} ({} documents, {} sentences)", corpus.display(), one.documents, one.sentences);
        println!("dictionary load:   {load_ms:.1} ms");
        println!(
            "1 thread:          {:>10.0} sentences/s {:>9.0} documents/s ({:.2} s, {} events)",
            one.sentences_per_second, one.documents_per_second, one.seconds, one.events
        );
        println!(
            "{cores} threads:         {:>10.0} sentences/s {:>9.0} documents/s ({:.2} s) scaling {:.2}x",
            all.sentences_per_second,
            all.documents_per_second,
            all.seconds,
            all.sentences_per_second / one.sentences_per_second
        );
        if let Some(p) = peak {
            println!("peak memory:       {:.0} MB", p as f64 / 1e6);
        }
    }
    Ok(if skipped > 0 { EXIT_SKIPPED } else { EXIT_OK })
}

fn run_eval(gold: &Path, failures: bool, json: bool, parser: bool, sources: &DictionarySources) -> CliResult {
    let opts = petrel::eval::EvalOptions { sources: sources.clone(), parser, ..Default::default() };
    let reports = petrel::eval::evaluate(gold, &opts)?;
    let mut out = io::stdout().lock();
    for r in &reports {
        if json {
            writeln!(out, "{}", r.to_json())?;
        } else {
            r.print_text(&mut out, failures)?;
            writeln!(out)?;
        }
    }
    Ok(EXIT_OK)
}

fn run_tag(file: &Path, conllu: bool, parser: bool) -> CliResult {
    use petrel::grammar_eval::{parsed_to_conllu, to_conllu};
    let pipeline = load_pipeline(&DictionarySources::default())?;
    let dep = parser.then(petrel::depparse::DependencyParser::builtin);
    // One CoNLL-U block: the parser's tree with --parser, else the clause rules' (analysed
    // here unless the caller has the analysis already).
    let block =
        |tokens: &[petrel::text::Token], text: &str, a: Option<&petrel::syntax::Analysis>, id: &str| match (&dep, a) {
            (Some(p), _) => parsed_to_conllu(tokens, text, &p.parse(tokens), id),
            (None, Some(a)) => to_conllu(tokens, text, a, id),
            (None, None) => to_conllu(tokens, text, &petrel::syntax::analyse(tokens), id),
        };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let is_conllu = conllu || file.extension().is_some_and(|e| e == "conllu");
    if is_conllu {
        for (i, s) in petrel::conllu::read_file(file)?.iter().enumerate() {
            let (text, mut tokens) = petrel::grammar_eval::gold_tokens(s);
            pipeline.tag_tokens(&mut tokens, &text);
            let id = s.id.clone().unwrap_or_else(|| format!("s{}", i + 1));
            out.write_all(block(&tokens, &text, None, &id).as_bytes())?;
        }
    } else {
        let mut text = String::new();
        if file.as_os_str() == "-" {
            std::io::Read::read_to_string(&mut io::stdin(), &mut text)?;
        } else {
            text = String::from_utf8_lossy(&std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?)
                .into_owned();
        }
        for (s, a) in pipeline.analyse_text(&text) {
            // One CoNLL-U block a sentence; its `# text` line is the sentence's own span.
            out.write_all(block(&s.tokens, &text, Some(&a), &format!("s{}", s.index + 1)).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

/// `eval-grammar`: scores the clause rules (`rules`), the dependency parser (`parser`) or both.
/// One report prints as before; two print the tagging lines once and each analysis's
/// attachments under its own heading (JSON: `{"rules": report, "parser": report}`).
fn run_eval_grammar(file: &Path, json: bool, rules: bool, parser: bool) -> CliResult {
    use petrel::grammar_eval::{evaluate_grammar, evaluate_parser};
    let sentences = petrel::conllu::read_file(file)?;
    let pipeline = load_pipeline(&DictionarySources::default())?;
    let by_rules = rules.then(|| evaluate_grammar(&sentences, &pipeline));
    let by_parser =
        parser.then(|| evaluate_parser(&sentences, &pipeline, &petrel::depparse::DependencyParser::builtin()));
    match (by_rules, by_parser) {
        (Some(r), Some(p)) if json => println!("{}", serde_json::json!({ "rules": r, "parser": p })),
        (Some(r), Some(p)) => {
            print!("{}", r.tagging_text());
            println!("clause rules (what `petrel code` uses):");
            print!("{}", r.attachments_text());
            println!("dependency parser (what `petrel code --parser` uses):");
            print!("{}", p.attachments_text());
        }
        (Some(one), None) | (None, Some(one)) if json => println!("{}", serde_json::to_string(&one)?),
        (Some(one), None) | (None, Some(one)) => print!("{}", one.text()),
        (None, None) => unreachable!("clap forbids --parser with --rules"),
    }
    Ok(EXIT_OK)
}
