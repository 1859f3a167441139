//! The timeline: dated sentences of the period and the dated meetings, by date.

use super::analysis::Analysis;
use super::citations::Citations;
use super::facts::{ClusterId, Place};
use crate::dates::grammar::Relation;
use crate::dates::{PartialDate, Precision};
use crate::extract::Sentence;
use crate::model::{Meeting, TimelineEntry};
use chrono::Datelike;
use std::collections::BTreeMap;

/// Dated events: sentences with a day or month date in the period, and the meetings; by date.
pub(super) fn timeline(
    analysis: &Analysis,
    citations: &Citations,
    meetings: &[Meeting],
) -> Vec<TimelineEntry> {
    let mut list = dated_sentences(analysis, citations);
    for entry in &mut list {
        entry.meeting = meeting_told(entry, meetings).map(|m| m.id.clone());
    }
    for m in meetings {
        if let (Some(date), Some(fact)) = (m.date, m.facts.first()) {
            if !list.iter().any(|e| e.text == fact.text) {
                let mut entry = dated_entry(date, fact.text.clone(), m.sources.clone());
                entry.meeting = Some(m.id.clone());
                list.push(entry);
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

/// The longest short title of an entry, in characters: a label on the frieze.
const SHORT_TITLE: usize = 40;

/// A dated entry, labelled by its first words.
pub(super) fn dated_entry(date: PartialDate, text: String, sources: Vec<String>) -> TimelineEntry {
    TimelineEntry {
        date,
        date_precision: date.precision(),
        short: crate::text::shorten(&text, SHORT_TITLE),
        text,
        sources,
        meeting: None,
    }
}

/// The meeting an entry tells of: one whose facts hold its sentence, on its date if it has one.
fn meeting_told<'a>(entry: &TimelineEntry, meetings: &'a [Meeting]) -> Option<&'a Meeting> {
    meetings.iter().find(|m| {
        m.date.is_none_or(|d| d == entry.date) && m.facts.iter().any(|f| f.text == entry.text)
    })
}

/// The best clusters of the period dated by a sentence to a day or a month in the period (one
/// entry per cluster and date), as many as the timeline shows.
fn dated_sentences(analysis: &Analysis, citations: &Citations) -> Vec<TimelineEntry> {
    let input = analysis.input;
    let mut entries: BTreeMap<(PartialDate, ClusterId), (f64, TimelineEntry)> = BTreeMap::new();
    for (a, sentence, c) in clustered_sentences(analysis, citations) {
        if !analysis.cluster_kept(c) {
            continue;
        }
        let Some(d) = input.extractions[a].dates_in(sentence).find(|d| {
            matches!(d.precision, Precision::Day | Precision::Month)
                && d.relation != Relation::After
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
        entries.entry((date, c)).or_insert_with(|| {
            let score = analysis.cluster(c).score;
            (score, entry_of(analysis, citations, c, date))
        });
    }
    let mut chosen: Vec<(f64, TimelineEntry)> = entries.into_values().collect();
    chosen.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.date.cmp(&b.1.date)));
    chosen.truncate(input.sizes.timeline);
    chosen.into_iter().map(|(_, e)| e).collect()
}

/// The sentences of the briefing's articles that a cluster holds: (article, sentence, cluster).
pub(super) fn clustered_sentences<'a>(
    analysis: &'a Analysis,
    citations: &'a Citations,
) -> impl Iterator<Item = (usize, &'a Sentence, ClusterId)> + 'a {
    analysis
        .input
        .extractions
        .iter()
        .enumerate()
        .filter(|&(a, _)| citations.contains(a))
        .flat_map(move |(a, ex)| {
            ex.sentences
                .iter()
                .enumerate()
                .filter_map(move |(s, sentence)| {
                    let c = analysis.clusters.of(Place {
                        article: a,
                        sentence: s,
                    })?;
                    Some((a, sentence, c))
                })
        })
}

/// A dated entry for a cluster: its best wording, with every source that carries it.
pub(super) fn entry_of(
    analysis: &Analysis,
    citations: &Citations,
    id: ClusterId,
    date: PartialDate,
) -> TimelineEntry {
    let cluster = analysis.cluster(id);
    dated_entry(
        date,
        analysis.text(cluster.best).to_string(),
        citations.ids_of(cluster.members.iter().map(|p| p.article)),
    )
}
