//! One statement, several wordings: "ont réclamé" and "avaient réclamé", a clause moved, a word
//! changed. After the near-duplicate search (which finds the same sentence), sentences of
//! different articles are joined when their content words, reduced to their Snowball stems
//! (so tenses and plurals meet), overlap enough and their numbers agree ("3 morts" is not
//! "30 morts").
//!
//! Pairs are found through the stems two sentences share, looking only at stems that few
//! sentences use: a common word would pair everything with everything.

use crate::text::{fold, word_ranges};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeSet, HashMap};

/// A sentence as the comparison sees it.
pub struct Bag {
    /// Stems of its content words, hashed.
    stems: BTreeSet<u64>,
    /// Its numbers, as written without separators ("9.000" and "9000" are one).
    numbers: BTreeSet<String>,
    /// The article it comes from.
    article: usize,
}

/// A stem used by more sentences than this does not pair them.
const RARE: usize = 24;
/// Two sentences must share this many rare stems to be compared at all.
const SHARED: usize = 3;
/// The least overlap (Jaccard, on stems) of two wordings of one statement.
const SAME_STATEMENT: f64 = 0.5;

/// The bag of a sentence.
pub fn bag(text: &str, article: usize) -> Bag {
    let stemmer = Stemmer::create(Algorithm::French);
    let folded = fold(text);
    let mut stems = BTreeSet::new();
    let mut numbers = BTreeSet::new();
    for range in word_ranges(&folded) {
        let word = &folded[range];
        if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            numbers.insert(word.chars().filter(char::is_ascii_digit).collect());
        } else if word.chars().count() >= 4 && !super::facts::is_stopword(word) {
            stems.insert(hash(&stemmer.stem(word)));
        }
    }
    Bag {
        stems,
        numbers,
        article,
    }
}

fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        crate::hashing::mix(h ^ u64::from(b))
    })
}

/// Pairs of sentences (indices into `bags`) that say the same thing in other words.
pub fn pairs(bags: &[Bag]) -> Vec<(usize, usize)> {
    let mut by_stem: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, b) in bags.iter().enumerate() {
        for &s in &b.stems {
            by_stem.entry(s).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (i, a) in bags.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for s in &a.stems {
            let users = &by_stem[s];
            if users.len() > RARE {
                continue;
            }
            for &j in users
                .iter()
                .filter(|&&j| j > i && bags[j].article != a.article)
            {
                *shared.entry(j).or_default() += 1;
            }
        }
        let mut candidates: Vec<usize> = shared
            .into_iter()
            .filter(|&(_, n)| n >= SHARED)
            .map(|(j, _)| j)
            .collect();
        candidates.sort_unstable();
        let weight = |s: &u64| (1.0 + bags.len() as f64 / by_stem[s].len() as f64).ln();
        out.extend(
            candidates
                .into_iter()
                .filter(|&j| same_statement(a, &bags[j], &weight))
                .map(|j| (i, j)),
        );
    }
    out
}

/// Whether two bags say the same thing: their numbers agree, and their stems overlap enough,
/// each stem weighing by its rarity, so that two sentences on one template ("Le Ghana a
/// présenté mardi X") but different subjects stay apart.
fn same_statement(a: &Bag, b: &Bag, weight: &dyn Fn(&u64) -> f64) -> bool {
    let numbers_agree = a.numbers.is_empty() || b.numbers.is_empty() || a.numbers == b.numbers;
    let common: f64 = a.stems.intersection(&b.stems).map(weight).sum();
    let union: f64 = a.stems.union(&b.stems).map(weight).sum();
    numbers_agree && union > 0.0 && common / union >= SAME_STATEMENT
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        !pairs(&[bag(a, 0), bag(b, 1)]).is_empty()
    }

    #[test]
    fn tenses_and_small_changes_are_one_statement() {
        assert!(same(
            "Les syndicats ont réclamé mardi le retrait immédiat de la réforme des retraites.",
            "Les syndicats avaient réclamé le retrait immédiat de cette réforme des retraites."
        ));
    }

    #[test]
    fn one_template_with_other_subjects_is_not_one_statement() {
        let frame = |topic: &str| {
            format!("Le Ghana a présenté mardi {topic} après de longues discussions au parlement.")
        };
        let topics = [
            "un accord sur les routes",
            "un budget pour les écoles",
            "une réforme des impôts",
            "un plan contre la sécheresse",
        ];
        let bags: Vec<Bag> = topics
            .iter()
            .enumerate()
            .map(|(i, t)| bag(&frame(t), i))
            .collect();
        assert!(pairs(&bags).is_empty());
    }

    #[test]
    fn other_numbers_or_other_words_are_not() {
        assert!(!same(
            "L'explosion a fait 3 morts dans le marché central de la ville portuaire.",
            "L'explosion a fait 30 morts dans le marché central de la ville portuaire."
        ));
        assert!(!same(
            "Les syndicats ont réclamé le retrait immédiat de la réforme des retraites.",
            "Le gouvernement a présenté son budget pour la défense et la sécurité intérieure."
        ));
    }

    #[test]
    fn sentences_of_one_article_are_not_paired() {
        let s = "Les syndicats ont réclamé le retrait immédiat de la réforme des retraites.";
        assert!(pairs(&[bag(s, 0), bag(s, 0)]).is_empty());
    }
}
