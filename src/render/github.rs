//! `github`: GitHub Actions workflow commands, which the Actions runner turns
//! into annotations on the pull request's changed lines.
//!
//! `::warning file=a.md,line=3,col=5,endLine=3,endColumn=14,title=copydesk (style.misspellings)::message`

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::document::LineIndex;
use crate::lint::FileReport;

/// Escape a command's message: the runner decodes `%25`, `%0D` and `%0A`.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            other => out.push(other),
        }
    }
    out
}

/// Escape a property value, where `:` and `,` would end the value early.
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_data(text).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            other => out.push(other),
        }
    }
    out
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Write one file's findings, a command each.
pub fn write_report(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    let lines = LineIndex::new(&report.source);
    let file = escape_property(&super::paths::from_repository_root(&report.path));
    for d in &report.diagnostics {
        let (line, column) = lines.line_col(&report.source, d.span.start);
        let (end_line, end_column) = lines.line_col(&report.source, d.span.end);
        let mut message = escape_data(&d.message);
        if let Some(help) = &d.help {
            message.push_str("%0Ahelp: ");
            message.push_str(&escape_data(help));
        }
        writeln!(
            out,
            "::{} file={file},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{message}",
            command(d.severity),
            escape_property(&format!("copydesk ({})", d.rule)),
        )?;
    }
    Ok(())
}

/// The workflow commands for every report's findings, in the order given.
pub fn render(reports: &[FileReport]) -> String {
    let bytes = super::render_all(&mut super::LineWriter(write_report), reports);
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(
            escape_data("50% up\r\nnext: a, b"),
            "50%25 up%0D%0Anext: a, b"
        );
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(escape_property("dir:a,b%c\nd.md"), "dir%3Aa%2Cb%25c%0Ad.md");
    }

    #[test]
    fn percent_is_escaped_before_the_others() {
        // `%3A` in a file name must not be read back as `:`.
        assert_eq!(escape_property("%3A"), "%253A");
    }
}
