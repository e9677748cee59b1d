//! `gitlab`: GitLab Code Quality JSON, an array of issues that merge requests
//! show inline. Each issue has a fingerprint that stays the same while the
//! finding does (see [`crate::baseline::Identity`]), so GitLab can tell new
//! findings from old ones.

use std::io::{self, Write};

use serde::Serialize;

use crate::baseline;
use crate::diagnostic::Severity;
use crate::document::LineIndex;
use crate::lint::FileReport;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: String,
    categories: [&'static str; 1],
    severity: &'static str,
    fingerprint: String,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    positions: Positions,
}

#[derive(Serialize)]
struct Positions {
    begin: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The `gitlab` format as a [`super::Stream`]: an array written an issue at
/// a time.
#[derive(Clone, Debug, Default)]
pub struct Writer {
    /// Issues written so far; the first one needs no separator.
    written: usize,
}

impl super::Stream for Writer {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn report(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let lines = LineIndex::new(&report.source);
        let path = super::paths::from_repository_root(&report.path);
        let mut fingerprints =
            baseline::Fingerprints::new(&report.path, &report.source, &report.diagnostics);
        for d in &report.diagnostics {
            let (line, column) = lines.line_col(&report.source, d.span.start);
            let (end_line, end_column) = lines.line_col(&report.source, d.span.end);
            let issue = Issue {
                kind: "issue",
                check_name: &d.rule,
                description: format!("{} ({})", d.message, d.rule),
                categories: ["Style"],
                severity: severity(d.severity),
                fingerprint: fingerprints.next().unwrap_or_default(),
                location: Location {
                    path: &path,
                    positions: Positions {
                        begin: Position { line, column },
                        end: Position {
                            line: end_line,
                            column: end_column,
                        },
                    },
                },
            };
            let separator: &[u8] = if self.written == 0 { b"\n  " } else { b",\n  " };
            out.write_all(separator)?;
            super::write_nested_json(out, &issue, 1)?;
            self.written += 1;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _summary: &super::Summary) -> io::Result<()> {
        if self.written > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"]\n")
    }
}

/// The whole Code Quality array for `reports`, their issues in the order given.
pub fn render(reports: &[FileReport]) -> String {
    let bytes = super::render_all(&mut Writer::default(), reports);
    String::from_utf8(bytes).unwrap_or_default()
}
