//! `short`: one line per finding, `path:line:col: severity[rule] message`.

use std::io::{self, Write};

use crate::document::LineIndex;
use crate::lint::FileReport;

/// The `short` format as a [`super::Stream`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Writer;

impl super::Stream for Writer {
    fn report(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        write_report(out, report)
    }
}

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

pub fn render(reports: &[FileReport]) -> String {
    let bytes = super::render_all(&mut Writer, reports);
    String::from_utf8(bytes).unwrap_or_default()
}
