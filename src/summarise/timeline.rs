//! The timeline: dated sentences of the period and the dated meetings, by date.

use super::analysis::Analysis;
use super::citations::Citations;
use super::facts::{ClusterId, Place};
use crate::dates::grammar::Relation;
use crate::dates::{PartialDate, Precision};
use crate::extract::Sentence;
use crate::gazetteer::MentionKind;
use crate::model::{Actor, EventKind, EventTitle, Meeting, Span, TimelineEntry};
use crate::text::{fold, shorten, word_ranges};
use chrono::Datelike;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// Dated events: sentences with a day or month date in the period, and the meetings; by date.
pub(super) fn timeline(
    analysis: &Analysis,
    citations: &Citations,
    meetings: &[Meeting],
) -> Vec<TimelineEntry> {
    let mut list = dated_sentences(analysis, citations);
    for entry in &mut list {
        entry.meeting = meeting_told(entry, meetings).map(|m| m.id.clone());
    }
    for m in meetings {
        if let (Some(date), Some(fact)) = (m.date, m.facts.first()) {
            if !list.iter().any(|e| e.text == fact.text) {
                let mut entry = dated_entry(date, fact.text.clone(), m.sources.clone());
                let told = fact
                    .spans
                    .first()
                    .and_then(|span| place_of(analysis, citations, span));
                entry.short = told.map_or_else(
                    || label(&fact.text, &Marks::default()),
                    |p| label_of(analysis, p),
                );
                entry.title = told.map(|p| title_of(analysis, p)).unwrap_or_default();
                entry.meeting = Some(m.id.clone());
                list.push(entry);
            }
        }
    }
    list.sort_by(|a, b| {
        a.date
            .first_day()
            .cmp(&b.date.first_day())
            .then(a.date.precision().cmp(&b.date.precision()))
            .then_with(|| a.text.cmp(&b.text))
    });
    once_per_event(list)
}

/// The entries less those that tell an event told before: a meeting's second sentence, a
/// sentence twice on one day, or on one day the same event word with the same actors.
fn once_per_event(list: Vec<TimelineEntry>) -> Vec<TimelineEntry> {
    let mut meetings: HashSet<String> = HashSet::new();
    let mut texts: HashSet<(PartialDate, String)> = HashSet::new();
    let mut titles: HashSet<(PartialDate, EventTitle)> = HashSet::new();
    list.into_iter()
        .filter(|e| {
            let new_meeting = e
                .meeting
                .as_ref()
                .is_none_or(|m| meetings.insert(m.clone()));
            let new_text = texts.insert((e.date, e.text.clone()));
            let new_title = e.title.event.is_none()
                || e.title.actors.is_empty()
                || titles.insert((e.date, e.title.clone()));
            new_meeting && new_text && new_title
        })
        .collect()
}

/// The longest short title of an entry, in characters: a label on the frieze.
const SHORT_TITLE: usize = 40;

/// A dated entry, labelled by its first words (a meeting's title; a sentence's entry is then
/// labelled by `label`).
pub(super) fn dated_entry(date: PartialDate, text: String, sources: Vec<String>) -> TimelineEntry {
    TimelineEntry {
        date,
        date_precision: date.precision(),
        short: shorten(&text, SHORT_TITLE),
        text,
        sources,
        meeting: None,
        title: EventTitle::default(),
    }
}

/// The meeting an entry tells of: one whose facts hold its sentence, on its date if it has one.
fn meeting_told<'a>(entry: &TimelineEntry, meetings: &'a [Meeting]) -> Option<&'a Meeting> {
    meetings.iter().find(|m| {
        m.date.is_none_or(|d| d == entry.date) && m.facts.iter().any(|f| f.text == entry.text)
    })
}

/// The best clusters of the period dated by a sentence to a day or a month in the period (one
/// entry per cluster and date), as many as the timeline shows.
fn dated_sentences(analysis: &Analysis, citations: &Citations) -> Vec<TimelineEntry> {
    let input = analysis.input;
    let mut entries: BTreeMap<(PartialDate, ClusterId), (f64, TimelineEntry)> = BTreeMap::new();
    for (a, sentence, c) in clustered_sentences(analysis, citations) {
        if !analysis.cluster_kept(c) {
            continue;
        }
        let Some(d) = input.extractions[a].dates_in(sentence).find(|d| {
            matches!(d.precision, Precision::Day | Precision::Month)
                && d.relation != Relation::After
        }) else {
            continue;
        };
        if !input.in_period(d.from, d.to) {
            continue;
        }
        let date = if d.precision == Precision::Day && d.from == d.to {
            PartialDate::day(d.from)
        } else {
            match PartialDate::month(d.from.year(), d.from.month()) {
                Some(m) => m,
                None => continue,
            }
        };
        entries.entry((date, c)).or_insert_with(|| {
            let score = analysis.cluster(c).score;
            (score, entry_of(analysis, citations, c, date))
        });
    }
    let mut chosen: Vec<(f64, TimelineEntry)> = entries.into_values().collect();
    chosen.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.date.cmp(&b.1.date)));
    chosen.truncate(input.sizes.timeline);
    chosen.into_iter().map(|(_, e)| e).collect()
}

/// The sentences of the briefing's articles that a cluster holds: (article, sentence, cluster).
pub(super) fn clustered_sentences<'a>(
    analysis: &'a Analysis,
    citations: &'a Citations,
) -> impl Iterator<Item = (usize, &'a Sentence, ClusterId)> + 'a {
    analysis
        .input
        .extractions
        .iter()
        .enumerate()
        .filter(|&(a, _)| citations.contains(a))
        .flat_map(move |(a, ex)| {
            ex.sentences
                .iter()
                .enumerate()
                .filter_map(move |(s, sentence)| {
                    let c = analysis.clusters.of(Place {
                        article: a,
                        sentence: s,
                    })?;
                    Some((a, sentence, c))
                })
        })
}

/// A dated entry for a cluster: its best wording, with every source that carries it.
pub(super) fn entry_of(
    analysis: &Analysis,
    citations: &Citations,
    id: ClusterId,
    date: PartialDate,
) -> TimelineEntry {
    let cluster = analysis.cluster(id);
    let mut entry = dated_entry(
        date,
        analysis.text(cluster.best).to_string(),
        citations.ids_of(cluster.members.iter().map(|p| p.article)),
    );
    entry.short = label_of(analysis, cluster.best);
    entry.title = title_of(analysis, cluster.best);
    entry
}

/// Actors a short title names at most.
const TITLE_ACTORS: usize = 2;

/// The short title of a sentence of the corpus: the first event word of its main clause (after
/// an opening circumstance, else anywhere), up to two actors in its order, and the first town
/// it names that is not one of them.
fn title_of(analysis: &Analysis, place: Place) -> EventTitle {
    let s = analysis.sentence(place);
    let text = analysis.text(place);
    let extraction = &analysis.input.extractions[place.article];
    let g = analysis.input.gazetteer;
    let dates: Vec<Range<usize>> = extraction
        .dates_in(s)
        .map(|d| d.start - s.start..d.end - s.start)
        .collect();
    let opening = after_opening(text, &dates);
    let event = event_in(&text[opening..]).or_else(|| event_in(text));
    let mut named: Vec<(usize, Actor)> = extraction
        .people_in(s)
        .filter_map(|p| {
            // A surname of more than two words is a name the extraction misread.
            let name = crate::summarise::surname(&p.name, g);
            (name.split(' ').count() <= 2).then_some((p.start, Actor::Person(name)))
        })
        .chain(
            s.countries
                .iter()
                .filter(|m| m.kind != MentionKind::Adjective)
                .filter(|m| !after_location(&text[..m.start - s.start]))
                .map(|m| (m.start, Actor::Country(g.countries[m.country].iso3.clone()))),
        )
        .chain(
            s.organisations
                .iter()
                .filter(|m| !after_location(&text[..m.start - s.start]))
                .map(|m| {
                    (
                        m.start,
                        Actor::Organisation(g.organisations[m.org].short.clone()),
                    )
                }),
        )
        .collect();
    named.sort_by_key(|(start, _)| *start);
    let mut actors: Vec<Actor> = Vec::new();
    for (_, actor) in named {
        if actors.len() < TITLE_ACTORS && !actors.contains(&actor) {
            actors.push(actor);
        }
    }
    let place = s
        .places
        .first()
        .and_then(|p| text.get(p.start - s.start..p.end - s.start))
        .map(str::to_string);
    EventTitle {
        event,
        actors,
        place,
    }
}

/// Whether a name after `before` follows a word of location ("au", "de la"): a place or an
/// owner, not an actor.
fn after_location(before: &str) -> bool {
    let Some(word) = last_word(before) else {
        return false;
    };
    let gap = &before[word.end..];
    let word = if matches!(gap, " " | "'" | "’") && is_word(Kind::Article, &before[word.clone()])
    {
        match last_word(&before[..word.start]) {
            Some(previous) => previous,
            None => return false,
        }
    } else {
        word
    };
    is_word(Kind::Location, &before[word])
}

/// The kind of the first event word of `text` (`data/fr/event_words.tsv`).
fn event_in(text: &str) -> Option<EventKind> {
    word_ranges(text).find_map(|w| event_words().get(fold(&text[w]).as_str()).copied())
}

const EVENT_WORDS: &str = include_str!("../data/fr/event_words.tsv");

/// Folded word form → what it tells happened.
fn event_words() -> &'static HashMap<String, EventKind> {
    static WORDS: OnceLock<HashMap<String, EventKind>> = OnceLock::new();
    WORDS.get_or_init(|| {
        EVENT_WORDS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (word, kind) = l
                    .split_once('\t')
                    .expect("data/fr/event_words.tsv: two columns");
                let kind = EventKind::from_key(kind.trim())
                    .unwrap_or_else(|| panic!("data/fr/event_words.tsv: unknown kind in {l:?}"));
                (word.trim().to_string(), kind)
            })
            .collect()
    })
}

/// The sentence a fact's span shows, if the briefing cites its article.
fn place_of(analysis: &Analysis, citations: &Citations, span: &Span) -> Option<Place> {
    let (article, _) = citations.iter().find(|&(_, id)| id == span.source)?;
    let sentence = analysis.input.extractions[article]
        .sentences
        .iter()
        .position(|s| s.start == span.start && s.end == span.end)?;
    Some(Place { article, sentence })
}

/// Where a sentence names who acted and when, as byte ranges into the sentence's text: what a
/// label needs to know of the extraction.
#[derive(Debug, Default)]
struct Marks {
    /// People, countries by their name or capital, and organisations; sorted by start.
    pub actors: Vec<Range<usize>>,
    /// Date expressions.
    pub dates: Vec<Range<usize>>,
}

/// The frieze label of a sentence of the corpus, from what the extraction found in it.
fn label_of(analysis: &Analysis, place: Place) -> String {
    let s = analysis.sentence(place);
    let extraction = &analysis.input.extractions[place.article];
    let local = |start: usize, end: usize| start - s.start..end - s.start;
    let mut actors: Vec<Range<usize>> = extraction
        .people_in(s)
        .map(|p| local(p.start, p.end))
        .chain(
            s.countries
                .iter()
                .filter(|m| m.kind != MentionKind::Adjective)
                .map(|m| local(m.start, m.end)),
        )
        .chain(s.organisations.iter().map(|m| local(m.start, m.end)))
        .collect();
    actors.sort_by_key(|r| (r.start, r.end));
    let dates = extraction
        .dates_in(s)
        .map(|d| local(d.start, d.end))
        .collect();
    label(analysis.text(place), &Marks { actors, dates })
}

/// A label that says who did what: the sentence from its named actor to the end of that clause
/// or else, when the sentence opens with a circumstance ("Alors que …,", "Lundi,"), from after
/// it; cut to `SHORT_TITLE` characters, capitalised. Apart from the capital and the "…", always
/// a piece of the sentence: a label never says what the sentence does not.
fn label(sentence: &str, marks: &Marks) -> String {
    let opening = after_opening(sentence, &marks.dates);
    let start = actor_start(sentence, &marks.actors, opening).unwrap_or(opening);
    let rest = sentence[start..].trim_start_matches(is_leading_mark);
    let clause =
        match rest[..clause_end(rest)].trim_end_matches(|c: char| c.is_whitespace() || c == '.') {
            "" => rest,
            clause => clause,
        };
    capitalised(&shorten(clause, SHORT_TITLE))
}

/// Spaces, quotation marks and dashes, which may open a sentence or a clause.
fn is_leading_mark(c: char) -> bool {
    c.is_whitespace() || "\"«»“”„'‘’-–—•".contains(c)
}

/// A named actor this close to the sentence's end is what the sentence ends on, not who acted.
const FEW_WORDS: usize = 3;

/// A named actor after this many words of the sentence (or of what follows its opening
/// circumstance) is told of deep inside it, not who acted.
const ACTOR_WITHIN: usize = 8;

/// Where the label starts when the sentence names who acted: at the first actor near its start
/// (or near the end of its opening circumstance, `opening`) that is no complement (not after a
/// preposition), does not qualify a name after it ("le chef de l'OMS Jean Dupont") and is
/// followed by what it did (a lower-case word, not "de": "la France a…", not "le musée Dupont
/// de Lyon", nor an apposition or a list "X, Y et Z"); with its article ("la France",
/// "l'ONU").
fn actor_start(sentence: &str, actors: &[Range<usize>], opening: usize) -> Option<usize> {
    for actor in actors {
        let before = &sentence[..actor.start];
        let after = &sentence[actor.end..];
        let inside_word = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '-');
        let before_name = after
            .strip_prefix(' ')
            .is_some_and(|a| a.starts_with(char::is_uppercase));
        if inside_word || before_name {
            continue;
        }
        let mut start = actor.start;
        let mut previous = last_word(before);
        if let Some(word) = previous.clone() {
            let gap = &before[word.end..];
            if matches!(gap, " " | "'" | "’") && is_word(Kind::Article, &before[word.clone()]) {
                start = word.start;
                previous = last_word(&before[..word.start]);
            }
        }
        if previous.is_some_and(|w| is_word(Kind::Preposition, &before[w])) {
            continue;
        }
        let base = if actor.start >= opening { opening } else { 0 };
        let near_start = word_ranges(&sentence[base..actor.start]).count() <= ACTOR_WITHIN;
        let deed = word_ranges(after).count() >= FEW_WORDS && followed_by_deed(after);
        return (near_start && deed).then_some(start);
    }
    None
}

/// Whether what follows a name starts with a space and a lower-case word other than "de": a
/// verb or an adverb, what the named one did.
fn followed_by_deed(after: &str) -> bool {
    let Some(text) = after.strip_prefix(' ') else {
        return false;
    };
    word_ranges(text).next().is_some_and(|word| {
        word.start == 0
            && text[word.clone()].starts_with(char::is_lowercase)
            && !is_word(Kind::Of, &text[word])
    })
}

/// The byte range of the last word of `text`.
fn last_word(text: &str) -> Option<Range<usize>> {
    word_ranges(text).last()
}

/// Where the label starts when no actor does: after the sentence's opening circumstance, if
/// it opens with one and a comma ends it within the sentence's first half; else at the start
/// (a sentence that opens on a quotation opens with what was said: "« Nous demandons… »").
fn after_opening(sentence: &str, dates: &[Range<usize>]) -> usize {
    let open = sentence.len() - sentence.trim_start_matches(is_leading_mark).len();
    let head = &sentence[open..];
    let quoted = sentence[..open].contains(['"', '«', '“', '„']);
    let by_date = dates.iter().any(|d| d.start >= open && d.start <= open + 3);
    if quoted || !(by_date || opens_with_opener(head)) {
        return open;
    }
    match head.find(',') {
        Some(comma) if open + comma < sentence.len() / 2 => open + comma + 1,
        _ => open,
    }
}

/// Whether `text` opens with an opener of `data/label_words.txt`, as whole words.
fn opens_with_opener(text: &str) -> bool {
    let words: Vec<String> = word_ranges(text)
        .take(4)
        .map(|w| match fold(&text[w]).as_str() {
            "qu" => "que".to_string(),
            other => other.to_string(),
        })
        .collect();
    label_words().iter().any(|(kind, phrase)| {
        *kind == Kind::Opener && {
            let phrase: Vec<&str> = phrase.split(' ').collect();
            words.len() >= phrase.len() && words.iter().zip(&phrase).all(|(w, p)| w == p)
        }
    })
}

/// Where a clause ends: at a semicolon, a colon, a parenthesis, a dash between words, or a
/// full stop that ends a sentence glued to the next one ("….- Dans", "2021.Marie").
fn clause_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let glued_stop = |i: usize| {
        bytes[i] == b'.'
            && text[i + 1..]
                .chars()
                .next()
                .is_some_and(|c| c == '-' || c.is_uppercase())
    };
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let dash = matches!(c, '–' | '—')
            || (c == '-' && text[..i].ends_with(' ') && text[i + 1..].starts_with(' '));
        if matches!(c, ';' | ':' | '(') || dash || glued_stop(i) {
            end = i;
            break;
        }
    }
    end
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The kinds of words of `data/label_words.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Opener,
    Article,
    Preposition,
    Of,
    Location,
}

const LABEL_WORDS: &str = include_str!("../data/label_words.txt");

/// The entries of `data/label_words.txt`: (kind, folded words).
fn label_words() -> &'static [(Kind, String)] {
    static WORDS: OnceLock<Vec<(Kind, String)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        LABEL_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (kind, words) = l.split_once(' ')?;
                let kind = match kind {
                    "opener" => Kind::Opener,
                    "article" => Kind::Article,
                    "preposition" => Kind::Preposition,
                    "of" => Kind::Of,
                    "location" => Kind::Location,
                    _ => panic!("data/label_words.txt: unknown kind in {l:?}"),
                };
                Some((kind, words.trim().to_string()))
            })
            .collect()
    })
}

/// Whether a word of the text is a one-word entry of this kind.
fn is_word(kind: Kind, word: &str) -> bool {
    static SINGLE: OnceLock<HashSet<(Kind, String)>> = OnceLock::new();
    let single = SINGLE.get_or_init(|| {
        label_words()
            .iter()
            .filter(|(_, w)| !w.contains(' '))
            .cloned()
            .collect()
    });
    single.contains(&(kind, fold(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte range of `part` in `sentence` (its first occurrence).
    fn at(sentence: &str, part: &str) -> Range<usize> {
        let start = sentence.find(part).expect("part of the sentence");
        start..start + part.len()
    }

    /// Whether a label, but for its capital and its "…", is a piece of the sentence.
    fn is_piece_of(label: &str, sentence: &str) -> bool {
        let body = label.trim_end_matches('…');
        let mut chars = body.chars();
        let first = chars.next().expect("a label has words");
        let rest = chars.as_str();
        sentence.match_indices(rest).any(|(i, _)| {
            sentence[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.to_uppercase().eq(first.to_uppercase()))
        })
    }

    #[test]
    fn a_title_names_the_first_event_word_and_no_place_as_an_actor() {
        assert_eq!(
            event_in("Le ministre a démissionné lundi après l'explosion"),
            Some(EventKind::Resignation)
        );
        assert_eq!(event_in("Rien ne s'est passé ce jour-là"), None);
        // A country after a word of location is where, or whose: no actor.
        assert!(after_location("Les secours sont arrivés au "));
        assert!(after_location("le président de la "));
        assert!(after_location("le siège de l'"));
        assert!(!after_location("Lundi, la "));
        assert!(!after_location(""));
    }

    #[test]
    fn a_label_starts_at_the_first_actor_with_the_article_of_a_country() {
        let sentence = "Alors que la saison des pluies commence, la Tanzanie a signé mardi un accord avec le Kenya.";
        let marks = Marks {
            actors: vec![at(sentence, "Tanzanie"), at(sentence, "Kenya")],
            dates: vec![at(sentence, "mardi")],
        };
        assert_eq!(
            label(sentence, &marks),
            "La Tanzanie a signé mardi un accord…"
        );
    }

    #[test]
    fn a_label_starts_at_a_person_after_a_role_and_a_date() {
        let sentence = "Lundi, le ministre des Finances Jean Dupont a présenté le budget.";
        let marks = Marks {
            actors: vec![at(sentence, "Jean Dupont")],
            dates: vec![at(sentence, "Lundi")],
        };
        assert_eq!(label(sentence, &marks), "Jean Dupont a présenté le budget");
    }

    #[test]
    fn a_name_after_a_preposition_is_no_actor() {
        let sentence = "Alors que les pluies reprennent, des milliers de personnes ont quitté le Ghana hier soir.";
        let marks = Marks {
            actors: vec![at(sentence, "Ghana")],
            dates: vec![],
        };
        assert_eq!(
            label(sentence, &marks),
            "Des milliers de personnes ont quitté le…"
        );
    }

    #[test]
    fn without_an_actor_an_opening_clause_is_skipped() {
        let sentence = "Alors qu'il pleut, les prix du riz ont doublé.";
        assert_eq!(
            label(sentence, &Marks::default()),
            "Les prix du riz ont doublé"
        );
    }

    #[test]
    fn an_opening_clause_past_the_middle_is_kept() {
        let sentence = "Alors que la récolte de cette année s'annonce particulièrement maigre dans tout le pays, les prix montent.";
        assert_eq!(
            label(sentence, &Marks::default()),
            "Alors que la récolte de cette année…"
        );
    }

    #[test]
    fn an_actor_among_the_last_words_is_not_the_label() {
        let sentence = "Depuis mardi soir, les négociations piétinent avec le Togo.";
        let marks = Marks {
            actors: vec![at(sentence, "Togo")],
            dates: vec![at(sentence, "mardi soir")],
        };
        assert_eq!(
            label(sentence, &marks),
            "Les négociations piétinent avec le Togo"
        );
    }

    #[test]
    fn quotation_marks_and_dashes_do_not_open_a_label() {
        assert_eq!(
            label(
                "« Nous resterons prudents », a répété le porte-parole.",
                &Marks::default()
            ),
            "Nous resterons prudents », a répété le…"
        );
        assert_eq!(
            label(
                "- Jean Dupont a démissionné de son poste vendredi.",
                &Marks::default()
            ),
            "Jean Dupont a démissionné de son poste…"
        );
    }

    #[test]
    fn labels_are_short_pieces_of_their_sentence() {
        let sentences = [
            "Alors que la France a entamé lundi la deuxième phase de son plan, le Mali attend toujours.",
            "Tandis que les discussions se poursuivent, l'Union africaine a convoqué une réunion extraordinaire.",
            "\"Personne ne pense que Jean Dupont va être réélu\", a écrit vendredi une ministre.",
            "Le lendemain, le gouvernement qui avait promis des réformes a reculé.",
            "Un accord.",
        ];
        for sentence in sentences {
            let marks = Marks {
                actors: ["France", "Mali", "Union africaine", "Jean Dupont"]
                    .iter()
                    .filter_map(|name| sentence.find(name).map(|_| at(sentence, name)))
                    .collect(),
                dates: vec![],
            };
            let short = label(sentence, &marks);
            assert!(
                short.trim_end_matches('…').chars().count() <= SHORT_TITLE,
                "{short:?} is too long"
            );
            assert!(
                is_piece_of(&short, sentence),
                "{short:?} is not in {sentence:?}"
            );
            assert!(short.starts_with(char::is_uppercase), "{short:?}");
        }
    }
}
