//! The cities table made ready to use: the rows kept (those of a known country) as fixed-size
//! binary records, and the index of their names, one line per name, `key\tcity\n`, sorted by
//! key, where `city` is the row's number. `build.rs` makes both from `data/cities.tsv` at compile
//! time, so a run reads records and searches names in place, by bisection, and pays nothing to
//! load them; tests make theirs from small tables with the same code. Without dependencies on
//! the rest of `brief` but `folding`.

use crate::folding::fold;

/// The longest place names looked for, in words.
pub const MAX_WORDS: usize = 3;

/// The comparison key of a name: folded, "ou" read as "u", words joined by single spaces.
pub fn key(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| fold(w).replace("ou", "u"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a name as written: split on spaces, hyphens and apostrophes.
pub fn words(name: &str) -> Vec<&str> {
    name.split([' ', '-', '\'', '’'])
        .filter(|w| !w.is_empty())
        .collect()
}

/// The index of a cities table (see `data/cities.tsv`): every name and other name of one to
/// `MAX_WORDS` words; a name shared by several places goes to the first row (the most
/// populous). Rows whose country (ISO3) `country` does not know are left out and take no number.
pub fn build(tsv: &str, country: &dyn Fn(&str) -> Option<usize>) -> String {
    let mut entries: Vec<(String, usize)> = Vec::new();
    let kept =
        rows(tsv).filter_map(|[name, iso3, _, _, _, others]| country(iso3).map(|_| (name, others)));
    for (city, (name, others)) in kept.enumerate() {
        let names = std::iter::once(name).chain(others.split(';').filter(|o| *o != "-"));
        for written in names {
            let words = words(written);
            if (1..=MAX_WORDS).contains(&words.len()) {
                entries.push((key(&words), city));
            }
        }
    }
    entries.sort();
    entries.dedup_by(|later, first| later.0 == first.0);
    let mut index = String::with_capacity(entries.len() * 16);
    for (key, city) in entries {
        index.push_str(&key);
        index.push('\t');
        index.push_str(&city.to_string());
        index.push('\n');
    }
    index
}

/// The rows of a cities table: name, country (ISO3), population, latitude, longitude, other
/// names. Comments, blank lines and lines of another shape are passed over.
pub fn rows(tsv: &str) -> impl Iterator<Item = [&str; 6]> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let row = [(); 6].map(|_| cols.next());
            match (row, cols.next()) {
                ([Some(a), Some(b), Some(c), Some(d), Some(e), Some(f)], None) => {
                    Some([a, b, c, d, e, f])
                }
                _ => None,
            }
        })
}

/// A city or town.
#[derive(Debug, Clone, PartialEq)]
pub struct City<'a> {
    pub name: &'a str,
    /// Index into the gazetteer's countries.
    pub country: usize,
    pub population: u64,
    pub latitude: f32,
    pub longitude: f32,
}

/// Bytes of one record: the name's start and length in the table's text, the country's index,
/// the population, the latitude and the longitude, each four bytes, little-endian.
const RECORD: usize = 24;

/// The records of the rows `tsv` keeps, `country` giving a country's index from its ISO3.
pub fn records(tsv: &str, country: &dyn Fn(&str) -> Option<usize>) -> Vec<u8> {
    let mut out = Vec::new();
    for [name, iso3, population, latitude, longitude, _] in rows(tsv) {
        let Some(country) = country(iso3) else {
            continue;
        };
        let start = name.as_ptr() as usize - tsv.as_ptr() as usize;
        let whole = |n: usize| u32::try_from(n).expect("a cities table under 4 GB");
        out.extend(whole(start).to_le_bytes());
        out.extend(whole(name.len()).to_le_bytes());
        out.extend(whole(country).to_le_bytes());
        out.extend(population.parse::<u32>().unwrap_or(0).to_le_bytes());
        out.extend(latitude.parse::<f32>().unwrap_or(0.0).to_le_bytes());
        out.extend(longitude.parse::<f32>().unwrap_or(0.0).to_le_bytes());
    }
    out
}

/// How many cities `records` holds.
pub fn count(records: &[u8]) -> usize {
    records.len() / RECORD
}

/// City `i` of `records`, its name read from `tsv`, the table they were made from.
pub fn city<'a>(tsv: &'a str, records: &[u8], i: usize) -> City<'a> {
    let record = &records[i * RECORD..(i + 1) * RECORD];
    let field = |k: usize| -> [u8; 4] { record[k * 4..k * 4 + 4].try_into().expect("4 bytes") };
    let number = |k: usize| u32::from_le_bytes(field(k)) as usize;
    let (start, length) = (number(0), number(1));
    City {
        name: tsv.get(start..start + length).unwrap_or_default(),
        country: number(2),
        population: u64::from(u32::from_le_bytes(field(3))),
        latitude: f32::from_le_bytes(field(4)),
        longitude: f32::from_le_bytes(field(5)),
    }
}

/// The city a key names.
pub fn lookup(index: &str, key: &str) -> Option<usize> {
    let (found, city) = entry_at(index, lower_bound(index, key))?;
    (found == key).then(|| city.parse().ok()).flatten()
}

/// Whether some name's key starts with the word `first`.
pub fn has_first_word(index: &str, first: &str) -> bool {
    entry_at(index, lower_bound(index, first)).is_some_and(|(found, _)| {
        found == first
            || found
                .strip_prefix(first)
                .is_some_and(|r| r.starts_with(' '))
    })
}

/// The key and city of the line starting at byte `at`, if any.
fn entry_at(index: &str, at: usize) -> Option<(&str, &str)> {
    let line = index.get(at..)?.lines().next()?;
    line.split_once('\t')
}

/// The byte where the first line whose key is not below `target` starts (the index's length
/// when there is none).
fn lower_bound(index: &str, target: &str) -> usize {
    let bytes = index.as_bytes();
    let (mut low, mut high) = (0, bytes.len());
    // Both ends are line starts: lines before `low` are below the target, from `high` on not.
    while low < high {
        let middle = low + (high - low) / 2;
        let start = bytes[low..middle]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(low, |p| low + p + 1);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| start + p);
        let key = index[start..end].split('\t').next().unwrap_or_default();
        if key < target {
            low = (end + 1).min(bytes.len());
        } else {
            high = start;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "# name\tcountry\tpopulation\tlatitude\tlongitude\tothers\nSaint-Louis\tSEN\t300000\t16\t-16.5\tNdar\nLouga\tSEN\t100000\t15.6\t-16.2\t-\nSaint-Louis\tUSA\t300000\t38.6\t-90.2\t-\nBad row\tSEN\n";

    #[test]
    fn names_are_found_by_key_the_first_row_keeping_a_shared_name() {
        let index = build(TABLE, &|iso3| (iso3 != "XXX").then_some(0));
        let find = |name: &str| lookup(&index, &key(&words(name)));
        assert_eq!(find("Saint-Louis"), Some(0), "the first row keeps the name");
        assert_eq!(find("saint louis"), Some(0));
        assert_eq!(find("Ndar"), Some(0));
        assert_eq!(find("Luga"), Some(1), "\"ou\" is read as \"u\"");
        assert_eq!(find("Saint"), None);
        assert_eq!(find("Zinder"), None);
        assert!(has_first_word(&index, "saint"));
        assert!(has_first_word(&index, "luga"));
        assert!(!has_first_word(&index, "sain"));
        assert!(!has_first_word(&index, "zzz"));
        assert!(!has_first_word(&index, ""), "no empty key");
        let without_senegal = build(TABLE, &|iso3| (iso3 != "SEN").then_some(0));
        assert_eq!(
            lookup(&without_senegal, &key(&words("Saint-Louis"))),
            Some(0),
            "rows of unknown countries take no number"
        );
    }

    #[test]
    fn records_give_each_kept_row_back() {
        let country = |iso3: &str| ["SEN", "USA"].iter().position(|c| *c == iso3);
        let records = records(TABLE, &country);
        assert_eq!(
            count(&records),
            3,
            "the row of another shape is passed over"
        );
        let louga = city(TABLE, &records, 1);
        assert_eq!(
            louga,
            City {
                name: "Louga",
                country: 0,
                population: 100_000,
                latitude: 15.6,
                longitude: -16.2
            }
        );
        assert_eq!(city(TABLE, &records, 2).country, 1);
    }

    #[test]
    fn every_key_of_the_shipped_index_is_found_again() {
        let index = include_str!(concat!(env!("OUT_DIR"), "/city_names.tsv"));
        let mut count = 0;
        for line in index.lines() {
            let (key, city) = line.split_once('\t').unwrap();
            assert_eq!(lookup(index, key), city.parse().ok(), "{key}");
            assert!(has_first_word(index, key.split(' ').next().unwrap()));
            count += 1;
        }
        assert!(count > 60_000, "{count} names");
    }
}
