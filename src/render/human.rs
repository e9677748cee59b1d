//! `human`: codespan-reporting snippets with every involved place labelled.
//! The only module that knows about codespan's types.

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity as SnippetSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::workspace::FileReport;

fn severity(severity: Severity) -> SnippetSeverity {
    match severity {
        Severity::Error => SnippetSeverity::Error,
        Severity::Warning => SnippetSeverity::Warning,
        Severity::Info => SnippetSeverity::Note,
    }
}

fn snippet(d: &Diagnostic) -> Snippet<()> {
    let mut labels = vec![Label::primary((), d.span.clone())];
    labels.extend(
        d.labels
            .iter()
            .map(|label| Label::secondary((), label.span.clone()).with_message(&label.message)),
    );
    let mut notes: Vec<String> = d.notes.iter().map(|note| format!("note: {note}")).collect();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            Applicability::Safe => "safe: `--fix` applies it",
            Applicability::Unsafe => "unsafe: review before applying",
            Applicability::DisplayOnly => "suggestion only",
        };
        notes.push(format!(
            "fix: replace with '{}'{} ({how})",
            fix.replacement,
            fix.other_places()
        ));
    }
    Snippet::new(severity(d.severity))
        .with_code(d.rule.to_string())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Render every finding of `reports`, with ANSI colours when `color` is set.
pub fn render(reports: &[FileReport], color: bool) -> Vec<u8> {
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let file = SimpleFile::new(report.path.as_str(), report.source.as_ref());
        for d in &report.diagnostics {
            let mut d = d.clone();
            clamp(&mut d, report.source.len());
            // Rendering into memory cannot fail for in-range spans.
            let _ = term::emit_to_write_style(&mut buffer, &config, &file, &snippet(&d));
        }
    }
    buffer.into_inner()
}

/// Spans outside the text (an empty file, a read error) point at its start.
fn clamp(d: &mut Diagnostic, len: usize) {
    let fit = |r: &mut std::ops::Range<usize>| {
        r.start = r.start.min(len);
        r.end = r.end.clamp(r.start, len);
    };
    fit(&mut d.span);
    for label in &mut d.labels {
        fit(&mut label.span);
    }
}
