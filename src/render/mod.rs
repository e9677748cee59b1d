//! Output formats, one module each. Renderers return text; the binary writes it.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;
pub mod short;

use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::ruleset::FileProblems;

/// Counts over a whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixes_applied: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary::default();
        for report in reports {
            summary.add(report);
        }
        summary
    }

    /// Count one more file, so that a run that writes each report as it
    /// finishes need not keep them.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.fixes_applied += report.fixes_applied;
        for diagnostic in &report.diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// Problems in configuration or rule-set files, as reports renderers understand.
pub fn problem_reports(files: &[FileProblems]) -> Vec<FileReport> {
    files
        .iter()
        .map(|file| FileReport {
            path: file.source.name.to_string(),
            source: file.source.text.clone(),
            diagnostics: file.problems.clone(),
            io_error: false,
            fixed: None,
            fixes_applied: 0,
        })
        .collect()
}

/// `count word` or `count words`.
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// The closing line of human and short output.
pub fn summary_line(summary: &Summary) -> String {
    let mut line = if summary.findings() == 0 {
        format!("No findings in {}.", plural(summary.files, "file"))
    } else {
        format!(
            "Found {}, {} and {} in {}.",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.infos, "info"),
            plural(summary.files, "file")
        )
    };
    if summary.fixes_applied > 0 {
        line.push_str(&format!(
            " Fixed {}.",
            plural(summary.fixes_applied, "finding")
        ));
    }
    line
}
