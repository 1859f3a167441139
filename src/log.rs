//! What a run says on standard error: lines for a person (`text`), or one JSON object per line
//! for journald and log shippers (`json`), and nothing but errors with `--quiet`.

use crate::warning::Warning;
use serde_json::{json, Value};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    fn word(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// Where and how messages go.
#[derive(Debug, Clone, Copy, Default)]
pub struct Logger {
    pub format: Format,
    pub quiet: bool,
}

impl Logger {
    /// Whether a progress bar may be drawn: text for a person, not quiet (indicatif itself
    /// draws nothing when standard error is not a terminal).
    pub fn progress(&self) -> bool {
        self.format == Format::Text && !self.quiet
    }

    pub fn warning(&self, warning: &Warning) {
        self.emit(
            Level::Warning,
            "warning",
            &format!("warning: {warning}"),
            json!({ "file": warning.file, "message": warning.message }),
        );
    }

    pub fn error(&self, message: &str, exit_code: i32) {
        self.emit(
            Level::Error,
            "error",
            &format!("error: {message}"),
            json!({ "message": message, "exit_code": exit_code }),
        );
    }

    /// One line for a person, or an event with its fields.
    pub fn info(&self, event: &str, text: &str, fields: Value) {
        self.emit(Level::Info, event, text, fields);
    }

    /// A message of any level: the text for a person, or the event with its fields.
    pub fn emit(&self, level: Level, event: &str, text: &str, fields: Value) {
        if self.quiet && level < Level::Error {
            return;
        }
        let line = match self.format {
            Format::Text if text.is_empty() => return,
            Format::Text => text.to_string(),
            Format::Json => {
                let mut object = json!({ "level": level.word(), "event": event });
                if let (Value::Object(out), Value::Object(more)) = (&mut object, fields) {
                    out.extend(more);
                }
                object.to_string()
            }
        };
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }
}
