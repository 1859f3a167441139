//! The `brief` binary: parse the command line, resolve "today" once, run, print, exit.

use brief::cli::{resolve_today, Cli, Command};
use brief::error::Failure;
use brief::log::{Format, Level, Logger};
use clap::Parser;
use serde_json::json;
use std::process::ExitCode;

/// mimalloc rather than the system's allocator: typst's layout allocates and frees many small
/// values, and the seeds' whole run is measured against `typst compile`
/// (docs/src/design/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match cli.command {
        Command::Generate(args) => *args,
        Command::Inspect(args) => return inspect(&args),
        Command::Extract(args) => return extract(&args),
        Command::Worker => return ExitCode::from(brief::sandbox::serve() as u8),
        Command::Schedule(command) => return schedule(command),
        Command::Send(args) => return send(args),
        Command::Templates(brief::cli::TemplatesCommand::Export { dir }) => {
            return match brief::render::export_templates(&dir) {
                Ok(written) => {
                    for path in written {
                        println!("{}", brief::paths::shown(&path));
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => fail(error.into(), Logger::default()),
            };
        }
    };
    let today = today();
    // The worker that runs user templates is this very program.
    let program = std::env::current_exe().unwrap_or_else(|_| "brief".into());
    let timings = args.timings;
    let log = args.log.logger();
    catch_signals(log, |published| {
        if published {
            "the briefing was published before it"
        } else {
            "nothing was published; the outputs and the state are as they were"
        }
    });
    let result = today
        .and_then(|today| args.into_config(today, program))
        .map_err(Failure::from)
        .inspect(|config| mail_warnings(&log, config.mail.as_ref()))
        .and_then(|config| brief::generate(&config));
    match result {
        Ok(report) => {
            for warning in &report.warnings {
                log.warning(warning);
            }
            let text = format!(
                "read {} article(s), {} page(s)",
                report.articles, report.pages
            );
            for (stage, time) in &report.timings {
                let seconds = time.as_secs_f64();
                if timings || log.format == Format::Json {
                    let line = format!("time: {stage:<9} {seconds:>8.3} s");
                    log.info(
                        "stage",
                        &line,
                        json!({ "stage": stage, "seconds": seconds }),
                    );
                }
            }
            for path in &report.written {
                println!("{}", brief::paths::shown(path));
            }
            log_deliveries(&log, &report.deliveries);
            if let Some(error) = report.mail_error {
                return fail(error.into(), log);
            }
            log.info(
                "summary",
                &text,
                json!({
                    "articles": report.articles,
                    "pages": report.pages,
                    "warnings": report.warnings.len(),
                    "written": report.written.iter().map(|p| brief::paths::shown(p)).collect::<Vec<_>>(),
                    "exit_code": 0,
                }),
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure, log),
    }
}

/// What the `[mail]` settings allow but should not (a password file others can read).
fn mail_warnings(log: &Logger, mail: Option<&brief::settings::MailSettings>) {
    for text in mail.map(|m| m.warnings()).unwrap_or_default() {
        log.warning(&brief::warning::Warning::general(text));
    }
}

/// A run stopped by a signal cleans up and says so in its summary line (see `interrupt`).
fn catch_signals(log: Logger, outcome: fn(bool) -> &'static str) {
    let summary = move |signal: &str, code: i32, published: bool| {
        let what = outcome(published);
        log.error(&format!("stopped by {signal}: {what}"), code);
        log.info(
            "summary",
            "",
            json!({ "signal": signal, "published": published, "exit_code": code }),
        );
    };
    if let Err(e) = brief::interrupt::install(Box::new(summary)) {
        let text =
            format!("warning: cannot catch signals ({e}): a stopped run may leave temporary files");
        log.emit(Level::Warning, "warning", &text, json!({ "message": text }));
    }
}

fn inspect(args: &brief::cli::InspectArgs) -> ExitCode {
    match brief::inspect(args) {
        Ok((report, warnings)) => {
            for warning in &warnings {
                eprintln!("warning: {warning}");
            }
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure, Logger::default()),
    }
}

/// `brief extract`: the warnings of reading, then a summary line on standard error.
fn extract(args: &brief::cli::ExtractArgs) -> ExitCode {
    let log = Logger::default();
    match brief::extract_records(args) {
        Ok((written, warnings)) => {
            for warning in &warnings {
                log.warning(warning);
            }
            log.info(
                "summary",
                &format!(
                    "{} article(s) of {} file(s) extracted",
                    written.articles, written.files
                ),
                json!({ "articles": written.articles, "files": written.files, "warnings": warnings.len() }),
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure, log),
    }
}

/// Prints the warnings gathered before the failure, then the error; its exit code.
fn fail(failure: Failure, log: Logger) -> ExitCode {
    for warning in &failure.warnings {
        log.warning(warning);
    }
    let code = failure.error.exit_code();
    log.error(&failure.error.to_string(), code);
    log.info(
        "summary",
        "",
        json!({ "warnings": failure.warnings.len(), "exit_code": code }),
    );
    ExitCode::from(code as u8)
}

/// `brief schedule`: the units or the crontab line for this folder and this program.
fn schedule(command: brief::cli::ScheduleCommand) -> ExitCode {
    use brief::cli::ScheduleCommand;
    let at = match &command {
        ScheduleCommand::Systemd { at, .. } | ScheduleCommand::Cron { at } => at,
    };
    let Some(at) = brief::schedule::parse_time(at) else {
        let message = format!("--at {at}: expected a time as HH:MM, e.g. --at 05:30");
        return fail(
            brief::error::Error::Usage(message).into(),
            Logger::default(),
        );
    };
    let here = std::env::current_dir().and_then(|d| d.canonicalize());
    let program = std::env::current_exe().and_then(|p| p.canonicalize());
    let (workdir, program) = match (here, program) {
        (Ok(here), Ok(program)) => (here, program),
        (Err(e), _) | (_, Err(e)) => {
            let message = format!("cannot tell the current folder or this program's path: {e}");
            return fail(
                brief::error::Error::Usage(message).into(),
                Logger::default(),
            );
        }
    };
    let job = match brief::schedule::Job::new(at, workdir, program) {
        Ok(job) => job,
        Err(message) => {
            return fail(
                brief::error::Error::Usage(message).into(),
                Logger::default(),
            )
        }
    };
    match command {
        ScheduleCommand::Cron { .. } => {
            print!("{}", job.crontab());
            ExitCode::SUCCESS
        }
        ScheduleCommand::Systemd { dir, force, .. } => {
            if let Err(message) = job.systemd_ready() {
                return fail(
                    brief::error::Error::Usage(message).into(),
                    Logger::default(),
                );
            }
            match brief::schedule::write_units(&dir, &job, force) {
                Ok(written) => {
                    for path in written {
                        println!("{}", brief::paths::shown(&path));
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => fail(error.into(), Logger::default()),
            }
        }
    }
}

/// `brief send`: the briefing of a date to each recipient not yet served.
fn send(args: brief::cli::SendArgs) -> ExitCode {
    let log = args.log.logger();
    catch_signals(log, |_| {
        "the recipients served before it are not recorded and may get the briefing again"
    });
    let today = today();
    let result = today
        .and_then(|today| args.into_config(today))
        .map_err(Failure::from)
        .inspect(|config| mail_warnings(&log, Some(&config.mail)))
        .and_then(|config| brief::send(&config));
    match result {
        Ok((deliveries, error)) => {
            log_deliveries(&log, &deliveries);
            if let Some(error) = error {
                return fail(error.into(), log);
            }
            let text = match deliveries.len() {
                0 => "nothing to send: every recipient has this briefing (--resend sends again)"
                    .to_string(),
                n => format!("sent to {n} recipient(s)"),
            };
            log.info(
                "summary",
                &text,
                json!({ "delivered": deliveries.len(), "exit_code": 0 }),
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure, log),
    }
}

/// One line per recipient: delivered, or refused and why.
fn log_deliveries(log: &Logger, deliveries: &[brief::mail::Delivery]) {
    for d in deliveries {
        let text = if d.delivered {
            format!("sent to {}", d.recipient)
        } else {
            format!(
                "warning: not sent to {}: {}",
                d.recipient,
                brief::paths::one_line(&d.reply)
            )
        };
        let fields = json!({
            "recipient": d.recipient,
            "delivered": d.delivered,
            "message_id": d.message_id,
            "reply": d.reply,
        });
        let level = if d.delivered {
            Level::Info
        } else {
            Level::Warning
        };
        log.emit(level, "delivery", &text, fields);
    }
}

/// Today for a briefing: SOURCE_DATE_EPOCH's day when set, else the local date.
fn today() -> Result<chrono::NaiveDate, brief::error::Error> {
    resolve_today(
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
        chrono::Local::now().date_naive(),
    )
}
