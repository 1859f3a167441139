//! Points of vigilance: what a reader should double-check.

use super::*;

/// What deserves caution: contradictory dates, meetings only announced, what rests on a single
/// source among what page one and the meetings say, undated articles. Single-source facts
/// deeper in the sections are marked where they stand, not listed again here.
pub(super) fn vigilance(
    key_points: &[Fact],
    meetings: &[Meeting],
    cited: &BTreeSet<usize>,
    articles: &[Article],
    ids: &HashMap<usize, String>,
) -> Vec<Vigilance> {
    let mut out = Vec::new();
    for m in meetings {
        if !m.contradictions.is_empty() {
            out.push(Vigilance {
                kind: VigilanceKind::Contradiction,
                text: format!(
                    "{} : dates divergentes selon les sources — {}",
                    m.title,
                    m.contradictions.join(" ; ")
                ),
                sources: m.sources.clone(),
            });
        }
        if m.status == MeetingStatus::Announced {
            out.push(Vigilance {
                kind: VigilanceKind::Announced,
                text: format!("{} : annoncé, rien ne confirme qu’il a eu lieu", m.title),
                sources: m.sources.clone(),
            });
        }
        if m.sources.len() == 1 {
            out.push(Vigilance {
                kind: VigilanceKind::SingleSource,
                text: format!("{} : une seule source", m.title),
                sources: m.sources.clone(),
            });
        }
    }
    let mut seen = BTreeSet::new();
    for f in key_points.iter().chain(
        meetings
            .iter()
            .filter(|m| m.sources.len() > 1)
            .flat_map(|m| &m.facts),
    ) {
        if f.single_source && seen.insert(f.text.clone()) {
            out.push(Vigilance {
                kind: VigilanceKind::SingleSource,
                text: f.text.clone(),
                sources: f.sources.clone(),
            });
        }
    }
    for &a in cited {
        if articles[a].published.is_none() {
            out.push(Vigilance {
                kind: VigilanceKind::Undated,
                text: format!(
                    "{} : article non daté",
                    articles[a]
                        .title
                        .clone()
                        .unwrap_or_else(|| articles[a].file.clone())
                ),
                sources: vec![ids[&a].clone()],
            });
        }
    }
    out
}
