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
    match format {
        Format::JsonLines if !starts_with_utf16_bom(&mut reader) => {
            read_json_lines(reader, shown, options, cap)
        }
        Format::Json | Format::JsonLines => read_collection(reader, format, shown, options, cap),
        Format::Text | Format::Markdown | Format::Html => {
            read_article(reader, format, shown, options, cap, gzip)
        }
    }
}

fn skipped(shown: &str, reason: &str) -> FileRead {
    FileRead {
        warnings: vec![Warning::about(shown, format!("skipped: {reason}"))],
        ..FileRead::default()
    }
}

fn read_error(gzip: bool, error: &std::io::Error) -> String {
    if gzip {
        format!("not a valid gzip file: {error}")
    } else {
        describe_io(error)
    }
}

/// One article per file: scraped text, Markdown, HTML.
fn read_article(
    mut reader: impl Read,
    format: Format,
    shown: &str,
    options: ReadOptions,
    cap: u64,
    gzip: bool,
) -> FileRead {
    let limit = options.max_article_bytes.min(cap);
    let (bytes, over) = match read_at_most(&mut reader, limit) {
        Ok(read) => read,
        Err(e) => return skipped(shown, &read_error(gzip, &e)),
    };
    let read = bytes.len() as u64;
    if over {
        let mut result = if limit == options.max_article_bytes {
            skipped(
                shown,
                &format!(
                    "over the {}-byte limit for one article{} (--max-article-bytes)",
                    options.max_article_bytes,
                    if gzip { " once inflated" } else { "" }
                ),
            )
        } else {
            skipped(shown, &over_budget(cap))
        };
        result.bytes = read;
        return result;
    }
    let mut result = match decode::decode(bytes, true) {
        Ok(decoded) => super::parse_article(&decoded, format, shown),
        Err(reason) => skipped(shown, &reason),
    };
    result.bytes = read;
    result
}

pub(super) fn over_budget(cap: u64) -> String {
    format!("the corpus would go over --max-corpus-bytes here ({cap} bytes left of it); not read")
}

fn starts_with_utf16_bom(reader: &mut impl BufRead) -> bool {
    reader
        .fill_buf()
        .is_ok_and(|head| head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF"))
}

/// A JSON file, or JSON Lines in UTF-16: read whole (up to `cap`), then parsed. Cut by the cap,
/// the records before the cut are kept and a warning says where it stopped.
fn read_collection(
    mut reader: impl Read,
    format: Format,
    shown: &str,
    options: ReadOptions,
    cap: u64,
) -> FileRead {
    let (bytes, over) = match read_at_most(&mut reader, cap) {
        Ok(read) => read,
        Err(e) => return skipped(shown, &read_error(true, &e)),
    };
    let read = bytes.len() as u64;
    let decoded = match decode::decode(bytes, false) {
        Ok(d) => d,
        Err(reason) => {
            let mut result = skipped(shown, &reason);
            result.bytes = read;
            return result;
        }
    };
    let parsed = if format == Format::Json {
        records::parse_json(&decoded.text, options.max_article_bytes, over)
    } else {
        records::parse_json_lines(&decoded.text, options.max_article_bytes)
    };
    let kind = if format == Format::Json {
        "json"
    } else {
        "jsonl"
    };
    let mut result = super::collect_records(parsed, shown, kind, decoded.note.as_deref());
    if over && format == Format::JsonLines {
        result.warnings.push(Warning::about(
            shown,
            format!("stopped after {read} bytes: over --max-corpus-bytes; the rest was not read"),
        ));
    }
    result.bytes = read;
    result
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
fn read_json_lines(reader: impl BufRead, shown: &str, options: ReadOptions, cap: u64) -> FileRead {
    // `Take` over a `BufRead` counts what is consumed, not what is buffered ahead.
    let mut limited = reader.take(cap.saturating_add(1));
    let max_line = usize::try_from(options.max_article_bytes).unwrap_or(usize::MAX);
    let mut result = FileRead::default();
    let mut batch: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut batch_bytes = 0;
    let mut line_number = 0;
    let mut buffer = Vec::new();
    let mut stop: Option<String> = None;
    loop {
        let line = next_line(&mut limited, max_line, &mut buffer);
        let consumed = cap.saturating_add(1) - limited.limit();
        match line {
            Err(e) => {
                stop = Some(format!(
                    "stopped at line {}: {}; the lines before it were read",
                    line_number + 1,
                    read_error(true, &e)
                ));
                break;
            }
            Ok(Line::End) => break,
            Ok(_) if consumed > cap => {
                stop = Some(format!(
                    "stopped at line {} after {cap} bytes: over --max-corpus-bytes; this line and the rest of the file were not read",
                    line_number + 1
                ));
                break;
            }
            Ok(Line::TooLong(length)) => {
                line_number += 1;
                result.warnings.push(Warning::about(
                    format!("{shown}:{line_number}"),
                    format!(
                        "skipped: this record is {length} bytes, over the {}-byte limit for one article (--max-article-bytes)",
                        options.max_article_bytes
                    ),
                ));
            }
            Ok(Line::Text) => {
                line_number += 1;
                batch_bytes += buffer.len();
                batch.push((line_number, std::mem::take(&mut buffer)));
                if batch_bytes >= BATCH_BYTES {
                    parse_batch(&mut batch, shown, options, &mut result);
                    batch_bytes = 0;
                }
            }
        }
        result.bytes = consumed.min(cap);
    }
    parse_batch(&mut batch, shown, options, &mut result);
    if let Some(message) = stop {
        result.warnings.push(Warning::about(shown, message));
    }
    result
}

fn parse_batch(
    batch: &mut Vec<(usize, Vec<u8>)>,
    shown: &str,
    options: ReadOptions,
    result: &mut FileRead,
) {
    let parsed: Vec<(usize, records::Record)> = batch
        .par_drain(..)
        .map(|(line, bytes)| (line, records::parse_line(bytes, options.max_article_bytes)))
        .collect();
    for (line, outcome) in parsed {
        match outcome {
            Ok((draft, note)) => {
                let mut article = draft.finish(shown, Some(line), "jsonl");
                if let Some(note) = note {
                    article.warnings.insert(0, note);
                }
                result.articles.push(article);
            }
            Err(blank) if blank.is_empty() => {}
            Err(problem) => result.warnings.push(Warning::about(
                format!("{shown}:{line}"),
                format!("skipped: {problem}"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let options = ReadOptions::default();
        let whole = read_json_lines(text.as_bytes(), "a.jsonl", options, u64::MAX);
        assert_eq!(whole.articles.len(), 50);
        assert!(whole.warnings.is_empty(), "{:?}", whole.warnings);
        let cut = read_json_lines(text.as_bytes(), "a.jsonl", options, 1000);
        let kept = cut.articles.len();
        assert!((10..20).contains(&kept), "{kept}");
        assert_eq!(cut.articles.last().unwrap().line, Some(kept));
        let warning = cut.warnings.last().unwrap().to_string();
        assert_eq!(
            warning,
            format!("a.jsonl: stopped at line {} after 1000 bytes: over --max-corpus-bytes; this line and the rest of the file were not read", kept + 1)
        );
        assert!(cut.bytes <= 1000);
    }
}
