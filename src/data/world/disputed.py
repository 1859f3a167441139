#!/usr/bin/env python3
"""Converts Natural Earth's 1:50m breakaway and disputed areas into disputed.tsv: one area a
line with its name, the country that administers it, the country each point of view gives it,
then its rings.

Usage: python3 disputed.py ne_50m_admin_0_breakaway_disputed_areas.geojson > disputed.tsv
(Natural Earth 5.1, `geojson/` of github.com/nvkelso/natural-earth-vector; public domain.)

Columns: BRK_A3 id, English name, ADM0_A3 (who administers it, Natural Earth's de facto
view), the points of view as "USA:UKR FRA:UKR RUS:RUS …" (each ADM0_A3_XX field, named by the
government's ISO3 code: the country that government's maps give it; a code that is no country's, such as "B13", means "no
country's"), then the rings as in countries-110m.tsv: "lon,lat lon,lat …" in degrees rounded
to 0.1°, simplified (Douglas-Peucker, 0.05°) to the 1:110m map's detail, separated by ";".
"""
import json
import sys

# Natural Earth names each point of view by a two-letter code (ADM0_A3_FR…); brief by the ISO3
# code of the government whose maps it follows.
GOVERNMENTS = {
    "US": "USA", "FR": "FRA", "RU": "RUS", "ES": "ESP", "CN": "CHN", "TW": "TWN", "IN": "IND",
    "NP": "NPL", "PK": "PAK", "DE": "DEU", "GB": "GBR", "BR": "BRA", "IL": "ISR", "PS": "PSE",
    "SA": "SAU", "EG": "EGY", "MA": "MAR", "PT": "PRT", "AR": "ARG", "JP": "JPN", "KO": "KOR",
    "VN": "VNM", "TR": "TUR", "ID": "IDN", "PL": "POL", "GR": "GRC", "IT": "ITA", "NL": "NLD",
    "SE": "SWE", "BD": "BGD", "UA": "UKR",
}


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    far, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], 1):
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > far:
            far, index = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def ring(coordinates):
    # A closed ring simplified as two halves, so that its first point stays.
    half = len(coordinates) // 2
    points = simplify(coordinates[: half + 1], 0.05)[:-1] + simplify(coordinates[half:], 0.05)
    out, last = [], None
    for lon, lat in points:
        p = (round(lon, 1), round(lat, 1))
        if p != last:
            out.append(p)
            last = p
    return out if len(set(out)) >= 3 else None


def main(path):
    data = json.load(open(path, encoding="utf-8"))
    print("# Breakaway and disputed areas: Natural Earth 5.1, 1:50m (public domain), made by disputed.py.")
    print("# id\tname\tadministered by\tpoints of view\trings")
    for feature in data["features"]:
        p = feature["properties"]
        povs = " ".join(
            f"{GOVERNMENTS[key[len('ADM0_A3_'):]]}:{value}"
            for key, value in p.items()
            if key[len("ADM0_A3_"):] in GOVERNMENTS and isinstance(value, str) and value != "-99"
        )
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = [r for r in (ring(polygon[0]) for polygon in polygons) if r]
        if not rings:
            continue
        text = ";".join(" ".join(f"{lon},{lat}" for lon, lat in r) for r in rings)
        print(f"{p['BRK_A3']}\t{p['BRK_NAME']}\t{p['ADM0_A3']}\t{povs}\t{text}")


if __name__ == "__main__":
    main(sys.argv[1])
