//! Stage 7: context of an event: when ([`time`]), where ([`place`]), who says so
//! ([`attribution`](mod@attribution)) and how sure the text is ([`certainty`](mod@certainty)).

pub mod attribution;
pub mod certainty;
pub mod place;
pub mod time;

pub use attribution::{Attribution, AttributionKind, attribution};
pub use certainty::{Certainty, adjust_code_for_certainty, certainty};
pub use place::{Location, location};
pub use time::{DatePrecision, EventDate, event_date};
