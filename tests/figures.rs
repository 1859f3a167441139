//! The briefing's figures as a reader sees them in the PDF: the locator map with its legend and
//! meeting places, and the timeline's frieze with its labels and the briefing's date.

mod common;
use common::*;
use std::path::Path;

/// The document's words in `lang`, from the labels file.
fn labels(lang: &str) -> toml::Table {
    let text = std::fs::read_to_string(root().join("src/data/labels.toml")).unwrap();
    let table: toml::Table = text.parse().unwrap();
    table[lang].as_table().unwrap().clone()
}

fn word<'a>(labels: &'a toml::Table, key: &str) -> &'a str {
    labels[key].as_str().unwrap()
}

/// The seeds' briefing in `lang`, with the markup and `map.json` beside it.
fn seeds_briefing(out: &Path, lang: &str) -> (String, serde_json::Value, serde_json::Value) {
    generate_ok(
        &root().join("seeds"),
        out,
        &["--since", "2024-12", "--lang", lang, "--emit", "typ"],
    );
    let text = pdf_text(&out.join(format!("briefing-{DATE}.pdf")), None);
    let briefing = json(&out.join(format!("briefing-{DATE}.json")));
    let map = json(&out.join("map.json"));
    (text, briefing, map)
}

/// A figure's own text: on the page (pdftotext separates pages with form feeds) that holds its
/// caption, what comes between the section's heading and the caption.
fn figure_text(text: &str, heading: &str, caption: &str) -> String {
    let page = text
        .split('\u{c}')
        .map(flat)
        .find(|page| page.contains(caption))
        .unwrap_or_else(|| panic!("no page holds {caption:?}"));
    let before = &page[..page.find(caption).unwrap()];
    before
        .rfind(heading)
        .map_or(before, |at| &before[at..])
        .to_string()
}

/// The opening words of a caption, enough to find its page.
fn caption_start(caption: &str) -> String {
    caption
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_map_names_the_meeting_places_and_explains_its_shading() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["fr", "en"] {
        let out = dir.path().join(lang);
        let (text, briefing, map) = seeds_briefing(&out, lang);
        let labels = labels(lang);
        let page = figure_text(
            &text,
            word(&labels, "countries"),
            &caption_start(word(&labels, "map_caption")),
        );
        assert!(page.contains(word(&labels, "map_legend")), "{lang}: {page}");
        assert!(
            page.contains(word(&labels, "map_meeting")),
            "{lang}: {page}"
        );
        // The legend's classes run from the fewest facts a country has to the most.
        let facts: Vec<u64> = briefing["countries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["facts"].as_array().unwrap().len() as u64)
            .filter(|&n| n > 0)
            .collect();
        let classes = map["legend"]["classes"].as_array().unwrap();
        assert_eq!(classes[0]["low"], facts.iter().min().copied().unwrap());
        assert_eq!(
            classes.last().unwrap()["high"],
            facts.iter().max().copied().unwrap()
        );
        // At least two meeting places are marked and named on the map page.
        let places: Vec<&str> = map["labels"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["kind"] == "place")
            .map(|l| l["name"].as_str().unwrap())
            .collect();
        assert!(places.len() >= 2, "{lang}: {places:?}");
        for place in &places {
            assert!(page.contains(place), "{lang}: {place} on the map page");
        }
        if lang == "fr" {
            let written: Vec<&str> = briefing["meetings"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|m| m["place"].as_str())
                .collect();
            let of_meetings = places.iter().filter(|p| written.contains(p)).count();
            assert!(of_meetings >= 2, "{places:?} among {written:?}");
        }
    }
}

#[test]
fn the_frieze_labels_its_events_and_marks_the_briefing_date() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["fr", "en"] {
        let out = dir.path().join(lang);
        let (text, briefing, _) = seeds_briefing(&out, lang);
        let labels = labels(lang);
        let page = figure_text(
            &text,
            word(&labels, "timeline"),
            &caption_start(word(&labels, "timeline_caption")),
        );
        assert!(
            page.contains(word(&labels, "timeline_today")),
            "{lang}: {page}"
        );
        // Every event has a short title of 40 characters at most; each meeting's event is
        // labelled on the frieze by the meeting's title.
        let meetings = briefing["meetings"].as_array().unwrap();
        let mut labelled = 0;
        for entry in briefing["timeline"].as_array().unwrap() {
            let short = entry["short"].as_str().unwrap();
            assert!(short.chars().count() <= 41, "{short}");
            let Some(id) = entry["meeting"].as_str() else {
                continue;
            };
            let meeting = meetings.iter().find(|m| m["id"] == id).unwrap();
            if lang == "fr" {
                let title = meeting["title"].as_str().unwrap();
                assert!(page.contains(title), "{title} on the frieze: {page}");
            }
            labelled += 1;
        }
        assert!(
            labelled >= 2,
            "{lang}: {labelled} events labelled by a meeting"
        );
    }
}

/// The frieze's events as the markup lists them: (day, label).
fn frieze_events(markup: &str) -> Vec<(String, String)> {
    markup
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("(day: parse(\"")?;
            let (day, rest) = rest.split_once('"')?;
            let label = rest.split_once("label: \"")?.1.split_once("\", rank:")?.0;
            Some((day.to_string(), label.replace("\\\"", "\"")))
        })
        .collect()
}

#[test]
fn the_frieze_of_a_story_labels_each_event_once_with_a_short_title() {
    let test = "the_frieze_of_a_story_labels_each_event_once_with_a_short_title";
    let Some(stories) = dev_stories(test) else {
        return;
    };
    for story in &stories {
        frieze_of_a_story(story);
    }
}

/// One story's frieze: short titles, each event once.
fn frieze_of_a_story(story: &DevStory) {
    let dir = tempfile::tempdir().unwrap();
    let date = story.value("--date").unwrap();
    let mut args = vec!["generate"];
    args.extend(story.args.iter().map(String::as_str));
    args.extend([
        "--out",
        dir.path().to_str().unwrap(),
        "--no-state",
        "--emit",
        "typ",
    ]);
    let output = brief(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let markup = std::fs::read_to_string(dir.path().join(format!("briefing-{date}.typ"))).unwrap();
    let briefing = json(&dir.path().join(format!("briefing-{date}.json")));
    let events = frieze_events(&markup);
    assert!(events.len() > 10, "{events:?}");
    let texts: Vec<&str> = briefing["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    let mut seen = std::collections::HashSet::new();
    for (day, label) in &events {
        // A short title, not the start of a sentence cut off.
        assert!(!label.ends_with('…'), "{label}");
        assert!(label.chars().count() <= 40, "{label}");
        if label.split(' ').count() >= 4 {
            assert!(
                !texts.iter().any(|t| t.contains(label.as_str())),
                "{label} is a piece of a sentence"
            );
        }
        // No event twice.
        assert!(
            label.is_empty() || seen.insert((day, label)),
            "{day} {label} twice"
        );
    }
    assert!(events.iter().filter(|(_, l)| !l.is_empty()).count() * 2 > events.len());
    // The timeline lists a meeting once, and a sentence once a day.
    let mut meetings = std::collections::HashSet::new();
    let mut sentences = std::collections::HashSet::new();
    for entry in briefing["timeline"].as_array().unwrap() {
        if let Some(id) = entry["meeting"].as_str() {
            assert!(meetings.insert(id), "meeting {id} twice");
        }
        assert!(sentences.insert((entry["date"].to_string(), entry["text"].to_string())));
    }
}

#[test]
fn an_unknown_point_of_view_is_refused_with_the_ones_the_data_has() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("brief.toml");
    std::fs::write(&config, "[map]\npoint_of_view = \"XYZ\"\n").unwrap();
    let (seeds, out) = (root().join("seeds"), dir.path().join("out"));
    let extra = [
        "--since",
        "2024-12",
        "--no-state",
        "--config",
        config.to_str().unwrap(),
    ];
    let output = generate(&seeds, &out, &extra);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("point_of_view")
            && message.contains("FRA")
            && message.contains("de_facto"),
        "{message}"
    );
    assert!(!out.join(format!("briefing-{DATE}.pdf")).exists());
    // A known one is taken: Russia's view, named in the caption.
    std::fs::write(&config, "[map]\npoint_of_view = \"RUS\"\n").unwrap();
    let output = generate(&seeds, &out, &extra);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = flat(&pdf_text(&out.join(format!("briefing-{DATE}.pdf")), None));
    assert!(text.contains("point de vue de : Russie"), "{text}");
}
