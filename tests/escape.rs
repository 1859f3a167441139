//! Property tests of the escaping path: whatever the text, the escaped markup parses as plain
//! text showing that text, and the string literal holds it exactly.

use brief::compile::{markup_as_plain_text, string_literal_value};
use brief::render::{escape_markup, french_spacing, printable, typst_string_literal};
use proptest::prelude::*;

/// What Typst should show for `input`: line breaks and tabs as spaces (runs of spaces fold into
/// one, as in any markup), other control characters gone.
fn shown(input: &str) -> String {
    let input = printable(&french_spacing(input));
    let mut out = String::new();
    for c in input.chars() {
        let c = match c {
            '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

fn typst_heavy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("#".to_string()),
        Just("#read(\"/etc/passwd\")".to_string()),
        Just("$x$".to_string()),
        Just("= ".to_string()),
        Just("\n- ".to_string()),
        Just("\n1. ".to_string()),
        Just("//".to_string()),
        Just("/*".to_string()),
        Just("<a>".to_string()),
        Just("@b".to_string()),
        Just("```".to_string()),
        Just("\\".to_string()),
        Just("\\u{41}".to_string()),
        Just("https://exemple.fr".to_string()),
        Just("{{ 7*7 }}".to_string()),
        Just("...".to_string()),
        Just("--".to_string()),
        Just("~".to_string()),
        Just("'\"".to_string()),
        "\\PC{0,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn escaped_markup_is_only_the_text(input in typst_heavy()) {
        let markup = escape_markup(&input);
        prop_assert_eq!(markup_as_plain_text(&markup), Some(shown(&input)));
    }

    #[test]
    fn escaped_markup_of_any_string_is_only_the_text(input in any::<String>()) {
        let markup = escape_markup(&input);
        prop_assert_eq!(markup_as_plain_text(&markup), Some(shown(&input)));
    }

    #[test]
    fn string_literals_hold_any_string_exactly(input in any::<String>()) {
        prop_assert_eq!(string_literal_value(&typst_string_literal(&input)), Some(input));
    }
}
