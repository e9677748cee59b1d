//! Linting a run's files on worker threads and handing the reports over in
//! path order, with flat memory.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::archive_pass::{self, Part, Sink};
use super::counts::Counts;
use super::inputs::Inputs;
use super::{FileRenderer, Fixing, Outcome, Reporter, Settings};
use crate::archive::{self, finding_rows, shard_of, FileStats, Observer};
use crate::baseline::{self, BaselineCounts, FileBaseline, Identity};
use crate::cache::{self, Cache, RecordSlot};
use crate::config::{FailOn, Resolved};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::files::write::write_atomically;
use crate::fix::FixMode;
use crate::lint::{FileLinter, FileReport, Job};
use crate::suppress;

/// Files linted per task; their reports are handed over together.
const REPORT_BATCH: usize = 16;

/// Linting one file of the run: its configuration's linter, the filter
/// (suppressions, per-path ignores, the baseline) and the cache.
struct Linting<'r> {
    settings: &'r Settings,
    configurations: &'r [Arc<Resolved>],
    cache: Option<&'r Cache>,
    /// Makes each article's record for the archive rules, when they run.
    observer: Option<&'r Observer>,
}

impl Linting<'_> {
    /// Lint a file (or, with `text`, standard input) and say how many of its
    /// findings the baseline left out, with the file's record for the
    /// archive rules (never standard input's).
    fn lint(
        &self,
        job: &Job,
        text: Option<String>,
    ) -> (FileReport, BaselineCounts, Option<FileStats>) {
        let settings = self.settings;
        let resolved = &self.configurations[job.linter];
        let suppressions =
            suppress::Filter::for_file(resolved, &job.path, settings.report_unused_suppressions);
        // A baseline being rewritten must not hide what it is to record.
        let known = match (&settings.baseline, &settings.record_baseline) {
            (Some((known, folder)), None) => Some(FileBaseline::new(
                known,
                baseline::path_key(&job.display, folder),
            )),
            _ => None,
        };
        let observer = self.observer.filter(|_| text.is_none());
        // The filter sees every document the file becomes; the last one (the
        // fixed text, with `--fix`) is the one that stays.
        let record: std::sync::Mutex<Option<FileStats>> = std::sync::Mutex::new(None);
        let filter = |doc: &Document, diagnostics: &mut Vec<Diagnostic>| {
            suppressions.apply(&resolved.linter, doc, diagnostics);
            if let Some(known) = &known {
                known.apply(doc, diagnostics);
            }
            if let (Some(observer), Ok(mut slot)) = (observer, record.lock()) {
                *slot = Some(observer.record_of(doc));
            }
        };
        let files = FileLinter {
            linter: &resolved.linter,
            filter: &filter,
            fix: match settings.fixing {
                Fixing::None => None,
                Fixing::Compute | Fixing::Write if settings.unsafe_fixes => Some(FixMode::All),
                Fixing::Compute | Fixing::Write => Some(FixMode::Safe),
            },
            read_along: observer.map(|observer| observer as &dyn crate::lint::ReadAlong),
        };
        let mut report = match (text, self.cache) {
            (Some(text), _) => files.text(&job.display, text),
            (None, Some(cache)) => {
                let wanted = observer.map(|observer| RecordSlot {
                    slot: &record,
                    settings: observer.settings_key(),
                });
                cache.lint_path_recorded(job, files, settings.max_file_size, wanted)
            }
            (None, None) => files.path(&job.display, &job.path, settings.max_file_size),
        };
        report.leave_out_of_uncovered(|rule| suppressions.ignores(rule));
        let counts = known
            .as_ref()
            .map_or_else(BaselineCounts::default, FileBaseline::counts);
        let record = record.into_inner().unwrap_or_else(|p| p.into_inner());
        (report, counts, record)
    }
}

/// A file ready to be counted and handed over in its place.
struct Settled {
    report: FileReport,
    rendered: Vec<u8>,
    identities: Vec<Identity>,
    baselined: BaselineCounts,
    /// How long the file took on its worker, from reading to rendering.
    took: Duration,
    /// The file's record as a JSON line, for `--stats`.
    line: Option<String>,
}

/// The part of finishing a file that needs no other file, done on the
/// worker: writing its fixes, dropping findings below the minimum severity,
/// baseline identities, rendering, and counting its record in the worker's
/// `part` of the archive pass.
#[allow(clippy::too_many_arguments)]
fn settle(
    settings: &Settings,
    renderer: Option<&FileRenderer>,
    mut report: FileReport,
    written_to: Option<&Path>,
    baselined: BaselineCounts,
    started: Instant,
    record: Option<FileStats>,
    part: Option<&mut Part>,
) -> Settled {
    let to_write = match written_to {
        Some(path) if settings.fixing == Fixing::Write => {
            report.fixed.take().map(|fixed| (path, fixed))
        }
        _ => None,
    };
    if let Some((path, fixed)) = to_write {
        match write_atomically(path, &fixed.original, &fixed.text) {
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
    if let Some(minimum) = settings.min_severity {
        report
            .diagnostics
            .retain(|d| d.severity >= minimum || d.rule.starts_with("io."));
    }
    let mut identities = Vec::new();
    if let Some(folder) = &settings.record_baseline {
        let key = baseline::path_key(&report.path, folder);
        let recordable: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| baseline::recordable(d))
            .cloned()
            .collect();
        identities = baseline::identities(&key, &report.source, &recordable);
    }
    let rendered = match renderer {
        Some(render) if !report.diagnostics.is_empty() => render(&report),
        _ => Vec::new(),
    };
    let line = record.and_then(|mut record| {
        // Only a report and `--stats` list the per-file findings.
        if settings.archive.report || settings.archive.stats.is_some() {
            record.findings = finding_rows(&report);
        }
        if let Some(part) = part {
            part.add(&record);
        }
        // Only `--stats` writes the JSON line; the archive pass spills its own form.
        let line = settings
            .archive
            .stats
            .as_ref()
            .map(|_| record.to_json_line());
        archive::give_back(record);
        line
    });
    Settled {
        report,
        rendered,
        identities,
        baselined,
        took: started.elapsed(),
        line,
    }
}

/// Counts a run's files as they are handed over.
struct Tally<'a> {
    fail_on: FailOn,
    outcome: Outcome,
    reporter: &'a mut dyn Reporter,
    /// Files settled before linting began (unreadable paths, standard input),
    /// waiting for their place in path order.
    early: VecDeque<Settled>,
    /// Where the records go, when the archive rules run or records are kept.
    records: Option<Sink>,
    /// What the files settled on this thread (early files, the archive's
    /// findings) count; each worker counts its own files.
    counts: Counts,
}

/// Whether a worker may hand over `report` without its findings and text:
/// the reporter reads only the rendered bytes, and either the renderer made
/// them (or there is no renderer) or there are no findings to lose. A file
/// with more findings than the renderer holds comes back with empty bytes
/// and is written from its report, so it stays whole.
fn only_rendered_needed(
    takes_rendered_only: bool,
    has_renderer: bool,
    report: &FileReport,
    rendered: &[u8],
) -> bool {
    takes_rendered_only && (!has_renderer || !rendered.is_empty() || report.diagnostics.is_empty())
}

/// Drop what only a renderer reads of `report` (its findings, text and
/// fixed text) here, on the thread that made them; keep the path and the
/// counts. `empty` is one shared empty text, so the stripped report holds
/// no allocation of its own to free elsewhere.
fn strip_to_rendered(report: &mut FileReport, empty: &Arc<str>) {
    report.diagnostics = Vec::new();
    report.source = empty.clone();
    report.fixed = None;
}

impl Tally<'_> {
    /// Hand over the early files whose paths sort before `path` (all of them
    /// when `path` is `None`).
    fn finish_early(&mut self, path: Option<&str>) {
        while self
            .early
            .front()
            .is_some_and(|settled| path.is_none_or(|path| settled.report.path.as_str() <= path))
        {
            if let Some(settled) = self.early.pop_front() {
                self.counts.add(&settled.report, self.fail_on);
                self.finish(settled);
            }
        }
    }

    /// Hand over a file already counted (by its worker, or by
    /// [`Tally::finish_early`]), keeping what depends on path order here.
    fn finish(&mut self, settled: Settled) {
        let Settled {
            report,
            rendered,
            identities,
            baselined,
            took,
            line,
        } = settled;
        if let (Some(records), Some(line)) = (&mut self.records, &line) {
            records.write_line(line);
        }
        let outcome = &mut self.outcome;
        outcome.baselined += baselined;
        outcome.io_errors |= report.io_error;
        outcome.recorded.extend(identities);
        self.reporter.timed_file(report, rendered, took);
    }

    /// Hand over the archive rules' findings, after every file: they count
    /// as findings, not as more files.
    fn finish_archive(&mut self, reports: Vec<FileReport>, renderer: Option<&FileRenderer>) {
        for report in reports {
            let files = self.outcome.summary.files;
            self.outcome.summary.add(&report);
            self.outcome.summary.files = files;
            let fail_on = self.fail_on;
            self.outcome.failing |= report.diagnostics.iter().any(|d| fail_on.fails(d.severity));
            self.counts.rules.add(&report.diagnostics);
            let rendered = renderer.map(|render| render(&report)).unwrap_or_default();
            self.reporter.archive_file(report, rendered);
        }
    }
}

/// Lint every input, hand the reports to `reporter` in path order, and
/// return what the run found.
pub(super) fn lint_in_order(
    settings: &Settings,
    inputs: Inputs,
    reporter: &mut dyn Reporter,
) -> Outcome {
    let Inputs {
        configurations,
        mut jobs,
        unreadable,
        stdin,
        stdin_excluded,
        primary,
    } = inputs;
    reporter.start(&configurations);
    let renderer = reporter.renderer();
    let fail_on = settings
        .fail_on
        .or_else(|| {
            let resolved = &configurations[primary?];
            let written = resolved.config.fail_on.as_ref()?;
            FailOn::parse(&written.value)
        })
        .unwrap_or_default();
    let cache = settings.cache.as_ref().map(|dir| {
        let config_file = primary.and_then(|index| configurations[index].config.path());
        let dir = dir
            .clone()
            .unwrap_or_else(|| cache::default_dir(config_file));
        Cache::open(&dir, &configurations)
    });
    if let Some((index, count)) = settings.archive.shard {
        jobs.retain(|job| shard_of(&job.display, count) == index);
    }
    let mut outcome = Outcome {
        fail_on,
        ..Outcome::default()
    };
    let listed = settings.listed.is_some();
    let (observer, records) = archive_pass::start(
        &settings.archive,
        listed,
        cache.is_some(),
        &configurations,
        primary,
        &mut outcome,
    )
    .unzip();
    let linting = Linting {
        settings,
        configurations: &configurations,
        cache: cache.as_ref(),
        observer: observer.as_ref(),
    };
    let early = lint_before_files(&linting, unreadable, stdin, stdin_excluded, &mut outcome);
    let mut early: Vec<Settled> = early
        .into_iter()
        .map(|(report, baselined, started)| {
            settle(
                settings,
                renderer.as_ref(),
                report,
                None,
                baselined,
                started,
                None,
                None,
            )
        })
        .collect();
    early.sort_by(|a, b| a.report.path.cmp(&b.report.path));
    let mut tally = Tally {
        fail_on,
        outcome,
        reporter,
        early: early.into(),
        records,
        counts: Counts::default(),
    };
    lint_jobs(&linting, &jobs, renderer.as_ref(), &mut tally);
    tally.finish_early(None);
    if let Some(records) = tally.records.take() {
        let reports = records.finish(&jobs, &mut tally.outcome);
        tally.finish_archive(reports, renderer.as_ref());
    }
    let mut outcome = tally.outcome;
    tally.counts.add_to(&mut outcome);
    if let Some(cache) = cache {
        // A cache that cannot be written costs speed, not correctness.
        let dir = cache.dir().to_path_buf();
        if let Err(error) = cache.save() {
            outcome
                .warnings
                .push(format!("cache not written to {}: {error}", dir.display()));
        }
    }
    outcome
}

/// The reports made before the files are linted: unreadable paths and
/// standard input, which then take their places in path order, each with
/// how many findings the baseline left out and when checking it started.
/// Standard input's text to hand back (`--fix -`) goes into `outcome`.
fn lint_before_files(
    linting: &Linting<'_>,
    unreadable: Vec<FileReport>,
    stdin: Option<(usize, String, std::io::Result<Vec<u8>>)>,
    stdin_excluded: Option<(String, std::io::Result<Vec<u8>>)>,
    outcome: &mut Outcome,
) -> Vec<(FileReport, BaselineCounts, Instant)> {
    let fixing_stdin = linting.settings.fixing == Fixing::Write;
    let cannot_read = |name: &str, error: std::io::Error| {
        FileReport::unreadable(name, &format!("cannot read standard input: {error}"))
    };
    let none = BaselineCounts::default();
    let mut early: Vec<(FileReport, BaselineCounts, Instant)> = unreadable
        .into_iter()
        .map(|r| (r, none, Instant::now()))
        .collect();
    if let Some((name, bytes)) = stdin_excluded {
        // Not linted; with `--fix`, handed back unchanged.
        match bytes {
            Ok(bytes) => outcome.stdin_text = Some(bytes),
            Err(error) if fixing_stdin => {
                early.push((cannot_read(&name, error), none, Instant::now()))
            }
            Err(_) => {}
        }
    }
    let Some((linter, name, bytes)) = stdin else {
        return early;
    };
    let job = Job {
        display: name.clone(),
        path: name.clone().into(),
        linter,
    };
    let started = Instant::now();
    let (report, baselined, _) = match bytes {
        Err(error) => (cannot_read(&name, error), none, None),
        Ok(bytes) => {
            if fixing_stdin {
                outcome.stdin_text = Some(bytes.clone());
            }
            match String::from_utf8(bytes) {
                Ok(text) => linting.lint(&job, Some(text)),
                Err(_) => (
                    FileReport::unreadable(&name, "standard input is not valid UTF-8"),
                    none,
                    None,
                ),
            }
        }
    };
    if let (true, Some(fixed)) = (fixing_stdin, &report.fixed) {
        outcome.stdin_text = Some(fixed.text.clone().into_bytes());
    }
    early.push((report, baselined, started));
    early
}

/// Lint `jobs` on worker threads and hand them to `tally` in path order.
fn lint_jobs(
    linting: &Linting<'_>,
    jobs: &[Job],
    renderer: Option<&FileRenderer>,
    tally: &mut Tally<'_>,
) {
    let settings = linting.settings;
    let workers = settings
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
    // handed over rather than pile up.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<(usize, Settled)>>(workers * 2);
    let parts = match &mut tally.records {
        Some(records) => records.parts(workers),
        None => (0..workers).map(|_| None).collect(),
    };
    let fail_on = tally.fail_on;
    let takes_rendered_only = tally.reporter.takes_rendered_only();
    let empty_source: Arc<str> = Arc::from("");
    let shares = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|mut part| {
                let sender = sender.clone();
                let next_batch = &next_batch;
                let empty_source = &empty_source;
                scope.spawn(move || {
                    let mut counts = Counts::default();
                    loop {
                        let first = next_batch.fetch_add(1, Ordering::Relaxed) * REPORT_BATCH;
                        if first >= jobs.len() {
                            break (part, counts);
                        }
                        let batch = &jobs[first..jobs.len().min(first + REPORT_BATCH)];
                        let settled = batch
                            .iter()
                            .enumerate()
                            .map(|(offset, job)| {
                                let started = Instant::now();
                                let (report, baselined, record) = linting.lint(job, None);
                                let written_to = Some(job.path.as_path());
                                let mut settled = settle(
                                    settings,
                                    renderer,
                                    report,
                                    written_to,
                                    baselined,
                                    started,
                                    record,
                                    part.as_mut(),
                                );
                                counts.add(&settled.report, fail_on);
                                if only_rendered_needed(
                                    takes_rendered_only,
                                    renderer.is_some(),
                                    &settled.report,
                                    &settled.rendered,
                                ) {
                                    strip_to_rendered(&mut settled.report, empty_source);
                                }
                                (first + offset, settled)
                            })
                            .collect();
                        // The receiver lives until every worker is done.
                        let _ = sender.send(settled);
                    }
                })
            })
            .collect();
        drop(sender);
        let mut waiting: BTreeMap<usize, Settled> = BTreeMap::new();
        let mut next = 0;
        for (index, settled) in receiver.into_iter().flatten() {
            waiting.insert(index, settled);
            while let Some(settled) = waiting.remove(&next) {
                tally.finish_early(jobs.get(next).map(|job| job.display.as_str()));
                tally.finish(settled);
                next += 1;
            }
        }
        // A worker's panic is the run's, as it was when the scope ended.
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect::<Vec<_>>()
    });
    let (parts, counts): (Vec<Option<Part>>, Vec<Counts>) = shares.into_iter().unzip();
    for share in counts {
        share.add_to(&mut tally.outcome);
    }
    if let Some(records) = &mut tally.records {
        records.absorb(parts.into_iter().flatten());
    }
}
