//! The map step past one machine (`brief extract`): every article of a corpus as read, before
//! duplicates are merged, with what the reduce needs to make the same briefing as `generate`:
//! its content hash, its fingerprint for the duplicate search, its last day for the period,
//! and its extraction (sentences, dates, entities, quotes, meeting mentions, with their byte
//! ranges into the body). The records are JSON Lines, format `brief-extract/1`, compressed
//! with zstd (plain for a file named `.jsonl`; the reduce also reads gzip, as cluster engines
//! write it) (see docs/src/guide/past-one-machine.md); the same corpus gives the same bytes.
//!
//! Records name each article by its file (its name in the corpus, as `generate` shows it) and
//! its place in that file, so the reduce puts them back in the corpus's order (the walk's:
//! sorted names, folder by folder) whichever task wrote them. Two ways to split a corpus:
//! `--shard I/N` keeps the articles whose content hash falls in shard I of N, so that N batch
//! tasks (a Kubernetes Indexed Job, a Slurm array) split one corpus without talking to each
//! other (shard 0 alone carries the corpus's own record: its count of files, the walk's
//! warnings; each file's record goes to one shard); or tasks extract disjoint parts of a
//! corpus folder (the Spark job gives each task some of its files, under their names in the
//! corpus), and the reduce adds their corpus records up.

use crate::corpus::dedup::{Fingerprint, Groups};
use crate::corpus::stored::StoredArticle;
use crate::corpus::{Article, Corpus, Needed, Raw, RawFile};
use crate::extract::ArticleExtraction;
use crate::warning::Warning;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// The records' format, written in each of them.
pub const SCHEMA: &str = "brief-extract/1";

/// zstd's level for the records: fast, and a fifth of the JSON's size.
const LEVEL: i32 = 3;

/// One line of the records.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    /// The corpus as a whole (shard 0 only): how many files it holds, and the warnings of its
    /// walk and of the corpus budget.
    Corpus {
        schema: String,
        files_seen: usize,
        warnings: Vec<WarningRecord>,
    },
    /// A file read: its name in the corpus, and its warnings.
    File {
        schema: String,
        file: String,
        warnings: Vec<WarningRecord>,
    },
    /// An article: the file it is in and its place there, then what the reduce needs.
    Article {
        schema: String,
        file: String,
        position: usize,
        hash: String,
        last: Option<NaiveDate>,
        print: Box<Fingerprint>,
        article: Box<StoredArticle>,
        extraction: Box<ArticleExtraction>,
    },
}

/// A warning as the records keep it.
#[derive(Serialize, Deserialize)]
pub struct WarningRecord {
    pub file: Option<String>,
    pub message: String,
}

impl From<&Warning> for WarningRecord {
    fn from(w: &Warning) -> Self {
        WarningRecord {
            file: w.file.clone(),
            message: w.message.clone(),
        }
    }
}

/// Which part of a corpus a task takes: shard `index` of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// The whole corpus.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// "I/N", with 0 ≤ I < N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (i, n) = text
            .split_once('/')
            .ok_or_else(|| format!("{text:?}: expected I/N, such as 0/4"))?;
        let (index, count) = (
            i.trim()
                .parse::<u64>()
                .map_err(|_| format!("{text:?}: I is not a number"))?,
            n.trim()
                .parse::<u64>()
                .map_err(|_| format!("{text:?}: N is not a number"))?,
        );
        if count == 0 || index >= count {
            return Err(format!("{text:?}: needs 0 <= I < N"));
        }
        Ok(Shard { index, count })
    }

    /// Whether an article of this content hash (hexadecimal) is this shard's.
    fn takes(self, hash: &str) -> bool {
        let head = u64::from_str_radix(hash.get(..16).unwrap_or("0"), 16).unwrap_or(0);
        head % self.count == self.index
    }

    /// Whether the file of this index is this shard's to record.
    fn records_file(self, index: usize) -> bool {
        index as u64 % self.count == self.index
    }
}

/// What a map task wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub articles: usize,
}

/// How the records are written: compressed with zstd (files, standard output), or plain JSON
/// Lines (`--out FILE.jsonl`: what a cluster job's task hands back to its engine, which
/// compresses its part files its own way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Zstd,
    Plain,
}

impl Encoding {
    /// Plain for a name ending in ".jsonl", zstd otherwise.
    pub fn for_name(name: &Path) -> Encoding {
        match name.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => Encoding::Plain,
            _ => Encoding::Zstd,
        }
    }
}

/// Extracts the shard's articles of `raw` and writes their records to `out`.
pub fn write(
    raw: Raw,
    shard: Shard,
    out: impl Write,
    encoding: Encoding,
) -> std::io::Result<Written> {
    match encoding {
        Encoding::Zstd => {
            let mut encoder = zstd::stream::Encoder::new(out, LEVEL)?;
            let written = write_records(raw, shard, &mut encoder)?;
            encoder.finish()?.flush()?;
            Ok(written)
        }
        Encoding::Plain => {
            let mut out = out;
            let written = write_records(raw, shard, &mut out)?;
            out.flush()?;
            Ok(written)
        }
    }
}

/// Articles extracted together, across files: one article a file (a folder of pages) is
/// extracted on every core too.
const BATCH: usize = 1024;

fn write_records(raw: Raw, shard: Shard, out: &mut impl Write) -> std::io::Result<Written> {
    let mut written = Written::default();
    if shard.index == 0 {
        let corpus = Record::Corpus {
            schema: SCHEMA.to_string(),
            files_seen: raw.files_seen,
            warnings: raw.warnings.iter().map(WarningRecord::from).collect(),
        };
        line(out, &corpus)?;
    }
    let mut pending: Vec<Pending> = Vec::new();
    for (index, file) in raw.files.iter().enumerate() {
        if shard.records_file(index) {
            let record = Record::File {
                schema: SCHEMA.to_string(),
                file: file.shown.clone(),
                warnings: file.warnings.iter().map(WarningRecord::from).collect(),
            };
            line(out, &record)?;
        }
        for (position, article) in file.articles.iter().enumerate() {
            let hash = crate::state::article_hash(article);
            if shard.takes(&hash) {
                pending.push(Pending {
                    file,
                    position,
                    hash,
                });
            }
        }
        if pending.len() >= BATCH {
            written.articles += write_articles(out, std::mem::take(&mut pending))?;
        }
        written.files += 1;
    }
    written.articles += write_articles(out, pending)?;
    Ok(written)
}

/// An article of the shard, waiting for its batch.
struct Pending<'a> {
    file: &'a RawFile,
    position: usize,
    hash: String,
}

/// Extracts a batch of articles in parallel and writes their records, in order; how many.
fn write_articles(out: &mut impl Write, batch: Vec<Pending>) -> std::io::Result<usize> {
    let articles: Vec<&Article> = batch.iter().map(|p| &p.file.articles[p.position]).collect();
    let extractions =
        crate::extract::extract_some(&articles, crate::gazetteer::Gazetteer::shipped());
    for (p, extraction) in batch.iter().zip(extractions) {
        let record = Record::Article {
            schema: SCHEMA.to_string(),
            file: p.file.shown.clone(),
            position: p.position,
            hash: p.hash.clone(),
            last: p.file.lasts[p.position],
            print: Box::new(p.file.prints[p.position].clone()),
            article: Box::new(StoredArticle::of(&p.file.articles[p.position])),
            extraction: Box::new(extraction),
        };
        line(out, &record)?;
    }
    Ok(batch.len())
}

fn line(out: &mut impl Write, record: &Record) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

/// Why the records could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    #[error("cannot read the extraction records {0}: {1} (check the path given to --extracts)")]
    Unreadable(String, std::io::Error),
    #[error("{0} line {1}: not a brief-extract/1 record ({2}): give --extracts the files brief extract wrote, made with this version of brief")]
    Malformed(String, usize, String),
    #[error("no corpus record in the extraction records given (shard 0 writes it): give every shard's file to --extracts")]
    NoCorpus,
    #[error("article {1} of file {0} is in the records twice: give each shard's file to --extracts once")]
    Twice(String, usize),
}

/// What the first reading takes of any record: everything but an article's body and
/// extraction, which the parser skips without keeping (an internally tagged enum would copy
/// each record whole before looking at its kind).
#[derive(Deserialize)]
struct Head {
    kind: Kind,
    schema: String,
    #[serde(default)]
    files_seen: usize,
    #[serde(default)]
    warnings: Vec<WarningRecord>,
    #[serde(default)]
    file: String,
    #[serde(default)]
    position: usize,
    last: Option<NaiveDate>,
    print: Option<Box<Fingerprint>>,
}

/// A record's kind, as [`Record`] tags it.
#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Corpus,
    File,
    Article,
}

/// The reduce's reading: the corpus the records tell of, as `corpus::load` would have read it
/// (the articles `needed` wants and their duplicates, merged), and the records' extractions by
/// content hash.
pub struct Reduced {
    pub corpus: Corpus,
    pub extractions: HashMap<String, ArticleExtraction>,
}

/// Where an article was read: its file's name, split at each folder so that names sort in the
/// walk's order ("a/z.txt" before "a.txt"), then its place in the file.
type Place = (Vec<String>, usize);

fn place(file: &str, position: usize) -> Place {
    (file.split('/').map(str::to_string).collect(), position)
}

/// What the first reading keeps of each article: enough to find duplicates and the period.
struct Summary {
    place: Place,
    last: Option<NaiveDate>,
    print: Fingerprint,
}

/// Reads the records of every file in `paths` (each shard's, in any order) in two passes: the
/// first keeps the fingerprints and last days of all articles, the second only the articles
/// the run needs, so that memory follows the period, not the archive.
pub fn read(paths: &[PathBuf], needed: Needed) -> Result<Reduced, RecordsError> {
    // Tasks that extracted disjoint parts of a corpus each wrote a corpus record: they add up
    // (sharded tasks read the same corpus, and only shard 0 writes one).
    let mut corpus_records = 0;
    let (mut files_seen, mut warnings) = (0, Vec::new());
    let mut files: BTreeMap<Vec<String>, Vec<Warning>> = BTreeMap::new();
    let mut summaries: Vec<Summary> = Vec::new();
    for path in paths {
        each_record(path, |head, _| {
            match head.kind {
                Kind::Corpus => {
                    corpus_records += 1;
                    files_seen += head.files_seen;
                    warnings.extend(head.warnings.into_iter().map(Warning::from));
                }
                Kind::File => {
                    let (key, _) = place(&head.file, 0);
                    files.insert(key, head.warnings.into_iter().map(Warning::from).collect());
                }
                Kind::Article => summaries.push(Summary {
                    place: place(&head.file, head.position),
                    last: head.last,
                    print: *head
                        .print
                        .ok_or("an article record without a fingerprint")?,
                }),
            }
            Ok(())
        })?;
    }
    if corpus_records == 0 {
        return Err(RecordsError::NoCorpus);
    }
    summaries.sort_by(|a, b| a.place.cmp(&b.place));
    if let Some(pair) = summaries.windows(2).find(|w| w[0].place == w[1].place) {
        return Err(RecordsError::Twice(
            pair[0].place.0.join("/"),
            pair[0].place.1,
        ));
    }
    let prints: Vec<Fingerprint> = summaries.iter().map(|s| s.print.clone()).collect();
    let lasts: Vec<Option<NaiveDate>> = summaries.iter().map(|s| s.last).collect();
    let mut groups = Groups::find(&prints);
    drop(prints);
    let wanted = crate::corpus::by_story(&mut groups, &lasts, needed);
    let index: HashMap<Place, usize> = summaries
        .iter()
        .enumerate()
        .map(|(i, s)| (s.place.clone(), i))
        .collect();
    let mut articles: Vec<Option<Article>> = vec![None; summaries.len()];
    let mut extractions = HashMap::new();
    for path in paths {
        each_record(path, |head, line| {
            if head.kind != Kind::Article {
                return Ok(());
            }
            let Some(&i) = index.get(&place(&head.file, head.position)) else {
                return Ok(());
            };
            if wanted[i] {
                // Read through the tagged enum, which buffers the record first: the lists then
                // know their lengths and take no more room than they need.
                let Record::Article {
                    hash,
                    article,
                    extraction,
                    ..
                } = serde_json::from_str(line).map_err(|e| e.to_string())?
                else {
                    return Err("an article record of another kind".into());
                };
                articles[i] = article.article();
                extractions.insert(hash, *extraction);
            }
            Ok(())
        })?;
    }
    let mut corpus = Corpus {
        files_seen,
        warnings,
        articles_read: summaries.len(),
        ..Corpus::default()
    };
    for file_warnings in files.into_values() {
        corpus.warnings.extend(file_warnings);
    }
    crate::corpus::merge_into(&mut corpus, &mut groups, articles);
    Ok(Reduced {
        corpus,
        extractions,
    })
}

impl From<WarningRecord> for Warning {
    fn from(w: WarningRecord) -> Self {
        Warning {
            file: w.file,
            message: w.message,
        }
    }
}

/// Calls `f` with the head and the text of every record of a file, in order; what `f` finds
/// wrong in a record stops the reading as a malformed record.
fn each_record(
    path: &Path,
    mut f: impl FnMut(Head, &str) -> Result<(), String>,
) -> Result<(), RecordsError> {
    let shown = crate::paths::shown(path);
    let unreadable = |e: std::io::Error| RecordsError::Unreadable(shown.clone(), e);
    let mut file = std::io::BufReader::new(std::fs::File::open(path).map_err(unreadable)?);
    // zstd (brief extract's files), gzip (a cluster engine's part files) or plain JSON Lines.
    let head = file.fill_buf().map_err(unreadable)?.to_vec();
    let reader: Box<dyn BufRead> = if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(std::io::BufReader::new(
            zstd::stream::Decoder::new(file).map_err(unreadable)?,
        ))
    } else if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            file,
        )))
    } else {
        Box::new(file)
    };
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(unreadable)?;
        let malformed = |message: String| RecordsError::Malformed(shown.clone(), n + 1, message);
        let head: Head = serde_json::from_str(&line).map_err(|e| malformed(e.to_string()))?;
        if head.schema != SCHEMA {
            return Err(malformed(format!("schema {:?}", head.schema)));
        }
        f(head, &line).map_err(malformed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufRead;

    fn seeds_raw() -> Raw {
        let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        crate::corpus::read_raw(&[seeds], Default::default()).unwrap()
    }

    fn records(bytes: &[u8]) -> Vec<serde_json::Value> {
        let plain = zstd::stream::decode_all(bytes).unwrap();
        plain
            .lines()
            .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
            .collect()
    }

    #[test]
    fn the_records_of_a_corpus_are_the_same_bytes_each_time_and_read_back() {
        let (mut first, mut second) = (Vec::new(), Vec::new());
        let written = write(seeds_raw(), Shard::ALL, &mut first, Encoding::Zstd).unwrap();
        write(seeds_raw(), Shard::ALL, &mut second, Encoding::Zstd).unwrap();
        assert_eq!(first, second);
        assert_eq!(
            written,
            Written {
                files: 5,
                articles: 5
            }
        );
        let lines = records(&first);
        assert_eq!(lines[0]["kind"], "corpus");
        assert_eq!(lines[0]["files_seen"], 5);
        assert!(lines.iter().all(|r| r["schema"] == SCHEMA));
        let articles: Vec<&serde_json::Value> =
            lines.iter().filter(|r| r["kind"] == "article").collect();
        assert_eq!(articles.len(), 5);
        for a in articles {
            assert!(!a["extraction"]["sentences"].as_array().unwrap().is_empty());
            assert_eq!(a["hash"].as_str().unwrap().len(), 64);
            // Every record parses back into its type.
            let _: Record = serde_json::from_value(a.clone()).unwrap();
        }
    }

    #[test]
    fn shards_split_the_articles_without_overlap_and_the_corpus_record_once() {
        let mut all = std::collections::BTreeSet::new();
        let mut corpus_records = 0;
        for index in 0..3 {
            let mut bytes = Vec::new();
            write(
                seeds_raw(),
                Shard { index, count: 3 },
                &mut bytes,
                Encoding::Zstd,
            )
            .unwrap();
            for r in records(&bytes) {
                match r["kind"].as_str().unwrap() {
                    "article" => assert!(all.insert(r["hash"].as_str().unwrap().to_string())),
                    "corpus" => corpus_records += 1,
                    _ => {}
                }
            }
        }
        assert_eq!((all.len(), corpus_records), (5, 1));
        assert!(Shard::parse("3/3").is_err() && Shard::parse("1/0").is_err());
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
    }
}
