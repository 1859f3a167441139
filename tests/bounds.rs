//! Reading within bounds: nothing outside the corpus folder is read, nothing can hang the run or
//! make it take memory or time out of proportion, and whatever is left out is named in a warning.
//! Each test runs the real binary with a deadline, so a hang fails the test instead of stalling it.

mod common;
#[path = "common/hostile.rs"]
mod hostile;

use common::*;
use std::io::Write;
use std::path::Path;

fn warned(output: &std::process::Output, line: &str) -> bool {
    stderr(output)
        .lines()
        .any(|l| l.starts_with("warning: ") && l.contains(line))
}

fn assert_ok(output: &std::process::Output) {
    assert!(output.status.success(), "{}", stderr(output));
}

/// A dated article naming a country, with a marker to look for in the outputs.
fn article(marker: &str) -> String {
    format!(
        "13-06-2025 10:00 - Accord au Canada\n\nLe Canada a signé l'accord numéro {marker} avec ses voisins lors d'une réunion à Ottawa.\n"
    )
}

#[cfg(unix)]
#[test]
fn links_out_of_the_corpus_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), article("4242")).unwrap();
    let corpus = seeds_copy();
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, corpus.path().join(name)).unwrap()
    };
    link(&outside.path().join("secret.txt"), "secret.txt");
    link(outside.path(), "elsewhere");
    link(Path::new("/etc"), "etc");
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(120, corpus.path(), out.path(), &[]);
    assert_ok(&output);
    for name in ["secret.txt", "elsewhere", "etc"] {
        assert!(
            warned(
                &output,
                &format!("{name}: skipped: a symbolic link that leads out of the corpus folder")
            ),
            "{name}: {}",
            stderr(&output)
        );
    }
    let json = std::fs::read_to_string(out.path().join(format!("briefing-{DATE}.json"))).unwrap();
    let pdf = pdf_text(&out.path().join(format!("briefing-{DATE}.pdf")), None);
    for text in [&json, &pdf] {
        assert!(
            !text.contains("4242") && !text.contains("root:"),
            "nothing from outside"
        );
    }
    assert_eq!(json_value(&json)["corpus"]["files"], 5);
}

fn json_value(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[cfg(unix)]
#[test]
fn endless_devices_are_skipped_at_once() {
    let corpus = seeds_copy();
    std::os::unix::fs::symlink("/dev/zero", corpus.path().join("zero.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(60, corpus.path(), out.path(), &[]);
    assert_ok(&output);
    assert!(warned(
        &output,
        "zero.txt: skipped: a symbolic link that leads out of the corpus folder"
    ));
    // Given as the corpus itself, the device is refused by type, not read.
    let output = generate_within(60, &corpus.path().join("zero.txt"), out.path(), &[]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        warned(&output, "zero.txt: skipped: not a regular file (a device)"),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn link_loops_are_detected_not_walked() {
    let corpus = seeds_copy();
    std::os::unix::fs::symlink(".", corpus.path().join("a")).unwrap();
    std::os::unix::fs::symlink(".", corpus.path().join("b")).unwrap();
    std::fs::create_dir(corpus.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", corpus.path().join("sub/up")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(60, corpus.path(), out.path(), &[]);
    assert_ok(&output);
    for name in ["a", "b", "sub/up"] {
        assert!(
            warned(
                &output,
                &format!(
                    "warning: {name}: skipped: a link loop (it leads back to the corpus folder)"
                )
            ),
            "{name}: {}",
            stderr(&output)
        );
    }
    let json = json(&out.path().join(format!("briefing-{DATE}.json")));
    assert_eq!(json["corpus"]["files"], 5, "each seed once");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_skipped_not_waited_for() {
    let corpus = seeds_copy();
    let fifo = corpus.path().join("x.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(60, corpus.path(), out.path(), &[]);
    assert_ok(&output);
    assert!(
        warned(&output, "x.txt: skipped: not a regular file (a FIFO)"),
        "{}",
        stderr(&output)
    );
}

/// As root, permissions do not stop reading: the run is then made as `nobody`.
#[cfg(unix)]
#[test]
fn an_unreadable_subfolder_is_one_warning_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = tempfile::tempdir().unwrap();
    let base = corpus.path();
    std::fs::create_dir_all(base.join("ok")).unwrap();
    std::fs::create_dir_all(base.join("locked")).unwrap();
    std::fs::write(base.join("ok/a.txt"), article("11")).unwrap();
    std::fs::write(base.join("locked/b.txt"), article("22")).unwrap();
    let out = tempfile::tempdir().unwrap();
    for (dir, mode) in [
        (base, 0o755),
        (&base.join("ok"), 0o755),
        (out.path(), 0o777),
    ] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(base.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let exe = env!("CARGO_BIN_EXE_brief");
    let run = [
        "generate",
        "--corpus",
        base.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--date",
        DATE,
    ];
    let mut command = if rustix::process::getuid().is_root() {
        if std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
        {
            skip(
                "an_unreadable_subfolder_is_one_warning_and_the_run_goes_on",
                "setpriv (util-linux), to run as a user that permissions apply to",
            );
            return;
        }
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", exe]);
        c
    } else {
        std::process::Command::new(exe)
    };
    let output = command.args(run).current_dir(root()).output().unwrap();
    std::fs::set_permissions(base.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_ok(&output);
    assert!(
        warned(
            &output,
            "locked: skipped: permission denied (check its permissions)"
        ),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("read 1 article(s)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn eight_megabytes_without_a_full_stop_finish_and_warn() {
    let corpus = tempfile::tempdir().unwrap();
    let text = hostile::without_a_full_stop(8_000_000);
    std::fs::write(corpus.path().join("long.txt"), &text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(600, corpus.path(), out.path(), &[]);
    assert_ok(&output);
    assert!(
        warned(&output, "long.txt: 1 passage(s) longer than 3000 bytes without a sentence end: cut into pieces, which are not used as facts"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn pieces_of_an_overlong_passage_are_never_facts() {
    let corpus = tempfile::tempdir().unwrap();
    // A list of 3,200 bytes without a sentence end, whose last piece reads like a sentence.
    let list = "Canada Mexique Chili Pérou ".repeat(120);
    let text = format!(
        "13-06-2025 10:00 - Liste\n\n{list}et le Canada a signé l'accord numéro 9090 à Ottawa.\n\nLe Canada a signé l'accord numéro 5151 avec ses voisins lors d'une réunion à Ottawa.\n"
    );
    std::fs::write(corpus.path().join("list.txt"), text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(120, corpus.path(), out.path(), &[]);
    assert_ok(&output);
    let json = std::fs::read_to_string(out.path().join(format!("briefing-{DATE}.json"))).unwrap();
    assert!(json.contains("numéro 5151"), "the real sentence is a fact");
    assert!(!json.contains("numéro 9090"), "the piece is not");
    assert!(warned(
        &output,
        "list.txt: 1 passage(s) longer than 3000 bytes"
    ));
}

#[test]
fn a_hundred_thousand_nested_elements_finish_and_warn() {
    let corpus = tempfile::tempdir().unwrap();
    let page = hostile::nested(100_000);
    let path = corpus.path().join("deep.html");
    std::fs::write(&path, page).unwrap();
    let output = brief_within(120, &["inspect", "--json", path.to_str().unwrap()], &[]);
    assert_ok(&output);
    let views: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let body = views[0]["body"].as_str().unwrap();
    assert!(body.contains("Le Niger a signé aussi."), "{body}");
    let warnings = views[0]["warnings"].to_string();
    assert!(
        warnings.contains("elements nested more than 256 deep"),
        "{warnings}"
    );
}

#[test]
fn every_field_of_a_record_counts_towards_the_article_limit() {
    let corpus = tempfile::tempdir().unwrap();
    let record = |title: &str, marker: &str| {
        serde_json::json!({
            "title": title,
            "text": format!("Le Canada a signé l'accord numéro {marker} avec ses voisins lors d'une réunion à Ottawa."),
            "date": "2025-06-13",
        })
        .to_string()
    };
    let lines = [
        record("Un titre", "1"),
        record(&"T".repeat(10_000_000), "2"),
        record(&"Long ".repeat(20_000), "3"),
    ];
    std::fs::write(corpus.path().join("records.jsonl"), lines.join("\n")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(120, corpus.path(), out.path(), &[]);
    assert_ok(&output);
    assert!(
        warned(&output, "records.jsonl:2: skipped: this record is 10000"),
        "{}",
        stderr(&output)
    );
    assert!(
        warned(
            &output,
            "records.jsonl:3: title ignored (field \"title\"): 100000 bytes, longer than any title"
        ),
        "{}",
        stderr(&output)
    );
    let json = json(&out.path().join(format!("briefing-{DATE}.json")));
    assert_eq!(json["corpus"]["articles"], 2);
}

fn gzip(path: &Path, bytes: &[u8]) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap();
}

#[test]
fn an_archive_beyond_the_corpus_limit_is_cut_with_a_warning_naming_the_line() {
    let corpus = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 1..=200 {
        lines.push_str(
            &serde_json::json!({
                "title": format!("Accord {i}"),
                "text": format!("Le Canada a signé l'accord numéro {i} avec le pays voisin numéro {i} lors d'une réunion."),
                "date": "2025-06-13",
            })
            .to_string(),
        );
        lines.push('\n');
    }
    // The first line that does not fit whole in 20,000 bytes.
    let mut consumed = 0;
    let crossing = 1 + lines
        .lines()
        .take_while(|l| {
            consumed += l.len() + 1;
            consumed <= 20000
        })
        .count();
    gzip(&corpus.path().join("archive.jsonl.gz"), lines.as_bytes());
    // Files after the cut are not read either: the budget is spent.
    std::fs::write(corpus.path().join("later.txt"), article("77")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(
        120,
        corpus.path(),
        out.path(),
        &["--max-corpus-bytes", "20000"],
    );
    assert_ok(&output);
    assert!(
        warned(&output, "later.txt: not read, nor the 0 file(s) after it: the corpus reached --max-corpus-bytes (20000 bytes)"),
        "{}",
        stderr(&output)
    );
    let warning = stderr(&output)
        .lines()
        .find(|l| l.contains("archive.jsonl.gz: stopped at line"))
        .unwrap_or_else(|| panic!("{}", stderr(&output)))
        .to_string();
    assert!(
        warning.ends_with(
            "after 20000 bytes: over --max-corpus-bytes; it and the rest of the file were not read"
        ),
        "{warning}"
    );
    let line: usize = warning
        .split("stopped at line ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert_eq!(line, crossing);
    let json = json(&out.path().join(format!("briefing-{DATE}.json")));
    assert_eq!(
        json["corpus"]["articles"],
        line - 1,
        "every line before the cut is read"
    );
}

#[test]
fn an_article_that_inflates_beyond_the_limit_is_skipped() {
    let corpus = seeds_copy();
    gzip(&corpus.path().join("bomb.txt.gz"), &vec![b'a'; 20_000_000]);
    gzip(
        &corpus.path().join("bomb.jsonl.gz"),
        &vec![b' '; 20_000_000],
    );
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(120, corpus.path(), out.path(), &[]);
    assert_ok(&output);
    assert!(
        warned(&output, "bomb.txt.gz: skipped: over the 8388608-byte limit for one article once inflated (--max-article-bytes)"),
        "{}",
        stderr(&output)
    );
    assert!(
        warned(
            &output,
            "bomb.jsonl.gz:1: skipped: this record is 20000000 bytes, over the 8388608-byte limit"
        ),
        "{}",
        stderr(&output)
    );
}

/// `n` articles of one event: the same sentence relayed by every one, each with words of its
/// own around it (so that none is a duplicate of another).
fn one_event(dir: &Path, n: usize) {
    let towns = [
        "Niamey",
        "Dosso",
        "Maradi",
        "Zinder",
        "Tahoua",
        "Agadez",
        "Tillabéri",
        "Diffa",
    ];
    let trades = [
        "éleveurs",
        "commerçants",
        "enseignants",
        "étudiants",
        "artisans",
        "chauffeurs",
    ];
    let mut lines = Vec::new();
    for i in 0..n {
        let town = towns[i % towns.len()];
        let trade = trades[(i / towns.len()) % trades.len()];
        lines.push(serde_json::json!({
            "title": format!("Réactions à {town}, dépêche {i}"),
            "date": "2026-11-20",
            "text": format!(
                "Le président du Niger a signé jeudi à Niamey un accord de défense avec la Russie, en présence du ministre russe de la Défense.\n\nÀ {town}, {k} {trade} interrogés par notre correspondant numéro {i} ont commenté la nouvelle pendant {m} minutes au marché central.\n\nLe correspondant {i} rapporte aussi que {trade} et élus de {town} attendent la visite du gouverneur depuis {d} jours.",
                k = 3 + i % 17,
                m = 5 + i % 41,
                d = 2 + i % 13,
            ),
        }).to_string());
    }
    std::fs::write(dir.join("event.jsonl"), lines.join("\n") + "\n").unwrap();
}

#[test]
fn two_thousand_articles_of_one_event_make_one_fact_with_every_source_and_a_bounded_pdf() {
    let corpus = tempfile::tempdir().unwrap();
    one_event(corpus.path(), 2000);
    let out = tempfile::tempdir().unwrap();
    let output = generate_within(
        300,
        corpus.path(),
        out.path(),
        &["--since", "2026-11", "--no-state"],
    );
    assert_ok(&output);
    let briefing = json(&out.path().join(format!("briefing-{DATE}.json")));
    let relayed: Vec<&serde_json::Value> = ["countries", "blocs"]
        .iter()
        .flat_map(|s| briefing[*s].as_array().unwrap())
        .flat_map(|section| section["facts"].as_array().unwrap())
        .filter(|f| f["text"].as_str().unwrap().contains("accord de défense"))
        .collect();
    assert!(!relayed.is_empty());
    // Articles nearly word for word the same are one source with its duplicates.
    let sources = briefing["sources"].as_array().unwrap();
    let articles: usize = sources
        .iter()
        .map(|s| 1 + s["duplicates"].as_array().unwrap().len())
        .sum();
    assert_eq!(articles, 2000, "every article is read, once");
    for fact in &relayed {
        let cited = fact["sources"].as_array().unwrap();
        assert_eq!(
            cited.len(),
            sources.len(),
            "every source that relays it is cited, once"
        );
        assert_eq!(fact["single_source"], false);
    }
    let others = format!("+{} autres", sources.len() - 3);
    // The PDF names three sources a fact and the others by their number.
    let text = flat(&pdf_text(
        &out.path().join(format!("briefing-{DATE}.pdf")),
        None,
    ));
    assert!(text.contains(&others), "{}", &text[..text.len().min(3000)]);
}
