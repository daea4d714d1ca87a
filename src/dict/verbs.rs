//! Action patterns: lemma sequences headed by a verb or noun, each mapped to a CAMEO code.
//! Format and matching rules are in `docs/dictionaries.md`.

use rustc_hash::FxHashMap as HashMap;

use super::{Codebook, DictError, strip_comment};

/// Prepositions that can mark a pattern's target.
pub const TARGET_PREPOSITIONS: &[&str] = &[
    "on", "against", "with", "to", "from", "of", "at", "into", "over", "for", "about", "toward", "towards", "upon",
    "onto", "in", "by", "across", "off", "out", "behind", "inside", "between", "among", "amid", "under", "within",
    "through", "around", "near",
];

/// A pattern-word alternative that matches any noun phrase (PETRARCH's `^`, "skip a phrase").
pub const ANY_NP: &str = "^";

/// PETRARCH's null code: the pattern matches (and so blocks shorter ones) but codes no event.
pub const NULL_CODE: &str = "---";

/// Where a PETRARCH marker places an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgSlot {
    /// The clause's subject (the marker stood before the verb).
    Subject,
    /// The noun phrase right after the `n`-th word of [`VerbPattern::words`] (`0`: right
    /// after the head).
    After(usize),
}

/// One action pattern.
///
/// Petrel's own files fill `code` to `rule`; the PETRARCH reader (`dict::petrarch`) also uses
/// the fields after `rule`, which are empty or `None` for petrel patterns. In `words` and
/// `before` an alternative may be several space-separated words, which must then stand next
/// to each other ("blue helmets"), or [`ANY_NP`].
#[derive(Debug, Clone, PartialEq)]
pub struct VerbPattern {
    /// CAMEO code the pattern yields.
    pub code: String,
    /// Headed by a noun (`noun:` prefix) rather than a verb.
    pub noun: bool,
    /// The head lemma.
    pub head: String,
    /// Words after the head, in order; each a set of alternative lemmas.
    pub words: Vec<Vec<String>>,
    /// Source and target change places.
    pub swap: bool,
    /// No target is needed.
    pub notarget: bool,
    /// The clause must contain one of these lemmas.
    pub requires: Vec<String>,
    /// The clause must contain none of these lemmas.
    pub forbids: Vec<String>,
    /// Where the pattern was defined, and its text: "verbs/17-coerce.txt:12 arrest".
    pub rule: String,
    /// Words that must stand before the head, in order, in the same clause (PETRARCH
    /// `- &MILITARY * EXERCISES`); each a set of alternatives.
    pub before: Vec<Vec<String>>,
    /// The source is the noun phrase after word `n` of `words` instead of the subject
    /// (PETRARCH `$` after the verb): see [`ArgSlot::After`].
    pub source_at: Option<usize>,
    /// The target is the noun phrase after word `n` of `words` (PETRARCH `+`).
    pub target_at: Option<usize>,
    /// Where a compound actor stands whose members act on each other (PETRARCH `%`).
    pub compound_at: Option<ArgSlot>,
    /// Code of the reciprocal event, the target acting on the source (PETRARCH `[a:b]`).
    pub reverse_code: Option<String>,
    /// When neither the final preposition nor a direct object gives a target, take the first
    /// prepositional object after the match ("restore ties *with Gondor*"), and look for the
    /// direct object after the phrase that holds the last pattern word (PETRARCH patterns,
    /// whose targets are the verb phrase's objects wherever they stand).
    pub loose_target: bool,
    /// Read from a PETRARCH/TABARI dictionary: its code is kept as written (no intent or threat
    /// recoding, no mutual talks), as that dictionary's users expect.
    pub petrarch: bool,
}

impl VerbPattern {
    /// The preposition that introduces the target: the last pattern word, when it is one.
    pub fn target_preposition(&self) -> Option<&[String]> {
        let last = self.words.last()?;
        last.iter().all(|w| TARGET_PREPOSITIONS.contains(&w.as_str())).then_some(last.as_slice())
    }

    /// Number of words, the head and `before` words included (used to prefer longer
    /// patterns).
    pub fn len(&self) -> usize {
        1 + self.words.len() + self.before.len()
    }

    /// A pattern with only its code, head and rule set (all options off).
    pub fn new(code: &str, head: &str, rule: &str) -> VerbPattern {
        VerbPattern {
            code: code.to_string(),
            noun: false,
            head: head.to_string(),
            words: Vec::new(),
            swap: false,
            notarget: false,
            requires: Vec::new(),
            forbids: Vec::new(),
            rule: rule.to_string(),
            before: Vec::new(),
            source_at: None,
            target_at: None,
            compound_at: None,
            reverse_code: None,
            loose_target: false,
            petrarch: false,
        }
    }

    /// Never true: a pattern has at least its head.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// All action patterns, indexed by head lemma.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    /// Every pattern, in load order.
    pub patterns: Vec<VerbPattern>,
    verbs: HashMap<String, Vec<usize>>,
    nouns: HashMap<String, Vec<usize>>,
    /// Verb heads that are inflected forms ("attacked" of a PETRARCH `+ATTACKED_AND_STABBED`):
    /// matched by the word's form, but not offered to the tagger as lemmas.
    forms: std::collections::HashSet<String>,
}

/// Rewrites `CODE [noun:] a/b rest` as `CODE [noun:] a rest` and returns the head's
/// alternatives (normalised); lines without head alternatives come back unchanged.
fn split_head_alternatives(line: &str) -> (String, Vec<String>) {
    let mut parts: Vec<&str> = line.split_whitespace().collect();
    let head_at = if parts.get(1) == Some(&"noun:") { 2 } else { 1 };
    match parts.get(head_at) {
        Some(h) if h.contains('/') && !h.contains(';') => {
            let heads: Vec<String> = h.split('/').filter(|a| !a.is_empty()).map(crate::text::normalize).collect();
            let first = h.split('/').next().unwrap_or(h);
            parts[head_at] = first;
            (parts.join(" "), heads)
        }
        _ => (line.to_string(), Vec::new()),
    }
}

/// Parses one pattern line (without comment) into a pattern.
pub fn parse_pattern_line(line: &str, rule_prefix: &str, codebook: &Codebook) -> Result<VerbPattern, String> {
    let (body, options) = match line.split_once(';') {
        Some((b, o)) => (b.trim(), o.trim()),
        None => (line.trim(), ""),
    };
    let (codes, rest) = body.split_once(char::is_whitespace).ok_or("expected `CODE pattern`")?;
    // `190:190 clash with`: the target also acts on the source, with the second code.
    let (code, reverse) = match codes.split_once(':') {
        Some((c, r)) => (c, Some(r)),
        None => (codes, None),
    };
    for c in std::iter::once(code).chain(reverse) {
        if !codebook.is_empty() && codebook.get(c).is_none() {
            return Err(format!("`{c}` is not a CAMEO code in the codebook"));
        }
    }
    let rest = rest.trim();
    let (noun, rest) = match rest.strip_prefix("noun:") {
        Some(r) => (true, r.trim()),
        None => (false, rest),
    };
    let mut words = rest.split_whitespace().map(|w| w.split('/').map(crate::text::normalize).collect::<Vec<_>>());
    let head = words.next().ok_or("empty pattern")?;
    if head.len() != 1 {
        return Err("the head word cannot have alternatives".into());
    }
    let words: Vec<Vec<String>> = words.collect();
    if words.iter().flatten().any(|w| w.is_empty()) {
        return Err("empty alternative in pattern".into());
    }
    let mut p =
        VerbPattern { noun, words, ..VerbPattern::new(code, &head[0], &format!("{rule_prefix} {}", body.trim())) };
    p.reverse_code = reverse.map(str::to_string);
    for opt in options.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        match opt.split_once('=') {
            None if opt == "swap" => p.swap = true,
            None if opt == "notarget" => p.notarget = true,
            Some(("requires", v)) => p.requires = v.split('/').map(|w| w.trim().to_lowercase()).collect(),
            Some(("forbids", v)) => p.forbids = v.split('/').map(|w| w.trim().to_lowercase()).collect(),
            _ => return Err(format!("unknown option `{opt}` (known: swap, notarget, requires=, forbids=)")),
        }
    }
    Ok(p)
}

impl VerbDictionary {
    /// Parses a `verbs/*.txt` file; codes are checked against `codebook`.
    pub fn parse(&mut self, file: &str, text: &str, codebook: &Codebook, errors: &mut Vec<DictError>) {
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            if line.is_empty() {
                continue;
            }
            // A head with alternatives ("legalize/legalise protest") is one pattern shared by
            // each spelling of the head.
            let (line, heads) = split_head_alternatives(line);
            match parse_pattern_line(&line, &format!("{file}:{}", i + 1), codebook) {
                Ok(p) if heads.len() > 1 => self.add_shared(p, &heads),
                Ok(p) => self.add(p),
                Err(m) => errors.push(DictError { file: file.to_string(), line: i + 1, message: m }),
            }
        }
    }

    /// Adds a pattern. Call [`VerbDictionary::finish`] after the last one.
    pub fn add(&mut self, p: VerbPattern) {
        let head = p.head.clone();
        self.add_shared(p, std::slice::from_ref(&head));
    }

    /// Adds one pattern under several head lemmas (a PETRARCH verb block's synonyms share its
    /// patterns); `p.head` is only its name. Call [`VerbDictionary::finish`] after the last one.
    pub fn add_shared(&mut self, p: VerbPattern, heads: &[String]) {
        let id = self.patterns.len();
        let map = if p.noun { &mut self.nouns } else { &mut self.verbs };
        for (k, h) in heads.iter().enumerate() {
            if !heads[..k].contains(h) {
                map.entry(h.clone()).or_default().push(id);
            }
        }
        self.patterns.push(p);
    }

    /// Orders each head's patterns longest first, later definitions first among equals.
    pub fn finish(&mut self) {
        let patterns = &self.patterns;
        for list in self.verbs.values_mut().chain(self.nouns.values_mut()) {
            list.sort_by(|&a, &b| patterns[b].len().cmp(&patterns[a].len()).then(b.cmp(&a)));
        }
    }

    /// Patterns headed by the verb lemma `head`, best first.
    pub fn verb_patterns(&self, head: &str) -> impl Iterator<Item = &VerbPattern> {
        self.verbs.get(head).into_iter().flatten().map(|&i| &self.patterns[i])
    }

    /// Patterns headed by the noun lemma `head`, best first.
    pub fn noun_patterns(&self, head: &str) -> impl Iterator<Item = &VerbPattern> {
        self.nouns.get(head).into_iter().flatten().map(|&i| &self.patterns[i])
    }

    /// True when some verb pattern is headed by `lemma`.
    pub fn has_verb(&self, lemma: &str) -> bool {
        self.verbs.contains_key(lemma)
    }

    /// True when some noun pattern is headed by `lemma`.
    pub fn has_noun(&self, lemma: &str) -> bool {
        self.nouns.contains_key(lemma)
    }

    /// Every head verb lemma (inflected-form heads left out: see
    /// [`VerbDictionary::mark_form`]).
    pub fn verb_heads(&self) -> impl Iterator<Item = &String> {
        self.verbs.keys().filter(|h| !self.forms.contains(*h))
    }

    /// Marks a verb head as an inflected form rather than a lemma, so that the tagger still
    /// lemmatizes the word as the verb it inflects ("attacked" → "attack").
    pub fn mark_form(&mut self, head: &str) {
        self.forms.insert(head.to_string());
    }

    /// Every head noun lemma.
    pub fn noun_heads(&self) -> impl Iterator<Item = &String> {
        self.nouns.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options_and_alternatives() {
        let p =
            parse_pattern_line("1312 threaten tariff/sanction on ; requires=trade, swap", "f:1", &Codebook::default())
                .unwrap();
        assert_eq!(p.head, "threaten");
        assert_eq!(p.words, vec![vec!["tariff".to_string(), "sanction".to_string()], vec!["on".to_string()]]);
        assert!(p.swap);
        assert_eq!(p.requires, vec!["trade"]);
        assert_eq!(p.target_preposition().unwrap(), &["on".to_string()]);
        let n = parse_pattern_line("1724 noun: blockade of", "f:2", &Codebook::default()).unwrap();
        assert!(n.noun);
    }

    #[test]
    fn rejects_bad_lines_with_reasons() {
        assert!(parse_pattern_line("173", "f", &Codebook::default()).is_err());
        assert!(
            parse_pattern_line("173 arrest ; bogus", "f", &Codebook::default()).unwrap_err().contains("unknown option")
        );
    }
}
