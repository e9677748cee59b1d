//! Rule-set self-tests: every rule carries examples (text, the number of
//! findings, the fixed text) that `copydesk test`, `cargo test` and the
//! loading of a repository's own rule sets run.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::document::DocumentOptions;
use crate::engine::Linter;
use crate::fix::FixMode;
use crate::rules::{Example, Settings};
use crate::ruleset::{CompiledRule, FileProblems, Source};

/// An example that did not come out as its rule set says.
#[derive(Clone, Debug)]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: Arc<str>,
    /// The rule set the rule comes from, as [`Source::name`](crate::ruleset::Source::name).
    pub origin: Arc<str>,
    /// Where the example is written in that rule set.
    pub span: Range<usize>,
    /// How the example came out differently.
    pub message: String,
}

impl ExampleFailure {
    /// The failure as a problem in the rule set (`config.example`).
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            "config.example",
            Severity::Error,
            self.span.clone(),
            &self.message,
        )
    }
}

/// Lint `example` with `rule` alone; report how it differs from what it expects.
fn run_example(rule: &Arc<CompiledRule>, example: &Example) -> Option<String> {
    let settings = Settings {
        house_style: example.house_style.clone(),
    };
    let linter = Linter::new(
        vec![(rule.clone(), Level::On(rule.meta.severity_when_on))],
        settings,
        DocumentOptions::default(),
    );
    let doc = linter.document(&example.path, example.text.clone());
    let found = linter.lint(&doc);
    if found.len() != example.findings {
        let listed: Vec<String> = found
            .iter()
            .map(|d| format!("`{}` ({})", &doc.text[d.span.clone()], d.message))
            .collect();
        return Some(format!(
            "expected {} finding(s) on this example, found {}{}{}",
            example.findings,
            found.len(),
            if listed.is_empty() { "" } else { ": " },
            listed.join("; ")
        ));
    }
    let expected = example.fixed.as_ref()?;
    let text = linter
        .fix_until_stable(&doc, &found, FixMode::All, &|_, _| {})
        .text;
    (text != *expected).then(|| format!("expected the fixed text {expected:?}, got {text:?}"))
}

/// The failures as problems of the rule-set files they are written in, one
/// entry per file, in the order of the failures; a failure whose rule set is
/// not among `sources` is left out.
pub fn failures_by_file(sources: &[Source], failures: &[ExampleFailure]) -> Vec<FileProblems> {
    let mut files: Vec<FileProblems> = Vec::new();
    for failure in failures {
        let Some(source) = sources.iter().find(|s| s.name == failure.origin) else {
            continue;
        };
        let diagnostic = failure.to_diagnostic();
        match files.iter_mut().find(|f| f.source.name == source.name) {
            Some(file) => file.problems.push(diagnostic),
            None => files.push(FileProblems {
                source: source.clone(),
                problems: vec![diagnostic],
            }),
        }
    }
    files
}

/// Run every example of every rule.
pub fn run_all(rules: &[Arc<CompiledRule>]) -> (usize, Vec<ExampleFailure>) {
    let mut count = 0;
    let mut failures = Vec::new();
    for rule in rules {
        for example in &rule.meta.examples {
            count += 1;
            if let Some(message) = run_example(rule, example) {
                failures.push(ExampleFailure {
                    rule: rule.meta.id.clone(),
                    origin: rule.meta.origin.clone(),
                    span: example.span.clone(),
                    message,
                });
            }
        }
    }
    (count, failures)
}
