//! The document: settings (brief.toml, flags), English labels, the logo, the outline, and the
//! templates users export and edit; with the errors each can give.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn brief_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

fn seeds() -> String {
    root().join("seeds").to_string_lossy().into_owned()
}

fn generate_in(dir: &Path, extra: &[&str]) -> std::process::Output {
    generate_into(dir, "out", extra)
}

fn generate_into(dir: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "generate",
        "--corpus",
        seeds().leak(),
        "--date",
        DATE,
        "--out",
        out,
        "--since",
        "2024-12",
    ];
    args.extend_from_slice(extra);
    brief_in(dir, &args)
}

/// The JSON of the briefing written into `dir/out`.
fn briefing_json(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(format!("out/briefing-{DATE}.json"))).unwrap())
        .unwrap()
}

fn ok(output: &std::process::Output) {
    assert!(output.status.success(), "{}", stderr(output));
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 120])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

#[test]
fn brief_toml_sets_title_organisation_marking_and_a_logo() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("logo.png"), png(900, 300)).unwrap();
    std::fs::write(
        dir.path().join("brief.toml"),
        "title = \"Note Sahel hebdomadaire\"\norganisation = \"Cellule Afrique de l'Ouest\"\nmarking = \"TLP:AMBER\"\nlogo = \"logo.png\"\nkey_points = 3\n",
    )
    .unwrap();
    ok(&generate_in(dir.path(), &[]));
    let pdf = dir.path().join(format!("out/briefing-{DATE}.pdf"));
    let first = flat(&pdf_text(&pdf, Some(1)));
    for expected in [
        "Note Sahel hebdomadaire",
        "Cellule Afrique de l'Ouest",
        "TLP:AMBER",
        "21 novembre 2026",
        "210000ZNOV26",
    ] {
        assert!(first.contains(expected), "{expected} on page 1: {first}");
    }
    let info = String::from_utf8(tool("pdfinfo", &[pdf.to_str().unwrap()]).stdout).unwrap();
    assert!(
        info.contains("Author:          Cellule Afrique de l'Ouest"),
        "{info}"
    );
    let images =
        String::from_utf8(tool("pdfimages", &["-list", pdf.to_str().unwrap()]).stdout).unwrap();
    let logo = images.lines().nth(2).expect("the logo is in the PDF");
    assert!(
        logo.contains(" 600 ") && logo.contains(" 200 "),
        "resized to 600 × 200: {logo}"
    );
    let b = json(&dir.path().join(format!("out/briefing-{DATE}.json")));
    assert_eq!(
        b["key_points"].as_array().unwrap().len(),
        3,
        "sizes from brief.toml"
    );
    // Flags override the file.
    ok(&generate_in(
        dir.path(),
        &["--marking", "TLP:GREEN", "--key-points", "4"],
    ));
    assert!(flat(&pdf_text(&pdf, Some(1))).contains("TLP:GREEN"));
    assert_eq!(
        json(&dir.path().join(format!("out/briefing-{DATE}.json")))["key_points"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn english_labels_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    ok(&generate_in(dir.path(), &["--lang", "en"]));
    let pdf = dir.path().join(format!("out/briefing-{DATE}.pdf"));
    let text = flat(&pdf_text(&pdf, None));
    for expected in [
        "Briefing",
        "21 November 2026",
        "Key points",
        "Meetings and visits",
        "Countries",
        "Timeline",
        "3 April 2025",
    ] {
        assert!(text.contains(expected), "{expected}");
    }
    assert!(!text.contains("L’essentiel"));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(9).any(|w| w == b"/Lang(en)"),
        "document language"
    );
}

#[test]
fn the_outline_lists_every_section() {
    let dir = tempfile::tempdir().unwrap();
    ok(&generate_in(dir.path(), &[]));
    let pdf = dir.path().join(format!("out/briefing-{DATE}.pdf"));
    let out = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let outline: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<String> = outline["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap().to_string())
        .collect();
    for section in [
        "L’essentiel",
        "Réunions et rencontres",
        "Pays",
        "Blocs et organisations",
        "Citations",
        "Chronologie",
        "Points de vigilance",
        "Sources",
        "Méthode",
    ] {
        assert!(
            titles.iter().any(|t| t == section),
            "{section} in the outline: {titles:?}"
        );
    }
    let meetings = outline["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == "Réunions et rencontres")
        .unwrap();
    assert!(
        !meetings["kids"].as_array().unwrap().is_empty(),
        "subsections too"
    );
}

#[test]
fn exported_templates_give_the_same_document_and_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let export = brief_in(dir.path(), &["templates", "export", "mine"]);
    ok(&export);
    assert!(dir.path().join("mine/briefing.typ").exists());
    let again = brief_in(dir.path(), &["templates", "export", "mine"]);
    assert_eq!(again.status.code(), Some(6));
    assert!(stderr(&again).contains("already exists"));
    ok(&generate_into(dir.path(), "a", &[]));
    ok(&generate_into(dir.path(), "b", &["--templates", "mine"]));
    let name = format!("briefing-{DATE}.pdf");
    assert!(
        std::fs::read(dir.path().join("a").join(&name)).unwrap()
            == std::fs::read(dir.path().join("b").join(&name)).unwrap()
    );
}

/// An output folder with a previous good PDF, and the check that a failure leaves it alone.
fn assert_refused(dir: &Path, output: &std::process::Output, says: &str) {
    assert_eq!(output.status.code(), Some(2), "{}", stderr(output));
    let err = stderr(output);
    assert!(
        err.lines()
            .any(|l| l.starts_with("error:") && l.contains(says)),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.join(format!("out/briefing-{DATE}.pdf"))).unwrap(),
        b"good"
    );
}

fn with_previous_pdf() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join(format!("out/briefing-{DATE}.pdf")), b"good").unwrap();
    dir
}

#[test]
fn a_broken_logo_an_unknown_language_or_a_bad_settings_file_stop_the_run() {
    let dir = with_previous_pdf();
    std::fs::write(
        dir.path().join("broken.png"),
        b"\x89PNG\r\n\x1a\nnot really",
    )
    .unwrap();
    assert_refused(
        dir.path(),
        &generate_in(dir.path(), &["--logo", "broken.png"]),
        "logo broken.png",
    );
    std::fs::write(dir.path().join("logo.gif"), b"GIF89a....").unwrap();
    assert_refused(
        dir.path(),
        &generate_in(dir.path(), &["--logo", "logo.gif"]),
        "logo logo.gif",
    );
    assert_refused(
        dir.path(),
        &generate_in(dir.path(), &["--lang", "de"]),
        "--lang",
    );
    std::fs::write(
        dir.path().join("brief.toml"),
        "title = \"ok\"\nkey_points = \"sept\"\n",
    )
    .unwrap();
    assert_refused(
        dir.path(),
        &generate_in(dir.path(), &[]),
        "brief.toml: line 2",
    );
    std::fs::remove_file(dir.path().join("brief.toml")).unwrap();
    assert_refused(
        dir.path(),
        &generate_in(dir.path(), &["--config", "missing.toml"]),
        "cannot read the settings file missing.toml",
    );
}

#[test]
fn emit_png_writes_a_preview_of_the_first_page() {
    let dir = tempfile::tempdir().unwrap();
    ok(&generate_in(dir.path(), &["--emit", "png"]));
    let png = std::fs::read(dir.path().join(format!("out/briefing-{DATE}.png"))).unwrap();
    let picture = image::load_from_memory(&png).expect("a readable PNG");
    assert_eq!(
        (picture.width(), picture.height()),
        (893, 1263),
        "A4 at 1.5 pixels per point"
    );
    let dark = picture.to_luma8().pixels().filter(|p| p.0[0] < 128).count();
    assert!(dark > 10_000, "the page has text on it");
}

#[test]
fn the_locator_map_shades_the_countries_of_the_briefing() {
    let dir = tempfile::tempdir().unwrap();
    ok(&generate_in(dir.path(), &["--emit", "typ"]));
    let markup =
        std::fs::read_to_string(dir.path().join(format!("out/briefing-{DATE}.typ"))).unwrap();
    assert!(
        markup.contains("json(\"map.json\")"),
        "the template draws the map from typed data"
    );
    let pdf = dir.path().join(format!("out/briefing-{DATE}.pdf"));
    let text = flat(&pdf_text(&pdf, None));
    assert!(text.contains("Carte de situation"));
    // The data the markup draws (written beside it by --emit typ): the briefing's countries are
    // shaded, the most covered darkest, and named.
    let map = json(&dir.path().join("out/map.json"));
    let level = |iso: &str| {
        map["shapes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["iso3"] == iso)
            .map(|s| s["level"].as_u64().unwrap())
            .max()
            .unwrap_or(0)
    };
    for iso in ["MLI", "NER", "BFA", "RUS"] {
        assert!(level(iso) > 0, "{iso} shaded");
    }
    assert!(
        level("RUS") > level("NER"),
        "the most covered is the darkest"
    );
    assert_eq!(
        level("BRA"),
        0,
        "a country the briefing does not name stays grey"
    );
    let labels: Vec<&str> = map["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Mali") && labels.contains(&"Russie"),
        "{labels:?}"
    );
}

#[test]
fn footnote_marks_of_one_fact_are_separated() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let shared =
        "Le gouvernement du Tchad a signé mardi un accord de défense avec le Japon à N'Djamena.";
    std::fs::write(
        corpus.join("a.txt"),
        format!("12-03-2025 10:00 - Un accord\n\n{shared}\n\nLes pêcheurs du lac ont salué la décision du ministère de l'Agriculture."),
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.txt"),
        format!("12-03-2025 18:00 - Défense\n\nLa presse de la capitale revient sur la semaine politique.\n\n{shared}"),
    )
    .unwrap();
    let output = brief_in(
        dir.path(),
        &[
            "generate",
            "--corpus",
            "corpus",
            "--date",
            DATE,
            "--no-state",
            "--emit",
            "typ",
        ],
    );
    ok(&output);
    let markup =
        std::fs::read_to_string(dir.path().join(format!("out/briefing-{DATE}.typ"))).unwrap();
    assert!(
        markup.contains("#super[,]#srcnote("),
        "two sources, two marks"
    );
    assert!(!markup.contains("])#srcnote("), "no two marks run together");
    let text = pdf_text(
        &dir.path().join(format!("out/briefing-{DATE}.pdf")),
        Some(1),
    );
    assert!(text.contains("1,2"), "{text}");
}

#[test]
fn counts_agree_with_their_nouns_in_both_languages() {
    for (lang, wrong) in [
        (
            "fr",
            &[
                "1 médias",
                "1 mentions",
                "1 articles lus",
                "cité par 0",
                "0 faits",
            ][..],
        ),
        (
            "en",
            &[
                "1 outlets",
                "1 mentions",
                "1 articles read",
                "cited by 0",
                "by 1 facts",
            ][..],
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        ok(&generate_in(dir.path(), &["--lang", lang, "--no-state"]));
        let text = pdf_text(&dir.path().join(format!("out/briefing-{DATE}.pdf")), None);
        // Words, not parts of longer numbers: " 1 médias" is wrong, "21 médias" is right.
        let text = format!(
            " {} ",
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for w in wrong {
            assert!(
                !text.contains(&format!(" {w}")),
                "{lang}: {w:?} in the briefing"
            );
        }
        let one = if lang == "fr" {
            "1 média identifié"
        } else {
            "1 outlet identified"
        };
        assert!(text.contains(one), "{lang}: {one:?} expected");
    }
}

#[test]
fn without_a_title_page_one_names_the_subject() {
    let dir = tempfile::tempdir().unwrap();
    ok(&generate_in(dir.path(), &["--no-state"]));
    let briefing = briefing_json(dir.path());
    let first = briefing["countries"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    let bloc = briefing["blocs"][0]["short"].as_str().unwrap().to_string();
    let page = pdf_text(
        &dir.path().join(format!("out/briefing-{DATE}.pdf")),
        Some(1),
    );
    let line = page
        .lines()
        .find(|l| l.starts_with(&first))
        .unwrap_or_else(|| panic!("no subject line starting with {first}: {page}"));
    assert!(line.ends_with(&format!("· {bloc}")), "{line}");
    let titled = tempfile::tempdir().unwrap();
    ok(&generate_in(
        titled.path(),
        &["--no-state", "--title", "Note Sahel"],
    ));
    let page = pdf_text(
        &titled.path().join(format!("out/briefing-{DATE}.pdf")),
        Some(1),
    );
    assert!(
        !page.contains(&format!("· {bloc}\n")),
        "a title of the user's stands alone"
    );
}

#[test]
fn page_one_says_how_many_origins_feed_the_briefing() {
    let dir = tempfile::tempdir().unwrap();
    ok(&generate_in(dir.path(), &["--no-state"]));
    let briefing = briefing_json(dir.path());
    let cited = briefing["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["referenced"] == true)
        .count();
    let page = pdf_text(
        &dir.path().join(format!("out/briefing-{DATE}.pdf")),
        Some(1),
    );
    let line = page
        .lines()
        .find(|l| l.contains("articles cités"))
        .unwrap_or_else(|| panic!("no origins line: {page}"));
    assert!(
        line.starts_with(&format!("{cited} articles cités, ")),
        "{line}"
    );
    assert!(
        line.contains("origines indépendantes ; ") && line.contains(" % "),
        "{line}"
    );
}

#[test]
fn sources_are_named_within_the_corpus_wherever_it_lies() {
    // The same files, reached by an absolute path and by a relative one from elsewhere.
    let place = tempfile::tempdir().unwrap();
    let corpus = place.path().join("deep").join("articles");
    std::fs::create_dir_all(&corpus).unwrap();
    for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
    }
    let far = tempfile::tempdir().unwrap();
    let absolute = corpus.to_str().unwrap().to_string();
    let run = |dir: &Path, given: &str| {
        ok(&brief_in(
            dir,
            &[
                "generate",
                "--corpus",
                given,
                "--date",
                DATE,
                "--out",
                "out",
                "--since",
                "2024-12",
                "--no-state",
            ],
        ));
        let pdf = dir.join(format!("out/briefing-{DATE}.pdf"));
        (briefing_json(dir), flat(&pdf_text(&pdf, None)))
    };
    let (by_absolute, text) = run(far.path(), &absolute);
    let (by_relative, _) = run(place.path(), "deep/articles/");
    let where_kept = place.path().to_str().unwrap();
    assert!(!text.contains(where_kept), "an absolute path in the PDF");
    let json = serde_json::to_string(&by_absolute).unwrap();
    assert!(!json.contains(where_kept), "an absolute path in the JSON");
    for source in by_absolute["sources"].as_array().unwrap() {
        let file = source["file"].as_str().unwrap();
        assert!(
            corpus.join(file).is_file(),
            "{file} is not relative to the corpus"
        );
        assert!(text.contains(file), "{file} not in the PDF");
    }
    assert_eq!(by_absolute["sources"], by_relative["sources"]);
    assert_eq!(
        by_absolute["corpus"]["hash"], by_relative["corpus"]["hash"],
        "the fingerprint depends on where the corpus lies"
    );
    // A cited file changed by a few bytes changes it.
    let first = corpus.join(by_absolute["sources"][0]["file"].as_str().unwrap());
    let mut bytes = std::fs::read(&first).unwrap();
    bytes.push(b' ');
    bytes.extend_from_slice("Ajout.".as_bytes());
    std::fs::write(&first, bytes).unwrap();
    let (changed, _) = run(far.path(), &absolute);
    assert_ne!(changed["corpus"]["hash"], by_absolute["corpus"]["hash"]);
}

/// The briefing's text in `lang` on the seeds, and its JSON.
fn seeds_in(lang: &str) -> (String, serde_json::Value, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    ok(&generate_in(dir.path(), &["--no-state", "--lang", lang]));
    let pdf = dir.path().join(format!("out/briefing-{DATE}.pdf"));
    let text = pdf_text(&pdf, None);
    (text, briefing_json(dir.path()), dir)
}

#[test]
fn each_language_speaks_only_its_own_words() {
    // The tool's own words; the articles' sentences stay as written, so none of these can come
    // from them: each is a label or a phrase the tool composes.
    let (french, _, _keep) = seeds_in("fr");
    for english in [
        "date line",
        "meta article",
        "of the duplicate",
        "undated",
        "first seen",
        "; kept",
        "single source",
        // (not English, but a tag said twice: "Source unique Réunion à …: une seule source")
        "une seule source",
        "cited by",
        "Figure ",
        "Meeting in",
        "Conference in",
        "Visit to",
        "United Nations",
        "Economic Community",
        "Wagner Group",
        "independent origin",
        "1 source,",
        "Files or articles",
        "Members",
        "relays",
        "languages",
    ] {
        assert!(
            !french.contains(english),
            "{english:?} in the French briefing"
        );
    }
    let (english, briefing, keep) = seeds_in("en");
    for french in [
        "non daté",
        "une seule source",
        "annoncé, rien",
        "cité par",
        "Membres",
        "relaie",
        "Réunion à",
        "Rencontre à",
        "Visite à",
        "Visite au",
        "Conférence à",
        "mentions dans",
        "Fig. ",
        "sans titre",
        "origines",
        "ligne de date",
        // Organisations by their English names, meetings by their English nouns, and one
        // phrase for the sources of an item.
        "Organisation des Nations unies",
        "Groupe Wagner",
        "Conférence à",
        "1 source,",
        "1 source, single source",
        "source, single",
        "1 independent origin",
        // A point of caution says "single source" once, in its tag.
        ": a single source",
    ] {
        assert!(
            !english.contains(french),
            "{french:?} in the English briefing"
        );
    }
    organisations_in_english(
        &keep.path().join(format!("out/briefing-{DATE}.pdf")),
        &briefing,
    );
    // English punctuation: no space before a colon in the tool's labels, English quotation
    // marks around the titles it prints.
    for label in ["languages:", "Members:", "relays:", "fingerprint"] {
        assert!(english.contains(label), "{label:?} missing");
    }
    assert!(!english.contains("languages :") && !english.contains("Members :"));
    let titled = english
        .lines()
        .find(|l| l.starts_with("S2 ") || l.starts_with("S3 "))
        .expect("an annex entry");
    assert!(!titled.contains('«'), "{titled}");
    // Countries by their English names, as headings and on page one.
    let names = std::fs::read_to_string(root().join("src/data/countries.tsv")).unwrap();
    let english_name = |iso3: &str| {
        names
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .find(|c| c[0] == iso3)
            .map(|c| c[3].to_string())
            .unwrap()
    };
    let lines: Vec<&str> = english.lines().map(str::trim).collect();
    for country in briefing["countries"].as_array().unwrap() {
        let french = country["name"].as_str().unwrap();
        let name = english_name(country["iso3"].as_str().unwrap());
        assert!(lines.contains(&name.as_str()), "no heading {name}");
        if name != french {
            assert!(!lines.contains(&french), "a heading {french}");
        }
    }
    assert!(lines.iter().any(|l| l.starts_with("21 November 2026")));
    // A known office is named in English; the participants' table shows no French role
    // that the table of offices knows.
    let roles: Vec<&str> = briefing["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["participants"].as_array().unwrap())
        .filter_map(|p| p["role"].as_str())
        .collect();
    assert!(
        roles
            .iter()
            .any(|r| r.to_lowercase() == "ministre des affaires étrangères"),
        "the seeds' meetings have a foreign minister: {roles:?}"
    );
    assert!(english.contains("foreign minister"));
    assert!(!lines.contains(&"ministre des Affaires étrangères"));
}

/// The English names of the organisations, by their French short form, from the data file.
fn english_organisations() -> std::collections::BTreeMap<String, (String, String, String)> {
    let table = std::fs::read_to_string(root().join("src/data/organisations.tsv")).unwrap();
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (
                c[0].to_string(),
                (c[1].to_string(), c[2].to_string(), c[3].to_string()),
            )
        })
        .collect()
}

/// The English briefing heads each bloc's section with its English name and lists each acronym
/// with its English long name; no French name of the gazetteer is a heading or a glossary row.
fn organisations_in_english(pdf: &Path, briefing: &serde_json::Value) {
    let names = english_organisations();
    let layout = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let lines: Vec<String> = String::from_utf8(layout.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let blocs = briefing["blocs"].as_array().unwrap();
    assert!(!blocs.is_empty(), "the seeds have a bloc section");
    for bloc in blocs {
        let short = bloc["short"].as_str().unwrap();
        let (french, short_en, name_en) = &names[short];
        let heading = if name_en == short_en {
            name_en.clone()
        } else {
            format!("{name_en} ({short_en})")
        };
        assert!(lines.contains(&heading), "no heading {heading:?}");
        assert!(
            !lines.contains(&format!("{french} ({short})")),
            "a heading {french}"
        );
    }
    // The acronyms: a table of two columns, laid out by `pdftotext -layout` one row a line.
    let glossary = briefing["glossary"].as_array().unwrap();
    assert!(glossary.len() >= 3, "the seeds' glossary: {glossary:?}");
    let glossary_at = lines
        .iter()
        .position(|l| l == "Acronyms")
        .expect("an Acronyms heading");
    for entry in glossary {
        let short = entry["short"].as_str().unwrap();
        let (french, short_en, name_en) = &names[short];
        if entry["name"] != french.as_str() {
            continue; // the articles' own name of another body: no English name for it
        }
        let row = lines[glossary_at..]
            .iter()
            .find(|l| l.starts_with(&format!("{short} ")))
            .unwrap_or_else(|| panic!("no glossary row for {short}"));
        assert!(
            row.contains(name_en.as_str()),
            "{row:?} is not {name_en:?} ({short_en})"
        );
        assert!(!row.contains(french.as_str()), "{row:?} is in French");
    }
}

/// A line of a page as `pdftotext -bbox-layout` gives it: its text, its bottom and its height
/// (in points; a line's height follows its font size).
struct Line {
    text: String,
    bottom: f64,
    height: f64,
}

/// The lines of each page of a PDF.
fn page_lines(pdf: &Path) -> Vec<Vec<Line>> {
    let out = tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    let xhtml = String::from_utf8(out.stdout).unwrap();
    let number = |tag: &str, key: &str| -> f64 {
        let start = tag.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    xhtml
        .split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<line ")
                .skip(1)
                .map(|line| {
                    let tag = line.split('>').next().unwrap();
                    let words: Vec<&str> = line
                        .split("</word>")
                        .filter_map(|w| w.rsplit_once('>').map(|(_, word)| word.trim()))
                        .filter(|w| !w.is_empty())
                        .collect();
                    Line {
                        text: words.join(" "),
                        bottom: number(tag, "yMax"),
                        height: number(tag, "yMax") - number(tag, "yMin"),
                    }
                })
                .collect()
        })
        .collect()
}

/// Headings are set in Noto Sans at 11.5 pt and more (lines 15 pt high and more); text at
/// 10.5 pt (12 pt lines); notes, captions of rows and the running head and foot are smaller.
const HEADING_LINE: f64 = 14.5;
const TEXT_LINE: f64 = 11.5;
/// The running head and foot lie outside these bounds (A4 is 842 pt high).
const BODY: std::ops::Range<f64> = 60.0..790.0;

/// The headings that end a page, or that fewer than two lines of text follow on their page.
fn stranded_headings(pdf: &Path) -> Vec<String> {
    let mut stranded = Vec::new();
    let pages = page_lines(pdf);
    for (n, lines) in pages.iter().enumerate() {
        let mut body: Vec<&Line> = lines
            .iter()
            .filter(|l| BODY.contains(&l.bottom) && l.height >= TEXT_LINE)
            .collect();
        body.sort_by(|a, b| a.bottom.total_cmp(&b.bottom));
        let Some(last_heading) = body.iter().rposition(|l| l.height >= HEADING_LINE) else {
            continue;
        };
        let heading = body[last_heading];
        let after = lines
            .iter()
            .filter(|l| l.bottom > heading.bottom + 1.0 && BODY.contains(&l.bottom))
            .filter(|l| l.height >= 9.5)
            .count();
        if after < 2 && n + 1 < pages.len() {
            stranded.push(format!("page {}: {}", n + 1, heading.text));
        }
    }
    stranded
}

#[test]
fn no_page_ends_with_a_heading() {
    for lang in ["fr", "en"] {
        let (_, _, dir) = seeds_in(lang);
        let pdf = dir.path().join(format!("out/briefing-{DATE}.pdf"));
        let lines = page_lines(&pdf);
        assert!(lines.len() > 3, "{} pages", lines.len());
        // The measure sees headings: every section's heading is one.
        let headings: Vec<&Line> = lines
            .iter()
            .flatten()
            .filter(|l| l.height >= HEADING_LINE)
            .collect();
        assert!(headings.len() > 8, "{} headings found", headings.len());
        let stranded = stranded_headings(&pdf);
        assert!(stranded.is_empty(), "{lang}: {stranded:?}");
    }
}

#[test]
fn no_page_of_a_long_briefing_ends_with_a_heading() {
    let test = "no_page_of_a_long_briefing_ends_with_a_heading";
    let Some(corpus) = shared(test, "corpora/orangesum/articles.jsonl.gz") else {
        return;
    };
    // A week of OrangeSum: some forty pages, every section long enough to cross pages.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    generate_ok(
        &corpus,
        &out,
        &[
            "--since",
            "2020-06-01",
            "--until",
            "2020-06-06",
            "--no-state",
        ],
    );
    let pdf = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    assert!(page_lines(&pdf).len() > 30);
    let stranded = stranded_headings(&pdf);
    assert!(stranded.is_empty(), "{stranded:?}");
}

/// The page's text area: the top margin is 2.4 cm, the bottom one 2.3 cm (A4, 842 pt high).
const TEXT_TOP: f64 = 68.0;
const TEXT_HEIGHT: f64 = 842.0 - TEXT_TOP - 65.2;

/// Why the last page of a PDF is a near-empty page, if it is one: it holds less than a fifth of
/// a page (from the text area's top to its last line) and is not the sources annex (the
/// document's last heading is not "Sources").
fn near_empty_last_page(pdf: &Path) -> Option<String> {
    let pages = page_lines(pdf);
    let last = pages.last().expect("a page");
    let bottom = last
        .iter()
        .filter(|l| l.bottom - l.height >= TEXT_TOP - 1.0 && BODY.contains(&l.bottom))
        .map(|l| l.bottom)
        .fold(TEXT_TOP, f64::max);
    let share = (bottom - TEXT_TOP) / TEXT_HEIGHT;
    let last_heading = pages
        .iter()
        .flatten()
        .rev()
        .find(|l| l.height >= HEADING_LINE && BODY.contains(&l.bottom))
        .map(|l| l.text.clone())
        .unwrap_or_default();
    (share <= 0.2 && last_heading != "Sources").then(|| {
        format!(
            "page {} holds {:.0} % of a page, after the heading {last_heading:?}",
            pages.len(),
            100.0 * share
        )
    })
}

#[test]
fn the_last_page_holds_a_fifth_of_a_page_or_the_sources_annex() {
    // The measure sees a near-empty page: the built-in template with a last page of one
    // heading and one line.
    let dir = tempfile::tempdir().unwrap();
    ok(&brief_in(dir.path(), &["templates", "export", "mine"]));
    let template = dir.path().join("mine/briefing.typ");
    let mut markup = std::fs::read_to_string(&template).unwrap();
    markup.push_str("\n#pagebreak()\n= Annexe\nUne ligne.\n");
    std::fs::write(&template, markup).unwrap();
    ok(&generate_in(
        dir.path(),
        &["--no-state", "--templates", "mine"],
    ));
    let pdf = dir.path().join(format!("out/briefing-{DATE}.pdf"));
    let found = near_empty_last_page(&pdf).expect("a near-empty last page is seen");
    assert!(found.contains("\"Annexe\""), "{found}");
    for lang in ["fr", "en"] {
        let (_, _, dir) = seeds_in(lang);
        let pdf = dir.path().join(format!("out/briefing-{DATE}.pdf"));
        assert_eq!(near_empty_last_page(&pdf), None, "seeds, {lang}");
    }
    // The evaluation stories, longer, each with the command its README gives.
    let test = "the_last_page_holds_a_fifth_of_a_page_or_the_sources_annex";
    let Some(stories) = dev_stories(test) else {
        return;
    };
    for story in stories {
        let out = tempfile::tempdir().unwrap();
        let mut full = vec!["generate"];
        full.extend(story.args.iter().map(String::as_str));
        full.extend([
            "--no-state",
            "--quiet",
            "--out",
            out.path().to_str().unwrap(),
        ]);
        let output = brief(&full);
        assert!(output.status.success(), "{}", stderr(&output));
        let pdf = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "pdf"))
            .unwrap();
        assert_eq!(
            near_empty_last_page(&pdf),
            None,
            "{}",
            story.folder.display()
        );
    }
}
