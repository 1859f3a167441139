//! The nightly job on the whole OrangeSum archive, as a scheduler runs it: `generate --since 7d`
//! cold (a new state), then the same command warm with one new article beside the archive.
//! Prints each run's wall time and stage times (from `--timings`), and the warm run's share of
//! the cold one. Needs `../shared`.
//!
//! `cargo bench --bench incremental`

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let archive = root.join("../shared/corpora/orangesum/articles.jsonl.gz");
    if !archive.is_file() {
        eprintln!("incremental: needs {}", archive.display());
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(&archive, corpus.join("articles.jsonl.gz")).unwrap();
    let cold = run(dir.path(), &corpus);
    std::fs::write(
        corpus.join("new.txt"),
        "30-09-2020 08:00 - Un accord de pêche\n\nLe ministre ghanéen de la Pêche a signé mercredi à Lomé un accord de coopération avec son homologue togolais.\n",
    )
    .unwrap();
    let warm = run(dir.path(), &corpus);
    for (name, (wall, stages)) in [("cold", &cold), ("warm", &warm)] {
        let stages: Vec<String> = stages
            .iter()
            .map(|(stage, s)| format!("{stage} {s:.3}"))
            .collect();
        println!("{name}: {wall:.3} s wall ({})", stages.join(", "));
    }
    println!("warm / cold (wall): {:.1} %", 100.0 * warm.0 / cold.0);
    let state = dir.path().join("out/.brief/state.sqlite");
    let size = std::fs::metadata(&state).map(|m| m.len()).unwrap_or(0);
    println!("state: {:.1} MB", size as f64 / 1e6);
}

/// The wall time of one nightly run, and its stages' times.
fn run(dir: &Path, corpus: &Path) -> (f64, Vec<(String, f64)>) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args([
            "generate",
            "--timings",
            "--since",
            "7d",
            "--date",
            "2020-10-01",
            "--corpus",
        ])
        .arg(corpus)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .expect("brief runs");
    let wall = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stderr);
    let stages = text
        .lines()
        .filter_map(|l| l.strip_prefix("time: "))
        .filter_map(|r| {
            let mut words = r.split_whitespace();
            Some((words.next()?.to_string(), words.next()?.parse().ok()?))
        })
        .collect();
    (wall, stages)
}
