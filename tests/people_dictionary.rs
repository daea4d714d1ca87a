//! Checks of `dictionaries/actors/people.txt` that `petrel dict check` does not make: the
//! ranges of one person never overlap, no name is shared by two people or shadows a country,
//! capital or organisation, every role's code starts with a known country or IGO/NGO block;
//! and a handful of dated lookups of heads of state and government and ministers.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use petrel::dict::{Dictionaries, phrase_words};

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/actors").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn strip_comment(line: &str) -> &str {
    line.find('#').map_or(line, |i| &line[..i]).trim()
}

/// (line number, names, roles as (code, from, to)) for each person.
type Person = (usize, Vec<String>, Vec<(String, String, String)>);

fn people() -> Vec<Person> {
    let text = read("people.txt");
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = strip_comment(raw);
        let Some((names, roles)) = line.split_once("=>") else { continue };
        let names = names.split('|').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
        let roles = roles
            .split(';')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| {
                let mut parts = r.split_whitespace();
                let code = parts.next().unwrap().to_string();
                let (from, to) = parts.next().and_then(|d| d.split_once("..")).unwrap_or(("", ""));
                (code, from.to_string(), to.to_string())
            })
            .collect();
        out.push((i + 1, names, roles));
    }
    out
}

/// Normalised names of a `CODE name | name` file.
fn coded_names(rel: &str) -> HashSet<Vec<String>> {
    let text = read(rel);
    let mut out = HashSet::new();
    for raw in text.lines() {
        let line = strip_comment(raw);
        let Some((_, names)) = line.split_once(char::is_whitespace) else { continue };
        for n in names.split('|').map(str::trim).filter(|n| !n.is_empty()) {
            out.insert(phrase_words(n));
        }
    }
    out
}

#[test]
fn ranges_of_one_person_are_ordered_and_never_overlap() {
    let mut bad = Vec::new();
    for (line, names, roles) in people() {
        for w in roles.windows(2) {
            let (prev, next) = (&w[0], &w[1]);
            // Dates are ISO (YYYY-MM-DD), so string order is date order; an open end is "".
            let ok = !prev.2.is_empty() && !next.1.is_empty() && prev.2 < next.1;
            if !ok {
                bad.push(format!("people.txt:{line} {}: {:?} then {:?}", names[0], prev, next));
            }
        }
    }
    assert!(bad.is_empty(), "overlapping or unordered ranges:\n{}", bad.join("\n"));
}

#[test]
fn no_name_is_shared_by_two_people_or_shadows_a_place_or_organisation() {
    let mut seen: HashMap<Vec<String>, (usize, String)> = HashMap::new();
    let mut bad = Vec::new();
    let mut places = coded_names("countries.txt");
    places.extend(coded_names("capitals.txt"));
    places.extend(coded_names("organizations.txt"));
    for (line, names, _) in people() {
        for n in &names {
            let words = phrase_words(n);
            if let Some((other, first)) = seen.get(&words) {
                if *other != line {
                    bad.push(format!("`{n}` (people.txt:{line} {}) is also people.txt:{other} {first}", names[0]));
                }
            } else {
                seen.insert(words.clone(), (line, names[0].clone()));
            }
            if places.contains(&words) {
                bad.push(format!("`{n}` (people.txt:{line}) is also a country, capital or organisation name"));
            }
        }
    }
    assert!(bad.is_empty(), "ambiguous names:\n{}", bad.join("\n"));
}

#[test]
fn every_role_code_starts_with_a_country_or_an_international_block() {
    let text = read("countries.txt");
    let countries: HashSet<&str> =
        text.lines().map(strip_comment).filter_map(|l| l.split_whitespace().next()).map(|c| &c[..3]).collect();
    let mut bad = Vec::new();
    for (line, names, roles) in people() {
        for (code, _, _) in &roles {
            let head = &code[..3.min(code.len())];
            if !(countries.contains(head) || ["IGO", "NGO", "IMG", "MNC"].contains(&head)) {
                bad.push(format!("people.txt:{line} {}: `{code}`", names[0]));
            }
        }
    }
    assert!(bad.is_empty(), "unknown country blocks:\n{}", bad.join("\n"));
}

#[test]
fn heads_of_state_and_ministers_are_coded_by_the_office_held_that_day() {
    let d = Dictionaries::builtin().unwrap();
    let code = |name: &str, date: &str| {
        let words = phrase_words(name);
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let e = d.actors.entry_for(&w).unwrap_or_else(|| panic!("no entry for {name}"));
        e.code_on(Some(date.parse().unwrap())).map(|c| (c.code.to_string(), c.exact))
    };
    let exact = |name: &str, date: &str, want: &str| {
        assert_eq!(code(name, date), Some((want.to_string(), true)), "{name} on {date}");
    };
    exact("Trump", "2025-06-01", "USAGOV");
    // Africa: a president who fled, a president and his vice president, a junta.
    exact("Yahya Jammeh", "2016-12-12", "GMBGOV");
    exact("Jammeh", "2018-06-01", "GMBELI");
    exact("Ellen Johnson Sirleaf", "2015-02-10", "LBRGOV");
    exact("Joseph Boakai", "2020-03-01", "LBROPP");
    exact("Joseph Boakai", "2024-03-01", "LBRGOV");
    exact("Sani Abacha", "1996-01-01", "NGAGOV");
    exact("Hage Geingob", "2019-05-15", "NAMGOV");
    exact("Lazarus Chakwera", "2022-01-01", "MWIGOV");
    exact("Andry Rajoelina", "2021-01-01", "MDGGOV");
    // Europe and the former Soviet Union from 1990.
    exact("Boris Yeltsin", "1995-03-15", "RUSGOV");
    exact("Yevgeny Primakov", "1994-01-01", "RUSSPY");
    exact("Yevgeny Primakov", "1998-10-01", "RUSGOV");
    exact("Sali Berisha", "2001-06-15", "ALBOPP");
    exact("Sali Berisha", "2009-06-15", "ALBGOV");
    exact("Lech Walesa", "1993-04-10", "POLGOV");
    exact("Ratko Mladic", "1995-07-11", "BIHMIL");
    exact("Helmut Kohl", "1990-10-03", "DEUGOV");
    // Asia, the Middle East and Latin America.
    exact("Benazir Bhutto", "1995-02-20", "PAKGOV");
    exact("Benazir Bhutto", "2000-01-01", "PAKOPP");
    exact("Hafez al-Assad", "1995-01-01", "SYRGOV");
    exact("King Hussein", "1994-10-26", "JORGOV");
    exact("Lee Teng-hui", "1996-03-23", "TWNGOV");
    exact("Augusto Pinochet", "1995-01-01", "CHLMIL");
    exact("Carlos Menem", "1995-01-01", "ARGGOV");
    exact("Alberto Fujimori", "1995-01-01", "PERGOV");
    // International organisations and armed groups.
    exact("Boutros Boutros-Ghali", "1993-04-10", "IGOUNO");
    exact("Luis Almagro", "2019-01-01", "IGOOAS");
    exact("Luis Almagro", "2012-01-01", "URYGOV");
    exact("Surin Pitsuwan", "2010-01-01", "IGOSEAASN");
    exact("Mohammed Barkindo", "2020-01-01", "IGOOPC");
    exact("Luis Moreno Ocampo", "2009-03-04", "IGOJUDICC");
    exact("Osama bin Laden", "2001-09-11", "IMGMOSALQ");
    exact("Abu Bakr al-Baghdadi", "2015-04-10", "IMGMOSISI");
}
