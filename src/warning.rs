//! Warnings are data: every stage returns them with its result; the binary prints them and the
//! briefing counts them.

use std::fmt;

/// Something the user should know that did not stop the run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The file it concerns, as the user named it, if any.
    pub file: Option<String>,
    pub message: String,
}

impl Warning {
    pub fn about(file: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
            file: Some(file.into()),
            message: message.into(),
        }
    }

    pub fn general(message: impl Into<String>) -> Self {
        Warning {
            file: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Files are already shown escaped; messages may quote text from the input.
        let message = crate::paths::one_line(&self.message);
        match &self.file {
            Some(file) => write!(f, "{}: {message}", crate::paths::one_line(file)),
            None => f.write_str(&message),
        }
    }
}
