//! `copydesk merge`: the records of shards, read in any order, judged
//! together as one run's archive would be.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::args::{Format, MergeArgs};
use super::output;
use super::report::{document_stream, line_stream, report_title};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use copydesk::archive::{archive_reports, Archive, ArchiveSettings, FileStats, Levels};
use copydesk::config::FailOn;
use copydesk::render::{self, Summary};
use copydesk::run::{self, Settings};

pub fn run(args: MergeArgs) -> u8 {
    match merge(&args) {
        Ok(code) => code,
        Err(message) => {
            output::error(&message);
            EXIT_ERROR
        }
    }
}

fn merge(args: &MergeArgs) -> Result<u8, String> {
    let (settings, levels) = settings(args.config.as_deref())?;
    let html = args.format == Format::Html;
    let mut archive =
        Archive::new(&settings, levels, html).map_err(|e| format!("no temporary file: {e}"))?;
    for file in &args.stats {
        let shown = file.display();
        let opened = std::fs::File::open(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
        for (index, line) in BufReader::new(opened).lines().enumerate() {
            let line = line.map_err(|e| format!("cannot read {shown}: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let record = FileStats::from_json_line(&line)
                .map_err(|e| format!("{shown}:{}: not a record: {e}", index + 1))?;
            archive
                .add(&record)
                .map_err(|e| format!("cannot keep the records: {e}"))?;
        }
    }
    let outcome = archive
        .finish()
        .map_err(|e| format!("cannot read the records back: {e}"))?;
    let fail_on = args
        .fail_on
        .map_or(FailOn::default(), super::check::fail_on);
    let failing = outcome.findings.iter().any(|f| fail_on.fails(f.severity));
    let mut out: Vec<u8> = Vec::new();
    if html {
        out = render::html::report(&report_title(&[]), &outcome).into_bytes();
    } else {
        let stream = document_stream(args.format, &[]).or_else(|| line_stream(args.format, false));
        let Some(mut stream) = stream else {
            return Err(
                "merge writes html, human, short, json, jsonl, sarif, github or gitlab".into(),
            );
        };
        let reports = archive_reports(&outcome.findings, &|path| Some(PathBuf::from(path)));
        let mut summary = Summary::default();
        let written = stream.begin(&mut out).and_then(|()| {
            for report in &reports {
                summary.add(report);
                stream.report(&mut out, report)?;
            }
            summary.files = outcome.files;
            stream.end(&mut out, &summary)
        });
        written.map_err(|e| format!("cannot write: {e}"))?;
        if matches!(args.format, Format::Human | Format::Short) {
            out.extend(render::summary_line(&summary).into_bytes());
            out.push(b'\n');
        }
    }
    if !output::write_stdout(&out) {
        return Ok(EXIT_CLEAN);
    }
    Ok(if failing { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// The `[archive]` settings and the archive rules' levels of `--config`,
/// else of the configuration in force in the current folder, as a run from
/// there would have them.
fn settings(config: Option<&Path>) -> Result<(ArchiveSettings, Levels), String> {
    let settings = Settings {
        config: config.map(Path::to_path_buf),
        ..Settings::default()
    };
    let resolved = match run::configuration_for(&settings, Path::new(".")) {
        Ok(resolved) => resolved,
        Err(error) => {
            output::config_error(&error);
            return Err("the configuration has problems".to_string());
        }
    };
    let levels = Levels::of(&resolved.linter);
    let archive = match &resolved.config.source {
        Some((path, source)) => ArchiveSettings::from_config_text(&source.text)
            .map_err(|e| format!("{}: {e}", path.display()))?,
        None => ArchiveSettings::default(),
    };
    Ok((archive, levels))
}
