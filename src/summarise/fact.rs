//! A cluster as the model shows it: its best wording, with the span of every cited source that
//! carries it. Every section that tells facts writes them here.

use super::analysis::Analysis;
use super::antecedent::{standing, Standing};
use super::citations::Citations;
use super::facts::{self, ClusterId, Place};
use crate::dates::{PartialDate, Precision};
use crate::model::{Antecedent, Fact, Span};
use std::collections::BTreeSet;

/// The fact a cluster tells, dated `date` (its own, or its meeting's).
pub(super) fn make_fact(
    analysis: &Analysis,
    citations: &Citations,
    id: ClusterId,
    date: Option<PartialDate>,
) -> Fact {
    let cluster = analysis.cluster(id);
    let members: Vec<(Place, &str)> = cluster
        .members
        .iter()
        .filter_map(|&p| Some((p, citations.id_of(p.article)?)))
        .collect();
    let articles = analysis.input.articles;
    let cited = || members.iter().map(|(p, _)| p.article);
    Fact {
        text: analysis.text(cluster.best).to_string(),
        sources: members.iter().map(|(_, id)| id.to_string()).collect(),
        date,
        date_precision: date.map_or(Precision::Unknown, |d| d.precision()),
        spans: members
            .iter()
            .map(|&(p, id)| {
                let s = analysis.sentence(p);
                Span {
                    source: id.to_string(),
                    start: s.start,
                    end: s.end,
                }
            })
            .collect(),
        outlets: facts::outlets(articles, cited()),
        origins: facts::origins(articles, cited()),
        single_source: members.len() <= 1,
        new: None,
        first_briefing: None,
        antecedent: match standing(analysis.input, &cluster.best) {
            Standing::Resolved { at, name } => Some(Antecedent { at, name }),
            _ => None,
        },
    }
}

/// A fact that tells a meeting, with the meeting's corroboration: its sources are every cited
/// article that reports the sentence or the meeting, and its counts theirs, so that a key point
/// drawn from a meeting is as sure as the meeting it reports. Its spans stay those of its own
/// words.
pub(super) fn with_meeting_sources(
    mut fact: Fact,
    analysis: &Analysis,
    citations: &Citations,
    id: ClusterId,
    meeting_articles: &BTreeSet<usize>,
) -> Fact {
    let articles = analysis.input.articles;
    let reporting: BTreeSet<usize> = analysis
        .cluster(id)
        .members
        .iter()
        .map(|p| p.article)
        .chain(meeting_articles.iter().copied())
        .filter(|&a| citations.contains(a))
        .collect();
    fact.sources = citations.ids_of(reporting.iter().copied());
    fact.outlets = facts::outlets(articles, reporting.iter().copied());
    fact.origins = facts::origins(articles, reporting.iter().copied());
    fact.single_source = reporting.len() <= 1;
    fact
}
