//! French date expressions in running text, each resolved against the article's publication
//! date: full and partial dates ("jeudi 12 juin 2025", "le 1er mars", "13/06/2025",
//! "2025-06"), months and years ("en juin", "juillet 98", "en 2023"), relative days ("hier",
//! "mardi dernier", "la semaine dernière", "il y a trois jours") and ranges ("du 12 au 13 juin",
//! "les 12 et 13 juin", "entre 2019 et 2022"). Pure; works on words with byte offsets.

use super::{PartialDate, Precision};
use crate::lexicon::Lexicon;
use crate::text::{tokens, Token};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

/// Where a date lies relative to the article's own date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Before,
    During,
    After,
    Unknown,
}

/// Why a date resolved to its days, for `brief inspect`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The text gives the whole date, year included.
    #[default]
    Written,
    /// Counted from the article's date ("hier", "mardi dernier", a weekday by its clause's
    /// tense).
    FromArticle,
    /// A day or month without a year: the occurrence nearest the article's date.
    Nearest,
    /// A day or month without a year in a past-tense clause: the last one before the
    /// article; in a future one, the next one after it.
    Tense,
    /// A day or month without a year, after a year the same sentence gives ("l'année 2015,
    /// marquée par les attentats du 13 novembre").
    SentenceYear,
}

impl Reason {
    /// The reason as `brief inspect` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Written => "written",
            Reason::FromArticle => "from_article",
            Reason::Nearest => "nearest",
            Reason::Tense => "tense",
            Reason::SentenceYear => "sentence_year",
        }
    }
}

/// A date expression found in a text, with its byte range and the days it covers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    /// First and last day covered, inclusive.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub precision: Precision,
    /// Whether the text itself gives the year (not inferred from the article's date).
    pub explicit_year: bool,
    /// Whether it is relative to the article's date ("hier", "mardi dernier").
    pub relative: bool,
    pub relation: Relation,
    /// A doubt worth telling the user, e.g. a weekday that does not match the date.
    pub warning: Option<String>,
    /// How it was resolved.
    #[serde(default)]
    pub reason: Reason,
}

/// Finds and resolves every date expression of `text`. `reference` is the article's date;
/// without it, only expressions that carry their own year are resolved.
pub fn find(text: &str, reference: Option<PartialDate>) -> Vec<DateMention> {
    let words: Vec<Word> = tokens(text).into_iter().map(Word::new).collect();
    let cx = Cx {
        text,
        words: &words,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i].may_start {
            i += 1;
            continue;
        }
        match cx.expression_at(i) {
            Some(found) if cx.refused(&found) => i = found.end_word,
            Some(found) => match resolve(&found, &cx, reference) {
                Some(mention) => {
                    let mention = cx.by_context(&found, mention, &out, reference);
                    out.push(mention);
                    i = found.end_word;
                }
                None => i += 1,
            },
            None => i += 1,
        }
    }
    out
}

/// How far from the article's date a clause's tense may move a date without a year: some
/// eight months, where the nearest occurrence is a guess.
const TENSE_REACH_DAYS: i64 = 240;
/// How many words before a date without a year a year of the same sentence may stand.
const SENTENCE_YEAR_WORDS: usize = 16;

/// A word with its number value, if it is one ("1er", "03", "2025").
struct Word<'a> {
    token: Token<'a>,
    number: Option<u32>,
    digits: usize,
    /// Whether an expression can start at this word (a fast filter: most words cannot).
    may_start: bool,
}

impl<'a> Word<'a> {
    fn new(token: Token<'a>) -> Self {
        let f = token.folded.as_ref();
        let digits = f.chars().take_while(char::is_ascii_digit).count();
        let suffix = &f[digits..];
        let ordinal = ["", "er", "e", "eme", "re", "ere"].contains(&suffix);
        let number = (digits > 0 && digits <= 4 && ordinal)
            .then(|| f[..digits].parse().ok())
            .flatten();
        let may_start = digits > 0 || Lexicon::get().may_open_a_date(f);
        Word {
            digits: if suffix.is_empty() { digits } else { 0 },
            number,
            token,
            may_start,
        }
    }

    fn is(&self, word: &str) -> bool {
        self.token.folded == word
    }
}

/// A recognised expression: what it says, and the words it spans.
#[derive(Debug, Clone)]
struct Found {
    expr: Expr,
    start_word: usize,
    end_word: usize,
    /// Extend the span over a full stop that ends an abbreviation ("janv.").
    trailing_dot: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Day {
        day: u32,
        month: u32,
        year: Option<i32>,
        weekday: Option<Weekday>,
    },
    Month {
        month: u32,
        year: Option<i32>,
        shift: Option<i32>,
    },
    Year(i32),
    Range(Box<Expr>, Box<Expr>),
    /// The week (Monday to Sunday) holding a day.
    WeekOf(Box<Expr>),
    /// Seven days from a day: "la semaine commençant le 4 février".
    WeekFrom(Box<Expr>),
    /// The beginning, middle or end of a month or year: "fin mars", "début 2025".
    Part(Part, Box<Expr>),
    /// "le premier vendredi de juillet", "le dernier lundi d'avril" (n = -1 for the last).
    NthWeekday {
        n: i32,
        weekday: Weekday,
        month: u32,
        year: Option<i32>,
    },
    /// "la première semaine d'octobre": weeks starting on the month's Mondays.
    NthWeek {
        n: i32,
        month: u32,
        year: Option<i32>,
    },
    /// Days from the reference: hier = -1.
    Days(i64),
    /// A weekday: -1 the last one before the reference, 0 the latest on or before it, 1 the next.
    Weekday(Weekday, i32),
    Week(i64),
    MonthShift(i32),
    YearShift(i32),
    Ago(i64, Unit),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A bare weekday in a future clause: the coming one, today included.
const UPCOMING: i32 = 2;
/// A bare weekday in a clause without a tense: the nearer one, back or ahead.
const NEAREST: i32 = 3;
/// How many words after a bare weekday its clause's verb is looked for.
const TENSE_AFTER: usize = 30;

/// The days of the week in the order of `data/fr/weekdays.txt`, Monday first.
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Future tenses too short to be told by their ending: "sera", "fera", "ira".
const SHORT_FUTURES: &[&str] = &[
    "aura", "auront", "sera", "seront", "fera", "feront", "ira", "iront", "dira", "diront",
];

/// Words after "est"/"sont" that end like a participle and are not one: "l'est du pays", "est
/// plus", "sont tous".
const NOT_PARTICIPLES: &[&str] = &[
    "plus", "sous", "tous", "deja", "aussi", "ainsi", "celui", "depuis",
];

/// How many years from the nearest a weekday may move a date without a year.
const WEEKDAY_YEARS: i32 = 1;

/// How many words before a bare weekday its clause's tense is looked for.
const TENSE_WINDOW: usize = 24;

/// The tense a word gives its clause, if it gives one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
}

struct Cx<'a> {
    text: &'a str,
    words: &'a [Word<'a>],
}

impl<'a> Cx<'a> {
    fn word(&self, i: usize) -> Option<&Word<'a>> {
        self.words.get(i)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).is_some_and(|w| w.is(word))
    }

    /// The characters between word `i - 1` and word `i`.
    fn gap(&self, i: usize) -> &str {
        match (
            i.checked_sub(1).and_then(|p| self.words.get(p)),
            self.words.get(i),
        ) {
            (Some(a), Some(b)) => &self.text[a.token.end..b.token.start],
            _ => "",
        }
    }

    fn spaced(&self, i: usize) -> bool {
        let gap = self.gap(i);
        !gap.is_empty()
            && gap.len() <= 3
            && gap
                .chars()
                .all(|c| c.is_whitespace() || c == ',' || c == '.')
    }

    fn month(&self, i: usize) -> Option<(u32, bool)> {
        let w = self.word(i)?;
        // "Jan Kubis", "Avril Haines": a capitalised month before a capitalised word is a name.
        let before_a_name = self
            .word(i + 1)
            .is_some_and(|n| n.token.capitalised && n.number.is_none() && self.gap(i + 1) == " ");
        if w.token.capitalised && before_a_name {
            return None;
        }
        let form = Lexicon::get().months.form(&w.token.folded)?;
        Some((form.month, form.abbreviation))
    }

    fn weekday(&self, i: usize) -> Option<Weekday> {
        let w = self.word(i)?;
        let weekdays = &Lexicon::get().weekdays;
        let f = w.token.folded.trim_end_matches('s');
        if let Some(n) = weekdays.number(f) {
            return Some(WEEKDAYS[n]);
        }
        // "Mer 22 Janvier", "Mer, 22 Janv.": abbreviations only before a day and its month.
        let abbreviated = weekdays.names().iter().position(|name| {
            w.token.capitalised
                && w.token.folded.len() == 3
                && name.starts_with(w.token.folded.as_ref())
        });
        abbreviated
            .filter(|_| self.day_number(i + 1).is_some() && self.month(i + 2).is_some())
            .map(|n| WEEKDAYS[n])
    }

    /// Negative rules, after the positive ones: what looks like a date but is not one.
    /// - A fraction: "les 2/3 du territoire", "3/4 des voix".
    /// - A name: "le Mouvement du 5 juin", "la place du 26 mars", "rue du 4 septembre" (a head
    ///   noun of `data/fr/name_heads.txt`; "le sommet de Paris du 13 mai" is a date).
    /// - A number of things: "2000 soldats", "1500 kilomètres".
    fn refused(&self, found: &Found) -> bool {
        let (start, end) = (found.start_word, found.end_word);
        let span = &self.text[self.words[start].token.start..self.words[end - 1].token.end];
        let folded = |i: usize| self.word(i).map_or("", |w| w.token.folded.as_ref());
        let fraction = span.chars().all(|c| c.is_ascii_digit() || c == '/')
            && span.matches('/').count() == 1
            && (matches!(folded(end), "de" | "des" | "du" | "d")
                || start
                    .checked_sub(1)
                    .is_some_and(|p| matches!(folded(p), "les" | "aux" | "des" | "deux")));
        // The head noun before "du": "Mouvement du 5 juin", or "place du 26 mars".
        let du = if folded(start) == "du" {
            Some(start)
        } else {
            start.checked_sub(1).filter(|&p| folded(p) == "du")
        };
        let named = du.and_then(|d| d.checked_sub(1)).is_some_and(|head| {
            Lexicon::get()
                .name_heads
                .contains(self.words[head].token.folded.as_ref())
        });
        let counted = end == start + 1
            && self.year_number(start).is_some()
            && Lexicon::get().counted_nouns.contains(folded(end));
        fraction || named || counted
    }

    /// A day or month without a year, placed by its sentence: after a year the sentence gives
    /// for what it recalls, that year; else by its clause's tense, before the article for a
    /// past one and after it for a future one (moved where the nearest occurrence disagrees,
    /// and the reason `tense` also where it agrees).
    fn by_context(
        &self,
        found: &Found,
        mention: DateMention,
        before: &[DateMention],
        reference: Option<PartialDate>,
    ) -> DateMention {
        if yearless_range(&found.expr) {
            return self.range_by_tense(found, mention);
        }
        let Some(reference) = reference.filter(|_| yearless(&found.expr)) else {
            return mention;
        };
        let tense = self.clause_tense(found.start_word);
        let sentence_year = self
            .sentence_year(found.start_word, before)
            .filter(|&y| y < reference.year && tense != Some(Tense::Future));
        let (year, reason) = match (sentence_year, tense) {
            (Some(y), _) => (y, Reason::SentenceYear),
            (None, Some(Tense::Past)) if mention.from > reference.last_day() => {
                (mention.from.year() - 1, Reason::Tense)
            }
            (None, Some(Tense::Future)) if mention.to < reference.first_day() => {
                (mention.from.year() + 1, Reason::Tense)
            }
            // The nearest occurrence lies where the tense says: the tense placed it too.
            (None, Some(_)) => {
                return DateMention {
                    reason: Reason::Tense,
                    ..mention
                }
            }
            (None, None) => return mention,
        };
        let placed = with_year(&found.expr, year).and_then(|expr| {
            resolve(
                &Found {
                    expr,
                    ..found.clone()
                },
                self,
                Some(reference),
            )
        });
        // A tense is the clause's, not always the date's ("le sommet du 5 juin a été reporté"):
        // it moves a date only as far as an ambiguous one (TENSE_REACH_DAYS from the article).
        let reach = |d: &DateMention| {
            let distance = if d.to < reference.first_day() {
                (reference.first_day() - d.to).num_days()
            } else {
                (d.from - reference.last_day()).num_days()
            };
            reason == Reason::SentenceYear || distance <= TENSE_REACH_DAYS
        };
        match placed.filter(reach) {
            Some(mut placed) => {
                placed.explicit_year = false;
                placed.relative = mention.relative;
                placed.reason = reason;
                placed
            }
            None => mention,
        }
    }

    /// A range of days without a year stays the nearest; its reason is its clause's tense when
    /// that tense puts it on the same side of the article ("les élections auront lieu les 13 et
    /// 14 février").
    fn range_by_tense(&self, found: &Found, mention: DateMention) -> DateMention {
        let agrees = match self.clause_tense(found.start_word) {
            Some(Tense::Past) => mention.relation == Relation::Before,
            Some(Tense::Future) => mention.relation == Relation::After,
            None => false,
        };
        if agrees {
            DateMention {
                reason: Reason::Tense,
                ..mention
            }
        } else {
            mention
        }
    }

    /// The year the sentence of word `i` gives before it, within [`SENTENCE_YEAR_WORDS`]: a
    /// written year ("l'année 2015, marquée par…"), or one an earlier date took from it.
    fn sentence_year(&self, i: usize, before: &[DateMention]) -> Option<i32> {
        let d = before.iter().rev().find(|d| {
            d.precision == Precision::Year && d.explicit_year || d.reason == Reason::SentenceYear
        })?;
        let from = self.words.partition_point(|w| w.token.start < d.end);
        let same_sentence =
            !(from..=i).any(|k| k < self.words.len() && self.gap(k).contains(['.', ';', '!', '?']));
        (i >= from && i - from <= SENTENCE_YEAR_WORDS && same_sentence).then(|| d.from.year())
    }

    /// The tense of the clause of word `i`: its last tensed word before `i` (else the first
    /// after it, within [`TENSE_AFTER`] words) is a future tense ("se rendra", "aura
    /// lieu"), "doit"/"va" + infinitive, "attendu" or "prévu". "a reçu", "ont repris",
    /// "était", an imperfect or "depuis" make it past. A clause ends at a sentence stop, and is
    /// read back [`TENSE_WINDOW`] words at most.
    fn clause_tense(&self, i: usize) -> Option<Tense> {
        // Back to the clause's start, at most TENSE_WINDOW words: bounded work per weekday.
        let before = (i.saturating_sub(TENSE_WINDOW)..i)
            .rev()
            .take_while(|&k| !self.gap(k + 1).contains(['.', ';', '!', '?']))
            .find_map(|k| self.tense(k));
        // Or the verb after it, in its clause: "Samedi, le président X a prévenu".
        let after = || {
            // A relative clause is another clause: "jeudi un sommet qui a été reporté".
            ((i + 1)..(i + 1 + TENSE_AFTER).min(self.words.len()))
                .take_while(|&k| !self.gap(k).contains(['.', ';', '!', '?']))
                .take_while(|&k| {
                    !matches!(self.words[k].token.folded.as_ref(), "qui" | "que" | "qu")
                })
                .find_map(|k| self.tense(k))
        };
        before.or_else(after)
    }

    /// The tense word `k` gives its clause, if it is a verb form that tells one.
    fn tense(&self, k: usize) -> Option<Tense> {
        let lexicon = Lexicon::get();
        let w = &self.words[k].token;
        let f = w.folded.as_ref();
        if w.capitalised && k > 0 || lexicon.not_futures.contains(f) {
            return None;
        }
        // A capitalised first word is a verb only if listed: "Depuis", not "Samara" or "Clara".
        let long = f.chars().count() >= 5 && !w.capitalised;
        // "a annoncé qu'il participerait dimanche": the conditional of reported speech is the
        // future of the past; "aurait", "serait" (an alleged past) are not.
        let conditional = long
            && (f.ends_with("rait") || f.ends_with("raient"))
            && !matches!(f, "aurait" | "auraient" | "serait" | "seraient");
        if lexicon.future_markers.contains(f)
            || SHORT_FUTURES.contains(&f)
            || (long && (f.ends_with("ra") || f.ends_with("ront")))
            || conditional
        {
            return Some(Tense::Future);
        }
        let imperfect = long && (f.ends_with("ait") || f.ends_with("aient"));
        // "à" folds to "a", but a preposition tells no tense: "jusqu'à vendredi".
        let preposition = &self.text[w.start..w.end] != f && f == "a";
        // "est arrivé", "se sont réunis": être and a participle make a past tense, as do the
        // perfect infinitives "avoir fermé", "être arrivé".
        let compound = matches!(f, "est" | "sont" | "avoir" | "etre")
            && self.words.get(k + 1).is_some_and(|n| {
                let raw = &self.text[n.token.start..n.token.end];
                let next = n.token.folded.as_ref();
                raw.chars().count() >= 4
                    && !lexicon.future_markers.contains(next)
                    && !NOT_PARTICIPLES.contains(&next)
                    && lexicon.participle_endings.iter().any(|e| raw.ends_with(e))
            });
        (lexicon.past_markers.contains(f) && !preposition || imperfect || compound)
            .then_some(Tense::Past)
    }

    fn preceded_by(&self, i: usize, word: &str) -> bool {
        i.checked_sub(1).is_some_and(|p| self.is(p, word))
    }

    fn day_number(&self, i: usize) -> Option<u32> {
        let w = self.word(i)?;
        w.number
            .filter(|n| (1..=31).contains(n) && w.token.folded.len() <= 5 && w.digits <= 2)
    }

    fn year_number(&self, i: usize) -> Option<i32> {
        let w = self.word(i)?;
        (w.digits == 4)
            .then_some(w.number? as i32)
            .filter(|y| (1000..=2999).contains(y))
    }

    fn cued(&self, i: usize) -> bool {
        i.checked_sub(1)
            .and_then(|p| self.word(p))
            .is_some_and(|w| Lexicon::get().date_cues.contains(w.token.folded.as_ref()))
    }

    fn found(&self, expr: Expr, start_word: usize, end_word: usize) -> Found {
        let last = &self.words[end_word - 1];
        let abbreviation = Lexicon::get()
            .months
            .form(&last.token.folded)
            .is_some_and(|m| m.abbreviation);
        let trailing_dot = abbreviation && self.text[last.token.end..].starts_with('.');
        Found {
            expr,
            start_word,
            end_word,
            trailing_dot,
        }
    }

    /// The longest expression starting at word `i`.
    fn expression_at(&self, i: usize) -> Option<Found> {
        self.range_at(i).or_else(|| self.week_of_at(i)).or_else(|| {
            self.point_at(i, false)
                .map(|(e, start, end)| self.found(e, start, end))
        })
    }

    /// One date, not a range: a day, a month, a year or a relative expression.
    fn point_at(&self, i: usize, in_range: bool) -> Option<(Expr, usize, usize)> {
        // "ce vendredi 15 juin", "cette Septembre", "cet avr.": the determiner is part of it.
        if ["ce", "cet", "cette"].iter().any(|d| self.is(i, d)) {
            if self.weekday(i + 1).is_some() {
                if let Some((e, _, end)) = self
                    .point_at(i + 1, in_range)
                    .filter(|(e, _, _)| matches!(e, Expr::Day { .. }))
                {
                    return Some((e, i, end));
                }
            }
            if let Some((month, _)) = self.month(i + 1) {
                if self.year_number(i + 2).is_none() {
                    return Some((
                        Expr::Month {
                            month,
                            year: None,
                            shift: Some(0),
                        },
                        i,
                        i + 2,
                    ));
                }
            }
        }
        if let Some(found) = self.relative_at(i) {
            return Some((found.expr, found.start_word, found.end_word));
        }
        if let Some(found) = self.nth_at(i) {
            return Some(found);
        }
        if let Some(found) = self.part_at(i) {
            return Some(found);
        }
        if let Some(weekday) = self.weekday(i) {
            let j = if self.is(i + 1, "le") { i + 2 } else { i + 1 };
            if let Some((
                Expr::Day {
                    day, month, year, ..
                },
                end,
            )) = self.numeric_at(j)
            {
                return Some((
                    Expr::Day {
                        day,
                        month,
                        year,
                        weekday: Some(weekday),
                    },
                    i,
                    end,
                ));
            }
        }
        if let Some((e, end)) = self.numeric_at(i) {
            return Some((e, i, end));
        }
        if let Some(year) = self
            .year_number(i)
            .filter(|_| matches!(self.gap(i + 1), ", " | "-" | ","))
        {
            if let Some((month, abbreviation)) = self.month(i + 1) {
                let dot = abbreviation && self.text[self.words[i + 1].token.end..].starts_with('.');
                if self.word(i + 2).is_none_or(|w| w.digits == 0) || dot {
                    return Some((
                        Expr::Month {
                            month,
                            year: Some(year),
                            shift: None,
                        },
                        i,
                        i + 2,
                    ));
                }
            }
        }
        if let Some((e, end)) = self.day_at(i) {
            return Some((e, i, end));
        }
        if let Some((e, end)) = self.month_first_day_at(i) {
            return Some((e, i, end));
        }
        if let Some(found) = self.month_at(i) {
            return Some(found);
        }
        self.year_at(i, in_range)
    }

    /// "[le] premier vendredi de juillet [2025]", "la dernière semaine d'août".
    fn nth_at(&self, i: usize) -> Option<(Expr, usize, usize)> {
        let j = if ["le", "la", "l"].iter().any(|a| self.is(i, a)) {
            i + 1
        } else {
            i
        };
        let n = self
            .word(j)
            .and_then(|w| Lexicon::get().ordinals.get(w.token.folded.as_ref()))
            .copied()?;
        let weekday = self.weekday(j + 1);
        let week = self.is(j + 1, "semaine");
        if weekday.is_none() && !week {
            return None;
        }
        let k = j + 2;
        if !["de", "d", "en", "du"].iter().any(|w| self.is(k, w)) {
            return None;
        }
        let k = if self.is(k, "du") && self.is(k + 1, "mois") {
            k + 2
        } else {
            k + 1
        };
        let (month, _) = self.month(k)?;
        let (year, end) = match self.year_number(k + 1).filter(|_| self.spaced(k + 1)) {
            Some(y) => (Some(y), k + 2),
            None => (None, k + 1),
        };
        let expr = match weekday {
            Some(weekday) => Expr::NthWeekday {
                n,
                weekday,
                month,
                year,
            },
            None => Expr::NthWeek { n, month, year },
        };
        Some((expr, i, end))
    }

    /// "début avril", "fin de mars", "mi-juin", "fin 2024", "début de l'année 2025".
    fn part_at(&self, i: usize) -> Option<(Expr, usize, usize)> {
        let part = match self.word(i)?.token.folded.as_ref() {
            "debut" => Part::Start,
            "mi" => Part::Middle,
            "fin" => Part::End,
            _ => return None,
        };
        let mut j = i + 1;
        if ["de", "du", "d"].iter().any(|w| self.is(j, w)) {
            j += 1;
        }
        if self.is(j, "l") && (self.is(j + 1, "annee") || self.is(j + 1, "an")) {
            j += 2;
        }
        if let Some((month, _)) = self.month(j) {
            let (inner, _, end) = self.month_at(j).unwrap_or((
                Expr::Month {
                    month,
                    year: None,
                    shift: None,
                },
                j,
                j + 1,
            ));
            return Some((Expr::Part(part, Box::new(inner)), i, end));
        }
        let year = self.year_number(j)?;
        Some((Expr::Part(part, Box::new(Expr::Year(year))), i, j + 1))
    }

    /// [weekday] [le] D[er] [de | du mois de] month [year]; "premier janvier".
    fn day_at(&self, i: usize) -> Option<(Expr, usize)> {
        let mut j = i;
        let weekday = self.weekday(j);
        if weekday.is_some() {
            j += 1;
            if self.is(j, "le") {
                j += 1;
            }
        }
        let day = if self.is(j, "premier") {
            Some(1)
        } else {
            self.day_number(j)
        }?;
        let mut m = j + 1;
        if self.is(m, "du")
            && self.is(m + 1, "mois")
            && (self.is(m + 2, "de") || self.is(m + 2, "d"))
        {
            m += 3;
        } else if (self.is(m, "de") || self.is(m, "d")) && self.month(m + 1).is_some() {
            m += 1;
        } else if !(self.spaced(m) || self.gap(m) == "-") {
            return None;
        }
        let (month, _) = self.month(m)?;
        let mut end = m + 1;
        let mut year = None;
        if let Some(y) = self.year_number(end).filter(|_| self.spaced(end)) {
            year = Some(y);
            end += 1;
        } else if let Some(w) = self
            .word(end)
            .filter(|w| w.digits == 2 && self.gap(end) == " ")
        {
            // "1er avril 78", unless the number starts something else ("12 juin 15 personnes").
            let next_is_word = self
                .word(end + 1)
                .is_some_and(|n| n.number.is_none() && self.gap(end + 1) == " ");
            if !next_is_word {
                year = Some(two_digit_year(w.number? as i32));
                end += 1;
            }
        }
        PartialDate::ymd(year.unwrap_or(2000), month, day)?;
        Some((
            Expr::Day {
                day,
                month,
                year,
                weekday,
            },
            end,
        ))
    }

    /// "Oct. 2", "Oct-2", "Jan/1", "Octobre. 2": a capitalised or abbreviated month, then its day.
    fn month_first_day_at(&self, i: usize) -> Option<(Expr, usize)> {
        let (month, abbreviation) = self.month(i)?;
        if !(abbreviation || self.words[i].token.capitalised) {
            return None;
        }
        let gap = self.gap(i + 1);
        if !matches!(gap, ". " | "-" | "/" | " " | ".") {
            return None;
        }
        let w = self
            .word(i + 1)
            .filter(|w| w.digits >= 1 && w.digits <= 2)?;
        let day = w.number.filter(|d| (1..=31).contains(d))?;
        if self
            .word(i + 2)
            .is_some_and(|n| n.digits > 0 && self.gap(i + 2).len() <= 2)
            && gap == " "
        {
            return None;
        }
        PartialDate::ymd(2000, month, day)?;
        Some((
            Expr::Day {
                day,
                month,
                year: None,
                weekday: None,
            },
            i + 2,
        ))
    }

    /// A day without its month, as the first half of a range: "du 3 au…", "du vendredi 2 au…".
    fn bare_day_at(&self, i: usize) -> Option<(u32, Option<Weekday>, usize)> {
        let weekday = self.weekday(i);
        let j = if weekday.is_some() { i + 1 } else { i };
        let day = if self.is(j, "premier") {
            Some(1)
        } else {
            self.day_number(j)
        }?;
        Some((day, weekday, j + 1))
    }

    /// [le] [mois de | début | fin | mi] month [year | , year | dernier | prochain].
    fn month_at(&self, i: usize) -> Option<(Expr, usize, usize)> {
        let mut j = i;
        if self.is(j, "le") && self.is(j + 1, "mois") {
            j += 1;
        }
        if self.is(j, "mois") && (self.is(j + 1, "de") || self.is(j + 1, "d")) {
            j += 2;
        } else if ["debut", "fin", "mi"].iter().any(|m| self.is(j, m))
            && self.month(j + 1).is_some()
        {
            j += 1;
        } else if j != i {
            return None;
        }
        let start = i;
        let (month, abbreviation) = self.month(j)?;
        let end = j + 1;
        if let Some(y) = self.year_number(end).filter(|_| self.spaced(end)) {
            return Some((
                Expr::Month {
                    month,
                    year: Some(y),
                    shift: None,
                },
                start,
                end + 1,
            ));
        }
        if let Some(w) = self.word(end).filter(|w| w.digits == 2 && self.spaced(end)) {
            let yy = w.number? as i32;
            let next_is_word = self
                .word(end + 1)
                .is_some_and(|n| n.number.is_none() && self.gap(end + 1) == " ");
            if abbreviation || !next_is_word {
                return Some((
                    Expr::Month {
                        month,
                        year: Some(two_digit_year(yy)),
                        shift: None,
                    },
                    start,
                    end + 1,
                ));
            }
        }
        for (word, shift) in [("dernier", -1), ("passe", -1), ("prochain", 1)] {
            if self.is(end, word) {
                return Some((
                    Expr::Month {
                        month,
                        year: None,
                        shift: Some(shift),
                    },
                    start,
                    end + 1,
                ));
            }
        }
        if self.is(end, "de") || self.is(end, "d") {
            let mut k = end + 1;
            if self.is(k, "l") && (self.is(k + 1, "annee") || self.is(k + 1, "an")) {
                k += 2;
            }
            if let Some(y) = self.year_number(k) {
                return Some((
                    Expr::Month {
                        month,
                        year: Some(y),
                        shift: None,
                    },
                    start,
                    k + 1,
                ));
            }
            if k == end + 3 {
                for (word, shift) in [
                    ("prochaine", 1),
                    ("prochain", 1),
                    ("derniere", -1),
                    ("dernier", -1),
                    ("passee", -1),
                ] {
                    if self.is(k, word) {
                        return Some((
                            Expr::Month {
                                month,
                                year: None,
                                shift: Some(10 + shift),
                            },
                            start,
                            k + 1,
                        ));
                    }
                }
            }
        }
        let folded = self.words[j].token.folded.as_ref();
        let with_dot = abbreviation && self.text[self.words[j].token.end..].starts_with('.');
        let cued = self.cued(j) || start != j;
        let capitalised = self.words[j].token.capitalised;
        let bare_ok = match folded {
            "sept" => with_dot || cued && start != j,
            "mars" | "mai" => cued || capitalised,
            _ if abbreviation => with_dot || cued || capitalised,
            _ => true,
        };
        bare_ok.then_some((
            Expr::Month {
                month,
                year: None,
                shift: None,
            },
            start,
            end,
        ))
    }

    /// A year after a cue word ("en 2023", "depuis 2020", "fin 2024"), or any year in a range.
    fn year_at(&self, i: usize, in_range: bool) -> Option<(Expr, usize, usize)> {
        let year = self.year_number(i)?;
        let modifier = i
            .checked_sub(1)
            .filter(|&p| ["fin", "debut", "mi"].iter().any(|m| self.is(p, m)));
        if !(in_range || self.cued(i))
            || self.gap(i + 1).starts_with(['/', '-', '.'])
                && self.word(i + 1).is_some_and(|w| w.digits > 0)
        {
            return None;
        }
        Some((Expr::Year(year), modifier.unwrap_or(i), i + 1))
    }

    /// 13/06/2025, 7-6-25, 2025-06-13, 2025/06, 2025-06, 03/2015, 11-2016, 22/04, 4/22,
    /// 11/12,2016.
    fn numeric_at(&self, i: usize) -> Option<(Expr, usize)> {
        let a = self.word(i)?;
        let sep = self.gap(i + 1);
        if !matches!(sep, "/" | "-" | ".") || a.number.is_none() || a.digits == 0 {
            return None;
        }
        let b = self
            .word(i + 1)
            .filter(|w| w.digits > 0 && w.number.is_some())?;
        let third_gap = self.gap(i + 2);
        let third = self.word(i + 2).filter(|w| {
            w.digits > 0 && (third_gap == sep || third_gap == "," || third_gap == ", ")
        });
        let (x, y) = (a.number? as i32, b.number? as i32);
        if let Some(c) = third {
            let z = c.number? as i32;
            let (year, month, day) = if a.digits == 4 {
                (x, y, z)
            } else if c.digits == 4 || c.digits == 2 {
                let year = if c.digits == 4 { z } else { two_digit_year(z) };
                // Day first, as French writes it; month first only when the day cannot be a month.
                if y > 12 && x <= 12 {
                    (year, x, y)
                } else {
                    (year, y, x)
                }
            } else {
                return None;
            };
            PartialDate::ymd(year, month as u32, day as u32)?;
            return Some((
                Expr::Day {
                    day: day as u32,
                    month: month as u32,
                    year: Some(year),
                    weekday: None,
                },
                i + 3,
            ));
        }
        if self.gap(i + 2).starts_with(['/', '-', '.', ','])
            && self.word(i + 2).is_some_and(|w| w.digits > 0)
        {
            return None;
        }
        let expr = if a.digits == 4
            && b.digits == 4
            && sep == "-"
            && (1000..=2999).contains(&x)
            && y > x
            && y - x < 200
        {
            Expr::Range(Box::new(Expr::Year(x)), Box::new(Expr::Year(y)))
        } else if a.digits == 4
            && (1..=12).contains(&y)
            && b.digits <= 2
            && (1000..=2999).contains(&x)
        {
            Expr::Month {
                month: y as u32,
                year: Some(x),
                shift: None,
            }
        } else if b.digits == 4
            && a.digits <= 2
            && (1..=12).contains(&x)
            && sep != "."
            && (1000..=2999).contains(&y)
        {
            Expr::Month {
                month: x as u32,
                year: Some(y),
                shift: None,
            }
        } else if a.digits <= 2
            && b.digits <= 2
            && (1..=31).contains(&x)
            && (1..=12).contains(&y)
            && (sep == "/" || self.preceded_by(i, "le"))
        {
            Expr::Day {
                day: x as u32,
                month: y as u32,
                year: None,
                weekday: None,
            }
        } else if a.digits <= 2 && b.digits <= 2 && (1..=12).contains(&x) && (13..=31).contains(&y)
        {
            Expr::Day {
                day: y as u32,
                month: x as u32,
                year: None,
                weekday: None,
            }
        } else {
            return None;
        };
        Some((expr, i + 2))
    }

    /// "semaine du 15 septembre": the week (Monday to Sunday) holding that day.
    fn week_of_at(&self, i: usize) -> Option<Found> {
        let week = self.is(i, "semaine");
        if week
            && (self.is(i + 1, "commencant") || self.is(i + 1, "debutant"))
            && (self.is(i + 2, "le") || self.is(i + 2, "du"))
        {
            let (day, _, end) = self
                .point_at(i + 3, true)
                .filter(|(e, _, _)| matches!(e, Expr::Day { .. }))?;
            return Some(self.found(Expr::WeekFrom(Box::new(day)), i, end));
        }
        if !((week || self.is(i, "mois")) && (self.is(i + 1, "du") || self.is(i + 1, "de"))) {
            return None;
        }
        let (
            Expr::Day {
                day, month, year, ..
            },
            end,
        ) = self.day_at(i + 2)?
        else {
            return None;
        };
        if week {
            let day = Expr::Day {
                day,
                month,
                year,
                weekday: None,
            };
            Some(self.found(Expr::WeekOf(Box::new(day)), i, end))
        } else {
            Some(self.found(
                Expr::Month {
                    month,
                    year,
                    shift: None,
                },
                i,
                end,
            ))
        }
    }

    /// "du 12 au 13 juin", "du 30 mars au 2 avril 2025", "les 12 et 13 juin", "entre le 3 et le 5
    /// mai", "entre 2019 et 2022", "de janvier à mars 2025", "du 12/08/2015 au 22 octobre",
    /// "12-13 juin", "4 au 22 ce mois-ci".
    fn range_at(&self, i: usize) -> Option<Found> {
        let opener = self.word(i)?.token.folded.as_ref();
        let (first, joiners): (usize, &[&str]) = match opener {
            "du" | "de" | "d" => (i + 1, &["au", "a", "jusqu"]),
            "entre" => (i + 1, &["et", "a", "au"]),
            "les" => (i + 1, &["et", "au"]),
            _ => (i, &["au", "jusqu"]),
        };
        let first = if self.is(first, "le") || self.is(first, "l") {
            first + 1
        } else {
            first
        };
        let dash_range = self
            .bare_day_at(first)
            .filter(|&(_, _, end)| self.gap(end) == "-" && self.day_at(end).is_some());
        let left_point = if dash_range.is_some() {
            None
        } else {
            self.point_at(first, true)
        };
        let (left, after_left) = match left_point {
            // A bare weekday starts a range only after "de", "du", "entre".
            Some((e, _, end))
                if !matches!(e, Expr::Weekday(_, 0 | UPCOMING | NEAREST))
                    || matches!(opener, "du" | "de" | "d" | "entre") =>
            {
                (e, end)
            }
            _ => {
                let (day, weekday, end) = self.bare_day_at(first)?;
                (
                    Expr::Day {
                        day,
                        month: 0,
                        year: None,
                        weekday,
                    },
                    end,
                )
            }
        };
        let dash = self.gap(after_left) == "-" && matches!(left, Expr::Day { month: 0, .. });
        let joined = joiners.iter().any(|j| self.is(after_left, j));
        if !(joined || dash) {
            return None;
        }
        if opener == "les" && !matches!(left, Expr::Day { month: 0, .. }) {
            return None;
        }
        let mut right_start = if joined { after_left + 1 } else { after_left };
        if self.is(after_left, "jusqu") && self.is(right_start, "a") {
            right_start += 1;
        }
        if self.is(right_start, "le") || self.is(right_start, "l") {
            right_start += 1;
        }
        let (right, end) = match self.point_at(right_start, true) {
            Some((e, _, end)) => (e, end),
            None if matches!(left, Expr::Day { month, .. } if month != 0) => {
                let (day, weekday, end) = self.bare_day_at(right_start)?;
                (
                    Expr::Day {
                        day,
                        month: 0,
                        year: None,
                        weekday,
                    },
                    end,
                )
            }
            None => return None,
        };
        let (left, right) = match (left, right) {
            (
                Expr::Day {
                    day: d1,
                    month: m1,
                    year: y1,
                    weekday: w1,
                },
                Expr::Day {
                    day: d2,
                    month: m2,
                    year: y2,
                    weekday: w2,
                },
            ) => {
                let (m1, m2) = match (m1, m2) {
                    (0, 0) => return None,
                    (0, m) | (m, 0) => (m, m),
                    pair => pair,
                };
                let (y1, y2) = (y1.or(y2), y2.or(y1));
                (
                    Expr::Day {
                        day: d1,
                        month: m1,
                        year: y1,
                        weekday: w1,
                    },
                    Expr::Day {
                        day: d2,
                        month: m2,
                        year: y2,
                        weekday: w2,
                    },
                )
            }
            (Expr::Day { month: 0, .. }, _) => return None,
            (
                Expr::Month {
                    month,
                    year: None,
                    shift,
                },
                Expr::Month {
                    year: Some(y),
                    month: m2,
                    shift: s2,
                },
            ) => (
                Expr::Month {
                    month,
                    year: Some(y),
                    shift,
                },
                Expr::Month {
                    month: m2,
                    year: Some(y),
                    shift: s2,
                },
            ),
            pair => pair,
        };
        Some(self.found(Expr::Range(Box::new(left), Box::new(right)), i, end))
    }

    /// "hier", "aujourd'hui", "avant-hier", "mardi [dernier|prochain]", "la semaine dernière",
    /// "le mois prochain", "l'an dernier", "cette année", "il y a trois jours".
    fn relative_at(&self, i: usize) -> Option<Found> {
        let f = |k: usize| self.word(k).map(|w| w.token.folded.as_ref()).unwrap_or("");
        let simple = |expr: Expr, len: usize| Some(self.found(expr, i, i + len));
        match (f(i), f(i + 1)) {
            ("aujourd", "hui") => return simple(Expr::Days(0), 2),
            ("avant", "hier") => return simple(Expr::Days(-2), 2),
            ("apres", "demain") => return simple(Expr::Days(2), 2),
            ("hier", _) => return simple(Expr::Days(-1), 1),
            ("demain", _) => return simple(Expr::Days(1), 1),
            ("ce", "matin" | "soir" | "midi") | ("cette", "nuit") => {
                return simple(Expr::Days(0), 2)
            }
            _ => {}
        }
        if let Some(weekday) = self.weekday(i) {
            if self.day_number(i + 1).is_some()
                || (self.is(i + 1, "le") && self.day_number(i + 2).is_some())
            {
                return None;
            }
            let shift = match f(i + 1) {
                "dernier" | "passe" => -1,
                "prochain" => 1,
                // "attendu mercredi", "doit se rendre jeudi": the coming one; "a reçu mardi":
                // the last one; a clause without a tense ("Le Tchad accueille jeudi un
                // sommet"): the nearer of the two.
                _ => match self.clause_tense(i) {
                    Some(Tense::Future) => UPCOMING,
                    Some(Tense::Past) => 0,
                    None => NEAREST,
                },
            };
            return simple(
                Expr::Weekday(weekday, shift),
                if matches!(shift, -1 | 1) { 2 } else { 1 },
            );
        }
        let (article, noun, next) = match f(i) {
            "la" | "le" | "l" | "cette" | "ce" | "cet" => (1, f(i + 1), f(i + 2)),
            _ => (0, f(i), f(i + 1)),
        };
        let shift = match next {
            "derniere" | "dernier" | "passee" | "passe" => Some(-1),
            "prochaine" | "prochain" => Some(1),
            "ci" => Some(0),
            _ if matches!(f(i), "cette" | "ce" | "cet") => Some(0),
            _ => None,
        };
        if let Some(shift) = shift {
            let len = article
                + if next.is_empty() || (shift == 0 && next != "ci") {
                    1
                } else {
                    2
                };
            let expr = match noun {
                "semaine" => Some(Expr::Week(shift as i64)),
                "mois" => Some(Expr::MonthShift(shift)),
                "annee" | "an" => Some(Expr::YearShift(shift)),
                _ => None,
            };
            if let Some(expr) = expr {
                return simple(expr, len);
            }
        }
        // "il y a trois jours", "il y a 2 ans".
        if f(i) == "il" && f(i + 1) == "y" && f(i + 2) == "a" {
            let n = self
                .word(i + 3)
                .and_then(|w| w.number.map(i64::from))
                .or_else(|| Lexicon::get().number_words.get(f(i + 3)).copied())?;
            let unit = match f(i + 4) {
                "jour" | "jours" => Unit::Day,
                "semaine" | "semaines" => Unit::Week,
                "mois" => Unit::Month,
                "an" | "ans" | "annee" | "annees" => Unit::Year,
                _ => return None,
            };
            return simple(Expr::Ago(n, unit), 5);
        }
        None
    }
}

fn two_digit_year(yy: i32) -> i32 {
    if yy < 50 {
        2000 + yy
    } else {
        1900 + yy
    }
}

/// The days an expression covers, given the reference, and how precisely.
struct Resolved {
    from: NaiveDate,
    to: NaiveDate,
    precision: Precision,
    explicit_year: bool,
    warning: Option<String>,
}

fn resolve(found: &Found, cx: &Cx, reference: Option<PartialDate>) -> Option<DateMention> {
    let r = resolve_expr(&found.expr, reference)?;
    let start = cx.words[found.start_word].token.start;
    let end = cx.words[found.end_word - 1].token.end + usize::from(found.trailing_dot);
    let relation = match reference {
        None => Relation::Unknown,
        Some(reference) if r.to < reference.first_day() => Relation::Before,
        Some(reference) if r.from > reference.last_day() => Relation::After,
        Some(_) => Relation::During,
    };
    let relative = is_relative(&found.expr);
    let reason = if relative {
        Reason::FromArticle
    } else if yearless(&found.expr) || yearless_range(&found.expr) {
        Reason::Nearest
    } else {
        Reason::Written
    };
    Some(DateMention {
        start,
        end,
        from: r.from,
        to: r.to,
        precision: r.precision,
        explicit_year: r.explicit_year,
        relative,
        relation,
        warning: r.warning,
        reason,
    })
}

/// Whether an expression names a day or a month without its year (not counted from the article:
/// "le mois dernier" is not one).
fn yearless(expr: &Expr) -> bool {
    match expr {
        Expr::Day { year: None, .. }
        | Expr::Month {
            year: None,
            shift: None,
            ..
        }
        | Expr::NthWeekday { year: None, .. }
        | Expr::NthWeek { year: None, .. } => true,
        Expr::Part(_, inner) => yearless(inner),
        _ => false,
    }
}

/// A range whose two ends give no year ("les 13 et 14 février"): placed nearest the article.
fn yearless_range(expr: &Expr) -> bool {
    matches!(expr, Expr::Range(from, to) if yearless(from) && yearless(to))
}

/// The expression with `year` given.
fn with_year(expr: &Expr, year: i32) -> Option<Expr> {
    let mut expr = expr.clone();
    match &mut expr {
        Expr::Day { year: y, .. }
        | Expr::Month { year: y, .. }
        | Expr::NthWeekday { year: y, .. }
        | Expr::NthWeek { year: y, .. } => *y = Some(year),
        Expr::Part(_, inner) => **inner = with_year(inner, year)?,
        _ => return None,
    }
    Some(expr)
}

fn is_relative(expr: &Expr) -> bool {
    if let Expr::Part(_, inner) = expr {
        return is_relative(inner);
    }
    matches!(
        expr,
        Expr::Days(_)
            | Expr::Weekday(..)
            | Expr::Week(_)
            | Expr::MonthShift(_)
            | Expr::YearShift(_)
            | Expr::Ago(..)
    )
}

fn resolve_expr(expr: &Expr, reference: Option<PartialDate>) -> Option<Resolved> {
    let day_ref = reference
        .filter(|r| r.precision() == Precision::Day)
        .map(|r| r.first_day());
    let one = |d: NaiveDate, precision| Resolved {
        from: d,
        to: d,
        precision,
        explicit_year: false,
        warning: None,
    };
    Some(match *expr {
        Expr::Day {
            day,
            month,
            year,
            weekday,
        } => return resolve_day(day, month, year, weekday, reference),
        Expr::Month {
            month,
            year: Some(year),
            ..
        } => {
            let date = PartialDate::month(year, month)?;
            Resolved {
                from: date.first_day(),
                to: date.last_day(),
                precision: Precision::Month,
                explicit_year: true,
                warning: None,
            }
        }
        Expr::Month {
            month,
            year: None,
            shift,
        } => {
            let reference = reference?;
            let r = reference.first_day();
            let year = match shift {
                Some(0) => r.year(),
                Some(s @ 9..=11) => r.year() + (s - 10),
                Some(-1) => {
                    if month < r.month() {
                        r.year()
                    } else {
                        r.year() - 1
                    }
                }
                Some(_) => {
                    if month > r.month() {
                        r.year()
                    } else {
                        r.year() + 1
                    }
                }
                None => closest_year(reference, |y| {
                    PartialDate::month(y, month).map(|d| d.first_day())
                })?,
            };
            let date = PartialDate::month(year, month)?;
            Resolved {
                from: date.first_day(),
                to: date.last_day(),
                precision: Precision::Month,
                explicit_year: false,
                warning: None,
            }
        }
        Expr::Year(year) => Resolved {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
            explicit_year: true,
            warning: None,
        },
        Expr::Range(ref a, ref b) => {
            // "de mercredi à vendredi": the first day as its clause tells, the last one after it.
            if let (Expr::Weekday(first, _), Expr::Weekday(last, _)) = (&**a, &**b) {
                let left = resolve_expr(a, reference)?;
                // "de lundi à lundi" is a week.
                let days = match (last.num_days_from_monday() as i64
                    - first.num_days_from_monday() as i64)
                    .rem_euclid(7)
                {
                    0 => 7,
                    days => days,
                };
                return Some(Resolved {
                    to: left.from + Duration::days(days),
                    ..left
                });
            }
            let right = resolve_expr(b, reference)?;
            // A left side without its year takes the right side's ("du 1er au mercredi 22 janvier").
            let left = match **a {
                Expr::Day {
                    day,
                    month,
                    year: None,
                    ..
                } => {
                    let mut r = resolve_day(day, month, Some(right.to.year()), None, reference)?;
                    if r.from > right.to {
                        r = resolve_day(day, month, Some(right.to.year() - 1), None, reference)?;
                    }
                    r.explicit_year = false;
                    r
                }
                _ => resolve_expr(a, reference)?,
            };
            let (a, b) = (left, right);
            let (mut from, to) = (a.from, b.to);
            if from > to {
                // "du 30 décembre au 2 janvier 2025": the left side is in the year before.
                from = from.with_year(from.year() - 1)?;
            }
            if from > to {
                return None;
            }
            let warning = a.warning.or(b.warning);
            Resolved {
                from,
                to,
                precision: a.precision.min(b.precision),
                explicit_year: a.explicit_year || b.explicit_year,
                warning,
            }
        }
        Expr::WeekOf(ref day) => {
            let d = resolve_expr(day, reference)?;
            let monday = d.from - Duration::days(d.from.weekday().num_days_from_monday() as i64);
            Resolved {
                from: monday,
                to: monday + Duration::days(6),
                precision: Precision::Week,
                explicit_year: d.explicit_year,
                warning: d.warning,
            }
        }
        Expr::Part(part, ref inner) => {
            let r = resolve_expr(inner, reference)?;
            let days = (r.to - r.from).num_days() + 1;
            let (from, to) = match part {
                Part::Start => (r.from, r.from + Duration::days(days / 3 - 1)),
                Part::Middle => (
                    r.from + Duration::days(days / 3),
                    r.from + Duration::days(2 * days / 3 - 1),
                ),
                Part::End => (r.from + Duration::days(2 * days / 3), r.to),
            };
            Resolved { from, to, ..r }
        }
        Expr::NthWeekday {
            n,
            weekday,
            month,
            year,
        } => {
            let year = match year {
                Some(y) => y,
                None => closest_year(reference?, |y| NaiveDate::from_ymd_opt(y, month, 1))?,
            };
            let date = if n > 0 {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, n as u8)?
            } else {
                let last = super::last_day_of_month(year, month)?;
                last - Duration::days(
                    (last.weekday().num_days_from_monday() as i64
                        - weekday.num_days_from_monday() as i64)
                        .rem_euclid(7),
                )
            };
            Resolved {
                from: date,
                to: date,
                precision: Precision::Day,
                explicit_year: false,
                warning: None,
            }
        }
        Expr::NthWeek { n, month, year } => {
            let year = match year {
                Some(y) => y,
                None => closest_year(reference?, |y| NaiveDate::from_ymd_opt(y, month, 1))?,
            };
            let monday = if n > 0 {
                NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n as u8)?
            } else {
                let last = super::last_day_of_month(year, month)?;
                last - Duration::days(last.weekday().num_days_from_monday() as i64)
            };
            Resolved {
                from: monday,
                to: monday + Duration::days(6),
                precision: Precision::Week,
                explicit_year: false,
                warning: None,
            }
        }
        Expr::WeekFrom(ref day) => {
            let d = resolve_expr(day, reference)?;
            Resolved {
                from: d.from,
                to: d.from + Duration::days(6),
                precision: Precision::Week,
                ..d
            }
        }
        Expr::Days(n) => one(day_ref? + Duration::days(n), Precision::Day),
        Expr::Weekday(weekday, shift) => {
            let r = day_ref?;
            let back = (r.weekday().num_days_from_monday() as i64
                - weekday.num_days_from_monday() as i64)
                .rem_euclid(7);
            let date = match shift {
                0 => r - Duration::days(back),
                -1 => r - Duration::days(if back == 0 { 7 } else { back }),
                UPCOMING => r + Duration::days((7 - back) % 7),
                // Three days back at most, else ahead: Tuesday's "jeudi" is this Thursday.
                NEAREST if back <= 3 => r - Duration::days(back),
                NEAREST => r + Duration::days(7 - back),
                _ => r + Duration::days(if back == 0 { 7 } else { 7 - back }),
            };
            one(date, Precision::Day)
        }
        Expr::Week(shift) => {
            let r = day_ref?;
            let monday = r - Duration::days(r.weekday().num_days_from_monday() as i64)
                + Duration::weeks(shift);
            Resolved {
                from: monday,
                to: monday + Duration::days(6),
                precision: Precision::Week,
                explicit_year: false,
                warning: None,
            }
        }
        Expr::MonthShift(shift) => {
            let r = reference.filter(|r| r.month.is_some())?.first_day();
            let months = r.year() * 12 + r.month0() as i32 + shift;
            let date = PartialDate::month(months.div_euclid(12), months.rem_euclid(12) as u32 + 1)?;
            Resolved {
                from: date.first_day(),
                to: date.last_day(),
                precision: Precision::Month,
                explicit_year: false,
                warning: None,
            }
        }
        Expr::YearShift(shift) => {
            let year = reference?.year + shift;
            Resolved {
                from: NaiveDate::from_ymd_opt(year, 1, 1)?,
                to: NaiveDate::from_ymd_opt(year, 12, 31)?,
                precision: Precision::Year,
                explicit_year: false,
                warning: None,
            }
        }
        Expr::Ago(n, unit) => {
            let r = day_ref?;
            let (date, precision) = match unit {
                Unit::Day => (r - Duration::days(n), Precision::Day),
                Unit::Week => (r - Duration::weeks(n), Precision::Day),
                Unit::Month => (
                    r.checked_sub_months(chrono::Months::new(n as u32))?,
                    Precision::Day,
                ),
                Unit::Year => (
                    r.with_year(r.year() - n as i32)
                        .or_else(|| (r - Duration::days(1)).with_year(r.year() - n as i32))?,
                    Precision::Day,
                ),
            };
            one(date, precision)
        }
    })
}

fn resolve_day(
    day: u32,
    month: u32,
    year: Option<i32>,
    weekday: Option<Weekday>,
    reference: Option<PartialDate>,
) -> Option<Resolved> {
    let explicit_year = year.is_some();
    let mut warning = None;
    let year = match year {
        Some(y) => {
            let date = NaiveDate::from_ymd_opt(y, month, day)?;
            if let Some(w) = weekday.filter(|w| *w != date.weekday()) {
                warning = Some(format!(
                    "{date} is a {}, not a {}",
                    french_weekday(date.weekday()),
                    french_weekday(w)
                ));
            }
            y
        }
        None => {
            let reference = reference?;
            let plain = closest_year(reference, |y| NaiveDate::from_ymd_opt(y, month, day))?;
            match weekday {
                None => plain,
                // The weekday picks the year: the nearest year, within one, where it matches (a
                // news article rarely tells of a day two years off by its weekday; a slip of
                // the weekday or the month is likelier).
                Some(w) => (0..=WEEKDAY_YEARS)
                    .flat_map(|k| [plain - k, plain + k])
                    .find(|&y| {
                        NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d.weekday() == w)
                    })
                    .unwrap_or_else(|| {
                        warning = Some(format!(
                            "no year near the article's date has {day}/{month} on a {}",
                            french_weekday(w)
                        ));
                        plain
                    }),
            }
        }
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(Resolved {
        from: date,
        to: date,
        precision: Precision::Day,
        explicit_year,
        warning,
    })
}

/// Of the years around the reference, the one whose date is closest to it.
fn closest_year(reference: PartialDate, date_in: impl Fn(i32) -> Option<NaiveDate>) -> Option<i32> {
    let r = reference.first_day() + (reference.last_day() - reference.first_day()) / 2;
    (reference.year - 1..=reference.year + 1)
        .filter_map(|y| date_in(y).map(|d| (y, (d - r).num_days().abs())))
        .min_by_key(|&(y, distance)| (distance, y))
        .map(|(y, _)| y)
}

fn french_weekday(w: Weekday) -> &'static str {
    Lexicon::get().weekdays.names()[w.num_days_from_monday() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text of each mention, first day, last day) for `text` read on `reference`.
    fn dates(text: &str, reference: &str) -> Vec<(String, String, String)> {
        find(text, super::super::parse_iso_partial(reference))
            .into_iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    m.from.to_string(),
                    m.to.to_string(),
                )
            })
            .collect()
    }

    fn one(text: &str, reference: &str) -> (String, String, String) {
        let found = dates(text, reference);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn reasons(text: &str, reference: &str) -> Vec<Reason> {
        find(text, super::super::parse_iso_partial(reference))
            .iter()
            .map(|d| d.reason)
            .collect()
    }

    fn day(text: &str, reference: &str) -> String {
        let (_, from, to) = one(text, reference);
        assert_eq!(from, to, "{text}");
        from
    }

    #[test]
    fn a_weekday_range_of_one_day_is_a_week_and_a_relative_clause_has_its_own_tense() {
        let wednesday = "2025-06-11";
        assert_eq!(
            one("Les manoeuvres dureront de lundi à lundi.", wednesday),
            (
                "de lundi à lundi".into(),
                "2025-06-16".into(),
                "2025-06-23".into()
            )
        );
        assert_eq!(
            day(
                "Le Ghana accueille vendredi un sommet qui a été préparé longtemps.",
                wednesday
            ),
            "2025-06-13"
        );
    }

    #[test]
    fn fractions_names_and_counts_are_not_dates() {
        for text in [
            "Les rebelles contrôlent les 2/3 du territoire national.",
            "La motion a obtenu 3/4 des voix exprimées.",
            "Le Mouvement du 5 juin a appelé à manifester.",
            "Les manifestants se sont rassemblés place du 26 mars.",
            "Il habite rue du 4 septembre depuis longtemps.",
            "Le pays a déployé 2000 soldats à la frontière.",
        ] {
            assert!(
                dates(text, "2025-04-08").is_empty(),
                "{text}: {:?}",
                dates(text, "2025-04-08")
            );
        }
        // A capitalised month before a capitalised word is a first name.
        for text in [
            "Le coordinateur de l'ONU, Jan Kubis, s'est insurgé.",
            "La directrice Avril Haines a témoigné.",
        ] {
            assert!(dates(text, "2025-04-08").is_empty(), "{text}");
        }
        // A date that follows "du" without a name before it stays a date.
        assert_eq!(
            day("Le sommet du 5 juin a été reporté.", "2025-04-08"),
            "2025-06-05"
        );
        assert_eq!(one("Il a été élu en 2000.", "2025-04-08").1, "2000-01-01");
        // After a capitalised name, "du" still opens a date or a range.
        assert_eq!(
            day("Le sommet de Paris du 13 mai a été reporté.", "2025-04-08"),
            "2025-05-13"
        );
        assert_eq!(
            one(
                "Les pourparlers se tiendront à Genève du 5 au 7 juin.",
                "2025-04-08"
            )
            .1,
            "2025-06-05"
        );
    }

    #[test]
    fn a_weekday_in_a_future_clause_is_the_coming_one() {
        // Read on Tuesday 8 April 2025.
        assert_eq!(
            day("Le ministre est attendu mercredi à Dakar.", "2025-04-08"),
            "2025-04-09"
        );
        assert_eq!(
            day("Il doit se rendre jeudi à Accra.", "2025-04-08"),
            "2025-04-10"
        );
        assert_eq!(
            day("La réunion se tiendra lundi à Lomé.", "2025-04-08"),
            "2025-04-14"
        );
        // In the past, the last one: the last tensed verb before the weekday tells.
        assert_eq!(
            day("Le ministre est arrivé mercredi à Dakar.", "2025-04-08"),
            "2025-04-02"
        );
        for text in [
            "Les combats sur le front ont repris lundi.",
            "La diaspora a manifesté lundi devant l'ambassade.",
            "Le prochain sommet a été annoncé lundi.",
            "Le programme a été présenté lundi.",
        ] {
            assert_eq!(day(text, "2025-04-08"), "2025-04-07", "{text}");
        }
        // A future after a past verb: "a annoncé qu'il se rendra jeudi".
        assert_eq!(
            day("Il a annoncé qu'il se rendra jeudi à Accra.", "2025-04-08"),
            "2025-04-10"
        );
    }

    #[test]
    fn a_day_or_month_without_a_year_follows_its_clauses_tense() {
        // Read on Wednesday 17 June 2020: December is as near back as ahead.
        let past = one(
            "La Chine, où l'épidémie a débuté fin décembre, a signalé des cas.",
            "2020-06-17",
        );
        assert_eq!(
            (past.1.as_str(), past.2.as_str()),
            ("2019-12-21", "2019-12-31")
        );
        let future = one(
            "Le sommet aura lieu fin décembre à Bruxelles.",
            "2020-06-17",
        );
        assert_eq!(
            (future.1.as_str(), future.2.as_str()),
            ("2020-12-21", "2020-12-31")
        );
        assert_eq!(
            day("Le ministre a rencontré lundi son homologue.", "2020-06-17"),
            "2020-06-15"
        );
        assert_eq!(
            day("Le ministre rencontrera lundi son homologue.", "2020-06-17"),
            "2020-06-22"
        );
        // A past tense moves a date only as far as a guess: a summit of early June "a été
        // reporté" in April is still the coming June's.
        assert_eq!(
            day("Le sommet du 5 juin a été reporté.", "2025-04-08"),
            "2025-06-05"
        );
        assert_eq!(
            reasons(
                "La Chine, où l'épidémie a débuté fin décembre, a signalé des cas le 3 juin.",
                "2020-06-17"
            ),
            [Reason::Tense, Reason::Tense]
        );
        // Without a tense, the nearest occurrence; a range too, unless its clause's tense
        // agrees.
        assert_eq!(
            reasons(
                "Le 15 novembre, le ministre affirme avoir remis l'argent.",
                "2020-09-27"
            ),
            [Reason::Nearest]
        );
        assert_eq!(
            reasons("Il évoque les 13 et 14 février.", "2020-09-27"),
            [Reason::Nearest]
        );
        assert_eq!(
            reasons(
                "Les élections auront lieu les 13 et 14 février.",
                "2020-09-27"
            ),
            [Reason::Tense]
        );
    }

    #[test]
    fn a_recollection_keeps_the_year_its_sentence_gives() {
        let found = dates(
            "L'affaire a ravivé le souvenir de l'année 2015, marquée par les attaques de janvier et celles du 13 novembre à Paris.",
            "2020-09-26",
        );
        let days: Vec<&str> = found.iter().map(|d| d.1.as_str()).collect();
        assert_eq!(
            days,
            ["2015-01-01", "2015-01-01", "2015-11-13"],
            "{found:?}"
        );
        // A year of another sentence does not carry over.
        let found = dates(
            "Tout a commencé en 2015. Le procès reprendra le 13 novembre.",
            "2020-09-26",
        );
        assert_eq!(found[1].1, "2020-11-13", "{found:?}");
    }

    #[test]
    fn full_and_partial_dates() {
        assert_eq!(
            one("Le sommet du 12 juin 2025 a eu lieu.", "2025-06-20").0,
            "12 juin 2025"
        );
        assert_eq!(
            day("le 1er mars 2025, une réunion", "2025-05"),
            "2025-03-01"
        );
        assert_eq!(day("publié le 13/06/2025", "2025-06-13"), "2025-06-13");
        assert_eq!(
            one("en date du 2025-06", "2025-07-01"),
            ("2025-06".into(), "2025-06-01".into(), "2025-06-30".into())
        );
    }

    #[test]
    fn the_weekday_picks_the_year_and_a_mismatch_is_warned() {
        // Read in 2026, "jeudi 12 juin" is 2025: 12 June 2026 is a Friday.
        assert_eq!(
            day("ce jeudi 12 juin à Lisbonne", "2026-03-01"),
            "2025-06-12"
        );
        let m = &find("jeudi 12 juin 2024", None)[0];
        assert!(
            m.warning.as_deref().unwrap().contains("mercredi"),
            "{:?}",
            m.warning
        );
        assert!(find("jeudi 12 juin 2025", None)[0].warning.is_none());
    }

    #[test]
    fn months_and_years() {
        assert_eq!(
            one("Elle se rendra à Nairobi en septembre.", "2025-06-13"),
            ("septembre".into(), "2025-09-01".into(), "2025-09-30".into())
        );
        assert_eq!(
            one("En février, les deux pays", "2025-06-13").1,
            "2025-02-01"
        );
        assert_eq!(
            one("des élections législatives en 2022", "2025-06-13"),
            ("2022".into(), "2022-01-01".into(), "2022-12-31".into())
        );
        assert_eq!(one("la coupe de juillet 98", "2020-01-01").1, "1998-07-01");
        assert!(dates("sept ans plus tard, 2000 soldats", "2025-06-13").is_empty());
    }

    #[test]
    fn relative_days_need_the_article_date() {
        let friday = "2025-06-13";
        assert_eq!(day("Il a déclaré hier", friday), "2025-06-12");
        assert_eq!(day("aujourd'hui", friday), "2025-06-13");
        assert_eq!(day("a annoncé mardi", friday), "2025-06-10");
        assert_eq!(day("mardi dernier", "2025-06-10"), "2025-06-03");
        assert_eq!(
            one("la semaine dernière", friday),
            (
                "la semaine dernière".into(),
                "2025-06-02".into(),
                "2025-06-08".into()
            )
        );
        assert_eq!(day("il y a trois jours", friday), "2025-06-10");
        assert!(
            find("hier", None).is_empty(),
            "no article date, no relative date"
        );
    }

    #[test]
    fn a_weekday_follows_its_clause_not_a_preposition_or_a_name() {
        let friday = "2025-06-13";
        // "à" is no auxiliary: the clause is future ("doit durer").
        assert_eq!(
            dates(
                "La grève, entamée jeudi, doit se poursuivre jusqu'à lundi.",
                friday
            )[1]
            .1,
            "2025-06-16"
        );
        // A long noun phrase between the verb and the day.
        assert_eq!(
            day(
                "Le budget sera examiné par la commission des finances du Parlement régional de la \
                 province du Nord et par les élus des villes de la côte mardi.",
                friday
            ),
            "2025-06-17"
        );
        // A capitalised name ending like a future tense ("Clara") tells no tense.
        assert_eq!(
            day("Clara Ruiz visite mardi le marché couvert.", friday),
            "2025-06-10"
        );
    }

    #[test]
    fn a_weekday_in_a_clause_without_a_tense_is_the_nearer_one() {
        // Read on Tuesday 8 April 2025: the present tells neither past nor future.
        let tuesday = "2025-04-08";
        assert_eq!(
            day("Le Ghana accueille jeudi un sommet.", tuesday),
            "2025-04-10"
        );
        assert_eq!(
            day("Le Ghana accueille lundi un sommet.", tuesday),
            "2025-04-07"
        );
        // The verb after the weekday, past an aside, tells the tense.
        assert_eq!(
            day(
                "Vendredi, au terme d'un long entretien entre les ministres de la Santé du Ghana, du Togo et du Bénin, le Ghana avait présenté son plan.",
                tuesday
            ),
            "2025-04-04"
        );
    }

    #[test]
    fn a_range_of_weekdays_runs_from_the_first_to_the_next_last_one() {
        let wednesday = "2025-06-11";
        assert_eq!(
            one(
                "Le festival de musique aura lieu de jeudi à samedi sur la plage.",
                wednesday
            ),
            (
                "de jeudi à samedi".into(),
                "2025-06-12".into(),
                "2025-06-14".into()
            )
        );
        assert_eq!(
            one("Les pourparlers ont duré de lundi à mercredi.", wednesday),
            (
                "de lundi à mercredi".into(),
                "2025-06-09".into(),
                "2025-06-11".into()
            )
        );
    }

    #[test]
    fn ranges() {
        assert_eq!(
            one("du 12 au 13 juin", "2025-06-20"),
            (
                "du 12 au 13 juin".into(),
                "2025-06-12".into(),
                "2025-06-13".into()
            )
        );
        assert_eq!(
            one("les 12 et 13 juin 2025", "2026-01-01"),
            (
                "les 12 et 13 juin 2025".into(),
                "2025-06-12".into(),
                "2025-06-13".into()
            )
        );
        assert_eq!(
            one("entre 2019 et 2022", "2025-06-20"),
            (
                "entre 2019 et 2022".into(),
                "2019-01-01".into(),
                "2022-12-31".into()
            )
        );
        assert_eq!(
            one("du 30 décembre au 2 janvier 2025", "2025-01-10").1,
            "2024-12-30"
        );
    }

    #[test]
    fn relation_to_the_article_date() {
        let r = super::super::parse_iso_partial("2025-06-13");
        let found = find("hier et demain, et en 2030", r);
        let relations: Vec<Relation> = found.iter().map(|m| m.relation).collect();
        assert_eq!(
            relations,
            [Relation::Before, Relation::After, Relation::After]
        );
        assert_eq!(find("en juin 2025", r)[0].relation, Relation::During);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "31/02/2025",
            "le 0 avril",
            "du 5 au 3 mai",
            "99999/12",
            "-- / -- .",
            "du au",
            "il y a",
            "entre et",
        ] {
            let _ = find(text, super::super::parse_iso_partial("2025-06-13"));
        }
    }
}
