//! Inputs built to be slow, shared by the tests that check they finish (`tests/bounds.rs`) and
//! the benchmark that times them (`tests/bench/read.rs`).

#![allow(dead_code)]

/// News words with names, roles and quotes, but no full stop: `bytes` long at least.
pub fn without_a_full_stop(bytes: usize) -> String {
    let words = [
        "le",
        "Mali",
        "et",
        "la",
        "France",
        "ont",
        "signé",
        "avec",
        "Emmanuel",
        "Macron",
        "président",
        "à",
        "Paris",
        "selon",
        "le",
        "ministre",
        "malien",
        "M.",
        "Diop",
        "«",
        "»",
        "réunion",
    ];
    let mut text = String::from("Titre\n\n");
    let mut i = 0usize;
    while text.len() < bytes {
        text.push_str(words[(i * 7 + i / 3) % words.len()]);
        text.push(' ');
        i += 1;
    }
    text
}

/// An HTML page whose article nests `depth` elements.
pub fn nested(depth: usize) -> String {
    format!(
        "<html><body><article><p>Le Mali a signé un accord.</p>{}Le Niger a signé aussi.{}</article></body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}
