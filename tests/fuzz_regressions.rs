//! Inputs the fuzz driver found (`tests/fixtures/fuzz/TARGET/`), replayed through the same
//! targets: each once crashed or hung a stage of `brief`, and must now pass its invariants.

#[path = "fuzz/targets.rs"]
mod targets;

#[test]
fn every_saved_fuzz_input_passes_its_target() {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for target in targets::TARGETS {
        let Ok(entries) = std::fs::read_dir(base.join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let input = std::fs::read(&path).unwrap();
            let started = std::time::Instant::now();
            targets::run(target, &input);
            assert!(
                started.elapsed().as_secs() < 30,
                "{} took {:?}",
                path.display(),
                started.elapsed()
            );
            replayed += 1;
        }
    }
    println!("{replayed} saved fuzz input(s) replayed");
    assert!(replayed >= 1, "the saved inputs are found");
}

#[test]
fn every_target_runs_on_ordinary_and_empty_input() {
    let article = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/scraped.txt"),
    )
    .unwrap();
    for target in targets::TARGETS {
        targets::run(target, &article);
        targets::run(target, b"");
    }
}
