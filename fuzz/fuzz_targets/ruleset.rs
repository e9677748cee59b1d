//! The rule-set loader on arbitrary TOML: a user's `[[rule]]` tables of any
//! kind, with their own regular expressions, messages and examples.
//!
//! The input is the rule set, optionally followed by a NUL byte and an
//! article to lint with it (a fixed sample otherwise). A rule set that does
//! not compile must give problems that point into its own text; one that
//! compiles has its examples run (as `copydesk check` does before using a
//! repository's rule set), then lints the article as plain text and as
//! Markdown, with and without its fixes.
#![no_main]

use copydesk::fix::FixMode;
use copydesk::lint::FileLinter;
use copydesk::render;
use copydesk::ruleset::{self, Source};
use copydesk::self_test;
use copydesk_fuzz::{assert_range_in, assert_report_sound, every_rule_on, Variant};
use libfuzzer_sys::fuzz_target;

/// Quotations, dates, a title, non-ASCII letters beside Markdown code and
/// HTML (blanked out of the prose the rules see), and a suppression comment.
const SAMPLE: &str = "---\ntitle: Talks «resume»\ndate: 2023-02-10\n---\n\n\
SEOUL, Feb 10 - The Ambassador said “the talks go on” on Thursday, March 12, 2024.\n\n\
Ему ответили: «да». Run `café --naïve` or <b>Zürich</b> then ’90s.\n\n\
<!-- copydesk-disable-next-line -->\nKiev, Türkiye and the goverment 'agreed'.\n\n\
```\nnaïve — code 😀\n```\n";

fuzz_target!(|bytes: &[u8]| {
    copydesk_fuzz::on_worker_thread(|| run(bytes));
});

fn run(bytes: &[u8]) {
    let (rule_set, article) = match bytes.iter().position(|&b| b == 0) {
        Some(nul) => (&bytes[..nul], Some(&bytes[nul + 1..])),
        None => (bytes, None),
    };
    let source = Source::new("house.toml", String::from_utf8_lossy(rule_set).into_owned());
    let rules = match ruleset::compile(std::slice::from_ref(&source)) {
        Ok(rules) => rules,
        Err(files) => {
            for file in &files {
                assert_eq!(file.source.name, source.name, "problems name their file");
                for problem in &file.problems {
                    assert_range_in(&file.source.text, &problem.span, &problem.rule);
                    for label in &problem.labels {
                        assert_range_in(&file.source.text, &label.span, &problem.rule);
                    }
                }
            }
            render::human::render(&render::problem_reports(&files), false);
            return;
        }
    };
    let (_, failures) = self_test::run_all(&rules);
    for failure in &failures {
        assert_range_in(&source.text, &failure.span, "a failing example");
        failure.to_diagnostic();
    }

    // A rule limited to house styles runs only under one of them; the
    // other run takes a built-in style and a language the input picks.
    let chosen = Variant::chosen_by(rule_set);
    let own_style = rules
        .iter()
        .flat_map(|rule| rule.meta.house_styles.iter())
        .next()
        .map(String::as_str);
    let runs = [
        (None, "en"),
        (own_style.or(chosen.house_style), chosen.language),
    ];
    let article = article.map_or_else(
        || SAMPLE.to_string(),
        |bytes| String::from_utf8_lossy(bytes).into_owned(),
    );
    for (house_style, language) in runs {
        let linter = every_rule_on(&rules, house_style, language);
        for path in ["article.txt", "article.md"] {
            for fix in [None, Some(FixMode::Safe), Some(FixMode::All)] {
                let report = FileLinter {
                    fix,
                    ..FileLinter::new(&linter)
                }
                .text(path, article.clone());
                assert_report_sound(&report, article.as_bytes());
            }
        }
    }
}
