//! `short`: one line per finding, `path:line:col: severity[rule] message`.

use std::io::{self, Write};

use crate::document::LineIndex;
use crate::lint::FileReport;

/// Write one file's findings.
pub fn write_report(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    let lines = LineIndex::new(&report.source);
    for diagnostic in &report.diagnostics {
        let (line, column) = lines.line_col(&report.source, diagnostic.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            report.path, line, column, diagnostic.severity, diagnostic.rule, diagnostic.message
        )?;
    }
    Ok(())
}

/// The lines of every report's findings, in the order given.
pub fn render(reports: &[FileReport]) -> String {
    let bytes = super::render_all(&mut super::LineWriter(write_report), reports);
    String::from_utf8(bytes).unwrap_or_default()
}
