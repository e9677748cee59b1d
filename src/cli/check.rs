//! `copydesk check`: the flags become the run's settings once, a reporter
//! is chosen for the format, and the library's run does the rest.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::args::{CheckArgs, ConfigArgs, FailOnArg, SeverityArg};
use super::output;
use super::report::CheckReporter;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use copydesk::baseline::Baseline;
use copydesk::config::{FailOn, Overrides};
use copydesk::diagnostic::Severity;
use copydesk::files::read::{read_text_file, DEFAULT_MAX_FILE_SIZE};
use copydesk::run::{self, Fixing, Settings, Stdin};

/// The settings of the configuration flags every command shares.
pub fn config_settings(args: &ConfigArgs) -> Settings {
    Settings {
        config: args.config.clone(),
        overrides: Overrides {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
            house_style: args.house_style.clone(),
            language: args.language.clone(),
        },
        ..Settings::default()
    }
}

/// Everything the flags decide, resolved once: the lists and the baseline
/// are read here, so that a bad one stops the run before anything else.
fn settings(args: &CheckArgs) -> Result<Settings, String> {
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let listed = match &args.files_from {
        Some(list) if list.as_os_str() == "-" && reads_stdin => {
            return Err(
                "`--files-from -` and the path `-` cannot both read standard input".to_string(),
            )
        }
        Some(list) => Some(read_path_list(list)?),
        None => None,
    };
    let baseline = match &args.baseline {
        Some(file) => Some((load_baseline(file)?, parent_folder(file))),
        None => None,
    };
    let stdin = reads_stdin.then(|| {
        let mut bytes = Vec::new();
        Stdin {
            name: args.stdin_filename.clone(),
            bytes: std::io::stdin().read_to_end(&mut bytes).map(|_| bytes),
        }
    });
    let fixing = if args.fix {
        Fixing::Write
    } else if args.diff {
        Fixing::Compute
    } else {
        Fixing::None
    };
    Ok(Settings {
        paths: args.paths.clone(),
        listed,
        stdin,
        force_exclude: args.force_exclude,
        fixing,
        unsafe_fixes: args.unsafe_fixes,
        min_severity: args.min_severity.map(severity),
        baseline,
        record_baseline: args.write_baseline.as_deref().map(parent_folder),
        report_unused_suppressions: args.report_unused_suppressions,
        cache: args.cache.clone(),
        threads: args.threads,
        fail_on: args.fail_on.map(fail_on),
        ..config_settings(&args.config)
    })
}

pub fn run(args: CheckArgs) -> u8 {
    let settings = match settings(&args) {
        Ok(settings) => settings,
        Err(message) => {
            output::error(&message);
            return EXIT_ERROR;
        }
    };
    // With `--fix`, copydesk on standard input is a formatter: standard
    // output is the text, fixed or exactly as it came, and nothing else, so
    // that an editor or a pipeline that replaces the article with it never
    // gets a summary instead. Findings go to standard error.
    let text_to_stdout = args.fix && settings.stdin.is_some();
    let mut reporter = CheckReporter::new(&args, text_to_stdout);
    let outcome = match run::check(settings, &mut reporter) {
        Ok(outcome) => outcome,
        Err(errors) => {
            for error in &errors {
                output::config_error(error);
            }
            return EXIT_ERROR;
        }
    };
    for warning in &outcome.warnings {
        output::write_stderr(format!("warning: {warning}\n").as_bytes());
    }

    if let Some(file) = &args.write_baseline {
        let recorded = Baseline::new(outcome.recorded);
        if let Err(error) = copydesk::files::write::write_whole(file, &recorded.to_json()) {
            output::error(&format!("cannot write {}: {error}", file.display()));
            return EXIT_ERROR;
        }
        let line = format!(
            "Recorded {} in {}.\n",
            copydesk::render::plural(recorded.len(), "finding"),
            file.display()
        );
        output::write_stdout(line.as_bytes());
        return if outcome.io_errors {
            EXIT_ERROR
        } else {
            EXIT_CLEAN
        };
    }
    let Some(found) = reporter.finish(&args, &outcome) else {
        // Standard output was closed: the reader has all it wanted.
        return EXIT_CLEAN;
    };
    if text_to_stdout {
        if let Some(text) = &outcome.stdin_text {
            if !output::write_stdout(text) {
                return EXIT_CLEAN;
            }
        }
    }
    let fixed_any = args.exit_non_zero_on_fix && outcome.summary.fixes_applied > 0;
    if outcome.io_errors {
        EXIT_ERROR
    } else if found || fixed_any {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn parent_folder(file: &Path) -> PathBuf {
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The paths listed in `list` (`-`: standard input), one a line.
fn read_path_list(list: &Path) -> Result<Vec<PathBuf>, String> {
    let text = if list.as_os_str() == "-" {
        read_bounded(std::io::stdin().lock())
            .map_err(|error| format!("cannot read the path list from standard input: {error}"))?
    } else {
        // A pipe is fine here (`--files-from <(git diff --name-only)`): the
        // bound alone keeps a device from filling the memory.
        std::fs::File::open(list)
            .and_then(read_bounded)
            .map_err(|error| format!("cannot read {}: {error}", list.display()))?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(PathBuf::from)
        .collect())
}

/// A path list as text, refused past [`DEFAULT_MAX_FILE_SIZE`].
fn read_bounded(reader: impl Read) -> std::io::Result<String> {
    let mut text = String::new();
    reader
        .take(DEFAULT_MAX_FILE_SIZE + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > DEFAULT_MAX_FILE_SIZE {
        return Err(std::io::Error::other(format!(
            "larger than {} MiB",
            DEFAULT_MAX_FILE_SIZE / (1024 * 1024)
        )));
    }
    Ok(text)
}

fn load_baseline(file: &Path) -> Result<Baseline, String> {
    let text = read_text_file(file, DEFAULT_MAX_FILE_SIZE)
        .map_err(|error| format!("cannot read the baseline {}: {error}", file.display()))?;
    Baseline::parse(&text).map_err(|error| format!("{}: {error}", file.display()))
}

fn severity(arg: SeverityArg) -> Severity {
    match arg {
        SeverityArg::Info => Severity::Info,
        SeverityArg::Warning => Severity::Warning,
        SeverityArg::Error => Severity::Error,
    }
}

fn fail_on(arg: FailOnArg) -> FailOn {
    match arg {
        FailOnArg::Info => FailOn::Severity(Severity::Info),
        FailOnArg::Warning => FailOn::Severity(Severity::Warning),
        FailOnArg::Error => FailOn::Severity(Severity::Error),
        FailOnArg::Never => FailOn::Never,
    }
}
