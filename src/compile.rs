//! Stage 5, Typst markup → PDF bytes, with typst as a library. The only module that names typst.
//!
//! The [`BriefWorld`] is sealed: it serves the one in-memory main source and the fonts embedded
//! in the binary, and refuses every other file, so markup can read nothing from the disk, no
//! package is fetched, and no host path can appear in a message. `today()` is the briefing's
//! date, never the clock.

use chrono::{Datelike, NaiveDate};
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

/// The fonts shipped in `fonts/`, built into the binary (all under the SIL Open Font License).
const EMBEDDED_FONTS: &[&[u8]] = &[
    include_bytes!("../fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../fonts/LibertinusSerif-BoldItalic.otf"),
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../fonts/NotoEmoji-Regular.ttf"),
];

/// The virtual path of the generated markup, the one file the world serves.
const MAIN_PATH: &str = "/briefing.typ";

/// Why the markup did not become a PDF.
#[derive(Debug, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum CompileError {
    #[error("typst could not compile the generated markup:\n{0}\n(the line shown is from the markup the templates produced; with --templates, the fault is likely in your template: compare with the markup of the built-in ones, which `brief generate --emit typ` writes)")]
    Typst(String),
    #[error("PDF export failed: {0}")]
    Pdf(String),
    /// User templates ran over a limit (time, memory, recursion) or their worker died.
    #[error("{0}")]
    Limit(String),
}

/// A document compiled: its PDF and the warnings typst gave.
pub struct Compiled {
    pub pdf: Vec<u8>,
    /// The first page as PNG, when asked for.
    pub preview_png: Option<Vec<u8>>,
    pub pages: usize,
    pub warnings: Vec<String>,
}

/// Compiles markup to a PDF dated `date`.
pub fn compile_pdf(
    markup: &str,
    date: NaiveDate,
    assets: &[(&str, Vec<u8>)],
) -> Result<Compiled, CompileError> {
    compile(markup, date, assets, false)
}

/// Compiles markup to a PDF and, if `preview`, renders its first page to a PNG.
pub fn compile(
    markup: &str,
    date: NaiveDate,
    assets: &[(&str, Vec<u8>)],
    preview: bool,
) -> Result<Compiled, CompileError> {
    let world = BriefWorld::new(markup, date, assets);
    let result = typst::compile::<PagedDocument>(&world);
    let warnings = result
        .warnings
        .iter()
        .map(|d| describe(&world, d))
        .collect();
    let document = result
        .output
        .map_err(|errors| CompileError::Typst(describe_all(&world, &errors)))?;
    // Archival (PDF/A-2b) and accessible (PDF/UA-1) together, as analysts archive and forward
    // the briefing; typst refuses to write a PDF that breaks either.
    let standards =
        typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b, typst_pdf::PdfStandard::Ua_1])
            .map_err(|e| CompileError::Pdf(e.message().to_string()))?;
    // The briefing date, for templates that do not set the document's own (PDF/A needs one).
    let timestamp = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .map(typst_pdf::Timestamp::new_utc);
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(format!("brief-{date}")),
        timestamp,
        standards,
        creator: Smart::Custom(Some(format!("brief {}", env!("CARGO_PKG_VERSION")))),
        ..Default::default()
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|errors| CompileError::Pdf(describe_all(&world, &errors)))?;
    let preview_png = match (preview, document.pages().first()) {
        (true, Some(page)) => Some(first_page_png(page)?),
        _ => None,
    };
    Ok(Compiled {
        pdf,
        preview_png,
        pages: document.pages().len(),
        warnings,
    })
}

/// A page as a PNG, 1.5 pixels per point (about 900 × 1260 pixels for A4), for e-mails and
/// dashboards. typst draws it; the `image` crate encodes it.
fn first_page_png(page: &typst_layout::Page) -> Result<Vec<u8>, CompileError> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(1.5),
        ..Default::default()
    };
    let pixmap = typst_render::render(page, &options);
    let mut rgba = Vec::with_capacity(pixmap.pixels().len() * 4);
    for pixel in pixmap.pixels() {
        let c = pixel.demultiply();
        rgba.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    let picture = image::RgbaImage::from_raw(pixmap.width(), pixmap.height(), rgba)
        .ok_or_else(|| CompileError::Pdf("the page preview has an unexpected size".into()))?;
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(picture)
        .to_rgb8()
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| CompileError::Pdf(format!("cannot encode the page preview: {e}")))?;
    Ok(png.into_inner())
}

/// The first page of a published PDF as a PNG, as `first_page_png` draws it from the document
/// (1.5 pixels per point, on white): for `brief send` when the run that made the PDF wrote no
/// picture. The PDF is read back with `hayro`, a PDF rasterizer by typst's authors; `None` if it
/// cannot be read.
pub fn pdf_first_page_png(pdf: &[u8]) -> Option<Vec<u8>> {
    use hayro::hayro_syntax::Pdf;
    let pdf = Pdf::new(pdf.to_vec()).ok()?;
    let pages = pdf.pages();
    let page = pages.first()?;
    let pixmap = hayro::render(
        page,
        &hayro::RenderCache::new(),
        &hayro::hayro_interpret::InterpreterSettings::default(),
        &hayro::RenderSettings::default(),
        &hayro::PixmapSettings {
            x_scale: 1.5,
            y_scale: 1.5,
            bg_color: hayro::vello_cpu::color::palette::css::WHITE,
        },
    );
    pixmap.into_png().ok()
}

/// Whether one of the embedded fonts can draw `c`. PDF/A forbids text without a glyph, so the
/// renderer replaces what no font covers (see `render::printable`).
pub fn font_covers(c: char) -> bool {
    static COVERED: OnceLock<std::collections::HashSet<u32>> = OnceLock::new();
    if c.is_ascii() {
        return true;
    }
    COVERED
        .get_or_init(|| {
            let book = &fonts().0;
            (0..fonts().1.len())
                .filter_map(|i| book.info(i))
                .flat_map(|info| info.coverage.iter())
                .collect()
        })
        .contains(&(c as u32))
}

struct BriefWorld {
    library: &'static LazyHash<Library>,
    main: Source,
    today: NaiveDate,
    /// The only other files the markup may read: our own assets (the logo), by virtual path.
    assets: Vec<(FileId, Bytes)>,
}

impl BriefWorld {
    fn new(markup: &str, today: NaiveDate, assets: &[(&str, Vec<u8>)]) -> Self {
        let assets = assets
            .iter()
            .map(|(name, bytes)| (file_id(&format!("/{name}")), Bytes::new(bytes.clone())))
            .collect();
        BriefWorld {
            library: library(),
            main: Source::new(main_id(), markup.to_string()),
            today,
            assets,
        }
    }
}

fn main_id() -> FileId {
    file_id(MAIN_PATH)
}

fn file_id(path: &str) -> FileId {
    let path = VirtualPath::new(path).expect("valid virtual path");
    FileId::new(RootedPath::new(VirtualRoot::Project, path))
}

/// Typst's standard library, built once per process.
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// Parses the fonts and builds the standard library ahead of the first compile, on a thread
/// of its own while the run reads and summarises (both are needed by any compile).
pub fn warm_up() {
    fonts();
    library();
}

/// The embedded fonts, parsed once per process.
fn fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = EMBEDDED_FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

impl World for BriefWorld {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.assets
            .iter()
            .find(|(asset, _)| *asset == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().1.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Datetime::from_ymd(
            self.today.year(),
            self.today.month() as u8,
            self.today.day() as u8,
        )
    }
}

fn describe_all(world: &BriefWorld, diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| describe(world, d))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "briefing.typ:12:5: error: message (hint: …)" followed by the offending line.
fn describe(world: &BriefWorld, diagnostic: &SourceDiagnostic) -> String {
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut text = match world
        .range(diagnostic.span)
        .and_then(|r| world.main.lines().byte_to_line_column(r.start))
    {
        Some((line, column)) => {
            let source_line = world
                .main
                .text()
                .lines()
                .nth(line)
                .unwrap_or_default()
                .trim();
            let shown: String = source_line.chars().take(160).collect();
            format!(
                "briefing.typ:{}:{}: {severity}: {}\n    {shown}",
                line + 1,
                column + 1,
                diagnostic.message
            )
        }
        None => format!("{severity}: {}", diagnostic.message),
    };
    let mut hints: Vec<String> = diagnostic.hints.iter().map(|h| our_hint(&h.v)).collect();
    hints.dedup();
    for hint in hints {
        text.push_str(&format!("\n    hint: {hint}"));
    }
    text
}

/// typst's hints speak of its own command line (`--root`, `--font-path`, `--package-path`…),
/// which `brief` does not have: those are replaced by what is true here.
fn our_hint(hint: &str) -> String {
    if hint.contains("--") || hint.contains("project root") {
        return "brief's templates can read no file: only the markup they produce, the fonts built into brief, and the logo and map brief provides".into();
    }
    hint.to_string()
}

/// Whether `markup` parses as plain text only (text, escapes, spaces): what [`crate::render`]'s
/// escaping promises. Returns the text Typst would show, or `None` if any markup appears.
pub fn markup_as_plain_text(markup: &str) -> Option<String> {
    use typst::syntax::{parse, SyntaxKind};
    let root = parse(markup);
    if root.diagnosis().either() {
        return None;
    }
    let mut out = String::new();
    for child in root.children() {
        match child.kind() {
            SyntaxKind::Text => out.push_str(child.leaf_text()),
            SyntaxKind::Space => out.push(' '),
            SyntaxKind::Escape => out.push_str(&child.leaf_text()[1..]),
            _ => return None,
        }
    }
    Some(out)
}

/// The value of a Typst string literal, if `literal` is exactly one.
pub fn string_literal_value(literal: &str) -> Option<String> {
    use typst::syntax::{ast, parse_code, SyntaxKind};
    let root = parse_code(literal);
    let node = root.children().next()?;
    if root.diagnosis().either() || root.children().count() != 1 || node.kind() != SyntaxKind::Str {
        return None;
    }
    node.cast::<ast::Str>().map(|s| s.get().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    #[test]
    fn compiles_french_and_cyrillic_text() {
        let out = compile_pdf(
            "#set document(title: \"t\")\n#set text(font: \"Libertinus Serif\", lang: \"fr\")\nÉté « Петров »",
            date(),
            &[],
        )
        .unwrap();
        assert!(out.pdf.starts_with(b"%PDF-"));
        assert_eq!(out.pages, 1);
    }

    #[test]
    fn reads_no_file_from_disk() {
        let err = compile_pdf("#read(\"/etc/hostname\")", date(), &[])
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("briefing.typ:1:"), "{err}");
        assert!(err.contains("access denied"), "{err}");
    }

    #[test]
    fn today_is_the_briefing_date() {
        let out = compile_pdf(
            "#set document(title: \"t\")\n#assert(datetime.today() == datetime(year: 2026, month: 11, day: 21))",
            date(),
            &[],
        );
        assert!(out.is_ok());
    }

    #[test]
    fn plain_text_check_rejects_markup() {
        assert_eq!(markup_as_plain_text("a \\# b").as_deref(), Some("a # b"));
        assert!(markup_as_plain_text("a #b").is_none());
        assert!(markup_as_plain_text("*gras*").is_none());
        assert_eq!(string_literal_value("\"a\\\"b\"").as_deref(), Some("a\"b"));
    }
}
