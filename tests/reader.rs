//! The reader, through `brief inspect --json`: each format and encoding of
//! `tests/fixtures/formats/`, the metadata of the scraped articles of `tests/fixtures/corpus/`
//! (the format of the seeds), duplicates, and `generate` on other formats.

mod common;

use common::*;
use serde_json::Value;

fn inspect(path: &str) -> (Vec<Value>, String) {
    let output = brief(&["inspect", "--json", path]);
    assert!(output.status.success(), "{}", stderr(&output));
    let articles: Vec<Value> =
        serde_json::from_slice(&output.stdout).expect("inspect --json prints JSON");
    (articles, stderr(&output))
}

fn by_file<'a>(articles: &'a [Value], name: &str) -> &'a Value {
    articles
        .iter()
        .find(|a| a["file"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no article from {name}"))
}

/// The invented story in the seeds' scraped format.
const STORY: &str = "tests/fixtures/corpus";

#[test]
fn scraped_metadata_of_the_story() {
    let output = brief(&[
        "inspect",
        "--json",
        "tests/fixtures/corpus/ambassador.txt",
        "tests/fixtures/corpus/defence-ministers.txt",
        "tests/fixtures/corpus/foreign-ministers-brief.txt",
        "tests/fixtures/corpus/foreign-ministers-visit.txt",
        "tests/fixtures/corpus/foreign-ministers-wire.txt",
    ]);
    assert!(output.status.success());
    let articles: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(articles.len(), 5);
    let wire = by_file(&articles, "foreign-ministers-wire.txt");
    assert_eq!(wire["published"], "2025-06-13");
    assert_eq!(wire["published_precision"], "day");
    assert!(wire["published_from"]
        .as_str()
        .unwrap()
        .contains("first line"));
    assert_eq!(
        wire["title"],
        "Portugal-CAE : Figueira promet des bourses et des navires"
    );
    assert_eq!(wire["outlet"], "Lusa Afrique");
    let visit = by_file(&articles, "foreign-ministers-visit.txt");
    assert_eq!(
        (
            visit["published"].as_str(),
            visit["published_precision"].as_str()
        ),
        (Some("2025-06"), Some("month"))
    );
    let brief = by_file(&articles, "foreign-ministers-brief.txt");
    assert_eq!(brief["author"], "Ирина Соколова");
    assert!(
        !brief["body"].as_str().unwrap().contains("Vous avez trouvé"),
        "feedback prompt out of the body"
    );
    assert!(brief["removed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r.as_str().unwrap().starts_with("Vous avez trouvé")));
    let defence = by_file(&articles, "defence-ministers.txt");
    assert!(defence["published"].is_null());
    assert_eq!(defence["published_precision"], "unknown");
    assert!(defence["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("undated")));
    let ambassador = by_file(&articles, "ambassador.txt");
    assert_eq!(ambassador["relayed"][0], "Reuters");
}

#[test]
fn sentence_and_date_spans_index_the_body() {
    let (seeds, _) = inspect("seeds");
    let (articles, _) = inspect(STORY);
    for a in seeds.iter().chain(&articles) {
        let body = a["body"].as_str().unwrap();
        for key in ["sentences", "headings", "dates"] {
            for s in a[key].as_array().unwrap() {
                let (start, end) = (
                    s["start"].as_u64().unwrap() as usize,
                    s["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&body[start..end], s["text"].as_str().unwrap());
            }
        }
    }
    let wire = by_file(&articles, "foreign-ministers-wire.txt");
    let meeting = &wire["dates"][0];
    assert_eq!(meeting["text"], "ce jeudi 12 juin 2025");
    assert_eq!(
        (meeting["from"].as_str(), meeting["to"].as_str()),
        (Some("2025-06-12"), Some("2025-06-12"))
    );
    assert_eq!(meeting["relation"], "before");
    let visit = by_file(&articles, "foreign-ministers-visit.txt");
    assert!(visit["headings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["text"] == "Une communauté en chantier"));
    assert!(!visit["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["text"] == "Une communauté en chantier"));
}

#[test]
fn every_format_and_encoding() {
    let (articles, warnings) = inspect("tests/fixtures/formats");
    assert_eq!(articles.len(), 10, "{warnings}");

    let md = by_file(&articles, "front-matter.md");
    assert_eq!(md["format"], "markdown");
    assert_eq!(
        md["title"],
        "Le Sénégal et la Gambie signent un accord sur le pont de Farafenni"
    );
    assert_eq!(
        (md["outlet"].as_str(), md["author"].as_str()),
        (Some("Le Quotidien"), Some("Awa Ndiaye"))
    );
    assert_eq!(
        (md["published"].as_str(), md["published_from"].as_str()),
        (Some("2024-06-12"), Some("front matter"))
    );
    assert_eq!(md["url"], "https://exemple.sn/pont");
    assert!(md["headings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["text"] == "Un chantier commun"));
    assert!(
        !md["body"].as_str().unwrap().contains("**"),
        "Markdown markup removed"
    );

    let toml = by_file(&articles, "toml-front-matter.txt");
    assert_eq!(
        (toml["published"].as_str(), toml["outlet"].as_str()),
        (Some("2023-03-02"), Some("Togo Presse"))
    );

    let json = by_file(&articles, "article.json");
    assert_eq!(
        json["title"],
        "Le Kenya et la Tanzanie rouvrent leur frontière"
    );
    assert_eq!(
        (json["outlet"].as_str(), json["author"].as_str()),
        (Some("East Africa Daily"), Some("J. Mwangi, A. Said"))
    );
    assert_eq!(json["published"], "2021-01-18");

    let jsonl: Vec<&Value> = articles
        .iter()
        .filter(|a| a["file"].as_str().unwrap().ends_with("export.jsonl"))
        .collect();
    assert_eq!(
        jsonl
            .iter()
            .map(|a| a["line"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [1, 3]
    );
    assert_eq!(jsonl[1]["published"], "2020-09-04");
    let glued = jsonl[0]["sentences"].as_array().unwrap();
    assert_eq!(glued.len(), 2, "joined paragraphs split: {glued:?}");
    assert!(
        warnings.contains("export.jsonl:2: skipped: not a JSON object"),
        "{warnings}"
    );

    let gz = by_file(&articles, "archive.jsonl.gz");
    assert_eq!(
        (gz["published"].as_str(), gz["line"].as_u64()),
        (Some("2019-05-02"), Some(1))
    );

    let html = by_file(&articles, "page.html");
    assert_eq!(html["title"], "Sommet à Accra");
    assert_eq!(
        (html["outlet"].as_str(), html["author"].as_str()),
        (Some("Le Sahel Hebdo"), Some("Ibrahim Moussa"))
    );
    assert_eq!(
        (html["published"].as_str(), html["url"].as_str()),
        (Some("2025-03-20"), Some("https://exemple.ne/sommet"))
    );
    let body = html["body"].as_str().unwrap();
    assert!(body.starts_with("Les chefs d'État du Niger"), "{body}");
    for furniture in [
        "SCRIPT",
        "NAVIGATION",
        "Accueil",
        "BOUTON PARTAGE",
        "ARTICLES LIES",
        "PIED DE PAGE",
    ] {
        assert!(!body.contains(furniture), "{furniture} in the HTML body");
    }
    assert_eq!(html["relayed"][0], "Anadolu");

    let cp1252 = by_file(&articles, "cp1252.txt");
    assert!(cp1252["body"]
        .as_str()
        .unwrap()
        .contains("Le Bénin a élu dimanche"));
    assert!(cp1252["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("Windows-1252")));
    let utf16 = by_file(&articles, "utf16.txt");
    assert_eq!(utf16["title"], "Le Gabon et la Guinée équatoriale");

    let scraped = by_file(&articles, "scraped.txt");
    assert_eq!(
        (scraped["outlet"].as_str(), scraped["published"].as_str()),
        (Some("Afrique Info"), Some("2022-02-12"))
    );
    assert!(!scraped["body"].as_str().unwrap().contains("Lire aussi"));

    for (file, reason) in [
        ("photo.txt", "skipped: binary file"),
        ("empty.txt", "skipped: empty file"),
    ] {
        assert!(
            warnings
                .lines()
                .any(|l| l.contains(file) && l.contains(reason)),
            "{file}: {warnings}"
        );
    }
}

#[test]
fn duplicates_are_one_source_with_several_locations() {
    let (articles, warnings) = inspect("tests/fixtures/duplicates");
    assert_eq!(articles.len(), 2, "{warnings}");
    let story = by_file(&articles, "site-a-copy.txt");
    let also: Vec<&str> = story["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(
        also.iter().any(|f| f.ends_with("site-a.txt"))
            && also.iter().any(|f| f.ends_with("site-b.txt")),
        "{also:?}"
    );
    assert_eq!(
        story["published"], "2021-09-15",
        "date taken from the dated duplicate"
    );
    assert!(
        warnings.contains("exact duplicate") && warnings.contains("near duplicate"),
        "{warnings}"
    );
}

#[test]
fn generate_reads_every_format() {
    let out = tempfile::tempdir().unwrap();
    let output = generate_ok(
        std::path::Path::new("tests/fixtures/formats"),
        out.path(),
        &[],
    );
    let b = json(&out.path().join(format!("briefing-{DATE}.json")));
    assert_eq!(
        b["sources"].as_array().unwrap().len(),
        10,
        "{}",
        stderr(&output)
    );
    let names: Vec<&str> = b["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for country in [
        "Sénégal",
        "Kenya",
        "Chili",
        "Bolivie",
        "Niger",
        "Bénin",
        "Gabon",
        "Tchad",
    ] {
        assert!(names.contains(&country), "{country} in {names:?}");
    }
}

#[test]
fn inspect_text_report_and_missing_path() {
    let output = brief(&[
        "inspect",
        "tests/fixtures/corpus/foreign-ministers-wire.txt",
    ]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("published  2025-06-13  (day;"), "{text}");
    assert!(text.contains("« ce jeudi 12 juin 2025 » = 2025-06-12"));
    let missing = brief(&["inspect", "no/such/file.txt"]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(stderr(&missing).contains("no/such/file.txt"));
}

#[test]
fn orangesum_archive_gives_a_briefing() {
    let Some(corpus) = shared(
        "orangesum_archive_gives_a_briefing",
        "corpora/orangesum/articles.jsonl.gz",
    ) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let output = brief(&[
        "generate",
        "--corpus",
        corpus.to_str().unwrap(),
        "--since",
        "2020-09-25",
        "--date",
        "2020-09-30",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let b = json(&out.path().join("briefing-2020-09-30.json"));
    let sources = b["sources"].as_array().unwrap();
    assert!(sources.len() > 50, "{} sources", sources.len());
    // Articles of the period, and older ones only where an element of the period cites them.
    let mut cited: Vec<String> = Vec::new();
    for section in ["meetings", "timeline", "quotes"] {
        for item in b[section].as_array().unwrap() {
            cited.extend(
                item["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string()),
            );
        }
    }
    for s in sources
        .iter()
        .filter(|s| s["published"].as_str().is_some_and(|d| d < "2020-09-25"))
    {
        assert!(
            s["cited_by"].as_u64().unwrap() > 0
                || cited.contains(&s["id"].as_str().unwrap().to_string()),
            "{s}"
        );
    }
    assert!(sources.iter().all(|s| s["line"].as_u64().is_some()));
    assert!(b["countries"].as_array().unwrap().len() > 10);
    let pdf = out.path().join("briefing-2020-09-30.pdf");
    assert!(flat(&pdf_text(&pdf, Some(1))).contains("30 septembre 2020"));
}
