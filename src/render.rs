//! Stage 4, briefing model → Typst markup, through Tera templates.
//!
//! Escaping is by construction: templates named `*.typ` are rendered with Tera's autoescape on
//! and [`escape_markup`] as the escape function, so every `{{ value }}` reaches Typst as plain
//! text in which every ASCII punctuation character is backslash-escaped: it cannot open code
//! (`#`), math (`$`), a label, a reference, a raw block, a comment, a link, a heading or a list,
//! and no file can be read from it. Where a template needs a value inside Typst code (a URL for
//! `link`, the document title), the `typst_str` filter writes a complete string literal instead.
//! Only the templates' own text is markup.

use crate::corpus::DateFrom;
use crate::dates::{parse_iso_partial, PartialDate};
use crate::model::{Briefing, Period};
use crate::publish::{Destination, PublishError};
use crate::settings::Lang;
use crate::text::shorten;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tera::{Tera, Value};

/// The main template's name; the others are included from it.
pub const MAIN_TEMPLATE: &str = "briefing.typ";

/// The templates shipped in the binary, so that `brief` runs from any folder.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("briefing.typ", include_str!("../templates/briefing.typ")),
    ("map.typ", include_str!("../templates/map.typ")),
    ("timeline.typ", include_str!("../templates/timeline.typ")),
];

/// Why the templates did not give markup.
#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
pub enum RenderError {
    /// A Tera error, at a line of a template when one can be named.
    #[error("template {file}{line}: {message} (fix the template, or run without --templates to use the built-in ones)")]
    Template {
        file: String,
        line: String,
        message: String,
    },
    /// The templates folder cannot be listed, or has no `briefing.typ`.
    #[error("cannot read the templates folder {0}: {1} (give --templates a folder holding briefing.typ; `brief templates export DIR` makes one)")]
    Folder(String, String),
    /// A template file breaks the reading rules (not a regular file, a link out, too large…).
    #[error("cannot use the template {file}: {reason} (fix the file, or run without --templates)")]
    File { file: String, reason: String },
}

/// What the templates receive: the briefing and the ready-made strings of [`View`]; `map`
/// says whether the markup may read the locator map (`map.json`).
pub fn context(briefing: &Briefing, presentation: &Presentation, map: bool) -> Value {
    serde_json::to_value(View::new(briefing, presentation, map)).expect("the view serialises")
}

/// `get_env` would print the host's environment (tokens, passwords) into the PDF.
fn refuse_get_env(_: &HashMap<String, Value>) -> tera::Result<Value> {
    Err(tera::Error::msg(
        "get_env is not available in brief's templates: the environment stays out of the briefing",
    ))
}

/// The most items `range` gives.
const MAX_RANGE: i64 = 100_000;

/// Tera's `range(end, start=0, step_by=1)`, refusing more than [`MAX_RANGE`] items.
/// `first_citation(id=…)`: whether this render has not yet cited source `id`, in the order the
/// markup is written (the document's order): its first citation carries the footnote, later
/// ones point to it. Decided here rather than by a Typst `state`, whose `context` per citation
/// costs a fifth of a long briefing's compile time.
#[derive(Default, Clone)]
struct FirstCitation(std::sync::Arc<std::sync::Mutex<std::collections::HashSet<String>>>);

impl tera::Function for FirstCitation {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let id = args
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("first_citation: `id` must be a string"))?;
        let mut cited = self.0.lock().unwrap_or_else(|e| e.into_inner());
        Ok(Value::Bool(cited.insert(id.to_string())))
    }
}

fn bounded_range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |key: &str, default: Option<i64>| -> tera::Result<i64> {
        match args.get(key) {
            Some(v) => v
                .as_i64()
                .ok_or_else(|| tera::Error::msg(format!("range: `{key}` must be a whole number"))),
            None => default.ok_or_else(|| tera::Error::msg("range: `end` is required")),
        }
    };
    let (start, end, step) = (
        number("start", Some(0))?,
        number("end", None)?,
        number("step_by", Some(1))?,
    );
    if step <= 0 {
        return Err(tera::Error::msg("range: `step_by` must be at least 1"));
    }
    // In 128 bits: no bound a template gives can overflow the count.
    let (first, last, stride) = (i128::from(start), i128::from(end), i128::from(step));
    let count = if last > first {
        (last - first + stride - 1) / stride
    } else {
        0
    };
    if count > i128::from(MAX_RANGE) {
        return Err(tera::Error::msg(format!(
            "range: {count} items, more than the {MAX_RANGE} brief's templates allow"
        )));
    }
    Ok(Value::Array(
        (0..count as i64)
            .map(|i| Value::from(start + i * step))
            .collect(),
    ))
}

/// Writes the built-in templates into `dir`, refusing to overwrite anything already there.
pub fn export_templates(dir: &Path) -> Result<Vec<std::path::PathBuf>, PublishError> {
    for (name, _) in DEFAULT_TEMPLATES {
        let target = dir.join(name);
        if target.symlink_metadata().is_ok() {
            return Err(PublishError::Exists {
                path: crate::paths::shown(&target),
                to: Destination::Templates,
            });
        }
    }
    let files: Vec<(String, Vec<u8>)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
        .collect();
    crate::publish::publish(dir, &files, Destination::Templates)
}

/// A template's text, its name (as `{% include %}` knows it) and where it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TemplateSource {
    pub name: String,
    /// "templates/briefing.typ (built-in)" or the user's path, for messages.
    pub origin: String,
    pub text: String,
}

/// The built-in templates.
pub fn builtin_sources() -> Vec<TemplateSource> {
    DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| TemplateSource {
            name: name.to_string(),
            origin: format!("templates/{name} (built-in)"),
            text: text.to_string(),
        })
        .collect()
}

/// The built-in templates, parsed once per process (on the warm-up thread of `generate`).
pub fn builtin() -> &'static Templates {
    static BUILTIN: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| {
        Templates::from_sources(&builtin_sources()).expect("the built-in templates parse")
    })
}

/// The largest template file read.
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// The `*.typ` templates of a user's folder (not hidden ones); `briefing.typ` must be among
/// them. Read under the corpus's rules: regular files only, opened without blocking, no link
/// that leads out of the folder, a size limit. Anything else is an error naming the file,
/// before any of its content is read.
pub fn read_folder(dir: &Path) -> Result<Vec<TemplateSource>, RenderError> {
    let shown_dir = crate::paths::shown(dir);
    let folder_error = |e: std::io::Error| RenderError::Folder(shown_dir.clone(), e.to_string());
    let inside = std::fs::canonicalize(dir).map_err(folder_error)?;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(folder_error)?
        .collect::<Result<_, _>>()
        .map_err(folder_error)?;
    entries.sort_by_key(|e| e.file_name());
    let mut sources = Vec::new();
    for entry in entries {
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.ends_with(".typ") || name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let origin = crate::paths::shown(&path);
        let text = read_template(&path, &inside).map_err(|reason| RenderError::File {
            file: origin.clone(),
            reason,
        })?;
        sources.push(TemplateSource { name, origin, text });
    }
    if !sources.iter().any(|s| s.name == MAIN_TEMPLATE) {
        return Err(RenderError::Folder(
            shown_dir,
            format!("no {MAIN_TEMPLATE} in it"),
        ));
    }
    Ok(sources)
}

fn read_template(path: &Path, inside: &Path) -> Result<String, String> {
    let target = std::fs::canonicalize(path).map_err(|e| crate::files::describe_io(&e))?;
    if !target.starts_with(inside) {
        return Err("a symbolic link that leads out of the templates folder; copy the file into the folder instead".into());
    }
    let bytes = crate::files::read_regular(path, MAX_TEMPLATE_BYTES)?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

/// A set of templates ready to render, with where each came from (for error messages).
pub struct Templates {
    tera: Tera,
    cited: FirstCitation,
    origins: HashMap<String, (String, String)>,
}

impl Templates {
    /// Parses templates. Tera's functions that reach the host (`get_env`) are replaced by ones
    /// that refuse, and `range` is bounded.
    pub fn from_sources(sources: &[TemplateSource]) -> Result<Templates, RenderError> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".typ"]);
        tera.set_escape_fn(escape_markup);
        tera.register_filter("typst_str", TypstStr);
        tera.register_filter("date_fr", date_fr);
        tera.register_filter("date_long", date_long);
        tera.register_filter("role", role);
        tera.register_filter("fact_text", fact_text);
        tera.register_filter("shorten", shorten_filter);
        tera.register_function("get_env", refuse_get_env);
        tera.register_function("range", bounded_range);
        let cited = FirstCitation::default();
        tera.register_function("first_citation", cited.clone());
        let mut origins = HashMap::new();
        for source in sources {
            origins.insert(
                source.name.clone(),
                (source.origin.clone(), source.text.clone()),
            );
        }
        let templates: Vec<(&str, &str)> = sources
            .iter()
            .map(|s| (s.name.as_str(), s.text.as_str()))
            .collect();
        let mut this = Templates {
            tera,
            cited,
            origins,
        };
        if let Err(e) = this.tera.add_raw_templates(templates) {
            return Err(this.error(&e));
        }
        Ok(this)
    }

    /// Renders a [`context`] into Typst markup.
    pub fn render(&self, context: &Value) -> Result<String, RenderError> {
        let context = tera::Context::from_value(context.clone()).map_err(|e| self.error(&e))?;
        self.cited
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.tera
            .render(MAIN_TEMPLATE, &context)
            .map_err(|e| self.error(&e))
    }

    /// A Tera error as "file:line: message", the line found from Tera's position or, for
    /// rendering errors, from the first line of the template naming the culprit.
    fn error(&self, error: &tera::Error) -> RenderError {
        let mut chain = vec![error.to_string()];
        let mut source = std::error::Error::source(error);
        while let Some(e) = source {
            chain.push(e.to_string());
            source = e.source();
        }
        let full = chain.join(": ");
        let name = self
            .origins
            .keys()
            .filter(|n| full.contains(&format!("'{n}'")))
            .max_by_key(|n| n.len())
            .cloned()
            .unwrap_or_else(|| MAIN_TEMPLATE.to_string());
        let (origin, text) = self.origins.get(&name).cloned().unwrap_or_default();
        let line = parse_position(&full).or_else(|| culprit_line(&full, &text));
        let message = chain.last().cloned().unwrap_or_default();
        let message = message
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        RenderError::Template {
            file: origin,
            line: line.map(|l| format!(":{l}")).unwrap_or_default(),
            message: squeeze(&message),
        }
    }
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Tera's parse errors carry "--> LINE:COL".
fn parse_position(message: &str) -> Option<String> {
    let after = message.split("--> ").nth(1)?;
    let pos: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    (!pos.is_empty()).then_some(pos.trim_end_matches(':').to_string())
}

/// For "Variable `x.y` not found…" and similar, the first template line that names `x.y`.
/// For "Function call 'range' failed", the first line that calls `range(`.
fn culprit_line(message: &str, template: &str) -> Option<String> {
    let line_with = |needle: &str| {
        template
            .lines()
            .position(|l| l.contains(needle))
            .map(|n| (n + 1).to_string())
    };
    if let Some(culprit) = message.split('`').nth(1) {
        return line_with(culprit);
    }
    let function = message
        .split("Function call '")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())?;
    line_with(&format!("{function}("))
}

/// French spacing: the space before « ; ! ? » and inside « » becomes a narrow no-break space
/// (U+202F), the space before « : » a no-break space (U+00A0), so that no line starts with them.
/// Only existing spaces change: the words stay as the source wrote them.
pub fn french_spacing(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let chars: Vec<char> = input.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let replaced = match (c, next, previous) {
            (' ', Some(';' | '!' | '?' | '»'), _) => '\u{202f}',
            (' ', Some(':'), _) => '\u{a0}',
            (' ', _, Some('«')) => '\u{202f}',
            _ => c,
        };
        out.push(replaced);
    }
    out
}

/// Characters no embedded font can draw become their code, "[U+25BA]": PDF/A forbids text
/// without glyphs, and the JSON keeps the original. Spaces and marks that draw nothing stay.
pub fn printable(input: &str) -> String {
    if input.is_ascii() {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        let invisible = c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}');
        if invisible || crate::compile::font_covers(c) {
            out.push(c);
        } else {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        }
    }
    out
}

/// Escapes text for Typst markup, with French spacing: ASCII punctuation backslash-escaped,
/// line breaks and tabs made spaces, other control characters dropped. The result is only
/// text, whatever the input.
pub fn escape_markup(input: &str) -> String {
    let input = printable(&french_spacing(input));
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push(' ')
            }
            c if c.is_control() => {}
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A complete Typst string literal holding `input` exactly (control characters as escapes).
pub fn typst_string_literal(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 2);
    out.push('"');
    for c in input.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `{{ value | typst_str }}`: a Typst string literal, marked safe (it is complete and closed).
struct TypstStr;

impl tera::Filter for TypstStr {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        Ok(Value::String(typst_string_literal(&text)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ "2025-06-12" | date_fr }}` → "12 juin 2025"; anything else is returned as it is.
fn date_fr(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = value.as_str().unwrap_or_default();
    Ok(Value::String(
        parse_iso_partial(text).map_or_else(|| text.to_string(), |d| d.french_long()),
    ))
}

/// `shorten(length=N)`: the text cut on a word to at most N characters, with "…" when cut.
fn shorten_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = value.as_str().unwrap_or_default();
    let length = args.get("length").and_then(Value::as_u64).unwrap_or(40) as usize;
    Ok(Value::from(shorten(text, length)))
}

/// `fact_text`: a fact's words as its source has them, with the antecedent of its opening
/// pronoun in brackets after it ("Il [Kofi Mensah] a annoncé…"). The brackets are text, escaped
/// like the rest.
fn fact_text(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = value
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let antecedent = value.get("antecedent");
    let at = antecedent
        .and_then(|a| a.get("at"))
        .and_then(Value::as_u64)
        .map(|at| at as usize)
        .filter(|&at| text.is_char_boundary(at));
    let name = antecedent
        .and_then(|a| a.get("name"))
        .and_then(Value::as_str);
    Ok(Value::from(match (at, name) {
        (Some(at), Some(name)) => format!("{} [{name}]{}", &text[..at], &text[at..]),
        _ => text.to_string(),
    }))
}

/// `role(lang=…)`: a role as the articles wrote it, or its English name in an English briefing
/// when it is one of the offices of `data/offices.tsv`.
fn role(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = value.as_str().unwrap_or_default();
    let english = args.get("lang").and_then(Value::as_str) == Some("en");
    let shown = if english {
        office_in_english(text)
    } else {
        None
    };
    Ok(Value::from(shown.unwrap_or(text)))
}

const OFFICES: &str = include_str!("data/offices.tsv");

/// A role's English name when it is a known office as a whole.
fn office_in_english(role: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<HashMap<String, &'static str>> = std::sync::OnceLock::new();
    let key = |text: &str| crate::text::fold(&text.replace('’', "'"));
    let table = TABLE.get_or_init(|| {
        OFFICES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(french, english)| (key(french), english))
            .collect()
    });
    table.get(&key(role.trim())).copied()
}

/// `{{ "2025-06-12" | date_long(lang=lang) }}` → "12 juin 2025" or "12 June 2025".
fn date_long(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = value.as_str().unwrap_or_default();
    let lang = match args.get("lang").and_then(Value::as_str) {
        Some("en") => Lang::En,
        _ => Lang::Fr,
    };
    Ok(Value::String(
        parse_iso_partial(text).map_or_else(|| text.to_string(), |d| d.long(lang)),
    ))
}

/// How the briefing looks, from `brief.toml` and the flags.
#[derive(Debug, Clone, Default)]
pub struct Presentation {
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub marking: String,
    pub lang: Lang,
    /// The logo, checked and resized, as PNG.
    pub logo: Option<Vec<u8>>,
    /// Whose view the map's disputed borders follow (`[map] point_of_view`).
    pub point_of_view: crate::map::PointOfView,
}

/// The largest logo file read (a logo is a few hundred kilobytes).
const MAX_LOGO_BYTES: u64 = 20 * 1024 * 1024;

/// The virtual file name under which the logo reaches Typst.
pub const LOGO_FILE: &str = "logo.png";

/// Reads a logo (PNG, JPEG or WebP), checks it is an image of a sensible size, scales it to at
/// most 600 × 200 pixels and re-encodes it as PNG.
pub fn load_logo(path: &Path) -> Result<Vec<u8>, String> {
    let shown = crate::paths::shown(path);
    let bytes = crate::files::read_regular(path, MAX_LOGO_BYTES)
        .map_err(|e| format!("logo {shown}: cannot read it: {e}"))?;
    let format = image::guess_format(&bytes)
        .map_err(|_| format!("logo {shown}: not a PNG, JPEG or WebP image"))?;
    if !matches!(
        format,
        image::ImageFormat::Png | image::ImageFormat::Jpeg | image::ImageFormat::WebP
    ) {
        return Err(format!(
            "logo {shown}: {format:?} is not supported; use PNG, JPEG or WebP"
        ));
    }
    let picture = image::load_from_memory_with_format(&bytes, format)
        .map_err(|e| format!("logo {shown}: broken image: {e}"))?;
    if picture.width() < 16 || picture.height() < 16 {
        return Err(format!(
            "logo {shown}: {}×{} pixels is too small (16×16 at least)",
            picture.width(),
            picture.height()
        ));
    }
    let picture = if picture.width() > 600 || picture.height() > 200 {
        picture.thumbnail(600, 200)
    } else {
        picture
    };
    let mut png = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| format!("logo {shown}: cannot re-encode it: {e}"))?;
    Ok(png.into_inner())
}

const LABELS: &str = include_str!("data/labels.toml");

/// The countries the briefing says most about (three at most, as the sections order them) and
/// its bloc with the most facts: "Mali, Niger, Burkina Faso · AES".
fn subject(briefing: &Briefing, lang: Lang) -> String {
    let g = crate::gazetteer::Gazetteer::shipped();
    let countries: Vec<&str> = briefing
        .countries
        .iter()
        .take(SUBJECT_COUNTRIES)
        .map(|c| {
            g.by_iso3(&c.iso3)
                .map_or(c.name.as_str(), |k| k.name_in(lang))
        })
        .collect();
    let bloc = briefing.blocs.first().map(|b| {
        g.organisation(&b.short)
            .map_or(b.short.as_str(), |o| o.short_in(lang))
    });
    let parts: Vec<String> = [
        (!countries.is_empty()).then(|| countries.join(", ")),
        bloc.map(str::to_string),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" · ")
}

/// How many articles the briefing cites, from how many independent origins (a relayed wire
/// counts once, whoever relays it, as for facts), and the largest origin's share; empty when it
/// cites nothing.
fn reliability(briefing: &Briefing, word: &dyn Fn(&str) -> String) -> String {
    // An article with no outlet is an origin of its own, with no name to show.
    let mut by_origin: BTreeMap<String, (usize, Option<&str>)> = BTreeMap::new();
    let cited: Vec<&crate::model::Source> =
        briefing.sources.iter().filter(|s| s.referenced).collect();
    if cited.is_empty() {
        return String::new();
    }
    for s in &cited {
        let (key, name) = match s.relayed.first().or(s.outlet.as_ref()) {
            Some(name) => (crate::text::fold(name), Some(name.as_str())),
            None => (format!("\0{}", s.file), None),
        };
        by_origin.entry(key).or_insert((0, name)).0 += 1;
    }
    let n = cited.len();
    let plural = |n: usize, one: &str, many: &str| {
        format!("{n} {}", if n > 1 { word(many) } else { word(one) })
    };
    let counts = format!(
        "{}, {}",
        plural(n, "article_cited", "articles_cited"),
        plural(by_origin.len(), "origin_word", "origins_word"),
    );
    let largest = by_origin
        .values()
        .filter_map(|(count, name)| Some((*count, (*name)?)))
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)));
    match largest {
        Some((count, name)) => format!(
            "{counts}{} {}{} {name}",
            word("semicolon"),
            (100 * count + n / 2) / n,
            word("percent"),
        ),
        None => counts,
    }
}

/// How many countries the subject line names.
const SUBJECT_COUNTRIES: usize = 3;

/// The briefing's period in words ("du 1er mars 2025 au 31 mars 2025").
pub fn period_text(period: &Period, lang: Lang, labels: &BTreeMap<String, String>) -> String {
    let word = |k: &str| labels.get(k).cloned().unwrap_or_default();
    let long = |iso: &Option<String>| {
        iso.as_deref()
            .and_then(parse_iso_partial)
            .map(|d| d.long(lang))
    };
    match (long(&period.since), long(&period.until)) {
        (Some(s), Some(u)) => format!("{} {s} {} {u}", word("from"), word("to")),
        (Some(s), None) => format!("{} {s}", word("since")),
        (None, Some(u)) => format!("{} {u}", word("until")),
        (None, None) => word("whole_period"),
    }
}

/// The document's words in `lang`, from `data/labels.toml`.
pub fn labels(lang: Lang) -> BTreeMap<String, String> {
    let table: toml::Table = LABELS.parse().expect("labels.toml is valid");
    let words = table
        .get(lang.code())
        .and_then(|v| v.as_table())
        .expect("labels for each language");
    words
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

/// What the templates receive: the briefing itself, plus ready-made strings a template cannot
/// compute (dates in the briefing's language, citations, labels). Documented in docs/src/guide/templates.md.
#[derive(Serialize)]
struct View<'a> {
    briefing: &'a Briefing,
    /// "fr" or "en".
    lang: &'static str,
    /// The document's words in that language (`labels.key_points`, …).
    labels: BTreeMap<String, String>,
    title: String,
    /// How the cited sources stand: "12 articles, 3 origines indépendantes ; 75 % AFP".
    reliability: String,
    /// Without a title of the user's: what the briefing is about, its most covered countries and
    /// its largest bloc ("Mali, Niger, Burkina Faso · AES"); empty otherwise.
    subject: String,
    organisation: Option<String>,
    marking: String,
    /// Whether a logo is available as `logo.png`.
    logo: bool,
    /// Whether a locator map is available as `map.json` (see `map.rs` for its fields).
    map: bool,
    /// "21 novembre 2026" or "21 November 2026".
    date_long: String,
    /// The date-time group of the briefing's date: "210000ZNOV26".
    dtg: String,
    /// The briefing date as year, month, day numbers for Typst's `datetime`.
    date_parts: [u32; 3],
    /// "depuis le 1er mars 2025", "du … au …", or "toute la période du corpus".
    period_text: String,
    /// Source id → one-line citation: outlet, « title », date, file.
    cite: BTreeMap<&'a str, String>,
    /// Source id → where its publication date was found, in words: "balise meta
    /// article:published_time".
    dated_by: BTreeMap<&'a str, String>,
    /// Meeting id → its title in the briefing's language (French: the articles' own noun).
    meeting_titles: BTreeMap<&'a str, String>,
    /// The files the warnings concern, each once, in order; and how many concern no file.
    warned: Warned,
    /// Source id → its URL, for the sources whose URL may be a link (http, https, mailto).
    links: BTreeMap<&'a str, &'a str>,
    /// ISO3 code → country name in the briefing's language, for every country.
    country_names: BTreeMap<&'static str, &'static str>,
    /// Each bloc's heading in the briefing's language, in the order of `briefing.blocs`: the
    /// gazetteer's name and short form ("United Nations (UN)"), else the summariser's name.
    bloc_headings: Vec<String>,
    /// The acronyms the cited articles use, each with its long name in the briefing's language.
    glossary: Vec<crate::model::GlossaryEntry>,
    /// Date precision → label ("day" → "jour").
    precision: BTreeMap<String, String>,
    /// Vigilance kind → label.
    vigilance_labels: BTreeMap<String, String>,
    /// The timeline's frieze: where its scale starts and the events it draws.
    frieze: Frieze,
}

/// The frieze of the timeline, made ready for `templates/timeline.typ`: one linear scale from
/// `from` (the period's first day, else the first event's) to the last event drawn or the
/// briefing's date, and the events in date order, each once.
#[derive(Serialize, Default)]
struct Frieze {
    /// "2025-03-01": where the scale starts.
    from: String,
    events: Vec<FriezeEvent>,
}

#[derive(Serialize)]
struct FriezeEvent {
    /// The entry's date as the JSON gives it ("2025-03-04", "2025-03").
    date: String,
    /// Where it stands on the scale: its day, or for a month the middle of the part of it that
    /// lies in the period ("2025-03-15").
    day: String,
    /// Announced after the briefing's date.
    ahead: bool,
    /// A meeting the articles say was cancelled, postponed or refused: a hollow grey dot.
    called_off: bool,
    /// Its short title in the document's language; empty: a dot without a label.
    label: String,
    /// A page-one fact or a meeting: labelled before the others.
    key: bool,
    /// The order labels are placed in: page-one and meeting events, then those with an event
    /// word, then the most reported.
    rank: usize,
}

/// The longest frieze label, in characters; longer titles lose their place, then an actor.
const FRIEZE_LABEL: usize = 40;

/// The frieze's events: the timeline's, then the announced ones (a meeting, a text or a label
/// on a day already drawn is not drawn again) up to as far after the briefing's date as half the period before
/// it (the rest is in *À suivre*).
fn frieze(briefing: &Briefing, lang: Lang, word: &dyn Fn(&str) -> String) -> Frieze {
    use chrono::NaiveDate;
    let today = NaiveDate::parse_from_str(&briefing.date, "%Y-%m-%d").expect("ISO date");
    let page_one: std::collections::HashSet<&str> = briefing
        .headline
        .iter()
        .chain(&briefing.key_points)
        .map(|f| f.text.as_str())
        .collect();
    let first = briefing.timeline.iter().map(|e| e.date.first_day()).min();
    let since = briefing
        .period
        .since
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let from = since.or(first).unwrap_or(today).min(today);
    let horizon = today + (today - from).max(chrono::Duration::days(14)) / 2;
    let entries: Vec<(&crate::model::TimelineEntry, bool)> = briefing
        .timeline
        .iter()
        .map(|e| (e, false))
        .chain(briefing.upcoming.iter().map(|e| (e, true)))
        .filter(|(e, ahead)| !ahead || e.date.first_day() <= horizon)
        .collect();
    let mut seen = Seen::default();
    let mut events = Vec::new();
    let mut weights = Vec::new();
    for (e, ahead) in entries.iter().copied() {
        let meeting = e
            .meeting
            .as_ref()
            .and_then(|id| briefing.meetings.iter().find(|m| &m.id == id));
        let label = match meeting {
            Some(m) => meeting_label(m, lang, word),
            None => title_label(&e.title, lang, word),
        };
        let told = meeting.is_none() && meeting_of_the_day(e, &entries, briefing);
        if told || !seen.first_time(e, &label) {
            continue;
        }
        let key = meeting.is_some() || page_one.contains(e.text.as_str());
        weights.push((
            !key,
            e.title.event.is_none(),
            std::cmp::Reverse(e.sources.len()),
        ));
        let called_off = meeting.is_some_and(|m| {
            use crate::model::MeetingStatus;
            matches!(
                m.status,
                MeetingStatus::Cancelled | MeetingStatus::Postponed | MeetingStatus::Refused
            )
        });
        events.push(FriezeEvent {
            called_off,
            day: frieze_day(&e.date, from, if ahead { e.date.last_day() } else { today })
                .to_string(),
            date: e.date.to_string(),
            ahead,
            label,
            key,
            rank: 0,
        });
    }
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (weights[i], i));
    for (rank, i) in order.into_iter().enumerate() {
        events[i].rank = rank;
    }
    Frieze {
        from: from.to_string(),
        events,
    }
}

/// What the frieze has drawn: each meeting, text, and label on a day once.
#[derive(Default)]
struct Seen<'a> {
    meetings: std::collections::HashSet<&'a str>,
    texts: std::collections::HashSet<&'a str>,
    labels: std::collections::HashSet<(String, String)>,
}

impl<'a> Seen<'a> {
    /// Whether the entry is drawn for the first time (and remember it).
    fn first_time(&mut self, e: &'a crate::model::TimelineEntry, label: &str) -> bool {
        let new_meeting = e.meeting.as_deref().is_none_or(|m| self.meetings.insert(m));
        let new_text = self.texts.insert(e.text.as_str());
        let new_label =
            label.is_empty() || self.labels.insert((e.date.to_string(), label.to_string()));
        new_meeting && new_text && new_label
    }
}

/// Whether a sentence's entry tells of a meeting drawn on its day: every person its title
/// names took part in it ("Dupont–Martin" beside the Dupont–Martin call).
fn meeting_of_the_day(
    e: &crate::model::TimelineEntry,
    entries: &[(&crate::model::TimelineEntry, bool)],
    briefing: &Briefing,
) -> bool {
    use crate::model::Actor;
    let g = crate::gazetteer::Gazetteer::shipped();
    let people: Vec<&str> = e
        .title
        .actors
        .iter()
        .filter_map(|a| match a {
            Actor::Person(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    if people.is_empty() {
        return false;
    }
    entries
        .iter()
        .filter(|(other, _)| other.date == e.date)
        .filter_map(|(other, _)| other.meeting.as_ref())
        .filter_map(|id| briefing.meetings.iter().find(|m| &m.id == id))
        .any(|m| {
            let present: Vec<String> = m
                .participants
                .iter()
                .map(|p| crate::summarise::surname(&p.name, g))
                .collect();
            people.iter().all(|p| present.iter().any(|q| q == p))
        })
}

/// Where a date stands on the frieze: the middle of the part of its days between `from` and
/// `to` (its first day if none is).
fn frieze_day(
    date: &PartialDate,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> chrono::NaiveDate {
    let first = date.first_day().max(from);
    let last = date.last_day().min(to);
    if first > last {
        return date.first_day();
    }
    first + (last - first) / 2
}

/// A meeting's frieze label: its title if short enough, else its kind and two surnames.
fn meeting_label(m: &crate::model::Meeting, lang: Lang, word: &dyn Fn(&str) -> String) -> String {
    let title = meeting_title(m, lang, word);
    if title.chars().count() <= FRIEZE_LABEL {
        return title;
    }
    let g = crate::gazetteer::Gazetteer::shipped();
    let named: Vec<String> = m
        .participants
        .iter()
        .take(2)
        .map(|p| crate::summarise::surname(&p.name, g))
        .collect();
    fitted(word(&format!("kind_{}", m.kind.key())), &named, None)
}

/// A sentence's frieze label in `lang`: its event's word, its actors, its place.
fn title_label(
    title: &crate::model::EventTitle,
    lang: Lang,
    word: &dyn Fn(&str) -> String,
) -> String {
    use crate::model::Actor;
    if title.is_empty() {
        return String::new();
    }
    let g = crate::gazetteer::Gazetteer::shipped();
    let actors: Vec<String> = title
        .actors
        .iter()
        .map(|a| match a {
            Actor::Person(name) | Actor::Organisation(name) => name.clone(),
            Actor::Country(iso3) => g
                .by_iso3(iso3)
                .map_or(iso3.clone(), |c| c.name_in(lang).to_string()),
        })
        .collect();
    let event = title
        .event
        .map(|k| word(&format!("event_{}", k.key())))
        .unwrap_or_default();
    let place = title.place.as_deref().map(|p| place_name(p, lang));
    // A lone name says nothing of what happened.
    if event.is_empty() && place.is_none() && actors.len() < 2 {
        return String::new();
    }
    fitted(event, &actors, place.as_deref())
}

/// "Event A–B, Place", shortened by leaving out the place, then all actors but the first, so
/// that it fits the frieze (never cut mid-word).
fn fitted(event: String, actors: &[String], place: Option<&str>) -> String {
    let compose = |actors: &[String], place: Option<&str>| {
        let who = actors.join("–");
        let head = [event.as_str(), who.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        match place {
            Some(p) if !head.is_empty() && !actors.iter().any(|a| a == p) => format!("{head}, {p}"),
            Some(p) if head.is_empty() => p.to_string(),
            _ => head,
        }
    };
    let fits = |s: &String| s.chars().count() <= FRIEZE_LABEL;
    [
        compose(actors, place),
        compose(actors, None),
        compose(&actors[..actors.len().min(1)], None),
        event.clone(),
    ]
    .into_iter()
    .find(|s| fits(s) && !s.is_empty())
    .unwrap_or_default()
}

impl<'a> View<'a> {
    fn new(briefing: &'a Briefing, presentation: &Presentation, map: bool) -> Self {
        use chrono::Datelike;
        let lang = presentation.lang;
        let labels = labels(lang);
        let word = |k: &str| labels.get(k).cloned().unwrap_or_default();
        let date = chrono::NaiveDate::parse_from_str(&briefing.date, "%Y-%m-%d")
            .expect("briefing date is ISO");
        let period_text = period_text(&briefing.period, lang, &labels);
        const MONTHS: [&str; 12] = [
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
        ];
        let dtg = format!(
            "{:02}0000Z{}{:02}",
            date.day(),
            MONTHS[date.month0() as usize],
            date.year() % 100
        );
        let precision = ["day", "week", "month", "year", "unknown"]
            .iter()
            .map(|k| (k.to_string(), word(k)))
            .collect();
        let vigilance_labels = ["single_source", "contradiction", "announced", "undated"]
            .iter()
            .map(|k| (k.to_string(), word(&format!("{k}_label"))))
            .collect();
        View {
            briefing,
            lang: lang.code(),
            title: presentation.title.clone().unwrap_or_else(|| word("title")),
            reliability: reliability(briefing, &word),
            subject: if presentation.title.is_some() {
                String::new()
            } else {
                subject(briefing, lang)
            },
            organisation: presentation.organisation.clone(),
            marking: presentation.marking.clone(),
            logo: presentation.logo.is_some(),
            map,
            date_long: PartialDate::day(date).long(lang),
            dtg,
            date_parts: [date.year() as u32, date.month(), date.day()],
            period_text,
            cite: shown_sources(briefing)
                .map(|s| (s.id.as_str(), citation(s, lang, &word)))
                .collect(),
            dated_by: shown_sources(briefing)
                .map(|s| (s.id.as_str(), dated_by(&s.published_from, &word)))
                .collect(),
            meeting_titles: briefing
                .meetings
                .iter()
                .map(|m| (m.id.as_str(), meeting_title(m, lang, &word)))
                .collect(),
            warned: warned(&briefing.warnings),
            links: shown_sources(briefing)
                .filter_map(|s| {
                    let url = s.url.as_deref().filter(|u| is_link(u))?;
                    Some((s.id.as_str(), url))
                })
                .collect(),
            country_names: crate::gazetteer::Gazetteer::shipped()
                .countries
                .iter()
                .map(|c| (c.iso3.as_str(), c.name_in(lang)))
                .collect(),
            bloc_headings: briefing
                .blocs
                .iter()
                .map(|b| {
                    crate::gazetteer::Gazetteer::shipped()
                        .organisation(&b.short)
                        .map_or_else(|| b.name.clone(), |o| organisation_heading(o, lang))
                })
                .collect(),
            glossary: briefing
                .glossary
                .iter()
                .map(|e| glossary_entry(e, lang))
                .collect(),
            precision,
            vigilance_labels,
            frieze: frieze(briefing, lang, &word),
            labels,
        }
    }
}

/// An organisation as its section's heading names it: its name, and its short form when that
/// is another ("Organisation des Nations unies (ONU)", "United Nations (UN)", "G7").
fn organisation_heading(o: &crate::gazetteer::Organisation, lang: Lang) -> String {
    let (name, short) = (o.name_in(lang), o.short_in(lang));
    if name == short {
        name.to_string()
    } else {
        format!("{name} ({short})")
    }
}

/// A glossary entry in the briefing's language. The acronym stays as the articles write it
/// (it is what the reader meets in the quoted sentences); in English its long name is the
/// gazetteer's English one, with the English short form when that is another:
/// "CEDEAO: Economic Community of West African States (ECOWAS)". In French the long name is
/// the summariser's (the articles' own where they spell it out). An article's expansion that is
/// not the gazetteer's names another body with the same initials: it has no English name here
/// and stays as the article writes it.
fn glossary_entry(entry: &crate::model::GlossaryEntry, lang: Lang) -> crate::model::GlossaryEntry {
    let g = crate::gazetteer::Gazetteer::shipped();
    let english = g.organisation(&entry.short).filter(|o| {
        lang == Lang::En && crate::text::fold(&o.name) == crate::text::fold(&entry.name)
    });
    let Some(o) = english else {
        return entry.clone();
    };
    let name = if o.short_en == o.short || o.short_en == o.name_en {
        o.name_en.clone()
    } else {
        format!("{} ({})", o.name_en, o.short_en)
    };
    crate::model::GlossaryEntry {
        short: entry.short.clone(),
        name,
    }
}

/// Past this many sources, the annex lists only those the briefing cites (`templates/briefing.typ`
/// says so), and the templates get the citations, dates and links of those only: a period of
/// 300,000 articles would otherwise carry three maps of 300,000 entries into the render.
const ANNEX_ALL: usize = 150;

/// The sources the document shows: all of them, or past `ANNEX_ALL` the cited ones.
fn shown_sources(briefing: &Briefing) -> impl Iterator<Item = &crate::model::Source> {
    let all = briefing.sources.len() <= ANNEX_ALL;
    briefing.sources.iter().filter(move |s| all || s.referenced)
}

/// The files warnings concern, for the annex (the messages stay in the JSON and the log, in
/// English).
#[derive(Serialize, Default)]
struct Warned {
    files: Vec<String>,
    general: usize,
}

fn warned(warnings: &[crate::warning::Warning]) -> Warned {
    let mut out = Warned::default();
    let mut seen = std::collections::HashSet::new();
    for w in warnings {
        match &w.file {
            Some(file) if seen.insert(file.as_str()) => out.files.push(file.clone()),
            Some(_) => {}
            None => out.general += 1,
        }
    }
    out
}

/// Where an article's publication date was found, in the briefing's language.
fn dated_by(from: &DateFrom, word: &dyn Fn(&str) -> String) -> String {
    match from {
        DateFrom::DateLine => word("date_from_date_line"),
        DateFrom::DateBeforeTitle => word("date_from_first_line"),
        DateFrom::PublishedLine => word("date_from_published_line"),
        DateFrom::FrontMatter => word("date_from_front_matter"),
        DateFrom::Field(name) => format!("{} {name}", word("date_from_field")),
        DateFrom::Meta(name) => format!("{} {name}", word("date_from_meta")),
        DateFrom::TimeElement => word("date_from_time"),
        DateFrom::Duplicate { how, of } => {
            format!(
                "{}, {} {of}",
                dated_by(how, word),
                word("date_from_duplicate")
            )
        }
        DateFrom::FirstSeen => word("first_seen"),
        DateFrom::NotFound => word("undated"),
    }
}

/// A meeting's title: in French the summariser's (the articles' own noun and the place as
/// written); in English the word of its title's noun and the place's English name when the
/// gazetteer knows it ("Visit to Mali", "Conference in Bamako").
fn meeting_title(m: &crate::model::Meeting, lang: Lang, word: &dyn Fn(&str) -> String) -> String {
    if lang == Lang::Fr {
        return m.title.clone();
    }
    let noun = word(&format!("kind_{}", m.noun));
    // Who met, as the French title names them: up to three surnames.
    let g = crate::gazetteer::Gazetteer::shipped();
    let named: Vec<String> = m
        .participants
        .iter()
        .filter(|p| p.role.as_deref() != Some(p.name.as_str()))
        .map(|p| crate::summarise::surname(&p.name, g))
        .collect();
    let noun = if !named.is_empty() && named.len() <= 3 {
        format!("{noun} {}", named.join(" – "))
    } else {
        noun
    };
    let Some(place) = m
        .place
        .as_deref()
        .filter(|p| *p != crate::extract::venues::VIRTUAL_PLACE)
    else {
        return noun;
    };
    let preposition = word(if m.kind == crate::model::MeetingKind::Visit {
        "title_to"
    } else {
        "title_in"
    });
    format!("{noun} {preposition} {}", place_name(place, lang))
}

/// A place's name in `lang`: a country's or a town's as the gazetteer gives it, else as written.
fn place_name(place: &str, lang: Lang) -> String {
    use crate::gazetteer::NamedPlace;
    let g = crate::gazetteer::Gazetteer::shipped();
    match (g.place(place), lang) {
        (Some(NamedPlace::Country(country)), _) => g.countries[country].name_in(lang).to_string(),
        (Some(NamedPlace::City(city)), Lang::En) => g.cities().city(city).name.to_string(),
        _ => place.to_string(),
    }
}

/// Whether a URL may become a link in the PDF: `http`, `https` or `mailto`, nothing that runs
/// code or opens a local file (`javascript:`, `file:`, `data:`…).
pub fn is_link(url: &str) -> bool {
    let Some((scheme, rest)) = url.trim().split_once(':') else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    match scheme.as_str() {
        "http" | "https" => rest.starts_with("//") && rest.len() > 2,
        "mailto" => !rest.is_empty(),
        _ => false,
    }
}

/// A source's footnote: id, outlet, “short title”, date, URL or file.
fn citation(source: &crate::model::Source, lang: Lang, word: &dyn Fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    if let Some(outlet) = &source.outlet {
        parts.push(outlet.clone());
    }
    if let Some(title) = &source.title {
        parts.push(format!(
            "{}{}{}",
            word("quote_open"),
            shorten(title, 90),
            word("quote_close")
        ));
    }
    let first_seen = source.published_from == DateFrom::FirstSeen;
    parts.push(match (source.published, first_seen) {
        (Some(d), true) => format!("{} {}", word("first_seen_on"), d.long(lang)),
        (Some(d), false) => d.long(lang),
        (None, _) => word("undated"),
    });
    parts.push(source.url.clone().unwrap_or_else(|| source.file.clone()));
    format!("{} — {}", source.id, parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escape_neutralises_typst_syntax() {
        assert_eq!(
            escape_markup("#read(\"/etc/passwd\")"),
            "\\#read\\(\\\"\\/etc\\/passwd\\\"\\)"
        );
        assert_eq!(escape_markup("= Titre\n- item"), "\\= Titre \\- item");
        assert_eq!(
            escape_markup("Lisbonne, « Петров »"),
            "Lisbonne\\, «\u{202f}Петров\u{202f}»"
        );
        assert_eq!(
            french_spacing("Ghana-Togo : annonce ; oui ! non ?"),
            "Ghana-Togo\u{a0}: annonce\u{202f}; oui\u{202f}! non\u{202f}?"
        );
        assert_eq!(escape_markup("a\u{0}b\u{7}c"), "abc");
    }

    #[test]
    fn string_literal_escapes_quotes_backslashes_and_controls() {
        assert_eq!(
            typst_string_literal("a\"b\\c\nd\u{1}"),
            "\"a\\\"b\\\\c\\nd\\u{1}\""
        );
    }

    #[test]
    fn template_errors_name_file_and_line() {
        let err = Templates::from_sources(&[TemplateSource {
            name: "briefing.typ".into(),
            origin: "mine/briefing.typ".into(),
            text: "ok\n{% for x in %}\n".into(),
        }])
        .err()
        .unwrap()
        .to_string();
        assert!(err.starts_with("template mine/briefing.typ:2"), "{err}");
    }

    #[test]
    fn only_web_and_mail_addresses_are_links() {
        for url in [
            "https://exemple.fr/a",
            "HTTP://x.org",
            "mailto:redaction@exemple.fr",
        ] {
            assert!(is_link(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "JavaScript:alert(1)",
            "exemple.fr/a",
            "https:",
            "vbscript:x",
        ] {
            assert!(!is_link(url), "{url}");
        }
    }

    #[test]
    fn range_is_bounded_and_get_env_refused() {
        let sources = [TemplateSource {
            name: "briefing.typ".into(),
            origin: "mine/briefing.typ".into(),
            text: "{% for i in range(end=3) %}{{ i }}{% endfor %}".into(),
        }];
        let templates = Templates::from_sources(&sources).unwrap();
        assert_eq!(templates.render(&serde_json::json!({})).unwrap(), "012");
        for text in [
            "{% for i in range(end=2000000000) %}{% endfor %}",
            "{% for i in range(start=-9000000000000000000, end=9000000000000000000) %}{% endfor %}",
            "{{ get_env(name=\"HOME\") }}",
        ] {
            let sources = [TemplateSource {
                name: "briefing.typ".into(),
                origin: "mine/briefing.typ".into(),
                text: text.into(),
            }];
            let error = Templates::from_sources(&sources)
                .unwrap()
                .render(&serde_json::json!({}))
                .unwrap_err()
                .to_string();
            assert!(
                error.starts_with("template mine/briefing.typ:1: "),
                "{error}"
            );
        }
    }

    #[test]
    fn known_offices_are_named_in_english_others_as_written() {
        assert_eq!(
            office_in_english("Ministre des Affaires étrangères"),
            Some("foreign minister")
        );
        assert_eq!(
            office_in_english("premier ministre"),
            Some("prime minister")
        );
        assert_eq!(office_in_english("chef de l’État"), Some("head of state"));
        assert_eq!(office_in_english("maire de la ville"), None);
    }

    #[test]
    fn every_meeting_title_word_has_a_label_in_each_language() {
        use crate::model::MeetingKind::*;
        let kinds = [
            Summit,
            Meeting,
            Bilateral,
            Visit,
            Talks,
            PhoneCall,
            Videoconference,
            Summons,
        ];
        let lexicon = crate::lexicon::Lexicon::get();
        let mut words: Vec<&str> = kinds.iter().map(|k| k.key()).collect();
        words.extend(["press_conference", "council"]);
        words.extend(
            ["conference", "sommet", "pourparlers", "visite", "tournee"].map(|noun| {
                *lexicon
                    .meeting_title_words
                    .get(noun)
                    .expect("a listed noun")
            }),
        );
        for lang in [Lang::Fr, Lang::En] {
            let labels = labels(lang);
            for w in &words {
                let label = labels.get(&format!("kind_{w}"));
                assert!(label.is_some_and(|l| !l.is_empty()), "{lang:?}: kind_{w}");
            }
        }
        let english = labels(Lang::En);
        assert_eq!(english["kind_conference"], "Conference");
        assert_eq!(english["kind_summit"], "Summit");
        assert_eq!(english["kind_talks"], "Talks");
        assert_eq!(english["kind_phone_call"], "Phone call");
    }

    #[test]
    fn a_conference_is_titled_a_conference_in_english() {
        let noun = crate::summarise::title_word("conférence", crate::model::MeetingKind::Meeting);
        assert_eq!(noun, "conference");
        let noun =
            crate::summarise::title_word("a téléphoné", crate::model::MeetingKind::PhoneCall);
        assert_eq!(noun, "phone_call");
        let noun =
            crate::summarise::title_word("s'est entretenu", crate::model::MeetingKind::Bilateral);
        assert_eq!(noun, "talks");
    }

    #[test]
    fn organisations_are_named_in_the_briefing_language() {
        let g = crate::gazetteer::Gazetteer::shipped();
        let un = g.organisation("ONU").unwrap();
        assert_eq!(organisation_heading(un, Lang::En), "United Nations (UN)");
        assert_eq!(
            organisation_heading(un, Lang::Fr),
            "Organisation des Nations unies (ONU)"
        );
        assert_eq!(
            organisation_heading(g.organisation("G7").unwrap(), Lang::Fr),
            "G7"
        );
        let entry = |short: &str, name: &str| crate::model::GlossaryEntry {
            short: short.into(),
            name: name.into(),
        };
        let cedeao = entry(
            "CEDEAO",
            "Communauté économique des États de l'Afrique de l'Ouest",
        );
        assert_eq!(
            glossary_entry(&cedeao, Lang::En).name,
            "Economic Community of West African States (ECOWAS)"
        );
        assert_eq!(glossary_entry(&cedeao, Lang::En).short, "CEDEAO");
        assert_eq!(glossary_entry(&cedeao, Lang::Fr).name, cedeao.name);
        let wagner = entry("Wagner", "Groupe Wagner");
        assert_eq!(glossary_entry(&wagner, Lang::En).name, "Wagner Group");
        // Another body with the gazetteer's initials keeps the article's name.
        let other = entry("CNSP", "Comité national pour le salut du peuple");
        assert_eq!(glossary_entry(&other, Lang::En).name, other.name);
    }

    #[test]
    fn a_bloc_heading_with_an_apostrophe_is_escaped_once() {
        let mut briefing = crate::summarise::seeds_briefing();
        let fact = briefing.countries[0].facts[0].clone();
        for (short, name) in [
            ("Conseil de l'Europe", "Conseil de l'Europe"),
            ("X'Y", "Bloc d'essai"),
        ] {
            briefing.blocs.push(crate::model::BlocSection {
                name: name.into(),
                short: short.into(),
                members: Vec::new(),
                facts: vec![fact.clone()],
                people: Vec::new(),
            });
        }
        let presentation = Presentation::default();
        let markup = builtin()
            .render(&context(&briefing, &presentation, false))
            .unwrap();
        assert!(
            markup.contains("== Conseil de l\\'Europe\n"),
            "a known organisation"
        );
        assert!(markup.contains("== Bloc d\\'essai\n"), "an unknown one");
        assert!(!markup.contains("\\\\\\'"), "no apostrophe escaped twice");
    }

    #[test]
    fn the_frieze_draws_each_event_once_on_the_period_with_short_titles() {
        use crate::model::{Actor, EventKind, EventTitle, MeetingStatus, TimelineEntry};
        let mut briefing = crate::summarise::seeds_briefing();
        let g = crate::gazetteer::Gazetteer::shipped();
        // A meeting entry with participants: a sentence of its day naming only them tells of it.
        let (day, id) = briefing
            .timeline
            .iter()
            .find_map(|e| {
                let m = briefing
                    .meetings
                    .iter()
                    .find(|m| Some(&m.id) == e.meeting.as_ref())?;
                (!m.participants.is_empty()).then(|| (e.date, m.id.clone()))
            })
            .expect("a dated meeting with participants");
        let meeting = briefing.meetings.iter_mut().find(|m| m.id == id).unwrap();
        meeting.status = MeetingStatus::Cancelled;
        let someone = crate::summarise::surname(&meeting.participants[0].name, g);
        let entry = |date, text: &str, title| TimelineEntry {
            date,
            date_precision: crate::dates::Precision::Day,
            text: text.into(),
            sources: vec!["S1".into()],
            short: String::new(),
            meeting: None,
            title,
        };
        let about_the_meeting = EventTitle {
            event: Some(EventKind::Talks),
            actors: vec![Actor::Person(someone.clone())],
            place: None,
        };
        briefing.timeline.push(entry(
            day,
            "Une phrase sur la rencontre.",
            about_the_meeting,
        ));
        // A month, told by a lone name: placed in the middle of the month, without a label.
        let month = crate::dates::PartialDate::month(2025, 1).unwrap();
        let lone = EventTitle {
            event: None,
            actors: vec![Actor::Person(someone)],
            place: None,
        };
        briefing
            .timeline
            .push(entry(month, "Une phrase du mois.", lone));
        let frieze = frieze(&briefing, Lang::Fr, &|k| labels(Lang::Fr)[k].clone());
        assert_eq!(
            frieze
                .events
                .iter()
                .filter(|e| e.date == day.to_string())
                .count(),
            1,
            "the meeting's day draws the meeting only"
        );
        let drawn = frieze
            .events
            .iter()
            .find(|e| e.date == day.to_string())
            .unwrap();
        assert!(drawn.called_off && drawn.key && !drawn.label.is_empty());
        let in_month = frieze.events.iter().find(|e| e.date == "2025-01").unwrap();
        assert_eq!(
            (in_month.day.as_str(), in_month.label.as_str()),
            ("2025-01-16", "")
        );
        // Ranks: every event has one, the key ones first.
        let mut ranks: Vec<usize> = frieze.events.iter().map(|e| e.rank).collect();
        ranks.sort_unstable();
        assert_eq!(ranks, (0..frieze.events.len()).collect::<Vec<_>>());
        assert!(frieze
            .events
            .iter()
            .all(|e| !e.key || e.rank < frieze.events.iter().filter(|e| e.key).count()));
    }

    #[test]
    fn shortens_long_titles_on_a_word() {
        assert_eq!(shorten("un deux trois quatre", 10), "un deux…");
        assert_eq!(shorten("court", 10), "court");
    }
}
