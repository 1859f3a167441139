//! Where a meeting is held: a capital or a town of the gazetteer after "à" or "au", a named
//! building ("au palais de X"), a country after "en" or "au", or no place at all for a meeting
//! by video. Pure; byte ranges index the article's body.

use super::entities::SentenceView;
use super::people::is_name_word;
use crate::gazetteer::{Gazetteer, MentionKind};
use crate::lexicon::Lexicon;
use crate::text::{fold, head, tail, Token};

/// The place of a meeting that is held at a distance: no city, whatever the sentence names.
pub const VIRTUAL_PLACE: &str = "visioconférence";

/// Words that say a meeting is held by video.
pub(super) const VIRTUAL_WORDS: &[&str] = &[
    "visioconference",
    "videoconference",
    "visio",
    "visioconferences",
    "videoconferences",
];

/// "à Nairobi", "à Mombasa", "en Espagne": a capital or city after "à", else a country after "en/au";
/// "par visioconférence": no city at all.
pub(super) fn place_in(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    g: &Gazetteer,
    people: &[(usize, usize)],
    trigger_at: usize,
) -> Option<String> {
    // A place has three letters at least and is no abbreviation ("M." is not a place).
    named_place(text, words, s, g, people, trigger_at)
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !p.ends_with('.'))
}

fn named_place(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    g: &Gazetteer,
    people: &[(usize, usize)],
    trigger_at: usize,
) -> Option<String> {
    let virtual_meeting = words
        .iter()
        .any(|w| VIRTUAL_WORDS.contains(&w.folded.as_ref()));
    capital_venue(text, s)
        .or_else(|| named_after_common_noun(text, words, s, people))
        .or_else(|| town_venue(text, words, s, people))
        .or_else(|| virtual_meeting.then(|| VIRTUAL_PLACE.to_string()))
        .or_else(|| name_after_a(text, words, s, people))
        .or_else(|| country_venue(text, s, g, trigger_at))
}

/// A capital after "à", or hosting ("Dakar a accueilli", "Rabat abrite").
fn capital_venue(text: &str, s: &SentenceView) -> Option<String> {
    const HOSTS: &[&str] = &[
        "a accueilli",
        "accueille",
        "a recu",
        "accueillera",
        "abrite",
        "a abrite",
    ];
    s.countries
        .iter()
        .filter(|m| m.kind == MentionKind::Capital)
        .find(|m| {
            let before = fold(tail(&text[..m.start - s.start], 16).trim_end());
            let after = fold(head(&text[m.end - s.start..], 32));
            let hosts = HOSTS.iter().any(|v| after.trim_start().starts_with(v));
            before.ends_with(" a") || before == "a" || hosts
        })
        .map(|m| text[m.start - s.start..m.end - s.start].to_string())
}

/// "au fort de Vincennes", "au palais de l'Élysée": a named place after a building's noun.
fn named_after_common_noun(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    people: &[(usize, usize)],
) -> Option<String> {
    let f = |k: usize| words.get(k).map_or("", |w| w.folded.as_ref());
    for k in 0..words.len() {
        // "au fort de X", "sur le fort de X", "dans la résidence de X".
        let building_at = match (f(k), f(k + 1)) {
            ("au" | "aux", _) => k + 1,
            ("sur" | "dans" | "a" | "depuis" | "devant", "le" | "la" | "l" | "les") => k + 2,
            _ => continue,
        };
        if !(Lexicon::get().buildings.contains(f(building_at))
            && matches!(f(building_at + 1), "de" | "du" | "d" | "l"))
        {
            continue;
        }
        let k = building_at - 1;
        let named = words[k + 3..]
            .iter()
            .position(|n| n.capitalised)
            .map(|p| k + 3 + p)
            .filter(|&p| p <= k + 4);
        if let Some(p) = named {
            let at = s.start + words[p].start;
            let is_person = people.iter().any(|&(a, b)| a <= at && at < b);
            let org = s.organisations.iter().any(|o| o.start <= at && at < o.end);
            let alphabetic = text[words[p].start..words[p].end]
                .chars()
                .all(char::is_alphabetic);
            if !is_person && !org && alphabetic && !s.countries.iter().any(|m| m.start == at) {
                return Some(text[words[p].start..words[p].end].to_string());
            }
        }
    }
    None
}

/// A town of the gazetteer where the meeting is: "à X", "au X" (with the article "au" stands
/// for: "au Havre" is in "Le Havre"), "dans X", or "de X" right after a meeting's noun ("le sommet
/// de X"). Any other "de X" is not the venue: "aux portes de X", "le maire de X".
fn town_venue(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    people: &[(usize, usize)],
) -> Option<String> {
    let word_before = |start: usize, skip: usize| {
        let at = words.partition_point(|w| w.start < start - s.start);
        at.checked_sub(1 + skip).map(|k| words[k].folded.as_ref())
    };
    let venue_preposition = |m: &crate::gazetteer::PlaceMention| match word_before(m.start, 0) {
        Some(p @ ("a" | "au" | "aux" | "dans")) => Some(p.to_string()),
        Some("de" | "d") => word_before(m.start, 1)
            .filter(|noun| VENUE_NOUNS.contains(noun))
            .map(|_| "de".to_string()),
        _ => None,
    };
    let (m, preposition) = s
        .places
        .iter()
        .filter(|m| !people.iter().any(|&(a, b)| a <= m.start && m.start < b))
        .find_map(|m| venue_preposition(m).map(|p| (m, p)))?;
    let name = &text[m.start - s.start..m.end - s.start];
    Some(match preposition.as_str() {
        "au" => format!("Le {name}"),
        "aux" => format!("Les {name}"),
        _ => name.to_string(),
    })
}

/// Nouns that name a meeting by its town: "le sommet de X", "la conférence de X".
const VENUE_NOUNS: &[&str] = &[
    "sommet",
    "conference",
    "reunion",
    "rencontre",
    "forum",
    "pourparlers",
    "negociations",
];

/// "à X": a capitalised word after "à" that is neither a country nor a person.
fn name_after_a(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    people: &[(usize, usize)],
) -> Option<String> {
    for (k, w) in words.iter().enumerate() {
        if w.folded == "a"
            && k + 1 < words.len()
            && is_name_word(text, &words[k + 1])
            && text[w.end..words[k + 1].start] == *" "
        {
            let city = &words[k + 1];
            let is_country = s.countries.iter().any(|m| m.start == s.start + city.start);
            let is_person = people
                .iter()
                .any(|&(a, b)| a <= s.start + city.start && s.start + city.start < b);
            if !is_country && !is_person && city.end - city.start >= 3 {
                return Some(text[city.start..city.end].to_string());
            }
        }
    }
    None
}

/// "en Espagne", "au Mali": of several, the one nearest the meeting's word ("son engagement
/// en Irak, … lors de sa visite, en Jordanie" is a visit to Jordan).
fn country_venue(text: &str, s: &SentenceView, g: &Gazetteer, trigger_at: usize) -> Option<String> {
    s.countries
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .filter(|m| {
            let before = fold(tail(&text[..m.start - s.start], 16).trim_end());
            // "à Chypre", "à Malte": islands take "à".
            [" en", " au", " aux", " a"]
                .iter()
                .any(|p| before.ends_with(p))
        })
        .min_by_key(|m| (m.start - s.start).abs_diff(trigger_at))
        .map(|m| g.countries[m.country].name.clone())
}

#[cfg(test)]
mod tests {
    use crate::extract::entities::testing::entities;

    #[test]
    fn venues_are_where_they_met() {
        let place = |text: &str| entities(text).meetings[0].place.clone();
        assert_eq!(
            place("Après une visioconférence la semaine dernière, les deux ministres se sont rencontrés mardi à Dakar.").as_deref(),
            Some("Dakar")
        );
        assert_eq!(
            place("Les ministres se sont réunis mardi en visioconférence.").as_deref(),
            Some("visioconférence")
        );
        assert_ne!(
            place("Les deux présidents se sont rencontrés mardi alors que les combats font rage aux portes de Kati.").as_deref(),
            Some("Kati")
        );
        assert_eq!(
            place("Le président Kofi Mensah a rencontré au Havre le Premier ministre Paul Martin.")
                .as_deref(),
            Some("Le Havre")
        );
    }
}
