//! `json`: one JSON document for the whole run (schema in docs/ci.md, version 1).

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::Summary;
use crate::diagnostic::Diagnostic;
use crate::document::LineIndex;
use crate::lint::FileReport;

/// A file's path as the JSON formats give it: the real name when it is
/// UTF-8, else the escaped form human output shows, with the name's bytes.
#[derive(Clone, Debug)]
pub(crate) struct JsonPath<'a> {
    pub name: Cow<'a, str>,
    pub bytes: Option<Vec<u8>>,
}

impl<'a> JsonPath<'a> {
    pub fn of(shown: &'a str) -> JsonPath<'a> {
        JsonPath {
            name: super::paths::real_name(shown),
            bytes: super::paths::non_utf8_bytes(shown),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    pub path: &'a str,
    /// Only for a file name that is not UTF-8: its bytes, as numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<&'a [u8]>,
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
pub(crate) struct JsonLabel<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub message: &'a str,
}

#[derive(Serialize)]
pub(crate) struct JsonEdit<'a> {
    pub replacement: &'a str,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub(crate) struct JsonFix<'a> {
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
    /// Rules that did not check some files, not covering their language.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_checked: Vec<JsonNotChecked>,
}

/// `dates: not checked in 12 files written in pt`, as JSON.
#[derive(Serialize)]
struct JsonNotChecked {
    /// A family, or the ids of rules, as [`crate::lint::Uncovered::rules`] has them.
    rules: String,
    language: String,
    files: usize,
}

/// One finding as the JSON formats write it.
pub(crate) fn diagnostic<'a>(
    path: &'a JsonPath<'a>,
    source: &str,
    lines: &LineIndex,
    d: &'a Diagnostic,
) -> JsonDiagnostic<'a> {
    let (line, column) = lines.line_col(source, d.span.start);
    let (end_line, end_column) = lines.line_col(source, d.span.end);
    let path_bytes = path.bytes.as_deref();
    let path = path.name.as_ref();
    JsonDiagnostic {
        path,
        path_bytes,
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

/// The `json` format as a [`super::Stream`]: the document's head, then each
/// finding as its file is done, then the summary.
#[derive(Clone, Debug, Default)]
pub struct Writer {
    /// Findings written so far; the first one needs no separator.
    written: usize,
}

impl super::Stream for Writer {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")
    }

    fn report(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let lines = LineIndex::new(&report.source);
        let path = JsonPath::of(&report.path);
        for d in &report.diagnostics {
            let separator: &[u8] = if self.written == 0 {
                b"\n    "
            } else {
                b",\n    "
            };
            out.write_all(separator)?;
            super::write_nested_json(out, &diagnostic(&path, &report.source, &lines, d), 2)?;
            self.written += 1;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.written > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"],\n  \"summary\": ")?;
        let summary = JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            not_checked: summary
                .not_checked
                .iter()
                .map(|((rules, language), files)| JsonNotChecked {
                    rules: rules.to_string(),
                    language: language.to_string(),
                    files: *files,
                })
                .collect(),
        };
        super::write_nested_json(out, &summary, 1)?;
        out.write_all(b"\n}\n")
    }
}

/// The whole `json` document for `reports`, its summary counted over them.
pub fn render(reports: &[FileReport]) -> String {
    let bytes = super::render_all(&mut Writer::default(), reports);
    String::from_utf8(bytes).unwrap_or_default()
}
