//! Plane geometry for the map: regions in degrees, the equirectangular projection of a region
//! onto the page, and rectangles and polygons in points from the map's top left corner.

use serde::Serialize;

/// Rounds to 0.1 pt, the precision the JSON carries.
pub fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A rectangle in points, from the top left corner of what it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// The smallest rectangle holding every point, if there is one.
    pub fn bounding(points: &[[f64; 2]]) -> Option<Rect> {
        let (first, rest) = points.split_first()?;
        let [mut x1, mut y1] = *first;
        let [mut x2, mut y2] = *first;
        for p in rest {
            (x1, y1, x2, y2) = (x1.min(p[0]), y1.min(p[1]), x2.max(p[0]), y2.max(p[1]));
        }
        Some(Rect {
            x: x1,
            y: y1,
            w: x2 - x1,
            h: y2 - y1,
        })
    }

    /// Whether the two share some area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether it lies wholly inside `outer`.
    pub fn within(&self, outer: &Rect) -> bool {
        self.x >= outer.x
            && self.y >= outer.y
            && self.right() <= outer.right()
            && self.bottom() <= outer.bottom()
    }

    pub fn contains(&self, p: [f64; 2]) -> bool {
        (self.x..=self.right()).contains(&p[0]) && (self.y..=self.bottom()).contains(&p[1])
    }

    /// The same rectangle grown by `by` on every side (shrunk if negative).
    pub fn grown(&self, by: f64) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2.0 * by,
            h: self.h + 2.0 * by,
        }
    }

    /// The point of the rectangle nearest to `p`: where a leader line from `p` meets it.
    pub fn nearest(&self, p: [f64; 2]) -> [f64; 2] {
        [
            p[0].clamp(self.x, self.right()),
            p[1].clamp(self.y, self.bottom()),
        ]
    }

    /// Rounded to the JSON's precision.
    pub fn rounded(&self) -> Rect {
        Rect {
            x: round(self.x),
            y: round(self.y),
            w: round(self.w),
            h: round(self.h),
        }
    }
}

/// A region of the globe, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl Region {
    /// The smallest region holding every point (longitude, latitude), if there is one.
    pub fn of_points(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Region> {
        points.into_iter().fold(None, |region, (lon, lat)| {
            let point = Region {
                west: lon,
                east: lon,
                south: lat,
                north: lat,
            };
            Some(region.map_or(point, |r: Region| r.union(&point)))
        })
    }

    /// The region `half_lon` by `half_lat` degrees either side of a point.
    pub fn around(lon: f64, lat: f64, half_lon: f64, half_lat: f64) -> Region {
        Region {
            west: lon - half_lon,
            east: lon + half_lon,
            south: lat - half_lat,
            north: lat + half_lat,
        }
    }

    pub fn union(&self, other: &Region) -> Region {
        Region {
            west: self.west.min(other.west),
            east: self.east.max(other.east),
            south: self.south.min(other.south),
            north: self.north.max(other.north),
        }
    }

    pub fn width(&self) -> f64 {
        self.east - self.west
    }

    pub fn height(&self) -> f64 {
        self.north - self.south
    }

    pub fn centre(&self) -> (f64, f64) {
        (
            (self.west + self.east) / 2.0,
            (self.south + self.north) / 2.0,
        )
    }

    /// The region with the same centre and the given spans.
    pub fn resized(&self, width: f64, height: f64) -> Region {
        let (lon, lat) = self.centre();
        Region::around(lon, lat, width / 2.0, height / 2.0)
    }

    /// The region moved, not cut, so that it lies within the map of the world where it can.
    fn kept_on_the_globe(&self) -> Region {
        let shift = |low: f64, high: f64, min: f64, max: f64| {
            if high - low >= max - min {
                (min, max)
            } else if low < min {
                (min, high + min - low)
            } else if high > max {
                (low - (high - max), max)
            } else {
                (low, high)
            }
        };
        let (west, east) = shift(self.west, self.east, -180.0, 180.0);
        let (south, north) = shift(self.south, self.north, -85.0, 85.0);
        Region {
            west,
            east,
            south,
            north,
        }
    }
}

/// The equirectangular projection of a region onto a map of a given width, longitudes
/// squeezed by the cosine of the middle latitude so that shapes keep their look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// What the map shows, in degrees.
    pub region: Region,
    pub width: f64,
    pub height: f64,
    squeeze: f64,
    scale: f64,
}

impl Frame {
    /// A frame `width` points wide showing at least `region`, which is widened or heightened
    /// so that the map's height lies within `heights`.
    pub fn fit(region: Region, width: f64, heights: (f64, f64)) -> Frame {
        let squeeze = region.centre().1.to_radians().cos().max(0.3);
        let (mut lon_span, mut lat_span) = (region.width(), region.height());
        let (low, high) = (heights.0 / width, heights.1 / width);
        let ratio = lat_span / (lon_span * squeeze);
        if ratio < low {
            lat_span = low * lon_span * squeeze;
        } else if ratio > high {
            lon_span = lat_span / (high * squeeze);
        }
        let region = region.resized(lon_span, lat_span).kept_on_the_globe();
        let scale = width / (region.width() * squeeze);
        let height = (region.height() * scale).clamp(heights.0, heights.1);
        Frame {
            region,
            width,
            height,
            squeeze,
            scale,
        }
    }

    /// Where a point (longitude, latitude) falls, in points from the map's top left corner.
    pub fn project(&self, lon: f64, lat: f64) -> [f64; 2] {
        [
            (lon - self.region.west) * self.squeeze * self.scale,
            (self.region.north - lat) * self.scale,
        ]
    }

    /// The map's own rectangle.
    pub fn rect(&self) -> Rect {
        Rect {
            x: 0.0,
            y: 0.0,
            w: self.width,
            h: self.height,
        }
    }
}

/// A side of a rectangle, to clip against.
#[derive(Debug, Clone, Copy)]
enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    /// The axis the side cuts (0: x, 1: y) and where.
    fn line(self, rect: &Rect) -> (usize, f64) {
        match self {
            Side::Left => (0, rect.x),
            Side::Right => (0, rect.right()),
            Side::Top => (1, rect.y),
            Side::Bottom => (1, rect.bottom()),
        }
    }

    /// Whether a point lies on the rectangle's side of it.
    fn keeps(self, p: [f64; 2], rect: &Rect) -> bool {
        let (axis, at) = self.line(rect);
        match self {
            Side::Left | Side::Top => p[axis] >= at,
            Side::Right | Side::Bottom => p[axis] <= at,
        }
    }

    /// Where the segment from `a` to `b` crosses it.
    fn cross(self, a: [f64; 2], b: [f64; 2], rect: &Rect) -> [f64; 2] {
        let (axis, at) = self.line(rect);
        let t = (at - a[axis]) / (b[axis] - a[axis]);
        [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
    }
}

/// The part of a polygon inside a rectangle (Sutherland–Hodgman), empty if none.
pub fn clip(polygon: &[[f64; 2]], rect: &Rect) -> Vec<[f64; 2]> {
    let mut points = polygon.to_vec();
    for side in [Side::Left, Side::Right, Side::Top, Side::Bottom] {
        let Some(&last) = points.last() else {
            break;
        };
        let mut kept = Vec::with_capacity(points.len());
        let mut previous = last;
        for &p in &points {
            match (side.keeps(p, rect), side.keeps(previous, rect)) {
                (true, true) => kept.push(p),
                (true, false) => kept.extend([side.cross(previous, p, rect), p]),
                (false, true) => kept.push(side.cross(previous, p, rect)),
                (false, false) => {}
            }
            previous = p;
        }
        points = kept;
    }
    points
}

/// A polygon's area (positive) and centroid; a degenerate polygon's centroid is its first point.
pub fn area_centroid(polygon: &[[f64; 2]]) -> (f64, [f64; 2]) {
    let (mut twice_area, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for (i, a) in polygon.iter().enumerate() {
        let b = polygon[(i + 1) % polygon.len()];
        let cross = a[0] * b[1] - b[0] * a[1];
        twice_area += cross;
        cx += (a[0] + b[0]) * cross;
        cy += (a[1] + b[1]) * cross;
    }
    if twice_area.abs() < 1e-9 {
        return (0.0, polygon.first().copied().unwrap_or([0.0, 0.0]));
    }
    (
        twice_area.abs() / 2.0,
        [cx / (3.0 * twice_area), cy / (3.0 * twice_area)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_a_square_keeps_the_part_inside() {
        let square = [[-5.0, -5.0], [5.0, -5.0], [5.0, 5.0], [-5.0, 5.0]];
        let rect = Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        let (area, centre) = area_centroid(&clip(&square, &rect));
        assert!((area - 25.0).abs() < 1e-9, "{area}");
        assert!((centre[0] - 2.5).abs() < 1e-9 && (centre[1] - 2.5).abs() < 1e-9);
    }

    #[test]
    fn a_frame_keeps_its_height_within_bounds() {
        let thin = Region {
            west: 0.0,
            east: 60.0,
            south: 0.0,
            north: 2.0,
        };
        let frame = Frame::fit(thin, 440.0, (160.0, 360.0));
        assert!((frame.height - 160.0).abs() < 1e-6, "{}", frame.height);
        assert!(frame.region.south <= 0.0 && frame.region.north >= 2.0);
        let tall = Region {
            west: 0.0,
            east: 2.0,
            south: -30.0,
            north: 30.0,
        };
        let frame = Frame::fit(tall, 440.0, (160.0, 360.0));
        assert!((frame.height - 360.0).abs() < 1e-6, "{}", frame.height);
        assert!(frame.region.west <= 0.0 && frame.region.east >= 2.0);
    }
}
