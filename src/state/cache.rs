//! Extractions kept in the state, keyed by the article's content hash and the extractor's
//! version: an article read again on a later night is not segmented or extracted again.
//! Each extraction is stored as postcard bytes, compressed with LZ4 (fast to read back).

use super::{State, StateError};
use crate::extract::ArticleExtraction;
use rayon::prelude::*;
use rusqlite::{params, OptionalExtension, Transaction};

/// Extractions to add to the state with the run's other records.
#[derive(Debug, Default)]
pub struct NewExtractions(pub(super) Vec<(String, Vec<u8>)>);

impl State {
    /// The cached extraction of each article (by content hash), where there is one of this
    /// extractor's version; the others are `None`.
    pub fn cached_extractions(
        &self,
        hashes: &[String],
    ) -> Result<Vec<Option<ArticleExtraction>>, StateError> {
        let blobs = self.blobs(hashes).map_err(|e| self.unusable(e))?;
        Ok(blobs
            .into_par_iter()
            .map(|blob| blob.and_then(|b| decode(&b)))
            .collect())
    }

    /// One pass over this extractor's entries: a nightly corpus is read again whole.
    fn blobs(&self, hashes: &[String]) -> rusqlite::Result<Vec<Option<Vec<u8>>>> {
        let mut at: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        for (i, h) in hashes.iter().enumerate() {
            at.entry(h.as_str()).or_default().push(i);
        }
        let mut out = vec![None; hashes.len()];
        let mut query = self
            .conn
            .prepare_cached("SELECT hash, data FROM extractions WHERE extractor = ?1")?;
        let mut rows = query.query(params![crate::extract::VERSION])?;
        while let Some(row) = rows.next()? {
            let hash = row.get_ref(0)?.as_str()?;
            if let Some(places) = at.get(hash) {
                let data: Vec<u8> = row.get(1)?;
                for &i in places {
                    out[i] = Some(data.clone());
                }
            }
        }
        Ok(out)
    }
}

impl NewExtractions {
    /// The extractions made this run, encoded for the state.
    pub fn encode(made: &[(String, &ArticleExtraction)]) -> NewExtractions {
        NewExtractions(
            made.par_iter()
                .map(|(hash, x)| (hash.clone(), encode(x)))
                .collect(),
        )
    }

    pub(super) fn save(&self, tx: &Transaction) -> rusqlite::Result<()> {
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO extractions (hash, extractor, data) VALUES (?1, ?2, ?3)",
        )?;
        for (hash, data) in &self.0 {
            insert.execute(params![hash, crate::extract::VERSION, data])?;
        }
        Ok(())
    }
}

fn encode(x: &ArticleExtraction) -> Vec<u8> {
    let bytes = postcard::to_stdvec(x).expect("an extraction serialises");
    lz4_flex::compress_prepend_size(&bytes)
}

/// The largest extraction read back (an article is at most a few megabytes).
const MAX_EXTRACTION_BYTES: u32 = 1 << 28;

/// A damaged or foreign entry reads as no entry: the article is extracted again.
fn decode(blob: &[u8]) -> Option<ArticleExtraction> {
    let announced = u32::from_le_bytes(blob.get(..4)?.try_into().ok()?);
    if announced > MAX_EXTRACTION_BYTES {
        return None;
    }
    let bytes = lz4_flex::decompress_size_prepended(blob).ok()?;
    postcard::from_bytes(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extraction_comes_back_as_it_went_in() {
        let article = crate::corpus::scraped::parse(
            "12-03-2025 10:00 - Titre\n\nLe ministre ghanéen des Finances, Kofi Mensah, a déclaré mardi à Accra : « Nous signerons l'accord avec le Togo. »",
            false,
        )
        .finish("a.txt", None, "text");
        let g = crate::gazetteer::Gazetteer::shipped();
        let x = crate::extract::extract(std::slice::from_ref(&article), g).remove(0);
        let back = decode(&encode(&x)).expect("decodes");
        assert_eq!(format!("{back:?}"), format!("{x:?}"));
        assert!(decode(b"not an extraction").is_none());
    }
}

/// The corpus files the state keeps, as the reader asks for them.
pub struct StoredFiles<'a>(pub &'a State);

impl crate::corpus::stored::FileCache for StoredFiles<'_> {
    /// The extractor's version, as for the extractions the state keeps.
    fn version(&self) -> &str {
        crate::extract::VERSION
    }

    fn lookup(&self, keys: &[String]) -> std::collections::HashMap<String, Vec<u8>> {
        // A state that cannot be read here reads every file again: nothing is lost.
        self.0.file_blobs(keys).unwrap_or_default()
    }
}

impl State {
    fn file_blobs(
        &self,
        keys: &[String],
    ) -> rusqlite::Result<std::collections::HashMap<String, Vec<u8>>> {
        let mut query = self
            .conn
            .prepare_cached("SELECT data FROM files WHERE key = ?1")?;
        let mut out = std::collections::HashMap::new();
        for key in keys {
            if let Some(blob) = query
                .query_row(params![key], |r| r.get::<_, Vec<u8>>(0))
                .optional()?
            {
                out.insert(key.clone(), blob);
            }
        }
        Ok(out)
    }
}

/// Corpus files read this run, to keep; and the keys of all the files it read, so that the
/// others (changed or gone) are dropped.
#[derive(Debug, Default)]
pub struct NewFiles {
    pub fresh: Vec<(String, Vec<u8>)>,
    pub used: Vec<String>,
}

impl NewFiles {
    pub(super) fn save(&self, tx: &Transaction) -> rusqlite::Result<()> {
        let run: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM runs", [], |r| {
            r.get(0)
        })?;
        let mut insert =
            tx.prepare_cached("INSERT OR REPLACE INTO files (key, data, run) VALUES (?1, ?2, ?3)")?;
        for (key, data) in &self.fresh {
            insert.execute(params![key, data, run])?;
        }
        let mut touch =
            tx.prepare_cached("INSERT OR REPLACE INTO file_uses (key, run) VALUES (?1, ?2)")?;
        for key in self.fresh.iter().map(|(key, _)| key).chain(&self.used) {
            touch.execute(params![key, run])?;
        }
        tx.execute(
            "DELETE FROM files WHERE key IN (SELECT key FROM file_uses WHERE run < ?1)",
            params![run],
        )?;
        tx.execute("DELETE FROM file_uses WHERE run < ?1", params![run])?;
        // Extractions by another build of brief will never be read again.
        tx.execute(
            "DELETE FROM extractions WHERE extractor != ?1",
            params![crate::extract::VERSION],
        )?;
        Ok(())
    }
}
