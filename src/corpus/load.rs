//! Loading a corpus: the files walked, each read from disk or taken from what an earlier run
//! kept, duplicates found from the fingerprints of every article, and only the articles a run
//! needs (by date, with their duplicates) decoded and merged.

use super::dedup::{self, Fingerprint};
use super::stored::{self, Opened};
use super::{read, walk, Article, Corpus, CorpusError, ReadOptions};
use crate::paths::shown;
use crate::warning::Warning;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// Which articles a run needs: those whose last day is on or after `from`, the undated ones,
/// and every article of a story (a group of duplicates) one of them belongs to. With no
/// `from`, all of them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Needed {
    pub from: Option<NaiveDate>,
}

impl Needed {
    /// Every article.
    pub const ALL: Needed = Needed { from: None };

    fn wants(self, last: Option<NaiveDate>) -> bool {
        match (self.from, last) {
            (Some(from), Some(last)) => last >= from,
            _ => true,
        }
    }
}

/// Reads every article below each root (a folder, walked in sorted order, or a file), then
/// merges duplicates. Unreadable files, folders and records become warnings naming them.
///
/// Files are read in parallel, in ordered rounds: each round takes files in order until what
/// they could hold reaches the corpus budget left (a compressed file could hold all of it), so
/// memory stays within about twice `max_corpus_bytes`, and where the budget ends does not
/// depend on timing.
pub fn load(roots: &[PathBuf], options: ReadOptions) -> Result<Corpus, CorpusError> {
    load_cached(roots, options, &stored::NoCache, Needed::ALL).map(|(corpus, _)| corpus)
}

/// `load` of the articles `needed`, taking from `cache` the files an earlier run read whole
/// (same name, limits, reader and bytes), whose articles are decompressed only where a needed
/// one lies. Also gives what to keep: this run's fresh readings, encoded, by key, and the keys
/// of every file read.
pub fn load_cached(
    roots: &[PathBuf],
    options: ReadOptions,
    cache: &dyn stored::FileCache,
    needed: Needed,
) -> Result<(Corpus, stored::Kept), CorpusError> {
    let keeps = cache.keeps();
    let Found {
        mut corpus,
        files,
        keys,
        mut readings,
        next,
    } = found(roots, options, cache)?;
    let prints: Vec<Fingerprint> = readings
        .iter_mut()
        .flat_map(|r| std::mem::take(&mut r.prints))
        .collect();
    corpus.articles_read = prints.len();
    let mut groups = dedup::Groups::find(&prints);
    drop(prints);
    let lasts: Vec<Option<NaiveDate>> = readings.iter().flat_map(|r| r.lasts.clone()).collect();
    let wanted = by_story(&mut groups, &lasts, needed);
    let mut fresh = Vec::new();
    let mut articles: Vec<Option<Article>> = Vec::with_capacity(wanted.len());
    let mut start = 0;
    for reading in readings {
        let end = start + reading.lasts.len();
        corpus.warnings.extend(reading.warnings);
        fresh.extend(reading.fresh);
        let (mut some, unused) = match reading.articles {
            Articles::Read(all) => split(all, &wanted[start..end]),
            Articles::Stored(opened) => {
                let (file, key) = (&files[reading.file], keys[reading.file].as_deref());
                let taken = take_stored(&opened, &wanted[start..end], file, key, options);
                fresh.extend(taken.refreshed);
                (taken.articles, Vec::new())
            }
        };
        if keeps {
            corpus.unused.extend(unused);
        }
        articles.append(&mut some);
        start = end;
    }
    merge_into(&mut corpus, &mut groups, articles);
    let used = keys[..next].iter().flatten().cloned().collect();
    Ok((corpus, stored::Kept { fresh, used }))
}

/// The files of a corpus and their readings, before duplicates are looked for: the corpus
/// with its walk's and budget's warnings and its count of files, every file found, each
/// one's cache key, the readings in order, and the index of the first file not read.
struct Found {
    corpus: Corpus,
    files: Vec<walk::Found>,
    keys: Vec<Option<String>>,
    readings: Vec<Reading>,
    next: usize,
}

fn found(
    roots: &[PathBuf],
    options: ReadOptions,
    cache: &dyn stored::FileCache,
) -> Result<Found, CorpusError> {
    let mut corpus = Corpus::default();
    let mut files = Vec::new();
    for (root, prefix) in roots.iter().zip(walk::prefixes(roots)) {
        let names = walk::Names::new(root, prefix);
        let (found, warnings) = walk::files(&names).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => CorpusError::NotFound(shown(root)),
            _ => CorpusError::Unreadable(shown(root), e),
        })?;
        files.extend(found);
        corpus.warnings.extend(warnings);
    }
    corpus.files_seen = files.len();
    let (keeps, version) = (cache.keeps(), cache.version());
    let keys: Vec<Option<String>> = files
        .par_iter()
        .map(|f| {
            keeps
                .then(|| stored::key(&f.path, &f.shown, options, version))
                .flatten()
        })
        .collect();
    let known = cache.lookup(&keys.iter().flatten().cloned().collect::<Vec<_>>());
    let (readings, next) = read_within_budget(&files, &keys, &known, options);
    if next < files.len() {
        let max = options.max_corpus_bytes;
        corpus.warnings.push(Warning::about(
            &files[next].shown,
            format!(
                "not read, nor the {} file(s) after it: the corpus reached --max-corpus-bytes ({max} bytes)",
                files.len() - next - 1
            ),
        ));
    }
    Ok(Found {
        corpus,
        files,
        keys,
        readings,
        next,
    })
}

/// A corpus as read, file by file, before duplicates are merged: what the map step of
/// `brief extract` records (see `extracts`).
#[derive(Debug, Default)]
pub struct Raw {
    /// How many regular files the corpus holds, read or not.
    pub files_seen: usize,
    /// The walk's warnings, and the budget's.
    pub warnings: Vec<Warning>,
    pub files: Vec<RawFile>,
}

/// One file's articles as read, in order, with their fingerprints and last days.
#[derive(Debug)]
pub struct RawFile {
    pub shown: String,
    pub warnings: Vec<Warning>,
    pub articles: Vec<Article>,
    pub prints: Vec<Fingerprint>,
    pub lasts: Vec<Option<NaiveDate>>,
}

/// Reads every file below the roots as `load` does, and keeps each file's articles apart,
/// unmerged.
pub fn read_raw(roots: &[PathBuf], options: ReadOptions) -> Result<Raw, CorpusError> {
    let found = found(roots, options, &stored::NoCache)?;
    let files = found
        .readings
        .into_iter()
        .map(|r| RawFile {
            shown: found.files[r.file].shown.clone(),
            warnings: r.warnings,
            articles: match r.articles {
                Articles::Read(all) => all,
                Articles::Stored(_) => unreachable!("nothing is stored without a cache"),
            },
            prints: r.prints,
            lasts: r.lasts,
        })
        .collect();
    Ok(Raw {
        files_seen: found.corpus.files_seen,
        warnings: found.corpus.warnings,
        files,
    })
}

/// Which articles to keep: those `needed` wants, and every other article of their stories.
pub(crate) fn by_story(
    groups: &mut dedup::Groups,
    lasts: &[Option<NaiveDate>],
    needed: Needed,
) -> Vec<bool> {
    let roots = groups.roots();
    let mut story_wanted = vec![false; lasts.len()];
    for (i, last) in lasts.iter().enumerate() {
        if needed.wants(*last) {
            story_wanted[roots[i]] = true;
        }
    }
    roots.iter().map(|&root| story_wanted[root]).collect()
}

/// Puts the kept articles (`None` for those left out) into `corpus`, duplicates merged, after
/// their reading warnings and before the merges'.
pub(crate) fn merge_into(
    corpus: &mut Corpus,
    groups: &mut dedup::Groups,
    articles: Vec<Option<Article>>,
) {
    for article in articles.iter().flatten() {
        for warning in &article.warnings {
            corpus.warnings.push(article.warning(warning));
        }
    }
    let (merged, warnings) = groups.merge(articles);
    corpus.articles = merged;
    corpus.warnings.extend(warnings);
}

/// A file's articles as `wanted` keeps them (`None` for the others), and the others.
fn split(all: Vec<Article>, wanted: &[bool]) -> (Vec<Option<Article>>, Vec<Article>) {
    let mut unused = Vec::new();
    let kept = all
        .into_iter()
        .zip(wanted)
        .map(|(a, &w)| {
            if w {
                Some(a)
            } else {
                unused.push(a);
                None
            }
        })
        .collect();
    (kept, unused)
}

/// A stored file's wanted articles, and its reading again when the stored entry turned out
/// damaged (the file, whose bytes match the key, is read from disk instead).
struct Taken {
    articles: Vec<Option<Article>>,
    refreshed: Option<(String, Vec<u8>)>,
}

fn take_stored(
    opened: &Opened,
    wanted: &[bool],
    file: &walk::Found,
    key: Option<&str>,
    options: ReadOptions,
) -> Taken {
    if let Some(articles) = opened.articles(wanted) {
        return Taken {
            articles,
            refreshed: None,
        };
    }
    let read = read::read_file(&file.path, &file.shown, options, u64::MAX);
    let prints = dedup::fingerprints(&read.articles);
    let refreshed = key.map(|k| (k.to_string(), stored::encode(&read, &prints)));
    let (mut articles, _) = split(read.articles, wanted);
    // Same bytes, same articles; should the count differ all the same, the groups' order holds.
    articles.resize_with(wanted.len(), || None);
    Taken {
        articles,
        refreshed,
    }
}

/// One file as found in the cache or read from disk: its articles (or the stored entry that
/// holds them), warnings, fingerprints, last days, and the encoded reading to keep when new.
struct Reading {
    file: usize,
    articles: Articles,
    warnings: Vec<Warning>,
    prints: Vec<Fingerprint>,
    lasts: Vec<Option<NaiveDate>>,
    fresh: Option<(String, Vec<u8>)>,
}

enum Articles {
    Read(Vec<Article>),
    Stored(Opened),
}

/// The files read in order until the corpus budget is spent, and the index of the first file
/// not read.
fn read_within_budget(
    files: &[walk::Found],
    keys: &[Option<String>],
    known: &HashMap<String, Vec<u8>>,
    options: ReadOptions,
) -> (Vec<Reading>, usize) {
    let max = options.max_corpus_bytes;
    let mut used: u64 = 0;
    let mut next = 0;
    let mut readings = Vec::new();
    while next < files.len() && used < max {
        let left = max - used;
        let round = round_end(files, next, left);
        let results: Vec<(Reading, u64)> = (next..round)
            .into_par_iter()
            .map(|i| reading(i, &files[i], keys[i].as_ref(), known, options, left))
            .collect();
        for (result, bytes) in results {
            if used.saturating_add(bytes) > max {
                // The budget ends inside this file: it is the first one not read.
                used = max;
                break;
            }
            used += bytes;
            next += 1;
            readings.push(result);
        }
    }
    (readings, next)
}

/// A file from the cache when an earlier run read it whole within what is left of the
/// budget, or else from disk (kept for the cache when read whole); with the bytes it costs.
fn reading(
    index: usize,
    file: &walk::Found,
    key: Option<&String>,
    known: &HashMap<String, Vec<u8>>,
    options: ReadOptions,
    left: u64,
) -> (Reading, u64) {
    let cached = key
        .and_then(|k| known.get(k))
        .and_then(|blob| stored::open(blob))
        .filter(|opened| opened.bytes < left);
    if let Some(mut opened) = cached {
        let bytes = opened.bytes;
        let reading = Reading {
            file: index,
            warnings: std::mem::take(&mut opened.warnings),
            prints: std::mem::take(&mut opened.prints),
            lasts: opened.lasts.clone(),
            articles: Articles::Stored(opened),
            fresh: None,
        };
        return (reading, bytes);
    }
    let read = read::read_file(&file.path, &file.shown, options, left);
    let prints = dedup::fingerprints(&read.articles);
    let fresh = key
        .filter(|_| read.bytes < left)
        .map(|k| (k.clone(), stored::encode(&read, &prints)));
    let reading = Reading {
        file: index,
        lasts: stored::last_days(&read.articles),
        warnings: read.warnings,
        prints,
        articles: Articles::Read(read.articles),
        fresh,
    };
    (reading, read.bytes)
}

/// The end of a reading round that starts at `from`: files in order while what they could hold
/// stays within `left` (at least one file, at most 4096).
fn round_end(files: &[walk::Found], from: usize, left: u64) -> usize {
    let mut could_hold: u64 = 0;
    let mut end = from;
    while end < files.len() && end - from < 4096 {
        let file = &files[end];
        let compressed = file.shown.to_lowercase().ends_with(".gz");
        let most = if compressed { left } else { file.len.min(left) };
        if end > from && could_hold.saturating_add(most) > left {
            break;
        }
        could_hold = could_hold.saturating_add(most);
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Files kept in memory between two loads, as the state keeps them between two nights.
    #[derive(Default)]
    struct Memory(Mutex<HashMap<String, Vec<u8>>>);

    impl stored::FileCache for Memory {
        fn version(&self) -> &str {
            "test"
        }

        fn lookup(&self, keys: &[String]) -> HashMap<String, Vec<u8>> {
            let kept = self.0.lock().unwrap();
            keys.iter()
                .filter_map(|k| kept.get(k).map(|v| (k.clone(), v.clone())))
                .collect()
        }
    }

    fn article(date: &str, text: &str) -> String {
        format!("{date} 10:00 - Titre\n\n{text}\n")
    }

    #[test]
    fn only_the_needed_articles_and_their_duplicates_are_kept_read_or_stored() {
        let dir = tempfile::tempdir().unwrap();
        let story = "Le ministre ghanéen des Finances a présenté le budget mardi à Accra devant les députés.";
        let files = [
            ("a.txt", article("02-01-2020", story)),
            (
                "b.txt",
                article(
                    "03-01-2020",
                    "Le président togolais a reçu jeudi à Lomé son homologue béninois.",
                ),
            ),
            ("c.txt", article("01-06-2020", story)),
            (
                "d.txt",
                article(
                    "02-06-2020",
                    "Le Premier ministre malien a nommé mercredi un nouveau gouvernement.",
                ),
            ),
        ];
        for (name, text) in &files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let roots = [dir.path().to_path_buf()];
        let needed = Needed {
            from: NaiveDate::from_ymd_opt(2020, 5, 1),
        };
        let cache = Memory::default();
        let locations = |corpus: &Corpus| -> Vec<(String, Vec<String>)> {
            corpus
                .articles
                .iter()
                .map(|a| {
                    let others = a.duplicates.iter().map(|d| d.to_string()).collect();
                    (a.location().to_string(), others)
                })
                .collect()
        };
        let (first, kept) = load_cached(&roots, ReadOptions::default(), &cache, needed).unwrap();
        // The old duplicate comes first in corpus order and stands for its story; the old
        // article without a needed duplicate is left out, and kept aside for the state.
        let expected = vec![
            ("a.txt".to_string(), vec!["c.txt".to_string()]),
            ("d.txt".to_string(), vec![]),
        ];
        assert_eq!(locations(&first), expected);
        assert_eq!(first.articles_read, 4);
        let unused: Vec<String> = first
            .unused
            .iter()
            .map(|a| a.location().to_string())
            .collect();
        assert_eq!(unused, ["b.txt"]);
        assert_eq!(kept.fresh.len(), 4);
        cache.0.lock().unwrap().extend(kept.fresh);
        let (second, kept) = load_cached(&roots, ReadOptions::default(), &cache, needed).unwrap();
        assert!(kept.fresh.is_empty(), "every file comes from the cache");
        assert_eq!(locations(&second), expected);
        assert!(
            second.unused.is_empty(),
            "stored articles were recorded when first read"
        );
        let all = load(&roots, ReadOptions::default()).unwrap();
        assert_eq!(all.articles.len(), 3);
    }
}
