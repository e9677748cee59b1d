//! `short`: one line per finding, `path:line:col: severity[rule] message`.

use crate::lint::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let lines = crate::document::LineIndex::new(&report.source);
        for diagnostic in &report.diagnostics {
            let (line, column) = lines.line_col(&report.source, diagnostic.span.start);
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                report.path, line, column, diagnostic.severity, diagnostic.rule, diagnostic.message
            ));
        }
    }
    out
}
