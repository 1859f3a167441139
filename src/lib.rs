//! `brief` turns a folder of news articles into a dated, footnoted analyst briefing.
//!
//! The pipeline, one module per stage, each handing a typed value to the next:
//!
//! 1. [`corpus`]: files → articles (the only stage that reads the corpus from disk);
//! 2. [`extract`]: articles → sentences with byte ranges and the countries they name;
//! 3. [`summarise`]: extraction → the briefing [`model`];
//! 4. [`render`]: briefing → Typst markup through Tera templates, escaping by construction;
//! 5. [`compile`]: Typst → PDF, typst as a library in a sealed world;
//! 6. [`publish`]: atomic writes into the output folder.
//!
//! Stages 2–4 are pure: no file system, no clock, no environment.

pub mod cli;
pub mod compile;
pub mod corpus;
pub mod dates;
pub mod error;
pub mod extract;
pub mod files;
pub mod gazetteer;
pub mod hashing;
pub mod inspect;
pub mod map;
pub mod model;
pub mod paths;
pub mod publish;
pub mod render;
pub mod sandbox;
pub mod settings;
pub mod summarise;
pub mod text;
pub mod warning;

use cli::Config;
use error::{Error, Failure};
use std::path::PathBuf;
use warning::Warning;

/// What a successful run produced.
#[derive(Debug)]
pub struct Report {
    pub written: Vec<PathBuf>,
    pub warnings: Vec<Warning>,
    pub articles: usize,
    pub pages: usize,
    /// Wall time of each stage, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Times the stages of a run (shown with --timings).
struct Stopwatch {
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Runs `brief inspect`: the report (text or JSON) and the warnings of reading.
pub fn inspect(args: &cli::InspectArgs) -> Result<(String, Vec<Warning>), Failure> {
    let corpus = corpus::load(&args.paths, args.read.options())?;
    if corpus.articles.is_empty() {
        let shown: Vec<String> = args.paths.iter().map(|p| paths::shown(p)).collect();
        let error = Error::EmptyCorpus {
            corpus: shown.join(" "),
            files: corpus.files_seen,
        };
        return Err(Failure {
            error,
            warnings: corpus.warnings,
        });
    }
    let gazetteer = gazetteer::Gazetteer::shipped();
    let extractions = extract::extract(&corpus.articles, gazetteer);
    let views = inspect::views(&corpus.articles, &extractions, gazetteer);
    let report = if args.json {
        serde_json::to_string_pretty(&views).expect("views serialise") + "\n"
    } else {
        inspect::to_text(&views)
    };
    Ok((report, corpus.warnings))
}

/// Runs `brief generate`: reads, extracts, summarises, renders, compiles, and only then writes.
/// A failure comes with the warnings gathered before it.
pub fn generate(config: &Config) -> Result<Report, Failure> {
    let mut warnings = Vec::new();
    match run(config, &mut warnings) {
        Ok(report) => Ok(Report { warnings, ..report }),
        Err(error) => Err(Failure { error, warnings }),
    }
}

/// The stages of `generate`, in order; warnings go into `warnings` as they come.
fn run(config: &Config, warnings: &mut Vec<Warning>) -> Result<Report, Error> {
    publish::clean_stale(&config.out);
    let mut clock = Stopwatch::start();
    let (articles, files_seen) = read_articles(config, warnings)?;
    clock.lap("read");
    // A user's templates are read now, so that a missing or unsafe file stops the run early.
    let user_templates = match &config.templates {
        Some(dir) => Some(render::read_folder(dir)?),
        None => None,
    };
    let gazetteer = gazetteer::Gazetteer::shipped();
    let extractions = extract::extract(&articles, gazetteer);
    for (article, extraction) in articles.iter().zip(&extractions) {
        warnings.extend(extraction.warnings.iter().map(|w| article.warning(w)));
    }
    clock.lap("extract");
    let briefing = summarise::summarise(&summarise::Input {
        date: config.date,
        since: config.since,
        until: config.until,
        undated: config.undated,
        articles: &articles,
        extractions: &extractions,
        gazetteer,
        sizes: config.sizes,
        files_seen,
        warnings: &warnings[..],
    });
    clock.lap("summarise");
    let job = sandbox::Job {
        templates: user_templates.unwrap_or_else(render::builtin_sources),
        context: render::context(&briefing, &config.presentation),
        date: config.date,
        assets: assets(config, &briefing),
        preview: config.emit_png,
    };
    let typeset = typeset(config, &job, &mut clock)?;
    let pages = typeset.compiled.pages;
    warnings.extend(
        typeset
            .compiled
            .warnings
            .iter()
            .map(|w| Warning::general(format!("typst: {w}"))),
    );
    let outputs = outputs(config, &briefing, job, typeset);
    let written = publish::publish(&config.out, &outputs, publish::Destination::Briefing)?;
    clock.lap("publish");
    Ok(Report {
        written,
        warnings: Vec::new(),
        articles: briefing.corpus.articles,
        pages,
        timings: clock.laps,
    })
}

/// The corpus's articles (undated ones left out with `--undated exclude`) and how many files
/// were looked at; an error when none can be read or none falls in the period.
fn read_articles(
    config: &Config,
    warnings: &mut Vec<Warning>,
) -> Result<(Vec<corpus::Article>, usize), Error> {
    let corpus = corpus::load(std::slice::from_ref(&config.corpus), config.read)?;
    warnings.extend(corpus.warnings);
    if corpus.articles.is_empty() {
        return Err(Error::EmptyCorpus {
            corpus: paths::shown(&config.corpus),
            files: corpus.files_seen,
        });
    }
    let read = corpus.articles.len();
    let mut articles = corpus.articles;
    if config.undated == summarise::Undated::Exclude {
        // Left out entirely: not even cited by a meeting another article dates.
        articles.retain(|a| a.published.is_some());
    }
    let any_in_period = articles.iter().any(|a| match a.published {
        Some(_) => summarise::in_window(a, config.since, config.until),
        None => config.undated == summarise::Undated::Keep,
    });
    if !any_in_period {
        let period = format!(
            "{} – {}",
            config.since.map_or("…".into(), |d| d.to_string()),
            config.until.map_or("…".into(), |d| d.to_string())
        );
        return Err(Error::NoArticleInWindow { read, period });
    }
    Ok((articles, corpus.files_seen))
}

/// The files the markup may read: the logo and the locator map's data.
fn assets(config: &Config, briefing: &model::Briefing) -> Vec<(String, Vec<u8>)> {
    let mut assets: Vec<(String, Vec<u8>)> = config
        .presentation
        .logo
        .iter()
        .map(|png| (render::LOGO_FILE.to_string(), png.clone()))
        .collect();
    if let Some(locator) = map::locator(briefing) {
        assets.push((
            map::MAP_FILE.to_string(),
            serde_json::to_vec(&locator).expect("the map serialises"),
        ));
    }
    assets
}

/// Renders and compiles: the built-in templates in-process, a user's in the limited worker.
fn typeset(
    config: &Config,
    job: &sandbox::Job,
    clock: &mut Stopwatch,
) -> Result<sandbox::Typeset, Error> {
    if let Some(dir) = &config.templates {
        let done = sandbox::run(job, &config.limits, &paths::shown(dir))?;
        clock.lap("templates");
        return Ok(done);
    }
    let markup = sandbox::render_markup(job)?;
    clock.lap("render");
    let compiled = sandbox::compile_markup(job, &markup)?;
    clock.lap("compile");
    Ok(sandbox::Typeset { markup, compiled })
}

/// The files to write, by name: the PDF, the JSON, and what `--emit` asks for.
fn outputs(
    config: &Config,
    briefing: &model::Briefing,
    job: sandbox::Job,
    typeset: sandbox::Typeset,
) -> Vec<(String, Vec<u8>)> {
    let stem = format!("briefing-{}", config.date);
    let json = serde_json::to_vec_pretty(briefing).expect("the model always serialises");
    let mut outputs = vec![
        (format!("{stem}.pdf"), typeset.compiled.pdf),
        (format!("{stem}.json"), json),
    ];
    if let Some(png) = typeset.compiled.preview_png {
        outputs.push((format!("{stem}.png"), png));
    }
    if config.emit_typ {
        // The files the markup reads, beside it, so that `typst compile` gives the same PDF.
        outputs.extend(job.assets);
        outputs.push((format!("{stem}.typ"), typeset.markup.into_bytes()));
    }
    outputs
}
