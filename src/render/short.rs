//! `short`: one line per finding, `path:line:col: severity[rule] message`.

use std::cell::RefCell;
use std::io::{self, Write};

use crate::document::LineCursor;
use crate::lint::FileReport;

/// How many bytes of lines are put together before they are written.
const WRITE_AT: usize = 8 * 1024;

thread_local! {
    /// The lines being put together, kept from one file to the next on each
    /// worker: a buffer this large, allocated afresh for every file, cost
    /// more in the allocator than writing the file's lines.
    static LINES: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(WRITE_AT + 1024));
}

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
    LINES.with(|lines| match lines.try_borrow_mut() {
        Ok(mut buffer) => {
            buffer.clear();
            let written = write_lines(out, report, &mut buffer);
            // A line far longer than the rest must not stay on the worker.
            if buffer.capacity() > 4 * WRITE_AT {
                *buffer = Vec::with_capacity(WRITE_AT + 1024);
            }
            written
        }
        Err(_) => write_lines(out, report, &mut Vec::with_capacity(WRITE_AT + 1024)),
    })
}

fn write_lines(out: &mut dyn Write, report: &FileReport, buffer: &mut Vec<u8>) -> io::Result<()> {
    let mut lines = LineCursor::new(&report.source);
    let path = report.path.as_bytes();
    for diagnostic in &report.diagnostics {
        if buffer.len() >= WRITE_AT {
            out.write_all(buffer)?;
            buffer.clear();
        }
        let (line, column) = lines.line_col(diagnostic.span.start);
        buffer.extend_from_slice(path);
        buffer.push(b':');
        push_number(buffer, line);
        buffer.push(b':');
        push_number(buffer, column);
        buffer.extend_from_slice(b": ");
        buffer.extend_from_slice(diagnostic.severity.as_str().as_bytes());
        buffer.push(b'[');
        buffer.extend_from_slice(diagnostic.rule.as_bytes());
        buffer.extend_from_slice(b"] ");
        buffer.extend_from_slice(diagnostic.message.as_bytes());
        buffer.push(b'\n');
    }
    out.write_all(buffer)
}

/// `number` in decimal, as `{}` writes it.
fn push_number(buffer: &mut Vec<u8>, mut number: usize) {
    // Most lines and columns have one or two digits: pushed as they are,
    // without the copy of a slice that a longer number takes.
    if number < 10 {
        buffer.push(b'0' + number as u8);
        return;
    }
    if number < 100 {
        buffer.push(b'0' + (number / 10) as u8);
        buffer.push(b'0' + (number % 10) as u8);
        return;
    }
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
        for number in [0, 7, 9, 10, 42, 99, 100, 999, 12_345, usize::MAX] {
            let mut buffer = Vec::new();
            push_number(&mut buffer, number);
            assert_eq!(String::from_utf8(buffer).unwrap(), number.to_string());
        }
    }
}
