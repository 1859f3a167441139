//! Points of vigilance: what a reader should double-check.

use super::citations::Citations;
use super::Input;
use crate::model::{Fact, Meeting, MeetingStatus, Vigilance, VigilanceKind};
use std::collections::BTreeSet;

/// What deserves caution: contradictory dates, meetings only announced, what rests on a single
/// source among what page one and the meetings say, undated articles. Single-source facts
/// deeper in the sections are marked where they stand, not listed again here.
pub(super) fn vigilance(
    input: &Input,
    citations: &Citations,
    key_points: &[Fact],
    meetings: &[Meeting],
) -> Vec<Vigilance> {
    let mut out: Vec<Vigilance> = meetings.iter().flat_map(of_meeting).collect();
    out.extend(single_source(key_points, meetings));
    out.extend(undated(input, citations));
    out
}

/// A meeting's dates that disagree, its being only announced, its single source.
fn of_meeting(m: &Meeting) -> Vec<Vigilance> {
    let about = |kind: VigilanceKind| Vigilance {
        kind,
        subject: m.title.clone(),
        meeting: Some(m.id.clone()),
        sources: m.sources.clone(),
    };
    let mut out = Vec::new();
    if !m.contradictions.is_empty() {
        out.push(about(VigilanceKind::Contradiction));
    }
    if m.status == MeetingStatus::Announced {
        out.push(about(VigilanceKind::Announced));
    }
    if m.sources.len() == 1 {
        out.push(about(VigilanceKind::SingleSource));
    }
    out
}

/// The single-source facts of page one and of the meetings told by several sources, each once.
/// A meeting's sentence that page one shows with the meeting's sources is as sure there as on
/// page one: one confidence for one sentence.
fn single_source(key_points: &[Fact], meetings: &[Meeting]) -> Vec<Vigilance> {
    let mut seen: BTreeSet<String> = key_points
        .iter()
        .filter(|k| !k.single_source)
        .map(|k| k.text.clone())
        .collect();
    key_points
        .iter()
        .chain(
            meetings
                .iter()
                .filter(|m| m.sources.len() > 1)
                .flat_map(|m| &m.facts),
        )
        .filter(|f| f.single_source && seen.insert(f.text.clone()))
        .map(|f| Vigilance {
            kind: VigilanceKind::SingleSource,
            subject: f.text.clone(),
            meeting: None,
            sources: f.sources.clone(),
        })
        .collect()
}

/// The cited articles without a date.
fn undated<'a>(input: &'a Input, citations: &'a Citations) -> impl Iterator<Item = Vigilance> + 'a {
    citations
        .iter()
        .filter(|&(a, _)| input.articles[a].undated())
        .map(|(a, id)| {
            let article = &input.articles[a];
            let subject = article
                .title
                .clone()
                .unwrap_or_else(|| article.file.clone());
            Vigilance {
                kind: VigilanceKind::Undated,
                subject,
                meeting: None,
                sources: vec![id.to_string()],
            }
        })
}
