//! The state's tables, versioned: `PRAGMA user_version` says how many migrations a database has
//! had, and opening it applies the others, each in its own transaction.

use rusqlite::Connection;

/// Every migration, in order; never edit one that has shipped, add the next.
const MIGRATIONS: &[&str] = &[
    // 1: articles, runs, published items, deliveries.
    "CREATE TABLE articles (
        hash TEXT PRIMARY KEY,          -- SHA-256 of the article as read (title, date, body)
        source TEXT NOT NULL,           -- where it was first found (path, and line for JSON Lines)
        first_seen TEXT NOT NULL        -- the briefing date of the first run that read it
    );
    CREATE TABLE extractions (
        hash TEXT NOT NULL,
        extractor TEXT NOT NULL,        -- the extractor's version: another one extracts again
        data BLOB NOT NULL,
        PRIMARY KEY (hash, extractor)
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        ended TEXT NOT NULL,
        arguments TEXT NOT NULL,
        since TEXT,
        until TEXT,
        briefing_date TEXT NOT NULL,
        outcome TEXT NOT NULL,          -- 'published', or 'failed: why'
        outputs TEXT NOT NULL,          -- JSON: [[file, sha256], ...]
        warnings INTEGER NOT NULL,
        timings TEXT NOT NULL           -- JSON: [[stage, seconds], ...]
    );
    CREATE TABLE published_sentences (
        key TEXT PRIMARY KEY,           -- one sentence of one article a published fact showed or cited
        first_briefing TEXT NOT NULL
    );
    CREATE TABLE published_meetings (
        key TEXT NOT NULL,              -- one article's report of one kind of meeting
        briefing TEXT NOT NULL,
        sources INTEGER NOT NULL,
        dated INTEGER NOT NULL,
        PRIMARY KEY (key, briefing)
    );
    CREATE TABLE deliveries (
        briefing TEXT NOT NULL,
        recipient TEXT NOT NULL,
        message_id TEXT,
        sent_at TEXT NOT NULL,
        reply TEXT NOT NULL,
        delivered INTEGER NOT NULL
    );
    CREATE INDEX deliveries_by_briefing ON deliveries (briefing, recipient);",
    // 2: corpus files as read, so that a file read before is not decompressed or decoded again.
    "CREATE TABLE files (
        key TEXT PRIMARY KEY,           -- SHA-256 of the file's name, reading limits, reader and bytes
        data BLOB NOT NULL,             -- its articles, warnings and fingerprints (postcard, LZ4)
        run INTEGER NOT NULL            -- the last run that read it
    );",
    // 3: the last run that read each file, apart from its data: SQLite rewrites a whole row on
    // update, so marking a file read rewrote its megabytes every night.
    "CREATE TABLE file_uses (
        key TEXT PRIMARY KEY,           -- a key of files
        run INTEGER NOT NULL            -- the last run that read it (files.run: the first)
    );
    INSERT INTO file_uses (key, run) SELECT key, run FROM files;",
];

/// Brings the database to the latest version; says why it cannot.
pub fn migrate(conn: &mut Connection) -> Result<(), String> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| e.to_string())?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(format!(
            "it was written by a newer brief (schema version {version}; this one knows up to {})",
            MIGRATIONS.len()
        ));
    }
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        apply(conn, sql, n + 1).map_err(|e| format!("migration {} failed: {e}", n + 1))?;
    }
    Ok(())
}

fn apply(conn: &mut Connection, sql: &str, version: usize) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(sql)?;
    tx.pragma_update(None, "user_version", version as i64)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_changes_nothing_and_a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        conn.pragma_update(None, "user_version", MIGRATIONS.len() as i64 + 1)
            .unwrap();
        let error = migrate(&mut conn).unwrap_err();
        assert!(
            error.starts_with("it was written by a newer brief"),
            "{error}"
        );
    }
}
