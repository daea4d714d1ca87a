//! The CAMEO codebook: every event code with its name, Goldstein score, quad class and PLOVER
//! mapping, parsed from `dictionaries/cameo.txt`; and how the coding standard treats a code's
//! events ([`CodeRole`]: mutual acts, protests), parsed from `dictionaries/code-roles.txt`.

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

/// How the coding standard treats the events of a code, beyond what the code means. A role
/// given to a code holds for its sub-codes too; a sub-code's own line adds to it.
///
/// ```
/// let d = petrel::dict::Dictionaries::builtin().unwrap();
/// // "X visited Y" is also Y hosting X (the CAMEO verb dictionary pairs them: `[042:043]`).
/// assert_eq!(d.codebook.role("042").and_then(|r| r.reciprocal), Some("043".to_string()));
/// // A strike with no stated target is against the government where it happens.
/// assert!(d.codebook.role("143").is_some_and(|r| r.local_government_target));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeRole {
    /// The code of the same act seen from the target's side, coded target → source beside the
    /// event (meetings, calls, negotiations are mutual: 040 ↔ 040; a visit is hosted: 042 → 043).
    pub reciprocal: Option<String>,
    /// With no stated target, the act is against the government of the country where it happens
    /// (protests and strikes), instead of not being coded.
    pub local_government_target: bool,
    /// A bare statement: coded only when the sentence codes nothing more specific ("X said Y
    /// attacked Z" gives the attack alone).
    pub bare_statement: bool,
    /// Patterns from PETRARCH dictionaries take a place after a locative preposition as the
    /// target, as PETRARCH does for protests and meetings ("protested in Beijing").
    pub petrarch_place_target: bool,
    /// The code of the act pledged, planned, offered or agreed to ("agreed to meet" → 036).
    pub pledge: Option<String>,
    /// The code of the act threatened ("threatened sanctions" → 1312).
    pub threat: Option<String>,
    /// An intended act of this kind ("will invade") is a threat: it takes the `threat` code.
    pub intent_is_threat: bool,
}

/// All CAMEO codes, ordered by code, with their [`CodeRole`]s.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    codes: BTreeMap<String, CameoCode>,
    roles: BTreeMap<String, CodeRole>,
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

    /// The role of `code`: its own line in `code-roles.txt` joined with its parents' (`1431`,
    /// `143`, `14`); the nearest line naming a reciprocal code gives it. `None` when no line
    /// applies. Three map lookups.
    pub fn role(&self, code: &str) -> Option<CodeRole> {
        let mut lines = (2..=code.len().min(4)).rev().filter_map(|n| code.get(..n)).filter_map(|c| self.roles.get(c));
        let first = lines.next()?.clone();
        Some(lines.fold(first, |mut role, parent| {
            role.reciprocal = role.reciprocal.or_else(|| parent.reciprocal.clone());
            role.pledge = role.pledge.or_else(|| parent.pledge.clone());
            role.threat = role.threat.or_else(|| parent.threat.clone());
            role.intent_is_threat |= parent.intent_is_threat;
            role.local_government_target |= parent.local_government_target;
            role.bare_statement |= parent.bare_statement;
            role.petrarch_place_target |= parent.petrarch_place_target;
            role
        }))
    }

    /// Parses `code-roles.txt` lines (`CODE role role=VALUE ...`; roles `reciprocal=CODE`,
    /// `pledge=CODE`, `threat=CODE`, `intent-is-threat`, `local-government-target`,
    /// `bare-statement` and `petrarch-place-target`) into the codebook. Codes must already be in the codebook.
    pub fn parse_roles(&mut self, file: &str, text: &str, errors: &mut Vec<DictError>) {
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            if line.is_empty() {
                continue;
            }
            let err = |m: String| DictError { file: file.to_string(), line: i + 1, message: m };
            let mut words = line.split_whitespace();
            let code = words.next().expect("a non-empty line has a word");
            if self.get(code).is_none() {
                errors.push(err(format!("`{code}` is not a CAMEO code in the codebook")));
                continue;
            }
            let mut role = CodeRole::default();
            let mut bad = None;
            for w in words {
                match w.split_once('=') {
                    Some((key @ ("reciprocal" | "pledge" | "threat"), c)) if self.get(c).is_some() => {
                        let slot = match key {
                            "reciprocal" => &mut role.reciprocal,
                            "pledge" => &mut role.pledge,
                            _ => &mut role.threat,
                        };
                        *slot = Some(c.to_string());
                    }
                    Some((key @ ("reciprocal" | "pledge" | "threat"), c)) => {
                        bad = Some(format!("{key} `{c}` is not a CAMEO code"))
                    }
                    None if w == "intent-is-threat" => role.intent_is_threat = true,
                    None if w == "local-government-target" => role.local_government_target = true,
                    None if w == "bare-statement" => role.bare_statement = true,
                    None if w == "petrarch-place-target" => role.petrarch_place_target = true,
                    _ => {
                        bad = Some(format!(
                            "unknown role `{w}` (known: reciprocal=CODE, pledge=CODE, threat=CODE, intent-is-threat, \
                             local-government-target, bare-statement, petrarch-place-target)"
                        ))
                    }
                }
            }
            match bad {
                Some(m) => errors.push(err(m)),
                None => {
                    self.roles.insert(code.to_string(), role);
                }
            }
        }
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
