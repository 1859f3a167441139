//! E-mail to the analysts: the published briefing as a message with a plain-text part, an HTML
//! part showing the first page inline, and the PDF attached, sent through the SMTP relay of
//! `brief.toml`'s `[mail]` table (lettre). Each recipient gets their own envelope, so that one
//! refused address does not stop the others; the state records every attempt, and a briefing
//! goes once to each recipient unless `--resend`.

use crate::settings::{MailSettings, Security};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Address, Message, SmtpTransport, Transport};
use serde::Deserialize;
use std::path::Path;

/// Seconds to wait for the server at each step, by default.
const TIMEOUT: u64 = 30;
/// Seconds the whole send may take, by default.
const DEADLINE: u64 = 600;
/// The longest header line written; longer ones are folded (RFC 5322 says 78, and refuses
/// past 998).
const HEADER_LINE: usize = 78;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail settings: {0}")]
    Settings(String),
    #[error("{0}")]
    Briefing(String),
    #[error("{failed} of {total} recipient(s) could not be served ({names}); the others were, and every attempt is recorded in the state: fix the address or the server, then run `brief send` again")]
    Refused {
        failed: usize,
        total: usize,
        names: String,
    },
}

impl MailSettings {
    /// Checks what can be checked before connecting.
    pub fn check(&self) -> Result<(), MailError> {
        if self.password_written() {
            return Err(MailError::Settings(
                "[mail] password: never write the password in brief.toml; put it in an environment variable named by password_env, or in a file named by password_file".into(),
            ));
        }
        if self.password_env.is_some() && self.password_file.is_some() {
            return Err(MailError::Settings(
                "[mail] give password_env or password_file, not both".into(),
            ));
        }
        if self.timeout == Some(0) || self.deadline == Some(0) {
            return Err(MailError::Settings(
                "[mail] timeout and deadline are seconds, at least 1 (0 would wait for ever or not at all)".into(),
            ));
        }
        if self.security == Security::None && self.username.is_some() && !self.allow_plaintext {
            return Err(MailError::Settings(
                "[mail] security = \"none\" with a username would send the password in clear: use starttls or tls, or set allow_plaintext = true for a relay on this machine".into(),
            ));
        }
        parse_mailbox(&self.from, "from")?;
        for (list, key) in [(&self.to, "to"), (&self.cc, "cc"), (&self.bcc, "bcc")] {
            for address in list {
                parse_mailbox(address, key)?;
            }
        }
        Ok(())
    }

    /// What the settings allow but should not: a password file others can read.
    pub fn warnings(&self) -> Vec<String> {
        #[cfg(unix)]
        if let Some(path) = &self.password_file {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).map(|m| m.permissions().mode());
            if mode.is_ok_and(|m| m & 0o044 != 0) {
                return vec![format!(
                    "[mail] password_file {} can be read by other users: chmod 600 it",
                    crate::paths::shown(path)
                )];
            }
        }
        Vec::new()
    }

    /// The whole send's budget.
    fn deadline(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.deadline.unwrap_or(DEADLINE))
    }

    /// Each step's budget.
    fn step(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.timeout.unwrap_or(TIMEOUT))
    }

    /// Everything but the connection: the password found and the TLS settings built, so that
    /// a mistake in them stops the run before any work.
    pub fn ready(&self) -> Result<(), MailError> {
        self.check()?;
        self.transport(self.step()).map(|_| ())
    }

    fn password(&self) -> Result<Option<String>, MailError> {
        if let Some(name) = &self.password_env {
            return std::env::var(name).map(Some).map_err(|_| {
                MailError::Settings(format!(
                    "[mail] password_env: the environment variable {name} is not set"
                ))
            });
        }
        if let Some(path) = &self.password_file {
            let bytes = crate::files::read_regular(path, 64 * 1024).map_err(|e| {
                MailError::Settings(format!(
                    "[mail] password_file {}: {e}",
                    crate::paths::shown(path)
                ))
            })?;
            let text = String::from_utf8_lossy(&bytes);
            return Ok(Some(text.lines().next().unwrap_or("").to_string()));
        }
        Ok(None)
    }

    fn transport(&self, timeout: std::time::Duration) -> Result<SmtpTransport, MailError> {
        let mut tls = TlsParameters::builder(self.host.clone());
        if let Some(path) = &self.ca_file {
            let pem = crate::files::read_regular(path, 1024 * 1024).map_err(|e| {
                MailError::Settings(format!("[mail] ca_file {}: {e}", crate::paths::shown(path)))
            })?;
            let cert = Certificate::from_pem(&pem).map_err(|e| {
                MailError::Settings(format!("[mail] ca_file {}: {e}", crate::paths::shown(path)))
            })?;
            tls = tls.add_root_certificate(cert);
        }
        let tls = tls
            .build()
            .map_err(|e| MailError::Settings(format!("[mail] TLS: {e}")))?;
        let (mode, port) = match self.security {
            Security::Starttls => (Tls::Required(tls), 587),
            Security::Tls => (Tls::Wrapper(tls), 465),
            Security::None => (Tls::None, 25),
        };
        let mut builder = SmtpTransport::builder_dangerous(&self.host)
            .port(self.port.unwrap_or(port))
            .tls(mode)
            .timeout(Some(timeout));
        if let Some(user) = &self.username {
            let password = self.password()?.unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok(builder.build())
    }
}

fn parse_mailbox(text: &str, key: &str) -> Result<Mailbox, MailError> {
    text.parse::<Mailbox>()
        .map_err(|e| MailError::Settings(format!("[mail] {key}: {text:?} is not an address: {e}")))
}

/// What the message needs of a published briefing's JSON.
#[derive(Debug, Clone, Deserialize)]
pub struct Summary {
    pub date: String,
    pub period: crate::model::Period,
    pub key_points: Vec<KeyPoint>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct KeyPoint {
    pub text: String,
}

/// What the message says and carries.
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub pdf_name: String,
    pub pdf: Vec<u8>,
    pub png: Option<Vec<u8>>,
}

/// The content id of the first page's picture in the HTML part.
const PAGE_ONE_CID: &str = "page-one";

/// Who a briefing goes to: the addresses the headers show, and one envelope per address
/// (to, cc and bcc, each once whatever its spelling).
#[derive(Debug, Clone, Default)]
pub struct Recipients {
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub envelopes: Vec<String>,
}

impl Recipients {
    /// The settings' recipients, or only `instead` when it is given (then nobody in Cc).
    pub fn of(settings: &MailSettings, instead: &[String]) -> Recipients {
        let (to, cc, bcc) = if instead.is_empty() {
            (
                settings.to.clone(),
                settings.cc.clone(),
                settings.bcc.clone(),
            )
        } else {
            (instead.to_vec(), Vec::new(), Vec::new())
        };
        let mut seen = std::collections::HashSet::new();
        let envelopes = to
            .iter()
            .chain(&cc)
            .chain(&bcc)
            .filter(|a| seen.insert(address_key(a)))
            .cloned()
            .collect();
        Recipients { to, cc, envelopes }
    }

    /// Leaves out those already served (compared by address, whatever the spelling).
    pub fn leave_out(&mut self, served: &std::collections::BTreeSet<String>) {
        let served: std::collections::HashSet<String> =
            served.iter().map(|a| address_key(a)).collect();
        self.envelopes.retain(|a| !served.contains(&address_key(a)));
    }
}

/// An address as a mail server compares it: "Ana <A@x.org>" and "a@x.org" are one.
pub fn address_key(text: &str) -> String {
    text.parse::<Mailbox>()
        .map(|m| m.email.to_string())
        .unwrap_or_else(|_| text.trim().to_string())
        .to_lowercase()
}

/// The message, as every recipient receives it (each in their own envelope).
pub fn message(
    settings: &MailSettings,
    to: &Recipients,
    letter: &Letter,
) -> Result<Message, MailError> {
    let mut builder = Message::builder()
        .from(parse_mailbox(&settings.from, "from")?)
        .subject(letter.subject.clone())
        .message_id(None)
        .date_now();
    for address in &to.to {
        builder = builder.to(parse_mailbox(address, "to")?);
    }
    for address in &to.cc {
        builder = builder.cc(parse_mailbox(address, "cc")?);
    }
    let mut related = MultiPart::related().singlepart(SinglePart::html(letter.html.clone()));
    if let Some(png) = &letter.png {
        related = related.singlepart(Attachment::new_inline(PAGE_ONE_CID.to_string()).body(
            png.clone(),
            ContentType::parse("image/png").expect("a MIME type"),
        ));
    }
    let body = MultiPart::mixed()
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::plain(letter.text.clone()))
                .multipart(related),
        )
        .singlepart(Attachment::new(letter.pdf_name.clone()).body(
            letter.pdf.clone(),
            ContentType::parse("application/pdf").expect("a MIME type"),
        ));
    builder
        .multipart(body)
        .map_err(|e| MailError::Briefing(format!("cannot build the message: {e}")))
}

/// One recipient's outcome.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub recipient: String,
    pub message_id: Option<String>,
    pub delivered: bool,
    /// The server's reply, or why the connection failed.
    pub reply: String,
}

/// Sends `message` to each recipient in its own envelope.
pub fn send(
    settings: &MailSettings,
    message: &Message,
    recipients: &[String],
) -> Result<Vec<Delivery>, MailError> {
    let started = std::time::Instant::now();
    let step = settings.step();
    let deadline = settings.deadline();
    let transport = settings.transport(step)?;
    let from: Address = parse_mailbox(&settings.from, "from")?.email;
    let raw = fold_headers(&message.formatted());
    let message_id = message
        .headers()
        .get_raw("Message-ID")
        .map(|v| v.trim().to_string());
    let mut out = Vec::new();
    for recipient in recipients {
        let left = deadline.saturating_sub(started.elapsed());
        if left.is_zero() {
            out.push(Delivery {
                recipient: recipient.clone(),
                message_id: None,
                delivered: false,
                reply: format!(
                    "not tried: the send's deadline of {} s had passed",
                    deadline.as_secs()
                ),
            });
            continue;
        }
        // The last recipients get what is left of the deadline, not a whole step.
        let short;
        let transport = if left < step {
            short = settings.transport(left)?;
            &short
        } else {
            &transport
        };
        let outcome = parse_mailbox(recipient, "to")
            .and_then(|to| {
                lettre::address::Envelope::new(Some(from.clone()), vec![to.email])
                    .map_err(|e| MailError::Settings(e.to_string()))
            })
            .map_err(|e| e.to_string())
            .and_then(|envelope| {
                transport.send_raw(&envelope, &raw).map_err(|e| {
                    if e.is_timeout() || e.to_string().contains("os error 11") {
                        format!(
                            "no answer from the server within {} s",
                            left.min(step).as_secs()
                        )
                    } else {
                        e.to_string()
                    }
                })
            });
        out.push(match outcome {
            Ok(response) => Delivery {
                recipient: recipient.clone(),
                message_id: message_id.clone(),
                delivered: true,
                reply: format!(
                    "{} {}",
                    response.code(),
                    response.message().collect::<Vec<_>>().join(" ")
                ),
            },
            Err(reason) => Delivery {
                recipient: recipient.clone(),
                message_id: None,
                delivered: false,
                reply: reason,
            },
        });
    }
    Ok(out)
}

/// The message with every header line longer than [`HEADER_LINE`] folded at a space (a line
/// break and the space, which a reader unfolds back): a `To:` naming a hundred analysts would
/// otherwise be one line a strict server refuses.
pub fn fold_headers(raw: &[u8]) -> Vec<u8> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |p| p + 2);
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 20);
    for line in raw[..end].split_inclusive(|&b| b == b'\n') {
        let body = line.strip_suffix(b"\r\n").unwrap_or(line);
        fold_line(body, &mut out);
        out.extend_from_slice(&line[body.len()..]);
    }
    out.extend_from_slice(&raw[end..]);
    out
}

/// Writes one header line, folded before the last space that keeps each piece within
/// [`HEADER_LINE`] (or the first space after, for a word longer than that).
fn fold_line(mut line: &[u8], out: &mut Vec<u8>) {
    while line.len() > HEADER_LINE {
        let spaces = |range: &[u8]| range.iter().rposition(|&b| b == b' ');
        // A space at position 0 starts the piece itself (a continuation line): not a fold.
        let cut = spaces(&line[1..=HEADER_LINE]).map(|p| p + 1).or_else(|| {
            line[HEADER_LINE..]
                .iter()
                .position(|&b| b == b' ')
                .map(|p| p + HEADER_LINE)
        });
        let Some(cut) = cut else {
            break;
        };
        out.extend_from_slice(&line[..cut]);
        out.extend_from_slice(b"\r\n");
        line = &line[cut..];
    }
    out.extend_from_slice(line);
}

/// The plain text and HTML of the message, from the briefing's model, in the labels' language.
pub fn letter_text(
    briefing: &Summary,
    title: &str,
    lang: crate::settings::Lang,
    with_picture: bool,
) -> (String, String) {
    let labels = crate::render::labels(lang);
    let word = |k: &str| labels.get(k).map(String::as_str).unwrap_or("").to_string();
    let date = crate::dates::parse_iso_partial(&briefing.date)
        .map_or_else(|| briefing.date.clone(), |d| d.long(lang));
    let period = crate::render::period_text(&briefing.period, lang, &labels);
    let mut text = format!("{title}\n{date}\n{period}\n\n{}\n", word("key_points"));
    let mut items = String::new();
    for point in &briefing.key_points {
        text.push_str(&format!("- {}\n", point.text));
        items.push_str(&format!("<li>{}</li>", escape(&point.text)));
    }
    text.push_str(&format!("\n{}\n", word("mail_attached")));
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t}</title></head><body>\
         <h1>{t}</h1><p>{d}<br>{p}</p><h2>{k}</h2><ul>{items}</ul>\
         {picture}<p>{a}</p></body></html>",
        t = escape(title),
        d = escape(&date),
        p = escape(&period),
        k = escape(&word("key_points")),
        picture = if with_picture {
            format!(
                "<p><img src=\"cid:{PAGE_ONE_CID}\" alt=\"{}\" style=\"max-width:100%;border:1px solid #ccc\"></p>",
                escape(&word("mail_page_one"))
            )
        } else {
            String::new()
        },
        a = escape(&word("mail_attached")),
    );
    (text, html)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The subject from its pattern.
pub fn subject(pattern: Option<&str>, title: &str, date: &str) -> String {
    pattern
        .unwrap_or("{title} — {date}")
        .replace("{date}", date)
        .replace("{title}", title)
}

/// Reads an output of the briefing to send.
pub fn read_output(path: &Path) -> Result<Vec<u8>, MailError> {
    std::fs::read(path).map_err(|e| {
        MailError::Briefing(format!(
            "cannot read {}: {e}; run `brief generate` for that date first, or give --date",
            crate::paths::shown(path)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(extra: &str) -> Result<MailSettings, String> {
        toml::from_str(&format!(
            "host = \"smtp.example.org\"\nfrom = \"Brief <brief@example.org>\"\nto = [\"a@example.org\"]\n{extra}"
        ))
        .map_err(|e: toml::de::Error| e.to_string())
    }

    #[test]
    fn a_password_in_the_file_is_refused_with_where_it_goes() {
        let s = settings("password = \"hunter2\"").unwrap();
        let error = s.check().unwrap_err().to_string();
        assert!(error.contains("password_env"), "{error}");
        assert!(!error.contains("hunter2"));
    }

    #[test]
    fn long_header_lines_are_folded_at_spaces_and_unfold_to_the_same() {
        let to: Vec<String> = (0..100)
            .map(|i| format!("analyste{i}@example.org"))
            .collect();
        let raw = format!(
            "From: a@b.c\r\nTo: {}\r\nSubject: x\r\n\r\nbody line {}\r\n",
            to.join(", "),
            "y ".repeat(60)
        );
        let folded = fold_headers(raw.as_bytes());
        let text = String::from_utf8(folded).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.split("\r\n").all(|l| l.len() <= HEADER_LINE), "{head}");
        assert_eq!(
            head.replace("\r\n ", " "),
            raw.split_once("\r\n\r\n").unwrap().0
        );
        assert_eq!(
            body,
            raw.split_once("\r\n\r\n").unwrap().1,
            "the body is left alone"
        );
    }

    #[test]
    fn a_zero_timeout_and_a_password_in_clear_are_refused() {
        let base = "host = \"h\"\nfrom = \"a@b.c\"\n";
        let check = |extra: &str| {
            let mail: MailSettings = toml::from_str(&format!("{base}{extra}")).unwrap();
            mail.check()
        };
        assert!(check("timeout = 0\n").is_err());
        assert!(check("deadline = 0\n").is_err());
        let clear = "security = \"none\"\nusername = \"u\"\npassword_env = \"P\"\n";
        assert!(check(clear)
            .unwrap_err()
            .to_string()
            .contains("allow_plaintext"));
        assert!(check(&format!("{clear}allow_plaintext = true\n")).is_ok());
        assert!(
            check("security = \"none\"\n").is_ok(),
            "a local relay without login"
        );
    }

    #[test]
    fn a_bad_address_is_named() {
        let s = settings("cc = [\"not an address\"]").unwrap();
        assert!(s
            .check()
            .unwrap_err()
            .to_string()
            .contains("not an address"));
        assert!(settings("security = \"ssl\"").is_err());
    }

    #[test]
    fn each_address_gets_one_envelope_whatever_its_spelling() {
        let s = settings(
            "cc = [\"Chef <Chef@Example.org>\"]\nbcc = [\"chef@example.org\", \"archives@example.org\"]",
        )
        .unwrap();
        let mut r = Recipients::of(&s, &[]);
        assert_eq!(
            r.envelopes,
            [
                "a@example.org",
                "Chef <Chef@Example.org>",
                "archives@example.org"
            ]
        );
        r.leave_out(&["A@EXAMPLE.ORG".to_string()].into_iter().collect());
        assert_eq!(
            r.envelopes,
            ["Chef <Chef@Example.org>", "archives@example.org"]
        );
        let only = Recipients::of(&s, &["x@example.org".to_string()]);
        assert!(
            only.cc.is_empty(),
            "addresses given instead: nobody else in Cc"
        );
        assert_eq!(only.envelopes, ["x@example.org"]);
    }

    #[test]
    fn the_subject_pattern_takes_the_date_and_title() {
        assert_eq!(
            subject(Some("[{date}] {title}"), "Note Sahel", "2026-11-21"),
            "[2026-11-21] Note Sahel"
        );
        assert_eq!(subject(None, "Note", "2026-11-21"), "Note — 2026-11-21");
    }
}
