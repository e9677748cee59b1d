//! `gitlab`: GitLab Code Quality JSON, an array of issues that merge requests
//! show inline. Each issue has a fingerprint that stays the same while the
//! finding does (see [`crate::baseline::Identity`]), so GitLab can tell new
//! findings from old ones.

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

pub fn render(reports: &[FileReport]) -> String {
    let mut issues = Vec::new();
    for report in reports {
        let lines = LineIndex::new(&report.source);
        let identities = baseline::identities(&report.path, &report.source, &report.diagnostics);
        for (d, identity) in report.diagnostics.iter().zip(identities) {
            let (line, column) = lines.line_col(&report.source, d.span.start);
            let (end_line, end_column) = lines.line_col(&report.source, d.span.end);
            issues.push(Issue {
                kind: "issue",
                check_name: &d.rule,
                description: format!("{} ({})", d.message, d.rule),
                categories: ["Style"],
                severity: severity(d.severity),
                fingerprint: identity.fingerprint(),
                location: Location {
                    path: &report.path,
                    positions: Positions {
                        begin: Position { line, column },
                        end: Position {
                            line: end_line,
                            column: end_column,
                        },
                    },
                },
            });
        }
    }
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}
