//! The briefing's quality on the evaluation stories of `../shared/eval/dev/` (real news stories
//! with a hand-made gold), scored by their own scorer through `scripts/eval`. The scorer is
//! deterministic, so this is a regression guard, not a timing: no story may fall below the
//! floor the summariser has reached. Skips (or fails under BRIEF_TESTS_STRICT=1) without
//! `../shared` or Python.

mod common;

use common::*;

/// The lowest score each story may have: the score it had when the floor was last raised, less
/// 0.02 (the noise a fair change may cost one story). Raise a story's floor when it improves; a
/// story missing here, or one the folder no longer holds, fails the test.
const FLOORS: &[(&str, f64)] = &[
    ("iran-2020", 0.81),
    ("liban-2020", 0.73),
    ("libye-2020", 0.83),
    ("navalny-2020", 0.79),
    ("turquie-mediterranee-2020", 0.84),
];

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
    let scored: Vec<&str> = scores.iter().map(|(story, _)| story.as_str()).collect();
    let floored: Vec<&str> = FLOORS.iter().map(|(story, _)| *story).collect();
    assert_eq!(scored, floored, "one floor per story scored:\n{text}");
    for ((story, score), (_, floor)) in scores.iter().zip(FLOORS) {
        println!("{story}: {score}");
        assert!(
            score >= floor,
            "{story} scored {score}, below its floor {floor}:\n{text}"
        );
    }
}
