//! The briefing model: plain serde types, exported as `briefing-DATE.json` (schema `brief/1`)
//! and rendered by the templates. Field names are a contract: add, never rename or drop.

use crate::dates::{PartialDate, Precision};
use serde::Serialize;

pub const SCHEMA: &str = "brief/1";

#[derive(Debug, Clone, Serialize)]
pub struct Briefing {
    pub schema: &'static str,
    /// The briefing's date, ISO.
    pub date: String,
    pub period: Period,
    pub generator: Generator,
    pub corpus: CorpusSummary,
    pub sources: Vec<Source>,
    /// The period's best-corroborated key point, for page one's headline.
    pub headline: Option<Fact>,
    pub key_points: Vec<Fact>,
    /// *À suivre*: meetings and deadlines announced after the briefing's date, soonest first.
    pub upcoming: Vec<TimelineEntry>,
    pub countries: Vec<CountrySection>,
    pub blocs: Vec<BlocSection>,
    pub meetings: Vec<Meeting>,
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    pub timeline: Vec<TimelineEntry>,
    /// What analysts should double-check: single-source claims, contradictions, announced
    /// events, undated material.
    pub vigilance: Vec<Vigilance>,
    /// The acronyms the briefing's articles use, with their long names.
    pub glossary: Vec<GlossaryEntry>,
    /// What went wrong or was guessed while reading; in the JSON as "file: message" lines.
    #[serde(serialize_with = "as_texts")]
    pub warnings: Vec<crate::warning::Warning>,
    /// With a state: what is new since the previous briefing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Vigilance {
    pub kind: VigilanceKind,
    /// What it concerns: a meeting's title (as the summariser gives it, in French), a fact's
    /// text, an article's title or file. Why is its kind; the document says it in words.
    pub subject: String,
    /// The meeting it concerns, if any (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    pub sources: Vec<String>,
}

/// Why a point deserves caution; serialised as "single_source", "contradiction", "announced",
/// "undated", the keys of the labels file's `vigilance` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VigilanceKind {
    SingleSource,
    Contradiction,
    Announced,
    Undated,
}

/// Where a meeting stands; serialised as "announced", "held", "postponed", "cancelled",
/// "refused".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// Told in the future or conditional, or dated after its article: not confirmed.
    #[default]
    Announced,
    Held,
    /// "reporté", "repoussé", "ajourné".
    Postponed,
    /// "a refusé de rencontrer", "a décliné l'invitation".
    Refused,
    /// "annulé". Declared last: a meeting called off in several ways is cancelled.
    Cancelled,
}

/// What kind of meeting an event is; serialised as "summit", "meeting", "bilateral", "visit",
/// "talks", "phone_call", "videoconference", "summons".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// Heads of state or government together: "sommet", "forum".
    Summit,
    /// Several parties around a table: "réunion", "conférence", "conseil des ministres".
    Meeting,
    /// Two people meet: "rencontre", "entretien", "a reçu", "s'est entretenu".
    #[default]
    Bilateral,
    /// Someone travels to a place: "visite", "déplacement", "se rendra".
    Visit,
    /// Negotiations over time: "pourparlers", "négociations", "débattra avec".
    Talks,
    /// "entretien téléphonique", "au téléphone".
    PhoneCall,
    /// "par visioconférence".
    Videoconference,
    /// A government calls in a foreign envoy: "a convoqué l'ambassadeur de…".
    Summons,
}

impl MeetingKind {
    /// Its name in the JSON and in the labels file's `kind_…` keys: "phone_call".
    pub fn key(self) -> &'static str {
        match self {
            MeetingKind::Summit => "summit",
            MeetingKind::Meeting => "meeting",
            MeetingKind::Bilateral => "bilateral",
            MeetingKind::Visit => "visit",
            MeetingKind::Talks => "talks",
            MeetingKind::PhoneCall => "phone_call",
            MeetingKind::Videoconference => "videoconference",
            MeetingKind::Summons => "summons",
        }
    }

    /// Whether two mentions of these kinds can tell of one event: a visit is also where the
    /// host receives the visitor, talks happen at a summit; a phone call is never a visit.
    pub fn compatible(self, other: MeetingKind) -> bool {
        use MeetingKind::*;
        self == other || !(self.remote() || other.remote() || self == Summons || other == Summons)
    }

    /// Whether the parties meet at a distance: a call or a video meeting.
    pub fn remote(self) -> bool {
        matches!(self, MeetingKind::PhoneCall | MeetingKind::Videoconference)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryEntry {
    pub short: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Period {
    pub since: Option<String>,
    pub until: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Generator {
    pub name: &'static str,
    pub version: &'static str,
}

/// What the briefing read.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusSummary {
    /// Regular files found in the corpus, readable or not.
    pub files: usize,
    /// Articles read and kept for the period.
    pub articles: usize,
    /// Distinct outlets among them (articles with no known outlet not counted).
    pub outlets: usize,
    pub languages: Vec<String>,
    /// FNV-1a 64 of the kept articles' files and bodies, hex: changes when the input does.
    pub hash: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub id: String,
    pub file: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub published_precision: Precision,
    /// Shown as English words in the JSON ("front matter", "meta article:published_time").
    #[serde(serialize_with = "as_text")]
    pub published_from: crate::corpus::DateFrom,
    pub language: String,
    /// JSON Lines: the line the article is on.
    pub line: Option<usize>,
    /// Other places the same article or story was found (read as this one source).
    pub duplicates: Vec<crate::corpus::Location>,
    /// Outlets it says it relays ("selon Reuters").
    pub relayed: Vec<String>,
    /// How many facts of the briefing cite it.
    pub cited_by: usize,
    /// Whether anything in the briefing (fact, meeting, quote, timeline entry) cites it.
    pub referenced: bool,
    /// Whether it arrived late: first seen after the previous briefing although dated before
    /// this period (`--since last`). Only written when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Fact {
    pub text: String,
    pub sources: Vec<String>,
    pub date: Option<PartialDate>,
    pub date_precision: Precision,
    pub spans: Vec<Span>,
    /// Distinct outlets among the sources (a source with no known outlet counts as one).
    pub outlets: usize,
    /// Independent origins: a relayed wire ("selon Reuters") counts once, whoever relays it.
    pub origins: usize,
    pub single_source: bool,
    /// With a state: whether no earlier briefing published it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<bool>,
    /// With a state: the date of the first briefing that published it (this one when new).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_briefing: Option<String>,
    /// Who the subject pronoun opening `text` stands for, shown in brackets after it; `text`
    /// stays the source's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<Antecedent>,
}

/// The person a fact's opening pronoun stands for: "Il [Kofi Mensah] a annoncé…".
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Antecedent {
    /// The byte offset in the fact's text where the brackets go: right after the pronoun.
    pub at: usize,
    pub name: String,
}

/// Where a fact's text stands in a source: byte offsets into that article's body.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Span {
    pub source: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountrySection {
    pub name: String,
    pub iso3: String,
    /// How many sentences of the corpus speak of it.
    pub mentions: usize,
    pub facts: Vec<Fact>,
    /// People of this country the briefing names.
    pub people: Vec<Named>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlocSection {
    pub name: String,
    pub short: String,
    /// ISO3 codes of its members.
    pub members: Vec<String>,
    pub facts: Vec<Fact>,
    /// Its officials the cited articles name ("secrétaire général", "haut représentant"): they
    /// belong to it, not to a country.
    pub people: Vec<Named>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub id: String,
    pub title: String,
    pub date: Option<PartialDate>,
    pub date_precision: Precision,
    pub place: Option<String>,
    pub kind: MeetingKind,
    /// The word its title names it by, finer than its kind: a key of the labels' `kind_…` words
    /// ("conference", "summit", "phone_call"); an English title is made of that word.
    pub noun: &'static str,
    pub status: MeetingStatus,
    /// The people who took part, each named by the articles.
    pub participants: Vec<Participant>,
    /// Those the articles give only by office and country ("ses homologues allemand et
    /// chinois"): no one of the registry holds that office.
    pub counterparts: Vec<Counterpart>,
    pub facts: Vec<Fact>,
    pub sources: Vec<String>,
    pub quotes: Vec<Quote>,
    pub outlets: usize,
    pub origins: usize,
    /// Different dates given for this meeting by different sources.
    pub contradictions: Vec<DivergingDate>,
    /// With a state: whether no earlier briefing reported it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<bool>,
    /// With a state: reported before, and since then it gained sources or a date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<bool>,
    /// With a state: the date of the first briefing that reported it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_briefing: Option<String>,
}

/// With a state: what changed since the previous briefing.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// The previous published briefing's date, if any.
    pub previous: Option<String>,
    pub new_facts: usize,
    pub new_meetings: usize,
    pub updated_meetings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    pub name: String,
    pub role: Option<String>,
    pub country_iso3: Option<String>,
}

/// A participant the articles do not name: an office and its country.
#[derive(Debug, Clone, Serialize)]
pub struct Counterpart {
    pub role: String,
    pub country_iso3: String,
}

/// A person as a section names them: name and role (as the articles write it).
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub country_iso3: Option<String>,
    /// The international organisation (its short name) whose official the person is, who
    /// then has no country.
    pub organisation: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_role: Option<String>,
    pub speaker_country_iso3: Option<String>,
    pub sources: Vec<String>,
}

/// A dated event, for the timeline and *À suivre*.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: PartialDate,
    pub date_precision: Precision,
    pub text: String,
    pub sources: Vec<String>,
    /// The text's first words, 40 characters at most, to label the event on the frieze.
    pub short: String,
    /// The id of the meeting the entry tells of, whose title labels it better, if any.
    pub meeting: Option<String>,
    /// What the sentence tells happened, who acted and where: the frieze's short title.
    pub title: EventTitle,
}

/// A timeline entry's short title, in parts the document words in its language: "Démission
/// Dupont", "Explosion, Lyon", "Sanctions UE–Russie". Empty when the sentence names neither
/// an event nor an actor (the frieze then draws its dot without a label).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct EventTitle {
    /// What happened, by the first event word of the sentence's main clause.
    pub event: Option<EventKind>,
    /// Who: up to two people (surnames), countries or organisations, in the sentence's order.
    pub actors: Vec<Actor>,
    /// Where: the first town the sentence names, as written.
    pub place: Option<String>,
}

impl EventTitle {
    /// Whether the title says anything worth a label: an event or an actor.
    pub fn is_empty(&self) -> bool {
        self.event.is_none() && self.actors.is_empty()
    }
}

/// Someone a short title names; serialised as `{"kind": "person", "name": "Dupont"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Actor {
    /// A person's surname.
    Person(String),
    /// A country's ISO3 code (its name depends on the document's language).
    Country(String),
    /// An organisation's short form ("ONU", "UE").
    Organisation(String),
}

/// What happened, as `data/fr/event_words.tsv` classes its words; each kind's word in each
/// language is the labels file's `event_KIND`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Explosion,
    Attack,
    Coup,
    Election,
    Inauguration,
    Resignation,
    Arrest,
    Poisoning,
    Sanctions,
    Agreement,
    Protest,
    Truce,
    Referendum,
    Appointment,
    Sentence,
    Fire,
    Earthquake,
    Strike,
    Kidnapping,
    Release,
    Hospitalisation,
    Evacuation,
    Death,
    Funeral,
    Vote,
    Trial,
    Investigation,
    Lockdown,
    Closure,
    Strikes,
    Offensive,
    Summit,
    Visit,
    Meeting,
    Conference,
    Talks,
    Accident,
}

impl EventKind {
    /// The kind's key, as the data file and the labels file write it ("resignation").
    pub fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The kind a key names, if any.
    pub fn from_key(key: &str) -> Option<EventKind> {
        serde_json::from_value(serde_json::Value::String(key.to_string())).ok()
    }
}

/// Serialises values as their `Display` texts.
pub fn as_texts<T: std::fmt::Display, S: serde::Serializer>(
    values: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(values.iter().map(ToString::to_string))
}

/// Serialises a value as its `Display` text.
pub fn as_text<T: std::fmt::Display, S: serde::Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// One of the different days sources give for a meeting.
#[derive(Debug, Clone, Serialize)]
pub struct DivergingDate {
    /// The day ("2025-06-12" in the JSON).
    pub date: chrono::NaiveDate,
    /// The source that gives it.
    pub source: String,
}
