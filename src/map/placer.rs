//! Label placement, greedy: labels come in order of importance, and each takes the first of its
//! candidate spots that stays inside the map and overlaps nothing placed before it; a label
//! that finds no spot is left out (its country keeps its shading and its legend entry).

use super::geometry::{round, Rect};

/// Where a label may stand, relative to its anchor; the distance is the gap between the
/// anchor and the label's nearest side, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spot {
    /// Centred on the anchor.
    Centre,
    Above(f64),
    Below(f64),
    Right(f64),
    Left(f64),
}

/// From this gap on, a thin line leads from the label back to its anchor.
const LEADER_FROM: f64 = 4.0;
/// What a leader line costs, in the units of `Placer::place_least`'s cost: a name stays by
/// what it names unless that crosses more borders than this.
const LEADER_COST: usize = 2;

impl Spot {
    /// The label's box at this spot.
    fn rect(self, anchor: [f64; 2], size: [f64; 2]) -> Rect {
        let [x, y] = anchor;
        let [w, h] = size;
        let (x, y) = match self {
            Spot::Centre => (x - w / 2.0, y - h / 2.0),
            Spot::Above(gap) => (x - w / 2.0, y - gap - h),
            Spot::Below(gap) => (x - w / 2.0, y + gap),
            Spot::Right(gap) => (x + gap, y - h / 2.0),
            Spot::Left(gap) => (x - gap - w, y - h / 2.0),
        };
        Rect { x, y, w, h }
    }

    fn gap(self) -> f64 {
        match self {
            Spot::Centre => 0.0,
            Spot::Above(gap) | Spot::Below(gap) | Spot::Right(gap) | Spot::Left(gap) => gap,
        }
    }
}

/// A label's place: its box, and the leader line (x1, y1, x2, y2) from its anchor to the box
/// when it stands off its anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub rect: Rect,
    pub leader: Option<[f64; 4]>,
}

/// The boxes placed so far, within the bounds labels must keep to.
pub struct Placer {
    bounds: Rect,
    taken: Vec<Rect>,
}

impl Placer {
    /// A placer for labels inside `bounds`, kept off the `obstacles` (inset, legend, markers).
    pub fn new(bounds: Rect, obstacles: impl IntoIterator<Item = Rect>) -> Placer {
        Placer {
            bounds,
            taken: obstacles.into_iter().collect(),
        }
    }

    /// Places a label at the free spot of least `cost` plus `LEADER_COST` for a spot with a
    /// leader line (the first of equal cost), if any: the map counts the border lines a label
    /// would cross.
    pub fn place_least(
        &mut self,
        anchor: [f64; 2],
        size: [f64; 2],
        spots: &[Spot],
        cost: impl Fn(&Rect) -> usize,
    ) -> Option<Placed> {
        let (_, spot, rect) = spots
            .iter()
            .map(|&spot| (spot, spot.rect(anchor, size)))
            .filter(|(_, rect)| {
                rect.within(&self.bounds) && !self.taken.iter().any(|t| t.overlaps(rect))
            })
            .enumerate()
            .map(|(i, (spot, rect))| {
                let leader = if spot.gap() >= LEADER_FROM {
                    LEADER_COST
                } else {
                    0
                };
                ((cost(&rect) + leader, i), spot, rect)
            })
            .min_by_key(|(key, _, _)| *key)?;
        self.taken.push(rect);
        let leader = (spot.gap() >= LEADER_FROM).then(|| {
            let [x2, y2] = rect.nearest(anchor);
            [anchor[0], anchor[1], x2, y2].map(round)
        });
        Some(Placed {
            rect: rect.rounded(),
            leader,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPOTS: &[Spot] = &[Spot::Centre, Spot::Above(6.0), Spot::Below(6.0)];

    fn bounds() -> Rect {
        Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 100.0,
        }
    }

    #[test]
    fn a_second_label_on_the_same_anchor_moves_off_with_a_leader() {
        let mut placer = Placer::new(bounds(), []);
        let first = placer
            .place_least([50.0, 50.0], [30.0, 8.0], SPOTS, |_| 0)
            .unwrap();
        let second = placer
            .place_least([50.0, 50.0], [30.0, 8.0], SPOTS, |_| 0)
            .unwrap();
        assert_eq!(first.leader, None);
        assert!(!first.rect.overlaps(&second.rect));
        assert_eq!(second.rect.bottom(), 44.0, "above the anchor");
        assert_eq!(second.leader, Some([50.0, 50.0, 50.0, 44.0]));
    }

    #[test]
    fn a_label_takes_the_free_spot_of_least_cost_a_leader_line_counting_too() {
        // Whatever reaches below y = 49 crosses a border; `weight` is what that costs.
        let crossing = |weight: usize| move |r: &Rect| usize::from(r.bottom() > 49.0) * weight;
        let place = |spots: &[Spot], weight: usize| {
            let mut placer = Placer::new(bounds(), []);
            placer
                .place_least([50.0, 50.0], [30.0, 8.0], spots, crossing(weight))
                .unwrap()
        };
        // Just above its anchor, no line, rather than centred across the border.
        let near = place(&[Spot::Centre, Spot::Above(2.0), Spot::Above(8.0)], 5);
        assert_eq!((near.rect.bottom(), near.leader), (48.0, None));
        // A crossing that costs less than a leader line is kept: centred.
        let kept = place(&[Spot::Centre, Spot::Above(8.0)], 1);
        assert_eq!((kept.rect.y, kept.leader), (46.0, None));
        // One that costs more sends the name off, with its line.
        let off = place(&[Spot::Centre, Spot::Above(8.0)], 5);
        assert_eq!(off.rect.bottom(), 42.0);
        assert!(off.leader.is_some());
    }

    #[test]
    fn a_label_with_no_free_spot_is_left_out() {
        let wall = Rect {
            x: 0.0,
            y: 30.0,
            w: 100.0,
            h: 40.0,
        };
        let mut placer = Placer::new(bounds(), [wall]);
        assert_eq!(
            placer.place_least([50.0, 50.0], [30.0, 8.0], SPOTS, |_| 0),
            None
        );
        assert_eq!(
            placer.place_least([2.0, 95.0], [30.0, 8.0], SPOTS, |_| 0),
            None,
            "frame"
        );
    }
}
