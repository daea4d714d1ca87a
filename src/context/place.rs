//! Where an event happened.

use serde::{Deserialize, Serialize};

use crate::actors::Actor;
use crate::text::{Sentence, Token};

/// A resolved place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The place name as resolved ("Caracas").
    pub name: String,
    /// ISO-3166 alpha-3 country code.
    pub country: Option<String>,
    /// Latitude in degrees, when the gazetteer has it.
    pub lat: Option<f64>,
    /// Longitude in degrees, when the gazetteer has it.
    pub lon: Option<f64>,
}

/// The location of an event. Not yet resolved: always `None` until the gazetteer stage lands.
pub fn location(_tokens: &[Token], _text: &str, _sentence: &Sentence, _source: &Actor, _target: Option<&Actor>) -> Option<Location> {
    None
}
