//! Errors that stop a run, one variant per cause, each with the exit code the README documents.

use crate::compile::CompileError;
use crate::corpus::CorpusError;
use crate::publish::PublishError;
use crate::render::RenderError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error("no article could be read from {corpus} ({files} file(s) looked at; see the warnings above): add .txt articles to it or point --corpus elsewhere")]
    EmptyCorpus {
        corpus: String,
        files: usize,
        warnings: Vec<crate::warning::Warning>,
    },
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
}

impl From<crate::sandbox::TypesetError> for Error {
    fn from(error: crate::sandbox::TypesetError) -> Self {
        match error {
            crate::sandbox::TypesetError::Render(e) => Error::Render(e),
            crate::sandbox::TypesetError::Compile(e) => Error::Compile(e),
        }
    }
}

impl Error {
    /// Warnings gathered before the failure, to show with it.
    pub fn warnings(&self) -> &[crate::warning::Warning] {
        match self {
            Error::EmptyCorpus { warnings, .. } => warnings,
            _ => &[],
        }
    }

    /// The process exit code for this error (documented in README.md).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::Corpus(_) | Error::EmptyCorpus { .. } | Error::NoArticleInWindow { .. } => 3,
            Error::Render(_) => 4,
            Error::Compile(_) => 5,
            Error::Publish(_) => 6,
        }
    }
}
