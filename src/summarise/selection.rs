//! Which facts each country and bloc section tells: every cluster of the period is offered to
//! the subjects it is about, the best covered subjects get the most facts, chosen without
//! repeats; only the most covered countries keep their section.

use super::analysis::Analysis;
use super::facts::{self, ClusterId};
use std::collections::{BTreeMap, BTreeSet};

/// What a section is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Subject {
    /// A country (gazetteer index).
    Country(usize),
    /// A bloc or an international organisation (organisation index).
    Bloc(usize),
}

/// The facts of the country and bloc sections.
pub(super) struct Selection {
    /// For each subject kept, the facts chosen, best first.
    pub facts: BTreeMap<Subject, Vec<ClusterId>>,
    /// How much the period's facts speak of each country: the articles of each cluster about it.
    pub mentions: BTreeMap<usize, usize>,
}

impl Selection {
    pub fn build(analysis: &Analysis) -> Selection {
        let mentions = mentions(analysis);
        let mut facts = select_facts(analysis);
        keep_most_covered(&mut facts, &mentions, analysis);
        Selection { facts, mentions }
    }

    /// How much the period's facts speak of a country.
    pub fn mentions_of(&self, country: usize) -> usize {
        self.mentions.get(&country).copied().unwrap_or(0)
    }

    /// Every fact chosen, section by section.
    pub fn clusters(&self) -> impl Iterator<Item = ClusterId> + '_ {
        self.facts.values().flatten().copied()
    }
}

fn mentions(analysis: &Analysis) -> BTreeMap<usize, usize> {
    let mut mentions: BTreeMap<usize, usize> = BTreeMap::new();
    for (id, c) in analysis.clusters.iter() {
        if !analysis.cluster_kept(id) {
            continue;
        }
        for &country in c.about.keys() {
            *mentions.entry(country).or_default() += c.members.len();
        }
    }
    mentions
}

/// How much what a sentence says of a country (named first, as its subject, by its officials)
/// counts in that country's section, against how important the sentence is to the corpus.
const RELEVANCE_WEIGHT: f64 = 2.0;

/// For each country and bloc, the facts chosen, best first.
fn select_facts(analysis: &Analysis) -> BTreeMap<Subject, Vec<ClusterId>> {
    let mut candidates = candidates(analysis);
    candidates.retain(|_, list| fed_by_a_story(analysis, list));
    // How many articles speak of each subject: the best covered get the most facts.
    let coverage: BTreeMap<Subject, usize> = candidates
        .iter()
        .map(|(subject, list)| {
            let articles: BTreeSet<usize> = list
                .iter()
                .flat_map(|&(c, _)| analysis.cluster(c).members.iter().map(|p| p.article))
                .collect();
            (*subject, articles.len())
        })
        .collect();
    let widest = coverage.values().copied().max().unwrap_or(1).max(1);
    let base = analysis.input.sizes.facts_per_country;
    candidates
        .into_iter()
        .map(|(subject, list)| {
            let size = section_size(base, coverage[&subject], widest);
            let chosen = facts::select(&list, &analysis.clusters, size, &analysis.rarity());
            (subject, chosen)
        })
        .filter(|(_, chosen)| !chosen.is_empty())
        .collect()
}

/// Each cluster of the period, offered to every country it is about (weighed by how much) and
/// to every bloc of the corpus it is about as a whole.
fn candidates(analysis: &Analysis) -> BTreeMap<Subject, Vec<(ClusterId, f64)>> {
    let mut candidates: BTreeMap<Subject, Vec<(ClusterId, f64)>> = BTreeMap::new();
    for (id, c) in analysis.clusters.iter() {
        if !analysis.cluster_kept(id) || analysis.leaning(id) {
            continue;
        }
        for (&country, &weight) in &c.about {
            candidates
                .entry(Subject::Country(country))
                .or_default()
                .push((id, c.score + RELEVANCE_WEIGHT * weight));
        }
        for &b in &c.blocs {
            if analysis.blocs.contains(&b) {
                candidates
                    .entry(Subject::Bloc(b))
                    .or_default()
                    .push((id, c.score + 1.0));
            }
        }
    }
    candidates
}

/// Whether some article of a story of the corpus tells one of a subject's facts: a subject only
/// stray articles speak of (another conflict, another country's news) gets no section. Those
/// articles stay among the briefing's sources.
fn fed_by_a_story(analysis: &Analysis, list: &[(ClusterId, f64)]) -> bool {
    list.iter().any(|&(c, _)| !analysis.stray(c))
}

/// How many facts a subject gets: `base` for one covered by a quarter of the articles the best
/// covered one is, twice `base` for the best covered, growing with the square root between (a
/// country in twenty articles gets more than one in two), and at least one.
pub(super) fn section_size(base: usize, articles: usize, widest: usize) -> usize {
    let share = articles as f64 / widest as f64;
    ((2.0 * base as f64 * share.sqrt()).round() as usize).clamp(1, 2 * base)
}

/// Keeps the sections of the most covered countries only (the period's mentions, then the
/// name), and every bloc's.
fn keep_most_covered(
    facts: &mut BTreeMap<Subject, Vec<ClusterId>>,
    mentions: &BTreeMap<usize, usize>,
    analysis: &Analysis,
) {
    let g = analysis.input.gazetteer;
    let mut ranked: Vec<(usize, usize)> = facts
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
    let kept: BTreeSet<usize> = ranked
        .iter()
        .take(analysis.input.sizes.countries)
        .map(|r| r.0)
        .collect();
    facts.retain(|k, _| match k {
        Subject::Country(c) => kept.contains(c),
        Subject::Bloc(_) => true,
    });
}
