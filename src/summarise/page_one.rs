//! Page one for a busy reader: the key points (the best-reported meetings' outcomes, then the
//! best fact of each section), a one-line headline (the period's best-corroborated key point)
//! and *À suivre*, what is announced after the briefing's date: meetings still to come, and
//! deadlines the articles give ("d'ici le 15 juillet", "le sommet prévu le 24 septembre").

use super::analysis::Analysis;
use super::citations::Citations;
use super::fact::make_fact;
use super::facts::ClusterId;
use super::selection::Selection;
use super::timeline::{clustered_sentences, dated_entry, entry_of};
use crate::dates::grammar::Relation;
use crate::dates::{PartialDate, Precision};
use crate::extract::meetings::calls_off;
use crate::model::{Fact, Meeting, MeetingStatus, TimelineEntry};
use std::collections::BTreeMap;

/// At most this many items to follow.
const MAX_UPCOMING: usize = 8;

/// The key point reported by the most independent origins, then by the most sources, then the
/// shortest (a headline is read at a glance), then the first.
pub(super) fn headline(key_points: &[Fact]) -> Option<Fact> {
    key_points
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| {
            (a.origins, a.sources.len())
                .cmp(&(b.origins, b.sources.len()))
                .then(b.text.len().cmp(&a.text.len()))
                .then(j.cmp(i))
        })
        .map(|(_, f)| f.clone())
}

/// What the articles announce after the briefing's date, soonest first: meetings announced for
/// a later day, then sentences whose date lies ahead (one per cluster, the best wording).
pub(super) fn upcoming(
    analysis: &Analysis,
    citations: &Citations,
    meetings: &[Meeting],
) -> Vec<TimelineEntry> {
    let today = analysis.input.date;
    let mut out: Vec<TimelineEntry> = meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Announced)
        .filter_map(|m| {
            let date = m.date.filter(|d| d.first_day() > today)?;
            let mut entry = dated_entry(date, m.title.clone(), m.sources.clone());
            entry.meeting = Some(m.id.clone());
            Some(entry)
        })
        .collect();
    let mut sentences: Vec<(f64, TimelineEntry)> = ahead(analysis, citations)
        .into_iter()
        .map(|(c, date)| {
            let score = analysis.cluster(c).score;
            (score, entry_of(analysis, citations, c, date))
        })
        .collect();
    sentences.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.text.cmp(&b.1.text)));
    for (_, entry) in sentences {
        if out.len() >= MAX_UPCOMING {
            break;
        }
        if !out.iter().any(|e| e.text == entry.text) {
            out.push(entry);
        }
    }
    out.sort_by(|a, b| {
        a.date
            .first_day()
            .cmp(&b.date.first_day())
            .then_with(|| a.text.cmp(&b.text))
    });
    out
}

/// Each cluster of the briefing's articles whose shown wording gives a day ahead, and does not
/// say the date no longer holds, with that day.
fn ahead(analysis: &Analysis, citations: &Citations) -> BTreeMap<ClusterId, PartialDate> {
    let input = analysis.input;
    let mut ahead: BTreeMap<ClusterId, PartialDate> = BTreeMap::new();
    for (_, _, c) in clustered_sentences(analysis, citations) {
        if ahead.contains_key(&c) {
            continue;
        }
        let best = analysis.cluster(c).best;
        let date = input.extractions[best.article]
            .dates_in(analysis.sentence(best))
            .filter(|d| d.relation == Relation::After && d.from > input.date)
            .find_map(|d| match d.precision {
                Precision::Day => Some(PartialDate::day(d.from)),
                _ => None,
            });
        if let (Some(date), false) = (date, calls_off(analysis.text(best))) {
            ahead.insert(c, date);
        }
    }
    ahead
}

/// The briefing's most important facts: the best-corroborated meetings' outcomes first, then
/// the best facts of the countries and blocs, without repeats.
pub(super) fn key_points(
    analysis: &Analysis,
    citations: &Citations,
    selection: &Selection,
    meetings: &[Meeting],
) -> Vec<Fact> {
    let wanted = analysis.input.sizes.key_points;
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
    let mut pool: Vec<(f64, ClusterId)> = selection
        .facts
        .values()
        .filter_map(|list| list.first())
        .map(|&c| (analysis.cluster(c).score, c))
        .collect();
    pool.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, c) in pool {
        if chosen.len() >= wanted {
            break;
        }
        push(
            make_fact(analysis, citations, c, analysis.cluster_date(c)),
            &mut chosen,
        );
    }
    chosen.truncate(wanted);
    chosen
}
