//! A small CoNLL-U reader for gold treebanks (Universal Dependencies).
//!
//! Reads sentences as lists of syntactic words with their id, form, lemma, UPOS, XPOS, head
//! and relation. Multiword-token lines (`3-4`) and empty nodes (`5.1`) are skipped: the
//! words that follow a multiword-token line are what the treebank annotates. Comment lines
//! (`# text = ...`) are kept per sentence; `# sent_id` and `# text` are exposed directly.
//!
//! ```
//! let data = "# sent_id = s1\n# text = It works.\n1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n\
//!             2\tworks\twork\tVERB\tVBZ\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
//! let sents = petrel::conllu::parse(data).unwrap();
//! assert_eq!(sents[0].words[1].lemma, "work");
//! ```

use std::fmt;
use std::path::Path;

/// One syntactic word of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// 1-based position in the sentence (the CoNLL-U ID column).
    pub id: usize,
    /// Surface form.
    pub form: String,
    /// Gold lemma.
    pub lemma: String,
    /// Universal POS tag, as written ("NOUN").
    pub upos: String,
    /// Language-specific tag (Penn Treebank for English), `_` when absent.
    pub xpos: String,
    /// Morphological features column, as written (`_` when absent).
    pub feats: String,
    /// Head word id; 0 for the root. `None` when the column is `_`.
    pub head: Option<usize>,
    /// Dependency relation ("nsubj", "obl:agent").
    pub deprel: String,
    /// The MISC column, as written.
    pub misc: String,
}

/// One sentence: its comments and its words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// `# sent_id = ...`, when present.
    pub id: Option<String>,
    /// `# text = ...`, when present.
    pub text: Option<String>,
    /// The syntactic words, in order (multiword ranges and empty nodes left out).
    pub words: Vec<Word>,
}

/// A malformed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// 1-based line number in the input.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CoNLL-U line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for Error {}

/// Parses CoNLL-U text into sentences.
pub fn parse(data: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut started = false;
    for (i, raw) in data.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if started {
                out.push(std::mem::take(&mut cur));
                started = false;
            }
            continue;
        }
        started = true;
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(v) = comment.strip_prefix("sent_id") {
                if let Some(v) = v.trim_start().strip_prefix('=') {
                    cur.id = Some(v.trim().to_string());
                }
            } else if let Some(v) = comment.strip_prefix("text")
                && let Some(v) = v.trim_start().strip_prefix('=')
            {
                cur.text = Some(v.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error {
                line: line_no,
                message: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            // Multiword token range or empty node.
            continue;
        }
        let id: usize = id.parse().map_err(|_| Error { line: line_no, message: format!("bad word id {id:?}") })?;
        if id != cur.words.len() + 1 {
            return Err(Error { line: line_no, message: format!("word id {id} out of sequence") });
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(h.parse().map_err(|_| Error { line: line_no, message: format!("bad head {h:?}") })?),
        };
        cur.words.push(Word {
            id,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if started {
        out.push(cur);
    }
    Ok(out)
}

/// Reads and parses a CoNLL-U file.
pub fn read_file(path: impl AsRef<Path>) -> Result<Vec<Sentence>, Box<dyn std::error::Error>> {
    let path = path.as_ref();
    let data = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse(&data).map_err(|e| format!("{}: {e}", path.display()))?)
}

impl Sentence {
    /// The sentence rebuilt from its word forms, one space between words, with each word's
    /// byte range in that string: the shape the tagger's tokens take.
    pub fn joined(&self) -> (String, Vec<(usize, usize)>) {
        let mut s = String::new();
        let mut spans = Vec::with_capacity(self.words.len());
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            let start = s.len();
            s.push_str(&w.form);
            spans.push((start, s.len()));
        }
        (s, spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a\n# text = I don't.\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
2.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t0\troot\t_\t_\n\n\
# sent_id = b\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn skips_ranges_and_empty_nodes() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id.as_deref(), Some("a"));
        assert_eq!(s[0].text.as_deref(), Some("I don't."));
        let forms: Vec<&str> = s[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["do", "n't", "."]);
        assert_eq!(s[0].words[1].lemma, "not");
        assert_eq!(s[0].words[2].head, Some(0));
        assert_eq!(s[1].words[0].xpos, "UH");
    }

    #[test]
    fn reports_line_numbers() {
        let err = parse("1\tx\tx\tX\n").unwrap_err();
        assert_eq!(err.line, 1);
        let err = parse("# c\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n").unwrap_err();
        assert_eq!(err.line, 3);
        let err = parse("1\ta\ta\tX\tX\t_\tz\troot\t_\t_\n").unwrap_err();
        assert!(err.message.contains("head"));
    }

    #[test]
    fn joined_spans() {
        let s = parse(SAMPLE).unwrap();
        let (text, spans) = s[0].joined();
        assert_eq!(text, "do n't .");
        assert_eq!(&text[spans[1].0..spans[1].1], "n't");
    }
}
