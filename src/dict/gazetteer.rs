//! The offline gazetteer: countries, capitals and cities of 15,000+ people (GeoNames, CC BY
//! 4.0), read from `dictionaries/places.tsv`.

use super::actors::PhraseIndex;
use super::{DictError, phrase_words};

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A country's capital.
    Capital,
    /// Any other city.
    City,
}

/// One gazetteer row.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Main name.
    pub name: String,
    /// ISO-3166 alpha-3 country.
    pub country: String,
    /// Latitude, degrees.
    pub lat: Option<f64>,
    /// Longitude, degrees.
    pub lon: Option<f64>,
    /// Population.
    pub population: u64,
    /// Country, capital or city.
    pub kind: PlaceKind,
}

/// Places indexed by every name and alternate name.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// All places.
    pub places: Vec<Place>,
    index: PhraseIndex<Vec<u32>>,
}

impl Gazetteer {
    /// Parses `places.tsv`: `name iso3 lat lon population kind alt_names`.
    pub fn parse(&mut self, file: &str, text: &str, errors: &mut Vec<DictError>) {
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let err = |m: String| DictError { file: file.to_string(), line: i + 1, message: m };
            if f.len() < 6 {
                errors.push(err(format!("expected 7 tab-separated fields, found {}", f.len())));
                continue;
            }
            let kind = match f[5] {
                "country" => PlaceKind::Country,
                "capital" => PlaceKind::Capital,
                "city" => PlaceKind::City,
                other => {
                    errors.push(err(format!("unknown kind `{other}`")));
                    continue;
                }
            };
            let id = self.places.len() as u32;
            self.places.push(Place {
                name: f[0].to_string(),
                country: f[1].to_string(),
                lat: f[2].parse().ok(),
                lon: f[3].parse().ok(),
                population: f[4].parse().unwrap_or(0),
                kind,
            });
            let alts = f.get(6).copied().unwrap_or("");
            for n in std::iter::once(f[0]).chain(alts.split('|')).filter(|n| !n.is_empty()) {
                let words = phrase_words(n);
                if !words.is_empty() {
                    let ids = self.index.slot(words, Vec::new);
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        self.index.finish();
    }

    /// The longest place name at `words[0]`: (length, candidate places).
    pub fn longest_at(&self, words: &[&str]) -> Option<(usize, &[u32])> {
        self.index.longest_at(words, |_| None).map(|(n, ids)| (n, ids.as_slice()))
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}
