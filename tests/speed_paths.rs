//! The fast paths of imported rule sets (issue 18) find exactly what the
//! slow ones do: a pattern skipped where none of its literals occur,
//! Vale's word token counted without the expression engine, and whole
//! words of a class (Vale's acronyms) found without it. Each test
//! writes one rule twice, once in a form that takes the fast path and once
//! in an equivalent form that cannot, and compares their findings.

mod support;

/// Each finding of `rule_set` in `text` as (rule, line, column, end, message).
fn findings(rule_set: &str, text: &str) -> Vec<(String, usize, usize, usize, String)> {
    let linter = support::rule_set_linter(rule_set);
    let doc = linter.document("desk/story.md", text.to_string());
    linter
        .lint(&doc)
        .into_iter()
        .map(|d| {
            let (line, column) = doc.lines.line_col(&doc.text, d.span.start);
            (d.rule.to_string(), line, column, d.span.end, d.message)
        })
        .collect()
}

/// The findings of rule `fast` and of rule `slow`, renamed alike.
fn both(rule_set: &str, text: &str) -> (Vec<String>, Vec<String>) {
    let found = findings(rule_set, text);
    let of = |id: &str| -> Vec<String> {
        found
            .iter()
            .filter(|f| f.0 == id)
            .map(|(_, line, column, end, message)| format!("{line}:{column}..{end} {message}"))
            .collect()
    };
    (of("house.fast"), of("house.slow"))
}

const TEXTS: [&str; 6] = [
    "We will UTILIZE the plan.\n\nNothing here.\n\nThey are utilizing it, utilized it, and utilizes.\n",
    "The ministers said on Tuesday that the café’s naïve “plan” to utilize 12 new buses, 3_000 \
     bikes and a few Ελλάδα-style trams would be weighed again in May, after the council had \
     heard from everyone who had asked to speak, and that they would utilize whatever it decided.\n",
    "Nothing to see in this article at all.\n",
    "Le café’s naïve “Straße” plan: we utilize Ελλάδα and 東京 e\u{301}tudes, x² and ½, foo_bar.\n",
    "# Utilize\n\nA heading, then `utilize` in code and utilize outside.\n",
    "",
];

#[test]
fn a_pattern_skipped_where_its_literals_are_missing_finds_what_it_did() {
    // `\b\B` never matches, and a match may begin with it (with nothing):
    // the slow form has no literal every match begins with.
    for (fast, slow) in [
        (r"utiliz(?:e|es|ing)\b", r"(?:\b\B|utiliz(?:e|es|ing)\b)"),
        (
            r"utiliz(?:e|es|ing)(?!d)",
            r"(?:\b\B|utiliz(?:e|es|ing))(?!d)",
        ),
    ] {
        let rule_set = format!(
            r#"
[[rule]]
id = "house.fast"
kind = "existence"
patterns = ['{fast}']

[[rule]]
id = "house.slow"
kind = "existence"
patterns = ['{slow}']

[[rule]]
id = "house.swap"
kind = "substitution"
patterns = {{ '{fast}' = "use" }}
"#
        );
        let mut total = 0;
        for text in TEXTS {
            let (fast_found, slow_found) = both(&rule_set, text);
            assert_eq!(fast_found, slow_found, "{fast} on {text:?}");
            total += fast_found.len();
        }
        assert!(total >= 5, "{fast}: {total}");
    }
}

#[test]
fn the_word_token_counted_without_the_engine_counts_what_it_did() {
    // The empty group keeps the slow form out of the fast path.
    for token in [r"(?-u:\b)(\w+)(?-u:\b)", r"\b(\w+)\b", r"\w+"] {
        for per in ["sentence", "paragraph", "document"] {
            let rule_set = format!(
                r#"
[[rule]]
id = "house.fast"
kind = "count"
per = "{per}"
pattern = '{token}'
max = 3

[[rule]]
id = "house.slow"
kind = "count"
per = "{per}"
pattern = '{token}(?:)'
max = 3
"#
            );
            let mut total = 0;
            for text in TEXTS {
                let (fast_found, slow_found) = both(&rule_set, text);
                assert_eq!(fast_found, slow_found, "{token} per {per} on {text:?}");
                total += fast_found.len();
            }
            assert!(total > 0, "{token} per {per}");
        }
    }
}

#[test]
fn whole_words_of_a_class_found_without_the_engine_are_what_it_found() {
    // Vale's acronyms, and a heading rule of the same shape. The slow
    // forms add a branch that never matches, which keeps them off the
    // fast path.
    let text = "# NATO and the UN meet ABCDEF\n\nThe NATO summit, UNESCO's \
        ABCDEF, AB, ÉTATS, x_ABC, ABC1, 1ABC, aBCD, ABC_ and (WHO) met.\n\n\
        World Health Organization (WHO) then WHO.\n\nENDS";
    // Beside letters of other scripts, where Unicode's word boundary and
    // ASCII's part.
    let unicode = "éWHO and WHOé, ÉTATS-UNIS, NATO’s “UNHCR” «ONU», 東京ABC and ABC東京, \
        x\u{301}ABC, ABC\u{301}, ABC\u{a0}DEF, ΑΒΓ NATO٣ ٣NATO ABC½\n\nWHO";
    for (fast, slow) in [
        (r"\b([A-Z]{3,5})\b", r"\b([A-Z]{3,5}|\b\B)\b"),
        (r"\b([A-Z]{3,5})(?-u:\b)", r"\b([A-Z]{3,5}|\b\B)(?-u:\b)"),
        (
            r"(?-u:\b)(?:[A-Z0-9]{2,4})\b",
            r"(?-u:\b)(?:[A-Z0-9]{2,4}|\b\B)\b",
        ),
        (
            r"(?-u:\b)([A-Z]{3,5})(?-u:\b)",
            r"(?-u:\b)([A-Z]{3,5}|\b\B)(?-u:\b)",
        ),
        (
            r"(?-u:\b)(?:[A-Z0-9]{2,4})(?-u:\b)",
            r"(?-u:\b)(?:[A-Z0-9]{2,4}|\b\B)(?-u:\b)",
        ),
    ] {
        let rule_set = format!(
            r#"
[[rule]]
id = "house.fast"
kind = "first-reference"
first = '{fast}'
second = '(?:(?-u:\b)[A-Z][a-z]+ )+\(([A-Z]{{3,5}})\)'

[[rule]]
id = "house.slow"
kind = "first-reference"
first = '{slow}'
second = '(?:(?-u:\b)[A-Z][a-z]+ )+\(([A-Z]{{3,5}})\)'

[[rule]]
id = "house.heads"
kind = "existence"
scope = "headings"
patterns = ['{fast}']

[[rule]]
id = "house.headsslow"
kind = "existence"
scope = "headings"
patterns = ['{slow}']

[[rule]]
id = "house.all"
kind = "existence"
patterns = ['{fast}']

[[rule]]
id = "house.allslow"
kind = "existence"
patterns = ['{slow}']
"#
        );
        for text in TEXTS.into_iter().chain([text, unicode]) {
            let found = findings(&rule_set, text);
            let of = |id: &str| -> Vec<String> {
                found
                    .iter()
                    .filter(|f| f.0 == id)
                    .map(|(_, line, column, end, message)| {
                        format!("{line}:{column}..{end} {message}")
                    })
                    .collect()
            };
            assert_eq!(of("house.fast"), of("house.slow"), "{fast} on {text:?}");
            assert_eq!(of("house.heads"), of("house.headsslow"), "{fast}");
            assert_eq!(of("house.all"), of("house.allslow"), "{fast}");
            if !text.is_empty() && text.starts_with("# NATO") {
                assert!(
                    of("house.fast").len() >= 3,
                    "{fast}: {:?}",
                    of("house.fast")
                );
                assert!(
                    of("house.heads").len() >= 2,
                    "{fast}: {:?}",
                    of("house.heads")
                );
            }
        }
    }
}
