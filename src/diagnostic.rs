//! The findings copydesk reports, independent of how they are rendered.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// How serious a finding is. Ordered so that `Error > Warning > Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

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
    Off,
    On(Severity),
}

impl Level {
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
    pub span: Range<usize>,
    pub replacement: String,
    pub applicability: Applicability,
    /// Further edits applied together with the first, or not at all; in
    /// position order, none overlapping another.
    pub also: Vec<Edit>,
}

/// One replacement of a multi-place fix.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub span: Range<usize>,
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
    pub span: Range<usize>,
    pub message: String,
}

/// One finding in one file. Spans are byte ranges into the file as read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub rule: Arc<str>,
    pub severity: Severity,
    pub message: String,
    pub span: Range<usize>,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
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

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        if self.notes.is_empty() {
            self.notes.reserve_exact(1);
        }
        self.notes.push(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

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
