//! Cities and towns, from GeoNames (`data/cities.tsv`, made by `data/cities/convert.py`): every
//! place of 5,000 inhabitants or more with its country and position, and the other names of those
//! of 50,000 or more (Sotchi for Sochi, Anvers for Antwerp).
//!
//! A place name is also often a first name, a surname, a brand or a French word ("Martin",
//! "Hidalgo", "Mustang", "Sur"), so a name is taken as a place only where the text makes it one:
//! after a locative word ("à Ségou", "près de Kati", "la région de Kouroussa", "au Havre"), or, for
//! a city of a million or more, anywhere (at a sentence's start, only by its own name); never
//! right next to another capitalised word.
//! Names are compared folded, with "ou" read as "u" (Kouroussa is Kurussa).

use super::city_names::{self, MAX_WORDS};
use crate::text::{tokens, Token};
use std::borrow::Cow;
use std::collections::HashMap;

pub use super::city_names::City;

/// A place named in a text: which, and where (byte range into the text searched).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlaceMention {
    pub city: usize,
    pub start: usize,
    pub end: usize,
}

/// Cities of a million or more are places wherever they are named.
const BIG_CITY: u64 = 1_000_000;

pub(super) const CITIES_TSV: &str = include_str!("../data/cities.tsv");

/// The index of `CITIES_TSV`'s names and its rows' records, made by `build.rs` (see
/// `city_names`).
const SHIPPED_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/city_names.tsv"));
const SHIPPED_RECORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/city_records.bin"));

/// The cities (records read in place from the table's text), and the index of their names
/// (folded, "ou" as "u") to look them up.
pub struct Cities {
    table: Cow<'static, str>,
    records: Cow<'static, [u8]>,
    names: Cow<'static, str>,
}

impl Cities {
    /// Parses a cities table (see `data/cities.tsv`); places whose country is not among
    /// `countries` (ISO3 → the gazetteer's index) are left out.
    pub fn parse(tsv: &str, countries: &HashMap<String, usize>) -> Cities {
        let country = |iso3: &str| countries.get(iso3).copied();
        Cities {
            table: Cow::Owned(tsv.to_string()),
            records: Cow::Owned(city_names::records(tsv, &country)),
            names: Cow::Owned(city_names::build(tsv, &country)),
        }
    }

    /// The shipped table, as `build.rs` prepared it for the shipped gazetteer's countries.
    pub(super) fn shipped() -> Cities {
        Cities {
            table: Cow::Borrowed(CITIES_TSV),
            records: Cow::Borrowed(SHIPPED_RECORDS),
            names: Cow::Borrowed(SHIPPED_NAMES),
        }
    }

    /// City `index` (as `by_name` and `find` give it).
    pub fn city(&self, index: usize) -> City<'_> {
        city_names::city(&self.table, &self.records, index)
    }

    /// How many cities there are.
    pub fn len(&self) -> usize {
        city_names::count(&self.records)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The city a name (as written) names, if any.
    pub fn by_name(&self, name: &str) -> Option<usize> {
        city_names::lookup(&self.names, &city_names::key(&city_names::words(name)))
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
            || !city_names::has_first_word(&self.names, &words[i].folded.replace("ou", "u"))
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
            if let Some(city) = city_names::lookup(&self.names, &city_names::key(&parts)) {
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
        // At a sentence's start a capital says nothing: there a big city is named by its own
        // name, not by another language's ("Seul le…" is no Seoul, whose Polish name it is).
        let sentence_start =
            i == 0 || text[words[i - 1].end..words[i].start].contains(['.', '!', '?', '…', '\n']);
        let written: Vec<&str> = words[i..i + n]
            .iter()
            .map(|w| &text[w.start..w.end])
            .collect();
        // Compared folded but letter for letter ("Seul" is not "Seoul", though both read "sul").
        let own_name = || {
            let name = self.city(city).name;
            crate::text::fold(&written.join(" "))
                == crate::text::fold(&city_names::words(name).join(" "))
        };
        let big_city = self.city(city).population >= BIG_CITY
            && !capital_before
            && (!sentence_start || own_name());
        locative || big_city
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
            .map(|m| format!("{}={}", &text[m.start..m.end], c.city(m.city).name))
            .collect()
    }

    #[test]
    fn the_shipped_index_is_the_one_the_shipped_table_makes() {
        let g = crate::gazetteer::Gazetteer::shipped();
        let countries: HashMap<String, usize> = g
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso3.clone(), i))
            .collect();
        let parsed = Cities::parse(CITIES_TSV, &countries);
        let shipped = g.cities();
        assert!(parsed.names == shipped.names, "build.rs made another index");
        assert!(
            parsed.records == shipped.records,
            "build.rs made other records"
        );
        assert!(shipped.len() > 40_000);
    }

    #[test]
    fn places_after_a_locative_word_and_big_cities_anywhere() {
        assert_eq!(
            names("Les forces sont entrées à Kouroussa puis près de Kati. Paris a réagi."),
            ["Kouroussa=Kurussa", "Kati=Kati", "Paris=Paris"]
        );
    }

    #[test]
    fn a_word_opening_a_sentence_is_no_big_city_of_another_language() {
        let countries = HashMap::from([("KOR".to_string(), 0), ("FRA".to_string(), 1)]);
        let c = Cities::parse(
            "# header\nSeoul\tKOR\t10349312\t37.57\t126.98\tSeul;Séoul\nParis\tFRA\t2138551\t48.85\t2.35\t-\n",
            &countries,
        );
        let found = |text: &str| -> Vec<String> {
            c.find(text)
                .iter()
                .map(|m| text[m.start..m.end].to_string())
                .collect()
        };
        assert!(found("Seul le vote compte encore.").is_empty());
        assert!(found("Il a parlé. Seul un accord compte.").is_empty());
        // Its own name at the start, or another name inside a sentence or after a locative,
        // still names it.
        assert_eq!(found("Seoul a réagi."), ["Seoul"]);
        assert_eq!(found("Paris a réagi."), ["Paris"]);
        assert_eq!(found("Le ministre était à Séoul."), ["Séoul"]);
        assert_eq!(found("Le ministre a quitté Séoul hier."), ["Séoul"]);
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
