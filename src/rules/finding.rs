//! [`Finding`]: what a check written as a plain function of a document
//! returns, so that the check can be tested without a rule set. The rule that
//! runs it turns each finding into a [`Diagnostic`] with
//! [`CheckContext::report_finding`](super::CheckContext::report_finding).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};

/// One finding before it belongs to a rule. The rule's message template is
/// filled from `vars`, or `message` is used when the rule has none; labels,
/// notes, help and fix go onto the diagnostic as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The bytes of the file the finding is about.
    pub span: Range<usize>,
    /// The message used when the rule set gives none (a template too).
    pub message: Cow<'static, str>,
    /// Values for the rule's message template (`{mark}`, `{date}`, ...).
    pub vars: Vec<(&'static str, String)>,
    /// Other places involved, each with what it has to do with the finding.
    pub labels: Vec<Label>,
    /// Why it is a finding, or what to look out for.
    pub notes: Vec<String>,
    /// What to do about it, when there is no fix or the fix needs a word.
    pub help: Option<String>,
    /// The edit that resolves it, when one can.
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding at `span` with `message` and nothing else.
    pub fn new(span: Range<usize>, message: impl Into<Cow<'static, str>>) -> Finding {
        Finding {
            span,
            message: message.into(),
            vars: Vec::new(),
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Gives the message template's `{name}` a value.
    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Finding {
        self.vars.push((name, value.into()));
        self
    }

    /// Labels another place involved.
    pub fn label(mut self, span: Range<usize>, message: impl Into<String>) -> Finding {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Finding {
        self.notes.push(note.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// A fix that replaces `span` with `replacement`.
    pub fn fix(
        mut self,
        span: Range<usize>,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Finding {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
            applicability,
            also: Vec::new(),
        });
        self
    }

    /// A fix that changes several places together, or none when `edits` is
    /// empty. The edits must not overlap.
    pub fn fix_edits(mut self, mut edits: Vec<Edit>, applicability: Applicability) -> Finding {
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
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

    /// The diagnostic this finding becomes, with its rule's id, severity
    /// and rendered message: labels, notes, help and fix are moved over.
    pub(super) fn into_diagnostic(
        self,
        rule: Arc<str>,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message,
            span: self.span,
            labels: self.labels,
            notes: self.notes,
            help: self.help,
            fix: self.fix,
        }
    }
}
