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

#[test]
fn a_failed_write_keeps_every_previous_output() {
    let out = tempfile::tempdir().unwrap();
    generate_ok(Path::new("seeds"), out.path(), &[]);
    // The JSON's place is taken by a folder: the run fails after compiling, while writing.
    let json = out.path().join(format!("briefing-{DATE}.json"));
    let kept_json = std::fs::read(&json).unwrap();
    std::fs::remove_file(&json).unwrap();
    std::fs::create_dir(&json).unwrap();
    let before = snapshot(out.path());
    let output = generate(Path::new("seeds"), out.path(), &["--title", "Autre titre"]);
    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "error: cannot write {}: a folder has that name",
            json.display()
        )),
        "{err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(
        snapshot(out.path()),
        before,
        "the previous PDF is untouched"
    );
    assert!(json.is_dir());
    // Once the folder is gone, the next run writes both again.
    std::fs::remove_dir(&json).unwrap();
    generate_ok(Path::new("seeds"), out.path(), &[]);
    assert_eq!(std::fs::read(&json).unwrap(), kept_json);
}

#[test]
fn stale_temporary_files_of_a_killed_run_are_removed() {
    let out = tempfile::tempdir().unwrap();
    generate_ok(Path::new("seeds"), out.path(), &[]);
    // What a run killed while writing leaves behind.
    let stale = out
        .path()
        .join(format!(".briefing-{DATE}.pdf.Xy12Ab.brief-tmp"));
    std::fs::write(&stale, b"half a PDF").unwrap();
    let mine = out.path().join(".notes.tmp");
    std::fs::write(&mine, b"a file of the user's").unwrap();
    // A run that fails before writing still cleans up.
    let failed = generate(
        Path::new("seeds"),
        out.path(),
        &["--since", "2090-01", "--undated", "exclude"],
    );
    assert_eq!(failed.status.code(), Some(3), "{}", stderr(&failed));
    assert!(!stale.exists(), "removed at the start of the next run");
    assert_eq!(std::fs::read(&mine).unwrap(), b"a file of the user's");
}

#[test]
fn out_of_range_dates_are_usage_errors() {
    let out = out_with_previous_pdf();
    for epoch in ["253402300800", "-62135596800", "99999999999999999999"] {
        let output = brief_within(
            60,
            &["generate", "--out", out.path().to_str().unwrap()],
            &[("SOURCE_DATE_EPOCH", epoch)],
        );
        assert_failed(
            &output,
            2,
            &format!("SOURCE_DATE_EPOCH={epoch}: expected seconds since 1970 giving a year from 1000 to 9999"),
            out.path(),
        );
    }
    for date in ["+026-11-21", "-2026-11-21", "2026-1-21", "0999-12-31"] {
        let flag = format!("--date={date}");
        let output = brief(&["generate", &flag, "--out", out.path().to_str().unwrap()]);
        assert_failed(
            &output,
            2,
            &format!("--date {date}: expected a day as YYYY-MM-DD"),
            out.path(),
        );
    }
}

#[cfg(unix)]
#[test]
fn a_newline_in_a_file_name_cannot_forge_a_line() {
    let corpus = seeds_copy();
    std::fs::write(corpus.path().join("x\nerror: forged.txt"), "").unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = generate_ok(corpus.path(), out.path(), &[]);
    let err = stderr(&output);
    assert!(!err.lines().any(|l| l.starts_with("error")), "{err}");
    assert!(
        err.contains("x\\nerror: forged.txt: skipped: empty file"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_stay_distinct() {
    use std::os::unix::ffi::OsStrExt;
    let corpus = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let mut names = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect::<Vec<_>>();
    names.sort();
    for (seed, raw) in names.iter().zip([&b"ar\xe9.txt"[..], &b"ar\xe8.txt"[..]]) {
        let name = std::ffi::OsStr::from_bytes(raw);
        std::fs::copy(seed, corpus.path().join(name)).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    generate_ok(corpus.path(), out.path(), &["--emit", "json"]);
    let b = json(&out.path().join(format!("briefing-{DATE}.json")));
    let mut files: Vec<String> = b["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    files.sort();
    assert_eq!(files, ["ar\\xE8.txt", "ar\\xE9.txt"]);
    let inspect = brief(&["inspect", "--json", corpus.path().to_str().unwrap()]);
    let views: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
    let ids: std::collections::BTreeSet<&str> = views
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "distinct ids");
}

#[test]
fn templates_export_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mine");
    let first = brief(&["templates", "export", target.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    let edited = target.join("briefing.typ");
    std::fs::write(&edited, "my edits").unwrap();
    let again = brief(&["templates", "export", target.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(6));
    let err = stderr(&again);
    assert_eq!(
        err.trim_end(),
        format!(
            "error: {} already exists; nothing was written (give `brief templates export` another folder, or move the file away)",
            edited.display()
        )
    );
    assert!(!err.contains("--out"));
    assert_eq!(std::fs::read(&edited).unwrap(), b"my edits");
}

#[cfg(unix)]
#[test]
fn settings_and_logo_that_are_not_files_are_refused_at_once() {
    let out = out_with_previous_pdf();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("brief.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let output = brief_within(
        60,
        &[
            "generate",
            "--config",
            fifo.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ],
        &[],
    );
    assert_failed(
        &output,
        2,
        &format!(
            "cannot read the settings file {}: not a regular file (a FIFO)",
            fifo.display()
        ),
        out.path(),
    );
    let output = brief_within(
        60,
        &[
            "generate",
            "--logo",
            "/dev/zero",
            "--out",
            out.path().to_str().unwrap(),
        ],
        &[],
    );
    assert_failed(
        &output,
        2,
        "logo /dev/zero: cannot read it: not a regular file (a device)",
        out.path(),
    );
}
