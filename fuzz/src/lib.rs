//! What the fuzz targets share: linters built once per process, the filter
//! the command line applies, and the invariants every report must keep
//! whatever the input.
//!
//! Every check here panics on a broken invariant: a panic is what libFuzzer
//! records as a crash, with the input that caused it.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use copydesk::diagnostic::{Diagnostic, Level};
use copydesk::document::{Document, DocumentOptions};
use copydesk::engine::Linter;
use copydesk::lint::{FileLinter, FileReport};
use copydesk::render;
use copydesk::rules::Settings;
use copydesk::ruleset::{self, CompiledRule};
use copydesk::suppress;

/// Run `work` on a thread with the stack the command line's workers get
/// (Rust's default for spawned threads, 2 MiB unless `RUST_MIN_STACK` says
/// otherwise): `copydesk check` lints and fixes files there, and the main
/// thread's 8 MiB would hide a recursion that overflows them.
pub fn on_worker_thread<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| match scope.spawn(work).join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

/// The house styles a linter can run under; `None` is the default.
pub const HOUSE_STYLES: [Option<&str>; 5] =
    [None, Some("ap"), Some("reuters"), Some("bbc"), Some("iso")];

/// The languages whose quotation marks copydesk knows, the default first.
pub const LANGUAGES: [&str; 6] = ["en", "de", "fr", "ru", "es", "ja"];

/// One way of running the linter over an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Variant {
    pub house_style: Option<&'static str>,
    pub language: &'static str,
}

impl Variant {
    pub const DEFAULT: Variant = Variant {
        house_style: None,
        language: "en",
    };

    /// A variant picked from the input's own bytes, so that the same input
    /// always runs the same way (a crash must reproduce) while mutations
    /// reach every house style and language.
    pub fn chosen_by(bytes: &[u8]) -> Variant {
        let hash = fnv1a(bytes) as usize;
        Variant {
            house_style: HOUSE_STYLES[hash % HOUSE_STYLES.len()],
            language: LANGUAGES[(hash / HOUSE_STYLES.len()) % LANGUAGES.len()],
        }
    }

    /// The default variant, then the one the input picks when it differs.
    pub fn for_input(bytes: &[u8]) -> Vec<Variant> {
        let chosen = Variant::chosen_by(bytes);
        if chosen == Variant::DEFAULT {
            vec![Variant::DEFAULT]
        } else {
            vec![Variant::DEFAULT, chosen]
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Every built-in rule set, compiled once.
pub fn builtin_rules() -> &'static [Arc<CompiledRule>] {
    static RULES: OnceLock<Vec<Arc<CompiledRule>>> = OnceLock::new();
    RULES.get_or_init(|| {
        let sources: Vec<_> = ruleset::builtin_names()
            .into_iter()
            .filter_map(ruleset::builtin)
            .collect();
        ruleset::compile(&sources).expect("the built-in rule sets compile")
    })
}

/// A linter running every built-in rule, those that ship switched off too,
/// under `variant`. Built once per variant.
pub fn linter(variant: Variant) -> &'static Linter {
    static LINTERS: OnceLock<Vec<(Variant, Linter)>> = OnceLock::new();
    let linters = LINTERS.get_or_init(|| {
        let mut linters = Vec::new();
        for house_style in HOUSE_STYLES {
            for language in LANGUAGES {
                let variant = Variant {
                    house_style,
                    language,
                };
                linters.push((
                    variant,
                    every_rule_on(builtin_rules(), house_style, language),
                ));
            }
        }
        linters
    });
    linters
        .iter()
        .find(|(candidate, _)| *candidate == variant)
        .map(|(_, linter)| linter)
        .expect("every variant has a linter")
}

/// A linter running each of `rules` at the severity it has when selected.
pub fn every_rule_on(
    rules: &[Arc<CompiledRule>],
    house_style: Option<&str>,
    language: &str,
) -> Linter {
    let rules = rules
        .iter()
        .map(|rule| (rule.clone(), Level::On(rule.meta.severity_when_on)))
        .collect();
    Linter::new(
        rules,
        Settings {
            house_style: house_style.map(str::to_string),
        },
        DocumentOptions {
            language: Some(language.to_string()),
            ..DocumentOptions::default()
        },
    )
}

/// What `copydesk check --report-unused-suppressions` does to a file's
/// findings: suppression comments honoured, unused ones reported (with a
/// safe fix that deletes them).
pub fn command_line_filter() -> suppress::Filter {
    suppress::Filter {
        ignored: Vec::new(),
        comments: true,
        report_unused: true,
    }
}

/// Lint bytes as the command line lints a file it has read: decoded (binary
/// and invalid UTF-8 refused), linted, filtered, fixed when asked.
pub fn lint_bytes(linter: &Linter, path: &str, bytes: &[u8], fix: bool) -> FileReport {
    let filter = command_line_filter();
    FileLinter {
        linter,
        filter: &|doc: &Document, diagnostics: &mut Vec<Diagnostic>| {
            filter.apply(linter, doc, diagnostics)
        },
        fix: fix.then_some(copydesk::fix::FixMode::Safe),
        read_along: None,
    }
    .bytes(path, bytes.to_vec())
}

/// A byte range that may be sliced out of `text`.
pub fn assert_range_in(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: {span:?} is outside the text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} is not on character boundaries"
    );
}

/// Every span of every finding (primary, labels, fix edits) lies in `text`
/// on character boundaries, a fix's edits are in order and apart, and the
/// findings come in the order every renderer relies on.
pub fn assert_spans_sound(text: &str, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        let rule = &diagnostic.rule;
        assert!(!rule.is_empty(), "a finding without a rule id");
        assert_range_in(text, &diagnostic.span, &format!("{rule} span"));
        for label in &diagnostic.labels {
            assert_range_in(text, &label.span, &format!("{rule} label"));
        }
        if let Some(fix) = &diagnostic.fix {
            let edits: Vec<&Range<usize>> = fix.edits().map(|(span, _)| span).collect();
            for span in &edits {
                assert_range_in(text, span, &format!("{rule} fix edit"));
            }
            for pair in edits.windows(2) {
                assert!(
                    pair[0].end <= pair[1].start && pair[0].start < pair[1].start,
                    "{rule}: the edits {:?} and {:?} of one fix overlap or are out of order",
                    pair[0],
                    pair[1]
                );
            }
        }
    }
    for pair in diagnostics.windows(2) {
        assert!(
            pair[0].sort_key() <= pair[1].sort_key(),
            "findings out of order: {} at {:?} before {} at {:?}",
            pair[0].rule,
            pair[0].span,
            pair[1].rule,
            pair[1].span
        );
    }
}

/// A report of [`lint_bytes`] on `input` is what the command line would
/// show: its spans point into its own text, and that text is the input (or
/// the input fixed, or, for a file refused as not UTF-8, as much of it as
/// can be shown).
pub fn assert_report_sound(report: &FileReport, input: &[u8]) {
    if report.io_error {
        assert_eq!(
            report.diagnostics.len(),
            1,
            "one finding for a refused file"
        );
        assert_eq!(&*report.diagnostics[0].rule, "io.encoding");
        assert!(report.fixed.is_none(), "a refused file is never fixed");
    } else if let Some(fixed) = &report.fixed {
        assert_eq!(
            fixed.original.as_bytes(),
            input,
            "the fix starts from the input"
        );
        assert_eq!(
            &*report.source, fixed.text,
            "findings point into the fixed text"
        );
    } else if !report.diagnostics.is_empty() {
        assert_eq!(
            report.source.as_bytes(),
            input,
            "findings point into the input"
        );
    }
    assert_spans_sound(&report.source, &report.diagnostics);
}

/// Run every renderer over `reports`: a span a renderer cannot place must
/// not crash the run, and the JSON formats must stay parseable.
pub fn render_everything(reports: &[FileReport], linter: &Linter) {
    render::human::render(reports, true);
    render::short::render(reports);
    render::github::render(reports);
    render::junit::render(reports);
    // Describing every rule in every run would make SARIF most of the
    // target's time; the rules that reported are what can go wrong.
    let mut rules = render::sarif::descriptors([linter]);
    rules.retain(|rule| {
        reports
            .iter()
            .any(|report| report.diagnostics.iter().any(|d| *d.rule == *rule.id))
    });
    for json in [
        render::json::render(reports),
        render::gitlab::render(reports),
        render::sarif::render(reports, &rules),
    ] {
        serde_json::from_str::<serde_json::Value>(&json).expect("JSON output parses");
    }
    for line in render::jsonl::render(reports).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("each JSON line parses");
    }
}

/// Lint `bytes` under `path` (its extension decides Markdown or plain text)
/// with the default variant and the one the input picks, checking every
/// report and rendering it every way.
pub fn lint_article(path: &str, bytes: &[u8]) {
    for variant in Variant::for_input(bytes) {
        let linter = linter(variant);
        let report = lint_bytes(linter, path, bytes, false);
        let decodable = !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok();
        assert_eq!(
            report.io_error, !decodable,
            "a file is refused exactly when it is binary or not UTF-8"
        );
        assert_report_sound(&report, bytes);
        render_everything(std::slice::from_ref(&report), linter);
    }
}
