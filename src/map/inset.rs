//! The world inset: the whole world, small and grey, in a corner of the map, with the region the
//! map shows drawn on it, so that a reader who does not know the region sees where it lies.

use super::geometry::{round, Rect, Region};
use super::Rings;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The inset's width in points; its height follows from the latitudes it shows.
pub const WIDTH: f64 = 110.0;

/// The latitudes shown: Antarctica is left out.
const NORTH: f64 = 84.0;
const SOUTH: f64 = -58.0;

/// Points of a ring closer than this to the last one kept are dropped: the inset is small.
const STEP: f64 = 1.2;

/// The inset's height in points.
pub fn height() -> f64 {
    round(WIDTH * (NORTH - SOUTH) / 360.0)
}

/// Where a point (longitude, latitude) falls on the inset, from its top left corner.
fn project(lon: f64, lat: f64) -> [f64; 2] {
    [(lon + 180.0) * WIDTH / 360.0, (NORTH - lat) * WIDTH / 360.0]
}

/// The world's outlines on the inset, simplified, from its top left corner.
pub fn outlines(world: &BTreeMap<String, Rings>) -> &'static [Vec<[f64; 2]>] {
    static OUTLINES: OnceLock<Vec<Vec<[f64; 2]>>> = OnceLock::new();
    OUTLINES.get_or_init(|| {
        world
            .values()
            .flatten()
            .filter(|ring| ring.iter().any(|p| p.1 > SOUTH))
            .filter_map(|ring| simplified(ring))
            .collect()
    })
}

/// A ring projected with its points at least [`STEP`] apart, if it is big enough to see.
fn simplified(ring: &[(f64, f64)]) -> Option<Vec<[f64; 2]>> {
    let mut kept: Vec<[f64; 2]> = Vec::new();
    for &(lon, lat) in ring {
        let p = project(lon, lat);
        let far = kept
            .last()
            .is_none_or(|q| (p[0] - q[0]).abs() + (p[1] - q[1]).abs() >= STEP);
        if far {
            kept.push(p);
        }
    }
    (kept.len() >= 3).then(|| kept.into_iter().map(|p| p.map(round)).collect())
}

/// The map's region drawn on the inset, from its top left corner, kept within the inset.
pub fn zoom_box(region: &Region) -> Rect {
    let [x1, y1] = project(region.west, region.north);
    let [x2, y2] = project(region.east, region.south);
    let [x1, x2] = [x1, x2].map(|x| round(x.clamp(0.0, WIDTH)));
    let [y1, y2] = [y1, y2].map(|y| round(y.clamp(0.0, height())));
    Rect {
        x: x1,
        y: y1,
        w: round(x2 - x1),
        h: round(y2 - y1),
    }
}
