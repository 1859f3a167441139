//! Page one for a busy reader: the key points (the best-reported meetings' outcomes, then the
//! best fact of each section), a one-line headline (the period's best-corroborated key point)
//! and *À suivre*, what is announced after the briefing's date: meetings still to come, and
//! deadlines the articles give ("d'ici le 15 juillet", "le sommet prévu le 24 septembre").

use super::analysis::Analysis;
use super::citations::Citations;
use super::fact::{make_fact, with_meeting_sources};
use super::facts::{self, ClusterId, Weighed};
use super::meeting_section;
use super::meetings::Event;
use super::timeline::{clustered_sentences, dated_entry, entry_of};
use crate::dates::grammar::{Reason, Relation};
use crate::dates::{PartialDate, Precision};
use crate::extract::meetings::{calls_off, is_meeting_noun};
use crate::lexicon::Lexicon;
use crate::model::{Fact, Meeting, MeetingStatus, TimelineEntry};
use crate::text::{fold, word_ranges};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many items to follow.
const MAX_UPCOMING: usize = 8;

/// The period's main developments, newest first, and which of them is the newest decisive
/// one.
pub(super) struct KeyPoints {
    pub points: Vec<Fact>,
    /// The point chosen as the best development of the newest articles, of their own days.
    pub newest: Option<usize>,
}

/// The headline: the period's newest decisive development (the best development the newest
/// articles report, of their own days), else the key point reported by the most independent
/// origins, then by the most sources, then the shortest (a headline is read at a glance), then
/// the first.
pub(super) fn headline(key_points: &KeyPoints) -> Option<Fact> {
    if let Some(k) = key_points.newest {
        return key_points.points.get(k).cloned();
    }
    key_points
        .points
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
        // A sentence that tells a meeting already listed (its day, one of its sources) is that
        // meeting.
        let told = out.iter().any(|e| {
            e.text == entry.text
                || (e.meeting.is_some()
                    && e.date == entry.date
                    && e.sources.iter().any(|s| entry.sources.contains(s)))
        });
        if !told {
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
/// say the date no longer holds, with that day. A day (or a range of days) without a year
/// whose clause tells no tense ("Le 15 novembre, X affirme…", a retrospective's historical
/// present) is ahead only for a meeting the sentence names ("le sommet du 24 septembre"):
/// otherwise it is as likely past.
fn ahead(analysis: &Analysis, citations: &Citations) -> BTreeMap<ClusterId, PartialDate> {
    let input = analysis.input;
    let mut ahead: BTreeMap<ClusterId, PartialDate> = BTreeMap::new();
    for (_, _, c) in clustered_sentences(analysis, citations) {
        if ahead.contains_key(&c) {
            continue;
        }
        let best = analysis.cluster(c).best;
        let scheduled = names_a_meeting(analysis.text(best));
        let date = input.extractions[best.article]
            .dates_in(analysis.sentence(best))
            .filter(|d| d.relation == Relation::After && d.from > input.date)
            .filter(|d| d.reason != Reason::Nearest || scheduled)
            // A date its own words contradict (a weekday that is not the day's) is no deadline.
            .filter(|d| d.warning.is_none())
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

/// Whether a sentence names a meeting (a summit, a visit, talks: `meeting_nouns.tsv`).
fn names_a_meeting(text: &str) -> bool {
    let folded = fold(text);
    let named = word_ranges(&folded).any(|r| is_meeting_noun(&folded[r]));
    named
}

/// The period's main developments, one point per development, newest first: the newest day's
/// best development (the headline), then the best of the period by importance and by how many
/// articles tell or recall its day; a point that reports a development already chosen is left
/// out.
pub(super) fn key_points(
    analysis: &Analysis,
    citations: &Citations,
    events: &[Event],
) -> KeyPoints {
    let wanted = analysis.input.sizes.key_points;
    let candidates = candidates(analysis, citations);
    let first = newest(&candidates);
    let newest_cluster = first.map(|c| c.cluster);
    let mut chosen: Vec<&Candidate> = first.into_iter().collect();
    let mut pool: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| {
            !chosen
                .iter()
                .any(|k| k.cluster == c.cluster || k.repeats(c, analysis))
        })
        .collect();
    while chosen.len() < wanted && !pool.is_empty() {
        let crowding = |c: &Candidate| chosen.iter().filter(|k| k.near(c)).count() as f64;
        let (at, _) = pool
            .iter()
            .enumerate()
            .map(|(k, c)| (k, c.value - SAME_DAYS * crowding(c)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .expect("pool not empty");
        let c = pool.remove(at);
        chosen.push(c);
        pool.retain(|p| !c.repeats(p, analysis));
    }
    chosen.sort_by(|a, b| b.day.cmp(&a.day).then(b.value.total_cmp(&a.value)));
    let newest = chosen
        .iter()
        .position(|c| Some(c.cluster) == newest_cluster);
    let points = chosen
        .into_iter()
        .map(|c| {
            let fact = make_fact(
                analysis,
                citations,
                c.cluster,
                analysis.cluster_date(c.cluster),
            );
            match meeting_told(analysis, events, c.cluster) {
                Some(e) => {
                    with_meeting_sources(fact, analysis, citations, c.cluster, &e.articles())
                }
                None => fact,
            }
        })
        .collect();
    KeyPoints { points, newest }
}

/// The meeting of the briefing a cluster's sentences tell, if any.
fn meeting_told<'e>(analysis: &Analysis, events: &'e [Event], id: ClusterId) -> Option<&'e Event> {
    events
        .iter()
        .find(|e| meeting_section::telling(e, analysis).any(|c| c == id))
}

/// A development page one may tell: a cluster of the period, its day and its worth.
struct Candidate {
    cluster: ClusterId,
    day: Option<NaiveDate>,
    /// The day its article was published.
    published: Option<NaiveDate>,
    value: f64,
    /// Its shown sentence's content words with their rarity.
    words: Weighed,
}

/// What a day that many articles tell or recall adds to a development of that day, per
/// doubling of those articles: the milestones of a story are the days its later articles date.
const MILESTONE: f64 = 2.0;
/// What a development dated after the briefing's date loses: more than any other can weigh.
const AHEAD: f64 = 100.0;
/// What each point already chosen of the same or the next day takes from a development: page
/// one tells the story's days, not one day's reactions.
const SAME_DAYS: f64 = 3.0;
/// Above this share of rare words, two points tell the same development.
const SAME_DEVELOPMENT: f64 = 0.4;
/// Two points of the same or the next day that share this much, or a person or a place, tell
/// one development.
const SAME_DAY_OVERLAP: f64 = 0.15;

impl Candidate {
    /// Whether two developments happened the same or the next day.
    fn near(&self, other: &Candidate) -> bool {
        match (self.day, other.day) {
            (Some(x), Some(y)) => (x - y).num_days().abs() <= 1,
            _ => false,
        }
    }

    /// Whether two points tell one development: most of their rare words in common, or the
    /// same or the next day with a person, a place or a fair share of words in common.
    fn repeats(&self, other: &Candidate, analysis: &Analysis) -> bool {
        let (a, b) = (
            analysis.cluster(self.cluster),
            analysis.cluster(other.cluster),
        );
        let overlap = self.words.overlap(&other.words);
        let near = self.near(other);
        let shared_anchor = match (&a.event, &b.event) {
            (Some(x), Some(y)) => !x.anchors.is_disjoint(&y.anchors),
            _ => false,
        };
        overlap >= SAME_DEVELOPMENT || (near && (overlap >= SAME_DAY_OVERLAP || shared_anchor))
    }
}

/// The clusters of the period's articles that can stand alone on page one, best first.
fn candidates(analysis: &Analysis, citations: &Citations) -> Vec<Candidate> {
    let input = analysis.input;
    let milestones = milestones(analysis);
    let mut out: Vec<Candidate> = analysis
        .clusters
        .iter()
        .filter(|(_, c)| {
            citations.contains(c.best.article)
                && !facts::background(input.articles, input.extractions, &c.best)
        })
        .filter_map(|(id, c)| {
            if !analysis.cluster_kept(id) || announced_then_past(analysis, id) || analysis.stray(id)
            {
                return None;
            }
            let date = analysis.cluster_date(id);
            // What lies after the briefing's date is to follow, not news: told only when the
            // period has nothing else.
            let ahead = date.is_some_and(|d| d.first_day() > input.date);
            let day = date
                .filter(|d| d.precision() == Precision::Day)
                .map(|d| d.first_day());
            let told = day.and_then(|d| milestones.get(&d)).copied().unwrap_or(0);
            Some(Candidate {
                cluster: id,
                day,
                published: input.articles[c.best.article]
                    .published
                    .map(|d| d.first_day()),
                value: c.score + MILESTONE * (1.0 + told as f64).log2()
                    - if ahead { AHEAD } else { 0.0 },
                words: Weighed::default(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.cluster.cmp(&b.cluster)));
    // The sentence tests read words: only as far down as the pool needs.
    let mut out: Vec<Candidate> = out
        .into_iter()
        .filter(|c| {
            let cluster = analysis.cluster(c.cluster);
            let text = analysis.text(cluster.best);
            stands_alone(text) && !recalls(text) && !recurring(analysis, cluster)
        })
        .take(POOL)
        .collect();
    for c in &mut out {
        if commentary(analysis.text(analysis.cluster(c.cluster).best)) {
            c.value -= COMMENTARY;
        }
    }
    let rarity = analysis.rarity();
    for c in &mut out {
        c.words = rarity.weigh(&analysis.cluster(c.cluster).words);
    }
    weigh_support(&mut out, analysis);
    out.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.cluster.cmp(&b.cluster)));
    out
}

/// Whether a cluster's sentence announces what its article expected ("X se rendra jeudi au
/// Liban", "demain") for a day that is past by the briefing's date: what happened that day is
/// told by the articles that report it, and the announcement is stale news.
fn announced_then_past(analysis: &Analysis, id: ClusterId) -> bool {
    analysis.dating_mention(id).is_some_and(|d| {
        d.relation == Relation::After
            && matches!(d.reason, Reason::Tense | Reason::FromArticle)
            && d.to < analysis.input.date
    })
}

/// How many of the best candidates are weighed against each other for their support.
const POOL: usize = 300;
/// What a development gains per doubling of the articles that report it.
const SUPPORT: f64 = 1.0;

/// Adds to each candidate how many articles report its development, in whatever words: a
/// development many articles tell is a main story; one article's detail is not.
fn weigh_support(candidates: &mut [Candidate], analysis: &Analysis) {
    let support: Vec<usize> = candidates
        .iter()
        .map(|c| {
            candidates
                .iter()
                .filter(|d| d.repeats(c, analysis))
                .flat_map(|d| {
                    analysis
                        .cluster(d.cluster)
                        .members
                        .iter()
                        .map(|p| p.article)
                })
                .collect::<BTreeSet<usize>>()
                .len()
        })
        .collect();
    for (c, n) in candidates.iter_mut().zip(support) {
        c.value += SUPPORT * (1.0 + n as f64).log2();
    }
}

/// How many articles tell each day: those published that day and those that date a sentence
/// to it.
fn milestones(analysis: &Analysis) -> BTreeMap<NaiveDate, usize> {
    let input = analysis.input;
    let mut tellers: BTreeMap<NaiveDate, BTreeSet<usize>> = BTreeMap::new();
    for (a, (article, ex)) in input.articles.iter().zip(input.extractions).enumerate() {
        if let Some(d) = article
            .published
            .filter(|d| d.precision() == Precision::Day)
        {
            tellers.entry(d.first_day()).or_default().insert(a);
        }
        for d in ex.dates.iter() {
            if d.precision == Precision::Day && d.from == d.to {
                tellers.entry(d.from).or_default().insert(a);
            }
        }
    }
    tellers.into_iter().map(|(d, a)| (d, a.len())).collect()
}

/// The best development the newest articles report, of their own days.
fn newest(candidates: &[Candidate]) -> Option<&Candidate> {
    let last = candidates.iter().filter_map(|c| c.published).max()?;
    candidates.iter().find(|c| {
        c.published == Some(last)
            && c.day
                .is_some_and(|d| d <= last && (last - d).num_days() <= NEWEST_DAYS)
    })
}

/// How many days before its article a development of the newest articles may lie.
const NEWEST_DAYS: i64 = 2;

/// A paragraph a wire repeats word for word on several days without dating what it tells ("X,
/// principal opponent of…, has already been attacked in the past"): the story's background,
/// not one of its developments. A development repeated later carries its own date ("le 3
/// septembre, un laboratoire a conclu…").
fn recurring(analysis: &Analysis, c: &facts::Cluster) -> bool {
    let input = analysis.input;
    let dated = input.extractions[c.best.article]
        .dates_in(analysis.sentence(c.best))
        .next()
        .is_some();
    let days: BTreeSet<NaiveDate> = c
        .members
        .iter()
        .filter_map(|p| input.articles[p.article].published)
        .map(|d| d.first_day())
        .collect();
    let spread = match (days.first(), days.last()) {
        (Some(first), Some(last)) => (*last - *first).num_days(),
        _ => 0,
    };
    !dated && spread > 1
}

/// What a commentator's reading of the news loses against the news itself.
const COMMENTARY: f64 = 3.0;
/// How many words after "Pour" or "selon" the commentator may stand ("Pour Jean Dupont,
/// chercheur…", "selon un allié").
const COMMENTATOR_WORDS: usize = 5;

/// Whether a sentence is a commentator's reading of the news (`commentator_words.txt`): told
/// "selon un/une/des/plusieurs" commentator, or opening on "Pour" and a commentator.
fn commentary(text: &str) -> bool {
    let lexicon = Lexicon::get();
    let folded = fold(text);
    let words: Vec<&str> = word_ranges(&folded).map(|r| &folded[r]).collect();
    let commentator_after = |k: usize| {
        words[k + 1..]
            .iter()
            .take(COMMENTATOR_WORDS)
            .any(|w| lexicon.commentator_words.contains(w))
    };
    let opens = words.first() == Some(&"pour") && commentator_after(0);
    let attributed = words.iter().enumerate().any(|(k, w)| {
        *w == "selon"
            && matches!(
                words.get(k + 1),
                Some(&("un" | "une" | "des" | "plusieurs"))
            )
            && commentator_after(k)
    });
    opens || attributed
}

/// A sentence whose main clause is told in the pluperfect ("M. X avait indiqué samedi qu'il…"):
/// it recalls what happened before the news. A pluperfect in a relative clause ("le navire
/// qu'Ankara avait déployé") does not count.
fn recalls(text: &str) -> bool {
    let lexicon = Lexicon::get();
    let lower = text.to_lowercase();
    let words: Vec<(&str, String)> = word_ranges(&lower)
        .map(|r| (&lower[r.clone()], fold(&lower[r])))
        .take_while(|(_, folded)| !lexicon.subordinators.contains(folded.as_str()))
        .collect();
    words.iter().enumerate().any(|(k, (_, folded))| {
        lexicon.pluperfect_auxiliaries.contains(folded.as_str())
            && words[k + 1..].iter().take(2).any(|(next, _)| {
                next.chars().count() > 3
                    && lexicon.participle_endings.iter().any(|e| next.ends_with(e))
            })
    })
}

/// How many words an opening phrase set off by a comma has at most ("D'après cette source,").
const OPENING_WORDS: usize = 5;

/// Whether a sentence's opening phrase points back with a demonstrative ("D'après cette
/// source, …", "Dans ce contexte, …"): it leans on the sentence before.
fn opens_on_a_demonstrative(folded: &str) -> bool {
    let Some(comma) = folded.find(',') else {
        return false;
    };
    let opening: Vec<&str> = word_ranges(&folded[..comma]).map(|r| &folded[r]).collect();
    opening.len() <= OPENING_WORDS
        && opening
            .iter()
            .any(|w| matches!(*w, "ce" | "cet" | "cette" | "ces"))
}

/// A sentence that says something alone: not a quote, not a question, not one that leans on the sentence
/// before ("Il a ajouté…", "Cette décision…", "D'après cette source, …"), not one cut after a
/// title ("… de M.").
fn stands_alone(text: &str) -> bool {
    let folded = fold(text);
    let first = word_ranges(&folded).next().map(|r| &folded[r]);
    !text.starts_with(['«', '"', '“', '-', '–', '—'])
        && !opens_on_a_demonstrative(&folded)
        && !text.contains('?')
        && !first.is_some_and(|w| Lexicon::get().dependent_openers.contains(w))
        && !text.ends_with(" M.")
        && !text.ends_with(" Mme.")
}

#[cfg(test)]
mod tests {
    use super::{commentary, stands_alone};

    #[test]
    fn an_opening_that_points_back_does_not_stand_alone() {
        assert!(!stands_alone(
            "D'après cette source, les travaux menés le 4 août ont provoqué un incendie au port."
        ));
        assert!(!stands_alone(
            "Dans ce contexte, le gouvernement a décrété l'état d'urgence pour deux semaines."
        ));
        assert!(stands_alone(
            "Dans la nuit de mardi, l'armée a pris le contrôle de la télévision nationale à Accra."
        ));
    }

    #[test]
    fn a_commentators_reading_is_commentary_and_a_source_of_news_is_not() {
        assert!(commentary(
            "Le coup d'État marque un tournant pour la région, selon un analyste interrogé mardi."
        ));
        assert!(commentary(
            "Pour Jean Dupont, chercheur à l'institut Clingendael, la junte gagne du temps."
        ));
        assert!(!commentary(
            "Le laboratoire a conclu à un empoisonnement, selon le gouvernement allemand."
        ));
        assert!(!commentary(
            "Pour la première fois, l'armée a tiré sur des manifestants, selon des témoins."
        ));
    }
}
