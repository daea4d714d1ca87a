//! The input unit: one news article with its metadata.

use jiff::civil::Date;

/// One news article (or any text) to be coded.
///
/// `text` is kept exactly as read (after HTML reduction); every offset petrel reports is a
/// byte offset into it. Cheap to build; owns its strings.
///
/// ```
/// let doc = petrel::Document::new("a1", "Cuba condemned the blockade.");
/// assert_eq!(doc.published, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Stable identifier: the JSON Lines `id`, or the file path for plain files.
    pub id: String,
    /// The article text.
    pub text: String,
    /// Publication date, the anchor for relative time expressions ("last month").
    pub published: Option<Date>,
    /// Where the article came from, if known.
    pub url: Option<String>,
    /// The outlet ("Reuters", "AFP"), if known.
    pub source: Option<String>,
}

impl Document {
    /// A document with no metadata beyond its id.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document { id: id.into(), text: text.into(), published: None, url: None, source: None }
    }

    /// Sets the publication date.
    pub fn with_published(mut self, date: Date) -> Self {
        self.published = Some(date);
        self
    }
}
