//! Inputs that once crashed the linter, hung it or left a fix that never
//! settled: runs of weekday names (a stack overflow), user patterns that match
//! spaces inside blanked multi-byte text (a panic), safe fixes that undo each
//! other, and files of nothing but headings (quadratic time).
//!
//! Generated inputs come from a fixed seed, so a failure names a case that
//! reproduces. The real articles are read from `../shared/articles`; without
//! them those parts are skipped with a message, unless
//! `COPYDESK_REQUIRE_CORPUS=1` makes their absence a failure.

mod support;

use std::path::PathBuf;
use std::sync::Arc;

use copydesk::config::{self, Overrides, RawConfig};
use copydesk::diagnostic::{Applicability, Diagnostic, Level};
use copydesk::document::DocumentOptions;
use copydesk::engine::Linter;
use copydesk::fix::{self, FixMode};
use copydesk::lint::FileLinter;
use copydesk::rules::Settings;
use copydesk::ruleset::{self, Source};

/// xorshift64*: small, deterministic, no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn default_linter() -> Arc<Linter> {
    config::resolve(RawConfig::default(), &Overrides::default())
        .expect("the default configuration resolves")
        .linter
}

fn house_style_linter(style: Option<&str>) -> Arc<Linter> {
    let overrides = Overrides {
        house_style: style.map(String::from),
        ..Overrides::default()
    };
    config::resolve(RawConfig::default(), &overrides)
        .unwrap_or_else(|error| panic!("house style {style:?} resolves: {error:?}"))
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

/// The real articles, or `None` (with a message) when they are not there.
fn corpus() -> Option<Vec<PathBuf>> {
    let root = support::articles()?;
    let mut files = Vec::new();
    let mut folders = vec![root];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the articles folder is readable") {
            let path = entry.expect("a readable entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "txt")
            ) && path.file_name().is_some_and(|name| name != "README.md")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(
        files.len() > 1000,
        "expected the whole article collection, found {} files",
        files.len()
    );
    Some(files)
}

/// Every span a finding carries: its own, its labels' and its fix's edits.
fn spans(d: &Diagnostic) -> Vec<std::ops::Range<usize>> {
    let mut spans = vec![d.span.clone()];
    spans.extend(d.labels.iter().map(|l| l.span.clone()));
    if let Some(fix) = &d.fix {
        spans.extend(fix.edits().map(|(span, _)| span.clone()));
    }
    spans
}

fn assert_spans_on_boundaries(text: &str, diagnostics: &[Diagnostic], case: &str) {
    for d in diagnostics {
        for span in spans(d) {
            assert!(
                span.start <= span.end
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{case}: {} reported {span:?}, not on character boundaries of {text:?}",
                d.rule
            );
        }
    }
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
        let report = FileLinter {
            fix: Some(copydesk::fix::FixMode::Safe),
            ..FileLinter::new(&linter)
        }
        .text(path, text);
        assert!(!report.io_error, "{path}");
    }
}

#[test]
fn a_weekday_before_its_date_is_still_checked() {
    let linter = default_linter();
    let text = "date 2023-02-10\nTalks ended on Thursday, Feb. 10, 2023, in Seoul.\n";
    let report = FileLinter::new(&linter).text("a.txt", text.to_string());
    let weekday: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| &*d.rule == "dates.weekday")
        .collect();
    assert_eq!(weekday.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(&text[weekday[0].span.clone()], "Thursday");
}

// Item: user patterns on character boundaries.

/// A TOML basic string holding `value`.
fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|v| toml_string(v)).collect();
    format!("[{}]", items.join(", "))
}

/// One rule of every kind that takes a user's terms or patterns, in `scope`.
fn rule_set_of_every_kind(scope: &str, terms: &[String], patterns: &[String]) -> String {
    let mut swap = Vec::new();
    for (index, term) in terms.iter().enumerate() {
        // A key may appear once in a table.
        if terms[..index].contains(term) {
            continue;
        }
        let replacement = terms[(index + 1) % terms.len()].clone();
        swap.push(format!(
            "{} = {}",
            toml_string(term),
            toml_string(&replacement)
        ));
    }
    let pairs: Vec<String> = terms
        .chunks(2)
        .filter(|pair| pair.len() == 2 && pair[0] != pair[1])
        .map(|pair| format!("{{ variants = {} }}", toml_list(pair)))
        .collect();
    let mut text = format!(
        "[[rule]]\nid = \"house.existence\"\nkind = \"existence\"\nscope = \"{scope}\"\n\
         description = \"x\"\nterms = {terms}\npatterns = {patterns}\n\n\
         [[rule]]\nid = \"house.substitution\"\nkind = \"substitution\"\nscope = \"{scope}\"\n\
         description = \"x\"\nswap = {{ {swap} }}\n\n\
         [[rule]]\nid = \"house.exact\"\nkind = \"capitalization\"\nscope = \"{scope}\"\n\
         description = \"x\"\nstyle = \"exact\"\nterms = {terms}\n\n\
         [[rule]]\nid = \"house.titles\"\nkind = \"capitalization\"\nscope = \"{scope}\"\n\
         description = \"x\"\nstyle = \"title\"\nterms = {terms}\n",
        terms = toml_list(terms),
        patterns = toml_list(patterns),
        swap = swap.join(", "),
    );
    if !pairs.is_empty() {
        text.push_str(&format!(
            "\n[[rule]]\nid = \"house.consistency\"\nkind = \"consistency\"\nscope = \"{scope}\"\n\
             description = \"x\"\ngroups = [{}]\n",
            pairs.join(", ")
        ));
    }
    text
}

/// Terms that match blanks, the blanks that stand for masked text, and
/// pieces of multi-byte characters' neighbourhoods.
const NASTY_TERMS: &[&str] = &[
    " ", "  ", "   ", "\t", "\n", " \n", "€", "é", "’", "“", "\u{a0}", ".", " .", "e", "e ", " e",
    "the", "The ", "a", "`", "*", "-", "/", ":", "漢",
];

/// Regular expressions that match anything, nothing, blanks or single bytes' worth.
const NASTY_PATTERNS: &[&str] = &[
    "",
    " ",
    "  ",
    r"\s",
    r"\s+",
    r"\s*",
    ".",
    "(?s).",
    "(?s).{2}",
    r"\W+",
    r"\w",
    r"[^a-z]+",
    r"\b",
    "^",
    "$",
    "(?m)^ *",
    "x*",
    r"[\s\S]{3}",
    r"\p{L}",
    r"\P{L}{2}",
    "€",
    "é ",
    "(?i)E",
    r"\d+",
];

/// A regular expression made of a few random pieces, each possibly repeated.
fn generated_pattern(random: &mut Random) -> String {
    const ATOMS: &[&str] = &[
        " ", r"\s", ".", "(?s).", r"\W", r"\w", "[^a-z]", r"\b", "^", "$", "e", "€", "é", "’",
        r"\.", "-", r"[\s\S]", r"\p{L}", r"\P{L}", r"\d", "(?:)",
    ];
    const REPEATS: &[&str] = &["", "", "?", "+", "*", "{2}", "{1,3}"];
    let mut pattern = String::new();
    for _ in 0..1 + random.below(4) {
        pattern.push_str("(?:");
        pattern.push_str(random.pick(ATOMS));
        pattern.push(')');
        pattern.push_str(random.pick(REPEATS));
    }
    if random.below(4) == 0 {
        pattern.push('|');
        pattern.push_str(random.pick(ATOMS));
    }
    pattern
}

fn generated_term(random: &mut Random) -> String {
    let mut term = String::new();
    for _ in 0..1 + random.below(3) {
        term.push_str(random.pick(NASTY_TERMS));
    }
    term
}

/// Lint `text` as `path` and check every span; then make every fix and
/// check the spans found in the fixed text.
fn lint_and_check_spans(linter: &Linter, path: &str, text: &str, case: &str) {
    let doc = linter.document(path, text.to_string());
    let diagnostics = linter.lint(&doc);
    assert_spans_on_boundaries(text, &diagnostics, case);
    let (fixed, _) = fix::apply(text, &diagnostics, FixMode::All);
    let doc = linter.document(path, fixed.clone());
    assert_spans_on_boundaries(&fixed, &linter.lint(&doc), case);
}

#[test]
fn a_rule_matching_two_spaces_leaves_masked_code_alone() {
    let linter = user_linter(
        "[[rule]]\nid = \"house.spaces\"\nkind = \"substitution\"\n\
         description = \"Double spaces.\"\nswap = { \"  \" = \" \" }\n",
    );
    for (path, text) in [
        ("a.md", "Price `€` here.\n"),
        ("a.md", "Price `a  €  b` here, and two  spaces.\n"),
        ("a.md", "See https://example.org/€ or <b>€</b>.\n"),
        ("a.txt", "See https://example.org/€€€ now.\n"),
    ] {
        let report = FileLinter {
            fix: Some(copydesk::fix::FixMode::Safe),
            ..FileLinter::new(&linter)
        }
        .text(path, text.to_string());
        assert_spans_on_boundaries(text, &report.diagnostics, text);
        let fixed = report.fixed.as_ref().map_or(text, |f| &f.text);
        // Only real double spaces in the prose are touched: the code keeps its euro.
        assert_eq!(
            fixed.matches('€').count(),
            text.matches('€').count(),
            "{fixed:?}"
        );
        assert_eq!(
            fixed.matches('`').count(),
            text.matches('`').count(),
            "{fixed:?}"
        );
    }
    let text = "Price `a  €  b` here, and two  spaces.\n";
    let report = FileLinter {
        fix: Some(copydesk::fix::FixMode::Safe),
        ..FileLinter::new(&linter)
    }
    .text("a.md", text.to_string());
    assert_eq!(
        report.fixed.map(|f| f.text).as_deref(),
        Some("Price `a  €  b` here, and two spaces.\n")
    );
}

/// Short documents rich in what gets blanked: code, URLs, HTML, markup,
/// around multi-byte characters.
fn masked_text(random: &mut Random) -> String {
    const PIECES: &[&str] = &[
        "`€`",
        "`a  €  b`",
        "```\n€  é\n```\n",
        "<b>€</b>",
        "<!-- € -->",
        "[é](http://a.example/€)",
        "https://x.example/€ ",
        "{{< ref € >}}",
        "**€**",
        "_é_",
        "# ",
        "> ",
        "- ",
        "€",
        "é",
        "漢字",
        "🙂",
        "’",
        "“",
        "”",
        "\u{a0}",
        "\r\n",
        "\n",
        "\n\n",
        "  ",
        " ",
        "\t",
        "the ",
        "The ",
        "Ambassador ",
        "e",
        ".",
        "word",
    ];
    let mut text = String::new();
    for _ in 0..1 + random.below(25) {
        text.push_str(random.pick(PIECES));
    }
    text
}

#[test]
fn user_patterns_of_every_kind_stay_on_character_boundaries() {
    let mut random = Random(0x00c0_ffee_d00d_2024);
    let terms: Vec<String> = NASTY_TERMS.iter().map(|t| t.to_string()).collect();
    let patterns: Vec<String> = NASTY_PATTERNS.iter().map(|p| p.to_string()).collect();
    for scope in ["all", "prose", "quotes", "headings"] {
        let linter = user_linter(&rule_set_of_every_kind(scope, &terms, &patterns));
        for case in 0..150 {
            let text = masked_text(&mut random);
            let path = if case % 3 == 0 { "case.txt" } else { "case.md" };
            lint_and_check_spans(&linter, path, &text, &format!("{scope} case {case}"));
        }
    }
}

#[test]
fn generated_user_patterns_stay_on_character_boundaries_in_real_markdown() {
    let Some(files) = corpus() else {
        return;
    };
    let markdown: Vec<(String, String)> = files
        .iter()
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("an article is UTF-8");
            (path.display().to_string(), text)
        })
        .collect();
    assert!(markdown.len() > 400, "{} Markdown articles", markdown.len());
    let mut random = Random(0x0005_eed0_fa11_ca5e);
    // One generated rule set per scope, each run over a quarter of the
    // articles: every article is linted once, in a debug build's patience.
    let scopes = ["all", "prose", "quotes", "headings"];
    for (round, scope) in scopes.iter().enumerate() {
        let terms: Vec<String> = (0..12).map(|_| generated_term(&mut random)).collect();
        let patterns: Vec<String> = (0..8).map(|_| generated_pattern(&mut random)).collect();
        let rule_set = rule_set_of_every_kind(scope, &terms, &patterns);
        let linter = user_linter(&rule_set);
        for (path, text) in markdown.iter().skip(round).step_by(scopes.len()) {
            lint_and_check_spans(&linter, path, text, &format!("{path} with\n{rule_set}"));
        }
    }
}

// Item: safe fixes reach a fixed point.

/// Apply every safe fix twice over (lint, fix, lint, fix); a third lint must
/// then change nothing. Returns the text after the two rounds.
fn assert_fixes_settle(linter: &Linter, path: &str, text: &str, case: &str) -> String {
    let mut current = text.to_string();
    let mut history = vec![current.clone()];
    for _ in 0..2 {
        let doc = linter.document(path, current.clone());
        let (fixed, _) = fix::apply(&current, &linter.lint(&doc), FixMode::Safe);
        current = fixed;
        history.push(current.clone());
    }
    let doc = linter.document(path, current.clone());
    let diagnostics = linter.lint(&doc);
    let (fixed, applied) = fix::apply(&current, &diagnostics, FixMode::Safe);
    if applied > 0 && fixed != current {
        let unsettled: Vec<String> = diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Safe)
            })
            .map(|d| format!("{} at {:?}: {}", d.rule, d.span, d.message))
            .collect();
        panic!(
            "{case}: safe fixes do not settle in two rounds\n{history:#?}\nstill proposed: {unsettled:#?}"
        );
    }
    current
}

/// Quotation marks of every language, apostrophes, primes, letters, spaces,
/// punctuation and line breaks, with a few words the other families fix.
const FIX_ALPHABET: &[&str] = &[
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "„",
    "‚",
    "«",
    "»",
    "‹",
    "›",
    "「",
    "」",
    "『",
    "』",
    "a",
    "m",
    "t",
    "s",
    "n",
    "e",
    "W",
    "K",
    "9",
    "90",
    "1990",
    " ",
    " ",
    " ",
    "\u{a0}",
    "\u{202f}",
    ".",
    ",",
    "!",
    "?",
    "-",
    "–",
    "—",
    ":",
    "(",
    ")",
    "\n",
    "\n\n",
    "word ",
    "Word ",
    "the ",
    "Feb 10",
    "10 February 2023",
    "Thursday, ",
    "10:44 am",
    "12 p.m.",
    "4pm.",
    "Mar. 3",
    "Kiev",
    "Turkey",
    "Türkiye",
    "Swaziland",
    "goverment",
    "the Ambassador",
    "the ambassador",
    "SEOUL, Feb 10 - ",
    "# ",
    "> ",
    "`x`",
];

fn generated_copy(random: &mut Random) -> String {
    let mut text = String::new();
    for _ in 0..1 + random.below(30) {
        text.push_str(random.pick(FIX_ALPHABET));
    }
    text
}

const HOUSE_STYLES: &[Option<&str>] =
    &[None, Some("ap"), Some("reuters"), Some("bbc"), Some("iso")];
const LANGUAGES: &[&str] = &["en", "de", "fr", "ru", "es", "ja"];

#[test]
fn the_fuzzer_input_that_flipped_quotes_settles() {
    let linter = default_linter();
    let text = "‹'‘'m't\n";
    let settled = assert_fixes_settle(&linter, "q.txt", text, "fuzzer input");
    // The straight mark closes the ‹, so it becomes ›, the mark that closes it.
    assert_eq!(settled, "‹›‘'m't\n");
}

#[test]
fn safe_fixes_settle_on_generated_copy_under_every_house_style() {
    for (index, style) in HOUSE_STYLES.iter().enumerate() {
        let linter = house_style_linter(*style);
        let mut random = Random(0x0b5e_55ed_0000_0001 + index as u64);
        for case in 0..2000 {
            let body = generated_copy(&mut random);
            let (path, text) = if case % 2 == 0 {
                ("case.txt", body)
            } else {
                let language = LANGUAGES[random.below(LANGUAGES.len())];
                ("case.md", format!("---\nlang: {language}\n---\n{body}"))
            };
            assert_fixes_settle(
                &linter,
                path,
                &text,
                &format!("house style {style:?}, case {case}: {text:?}"),
            );
        }
    }
}

#[test]
fn safe_fixes_settle_on_real_articles_under_every_house_style() {
    let Some(files) = corpus() else {
        return;
    };
    let articles: Vec<(String, String)> = files
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            Some((path.display().to_string(), text))
        })
        .collect();
    for style in HOUSE_STYLES {
        let linter = house_style_linter(*style);
        for (path, text) in &articles {
            assert_fixes_settle(&linter, path, text, &format!("{path} under {style:?}"));
        }
    }
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
