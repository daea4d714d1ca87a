//! Stage 8: output. Writes events as JSON Lines (default), CSV or TSV.
//!
//! JSON Lines keeps the nested record of `docs/event-record.md`; CSV and TSV flatten it into
//! the columns of [`FLAT_COLUMNS`] (nested fields joined with `_`, lists with `;`).

use std::io::{self, Write};

use crate::events::{Event, EventActor};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One JSON object per line.
    #[default]
    Jsonl,
    /// Comma-separated with a header row.
    Csv,
    /// Tab-separated with a header row.
    Tsv,
}

/// Column names of the flat (CSV/TSV) form, in order.
pub const FLAT_COLUMNS: &[&str] = &[
    "doc_id",
    "sentence",
    "sentence_text",
    "source_text",
    "source_code",
    "source_country",
    "source_agents",
    "source_group",
    "source_start",
    "source_end",
    "target_text",
    "target_code",
    "target_country",
    "target_agents",
    "target_group",
    "target_start",
    "target_end",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "date",
    "date_precision",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "attribution_text",
    "attribution_kind",
    "certainty",
    "evidence_start",
    "evidence_end",
    "evidence_rule",
];

fn actor_fields(a: Option<&EventActor>) -> [String; 7] {
    match a {
        Some(a) => [
            a.text.clone(),
            a.code.clone(),
            a.country.clone().unwrap_or_default(),
            a.agents.join(";"),
            a.group.clone().unwrap_or_default(),
            a.start.to_string(),
            a.end.to_string(),
        ],
        None => Default::default(),
    }
}

/// The event as a flat row matching [`FLAT_COLUMNS`].
pub fn flat_row(e: &Event) -> Vec<String> {
    let mut row = vec![e.doc_id.clone(), e.sentence.to_string(), e.sentence_text.clone()];
    row.extend(actor_fields(Some(&e.source)));
    row.extend(actor_fields(e.target.as_ref()));
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let optf = |o: Option<f64>| o.map(|v| v.to_string()).unwrap_or_default();
    row.extend([
        e.cameo.clone(),
        e.cameo_root.clone(),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        opt(&e.plover.kind),
        opt(&e.plover.mode),
        opt(&e.date),
        opt(&e.date_precision),
        e.location.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
        e.location.as_ref().and_then(|l| l.country.clone()).unwrap_or_default(),
        optf(e.location.as_ref().and_then(|l| l.lat)),
        optf(e.location.as_ref().and_then(|l| l.lon)),
        e.attribution.as_ref().map(|a| a.text.clone()).unwrap_or_default(),
        e.attribution
            .as_ref()
            .map(|a| serde_json::to_value(a.kind).unwrap().as_str().unwrap_or("").to_string())
            .unwrap_or_default(),
        e.certainty.as_str().to_string(),
        e.evidence.start.to_string(),
        e.evidence.end.to_string(),
        e.evidence.rule.clone(),
    ]);
    row
}

/// Writes events in one format to any writer.
pub struct EventWriter<W: Write> {
    format: Format,
    inner: EventSink<W>,
}

enum EventSink<W: Write> {
    Json(W),
    // Boxed: the CSV writer holds its buffer state inline (hundreds of bytes).
    Delimited(Box<csv::Writer<W>>),
}

impl<W: Write> EventWriter<W> {
    /// A writer; CSV and TSV write their header row at once.
    pub fn new(out: W, format: Format) -> io::Result<Self> {
        let inner = match format {
            Format::Jsonl => EventSink::Json(out),
            Format::Csv | Format::Tsv => {
                let mut w = csv::WriterBuilder::new()
                    .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
                    .from_writer(out);
                w.write_record(FLAT_COLUMNS)?;
                EventSink::Delimited(Box::new(w))
            }
        };
        Ok(EventWriter { format, inner })
    }

    /// The format being written.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes one event.
    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        match &mut self.inner {
            EventSink::Json(w) => {
                serde_json::to_writer(&mut *w, e)?;
                w.write_all(b"\n")
            }
            EventSink::Delimited(w) => w.write_record(flat_row(e)).map_err(io::Error::other),
        }
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        match self.inner {
            EventSink::Json(mut w) => {
                w.flush()?;
                Ok(w)
            }
            EventSink::Delimited(w) => (*w).into_inner().map_err(|e| io::Error::other(e.to_string())),
        }
    }
}
