//! `copydesk check`: find the files, lint them in parallel, report, fix.

use std::collections::{BTreeMap, VecDeque};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Files linted per task; their reports are handed over together.
const REPORT_BATCH: usize = 16;

use super::args::{CheckArgs, ConfigArgs, FailOnArg, Format, SeverityArg};
use super::output;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use copydesk::baseline::{self, Baseline, FileBaseline, Identity};
use copydesk::cache;
use copydesk::config::{self, ConfigError, ConfigSet, FailOn, Overrides, Resolved};
use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::document::Document;
use copydesk::render::{self, Summary};
use copydesk::suppress;
use copydesk::workspace::{self, FileReport, FixRequest, DEFAULT_MAX_FILE_SIZE};

/// The configurations of a run, each read and resolved once.
#[derive(Default)]
pub struct Configs {
    set: Option<ConfigSet>,
}

impl Configs {
    /// Resolved configurations; a job's `linter` indexes this.
    pub fn linters(&self) -> &[Arc<Resolved>] {
        self.set.as_ref().map_or(&[], |set| &set.resolved)
    }

    fn set(&mut self, args: &ConfigArgs) -> &mut ConfigSet {
        self.set
            .get_or_insert_with(|| ConfigSet::new(overrides(args)))
    }

    /// The slot of the configuration in force at `path`: `--config` when
    /// given, else the nearest copydesk.toml at or above it, else the
    /// defaults. Nothing is read yet.
    fn slot_for(&mut self, path: &Path, args: &ConfigArgs) -> usize {
        let file = match &args.config {
            Some(explicit) => Some(explicit.clone()),
            None => config::discover(path),
        };
        self.set(args).slot(file)
    }

    /// Read a slot's configuration; `None` when it cannot be used (the
    /// problem waits in the set, to be reported with the others).
    fn load(&mut self, slot: usize, args: &ConfigArgs) -> Option<usize> {
        self.set(args).load(slot)
    }

    /// `--force-exclude`: does a configuration in force at `file` exclude
    /// it, the nearest one or any above it (only `--config`'s, when given)?
    fn force_excluded(&mut self, file: &Path, args: &ConfigArgs) -> bool {
        let files: Vec<PathBuf> = match &args.config {
            Some(explicit) => vec![explicit.clone()],
            None => config::discover_all(file).into_iter().rev().collect(),
        };
        let set = self.set(args);
        let slots: Vec<usize> = files.into_iter().map(|f| set.slot(Some(f))).collect();
        set.excluded_by_any(&slots, file)
    }

    /// Every configuration problem met so far, ready to report together.
    fn take_errors(&mut self) -> Option<Vec<ConfigError>> {
        self.set.as_mut().and_then(ConfigSet::take_errors)
    }

    /// The configuration for `path` alone (commands that lint nothing).
    pub fn for_path(&mut self, path: &Path, args: &ConfigArgs) -> Result<usize, ConfigError> {
        let slot = self.slot_for(path, args);
        match self.load(slot, args) {
            Some(index) => Ok(index),
            None => {
                let set = self.set(args);
                Err(set
                    .failure(slot)
                    .cloned()
                    .unwrap_or_else(|| ConfigError::Io {
                        path: PathBuf::from("."),
                        error: std::io::Error::other("no configuration slot"),
                    }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_configuration_keeps_its_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("copydesk.toml"), "fail-on = 3\n").expect("write");
        let args = ConfigArgs::default();
        let mut configs = Configs::default();
        for _ in 0..2 {
            match configs.for_path(dir.path(), &args) {
                Err(ConfigError::Invalid(files)) => {
                    assert!(files.iter().any(|f| !f.problems.is_empty()));
                }
                _ => panic!("the broken configuration must be refused with its problems"),
            }
        }
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

/// What a run does with a report once it is finished.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Write it at once and drop it (line formats), so that memory does not
    /// grow with the number of files.
    Stream,
    /// Keep it for a format written whole at the end, or for `--diff`.
    All,
    /// Count it only (`--write-baseline`).
    Nothing,
}

/// The part of finishing a file that needs no other file: writing its fixes,
/// dropping findings below `--min-severity`, baseline identities and, in a
/// line format, the rendered text. Worker threads do it, so that rendering
/// (most of the time of `human` output) runs in parallel.
struct Settle<'a> {
    args: &'a CheckArgs,
    keep: Keep,
    color: bool,
}

/// A file ready to be counted and written in its place.
struct Settled {
    report: FileReport,
    rendered: Vec<u8>,
    identities: Vec<Identity>,
    baselined: usize,
}

impl Settle<'_> {
    fn settle(
        &self,
        mut report: FileReport,
        job: Option<&workspace::Job>,
        baselined: usize,
    ) -> Settled {
        let args = self.args;
        let to_write = match job {
            Some(job) if args.fix => report.fixed.take().map(|fixed| (job, fixed)),
            _ => None,
        };
        if let Some((job, fixed)) = to_write {
            match workspace::write_atomically(&job.path, &fixed.original, &fixed.text) {
                Ok(()) => report.fixed = Some(fixed),
                Err(error) => {
                    // The file keeps its text: report that text's findings.
                    let failure = Diagnostic::new(
                        "io.write",
                        Severity::Error,
                        0..0,
                        format!("fixes not written: {error}"),
                    );
                    report.io_error = true;
                    report.diagnostics = std::iter::once(failure).chain(fixed.findings).collect();
                    report.source = Arc::from(fixed.original);
                    report.fixes_applied = 0;
                }
            }
        }
        if let Some(minimum) = args.min_severity.map(severity) {
            report
                .diagnostics
                .retain(|d| d.severity >= minimum || d.rule.starts_with("io."));
        }
        let mut identities = Vec::new();
        if let Some(file) = &args.write_baseline {
            let folder = parent_folder(file);
            let key = baseline::path_key(&report.path, &folder);
            let recordable: Vec<Diagnostic> = report
                .diagnostics
                .iter()
                .filter(|d| baseline::recordable(d))
                .cloned()
                .collect();
            identities = baseline::identities(&key, &report.source, &recordable);
        }
        let mut rendered = Vec::new();
        if self.keep == Keep::Stream && !report.diagnostics.is_empty() {
            rendered = stream_report(args, &report, self.color);
        }
        if self.keep != Keep::All {
            // Only the counts are still to come.
            report.source = Arc::from("");
            report.fixed = None;
        }
        Settled {
            report,
            rendered,
            identities,
            baselined,
        }
    }
}

/// What `run` keeps while files finish, in path order.
struct Run {
    keep: Keep,
    fail_on: FailOn,
    /// Files settled before linting began (unreadable paths, standard input),
    /// waiting for their place in path order.
    early: VecDeque<Settled>,
    kept: Vec<FileReport>,
    summary: Summary,
    statistics: BTreeMap<(Arc<str>, Severity), usize>,
    failing: bool,
    /// Identities for `--write-baseline`.
    recorded: Vec<Identity>,
    baselined: usize,
    io_errors: bool,
    /// False once standard output is closed.
    stdout_open: bool,
    /// Findings go to standard error (standard output is the fixed text).
    report_to_stderr: bool,
}

impl Run {
    /// Finish the files settled before linting whose paths sort before
    /// `path` (all of them when `path` is `None`).
    fn finish_early(&mut self, path: Option<&str>) {
        while self
            .early
            .front()
            .is_some_and(|settled| path.is_none_or(|path| settled.report.path.as_str() <= path))
        {
            if let Some(settled) = self.early.pop_front() {
                self.finish(settled);
            }
        }
    }

    /// Count a file's findings, then write or keep it.
    fn finish(&mut self, settled: Settled) {
        let Settled {
            report,
            rendered,
            identities,
            baselined,
        } = settled;
        self.baselined += baselined;
        self.io_errors |= report.io_error;
        self.recorded.extend(identities);
        self.summary.add(&report);
        for d in &report.diagnostics {
            self.failing |= self.fail_on.fails(d.severity);
            *self
                .statistics
                .entry((d.rule.clone(), d.severity))
                .or_default() += 1;
        }
        if self.report_to_stderr {
            output::write_stderr(&rendered);
        } else if self.stdout_open && !rendered.is_empty() {
            self.stdout_open = output::write_stdout(&rendered);
        }
        if self.keep == Keep::All {
            self.kept.push(report);
        }
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
    let text = workspace::read_text_file(file, DEFAULT_MAX_FILE_SIZE)
        .map_err(|error| format!("cannot read the baseline {}: {error}", file.display()))?;
    Baseline::parse(&text).map_err(|error| format!("{}: {error}", file.display()))
}

pub fn run(args: CheckArgs) -> u8 {
    let listed = match &args.files_from {
        Some(list) => {
            if list.as_os_str() == "-" && args.paths.iter().any(|p| p.as_os_str() == "-") {
                output::error("`--files-from -` and the path `-` cannot both read standard input");
                return EXIT_ERROR;
            }
            match read_path_list(list) {
                Ok(listed) => listed,
                Err(message) => {
                    output::error(&message);
                    return EXIT_ERROR;
                }
            }
        }
        None => Vec::new(),
    };
    let baseline = match &args.baseline {
        Some(file) => match load_baseline(file) {
            Ok(known) => Some((known, parent_folder(file))),
            Err(message) => {
                output::error(&message);
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let explicit_paths = !args.paths.is_empty() || args.files_from.is_some();
    let paths = if explicit_paths {
        args.paths.clone()
    } else {
        vec![PathBuf::from(".")]
    };

    let mut configs = Configs::default();
    // Reports made before linting starts, each with its baselined count.
    let mut early: Vec<(FileReport, usize)> = Vec::new();
    let mut jobs: Vec<workspace::Job> = Vec::new();
    let mut stdin_job: Option<(usize, String)> = None;
    // Standard input named into an excluded place (`--force-exclude`): an
    // editor or hook passes every buffer, and this one is not to be linted.
    let mut stdin_excluded = false;
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
    // Every configuration is read, and all their problems reported, before
    // anything is linted. The first path's own configuration governs the run
    // (`fail-on`, the cache folder); it is kept apart because checking
    // `--force-exclude` reads the configurations above a file first.
    let mut primary: Option<usize> = None;
    let nested = args.config.config.is_none();
    for path in &paths {
        if path.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "-".to_string());
            if args.force_exclude
                && args.stdin_filename.is_some()
                && configs.force_excluded(Path::new(&name), &args.config)
            {
                stdin_excluded = true;
                continue;
            }
            let slot = configs.slot_for(Path::new(&name), &args.config);
            if let Some(index) = configs.load(slot, &args.config) {
                primary.get_or_insert(index);
                stdin_job = Some((index, name));
            }
            continue;
        }
        if args.force_exclude && path.is_file() && configs.force_excluded(path, &args.config) {
            continue;
        }
        let slot = configs.slot_for(path, &args.config);
        let start = configs.load(slot, &args.config);
        if let Some(index) = start {
            primary.get_or_insert(index);
        }
        if path.is_dir() {
            let walked = workspace::walk_nested(path, slot, configs.set(&args.config), nested);
            jobs.extend(
                walked
                    .files
                    .into_iter()
                    .map(|(file, linter)| workspace::Job {
                        display: display(&file),
                        path: file,
                        linter,
                    }),
            );
            for (bad, message) in walked.errors {
                early.push((io_failure(&display(&bad), &message), 0));
            }
        } else if path.exists() {
            if let Some(linter) = start {
                jobs.push(workspace::Job {
                    display: display(path),
                    path: path.clone(),
                    linter,
                });
            }
        } else {
            early.push((io_failure(&display(path), "no such file or folder"), 0));
        }
    }
    // A listed path is a candidate, not a demand: a diff names deleted files
    // and files that are not articles.
    for path in &listed {
        if !path.is_file() || args.force_exclude && configs.force_excluded(path, &args.config) {
            continue;
        }
        let slot = configs.slot_for(path, &args.config);
        let Some(index) = configs.load(slot, &args.config) else {
            continue;
        };
        let resolved = &configs.linters()[index];
        let relative = suppress::relative_to(path, &resolved.config.glob_root());
        if workspace::is_article(&relative, resolved.include.as_ref(), &resolved.exclude) {
            jobs.push(workspace::Job {
                display: display(path),
                path: path.clone(),
                linter: index,
            });
        }
    }
    if primary.is_none() && args.paths.is_empty() {
        let slot = configs.slot_for(Path::new("."), &args.config);
        primary = configs.load(slot, &args.config);
    }
    if let Some(errors) = configs.take_errors() {
        for error in &errors {
            output::config_error(error);
        }
        return EXIT_ERROR;
    }
    jobs.sort_by(|a, b| a.display.cmp(&b.display));
    jobs.dedup_by(|a, b| a.display == b.display);

    let fix = if args.fix || args.diff {
        FixRequest::Safe
    } else {
        FixRequest::None
    };
    let linters = configs.linters();
    // A baseline being rewritten must not hide what it is to record.
    let baseline = baseline.filter(|_| args.write_baseline.is_none());
    let file_baseline = |display: &str| {
        baseline
            .as_ref()
            .map(|(known, folder)| FileBaseline::new(known, baseline::path_key(display, folder)))
    };
    let filter_for = |linter: usize, path: &Path| -> suppress::Filter {
        let config = &linters[linter].config;
        let ignored = if config.per_path.is_empty() {
            Vec::new()
        } else {
            suppress::ignored_for(
                &config.per_path,
                &suppress::relative_to(path, &config.glob_root()),
            )
        };
        suppress::Filter {
            ignored,
            comments: true,
            report_unused: args.report_unused_suppressions,
        }
    };

    // Standard input is read before the files, so that its report can take
    // its place in path order like any other.
    //
    // With `--fix`, copydesk on standard input is a formatter: standard
    // output is the text, fixed or exactly as it came, and nothing else, so
    // that an editor or a pipeline that replaces the article with it never
    // gets a summary instead. Findings go to standard error.
    let text_to_stdout = args.fix && args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut stdout_text: Option<Vec<u8>> = None;
    if stdin_excluded {
        // Read whatever the writer sends; with `--fix`, hand it back unchanged.
        let mut bytes = Vec::new();
        match std::io::stdin().read_to_end(&mut bytes) {
            Ok(_) => stdout_text = Some(bytes),
            Err(error) if args.fix => {
                let name = args.stdin_filename.as_deref().unwrap_or("-");
                let message = format!("cannot read standard input: {error}");
                early.push((io_failure(name, &message), 0));
            }
            Err(_) => {}
        }
    }
    if let Some((index, name)) = stdin_job {
        let mut bytes = Vec::new();
        let known = file_baseline(&name);
        let report = if let Err(error) = std::io::stdin().read_to_end(&mut bytes) {
            io_failure(&name, &format!("cannot read standard input: {error}"))
        } else {
            if args.fix {
                stdout_text = Some(bytes.clone());
            }
            match String::from_utf8(bytes) {
                Ok(text) => {
                    let filter = filter_for(index, Path::new(&name));
                    workspace::lint_text_filtered(
                        &linters[index].linter,
                        &name,
                        text,
                        fix,
                        &|doc, diagnostics| {
                            filter.apply(doc, diagnostics);
                            if let Some(known) = &known {
                                known.apply(doc, diagnostics);
                            }
                        },
                    )
                }
                Err(_) => io_failure(&name, "standard input is not valid UTF-8"),
            }
        };
        if let (true, Some(fixed)) = (args.fix, &report.fixed) {
            stdout_text = Some(fixed.text.clone().into_bytes());
        }
        let baselined = known.as_ref().map_or(0, FileBaseline::removed);
        early.push((report, baselined));
    }
    let stdout_text = stdout_text.filter(|_| text_to_stdout);

    let keep = if args.write_baseline.is_some() {
        // The baseline file is the output.
        Keep::Nothing
    } else if args.diff {
        Keep::All
    } else {
        match args.format {
            Format::Human | Format::Short | Format::Github | Format::Jsonl => Keep::Stream,
            Format::Json | Format::Sarif | Format::Gitlab | Format::Junit => Keep::All,
        }
    };
    let fail_on = args
        .fail_on
        .map(fail_on)
        .or_else(|| {
            primary.map(|index| &linters[index]).and_then(|r| {
                r.config
                    .fail_on
                    .as_ref()
                    .and_then(|f| FailOn::parse(&f.value))
            })
        })
        .unwrap_or(FailOn::Severity(Severity::Warning));
    let settle = Settle {
        args: &args,
        keep,
        color: output::use_color(
            args.color,
            if text_to_stdout {
                output::stderr_is_terminal()
            } else {
                output::stdout_is_terminal()
            },
        ),
    };
    let mut early: Vec<Settled> = early
        .into_iter()
        .map(|(report, baselined)| settle.settle(report, None, baselined))
        .collect();
    early.sort_by(|a, b| a.report.path.cmp(&b.report.path));
    let mut run = Run {
        keep,
        fail_on,
        early: early.into(),
        kept: Vec::new(),
        summary: Summary::default(),
        statistics: BTreeMap::new(),
        failing: false,
        recorded: Vec::new(),
        baselined: 0,
        io_errors: false,
        stdout_open: true,
        report_to_stderr: text_to_stdout,
    };
    let cache = args.cache.as_ref().map(|dir| {
        let config_file = primary.and_then(|index| linters[index].config.path());
        let dir = dir
            .clone()
            .unwrap_or_else(|| cache::default_dir(config_file));
        cache::Cache::open(&dir, linters)
    });
    let cached = cache.as_ref();
    let lint_job = |job: &workspace::Job| -> (FileReport, usize) {
        let filter = filter_for(job.linter, &job.path);
        let known = file_baseline(&job.display);
        let apply = |doc: &Document, diagnostics: &mut Vec<Diagnostic>| {
            filter.apply(doc, diagnostics);
            if let Some(known) = &known {
                known.apply(doc, diagnostics);
            }
        };
        let linter = &linters[job.linter].linter;
        let size = DEFAULT_MAX_FILE_SIZE;
        let report = match cached {
            Some(cache) => cache.lint_path(job, linter, size, fix, &apply),
            None => {
                workspace::lint_path_filtered(linter, &job.display, &job.path, size, fix, &apply)
            }
        };
        (report, known.as_ref().map_or(0, FileBaseline::removed))
    };
    let workers = args
        .threads
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .clamp(1, jobs.len().div_ceil(REPORT_BATCH).max(1));
    // Workers take batches in path order, so files finish nearly in order and
    // few wait for an earlier one: memory stays flat however many files
    // there are. Batches travel together: one message per file cost a thread
    // wake-up each, a sixth of the run on a large archive.
    let next_batch = AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::channel::<Vec<(usize, Settled)>>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (jobs, next_batch, settle, lint_job) = (&jobs, &next_batch, &settle, &lint_job);
            scope.spawn(move || loop {
                let first = next_batch.fetch_add(1, Ordering::Relaxed) * REPORT_BATCH;
                if first >= jobs.len() {
                    break;
                }
                let batch = &jobs[first..jobs.len().min(first + REPORT_BATCH)];
                let settled = batch
                    .iter()
                    .enumerate()
                    .map(|(offset, job)| {
                        let (report, baselined) = lint_job(job);
                        (first + offset, settle.settle(report, Some(job), baselined))
                    })
                    .collect();
                // The receiver lives until every worker is done.
                let _ = sender.send(settled);
            });
        }
        drop(sender);
        let mut waiting: BTreeMap<usize, Settled> = BTreeMap::new();
        let mut next = 0;
        for (index, settled) in receiver.into_iter().flatten() {
            waiting.insert(index, settled);
            while let Some(settled) = waiting.remove(&next) {
                run.finish_early(jobs.get(next).map(|job| job.display.as_str()));
                run.finish(settled);
                next += 1;
            }
        }
    });
    run.finish_early(None);

    if let Some(cache) = cache {
        // A cache that cannot be written costs speed, not correctness.
        let dir = cache.dir().to_path_buf();
        if let Err(error) = cache.save() {
            let warning = format!("warning: cache not written to {}: {error}\n", dir.display());
            output::write_stderr(warning.as_bytes());
        }
    }
    let io_errors = run.io_errors;

    if args.diff {
        let mut diff = String::new();
        for report in &run.kept {
            if let Some(fixed) = &report.fixed {
                diff.push_str(&unified_diff(&report.path, &fixed.original, &fixed.text));
            }
        }
        if !output::write_stdout(diff.as_bytes()) {
            return EXIT_CLEAN;
        }
        let changed = run.kept.iter().any(|r| r.fixed.is_some());
        return if io_errors {
            EXIT_ERROR
        } else if changed {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        };
    }

    if let Some(file) = &args.write_baseline {
        let recorded = Baseline::new(std::mem::take(&mut run.recorded));
        if let Err(error) = std::fs::write(file, recorded.to_json()) {
            output::error(&format!("cannot write {}: {error}", file.display()));
            return EXIT_ERROR;
        }
        let line = format!(
            "Recorded {} in {}.\n",
            plural(recorded.len(), "finding"),
            file.display()
        );
        output::write_stdout(line.as_bytes());
        return if io_errors { EXIT_ERROR } else { EXIT_CLEAN };
    }

    let fixed_any = args.exit_non_zero_on_fix && run.summary.fixes_applied > 0;
    let rendered: Vec<u8> = match run.keep {
        Keep::Stream => stream_tail(&args, &run),
        Keep::All => {
            let rules =
                render::sarif::descriptors(configs.linters().iter().map(|r| r.linter.as_ref()));
            document_output(&args, &run.kept, &rules)
        }
        Keep::Nothing => Vec::new(),
    };
    if text_to_stdout {
        output::write_stderr(&rendered);
        if let Some(text) = &stdout_text {
            if !output::write_stdout(text) {
                return EXIT_CLEAN;
            }
        }
    } else if !run.stdout_open || !output::write_stdout(&rendered) {
        return EXIT_CLEAN;
    }
    if io_errors {
        EXIT_ERROR
    } else if run.failing || fixed_any {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// One file's findings in a line format.
fn stream_report(args: &CheckArgs, report: &FileReport, color: bool) -> Vec<u8> {
    let one = std::slice::from_ref(report);
    match args.format {
        Format::Human => render::human::render(one, color),
        Format::Short => render::short::render(one).into_bytes(),
        Format::Github => render::github::render(one).into_bytes(),
        Format::Jsonl => render::jsonl::render_report(report).into_bytes(),
        Format::Json | Format::Sarif | Format::Gitlab | Format::Junit => Vec::new(),
    }
}

/// What follows the findings in a line format: statistics and the summary.
fn stream_tail(args: &CheckArgs, run: &Run) -> Vec<u8> {
    let mut out = Vec::new();
    if !matches!(args.format, Format::Human | Format::Short) {
        return out;
    }
    if args.statistics {
        out.extend(statistics(&run.statistics).into_bytes());
    }
    if !args.quiet {
        out.extend(render::summary_line(&run.summary).into_bytes());
        out.push(b'\n');
        if run.baselined > 0 {
            let line = format!(
                "{} in the baseline not shown.\n",
                plural(run.baselined, "finding")
            );
            out.extend(line.into_bytes());
        }
    }
    out
}

/// A format written as one document once every report is in.
fn document_output(
    args: &CheckArgs,
    reports: &[FileReport],
    rules: &[render::sarif::RuleDescriptor],
) -> Vec<u8> {
    match args.format {
        Format::Json => render::json::render(reports).into_bytes(),
        Format::Sarif => render::sarif::render(reports, rules).into_bytes(),
        Format::Gitlab => render::gitlab::render(reports).into_bytes(),
        Format::Junit => render::junit::render(reports).into_bytes(),
        Format::Human | Format::Short | Format::Github | Format::Jsonl => Vec::new(),
    }
}

fn statistics(counts: &BTreeMap<(Arc<str>, Severity), usize>) -> String {
    let mut rows: Vec<_> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
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
