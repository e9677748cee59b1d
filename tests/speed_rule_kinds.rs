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

// The shared scan for the literals patterns begin with: a pattern is tried
// anchored only where the scan found one of its literals. The slow form
// `(?:\b\B|P)` may begin with nothing, so it has no literals.

/// Texts that put the literals at word starts and inside words, next to
/// non-ASCII letters, at block starts and ends, in headings, and in the
/// forms `regex` folds into `k` and `s` when it ignores case.
const LITERAL_TEXTS: [&str; 10] = [
    "# We are being watched\n\nIt is known. It is; that is, they are here. Is it? It's.\n\nWe have been told by my mother and me that we're ours.\n",
    "The café is brokenly-made: était is été, éis ébe and îam. Thisis mine, I'd say; I'll, I'm, I've.\n",
    "Mankind and manmade fire: the firemen, airwomen, a policewoman and the anchormen.\n\nAlumni and alumnae, a stewardess.\n",
    "In order to utilize the time frame, a large number of prior to, as a means to.\n\nPrevious to that, a  majority of.\n",
    "\u{17F}he and \u{212A}ind: the \u{17F}tewarde\u{17F}\u{17F}, a \u{212A}ettle, s/he and x\u{17F}/he, he/she, a\u{17F} a means to, i\u{17F}.\n",
    "“Quoted”, \"plain\". (s) and (es) and (S); -4 and x-2 and  -7.5.\n\n\n   \n- item is\n- was be\n",
    "AM - PM, 9 AM – 5 PM... and so on... at 10am-2pm.\n",
    "",
    "is",
    "On 12.05.2024, 3/4/2021 and 1/2/33. 12 May 2024 or 7 january 1999; 1,000,000 and 10-12 and 3 x 4.\n\n\u{662}\u{660}.\u{661}\u{662}.\u{662}\u{660}\u{662}\u{664} and \u{ff15}/\u{ff16}/\u{ff12}\u{ff10}\u{ff12}\u{ff14}, 1.2.3456 x\n",
];

/// Runs `fast` and its slow twin, each as an `existence` rule and, with
/// `replacement`, as a `substitution` pattern, over every text.
fn compare_at_literals(fast: &str, ignore_case: bool, scope: &str) -> usize {
    let slow = format!(r"(?:\b\B|{fast})");
    let mut total = 0;
    for kind in ["existence", "substitution"] {
        let key = |pattern: &str| {
            let quoted = format!("\"{}\"", pattern.replace('\\', "\\\\").replace('"', "\\\""));
            match kind {
                "existence" => format!("patterns = [{quoted}]"),
                _ => format!("patterns = {{ {quoted} = \"X\" }}"),
            }
        };
        let rule_set = format!(
            r#"
[[rule]]
id = "house.fast"
kind = "{kind}"
scope = "{scope}"
ignore-case = {ignore_case}
{}

[[rule]]
id = "house.slow"
kind = "{kind}"
scope = "{scope}"
ignore-case = {ignore_case}
{}
"#,
            key(fast),
            key(&slow)
        );
        for text in LITERAL_TEXTS {
            let (fast_found, slow_found) = both(&rule_set, "desk/story.md", text);
            assert_eq!(fast_found, slow_found, "{kind} {fast} on {text:?}");
            total += fast_found.len();
        }
    }
    total
}

#[test]
fn a_pattern_tried_only_at_its_literals_finds_what_a_search_finds() {
    // Microsoft's expressions (the plain ones), and some of their edges.
    let patterns = [
        r"(?m)(?-u:\b)(am|are|were|being|is|been|was|be)(?-u:\b)\s*(?-u:\b)(?:[\w]+ed|known|told|made)(?-u:\b)",
        r"(?m)(?:(?-u:\b)I'd(?-u:\b)|(?-u:\b)I'll(?-u:\b)|(?-u:\b)I'm(?-u:\b)|(?-u:\b)I've(?-u:\b)|(?-u:\b)me(?-u:\b)|(?-u:\b)my(?-u:\b)|(?-u:\b)mine(?-u:\b))",
        r"(?m)(?-u:\b)(?:he/she|s/he)(?-u:\b)",
        r"(?-u:\b)(?:fire(?:m[ae]n|wom[ae]n))(?-u:\b)|(?-u:\b)(?:steward(?:ess)?)(?-u:\b)|(?-u:\b)(?:kind|kettle)",
        r"(?-u:\b)(?:a (?:large)? number of)(?-u:\b)|(?-u:\b)(?:(?:previous|prior) to)(?-u:\b)|(?-u:\b)(?:as a means to)",
        r"(?m)(?:[\x22“][^\x22”“]+[\x22”][.,])",
        r"(?m)\(s\)|\(es\)",
        r"(?m)(?:;)",
        r"(?m)(?:\.\.\.)",
        r"(?m)(?:(?-u:\b)(?:AM|PM)\s?[-–]\s?.+(?:AM|PM)(?-u:\b))",
        r"\bis\b|\bbe",
        r"(?m)^- \w+",
        // Found by their digits rather than by every full stop, comma,
        // hyphen or slash (Google's DateFormat, and its like).
        r"(?m)(?:\d{1,2}(?:\.|/)\d{1,2}(?:\.|/)\d{4}|\d{1,2} (?:Jan(?:uary)?|Feb(?:ruary)?|May) \d{4})",
        r"\d{1,3}(?:,\d{3})+",
        r"\d+-\d+",
        r"[0-9]+ ?x ?[0-9]+",
    ];
    for pattern in patterns {
        for ignore_case in [true, false] {
            compare_at_literals(pattern, ignore_case, "prose");
        }
    }
    let passive = compare_at_literals(patterns[0], true, "prose");
    assert!(passive >= 4, "{passive}");
    let in_headings = compare_at_literals(r"\bis\b|\bbe", true, "headings");
    assert!(in_headings >= 1, "{in_headings}");
}

#[test]
fn a_look_around_pattern_tried_at_its_literals_finds_what_a_search_finds() {
    let patterns = [
        r"\b(?:it is(?!\.))\b",
        r"\b(?:it's(?=\.))\b",
        r"\b(?:that is(?![.,]))\b",
        r"\b(?:all of (?!a sudden|these))\b",
        r"(?m)(?:(?<=\s)-\d+(?:\.\d+)?\b)",
        r"(?<!é)\bis(?! it)",
    ];
    for pattern in patterns {
        for ignore_case in [true, false] {
            compare_at_literals(pattern, ignore_case, "prose");
        }
    }
    assert!(compare_at_literals(patterns[0], true, "prose") >= 4);
}

#[test]
fn a_word_count_taken_from_word_starts_finds_what_the_tokens_did() {
    // Vale's word token with only a maximum is counted from where words
    // start; written inside a group of its own it is searched token by
    // token. Sentences of ASCII alone, with curly quotes and dashes, with
    // letters outside ASCII (inside words, at their edges, before a
    // sentence), with markup (not as written), and at the maximum.
    let texts = [
        "One two three four. Five six seven eight nine ten eleven twelve.\n",
        "“One” two’s three—four… five ‘six’ seven\u{a0}eight nine–ten.\n\nOne two.\n",
        "Juraci Paixão Kröhling and François de Rugy, café-au-lait naïveté, Straße x²y.\n",
        "éone two three four five six seven eight nine ten eleven twelve thirteenÉ.\n",
        "Ελλάδα is one two three four five; 東京 six seven eight nine ten x_y_z.\n",
        "A [linked phrase with words](https://example.com) and `code with more words` and *stress* here.\n",
        "# A Heading With Many Words In It For Once\n\nBody text here with words.\n",
        "a\u{301}b c\u{200d}d e\u{200c} f ½g h٣i j k l m n o p q r s t.\n",
        "Word.Word.Word. X. y z 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16.\n",
        "",
    ];
    for token in [r"(?-u:\b)(\w+)(?-u:\b)", r"\b(\w+)\b"] {
        for per in ["sentence", "paragraph"] {
            for max in [0, 1, 3, 5, 7, 12] {
                let rule_set = format!(
                    r#"
[[rule]]
id = "house.fast"
kind = "count"
per = "{per}"
pattern = '{token}'
max = {max}

[[rule]]
id = "house.slow"
kind = "count"
per = "{per}"
pattern = '(?:{token})'
max = {max}
"#
                );
                for text in texts {
                    let (fast_found, slow_found) = both(&rule_set, "desk/story.md", text);
                    assert_eq!(fast_found, slow_found, "{per} {token} {max} on {text:?}");
                }
            }
        }
    }
}

#[test]
fn a_repetition_of_runs_of_one_class_finds_what_the_pattern_finds() {
    // `[^\s]+` and its like are read a character at a time; the same class
    // written `C C*` is searched by the expression engine.
    let texts = [
        "the the cat. The the cat; THE the. had had\n\nhad had\n",
        "the\n\nthe and the\nthe, café café, Café café; naïve naïve.\r\nend end\r\n",
        "a `code` a and a `a` a, [link](https://example.com) link link.\n",
        "ΟΔΟΣ οδοσ and Ελλάδα ελλάδα; İx i\u{307}x; Straße STRASSE; x² x², 12 12, 東京 東京\n",
        "tabs\ttabs and no\u{a0}no-break and   spaces   spaces, dash-dash dash-dash\n",
        "# Heading heading\n\nBody body.\n",
        "last last",
        "",
    ];
    let pairs = [
        (r"[^\s]+", r"[^\s][^\s]*"),
        (r"(?:[^\s]+)", r"(?:[^\s][^\s]*)"),
        (r"(\w+)", r"\w\w*"),
        (r"\S+", r"\S\S*"),
        (r"[a-zA-Zé]+", r"[a-zA-Zé][a-zA-Zé]*"),
    ];
    let mut total = 0;
    for (fast, slow) in pairs {
        for ignore_case in [true, false] {
            for letters_only in [true, false] {
                let rule = |id: &str, pattern: &str| {
                    format!(
                        "[[rule]]\nid = \"{id}\"\nkind = \"repetition\"\npattern = '{pattern}'\n\
                         ignore-case = {ignore_case}\nletters-only = {letters_only}\n"
                    )
                };
                let rule_set =
                    format!("{}\n{}", rule("house.fast", fast), rule("house.slow", slow));
                for text in texts {
                    let (fast_found, slow_found) = both(&rule_set, "desk/story.md", text);
                    assert_eq!(
                        fast_found, slow_found,
                        "{fast} {ignore_case} {letters_only} on {text:?}"
                    );
                    total += fast_found.len();
                }
            }
        }
    }
    assert!(total >= 100, "{total}");
}
