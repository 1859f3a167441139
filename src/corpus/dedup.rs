//! Duplicates: the same article in two files, or the same story on two sites. Exact duplicates
//! share their folded word sequence; near duplicates are found by MinHash over 5-word shingles
//! with locality-sensitive hashing (bands of rows), so articles are only compared within shared
//! buckets, never all pairs. Each group becomes one article with several locations.

use super::Article;
use super::DateFrom;
use crate::hashing::{mix, UnionFind};
use crate::text::word_hashes;
use crate::warning::Warning;
use rayon::prelude::*;
use std::collections::HashMap;

const SHINGLE: usize = 5;
const HASHES: usize = 32;
const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;
/// Estimated Jaccard similarity of shingles above which two articles are the same story.
pub const NEAR_THRESHOLD: f64 = 0.7;
/// Articles shorter than this (in words) are only merged when exactly equal.
const MIN_WORDS: usize = 30;
/// A bucket this full is a common passage (boilerplate), not a story: compare its first members only.
const BUCKET_CAP: usize = 64;

/// What the duplicate search needs of an article: a hash of its words, and its MinHash
/// signature when it is long enough.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    exact: u64,
    signature: Option<[u64; HASHES]>,
}

/// Each article's fingerprint, in order.
pub fn fingerprints(articles: &[Article]) -> Vec<Fingerprint> {
    articles.par_iter().map(|a| fingerprint(&a.body)).collect()
}

/// Merges duplicates into the first article of each group (in corpus order), which keeps the
/// others' locations and fills its missing metadata from them. Returns a warning per merge.
pub fn merge_duplicates(articles: Vec<Article>) -> (Vec<Article>, Vec<Warning>) {
    let prints = fingerprints(&articles);
    merge_duplicates_with(articles, &prints)
}

/// `merge_duplicates` with the articles' fingerprints already known (`prints[i]` is
/// `articles[i]`'s).
pub fn merge_duplicates_with(
    articles: Vec<Article>,
    prints: &[Fingerprint],
) -> (Vec<Article>, Vec<Warning>) {
    let mut groups = Groups::find(prints);
    groups.merge(articles.into_iter().map(Some).collect())
}

/// Which articles are one story, found from their fingerprints alone, so that a reader can
/// leave undecoded the articles no group it needs holds.
pub struct Groups {
    sets: UnionFind,
    /// Why an article joined its group ("exact duplicate", "near duplicate, about …").
    how: HashMap<usize, String>,
}

impl Groups {
    /// The groups of the articles whose fingerprints are `prints`, in corpus order.
    pub fn find(prints: &[Fingerprint]) -> Groups {
        let mut groups = Groups {
            sets: UnionFind::new(prints.len()),
            how: HashMap::new(),
        };
        let mut by_exact: HashMap<u64, usize> = HashMap::new();
        for (i, p) in prints.iter().enumerate() {
            match by_exact.get(&p.exact) {
                Some(&first) => groups.join(first, i, "exact duplicate".into()),
                None => {
                    by_exact.insert(p.exact, i);
                }
            }
        }
        for band in 0..BANDS {
            let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
            for (i, p) in prints.iter().enumerate() {
                if let Some(sig) = &p.signature {
                    if by_exact.get(&p.exact) == Some(&i) {
                        buckets.entry(band_key(sig, band)).or_default().push(i);
                    }
                }
            }
            for members in buckets.values().filter(|m| m.len() > 1) {
                groups.compare(&members[..members.len().min(BUCKET_CAP)], prints);
            }
        }
        groups
    }

    /// Joins the near duplicates among a bucket's members.
    fn compare(&mut self, members: &[usize], prints: &[Fingerprint]) {
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                if self.sets.find(a) == self.sets.find(b) {
                    continue;
                }
                let (Some(x), Some(y)) = (&prints[a].signature, &prints[b].signature) else {
                    continue;
                };
                let similarity = estimate(x, y);
                if similarity >= NEAR_THRESHOLD {
                    let reason = format!(
                        "near duplicate, about {:.0} % of shingles shared",
                        similarity * 100.0
                    );
                    self.join(a, b, reason);
                }
            }
        }
    }

    fn join(&mut self, a: usize, b: usize, reason: String) {
        self.sets.union(a, b);
        self.how.insert(b, reason);
    }

    /// Each article's group, as the index of the group's first article.
    pub fn roots(&mut self) -> Vec<usize> {
        (0..self.sets.len()).map(|i| self.sets.find(i)).collect()
    }

    /// Merges the articles given (`None`: an article left out, whose whole group must be left
    /// out) into the first of each group.
    pub fn merge(&mut self, articles: Vec<Option<Article>>) -> (Vec<Article>, Vec<Warning>) {
        let mut warnings = Vec::new();
        let mut kept = articles;
        let mut representative: HashMap<usize, usize> = HashMap::new();
        let mut order = Vec::new();
        for i in 0..kept.len() {
            let Some(duplicate) = kept[i].take() else {
                continue;
            };
            let root = self.sets.find(i);
            let Some(&first) = representative.get(&root) else {
                representative.insert(root, i);
                order.push(i);
                kept[i] = Some(duplicate);
                continue;
            };
            let main = kept[first].as_mut().expect("the representative stays");
            let reason = self
                .how
                .get(&i)
                .cloned()
                .unwrap_or_else(|| "near duplicate".into());
            warnings.push(Warning::about(
                duplicate.location().to_string(),
                format!(
                    "same story as {} ({reason}); read as one source",
                    main.location()
                ),
            ));
            fill_missing(main, &duplicate);
            main.duplicates.push(duplicate.location());
        }
        let merged = order
            .into_iter()
            .map(|i| kept[i].take().expect("kept"))
            .collect();
        (merged, warnings)
    }
}

fn fill_missing(main: &mut Article, other: &Article) {
    if main.published.is_none() && other.published.is_some() {
        main.published = other.published;
        main.published_from = DateFrom::Duplicate {
            how: Box::new(other.published_from.clone()),
            of: other.location().to_string(),
        };
    }
    for (mine, theirs) in [
        (&mut main.title, &other.title),
        (&mut main.outlet, &other.outlet),
        (&mut main.author, &other.author),
        (&mut main.url, &other.url),
    ] {
        if mine.is_none() {
            mine.clone_from(theirs);
        }
    }
}

fn fingerprint(body: &str) -> Fingerprint {
    let words = word_hashes(body);
    let mut exact = 0xcbf2_9ce4_8422_2325u64;
    for w in &words {
        exact = mix(exact ^ w);
    }
    let signature = (words.len() >= MIN_WORDS).then(|| {
        let mut mins = [u64::MAX; HASHES];
        for shingle in words.windows(SHINGLE) {
            let h = shingle.iter().fold(0u64, |acc, w| mix(acc ^ w));
            for (k, min) in mins.iter_mut().enumerate() {
                let v = mix(h ^ SEEDS[k]);
                if v < *min {
                    *min = v;
                }
            }
        }
        mins
    });
    Fingerprint { exact, signature }
}

fn band_key(sig: &[u64; HASHES], band: usize) -> u64 {
    sig[band * ROWS..(band + 1) * ROWS]
        .iter()
        .fold(band as u64, |acc, v| mix(acc ^ v))
}

fn estimate(a: &[u64; HASHES], b: &[u64; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut i = 0;
    let mut state = 0x5eed_u64;
    while i < HASHES {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seeds[i] = state;
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::scraped;

    fn article(file: &str, text: &str) -> Article {
        scraped::parse(text, false).finish(file, None, "text")
    }

    const STORY: &str = "Les ministres des Transports du Ghana, du Togo et du Bénin ont été reçus jeudi à Lisbonne par leur homologue portugais pour une première série d'entretiens entre le Portugal et les trois pays du golfe de Guinée, consacrée aux ports, à la formation des cheminots et aux échanges commerciaux entre les deux rives de l'Atlantique.";

    #[test]
    fn exact_duplicates_become_one_article_with_two_locations() {
        let (merged, warnings) = merge_duplicates(vec![
            article("a.txt", STORY),
            article("b.txt", "Un autre texte, sans rapport aucun."),
            article("c.txt", &format!("13-06-2025 10:00 - Titre\n\n{STORY}")),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].duplicates[0].file, "c.txt");
        assert_eq!(
            merged[0].published.unwrap().to_string(),
            "2025-06-13",
            "metadata filled from the duplicate"
        );
        assert!(warnings[0].to_string().contains("exact duplicate"));
    }

    #[test]
    fn the_same_story_reworded_slightly_is_a_near_duplicate() {
        let edited = STORY.replace("jeudi", "mercredi");
        let (merged, warnings) = merge_duplicates(vec![
            article("a.txt", STORY),
            article("b.txt", &format!("Afrikinfo - {edited}")),
        ]);
        assert_eq!(merged.len(), 1, "{warnings:?}");
        assert!(warnings[0].to_string().contains("near duplicate"));
    }

    #[test]
    fn different_stories_on_one_topic_stay_apart() {
        let other = "Le président du Ghana a reçu vendredi à Accra une délégation de la Banque mondiale pour discuter du financement de trois projets d'irrigation dans les régions de Tamale et de Bolgatanga, touchées par la sécheresse et par les inondations depuis plusieurs années déjà.";
        let (merged, _) = merge_duplicates(vec![article("a.txt", STORY), article("b.txt", other)]);
        assert_eq!(merged.len(), 2);
    }
}
