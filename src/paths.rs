//! How file names are shown to the user, in messages, the JSON and the PDF.
//!
//! A file name may hold any byte but `/` and NUL: a newline would forge a line on standard error,
//! a terminal escape would repaint it, and two names that are not UTF-8 would print alike. So names
//! are shown escaped, and the escaping is one-to-one: distinct names stay distinct (and give
//! distinct article ids).
//! - `\` becomes `\\`;
//! - line breaks and tabs become `\n`, `\r`, `\t`; other control and bidirectional-override
//!   characters become `\u{…}`;
//! - bytes that are not UTF-8 become `\xNN`.

use std::path::Path;

/// The path as the user would type it, escaped (see the module's documentation).
pub fn shown(path: &Path) -> String {
    let mut out = String::new();
    for chunk in raw_bytes(path).utf8_chunks() {
        escape_into(chunk.valid(), &mut out);
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// Escapes control characters of a message so that it stays on one line of standard error.
pub fn one_line(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) && c != '\\' {
            push_escaped(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if needs_escape(c) {
            push_escaped(c, out);
        } else {
            out.push(c);
        }
    }
}

fn needs_escape(c: char) -> bool {
    c == '\\'
        || c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn push_escaped(c: char, out: &mut String) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

#[cfg(unix)]
fn raw_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

/// Elsewhere, the lossy text with forward slashes (Windows names are UTF-16 and `\` separates).
#[cfg(not(unix))]
fn raw_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(path.to_string_lossy().replace('\\', "/").into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_are_unchanged() {
        assert_eq!(shown(Path::new("seeds/été 2025.txt")), "seeds/été 2025.txt");
    }

    #[test]
    fn control_characters_cannot_forge_a_line() {
        assert_eq!(
            shown(Path::new("a\nerror: forged.txt")),
            "a\\nerror: forged.txt"
        );
        assert_eq!(
            shown(Path::new("a\u{1b}[2Jb\u{202e}")),
            "a\\u{1b}[2Jb\\u{202e}"
        );
        assert_eq!(one_line("line\nnext"), "line\\nnext");
    }

    #[cfg(unix)]
    #[test]
    fn distinct_names_stay_distinct() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let a = shown(Path::new(OsStr::from_bytes(b"x\xff.txt")));
        let b = shown(Path::new(OsStr::from_bytes(b"x\xfe.txt")));
        let c = shown(Path::new("x\\xFF.txt"));
        assert_eq!(a, "x\\xFF.txt");
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(c, "x\\\\xFF.txt");
    }
}
