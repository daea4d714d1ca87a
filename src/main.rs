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
/// Exit status when some inputs were skipped (a missing, unreadable or binary file, a bad
/// record); the others were still coded and written.
const EXIT_SKIPPED: u8 = 1;
/// Exit status for usage errors, bad dictionaries and output failures: nothing trustworthy was written.
const EXIT_FATAL: u8 = 2;

/// The exit statuses, as `--help` prints them (the README has the same table).
const EXIT_HELP: &str = "Exit status:
  0  every input was coded (warnings, such as an empty file, do not change it)
  1  some input was skipped and reported: a missing, unreadable or binary file, a malformed
     record; everything else was coded and written
  2  fatal: bad arguments or dictionaries, or the output could not be written";

#[derive(Parser)]
#[command(
    name = "petrel",
    version,
    about = "Political event coding from news text: who did what to whom, when, where, and who says so.",
    after_help = EXIT_HELP
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
    #[command(after_help = EXIT_HELP)]
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
        /// Name each file as it is read (standard error).
        #[arg(long, short)]
        verbose: bool,
        /// Also emit negated events ("did not attack") with certainty "negated".
        #[arg(long)]
        keep_negated: bool,
        /// Also emit events with no target ("X said", "troops withdrew"). By default events
        /// are dyadic, as the coding standard and PETRARCH's require_dyad have it; a protest or
        /// strike with no stated target is against the local government.
        #[arg(long)]
        targetless: bool,
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
    /// Measure end-to-end speed on the inputs `petrel code` reads, or generate a synthetic corpus.
    ///
    /// Each thread count gets a fresh, complete pass whose clock covers reading and parsing the
    /// inputs, coding, and writing the events as JSON Lines to a real file (a temporary file,
    /// or -o FILE). Dictionary load is timed once, apart; an unmeasured warm-up codes the first
    /// 200 documents first.
    Bench {
        /// Files (.txt, .html, .htm, .jsonl), folders; omit with --generate.
        paths: Vec<PathBuf>,
        /// Thread counts to measure, one pass each (default: 1 and the available cores).
        #[arg(long, value_name = "N,N", value_delimiter = ',')]
        threads: Vec<usize>,
        /// Instead of measuring, write a SYNTHETIC corpus of this many sentences: template
        /// sentences (one in ten from --mix articles, if given). Reproducible, but short,
        /// regular and event-dense: no measure of throughput on news.
        #[arg(long, value_name = "N")]
        generate: Option<usize>,
        /// Seed for --generate.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Mix sentences from these article files or folders into the generated corpus.
        #[arg(long, value_name = "PATH")]
        mix: Vec<PathBuf>,
        /// Measuring: keep the last pass's events in this file (default: a temporary file,
        /// deleted). With --generate: write the corpus here (default: standard output).
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
        Command::Code {
            paths,
            published,
            format,
            output,
            stats,
            verbose,
            keep_negated,
            targetless,
            unresolved,
            quad,
            parser,
            dicts,
        } => {
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
                verbose,
                keep_negated,
                targetless,
                unresolved,
                quad,
                parser,
                sources: dicts.sources(),
            })
        }
        Command::Codes { code } => run_codes(code.as_deref()),
        Command::Bench { paths, threads, generate, seed, mix, output, json, parser, dicts } => match generate {
            Some(n) => run_generate(n, seed, &mix, &output),
            None => run_bench(&paths, &threads, &output, json, parser, &dicts.sources()),
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
    verbose: bool,
    keep_negated: bool,
    targetless: bool,
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
    pipeline.options.require_target = !args.targetless;
    pipeline.options.quad = args.quad;
    let mut writer = EventWriter::new(open_sink(&args.output)?, args.format)?;
    let mut unresolved_out = match &args.unresolved {
        Some(p) => Some(io::BufWriter::new(std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?)),
        None => None,
    };
    let exclude = args.output.iter().chain(&args.unresolved).cloned().collect();
    let mut inputs = Inputs::new(&args.paths, IngestOptions { published, exclude });
    let progress = progress_bar(inputs.total_bytes());
    let started = std::time::Instant::now();
    let (mut docs, mut sentences, mut events, mut skipped) = (0usize, 0usize, 0usize, 0usize);
    let mut warned_undated = false;
    let mut files_named = 0;
    const BATCH: usize = 512;
    loop {
        let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
        let mut exhausted = true;
        while let Some(item) = inputs.next() {
            if args.verbose {
                for f in &inputs.summary().files_read[files_named..] {
                    progress.suspend(|| eprintln!("petrel: reading {f}"));
                }
                files_named = inputs.summary().files_read.len();
            }
            match item {
                Input::Document(d) => {
                    if d.published.is_none() && !warned_undated {
                        warned_undated = true;
                        progress.suspend(|| {
                            eprintln!(
                                "petrel: warning: {} has no publication date (no --published, no `published` field): \
                                 relative dates (\"on Tuesday\", \"last month\") stay unresolved in it and in any \
                                 other undated document",
                                d.id
                            )
                        });
                    }
                    batch.push(d)
                }
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
        progress.set_position(inputs.consumed_bytes());
        let rate = sentences as f64 / started.elapsed().as_secs_f64().max(1e-3);
        progress.set_message(format!("{docs} documents, {events} events, {rate:.0} sentences/s"));
        if exhausted {
            break;
        }
    }
    progress.finish_and_clear();
    report_inputs(inputs.summary(), docs);
    close_sink(writer.finish()?)?;
    if let Some(mut out) = unresolved_out {
        out.flush()?;
    }
    if args.stats {
        eprintln!("documents: {docs}\nsentences: {sentences}\nevents: {events}\nskipped: {skipped}");
    }
    Ok(if skipped > 0 { EXIT_SKIPPED } else { EXIT_OK })
}

/// A progress bar over `total` input bytes (documents, sentences/s and ETA) on a terminal; a
/// hidden one when standard error is a pipe or a file, so logs stay clean.
fn progress_bar(total: u64) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    if total == 0 {
        // Standard input: no length to measure against.
        let pb = ProgressBar::new_spinner();
        pb.set_style(ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").unwrap());
        return pb;
    }
    let pb = ProgressBar::new(total);
    pb.set_style(
        ProgressStyle::with_template("{bar:30} {percent:>3}% {msg} [{elapsed}, ETA {eta}]")
            .unwrap()
            .progress_chars("=> "),
    );
    pb
}

/// After a run: a warning when nothing was coded, and, when a folder was read or a file left
/// out, which files were read and which were skipped and why.
fn report_inputs(summary: &petrel::ingest::InputSummary, docs: usize) {
    const LISTED: usize = 20;
    if docs == 0 {
        eprintln!("petrel: warning: no document to code in the input");
    }
    if !summary.had_folder && summary.files_skipped.is_empty() {
        return;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    eprintln!(
        "petrel: read {}, {}; skipped {}",
        plural(summary.files_read.len(), "file"),
        plural(docs, "document"),
        plural(summary.files_skipped.len(), "file")
    );
    for (file, why) in summary.files_skipped.iter().take(LISTED) {
        eprintln!("petrel:   skipped {file}: {why}");
    }
    if summary.files_skipped.len() > LISTED {
        eprintln!("petrel:   ... and {} more", summary.files_skipped.len() - LISTED);
    }
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
    eprintln!(
        "wrote {docs} documents, {sentences} sentences (seed {seed}); synthetic, mostly template \
         sentences: not a measure of throughput on news"
    );
    Ok(EXIT_OK)
}

/// `bench PATH...`: one fresh, complete pass (read, code, write JSON Lines to a real file) per
/// thread count, after a timed load and an unmeasured warm-up; see `petrel::bench`.
fn run_bench(
    paths: &[PathBuf],
    threads: &[usize],
    output: &Option<PathBuf>,
    json: bool,
    parser: bool,
    sources: &DictionarySources,
) -> CliResult {
    use petrel::bench;
    if paths.is_empty() {
        return Err("give files or folders to measure, or --generate N".into());
    }
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return Err("bench reads its inputs once a pass, so it cannot read standard input; give files".into());
    }
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let default = [1, cores];
    let mut counts: Vec<usize> = Vec::new();
    for &t in if threads.is_empty() { &default[..] } else { threads } {
        if t == 0 {
            return Err("--threads: a thread count must be at least 1".into());
        }
        if !counts.contains(&t) {
            counts.push(t);
        }
    }
    let start = std::time::Instant::now();
    let pipeline = load_pipeline(sources)?.with_parser(parser);
    let load_ms = start.elapsed().as_secs_f64() * 1000.0;
    let load_peak = bench::peak_memory_bytes();
    // As `petrel code -o`: the output file is never read as input, even in a folder given.
    let options = IngestOptions { exclude: output.iter().cloned().collect(), ..IngestOptions::default() };
    let pools = counts
        .iter()
        .map(|&n| rayon::ThreadPoolBuilder::new().num_threads(n).build())
        .collect::<Result<Vec<_>, _>>()?;
    // Unmeasured: first-touch costs of the dictionaries and models, and thread start-up.
    let warmup = bench::warm_up(&pipeline, paths, &options, &pools[pools.len() - 1], 200);
    let mut results = Vec::new();
    for (i, pool) in pools.iter().enumerate() {
        let last = i + 1 == pools.len();
        let pass = match output.as_ref().filter(|_| last) {
            // The last pass writes where -o says, atomically, as `petrel code -o` does.
            Some(_) => {
                let (pass, sink) = bench::run_pass(&pipeline, paths, &options, pool, open_sink(output)?)?;
                close_sink(sink)?;
                pass
            }
            // Other passes write to an anonymous temporary file, deleted when dropped.
            None => {
                let file = io::BufWriter::new(tempfile::tempfile()?);
                bench::run_pass(&pipeline, paths, &options, pool, file)?.0
            }
        };
        if i == 0 {
            for n in &pass.notes {
                eprintln!("petrel: {n}");
            }
        }
        results.push(pass);
    }
    let skipped = results.first().map_or(0, |p| p.skipped);
    let report = bench::Report {
        paths: paths.iter().map(|p| p.display().to_string()).collect(),
        input_bytes: results.first().map_or(0, |p| p.input_bytes),
        documents: results.first().map_or(0, |p| p.documents),
        sentences: results.first().map_or(0, |p| p.sentences),
        parser,
        cores,
        load_ms,
        load_peak_rss_bytes: load_peak,
        warmup_documents: warmup,
        results,
        output: output.as_ref().map(|p| p.display().to_string()),
    };
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.text());
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
