//! `copydesk check`: find the files, lint them in parallel, report, fix.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::args::{CheckArgs, ConfigArgs, FailOnArg, Format, SeverityArg};
use super::output;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use copydesk::config::{self, ConfigError, FailOn, Overrides, RawConfig, Resolved};
use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::render::{self, Summary};
use copydesk::workspace::{self, FileReport, FixRequest, DEFAULT_MAX_FILE_SIZE};

/// Configurations by the file they came from, resolved once per run.
#[derive(Default)]
pub struct Configs {
    by_file: HashMap<Option<PathBuf>, Arc<Resolved>>,
    pub linters: Vec<Arc<Resolved>>,
}

impl Configs {
    /// The configuration for `path`: `--config` when given, else the nearest
    /// copydesk.toml above it, else the defaults.
    pub fn for_path(&mut self, path: &Path, args: &ConfigArgs) -> Result<usize, ConfigError> {
        let file = match &args.config {
            Some(explicit) => Some(explicit.clone()),
            None => config::discover(path),
        };
        if let Some(resolved) = self.by_file.get(&file) {
            return Ok(self
                .linters
                .iter()
                .position(|r| Arc::ptr_eq(r, resolved))
                .unwrap_or(0));
        }
        let raw = match &file {
            Some(file) => config::load(file)?,
            None => RawConfig::default(),
        };
        let resolved = Arc::new(config::resolve(raw, &overrides(args))?);
        self.by_file.insert(file, resolved.clone());
        self.linters.push(resolved);
        Ok(self.linters.len() - 1)
    }
}

pub fn overrides(args: &ConfigArgs) -> Overrides {
    Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        house_style: args.house_style.clone(),
        language: args.language.clone(),
    }
}

pub fn run(args: CheckArgs) -> u8 {
    if let Some(threads) = args.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global();
    }
    let explicit_paths = !args.paths.is_empty();
    let paths = if explicit_paths {
        args.paths.clone()
    } else {
        vec![PathBuf::from(".")]
    };

    let mut configs = Configs::default();
    let mut reports: Vec<FileReport> = Vec::new();
    let mut jobs: Vec<workspace::Job> = Vec::new();
    let mut stdin_job: Option<(usize, String)> = None;
    for path in &paths {
        if path.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "-".to_string());
            let index = match configs.for_path(Path::new(&name), &args.config) {
                Ok(index) => index,
                Err(error) => return fail_config(&error),
            };
            stdin_job = Some((index, name));
            continue;
        }
        let index = match configs.for_path(path, &args.config) {
            Ok(index) => index,
            Err(error) => return fail_config(&error),
        };
        let display = |p: &Path| -> String {
            let shown = p.display().to_string();
            if explicit_paths {
                shown
            } else {
                shown
                    .strip_prefix("./")
                    .map(str::to_string)
                    .unwrap_or(shown)
            }
        };
        if path.is_dir() {
            let resolved = &configs.linters[index];
            let (files, errors) = workspace::walk(
                path,
                &resolved.config.root(),
                resolved.include.as_ref(),
                &resolved.exclude,
            );
            jobs.extend(files.into_iter().map(|file| workspace::Job {
                display: display(&file),
                path: file,
                linter: index,
            }));
            for (bad, message) in errors {
                reports.push(io_failure(&display(&bad), &message));
            }
        } else if path.exists() {
            jobs.push(workspace::Job {
                display: display(path),
                path: path.clone(),
                linter: index,
            });
        } else {
            reports.push(io_failure(&display(path), "no such file or folder"));
        }
    }

    let fix = if args.fix || args.diff {
        FixRequest::Safe
    } else {
        FixRequest::None
    };
    let linters = &configs.linters;
    let mut linted: Vec<FileReport> = jobs
        .par_iter()
        .map(|job| {
            workspace::lint_path(
                &linters[job.linter].linter,
                &job.display,
                &job.path,
                DEFAULT_MAX_FILE_SIZE,
                fix,
            )
        })
        .collect();
    reports.append(&mut linted);
    if let Some((index, name)) = stdin_job {
        let mut bytes = Vec::new();
        if let Err(error) = std::io::stdin().read_to_end(&mut bytes) {
            reports.push(io_failure(
                &name,
                &format!("cannot read standard input: {error}"),
            ));
        } else {
            match String::from_utf8(bytes) {
                Ok(text) => reports.push(workspace::lint_text(
                    &linters[index].linter,
                    &name,
                    text,
                    fix,
                )),
                Err(_) => reports.push(io_failure(&name, "standard input is not valid UTF-8")),
            }
        }
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));

    // Fixes: write them (or show them) before reporting what remains.
    let mut io_errors = reports.iter().any(|r| r.io_error);
    let mut stdout_fixed = None;
    if args.fix {
        for (report, job_path) in reports.iter_mut().map(|r| {
            let path = jobs
                .iter()
                .find(|j| j.display == r.path)
                .map(|j| j.path.clone());
            (r, path)
        }) {
            let Some(fixed) = &report.fixed else { continue };
            match job_path {
                Some(path) => {
                    if let Err(error) =
                        workspace::write_atomically(&path, &fixed.original, &fixed.text)
                    {
                        io_errors = true;
                        report.diagnostics.insert(
                            0,
                            Diagnostic::new(
                                "io.write",
                                Severity::Error,
                                0..0,
                                format!("fixes not written: {error}"),
                            ),
                        );
                        report.fixes_applied = 0;
                    }
                }
                None => stdout_fixed = Some(fixed.text.clone()),
            }
        }
    }
    if args.diff {
        let mut diff = String::new();
        for report in &reports {
            if let Some(fixed) = &report.fixed {
                diff.push_str(&unified_diff(&report.path, &fixed.original, &fixed.text));
            }
        }
        if !output::write_stdout(diff.as_bytes()) {
            return EXIT_CLEAN;
        }
        let changed = reports.iter().any(|r| r.fixed.is_some());
        return if io_errors {
            EXIT_ERROR
        } else if changed {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        };
    }

    if let Some(minimum) = args.min_severity.map(severity) {
        for report in &mut reports {
            report
                .diagnostics
                .retain(|d| d.severity >= minimum || d.rule.starts_with("io."));
        }
    }

    let summary = Summary::of(&reports);
    let fail_on = args
        .fail_on
        .map(fail_on)
        .or_else(|| {
            configs.linters.first().and_then(|r| {
                r.config
                    .fail_on
                    .as_ref()
                    .and_then(|f| FailOn::parse(&f.value))
            })
        })
        .unwrap_or(FailOn::Severity(Severity::Warning));
    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| fail_on.fails(d.severity));

    let rendered: Vec<u8> = match stdout_fixed {
        // `--fix` on standard input prints the fixed text, like a formatter.
        Some(text) => text.into_bytes(),
        None => render_reports(&args, &reports, &summary),
    };
    if !output::write_stdout(&rendered) {
        return EXIT_CLEAN;
    }
    if io_errors {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn render_reports(args: &CheckArgs, reports: &[FileReport], summary: &Summary) -> Vec<u8> {
    let mut out = match args.format {
        Format::Human => {
            let color = output::use_color(args.color, output::stdout_is_terminal());
            render::human::render(reports, color)
        }
        Format::Short => render::short::render(reports).into_bytes(),
        Format::Json => return render::json::render(reports).into_bytes(),
    };
    if args.statistics {
        out.extend(statistics(reports).into_bytes());
    }
    if !args.quiet {
        out.extend(render::summary_line(summary).into_bytes());
        out.push(b'\n');
    }
    out
}

fn statistics(reports: &[FileReport]) -> String {
    let mut counts: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        *counts.entry((&d.rule, d.severity)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    for ((rule, severity), count) in rows {
        out.push_str(&format!("{count:>6}  {rule:<32} {severity}\n"));
    }
    out
}

fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

fn io_failure(path: &str, message: &str) -> FileReport {
    FileReport {
        path: path.to_string(),
        source: Arc::from(""),
        diagnostics: vec![Diagnostic::new("io.read", Severity::Error, 0..0, message)],
        io_error: true,
        fixed: None,
        fixes_applied: 0,
    }
}

fn fail_config(error: &ConfigError) -> u8 {
    output::config_error(error);
    EXIT_ERROR
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
