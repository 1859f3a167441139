//! What is new: each fact and meeting of a briefing is compared with what earlier briefings
//! published, through stable keys that survive a change of wording or of sources.
//!
//! A fact is known by the sentences it shows and cites (article content hash and byte range):
//! the same sentence in a later briefing, whatever wording is chosen to show and whichever
//! articles join it, points back to the briefing that first published it. A meeting is known
//! by each article's report of it (article content hash and kind). Marks compare with
//! briefings dated before this one only, so running the same night twice gives the same marks.

use super::{State, StateError};
use crate::model::{Briefing, Changes, Fact, Meeting};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Earlier briefings, as the marks need them (reads go straight to the database).
pub struct Seen<'a> {
    conn: &'a rusqlite::Connection,
    date: NaiveDate,
}

impl<'a> Seen<'a> {
    pub(super) fn load(conn: &'a rusqlite::Connection, date: NaiveDate) -> rusqlite::Result<Self> {
        Ok(Seen { conn, date })
    }

    /// The earliest briefing that published one of these sentences.
    fn first_briefing(&self, keys: &[String]) -> rusqlite::Result<Option<String>> {
        let mut query = self
            .conn
            .prepare_cached("SELECT first_briefing FROM published_sentences WHERE key = ?1")?;
        let mut first: Option<String> = None;
        for key in keys {
            let day: Option<String> = query.query_row(params![key], |r| r.get(0)).optional()?;
            if let Some(day) = day {
                if first.as_ref().is_none_or(|f| &day < f) {
                    first = Some(day);
                }
            }
        }
        Ok(first)
    }

    /// For a meeting's reports: the first briefing that published one, and the most sources
    /// and whether a date was known in the last briefing before this one that published it.
    fn meeting(&self, keys: &[String]) -> rusqlite::Result<Option<(String, i64, bool)>> {
        let mut query = self.conn.prepare_cached(
            "SELECT briefing, sources, dated FROM published_meetings WHERE key = ?1 AND briefing < ?2",
        )?;
        let date = self.date.to_string();
        let mut first: Option<String> = None;
        let mut last: Option<(String, i64, bool)> = None;
        for key in keys {
            let rows = query.query_map(params![key, date], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, bool>(2)?,
                ))
            })?;
            for row in rows {
                let (day, sources, dated) = row?;
                if first.as_ref().is_none_or(|f| &day < f) {
                    first = Some(day.clone());
                }
                if last.as_ref().is_none_or(|l| day > l.0) {
                    last = Some((day, sources, dated));
                }
            }
        }
        Ok(first
            .zip(last)
            .map(|(first, (_, sources, dated))| (first, sources, dated)))
    }
}

/// What this briefing publishes, to record once it is written.
#[derive(Debug, Default)]
pub struct Published {
    sentences: Vec<String>,
    meetings: Vec<(String, i64, bool)>,
}

impl Published {
    pub(super) fn save(&self, tx: &Transaction, day: &str) -> rusqlite::Result<()> {
        let mut sentence = tx.prepare_cached(
            "INSERT OR IGNORE INTO published_sentences (key, first_briefing) VALUES (?1, ?2)",
        )?;
        for key in &self.sentences {
            sentence.execute(params![key, day])?;
        }
        let mut meeting = tx.prepare_cached(
            "INSERT OR REPLACE INTO published_meetings (key, briefing, sources, dated) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (key, sources, dated) in &self.meetings {
            meeting.execute(params![key, day, sources, dated])?;
        }
        Ok(())
    }
}

/// Marks every fact and meeting of `briefing` new, updated or known, fills its `changes`, and
/// says what to record. `hashes` gives each source id's article content hash.
pub fn mark(
    state: &State,
    briefing: &mut Briefing,
    hashes: &HashMap<String, String>,
    previous: Option<NaiveDate>,
) -> Result<Published, StateError> {
    let date: NaiveDate = briefing.date.parse().expect("the model's date is ISO");
    let seen = state.seen(date)?;
    let fail = |e| state.unusable(e);
    let mut published = Published::default();
    let mut new_facts = std::collections::BTreeSet::new();
    let mut mark_fact = |fact: &mut Fact, published: &mut Published| -> Result<(), StateError> {
        let keys = sentence_keys(fact, hashes);
        let first = seen.first_briefing(&keys).map_err(fail)?;
        let first = first
            .filter(|f| f.as_str() < briefing_date(date).as_str())
            .unwrap_or_else(|| briefing_date(date));
        fact.new = Some(first == briefing_date(date));
        if fact.new == Some(true) {
            new_facts.insert(fact.text.clone());
        }
        fact.first_briefing = Some(first);
        published.sentences.extend(keys);
        Ok(())
    };
    for fact in facts_of(briefing) {
        mark_fact(fact, &mut published)?;
    }
    let (mut new_meetings, mut updated_meetings) = (0, 0);
    for meeting in &mut briefing.meetings {
        let keys = meeting_keys(meeting, hashes);
        let sources = meeting.sources.len() as i64;
        let dated = meeting.date.is_some();
        match seen.meeting(&keys).map_err(fail)? {
            Some((first, before, was_dated)) => {
                meeting.new = Some(false);
                meeting.updated = Some(sources > before || (dated && !was_dated));
                meeting.first_briefing = Some(first);
            }
            None => {
                meeting.new = Some(true);
                meeting.updated = Some(false);
                meeting.first_briefing = Some(briefing_date(date));
            }
        }
        new_meetings += usize::from(meeting.new == Some(true));
        updated_meetings += usize::from(meeting.updated == Some(true));
        published
            .meetings
            .extend(keys.into_iter().map(|k| (k, sources, dated)));
    }
    briefing.changes = Some(Changes {
        previous: previous.map(|d| d.to_string()),
        new_facts: new_facts.len(),
        new_meetings,
        updated_meetings,
    });
    Ok(published)
}

fn briefing_date(date: NaiveDate) -> String {
    date.to_string()
}

/// Every fact of the briefing: key points, headline, sections and meetings.
fn facts_of(briefing: &mut Briefing) -> impl Iterator<Item = &mut Fact> {
    briefing
        .headline
        .iter_mut()
        .chain(briefing.key_points.iter_mut())
        .chain(
            briefing
                .countries
                .iter_mut()
                .flat_map(|c| c.facts.iter_mut()),
        )
        .chain(briefing.blocs.iter_mut().flat_map(|b| b.facts.iter_mut()))
        .chain(
            briefing
                .meetings
                .iter_mut()
                .flat_map(|m: &mut Meeting| m.facts.iter_mut()),
        )
}

fn sentence_keys(fact: &Fact, hashes: &HashMap<String, String>) -> Vec<String> {
    fact.spans
        .iter()
        .filter_map(|s| {
            hashes
                .get(&s.source)
                .map(|h| key(&format!("{h}:{}:{}", s.start, s.end)))
        })
        .collect()
}

fn meeting_keys(meeting: &Meeting, hashes: &HashMap<String, String>) -> Vec<String> {
    // Two meetings of one kind in one article are told apart by their place.
    let kind = serde_json::to_string(&meeting.kind).expect("a kind serialises");
    let place = meeting.place.as_deref().unwrap_or("");
    meeting
        .sources
        .iter()
        .filter_map(|s| hashes.get(s).map(|h| key(&format!("{h}:{kind}:{place}"))))
        .collect()
}

fn key(text: &str) -> String {
    crate::hashing::hex(&Sha256::digest(text.as_bytes())[..16])
}

/// The content hash of an article as read: what it says and when, not where it was found.
pub fn article_hash(article: &crate::corpus::Article) -> String {
    let mut hasher = Sha256::new();
    for part in [
        article.title.as_deref().unwrap_or(""),
        &article.published.map(|d| d.to_string()).unwrap_or_default(),
        &article.body,
    ] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    crate::hashing::hex(&hasher.finalize())
}
