//! Archive findings as file reports, so that every output format shows them
//! as it shows any other finding; and a report's findings as the record's
//! rows.

use std::path::PathBuf;
use std::sync::Arc;

use super::outcome::ArchiveFinding;
use super::stats::FindingRow;
use crate::diagnostic::Diagnostic;
use crate::document::LineIndex;
use crate::files::read::{read_limited, DEFAULT_MAX_FILE_SIZE};
use crate::lint::FileReport;

/// One report per article with archive findings, in path order. `locate`
/// says where an article's text is; its text is read again so that the
/// findings can be shown in place. An article that cannot be read (a merge
/// on another machine) is reported at its start, with the line in the
/// message.
pub fn archive_reports(
    findings: &[ArchiveFinding],
    locate: &dyn Fn(&str) -> Option<PathBuf>,
) -> Vec<FileReport> {
    let mut reports: Vec<FileReport> = Vec::new();
    for finding in findings {
        if reports.last().is_none_or(|r| r.path != finding.path) {
            let text = locate(&finding.path)
                .and_then(|file| read_limited(&file, DEFAULT_MAX_FILE_SIZE).ok().flatten())
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default();
            reports.push(FileReport {
                path: finding.path.clone(),
                source: Arc::from(text),
                diagnostics: Vec::new(),
                io_error: false,
                fixed: None,
                fixes_applied: 0,
                uncovered: None,
            });
        }
        let Some(report) = reports.last_mut() else {
            continue;
        };
        let mut end = finding.at.offset + finding.len;
        // A span's length is at least one byte: widen it to a whole character.
        while end < report.source.len() && !report.source.is_char_boundary(end) {
            end += 1;
        }
        let in_place = report.source.get(finding.at.offset..end).is_some();
        let (span, message) = match finding.at.line {
            _ if in_place => (finding.at.offset..end, finding.message.clone()),
            // Placed by offset alone (`Observer::offsets_only`), in a file
            // gone since it was linted.
            0 => (0..0, finding.message.clone()),
            line => (0..0, format!("{} (line {line})", finding.message)),
        };
        let diagnostic = Diagnostic::new(finding.rule, finding.severity, span, message);
        report.diagnostics.push(diagnostic);
    }
    for report in &mut reports {
        report
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    reports
}

/// A report's findings as rows of its record, with lines and columns.
pub fn finding_rows(report: &FileReport) -> Vec<FindingRow> {
    if report.diagnostics.is_empty() {
        return Vec::new();
    }
    let lines = LineIndex::new(&report.source);
    report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let (line, column) = lines.line_col(&report.source, diagnostic.span.start);
            FindingRow {
                rule: diagnostic.rule.to_string(),
                severity: diagnostic.severity.as_str().to_string(),
                line,
                column,
                message: diagnostic.message.clone(),
            }
        })
        .collect()
}
