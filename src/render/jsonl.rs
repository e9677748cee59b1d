//! `jsonl`: one JSON object per finding per line, with the fields of `json`,
//! written as each file finishes so a pipeline can read findings as they come.

use std::io::{self, Write};

use super::json;
use crate::document::LineIndex;
use crate::lint::FileReport;

/// Write one file's findings, a line each.
pub fn write_report(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    let lines = LineIndex::new(&report.source);
    let path = json::JsonPath::of(&report.path);
    for d in &report.diagnostics {
        let object = json::diagnostic(&path, &report.source, &lines, d);
        serde_json::to_writer(&mut *out, &object).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The lines of one file's findings.
pub fn render_report(report: &FileReport) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_report(&mut out, report);
    String::from_utf8(out).unwrap_or_default()
}

/// The lines of every report's findings, in the order given.
pub fn render(reports: &[FileReport]) -> String {
    reports.iter().map(render_report).collect()
}
