//! Extractions kept in the state, keyed by the article's content hash and the extractor's
//! version: an article read again on a later night is not segmented or extracted again.
//! Each extraction is stored as postcard bytes, deflated.

use super::{State, StateError};
use crate::extract::ArticleExtraction;
use rayon::prelude::*;
use rusqlite::{params, OptionalExtension, Transaction};
use std::io::{Read, Write};

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

    fn blobs(&self, hashes: &[String]) -> rusqlite::Result<Vec<Option<Vec<u8>>>> {
        let mut query = self
            .conn
            .prepare_cached("SELECT data FROM extractions WHERE hash = ?1 AND extractor = ?2")?;
        hashes
            .iter()
            .map(|h| {
                query
                    .query_row(params![h, crate::extract::VERSION], |r| r.get(0))
                    .optional()
            })
            .collect()
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
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&bytes).expect("writing to memory");
    z.finish().expect("writing to memory")
}

/// A damaged or foreign entry reads as no entry: the article is extracted again.
fn decode(blob: &[u8]) -> Option<ArticleExtraction> {
    let mut bytes = Vec::new();
    flate2::read::DeflateDecoder::new(blob)
        .take(1 << 30)
        .read_to_end(&mut bytes)
        .ok()?;
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
