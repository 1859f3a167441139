//! French sentence segmentation with byte offsets: paragraphs, headings, sentences.

use std::ops::Range;

/// Byte ranges of the non-empty lines of a body, trimmed.
pub fn paragraphs(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in body.split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + (line.len() - line.trim_start().len());
            out.push(start..start + trimmed.len());
        }
        offset += line.len() + 1;
    }
    out
}

/// A subheading: a short line that does not end like a sentence.
pub fn is_heading(line: &str) -> bool {
    let chars = line.chars().count();
    let last = line.chars().last().unwrap_or('.');
    chars <= 160
        && !matches!(
            last,
            '.' | '!' | '?' | '…' | '»' | '"' | '”' | ':' | ';' | ','
        )
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '«')
}

/// Abbreviations after which a full stop does not end a sentence (compared in lower case).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "st", "ste", "gén", "gen", "col",
    "cap", "lt", "cdt", "sgt", "adj", "av", "apr", "j.-c", "janv", "févr", "fév", "avr", "juil",
    "sept", "oct", "nov", "déc", "etc", "cf", "p", "pp", "vol", "no", "n°", "art", "min", "env",
    "hab", "ex", "ibid", "op", "cit", "vs", "mr", "mrs", "ms", "jr", "sr", "inc", "ltd", "co",
    "corp", "dept",
];

/// Sentence ranges within one paragraph, trimmed. A sentence ends at `.`, `!`, `?` or `…`
/// (with any closing quotes or brackets) followed by a space and a capital, a digit or an
/// opening quote, or glued to a capital after a lower-case word ("consternant.Un"); not after an
/// abbreviation or an initial, and not inside « ».
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote_depth = 0i32;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        match c {
            '«' => quote_depth += 1,
            '»' => quote_depth = (quote_depth - 1).max(0),
            _ => {}
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Swallow the rest of the terminator: "?!", "...", closing quotes and brackets.
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
            j += 1;
        }
        loop {
            // French sets a (thin) space before the closing guillemet: "verrons. »".
            let spaced_guillemet =
                j + 1 < chars.len() && chars[j].1.is_whitespace() && chars[j + 1].1 == '»';
            if spaced_guillemet {
                j += 1;
            }
            if j < chars.len() && matches!(chars[j].1, '»' | '"' | '”' | ')' | ']' | '’') {
                if chars[j].1 == '»' {
                    quote_depth = (quote_depth - 1).max(0);
                }
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        let next_non_space = chars[j..]
            .iter()
            .find(|(_, ch)| !ch.is_whitespace())
            .map(|&(_, ch)| ch);
        let spaced = chars.get(j).is_some_and(|(_, ch)| ch.is_whitespace());
        let starts_new = next_non_space.is_some_and(|ch| {
            ch.is_uppercase() || ch.is_numeric() || matches!(ch, '«' | '"' | '“' | '(' | '-' | '—')
        });
        let glued = !spaced && c == '.' && next_non_space.is_some_and(char::is_uppercase) && {
            let word = word_before(text, pos);
            word.chars().count() >= 2 && word.chars().all(char::is_lowercase)
        };
        let inside_quote = quote_depth > 0;
        let boundary = j >= chars.len()
            || (!inside_quote
                && ((spaced && starts_new) || glued)
                && !(c == '.' && protects(text, pos)));
        if boundary {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
        i = j;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// The word that ends just before byte `pos`.
fn word_before(text: &str, pos: usize) -> &str {
    let before = &text[..pos];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.' || *c == '-' || *c == '°'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

/// Whether the full stop at `pos` belongs to an abbreviation, an initial or a number.
fn protects(text: &str, pos: usize) -> bool {
    let word = word_before(text, pos);
    let lower = word.to_lowercase();
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted_initials = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
    let number = word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty() && {
        // "le 3. Ensuite" is rare; "1. " at a paragraph start is a list marker.
        text[..pos].trim().len() == word.len()
    };
    ABBREVIATIONS.contains(&lower.as_str()) || single_capital || dotted_initials || number
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + (slice.len() - slice.trim_start().len());
    out.push(start..start + trimmed.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_on_final_punctuation_followed_by_a_capital() {
        assert_eq!(
            sentences("Il est venu. Il a vu ! Et alors ? Oui."),
            ["Il est venu.", "Il a vu !", "Et alors ?", "Oui."]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            sentences("M. Gromyko a parlé. Le gén. Camara aussi."),
            ["M. Gromyko a parlé.", "Le gén. Camara aussi."]
        );
        assert_eq!(
            sentences("John F. Kennedy est mort en 1963. Fin."),
            ["John F. Kennedy est mort en 1963.", "Fin."]
        );
    }

    #[test]
    fn splits_glued_paragraphs() {
        assert_eq!(
            sentences("C'est consternant.Un autre fait."),
            ["C'est consternant.", "Un autre fait."]
        );
        assert_eq!(
            sentences("Les U.S.A. Sont loin."),
            ["Les U.S.A. Sont loin."]
        );
    }

    #[test]
    fn keeps_quotes_whole() {
        let text = "Il a dit : « Nous viendrons. Nous verrons. » Puis il est parti.";
        assert_eq!(
            sentences(text),
            [
                "Il a dit : « Nous viendrons. Nous verrons. »",
                "Puis il est parti."
            ]
        );
    }

    #[test]
    fn headings_are_short_lines_without_final_punctuation() {
        assert!(is_heading("Une alliance en gestation"));
        assert!(!is_heading("Une phrase complète."));
        assert!(!is_heading("suite d'une phrase coupée"));
    }
}
