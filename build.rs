//! Build script: a fingerprint of the sources, so that an extraction cached in the state by
//! another build of `brief` is never reused (see `extract::VERSION`); and the index of the city
//! names, ready to search, so that no run spends time making it (see `gazetteer::city_names`).

#[path = "src/gazetteer/city_names.rs"]
#[allow(dead_code)]
mod city_names;
#[path = "src/folding.rs"]
mod folding;

use std::path::{Path, PathBuf};

fn main() {
    city_index();
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        feed(file.to_string_lossy().as_bytes());
        feed(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rustc-env=BRIEF_SOURCE_FINGERPRINT={hash:016x}");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Writes `OUT_DIR/city_names.tsv` and `OUT_DIR/city_records.bin`, the index of
/// `src/data/cities.tsv`'s names and its rows' records, for the countries of
/// `src/data/countries.tsv`.
fn city_index() {
    let read = |path: &str| {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    };
    let countries = read("src/data/countries.tsv");
    // A country's index is its line's rank among the data lines, as the gazetteer reads them.
    let known: std::collections::HashMap<&str, usize> = countries
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .enumerate()
        .map(|(i, iso3)| (iso3, i))
        .collect();
    let country = |iso3: &str| known.get(iso3).copied();
    let cities = read("src/data/cities.tsv");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out.join(name), bytes).unwrap_or_else(|e| panic!("cannot write {name}: {e}"))
    };
    write(
        "city_names.tsv",
        city_names::build(&cities, &country).as_bytes(),
    );
    write("city_records.bin", &city_names::records(&cities, &country));
}
