//! `jsonl`: one JSON object per finding per line, with the fields of `json`,
//! written as each file finishes so a pipeline can read findings as they come.

use super::json;
use crate::document::LineIndex;
use crate::lint::FileReport;

/// The lines of one file's findings.
pub fn render_report(report: &FileReport) -> String {
    let lines = LineIndex::new(&report.source);
    let mut out = String::new();
    for d in &report.diagnostics {
        let object = json::diagnostic(&report.path, &report.source, &lines, d);
        if let Ok(line) = serde_json::to_string(&object) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

pub fn render(reports: &[FileReport]) -> String {
    reports.iter().map(render_report).collect()
}
