//! Where a meeting is held: the place phrase of its own word — "a reçu à Dakar", "le sommet de
//! X", "en visite à X", "au palais de X", "À X, le président a rencontré…" — never a place the
//! sentence names for something else ("sur la situation en Bolivie", "les intérêts américains
//! à Téhéran", "aux portes de Kati"); the summoner's capital for a summons, no place for a call,
//! "visioconférence" for a meeting by video. Pure.

use super::arguments::{Participants, Reading};
use crate::gazetteer::MentionKind;
use crate::lexicon::Lexicon;
use crate::model::MeetingKind;
use crate::text::{fold, head};

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

/// A place phrase of the sentence: from its preposition's word to its last word, the place as
/// it is to be shown, and whether it is a whole country.
#[derive(Debug)]
struct PlacePhrase {
    first: usize,
    last: usize,
    name: String,
    is_country: bool,
    /// The town a meeting's noun is named by ("le sommet de X"): its own.
    of_the_noun: bool,
    /// Not a place of the gazetteer: a capitalised name after "à".
    guessed: bool,
}

/// The meeting's words: the first of its group and the last.
pub(super) struct Span {
    pub first: usize,
    pub last: usize,
}

/// Where the meeting told by the words `span` (of kind `kind`) is held, and whether the place
/// is a whole country.
pub(super) fn venue(
    r: &Reading,
    span: &Span,
    kind: MeetingKind,
    participants: &Participants,
) -> Option<(String, bool)> {
    match kind {
        MeetingKind::PhoneCall => return None,
        MeetingKind::Videoconference => return Some((VIRTUAL_PLACE.to_string(), false)),
        MeetingKind::Summons => return summoners_capital(r, participants),
        _ => {}
    }
    let mut phrases = place_phrases(r);
    phrases.extend(unknown_places(r, &phrases));
    phrases.sort_by_key(|p| p.first);
    let attached = |p: &&PlacePhrase| {
        let own = p.of_the_noun && p.first > span.last && p.first <= span.last + 2;
        let after = own || p.first > span.last && clean(r, span.last + 1, p.first, &phrases);
        // Between a light verb and its noun: "doit présider jeudi en Corse un sommet".
        let inside = p.first > span.first && p.last < span.last;
        // "À Beyrouth, le président a reçu…", "au fort de X, où le président reçoit…".
        // "À Lisbonne, la ministre… a présenté… au cours d'une réunion": a place that opens the
        // sentence is where all of it happens.
        let relative = r.f(p.last + 1) == "ou";
        let opening = p.first <= 1 && opens_the_clause(r, p.first);
        let before = p.last < span.first
            && (opening
                || relative && clean(r, p.last + 2, span.first, &phrases)
                || opens_the_clause(r, p.first) && clean(r, p.last + 1, span.first, &phrases)
                || adverbial_after(r, p.last + 1, span.first));
        after || inside || before
    };
    let rank = |p: &&PlacePhrase| (p.is_country, p.guessed, p.first.abs_diff(span.last));
    phrases
        .iter()
        .filter(attached)
        .min_by_key(rank)
        .map(|p| (p.name.clone(), p.is_country))
        .or_else(|| hosting_capital(r))
        .filter(|(name, _)| name.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

/// "à Brégançon", "à l'Élysée": a capitalised name after "à" that the gazetteer does not know
/// as a place, and that is no person, no given name (not "à Alexeï"), no country or
/// organisation, and no part of a longer name.
fn unknown_places(r: &Reading, known: &[PlacePhrase]) -> Vec<PlacePhrase> {
    let mut out = Vec::new();
    for k in 0..r.words.len().saturating_sub(1) {
        if !r.a_preposition(k) || known.iter().any(|p| p.first == k) {
            continue;
        }
        let n = k + 1 + usize::from(matches!(r.f(k + 1), "l"));
        let Some(w) = r.words.get(n) else { continue };
        let at = r.view.start + w.start;
        let next_is_name = r
            .words
            .get(n + 1)
            .is_some_and(|next| next.capitalised && r.text[w.end..next.start] == *" ");
        let taken = r
            .here
            .iter()
            .any(|&p| r.people[p].start <= at && at < r.people[p].end)
            || r.view.names_a_country_or_body(at);
        let word = &r.text[w.start..w.end];
        if w.capitalised
            && !w.upper
            && !next_is_name
            && !taken
            && word.chars().all(char::is_alphabetic)
            && !r.gazetteer.first_names().contains(&w.folded)
            && Lexicon::get().can_be_in_a_name(&w.folded)
        {
            out.push(PlacePhrase {
                first: k,
                last: n,
                name: word.to_string(),
                is_country: false,
                guessed: true,
                of_the_noun: false,
            });
        }
    }
    out
}

/// The place phrases of the sentence: a capital, a town or a country after "à", "au", "aux",
/// "en" or "dans"; a named building ("au palais de X"); a town or capital after "de" right
/// after a meeting's noun ("le sommet de X").
fn place_phrases(r: &Reading) -> Vec<PlacePhrase> {
    let mut out = Vec::new();
    let s = r.view;
    let word_at = |body: usize| r.words.partition_point(|w| s.start + w.start < body);
    let places = s
        .countries
        .iter()
        .filter(|m| m.kind != MentionKind::Adjective)
        .map(|m| (m.start, m.end, m.kind == MentionKind::Name, Some(m.country)))
        .chain(s.places.iter().map(|m| (m.start, m.end, false, None)));
    for (start, end, is_country, country) in places {
        let first = word_at(start);
        let last = word_at(end).saturating_sub(1);
        if first == 0 || r.quoted(start - s.start) {
            continue;
        }
        let preposition = r.words[first - 1].folded.as_ref();
        // "le sommet de X", "le sommet régional de X": the town a meeting's noun is named by.
        let noun_before = |b: usize| {
            first >= b
                && Lexicon::get()
                    .meeting_nouns
                    .contains_key(r.words[first - b].folded.as_ref())
        };
        let venue_noun = matches!(preposition, "de" | "d")
            && (noun_before(2) || noun_before(3) && !r.words[first - 2].capitalised);
        // "à l'initiative du Caire, où il se trouvait": the place of what follows "où".
        let relative = r.f(last + 1) == "ou";
        let locative = match preposition {
            _ if relative && !is_country => true,
            "a" if !r.a_preposition(first - 1) => false,
            "a" | "dans" => !is_country || islands_take_a(r, first),
            "au" | "aux" | "en" => true,
            _ => venue_noun,
        };
        if !locative {
            continue;
        }
        let written = &r.text[start - s.start..end - s.start];
        let name = match (preposition, country) {
            (_, Some(c)) if is_country => r.gazetteer.countries[c].name.clone(),
            ("au", None) => format!("Le {written}"),
            ("aux", None) => format!("Les {written}"),
            _ => written.to_string(),
        };
        out.push(PlacePhrase {
            first: first - 1,
            last,
            name,
            is_country,
            guessed: false,
            of_the_noun: venue_noun,
        });
    }
    out.extend(buildings(r));
    out.sort_by_key(|p| p.first);
    out
}

/// "à Chypre", "à Malte": a country named after "à" is a place when it takes no article.
fn islands_take_a(r: &Reading, first: usize) -> bool {
    r.words[first].capitalised
}

/// "au fort de X", "au palais de X", "dans la résidence de X": a named place after a
/// building's noun.
fn buildings(r: &Reading) -> Vec<PlacePhrase> {
    let f = |k: usize| r.words.get(k).map_or("", |w| w.folded.as_ref());
    let mut out = Vec::new();
    for k in 0..r.words.len() {
        let building_at = match (f(k), f(k + 1)) {
            ("au" | "aux", _) => k + 1,
            ("sur" | "dans" | "a", "le" | "la" | "l" | "les") => k + 2,
            _ => continue,
        };
        if !Lexicon::get().buildings.contains(f(building_at)) {
            continue;
        }
        // "la base aérienne 123 d'X": an adjective or a number may come before "de".
        let Some(de) = (building_at + 1..(building_at + 4).min(r.words.len()))
            .find(|&j| matches!(f(j), "de" | "du" | "d" | "l"))
            .filter(|&de| (building_at + 1..de).all(|j| !r.words[j].capitalised && f(j) != "a"))
        else {
            continue;
        };
        let named = (de + 1..(de + 3).min(r.words.len())).find(|&p| r.words[p].capitalised);
        if let Some(p) = named {
            let at = r.view.start + r.words[p].start;
            let person = r
                .here
                .iter()
                .any(|&q| r.people[q].start <= at && at < r.people[q].end);
            let org = r
                .view
                .organisations
                .iter()
                .any(|o| o.start <= at && at < o.end);
            let word = &r.text[r.words[p].start..r.words[p].end];
            let country = r.view.countries.iter().any(|m| m.start == at);
            if !person && !org && !country && word.chars().all(char::is_alphabetic) {
                out.push(PlacePhrase {
                    first: k,
                    last: p,
                    name: word.to_string(),
                    is_country: false,
                    guessed: false,
                    of_the_noun: false,
                });
            }
        }
    }
    out
}

/// Whether the words `from..to` between a meeting's word and a place phrase hold only what may
/// stand between them: adverbs and auxiliaries, dates, people's noun phrases (the ones met),
/// other place phrases, "avec" and who follows, articles, the meeting noun's own complement
/// ("la réunion des ministres de la Défense de l'UE à Berlin") — no noun of its own that the
/// place could belong to ("la situation en Bolivie", "les intérêts américains à Téhéran").
fn clean(r: &Reading, from: usize, to: usize, phrases: &[PlacePhrase]) -> bool {
    let mut k = from;
    while k < to {
        if let Some(p) = r.person_opening(k) {
            k = r.after_person(p);
            continue;
        }
        if let Some(p) = phrases.iter().find(|p| p.first == k) {
            k = p.last + 1;
            continue;
        }
        if let Some(n) = r.filler_starting(k) {
            k += n;
            continue;
        }
        // "un sommet avec ses homologues du sud de l'UE à X": over the "avec" phrase, to the
        // next place phrase.
        if r.f(k) == "avec" {
            if let Some(p) = phrases
                .iter()
                .find(|p| p.first > k && p.first <= k + WITH_WORDS && p.first <= to)
            {
                k = p.first;
                continue;
            }
        }
        let w = r.f(k);
        let at = r.at(k);
        let named = r.view.names_a_country_or_body(at);
        let role_word = r.gazetteer.roles.iter().any(|role| {
            !role.contains(' ') && (w == role || w.strip_suffix('s') == Some(role.as_str()))
        });
        let passable = matches!(
            w,
            "avec"
                | "et"
                | "ainsi"
                | "que"
                | "m"
                | "mme"
                | "mm"
                | "le"
                | "la"
                | "l"
                | "les"
                | "il"
                | "elle"
                | "ils"
                | "elles"
                | "un"
                | "une"
                | "des"
                | "de"
                | "du"
                | "d"
                | "son"
                | "sa"
                | "ses"
                | "leur"
                | "leurs"
                | "homologue"
                | "homologues"
        ) || named
            || role_word
            || r.words[k].capitalised;
        if !passable {
            return false;
        }
        k += 1;
    }
    true
}

/// "sont arrivés le 12 juin à Lisbonne pour une visite": only the noun's adverbial opener and
/// article between a clause's place and the noun, which is where the noun's meeting is.
fn adverbial_after(r: &Reading, from: usize, to: usize) -> bool {
    (from..to).all(|k| {
        matches!(
            r.f(k),
            "pour"
                | "lors"
                | "de"
                | "d"
                | "au"
                | "cours"
                | "a"
                | "l"
                | "issue"
                | "un"
                | "une"
                | "la"
                | "le"
                | "sa"
                | "son"
                | "leur"
        )
    }) && to > from
}

/// How many words an "avec" phrase between a meeting and its place may have.
const WITH_WORDS: usize = 20;

/// Whether a place phrase opens its clause: "À Beyrouth, le président…", "Mardi à Dakar, …".
fn opens_the_clause(r: &Reading, first: usize) -> bool {
    (0..first).all(|k| r.filler_starting(k).is_some())
        || (first > 0 && r.text[..r.words[first].start].trim_end().ends_with(','))
            && (0..first)
                .all(|k| r.filler_starting(k).is_some() || r.f(k) == "en" || r.f(k) == "visite")
}

/// "Dakar a accueilli", "Rabat abrite": a capital that hosts.
fn hosting_capital(r: &Reading) -> Option<(String, bool)> {
    const HOSTS: &[&str] = &[
        "a accueilli",
        "accueille",
        "accueillera",
        "abrite",
        "a abrite",
    ];
    let s = r.view;
    s.countries
        .iter()
        .filter(|m| m.kind == MentionKind::Capital)
        .find(|m| {
            let after = fold(head(&r.text[m.end - s.start..], 32));
            HOSTS.iter().any(|v| after.trim_start().starts_with(v))
        })
        .map(|m| {
            (
                r.text[m.start - s.start..m.end - s.start].to_string(),
                false,
            )
        })
}

/// A summons is held where the summoner is: the capital of the country that summons
/// ("Moscou a convoqué", "le ministère russe des Affaires étrangères a convoqué"), or of the
/// ministry an envoy was summoned to ("convoqué au ministère britannique").
fn summoners_capital(r: &Reading, participants: &Participants) -> Option<(String, bool)> {
    // Only a country that acts: the envoy's own country is where they come from, not where
    // they are called in.
    let country = participants.countries.first().copied()?;
    r.gazetteer.countries[country]
        .capital
        .clone()
        .map(|c| (c, false))
}
#[cfg(test)]
mod tests {
    use crate::extract::entities::testing::entities;

    #[test]
    fn a_meeting_about_a_country_is_not_held_there() {
        let place = |text: &str| entities(text).meetings[0].place.clone();
        assert_eq!(
            place("Le ministre Rui Costa s'est entretenu mardi à Genève avec son homologue Pablo Rojas sur la situation en Bolivie.").as_deref(),
            Some("Genève")
        );
        assert_eq!(
            place("Le président Rui Costa a reçu mardi son homologue Pablo Rojas pour parler de la crise au Pérou."),
            None
        );
        // A first name after "à" is no town.
        assert_eq!(
            place("Le ministre Rui Costa a rencontré jeudi Pablo Rojas, qui a rendu hommage à Lucía Mendoza."),
            None
        );
    }

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
