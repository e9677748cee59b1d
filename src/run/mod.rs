//! Checking a set of paths: the one entry point the command line, the tests
//! and every embedder call.
//!
//! [`check`] finds the files (walking folders, nested configurations,
//! standard input, listed candidates), reads every configuration first and
//! refuses the run if any has problems, then lints the files in parallel,
//! applies suppressions, per-path ignores and the baseline, fixes and writes
//! when asked, and hands each file's report to a [`Reporter`] in path order.
//! Memory stays flat however many files there are: reports are handed over
//! as they finish, never collected by the run. Each worker counts its own
//! files towards the [`Outcome`], so that a reporter that writes only what
//! the workers rendered can be handed reports whose findings were dropped
//! where they were made.

mod archive_pass;
mod counts;
mod inputs;
mod pool;
pub mod walk;

pub use inputs::configuration_for;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::baseline::{Baseline, Identity};
use crate::config::{ConfigError, FailOn, Overrides, Resolved};
use crate::diagnostic::Severity;
use crate::files::read::DEFAULT_MAX_FILE_SIZE;
use crate::lint::FileReport;
use crate::render::Summary;

/// What to do with the fixes (the safe ones, unless `unsafe_fixes`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fixing {
    /// Report findings only.
    #[default]
    None,
    /// Compute the fixed text of each file, to show it (`--diff`).
    Compute,
    /// Compute the fixed text and write it back to each file (`--fix`).
    Write,
}

/// Standard input, when `-` is among the paths.
#[derive(Debug)]
pub struct Stdin {
    /// The name it is linted under (`--stdin-filename`): decides Markdown or
    /// text, and which configuration applies. `-` when not given.
    pub name: Option<String>,
    /// Its bytes, or why they could not be read.
    pub bytes: std::io::Result<Vec<u8>>,
}

/// How a run checks: everything the command line (or an embedder) decides,
/// resolved once before anything is read.
#[derive(Debug)]
pub struct Settings {
    /// Files and folders to check; `-` is standard input. Empty, and no
    /// `listed`: the current folder, with paths shown relative to it.
    pub paths: Vec<PathBuf>,
    /// Further candidates (`--files-from`, `--changed`): checked when they
    /// are files and a folder walk would check them (the command line
    /// refuses a listed path that does not exist before the run). A list,
    /// even an empty one, replaces the current folder as the default.
    pub listed: Option<Vec<PathBuf>>,
    /// Standard input's name and bytes, when `-` is among `paths`.
    pub stdin: Option<Stdin>,
    /// Use this configuration file instead of discovering one per folder.
    pub config: Option<PathBuf>,
    /// Settings that win over every configuration file.
    pub overrides: Overrides,
    /// Skip named files (and standard input, by its name) that a
    /// configuration's `exclude` would skip in a folder walk.
    pub force_exclude: bool,
    /// What to do with safe fixes.
    pub fixing: Fixing,
    /// With fixing: apply unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Drop findings below this severity (`io.*` findings are always kept).
    pub min_severity: Option<Severity>,
    /// Findings to leave out, and the folder its paths are relative to.
    pub baseline: Option<(Baseline, PathBuf)>,
    /// Record every finding's identity for a new baseline whose paths are
    /// relative to this folder (`--write-baseline`).
    pub record_baseline: Option<PathBuf>,
    /// Report suppression comments that suppress nothing.
    pub report_unused_suppressions: bool,
    /// Reuse the findings of unchanged files, kept in this folder (`None`:
    /// the default folder beside the configuration).
    pub cache: Option<Option<PathBuf>>,
    /// Worker threads (default: one per core).
    pub threads: Option<usize>,
    /// Which severities fail the run; default: the first path's
    /// configuration's `fail-on`, else warnings.
    pub fail_on: Option<FailOn>,
    /// Files larger than this are reported, not read.
    pub max_file_size: u64,
    /// The archive rules, shards and records.
    pub archive: ArchiveRun,
}

/// What a run does about the archive rules, which judge every article of
/// the run together after the per-file pass (see [`crate::archive`]).
#[derive(Clone, Debug, Default)]
pub struct ArchiveRun {
    /// Leave the archive rules out.
    pub off: bool,
    /// Keep every finding, per-file and archive, for a report
    /// ([`crate::archive::ArchiveOutcome::rows`]).
    pub report: bool,
    /// Check only shard `index` of `count` (from 0): the files whose shown
    /// path [`crate::archive::shard_of`] puts there. The archive rules do
    /// not run on a shard; its records go to `stats`, for `merge`.
    pub shard: Option<(usize, usize)>,
    /// Write every article's record to this file, one JSON line each.
    pub stats: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            paths: Vec::new(),
            listed: None,
            stdin: None,
            config: None,
            overrides: Overrides::default(),
            force_exclude: false,
            fixing: Fixing::None,
            unsafe_fixes: false,
            min_severity: None,
            baseline: None,
            record_baseline: None,
            report_unused_suppressions: false,
            cache: None,
            threads: None,
            fail_on: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            archive: ArchiveRun::default(),
        }
    }
}

impl Settings {
    /// Check `paths` with the configurations found for them and nothing else
    /// changed.
    pub fn for_paths(paths: impl IntoIterator<Item = impl Into<PathBuf>>) -> Self {
        Settings {
            paths: paths.into_iter().map(Into::into).collect(),
            ..Settings::default()
        }
    }
}

/// Renders one file's report on a worker thread, so that rendering (most of
/// the time of a line format) runs in parallel.
pub type FileRenderer = Box<dyn Fn(&FileReport) -> Vec<u8> + Send + Sync>;

/// Receives a run's reports, in path order.
pub trait Reporter {
    /// Called once the configurations are resolved, before any file.
    fn start(&mut self, _configurations: &[Arc<Resolved>]) {}

    /// A renderer for worker threads; its output comes back with the report
    /// in [`Reporter::file`]. None by default.
    fn renderer(&self) -> Option<FileRenderer> {
        None
    }

    /// Whether the renderer's bytes are all this reporter reads of a file's
    /// findings. When true, a report comes to [`Reporter::file`] without
    /// its findings, text and fixed text (they are dropped on the worker
    /// that made them) whenever the renderer made bytes of it, it has no
    /// findings, or there is no renderer; a report with findings the
    /// renderer made nothing of still comes whole. Its path, `io_error`,
    /// `fixes_applied` and `uncovered` are kept, and the run's
    /// [`Outcome`] counts every finding either way. False by default:
    /// every report comes whole.
    fn takes_rendered_only(&self) -> bool {
        false
    }

    /// One file's report, in path order, with what the renderer made of it.
    fn file(&mut self, report: FileReport, rendered: Vec<u8>);

    /// [`Reporter::file`], told also how long the file took on its worker
    /// (reading, linting, fixing and settling it), for a format that shows
    /// it. The run calls this one; by default the time is dropped.
    fn timed_file(&mut self, report: FileReport, rendered: Vec<u8>, took: Duration) {
        let _ = took;
        self.file(report, rendered);
    }

    /// Findings the archive rules made about a file already handed over,
    /// after every file: a format that keeps one entry per file adds them
    /// to it. By default, handed over as [`Reporter::file`].
    fn archive_file(&mut self, report: FileReport, rendered: Vec<u8>) {
        self.file(report, rendered);
    }
}

/// A reporter that keeps every report, for tests and embedders that want
/// them all at once.
#[derive(Debug, Default)]
pub struct Collect {
    /// The reports, in path order.
    pub reports: Vec<FileReport>,
}

impl Reporter for Collect {
    fn file(&mut self, report: FileReport, _: Vec<u8>) {
        self.reports.push(report);
    }
}

/// What a run found, besides what its reporter was given.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Counts of files, findings by severity and fixes applied.
    pub summary: Summary,
    /// Findings per rule and severity.
    pub statistics: BTreeMap<(Arc<str>, Severity), usize>,
    /// A finding at a severity that fails the run.
    pub failing: bool,
    /// Which severities fail the run, as settled for it: `--fail-on`, else
    /// the first path's configuration, else warnings.
    pub fail_on: FailOn,
    /// A file could not be read, linted or written (exit code 2).
    pub io_errors: bool,
    /// Identities of the findings, when a baseline is being recorded.
    pub recorded: Vec<Identity>,
    /// Findings the baseline left out, and its entries no finding matched,
    /// over the files linted.
    pub baselined: crate::baseline::BaselineCounts,
    /// With `--fix` on standard input: the text to hand back, fixed or
    /// exactly as it came.
    pub stdin_text: Option<Vec<u8>>,
    /// Problems that cost speed, not correctness (a cache not written).
    pub warnings: Vec<String>,
    /// What the archive rules found, when they ran.
    pub archive: Option<crate::archive::ArchiveOutcome>,
}

/// Check the files `settings` names and hand their reports to `reporter`.
///
/// Every configuration is read first; if any has problems, they all come
/// back together and nothing is linted.
pub fn check(settings: Settings, reporter: &mut dyn Reporter) -> Result<Outcome, Vec<ConfigError>> {
    let mut settings = settings;
    let stdin = settings.stdin.take();
    let inputs = inputs::gather(&settings, stdin)?;
    Ok(pool::lint_in_order(&settings, inputs, reporter))
}
