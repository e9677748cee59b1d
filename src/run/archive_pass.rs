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
    failure: Option<String>,
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

impl Sink {
    /// Take one article's record, with its JSON line.
    pub(super) fn add(&mut self, stats: &FileStats, line: &str) {
        if self.failure.is_some() {
            return;
        }
        if let Some((path, out)) = &mut self.stats {
            if let Err(error) = writeln!(out, "{line}") {
                let shown = path.display();
                self.failure = Some(format!("records not written to {shown}: {error}"));
            }
        }
        if let Some(archive) = &mut self.archive {
            if let Err(error) = archive.add(stats) {
                self.failure = Some(format!("archive rules not run: {error}"));
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
        } = self;
        if let Some((path, mut out)) = stats {
            if let Err(error) = out.flush() {
                let shown = path.display();
                outcome
                    .warnings
                    .push(format!("records not written to {shown}: {error}"));
            }
        }
        if let Some(failure) = failure {
            outcome.warnings.push(failure);
            return Vec::new();
        }
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
