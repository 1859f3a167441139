//! Calendar dates as the pipeline knows them: possibly partial ("2025-06"), with their precision,
//! and their French long form ("12 juin 2025"). Shared by every stage; pure.

pub mod grammar;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

/// How much of a date is known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Unknown,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }
}

/// A date known to the day, the month or the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// A full calendar day.
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// A month of a year, if the month is 1..=12.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A day given by its parts, if it exists in the calendar.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self::day)
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first calendar day this date covers.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("partial dates are validated on construction")
    }

    /// The last calendar day this date covers.
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => last_day_of_month(self.year, m),
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .expect("partial dates are validated on construction")
    }

    /// The long form in the briefing's language: "12 juin 2025" or "12 June 2025".
    pub fn long(&self, lang: crate::settings::Lang) -> String {
        match lang {
            crate::settings::Lang::Fr => self.french_long(),
            crate::settings::Lang::En => match (self.month, self.day) {
                (Some(m), Some(d)) => format!("{d} {} {}", MONTHS_EN[m as usize - 1], self.year),
                (Some(m), None) => format!("{} {}", MONTHS_EN[m as usize - 1], self.year),
                _ => self.year.to_string(),
            },
        }
    }

    /// "12 juin 2025", "juin 2025" or "2025".
    pub fn french_long(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!(
                "{} {} {}",
                french_day(d),
                crate::lexicon::Lexicon::get().months.name(m),
                self.year
            ),
            (Some(m), None) => format!(
                "{} {}",
                crate::lexicon::Lexicon::get().months.name(m),
                self.year
            ),
            _ => self.year.to_string(),
        }
    }
}

/// ISO 8601 cut to the precision: "2025-06-12", "2025-06", "2025".
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_iso_partial(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date: {text:?}")))
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// French writes the first day of a month as an ordinal: "1er avril".
fn french_day(day: u32) -> String {
    if day == 1 {
        "1er".to_string()
    } else {
        day.to_string()
    }
}

pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD".
pub fn parse_iso_partial(text: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let year = number(parts.first()?, 4)? as i32;
    match parts.len() {
        1 => Some(PartialDate {
            year,
            month: None,
            day: None,
        }),
        2 => PartialDate::month(year, number(parts[1], 2)?),
        3 => PartialDate::ymd(year, number(parts[1], 2)?, number(parts[2], 2)?),
        _ => None,
    }
}

/// "21 novembre 2026" for a full day.
pub fn french_long_day(date: NaiveDate) -> String {
    PartialDate::day(date).french_long()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_partials_and_rejects_nonsense() {
        assert_eq!(parse_iso_partial("2024-12").unwrap().to_string(), "2024-12");
        assert_eq!(
            parse_iso_partial("2025-06-12").unwrap().precision(),
            Precision::Day
        );
        assert_eq!(
            parse_iso_partial("2025").unwrap().precision(),
            Precision::Year
        );
        for bad in [
            "2025-13",
            "2025-02-30",
            "25-04",
            "2025-4",
            "avril",
            "",
            "2025-06-12-01",
        ] {
            assert!(parse_iso_partial(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn covers_the_whole_month_or_year() {
        let feb = parse_iso_partial("2024-02").unwrap();
        assert_eq!(feb.first_day().to_string(), "2024-02-01");
        assert_eq!(feb.last_day().to_string(), "2024-02-29");
        assert_eq!(
            parse_iso_partial("2024").unwrap().last_day().to_string(),
            "2024-12-31"
        );
    }

    #[test]
    fn writes_french_long_dates() {
        assert_eq!(
            parse_iso_partial("2026-11-21").unwrap().french_long(),
            "21 novembre 2026"
        );
        assert_eq!(
            parse_iso_partial("2025-03-01").unwrap().french_long(),
            "1er mars 2025"
        );
        assert_eq!(
            parse_iso_partial("2025-08").unwrap().french_long(),
            "août 2025"
        );
    }
}
