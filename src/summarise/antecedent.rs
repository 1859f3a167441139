//! Facts that stand alone: a sentence whose subject is a pronoun ("Il a annoncé…") is shown with
//! its antecedent in brackets, as analysts write it ("Il [Kofi Mensah] a annoncé…"), when the
//! sentence before names one person of that gender first; the words of the source stay as they
//! are, and the insertion is kept apart. A sentence whose subject only points back ("Ils ont
//! ajouté…", "Cela montre…", a pronoun with no sure antecedent) is not a fact; an impersonal
//! "Il faut…" and a subject of its own ("Cette frappe a été décidée par X") stand alone.

use super::facts::Place;
use super::Input;
use crate::extract::ArticleExtraction;
use crate::gazetteer::Gender;
use crate::lexicon::Lexicon;
use crate::text::{fold, word_ranges};

/// How a sentence stands on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// It needs nothing before it.
    Alone,
    /// Its subject pronoun ends at byte `at` of its text and stands for `name`.
    Resolved { at: usize, name: String },
    /// It leans on what comes before, and nothing sure says on what.
    Leaning,
}

/// How the sentence at `place` stands: alone, with the antecedent of its subject pronoun, or
/// leaning on what comes before.
pub fn standing(input: &Input, place: &Place) -> Standing {
    let (articles, x) = (input.articles, input.extractions);
    let ex = &x[place.article];
    let s = &ex.sentences[place.sentence];
    let text = &articles[place.article].body[s.start..s.end];
    // A quote's words are its speaker's: "« Il n'y a aucun doute », a promis X".
    if text.starts_with(['«', '"', '“']) {
        return Standing::Alone;
    }
    let mut words = word_ranges(text).map(|r| (fold(&text[r.clone()]), r));
    let Some((first, range)) = words.next() else {
        return Standing::Alone;
    };
    let (next, next_range) = words.next().unwrap_or_default();
    if !Lexicon::get().dependent_openers.contains(first.as_str()) {
        let third = words.next().map(|(w, _)| w).unwrap_or_default();
        let role_words = [first.as_str(), next.as_str(), third.as_str()];
        return role_anaphor(input, place, role_words, next_range.end);
    }
    let gender = match first.as_str() {
        // "Il est possible que…" or "Il est arrivé…": a copula does not tell which.
        "il" if matches!(next.as_str(), "est" | "etait" | "sera") => return Standing::Leaning,
        "il" if impersonal(&next) => return Standing::Alone,
        "il" => Gender::Masculine,
        "elle" => Gender::Feminine,
        // "Ils ont…", "Cela montre…": a subject that is only a pointer back.
        "ils" | "elles" | "on" | "cela" | "ceci" | "celui" | "celle" | "ceux" | "celles" => {
            return Standing::Leaning
        }
        // A determiner or a connective opens a subject of its own ("Cette frappe a été
        // décidée par X", "Mais la Russie a refusé").
        _ => return Standing::Alone,
    };
    match subject_before(&articles[place.article].body, ex, place.sentence, gender) {
        Some(name) => Standing::Resolved {
            at: range.end,
            name,
        },
        None => Standing::Leaning,
    }
}

/// How far into its sentence (in bytes) a role's subject must name no one to be an anaphor:
/// "Le ministre a souligné", not "Le ministre ghanéen Kofi Mensah a souligné".
const ROLE_SUBJECT_BYTES: usize = 40;

/// "Le diplomate a souligné…", "La chancelière s'est dite…": a one-word role right before its
/// verb, as the subject, takes up the person the sentence before names first, of the article's
/// gender ("Le diplomate [X] a souligné…"). A role with more words ("Le président français
/// a…", "Le chef de l'État…") may be someone else: the sentence stays as it is, as it does
/// unresolved.
fn role_anaphor(
    input: &Input,
    place: &Place,
    [first, next, third]: [&str; 3],
    role_end: usize,
) -> Standing {
    let gender = match first {
        "le" => Gender::Masculine,
        "la" => Gender::Feminine,
        _ => return Standing::Alone,
    };
    let verb =
        Lexicon::get().auxiliaries.contains(third) || matches!(third, "s" | "se" | "ne" | "n");
    if !verb {
        return Standing::Alone;
    }
    let (articles, ex) = (input.articles, &input.extractions[place.article]);
    let s = &ex.sentences[place.sentence];
    let role = input.gazetteer.roles.iter().any(|r| r == next);
    let names_someone = ex
        .people_in(s)
        .any(|p| p.start < s.start + ROLE_SUBJECT_BYTES);
    if !role || names_someone {
        return Standing::Alone;
    }
    match subject_before(&articles[place.article].body, ex, place.sentence, gender) {
        Some(name) => Standing::Resolved { at: role_end, name },
        None => Standing::Alone,
    }
}

/// "Il faut", "Il y a", "Il s'agit": an impersonal "il" stands for no one.
fn impersonal(next: &str) -> bool {
    Lexicon::get().impersonal_verbs.contains(next)
}

/// How many sentences back, over sentences that open on the same pronoun and name no one
/// ("X a salué… Il a affirmé… Il a annoncé…"), the antecedent may be.
const CHAIN: usize = 3;

/// The person the sentence before names first, when that person is of `gender`: the subject
/// a pronoun opening the next sentence most likely takes up. Another person of that gender
/// in the same sentence makes it unsure. A sentence before that names no one and opens on the
/// same pronoun passes the question on to the one before it.
fn subject_before(
    body: &str,
    ex: &ArticleExtraction,
    sentence: usize,
    gender: Gender,
) -> Option<String> {
    let mut previous = sentence.checked_sub(1)?;
    for _ in 0..CHAIN {
        let mut people = ex.entities.people.iter().filter(|p| p.sentence == previous);
        if let Some(first) = people.next() {
            let others_alike = people.any(|p| p.gender == Some(gender) && p.name != first.name);
            return (first.gender == Some(gender) && !others_alike).then(|| first.name.clone());
        }
        let s = &ex.sentences[previous];
        let text = &body[s.start..s.end];
        let opening = word_ranges(text).next().map(|r| fold(&text[r]));
        let pronoun = match gender {
            Gender::Masculine => "il",
            Gender::Feminine => "elle",
        };
        if opening.as_deref() != Some(pronoun) {
            return None;
        }
        previous = previous.checked_sub(1)?;
    }
    None
}
