//! Given names and their gender (`data/names/first_names.tsv`, made by
//! `data/names/convert.py` from the person providers of the Faker package, and our own list of
//! the French press's spellings): the evidence that a capitalised run is a person's name, and
//! who "il" or "elle" may stand for.

use crate::text::fold;
use std::collections::HashMap;

/// A person's grammatical gender, as a title, a role's article or a given name tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Gender {
    Masculine,
    Feminine,
}

impl Gender {
    /// The subject pronoun that stands for a person of this gender: "il" or "elle" (folded).
    pub fn pronoun(self) -> &'static str {
        match self {
            Gender::Masculine => "il",
            Gender::Feminine => "elle",
        }
    }

    /// The gender a subject pronoun ("il", "elle", "ils", "elles", folded) speaks of.
    pub fn of_pronoun(folded: &str) -> Option<Gender> {
        match folded {
            "il" | "ils" => Some(Gender::Masculine),
            "elle" | "elles" => Some(Gender::Feminine),
            _ => None,
        }
    }
}

pub(super) const FIRST_NAMES_TSV: &str = include_str!("../data/names/first_names.tsv");

/// The given names, folded, with the gender the name lists agree on (`None`: either).
pub struct FirstNames {
    by_name: HashMap<String, Option<Gender>>,
}

impl FirstNames {
    /// Parses `data/names/first_names.tsv`: a name, a tab, m, f or x.
    pub fn parse(tsv: &str) -> FirstNames {
        let by_name = tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|line| {
                let (name, gender) = line.split_once('\t')?;
                let gender = match gender.trim() {
                    "m" => Some(Gender::Masculine),
                    "f" => Some(Gender::Feminine),
                    _ => None,
                };
                Some((fold(name), gender))
            })
            .collect();
        FirstNames { by_name }
    }

    /// Whether a word (folded) is a given name.
    pub fn contains(&self, folded: &str) -> bool {
        self.by_name.contains_key(folded)
    }

    /// The gender of a given name (folded), when the lists agree on one.
    pub fn gender(&self, folded: &str) -> Option<Gender> {
        self.by_name.get(folded).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_with_their_gender_across_scripts_and_spellings() {
        let names = FirstNames::parse(FIRST_NAMES_TSV);
        assert_eq!(names.gender("sergueï"), None, "looked up folded only");
        for (name, gender) in [
            ("serguei", Some(Gender::Masculine)),
            ("ioulia", Some(Gender::Feminine)),
            ("jean", Some(Gender::Masculine)),
            ("fatoumata", Some(Gender::Feminine)),
            ("moustapha", Some(Gender::Masculine)),
            ("mevlut", Some(Gender::Masculine)),
        ] {
            assert!(names.contains(name), "{name}");
            assert_eq!(names.gender(name), gender, "{name}");
        }
        assert!(!names.contains("airlines"));
        assert!(!names.contains("international"));
        assert!(names.by_name.len() > 20_000);
    }
}
