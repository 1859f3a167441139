//! Helpers for the integration tests: run the real binary, read its outputs with the tools an
//! analyst would use (pdftotext, pdffonts, qpdf).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const DATE: &str = "2026-11-21";

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
    brief(&args)
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
