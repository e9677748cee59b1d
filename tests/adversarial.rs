//! Inputs built to make the `quotes` and `dates` families slow or noisy: one
//! paragraph of thousands of quotations or dates. Each must finish (no timing
//! is asserted) and give a bounded, expected number of findings.

use std::collections::BTreeMap;
use std::sync::Arc;

use copydesk::diagnostic::{Diagnostic, Level};
use copydesk::document::DocumentOptions;
use copydesk::engine::Linter;
use copydesk::rules::Settings;
use copydesk::ruleset::{self, builtin};

fn linter(house_style: Option<&str>) -> Linter {
    let sources = ["quotes", "dates"]
        .map(|family| builtin(family).expect("the family's rule set is built in"));
    let rules = ruleset::compile(&sources)
        .expect("the rule sets compile")
        .into_iter()
        .map(|rule: Arc<_>| {
            let level = Level::On(rule.meta.severity_when_on);
            (rule, level)
        })
        .collect();
    Linter::new(
        rules,
        Settings {
            house_style: house_style.map(str::to_string),
        },
        DocumentOptions::default(),
    )
}

fn lint(house_style: Option<&str>, text: String) -> Vec<Diagnostic> {
    lint_file("adversarial.txt", house_style, text)
}

fn lint_file(path: &str, house_style: Option<&str>, text: String) -> Vec<Diagnostic> {
    let linter = linter(house_style);
    let doc = linter.document(path, text);
    linter.lint(&doc)
}

/// How many findings each rule gave.
fn counts(found: &[Diagnostic]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for diagnostic in found {
        *counts.entry(diagnostic.rule.to_string()).or_insert(0) += 1;
    }
    counts
}

fn count(found: &[Diagnostic], rule: &str) -> usize {
    found.iter().filter(|d| &*d.rule == rule).count()
}

#[test]
fn a_paragraph_of_opening_marks_is_one_finding() {
    let openers = 200_000;
    let text = format!(
        "date 2023-02-10\nHe said {} and left.\n",
        "“".repeat(openers)
    );
    let found = lint(None, text);
    assert_eq!(count(&found, "quotes.unclosed"), 1, "{:?}", counts(&found));
    let unclosed = found
        .iter()
        .find(|d| &*d.rule == "quotes.unclosed")
        .expect("one finding");
    // The first opener, three more labelled, the paragraph end, and a count.
    // The last mark, before a space, reads as a closing mark facing the wrong
    // way: it closes the innermost quotation, and the direction check says so.
    assert_eq!(unclosed.span.start, "date 2023-02-10\nHe said ".len());
    assert_eq!(unclosed.labels.len(), 4);
    let left_open = openers - 2;
    assert_eq!(
        unclosed.notes,
        [format!(
            "{left_open} quotations in all are left open here; {} more are not labelled",
            left_open - 4
        )]
    );
    assert_eq!(
        counts(&found),
        BTreeMap::from([
            ("quotes.direction".to_string(), 1),
            ("quotes.unclosed".to_string(), 1)
        ])
    );
}

#[test]
fn a_few_opening_marks_in_one_paragraph_are_labelled_without_a_count() {
    let text = "He said “no and “never and “not now.\n\nThe talks ended.\n".to_string();
    let found = lint(None, text);
    let unclosed: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| &*d.rule == "quotes.unclosed")
        .collect();
    assert_eq!(unclosed.len(), 1, "{found:#?}");
    assert_eq!(unclosed[0].span.start, "He said ".len());
    assert_eq!(unclosed[0].labels.len(), 3);
    assert!(unclosed[0].notes.is_empty());
}

#[test]
fn deep_nesting_is_one_finding() {
    let depth = 200_000;
    let text = format!("{}{}\n", "“".repeat(depth), "”".repeat(depth));
    let found = lint(None, text);
    assert_eq!(
        counts(&found),
        BTreeMap::from([("quotes.nesting".to_string(), 1)])
    );
    assert!(found[0]
        .notes
        .iter()
        .any(|note| note.contains("levels further in")));
    // A house style asks for other marks at every other level: still one finding.
    let text = format!("{}{}\n", "“".repeat(depth), "”".repeat(depth));
    let found = lint(Some("ap"), text);
    assert_eq!(
        counts(&found),
        BTreeMap::from([("quotes.nesting".to_string(), 1)])
    );
}

#[test]
fn nested_runs_that_are_never_closed_are_one_finding() {
    // The benchmark's deep-nesting shape: four kinds of mark, none closed.
    let text = "“‘A «said ".repeat(50_000);
    let found = lint(None, text);
    assert_eq!(count(&found, "quotes.unclosed"), 1, "{:?}", counts(&found));
    assert!(found.len() <= 3, "{:?}", counts(&found));
}

#[test]
fn closing_marks_a_paragraph_late_are_one_finding() {
    let count_of_marks = 50_000;
    let text = format!(
        "{}\n\n{}\n",
        "“".repeat(count_of_marks),
        "”".repeat(count_of_marks)
    );
    let found = lint(None, text);
    assert_eq!(count(&found, "quotes.unclosed"), 1, "{:?}", counts(&found));
    assert_eq!(count(&found, "quotes.unopened"), 0, "{:?}", counts(&found));
    assert!(found.len() <= 3, "{:?}", counts(&found));
}

#[test]
fn dates_in_thousands_of_straight_quotations_are_not_counted() {
    let quoted = "\"He said the talks on 10 February 2023 went well.\" ".repeat(20_000);
    let text = format!("date 2023-02-10\nOn Feb. 10 they met. {quoted}They left on Feb. 11.\n");
    let found = lint(None, text);
    // Only the two dates outside the quotations count, and they agree.
    assert_eq!(count(&found, "dates.mixed"), 0, "{:?}", counts(&found));
    let text = format!("date 2023-02-10\nOn Feb. 10 they met. {quoted}They left on 11 Feb.\n");
    let found = lint(None, text);
    assert_eq!(count(&found, "dates.mixed"), 1, "{:?}", counts(&found));
}

#[test]
fn a_line_of_dates_in_four_styles_gives_one_finding_per_date_to_fix() {
    let repeats = 20_000;
    let line = "Feb 10, 2023; 10 February 2023; 2023-02-10; 10/02/2023; ".repeat(repeats);
    let found = lint(None, format!("date 2023-02-10\n{line}\n"));
    // Month-day against day-month, and ISO against month names: two questions.
    assert_eq!(
        counts(&found),
        BTreeMap::from([("dates.mixed".to_string(), 2)])
    );
    let found = lint(Some("ap"), format!("date 2023-02-10\n{line}\n"));
    // No date is in AP style (Feb. 10, 2023); the numeric one is ambiguous.
    assert_eq!(
        count(&found, "dates.style"),
        4 * repeats,
        "{:?}",
        counts(&found)
    );
}

#[test]
fn a_line_of_impossible_dates_and_wrong_weekdays() {
    let repeats = 20_000;
    let line = "Monday, Feb 30, 2023; Tuesday, Feb 10, 2023; 31/02/2023; 10 February 2023; "
        .repeat(repeats);
    let found = lint(Some("ap"), format!("date 2023-02-10\n{line}\n"));
    let counts = counts(&found);
    assert_eq!(
        counts.get("dates.invalid"),
        Some(&(2 * repeats)),
        "{counts:?}"
    );
    // Feb 10, 2023 was a Friday.
    assert_eq!(counts.get("dates.weekday"), Some(&repeats), "{counts:?}");
    // Impossible dates are not restyled: Feb 10 and 10 February are.
    assert_eq!(
        counts.get("dates.style"),
        Some(&(2 * repeats)),
        "{counts:?}"
    );
}

#[test]
fn thousands_of_headings_and_teasers() {
    let repeats = 20_000;
    let body = "## Feb 9, 2023 Seoul and Moscow trade notes\n\nFeb 10, 2023 Seoul and Moscow trade notes\n\n"
        .repeat(repeats);
    let found = lint_file(
        "adversarial.md",
        None,
        format!("---\ndate: 2023-02-10\n---\n{body}"),
    );
    // Each paragraph is a teaser; the headings that read the same are not.
    assert_eq!(
        counts(&found),
        BTreeMap::from([("dates.stray-teaser".to_string(), repeats)])
    );
}
