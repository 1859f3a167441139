//! Files read on an earlier night, as the state keeps them: a file whose bytes, name and reading
//! limits are the same is not decompressed, decoded or cleaned again, and its articles'
//! fingerprints for the duplicate search come with it. Encoded with postcard, compressed with
//! zstd; an entry that does not decode is read again from the file.

use super::dedup::Fingerprint;
use super::DateFrom;
use super::{read::FileRead, Article, ReadOptions};
use crate::dates::PartialDate;
use crate::warning::Warning;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// Where a reader of the corpus finds the files an earlier run read, by key.
pub trait FileCache {
    /// The version of the reader whose readings it keeps (the caller's build): part of every
    /// key, so that another build reads every file again.
    fn version(&self) -> &str;

    /// The stored entries among `keys`.
    fn lookup(&self, keys: &[String]) -> std::collections::HashMap<String, Vec<u8>>;

    /// Whether it keeps anything (without, files are neither hashed nor encoded).
    fn keeps(&self) -> bool {
        true
    }
}

/// No earlier run: every file is read.
pub struct NoCache;

impl FileCache for NoCache {
    fn version(&self) -> &str {
        ""
    }

    fn lookup(&self, _: &[String]) -> std::collections::HashMap<String, Vec<u8>> {
        Default::default()
    }

    fn keeps(&self) -> bool {
        false
    }
}

/// What a run read, for the cache: the files read from disk whole (key, encoded reading), and
/// the keys of every file read.
#[derive(Debug, Default)]
pub struct Kept {
    pub fresh: Vec<(String, Vec<u8>)>,
    pub used: Vec<String>,
}

/// One file as read: its articles before duplicates are merged, its warnings, the bytes it
/// cost, and each article's fingerprint.
#[derive(Serialize, Deserialize)]
struct StoredFile {
    /// The articles in runs of `CHUNK`, each encoded and compressed on its own, so that a
    /// large collection decodes on every core.
    chunks: Vec<Vec<u8>>,
    warnings: Vec<(Option<String>, String)>,
    bytes: u64,
    prints: Vec<Fingerprint>,
    /// Each article's last day (`None` when undated), so that a run can tell which chunks hold
    /// articles it needs before decoding any.
    lasts: Vec<Option<NaiveDate>>,
}

/// Articles per chunk of a stored file.
const CHUNK: usize = 1024;

/// An `Article` with owned strings where it holds static ones.
#[derive(Serialize, Deserialize)]
pub struct StoredArticle {
    id: String,
    file: String,
    line: Option<usize>,
    format: String,
    title: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    url: Option<String>,
    published: Option<PartialDate>,
    published_from: DateFrom,
    found: Vec<(String, String)>,
    language: String,
    body: String,
    removed: Vec<String>,
    relayed: Vec<String>,
    warnings: Vec<String>,
}

/// The largest chunk of a file reading the state keeps (decompressed).
const MAX_STORED_BYTES: u32 = 1 << 31;

fn decode_chunk(chunk: &[u8]) -> Option<Vec<Article>> {
    // The size announced is allocated at once: a damaged entry must not ask for too much.
    let announced = u32::from_le_bytes(chunk.get(..4)?.try_into().ok()?);
    if announced > MAX_STORED_BYTES {
        return None;
    }
    let bytes = zstd::bulk::decompress(&chunk[4..], announced as usize).ok()?;
    let articles: Vec<StoredArticle> = postcard::from_bytes(&bytes).ok()?;
    articles.into_iter().map(StoredArticle::article).collect()
}

/// The formats an article may have, as `Article::format` names them.
const FORMATS: [&str; 5] = ["text", "markdown", "json", "jsonl", "html"];
/// The metadata `Article::found` may explain.
const FOUND: [&str; 6] = ["title", "outlet", "author", "url", "language", "published"];

fn known(set: &[&'static str], name: &str) -> Option<&'static str> {
    set.iter().copied().find(|s| *s == name)
}

impl StoredArticle {
    pub fn of(a: &Article) -> StoredArticle {
        StoredArticle {
            id: a.id.clone(),
            file: a.file.clone(),
            line: a.line,
            format: a.format.to_string(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            author: a.author.clone(),
            url: a.url.clone(),
            published: a.published,
            published_from: a.published_from.clone(),
            found: a
                .found
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            language: a.language.clone(),
            body: a.body.clone(),
            removed: a.removed.clone(),
            relayed: a.relayed.clone(),
            warnings: a.warnings.clone(),
        }
    }

    pub fn article(self) -> Option<Article> {
        let mut found = std::collections::BTreeMap::new();
        for (k, v) in self.found {
            found.insert(known(&FOUND, &k)?, v);
        }
        Some(Article {
            id: self.id,
            file: self.file,
            line: self.line,
            duplicates: Vec::new(),
            format: known(&FORMATS, &self.format)?,
            title: self.title,
            outlet: self.outlet,
            author: self.author,
            url: self.url,
            published: self.published,
            published_from: self.published_from,
            found,
            language: self.language,
            body: self.body,
            removed: self.removed,
            relayed: self.relayed,
            warnings: self.warnings,
        })
    }
}

/// The key of a file: its name as shown, the reading limits, the reader's `version` and its
/// bytes. `None` when it cannot be read (the reader will say why).
pub fn key(path: &Path, shown: &str, options: ReadOptions, version: &str) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    for part in [
        shown.as_bytes(),
        version.as_bytes(),
        &options.max_article_bytes.to_le_bytes(),
    ] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buffer[..n]),
            Err(_) => return None,
        }
    }
    Some(crate::hashing::hex(&hasher.finalize()))
}

/// zstd's level for stored articles: a third smaller than LZ4 and still read back at about a
/// gigabyte a second.
const LEVEL: i32 = 3;

/// Bytes compressed with zstd, after their length (4 bytes, little-endian), which bounds what
/// reading them back may allocate.
fn compress(bytes: &[u8]) -> Vec<u8> {
    let length = u32::try_from(bytes.len()).expect("a chunk under 4 GB");
    let mut out = length.to_le_bytes().to_vec();
    out.extend(zstd::bulk::compress(bytes, LEVEL).expect("zstd compresses in memory"));
    out
}

/// Each article's last day, `None` when undated: what tells whether a run needs it.
pub fn last_days(articles: &[Article]) -> Vec<Option<NaiveDate>> {
    articles
        .iter()
        .map(|a| a.published.map(|d| d.last_day()))
        .collect()
}

/// A file's reading and fingerprints, encoded for the state.
pub fn encode(read: &FileRead, prints: &[Fingerprint]) -> Vec<u8> {
    let stored = StoredFile {
        chunks: read
            .articles
            .par_chunks(CHUNK)
            .map(|chunk| {
                let articles: Vec<StoredArticle> = chunk.iter().map(StoredArticle::of).collect();
                let bytes = postcard::to_stdvec(&articles).expect("articles serialise");
                compress(&bytes)
            })
            .collect(),
        warnings: read
            .warnings
            .iter()
            .map(|w| (w.file.clone(), w.message.clone()))
            .collect(),
        bytes: read.bytes,
        prints: prints.to_vec(),
        lasts: last_days(&read.articles),
    };
    postcard::to_stdvec(&stored).expect("a file's reading serialises")
}

/// A stored file opened: its warnings, fingerprints and articles' last days at hand, its
/// articles still compressed until [`Opened::articles`] asks for some.
pub struct Opened {
    pub warnings: Vec<Warning>,
    pub bytes: u64,
    pub prints: Vec<Fingerprint>,
    pub lasts: Vec<Option<NaiveDate>>,
    chunks: Vec<Vec<u8>>,
}

/// A stored file opened, or `None` if the entry does not decode.
pub fn open(blob: &[u8]) -> Option<Opened> {
    let stored: StoredFile = postcard::from_bytes(blob).ok()?;
    let count = stored.prints.len();
    if stored.lasts.len() != count || stored.chunks.len() != count.div_ceil(CHUNK) {
        return None;
    }
    let warnings = stored
        .warnings
        .into_iter()
        .map(|(file, message)| Warning { file, message })
        .collect();
    Some(Opened {
        warnings,
        bytes: stored.bytes,
        prints: stored.prints,
        lasts: stored.lasts,
        chunks: stored.chunks,
    })
}

impl Opened {
    /// The file's articles where `needed` (one flag per article) asks for them, `None` for the
    /// others; only the chunks holding a needed article are decompressed. `None` if one of
    /// them does not decode.
    pub fn articles(&self, needed: &[bool]) -> Option<Vec<Option<Article>>> {
        let chunks: Vec<Vec<Option<Article>>> = self
            .chunks
            .par_iter()
            .zip(needed.par_chunks(CHUNK))
            .map(|(chunk, wanted)| {
                if !wanted.contains(&true) {
                    return Some(wanted.iter().map(|_| None).collect());
                }
                let articles = decode_chunk(chunk)?;
                (articles.len() == wanted.len()).then(|| {
                    articles
                        .into_iter()
                        .zip(wanted)
                        .map(|(a, &w)| w.then_some(a))
                        .collect()
                })
            })
            .collect::<Option<_>>()?;
        Some(chunks.into_iter().flatten().collect())
    }
}

/// A stored file back whole, or `None` if the entry does not decode.
pub fn decode(blob: &[u8]) -> Option<(FileRead, Vec<Fingerprint>)> {
    let opened = open(blob)?;
    let articles = opened.articles(&vec![true; opened.prints.len()])?;
    Some((
        FileRead {
            articles: articles.into_iter().flatten().collect(),
            warnings: opened.warnings,
            bytes: opened.bytes,
        },
        opened.prints,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_comes_back_as_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(
            &path,
            "12-03-2025 10:00 - Titre\n\nLe ministre ghanéen des Finances a présenté le budget mardi à Accra.",
        )
        .unwrap();
        let read = super::super::read::read_file(&path, "a.txt", ReadOptions::default(), u64::MAX);
        let prints = super::super::dedup::fingerprints(&read.articles);
        let (back, back_prints) = decode(&encode(&read, &prints)).expect("decodes");
        assert_eq!(
            format!("{:?}", back.articles),
            format!("{:?}", read.articles)
        );
        assert_eq!(back.bytes, read.bytes);
        assert_eq!(back_prints, prints);
        assert!(decode(b"not a stored file").is_none());
        let key = key(&path, "a.txt", ReadOptions::default(), "1").unwrap();
        std::fs::write(&path, "autre chose").unwrap();
        assert_ne!(
            Some(key),
            super::key(&path, "a.txt", ReadOptions::default(), "1")
        );
        assert_ne!(
            super::key(&path, "a.txt", ReadOptions::default(), "2"),
            super::key(&path, "a.txt", ReadOptions::default(), "1"),
            "another reader's version reads the file again"
        );
    }
}
