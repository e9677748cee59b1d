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
use copydesk::diagnostic::Diagnostic;
use copydesk::engine::Linter;
use copydesk::workspace::{self, FixRequest};

fn default_linter() -> Arc<Linter> {
    config::resolve(RawConfig::default(), &Overrides::default())
        .expect("the default configuration resolves")
        .linter
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
