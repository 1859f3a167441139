//! Candidate facts: sentences that say something about a country, a bloc or a meeting, merged
//! across articles when they say the same thing (near-duplicate sentences found by MinHash with
//! LSH buckets, never all pairs), scored for importance and selected without redundancy (MMR).

use super::paraphrase;
use super::people::{PersonId, Registry};
use crate::corpus::Article;
use crate::extract::{ArticleExtraction, Sentence};
use crate::gazetteer::{Gazetteer, MentionKind, OrgKind};
use crate::hashing::{mix, UnionFind};
use crate::lexicon::Lexicon;
use crate::text::{fold, word_hashes, word_ranges};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Sentences shorter or longer than this (in characters) are not facts.
pub const FACT_CHARS: std::ops::RangeInclusive<usize> = 40..=450;

/// One sentence of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place {
    pub article: usize,
    pub sentence: usize,
}

/// A cluster of the corpus: its place among the clusters. Ids order clusters as the corpus
/// does (by their first sentence), which tie-breaks rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClusterId(usize);

/// Every cluster of the corpus, and the cluster each eligible sentence belongs to.
#[derive(Debug, Default)]
pub struct Clusters {
    list: Vec<Cluster>,
    of: HashMap<Place, ClusterId>,
}

impl Clusters {
    pub fn get(&self, id: ClusterId) -> &Cluster {
        &self.list[id.0]
    }

    /// Every cluster with its id, in the corpus order of their first sentences.
    pub fn iter(&self) -> impl Iterator<Item = (ClusterId, &Cluster)> {
        self.list.iter().enumerate().map(|(i, c)| (ClusterId(i), c))
    }

    /// The cluster a sentence belongs to, if it is eligible as a fact.
    pub fn of(&self, place: Place) -> Option<ClusterId> {
        self.of.get(&place).copied()
    }
}

/// Sentences that say the same thing, from one or more articles.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// Every occurrence, one per article at most, in corpus order.
    pub members: Vec<Place>,
    /// The member whose wording is shown.
    pub best: Place,
    pub score: f64,
    /// Countries (indices) the sentence is about, with how much.
    pub about: BTreeMap<usize, f64>,
    /// Blocs (organisation indices) the sentence is about as a whole.
    pub blocs: Vec<usize>,
    pub words: WordHashes,
    /// The day and the places and people of what the shown sentence reports, when it dates it.
    pub event: Option<Event>,
}

/// What happened where, with whom, on a given day: two facts that share the day and a place or
/// a person most likely report one event, in whatever words ("ont pris la ville mardi" and "la
/// ville est tombée mardi").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub day: chrono::NaiveDate,
    pub anchors: BTreeSet<Anchor>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Anchor {
    /// A city (index into the city gazetteer).
    Place(usize),
    /// A capital, by its country ("au Caire", "Ankara a exigé").
    Capital(usize),
    /// A person of the registry.
    Person(PersonId),
}

impl Event {
    /// The sentence's own day, or else its article's: news is told the day it happens.
    fn of(
        articles: &[Article],
        x: &[ArticleExtraction],
        p: &Place,
        registry: &Registry,
    ) -> Option<Event> {
        let ex = &x[p.article];
        let s = &ex.sentences[p.sentence];
        let own = ex
            .dates_in(s)
            .find(|d| d.precision == crate::dates::Precision::Day && d.from == d.to)
            .map(|d| d.from);
        let published = articles[p.article]
            .published
            .filter(|d| d.precision() == crate::dates::Precision::Day)
            .map(|d| d.first_day());
        let day = own.or(published)?;
        let first = ex.entities.people.partition_point(|m| m.start < s.start);
        let people = ex
            .people_in(s)
            .enumerate()
            .filter_map(|(k, _)| registry.of(p.article, first + k))
            .map(Anchor::Person);
        let places = s.places.iter().map(|m| Anchor::Place(m.city));
        let capitals = s
            .countries
            .iter()
            .filter(|m| m.kind == MentionKind::Capital)
            .map(|m| Anchor::Capital(m.country));
        let anchors: BTreeSet<Anchor> = people.chain(places).chain(capitals).collect();
        (!anchors.is_empty()).then_some(Event { day, anchors })
    }

    fn same(a: Option<&Event>, b: Option<&Event>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => a.day == b.day && !a.anchors.is_disjoint(&b.anchors),
            _ => false,
        }
    }
}

/// Clusters every eligible sentence of the corpus.
pub fn clusters(
    articles: &[Article],
    x: &[ArticleExtraction],
    g: &Gazetteer,
    registry: &Registry,
    blocs_in_corpus: &BTreeSet<usize>,
    df: &HashMap<u64, u32>,
) -> Clusters {
    let places = eligible(articles, x);
    let text_of = |p: &Place| {
        let s = &x[p.article].sentences[p.sentence];
        &articles[p.article].body[s.start..s.end]
    };
    let signatures: Vec<[u64; HASHES]> = places.par_iter().map(|p| signature(text_of(p))).collect();
    let bags: Vec<paraphrase::Bag> = places
        .par_iter()
        .map(|p| paraphrase::bag(text_of(p), p.article))
        .collect();
    let groups = group(&signatures, &paraphrase::pairs(&bags));

    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, root) in groups.iter().enumerate() {
        by_root.entry(*root).or_default().push(i);
    }
    let mut out = Clusters::default();
    for members in by_root.values() {
        let id = ClusterId(out.list.len());
        let mut chosen: Vec<Place> = Vec::new();
        for &i in members {
            if !chosen.iter().any(|p| p.article == places[i].article) {
                chosen.push(places[i]);
            }
        }
        chosen.sort();
        let best = *chosen
            .iter()
            .max_by(|a, b| {
                let (sa, sb) = (specificity(articles, x, a), specificity(articles, x, b));
                sa.total_cmp(&sb).then_with(|| b.cmp(a))
            })
            .expect("a cluster has members");
        let words = WordHashes::new(content_words(text_of(&best)));
        let score = score(articles, x, df, &best, &chosen, &words);
        let (about, blocs) = aboutness(x, &best, g, registry, blocs_in_corpus);
        let event = Event::of(articles, x, &best, registry);
        for p in &chosen {
            out.of.insert(*p, id);
        }
        for &i in members {
            out.of.entry(places[i]).or_insert(id);
        }
        out.list.push(Cluster {
            members: chosen,
            best,
            score,
            about,
            blocs,
            words,
            event,
        });
    }
    out
}

/// The sentences that may be facts: complete, of a fact's length, naming a country, an
/// organisation or a place; in corpus order.
fn eligible(articles: &[Article], x: &[ArticleExtraction]) -> Vec<Place> {
    let mut places = Vec::new();
    for (a, (article, ex)) in articles.iter().zip(x).enumerate() {
        for (s, sentence) in ex.sentences.iter().enumerate() {
            let text = &article.body[sentence.start..sentence.end];
            let length = text.chars().count();
            // Pieces of an overlong passage are read for what they name, never shown.
            let complete =
                !sentence.cut && text.ends_with(['.', '!', '?', '…', '»', '"', '”', ')']);
            if complete
                && FACT_CHARS.contains(&length)
                && !caption(text)
                && (!sentence.countries.is_empty()
                    || !sentence.organisations.is_empty()
                    || !sentence.places.is_empty())
            {
                places.push(Place {
                    article: a,
                    sentence: s,
                });
            }
        }
    }
    places
}

/// Words after a photo caption's date: the place the picture was taken ("…, le 16 janvier 2020
/// sur la base aérienne 123 d'Orléans-Bricy (Loiret).").
const CAPTION_TAIL_WORDS: usize = 12;

/// A photo caption: a sentence that ends on ", le" and a date written with its year, then at most
/// a place ("Emmanuel Macron accueille X à l'Élysée, le 22 juin 2020 à Paris."). Running news
/// leaves the year out of the days it tells; a caption says who, where and when, and no news.
pub fn caption(text: &str) -> bool {
    let Some(at) = text.rfind(", le ") else {
        return false;
    };
    let tail = fold(&text[at + 5..]);
    let words: Vec<&str> = word_ranges(&tail).map(|r| &tail[r]).collect();
    let day = |w: &str| w == "1er" || (w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()));
    let year = |w: &str| (3..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    words.len() <= CAPTION_TAIL_WORDS
        && words.len() >= 3
        && day(words[0])
        && Lexicon::get().months.form(words[1]).is_some()
        && year(words[2])
}

/// How important a cluster is: how central its words are to the corpus, how specific its
/// shown sentence is, how many origins and articles carry it, how early it stands, and whether
/// it is news rather than background.
fn score(
    articles: &[Article],
    x: &[ArticleExtraction],
    df: &HashMap<u64, u32>,
    best: &Place,
    members: &[Place],
    words: &WordHashes,
) -> f64 {
    let n_articles = articles.len().max(1) as f64;
    let centrality = if words.is_empty() {
        0.0
    } else {
        words
            .iter()
            .map(|w| (1.0 + f64::from(*df.get(w).unwrap_or(&1))).ln() / (1.0 + n_articles).ln())
            .sum::<f64>()
            / (words.len() as f64).sqrt()
    };
    let origins = origins(articles, members.iter().map(|p| p.article));
    let sentence = &x[best.article].sentences[best.sentence];
    let position = 1.0 / (1.0 + sentence.paragraph as f64);
    // Independent origins say how sure a fact is; the articles that repeat it, even from one
    // wire on several days, say how central it is to the story.
    1.5 * centrality
        + specificity(articles, x, best)
        + 1.5 * (1.0 + origins as f64).log2()
        + (members.len() as f64).log2()
        + position
        + if news(articles, x, best) { NEWS } else { 0.0 }
        - if background(articles, x, best) {
            4.0
        } else {
            0.0
        }
}

/// Named people, numbers, dates, decisions and quotes make a sentence specific.
pub fn specificity(articles: &[Article], x: &[ArticleExtraction], p: &Place) -> f64 {
    let ex = &x[p.article];
    let s = &ex.sentences[p.sentence];
    let text = &articles[p.article].body[s.start..s.end];
    let people = ex.people_in(s).count();
    let dates = ex.dates_in(s).count();
    let numbers = text
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .count();
    let folded = fold(text);
    let decision = Lexicon::get()
        .decision_phrases
        .iter()
        .any(|d| folded.contains(d));
    let quoted = text.contains(['«', '“', '"']);
    let length = text.chars().count();
    let mut score = people.min(3) as f64 + 0.5 * numbers.min(3) as f64 + 0.7 * dates.min(2) as f64;
    score += if decision { 1.0 } else { 0.0 } + if quoted { 0.4 } else { 0.0 };
    if length < 70 {
        score -= 1.0;
    }
    score
}

/// A background sentence, the history an article recalls rather than its news: it dates only
/// what is a year or more older than the article ("divisée depuis 2015", "la chute du régime en
/// 2011"). Wires repeat such paragraphs word for word, which would make them look corroborated.
pub fn background(articles: &[Article], x: &[ArticleExtraction], p: &Place) -> bool {
    let Some(published) = articles[p.article].published.map(|d| d.first_day()) else {
        return false;
    };
    let ex = &x[p.article];
    let s = &ex.sentences[p.sentence];
    let mut dates = ex.dates_in(s).peekable();
    dates.peek().is_some() && dates.all(|d| (published - d.from).num_days() > 365)
}

/// What reporting something that happened in the days around its article adds to a fact: a
/// briefing tells what happened, the history a wire recalls is context.
const NEWS: f64 = 1.5;

/// News: the sentence dates what it reports to a day within a fortnight of its article.
pub fn news(articles: &[Article], x: &[ArticleExtraction], p: &Place) -> bool {
    let Some(published) = articles[p.article].published.map(|d| d.first_day()) else {
        return false;
    };
    let ex = &x[p.article];
    let s = &ex.sentences[p.sentence];
    ex.dates_in(s).any(|d| {
        d.precision == crate::dates::Precision::Day && (published - d.from).num_days().abs() <= 14
    })
}

/// What being the sentence's subject adds to a country: a section tells what its country did.
const SUBJECT: f64 = 2.5;
/// What a mention in the first third of a sentence adds: the news is told first.
const EARLY: f64 = 0.5;

/// Sums what points to each country; the country pointed to first is the sentence's subject
/// ("Le ministre grec a annoncé…" is about Greece more than about the country it then names).
fn weigh(pointers: &[(usize, usize, f64)], start: usize, end: usize) -> BTreeMap<usize, f64> {
    let length = (end - start).max(1) as f64;
    let subject = pointers.iter().min_by_key(|p| p.0).map(|p| p.1);
    let mut about: BTreeMap<usize, f64> = BTreeMap::new();
    for &(at, country, weight) in pointers {
        let early = if ((at - start) as f64) / length < 0.35 {
            EARLY
        } else {
            0.0
        };
        *about.entry(country).or_default() += weight + early;
    }
    if let Some(country) = subject {
        *about.entry(country).or_default() += SUBJECT;
    }
    about
}

/// How much the sentence is about each country it names (a name counts more than an
/// adjective, an early mention more than a late one), and the blocs it is about as a whole.
/// Facts about a bloc go to the bloc, not to each member.
fn aboutness(
    x: &[ArticleExtraction],
    p: &Place,
    g: &Gazetteer,
    registry: &Registry,
    blocs_in_corpus: &BTreeSet<usize>,
) -> (BTreeMap<usize, f64>, Vec<usize>) {
    let s = &x[p.article].sentences[p.sentence];
    let mut about = weigh(&pointers(x, p, g, registry), s.start, s.end);
    let mut blocs = blocs_as_a_whole(s, g, &about, blocs_in_corpus);
    for &b in &blocs {
        for m in &g.organisations[b].members {
            about.remove(m);
        }
    }
    // International organisations (the UN, NATO, an NGO) have their own section too; their
    // facts stay with the countries they name as well.
    blocs.extend(s.organisations.iter().map(|o| o.org).filter(|o| {
        blocs_in_corpus.contains(o) && g.organisations[*o].kind == OrgKind::Organisation
    }));
    blocs.sort();
    blocs.dedup();
    // A passing mention (an adjective late in the sentence) is not what the sentence is about.
    about.retain(|_, w| *w >= 0.9);
    (about, blocs)
}

/// Each thing in the sentence that points to a country: where it stands, the country, and how
/// strongly it points.
fn pointers(
    x: &[ArticleExtraction],
    p: &Place,
    g: &Gazetteer,
    registry: &Registry,
) -> Vec<(usize, usize, f64)> {
    let s = &x[p.article].sentences[p.sentence];
    let mut pointers: Vec<(usize, usize, f64)> = Vec::new();
    for m in &s.countries {
        let kind = match m.kind {
            MentionKind::Name => 1.0,
            MentionKind::Capital => 0.8,
            MentionKind::Adjective => 0.6,
        };
        pointers.push((m.start, m.country, kind));
    }
    // A town where something happens makes the sentence about its country, wherever it stands
    // ("les combats ont repris à Kati"), unless the sentence names the country there.
    let cities = g.cities();
    for m in &s.places {
        if !s
            .countries
            .iter()
            .any(|c| c.start < m.end && m.start < c.end)
        {
            pointers.push((m.start, cities.city(m.city).country, 0.9));
        }
    }
    // A national body or an armed group of one country (a government, an army) stands for it.
    for o in &s.organisations {
        let org = &g.organisations[o.org];
        let national = matches!(org.kind, OrgKind::National | OrgKind::ArmedGroup);
        if let ([country], true) = (org.members.as_slice(), national) {
            pointers.push((o.start, *country, 1.0));
        }
    }
    // What an official of a country says or does is about that country, even when the sentence
    // names only another one ("X a plaidé au Pérou pour…" is about X's country); a researcher's
    // nationality says nothing of the news.
    let people = &x[p.article].entities.people;
    let first = people.partition_point(|m| m.start < s.start);
    for (k, m) in people.iter().enumerate().skip(first) {
        if m.start >= s.end {
            break;
        }
        let official = registry
            .of(p.article, k)
            .map(|id| registry.person(id))
            .filter(|person| person.role().is_some())
            .and_then(|person| person.country());
        if let Some(country) = official {
            pointers.push((m.start, country, 0.9));
        }
    }
    pointers
}

/// The blocs the sentence is about as a whole: those it names, and those of the corpus all of
/// whose members it is about; the smallest only where they overlap.
fn blocs_as_a_whole(
    s: &Sentence,
    g: &Gazetteer,
    about: &BTreeMap<usize, f64>,
    blocs_in_corpus: &BTreeSet<usize>,
) -> Vec<usize> {
    let mut blocs: Vec<usize> = s
        .organisations
        .iter()
        .map(|o| o.org)
        .filter(|o| g.organisations[*o].kind == OrgKind::Bloc)
        .collect();
    // All members of a bloc the corpus speaks of, named together: the bloc is the subject.
    for &b in blocs_in_corpus {
        let members = &g.organisations[b].members;
        if members.len() >= 2
            && members.iter().all(|m| about.contains_key(m))
            && !blocs.contains(&b)
        {
            blocs.push(b);
        }
    }
    blocs.sort();
    blocs.dedup();
    // Keep the smallest blocs only: the AES, not also the CEDEAO it overlaps.
    let sizes: Vec<(usize, usize)> = blocs
        .iter()
        .map(|&b| (b, g.organisations[b].members.len()))
        .collect();
    blocs.retain(|b| {
        let members = &g.organisations[*b].members;
        !sizes.iter().any(|&(o, n)| {
            o != *b
                && n < members.len()
                && g.organisations[o]
                    .members
                    .iter()
                    .all(|m| members.contains(m))
        })
    });
    blocs
}

/// Distinct independent origins of a set of articles: a relayed wire counts once.
pub fn origins(articles: &[Article], members: impl Iterator<Item = usize>) -> usize {
    let mut seen = BTreeSet::new();
    for a in members {
        let article = &articles[a];
        let origin = article
            .relayed
            .first()
            .cloned()
            .or_else(|| article.outlet.clone())
            .unwrap_or_else(|| article.file.clone());
        seen.insert(fold(&origin));
    }
    seen.len()
}

/// Distinct outlets of a set of articles (unknown outlets count one per file).
pub fn outlets(articles: &[Article], members: impl Iterator<Item = usize>) -> usize {
    let seen: BTreeSet<String> = members
        .map(|a| {
            articles[a]
                .outlet
                .clone()
                .unwrap_or_else(|| articles[a].file.clone())
        })
        .collect();
    seen.len()
}

/// How rare each content word is in the corpus: a word few articles use weighs more when two
/// facts are compared.
pub struct Rarity<'a> {
    pub df: &'a HashMap<u64, u32>,
    pub articles: usize,
}

impl Rarity<'_> {
    fn weight(&self, word: &u64) -> f64 {
        let df = f64::from(self.df.get(word).copied().unwrap_or(1).max(1));
        (1.0 + self.articles as f64 / df).ln()
    }

    /// A fact's words with their rarity, to compare it with many others.
    pub fn weigh(&self, words: &WordHashes) -> Weighed {
        let words: Vec<(u64, f64)> = words.iter().map(|w| (*w, self.weight(w))).collect();
        let total = words.iter().map(|(_, w)| w).sum();
        Weighed { words, total }
    }
}

/// A fact's words with their rarity, by hash, and their sum.
#[derive(Debug, Clone, Default)]
pub struct Weighed {
    words: Vec<(u64, f64)>,
    total: f64,
}

impl Weighed {
    /// How much of the lighter one's words the other shares, each word weighing by its rarity
    /// (a weighted overlap coefficient): two reports of one event share its rare words, not
    /// only "mercredi" and "annoncé", and a long report still repeats a short one.
    pub fn overlap(&self, other: &Weighed) -> f64 {
        let (mut i, mut j, mut common) = (0, 0, 0.0);
        while i < self.words.len() && j < other.words.len() {
            match self.words[i].0.cmp(&other.words[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += self.words[i].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let lighter = self.total.min(other.total);
        if lighter > 0.0 {
            common / lighter
        } else {
            0.0
        }
    }
}

/// Maximal marginal relevance: repeatedly the cluster with the best score less its overlap
/// with those already chosen; one that repeats a chosen fact is left out.
pub fn select(
    candidates: &[(ClusterId, f64)],
    clusters: &Clusters,
    wanted: usize,
    rarity: &Rarity,
) -> Vec<ClusterId> {
    let mut pool: Vec<(ClusterId, f64)> = candidates.to_vec();
    pool.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    pool.truncate(wanted * 8);
    // Each candidate's words weighed once, and its overlap with the chosen ones kept up to
    // date as each is chosen: linear in the pool for each choice.
    let mut pool: Vec<Pooled> = pool
        .into_iter()
        .map(|(cluster, score)| Pooled {
            cluster,
            score,
            words: rarity.weigh(&clusters.get(cluster).words),
            redundancy: 0.0,
        })
        .collect();
    let mut chosen: Vec<ClusterId> = Vec::new();
    while chosen.len() < wanted && !pool.is_empty() {
        let (at, _) = pool
            .iter()
            .enumerate()
            .map(|(k, p)| (k, 0.7 * p.score - REDUNDANCY_WEIGHT * p.redundancy))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .expect("pool not empty");
        let picked = pool.remove(at);
        if picked.redundancy > REPEATS {
            continue;
        }
        let event = clusters.get(picked.cluster).event.as_ref();
        for p in &mut pool {
            let same = Event::same(clusters.get(p.cluster).event.as_ref(), event);
            let overlap = p.words.overlap(&picked.words) + if same { SAME_EVENT } else { 0.0 };
            p.redundancy = p.redundancy.max(overlap);
        }
        chosen.push(picked.cluster);
    }
    chosen
}

/// A candidate of `select`: its score, weighed words, and its largest overlap with the facts
/// chosen so far.
struct Pooled {
    cluster: ClusterId,
    score: f64,
    words: Weighed,
    redundancy: f64,
}

/// How much a fact's overlap with those chosen costs it.
const REDUNDANCY_WEIGHT: f64 = 3.0;
/// What reporting the same event (day, and a place or a person) adds to two facts' overlap.
const SAME_EVENT: f64 = 0.35;
/// Above this overlap, a fact repeats one already chosen.
const REPEATS: f64 = 0.6;

/// Word hashes as a sorted set: what a `BTreeSet` holds, in far less room (the summary keeps
/// one for every candidate sentence of the period).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordHashes(Box<[u64]>);

impl WordHashes {
    pub fn new(mut words: Vec<u64>) -> WordHashes {
        words.sort_unstable();
        words.dedup();
        WordHashes(words.into_boxed_slice())
    }

    /// The words in increasing order, as a `BTreeSet` gives them.
    pub fn iter(&self) -> impl Iterator<Item = &u64> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, word: &u64) -> bool {
        self.0.binary_search(word).is_ok()
    }

    /// The words both sets hold, in increasing order.
    pub fn intersection<'a>(&'a self, other: &'a WordHashes) -> impl Iterator<Item = &'a u64> {
        self.0.iter().filter(move |w| other.contains(w))
    }
}

/// Hashes of the words that carry meaning: four letters or more, not a stop word.
pub fn content_words(text: &str) -> Vec<u64> {
    let folded = fold(text);
    word_ranges(&folded)
        .map(|r| &folded[r])
        .filter(|w| w.chars().count() >= 4 && !is_stopword(w))
        .flat_map(word_hashes)
        .collect()
}

/// In how many articles each content word appears (for the centrality of facts and quotes).
pub fn document_frequencies(articles: &[Article], x: &[ArticleExtraction]) -> HashMap<u64, u32> {
    let per_article: Vec<BTreeSet<u64>> = articles
        .par_iter()
        .zip(x)
        .map(|(article, ex)| {
            ex.sentences
                .iter()
                .flat_map(|s| content_words(&article.body[s.start..s.end]))
                .collect()
        })
        .collect();
    let mut df: HashMap<u64, u32> = HashMap::new();
    for words in per_article {
        for w in words {
            *df.entry(w).or_default() += 1;
        }
    }
    df
}

/// Whether a folded word is too common to tell sentences apart.
pub fn is_stopword(word: &str) -> bool {
    Lexicon::get().stopwords.contains(word)
}

const SHINGLE: usize = 3;
const HASHES: usize = 16;
const BANDS: usize = 4;
const ROWS: usize = HASHES / BANDS;
/// Estimated shingle overlap above which two sentences say the same thing.
const SAME_FACT: f64 = 0.5;

fn signature(text: &str) -> [u64; HASHES] {
    let words = word_hashes(text);
    let mut mins = [u64::MAX; HASHES];
    let windows: Vec<u64> = if words.len() < SHINGLE {
        vec![words.iter().fold(0, |acc, w| mix(acc ^ w))]
    } else {
        words
            .windows(SHINGLE)
            .map(|s| s.iter().fold(0u64, |acc, w| mix(acc ^ w)))
            .collect()
    };
    for h in windows {
        for (k, min) in mins.iter_mut().enumerate() {
            *min = (*min).min(mix(h ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)));
        }
    }
    mins
}

/// Union-find over LSH buckets and paraphrase pairs: the root (smallest index) of each item's
/// group.
fn group(signatures: &[[u64; HASHES]], paraphrases: &[(usize, usize)]) -> Vec<usize> {
    let mut groups = UnionFind::new(signatures.len());
    for &(a, b) in paraphrases {
        groups.union(a, b);
    }
    for band in 0..BANDS {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, sig) in signatures.iter().enumerate() {
            let key = sig[band * ROWS..(band + 1) * ROWS]
                .iter()
                .fold(band as u64, |acc, v| mix(acc ^ v));
            buckets.entry(key).or_default().push(i);
        }
        for members in buckets.values().filter(|m| m.len() > 1) {
            join_bucket(members, signatures, &mut groups);
        }
    }
    (0..signatures.len()).map(|i| groups.find(i)).collect()
}

/// At most this many distinct facts are told apart in one LSH bucket.
const LEADERS: usize = 32;

/// Joins the members of one bucket that tell the same fact, in linear time: each member is
/// compared with the bucket's leaders (the first member of each fact found there), joins the
/// first it matches, or leads a fact of its own. A sentence relayed by a thousand articles is
/// one fact with a thousand sources; past `LEADERS` distinct facts in one bucket (a bucket is
/// a band of near-identical wordings, so never in practice), a member is compared with the
/// leaders only.
fn join_bucket(members: &[usize], signatures: &[[u64; HASHES]], groups: &mut UnionFind) {
    let same = |a: usize, b: usize| {
        let shared = signatures[a]
            .iter()
            .zip(&signatures[b])
            .filter(|(x, y)| x == y)
            .count() as f64;
        shared / HASHES as f64 >= SAME_FACT
    };
    let mut leaders: Vec<usize> = Vec::new();
    for &m in members {
        match leaders.iter().find(|&&l| same(l, m)) {
            Some(&l) => groups.union(l, m),
            None if leaders.len() < LEADERS => leaders.push(m),
            None => {}
        }
    }
}
