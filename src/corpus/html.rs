//! HTML pages as saved from a site, read with a real HTML parser: title, site name, publication
//! time, author and canonical URL from the meta tags; the article's text without navigation,
//! scripts, share buttons, related links or footers.

use super::DateFrom;
use super::{records, scraped, Draft};
use crate::lexicon::Lexicon;
use scraper::{ElementRef, Html, Node, Selector};

pub fn parse(html: &str) -> Draft {
    let mut draft = Draft::default();
    let flattened = super::nesting::flatten(html);
    if flattened.is_some() {
        draft.warnings.push(format!(
            "elements nested more than {} deep: their text was read as part of the element around them",
            super::nesting::MAX_DEPTH
        ));
    }
    let document = Html::parse_document(flattened.as_deref().unwrap_or(html));
    let meta = |attribute: &str, name: &str| -> Option<String> {
        let selector = Selector::parse(&format!("meta[{attribute}=\"{name}\"]")).ok()?;
        document
            .select(&selector)
            .find_map(|e| e.value().attr("content").map(str::to_string))
    };
    let first_text = |css: &str| -> Option<String> {
        let selector = Selector::parse(css).ok()?;
        document
            .select(&selector)
            .map(|e| e.text().collect::<String>())
            .find(|t| !t.trim().is_empty())
    };
    draft.set("title", meta("property", "og:title"), "meta og:title");
    draft.set("title", first_text("article h1"), "the article's h1");
    draft.set("title", first_text("title"), "the page's <title>");
    draft.set(
        "outlet",
        meta("property", "og:site_name"),
        "meta og:site_name",
    );
    draft.set("author", meta("name", "author"), "meta author");
    draft.set(
        "author",
        meta("property", "article:author").filter(|a| !a.starts_with("http")),
        "meta article:author",
    );
    let canonical = Selector::parse("link[rel=\"canonical\"]")
        .ok()
        .and_then(|s| {
            document
                .select(&s)
                .find_map(|e| e.value().attr("href").map(str::to_string))
        });
    draft.set("url", canonical, "link rel=canonical");
    draft.set("url", meta("property", "og:url"), "meta og:url");
    let lang = Selector::parse("html").ok().and_then(|s| {
        document
            .select(&s)
            .find_map(|e| e.value().attr("lang").map(str::to_string))
    });
    draft.set("language", lang, "html lang attribute");
    for (attribute, name) in [
        ("property", "article:published_time"),
        ("name", "date"),
        ("itemprop", "datePublished"),
        ("name", "pubdate"),
    ] {
        let date = meta(attribute, name)
            .as_deref()
            .and_then(records::parse_date);
        draft.set_published(date, DateFrom::Meta(name.to_string()));
    }
    if draft.published.is_none() {
        let time = Selector::parse("article time[datetime], time[datetime]")
            .ok()
            .and_then(|s| {
                document
                    .select(&s)
                    .find_map(|e| e.value().attr("datetime").and_then(records::parse_date))
            });
        draft.set_published(time, DateFrom::TimeElement);
    }

    let root = ["article", "main", "[role=\"main\"]", "body"]
        .iter()
        .filter_map(|css| Selector::parse(css).ok())
        .find_map(|s| document.select(&s).next())
        .unwrap_or_else(|| document.root_element());
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    collect(root, &mut paragraphs, &mut current);
    flush(&mut paragraphs, &mut current);
    let title = draft.title.clone();
    for paragraph in paragraphs {
        if title.as_deref() == Some(paragraph.as_str()) {
            continue;
        }
        if scraped::is_boilerplate(&paragraph) {
            draft.removed.push(paragraph);
        } else {
            draft.paragraphs.push(paragraph);
        }
    }
    draft
}

fn is_furniture(element: &ElementRef) -> bool {
    let e = element.value();
    let lexicon = Lexicon::get();
    if lexicon.skipped_tags.contains(e.name())
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
    {
        return true;
    }
    let marks = format!(
        "{} {}",
        e.attr("class").unwrap_or(""),
        e.attr("id").unwrap_or("")
    )
    .to_lowercase();
    // A word of the marks, or its first or last part joined by "-": "share", "share-bar",
    // "post-comments".
    let marks_with = |f: &str| {
        marks.split([' ', '_']).any(|m| {
            m == f
                || m.strip_prefix(f).is_some_and(|rest| rest.starts_with('-'))
                || m.strip_suffix(f).is_some_and(|rest| rest.ends_with('-'))
        })
    };
    lexicon.furniture.iter().any(|f| marks_with(f))
}

/// Walks the tree without recursion, turning block elements into paragraphs and skipping
/// furniture.
fn collect(root: ElementRef, paragraphs: &mut Vec<String>, current: &mut String) {
    use ego_tree::iter::Edge;
    let blocks = &Lexicon::get().block_tags;
    let mut depth = 0;
    // Set while inside skipped furniture: the depth at which it opened.
    let mut skipping: Option<usize> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if node.id() != root.id() => {
                depth += 1;
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => current.push_str(text),
                    Node::Element(e) => {
                        let element = ElementRef::wrap(node).expect("an element node");
                        if is_furniture(&element) {
                            skipping = Some(depth);
                        } else if e.name() == "br" || blocks.contains(e.name()) {
                            flush(paragraphs, current);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) if node.id() != root.id() => {
                if skipping == Some(depth) {
                    skipping = None;
                } else if skipping.is_none() {
                    if let Node::Element(e) = node.value() {
                        if blocks.contains(e.name()) {
                            flush(paragraphs, current);
                        }
                    }
                }
                depth -= 1;
            }
            _ => {}
        }
    }
}

fn flush(paragraphs: &mut Vec<String>, current: &mut String) {
    let text = crate::text::squeeze_spaces(current);
    if !text.is_empty() {
        paragraphs.push(text);
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="fr"><head>
<title>Sommet à Accra | Le Site</title>
<meta property="og:site_name" content="Le Site">
<meta property="article:published_time" content="2025-06-12T09:30:00+01:00">
<meta name="author" content="Awa Diallo">
<link rel="canonical" href="https://exemple.fr/sommet">
<script>var tracker = "NE PAS LIRE";</script>
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav></header>
<article>
  <h1>Sommet à Accra</h1>
  <div class="share-bar"><button>Partager</button> Facebook Twitter</div>
  <p>Les dirigeants du <b>Niger</b> et du Mali se sont réunis jeudi.</p>
  <h2>Une alliance renforcée</h2>
  <p>Ils ont signé un accord de défense.<br>Le texte entre en vigueur en mai.</p>
  <aside class="related">Lire aussi : autre chose</aside>
  <p>Lire aussi : un autre article</p>
</article>
<footer>© Le Site 2025 — mentions légales</footer>
</body></html>"#;

    #[test]
    fn metadata_from_meta_tags() {
        let a = parse(PAGE).finish("a.html", None, "html");
        assert_eq!(a.title.as_deref(), Some("Sommet à Accra"));
        assert_eq!(a.outlet.as_deref(), Some("Le Site"));
        assert_eq!(a.author.as_deref(), Some("Awa Diallo"));
        assert_eq!(a.url.as_deref(), Some("https://exemple.fr/sommet"));
        assert_eq!(a.published.unwrap().to_string(), "2025-06-12");
        assert_eq!(
            a.published_from,
            DateFrom::Meta("article:published_time".into())
        );
        assert_eq!(a.language, "fr");
    }

    #[test]
    fn body_without_navigation_scripts_share_buttons_or_footer() {
        let a = parse(PAGE).finish("a.html", None, "html");
        assert_eq!(
            a.body,
            "Les dirigeants du Niger et du Mali se sont réunis jeudi.\n\nUne alliance renforcée\n\nIls ont signé un accord de défense.\n\nLe texte entre en vigueur en mai."
        );
        for absent in [
            "NE PAS LIRE",
            "Accueil",
            "Partager",
            "mentions légales",
            "autre chose",
        ] {
            assert!(!a.body.contains(absent), "{absent}");
        }
        assert_eq!(a.removed, ["Lire aussi : un autre article"]);
    }
}
