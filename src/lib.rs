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
pub mod extracts;
pub mod files;
pub mod folding;
pub mod gazetteer;
pub mod hashing;
pub mod inspect;
pub mod interrupt;
pub mod lexicon;
pub mod log;
pub mod mail;
pub mod map;
pub mod model;
pub mod paths;
pub mod publish;
pub mod render;
pub mod sandbox;
pub mod schedule;
pub mod settings;
pub mod state;
pub mod summarise;
pub mod text;
pub mod warning;

use chrono::Datelike;
use cli::Config;
use error::{Error, Failure};
use rayon::prelude::*;
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
    /// With --send: each recipient's outcome.
    pub deliveries: Vec<mail::Delivery>,
    /// With --send: why some recipients were not served (the briefing is published all the same).
    pub mail_error: Option<Error>,
}

/// Times the stages of a run (shown with --timings), and on a terminal shows the stage under
/// way with the time it has taken so far.
struct Stopwatch {
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
    bar: Option<indicatif::ProgressBar>,
}

/// The stages in order, each named by the one before it ends.
const STAGES: &[&str] = &[
    "read",
    "extract",
    "summarise",
    "render",
    "compile",
    "publish",
];

impl Stopwatch {
    fn start(progress: bool) -> Self {
        let bar = progress.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(STAGES.len() as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{bar:12}] {pos}/{len} {msg} ({elapsed})",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            );
            bar.set_message(STAGES[0]);
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Stopwatch {
            last: std::time::Instant::now(),
            laps: Vec::new(),
            bar,
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
        if let Some(bar) = &self.bar {
            bar.inc(1);
            // "templates" (render and compile in the worker) is not one of the stages: the
            // bar goes on to publish.
            let next = STAGES.iter().position(|s| *s == stage).map(|i| i + 1);
            match next.and_then(|i| STAGES.get(i)) {
                Some(next) => bar.set_message(*next),
                None if stage == "publish" => bar.finish_and_clear(),
                None => bar.set_message("publish"),
            }
        }
    }
}

impl Drop for Stopwatch {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
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

/// What the records call the articles `brief extract --corpus -` reads from standard input.
const STDIN_NAME: &str = "stdin.jsonl";

/// Runs `brief extract`: reads the corpus (or JSON Lines from standard input), extracts the
/// shard's articles and writes their records to `--out` (whole or not at all) or standard
/// output; what was written, and the warnings of reading.
pub fn extract_records(
    args: &cli::ExtractArgs,
) -> Result<(extracts::Written, Vec<Warning>), Failure> {
    let scratch = if args.corpus.as_os_str() == "-" {
        let dir = tempfile::tempdir().map_err(|e| {
            Failure::from(Error::Output(format!(
                "cannot make a scratch folder for standard input: {e}"
            )))
        })?;
        Some(dir)
    } else {
        None
    };
    let (corpus, early) = match &scratch {
        Some(dir) => stdin_corpus(dir.path(), args.read.max_corpus_bytes)?,
        None => (args.corpus.clone(), None),
    };
    let mut raw = corpus::read_raw(std::slice::from_ref(&corpus), args.read.options())?;
    raw.warnings.extend(early);
    let mut warnings = raw.warnings.clone();
    for file in &raw.files {
        warnings.extend(file.warnings.iter().cloned());
        for article in &file.articles {
            warnings.extend(article.warnings.iter().map(|w| article.warning(w)));
        }
    }
    let shard = args.shard.unwrap_or(extracts::Shard::ALL);
    match write_extracts(raw, shard, args.out.as_deref()) {
        Ok(written) => Ok((written, warnings)),
        Err(error) => Err(Failure { error, warnings }),
    }
}

/// `brief extract --corpus -`: standard input kept in `dir` as `stdin.jsonl` (what the
/// records call it), up to `limit` bytes cut at a whole line, with a warning when cut.
fn stdin_corpus(
    dir: &std::path::Path,
    limit: u64,
) -> Result<(std::path::PathBuf, Option<Warning>), Failure> {
    let (mut bytes, cut) = files::read_at_most(&mut std::io::stdin().lock(), limit)
        .map_err(|e| Error::Usage(format!("cannot read standard input: {e}")))?;
    let warning = cut.then(|| {
        let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        bytes.truncate(whole);
        Warning::about(
            STDIN_NAME,
            format!("standard input was read up to --max-corpus-bytes ({limit} bytes); the rest is left out"),
        )
    });
    let path = dir.join(STDIN_NAME);
    std::fs::write(&path, bytes)
        .map_err(|e| Error::Output(format!("cannot keep standard input in a scratch file: {e}")))?;
    Ok((path, warning))
}

/// Writes the records to `out`, replaced only once whole (zstd, or plain for a `.jsonl`
/// name), or to standard output (zstd).
fn write_extracts(
    raw: corpus::Raw,
    shard: extracts::Shard,
    out: Option<&std::path::Path>,
) -> Result<extracts::Written, Error> {
    let failed = |e: std::io::Error, to: &str| {
        Error::Output(format!("cannot write the records to {to}: {e}"))
    };
    let Some(path) = out else {
        let stdout = std::io::BufWriter::new(std::io::stdout().lock());
        return extracts::write(raw, shard, stdout, extracts::Encoding::Zstd)
            .map_err(|e| failed(e, "standard output"));
    };
    let shown = paths::shown(path);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let file = tempfile::Builder::new()
        .prefix(".brief-tmp-")
        .tempfile_in(folder)
        .map_err(|e| failed(e, &shown))?;
    let encoding = extracts::Encoding::for_name(path);
    let written = extracts::write(
        raw,
        shard,
        std::io::BufWriter::new(file.as_file()),
        encoding,
    )
    .map_err(|e| failed(e, &shown))?;
    file.persist(path).map_err(|e| failed(e.error, &shown))?;
    Ok(written)
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

/// What every run loads before its real work (typst's fonts and library, the gazetteer's
/// cities and first names), loaded on a second thread while the first reads the corpus: a
/// run over a handful of articles costs little more than typst's compile of its markup.
fn warm_up(config: &Config) {
    let built_in = config.templates.is_none();
    if built_in {
        std::thread::spawn(|| {
            render::builtin();
            compile::warm_up();
        });
    }
    std::thread::spawn(|| {
        gazetteer::Gazetteer::shipped().first_names();
    });
}

/// The stages of `generate`, in order; warnings go into `warnings` as they come. With a state,
/// nothing is touched before its lock is taken, and the run is recorded once published (or
/// its failure, once it fails).
fn run(config: &Config, warnings: &mut Vec<Warning>) -> Result<Report, Error> {
    let started = chrono::Local::now();
    warm_up(config);
    let mut state = match &config.state {
        Some(path) => Some(state::State::open(path, "brief generate")?),
        None => None,
    };
    let mut clock = Stopwatch::start(config.progress);
    let result = resolve_period(config, state.as_ref())
        .and_then(|resolved| stages(&resolved, warnings, state.as_mut(), &mut clock, started));
    match (state, &result) {
        // A run that fails leaves nothing it created: a new state goes too.
        (Some(state), Err(_)) if state.is_new() => state.discard_if_new(),
        (Some(state), Err(error)) => {
            let run = run_record(config, started, warnings.len(), &clock, Vec::new());
            if let Err(e) = state.record_failure(&run, &error.to_string()) {
                warnings.push(Warning::general(e.to_string()));
            }
        }
        _ => {}
    }
    result
}

/// `--since last`: the day after the previous published briefing, or the week before the date.
fn resolve_period(config: &Config, state: Option<&state::State>) -> Result<Config, Error> {
    let mut config = config.clone();
    if config.since_rule == Some(cli::SinceRule::Last) {
        let previous = match state {
            Some(state) => state.last_briefing_before(config.date)?,
            None => None,
        };
        config.since = Some(match previous {
            Some(day) => day + chrono::Days::new(1),
            None => config.date - chrono::Days::new(u64::from(cli::FIRST_RUN_DAYS)),
        });
    }
    if let (Some(s), Some(u)) = (config.since, config.until) {
        if s > u {
            return Err(Error::Usage(format!(
                "the period starts on {s}, after --until {u}: move --until later"
            )));
        }
    }
    Ok(config)
}

/// What the state records of a run.
fn run_record(
    config: &Config,
    started: chrono::DateTime<chrono::Local>,
    warnings: usize,
    clock: &Stopwatch,
    outputs: Vec<(String, String)>,
) -> state::RunRecord {
    state::RunRecord {
        started: started.to_rfc3339(),
        ended: chrono::Local::now().to_rfc3339(),
        arguments: config.arguments.clone(),
        since: config.since,
        until: config.until,
        briefing_date: config.date,
        outputs,
        warnings,
        timings: clock
            .laps
            .iter()
            .map(|(stage, time)| (stage.to_string(), time.as_secs_f64()))
            .collect(),
    }
}

fn stages(
    config: &Config,
    warnings: &mut Vec<Warning>,
    mut state: Option<&mut state::State>,
    clock: &mut Stopwatch,
    started: chrono::DateTime<chrono::Local>,
) -> Result<Report, Error> {
    publish::clean_stale(&config.out);
    let (mut articles, files_seen, mut read) = read_articles(config, warnings, state.as_deref())?;
    articles
        .iter_mut()
        .for_each(corpus::Article::keep_for_summary);
    clock.lap("read");
    // A user's templates are read now, so that a missing or unsafe file stops the run early.
    let user_templates = match &config.templates {
        Some(dir) => Some(render::read_folder(dir)?),
        None => None,
    };
    let gazetteer = gazetteer::Gazetteer::shipped();
    let (extractions, made) =
        extract_with_cache(&articles, &read.hashes, state.as_deref(), &mut read.records)?;
    drop(std::mem::take(&mut read.records));
    for (article, extraction) in articles.iter().zip(&extractions) {
        warnings.extend(extraction.warnings.iter().map(|w| article.warning(w)));
    }
    read.date_by_first_seen(&mut articles);
    let hashes = read.hashes;
    let late = read.late;
    let seen = read.seen;
    let kept = state::NewFiles {
        fresh: read.kept.fresh,
        used: read.kept.used,
    };
    clock.lap("extract");
    let mut briefing = summarise::summarise(&summarise::Input {
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
        late: &late,
    });
    // The summary's own warnings (cited articles without a date) go to the log as well.
    let told = warnings.len();
    warnings.extend_from_slice(&briefing.warnings[told..]);
    let published = match &state {
        Some(state) => {
            let previous = state.last_briefing_before(config.date)?;
            let by_source = source_hashes(&briefing, &articles, &hashes);
            Some(state::mark(state, &mut briefing, &by_source, previous)?)
        }
        None => None,
    };
    // The articles and their extractions are the run's largest part: what follows needs only
    // the briefing.
    drop((articles, extractions));
    clock.lap("summarise");
    let assets = assets(config, &briefing);
    let map = assets.iter().any(|(name, _)| name == map::MAP_FILE);
    let job = sandbox::Job {
        templates: user_templates.unwrap_or_else(render::builtin_sources),
        context: render::context(&briefing, &config.presentation, map),
        date: config.date,
        assets,
        preview: config.emit_png,
    };
    let typeset = typeset(config, &job, clock)?;
    let pages = typeset.compiled.pages;
    warnings.extend(
        typeset
            .compiled
            .warnings
            .iter()
            .map(|w| Warning::general(format!("typst: {w}"))),
    );
    let outputs = outputs(config, &briefing, job, typeset);
    let digests = outputs
        .iter()
        .map(|(name, bytes)| (name.clone(), state::sha256_hex(bytes)))
        .collect();
    let run = run_record(config, started, warnings.len(), clock, digests);
    // The state records the run while the previous outputs are still kept aside: if it cannot,
    // they are put back, and the folder and the state stay as they were, together.
    let written = publish::publish_then(
        &config.out,
        &outputs,
        publish::Destination::Briefing,
        || match (state.as_deref_mut(), published) {
            (Some(state), Some(published)) => {
                let kept = Kept {
                    seen,
                    published,
                    made,
                    files: kept,
                };
                remember(state, &run, &kept)
            }
            _ => Ok(()),
        },
    )?;
    clock.lap("publish");
    let mut report = Report {
        written,
        warnings: Vec::new(),
        articles: briefing.corpus.articles,
        pages,
        timings: clock.laps.clone(),
        deliveries: Vec::new(),
        mail_error: None,
    };
    if let Some(settings) = &config.mail {
        send_published(config, settings, state, &mut report);
    }
    Ok(report)
}

/// What the state keeps of a published run besides its record.
struct Kept {
    /// Every article read, the period's or not: its content hash and where it was found.
    seen: Vec<(String, String)>,
    published: state::Published,
    made: state::NewExtractions,
    files: state::NewFiles,
}

/// Records a published run, its articles, items, extractions and files, in one transaction.
fn remember(state: &mut state::State, run: &state::RunRecord, kept: &Kept) -> Result<(), Error> {
    state.record(run, &kept.seen, &kept.published, &kept.made, &kept.files)?;
    Ok(())
}

/// `--send`: the briefing just published, to the recipients not yet served; the outcome goes
/// into the report (a refused recipient does not undo the briefing).
fn send_published(
    config: &Config,
    settings: &settings::MailSettings,
    state: Option<&mut state::State>,
    report: &mut Report,
) {
    let outbox = Outbox {
        out: &config.out,
        date: config.date,
        mail: settings,
        to: &[],
        resend: false,
        title: config.presentation.title.as_deref(),
        lang: config.presentation.lang,
    };
    match deliver(&outbox, state) {
        Ok(deliveries) => report.deliveries = deliveries,
        Err((deliveries, error)) => {
            report.deliveries = deliveries;
            report.mail_error = Some(error);
        }
    }
}

/// Whether the first-page picture beside the PDF is the one the last published run of that
/// date wrote (a later run without it leaves an older one behind). Without a state, it is
/// taken as it is.
fn picture_is_current(
    state: Option<&state::State>,
    date: chrono::NaiveDate,
    stem: &str,
    png: &[u8],
) -> bool {
    match state {
        Some(state) => state
            .published_output(date, &format!("{stem}.png"))
            .ok()
            .flatten()
            .is_some_and(|digest| digest == state::sha256_hex(png)),
        None => true,
    }
}

/// A published briefing to e-mail, and to whom.
pub struct Outbox<'a> {
    pub out: &'a std::path::Path,
    pub date: chrono::NaiveDate,
    pub mail: &'a settings::MailSettings,
    /// Recipients instead of the settings' to, cc and bcc (empty: the settings').
    pub to: &'a [String],
    pub resend: bool,
    pub title: Option<&'a str>,
    pub lang: settings::Lang,
}

/// Runs `brief send`: the state's lock first, then the message to each recipient not yet
/// served. Each recipient's outcome comes back, with an error when one was not served.
pub fn send(config: &cli::SendConfig) -> Result<(Vec<mail::Delivery>, Option<Error>), Failure> {
    let mut state = match &config.state {
        Some(path) => Some(state::State::open(path, "brief send").map_err(Failure::from)?),
        None => None,
    };
    let outbox = Outbox {
        out: &config.out,
        date: config.date,
        mail: &config.mail,
        to: &config.to,
        resend: config.resend,
        title: config.title.as_deref(),
        lang: config.lang,
    };
    let outcome = deliver(&outbox, state.as_mut());
    // Nothing sent and a state this command created: it leaves nothing behind.
    if let (Some(state), Err((sent, _))) = (state, &outcome) {
        if sent.is_empty() {
            state.discard_if_new();
        }
    }
    match outcome {
        Ok(deliveries) => Ok((deliveries, None)),
        Err((deliveries, error)) if !deliveries.is_empty() => Ok((deliveries, Some(error))),
        Err((_, error)) => Err(Failure::from(error)),
    }
}

/// Sends the briefing of `outbox.date` from its output folder, and records each attempt. The
/// deliveries made come back with the error when some recipient was not served.
fn deliver(
    outbox: &Outbox,
    state: Option<&mut state::State>,
) -> Result<Vec<mail::Delivery>, (Vec<mail::Delivery>, Error)> {
    let fail = |e: Error| (Vec::new(), e);
    let stem = format!("briefing-{}", outbox.date);
    let pdf =
        mail::read_output(&outbox.out.join(format!("{stem}.pdf"))).map_err(|e| fail(e.into()))?;
    let json =
        mail::read_output(&outbox.out.join(format!("{stem}.json"))).map_err(|e| fail(e.into()))?;
    // The picture the run wrote beside the PDF, else one drawn from the PDF itself.
    let png = std::fs::read(outbox.out.join(format!("{stem}.png")))
        .ok()
        .filter(|png| picture_is_current(state.as_deref(), outbox.date, &stem, png))
        .or_else(|| compile::pdf_first_page_png(&pdf));
    let briefing: mail::Summary = serde_json::from_slice(&json).map_err(|e| {
        fail(Error::Mail(mail::MailError::Briefing(format!(
            "{stem}.json is not a briefing of this version: {e}"
        ))))
    })?;
    let labels = render::labels(outbox.lang);
    let title = outbox
        .title
        .map(str::to_string)
        .unwrap_or_else(|| labels.get("title").cloned().unwrap_or_default());
    let (text, html) = mail::letter_text(&briefing, &title, outbox.lang, png.is_some());
    let letter = mail::Letter {
        subject: mail::subject(outbox.mail.subject.as_deref(), &title, &briefing.date),
        text,
        html,
        pdf_name: format!("{stem}.pdf"),
        pdf,
        png,
    };
    let mut to = mail::Recipients::of(outbox.mail, outbox.to);
    if let (Some(state), false) = (&state, outbox.resend) {
        let served = state.delivered(outbox.date).map_err(|e| fail(e.into()))?;
        to.leave_out(&served);
    }
    if to.envelopes.is_empty() {
        return Ok(Vec::new());
    }
    let message = mail::message(outbox.mail, &to, &letter).map_err(|e| fail(e.into()))?;
    let recipients = to.envelopes;
    let deliveries = mail::send(outbox.mail, &message, &recipients).map_err(|e| fail(e.into()))?;
    if let Some(state) = state {
        state
            .record_deliveries(outbox.date, &deliveries)
            .map_err(|e| (deliveries.clone(), e.into()))?;
    }
    let failed: Vec<&mail::Delivery> = deliveries.iter().filter(|d| !d.delivered).collect();
    if failed.is_empty() {
        return Ok(deliveries);
    }
    let error = Error::Mail(mail::MailError::Refused {
        failed: failed.len(),
        total: deliveries.len(),
        names: failed
            .iter()
            .map(|d| format!("{}: {}", d.recipient, paths::one_line(&d.reply)))
            .collect::<Vec<_>>()
            .join("; "),
    });
    Err((deliveries, error))
}

/// Extracts the articles, taking from the state the extractions it has (same content, same
/// extractor); also gives the new ones, encoded for the state.
fn extract_with_cache(
    articles: &[corpus::Article],
    hashes: &[String],
    state: Option<&state::State>,
    records: &mut std::collections::HashMap<String, extract::ArticleExtraction>,
) -> Result<(Vec<extract::ArticleExtraction>, state::NewExtractions), Error> {
    let gazetteer = gazetteer::Gazetteer::shipped();
    let mut cached = match state {
        Some(state) => state.cached_extractions(hashes)?,
        None => vec![None; articles.len()],
    };
    // The records of `brief extract` hold the extraction of every article as read; a merged
    // article whose content changed (a date taken from its duplicate) is extracted again.
    for (slot, hash) in cached.iter_mut().zip(hashes) {
        if slot.is_none() {
            *slot = records.remove(hash);
        }
    }
    if state.is_none() {
        let missing: Vec<usize> = (0..articles.len())
            .filter(|&i| cached[i].is_none())
            .collect();
        let to_extract: Vec<&corpus::Article> = missing.iter().map(|&i| &articles[i]).collect();
        for (i, x) in missing
            .into_iter()
            .zip(extract::extract_some(&to_extract, gazetteer))
        {
            cached[i] = Some(x);
        }
        let extractions = cached.into_iter().flatten().collect();
        return Ok((extractions, Default::default()));
    }
    let missing: Vec<usize> = (0..articles.len())
        .filter(|&i| cached[i].is_none())
        .collect();
    let to_extract: Vec<&corpus::Article> = missing.iter().map(|&i| &articles[i]).collect();
    let fresh = extract::extract_some(&to_extract, gazetteer);
    let made: Vec<(String, &extract::ArticleExtraction)> = missing
        .iter()
        .zip(&fresh)
        .map(|(&i, x)| (hashes[i].clone(), x))
        .collect();
    let encoded = state::NewExtractions::encode(&made);
    for (i, x) in missing.into_iter().zip(fresh) {
        cached[i] = Some(x);
    }
    let extractions = cached
        .into_iter()
        .map(|x| x.expect("every article is extracted or cached"))
        .collect();
    Ok((extractions, encoded))
}

/// Each source id's article content hash.
fn source_hashes(
    briefing: &model::Briefing,
    articles: &[corpus::Article],
    hashes: &[String],
) -> std::collections::HashMap<String, String> {
    let by_place: std::collections::HashMap<(&str, Option<usize>), &String> = articles
        .iter()
        .zip(hashes)
        .map(|(a, h)| ((a.file.as_str(), a.line), h))
        .collect();
    briefing
        .sources
        .iter()
        .filter_map(|s| {
            by_place
                .get(&(s.file.as_str(), s.line))
                .map(|h| (s.id.clone(), (*h).clone()))
        })
        .collect()
}

/// What the state adds to the articles read: each one's content hash, and for an undated one
/// the day the state first saw it.
struct Read {
    hashes: Vec<String>,
    seen_days: Vec<Option<chrono::NaiveDate>>,
    /// The corpus files to keep in the state.
    kept: corpus::stored::Kept,
    /// The articles that arrived late (see `summarise::Input::late`).
    late: Vec<usize>,
    /// Every article read, before the period narrows them (with a state only): its content
    /// hash and where it was found. The state records them all, so that an article of the
    /// archive is never taken later for one that arrived late.
    seen: Vec<(String, String)>,
    /// With `--extracts`: the records' extractions, by content hash.
    records: std::collections::HashMap<String, extract::ArticleExtraction>,
}

impl Read {
    /// Dates undated articles by the day they were first seen, once extracted: their relative
    /// dates ("mardi") stay unresolved rather than anchored on a day that is not theirs.
    fn date_by_first_seen(&self, articles: &mut [corpus::Article]) {
        for (article, day) in articles.iter_mut().zip(&self.seen_days) {
            if let Some(day) = day {
                article.published = dates::PartialDate::ymd(day.year(), day.month(), day.day());
                article.published_from = corpus::DateFrom::FirstSeen;
            }
        }
    }
}

/// The corpus's articles (undated ones left out with `--undated exclude`), how many files were
/// looked at, and what the state knows of them; an error when none can be read or, without a
/// state, none falls in the period.
fn read_articles(
    config: &Config,
    warnings: &mut Vec<Warning>,
    state: Option<&state::State>,
) -> Result<(Vec<corpus::Article>, usize, Read), Error> {
    let roots = std::slice::from_ref(&config.corpus);
    let needed = needed(config);
    let (corpus, kept, records) = if config.extracts.is_empty() {
        let (corpus, kept) = match state {
            Some(state) => {
                corpus::load_cached(roots, config.read, &state::StoredFiles(state), needed)?
            }
            None => corpus::load_cached(roots, config.read, &corpus::stored::NoCache, needed)?,
        };
        (corpus, kept, Default::default())
    } else {
        // The reduce: the articles and their extractions from `brief extract`'s records.
        let reduced = extracts::read(&config.extracts, needed)?;
        (reduced.corpus, Default::default(), reduced.extractions)
    };
    warnings.extend(corpus.warnings);
    if corpus.articles_read == 0 {
        let corpus_shown = match config.extracts.as_slice() {
            [] => paths::shown(&config.corpus),
            paths => paths
                .iter()
                .map(|p| paths::shown(p))
                .collect::<Vec<_>>()
                .join(" "),
        };
        return Err(Error::EmptyCorpus {
            corpus: corpus_shown,
            files: corpus.files_seen,
        });
    }
    let read = corpus.articles_read;
    let mut articles = corpus.articles;
    if config.undated == summarise::Undated::Exclude {
        // Left out entirely: not even cited by a meeting another article dates.
        articles.retain(|a| a.published.is_some());
    }
    let hashes: Vec<String> = articles.par_iter().map(state::article_hash).collect();
    let first_seen = match state {
        Some(state) => state.first_seen(&hashes)?,
        None => Default::default(),
    };
    // Undated articles take the day the state first saw them (this run's date for a new one).
    let dated_by_first_seen = |a: &corpus::Article, hash: &String| match (a.published, state) {
        (None, Some(_)) => Some(first_seen.get(hash).copied().unwrap_or(config.date)),
        _ => None,
    };
    let seen_days: Vec<Option<chrono::NaiveDate>> = articles
        .iter()
        .zip(&hashes)
        .map(|(a, h)| dated_by_first_seen(a, h))
        .collect();
    let any_in_period =
        articles
            .iter()
            .zip(&seen_days)
            .any(|(a, seen)| match (a.published, seen) {
                (Some(_), _) => summarise::in_window(a, config.since, config.until),
                (None, Some(day)) => {
                    config.since.is_none_or(|s| *day >= s) && config.until.is_none_or(|u| *day <= u)
                }
                (None, None) => config.undated == summarise::Undated::Keep,
            });
    // A nightly run (`--since last`, `--since 7d`) publishes an empty period too: it says
    // nothing is new. A period of dates the user gave that holds nothing is a mistake.
    if !any_in_period && config.since_rule.is_none() {
        let period = format!(
            "{} – {}",
            config.since.map_or("…".into(), |d| d.to_string()),
            config.until.map_or("…".into(), |d| d.to_string())
        );
        return Err(Error::NoArticleInWindow { read, period });
    }
    let (late, seen) = match state {
        Some(state) => (
            late_articles(config, state, &articles, &hashes, &first_seen)?,
            seen_articles(&articles, &hashes, &corpus.unused),
        ),
        None => (vec![false; articles.len()], Vec::new()),
    };
    let (articles, hashes, seen_days, late) = narrow(config, articles, hashes, seen_days, late);
    Ok((
        articles,
        corpus.files_seen,
        Read {
            hashes,
            seen_days,
            kept,
            late,
            seen,
            records,
        },
    ))
}

/// The articles a run reads whole: from the period's first day on, and with `--since last` from
/// `LATE_DAYS` before it, where a late article may lie; all of them without `--since`.
fn needed(config: &Config) -> corpus::Needed {
    let late = match config.since_rule {
        Some(cli::SinceRule::Last) => cli::LATE_DAYS,
        _ => 0,
    };
    corpus::Needed {
        from: config.since.map(|since| since - chrono::Days::new(late)),
    }
}

/// Every article read, by content hash and location, for the state: those the run uses and
/// those read from disk that it does not (an article of a file read on an earlier night was
/// recorded then).
fn seen_articles(
    articles: &[corpus::Article],
    hashes: &[String],
    unused: &[corpus::Article],
) -> Vec<(String, String)> {
    let used = articles.iter().zip(hashes.iter().cloned());
    let unused_hashes: Vec<String> = unused.par_iter().map(state::article_hash).collect();
    used.chain(unused.iter().zip(unused_hashes))
        .map(|(a, h)| (h, a.location().to_string()))
        .collect()
}

/// The articles the period's briefing can use: those dated from the period's first day on
/// (a later article may report an event of the period), the undated ones and the late ones
/// (`late`, by index; given back as the indices they keep). Older ones are read (their files
/// are kept in the state) but neither extracted nor summarised, so a night costs what the
/// period holds, not what the archive does; a run without a state narrows the same way, so
/// both give the same briefing.
fn narrow(
    config: &Config,
    articles: Vec<corpus::Article>,
    hashes: Vec<String>,
    seen_days: Vec<Option<chrono::NaiveDate>>,
    late: Vec<bool>,
) -> (
    Vec<corpus::Article>,
    Vec<String>,
    Vec<Option<chrono::NaiveDate>>,
    Vec<usize>,
) {
    let in_period = |a: &corpus::Article, seen: &Option<chrono::NaiveDate>| {
        let last = match (a.published, seen) {
            (Some(d), _) => d.last_day(),
            (None, Some(day)) => *day,
            (None, None) => return true,
        };
        config.since.is_none_or(|s| last >= s)
    };
    let mut out = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let all = articles.into_iter().zip(hashes).zip(seen_days).zip(late);
    for (((a, h), seen), late) in all {
        if late || in_period(&a, &seen) {
            if late {
                out.3.push(out.0.len());
            }
            out.0.push(a);
            out.1.push(h);
            out.2.push(seen);
        }
    }
    out
}

/// With `--since last` after a previous briefing: which articles no run has seen yet although
/// dated in the `LATE_DAYS` before the period (they came after the previous briefing was made,
/// so no briefing has told them).
fn late_articles(
    config: &Config,
    state: &state::State,
    articles: &[corpus::Article],
    hashes: &[String],
    first_seen: &std::collections::HashMap<String, chrono::NaiveDate>,
) -> Result<Vec<bool>, Error> {
    let none = vec![false; articles.len()];
    let Some(since) = config.since else {
        return Ok(none);
    };
    if config.since_rule != Some(cli::SinceRule::Last)
        || state.last_briefing_before(config.date)?.is_none()
    {
        return Ok(none);
    }
    let bound = since - chrono::Days::new(cli::LATE_DAYS);
    Ok(articles
        .iter()
        .zip(hashes)
        .map(|(a, hash)| {
            !first_seen.contains_key(hash)
                && a.published
                    .is_some_and(|d| d.last_day() < since && d.last_day() >= bound)
        })
        .collect())
}

/// The files the markup may read: the logo and the locator map's data.
fn assets(config: &Config, briefing: &model::Briefing) -> Vec<(String, Vec<u8>)> {
    let mut assets: Vec<(String, Vec<u8>)> = config
        .presentation
        .logo
        .iter()
        .map(|png| (render::LOGO_FILE.to_string(), png.clone()))
        .collect();
    if let Some(locator) = map::locator(
        briefing,
        config.presentation.lang,
        &config.presentation.point_of_view,
    ) {
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
    let markup = render::builtin().render(&job.context)?;
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
