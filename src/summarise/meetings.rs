//! Meetings: the mentions of one article joined into events ("cette rencontre" is the meeting
//! just named), then the events of all articles joined when they are the same meeting: same day
//! and place, or the same place and a shared participant when a source gives no date. Indexed
//! by place and by person, never all pairs.

use super::people::Registry;
use crate::dates::Precision;
use crate::extract::ArticleExtraction;
use crate::hashing::UnionFind;
use crate::text::fold;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A meeting as the corpus reports it.
#[derive(Debug, Clone, Default)]
pub struct Event {
    /// (article, meeting mention index) of every mention.
    pub mentions: Vec<(usize, usize)>,
    /// (article, date mention index) of every date given.
    pub dates: Vec<(usize, usize)>,
    pub place: Option<String>,
    /// Person ids (registry).
    pub people: BTreeSet<usize>,
    /// (role, country) pairs of participants named by role.
    pub groups: BTreeSet<(String, usize)>,
    pub countries: BTreeSet<usize>,
    pub announced: bool,
    pub held: bool,
    pub trigger: String,
}

impl Event {
    pub fn articles(&self) -> BTreeSet<usize> {
        self.mentions.iter().map(|(a, _)| *a).collect()
    }

    /// The event's date: the day its sources give most often (the earliest on a tie: a summit's
    /// first day), or else its most precise date.
    pub fn date(&self, x: &[ArticleExtraction]) -> Option<(NaiveDate, NaiveDate, Precision)> {
        let all: Vec<_> = self.dates.iter().map(|&(a, d)| &x[a].dates[d]).collect();
        let mut days: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for d in all.iter().filter(|d| d.precision == Precision::Day) {
            *days.entry(d.from).or_default() += 1;
        }
        let day = days
            .iter()
            .max_by_key(|(day, n)| (**n, std::cmp::Reverse(**day)))
            .map(|(day, _)| *day);
        all.iter()
            .find(|d| d.precision == Precision::Day && Some(d.from) == day)
            .or_else(|| all.iter().min_by_key(|d| d.precision))
            .map(|d| (d.from, d.to, d.precision))
    }

    /// Distinct day-precise dates given for it, when sources disagree.
    pub fn contradictions(&self, x: &[ArticleExtraction]) -> Vec<(NaiveDate, usize)> {
        let mut days: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for &(a, d) in &self.dates {
            let date = &x[a].dates[d];
            if date.precision == Precision::Day {
                days.entry(date.from).or_insert(a);
            }
        }
        if days.len() > 1 {
            days.into_iter().collect()
        } else {
            Vec::new()
        }
    }
}

/// The events of the whole corpus.
pub fn events(x: &[ArticleExtraction], registry: &Registry) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    for (a, ex) in x.iter().enumerate() {
        let mut current: Option<Event> = None;
        let mut finished: Vec<Event> = Vec::new();
        for (m, mention) in ex.entities.meetings.iter().enumerate() {
            let people: BTreeSet<usize> = mention
                .people
                .iter()
                .filter_map(|&p| registry.of(a, p))
                .collect();
            let groups: BTreeSet<(String, usize)> = mention
                .groups
                .iter()
                .flat_map(|g| g.countries.iter().map(move |&c| (singular(&g.role), c)))
                .collect();
            let own_date = mention.date.is_some();
            let continues = current.as_ref().is_some_and(|e| {
                let same_status =
                    mention.announced == (e.announced && !e.held) || mention.anaphoric;
                same_status
                    && (mention.anaphoric
                        || (!own_date && mention.place.is_none() && !people.is_disjoint(&e.people))
                        || (mention.place.is_some()
                            && e.place == mention.place
                            && (!own_date || e.dates.is_empty())))
            });
            // "la réunion" after a visit was announced: the article's last réunion, not the visit.
            let stem = |t: &str| fold(t).chars().take(5).collect::<String>();
            let earlier = (mention.anaphoric
                && current
                    .as_ref()
                    .is_some_and(|e| stem(&e.trigger) != stem(&mention.trigger)))
            .then(|| {
                finished
                    .iter()
                    .rposition(|e| stem(&e.trigger) == stem(&mention.trigger))
            })
            .flatten();
            if earlier.is_none() && !continues {
                if let Some(done) = current.take() {
                    finished.push(done);
                }
                current = Some(Event {
                    trigger: mention.trigger.clone(),
                    ..Event::default()
                });
            }
            let event = match earlier {
                Some(k) => &mut finished[k],
                None => current.as_mut().expect("just set"),
            };
            event.mentions.push((a, m));
            if let Some(d) = mention.date {
                event.dates.push((a, d));
            }
            if event.place.is_none() {
                event.place.clone_from(&mention.place);
            }
            event.people.extend(people);
            event.groups.extend(groups);
            event.countries.extend(mention.countries.iter().copied());
            let date_after = mention
                .date
                .is_some_and(|d| ex.dates[d].relation == crate::dates::grammar::Relation::After);
            if mention.announced || date_after {
                event.announced = true;
            } else if !mention.anaphoric {
                event.held = true;
            }
        }
        finished.extend(current.take());
        events.extend(finished);
    }
    merge(events, x)
}

/// "ministres des Affaires étrangères" → "ministre des Affaires étrangères".
fn singular(role: &str) -> String {
    match role.split_once(' ') {
        Some((first, rest)) => format!("{} {rest}", first.trim_end_matches('s')),
        None => role.trim_end_matches('s').to_string(),
    }
}

/// Joins the events that are the same meeting.
fn merge(events: Vec<Event>, x: &[ArticleExtraction]) -> Vec<Event> {
    let mut groups = UnionFind::new(events.len());
    let day = |e: &Event| e.date(x).filter(|d| d.2 == Precision::Day).map(|d| d.0);
    let any_date = |e: &Event| e.date(x).map(|d| (d.0, d.1));
    // Same place, same day.
    let mut by_place_day: HashMap<(String, NaiveDate), usize> = HashMap::new();
    // Same place, for events without a date or sharing participants.
    let mut by_place: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        let Some(place) = e.place.as_deref().map(fold) else {
            continue;
        };
        if let Some(d) = day(e) {
            match by_place_day.get(&(place.clone(), d)) {
                Some(&j) => {
                    groups.union(i, j);
                }
                None => {
                    by_place_day.insert((place.clone(), d), i);
                }
            }
        }
        by_place.entry(place).or_default().push(i);
    }
    // An event without a place, on the day of a placed event with the same kind of trigger.
    let stem = |t: &str| fold(t).chars().take(5).collect::<String>();
    let mut placed_by_day: HashMap<(NaiveDate, String), usize> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if let (Some(_), Some(d)) = (&e.place, day(e)) {
            placed_by_day.entry((d, stem(&e.trigger))).or_insert(i);
        }
    }
    // An undated event at a place where one dated event of the same kind took place.
    let mut dated_at: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if let (Some(place), Some(_)) = (&e.place, any_date(e)) {
            dated_at
                .entry((fold(place), stem(&e.trigger)))
                .or_default()
                .push(i);
        }
    }
    for (i, e) in events.iter().enumerate() {
        if let (Some(place), None) = (&e.place, any_date(e)) {
            if let Some(&[j]) = dated_at
                .get(&(fold(place), stem(&e.trigger)))
                .map(Vec::as_slice)
            {
                groups.union(i, j);
            }
        }
    }
    for (i, e) in events.iter().enumerate() {
        if e.place.is_none() {
            if let Some(&j) = day(e).and_then(|d| placed_by_day.get(&(d, stem(&e.trigger)))) {
                groups.union(i, j);
            }
        }
    }
    let shares =
        |a: &Event, b: &Event| !a.people.is_disjoint(&b.people) || !a.groups.is_disjoint(&b.groups);
    for members in by_place.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in members.iter().skip(k + 1).take(50) {
                let compatible = match (any_date(&events[i]), any_date(&events[j])) {
                    (Some(a), Some(b)) => a.0 <= b.1 && b.0 <= a.1,
                    _ => true,
                };
                if compatible
                    && shares(&events[i], &events[j])
                    && events[i].announced == events[j].announced
                {
                    groups.union(i, j);
                }
            }
        }
    }
    let mut merged: BTreeMap<usize, Event> = BTreeMap::new();
    for (i, e) in events.into_iter().enumerate() {
        let root = groups.find(i);
        let target = merged.entry(root).or_default();
        if target.mentions.is_empty() {
            *target = e;
        } else {
            target.mentions.extend(e.mentions);
            target.dates.extend(e.dates);
            if target.place.is_none() {
                target.place = e.place;
            }
            target.people.extend(e.people);
            target.groups.extend(e.groups);
            target.countries.extend(e.countries);
            target.announced &= e.announced;
            target.held |= e.held;
        }
    }
    merged.into_values().collect()
}
