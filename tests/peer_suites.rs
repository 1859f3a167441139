//! Peer test suites, run as tests: the French date suites of Microsoft Recognizers-Text and the
//! French sentence-segmentation golden cases of sentencex (plus our own news cases). Pass rates
//! are printed per file and per kind of case:
//!
//!     cargo test --test peer_suites -- --nocapture

use brief::dates::grammar::{self, DateMention};
use brief::dates::{parse_iso_partial, PartialDate};
use brief::extract::sentences::split_sentences;
use brief::text::fold;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

mod common;

/// Reference date for the extractor suites, which give none.
const EXTRACTOR_REFERENCE: &str = "2016-11-07";

const MONTH_WORDS: &[&str] = &[
    "janvier",
    "janv",
    "jan",
    "fevrier",
    "fevr",
    "fev",
    "mars",
    "avril",
    "avr",
    "mai",
    "juin",
    "juillet",
    "juil",
    "jul",
    "aout",
    "septembre",
    "sept",
    "sep",
    "octobre",
    "oct",
    "novembre",
    "nov",
    "decembre",
    "dec",
];

/// "month name", "numeric date" or "other", from the expected texts of a case.
fn kind(expected: &[String]) -> &'static str {
    let joined = fold(&expected.join(" "));
    let words: Vec<&str> = joined.split(|c: char| !c.is_alphanumeric()).collect();
    if words.iter().any(|w| MONTH_WORDS.contains(w)) {
        "month name"
    } else if joined.as_bytes().windows(3).any(|w| {
        w[0].is_ascii_digit() && matches!(w[1], b'/' | b'-' | b'.') && w[2].is_ascii_digit()
    }) {
        "numeric date"
    } else {
        "other"
    }
}

#[derive(Default)]
struct Tally {
    by_kind: BTreeMap<&'static str, (usize, usize)>,
}

impl Tally {
    fn add(&mut self, kind: &'static str, passed: bool) {
        let e = self.by_kind.entry(kind).or_default();
        e.0 += passed as usize;
        e.1 += 1;
    }

    fn scored(&self) -> (usize, usize) {
        self.by_kind
            .iter()
            .filter(|(k, _)| **k != "other")
            .fold((0, 0), |acc, (_, (p, t))| (acc.0 + p, acc.1 + t))
    }
}

fn find(input: &str, reference: PartialDate) -> Vec<DateMention> {
    std::panic::catch_unwind(|| grammar::find(input, Some(reference)))
        .unwrap_or_else(|_| panic!("panic on {input:?}"))
}

/// Whether our mentions match the expected results: the same texts, and (for parser suites with
/// a reference date) the same days, accepting either the past or the future reading the suite
/// gives. Day/month order is French (04/02 is 4 February), as in the news we read.
fn case_passes(case: &Value, reference: PartialDate, check_values: bool) -> bool {
    let input = case["Input"].as_str().unwrap();
    let ours = find(input, reference);
    let mut our_texts: Vec<String> = ours.iter().map(|m| loose(&input[m.start..m.end])).collect();
    let mut expected: Vec<String> = case["Results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| loose(r["Text"].as_str().unwrap()))
        .collect();
    our_texts.sort();
    expected.sort();
    if our_texts != expected {
        return false;
    }
    if !check_values {
        return true;
    }
    case["Results"].as_array().unwrap().iter().all(|r| {
        let text = loose(r["Text"].as_str().unwrap());
        let Some(m) = ours.iter().find(|m| loose(&input[m.start..m.end]) == text) else {
            return false;
        };
        ["FutureResolution", "PastResolution"].iter().any(|which| {
            let res = &r["Value"][which];
            if let Some(day) = res["date"].as_str() {
                m.from.to_string() == day && m.to == m.from
            } else if let (Some(start), Some(end)) =
                (res["startDate"].as_str(), res["endDate"].as_str())
            {
                // The suite's end is exclusive.
                m.from.to_string() == start
                    && (m.to.succ_opt().unwrap().to_string() == end || m.to.to_string() == end)
            } else {
                false
            }
        })
    })
}

/// A span's text without what the suite itself writes both ways (it expects "le mois de juin" in
/// one case and "mois de janvier" in the next, "juin." with the sentence's full stop here and
/// "1 Janv" without the abbreviation's there): a leading article, a trailing full stop or comma.
fn loose(text: &str) -> String {
    let t = text.trim().trim_end_matches(['.', ',']).trim();
    let lower = t.to_lowercase();
    let t = if lower.starts_with("le ") || lower.starts_with("la ") {
        &t[3..]
    } else if lower.starts_with("l'") || lower.starts_with("l’") {
        &t[t.char_indices().nth(2).map_or(t.len(), |(i, _)| i)..]
    } else {
        t
    };
    t.to_string()
}

#[test]
fn recognizers_french_date_suites() {
    let Some(suites) = common::shared("recognizers_french_date_suites", "peer/recognizers-fr")
    else {
        return;
    };
    let mut overall = (0, 0);
    let mut failures = Vec::new();
    for (file, check_values) in [
        ("DateExtractor", false),
        ("DatePeriodExtractor", false),
        ("DateParser", true),
        ("DatePeriodParser", true),
    ] {
        let path = suites.join(format!("{file}.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let cases: Vec<Value> = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        let mut tally = Tally::default();
        for case in &cases {
            let reference = case["Context"]["ReferenceDateTime"]
                .as_str()
                .and_then(|r| parse_iso_partial(&r[..10]))
                .unwrap_or_else(|| parse_iso_partial(EXTRACTOR_REFERENCE).unwrap());
            let expected: Vec<String> = case["Results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["Text"].as_str().unwrap().to_string())
                .collect();
            let kind = kind(&expected);
            // Cases without a reference date were written against the day their author ran
            // them: only their extracted text can be checked.
            let has_reference = case["Context"]["ReferenceDateTime"].is_string();
            let passed = case_passes(case, reference, check_values && has_reference);
            if !passed && kind != "other" {
                failures.push(format!("{file}: {}  expected {expected:?}", case["Input"]));
            }
            tally.add(kind, passed);
        }
        let (p, t) = tally.scored();
        overall = (overall.0 + p, overall.1 + t);
        println!("{file}: {} cases", cases.len());
        for (kind, (p, t)) in &tally.by_kind {
            println!(
                "  {kind:<13} {p:>4}/{t:<4} {:5.1} %",
                100.0 * *p as f64 / *t as f64
            );
        }
    }
    let rate = 100.0 * overall.0 as f64 / overall.1 as f64;
    println!(
        "month-name and numeric cases, all files: {}/{} = {rate:.1} %",
        overall.0, overall.1
    );
    for f in failures.iter().take(200) {
        println!("  fail: {f}");
    }
    assert!(
        rate >= 90.0,
        "pass rate {rate:.1} % on month-name and numeric cases, below 90 %"
    );
}

/// sentencex's golden cases (`---` between input and expected sentences, `===` after each), then ours.
fn golden_cases(text: &str) -> Vec<(String, Vec<String>)> {
    text.split("\n===")
        .filter_map(|case| {
            let (input, expected) = case.split_once("\n---\n")?;
            let input = input.trim().to_string();
            let expected: Vec<String> = expected
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
            (!input.is_empty()).then_some((input, expected))
        })
        .collect()
}

fn sentences(text: &str) -> Vec<String> {
    text.split('\n')
        .flat_map(|line| {
            split_sentences(line)
                .into_iter()
                .map(move |r| line[r].to_string())
        })
        .collect()
}

/// Runs golden segmentation cases; prints the failures and the pass rate.
fn golden_file(name: &str, path: &std::path::Path) -> (usize, usize) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases = golden_cases(&text);
    let mut passed = 0;
    for (input, expected) in &cases {
        let got = sentences(input);
        if &got == expected {
            passed += 1;
        } else {
            println!("  {name} fail: {input:?}\n    expected {expected:?}\n    got      {got:?}");
        }
    }
    println!("{name}: {passed}/{} cases pass", cases.len());
    (passed, cases.len())
}

#[test]
fn sentence_segmentation_golden_cases() {
    let Some(path) = common::shared(
        "sentence_segmentation_golden_cases",
        "peer/sentencex-fr/fr.txt",
    ) else {
        return;
    };
    let (passed, all) = golden_file("sentencex-fr", &path);
    assert_eq!(
        passed, all,
        "every golden segmentation case of sentencex passes"
    );
}

#[test]
fn sentence_segmentation_news_cases() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sentences/fr-news.txt");
    let (passed, all) = golden_file("brief news cases", &path);
    assert!(all >= 40, "at least 40 news cases of our own");
    assert_eq!(passed, all, "every news segmentation case passes");
}
