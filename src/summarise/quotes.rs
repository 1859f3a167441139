//! Quotes: each attributed quote of the period once, with every source that carries it and the
//! speaker most of them give, ranked by sources, the speaker's centrality and office, and the
//! centrality of the words.

use super::analysis::Analysis;
use super::citations::Citations;
use super::facts::{self, WordHashes};
use super::people::{PersonId, Registry};
use crate::extract::quotes::QuoteMention;
use crate::gazetteer::Gazetteer;
use crate::hashing::UnionFind;
use crate::model::Quote;
use crate::text::fold;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The person who said a quote: its speaker's name resolved in the registry, or the one person
/// holding the role it was given by (of that country, or named in that article).
pub(super) fn speaker_of(
    a: usize,
    q: &QuoteMention,
    registry: &Registry,
    g: &Gazetteer,
) -> Option<PersonId> {
    if let Some(name) = &q.speaker {
        return registry.by_name(name);
    }
    let role = q.by_role.as_ref()?;
    match role.country {
        Some(country) => registry.by_role(g, &role.role, country, &BTreeSet::from([a])),
        None => registry.in_article_by_role(g, &role.role, a),
    }
}

/// A quote of article `a` as the model shows it, with the person of the registry who said it;
/// none without a speaker.
pub(super) fn make_quote(
    a: usize,
    q: &QuoteMention,
    analysis: &Analysis,
    citations: &Citations,
) -> Option<(Quote, Option<PersonId>)> {
    let (g, registry) = (analysis.input.gazetteer, &analysis.registry);
    let id = speaker_of(a, q, registry, g);
    let person = id.map(|p| registry.person(p));
    // A speaker no mention shows as a person (a medium, a company) is no speaker.
    if person.is_some_and(|p| !p.typed) {
        return None;
    }
    let speaker = person
        .map(|p| p.name.clone())
        .or_else(|| q.speaker.clone())?;
    let quote = Quote {
        text: analysis.input.articles[a].body[q.start..q.end].to_string(),
        speaker: Some(speaker),
        speaker_role: person.and_then(|p| p.role().map(str::to_string)),
        speaker_country_iso3: person.and_then(|p| p.country().map(|c| g.countries[c].iso3.clone())),
        sources: citations.ids_of([a]),
    };
    Some((quote, id))
}

/// What a quote gains when its speaker holds a leading office (a head of state or government,
/// a minister): the central actors speak before their spokesmen and commentators.
pub(super) const LEADER_WEIGHT: f64 = 1.0;

/// At most this many quotes of one speaker, so that the section hears several voices.
pub(super) const QUOTES_PER_SPEAKER: usize = 3;

/// Attributed quotes of the period's articles, the same words from several sources once, ranked
/// by how many sources carry them, how central their speaker is to the corpus (the articles
/// that name them) and how central their words are.
pub(super) fn quotes(analysis: &Analysis, citations: &Citations) -> Vec<Quote> {
    let article_of: HashMap<&str, usize> = citations.iter().map(|(a, id)| (id, a)).collect();
    let headlined = |quote: &Quote, words: &[u64]| {
        let words = WordHashes::new(words.to_vec());
        quote
            .sources
            .iter()
            .filter_map(|s| article_of.get(s.as_str()))
            .any(|&a| analysis.in_title(a, &words))
    };
    let mut scored: Vec<(f64, Quote)> = one_per_wording(versions(analysis, citations))
        .into_iter()
        .map(|(quote, person)| {
            let words = facts::content_words(&quote.text);
            let headline = if headlined(&quote, &words) {
                HEADLINE_QUOTE
            } else {
                0.0
            };
            (score(analysis, &quote, &words, person) + headline, quote)
        })
        .collect();
    scored.sort_by(|(sa, a), (sb, b)| {
        sb.total_cmp(sa)
            .then_with(|| a.speaker.cmp(&b.speaker))
            .then_with(|| a.text.cmp(&b.text))
    });
    several_voices(scored, analysis.input.sizes.quotes)
}

/// What a quote gains when an article that carries it puts its words in its title ("« Le risque
/// aujourd'hui, c'est la disparition du pays », met en garde Paris"): the article's own news.
const HEADLINE_QUOTE: f64 = 2.0;
/// Every attributed version of a quote in the cited articles of the period, in corpus order.
fn versions(analysis: &Analysis, citations: &Citations) -> Vec<(Quote, Option<PersonId>)> {
    let input = analysis.input;
    let mut versions = Vec::new();
    for (a, x) in input.extractions.iter().enumerate() {
        if !citations.contains(a) || !input.article_in_period(a) {
            continue;
        }
        versions.extend(
            x.entities
                .quotes
                .iter()
                .filter_map(|q| make_quote(a, q, analysis, citations)),
        );
    }
    versions
}

/// Each quote once: versions sharing either key (transitively) are one quote, with the first
/// version's words, every source, and the speaker most of them give (the first in name order
/// on a tie).
fn one_per_wording(versions: Vec<(Quote, Option<PersonId>)>) -> Vec<(Quote, Option<PersonId>)> {
    let mut groups = UnionFind::new(versions.len());
    let mut first_with: HashMap<String, usize> = HashMap::new();
    for (i, (quote, _)) in versions.iter().enumerate() {
        for key in quote_keys(&quote.text) {
            match first_with.get(&key) {
                Some(&j) => {
                    groups.union(i, j);
                }
                None => {
                    first_with.insert(key, i);
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, (Quote, Speakers)> = BTreeMap::new();
    for (i, (quote, person)) in versions.into_iter().enumerate() {
        let entry = by_root.entry(groups.find(i)).or_insert_with(|| {
            (
                Quote {
                    sources: Vec::new(),
                    ..quote.clone()
                },
                Speakers::new(),
            )
        });
        let speaker = quote.speaker.clone().unwrap_or_default();
        entry.1.entry(speaker).or_insert((0, person)).0 += 1;
        for s in quote.sources {
            if !entry.0.sources.contains(&s) {
                entry.0.sources.push(s);
            }
        }
    }
    by_root
        .into_values()
        .map(|(mut quote, speakers)| {
            let (name, (_, person)) = speakers
                .into_iter()
                .max_by(|(na, (a, _)), (nb, (b, _))| a.cmp(b).then_with(|| nb.cmp(na)))
                .expect("a quote has a speaker");
            quote.speaker = Some(name);
            (quote, person)
        })
        .collect()
}

/// How high a quote ranks: its sources, how many articles name its speaker, how central its
/// words are, whether it is a whole statement, and whether its speaker leads.
fn score(analysis: &Analysis, quote: &Quote, words: &[u64], person: Option<PersonId>) -> f64 {
    let registry = &analysis.registry;
    let articles = analysis.input.articles.len().max(1) as f64;
    let named_in = person.map_or(1, |p| registry.person(p).articles.len()) as f64;
    let central = words
        .iter()
        .map(|w| f64::from(analysis.df.get(w).copied().unwrap_or(0)) / articles)
        .sum::<f64>()
        / words.len().max(1) as f64;
    let leads = person
        .and_then(|p| registry.person(p).role())
        .is_some_and(|r| analysis.input.gazetteer.leads(r));
    (1.0 + quote.sources.len() as f64).ln()
        + (1.0 + named_in).ln()
        + 2.0 * central
        + statement(&quote.text)
        + if leads { LEADER_WEIGHT } else { 0.0 }
}

/// What a quote gains when its speaker is the first official of their country to be heard:
/// each government's position before a fourth word of the same one.
pub(super) const FIRST_OF_COUNTRY: f64 = 1.0;

/// Picks `wanted` quotes, best first, an official whose country is not yet heard gaining
/// `FIRST_OF_COUNTRY`, and never more than `QUOTES_PER_SPEAKER` of one speaker.
pub(super) fn several_voices(mut pool: Vec<(f64, Quote)>, wanted: usize) -> Vec<Quote> {
    let mut chosen: Vec<Quote> = Vec::new();
    let mut per_speaker: HashMap<String, usize> = HashMap::new();
    let mut countries: BTreeSet<String> = BTreeSet::new();
    while chosen.len() < wanted {
        let times = |q: &Quote| {
            per_speaker
                .get(q.speaker.as_deref().unwrap_or_default())
                .copied()
                .unwrap_or(0)
        };
        let best = pool
            .iter()
            .enumerate()
            .filter(|(_, (_, q))| times(q) < QUOTES_PER_SPEAKER)
            .map(|(i, (score, q))| {
                let first = q.speaker_role.is_some()
                    && q.speaker_country_iso3
                        .as_ref()
                        .is_some_and(|c| !countries.contains(c));
                (i, score + if first { FIRST_OF_COUNTRY } else { 0.0 })
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((at, _)) = best else { break };
        let (_, quote) = pool.remove(at);
        *per_speaker
            .entry(quote.speaker.clone().unwrap_or_default())
            .or_default() += 1;
        if quote.speaker_role.is_some() {
            countries.extend(quote.speaker_country_iso3.clone());
        }
        chosen.push(quote);
    }
    chosen
}

/// A whole statement (a sentence of eight words or more, opening with a capital) is worth more
/// than a few words quoted inside a reporter's sentence ("a qualifié le projet de « pari risqué »").
pub(super) fn statement(text: &str) -> f64 {
    let words = text.split_whitespace().count();
    let capital = text.chars().next().is_some_and(char::is_uppercase);
    match (words >= 8, capital) {
        (true, true) => 1.0,
        (true, false) => 0.5,
        _ => 0.0,
    }
}

/// The speakers articles give one quote: name → (articles, person in the registry).
pub(super) type Speakers = BTreeMap<String, (usize, Option<PersonId>)>;

/// The keys of a quote carried twice with a word changed or inserted: its first six and last
/// three words ("… promesses (de réforme, ndlr) faites …" is the same quote), and its first
/// three and last three with its length in steps of five words ("peut" / "pouvait"). "Nous
/// appelons toutes les parties à faire preuve de retenue" and "… à respecter la trêve" are two.
pub(super) fn quote_keys(text: &str) -> [String; 2] {
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
