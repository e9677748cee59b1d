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
use copydesk::files::git::{ChangeRequest, Changes, Repository};
use copydesk::files::list::{locate, parse, Located};
use copydesk::files::read::{read_text_file, DEFAULT_MAX_FILE_SIZE};
use copydesk::render::paths::shown;
use copydesk::render::plural;
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
/// Also what the files come from, to say so when none is linted.
fn settings(args: &CheckArgs) -> Result<(Settings, String), String> {
    let reads_stdin = reads_stdin(args);
    let Inputs {
        paths,
        listed,
        source,
    } = inputs(args, reads_stdin)?;
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
    let settings = Settings {
        paths,
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
        archive: run::ArchiveRun {
            off: args.no_archive,
            report: args.format == super::args::Format::Html,
            shard: args.shard,
            stats: args.stats.clone(),
        },
        ..config_settings(&args.config)
    };
    Ok((settings, source))
}

/// What a run is to check.
struct Inputs {
    /// Files and folders named.
    paths: Vec<PathBuf>,
    /// Candidates from `--files-from` or `--changed`.
    listed: Option<Vec<PathBuf>>,
    /// Where they came from, for the warning when nothing is linted.
    source: String,
}

/// The named paths and the listed candidates: from `--changed` (the named
/// paths only narrow git's answer), else from the command line and
/// `--files-from`.
fn inputs(args: &CheckArgs, reads_stdin: bool) -> Result<Inputs, String> {
    if let Some(base) = &args.changed {
        if reads_stdin {
            return Err("`--changed` lints files git knows, not standard input (`-`)".to_string());
        }
        let changes = changed_files(base.clone(), args.untracked, &args.paths)?;
        let source = if changes.files.is_empty() {
            format!("no file changed since {}", changes.base)
        } else {
            format!(
                "{} since {}; all excluded or none are articles",
                plural(changes.files.len(), "changed file"),
                changes.base
            )
        };
        return Ok(Inputs {
            paths: Vec::new(),
            listed: Some(changes.files),
            source,
        });
    }
    let listed = match &args.files_from {
        Some(list) if list.as_os_str() == "-" && reads_stdin => {
            return Err(
                "`--files-from -` and the path `-` cannot both read standard input".to_string(),
            )
        }
        Some(list) => Some(listed_paths(list)?),
        None => None,
    };
    let given = args.paths.len() + listed.as_ref().map_or(0, Vec::len);
    let source = match (given, &listed) {
        (0, Some(_)) => "the path list is empty".to_string(),
        (0, None) => "no article in the current folder".to_string(),
        _ => format!(
            "{} given; all excluded or none are articles",
            plural(given, "path")
        ),
    };
    Ok(Inputs {
        paths: args.paths.clone(),
        listed,
        source,
    })
}

/// `--changed`: the files git reports, seen from the current folder.
fn changed_files(
    base: Option<String>,
    untracked: bool,
    within: &[PathBuf],
) -> Result<Changes, String> {
    if let Some(missing) = within.iter().find(|path| path.symlink_metadata().is_err()) {
        return Err(format!(
            "{}: no such file or folder (with `--changed`, paths narrow the changed \
             files; a branch to compare with is written `--changed=BASE`)",
            shown(missing)
        ));
    }
    let request = ChangeRequest {
        base,
        untracked,
        within: within.to_vec(),
    };
    Repository::discover(Path::new("."))
        .and_then(|repository| repository.changes(&request))
        .map_err(|error| format!("`--changed`: {error}"))
}

pub fn run(args: CheckArgs) -> u8 {
    let (settings, source) = match settings(&args) {
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
    // A run that lints nothing passes; said aloud, a list that named no file
    // it could find, or a filter that took everything, is not mistaken for
    // a clean run.
    if outcome.summary.files == 0 && !outcome.io_errors && !reads_stdin(&args) {
        output::write_stderr(format!("warning: no files to lint ({source})\n").as_bytes());
    }

    if let Some(file) = &args.write_baseline {
        let recorded = Baseline::new(outcome.recorded);
        if let Err(error) = copydesk::files::write::write_whole(file, &recorded.to_json()) {
            output::error(&format!("cannot write {}: {error}", file.display()));
            return EXIT_ERROR;
        }
        let line = format!(
            "Recorded {} in {}.\n",
            plural(recorded.len(), "finding"),
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

fn reads_stdin(args: &CheckArgs) -> bool {
    args.paths.iter().any(|p| p.as_os_str() == "-")
}

/// The paths listed in `list` (`-`: standard input), each found in the
/// current folder or at the repository's root; one that is in neither is
/// an error.
fn listed_paths(list: &Path) -> Result<Vec<PathBuf>, String> {
    let bytes = if list.as_os_str() == "-" {
        read_bounded(std::io::stdin().lock())
            .map_err(|error| format!("cannot read the path list from standard input: {error}"))?
    } else {
        // A pipe is fine here (`--files-from <(git diff --name-only)`): the
        // bound alone keeps a device from filling the memory.
        std::fs::File::open(list)
            .and_then(read_bounded)
            .map_err(|error| format!("cannot read {}: {error}", list.display()))?
    };
    let located = locate(parse(&bytes), Path::new("."));
    if located.missing.is_empty() {
        return Ok(located.found);
    }
    Err(missing_paths(list, &located))
}

/// Every listed path that is nowhere, named (the first ten), where it was
/// looked for, and how a diff leaves deleted files out.
fn missing_paths(list: &Path, located: &Located) -> String {
    const NAMED: usize = 10;
    let missing = &located.missing;
    let mut names: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|path| format!("`{}`", shown(path)))
        .collect();
    if missing.len() > NAMED {
        names.push(format!("and {} more", missing.len() - NAMED));
    }
    let origin = if list.as_os_str() == "-" {
        "on standard input".to_string()
    } else {
        format!("in {}", list.display())
    };
    let (what, verb) = if missing.len() == 1 {
        ("the listed path".to_string(), "does")
    } else {
        (format!("{} listed paths", missing.len()), "do")
    };
    let places = match &located.root {
        Some(root) => format!(
            "the current folder and the repository's root {}",
            root.display()
        ),
        None => "the current folder (not in a git repository)".to_string(),
    };
    format!(
        "{what} {} ({origin}) {verb} not exist; looked in {places}\n\
         help: a deleted file has nothing to lint: `git diff --diff-filter=d` leaves deleted \
         files out, and `copydesk check --changed` asks git itself",
        names.join(", ")
    )
}

/// A path list's bytes, refused past [`DEFAULT_MAX_FILE_SIZE`].
fn read_bounded(reader: impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(DEFAULT_MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > DEFAULT_MAX_FILE_SIZE {
        return Err(std::io::Error::other(format!(
            "larger than {} MiB",
            DEFAULT_MAX_FILE_SIZE / (1024 * 1024)
        )));
    }
    Ok(bytes)
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

pub(super) fn fail_on(arg: FailOnArg) -> FailOn {
    match arg {
        FailOnArg::Info => FailOn::Severity(Severity::Info),
        FailOnArg::Warning => FailOn::Severity(Severity::Warning),
        FailOnArg::Error => FailOn::Severity(Severity::Error),
        FailOnArg::Never => FailOn::Never,
    }
}
