//! The locator map: the countries the briefing speaks of, shaded by how much it says of each,
//! on an equirectangular projection cropped to them. Shapes are Natural Earth's 1:110m
//! countries (`data/world/`). The result is typed data (JSON) that the template draws: no
//! text of ours becomes Typst code.

use crate::model::Briefing;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const WORLD: &str = include_str!("data/world/countries-110m.tsv");

/// The virtual file the template reads the map from.
pub const MAP_FILE: &str = "map.json";

/// Width of the map in points.
const WIDTH: f64 = 440.0;

#[derive(Debug, Serialize)]
pub struct Map {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<Shape>,
    pub labels: Vec<Label>,
}

#[derive(Debug, Serialize)]
pub struct Shape {
    pub iso3: String,
    /// 0: not in the briefing; 1–4: how much the briefing says of it (quartiles of mentions).
    pub level: u8,
    /// Points in points from the map's top left corner.
    pub points: Vec<[f64; 2]>,
}

#[derive(Debug, Serialize)]
pub struct Label {
    pub name: String,
    pub x: f64,
    pub y: f64,
}

type Rings = Vec<Vec<(f64, f64)>>;

fn world() -> &'static BTreeMap<String, Rings> {
    static WORLD_SHAPES: OnceLock<BTreeMap<String, Rings>> = OnceLock::new();
    WORLD_SHAPES.get_or_init(|| {
        WORLD
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|line| {
                let (iso3, rings) = line.split_once('\t')?;
                let rings = rings
                    .split(';')
                    .map(|ring| {
                        let points: Vec<(f64, f64)> = ring
                            .split(' ')
                            .filter_map(|p| {
                                let (lon, lat) = p.split_once(',')?;
                                Some((lon.parse().ok()?, lat.parse().ok()?))
                            })
                            .collect();
                        // A ring across the antimeridian (Russia's far east) stays in one piece.
                        let crosses = points.iter().any(|p| p.0 > 170.0)
                            && points.iter().any(|p| p.0 < -170.0);
                        points
                            .into_iter()
                            .map(|(lon, lat)| {
                                if crosses && lon < 0.0 {
                                    (lon + 360.0, lat)
                                } else {
                                    (lon, lat)
                                }
                            })
                            .collect()
                    })
                    .collect();
                Some((iso3.to_string(), rings))
            })
            .collect()
    })
}

/// The map for a briefing, or none if it speaks of no country with a shape.
pub fn locator(briefing: &Briefing) -> Option<Map> {
    let world = world();
    let covered: Vec<(&str, usize, &str)> = briefing
        .countries
        .iter()
        .filter(|c| !c.facts.is_empty() && world.contains_key(&c.iso3))
        .map(|c| (c.iso3.as_str(), c.mentions, c.name.as_str()))
        .collect();
    if covered.is_empty() {
        return None;
    }
    // Crop to the most covered countries (up to eight), so one passing mention of a far
    // country does not zoom the map out to the whole world.
    let mut by_weight = covered.clone();
    by_weight.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let focus: Vec<&str> = by_weight.iter().take(8).map(|c| c.0).collect();
    let (mut west, mut east, mut south, mut north) = (180.0f64, -180.0f64, 90.0f64, -90.0f64);
    for iso3 in &focus {
        let points: Vec<(f64, f64)> = world[*iso3].iter().flatten().copied().collect();
        let (w, e) = points.iter().fold((180.0f64, -180.0f64), |acc, p| {
            (acc.0.min(p.0), acc.1.max(p.0))
        });
        let (s, n) = points.iter().fold((90.0f64, -90.0f64), |acc, p| {
            (acc.0.min(p.1), acc.1.max(p.1))
        });
        // A vast country (Russia, the United States) counts by its heart, not its far ends.
        let (w, e, s, n) = if e - w > 30.0 || n - s > 25.0 {
            let largest = world[*iso3].iter().max_by_key(|r| r.len()).expect("a ring");
            let (lon, lat) = largest
                .iter()
                .fold((0.0, 0.0), |acc, p| (acc.0 + p.0, acc.1 + p.1));
            let (lon, lat) = (lon / largest.len() as f64, lat / largest.len() as f64);
            (lon - 8.0, lon + 8.0, lat - 6.0, lat + 6.0)
        } else {
            (w, e, s, n)
        };
        west = west.min(w);
        east = east.max(e);
        south = south.min(s);
        north = north.max(n);
    }
    let margin_lon = ((east - west) * 0.12).max(4.0);
    let margin_lat = ((north - south) * 0.12).max(4.0);
    let (west, east) = (
        (west - margin_lon).max(-180.0),
        (east + margin_lon).min(180.0),
    );
    let (south, north) = (
        (south - margin_lat).max(-85.0),
        (north + margin_lat).min(85.0),
    );
    let squeeze = ((south + north) / 2.0).to_radians().cos().max(0.3);
    let scale = WIDTH / ((east - west) * squeeze);
    let height = ((north - south) * scale).clamp(120.0, 420.0);
    let project = |lon: f64, lat: f64| {
        [
            ((lon - west) * squeeze * scale * 10.0).round() / 10.0,
            ((north - lat) * scale * 10.0).round() / 10.0,
        ]
    };

    let mut mentions: Vec<usize> = covered.iter().map(|c| c.1).collect();
    mentions.sort();
    let level = |m: usize| -> u8 {
        let rank = mentions.iter().filter(|&&x| x < m).count() as f64 / mentions.len() as f64;
        1 + (rank * 4.0).floor().min(3.0) as u8
    };
    let weight: BTreeMap<&str, usize> = covered.iter().map(|c| (c.0, c.1)).collect();
    let mut shapes = Vec::new();
    for (iso3, rings) in world {
        for ring in rings {
            let inside = ring
                .iter()
                .any(|&(lon, lat)| lon >= west && lon <= east && lat >= south && lat <= north);
            if !inside {
                continue;
            }
            shapes.push(Shape {
                iso3: iso3.clone(),
                level: weight.get(iso3.as_str()).map_or(0, |&m| level(m)),
                points: ring.iter().map(|&(lon, lat)| project(lon, lat)).collect(),
            });
        }
    }
    // Covered countries last, so their borders draw over their neighbours'.
    shapes.sort_by_key(|s| s.level);
    let labels = covered
        .iter()
        .filter_map(|(iso3, _, name)| {
            let largest = world[*iso3].iter().max_by_key(|r| r.len())?;
            let (lon, lat) = largest
                .iter()
                .fold((0.0, 0.0), |acc, p| (acc.0 + p.0, acc.1 + p.1));
            let n = largest.len() as f64;
            let [x, y] = project(lon / n, lat / n);
            ((0.0..=WIDTH).contains(&x) && (0.0..=height).contains(&y)).then(|| Label {
                name: name.to_string(),
                x,
                y,
            })
        })
        .collect();
    Some(Map {
        width: WIDTH,
        height,
        shapes,
        labels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_the_countries_the_briefing_speaks_of() {
        use crate::summarise::{summarise, Input, Sizes, Undated};
        let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let corpus = crate::corpus::load(&[seeds], Default::default()).unwrap();
        let g = crate::gazetteer::Gazetteer::shipped();
        let x = crate::extract::extract(&corpus.articles, g);
        let briefing = summarise(&Input {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            since: None,
            until: None,
            undated: Undated::Keep,
            articles: &corpus.articles,
            extractions: &x,
            gazetteer: g,
            sizes: Sizes::default(),
            files_seen: 5,
            warnings: &[],
        });
        let map = locator(&briefing).expect("a map");
        let shaded: Vec<&str> = map
            .shapes
            .iter()
            .filter(|s| s.level > 0)
            .map(|s| s.iso3.as_str())
            .collect();
        for iso in ["MLI", "NER", "BFA", "RUS"] {
            assert!(shaded.contains(&iso), "{iso}: {shaded:?}");
        }
        let russia = map
            .shapes
            .iter()
            .filter(|s| s.iso3 == "RUS")
            .map(|s| s.level)
            .max()
            .unwrap();
        let niger = map
            .shapes
            .iter()
            .filter(|s| s.iso3 == "NER")
            .map(|s| s.level)
            .max()
            .unwrap();
        assert!(russia > niger, "the most covered is the darkest");
        assert!(map.labels.iter().any(|l| l.name == "Mali"));
        assert!(map
            .shapes
            .iter()
            .flat_map(|s| &s.points)
            .all(|p| p[0].is_finite() && p[1].is_finite()));
    }

    #[test]
    fn every_shape_is_a_known_country() {
        let g = crate::gazetteer::Gazetteer::shipped();
        assert!(world().len() > 160);
        for iso3 in world().keys() {
            assert!(g.by_iso3(iso3).is_some(), "{iso3}");
        }
    }
}
