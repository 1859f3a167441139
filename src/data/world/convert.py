#!/usr/bin/env python3
"""Converts world-atlas's countries-110m.json (TopoJSON of Natural Earth's 1:110m admin-0
countries) into countries-110m.tsv: one country a line, ISO3 code, then its rings.

Usage: python3 convert.py path/to/world-atlas/countries-110m.json ../countries.tsv > countries-110m.tsv
(world-atlas 2.0.2 from the npm registry: `npm pack world-atlas`.)

Each ring is "lon,lat lon,lat …" in degrees rounded to 0.1°, with repeated points dropped;
rings are separated by ";". A country's name in world-atlas is matched with the English name of
brief's gazetteer, or through the table below for the short forms Natural Earth uses.
"""
import json
import sys

ALIASES = {
    "Dem. Rep. Congo": "COD", "Central African Rep.": "CAF", "Côte d'Ivoire": "CIV", "S. Sudan": "SSD",
    "Eq. Guinea": "GNQ", "Bosnia and Herz.": "BIH", "Dominican Rep.": "DOM", "eSwatini": "SWZ",
    "Solomon Is.": "SLB", "Congo": "COG", "Czechia": "CZE", "United States of America": "USA",
    "Macedonia": "MKD", "North Macedonia": "MKD", "Timor-Leste": "TLS", "Myanmar": "MMR", "Palestine": "PSE",
    "Taiwan": "TWN", "Kosovo": "XKX", "Vietnam": "VNM", "Côte d’Ivoire": "CIV", "Cabo Verde": "CPV",
    "Guinea-Bissau": "GNB", "Brunei": "BRN", "Laos": "LAO", "Moldova": "MDA", "Russia": "RUS",
    "Syria": "SYR", "Iran": "IRN", "South Korea": "KOR", "North Korea": "PRK", "Tanzania": "TZA",
    "Bolivia": "BOL", "Venezuela": "VEN", "Turkey": "TUR", "Greece": "GRC", "Somaliland": "SOM",
    "N. Cyprus": "CYP", "W. Sahara": "MAR",
}


def main(topo_path, countries_tsv):
    names = {}
    for line in open(countries_tsv, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        names[cols[3]] = cols[0]
    topo = json.load(open(topo_path, encoding="utf-8"))
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indices):
        points = []
        for i in indices:
            arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            points.extend(arc if not points else arc[1:])
        out, last = [], None
        for lon, lat in points:
            p = (round(lon, 1), round(lat, 1))
            if p != last:
                out.append(p)
                last = p
        return out

    shapes = {}
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        iso3 = ALIASES.get(name) or names.get(name)
        if iso3 is None or g["type"] not in ("Polygon", "MultiPolygon"):
            print(f"left out: {name}", file=sys.stderr)
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        for polygon in polygons:
            outer = ring(polygon[0])
            if len(outer) >= 3:
                shapes.setdefault(iso3, []).append(outer)
    print("# Natural Earth 1:110m admin-0 countries (public domain), via world-atlas 2.0.2 (ISC).")
    print("# Made by convert.py in this folder. ISO3 code, then rings of lon,lat points (0.1°), ';' between rings.")
    for iso3 in sorted(shapes):
        rings = ";".join(" ".join(f"{lon:g},{lat:g}" for lon, lat in r) for r in shapes[iso3])
        print(f"{iso3}\t{rings}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
