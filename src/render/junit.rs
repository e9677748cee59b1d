//! `junit`: JUnit XML for CI systems that show test reports: one test case
//! per file, one failure per finding.

use std::io::{self, Write};

use crate::document::LineIndex;
use crate::lint::FileReport;

/// Escape text for XML content and attribute values. Characters XML 1.0 does
/// not allow at all (most control characters) are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            other => out.push(other),
        }
    }
    out
}

/// Write the report. JUnit gives the totals first, so it needs every report
/// before it starts; it then writes them a finding at a time.
pub fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let tests = reports.len();
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    writeln!(
        out,
        "<testsuites name=\"copydesk\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    )?;
    writeln!(
        out,
        "  <testsuite name=\"copydesk\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    )?;
    for report in reports {
        let path = escape(&report.path);
        if report.diagnostics.is_empty() {
            writeln!(
                out,
                "    <testcase name=\"{path}\" classname=\"copydesk\"/>"
            )?;
            continue;
        }
        writeln!(out, "    <testcase name=\"{path}\" classname=\"copydesk\">")?;
        let lines = LineIndex::new(&report.source);
        for d in &report.diagnostics {
            let (line, column) = lines.line_col(&report.source, d.span.start);
            let mut body = format!(
                "{}:{line}:{column}: {}[{}] {}",
                report.path, d.severity, d.rule, d.message
            );
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                escape(&d.rule),
                escape(&format!("{line}:{column}: {}", d.message)),
                escape(&body)
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    out.write_all(b"  </testsuite>\n</testsuites>\n")
}

/// The whole XML document for `reports`, a test case for each.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(&mut out, reports);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            escape("a<b & \"c\" 'd'\u{1}\n"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&#10;"
        );
    }
}
