//! Past one machine: `brief extract` (the map step) and `brief generate --extracts` (the
//! reduce) give the briefing `generate` gives from the corpus itself.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// `brief extract` of `corpus` into `out`, as shard `shard` if given.
fn extract(corpus: &Path, out: &Path, shard: Option<&str>) {
    let mut args = vec![
        "extract",
        "--corpus",
        corpus.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    if let Some(shard) = shard {
        args.extend(["--shard", shard]);
    }
    let output = brief(&args);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn the_seeds_from_their_records_give_the_same_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("seeds.jsonl.zst");
    extract(&root().join("seeds"), &records, None);
    let period = ["--since", "2024-12", "--date", DATE];
    let seeds = root().join("seeds");
    corpus_and_records_agree(
        &["--corpus", seeds.to_str().unwrap()],
        &["--extracts", records.to_str().unwrap()],
        &period,
        DATE,
        dir.path(),
    );
    // The same corpus gives the same records.
    let again = dir.path().join("again.jsonl.zst");
    extract(&root().join("seeds"), &again, None);
    assert_eq!(
        std::fs::read(&records).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

#[test]
fn a_story_extracted_in_three_shards_gives_the_same_briefing() {
    let test = "a_story_extracted_in_three_shards_gives_the_same_briefing";
    let Some(stories) = dev_stories(test) else {
        return;
    };
    let story = &stories[0];
    let corpus = PathBuf::from(story.value("--corpus").unwrap());
    let (since, date) = (
        story.value("--since").unwrap(),
        story.value("--date").unwrap(),
    );
    let dir = tempfile::tempdir().unwrap();
    let parts: Vec<String> = (0..3)
        .map(|i| {
            let part = dir.path().join(format!("part-{i}.jsonl.zst"));
            extract(&corpus, &part, Some(&format!("{i}/3")));
            part.to_string_lossy().into_owned()
        })
        .collect();
    let period = ["--since", since, "--date", date];
    // The shards in another order than they were made.
    corpus_and_records_agree(
        &["--corpus", corpus.to_str().unwrap()],
        &["--extracts", &parts[2], &parts[0], &parts[1]],
        &period,
        date,
        dir.path(),
    );
}

#[test]
fn records_missing_a_shard_or_given_twice_or_not_records_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let (zero, one) = (dir.path().join("0.zst"), dir.path().join("1.zst"));
    extract(&seeds, &zero, Some("0/2"));
    extract(&seeds, &one, Some("1/2"));
    let period = ["--since", "2024-12", "--date", DATE];
    let out = dir.path().join("out");
    let not_records = dir.path().join("article.txt");
    std::fs::write(&not_records, "Un article.\n").unwrap();
    let cases: [(&[&str], &str); 3] = [
        (&["--extracts", one.to_str().unwrap()], "shard 0"),
        (
            &[
                "--extracts",
                zero.to_str().unwrap(),
                zero.to_str().unwrap(),
                one.to_str().unwrap(),
            ],
            "twice",
        ),
        (&["--extracts", not_records.to_str().unwrap()], "--extracts"),
    ];
    for (inputs, says) in cases {
        let output = generate_from(inputs, &period, &out);
        assert_eq!(
            output.status.code(),
            Some(3),
            "{inputs:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(says),
            "{inputs:?}: {}",
            stderr(&output)
        );
        assert!(!out.join(format!("briefing-{DATE}.pdf")).exists());
    }
    // A shard outside 0..N is a usage error.
    let output = brief(&[
        "extract",
        "--corpus",
        seeds.to_str().unwrap(),
        "--shard",
        "2/2",
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn json_lines_on_standard_input_are_extracted_as_the_file_stdin_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    // A few JSON Lines articles of our own, in a file named as standard input's records say.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let lines: String = (1..=4)
        .map(|n| {
            serde_json::json!({
                "title": format!("Réunion numéro {n} des ministres"),
                "date": format!("2025-03-0{n}"),
                "text": format!("Les ministres de l'Agriculture du Ghana et du Togo se sont réunis le {n} mars à Accra. Ils ont annoncé un accord sur les semences, selon un communiqué publié le soir même."),
            })
            .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(corpus.join("stdin.jsonl"), &lines).unwrap();
    let records = dir.path().join("records.jsonl.zst");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args([
            "extract",
            "--corpus",
            "-",
            "--out",
            records.to_str().unwrap(),
        ])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let period = ["--since", "2025-03", "--date", "2025-03-31"];
    let file = corpus.join("stdin.jsonl");
    corpus_and_records_agree(
        &["--corpus", file.to_str().unwrap()],
        &["--extracts", records.to_str().unwrap()],
        &period,
        "2025-03-31",
        dir.path(),
    );
}
