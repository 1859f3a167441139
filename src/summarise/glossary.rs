//! The glossary: the acronyms of the organisations the cited articles name, each with the long
//! name the articles themselves give ("le Conseil national pour le salut du peuple (CNSP)"),
//! and the shipped table's only where no article spells it out: two bodies of two countries may
//! share initials.

use super::citations::Citations;
use super::Input;
use crate::lexicon::Lexicon;
use crate::model::GlossaryEntry;
use crate::text::{fold, word_ranges};
use std::collections::{BTreeMap, BTreeSet};

/// The organisations the cited articles name whose short name is not their name, with the
/// articles' own expansion where one gives it.
pub(super) fn glossary(input: &Input, citations: &Citations) -> Vec<GlossaryEntry> {
    let g = input.gazetteer;
    let used: BTreeSet<usize> = citations
        .articles()
        .flat_map(|a| {
            input.extractions[a]
                .sentences
                .iter()
                .flat_map(|s| s.organisations.iter().map(|o| o.org))
        })
        .collect();
    let spelt = expansions(
        citations
            .articles()
            .map(|a| input.articles[a].body.as_str()),
    );
    used.into_iter()
        .filter(|&o| g.organisations[o].short != g.organisations[o].name)
        .map(|o| {
            let short = &g.organisations[o].short;
            let shipped = &g.organisations[o].name;
            // The articles' name, unless it is the table's in plainer type ("Etat islamique").
            let name = spelt
                .get(&key(short))
                .filter(|name| fold(name) != fold(shipped))
                .unwrap_or(shipped)
                .clone();
            GlossaryEntry {
                short: short.clone(),
                name,
            }
        })
        .collect()
}

/// An acronym as it is compared: folded, upper case ("Cédéao" and "CEDEAO" are one).
fn key(acronym: &str) -> String {
    fold(acronym).to_uppercase()
}

/// How many words before a parenthesised acronym its long name may start.
const NAME_WORDS: usize = 14;

/// Every acronym the texts spell out as "Long Name (ACRONYM)", with the first long name given
/// (texts in order): the words whose initials, small words aside, are the acronym's letters.
fn expansions<'a>(texts: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for text in texts {
        let mut from = 0;
        while let Some(open) = text[from..].find('(').map(|i| from + i) {
            let Some(close) = text[open..].find(')').map(|i| open + i) else {
                break;
            };
            from = open + 1;
            let acronym = text[open + 1..close].trim();
            if !is_acronym(acronym) {
                continue;
            }
            if let Some(name) = long_name_before(&text[..open], &key(acronym)) {
                out.entry(key(acronym)).or_insert(name);
            }
        }
    }
    out
}

/// Two to ten letters or digits, at least two of them capitals: "CNSP", "Cédéao", "M5-RFP".
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphanumeric()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    (2..=10).contains(&letters)
        && capitals >= 2
        && word.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// The shortest run of words ending right before the parenthesis whose significant words'
/// initials spell `acronym`; the run starts on a capital.
fn long_name_before(before: &str, acronym: &str) -> Option<String> {
    let before = before.trim_end();
    let words: Vec<std::ops::Range<usize>> = word_ranges(before).collect();
    let letters: String = acronym.chars().filter(|c| c.is_alphanumeric()).collect();
    let first = words.len().saturating_sub(NAME_WORDS);
    (first..words.len()).rev().find_map(|start| {
        let run = &words[start..];
        let head = &before[run[0].clone()];
        if !head.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let initials: String = run
            .iter()
            .map(|r| &before[r.clone()])
            .filter(|w| !is_small_word(w))
            .filter_map(|w| fold(w).chars().next())
            .collect::<String>()
            .to_uppercase();
        (initials == letters).then(|| before[run[0].start..].to_string())
    })
}

/// The words an acronym leaves out: articles and prepositions ("Conseil national pour le
/// salut du peuple" is CNSP).
fn is_small_word(word: &str) -> bool {
    Lexicon::get()
        .acronym_small_words
        .contains(fold(word).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_articles_own_expansion_is_found() {
        let texts = [
            "La junte, le Conseil national pour le salut du peuple (CNSP), a pris le pouvoir.",
            "Selon l'Organisation des Nations unies (ONU), la situation empire (voir plus bas).",
        ];
        let found = expansions(texts.into_iter());
        assert_eq!(
            found.get("CNSP").map(String::as_str),
            Some("Conseil national pour le salut du peuple")
        );
        assert_eq!(
            found.get("ONU").map(String::as_str),
            Some("Organisation des Nations unies")
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }
}
