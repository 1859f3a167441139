//! One statement, several wordings: "ont réclamé" and "avaient réclamé", a clause moved, a word
//! changed. After the near-duplicate search (which finds the same sentence), sentences of
//! different articles are joined when their content words, reduced to their Snowball stems
//! (so tenses and plurals meet), overlap enough and their numbers agree ("3 morts" is not
//! "30 morts").
//!
//! Pairs are found through the stems two sentences share, looking only at stems that few
//! sentences use: a common word would pair everything with everything.

use crate::hashing::fnv1a;
use crate::text::{fold, word_ranges};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeSet, HashMap};

/// A sentence as the comparison sees it.
pub struct Bag {
    /// Stems of its content words, hashed.
    stems: BTreeSet<u64>,
    /// Its numbers, without thousands separators ("9.000", "9 000" and "9000" are one).
    numbers: BTreeSet<String>,
    /// The article it comes from.
    article: usize,
}

/// A stem used by more sentences than this does not pair them (on a small corpus; a large one
/// allows more, one in [`RARE_SHARE`] sentences, up to [`RARE_MAX`], so that the statements most
/// repeated are still compared).
const RARE: usize = 24;
const RARE_SHARE: usize = 4000;
const RARE_MAX: usize = 200;
/// Two sentences must share this many rare stems to be compared at all.
const SHARED: usize = 3;
/// The least overlap (Jaccard, on stems) of two wordings of one statement.
const SAME_STATEMENT: f64 = 0.5;
/// Or the least share of the shorter wording's stems the longer one holds, for a shorter one
/// of this many stems at least.
const CONTAINED: f64 = 0.85;
const CONTAINED_STEMS: usize = 6;

/// The bag of a sentence.
pub fn bag(text: &str, article: usize) -> Bag {
    let stemmer = Stemmer::create(Algorithm::French);
    let folded = fold(text);
    let mut stems = BTreeSet::new();
    let mut numbers = BTreeSet::new();
    for range in word_ranges(&folded) {
        let word = &folded[range];
        let number = word.chars().next().is_some_and(|c| c.is_ascii_digit());
        if !number && word.chars().count() >= 4 && !super::facts::is_stopword(word) {
            stems.insert(fnv1a(stemmer.stem(word).bytes()));
        }
    }
    numbers.extend(numbers_in(&folded));
    Bag {
        stems,
        numbers,
        article,
    }
}

/// The numbers of a text, digits only: groups of three digits after a space, a dot or a
/// no-break space belong to the number before them ("9 000 soldats" is 9000).
fn numbers_in(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let digits_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !digits_at(i) {
            i += 1;
            continue;
        }
        let mut number = String::new();
        loop {
            while digits_at(i) {
                number.push(char::from(bytes[i]));
                i += 1;
            }
            // A separator, then exactly three digits, continues the number.
            let separator = [" ", ".", "\u{a0}", "\u{202f}"]
                .iter()
                .find(|s| text[i..].starts_with(**s))
                .map_or(0, |s| s.len());
            let group = i + separator;
            let three = (group..group + 3).all(digits_at) && !digits_at(group + 3);
            if separator == 0 || !three {
                break;
            }
            i = group;
        }
        out.push(number);
    }
    out
}

/// Pairs of sentences (indices into `bags`) that say the same thing in other words.
pub fn pairs(bags: &[Bag]) -> Vec<(usize, usize)> {
    let mut by_stem: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, b) in bags.iter().enumerate() {
        for &s in &b.stems {
            by_stem.entry(s).or_default().push(i);
        }
    }
    let rare = (bags.len() / RARE_SHARE).clamp(RARE, RARE_MAX);
    let mut out = Vec::new();
    for (i, a) in bags.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for s in &a.stems {
            let users = &by_stem[s];
            if users.len() > rare {
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
    // A short wording inside a long one ("La coopérative a rejeté X" / "La Coopérative
    // agricole du Nord, forte de 3 000 membres, a rejeté vendredi X et annoncé Y").
    let shorter = if a.stems.len() <= b.stems.len() { a } else { b };
    let own: f64 = shorter.stems.iter().map(weight).sum();
    let contained =
        shorter.stems.len() >= CONTAINED_STEMS && own > 0.0 && common / own >= CONTAINED;
    numbers_agree && union > 0.0 && (common / union >= SAME_STATEMENT || contained)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        !pairs(&[bag(a, 0), bag(b, 1)]).is_empty()
    }

    #[test]
    fn numbers_are_read_without_their_separators() {
        assert_eq!(
            numbers_in("9 000 soldats, 9.000 ou 9000"),
            ["9000", "9000", "9000"]
        );
        assert_eq!(
            numbers_in("le 12 mai 2020, 3,5 %"),
            ["12", "2020", "3", "5"]
        );
        assert_eq!(numbers_in("1\u{202f}500 000 euros"), ["1500000"]);
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
    fn a_short_wording_inside_a_long_one_is_one_statement() {
        assert!(same(
            "La coopérative agricole a rejeté le nouveau tarif de l'électricité fixé par le distributeur.",
            "Réunie vendredi à Rennes, la coopérative agricole de Bretagne, forte de 3000 membres, a rejeté le nouveau tarif de l'électricité fixé par le distributeur pour les serres et les étables."
        ));
        assert!(!same(
            "Les syndicats ont réclamé le retrait de la réforme.",
            "Les syndicats ont réclamé le retrait de la réforme, puis le gouvernement a dissous le parlement et convoqué des élections anticipées pour le mois prochain."
        ));
    }

    #[test]
    fn sentences_of_one_article_are_not_paired() {
        let s = "Les syndicats ont réclamé le retrait immédiat de la réforme des retraites.";
        assert!(pairs(&[bag(s, 0), bag(s, 0)]).is_empty());
    }
}
