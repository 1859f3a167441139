//! Settings from `brief.toml` (in the working folder, or `--config FILE`): title, organisation,
//! handling marking, language, logo, section sizes, and the `[mail]` table as plain data (the
//! mailer, `mail`, reads it). Flags override them; both are checked before any work starts.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// `brief.toml`, as written by the user. Every key is optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    /// The corpus `generate` reads when no `--corpus` is given (a scheduled run gives none).
    pub corpus: Option<PathBuf>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub marking: Option<String>,
    pub lang: Option<String>,
    pub logo: Option<PathBuf>,
    pub facts_per_country: Option<usize>,
    pub facts_per_meeting: Option<usize>,
    pub key_points: Option<usize>,
    pub quotes: Option<usize>,
    pub timeline: Option<usize>,
    pub meetings: Option<usize>,
    pub countries: Option<usize>,
    /// E-mail to the analysts (`brief send`, `brief generate --send`).
    pub mail: Option<MailSettings>,
    /// The locator map.
    pub map: Option<MapSettings>,
}

/// `[map]` in `brief.toml`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapSettings {
    /// Whose maps the disputed areas' borders follow: a government's ISO3 code ("FRA", the
    /// default; "USA", "RUS", "UKR"…) or "de_facto" (who administers each area).
    pub point_of_view: Option<String>,
}

/// `[mail]` in `brief.toml`: the relay and the recipients, as written (the mailer, `mail`, checks
/// and uses them). The password is never written there: `password_env` names an
/// environment variable that holds it, `password_file` a file (its first line).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    pub host: String,
    pub port: Option<u16>,
    #[serde(default)]
    pub security: Security,
    pub username: Option<String>,
    pub password_env: Option<String>,
    pub password_file: Option<PathBuf>,
    /// Refused with a message saying where the password goes instead.
    password: Option<toml::Value>,
    pub from: String,
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub bcc: Vec<String>,
    /// With `{date}` and `{title}`; default "{title} — {date}".
    pub subject: Option<String>,
    /// A PEM certificate to trust besides the system's (a relay with its own authority).
    pub ca_file: Option<PathBuf>,
    /// Seconds to wait for the server at each step (default 30).
    pub timeout: Option<u64>,
    /// Seconds the whole send may take, every recipient included (default 600): recipients
    /// not tried by then are reported, and the next `brief send` serves them.
    pub deadline: Option<u64>,
    /// Sends the username and password over a connection without TLS (`security = "none"`),
    /// which is refused otherwise.
    #[serde(default)]
    pub allow_plaintext: bool,
}

/// How the connection to the relay is secured: `security` in `[mail]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, required (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same machine.
    None,
}

impl MailSettings {
    /// Whether the file writes a password itself (refused: see `password_env`).
    pub fn password_written(&self) -> bool {
        self.password.is_some()
    }
}

/// The largest settings file read.
const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

/// The name looked up in the working folder when `--config` is not given.
pub const DEFAULT_FILE: &str = "brief.toml";

/// Reads the settings file: `explicit` if given (it must exist), else `brief.toml` if present.
/// Relative paths in it (corpus, logo, [mail] ca_file and password_file) are taken from its
/// folder.
pub fn load(explicit: Option<&Path>) -> Result<(FileSettings, Option<PathBuf>), String> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None if Path::new(DEFAULT_FILE).is_file() => PathBuf::from(DEFAULT_FILE),
        None => return Ok((FileSettings::default(), None)),
    };
    let shown = crate::paths::shown(&path);
    let text = crate::files::read_regular(&path, MAX_SETTINGS_BYTES)
        .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not UTF-8 text".into()))
        .map_err(|e| format!("cannot read the settings file {shown}: {e}"))?;
    let mut settings = parse(&text).map_err(|e| format!("settings file {shown}: {e}"))?;
    if let Some(folder) = path.parent() {
        let beside = |file: &mut Option<PathBuf>| {
            if let Some(relative) = file.as_ref().filter(|f| f.is_relative()) {
                *file = Some(folder.join(relative));
            }
        };
        beside(&mut settings.corpus);
        beside(&mut settings.logo);
        if let Some(mail) = settings.mail.as_mut() {
            beside(&mut mail.ca_file);
            beside(&mut mail.password_file);
        }
    }
    Ok((settings, Some(path)))
}

/// Parses `brief.toml` text.
pub fn parse(text: &str) -> Result<FileSettings, String> {
    toml::from_str(text).map_err(|e: toml::de::Error| {
        let message = e.message().to_string();
        match e.span() {
            Some(span) => format!(
                "line {}: {message}",
                text[..span.start].lines().count().max(1)
            ),
            None => message,
        }
    })
}

/// The briefing's language, for labels and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Result<Lang, String> {
        match text.trim().to_lowercase().as_str() {
            "fr" | "fr-fr" | "français" | "francais" => Ok(Lang::Fr),
            "en" | "en-gb" | "en-us" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language {other:?}: use fr or en")),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_and_rejects_unknown_ones() {
        let s = parse("title = \"Note Sahel\"\norganisation = \"Cellule Afrique\"\nmarking = \"TLP:AMBER\"\nlang = \"en\"\nkey_points = 7\n").unwrap();
        assert_eq!(s.title.as_deref(), Some("Note Sahel"));
        assert_eq!(s.key_points, Some(7));
        let err = parse("titel = \"x\"").unwrap_err();
        assert!(err.contains("line 1") && err.contains("titel"), "{err}");
        assert!(parse("key_points = \"sept\"").is_err());
    }

    #[test]
    fn languages() {
        assert_eq!(Lang::parse("EN").unwrap(), Lang::En);
        assert!(Lang::parse("de").unwrap_err().contains("fr or en"));
    }
}
