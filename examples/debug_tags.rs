//! Prints petrel's tokens, tags, lemmas, chunks and verb groups for a sentence: a debugging aid.
//! `cargo run --example debug_tags -- "Maduro was captured by U.S. forces."`

fn main() {
    let text = std::env::args().nth(1).expect("usage: debug_tags SENTENCE");
    let pipeline = petrel::Pipeline::builtin().expect("dictionaries");
    for (s, a) in pipeline.analyse_text(&text) {
        for (i, t) in s.tokens.iter().enumerate() {
            println!(
                "{i:>3} {:<15} {:<6} {:<12} {:?} chunk={:?}",
                t.text(&text),
                t.tag.as_str(),
                t.lemma,
                t.form,
                a.chunk_of[i]
            );
        }
        for (v, g) in a.verbs.iter().enumerate() {
            println!("verb {v}: {:?} subject={:?}", g, a.subject(&s.tokens, v));
        }
        let mentions = petrel::actors::find_mentions(&s.tokens, &pipeline.dicts, None);
        for m in petrel::actions::match_actions(&s.tokens, &a, &pipeline.dicts, &mentions) {
            println!("match: {} head={} last={} target_chunk={:?}", m.pattern.rule, m.head, m.last, m.target_chunk);
        }
    }
}
