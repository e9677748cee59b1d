//! `short`: one line per finding, `path:line:col: severity[rule] message`.

use std::io::{self, Write};

use crate::document::LineCursor;
use crate::lint::FileReport;

/// How many bytes of lines are put together before they are written.
const WRITE_AT: usize = 8 * 1024;

/// Write one file's findings.
///
/// The lines are put together by hand in a buffer, written whenever it
/// holds 8 KB: an imported style reports thousands of
/// findings, and `writeln!` through the formatting machinery and a
/// `dyn Write` cost more than finding them; a file's findings are never
/// held as one text. Their lines and columns are counted on from one
/// finding to the next ([`LineCursor`]), as findings come in order.
pub fn write_report(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    let mut lines = LineCursor::new(&report.source);
    let mut buffer = Vec::with_capacity(WRITE_AT + 1024);
    for diagnostic in &report.diagnostics {
        if buffer.len() >= WRITE_AT {
            out.write_all(&buffer)?;
            buffer.clear();
        }
        let (line, column) = lines.line_col(diagnostic.span.start);
        buffer.extend_from_slice(report.path.as_bytes());
        buffer.push(b':');
        push_number(&mut buffer, line);
        buffer.push(b':');
        push_number(&mut buffer, column);
        buffer.extend_from_slice(b": ");
        buffer.extend_from_slice(diagnostic.severity.as_str().as_bytes());
        buffer.push(b'[');
        buffer.extend_from_slice(diagnostic.rule.as_bytes());
        buffer.extend_from_slice(b"] ");
        buffer.extend_from_slice(diagnostic.message.as_bytes());
        buffer.push(b'\n');
    }
    out.write_all(&buffer)
}

/// `number` in decimal, as `{}` writes it.
fn push_number(buffer: &mut Vec<u8>, mut number: usize) {
    let mut digits = [0u8; 20];
    let mut first = digits.len();
    loop {
        first -= 1;
        digits[first] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            break;
        }
    }
    buffer.extend_from_slice(&digits[first..]);
}

/// The lines of every report's findings, in the order given.
pub fn render(reports: &[FileReport]) -> String {
    let bytes = super::render_all(&mut super::LineWriter(write_report), reports);
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_the_formatter_writes_them() {
        for number in [0, 7, 10, 99, 100, 12_345, usize::MAX] {
            let mut buffer = Vec::new();
            push_number(&mut buffer, number);
            assert_eq!(String::from_utf8(buffer).unwrap(), number.to_string());
        }
    }
}
