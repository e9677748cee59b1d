//! Linting one file: its text, bytes or path in, a [`FileReport`] out,
//! with the run's filter applied and, when asked, its safe fixes.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, LoadError};
use crate::engine::Linter;
use crate::files::read::read_limited;
use crate::fix::FixMode;

/// The outcome of linting one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as the user should see it.
    pub path: String,
    /// The text the spans refer to. Kept only while it has findings.
    pub source: Arc<str>,
    /// The findings, in position order.
    pub diagnostics: Vec<Diagnostic>,
    /// The file could not be linted: unreadable, too large, binary or not
    /// UTF-8 (exit code 2).
    pub io_error: bool,
    /// The text before and after fixing, when fixes were asked for and changed it.
    pub fixed: Option<Fixed>,
    /// How many fixes were applied to reach `fixed`.
    pub fixes_applied: usize,
    /// Rules that did not run because they do not cover the file's language.
    pub uncovered: Option<Uncovered>,
}

/// The rules that do not cover a file's language, by their `languages`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Uncovered {
    /// The file's language (primary subtag).
    pub language: String,
    /// What did not run, one entry per family: its name when none of its
    /// rules of this configuration ran, else the ids of the rules that did
    /// not, joined with commas.
    pub rules: Vec<String>,
}

impl Uncovered {
    /// The rules of `linter` that skip `doc` for its language, or `None`
    /// when every rule runs on it.
    pub fn of(linter: &Linter, doc: &Document) -> Option<Uncovered> {
        let active = linter.active_rules();
        if active.iter().all(|rule| rule.runs_on(doc)) {
            return None;
        }
        // Families in the order of their first rule; a family is named
        // whole when none of its active rules runs.
        let mut families: Vec<(&str, Vec<String>, bool)> = Vec::new();
        for rule in active {
            let id = &rule.rule.meta.id;
            // Ids are short: a byte loop finds the dot for less than a
            // `str` pattern search, run for every rule of every such file.
            let family = id
                .bytes()
                .position(|b| b == b'.')
                .map_or(&**id, |dot| &id[..dot]);
            // A family's rules come together: looked for from the last
            // family, an imported style's many rules find theirs at once.
            let index = match families.iter().rposition(|(name, ..)| *name == family) {
                Some(index) => index,
                None => {
                    families.push((family, Vec::new(), false));
                    families.len() - 1
                }
            };
            let entry = &mut families[index];
            if rule.runs_on(doc) {
                entry.2 = true;
            } else {
                entry.1.push(id.to_string());
            }
        }
        let mut rules = Vec::new();
        for (family, skipped, some_ran) in families {
            if skipped.is_empty() {
                continue;
            }
            if some_ran {
                rules.push(skipped.join(", "));
            } else {
                rules.push(family.to_string());
            }
        }
        Some(Uncovered {
            language: doc.language.clone(),
            rules,
        })
    }

    /// What is left once the rules and families `ignored` says a file's
    /// per-path entries ignore are taken out: a rule switched off on
    /// purpose for a folder is not "not checked" for its language. A family
    /// named whole stays unless it is ignored itself.
    pub fn without(self, ignored: impl Fn(&str) -> bool) -> Option<Uncovered> {
        let rules: Vec<String> = self
            .rules
            .into_iter()
            .filter_map(|entry| {
                let kept: Vec<&str> = entry.split(", ").filter(|rule| !ignored(rule)).collect();
                (!kept.is_empty()).then(|| kept.join(", "))
            })
            .collect();
        (!rules.is_empty()).then_some(Uncovered {
            language: self.language,
            rules,
        })
    }
}

impl FileReport {
    /// Take the rules `ignored` selects out of what the file was not checked
    /// by (see [`Uncovered::without`]).
    pub fn leave_out_of_uncovered(&mut self, ignored: impl Fn(&str) -> bool) {
        self.uncovered = self
            .uncovered
            .take()
            .and_then(|uncovered| uncovered.without(ignored));
    }

    /// A file that could not be linted, with the one finding that says why.
    pub fn failure(path: &str, source: Arc<str>, diagnostic: Diagnostic) -> Self {
        FileReport {
            path: path.to_string(),
            source,
            diagnostics: vec![diagnostic],
            io_error: true,
            fixed: None,
            fixes_applied: 0,
            uncovered: None,
        }
    }

    /// A path that could not be read at all (`io.read`).
    pub fn unreadable(path: &str, message: &str) -> Self {
        let diagnostic = Diagnostic::new("io.read", Severity::Error, 0..0, message);
        FileReport::failure(path, Arc::from(""), diagnostic)
    }
}

/// A file's text before and after its fixes.
#[derive(Clone, Debug)]
pub struct Fixed {
    /// The text as read.
    pub original: String,
    /// The text with every safe fix applied.
    pub text: String,
    /// The findings in `original`: the report, should the fixed text not be
    /// written.
    pub findings: Vec<Diagnostic>,
}

/// Adjusts a document's findings before they are fixed or reported (suppression
/// comments, per-path ignores, a baseline). It runs again after every fix
/// round, on the new text.
pub type Filter<'a> = &'a (dyn Fn(&Document, &mut Vec<Diagnostic>) + Sync);

/// The filter that keeps every finding.
pub fn keep_all(_: &Document, _: &mut Vec<Diagnostic>) {}

/// What reads each document as it is linted, for the filter to find
/// after: the archive rules' record, made word by word on the term scan's
/// way rather than by a walk of its own after the lint.
pub trait ReadAlong: Sync {
    /// The findings of `linter` in `doc` ([`Linter::lint`]'s), read on
    /// the way.
    fn lint(&self, linter: &Linter, doc: &Document) -> Vec<Diagnostic>;
}

/// How one file is linted: with which linter, which filter, and which of
/// its fixes are computed.
#[derive(Clone, Copy)]
pub struct FileLinter<'a> {
    /// The linter of the configuration that applies to the file.
    pub linter: &'a Linter,
    /// Applied to the findings of every round.
    pub filter: Filter<'a>,
    /// Compute the text with these fixes applied: the safe ones (`--fix`,
    /// `--diff`) or all (`--unsafe-fixes` too); `None` fixes nothing.
    pub fix: Option<FixMode>,
    /// Lints each document in place of [`Linter::lint`], reading it on
    /// the way (the archive rules' record).
    pub read_along: Option<&'a dyn ReadAlong>,
}

impl<'a> FileLinter<'a> {
    /// Lint with `linter`, keeping every finding and fixing nothing.
    pub fn new(linter: &'a Linter) -> Self {
        FileLinter {
            linter,
            filter: &keep_all,
            fix: None,
            read_along: None,
        }
    }

    /// Lint text already in memory, shown as `path` (which also decides
    /// Markdown or plain text).
    pub fn text(&self, path: &str, text: String) -> FileReport {
        let linter = self.linter;
        let doc = linter.document(path, text);
        let mut diagnostics = match self.read_along {
            Some(reader) => reader.lint(linter, &doc),
            None => linter.lint(&doc),
        };
        (self.filter)(&doc, &mut diagnostics);
        let mut report = FileReport {
            path: path.to_string(),
            source: Arc::from(""),
            diagnostics,
            io_error: false,
            fixed: None,
            fixes_applied: 0,
            uncovered: Uncovered::of(linter, &doc),
        };
        if let Some(mode) = self.fix {
            let fixed = linter.fix_until_stable(&doc, &report.diagnostics, mode, self.filter);
            if fixed.applied > 0 && fixed.text != doc.text {
                let findings = std::mem::replace(&mut report.diagnostics, fixed.remaining);
                report.fixes_applied = fixed.applied;
                report.source = Arc::from(fixed.text.as_str());
                report.fixed = Some(Fixed {
                    original: doc.text,
                    text: fixed.text,
                    findings,
                });
                return report;
            }
        }
        if !report.diagnostics.is_empty() {
            report.source = Arc::from(doc.text);
        }
        report
    }

    /// Lint a file's bytes, already read. Binary and non-UTF-8 data each give
    /// one finding.
    pub fn bytes(&self, path: &str, bytes: Vec<u8>) -> FileReport {
        // Decode only: `text` parses the document, once.
        match crate::document::decode(bytes) {
            Ok(text) => self.text(path, text),
            Err((LoadError::Binary, _)) => {
                let diagnostic = Diagnostic::new(
                    "io.encoding",
                    Severity::Error,
                    0..0,
                    "file holds binary data (NUL bytes), not text; not linted",
                );
                FileReport::failure(path, Arc::from(""), diagnostic)
            }
            Err((LoadError::Encoding { offset }, bytes)) => {
                // Show the text up to the bad byte, so the span can be rendered.
                let shown = String::from_utf8_lossy(&bytes).into_owned();
                let diagnostic = Diagnostic::new(
                    "io.encoding",
                    Severity::Error,
                    offset..offset,
                    format!("file is not valid UTF-8 (bad byte at offset {offset}); not linted"),
                )
                .with_help("re-save the file as UTF-8");
                FileReport::failure(path, Arc::from(shown), diagnostic)
            }
        }
    }

    /// Read and lint the file at `file`, shown as `path`. Never panics on bad
    /// input: unreadable, binary, oversized and non-UTF-8 files each give one
    /// finding.
    pub fn path(&self, path: &str, file: &Path, max_size: u64) -> FileReport {
        match read_limited(file, max_size) {
            Ok(Some(bytes)) => self.bytes(path, bytes),
            Ok(None) => {
                let diagnostic = Diagnostic::new(
                    "io.too-large",
                    Severity::Error,
                    0..0,
                    format!(
                        "file is larger than {} MiB; not linted",
                        max_size / (1024 * 1024)
                    ),
                );
                FileReport::failure(path, Arc::from(""), diagnostic)
            }
            Err(error) => FileReport::unreadable(path, &format!("cannot read file: {error}")),
        }
    }
}

/// A file of a run: where it is, how it is shown, and which of the run's
/// configurations applies to it.
#[derive(Clone, Debug)]
pub struct Job {
    /// The path as the user should see it.
    pub display: String,
    /// Where to read it.
    pub path: std::path::PathBuf,
    /// The index of its configuration among the run's resolved ones.
    pub linter: usize,
}

/// Lint one article's text as `copydesk check` would under `configuration`:
/// the configuration's rules and levels, its per-path ignores for `path`,
/// and the article's own suppression comments. Nothing is fixed.
///
/// `path` is how the article is named (its extension decides Markdown or
/// plain text; per-path ignores match it relative to the configuration's
/// folder).
pub fn lint_text(configuration: &crate::config::Resolved, path: &str, text: String) -> FileReport {
    lint_text_fixing(configuration, path, text, None)
}

/// [`lint_text`], with the fixes of `fix` applied as `check --fix` would
/// (the report's `fixed` holds the text, when anything changed).
pub fn lint_text_fixing(
    configuration: &crate::config::Resolved,
    path: &str,
    text: String,
    fix: Option<FixMode>,
) -> FileReport {
    let suppressions =
        crate::suppress::Filter::for_file(configuration, std::path::Path::new(path), false);
    let filter = |doc: &Document, diagnostics: &mut Vec<Diagnostic>| {
        suppressions.apply(&configuration.linter, doc, diagnostics);
    };
    let mut report = FileLinter {
        linter: &configuration.linter,
        filter: &filter,
        fix,
        read_along: None,
    }
    .text(path, text);
    report.leave_out_of_uncovered(|rule| suppressions.ignores(rule));
    report
}
