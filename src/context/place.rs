//! Where an event happened: a place named after a locative preposition in the event's
//! sentence ("in Caracas", "from Caracas", "near the border town of Rafah"), or failing that the
//! dateline, resolved with the built-in gazetteer.
//!
//! Ambiguous names prefer a place in the country of one of the event's actors ("Georgia" next
//! to Russian troops is the country; "Paris" with Texan police is Paris, Texas), then capitals
//! and countries, then the most populous. A capital standing for its government in subject
//! position ("Havana said") is an actor, not a location: only names after a preposition count.

use serde::{Deserialize, Serialize};

use crate::actors::Actor;
use crate::annotate::Token;
use crate::dict::{Gazetteer, Place, PlaceKind};
use crate::text::Sentence;

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

/// Prepositions that put a place name in the role of the event's location ("to", "of" and
/// "toward" name destinations and possessors, not where the event is).
const LOCATIVE: &[&str] =
    &["in", "at", "near", "from", "outside", "inside", "across", "around", "into", "throughout", "within"];

/// A place mention: tokens `start..end`, candidate places.
#[derive(Debug, Clone)]
pub struct PlaceMention<'g> {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Candidate gazetteer rows.
    pub candidates: Vec<&'g Place>,
}

/// Finds gazetteer names after locative prepositions in a sentence.
pub fn find_places<'g>(tokens: &[Token], gazetteer: &'g Gazetteer) -> Vec<PlaceMention<'g>> {
    let words: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut out = Vec::new();
    let mut i = 1;
    while i < tokens.len() {
        if !tokens[i].capitalized {
            i += 1;
            continue;
        }
        // The preposition may be separated by "the" ("in the Congo").
        let prep_at = if tokens[i - 1].norm == "the" && i >= 2 { i - 2 } else { i - 1 };
        if !LOCATIVE.contains(&words[prep_at]) {
            i += 1;
            continue;
        }
        match gazetteer.longest_at(&words[i..]) {
            Some((n, ids))
                if tokens[i..i + n]
                    .iter()
                    .all(|t| t.capitalized || !t.norm.chars().any(char::is_alphabetic) || t.norm.len() <= 3) =>
            {
                out.push(PlaceMention {
                    start: i,
                    end: i + n,
                    candidates: ids.iter().map(|&id| &gazetteer.places[id as usize]).collect(),
                });
                i += n;
            }
            _ => i += 1,
        }
    }
    out
}

/// Picks the reading of an ambiguous place name.
fn best<'g>(candidates: &[&'g Place], countries: &[&str]) -> Option<&'g Place> {
    let rank = |p: &&Place| {
        let actor_country = countries.contains(&p.country.as_str());
        let kind = match p.kind {
            PlaceKind::Country => 3,
            PlaceKind::Capital => 2,
            PlaceKind::City => 1,
        };
        (actor_country, kind, p.population)
    };
    candidates.iter().copied().max_by_key(rank)
}

fn to_location(p: &Place) -> Location {
    Location { name: p.name.clone(), country: Some(p.country.clone()), lat: p.lat, lon: p.lon }
}

/// The location of an event whose action starts at token `head`.
pub fn location(
    text: &str,
    sentence: &Sentence,
    gazetteer: &Gazetteer,
    places: &[PlaceMention],
    head: usize,
    source: &Actor,
    target: Option<&Actor>,
) -> Option<Location> {
    let countries: Vec<&str> =
        [source.country.as_deref(), target.and_then(|t| t.country.as_deref())].into_iter().flatten().collect();
    // Nearest place mention after the action, else before it; never the source's own words.
    let usable = |p: &&PlaceMention| !(p.start >= source.start && p.end <= source.end && !source.place);
    let chosen = places
        .iter()
        .filter(usable)
        .filter(|p| p.start > head)
        .min_by_key(|p| p.start - head)
        .or_else(|| places.iter().filter(usable).filter(|p| p.end <= head).max_by_key(|p| p.end));
    if let Some(p) = chosen {
        return best(&p.candidates, &countries).map(to_location);
    }
    // The dateline: "CARACAS (Reuters) -".
    let dl = sentence.dateline.clone()?;
    let words = crate::dict::phrase_words(&text[dl]);
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let (n, ids) = gazetteer.longest_at(&refs)?;
    if n != refs.len() {
        return None;
    }
    let cands: Vec<&Place> = ids.iter().map(|&id| &gazetteer.places[id as usize]).collect();
    best(&cands, &countries).map(to_location)
}
