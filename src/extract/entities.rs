//! People, quotes and meeting mentions in one article's sentences, from the patterns news
//! writing uses. Pure; byte ranges index the article's body.

use super::quotes::{self, QuoteMention};
use crate::dates::grammar::DateMention;
use crate::gazetteer::{Gazetteer, Mention, MentionKind, OrgMention};
use crate::lexicon::Lexicon;
use crate::model::{MeetingKind, MeetingStatus};
use crate::text::{fold, head, tail, tokens, Token};
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
    pub sentence: usize,
}

/// How a mention tells a person's country, from the weakest to the strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CountryEvidence {
    /// A companion of a delegation whose head's country is known: "X était accompagné du
    /// ministre des Finances, Y".
    Delegation,
    /// The only country the sentence names, with a role that gives none.
    Sentence,
    /// A demonym or adjective next to the name: "l'Américaine X", "X, le chef rebelle congolais".
    Apposition,
    /// The role itself: "le ministre malien des Affaires étrangères", "le président du Niger".
    Role,
}

impl CountryEvidence {
    /// How much one mention's evidence weighs against another's.
    pub fn weight(self) -> usize {
        match self {
            CountryEvidence::Delegation | CountryEvidence::Sentence => 1,
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
}

/// Whether a folded word is a meeting noun ("réunion", "sommet"…: `data/fr/meeting_nouns.tsv`).
pub fn is_meeting_noun(folded: &str) -> bool {
    Lexicon::get().meeting_nouns.contains_key(folded)
}

/// Nouns that name a journey only when a destination follows: "un déplacement à Rome", not
/// "le déplacement de milliers de personnes".
const JOURNEY_NOUNS: &[&str] = &["deplacement", "tournee"];

/// Words that make any meeting a phone call.
const PHONE_WORDS: &[&str] = &["telephonique", "telephoniques", "telephone"];

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

/// People, quotes and meetings of an article, sentence by sentence, with later mentions of a
/// surname resolved to the full name the article gave earlier.
pub fn find(
    body: &str,
    sentences: &[SentenceView],
    dates: &[DateMention],
    gazetteer: &Gazetteer,
) -> Entities {
    let mut out = Entities::default();
    let mut last_subject: Option<String> = None;
    let mut known = HashMap::new();
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
            gazetteer,
        });
        out.quotes.extend(found);
        last_subject = subject_of(&out.people[first_person..], s, text);
        match meeting_in(
            text,
            &words,
            s,
            index,
            dates,
            &people_here,
            &out.people,
            gazetteer,
        ) {
            Some(mut meeting) => {
                let previous = out.meetings.last().filter(|m| index - m.sentence <= 4);
                if previous.is_some_and(|p| tells_on(&meeting, p, &words, &out.people)) {
                    meeting.anaphoric = true;
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
    }
    out
}

/// Whether a meeting with no date or place of its own, a few sentences after another, tells on
/// that one: "Ces responsables se sont entretenus avec X", "Il s'est aussi entretenu avec Y", or
/// a sentence naming one of its participants again. "Z a ensuite rencontré Y" is another meeting.
fn tells_on(
    meeting: &MeetingMention,
    previous: &MeetingMention,
    words: &[Token],
    people: &[PersonMention],
) -> bool {
    if meeting.date.is_some() || (meeting.place.is_some() && !meeting.place_is_country) {
        return false;
    }
    let anaphoric_subject = words
        .first()
        .is_some_and(|w| ANAPHORIC_SUBJECTS.contains(&w.folded.as_ref()))
        || meeting.pronoun_subject;
    let shared = meeting.people.iter().any(|&a| {
        previous
            .people
            .iter()
            .any(|&b| people[a].name == people[b].name)
    });
    anaphoric_subject || shared
}

/// Sentence openings that speak of those just named: "Ces responsables", "Les deux hommes", "Il".
const ANAPHORIC_SUBJECTS: &[&str] = &["ces", "ce", "cette", "les", "il", "elle", "ils", "elles"];

/// Auxiliaries and copulas: a clause with one of them is not a noun phrase.
const FINITE_VERBS: &[&str] = &[
    "a", "ont", "est", "sont", "etait", "etaient", "avait", "avaient", "sera", "seront",
];

/// How near (in bytes) a companion's name stands to "accompagné de" or before "l'accompagnait".
const COMPANION_WINDOW: usize = 200;

/// "X était accompagné du ministre Y et de Z", "Y l'accompagnait", right after a meeting's
/// sentence: Y and Z take part in it. Only the names right after "accompagné de/par" or right
/// before "l'accompagnait" do: "Le convoi, accompagné par des soldats, a été attaqué, a déclaré
/// X" gives none.
fn join_companions(
    text: &str,
    words: &[Token],
    sentence_start: usize,
    index: usize,
    people_here: &[usize],
    people: &[PersonMention],
    meetings: &mut [MeetingMention],
) -> Vec<usize> {
    let mut joined = Vec::new();
    let Some(meeting) = meetings.last_mut().filter(|m| index - m.sentence <= 3) else {
        return joined;
    };
    for (k, w) in words.iter().enumerate() {
        if !(w.folded.starts_with("accompagn") || w.folded.starts_with("entour")) {
            continue;
        }
        let after = words
            .get(k + 1)
            .is_some_and(|n| matches!(n.folded.as_ref(), "de" | "du" | "des" | "d" | "par"));
        let pronoun_before = k > 0 && matches!(words[k - 1].folded.as_ref(), "l" | "les");
        let (at, end) = (sentence_start + w.start, sentence_start + w.end);
        for &p in people_here {
            let person = &people[p];
            // "accompagné du ministre des Finances, X", not "accompagné par des soldats, a été
            // attaqué, a déclaré X": no verb between.
            let follows = after
                && person.start >= end
                && person.start - end <= COMPANION_WINDOW
                && !tokens(&text[w.end..person.start - sentence_start])
                    .iter()
                    .any(|t| FINITE_VERBS.contains(&t.folded.as_ref()));
            let precedes = pronoun_before
                && person.end <= at
                && at - person.end <= COMPANION_WINDOW
                && !text[person.end - sentence_start..w.start].contains('.');
            if (follows || precedes) && !meeting.people.contains(&p) {
                meeting.people.push(p);
                joined.push(p);
            }
        }
    }
    joined
}

/// Companions with no country of their own take the country of the delegation's head, the
/// first person of the meeting with one: "la ministre kényane X était accompagnée de son ministre des
/// Finances, Y" makes Y Turkish, as weak evidence that any other mention outweighs.
fn share_the_delegations_country(
    joined: &[usize],
    meetings: &[MeetingMention],
    people: &mut [PersonMention],
) {
    let Some(meeting) = meetings.last() else {
        return;
    };
    // The delegation's head, when the meeting's other people are of one country: with a host
    // and a visitor named, whose delegation it is cannot be told.
    let mut countries: Vec<usize> = meeting
        .people
        .iter()
        .filter(|p| !joined.contains(p))
        .filter_map(|&p| people[p].country)
        .collect();
    countries.sort_unstable();
    countries.dedup();
    let [country] = countries[..] else {
        return;
    };
    for &p in joined {
        if people[p].country.is_none() {
            people[p].country = Some(country);
            people[p].country_by = Some(CountryEvidence::Delegation);
        }
    }
}

/// How far (in bytes) a role phrase is looked for before or after a name.
const ROLE_WINDOW: usize = 400;

/// Byte ranges, for "does anything overlap this range?" in logarithmic time.
struct Spans {
    /// Sorted by start.
    spans: Vec<(usize, usize)>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl Spans {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let max_end = spans
            .iter()
            .scan(0, |max, &(_, end)| {
                *max = end.max(*max);
                Some(*max)
            })
            .collect();
        Spans { spans, max_end }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.spans.partition_point(|&(s, _)| s < end);
        before_end > 0 && self.max_end[before_end - 1] > start
    }
}

/// A word that can be part of a person's name: capitalised, letters only, not a function word,
/// and not an acronym written in capitals ("AFP", "GNA", "ONG"), which names an organisation
/// and, glued to a name, would make "AFP Tarek X" a person.
fn is_name_word(text: &str, w: &Token) -> bool {
    let word = &text[w.start..w.end];
    w.capitalised
        && word.chars().all(|c| c.is_alphabetic())
        && !(word.chars().count() >= 2 && word.chars().all(char::is_uppercase))
        && Lexicon::get().can_be_in_a_name(&w.folded)
}

/// The sentence's subject, if a person: named near its start, not after a preposition ("de",
/// "à", "contre"…), so that "Le président a reçu X" does not make X the subject.
fn subject_of(people: &[PersonMention], s: &SentenceView, text: &str) -> Option<String> {
    let first = people.first()?;
    let at = first.start - s.start;
    let before = fold(tail(&text[..at], 16));
    // After a preposition, or "selon" (a source), "dont" or "que" (an object).
    let preposition = before
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| {
            Lexicon::get().prepositions.contains(w) || matches!(w, "selon" | "dont" | "que")
        });
    (at <= 100 && !preposition).then(|| first.name.clone())
}

/// Names: runs of two to five capitalised words (particles allowed inside, joined by spaces,
/// hyphens or apostrophes), or one capitalised word after "M.", "le général"…, not inside a
/// country or organisation name.
fn find_people(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    index: usize,
    g: &Gazetteer,
    out: &mut Vec<PersonMention>,
) {
    let lexicon = Lexicon::get();
    let named = Spans::new(
        s.countries
            .iter()
            .map(|m| (m.start, m.end))
            .chain(s.organisations.iter().map(|m| (m.start, m.end)))
            .chain(s.places.iter().map(|m| (m.start, m.end))),
    );
    let taken = |start: usize, end: usize| named.overlaps(s.start + start, s.start + end);
    let mut i = 0;
    while i < words.len() {
        if !is_name_word(text, &words[i]) || taken(words[i].start, words[i].end) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last_name_word = i;
        while j < words.len() {
            let gap = &text[words[j - 1].end..words[j].start];
            if !matches!(gap, " " | "-" | "'" | "’") {
                break;
            }
            let w = &words[j];
            if is_name_word(text, w) && !taken(w.start, w.end) {
                last_name_word = j;
                j += 1;
            } else if lexicon.name_particles.contains(w.folded.as_ref())
                && j + 1 < words.len()
                && is_name_word(text, &words[j + 1])
            {
                j += 1;
            } else {
                break;
            }
        }
        let run_end = last_name_word + 1;
        // "le ministre des Armées Florence X": the ministry's name is the role's, not the person's.
        if run_end - i >= 3 && office_before(text, &words[i]) {
            i += 1;
        }
        let count = run_end - i;
        let cued = i > 0 && lexicon.person_cues.contains(words[i - 1].folded.as_ref());
        let (start, end) = (words[i].start, words[last_name_word].end);
        // "Porto Novo", "San Pedro": a town's name is a place, unless a title makes it a name.
        let town = !cued && g.cities().by_name(&text[start..end]).is_some();
        if !town && ((2..=5).contains(&count) || (count == 1 && cued)) {
            let (role, found) = role_around(text, words, i, last_name_word, g, s);
            out.push(PersonMention {
                start: s.start + start,
                end: s.start + end,
                name: text[start..end].to_string(),
                role,
                country: found.map(|(c, _)| c),
                country_by: found.map(|(_, by)| by),
                sentence: index,
            });
        }
        i = run_end;
    }
}

/// Whether `word` follows an office's complement: "ministre des", "ministre de l'",
/// "secrétaire d'État à la", where a capitalised word names the ministry.
fn office_before(text: &str, word: &Token) -> bool {
    let before = fold(tail(&text[..word.start], 60));
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    let complement = n >= 2 && matches!(words[n - 1], "des" | "du" | "de" | "la" | "l" | "a");
    complement
        && words[n.saturating_sub(4)..n - 1].iter().any(|w| {
            matches!(
                *w,
                "ministre" | "ministres" | "secretaire" | "ministere" | "etat"
            )
        })
}

/// A role phrase right before the name ("le ministre malien des Affaires étrangères, X", "le
/// président X") or right after it ("X, ministre nigérien de la Défense").
fn role_around(
    text: &str,
    words: &[Token],
    first: usize,
    last: usize,
    g: &Gazetteer,
    s: &SentenceView,
) -> (Option<String>, Option<(usize, CountryEvidence)>) {
    let name_start = words[first].start;
    let name_end = words[last].end;
    // Before: the clause that ends at the name (or at the comma just before it), within a
    // window (a role phrase has twelve words at most).
    let window = tail(&text[..name_start], ROLE_WINDOW);
    let window_start = name_start - window.len();
    let before = window.trim_end();
    let before = before.strip_suffix(',').unwrap_or(before);
    let clause_start = before.rfind([',', ';', ':', '(', '«', '.']).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    // "le président X et le ministre des Affaires étrangères Y": Y's role is after the "et".
    let clause_start = match before[clause_start..].rfind(" et ") {
        Some(at) if starts_with_role(&before[clause_start + at + 4..], g) => clause_start + at + 4,
        _ => clause_start,
    };
    // "X a rencontré à Dakar le président Y": Y's role starts after the verb, not at X's.
    let clause_start = clause_start + after_last_verb(&before[clause_start..]);
    let clause = &before[clause_start..];
    let before_role = role_in(clause, window_start + clause_start, g, s, true);
    // After: ", [le|la|l'] ROLE …" up to the next comma.
    let after = head(&text[name_end..], ROLE_WINDOW);
    let after_role = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(" ("))
        .filter(|rest| starts_with_role(rest, g))
        .and_then(|rest| {
            let end = rest
                .find([',', ';', '.', '(', ')', '«'])
                .unwrap_or(rest.len());
            let offset = name_end + (after.len() - rest.len());
            role_in(&rest[..end], offset, g, s, false)
        });
    let apposition = apposition_country(text, name_start, name_end, s, g)
        .map(|c| (c, CountryEvidence::Apposition));
    // The side that also gives a country wins ("le général X, ministre burkinabè de la Défense").
    let (role, country) = match (before_role, after_role) {
        (Some(b), Some(a)) if b.1.is_none() && a.1.is_some() => a,
        (Some(b), _) => b,
        (None, Some(a)) => a,
        (None, None) => return (None, apposition),
    };
    let from_role = country.map(|c| (c, CountryEvidence::Role));
    // No country in the role: a demonym by the name, or else the one country the sentence
    // names, if it names only one.
    let found = from_role
        .or(apposition)
        .or_else(|| host_of_the_capital(text, name_start, s))
        .or_else(|| {
            let mut named: Vec<usize> = s.countries.iter().map(|m| m.country).collect();
            named.sort_unstable();
            named.dedup();
            (named.len() == 1).then(|| (named[0], CountryEvidence::Sentence))
        });
    (Some(role), found)
}

/// Where a clause goes on after its last auxiliary and the participle that follows ("Le ministre
/// X a rencontré | samedi à Dakar le président"), or 0 without one. "à" is no auxiliary.
fn after_last_verb(clause: &str) -> usize {
    let words = tokens(clause);
    words
        .iter()
        .rposition(|w| {
            let raw = &clause[w.start..w.end];
            FINITE_VERBS.contains(&w.folded.as_ref()) && !matches!(raw, "à" | "À")
        })
        .map_or(0, |k| {
            words.get(k + 1).map_or(words[k].end, |next| next.end)
        })
}

/// "a rencontré à Dakar le président X", "reçu à Rabat par le roi X": an office holder named
/// right after a capital is its country's.
fn host_of_the_capital(
    text: &str,
    name_start: usize,
    s: &SentenceView,
) -> Option<(usize, CountryEvidence)> {
    s.countries
        .iter()
        .filter(|m| m.kind == MentionKind::Capital && m.end - s.start <= name_start)
        .max_by_key(|m| m.end)
        .filter(|m| {
            let between = &text[m.end - s.start..name_start];
            let before = fold(tail(&text[..m.start - s.start], 4));
            between.len() <= 40
                && !between.contains([',', ';', ':', '(', '.'])
                && before.trim_end().ends_with(" a")
                && matches!(
                    fold(between.trim_start()).split(' ').next(),
                    Some("le" | "la" | "par")
                )
        })
        .map(|m| (m.country, CountryEvidence::Sentence))
}

/// A country adjective or demonym right by the name: "l'Américaine X", "le Malien X", or in an
/// apposition that opens with a determiner, "X, le chef rebelle congolais,".
fn apposition_country(
    text: &str,
    name_start: usize,
    name_end: usize,
    s: &SentenceView,
    g: &Gazetteer,
) -> Option<usize> {
    let adjective = |m: &&Mention| m.kind == MentionKind::Adjective;
    let (start, end) = (s.start + name_start, s.start + name_end);
    if let Some(m) = s
        .countries
        .iter()
        .filter(adjective)
        .find(|m| m.end <= start && start - m.end <= 2)
    {
        return Some(m.country);
    }
    // "le Conseil présidentiel (CP) de X": the head of a national body.
    let lead = fold(tail(&text[..name_start], 24));
    if lead.ends_with(" de ") || lead.ends_with(" du ") || lead.ends_with(" d'") {
        if let Some(c) = national_body(s, start.saturating_sub(24), start, g) {
            return Some(c);
        }
    }
    let after = head(&text[name_end..], 100);
    let rest = after.strip_prefix(", ")?;
    let opens = fold(head(rest, 4));
    if !(opens.starts_with("l'")
        || opens.starts_with("l’")
        || opens.starts_with("le ")
        || opens.starts_with("la ")
        || opens.starts_with("un"))
    {
        return None;
    }
    let close = end + 2 + rest.find([',', ';', '.', '(']).unwrap_or(rest.len());
    s.countries
        .iter()
        .filter(adjective)
        .find(|m| m.start >= end && m.end <= close)
        .map(|m| m.country)
        .or_else(|| national_body(s, end, close, g))
}

/// The country of an organisation named between `start` and `end` that belongs to one country
/// (a government, an army, an armed group of one country).
fn national_body(s: &SentenceView, start: usize, end: usize, g: &Gazetteer) -> Option<usize> {
    s.organisations
        .iter()
        .filter(|o| o.start >= start && o.end <= end)
        .find_map(|o| match g.organisations[o.org].members.as_slice() {
            [one] if g.organisations[o.org].kind != crate::gazetteer::OrgKind::Bloc => Some(*one),
            _ => None,
        })
}

/// Whether `text` opens with a role, after at most a determiner and an adjective: "ministre
/// nigérien de…", "le président", "l'ancien ministre" — not "a déclaré le porte-parole".
fn starts_with_role(text: &str, g: &Gazetteer) -> bool {
    let folded = fold(head(text, 80));
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let determiners = &Lexicon::get().role_determiners;
    let skip = usize::from(words.first().is_some_and(|w| determiners.contains(w)));
    let skip = skip + usize::from(words.get(skip).is_some_and(|w| ROLE_ADJECTIVES.contains(w)));
    let rest = words[skip.min(words.len())..].join(" ");
    g.roles.iter().any(|r| {
        rest.starts_with(r.as_str())
            && rest[r.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || c == 's')
    })
}

/// Adjectives before a role: "l'ancien ministre", "le nouveau président".
const ROLE_ADJECTIVES: &[&str] = &[
    "ancien", "ancienne", "nouveau", "nouvelle", "actuel", "actuelle", "premier", "puissant",
    "influent",
];

/// The role phrase in `clause` (which starts at byte `offset` of the sentence): from its role
/// word to the end; country from an adjective or a "du/de la …" complement inside it.
pub(super) fn role_in(
    clause: &str,
    offset: usize,
    g: &Gazetteer,
    s: &SentenceView,
    at_end: bool,
) -> Option<(String, Option<usize>)> {
    let folded = fold(clause);
    // Find the earliest role word that starts a word (longest role first at each place).
    let mut best: Option<(usize, usize)> = None;
    for role in &g.roles {
        let mut from = 0;
        while let Some(found) = folded[from..].find(role.as_str()) {
            let at = from + found;
            let starts_word = at == 0
                || !folded[..at]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphanumeric);
            let after = folded[at + role.len()..].chars().next();
            let ends_word = after.is_none_or(|c| !c.is_alphanumeric() || c == 's');
            if starts_word
                && ends_word
                && best.is_none_or(|(b, len)| at < b || (at == b && role.len() > len))
            {
                best = Some((at, role.len()));
            }
            from = at + role.len();
        }
    }
    let (at, _) = best?;
    let before_role: Vec<&str> = folded[..at]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let determined = before_role
        .last()
        .is_some_and(|w| ["le", "la", "l", "son", "sa", "leur", "du", "au", "de"].contains(w));
    if at_end && before_role.len() > 3 && !determined {
        return None;
    }
    // Byte offsets in `folded` and `clause` differ when folding changes lengths: map by chars.
    let char_at = folded[..at].chars().count();
    let byte_at = clause
        .char_indices()
        .nth(char_at)
        .map_or(clause.len(), |(i, _)| i);
    let phrase = clause[byte_at..].trim().trim_end_matches(',');
    if phrase.split_whitespace().count() > 12 {
        return None;
    }
    let phrase_start = s.start + offset + byte_at;
    let phrase_end = phrase_start + phrase.len();
    let mut country = None;
    let mut cleaned = phrase.to_string();
    let mut removals: Vec<(usize, usize)> = Vec::new();
    for m in s
        .countries
        .iter()
        .filter(|m| m.start >= phrase_start && m.end <= phrase_end)
    {
        let local = (m.start - phrase_start, m.end - phrase_start);
        let before = phrase[..local.0].trim_end();
        let lower_before = fold(before);
        let posting = lower_before.ends_with(" au")
            || lower_before.ends_with(" en")
            || lower_before.ends_with(" aux")
            || lower_before == "au";
        match m.kind {
            MentionKind::Adjective => {
                country.get_or_insert(m.country);
                removals.push(local);
            }
            _ if posting => {}
            _ => {
                if country.is_none() {
                    country = Some(m.country);
                }
                let complement = ["du ", "de la ", "de l’", "de l'", "des ", "de "]
                    .iter()
                    .find(|c| before.to_lowercase().ends_with(c.trim_end()))
                    .map_or(0, |c| c.trim_end().len() + 1);
                removals.push((local.0.saturating_sub(complement), local.1));
            }
        }
    }
    // "le ministre de l'Intérieur des talibans": a national body's country.
    if country.is_none() {
        country = national_body(s, phrase_start, phrase_end, g);
    }
    removals.sort();
    for (from, to) in removals.into_iter().rev() {
        if cleaned.is_char_boundary(from) && cleaned.is_char_boundary(to) {
            cleaned.replace_range(from..to, "");
        }
    }
    let cleaned = crate::text::squeeze_spaces(&cleaned);
    let cleaned = cleaned.trim_end_matches([',', ' ']).to_string();
    let mut chars = cleaned.chars();
    let role = match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => return None,
    };
    Some((role, country))
}

/// Later mentions by surname alone ("Mensah a souligné"), resolved to the article's full names.
/// `known` maps the folded surname of each full name of the earlier sentences to its first
/// mention; it grows sentence by sentence, so the whole article stays linear.
fn resolve_surnames(
    words: &[Token],
    s: &SentenceView,
    index: usize,
    people: &mut Vec<PersonMention>,
    first_here: usize,
    known: &HashMap<String, usize>,
) {
    // Single-word mentions found by cue ("M. Mensah") become the full name.
    for p in first_here..people.len() {
        if !people[p].name.contains(' ') {
            if let Some(&full) = known.get(&fold(&people[p].name)) {
                let (name, role, country) = (
                    people[full].name.clone(),
                    people[full].role.clone(),
                    people[full].country,
                );
                let mention = &mut people[p];
                mention.name = name;
                mention.role = mention.role.take().or(role);
                if mention.country.is_none() {
                    mention.country = country;
                    mention.country_by = None;
                }
            }
        }
    }
    // Bare surnames not caught as names.
    for w in words.iter().filter(|w| w.capitalised) {
        let start = s.start + w.start;
        if people[first_here..]
            .iter()
            .any(|p| p.start <= start && start < p.end)
        {
            continue;
        }
        if let Some(&full) = known.get(w.folded.as_ref()) {
            people.push(PersonMention {
                start,
                end: s.start + w.end,
                name: people[full].name.clone(),
                role: people[full].role.clone(),
                country: people[full].country,
                country_by: None,
                sentence: index,
            });
        }
    }
    people[first_here..].sort_by_key(|p| p.start);
}

/// Adds the full names of `people` to the surnames `known` (the first mention wins).
fn learn_surnames(people: &[PersonMention], first: usize, known: &mut HashMap<String, usize>) {
    for (i, p) in people.iter().enumerate().skip(first) {
        if p.name.contains(' ') || p.name.contains('-') {
            let surname = fold(p.name.rsplit([' ', '-']).next().unwrap_or(&p.name));
            known.entry(surname).or_insert(i);
        }
    }
}

/// The words that mark a meeting in a sentence: where they start and end, and the kind of
/// meeting they tell.
struct Trigger {
    at: usize,
    last: usize,
    kind: MeetingKind,
}

/// The first meeting word of a sentence: a meeting noun, or a verb of meeting ("a reçu", "se
/// sont entretenus", "rencontrait", "débattra avec"); a phone word near it makes it a call.
fn trigger(text: &str, words: &[Token]) -> Option<Trigger> {
    let lexicon = Lexicon::get();
    let f = |k: usize| words.get(k).map_or("", |w| w.folded.as_ref());
    let with_follows = |k: usize| (k + 1..k + 4).any(|j| f(j) == "avec");
    let mut found = None;
    for k in 0..words.len() {
        let w = f(k);
        if let Some(&kind) = lexicon.meeting_nouns.get(w) {
            if participle_without_meeting(text, words, k) {
                continue;
            }
            let press = lexicon.press_phrases.starts_at(words, k);
            let journey_without_destination = JOURNEY_NOUNS.contains(&w)
                && !(k + 1..k + 3).any(|j| matches!(f(j), "a" | "en" | "au" | "aux" | "dans"));
            if !press && !journey_without_destination && !interview(text, words, k) {
                found = Some((k, k, kind));
                break;
            }
            continue;
        }
        // "le conseil des ministres des Affaires étrangères de l'UE": a council with a complement
        // (the weekly cabinet, "le conseil des ministres" alone, is not looked at).
        if let Some(n) = lexicon.council_phrases.length_at(words, k) {
            if words.get(k + n + 1).is_some_and(|next| next.capitalised) {
                found = Some((k, k + n - 1, MeetingKind::Meeting));
                break;
            }
        }
        // "rencontrait au Havre le président", "recevait": the imperfect tells a meeting too.
        if IMPERFECT_MEETING_VERBS.contains(&w) {
            found = Some((k, k, MeetingKind::Bilateral));
            break;
        }
        let participle = ["accueilli", "recu", "rencontre"].contains(&w)
            && (1..=3).any(|b| k >= b && ["a", "ont", "avait", "avaient"].contains(&f(k - b)))
            && !meets_no_one(words, k);
        if participle {
            found = Some((k, k, MeetingKind::Bilateral));
            break;
        }
        // "présente à ses côtés à Lima", "qui se trouvait auprès de lui": being with someone.
        if is_presence_cue(words, k) {
            found = Some((k, k, MeetingKind::Bilateral));
            break;
        }
        // "il en débattra avec", "ont discuté avec": talks with whoever follows.
        if TALK_VERBS.contains(&w) && with_follows(k) {
            found = Some((k, k, MeetingKind::Talks));
            break;
        }
        // An adverb may sit inside the verb: "se sont aussi entretenus", "a longuement reçu".
        let skip = |j: usize| {
            if lexicon.verb_adverbs.contains(f(j)) {
                j + 1
            } else {
                j
            }
        };
        let k1 = skip(k + 1);
        let k2 = skip(k1 + 1);
        let verb = match (w, f(k1), f(k2)) {
            ("a" | "ont", "recu" | "accueilli" | "rencontre", _) if !meets_no_one(words, k1) => {
                Some((k1, MeetingKind::Bilateral))
            }
            ("a" | "ont", "discute" | "debattu", _) if with_follows(k1) => {
                Some((k1, MeetingKind::Talks))
            }
            ("s", "est", "tenu" | "tenue") => Some((k2, MeetingKind::Meeting)),
            ("s", "est", "entretenu" | "entretenue") => Some((k2, MeetingKind::Bilateral)),
            ("se", "sont", "reunis") => Some((k2, MeetingKind::Meeting)),
            ("se", "sont", "entretenus" | "rencontres") => Some((k2, MeetingKind::Bilateral)),
            ("se", "rendra" | "rendrait" | "rendront" | "rendraient", _) => {
                Some((k1, MeetingKind::Visit))
            }
            ("se", "tiendra" | "tiendront" | "tiendrait", _) => Some((k1, MeetingKind::Meeting)),
            ("s", "entretient" | "entretiennent" | "entretiendra" | "entretiendront", _) => {
                Some((k1, MeetingKind::Bilateral))
            }
            ("se", "rend" | "rendent", _) => Some((k1, MeetingKind::Visit)),
            ("se", "reunissent" | "retrouvent", _) => Some((k1, MeetingKind::Meeting)),
            ("recoit" | "accueille" | "accueillent" | "recoivent", _, _) => {
                Some((k, MeetingKind::Bilateral))
            }
            ("recevra" | "accueillera" | "rencontrera", _, _) => Some((k, MeetingKind::Bilateral)),
            _ => None,
        };
        if let Some((last, kind)) = verb {
            found = Some((k, last, kind));
            break;
        }
    }
    let (at, last, kind) = found?;
    let phone = (at.saturating_sub(3)..last + 7).any(|j| PHONE_WORDS.contains(&f(j)));
    let remote = words
        .iter()
        .any(|w| VIRTUAL_WORDS.contains(&w.folded.as_ref()));
    let kind = match (phone, remote) {
        (true, _) => MeetingKind::PhoneCall,
        (false, true) => MeetingKind::Videoconference,
        _ => kind,
    };
    Some(Trigger { at, last, kind })
}

/// "un entretien accordé au Monde", "dans un entretien à Sud-Ouest", "entretien au quotidien
/// X": an interview given to the press, not a meeting.
fn interview(text: &str, words: &[Token], k: usize) -> bool {
    let f = |k: usize| words.get(k).map_or("", |w| w.folded.as_ref());
    if !f(k).starts_with("entretien") {
        return false;
    }
    let given = matches!(
        f(k + 1),
        "accorde" | "accordee" | "publie" | "diffuse" | "donne"
    );
    // "à Sud-Ouest": a title joined by a hyphen, not a town.
    let hyphenated_title = match (words.get(k + 2), words.get(k + 3)) {
        (Some(a), Some(b)) => a.capitalised && b.capitalised && text[a.end..b.start] == *"-",
        _ => false,
    };
    let to_the_press = matches!(f(k + 1), "a" | "au" | "aux")
        && (Lexicon::get().media_nouns.contains(f(k + 2)) || hyphenated_title);
    given || to_the_press
}

/// "a rencontré" read as the noun "rencontre": a participle, a meeting only through the
/// verb's own rule (with an auxiliary and someone met).
fn participle_without_meeting(text: &str, words: &[Token], k: usize) -> bool {
    let raw = text[words[k].start..words[k].end].to_lowercase();
    let participle = ["é", "ée", "és", "ées"].iter().any(|e| raw.ends_with(e));
    let f = |k: usize| words.get(k).map_or("", |w| w.folded.as_ref());
    let auxiliary = (1..=3).any(|b| k >= b && ["a", "ont", "avait", "avaient"].contains(&f(k - b)));
    participle && (!auxiliary || meets_no_one(words, k))
}

/// "n'a rencontré aucun succès", "a reçu des renforts", "ont rencontré une forte résistance":
/// the verb's object is a thing (an indefinite or partitive article), nobody is met.
fn meets_no_one(words: &[Token], k: usize) -> bool {
    matches!(
        words.get(k + 1).map_or("", |w| w.folded.as_ref()),
        "d" | "de"
            | "des"
            | "du"
            | "un"
            | "une"
            | "aucun"
            | "aucune"
            | "peu"
            | "beaucoup"
            | "plusieurs"
            | "quelques"
    )
}

/// "présent à ses côtés", "aux côtés de", "se trouvait auprès de": someone is with someone, with
/// a word of presence just before ("combattre aux côtés de" is not a meeting).
fn is_presence_cue(words: &[Token], k: usize) -> bool {
    let f = |k: usize| words.get(k).map_or("", |w| w.folded.as_ref());
    let cue = match f(k) {
        "aupres" => matches!(f(k + 1), "d" | "de" | "du" | "des"),
        "cotes" => k >= 1 && matches!(f(k - 1), "ses" | "leurs" | "aux"),
        _ => false,
    };
    let first = if f(k) == "cotes" {
        k.saturating_sub(2)
    } else {
        k
    };
    cue && (first.saturating_sub(2)..first).any(|b| PRESENCE_WORDS.contains(&f(b)))
}

/// Words that tell someone is somewhere: "présent", "se trouvait".
const PRESENCE_WORDS: &[&str] = &[
    "present",
    "presente",
    "presents",
    "presentes",
    "trouvait",
    "trouvaient",
    "trouve",
    "trouvent",
    "etait",
    "etaient",
];

/// The imperfect of meeting verbs.
const IMPERFECT_MEETING_VERBS: &[&str] = &[
    "rencontrait",
    "recevait",
    "accueillait",
    "rencontraient",
    "recevaient",
];

/// Verbs that tell talks when "avec" follows: "débattra avec", "discuteront avec".
const TALK_VERBS: &[&str] = &[
    "debattra",
    "debattront",
    "discutera",
    "discuteront",
    "discutait",
    "discutaient",
];

/// A meeting mention: a meeting noun or verb, with what the sentence says of when, where and who.
#[allow(clippy::too_many_arguments)]
fn meeting_in(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    index: usize,
    dates: &[DateMention],
    people_here: &[usize],
    people: &[PersonMention],
    g: &Gazetteer,
) -> Option<MeetingMention> {
    let Trigger { at: k, last, kind } = trigger(text, words)?;
    let trigger = text[words[k].start..words[last].end].to_string();
    let f = |k: usize| words.get(k).map_or("", |w| w.folded.as_ref());
    let determiner = (1..=2).any(|b| {
        k >= b && ["cette", "ce", "ces", "cet", "la", "le", "les", "l"].contains(&f(k - b))
    });
    // "cette visite", "ces entretiens": the meeting just told, whatever else the sentence says.
    let demonstrative = k >= 1 && ["cette", "ce", "ces", "cet"].contains(&f(k - 1));
    // The article's dates are sorted by start: only the sentence's own are looked at.
    let first_date = dates.partition_point(|d| d.start < s.start);
    let after_dates = dates.partition_point(|d| d.start < s.end);
    let date = dates[first_date..after_dates]
        .iter()
        .enumerate()
        .map(|(i, d)| (first_date + i, d))
        .filter(|(_, d)| {
            d.end <= s.end
                && matches!(
                    d.precision,
                    crate::dates::Precision::Day
                        | crate::dates::Precision::Month
                        | crate::dates::Precision::Year
                )
        })
        .min_by_key(|(_, d)| (d.start as i64 - (s.start + words[k].start) as i64).abs())
        .map(|(i, _)| i)
        // After a demonstrative, only a date right by the noun is the meeting's ("cette visite
        // de mardi"); "après cette visite, il présidera mardi le conseil" dates something else.
        .filter(|&i| {
            let trigger_end = s.start + words[last].end;
            !demonstrative || (dates[i].start >= trigger_end && dates[i].start - trigger_end <= 24)
        });
    let person_spans: Vec<(usize, usize)> = people_here
        .iter()
        .map(|&p| (people[p].start, people[p].end))
        .collect();
    let place = place_in(text, words, s, g, &person_spans, words[k].start);
    let anaphoric = demonstrative || (determiner && date.is_none() && place.is_none());
    let place_is_country = place
        .as_ref()
        .is_some_and(|p| g.countries.iter().any(|c| c.name == *p));
    let today = date.is_none() && tells_the_hour(words);
    // "se rendra", "s'entretiendra", "débattra avec": a verb of meeting in the future.
    let future_verb = words[k..=last].iter().any(|w| {
        let f = w.folded.as_ref();
        f.chars().count() >= 5 && (f.ends_with("ra") || f.ends_with("ront"))
    });
    // "à quelques heures d'un sommet", "à la veille de la réunion": it is still to come.
    let lexicon = Lexicon::get();
    let eve = (k.saturating_sub(5)..k)
        .any(|b| lexicon.eve_phrases.starts_at(words, b) && (b == 0 || f(b - 1) != "y"));
    let announced = future_verb
        || eve
        || words
            .iter()
            .any(|w| lexicon.meeting_future_words.contains(w.folded.as_ref()));
    let countries: Vec<usize> = {
        let mut c: Vec<usize> = s.countries.iter().map(|m| m.country).collect();
        c.sort();
        c.dedup();
        c
    };
    let organisations: Vec<usize> = {
        let mut o: Vec<usize> = s.organisations.iter().map(|m| m.org).collect();
        o.sort();
        o.dedup();
        o
    };
    let groups = role_groups(text, words, s, people_here, people, g);
    Some(MeetingMention {
        sentence: index,
        trigger,
        date,
        place,
        place_is_country,
        kind,
        people: people_here.to_vec(),
        groups,
        countries,
        organisations,
        announced,
        anaphoric,
        called_off: called_off(text, words, k),
        today,
        pronoun_subject: (k.saturating_sub(3)..k)
            .any(|b| matches!(f(b), "il" | "elle" | "ils" | "elles")),
    })
}

/// "le sommet, reporté à octobre", "a refusé une rencontre", "la réunion a été annulée": a
/// word of postponement or cancellation within a few words after the meeting's word, or of
/// refusal just before it.
fn called_off(text: &str, words: &[Token], k: usize) -> Option<MeetingStatus> {
    let f = |k: usize| words.get(k).map_or("", |w| w.folded.as_ref());
    let refused = (k.saturating_sub(4)..k).any(|b| f(b).starts_with("refus") || f(b) == "decline");
    if refused {
        return Some(MeetingStatus::Refused);
    }
    // Up to a contrast or a new subject after a comma ("…, mais le vote a été reporté", "Lors de
    // la rencontre, la dette a été annulée").
    let new_subject = |j: usize| {
        j > 0
            && words
                .get(j)
                .is_some_and(|w| text[words[j - 1].end..w.start].contains(','))
            && matches!(
                f(j),
                "le" | "la" | "les" | "l" | "un" | "une" | "il" | "elle" | "ils" | "elles"
            )
    };
    (k + 1..k + 18)
        .take_while(|&j| !matches!(f(j), "mais" | "tandis" | "cependant" | "pourtant"))
        .take_while(|&j| !new_subject(j))
        .find_map(|j| Lexicon::get().called_off.get(f(j)).copied())
}

/// Whether a sentence's text says a meeting was called off (for lists of what is to come).
pub fn calls_off(text: &str) -> bool {
    let called_off = &Lexicon::get().called_off;
    tokens(text)
        .iter()
        .any(|w| called_off.contains_key(w.folded.as_ref()))
}

/// Whether a sentence gives a time of day and no date: "prévue à 17H00", "à quelques heures
/// d'un sommet" is the day the article was published.
fn tells_the_hour(words: &[Token]) -> bool {
    let clock = |w: &str| {
        let (hours, minutes) = w.split_once('h').unwrap_or(("", "x"));
        (1..=2).contains(&hours.len())
            && hours.bytes().all(|b| b.is_ascii_digit())
            && minutes.len() <= 2
            && minutes.bytes().all(|b| b.is_ascii_digit())
    };
    words.windows(2).any(|pair| {
        let (before, word) = (pair[0].folded.as_ref(), pair[1].folded.as_ref());
        (matches!(before, "a" | "vers" | "des") && clock(word))
            || (before == "quelques" && word == "heures")
    })
}

/// The place of a meeting that is held at a distance: no city, whatever the sentence names.
pub const VIRTUAL_PLACE: &str = "visioconférence";

/// Words that say a meeting is held by video.
const VIRTUAL_WORDS: &[&str] = &[
    "visioconference",
    "videoconference",
    "visio",
    "visioconferences",
    "videoconferences",
];

/// "à Nairobi", "à Mombasa", "en Espagne": a capital or city after "à", else a country after "en/au";
/// "par visioconférence": no city at all.
fn place_in(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    g: &Gazetteer,
    people: &[(usize, usize)],
    trigger_at: usize,
) -> Option<String> {
    // A place has three letters at least and is no abbreviation ("M." is not a place).
    named_place(text, words, s, g, people, trigger_at)
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !p.ends_with('.'))
}

fn named_place(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    g: &Gazetteer,
    people: &[(usize, usize)],
    trigger_at: usize,
) -> Option<String> {
    let virtual_meeting = words
        .iter()
        .any(|w| VIRTUAL_WORDS.contains(&w.folded.as_ref()));
    capital_venue(text, s)
        .or_else(|| named_after_common_noun(text, words, s, people))
        .or_else(|| town_venue(text, words, s, people))
        .or_else(|| virtual_meeting.then(|| VIRTUAL_PLACE.to_string()))
        .or_else(|| name_after_a(text, words, s, people))
        .or_else(|| country_venue(text, s, g, trigger_at))
}

/// A capital after "à", or hosting ("Dakar a accueilli", "Rabat abrite").
fn capital_venue(text: &str, s: &SentenceView) -> Option<String> {
    const HOSTS: &[&str] = &[
        "a accueilli",
        "accueille",
        "a recu",
        "accueillera",
        "abrite",
        "a abrite",
    ];
    s.countries
        .iter()
        .filter(|m| m.kind == MentionKind::Capital)
        .find(|m| {
            let before = fold(tail(&text[..m.start - s.start], 16).trim_end());
            let after = fold(head(&text[m.end - s.start..], 32));
            let hosts = HOSTS.iter().any(|v| after.trim_start().starts_with(v));
            before.ends_with(" a") || before == "a" || hosts
        })
        .map(|m| text[m.start - s.start..m.end - s.start].to_string())
}

/// "au fort de Vincennes", "au palais de l'Élysée": a named place after a building's noun.
fn named_after_common_noun(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    people: &[(usize, usize)],
) -> Option<String> {
    let f = |k: usize| words.get(k).map_or("", |w| w.folded.as_ref());
    for k in 0..words.len() {
        // "au fort de X", "sur le fort de X", "dans la résidence de X".
        let building_at = match (f(k), f(k + 1)) {
            ("au" | "aux", _) => k + 1,
            ("sur" | "dans" | "a" | "depuis" | "devant", "le" | "la" | "l" | "les") => k + 2,
            _ => continue,
        };
        if !(Lexicon::get().buildings.contains(f(building_at))
            && matches!(f(building_at + 1), "de" | "du" | "d" | "l"))
        {
            continue;
        }
        let k = building_at - 1;
        let named = words[k + 3..]
            .iter()
            .position(|n| n.capitalised)
            .map(|p| k + 3 + p)
            .filter(|&p| p <= k + 4);
        if let Some(p) = named {
            let at = s.start + words[p].start;
            let is_person = people.iter().any(|&(a, b)| a <= at && at < b);
            let org = s.organisations.iter().any(|o| o.start <= at && at < o.end);
            let alphabetic = text[words[p].start..words[p].end]
                .chars()
                .all(char::is_alphabetic);
            if !is_person && !org && alphabetic && !s.countries.iter().any(|m| m.start == at) {
                return Some(text[words[p].start..words[p].end].to_string());
            }
        }
    }
    None
}

/// A town of the gazetteer where the meeting is: "à X", "au X" (with the article "au" stands
/// for: "au Havre" is in "Le Havre"), "dans X", or "de X" right after a meeting's noun ("le sommet
/// de X"). Any other "de X" is not the venue: "aux portes de X", "le maire de X".
fn town_venue(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    people: &[(usize, usize)],
) -> Option<String> {
    let word_before = |start: usize, skip: usize| {
        let at = words.partition_point(|w| w.start < start - s.start);
        at.checked_sub(1 + skip).map(|k| words[k].folded.as_ref())
    };
    let venue_preposition = |m: &crate::gazetteer::PlaceMention| match word_before(m.start, 0) {
        Some(p @ ("a" | "au" | "aux" | "dans")) => Some(p.to_string()),
        Some("de" | "d") => word_before(m.start, 1)
            .filter(|noun| VENUE_NOUNS.contains(noun))
            .map(|_| "de".to_string()),
        _ => None,
    };
    let (m, preposition) = s
        .places
        .iter()
        .filter(|m| !people.iter().any(|&(a, b)| a <= m.start && m.start < b))
        .find_map(|m| venue_preposition(m).map(|p| (m, p)))?;
    let name = &text[m.start - s.start..m.end - s.start];
    Some(match preposition.as_str() {
        "au" => format!("Le {name}"),
        "aux" => format!("Les {name}"),
        _ => name.to_string(),
    })
}

/// Nouns that name a meeting by its town: "le sommet de X", "la conférence de X".
const VENUE_NOUNS: &[&str] = &[
    "sommet",
    "conference",
    "reunion",
    "rencontre",
    "forum",
    "pourparlers",
    "negociations",
];

/// "à X": a capitalised word after "à" that is neither a country nor a person.
fn name_after_a(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    people: &[(usize, usize)],
) -> Option<String> {
    for (k, w) in words.iter().enumerate() {
        if w.folded == "a"
            && k + 1 < words.len()
            && is_name_word(text, &words[k + 1])
            && text[w.end..words[k + 1].start] == *" "
        {
            let city = &words[k + 1];
            let is_country = s.countries.iter().any(|m| m.start == s.start + city.start);
            let is_person = people
                .iter()
                .any(|&(a, b)| a <= s.start + city.start && s.start + city.start < b);
            if !is_country && !is_person && city.end - city.start >= 3 {
                return Some(text[city.start..city.end].to_string());
            }
        }
    }
    None
}

/// "en Espagne", "au Mali": of several, the one nearest the meeting's word ("son engagement
/// en Irak, … lors de sa visite, en Jordanie" is a visit to Jordan).
fn country_venue(text: &str, s: &SentenceView, g: &Gazetteer, trigger_at: usize) -> Option<String> {
    s.countries
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .filter(|m| {
            let before = fold(tail(&text[..m.start - s.start], 16).trim_end());
            // "à Chypre", "à Malte": islands take "à".
            [" en", " au", " aux", " a"]
                .iter()
                .any(|p| before.ends_with(p))
        })
        .min_by_key(|m| (m.start - s.start).abs_diff(trigger_at))
        .map(|m| g.countries[m.country].name.clone())
}

/// "les ministres des Affaires étrangères du Ghana, du Togo et du Bénin": a plural role
/// and the countries after it; "ses homologues de la CEDEAO": the role of the named host, for the
/// bloc's members.
fn role_groups(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    people_here: &[usize],
    people: &[PersonMention],
    g: &Gazetteer,
) -> Vec<RoleGroup> {
    let mut groups = Vec::new();
    for w in words {
        let word = w.folded.as_ref();
        if word == "homologues" || word == "homologue" {
            let host_role = people_here.iter().find_map(|&p| people[p].role.clone());
            let mut countries: Vec<usize> = s
                .organisations
                .iter()
                .filter(|o| o.start > s.start + w.start)
                .flat_map(|o| g.organisations[o.org].members.clone())
                .collect();
            countries.extend(
                s.countries
                    .iter()
                    .filter(|m| m.start > s.start + w.start && m.kind != MentionKind::Capital)
                    .map(|m| m.country),
            );
            countries.sort();
            countries.dedup();
            if let (Some(role), false) = (host_role, countries.is_empty()) {
                groups.push(RoleGroup { role, countries });
            }
            continue;
        }
        let Some(role) = g
            .roles
            .iter()
            .find(|r| word == format!("{r}s") && !r.contains(' '))
        else {
            continue;
        };
        // The role's complement up to the first country: "des Affaires étrangères".
        let rest_start = w.end;
        let first_country = s
            .countries
            .iter()
            .filter(|m| m.start >= s.start + rest_start)
            .min_by_key(|m| m.start);
        let Some(first_country) = first_country else {
            continue;
        };
        let between = &text[rest_start..first_country.start - s.start];
        let lead = fold(between.trim_start());
        // A ministry or office ("des Affaires étrangères", "de la Défense"), or nothing.
        let office = between.chars().any(char::is_uppercase)
            && (lead.starts_with("de") || lead.starts_with("du"));
        let bare = ["du", "de", "des", "de la", "de l'", "d'", "de l’", "d’", ""]
            .contains(&lead.trim_end());
        // An aside ("de l'UA -- présidée par le Ghana --") is no complement.
        let aside = between.contains([',', '(', ')', ';', ':', '—', '–']) || between.contains("--");
        if between.len() > 50 || aside || !(office || bare) {
            continue;
        }
        let complement = between.trim().trim_end_matches(['d', 'u']).trim();
        let complement = ["du", "de la", "de l’", "de l'", "des"].iter().fold(
            complement.to_string(),
            |acc, c| {
                acc.strip_suffix(c)
                    .map(|x| x.trim().to_string())
                    .unwrap_or(acc)
            },
        );
        let role_text = if complement.is_empty() {
            role.clone()
        } else {
            format!("{role} {complement}")
        };
        let countries: Vec<usize> = s
            .countries
            .iter()
            .filter(|m| m.start >= first_country.start && m.kind == MentionKind::Name)
            .take_while(|m| m.start - first_country.start < 120)
            .map(|m| m.country)
            .collect();
        if !countries.is_empty() {
            groups.push(RoleGroup {
                role: role_text,
                countries,
            });
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities(body: &str) -> Entities {
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
        let dates =
            crate::dates::grammar::find(body, crate::dates::parse_iso_partial("2021-03-10"));
        find(body, &views, &dates, g)
    }

    fn country(p: &PersonMention) -> Option<&str> {
        p.country
            .map(|c| Gazetteer::shipped().countries[c].iso3.as_str())
    }

    fn person<'a>(e: &'a Entities, name: &str) -> &'a PersonMention {
        e.people
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} in {:?}", e.people))
    }

    #[test]
    fn what_is_called_off_or_announced_is_read_in_the_meetings_clause() {
        let e = entities("Lors de la rencontre de mardi à Lyon, la dette du pays a été annulée.");
        assert_eq!(e.meetings[0].called_off, None);
        let e = entities("Le sommet de Lyon, reporté à juin, réunira dix pays.");
        assert_eq!(e.meetings[0].called_off, Some(MeetingStatus::Postponed));
        let e = entities("Il y a quelques jours, lors de sa rencontre avec le ministre Rui Costa à Lyon, il a parlé.");
        assert!(!e.meetings[0].announced);
    }

    #[test]
    fn an_office_holder_right_after_a_capital_is_its_countrys() {
        let e = entities(
            "La délégation libérienne de Paul Doe a été reçue jeudi à Dakar par le président Moussa Ndiaye pour parler du port de Monrovia.",
        );
        assert_eq!(country(person(&e, "Moussa Ndiaye")), Some("SEN"));
    }

    #[test]
    fn a_companion_shares_the_delegations_country() {
        let e = entities(
            "La ministre kényane du Commerce, Grace Wanjiru, a entamé lundi une visite de deux jours à Lyon. Elle était accompagnée de son ministre de l'Agriculture, Peter Otieno.",
        );
        assert_eq!(country(person(&e, "Peter Otieno")), Some("KEN"));
    }

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
    fn an_aside_is_not_the_complement_of_a_role() {
        let e = entities(
            "Mardi, à la réunion des ministres de la Santé de l'UA --dont Accra et Lomé--, le Ghana a plaidé.",
        );
        let groups: Vec<&str> = e.meetings[0]
            .groups
            .iter()
            .map(|g| g.role.as_str())
            .collect();
        assert!(groups.iter().all(|g| !g.contains("--")), "{groups:?}");
        // Without the aside, the complement is the ministry.
        let e = entities("Mardi, à la réunion des ministres de la Santé du Ghana et du Togo, un plan a été adopté.");
        let groups: Vec<&str> = e.meetings[0]
            .groups
            .iter()
            .map(|g| g.role.as_str())
            .collect();
        assert_eq!(groups, ["ministre de la Santé"]);
    }

    #[test]
    fn a_coordinated_role_belongs_to_the_second_name() {
        let e = entities("Le président Kofi Mensah et le ministre malien des Affaires étrangères Jean Traoré sont arrivés.");
        let traore = person(&e, "Jean Traoré");
        assert_eq!(
            traore.role.as_deref(),
            Some("ministre des Affaires étrangères")
        );
        assert_eq!(country(traore), Some("MLI"));
        assert_eq!(traore.country_by, Some(CountryEvidence::Role));
    }

    #[test]
    fn a_demonym_by_the_name_gives_the_country() {
        let e = entities("L'Américaine Jane Porter a rencontré le chef de l'opposition. Paul Ngono, l'homme fort du régime camerounais, a refusé.");
        let porter = person(&e, "Jane Porter");
        assert_eq!(
            (country(porter), porter.country_by),
            (Some("USA"), Some(CountryEvidence::Apposition))
        );
        let ngono = person(&e, "Paul Ngono");
        assert_eq!(
            (country(ngono), ngono.country_by),
            (Some("CMR"), Some(CountryEvidence::Apposition))
        );
    }

    #[test]
    fn a_national_body_in_the_role_gives_the_country() {
        let e = entities("Le porte-parole des Taliban, Karim Zaki, a démenti ces informations.");
        let zaki = person(&e, "Karim Zaki");
        assert_eq!(country(zaki), Some("AFG"));
    }

    #[test]
    fn the_head_of_a_national_body_belongs_to_its_country() {
        let e = entities("Les Taliban de Karim Zaki ont pris la ville.");
        assert_eq!(country(person(&e, "Karim Zaki")), Some("AFG"));
    }

    #[test]
    fn a_statement_after_the_comma_is_not_a_role() {
        let e = entities("Il a rencontré Paul Ngono, a déclaré le porte-parole de l'ONU.");
        assert_eq!(person(&e, "Paul Ngono").role, None);
    }

    #[test]
    fn role_before_the_name_with_its_country_adjective() {
        let e =
            entities("Le ministre ghanéen des Finances, Kwame Mensah Boateng, a signé l'accord.");
        let p = &e.people[0];
        assert_eq!(p.name, "Kwame Mensah Boateng");
        assert_eq!(p.role.as_deref(), Some("ministre des Finances"));
        assert_eq!(country(p), Some("GHA"));
    }

    #[test]
    fn role_after_the_name_and_a_title_before_it() {
        let e =
            entities("Il a reçu le général Amadou Kane, ministre sénégalais des Armées, à Dakar.");
        let p = &e.people[0];
        assert_eq!(
            (p.name.as_str(), p.role.as_deref(), country(p)),
            ("Amadou Kane", Some("ministre des Armées"), Some("SEN"))
        );
    }

    #[test]
    fn country_from_a_complement_and_ambassador_postings() {
        let e = entities("Le ministre des Affaires étrangères du Togo, Koffi Agbéyomé, est arrivé. L'ambassadeur chinois au Togo, Wang Lei, l'accompagnait.");
        assert_eq!(
            (e.people[0].role.as_deref(), country(&e.people[0])),
            (Some("ministre des Affaires étrangères"), Some("TGO"))
        );
        assert_eq!(
            country(&e.people[1]),
            Some("CHN"),
            "nationality, not posting"
        );
    }

    #[test]
    fn later_surnames_resolve_to_the_full_name() {
        let e = entities("La présidente Halima Touré a reçu son homologue. Touré a salué « une nouvelle ère pour nos deux peuples », a ajouté M. Touré.");
        assert!(
            e.people
                .iter()
                .filter(|p| p.sentence == 1)
                .all(|p| p.name == "Halima Touré"),
            "{:?}",
            e.people
        );
        assert_eq!(e.quotes[0].speaker.as_deref(), Some("Halima Touré"));
    }

    #[test]
    fn quotes_are_attributed() {
        let e = entities("« Nous ne reculerons pas devant la menace », a déclaré Jean Dupont. Selon Marie Curie, « la science avance lentement mais sûrement ».");
        assert_eq!(e.quotes.len(), 2);
        assert_eq!(e.quotes[0].speaker.as_deref(), Some("Jean Dupont"));
        assert_eq!(e.quotes[1].speaker.as_deref(), Some("Marie Curie"));
    }

    #[test]
    fn meetings_with_date_place_people_and_groups() {
        let e = entities("Le président kényan William Ruto a reçu le 8 mars à Nairobi les ministres de la Santé du Rwanda et de l'Ouganda. Cette rencontre a débouché sur un accord.");
        let m = &e.meetings[0];
        assert_eq!(m.place.as_deref(), Some("Nairobi"));
        assert!(m.date.is_some() && !m.announced && !m.anaphoric);
        assert_eq!(m.people.len(), 1);
        assert_eq!(
            m.groups[0].role,
            "ministres de la Santé".replace("ministres", "ministre")
        );
        assert_eq!(m.groups[0].countries.len(), 2);
        assert!(e.meetings[1].anaphoric);
    }

    #[test]
    fn another_meeting_after_a_visit_is_not_its_continuation() {
        let e = entities("Le président Kofi Mensah a reçu samedi à Accra Paul Martin. Amina Touré a ensuite rencontré le président malien.");
        assert_eq!(e.meetings.len(), 2, "{:?}", e.meetings);
        assert!(!e.meetings[1].anaphoric);
        let e = entities("Le président Kofi Mensah a reçu samedi à Accra Paul Martin. Les deux hommes se sont ensuite entretenus avec Amina Touré.");
        assert!(e.meetings[1].anaphoric);
    }

    #[test]
    fn companions_are_the_names_right_by_accompagne() {
        let e = entities("Le président Kofi Mensah a reçu samedi à Accra Paul Martin. Il était accompagné du ministre des Finances, Jean Traoré.");
        let names: Vec<&str> = e.meetings[0]
            .people
            .iter()
            .map(|&p| e.people[p].name.as_str())
            .collect();
        assert!(names.contains(&"Jean Traoré"), "{names:?}");
        let e = entities("Le président Kofi Mensah a reçu samedi à Accra Paul Martin. Le convoi, accompagné par des soldats, a été attaqué, a déclaré Jean Traoré.");
        assert!(e.meetings[0]
            .people
            .iter()
            .all(|&p| e.people[p].name != "Jean Traoré"));
    }

    #[test]
    fn venues_are_where_they_met() {
        let place = |text: &str| entities(text).meetings[0].place.clone();
        assert_eq!(
            place("Après une visioconférence la semaine dernière, les deux ministres se sont rencontrés mardi à Dakar.").as_deref(),
            Some("Dakar")
        );
        assert_eq!(
            place("Les ministres se sont réunis mardi en visioconférence.").as_deref(),
            Some("visioconférence")
        );
        assert_ne!(
            place("Les deux présidents se sont rencontrés mardi alors que les combats font rage aux portes de Kati.").as_deref(),
            Some("Kati")
        );
        assert_eq!(
            place("Le président Kofi Mensah a rencontré au Havre le Premier ministre Paul Martin.")
                .as_deref(),
            Some("Le Havre")
        );
    }

    #[test]
    fn a_first_name_after_de_is_not_a_town() {
        let e = entities("La visite de Vladimir Poutine a été annoncée. Les déclarations de Martin Griffiths ont surpris.");
        for name in ["Vladimir Poutine", "Martin Griffiths"] {
            assert!(
                e.people.iter().any(|p| p.name == name),
                "{name}: {:?}",
                e.people
            );
        }
    }

    #[test]
    fn announced_visits() {
        let e = entities("Le président Félix Tshisekedi se rendra à Luanda en avril.");
        assert!(e.meetings[0].announced);
        assert_eq!(e.meetings[0].place.as_deref(), Some("Luanda"));
    }
}
