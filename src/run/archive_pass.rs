//! The run's side of the archive rules: deciding whether they run, taking
//! each article's record as it is handed over, and reporting the archive's
//! findings after the per-file pass.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

use super::{ArchiveRun, Outcome};
use crate::archive::{
    archive_reports, sets_for, Archive, ArchiveSettings, FileStats, Levels, Observer,
};
use crate::config::Resolved;
use crate::lint::{FileReport, Job};

/// Where the run's records go: the archive pass, a `--stats` file, or both.
pub(super) struct Sink {
    archive: Option<Archive>,
    stats: Option<(PathBuf, BufWriter<File>)>,
    /// Why records stopped being written to `--stats`, when they did.
    failure: Option<String>,
    /// Why the archive rules stopped, when they did.
    warnings: Vec<String>,
}

/// The observer and sink of a run, when it makes records at all: the
/// archive rules run over a whole archive (not over a list of changed files
/// or a shard), and records are written when asked for.
pub(super) fn start(
    run: &ArchiveRun,
    listed: bool,
    cached: bool,
    configurations: &[Arc<Resolved>],
    primary: Option<usize>,
    outcome: &mut Outcome,
) -> Option<(Observer, Sink)> {
    let primary = primary.and_then(|index| configurations.get(index));
    let text = primary
        .and_then(|resolved| resolved.config.source.as_ref())
        .map(|(_, source)| source.text.clone());
    let settings = match text.map(|text| ArchiveSettings::from_config_text(&text)) {
        None => ArchiveSettings::default(),
        Some(Ok(settings)) => settings,
        Some(Err(error)) => {
            outcome
                .warnings
                .push(format!("archive rules not run: {error}"));
            return None;
        }
    };
    let levels = primary.map_or_else(Levels::default, |resolved| Levels::of(&resolved.linter));
    let judge = !run.off && settings.enabled && levels.any() && !listed && run.shard.is_none();
    let stats = match &run.stats {
        Some(path) => match File::create(path) {
            Ok(file) => Some((path.clone(), BufWriter::new(file))),
            Err(error) => {
                let shown = path.display();
                outcome
                    .warnings
                    .push(format!("records not written to {shown}: {error}"));
                None
            }
        },
        None => None,
    };
    let archive = match judge.then(|| Archive::new(&settings, levels, run.report)) {
        Some(Ok(archive)) => Some(archive),
        Some(Err(error)) => {
            let warning = format!("archive rules not run: no temporary file: {error}");
            outcome.warnings.push(warning);
            None
        }
        None => None,
    };
    if archive.is_none() && stats.is_none() {
        return None;
    }
    let sink = Sink {
        archive,
        stats,
        failure: None,
        warnings: Vec::new(),
    };
    let sets = match primary {
        Some(resolved) => sets_for(&resolved.linter),
        None => crate::archive::variant_sets(),
    };
    let observer = Observer::with_sets(&settings, sets);
    // Lines and columns are read from the records written out (`--stats`,
    // the cache) and from the report's rows; findings are placed by offset.
    let observer = if sink.stats.is_some() || cached || run.report {
        observer
    } else {
        observer.offsets_only()
    };
    Some((observer, sink))
}

/// One worker's share of the archive pass: the records it makes are
/// counted where they are made, and none is handed to another thread
/// (freeing a record's strings on the run's thread cost more than counting
/// them).
pub(super) struct Part {
    archive: Archive,
    failure: Option<String>,
}

impl Part {
    /// Count one article's record.
    pub(super) fn add(&mut self, stats: &FileStats) {
        if self.failure.is_none() {
            if let Err(error) = self.archive.add(stats) {
                self.failure = Some(format!("archive rules not run: {error}"));
            }
        }
    }
}

impl Sink {
    /// A part of the archive pass for each of `workers` workers, none when
    /// the archive rules do not run.
    pub(super) fn parts(&mut self, workers: usize) -> Vec<Option<Part>> {
        let made = self.archive.as_ref().map(|archive| {
            (0..workers)
                .map(|_| {
                    let archive = archive.part()?;
                    Ok(Part {
                        archive,
                        failure: None,
                    })
                })
                .collect::<std::io::Result<Vec<Part>>>()
        });
        match made {
            Some(Ok(parts)) => parts.into_iter().map(Some).collect(),
            Some(Err(error)) => {
                self.drop_archive(format!("archive rules not run: no temporary file: {error}"));
                (0..workers).map(|_| None).collect()
            }
            None => (0..workers).map(|_| None).collect(),
        }
    }

    /// Take back the workers' parts, counted.
    pub(super) fn absorb(&mut self, parts: impl IntoIterator<Item = Part>) {
        for part in parts {
            let taken = match (part.failure, &mut self.archive) {
                (Some(failure), _) => Err(failure),
                (None, Some(archive)) => archive
                    .absorb(part.archive)
                    .map_err(|error| format!("archive rules not run: {error}")),
                (None, None) => Ok(()),
            };
            if let Err(warning) = taken {
                self.drop_archive(warning);
            }
        }
    }

    /// The archive rules do not run, for the reason `warning` gives; the
    /// records are still written.
    fn drop_archive(&mut self, warning: String) {
        if self.archive.take().is_some() {
            self.warnings.push(warning);
        }
    }

    /// Write one article's record as a JSON line (`--stats`), in path order.
    pub(super) fn write_line(&mut self, line: &str) {
        if self.failure.is_some() {
            return;
        }
        if let Some((path, out)) = &mut self.stats {
            if let Err(error) = writeln!(out, "{line}") {
                let shown = path.display();
                self.failure = Some(format!("records not written to {shown}: {error}"));
            }
        }
    }

    /// Judge the archive and return its findings as reports, in path order,
    /// each article's text read again from where the run found it.
    pub(super) fn finish(self, jobs: &[Job], outcome: &mut Outcome) -> Vec<FileReport> {
        let Sink {
            archive,
            stats,
            failure,
            warnings,
        } = self;
        outcome.warnings.extend(warnings);
        if let Some((path, mut out)) = stats {
            if let Err(error) = out.flush() {
                let shown = path.display();
                outcome
                    .warnings
                    .push(format!("records not written to {shown}: {error}"));
            }
        }
        // The records file failing does not stop the archive rules.
        outcome.warnings.extend(failure);
        let Some(archive) = archive else {
            return Vec::new();
        };
        let judged = match archive.finish() {
            Ok(judged) => judged,
            Err(error) => {
                outcome
                    .warnings
                    .push(format!("archive rules not run: {error}"));
                return Vec::new();
            }
        };
        let files: std::collections::HashMap<&str, &PathBuf> = if judged.findings.is_empty() {
            std::collections::HashMap::new()
        } else {
            jobs.iter()
                .map(|job| (job.display.as_str(), &job.path))
                .collect()
        };
        let locate = |shown: &str| files.get(shown).map(|path| (*path).clone());
        let reports = archive_reports(&judged.findings, &locate);
        outcome.archive = Some(judged);
        reports
    }
}
