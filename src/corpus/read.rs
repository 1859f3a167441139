//! Path → bytes, within bounds. Files are opened without blocking (a FIFO cannot hang the run) and
//! checked to be regular files once open; every limit counts the bytes actually read, inflated
//! bytes included, never the size a file claims. Gzip is streamed: a JSON Lines archive is read
//! line by line and parsed in batches, never inflated whole in memory.

use super::decode;
use super::records;
use super::{Article, Format, ReadOptions};
use crate::files::{describe_io, open_regular, read_at_most};
use crate::warning::Warning;
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// What reading one file gave.
#[derive(Debug, Default)]
pub struct FileRead {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
    /// Bytes read from it, after decompression: what it costs of the corpus budget.
    pub bytes: u64,
}

/// JSON Lines are parsed in batches of about this many bytes.
const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// Reads one file of the corpus: at most `cap` bytes (the corpus budget left), each article or
/// record at most `options.max_article_bytes`.
pub fn read_file(path: &Path, shown: &str, options: ReadOptions, cap: u64) -> FileRead {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if super::format_of(&name).is_none() {
        return skipped(
            shown,
            "not an article file (.txt, .md, .json, .jsonl, .html, optionally .gz)",
        );
    }
    match open_regular(path) {
        Ok(file) => read_from(file, &name, shown, options, cap),
        Err(reason) => skipped(shown, &reason),
    }
}

/// Reads an open file (or any bytes) named `name`, by its format: the reading path after the
/// file is opened, which the fuzz targets drive with bytes.
pub fn read_from(
    source: impl Read,
    name: &str,
    shown: &str,
    options: ReadOptions,
    cap: u64,
) -> FileRead {
    let name = name.to_lowercase();
    let Some(format) = super::format_of(&name) else {
        return skipped(shown, "not an article file");
    };
    let gzip = name.ends_with(".gz");
    let reader: Box<dyn Read + '_> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(source)))
    } else {
        Box::new(source)
    };
    let mut reader = BufReader::with_capacity(256 * 1024, reader);
    let file = Source {
        shown,
        format,
        gzip,
        options,
        cap,
    };
    match format {
        Format::JsonLines if !starts_with_utf16_bom(&mut reader) => read_json_lines(reader, &file),
        Format::Json | Format::JsonLines => read_collection(reader, &file),
        Format::Text | Format::Markdown | Format::Html => read_article(reader, &file),
    }
}

/// The file being read and its limits.
struct Source<'a> {
    shown: &'a str,
    format: Format,
    gzip: bool,
    options: ReadOptions,
    /// The corpus budget left: the most bytes this file may give.
    cap: u64,
}

impl Source<'_> {
    fn skipped(&self, reason: &str) -> FileRead {
        skipped(self.shown, reason)
    }

    /// An I/O error while reading: for a gzip file, most likely a broken archive.
    fn read_error(&self, error: &std::io::Error) -> String {
        if self.gzip {
            format!("not a valid gzip file: {error}")
        } else {
            describe_io(error)
        }
    }

    /// Reading stopped at the corpus budget, at `place` ("line 12", "item 3").
    fn budget_stop(&self, place: &str) -> Warning {
        Warning::about(
            self.shown,
            format!(
                "stopped at {place} after {} bytes: over --max-corpus-bytes; it and the rest of the file were not read",
                self.cap
            ),
        )
    }
}

fn skipped(shown: &str, reason: &str) -> FileRead {
    FileRead {
        warnings: vec![Warning::about(shown, format!("skipped: {reason}"))],
        ..FileRead::default()
    }
}

/// One article or record over `--max-article-bytes`.
pub(super) fn over_article_limit(size: Option<u64>, limit: u64, inflated: bool) -> String {
    let what = match size {
        Some(size) => format!("this record is {size} bytes, over"),
        None => "over".to_string(),
    };
    let inflated = if inflated { " once inflated" } else { "" };
    format!("{what} the {limit}-byte limit for one article{inflated} (--max-article-bytes)")
}

/// A file not read at all because the corpus budget ends before it.
fn over_budget(left: u64) -> String {
    format!("the corpus would go over --max-corpus-bytes here ({left} bytes left of it); not read")
}

/// One article per file: scraped text, Markdown, HTML.
fn read_article(mut reader: impl Read, file: &Source) -> FileRead {
    let max = file.options.max_article_bytes;
    let limit = max.min(file.cap);
    let (bytes, over) = match read_at_most(&mut reader, limit) {
        Ok(read) => read,
        Err(e) => return file.skipped(&file.read_error(&e)),
    };
    let read = bytes.len() as u64;
    let mut result = if over && limit == max {
        file.skipped(&over_article_limit(None, max, file.gzip))
    } else if over {
        file.skipped(&over_budget(file.cap))
    } else {
        match decode::decode(bytes, true) {
            Ok(decoded) => super::parse_article(&decoded, file.format, file.shown),
            Err(reason) => file.skipped(&reason),
        }
    };
    result.bytes = read;
    result
}

fn starts_with_utf16_bom(reader: &mut impl BufRead) -> bool {
    reader
        .fill_buf()
        .is_ok_and(|head| head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF"))
}

/// A JSON file, or JSON Lines in UTF-16: read whole (up to the cap), then parsed. Cut by the cap,
/// the records before the cut are kept and a warning says where it stopped.
fn read_collection(mut reader: impl Read, file: &Source) -> FileRead {
    let (mut bytes, over) = match read_at_most(&mut reader, file.cap) {
        Ok(read) => read,
        Err(e) => return file.skipped(&file.read_error(&e)),
    };
    let read = bytes.len() as u64;
    if over {
        trim_partial_character(&mut bytes);
    }
    let decoded = match decode::decode(bytes, false) {
        Ok(d) => d,
        Err(reason) => {
            return FileRead {
                bytes: read,
                ..file.skipped(&reason)
            }
        }
    };
    let max = file.options.max_article_bytes;
    let mut result = if file.format == Format::Json {
        let parsed = records::parse_json(&decoded.text, max, over);
        super::collect_records(parsed, file.shown, file.format, decoded.note.as_deref())
    } else {
        // The last line of a cut file is partial: it is where reading stopped.
        let text = match (over, decoded.text.rfind('\n')) {
            (true, Some(end)) => &decoded.text[..end],
            (true, None) => "",
            (false, _) => decoded.text.as_str(),
        };
        let parsed = records::parse_json_lines(text, max);
        let mut result =
            super::collect_records(parsed, file.shown, file.format, decoded.note.as_deref());
        if over {
            let line = text.lines().count() + 1;
            result
                .warnings
                .push(file.budget_stop(&format!("line {line}")));
        }
        result
    };
    result.bytes = if over { file.cap } else { read };
    result
}

/// Bytes cut at an arbitrary place may end inside a character: drop its first bytes, so that
/// the text before decodes as it should (UTF-8, or UTF-16 after its BOM).
fn trim_partial_character(bytes: &mut Vec<u8>) {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        bytes.truncate(bytes.len() & !1);
        let little = bytes[0] == 0xFF;
        if let [.., a, b] = bytes[..] {
            let unit = if little {
                u16::from_le_bytes([a, b])
            } else {
                u16::from_be_bytes([a, b])
            };
            if (0xD800..0xDC00).contains(&unit) {
                bytes.truncate(bytes.len() - 2);
            }
        }
    } else if let Err(e) = std::str::from_utf8(bytes) {
        if e.error_len().is_none() {
            bytes.truncate(e.valid_up_to());
        }
    }
}

/// How a line of a JSON Lines file was read.
enum Line {
    /// A line (without its newline) is in the buffer.
    Text,
    /// The line was longer than the limit: its bytes were skipped, not kept.
    TooLong(u64),
    End,
}

/// Reads one line into `buffer`, keeping at most `max` bytes of it.
fn next_line(reader: &mut impl BufRead, max: usize, buffer: &mut Vec<u8>) -> std::io::Result<Line> {
    buffer.clear();
    let mut length: u64 = 0;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (&available[..at], Some(at + 1)),
            None => (available, None),
        };
        length += part.len() as u64;
        if length <= max as u64 {
            buffer.extend_from_slice(part);
        }
        let used = done.unwrap_or(part.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    Ok(match (any, length > max as u64) {
        (false, _) => Line::End,
        (true, true) => {
            buffer.clear();
            Line::TooLong(length)
        }
        (true, false) => Line::Text,
    })
}

/// JSON Lines, streamed: lines are read one by one (each at most `max_article_bytes`, the file
/// at most `cap` bytes once inflated) and parsed in parallel batches.
fn read_json_lines(reader: impl BufRead, file: &Source) -> FileRead {
    let cap = file.cap;
    // `Take` over a `BufRead` counts what is consumed, not what is buffered ahead.
    let mut limited = reader.take(cap.saturating_add(1));
    let max = file.options.max_article_bytes;
    let max_line = usize::try_from(max).unwrap_or(usize::MAX);
    let mut result = FileRead::default();
    let mut batch = Vec::new();
    let mut batch_bytes = 0;
    let mut line_number = 0;
    let mut buffer = Vec::new();
    loop {
        let line = next_line(&mut limited, max_line, &mut buffer);
        let consumed = cap.saturating_add(1) - limited.limit();
        let place = format!("line {}", line_number + 1);
        match line {
            Err(e) => {
                let why = file.read_error(&e);
                result.warnings.push(Warning::about(
                    file.shown,
                    format!("stopped at {place}: {why}; the lines before it were read"),
                ));
                break;
            }
            Ok(Line::End) => break,
            Ok(_) if consumed > cap => {
                result.warnings.push(file.budget_stop(&place));
                result.bytes = cap;
                break;
            }
            Ok(Line::TooLong(length)) => result.warnings.push(Warning::about(
                format!("{}:{}", file.shown, line_number + 1),
                format!("skipped: {}", over_article_limit(Some(length), max, false)),
            )),
            Ok(Line::Text) => {
                batch_bytes += buffer.len();
                batch.push((line_number + 1, std::mem::take(&mut buffer)));
                if batch_bytes >= BATCH_BYTES {
                    parse_batch(&mut batch, file, &mut result);
                    batch_bytes = 0;
                }
            }
        }
        line_number += 1;
        result.bytes = consumed;
    }
    parse_batch(&mut batch, file, &mut result);
    result
}

fn parse_batch(batch: &mut Vec<(usize, Vec<u8>)>, file: &Source, result: &mut FileRead) {
    let max = file.options.max_article_bytes;
    let parsed: Vec<(usize, records::Record)> = batch
        .par_drain(..)
        .map(|(line, bytes)| (line, records::parse_line(bytes, max)))
        .collect();
    for (line, outcome) in parsed {
        match outcome {
            Ok((draft, note)) => {
                let mut article = draft.finish(file.shown, Some(line), file.format.kind());
                if let Some(note) = note {
                    article.warnings.insert(0, note);
                }
                result.articles.push(article);
            }
            Err(blank) if blank.is_empty() => {}
            Err(problem) => result.warnings.push(Warning::about(
                format!("{}:{line}", file.shown),
                format!("skipped: {problem}"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_never_splits_a_character() {
        let mut utf8 = "abé".as_bytes().to_vec();
        utf8.pop();
        trim_partial_character(&mut utf8);
        assert_eq!(utf8, b"ab");
        let mut utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a😀".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        utf16.truncate(utf16.len() - 1);
        trim_partial_character(&mut utf16);
        assert_eq!(utf16, [0xFF, 0xFE, b'a', 0]);
    }

    #[test]
    fn long_lines_are_skipped_without_being_kept() {
        let text = format!("short\n{}\nlast", "x".repeat(100));
        let mut reader = BufReader::with_capacity(8, text.as_bytes());
        let mut buffer = Vec::new();
        assert!(matches!(
            next_line(&mut reader, 10, &mut buffer).unwrap(),
            Line::Text
        ));
        assert_eq!(buffer, b"short");
        assert!(matches!(
            next_line(&mut reader, 10, &mut buffer).unwrap(),
            Line::TooLong(100)
        ));
        assert!(buffer.is_empty());
        assert!(matches!(
            next_line(&mut reader, 10, &mut buffer).unwrap(),
            Line::Text
        ));
        assert_eq!(buffer, b"last");
        assert!(matches!(
            next_line(&mut reader, 10, &mut buffer).unwrap(),
            Line::End
        ));
    }

    #[test]
    fn json_lines_over_the_budget_stop_with_a_warning_naming_the_line() {
        let mut text = String::new();
        for i in 0..50 {
            text.push_str(&format!(
                "{{\"title\": \"T{i}\", \"text\": \"Le Mali a signé un accord numéro {i}.\"}}\n"
            ));
        }
        let source = |cap| Source {
            shown: "a.jsonl",
            format: Format::JsonLines,
            gzip: false,
            options: ReadOptions::default(),
            cap,
        };
        let whole = read_json_lines(text.as_bytes(), &source(u64::MAX));
        assert_eq!(whole.articles.len(), 50);
        assert!(whole.warnings.is_empty(), "{:?}", whole.warnings);
        let cut = read_json_lines(text.as_bytes(), &source(1000));
        let kept = cut.articles.len();
        assert!((10..20).contains(&kept), "{kept}");
        assert_eq!(cut.articles.last().unwrap().line, Some(kept));
        let warning = cut.warnings.last().unwrap().to_string();
        assert_eq!(
            warning,
            format!("a.jsonl: stopped at line {} after 1000 bytes: over --max-corpus-bytes; it and the rest of the file were not read", kept + 1)
        );
        assert_eq!(cut.bytes, 1000, "the whole budget is spent");
    }
}
