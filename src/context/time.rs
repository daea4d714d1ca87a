//! When an event happened.
//!
//! Today this stage stamps each event with the publication date at `publication` precision;
//! resolving time expressions in the sentence ("on January 3rd", "last month") is the next
//! step (tracked in the issues).

use jiff::civil::Date;

use crate::actions::ActionMatch;
use crate::text::Token;

/// How precise an event date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePrecision {
    /// A calendar day from the text.
    Day,
    /// A month from the text.
    Month,
    /// A year from the text.
    Year,
    /// No time expression: the publication date stands in.
    Publication,
}

impl DatePrecision {
    /// Lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Publication => "publication",
        }
    }
}

/// An event date with its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventDate {
    /// The day (first day of the month or year for coarser precisions).
    pub date: Date,
    /// How much of `date` the text gave.
    pub precision: DatePrecision,
}

impl EventDate {
    /// ISO form truncated to the precision: `2026-01-03`, `2025-12`, `2026`.
    pub fn iso(&self) -> String {
        match self.precision {
            DatePrecision::Day | DatePrecision::Publication => self.date.to_string(),
            DatePrecision::Month => format!("{:04}-{:02}", self.date.year(), self.date.month()),
            DatePrecision::Year => format!("{:04}", self.date.year()),
        }
    }
}

/// The date of a matched event: the publication date, when known.
pub fn event_date(_tokens: &[Token], _text: &str, published: Option<Date>, _m: &ActionMatch) -> Option<EventDate> {
    published.map(|date| EventDate { date, precision: DatePrecision::Publication })
}
