//! Stage 3, extraction → briefing model: people, meetings, facts per country and bloc, quotes,
//! a timeline, key points, corroboration and what to double-check. Pure: the date and the
//! period come in as data. Every fact is a sentence of a source, with the spans of every source
//! that carries it.

pub mod facts;
mod meeting_section;
pub mod meetings;
mod page_one;
pub mod paraphrase;
pub mod people;
mod quotes;
mod timeline;
mod vigilance;

use crate::corpus::Article;
use crate::dates::{PartialDate, Precision};
use crate::extract::ArticleExtraction;
use crate::gazetteer::{Gazetteer, OrgKind};
use crate::model::*;
use crate::text::fold;
use crate::warning::Warning;
use chrono::{Datelike, NaiveDate};
use facts::{Cluster, Place};
use meeting_section::make_meeting;
use page_one::key_points;
use quotes::{make_quote, quotes};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use timeline::timeline;
use vigilance::vigilance;

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

/// How much what a sentence says of a country (named first, as its subject, by its officials)
/// counts in that country's section, against how important the sentence is to the corpus.
const RELEVANCE_WEIGHT: f64 = 2.0;

/// For each country and bloc, the facts chosen (cluster indices), best first.
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

pub(super) fn make_fact(
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
