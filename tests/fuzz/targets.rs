//! The fuzz targets: each takes arbitrary bytes, runs one stage of `brief` on them, and panics if
//! an invariant a user relies on breaks (a byte range outside its text, escaped text that Typst
//! reads as code, a string literal that does not give back its value). Shared by the fuzz driver
//! (`cargo run --release --example fuzz`) and the regression test that replays saved inputs.

#![allow(dead_code)]

use brief::corpus::read::read_from;
use brief::corpus::ReadOptions;
use brief::dates::PartialDate;
use brief::gazetteer::Gazetteer;

/// The targets, by name.
pub const TARGETS: &[&str] = &[
    "scraped",
    "frontmatter",
    "json",
    "jsonl",
    "html",
    "dates",
    "sentences",
    "escape",
    "typst_str",
    "summarise",
];

/// Runs target `name` on `input`; returns a signature of what it found (to tell inputs that
/// behave differently apart) or panics when an invariant breaks.
pub fn run(name: &str, input: &[u8]) -> u64 {
    match name {
        "scraped" => read(input, "article.txt"),
        "frontmatter" => read(input, "article.md"),
        "json" => read(input, "export.json"),
        "jsonl" => read(input, "export.jsonl"),
        "html" => read(input, "page.html"),
        "dates" => dates(input),
        "sentences" => sentences(input),
        "escape" => escape(input),
        "typst_str" => typst_str(input),
        "summarise" => summarise(input),
        other => panic!("unknown fuzz target {other}"),
    }
}

/// A fuzz input read as a file of the corpus, then extracted (sentences, dates, people, quotes,
/// meetings): every range the reader and the extractor give must index the article's body.
fn read(input: &[u8], name: &str) -> u64 {
    // Half the time, the same bytes come gzip-compressed, through the streaming path.
    let options = ReadOptions {
        max_article_bytes: 1 << 20,
        max_corpus_bytes: 4 << 20,
    };
    let (bytes, name) = if input.first().is_some_and(|b| b & 1 == 1) {
        (gzip(&input[1..]), format!("{name}.gz"))
    } else {
        (input.to_vec(), name.to_string())
    };
    let result = read_from(&bytes[..], &name, &name, options, options.max_corpus_bytes);
    let mut signature = result.articles.len() as u64 * 31 + result.warnings.len() as u64;
    for article in &result.articles {
        let x = brief::extract::extract_article(article, Gazetteer::shipped());
        let body = &article.body;
        for range in x.headings.iter() {
            assert!(body.get(range.clone()).is_some(), "heading {range:?}");
        }
        for s in &x.sentences {
            assert!(
                body.get(s.start..s.end).is_some(),
                "sentence {}..{}",
                s.start,
                s.end
            );
            for c in &s.countries {
                assert!(
                    s.start <= c.start && c.end <= s.end,
                    "country outside its sentence"
                );
            }
        }
        for d in &x.dates {
            assert!(
                body.get(d.start..d.end).is_some(),
                "date {}..{}",
                d.start,
                d.end
            );
            assert!(d.from <= d.to, "date range backwards");
        }
        for p in &x.entities.people {
            assert!(
                body.get(p.start..p.end).is_some(),
                "person {}..{}",
                p.start,
                p.end
            );
        }
        for q in &x.entities.quotes {
            assert!(
                body.get(q.start..q.end).is_some(),
                "quote {}..{}",
                q.start,
                q.end
            );
        }
        signature = signature
            .wrapping_mul(1_000_003)
            .wrapping_add(x.sentences.len() as u64 * 7 + x.dates.len() as u64 * 13)
            .wrapping_add(x.entities.people.len() as u64 * 17 + x.entities.quotes.len() as u64 * 19)
            .wrapping_add(
                x.entities.meetings.len() as u64 * 23 + article.published.is_some() as u64,
            );
    }
    signature
}

/// Up to four articles (the input cut at NUL bytes, each read as scraped text), extracted and
/// summarised together: every fact, meeting and quote must point at sources of the briefing,
/// every span at its source's body, and the model must serialise.
fn summarise(input: &[u8]) -> u64 {
    use brief::summarise::{summarise, Input, Sizes, Undated};
    let articles: Vec<brief::corpus::Article> = input
        .split(|&b| b == 0)
        .take(4)
        .enumerate()
        .map(|(i, chunk)| {
            brief::corpus::scraped::parse(&text(chunk), false).finish(
                &format!("{i}.txt"),
                None,
                "text",
            )
        })
        .collect();
    let g = Gazetteer::shipped();
    let extractions = brief::extract::extract(&articles, g);
    let b = summarise(&Input {
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 15).unwrap(),
        since: None,
        until: None,
        undated: Undated::Keep,
        articles: &articles,
        extractions: &extractions,
        gazetteer: g,
        sizes: Sizes::default(),
        files_seen: articles.len(),
        warnings: &[],
        late: &[],
    });
    let ids: std::collections::HashMap<&str, usize> = b
        .sources
        .iter()
        .map(|s| {
            let n = articles
                .iter()
                .position(|a| a.file == s.file)
                .expect("a source is an article");
            (s.id.as_str(), n)
        })
        .collect();
    let facts = b
        .key_points
        .iter()
        .chain(b.countries.iter().flat_map(|c| &c.facts))
        .chain(b.blocs.iter().flat_map(|c| &c.facts))
        .chain(b.meetings.iter().flat_map(|m| &m.facts));
    for f in facts {
        // Each span is its source's own sentence (a paraphrase may differ); one is the text.
        let texts: Vec<&str> = f
            .spans
            .iter()
            .map(|span| {
                let body = &articles[ids[span.source.as_str()]].body;
                body.get(span.start..span.end)
                    .expect("a span inside its body")
            })
            .collect();
        assert!(
            texts.contains(&f.text.as_str()),
            "no span gives the fact's text"
        );
        assert!(
            f.sources.iter().all(|s| ids.contains_key(s.as_str())),
            "fact source"
        );
    }
    for q in &b.quotes {
        assert!(
            q.sources.iter().all(|s| ids.contains_key(s.as_str())),
            "quote source"
        );
    }
    for m in &b.meetings {
        assert!(
            m.sources.iter().all(|s| ids.contains_key(s.as_str())),
            "meeting source"
        );
    }
    let json = serde_json::to_string(&b).expect("the briefing serialises");
    json.len() as u64 * 7 + b.meetings.len() as u64 * 13 + b.quotes.len() as u64
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn text(input: &[u8]) -> String {
    String::from_utf8_lossy(input).into_owned()
}

/// The date grammar, against a reference date taken from the input's first bytes.
fn dates(input: &[u8]) -> u64 {
    let (reference, rest) = match input {
        [a, b, rest @ ..] => {
            let year = 1990 + i32::from(*a % 60);
            let day = u32::from(*b % 28) + 1;
            (PartialDate::ymd(year, u32::from(*a % 12) + 1, day), rest)
        }
        _ => (None, input),
    };
    let text = text(rest);
    let found = brief::dates::grammar::find(&text, reference);
    let mut signature = found.len() as u64;
    for d in &found {
        assert!(
            text.get(d.start..d.end).is_some(),
            "date {}..{}",
            d.start,
            d.end
        );
        assert!(d.from <= d.to, "date range backwards: {:?}", d);
        signature = signature
            .wrapping_mul(31)
            .wrapping_add(d.precision as u64 * 3 + d.relative as u64);
    }
    signature
}

/// The sentence splitter and the cut of overlong passages: ranges in order, inside the text,
/// on character boundaries, never overlapping, each at most the cap once cut.
fn sentences(input: &[u8]) -> u64 {
    use brief::extract::sentences::{cut_long, split_sentences, MAX_SENTENCE_BYTES};
    let text = text(input);
    let mut last_end = 0;
    let mut count = 0u64;
    for range in split_sentences(&text) {
        assert!(text.get(range.clone()).is_some(), "sentence {range:?}");
        assert!(range.start >= last_end, "sentences overlap or go backwards");
        last_end = range.end;
        for piece in cut_long(&text, range.clone()) {
            assert!(text.get(piece.clone()).is_some(), "piece {piece:?}");
            assert!(piece.len() <= MAX_SENTENCE_BYTES, "piece too long");
            assert!(range.start <= piece.start && piece.end <= range.end);
            count += 1;
        }
    }
    count
}

/// Escaped text must be read by Typst as plain text, nothing else.
fn escape(input: &[u8]) -> u64 {
    let text = text(input);
    let escaped = brief::render::escape_markup(&text);
    let plain = brief::compile::markup_as_plain_text(&escaped);
    assert!(
        plain.is_some(),
        "escaped text parses as markup: {escaped:?}"
    );
    escaped.len() as u64 % 97
}

/// A string literal must give back exactly its value.
fn typst_str(input: &[u8]) -> u64 {
    let text = text(input);
    let literal = brief::render::typst_string_literal(&text);
    assert_eq!(
        brief::compile::string_literal_value(&literal).as_deref(),
        Some(text.as_str()),
        "literal {literal:?}"
    );
    literal.len() as u64 % 97
}
