//! Small text tools shared by the stages: accent folding for matching, and word tokens that keep
//! their byte offsets into the text they came from.

/// Lower case without accents, for matching only ("Goïta" and "Goita" fold alike).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

fn push_folded(c: char, out: &mut String) {
    match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => {
            out.push('a')
        }
        'ç' | 'Ç' => out.push('c'),
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => out.push('e'),
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => out.push('i'),
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => out.push('o'),
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => out.push('u'),
        'ÿ' | 'ý' | 'Ÿ' | 'Ý' => out.push('y'),
        'ñ' | 'Ñ' => out.push('n'),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
        '‐' | '‑' | '–' => out.push('-'),
        _ => out.extend(c.to_lowercase()),
    }
}

/// A word of a text: letters and digits, with its byte range and folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub folded: String,
    /// Whether it starts with an upper-case letter.
    pub capitalised: bool,
}

/// Splits a text into words. Apostrophes and hyphens separate words ("d'Ivoire", "Guinée-Bissau"),
/// so that names match however they are elided or hyphenated.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(token(text, s, i));
        }
    }
    if let Some(s) = start {
        out.push(token(text, s, text.len()));
    }
    out
}

fn token(text: &str, start: usize, end: usize) -> Token {
    let word = &text[start..end];
    Token {
        start,
        end,
        folded: fold(word),
        capitalised: word.chars().next().is_some_and(char::is_uppercase),
    }
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
        assert_eq!(fold("Goïta"), fold("Goita"));
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
    }

    #[test]
    fn tokens_keep_byte_offsets() {
        let text = "l’Alliance des États, Guinée-Bissau";
        let words = tokens(text);
        let folded: Vec<&str> = words.iter().map(|t| t.folded.as_str()).collect();
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
