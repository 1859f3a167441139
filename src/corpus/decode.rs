//! Bytes → text: the encodings articles really come in. UTF-8 with or without BOM, UTF-16 with
//! BOM, and Windows-1252 (a superset of Latin-1 for text) when the bytes are not UTF-8. Binary
//! files are refused. The result has LF line ends and is in Unicode NFC.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Text decoded from a file, with a note when the encoding had to be guessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// "decoded as Windows-1252", "decoded from UTF-16LE", … when not plain UTF-8.
    pub note: Option<String>,
}

/// Why bytes are not article text.
pub type Refusal = String;

/// Decodes article bytes, or says why they are not text. `nfc` normalises the whole text; a
/// collection (JSON) skips it and normalises each record instead.
pub fn decode(bytes: Vec<u8>, nfc: bool) -> Result<Decoded, Refusal> {
    let (text, note) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, None)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (encoding, name) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, "UTF-16LE")
        } else {
            (encoding_rs::UTF_16BE, "UTF-16BE")
        };
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes[2..]);
        if had_errors {
            return Err(format!("invalid {name} text"));
        }
        (text.into_owned(), Some(format!("decoded from {name}")))
    } else if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    } else if std::str::from_utf8(&bytes).is_ok() {
        (String::from_utf8(bytes).expect("checked just above"), None)
    } else if looks_binary(&bytes) {
        return Err("binary file (not UTF-8, and too many control bytes for text)".into());
    } else {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
        (
            text.into_owned(),
            Some("not UTF-8: decoded as Windows-1252".to_string()),
        )
    };
    if text.contains('\0') {
        return Err("binary file (contains NUL characters)".into());
    }
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    let text = if nfc {
        normalise(text)
    } else {
        line_ends(text)
    };
    Ok(Decoded { text, note })
}

fn utf8(bytes: &[u8]) -> Result<String, Refusal> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| format!("invalid UTF-8 after its BOM (byte {})", e.valid_up_to() + 3))
}

/// More than 2 % of control bytes other than tab, LF, CR and form feed: not a text file.
fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    controls * 50 > bytes.len()
}

/// LF line ends and NFC, checked quickly first since most text already is.
pub fn normalise(text: String) -> String {
    let text = line_ends(text);
    if text.chars().all(surely_nfc) {
        return text;
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

fn line_ends(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Characters that are in NFC whatever follows them: everything below the combining marks
/// (U+0300), and the general punctuation and currency signs news text is full of.
fn surely_nfc(c: char) -> bool {
    c < '\u{300}'
        || ('\u{2010}'..='\u{206f}').contains(&c)
        || ('\u{20a0}'..='\u{20cf}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<Decoded, Refusal> {
        decode(bytes.to_vec(), true)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec("Été".as_bytes()).unwrap().text, "Été");
        let d = dec(b"\xEF\xBB\xBFL\xC3\xA9").unwrap();
        assert_eq!((d.text.as_str(), d.note), ("Lé", None));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Ça va\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Ça va".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(dec(&le).unwrap().text, "Ça va\n");
        assert_eq!(
            dec(&be).unwrap().note.as_deref(),
            Some("decoded from UTF-16BE")
        );
    }

    #[test]
    fn windows_1252_is_decoded_with_a_note() {
        let d = dec(b"Le S\xe9n\xe9gal \x96 \x93accord\x94 \x80").unwrap();
        assert_eq!(d.text, "Le Sénégal – “accord” €");
        assert!(d.note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(dec(b"abc\0def").unwrap_err().contains("NUL"));
        assert!(
            dec(&[0x89, 0x50, 0x4e, 0x47, 0x1a, 0x02, 0x03, 0x04, 0x90, 0x91])
                .unwrap_err()
                .contains("binary")
        );
        assert!(dec(b" \n\t").unwrap_err().contains("empty"));
    }

    #[test]
    fn crlf_and_decomposed_accents_are_normalised() {
        assert_eq!(dec("a\r\nb\rc".as_bytes()).unwrap().text, "a\nb\nc");
        assert_eq!(dec("E\u{301}te\u{301}".as_bytes()).unwrap().text, "Été");
    }
}
