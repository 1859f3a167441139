//! Stage 1, files → articles. Walks the corpus (sorted, hidden entries skipped), decodes each
//! file and parses it by format: scraped plain text, Markdown or text with front matter, JSON and
//! JSON Lines (also gzip-compressed), HTML. Duplicates are then merged into one article with
//! several locations.
//!
//! Loading (path → bytes) is kept apart from parsing (text → drafts → articles) so that every
//! parser is tested on strings.

pub mod decode;
pub mod dedup;
pub mod frontmatter;
pub mod html;
mod load;
pub mod nesting;
pub mod read;
pub mod records;
pub mod scraped;
pub mod stored;
pub mod walk;

pub(crate) use load::{by_story, merge_into};
pub use load::{load, load_cached, read_raw, Needed, Raw, RawFile};

use crate::dates::{PartialDate, Precision};
use crate::text::squeeze_spaces;
use crate::warning::Warning;
use serde::Serialize;
use std::collections::BTreeMap;

/// Single-article files (and each record of a collection) larger than this are skipped.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;
/// The most bytes read from a whole corpus, decompressed bytes included (a guard against
/// archives that inflate beyond memory). OrangeSum's 36,000 articles are 98 MB.
pub const DEFAULT_MAX_CORPUS_BYTES: u64 = 1024 * 1024 * 1024;
/// Metadata values longer than this (in characters) are not a title, an author or an outlet.
const MAX_METADATA_CHARS: usize = 2000;

/// Where an article was found: a file, and the line for JSON Lines.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// One article as read, before any analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable id: a hash of where it was first found.
    pub id: String,
    /// Where it came from: its path relative to the corpus folder (see `walk::Names`).
    pub file: String,
    /// Its line, for JSON Lines.
    pub line: Option<usize>,
    /// Other places the same article (or the same story, nearly word for word) was found.
    pub duplicates: Vec<Location>,
    /// The input format: "text", "markdown", "json", "jsonl", "html".
    pub format: &'static str,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    /// How the publication date was known ("not found" when it was not).
    pub published_from: DateFrom,
    /// How each other metadata value was found ("title" → "first line of the file", …).
    pub found: BTreeMap<&'static str, String>,
    /// "fr", "en" or "other".
    pub language: String,
    /// The text without metadata lines or boilerplate: paragraphs separated by a blank line.
    /// Every byte offset the briefing gives indexes this string.
    pub body: String,
    /// Lines taken out of the body as site boilerplate.
    pub removed: Vec<String>,
    /// Outlets the article says it relays ("selon Reuters", "rapporte l'agence Anadolu").
    pub relayed: Vec<String>,
    /// What went wrong or was guessed while reading this article.
    pub warnings: Vec<String>,
}

/// Where an article's publication date was found. The JSON and `inspect` show it in English
/// words (`Display`); the PDF in the briefing's language, from the labels file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum DateFrom {
    /// A line of its own, before the title.
    DateLine,
    /// A date and time before the title, on the first line.
    DateBeforeTitle,
    /// A "Publié le …" line under the title.
    PublishedLine,
    /// The front matter of a Markdown or text file.
    FrontMatter,
    /// A field of a JSON record, by name.
    Field(String),
    /// An HTML meta tag, by name.
    Meta(String),
    /// An HTML `<time datetime>` element.
    TimeElement,
    /// Not in the article itself: taken from a duplicate, where it was found as `how`.
    Duplicate { how: Box<DateFrom>, of: String },
    /// The article gives none; the state dated it by the day it first saw it.
    FirstSeen,
    /// The article gives none.
    NotFound,
}

impl std::fmt::Display for DateFrom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateFrom::DateLine => f.write_str("date line before the title"),
            DateFrom::DateBeforeTitle => {
                f.write_str("date and time before the title on the first line")
            }
            DateFrom::PublishedLine => f.write_str("« Publié le » line"),
            DateFrom::FrontMatter => f.write_str("front matter"),
            DateFrom::Field(name) => write!(f, "field \"{name}\""),
            DateFrom::Meta(name) => write!(f, "meta {name}"),
            DateFrom::TimeElement => f.write_str("<time datetime>"),
            DateFrom::Duplicate { how, of } => write!(f, "{how} (of the duplicate {of})"),
            DateFrom::FirstSeen => f.write_str("first seen"),
            DateFrom::NotFound => f.write_str("not found"),
        }
    }
}

impl Article {
    /// Lets go of what only reading and `brief inspect` use (how each metadata value was
    /// found, the boilerplate lines taken out, the reading's warnings, already given to the
    /// run): a briefing holds every article of its period at once.
    pub fn keep_for_summary(&mut self) {
        self.found = BTreeMap::new();
        self.removed = Vec::new();
        self.warnings = Vec::new();
    }

    /// Whether the article gave no publication date (the state may have dated it by the day it
    /// first saw it).
    pub fn undated(&self) -> bool {
        self.published.is_none() || self.published_from == DateFrom::FirstSeen
    }

    pub fn published_precision(&self) -> Precision {
        self.published.map_or(Precision::Unknown, |d| d.precision())
    }

    /// A warning about this article, naming its file (and line).
    pub fn warning(&self, message: &str) -> Warning {
        Warning::about(self.location().to_string(), message)
    }

    /// "file" or "file:line".
    pub fn location(&self) -> Location {
        Location {
            file: self.file.clone(),
            line: self.line,
            outlet: self.outlet.clone(),
            url: self.url.clone(),
        }
    }
}

/// What a format parser found, before the body is assembled.
#[derive(Debug, Default, Clone)]
pub struct Draft {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub published_from: Option<DateFrom>,
    pub language: Option<String>,
    pub found: BTreeMap<&'static str, String>,
    /// Paragraphs (and headings), one string each.
    pub paragraphs: Vec<String>,
    pub removed: Vec<String>,
    pub warnings: Vec<String>,
}

impl Draft {
    /// Records a metadata value and how it was found, unless it is empty or already known. A
    /// value too long to be metadata is left out with a warning.
    pub fn set(&mut self, key: &'static str, value: Option<String>, how: &str) {
        let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
            return;
        };
        if value.chars().nth(MAX_METADATA_CHARS).is_some() {
            self.warnings.push(format!(
                "{key} ignored ({how}): {} bytes, longer than any {key} ({MAX_METADATA_CHARS} characters at most)",
                value.len()
            ));
            return;
        }
        let value = squeeze_spaces(&value);
        let slot = match key {
            "title" => &mut self.title,
            "outlet" => &mut self.outlet,
            "author" => &mut self.author,
            "url" => &mut self.url,
            "language" => &mut self.language,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(value);
            self.found.insert(key, how.to_string());
        }
    }

    pub fn set_published(&mut self, date: Option<PartialDate>, how: DateFrom) {
        if self.published.is_none() {
            if let Some(date) = date {
                self.published = Some(date);
                self.published_from = Some(how);
            }
        }
    }

    /// The article, its body assembled from the paragraphs.
    pub fn finish(mut self, file: &str, line: Option<usize>, format: &'static str) -> Article {
        let paragraphs: Vec<String> = self
            .paragraphs
            .iter()
            .map(|p| squeeze_spaces(p))
            .filter(|p| !p.is_empty())
            .collect();
        let body = paragraphs.join("\n\n");
        let language = self
            .language
            .take()
            .map(|l| normalise_language(&l))
            .unwrap_or_else(|| scraped::detect_language(&body).to_string());
        let published_from = self.published_from.take().unwrap_or(DateFrom::NotFound);
        let relayed = scraped::relayed_origins(&body);
        Article {
            id: stable_id(file, line),
            file: file.to_string(),
            line,
            duplicates: Vec::new(),
            format,
            title: self.title,
            outlet: self.outlet,
            author: self.author,
            url: self.url,
            published: self.published,
            published_from,
            found: self.found,
            language,
            body,
            removed: self.removed,
            relayed,
            warnings: self.warnings,
        }
    }
}

/// "fr-FR", "French", "français" → "fr"; likewise for English; anything else → "other".
fn normalise_language(tag: &str) -> String {
    let lower = tag.trim().to_lowercase();
    if lower.starts_with("fr") {
        "fr".into()
    } else if lower.starts_with("en") || lower.starts_with("anglais") {
        "en".into()
    } else {
        "other".into()
    }
}

fn stable_id(file: &str, line: Option<usize>) -> String {
    let hash = crate::hashing::fnv1a(file.bytes().chain(line.unwrap_or(0).to_le_bytes()));
    format!("a{:012x}", hash >> 16)
}

/// What the corpus stage hands on: the articles, in file order, and what went wrong reading.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
    /// How many regular files the corpus holds, read or not.
    pub files_seen: usize,
    /// How many articles were read before duplicates were merged, needed or not.
    pub articles_read: usize,
    /// The articles read from disk that the run does not need (see [`Needed`]), unmerged: the
    /// state records them as seen. Empty when nothing keeps them.
    pub unused: Vec<Article>,
}

/// Why the corpus could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("corpus not found: {0} (check the path: give a folder or file of articles)")]
    NotFound(String),
    #[error("cannot list the corpus folder {0}: {1} (check its permissions)")]
    Unreadable(String, std::io::Error),
}

/// How to read.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// The most bytes one article may have: a file, or one record of a collection (all its
    /// fields counted), after decompression.
    pub max_article_bytes: u64,
    /// The most bytes read from the whole corpus, after decompression.
    pub max_corpus_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            max_corpus_bytes: DEFAULT_MAX_CORPUS_BYTES,
        }
    }
}

/// The formats, by file name ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Json,
    JsonLines,
    Html,
}

impl Format {
    /// The name `Article::format` and the JSON use.
    fn kind(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Html => "html",
        }
    }
}

fn format_of(name: &str) -> Option<Format> {
    let lower = name.to_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "html" | "htm" | "xhtml" => Format::Html,
        _ => return None,
    })
}

/// One article's decoded text, parsed by its format.
fn parse_article(decoded: &decode::Decoded, format: Format, shown: &str) -> read::FileRead {
    let mut warnings = Vec::new();
    let mut article = match format {
        Format::Html => html::parse(&decoded.text).finish(shown, None, format.kind()),
        _ => {
            let markdown = format == Format::Markdown;
            let (draft, kind) = match frontmatter::split(&decoded.text) {
                Some(Ok((meta, body))) => (frontmatter::parse(meta, body, markdown), "markdown"),
                Some(Err(e)) => {
                    warnings.push(Warning::about(shown, format!("front matter ignored: {e}")));
                    (scraped::parse(&decoded.text, markdown), "text")
                }
                None => (
                    scraped::parse(&decoded.text, markdown),
                    if markdown { "markdown" } else { "text" },
                ),
            };
            draft.finish(shown, None, kind)
        }
    };
    if let Some(note) = &decoded.note {
        article.warnings.insert(0, note.clone());
    }
    read::FileRead {
        articles: vec![article],
        warnings,
        bytes: 0,
    }
}

/// The articles and problems of a JSON collection read in memory.
fn collect_records(
    (drafts, problems): records::Parsed,
    shown: &str,
    format: Format,
    note: Option<&str>,
) -> read::FileRead {
    let warnings = problems
        .into_iter()
        .map(|(line, problem)| {
            let place = line.map_or(shown.to_string(), |l| format!("{shown}:{l}"));
            Warning::about(place, format!("skipped: {problem}"))
        })
        .collect();
    let articles = drafts
        .into_iter()
        .map(|(line, draft)| {
            let mut article = draft.finish(shown, line, format.kind());
            if let Some(note) = note {
                article.warnings.insert(0, note.to_string());
            }
            article
        })
        .collect();
    read::FileRead {
        articles,
        warnings,
        bytes: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        assert_eq!(format_of("a.TXT"), Some(Format::Text));
        assert_eq!(format_of("articles.jsonl.gz"), Some(Format::JsonLines));
        assert_eq!(format_of("page.htm"), Some(Format::Html));
        assert_eq!(format_of("photo.png"), None);
        assert_eq!(format_of("README"), None);
    }

    #[test]
    fn stable_ids_depend_on_place_only() {
        assert_eq!(stable_id("a.jsonl", Some(3)), stable_id("a.jsonl", Some(3)));
        assert_ne!(stable_id("a.jsonl", Some(3)), stable_id("a.jsonl", Some(4)));
    }

    #[test]
    fn draft_keeps_the_first_value_and_how_it_was_found() {
        let mut d = Draft::default();
        d.set("title", Some("  Un   titre ".into()), "front matter");
        d.set("title", Some("Autre".into()), "first line");
        d.set("author", Some("".into()), "byline");
        d.paragraphs = vec!["Premier.".into(), "  ".into(), "Second.".into()];
        let a = d.finish("x.md", None, "markdown");
        assert_eq!(a.title.as_deref(), Some("Un titre"));
        assert_eq!(a.found["title"], "front matter");
        assert!(a.author.is_none());
        assert_eq!(a.body, "Premier.\n\nSecond.");
        assert_eq!(a.published_from, DateFrom::NotFound);
    }
}
