//! The CAMEO codebook: every event code with its name, Goldstein score, quad class and PLOVER
//! mapping. Parsed from `dictionaries/cameo.txt`.

use std::collections::BTreeMap;

use super::{DictError, strip_comment};

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// The code, 2 to 4 digits ("173").
    pub code: String,
    /// Short name.
    pub name: String,
    /// Goldstein conflict–cooperation score, -10 to +10.
    pub goldstein: f64,
    /// PLOVER 0.8 event type ("COERCE"), if CAMEO's code has one.
    pub plover_type: Option<String>,
    /// PLOVER mode ("arrest"), if any.
    pub plover_mode: Option<String>,
    /// PLOVER context, if any.
    pub plover_context: Option<String>,
}

impl CameoCode {
    /// The two-digit root ("17" for "173").
    pub fn root(&self) -> &str {
        &self.code[..2]
    }
}

/// How quad classes are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuadConvention {
    /// GDELT: 1 verbal cooperation (01–05), 2 material cooperation (06–08),
    /// 3 verbal conflict (09–13), 4 material conflict (14–20).
    #[default]
    Gdelt,
    /// Phoenix: 0 neutral (01–02), 1 verbal cooperation (03–05), 2 material cooperation
    /// (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20).
    Phoenix,
}

/// The quad class of a code's root under a convention.
///
/// ```
/// use petrel::dict::{codebook::quad_class, QuadConvention};
/// assert_eq!(quad_class("173", QuadConvention::Gdelt), 4);
/// assert_eq!(quad_class("010", QuadConvention::Gdelt), 1);
/// assert_eq!(quad_class("010", QuadConvention::Phoenix), 0);
/// ```
pub fn quad_class(code: &str, convention: QuadConvention) -> u8 {
    let root: u8 = code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
    match root {
        1..=2 if convention == QuadConvention::Phoenix => 0,
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => 0,
    }
}

/// All CAMEO codes, ordered by code.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    codes: BTreeMap<String, CameoCode>,
}

impl Codebook {
    /// Looks a code up. O(log n).
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }

    /// Every code in code order.
    pub fn iter(&self) -> impl Iterator<Item = &CameoCode> {
        self.codes.values()
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when no code is loaded.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Parses `cameo.txt` lines into the codebook.
    pub fn parse(&mut self, file: &str, text: &str, errors: &mut Vec<DictError>) {
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            if line.is_empty() {
                continue;
            }
            let err = |m: String| DictError { file: file.to_string(), line: i + 1, message: m };
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            if fields.len() != 6 {
                errors.push(err(format!("expected 6 `|`-separated fields (CODE | GOLDSTEIN | PLOVER_TYPE | PLOVER_MODE | PLOVER_CONTEXT | NAME), found {}", fields.len())));
                continue;
            }
            let code = fields[0];
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                errors.push(err(format!("`{code}` is not a CAMEO code of 2 to 4 digits")));
                continue;
            }
            let Ok(goldstein) = fields[1].parse::<f64>() else {
                errors.push(err(format!("Goldstein score `{}` is not a number", fields[1])));
                continue;
            };
            if !(-10.0..=10.0).contains(&goldstein) {
                errors.push(err(format!("Goldstein score {goldstein} is outside -10..10")));
                continue;
            }
            let opt = |s: &str| if s.is_empty() || s == "-" { None } else { Some(s.to_string()) };
            self.codes.insert(
                code.to_string(),
                CameoCode {
                    code: code.to_string(),
                    goldstein,
                    plover_type: opt(fields[2]),
                    plover_mode: opt(fields[3]),
                    plover_context: opt(fields[4]),
                    name: fields[5].to_string(),
                },
            );
        }
    }
}
