//! Stage 6, files in the output folder. Every output is first written whole to a temporary file
//! in the same folder, then renamed over its final name, so a reader never sees half a PDF and a
//! failed run never replaces a good one.

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error("cannot write to the output folder {dir}: {reason} (choose a writable folder with --out)")]
pub struct PublishError {
    pub dir: String,
    pub reason: String,
}

/// Writes each `(file name, bytes)` into `dir` (created if missing). All temporary files are
/// written before any rename, so an error while writing leaves every old output in place.
pub fn publish(dir: &Path, outputs: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, PublishError> {
    let error = |reason: String| PublishError {
        dir: dir.to_string_lossy().into_owned(),
        reason,
    };
    std::fs::create_dir_all(dir).map_err(|e| error(e.to_string()))?;
    let mut staged = Vec::new();
    for (name, bytes) in outputs {
        let mut temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| error(e.to_string()))?;
        temp.write_all(bytes)
            .and_then(|_| temp.as_file().sync_all())
            .map_err(|e| error(e.to_string()))?;
        readable_by_all(temp.as_file()).map_err(|e| error(e.to_string()))?;
        staged.push((temp, dir.join(name)));
    }
    let mut written = Vec::new();
    for (temp, target) in staged {
        temp.persist(&target)
            .map_err(|e| error(e.error.to_string()))?;
        written.push(target);
    }
    Ok(written)
}

/// Temporary files are created private (0600); a published briefing is an ordinary file.
#[cfg(unix)]
fn readable_by_all(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        )
        .unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(std::fs::read(out.join("a.pdf")).unwrap(), b"one");
        let names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
