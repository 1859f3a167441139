//! Small text tools shared by the stages: accent folding for matching, and word tokens that keep
//! their byte offsets into the text they came from.

pub use crate::folding::{fold, fold_into};

/// A 64-bit hash of each word's folded form, without allocating a string per word: for
/// fingerprints of whole articles.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut buffer = String::new();
    for token in word_ranges(text) {
        buffer.clear();
        fold_into(&text[token], &mut buffer);
        out.push(crate::hashing::fnv1a(buffer.bytes()));
    }
    out
}

/// Byte ranges of the words (runs of letters and digits) of a text.
pub fn word_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// A word of a text: letters and digits, with its byte range and folded form (borrowed from
/// the text when it is already lower-case ASCII, as most words are).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub folded: std::borrow::Cow<'a, str>,
    /// Whether it starts with an upper-case letter.
    pub capitalised: bool,
    /// Whether it is written in capitals, two letters or more: "ONU", "UN", not "Un".
    pub upper: bool,
}

/// Where a text goes on after the last of `marks` in it (0 without one): the byte after that
/// character, however many bytes it has ("«" has two).
pub fn after_last(text: &str, marks: &[char]) -> usize {
    text.rfind(marks).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Splits a text into words. Apostrophes and hyphens separate words ("d'Ivoire", "Guinée-Bissau"),
/// so that names match however they are elided or hyphenated.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    word_ranges(text)
        .map(|r| token(text, r.start, r.end))
        .collect()
}

fn token(text: &str, start: usize, end: usize) -> Token<'_> {
    let word = &text[start..end];
    let folded = if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(fold(word))
    };
    Token {
        start,
        end,
        folded,
        capitalised: word.chars().next().is_some_and(char::is_uppercase),
        upper: word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !word.chars().any(char::is_lowercase),
    }
}

/// The last `max` bytes of `text` at most, starting on a character boundary: a bounded window
/// before a position, so that looking back from each word stays linear in the text.
pub fn tail(text: &str, max: usize) -> &str {
    let mut start = text.len().saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// The first `max` bytes of `text` at most, ending on a character boundary.
pub fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text` cut to `max` characters at most on a word boundary, with "…" when cut: a title to
/// fit a footnote or a label.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Collapses runs of ASCII white space into one space and trims the ends. Non-breaking spaces
/// are kept: they are French typography, not layout.
pub fn squeeze_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_apostrophes() {
        assert_eq!(fold("Keïta"), fold("Keita"));
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
    }

    #[test]
    fn tokens_keep_byte_offsets() {
        let text = "l’Alliance des États, Guinée-Bissau";
        let words = tokens(text);
        let folded: Vec<&str> = words.iter().map(|t| t.folded.as_ref()).collect();
        assert_eq!(
            folded,
            ["l", "alliance", "des", "etats", "guinee", "bissau"]
        );
        for t in &words {
            assert_eq!(fold(&text[t.start..t.end]), t.folded);
        }
        assert!(words[3].capitalised && !words[2].capitalised);
    }

    #[test]
    fn squeezes_ascii_spaces_but_keeps_non_breaking_ones() {
        assert_eq!(squeeze_spaces("  a \t\n b\u{202f}; c "), "a b\u{202f}; c");
    }
}
