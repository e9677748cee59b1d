//! `sarif`: SARIF 2.1.0, the format code-scanning services read (GitHub code
//! scanning among them). One run; every active rule described in
//! `tool.driver.rules`; results with regions in lines, columns (counted in
//! Unicode code points, as the run declares) and bytes; secondary labels as
//! related locations; fixes as replacements.

use serde_json::{json, Value};

use crate::baseline;
use crate::diagnostic::{Applicability, Diagnostic, Level, Severity};
use crate::document::LineIndex;
use crate::engine::Linter;
use crate::lint::FileReport;

/// The published schema of the format written.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// What SARIF says about a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDescriptor {
    pub id: String,
    /// One line.
    pub summary: String,
    /// The full explanation, as `copydesk explain` prints it.
    pub description: String,
    /// The level this run gives the rule.
    pub level: Severity,
}

/// The active rules of every linter of a run, each once, first seen first.
pub fn descriptors<'a>(linters: impl IntoIterator<Item = &'a Linter>) -> Vec<RuleDescriptor> {
    let mut out: Vec<RuleDescriptor> = Vec::new();
    for linter in linters {
        for (rule, level) in linter.all_rules() {
            let Level::On(severity) = *level else {
                continue;
            };
            if out.iter().any(|d| d.id == rule.meta.id.as_ref()) {
                continue;
            }
            out.push(RuleDescriptor {
                id: rule.meta.id.to_string(),
                summary: rule.meta.summary().to_string(),
                description: rule.meta.description.trim().to_string(),
                level: severity,
            });
        }
    }
    out
}

/// Findings that come from copydesk itself rather than a rule set.
fn builtin_descriptor(id: &str, severity: Severity) -> RuleDescriptor {
    let summary = if id == crate::suppress::UNUSED_RULE {
        "A suppression comment that suppresses nothing."
    } else if id.starts_with("io.") {
        "The file could not be linted."
    } else if id.starts_with("config.") {
        "A problem in configuration or a rule set."
    } else {
        "A finding reported by copydesk."
    };
    RuleDescriptor {
        id: id.to_string(),
        summary: summary.to_string(),
        description: summary.to_string(),
        level: severity,
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` separators, everything outside the
/// unreserved characters percent-encoded.
pub fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn region(source: &str, lines: &LineIndex, span: &std::ops::Range<usize>) -> Value {
    let (start_line, start_column) = lines.line_col(source, span.start);
    let (end_line, end_column) = lines.line_col(source, span.end);
    let start = span.start.min(source.len());
    let end = span.end.clamp(start, source.len());
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": start,
        "byteLength": end - start,
    })
}

fn result(
    report: &FileReport,
    lines: &LineIndex,
    d: &Diagnostic,
    rule_index: usize,
    fingerprint: String,
) -> Value {
    let uri = path_uri(&report.path);
    let source = report.source.as_ref();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": d.rule.as_ref(),
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region(source, lines, &d.span),
            }
        }],
        "partialFingerprints": { "copydeskIdentity/v1": fingerprint },
    });
    if !d.labels.is_empty() {
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .map(|(id, label)| {
                json!({
                    "id": id,
                    "message": { "text": label.message },
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(source, lines, &label.span),
                    }
                })
            })
            .collect();
        result["relatedLocations"] = Value::Array(related);
    }
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            Applicability::Safe => "safe: `copydesk check --fix` applies it",
            Applicability::Unsafe => "unsafe: review before applying",
            Applicability::DisplayOnly => "a suggestion only",
        };
        result["fixes"] = json!([{
            "description": { "text": format!("Replace with '{}'{} ({how})", fix.replacement, fix.other_places()) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": fix
                    .edits()
                    .map(|(span, replacement)| json!({
                        "deletedRegion": region(source, lines, span),
                        "insertedContent": { "text": replacement },
                    }))
                    .collect::<Vec<Value>>(),
            }]
        }]);
    }
    result
}

fn descriptor_json(rule: &RuleDescriptor) -> Value {
    json!({
        "id": rule.id,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.description },
        "help": { "text": rule.description },
        "defaultConfiguration": { "level": level(rule.level) },
    })
}

/// The whole log. `rules` describes the run's active rules; rules that only
/// appear in results (file errors, unused suppressions) are added to it.
pub fn render(reports: &[FileReport], rules: &[RuleDescriptor]) -> String {
    let mut rules = rules.to_vec();
    let mut results = Vec::new();
    for report in reports {
        let lines = LineIndex::new(&report.source);
        let identities = baseline::identities(&report.path, &report.source, &report.diagnostics);
        for (d, identity) in report.diagnostics.iter().zip(identities) {
            let index = match rules.iter().position(|r| r.id == d.rule.as_ref()) {
                Some(index) => index,
                None => {
                    rules.push(builtin_descriptor(&d.rule, d.severity));
                    rules.len() - 1
                }
            };
            results.push(result(report, &lines, d, index, identity.fingerprint()));
        }
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "copydesk",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(descriptor_json).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("./news/a b.md"), "news/a%20b.md");
        assert_eq!(path_uri("news\\Zürich.md"), "news/Z%C3%BCrich.md");
        assert_eq!(path_uri("50%.md"), "50%25.md");
    }
}
