//! `brief schedule`: the nightly job as the system runs it. A systemd service and timer, or a
//! crontab line, that run `brief generate --since last --send` in the project's folder.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The command every night runs, after the program's path.
pub const NIGHTLY_ARGS: &str = "generate --since last --send";

/// Exit code of a run that found the state held by another one (EX_TEMPFAIL): not a failure
/// for the scheduler, the next night catches up.
pub const BUSY_EXIT: i32 = 75;

/// When and where the job runs.
#[derive(Debug, Clone)]
pub struct Job {
    /// Hour and minute, local time.
    at: (u32, u32),
    /// The folder the job runs in (absolute): its corpus, settings and output folder.
    workdir: PathBuf,
    /// The `brief` program (absolute).
    program: PathBuf,
}

impl Job {
    /// The job for this folder and program, if a unit file and a crontab line can hold their
    /// paths: no line break or other control character (it would end the line, and what
    /// follows would become a setting or a crontab entry of its own), valid UTF-8, and no space
    /// or backslash at the end of the folder's name (systemd trims the one and continues the
    /// line after the other; `WorkingDirectory=` takes no quotes).
    pub fn new(at: (u32, u32), workdir: PathBuf, program: PathBuf) -> Result<Job, String> {
        for (what, path) in [("folder", &workdir), ("program's path", &program)] {
            let text = path.to_str().ok_or_else(|| {
                format!(
                    "the {what} {} is not valid UTF-8, which a unit file or crontab line cannot hold; rename it",
                    crate::paths::shown(path)
                )
            })?;
            if text.chars().any(char::is_control) {
                return Err(format!(
                    "the {what} {} holds a line break or another control character, which no unit file or crontab line can hold safely; rename it",
                    crate::paths::shown(path)
                ));
            }
        }
        Ok(Job {
            at,
            workdir,
            program,
        })
    }

    /// Whether systemd can take these paths: its `WorkingDirectory=` takes no quotes (a space
    /// at the end is trimmed, a backslash there continues the line), and it refuses quotes
    /// and backslashes in a program's name.
    pub fn systemd_ready(&self) -> Result<(), String> {
        let folder = self.workdir.to_string_lossy();
        if folder.ends_with(char::is_whitespace) || folder.ends_with('\\') {
            return Err(format!(
                "the folder {} ends with a space or a backslash, which systemd's WorkingDirectory= cannot hold; rename it, or use `brief schedule cron`",
                crate::paths::shown(&self.workdir)
            ));
        }
        if self.program.to_string_lossy().contains(['"', '\'', '\\']) {
            return Err(format!(
                "the program's path {} holds a quote or a backslash, which systemd refuses in a program's name; install brief elsewhere, or use `brief schedule cron`",
                crate::paths::shown(&self.program)
            ));
        }
        Ok(())
    }
}

/// Writes `brief.service` and `brief.timer` into `dir`, both or neither; existing units are
/// replaced only with `force`.
pub fn write_units(
    dir: &Path,
    job: &Job,
    force: bool,
) -> Result<Vec<PathBuf>, crate::publish::PublishError> {
    let units = [
        ("brief.service".to_string(), job.service().into_bytes()),
        ("brief.timer".to_string(), job.timer().into_bytes()),
    ];
    for (name, _) in &units {
        let target = dir.join(name);
        if !force && target.symlink_metadata().is_ok() {
            return Err(crate::publish::PublishError::Exists {
                path: crate::paths::shown(&target),
                to: crate::publish::Destination::Units,
            });
        }
    }
    crate::publish::publish(dir, &units, crate::publish::Destination::Units)
}

/// "HH:MM", 24-hour clock.
pub fn parse_time(text: &str) -> Option<(u32, u32)> {
    let (h, m) = text.split_once(':')?;
    let ok = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !ok(h) || !ok(m) {
        return None;
    }
    let (h, m) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

/// Whether a path needs no quoting: letters, digits and / . _ - + only.
fn plain(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
}

/// systemd's form of a program's path in a unit file's command line: quoted, with `%%` for a
/// specifier's `%` (systemd expands no variable in a program's name, and refuses quotes and
/// backslashes there: see [`Job::systemd_ready`]).
fn quoted(path: &Path) -> String {
    let text = path.to_string_lossy();
    if plain(&text) {
        text.into_owned()
    } else {
        format!("\"{}\"", text.replace('%', "%%"))
    }
}

impl Job {
    pub fn service(&self) -> String {
        let mut unit = String::new();
        let _ = writeln!(unit, "# Written by `brief schedule systemd`.");
        let _ = writeln!(unit, "[Unit]");
        let _ = writeln!(unit, "Description=brief: the nightly briefing");
        let _ = writeln!(unit, "Wants=network-online.target");
        let _ = writeln!(unit, "After=network-online.target");
        let _ = writeln!(unit);
        let _ = writeln!(unit, "[Service]");
        let _ = writeln!(unit, "Type=oneshot");
        let _ = writeln!(
            unit,
            "WorkingDirectory={}",
            self.workdir.to_string_lossy().replace('%', "%%")
        );
        let _ = writeln!(unit, "ExecStart={} {NIGHTLY_ARGS}", quoted(&self.program));
        let _ = writeln!(
            unit,
            "# {BUSY_EXIT}: another run held the state; the next night catches up."
        );
        let _ = writeln!(unit, "SuccessExitStatus={BUSY_EXIT}");
        unit
    }

    pub fn timer(&self) -> String {
        let (h, m) = self.at;
        let mut unit = String::new();
        let _ = writeln!(unit, "# Written by `brief schedule systemd`.");
        let _ = writeln!(unit, "[Unit]");
        let _ = writeln!(
            unit,
            "Description=brief: the nightly briefing at {h:02}:{m:02}"
        );
        let _ = writeln!(unit);
        let _ = writeln!(unit, "[Timer]");
        let _ = writeln!(unit, "OnCalendar=*-*-* {h:02}:{m:02}:00");
        let _ = writeln!(
            unit,
            "# A night missed (machine off) runs at the next boot."
        );
        let _ = writeln!(unit, "Persistent=true");
        let _ = writeln!(unit, "Unit=brief.service");
        let _ = writeln!(unit);
        let _ = writeln!(unit, "[Install]");
        let _ = writeln!(unit, "WantedBy=timers.target");
        unit
    }

    /// A crontab line: the same command in the same folder; cron mails what it prints.
    pub fn crontab(&self) -> String {
        let (h, m) = self.at;
        format!(
            "{m} {h} * * * cd {} && {} {NIGHTLY_ARGS} --log-format json\n",
            shell_quoted(&self.workdir),
            shell_quoted(&self.program)
        )
    }
}

/// A path for a POSIX shell: single-quoted when it holds anything but plain characters.
fn shell_quoted(path: &Path) -> String {
    let text = path.to_string_lossy();
    if plain(&text) {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''").replace('%', "\\%"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> Job {
        Job {
            at: (5, 30),
            workdir: "/srv/brief data".into(),
            program: "/usr/local/bin/brief".into(),
        }
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert_eq!(parse_time("06:05"), Some((6, 5)));
        assert_eq!(parse_time("23:59"), Some((23, 59)));
        for bad in ["24:00", "6:05", "06:60", "0605", "aa:bb", ""] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_units_run_the_nightly_command_in_the_folder() {
        let service = job().service();
        assert!(service.contains("WorkingDirectory=/srv/brief data\n"));
        assert!(service.contains("ExecStart=/usr/local/bin/brief generate --since last --send\n"));
        assert!(service.contains("SuccessExitStatus=75\n"));
        let timer = job().timer();
        assert!(timer.contains("OnCalendar=*-*-* 05:30:00\n"));
        assert!(timer.contains("Persistent=true\n"));
    }

    #[test]
    fn a_path_no_scheduler_line_can_hold_is_refused() {
        let at = (5, 30);
        let bin = PathBuf::from("/usr/bin/brief");
        for folder in ["/srv/a\nExecStartPre=/bin/sh", "/srv/a\rb"] {
            assert!(
                Job::new(at, folder.into(), bin.clone()).is_err(),
                "{folder:?}"
            );
        }
        assert!(Job::new(at, "/srv/x".into(), "/opt/b\nin/brief".into()).is_err());
        assert!(Job::new(at, "/srv/it's $HOME 100% \"x\"".into(), bin).is_ok());
    }

    #[test]
    fn the_program_is_quoted_for_systemd_with_its_specifiers_escaped() {
        let job = Job::new((5, 30), "/srv/x".into(), "/opt/my $HOME 100%/brief".into()).unwrap();
        assert_eq!(job.systemd_ready(), Ok(()));
        assert!(job
            .service()
            .contains("ExecStart=\"/opt/my $HOME 100%%/brief\" generate --since last --send\n"));
        for program in ["/opt/\"b\"/brief", "/opt/it's/brief", "/opt/a\\b/brief"] {
            let job = Job::new((5, 30), "/srv/x".into(), program.into()).unwrap();
            assert!(job.systemd_ready().is_err(), "{program}");
        }
        for folder in ["/srv/a\\", "/srv/a "] {
            let job = Job::new((5, 30), folder.into(), "/opt/brief".into()).unwrap();
            assert!(job.systemd_ready().is_err(), "{folder:?}");
        }
    }

    #[test]
    fn the_crontab_line_quotes_what_the_shell_would_split() {
        assert_eq!(
            job().crontab(),
            "30 5 * * * cd '/srv/brief data' && /usr/local/bin/brief generate --since last --send --log-format json\n"
        );
    }
}
