//! The nightly job's incremental runs on the whole OrangeSum archive: a cold run on a new state,
//! then a warm run with one new article beside the archive. Prints read and extract times of
//! both (from `--timings`) and the warm run's share of the cold one. Needs `../shared`.
//!
//! `cargo bench --bench incremental`

use std::path::{Path, PathBuf};
use std::process::Command;

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
    for (name, t) in [("cold", cold), ("warm", warm)] {
        println!(
            "{name}: read {:.3} s, extract {:.3} s, read + extract {:.3} s",
            t.0,
            t.1,
            t.0 + t.1
        );
    }
    println!(
        "warm / cold (read + extract): {:.1} %",
        100.0 * (warm.0 + warm.1) / (cold.0 + cold.1)
    );
}

/// Read and extract seconds of one run.
fn run(dir: &Path, corpus: &Path) -> (f64, f64) {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["generate", "--timings", "--date", "2020-10-01", "--corpus"])
        .arg(corpus)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .expect("brief runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stderr);
    let stage = |name: &str| -> f64 {
        text.lines()
            .find_map(|l| {
                l.strip_prefix("time: ")
                    .filter(|r| r.split_whitespace().next() == Some(name))
                    .and_then(|r| r.split_whitespace().nth(1))
                    .and_then(|s| s.parse().ok())
            })
            .unwrap_or_else(|| panic!("no {name} time in {text}"))
    };
    (stage("read"), stage("extract"))
}
