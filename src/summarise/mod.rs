//! Stage 3, extraction → briefing model: people, meetings, facts per country and bloc, quotes,
//! a timeline, key points, corroboration and what to double-check. Pure: the date and the
//! period come in as data. Every fact is a sentence of a source, with the spans of every source
//! that carries it.

pub mod facts;
pub mod meetings;
mod page_one;
pub mod paraphrase;
pub mod people;

use crate::corpus::Article;
use crate::dates::{PartialDate, Precision};
use crate::extract::ArticleExtraction;
use crate::gazetteer::{Gazetteer, OrgKind};
use crate::model::*;
use crate::text::fold;
use crate::warning::Warning;
use chrono::{Datelike, NaiveDate};
use facts::{Cluster, Place};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How much the briefing says.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub facts_per_country: usize,
    pub facts_per_meeting: usize,
    pub key_points: usize,
    pub quotes: usize,
    pub timeline: usize,
    pub meetings: usize,
    /// Country sections, the most covered first.
    pub countries: usize,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            facts_per_country: 6,
            facts_per_meeting: 4,
            key_points: 5,
            quotes: 20,
            timeline: 30,
            meetings: 12,
            countries: 30,
        }
    }
}

/// What to do with undated articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undated {
    Keep,
    Exclude,
}

/// Everything the summariser needs; nothing from the outside world.
pub struct Input<'a> {
    pub date: NaiveDate,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub undated: Undated,
    pub articles: &'a [Article],
    pub extractions: &'a [ArticleExtraction],
    pub gazetteer: &'a Gazetteer,
    pub sizes: Sizes,
    pub files_seen: usize,
    pub warnings: &'a [Warning],
}

impl Input<'_> {
    /// Whether a date range falls (at least partly) in the period.
    fn in_period(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.since.is_none_or(|s| to >= s) && self.until.is_none_or(|u| from <= u)
    }

    /// Whether an article's own date is in the period (undated: by the policy).
    fn article_in_period(&self, a: usize) -> bool {
        match self.articles[a].published {
            Some(d) => self.in_period(d.first_day(), d.last_day()),
            None => self.undated == Undated::Keep,
        }
    }
}

/// Whether an article belongs to the period by its own date; undated articles always do (the
/// summariser decides on them).
pub fn in_window(article: &Article, since: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
    match article.published {
        None => true,
        Some(date) => {
            since.is_none_or(|s| date.last_day() >= s)
                && until.is_none_or(|u| date.first_day() <= u)
        }
    }
}

pub fn summarise(input: &Input) -> Briefing {
    let g = input.gazetteer;
    let (articles, x) = (input.articles, input.extractions);
    let registry = people::Registry::build(x);
    let blocs_in_corpus: BTreeSet<usize> = x
        .iter()
        .flat_map(|e| {
            e.sentences
                .iter()
                .flat_map(|s| s.organisations.iter().map(|o| o.org))
        })
        .filter(|o| {
            matches!(
                g.organisations[*o].kind,
                OrgKind::Bloc | OrgKind::Organisation
            )
        })
        .collect();
    let df = facts::document_frequencies(articles, x);
    let (clusters, cluster_of) = facts::clusters(articles, x, g, &registry, &blocs_in_corpus, &df);

    // Each cluster's date: its own (a day or month in the sentence) or its article's.
    let cluster_date = |c: &Cluster| -> Option<PartialDate> {
        let p = c.best;
        let s = &x[p.article].sentences[p.sentence];
        x[p.article]
            .dates_in(s)
            .find(|d| matches!(d.precision, Precision::Day | Precision::Month))
            .and_then(|d| match d.precision {
                Precision::Day if d.from == d.to => {
                    PartialDate::ymd(d.from.year(), d.from.month(), d.from.day())
                }
                _ => PartialDate::month(d.from.year(), d.from.month()),
            })
            .or(articles[p.article].published)
    };
    let cluster_kept = |c: &Cluster| match cluster_date(c) {
        Some(d) => input.in_period(d.first_day(), d.last_day()),
        None => input.undated == Undated::Keep,
    };

    // Meetings.
    let mut events: Vec<meetings::Event> = meetings::events(articles, x, &registry)
        .into_iter()
        .filter(|e| e.place.is_some() || e.date(x).is_some_and(|d| d.2 != Precision::Year))
        .filter(|e| match e.date(x) {
            Some((from, to, _)) => input.in_period(from, to),
            None => e.articles().iter().any(|&a| input.article_in_period(a)),
        })
        .collect();
    // The best-reported first, then the best-known: a place and a day, several participants.
    events.sort_by_key(|e| {
        let day = e.date(x).is_some_and(|d| d.2 == Precision::Day);
        let known = usize::from(e.place.is_some()) + usize::from(day);
        std::cmp::Reverse((e.articles().len(), known, e.people.len() + e.groups.len()))
    });
    events.truncate(input.sizes.meetings);

    // The sources: articles in the period, and any article an element cites.
    let mut cited: BTreeSet<usize> = (0..articles.len())
        .filter(|&a| input.article_in_period(a))
        .collect();
    for e in &events {
        cited.extend(e.articles());
    }
    let mut selection = select_facts(input, &clusters, &blocs_in_corpus, &cluster_kept, &df);
    // The most covered countries only (the period's mentions), before anything cites them.
    let mut mentions: BTreeMap<usize, usize> = BTreeMap::new();
    for c in clusters.iter().filter(|c| cluster_kept(c)) {
        for &country in c.about.keys() {
            *mentions.entry(country).or_default() += c.members.len();
        }
    }
    let mut ranked: Vec<(usize, usize)> = selection
        .keys()
        .filter_map(|k| match k {
            Subject::Country(c) => Some((*c, mentions.get(c).copied().unwrap_or(0))),
            _ => None,
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| g.countries[a.0].name.cmp(&g.countries[b.0].name))
    });
    let kept_countries: BTreeSet<usize> = ranked
        .iter()
        .take(input.sizes.countries)
        .map(|r| r.0)
        .collect();
    selection.retain(|k, _| match k {
        Subject::Country(c) => kept_countries.contains(c),
        Subject::Bloc(_) => true,
    });
    for &c in selection.values().flatten() {
        cited.extend(clusters[c].members.iter().map(|p| p.article));
    }
    let ids: HashMap<usize, String> = cited
        .iter()
        .enumerate()
        .map(|(n, &a)| (a, format!("S{}", n + 1)))
        .collect();
    let fact = |c: usize| make_fact(&clusters[c], articles, x, &ids, cluster_date(&clusters[c]));

    let mut countries: Vec<CountrySection> = Vec::new();
    let mut blocs: Vec<BlocSection> = Vec::new();
    for (key, chosen) in &selection {
        let facts: Vec<Fact> = chosen.iter().map(|&c| fact(c)).collect();
        match *key {
            Subject::Country(country) => {
                let people: Vec<String> = registry
                    .people
                    .iter()
                    .filter(|p| {
                        p.country() == Some(country)
                            && p.articles.iter().any(|a| ids.contains_key(a))
                    })
                    .map(|p| match p.role() {
                        Some(role) => format!("{} ({role})", p.name),
                        None => p.name.clone(),
                    })
                    .collect();
                let c = &g.countries[country];
                countries.push(CountrySection {
                    name: c.name.clone(),
                    iso3: c.iso3.clone(),
                    mentions: mentions.get(&country).copied().unwrap_or(0),
                    facts,
                    people,
                });
            }
            Subject::Bloc(b) => {
                let o = &g.organisations[b];
                blocs.push(BlocSection {
                    name: o.name.clone(),
                    short: o.short.clone(),
                    members: o
                        .members
                        .iter()
                        .map(|&m| g.countries[m].iso3.clone())
                        .collect(),
                    facts,
                });
            }
        }
    }
    countries.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    countries.truncate(input.sizes.countries);
    blocs.sort_by(|a, b| {
        b.facts
            .len()
            .cmp(&a.facts.len())
            .then_with(|| a.short.cmp(&b.short))
    });

    let meeting_models: Vec<Meeting> = events
        .iter()
        .enumerate()
        .map(|(n, e)| make_meeting(n, e, input, &registry, &clusters, &cluster_of, &ids))
        .collect();

    let quotes = quotes(input, &registry, &ids, &df);
    let timeline = timeline(
        input,
        &clusters,
        &cluster_of,
        &cluster_kept,
        &ids,
        &meeting_models,
    );
    let key_points = key_points(input, &clusters, &selection, &meeting_models, &fact);
    let headline = page_one::headline(&key_points);
    let upcoming = page_one::upcoming(input, &clusters, &cluster_of, &ids, &meeting_models);
    let people = registry
        .people
        .iter()
        .filter(|p| p.articles.iter().any(|a| ids.contains_key(a)))
        .map(|p| Person {
            name: p.name.clone(),
            role: p.role().map(str::to_string),
            country_iso3: p.country().map(|c| g.countries[c].iso3.clone()),
            sources: p
                .articles
                .iter()
                .filter_map(|a| ids.get(a).cloned())
                .collect(),
        })
        .collect::<Vec<_>>();

    let mut sources = sources(
        articles,
        &cited,
        &ids,
        &countries,
        &blocs,
        &meeting_models,
        &key_points,
    );
    let referenced: BTreeSet<&String> = meeting_models
        .iter()
        .flat_map(|m| {
            m.sources
                .iter()
                .chain(m.quotes.iter().flat_map(|q| &q.sources))
        })
        .chain(quotes.iter().flat_map(|q| &q.sources))
        .chain(timeline.iter().flat_map(|t| &t.sources))
        .chain(upcoming.iter().flat_map(|t| &t.sources))
        .collect();
    for s in &mut sources {
        s.referenced = s.cited_by > 0 || referenced.contains(&s.id);
    }
    let mut warnings: Vec<String> = input.warnings.iter().map(ToString::to_string).collect();
    for &a in &cited {
        if articles[a].published.is_none() {
            warnings.push(format!(
                "{}: undated (no publication date found); kept",
                articles[a].file
            ));
        }
    }
    let vigilance = vigilance(&key_points, &meeting_models, &cited, articles, &ids);
    let glossary = glossary(input, &cited);

    Briefing {
        schema: SCHEMA,
        date: input.date.to_string(),
        period: Period {
            since: input.since.map(|d| d.to_string()),
            until: input.until.map(|d| d.to_string()),
        },
        generator: Generator {
            name: "brief",
            version: env!("CARGO_PKG_VERSION"),
        },
        corpus: corpus_summary(input, &cited),
        sources,
        headline,
        key_points,
        upcoming,
        countries,
        blocs,
        meetings: meeting_models,
        people,
        quotes,
        timeline,
        vigilance,
        glossary,
        warnings,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Subject {
    Country(usize),
    Bloc(usize),
}

/// For each country and bloc, the facts chosen (cluster indices), best first.
/// How much what a sentence says of a country (named first, as its subject, by its officials)
/// counts in that country's section, against how important the sentence is to the corpus.
const RELEVANCE_WEIGHT: f64 = 2.0;

fn select_facts(
    input: &Input,
    clusters: &[Cluster],
    blocs: &BTreeSet<usize>,
    kept: &dyn Fn(&Cluster) -> bool,
    df: &HashMap<u64, u32>,
) -> BTreeMap<Subject, Vec<usize>> {
    let mut candidates: BTreeMap<Subject, Vec<(usize, f64)>> = BTreeMap::new();
    for (i, c) in clusters.iter().enumerate().filter(|(_, c)| kept(c)) {
        for (&country, &weight) in &c.about {
            candidates
                .entry(Subject::Country(country))
                .or_default()
                .push((i, c.score + RELEVANCE_WEIGHT * weight));
        }
        for &b in &c.blocs {
            if blocs.contains(&b) {
                candidates
                    .entry(Subject::Bloc(b))
                    .or_default()
                    .push((i, c.score + 1.0));
            }
        }
    }
    // How many articles speak of each subject: the best covered get the most facts.
    let coverage: BTreeMap<Subject, usize> = candidates
        .iter()
        .map(|(subject, list)| {
            let articles: BTreeSet<usize> = list
                .iter()
                .flat_map(|&(c, _)| clusters[c].members.iter().map(|p| p.article))
                .collect();
            (*subject, articles.len())
        })
        .collect();
    let widest = coverage.values().copied().max().unwrap_or(1).max(1);
    candidates
        .into_iter()
        .map(|(subject, list)| {
            let size = section_size(input.sizes.facts_per_country, coverage[&subject], widest);
            let rarity = facts::Rarity {
                df,
                articles: input.articles.len(),
            };
            (subject, facts::select(&list, clusters, size, &rarity))
        })
        .filter(|(_, chosen)| !chosen.is_empty())
        .collect()
}

/// How many facts a subject gets: `base` for one covered by a quarter of the articles the best
/// covered one is, twice `base` for the best covered, growing with the square root between (a
/// country in twenty articles gets more than one in two), and at least one.
fn section_size(base: usize, articles: usize, widest: usize) -> usize {
    let share = articles as f64 / widest as f64;
    ((2.0 * base as f64 * share.sqrt()).round() as usize).clamp(1, 2 * base)
}

fn make_fact(
    c: &Cluster,
    articles: &[Article],
    x: &[ArticleExtraction],
    ids: &HashMap<usize, String>,
    date: Option<PartialDate>,
) -> Fact {
    let text_of = |p: &Place| {
        let s = &x[p.article].sentences[p.sentence];
        (
            articles[p.article].body[s.start..s.end].to_string(),
            s.start,
            s.end,
        )
    };
    let members: Vec<&Place> = c
        .members
        .iter()
        .filter(|p| ids.contains_key(&p.article))
        .collect();
    let (text, _, _) = text_of(&c.best);
    Fact {
        text,
        sources: members.iter().map(|p| ids[&p.article].clone()).collect(),
        date,
        date_precision: date.map_or(Precision::Unknown, |d| d.precision()),
        spans: members
            .iter()
            .map(|p| {
                let (_, start, end) = text_of(p);
                Span {
                    source: ids[&p.article].clone(),
                    start,
                    end,
                }
            })
            .collect(),
        outlets: facts::outlets(articles, members.iter().map(|p| p.article)),
        origins: facts::origins(articles, members.iter().map(|p| p.article)),
        single_source: members.len() <= 1,
    }
}

#[allow(clippy::too_many_arguments)]
fn make_meeting(
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
fn meeting_noun(trigger: &str, kind: MeetingKind) -> String {
    let folded = fold(trigger);
    if kind == MeetingKind::PhoneCall {
        return "entretien téléphonique".into();
    }
    if crate::extract::entities::is_meeting_noun(&folded) {
        // Plural-only nouns stay ("pourparlers"); a participle ("a rencontré") is the noun.
        let noun = match trigger.to_lowercase() {
            participle if participle.ends_with('é') => folded.clone(),
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

/// The person who said a quote: its speaker's name resolved in the registry, or the one person
/// holding the role it was given by (of that country, or named in that article).
fn speaker_of(
    a: usize,
    q: &crate::extract::quotes::QuoteMention,
    registry: &people::Registry,
    g: &Gazetteer,
) -> Option<usize> {
    if let Some(name) = &q.speaker {
        return registry.by_name(name);
    }
    let role = q.by_role.as_ref()?;
    match role.country {
        Some(country) => registry.by_role(g, &role.role, country, &BTreeSet::from([a])),
        None => registry.in_article_by_role(g, &role.role, a),
    }
}

fn make_quote(
    a: usize,
    q: &crate::extract::quotes::QuoteMention,
    input: &Input,
    registry: &people::Registry,
    ids: &HashMap<usize, String>,
) -> Option<(Quote, Option<usize>)> {
    let g = input.gazetteer;
    let id = speaker_of(a, q, registry, g);
    let person = id.map(|p| &registry.people[p]);
    let speaker = person
        .map(|p| p.name.clone())
        .or_else(|| q.speaker.clone())?;
    let quote = Quote {
        text: input.articles[a].body[q.start..q.end].to_string(),
        speaker: Some(speaker),
        speaker_role: person.and_then(|p| p.role().map(str::to_string)),
        speaker_country_iso3: person.and_then(|p| p.country().map(|c| g.countries[c].iso3.clone())),
        sources: ids.get(&a).cloned().into_iter().collect(),
    };
    Some((quote, id))
}

/// What a quote gains when its speaker holds a leading office (a head of state or government,
/// a minister): the central actors speak before their spokesmen and commentators.
const LEADER_WEIGHT: f64 = 1.0;

/// At most this many quotes of one speaker, so that the section hears several voices.
const QUOTES_PER_SPEAKER: usize = 3;

/// Attributed quotes of the period's articles, the same words from several sources once, ranked
/// by how many sources carry them, how central their speaker is to the corpus (the articles
/// that name them) and how central their words are.
fn quotes(
    input: &Input,
    registry: &people::Registry,
    ids: &HashMap<usize, String>,
    topic: &HashMap<u64, u32>,
) -> Vec<Quote> {
    // The same quote, carried by several articles: its sources, and the speakers they give it.
    let mut by_text: Vec<(Quote, Speakers)> = Vec::new();
    // Each of a quote's keys, to its entry: two versions sharing either key are one quote.
    let mut keys: HashMap<String, usize> = HashMap::new();
    for (a, x) in input.extractions.iter().enumerate() {
        if !ids.contains_key(&a) || !input.article_in_period(a) {
            continue;
        }
        for q in &x.entities.quotes {
            let Some((quote, person)) = make_quote(a, q, input, registry, ids) else {
                continue;
            };
            let its_keys = quote_keys(&quote.text);
            let at = match its_keys.iter().find_map(|k| keys.get(k).copied()) {
                Some(at) => at,
                None => {
                    by_text.push((
                        Quote {
                            sources: Vec::new(),
                            ..quote.clone()
                        },
                        Speakers::new(),
                    ));
                    by_text.len() - 1
                }
            };
            for k in its_keys {
                keys.entry(k).or_insert(at);
            }
            let entry = &mut by_text[at];
            let speaker = quote.speaker.clone().unwrap_or_default();
            entry.1.entry(speaker).or_insert((0, person)).0 += 1;
            for s in quote.sources {
                if !entry.0.sources.contains(&s) {
                    entry.0.sources.push(s);
                }
            }
        }
    }
    // The speaker most of its articles give (the first in name order on a tie).
    let by_text = by_text.into_iter().map(|(mut quote, speakers)| {
        let (name, (_, person)) = speakers
            .into_iter()
            .max_by(|(na, (a, _)), (nb, (b, _))| a.cmp(b).then_with(|| nb.cmp(na)))
            .expect("a quote has a speaker");
        quote.speaker = Some(name);
        (quote, person)
    });
    let articles = input.articles.len().max(1) as f64;
    let mut scored: Vec<(f64, Quote)> = by_text
        .map(|(quote, person)| {
            let named_in = person.map_or(1, |p| registry.people[p].articles.len()) as f64;
            let words = facts::content_words(&quote.text);
            let central = words
                .iter()
                .map(|w| f64::from(topic.get(w).copied().unwrap_or(0)) / articles)
                .sum::<f64>()
                / words.len().max(1) as f64;
            let leads = person
                .and_then(|p| registry.people[p].role())
                .is_some_and(|r| input.gazetteer.leads(r));
            let score = (1.0 + quote.sources.len() as f64).ln()
                + (1.0 + named_in).ln()
                + 2.0 * central
                + statement(&quote.text)
                + if leads { LEADER_WEIGHT } else { 0.0 };
            (score, quote)
        })
        .collect();
    scored.sort_by(|(sa, a), (sb, b)| {
        sb.total_cmp(sa)
            .then_with(|| a.speaker.cmp(&b.speaker))
            .then_with(|| a.text.cmp(&b.text))
    });
    let mut per_speaker: HashMap<String, usize> = HashMap::new();
    scored
        .into_iter()
        .map(|(_, q)| q)
        .filter(|q| {
            let n = per_speaker
                .entry(q.speaker.clone().unwrap_or_default())
                .or_default();
            *n += 1;
            *n <= QUOTES_PER_SPEAKER
        })
        .take(input.sizes.quotes)
        .collect()
}

/// A whole statement (a sentence of eight words or more, opening with a capital) is worth more
/// than a few words quoted inside a reporter's sentence ("a dénoncé un « jeu dangereux »").
fn statement(text: &str) -> f64 {
    let words = text.split_whitespace().count();
    let capital = text.chars().next().is_some_and(char::is_uppercase);
    match (words >= 8, capital) {
        (true, true) => 1.0,
        (true, false) => 0.5,
        _ => 0.0,
    }
}

/// The speakers articles give one quote: name → (articles, person in the registry).
type Speakers = BTreeMap<String, (usize, Option<usize>)>;

/// The keys of a quote carried twice with a word changed or inserted: its first six and last
/// three words ("… engagements (de non ingérence, ndlr) pris …" is the same quote), and its first
/// three and last three with its length in steps of five words ("peut" / "pouvait"). "Nous
/// appelons toutes les parties à faire preuve de retenue" and "… à respecter la trêve" are two.
fn quote_keys(text: &str) -> [String; 2] {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let ends = |first: usize| {
        let tail_from = words.len().saturating_sub(3).max(first.min(words.len()));
        words[..first.min(words.len())]
            .iter()
            .chain(&words[tail_from..])
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    [ends(6), format!("{}#{}", ends(3), words.len() / 5)]
}

/// Dated events: sentences with a day or month date in the period, and the meetings; by date.
fn timeline(
    input: &Input,
    clusters: &[Cluster],
    cluster_of: &HashMap<Place, usize>,
    kept: &dyn Fn(&Cluster) -> bool,
    ids: &HashMap<usize, String>,
    meetings: &[Meeting],
) -> Vec<TimelineEntry> {
    let (articles, x) = (input.articles, input.extractions);
    let mut entries: BTreeMap<(PartialDate, usize), (f64, TimelineEntry)> = BTreeMap::new();
    for (a, ex) in x.iter().enumerate() {
        if !ids.contains_key(&a) {
            continue;
        }
        for (s, sentence) in ex.sentences.iter().enumerate() {
            let Some(&c) = cluster_of.get(&Place {
                article: a,
                sentence: s,
            }) else {
                continue;
            };
            if !kept(&clusters[c]) {
                continue;
            }
            let Some(d) = ex.dates_in(sentence).find(|d| {
                matches!(d.precision, Precision::Day | Precision::Month)
                    && d.relation != crate::dates::grammar::Relation::After
            }) else {
                continue;
            };
            if !input.in_period(d.from, d.to) {
                continue;
            }
            let date = if d.precision == Precision::Day && d.from == d.to {
                PartialDate::day(d.from)
            } else {
                match PartialDate::month(d.from.year(), d.from.month()) {
                    Some(m) => m,
                    None => continue,
                }
            };
            let cluster = &clusters[c];
            let best = cluster.best;
            let bs = &x[best.article].sentences[best.sentence];
            let sources: Vec<String> = cluster
                .members
                .iter()
                .filter_map(|p| ids.get(&p.article).cloned())
                .collect();
            entries.entry((date, c)).or_insert((
                cluster.score,
                TimelineEntry {
                    date,
                    date_precision: date.precision(),
                    text: articles[best.article].body[bs.start..bs.end].to_string(),
                    sources,
                },
            ));
        }
    }
    let mut chosen: Vec<(f64, TimelineEntry)> = entries.into_values().collect();
    chosen.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.date.cmp(&b.1.date)));
    chosen.truncate(input.sizes.timeline);
    let mut list: Vec<TimelineEntry> = chosen.into_iter().map(|(_, e)| e).collect();
    for m in meetings {
        if let (Some(date), Some(fact)) = (m.date, m.facts.first()) {
            if !list.iter().any(|e| e.text == fact.text) {
                list.push(TimelineEntry {
                    date,
                    date_precision: date.precision(),
                    text: fact.text.clone(),
                    sources: m.sources.clone(),
                });
            }
        }
    }
    list.sort_by(|a, b| {
        a.date
            .first_day()
            .cmp(&b.date.first_day())
            .then(a.date.precision().cmp(&b.date.precision()))
            .then_with(|| a.text.cmp(&b.text))
    });
    list
}

/// The briefing's most important facts: the best-corroborated meetings' outcomes first, then
/// the best facts of the countries and blocs, without repeats.
fn key_points(
    input: &Input,
    clusters: &[Cluster],
    selection: &BTreeMap<Subject, Vec<usize>>,
    meetings: &[Meeting],
    fact: &dyn Fn(usize) -> Fact,
) -> Vec<Fact> {
    let mut chosen: Vec<Fact> = Vec::new();
    let push = |f: Fact, chosen: &mut Vec<Fact>| {
        if !chosen.iter().any(|c| c.text == f.text) {
            chosen.push(f);
        }
    };
    for m in meetings.iter().take(2) {
        if let Some(f) = m.facts.first() {
            push(f.clone(), &mut chosen);
        }
    }
    let mut pool: Vec<(f64, usize)> = selection
        .values()
        .filter_map(|list| list.first())
        .map(|&c| (clusters[c].score, c))
        .collect();
    pool.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, c) in pool {
        if chosen.len() >= input.sizes.key_points {
            break;
        }
        push(fact(c), &mut chosen);
    }
    chosen.truncate(input.sizes.key_points);
    chosen
}

#[allow(clippy::too_many_arguments)]
fn sources(
    articles: &[Article],
    cited: &BTreeSet<usize>,
    ids: &HashMap<usize, String>,
    countries: &[CountrySection],
    blocs: &[BlocSection],
    meetings: &[Meeting],
    key_points: &[Fact],
) -> Vec<Source> {
    let mut cited_by: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let all = countries
        .iter()
        .flat_map(|c| &c.facts)
        .chain(blocs.iter().flat_map(|b| &b.facts))
        .chain(meetings.iter().flat_map(|m| &m.facts))
        .chain(key_points);
    for fact in all {
        for s in &fact.sources {
            cited_by
                .entry(s.as_str())
                .or_default()
                .insert(fact.text.as_str());
        }
    }
    cited
        .iter()
        .map(|&a| {
            let article = &articles[a];
            let id = &ids[&a];
            Source {
                id: id.clone(),
                file: article.file.clone(),
                title: article.title.clone(),
                outlet: article.outlet.clone(),
                author: article.author.clone(),
                url: article.url.clone(),
                published: article.published,
                published_precision: article.published_precision(),
                published_from: article.published_from.clone(),
                language: article.language.clone(),
                line: article.line,
                duplicates: article.duplicates.clone(),
                relayed: article.relayed.clone(),
                cited_by: cited_by.get(id.as_str()).map_or(0, BTreeSet::len),
                referenced: false,
            }
        })
        .collect()
}

/// What deserves caution: contradictory dates, meetings only announced, what rests on a single
/// source among what page one and the meetings say, undated articles. Single-source facts
/// deeper in the sections are marked where they stand, not listed again here.
fn vigilance(
    key_points: &[Fact],
    meetings: &[Meeting],
    cited: &BTreeSet<usize>,
    articles: &[Article],
    ids: &HashMap<usize, String>,
) -> Vec<Vigilance> {
    let mut out = Vec::new();
    for m in meetings {
        if !m.contradictions.is_empty() {
            out.push(Vigilance {
                kind: VigilanceKind::Contradiction,
                text: format!(
                    "{} : dates divergentes selon les sources — {}",
                    m.title,
                    m.contradictions.join(" ; ")
                ),
                sources: m.sources.clone(),
            });
        }
        if m.status == MeetingStatus::Announced {
            out.push(Vigilance {
                kind: VigilanceKind::Announced,
                text: format!("{} : annoncé, rien ne confirme qu’il a eu lieu", m.title),
                sources: m.sources.clone(),
            });
        }
        if m.sources.len() == 1 {
            out.push(Vigilance {
                kind: VigilanceKind::SingleSource,
                text: format!("{} : une seule source", m.title),
                sources: m.sources.clone(),
            });
        }
    }
    let mut seen = BTreeSet::new();
    for f in key_points.iter().chain(
        meetings
            .iter()
            .filter(|m| m.sources.len() > 1)
            .flat_map(|m| &m.facts),
    ) {
        if f.single_source && seen.insert(f.text.clone()) {
            out.push(Vigilance {
                kind: VigilanceKind::SingleSource,
                text: f.text.clone(),
                sources: f.sources.clone(),
            });
        }
    }
    for &a in cited {
        if articles[a].published.is_none() {
            out.push(Vigilance {
                kind: VigilanceKind::Undated,
                text: format!(
                    "{} : article non daté",
                    articles[a]
                        .title
                        .clone()
                        .unwrap_or_else(|| articles[a].file.clone())
                ),
                sources: vec![ids[&a].clone()],
            });
        }
    }
    out
}

fn glossary(input: &Input, cited: &BTreeSet<usize>) -> Vec<GlossaryEntry> {
    let g = input.gazetteer;
    let used: BTreeSet<usize> = cited
        .iter()
        .flat_map(|&a| {
            input.extractions[a]
                .sentences
                .iter()
                .flat_map(|s| s.organisations.iter().map(|o| o.org))
        })
        .collect();
    used.into_iter()
        .filter(|&o| g.organisations[o].short != g.organisations[o].name)
        .map(|o| GlossaryEntry {
            short: g.organisations[o].short.clone(),
            name: g.organisations[o].name.clone(),
        })
        .collect()
}

fn corpus_summary(input: &Input, cited: &BTreeSet<usize>) -> CorpusSummary {
    let articles = input.articles;
    let outlets: BTreeSet<&str> = cited
        .iter()
        .filter_map(|&a| articles[a].outlet.as_deref())
        .collect();
    let languages: BTreeSet<String> = cited
        .iter()
        .map(|&a| articles[a].language.clone())
        .collect();
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for &a in cited {
        for b in articles[a]
            .file
            .bytes()
            .chain([0])
            .chain(articles[a].body.bytes())
            .chain([0])
        {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    CorpusSummary {
        files: input.files_seen,
        articles: cited.len(),
        outlets: outlets.len(),
        languages: languages.into_iter().collect(),
        hash: format!("{hash:016x}"),
    }
}

#[cfg(test)]
mod tests;
