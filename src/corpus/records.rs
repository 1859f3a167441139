//! JSON and JSON Lines exports: one article per object, with the common field names.

use super::Draft;
use crate::dates::{parse_iso_partial, PartialDate, Precision};
use chrono::Datelike;
use rayon::prelude::*;
use serde_json::{Map, Value};

/// Drafts with their place (1-based line or item; none for a single object), and problems with theirs.
pub type Parsed = (Vec<(Option<usize>, Draft)>, Vec<(Option<usize>, String)>);

/// A JSON file: one object, or an array of objects. Returns drafts with their index (as the
/// "line", 1-based, for arrays) and problems with theirs.
pub fn parse_json(text: &str, max_bytes: u64) -> Parsed {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => match draft_from(&map, max_bytes) {
            Ok(d) => (vec![(None, d)], vec![]),
            Err(e) => (vec![], vec![(None, e)]),
        },
        Ok(Value::Array(items)) => {
            let mut drafts = Vec::new();
            let mut problems = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let result = item
                    .as_object()
                    .ok_or_else(|| "not a JSON object".to_string())
                    .and_then(|m| draft_from(m, max_bytes));
                match result {
                    Ok(d) => drafts.push((Some(i + 1), d)),
                    Err(e) => problems.push((Some(i + 1), format!("item {}: {e}", i + 1))),
                }
            }
            (drafts, problems)
        }
        Ok(_) => (
            vec![],
            vec![(None, "not a JSON object or array of objects".into())],
        ),
        Err(e) => (
            vec![],
            vec![(
                None,
                format!("invalid JSON at line {}, column {}", e.line(), e.column()),
            )],
        ),
    }
}

/// JSON Lines: one object per line, read in parallel. Problems carry their line number.
pub fn parse_json_lines(text: &str, max_bytes: u64) -> Parsed {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let results: Vec<(usize, Result<Draft, String>)> = lines
        .par_iter()
        .map(|&(n, line)| {
            let parsed = serde_json::from_str::<Map<String, Value>>(line)
                .map_err(|e| format!("not a JSON object ({e})"))
                .and_then(|m| draft_from(&m, max_bytes));
            (n, parsed)
        })
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

/// One record → draft. The text field is required. `heading` and similar summaries are not
/// read: they are someone else's summary, not the article.
fn draft_from(map: &Map<String, Value>, max_bytes: u64) -> Result<Draft, String> {
    let (key, text) = TEXT_KEYS
        .iter()
        .find_map(|k| {
            map.get(*k)
                .and_then(as_text)
                .filter(|t| !t.trim().is_empty())
                .map(|t| (*k, t))
        })
        .ok_or_else(|| format!("no text field ({})", TEXT_KEYS.join(", ")))?;
    if text.len() as u64 > max_bytes {
        return Err(format!(
            "its {key} is {} bytes, over the {max_bytes}-byte limit",
            text.len()
        ));
    }
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
            draft.set_published(Some(date), &format!("field \"{k}\""));
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

/// "2025-04-03", "2025-04-03T10:00:00+02:00", "2025-04-03 10:00", "2025-04", "03/04/2025",
/// "3 avril 2025" → a date with its precision.
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
        assert_eq!(a.published_from, "field \"date\"");
        assert_eq!(a.outlet.as_deref(), Some("X"));
    }

    #[test]
    fn json_object_or_array() {
        let (one, _) = parse_json(
            "{\"headline\": \"T\", \"content\": \"Texte.\", \"author\": [\"A\", \"B\"]}",
            1 << 20,
        );
        let a = one[0].1.clone().finish("a.json", None, "json");
        assert_eq!(
            (a.title.as_deref(), a.author.as_deref()),
            (Some("T"), Some("A, B"))
        );
        let (many, problems) =
            parse_json("[{\"text\": \"Un.\"}, 3, {\"text\": \"Deux.\"}]", 1 << 20);
        assert_eq!(many.len(), 2);
        assert_eq!(problems[0].0, Some(2));
        let (_, bad) = parse_json("{oops", 1 << 20);
        assert!(bad[0].1.contains("invalid JSON"));
    }

    #[test]
    fn dates_in_the_usual_shapes() {
        for (text, want) in [
            ("2020-07-02T10:00:00+02:00", "2020-07-02"),
            ("2020-07-02 10:00", "2020-07-02"),
            ("2020-07", "2020-07"),
            ("02/07/2020", "2020-07-02"),
            ("3 avril 2025", "2025-04-03"),
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
