//! A time-bounded fuzz driver that runs on stable Rust (`cargo fuzz` needs a nightly toolchain).
//!
//!     cargo run --release --example fuzz -- TARGET [--seconds 600] [--seed 1] [--max-len 262144]
//!     cargo run --release --example fuzz -- all --seconds 60
//!
//! It starts from the project's own articles and fixtures, mutates them (bit flips, tokens of the
//! format — French dates, quotes, HTML tags, JSON and front-matter punctuation, Typst syntax —,
//! repeated chunks that make very long inputs, splices) and keeps every input that makes the
//! target behave in a new way (a new signature), so the search goes on from there. Each input
//! runs under `catch_unwind`: a panic is a crash. A watchdog stops the run when one input takes
//! longer than `--hang-seconds` (a hang). Crashing and hanging inputs are saved under
//! `target/fuzz/TARGET/`; copied into `tests/fixtures/fuzz/TARGET/`, they become regression
//! tests (`tests/fuzz_regressions.rs`). The exit code is 0 when nothing was found.

#[path = "targets.rs"]
mod targets;

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Options {
    target: String,
    seconds: u64,
    seed: u64,
    max_len: usize,
    hang_seconds: u64,
}

fn main() {
    let options = parse_args();
    let targets: Vec<&str> = if options.target == "all" {
        targets::TARGETS.to_vec()
    } else {
        vec![options.target.as_str()]
    };
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        *LAST_PANIC.lock().unwrap() = format!("{place}: {message}");
    }));
    let mut found = 0;
    for target in targets {
        found += fuzz(target, &options);
    }
    std::process::exit(i32::from(found > 0));
}

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

fn parse_args() -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: fuzz TARGET|all [--seconds N] [--seed N] [--max-len BYTES] [--hang-seconds N]";
    let target = args.first().cloned().unwrap_or_else(|| {
        eprintln!("{usage}\ntargets: {}", targets::TARGETS.join(", "));
        std::process::exit(2)
    });
    if target != "all" && !targets::TARGETS.contains(&target.as_str()) {
        eprintln!(
            "unknown target {target}; targets: {}",
            targets::TARGETS.join(", ")
        );
        std::process::exit(2);
    }
    let mut options = Options {
        target,
        seconds: 600,
        seed: 1,
        max_len: 256 * 1024,
        hang_seconds: 10,
    };
    let mut rest = args[1..].iter();
    while let Some(flag) = rest.next() {
        let value: u64 = rest.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
            eprintln!("{flag} needs a number\n{usage}");
            std::process::exit(2)
        });
        match flag.as_str() {
            "--seconds" => options.seconds = value,
            "--seed" => options.seed = value,
            "--max-len" => options.max_len = value as usize,
            "--hang-seconds" => options.hang_seconds = value,
            _ => {
                eprintln!("unknown flag {flag}\n{usage}");
                std::process::exit(2);
            }
        }
    }
    options
}

/// splitmix64: small, fast and reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fuzzes one target for the time given; returns how many crashes and hangs it found.
fn fuzz(target: &str, options: &Options) -> usize {
    let out = root().join("target/fuzz").join(target);
    std::fs::create_dir_all(&out).expect("target/fuzz is writable");
    let mut pool = seeds(target);
    let dictionary = dictionary(target);
    let characters: Vec<Vec<u8>> = entries("characters")
        .into_iter()
        .map(String::into_bytes)
        .collect();
    let mut rng = Rng(options.seed ^ fnv(target.as_bytes()));
    let mut signatures = HashSet::new();
    let watch = Watchdog::start(target, &out, options.hang_seconds);
    let started = Instant::now();
    let deadline = Duration::from_secs(options.seconds);
    let (mut runs, mut crashes, mut slowest) = (0u64, Vec::<String>::new(), Duration::ZERO);
    while started.elapsed() < deadline {
        let mut input = pool[rng.below(pool.len())].clone();
        for _ in 0..=rng.below(6) {
            mutate(
                &mut input,
                &pool,
                &dictionary,
                &characters,
                &mut rng,
                options.max_len,
            );
        }
        watch.begin(&input);
        let began = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| targets::run(target, &input)));
        if began.elapsed() > slowest {
            // The slowest input so far, kept to look at what is slow.
            slowest = began.elapsed();
            let _ = std::fs::write(out.join("slowest.bin"), &input);
        }
        watch.end();
        runs += 1;
        match outcome {
            Ok(signature) => {
                if signatures.insert(signature) {
                    if pool.len() < 4096 {
                        pool.push(input);
                    } else {
                        let at = rng.below(pool.len());
                        pool[at] = input;
                    }
                }
            }
            Err(_) => {
                let why = LAST_PANIC.lock().unwrap().clone();
                let file = out.join(format!("crash-{:016x}.bin", fnv(&input)));
                std::fs::write(&file, &input).expect("target/fuzz is writable");
                if !crashes.contains(&why) {
                    eprintln!("{target}: crash ({why}); input saved to {}", file.display());
                    crashes.push(why);
                }
            }
        }
    }
    println!(
        "{target}: {runs} runs in {:.0} s, {} distinct behaviours kept, slowest input {:.3} s, {} crash(es), 0 hangs",
        started.elapsed().as_secs_f64(),
        signatures.len(),
        slowest.as_secs_f64(),
        crashes.len()
    );
    crashes.len()
}

/// Stops the process if one input runs longer than the hang limit, saving the input first.
struct Watchdog {
    began_ms: Arc<AtomicU64>,
    input: Arc<Mutex<Vec<u8>>>,
    epoch: Instant,
}

impl Watchdog {
    fn start(target: &str, out: &Path, hang_seconds: u64) -> Watchdog {
        let began_ms = Arc::new(AtomicU64::new(0));
        let input = Arc::new(Mutex::new(Vec::new()));
        let epoch = Instant::now();
        let (b, i, out, target) = (
            began_ms.clone(),
            input.clone(),
            out.to_path_buf(),
            target.to_string(),
        );
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(100));
            let began = b.load(Ordering::SeqCst);
            let now = epoch.elapsed().as_millis() as u64;
            if began > 0 && now.saturating_sub(began) > hang_seconds * 1000 {
                let bytes = i.lock().unwrap().clone();
                let file = out.join(format!("hang-{:016x}.bin", fnv(&bytes)));
                let _ = std::fs::write(&file, &bytes);
                eprintln!(
                    "{target}: hang: one input ran over {hang_seconds} s; saved to {}",
                    file.display()
                );
                std::process::exit(1);
            }
        });
        Watchdog {
            began_ms,
            input,
            epoch,
        }
    }

    fn begin(&self, input: &[u8]) {
        *self.input.lock().unwrap() = input.to_vec();
        let now = self.epoch.elapsed().as_millis() as u64;
        self.began_ms.store(now.max(1), Ordering::SeqCst);
    }

    fn end(&self) {
        self.began_ms.store(0, Ordering::SeqCst);
    }
}

/// A hash of the input, to name saved files.
fn fnv(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0, |h, &b| brief::hashing::mix(h ^ u64::from(b)))
}

/// The fuzz dictionary (`tests/fuzz/dictionary.toml`): characters, common tokens, and tokens of
/// each target's format.
const DICTIONARY: &str = include_str!("dictionary.toml");

fn entries(key: &str) -> Vec<String> {
    let table: toml::Table = DICTIONARY.parse().expect("dictionary.toml is valid TOML");
    table
        .get(key)
        .and_then(|v| v.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn dictionary(target: &str) -> Vec<Vec<u8>> {
    ["common", target, "characters"]
        .iter()
        .flat_map(|key| entries(key))
        .map(String::into_bytes)
        .collect()
}

/// The starting inputs: the seed articles, the format fixtures and golden sentences, plus any
/// regression inputs saved for this target.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let mut pool = Vec::new();
    let mut add_dir = |dir: PathBuf| {
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                if let Ok(bytes) = std::fs::read(&path) {
                    pool.push(bytes);
                }
            }
        }
    };
    add_dir(root().join("seeds"));
    add_dir(root().join("tests/fixtures/formats"));
    add_dir(root().join("tests/fixtures/fuzz").join(target));
    if let Ok(news) = std::fs::read_to_string(root().join("tests/fixtures/sentences/fr-news.txt")) {
        pool.extend(news.split("===").map(|case| case.as_bytes().to_vec()));
    }
    pool.push(b"{\"title\": \"Un\", \"text\": \"Le Mali a sign\xc3\xa9 le 12 juin.\", \"date\": \"2025-06-13\"}\n[{\"text\": \"Deux.\"}]".to_vec());
    pool.push(
        b"---\ntitle: Sommet\ndate: 2025-06-12\n---\n# Titre\n\nLe Niger et le Mali.".to_vec(),
    );
    pool.push(b"+++\ntitle = \"Sommet\"\npublished = 2025-06-12\n+++\nTexte.".to_vec());
    pool.push(b"<html lang=\"fr\"><head><title>T</title></head><body><article><h1>T</h1><p>Le Mali a sign\xc3\xa9.</p></article></body></html>".to_vec());
    let dictionary = dictionary(target);
    pool.push(dictionary.concat());
    pool
}

fn mutate(
    input: &mut Vec<u8>,
    pool: &[Vec<u8>],
    dictionary: &[Vec<u8>],
    characters: &[Vec<u8>],
    rng: &mut Rng,
    max_len: usize,
) {
    let at = |rng: &mut Rng, input: &Vec<u8>| rng.below(input.len() + 1);
    match rng.below(9) {
        0 if !input.is_empty() => {
            let i = rng.below(input.len());
            input[i] ^= 1 << rng.below(8);
        }
        1 if !input.is_empty() => {
            let i = rng.below(input.len());
            input[i] = [0u8, 0xff, b'\n', b' ', b'.', b'"', b'<', b'{', 0xc3, 0x80][rng.below(10)];
        }
        2 | 3 => {
            let token = &dictionary[rng.below(dictionary.len())];
            let i = at(rng, input);
            input.splice(i..i, token.iter().copied());
        }
        4 if !input.is_empty() => {
            let i = rng.below(input.len());
            let len = (rng.below(32) + 1).min(input.len() - i);
            input.drain(i..i + len);
        }
        5 if !input.is_empty() => {
            // A chunk repeated: very long lines, deep nesting, long runs without a full stop.
            let i = rng.below(input.len());
            let len = (rng.below(64) + 1).min(input.len() - i);
            let chunk = input[i..i + len].to_vec();
            let times = [2, 10, 100, 1000, 10_000][rng.below(5)];
            let mut repeated = Vec::with_capacity(chunk.len() * times);
            for _ in 0..times {
                repeated.extend_from_slice(&chunk);
            }
            input.splice(i..i, repeated);
        }
        6 => {
            let other = &pool[rng.below(pool.len())];
            let cut = rng.below(other.len() + 1);
            let i = at(rng, input);
            input.truncate(i);
            input.extend_from_slice(&other[cut..]);
        }
        7 => {
            let c = &characters[rng.below(characters.len())];
            let i = at(rng, input);
            input.splice(i..i, c.iter().copied());
        }
        _ => {
            let i = at(rng, input);
            input.truncate(i);
        }
    }
    // Now and then a large input, to find what is slow; otherwise small ones, to run many.
    let limit = if rng.below(200) == 0 {
        max_len * 8
    } else {
        max_len
    };
    input.truncate(limit);
}
