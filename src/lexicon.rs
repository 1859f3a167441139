//! The words the stages look for — French words, and the HTML tag names the reader knows — as
//! one typed [`Lexicon`], loaded once from the files of `src/data/fr/` and `src/data/html/`
//! (compiled in), one field per file.
//!
//! Each file says at its top what its list is for, who reads it and where its words come from.
//! One entry a line; `#` starts a comment line. French words are written folded (lower case, no
//! accents, as `text::fold` gives them) when the tokens they are compared with are folded; the
//! few files compared with the text as written say so. A `.tsv` file gives each entry a value
//! after a tab (a kind of meeting, a number). The files are part of the source: a line the
//! loader cannot read stops the program with its file and line, and a unit test loads them all.
//!
//! Lookups are by hash (a fast one for short words: the sets are fixed) and borrow the
//! compiled-in text: asking whether a word is listed allocates nothing.

use crate::extract::meetings::MeetingVerb;
use crate::gazetteer::Gender;
use crate::hashing::WordHasher;
use crate::model::{MeetingKind, MeetingStatus};
use crate::text::{fold, Token};
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash};
use std::sync::OnceLock;

/// The data file at `src/data/$path`, compiled in.
macro_rules! data {
    ($path:literal) => {
        Source {
            path: $path,
            text: include_str!(concat!("data/", $path)),
        }
    };
}

/// Every list, by what it is for. See each file for its words.
pub struct Lexicon {
    // corpus: HTML pages (html/).
    /// Elements never part of an article's text (`skipped_tags.txt`).
    pub skipped_tags: WordSet,
    /// Class or id fragments of page furniture (`furniture.txt`), in file order.
    pub furniture: Vec<&'static str>,
    /// Block elements that make paragraphs (`block_tags.txt`).
    pub block_tags: WordSet,
    /// Elements without content or end tag (`void_tags.txt`).
    pub void_tags: WordSet,
    /// Start tags that close an open `p` (`closes_p_tags.txt`).
    pub closes_p_tags: WordSet,

    // corpus: outlets a text relays.
    /// Words between a relay cue and the outlet's name (`relay_fillers.txt`).
    pub relay_fillers: WordSet,

    // extract: sentences.
    /// Abbreviations a full stop does not end a sentence after, lower case with accents
    /// (`abbreviations.txt`).
    pub abbreviations: WordSet,

    // extract: people and roles.
    /// Capitalised words that are no name words (`not_names.txt`; see [`Lexicon::can_be_in_a_name`]
    /// for the months and weekdays besides).
    pub not_names: WordSet,
    /// `not_names`, month names and weekdays: one lookup per capitalised word.
    not_in_names: WordSet<Box<str>>,
    /// Words that make a capitalised run a company's, a medium's or a body's
    /// (`not_person_words.txt`).
    pub not_person_words: WordSet,
    /// Nouns after which a capitalised run names a thing (`thing_nouns.txt`).
    pub thing_nouns: WordSet,
    /// Particles inside names: "Le Pen", "von der Leyen" (`name_particles.txt`).
    pub name_particles: WordSet,
    /// Titles after which one capitalised word is a person (`person_cues.txt`).
    pub person_cues: WordSet,
    /// Prepositions that govern the noun phrase after them (`prepositions.txt`).
    pub prepositions: WordSet,
    /// Determiners before a role (`role_determiners.txt`).
    pub role_determiners: WordSet,
    /// Words that end a noun phrase, so that no role before them is a later name's
    /// (`role_phrase_breakers.txt`).
    pub role_phrase_breakers: WordSet,
    /// Role words and adjectives that tell a gender (`role_genders.tsv`).
    pub role_genders: WordMap<Gender>,
    /// Adjectives that name an international organisation in a role, and its short name
    /// (`org_adjectives.tsv`).
    pub org_adjectives: WordMap<&'static str>,

    // extract: quotes.
    /// Folded forms of the speech verbs (`src/data/speech_verbs.txt`, regular verbs conjugated).
    pub speech_verbs: WordSet<String>,
    /// Three-word speech verbs, told by their last word (`warning_phrases.txt`).
    pub warning_phrases: Phrases,
    /// Determiners that are never pronouns (`noun_determiners.txt`).
    pub noun_determiners: WordSet,
    /// Subjects an object pronoun follows (`subject_words.txt`).
    pub subject_words: WordSet,
    /// Words between a quote and the speech verb that follows it (`clause_openers.txt`).
    pub clause_openers: WordSet,
    /// Words that end a role phrase given for a speaker (`role_enders.txt`; weekdays too).
    pub role_enders: WordSet,

    // extract: meetings and venues.
    /// Nouns that name a meeting, and its kind (`meeting_nouns.tsv`).
    pub meeting_nouns: WordMap<MeetingKind>,
    /// The same nouns, and the word that titles a meeting they name in any language: a key
    /// of the labels' `kind_…` words ("conference", "summit"), from `meeting_nouns.tsv`.
    pub meeting_title_words: WordMap<&'static str>,
    /// Verb forms that tell a meeting, with kind, frame and tense (`meeting_verbs.tsv`).
    pub meeting_verbs: WordMap<MeetingVerb>,
    /// Words and phrases that make a meeting noun an adverbial (`adverbial_openers.txt`).
    pub adverbial_openers: Phrases,
    /// Verbs whose object is a meeting noun and whose subject takes part (`light_verbs.txt`).
    pub light_verbs: WordSet,
    /// Words that put a meeting noun before the news (`recall_words.txt`).
    pub recall_words: WordSet,
    /// Words that open a relative or subordinate clause (`subordinators.txt`).
    pub subordinators: WordSet,
    /// Auxiliaries of the pluperfect (`pluperfect_auxiliaries.txt`).
    pub pluperfect_auxiliaries: WordSet,
    /// First words that make a sentence lean on the one before (`dependent_openers.txt`).
    pub dependent_openers: WordSet,
    /// Words after "il" that make it impersonal (`impersonal_verbs.txt`).
    pub impersonal_verbs: WordSet,
    /// Words an acronym leaves out of its letters (`acronym_small_words.txt`).
    pub acronym_small_words: WordSet,
    /// Words that date another event than the meeting (`event_anchors.txt`).
    pub event_anchors: WordSet,
    /// Prepositions that make a date another event's than the fact's (`reference_words.txt`).
    pub reference_words: WordSet,
    /// Words that make the next infinitive a wish (`wish_words.txt`).
    pub wish_words: WordSet,
    /// People who comment on the news (`commentator_words.txt`).
    pub commentator_words: WordSet,
    /// Words of abduction and arrest (`seizure_words.txt`).
    pub seizure_words: WordSet,
    /// Plural nouns of political people met unnamed (`political_groups.txt`).
    pub political_groups: WordSet,
    /// Nouns of foreign envoys (`envoy_words.txt`).
    pub envoy_words: WordSet,
    /// Feminine head nouns of organisations' names (`feminine_heads.txt`).
    pub feminine_heads: WordSet,
    /// Words that make a meeting announced (`meeting_future_words.txt`).
    pub meeting_future_words: WordSet,
    /// Adverbs inside a meeting verb (`verb_adverbs.txt`).
    pub verb_adverbs: WordSet,
    /// Auxiliaries of a verb group (`auxiliaries.txt`).
    pub auxiliaries: WordSet,
    /// Offices whose holders' arrival somewhere is a visit (`visiting_offices.txt`).
    pub visiting_offices: Phrases,
    /// Words between a subject and its verb, or inside a verb group (`verb_fillers.txt`).
    pub verb_fillers: WordSet,
    /// Phrases between a subject and its verb, or a verb and its object (`filler_phrases.txt`).
    pub filler_phrases: Phrases,
    /// Nouns for the press, to tell interviews (`media_nouns.txt`).
    pub media_nouns: WordSet,
    /// Meeting nouns that are a press conference (`press_phrases.txt`).
    pub press_phrases: Phrases,
    /// Councils that meet when a complement follows (`council_phrases.txt`).
    pub council_phrases: Phrases,
    /// Phrases that put a meeting still to come (`eve_phrases.txt`).
    pub eve_phrases: Phrases,
    /// Participles that call a meeting off, and what they make of it (`called_off.tsv`).
    pub called_off: WordMap<MeetingStatus>,
    /// Buildings a meeting is held in (`buildings.txt`).
    pub buildings: WordSet,

    // dates.
    /// The months (`months.tsv`).
    pub months: Months,
    /// The days of the week (`weekdays.txt`).
    pub weekdays: Weekdays,
    /// Ordinal words and their rank, -1 for the last (`ordinals.tsv`).
    pub ordinals: WordMap<i32>,
    /// Numbers written as words (`number_words.tsv`).
    pub number_words: WordMap<i64>,
    /// Other words a date expression may start with (`date_starters.txt`).
    pub date_starters: WordSet,
    /// `date_starters`, ordinals, weekdays and their first three letters, months' names and
    /// abbreviations: one lookup per token (see [`Lexicon::may_open_a_date`]).
    date_openers: WordSet<Box<str>>,
    /// Words before a bare year or month that make it a date (`date_cues.txt`).
    pub date_cues: WordSet,
    /// Words that put a clause in the future (`future_markers.txt`).
    pub future_markers: WordSet,
    /// Words that put a clause in the past (`past_markers.txt`).
    pub past_markers: WordSet,
    /// Endings of past participles, as written (`participle_endings.txt`), in file order.
    pub participle_endings: Vec<&'static str>,
    /// Words that end like a future tense and are not one (`not_futures.txt`).
    pub not_futures: WordSet,
    /// Nouns that make "du" and a date a name (`name_heads.txt`).
    pub name_heads: WordSet,
    /// Nouns that make a four-digit number a count (`counted_nouns.txt`).
    pub counted_nouns: WordSet,

    // gazetteer.
    /// Words that make the next name a place (`locatives.txt`).
    pub locatives: WordSet,

    // summarise.
    /// Phrases of decision, looked for inside folded text (`decision_phrases.txt`), in file
    /// order.
    pub decision_phrases: Vec<&'static str>,
    /// Words too common to tell sentences apart (`stopwords.txt`).
    pub stopwords: WordSet,
}

impl Lexicon {
    /// The lexicon, loaded on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::load)
    }

    fn load() -> Lexicon {
        let (meeting_nouns, meeting_title_words) = data!("fr/meeting_nouns.tsv").meeting_nouns();
        let mut lexicon = Lexicon {
            skipped_tags: data!("html/skipped_tags.txt").words(),
            furniture: data!("html/furniture.txt").list(),
            block_tags: data!("html/block_tags.txt").words(),
            void_tags: data!("html/void_tags.txt").words(),
            closes_p_tags: data!("html/closes_p_tags.txt").words(),
            relay_fillers: data!("fr/relay_fillers.txt").words(),
            abbreviations: data!("fr/abbreviations.txt").words(),
            not_names: data!("fr/not_names.txt").words(),
            name_particles: data!("fr/name_particles.txt").words(),
            not_person_words: data!("fr/not_person_words.txt").words(),
            thing_nouns: data!("fr/thing_nouns.txt").words(),
            person_cues: data!("fr/person_cues.txt").words(),
            prepositions: data!("fr/prepositions.txt").words(),
            role_determiners: data!("fr/role_determiners.txt").words(),
            role_phrase_breakers: data!("fr/role_phrase_breakers.txt").words(),
            role_genders: data!("fr/role_genders.tsv").valued(gender),
            org_adjectives: data!("fr/org_adjectives.tsv").pairs(),
            speech_verbs: data!("speech_verbs.txt").speech_verbs(),
            warning_phrases: data!("fr/warning_phrases.txt").phrases(),
            noun_determiners: data!("fr/noun_determiners.txt").words(),
            subject_words: data!("fr/subject_words.txt").words(),
            clause_openers: data!("fr/clause_openers.txt").words(),
            role_enders: data!("fr/role_enders.txt").words(),
            meeting_nouns,
            meeting_title_words,
            meeting_verbs: data!("fr/meeting_verbs.tsv").meeting_verbs(),
            adverbial_openers: data!("fr/adverbial_openers.txt").phrases(),
            seizure_words: data!("fr/seizure_words.txt").words(),
            commentator_words: data!("fr/commentator_words.txt").words(),
            wish_words: data!("fr/wish_words.txt").words(),
            political_groups: data!("fr/political_groups.txt").words(),
            event_anchors: data!("fr/event_anchors.txt").words(),
            reference_words: data!("fr/reference_words.txt").words(),
            recall_words: data!("fr/recall_words.txt").words(),
            dependent_openers: data!("fr/dependent_openers.txt").words(),
            impersonal_verbs: data!("fr/impersonal_verbs.txt").words(),
            acronym_small_words: data!("fr/acronym_small_words.txt").words(),
            pluperfect_auxiliaries: data!("fr/pluperfect_auxiliaries.txt").words(),
            subordinators: data!("fr/subordinators.txt").words(),
            light_verbs: data!("fr/light_verbs.txt").words(),
            envoy_words: data!("fr/envoy_words.txt").words(),
            feminine_heads: data!("fr/feminine_heads.txt").words(),
            meeting_future_words: data!("fr/meeting_future_words.txt").words(),
            verb_adverbs: data!("fr/verb_adverbs.txt").words(),
            auxiliaries: data!("fr/auxiliaries.txt").words(),
            visiting_offices: data!("fr/visiting_offices.txt").phrases(),
            verb_fillers: data!("fr/verb_fillers.txt").words(),
            filler_phrases: data!("fr/filler_phrases.txt").phrases(),
            media_nouns: data!("fr/media_nouns.txt").words(),
            press_phrases: data!("fr/press_phrases.txt").phrases(),
            council_phrases: data!("fr/council_phrases.txt").phrases(),
            eve_phrases: data!("fr/eve_phrases.txt").phrases(),
            called_off: data!("fr/called_off.tsv").valued(kind),
            buildings: data!("fr/buildings.txt").words(),
            months: data!("fr/months.tsv").months(),
            weekdays: data!("fr/weekdays.txt").weekdays(),
            ordinals: data!("fr/ordinals.tsv").valued(|v| v.parse().ok()),
            number_words: data!("fr/number_words.tsv").valued(|v| v.parse().ok()),
            date_starters: data!("fr/date_starters.txt").words(),
            date_cues: data!("fr/date_cues.txt").words(),
            future_markers: data!("fr/future_markers.txt").words(),
            past_markers: data!("fr/past_markers.txt").words(),
            participle_endings: data!("fr/participle_endings.txt").list(),
            not_futures: data!("fr/not_futures.txt").words(),
            name_heads: data!("fr/name_heads.txt").words(),
            counted_nouns: data!("fr/counted_nouns.txt").words(),
            locatives: data!("fr/locatives.txt").words(),
            decision_phrases: data!("fr/decision_phrases.txt").phrase_list(),
            stopwords: data!("fr/stopwords.txt").words(),
            not_in_names: WordSet::default(),
            date_openers: WordSet::default(),
        };
        let (months, weekdays) = (&lexicon.months, &lexicon.weekdays);
        let month_names = months.forms.map.iter().filter(|(_, f)| !f.abbreviation);
        lexicon.not_in_names = (lexicon.not_names.keys().copied())
            .chain(month_names.map(|(name, _)| name.as_str()))
            .chain(weekdays.names)
            .map(Box::from)
            .collect();
        lexicon.date_openers = (lexicon.date_starters.keys().copied())
            .chain(lexicon.ordinals.keys().copied())
            .chain(weekdays.names)
            .chain(weekdays.names.iter().map(|day| &day[..3]))
            .chain(months.forms.keys().map(String::as_str))
            .map(Box::from)
            .collect();
        lexicon
    }

    /// Whether a capitalised word (folded) may be part of a person's name as far as the lexicon
    /// knows: not a word of `not_names.txt`, a month's name or a weekday.
    pub fn can_be_in_a_name(&self, folded: &str) -> bool {
        !self.not_in_names.contains(folded)
    }

    /// Whether a date expression may start at a (folded) word that is no number: a word of
    /// `date_starters.txt`, an ordinal, a weekday (also in the plural: "les lundis") or its first
    /// three letters ("mer"), a month's name or abbreviation.
    pub fn may_open_a_date(&self, folded: &str) -> bool {
        self.date_openers.contains(folded)
            || (folded.ends_with('s')
                && self.weekdays.number(folded.trim_end_matches('s')).is_some())
    }

    /// Whether a folded word ends a role phrase given for a speaker.
    pub fn ends_role(&self, folded: &str) -> bool {
        self.role_enders.contains(folded) || self.weekdays.number(folded).is_some()
    }
}

/// The months: their names as written, and the folded forms of names and abbreviations.
pub struct Months {
    /// January first.
    names: [&'static str; 12],
    forms: WordMap<MonthForm, String>,
}

/// What a folded word says of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthForm {
    /// 1 to 12.
    pub month: u32,
    /// "janv", "sept": an abbreviation, not the name.
    pub abbreviation: bool,
}

impl Months {
    /// The French name of month `month` (1 to 12), as written: "août".
    pub fn name(&self, month: u32) -> &'static str {
        self.names[month as usize - 1]
    }

    /// The month a folded word names or abbreviates.
    pub fn form(&self, folded: &str) -> Option<MonthForm> {
        self.forms.get(folded).copied()
    }
}

/// The days of the week, Monday first.
pub struct Weekdays {
    names: [&'static str; 7],
    numbers: WordMap<usize>,
}

impl Weekdays {
    /// The days' names, Monday first.
    pub fn names(&self) -> &[&'static str; 7] {
        &self.names
    }

    /// The day a folded word names: 0 for Monday.
    pub fn number(&self, folded: &str) -> Option<usize> {
        self.numbers.get(folded).copied()
    }
}

/// Phrases of folded words, matched against a text's tokens.
pub struct Phrases(Vec<Vec<&'static str>>);

impl Phrases {
    /// Whether one of the phrases is spelt by the words from `at` on.
    pub fn starts_at(&self, words: &[Token], at: usize) -> bool {
        self.length_at(words, at).is_some()
    }

    /// How many words the first phrase spelt by the words from `at` on has.
    pub fn length_at(&self, words: &[Token], at: usize) -> Option<usize> {
        self.0
            .iter()
            .find(|phrase| spelt(phrase, words, at))
            .map(Vec::len)
    }

    /// How many words the first phrase spelt by words that end with word `last` has.
    pub fn length_ending_at(&self, words: &[Token], last: usize) -> Option<usize> {
        self.0
            .iter()
            .find(|phrase| {
                (last + 1)
                    .checked_sub(phrase.len())
                    .is_some_and(|from| spelt(phrase, words, from))
            })
            .map(Vec::len)
    }

    /// Whether one of the phrases is spelt by words that end with word `last`.
    pub fn ends_at(&self, words: &[Token], last: usize) -> bool {
        self.0.iter().any(|phrase| {
            (last + 1)
                .checked_sub(phrase.len())
                .is_some_and(|from| spelt(phrase, words, from))
        })
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn spelt(phrase: &[&str], words: &[Token], from: usize) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(i, word)| words.get(from + i).is_some_and(|w| w.folded == *word))
}

/// Words, each with a value (a kind of meeting, a number), looked up by hash once their length
/// is one a listed word has: most words asked about are not listed, and most of those cost no
/// hashing. `K` is `&'static str` for words borrowed from a file, `String` for words made at
/// load (folded, conjugated).
pub struct WordMap<V, K = &'static str> {
    map: HashMap<K, V, BuildHasherDefault<WordHasher>>,
    /// Bit n is set when a listed word has n bytes (bit 63: 63 or more).
    lengths: u64,
}

/// Words without values.
pub type WordSet<K = &'static str> = WordMap<(), K>;

fn length_bit(word: &str) -> u64 {
    1 << word.len().min(63)
}

impl<V, K: Borrow<str> + Hash + Eq> WordMap<V, K> {
    /// The value of `word`, if it is listed.
    pub fn get(&self, word: &str) -> Option<&V> {
        if self.lengths & length_bit(word) == 0 {
            return None;
        }
        self.map.get(word)
    }

    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The words, in no order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.map.keys()
    }

    /// Adds a word; false if it was listed already (its value is then replaced).
    fn insert(&mut self, word: K, value: V) -> bool {
        self.lengths |= length_bit(word.borrow());
        self.map.insert(word, value).is_none()
    }
}

impl<K: Borrow<str> + Hash + Eq> WordSet<K> {
    /// Whether `word` is listed.
    pub fn contains(&self, word: &str) -> bool {
        self.contains_key(word)
    }
}

impl<V, K> Default for WordMap<V, K> {
    fn default() -> Self {
        WordMap {
            map: HashMap::default(),
            lengths: 0,
        }
    }
}

impl<V, K: Borrow<str> + Hash + Eq> FromIterator<(K, V)> for WordMap<V, K> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Self {
        let mut map = WordMap::default();
        for (word, value) in items {
            map.insert(word, value);
        }
        map
    }
}

impl<K: Borrow<str> + Hash + Eq> FromIterator<K> for WordSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(words: I) -> Self {
        words.into_iter().map(|w| (w, ())).collect()
    }
}

/// A gender written in a data file: "m" or "f".
fn gender(column: &str) -> Option<Gender> {
    match column {
        "m" => Some(Gender::Masculine),
        "f" => Some(Gender::Feminine),
        _ => None,
    }
}

/// A kind written in a data file as the briefing's JSON writes it: "bilateral", "postponed".
fn kind<T: serde::de::DeserializeOwned>(column: &str) -> Option<T> {
    use serde::de::IntoDeserializer;
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(column)).ok()
}

/// A data file: its path under `src/data/` and its text.
struct Source {
    path: &'static str,
    text: &'static str,
}

impl Source {
    /// Stops the program: the data files are part of the source. Line 0: the whole file.
    fn fail(&self, line: usize, why: &str) -> ! {
        match line {
            0 => panic!("src/data/{}: {why}", self.path),
            _ => panic!("src/data/{}:{line}: {why}", self.path),
        }
    }

    /// The entries with their line numbers: each line but comments and blank ones.
    fn entries(&self) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        self.text
            .lines()
            .enumerate()
            .map(|(i, line)| (i + 1, line))
            .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
    }

    /// The entries, each one word (no space), in file order and without repeats.
    fn list(&self) -> Vec<&'static str> {
        self.checked(
            |entry| !entry.contains(char::is_whitespace),
            "is not one word",
        )
    }

    fn words(&self) -> WordSet {
        self.list().into_iter().collect()
    }

    /// The entries, each words separated by single spaces, in file order and without repeats.
    fn phrase_list(&self) -> Vec<&'static str> {
        let spaced = |entry: &str| {
            entry
                .split(' ')
                .all(|w| !w.is_empty() && !w.contains(char::is_whitespace))
        };
        self.checked(spaced, "is not words separated by single spaces")
    }

    fn phrases(&self) -> Phrases {
        let split = |phrase: &'static str| phrase.split(' ').collect();
        Phrases(self.phrase_list().into_iter().map(split).collect())
    }

    /// The entries, each of which must pass `valid`, without repeats.
    fn checked(&self, valid: impl Fn(&str) -> bool, otherwise: &str) -> Vec<&'static str> {
        let mut seen = std::collections::HashSet::new();
        self.entries()
            .map(|(line, entry)| {
                if !valid(entry) {
                    self.fail(line, &format!("{entry:?} {otherwise}"));
                }
                if !seen.insert(entry) {
                    self.fail(line, &format!("{entry:?} is listed twice"));
                }
                entry
            })
            .collect()
    }

    /// The columns of each entry (separated by tabs), `count` of them.
    fn rows(&self, count: usize) -> impl Iterator<Item = (usize, Vec<&'static str>)> + '_ {
        self.entries().map(move |(line, entry)| {
            let columns: Vec<&str> = entry.split('\t').collect();
            if columns.len() != count || columns.iter().any(|c| c.is_empty() || c.trim() != *c) {
                self.fail(line, &format!("expected {count} columns separated by tabs"));
            }
            (line, columns)
        })
    }

    /// Words with a value after a tab, read by `value`.
    fn valued<V>(&self, value: impl Fn(&str) -> Option<V>) -> WordMap<V> {
        let mut map = WordMap::default();
        for (line, columns) in self.rows(2) {
            let (word, written) = (columns[0], columns[1]);
            let Some(v) = value(written) else {
                self.fail(line, &format!("{written:?} is not a value of this list"));
            };
            if word.contains(' ') || !map.insert(word, v) {
                self.fail(
                    line,
                    &format!("{word:?} is not one word, or is listed twice"),
                );
            }
        }
        map
    }

    /// `meeting_nouns.tsv`: a noun, its kind, the word that titles its meetings; as two maps
    /// from the noun, to its kind and to its title word.
    fn meeting_nouns(&self) -> (WordMap<MeetingKind>, WordMap<&'static str>) {
        let (mut kinds, mut titles) = (WordMap::default(), WordMap::default());
        for (line, columns) in self.rows(3) {
            let Some(meeting_kind) = kind(columns[1]) else {
                self.fail(line, &format!("{:?} is not a kind of meeting", columns[1]));
            };
            if columns[0].contains(' ') || !kinds.insert(columns[0], meeting_kind) {
                self.fail(
                    line,
                    &format!("{:?} is not one word, or is listed twice", columns[0]),
                );
            }
            titles.insert(columns[0], columns[2]);
        }
        (kinds, titles)
    }

    /// `meeting_verbs.tsv`: a form, its kind, its frame, its tense.
    fn meeting_verbs(&self) -> WordMap<MeetingVerb> {
        let mut map = WordMap::default();
        for (line, columns) in self.rows(4) {
            let verb = kind(columns[1]).zip(kind(columns[2])).zip(kind(columns[3]));
            let Some(((kind, frame), tense)) = verb else {
                self.fail(line, "expected a kind, a frame and a tense");
            };
            if !map.insert(columns[0], MeetingVerb { kind, frame, tense }) {
                self.fail(line, &format!("{:?} is listed twice", columns[0]));
            }
        }
        map
    }

    /// Words with a word after a tab, borrowed from the file.
    fn pairs(&self) -> WordMap<&'static str> {
        let mut map = WordMap::default();
        for (line, columns) in self.rows(2) {
            if columns[0].contains(' ') || !map.insert(columns[0], columns[1]) {
                self.fail(
                    line,
                    &format!("{:?} is not one word, or is listed twice", columns[0]),
                );
            }
        }
        map
    }

    /// `months.tsv`: name or abbreviation as written, month, "name" or "abbreviation".
    fn months(&self) -> Months {
        let mut names: [Option<&'static str>; 12] = [None; 12];
        let mut forms = WordMap::default();
        for (line, columns) in self.rows(3) {
            let month: u32 = match columns[1].parse() {
                Ok(m @ 1..=12) => m,
                _ => self.fail(line, "the month is a number from 1 to 12"),
            };
            let abbreviation = match columns[2] {
                "name" => false,
                "abbreviation" => true,
                _ => self.fail(line, "the third column is \"name\" or \"abbreviation\""),
            };
            if !abbreviation && names[month as usize - 1].replace(columns[0]).is_some() {
                self.fail(line, "a month has one name");
            }
            let form = MonthForm {
                month,
                abbreviation,
            };
            if !forms.insert(fold(columns[0]), form) {
                self.fail(line, "listed twice");
            }
        }
        let names = names.map(|name| name.unwrap_or_else(|| self.fail(0, "a month has no name")));
        Months { names, forms }
    }

    /// `weekdays.txt`: the seven days, Monday first.
    fn weekdays(&self) -> Weekdays {
        let list = self.list();
        let names: [&'static str; 7] = list
            .try_into()
            .unwrap_or_else(|_| self.fail(0, "a week has seven days"));
        let numbers = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        Weekdays { names, numbers }
    }

    /// `speech_verbs.txt`: a regular -er verb by its infinitive (its forms made from it), any
    /// other with its forms listed after a colon.
    fn speech_verbs(&self) -> WordSet<String> {
        let mut forms = Vec::new();
        for line in self.text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (lemma, listed) = match line.split_once(':') {
                Some((lemma, listed)) => (lemma, Some(listed)),
                None => (line, None),
            };
            let verb = fold(lemma.rsplit(['\'', ' ']).next().unwrap_or(lemma));
            match listed {
                Some(listed) => forms.extend(listed.split(',').map(|f| fold(f.trim()))),
                None => forms.extend(er_forms(&verb)),
            }
        }
        forms.into_iter().collect()
    }
}

/// The folded forms of a regular -er verb: participle, present, imperfect, simple past, future.
fn er_forms(infinitive: &str) -> Vec<String> {
    let Some(stem) = infinitive.strip_suffix("er") else {
        return vec![infinitive.to_string()];
    };
    // "annoncer" → "annonçait" folds to "annoncait"; "juger" → "jugeait".
    let soft = if stem.ends_with('g') {
        format!("{stem}e")
    } else {
        stem.to_string()
    };
    let mut forms: Vec<String> = ["e", "ee", "es", "ees", "ent", "era", "eront"]
        .iter()
        .map(|end| format!("{stem}{end}"))
        .collect();
    forms.extend(
        ["ait", "aient", "a", "ant"]
            .iter()
            .map(|end| format!("{soft}{end}")),
    );
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_loads_whole() {
        let x = Lexicon::get();
        let counts = [
            ("html/skipped_tags.txt", x.skipped_tags.len(), 16),
            ("html/furniture.txt", x.furniture.len(), 20),
            ("html/block_tags.txt", x.block_tags.len(), 18),
            ("html/void_tags.txt", x.void_tags.len(), 15),
            ("html/closes_p_tags.txt", x.closes_p_tags.len(), 40),
            ("fr/relay_fillers.txt", x.relay_fillers.len(), 17),
            ("fr/abbreviations.txt", x.abbreviations.len(), 57),
            ("fr/not_names.txt", x.not_names.len(), 174),
            ("fr/name_particles.txt", x.name_particles.len(), 17),
            ("fr/person_cues.txt", x.person_cues.len(), 22),
            ("fr/prepositions.txt", x.prepositions.len(), 18),
            ("fr/role_determiners.txt", x.role_determiners.len(), 10),
            ("fr/warning_phrases.txt", x.warning_phrases.len(), 6),
            ("fr/noun_determiners.txt", x.noun_determiners.len(), 19),
            ("fr/subject_words.txt", x.subject_words.len(), 12),
            ("fr/clause_openers.txt", x.clause_openers.len(), 44),
            ("fr/role_enders.txt", x.role_enders.len(), 24),
            ("fr/meeting_nouns.tsv", x.meeting_nouns.len(), 26),
            ("fr/meeting_verbs.tsv", x.meeting_verbs.len(), 158),
            (
                "fr/role_phrase_breakers.txt",
                x.role_phrase_breakers.len(),
                18,
            ),
            ("fr/role_genders.tsv", x.role_genders.len(), 44),
            ("fr/org_adjectives.tsv", x.org_adjectives.len(), 8),
            ("fr/not_person_words.txt", x.not_person_words.len(), 68),
            ("fr/thing_nouns.txt", x.thing_nouns.len(), 43),
            ("fr/verb_fillers.txt", x.verb_fillers.len(), 60),
            ("fr/filler_phrases.txt", x.filler_phrases.len(), 38),
            ("fr/adverbial_openers.txt", x.adverbial_openers.len(), 24),
            ("fr/seizure_words.txt", x.seizure_words.len(), 21),
            ("fr/commentator_words.txt", x.commentator_words.len(), 36),
            ("fr/envoy_words.txt", x.envoy_words.len(), 12),
            ("fr/feminine_heads.txt", x.feminine_heads.len(), 17),
            ("fr/light_verbs.txt", x.light_verbs.len(), 74),
            ("fr/wish_words.txt", x.wish_words.len(), 20),
            ("fr/political_groups.txt", x.political_groups.len(), 15),
            ("fr/event_anchors.txt", x.event_anchors.len(), 15),
            ("fr/reference_words.txt", x.reference_words.len(), 6),
            ("fr/recall_words.txt", x.recall_words.len(), 12),
            ("fr/dependent_openers.txt", x.dependent_openers.len(), 31),
            ("fr/impersonal_verbs.txt", x.impersonal_verbs.len(), 18),
            (
                "fr/acronym_small_words.txt",
                x.acronym_small_words.len(),
                15,
            ),
            (
                "fr/pluperfect_auxiliaries.txt",
                x.pluperfect_auxiliaries.len(),
                4,
            ),
            ("fr/subordinators.txt", x.subordinators.len(), 9),
            (
                "fr/meeting_future_words.txt",
                x.meeting_future_words.len(),
                37,
            ),
            ("fr/verb_adverbs.txt", x.verb_adverbs.len(), 12),
            ("fr/auxiliaries.txt", x.auxiliaries.len(), 16),
            ("fr/visiting_offices.txt", x.visiting_offices.len(), 24),
            ("fr/media_nouns.txt", x.media_nouns.len(), 11),
            ("fr/press_phrases.txt", x.press_phrases.len(), 2),
            ("fr/council_phrases.txt", x.council_phrases.len(), 1),
            ("fr/eve_phrases.txt", x.eve_phrases.len(), 3),
            ("fr/called_off.tsv", x.called_off.len(), 17),
            ("fr/buildings.txt", x.buildings.len(), 17),
            ("fr/months.tsv", x.months.forms.len(), 24),
            ("fr/weekdays.txt", x.weekdays.numbers.len(), 7),
            ("fr/ordinals.tsv", x.ordinals.len(), 10),
            ("fr/number_words.tsv", x.number_words.len(), 16),
            ("fr/date_starters.txt", x.date_starters.len(), 24),
            ("fr/date_cues.txt", x.date_cues.len(), 28),
            ("fr/future_markers.txt", x.future_markers.len(), 18),
            ("fr/past_markers.txt", x.past_markers.len(), 11),
            ("fr/participle_endings.txt", x.participle_endings.len(), 11),
            ("fr/not_futures.txt", x.not_futures.len(), 27),
            ("fr/name_heads.txt", x.name_heads.len(), 23),
            ("fr/counted_nouns.txt", x.counted_nouns.len(), 47),
            ("fr/locatives.txt", x.locatives.len(), 13),
            ("fr/decision_phrases.txt", x.decision_phrases.len(), 25),
            ("fr/stopwords.txt", x.stopwords.len(), 51),
        ];
        for (file, loaded, expected) in counts {
            assert_eq!(loaded, expected, "{file}");
        }
    }

    #[test]
    fn known_entries_with_their_values() {
        let x = Lexicon::get();
        assert!(x.not_names.contains("ministre") && !x.not_names.contains("mensah"));
        assert_eq!(x.meeting_nouns.get("sommet"), Some(&MeetingKind::Summit));
        assert_eq!(
            x.meeting_nouns.get("pourparlers"),
            Some(&MeetingKind::Talks)
        );
        assert_eq!(
            x.called_off.get("reportee"),
            Some(&MeetingStatus::Postponed)
        );
        assert_eq!(x.called_off.get("annules"), Some(&MeetingStatus::Cancelled));
        assert_eq!(x.ordinals.get("derniere"), Some(&-1));
        assert_eq!(x.number_words.get("quinze"), Some(&15));
        assert_eq!(x.months.name(8), "août");
        assert_eq!(
            x.months.form("fevr"),
            Some(MonthForm {
                month: 2,
                abbreviation: true
            })
        );
        assert_eq!(x.months.form("dec").map(|f| f.month), Some(12));
        assert_eq!(x.weekdays.number("dimanche"), Some(6));
        assert_eq!(x.weekdays.names()[0], "lundi");
        assert!(x.speech_verbs.contains("declaree") && x.speech_verbs.contains("admis"));
        assert!(x.abbreviations.contains("févr") && x.abbreviations.contains("n°"));
        assert!(x.void_tags.contains("br") && x.closes_p_tags.contains("ul"));
        assert!(x.participle_endings.contains(&"ées"));
        assert!(x.decision_phrases.contains(&"s'est engage"));
    }

    #[test]
    fn months_and_weekdays_are_no_name_words_nor_part_of_a_role() {
        let x = Lexicon::get();
        for word in ["juillet", "aout", "mardi", "afrique"] {
            assert!(!x.can_be_in_a_name(word), "{word}");
        }
        // An abbreviation may be part of a name: only the months' names are refused.
        assert!(x.can_be_in_a_name("sep") && x.can_be_in_a_name("mensah"));
        assert!(x.ends_role("jeudi") && x.ends_role("lors") && !x.ends_role("ghaneen"));
    }

    #[test]
    fn phrases_are_read_on_tokens() {
        let x = Lexicon::get();
        let words = crate::text::tokens("Lors d'une conférence de presse, il a mis en garde.");
        let at = |w: &str| words.iter().position(|t| t.folded == w).unwrap();
        assert!(x.press_phrases.starts_at(&words, at("conference")));
        assert!(!x.press_phrases.starts_at(&words, at("presse")));
        assert!(x.warning_phrases.ends_at(&words, at("garde")));
        assert!(!x.warning_phrases.ends_at(&words, at("en")));
    }

    #[test]
    #[should_panic(expected = "src/data/fr/test.tsv:3: \"x\" is not a value of this list")]
    fn a_bad_line_is_named_by_file_and_line() {
        let source = Source {
            path: "fr/test.tsv",
            text: "# comment\nreunion\tmeeting\nvisite\tx\n",
        };
        source.valued::<MeetingKind>(kind);
    }
}
