//! The briefing's quality on the evaluation stories of `../shared/eval/dev/` (real news stories
//! with a hand-made gold), scored by their own scorer through `scripts/eval`. The scorer is
//! deterministic, so this is a regression guard, not a timing: no story may fall below the
//! floor the summariser has reached. Skips (or fails under BRIEF_TESTS_STRICT=1) without
//! `../shared` or Python.

mod common;

use common::*;

/// The lowest score a story may have: the 0.80 the summariser must hold; it rises with
/// the summariser (it was 0.56 before the summariser's rebuild began).
const FLOOR: f64 = 0.80;

#[test]
fn every_evaluation_story_stays_above_the_floor() {
    let Some(stories) = shared("every_evaluation_story_stays_above_the_floor", "eval/dev") else {
        return;
    };
    let run = std::process::Command::new("python3")
        .arg(root().join("scripts/eval"))
        .args(["--binary", env!("CARGO_BIN_EXE_brief")])
        .arg(&stories)
        .output();
    let output = match run {
        Ok(output) => output,
        Err(e) => {
            skip(
                "every_evaluation_story_stays_above_the_floor",
                &format!("python3 ({e})"),
            );
            return;
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}{}", stderr(&output));
    let scores: Vec<(String, f64)> = text
        .lines()
        .filter_map(|line| {
            let (story, rest) = line.split_once(": score ")?;
            let score = rest.split_whitespace().next()?.parse().ok()?;
            Some((story.to_string(), score))
        })
        .collect();
    assert!(scores.len() >= 2, "every story scored: {text}");
    for (story, score) in scores {
        println!("{story}: {score}");
        assert!(
            score >= FLOOR,
            "{story} scored {score}, below {FLOOR}:\n{text}"
        );
    }
}
