//! The meetings section: each event as the model shows it, with its participants (named, or
//! by role and country), its outcomes, quotes, sources and a title from its noun or kind.

use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn make_meeting(
    n: usize,
    e: &meetings::Event,
    input: &Input,
    registry: &people::Registry,
    clusters: &[Cluster],
    cluster_of: &HashMap<Place, usize>,
    ids: &HashMap<usize, String>,
) -> Meeting {
    let (g, articles, x) = (input.gazetteer, input.articles, input.extractions);
    let mut participants: Vec<Participant> = Vec::new();
    let mut named: BTreeSet<usize> = BTreeSet::new();
    for &p in &e.people {
        named.insert(p);
    }
    for (role, country) in &e.groups {
        match registry.by_role(g, role, *country, &e.articles()) {
            Some(p) => {
                named.insert(p);
            }
            None => participants.push(Participant {
                name: format!("{} ({})", capitalise(role), g.countries[*country].name),
                role: Some(role.clone()),
                country_iso3: Some(g.countries[*country].iso3.clone()),
            }),
        }
    }
    let mut people: Vec<Participant> = named
        .into_iter()
        .map(|p| {
            let person = &registry.people[p];
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
    people.extend(participants);

    // Outcomes: the sentences of the mentions, as facts, most specific first.
    let mut outcome: Vec<usize> = Vec::new();
    for &(a, m) in &e.mentions {
        let sentence = x[a].entities.meetings[m].sentence;
        if let Some(&c) = cluster_of.get(&Place {
            article: a,
            sentence,
        }) {
            if !outcome.contains(&c) {
                outcome.push(c);
            }
        }
    }
    outcome.sort_by(|a, b| {
        let key = |c: usize| {
            clusters[c].members.len() as f64 * 2.0
                + facts::specificity(articles, x, &clusters[c].best)
        };
        key(*b).total_cmp(&key(*a)).then(a.cmp(b))
    });
    outcome.truncate(input.sizes.facts_per_meeting);
    let date = e.date(x);
    let partial = date.and_then(|(from, _, precision)| match precision {
        Precision::Day => PartialDate::ymd(from.year(), from.month(), from.day()),
        Precision::Month => PartialDate::month(from.year(), from.month()),
        _ => Some(PartialDate {
            year: from.year(),
            month: None,
            day: None,
        }),
    });
    let facts: Vec<Fact> = outcome
        .iter()
        .map(|&c| make_fact(&clusters[c], articles, x, ids, partial))
        .collect();
    let sources: Vec<String> = e
        .articles()
        .iter()
        .filter_map(|a| ids.get(a).cloned())
        .collect();
    let mut quotes = Vec::new();
    for &(a, m) in &e.mentions {
        let sentence = x[a].entities.meetings[m].sentence;
        for q in x[a]
            .entities
            .quotes
            .iter()
            .filter(|q| q.sentence == sentence)
        {
            quotes.extend(make_quote(a, q, input, registry, ids).map(|(quote, _)| quote));
        }
    }
    let contradictions = e
        .contradictions(x)
        .into_iter()
        .map(|(day, a)| {
            format!(
                "{} ({})",
                PartialDate::day(day).french_long(),
                ids.get(&a).cloned().unwrap_or_default()
            )
        })
        .collect();
    let noun = capitalise(&meeting_noun(&e.trigger, e.kind));
    let title = match &e.place {
        Some(place) if place == crate::extract::entities::VIRTUAL_PLACE => {
            format!("{noun} en {place}")
        }
        Some(place) => match g.countries.iter().find(|c| c.name == *place) {
            Some(country) => format!("{noun} {}", country.with_a()),
            None => match place.split_once(' ') {
                // "Le Havre" → "au Havre", "Les Cayes" → "aux Cayes".
                Some(("Le", rest)) => format!("{noun} au {rest}"),
                Some(("Les", rest)) => format!("{noun} aux {rest}"),
                _ => format!("{noun} à {place}"),
            },
        },
        None => noun,
    };
    Meeting {
        id: format!("M{}", n + 1),
        title,
        date: partial,
        date_precision: partial.map_or(Precision::Unknown, |d| d.precision()),
        place: e.place.clone(),
        kind: e.kind,
        status: e.status(),
        participants: people,
        facts,
        outlets: facts::outlets(articles, e.articles().into_iter()),
        origins: facts::origins(articles, e.articles().into_iter()),
        sources,
        quotes,
        contradictions,
    }
}

/// The noun for a meeting: the articles' own noun ("visites" titles as "Visite"), or for a verb
/// the noun of its kind; a call or a video meeting says so whatever the noun.
pub(super) fn meeting_noun(trigger: &str, kind: MeetingKind) -> String {
    let folded = fold(trigger);
    if kind == MeetingKind::PhoneCall {
        return "entretien téléphonique".into();
    }
    if crate::extract::entities::is_meeting_noun(&folded) {
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

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
