//! The findings copydesk reports, independent of how they are rendered.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// How serious a finding is. Ordered so that `Error > Warning > Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; below the default `fail-on`, so it does not fail a run.
    Info,
    /// Probably wrong; fails a run at the default `fail-on`.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// The name configurations and outputs use: `info`, `warning`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// A severity from its name, as [`Severity::as_str`] writes it.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule's configured level: a severity, or switched off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// The rule does not run.
    Off,
    /// The rule runs and reports at this severity.
    On(Severity),
}

impl Level {
    /// A level from its name in a configuration: `off` or a severity.
    pub fn parse(name: &str) -> Option<Self> {
        if name == "off" {
            Some(Level::Off)
        } else {
            Severity::parse(name).map(Level::On)
        }
    }
}

/// Whether a fix may be applied without an editor looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Meaning is preserved; `--fix` applies it.
    Safe,
    /// Probably right, but an editor must confirm; shown, never applied by `--fix`.
    Unsafe,
    /// A hint only.
    DisplayOnly,
}

impl Applicability {
    /// The name outputs use: `safe`, `unsafe`, `display-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Replace the bytes in `span` with `replacement` (and, for a fix that must
/// change several places at once, each of `also` too).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// The bytes of the file to replace.
    pub span: Range<usize>,
    /// What to put in their place.
    pub replacement: String,
    /// Whether `--fix` may apply it.
    pub applicability: Applicability,
    /// Further edits applied together with the first, or not at all; in
    /// position order, none overlapping another.
    pub also: Vec<Edit>,
}

/// One replacement of a multi-place fix.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The bytes of the file to replace.
    pub span: Range<usize>,
    /// What to put in their place.
    pub replacement: String,
}

impl Fix {
    /// " here and in N other places" for a multi-place fix, else nothing.
    pub fn other_places(&self) -> String {
        match self.also.len() {
            0 => String::new(),
            1 => " here and in 1 other place".to_string(),
            n => format!(" here and in {n} other places"),
        }
    }

    /// Every edit of the fix, the first one included, in position order.
    pub fn edits(&self) -> impl Iterator<Item = (&Range<usize>, &str)> {
        std::iter::once((&self.span, self.replacement.as_str()))
            .chain(self.also.iter().map(|e| (&e.span, e.replacement.as_str())))
    }
}

/// A secondary place involved in a finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// Where, in bytes of the file.
    pub span: Range<usize>,
    /// What this place has to do with the finding ("the article's date").
    pub message: String,
}

/// One finding in one file. Spans are byte ranges into the file as read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The id of the rule that found it (`dates.weekday`), or of what went
    /// wrong with the file itself (`io.read`).
    pub rule: Arc<str>,
    /// How serious it is, after the configuration's levels.
    pub severity: Severity,
    /// One line saying what is wrong.
    pub message: String,
    /// Where it is.
    pub span: Range<usize>,
    /// Other places involved, each with its own message.
    pub labels: Vec<Label>,
    /// Background an editor may need, shown after the snippet.
    pub notes: Vec<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// The edit that would resolve it.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding with a message and nothing else; the `with_*` methods add the rest.
    pub fn new(
        rule: impl Into<Arc<str>>,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule: rule.into(),
            severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Adds a secondary place, with what it has to do with the finding.
    pub fn with_label(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        // Most findings have one label or note; a first push would make room
        // for four, and a file can have millions of findings.
        if self.labels.is_empty() {
            self.labels.reserve_exact(1);
        }
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        if self.notes.is_empty() {
            self.notes.reserve_exact(1);
        }
        self.notes.push(note.into());
        self
    }

    /// Sets the help, replacing any earlier one.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets a fix that replaces one span, replacing any earlier fix.
    pub fn with_fix(
        mut self,
        span: Range<usize>,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
            applicability,
            also: Vec::new(),
        });
        self
    }

    /// A fix that changes several places together. `edits` must not overlap;
    /// an empty list gives no fix.
    pub fn with_fix_edits(mut self, mut edits: Vec<Edit>, applicability: Applicability) -> Self {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        if edits.is_empty() {
            return self;
        }
        let first = edits.remove(0);
        self.fix = Some(Fix {
            span: first.span,
            replacement: first.replacement,
            applicability,
            also: edits,
        });
        self
    }

    /// The order every output uses: position, then rule id.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, &self.rule)
    }
}
