//! `briefing-DATE.json` keeps its written contract: the JSON Schema of `brief/1` in the book
//! (`docs/src/reference/brief-1.schema.json`, draft 2020-12) accepts the briefings brief writes,
//! in both languages, with and without a state, and rejects one that breaks it. The schema is
//! closed (`additionalProperties: false`), so a field added to the model without being described
//! there fails here.

mod common;

use common::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

const SCHEMA: &str = "docs/src/reference/brief-1.schema.json";

/// The schema, compiled: compiling checks it against draft 2020-12's meta-schema.
fn contract() -> (boon::Schemas, boon::SchemaIndex) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V2020_12);
    let location = "urn:brief:brief-1.schema.json";
    compiler
        .add_resource(location, json_schema())
        .unwrap_or_else(|e| panic!("{SCHEMA}: {e:#}"));
    let index = compiler
        .compile(location, &mut schemas)
        .unwrap_or_else(|e| panic!("{SCHEMA} is not a valid draft 2020-12 schema: {e:#}"));
    (schemas, index)
}

fn json_schema() -> Value {
    json(&root().join(SCHEMA))
}

/// Where and why a briefing breaks the contract; `None` when it keeps it.
fn violations(briefing: &Value) -> Option<String> {
    let (schemas, index) = contract();
    schemas
        .validate(briefing, index)
        .err()
        .map(|error| format!("{error}"))
}

fn assert_keeps_the_contract(briefing: &Value, which: &str) {
    if let Some(why) = violations(briefing) {
        panic!("{which} does not match {SCHEMA}:\n{why}");
    }
}

/// The seeds' briefing in `lang`, with a state (which adds `changes`, `new`, `first_briefing`).
fn seeds_briefing(lang: &str) -> Value {
    let out = tempfile::tempdir().unwrap();
    generate_ok(Path::new("seeds"), out.path(), &["--lang", lang]);
    json(&out.path().join(format!("briefing-{DATE}.json")))
}

/// The French seeds' briefing, made once for the tests of this file.
fn french_seeds_briefing() -> &'static Value {
    static BRIEFING: OnceLock<Value> = OnceLock::new();
    BRIEFING.get_or_init(|| seeds_briefing("fr"))
}

#[test]
fn the_seeds_briefing_matches_the_brief_1_schema() {
    let briefing = french_seeds_briefing();
    assert!(briefing["changes"].is_object(), "a run with a state");
    assert_keeps_the_contract(briefing, "the seeds' briefing");
}

#[test]
fn the_english_seeds_briefing_matches_the_brief_1_schema() {
    assert_keeps_the_contract(&seeds_briefing("en"), "the seeds' English briefing");
}

#[test]
fn briefings_without_a_state_match_the_brief_1_schema() {
    // The invented story, duplicates merged into one source, and every format (JSON Lines
    // lines among them).
    for (corpus, extra) in [
        ("tests/fixtures/corpus", &["--since", "2025-02"][..]),
        ("tests/fixtures/duplicates", &[][..]),
        ("tests/fixtures/formats", &[][..]),
    ] {
        let out = tempfile::tempdir().unwrap();
        generate_ok(
            Path::new(corpus),
            out.path(),
            &[extra, &["--no-state"]].concat(),
        );
        let briefing = json(&out.path().join(format!("briefing-{DATE}.json")));
        assert!(briefing.get("changes").is_none(), "a run without a state");
        assert_keeps_the_contract(&briefing, &format!("the briefing of {corpus}"));
    }
}

/// The seeds' briefing with one change, and the place the schema should name when it rejects
/// it.
fn broken_briefings() -> Vec<(&'static str, Value)> {
    let good = french_seeds_briefing();
    let changed = |pointer: &str, value: Value| {
        let mut briefing = good.clone();
        *briefing
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("the seeds' briefing has no {pointer}")) = value;
        briefing
    };
    let mut with_unknown_field = good.clone();
    with_unknown_field["summary"] = json!("a field the contract does not have");
    vec![
        ("/corpus/articles", changed("/corpus/articles", json!("5"))),
        (
            "/meetings/0/status",
            changed("/meetings/0/status", json!("rescheduled")),
        ),
        ("/sources/0/id", changed("/sources/0/id", json!(1))),
        (
            "/key_points/0/date_precision",
            changed("/key_points/0/date_precision", json!("week")),
        ),
        ("/period/since", changed("/period/since", json!("December"))),
        ("summary", with_unknown_field),
    ]
}

#[test]
fn a_briefing_that_breaks_the_contract_is_rejected_where_it_breaks() {
    assert_keeps_the_contract(french_seeds_briefing(), "the unchanged briefing");
    for (place, briefing) in broken_briefings() {
        let why = violations(&briefing)
            .unwrap_or_else(|| panic!("a briefing broken at {place} matches {SCHEMA}"));

        assert!(why.contains(place), "rejected at {place}, but says:\n{why}");
    }
}

/// The values a schema definition's `enum` allows.
fn allowed(schema: &Value, definition: &str) -> BTreeSet<String> {
    schema["$defs"][definition]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{SCHEMA}: $defs/{definition} has no enum"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_schema_allows_every_meeting_noun_and_event_kind_of_the_data_files() {
    let schema = json_schema();
    let labels: toml::Table = std::fs::read_to_string(root().join("src/data/labels.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let nouns: BTreeSet<String> = labels["fr"]
        .as_table()
        .unwrap()
        .keys()
        .filter_map(|key| key.strip_prefix("kind_"))
        .map(str::to_string)
        .collect();
    assert_eq!(allowed(&schema, "meetingNoun"), nouns, "meeting nouns");
    let events: BTreeSet<String> =
        std::fs::read_to_string(root().join("src/data/fr/event_words.tsv"))
            .unwrap()
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split('\t').nth(1))
            .map(str::to_string)
            .collect();
    assert_eq!(allowed(&schema, "eventKind"), events, "event kinds");
}
