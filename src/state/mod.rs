//! The nightly job's memory: a SQLite database (`OUT/.brief/state.sqlite` by default) that
//! records the articles seen and when, every run, and every item a briefing published, so that
//! the next run can say what is new.
//!
//! One run at a time: the state is held through an OS lock on a file beside the database,
//! which the system releases when the process ends, however it ends (`kill -9` included). A run
//! writes nothing to the database until its PDF is published, and then writes everything in one
//! transaction: a run killed on the way leaves the state as it was.

mod cache;
mod marks;
mod schema;

pub use cache::{NewExtractions, NewFiles, StoredFiles};

pub use marks::{article_hash, mark, Published, Seen};

/// SHA-256 of some bytes, in hex (outputs as the state records them).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    crate::hashing::hex(&sha2::Sha256::digest(bytes))
}

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::fs;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The state's file inside the output folder, unless `--state` moves it.
pub const DEFAULT_FILE: &str = ".brief/state.sqlite";

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Another run holds the state.
    #[error("another brief run is using the state {state} ({holder}); this run changed nothing: let it finish, the next scheduled run will catch up")]
    Busy { state: String, holder: String },
    #[error(
        "cannot use the state {state}: {message}; fix it, move it aside, or run with --no-state"
    )]
    Unusable { state: String, message: String },
    /// The state's folder cannot be made: beside the outputs, an output folder problem.
    #[error("cannot write to the {where_} {dir} for the state: {message} (choose a writable folder with --out, or move the state with --state, or run with --no-state); nothing was changed")]
    Folder {
        where_: &'static str,
        dir: String,
        message: String,
    },
}

/// Unused room in the state worth giving back, in bytes.
const SHRINK_BYTES: i64 = 8 * 1024 * 1024;

/// The open state, locked for this process until dropped.
pub struct State {
    conn: Connection,
    path: PathBuf,
    lock: fs::File,
    /// The folders this run made for a state that did not exist (outermost first), so that a
    /// run that fails can take back everything it created.
    created: Option<Vec<PathBuf>>,
}

/// What a run records once its briefing is published.
#[derive(Debug, Clone)]
pub struct RunRecord {
    pub started: String,
    pub ended: String,
    pub arguments: String,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub briefing_date: NaiveDate,
    pub outputs: Vec<(String, String)>,
    pub warnings: usize,
    pub timings: Vec<(String, f64)>,
}

impl State {
    /// Opens (creating it and its folder if needed) and locks the state at `path`. A state held
    /// by another run is `Busy`, and nothing is created or changed.
    pub fn open(path: &Path, command: &str) -> Result<State, StateError> {
        let shown = crate::paths::shown(path);
        let unusable = |message: String| StateError::Unusable {
            state: shown.clone(),
            message,
        };
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let created = crate::publish::missing_folders(parent);
        fs::create_dir_all(parent).map_err(|e| StateError::Folder {
            where_: if parent.ends_with(".brief") {
                "output folder"
            } else {
                "folder"
            },
            dir: crate::paths::shown(parent),
            message: e.to_string(),
        })?;
        let lock = lock(path, command).map_err(|e| match e {
            Locked::Busy(holder) => StateError::Busy {
                state: shown.clone(),
                holder,
            },
            Locked::Io(e) => unusable(format!("cannot lock it: {e}")),
        })?;
        // Only the lock's holder may tell whether the state is new.
        let fresh = match fs::symlink_metadata(path) {
            Ok(metadata) => {
                existing(&metadata).map_err(|m| unusable(m.to_string()))?;
                false
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(unusable(crate::files::describe_io(&e))),
        };
        let flags = rusqlite::OpenFlags::default() | rusqlite::OpenFlags::SQLITE_OPEN_NOFOLLOW;
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| unusable(e.to_string()))?;
        if !fresh {
            sound(&conn).map_err(unusable)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .and_then(|()| conn.pragma_update(None, "synchronous", "NORMAL"))
            .and_then(|()| conn.busy_timeout(std::time::Duration::from_secs(10)))
            .map_err(|e| unusable(e.to_string()))?;
        schema::migrate(&mut conn).map_err(unusable)?;
        Ok(State {
            conn,
            path: path.to_path_buf(),
            lock,
            created: fresh.then_some(created),
        })
    }

    /// Whether this run created the state (it did not exist before).
    pub fn is_new(&self) -> bool {
        self.created.is_some()
    }

    /// Takes back a state this run created: its files, then the folders made for it (those
    /// left empty). A state that existed before is kept as it is.
    pub fn discard_if_new(self) {
        let Some(created) = self.created else {
            return;
        };
        drop(self.conn);
        for suffix in ["", "-wal", "-shm", "-journal", ".lock"] {
            let mut name = self.path.as_os_str().to_owned();
            name.push(suffix);
            let _ = fs::remove_file(PathBuf::from(name));
        }
        drop(self.lock);
        for folder in created.iter().rev() {
            let _ = fs::remove_dir(folder);
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The date of the last briefing a run published, before `date`.
    pub fn last_briefing_before(&self, date: NaiveDate) -> Result<Option<NaiveDate>, StateError> {
        self.conn
            .query_row(
                "SELECT max(briefing_date) FROM runs WHERE outcome = 'published' AND briefing_date < ?1",
                params![date.to_string()],
                |row| row.get::<_, Option<String>>(0),
            )
            .map_err(|e| self.unusable(e))
            .map(|d| d.and_then(|d| d.parse().ok()))
    }

    /// The day each of these articles (by content hash) was first seen, for those seen before.
    pub fn first_seen(
        &self,
        hashes: &[String],
    ) -> Result<std::collections::HashMap<String, NaiveDate>, StateError> {
        // One pass over the table: a nightly corpus is read again whole, so most are there.
        let wanted: std::collections::HashSet<&str> = hashes.iter().map(String::as_str).collect();
        let mut query = self
            .conn
            .prepare_cached("SELECT hash, first_seen FROM articles")
            .map_err(|e| self.unusable(e))?;
        let rows = query
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(|e| self.unusable(e))?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (hash, day) = row.map_err(|e| self.unusable(e))?;
            if let (true, Ok(day)) = (wanted.contains(hash.as_str()), day.parse()) {
                out.insert(hash, day);
            }
        }
        Ok(out)
    }

    /// What earlier briefings published (for the new/updated marks).
    pub fn seen(&self, date: NaiveDate) -> Result<Seen<'_>, StateError> {
        Seen::load(&self.conn, date).map_err(|e| self.unusable(e))
    }

    /// Records a published run: the articles read, the items published and the run itself, in
    /// one transaction.
    pub fn record(
        &mut self,
        run: &RunRecord,
        articles: &[(String, String)],
        published: &Published,
        extractions: &NewExtractions,
        files: &NewFiles,
    ) -> Result<(), StateError> {
        let shown = crate::paths::shown(&self.path);
        let tx = self.conn.transaction().map_err(|e| StateError::Unusable {
            state: shown.clone(),
            message: e.to_string(),
        })?;
        let result = (|| -> rusqlite::Result<()> {
            let day = run.briefing_date.to_string();
            {
                let mut insert = tx.prepare_cached(
                    "INSERT OR IGNORE INTO articles (hash, source, first_seen) VALUES (?1, ?2, ?3)",
                )?;
                for (hash, source) in articles {
                    insert.execute(params![hash, source, day])?;
                }
            }
            published.save(&tx, &day)?;
            extractions.save(&tx)?;
            files.save(&tx)?;
            insert_run(&tx, run, "published")
        })();
        result
            .and_then(|()| tx.commit())
            .map_err(|e| StateError::Unusable {
                state: shown,
                message: e.to_string(),
            })?;
        self.shrink();
        Ok(())
    }

    /// Gives back to the file system the room of what the state no longer holds (corpus files
    /// changed or gone), once it is a quarter of the file and more than `SHRINK_BYTES`. The
    /// state is sound either way: a failure here only leaves the room unused.
    fn shrink(&self) {
        let pragma = |name: &str| -> i64 {
            self.conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
                .unwrap_or(0)
        };
        let (free, pages, size) = (
            pragma("freelist_count"),
            pragma("page_count"),
            pragma("page_size"),
        );
        if free * 4 > pages && free * size > SHRINK_BYTES {
            let _ = self.conn.execute_batch("VACUUM");
        }
    }

    /// Records a run that stopped before publishing, with why.
    pub fn record_failure(&self, run: &RunRecord, error: &str) -> Result<(), StateError> {
        insert_run(&self.conn, run, &format!("failed: {error}")).map_err(|e| self.unusable(e))
    }

    /// The SHA-256 the last published run of `briefing` recorded for its output `name`.
    pub fn published_output(
        &self,
        briefing: NaiveDate,
        name: &str,
    ) -> Result<Option<String>, StateError> {
        let outputs: Option<String> = self
            .conn
            .query_row(
                "SELECT outputs FROM runs WHERE outcome = 'published' AND briefing_date = ?1 ORDER BY id DESC LIMIT 1",
                params![briefing.to_string()],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .map_err(|e| self.unusable(e))?;
        let outputs: Vec<(String, String)> = outputs
            .and_then(|o| serde_json::from_str(&o).ok())
            .unwrap_or_default();
        Ok(outputs.into_iter().find(|(n, _)| n == name).map(|(_, d)| d))
    }

    /// The recipients this briefing was delivered to.
    pub fn delivered(
        &self,
        briefing: NaiveDate,
    ) -> Result<std::collections::BTreeSet<String>, StateError> {
        let mut query = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT recipient FROM deliveries WHERE briefing = ?1 AND delivered = 1",
            )
            .map_err(|e| self.unusable(e))?;
        let rows = query
            .query_map(params![briefing.to_string()], |r| r.get::<_, String>(0))
            .map_err(|e| self.unusable(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.unusable(e))
    }

    /// Records each attempt to deliver this briefing, in one transaction.
    pub fn record_deliveries(
        &mut self,
        briefing: NaiveDate,
        deliveries: &[crate::mail::Delivery],
    ) -> Result<(), StateError> {
        let sent_at = chrono::Local::now().to_rfc3339();
        let day = briefing.to_string();
        let result = (|| -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            {
                let mut insert = tx.prepare_cached(
                    "INSERT INTO deliveries (briefing, recipient, message_id, sent_at, reply, delivered)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?;
                for d in deliveries {
                    insert.execute(params![
                        day,
                        d.recipient,
                        d.message_id,
                        sent_at,
                        d.reply,
                        d.delivered
                    ])?;
                }
            }
            tx.commit()
        })();
        result.map_err(|e| self.unusable(e))
    }

    /// SQLite's own check of the database: "ok" when sound.
    pub fn integrity(&self) -> Result<String, StateError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.unusable(e))
    }

    fn unusable(&self, e: rusqlite::Error) -> StateError {
        StateError::Unusable {
            state: crate::paths::shown(&self.path),
            message: e.to_string(),
        }
    }
}

/// Whether an existing state file may be opened: a regular file (never followed through a
/// symbolic link, which could lead to a database that is not ours) that is not empty (an empty
/// file would start a new history, and every recipient would be mailed again).
fn existing(metadata: &fs::Metadata) -> Result<(), &'static str> {
    if metadata.file_type().is_symlink() {
        return Err("it is a symbolic link, which brief does not follow (give --state the file it points to)");
    }
    crate::files::regular(metadata)?;
    if metadata.len() == 0 {
        return Err("it is empty, so its history is lost (a new one would mail every recipient again); restore it from a backup, or move it away to start a new history");
    }
    Ok(())
}

/// Whether an existing database is a sound state of brief's: SQLite's quick check passes, and
/// it has brief's tables (a foreign database is never migrated into one).
fn sound(conn: &Connection) -> Result<(), String> {
    let check: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| format!("{e}: it is not a database brief can read"))?;
    if check != "ok" {
        return Err(format!(
            "it is damaged (SQLite's check says: {}); restore it from a backup, or move it away to start a new history",
            crate::paths::one_line(&check)
        ));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    let ours: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('articles', 'runs', 'deliveries')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    if version < 1 || ours < 3 {
        return Err("it is not a state brief wrote (it lacks brief's tables), and brief does not change another program's database; give --state another file".into());
    }
    Ok(())
}

/// One row of `runs`.
fn insert_run(conn: &Connection, run: &RunRecord, outcome: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO runs (started, ended, arguments, since, until, briefing_date, outcome, outputs, warnings, timings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            run.started,
            run.ended,
            run.arguments,
            run.since.map(|d| d.to_string()),
            run.until.map(|d| d.to_string()),
            run.briefing_date.to_string(),
            outcome,
            serde_json::to_string(&run.outputs).expect("outputs serialise"),
            run.warnings as i64,
            serde_json::to_string(&run.timings).expect("timings serialise"),
        ],
    )
    .map(|_| ())
}

enum Locked {
    Busy(String),
    Io(std::io::Error),
}

/// Takes the lock file beside the database without waiting, and writes who holds it; a lock
/// someone holds gives what they wrote.
fn lock(path: &Path, command: &str) -> Result<fs::File, Locked> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let mut file = crate::files::open_lock(Path::new(&name)).map_err(Locked::Io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            return Err(Locked::Busy(if holder.is_empty() {
                "a process that has not said who it is".to_string()
            } else {
                holder.to_string()
            }));
        }
        Err(fs::TryLockError::Error(e)) => return Err(Locked::Io(e)),
    }
    let holder = format!(
        "process {} `{command}`, started {}",
        std::process::id(),
        chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
    );
    file.set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(holder.as_bytes()))
        .map_err(Locked::Io)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_opener_is_told_who_holds_the_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        let first = State::open(&path, "brief generate").unwrap();
        match State::open(&path, "brief generate") {
            Err(StateError::Busy { holder, .. }) => {
                assert!(holder.contains(&std::process::id().to_string()), "{holder}");
            }
            other => panic!("expected busy, got {:?}", other.map(|_| ())),
        }
        drop(first);
        State::open(&path, "brief generate").expect("free once the first is gone");
    }

    #[test]
    fn the_last_briefing_is_the_last_published_one_before_the_date() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = State::open(&dir.path().join("s.sqlite"), "test").unwrap();
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let run = |d: &str| RunRecord {
            started: String::new(),
            ended: String::new(),
            arguments: String::new(),
            since: None,
            until: None,
            briefing_date: day(d),
            outputs: Vec::new(),
            warnings: 0,
            timings: Vec::new(),
        };
        assert_eq!(state.last_briefing_before(day("2025-03-10")).unwrap(), None);
        let none = marks::Published::default();
        state
            .record(
                &run("2025-03-08"),
                &[],
                &none,
                &NewExtractions::default(),
                &NewFiles::default(),
            )
            .unwrap();
        state.record_failure(&run("2025-03-09"), "boom").unwrap();
        assert_eq!(
            state.last_briefing_before(day("2025-03-10")).unwrap(),
            Some(day("2025-03-08"))
        );
        assert_eq!(state.last_briefing_before(day("2025-03-08")).unwrap(), None);
    }
}
