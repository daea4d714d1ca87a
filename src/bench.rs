//! `petrel bench`: end-to-end throughput of what `petrel code` does, and a reproducible
//! synthetic corpus.
//!
//! A measured pass ([`run_pass`]) is a complete `petrel code` run minus the dictionary load:
//! it reads and parses the input files with [`Inputs`], codes batches of [`BATCH`] documents
//! in parallel on a rayon pool of the chosen size, and writes every event as JSON Lines through
//! [`EventWriter`] to the writer it is given (the binary gives it a real file). The clock
//! covers all three. Dictionary and model load is timed once, apart, by the caller.
//!
//! The corpus generator ([`generate_corpus`]) is **synthetic**: its sentences are built from
//! two templates ("ACTOR ACTION TARGET TIME, TAIL.") over its own small tables, except one in
//! ten drawn from example articles when those are given (`--mix`). Every run with the same seed writes the
//! same file, and few sentences repeat, but the text is short, regular and event-dense, so its
//! throughput is *not* a measure of throughput on news; measure real text for that (the UD
//! English EWT test set and the PETRARCH GigaWord sample, as JSON Lines from
//! `tools/bench_corpora.py`).

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::document::Document;
use crate::ingest::{IngestOptions, Input, Inputs};
use crate::output::{EventWriter, Format};
use crate::pipeline::{Coded, Pipeline};

/// A small deterministic pseudo-random generator (SplitMix64): reproducible corpora without a
/// dependency.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// Seeds the generator.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A random element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const COUNTRIES: &[(&str, &str)] = &[
    ("Cuba", "Cuban"),
    ("Venezuela", "Venezuelan"),
    ("Russia", "Russian"),
    ("Ukraine", "Ukrainian"),
    ("China", "Chinese"),
    ("France", "French"),
    ("Germany", "German"),
    ("Israel", "Israeli"),
    ("Iran", "Iranian"),
    ("Colombia", "Colombian"),
    ("Brazil", "Brazilian"),
    ("India", "Indian"),
    ("Pakistan", "Pakistani"),
    ("Turkey", "Turkish"),
    ("Egypt", "Egyptian"),
    ("Nigeria", "Nigerian"),
    ("Mexico", "Mexican"),
    ("Japan", "Japanese"),
    ("Syria", "Syrian"),
    ("Sudan", "Sudanese"),
    ("Poland", "Polish"),
    ("Kenya", "Kenyan"),
    ("Ethiopia", "Ethiopian"),
    ("Peru", "Peruvian"),
];
const AGENTS: &[&str] = &[
    "troops",
    "police",
    "government",
    "officials",
    "soldiers",
    "lawmakers",
    "protesters",
    "rebels",
    "foreign minister",
    "intelligence agents",
    "doctors",
    "students",
    "security forces",
    "navy",
];
const ACTIONS: &[&str] = &[
    "attacked",
    "condemned",
    "met with",
    "accused",
    "criticized",
    "arrested",
    "praised",
    "threatened",
    "visited",
    "rejected",
    "signed an agreement with",
    "imposed sanctions on",
    "sent aid to",
    "expelled",
    "withdrew from",
    "shelled",
    "appealed to",
    "negotiated with",
    "blockaded",
    "denounced",
    "detained",
    "welcomed",
    "warned",
    "raided",
    "supported",
    "urged",
];
const TIMES: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "last week",
    "on January 3",
    "earlier this month",
    "in December",
    "yesterday",
    "two weeks ago",
    "",
    "",
    "",
    "on Friday",
    "last month",
    "this year",
];
const TAILS: &[&str] = &[
    "",
    "",
    "",
    ", officials said",
    ", according to state media",
    ", sources told Reuters",
    ", witnesses said",
    " in the capital",
    " near the border",
    ", the ministry said in a statement",
];

/// Writes a synthetic JSON Lines corpus of `sentences` sentences (in documents of 5 to 25
/// sentences), reproducible from `seed`, and returns the number of documents. Sentences come
/// from two templates over the tables above, except one in ten drawn from `extra` (e.g.
/// sentences of example articles) when it is not empty. Template text is short and
/// event-dense, so coding it is no measure of news throughput. Cost: linear in `sentences`,
/// a few hundred nanoseconds a sentence, plus the writes.
pub fn generate_corpus<W: Write>(out: &mut W, sentences: usize, seed: u64, extra: &[String]) -> io::Result<usize> {
    let mut rng = SplitMix64::new(seed);
    let mut written = 0;
    let mut doc = 0;
    while written < sentences {
        let n = (5 + rng.below(21)).min(sentences - written);
        let mut text = String::new();
        for _ in 0..n {
            if !extra.is_empty() && rng.below(10) == 0 {
                let s: &String = rng.pick(extra);
                text.push_str(s);
            } else {
                let (c1, a1) = *rng.pick(COUNTRIES);
                let (c2, a2) = *rng.pick(COUNTRIES);
                let subject = match rng.below(3) {
                    0 => c1.to_string(),
                    _ => format!("{a1} {}", rng.pick(AGENTS)),
                };
                let object = match rng.below(3) {
                    0 => c2.to_string(),
                    1 => format!("{a2} {}", rng.pick(AGENTS)),
                    _ => format!("the {a2} {}", rng.pick(AGENTS)),
                };
                let time = rng.pick(TIMES);
                let tail = rng.pick(TAILS);
                let action = rng.pick(ACTIONS);
                let num = rng.below(1000);
                if rng.below(6) == 0 {
                    text.push_str(&format!("At least {num} {a1} {} {action} {object} {time}{tail}.", rng.pick(AGENTS)));
                } else {
                    text.push_str(
                        &format!("{subject} {action} {object} {time}{tail}.").replace("  ", " ").replace(" .", "."),
                    );
                }
            }
            text.push(' ');
        }
        let day = 1 + rng.below(28);
        let month = 1 + rng.below(12);
        let rec = serde_json::json!({
            "id": format!("bench-{seed}-{doc}"),
            "text": text.trim_end(),
            "published": format!("2026-{month:02}-{day:02}"),
            "source": "petrel-bench",
        });
        serde_json::to_writer(&mut *out, &rec)?;
        out.write_all(b"\n")?;
        written += n;
        doc += 1;
    }
    Ok(doc)
}

/// Documents coded together in one parallel step, as `petrel code` does: reading waits while
/// a batch is coded, and the batch's events are written in order before the next is read.
pub const BATCH: usize = 512;

/// Counts the bytes written through it (so a pass can report its output size at the cost of
/// one addition a write).
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// One measured pass: a complete read, code and write of the inputs on `threads` threads.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Pass {
    /// Threads in the rayon pool that coded the batches.
    pub threads: usize,
    /// Documents read and coded.
    pub documents: usize,
    /// Sentences coded (as petrel's segmenter counts them).
    pub sentences: usize,
    /// Events written.
    pub events: usize,
    /// Records skipped (unreadable files, bad JSON Lines records).
    pub skipped: usize,
    /// Bytes of input read: the files, or the JSON Lines records, that [`Inputs`] handed out
    /// ([`Inputs::consumed_bytes`]).
    pub input_bytes: u64,
    /// Bytes of JSON Lines written.
    pub output_bytes: u64,
    /// Wall-clock seconds of the pass: reading and parsing, coding, writing and flushing.
    pub seconds: f64,
    /// Sentences per second.
    pub sentences_per_second: f64,
    /// Documents per second.
    pub documents_per_second: f64,
    /// Input megabytes (10^6 bytes) per second.
    pub input_mb_per_second: f64,
    /// Peak resident memory during the pass in bytes (Linux `VmHWM`, reset before the pass
    /// where the kernel allows; else the process's peak so far); `None` where unknown.
    pub peak_rss_bytes: Option<u64>,
    /// Whether the peak was reset before the pass, so that `peak_rss_bytes` is this pass's own.
    pub peak_rss_reset: bool,
    /// The first warnings and skipped records of the pass (at most 20), for the caller to
    /// print once.
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// Most notes a pass keeps.
const MAX_NOTES: usize = 20;

/// Runs one complete, measured pass over `paths` as `petrel code` would: reads them with
/// [`Inputs`] (the same files, folders and formats), codes batches of [`BATCH`] documents in
/// parallel on `pool`, writes every event as JSON Lines to `out` and flushes it. Returns the
/// measurements and `out` (for the caller to keep or discard).
///
/// Before the clock starts, the kernel's peak-memory mark is reset ([`reset_peak_memory`]);
/// after it stops, the peak is read ([`peak_memory_bytes`]). Cost: that of `petrel code` on
/// the same inputs, plus a counter a write; memory holds one batch of documents and events.
pub fn run_pass<W: Write>(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    options: &IngestOptions,
    pool: &rayon::ThreadPool,
    out: W,
) -> io::Result<(Pass, W)> {
    let peak_rss_reset = reset_peak_memory();
    let start = Instant::now();
    let mut writer = EventWriter::new(Counting { inner: out, bytes: 0 }, Format::Jsonl)?;
    let mut inputs = Inputs::new(paths, options.clone());
    let (mut documents, mut sentences, mut events, mut skipped) = (0usize, 0usize, 0usize, 0usize);
    let mut notes = Vec::new();
    loop {
        let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
        let mut exhausted = true;
        for item in inputs.by_ref() {
            match item {
                Input::Document(d) => batch.push(d),
                Input::Warning(w) => {
                    if notes.len() < MAX_NOTES {
                        notes.push(format!("warning: {w}"));
                    }
                }
                Input::Skipped(e) => {
                    skipped += 1;
                    if notes.len() < MAX_NOTES {
                        notes.push(format!("skipped {e}"));
                    }
                }
            }
            if batch.len() == BATCH {
                exhausted = false;
                break;
            }
        }
        let coded: Vec<Coded> = pool.install(|| batch.par_iter().map(|d| pipeline.code(d)).collect());
        for c in coded {
            documents += 1;
            sentences += c.sentences;
            events += c.events.len();
            for e in &c.events {
                writer.write(e)?;
            }
        }
        if exhausted {
            break;
        }
    }
    let counted = writer.finish()?;
    let seconds = start.elapsed().as_secs_f64();
    let input_bytes = inputs.consumed_bytes();
    let peak_rss_bytes = peak_memory_bytes();
    let per_second = |n: f64| if seconds > 0.0 { n / seconds } else { 0.0 };
    let pass = Pass {
        threads: pool.current_num_threads(),
        documents,
        sentences,
        events,
        skipped,
        input_bytes,
        output_bytes: counted.bytes,
        seconds,
        sentences_per_second: per_second(sentences as f64),
        documents_per_second: per_second(documents as f64),
        input_mb_per_second: per_second(input_bytes as f64 / 1e6),
        peak_rss_bytes,
        peak_rss_reset,
        notes,
    };
    Ok((pass, counted.inner))
}

/// Codes the first `documents` documents of `paths` on `pool` and throws the result away, so
/// that first-touch costs (page faults in the dictionaries and models, the pool's threads
/// starting) do not fall in the first measured pass. Returns how many documents it coded.
/// Cost: reading up to the `documents`th document, and coding that many.
pub fn warm_up(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    options: &IngestOptions,
    pool: &rayon::ThreadPool,
    documents: usize,
) -> usize {
    let docs: Vec<Document> = Inputs::new(paths, options.clone())
        .filter_map(|i| match i {
            Input::Document(d) => Some(d),
            _ => None,
        })
        .take(documents)
        .collect();
    pool.install(|| docs.par_iter().for_each(|d| drop(pipeline.code(d))));
    docs.len()
}

/// A whole `petrel bench` run: the inputs, the one-off load and warm-up, and one [`Pass`] per
/// thread count. Serialises as the `--json` object.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// The paths given, as given.
    pub paths: Vec<String>,
    /// Bytes of input read (from the first pass; see [`Pass::input_bytes`]).
    pub input_bytes: u64,
    /// Documents in the inputs (from the first pass).
    pub documents: usize,
    /// Sentences in the inputs (from the first pass).
    pub sentences: usize,
    /// Whether the statistical dependency parser was on.
    pub parser: bool,
    /// Cores available to the process.
    pub cores: usize,
    /// Milliseconds to load the dictionaries and models (once, not part of any pass).
    pub load_ms: f64,
    /// Peak resident memory in bytes after loading, before any pass; `None` where unknown.
    pub load_peak_rss_bytes: Option<u64>,
    /// Documents coded in the unmeasured warm-up.
    pub warmup_documents: usize,
    /// The passes, in the order run.
    pub results: Vec<Pass>,
    /// Where the last pass's events were kept (`-o`); `None`: they went to a temporary file,
    /// since deleted.
    pub output: Option<String>,
}

impl Report {
    /// The report as aligned text, one line a pass. Cost: a few lines of formatting.
    pub fn text(&self) -> String {
        let mb = |b: u64| b as f64 / 1e6;
        let mut s = format!(
            "inputs:           {} ({:.2} MB, {} documents, {} sentences)\n",
            self.paths.join(" "),
            mb(self.input_bytes),
            self.documents,
            self.sentences
        );
        s += &format!(
            "load:             {:.1} ms (dictionaries{}){}\n",
            self.load_ms,
            if self.parser { " and parser model" } else { "" },
            self.load_peak_rss_bytes.map(|p| format!(", peak memory {:.0} MB", mb(p))).unwrap_or_default()
        );
        s += &format!("warm-up:          {} documents, not measured\n", self.warmup_documents);
        s += "threads  sentences/s  documents/s     MB/s     events  seconds  peak MB\n";
        for p in &self.results {
            s += &format!(
                "{:>7}  {:>11.0}  {:>11.0}  {:>7.2}  {:>9}  {:>7.2}  {:>7}\n",
                p.threads,
                p.sentences_per_second,
                p.documents_per_second,
                p.input_mb_per_second,
                p.events,
                p.seconds,
                p.peak_rss_bytes.map(|b| format!("{:.0}", mb(b))).unwrap_or_else(|| "-".into())
            );
        }
        if let [first, .., last] = self.results.as_slice() {
            let ratio = if first.sentences_per_second > 0.0 {
                last.sentences_per_second / first.sentences_per_second
            } else {
                f64::NAN
            };
            s += &format!("scaling:          {ratio:.2}x ({} threads against {})\n", last.threads, first.threads);
        }
        if self.results.iter().any(|p| p.peak_rss_bytes.is_some() && !p.peak_rss_reset) {
            s += "peak memory:      could not be reset between passes; each figure is the peak so far\n";
        }
        match &self.output {
            Some(o) => s += &format!("events of the last pass: {o}\n"),
            None => s += "events written to a temporary file, deleted\n",
        }
        s
    }
}

/// Resets the kernel's peak-resident-memory mark of this process to its current resident size
/// (Linux: writes `5` to `/proc/self/clear_refs`), so that [`peak_memory_bytes`] then measures
/// from now. Returns false where that is not possible (other systems, restricted `/proc`).
/// Cost: one small write to `/proc`.
pub fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Peak resident memory of this process in bytes (Linux `VmHWM`: since start, or since the
/// last [`reset_peak_memory`]), if known. Cost: reading `/proc/self/status`.
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_is_reproducible_and_varied() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        generate_corpus(&mut a, 500, 7, &[]).unwrap();
        generate_corpus(&mut b, 500, 7, &[]).unwrap();
        assert_eq!(a, b);
        let mut c = Vec::new();
        generate_corpus(&mut c, 500, 8, &[]).unwrap();
        assert_ne!(a, c);
        let text = String::from_utf8(a).unwrap();
        let sentences: Vec<&str> = text.split(". ").collect();
        let distinct: std::collections::HashSet<&&str> = sentences.iter().collect();
        assert!(distinct.len() * 10 > sentences.len() * 9, "{} distinct of {}", distinct.len(), sentences.len());
    }
}
