//! The `brief` binary: parse the command line, resolve "today" once, run, print, exit.

use brief::cli::{resolve_today, Cli, Command};
use brief::error::Failure;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match cli.command {
        Command::Generate(args) => *args,
        Command::Inspect(args) => return inspect(&args),
        Command::Worker => return ExitCode::from(brief::sandbox::serve() as u8),
        Command::Templates(brief::cli::TemplatesCommand::Export { dir }) => {
            return match brief::render::export_templates(&dir) {
                Ok(written) => {
                    for path in written {
                        println!("{}", brief::paths::shown(&path));
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => fail(error.into()),
            };
        }
    };
    let today = resolve_today(
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
        chrono::Local::now().date_naive(),
    );
    // The worker that runs user templates is this very program.
    let program = std::env::current_exe().unwrap_or_else(|_| "brief".into());
    let timings = args.timings;
    let result = today
        .and_then(|today| args.into_config(today, program))
        .map_err(Failure::from)
        .and_then(|config| brief::generate(&config));
    match result {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            eprintln!(
                "read {} article(s), {} page(s)",
                report.articles, report.pages
            );
            if timings {
                for (stage, time) in &report.timings {
                    eprintln!("time: {stage:<9} {:>8.3} s", time.as_secs_f64());
                }
            }
            for path in &report.written {
                println!("{}", brief::paths::shown(path));
            }
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure),
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
        Err(failure) => fail(failure),
    }
}

/// Prints the warnings gathered before the failure, then the error; its exit code.
fn fail(failure: Failure) -> ExitCode {
    for warning in &failure.warnings {
        eprintln!("warning: {warning}");
    }
    eprintln!("error: {}", failure.error);
    ExitCode::from(failure.error.exit_code() as u8)
}
