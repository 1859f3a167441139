//! What the briefing says of its sources: the list of the cited articles (how many facts each
//! carries, whether anything shown cites it), a summary of the corpus, the glossary of the
//! organisations they name, and the warnings.

use super::citations::Citations;
use super::Input;
use crate::hashing::fnv1a;
use crate::model::{Briefing, CorpusSummary, Source};
use crate::warning::Warning;
use std::collections::{BTreeSet, HashMap};

/// The cited articles, in corpus order, once everything else in the briefing is written: each
/// counts the distinct facts that cite it, and says whether anything shown does.
pub(super) fn sources(input: &Input, citations: &Citations, briefing: &Briefing) -> Vec<Source> {
    let cited_by = facts_citing(briefing);
    let referenced = referenced(briefing);
    citations
        .iter()
        .map(|(a, id)| {
            let article = &input.articles[a];
            let cited_by = cited_by.get(id).map_or(0, BTreeSet::len);
            Source {
                id: id.to_string(),
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
                cited_by,
                referenced: cited_by > 0 || referenced.contains(id),
                late: input.is_late(a),
            }
        })
        .collect()
}

/// For each source id, the texts of the facts (sections, meetings, key points) that cite it.
fn facts_citing(briefing: &Briefing) -> HashMap<&str, BTreeSet<&str>> {
    let mut cited_by: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let all = briefing
        .countries
        .iter()
        .flat_map(|c| &c.facts)
        .chain(briefing.blocs.iter().flat_map(|b| &b.facts))
        .chain(briefing.meetings.iter().flat_map(|m| &m.facts))
        .chain(&briefing.key_points);
    for fact in all {
        for s in &fact.sources {
            cited_by
                .entry(s.as_str())
                .or_default()
                .insert(fact.text.as_str());
        }
    }
    cited_by
}

/// The source ids the meetings, their quotes, the quotes, the timeline and *À suivre* give.
fn referenced(briefing: &Briefing) -> BTreeSet<&str> {
    briefing
        .meetings
        .iter()
        .flat_map(|m| {
            m.sources
                .iter()
                .chain(m.quotes.iter().flat_map(|q| &q.sources))
        })
        .chain(briefing.quotes.iter().flat_map(|q| &q.sources))
        .chain(briefing.timeline.iter().flat_map(|t| &t.sources))
        .chain(briefing.upcoming.iter().flat_map(|t| &t.sources))
        .map(String::as_str)
        .collect()
}

/// The cited articles: how many, from how many outlets, in which languages, and a hash of
/// their files and texts.
pub(super) fn corpus_summary(input: &Input, citations: &Citations) -> CorpusSummary {
    let articles = input.articles;
    let outlets: BTreeSet<&str> = citations
        .articles()
        .filter_map(|a| articles[a].outlet.as_deref())
        .collect();
    let languages: BTreeSet<String> = citations
        .articles()
        .map(|a| articles[a].language.clone())
        .collect();
    // Each file's name and text, each ended by a zero byte.
    let hash = fnv1a(citations.articles().flat_map(|a| {
        let article = &articles[a];
        article
            .file
            .bytes()
            .chain([0])
            .chain(article.body.bytes())
            .chain([0])
    }));
    CorpusSummary {
        files: input.files_seen,
        articles: citations.count(),
        outlets: outlets.len(),
        languages: languages.into_iter().collect(),
        hash: format!("{hash:016x}"),
    }
}

/// The input's warnings, then one for each cited article without a date.
pub(super) fn warnings(input: &Input, citations: &Citations) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = input.warnings.to_vec();
    for a in citations.articles() {
        let article = &input.articles[a];
        match (article.undated(), article.published) {
            (true, Some(seen)) => warnings.push(article.warning(&format!(
                "undated (no publication date found); dated by the day it was first seen, {seen}"
            ))),
            (true, None) => {
                warnings.push(article.warning("undated (no publication date found); kept"))
            }
            _ => {}
        }
    }
    warnings
}
