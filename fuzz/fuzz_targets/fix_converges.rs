//! `--fix` on arbitrary text, as plain text and as Markdown: every safe fix
//! lies on character boundaries, applying them all reaches a fixed point
//! within two rounds (a third round changes nothing), and the library's own
//! loop (`lint_text` with fixes) stops at that same text.
#![no_main]

use copydesk::diagnostic::Diagnostic;
use copydesk::engine::Linter;
use copydesk::fix::{self, FixMode};
use copydesk::lint::FileLinter;
use copydesk_fuzz::{assert_report_sound, assert_spans_sound, command_line_filter, Variant};
use libfuzzer_sys::fuzz_target;

/// Rounds of fixing after which the text must have stopped changing.
const ROUNDS_TO_SETTLE: usize = 2;

fuzz_target!(|bytes: &[u8]| {
    // Standard input takes any UTF-8, NUL bytes included; mutations that
    // break UTF-8 still say something as text.
    let text = String::from_utf8_lossy(bytes).into_owned();
    copydesk_fuzz::on_worker_thread(|| {
        for path in ["article.txt", "article.md"] {
            for variant in Variant::for_input(bytes) {
                check_convergence(copydesk_fuzz::linter(variant), path, &text, variant);
            }
        }
    });
});

fn check_convergence(linter: &Linter, path: &str, text: &str, variant: Variant) {
    let filter = command_line_filter();
    let lint = |text: &str| -> Vec<Diagnostic> {
        let doc = linter.document(path, text.to_string());
        let mut findings = linter.lint(&doc);
        filter.apply(linter, &doc, &mut findings);
        findings
    };
    let mut current = text.to_string();
    let mut findings = lint(&current);
    let mut history = vec![current.clone()];
    for round in 1..=ROUNDS_TO_SETTLE + 1 {
        assert_spans_sound(&current, &findings);
        let (fixed, _) = fix::apply(&current, &findings, FixMode::Safe);
        if fixed == current {
            break;
        }
        let rules: Vec<&str> = findings
            .iter()
            .filter(|d| d.fix.is_some())
            .map(|d| &*d.rule)
            .collect();
        assert!(
            round <= ROUNDS_TO_SETTLE,
            "{path} ({variant:?}): safe fixes still change the text in round {round}; \
             fixes offered by {rules:?}; texts so far: {history:?}, next {fixed:?}"
        );
        current = fixed;
        history.push(current.clone());
        findings = lint(&current);
    }

    let report = FileLinter {
        linter,
        filter: &|doc, diagnostics| filter.apply(linter, doc, diagnostics),
        fix: Some(copydesk::fix::FixMode::Safe),
        read_along: None,
    }
    .text(path, text.to_string());
    assert!(!report.io_error, "text in memory is never refused");
    assert_report_sound(&report, text.as_bytes());
    let settled = report
        .fixed
        .as_ref()
        .map_or(text, |fixed| fixed.text.as_str());
    assert_eq!(
        settled, current,
        "{path} ({variant:?}): the library's fix loop stops elsewhere"
    );
}
