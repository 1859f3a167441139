//! Fatal errors: a one-line message that says what to do, the documented exit code, and no PDF
//! written or replaced.

mod common;

use common::*;
use std::path::Path;

/// An output folder holding a "good" PDF from an earlier run, to check it survives.
fn out_with_previous_pdf() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(
        out.path().join(format!("briefing-{DATE}.pdf")),
        b"previous good PDF",
    )
    .unwrap();
    out
}

fn assert_failed(output: &std::process::Output, code: i32, says: &str, out: &Path) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(code), "{err}");
    let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(error_lines.len(), 1, "{err}");
    assert!(error_lines[0].contains(says), "{err}");
    let pdf = out.join(format!("briefing-{DATE}.pdf"));
    assert_eq!(
        std::fs::read(pdf).unwrap(),
        b"previous good PDF",
        "the previous PDF is untouched"
    );
    let names: Vec<_> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "nothing else written: {names:?}");
}

#[test]
fn missing_corpus() {
    let out = out_with_previous_pdf();
    let output = generate(Path::new("no/such/folder"), out.path(), &[]);
    assert_failed(&output, 3, "corpus not found: no/such/folder", out.path());
}

#[test]
fn empty_corpus() {
    let out = out_with_previous_pdf();
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("empty.txt"), "").unwrap();
    let output = generate(corpus.path(), out.path(), &[]);
    assert_failed(&output, 3, "no article could be read", out.path());
    assert!(stderr(&output).contains("empty.txt: skipped: empty file"));
}

#[test]
fn no_article_in_the_window() {
    let out = out_with_previous_pdf();
    // Seeds 000 and 004 are undated, and undated articles are always kept: use the dated ones.
    let corpus = tempfile::tempdir().unwrap();
    for name in ["002_e156e7caf6a58be8.txt", "003_4c1f6d6e1defac3c.txt"] {
        std::fs::copy(root().join("seeds").join(name), corpus.path().join(name)).unwrap();
    }
    let output = generate(
        corpus.path(),
        out.path(),
        &["--since", "2025-06", "--until", "2025-07"],
    );
    assert_failed(&output, 3, "falls in the period", out.path());
}

#[test]
fn broken_template_names_file_and_line() {
    let out = out_with_previous_pdf();
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(
        templates.path().join("briefing.typ"),
        "= Titre\n\n{{ briefing.date }}\n{% for x in %}\n",
    )
    .unwrap();
    let output = generate(
        Path::new("seeds"),
        out.path(),
        &["--templates", templates.path().to_str().unwrap()],
    );
    let expected = format!("{}/briefing.typ:4", templates.path().display());
    assert_failed(&output, 4, &expected, out.path());
}

#[test]
fn template_with_an_unknown_variable_names_its_line() {
    let out = out_with_previous_pdf();
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(
        templates.path().join("briefing.typ"),
        "= Titre\n\nok\n{{ briefing.nothing_here }}\n",
    )
    .unwrap();
    let output = generate(
        Path::new("seeds"),
        out.path(),
        &["--templates", templates.path().to_str().unwrap()],
    );
    assert_failed(&output, 4, "briefing.typ:4", out.path());
}

#[test]
fn template_producing_invalid_typst_is_a_compile_error() {
    let out = out_with_previous_pdf();
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(
        templates.path().join("briefing.typ"),
        "= Titre\n#read(\"/etc/hostname\")\n",
    )
    .unwrap();
    let output = generate(
        Path::new("seeds"),
        out.path(),
        &["--templates", templates.path().to_str().unwrap()],
    );
    assert_failed(&output, 5, "typst could not compile", out.path());
    assert!(
        stderr(&output).contains("briefing.typ:2:"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("/work"), "no host path");
}

#[test]
fn unwritable_output_folder() {
    let out = out_with_previous_pdf();
    let blocker = out.path().join("blocker");
    std::fs::write(&blocker, b"a file where a folder should be").unwrap();
    let output = generate(Path::new("seeds"), &blocker.join("sub"), &[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(6), "{err}");
    assert!(err.contains("cannot write to the output folder"), "{err}");
    assert!(err.contains("--out"), "{err}");
}

#[test]
fn bad_flag_values_are_usage_errors() {
    let out = out_with_previous_pdf();
    let output = generate(Path::new("seeds"), out.path(), &["--since", "décembre"]);
    assert_failed(
        &output,
        2,
        "--since décembre: expected YYYY-MM-DD",
        out.path(),
    );
}
