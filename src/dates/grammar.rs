//! French date expressions in running text, each resolved against the article's publication
//! date: full and partial dates ("jeudi 3 avril 2025", "le 1er décembre", "04/04/2025",
//! "2025-04"), months and years ("en juin", "juillet 98", "en 2023"), relative days ("hier",
//! "mardi dernier", "la semaine dernière", "il y a trois jours") and ranges ("du 3 au 4 avril",
//! "les 3 et 4 avril", "entre 2020 et 2023"). Pure; works on words with byte offsets.

use super::{PartialDate, Precision};
use crate::text::{tokens, Token};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

/// Where a date lies relative to the article's own date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Before,
    During,
    After,
    Unknown,
}

/// A date expression found in a text, with its byte range and the days it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        match cx.expression_at(i) {
            Some(found) => {
                if let Some(mention) = resolve(&found, &cx, reference) {
                    out.push(mention);
                }
                i = found.end_word;
            }
            None => i += 1,
        }
    }
    out
}

/// A word with its number value, if it is one ("1er", "03", "2025").
struct Word {
    token: Token,
    number: Option<u32>,
    digits: usize,
}

impl Word {
    fn new(token: Token) -> Self {
        let f = token.folded.as_str();
        let digits = f.chars().take_while(char::is_ascii_digit).count();
        let suffix = &f[digits..];
        let ordinal = ["", "er", "e", "eme", "re", "ere"].contains(&suffix);
        let number = (digits > 0 && digits <= 4 && ordinal)
            .then(|| f[..digits].parse().ok())
            .flatten();
        Word {
            digits: if suffix.is_empty() { digits } else { 0 },
            number,
            token,
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
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

const MONTHS: &[(&str, u32, bool)] = &[
    ("janvier", 1, false),
    ("janv", 1, true),
    ("jan", 1, true),
    ("fevrier", 2, false),
    ("fevr", 2, true),
    ("fev", 2, true),
    ("mars", 3, false),
    ("avril", 4, false),
    ("avr", 4, true),
    ("mai", 5, false),
    ("juin", 6, false),
    ("juillet", 7, false),
    ("juil", 7, true),
    ("jul", 7, true),
    ("aout", 8, false),
    ("septembre", 9, false),
    ("sept", 9, true),
    ("sep", 9, true),
    ("octobre", 10, false),
    ("oct", 10, true),
    ("novembre", 11, false),
    ("nov", 11, true),
    ("decembre", 12, false),
    ("dec", 12, true),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("lundi", Weekday::Mon),
    ("mardi", Weekday::Tue),
    ("mercredi", Weekday::Wed),
    ("jeudi", Weekday::Thu),
    ("vendredi", Weekday::Fri),
    ("samedi", Weekday::Sat),
    ("dimanche", Weekday::Sun),
];

const NUMBER_WORDS: &[(&str, i64)] = &[
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("quinze", 15),
    ("vingt", 20),
    ("trente", 30),
];

/// Words before a bare year or month that make it a date ("en 2023", "depuis juin").
const CUES: &[&str] = &[
    "en",
    "depuis",
    "des",
    "avant",
    "apres",
    "fin",
    "debut",
    "mi",
    "annee",
    "an",
    "jusqu",
    "courant",
    "de",
    "d",
    "au",
    "entre",
    "et",
    "a",
    "mois",
    "printemps",
    "ete",
    "automne",
    "hiver",
    "ici",
    "vers",
    "pour",
];

struct Cx<'a> {
    text: &'a str,
    words: &'a [Word],
}

impl Cx<'_> {
    fn word(&self, i: usize) -> Option<&Word> {
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
        MONTHS
            .iter()
            .find(|(name, _, _)| w.is(name))
            .map(|&(_, m, abbr)| (m, abbr))
    }

    fn weekday(&self, i: usize) -> Option<Weekday> {
        let w = self.word(i)?;
        let f = w.token.folded.trim_end_matches('s');
        WEEKDAYS
            .iter()
            .find(|(name, _)| f == *name)
            .map(|&(_, d)| d)
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
            .is_some_and(|w| CUES.contains(&w.token.folded.as_str()))
    }

    fn found(&self, expr: Expr, start_word: usize, end_word: usize) -> Found {
        let last = &self.words[end_word - 1];
        let abbreviation = MONTHS.iter().any(|(name, _, abbr)| *abbr && last.is(name));
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
        self.range_at(i)
            .or_else(|| self.relative_at(i))
            .or_else(|| self.numeric_at(i))
            .or_else(|| self.day_at(i).map(|(e, end)| self.found(e, i, end)))
            .or_else(|| {
                self.month_at(i)
                    .map(|(e, start, end)| self.found(e, start, end))
            })
            .or_else(|| self.year_at(i))
    }

    /// [weekday] [le] D[er] month [year] — or a weekday with a day only inside ranges.
    fn day_at(&self, i: usize) -> Option<(Expr, usize)> {
        let mut j = i;
        let weekday = self.weekday(j);
        if weekday.is_some() {
            j += 1;
            if self.is(j, "le") {
                j += 1;
            }
        }
        let day = self.day_number(j)?;
        let (month, _) = self
            .month(j + 1)
            .filter(|_| self.spaced(j + 1) || self.gap(j + 1) == "-")?;
        let mut end = j + 2;
        let mut year = None;
        if let Some(y) = self.year_number(end).filter(|_| self.spaced(end)) {
            year = Some(y);
            end += 1;
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

    /// A day without its month, as the first half of a range: "du 3 au…", "du vendredi 2 au…".
    fn bare_day_at(&self, i: usize) -> Option<(u32, Option<Weekday>, usize)> {
        let weekday = self.weekday(i);
        let j = if weekday.is_some() { i + 1 } else { i };
        Some((self.day_number(j)?, weekday, j + 1))
    }

    /// [début|fin|mi|mois de] month [year | dernier | prochain].
    fn month_at(&self, i: usize) -> Option<(Expr, usize, usize)> {
        let mut start = i;
        let mut j = i;
        if self.is(j, "mois") && self.is(j + 1, "de") {
            j += 2;
        } else if ["debut", "fin", "mi"].iter().any(|m| self.is(j, m))
            && self.month(j + 1).is_some()
        {
            j += 1;
        } else {
            start = i;
        }
        let (month, abbreviation) = self.month(j)?;
        let mut end = j + 1;
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
                end += 1;
                return Some((
                    Expr::Month {
                        month,
                        year: None,
                        shift: Some(shift),
                    },
                    start,
                    end,
                ));
            }
        }
        let with_dot = abbreviation && self.text[self.words[j].token.end..].starts_with('.');
        let cued = self.cued(j) || start != j;
        let bare_ok = match self.words[j].token.folded.as_str() {
            "mars" | "mai" => cued,
            _ if abbreviation => with_dot || cued && self.words[j].token.folded.len() > 3,
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

    /// A year after a cue word: "en 2023", "depuis 2020", "fin 2024".
    fn year_at(&self, i: usize) -> Option<Found> {
        let year = self.year_number(i)?;
        let modifier = i
            .checked_sub(1)
            .filter(|&p| ["fin", "debut", "mi"].iter().any(|m| self.is(p, m)));
        if !self.cued(i) {
            return None;
        }
        Some(self.found(Expr::Year(year), modifier.unwrap_or(i), i + 1))
    }

    /// 04/04/2025, 4-4-25, 2025-04-04, 2025/04, 2025-04, 22/04.
    fn numeric_at(&self, i: usize) -> Option<Found> {
        let a = self.word(i)?;
        let sep = self.gap(i + 1);
        if !matches!(sep, "/" | "-" | ".") || a.number.is_none() || a.digits == 0 {
            return None;
        }
        let b = self.word(i + 1).filter(|w| w.digits > 0 && w.digits <= 2)?;
        let third = self
            .word(i + 2)
            .filter(|w| w.digits > 0 && self.gap(i + 2) == sep);
        let (x, y) = (a.number? as i32, b.number? as i32);
        let expr = match third {
            Some(c) => {
                let z = c.number? as i32;
                let (year, month, day) = if a.digits == 4 {
                    (x, y, z)
                } else if c.digits == 4 {
                    (z, y, x)
                } else if c.digits == 2 && a.digits <= 2 {
                    (two_digit_year(z), y, x)
                } else {
                    return None;
                };
                PartialDate::ymd(year, month as u32, day as u32)?;
                Expr::Day {
                    day: day as u32,
                    month: month as u32,
                    year: Some(year),
                    weekday: None,
                }
            }
            None => {
                if self.gap(i + 2).starts_with(['/', '-', '.'])
                    && self.word(i + 2).is_some_and(|w| w.digits > 0)
                {
                    return None;
                }
                if a.digits == 4
                    && (1..=12).contains(&y)
                    && sep != "."
                    && (1000..=2999).contains(&x)
                {
                    Expr::Month {
                        month: y as u32,
                        year: Some(x),
                        shift: None,
                    }
                } else if sep == "/"
                    && a.digits <= 2
                    && (1..=31).contains(&x)
                    && (1..=12).contains(&y)
                {
                    Expr::Day {
                        day: x as u32,
                        month: y as u32,
                        year: None,
                        weekday: None,
                    }
                } else if sep == "/"
                    && a.digits <= 2
                    && (1..=12).contains(&x)
                    && (13..=31).contains(&y)
                {
                    Expr::Day {
                        day: y as u32,
                        month: x as u32,
                        year: None,
                        weekday: None,
                    }
                } else {
                    return None;
                }
            }
        };
        let end = if third.is_some() { i + 3 } else { i + 2 };
        Some(self.found(expr, i, end))
    }

    /// "du 3 au 4 avril", "du 30 mars au 2 avril 2025", "les 3 et 4 avril", "entre le 3 et le 5
    /// mai", "entre 2020 et 2023", "de janvier à mars 2025", "3-4 avril".
    fn range_at(&self, i: usize) -> Option<Found> {
        let opener = self.word(i)?.token.folded.clone();
        let (joiners, start_word): (&[&str], usize) = match opener.as_str() {
            "du" => (&["au"], i),
            "les" => (&["et", "au"], i + 1),
            "entre" => (&["et"], i),
            "de" | "d" => (&["a", "au"], i),
            _ => (&["au"], i),
        };
        let first = if start_word == i
            && opener != "du"
            && opener != "entre"
            && opener != "de"
            && opener != "d"
        {
            i
        } else {
            i + 1
        };
        let first = if self.is(first, "le") || self.is(first, "l") {
            first + 1
        } else {
            first
        };
        // Years: "entre 2020 et 2023", "de 2015 à 2019".
        if let (Some(y1), true) = (
            self.year_number(first),
            matches!(opener.as_str(), "entre" | "de" | "d"),
        ) {
            if joiners.iter().any(|j| self.is(first + 1, j)) {
                if let Some(y2) = self.year_number(first + 2) {
                    if y2 >= y1 {
                        return Some(self.found(
                            Expr::Range(Box::new(Expr::Year(y1)), Box::new(Expr::Year(y2))),
                            i,
                            first + 3,
                        ));
                    }
                }
            }
        }
        // Months: "de janvier à mars 2025", "entre juin et août".
        if matches!(opener.as_str(), "entre" | "de" | "d") {
            if let Some((m1, _)) = self.month(first) {
                if joiners.iter().any(|j| self.is(first + 1, j)) {
                    if let Some((
                        Expr::Month {
                            month: m2, year, ..
                        },
                        _,
                        end,
                    )) = self.month_at(first + 2)
                    {
                        let left = Expr::Month {
                            month: m1,
                            year,
                            shift: None,
                        };
                        let right = Expr::Month {
                            month: m2,
                            year,
                            shift: None,
                        };
                        return Some(self.found(
                            Expr::Range(Box::new(left), Box::new(right)),
                            i,
                            end,
                        ));
                    }
                }
            }
        }
        // Days: the left side may lack its month and year, taken from the right side.
        let (left, after_left) = match self.day_at(first) {
            Some((e, end)) => (e, end),
            None => {
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
        let dash = self.gap(after_left) == "-" && opener != "du";
        let joined = joiners.iter().any(|j| self.is(after_left, j));
        if !(joined || dash)
            || (start_word == i
                && opener != "du"
                && !matches!(opener.as_str(), "entre" | "de" | "d")
                && !dash)
        {
            return None;
        }
        let mut right_start = if joined { after_left + 1 } else { after_left };
        if self.is(right_start, "le") {
            right_start += 1;
        }
        let (right, end) = match self.day_at(right_start) {
            Some(found) => found,
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
        let (
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
        ) = (left, right)
        else {
            return None;
        };
        let (m1, m2) = match (m1, m2) {
            (0, 0) => return None,
            (0, m) => (m, m),
            (m, 0) => (m, m),
            pair => pair,
        };
        let y1 = y1.or(y2);
        let y2 = y2.or(y1);
        let left = Expr::Day {
            day: d1,
            month: m1,
            year: y1,
            weekday: w1,
        };
        let right = Expr::Day {
            day: d2,
            month: m2,
            year: y2,
            weekday: w2,
        };
        let start = if opener == "les" {
            i
        } else {
            i.min(start_word)
        };
        Some(self.found(Expr::Range(Box::new(left), Box::new(right)), start, end))
    }

    /// "hier", "aujourd'hui", "avant-hier", "mardi [dernier|prochain]", "la semaine dernière",
    /// "le mois prochain", "l'an dernier", "cette année", "il y a trois jours".
    fn relative_at(&self, i: usize) -> Option<Found> {
        let f = |k: usize| self.word(k).map(|w| w.token.folded.as_str()).unwrap_or("");
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
                _ => 0,
            };
            return simple(
                Expr::Weekday(weekday, shift),
                if shift == 0 { 1 } else { 2 },
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
                .or_else(|| {
                    NUMBER_WORDS
                        .iter()
                        .find(|(name, _)| f(i + 3) == *name)
                        .map(|&(_, n)| n)
                })?;
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
    Some(DateMention {
        start,
        end,
        from: r.from,
        to: r.to,
        precision: r.precision,
        explicit_year: r.explicit_year,
        relative: is_relative(&found.expr),
        relation,
        warning: r.warning,
    })
}

fn is_relative(expr: &Expr) -> bool {
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
            let (a, b) = (resolve_expr(a, reference)?, resolve_expr(b, reference)?);
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
        Expr::Days(n) => one(day_ref? + Duration::days(n), Precision::Day),
        Expr::Weekday(weekday, shift) => {
            let r = day_ref?;
            let back = (r.weekday().num_days_from_monday() as i64
                - weekday.num_days_from_monday() as i64)
                .rem_euclid(7);
            let date = match shift {
                0 => r - Duration::days(back),
                -1 => r - Duration::days(if back == 0 { 7 } else { back }),
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
                // The weekday picks the year: the nearest year, within six, where it matches.
                Some(w) => (0..=6)
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
    WEEKDAYS
        .iter()
        .find(|(_, d)| *d == w)
        .map_or("?", |(name, _)| name)
}
