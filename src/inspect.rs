//! `brief inspect`: what the reader and the extractor made of each article (metadata and how it
//! was found, headings, sentences, dates, duplicates, warnings), as text or JSON. It is how a
//! user finds out why something is or is not in the briefing.

use crate::corpus::{Article, Location};
use crate::dates::grammar::{Reason, Relation};
use crate::dates::{PartialDate, Precision};
use crate::extract::ArticleExtraction;
use crate::gazetteer::Gazetteer;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One article as `inspect --json` shows it.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub line: Option<usize>,
    pub format: &'a str,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub author: Option<&'a str>,
    pub url: Option<&'a str>,
    pub published: Option<PartialDate>,
    pub published_precision: Precision,
    #[serde(serialize_with = "crate::model::as_text")]
    pub published_from: &'a crate::corpus::DateFrom,
    /// How each other metadata value was found.
    pub found: &'a BTreeMap<&'static str, String>,
    pub language: &'a str,
    pub duplicates: &'a [Location],
    pub relayed: &'a [String],
    pub removed: &'a [String],
    pub body: &'a str,
    pub headings: Vec<TextSpan<'a>>,
    pub sentences: Vec<TextSpan<'a>>,
    pub dates: Vec<DateView<'a>>,
    pub countries: Vec<String>,
    pub organisations: Vec<String>,
    pub people: Vec<PersonView>,
    pub quotes: Vec<QuoteView<'a>>,
    pub meetings: Vec<MeetingView<'a>>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PersonView {
    pub name: String,
    pub role: Option<String>,
    pub country_iso3: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct QuoteView<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct MeetingView<'a> {
    pub sentence: &'a str,
    pub trigger: &'a str,
    pub kind: crate::model::MeetingKind,
    pub date: Option<&'a str>,
    pub place: Option<&'a str>,
    pub people: Vec<String>,
    /// Participants named by role and country: "ministre des Affaires étrangères (MLI, NER)".
    pub groups: Vec<String>,
    /// Countries and organisations that act as parties ("Moscou a convoqué"), by code.
    pub parties: Vec<String>,
    pub announced: bool,
    pub anaphoric: bool,
}

#[derive(Debug, Serialize)]
pub struct TextSpan<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct DateView<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// First and last day, ISO, inclusive.
    pub from: String,
    pub to: String,
    pub precision: Precision,
    /// Before, during or after the article's own date.
    pub relation: Relation,
    pub explicit_year: bool,
    pub relative: bool,
    pub warning: Option<&'a str>,
    /// How it was resolved: written whole, counted from the article, the nearest occurrence,
    /// by its clause's tense, or by a year its sentence gives.
    pub reason: Reason,
}

/// The views of every article, extracted in parallel.
pub fn views<'a>(
    articles: &'a [Article],
    extractions: &'a [ArticleExtraction],
    gazetteer: &Gazetteer,
) -> Vec<ArticleView<'a>> {
    articles
        .iter()
        .zip(extractions)
        .map(|(a, x)| view(a, x, gazetteer))
        .collect()
}

fn view<'a>(
    article: &'a Article,
    x: &'a ArticleExtraction,
    gazetteer: &Gazetteer,
) -> ArticleView<'a> {
    let body = article.body.as_str();
    let span = |start: usize, end: usize| TextSpan {
        start,
        end,
        text: &body[start..end],
    };
    let mut countries: Vec<String> = x
        .sentences
        .iter()
        .flat_map(|s| {
            s.countries
                .iter()
                .map(|m| gazetteer.countries[m.country].name.clone())
        })
        .collect();
    countries.sort();
    countries.dedup();
    let mut organisations: Vec<String> = x
        .sentences
        .iter()
        .flat_map(|s| {
            s.organisations
                .iter()
                .map(|m| gazetteer.organisations[m.org].short.clone())
        })
        .collect();
    organisations.sort();
    organisations.dedup();
    let iso = |c: Option<usize>| c.map(|c| gazetteer.countries[c].iso3.clone());
    let e = &x.entities;
    let mut warnings = article.warnings.clone();
    warnings.extend(x.warnings.iter().cloned());
    warnings.extend(x.dates.iter().filter_map(|d| {
        d.warning
            .as_ref()
            .map(|w| format!("date « {} »: {w}", &body[d.start..d.end]))
    }));
    if article.published.is_none() {
        warnings.push("undated: no publication date found".into());
    }
    ArticleView {
        id: &article.id,
        file: &article.file,
        line: article.line,
        format: article.format,
        title: article.title.as_deref(),
        outlet: article.outlet.as_deref(),
        author: article.author.as_deref(),
        url: article.url.as_deref(),
        published: article.published,
        published_precision: article.published_precision(),
        published_from: &article.published_from,
        found: &article.found,
        language: &article.language,
        duplicates: &article.duplicates,
        relayed: &article.relayed,
        removed: &article.removed,
        body,
        headings: x.headings.iter().map(|h| span(h.start, h.end)).collect(),
        sentences: x.sentences.iter().map(|s| span(s.start, s.end)).collect(),
        dates: x
            .dates
            .iter()
            .map(|d| DateView {
                text: &body[d.start..d.end],
                start: d.start,
                end: d.end,
                from: d.from.to_string(),
                to: d.to.to_string(),
                precision: d.precision,
                relation: d.relation,
                explicit_year: d.explicit_year,
                relative: d.relative,
                warning: d.warning.as_deref(),
                reason: d.reason,
            })
            .collect(),
        countries,
        organisations,
        people: e
            .people
            .iter()
            .map(|p| PersonView {
                name: p.name.clone(),
                role: p.role.clone(),
                country_iso3: iso(p.country),
                start: p.start,
                end: p.end,
            })
            .collect(),
        quotes: e
            .quotes
            .iter()
            .map(|q| QuoteView {
                text: &body[q.start..q.end],
                start: q.start,
                end: q.end,
                speaker: q.speaker.as_deref(),
            })
            .collect(),
        meetings: e
            .meetings
            .iter()
            .map(|m| {
                let s = &x.sentences[m.sentence];
                MeetingView {
                    sentence: &body[s.start..s.end],
                    trigger: &m.trigger,
                    kind: m.kind,
                    date: m.date.map(|d| &body[x.dates[d].start..x.dates[d].end]),
                    place: m.place.as_deref(),
                    people: m.people.iter().map(|&p| e.people[p].name.clone()).collect(),
                    groups: m
                        .groups
                        .iter()
                        .map(|g| {
                            let codes: Vec<&str> = g
                                .countries
                                .iter()
                                .map(|&c| gazetteer.countries[c].iso3.as_str())
                                .collect();
                            format!("{} ({})", g.role, codes.join(", "))
                        })
                        .collect(),
                    parties: m
                        .countries
                        .iter()
                        .map(|&c| gazetteer.countries[c].iso3.clone())
                        .chain(
                            m.organisations
                                .iter()
                                .map(|&o| gazetteer.organisations[o].short.clone()),
                        )
                        .collect(),
                    announced: m.announced,
                    anaphoric: m.anaphoric,
                }
            })
            .collect(),
        warnings,
    }
}

/// The human-readable report.
pub fn to_text(views: &[ArticleView]) -> String {
    let mut out = String::new();
    for v in views {
        let place = v
            .line
            .map_or(v.file.to_string(), |l| format!("{}:{l}", v.file));
        let _ = writeln!(
            out,
            "== {place}  [{} · {} · id {}]",
            v.format, v.language, v.id
        );
        let how = |key: &str| {
            v.found
                .get(key)
                .map_or(String::new(), |h| format!("  ({h})"))
        };
        let show = |value: Option<&str>| value.unwrap_or("—").to_string();
        let _ = writeln!(out, "title      {}{}", show(v.title), how("title"));
        let published = match v.published {
            Some(d) => format!(
                "{d}  ({}; {})",
                v.published_precision.as_str(),
                v.published_from
            ),
            None => format!("undated  ({})", v.published_from),
        };
        let _ = writeln!(out, "published  {published}");
        let _ = writeln!(out, "outlet     {}{}", show(v.outlet), how("outlet"));
        let _ = writeln!(out, "author     {}{}", show(v.author), how("author"));
        let _ = writeln!(out, "url        {}{}", show(v.url), how("url"));
        if !v.relayed.is_empty() {
            let _ = writeln!(out, "relays     {}", v.relayed.join(", "));
        }
        for d in v.duplicates {
            let _ = writeln!(out, "also at    {d}");
        }
        if !v.countries.is_empty() {
            let _ = writeln!(out, "countries  {}", v.countries.join(", "));
        }
        if !v.organisations.is_empty() {
            let _ = writeln!(out, "orgs       {}", v.organisations.join(", "));
        }
        for p in &v.people {
            let role = p.role.as_deref().unwrap_or("—");
            let _ = writeln!(
                out,
                "person     [{}..{}] {} · {role} · {}",
                p.start,
                p.end,
                p.name,
                p.country_iso3.as_deref().unwrap_or("—")
            );
        }
        for q in &v.quotes {
            let _ = writeln!(
                out,
                "quote      « {} » — {}",
                q.text,
                q.speaker.unwrap_or("?")
            );
        }
        for m in &v.meetings {
            let status = if m.announced { "announced" } else { "held" };
            let _ = writeln!(
                out,
                "meeting    {} · {} · {} · {status}{} · people: {} · groups: {}",
                m.trigger,
                m.date.unwrap_or("no date"),
                m.place.unwrap_or("no place"),
                if m.anaphoric {
                    " · same as previous"
                } else {
                    ""
                },
                m.people.join(", "),
                m.groups.join("; ")
            );
        }
        for h in &v.headings {
            let _ = writeln!(out, "heading    [{}..{}] {}", h.start, h.end, h.text);
        }
        let _ = writeln!(out, "sentences  {}", v.sentences.len());
        for s in &v.sentences {
            let _ = writeln!(out, "  [{}..{}] {}", s.start, s.end, s.text);
        }
        let _ = writeln!(out, "dates      {}", v.dates.len());
        for d in &v.dates {
            let range = if d.from == d.to {
                d.from.clone()
            } else {
                format!("{} → {}", d.from, d.to)
            };
            let relation = format!("{:?}", d.relation).to_lowercase();
            let _ = writeln!(
                out,
                "  [{}..{}] « {} » = {range} ({}, {relation}, {})",
                d.start,
                d.end,
                d.text,
                d.precision.as_str(),
                d.reason.as_str()
            );
        }
        for r in v.removed {
            let _ = writeln!(out, "removed    {r}");
        }
        for w in &v.warnings {
            let _ = writeln!(out, "warning    {w}");
        }
        out.push('\n');
    }
    out
}
