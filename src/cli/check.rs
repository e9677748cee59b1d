//! `copydesk check`: find the files, lint them in parallel, report, fix.

use std::collections::{BTreeMap, VecDeque};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Files linted per task; their reports are handed over together.
const REPORT_BATCH: usize = 16;

/// A file with at most this many findings is rendered by the worker that
/// linted it, in parallel with the others; one with more is written a
/// finding at a time when its turn comes, so that its output is never held
/// whole in memory.
const PRERENDER_MAX_FINDINGS: usize = 256;

/// Output is handed to standard output in pieces of about this size.
const OUTPUT_CHUNK: usize = 64 * 1024;

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
    /// Write it at once and drop it (every format but JUnit), so that memory
    /// does not grow with the number of files.
    Stream,
    /// Keep it for JUnit, whose totals come first, or for `--diff`.
    All,
    /// Count it only (`--write-baseline`, `--fix` on standard input).
    Nothing,
}

/// The part of finishing a file that needs no other file: writing its fixes,
/// dropping findings below `--min-severity`, baseline identities and, in a
/// line format, the rendered text of a file with few findings. Worker
/// threads do it, so that rendering (most of the time of `human` output)
/// runs in parallel.
struct Settle<'a> {
    args: &'a CheckArgs,
    keep: Keep,
    color: bool,
}

/// A file ready to be counted and written in its place.
struct Settled {
    report: FileReport,
    /// Its output, when the worker rendered it; else the report keeps its
    /// text and is rendered in its turn.
    rendered: Option<Vec<u8>>,
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
        if args.fix {
            if let (Some(fixed), Some(job)) = (&report.fixed, job) {
                if let Err(error) =
                    workspace::write_atomically(&job.path, &fixed.original, &fixed.text)
                {
                    report.io_error = true;
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
        let mut rendered = None;
        if self.keep == Keep::Stream && report.diagnostics.len() <= PRERENDER_MAX_FINDINGS {
            if let Some(mut stream) = line_stream(args.format, self.color) {
                let mut bytes = Vec::new();
                // Writing into memory cannot fail.
                let _ = stream.report(&mut bytes, &report);
                rendered = Some(bytes);
            }
        }
        if self.keep != Keep::All {
            report.fixed = None;
            let rendered_later = self.keep == Keep::Stream && rendered.is_none();
            if !rendered_later || report.diagnostics.is_empty() {
                // Only the counts are still to come.
                report.source = Arc::from("");
            }
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
    /// The format, when it is written as files finish.
    stream: Option<Box<dyn render::Stream>>,
    out: StdoutChunks,
}

/// Standard output, written in pieces as they fill, so that neither a large
/// file's findings nor a whole document are held before they are written.
struct StdoutChunks {
    pending: Vec<u8>,
    /// False once standard output is closed.
    open: bool,
}

impl StdoutChunks {
    fn new() -> StdoutChunks {
        StdoutChunks {
            pending: Vec::with_capacity(OUTPUT_CHUNK),
            open: true,
        }
    }

    fn closed() -> std::io::Error {
        std::io::Error::from(std::io::ErrorKind::BrokenPipe)
    }
}

impl std::io::Write for StdoutChunks {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if !self.open {
            return Err(Self::closed());
        }
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= OUTPUT_CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.open && !self.pending.is_empty() {
            self.open = output::write_stdout(&self.pending);
        }
        self.pending.clear();
        if self.open {
            Ok(())
        } else {
            Err(Self::closed())
        }
    }
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
        // A closed output is not an error: the run goes on for its exit code.
        let _ = match (rendered, &mut self.stream) {
            (Some(bytes), _) => self.out.write_all(&bytes),
            (None, Some(stream)) => stream.report(&mut self.out, &report),
            (None, None) => Ok(()),
        };
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
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| format!("cannot read the path list from standard input: {error}"))?;
        text
    } else {
        std::fs::read_to_string(list)
            .map_err(|error| format!("cannot read {}: {error}", list.display()))?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(PathBuf::from)
        .collect())
}

fn load_baseline(file: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(file)
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
        let shown = render::paths::shown(p);
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
        } else {
            match std::fs::metadata(path) {
                Ok(metadata) if metadata.is_file() => {
                    if let Some(linter) = start {
                        jobs.push(workspace::Job {
                            display: display(path),
                            path: path.clone(),
                            linter,
                        });
                    }
                }
                // Reading a FIFO would wait for a writer forever, and a
                // device has no end: named, it is an error; the rest is linted.
                Ok(metadata) => {
                    let message = format!("{}; not linted", not_a_file(&metadata));
                    early.push((io_failure(&display(path), &message), 0));
                }
                Err(error) => {
                    early.push((io_failure(&display(path), &unreachable(&error)), 0));
                }
            }
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
    let mut stdout_fixed = None;
    if stdin_excluded {
        // Read whatever the writer sends; with `--fix`, hand it back unchanged.
        let mut text = String::new();
        if std::io::stdin().read_to_string(&mut text).is_ok() && args.fix {
            stdout_fixed = Some(text);
        }
    }
    if let Some((index, name)) = stdin_job {
        let mut bytes = Vec::new();
        let known = file_baseline(&name);
        let report = if let Err(error) = std::io::stdin().read_to_end(&mut bytes) {
            io_failure(&name, &format!("cannot read standard input: {error}"))
        } else {
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
        if args.fix {
            stdout_fixed = report.fixed.as_ref().map(|fixed| fixed.text.clone());
        }
        let baselined = known.as_ref().map_or(0, FileBaseline::removed);
        early.push((report, baselined));
    }

    let keep = if stdout_fixed.is_some() || args.write_baseline.is_some() {
        // The fixed text (or nothing) is the output.
        Keep::Nothing
    } else if args.diff || args.format == Format::Junit {
        // The diff needs every fixed text; JUnit gives its totals first.
        Keep::All
    } else {
        Keep::Stream
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
        color: output::use_color(args.color, output::stdout_is_terminal()),
    };
    let mut early: Vec<Settled> = early
        .into_iter()
        .map(|(report, baselined)| settle.settle(report, None, baselined))
        .collect();
    early.sort_by(|a, b| a.report.path.cmp(&b.report.path));
    let stream = if keep == Keep::Stream {
        let rules = render::sarif::descriptors(linters.iter().map(|r| r.linter.as_ref()));
        document_stream(args.format, &rules).or_else(|| line_stream(args.format, settle.color))
    } else {
        None
    };
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
        stream,
        out: StdoutChunks::new(),
    };
    if let Some(stream) = run.stream.as_mut() {
        let _ = stream.begin(&mut run.out);
    }
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
    // Bounded, so that workers wait while the reports ahead of theirs are
    // written rather than pile up.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<(usize, Settled)>>(workers * 2);
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
    // A closed output ends the run quietly (below), whatever the writes say.
    let _ = match (stdout_fixed, run.keep) {
        // `--fix` on standard input prints the fixed text, like a formatter.
        (Some(text), _) => run.out.write_all(text.as_bytes()),
        (None, Keep::Stream) => {
            let tail = stream_tail(&args, &run);
            run.out
                .write_all(&tail)
                .and_then(|()| match run.stream.as_mut() {
                    Some(stream) => stream.end(&mut run.out, &run.summary),
                    None => Ok(()),
                })
        }
        (None, Keep::All) => render::junit::write(&mut run.out, &run.kept),
        (None, Keep::Nothing) => Ok(()),
    };
    let _ = run.out.flush();
    if !run.out.open {
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

/// A format written a file at a time by any thread: each file's text
/// stands alone.
fn line_stream(format: Format, color: bool) -> Option<Box<dyn render::Stream>> {
    match format {
        Format::Human => Some(Box::new(render::human::Writer { color })),
        Format::Short => Some(Box::new(render::short::Writer)),
        Format::Github => Some(Box::new(render::github::Writer)),
        Format::Jsonl => Some(Box::new(render::jsonl::Writer)),
        Format::Json | Format::Sarif | Format::Gitlab | Format::Junit => None,
    }
}

/// A format written as one document, a file at a time in path order.
/// (JUnit is not one of them: its totals come first.)
fn document_stream(
    format: Format,
    rules: &[render::sarif::RuleDescriptor],
) -> Option<Box<dyn render::Stream>> {
    match format {
        Format::Json => Some(Box::new(render::json::Writer::default())),
        Format::Sarif => Some(Box::new(render::sarif::Writer::new(rules))),
        Format::Gitlab => Some(Box::new(render::gitlab::Writer::default())),
        Format::Human | Format::Short | Format::Github | Format::Jsonl | Format::Junit => None,
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

/// What a path named on the command line is, when it is not a regular file
/// (a folder is walked, not reported).
fn not_a_file(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO), not a regular file";
        }
        if kind.is_socket() {
            return "a socket, not a regular file";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device, not a regular file";
        }
    }
    let _ = metadata;
    "not a regular file"
}

/// Why a path named on the command line cannot be reached.
fn unreachable(error: &std::io::Error) -> String {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) {
        return "a symbolic link loop: following its links leads back to them".to_string();
    }
    if error.kind() == std::io::ErrorKind::NotFound {
        return "no such file or folder".to_string();
    }
    format!("cannot read: {error}")
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
