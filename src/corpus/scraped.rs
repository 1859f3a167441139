//! Scraped plain text (and the body of Markdown files): a title line that may carry a date, a
//! byline, an outlet prefix on the first paragraph, site boilerplate to take out, and the
//! relayed origins an article admits to ("selon Reuters").

use super::DateFrom;
use super::Draft;
use crate::dates::{grammar, parse_iso_partial, PartialDate};
use crate::text::{fold, tokens};
use chrono::Datelike;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Parses scraped text into a draft. `markdown` also strips Markdown markup from each line.
pub fn parse(text: &str, markdown: bool) -> Draft {
    let mut draft = Draft::default();
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| {
            if markdown {
                strip_markdown(l)
            } else {
                l.trim().to_string()
            }
        })
        .filter(|l| !l.is_empty())
        .collect();
    if let Some(first) = lines.first().cloned() {
        if let Some((date, rest)) = date_line(&first) {
            draft.set_published(Some(date), DateFrom::DateLine);
            draft.set(
                "title",
                Some(rest.to_string()),
                "first line, after its date",
            );
            lines.remove(0);
        } else if let Some((date, rest)) = dated_title(&first) {
            draft.set_published(Some(date), DateFrom::DateBeforeTitle);
            draft.set(
                "title",
                Some(rest.to_string()),
                "first line, after its date",
            );
            lines.remove(0);
        } else if let Some(title) = markdown
            .then(|| text.lines().find(|l| !l.trim().is_empty()))
            .flatten()
            .and_then(|l| l.trim().strip_prefix("# "))
        {
            draft.set("title", Some(title.to_string()), "first Markdown heading");
            lines.remove(0);
        } else if looks_like_title(&first) {
            draft.set(
                "title",
                Some(first.clone()),
                "first line (short, no final full stop)",
            );
            lines.remove(0);
        }
    }
    take_header_lines(&mut lines, &mut draft);
    lines.retain(|line| {
        let keep = !is_boilerplate(line);
        if !keep {
            draft.removed.push(line.clone());
        }
        keep
    });
    if let Some(first) = lines.first_mut() {
        if let Some((name, rest)) = outlet_prefix(first) {
            draft.set(
                "outlet",
                Some(name.to_string()),
                "prefix of the first paragraph",
            );
            *first = rest.to_string();
        }
    }
    // A one-line article is its own text too: never left without a sentence.
    if lines.is_empty() {
        if let Some(title) = draft.title.clone() {
            lines.push(title);
        }
    }
    draft.paragraphs = lines;
    draft
}

/// Bylines and "Publié le …" lines among the first lines after the title.
fn take_header_lines(lines: &mut Vec<String>, draft: &mut Draft) {
    let mut i = 0;
    while i < lines.len().min(4) {
        if let Some(author) = byline(&lines[i]) {
            draft.set("author", Some(author.to_string()), "byline");
            lines.remove(i);
        } else if let Some(date) = publication_line(&lines[i]) {
            draft.set_published(Some(date), DateFrom::PublishedLine);
            lines.remove(i);
        } else {
            i += 1;
        }
    }
}

/// "date 2025-04 Title…" → (April 2025, "Title…").
fn date_line(line: &str) -> Option<(PartialDate, &str)> {
    let rest = line.strip_prefix("date ")?.trim_start();
    let (date, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    Some((parse_iso_partial(date)?, rest.trim()))
}

/// "13-06-2025 09:45 - Title" (or with slashes or dots, with or without the time).
fn dated_title(line: &str) -> Option<(PartialDate, &str)> {
    let date_text = line.get(..10)?;
    let parts: Vec<&str> = date_text.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts.iter().map(|p| p.len()).collect::<Vec<_>>() != [2, 2, 4] {
        return None;
    }
    let [day, month, year] = [parts[0], parts[1], parts[2]].map(|p| p.parse::<u32>().ok());
    let date = PartialDate::ymd(year? as i32, month?, day?)?;
    let mut rest = line[10..].trim_start();
    if let Some((time, after)) = rest.split_once(' ') {
        if time.len() == 5 && time.as_bytes()[2] == b':' {
            rest = after;
        }
    }
    let rest = rest
        .trim_start()
        .strip_prefix(['-', '–', '|'])
        .unwrap_or(rest)
        .trim();
    (!rest.is_empty()).then_some((date, rest))
}

/// "Publié le 12 juin 2025 à 09h45", "Mis à jour le 13/06/2025": a full date with its year.
fn publication_line(line: &str) -> Option<PartialDate> {
    let folded = fold(line);
    let prefixed = [
        "publie le",
        "publie",
        "mis a jour le",
        "date de publication",
        "le ",
    ]
    .iter()
    .any(|p| folded.starts_with(p));
    if !prefixed || line.chars().count() > 80 {
        return None;
    }
    grammar::find(line, None)
        .into_iter()
        .find(|m| m.explicit_year && m.from == m.to)
        .and_then(|m| PartialDate::ymd(m.from.year(), m.from.month(), m.from.day()))
}

/// A title line: short, and not ending like a sentence.
fn looks_like_title(line: &str) -> bool {
    line.chars().count() <= 200 && !line.ends_with(['.', ';', ',', ':']) && !line.ends_with("...")
}

/// "Édité par : Name" or "Par Name" → "Name".
fn byline(line: &str) -> Option<&str> {
    const PREFIXES: [&str; 6] = [
        "Édité par",
        "Edité par",
        "Rédigé par",
        "Publié par",
        "Écrit par",
        "Par",
    ];
    let rest = PREFIXES.iter().find_map(|p| line.strip_prefix(p))?;
    let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest).trim();
    let ok = !rest.is_empty()
        && rest.chars().count() <= 80
        && !rest.ends_with('.')
        && rest.split_whitespace().count() <= 6
        && rest.chars().next().is_some_and(char::is_uppercase);
    ok.then_some(rest)
}

/// "Afrique Info - Le ministre…" → ("Afrique Info", "Le ministre…"): one to three capitalised words
/// before a dash at the start of the first paragraph.
fn outlet_prefix(paragraph: &str) -> Option<(&str, &str)> {
    let (name, rest) = paragraph
        .split_once(" - ")
        .or_else(|| paragraph.split_once(" – "))?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let ok = (1..=3).contains(&words.len())
        && name.len() <= 30
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !name.contains(['.', ',', ':', '«', '"'])
        && !rest.trim().is_empty();
    ok.then_some((name.trim(), rest.trim_start()))
}

const BOILERPLATE: &str = include_str!("../data/boilerplate.txt");

/// Reader prompts, share buttons, "Lire aussi" lines and agency signatures ("JM/ks/LA").
pub fn is_boilerplate(line: &str) -> bool {
    let folded = fold(line);
    let signature = line.len() <= 30
        && !line.contains(' ')
        && line.matches('/').count() >= 2
        && line.chars().all(|c| c.is_ascii_alphanumeric() || c == '/');
    signature
        || BOILERPLATE
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .any(|p| folded.starts_with(p))
}

/// Removes Markdown markup from one line: heading marks, quote marks, list bullets, emphasis,
/// links and images.
fn strip_markdown(line: &str) -> String {
    let mut l = line.trim();
    l = l.trim_start_matches('#').trim_start();
    l = l.strip_prefix("> ").unwrap_or(l);
    for bullet in ["- ", "* ", "+ "] {
        l = l.strip_prefix(bullet).unwrap_or(l);
    }
    let mut out = String::with_capacity(l.len());
    let mut rest = l;
    while let Some(open) = rest.find('[') {
        let image = open > 0 && rest[..open].ends_with('!');
        let Some(close) = rest[open..].find("](").map(|c| c + open) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|e| e + close) else {
            break;
        };
        out.push_str(&rest[..if image { open - 1 } else { open }]);
        if !image {
            out.push_str(&rest[open + 1..close]);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").trim().to_string()
}

/// A coarse language guess from common function words: "fr", "en" or "other".
pub fn detect_language(text: &str) -> &'static str {
    const FR: [&str; 10] = [
        "le", "la", "les", "des", "et", "est", "une", "du", "que", "dans",
    ];
    const EN: [&str; 10] = [
        "the", "and", "of", "is", "to", "in", "that", "with", "for", "was",
    ];
    let (mut fr, mut en, mut words) = (0usize, 0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(400)
    {
        words += 1;
        let lower = word.to_lowercase();
        fr += FR.contains(&lower.as_str()) as usize;
        en += EN.contains(&lower.as_str()) as usize;
    }
    if words == 0 || (fr + en) * 20 < words {
        "other"
    } else if fr >= en {
        "fr"
    } else {
        "en"
    }
}

/// Whether a known outlet's name starts at word `k`: "AFP", "Associated Press", "RFI".
pub fn outlet_at(words: &[crate::text::Token], k: usize) -> bool {
    let outlets = outlets();
    (1..=4).any(|n| {
        words.get(k..k + n).is_some_and(|name| {
            let key: Vec<String> = name.iter().map(|w| w.folded.to_string()).collect();
            outlets.contains_key(&key)
        })
    })
}

/// Known outlets: folded words → display name.
fn outlets() -> &'static HashMap<Vec<String>, String> {
    static OUTLETS: OnceLock<HashMap<Vec<String>, String>> = OnceLock::new();
    OUTLETS.get_or_init(|| {
        let mut map = HashMap::new();
        for line in include_str!("../data/outlets.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let names: Vec<&str> = line.split(';').map(str::trim).collect();
            for name in &names {
                let key: Vec<String> = tokens(name)
                    .into_iter()
                    .map(|t| t.folded.into_owned())
                    .collect();
                map.insert(key, names[0].to_string());
            }
        }
        map
    })
}

/// Words that introduce a relayed source.
const TRIGGERS: &[&[&str]] = &[
    &["selon"],
    &["d", "apres"],
    &["rapporte"],
    &["rapportait"],
    &["cite", "par"],
    &["citee", "par"],
    &["relaye", "par"],
    &["relayee", "par"],
    &["relaie"],
    &["source"],
];
/// Outlets the text says it relays: "selon Reuters", "rapporte l'agence Anadolu", "selon l'agence
/// de presse Xinhua". Known outlets are recognised after any trigger; an unknown name only after
/// "agence". Sorted, without repeats.
/// How far (in characters) a relay window reaches to finish the word it cuts.
const WORD_END_LOOKAHEAD: usize = 40;

pub fn relayed_origins(body: &str) -> Vec<String> {
    // Only the text right after a trigger is read: tokenising whole bodies is the costly part.
    const CUES: [&str; 11] = [
        "selon", "Selon", "après", "Après", "apres", "rapport", "cité", "citée", "relay", "relaie",
        "source",
    ];
    let mut found = Vec::new();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let bytes = body.as_bytes();
    for at in 0..bytes.len() {
        if !matches!(bytes[at], b's' | b'S' | b'a' | b'A' | b'r' | b'c')
            || !body.is_char_boundary(at)
        {
            continue;
        }
        if CUES.iter().any(|cue| body[at..].starts_with(cue)) {
            let from_cue = &body[at..];
            let mut end = from_cue
                .char_indices()
                .nth(90)
                .map_or(body.len(), |(i, _)| at + i);
            // Finish the word the window cuts, if it ends within a few bytes (a run of letters
            // without a space must not make every window as long as itself).
            let rest = &body[end..];
            end += rest
                .char_indices()
                .take(WORD_END_LOOKAHEAD)
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(
                    if rest.chars().nth(WORD_END_LOOKAHEAD).is_none() {
                        rest.len()
                    } else {
                        0
                    },
                    |(i, _)| i,
                );
            windows.push((at, end));
        }
    }
    for (start, end) in windows {
        found.extend(relayed_in(&body[start..end]));
    }
    found.sort();
    found.dedup();
    found
}

fn relayed_in(body: &str) -> Vec<String> {
    let fillers = &crate::lexicon::Lexicon::get().relay_fillers;
    let words = tokens(body);
    let folded: Vec<&str> = words.iter().map(|t| t.folded.as_ref()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(trigger) = TRIGGERS.iter().find(|t| folded[i..].starts_with(t)) else {
            i += 1;
            continue;
        };
        let mut j = i + trigger.len();
        let mut saw_agency = false;
        while j < words.len() && fillers.contains(folded[j]) && j - i < 8 {
            saw_agency |= folded[j] == "agence";
            j += 1;
        }
        let known = (1..=4).rev().find_map(|n| {
            let key: Vec<String> = folded
                .get(j..j + n)?
                .iter()
                .map(|s| s.to_string())
                .collect();
            outlets().get(&key).cloned()
        });
        if let Some(name) = known {
            found.push(name);
        } else if saw_agency {
            // The agency's name is the capitalised words right after, on its line and before
            // any punctuation: "l'agence AIP.\nM. Diallo…" relays AIP, not "AIP M Diallo".
            let name: Vec<&str> = words[j..]
                .iter()
                .enumerate()
                .take_while(|(k, w)| {
                    let joined = *k == 0 || {
                        let gap = &body[words[j + k - 1].end..w.start];
                        gap.chars().all(|c| c == ' ')
                    };
                    w.capitalised && joined && !matches!(w.folded.as_ref(), "m" | "mme" | "mm")
                })
                .take(3)
                .map(|(_, w)| &body[w.start..w.end])
                .collect();
            if !name.is_empty() {
                found.push(name.join(" "));
            }
        }
        i = j.max(i + 1);
    }
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_line_article_keeps_its_line_as_text() {
        let a = parse("Le Mali signe mardi un accord avec le Niger\n", false)
            .finish("a.txt", None, "text");
        assert_eq!(
            a.title.as_deref(),
            Some("Le Mali signe mardi un accord avec le Niger")
        );
        assert_eq!(a.body, "Le Mali signe mardi un accord avec le Niger");
    }

    fn article(text: &str) -> crate::corpus::Article {
        parse(text, false).finish("a.txt", None, "text")
    }

    #[test]
    fn reads_a_date_line_before_the_title() {
        let a = article(" date 2025-06 Les ministres à Lisbonne\n\nLe texte. Suite.");
        assert_eq!(a.published.unwrap().to_string(), "2025-06");
        assert_eq!(a.published_from, DateFrom::DateLine);
        assert_eq!(a.title.as_deref(), Some("Les ministres à Lisbonne"));
        assert_eq!(a.body, "Le texte. Suite.");
    }

    #[test]
    fn reads_a_dated_title_and_an_outlet_prefix() {
        let a = article("13-06-2025 09:45 - Ghana-Togo : Mensah annonce\n\nAfrikinfo - La capitale a accueilli.\nSuite.");
        assert_eq!(a.published.unwrap().to_string(), "2025-06-13");
        assert_eq!(a.title.as_deref(), Some("Ghana-Togo : Mensah annonce"));
        assert_eq!(a.outlet.as_deref(), Some("Afrikinfo"));
        assert_eq!(a.found["outlet"], "prefix of the first paragraph");
        assert_eq!(a.body, "La capitale a accueilli.\n\nSuite.");
    }

    #[test]
    fn takes_out_bylines_and_reader_prompts() {
        let a = article("Un titre sans point\n\nÉdité par : Ольга Морозова\n\nLe corps.\n\nSignaler une erreur dans cet article\nPartagez cet article avec vos proches.\nJM/ks/LA");
        assert_eq!(a.author.as_deref(), Some("Ольга Морозова"));
        assert_eq!(a.found["author"], "byline");
        assert_eq!(a.body, "Le corps.");
        assert_eq!(a.removed.len(), 3);
        assert!(a.published.is_none());
        assert_eq!(a.published_from, DateFrom::NotFound);
    }

    #[test]
    fn reads_a_publie_le_line() {
        let a = article("Le titre\nPublié le 12 juin 2025 à 09h45\nLe Mali a signé un accord.");
        assert_eq!(a.published.unwrap().to_string(), "2025-06-12");
        assert_eq!(a.body, "Le Mali a signé un accord.");
    }

    #[test]
    fn a_first_line_ending_like_a_sentence_is_body_not_title() {
        let a = article("Le Ghana veut étendre son réseau ferré.\nKofi a précisé.");
        assert!(a.title.is_none());
        assert!(a.body.starts_with("Le Ghana"));
    }

    #[test]
    fn markdown_markup_is_removed() {
        let a = parse("# Le titre\n\nUn **fait** avec [un lien](https://x.fr) et ![image](i.png).\n\n## Sous-titre", true)
            .finish("a.md", None, "markdown");
        assert_eq!(a.title.as_deref(), Some("Le titre"));
        assert_eq!(a.body, "Un fait avec un lien et .\n\nSous-titre");
    }

    #[test]
    fn a_relayed_agency_ends_with_its_line() {
        assert_eq!(
            relayed_origins("Information relayée par l'agence AIP.\nM. Diallo a ensuite parlé."),
            ["AIP"]
        );
        assert_eq!(
            relayed_origins("Le site relaie : agence Sahel Info\nM Traoré a confirmé."),
            ["Sahel Info"]
        );
    }

    #[test]
    fn finds_relayed_origins() {
        let a = article("Texte.\nL'ambassadeur a parlé, selon Reuters. Il l'a redit, rapporte l'agence Anadolu.\nSelon l'agence de presse Zéphyr Info, rien.\nSelon Mensah, tout va bien.");
        assert_eq!(a.relayed, ["Anadolu", "Reuters", "Zéphyr Info"]);
    }

    #[test]
    fn guesses_language() {
        assert_eq!(
            detect_language("Le ministre est arrivé dans la capitale et les délégués"),
            "fr"
        );
        assert_eq!(
            detect_language("The minister said that the talks in the capital were good"),
            "en"
        );
    }
}
