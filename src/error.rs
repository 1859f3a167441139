//! Errors that stop a run, one variant per cause, each with the exit code the book documents
//! (docs/src/reference/exit-codes.md).

use crate::compile::CompileError;
use crate::corpus::CorpusError;
use crate::publish::PublishError;
use crate::render::RenderError;
use crate::warning::Warning;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error("no article could be read from {corpus} ({files} file(s) found; see the warnings above): add .txt articles to it or point --corpus elsewhere")]
    EmptyCorpus { corpus: String, files: usize },
    #[error(
        "none of the {read} article(s) read falls in the period {period}: widen --since/--until"
    )]
    NoArticleInWindow { read: usize, period: String },
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Compile(#[from] CompileError),
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error(transparent)]
    State(#[from] crate::state::StateError),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),
    /// The records `generate --extracts` reads could not be read.
    #[error(transparent)]
    Records(#[from] crate::extracts::RecordsError),
    /// The records of `brief extract` could not be written.
    #[error("{0}")]
    Output(String),
    /// A bug in `brief` met in the template worker (a panic in the main process is one too).
    #[error("{0}")]
    Bug(String),
}

/// A run that stopped: the error, and the warnings gathered before it (a corpus cut by
/// `--max-corpus-bytes` explains why no article falls in the period).
#[derive(Debug)]
pub struct Failure {
    pub error: Error,
    pub warnings: Vec<Warning>,
}

impl<E: Into<Error>> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure {
            error: error.into(),
            warnings: Vec::new(),
        }
    }
}

impl From<crate::sandbox::TypesetError> for Error {
    fn from(error: crate::sandbox::TypesetError) -> Self {
        match error {
            crate::sandbox::TypesetError::Render(e) => Error::Render(e),
            crate::sandbox::TypesetError::Compile(e) => Error::Compile(e),
            crate::sandbox::TypesetError::Bug(e) => Error::Bug(e),
        }
    }
}

impl Error {
    /// The process exit code for this error (documented in docs/src/reference/exit-codes.md).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::Corpus(_)
            | Error::Records(_)
            | Error::EmptyCorpus { .. }
            | Error::NoArticleInWindow { .. } => 3,
            Error::Render(_) => 4,
            Error::Compile(_) => 5,
            Error::Publish(_) | Error::Output(_) => 6,
            Error::State(crate::state::StateError::Busy { .. }) => crate::schedule::BUSY_EXIT,
            Error::State(crate::state::StateError::Unusable { .. }) => 8,
            Error::State(crate::state::StateError::Folder { .. }) => 6,
            Error::Mail(crate::mail::MailError::Settings(_)) => 2,
            Error::Mail(crate::mail::MailError::Briefing(_)) => 6,
            Error::Mail(crate::mail::MailError::Refused { .. }) => 7,
            Error::Bug(_) => 101,
        }
    }
}
