//! Stage 6, files in the output folder, all or nothing.
//!
//! Every output is first written whole to a temporary file in the same folder. Only when all are
//! written are they renamed over their final names, the PDF last. If a rename fails, the outputs
//! already renamed are put back as they were, so a failed run leaves every previous output
//! untouched, and the PDF never disagrees with its JSON. Temporary files are named
//! `.NAME.XXXXXX.brief-tmp`; those of a run that was killed are removed by the next one.
//! Writers of one folder take turns through an OS lock on `.brief.lock` in it, which the system
//! releases when a process dies.

use crate::paths::shown;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Suffix of our temporary files (distinct, so that no file of the user's is ever taken for one).
const TEMP_SUFFIX: &str = ".brief-tmp";
/// The lock file in the output folder.
const LOCK_FILE: &str = ".brief.lock";

/// What is being written, for the advice in error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// The briefing's outputs (`--out`).
    Briefing,
    /// `brief templates export DIR`.
    Templates,
    /// `brief schedule systemd --dir DIR`.
    Units,
}

impl Destination {
    fn folder(self) -> &'static str {
        match self {
            Destination::Briefing => "the output folder",
            Destination::Templates => "the templates folder",
            Destination::Units => "the units folder",
        }
    }

    fn advice(self) -> &'static str {
        match self {
            Destination::Briefing => "choose a writable folder with --out",
            Destination::Templates => "give `brief templates export` another folder",
            Destination::Units => {
                "give `brief schedule systemd` another --dir, or add --force to replace them"
            }
        }
    }
}

/// Why the outputs could not be written; in every case, nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The folder cannot be created, locked or written in.
    #[error("cannot write to {} {dir}: {reason} ({}); nothing was changed", .to.folder(), .to.advice())]
    Folder {
        dir: String,
        reason: String,
        to: Destination,
    },
    /// One output cannot take its place (a folder has its name, a rename failed).
    #[error("cannot write {path}: {reason} ({}); nothing was changed", .to.advice())]
    Target {
        path: String,
        reason: String,
        to: Destination,
    },
    /// `templates export` would overwrite a file.
    #[error("{path} already exists; nothing was written ({}, or move the file away)", .to.advice())]
    Exists { path: String, to: Destination },
}

/// Writes each `(file name, bytes)` into `dir` (created if missing), all or nothing (see the
/// module's documentation). Returns the paths written, in the order given.
pub fn publish(
    dir: &Path,
    outputs: &[(String, Vec<u8>)],
    to: Destination,
) -> Result<Vec<PathBuf>, PublishError> {
    publish_then(dir, outputs, to, || Ok::<(), PublishError>(()))
}

/// Like [`publish`], and `finish` runs once every output is in place, before the files they
/// replaced are let go: if it fails, every previous output is put back, so what `finish`
/// records (the nightly state) and the files in the folder are kept or taken back together.
pub fn publish_then<E: From<PublishError>>(
    dir: &Path,
    outputs: &[(String, Vec<u8>)],
    to: Destination,
    finish: impl FnOnce() -> Result<(), E>,
) -> Result<Vec<PathBuf>, E> {
    let created = missing_folders(dir);
    fs::create_dir_all(dir).map_err(|e| PublishError::Folder {
        dir: shown(dir),
        reason: e.to_string(),
        to,
    })?;
    let result = publish_into(dir, outputs, to, finish);
    if result.is_err() && !created.is_empty() {
        // Nothing was changed: the folders this run made go too, with the lock made in them.
        let _ = fs::remove_file(dir.join(LOCK_FILE));
        for folder in created.iter().rev() {
            let _ = fs::remove_dir(folder);
        }
    }
    result
}

/// `dir` and those of its parents that do not exist yet, outermost first.
pub fn missing_folders(dir: &Path) -> Vec<PathBuf> {
    let mut missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    missing
}

/// Writes into an existing folder. Only the briefing's folder has a lock: a templates folder is
/// written once, by hand.
fn publish_into<E: From<PublishError>>(
    dir: &Path,
    outputs: &[(String, Vec<u8>)],
    to: Destination,
    finish: impl FnOnce() -> Result<(), E>,
) -> Result<Vec<PathBuf>, E> {
    let folder_error = |reason: String| PublishError::Folder {
        dir: shown(dir),
        reason,
        to,
    };
    let lock = match to {
        Destination::Briefing => {
            let lock = lock(dir, true).map_err(|e| folder_error(format!("cannot lock it: {e}")))?;
            remove_stale(dir);
            lock
        }
        Destination::Templates | Destination::Units => None,
    };
    for (name, _) in outputs {
        let target = dir.join(name);
        if target.is_dir() {
            return Err(PublishError::Target {
                path: shown(&target),
                reason: "a folder has that name".into(),
                to,
            }
            .into());
        }
    }
    let mut staged = Vec::new();
    for (name, bytes) in outputs {
        let temp = stage(dir, name, bytes).map_err(|e| folder_error(e.to_string()))?;
        staged.push((temp, dir.join(name)));
    }
    crate::interrupt::publishing(|| {
        let done = swap_all(staged, to)?;
        if let Err(e) = finish() {
            for replaced in done.into_iter().rev() {
                replaced.undo();
            }
            return Err(e);
        }
        for replaced in done {
            replaced.commit();
        }
        if to == Destination::Briefing {
            crate::interrupt::published();
        }
        Ok(())
    })?;
    drop(lock);
    Ok(outputs.iter().map(|(name, _)| dir.join(name)).collect())
}

/// Renames every staged file over its target, the PDF last; if one fails, the targets already
/// replaced get their previous files back. The previous files are kept aside until the caller
/// commits or undoes each replacement.
fn swap_all(
    mut staged: Vec<(tempfile::NamedTempFile, PathBuf)>,
    to: Destination,
) -> Result<Vec<Replaced>, PublishError> {
    // The PDF last: whoever sees a new PDF sees the outputs that go with it.
    staged.sort_by_key(|(_, target)| target.extension().is_some_and(|e| e == "pdf"));
    let mut done: Vec<Replaced> = Vec::new();
    for (temp, target) in staged {
        match replace(temp, &target) {
            Ok(replaced) => done.push(replaced),
            Err(reason) => {
                for replaced in done.into_iter().rev() {
                    replaced.undo();
                }
                return Err(PublishError::Target {
                    path: shown(&target),
                    reason,
                    to,
                });
            }
        }
    }
    Ok(done)
}

/// Removes the temporary files that killed runs left in `dir`, if no other run is writing there.
/// Creates nothing: a folder without a lock file has never been written by a run of ours.
pub fn clean_stale(dir: &Path) {
    let lock_file = dir.join(LOCK_FILE);
    if lock_file.is_file() && !crate::files::is_symlink(&lock_file) {
        if let Ok(Some(_lock)) = lock(dir, false) {
            remove_stale(dir);
        }
    }
}

/// Takes the folder's lock (creating the lock file), waiting for it if `wait`, or else `None`
/// when another run holds it.
fn lock(dir: &Path, wait: bool) -> std::io::Result<Option<fs::File>> {
    let file = crate::files::open_lock(&dir.join(LOCK_FILE))?;
    if wait {
        file.lock()?;
        return Ok(Some(file));
    }
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Removes `.*.brief-tmp` files in `dir` (the caller holds the lock).
fn remove_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with('.') && name.ends_with(TEMP_SUFFIX);
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn stage(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    crate::interrupt::track(temp.path());
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    readable_by_all(temp.as_file())?;
    Ok(temp)
}

/// An output renamed into place, with the previous file kept aside until the whole run is in.
struct Replaced {
    target: PathBuf,
    /// A hard link to the file that was there before, if there was one.
    previous: Option<PathBuf>,
}

impl Replaced {
    fn undo(self) {
        match &self.previous {
            Some(previous) => {
                let _ = fs::rename(previous, &self.target);
                crate::interrupt::untrack(previous);
            }
            None => {
                let _ = fs::remove_file(&self.target);
            }
        }
    }

    fn commit(self) {
        if let Some(previous) = &self.previous {
            let _ = fs::remove_file(previous);
            crate::interrupt::untrack(previous);
        }
    }
}

/// Renames `temp` over `target`, keeping a hard link to the file it replaces.
fn replace(temp: tempfile::NamedTempFile, target: &Path) -> Result<Replaced, String> {
    let previous = if target.is_file() {
        let keep = temp.path().with_extension("previous.brief-tmp");
        fs::hard_link(target, &keep)
            .or_else(|_| fs::copy(target, &keep).map(|_| ()))
            .map_err(|e| format!("cannot keep the previous version aside: {e}"))?;
        crate::interrupt::track(&keep);
        Some(keep)
    } else {
        None
    };
    let staged = temp.path().to_path_buf();
    match temp.persist(target) {
        Ok(_) => Ok({
            crate::interrupt::untrack(&staged);
            Replaced {
                target: target.to_path_buf(),
                previous,
            }
        }),
        Err(e) => {
            if let Some(keep) = &previous {
                let _ = fs::remove_file(keep);
                crate::interrupt::untrack(keep);
            }
            Err(e.error.to_string())
        }
    }
}

/// Temporary files are created private (0600); a published briefing is an ordinary file.
#[cfg(unix)]
fn readable_by_all(file: &fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_: &fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new");
        let written = publish(
            &out,
            &[
                ("a.pdf".into(), b"one".to_vec()),
                ("a.json".into(), b"{}".to_vec()),
            ],
            Destination::Briefing,
        )
        .unwrap();
        assert_eq!(written, [out.join("a.pdf"), out.join("a.json")]);
        assert_eq!(fs::read(out.join("a.pdf")).unwrap(), b"one");
        assert_eq!(names(&out), [".brief.lock", "a.json", "a.pdf"]);
    }

    #[test]
    fn a_failed_rename_puts_every_previous_output_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::write(out.join("a.json"), "old json").unwrap();
        fs::write(out.join("a.pdf"), "old pdf").unwrap();
        // "b.txt" cannot be replaced: a folder with a file in it has taken its name.
        fs::create_dir_all(out.join("b.txt/inside")).unwrap();
        let staged = ["a.pdf", "a.json", "b.txt"]
            .iter()
            .map(|name| (stage(out, name, b"new").unwrap(), out.join(name)))
            .collect();
        let error = swap_all(staged, Destination::Briefing)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("cannot write "), "{error}");
        assert!(error.ends_with("b.txt: Is a directory (os error 21) (choose a writable folder with --out); nothing was changed"), "{error}");
        assert_eq!(fs::read_to_string(out.join("a.json")).unwrap(), "old json");
        assert_eq!(fs::read_to_string(out.join("a.pdf")).unwrap(), "old pdf");
        assert_eq!(names(out), ["a.json", "a.pdf", "b.txt"]);
    }

    #[test]
    fn a_failure_in_a_new_folder_leaves_no_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/briefings");
        let error = publish(
            &out,
            &[("a\0b.pdf".into(), b"bad name".to_vec())],
            Destination::Briefing,
        );
        assert!(error.is_err());
        assert!(
            !dir.path().join("new").exists(),
            "the folders made are removed"
        );
    }

    #[test]
    fn stale_temporaries_are_removed_and_user_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::write(
            out.join(".briefing-2026-11-21.pdf.abc123.brief-tmp"),
            "half",
        )
        .unwrap();
        fs::write(out.join(".notes.tmp"), "mine").unwrap();
        fs::write(out.join(LOCK_FILE), "").unwrap();
        clean_stale(out);
        assert_eq!(names(out), [".brief.lock", ".notes.tmp"]);
    }
}
