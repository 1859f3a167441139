//! Meetings: the mentions of one article joined into events ("cette rencontre" is the meeting
//! just named), then the events of all articles joined when they are the same meeting: same day
//! and place, or the same place and a shared participant when a source gives no date. Indexed
//! by place and by person, never all pairs.

use super::people::{PersonId, Registry};
use crate::corpus::Article;
use crate::dates::Precision;
use crate::extract::entities::MeetingMention;
use crate::extract::meetings::is_meeting_noun;
use crate::extract::ArticleExtraction;
use crate::gazetteer::Gazetteer;
use crate::hashing::UnionFind;
use crate::model::{MeetingKind, MeetingStatus};
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
    /// (article, date mention index) of the lead's day of articles that tell the meeting as
    /// their news without a date of its own: the event's date when no source gives one.
    pub lead_dates: Vec<(usize, usize)>,
    pub place: Option<String>,
    /// The place is only a country (a town named later replaces it).
    pub place_is_country: bool,
    pub kind: MeetingKind,
    /// The article's day, for a meeting told with a time of day and no date.
    pub today: Option<NaiveDate>,
    /// The people of the registry who took part, by name.
    pub people: BTreeSet<PersonId>,
    /// (role, country) pairs of participants named by role.
    pub groups: BTreeSet<(String, usize)>,
    pub countries: BTreeSet<usize>,
    pub announced: bool,
    pub held: bool,
    /// Postponed, cancelled or refused, as a mention says.
    pub called_off: Option<MeetingStatus>,
    pub trigger: String,
    /// The body that meets ("du Conseil de sécurité"), when a source names it.
    pub body: Option<String>,
}

impl Event {
    /// Where it stands: called off when a source says so, else held when a source tells it in
    /// the past, else announced.
    pub fn status(&self) -> MeetingStatus {
        match (self.called_off, self.held) {
            (Some(status), _) => status,
            (None, true) => MeetingStatus::Held,
            (None, false) => MeetingStatus::Announced,
        }
    }

    pub fn articles(&self) -> BTreeSet<usize> {
        self.mentions.iter().map(|(a, _)| *a).collect()
    }

    /// The event's date: the day its sources give most often (the earliest on a tie: a summit's
    /// first day), or else its most precise date.
    pub fn date(&self, x: &[ArticleExtraction]) -> Option<(NaiveDate, NaiveDate, Precision)> {
        let given = if self.dates.is_empty() {
            &self.lead_dates
        } else {
            &self.dates
        };
        let all: Vec<_> = given.iter().map(|&(a, d)| &x[a].dates[d]).collect();
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
            .or_else(|| self.today.map(|day| (day, day, Precision::Day)))
    }

    /// Whether a mention, with the people it names, tells more of this event: a reference back
    /// ("cette visite"), or the same kind of meeting with a shared participant, place and day
    /// that do not disagree.
    fn told_again(
        &self,
        mention: &MeetingMention,
        people: &BTreeSet<PersonId>,
        ex: &ArticleExtraction,
    ) -> bool {
        if mention.anaphoric || (mention.there && self.kind.compatible(mention.kind)) {
            return true;
        }
        let same_status = mention.announced == (self.announced && !self.held);
        if !same_status || !self.kind.compatible(mention.kind) {
            return false;
        }
        let own_date = mention.date.is_some();
        let town = mention.place.is_some() && !mention.place_is_country;
        // The same people: two in common, or all of one side's among the other's ("X a
        // rencontré Y", then "Z a aussi rencontré Y" is another meeting).
        let shared = people.intersection(&self.people).count();
        let shares = shared >= 2
            || shared >= 1 && (people.is_subset(&self.people) || self.people.is_subset(people));
        let same_town = town && self.place == mention.place;
        let place_agrees = !town || self.place.is_none() || self.place_is_country || same_town;
        let date_agrees = mention.date.is_none_or(|d| {
            self.dates.is_empty()
                || self
                    .dates
                    .iter()
                    .any(|&(_, e)| ex.dates[e].from == ex.dates[d].from)
        });
        // One town and no date to tell them apart: the same event, unless each side has its
        // own people and none in common (two visitors the same week).
        let strangers = shared == 0 && !people.is_empty() && !self.people.is_empty();
        (!own_date && !town && shares)
            || (same_town && (!own_date || self.dates.is_empty()) && !strangers)
            || (shares && place_agrees && date_agrees)
    }

    /// Takes a mention's place: a town replaces a country ("en Espagne", then "à Séville").
    fn take_place(&mut self, mention: &MeetingMention) {
        if self.replaced_by(mention.place.as_deref(), mention.place_is_country) {
            self.place.clone_from(&mention.place);
            self.place_is_country = mention.place_is_country;
        }
    }

    /// Whether a place given for the event replaces its own: any place where it has none, a
    /// town where it has only a country.
    fn replaced_by(&self, place: Option<&str>, is_country: bool) -> bool {
        place.is_some() && (self.place.is_none() || (self.place_is_country && !is_country))
    }

    /// Takes in another report of the same meeting.
    fn join(&mut self, e: Event) {
        self.mentions.extend(e.mentions);
        self.dates.extend(e.dates);
        self.lead_dates.extend(e.lead_dates);
        self.today = self.today.or(e.today);
        // "un entretien", told elsewhere as "un entretien téléphonique": the call it was.
        if e.kind.remote() && !self.kind.remote() {
            self.kind = e.kind;
            self.trigger.clone_from(&e.trigger);
        }
        // The title takes the articles' own noun ("réunion") over a verb ("a reçu").
        if !is_meeting_noun(&fold(&self.trigger)) && is_meeting_noun(&fold(&e.trigger)) {
            self.trigger = e.trigger;
        }
        if self.replaced_by(e.place.as_deref(), e.place_is_country) {
            self.place = e.place;
            self.place_is_country = e.place_is_country;
        }
        self.people.extend(e.people);
        self.groups.extend(e.groups);
        self.body = self.body.take().or(e.body);
        self.countries.extend(e.countries);
        self.called_off = self.called_off.max(e.called_off);
        self.announced &= e.announced;
        self.held |= e.held;
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
pub fn events(
    articles: &[Article],
    x: &[ArticleExtraction],
    registry: &Registry,
    gazetteer: &Gazetteer,
) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    for (a, ex) in x.iter().enumerate() {
        let published_day = articles[a]
            .published
            .filter(|d| d.precision() == Precision::Day)
            .map(|d| d.first_day());
        events.extend(article_events(a, ex, registry, gazetteer, published_day));
    }
    merge(events, x, gazetteer)
}

/// The events one article tells: each mention continues the event just told, or one told a
/// little earlier of the same kind ("la réunion" after a visit was announced), or starts one.
fn article_events(
    a: usize,
    ex: &ArticleExtraction,
    registry: &Registry,
    gazetteer: &Gazetteer,
    published_day: Option<NaiveDate>,
) -> Vec<Event> {
    let mut current: Option<Event> = None;
    let mut finished: Vec<Event> = Vec::new();
    for (m, mention) in ex.entities.meetings.iter().enumerate() {
        // Only those the registry shows as people ("Sciences Po" is no participant).
        let people: BTreeSet<PersonId> = mention
            .people
            .iter()
            .filter_map(|&p| registry.of(a, p))
            .filter(|&p| registry.person(p).typed)
            .collect();
        let mut groups: BTreeSet<(String, usize)> = mention
            .groups
            .iter()
            .flat_map(|g| g.countries.iter().map(move |&c| (singular(&g.role), c)))
            .collect();
        // "La France accueille le sommet": a country that takes part in a summit does so by its
        // leader.
        if mention.kind == MeetingKind::Summit {
            groups.extend(
                mention
                    .countries
                    .iter()
                    .map(|&c| ("dirigeant".to_string(), c)),
            );
        }
        // "le chef de l'État français": the one person of the registry who holds that office
        // for that country, named by this article if several do.
        let mut people = people;
        groups.retain(|(role, country)| {
            match registry.by_role(gazetteer, role, *country, &BTreeSet::from([a])) {
                Some(p) => {
                    people.insert(p);
                    false
                }
                None => true,
            }
        });
        let continues = current.as_ref().is_some_and(|e| {
            e.told_again(mention, &people, ex) && (!mention.anaphoric || same_noun(e, mention))
        });
        let earlier = (!continues)
            .then(|| {
                finished
                    .iter()
                    .rposition(|e| earlier_event(e, mention, &people, ex))
            })
            .flatten();
        // "cette rencontre" with nothing of its kind before: the meeting just told.
        let continues = continues || (earlier.is_none() && mention.anaphoric && current.is_some());
        if earlier.is_none() && !continues {
            finished.extend(current.take());
            current = Some(Event {
                trigger: mention.trigger.clone(),
                kind: mention.kind,
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
        if let Some(d) = mention.lead_date {
            event.lead_dates.push((a, d));
        }
        if mention.today {
            event.today = event.today.or(published_day);
        }
        event.take_place(mention);
        event.body = event.body.take().or_else(|| mention.body.clone());
        event.people.extend(people);
        event.groups.extend(groups);
        event.countries.extend(mention.countries.iter().copied());
        let date_after = mention
            .date
            .is_some_and(|d| ex.dates[d].relation == crate::dates::grammar::Relation::After);
        // Cancelled outweighs refused, which outweighs postponed (the order of the enum).
        event.called_off = event.called_off.max(mention.called_off);
        if mention.announced || date_after {
            event.announced = true;
        } else if !mention.anaphoric {
            event.held = true;
        }
    }
    finished.extend(current.take());
    finished
}

/// Whether a reference back ("cette visite", "la réunion") names an event by its own word, or
/// by one of a meeting in person ("cette visite" after "X a reçu Y").
fn same_noun(e: &Event, mention: &MeetingMention) -> bool {
    let stem = |t: &str| fold(t).chars().take(5).collect::<String>();
    let in_person = |k: MeetingKind| matches!(k, MeetingKind::Bilateral | MeetingKind::Visit);
    stem(&e.trigger) == stem(&mention.trigger) || (in_person(e.kind) && in_person(mention.kind))
}

/// Whether a mention that does not continue the event just told goes back to an earlier one:
/// "la réunion" after a visit was announced is the article's last réunion, not the visit; a
/// mention without date or town naming a participant of an earlier event tells of that one.
fn earlier_event(
    e: &Event,
    mention: &MeetingMention,
    people: &BTreeSet<PersonId>,
    ex: &ArticleExtraction,
) -> bool {
    if mention.anaphoric {
        return same_noun(e, mention);
    }
    let town = mention.place.is_some() && !mention.place_is_country;
    mention.date.is_none() && !town && !people.is_empty() && e.told_again(mention, people, ex)
}

/// "ministres des Affaires étrangères" → "ministre des Affaires étrangères".
fn singular(role: &str) -> String {
    match role.split_once(' ') {
        Some((first, rest)) => format!("{} {rest}", first.trim_end_matches('s')),
        None => role.trim_end_matches('s').to_string(),
    }
}

/// Joins the events that are the same meeting.
fn merge(events: Vec<Event>, x: &[ArticleExtraction], gazetteer: &Gazetteer) -> Vec<Event> {
    let mut groups = UnionFind::new(events.len());
    same_place_same_day(&events, x, &mut groups);
    undated_at_a_dated_place(&events, x, &mut groups);
    unplaced_on_a_placed_day(&events, x, &mut groups);
    same_place_shared_participants(&events, x, &mut groups);
    same_people_a_day_apart(&events, x, gazetteer, &mut groups);
    let mut merged: BTreeMap<usize, Event> = BTreeMap::new();
    for (i, e) in events.into_iter().enumerate() {
        let root = groups.find(i);
        let target = merged.entry(root).or_default();
        if target.mentions.is_empty() {
            *target = e;
        } else {
            target.join(e);
        }
    }
    merged.into_values().collect()
}

/// The event's day, when its date is one.
fn day(e: &Event, x: &[ArticleExtraction]) -> Option<NaiveDate> {
    e.date(x).filter(|d| d.2 == Precision::Day).map(|d| d.0)
}

/// The event's dates, from and to, however precise.
fn span(e: &Event, x: &[ArticleExtraction]) -> Option<(NaiveDate, NaiveDate)> {
    e.date(x).map(|d| (d.0, d.1))
}

/// Whether two places can be one meeting's: the same, one missing, or a country and one of its
/// towns ("au Liban", "à Beyrouth").
fn places_agree(a: Option<&str>, b: Option<&str>, g: &Gazetteer) -> bool {
    use crate::gazetteer::NamedPlace;
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let country = |p: &str| match g.place(p) {
        Some(NamedPlace::Country(c)) => Some((c, true)),
        Some(NamedPlace::City(city)) => Some((g.cities().city(city).country, false)),
        None => None,
    };
    // "Caire" from "au Caire" and "Le Caire" are one town.
    let bare = |p: &str| {
        let folded = fold(p);
        ["le ", "la ", "les ", "l'"]
            .iter()
            .find_map(|article| folded.strip_prefix(article).map(str::to_string))
            .unwrap_or(folded)
    };
    bare(a) == bare(b)
        || match (country(a), country(b)) {
            (Some((x, a_country)), Some((y, b_country))) => x == y && (a_country || b_country),
            _ => false,
        }
}

/// Where the event is held, when that is a place: "visioconférence" is none, and two meetings
/// by video on one day are not one for that.
fn venue(e: &Event) -> Option<&str> {
    e.place
        .as_deref()
        .filter(|p| *p != crate::extract::venues::VIRTUAL_PLACE)
}

/// Whether two events name a participant in common.
fn shares(a: &Event, b: &Event) -> bool {
    !a.people.is_disjoint(&b.people) || !a.groups.is_disjoint(&b.groups)
}

/// Whether two events each name people, none of them in common.
fn strangers(a: &Event, b: &Event) -> bool {
    !nobody(a) && !nobody(b) && !shares(a, b)
}

fn nobody(e: &Event) -> bool {
    e.people.is_empty() && e.groups.is_empty()
}

/// Same place, same day (a call is never the visit of that day).
fn same_place_same_day(events: &[Event], x: &[ArticleExtraction], groups: &mut UnionFind) {
    let mut by_place_day: HashMap<(String, NaiveDate, bool), usize> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        // Meetings by video on one day are one when no one named sets them apart.
        let virtual_alone = e.place.as_deref() == Some(crate::extract::venues::VIRTUAL_PLACE)
            && e.people.is_empty();
        let place = venue(e).or(virtual_alone.then_some(crate::extract::venues::VIRTUAL_PLACE));
        let (Some(place), Some(d)) = (place.map(fold), day(e, x)) else {
            continue;
        };
        let call = e.kind == MeetingKind::PhoneCall;
        match by_place_day.get(&(place.clone(), d, call)) {
            // Two visitors of one town on one day, each with their own people, are two visits.
            Some(&j) if strangers(e, &events[j]) => {}
            Some(&j) => {
                groups.union(i, j);
            }
            None => {
                by_place_day.insert((place, d, call), i);
            }
        }
    }
}

/// An undated event at a place where one dated event of the same kind took place, unless
/// other people met there.
fn undated_at_a_dated_place(events: &[Event], x: &[ArticleExtraction], groups: &mut UnionFind) {
    let mut dated_at: HashMap<(String, MeetingKind), Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if let (Some(place), Some(_)) = (venue(e), span(e, x)) {
            dated_at.entry((fold(place), e.kind)).or_default().push(i);
        }
    }
    for (i, e) in events.iter().enumerate() {
        if let (Some(place), None) = (venue(e), span(e, x)) {
            if let Some(&[j]) = dated_at.get(&(fold(place), e.kind)).map(Vec::as_slice) {
                // Other people at the same place are another meeting; what is announced there is
                // not what was held there.
                let same_status = e.status() == events[j].status();
                if same_status && (shares(e, &events[j]) || nobody(e) || nobody(&events[j])) {
                    groups.union(i, j);
                }
            }
        }
    }
}

/// An event without a place, on the day of a placed event of the same kind.
fn unplaced_on_a_placed_day(events: &[Event], x: &[ArticleExtraction], groups: &mut UnionFind) {
    let mut placed_by_day: HashMap<(NaiveDate, MeetingKind), usize> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if let (Some(_), Some(d)) = (venue(e), day(e, x)) {
            placed_by_day.entry((d, e.kind)).or_insert(i);
        }
    }
    for (i, e) in events.iter().enumerate() {
        if e.place.is_none() {
            if let Some(&j) = day(e, x).and_then(|d| placed_by_day.get(&(d, e.kind))) {
                // Many meetings of a kind are held on one day: the same people, or one side
                // naming nobody.
                if shares(e, &events[j]) || nobody(e) {
                    groups.union(i, j);
                }
            }
        }
    }
}

/// Events of compatible kinds with a named participant in common, dated a day apart at most
/// (sources count days from their own publication): one event told across articles and days,
/// wherever each source places it ("en visioconférence", "depuis Paris"). Indexed by person,
/// each person's events in order of day: never all pairs.
fn same_people_a_day_apart(
    events: &[Event],
    x: &[ArticleExtraction],
    gazetteer: &Gazetteer,
    groups: &mut UnionFind,
) {
    let mut by_person: HashMap<PersonId, Vec<(NaiveDate, usize)>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        let Some(d) = day(e, x) else { continue };
        for &p in &e.people {
            by_person.entry(p).or_default().push((d, i));
        }
    }
    let mut people: Vec<_> = by_person.into_iter().collect();
    people.sort_by_key(|(p, _)| *p);
    for (_, mut dated) in people {
        dated.sort();
        for pair in dated.windows(2) {
            let ((d1, i), (d2, j)) = (pair[0], pair[1]);
            let (a, b) = (&events[i], &events[j]);
            // The same people: two in common (one person meets many others, every day), or on
            // one day one person's one meeting of a kind; at one place, or where a source gives
            // none or only the town's country.
            let shared = a.people.intersection(&b.people).count();
            let within = a.people.is_subset(&b.people) || b.people.is_subset(&a.people);
            let same_people = shared >= 2 || (shared >= 1 && d1 == d2 && within);
            let same_place = places_agree(venue(a), venue(b), gazetteer);
            // What was announced for a day and what was held that day are one meeting.
            let status_agrees = a.announced == b.announced || d1 == d2;
            if (d2 - d1).num_days() <= 1
                && (a.kind.compatible(b.kind) || one_conversation(a, b, d1 == d2))
                && status_agrees
                && same_people
                && same_place
            {
                groups.union(i, j);
            }
        }
    }
}

/// "un entretien entre X et Y" and, the same day, "un entretien téléphonique entre X et Y": the
/// same people on one day, one side a call or a video meeting, the other a conversation with
/// no place of its own.
fn one_conversation(a: &Event, b: &Event, same_day: bool) -> bool {
    let unplaced_talk = |e: &Event| {
        matches!(e.kind, MeetingKind::Bilateral | MeetingKind::Talks) && e.place.is_none()
    };
    same_day
        && a.people.len() >= 2
        && a.people == b.people
        && a.groups.is_empty()
        && b.groups.is_empty()
        && (a.kind.remote() && unplaced_talk(b) || b.kind.remote() && unplaced_talk(a))
}

/// Events at the same place, of compatible kinds and dates, with a participant in common and
/// the same status.
fn same_place_shared_participants(
    events: &[Event],
    x: &[ArticleExtraction],
    groups: &mut UnionFind,
) {
    let mut by_place: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if let Some(place) = venue(e).map(fold) {
            by_place.entry(place).or_default().push(i);
        }
    }
    for members in by_place.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in members.iter().skip(k + 1).take(50) {
                // Both dated to one day (an undated meeting joins the one dated meeting of its
                // place; a month holds many meetings at one place).
                let compatible = match (day(&events[i], x), day(&events[j], x)) {
                    (Some(a), Some(b)) => a == b,
                    _ => false,
                };
                if compatible
                    && events[i].kind.compatible(events[j].kind)
                    && shares(&events[i], &events[j])
                    && events[i].announced == events[j].announced
                {
                    groups.union(i, j);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_town_with_or_without_its_article_is_one_place() {
        let g = Gazetteer::shipped();
        assert!(places_agree(Some("Caire"), Some("Le Caire"), g));
        assert!(places_agree(Some("Le Havre"), Some("Havre"), g));
        assert!(!places_agree(Some("Caire"), Some("Alger"), g));
    }
}
