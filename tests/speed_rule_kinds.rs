//! The fast paths that bring an imported Vale style within issue 18's
//! budget find exactly what the slow ones do. Each test writes one rule
//! twice, once in a form that takes the fast path and once in an
//! equivalent form that cannot, and compares their findings.

mod support;

/// Each finding of `rule_set` in `text` (read as `path`), as its rule and
/// "line:column..end message".
fn findings(rule_set: &str, path: &str, text: &str) -> Vec<(String, String)> {
    let linter = support::rule_set_linter(rule_set);
    let doc = linter.document(path, text.to_string());
    linter
        .lint(&doc)
        .into_iter()
        .map(|d| {
            let (line, column) = doc.lines.line_col(&doc.text, d.span.start);
            let place = format!("{line}:{column}..{} {}", d.span.end, d.message);
            (d.rule.to_string(), place)
        })
        .collect()
}

/// The findings of rule `house.fast` and of rule `house.slow`.
fn both(rule_set: &str, path: &str, text: &str) -> (Vec<String>, Vec<String>) {
    let found = findings(rule_set, path, text);
    let of = |id: &str| -> Vec<String> {
        found
            .iter()
            .filter(|f| f.0 == id)
            .map(|f| f.1.clone())
            .collect()
    };
    (of("house.fast"), of("house.slow"))
}

const TEXTS: [&str; 7] = [
    "I think I, I\nI said I\tnow i. It is. it is it is.x It is, IT IS\n\nThat is, that is fine.\n",
    "aaab aab ab a b -3 is -4.5 and x-2 or  -7; all of a sudden all of them.\n",
    "# I Said It Is\n\nBody: I think it is.\n\n## NATO And UN: a Heading.\n\nMore text here.\n",
    "Le café’s naïve “Straße” plan: I Ελλάδα and 東京 e\u{301}tudes, x² and ½.\n\n  I  \n",
    "Nothing to see in this article at all.\n",
    "I\n",
    "",
];

/// A form of `pattern` that finds the same matches but has no
/// look-around-free filter: an alternative that never matches (`\b\B`)
/// with a back-reference, which the filter cannot be made from.
fn without_filter(pattern: &str) -> String {
    format!(r"(?:{pattern})|\b\B(z)\1")
}

#[test]
fn look_around_tried_only_where_its_filter_starts_finds_what_the_scan_did() {
    for fast in [
        r"(?m)(?:(?:^|\s)I(?=\s))",
        r"(?m)(?:(?:^|\s)I(?=,\s))",
        r"\b(?:it is(?!\.))\b",
        r"\b(?:that is(?![.,]))\b",
        r"\b(?:all of (?!a sudden|these))\b",
        r"(?m)(?:(?<=\s)-\d+(?:\.\d+)?\b)",
        r"a+(?!b)",
        r"(?<!é)t(?:é|e)\w*(?!s)",
    ] {
        let slow = without_filter(fast);
        for ignore_case in [true, false] {
            let rule_set = format!(
                r#"
[[rule]]
id = "house.fast"
kind = "existence"
patterns = ['{fast}']
ignore-case = {ignore_case}

[[rule]]
id = "house.slow"
kind = "existence"
patterns = ['{slow}']
ignore-case = {ignore_case}
"#
            );
            for text in TEXTS {
                let (fast_found, slow_found) = both(&rule_set, "desk/story.md", text);
                assert_eq!(fast_found, slow_found, "{fast} on {text:?}");
            }
        }
    }
}

#[test]
fn substitution_look_around_tried_only_where_its_filter_starts_finds_what_the_scan_did() {
    let rule_set = format!(
        r#"
[[rule]]
id = "house.fast"
kind = "substitution"
patterns = {{ '\b(?:it is(?!\.))\b' = "it's", '\b(?:that is(?![.,]))\b' = "that's", '\bthink\b' = "believe" }}

[[rule]]
id = "house.slow"
kind = "substitution"
patterns = {{ '{}' = "it's", '{}' = "that's", '\bthink\b' = "believe" }}
"#,
        without_filter(r"\b(?:it is(?!\.))\b"),
        without_filter(r"\b(?:that is(?![.,]))\b"),
    );
    for text in TEXTS {
        let (fast_found, slow_found) = both(&rule_set, "desk/story.md", text);
        assert_eq!(fast_found, slow_found, "on {text:?}");
    }
}

#[test]
fn a_rule_limited_to_headings_scans_only_their_blocks_and_finds_what_it_did() {
    // The slow form runs everywhere; its findings in headings are the fast
    // form's. Headings here are the Markdown lines that open with `#`.
    for pattern in [
        r"(?-u:\b)(?:[A-Z]{2,4})(?-u:\b)",
        r"(?m)(?:[a-z][.?!]$)",
        r"(?::\s[a-z])",
        r"(?m)(?:(?:^|\s)I(?=\s))",
    ] {
        let rule_set = format!(
            r#"
[[rule]]
id = "house.fast"
kind = "existence"
scope = "headings"
patterns = ['{pattern}']
ignore-case = false

[[rule]]
id = "house.slow"
kind = "existence"
scope = "all"
patterns = ['{pattern}']
ignore-case = false
"#
        );
        for text in TEXTS {
            let heading_lines: Vec<usize> = text
                .lines()
                .enumerate()
                .filter(|(_, line)| line.starts_with('#'))
                .map(|(at, _)| at + 1)
                .collect();
            let (fast_found, slow_found) = both(&rule_set, "desk/story.md", text);
            let slow_in_headings: Vec<String> = slow_found
                .into_iter()
                .filter(|f| {
                    let line: usize = f.split(':').next().unwrap().parse().unwrap();
                    heading_lines.contains(&line)
                })
                .collect();
            assert_eq!(fast_found, slow_in_headings, "{pattern} on {text:?}");
        }
    }
}

#[test]
fn a_count_that_skips_units_with_few_matches_finds_what_it_did() {
    // `min = 0` never reports, but a rule with a minimum weighs every unit.
    let long = "One two three four five six seven eight nine ten eleven twelve.";
    let texts = [
        format!("{long} Short one.\n\n{long} {long}\n"),
        format!("# {long}\n\nA `code span with many many many words in it` here.\n"),
        "Few words.\n\nFewer.\n".to_string(),
        format!("Le café’s naïve “Straße” {long}\n"),
        String::new(),
    ];
    for per in ["sentence", "paragraph", "document"] {
        for (pattern, max) in [(r"(?-u:\b)(\w+)(?-u:\b)", 11), (r"[aeiou]", 20), ("e", 3)] {
            let rule_set = format!(
                r#"
[[rule]]
id = "house.fast"
kind = "count"
per = "{per}"
pattern = '{pattern}'
max = {max}

[[rule]]
id = "house.slow"
kind = "count"
per = "{per}"
pattern = '{pattern}'
max = {max}
min = 0
"#
            );
            for text in &texts {
                let (fast_found, slow_found) = both(&rule_set, "desk/story.md", text);
                assert_eq!(fast_found, slow_found, "{per} {pattern} on {text:?}");
            }
        }
    }
}
