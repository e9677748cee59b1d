//! `json`: one JSON document for the whole run (schema in the README, version 1).

use serde::Serialize;

use super::Summary;
use crate::diagnostic::Diagnostic;
use crate::document::LineIndex;
use crate::lint::FileReport;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: &'static str,
    pub message: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    pub labels: Vec<JsonLabel<'a>>,
    pub notes: &'a [String],
    pub help: Option<&'a str>,
    pub fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub replacement: &'a str,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub replacement: &'a str,
    pub start: usize,
    pub end: usize,
    pub applicability: &'static str,
    /// Every edit of the fix, the first included; more than one when the fix
    /// changes several places together.
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// One finding as the JSON formats write it.
pub fn diagnostic<'a>(
    path: &'a str,
    source: &str,
    lines: &LineIndex,
    d: &'a Diagnostic,
) -> JsonDiagnostic<'a> {
    let (line, column) = lines.line_col(source, d.span.start);
    let (end_line, end_column) = lines.line_col(source, d.span.end);
    JsonDiagnostic {
        path,
        rule: &d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        line,
        column,
        end_line,
        end_column,
        start: d.span.start,
        end: d.span.end,
        labels: d
            .labels
            .iter()
            .map(|label| {
                let (line, column) = lines.line_col(source, label.span.start);
                JsonLabel {
                    path,
                    line,
                    column,
                    start: label.span.start,
                    end: label.span.end,
                    message: &label.message,
                }
            })
            .collect(),
        notes: &d.notes,
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|fix| JsonFix {
            replacement: &fix.replacement,
            start: fix.span.start,
            end: fix.span.end,
            applicability: fix.applicability.as_str(),
            edits: fix
                .edits()
                .map(|(span, replacement)| JsonEdit {
                    replacement,
                    start: span.start,
                    end: span.end,
                })
                .collect(),
        }),
    }
}

pub fn render(reports: &[FileReport]) -> String {
    let summary = Summary::of(reports);
    let mut diagnostics = Vec::new();
    for report in reports {
        let lines = LineIndex::new(&report.source);
        for d in &report.diagnostics {
            diagnostics.push(diagnostic(&report.path, &report.source, &lines, d));
        }
    }
    let output = Output {
        version: 1,
        diagnostics,
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        },
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}
