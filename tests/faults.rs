//! What a bad night or a hostile neighbour does to the nightly job, on the real binary: links
//! and FIFOs planted where the locks and the state go, an empty, foreign or damaged state, a
//! state that cannot record the run, a file size limit, and a run stopped by SIGTERM. Each
//! time: a clear message, a documented exit code, and nothing the user had lost or replaced.

mod common;

use common::{generate_within, seeds_copy, snapshot, stderr};
use std::path::Path;
use std::process::{Command, Output};

/// `brief generate` on `corpus` into `out` (its state in `out/.brief`), within two minutes.
fn run(corpus: &Path, out: &Path, extra: &[&str]) -> Output {
    generate_within(120, corpus, out, extra)
}

fn assert_exit(output: &Output, code: i32, says: &str) {
    let text = stderr(output);
    assert_eq!(output.status.code(), Some(code), "{text}");
    assert!(text.contains(says), "expected {says:?} in: {text}");
}

/// A first night's outputs and state, and a snapshot of the outputs.
fn first_night(
    out: &Path,
) -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let corpus = seeds_copy();
    let first = run(corpus.path(), out, &["--since", "2024-12"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(out);
    (corpus, before)
}

/// An article that changes the briefing, so that a replaced output would show.
fn add_an_article(corpus: &Path) {
    std::fs::write(
        corpus.join("added.txt"),
        "20-11-2026 08:00 - Le Niger et la Russie signent un accord\n\nLe ministre nigérien de l'Énergie a signé jeudi un accord de coopération avec la Russie à Niamey, a indiqué le gouvernement du Niger.\n",
    )
    .unwrap();
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".brief-tmp"))
        .collect()
}

#[test]
fn a_link_planted_as_the_state_lock_is_refused_and_what_it_points_to_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (corpus, before) = first_night(&out);
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "the operator's file").unwrap();
    let lock = out.join(".brief/state.sqlite.lock");
    std::fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink(&precious, &lock).unwrap();
    let second = run(corpus.path(), &out, &["--since", "2024-12"]);
    assert_exit(&second, 8, "symbolic link");
    assert_eq!(
        std::fs::read_to_string(&precious).unwrap(),
        "the operator's file"
    );
    assert!(before == snapshot(&out), "the outputs are as they were");
}

#[test]
fn a_fifo_as_the_output_folders_lock_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (corpus, _) = first_night(&out);
    let lock = out.join(".brief.lock");
    std::fs::remove_file(&lock).unwrap();
    let made = Command::new("mkfifo").arg(&lock).status().unwrap();
    assert!(made.success());
    let before = snapshot(&out);
    // `run` fails the test if the run has not ended within its bound.
    let second = run(corpus.path(), &out, &["--since", "2024-12", "--no-state"]);
    assert_exit(&second, 6, "FIFO");
    assert!(before == snapshot(&out), "the outputs are as they were");
}

#[test]
fn a_state_given_as_a_link_is_refused_and_the_link_kept() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = seeds_copy();
    let link = dir.path().join("state.sqlite");
    let elsewhere = dir.path().join("elsewhere.sqlite");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    let out = dir.path().join("out");
    let state = link.to_str().unwrap();
    let output = run(
        corpus.path(),
        &out,
        &["--since", "2024-12", "--state", state],
    );
    assert_exit(&output, 8, "symbolic link");
    assert!(
        std::fs::symlink_metadata(&link).is_ok(),
        "the operator's link stays"
    );
    assert!(!elsewhere.exists(), "no database is made where it points");
    assert!(!out.join("briefing-2026-11-21.pdf").exists());
}

#[test]
fn an_empty_state_is_refused_rather_than_starting_a_new_history() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = seeds_copy();
    let state = dir.path().join("state.sqlite");
    std::fs::write(&state, "").unwrap();
    let out = dir.path().join("out");
    let output = run(
        corpus.path(),
        &out,
        &["--since", "2024-12", "--state", state.to_str().unwrap()],
    );
    assert_exit(&output, 8, "it is empty");
    assert!(stderr(&output).contains("restore it from a backup"));
    assert_eq!(std::fs::read(&state).unwrap(), b"");
}

#[test]
fn a_foreign_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = seeds_copy();
    let state = dir.path().join("accounts.sqlite");
    {
        let db = rusqlite::Connection::open(&state).unwrap();
        db.execute_batch("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO accounts (name) VALUES ('x');")
            .unwrap();
    }
    let bytes = std::fs::read(&state).unwrap();
    let out = dir.path().join("out");
    let output = run(
        corpus.path(),
        &out,
        &["--since", "2024-12", "--state", state.to_str().unwrap()],
    );
    assert_exit(&output, 8, "not a state brief wrote");
    assert_eq!(
        std::fs::read(&state).unwrap(),
        bytes,
        "not one byte changed"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.ends_with("-wal")),
        "no journal added: {names:?}"
    );
}

#[test]
fn a_damaged_state_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (corpus, before) = first_night(&out);
    let state = out.join(".brief/state.sqlite");
    let mut bytes = std::fs::read(&state).unwrap();
    let page = 4096;
    assert!(bytes.len() > 3 * page, "a state of several pages");
    // Every page after the first two: their headers and cells become noise.
    for (i, b) in bytes[2 * page..].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&state, &bytes).unwrap();
    let second = run(corpus.path(), &out, &["--since", "2024-12"]);
    assert_exit(&second, 8, "move it away");
    assert_eq!(std::fs::read(&state).unwrap(), bytes, "not written on");
    assert!(before == snapshot(&out), "the outputs are as they were");
}

#[test]
fn a_state_that_cannot_record_the_run_leaves_the_previous_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (corpus, before) = first_night(&out);
    // The state refuses the run's record, as a full disk would refuse its commit.
    {
        let db = rusqlite::Connection::open(out.join(".brief/state.sqlite")).unwrap();
        db.execute_batch(
            "CREATE TRIGGER full BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        )
        .unwrap();
    }
    add_an_article(corpus.path());
    let second = run(corpus.path(), &out, &["--since", "2024-12"]);
    assert_exit(&second, 8, "disk is full");
    assert!(
        before == snapshot(&out),
        "the previous PDF and JSON are still there"
    );
    assert_eq!(temporaries(&out), Vec::<String>::new());
}

#[test]
fn a_file_size_limit_fails_the_write_with_a_message_and_keeps_the_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (corpus, before) = first_night(&out);
    add_an_article(corpus.path());
    // 64 KiB: less than the PDF.
    let script = format!(
        "ulimit -f 64; exec '{}' generate --corpus '{}' --date 2026-11-21 --since 2024-12 --out '{}'",
        env!("CARGO_BIN_EXE_brief"),
        corpus.path().display(),
        out.display()
    );
    let output = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    assert_exit(&output, 6, "File too large");
    assert!(before == snapshot(&out), "the outputs are as they were");
    assert_eq!(temporaries(&out), Vec::<String>::new());
}

#[test]
fn a_run_stopped_by_sigterm_cleans_up_and_says_so() {
    let Some(corpus) = common::shared(
        "a_run_stopped_by_sigterm_cleans_up_and_says_so",
        "corpora/orangesum/articles.jsonl.gz",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("briefing-2020-09-30.pdf"), "yesterday's").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["generate", "--corpus"])
        .arg(&corpus)
        .args(["--since", "2020-09-01", "--date", "2020-09-30", "--out"])
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let output = child.wait_with_output().unwrap();
    assert_exit(&output, 143, "stopped by SIGTERM");
    assert!(stderr(&output).contains("nothing was published"));
    assert_eq!(
        std::fs::read_to_string(out.join("briefing-2020-09-30.pdf")).unwrap(),
        "yesterday's"
    );
    assert_eq!(temporaries(&out), Vec::<String>::new());
}

#[test]
fn the_same_state_through_a_linked_folder_is_the_same_lock() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();
    let held = brief::state::State::open(&real.join("state.sqlite"), "a test").unwrap();
    let corpus = seeds_copy();
    let through_link = dir.path().join("link/state.sqlite");
    let output = run(
        corpus.path(),
        &dir.path().join("out"),
        &[
            "--since",
            "2024-12",
            "--state",
            through_link.to_str().unwrap(),
        ],
    );
    assert_exit(&output, 75, "another brief run");
    drop(held);
}
