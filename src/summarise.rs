//! Stage 3, extraction → briefing model. Picks, for each country, the sentences that speak of it,
//! most informative first, each a fact citing every source that carries the same sentence. Pure:
//! the date and the period come in as data.

use crate::corpus::Article;
use crate::dates::{PartialDate, Precision};
use crate::extract::{ArticleExtraction, Sentence};
use crate::gazetteer::{Gazetteer, MentionKind};
use crate::model::*;
use crate::text::{fold, squeeze_spaces};
use crate::warning::Warning;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How much the briefing says.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub facts_per_country: usize,
    pub key_points: usize,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            facts_per_country: 6,
            key_points: 5,
        }
    }
}

/// Everything the summariser needs; nothing from the outside world.
pub struct Input<'a> {
    pub date: NaiveDate,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub articles: &'a [Article],
    pub extractions: &'a [ArticleExtraction],
    pub gazetteer: &'a Gazetteer,
    pub sizes: Sizes,
    pub files_seen: usize,
    pub warnings: &'a [Warning],
}

/// Sentences shorter or longer than this are not offered as facts.
const FACT_CHARS: std::ops::RangeInclusive<usize> = 40..=600;

/// One candidate fact: a distinct sentence text, with every place it occurs.
struct Candidate {
    text: String,
    /// (article index, sentence)
    occurrences: Vec<(usize, Sentence)>,
    score: f64,
}

pub fn summarise(input: &Input) -> Briefing {
    let ids: Vec<String> = (1..=input.articles.len())
        .map(|n| format!("S{n}"))
        .collect();
    let candidates = candidates(input);

    // Country → indices of candidates that speak of it, with their score for that country.
    let mut by_country: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
    for (index, candidate) in candidates.iter().enumerate() {
        let (article, sentence) = &candidate.occurrences[0];
        let text = &input.articles[*article].body[sentence.start..sentence.end];
        for (country, weight) in country_weights(sentence, text.len()) {
            by_country
                .entry(country)
                .or_default()
                .push((candidate.score + weight, index));
        }
    }

    let mut countries: Vec<CountrySection> = by_country
        .into_iter()
        .map(|(country, mut scored)| {
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mentions = scored.len();
            let facts = scored
                .iter()
                .take(input.sizes.facts_per_country)
                .map(|&(_, i)| fact(&candidates[i], input.articles, &ids))
                .collect();
            let c = &input.gazetteer.countries[country];
            CountrySection {
                name: c.name.clone(),
                iso3: c.iso3.clone(),
                mentions,
                facts,
            }
        })
        .collect();
    countries.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });

    let key_points = key_points(&candidates, &countries, input.sizes.key_points);
    let sources = sources(input.articles, &ids, &countries, &key_points);
    let mut warnings: Vec<String> = input.warnings.iter().map(ToString::to_string).collect();
    for article in input.articles.iter().filter(|a| a.published.is_none()) {
        warnings.push(format!(
            "{}: undated (no publication date found); kept",
            article.file
        ));
    }

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
        corpus: corpus_summary(input),
        sources,
        key_points,
        countries,
        blocs: Vec::new(),
        meetings: Vec::new(),
        people: Vec::new(),
        quotes: Vec::new(),
        timeline: Vec::new(),
        warnings,
    }
}

/// Distinct sentences that name at least one country, merged across articles, scored.
fn candidates(input: &Input) -> Vec<Candidate> {
    let mut by_text: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Candidate> = Vec::new();
    for (article_index, (article, extraction)) in
        input.articles.iter().zip(input.extractions).enumerate()
    {
        for sentence in &extraction.sentences {
            let text = &article.body[sentence.start..sentence.end];
            if sentence.countries.is_empty() || !FACT_CHARS.contains(&text.chars().count()) {
                continue;
            }
            let key = fold(&squeeze_spaces(text));
            let index = *by_text.entry(key).or_insert_with(|| {
                out.push(Candidate {
                    text: squeeze_spaces(text),
                    occurrences: Vec::new(),
                    score: informativeness(text, sentence.paragraph),
                });
                out.len() - 1
            });
            let candidate = &mut out[index];
            if !candidate
                .occurrences
                .iter()
                .any(|(a, _)| *a == article_index)
            {
                candidate
                    .occurrences
                    .push((article_index, sentence.clone()));
            }
        }
    }
    for candidate in &mut out {
        // Corroboration: each further source adds weight.
        candidate.score += 1.5 * (candidate.occurrences.len() as f64 - 1.0);
    }
    out
}

/// How much a sentence tells, independent of any country: named people and places, numbers,
/// quotes, an early position in the article, a readable length.
fn informativeness(text: &str, paragraph: usize) -> f64 {
    let words: Vec<&str> = text.split_whitespace().collect();
    let proper = words
        .iter()
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let numbers = words
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .count();
    let quoted = text.contains('«') || text.contains('“');
    let length = text.chars().count();
    let mut score = 0.4 * proper.min(6) as f64 + 0.6 * numbers.min(3) as f64;
    score += if quoted { 0.5 } else { 0.0 };
    score += 1.5 / (1.0 + paragraph as f64);
    if length < 80 {
        score -= 1.0;
    }
    if length > 350 {
        score -= 0.5;
    }
    score
}

/// For each country a sentence names, how much the sentence is about it: named rather than
/// qualified by an adjective, named early (as a subject), named more than once.
fn country_weights(sentence: &Sentence, length: usize) -> Vec<(usize, f64)> {
    let mut weights: BTreeMap<usize, f64> = BTreeMap::new();
    for mention in &sentence.countries {
        let kind = match mention.kind {
            MentionKind::Name => 1.0,
            MentionKind::Capital => 0.8,
            MentionKind::Adjective => 0.6,
        };
        let offset = (mention.start - sentence.start) as f64 / length.max(1) as f64;
        let early = if offset < 0.3 { 0.5 } else { 0.0 };
        *weights.entry(mention.country).or_default() += kind + early;
    }
    weights.into_iter().collect()
}

fn fact(candidate: &Candidate, articles: &[Article], ids: &[String]) -> Fact {
    let mut occurrences: Vec<&(usize, Sentence)> = candidate.occurrences.iter().collect();
    occurrences.sort_by_key(|(a, _)| *a);
    let first = occurrences[0].0;
    let date = articles[first].published;
    Fact {
        text: candidate.text.clone(),
        sources: occurrences.iter().map(|(a, _)| ids[*a].clone()).collect(),
        date,
        date_precision: date.map_or(Precision::Unknown, |d: PartialDate| d.precision()),
        spans: occurrences
            .iter()
            .map(|(a, s)| Span {
                source: ids[*a].clone(),
                start: s.start,
                end: s.end,
            })
            .collect(),
    }
}

/// The most informative facts of the whole briefing, at most one per country first, then the
/// best of the rest.
fn key_points(candidates: &[Candidate], countries: &[CountrySection], wanted: usize) -> Vec<Fact> {
    let score_of: HashMap<&str, f64> = candidates
        .iter()
        .map(|c| (c.text.as_str(), c.score))
        .collect();
    let mut pool: Vec<(f64, usize, &Fact)> = Vec::new();
    for section in countries {
        for (rank, fact) in section.facts.iter().enumerate() {
            pool.push((score_of[fact.text.as_str()], rank, fact));
        }
    }
    pool.sort_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)));
    let mut chosen: Vec<Fact> = Vec::new();
    for (_, _, fact) in pool {
        if chosen.len() == wanted {
            break;
        }
        if !chosen.iter().any(|f| f.text == fact.text) {
            chosen.push(fact.clone());
        }
    }
    chosen
}

fn sources(
    articles: &[Article],
    ids: &[String],
    countries: &[CountrySection],
    key_points: &[Fact],
) -> Vec<Source> {
    let mut cited: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let all_facts = countries.iter().flat_map(|c| &c.facts).chain(key_points);
    for fact in all_facts {
        for source in &fact.sources {
            cited
                .entry(source.as_str())
                .or_default()
                .insert(fact.text.as_str());
        }
    }
    articles
        .iter()
        .zip(ids)
        .map(|(a, id)| Source {
            id: id.clone(),
            file: a.file.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            author: a.author.clone(),
            url: a.url.clone(),
            published: a.published,
            published_precision: a.published_precision(),
            published_from: a.published_from.clone(),
            language: a.language.clone(),
            line: a.line,
            duplicates: a.duplicates.clone(),
            relayed: a.relayed.clone(),
            cited_by: cited.get(id.as_str()).map_or(0, BTreeSet::len),
        })
        .collect()
}

fn corpus_summary(input: &Input) -> CorpusSummary {
    let outlets: BTreeSet<&str> = input
        .articles
        .iter()
        .filter_map(|a| a.outlet.as_deref())
        .collect();
    let languages: BTreeSet<String> = input.articles.iter().map(|a| a.language.clone()).collect();
    let mut hash = Fnv64::default();
    for article in input.articles {
        hash.write(article.file.as_bytes());
        hash.write(&[0]);
        hash.write(article.body.as_bytes());
        hash.write(&[0]);
    }
    CorpusSummary {
        files: input.files_seen,
        articles: input.articles.len(),
        outlets: outlets.len(),
        languages: languages.into_iter().collect(),
        hash: format!("{:016x}", hash.0),
    }
}

/// FNV-1a, 64 bits: a stable fingerprint of the corpus, the same on every machine.
struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Whether an article belongs to the period: undated articles always do (and are flagged);
/// a dated one does if any day it may have been published falls inside.
pub fn in_window(article: &Article, since: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
    match article.published {
        None => true,
        Some(date) => {
            since.is_none_or(|s| date.last_day() >= s)
                && until.is_none_or(|u| date.first_day() <= u)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::scraped;
    use crate::extract::extract;

    fn briefing(texts: &[&str]) -> Briefing {
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| scraped::parse(t, false).finish(&format!("{i}.txt"), None, "text"))
            .collect();
        let g = Gazetteer::shipped();
        let extractions = extract(&articles, g);
        summarise(&Input {
            date: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            since: None,
            until: None,
            articles: &articles,
            extractions: &extractions,
            gazetteer: g,
            sizes: Sizes::default(),
            files_seen: texts.len(),
            warnings: &[],
        })
    }

    #[test]
    fn one_sentence_in_two_articles_is_one_fact_with_two_sources() {
        let s = "Le gouvernement du Tchad a signé mardi un accord de défense avec le Japon à N'Djamena.";
        let b = briefing(&[s, &format!("Autre chose encore ici.\n{s}")]);
        let chad = b.countries.iter().find(|c| c.iso3 == "TCD").unwrap();
        assert_eq!(chad.facts.len(), 1);
        assert_eq!(chad.facts[0].sources, ["S1", "S2"]);
        assert_eq!(chad.facts[0].spans.len(), 2);
    }

    #[test]
    fn spans_point_at_the_fact_text() {
        let text = "Premier paragraphe sans pays du tout, mais assez long.\n\nLe Pérou et le Chili ont conclu un traité frontalier à Lima après dix ans de négociations.";
        let article = scraped::parse(text, false).finish("a.txt", None, "text");
        let b = briefing(&[text]);
        let fact = &b.countries[0].facts[0];
        let span = &fact.spans[0];
        assert_eq!(&article.body[span.start..span.end], fact.text);
    }

    #[test]
    fn the_country_named_most_comes_first() {
        let b = briefing(&["Le Ghana a voté une loi sur les mines d'or du pays hier soir.\nLe Ghana et le Togo discutent de leur frontière commune depuis 2019.\nLe président du Ghana a reçu trois ministres du Togo à Accra."]);
        assert_eq!(b.countries[0].iso3, "GHA");
        assert_eq!(b.countries[1].iso3, "TGO");
    }

    #[test]
    fn window_keeps_undated_and_overlapping_months() {
        let mut a =
            scraped::parse("date 2024-12 Titre\n\nTexte.", false).finish("a.txt", None, "text");
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert!(in_window(&a, d("2024-12-15"), None));
        assert!(!in_window(&a, d("2025-01-01"), None));
        assert!(!in_window(&a, None, d("2024-11-30")));
        a.published = None;
        assert!(in_window(&a, d("2030-01-01"), None));
    }
}
