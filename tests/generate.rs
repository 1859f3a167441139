//! `brief generate` on the shipped seeds, checked as an analyst would: the JSON contract, the
//! PDF's text, fonts and structure, and byte-identical reruns. The assertions hold for any
//! corpus (what a source, meeting or fact carries is compared with the articles and with
//! `brief inspect`), so that no seed's names, places or dates are written here; the values
//! themselves are checked on the invented story of `tests/fixtures/corpus/` (reader.rs,
//! summary.rs).

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

/// One run on the seeds, shared by the tests of this file.
fn seeds_run() -> &'static Path {
    static RUN: OnceLock<tempfile::TempDir> = OnceLock::new();
    RUN.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        generate_ok(
            Path::new("seeds"),
            out.path(),
            &["--since", "2024-12", "--emit", "typ"],
        );
        out
    })
    .path()
}

fn seeds_json() -> serde_json::Value {
    json(&seeds_run().join(format!("briefing-{DATE}.json")))
}

#[test]
fn writes_the_dated_pdf_json_and_markup() {
    for ext in ["pdf", "json", "typ"] {
        let path = seeds_run().join(format!("briefing-{DATE}.{ext}"));
        assert!(
            path.metadata().unwrap().len() > 100,
            "{} missing or empty",
            path.display()
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(seeds_run())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The PDF, the JSON, the markup, the map the markup reads, the state's folder and the
    // writers' lock; no temporary file.
    assert_eq!(
        names,
        [
            ".brief".to_string(),
            ".brief.lock".to_string(),
            format!("briefing-{DATE}.json"),
            format!("briefing-{DATE}.pdf"),
            format!("briefing-{DATE}.typ"),
            "map.json".to_string()
        ]
    );
}

#[test]
fn json_follows_the_contract() {
    let b = seeds_json();
    assert_eq!(b["schema"], "brief/1");
    assert_eq!(b["date"], DATE);
    assert_eq!(b["period"]["since"], "2024-12-01");
    assert!(b["period"]["until"].is_null());
    for key in [
        "key_points",
        "countries",
        "blocs",
        "meetings",
        "people",
        "quotes",
        "timeline",
        "warnings",
    ] {
        assert!(b[key].is_array(), "{key} is a list");
    }
    let sources = b["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5);
    let files: BTreeSet<&str> = sources
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(files.contains(name.as_str()), "{name} among the sources");
    }
    // Each source carries what the reader found in its file, as `brief inspect` shows it.
    let inspect = brief(&["inspect", "--json", "seeds"]);
    let articles: Vec<serde_json::Value> = serde_json::from_slice(&inspect.stdout).unwrap();
    for s in sources {
        let a = articles
            .iter()
            .find(|a| a["file"] == s["file"])
            .unwrap_or_else(|| panic!("{} inspected", s["file"]));
        // An undated article is dated by the day the state first saw it: the briefing's.
        let first_seen = s["published_from"] == "first seen";
        if first_seen {
            assert_eq!(a["published"], serde_json::Value::Null, "{}", s["file"]);
            assert_eq!(s["published"], DATE, "{}", s["file"]);
        }
        for key in ["title", "outlet", "author", "url", "language"] {
            assert_eq!(s[key], a[key], "{key} of {}", s["file"]);
        }
        for key in ["published", "published_precision", "published_from"] {
            if !first_seen {
                assert_eq!(s[key], a[key], "{key} of {}", s["file"]);
            }
        }
        assert_eq!(s["language"], "fr", "{}", s["file"]);
    }
    // The seeds are dated to the day (on their first line), to the month, or not at all (and
    // then by the day the state first saw them); one names its outlet.
    let precisions: BTreeSet<&str> = sources
        .iter()
        .map(|s| s["published_precision"].as_str().unwrap())
        .collect();
    assert_eq!(precisions, BTreeSet::from(["day", "month"]));
    assert!(sources.iter().any(|s| s["published_from"] == "first seen"));
    assert!(sources.iter().any(|s| s["published_precision"] == "day"
        && s["published"].as_str().is_some_and(|d| d.len() == 10)
        && s["published_from"].as_str().unwrap().contains("first line")
        && s["outlet"].is_string()));
    for s in sources {
        for key in [
            "id",
            "title",
            "outlet",
            "author",
            "url",
            "published",
            "published_precision",
            "published_from",
            "language",
        ] {
            assert!(s.get(key).is_some(), "source field {key}");
        }
    }
}

#[test]
fn sahel_countries_have_sourced_facts_whose_spans_are_in_their_articles() {
    let b = seeds_json();
    let sources = b["sources"].as_array().unwrap();
    let file_of = |id: &str| {
        let s = sources.iter().find(|s| s["id"] == id).unwrap();
        std::fs::read_to_string(root().join("seeds").join(s["file"].as_str().unwrap())).unwrap()
    };
    let countries = b["countries"].as_array().unwrap();
    for name in ["Mali", "Niger", "Burkina Faso"] {
        let c = countries
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name} section"));
        let facts = c["facts"].as_array().unwrap();
        assert!(facts.len() >= 3, "{name} has facts");
        for fact in facts {
            let text = fact["text"].as_str().unwrap();
            let spans = fact["spans"].as_array().unwrap();
            assert!(!spans.is_empty() && spans.len() == fact["sources"].as_array().unwrap().len());
            for span in spans {
                let (start, end) = (
                    span["start"].as_u64().unwrap(),
                    span["end"].as_u64().unwrap(),
                );
                assert_eq!((end - start) as usize, text.len(), "span length of {text}");
                assert!(
                    file_of(span["source"].as_str().unwrap()).contains(text),
                    "{text} is verbatim in its source"
                );
            }
        }
    }
}

#[test]
fn pdf_first_page_has_the_french_date_and_text_is_exact() {
    let pdf = seeds_run().join(format!("briefing-{DATE}.pdf"));
    assert!(flat(&pdf_text(&pdf, Some(1))).contains("21 novembre 2026"));
    let text = flat(&pdf_text(&pdf, None));
    let b = seeds_json();
    let sources = b["sources"].as_array().unwrap();
    // Titles between « » and bylines as the articles write them: accents, colons, Cyrillic.
    let cyrillic = |s: &str| s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    assert!(
        sources
            .iter()
            .any(|s| s["author"].as_str().is_some_and(cyrillic)),
        "a Cyrillic byline among the seeds"
    );
    for s in sources {
        if let Some(title) = s["title"].as_str() {
            assert!(text.contains(&format!("« {title} »")), "« {title} »");
        }
        if let Some(author) = s["author"].as_str() {
            assert!(text.contains(author), "{author}");
        }
    }
    // Every participant of every meeting is named, with the accents of the articles.
    for m in b["meetings"].as_array().unwrap() {
        for p in m["participants"].as_array().unwrap() {
            let name = p["name"].as_str().unwrap();
            assert!(text.contains(name), "{name}");
        }
    }
    for word in ["Alliance des États du Sahel", "Sources", "Méthode"] {
        assert!(text.contains(word), "{word}");
    }
}

#[test]
fn every_fact_has_a_footnote_and_the_annex_lists_the_articles() {
    let pdf = seeds_run().join(format!("briefing-{DATE}.pdf"));
    let text = flat(&pdf_text(&pdf, None));
    let b = seeds_json();
    // Footnotes name the source id and its file; the annex lists every file.
    for s in b["sources"].as_array().unwrap() {
        let file = s["file"].as_str().unwrap();
        assert!(
            text.matches(file).count() >= 2 || s["cited_by"] == 0,
            "{file} in notes and annex"
        );
        assert!(text.contains(file), "{file} in the annex");
    }
    let markup = std::fs::read_to_string(seeds_run().join(format!("briefing-{DATE}.typ"))).unwrap();
    // Every fact of every section, every quote and timeline entry: one footnote per source.
    let list = |v: &serde_json::Value| v.as_array().unwrap().clone();
    let mut facts: Vec<serde_json::Value> = list(&b["key_points"]);
    for section in ["countries", "blocs", "meetings"] {
        for s in list(&b[section]) {
            facts.extend(list(&s["facts"]));
        }
    }
    let mut notes: usize = facts
        .iter()
        .map(|f| f["sources"].as_array().unwrap().len())
        .sum();
    // The headline stands for the key point it repeats, which is not printed twice.
    let headline = &b["headline"];
    if !headline.is_null()
        && !list(&b["key_points"])
            .iter()
            .any(|k| k["text"] == headline["text"])
    {
        notes += headline["sources"].as_array().unwrap().len();
    }
    for section in ["quotes", "timeline", "upcoming"] {
        notes += list(&b[section])
            .iter()
            .map(|q| q["sources"].as_array().unwrap().len())
            .sum::<usize>();
    }
    assert!(facts.len() > 10);
    assert!(facts
        .iter()
        .all(|f| !f["sources"].as_array().unwrap().is_empty()));
    assert_eq!(
        markup.matches("#srcnote(").count() + markup.matches("#srcagain(").count(),
        notes,
        "one citation per source of each fact"
    );
    // Repeated citations of an article point to its one footnote: one full note per source.
    let pdf = pdf_text(&seeds_run().join(format!("briefing-{DATE}.pdf")), None);
    for s in b["sources"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        assert_eq!(
            pdf.matches(&format!("{id} —")).count(),
            1,
            "one full note for {id}"
        );
        let cited = s["cited_by"].as_u64().unwrap_or(0) > 0;
        assert_eq!(
            markup.matches(&format!("#srcnote(\"{id}\"")).count(),
            usize::from(cited),
            "the first citation of {id} carries its note, later ones point to it"
        );
    }
}

#[test]
fn fonts_are_embedded_and_the_pdf_is_well_formed() {
    let pdf = seeds_run().join(format!("briefing-{DATE}.pdf"));
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let listing = String::from_utf8_lossy(&fonts.stdout);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{listing}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [encoding] emb sub uni object ID: "emb" is the fourth column from the end but two.
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "font not embedded: {row}");
    }
    let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn two_runs_give_identical_bytes() {
    let again = tempfile::tempdir().unwrap();
    generate_ok(
        Path::new("seeds"),
        again.path(),
        &["--since", "2024-12", "--emit", "typ"],
    );
    for ext in ["pdf", "json", "typ"] {
        let name = format!("briefing-{DATE}.{ext}");
        assert!(
            std::fs::read(seeds_run().join(&name)).unwrap()
                == std::fs::read(again.path().join(&name)).unwrap(),
            "{name} differs"
        );
    }
}

#[test]
fn source_date_epoch_sets_the_default_date() {
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["generate", "--out", out.path().to_str().unwrap()])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1745971200")
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", stderr(&status));
    assert!(out.path().join("briefing-2025-04-30.pdf").exists());
}

#[test]
fn help_explains_every_flag_with_an_example() {
    let help = String::from_utf8(brief(&["generate", "--help"]).stdout).unwrap();
    for flag in [
        "--corpus",
        "--since",
        "--until",
        "--date",
        "--out",
        "--templates",
        "--emit",
    ] {
        assert!(help.contains(flag), "{flag} in help");
    }
    assert!(help.matches("Example").count() >= 7, "{help}");
    let version = String::from_utf8(brief(&["--version"]).stdout).unwrap();
    assert!(version.starts_with("brief "));
}

#[test]
fn pdf_metadata_has_title_language_and_date() {
    let pdf = seeds_run().join(format!("briefing-{DATE}.pdf"));
    let info = String::from_utf8(tool("pdfinfo", &[pdf.to_str().unwrap()]).stdout).unwrap();
    assert!(
        info.contains("Title:           Note de synthèse — 21 novembre 2026"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:    Sat Nov 21 00:00:00 2026"),
        "{info}"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(9).any(|w| w == b"/Lang(fr)"),
        "document language"
    );
}

#[test]
fn the_default_pdf_is_pdf_a_2b_and_pdf_ua_1() {
    let pdf = seeds_run().join(format!("briefing-{DATE}.pdf"));
    let checker = root().join("scripts/pdfa-check");
    for flavour in ["2b", "ua1"] {
        let out = tool(checker.to_str().unwrap(), &[flavour, pdf.to_str().unwrap()]);
        let report = String::from_utf8_lossy(&out.stdout);
        if out.status.code() == Some(2) {
            let why = String::from_utf8_lossy(&out.stderr);
            skip(
                "the_default_pdf_is_pdf_a_2b_and_pdf_ua_1",
                &format!(
                    "the veraPDF validator, which scripts/pdfa-check could not set up: {}",
                    why.trim()
                ),
            );
            return;
        }
        assert!(
            out.status.success() && report.contains("compliant=true"),
            "{flavour}: {report}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn french_punctuation_never_starts_a_line() {
    let pdf = seeds_run().join(format!("briefing-{DATE}.pdf"));
    let out = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        let trimmed = line.trim();
        assert!(
            !trimmed.starts_with([':', ';', '!', '?', '»']),
            "line starts with punctuation: {line:?}"
        );
        assert!(
            !trimmed.ends_with('«'),
            "line ends with an opening guillemet: {line:?}"
        );
    }
    // The briefing's date and every meeting's date, in French long form.
    let text = flat(&text);
    assert!(text.contains("21 novembre 2026"), "French long dates");
    let b = seeds_json();
    let meeting_days: Vec<String> = b["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["date"].as_str())
        .map(|d| brief::dates::parse_iso_partial(d).unwrap().french_long())
        .collect();
    assert!(!meeting_days.is_empty(), "dated meetings in the seeds");
    for day in &meeting_days {
        assert!(text.contains(day.as_str()), "{day} in the PDF");
    }
}

/// A fact whose subject is a pronoun is printed with who it stands for, in brackets, while the
/// JSON keeps the source's words and gives the insertion apart.
#[test]
fn a_pronoun_fact_shows_its_antecedent_in_the_pdf() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(
        corpus.path().join("visite.txt"),
        "14-11-2026 08:00 - Visite à Lomé\n\nLe ministre ghanéen des Affaires étrangères Kofi Mensah s'est rendu mardi à Lomé.\nIl a annoncé que le Ghana financerait une nouvelle route vers le Togo.\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    generate_ok(corpus.path(), out.path(), &["--since", "2026-11"]);
    let b = json(&out.path().join(format!("briefing-{DATE}.json")));
    let fact = b["countries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["facts"].as_array().unwrap())
        .find(|f| f["text"].as_str().unwrap().contains("route"))
        .expect("the pronoun's fact is in a section");
    assert!(fact["text"].as_str().unwrap().starts_with("Il a annoncé"));
    assert_eq!(fact["antecedent"]["name"], "Kofi Mensah");
    assert_eq!(fact["antecedent"]["at"], 2);
    let text = flat(&pdf_text(
        &out.path().join(format!("briefing-{DATE}.pdf")),
        None,
    ));
    assert!(
        text.contains("Il [Kofi Mensah] a annoncé"),
        "the PDF shows the antecedent: {text}"
    );
}
