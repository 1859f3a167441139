//! Hostile input: article text full of Typst and Tera syntax, scripts from other alphabets,
//! files that are not articles. The run goes on, names what it skipped, and the text reaches the
//! PDF verbatim with nothing executed or read.

mod common;

use common::*;
use std::path::Path;

/// Each line names its own country, so that each is the one fact of that country's section.
const HOSTILE_LINES: &[&str] = &[
    "Au Pérou, le porte-parole a écrit # $ * _ @ < > [ ] \\ ` \" ~ / = - + dans son communiqué.",
    "= Au Chili, une ligne commence par un signe égal et se poursuit assez longuement.",
    "- Au Japon, une ligne commence par un tiret et se poursuit assez longuement ici.",
    "+ En Norvège, une ligne commence par un plus et se poursuit assez longuement ici.",
    "1. En Suède, une ligne commence par un numéro et se poursuit assez longuement.",
    "// En Finlande, une ligne commence par deux barres et se poursuit longuement.",
    "En Islande, le texte #read(\"/etc/passwd\") a été publié tel quel par le ministère.",
    "En Irlande, le texte #image(\"/etc/hostname\") a été publié tel quel par le ministère.",
    "En Estonie, le code #{ while true {} } a circulé sur les réseaux sociaux du pays.",
    "En Lettonie, le gabarit {{ 7*7 }} et {% if x %} sont restés tels quels dans le texte.",
    "Au Maroc, le ministre a écrit « مرحبا بكم في الرباط » lors de la visite officielle.",
    "En Bulgarie, le journal a titré « Петров прибыл в Софию » après la rencontre.",
    "En Grèce, les internautes ont réagi avec 😀 et 🎉 au discours du Premier ministre.",
    "En Lituanie, $x^2$ et <label> et @ref et `raw` et *gras* et _penché_ restent du texte.",
];

/// Characters no embedded font draws: PDF/A forbids them, so the PDF shows their code.
const UNDRAWABLE: &str =
    "Au Kenya, le symbole ► et les caractères 漢字 figuraient dans le communiqué officiel.";

fn hostile_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let body = format!("{}\n{UNDRAWABLE}", HOSTILE_LINES.join("\n"));
    std::fs::write(
        p("hostile.txt"),
        format!("Titre {{{{ 7*7 }}}} et #set page(width: 1cm)\n\n{body}\n"),
    )
    .unwrap();
    let long_line = format!("Le Kenya {}.\n", "mot ".repeat(512 * 1024));
    std::fs::write(p("long-line.txt"), long_line).unwrap();
    std::fs::write(
        p("photo.png"),
        [
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
        ],
    )
    .unwrap();
    std::fs::write(
        p("data.txt"),
        [
            0x01, 0x02, 0x03, 0x80, 0x81, 0xc3, 0x28, 0x05, 0x06, 0x1b, 0x7f, 0x90,
        ],
    )
    .unwrap();
    std::fs::write(p("nul.txt"), b"Le Ghana a vot\xc3\xa9.\0\0\0 Suite.").unwrap();
    std::fs::write(p("empty.txt"), b"").unwrap();
    // "Le Sénégal a signé un accord très important à Dakar." in Windows-1252.
    std::fs::write(
        p("cp1252.txt"),
        b"Le S\xe9n\xe9gal a sign\xe9 un accord tr\xe8s important \xe0 Dakar.",
    )
    .unwrap();
    dir
}

/// Text without white space or hyphens: line breaks and hyphenation move these around.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .collect()
}

fn is_right_to_left(c: char) -> bool {
    ('\u{0590}'..='\u{08ff}').contains(&c)
}

#[test]
fn hostile_text_reaches_the_pdf_verbatim_and_bad_files_are_named() {
    let corpus = hostile_corpus();
    let out = tempfile::tempdir().unwrap();
    let output = generate_ok(corpus.path(), out.path(), &["--emit", "typ"]);
    let err = stderr(&output);
    for (file, reason) in [
        ("photo.png", "skipped: not an article file"),
        ("data.txt", "skipped: binary file"),
        ("nul.txt", "skipped: binary file (contains NUL bytes)"),
        ("empty.txt", "skipped: empty file"),
        ("cp1252.txt", "decoded as Windows-1252"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no warning names {file}:\n{err}"));
        assert!(
            line.starts_with("warning: ") && line.contains(reason),
            "{line}"
        );
    }

    let pdf = out.path().join(format!("briefing-{DATE}.pdf"));
    let text = pdf_text(&pdf, None);
    let squashed = squash(&text);
    for line in HOSTILE_LINES {
        if line.chars().any(is_right_to_left) {
            // pdftotext reorders right-to-left runs for display: check word by word.
            let words = text.replace(
                ['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}'],
                " ",
            );
            for word in line.split_whitespace() {
                assert!(
                    words.split_whitespace().any(|w| w.contains(word)),
                    "{word} of {line}"
                );
            }
        } else {
            assert!(
                squashed.contains(&squash(line)),
                "not verbatim in the PDF: {line}"
            );
        }
    }
    assert!(
        squashed.contains(&squash("Titre {{ 7*7 }} et #set page(width: 1cm)")),
        "title verbatim"
    );
    assert!(!text.contains("root:x:0"), "/etc/passwd was read");
    for code in ["[U+25BA]", "[U+6F22]", "[U+5B57]"] {
        assert!(
            squashed.contains(code),
            "{code} shown for a character no font draws"
        );
    }
    assert!(
        flat(&text).contains("Le Sénégal a signé un accord très important à Dakar."),
        "Windows-1252 decoded"
    );
    let pages = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let info = String::from_utf8_lossy(&pages.stdout);
    assert!(
        info.contains("595.") && info.contains("841."),
        "page size untouched by the title: {info}"
    );
}

#[test]
fn a_single_file_is_a_corpus_too() {
    let corpus = hostile_corpus();
    let out = tempfile::tempdir().unwrap();
    generate_ok(&corpus.path().join("hostile.txt"), out.path(), &[]);
    let b = json(&out.path().join(format!("briefing-{DATE}.json")));
    assert_eq!(b["sources"].as_array().unwrap().len(), 1);
    assert!(Path::new(b["sources"][0]["file"].as_str().unwrap()).ends_with("hostile.txt"));
}
