//! French sentence segmentation with byte offsets: paragraphs, headings, sentences.

use std::ops::Range;

/// Byte ranges of the non-empty lines of a body, trimmed; a line broken where no paragraph
/// ends (after "M.", or inside a quotation the next line closes) is joined to the next.
pub fn paragraphs(body: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for line in body.split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + (line.len() - line.trim_start().len());
            let range = start..start + trimmed.len();
            match out.last_mut() {
                Some(last) if continues(&body[last.clone()], trimmed) => last.end = range.end,
                _ => out.push(range),
            }
        }
        offset += line.len() + 1;
    }
    out
}

/// The longest paragraph made by joining broken lines.
const JOINED_MAX_BYTES: usize = 2000;

/// Whether `next` continues the paragraph `last` (both trimmed): "a déclaré M." then
/// "Dupont lors d'un discours"; "« Nous … tensions." then "Ils … », a déclaré X".
fn continues(last: &str, next: &str) -> bool {
    if last.len() + next.len() > JOINED_MAX_BYTES || is_heading(next) {
        return false;
    }
    let title = last
        .rsplit(char::is_whitespace)
        .next()
        .and_then(|w| w.strip_suffix('.'))
        .is_some_and(|w| TITLES.contains(&w.to_lowercase().as_str()));
    let starts_capitalised = next.chars().next().is_some_and(char::is_uppercase);
    title && starts_capitalised || (quote_left_open(last) && closes_a_quote(next))
}

/// Titles that stand before a name: a line ending with one is cut before the name.
const TITLES: &[&str] = &["m", "mm", "mme", "mmes", "dr", "pr", "me", "mgr"];

/// Whether a paragraph leaves a quotation open: more « than », or an odd number of ".
fn quote_left_open(text: &str) -> bool {
    text.matches('«').count() > text.matches('»').count() || text.matches('"').count() % 2 == 1
}

/// Whether a paragraph closes a quotation opened before it: a » before any «, or an odd
/// number of " whose first one closes (right after a word or a stop, not before one).
fn closes_a_quote(text: &str) -> bool {
    let guillemet = match (text.find('«'), text.find('»')) {
        (None, Some(_)) => true,
        (Some(open), Some(close)) => close < open,
        _ => false,
    };
    let straight = text.matches('"').count() % 2 == 1
        && text.find('"').is_some_and(|at| {
            text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace())
        });
    guillemet || straight
}

/// No sentence of news writing is this long (OrangeSum's longest, in 35,000, is under 2,000
/// bytes); a longer run without a sentence end (a list, a table, a dump) is cut into pieces of
/// at most this size, so that no later step works on an unbounded "sentence".
pub const MAX_SENTENCE_BYTES: usize = 3000;

/// `range` of `text`, cut into pieces of at most [`MAX_SENTENCE_BYTES`], each at the last space
/// before the limit (or at a character boundary when there is none). Linear in the range.
pub fn cut_long(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let end = text[start..limit]
            .rfind(char::is_whitespace)
            .filter(|&at| at > 0)
            .map_or(limit, |at| start + at);
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    push_trimmed(text, start..range.end, &mut out);
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

/// Sentence ranges within one paragraph, trimmed. A sentence ends at `.`, `!`, `?` or `…`
/// (with any closing quotes or brackets) followed by a space and a capital, a digit or an
/// opening quote, or glued to a capital after a lower-case word ("consternant.Un"); not after an
/// abbreviation or an initial, and not inside « ».
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quotes = Quotes::default();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        quotes.see(&chars, i);
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
            let closing = j < chars.len()
                && match chars[j].1 {
                    '»' | '”' | ')' | ']' | '’' => true,
                    '"' => quotes.straight,
                    _ => false,
                };
            if !closing {
                break;
            }
            quotes.see(&chars, j);
            j += 1;
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
        let glued = !spaced && c == '.' && j < chars.len() && glued_at(text, &chars, i, j);
        let boundary = j >= chars.len()
            || (!quotes.open(pos)
                && ((spaced && starts_new) || glued)
                && !(c == '.' && protects(text, pos)));
        if boundary {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
        i = j;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out.into_iter().flat_map(|r| split_camel(text, r)).collect()
}

/// A heading glued to the next sentence by joined paragraphs: "Macron opposé à l'idéeDonald
/// Trump a…" splits before "Donald" (a lower-case run of three letters or more, then a
/// capitalised word).
fn split_camel(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let slice = &text[range.clone()];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut lower_run = 0;
    for k in 0..chars.len() {
        let c = chars[k].1;
        if c.is_lowercase() {
            lower_run += 1;
            continue;
        }
        let glued = c.is_uppercase()
            && lower_run >= 3
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_lowercase());
        if glued {
            let at = chars[k].0;
            out.push(range.start + start..range.start + at);
            start = at;
        }
        lower_run = 0;
    }
    out.push(range.start + start..range.end);
    out
}

/// Open quotations: « » by depth, straight quotes by position. A quotation left open for more
/// than 600 bytes is taken as unbalanced and closed, so one stray mark cannot glue a paragraph.
#[derive(Default)]
struct Quotes {
    depth: i32,
    opened_at: usize,
    /// Whether a straight quote is open. Straight quotes alternate: joined paragraphs glue a
    /// closing one to the next word ("bandit"et), so what follows cannot tell them apart.
    straight: bool,
}

impl Quotes {
    fn see(&mut self, chars: &[(usize, char)], i: usize) {
        let (pos, c) = chars[i];
        let opens = match c {
            '«' | '“' => Some(true),
            '»' | '”' => Some(false),
            '"' => {
                self.straight = !self.straight;
                Some(self.straight)
            }
            _ => None,
        };
        match opens {
            Some(true) => {
                if self.depth == 0 {
                    self.opened_at = pos;
                }
                self.depth += 1;
            }
            Some(false) => self.depth = (self.depth - 1).max(0),
            None => {}
        }
    }

    fn open(&mut self, pos: usize) -> bool {
        if self.depth > 0 && pos - self.opened_at > 600 {
            self.depth = 0;
            self.straight = false;
        }
        self.depth > 0
    }
}

/// A full stop glued to the next sentence, as when paragraphs were joined without a break:
/// "consternant.Un", "M. Berger.Le", "(OCLCIFF).Le", "réalité ».La", "elle.\"Agriculture".
fn glued_at(text: &str, chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let next = chars[j].1;
    let capital_next = next.is_uppercase()
        || (matches!(next, '"' | '«' | '“')
            && chars.get(j + 1).is_some_and(|(_, c)| c.is_uppercase()));
    if !capital_next {
        return false;
    }
    let before = i.checked_sub(1).map(|k| chars[k].1);
    if before.is_some_and(|b| matches!(b, ')' | ']' | '»' | '"' | '”' | '%')) {
        return true;
    }
    let word = word_before(text, chars[i].0);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().any(char::is_lowercase) && !word.contains('.')
}

/// Abbreviations, initials and numbers are short: the word before a full stop is looked for
/// this far back at most, so that a long run of letters and dots stays linear.
const WORD_REACH: usize = 64;

/// The word that ends just before byte `pos` (its last [`WORD_REACH`] bytes at most).
fn word_before(text: &str, pos: usize) -> &str {
    let before = crate::text::tail(&text[..pos], WORD_REACH);
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
        text[..pos - word.len()].trim_end().is_empty()
    };
    let abbreviation = crate::lexicon::Lexicon::get()
        .abbreviations
        .contains(lower.as_str());
    abbreviation || single_capital || dotted_initials || number
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

    #[test]
    fn a_line_broken_after_a_title_or_inside_a_quote_is_one_paragraph() {
        let body = "\"Nous ne céderons rien\", a déclaré M.\n\nDupont lors d'un discours.\n\nUn autre paragraphe.";
        let p = paragraphs(body);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(body[p[0].clone()].ends_with("discours."));
        let body = "« Nous tiendrons nos promesses.\nLe budget sera voté en mai », a assuré la ministre.\nFin.";
        let p = paragraphs(body);
        assert_eq!(p.len(), 2, "{p:?}");
        let body = "Premier paragraphe.\nSecond paragraphe.";
        assert_eq!(paragraphs(body).len(), 2);
    }

    #[test]
    fn long_runs_are_cut_at_spaces_into_bounded_pieces() {
        let text = "mot ".repeat(2000) + "fin.";
        let pieces = cut_long(&text, 0..text.len());
        assert!(pieces.len() >= 3, "{}", pieces.len());
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        assert!(pieces.iter().all(|p| text[p.clone()].starts_with("mot")));
        assert!(text[pieces.last().unwrap().clone()].ends_with("fin."));
        let glued = "é".repeat(4000);
        let pieces = cut_long(&glued, 0..glued.len());
        assert_eq!(pieces.iter().map(|p| p.len()).sum::<usize>(), glued.len());
        let short = "Une phrase.";
        assert_eq!(cut_long(short, 0..short.len()), vec![0..short.len()]);
    }

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
            sentences("M. Mensah a parlé. Le gén. Kane aussi."),
            ["M. Mensah a parlé.", "Le gén. Kane aussi."]
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
