//! The country and bloc sections, each with its chosen facts (the most covered countries
//! first, the blocs with the most facts first), and the people of the briefing: everyone a
//! cited article names.

use super::analysis::Analysis;
use super::citations::Citations;
use super::fact::make_fact;
use super::people;
use super::selection::{Selection, Subject};
use crate::model::{BlocSection, CountrySection, Fact, Named, Person};

/// The country sections and the bloc sections.
pub(super) fn countries_and_blocs(
    analysis: &Analysis,
    citations: &Citations,
    selection: &Selection,
) -> (Vec<CountrySection>, Vec<BlocSection>) {
    let mut countries: Vec<CountrySection> = Vec::new();
    let mut blocs: Vec<BlocSection> = Vec::new();
    for (key, chosen) in &selection.facts {
        let facts: Vec<Fact> = chosen
            .iter()
            .map(|&c| make_fact(analysis, citations, c, analysis.cluster_date(c)))
            .collect();
        match *key {
            Subject::Country(country) => {
                countries.push(country_section(
                    analysis, citations, selection, country, facts,
                ));
            }
            Subject::Bloc(b) => blocs.push(bloc_section(analysis, citations, b, facts)),
        }
    }
    countries.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    countries.truncate(analysis.input.sizes.countries);
    blocs.sort_by(|a, b| {
        b.facts
            .len()
            .cmp(&a.facts.len())
            .then_with(|| a.short.cmp(&b.short))
    });
    (countries, blocs)
}

/// A country's section: its facts, and the people of the country the cited articles name.
fn country_section(
    analysis: &Analysis,
    citations: &Citations,
    selection: &Selection,
    country: usize,
    facts: Vec<Fact>,
) -> CountrySection {
    let people: Vec<Named> = cited_people(analysis, citations)
        .filter(|p| p.country() == Some(country))
        .map(|p| Named {
            name: p.name.clone(),
            role: p.role().map(str::to_string),
        })
        .collect();
    let c = &analysis.input.gazetteer.countries[country];
    CountrySection {
        name: c.name.clone(),
        iso3: c.iso3.clone(),
        mentions: selection.mentions_of(country),
        facts,
        people,
    }
}

/// A bloc's section: its facts and its members.
fn bloc_section(
    analysis: &Analysis,
    citations: &Citations,
    bloc: usize,
    facts: Vec<Fact>,
) -> BlocSection {
    let g = analysis.input.gazetteer;
    let o = &g.organisations[bloc];
    // Its officials: the people the cited articles name in one of its offices.
    let people = cited_people(analysis, citations)
        .filter(|p| p.organisation() == Some(bloc))
        .map(|p| Named {
            name: p.name.clone(),
            role: p.role().map(str::to_string),
        })
        .collect();
    BlocSection {
        people,
        name: o.name.clone(),
        short: o.short.clone(),
        members: o
            .members
            .iter()
            .map(|&m| g.countries[m].iso3.clone())
            .collect(),
        facts,
    }
}

/// Everyone a cited article names, with the sources that name them.
pub(super) fn people(analysis: &Analysis, citations: &Citations) -> Vec<Person> {
    let g = analysis.input.gazetteer;
    cited_people(analysis, citations)
        .map(|p| Person {
            name: p.name.clone(),
            role: p.role().map(str::to_string),
            country_iso3: p.country().map(|c| g.countries[c].iso3.clone()),
            organisation: p.organisation().map(|o| g.organisations[o].short.clone()),
            sources: citations.ids_of(p.articles.iter().copied()),
        })
        .collect()
}

/// The people of the registry a cited article names, in the registry's order: only those
/// some mention shows as a person (a given name, a title, a role).
fn cited_people<'a>(
    analysis: &'a Analysis,
    citations: &'a Citations,
) -> impl Iterator<Item = &'a people::Person> + 'a {
    analysis
        .registry
        .people()
        .filter(|p| p.typed && p.articles.iter().any(|&a| citations.contains(a)))
}
