//! A run stopped from outside: SIGTERM (a scheduler's stop, a shutdown), SIGINT (Ctrl-C) or
//! SIGHUP end the run cleanly: the temporary files it wrote go, a summary line says what was
//! and was not done, and it exits with 128 + the signal's number, as a shell would report it.
//! A publication under way (outputs renamed, state committing) is finished or taken back first,
//! never cut in half.
//!
//! SIGXFSZ (a file past `ulimit -f`) would kill the run without a word; it is caught, so the
//! write that crosses the limit fails with "File too large" and the run reports it like a full
//! disk, leaving every previous output in place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The temporary files this process has written and not yet renamed or removed.
static TEMPORARIES: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
/// Held while outputs and state are being swapped: a signal waits for it.
static PUBLISHING: Mutex<()> = Mutex::new(());
/// Whether this run's briefing has been published (outputs in place, state recorded).
static PUBLISHED: AtomicBool = AtomicBool::new(false);

/// What the summary line says, and in which form, when a signal stops the run.
pub type Summary = Box<dyn Fn(&str, i32, bool) + Send + 'static>;

/// Catches SIGXFSZ for the whole process, and SIGTERM, SIGINT and SIGHUP with a thread that
/// cleans up, calls `summary` and exits. Idempotent enough for one call per process.
pub fn install(summary: Summary) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
    signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)))?;
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                stop(signal, summary);
            }
        })?;
    Ok(())
}

/// Waits for a publication under way, removes this run's temporary files, says so and exits.
fn stop(signal: i32, summary: Summary) -> ! {
    let _publishing = PUBLISHING.lock().unwrap_or_else(|e| e.into_inner());
    for path in temporaries().iter() {
        let _ = std::fs::remove_file(path);
    }
    let name = match signal {
        signal_hook::consts::SIGTERM => "SIGTERM",
        signal_hook::consts::SIGINT => "SIGINT",
        signal_hook::consts::SIGHUP => "SIGHUP",
        _ => "a signal",
    };
    let code = 128 + signal;
    summary(name, code, PUBLISHED.load(Ordering::SeqCst));
    std::process::exit(code)
}

fn temporaries() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner())
}

/// Notes a temporary file this run wrote, to be removed if a signal stops the run.
pub fn track(path: &Path) {
    temporaries().insert(path.to_path_buf());
}

/// A temporary file that has been renamed into place or removed.
pub fn untrack(path: &Path) {
    temporaries().remove(path);
}

/// Runs `publication` (renaming outputs into place and recording them) without a signal
/// cutting it in half; a signal that comes meanwhile takes effect once it is done.
pub fn publishing<T>(publication: impl FnOnce() -> T) -> T {
    let _held = PUBLISHING.lock().unwrap_or_else(|e| e.into_inner());
    publication()
}

/// Notes that the briefing is published, for the summary of a run stopped afterwards.
pub fn published() {
    PUBLISHED.store(true, Ordering::SeqCst);
}
