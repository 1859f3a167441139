//! Benchmark of the reader: reading, decoding, cleaning, merging duplicates, segmenting and
//! dating a corpus (by default the whole OrangeSum corpus), then the same on its first tenth to
//! show the cost is linear. Run with:
//!
//!     cargo bench --bench read [-- PATH]
//!
//! It prints wall time per stage and the peak resident memory (VmHWM). Not a test: it asserts
//! nothing, it measures. It then times hostile inputs that were once quadratic: 1, 2 and 8 MB
//! without a full stop (read and fully extracted), and HTML nested 10,000 and 100,000 deep.

#[path = "../common/hostile.rs"]
mod hostile;

use brief::corpus::{self, ReadOptions};
use brief::extract::{extract, segment_and_date};
use brief::gazetteer::Gazetteer;
use rayon::prelude::*;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpora/orangesum/articles.jsonl.gz")
        });
    let tenth = tenth_of(&path);
    for (label, p) in [
        ("whole corpus", path.as_path()),
        ("first tenth", tenth.path()),
    ] {
        run(label, p);
    }
    println!("peak resident memory: {} MB", peak_mb());
    hostile();
}

/// Reading and extracting inputs built to be slow: the time should grow with the size, no faster.
fn hostile() {
    let dir = tempfile::tempdir().expect("temp dir");
    for megabytes in [1, 2, 8] {
        let path = dir.path().join(format!("nostop-{megabytes}.txt"));
        std::fs::write(&path, hostile::without_a_full_stop(megabytes * 1_000_000)).expect("write");
        time_file(&format!("{megabytes} MB without a full stop"), &path);
    }
    // Words glued by full stops: each stop once looked back over the whole run.
    for megabytes in [1, 4] {
        let run = "Nous s.pr.ets.ab.cd".repeat(megabytes * 1_000_000 / 19);
        let path = dir.path().join(format!("dotted-{megabytes}.txt"));
        std::fs::write(&path, format!("Titre\n\n{run}\n")).expect("write");
        time_file(
            &format!("{megabytes} MB of words glued by full stops"),
            &path,
        );
    }
    for depth in [10_000, 100_000] {
        let path = dir.path().join(format!("deep-{depth}.html"));
        std::fs::write(&path, hostile::nested(depth)).expect("write");
        time_file(&format!("HTML nested {depth} deep"), &path);
    }
}

fn time_file(label: &str, path: &Path) {
    let start = Instant::now();
    let corpus = corpus::load(&[path.to_path_buf()], ReadOptions::default()).expect("reads");
    let read = start.elapsed();
    let extractions = extract(&corpus.articles, Gazetteer::shipped());
    let sentences: usize = extractions.iter().map(|x| x.sentences.len()).sum();
    println!(
        "{label}: read {:.3} s, extracted {:.3} s ({sentences} sentences)",
        read.as_secs_f64(),
        (start.elapsed() - read).as_secs_f64()
    );
}

fn run(label: &str, path: &Path) {
    let gazetteer = Gazetteer::shipped();
    let start = Instant::now();
    let corpus = corpus::load(&[path.to_path_buf()], ReadOptions::default()).expect("corpus reads");
    let read = start.elapsed();
    // The reader's scope: segmenting and dating.
    let layouts: Vec<_> = corpus.articles.par_iter().map(segment_and_date).collect();
    let reader = start.elapsed();
    // The whole extraction, which also finds countries, organisations, people, quotes, meetings.
    let extractions = extract(&corpus.articles, gazetteer);
    let extracted = start.elapsed() - reader;
    let sentences: usize = layouts.iter().map(|l| l.sentences.len()).sum();
    let dates: usize = layouts.iter().map(|l| l.dates.len()).sum();
    let people: usize = extractions.iter().map(|x| x.entities.people.len()).sum();
    println!(
        "{label}: {} articles read, {} after merging duplicates, {sentences} sentences, {dates} dates; read+decode+clean+dedup {:.2} s, segment+date {:.2} s, reader total {:.2} s; full extraction (+countries, people, quotes, meetings: {people} people mentions) {:.2} s",
        corpus.articles_read,
        corpus.articles.len(),
        read.as_secs_f64(),
        (reader - read).as_secs_f64(),
        reader.as_secs_f64(),
        extracted.as_secs_f64()
    );
}

/// The first tenth of a JSON Lines corpus (gzip or not), as a temporary .jsonl file.
fn tenth_of(path: &Path) -> tempfile::NamedTempFile {
    let file = std::fs::File::open(path).expect("corpus file");
    let reader: Box<dyn std::io::Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let lines: Vec<String> = std::io::BufReader::new(reader)
        .lines()
        .map(|l| l.expect("line"))
        .collect();
    let mut out = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .expect("temp file");
    for line in &lines[..lines.len() / 10] {
        writeln!(out, "{line}").expect("write");
    }
    out
}

fn peak_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
