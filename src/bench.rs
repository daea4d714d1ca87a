//! `petrel bench`: end-to-end throughput, and a reproducible synthetic corpus to measure it on.
//!
//! The corpus generator combines actors, actions, targets, time and attribution phrases from
//! its own tables (and optionally sentences from example articles) with a seeded generator,
//! so every run with the same seed writes the same file, and no two sentences need be alike.

use std::io::{self, Write};
use std::time::Instant;

use rayon::prelude::*;

use crate::document::Document;
use crate::pipeline::Pipeline;

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

/// Writes a JSON Lines corpus of `sentences` sentences (in documents of 5 to 25 sentences),
/// reproducible from `seed`. Extra sentences (e.g. from example articles) are mixed in.
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

/// One throughput measurement.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Throughput {
    /// Threads used.
    pub threads: usize,
    /// Documents coded.
    pub documents: usize,
    /// Sentences coded.
    pub sentences: usize,
    /// Events produced.
    pub events: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Sentences per second.
    pub sentences_per_second: f64,
    /// Documents per second.
    pub documents_per_second: f64,
}

/// Codes `docs` on `threads` threads (1 = the calling thread only), serialising every event to
/// JSON as `petrel code` would, and measures the time.
pub fn measure(pipeline: &Pipeline, docs: &[Document], threads: usize) -> Throughput {
    let code = |d: &Document| {
        let c = pipeline.code(d);
        let mut bytes = Vec::with_capacity(512 * c.events.len());
        for e in &c.events {
            serde_json::to_writer(&mut bytes, e).expect("serialising to memory");
            bytes.push(b'\n');
        }
        (c.sentences, c.events.len(), bytes.len())
    };
    let start = Instant::now();
    let totals: Vec<(usize, usize, usize)> = if threads <= 1 {
        docs.iter().map(code).collect()
    } else {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
        pool.install(|| docs.par_iter().map(code).collect())
    };
    let seconds = start.elapsed().as_secs_f64();
    let sentences: usize = totals.iter().map(|t| t.0).sum();
    let events: usize = totals.iter().map(|t| t.1).sum();
    Throughput {
        threads,
        documents: docs.len(),
        sentences,
        events,
        seconds,
        sentences_per_second: sentences as f64 / seconds,
        documents_per_second: docs.len() as f64 / seconds,
    }
}

/// Peak resident memory of this process in bytes (Linux `VmHWM`), if known.
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
