//! `junit`: JUnit XML (written by quick-junit) for CI systems that show test
//! reports. One test suite, one test case per file; a file whose findings
//! fail the run has one `<failure>` listing them all (Jenkins keeps only one
//! failure per test case), a file that could not be read has one `<error>`.
//!
//! The totals come first in JUnit, so the whole run is kept until it ends:
//! a [`Suite`] takes each file's report as it finishes and keeps only what
//! the XML shows of it, a line per finding, never the file's text.

use std::io::{self, Write};
use std::time::Duration;

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use super::plural;
use crate::config::FailOn;
use crate::diagnostic::Severity;
use crate::document::LineIndex;
use crate::lint::FileReport;

/// The name of the report and of its one test suite.
const SUITE_NAME: &str = "copydesk";

/// A run as one test suite, gathered a file at a time.
#[derive(Debug, Default)]
pub struct Suite {
    cases: Vec<Case>,
}

/// What the XML shows of one file.
#[derive(Debug)]
struct Case {
    path: String,
    time: Duration,
    /// `line:col severity[rule] message`, a line per finding, each ended
    /// by a line break but the last.
    findings: String,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// The file could not be read, decoded or written: the rule and message
    /// of the finding that says why.
    unreadable: Option<(String, String)>,
}

impl Case {
    fn of(report: &FileReport, time: Duration) -> Case {
        let mut case = Case {
            path: report.path.clone(),
            time,
            findings: String::new(),
            errors: 0,
            warnings: 0,
            infos: 0,
            unreadable: None,
        };
        if report.diagnostics.is_empty() {
            return case;
        }
        let lines = LineIndex::new(&report.source);
        for diagnostic in &report.diagnostics {
            let (line, column) = lines.line_col(&report.source, diagnostic.span.start);
            let message = one_line(&diagnostic.message);
            if !case.findings.is_empty() {
                case.findings.push('\n');
            }
            case.findings.push_str(&format!(
                "{line}:{column} {}[{}] {message}",
                diagnostic.severity, diagnostic.rule
            ));
            match diagnostic.severity {
                Severity::Error => case.errors += 1,
                Severity::Warning => case.warnings += 1,
                Severity::Info => case.infos += 1,
            }
        }
        if report.io_error {
            // The finding that says why comes first; a file that could not be
            // written keeps its own findings after it.
            let why = report
                .diagnostics
                .iter()
                .find(|d| d.rule.starts_with("io."))
                .or(report.diagnostics.first());
            case.unreadable = why.map(|d| (d.rule.to_string(), one_line(&d.message).into_owned()));
        }
        case
    }

    /// The most severe of the file's findings.
    fn worst(&self) -> Option<Severity> {
        if self.errors > 0 {
            Some(Severity::Error)
        } else if self.warnings > 0 {
            Some(Severity::Warning)
        } else if self.infos > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }

    /// "3 findings: 1 error, 2 warnings".
    fn summary(&self) -> String {
        let counts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.infos, "info"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, word)| plural(count, word))
        .collect();
        format!(
            "{}: {}",
            plural(self.errors + self.warnings + self.infos, "finding"),
            counts.join(", ")
        )
    }

    fn into_test_case(self, fail_on: FailOn) -> TestCase {
        let status = match (&self.unreadable, self.worst()) {
            (Some((rule, message)), _) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status
                    .set_type(xml_text(rule))
                    .set_message(xml_text(message))
                    .set_description(xml_text(&self.findings));
                status
            }
            (None, Some(worst)) if fail_on.fails(worst) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status
                    .set_type(worst.as_str())
                    .set_message(self.summary())
                    .set_description(xml_text(&self.findings));
                status
            }
            _ => TestCaseStatus::success(),
        };
        let has_failure = !matches!(status, TestCaseStatus::Success { .. });
        let path = xml_text(&self.path);
        let mut case = TestCase::new(path.as_str(), status);
        case.set_classname(path.as_str()).set_time(self.time);
        case.extra.insert("file".into(), path.as_str().into());
        // Findings that do not fail the run are still shown, as the test's
        // output.
        if !has_failure && !self.findings.is_empty() {
            case.set_system_out(xml_text(&self.findings));
        }
        case
    }
}

impl Suite {
    /// Keep what the XML shows of `report`, which took `time` to check.
    pub fn add(&mut self, report: &FileReport, time: Duration) {
        self.cases.push(Case::of(report, time));
    }

    /// Add `report`'s findings to the case of its file, kept earlier (the
    /// archive rules report files after every file is in); a file not yet
    /// kept becomes a case.
    pub fn add_to_file(&mut self, report: &FileReport) {
        let more = Case::of(report, Duration::ZERO);
        let Some(case) = self.cases.iter_mut().rev().find(|c| c.path == report.path) else {
            self.cases.push(more);
            return;
        };
        if !case.findings.is_empty() && !more.findings.is_empty() {
            case.findings.push('\n');
        }
        case.findings.push_str(&more.findings);
        case.errors += more.errors;
        case.warnings += more.warnings;
        case.infos += more.infos;
    }

    /// Write the XML document: a test fails when one of its findings reaches
    /// `fail_on`; the suite took `time`.
    pub fn write(self, out: &mut dyn Write, fail_on: FailOn, time: Duration) -> io::Result<()> {
        let mut suite = TestSuite::new(SUITE_NAME);
        suite.set_time(time);
        // Each case's lines are dropped as soon as they are in the suite.
        for case in self.cases {
            suite.add_test_case(case.into_test_case(fail_on));
        }
        let mut report = quick_junit::Report::new(SUITE_NAME);
        report.set_time(time).add_test_suite(suite);
        report.serialize(out).map_err(io::Error::other)
    }
}

/// The whole document for `reports`, written in one go, for the run's
/// default `fail-on` (warnings) and no times.
pub fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut suite = Suite::default();
    for report in reports {
        suite.add(report, Duration::ZERO);
    }
    suite.write(out, FailOn::Severity(Severity::Warning), Duration::ZERO)
}

/// The whole XML document for `reports`, as [`write()`] makes it.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(&mut out, reports);
    String::from_utf8(out).unwrap_or_default()
}

/// A finding's message on one line, as the failure's text has a line each.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        std::borrow::Cow::Owned(text.replace("\r\n", " ").replace(['\n', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `text` without the two noncharacters XML 1.0 forbids; quick-junit drops
/// the control characters it forbids, and escapes markup.
fn xml_text(text: &str) -> String {
    text.replace(['\u{fffe}', '\u{ffff}'], "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use std::sync::Arc;

    fn report(diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            path: "a.md".to_string(),
            source: Arc::from("first\nsecond line\n"),
            diagnostics,
            io_error: false,
            fixed: None,
            fixes_applied: 0,
            uncovered: None,
        }
    }

    #[test]
    fn a_failure_counts_the_findings_by_severity() {
        let case = Case::of(
            &report(vec![
                Diagnostic::new("a.one", Severity::Warning, 6..12, "one"),
                Diagnostic::new("a.two", Severity::Error, 0..1, "two\nlines"),
                Diagnostic::new("a.three", Severity::Warning, 13..14, "three"),
            ]),
            Duration::ZERO,
        );
        assert_eq!(case.summary(), "3 findings: 1 error, 2 warnings");
        assert_eq!(
            case.findings,
            "2:1 warning[a.one] one\n1:1 error[a.two] two lines\n2:8 warning[a.three] three"
        );
    }

    #[test]
    fn characters_xml_forbids_are_left_out() {
        let diagnostic = Diagnostic::new("a.one", Severity::Info, 0..1, "a\u{1}b\u{fffe}c<&>\"'");
        let mut out = Vec::new();
        write(&mut out, &[report(vec![diagnostic])]).expect("written");
        let xml = String::from_utf8(out).expect("UTF-8");
        assert!(xml.contains("1:1 info[a.one] abc&lt;&amp;&gt;"), "{xml}");
        assert!(!xml.contains(['\u{1}', '\u{fffe}']));
    }
}
