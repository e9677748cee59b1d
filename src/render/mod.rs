//! Output formats, one module each. Each format but JUnit is a [`Stream`]:
//! it writes a file's findings as soon as the file is done, so that neither
//! the run's reports nor its output text need be held; `render` functions
//! give the whole text at once, for tests and library callers.

pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod paths;
pub mod sarif;
pub mod short;

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::diagnostic::{Applicability, Severity};
use crate::lint::FileReport;
use crate::ruleset::FileProblems;

/// Counts over a whole run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files reported, one per [`FileReport`], those without findings included.
    pub files: usize,
    /// Findings of [`Severity::Error`].
    pub errors: usize,
    /// Findings of [`Severity::Warning`].
    pub warnings: usize,
    /// Findings of [`Severity::Info`].
    pub infos: usize,
    /// The reports' [`FileReport::fixes_applied`], summed.
    pub fixes_applied: usize,
    /// Findings left with a safe fix: `--fix` would fix them.
    pub fixable: usize,
    /// Findings left with an unsafe fix: `--fix --unsafe-fixes` would fix them.
    pub unsafe_fixable: usize,
    /// Files some rules did not check because they do not cover the
    /// files' language: how many, by what did not run (a family or rule
    /// ids, as [`crate::lint::Uncovered::rules`] names them) and language.
    pub not_checked: BTreeMap<(String, String), usize>,
}

impl Summary {
    /// The counts over `reports`, as [`Summary::add`] makes them one by one.
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
        if let Some(uncovered) = &report.uncovered {
            for rules in &uncovered.rules {
                *self
                    .not_checked
                    .entry((rules.clone(), uncovered.language.clone()))
                    .or_default() += 1;
            }
        }
        for diagnostic in &report.diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => self.fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                Some(Applicability::DisplayOnly) | None => {}
            }
        }
    }

    /// Findings of every severity.
    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// A format written one file at a time, in the order the files are given
/// (path order), into any writer. Findings are written one by one, so that
/// memory does not grow with the findings of a file beyond the report itself.
pub trait Stream {
    /// What comes before the first file.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// One file's findings.
    fn report(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;

    /// What comes after the last file.
    fn end(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// A format whose files each stand alone, written by its `write_report`
/// function (`short`, `github`, `jsonl`): nothing before the first file or
/// after the last.
#[derive(Clone, Copy)]
pub struct LineWriter(pub fn(&mut dyn Write, &FileReport) -> io::Result<()>);

impl Stream for LineWriter {
    fn report(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        (self.0)(out, report)
    }
}

/// The whole output of `stream` for `reports`.
pub fn render_all(stream: &mut dyn Stream, reports: &[FileReport]) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = (|| {
        stream.begin(&mut out)?;
        for report in reports {
            stream.report(&mut out, report)?;
        }
        stream.end(&mut out, &Summary::of(reports))
    })();
    out
}

/// Writes pretty-printed JSON nested `depth` levels deep in a larger
/// document: every line after the first is indented by two spaces a level.
/// (JSON text holds no raw line breaks, so each one is between tokens.)
/// The serializer's many small writes are gathered into pieces of about
/// [`PIECE`] bytes, however large the value.
pub(crate) fn write_nested_json(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    depth: usize,
) -> io::Result<()> {
    let mut indented = Indented {
        out,
        piece: Vec::with_capacity(PIECE),
        indent: depth * 2,
    };
    serde_json::to_writer_pretty(&mut indented, value).map_err(io::Error::from)?;
    indented.flush()
}

/// About how many bytes [`write_nested_json`] hands on at a time.
const PIECE: usize = 4096;

struct Indented<'a> {
    out: &'a mut dyn Write,
    piece: Vec<u8>,
    indent: usize,
}

impl Write for Indented<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut rest = bytes;
        while let Some(at) = memchr::memchr(b'\n', rest) {
            self.piece.extend_from_slice(&rest[..=at]);
            self.piece.resize(self.piece.len() + self.indent, b' ');
            rest = &rest[at + 1..];
        }
        self.piece.extend_from_slice(rest);
        if self.piece.len() >= PIECE {
            self.out.write_all(&self.piece)?;
            self.piece.clear();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.piece.is_empty() {
            self.out.write_all(&self.piece)?;
            self.piece.clear();
        }
        Ok(())
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
            uncovered: None,
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

/// One line per family (or set of rules) and language that some files were
/// not checked in, for the end of human and short output: `dates: not
/// checked in 12 files written in pt.` Each is said once per run.
pub fn not_checked_lines(summary: &Summary) -> Vec<String> {
    summary
        .not_checked
        .iter()
        .map(|((rules, language), files)| {
            format!(
                "{rules}: not checked in {} written in {language}.",
                plural(*files, "file")
            )
        })
        .collect()
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
    match (summary.fixable, summary.unsafe_fixable) {
        (0, 0) => {}
        (safe, 0) => line.push_str(&format!(" {safe} fixable with --fix.")),
        (0, unsafe_fixes) => line.push_str(&format!(
            " {unsafe_fixes} fixable with --fix --unsafe-fixes."
        )),
        (safe, unsafe_fixes) => line.push_str(&format!(
            " {safe} fixable with --fix ({unsafe_fixes} more with --unsafe-fixes)."
        )),
    }
    line
}
