//! The nightly job on the real binary: what is new from one night to the next, the state's
//! lock, runs killed mid-way, e-mail through a real SMTP server, and the systemd units.

mod common;

use common::skip;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

/// Runs `brief ARGS` in `dir` (its own seeds, settings and output folder).
fn brief_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .output()
        .expect("the brief binary runs")
}

/// Starts `brief ARGS` in `dir`, silent, without waiting for it.
fn spawn_in(dir: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the brief binary starts")
}

fn ok(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn json(dir: &Path, date: &str) -> Value {
    let path = dir.join(format!("out/briefing-{date}.json"));
    serde_json::from_slice(&std::fs::read(&path).expect("the JSON is written")).unwrap()
}

/// A folder holding a copy of the seeds.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for entry in std::fs::read_dir(common::root().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path().join("seeds").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

/// An article of our own on the seeds' story (the same countries), dated a day after them: what
/// a night brings. An article about another story would stray from the corpus's stories.
const NEW_ARTICLE: &str = "23-11-2026 08:00 - Le Niger et la Russie signent un accord sur l'énergie\n\nLe ministre nigérien de l'Énergie, Moussa Abdou, a signé lundi un accord de coopération énergétique avec la Russie, comme le Mali et le Burkina Faso avant le Niger.\n\nL'accord prévoit la construction d'une centrale solaire au Niger par une entreprise russe, a précisé le gouvernement du Niger dans un communiqué.\n";

fn facts(briefing: &Value) -> Vec<&Value> {
    let sections = ["countries", "blocs"];
    sections
        .iter()
        .flat_map(|s| briefing[*s].as_array().unwrap())
        .flat_map(|section| section["facts"].as_array().unwrap())
        .collect()
}

fn source_of(briefing: &Value, file_part: &str) -> Option<String> {
    briefing["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["file"].as_str().unwrap().contains(file_part))
        .map(|s| s["id"].as_str().unwrap().to_string())
}

#[test]
fn the_second_night_has_nothing_new_and_a_new_article_is_all_that_is_new() {
    let dir = project();
    let d = dir.path();
    ok(&brief_in(
        d,
        &["generate", "--since", "last", "--date", "2026-11-21"],
        &[],
    ));
    let first = json(d, "2026-11-21");
    // The first run looks back a week: the undated seeds, dated by the day they were first seen.
    let undated: Vec<&Value> = first["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["published_from"] == "first seen")
        .collect();
    assert!(!undated.is_empty(), "{}", first["sources"]);
    assert!(undated.iter().all(|s| s["published"] == "2026-11-21"));
    assert!(facts(&first).iter().all(|f| f["new"] == true));
    assert_eq!(first["changes"]["previous"], Value::Null);
    // The first briefing of a series says everything is new once, and marks nothing: it has
    // one "nouveau" more than the same briefing without a state (whose articles may use it).
    let text = common::pdf_text(&d.join("out/briefing-2026-11-21.pdf"), None);
    assert!(text.contains("tout est nouveau"), "{text}");
    ok(&brief_in(
        d,
        &[
            "generate",
            "--no-state",
            "--since",
            "2026-11-14",
            "--date",
            "2026-11-21",
            "--out",
            "plain",
        ],
        &[],
    ));
    let plain = common::pdf_text(&d.join("plain/briefing-2026-11-21.pdf"), None);
    assert_eq!(
        text.matches("nouveau").count(),
        plain.matches("nouveau").count() + 1,
        "{text}"
    );

    ok(&brief_in(
        d,
        &["generate", "--since", "last", "--date", "2026-11-22"],
        &[],
    ));
    let second = json(d, "2026-11-22");
    assert_eq!(second["period"]["since"], "2026-11-22");
    assert_eq!(second["changes"]["previous"], "2026-11-21");
    assert_eq!(second["changes"]["new_facts"], 0);
    assert_eq!(second["changes"]["new_meetings"], 0);
    // The undated seeds were in the first briefing only.
    assert!(second["sources"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["published_from"] != "first seen"));
    let text = common::pdf_text(&d.join("out/briefing-2026-11-22.pdf"), None);
    assert!(
        text.contains("rien de nouveau depuis la note du 21 novembre 2026"),
        "{text}"
    );

    std::fs::write(d.join("seeds/900_new.txt"), NEW_ARTICLE).unwrap();
    ok(&brief_in(
        d,
        &["generate", "--since", "last", "--date", "2026-11-23"],
        &[],
    ));
    let third = json(d, "2026-11-23");
    let new_source = source_of(&third, "900_new").expect("the new article is cited");
    let all = facts(&third);
    assert!(!all.is_empty());
    for fact in all {
        assert_eq!(fact["new"], true, "{fact}");
        assert_eq!(fact["sources"], serde_json::json!([new_source]));
    }
    assert_eq!(third["changes"]["previous"], "2026-11-22");
}

#[test]
fn over_the_same_period_only_the_added_article_is_new() {
    let dir = project();
    let d = dir.path();
    ok(&brief_in(
        d,
        &["generate", "--since", "2024-12", "--date", "2026-11-21"],
        &[],
    ));
    std::fs::write(d.join("seeds/900_new.txt"), NEW_ARTICLE).unwrap();
    ok(&brief_in(
        d,
        &["generate", "--since", "2024-12", "--date", "2026-11-23"],
        &[],
    ));
    let briefing = json(d, "2026-11-23");
    let new_source = source_of(&briefing, "900_new").expect("the new article is cited");
    let (mut new, mut known) = (0, 0);
    for fact in facts(&briefing) {
        let only_new = fact["sources"] == serde_json::json!([new_source]);
        assert_eq!(fact["new"], only_new, "{fact}");
        if only_new {
            new += 1;
            assert_eq!(fact["first_briefing"], "2026-11-23");
        } else {
            known += 1;
            assert_eq!(fact["first_briefing"], "2026-11-21");
        }
    }
    assert!(new > 0 && known > 0, "new {new}, known {known}");
    let pdf = common::pdf_text(&d.join("out/briefing-2026-11-23.pdf"), None);
    assert!(pdf.contains("nouveau"), "the PDF marks new facts");
}

#[test]
fn the_same_night_twice_gives_the_same_files() {
    let dir = project();
    let d = dir.path();
    let args = ["generate", "--since", "last", "--date", "2026-11-21"];
    ok(&brief_in(d, &args, &[]));
    let pdf = std::fs::read(d.join("out/briefing-2026-11-21.pdf")).unwrap();
    let json = std::fs::read(d.join("out/briefing-2026-11-21.json")).unwrap();
    ok(&brief_in(d, &args, &[]));
    assert!(pdf == std::fs::read(d.join("out/briefing-2026-11-21.pdf")).unwrap());
    assert!(json == std::fs::read(d.join("out/briefing-2026-11-21.json")).unwrap());
}

#[test]
fn since_last_without_a_state_is_refused() {
    let dir = project();
    let out = brief_in(
        dir.path(),
        &["generate", "--since", "last", "--no-state"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since last needs the state"));
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_run_while_another_holds_the_state_exits_75_and_touches_nothing() {
    let dir = project();
    let d = dir.path();
    ok(&brief_in(
        d,
        &["generate", "--since", "2024-12", "--date", "2026-11-21"],
        &[],
    ));
    let held = brief::state::State::open(&d.join("out/.brief/state.sqlite"), "a test").unwrap();
    let before = snapshot(&d.join("out"));
    let out = brief_in(
        d,
        &["generate", "--since", "2024-12", "--date", "2026-11-22"],
        &[],
    );
    assert_eq!(out.status.code(), Some(75));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("another brief run"), "{stderr}");
    assert!(
        stderr.contains(&std::process::id().to_string()),
        "names the holder: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(before == snapshot(&d.join("out")), "nothing changed");
    drop(held);
    ok(&brief_in(
        d,
        &["generate", "--since", "2024-12", "--date", "2026-11-22"],
        &[],
    ));
}

#[test]
fn two_runs_started_together_one_publishes_the_other_exits_75() {
    let dir = project();
    let d = dir.path();
    let spawn = || {
        spawn_in(
            d,
            &["generate", "--since", "2024-12", "--date", "2026-11-21"],
        )
    };
    let (mut a, mut b) = (spawn(), spawn());
    let mut codes = vec![
        a.wait().unwrap().code().unwrap(),
        b.wait().unwrap().code().unwrap(),
    ];
    codes.sort();
    assert_eq!(codes, [0, 75]);
    let pdf = std::fs::read(d.join("out/briefing-2026-11-21.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.windows(5).any(|w| w == b"%%EOF"));
}

/// The first `n` articles of the OrangeSum archive, as JSON Lines.
fn orangesum_sample(test: &str, n: usize, into: &Path) -> Option<PathBuf> {
    use std::io::BufRead;
    let archive = common::shared(test, "corpora/orangesum/articles.jsonl.gz")?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(
        std::fs::File::open(archive).unwrap(),
    ));
    let lines: Vec<String> = reader.lines().take(n).map(Result::unwrap).collect();
    let path = into.join("sample.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    Some(path)
}

#[test]
fn runs_killed_at_random_points_leave_the_briefing_and_the_state_intact() {
    let test = "runs_killed_at_random_points_leave_the_briefing_and_the_state_intact";
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let Some(corpus) = orangesum_sample(test, 3000, d) else {
        return;
    };
    let corpus = corpus.to_str().unwrap().to_string();
    let args = [
        "generate",
        "--corpus",
        &corpus,
        "--since",
        "2000-01",
        "--date",
        "2020-10-01",
    ];
    let started = Instant::now();
    ok(&brief_in(d, &args, &[]));
    let full = started.elapsed();
    let pdf = std::fs::read(d.join("out/briefing-2020-10-01.pdf")).unwrap();
    let json = std::fs::read(d.join("out/briefing-2020-10-01.json")).unwrap();
    // Kill points spread over the whole run, from the start to past the publication.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..12 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let fraction = (round as f64 + (seed % 1000) as f64 / 1000.0) / 12.0;
        let delay = full.mul_f64(fraction * 1.1);
        let mut child = spawn_in(d, &args);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert!(
            pdf == std::fs::read(d.join("out/briefing-2020-10-01.pdf")).unwrap(),
            "round {round}: the PDF changed after a kill at {delay:?}"
        );
        assert!(json == std::fs::read(d.join("out/briefing-2020-10-01.json")).unwrap());
        let state = brief::state::State::open(&d.join("out/.brief/state.sqlite"), "a test")
            .unwrap_or_else(|e| panic!("round {round}: the state after a kill: {e}"));
        assert_eq!(state.integrity().unwrap(), "ok", "round {round}");
    }
    ok(&brief_in(d, &args, &[]));
    assert!(pdf == std::fs::read(d.join("out/briefing-2020-10-01.pdf")).unwrap());
}

#[test]
fn the_systemd_units_are_accepted_by_systemd() {
    let test = "the_systemd_units_are_accepted_by_systemd";
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        return skip(test, "systemd-analyze (Debian package systemd)");
    }
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units");
    let out = brief_in(
        dir.path(),
        &["schedule", "systemd", "--at", "05:30", "--dir", "units"],
        &[],
    );
    ok(&out);
    let service = std::fs::read_to_string(units.join("brief.service")).unwrap();
    assert!(
        service.contains(" generate --since last --send\n"),
        "{service}"
    );
    let timer = std::fs::read_to_string(units.join("brief.timer")).unwrap();
    assert!(timer.contains("OnCalendar=*-*-* 05:30:00"), "{timer}");
    let (verified, report) = systemd_verify(&units);
    assert!(verified, "{report}");
    assert!(!report.contains("brief.service:"), "{report}");
    assert!(!report.contains("brief.timer:"), "{report}");
    // Units already there are kept.
    let again = brief_in(dir.path(), &["schedule", "systemd", "--dir", "units"], &[]);
    assert_eq!(again.status.code(), Some(6));
    let cron = brief_in(dir.path(), &["schedule", "cron", "--at", "05:30"], &[]);
    ok(&cron);
    let line = String::from_utf8_lossy(&cron.stdout);
    assert!(line.starts_with("30 5 * * * cd "), "{line}");
    assert!(line.contains(" generate --since last --send"), "{line}");
}

/// A Python that has aiosmtpd, for the SMTP server.
fn python_with_aiosmtpd() -> Option<&'static str> {
    ["/usr/bin/python3", "python3"].into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import aiosmtpd"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// A certificate authority and a certificate for `localhost` it signed, with openssl.
fn certificates(dir: &Path) -> bool {
    let run = |args: &[&str]| {
        Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    std::fs::write(
        dir.join("leaf.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=brief test authority",
    ]) && run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
    ]) && run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "leaf.cnf",
    ])
}

/// The SMTP server, killed when dropped.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server(python: &str, dir: &Path, port: u16) -> Server {
    use std::io::BufRead;
    let mut child = Command::new(python)
        .arg(common::root().join("tests/fixtures/smtp/server.py"))
        .args([
            &port.to_string(),
            "server.pem",
            "server.key",
            "mails",
            "brief",
            "s3cret-pass",
            "refused@example.org",
        ])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "READY", "the SMTP server starts");
    Server(child)
}

/// A message the server received, parsed back by Python's e-mail package: its parts, the
/// attachment's bytes and the inline picture's content id.
fn parse_message(python: &str, path: &Path) -> Value {
    let script = r#"
import email, email.policy, json, sys, hashlib
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
parts = []
for p in m.walk():
    body = p.get_payload(decode=True)
    parts.append({"type": p.get_content_type(), "disposition": p.get_content_disposition(),
                  "filename": p.get_filename(), "cid": p["Content-ID"],
                  "sha256": hashlib.sha256(body).hexdigest() if body is not None else None,
                  "text": p.get_content() if p.get_content_maintype() == "text" else None})
print(json.dumps({"subject": m["Subject"], "to": m["To"], "cc": m["Cc"], "bcc": m["Bcc"],
                  "message_id": m["Message-ID"], "parts": parts}))
"#;
    let out = Command::new(python)
        .args(["-c", script])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn mails(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir.join("mails"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    found.sort();
    found
}

/// A copy of the seeds with the SMTP test server running for it (STARTTLS and AUTH required,
/// messages written to `mails/`), stopped when dropped.
struct Smtp {
    dir: tempfile::TempDir,
    python: &'static str,
    port: u16,
    _server: Server,
}

/// The test's project and SMTP server, or `None` (the test skipped, saying why) without
/// Python's aiosmtpd or openssl.
fn smtp_project(test: &str) -> Option<Smtp> {
    let Some(python) = python_with_aiosmtpd() else {
        skip(
            test,
            "python3 with aiosmtpd (Debian package python3-aiosmtpd)",
        );
        return None;
    };
    let dir = project();
    if !certificates(dir.path()) {
        skip(test, "openssl to make the test server's certificate");
        return None;
    }
    std::fs::create_dir(dir.path().join("mails")).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = start_server(python, dir.path(), port);
    Some(Smtp {
        dir,
        python,
        port,
        _server: server,
    })
}

#[test]
fn the_briefing_goes_once_to_each_recipient_through_a_real_smtp_server() {
    let test = "the_briefing_goes_once_to_each_recipient_through_a_real_smtp_server";
    let Some(smtp) = smtp_project(test) else {
        return;
    };
    let (d, python, port) = (smtp.dir.path(), smtp.python, smtp.port);
    std::fs::write(
        d.join("brief.toml"),
        format!(
            "title = \"Note d'essai\"\n\n[mail]\nhost = \"localhost\"\nport = {port}\nsecurity = \"starttls\"\nusername = \"brief\"\npassword_env = \"TEST_SMTP_PASSWORD\"\nfrom = \"Brief <brief@example.org>\"\nto = [\"analyste@example.org\", \"refused@example.org\"]\ncc = [\"chef@example.org\"]\nbcc = [\"archives@example.org\"]\nsubject = \"[{{date}}] {{title}}\"\nca_file = \"ca.pem\"\n"
        ),
    )
    .unwrap();
    let env = [("TEST_SMTP_PASSWORD", "s3cret-pass")];
    let out = brief_in(
        d,
        &[
            "generate",
            "--since",
            "2024-12",
            "--date",
            "2026-11-21",
            "--send",
            "--log-format",
            "json",
        ],
        &env,
    );
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(7), "{stderr}");
    assert!(!stderr.contains("s3cret-pass"), "no password in the logs");
    for line in stderr.lines() {
        serde_json::from_str::<Value>(line).unwrap_or_else(|_| panic!("not JSON: {line}"));
    }
    assert!(
        stderr.contains("\"recipient\":\"refused@example.org\""),
        "{stderr}"
    );
    let pdf = std::fs::read(d.join("out/briefing-2026-11-21.pdf")).expect("published all the same");
    let png = std::fs::read(d.join("out/briefing-2026-11-21.png")).unwrap();
    let received = mails(d);
    let names: Vec<String> = received
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for who in ["analyste@", "chef@", "archives@"] {
        assert!(names.iter().any(|n| n.contains(who)), "{who} {names:?}");
    }
    let message = parse_message(python, &received[0]);
    assert_eq!(message["subject"], "[2026-11-21] Note d'essai");
    assert_eq!(message["bcc"], Value::Null, "Bcc stays out of the headers");
    assert!(message["message_id"]
        .as_str()
        .is_some_and(|m| m.contains('@')));
    let parts = message["parts"].as_array().unwrap();
    let part = |kind: &str| parts.iter().find(|p| p["type"] == kind).unwrap();
    assert!(part("text/plain")["text"]
        .as_str()
        .unwrap()
        .contains("Note d'essai"));
    let html = part("text/html")["text"].as_str().unwrap();
    let picture = part("image/png");
    assert_eq!(picture["disposition"], "inline");
    let cid = picture["cid"].as_str().unwrap().trim_matches(['<', '>']);
    assert!(html.contains(&format!("cid:{cid}")), "{html}");
    assert_eq!(picture["sha256"], sha256(&png));
    let attached = part("application/pdf");
    assert_eq!(attached["filename"], "briefing-2026-11-21.pdf");
    assert_eq!(
        attached["sha256"],
        sha256(&pdf),
        "the PDF attached is the one published"
    );

    // Again: only the refused recipient is tried; --resend serves everyone again.
    let again = brief_in(d, &["send", "--date", "2026-11-21"], &env);
    assert_eq!(again.status.code(), Some(7));
    assert_eq!(mails(d).len(), 3, "nobody served twice");
    let resend = brief_in(
        d,
        &[
            "send",
            "--date",
            "2026-11-21",
            "--resend",
            "--to",
            "analyste@example.org",
        ],
        &env,
    );
    ok(&resend);
    assert_eq!(mails(d).len(), 4);
    let only = parse_message(python, mails(d).last().unwrap());
    assert_eq!(only["cc"], Value::Null, "--to: nobody else named");
    let state = std::fs::read(d.join("out/.brief/state.sqlite")).unwrap();
    assert!(
        !state.windows(11).any(|w| w == b"s3cret-pass"),
        "no password in the state"
    );
    let deliveries = brief::state::State::open(&d.join("out/.brief/state.sqlite"), "a test")
        .unwrap()
        .delivered("2026-11-21".parse().unwrap())
        .unwrap();
    assert_eq!(
        deliveries.into_iter().collect::<Vec<_>>(),
        [
            "analyste@example.org",
            "archives@example.org",
            "chef@example.org"
        ]
    );
}

#[test]
fn a_send_that_finds_no_briefing_leaves_nothing_behind() {
    let dir = project();
    let d = dir.path();
    std::fs::write(
        d.join("brief.toml"),
        "[mail]\nhost = \"localhost\"\nsecurity = \"none\"\nfrom = \"brief@example.org\"\nto = [\"a@example.org\"]\n",
    )
    .unwrap();
    let out = brief_in(d, &["send", "--date", "2026-11-21"], &[]);
    assert_eq!(
        out.status.code(),
        Some(6),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!d.join("out").exists(), "no state, no folder left");
}

#[test]
fn json_logs_are_one_object_per_line_ending_with_a_summary() {
    let dir = project();
    let out = brief_in(
        dir.path(),
        &[
            "generate",
            "--since",
            "2024-12",
            "--date",
            "2026-11-21",
            "--log-format",
            "json",
        ],
        &[],
    );
    ok(&out);
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    assert!(lines
        .iter()
        .any(|l| l["event"] == "stage" && l["stage"] == "compile"));
    let last = lines.last().unwrap();
    assert_eq!(last["event"], "summary");
    assert_eq!(last["exit_code"], 0);
    assert!(last["articles"].as_u64().unwrap() > 0);
    // Every warning of the briefing (an undated article it cites, too) is in the log, counted.
    let logged: Vec<String> = lines
        .iter()
        .filter(|l| l["event"] == "warning")
        .map(|l| {
            format!(
                "{}: {}",
                l["file"].as_str().unwrap_or(""),
                l["message"].as_str().unwrap()
            )
        })
        .collect();
    let briefing = common::json(&dir.path().join("out/briefing-2026-11-21.json"));
    let written: Vec<String> = briefing["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect();
    assert!(!written.is_empty(), "the seeds have undated articles");
    for warning in &written {
        assert!(
            logged.contains(warning),
            "{warning:?} not in the log: {logged:?}"
        );
    }
    assert_eq!(last["warnings"].as_u64().unwrap() as usize, logged.len());
    let quiet = brief_in(
        dir.path(),
        &[
            "generate",
            "--since",
            "2024-12",
            "--date",
            "2026-11-21",
            "--quiet",
        ],
        &[],
    );
    ok(&quiet);
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

/// The briefing without what only a state adds (new, updated, first briefing, changes).
fn without_marks(mut v: Value) -> Value {
    match &mut v {
        Value::Object(map) => {
            for key in ["new", "updated", "first_briefing", "changes"] {
                map.remove(key);
            }
            for value in map.values_mut() {
                *value = without_marks(value.take());
            }
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                *item = without_marks(item.take());
            }
        }
        _ => {}
    }
    v
}

#[test]
fn a_warm_run_gives_the_briefing_of_a_cold_run() {
    let test = "a_warm_run_gives_the_briefing_of_a_cold_run";
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = d.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    if orangesum_sample(test, 1500, &corpus).is_none() {
        return;
    }
    let args = |out: &str| {
        vec![
            "generate".to_string(),
            "--corpus".into(),
            "corpus".into(),
            "--since".into(),
            "2000-01".into(),
            "--date".into(),
            "2020-10-01".into(),
            "--out".into(),
            out.into(),
        ]
    };
    let run = |out: &str| {
        let a = args(out);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        brief_in(d, &a, &[])
    };
    ok(&run("warm"));
    std::fs::write(
        corpus.join("new.txt"),
        NEW_ARTICLE.replace("23-11-2026", "30-09-2020"),
    )
    .unwrap();
    let warm = run("warm");
    ok(&warm);
    ok(&run("cold"));
    let read = |out: &str| -> Value {
        serde_json::from_slice(
            &std::fs::read(d.join(out).join("briefing-2020-10-01.json")).unwrap(),
        )
        .unwrap()
    };
    let (warm_json, cold_json) = (read("warm"), read("cold"));
    assert!(
        warm_json.to_string().contains("Moussa Abdou"),
        "the new article is in the briefing"
    );
    assert_eq!(without_marks(warm_json), without_marks(cold_json));
}

/// The `brief` binary linked (or copied) into `dir` under a name a shell and systemd must quote
/// (systemd refuses quotes in a program's name: `brief schedule systemd` says so).
fn program_in(dir: &Path) -> PathBuf {
    let bin = dir.join("bin $PATH 100%n");
    std::fs::create_dir(&bin).unwrap();
    let program = bin.join("brief");
    let built = Path::new(env!("CARGO_BIN_EXE_brief"));
    if std::fs::hard_link(built, &program).is_err() {
        std::fs::copy(built, &program).unwrap();
    }
    program
}

#[test]
fn the_schedule_quotes_odd_paths_for_the_shell_and_systemd_and_refuses_a_line_break() {
    let dir = tempfile::tempdir().unwrap();
    let program = program_in(dir.path());
    let odd = dir.path().join("it's $HOME 100% \"x\" \\ y");
    std::fs::create_dir(&odd).unwrap();
    let schedule = |folder: &Path, args: &[&str]| {
        Command::new(&program)
            .arg("schedule")
            .args(args)
            .current_dir(folder)
            .output()
            .unwrap()
    };
    // The crontab line, as cron hands it to the shell (`\%` becomes `%`).
    let cron = schedule(&odd, &["cron", "--at", "05:30"]);
    ok(&cron);
    let line = String::from_utf8(cron.stdout).unwrap();
    let command = line
        .splitn(6, ' ')
        .nth(5)
        .unwrap()
        .trim_end()
        .replace("\\%", "%");
    let (cd, run) = command
        .split_once(" && ")
        .expect("cd FOLDER && PROGRAM ARGS");
    let pwd = Command::new("sh")
        .arg("-c")
        .arg(format!("{cd} && pwd -P"))
        .output()
        .unwrap();
    let here = odd.canonicalize().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&pwd.stdout).trim_end(),
        here.to_str().unwrap()
    );
    let args = " generate --since last --send --log-format json";
    let program_only = run.strip_suffix(args).expect("the nightly arguments");
    let version = Command::new("sh")
        .arg("-c")
        .arg(format!("{program_only} --version"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&version.stdout).starts_with("brief "),
        "{line}"
    );
    // The units: systemd finds the program through its escaping.
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok()
    {
        let units = dir.path().join("units");
        ok(&schedule(
            &odd,
            &["systemd", "--dir", units.to_str().unwrap()],
        ));
        let service = std::fs::read_to_string(units.join("brief.service")).unwrap();
        assert!(
            service.contains(&format!(
                "WorkingDirectory={}\n",
                here.to_str().unwrap().replace('%', "%%")
            )),
            "{service}"
        );
        let (verified, report) = systemd_verify(&units);
        assert!(
            verified && !report.contains("brief.service:"),
            "{report}\n{service}"
        );
    } else {
        skip(
            "the_schedule_quotes_odd_paths…",
            "systemd-analyze (Debian package systemd)",
        );
    }
    // A line break in the folder's name would add a setting or a crontab entry: refused.
    let broken = dir.path().join("a\nExecStartPre=touch pwned");
    std::fs::create_dir(&broken).unwrap();
    for args in [&["cron"][..], &["systemd", "--dir", "units2"][..]] {
        let refused = schedule(&broken, args);
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&refused.stderr).contains("line break"));
        assert!(refused.stdout.is_empty());
    }
    assert!(!broken.join("units2").exists());
}

#[test]
fn a_hundred_recipients_are_served_through_folded_headers_and_a_shared_password_file_is_flagged() {
    let test = "a_hundred_recipients_are_served_through_folded_headers…";
    let Some(smtp) = smtp_project(test) else {
        return;
    };
    let (d, python, port) = (smtp.dir.path(), smtp.python, smtp.port);
    std::fs::write(d.join("password"), "s3cret-pass\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(d.join("password"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let to: Vec<String> = (0..100)
        .map(|i| format!("\"analyste{i}@example.org\""))
        .collect();
    std::fs::write(
        d.join("brief.toml"),
        format!(
            "[mail]\nhost = \"localhost\"\nport = {port}\nusername = \"brief\"\npassword_file = \"password\"\nfrom = \"brief@example.org\"\nto = [{}]\nca_file = \"ca.pem\"\n",
            to.join(", ")
        ),
    )
    .unwrap();
    ok(&brief_in(
        d,
        &["generate", "--since", "2024-12", "--date", "2026-11-21"],
        &[],
    ));
    let sent = brief_in(d, &["send", "--date", "2026-11-21"], &[]);
    ok(&sent);
    let stderr = String::from_utf8_lossy(&sent.stderr);
    assert!(stderr.contains("can be read by other users"), "{stderr}");
    assert_eq!(mails(d).len(), 100);
    let message = parse_message(python, &mails(d)[0]);
    let named = message["to"].as_str().unwrap();
    assert_eq!(named.matches("@example.org").count(), 100, "{named}");
    let raw = std::fs::read(&mails(d)[0]).unwrap();
    let head = &raw[..raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap()];
    assert!(head.split(|&b| b == b'\n').all(|l| l.len() <= 80), "folded");
}

#[test]
fn a_silent_server_costs_one_deadline_for_the_whole_send() {
    let dir = project();
    let d = dir.path();
    // A server that accepts connections and never says a word.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let to: Vec<String> = (0..20).map(|i| format!("\"a{i}@example.org\"")).collect();
    std::fs::write(
        d.join("brief.toml"),
        format!(
            "[mail]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\nfrom = \"brief@example.org\"\nto = [{}]\ntimeout = 1\ndeadline = 3\n",
            to.join(", ")
        ),
    )
    .unwrap();
    ok(&brief_in(
        d,
        &["generate", "--since", "2024-12", "--date", "2026-11-21"],
        &[],
    ));
    let started = Instant::now();
    let sent = brief_in(d, &["send", "--date", "2026-11-21"], &[]);
    let took = started.elapsed().as_secs_f64();
    assert_eq!(sent.status.code(), Some(7));
    assert!(
        took < 8.0,
        "20 recipients of a silent server took {took:.1} s"
    );
    let stderr = String::from_utf8_lossy(&sent.stderr);
    assert!(
        stderr.contains("no answer from the server within 1 s"),
        "{stderr}"
    );
    assert!(
        stderr.contains("not tried: the send's deadline of 3 s had passed"),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
}

#[test]
fn an_article_that_arrives_after_its_night_is_told_the_next_night() {
    let dir = project();
    let d = dir.path();
    // In the archive from the start, dated before night 1's week: read by night 1, not late.
    let archived = "10-11-2026 08:00 - La Russie livre des hélicoptères au Mali\n\nLa Russie a livré mardi quatre hélicoptères de combat à l'armée malienne à Bamako, a annoncé le ministère malien de la Défense.\n";
    std::fs::write(d.join("seeds/903_archived.txt"), archived).unwrap();
    ok(&brief_in(
        d,
        &["generate", "--since", "last", "--date", "2026-11-22"],
        &[],
    ));
    assert!(source_of(&json(d, "2026-11-22"), "903_archived").is_none());
    // After night 1 ran: an article dated the 22nd, and one dated two months before.
    let late = NEW_ARTICLE
        .replace("23-11-2026", "22-11-2026")
        .replace("lundi", "dimanche");
    std::fs::write(d.join("seeds/901_late.txt"), late).unwrap();
    let old = "15-09-2026 08:00 - Le Mali inaugure un pont sur le fleuve Niger\n\nLe Premier ministre malien a inauguré mardi un pont routier à Bamako, financé par la Banque africaine de développement, a rapporté la télévision publique du Mali.\n";
    std::fs::write(d.join("seeds/902_old.txt"), old).unwrap();
    ok(&brief_in(
        d,
        &["generate", "--since", "last", "--date", "2026-11-23"],
        &[],
    ));
    let second = json(d, "2026-11-23");
    assert_eq!(second["period"]["since"], "2026-11-23");
    let sources = second["sources"].as_array().unwrap();
    let late = sources
        .iter()
        .find(|s| s["file"].as_str().unwrap().contains("901_late"))
        .expect("the late article is in the next briefing");
    assert_eq!(late["late"], true);
    let id = late["id"].as_str().unwrap();
    let told: Vec<&Value> = facts(&second)
        .into_iter()
        .filter(|f| f["sources"].as_array().unwrap().iter().any(|s| s == id))
        .collect();
    assert!(!told.is_empty(), "{second}");
    assert!(told.iter().all(|f| f["new"] == true));
    assert!(
        source_of(&second, "902_old").is_none(),
        "an article dated long before the period is not news"
    );
    assert!(
        source_of(&second, "903_archived").is_none(),
        "an article an earlier night read did not arrive late"
    );
    // The night after, it is no longer new, nor late.
    ok(&brief_in(
        d,
        &["generate", "--since", "last", "--date", "2026-11-24"],
        &[],
    ));
    assert!(source_of(&json(d, "2026-11-24"), "901_late").is_none());
}

#[test]
fn a_send_after_a_plain_generate_shows_the_first_page_all_the_same() {
    let test = "a_send_after_a_plain_generate_shows_the_first_page_all_the_same";
    let Some(smtp) = smtp_project(test) else {
        return;
    };
    let (d, python, port) = (smtp.dir.path(), smtp.python, smtp.port);
    std::fs::write(
        d.join("brief.toml"),
        format!("[mail]\nhost = \"localhost\"\nport = {port}\nusername = \"brief\"\npassword_env = \"TEST_SMTP_PASSWORD\"\nfrom = \"brief@example.org\"\nto = [\"analyste@example.org\"]\nca_file = \"ca.pem\"\n"),
    )
    .unwrap();
    let env = [("TEST_SMTP_PASSWORD", "s3cret-pass")];
    ok(&brief_in(
        d,
        &["generate", "--since", "2024-12", "--date", "2026-11-21"],
        &env,
    ));
    assert!(
        !d.join("out/briefing-2026-11-21.png").exists(),
        "a plain run writes no picture"
    );
    ok(&brief_in(d, &["send", "--date", "2026-11-21"], &env));
    let mail = &mails(d)[0];
    let message = parse_message(python, mail);
    let parts = message["parts"].as_array().unwrap();
    let picture = parts
        .iter()
        .find(|p| p["type"] == "image/png")
        .expect("the first page is in");
    assert_eq!(picture["disposition"], "inline");
    let cid = picture["cid"].as_str().unwrap().trim_matches(['<', '>']);
    let html = parts.iter().find(|p| p["type"] == "text/html").unwrap()["text"]
        .as_str()
        .unwrap();
    assert!(html.contains(&format!("cid:{cid}")));
    // The picture is the page: A4 at 1.5 px per point, and ink on it.
    let save = "import email, email.policy, sys\nm = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)\nfor p in m.walk():\n    if p.get_content_type() == 'image/png':\n        open(sys.argv[2], 'wb').write(p.get_payload(decode=True))\n";
    let png = d.join("page.png");
    let saved = Command::new(python)
        .args(["-c", save])
        .arg(mail)
        .arg(&png)
        .status()
        .unwrap();
    assert!(saved.success());
    let page = image::open(&png).unwrap().to_luma8();
    assert!(
        (892..=893).contains(&page.width()) && page.height() == 1262,
        "A4 at 1.5 px/pt: {} × {}",
        page.width(),
        page.height()
    );
    let dark = page.pixels().filter(|p| p.0[0] < 100).count();
    assert!(dark > 10_000, "text on the page: {dark} dark pixels");
}

/// `systemd-analyze verify` of the units in `units`: whether it passed, and what it said.
fn systemd_verify(units: &std::path::Path) -> (bool, String) {
    let verify = Command::new("systemd-analyze")
        .arg("verify")
        .arg(units.join("brief.service"))
        .arg(units.join("brief.timer"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&verify.stderr).to_string()
        + &String::from_utf8_lossy(&verify.stdout);
    (verify.status.success(), report)
}

#[test]
fn the_settings_file_names_the_corpus_a_scheduled_run_reads() {
    // A scheduled run gives no --corpus: `corpus` in brief.toml says where the articles are,
    // relative to the file.
    let dir = project();
    std::fs::rename(dir.path().join("seeds"), dir.path().join("articles")).unwrap();
    let args = [
        "generate",
        "--since",
        "2024-12",
        "--date",
        "2026-11-21",
        "--no-state",
    ];
    let without = brief_in(dir.path(), &args, &[]);
    assert_eq!(without.status.code(), Some(3), "no seeds/ and no setting");
    std::fs::write(dir.path().join("brief.toml"), "corpus = \"articles\"\n").unwrap();
    ok(&brief_in(dir.path(), &args, &[]));
    let briefing = common::json(&dir.path().join("out/briefing-2026-11-21.json"));
    let read = std::fs::read_dir(dir.path().join("articles"))
        .unwrap()
        .count();
    assert_eq!(briefing["corpus"]["files"].as_u64().unwrap() as usize, read);
    // From elsewhere, through --config, the path is still the file's folder's.
    let elsewhere = tempfile::tempdir().unwrap();
    let config = dir.path().join("brief.toml");
    let mut from_elsewhere = args.to_vec();
    from_elsewhere.extend(["--config", config.to_str().unwrap()]);
    ok(&brief_in(elsewhere.path(), &from_elsewhere, &[]));
    // The flag wins over the file.
    let mut flag = args.to_vec();
    flag.extend(["--corpus", "nowhere"]);
    assert_eq!(brief_in(dir.path(), &flag, &[]).status.code(), Some(3));
}
