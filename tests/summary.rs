//! The summariser, through `brief generate`: meetings, people, countries and blocs, quotes and
//! the timeline, on an invented story (`tests/fixtures/corpus/`: East African ministers in
//! Lisbon, in the scraped format of the seeds) and on a second story taken from OrangeSum. The
//! assertions name people, places, dates and counts; no article sentence is copied here.

mod common;

use brief::gazetteer::Gazetteer;
use common::*;
use serde_json::Value;
use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::OnceLock;

fn run(corpus: &Path, date: &str, extra: &[&str]) -> (Value, String, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec![
        "generate",
        "--corpus",
        corpus.to_str().unwrap(),
        "--date",
        date,
        "--out",
        out.path().to_str().unwrap(),
        "--emit",
        "typ",
    ];
    args.extend_from_slice(extra);
    let output = brief(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let b = json(&out.path().join(format!("briefing-{date}.json")));
    let pdf = pdf_text(&out.path().join(format!("briefing-{date}.pdf")), None);
    (b, flat(&pdf), out)
}

/// The invented story: five articles, three undated, one dated by month, one by day.
const STORY: &str = "tests/fixtures/corpus";

fn story() -> &'static (Value, String, tempfile::TempDir) {
    static RUN: OnceLock<(Value, String, tempfile::TempDir)> = OnceLock::new();
    RUN.get_or_init(|| run(Path::new(STORY), DATE, &["--since", "2025-02"]))
}

fn source_id(b: &Value, file_stem: &str) -> String {
    b["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["file"].as_str().unwrap().contains(file_stem))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn participant<'a>(m: &'a Value, name: &str) -> &'a Value {
    m["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} among {}", m["participants"]))
}

#[test]
fn the_foreign_ministers_meeting_in_lisbon_is_one_meeting_with_all_its_sources() {
    let (b, pdf, _) = story();
    let meetings: Vec<&Value> = b["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["date"] == "2025-06-12")
        .collect();
    assert_eq!(meetings.len(), 1, "one meeting on 12 June 2025");
    let m = meetings[0];
    assert_eq!(
        (
            m["place"].as_str(),
            m["status"].as_str(),
            m["date_precision"].as_str()
        ),
        (Some("Lisbonne"), Some("held"), Some("day"))
    );
    let mut expected: Vec<String> = [
        "foreign-ministers-brief",
        "foreign-ministers-visit",
        "foreign-ministers-wire",
    ]
    .iter()
    .map(|f| source_id(b, f))
    .collect();
    expected.sort();
    let mut sources = strings(&m["sources"]);
    sources.sort();
    assert_eq!(sources, expected, "every article that reports it");
    let host = participant(m, "Marta Figueira");
    assert_eq!(host["country_iso3"], "PRT");
    assert!(host["role"]
        .as_str()
        .unwrap()
        .contains("Affaires étrangères"));
    let countries: Vec<&str> = m["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["country_iso3"].as_str())
        .collect();
    for iso in ["KEN", "TZA", "UGA", "PRT"] {
        assert!(
            countries.contains(&iso),
            "a participant from {iso}: {countries:?}"
        );
    }
    assert!(m["participants"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["role"].as_str().is_some_and(|r| r.contains("ministre"))));
    assert!(
        pdf.contains("Réunion à Lisbonne — 12 juin 2025"),
        "titled by the articles' own noun"
    );
}

#[test]
fn the_defence_ministers_meetings_at_the_academy_anniversary() {
    let (b, _, _) = story();
    let defence = source_id(b, "defence-ministers");
    let m = b["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| strings(&m["sources"]).contains(&defence))
        .expect("a meeting from the defence article");
    assert_eq!(
        strings(&m["sources"]),
        [defence],
        "not merged into the other meeting"
    );
    assert_eq!(m["place"], "Lisbonne");
    let host = participant(m, "Helena Cardoso");
    assert_eq!(host["country_iso3"], "PRT");
    assert!(host["role"].as_str().unwrap().contains("Défense"));
    for iso in ["KEN", "TZA", "UGA"] {
        let counterpart = m["participants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["country_iso3"] == iso)
            .unwrap_or_else(|| panic!("{iso} counterpart"));
        assert!(
            counterpart["role"].as_str().unwrap().contains("Défense"),
            "{counterpart}"
        );
    }
    let texts: String = m["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains("anniversaire"),
        "the occasion is in its facts"
    );
}

#[test]
fn the_nairobi_conference_of_20_february_2025() {
    let (b, _, _) = story();
    let m = b["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["place"] == "Nairobi")
        .expect("Nairobi meeting");
    assert_eq!(
        (m["date"].as_str(), m["status"].as_str()),
        (Some("2025-02-20"), Some("held"))
    );
    assert_eq!(strings(&m["sources"]), [source_id(b, "ambassador")]);
    // The window: --since 2025-03 drops it, as it drops the timeline entry of that day.
    let (later, _, _) = run(Path::new(STORY), DATE, &["--since", "2025-03"]);
    assert!(!later["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["place"] == "Nairobi"));
    assert!(!later["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["date"] == "2025-02-20"));
    assert!(
        later["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["place"] == "Lisbonne"),
        "the June meeting stays"
    );
}

/// Whether a fact names the country (by its name, adjective or capital), one of its towns named
/// as a place ("à Biarritz" is in France), or one of its people as the briefing lists them (full
/// name, or a surname of four letters or more).
fn names(b: &Value, text: &str, iso3: &str) -> bool {
    let g = Gazetteer::shipped();
    let cities = g.cities();
    let person = b["people"].as_array().unwrap().iter().any(|p| {
        let name = p["name"].as_str().unwrap();
        let surname = name.rsplit(' ').next().unwrap_or(name);
        p["country_iso3"] == iso3
            && (text.contains(name) || (surname.chars().count() >= 4 && text.contains(surname)))
    });
    person
        || g.find(text)
            .iter()
            .any(|m| g.countries[m.country].iso3 == iso3)
        || g.places_in(text, 0..text.len())
            .iter()
            .any(|m| g.countries[cities.city(m.city).country].iso3 == iso3)
}

#[test]
fn country_and_bloc_sections_hold_their_own_facts() {
    let (b, _, _) = story();
    for (name, iso) in [
        ("Kenya", "KEN"),
        ("Tanzanie", "TZA"),
        ("Ouganda", "UGA"),
        ("Portugal", "PRT"),
    ] {
        let c = b["countries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name} section"));
        let facts = c["facts"].as_array().unwrap();
        assert!(!facts.is_empty(), "{name} has facts");
        for f in facts {
            assert!(
                names(b, f["text"].as_str().unwrap(), iso),
                "{name} fact does not name it: {}",
                f["text"]
            );
            assert!(
                !f["sources"].as_array().unwrap().is_empty()
                    && !f["spans"].as_array().unwrap().is_empty()
            );
        }
    }
    let members = ["BDI", "COD", "KEN", "RWA", "SOM", "SSD", "TZA", "UGA"];
    let cae = b["blocs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["short"] == "CAE")
        .expect("CAE section");
    assert_eq!(strings(&cae["members"]), members);
    let facts = cae["facts"].as_array().unwrap();
    assert!(facts.len() >= 3);
    for f in facts {
        let text = f["text"].as_str().unwrap();
        let all_members = members.iter().all(|iso| names(b, text, iso));
        assert!(
            text.contains("CAE")
                || text
                    .replace('’', "'")
                    .contains("Communauté d'Afrique de l'Est")
                || all_members,
            "{text}"
        );
    }
    // A fact about the bloc as a whole is not copied into each member's section.
    let member_facts: Vec<String> = b["countries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| members.contains(&c["iso3"].as_str().unwrap()))
        .flat_map(|c| {
            c["facts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["text"].as_str().unwrap().to_string())
        })
        .collect();
    for f in facts {
        assert!(!member_facts.contains(&f["text"].as_str().unwrap().to_string()));
    }
}

#[test]
fn quotes_carry_their_speakers_and_the_timeline_is_in_order() {
    let (b, pdf, _) = story();
    let quotes = b["quotes"].as_array().unwrap();
    assert!(quotes.len() >= 5);
    assert!(quotes
        .iter()
        .all(|q| q["speaker"].is_string() && !q["sources"].as_array().unwrap().is_empty()));
    let speakers: Vec<&str> = quotes
        .iter()
        .map(|q| q["speaker"].as_str().unwrap())
        .collect();
    for who in ["Helena Cardoso", "Tomás Ribeiro", "Marta Figueira"] {
        assert!(speakers.contains(&who), "{who} quoted: {speakers:?}");
    }
    let timeline = b["timeline"].as_array().unwrap();
    let dates: Vec<&str> = timeline
        .iter()
        .map(|t| t["date"].as_str().unwrap())
        .collect();
    assert!(
        dates.contains(&"2025-02-20") && dates.contains(&"2025-06-12"),
        "{dates:?}"
    );
    assert!(
        dates.windows(2).all(|w| w[0][..7] <= w[1][..7]),
        "in date order: {dates:?}"
    );
    for section in [
        "Réunions et rencontres",
        "Blocs et organisations",
        "Citations",
        "Chronologie",
        "Points de vigilance",
    ] {
        assert!(pdf.contains(section), "{section} in the PDF");
    }
}

#[test]
fn no_boilerplate_byline_heading_or_title_is_a_fact() {
    let (b, _, _) = story();
    let inspect = brief(&["inspect", "--json", STORY]);
    let articles: Vec<Value> = serde_json::from_slice(&inspect.stdout).unwrap();
    let mut forbidden: Vec<String> = Vec::new();
    for a in &articles {
        forbidden.extend(a["title"].as_str().map(str::to_string));
        forbidden.extend(a["author"].as_str().map(str::to_string));
        forbidden.extend(strings(&a["removed"]));
        forbidden.extend(
            a["headings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["text"].as_str().unwrap().to_string()),
        );
    }
    assert!(forbidden.len() >= 8);
    let mut facts: Vec<String> = b["key_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap().to_string())
        .collect();
    for section in ["countries", "blocs", "meetings"] {
        for s in b[section].as_array().unwrap() {
            facts.extend(
                s["facts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["text"].as_str().unwrap().to_string()),
            );
        }
    }
    for fact in &facts {
        for bad in &forbidden {
            assert!(
                !fact.contains(bad.as_str()),
                "{bad:?} appears in the fact {fact:?}"
            );
        }
    }
}

/// The second story: the articles listed in the fixture, taken from the OrangeSum corpus.
fn orangesum_story(corpus: &std::path::Path) -> tempfile::NamedTempFile {
    let list =
        std::fs::read_to_string(root().join("tests/fixtures/orangesum/g7-biarritz-2019.txt"))
            .unwrap();
    let ids: Vec<String> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| format!("\"id\": \"{}\"", l.trim()))
        .collect();
    let corpus = std::fs::File::open(corpus).unwrap();
    let reader = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(corpus));
    let mut out = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .unwrap();
    let mut found = 0;
    for line in reader.lines() {
        let line = line.unwrap();
        if ids.iter().any(|id| line.contains(id.as_str())) {
            writeln!(out, "{line}").unwrap();
            found += 1;
        }
    }
    assert_eq!(found, ids.len(), "every fixture article is in the corpus");
    out
}

#[test]
fn another_story_from_orangesum_the_g7_in_biarritz() {
    let Some(corpus) = shared(
        "another_story_from_orangesum_the_g7_in_biarritz",
        "corpora/orangesum/articles.jsonl.gz",
    ) else {
        return;
    };
    let story = orangesum_story(&corpus);
    let (b, pdf, _) = run(story.path(), "2019-08-27", &["--since", "2019-08-15"]);
    let meetings = b["meetings"].as_array().unwrap();
    let summit = meetings
        .iter()
        .find(|m| m["place"] == "Biarritz" && m["date"] == "2019-08-24")
        .expect("the summit in Biarritz");
    assert!(
        summit["sources"].as_array().unwrap().len() >= 3,
        "reported by several articles"
    );
    // Its participants are those the articles make its arguments (none of the articles says
    // who sat at the summit's table), never every leader a sentence about it names.
    let listed: Vec<&str> = summit["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        !listed.contains(&"Jair Bolsonaro"),
        "a leader the summit spoke of is no participant: {listed:?}"
    );
    let bregancon = meetings
        .iter()
        .find(|m| m["place"] == "Brégançon")
        .expect("the Brégançon meeting");
    assert_eq!(bregancon["date"], "2019-08-19");
    assert_eq!(
        participant(bregancon, "Vladimir Poutine")["country_iso3"],
        "RUS"
    );
    assert_eq!(
        participant(bregancon, "Emmanuel Macron")["country_iso3"],
        "FRA"
    );
    for (name, iso) in [
        ("France", "FRA"),
        ("États-Unis", "USA"),
        ("Russie", "RUS"),
        ("Iran", "IRN"),
    ] {
        let c = b["countries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert!(c["facts"].as_array().unwrap().iter().all(|f| names(
            &b,
            f["text"].as_str().unwrap(),
            iso
        )));
    }
    assert!(b["blocs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["short"] == "G7"));
    assert!(b["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|q| q["speaker"] == "Donald Trump"));
    assert!(b["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["date"] == "2019-08-19"));
    assert!(pdf.contains("Sommet du G7 à Biarritz — 24 août 2019"));
}

#[test]
fn undated_articles_can_be_left_out() {
    let (b, _, _) = run(
        Path::new(STORY),
        DATE,
        &["--since", "2025-02", "--undated", "exclude"],
    );
    let sources = b["sources"].as_array().unwrap();
    assert!(!sources.is_empty());
    assert!(
        sources.iter().all(|s| s["published"].is_string()),
        "only dated sources"
    );
    assert!(!b["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("undated")));
    let (kept, _, _) = story();
    assert!(
        kept["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["published_from"] == "first seen"),
        "kept by default, dated by the day the state first saw them"
    );
    assert!(kept["vigilance"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["kind"] == "undated"));
}
