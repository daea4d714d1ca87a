//! Prints petrel's tokens, tags, lemmas, chunks and verb groups for a sentence: a debugging aid.
//! `cargo run --example debug_tags -- "Maduro was captured by U.S. forces."`
use petrel::pos::{PosTagger, RuleTagger};

fn main() {
    let text = std::env::args().nth(1).expect("usage: debug_tags SENTENCE");
    let dicts = petrel::dict::Dictionaries::builtin().expect("dictionaries");
    let tagger = RuleTagger::new().with_verbs(dicts.verbs.verb_heads().cloned());
    for mut s in petrel::text::segment(&text) {
        tagger.tag(&mut s.tokens, &text);
        let a = petrel::syntax::analyse(&s.tokens);
        for (i, t) in s.tokens.iter().enumerate() {
            println!("{i:>3} {:<15} {:<6} {:<12} {:?} chunk={:?}", t.text(&text), t.tag.as_str(), t.lemma, t.form, a.chunk_of[i]);
        }
        for (v, g) in a.verbs.iter().enumerate() {
            println!("verb {v}: {:?} subject={:?}", g, a.subject(&s.tokens, v));
        }
    }
}
