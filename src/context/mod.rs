//! Stage 7: context of an event: when ([`time`]), where ([`place`]), who says so
//! ([`attribution`](mod@attribution)) and how sure the text is ([`certainty`](mod@certainty)).

pub mod attribution;
pub mod certainty;
pub mod place;
pub mod time;

pub use attribution::{attribution, Attribution, AttributionKind};
pub use certainty::{adjust_code_for_certainty, certainty, Certainty};
pub use place::{location, Location};
pub use time::{event_date, DatePrecision, EventDate};
