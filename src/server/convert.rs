//! copydesk's findings as the protocol's diagnostics.

use std::collections::BTreeMap;
use std::path::PathBuf;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Uri,
};

use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};

use super::text::{Encoding, LineIndex};

/// What a conversion needs to know about the client and the document.
pub struct Context<'a> {
    /// The document the findings are in.
    pub uri: &'a Uri,
    /// Its text and lines.
    pub text: &'a str,
    /// Where its lines start.
    pub lines: &'a LineIndex,
    /// How the client counts columns.
    pub encoding: Encoding,
    /// Where the rule reference lives (`…/docs/rules`), when known.
    pub docs: Option<&'a str>,
}

/// The protocol's severity for a finding's.
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Clients draw these differently: an outdated name struck through, an
/// unused suppression faded.
fn tags(rule: &str) -> Option<Vec<DiagnosticTag>> {
    match rule {
        "country.outdated" => Some(vec![DiagnosticTag::DEPRECATED]),
        "suppress.unused" => Some(vec![DiagnosticTag::UNNECESSARY]),
        _ => None,
    }
}

/// The page and anchor of a built-in rule in the rule reference, as GitHub
/// and most Markdown renderers name headings.
pub fn rule_docs(docs: &str, rule: &str) -> Option<Uri> {
    let family = rule.split('.').next()?;
    let page = match family {
        "country" => "countries",
        "dates" | "times" => "dates",
        "quotes" => "quotes",
        "style" => "style",
        _ => return None,
    };
    let anchor: String = rule.chars().filter(|c| *c != '.').collect();
    format!("{}/{page}.md#{anchor}", docs.trim_end_matches('/'))
        .parse()
        .ok()
}

/// The message an editor shows: the finding, then its notes and help.
fn full_message(finding: &Diagnostic) -> String {
    let mut message = finding.message.clone();
    for note in &finding.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    message
}

/// One finding as a protocol diagnostic, with its labels as related places.
pub fn diagnostic(finding: &Diagnostic, context: &Context) -> lsp_types::Diagnostic {
    let range = |span| context.lines.range(context.text, span, context.encoding);
    let related: Vec<DiagnosticRelatedInformation> = finding
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(context.uri.clone(), range(&label.span)),
            message: label.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(&finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: context
            .docs
            .and_then(|docs| rule_docs(docs, &finding.rule))
            .map(|href| CodeDescription { href }),
        source: Some("copydesk".to_string()),
        message: full_message(finding),
        related_information: (!related.is_empty()).then_some(related),
        tags: tags(&finding.rule),
        data: None,
    }
}

/// A configuration's problems, grouped by the file each points into (the
/// configuration itself, a file it extends, a rule set it names), each
/// with the file's text as read so that spans become positions.
pub fn configuration_problems(
    error: &ConfigError,
    configuration_file: Option<&std::path::Path>,
) -> BTreeMap<PathBuf, (String, Vec<Diagnostic>)> {
    let mut files: BTreeMap<PathBuf, (String, Vec<Diagnostic>)> = BTreeMap::new();
    match error {
        ConfigError::Invalid(problems) => {
            for file in problems {
                // Built-in rule sets have no file to show problems in.
                if file.source.name.starts_with("builtin/") {
                    continue;
                }
                let path = crate::paths::absolute(std::path::Path::new(file.source.name.as_ref()));
                let entry = files
                    .entry(path)
                    .or_insert_with(|| (file.source.text.to_string(), Vec::new()));
                entry.1.extend(file.problems.iter().cloned());
            }
        }
        ConfigError::Io { path, error } => {
            if let Some(configuration) = configuration_file {
                let shown = format!("cannot read `{}`: {error}", path.display());
                let problem = Diagnostic::new("config.read", Severity::Error, 0..0, shown);
                files.insert(configuration.to_path_buf(), (String::new(), vec![problem]));
            }
        }
        ConfigError::UnknownRule { .. } => {}
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_docs_name_the_page_and_heading() {
        let href = rule_docs("https://example.org/docs/rules/", "dates.stray-teaser").unwrap();
        assert_eq!(
            href.as_str(),
            "https://example.org/docs/rules/dates.md#datesstray-teaser"
        );
        assert!(rule_docs("https://example.org", "house.mine").is_none());
    }
}
