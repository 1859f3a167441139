//! People, quotes and meeting mentions in one article's sentences, from the patterns news
//! writing uses: the types they share, and [`find`], which reads an article sentence by sentence
//! with the finders of `people` and `roles`, `quotes`, `meetings` and `venues`. Pure; byte ranges
//! index the article's body.

use super::arguments::{Antecedent, Reading};
use super::meetings::{join_companions, meeting_in, share_the_delegations_country, tells_on};
use super::people::{find_people, learn_surnames, resolve_surnames, subject_of};
use super::quotes::{self, QuoteMention};
use crate::dates::grammar::DateMention;
use crate::dates::Precision;
use crate::gazetteer::{Gazetteer, Gender, Mention, OrgMention};
use crate::model::{MeetingKind, MeetingStatus};
use crate::text::tokens;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A person named in a sentence, with the role and country the sentence gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMention {
    pub start: usize,
    pub end: usize,
    /// The name as written ("Kofi Mensah", or "Mensah" for a later mention).
    pub name: String,
    /// "ministre des Affaires étrangères", without the country.
    pub role: Option<String>,
    /// Index into the gazetteer's countries.
    pub country: Option<usize>,
    /// How this mention gives the country; `None` when it only repeats an earlier mention's.
    pub country_by: Option<CountryEvidence>,
    /// The international organisation whose office the role is ("secrétaire général de
    /// l'ONU"): its officials belong to it, not to a country. Index into the gazetteer's
    /// organisations.
    pub organisation: Option<usize>,
    /// Where the person's noun phrase starts: the role and its determiner before the name
    /// ("le président ghanéen Kofi Mensah"), else the name.
    pub phrase_start: usize,
    /// As a title, a role's article or form, or a given name tells it.
    pub gender: Option<Gender>,
    /// How the mention shows a person: a given name, a title or role, or neither (a
    /// capitalised run that only looks like a name).
    pub typed_by: Option<PersonEvidence>,
    pub sentence: usize,
}

/// What makes a capitalised run a person's name rather than a company's, a place's or a
/// title's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PersonEvidence {
    /// Its first word is a given name of the gazetteer.
    GivenName,
    /// A title or role stands by it: "M. Mensah", "le général Kane", "X, ministre de…".
    Role,
}

/// How a mention tells a person's country, from the weakest to the strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CountryEvidence {
    /// A companion of a delegation whose head's country is known: "X était accompagné du
    /// ministre des Finances, Y".
    Delegation,
    /// An office holder named right after a capital where a visitor was received: "a
    /// rencontré à Dakar le président X".
    Host,
    /// A demonym or adjective next to the name: "l'Américaine X", "X, le chef rebelle congolais".
    Apposition,
    /// The role itself: "le ministre malien des Affaires étrangères", "le président du Niger".
    Role,
}

impl CountryEvidence {
    /// How much one mention's evidence weighs against another's.
    pub fn weight(self) -> usize {
        match self {
            CountryEvidence::Delegation | CountryEvidence::Host => 1,
            CountryEvidence::Apposition => 2,
            CountryEvidence::Role => 4,
        }
    }
}

/// Participants given by role and country rather than by name ("les ministres des Affaires
/// étrangères du Ghana, du Togo et du Bénin", "ses homologues de la CEDEAO").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleGroup {
    pub role: String,
    pub countries: Vec<usize>,
}

/// A sentence that speaks of a meeting, visit, summit or conference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingMention {
    pub sentence: usize,
    /// The word that marks it ("réunion", "visite", "a accueilli").
    pub trigger: String,
    /// The date the sentence gives, if any (index into the article's dates).
    pub date: Option<usize>,
    /// For a meeting told as news without a date of its own, the day of the article's lead
    /// (index into the article's dates): wire copy dates its main event in its first lines.
    pub lead_date: Option<usize>,
    pub place: Option<String>,
    /// The place is a country, not a town: a weaker clue ("la sécheresse en Bolivie").
    pub place_is_country: bool,
    pub kind: MeetingKind,
    /// Indices into the article's people.
    pub people: Vec<usize>,
    pub groups: Vec<RoleGroup>,
    pub countries: Vec<usize>,
    pub organisations: Vec<usize>,
    /// Future or conditional: the meeting is announced, not reported as held.
    pub announced: bool,
    /// "cette rencontre", "la réunion": the same meeting as the article's previous mention.
    pub anaphoric: bool,
    /// Postponed, cancelled or refused, when the sentence says so.
    pub called_off: Option<MeetingStatus>,
    /// No date, but a time of day: the meeting is on the article's day.
    pub today: bool,
    /// A subject pronoun right before the verb: "il en débattra avec", "elle s'est entretenue".
    pub pronoun_subject: bool,
    /// Told in the pluperfect ("avait reçu"): before the article's news.
    pub pluperfect: bool,
    /// "elle y discutera avec…": at the place just named, the meeting just told.
    pub there: bool,
    /// The body that meets, as the noun's complement names it: "du Conseil de sécurité",
    /// "de l'Otan", "du G7".
    pub body: Option<String>,
}

impl MeetingMention {
    /// Whether the mention names no participant: no person, role, country or organisation.
    pub fn nobody(&self) -> bool {
        self.people.is_empty()
            && self.groups.is_empty()
            && self.countries.is_empty()
            && self.organisations.is_empty()
    }
}

/// What `find` returns for one article.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Entities {
    pub people: Vec<PersonMention>,
    pub quotes: Vec<QuoteMention>,
    pub meetings: Vec<MeetingMention>,
}

/// A sentence as the entity finder needs it.
pub struct SentenceView<'a> {
    pub start: usize,
    pub end: usize,
    pub countries: &'a [Mention],
    pub organisations: &'a [OrgMention],
    pub places: &'a [crate::gazetteer::PlaceMention],
}

impl SentenceView<'_> {
    /// Whether the article offset `at` lies inside a country's or an organisation's name.
    pub fn names_a_country_or_body(&self, at: usize) -> bool {
        self.countries.iter().any(|m| m.start <= at && at < m.end)
            || self
                .organisations
                .iter()
                .any(|o| o.start <= at && at < o.end)
    }
}

/// People, quotes and meetings of an article, sentence by sentence, with later mentions of a
/// surname resolved to the full name the article gave earlier. `published` is the article's
/// day, when it has one: a meeting told as news without a date of its own takes the day of
/// the article's lead.
pub fn find(
    body: &str,
    sentences: &[SentenceView],
    dates: &[DateMention],
    published: Option<NaiveDate>,
    gazetteer: &Gazetteer,
) -> Entities {
    let mut out = Entities::default();
    let mut last_subject: Option<String> = None;
    let mut antecedents: Vec<Antecedent> = Vec::new();
    let mut known = HashMap::new();
    let lead = lead_day(sentences, dates, published);
    // The last day a sentence gave (its date index and the sentence's), for a meeting told
    // after it without a date of its own.
    let mut recent_day: Option<(usize, usize)> = None;
    for (index, s) in sentences.iter().enumerate() {
        let text = &body[s.start..s.end];
        let words = tokens(text);
        let first_person = out.people.len();
        find_people(text, &words, s, index, gazetteer, &mut out.people);
        resolve_surnames(&words, s, index, &mut out.people, first_person, &known);
        learn_surnames(&out.people, first_person, &mut known);
        let people_here: Vec<usize> = (first_person..out.people.len()).collect();
        let found = quotes::in_sentence(&quotes::Context {
            text,
            sentence: s,
            index,
            people: &out.people[first_person..],
            article_people: &out.people,
            last_quote: out.quotes.last(),
            previous_subject: last_subject.as_deref(),
            antecedents: &antecedents,
            gazetteer,
        });
        out.quotes.extend(found);
        last_subject = subject_of(&out.people[first_person..], s, text);
        let reading = Reading {
            text,
            words: &words,
            view: s,
            people: &out.people,
            here: &people_here,
            dates,
            quotes: quotes::spans(text),
            gazetteer,
        };
        let meeting = meeting_in(&reading, index, &antecedents);
        remember_the_subject(&reading, &mut antecedents);
        match meeting {
            // "cette visite", with no one named and nothing told before it: nothing to tell.
            Some(meeting) if meeting.anaphoric && out.meetings.is_empty() && meeting.nobody() => {}
            Some(mut meeting) => {
                let previous = out.meetings.last().filter(|m| index - m.sentence <= 4);
                if previous.is_some_and(|p| tells_on(&meeting, p, &words, &out.people)) {
                    meeting.anaphoric = true;
                }
                let news = !meeting.announced
                    && !meeting.pluperfect
                    && !meeting.anaphoric
                    && !opens_with_a_day_number(&words);
                if meeting.date.is_none() && !meeting.today && news {
                    meeting.lead_date = recent_day
                        .filter(|&(_, at)| index - at <= NARRATIVE_SENTENCES)
                        .map(|(d, _)| d)
                        .or(lead);
                }
                out.meetings.push(meeting);
            }
            None => {
                let joined = join_companions(
                    text,
                    &words,
                    s.start,
                    index,
                    &people_here,
                    &out.people,
                    &mut out.meetings,
                );
                share_the_delegations_country(&joined, &out.meetings, &mut out.people);
            }
        }
        // The sentence's day dates the meetings of the sentences after it, not its own.
        if let Some(d) = news_day_in(s, dates, published) {
            recent_day = Some((d, index));
        }
    }
    out
}

/// The day of the article's lead: the first day its first sentences give that is the
/// article's day or one of the week before (a wire's first lines date its main event: "a
/// protesté mercredi", "Dimanche 5 mai, en soirée"); index into the article's dates.
fn lead_day(
    sentences: &[SentenceView],
    dates: &[DateMention],
    published: Option<NaiveDate>,
) -> Option<usize> {
    let published = published?;
    let start = sentences.first()?.start;
    let end = sentences[..sentences.len().min(LEAD_SENTENCES)].last()?.end;
    dates
        .iter()
        .position(|d| d.start >= start && d.end <= end && a_news_day(d, published))
}

/// The last day of the news the sentence gives, if any (index into the article's dates).
fn news_day_in(
    s: &SentenceView,
    dates: &[DateMention],
    published: Option<NaiveDate>,
) -> Option<usize> {
    let published = published?;
    let first = dates.partition_point(|d| d.start < s.start);
    let after = dates.partition_point(|d| d.start < s.end);
    (first..after)
        .rev()
        .find(|&i| dates[i].end <= s.end && a_news_day(&dates[i], published))
}

/// Whether a date is a day of the article's news: one day, the article's or one of the week
/// before it.
fn a_news_day(d: &DateMention, published: NaiveDate) -> bool {
    d.precision == Precision::Day
        && d.from == d.to
        && d.from <= published
        && published - d.from <= chrono::Duration::days(7)
}

/// How many sentences back a day given by the story still dates a meeting told without one.
const NARRATIVE_SENTENCES: usize = 5;

/// "Le 27, Paris a convoqué…": a sentence that opens with a day of the month the date grammar
/// left unread tells of another day than the lead's.
fn opens_with_a_day_number(words: &[crate::text::Token]) -> bool {
    let day = |w: &str| w.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n));
    matches!(
        words.first().map(|w| w.folded.as_ref()),
        Some("le" | "les" | "du")
    ) && words.get(1).is_some_and(|w| day(&w.folded))
}

/// How many sentences make an article's lead.
const LEAD_SENTENCES: usize = 3;

/// Keeps the sentence's subject (a person or an organisation, with its gender) for the
/// pronouns of the sentences after it; the last few are kept.
fn remember_the_subject(r: &Reading, antecedents: &mut Vec<Antecedent>) {
    if let Some(a) = r.sentence_subject() {
        antecedents.push(a);
        if antecedents.len() > ANTECEDENTS {
            antecedents.remove(0);
        }
    }
}

/// How many sentences' subjects a pronoun may stand for.
const ANTECEDENTS: usize = 4;

/// What the finders' tests share: an article's entities from its text alone, read on 10 March
/// 2021, and what they say of a person.
#[cfg(test)]
pub(super) mod testing {
    use super::*;

    pub fn entities(body: &str) -> Entities {
        let g = Gazetteer::shipped();
        let ranges = crate::extract::sentences::split_sentences(body);
        let countries: Vec<Vec<Mention>> = ranges
            .iter()
            .map(|r| g.countries_in(body, r.clone()))
            .collect();
        let orgs: Vec<Vec<OrgMention>> = ranges
            .iter()
            .map(|r| g.organisations_in(body, r.clone()))
            .collect();
        let places: Vec<Vec<crate::gazetteer::PlaceMention>> = ranges
            .iter()
            .map(|r| g.places_in(body, r.clone()))
            .collect();
        let views: Vec<SentenceView> = ranges
            .iter()
            .enumerate()
            .map(|(i, r)| SentenceView {
                start: r.start,
                end: r.end,
                countries: &countries[i],
                organisations: &orgs[i],
                places: &places[i],
            })
            .collect();
        let published = crate::dates::parse_iso_partial("2021-03-10");
        let dates = crate::dates::grammar::find(body, published);
        find(body, &views, &dates, published.map(|d| d.first_day()), g)
    }

    pub fn country(p: &PersonMention) -> Option<&str> {
        p.country
            .map(|c| Gazetteer::shipped().countries[c].iso3.as_str())
    }

    pub fn person<'a>(e: &'a Entities, name: &str) -> &'a PersonMention {
        e.people
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} in {:?}", e.people))
    }
}

#[cfg(test)]
mod tests {
    use super::testing::entities;

    #[test]
    fn speakers_of_chained_reflexive_and_warning_quotes() {
        let e = entities(
            "Selon elle, le port \"doit rester ouvert aux pêcheurs de toute la côte\" et \"les quotas doivent être revus chaque année\", a déclaré la ministre portugaise de la Pêche Helena Cardoso.",
        );
        assert_eq!(e.quotes.len(), 2);
        for q in &e.quotes {
            assert_eq!(q.speaker.as_deref(), Some("Helena Cardoso"));
        }
        let e = entities(
            "\"Nos agriculteurs auront enfin de l'eau cet été\", s'est réjoui le Premier ministre irlandais Sean Byrne.",
        );
        assert_eq!(e.quotes[0].speaker.as_deref(), Some("Sean Byrne"));
        let e = entities(
            "Devant les éleveurs réunis à Cork, Sean Byrne a mis en garde contre une \"hausse brutale du prix du fourrage\".",
        );
        assert_eq!(e.quotes[0].speaker.as_deref(), Some("Sean Byrne"));
        // Nested quotes are no chain (and no panic).
        let e = entities(
            "« Il a dit “nous ne céderons jamais rien” devant tous », a déclaré le ministre Sean Byrne.",
        );
        assert!(!e.quotes.is_empty());
    }

    #[test]
    fn quotes_are_attributed() {
        let e = entities("« Nous ne reculerons pas devant la menace », a déclaré Jean Dupont. Selon Marie Curie, « la science avance lentement mais sûrement ».");
        assert_eq!(e.quotes.len(), 2);
        assert_eq!(e.quotes[0].speaker.as_deref(), Some("Jean Dupont"));
        assert_eq!(e.quotes[1].speaker.as_deref(), Some("Marie Curie"));
    }
}
