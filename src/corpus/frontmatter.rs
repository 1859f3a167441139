//! Markdown or text with front matter: TOML between `+++` lines or YAML between `---` lines,
//! with `title`, `outlet`, `author`, `url`, `published` (a date or date-time, as a string or a
//! native value) and `lang`.

use super::DateFrom;
use super::{records, scraped, Draft};
use std::collections::BTreeMap;

/// The front matter and the rest, if the text starts with one. An unterminated or unreadable
/// front matter is an error (the caller reads the file as plain text instead).
pub fn split(text: &str) -> Option<Result<(Meta, &str), String>> {
    let (fence, kind) = if text.starts_with("+++") {
        ("+++", Kind::Toml)
    } else if text.starts_with("---") {
        ("---", Kind::Yaml)
    } else {
        return None;
    };
    let first_line_end = text.find('\n')?;
    if text[..first_line_end].trim() != fence {
        return None;
    }
    let rest = &text[first_line_end + 1..];
    let Some(close) = rest
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .chain([0])
        .find(|&i| rest[i..].lines().next().is_some_and(|l| l.trim() == fence))
    else {
        return Some(Err(format!("no closing {fence} line")));
    };
    let header = &rest[..close];
    let body = rest[close..].split_once('\n').map_or("", |(_, b)| b);
    let meta = match kind {
        Kind::Toml => toml_meta(header),
        Kind::Yaml => yaml_meta(header),
    };
    Some(meta.map(|m| (m, body)))
}

enum Kind {
    Toml,
    Yaml,
}

/// Front-matter keys, as strings, lower-cased.
pub type Meta = BTreeMap<String, String>;

fn toml_meta(header: &str) -> Result<Meta, String> {
    let table: toml::Table = header
        .parse()
        .map_err(|e: toml::de::Error| format!("TOML: {}", e.message()))?;
    Ok(table
        .into_iter()
        .filter_map(|(k, v)| {
            let value = match v {
                toml::Value::String(s) => s,
                toml::Value::Datetime(d) => d.to_string(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => return None,
            };
            Some((k.to_lowercase(), value))
        })
        .collect())
}

fn yaml_meta(header: &str) -> Result<Meta, String> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = YamlLoader::load_from_str(header).map_err(|e| format!("YAML: {e}"))?;
    let Some(Yaml::Hash(hash)) = docs.into_iter().next() else {
        return Ok(Meta::new());
    };
    Ok(hash
        .into_iter()
        .filter_map(|(k, v)| {
            let key = k.as_str()?.to_lowercase();
            let value = match v {
                Yaml::String(s) | Yaml::Real(s) => s,
                Yaml::Integer(i) => i.to_string(),
                Yaml::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => return None,
            };
            Some((key, value))
        })
        .collect())
}

/// The draft: metadata from the front matter, the rest read as scraped text or Markdown (whose
/// own title line is used only if the front matter has none).
pub fn parse(meta: Meta, body: &str, markdown: bool) -> Draft {
    let mut draft = Draft::default();
    let get = |keys: &[&str]| keys.iter().find_map(|k| meta.get(*k).cloned());
    draft.set("title", get(&["title"]), "front matter");
    draft.set(
        "outlet",
        get(&["outlet", "site", "source", "publisher"]),
        "front matter",
    );
    draft.set(
        "author",
        get(&["author", "authors", "byline"]),
        "front matter",
    );
    draft.set("url", get(&["url", "link", "canonical"]), "front matter");
    draft.set("language", get(&["lang", "language"]), "front matter");
    let published = get(&["published", "date", "published_time", "pubdate"]);
    draft.set_published(
        published.as_deref().and_then(records::parse_date),
        DateFrom::FrontMatter,
    );
    let rest = scraped::parse(body, markdown);
    for (key, value) in [
        ("title", rest.title),
        ("outlet", rest.outlet),
        ("author", rest.author),
    ] {
        if let Some(how) = rest.found.get(key) {
            draft.set(key, value, how);
        }
    }
    if let (Some(date), Some(how)) = (rest.published, rest.published_from) {
        draft.set_published(Some(date), how);
    }
    draft.paragraphs = rest.paragraphs;
    draft.removed = rest.removed;
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> crate::corpus::Article {
        let (meta, body) = split(text).unwrap().unwrap();
        parse(meta, body, true).finish("a.md", None, "markdown")
    }

    #[test]
    fn yaml_front_matter() {
        let a = article("---\ntitle: \"Sommet à Accra\"\noutlet: ActuGhana\nauthor: [A. B., C. D.]\npublished: 2025-06-12T10:00:00+01:00\nlang: fr-FR\n---\n# Autre titre\n\nLe Ghana accueille le sommet.\n");
        assert_eq!(a.title.as_deref(), Some("Sommet à Accra"));
        assert_eq!(a.outlet.as_deref(), Some("ActuGhana"));
        assert_eq!(a.author.as_deref(), Some("A. B., C. D."));
        assert_eq!(a.published.unwrap().to_string(), "2025-06-12");
        assert_eq!(a.published_from, DateFrom::FrontMatter);
        assert_eq!(a.language, "fr");
        assert_eq!(a.body, "Le Ghana accueille le sommet.");
    }

    #[test]
    fn toml_front_matter_with_a_native_date() {
        let a = article("+++\ntitle = \"Visite\"\ndate = 2025-06-12\nurl = \"https://exemple.fr/a\"\n+++\nLe texte.\n");
        assert_eq!(a.published.unwrap().to_string(), "2025-06-12");
        assert_eq!(a.url.as_deref(), Some("https://exemple.fr/a"));
        assert_eq!(a.body, "Le texte.");
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        assert!(split("---\ntitle: x\nLe texte.").unwrap().is_err());
        assert!(split("Pas de front matter").is_none());
        assert!(split("--- une ligne de tirets suivie de texte").is_none());
    }
}
