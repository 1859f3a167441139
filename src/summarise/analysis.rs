//! What the summariser knows of the corpus before it writes a line: the people, how many
//! articles use each word, the blocs the articles name, and the clusters of sentences that say
//! the same thing. Built once from the input; every section reads it.

use super::antecedent;
use super::facts::{self, Cluster, ClusterId, Clusters, Place, Rarity, WordHashes};
use super::people::Registry;
use super::stories::Strays;
use super::{Input, Undated};
use crate::dates::grammar::DateMention;
use crate::dates::{PartialDate, Precision};
use crate::extract::Sentence;
use crate::gazetteer::OrgKind;
use crate::lexicon::Lexicon;
use crate::text::{fold, word_ranges};
use chrono::Datelike;
use std::collections::{BTreeSet, HashMap};

/// The corpus as the sections read it.
pub(super) struct Analysis<'a> {
    pub input: &'a Input<'a>,
    pub registry: Registry,
    /// In how many articles each content word appears.
    pub df: HashMap<u64, u32>,
    /// The blocs and international organisations the articles name (organisation indices).
    pub blocs: BTreeSet<usize>,
    pub clusters: Clusters,
    /// The content words of each article's title.
    pub titles: Vec<WordHashes>,
    /// Which articles stray from the corpus's stories.
    pub strays: Strays,
}

impl<'a> Analysis<'a> {
    pub fn build(input: &'a Input<'a>) -> Analysis<'a> {
        let (articles, x) = (input.articles, input.extractions);
        let registry = Registry::build(x);
        let blocs = blocs_in_corpus(input);
        let df = facts::document_frequencies(articles, x);
        let strays = Strays::find(x, &registry);
        let clusters = facts::clusters(articles, x, input.gazetteer, &registry, &blocs, &df);
        let titles = articles
            .iter()
            .map(|a| {
                a.title
                    .as_deref()
                    .map(|t| WordHashes::new(facts::content_words(t)))
                    .unwrap_or_default()
            })
            .collect();
        Analysis {
            input,
            registry,
            df,
            blocs,
            clusters,
            titles,
            strays,
        }
    }

    pub fn cluster(&self, id: ClusterId) -> &Cluster {
        self.clusters.get(id)
    }

    pub fn sentence(&self, place: Place) -> &'a Sentence {
        &self.input.extractions[place.article].sentences[place.sentence]
    }

    /// The words of a sentence, as its article has them.
    pub fn text(&self, place: Place) -> &'a str {
        let s = self.sentence(place);
        &self.input.articles[place.article].body[s.start..s.end]
    }

    /// A cluster's date: a day or a month its shown sentence gives, or else its article's. A
    /// date a relative clause gives a state's start ("…, dont c'était le deuxième voyage depuis
    /// son élection en décembre, …") is not the day of the fact.
    pub fn cluster_date(&self, id: ClusterId) -> Option<PartialDate> {
        let best = self.cluster(id).best;
        self.dating_mention(id)
            .and_then(|d| match d.precision {
                Precision::Day if d.from == d.to => {
                    PartialDate::ymd(d.from.year(), d.from.month(), d.from.day())
                }
                _ => PartialDate::month(d.from.year(), d.from.month()),
            })
            .or(self.input.articles[best.article].published)
    }

    /// The date expression of a cluster's shown sentence that dates what it reports: its first
    /// day or month, unless it only says since when a state lasts.
    pub fn dating_mention(&self, id: ClusterId) -> Option<&'a DateMention> {
        let best = self.cluster(id).best;
        let sentence = self.sentence(best);
        let body = &self.input.articles[best.article].body;
        self.input.extractions[best.article]
            .dates_in(sentence)
            .filter(|d| {
                let before = &body[sentence.start..d.start];
                !starts_a_state(before) && !dates_another_event(before)
            })
            .find(|d| matches!(d.precision, Precision::Day | Precision::Month))
    }

    /// Whether a cluster's shown sentence leans on the one before it with no sure antecedent
    /// ("Cette décision…", "Il [?] a ajouté…"): no fact of a section.
    pub fn leaning(&self, id: ClusterId) -> bool {
        let best = self.cluster(id).best;
        antecedent::standing(self.input, &best) == antecedent::Standing::Leaning
    }

    /// Whether only articles that stray from the corpus's stories tell a cluster.
    pub fn stray(&self, id: ClusterId) -> bool {
        self.cluster(id)
            .members
            .iter()
            .all(|p| self.strays.stray(p.article))
    }

    /// Whether a cluster belongs to the period by its date (an undated one: by the policy). A
    /// date after its article's is what the article expected, not what happened: it is news of
    /// the period only when an article of the period reports it ("la présidentielle de novembre"
    /// in a June article is June's news).
    pub fn cluster_kept(&self, id: ClusterId) -> bool {
        let date = self.cluster_date(id);
        let c = self.cluster(id);
        let published = self.input.articles[c.best.article].published;
        let expected = match (date, published) {
            (Some(d), Some(p)) => d.first_day() > p.last_day(),
            _ => false,
        };
        (self.date_kept(date) || self.late_news(c, date))
            && (!expected
                || c.members
                    .iter()
                    .any(|m| self.input.article_in_period(m.article)))
    }

    /// Whether a late article tells a cluster of its own days (the week before it): what it reports of the days
    /// before the period is this period's news (what it recalls of earlier years is not).
    fn late_news(&self, c: &Cluster, date: Option<PartialDate>) -> bool {
        c.members.iter().any(|m| {
            self.input.is_late(m.article)
                && match (date, self.input.articles[m.article].published) {
                    (Some(d), Some(p)) => {
                        d.last_day() + chrono::Days::new(NEWS_DAYS) >= p.first_day()
                    }
                    _ => true,
                }
        })
    }

    /// Whether a cluster dated `date` belongs to the period (an undated one: by the policy).
    pub fn date_kept(&self, date: Option<PartialDate>) -> bool {
        match date {
            Some(d) => self.input.in_period(d.first_day(), d.last_day()),
            None => self.input.undated == Undated::Keep,
        }
    }

    /// Whether article `a`'s title repeats `words`: three of its content words (all of them, for
    /// a shorter title), words common to the whole corpus not counting as shared ("« Le risque, c'est la
    /// disparition du pays », met en garde Paris" is that article's own news).
    pub fn in_title(&self, a: usize, words: &WordHashes) -> bool {
        let title = &self.titles[a];
        let common = (COMMON_SHARE * self.input.articles.len() as f64).max(COMMON_FLOOR);
        let telling = |w: &&u64| f64::from(self.df.get(*w).copied().unwrap_or(0)) <= common;
        let wanted = TITLE_WORDS.min(title.len());
        wanted > 0 && title.intersection(words).filter(telling).count() >= wanted
    }

    /// How rare each word is, to compare two facts.
    pub fn rarity(&self) -> Rarity<'_> {
        Rarity {
            df: &self.df,
            articles: self.input.articles.len(),
        }
    }
}

/// How many days before its article a late article's news may lie.
const NEWS_DAYS: u64 = 7;

/// How many words before a date "depuis" may stand for the date to be a starting point.
const SINCE_WORDS: usize = 4;

/// Whether the words before a date (`before`, from its sentence's start) make it the start of
/// a state told in a relative clause ("X, dont c'était le deuxième voyage depuis son élection
/// en décembre, a mis en garde…"): background to what the sentence tells, not its day. In the
/// main clause ("depuis mai 2019, Téhéran a…"), the state is what the sentence tells.
fn starts_a_state(before: &str) -> bool {
    let folded = fold(before);
    let words: Vec<&str> = word_ranges(&folded).map(|r| &folded[r]).collect();
    let since = words.iter().rev().take(SINCE_WORDS).any(|w| *w == "depuis");
    since && words.iter().any(|w| matches!(*w, "dont" | "qui"))
}

/// How many words before a date a reference preposition ("après", "à la suite de") may stand.
const REFERENCE_WORDS: usize = 12;
/// How many words a participle phrase set off by a comma may have before its date.
const APPOSITION_WORDS: usize = 12;
/// What ends a clause or a phrase for these rules.
const CLAUSE_BREAKS: [char; 8] = [',', ';', ':', '(', ')', '—', '–', '.'];

/// Whether the words before a date (`before`, from its sentence's start) place it in a phrase
/// about another event, in the same clause ("… après l'explosion qui a endommagé le port
/// mardi", "à la suite de l'explosion du 4 août") or in a participle set off by a comma
/// (", repris le 5 juin"): the date is that event's, not the day of what the sentence tells.
/// "après avoir", "avant de" and "par la suite" do not count.
fn dates_another_event(before: &str) -> bool {
    in_apposition(before) || after_a_reference(before)
}

/// Whether the date follows a participle set off by a comma, which tells of a noun before it
/// ("…à Tarhouna, dernier bastion, repris le 5 juin par les pro-GNA"): that noun's past, not
/// the sentence's day.
fn in_apposition(before: &str) -> bool {
    let Some(comma) = before.rfind(',') else {
        return false;
    };
    let segment = &before[comma + 1..];
    if segment.contains(CLAUSE_BREAKS) || segment.split_whitespace().count() > APPOSITION_WORDS {
        return false;
    }
    let lexicon = Lexicon::get();
    segment.split_whitespace().next().is_some_and(|first| {
        let folded = fold(first);
        first.chars().count() >= 4
            && first.chars().all(char::is_lowercase)
            && !lexicon.stopwords.contains(folded.as_str())
            && !lexicon.prepositions.contains(folded.as_str())
            && lexicon
                .participle_endings
                .iter()
                .any(|e| first.ends_with(e))
    })
}

/// Whether a reference preposition ("après", "à la suite de", "au lendemain de") opens the
/// date's phrase, in its clause.
fn after_a_reference(before: &str) -> bool {
    let lexicon = Lexicon::get();
    let folded = fold(before);
    let ranges: Vec<std::ops::Range<usize>> = word_ranges(&folded).collect();
    let mut end = folded.len();
    for (k, r) in ranges.iter().enumerate().rev().take(REFERENCE_WORDS) {
        if folded[r.end..end].contains(CLAUSE_BREAKS) {
            return false;
        }
        end = r.start;
        let word = &folded[r.clone()];
        let next = ranges.get(k + 1).map_or("", |n| &folded[n.clone()]);
        if lexicon.reference_words.contains(word) && refers(word, next) {
            return true;
        }
    }
    false
}

/// Whether a reference word, followed by `next`, refers to another event: "après avoir" and
/// "avant de" tell the same actor's other act, "par la suite" is no "suite à".
fn refers(word: &str, next: &str) -> bool {
    match word {
        "apres" => !matches!(next, "avoir" | "etre"),
        "avant" => !matches!(next, "de" | "d"),
        "suite" => matches!(next, "a" | "au" | "aux" | "de" | "du" | "des"),
        _ => true,
    }
}

/// How many of a title's words a quote must share to be its news.
const TITLE_WORDS: usize = 3;
/// Words in more than this share of the articles (and in more than `COMMON_FLOOR` of them) say
/// what the whole corpus is about, not what one title says.
const COMMON_SHARE: f64 = 0.25;
const COMMON_FLOOR: f64 = 2.0;

/// The blocs and international organisations any sentence of the corpus names.
fn blocs_in_corpus(input: &Input) -> BTreeSet<usize> {
    let g = input.gazetteer;
    input
        .extractions
        .iter()
        .flat_map(|e| {
            e.sentences
                .iter()
                .flat_map(|s| s.organisations.iter().map(|o| o.org))
        })
        .filter(|o| {
            matches!(
                g.organisations[*o].kind,
                OrgKind::Bloc | OrgKind::Organisation
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::dates_another_event;

    #[test]
    fn a_date_after_a_reference_or_in_an_apposition_is_another_events() {
        let another = [
            "Les secouristes ont retrouvé un survivant après l'explosion du ",
            "Le gouvernement a démissionné à la suite de l'explosion du ",
            "Des pluies sont tombées au lendemain de l'explosion du ",
            "La ville a voté à la veille du sommet de ",
            "Il a visité Tarhouna, repris le ",
        ];
        for before in another {
            assert!(dates_another_event(before), "{before}");
        }
        let own = [
            "Après avoir rencontré le ministre ",
            "Il a annoncé, avant de partir ",
            "Par la suite, l'armée a repris la ville ",
            "Après l'explosion, le gouvernement a démissionné ",
            "Le gouvernement a démissionné ",
        ];
        for before in own {
            assert!(!dates_another_event(before), "{before}");
        }
    }
}
