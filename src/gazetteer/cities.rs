//! Cities and towns, from GeoNames (`data/cities.tsv`, made by `data/cities/convert.py`): every
//! place of 5,000 inhabitants or more with its country and position, and the other names of those
//! of 50,000 or more (Sotchi for Sochi, Anvers for Antwerp).
//!
//! A place name is also often a first name, a surname, a brand or a French word ("Martin",
//! "Hidalgo", "Mustang", "Sur"), so a name is taken as a place only where the text makes it one:
//! after a locative word ("à Ségou", "près de Kati", "la région de Kouroussa", "au Havre"), or, for
//! a city of a million or more, anywhere; never right next to another capitalised word.
//! Names are compared folded, with "ou" read as "u" (Kouroussa is Kurussa).

use crate::text::{fold, tokens, Token};
use std::collections::HashMap;

/// A city or town.
#[derive(Debug, Clone, PartialEq)]
pub struct City {
    pub name: String,
    /// Index into the gazetteer's countries.
    pub country: usize,
    pub population: u64,
    pub latitude: f32,
    pub longitude: f32,
}

/// A place named in a text: which, and where (byte range into the text searched).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlaceMention {
    pub city: usize,
    pub start: usize,
    pub end: usize,
}

/// Cities of a million or more are places wherever they are named.
const BIG_CITY: u64 = 1_000_000;

/// The longest place names looked for, in words.
const MAX_WORDS: usize = 3;

pub(super) const CITIES_TSV: &str = include_str!("../data/cities.tsv");

/// The cities, and their names (folded, "ou" as "u") to look them up.
pub struct Cities {
    pub cities: Vec<City>,
    by_name: HashMap<String, usize>,
    /// The first word of every name (its key), to pass over other words at once.
    first_words: std::collections::HashSet<String>,
}

/// The comparison key of a name: folded, "ou" read as "u", words joined by single spaces.
fn key(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| fold(w).replace("ou", "u"))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Cities {
    /// Parses `data/cities.tsv`; places whose country the gazetteer does not know are left out.
    pub fn parse(tsv: &str, countries: &HashMap<String, usize>) -> Cities {
        let mut cities = Vec::with_capacity(tsv.len() / 48);
        let mut by_name = HashMap::with_capacity(tsv.len() / 16);
        let mut first_words = std::collections::HashSet::with_capacity(tsv.len() / 32);
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [name, iso3, population, latitude, longitude, others] = cols[..] else {
                continue;
            };
            let Some(&country) = countries.get(iso3) else {
                continue;
            };
            let index = cities.len();
            cities.push(City {
                name: name.to_string(),
                country,
                population: population.parse().unwrap_or(0),
                latitude: latitude.parse().unwrap_or(0.0),
                longitude: longitude.parse().unwrap_or(0.0),
            });
            let names = std::iter::once(name).chain(others.split(';').filter(|o| *o != "-"));
            for n in names {
                let words = n.split([' ', '-', '\'', '’']).filter(|w| !w.is_empty());
                if !(1..=MAX_WORDS).contains(&words.clone().count()) {
                    continue;
                }
                // One key per name, its first word's key a prefix of it.
                let name_key = key(&words.collect::<Vec<_>>());
                let first = name_key.split(' ').next().unwrap_or_default();
                if !first_words.contains(first) {
                    first_words.insert(first.to_string());
                }
                // Rows come most populous first: the first place of a name keeps it.
                by_name.entry(name_key).or_insert(index);
            }
        }
        Cities {
            cities,
            by_name,
            first_words,
        }
    }

    /// The city a name (as written) names, if any.
    pub fn by_name(&self, name: &str) -> Option<usize> {
        let words: Vec<&str> = name
            .split([' ', '-', '\'', '’'])
            .filter(|w| !w.is_empty())
            .collect();
        self.by_name.get(&key(&words)).copied()
    }

    /// The places named in `text` as places (see the module's documentation), left to right.
    pub fn find(&self, text: &str) -> Vec<PlaceMention> {
        let words = tokens(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(text, &words, i) {
                Some((city, n)) if self.is_place(text, &words, i, n, city) => {
                    found.push(PlaceMention {
                        city,
                        start: words[i].start,
                        end: words[i + n - 1].end,
                    });
                    i += n;
                }
                _ => i += 1,
            }
        }
        found
    }

    /// The longest city name starting at word `i` (capitalised, words joined by spaces,
    /// hyphens or apostrophes only).
    fn longest_at(&self, text: &str, words: &[Token], i: usize) -> Option<(usize, usize)> {
        if !words[i].capitalised
            || !self
                .first_words
                .contains(&words[i].folded.replace("ou", "u"))
        {
            return None;
        }
        let mut best = None;
        let mut parts: Vec<&str> = Vec::new();
        for n in 1..=MAX_WORDS.min(words.len() - i) {
            let w = &words[i + n - 1];
            if n > 1 && !matches!(&text[words[i + n - 2].end..w.start], " " | "-" | "'" | "’") {
                break;
            }
            parts.push(&text[w.start..w.end]);
            if let Some(&city) = self.by_name.get(&key(&parts)) {
                best = Some((city, n));
            }
        }
        best
    }

    /// Whether the name at `i..i + n` stands as a place in the text: never right before another
    /// capitalised word ("la visite de Vladimir Poutine", "les propos d'Ali X" are people), and
    /// then after a locative word, or anywhere for a big city not right after a capitalised word.
    fn is_place(&self, text: &str, words: &[Token], i: usize, n: usize, city: usize) -> bool {
        let capital_next = words
            .get(i + n)
            .is_some_and(|w| w.capitalised && &text[words[i + n - 1].end..w.start] == " ");
        if capital_next {
            return false;
        }
        let locatives = &crate::lexicon::Lexicon::get().locatives;
        let locative = i > 0 && locatives.contains(words[i - 1].folded.as_ref())
            || (i > 1 && words[i - 1].folded == "de" && words[i - 2].folded == "pres");
        let capital_before =
            i > 0 && words[i - 1].capitalised && &text[words[i - 1].end..words[i].start] == " ";
        locative || (self.cities[city].population >= BIG_CITY && !capital_before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cities() -> Cities {
        let countries = HashMap::from([
            ("GIN".to_string(), 0),
            ("MLI".to_string(), 1),
            ("FRA".to_string(), 2),
        ]);
        Cities::parse(
            "# header\nConakry\tGIN\t1767200\t9.53\t-13.67\t-\nParis\tFRA\t2138551\t48.85\t2.35\t-\nKurussa\tGIN\t52420\t10.65\t-9.88\t-\nKati\tMLI\t130254\t12.74\t-8.07\t-\nMartin\tFRA\t6000\t0\t0\t-\n",
            &countries,
        )
    }

    fn names(text: &str) -> Vec<String> {
        let c = cities();
        c.find(text)
            .iter()
            .map(|m| format!("{}={}", &text[m.start..m.end], c.cities[m.city].name))
            .collect()
    }

    #[test]
    fn places_after_a_locative_word_and_big_cities_anywhere() {
        assert_eq!(
            names("Les forces sont entrées à Kouroussa puis près de Kati. Paris a réagi."),
            ["Kouroussa=Kurussa", "Kati=Kati", "Paris=Paris"]
        );
    }

    #[test]
    fn a_first_name_or_a_word_is_not_a_place() {
        assert!(names("Martin Dupont a parlé. Kati est venue.").is_empty());
        // A big city's name inside a person's name is not the city.
        assert!(names("Le joueur Paris Hilton est arrivé.").is_empty());
        // Nor after a locative word, when a capitalised word follows: "de Martin Dupont".
        assert!(
            names("Les déclarations de Martin Dupont et la visite de Paris Hilton.").is_empty()
        );
    }
}
