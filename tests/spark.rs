//! The map step on Apache Spark (`contrib/spark/brief_extract.py`), run locally with two
//! workers on a slice of the OrangeSum corpus: the reduce on its part files gives the briefing
//! `generate` gives from the slice itself. Needs Java and PySpark (`.ci/run` installs them);
//! skipped with a line saying so where they are missing.

mod common;
use common::*;
use std::io::{BufRead, Write};
use std::process::Command;

/// Articles in the slice, and files they are spread over.
const ARTICLES: usize = 3000;
const FILES: usize = 6;

fn has(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_spark_job_gives_the_briefing_of_the_corpus() {
    let test = "the_spark_job_gives_the_briefing_of_the_corpus";
    if !has("java", &["-version"]) || !has("python3", &["-c", "import pyspark"]) {
        skip(
            test,
            "Java and PySpark (apt-get install default-jre-headless; pip install pyspark)",
        );
        return;
    }
    let Some(orangesum) = shared(test, "corpora/orangesum/articles.jsonl.gz") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(
        std::fs::File::open(&orangesum).unwrap(),
    ));
    let mut files: Vec<std::fs::File> = (0..FILES)
        .map(|i| std::fs::File::create(corpus.join(format!("part-{i}.jsonl"))).unwrap())
        .collect();
    for (n, line) in reader.lines().take(ARTICLES).enumerate() {
        writeln!(files[n * FILES / ARTICLES], "{}", line.unwrap()).unwrap();
    }
    drop(files);
    let parts = dir.path().join("parts");
    let job = Command::new("python3")
        .arg(root().join("contrib/spark/brief_extract.py"))
        .args(["--master", "local[2]", "--partitions", "3", "--brief"])
        .arg(env!("CARGO_BIN_EXE_brief"))
        .arg(&corpus)
        .arg(&parts)
        .output()
        .unwrap();
    assert!(
        job.status.success(),
        "{}",
        String::from_utf8_lossy(&job.stderr)
    );
    let mut part_files: Vec<String> = std::fs::read_dir(&parts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    part_files.sort();
    assert!(part_files.len() >= 2, "{part_files:?}");
    let date = "2020-10-01";
    let mut records = vec!["--extracts"];
    records.extend(part_files.iter().map(String::as_str));
    let corpus = ["--corpus", corpus.to_str().unwrap()];
    corpus_and_records_agree(&corpus, &records, &["--date", date], date, dir.path());
    let briefing = json(&dir.path().join(format!("from-corpus/briefing-{date}.json")));
    assert!(
        briefing["corpus"]["articles"].as_u64().unwrap() > 1000,
        "{}",
        briefing["corpus"]
    );
}
