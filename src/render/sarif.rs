//! `sarif`: SARIF 2.1.0, the format code-scanning services read (GitHub code
//! scanning among them). One run; every active rule described in
//! `tool.driver.rules`; results with regions in lines, columns (counted in
//! Unicode code points, as the run declares) and bytes; secondary labels as
//! related locations; fixes as replacements.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;
use serde_json::{json, Value};

use crate::baseline;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Level, Severity};
use crate::document::LineIndex;
use crate::engine::Linter;
use crate::lint::FileReport;

/// The published schema of the format written.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// What SARIF says about a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDescriptor {
    /// The rule's id, such as `style.misspellings`.
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
    } else if id == crate::suppress::UNKNOWN_RULE {
        "A suppression comment names a rule or family that does not exist."
    } else if id == crate::suppress::UNKNOWN_DIRECTIVE {
        "A copydesk- comment whose directive does not exist."
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

/// A relative path as a URI reference: `/` separators, every byte of the
/// name outside the unreserved characters percent-encoded (RFC 3986), bytes
/// that are not UTF-8 included. On Unix a backslash is part of a name and is
/// encoded as `%5C`; on Windows it separates folders.
pub fn path_uri(path: &str) -> String {
    let mut bytes = super::paths::name_bytes(path).into_owned();
    if cfg!(windows) {
        for byte in &mut bytes {
            if *byte == b'\\' {
                *byte = b'/';
            }
        }
    }
    let bytes = bytes.strip_prefix(b"./").unwrap_or(&bytes);
    let mut out = String::with_capacity(bytes.len());
    for &byte in bytes {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Where a result is. The fields of these types are in alphabetical order,
/// the order the log has always had (it was built from sorted JSON maps).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    byte_length: usize,
    byte_offset: usize,
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

fn region(source: &str, lines: &LineIndex, span: &Range<usize>) -> Region {
    let (start_line, start_column) = lines.line_col(source, span.start);
    let (end_line, end_column) = lines.line_col(source, span.end);
    let start = span.start.min(source.len());
    let end = span.end.clamp(start, source.len());
    Region {
        byte_length: end - start,
        byte_offset: start,
        end_column,
        end_line,
        start_column,
        start_line,
    }
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    message: Text<'a>,
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "copydeskIdentity/v1")]
    copydesk_identity: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Replacements<'a>,
}

/// A fix's edits, written one at a time: one fix can change every quotation
/// mark of a long file.
struct Replacements<'a> {
    source: &'a str,
    lines: &'a LineIndex,
    fix: &'a Fix,
}

impl Serialize for Replacements<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.fix.edits().map(|(span, replacement)| Replacement {
            deleted_region: region(self.source, self.lines, span),
            inserted_content: Text { text: replacement },
        }))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    rule_id: &'a str,
    rule_index: usize,
}

/// Write one result.
fn write_result(
    out: &mut dyn Write,
    place: (&str, &LineIndex, &str),
    d: &Diagnostic,
    rule_index: usize,
    fingerprint: String,
) -> io::Result<()> {
    let (source, lines, uri) = place;
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let physical = |span: &Range<usize>| PhysicalLocation {
        artifact_location: ArtifactLocation { uri },
        region: region(source, lines, span),
    };
    let fix_description = d.fix.as_ref().map(|fix| {
        let how = match fix.applicability {
            Applicability::Safe => "safe: `copydesk check --fix` applies it",
            Applicability::Unsafe => "unsafe: review before applying",
            Applicability::DisplayOnly => "a suggestion only",
        };
        format!(
            "Replace with '{}'{} ({how})",
            fix.replacement,
            fix.other_places()
        )
    });
    let fixes = d
        .fix
        .as_ref()
        .zip(fix_description.as_deref())
        .map(|(fix, text)| {
            [SarifFix {
                artifact_changes: [ArtifactChange {
                    artifact_location: ArtifactLocation { uri },
                    replacements: Replacements { source, lines, fix },
                }],
                description: Text { text },
            }]
        });
    let result = SarifResult {
        fixes,
        level: level(d.severity),
        locations: [Location {
            physical_location: physical(&d.span),
        }],
        message: Text { text: &message },
        partial_fingerprints: Fingerprints {
            copydesk_identity: fingerprint,
        },
        related_locations: d
            .labels
            .iter()
            .enumerate()
            .map(|(id, label)| RelatedLocation {
                id,
                message: Text {
                    text: &label.message,
                },
                physical_location: physical(&label.span),
            })
            .collect(),
        rule_id: &d.rule,
        rule_index,
    };
    super::write_nested_json(out, &result, 4)
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

/// The `sarif` format as a [`super::Stream`]: the log's head, each result as
/// its file is done, then the tool with its rules. (The log's keys are in
/// alphabetical order, so the rules come after the results, and rules met
/// only in results can still join them.)
#[derive(Clone, Debug)]
pub struct Writer {
    rules: Vec<RuleDescriptor>,
    /// Results written so far; the first one needs no separator.
    written: usize,
}

impl Writer {
    /// `rules` describes the run's active rules; rules that only appear in
    /// results (file errors, unused suppressions) are added as they come.
    pub fn new(rules: &[RuleDescriptor]) -> Writer {
        Writer {
            rules: rules.to_vec(),
            written: 0,
        }
    }

    fn rule_index(&mut self, d: &Diagnostic) -> usize {
        match self.rules.iter().position(|r| r.id == d.rule.as_ref()) {
            Some(index) => index,
            None => {
                self.rules.push(builtin_descriptor(&d.rule, d.severity));
                self.rules.len() - 1
            }
        }
    }
}

impl super::Stream for Writer {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let schema = Value::from(SCHEMA_URI);
        write!(
            out,
            "{{\n  \"$schema\": {schema},\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }

    fn report(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let lines = LineIndex::new(&report.source);
        let uri = path_uri(&report.path);
        let fingerprints =
            baseline::Fingerprints::new(&report.path, &report.source, &report.diagnostics);
        for (d, fingerprint) in report.diagnostics.iter().zip(fingerprints) {
            let index = self.rule_index(d);
            let separator: &[u8] = if self.written == 0 {
                b"\n        "
            } else {
                b",\n        "
            };
            out.write_all(separator)?;
            write_result(out, (&report.source, &lines, &uri), d, index, fingerprint)?;
            self.written += 1;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &super::Summary) -> io::Result<()> {
        if self.written > 0 {
            out.write_all(b"\n      ")?;
        }
        out.write_all(b"],\n      \"tool\": ")?;
        let tool = json!({
            "driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": self.rules.iter().map(descriptor_json).collect::<Vec<_>>(),
            }
        });
        super::write_nested_json(out, &tool, 3)?;
        let skipped = super::not_checked_lines(summary);
        if !skipped.is_empty() {
            // A code-scanning dashboard shows no summary line: rules that did
            // not run on some files' language must still be said somewhere.
            let invocations = json!([{
                "executionSuccessful": true,
                "toolExecutionNotifications": skipped
                    .iter()
                    .map(|line| json!({ "level": "note", "message": { "text": line } }))
                    .collect::<Vec<_>>(),
            }]);
            out.write_all(b",\n      \"invocations\": ")?;
            super::write_nested_json(out, &invocations, 3)?;
        }
        out.write_all(b"\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n")
    }
}

/// The whole log. `rules` describes the run's active rules; rules that only
/// appear in results (file errors, unused suppressions) are added to it.
pub fn render(reports: &[FileReport], rules: &[RuleDescriptor]) -> String {
    let bytes = super::render_all(&mut Writer::new(rules), reports);
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("./news/a b.md"), "news/a%20b.md");
        assert_eq!(path_uri("news/Zürich.md"), "news/Z%C3%BCrich.md");
        assert_eq!(path_uri("50%.md"), "50%25.md");
    }

    #[cfg(windows)]
    #[test]
    fn windows_separators_become_slashes() {
        assert_eq!(path_uri("news\\Zürich.md"), "news/Z%C3%BCrich.md");
    }

    #[cfg(unix)]
    #[test]
    fn a_unix_backslash_is_part_of_the_name() {
        // As shown: a name with a backslash has it doubled.
        assert_eq!(path_uri("news\\\\Zürich.md"), "news%5CZ%C3%BCrich.md");
        assert_eq!(path_uri("caf\\xE9.md"), "caf%E9.md");
    }
}
