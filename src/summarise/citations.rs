//! The briefing's sources: the articles it cites, each with its id ("S1", "S2"… in corpus
//! order). Only a cited article's sentences, quotes and people reach the briefing.

use super::analysis::Analysis;
use super::meetings;
use super::selection::Selection;
use std::collections::{BTreeMap, BTreeSet};

/// The articles the briefing cites (indices into the input's articles), with their source ids.
pub(super) struct Citations {
    ids: BTreeMap<usize, String>,
}

impl Citations {
    /// The articles of the period, and any article a meeting or a chosen fact comes from.
    pub fn of(analysis: &Analysis, events: &[meetings::Event], selection: &Selection) -> Citations {
        let input = analysis.input;
        let mut cited: BTreeSet<usize> = (0..input.articles.len())
            .filter(|&a| input.article_in_period(a))
            .collect();
        for e in events {
            cited.extend(e.articles());
        }
        for c in selection.clusters() {
            cited.extend(analysis.cluster(c).members.iter().map(|p| p.article));
        }
        Citations::numbered(cited)
    }

    /// Numbers the articles in corpus order.
    fn numbered(cited: BTreeSet<usize>) -> Citations {
        let ids = cited
            .into_iter()
            .enumerate()
            .map(|(n, a)| (a, format!("S{}", n + 1)))
            .collect();
        Citations { ids }
    }

    pub fn contains(&self, article: usize) -> bool {
        self.ids.contains_key(&article)
    }

    /// The source id of an article, if the briefing cites it.
    pub fn id_of(&self, article: usize) -> Option<&str> {
        self.ids.get(&article).map(String::as_str)
    }

    /// The source ids of those of `articles` the briefing cites, in their order.
    pub fn ids_of(&self, articles: impl IntoIterator<Item = usize>) -> Vec<String> {
        articles
            .into_iter()
            .filter_map(|a| self.id_of(a).map(str::to_string))
            .collect()
    }

    /// The cited articles in corpus order, with their source ids.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &str)> {
        self.ids.iter().map(|(&a, id)| (a, id.as_str()))
    }

    /// The cited articles in corpus order.
    pub fn articles(&self) -> impl Iterator<Item = usize> + '_ {
        self.ids.keys().copied()
    }

    /// How many articles the briefing cites.
    pub fn count(&self) -> usize {
        self.ids.len()
    }
}
