//! The timeline: dated sentences of the period and the dated meetings, by date.

use super::*;

/// Dated events: sentences with a day or month date in the period, and the meetings; by date.
pub(super) fn timeline(
    input: &Input,
    clusters: &[Cluster],
    cluster_of: &HashMap<Place, usize>,
    kept: &dyn Fn(&Cluster) -> bool,
    ids: &HashMap<usize, String>,
    meetings: &[Meeting],
) -> Vec<TimelineEntry> {
    let mut entries: BTreeMap<(PartialDate, usize), (f64, TimelineEntry)> = BTreeMap::new();
    for (a, sentence, c) in clustered_sentences(input, ids, cluster_of) {
        if !kept(&clusters[c]) {
            continue;
        }
        let Some(d) = input.extractions[a].dates_in(sentence).find(|d| {
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
        entries
            .entry((date, c))
            .or_insert_with(|| (clusters[c].score, entry_of(input, &clusters[c], ids, date)));
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

/// The sentences of the briefing's articles that a cluster holds: (article, sentence, cluster).
pub(super) fn clustered_sentences<'a>(
    input: &'a Input,
    ids: &'a HashMap<usize, String>,
    cluster_of: &'a HashMap<Place, usize>,
) -> impl Iterator<Item = (usize, &'a crate::extract::Sentence, usize)> + 'a {
    input
        .extractions
        .iter()
        .enumerate()
        .filter(|(a, _)| ids.contains_key(a))
        .flat_map(move |(a, ex)| {
            ex.sentences
                .iter()
                .enumerate()
                .filter_map(move |(s, sentence)| {
                    let c = *cluster_of.get(&Place {
                        article: a,
                        sentence: s,
                    })?;
                    Some((a, sentence, c))
                })
        })
}

/// A dated entry for a cluster: its best wording, with every source that carries it.
pub(super) fn entry_of(
    input: &Input,
    cluster: &Cluster,
    ids: &HashMap<usize, String>,
    date: PartialDate,
) -> TimelineEntry {
    let best = cluster.best;
    let s = &input.extractions[best.article].sentences[best.sentence];
    TimelineEntry {
        date,
        date_precision: date.precision(),
        text: input.articles[best.article].body[s.start..s.end].to_string(),
        sources: cluster
            .members
            .iter()
            .filter_map(|p| ids.get(&p.article).cloned())
            .collect(),
    }
}
