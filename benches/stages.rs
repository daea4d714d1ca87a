//! Per-stage benchmarks, so that a slowdown shows where it is:
//! `cargo bench --bench stages`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use petrel::actions::match_actions;
use petrel::actors::find_mentions;
use petrel::syntax::analyse;
use petrel::text::segment;
use petrel::{Document, Pipeline};

fn corpus() -> String {
    let mut out = Vec::new();
    petrel::bench::generate_corpus(&mut out, 2_000, 42, &[]).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn stages(c: &mut Criterion) {
    let text = corpus();
    let pipeline = Pipeline::builtin().unwrap();
    let sentences = segment(&text);
    let n = sentences.len() as u64;
    let mut tagged = sentences.clone();
    for s in &mut tagged {
        pipeline.tag_tokens(&mut s.tokens, &text);
    }
    let analyses: Vec<_> = tagged.iter().map(|s| analyse(&s.tokens)).collect();
    let mentions: Vec<_> = tagged.iter().map(|s| find_mentions(&s.tokens, &pipeline.dicts, None)).collect();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Elements(n));
    g.sample_size(20);
    g.bench_function("segment", |b| b.iter(|| segment(&text).len()));
    g.bench_function("tag", |b| {
        b.iter(|| {
            let mut s = sentences.clone();
            for x in &mut s {
                pipeline.tag_tokens(&mut x.tokens, &text);
            }
            s.len()
        })
    });
    g.bench_function("syntax", |b| b.iter(|| tagged.iter().map(|s| analyse(&s.tokens).verbs.len()).sum::<usize>()));
    g.bench_function("actors", |b| {
        b.iter(|| tagged.iter().map(|s| find_mentions(&s.tokens, &pipeline.dicts, None).len()).sum::<usize>())
    });
    g.bench_function("actions", |b| {
        b.iter(|| {
            tagged
                .iter()
                .zip(&analyses)
                .zip(&mentions)
                .map(|((s, a), m)| match_actions(&s.tokens, a, &pipeline.dicts, m).len())
                .sum::<usize>()
        })
    });
    let doc = Document::new("bench", text.clone()).with_published("2026-02-10".parse().unwrap());
    g.bench_function("pipeline", |b| b.iter(|| pipeline.code(&doc).events.len()));
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function("load_dictionaries", |b| {
        b.iter(|| petrel::dict::Dictionaries::builtin().unwrap().verbs.patterns.len())
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
