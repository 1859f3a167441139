//! Which articles stray from the corpus's stories. The articles of a story name the same
//! countries, organisations, towns and people; an article about another story (another
//! conflict, another country's news) shares few of its names with the rest. Each article's
//! cohesion is how many other articles name each of its names, on average over them all; an
//! article far below the corpus's usual cohesion, that shares no story of its own with another
//! article either (two less common names), is a stray, and what it alone reports gets no
//! section of its own.

use super::people::{PersonId, Registry};
use crate::extract::ArticleExtraction;
use std::collections::{BTreeSet, HashMap};

/// Below this share of the median article's cohesion, an article strays from the corpus's
/// stories. The dev stories' least cohesive articles, all about their story, stand at 0.57 of
/// their median or more.
const STRAY_SHARE: f64 = 0.35;
/// Names more than this share of the articles use (and more than [`COMMON_FLOOR`] articles)
/// are the corpus's common ground, not a story's.
const COMMON_SHARE: f64 = 0.1;
const COMMON_FLOOR: f64 = 2.0;
/// How many less common names two articles share to tell one story.
const LINK: usize = 2;
/// A corpus of fewer articles has no stories to stray from.
const MIN_ARTICLES: usize = 5;

/// What an article names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Name {
    Country(usize),
    Organisation(usize),
    Town(usize),
    Person(PersonId),
}

/// Which articles stray from the corpus's stories.
pub(super) struct Strays {
    stray: Vec<bool>,
}

impl Strays {
    /// Finds the articles of `x` (their names, and the people `registry` found in them) that
    /// stray from the corpus's stories.
    pub fn find(x: &[ArticleExtraction], registry: &Registry) -> Strays {
        let names = names(x, registry);
        let n = names.len();
        if n < MIN_ARTICLES {
            return Strays {
                stray: vec![false; n],
            };
        }
        let mut df: HashMap<Name, usize> = HashMap::new();
        for name in names.iter().flatten() {
            *df.entry(*name).or_default() += 1;
        }
        let others = (n - 1) as f64;
        let cohesion: Vec<f64> = names
            .iter()
            .map(|set| set.iter().map(|m| (df[m] - 1) as f64 / others).sum())
            .collect();
        let threshold = STRAY_SHARE * median(&cohesion);
        let loose: Vec<usize> = (0..n).filter(|&a| cohesion[a] < threshold).collect();
        let postings = postings(&names, &loose, &df);
        let mut stray = vec![false; n];
        for a in loose {
            stray[a] = !in_a_story(a, &names[a], &postings);
        }
        Strays { stray }
    }

    /// Whether article `a` strays from the corpus's stories.
    pub fn stray(&self, a: usize) -> bool {
        self.stray.get(a).copied().unwrap_or(false)
    }
}

/// The names of each article.
fn names(x: &[ArticleExtraction], registry: &Registry) -> Vec<BTreeSet<Name>> {
    let mut names: Vec<BTreeSet<Name>> = x
        .iter()
        .map(|ex| {
            ex.sentences
                .iter()
                .flat_map(|s| {
                    let countries = s.countries.iter().map(|m| Name::Country(m.country));
                    let orgs = s.organisations.iter().map(|m| Name::Organisation(m.org));
                    let towns = s.places.iter().map(|m| Name::Town(m.city));
                    countries.chain(orgs).chain(towns)
                })
                .collect()
        })
        .collect();
    for (id, person) in registry.ids() {
        for &a in &person.articles {
            if let Some(set) = names.get_mut(a) {
                set.insert(Name::Person(id));
            }
        }
    }
    names
}

/// For each name of the `loose` articles that few articles use, the articles that use it: the
/// names a story of its own is told by (the corpus's common names, "France" in French news,
/// tell no story apart).
fn postings(
    names: &[BTreeSet<Name>],
    loose: &[usize],
    df: &HashMap<Name, usize>,
) -> HashMap<Name, Vec<usize>> {
    let most = (COMMON_SHARE * names.len() as f64).max(COMMON_FLOOR) as usize;
    let mut postings: HashMap<Name, Vec<usize>> = loose
        .iter()
        .flat_map(|&a| names[a].iter())
        .filter(|m| df[*m] <= most)
        .map(|m| (*m, Vec::new()))
        .collect();
    for (a, set) in names.iter().enumerate() {
        for name in set {
            if let Some(list) = postings.get_mut(name) {
                list.push(a);
            }
        }
    }
    postings
}

/// Whether another article shares [`LINK`] of article `a`'s less common names: the two tell a
/// story of their own (a week of news about a far country), not a stray's.
fn in_a_story(a: usize, names: &BTreeSet<Name>, postings: &HashMap<Name, Vec<usize>>) -> bool {
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for list in names.iter().filter_map(|m| postings.get(m)) {
        for &b in list.iter().filter(|&&b| b != a) {
            let count = shared.entry(b).or_default();
            *count += 1;
            if *count >= LINK {
                return true;
            }
        }
    }
    false
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(0.0)
}
