//! # petrel
//!
//! Political event coding from news text: *who did what to whom, when, where, and who says
//! so*. The library holds the whole pipeline; the `petrel` binary only parses arguments,
//! reads input and prints.
//!
//! The pipeline is a chain of named stages, each a module with one small job:
//!
//! ```text
//! ingest → text (segment, tokenize) → pos (tag, lemma) → syntax (chunks, clauses)
//!        → actors → actions → events → context (time, place, attribution, certainty) → output
//! ```
//!
//! [`Pipeline`] owns the compiled [`dict::Dictionaries`] and runs the stages over a
//! [`Document`]:
//!
//! ```
//! use petrel::{Document, Pipeline};
//! let pipeline = Pipeline::builtin().unwrap();
//! let doc = Document::new("d1", "Cuban troops attacked Venezuelan police on Monday.")
//!     .with_published("2026-02-10".parse().unwrap());
//! let events = pipeline.code_document(&doc);
//! assert_eq!(events[0].source.code, "CUBMIL");
//! assert_eq!(events[0].target.as_ref().unwrap().code, "VENCOP");
//! assert_eq!(events[0].cameo_root, "19");
//! ```
//!
//! See `ARCHITECTURE.md` for the layers and what may depend on what.

pub mod actions;
pub mod actors;
pub mod annotate;
pub mod bench;
pub mod conllu;
pub mod context;
pub mod depparse;
pub mod dict;
pub mod document;
pub mod eval;
pub mod events;
pub mod grammar_eval;
pub mod ingest;
pub mod output;
pub mod pipeline;
pub mod pos;
pub mod syntax;
pub mod text;

pub use document::Document;
pub use events::Event;
pub use pipeline::Pipeline;
