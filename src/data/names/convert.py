#!/usr/bin/env python3
"""Builds first_names.tsv, the gazetteer of given names, from the person providers of the Faker
package (MIT licence), once:

    pip download --no-deps faker==40.63.0 -d /tmp/faker && unzip -q /tmp/faker/*.whl -d /tmp/faker
    python3 src/data/names/convert.py /tmp/faker src/data/names/first_names.tsv

and reads extra.tsv beside it (our own list).

Every locale's given names written in the Latin alphabet are kept, and the Russian, Ukrainian,
Belarusian and Bulgarian ones are transliterated as the French press writes them (Сергей →
Sergueï, Дмитрий → Dmitri, Михаил → Mikhaïl). Names in other scripts (Arabic, Persian, Greek,
Hebrew, Asian scripts) are left out: their Latin spellings are too many to guess, and the
Latin-script locales (fr_DZ, en_PK, ha_NG, en_KE, tr_TR, az_AZ…) already carry the usual ones.
Each line: the name, a tab, its gender as the locales give it (m, f, or x when both or unknown).
"""
import importlib
import os
import sys
import unicodedata

CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z",
    "и": "i", "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch",
    "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia", "є": "ie",
    "і": "i", "ї": "ï", "ґ": "g",
}
VOWELS = set("аеёиоуыэюяєії")


def french_transliteration(name):
    """Сергей → Sergueï: French press conventions for Russian and Ukrainian given names."""
    low = name.lower()
    # A final -ий or -ый is written -i ("Дмитрий" → "Dmitri", "Юрий" → "Iouri").
    for ending in ("ий", "ый"):
        if low.endswith(ending) and len(low) > 3:
            low = low[: -len(ending)] + "\0"
    out = []
    for i, c in enumerate(low):
        if c == "\0":
            out.append("i")
            continue
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if c == "г" and nxt in ("е", "и", "э", "ё"):
            out.append("gu")
        elif c == "с" and prev in VOWELS and nxt in VOWELS:
            out.append("ss")
        elif c == "к" and nxt == "с":
            out.append("x")
        elif c == "с" and prev == "к":
            continue
        elif c == "и" and nxt == "я" and i + 2 == len(low):
            # "Мария" → "Maria", "Юлия" → "Ioulia".
            continue
        elif c == "и" and prev in VOWELS:
            out.append("ï")
        else:
            out.append(CYRILLIC.get(c, c))
    text = "".join(out)
    return text[:1].upper() + text[1:]


def latin(name):
    return all("LATIN" in unicodedata.name(c, "") or c in "-'’ " for c in name)


def names_of(provider, attr):
    value = provider.__dict__.get(attr)
    if value is None:
        for base in provider.__mro__[1:]:
            value = base.__dict__.get(attr)
            if value is not None:
                break
    if isinstance(value, dict):
        return list(value.keys())
    if isinstance(value, (list, tuple)):
        return list(value)
    return []


def gender_of(counts):
    """m or f when the locales that give a gender agree (or three to one, a French locale
    counting five), else x."""
    m, f = counts["m"], counts["f"]
    if m >= 3 * max(f, 1) or (m and not f):
        return "m"
    if f >= 3 * max(m, 1) or (f and not m):
        return "f"
    return "x"


def main(faker_dir, out_path):
    sys.path.insert(0, faker_dir)
    root = os.path.join(faker_dir, "faker/providers/person")
    votes = {}
    for locale in sorted(os.listdir(root)):
        if locale.startswith("__"):
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        cyrillic = locale.split("_")[0] in ("ru", "uk", "be", "bg")
        for attr, gender in (("first_names_male", "m"), ("first_names_female", "f"), ("first_names", "x")):
            for name in names_of(provider, attr):
                name = unicodedata.normalize("NFC", str(name).strip())
                if cyrillic and not latin(name):
                    name = french_transliteration(name)
                if not name or not latin(name) or " " in name or len(name) < 2:
                    continue
                if not name[0].isupper():
                    continue
                counts = votes.setdefault(name, {"m": 0, "f": 0, "x": 0})
                # The French locales say how the French press reads a name ("Jean" is a man's).
                counts[gender] += 5 if locale.startswith("fr") else 1
    genders = {name: gender_of(counts) for name, counts in votes.items()}
    # Our own list of the press's spellings the locales lack; it decides their gender.
    extra = os.path.join(os.path.dirname(os.path.abspath(__file__)), "extra.tsv")
    for line in open(extra, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            name, gender = line.rstrip("\n").split("\t")
            genders[unicodedata.normalize("NFC", name)] = gender
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# Given names and their gender (m, f, x: both or unknown), from the person providers of\n")
        out.write("# Faker 40.63.0 (MIT licence, see LICENSE-faker.txt); built by convert.py in this folder.\n")
        for name in sorted(genders):
            out.write(f"{name}\t{genders[name]}\n")
    print(len(genders), "names")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
