//! The locator map, drawn between `summarise` and `render`: the countries the briefing covers,
//! shaded by how many facts it gives of each (the count their sections show), the places of its
//! meetings, a legend, and a world inset that shows where the region lies. The map is zoomed to
//! the covered countries, a vast one counting by its heart (around its capital), so that one
//! fact on Russia does not zoom out to Siberia; labels are placed so that none overlaps another
//! or leaves the frame. Shapes are Natural Earth's 1:110m countries (`data/world/`). The result
//! is typed data (JSON) that `templates/map.typ` draws: no text of ours becomes Typst code, and
//! the legend's words come from the labels file.

mod geometry;
mod inset;
mod placer;
mod places;

use crate::model::Briefing;
use crate::settings::Lang;
use geometry::{area_centroid, clip, round, Frame, Rect, Region};
use placer::{Placer, Spot};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const WORLD: &str = include_str!("data/world/countries-110m.tsv");
const DISPUTED: &str = include_str!("data/world/disputed.tsv");

/// Whose maps the borders of disputed areas follow (`[map] point_of_view` in brief.toml):
/// a government's, by its ISO3 code, as Natural Earth records it; or who administers each area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PointOfView {
    /// Who administers the area on the ground (Natural Earth's default edition).
    DeFacto,
    /// A government's view, by its ISO3 code ("FRA").
    Government(String),
}

impl Default for PointOfView {
    /// France's: briefings are made for French and European administrations.
    fn default() -> Self {
        PointOfView::Government("FRA".to_string())
    }
}

impl PointOfView {
    /// The setting's value: "de_facto" or an ISO3 code the data has a view for.
    pub fn parse(value: &str) -> Result<PointOfView, String> {
        if value == "de_facto" {
            return Ok(PointOfView::DeFacto);
        }
        let code = value.to_ascii_uppercase();
        let known = governments();
        if known.contains(&code.as_str()) {
            Ok(PointOfView::Government(code))
        } else {
            Err(format!(
                "point_of_view {value:?}: not a view the map data records; use de_facto or one of {}",
                known.join(", ")
            ))
        }
    }

    /// The code the map's data is keyed by, "de_facto" for who administers.
    pub fn code(&self) -> &str {
        match self {
            PointOfView::DeFacto => "de_facto",
            PointOfView::Government(code) => code,
        }
    }
}

/// An area whose owner governments disagree on (`data/world/disputed.tsv`).
struct Area {
    /// Who administers it.
    admin: String,
    /// Government (ISO3) → the country its maps give the area to.
    views: BTreeMap<String, String>,
    rings: Rings,
}

impl Area {
    /// Whose the area is from `view`.
    fn owner(&self, view: &PointOfView) -> &str {
        match view {
            PointOfView::DeFacto => &self.admin,
            PointOfView::Government(code) => self.views.get(code).unwrap_or(&self.admin),
        }
    }
}

fn disputed() -> &'static [Area] {
    static AREAS: OnceLock<Vec<Area>> = OnceLock::new();
    AREAS.get_or_init(|| {
        DISPUTED
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|line| {
                let cols: Vec<&str> = line.split('\t').collect();
                let [_, _, admin, views, rings] = cols[..] else {
                    return None;
                };
                Some(Area {
                    admin: admin.to_string(),
                    views: views
                        .split(' ')
                        .filter_map(|v| v.split_once(':'))
                        .map(|(g, c)| (g.to_string(), c.to_string()))
                        .collect(),
                    rings: parse_rings(rings),
                })
            })
            .collect()
    })
}

/// The governments whose views the data records, sorted.
pub fn governments() -> Vec<&'static str> {
    let mut codes: Vec<&str> = disputed()
        .iter()
        .flat_map(|a| a.views.keys().map(String::as_str))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The virtual file the template reads the map from.
pub const MAP_FILE: &str = "map.json";

/// Width of the map in points; its height follows the region, within these bounds.
const WIDTH: f64 = 440.0;
const HEIGHTS: (f64, f64) = (170.0, 340.0);

/// Around the covered countries, a share of the region's span, and at least these degrees.
const MARGIN: f64 = 0.1;
const MIN_MARGIN: f64 = 2.5;
/// The smallest region shown (degrees of longitude, latitude): a small country is not blown up.
const MIN_SPAN: (f64, f64) = (14.0, 10.0);
/// A country whose land spans more than this (degrees of longitude, latitude) is vast.
const VAST: (f64, f64) = (30.0, 25.0);
/// A vast country counts by its heart: this many degrees either side of its capital.
const HEART: (f64, f64) = (8.0, 6.0);
/// Rings of a country whose centre lies farther than this (degrees) from its main land's are
/// overseas: they do not widen the zoom.
const OVERSEAS: f64 = 15.0;

/// Label text sizes in points (Noto Sans: bold for countries, italic for places), the
/// average advance of a character in ems, and the estimated height of a label's box;
/// `templates/map.typ` draws them at these sizes.
const COUNTRY_TEXT: f64 = 6.5;
const PLACE_TEXT: f64 = 6.0;
const ADVANCE: f64 = 0.55;
const LABEL_HEIGHT: f64 = 8.0;
/// A country whose visible land is smaller than this (square points) gets no label.
const MIN_LABEL_AREA: f64 = 4.0;
/// Labels keep this far inside the frame.
const FRAME_MARGIN: f64 = 2.0;
/// The inset and the legend sit this far from the frame's edges.
const CORNER_MARGIN: f64 = 4.0;
/// The legend's width, and the height of each of its lines (title, classes, meeting place).
const LEGEND_WIDTH: f64 = 84.0;
const LEGEND_ROW: f64 = 9.0;
/// Half the side of the square kept free around a meeting place's dot.
const DOT_ROOM: f64 = 2.5;

/// Where a country's name may stand: on it, else beside it with a leader line.
const COUNTRY_SPOTS: &[Spot] = &[
    Spot::Centre,
    Spot::Above(5.0),
    Spot::Below(5.0),
    Spot::Right(6.0),
    Spot::Left(6.0),
    Spot::Above(14.0),
    Spot::Below(14.0),
    Spot::Right(16.0),
    Spot::Left(16.0),
];

/// Where a meeting place's name may stand: beside its dot, else farther with a leader line.
const PLACE_SPOTS: &[Spot] = &[
    Spot::Right(3.0),
    Spot::Left(3.0),
    Spot::Above(3.0),
    Spot::Below(3.0),
    Spot::Right(12.0),
    Spot::Left(12.0),
    Spot::Above(10.0),
    Spot::Below(10.0),
];

/// The locator map, in points from its top left corner.
#[derive(Debug, Serialize)]
pub struct Map {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<Shape>,
    /// The meeting places' dots.
    pub places: Vec<[f64; 2]>,
    /// Country and meeting place names, none overlapping another.
    pub labels: Vec<Label>,
    pub inset: Inset,
    pub legend: Legend,
    /// The government whose view the disputed areas follow, named in the label language;
    /// empty when they follow who administers them.
    pub point_of_view: String,
}

#[derive(Debug, Serialize)]
pub struct Shape {
    pub iso3: String,
    /// 0: not in the briefing; 1–4: the shade of its class of facts (see [`Class`]).
    pub level: u8,
    /// A disputed area, drawn over the countries in its owner's shade (from the point of view
    /// chosen) with a dashed outline; hatched when that view gives it to no country.
    pub disputed: bool,
    /// Whether the area belongs to a country (always, but for some disputed areas).
    pub owned: bool,
    /// Points in points from the map's top left corner.
    pub points: Vec<[f64; 2]>,
}

/// What a label names; serialised as "country", "place".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    Country,
    /// A meeting place.
    Place,
}

#[derive(Debug, Serialize)]
pub struct Label {
    pub name: String,
    pub kind: LabelKind,
    /// The box the name is centred in.
    #[serde(flatten)]
    pub rect: Rect,
    /// A thin line (x1, y1, x2, y2) from what it names to the box, when it stands off.
    pub leader: Option<[f64; 4]>,
}

/// The world inset, in a corner of the map.
#[derive(Debug, Serialize)]
pub struct Inset {
    #[serde(flatten)]
    pub rect: Rect,
    /// The world's outlines, from the inset's top left corner.
    pub rings: &'static [Vec<[f64; 2]>],
    /// The region the map shows, from the inset's top left corner.
    pub zoom: Rect,
}

/// The legend, in a corner of the map: its title, a line per class, and the meeting place.
#[derive(Debug, Serialize)]
pub struct Legend {
    #[serde(flatten)]
    pub rect: Rect,
    /// The height of each line.
    pub row: f64,
    pub classes: Vec<Class>,
    /// Whether the map marks meeting places (and the legend says what the dot is).
    pub places: bool,
    /// Whether the map shows a disputed area (and the legend says what the dashes are).
    pub disputed: bool,
    /// The covered countries the frame leaves out, named in the label language, most covered
    /// first (at most `ALSO_NAMED`, then "+N").
    pub also: Vec<String>,
}

/// Countries named at most in the legend's "also covered" line.
const ALSO_NAMED: usize = 6;
/// Characters of the "also covered" text a legend line holds (6 pt in the legend's width).
const ALSO_LINE: usize = 24;

/// The names of the covered countries the map does not show (no land of theirs big enough
/// for a name in the frame: `anchors`), for the legend: the first `ALSO_NAMED`, most covered
/// first, then "+N" for the others.
fn also_covered(covered: &[Covered], anchors: &[Anchor]) -> Vec<String> {
    let out: Vec<&Covered> = covered
        .iter()
        .filter(|c| !anchors.iter().any(|a| a.name == c.name))
        .collect();
    let mut names: Vec<String> = out
        .iter()
        .take(ALSO_NAMED)
        .map(|c| c.name.to_string())
        .collect();
    if out.len() > ALSO_NAMED {
        names.push(format!("+{}", out.len() - ALSO_NAMED));
    }
    names
}

/// The legend's lines for the "also covered" text: its heading, then the names wrapped.
fn also_lines(also: &[String]) -> usize {
    if also.is_empty() {
        return 0;
    }
    let chars: usize = also.iter().map(|n| n.chars().count() + 2).sum();
    1 + chars.div_ceil(ALSO_LINE)
}

/// A class of the shading: the countries with `low` to `high` facts, drawn in shade `level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Class {
    pub level: u8,
    pub low: usize,
    pub high: usize,
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
                let rings = parse_rings(rings);
                Some((iso3.to_string(), rings))
            })
            .collect()
    })
}

/// Rings as the data files write them: "lon,lat lon,lat …;…". A ring across the antimeridian
/// (Russia's far east) stays in one piece.
fn parse_rings(text: &str) -> Rings {
    text.split(';')
        .map(|ring| {
            let points: Vec<(f64, f64)> = ring
                .split(' ')
                .filter_map(|p| {
                    let (lon, lat) = p.split_once(',')?;
                    Some((lon.parse().ok()?, lat.parse().ok()?))
                })
                .collect();
            let crosses = points.iter().any(|p| p.0 > 170.0) && points.iter().any(|p| p.0 < -170.0);
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
        .collect()
}

/// A country's name in `lang`, by its ISO3 code.
fn country_name(iso3: &str, lang: Lang) -> &'static str {
    crate::gazetteer::Gazetteer::shipped()
        .by_iso3(iso3)
        .map_or("", |c| c.name_in(lang))
}

/// The map for a briefing, or none if it gives facts on no country with a shape. Names are in
/// `lang`.
pub fn locator(briefing: &Briefing, lang: Lang, view: &PointOfView) -> Option<Map> {
    let covered = covered(briefing, lang);
    let theatre = theatre(&covered)?;
    let frame = frame_of(&theatre, &places::meeting_places(briefing, lang));
    let classes = classes(&covered.iter().map(|c| c.facts).collect::<Vec<_>>());
    let shapes = shapes(&frame, &covered, &classes, view);
    let anchors = anchors(&frame, &covered);
    let places = places_in(&frame, briefing, lang);
    let disputed = shapes.iter().any(|s| s.disputed);
    let also = also_covered(&covered, &anchors);
    let rows = classes.len()
        + 1
        + usize::from(!places.is_empty())
        + usize::from(disputed)
        + also_lines(&also);
    let legend_size = [LEGEND_WIDTH, LEGEND_ROW * rows as f64 + 4.0];
    let [inset_at, mut legend_at] = corners(&frame, &shapes, &anchors, &places, legend_size);
    // A meeting place under the inset or the legend is not marked.
    let had_places = !places.is_empty();
    let places: Vec<Anchor> = places
        .into_iter()
        .filter(|p| !inset_at.contains(p.at) && !legend_at.contains(p.at))
        .collect();
    if had_places && places.is_empty() {
        // No dot left to explain: the legend loses its last line, and keeps its corner.
        legend_at.h -= LEGEND_ROW;
        if legend_at.y > frame.height / 2.0 {
            legend_at.y += LEGEND_ROW;
        }
    }
    let labels = labels(&frame, &shapes, &anchors, &places, &[inset_at, legend_at]);
    Some(Map {
        width: WIDTH,
        height: round(frame.height),
        places: places.iter().map(|p| p.at.map(round)).collect(),
        labels,
        inset: Inset {
            rect: inset_at.rounded(),
            rings: inset::outlines(world()),
            zoom: inset::zoom_box(&frame.region),
        },
        legend: Legend {
            rect: legend_at.rounded(),
            row: LEGEND_ROW,
            classes,
            places: !places.is_empty(),
            disputed,
            also,
        },
        point_of_view: match view {
            PointOfView::DeFacto => String::new(),
            PointOfView::Government(code) => country_name(code, lang).to_string(),
        },
        shapes,
    })
}

/// A country the briefing covers (it gives facts on it) and the map has a shape for.
struct Covered<'a> {
    iso3: &'a str,
    name: &'static str,
    /// How many facts its section gives.
    facts: usize,
}

/// The covered countries, the most covered first (then by code, for a stable order).
fn covered(briefing: &Briefing, lang: Lang) -> Vec<Covered<'_>> {
    let mut covered: Vec<Covered> = briefing
        .countries
        .iter()
        .filter(|c| !c.facts.is_empty() && world().contains_key(&c.iso3))
        .map(|c| Covered {
            iso3: &c.iso3,
            name: country_name(&c.iso3, lang),
            facts: c.facts.len(),
        })
        .collect();
    covered.sort_by(|a, b| b.facts.cmp(&a.facts).then(a.iso3.cmp(b.iso3)));
    covered
}

/// How many countries at most draw the frame.
const FOCUS: usize = 8;
/// A country draws the frame when it has at least this share of the best-covered one's facts
/// (and lies within reach of the others); one with fewer is shaded where it shows.
const CORE_SHARE: f64 = 0.25;
/// How far from the theatre a country may lie to be part of it: this share of the theatre's
/// diagonal, and at least `MIN_REACH` degrees (of latitude, or of longitude at the theatre's
/// latitude), measured from its capital.
const REACH_SHARE: f64 = 0.8;
const MIN_REACH: f64 = 25.0;
/// A meeting place within reach widens the frame by this many degrees around it, so that its
/// dot and name stay inside.
const PLACE_ROOM: (f64, f64) = (2.0, 1.5);

/// The theatre of the story: the region of the best-covered countries that lie near one
/// another, grown from the best-covered one; a covered country the frame leaves out (the
/// United States in a European story) is named in the legend instead.
struct Theatre {
    region: Region,
}

impl Theatre {
    /// How far from the theatre a place may lie to be part of it, in degrees.
    fn reach(&self) -> f64 {
        (REACH_SHARE * diagonal(&self.region)).max(MIN_REACH)
    }

    fn within_reach(&self, (lon, lat): (f64, f64)) -> bool {
        distance(&self.region, lon, lat) <= self.reach()
    }
}

/// A region's diagonal in degrees, longitudes counted at its middle latitude.
fn diagonal(region: &Region) -> f64 {
    let (_, lat) = region.centre();
    (region.width() * lat.to_radians().cos()).hypot(region.height())
}

/// How far a point lies from a region (0 inside), in degrees as `diagonal` counts them.
fn distance(region: &Region, lon: f64, lat: f64) -> f64 {
    let dx = (region.west - lon).max(lon - region.east).max(0.0);
    let dy = (region.south - lat).max(lat - region.north).max(0.0);
    (dx * lat.to_radians().cos().max(0.2)).hypot(dy)
}

/// Where a country is, for the theatre: its capital, else the centre of its main land.
fn whereabouts(iso3: &str) -> Option<(f64, f64)> {
    places::capital(iso3).or_else(|| focus(iso3).map(|r| r.centre()))
}

/// The theatre of `covered` (most covered first): from the best-covered country, every country
/// with `CORE_SHARE` of its facts that lies within reach joins, until none does.
fn theatre(covered: &[Covered]) -> Option<Theatre> {
    let top = covered.first()?.facts as f64;
    let core: Vec<usize> = (0..covered.len())
        .filter(|&i| covered[i].facts as f64 >= CORE_SHARE * top)
        .filter(|&i| focus(covered[i].iso3).is_some())
        .take(FOCUS)
        .collect();
    let mut theatre = Theatre {
        region: focus(covered[*core.first()?].iso3)?,
    };
    let mut joined = vec![core[0]];
    loop {
        let next = core.iter().copied().find(|i| {
            !joined.contains(i)
                && whereabouts(covered[*i].iso3).is_some_and(|at| theatre.within_reach(at))
        });
        let Some(i) = next else { break };
        if let Some(region) = focus(covered[i].iso3) {
            theatre.region = theatre.region.union(&region);
        }
        joined.push(i);
    }
    Some(theatre)
}

/// The frame around the theatre and the meeting places within its reach, with a margin.
fn frame_of(theatre: &Theatre, places: &[places::Place]) -> Frame {
    let region = places
        .iter()
        .filter(|p| theatre.within_reach((p.lon, p.lat)))
        .map(|p| Region::around(p.lon, p.lat, PLACE_ROOM.0, PLACE_ROOM.1))
        .fold(theatre.region, |a, b| a.union(&b));
    let (width, height) = (
        region.width().max(MIN_SPAN.0),
        region.height().max(MIN_SPAN.1),
    );
    let margin = |span: f64| span + 2.0 * (span * MARGIN).max(MIN_MARGIN);
    let region = region.resized(margin(width), margin(height));
    Frame::fit(region, WIDTH, HEIGHTS)
}

/// The region a covered country draws the map to: its main land and the islands near it, or for
/// a vast country, its heart.
fn focus(iso3: &str) -> Option<Region> {
    let rings = world().get(iso3)?;
    let main = rings
        .iter()
        .max_by(|a, b| degrees_area(a).0.total_cmp(&degrees_area(b).0))?;
    let main_region = Region::of_points(main.iter().copied())?;
    let (lon, lat) = main_region.centre();
    let land = rings
        .iter()
        .filter_map(|ring| Region::of_points(ring.iter().copied()))
        .filter(|r| {
            let (x, y) = r.centre();
            (x - lon).abs() < OVERSEAS && (y - lat).abs() < OVERSEAS
        })
        .fold(main_region, |a, b| a.union(&b));
    if land.width() <= VAST.0 && land.height() <= VAST.1 {
        return Some(land);
    }
    let (lon, lat) = places::capital(iso3).unwrap_or_else(|| {
        let [lon, lat] = degrees_area(main).1;
        (lon, lat)
    });
    Some(Region::around(lon, lat, HEART.0, HEART.1))
}

/// A ring's area (square degrees) and centroid (longitude, latitude).
fn degrees_area(ring: &[(f64, f64)]) -> (f64, [f64; 2]) {
    area_centroid(
        &ring
            .iter()
            .map(|&(lon, lat)| [lon, lat])
            .collect::<Vec<_>>(),
    )
}

/// The shares of the best-covered country's facts from which a country takes shades 4, 3 and
/// 2 (below the last, shade 1): the story's country stands out from neighbours with a handful.
const SHADE_SHARES: [f64; 3] = [0.75, 0.4, 0.2];

/// The shading's classes: each shade the counts take, by their share of the largest, with the
/// range of counts it stands for, from the lightest to the darkest.
fn classes(counts: &[usize]) -> Vec<Class> {
    let top = counts.iter().copied().max().unwrap_or(0) as f64;
    let shade = |count: usize| {
        let share = count as f64 / top;
        4 - SHADE_SHARES.iter().take_while(|&&s| share < s).count() as u8
    };
    let mut classes: Vec<Class> = Vec::new();
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    for count in sorted {
        let level = shade(count);
        match classes.last_mut() {
            Some(class) if class.level == level => class.high = count,
            _ => classes.push(Class {
                level,
                low: count,
                high: count,
            }),
        }
    }
    classes
}

/// The shade of a country with `facts` facts.
fn level_of(facts: usize, classes: &[Class]) -> u8 {
    classes
        .iter()
        .find(|c| (c.low..=c.high).contains(&facts))
        .map_or(0, |c| c.level)
}

/// Every ring of the world that shows in the frame, the covered countries last so that their
/// borders draw over their neighbours', then the disputed areas over them, each in the shade of
/// the country `view` gives it to.
fn shapes(frame: &Frame, covered: &[Covered], classes: &[Class], view: &PointOfView) -> Vec<Shape> {
    let levels: BTreeMap<&str, u8> = covered
        .iter()
        .map(|c| (c.iso3, level_of(c.facts, classes)))
        .collect();
    let view_rect = frame.rect();
    let shape = |iso3: &str, ring: &[(f64, f64)], disputed: bool| {
        let points = projected(frame, ring);
        Rect::bounding(&points)?
            .overlaps(&view_rect)
            .then(|| Shape {
                iso3: iso3.to_string(),
                level: levels.get(iso3).copied().unwrap_or(0),
                disputed,
                owned: world().contains_key(iso3),
                points: points.iter().map(|p| p.map(round)).collect(),
            })
    };
    let mut shapes: Vec<Shape> = world()
        .iter()
        .flat_map(|(iso3, rings)| rings.iter().map(move |ring| (iso3, ring)))
        .filter_map(|(iso3, ring)| shape(iso3, ring, false))
        .collect();
    shapes.sort_by_key(|s| s.level);
    shapes.extend(disputed().iter().flat_map(|area| {
        let owner = area.owner(view);
        area.rings
            .iter()
            .filter_map(move |ring| shape(owner, ring, true))
    }));
    shapes
}

fn projected(frame: &Frame, ring: &[(f64, f64)]) -> Vec<[f64; 2]> {
    ring.iter()
        .map(|&(lon, lat)| frame.project(lon, lat))
        .collect()
}

/// Something named on the map, and the point its name belongs to.
struct Anchor {
    name: String,
    at: [f64; 2],
}

/// Where each covered country's name belongs, the most covered first: the centre of its
/// largest land within the frame. A country too little seen gets none.
fn anchors(frame: &Frame, covered: &[Covered]) -> Vec<Anchor> {
    let view = frame.rect();
    covered
        .iter()
        .filter_map(|c| {
            let (area, at) = world()[c.iso3]
                .iter()
                .map(|ring| area_centroid(&clip(&projected(frame, ring), &view)))
                .max_by(|a, b| a.0.total_cmp(&b.0))?;
            (area >= MIN_LABEL_AREA).then(|| Anchor {
                name: c.name.to_string(),
                at,
            })
        })
        .collect()
}

/// The meeting places that fall inside the frame.
fn places_in(frame: &Frame, briefing: &Briefing, lang: Lang) -> Vec<Anchor> {
    let inside = frame.rect().grown(-FRAME_MARGIN);
    places::meeting_places(briefing, lang)
        .into_iter()
        .map(|p| Anchor {
            at: frame.project(p.lon, p.lat),
            name: p.name,
        })
        .filter(|p| inside.contains(p.at))
        .collect()
}

/// The corners of the frame, in the order they are preferred for the inset and the legend.
const CORNERS: [[bool; 2]; 4] = [[false, true], [true, true], [false, false], [true, false]];

/// The corners for the inset and for the legend (of `legend_size`): those that hide the least
/// of the covered countries, their names and the meeting places.
fn corners(
    frame: &Frame,
    shapes: &[Shape],
    anchors: &[Anchor],
    places: &[Anchor],
    legend_size: [f64; 2],
) -> [Rect; 2] {
    let at = |[right, bottom]: [bool; 2], [w, h]: [f64; 2]| Rect {
        x: if right {
            frame.width - CORNER_MARGIN - w
        } else {
            CORNER_MARGIN
        },
        y: if bottom {
            frame.height - CORNER_MARGIN - h
        } else {
            CORNER_MARGIN
        },
        w,
        h,
    };
    let hidden = |rect: &Rect| {
        let land = shapes
            .iter()
            .filter(|s| s.level > 0)
            .flat_map(|s| &s.points)
            .filter(|&&p| rect.contains(p))
            .count();
        let names = anchors
            .iter()
            .chain(places)
            .filter(|a| rect.grown(6.0).contains(a.at))
            .count();
        land + 50 * names
    };
    let best = |size: [f64; 2], except: Option<[bool; 2]>| {
        CORNERS
            .into_iter()
            .filter(|&c| Some(c) != except)
            .min_by_key(|&c| hidden(&at(c, size)))
            .expect("four corners")
    };
    let inset_size = [inset::WIDTH, inset::height()];
    let inset_corner = best(inset_size, None);
    let legend_corner = best(legend_size, Some(inset_corner));
    [at(inset_corner, inset_size), at(legend_corner, legend_size)]
}

/// The names of the meeting places, then of the covered countries, most covered first, each
/// where it overlaps no other, nor the inset, the legend or a meeting place's dot.
fn labels(
    frame: &Frame,
    shapes: &[Shape],
    anchors: &[Anchor],
    places: &[Anchor],
    boxes: &[Rect],
) -> Vec<Label> {
    let dots = places.iter().map(|p| Rect {
        x: p.at[0] - DOT_ROOM,
        y: p.at[1] - DOT_ROOM,
        w: 2.0 * DOT_ROOM,
        h: 2.0 * DOT_ROOM,
    });
    let obstacles = boxes.iter().map(|b| b.grown(FRAME_MARGIN)).chain(dots);
    let mut placer = Placer::new(frame.rect().grown(-FRAME_MARGIN), obstacles);
    let mut labels = Vec::new();
    // The meeting places first: a dot without its name says nothing, a country keeps its shade.
    let named = places
        .iter()
        .map(|p| (p, LabelKind::Place))
        .chain(anchors.iter().map(|a| (a, LabelKind::Country)));
    for (anchor, kind) in named {
        let (text, spots) = match kind {
            LabelKind::Country => (COUNTRY_TEXT, COUNTRY_SPOTS),
            LabelKind::Place => (PLACE_TEXT, PLACE_SPOTS),
        };
        let width = anchor.name.chars().count() as f64 * ADVANCE * text + 2.0;
        // A country's name goes where it crosses the fewest borders (a few points of outline
        // are a corner clipped; past that, a line crossed); a place's name takes the first free
        // spot beside its dot, so that every place keeps room for its name.
        let crossed = |rect: &Rect| match kind {
            LabelKind::Country => borders_in(shapes, rect) / 6,
            LabelKind::Place => 0,
        };
        if let Some(placed) = placer.place_least(anchor.at, [width, LABEL_HEIGHT], spots, crossed) {
            labels.push(Label {
                name: anchor.name.clone(),
                kind,
                rect: placed.rect,
                leader: placed.leader,
            });
        }
    }
    labels
}

/// How many border lines run through a label's box: the points of the shapes' outlines inside
/// it (outlines are drawn point to point, about every 0.1°), so that a name sits inside its
/// country or over the sea rather than across its neighbours.
fn borders_in(shapes: &[Shape], rect: &Rect) -> usize {
    shapes
        .iter()
        .filter(|s| Rect::bounding(&s.points).is_some_and(|b| b.overlaps(rect)))
        .map(|s| s.points.iter().filter(|&&p| rect.contains(p)).count())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::summarise::seeds_briefing;

    /// The highest shade a country is drawn in.
    fn shade(map: &Map, iso3: &str) -> u8 {
        map.shapes
            .iter()
            .filter(|s| s.iso3 == iso3)
            .map(|s| s.level)
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn shades_the_countries_the_briefing_speaks_of() {
        let briefing = seeds_briefing();
        let map = locator(&briefing, Lang::Fr, &PointOfView::default()).expect("a map");
        for c in briefing.countries.iter().filter(|c| !c.facts.is_empty()) {
            assert!(shade(&map, &c.iso3) > 0, "{} is shaded", c.iso3);
        }
        // By facts, the count the sections show: the country with the most is the darkest, one
        // with fewer is lighter, and the legend's classes say how many facts each shade means.
        let most = briefing
            .countries
            .iter()
            .max_by_key(|c| c.facts.len())
            .unwrap();
        let fewest = briefing
            .countries
            .iter()
            .filter(|c| !c.facts.is_empty())
            .min_by_key(|c| c.facts.len())
            .unwrap();
        assert!(most.facts.len() > fewest.facts.len());
        assert_eq!(
            shade(&map, &most.iso3),
            4,
            "the most covered is the darkest"
        );
        assert!(shade(&map, &fewest.iso3) < 4);
        let darkest = map.legend.classes.last().unwrap();
        assert_eq!((darkest.level, darkest.high), (4, most.facts.len()));
        assert_eq!(map.legend.classes[0].low, fewest.facts.len());
        let most_name = country_name(&most.iso3, Lang::Fr);
        assert!(map.labels.iter().any(|l| l.name == most_name));
        assert!(map
            .shapes
            .iter()
            .flat_map(|s| &s.points)
            .all(|p| p[0].is_finite() && p[1].is_finite()));
    }

    #[test]
    fn a_vast_country_counts_by_its_heart() {
        let briefing = seeds_briefing();
        let covered = covered(&briefing, Lang::Fr);
        let frame = frame_of(
            &theatre(&covered).unwrap(),
            &places::meeting_places(&briefing, Lang::Fr),
        );
        let extent =
            |iso3: &str| Region::of_points(world()[iso3].iter().flatten().copied()).unwrap();
        let vast: Vec<&str> = covered
            .iter()
            .map(|c| c.iso3)
            .filter(|&iso3| extent(iso3).width() > 90.0)
            .collect();
        assert!(!vast.is_empty(), "the seeds cover a vast country");
        // Its capital is on the map; its far ends are not.
        for iso3 in vast {
            let (lon, lat) = places::capital(iso3).unwrap();
            assert!(frame.rect().contains(frame.project(lon, lat)), "{iso3}");
            let (whole, shown) = (extent(iso3), frame.region);
            assert!(
                shown.east < whole.east - 45.0 || shown.west > whole.west + 45.0,
                "{iso3}: {shown:?}"
            );
        }
    }

    /// The seeds' briefing with one fact on every country of Africa and Europe: names to crowd.
    fn crowded_briefing() -> Briefing {
        let mut briefing = seeds_briefing();
        let fact = briefing.countries[0].facts[0].clone();
        let g = crate::gazetteer::Gazetteer::shipped();
        for (iso3, rings) in world() {
            let (lon, lat) = rings[0][0];
            let near = (-20.0..50.0).contains(&lon) && (-5.0..65.0).contains(&lat);
            if near && !briefing.countries.iter().any(|c| &c.iso3 == iso3) {
                briefing.countries.push(crate::model::CountrySection {
                    name: g.by_iso3(iso3).unwrap().name.clone(),
                    iso3: iso3.clone(),
                    mentions: 1,
                    facts: vec![fact.clone()],
                    people: Vec::new(),
                });
            }
        }
        briefing
    }

    #[test]
    fn labels_never_overlap_each_other_nor_leave_the_frame() {
        let briefing = crowded_briefing();
        let map = locator(&briefing, Lang::Fr, &PointOfView::default()).expect("a map");
        assert!(map.labels.len() > 20, "{}", map.labels.len());
        let frame = Rect {
            x: 0.0,
            y: 0.0,
            w: map.width,
            h: map.height,
        };
        for (i, a) in map.labels.iter().enumerate() {
            assert!(a.rect.within(&frame), "{} leaves the frame", a.name);
            assert!(!a.rect.overlaps(&map.inset.rect), "{} on the inset", a.name);
            assert!(
                !a.rect.overlaps(&map.legend.rect),
                "{} on the legend",
                a.name
            );
            for b in &map.labels[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{} overlaps {}", a.name, b.name);
            }
        }
        // A label that stands off its country leads back to it.
        assert!(map.labels.iter().any(|l| l.leader.is_some()));
    }

    #[test]
    fn a_meeting_place_in_a_town_is_marked_at_its_coordinates() {
        let mut briefing = seeds_briefing();
        let g = crate::gazetteer::Gazetteer::shipped();
        let town = g.cities().city(g.cities().by_name("Sikasso").unwrap());
        briefing.meetings[0].place = Some("Sikasso".to_string());
        let map = locator(&briefing, Lang::Fr, &PointOfView::default()).expect("a map");
        let frame = frame_of(
            &theatre(&covered(&briefing, Lang::Fr)).unwrap(),
            &places::meeting_places(&briefing, Lang::Fr),
        );
        let at = frame
            .project(f64::from(town.longitude), f64::from(town.latitude))
            .map(round);
        assert!(map.places.contains(&at), "{at:?} in {:?}", map.places);
        let label = map.labels.iter().find(|l| l.name == "Sikasso").unwrap();
        assert_eq!(label.kind, LabelKind::Place);
    }

    #[test]
    fn a_meeting_in_a_country_is_marked_at_its_capital_and_a_video_one_not_at_all() {
        let mut briefing = seeds_briefing();
        for m in &mut briefing.meetings {
            m.place = Some(crate::extract::venues::VIRTUAL_PLACE.to_string());
        }
        assert!(locator(&briefing, Lang::Fr, &PointOfView::default())
            .unwrap()
            .places
            .is_empty());
        let country = crate::gazetteer::Gazetteer::shipped()
            .by_iso3("DZA")
            .unwrap();
        briefing.meetings[0].place = Some(country.name.clone());
        let places = places::meeting_places(&briefing, Lang::Fr);
        assert_eq!(places.len(), 1);
        assert_eq!(Some(&places[0].name), country.capital.as_ref());
        assert_eq!(Some((places[0].lon, places[0].lat)), places::capital("DZA"));
        assert_eq!(
            locator(&briefing, Lang::Fr, &PointOfView::default())
                .unwrap()
                .places
                .len(),
            1
        );
    }

    #[test]
    fn the_inset_box_contains_the_zoom_box() {
        let briefing = seeds_briefing();
        let map = locator(&briefing, Lang::En, &PointOfView::default()).expect("a map");
        let (inset, zoom) = (&map.inset.rect, &map.inset.zoom);
        let whole = Rect {
            x: 0.0,
            y: 0.0,
            w: inset.w,
            h: inset.h,
        };
        assert!(zoom.grown(-1e-9).within(&whole), "{zoom:?} in {whole:?}");
        assert!(zoom.w > 1.0 && zoom.h > 1.0, "{zoom:?}");
        // The box is where the map's region lies: its centre's longitude.
        let frame = frame_of(
            &theatre(&covered(&briefing, Lang::En)).unwrap(),
            &places::meeting_places(&briefing, Lang::En),
        );
        let lon = (zoom.x + zoom.w / 2.0) * 360.0 / inset.w - 180.0;
        assert!((lon - frame.region.centre().0).abs() < 1.0, "{lon}");
        // The inset stays inside the map.
        assert!(inset.within(&Rect {
            x: 0.0,
            y: 0.0,
            w: map.width,
            h: map.height
        }));
    }

    #[test]
    fn classes_shade_by_share_of_the_best_covered_country() {
        let classes = classes(&[1, 2, 2, 3, 4, 5, 6, 7, 10]);
        let ranges: Vec<(u8, usize, usize)> =
            classes.iter().map(|c| (c.level, c.low, c.high)).collect();
        assert_eq!(ranges, [(1, 1, 1), (2, 2, 3), (3, 4, 7), (4, 10, 10)]);
        // A neighbour with a handful of facts is never as dark as the story's country.
        assert_eq!(classes_levels(&[3, 12]), [2, 4]);
        assert_eq!(classes_levels(&[1, 9]), [1, 4]);
        assert_eq!(classes_levels(&[11, 12]), [4]);
    }

    fn classes_levels(counts: &[usize]) -> Vec<u8> {
        classes(counts).iter().map(|c| c.level).collect()
    }

    /// Whether `p` lies inside the polygon `points` (even-odd rule).
    fn inside(p: [f64; 2], points: &[[f64; 2]]) -> bool {
        let mut odd = false;
        for (i, a) in points.iter().enumerate() {
            let b = points[(i + 1) % points.len()];
            if (a[1] > p[1]) != (b[1] > p[1])
                && p[0] < a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            {
                odd = !odd;
            }
        }
        odd
    }

    /// The shape drawn last (on top) at a longitude and latitude, if any.
    fn drawn_at(map: &Map, lon: f64, lat: f64, briefing: &Briefing) -> Option<String> {
        let frame = frame_of(
            &theatre(&covered(briefing, Lang::Fr)).unwrap(),
            &places::meeting_places(briefing, Lang::Fr),
        );
        let at = frame.project(lon, lat);
        map.shapes
            .iter()
            .rev()
            .find(|s| inside(at, &s.points))
            .map(|s| s.iso3.clone())
    }

    #[test]
    fn crimea_is_shaded_as_the_point_of_view_gives_it_never_as_russia_by_default() {
        let briefing = seeds_briefing();
        // Simferopol, in Crimea; the seeds' map shows Russia and Ukraine.
        let (lon, lat) = (34.1, 45.0);
        let french = locator(&briefing, Lang::Fr, &PointOfView::default()).unwrap();
        assert_eq!(
            drawn_at(&french, lon, lat, &briefing).as_deref(),
            Some("UKR")
        );
        assert!(french.legend.disputed);
        assert_eq!(french.point_of_view, "France");
        let russian = PointOfView::parse("RUS").unwrap();
        let map = locator(&briefing, Lang::Fr, &russian).unwrap();
        assert_eq!(drawn_at(&map, lon, lat, &briefing).as_deref(), Some("RUS"));
        let de_facto = PointOfView::parse("de_facto").unwrap();
        let map = locator(&briefing, Lang::Fr, &de_facto).unwrap();
        assert_eq!(map.point_of_view, "");
        // Moscow stays Russia's whatever the view.
        assert_eq!(
            drawn_at(&french, 37.6, 55.75, &briefing).as_deref(),
            Some("RUS")
        );
        assert!(PointOfView::parse("XYZ").unwrap_err().contains("FRA"));
    }

    #[test]
    fn far_countries_with_few_facts_are_named_in_the_legend_not_framed() {
        let mut briefing = seeds_briefing();
        let fact = briefing.countries[0].facts[0].clone();
        let g = crate::gazetteer::Gazetteer::shipped();
        for iso3 in ["USA", "AUS", "BRA", "JPN"] {
            briefing.countries.push(crate::model::CountrySection {
                name: g.by_iso3(iso3).unwrap().name.clone(),
                iso3: iso3.to_string(),
                mentions: 1,
                facts: vec![fact.clone()],
                people: Vec::new(),
            });
        }
        let covered = covered(&briefing, Lang::Fr);
        let theatre = theatre(&covered).unwrap();
        let frame = frame_of(&theatre, &places::meeting_places(&briefing, Lang::Fr));
        let top = covered[0].facts;
        let diameter = diagonal(&theatre.region);
        let mut checked = 0;
        for c in &covered {
            let (lon, lat) = whereabouts(c.iso3).unwrap();
            if c.facts * 10 < top && distance(&theatre.region, lon, lat) > diameter {
                assert!(
                    !frame.rect().contains(frame.project(lon, lat)),
                    "{} framed",
                    c.iso3
                );
                checked += 1;
            }
        }
        assert!(checked >= 2, "{checked}");
        let map = locator(&briefing, Lang::Fr, &PointOfView::default()).unwrap();
        for iso3 in ["USA", "AUS", "BRA", "JPN"] {
            let name = country_name(iso3, Lang::Fr).to_string();
            assert!(
                map.legend.also.contains(&name),
                "{name} in {:?}",
                map.legend.also
            );
        }
        // The story's own countries stay on the map, and none of them is named off it.
        let frame_rect = frame.rect();
        for c in covered.iter().filter(|c| c.facts * 4 >= top) {
            let (lon, lat) = whereabouts(c.iso3).unwrap();
            assert!(frame_rect.contains(frame.project(lon, lat)), "{}", c.iso3);
            assert!(!map.legend.also.iter().any(|n| n == c.name));
        }
    }

    #[test]
    fn every_meeting_place_within_reach_is_drawn_inside_and_named() {
        let mut briefing = crowded_briefing();
        let model = briefing.meetings[0].clone();
        for town in [
            "Sikasso",
            "Niamey",
            "Ouagadougou",
            "Dakar",
            "Abidjan",
            "Paris",
            "Kiev",
        ] {
            let mut meeting = model.clone();
            meeting.place = Some(town.to_string());
            briefing.meetings.push(meeting);
        }
        let map = locator(&briefing, Lang::Fr, &PointOfView::default()).unwrap();
        assert!(map.places.len() >= 7, "{:?}", map.places);
        let named = map
            .labels
            .iter()
            .filter(|l| l.kind == LabelKind::Place)
            .count();
        assert_eq!(named, map.places.len());
        let inside = Rect {
            x: 0.0,
            y: 0.0,
            w: map.width,
            h: map.height,
        }
        .grown(-FRAME_MARGIN);
        assert!(map.places.iter().all(|&p| inside.contains(p)));
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
