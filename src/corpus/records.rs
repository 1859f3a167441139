//! JSON and JSON Lines exports: one article per object, with the common field names.

use super::DateFrom;
use super::Draft;
use crate::dates::{parse_iso_partial, PartialDate, Precision};
use chrono::Datelike;
use rayon::prelude::*;
use serde_json::{Map, Value};

/// Drafts with their place (1-based line or item; none for a single object), and problems with theirs.
pub type Parsed = (Vec<(Option<usize>, Draft)>, Vec<(Option<usize>, String)>);

/// A JSON file: one object, or an array of objects, each at most `max_bytes` (all its fields
/// counted). Items are parsed one by one, so that an array cut short (`cut`: the corpus budget
/// ended inside it) or broken half-way keeps the items before the fault, and the problem names
/// the item reached. Returns drafts with their index (as the "line", 1-based, for arrays).
pub fn parse_json(text: &str, max_bytes: u64, cut: bool) -> Parsed {
    let mut items = Items {
        max_bytes,
        drafts: Vec::new(),
        problems: Vec::new(),
        reached: 0,
    };
    use serde::de::DeserializeSeed;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let outcome = (&mut items)
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    if let Err(e) = outcome {
        let place = (items.reached > 0).then_some(items.reached);
        let at = match place {
            Some(item) => format!("stopped at item {item}"),
            None => "not read".to_string(),
        };
        let why = if cut {
            "the file goes on beyond --max-corpus-bytes; the rest was not read".to_string()
        } else if e.classify() == serde_json::error::Category::Data {
            "not a JSON object or array of objects".to_string()
        } else {
            format!("invalid JSON at line {}, column {}", e.line(), e.column())
        };
        items.problems.push((place, format!("{at}: {why}")));
    }
    (items.drafts, items.problems)
}

/// Reads a JSON document item by item (see [`parse_json`]).
struct Items {
    max_bytes: u64,
    drafts: Vec<(Option<usize>, Draft)>,
    problems: Vec<(Option<usize>, String)>,
    /// The 1-based item being read.
    reached: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut Items {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut Items {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object or an array of objects")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let map: Map<String, Value> =
            serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        match draft_from(&map, self.max_bytes) {
            Ok(d) => self.drafts.push((None, d)),
            Err(e) => self.problems.push((None, e)),
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            self.reached += 1;
            let Some(item) = seq.next_element::<Value>()? else {
                self.reached -= 1;
                return Ok(());
            };
            let n = self.reached;
            let result = item
                .as_object()
                .ok_or_else(|| "not a JSON object".to_string())
                .and_then(|m| draft_from(m, self.max_bytes));
            match result {
                Ok(d) => self.drafts.push((Some(n), d)),
                Err(e) => self.problems.push((Some(n), format!("item {n}: {e}"))),
            }
        }
    }
}

/// JSON Lines held in memory (a UTF-16 file): one object per line, parsed in parallel.
pub fn parse_json_lines(text: &str, max_bytes: u64) -> Parsed {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let results: Vec<(usize, Result<Draft, String>)> = lines
        .par_iter()
        .map(|&(n, line)| (n, parse_object(line, max_bytes)))
        .collect();
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    for (n, result) in results {
        match result {
            Ok(d) => drafts.push((Some(n), d)),
            Err(e) => problems.push((Some(n), e)),
        }
    }
    (drafts, problems)
}

/// A record's draft and the note on its encoding, or why it was skipped.
pub type Record = Result<(Draft, Option<String>), String>;

/// One line of a JSON Lines file, as bytes: decoded (UTF-8, or Windows-1252 with a note), then
/// parsed. Blank lines are `Err("")`, which the caller passes over.
pub fn parse_line(bytes: Vec<u8>, max_bytes: u64) -> Record {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(String::new());
    }
    let decoded = super::decode::decode(bytes, false)?;
    parse_object(&decoded.text, max_bytes).map(|d| (d, decoded.note))
}

fn parse_object(line: &str, max_bytes: u64) -> Result<Draft, String> {
    serde_json::from_str::<Map<String, Value>>(line)
        .map_err(|e| format!("not a JSON object ({e})"))
        .and_then(|m| draft_from(&m, max_bytes))
}

/// The bytes of a record's keys and values, every field counted.
fn record_bytes(map: &Map<String, Value>) -> u64 {
    fn value_bytes(value: &Value) -> u64 {
        match value {
            Value::String(s) => s.len() as u64,
            Value::Array(items) => items.iter().map(value_bytes).sum::<u64>() + items.len() as u64,
            Value::Object(map) => record_bytes(map),
            _ => 8,
        }
    }
    map.iter()
        .map(|(k, v)| k.len() as u64 + value_bytes(v))
        .sum()
}

const TEXT_KEYS: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "article_text",
    "description",
];
const TITLE_KEYS: &[&str] = &["title", "headline"];
const DATE_KEYS: &[&str] = &[
    "published",
    "published_time",
    "date",
    "datePublished",
    "published_at",
    "pubDate",
    "publication_date",
];
const URL_KEYS: &[&str] = &["url", "link", "canonical_url"];
const OUTLET_KEYS: &[&str] = &["outlet", "site", "source", "publisher", "site_name"];
const AUTHOR_KEYS: &[&str] = &["author", "authors", "byline"];
const LANG_KEYS: &[&str] = &["lang", "language"];

/// One record → draft. The text field is required; the record, all its fields counted, may not
/// be larger than `max_bytes`. `heading` and similar summaries are not read: they are someone
/// else's summary, not the article.
fn draft_from(map: &Map<String, Value>, max_bytes: u64) -> Result<Draft, String> {
    let size = record_bytes(map);
    if size > max_bytes {
        return Err(super::read::over_article_limit(
            Some(size),
            max_bytes,
            false,
        ));
    }
    let text = TEXT_KEYS
        .iter()
        .find_map(|k| {
            map.get(*k)
                .and_then(as_text)
                .filter(|t| !t.trim().is_empty())
        })
        .ok_or_else(|| format!("no text field ({})", TEXT_KEYS.join(", ")))?;
    let mut draft = Draft::default();
    let field = |keys: &[&'static str]| {
        keys.iter()
            .find_map(|k| map.get(*k).and_then(as_text).map(|v| (*k, v)))
    };
    for (name, keys) in [
        ("title", TITLE_KEYS),
        ("url", URL_KEYS),
        ("outlet", OUTLET_KEYS),
        ("author", AUTHOR_KEYS),
        ("language", LANG_KEYS),
    ] {
        if let Some((k, v)) = field(keys) {
            draft.set(name, Some(v), &format!("field \"{k}\""));
        }
    }
    for k in DATE_KEYS {
        if let Some(date) = map
            .get(*k)
            .and_then(as_text)
            .as_deref()
            .and_then(parse_date)
        {
            draft.set_published(Some(date), DateFrom::Field(k.to_string()));
            break;
        }
    }
    let text = crate::corpus::decode::normalise(text);
    draft.paragraphs = text.split('\n').map(str::to_string).collect();
    Ok(draft)
}

/// A string, or the strings of an array joined with commas, or a name inside an object.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(m) => m.get("name").and_then(as_text),
        _ => None,
    }
}

/// "2025-06-12", "2025-06-12T10:00:00+02:00", "2025-06-12 10:00", "2025-06", "12/06/2025",
/// "12 juin 2025" → a date with its precision.
pub fn parse_date(text: &str) -> Option<PartialDate> {
    let t = text.trim();
    let head = t.split(['T', ' ']).next().unwrap_or(t);
    if let Some(d) = parse_iso_partial(head) {
        return Some(d);
    }
    crate::dates::grammar::find(t, None)
        .into_iter()
        .find(|m| m.explicit_year)
        .and_then(|m| match m.precision {
            Precision::Day if m.from == m.to => {
                PartialDate::ymd(m.from.year(), m.from.month(), m.from.day())
            }
            Precision::Month => PartialDate::month(m.from.year(), m.from.month()),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_skip_bad_lines_and_keep_the_others() {
        let text = "{\"title\": \"Un\", \"text\": \"Le Mali a voté.\", \"date\": \"2020-09-01\", \"site\": \"X\"}\nnot json\n\n{\"title\": \"Deux\", \"body\": \"Le Niger aussi.\"}\n{\"title\": \"Trois\"}\n";
        let (drafts, problems) = parse_json_lines(text, 1 << 20);
        assert_eq!(
            drafts.iter().map(|(l, _)| l.unwrap()).collect::<Vec<_>>(),
            [1, 4]
        );
        assert_eq!(
            problems.iter().map(|(l, _)| l.unwrap()).collect::<Vec<_>>(),
            [2, 5]
        );
        assert!(problems[1].1.contains("no text field"));
        let a = drafts[0].1.clone().finish("a.jsonl", Some(1), "jsonl");
        assert_eq!(a.published.unwrap().to_string(), "2020-09-01");
        assert_eq!(a.published_from, DateFrom::Field("date".into()));
        assert_eq!(a.outlet.as_deref(), Some("X"));
    }

    #[test]
    fn json_object_or_array() {
        let (one, _) = parse_json(
            "{\"headline\": \"T\", \"content\": \"Texte.\", \"author\": [\"A\", \"B\"]}",
            1 << 20,
            false,
        );
        let a = one[0].1.clone().finish("a.json", None, "json");
        assert_eq!(
            (a.title.as_deref(), a.author.as_deref()),
            (Some("T"), Some("A, B"))
        );
        let (many, problems) = parse_json(
            "[{\"text\": \"Un.\"}, 3, {\"text\": \"Deux.\"}]",
            1 << 20,
            false,
        );
        assert_eq!(many.len(), 2);
        assert_eq!(problems[0].0, Some(2));
        let (_, bad) = parse_json("{oops", 1 << 20, false);
        assert!(bad[0].1.contains("invalid JSON"));
    }

    #[test]
    fn an_array_cut_short_keeps_the_items_before_the_cut() {
        let (drafts, problems) = parse_json(
            "[{\"text\": \"Un.\"}, {\"text\": \"Deux.\"}, {\"text\": \"Tr",
            1 << 20,
            true,
        );
        assert_eq!(drafts.len(), 2);
        assert_eq!(
            problems,
            [(
                Some(3),
                "stopped at item 3: the file goes on beyond --max-corpus-bytes; the rest was not read"
                    .to_string()
            )]
        );
    }

    #[test]
    fn every_field_of_a_record_counts_towards_its_size() {
        let title = "T".repeat(2000);
        let (drafts, problems) = parse_json_lines(
            &format!("{{\"title\": \"{title}\", \"text\": \"Court.\"}}"),
            1000,
        );
        assert!(drafts.is_empty());
        assert!(
            problems[0].1.starts_with("this record is 2"),
            "{problems:?}"
        );
    }

    #[test]
    fn dates_in_the_usual_shapes() {
        for (text, want) in [
            ("2020-07-02T10:00:00+02:00", "2020-07-02"),
            ("2020-07-02 10:00", "2020-07-02"),
            ("2020-07", "2020-07"),
            ("02/07/2020", "2020-07-02"),
            ("12 juin 2025", "2025-06-12"),
        ] {
            assert_eq!(
                parse_date(text).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{text}"
            );
        }
        assert!(parse_date("hier").is_none());
    }
}
