//! Reading a file the user named — an article, a template, the settings, the logo — within
//! bounds: regular files only (a FIFO would wait for a writer for ever, `/dev/zero` never ends),
//! opened without blocking and checked once open, and never more bytes than a limit, counted on
//! what is actually read rather than on the size the file claims.

use std::fs;
use std::io::Read;
use std::path::Path;

/// A regular file, or what else it is.
pub fn regular(metadata: &fs::Metadata) -> Result<(), &'static str> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Err("not a regular file (a FIFO)");
        }
        if kind.is_socket() {
            return Err("not a regular file (a socket)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Err("not a regular file (a device)");
        }
    }
    if kind.is_dir() {
        return Err("a folder");
    }
    Err("not a regular file")
}

/// Opens `path` for reading if it is a regular file. On Unix the open does not block (a FIFO
/// swapped in after a check would otherwise wait for a writer for ever) and the type is checked
/// on the open file itself.
pub fn open_regular(path: &Path) -> Result<fs::File, String> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path).map_err(|e| describe_io(&e))?;
    let metadata = file.metadata().map_err(|e| describe_io(&e))?;
    regular(&metadata)?;
    Ok(file)
}

/// Opens (creating it if missing) a lock file for reading and writing: never through a
/// symbolic link (a link planted there would have the run truncate whatever it points to),
/// without blocking, and only if it is a regular file (a FIFO would hang every later run).
pub fn open_lock(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((OFlags::NONBLOCK | OFlags::NOFOLLOW).bits() as i32);
    }
    let file = options.open(path).map_err(|e| {
        if is_symlink(path) {
            std::io::Error::other("it is a symbolic link, which brief does not follow")
        } else {
            e
        }
    })?;
    regular(&file.metadata()?).map_err(std::io::Error::other)?;
    Ok(file)
}

/// Whether `path` itself is a symbolic link.
pub fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// An I/O error in words that say what to do.
pub fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied (check its permissions)".into(),
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        _ => error.to_string(),
    }
}

/// Reads at most `limit` bytes. The flag says whether there was more.
pub fn read_at_most(reader: &mut impl Read, limit: u64) -> std::io::Result<(Vec<u8>, bool)> {
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let over = bytes.len() as u64 > limit;
    bytes.truncate(limit.min(bytes.len() as u64) as usize);
    Ok((bytes, over))
}

/// The bytes of a regular file of at most `limit` bytes, or why not.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let mut file = open_regular(path)?;
    let (bytes, over) = read_at_most(&mut file, limit).map_err(|e| describe_io(&e))?;
    if over {
        return Err(format!("larger than {limit} bytes"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_at_most_stops_on_an_endless_reader() {
        let (bytes, over) = read_at_most(&mut std::io::repeat(b'a'), 1000).unwrap();
        assert_eq!((bytes.len(), over), (1000, true));
        let (bytes, over) = read_at_most(&mut &b"abc"[..], 3).unwrap();
        assert_eq!((bytes.as_slice(), over), (&b"abc"[..], false));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_waiting() {
        assert_eq!(
            read_regular(Path::new("/dev/zero"), 10).unwrap_err(),
            "not a regular file (a device)"
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("settings.toml");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        assert_eq!(
            read_regular(&fifo, 10).unwrap_err(),
            "not a regular file (a FIFO)"
        );
        let file = dir.path().join("big.toml");
        std::fs::write(&file, "0123456789A").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap_err(), "larger than 10 bytes");
        assert_eq!(read_regular(&file, 11).unwrap(), b"0123456789A");
    }
}
