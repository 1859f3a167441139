//! The meetings section: the period's events, the best reported first, each as the model shows
//! it, with its participants (named, or by role and country), its outcomes, quotes, sources and
//! a title from its noun or kind.

use super::analysis::Analysis;
use super::citations::Citations;
use super::fact::make_fact;
use super::facts::{self, ClusterId, Place};
use super::meetings::{self, Event};
use super::people::PersonId;
use super::quotes::make_quote;
use crate::dates::{PartialDate, Precision};
use crate::gazetteer::NamedPlace;
use crate::model::{
    Counterpart, DivergingDate, Fact, Meeting, MeetingKind, MeetingStatus, Participant, Quote,
};
use crate::text::fold;
use chrono::Datelike;
use std::collections::BTreeSet;

/// The period's meetings: those with a place or a day or month, dated in the period (undated:
/// told by an article of the period); the best reported first, then the best known (a place
/// and a day, several participants); as many as the briefing shows.
pub(super) fn events(analysis: &Analysis) -> Vec<Event> {
    let input = analysis.input;
    let x = input.extractions;
    let mut events: Vec<Event> =
        meetings::events(input.articles, x, &analysis.registry, input.gazetteer)
            .into_iter()
            // A meeting told as held needs its day or month: an analyst cannot place one without
            // it. One still to come may have only a place.
            .filter(|e| {
                let dated = e.date(x).is_some_and(|d| d.2 != Precision::Year);
                // Articles that carry no date cannot date what they tell: their placed meetings
                // stay, shown undated (and listed among the points to double-check).
                let undatable = e.articles().iter().all(|&a| input.articles[a].undated());
                dated || (e.place.is_some() && (e.status() != MeetingStatus::Held || undatable))
            })
            .filter(|e| !domestic_trip(e, analysis))
            .filter(|e| !says_nothing(e) && !visit_nowhere(e))
            .filter(|e| {
                let told_in_period = e.articles().iter().any(|&a| input.article_in_period(a));
                match e.date(x) {
                    // A meeting its articles expected is the period's when one of them is.
                    Some((from, to, _)) => {
                        input.in_period(from, to) && (told_in_period || !expected(e, from, input))
                    }
                    None => told_in_period,
                }
            })
            .collect();
    events.sort_by_key(|e| {
        let day = e.date(x).is_some_and(|d| d.2 == Precision::Day);
        let known = usize::from(e.place.is_some()) + usize::from(day);
        let parties = (e.people.len() + e.groups.len()).min(2);
        std::cmp::Reverse((
            e.articles().len(),
            parties,
            known,
            e.people.len() + e.groups.len(),
        ))
    });
    events.truncate(input.sizes.meetings);
    events
}

/// Whether a meeting dated `from` lies after the day of every article that tells it.
fn expected(e: &Event, from: chrono::NaiveDate, input: &super::Input) -> bool {
    e.articles().iter().all(|&a| {
        input.articles[a]
            .published
            .is_some_and(|p| from > p.last_day())
    })
}

/// A meeting with no one, no country, no body and no place of its own ("une réunion", "lors d'un
/// entretien téléphonique" whose parties the sentences never say): nothing an analyst can use.
fn says_nothing(e: &Event) -> bool {
    e.people.is_empty()
        && e.groups.is_empty()
        && e.countries.is_empty()
        && e.body.is_none()
        && e.place.is_none()
}

/// A visit by one party to nowhere the articles say ("en visite dans une ville balnéaire"):
/// who went where is the whole of a visit.
fn visit_nowhere(e: &Event) -> bool {
    e.kind == MeetingKind::Visit
        && e.place.is_none()
        && e.people.len() + e.groups.len() + e.countries.len() <= 1
}

/// A visit by a country's own officials inside that country, with no one else named ("the
/// interior minister went to a town of his country"): news for the country's section, not a
/// meeting between parties.
fn domestic_trip(e: &Event, analysis: &Analysis) -> bool {
    let g = analysis.input.gazetteer;
    if e.kind != MeetingKind::Visit || !e.groups.is_empty() {
        return false;
    }
    let place_country = match e.place.as_deref().and_then(|p| g.place(p)) {
        Some(NamedPlace::Country(c)) => c,
        Some(NamedPlace::City(city)) => g.cities().city(city).country,
        None => return false,
    };
    !e.people.is_empty()
        && e.people
            .iter()
            .all(|&p| analysis.registry.person(p).country() == Some(place_country))
}

/// The meetings section, numbered in the order of `events`.
pub(super) fn meetings(
    analysis: &Analysis,
    citations: &Citations,
    events: &[Event],
) -> Vec<Meeting> {
    events
        .iter()
        .enumerate()
        .map(|(n, e)| make_meeting(n, e, analysis, citations))
        .collect()
}

fn make_meeting(n: usize, e: &Event, analysis: &Analysis, citations: &Citations) -> Meeting {
    let articles = analysis.input.articles;
    let date = meeting_date(e, analysis);
    let facts: Vec<Fact> = outcomes(e, analysis)
        .into_iter()
        .map(|c| make_fact(analysis, citations, c, date))
        .collect();
    let contradictions = e
        .contradictions(analysis.input.extractions)
        .into_iter()
        .map(|(day, a)| DivergingDate {
            date: day,
            source: citations.id_of(a).unwrap_or_default().to_string(),
        })
        .collect();
    Meeting {
        id: format!("M{}", n + 1),
        title: title(e, analysis),
        date,
        date_precision: date.map_or(Precision::Unknown, |d| d.precision()),
        place: e.place.clone(),
        kind: e.kind,
        noun: title_word(&e.trigger, e.kind),
        status: e.status(),
        participants: participants(e, analysis),
        counterparts: counterparts(e, analysis),
        facts,
        outlets: facts::outlets(articles, e.articles().into_iter()),
        origins: facts::origins(articles, e.articles().into_iter()),
        sources: citations.ids_of(e.articles()),
        quotes: quotes(e, analysis, citations),
        contradictions,
        new: None,
        updated: None,
        first_briefing: None,
    }
}

/// Who took part: the people of the registry, by country then name, with those given by a role
/// and a country that someone of the registry holds.
fn participants(e: &Event, analysis: &Analysis) -> Vec<Participant> {
    let (g, registry) = (analysis.input.gazetteer, &analysis.registry);
    let by_role = e
        .groups
        .iter()
        .filter_map(|(role, country)| registry.by_role(g, role, *country, &e.articles()));
    let named: BTreeSet<PersonId> = e.people.iter().copied().chain(by_role).collect();
    let mut people: Vec<Participant> = named
        .into_iter()
        .map(|p| {
            let person = registry.person(p);
            Participant {
                name: person.name.clone(),
                role: person.role().map(str::to_string),
                country_iso3: person.country().map(|c| g.countries[c].iso3.clone()),
            }
        })
        .collect();
    people.sort_by(|a, b| {
        a.country_iso3
            .cmp(&b.country_iso3)
            .then(a.name.cmp(&b.name))
    });
    people
}

/// Those given only by a role and a country that no one of the registry holds, as the articles
/// list them.
fn counterparts(e: &Event, analysis: &Analysis) -> Vec<Counterpart> {
    let (g, registry) = (analysis.input.gazetteer, &analysis.registry);
    e.groups
        .iter()
        .filter(|(role, country)| registry.by_role(g, role, *country, &e.articles()).is_none())
        .map(|(role, country)| Counterpart {
            role: role.clone(),
            country_iso3: g.countries[*country].iso3.clone(),
        })
        .collect()
}

/// Outcomes: the clusters of the sentences that tell the meeting, the most reported and most
/// specific first, as many as a meeting shows.
fn outcomes(e: &Event, analysis: &Analysis) -> Vec<ClusterId> {
    let (articles, x) = (analysis.input.articles, analysis.input.extractions);
    let mut outcome: Vec<ClusterId> = Vec::new();
    for c in telling(e, analysis) {
        if !outcome.contains(&c) {
            outcome.push(c);
        }
    }
    outcome.sort_by(|a, b| {
        let key = |c: ClusterId| {
            let cluster = analysis.cluster(c);
            cluster.members.len() as f64 * 2.0 + facts::specificity(articles, x, &cluster.best)
        };
        key(*b).total_cmp(&key(*a)).then(a.cmp(b))
    });
    outcome.truncate(analysis.input.sizes.facts_per_meeting);
    outcome
}

/// The clusters of the sentences that tell a meeting, mention by mention.
pub(super) fn telling<'a>(
    e: &'a Event,
    analysis: &'a Analysis,
) -> impl Iterator<Item = ClusterId> + 'a {
    let x = analysis.input.extractions;
    e.mentions.iter().filter_map(move |&(a, m)| {
        analysis.clusters.of(Place {
            article: a,
            sentence: x[a].entities.meetings[m].sentence,
        })
    })
}

/// The meeting's date, as precise as its sources give it.
fn meeting_date(e: &Event, analysis: &Analysis) -> Option<PartialDate> {
    e.date(analysis.input.extractions)
        .and_then(|(from, _, precision)| match precision {
            Precision::Day => PartialDate::ymd(from.year(), from.month(), from.day()),
            Precision::Month => PartialDate::month(from.year(), from.month()),
            _ => Some(PartialDate {
                year: from.year(),
                month: None,
                day: None,
            }),
        })
}

/// The quotes of the sentences that tell the meeting, with a speaker.
fn quotes(e: &Event, analysis: &Analysis, citations: &Citations) -> Vec<Quote> {
    let x = analysis.input.extractions;
    let mut quotes = Vec::new();
    for &(a, m) in &e.mentions {
        let sentence = x[a].entities.meetings[m].sentence;
        for q in x[a]
            .entities
            .quotes
            .iter()
            .filter(|q| q.sentence == sentence)
        {
            quotes.extend(make_quote(a, q, analysis, citations).map(|(quote, _)| quote));
        }
    }
    quotes
}

/// The meeting's noun, with its place when known: "en" for a video meeting, a country's own
/// preposition, else "à", "au" or "aux" and the town.
fn title(e: &Event, analysis: &Analysis) -> String {
    let noun = capitalise(&meeting_noun(&e.trigger, e.kind));
    let g = analysis.input.gazetteer;
    // Who: the body that meets ("Réunion du Conseil de sécurité"), else the surnames of up to
    // three people who met ("Entretien téléphonique Macron – Rohani").
    let who = e.body.clone().or_else(|| {
        let names: Vec<String> = e
            .people
            .iter()
            .map(|&p| surname(&analysis.registry.person(p).name, g))
            .collect();
        (!names.is_empty() && names.len() <= MAX_TITLE_NAMES).then(|| names.join(" – "))
    });
    let noun = match who {
        Some(who) => format!("{noun} {who}"),
        None => noun,
    };
    match &e.place {
        // "Visioconférence", not "Visioconférence en visioconférence".
        Some(place) if place == crate::extract::venues::VIRTUAL_PLACE => {
            if fold(&noun).starts_with(&fold(place)) {
                noun
            } else {
                format!("{noun} en {place}")
            }
        }
        Some(place) => match g.place(place) {
            Some(NamedPlace::Country(country)) => {
                format!("{noun} {}", g.countries[country].with_a())
            }
            _ => match place.split_once(' ') {
                // "Le Havre" → "au Havre", "Les Cayes" → "aux Cayes".
                Some(("Le", rest)) => format!("{noun} au {rest}"),
                Some(("Les", rest)) => format!("{noun} aux {rest}"),
                _ => format!("{noun} à {place}"),
            },
        },
        None => noun,
    }
}

/// The most people a meeting's title names.
const MAX_TITLE_NAMES: usize = 3;

/// A person's name without their given names: "Le Drian" for "Jean-Yves Le Drian", "Aoun" for
/// "Michel Aoun"; the name as it is when nothing else is left.
pub fn surname(name: &str, g: &crate::gazetteer::Gazetteer) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let particles = &crate::lexicon::Lexicon::get().name_particles;
    // A particle starts the surname ("Le Drian", "von der Leyen"), whatever the name lists say.
    let given = |w: &str| {
        !particles.contains(fold(w).as_str())
            && w.split('-')
                .all(|part| g.first_names().contains(&fold(part)))
    };
    let first_other = words
        .iter()
        .position(|w| !given(w))
        .unwrap_or(words.len() - 1)
        .min(words.len() - 1);
    words[first_other..].join(" ")
}

/// The noun for a meeting: the articles' own noun ("visites" titles as "Visite"), or for a verb
/// the noun of its kind; a call or a video meeting says so whatever the noun.
pub(super) fn meeting_noun(trigger: &str, kind: MeetingKind) -> String {
    let folded = fold(trigger);
    match kind {
        MeetingKind::PhoneCall => return "entretien téléphonique".into(),
        MeetingKind::Summons => return "convocation".into(),
        // A press conference given with someone (extract::meetings): told as what it was.
        MeetingKind::Bilateral if folded.starts_with("conference") => {
            return "conférence de presse".into();
        }
        _ => {}
    }
    if crate::extract::meetings::is_meeting_noun(&folded) {
        // Plural-only nouns stay ("pourparlers"); a participle ("a rencontré") is the noun.
        let noun = match trigger.to_lowercase() {
            participle
                if ["é", "ée", "és", "ées"]
                    .iter()
                    .any(|e| participle.ends_with(e)) =>
            {
                folded
                    .trim_end_matches('s')
                    .trim_end_matches('e')
                    .to_string()
                    + "e"
            }
            noun => noun,
        };
        return match noun.strip_suffix('s') {
            Some(one)
                if !matches!(
                    folded.as_str(),
                    "pourparlers" | "consultations" | "negociations"
                ) =>
            {
                one.to_string()
            }
            _ => noun,
        };
    }
    match kind {
        MeetingKind::Summit => "sommet",
        MeetingKind::Meeting if folded.starts_with("conseil") => "conseil",
        MeetingKind::Meeting | MeetingKind::Videoconference => "réunion",
        MeetingKind::Visit => "visite",
        MeetingKind::Talks => "discussions",
        _ if folded.contains("entret") => "entretien",
        _ => "rencontre",
    }
    .into()
}

/// The word that titles a meeting in any language, as a key of the labels' `kind_…` words: the
/// articles' noun's (`meeting_nouns.tsv`), else its kind's; a call or a video meeting says so
/// whatever the noun, as `meeting_noun` does in French.
pub fn title_word(trigger: &str, kind: MeetingKind) -> &'static str {
    let folded = fold(trigger);
    match kind {
        MeetingKind::PhoneCall | MeetingKind::Videoconference | MeetingKind::Summons => {
            return kind.key();
        }
        MeetingKind::Bilateral if folded.starts_with("conference") => return "press_conference",
        _ => {}
    }
    if let Some(word) = crate::lexicon::Lexicon::get()
        .meeting_title_words
        .get(&folded)
    {
        return word;
    }
    match kind {
        MeetingKind::Meeting if folded.starts_with("conseil") => "council",
        _ if folded.contains("entret") => "talks",
        _ => kind.key(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
