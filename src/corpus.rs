//! Stage 1, files → articles. Walks the corpus folder, reads each article file and parses the
//! metadata that scraped plain text carries (title line, date prefix, outlet prefix, byline).
//!
//! Loading (path → text) is kept apart from parsing (text → article) so that the parsers are
//! tested on strings.

use crate::dates::{parse_iso_partial, PartialDate, Precision};
use crate::text::{fold, squeeze_spaces};
use crate::warning::Warning;
use std::fs;
use std::path::{Path, PathBuf};

/// Files larger than this are skipped with a warning: no news article is this long.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One article as read, before any analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Where it came from, as the user would write the path.
    pub file: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    /// How the publication date was known ("not found" when it was not).
    pub published_from: String,
    /// "fr", "en" or "other".
    pub language: String,
    /// The article's text without its metadata lines: paragraphs separated by a blank line. Every
    /// byte offset the briefing gives indexes this string.
    pub body: String,
    /// Lines taken out of the body as site boilerplate.
    pub removed: Vec<String>,
}

impl Article {
    pub fn published_precision(&self) -> Precision {
        self.published.map_or(Precision::Unknown, |d| d.precision())
    }
}

/// What the corpus stage hands on: the articles, sorted by file, and what went wrong reading.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
    /// How many files were looked at, read or not.
    pub files_seen: usize,
}

/// Why the corpus could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("corpus not found: {0} (give a folder or file of articles with --corpus)")]
    NotFound(String),
    #[error("cannot list the corpus folder {0}: {1}")]
    Unreadable(String, std::io::Error),
}

/// Reads every article file below `root` (a folder, walked in sorted order, hidden entries
/// skipped) or `root` itself if it is a file. Unreadable files become warnings.
pub fn load(root: &Path) -> Result<Corpus, CorpusError> {
    let shown_root = display_path(root);
    let metadata = fs::metadata(root).map_err(|_| CorpusError::NotFound(shown_root.clone()))?;
    let mut files = Vec::new();
    if metadata.is_dir() {
        walk(root, &mut files).map_err(|e| CorpusError::Unreadable(shown_root, e))?;
    } else {
        files.push(root.to_path_buf());
    }
    let mut corpus = Corpus::default();
    for path in files {
        corpus.files_seen += 1;
        let shown = display_path(&path);
        if !has_extension(&path, "txt") {
            corpus.warnings.push(Warning::about(
                &shown,
                "skipped: not a .txt file (only plain text is read)",
            ));
            continue;
        }
        match read_text(&path) {
            Ok(text) => corpus.articles.push(parse_scraped_text(&shown, &text)),
            Err(reason) => corpus
                .warnings
                .push(Warning::about(&shown, format!("skipped: {reason}"))),
        }
    }
    Ok(corpus)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// A path with forward slashes, as the user typed it relative to the working folder.
fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Reads a file as UTF-8 text, or says why it cannot be used.
fn read_text(path: &Path) -> Result<String, String> {
    let size = fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "{size} bytes, larger than the {MAX_FILE_BYTES}-byte limit"
        ));
    }
    let bytes = fs::read(path).map_err(|e| e.to_string())?;
    decode_utf8(&bytes)
}

/// Checks that bytes are article text: not empty, not binary, UTF-8. Strips a BOM and turns
/// CRLF into LF.
pub fn decode_utf8(bytes: &[u8]) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (byte {}); save it as UTF-8",
            e.valid_up_to()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Parses scraped plain text: an optional title line (possibly carrying a date), an optional
/// byline, an optional outlet prefix on the first paragraph, and the body.
pub fn parse_scraped_text(file: &str, text: &str) -> Article {
    let mut lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut title = None;
    let mut published = None;
    let mut published_from = "not found".to_string();
    if let Some(first) = lines.first().copied() {
        if let Some((date, rest)) = date_line(first) {
            published = Some(date);
            published_from = "date line before the title".to_string();
            title = (!rest.is_empty()).then(|| rest.to_string());
            lines.remove(0);
        } else if let Some((date, rest)) = dated_title(first) {
            published = Some(date);
            published_from = "date prefix of the title line".to_string();
            title = Some(rest.to_string());
            lines.remove(0);
        } else if looks_like_title(first) {
            title = Some(first.to_string());
            lines.remove(0);
        }
    }
    let mut author = None;
    if let Some(pos) = lines.iter().take(3).position(|l| byline(l).is_some()) {
        author = byline(lines[pos]).map(str::to_string);
        lines.remove(pos);
    }
    let mut removed = Vec::new();
    lines.retain(|line| {
        let keep = !is_boilerplate(line);
        if !keep {
            removed.push(line.to_string());
        }
        keep
    });
    let mut outlet = None;
    let mut paragraphs: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    if let Some(first) = paragraphs.first_mut() {
        if let Some((name, rest)) = outlet_prefix(first) {
            outlet = Some(name.to_string());
            *first = rest.to_string();
        }
    }
    let body = paragraphs.join("\n\n");
    Article {
        file: file.to_string(),
        title: title.map(|t| squeeze_spaces(&t)),
        outlet,
        author,
        url: None,
        published,
        published_from,
        language: detect_language(&body).to_string(),
        body,
        removed,
    }
}

/// "date 2025-04 Title…" → (April 2025, "Title…").
fn date_line(line: &str) -> Option<(PartialDate, &str)> {
    let rest = line.strip_prefix("date ")?.trim_start();
    let (date, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    Some((parse_iso_partial(date)?, rest.trim()))
}

/// "04-04-2025 13:32 - Title" (or with slashes, or without the time) → (4 April 2025, "Title").
fn dated_title(line: &str) -> Option<(PartialDate, &str)> {
    let date_text = line.get(..10)?;
    let parts: Vec<&str> = date_text.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts.iter().map(|p| p.len()).collect::<Vec<_>>() != [2, 2, 4] {
        return None;
    }
    let [day, month, year] = [parts[0], parts[1], parts[2]].map(|p| p.parse::<u32>().ok());
    let date = PartialDate::ymd(year? as i32, month?, day?)?;
    let mut rest = line[10..].trim_start();
    if let Some((time, after)) = rest.split_once(' ') {
        if time.len() == 5 && time.as_bytes()[2] == b':' {
            rest = after;
        }
    }
    let rest = rest
        .trim_start()
        .strip_prefix(['-', '–', '|'])
        .unwrap_or(rest)
        .trim();
    (!rest.is_empty()).then_some((date, rest))
}

/// A title line: short, and not ending like a sentence.
fn looks_like_title(line: &str) -> bool {
    line.chars().count() <= 200 && !line.ends_with(['.', ';', ',', ':']) && !line.ends_with("...")
}

/// "Édité par : Name" or "Par Name" → "Name".
fn byline(line: &str) -> Option<&str> {
    const PREFIXES: [&str; 5] = ["Édité par", "Edité par", "Rédigé par", "Publié par", "Par"];
    let rest = PREFIXES.iter().find_map(|p| line.strip_prefix(p))?;
    let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest).trim();
    let ok = !rest.is_empty()
        && rest.chars().count() <= 80
        && !rest.ends_with('.')
        && rest.split_whitespace().count() <= 6
        && rest.chars().next().is_some_and(char::is_uppercase);
    ok.then_some(rest)
}

/// "Apanews - La capitale…" → ("Apanews", "La capitale…"): one to three capitalised words
/// before a dash at the start of the first paragraph.
fn outlet_prefix(paragraph: &str) -> Option<(&str, &str)> {
    let (name, rest) = paragraph
        .split_once(" - ")
        .or_else(|| paragraph.split_once(" – "))?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let ok = (1..=3).contains(&words.len())
        && name.len() <= 30
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !name.contains(['.', ',', ':', '«', '"'])
        && !rest.trim().is_empty();
    ok.then_some((name.trim(), rest.trim_start()))
}

/// Reader prompts, share buttons, "Lire aussi" lines and agency signatures ("MD/ac/Sf/APA").
fn is_boilerplate(line: &str) -> bool {
    let folded = fold(line);
    let prefix = BOILERPLATE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let signature = line.len() <= 30
        && !line.contains(' ')
        && line.matches('/').count() >= 2
        && line.chars().all(|c| c.is_ascii_alphanumeric() || c == '/');
    signature || prefix.into_iter().any(|p| folded.starts_with(p))
}

const BOILERPLATE: &str = include_str!("data/boilerplate.txt");

/// A coarse language guess from common function words: "fr", "en" or "other".
pub fn detect_language(text: &str) -> &'static str {
    const FR: [&str; 10] = [
        "le", "la", "les", "des", "et", "est", "une", "du", "que", "dans",
    ];
    const EN: [&str; 10] = [
        "the", "and", "of", "is", "to", "in", "that", "with", "for", "was",
    ];
    let (mut fr, mut en, mut words) = (0usize, 0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        words += 1;
        let lower = word.to_lowercase();
        fr += FR.contains(&lower.as_str()) as usize;
        en += EN.contains(&lower.as_str()) as usize;
    }
    if words == 0 || (fr + en) * 20 < words {
        "other"
    } else if fr >= en {
        "fr"
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_date_line_before_the_title() {
        let a = parse_scraped_text(
            "a.txt",
            " date 2025-04 Les ministres à Moscou\n\nLe texte. Suite.",
        );
        assert_eq!(a.published.unwrap().to_string(), "2025-04");
        assert_eq!(a.published_precision(), Precision::Month);
        assert_eq!(a.title.as_deref(), Some("Les ministres à Moscou"));
        assert_eq!(a.body, "Le texte. Suite.");
    }

    #[test]
    fn reads_a_dated_title_and_an_outlet_prefix() {
        let text = "04-04-2025 13:32 - Russie-AES : Lavrov annonce\n\nApanews - La capitale a accueilli.\nSuite.";
        let a = parse_scraped_text("a.txt", text);
        assert_eq!(a.published.unwrap().to_string(), "2025-04-04");
        assert_eq!(a.title.as_deref(), Some("Russie-AES : Lavrov annonce"));
        assert_eq!(a.outlet.as_deref(), Some("Apanews"));
        assert_eq!(a.body, "La capitale a accueilli.\n\nSuite.");
    }

    #[test]
    fn takes_out_bylines_and_reader_prompts() {
        let text = "Un titre sans point\n\nÉdité par : Татьяна Гуринович\n\nLe corps.\n\nAvez-vous trouvé une erreur ou une inexactitude ?\nMD/ac/Sf/APA";
        let a = parse_scraped_text("a.txt", text);
        assert_eq!(a.author.as_deref(), Some("Татьяна Гуринович"));
        assert_eq!(a.body, "Le corps.");
        assert_eq!(a.removed.len(), 2);
        assert!(a.published.is_none());
        assert_eq!(a.published_from, "not found");
    }

    #[test]
    fn a_first_line_ending_like_a_sentence_is_body_not_title() {
        let a = parse_scraped_text(
            "a.txt",
            "La Russie compte poursuivre son aide.\nIgor a précisé.",
        );
        assert!(a.title.is_none());
        assert!(a.body.starts_with("La Russie"));
    }

    #[test]
    fn rejects_binary_and_empty_and_non_utf8() {
        assert!(decode_utf8(b"abc\0def").unwrap_err().contains("NUL"));
        assert!(decode_utf8(b"  \n ").unwrap_err().contains("empty"));
        assert!(decode_utf8(b"caf\xe9").unwrap_err().contains("UTF-8"));
        assert_eq!(decode_utf8("\u{feff}a\r\nb".as_bytes()).unwrap(), "a\nb");
    }

    #[test]
    fn guesses_language() {
        assert_eq!(
            detect_language("Le ministre est arrivé dans la capitale et les délégués"),
            "fr"
        );
        assert_eq!(
            detect_language("The minister said that the talks in the capital were good"),
            "en"
        );
    }
}
