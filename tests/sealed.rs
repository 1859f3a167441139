//! The templates are sealed: they read nothing of the host (files through links, the
//! environment), links go only to the web or mail, and a user's template that loops, eats memory
//! or recurses without end is stopped with exit 5 and a message naming it, leaving the previous
//! outputs untouched.

mod common;

use common::*;
use std::path::Path;

/// An output folder with earlier outputs, and its contents, to check that a failure changes nothing.
fn previous_outputs() -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(
        out.path().join(format!("briefing-{DATE}.pdf")),
        "previous PDF",
    )
    .unwrap();
    std::fs::write(out.path().join(format!("briefing-{DATE}.json")), "{}").unwrap();
    let before = snapshot(out.path());
    (out, before)
}

fn templates(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("briefing.typ"), text).unwrap();
    dir
}

fn error_line(output: &std::process::Output) -> String {
    let err = stderr(output);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    errors[0].to_string()
}

fn run_templates(
    dir: &Path,
    out: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> std::process::Output {
    let mut args = vec![
        "generate",
        "--templates",
        dir.to_str().unwrap(),
        "--date",
        DATE,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    brief_within(180, &args, env)
}

/// A file outside the templates folder with a line that must never show.
fn secret_file() -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".typ").tempfile().unwrap();
    std::io::Write::write_all(&mut file, b"SECRET-LINE-7731 #read(\"/etc/passwd\")\n").unwrap();
    file
}

#[cfg(unix)]
#[test]
fn an_included_link_out_of_the_templates_folder_is_refused() {
    let secret = secret_file();
    let dir = templates("#set document(title: \"t\")\n{% include \"evil.typ\" %}\n");
    std::os::unix::fs::symlink(secret.path(), dir.path().join("evil.typ")).unwrap();
    let (out, before) = previous_outputs();
    let output = run_templates(dir.path(), out.path(), &[], &[]);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert_eq!(
        error_line(&output),
        format!(
            "error: cannot use the template {}/evil.typ: a symbolic link that leads out of the templates folder; copy the file into the folder instead (fix the file, or run without --templates)",
            dir.path().display()
        )
    );
    assert!(!stderr(&output).contains("SECRET-LINE"));
    assert_eq!(snapshot(out.path()), before);
}

#[cfg(unix)]
#[test]
fn a_main_template_linked_out_of_the_folder_shows_none_of_its_lines() {
    let secret = secret_file();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(secret.path(), dir.path().join("briefing.typ")).unwrap();
    let (out, before) = previous_outputs();
    let output = run_templates(dir.path(), out.path(), &[], &[]);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert!(error_line(&output)
        .contains("briefing.typ: a symbolic link that leads out of the templates folder"));
    assert!(!stderr(&output).contains("SECRET-LINE"));
    assert_eq!(snapshot(out.path()), before);
}

#[cfg(unix)]
#[test]
fn a_fifo_template_is_refused_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("briefing.typ"))
        .status()
        .unwrap();
    assert!(made.success());
    let (out, before) = previous_outputs();
    let output = run_templates(dir.path(), out.path(), &[], &[]);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert_eq!(
        error_line(&output),
        format!(
            "error: cannot use the template {}/briefing.typ: not a regular file (a FIFO) (fix the file, or run without --templates)",
            dir.path().display()
        )
    );
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn the_environment_stays_out_of_the_briefing() {
    let dir = templates(
        "#set document(title: \"t\")\nToken : {{ get_env(name=\"BRIEF_TEST_TOKEN\") }}\n",
    );
    let (out, before) = previous_outputs();
    let token = "tok-5f1e9a-secret";
    let output = run_templates(dir.path(), out.path(), &[], &[("BRIEF_TEST_TOKEN", token)]);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert!(error_line(&output).contains("briefing.typ:2: get_env is not available"));
    assert!(!stderr(&output).contains(token));
    assert_eq!(snapshot(out.path()), before);
}

fn assert_stopped(output: &std::process::Output, dir: &Path, says: &str) {
    assert_eq!(output.status.code(), Some(5), "{}", stderr(output));
    let line = error_line(output);
    let shown = dir.to_str().unwrap();
    assert!(
        line.starts_with(&format!("error: your templates ({shown}) {says}")),
        "{line}"
    );
    assert!(line.ends_with("; nothing was written"), "{line}");
}

#[test]
fn a_template_that_never_ends_is_stopped_at_the_time_limit() {
    let dir = templates(
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let (out, before) = previous_outputs();
    let started = std::time::Instant::now();
    let output = run_templates(dir.path(), out.path(), &["--compile-timeout", "3"], &[]);
    assert!(started.elapsed().as_secs() < 60);
    assert_stopped(
        &output,
        dir.path(),
        "took more than 3 s to render and compile (--compile-timeout)",
    );
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn a_template_that_takes_all_memory_is_stopped_at_the_memory_limit() {
    let dir = templates("#set document(title: \"t\")\n#let x = range(2000000000)\n#x.len()\n");
    let (out, before) = previous_outputs();
    let output = run_templates(
        dir.path(),
        out.path(),
        &["--compile-memory", "1073741824"],
        &[],
    );
    assert_stopped(
        &output,
        dir.path(),
        "needed more than 1024 MB of memory (--compile-memory)",
    );
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn a_macro_that_calls_itself_without_end_is_stopped() {
    let dir = templates(
        "{% macro down(n) %}{{ self::down(n=n+1) }}{% endmacro down %}{{ self::down(n=1) }}",
    );
    let (out, before) = previous_outputs();
    let output = run_templates(dir.path(), out.path(), &[], &[]);
    assert_stopped(&output, dir.path(), "recurse too deep");
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn a_user_template_within_its_limits_gives_the_same_pdf_as_in_process() {
    let dir = tempfile::tempdir().unwrap();
    let export = brief(&[
        "templates",
        "export",
        dir.path().join("mine").to_str().unwrap(),
    ]);
    assert!(export.status.success(), "{}", stderr(&export));
    let built_in = tempfile::tempdir().unwrap();
    let user = tempfile::tempdir().unwrap();
    generate_ok(Path::new("seeds"), built_in.path(), &["--since", "2024-12"]);
    let output = run_templates(
        &dir.path().join("mine"),
        user.path(),
        &["--since", "2024-12"],
        &[],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let name = format!("briefing-{DATE}.pdf");
    let same = std::fs::read(built_in.path().join(&name)).unwrap()
        == std::fs::read(user.path().join(&name)).unwrap();
    assert!(
        same,
        "the worker compiles exactly what the built-in path compiles"
    );
}

#[test]
fn typst_hints_speak_of_brief_not_of_typst_flags() {
    let dir = templates("#set document(title: \"t\")\n#read(\"../../etc/passwd\")\n");
    let (out, _) = previous_outputs();
    let output = run_templates(dir.path(), out.path(), &[], &[]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("briefing.typ:2:"), "{err}");
    assert!(!err.contains("--root") && !err.contains("root:"), "{err}");
    assert!(
        err.contains("hint: brief's templates can read no file"),
        "{err}"
    );
}

#[test]
fn only_web_and_mail_addresses_become_links() {
    let corpus = tempfile::tempdir().unwrap();
    let urls = [
        ("javascript:alert(document.cookie)", false),
        ("file:///etc/passwd", false),
        ("data:text/html,bonjour", false),
        ("https://exemple.fr/accord-canada", true),
        ("mailto:redaction@exemple.fr", true),
    ];
    let mut lines = String::new();
    for (i, (url, _)) in urls.iter().enumerate() {
        lines.push_str(
            &serde_json::json!({
                "title": format!("Accord {i}"),
                "text": format!("Le Canada a signé l'accord numéro {i} avec le pays voisin numéro {i} lors d'une réunion à Ottawa."),
                "date": "2025-06-13",
                "url": url,
            })
            .to_string(),
        );
        lines.push('\n');
    }
    std::fs::write(corpus.path().join("links.jsonl"), lines).unwrap();
    let out = tempfile::tempdir().unwrap();
    generate_ok(corpus.path(), out.path(), &[]);
    let pdf = out.path().join(format!("briefing-{DATE}.pdf"));
    let plain = out.path().join("plain.pdf");
    let unpacked = tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
    );
    assert!(unpacked.status.success());
    let bytes = String::from_utf8_lossy(&std::fs::read(&plain).unwrap()).into_owned();
    let text = flat(&pdf_text(&pdf, None));
    for (url, link) in urls {
        assert_eq!(
            bytes.contains(&format!("/URI ({url})")),
            link,
            "{url} is a link: {link}"
        );
        assert!(text.contains(url), "{url} is printed");
    }
    assert!(!bytes.contains("/URI (javascript") && !bytes.contains("/URI (file"));
}
