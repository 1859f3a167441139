//! Helpers for the integration tests: run the real binary, read its outputs with the tools an
//! analyst would use (pdftotext, pdffonts, qpdf).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const DATE: &str = "2026-11-21";

/// Set (as `.ci/run` does) to make a test that would skip fail instead.
pub const STRICT: &str = "BRIEF_TESTS_STRICT";

/// A test that cannot run here says so on one line and returns; with `BRIEF_TESTS_STRICT=1`
/// (CI), it fails instead. The line is written to the terminal directly, past the test
/// harness's capture, so that `cargo test` shows it.
pub fn skip(test: &str, needs: &str) {
    if std::env::var(STRICT).is_ok_and(|v| v == "1") {
        panic!("{test} cannot run: it needs {needs} ({STRICT}=1 turns this skip into a failure)");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {test}: needs {needs}");
}

/// A file or folder of `../shared` beside the project, or `None` (and a skip line) when absent.
pub fn shared(test: &str, relative: &str) -> Option<PathBuf> {
    let path = root().join("../shared").join(relative);
    if path.exists() {
        return Some(path);
    }
    skip(test, &format!("../shared/{relative} beside the project"));
    None
}

/// The project's root (where `seeds/` is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `brief ARGS` from the project root, with no SOURCE_DATE_EPOCH.
pub fn brief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the brief binary runs")
}

/// Runs `brief ARGS` with extra environment variables, killing it (and failing the test) if it
/// has not finished after `seconds`: a hang is a failure, not a test run that never ends.
pub fn brief_within(seconds: u64, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the brief binary runs");
    // Both outputs are read while the run goes on, so that a full pipe never blocks it.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed().as_secs() >= seconds {
            let _ = child.kill();
            let _ = child.wait();
            panic!("brief {args:?} did not finish within {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// `generate --corpus CORPUS --date DATE --out OUT EXTRA…`
fn generate_args<'a>(corpus: &'a Path, out: &'a Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "generate",
        "--corpus",
        corpus.to_str().unwrap(),
        "--date",
        DATE,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args
}

/// `brief generate --corpus CORPUS --date DATE --out OUT EXTRA…` within `seconds`.
pub fn generate_within(seconds: u64, corpus: &Path, out: &Path, extra: &[&str]) -> Output {
    brief_within(seconds, &generate_args(corpus, out, extra), &[])
}

/// The seed articles copied into a new folder, to add hostile files beside them.
pub fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

/// Every file of a folder, as bytes, by name: to check that a failed run changed nothing.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// `brief generate --corpus CORPUS --date DATE --out OUT EXTRA…`, asserting exit 0.
pub fn generate_ok(corpus: &Path, out: &Path, extra: &[&str]) -> Output {
    let output = generate(corpus, out, extra);
    assert!(
        output.status.success(),
        "brief generate failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

pub fn generate(corpus: &Path, out: &Path, extra: &[&str]) -> Output {
    brief(&generate_args(corpus, out, extra))
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs an external tool, failing the test with a clear message if it is not installed.
pub fn tool(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed by the tests (apt-get install poppler-utils qpdf): {e}")
        })
}

/// The PDF's text as pdftotext gives it (optionally one page).
pub fn pdf_text(pdf: &Path, page: Option<u32>) -> String {
    let mut args = vec![];
    let page_text;
    if let Some(p) = page {
        page_text = p.to_string();
        args.extend(["-f", page_text.as_str(), "-l", page_text.as_str()]);
    }
    args.extend([pdf.to_str().unwrap(), "-"]);
    let out = tool("pdftotext", &args);
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// Folds runs of white space to one space, as text reflows across lines and pages.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).expect("valid JSON")
}

/// A story of `../shared/eval/dev`, with the `brief generate` arguments its README gives
/// (`--out` left out: the test chooses), which hold its corpus, period and date. Tests name no
/// story: they take them all, or the first.
pub struct DevStory {
    pub folder: PathBuf,
    pub args: Vec<String>,
}

impl DevStory {
    /// The value its command gives a flag ("--date" → "2020-…").
    pub fn value(&self, flag: &str) -> Option<&str> {
        let at = self.args.iter().position(|a| a == flag)?;
        self.args.get(at + 1).map(String::as_str)
    }
}

/// Every dev story whose README gives its command, in name order; `None` (and a skip line)
/// without `../shared`.
pub fn dev_stories(test: &str) -> Option<Vec<DevStory>> {
    let dev = shared(test, "eval/dev")?;
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&dev)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("README.md").is_file())
        .collect();
    folders.sort();
    let stories: Vec<DevStory> = folders
        .into_iter()
        .filter_map(|folder| {
            let readme = std::fs::read_to_string(folder.join("README.md")).unwrap();
            let command = readme
                .lines()
                .find_map(|l| l.split_once("brief generate"))?
                .1;
            let mut args: Vec<String> = command
                .split('#')
                .next()
                .unwrap()
                .split_whitespace()
                .map(|a| a.trim_matches('`').to_string())
                .filter(|a| !a.is_empty())
                .collect();
            if let Some(at) = args.iter().position(|a| a == "--out") {
                args.drain(at..(at + 2).min(args.len()));
            }
            Some(DevStory { folder, args })
        })
        .collect();
    assert!(!stories.is_empty(), "no dev story gives its command");
    Some(stories)
}

/// `brief generate` with the inputs given (`--corpus X` or `--extracts …`) and the period.
pub fn generate_from(inputs: &[&str], period: &[&str], out: &Path) -> std::process::Output {
    let mut args = vec!["generate", "--out", out.to_str().unwrap(), "--no-state"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(period);
    brief(&args)
}

/// `generate` from the corpus and from its records, over `period`, into `dir`: both succeed
/// and their JSON and PDF are the same bytes.
pub fn corpus_and_records_agree(
    corpus: &[&str],
    records: &[&str],
    period: &[&str],
    date: &str,
    dir: &Path,
) {
    let (a, b) = (dir.join("from-corpus"), dir.join("from-records"));
    for (inputs, out) in [(corpus, &a), (records, &b)] {
        let output = generate_from(inputs, period, out);
        assert!(output.status.success(), "{inputs:?}: {}", stderr(&output));
    }
    for name in [
        format!("briefing-{date}.json"),
        format!("briefing-{date}.pdf"),
    ] {
        let (x, y) = (
            std::fs::read(a.join(&name)).unwrap(),
            std::fs::read(b.join(&name)).unwrap(),
        );
        assert!(x == y, "{name} differs");
    }
}
