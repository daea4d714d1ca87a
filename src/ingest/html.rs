//! HTML → article text, with a real HTML5 parser (`scraper`, built on html5ever).
//!
//! Keeps the title and the article's headings and paragraphs; drops scripts, styles,
//! navigation, headers, footers, asides, forms, figures and anything whose class or id marks
//! it as sharing, social, menu, comment, promotion or newsletter furniture. Prefers `<article>`,
//! then `<main>`, then `<body>`.

use scraper::{ElementRef, Html, Node, Selector};

use jiff::civil::Date;

/// Text and metadata recovered from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Title, a blank line, then one paragraph per line.
    pub text: String,
    /// The publication date from `<meta property="article:published_time">`, `<time datetime>`
    /// or similar, when present.
    pub published: Option<Date>,
}

const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "figure", "iframe", "svg",
    "template", "select",
];
const DROP_MARKERS: &[&str] = &[
    "share",
    "social",
    "nav",
    "menu",
    "comment",
    "related",
    "promo",
    "newsletter",
    "cookie",
    "advert",
    "sidebar",
    "footer",
    "byline",
    "subscribe",
    "breadcrumb",
];
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "main",
    "td",
    "br",
    "tr",
];

fn dropped(el: &ElementRef) -> bool {
    let v = el.value();
    if DROP_TAGS.contains(&v.name()) {
        return true;
    }
    let marks = |s: Option<&str>| {
        s.is_some_and(|s| {
            let s = s.to_ascii_lowercase();
            DROP_MARKERS.iter().any(|m| {
                s.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|part| part == *m || part.starts_with(m) && part.len() <= m.len() + 2)
            })
        })
    };
    marks(v.attr("class"))
        || marks(v.attr("id"))
        || v.attr("role").is_some_and(|r| matches!(r, "navigation" | "banner" | "contentinfo" | "complementary"))
        || v.attr("aria-hidden") == Some("true")
        || v.attr("hidden").is_some()
}

fn collect(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let t = t.text.as_ref();
                if !t.trim().is_empty() {
                    if !out.is_empty()
                        && !out.ends_with('\n')
                        && !out.ends_with(' ')
                        && t.starts_with(char::is_whitespace)
                    {
                        out.push(' ');
                    }
                    out.push_str(&t.split_whitespace().collect::<Vec<_>>().join(" "));
                    if t.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else { continue };
                if dropped(&child_el) {
                    continue;
                }
                let block = BLOCK_TAGS.contains(&e.name());
                if block && !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                collect(child_el, out);
                if block && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

fn date_from_meta(doc: &Html) -> Option<Date> {
    let sel = Selector::parse("meta[property='article:published_time'], meta[name='pubdate'], meta[name='publishdate'], meta[name='date'], meta[itemprop='datePublished'], meta[name='dc.date'], time[datetime]").ok()?;
    doc.select(&sel).find_map(|e| {
        let v = e.value().attr("content").or_else(|| e.value().attr("datetime"))?;
        crate::ingest::parse_published(v).ok()
    })
}

/// Reduces an HTML page to its article text.
///
/// ```
/// let a = petrel::ingest::html::article_text(
///     "<html><head><title>Cuba talks</title><script>x()</script></head>
///      <body><nav>Home | World</nav><article><p>Cuba met Venezuela.</p>
///      <div class='share-buttons'>Share on X</div></article></body></html>");
/// assert_eq!(a.text, "Cuba talks\n\nCuba met Venezuela.");
/// ```
pub fn article_text(html: &str) -> Article {
    let doc = Html::parse_document(html);
    let title = Selector::parse("title")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .map(|t| t.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let mut body = String::new();
    for sel in ["article", "main", "body"] {
        let s = Selector::parse(sel).unwrap();
        let roots: Vec<ElementRef> = doc.select(&s).collect();
        if roots.is_empty() {
            continue;
        }
        for r in roots {
            collect(r, &mut body);
            if !body.ends_with('\n') {
                body.push('\n');
            }
        }
        if !body.trim().is_empty() {
            break;
        }
    }
    let mut lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    // A page's first heading often repeats its title.
    if lines.first().is_some_and(|l| *l == title) {
        lines.remove(0);
    }
    let mut text = String::new();
    if !title.is_empty() {
        text.push_str(&title);
        text.push_str("\n\n");
    }
    text.push_str(&lines.join("\n"));
    Article { text, published: date_from_meta(&doc) }
}
