//! Meeting mentions: the word that marks a meeting in a sentence (a meeting noun, a verb of
//! meeting, a phone or video call), with what the sentence says of when, where (`venues`) and
//! who, whether the meeting is announced or called off, and whether it is the one just told;
//! the companions of a delegation named in the sentences after it. Part of
//! [`super::entities::find`]. Pure; byte ranges index the article's body.

use super::entities::{CountryEvidence, MeetingMention, PersonMention, SentenceView};
use super::roles::{role_groups, FINITE_VERBS};
use super::venues::{place_in, VIRTUAL_WORDS};
use crate::dates::grammar::DateMention;
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::model::{MeetingKind, MeetingStatus};
use crate::text::{tokens, Token};

/// Whether a folded word is a meeting noun ("réunion", "sommet"…: `data/fr/meeting_nouns.tsv`).
pub fn is_meeting_noun(folded: &str) -> bool {
    Lexicon::get().meeting_nouns.contains_key(folded)
}

/// Nouns that name a journey only when a destination follows: "un déplacement à Rome", not
/// "le déplacement de milliers de personnes".
const JOURNEY_NOUNS: &[&str] = &["deplacement", "tournee"];

/// Words that make any meeting a phone call.
const PHONE_WORDS: &[&str] = &["telephonique", "telephoniques", "telephone"];

/// Whether a meeting with no date or place of its own, a few sentences after another, tells on
/// that one: "Ces responsables se sont entretenus avec X", "Il s'est aussi entretenu avec Y", or
/// a sentence naming one of its participants again. "Z a ensuite rencontré Y" is another meeting.
pub(super) fn tells_on(
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

/// How near (in bytes) a companion's name stands to "accompagné de" or before "l'accompagnait".
const COMPANION_WINDOW: usize = 200;

/// "X était accompagné du ministre Y et de Z", "Y l'accompagnait", right after a meeting's
/// sentence: Y and Z take part in it. Only the names right after "accompagné de/par" or right
/// before "l'accompagnait" do: "Le convoi, accompagné par des soldats, a été attaqué, a déclaré
/// X" gives none.
pub(super) fn join_companions(
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
pub(super) fn share_the_delegations_country(
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
pub(super) fn meeting_in(
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

#[cfg(test)]
mod tests {
    use crate::extract::entities::testing::{country, entities, person};
    use crate::model::MeetingStatus;

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
    fn a_companion_shares_the_delegations_country() {
        let e = entities(
            "La ministre kényane du Commerce, Grace Wanjiru, a entamé lundi une visite de deux jours à Lyon. Elle était accompagnée de son ministre de l'Agriculture, Peter Otieno.",
        );
        assert_eq!(country(person(&e, "Peter Otieno")), Some("KEN"));
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
    fn announced_visits() {
        let e = entities("Le président Félix Tshisekedi se rendra à Luanda en avril.");
        assert!(e.meetings[0].announced);
        assert_eq!(e.meetings[0].place.as_deref(), Some("Luanda"));
    }
}
