//! The command line, parsed by clap, then checked into a [`Config`] before any work is done.

use crate::dates::parse_iso_partial;
use crate::error::Error;
use crate::summarise::Sizes;
use chrono::{Datelike, NaiveDate};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Turns a folder of news articles into a dated, footnoted analyst briefing PDF.
///
/// Offline, deterministic and extractive: every sentence of the briefing is taken from a source
/// article and footnoted to every source that reports it.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, long_about = None, after_help = "Example:\n  brief generate --since 2024-12\n  brief generate --corpus articles/ --since 2025-04-01 --until 2025-04-30 --out briefings/")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read a corpus of articles and write the briefing PDF and its JSON model.
    #[command(
        after_help = "Examples:\n  brief generate --since 2024-12\n      every article of seeds/ published from 1 December 2024, briefing dated today\n  brief generate --corpus ~/articles --since 2025-04 --until 2025-04 --date 2025-05-01 --out briefings --emit typ\n      April 2025 only, dated 1 May 2025, also keeping the Typst markup\n\nOutputs: OUT/briefing-DATE.pdf and OUT/briefing-DATE.json (and .typ with --emit typ),\nwritten all or nothing. Exit codes: 0 ok, 2 bad arguments, 3 corpus problem, 4 template\nproblem, 5 typst compile problem or a user template over its time, memory or\nrecursion limit, 6 output folder problem, 7 e-mail of --send refused, 8 the state\ncannot be used, 75 another run holds the state, 128+N stopped by signal N (143: SIGTERM)."
    )]
    Generate(Box<GenerateArgs>),
    /// Show what brief read from each article: metadata and how it was found, headings,
    /// sentences and dates with their byte ranges, duplicates, warnings.
    #[command(
        after_help = "Examples:\n  brief inspect seeds/003_4c1f6d6e1defac3c.txt\n  brief inspect --json seeds/ > seeds.json\n\nExit codes: 0 ok, 3 nothing could be read."
    )]
    Inspect(InspectArgs),
    /// The map step of a cluster job: read a corpus and write one extraction record per
    /// article (brief-extract/1: JSON Lines compressed with zstd).
    #[command(
        after_help = "Examples:\n  brief extract --corpus ~/articles --out articles.jsonl.zst\n  brief extract --corpus /data/feed --shard 3/16 --out part-00003.jsonl.zst\n      the articles of shard 3 of 16, by content hash (one batch task of 16)\n\nWithout --out the records go to standard output. Exit codes: 0 ok, 2 bad arguments,\n3 corpus problem, 6 the records could not be written (nothing is left half-written)."
    )]
    Extract(ExtractArgs),
    /// Work with the briefing's templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// E-mail the briefing of a date to the analysts ([mail] in brief.toml): a text part, an
    /// HTML part with the first page, the PDF attached; once per recipient.
    #[command(
        after_help = "Examples:\n  brief send\n      today's briefing, to every [mail] recipient not yet served\n  brief send --date 2026-11-21 --to chef@example.org --resend\n\nExit codes: 0 ok, 2 bad arguments or [mail] settings, 6 the briefing's files are missing,\n7 a recipient was refused or the server unreachable (the others are served and recorded),\n8 the state cannot be used, 75 another run holds the state, 128+N stopped by signal N."
    )]
    Send(SendArgs),
    /// Run `brief generate --since last --send` every night, in this folder.
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// Internal: render and compile user templates under limits (see `sandbox`).
    #[command(name = crate::sandbox::WORKER_COMMAND, hide = true)]
    Worker,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates into DIR, to edit and use with --templates DIR. Existing
    /// files are never overwritten.
    #[command(
        after_help = "Example:\n  brief templates export my-templates\n  brief generate --templates my-templates"
    )]
    Export {
        /// The folder to write into (created if missing). Example: my-templates
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The output folder the briefing was written to. Example: --out briefings
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,

    /// Settings file with the [mail] table; default: brief.toml in the working folder.
    /// Example: --config settings/brief.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The briefing's date, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH's day).
    /// Example: --date 2026-11-21
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Send to these addresses instead of [mail] to, cc and bcc. Example: --to chef@example.org
    #[arg(long, value_name = "ADDRESS", num_args = 1..)]
    pub to: Vec<String>,

    /// Send again to recipients already served.
    #[arg(long)]
    pub resend: bool,

    /// The state database; default OUT/.brief/state.sqlite. Example: --state /var/lib/brief/state.sqlite
    #[arg(long, value_name = "FILE", conflicts_with = "no_state")]
    pub state: Option<PathBuf>,

    /// Send without a state: nothing is recorded, and everyone is sent to.
    #[arg(long)]
    pub no_state: bool,

    #[command(flatten)]
    pub log: LogArgs,
}

/// A checked `brief send`.
#[derive(Debug, Clone)]
pub struct SendConfig {
    pub out: PathBuf,
    pub date: NaiveDate,
    pub state: Option<PathBuf>,
    pub mail: crate::settings::MailSettings,
    /// Recipients given on the command line, instead of the settings'.
    pub to: Vec<String>,
    pub resend: bool,
    pub title: Option<String>,
    pub lang: crate::settings::Lang,
}

impl SendArgs {
    pub fn into_config(self, today: NaiveDate) -> Result<SendConfig, Error> {
        let date = match self.date.as_deref() {
            None => today,
            Some(text) => briefing_date(text)?,
        };
        let (file, _) = crate::settings::load(self.config.as_deref()).map_err(Error::Usage)?;
        let lang = crate::settings::Lang::parse(file.lang.as_deref().unwrap_or("fr"))
            .map_err(|e| Error::Usage(format!("lang: {e}")))?;
        let mail = mail_settings(&file)?;
        let state = state_file(self.no_state, self.state.as_ref(), &self.out);
        for address in &self.to {
            address.parse::<lettre::message::Mailbox>().map_err(|e| {
                Error::Usage(format!("--to {address}: not an e-mail address ({e})"))
            })?;
        }
        Ok(SendConfig {
            out: self.out,
            date,
            state,
            mail,
            to: self.to,
            resend: self.resend,
            title: file.title,
            lang,
        })
    }
}

/// The state's file: none with --no-state, --state's, or the output folder's.
fn state_file(no_state: bool, given: Option<&PathBuf>, out: &std::path::Path) -> Option<PathBuf> {
    match (no_state, given) {
        (true, _) => None,
        (false, Some(file)) => Some(file.clone()),
        (false, None) => Some(out.join(crate::state::DEFAULT_FILE)),
    }
}

/// The settings file's [mail] table, checked.
pub fn mail_settings(
    file: &crate::settings::FileSettings,
) -> Result<crate::settings::MailSettings, Error> {
    let mail = file.mail.clone().ok_or_else(|| {
        Error::Usage(
            "no [mail] table in the settings file: add one to brief.toml (see docs/src/reference/settings.md), or give --config".into(),
        )
    })?;
    mail.ready().map_err(|e| Error::Usage(e.to_string()))?;
    Ok(mail)
}

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Write brief.service and brief.timer (systemd) that run the nightly job in the current
    /// folder; existing units are kept unless --force.
    #[command(
        after_help = "Example:\n  brief schedule systemd --at 05:30 --dir ~/.config/systemd/user\n  systemctl --user daemon-reload && systemctl --user enable --now brief.timer\n\nExit codes: 0 ok, 2 bad arguments, 6 the units cannot be written or exist already."
    )]
    Systemd {
        /// Time of the run, HH:MM, local time. Example: --at 05:30
        #[arg(long, value_name = "HH:MM", default_value = "06:00")]
        at: String,
        /// Where to write the units. Example: --dir ~/.config/systemd/user
        #[arg(long, value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        /// Replace brief.service and brief.timer if they exist.
        #[arg(long)]
        force: bool,
    },
    /// Print a crontab line that runs the nightly job in the current folder.
    #[command(after_help = "Example:\n  (crontab -l; brief schedule cron --at 05:30) | crontab -")]
    Cron {
        /// Time of the run, HH:MM, local time. Example: --at 05:30
        #[arg(long, value_name = "HH:MM", default_value = "06:00")]
        at: String,
    },
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Files or folders of articles. Example: seeds/*.txt
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print JSON (a list of articles) instead of text.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Folder (walked recursively, hidden entries skipped) or single file of articles; `-`
    /// reads JSON Lines from standard input (named stdin.jsonl in the records).
    /// Example: --corpus ~/articles
    #[arg(long, value_name = "PATH", default_value = "seeds")]
    pub corpus: PathBuf,

    /// File to write the records to (replaced whole once complete): compressed with zstd, or
    /// plain JSON Lines for a name ending in .jsonl; default: standard output (zstd).
    /// Example: --out part-00000.jsonl.zst
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Only the articles of shard I of N (0 <= I < N), picked by content hash; shard 0 also
    /// holds the corpus's own record. Example: --shard 3/16
    #[arg(long, value_name = "I/N", value_parser = crate::extracts::Shard::parse)]
    pub shard: Option<crate::extracts::Shard>,

    #[command(flatten)]
    pub read: ReadArgs,
}

/// How much is read, for `generate`, `inspect` and `extract`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Largest article accepted, in bytes, once decompressed: a file, or one record of a JSON
    /// collection (all its fields counted); larger ones are skipped with a warning.
    /// Example: --max-article-bytes 20000000
    #[arg(long, value_name = "BYTES", default_value_t = crate::corpus::DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: u64,

    /// Most bytes read from the whole corpus, decompressed bytes included; reading stops there
    /// with a warning naming the file and record reached. Example: --max-corpus-bytes 4294967296
    #[arg(long, value_name = "BYTES", default_value_t = crate::corpus::DEFAULT_MAX_CORPUS_BYTES)]
    pub max_corpus_bytes: u64,
}

impl ReadArgs {
    /// The reading limits these flags set.
    pub fn options(&self) -> crate::corpus::ReadOptions {
        crate::corpus::ReadOptions {
            max_article_bytes: self.max_article_bytes,
            max_corpus_bytes: self.max_corpus_bytes,
        }
    }
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Folder (walked recursively, hidden entries skipped) or single file of articles; default:
    /// `corpus` in the settings file, else seeds. Example: --corpus ~/articles
    #[arg(long, value_name = "PATH")]
    pub corpus: Option<PathBuf>,

    /// The reduce past one machine: read the articles from `brief extract`'s records (every
    /// shard's file) instead of --corpus; the same briefing as from the corpus itself.
    /// Example: --extracts part-*.jsonl.zst
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "corpus")]
    pub extracts: Vec<PathBuf>,

    /// First day of the period, inclusive: YYYY-MM-DD, YYYY-MM (from the 1st) or YYYY; or `last`,
    /// the day after the previous briefing in the state (the 7 days before --date the first
    /// time); or `Nd`, the N days before --date. Example: --since 2024-12, --since last, --since 7d
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Last day of the period, inclusive: YYYY-MM-DD, YYYY-MM (to the month's last day) or YYYY.
    /// Example: --until 2025-04 keeps articles up to 30 April 2025.
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,

    /// The briefing's date, YYYY-MM-DD. Default: today, or the day of SOURCE_DATE_EPOCH when set.
    /// Example: --date 2026-11-21
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Output folder, created if missing. Example: --out briefings
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,

    /// The state database (articles seen, runs, what each briefing published); default
    /// OUT/.brief/state.sqlite. Example: --state /var/lib/brief/state.sqlite
    #[arg(long, value_name = "FILE", conflicts_with = "no_state")]
    pub state: Option<PathBuf>,

    /// Run without a state: nothing is remembered, nothing is marked new, and --since last is
    /// refused.
    #[arg(long)]
    pub no_state: bool,

    /// Once published, e-mail the briefing to the [mail] recipients not yet served (see
    /// `brief send`); a refused recipient gives exit code 7, the briefing stays published.
    #[arg(long)]
    pub send: bool,

    /// Folder of Tera templates to use instead of the built-in ones; it must hold briefing.typ.
    /// Example: --templates my-templates
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Extra outputs, comma-separated: typ (the Typst markup), png (the first page as a PNG, for
    /// e-mails and dashboards). The PDF and the JSON are always written; json is accepted here
    /// for clarity. Example: --emit typ,png
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub emit: Vec<Emit>,

    /// Facts kept for a country covered by a quarter of the articles the best-covered one is
    /// (default 6); sections follow coverage, up to twice this. Example: --facts-per-country 10
    #[arg(long, value_name = "N")]
    pub facts_per_country: Option<usize>,

    #[command(flatten)]
    pub read: ReadArgs,

    #[command(flatten)]
    pub log: LogArgs,

    /// With --templates: the most seconds rendering and compiling may take (exit 5 beyond).
    /// Example: --compile-timeout 120
    #[arg(long, value_name = "SECONDS", default_value_t = crate::sandbox::DEFAULT_TIMEOUT_SECONDS)]
    pub compile_timeout: u64,

    /// With --templates: the most memory (address space, bytes) rendering and compiling may use
    /// (exit 5 beyond). Example: --compile-memory 8589934592
    #[arg(long, value_name = "BYTES", default_value_t = crate::sandbox::DEFAULT_MEMORY_BYTES)]
    pub compile_memory: u64,

    /// Facts kept per meeting, its outcomes (default 4). Example: --facts-per-meeting 6
    #[arg(long, value_name = "N")]
    pub facts_per_meeting: Option<usize>,

    /// Undated articles: keep (the default; they are flagged) or exclude. Example: --undated exclude
    #[arg(long, value_name = "POLICY", default_value = "keep")]
    pub undated: UndatedArg,

    /// Print the wall time of each stage (read, extract, summarise, render, compile, publish)
    /// on standard error.
    #[arg(long)]
    pub timings: bool,

    /// Settings file (title, organisation, marking, language, logo, sizes); default: brief.toml
    /// in the working folder, if there is one. Example: --config settings/brief.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The briefing's title (default "Note de synthèse", or "Briefing" in English).
    /// Example: --title "Note Sahel"
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// The organisation named in the title block and the PDF's metadata. Example: --organisation "Cellule Afrique"
    #[arg(long, value_name = "TEXT")]
    pub organisation: Option<String>,

    /// Handling marking (default TLP:CLEAR). Example: --marking TLP:AMBER
    #[arg(long, value_name = "TEXT")]
    pub marking: Option<String>,

    /// Language of the labels and dates: fr (default) or en. Example: --lang en
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Organisation logo for the title block: PNG, JPEG or WebP, checked and resized.
    /// Example: --logo logo.png
    #[arg(long, value_name = "FILE")]
    pub logo: Option<PathBuf>,

    /// Key points on the first page (default 6). Example: --key-points 7
    #[arg(long, value_name = "N")]
    pub key_points: Option<usize>,
}

/// What standard error carries.
#[derive(Debug, Clone, Copy, Args)]
pub struct LogArgs {
    /// How standard error speaks: text (default), or json, one object per line (level, event,
    /// file, message; generate's stage timings; a final summary with counts and the exit code).
    /// Example: --log-format json
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub log_format: crate::log::Format,

    /// Only errors on standard error (no warnings, progress or summary).
    #[arg(long)]
    pub quiet: bool,
}

impl LogArgs {
    pub fn logger(&self) -> crate::log::Logger {
        crate::log::Logger {
            format: self.log_format,
            quiet: self.quiet,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UndatedArg {
    Keep,
    Exclude,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Emit {
    Typ,
    Json,
    Png,
}

/// A --since relative to the briefing's date or to the previous briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceRule {
    /// The day after the previous published briefing (or `FIRST_RUN_DAYS` before the date).
    Last,
    /// This many days before the briefing's date.
    Days(u32),
}

/// The corpus `generate` reads without `--corpus` or a `corpus` setting: the demo articles.
pub const DEFAULT_CORPUS: &str = "seeds";

/// How far back `--since last` looks when no briefing was published before.
pub const FIRST_RUN_DAYS: u32 = 7;

/// How many days before `--since last`'s period an article first seen since the previous
/// briefing may be dated and still be told: news arrives late (time zones, an agency's update,
/// a feed catching up after an outage).
pub const LATE_DAYS: u64 = 30;

impl SinceRule {
    fn parse(text: &str) -> Option<SinceRule> {
        if text == "last" {
            return Some(SinceRule::Last);
        }
        let days = text.strip_suffix('d')?;
        days.parse()
            .ok()
            .filter(|d| (1..=36_500).contains(d))
            .map(SinceRule::Days)
    }
}

/// A checked request for one briefing.
#[derive(Debug, Clone)]
pub struct Config {
    pub corpus: PathBuf,
    /// `--extracts`: the records to read instead of the corpus (none: read the corpus).
    pub extracts: Vec<PathBuf>,
    /// The first day, once any `since_rule` is resolved (see `lib::resolve_period`).
    pub since: Option<NaiveDate>,
    pub since_rule: Option<SinceRule>,
    /// The state database; `None` with --no-state.
    pub state: Option<PathBuf>,
    /// The command line, as the state records it.
    pub arguments: String,
    /// Whether long stages may show a progress bar.
    pub progress: bool,
    /// With --send: the [mail] settings.
    pub mail: Option<crate::settings::MailSettings>,
    pub until: Option<NaiveDate>,
    pub date: NaiveDate,
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    pub emit_typ: bool,
    pub emit_png: bool,
    pub timings: bool,
    pub sizes: Sizes,
    pub read: crate::corpus::ReadOptions,
    pub undated: crate::summarise::Undated,
    pub presentation: crate::render::Presentation,
    /// How user templates are run (see `sandbox`).
    pub limits: crate::sandbox::Limits,
}

impl GenerateArgs {
    /// Checks the arguments; `today` is used when --date is absent, `program` (this executable)
    /// runs user templates.
    pub fn into_config(self, today: NaiveDate, program: PathBuf) -> Result<Config, Error> {
        let date = match self.date.as_deref() {
            None => today,
            Some(text) => briefing_date(text)?,
        };
        let since_rule = self.since.as_deref().and_then(SinceRule::parse);
        let (since, until) = self.period(date, since_rule)?;
        if since_rule == Some(SinceRule::Last) && self.no_state {
            return Err(Error::Usage(
                "--since last needs the state, which --no-state turns off: give a date, or Nd"
                    .into(),
            ));
        }
        let state = state_file(self.no_state, self.state.as_ref(), &self.out);
        if self.compile_timeout == 0 {
            return Err(Error::Usage(
                "--compile-timeout must be at least 1 second".into(),
            ));
        }
        let (file, _) = crate::settings::load(self.config.as_deref()).map_err(Error::Usage)?;
        let sizes = self.sizes(&file)?;
        let presentation = self.presentation(&file)?;
        Ok(Config {
            since,
            since_rule,
            state,
            arguments: std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" "),
            progress: self.log.logger().progress(),
            mail: if self.send {
                Some(mail_settings(&file)?)
            } else {
                None
            },
            until,
            date,
            emit_typ: self.emit.contains(&Emit::Typ),
            emit_png: self.emit.contains(&Emit::Png) || self.send,
            timings: self.timings,
            sizes,
            presentation,
            undated: match self.undated {
                UndatedArg::Keep => crate::summarise::Undated::Keep,
                UndatedArg::Exclude => crate::summarise::Undated::Exclude,
            },
            read: self.read.options(),
            limits: crate::sandbox::Limits {
                program,
                timeout: std::time::Duration::from_secs(self.compile_timeout),
                memory_bytes: self.compile_memory,
            },
            corpus: self
                .corpus
                .or(file.corpus)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS)),
            extracts: self.extracts,
            out: self.out,
            templates: self.templates,
        })
    }

    /// --since and --until, in order; a `--since Nd` is resolved here, `--since last` once
    /// the state is open.
    fn period(
        &self,
        date: NaiveDate,
        rule: Option<SinceRule>,
    ) -> Result<(Option<NaiveDate>, Option<NaiveDate>), Error> {
        let since = match rule {
            Some(SinceRule::Days(days)) => Some(date - chrono::Days::new(u64::from(days))),
            Some(SinceRule::Last) => None,
            None => self
                .since
                .as_deref()
                .map(|s| period_bound(s, "--since", true))
                .transpose()?,
        };
        let until = self
            .until
            .as_deref()
            .map(|s| period_bound(s, "--until", false))
            .transpose()?;
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(Error::Usage(format!(
                    "--since {s} is after --until {u}; swap them"
                )));
            }
        }
        Ok((since, until))
    }

    /// How much the briefing holds: flags first, then the settings file, then the defaults.
    fn sizes(&self, file: &crate::settings::FileSettings) -> Result<Sizes, Error> {
        let defaults = Sizes::default();
        let sizes = Sizes {
            facts_per_country: self
                .facts_per_country
                .or(file.facts_per_country)
                .unwrap_or(defaults.facts_per_country),
            facts_per_meeting: self
                .facts_per_meeting
                .or(file.facts_per_meeting)
                .unwrap_or(defaults.facts_per_meeting),
            key_points: self
                .key_points
                .or(file.key_points)
                .unwrap_or(defaults.key_points),
            quotes: file.quotes.unwrap_or(defaults.quotes),
            timeline: file.timeline.unwrap_or(defaults.timeline),
            meetings: file.meetings.unwrap_or(defaults.meetings),
            countries: file.countries.unwrap_or(defaults.countries),
        };
        let counts = [
            sizes.key_points,
            sizes.facts_per_country,
            sizes.facts_per_meeting,
        ];
        if counts.contains(&0) {
            return Err(Error::Usage(
                "--key-points, --facts-per-country and --facts-per-meeting must be at least 1"
                    .into(),
            ));
        }
        Ok(sizes)
    }

    /// How the briefing looks: flags first, then the settings file.
    fn presentation(
        &self,
        file: &crate::settings::FileSettings,
    ) -> Result<crate::render::Presentation, Error> {
        let lang = crate::settings::Lang::parse(
            self.lang
                .as_deref()
                .or(file.lang.as_deref())
                .unwrap_or("fr"),
        )
        .map_err(|e| Error::Usage(format!("--lang: {e}")))?;
        let logo = match self.logo.as_ref().or(file.logo.as_ref()) {
            Some(path) => Some(crate::render::load_logo(path).map_err(Error::Usage)?),
            None => None,
        };
        let point_of_view = match file.map.as_ref().and_then(|m| m.point_of_view.as_deref()) {
            Some(value) => crate::map::PointOfView::parse(value)
                .map_err(|e| Error::Usage(format!("[map] in the settings file: {e}")))?,
            None => crate::map::PointOfView::default(),
        };
        Ok(crate::render::Presentation {
            title: self.title.clone().or(file.title.clone()),
            organisation: self.organisation.clone().or(file.organisation.clone()),
            marking: self
                .marking
                .clone()
                .or(file.marking.clone())
                .unwrap_or_else(|| "TLP:CLEAR".to_string()),
            lang,
            logo,
            point_of_view,
        })
    }
}

/// `--date`: a day, YYYY-MM-DD, with a four-digit year.
fn briefing_date(text: &str) -> Result<NaiveDate, Error> {
    parse_iso_partial(text)
        .filter(|d| d.precision() == crate::dates::Precision::Day)
        .map(|d| d.first_day())
        .filter(|d| BRIEFING_YEARS.contains(&d.year()))
        .ok_or_else(|| {
            Error::Usage(format!(
                "--date {text}: expected a day as YYYY-MM-DD between the years {} and {}, e.g. --date 2026-11-21",
                BRIEFING_YEARS.start(),
                BRIEFING_YEARS.end()
            ))
        })
}

/// "2024-12" → 1 December 2024 as a start, 31 December 2024 as an end.
fn period_bound(text: &str, flag: &str, start: bool) -> Result<NaiveDate, Error> {
    let date = parse_iso_partial(text).ok_or_else(|| {
        Error::Usage(format!(
            "{flag} {text}: expected YYYY-MM-DD, YYYY-MM or YYYY{}, e.g. {flag} 2024-12",
            if start {
                ", or last, or a number of days such as 7d"
            } else {
                ""
            }
        ))
    })?;
    Ok(if start {
        date.first_day()
    } else {
        date.last_day()
    })
}

/// The years a briefing may be dated in: four digits, as PDF and ISO dates write them.
pub const BRIEFING_YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Today for the briefing: SOURCE_DATE_EPOCH's day (UTC) when set, else the local date.
pub fn resolve_today(
    source_date_epoch: Option<&str>,
    local_today: NaiveDate,
) -> Result<NaiveDate, Error> {
    match source_date_epoch {
        None => Ok(local_today),
        Some(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
            .map(|t| t.date_naive())
            .filter(|d| BRIEFING_YEARS.contains(&d.year()))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "SOURCE_DATE_EPOCH={}: expected seconds since 1970 giving a year from {} to {} (e.g. SOURCE_DATE_EPOCH=1763683200), or unset it",
                    crate::paths::one_line(text),
                    BRIEFING_YEARS.start(),
                    BRIEFING_YEARS.end()
                ))
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Result<Config, Error> {
        let cli = Cli::try_parse_from([&["brief", "generate"], args].concat()).unwrap();
        let Command::Generate(generate) = cli.command else {
            panic!("generate")
        };
        (*generate).into_config(
            NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            "brief".into(),
        )
    }

    #[test]
    fn month_bounds_cover_whole_months() {
        let c = config(&["--since", "2024-11", "--until", "2025-02"]).unwrap();
        assert_eq!(c.since.unwrap().to_string(), "2024-11-01");
        assert_eq!(c.until.unwrap().to_string(), "2025-02-28");
        assert_eq!(c.date.to_string(), "2026-11-21");
        assert_eq!(c.corpus, PathBuf::from("seeds"));
    }

    #[test]
    fn bad_dates_are_usage_errors() {
        assert!(config(&["--since", "décembre"]).is_err());
        assert!(config(&["--date", "2026-11"]).is_err());
        assert!(config(&["--date", "+026-11-21"]).is_err());
        assert!(config(&["--date", "0999-12-31"]).is_err());
        assert!(config(&["--since", "2025-02", "--until", "2025-01"]).is_err());
    }

    #[test]
    fn emit_typ_is_recognised() {
        assert!(config(&["--emit", "typ,json"]).unwrap().emit_typ);
        assert!(!config(&[]).unwrap().emit_typ);
    }

    #[test]
    fn source_date_epoch_gives_the_day() {
        let local = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        assert_eq!(
            resolve_today(Some("1763683200"), local)
                .unwrap()
                .to_string(),
            "2025-11-21"
        );
        assert_eq!(resolve_today(None, local).unwrap(), local);
        assert!(resolve_today(Some("soon"), local).is_err());
        assert!(resolve_today(Some("253402300800"), local).is_err());
        assert!(resolve_today(Some("-62135596800"), local).is_err());
    }
}
