//! Inputs that once crashed the linter, hung it or left a fix that never
//! settled: runs of weekday names (a stack overflow), user patterns that match
//! spaces inside blanked multi-byte text (a panic), safe fixes that undo each
//! other, and files of nothing but headings (quadratic time).
//!
//! Generated inputs come from a fixed seed, so a failure names a case that
//! reproduces. The real articles are read from `../shared/articles`; without
//! them those parts are skipped with a message, unless
//! `COPYDESK_REQUIRE_CORPUS=1` makes their absence a failure.

use std::sync::Arc;

use copydesk::config::{self, Overrides, RawConfig};
use copydesk::diagnostic::{Diagnostic, Level};
use copydesk::document::DocumentOptions;
use copydesk::engine::Linter;
use copydesk::rules::Settings;
use copydesk::ruleset::{self, Source};
use copydesk::workspace::{self, FixRequest};

fn default_linter() -> Arc<Linter> {
    config::resolve(RawConfig::default(), &Overrides::default())
        .expect("the default configuration resolves")
        .linter
}

/// A linter running only the rules of `rule_set`, each at its own severity.
fn user_linter(rule_set: &str) -> Linter {
    let rules = ruleset::compile(&[Source::new("house.toml", rule_set)])
        .unwrap_or_else(|problems| panic!("the rule set compiles: {problems:?}\n{rule_set}"));
    let rules = rules
        .into_iter()
        .map(|rule| {
            let severity = rule
                .meta
                .default_severity
                .unwrap_or(rule.meta.severity_when_on);
            (rule, Level::On(severity))
        })
        .collect();
    Linter::new(rules, Settings::default(), DocumentOptions::default())
}

// Item: runs of weekday names.

#[test]
fn a_run_of_weekday_names_is_linted_without_exhausting_the_stack() {
    let linter = default_linter();
    for (path, text) in [
        ("w.txt", "Thursday, ".repeat(100_000)),
        ("l.md", "- Thursday\n".repeat(100_000)),
        ("t.txt", "Thu. ".repeat(100_000)),
        (
            "d.txt",
            format!("{}Feb 10, 2023", "Friday\n".repeat(100_000)),
        ),
    ] {
        let report = workspace::lint_text(&linter, path, text, FixRequest::Safe);
        assert!(!report.io_error, "{path}");
    }
}

#[test]
fn a_weekday_before_its_date_is_still_checked() {
    let linter = default_linter();
    let text = "date 2023-02-10\nTalks ended on Thursday, Feb. 10, 2023, in Seoul.\n";
    let report = workspace::lint_text(&linter, "a.txt", text.to_string(), FixRequest::None);
    let weekday: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| &*d.rule == "dates.weekday")
        .collect();
    assert_eq!(weekday.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(&text[weekday[0].span.clone()], "Thursday");
}

// Item: many Markdown headings.

#[test]
fn many_headings_keep_their_scope_and_the_dateline_after_them() {
    let linter = user_linter(
        "[[rule]]\nid = \"house.in-headings\"\nkind = \"existence\"\nscope = \"headings\"\n\
         description = \"x\"\nterms = [\"Heading\"]\n\n\
         [[rule]]\nid = \"house.in-prose\"\nkind = \"existence\"\nscope = \"prose\"\n\
         description = \"x\"\nterms = [\"Heading\"]\n",
    );
    let headings = 20_000;
    let mut text = "# Heading\n\n".repeat(headings);
    text.push_str("SEOUL, Feb 10 - The Heading in the body.\n\n## Heading\n");
    let doc = linter.document("a.md", text.clone());
    assert_eq!(doc.headings.len(), headings + 1);
    assert_eq!(
        doc.dateline.as_ref().map(|d| &text[d.city.clone()]),
        Some("SEOUL")
    );
    let diagnostics = linter.lint(&doc);
    let count = |rule: &str| diagnostics.iter().filter(|d| &*d.rule == rule).count();
    assert_eq!(count("house.in-headings"), headings + 1);
    assert_eq!(count("house.in-prose"), 1);

    // Headings with blank and heading-only stretches between body paragraphs.
    let text = "# One\n\n#\n\n## Two\n\nNEW YORK, March 26 (Reuters) - Shares rose.\n";
    let doc = linter.document("b.md", text.to_string());
    assert_eq!(
        doc.dateline.as_ref().map(|d| &text[d.city.clone()]),
        Some("NEW YORK")
    );
}
