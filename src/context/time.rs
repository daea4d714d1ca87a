//! When an event happened: time expressions in the sentence, resolved against the publication
//! date.
//!
//! Recognised forms (case-insensitive): "January 3rd", "Jan. 3", "3 January", "January 3,
//! 2026", "on Tuesday", "yesterday", "today", "tomorrow", "last/this/next week|month|year",
//! "earlier/later this month|year", "N days/weeks/months/years ago", "in/since December",
//! "December 2025", "in 2019", ISO dates (2026-01-03).
//!
//! A month and day without a year is the most recent such day on or before the publication date
//! ("January 3rd" in a February article is this January; in a 2026-01-02 article it is
//! 2025-01-03), or the next one for events stated as intended ("will meet on March 5").
//! Weekdays likewise. Which expression governs an event: the nearest one in the event's clause,
//! after the verb first; a "when" clause lends its date to the main clause it modifies.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::actions::ActionMatch;
use crate::annotate::{Tag, Token, VerbForm};
use crate::syntax::Analysis;

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

/// A time expression found in a sentence: tokens `start..end` and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpr {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The unresolved meaning.
    pub value: TimeValue,
}

/// What a time expression says, before the publication date anchors it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeValue {
    /// A full date.
    Date(Date),
    /// Month and day, year to infer.
    MonthDay(i8, i8),
    /// Month and year.
    MonthYear(i16, i8),
    /// A month, year to infer.
    Month(i8),
    /// A year.
    Year(i16),
    /// A weekday.
    Weekday(Weekday),
    /// Days from the publication date (yesterday = -1).
    DayOffset(i32),
    /// Months from the publication month (last month = -1).
    MonthOffset(i32),
    /// Years from the publication year.
    YearOffset(i32),
}

fn month_number(w: &str) -> Option<i8> {
    let w = w.trim_end_matches('.');
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// "3", "3rd", "21st" → the day number.
fn day_number(w: &str) -> Option<i8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let n: i8 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year_number(w: &str) -> Option<i16> {
    if w.len() != 4 {
        return None;
    }
    let n: i16 = w.parse().ok()?;
    (1900..=2100).contains(&n).then_some(n)
}

fn count_word(w: &str) -> Option<i32> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "several" => 3,
        _ => w.parse().ok().filter(|n: &i32| *n > 0 && *n < 1000)?,
    })
}

/// Finds the time expressions of a sentence.
///
/// ```
/// let text = "Troops left on January 3rd and returned last month.";
/// let s = petrel::text::segment(text);
/// let found = petrel::context::time::find_time_expressions(&s[0].tokens);
/// assert_eq!(found.len(), 2);
/// ```
pub fn find_time_expressions(tokens: &[Token]) -> Vec<TimeExpr> {
    let w = |i: usize| tokens.get(i).map_or("", |t| t.norm.as_str());
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let start = i;
        let push = |out: &mut Vec<TimeExpr>, end: usize, value: TimeValue| out.push(TimeExpr { start, end, value });
        // ISO date.
        if let Ok(d) = w(i).parse::<Date>() {
            if w(i).len() == 10 {
                push(&mut out, i + 1, TimeValue::Date(d));
                i += 1;
                continue;
            }
        }
        if let Some(m) = month_number(w(i)) {
            // "May" is a month only before a day or year, or after "in"/"since"/"early"...
            let cap = tokens[i].capitalized;
            if let Some(d) = day_number(w(i + 1)) {
                if cap {
                    // "January 3, 2026" / "January 3 2026"
                    let (y, end) = if w(i + 2) == "," && year_number(w(i + 3)).is_some() {
                        (year_number(w(i + 3)), i + 4)
                    } else if let Some(y) = year_number(w(i + 2)) {
                        (Some(y), i + 3)
                    } else {
                        (None, i + 2)
                    };
                    let value = match y.and_then(|y| Date::new(y, m, d).ok()) {
                        Some(date) => TimeValue::Date(date),
                        None => TimeValue::MonthDay(m, d),
                    };
                    push(&mut out, end, value);
                    i = end;
                    continue;
                }
            }
            if cap {
                if let Some(y) = year_number(w(i + 1)) {
                    push(&mut out, i + 2, TimeValue::MonthYear(y, m));
                    i += 2;
                    continue;
                }
                let prev = if i > 0 { w(i - 1) } else { "" };
                if (m != 5
                    || matches!(
                        prev,
                        "in" | "since"
                            | "until"
                            | "early"
                            | "late"
                            | "mid"
                            | "by"
                            | "through"
                            | "last"
                            | "this"
                            | "next"
                    ))
                    && tokens[i].tag != Tag::VERB
                    && tokens[i].tag != Tag::AUX
                {
                    push(&mut out, i + 1, TimeValue::Month(m));
                    i += 1;
                    continue;
                }
            }
        }
        // "3 January (2026)"
        if let (Some(d), Some(m)) = (day_number(w(i)), month_number(w(i + 1))) {
            if tokens.get(i + 1).is_some_and(|t| t.capitalized) {
                let (value, end) = match year_number(w(i + 2)).and_then(|y| Date::new(y, m, d).ok()) {
                    Some(date) => (TimeValue::Date(date), i + 3),
                    None => (TimeValue::MonthDay(m, d), i + 2),
                };
                push(&mut out, end, value);
                i = end;
                continue;
            }
        }
        if let Some(wd) = weekday(w(i)) {
            push(&mut out, i + 1, TimeValue::Weekday(wd));
            i += 1;
            continue;
        }
        match w(i) {
            "yesterday" => push(&mut out, i + 1, TimeValue::DayOffset(-1)),
            "today" => push(&mut out, i + 1, TimeValue::DayOffset(0)),
            "tomorrow" => push(&mut out, i + 1, TimeValue::DayOffset(1)),
            "last" | "this" | "next" | "past" => {
                let sign = match w(i) {
                    "last" | "past" => -1,
                    "this" => 0,
                    _ => 1,
                };
                let value = match w(i + 1) {
                    "week" => Some(TimeValue::DayOffset(7 * sign)),
                    "month" => Some(TimeValue::MonthOffset(sign)),
                    "year" => Some(TimeValue::YearOffset(sign)),
                    _ => None,
                };
                // "earlier this month": the modifier is part of the expression.
                let s = if i > 0 && matches!(w(i - 1), "earlier" | "later") { i - 1 } else { i };
                if let Some(v) = value {
                    out.push(TimeExpr { start: s, end: i + 2, value: v });
                    i += 2;
                    continue;
                }
            }
            _ => {}
        }
        // "two weeks ago", "3 days ago", "a month ago"
        if let Some(n) = count_word(w(i)) {
            let unit = w(i + 1);
            if w(i + 2) == "ago" {
                let v = match unit.trim_end_matches('s') {
                    "day" => Some(TimeValue::DayOffset(-n)),
                    "week" => Some(TimeValue::DayOffset(-7 * n)),
                    "month" => Some(TimeValue::MonthOffset(-n)),
                    "year" => Some(TimeValue::YearOffset(-n)),
                    _ => None,
                };
                if let Some(v) = v {
                    push(&mut out, i + 3, v);
                    i += 3;
                    continue;
                }
            }
        }
        // "in 2019", "since 2019"
        if matches!(w(i), "in" | "since" | "during" | "until" | "by") {
            if let Some(y) = year_number(w(i + 1)) {
                out.push(TimeExpr { start: i + 1, end: i + 2, value: TimeValue::Year(y) });
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Resolves a time value against the publication date. `future` prefers the next matching day
/// (for intended events) over the last one.
pub fn resolve(value: TimeValue, published: Option<Date>, future: bool) -> Option<EventDate> {
    let day = |date| EventDate { date, precision: DatePrecision::Day };
    let month = |y: i16, m: i8| Date::new(y, m, 1).ok().map(|date| EventDate { date, precision: DatePrecision::Month });
    let year = |y: i16| Date::new(y, 1, 1).ok().map(|date| EventDate { date, precision: DatePrecision::Year });
    match value {
        TimeValue::Date(d) => Some(day(d)),
        TimeValue::MonthYear(y, m) => month(y, m),
        TimeValue::Year(y) => year(y),
        _ => {
            let p = published?;
            match value {
                TimeValue::MonthDay(m, d) => {
                    let this = Date::new(p.year(), m, d).ok();
                    let y = match this {
                        Some(t) if !future && t > p => p.year() - 1,
                        Some(t) if future && t < p => p.year() + 1,
                        _ => p.year(),
                    };
                    Date::new(y, m, d).ok().map(day)
                }
                TimeValue::Month(m) => {
                    let y = if !future && m > p.month() {
                        p.year() - 1
                    } else if future && m < p.month() {
                        p.year() + 1
                    } else {
                        p.year()
                    };
                    month(y, m)
                }
                TimeValue::Weekday(wd) => {
                    let diff = (p.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()) as i64;
                    let back = diff.rem_euclid(7);
                    let d = if future {
                        let fwd = (7 - back) % 7;
                        p.checked_add(fwd.days()).ok()?
                    } else {
                        p.checked_sub(back.days()).ok()?
                    };
                    Some(day(d))
                }
                TimeValue::DayOffset(n) => p.checked_add((n as i64).days()).ok().map(day),
                TimeValue::MonthOffset(n) => {
                    let first = Date::new(p.year(), p.month(), 1).ok()?;
                    let d = first.checked_add((n as i64).months()).ok()?;
                    month(d.year(), d.month())
                }
                TimeValue::YearOffset(n) => year(p.year() + n as i16),
                _ => None,
            }
        }
    }
}

/// True for verb groups that bound a clause when looking for an event's time expression:
/// finite verbs and infinitives, not gerunds after prepositions ("from shipping").
fn bounds_clause(tokens: &[Token], analysis: &Analysis, v: usize) -> bool {
    let vg = &analysis.verbs[v];
    // Participles and gerunds without an auxiliary ("faced with evidence", "from shipping")
    // open reduced clauses that do not take the time expression from their main clause.
    let bare = vg.start == vg.head;
    let after_comma = vg.start > 0 && tokens[vg.start - 1].norm == ",";
    let before_prep = tokens.get(vg.head + 1).is_some_and(|t| t.tag == Tag::ADP);
    let reduced = bare
        && (matches!(tokens[vg.head].form, VerbForm::Gerund | VerbForm::Participle)
            || after_comma && before_prep && tokens[vg.head].form == VerbForm::Past);
    !reduced
}

/// The time expression governing the event whose head verb is `head`.
fn governing_expression<'a>(
    tokens: &[Token],
    analysis: &Analysis,
    exprs: &'a [TimeExpr],
    head: usize,
    depth: usize,
) -> Option<&'a TimeExpr> {
    let heads: Vec<usize> = (0..analysis.verbs.len())
        .filter(|&v| bounds_clause(tokens, analysis, v))
        .map(|v| analysis.verbs[v].head)
        .collect();
    let next_head = heads.iter().copied().filter(|&h| h > head).min().unwrap_or(tokens.len());
    let prev_head = heads.iter().copied().filter(|&h| h < head).max();
    // "X denied it, but last month they admitted": a contrast or a semicolon ends the clause.
    let breaks = |a: usize, b: usize| {
        tokens[a..b].iter().any(|t| matches!(t.norm.as_str(), "but" | ";" | "although" | "though" | "whereas"))
    };
    let after = exprs.iter().find(|e| e.start > head && e.start < next_head && !breaks(head, e.start));
    if after.is_some() {
        return after;
    }
    let before = exprs.iter().rev().find(|e| e.end <= head && prev_head.is_none_or(|p| e.start > p));
    if before.is_some() {
        return before;
    }
    // "X happened when Y did Z on January 3": the when-clause dates the main clause.
    if depth == 0 && next_head < tokens.len() {
        let v = analysis.verbs.iter().position(|g| g.head == next_head)?;
        let start = analysis.verbs[v].start;
        let clause_opener = tokens[..start]
            .iter()
            .rev()
            .take(6)
            .find(|t| crate::syntax::opens_clause(t) || matches!(t.norm.as_str(), "as" | "after"));
        if clause_opener.is_some_and(|t| matches!(t.norm.as_str(), "when" | "as" | "after" | "while")) {
            return governing_expression(tokens, analysis, exprs, next_head, depth + 1);
        }
    }
    None
}

/// The date of a matched event: the governing time expression resolved against the
/// publication date, else the publication date itself (precision `publication`), else none.
pub fn event_date(
    tokens: &[Token],
    analysis: &Analysis,
    exprs: &[TimeExpr],
    published: Option<Date>,
    m: &ActionMatch,
    future: bool,
) -> Option<EventDate> {
    if let Some(e) = governing_expression(tokens, analysis, exprs, m.head, 0) {
        if let Some(d) = resolve(e.value, published, future) {
            return Some(d);
        }
    }
    published.map(|date| EventDate { date, precision: DatePrecision::Publication })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_text(text: &str, published: &str) -> Vec<String> {
        let s = crate::text::segment(text);
        find_time_expressions(&s[0].tokens)
            .into_iter()
            .filter_map(|e| resolve(e.value, Some(published.parse().unwrap()), false))
            .map(|d| format!("{}/{}", d.iso(), d.precision.as_str()))
            .collect()
    }

    #[test]
    fn forms_resolve_against_publication() {
        let p = "2026-02-10"; // a Tuesday
        assert_eq!(resolve_text("on January 3rd", p), vec!["2026-01-03/day"]);
        assert_eq!(resolve_text("on Jan. 3", p), vec!["2026-01-03/day"]);
        assert_eq!(resolve_text("on 3 January 2025", p), vec!["2025-01-03/day"]);
        assert_eq!(resolve_text("on March 5", p), vec!["2025-03-05/day"], "a later month means last year");
        assert_eq!(resolve_text("since December", p), vec!["2025-12/month"]);
        assert_eq!(resolve_text("last month", p), vec!["2026-01/month"]);
        assert_eq!(resolve_text("earlier this month", p), vec!["2026-02/month"]);
        assert_eq!(resolve_text("on Tuesday", p), vec!["2026-02-10/day"]);
        assert_eq!(resolve_text("on Monday", p), vec!["2026-02-09/day"]);
        assert_eq!(resolve_text("on Sunday", p), vec!["2026-02-08/day"]);
        assert_eq!(resolve_text("two weeks ago", p), vec!["2026-01-27/day"]);
        assert_eq!(resolve_text("in 2019", p), vec!["2019/year"]);
        assert_eq!(resolve_text("yesterday", p), vec!["2026-02-09/day"]);
        assert_eq!(resolve_text("this year", p), vec!["2026/year"]);
        assert_eq!(resolve_text("last year", p), vec!["2025/year"]);
        assert_eq!(resolve_text("on 2025-11-30", p), vec!["2025-11-30/day"]);
        assert_eq!(resolve_text("in December 2024", p), vec!["2024-12/month"]);
    }

    #[test]
    fn year_boundary() {
        assert_eq!(resolve_text("on December 30", "2026-01-02"), vec!["2025-12-30/day"]);
        assert_eq!(resolve_text("last month", "2026-01-15"), vec!["2025-12/month"]);
        assert_eq!(resolve_text("in January", "2026-01-15"), vec!["2026-01/month"]);
        let fut = resolve(TimeValue::MonthDay(1, 5), Some("2025-12-20".parse().unwrap()), true).unwrap();
        assert_eq!(fut.iso(), "2026-01-05");
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(resolve_text("Troops may attack", "2026-02-10").is_empty());
        assert_eq!(resolve_text("Troops left in May", "2026-02-10"), vec!["2025-05/month"]);
    }
}
