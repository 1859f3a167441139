//! Stage 3, extraction → briefing model: people, meetings, facts per country and bloc, quotes,
//! a timeline, key points, corroboration and what to double-check. Pure: the date and the
//! period come in as data. Every fact is a sentence of a source, with the spans of every source
//! that carries it.
//!
//! `summarise` reads as its steps: the analysis of the corpus (people, clusters of sentences that
//! say the same thing, word frequencies), built once; the period's meetings and the facts each
//! section tells; the articles these cite, numbered as sources; then one builder per section,
//! each in its own file, reading the analysis and the citations.

mod analysis;
mod antecedent;
mod citations;
mod fact;
pub mod facts;
mod glossary;
mod meeting_section;
pub mod meetings;
mod page_one;
pub mod paraphrase;
pub mod people;
mod quotes;
mod sections;
mod selection;
mod sources;
mod stories;
mod timeline;
mod vigilance;

use crate::corpus::Article;
use crate::extract::ArticleExtraction;
use crate::gazetteer::Gazetteer;
use crate::model::*;
use crate::warning::Warning;
use analysis::Analysis;
use chrono::NaiveDate;
use citations::Citations;
use selection::Selection;

pub use meeting_section::{surname, title_word};

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
            key_points: 6,
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
    /// Articles that arrived late (sorted indices): first seen after the previous briefing
    /// although dated before this period (at most `--since last`'s bound before it). Nothing
    /// has told them yet, so they are news of this period.
    pub late: &'a [usize],
}

impl Input<'_> {
    /// Whether a date range falls (at least partly) in the period.
    fn in_period(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.since.is_none_or(|s| to >= s) && self.until.is_none_or(|u| from <= u)
    }

    /// Whether an article arrived late (see `late`).
    pub fn is_late(&self, a: usize) -> bool {
        self.late.binary_search(&a).is_ok()
    }

    /// Whether an article's own date is in the period (undated: by the policy), or it arrived
    /// late.
    fn article_in_period(&self, a: usize) -> bool {
        if self.is_late(a) {
            return true;
        }
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

/// The briefing of a corpus: what it knows of the corpus first, then the meetings and the
/// facts each section tells, which say which articles are cited, then every section from them.
pub fn summarise(input: &Input) -> Briefing {
    let analysis = Analysis::build(input);
    let events = meeting_section::events(&analysis);
    let selection = Selection::build(&analysis);
    let citations = Citations::of(&analysis, &events, &selection);

    let (countries, blocs) = sections::countries_and_blocs(&analysis, &citations, &selection);
    let meetings = meeting_section::meetings(&analysis, &citations, &events);
    let people = sections::people(&analysis, &citations);
    let quotes = quotes::quotes(&analysis, &citations);
    let timeline = timeline::timeline(&analysis, &citations, &meetings);

    let page_one = page_one::key_points(&analysis, &citations, &events);
    let headline = page_one::headline(&page_one);
    let key_points = page_one.points;
    let upcoming = page_one::upcoming(&analysis, &citations, &meetings);
    let vigilance = vigilance::vigilance(input, &citations, &key_points, &meetings);

    let mut briefing = Briefing {
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
        corpus: sources::corpus_summary(input, &citations),
        sources: Vec::new(),
        headline,
        key_points,
        upcoming,
        countries,
        blocs,
        meetings,
        people,
        quotes,
        timeline,
        vigilance,
        glossary: glossary::glossary(input, &citations),
        warnings: sources::warnings(input, &citations),
        changes: None,
    };
    // The sources last: each says whether what the briefing shows cites it.
    briefing.sources = sources::sources(input, &citations, &briefing);
    briefing
}

/// The seeds' briefing (dated 21 November 2026, the whole period), for the tests of the stages
/// after this one.
#[cfg(test)]
pub(crate) fn seeds_briefing() -> Briefing {
    let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = crate::corpus::load(&[seeds], Default::default()).unwrap();
    let g = Gazetteer::shipped();
    let extractions = crate::extract::extract(&corpus.articles, g);
    summarise(&Input {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        since: None,
        until: None,
        undated: Undated::Keep,
        articles: &corpus.articles,
        extractions: &extractions,
        gazetteer: g,
        sizes: Sizes::default(),
        files_seen: corpus.files_seen,
        warnings: &[],
        late: &[],
    })
}

#[cfg(test)]
mod tests;
