//! User templates run apart, under limits. A template is a program: a Tera loop or a Typst
//! `range` can run for ever or take all the memory, and a macro that calls itself overflows the
//! stack. So with `--templates`, the render and compile stages run in a child process (`brief`
//! itself, started with a hidden subcommand) with a memory limit set on itself (`RLIMIT_AS`)
//! and a wall-clock limit kept by the parent, which kills it when time is up. Whatever happens to
//! the child, the parent reports it as an error naming the templates, and nothing is written.
//! The built-in templates run in-process.
//!
//! The parent sends the job as JSON on the child's standard input; the child answers with one
//! JSON line (the outcome and the sizes of what follows), then the markup, PDF and PNG bytes.

use crate::compile::{CompileError, Compiled};
use crate::render::{RenderError, TemplateSource};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The hidden subcommand that makes `brief` a worker.
pub const WORKER_COMMAND: &str = "typeset-worker";

/// Default wall-clock limit for user templates (`--compile-timeout`).
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 60;
/// Default memory limit for user templates (`--compile-memory`): address space, in bytes.
pub const DEFAULT_MEMORY_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// How user templates are run.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The `brief` executable to start as the worker.
    pub program: PathBuf,
    /// Wall-clock time for rendering and compiling, after which the worker is killed.
    pub timeout: Duration,
    /// The worker's address space, set by the worker on itself (`RLIMIT_AS`).
    pub memory_bytes: u64,
}

/// Everything the templates need to be rendered and compiled: no path, nothing to read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    /// The templates, `briefing.typ` among them.
    pub templates: Vec<TemplateSource>,
    /// The templates' context (see `render::context`).
    pub context: serde_json::Value,
    /// The briefing's date (the PDF's date and typst's `today`).
    #[serde(with = "iso_day")]
    pub date: NaiveDate,
    /// Files the markup may read (the logo, the map), by name.
    pub assets: Vec<(String, Vec<u8>)>,
    /// Whether to draw the first page as a PNG too.
    pub preview: bool,
}

/// What the parent sends the worker: the job, and the memory limit to set on itself.
#[derive(Serialize, Deserialize)]
struct Request<'a> {
    memory_bytes: u64,
    job: std::borrow::Cow<'a, Job>,
}

/// A day as "YYYY-MM-DD" in the job.
mod iso_day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// What typesetting gave: the markup and the compiled document.
pub struct Typeset {
    pub markup: String,
    pub compiled: Compiled,
}

/// Why typesetting failed.
#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
pub enum TypesetError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Compile(#[from] CompileError),
    /// The worker panicked: a bug in `brief`, not in the templates.
    #[error("{0}")]
    Bug(String),
}

/// Renders and compiles in this process (the worker's work).
pub fn typeset(job: &Job) -> Result<Typeset, TypesetError> {
    let markup = render_markup(job)?;
    let compiled = compile_markup(job, &markup)?;
    Ok(Typeset { markup, compiled })
}

/// The job's templates rendered into Typst markup.
pub fn render_markup(job: &Job) -> Result<String, RenderError> {
    crate::render::Templates::from_sources(&job.templates)?.render(&job.context)
}

/// The markup compiled with the job's assets.
pub fn compile_markup(job: &Job, markup: &str) -> Result<Compiled, CompileError> {
    let assets: Vec<(&str, Vec<u8>)> = job
        .assets
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.clone()))
        .collect();
    crate::compile::compile(markup, job.date, &assets, job.preview)
}

/// The worker's first line of output.
#[derive(Serialize, Deserialize)]
struct Header {
    outcome: Result<Sizes, TypesetError>,
}

#[derive(Serialize, Deserialize)]
struct Sizes {
    markup: usize,
    pdf: usize,
    png: Option<usize>,
    pages: usize,
    warnings: Vec<String>,
}

/// Runs `job` in a worker process under `limits`. `shown` names the templates in messages.
pub fn run(job: &Job, limits: &Limits, shown: &str) -> Result<Typeset, TypesetError> {
    let limit_error = |what: String| {
        TypesetError::Compile(CompileError::Limit(format!(
            "your templates ({shown}) {what}; nothing was written"
        )))
    };
    let request = Request {
        memory_bytes: limits.memory_bytes,
        job: std::borrow::Cow::Borrowed(job),
    };
    let input = serde_json::to_vec(&request).expect("the job serialises");
    // No environment: nothing of the host's reaches the templates. glibc's malloc is told to
    // keep to two arenas, so that the address-space limit measures memory, not reservations.
    let mut child = Command::new(&limits.program)
        .arg(WORKER_COMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_clear()
        .env("MALLOC_ARENA_MAX", "2")
        .spawn()
        .map_err(|e| {
            limit_error(format!(
                "could not be run: cannot start {}: {e}",
                crate::paths::shown(&limits.program)
            ))
        })?;
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let stdout = read_in_background(child.stdout.take().expect("piped"), usize::MAX);
    let stderr = read_in_background(child.stderr.take().expect("piped"), 64 * 1024);
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= limits.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(limit_error(format!(
                    "took more than {} s to render and compile (--compile-timeout): a loop that does not end?",
                    limits.timeout.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(limit_error(format!("could not be run: {e}"))),
        }
    };
    let _ = writer.join();
    let output = stdout.join().unwrap_or_default();
    let errors = String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned();
    if let Some(panic) = panic_message(&errors) {
        return Err(TypesetError::Bug(format!(
            "brief's template worker failed ({panic}): this is a bug in brief; please report it with the command line and your templates"
        )));
    }
    if !status.success() || output.is_empty() {
        return Err(limit_error(crash_reason(&errors, limits)));
    }
    parse_output(&output).ok_or_else(|| limit_error("gave an unreadable answer".into()))?
}

/// Why the worker died, from what it printed.
fn crash_reason(errors: &str, limits: &Limits) -> String {
    if errors.contains("overflowed its stack") {
        "recurse too deep (the recursion limit is the worker's stack): a macro or an include that calls itself without end?".into()
    } else if errors.contains("memory allocation of") {
        format!(
            "needed more than {} MB of memory (--compile-memory)",
            limits.memory_bytes / (1024 * 1024)
        )
    } else {
        let last = errors.lines().rev().find(|l| !l.trim().is_empty());
        format!(
            "stopped the worker ({}): try again with the built-in templates to tell your templates from brief",
            crate::paths::one_line(last.unwrap_or("it exited without a word"))
        )
    }
}

/// The message of a panic, if the worker panicked ("thread 'main' panicked at FILE:LINE:" and
/// the message on the next line).
fn panic_message(errors: &str) -> Option<String> {
    let mut lines = errors.lines();
    let at = lines.position(|l| l.contains("panicked at"))?;
    let place = errors.lines().nth(at).unwrap_or_default().trim();
    let message = errors.lines().nth(at + 1).unwrap_or_default().trim();
    Some(crate::paths::one_line(&format!("{place} {message}")))
}

fn read_in_background(
    mut source: impl Read + Send + 'static,
    keep: usize,
) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut chunk = [0u8; 64 * 1024];
        while let Ok(n) = source.read(&mut chunk) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&chunk[..n]);
            if bytes.len() > keep {
                bytes.drain(..bytes.len() - keep);
            }
        }
        bytes
    })
}

fn parse_output(output: &[u8]) -> Option<Result<Typeset, TypesetError>> {
    let newline = output.iter().position(|&b| b == b'\n')?;
    let header: Header = serde_json::from_slice(&output[..newline]).ok()?;
    let sizes = match header.outcome {
        Ok(sizes) => sizes,
        Err(error) => return Some(Err(error)),
    };
    let mut rest = &output[newline + 1..];
    let mut take = |n: usize| -> Option<Vec<u8>> {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head.to_vec())
    };
    let markup = String::from_utf8(take(sizes.markup)?).ok()?;
    let pdf = take(sizes.pdf)?;
    let preview_png = match sizes.png {
        Some(n) => Some(take(n)?),
        None => None,
    };
    Some(Ok(Typeset {
        markup,
        compiled: Compiled {
            pdf,
            preview_png,
            pages: sizes.pages,
            warnings: sizes.warnings,
        },
    }))
}

/// The worker: reads a job on standard input, limits its own memory, typesets, and writes the
/// outcome on standard output. Returns the process's exit code.
pub fn serve() -> i32 {
    let mut input = Vec::new();
    if std::io::stdin().read_to_end(&mut input).is_err() {
        return 2;
    }
    let Ok(request) = serde_json::from_slice::<Request>(&input) else {
        eprintln!("the worker got an unreadable job");
        return 2;
    };
    drop(input);
    limit_memory(request.memory_bytes);
    let job = request.job.into_owned();
    let (header, bytes) = match typeset(&job) {
        Ok(done) => {
            let sizes = Sizes {
                markup: done.markup.len(),
                pdf: done.compiled.pdf.len(),
                png: done.compiled.preview_png.as_ref().map(Vec::len),
                pages: done.compiled.pages,
                warnings: done.compiled.warnings,
            };
            let mut bytes = done.markup.into_bytes();
            bytes.extend_from_slice(&done.compiled.pdf);
            bytes.extend(done.compiled.preview_png.unwrap_or_default());
            (Header { outcome: Ok(sizes) }, bytes)
        }
        Err(error) => (
            Header {
                outcome: Err(error),
            },
            Vec::new(),
        ),
    };
    let mut out = std::io::stdout().lock();
    let line = serde_json::to_vec(&header).expect("the header serialises");
    let written = out
        .write_all(&line)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.write_all(&bytes))
        .and_then(|()| out.flush());
    if written.is_err() {
        return 2;
    }
    0
}

/// Caps this process's address space, and leaves no core file if it dies.
fn limit_memory(bytes: u64) {
    #[cfg(unix)]
    {
        use rustix::process::{setrlimit, Resource, Rlimit};
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        );
        let _ = setrlimit(
            Resource::As,
            Rlimit {
                current: Some(bytes),
                maximum: Some(bytes),
            },
        );
    }
    #[cfg(not(unix))]
    let _ = bytes;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_output_round_trips() {
        let output = {
            let header = Header {
                outcome: Ok(Sizes {
                    markup: 3,
                    pdf: 4,
                    png: None,
                    pages: 1,
                    warnings: vec!["w".into()],
                }),
            };
            let mut bytes = serde_json::to_vec(&header).unwrap();
            bytes.push(b'\n');
            bytes.extend_from_slice(b"abc%PDF");
            bytes
        };
        let done = parse_output(&output).unwrap().ok().unwrap();
        assert_eq!(done.markup, "abc");
        assert_eq!(done.compiled.pdf, b"%PDF");
        assert_eq!(done.compiled.warnings, ["w"]);
        assert!(parse_output(&output[..output.len() - 1]).is_none());
    }
}
