//! Meeting mentions: the word that marks a meeting in a sentence (a meeting noun, a verb of
//! meeting, a phone or video call), with what the sentence says of when, where (`venues`) and
//! who, whether the meeting is announced or called off, and whether it is the one just told;
//! the companions of a delegation named in the sentences after it. Part of
//! [`super::entities::find`]. Pure; byte ranges index the article's body.

use super::arguments::{Antecedent, Participants, Reading};
use super::entities::{CountryEvidence, MeetingMention, PersonMention};
use super::roles::FINITE_VERBS;
use super::venues::{venue, Span, VIRTUAL_WORDS};
use crate::gazetteer::MentionKind;
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

/// How a meeting's verb takes its participants (`data/fr/meeting_verbs.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frame {
    /// "X a reçu Y", "X rencontrera Y"; reflexive, "X et Y se sont rencontrés".
    Meets,
    /// Reflexive, "X s'est entretenu avec Y", "les ministres se sont réunis"; with an
    /// auxiliary and an object, "X a réuni les ministres".
    Gathers,
    /// Only with "avec" and someone: "X a discuté avec Y".
    Talks,
    /// "X a téléphoné à Y".
    Calls,
    /// "X a convoqué l'ambassadeur de Y", "X a convoqué une réunion".
    Convenes,
    /// "X s'est rendu à P", "X a visité P", "X a rendu visite à Y".
    Travels,
    /// "X est arrivé à P", "X, arrivé mercredi à P", "X est attendu à P": a visit to P.
    Arrives,
}

/// The tense of a verb form (`data/fr/meeting_verbs.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tense {
    Past,
    Present,
    /// The future and the conditional: what is announced.
    Future,
    Infinitive,
    /// A past participle: its auxiliary tells the tense.
    Participle,
}

/// A verb form of meeting: its kind, frame and tense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingVerb {
    pub kind: MeetingKind,
    pub frame: Frame,
    pub tense: Tense,
}

/// The words that tell a meeting in a sentence.
struct Trigger {
    /// The first word of its verb group ("a", "s'", "se") or its noun.
    first: usize,
    /// The meeting's word itself: the verb or the noun.
    word: usize,
    kind: MeetingKind,
    /// How the verb takes its participants; `None` for a noun.
    frame: Option<Frame>,
    /// Future or conditional, a verb of intent, or a noun said to come.
    announced: bool,
    /// For a noun, the verb it is the object of: "a effectué une visite", "a eu un entretien".
    light: Option<usize>,
}

/// Words that make the next infinitive an intention: "doit rencontrer", "va recevoir".
const INTENT: &[&str] = &[
    "doit",
    "doivent",
    "devrait",
    "devraient",
    "devra",
    "va",
    "vont",
    "compte",
    "prevoit",
    "veut",
];

/// The meetings a sentence tells, word by word: each verb or noun of meeting outside quotes,
/// with the participants its grammar gives; the first that has any is the sentence's.
fn meeting_words<'a>(r: &'a Reading<'a>) -> impl Iterator<Item = Trigger> + 'a {
    (0..r.words.len())
        .filter(|&k| !r.quoted(r.words[k].start))
        .filter_map(move |k| {
            verb_at(r, k)
                .or_else(|| noun_at(r, k))
                .or_else(|| presence_at(r, k))
        })
}

/// The verb group a verb form at word `k` belongs to: its first word, whether it is
/// reflexive, passive or negated, and its auxiliary.
struct Group {
    first: usize,
    reflexive: bool,
    auxiliary: Option<usize>,
    passive: bool,
    negated: bool,
}

fn group_of(r: &Reading, k: usize) -> Group {
    let mut first = k;
    let mut group = Group {
        first: k,
        reflexive: false,
        auxiliary: None,
        passive: false,
        negated: false,
    };
    while first > 0 {
        let j = first - 1;
        let gap = &r.text[r.words[j].end..r.words[first].start];
        if gap.contains([',', ';', ':', '(', '«', '»', '"']) {
            break;
        }
        let w = r.f(j);
        match w {
            "se" | "s" => group.reflexive = true,
            "ne" | "n" => group.negated = true,
            "pas" | "jamais" | "plus" | "guere" => {}
            "ete" => group.passive = true,
            "l" | "les" | "lui" | "leur" => {}
            "en" if r.clitic_en(j) => {}
            _ if Lexicon::get().auxiliaries.contains(w) => {
                group.auxiliary.get_or_insert(j);
            }
            _ if Lexicon::get().verb_adverbs.contains(w) => {}
            _ => match Lexicon::get().filler_phrases.length_ending_at(r.words, j) {
                // "a d'ailleurs reçu", "s'est quant à lui entretenu": over the whole phrase.
                Some(n) => {
                    first = (j + 1).saturating_sub(n);
                    continue;
                }
                None => break,
            },
        }
        first = j;
    }
    group.first = first;
    let not_after = |j: usize| matches!(r.f(j), "pas" | "jamais" | "guere" | "aucun" | "aucune");
    group.negated = group.negated && ((group.first..k).any(not_after) || not_after(k + 1));
    group
}

/// A verb of meeting at word `k`, where the words around make it a verb.
fn verb_at(r: &Reading, k: usize) -> Option<Trigger> {
    let lexicon = Lexicon::get();
    let verb = *lexicon.meeting_verbs.get(r.f(k))?;
    let group = group_of(r, k);
    if group.negated {
        return None;
    }
    let also_noun = lexicon.meeting_nouns.contains_key(r.f(k));
    let raw = r.text[r.words[k].start..r.words[k].end].to_lowercase();
    let accented = ["é", "ée", "és", "ées"].iter().any(|e| raw.ends_with(e));
    let before = k.checked_sub(1).map_or("", |j| r.f(j));
    let after_determiner =
        lexicon.noun_determiners.contains(before) || matches!(before, "le" | "la" | "les" | "l");
    let intent = (k.saturating_sub(3)..k).any(|j| INTENT.contains(&r.f(j)));
    // "prêt à rencontrer", "souhaite recevoir": a wish, not a meeting.
    let wish = (k.saturating_sub(3)..k).any(|j| lexicon.wish_words.contains(r.f(j)));
    if verb.tense == Tense::Infinitive && wish {
        return None;
    }
    let announced = match verb.tense {
        Tense::Future => true,
        // "doit rencontrer", "pour recevoir": intended; "avant de rencontrer": told.
        Tense::Infinitive => {
            intent || !(matches!(before, "de" | "d") && r.f(k.saturating_sub(2)) == "avant")
        }
        Tense::Participle => group
            .auxiliary
            .is_some_and(|a| matches!(r.f(a), "aura" | "auront" | "aurait" | "auraient")),
        _ => false,
    };
    let is_verb = match verb.tense {
        // "X, arrivé mercredi à P": an apposed participle of arrival.
        Tense::Participle if verb.frame == Frame::Arrives => accented,
        Tense::Participle => {
            (group.auxiliary.is_some() || group.reflexive)
                && (accented || !also_noun || group.auxiliary.is_some())
        }
        Tense::Infinitive => true,
        _ if also_noun => {
            !after_determiner && (group.reflexive || subject_pronoun_before(r, group.first))
        }
        _ => !after_determiner,
    };
    if !is_verb {
        return None;
    }
    // A reflexive verb of gathering, or of meeting, is mutual; "rendre" only takes a journey
    // reflexive or as "rendre visite".
    let fits = match verb.frame {
        Frame::Gathers => group.reflexive || group.auxiliary.is_some(),
        // The forms of "rendre" (`meeting_verbs.tsv`), unlike "visiter".
        Frame::Travels if r.f(k).starts_with("rend") => {
            (group.reflexive && destination_follows(r, k)) || r.f(k + 1) == "visite"
        }
        Frame::Arrives => destination_follows(r, k),
        _ => true,
    };
    fits.then_some(Trigger {
        first: group.first,
        word: k,
        kind: verb.kind,
        frame: Some(verb.frame),
        announced,
        light: None,
    })
}

/// "il", "elle", "ils", "elles", "on" right before a verb group.
fn subject_pronoun_before(r: &Reading, first: usize) -> bool {
    first > 0
        && matches!(
            r.f(first - 1),
            "il" | "elle" | "ils" | "elles" | "on" | "qui"
        )
}

/// "se rendre à P", "au P", "en P", "dans P", "auprès de": a destination right after the verb
/// (after a date or an adverb at most).
fn destination_follows(r: &Reading, k: usize) -> bool {
    let mut j = k + 1;
    while j < r.words.len() && j <= k + 4 {
        match r.f(j) {
            "a" if r.a_preposition(j) => return true,
            // "se rendre sur place" names no place.
            "sur" => return r.f(j + 1) != "place",
            "au" | "aux" | "en" | "dans" | "aupres" => return true,
            _ if r.filler_starting(j).is_some() => j += 1,
            _ => return false,
        }
    }
    false
}

/// A meeting noun at word `k`, unless it is a press conference, an interview given to the
/// press, a journey without a destination, or a verb's participle.
fn noun_at(r: &Reading, k: usize) -> Option<Trigger> {
    let lexicon = Lexicon::get();
    let w = r.f(k);
    // "un conseil des ministres des Affaires étrangères de l'UE": a council with a complement
    // (the weekly cabinet, "le conseil des ministres" alone, is no meeting between parties).
    let council = lexicon
        .council_phrases
        .length_at(r.words, k)
        .filter(|&n| r.words.get(k + n + 1).is_some_and(|next| next.capitalised));
    let kind = match council {
        Some(_) => MeetingKind::Meeting,
        None => *lexicon.meeting_nouns.get(w)?,
    };
    // "lors d'une conférence de presse avec la chancelière X": a press conference given with
    // someone is a meeting with them; given alone, it is none.
    let kind = match lexicon.press_phrases.length_at(r.words, k) {
        Some(n) if joint_press_conference(r, k, n) => MeetingKind::Bilateral,
        Some(_) => return None,
        None => kind,
    };
    if participle_without_meeting(r.text, r.words, k) || interview(r.text, r.words, k) {
        return None;
    }
    // "un entretien avec le Centre pour le dialogue", "avec l'AFP": an interview given to a
    // body or a medium, not a meeting with someone.
    let with_a_body = w.starts_with("entretien") && r.f(k + 1) == "avec" && {
        let next = k + 2 + usize::from(matches!(r.f(k + 2), "le" | "la" | "l" | "les"));
        r.words.get(next).is_some_and(|n| n.capitalised)
            && r.person_opening(k + 2).is_none()
            && !r.view.countries.iter().any(|m| m.start == r.at(next))
    };
    if with_a_body {
        return None;
    }
    let journey_without_destination = JOURNEY_NOUNS.contains(&w)
        && !(k + 1..k + 3).any(|j| matches!(r.f(j), "a" | "en" | "au" | "aux" | "dans"));
    if journey_without_destination {
        return None;
    }
    let lexicon_future = &lexicon.meeting_future_words;
    let window = k.saturating_sub(6)..(k + 7).min(r.words.len());
    let eve = (k.saturating_sub(5)..k)
        .any(|b| lexicon.eve_phrases.starts_at(r.words, b) && (b == 0 || r.f(b - 1) != "y"));
    // "deux jours avant une réunion": the meeting comes after what the sentence tells.
    let before_it = (k.saturating_sub(3)..k).any(|j| r.f(j) == "avant" && r.f(j + 1) != "de");
    let announced = eve || before_it || window.clone().any(|j| lexicon_future.contains(r.f(j)));
    let light = light_verb_before(r, k);
    Some(Trigger {
        first: light.map_or(k, |v| group_of(r, v).first),
        word: k,
        kind,
        frame: None,
        announced,
        light,
    })
}

/// Whether a press conference of `n` words at word `k` is given with someone: "avec" right
/// after it ("conférence de presse commune avec X") and a person or a counterpart after.
fn joint_press_conference(r: &Reading, k: usize, n: usize) -> bool {
    let mut last = k + n - 1;
    if matches!(r.f(last + 1), "commune" | "conjointe") {
        last += 1;
    }
    r.f(last + 1) == "avec" && !r.with(last).is_empty()
}

/// The verb a meeting noun at word `k` is the object of, a few words before it over its
/// article and adjectives: "a effectué mercredi une visite", "a participé à une réunion".
fn light_verb_before(r: &Reading, k: usize) -> Option<usize> {
    let lexicon = Lexicon::get();
    let mut j = k;
    let mut steps = 0;
    while j > 0 && steps < 5 {
        j -= 1;
        steps += 1;
        let w = r.f(j);
        if lexicon.light_verbs.contains(w) {
            return Some(j);
        }
        let passable = matches!(
            w,
            "un" | "une"
                | "des"
                | "le"
                | "la"
                | "l"
                | "les"
                | "sa"
                | "son"
                | "ses"
                | "leur"
                | "leurs"
                | "a"
                | "au"
                | "aux"
                | "premier"
                | "premiere"
                | "nouvel"
                | "nouvelle"
                | "long"
                | "longue"
                | "courte"
                | "bref"
                | "breve"
                | "dernier"
                | "derniere"
        ) || r.filler_starting(j).is_some();
        if !passable {
            return None;
        }
    }
    None
}

/// "présent à ses côtés", "aux côtés de X", "se trouvait auprès de X": someone is with someone,
/// with a word of presence just before ("combattre aux côtés de" is not a meeting).
fn presence_at(r: &Reading, k: usize) -> Option<Trigger> {
    let cue = match r.f(k) {
        "aupres" => matches!(r.f(k + 1), "d" | "de" | "du" | "des"),
        "cotes" => k >= 1 && matches!(r.f(k - 1), "ses" | "leurs" | "aux"),
        _ => false,
    };
    let lead = if r.f(k) == "cotes" {
        k.saturating_sub(2)
    } else {
        k
    };
    let present = (lead.saturating_sub(2)..lead).find(|&b| PRESENCE_WORDS.contains(&r.f(b)));
    let first = present.filter(|_| cue)?;
    Some(Trigger {
        first,
        word: k,
        kind: MeetingKind::Bilateral,
        frame: None,
        announced: false,
        light: None,
    })
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
];

/// Who takes part in the meeting a trigger tells, as its grammar gives them.
fn participants_of(r: &Reading, t: &Trigger, antecedents: &[Antecedent]) -> Participants {
    let mut out = Participants::default();
    match t.frame {
        Some(frame) => {
            let group = group_of(r, t.word);
            let subject = r.subject(t.first, antecedents);
            let subject = if subject.is_empty() && !subject.pronoun {
                let apposed = r.apposed_to(t.first);
                if frame == Frame::Arrives && !apposed.is_empty() {
                    apposed
                } else {
                    r.main_subject_before(t.first)
                }
            } else {
                subject
            };
            out.take(subject);
            if group.passive {
                out.take(r.agent(t.word));
            }
            match frame {
                // "X a reçu Y": someone is received; "X a reçu une lettre", "que le Kenya
                // accueille une école" meet no one.
                Frame::Meets | Frame::Convenes if !group.reflexive && !group.passive => {
                    let object = r.object(t.word);
                    // "a convoqué une réunion": the object is the meeting itself.
                    let convened = frame == Frame::Convenes && convenes_a_meeting(r, t.word);
                    if object.is_empty() && !object.unnamed && !convened {
                        return Participants::default();
                    }
                    out.take(object);
                }
                Frame::Gathers if !group.reflexive => out.take(r.object(t.word)),
                Frame::Travels if r.f(t.word + 1) == "visite" => {
                    out.take(r.to(t.word + 1));
                }
                Frame::Calls => {
                    out.take(r.to(t.word));
                }
                _ => {}
            }
            out.take(r.with(t.word));
        }
        None if t.first != t.word && t.light.is_none() => {
            // Presence: the clause's subject, and whoever they are with.
            out.take(r.main_subject((t.first, t.word)));
            if matches!(r.f(t.word.saturating_sub(1)), "ses" | "leurs") {
                out.take(r.possessor(t.word, antecedents));
            }
            out.take(r.first_person_after(t.word));
        }
        None => {
            if let Some(v) = t.light {
                let subject = r.subject(group_of(r, v).first, antecedents);
                out.take(subject);
            }
            let before = t.word.checked_sub(1).map_or("", |j| r.f(j));
            if matches!(before, "sa" | "son" | "ses" | "leur" | "leurs") {
                out.take(r.possessor(t.word, antecedents));
            }
            out.take(r.of_noun(t.word));
            out.take(r.with_close(t.word));
            let between = r.between(t.word);
            let mutual = !between.is_empty();
            out.take(between);
            // "Lors d'un entretien avec Y, X a…", "X… lors d'une conversation avec Y", "En visite
            // à P, X…": the noun is an adverbial of a clause whose subject takes part.
            if !mutual && adverbial(r, t.word) {
                let subject = r.main_subject((t.word, t.word));
                out.take(if subject.is_empty() {
                    r.inverted_subject(antecedents)
                } else {
                    subject
                });
                // "X a demandé… à Y lors d'un entretien téléphonique": Y is the other party.
                if matches!(t.kind, MeetingKind::PhoneCall | MeetingKind::Bilateral) {
                    out.take(r.addressee_before(t.word));
                }
            }
        }
    }
    out
}

/// Whether the noun at word `k` is an adverbial of its clause: "lors de", "au cours de", "à
/// l'issue de", "après", "en" ("en visite à"), "pendant".
fn adverbial(r: &Reading, k: usize) -> bool {
    let lexicon = Lexicon::get();
    let mut j = k;
    // Over the article and adjectives: "lors d'un long entretien".
    while j > 0
        && (matches!(
            r.f(j - 1),
            "un" | "une"
                | "le"
                | "la"
                | "l"
                | "les"
                | "des"
                | "sa"
                | "son"
                | "ses"
                | "leur"
                | "leurs"
                | "cette"
                | "ce"
                | "premier"
                | "premiere"
                | "nouvel"
                | "nouvelle"
                | "long"
                | "longue"
                | "bref"
                | "breve"
        ))
    {
        j -= 1;
    }
    j > 0 && lexicon.adverbial_openers.ends_at(r.words, j - 1)
}

/// A meeting mention: the sentence's first meeting word that has participants (or, for a
/// meeting of several parties, a place or an organisation of its own), with what the sentence
/// says of when and where.
pub(super) fn meeting_in(
    r: &Reading,
    index: usize,
    antecedents: &[Antecedent],
) -> Option<MeetingMention> {
    let lexicon = Lexicon::get();
    // "Des hommes ont enlevé X, qui se rendait à une réunion": a seizure told before the
    // meeting's word, or right after it, tells no meeting.
    let seized = |t: &Trigger| {
        (0..(t.word + 4).min(r.words.len())).any(|j| lexicon.seizure_words.contains(r.f(j)))
    };
    let phone_near = |t: &Trigger| {
        (t.first.saturating_sub(3)..t.word + 7).any(|j| PHONE_WORDS.contains(&r.f(j)))
    };
    // By video: a word of video by the meeting's own words, or the meeting's noun itself.
    let remote = |t: &Trigger| {
        (t.first.saturating_sub(3)..(t.word + 7).min(r.words.len()))
            .any(|j| VIRTUAL_WORDS.contains(&r.f(j)))
    };
    let mut adverbial_noun: Option<MeetingMention> = None;
    for t in meeting_words(r) {
        if seized(&t) {
            continue;
        }
        let kind = match (phone_near(&t), remote(&t), t.kind) {
            (_, _, MeetingKind::Summons) => MeetingKind::Summons,
            (true, _, _) => MeetingKind::PhoneCall,
            (false, true, _) => MeetingKind::Videoconference,
            // "se retrouver à Lyon pour un sommet": the articles' own noun tells the kind.
            (_, _, MeetingKind::Meeting | MeetingKind::Bilateral) if t.frame.is_some() => {
                summit_after(r, t.word).unwrap_or(t.kind)
            }
            _ => t.kind,
        };
        let mut participants = participants_of(r, &t, antecedents);
        let kind = match kind {
            // "a convoqué une réunion": a meeting convened; a summons calls in an envoy.
            MeetingKind::Summons if t.frame.is_some() => {
                if convenes_a_meeting(r, t.word) {
                    MeetingKind::Meeting
                } else if summoned_envoy(r, &participants) {
                    MeetingKind::Summons
                } else {
                    continue;
                }
            }
            kind => kind,
        };
        // "une conférence… s'est tenue à Dakar": the place of the verb that holds the noun.
        let last = match t.frame {
            None => held_by(r, t.word).unwrap_or(t.word),
            Some(_) => t.word,
        };
        let span = Span {
            first: t.first,
            last,
        };
        let summoner = (kind == MeetingKind::Summons)
            .then(|| summoner(r, &t, &participants))
            .flatten();
        let place = match summoner {
            Some(country) => r.gazetteer.countries[country]
                .capital
                .clone()
                .map(|c| (c, false)),
            None => venue(r, &span, kind, &participants),
        };
        if kind == MeetingKind::Summons {
            participants.countries.extend(summoner);
        }
        let multilateral = matches!(
            kind,
            MeetingKind::Meeting
                | MeetingKind::Summit
                | MeetingKind::Videoconference
                | MeetingKind::Talks
        ) && t.frame.is_none();
        let anaphoric_noun = t.frame.is_none() && anaphoric(r, t.word);
        // Nobody named: a meeting of several parties with its own place or organisation, or
        // "la réunion", "cette visite" back to the meeting just told (a sentence with no date).
        let own = multilateral && (place.is_some() || has_an_organisation(r, t.word));
        let back = anaphoric_noun && !r.dates_a_day();
        if participants.is_empty() && !own && !back {
            continue;
        }
        // "X a discuté avec Y": talks need someone on the other side; a journey, a place.
        let talks_alone = t.frame == Some(Frame::Talks) && r.with(t.word).is_empty();
        let journey_nowhere =
            matches!(t.frame, Some(Frame::Travels | Frame::Arrives)) && place.is_none();
        if talks_alone || journey_nowhere {
            continue;
        }
        // "X est arrivé à P": a visit when X holds an office, a journey otherwise.
        if t.frame == Some(Frame::Arrives) && !officials(r, &participants) {
            continue;
        }
        let found = mention(r, index, &t, kind, participants, place, anaphoric_noun);
        // "Après une visioconférence…, les ministres se sont rencontrés": a noun adverbial to
        // a clause whose own verb tells a meeting is not that meeting; the verb's is.
        if t.frame.is_none() && adverbial(r, t.word) && adverbial_noun.is_none() {
            adverbial_noun = Some(found);
            continue;
        }
        if t.frame.is_some() || adverbial_noun.is_none() {
            return Some(found);
        }
    }
    adverbial_noun
}

/// Whether a participant holds an office whose holders visit (`visiting_offices.txt`), as this
/// mention or another of the same name in the article gives it, or belongs to an organisation.
fn officials(r: &Reading, participants: &Participants) -> bool {
    let visits = |role: &str| {
        Lexicon::get()
            .visiting_offices
            .starts_at(&crate::text::tokens(role), 0)
    };
    let holds = |p: usize| {
        let name = &r.people[p].name;
        r.people.iter().any(|q| {
            let same = q.name == *name || q.name.ends_with(&format!(" {name}"));
            same && (q.organisation.is_some() || q.role.as_deref().is_some_and(visits))
        })
    };
    participants.people.iter().any(|&p| holds(p))
        || participants.groups.iter().any(|g| visits(&g.role))
}

/// "s'est tenue", "se tiendra", "a eu lieu", "aura lieu" a few words after a meeting's noun at
/// `k`, in its clause: the verb's word, whose place is the meeting's.
fn held_by(r: &Reading, k: usize) -> Option<usize> {
    (k + 1..(k + HELD_BY_WORDS).min(r.words.len()))
        .take_while(|&j| !r.text[r.words[j - 1].end..r.words[j].start].contains([',', ';', ':']))
        .find(|&j| {
            let reflexive = (j.saturating_sub(3)..j).any(|b| matches!(r.f(b), "s" | "se"));
            match r.f(j) {
                "tenu" | "tenue" | "tenus" | "tenues" | "tiendra" | "tiendront" | "tenir"
                | "tient" | "tiennent" => reflexive,
                "lieu" => {
                    matches!(r.f(j - 1), "eu" | "lieu" | "aura" | "auront" | "avoir")
                        || r.f(j - 1) == "a"
                }
                _ => false,
            }
        })
}

/// How many words after a meeting's noun the verb that holds it may be: "une conférence sur «
/// un long titre » s'est tenue à X".
const HELD_BY_WORDS: usize = 16;

/// A summit's noun a few words after a meeting's verb, in its clause: "doivent se retrouver à
/// Lyon pour un sommet".
fn summit_after(r: &Reading, k: usize) -> Option<MeetingKind> {
    let lexicon = Lexicon::get();
    (k + 1..(k + NOUN_AFTER_VERB).min(r.words.len()))
        .take_while(|&j| {
            !r.text[r.words[j - 1].end..r.words[j].start].contains([';', ':', '«', '"'])
                && !matches!(r.f(j), "qui" | "que" | "qu" | "dont" | "ou" | "mais")
        })
        .find_map(|j| lexicon.meeting_nouns.get(r.f(j)).copied())
        .filter(|kind| matches!(kind, MeetingKind::Summit | MeetingKind::Meeting))
}

/// How many words after a meeting's verb the articles' own noun for it may be: "a accueilli
/// ce jeudi à Lisbonne ses homologues… pour une réunion".
const NOUN_AFTER_VERB: usize = 24;

/// Builds the mention of a meeting found at trigger `t`.
fn mention(
    r: &Reading,
    index: usize,
    t: &Trigger,
    kind: MeetingKind,
    participants: Participants,
    place: Option<(String, bool)>,
    anaphoric_noun: bool,
) -> MeetingMention {
    let k = t.word;
    let f = |k: usize| r.f(k);
    let demonstrative = k >= 1 && ["cette", "ce", "ces", "cet"].contains(&f(k - 1));
    let s = r.view;
    let dates = r.dates;
    // The article's dates are sorted by start: only the sentence's own are looked at.
    let first_date = dates.partition_point(|d| d.start < s.start);
    let after_dates = dates.partition_point(|d| d.start < s.end);
    let date = dates[first_date..after_dates]
        .iter()
        .enumerate()
        .map(|(i, d)| (first_date + i, d))
        .filter(|(_, d)| {
            d.end <= s.end
                && !r.quoted(d.start - s.start)
                && matches!(
                    d.precision,
                    crate::dates::Precision::Day
                        | crate::dates::Precision::Month
                        | crate::dates::Precision::Year
                )
        })
        // The nearest date, unless another event stands between it and the meeting's word
        // ("se rend au Liban… depuis l'explosion du port le 4 août").
        // A date before the meeting's word, in another clause ("refusée vendredi par X,
        // d'assister à une réunion"), is not the meeting's, unless it opens the sentence.
        .filter(|(_, d)| {
            let at = s.start + r.words[k].start;
            // Between a light verb and its noun: "a accueilli, ce jeudi, une réunion".
            let inside = d.start >= s.start + r.words[t.first].start;
            d.end > at
                || inside
                || d.start - s.start <= OPENING_DATE
                || !r.text[d.end - s.start..at - s.start].contains(',')
        })
        // Nor a date with another event between it and the meeting's word ("se rend au Liban…
        // depuis l'explosion du port le 4 août").
        .filter(|(_, d)| !anchors_another_event(r, s.start + r.words[k].start, d.start))
        .min_by_key(|(_, d)| d.start.abs_diff(s.start + r.words[k].start))
        .map(|(i, _)| i)
        // After a demonstrative, only a date right by the noun is the meeting's ("cette visite
        // de mardi"); "après cette visite, il présidera mardi le conseil" dates something else.
        .filter(|&i| {
            let trigger_end = s.start + r.words[k].end;
            !demonstrative || (dates[i].start >= trigger_end && dates[i].start - trigger_end <= 24)
        });
    let (place, place_is_country) = match place {
        Some((p, c)) => (Some(p), c),
        None => (None, false),
    };
    let anaphoric = anaphoric_noun && date.is_none() && place.is_none() || demonstrative;
    let today = date.is_none() && tells_the_hour(r.words);
    let groups = participants.groups.clone();
    MeetingMention {
        sentence: index,
        trigger: r.text
            [r.words[t.first.max(t.word.saturating_sub(3)).min(t.word)].start..r.words[k].end]
            .to_string(),
        date,
        lead_date: None,
        place,
        place_is_country,
        kind,
        people: participants.people.clone(),
        groups,
        countries: participants.countries.clone(),
        organisations: participants.organisations.clone(),
        announced: t.announced,
        anaphoric,
        called_off: called_off(r.text, r.words, k),
        today,
        pronoun_subject: participants.pronoun,
        pluperfect: pluperfect(r, t) || recalled(r, t.word),
        there: t.frame.is_some() && (t.first..t.word).any(|j| r.f(j) == "y"),
        body: (t.frame.is_none()).then(|| body_after(r, k)).flatten(),
    }
}

/// How many words the name of a meeting's body has at most.
const BODY_WORDS: usize = 8;

/// "la réunion du Conseil supérieur de la Défense", "le sommet de l'Otan", "une réunion urgente
/// du Conseil de sécurité": the capitalised name of the body that meets, right after a meeting
/// noun (and an adjective), with its article ("du", "de l'").
fn body_after(r: &Reading, k: usize) -> Option<String> {
    let mut j = k + 1;
    if j < r.words.len() && !r.words[j].capitalised && !matches!(r.f(j), "de" | "du" | "des" | "d")
    {
        j += 1;
    }
    if !matches!(r.f(j), "de" | "du" | "des" | "d") {
        return None;
    }
    let start = j;
    j += 1;
    if matches!(r.f(j), "la" | "l" | "le" | "les") {
        j += 1;
    }
    if !r.words.get(j).is_some_and(|w| w.capitalised) || r.person_opening(j).is_some() {
        return None;
    }
    let named = |k: usize| {
        let at = r.at(k);
        r.view
            .organisations
            .iter()
            .any(|o| o.start <= at && at < o.end)
    };
    let stop = |k: usize| r.in_date(k) || r.view.places.iter().any(|m| m.start == r.at(k));
    let mut last = j;
    let mut k = j + 1;
    while k < r.words.len() && k <= j + BODY_WORDS {
        let gap = &r.text[r.words[k - 1].end..r.words[k].start];
        if gap.contains([',', ';', ':', '(', ')', '«', '»', '"']) || stop(k) {
            break;
        }
        let capitalised_soon = (k + 1..(k + 3).min(r.words.len()))
            .take_while(|&n| !stop(n))
            .any(|n| r.words[n].capitalised);
        if r.words[k].capitalised || named(k) {
            last = k;
        } else if !capitalised_soon {
            break;
        }
        k += 1;
    }
    let text = &r.text[r.words[start].start..r.words[last].end];
    // A place is the venue, not a body: "le sommet de Porticcio".
    let at = r.at(j);
    let place = r.view.places.iter().any(|m| m.start == at)
        || r.view
            .countries
            .iter()
            .any(|m| m.start == at && m.kind != MentionKind::Adjective);
    (!place && text.split_whitespace().count() <= 8).then(|| text.to_string())
}

/// How far (in bytes) from a sentence's start a date opens it: "Mercredi, lors de…".
const OPENING_DATE: usize = 12;

/// Whether a word of another event ("depuis", "après", "lors"…) lies between a meeting's word
/// (at body offset `at`) and a date (at `date`): the date is that event's.
fn anchors_another_event(r: &Reading, at: usize, date: usize) -> bool {
    let (from, to) = if date > at { (at, date) } else { (date, at) };
    // The meeting's own preposition is no other event's: "Mercredi, lors d'une réunion".
    let own = r.words.partition_point(|w| r.view.start + w.start < at);
    r.words
        .iter()
        .enumerate()
        .filter(|(j, w)| {
            let b = r.view.start + w.start;
            b > from && b < to && !(own.saturating_sub(3)..own).contains(j)
        })
        .any(|(_, w)| Lexicon::get().event_anchors.contains(w.folded.as_ref()))
}

/// "cette visite", "la réunion", "ces entretiens": a noun that may tell the meeting just told.
fn anaphoric(r: &Reading, k: usize) -> bool {
    (1..=2).any(|b| {
        k >= b && ["cette", "ce", "ces", "cet", "la", "le", "les", "l"].contains(&r.f(k - b))
    })
}

/// "une récente visite", "au lendemain d'un déplacement", "lors de sa précédente visite": a
/// meeting named as before the news, whose day the article's is not.
fn recalled(r: &Reading, k: usize) -> bool {
    (k.saturating_sub(4)..k).any(|j| Lexicon::get().recall_words.contains(r.f(j)))
}

/// "avait reçu", "s'étaient entretenus": a meeting told in the pluperfect, before the news.
fn pluperfect(r: &Reading, t: &Trigger) -> bool {
    let past = |j: usize| matches!(r.f(j), "avait" | "avaient" | "etait" | "etaient");
    match t.frame {
        Some(_) => (t.first..t.word).any(past),
        // A noun is the adverbial of its sentence's verb: "avait annoncé… lors d'une visite".
        None => (0..r.words.len()).any(past),
    }
}

/// How many words after a meeting noun its organisation may be named: "un conseil des
/// ministres des Affaires étrangères de l'UE".
const ORGANISATION_WORDS: usize = 8;

/// "la réunion de l'Otan", "le sommet de l'UA": an organisation right after a meeting noun.
fn has_an_organisation(r: &Reading, k: usize) -> bool {
    let end = r.view.start
        + r.words
            .get(k + ORGANISATION_WORDS)
            .map_or(r.text.len(), |w| w.end);
    let start = r.view.start + r.words[k].end;
    r.view
        .organisations
        .iter()
        .any(|o| o.start >= start && o.start <= end)
}

/// "a convoqué une réunion", "a convoqué le conseil": the object is a meeting, not an envoy.
fn convenes_a_meeting(r: &Reading, k: usize) -> bool {
    (k + 1..(k + 4).min(r.words.len())).any(|j| {
        Lexicon::get().meeting_nouns.contains_key(r.f(j)) || matches!(r.f(j), "conseil" | "cabinet")
    })
}

/// Whether the one called in is a foreign envoy: an ambassador or chargé d'affaires named or
/// given by role, or "le responsable de l'ambassade".
fn summoned_envoy(r: &Reading, participants: &Participants) -> bool {
    let diplomat = |role: &str| {
        let role = crate::text::fold(role);
        Lexicon::get()
            .envoy_words
            .keys()
            .any(|w| role.split([' ', '\'', '-']).any(|x| x == *w))
    };
    participants.groups.iter().any(|g| diplomat(&g.role))
        || participants
            .people
            .iter()
            .any(|&p| r.people[p].role.as_deref().is_some_and(diplomat))
        || r.words.iter().any(|w| w.folded == "ambassade")
}

/// The country that summons: the subject's ("Moscou a convoqué", "le ministère russe…"), or
/// for a passive, the ministry's after the verb ("a été convoqué au ministère britannique") or
/// the country where the envoy serves ("l'ambassadeur de Russie au Royaume-Uni").
fn summoner(r: &Reading, t: &Trigger, participants: &Participants) -> Option<usize> {
    let s = r.view;
    let group = group_of(r, t.word);
    if !group.passive {
        let subject = r.subject(t.first, &[]);
        return subject
            .countries
            .first()
            .copied()
            .or_else(|| subject.people.iter().find_map(|&p| r.people[p].country))
            .or_else(|| {
                subject
                    .groups
                    .first()
                    .and_then(|g| g.countries.first().copied())
            });
    }
    let after = s.start + r.words[t.word].end;
    let ministry = s
        .countries
        .iter()
        .filter(|m| m.kind == MentionKind::Adjective && m.start >= after && m.start <= after + 60)
        .map(|m| m.country)
        .next();
    let posting = s.countries.iter().find(|m| {
        let before = crate::text::fold(crate::text::tail(&r.text[..m.start - s.start], 4));
        m.end <= s.start + r.words[t.first].start
            && m.kind == MentionKind::Name
            && (before.ends_with("au ") || before.ends_with("en ") || before.ends_with("aux "))
    });
    let _ = participants;
    ministry.or(posting.map(|m| m.country))
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
    // "dans un entretien à l'AFP", "un entretien avec Reuters": a known outlet.
    let outlet = matches!(f(k + 1), "a" | "au" | "avec")
        && (k + 2..k + 4).any(|j| crate::corpus::scraped::outlet_at(words, j));
    given || to_the_press || outlet
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

/// "le sommet, reporté à octobre", "a refusé une rencontre", "la réunion a été annulée": a
/// word of postponement or cancellation within a few words after the meeting's word, or of
/// refusal just before it.
fn called_off(text: &str, words: &[Token], k: usize) -> Option<MeetingStatus> {
    let f = |k: usize| words.get(k).map_or("", |w| w.folded.as_ref());
    let refused = (k.saturating_sub(4)..k).any(|b| f(b).starts_with("refus") || f(b) == "decline");
    if refused {
        return Some(MeetingStatus::Refused);
    }
    // "a renoncé à une visite", "a annulé sa visite": called off by its own party.
    let renounced = (k.saturating_sub(4)..k)
        .any(|b| f(b).starts_with("renonc") || matches!(f(b), "annule" | "annulee"));
    if renounced {
        return Some(MeetingStatus::Cancelled);
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
    use crate::model::{MeetingKind, MeetingStatus};

    #[test]
    fn what_is_called_off_or_announced_is_read_in_the_meetings_clause() {
        let e = entities("Lors de la rencontre de mardi à Lyon avec le ministre Rui Costa, la dette du pays a été annulée.");
        assert_eq!(e.meetings[0].called_off, None);
        let e = entities("Le sommet de Lyon, reporté à juin, réunira dix pays.");
        assert_eq!(e.meetings[0].called_off, Some(MeetingStatus::Postponed));
        let e = entities("Il y a quelques jours, lors de sa rencontre avec le ministre Rui Costa à Lyon, il a parlé.");
        assert!(!e.meetings[0].announced);
    }

    fn names(e: &crate::extract::entities::Entities, m: usize) -> Vec<&str> {
        e.meetings[m]
            .people
            .iter()
            .map(|&p| e.people[p].name.as_str())
            .collect()
    }

    #[test]
    fn a_pronoun_subject_is_the_last_subject_of_its_gender() {
        let e = entities(
            "La ministre kényane des Affaires étrangères, Grace Wanjiru, est arrivée lundi à Lisbonne. Le président portugais Rui Costa a salué sa venue. Elle a rencontré mardi le Premier ministre Paulo Neves.",
        );
        let met = e
            .meetings
            .iter()
            .position(|m| m.trigger.contains("rencontré"))
            .expect("the meeting");
        let who = names(&e, met);
        assert!(
            who.contains(&"Grace Wanjiru") && who.contains(&"Paulo Neves"),
            "{who:?}"
        );
        assert!(!who.contains(&"Rui Costa"), "{who:?}");
    }

    #[test]
    fn an_infinitive_meets_with_the_main_clauses_subject_an_office_its_holder() {
        let e = entities(
            "Le commissaire européen à l'aide humanitaire, Jan Novak, est arrivé lundi à Lima. Venu par un vol humanitaire, le commissaire européen a visité un hôpital, avant de rencontrer le Premier ministre Luis Quispe.",
        );
        let met = e
            .meetings
            .iter()
            .position(|m| m.trigger.contains("rencontrer"))
            .expect("the meeting");
        assert_eq!(names(&e, met), ["Jan Novak", "Luis Quispe"]);
    }

    #[test]
    fn the_role_after_an_inverted_speech_verb_is_the_subject_of_its_relative() {
        let e = entities(
            "« C'est une triste réalité », a ajouté le chef de la diplomatie chilienne, qui s'est entretenu avec le président péruvien Luis Quispe.",
        );
        let m = &e.meetings[0];
        assert_eq!(names(&e, 0), ["Luis Quispe"]);
        let roles: Vec<&str> = m.groups.iter().map(|g| g.role.as_str()).collect();
        assert_eq!(roles, ["chef de la diplomatie"], "{:?}", m.groups);
    }

    #[test]
    fn participants_are_the_arguments_not_everyone_named() {
        let e = entities(
            "Le président chilien Pablo Rojas a reçu jeudi à Santiago le ministre péruvien Luis Quispe, au lendemain de l'arrestation de l'opposant Mario Vargas.",
        );
        let who = names(&e, 0);
        assert_eq!(who, ["Pablo Rojas", "Luis Quispe"]);
        // An abduction is no meeting with the abductee.
        let e = entities("Des hommes armés ont enlevé mardi à Santiago l'homme d'affaires Mario Vargas, qui se rendait à une réunion.");
        assert!(e.meetings.is_empty(), "{:?}", e.meetings);
    }

    #[test]
    fn a_summons_is_held_where_the_summoner_is() {
        let e = entities("Le ministère portugais des Affaires étrangères a convoqué mercredi l'ambassadeur du Chili.");
        let m = &e.meetings[0];
        assert_eq!(m.kind, MeetingKind::Summons);
        assert_eq!(m.place.as_deref(), Some("Lisbonne"));
        let e = entities("L'ambassadeur du Chili au Portugal a été convoqué lundi au ministère portugais des Affaires étrangères.");
        assert_eq!(e.meetings[0].kind, MeetingKind::Summons);
        assert_eq!(e.meetings[0].place.as_deref(), Some("Lisbonne"));
        // Convening a meeting is no summons.
        let e =
            entities("Le président Rui Costa a convoqué mardi une réunion de son gouvernement.");
        assert_eq!(e.meetings[0].kind, MeetingKind::Meeting);
    }

    #[test]
    fn a_call_has_no_place_and_a_wish_no_meeting() {
        let e = entities("Le président Rui Costa s'est entretenu par téléphone vendredi avec son homologue chilien Pablo Rojas.");
        let m = &e.meetings[0];
        assert_eq!(m.kind, MeetingKind::PhoneCall);
        assert_eq!(m.place, None);
        assert_eq!(names(&e, 0), ["Rui Costa", "Pablo Rojas"]);
        let e = entities(
            "Le président Rui Costa s'est dit prêt à rencontrer son homologue chilien Pablo Rojas.",
        );
        assert!(e.meetings.is_empty(), "{:?}", e.meetings);
    }

    #[test]
    fn political_people_met_unnamed_make_a_meeting_a_thing_does_not() {
        let e =
            entities("Le président Rui Costa a rencontré mardi l'ensemble des forces politiques.");
        assert_eq!(e.meetings.len(), 1, "{:?}", e.meetings);
        assert_eq!(names(&e, 0), ["Rui Costa"]);
        let e = entities("Le président Rui Costa a reçu mardi une lettre de soutien.");
        assert!(e.meetings.is_empty(), "{:?}", e.meetings);
    }

    #[test]
    fn the_person_addressed_before_a_call_is_its_other_party() {
        let e = entities(
            "Le président Rui Costa a demandé lundi des explications au président Hugo Benítez sur la crise, lors d'un entretien téléphonique.",
        );
        assert_eq!(e.meetings.len(), 1, "{:?}", e.meetings);
        let mut parties = names(&e, 0);
        parties.sort();
        assert_eq!(parties, ["Hugo Benítez", "Rui Costa"]);
        // A person of another clause is not addressed by the call's clause.
        let e = entities(
            "Le président Rui Costa, qui avait écrit au président Hugo Benítez; a parlé lundi lors d'un entretien téléphonique.",
        );
        assert!(
            (0..e.meetings.len()).all(|i| !names(&e, i).contains(&"Hugo Benítez")),
            "{:?}",
            e.meetings
        );
    }

    #[test]
    fn a_quotes_words_are_no_party_of_a_meeting() {
        let e = entities(
            "« Il en va de l'intérêt du Chili, de ses voisins et de la région », a-t-il insisté lors d'un entretien téléphonique lundi.",
        );
        assert!(
            e.meetings.iter().all(|m| m.countries.is_empty()),
            "{:?}",
            e.meetings
        );
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
