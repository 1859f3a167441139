//! The book's "Commands and flags" page (`docs/src/reference/commands.md`) and `brief --help`
//! never disagree: the page has a section for each command clap knows, no more; each section's
//! table lists exactly the long flags that command's `--help` prints, and so does its synopsis
//! (the first code block, which leaves out `--help`); and the prose names no flag brief lacks.

mod common;

use common::*;
use std::collections::BTreeSet;

const COMMANDS_PAGE: &str = "docs/src/reference/commands.md";

/// The page as committed.
fn commands_page() -> String {
    std::fs::read_to_string(root().join(COMMANDS_PAGE)).expect("the commands page exists")
}

/// `brief COMMAND --help`, as text; `command` is the words after `brief` ("" for `brief`).
fn help(command: &str) -> String {
    let mut args: Vec<&str> = command.split_whitespace().collect();
    args.push("--help");
    let output = brief(&args);
    assert!(
        output.status.success(),
        "brief {command} --help failed: {}",
        stderr(&output)
    );
    String::from_utf8(output.stdout).expect("help is UTF-8")
}

/// The subcommands a help text lists under "Commands:", without clap's own `help`.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim() != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every command a user runs, as its words after `brief` ("" for `brief` itself, "templates
/// export"): `brief` and the commands of its help, a group (a command with commands of its
/// own) replaced by its subcommands.
fn commands_in_help() -> BTreeSet<String> {
    let mut commands = BTreeSet::from([String::new()]);
    let mut pending = subcommands(&help(""));
    while let Some(command) = pending.pop() {
        let children = subcommands(&help(&command));
        if children.is_empty() {
            commands.insert(command.clone());
        }
        pending.extend(children.iter().map(|child| format!("{command} {child}")));
    }
    commands
}

/// The long flags of a command's help: those its option lines start with ("  -q, --quiet  …"
/// gives "--quiet"). Option lines are indented at most six spaces; what a description says of
/// other flags does not count.
fn flags_in_help(command: &str) -> BTreeSet<String> {
    help(command)
        .lines()
        .filter(|line| {
            let indent = line.len() - line.trim_start().len();
            indent <= 6 && line.trim_start().starts_with('-')
        })
        .filter_map(|line| long_flags(line).into_iter().next())
        .collect()
}

/// The `--long-flag` words of a text, in order.
fn long_flags(text: &str) -> Vec<String> {
    text.match_indices("--")
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
        })
        .map(|(at, _)| {
            let name: String = text[at + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            format!("--{name}")
        })
        .filter(|flag| flag.len() > 2)
        .collect()
}

/// The page's sections by command ("" for `## \`brief\``, "templates export" for
/// `## \`brief templates export\``), each with its text.
fn sections(page: &str) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in page.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            let command = heading
                .trim()
                .strip_prefix("`brief")
                .and_then(|rest| rest.strip_suffix('`'))
                .unwrap_or_else(|| panic!("{COMMANDS_PAGE}: heading {line:?} is not `brief …`"));
            sections.push((command.trim().to_string(), String::new()));
        } else if let Some((_, text)) = sections.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    sections
}

/// A text's lines, each with whether it lies inside a fenced code block (fences excluded).
fn lines_by_fence(text: &str) -> Vec<(bool, &str)> {
    let mut inside = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            inside = !inside;
        } else {
            lines.push((inside, line));
        }
    }
    lines
}

/// The flags a section's tables list: the long flags in backticks in each row's first column
/// ("| `-h`, `--help` | …"). Prose may name another command's flags; the tables may not.
fn flags_in_table(section: &str) -> BTreeSet<String> {
    section
        .lines()
        .filter_map(|line| line.trim().strip_prefix('|')?.split('|').next())
        .flat_map(in_backticks)
        .flat_map(|code| long_flags(&code))
        .collect()
}

/// The flags of a section's synopsis, its first code block, and `--help`, which synopses leave
/// out.
fn flags_in_synopsis(section: &str) -> BTreeSet<String> {
    let lines = lines_by_fence(section);
    let synopsis = lines
        .iter()
        .skip_while(|(inside, _)| !inside)
        .take_while(|(inside, _)| *inside)
        .flat_map(|(_, line)| long_flags(line));
    synopsis.chain(["--help".to_string()]).collect()
}

/// The texts between backticks on one line.
fn in_backticks(line: &str) -> Vec<String> {
    line.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The long flags in backticks outside code blocks: the flags the page's prose and tables
/// claim brief has.
fn flags_named(page: &str) -> BTreeSet<String> {
    lines_by_fence(page)
        .into_iter()
        .filter(|(inside, _)| !inside)
        .flat_map(|(_, line)| in_backticks(line))
        .flat_map(|code| long_flags(&code))
        .collect()
}

/// How a part of one command's section and its help differ, in words; `None` when they agree.
fn disagreement(
    command: &str,
    part: &str,
    in_help: &BTreeSet<String>,
    in_page: &BTreeSet<String>,
) -> Option<String> {
    let missing: Vec<&String> = in_help.difference(in_page).collect();
    let extra: Vec<&String> = in_page.difference(in_help).collect();
    let mut why = Vec::new();
    if !missing.is_empty() {
        why.push(format!("lacks {missing:?}, which --help prints"));
    }
    if !extra.is_empty() {
        why.push(format!("lists {extra:?}, which --help does not print"));
    }
    if why.is_empty() {
        return None;
    }
    let name = format!("brief {command}");
    Some(format!(
        "`{}`: the {part} in {COMMANDS_PAGE} {}",
        name.trim_end(),
        why.join(", and ")
    ))
}

/// Every disagreement between a version of the page and the program's help, one a line: each
/// section's table and synopsis against its command's help.
fn disagreements(page: &str) -> Vec<String> {
    sections(page)
        .iter()
        .flat_map(|(command, text)| {
            let in_help = flags_in_help(command);
            [
                disagreement(command, "table", &in_help, &flags_in_table(text)),
                disagreement(command, "synopsis", &in_help, &flags_in_synopsis(text)),
            ]
        })
        .flatten()
        .collect()
}

#[test]
fn the_reference_has_a_section_for_each_command_and_no_other() {
    let page = commands_page();
    let in_page: BTreeSet<String> = sections(&page).into_iter().map(|(c, _)| c).collect();
    let in_help = commands_in_help();
    assert!(in_help.contains("generate") && in_help.contains("templates export"));
    assert_eq!(
        in_page, in_help,
        "{COMMANDS_PAGE}'s `## \\`brief …\\`` sections (left) are not the commands of `brief --help` (right)"
    );
}

#[test]
fn each_command_section_lists_exactly_the_flags_its_help_prints() {
    let found = disagreements(&commands_page());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The flags the page names outside code blocks that no command of brief has.
fn unknown_flags(page: &str) -> Vec<String> {
    let known: BTreeSet<String> = commands_in_help()
        .iter()
        .flat_map(|command| flags_in_help(command))
        .collect();
    flags_named(page).difference(&known).cloned().collect()
}

#[test]
fn every_flag_the_reference_names_is_a_flag_of_brief() {
    let unknown = unknown_flags(&commands_page());
    assert!(
        unknown.is_empty(),
        "{COMMANDS_PAGE} names flags no command of brief has: {unknown:?}"
    );
}

#[test]
fn a_reference_missing_a_flag_or_naming_a_fake_one_is_caught() {
    // The committed page, with `--since`'s row of `brief generate` replaced by a made-up flag's.
    let page = commands_page();
    let since_row = page
        .lines()
        .find(|line| line.starts_with("| `--since"))
        .expect("the page has a --since row");
    let doctored = page.replacen(
        since_row,
        "| `--made-up-flag` | — | Not a flag of brief. |",
        1,
    );
    let found = disagreements(&doctored);
    assert_eq!(
        found,
        [format!(
            "`brief generate`: the table in {COMMANDS_PAGE} lacks [\"--since\"], which --help prints, and lists [\"--made-up-flag\"], which --help does not print"
        )]
    );
    assert_eq!(unknown_flags(&doctored), ["--made-up-flag"]);
}
