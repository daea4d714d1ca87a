//! Builds petrel's dependency parser model, cross-validates it and evaluates it.
//!
//! ```text
//! cargo run --release --example train_parser -- build \
//!     --train ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu --out src/depparse/parser.bin
//!     [--silver silver_trees.conllu --gold-repeat 2]
//! cargo run --release --example train_parser -- cv --train (same) --folds 5 [--run-folds 5]
//! cargo run --release --example train_parser -- eval --test en_ewt-ud-test.conllu [--model FILE]
//! ```
//!
//! Training reads the treebank's gold words and trees, tags the words with petrel's own
//! tagger (`PerceptronTagger::builtin`), so the parser learns from the tags it will see, and
//! trains the averaged perceptron with a dynamic oracle. Options (defaults are the shipped
//! model's): `--epochs 15`; `--noise 0.06`, the chance per word of replacing its tag by a
//! commonly confused one (the tagger was trained on dev, so its dev tags are nearly perfect
//! while on new text about 94% are right); `--explore 0.9`, the chance of following a wrong
//! prediction after the first epoch; `--min-abs 1.0`, averaged weights below it are dropped;
//! `--silver FILE` adds converted silver trees (`tools/silver_parses.py`) after the gold ones,
//! and `--gold-repeat N` shows each gold tree N times an epoch.
//! `cv --prune-list 1,3,4` also scores each fold's model pruned at those thresholds.
//! `cv --cv-tagger rule` scores held-out folds on the rule tagger's tags instead, and
//! `--cv-tagger FILE` on the tags in FILE, written by `train_tagger jackknife` (each gold
//! sentence tagged by a model trained without it): the tags the parser will meet on new
//! text. `--gold-tags FILE` trains on those tags too. `cv --first-fold K --run-folds N` runs
//! folds K..K+N only (two folds can train on two cores at once); `--save-models PREFIX` writes
//! each fold's model to `PREFIX{fold}.bin`, and `heldout --first-fold K --model PREFIXK.bin`
//! rescores it on its held-out fold, with the default and the other object constraints
//! (`DependencyParser::with_object_constraint`), without label margins
//! (`with_label_margins`) and with each margin set of `--margins nsubj:30+obj:30,obj:20`,
//! in seconds instead of a retraining.
//! Everything is deterministic (fixed seeds).

use std::path::PathBuf;
use std::time::Instant;

use petrel::Pipeline;
use petrel::conllu::{self, Sentence};
use petrel::depparse::DependencyParser;
use petrel::depparse::train::{Example, Trainer};
use petrel::grammar_eval::{GrammarReport, evaluate_parser, gold_tokens};
use petrel::pos::perceptron::form_of_xpos;
use petrel::pos::{PerceptronTagger, PosTagger, Tag, VerbForm};
use petrel::text::{Token, normalize};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

struct Args {
    cmd: String,
    train: Vec<PathBuf>,
    silver: Vec<PathBuf>,
    gold_repeat: usize,
    test: Option<PathBuf>,
    model: Option<PathBuf>,
    out: PathBuf,
    folds: usize,
    run_folds: usize,
    epochs: usize,
    min_abs: f32,
    prune_list: Vec<f32>,
    noise: f64,
    explore: f64,
    cv_tagger: String,
    gold_tags: Option<PathBuf>,
    first_fold: usize,
    save_models: Option<String>,
    margins: Vec<Vec<(String, f32)>>,
}

fn parse_args() -> Res<Args> {
    let mut it = std::env::args().skip(1);
    let cmd = it.next().ok_or("usage: train_parser build|cv|heldout|prune|eval [options]")?;
    let mut a = Args {
        cmd,
        train: vec![],
        silver: vec![],
        gold_repeat: 1,
        test: None,
        model: None,
        out: PathBuf::from("src/depparse/parser.bin"),
        folds: 5,
        run_folds: usize::MAX,
        epochs: 15,
        min_abs: 1.0,
        prune_list: vec![],
        noise: 0.06,
        explore: 0.9,
        cv_tagger: "perceptron".into(),
        gold_tags: None,
        first_fold: 0,
        save_models: None,
        margins: vec![],
    };
    while let Some(k) = it.next() {
        let mut v = || it.next().ok_or_else(|| format!("{k} needs a value"));
        match k.as_str() {
            "--train" => a.train.push(v()?.into()),
            "--silver" => a.silver.push(v()?.into()),
            "--gold-repeat" => a.gold_repeat = v()?.parse()?,
            "--test" => a.test = Some(v()?.into()),
            "--model" => a.model = Some(v()?.into()),
            "--out" => a.out = v()?.into(),
            "--folds" => a.folds = v()?.parse()?,
            "--run-folds" => a.run_folds = v()?.parse()?,
            "--epochs" => a.epochs = v()?.parse()?,
            "--min-abs" => a.min_abs = v()?.parse()?,
            "--prune-list" => a.prune_list = v()?.split(',').map(str::parse).collect::<Result<_, _>>()?,
            "--noise" => a.noise = v()?.parse()?,
            "--explore" => a.explore = v()?.parse()?,
            "--cv-tagger" => a.cv_tagger = v()?,
            "--gold-tags" => a.gold_tags = Some(v()?.into()),
            "--first-fold" => a.first_fold = v()?.parse()?,
            "--save-models" => a.save_models = Some(v()?),
            "--margins" => a.margins = parse_margins(&v()?)?,
            _ => return Err(format!("unknown option {k}").into()),
        }
    }
    Ok(a)
}

fn tagged(tagger: &dyn PosTagger, s: &Sentence) -> Vec<Token> {
    let (text, mut tokens) = gold_tokens(s);
    tagger.tag(&mut tokens, &text);
    tokens
}

fn examples(tagger: &dyn PosTagger, sents: &[Sentence]) -> Vec<Example> {
    sents
        .iter()
        .filter(|s| !s.words.is_empty())
        .map(|s| {
            let toks = tagged(tagger, s);
            let heads: Vec<Option<usize>> = s.words.iter().map(|w| w.head).collect();
            let rels: Vec<&str> = s.words.iter().map(|w| w.deprel.as_str()).collect();
            Example::new(&toks, &heads, &rels)
        })
        .collect()
}

/// The gold trees, each `gold_repeat` times, then the silver trees. Each tree is tagged once.
fn training_examples(
    tagger: &dyn PosTagger,
    gold: &[Sentence],
    silver: &[Sentence],
    gold_repeat: usize,
) -> Vec<Example> {
    let gold = examples(tagger, gold);
    let mut exs = Vec::new();
    for _ in 0..gold_repeat.max(1) {
        exs.extend(gold.iter().cloned());
    }
    exs.extend(examples(tagger, silver));
    exs
}

/// Tags sentences found in a jackknife file (`train_tagger jackknife`: each gold sentence
/// tagged by a model that never saw it) with the tags written there, and anything else with
/// petrel's tagger. Sentences are recognised by their words.
struct JackknifeTagger {
    known: std::collections::HashMap<String, Vec<(Tag, VerbForm, String)>>,
    fallback: PerceptronTagger,
}

impl JackknifeTagger {
    fn read(path: &std::path::Path) -> Res<Self> {
        let mut known = std::collections::HashMap::new();
        for s in conllu::read_file(path)? {
            let tags = s
                .words
                .iter()
                .map(|w| {
                    (
                        Tag::parse(&w.upos).unwrap_or(Tag::X),
                        form_of_xpos(&w.xpos),
                        if w.lemma == "_" { String::new() } else { w.lemma.clone() },
                    )
                })
                .collect();
            known.insert(Self::key(s.words.iter().map(|w| normalize(&w.form))), tags);
        }
        Ok(JackknifeTagger { known, fallback: PerceptronTagger::builtin() })
    }

    fn key(norms: impl Iterator<Item = String>) -> String {
        norms.collect::<Vec<_>>().join("\u{1}")
    }
}

impl PosTagger for JackknifeTagger {
    fn tag(&self, tokens: &mut [Token], text: &str) {
        match self.known.get(&Self::key(tokens.iter().map(|t| t.norm.clone()))) {
            Some(tags) if tags.len() == tokens.len() => {
                for (t, (tag, form, lemma)) in tokens.iter_mut().zip(tags) {
                    t.tag = *tag;
                    t.form = *form;
                    t.lemma.clone_from(lemma);
                    t.cluster = self.fallback.word_cluster(&t.norm);
                }
            }
            _ => self.fallback.tag(tokens, text),
        }
    }
}

fn read_all(paths: &[PathBuf]) -> Res<Vec<Sentence>> {
    let mut sents = Vec::new();
    for p in paths {
        sents.extend(conllu::read_file(p)?);
    }
    Ok(sents)
}

/// Rewrites a `PDEP1` model without the weights whose magnitude is below `min_abs`
/// (features left with no weight go too).
fn prune(b: &[u8], min_abs: f32) -> Result<Vec<u8>, String> {
    if !b.starts_with(b"PDEP1") || b.len() < 6 {
        return Err("not a parser model".into());
    }
    // The label names: a length byte, then the bytes.
    let mut p = 6;
    for _ in 0..b[5] {
        p += 1 + *b.get(p).ok_or("truncated")? as usize;
    }
    let head = b.get(..p + 4).ok_or("truncated")?;
    let scale = f32::from_le_bytes(b[p..p + 4].try_into().unwrap());
    let nf = u32::from_le_bytes(b.get(p + 4..p + 8).ok_or("truncated")?.try_into().unwrap()) as usize;
    p += 8;
    let mut feats = Vec::new();
    for _ in 0..nf {
        let h = b.get(p..p + 4).ok_or("truncated")?;
        let c = *b.get(p + 4).ok_or("truncated")? as usize;
        let row = b.get(p + 5..p + 5 + 3 * c).ok_or("truncated")?;
        p += 5 + 3 * c;
        let kept: Vec<&[u8]> = row
            .chunks_exact(3)
            .filter(|e| (i16::from_le_bytes([e[1], e[2]]) as f32 * scale).abs() >= min_abs)
            .collect();
        if !kept.is_empty() {
            feats.push((h, kept));
        }
    }
    if p != b.len() {
        return Err("trailing bytes".into());
    }
    let mut out = head.to_vec();
    out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
    for (h, row) in feats {
        out.extend_from_slice(h);
        out.push(row.len() as u8);
        for e in row {
            out.extend_from_slice(e);
        }
    }
    Ok(out)
}

fn train(exs: &[Example], epochs: usize, min_abs: f32, noise: f64, explore: f64) -> Vec<u8> {
    trained(exs, epochs, noise, explore).model(min_abs)
}

fn trained(exs: &[Example], epochs: usize, noise: f64, explore: f64) -> Trainer {
    let mut order: Vec<usize> = (0..exs.len()).collect();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut t = Trainer::new();
    t.explore_p = explore;
    for e in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        t.seen = 0;
        t.right = 0;
        for &i in &order {
            t.train(&exs[i], e >= 1, noise);
        }
        eprintln!(
            "  epoch {:>2}: {:.2}% zero-cost transitions, {} features",
            e + 1,
            100.0 * t.right as f64 / t.seen.max(1) as f64,
            t.len()
        );
    }
    t
}

/// Scores held-out trees arc by arc: returns (words, heads right, heads and labels right),
/// punctuation included, and counts the wrong subject and object arcs in `confused` by what
/// the gold tree says of that word ("obj predicted, gold obl (head right)"): where the
/// parser's precision goes.
fn score_arcs(
    pipeline: &Pipeline,
    parser: &DependencyParser,
    sents: &[Sentence],
    confused: &mut std::collections::BTreeMap<String, usize>,
) -> (usize, usize, usize) {
    let (mut n, mut u, mut l) = (0, 0, 0);
    for s in sents {
        let (text, mut toks) = gold_tokens(s);
        pipeline.tag_tokens(&mut toks, &text);
        for ((h, rel), w) in parser.parse(&toks).into_iter().zip(&s.words) {
            let gold = petrel::depparse::LABELS[petrel::depparse::label_index(&w.deprel) as usize];
            let ph = h.map_or(0, |h| h + 1);
            let head_ok = Some(ph) == w.head;
            if w.head.is_some() {
                n += 1;
                u += usize::from(head_ok);
                l += usize::from(head_ok && gold == rel);
            }
            let scored = |r: &str| matches!(r, "nsubj" | "nsubj:pass" | "obj");
            if scored(rel) && !(head_ok && gold == rel) {
                *confused
                    .entry(format!(
                        "{rel:<10} predicted, gold {gold} (head {})",
                        if head_ok { "right" } else { "wrong" }
                    ))
                    .or_default() += 1;
            } else if scored(gold) && !(head_ok && gold == rel) {
                *confused
                    .entry(format!(
                        "{gold:<10} missed, predicted {rel} (head {})",
                        if head_ok { "right" } else { "wrong" }
                    ))
                    .or_default() += 1;
            }
        }
    }
    (n, u, l)
}

/// Fold `f` of `folds` (every `folds`-th sentence, interleaved) and the rest: (held out, training).
fn fold_split(sents: &[Sentence], folds: usize, f: usize) -> (Vec<Sentence>, Vec<Sentence>) {
    let (held, rest): (Vec<_>, Vec<_>) = sents.iter().cloned().enumerate().partition(|(i, _)| i % folds == f);
    (held.into_iter().map(|x| x.1).collect(), rest.into_iter().map(|x| x.1).collect())
}

/// The pipeline whose tags held-out trees are scored on: `--cv-tagger rule` (the rule
/// tagger, a stand-in for a tagger that makes real mistakes), `perceptron` (the built-in
/// tagger, trained on dev: optimistic) or a file of jackknifed tags.
fn cv_pipeline(cv_tagger: &str) -> Res<Pipeline> {
    Ok(match cv_tagger {
        "rule" => Pipeline::builtin()?.with_tagger(Box::new(petrel::pos::RuleTagger::new())),
        "perceptron" => Pipeline::builtin()?,
        file => Pipeline::builtin()?.with_tagger(Box::new(JackknifeTagger::read(std::path::Path::new(file))?)),
    })
}

/// Scores one fold's model with decoding other than the default: other object constraints
/// than VERB or AUX heads, no label margins, and each `--margins` set.
fn decoding_variants(
    f: usize,
    held: &[Sentence],
    pipeline: &Pipeline,
    model: &[u8],
    margins: &[Vec<(String, f32)>],
) -> Res<()> {
    use petrel::pos::Tag;
    let variants: [(&str, &[Tag]); 3] = [
        ("objects on any head", &[]),
        ("objects on VERB only", &[Tag::VERB]),
        ("objects on VERB AUX NOUN PROPN", &[Tag::VERB, Tag::AUX, Tag::NOUN, Tag::PROPN]),
    ];
    for (name, heads) in variants {
        let p = DependencyParser::from_bytes(model)?;
        let p = if heads.is_empty() { p.with_object_constraint(false) } else { p.with_object_heads(heads) };
        show(&format!("fold {f}, {name}"), &evaluate_parser(held, pipeline, &p), (0, 0, 0));
    }
    let p = DependencyParser::from_bytes(model)?.with_label_margins(false);
    show(&format!("fold {f}, no label margins"), &evaluate_parser(held, pipeline, &p), (0, 0, 0));
    // `--margins nsubj:30+obj:30,obj:20`: other margin sets, each in place of the default.
    for set in margins.iter() {
        let mut p = DependencyParser::from_bytes(model)?.with_label_margins(false);
        for (label, m) in set {
            p = p.with_label_bias(label, -m);
        }
        let name: Vec<String> = set.iter().map(|(l, m)| format!("{l}:{m}")).collect();
        show(&format!("fold {f}, margins {}", name.join("+")), &evaluate_parser(held, pipeline, &p), (0, 0, 0));
    }
    Ok(())
}

/// `nsubj:30+obj:30,obj:20` → [[("nsubj", 30), ("obj", 30)], [("obj", 20)]].
fn parse_margins(s: &str) -> Res<Vec<Vec<(String, f32)>>> {
    s.split(',')
        .map(|set| {
            set.split('+')
                .map(|lm| {
                    let (l, m) =
                        lm.split_once(':').ok_or_else(|| format!("--margins: expected LABEL:MARGIN, got {lm:?}"))?;
                    Ok((l.to_string(), m.parse::<f32>().map_err(|e| format!("--margins {lm:?}: {e}"))?))
                })
                .collect()
        })
        .collect()
}

fn show(name: &str, r: &GrammarReport, att: (usize, usize, usize)) {
    let pct = |a: usize| 100.0 * a as f64 / att.0.max(1) as f64;
    println!("{name}: UAS {:.2}  LAS {:.2}  (words {})", pct(att.1), pct(att.2), att.0);
    print!("{}", r.text());
}

fn main() -> Res<()> {
    let a = parse_args()?;
    // `--gold-tags FILE`: train on jackknifed tags (real tagger mistakes) for gold trees.
    let tagger: Box<dyn PosTagger> = match &a.gold_tags {
        Some(p) => Box::new(JackknifeTagger::read(p)?),
        None => Box::new(PerceptronTagger::builtin()),
    };
    let tagger = tagger.as_ref();
    match a.cmd.as_str() {
        "build" => {
            let sents = read_all(&a.train)?;
            let silver = read_all(&a.silver)?;
            let t0 = Instant::now();
            let exs = training_examples(tagger, &sents, &silver, a.gold_repeat);
            let model = train(&exs, a.epochs, a.min_abs, a.noise, a.explore);
            std::fs::write(&a.out, &model)?;
            eprintln!("wrote {} ({} bytes) in {:.1}s", a.out.display(), model.len(), t0.elapsed().as_secs_f64());
        }
        "cv" => {
            // `--cv-tagger rule` scores held-out folds on the rule tagger's tags: a stand-in
            // for a tagger that makes real mistakes (the perceptron tagger was trained on dev).
            let pipeline = cv_pipeline(&a.cv_tagger)?;
            let sents = read_all(&a.train)?;
            let silver = read_all(&a.silver)?;
            let mut total = GrammarReport::default();
            let mut att = (0, 0, 0);
            let mut confused = std::collections::BTreeMap::new();
            for f in a.first_fold..a.folds.min(a.first_fold.saturating_add(a.run_folds)) {
                let (held, rest) = fold_split(&sents, a.folds, f);
                let trainer =
                    trained(&training_examples(tagger, &rest, &silver, a.gold_repeat), a.epochs, a.noise, a.explore);
                // `--prune-list`: how much each pruning threshold costs on this fold.
                for &p in &a.prune_list {
                    let m = trainer.model(p);
                    let r = evaluate_parser(&held, &pipeline, &DependencyParser::from_bytes(&m)?);
                    show(&format!("fold {f}, min-abs {p} ({} bytes)", m.len()), &r, (0, 0, 0));
                }
                let model = trainer.model(a.min_abs);
                let parser = DependencyParser::from_bytes(&model)?;
                let r = evaluate_parser(&held, &pipeline, &parser);
                let fa = score_arcs(&pipeline, &parser, &held, &mut confused);
                show(&format!("fold {f}"), &r, fa);
                decoding_variants(f, &held, &pipeline, &model, &a.margins)?;
                if let Some(prefix) = &a.save_models {
                    std::fs::write(format!("{prefix}{f}.bin"), &model)?;
                }
                att = (att.0 + fa.0, att.1 + fa.1, att.2 + fa.2);
                total.sentences += r.sentences;
                total.words += r.words;
                total.upos_correct += r.upos_correct;
                total.verbs += r.verbs;
                total.verb_lemma_correct += r.verb_lemma_correct;
                for (t, x) in
                    [(&mut total.subject, r.subject), (&mut total.object, r.object), (&mut total.agent, r.agent)]
                {
                    t.gold += x.gold;
                    t.predicted += x.predicted;
                    t.correct += x.correct;
                }
            }
            show("cross-validation total", &total, att);
            let mut worst: Vec<(usize, String)> = confused.into_iter().map(|(k, v)| (v, k)).collect();
            worst.sort_by(|a, b| b.cmp(a));
            println!("subject and object errors, most frequent first:");
            for (n, k) in worst.iter().take(25) {
                println!("  {n:4}  {k}");
            }
        }
        "heldout" => {
            // Scores a model saved by `cv --save-models` on its held-out fold (--first-fold),
            // with the decoding variants: cheap experiments on decoding without retraining.
            let pipeline = cv_pipeline(&a.cv_tagger)?;
            let sents = read_all(&a.train)?;
            let f = a.first_fold;
            let (held, _) = fold_split(&sents, a.folds, f);
            let model = std::fs::read(a.model.as_ref().ok_or("heldout needs --model FILE")?)?;
            let parser = DependencyParser::from_bytes(&model)?;
            let r = evaluate_parser(&held, &pipeline, &parser);
            show(&format!("fold {f}"), &r, score_arcs(&pipeline, &parser, &held, &mut Default::default()));
            decoding_variants(f, &held, &pipeline, &model, &a.margins)?;
        }
        "prune" => {
            // Drops weights below --min-abs from an existing model (--model, written to
            // --out), without retraining. It tests the quantized weights, so it matches a
            // build with that threshold except for weights within half a quantization step
            // of it.
            let src = a.model.as_ref().ok_or("prune needs --model FILE")?;
            let model = prune(&std::fs::read(src)?, a.min_abs).map_err(|e| format!("{}: {e}", src.display()))?;
            DependencyParser::from_bytes(&model)?;
            std::fs::write(&a.out, &model)?;
            eprintln!("wrote {} ({} bytes)", a.out.display(), model.len());
        }
        "eval" => {
            let pipeline = Pipeline::builtin()?;
            let test = a.test.ok_or("eval needs --test")?;
            let sents = conllu::read_file(&test)?;
            let parser = match &a.model {
                Some(p) => DependencyParser::from_bytes(&std::fs::read(p)?)?,
                None => DependencyParser::builtin(),
            };
            let r = evaluate_parser(&sents, &pipeline, &parser);
            show(&test.display().to_string(), &r, score_arcs(&pipeline, &parser, &sents, &mut Default::default()));
            // Speed: parsing only, tags precomputed, one thread.
            let toks: Vec<Vec<Token>> = sents.iter().map(|s| tagged(tagger, s)).collect();
            let words: usize = toks.iter().map(Vec::len).sum();
            let t0 = Instant::now();
            let mut rounds = 0;
            let mut sink = 0usize;
            while t0.elapsed().as_secs_f64() < 2.0 {
                for t in &toks {
                    sink += parser.parse(t).len();
                }
                rounds += 1;
            }
            let secs = t0.elapsed().as_secs_f64();
            println!(
                "speed: {:.0} sentences/s, {:.0} words/s (one thread, {} rounds, {:.1} words/sentence, sink {sink})",
                (rounds * toks.len()) as f64 / secs,
                (rounds * words) as f64 / secs,
                rounds,
                words as f64 / toks.len() as f64
            );
            let t0 = Instant::now();
            let _p = DependencyParser::builtin();
            println!("load: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
        }
        c => return Err(format!("unknown command {c}").into()),
    }
    Ok(())
}
