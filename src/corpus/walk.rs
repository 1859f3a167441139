//! Which files a corpus path holds. A folder is walked with `walkdir` in sorted order, hidden
//! entries skipped, on one file system. Symbolic links are followed only while they stay inside
//! the corpus folder, and loops (a link to a folder above it) are detected and not followed. A file
//! reached twice (through a link) is read once. Everything that is not a regular file (a FIFO, a
//! socket, a device) is left out. Each problem is a warning that names the entry; the walk goes on.

use crate::files::regular;
use crate::paths::shown;
use crate::warning::Warning;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// A regular file to read.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// Its name in the corpus, as shown to the user (escaped; see `Names`).
    pub shown: String,
    /// Its size on disk, before any decompression.
    pub len: u64,
}

/// How the files of one corpus path are named in warnings, the JSON and the PDF: by their path
/// relative to the corpus folder (a file given alone: by its own name), never by where the
/// machine keeps them, so the same files give the same names, ids and fingerprint wherever they
/// are. When several corpus paths are given, each name starts with its path's own name (see
/// `prefixes`).
#[derive(Debug, Clone)]
pub struct Names<'a> {
    root: &'a Path,
    prefix: Option<String>,
}

/// The prefix of each corpus path's names: none for a single path; else the path's own name,
/// numbered when two paths have the same one ("news", "news-2").
pub fn prefixes(roots: &[PathBuf]) -> Vec<Option<String>> {
    if roots.len() < 2 {
        return vec![None; roots.len()];
    }
    let mut taken = HashSet::new();
    roots
        .iter()
        .map(|root| {
            let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            let name = canonical
                .file_name()
                .map_or_else(|| shown(root), |n| shown(Path::new(n)));
            let unique = (1..)
                .map(|n| {
                    if n == 1 {
                        name.clone()
                    } else {
                        format!("{name}-{n}")
                    }
                })
                .find(|candidate| !taken.contains(candidate))
                .expect("a free name");
            taken.insert(unique.clone());
            Some(unique)
        })
        .collect()
}

impl<'a> Names<'a> {
    /// Names below `root`, each after `prefix` and a slash when there is one.
    pub fn new(root: &'a Path, prefix: Option<String>) -> Self {
        Names { root, prefix }
    }

    /// The name of `path`, a path below the root (or the root itself).
    pub fn of(&self, path: &Path) -> String {
        let relative = match path.strip_prefix(self.root) {
            Ok(rest) if !rest.as_os_str().is_empty() => shown(rest),
            _ => path
                .file_name()
                .map_or_else(|| shown(path), |n| shown(Path::new(n))),
        };
        match &self.prefix {
            Some(prefix) => format!("{prefix}/{relative}"),
            None => relative,
        }
    }
}

/// The regular files below `names`' root (or the root itself), with a warning for each entry
/// left out. Fails only when the root itself does not exist or cannot be listed.
pub fn files(names: &Names) -> Result<(Vec<Found>, Vec<Warning>), std::io::Error> {
    let root = names.root;
    let metadata = fs::metadata(root)?;
    let mut warnings = Vec::new();
    if !metadata.is_dir() {
        let mut found = Vec::new();
        match regular(&metadata) {
            Ok(()) => found.push(Found {
                path: root.to_path_buf(),
                shown: names.of(root),
                len: metadata.len(),
            }),
            Err(kind) => warnings.push(Warning::about(names.of(root), format!("skipped: {kind}"))),
        }
        return Ok((found, warnings));
    }
    fs::read_dir(root)?;
    let inside = fs::canonicalize(root)?;
    let device = identity(&metadata).map(|(device, _)| device);
    let mut outside = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .same_file_system(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| keep(entry, &inside, names, &mut outside));
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {
                if let Some(warning) = other_file_system(&entry, device, names) {
                    problems.push(warning);
                }
            }
            Ok(entry) => {
                if let Some(file) = regular_file(&entry, names, &mut seen, &mut problems) {
                    found.push(file);
                }
            }
            Err(error) => problems.push(walk_problem(&error, names)),
        }
    }
    warnings.extend(outside);
    warnings.extend(problems);
    Ok((found, warnings))
}

/// Whether to yield (and descend into) an entry: not hidden, and not a link that leads out of
/// the corpus folder.
fn keep(entry: &DirEntry, inside: &Path, names: &Names, outside: &mut Vec<Warning>) -> bool {
    if entry.depth() == 0 {
        return true;
    }
    if entry.file_name().to_string_lossy().starts_with('.') {
        return false;
    }
    if !entry.path_is_symlink() {
        return true;
    }
    match fs::canonicalize(entry.path()) {
        Ok(target) if target.starts_with(inside) => true,
        Ok(_) => {
            outside.push(Warning::about(
                names.of(entry.path()),
                "skipped: a symbolic link that leads out of the corpus folder",
            ));
            false
        }
        // A broken link: walkdir reports it when it follows it.
        Err(_) => true,
    }
}

/// A folder on another file system (a mount point inside the corpus), which the walk does not
/// enter: said, not silent.
fn other_file_system(entry: &DirEntry, device: Option<u64>, names: &Names) -> Option<Warning> {
    let here = entry.metadata().ok().as_ref().and_then(identity)?.0;
    (device? != here).then(|| {
        Warning::about(
            names.of(entry.path()),
            "skipped: a folder on another file system (a mount point); not entered",
        )
    })
}

fn regular_file(
    entry: &DirEntry,
    names: &Names,
    seen: &mut HashSet<(u64, u64)>,
    problems: &mut Vec<Warning>,
) -> Option<Found> {
    let name = names.of(entry.path());
    let metadata = match entry.metadata() {
        Ok(m) => m,
        Err(e) => {
            problems.push(Warning::about(name, format!("skipped: {e}")));
            return None;
        }
    };
    if let Err(kind) = regular(&metadata) {
        problems.push(Warning::about(name, format!("skipped: {kind}")));
        return None;
    }
    if let Some(identity) = identity(&metadata) {
        if !seen.insert(identity) {
            problems.push(Warning::about(
                name,
                "skipped: the same file as another path of the corpus (reached through a link)",
            ));
            return None;
        }
    }
    Some(Found {
        path: entry.path().to_path_buf(),
        shown: name,
        len: metadata.len(),
    })
}

#[cfg(unix)]
fn identity(metadata: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// A folder that cannot be listed, a broken link or a link loop, as a warning naming it.
fn walk_problem(error: &walkdir::Error, names: &Names) -> Warning {
    let path = error.path().unwrap_or(names.root);
    let message = if let Some(ancestor) = error.loop_ancestor() {
        let target = if ancestor == names.root {
            "the corpus folder".to_string()
        } else {
            names.of(ancestor)
        };
        format!("skipped: a link loop (it leads back to {target}); not followed")
    } else {
        match error.io_error() {
            Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                "skipped: a broken symbolic link".to_string()
            }
            Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                "skipped: permission denied (check its permissions)".to_string()
            }
            Some(io) => format!("skipped: {io}"),
            None => format!("skipped: {error}"),
        }
    };
    Warning::about(names.of(path), message)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(found: &[Found], root: &Path) -> Vec<String> {
        found
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn two_corpus_folders_of_one_name_give_distinct_names() {
        let place = tempfile::tempdir().unwrap();
        let roots: Vec<PathBuf> = ["a/news", "b/news", "c/other"]
            .iter()
            .map(|r| place.path().join(r))
            .collect();
        for root in &roots {
            fs::create_dir_all(root).unwrap();
            fs::write(root.join("x.txt"), "texte").unwrap();
        }
        let shown: Vec<String> = roots
            .iter()
            .zip(prefixes(&roots))
            .map(|(root, prefix)| {
                let (found, _) = files(&Names::new(root, prefix)).unwrap();
                found[0].shown.clone()
            })
            .collect();
        assert_eq!(shown, ["news/x.txt", "news-2/x.txt", "other/x.txt"]);
        assert_eq!(prefixes(&[PathBuf::from("alone")]), vec![None]);
    }

    #[test]
    fn links_inside_are_followed_links_out_and_loops_are_not() {
        let outer = tempfile::tempdir().unwrap();
        let corpus = outer.path().join("corpus");
        fs::create_dir_all(corpus.join("sub")).unwrap();
        fs::write(corpus.join("sub/a.txt"), "a").unwrap();
        fs::write(corpus.join(".hidden.txt"), "h").unwrap();
        fs::write(outer.path().join("secret.txt"), "s").unwrap();
        symlink(outer.path().join("secret.txt"), corpus.join("out.txt")).unwrap();
        symlink(corpus.join("sub/a.txt"), corpus.join("again.txt")).unwrap();
        symlink(&corpus, corpus.join("loop1")).unwrap();
        symlink(".", corpus.join("loop2")).unwrap();
        symlink(corpus.join("nowhere"), corpus.join("broken.txt")).unwrap();
        let (found, warnings) = files(&Names::new(&corpus, None)).unwrap();
        // "again.txt" comes first in sorted order, so "sub/a.txt" is the second path to it.
        assert_eq!(names(&found, &corpus), ["again.txt"]);
        let text: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        let has = |end: &str, what: &str| {
            text.iter()
                .any(|w| w.contains(&format!("{end}: skipped: {what}")))
        };
        assert!(
            has("out.txt", "a symbolic link that leads out"),
            "{text:#?}"
        );
        assert!(has("loop1", "a link loop"), "{text:#?}");
        assert!(has("loop2", "a link loop"), "{text:#?}");
        assert!(has("broken.txt", "a broken symbolic link"), "{text:#?}");
        assert!(has("sub/a.txt", "the same file"), "{text:#?}");
    }
}
