//! People named in a sentence: runs of capitalised words (or one word after a title), not inside
//! a country's, an organisation's or a town's name, with the role and country around them
//! (`roles`); later mentions by surname alone resolved to the article's full names. Part of
//! [`super::entities::find`]. Pure; byte ranges index the article's body.

use super::entities::{PersonEvidence, PersonMention, SentenceView};
use super::roles::role_around;
use crate::gazetteer::{Gazetteer, Gender};
use crate::lexicon::Lexicon;
use crate::text::{fold, tail, Token};
use std::collections::HashMap;

/// Byte ranges, for "does anything overlap this range?" in logarithmic time.
struct Spans {
    /// Sorted by start.
    spans: Vec<(usize, usize)>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl Spans {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let max_end = spans
            .iter()
            .scan(0, |max, &(_, end)| {
                *max = end.max(*max);
                Some(*max)
            })
            .collect();
        Spans { spans, max_end }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.spans.partition_point(|&(s, _)| s < end);
        before_end > 0 && self.max_end[before_end - 1] > start
    }
}

/// A word that can be part of a person's name: capitalised, letters only, not a function word,
/// and not an acronym written in capitals ("AFP", "GNA", "ONG"), which names an organisation
/// and, glued to a name, would make "AFP Tarek X" a person.
pub(super) fn is_name_word(text: &str, w: &Token) -> bool {
    let word = &text[w.start..w.end];
    w.capitalised
        && word.chars().all(|c| c.is_alphabetic())
        && !(word.chars().count() >= 2 && word.chars().all(char::is_uppercase))
        && Lexicon::get().can_be_in_a_name(&w.folded)
}

/// The sentence's subject, if a person: named near its start, not after a preposition ("de",
/// "à", "contre"…), so that "Le président a reçu X" does not make X the subject.
pub(super) fn subject_of(people: &[PersonMention], s: &SentenceView, text: &str) -> Option<String> {
    let first = people.first()?;
    let at = first.start - s.start;
    let before = fold(tail(&text[..at], 16));
    // After a preposition, or "selon" (a source), "dont" or "que" (an object).
    let preposition = before
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| {
            Lexicon::get().prepositions.contains(w) || matches!(w, "selon" | "dont" | "que")
        });
    (at <= 100 && !preposition).then(|| first.name.clone())
}

/// Names: runs of two to five capitalised words (particles allowed inside, joined by spaces,
/// hyphens or apostrophes), or one capitalised word after "M.", "le général"…, not inside a
/// country or organisation name.
pub(super) fn find_people(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    index: usize,
    g: &Gazetteer,
    out: &mut Vec<PersonMention>,
) {
    let lexicon = Lexicon::get();
    let named = Spans::new(
        s.countries
            .iter()
            .map(|m| (m.start, m.end))
            .chain(s.organisations.iter().map(|m| (m.start, m.end)))
            .chain(s.places.iter().map(|m| (m.start, m.end))),
    );
    let taken = |start: usize, end: usize| named.overlaps(s.start + start, s.start + end);
    let mut i = 0;
    while i < words.len() {
        if !is_name_word(text, &words[i]) || taken(words[i].start, words[i].end) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last_name_word = i;
        while j < words.len() {
            let gap = &text[words[j - 1].end..words[j].start];
            if !matches!(gap, " " | "-" | "'" | "’") {
                break;
            }
            let w = &words[j];
            if is_name_word(text, w) && !taken(w.start, w.end) {
                last_name_word = j;
                j += 1;
            } else if lexicon.name_particles.contains(w.folded.as_ref())
                && j + 1 < words.len()
                && is_name_word(text, &words[j + 1])
            {
                j += 1;
            } else {
                break;
            }
        }
        let run_end = last_name_word + 1;
        // "le ministre des Armées Florence X": the ministry's name is the role's, not the person's.
        if run_end - i >= 3 && office_before(text, &words[i]) {
            i += 1;
        }
        let count = run_end - i;
        let cue = (i > 0)
            .then(|| words[i - 1].folded.as_ref())
            .filter(|w| lexicon.person_cues.contains(w));
        let (start, end) = (words[i].start, words[last_name_word].end);
        // "Porto Novo", "San Pedro": a town's name is a place, unless a title makes it a name.
        let town = cue.is_none() && g.cities().by_name(&text[start..end]).is_some();
        let named = (2..=5).contains(&count) || (count == 1 && cue.is_some());
        if !town && named && !not_a_person(text, words, i, run_end) {
            let around = role_around(text, words, i, last_name_word, g, s);
            let first_name = words[i].folded.as_ref();
            let given = g.first_names().contains(first_name) && count >= 2;
            let typed_by = if cue.is_some() || around.role.is_some() {
                Some(PersonEvidence::Role)
            } else {
                given.then_some(PersonEvidence::GivenName)
            };
            let gender = cue
                .and_then(title_gender)
                .or(around.gender)
                .or_else(|| given.then(|| g.first_names().gender(first_name)).flatten());
            let phrase_start = match cue {
                Some(_) => words[i - 1].start.min(around.phrase_start),
                None => around.phrase_start,
            };
            out.push(PersonMention {
                start: s.start + start,
                end: s.start + end,
                name: text[start..end].to_string(),
                role: around.role,
                country: around.country.map(|(c, _)| c),
                country_by: around.country.map(|(_, by)| by),
                organisation: around.organisation,
                phrase_start: s.start + phrase_start,
                gender,
                typed_by,
                sentence: index,
            });
        }
        i = run_end;
    }
}

/// The gender a title gives: "M." and "MM." a man, "Mme" and "Mlle" a woman.
fn title_gender(title: &str) -> Option<Gender> {
    match title {
        "m" | "mm" => Some(Gender::Masculine),
        "mme" | "mmes" | "mlle" => Some(Gender::Feminine),
        _ => None,
    }
}

/// Whether the capitalised run `words[first..end]` names no one: a company, a medium, a body
/// ("… Airlines", "… Times", "Sciences Po": a word of `not_person_words.txt`), or a photo
/// credit ("Prénom Nom / AFP", page chrome).
fn not_a_person(text: &str, words: &[Token], first: usize, end: usize) -> bool {
    let lexicon = Lexicon::get();
    let credit = words.get(end).is_some_and(|next| {
        let gap = &text[words[end - 1].end..next.start];
        gap.trim() == "/" && next.upper
    });
    let after_a_thing = first > 0
        && lexicon
            .thing_nouns
            .contains(words[first - 1].folded.as_ref());
    credit
        || after_a_thing
        || words[first..end]
            .iter()
            .any(|w| lexicon.not_person_words.contains(w.folded.as_ref()))
}

/// Whether `word` follows an office's complement: "ministre des", "ministre de l'",
/// "secrétaire d'État à la", where a capitalised word names the ministry.
fn office_before(text: &str, word: &Token) -> bool {
    let before = fold(tail(&text[..word.start], 60));
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    let complement = n >= 2 && matches!(words[n - 1], "des" | "du" | "de" | "la" | "l" | "a");
    complement
        && words[n.saturating_sub(4)..n - 1].iter().any(|w| {
            // "vice-ministre des Transports X" too.
            let w = w.rsplit('-').next().unwrap_or(w);
            matches!(
                w,
                "ministre" | "ministres" | "secretaire" | "ministere" | "etat"
            )
        })
}

/// Later mentions by surname alone ("Mensah a souligné"), resolved to the article's full names.
/// `known` maps the folded surname of each full name of the earlier sentences to its first
/// mention; it grows sentence by sentence, so the whole article stays linear.
pub(super) fn resolve_surnames(
    words: &[Token],
    s: &SentenceView,
    index: usize,
    people: &mut Vec<PersonMention>,
    first_here: usize,
    known: &HashMap<String, usize>,
) {
    // Single-word mentions found by cue ("M. Mensah") become the full name.
    for p in first_here..people.len() {
        if !people[p].name.contains(' ') {
            if let Some(&full) = known.get(&fold(&people[p].name)) {
                let (name, role, country) = (
                    people[full].name.clone(),
                    people[full].role.clone(),
                    people[full].country,
                );
                let (organisation, gender) = (people[full].organisation, people[full].gender);
                let mention = &mut people[p];
                mention.name = name;
                mention.role = mention.role.take().or(role);
                mention.organisation = mention.organisation.or(organisation);
                mention.gender = mention.gender.or(gender);
                if mention.country.is_none() {
                    mention.country = country;
                    mention.country_by = None;
                }
            }
        }
    }
    // Bare surnames not caught as names.
    for w in words.iter().filter(|w| w.capitalised) {
        let start = s.start + w.start;
        if people[first_here..]
            .iter()
            .any(|p| p.start <= start && start < p.end)
        {
            continue;
        }
        if let Some(&full) = known.get(w.folded.as_ref()) {
            let earlier = &people[full];
            people.push(PersonMention {
                start,
                end: s.start + w.end,
                name: earlier.name.clone(),
                role: earlier.role.clone(),
                country: earlier.country,
                country_by: None,
                organisation: earlier.organisation,
                phrase_start: start,
                gender: earlier.gender,
                typed_by: None,
                sentence: index,
            });
        }
    }
    people[first_here..].sort_by_key(|p| p.start);
}

/// Adds the full names of `people` to the surnames `known` (the first mention wins).
pub(super) fn learn_surnames(
    people: &[PersonMention],
    first: usize,
    known: &mut HashMap<String, usize>,
) {
    for (i, p) in people.iter().enumerate().skip(first) {
        if p.name.contains(' ') || p.name.contains('-') {
            let surname = fold(p.name.rsplit([' ', '-']).next().unwrap_or(&p.name));
            known.entry(surname).or_insert(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::entities::testing::entities;
    use crate::extract::entities::PersonEvidence;

    #[test]
    fn later_surnames_resolve_to_the_full_name() {
        let e = entities("La présidente Halima Touré a reçu son homologue. Touré a salué « une nouvelle ère pour nos deux peuples », a ajouté M. Touré.");
        assert!(
            e.people
                .iter()
                .filter(|p| p.sentence == 1)
                .all(|p| p.name == "Halima Touré"),
            "{:?}",
            e.people
        );
        assert_eq!(e.quotes[0].speaker.as_deref(), Some("Halima Touré"));
    }

    #[test]
    fn a_capitalised_run_is_a_person_only_as_one() {
        let e = entities("La compagnie Atlas Sky Airways a suspendu ses vols vers Lisbonne, a indiqué Paulo Neves. Le navire Santa Clara Express a accosté. Photo Marta Lopes / AFP");
        let names: Vec<&str> = e.people.iter().map(|p| p.name.as_str()).collect();
        for thing in [
            "Atlas Sky Airways",
            "Sky Airways",
            "Santa Clara Express",
            "Clara Express",
            "Marta Lopes",
        ] {
            assert!(!names.contains(&thing), "{thing} in {names:?}");
        }
        assert!(names.contains(&"Paulo Neves"), "{names:?}");
        let neves = e.people.iter().find(|p| p.name == "Paulo Neves").unwrap();
        assert_eq!(neves.typed_by, Some(PersonEvidence::GivenName));
    }

    #[test]
    fn a_first_name_after_de_is_not_a_town() {
        let e = entities("La visite de Vladimir Poutine a été annoncée. Les déclarations de Martin Griffiths ont surpris.");
        for name in ["Vladimir Poutine", "Martin Griffiths"] {
            assert!(
                e.people.iter().any(|p| p.name == name),
                "{name}: {:?}",
                e.people
            );
        }
    }
}
