//! The rule kinds an editor writes house style with beyond the four generic
//! ones: `first-reference`, `count`, `repetition` and `readability`, in a
//! user's rule set, with their examples, spans and configuration errors.

mod support;

use copydesk::ruleset::{compile, Source};
use copydesk::Diagnostic;

/// Lints `text` (named `path`) with the rules of `rule_set` alone; the
/// findings with the text of their span and of each label.
fn lint(rule_set: &str, path: &str, text: &str) -> Vec<(Diagnostic, String, Vec<String>)> {
    let linter = support::rule_set_linter(rule_set);
    let doc = linter.document(path, text.to_string());
    linter
        .lint(&doc)
        .into_iter()
        .map(|d| {
            let spanned = text[d.span.clone()].to_string();
            let labels = d
                .labels
                .iter()
                .map(|l| text[l.span.clone()].to_string())
                .collect();
            (d, spanned, labels)
        })
        .collect()
}

/// The findings of one rule of the house rule set in `text`.
fn house_findings(rule: &str, path: &str, text: &str) -> Vec<(Diagnostic, String, Vec<String>)> {
    let mut found = lint(HOUSE, path, text);
    found.retain(|(d, ..)| d.rule.as_ref() == rule);
    found
}

/// Each problem of a rule set that must not compile: its code and the text
/// its span covers.
fn problems(rule_set: &str) -> Vec<(String, String)> {
    match compile(&[Source::new("house.toml", rule_set)]) {
        Ok(_) => panic!("the rule set must not compile:\n{rule_set}"),
        Err(files) => files[0]
            .problems
            .iter()
            .map(|d| (d.rule.to_string(), rule_set[d.span.clone()].to_string()))
            .collect(),
    }
}

const HOUSE: &str = r##"
[[rule]]
id = "house.abbreviations"
kind = "first-reference"
first = '\b([A-Z]{3,5})\b'
second = '(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)'
exceptions = ["NATO"]
description = "Spell out an abbreviation at its first mention."

[[rule.example]]
text = "The WHO met. The World Health Organization (WHO) said so. NATO too."
findings = 1

[[rule.example]]
text = "The World Health Organization (WHO) said so. The WHO met."
findings = 0

[[rule]]
id = "house.korea"
kind = "first-reference"
first = 'South Korea'
second = 'Republic of Korea'
description = "The full name of the country first."

[[rule.example]]
text = "South Korea said. The Republic of Korea is. South Korea again."
findings = 1

[[rule]]
id = "house.sentence-length"
kind = "count"
per = "sentence"
count = "words"
max = 5
description = "Short sentences."

[[rule.example]]
text = "One two three four five. One two three four five six seven."
findings = 1

[[rule]]
id = "house.lede"
kind = "count"
per = "lede"
count = "words"
max = 5
description = "A short lede."

[[rule.example]]
text = "# Title words words words words words words\n\nOne two three four five six.\n\nOne two three four five six seven.\n"
path = "a.md"
findings = 1

[[rule]]
id = "house.paragraph-length"
kind = "count"
per = "paragraph"
count = "sentences"
max = 2
description = "Short paragraphs."

[[rule.example]]
text = "A b. C d. E f.\n\nG h. I j.\n"
findings = 1

[[rule]]
id = "house.exclamations"
kind = "count"
per = "document"
pattern = "!"
max = 1
scope = "prose"
description = "One exclamation mark an article, quotations aside."

[[rule.example]]
text = "Wow! Great! \"Yes!\" she said."
findings = 1

[[rule.example]]
text = "Wow! \"Yes!\" she said. \"Great!\""
findings = 0

[[rule]]
id = "house.repeated"
kind = "repetition"
description = "No doubled words."

[[rule.example]]
text = "The the book is\nis here. That had had effect."
findings = 3
fixed = "The book is here. That had effect."

[[rule]]
id = "house.grade"
kind = "readability"
formula = "0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59"
per = "paragraph"
max = 8
description = "Flesch-Kincaid grade at most 8 a paragraph."

[[rule.example]]
text = "The cat sat. The dog ran.\n\nNotwithstanding considerable organizational complications, the international administration ultimately implemented comprehensive institutional modifications.\n"
findings = 1
"##;

#[test]
fn a_house_rule_set_of_the_four_kinds_passes_its_own_examples() {
    let rules = compile(&[Source::new("house.toml", HOUSE)]).expect("the rule set compiles");
    let kinds: std::collections::BTreeSet<&str> =
        rules.iter().map(|r| r.meta.kind.as_str()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["count", "first-reference", "readability", "repetition"]
    );
    let (examples, failures) = copydesk::self_test::run_all(&rules);
    assert_eq!(examples, 10);
    assert!(failures.is_empty(), "{failures:?}");
}

#[test]
fn an_abbreviation_used_before_its_definition_points_at_the_definition() {
    let abbreviations = house_findings(
        "house.abbreviations",
        "a.txt",
        "The WHO met in Geneva. The World Health Organization (WHO) said so. The WHO left. The IAEA came.",
    );
    assert_eq!(abbreviations.len(), 2, "{abbreviations:?}");
    let (early, text, labels) = &abbreviations[0];
    assert_eq!(text, "WHO");
    assert_eq!(early.message, "'WHO' is used before it is defined");
    assert_eq!(labels, &["The World Health Organization (WHO)"]);
    let (never, text, labels) = &abbreviations[1];
    assert_eq!(text, "IAEA");
    assert_eq!(never.message, "'IAEA' has no definition");
    assert!(labels.is_empty());
}

#[test]
fn anywhere_instead_of_before_accepts_a_later_definition() {
    let rule_set = "[[rule]]\nid = \"house.abbr\"\nkind = \"first-reference\"\nfirst = '\\b([A-Z]{3})\\b'\nsecond = '\\(([A-Z]{3})\\)'\nbefore = false\n";
    assert!(lint(rule_set, "a.txt", "The WHO met. Health Organization (WHO).").is_empty());
    assert_eq!(lint(rule_set, "a.txt", "The WHO met. The IMF.").len(), 2);
}

#[test]
fn an_over_long_sentence_is_the_span_and_the_word_past_the_limit_is_labelled() {
    let long = house_findings(
        "house.sentence-length",
        "a.txt",
        "Short one here. This sentence has rather more than five words.",
    );
    assert_eq!(long.len(), 1, "{long:?}");
    let (diagnostic, text, labels) = &long[0];
    assert_eq!(text, "This sentence has rather more than five words.");
    assert_eq!(diagnostic.message, "8 words in this sentence; at most 5");
    assert_eq!(labels, &["than"]);
}

#[test]
fn a_count_in_headings_only_counts_headings() {
    let rule_set = "[[rule]]\nid = \"house.headline\"\nkind = \"count\"\nper = \"sentence\"\ncount = \"words\"\nmax = 3\nscope = \"headings\"\n";
    let text = "# A headline of six words here\n\nA body sentence of seven words here.\n";
    let found = lint(rule_set, "a.md", text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "A headline of six words here");
}

#[test]
fn a_repetition_spans_both_words_and_ignores_what_is_masked_between_them() {
    let repeated = house_findings(
        "house.repeated",
        "a.md",
        "the the book\n\nthe `the` the\n\nthe\n\nthe\n",
    );
    assert_eq!(repeated.len(), 1, "{repeated:?}");
    assert_eq!(repeated[0].1, "the the");
    assert_eq!(repeated[0].2, ["the"]);
}

#[test]
fn readability_over_the_article_points_at_the_lede() {
    let rule_set = "[[rule]]\nid = \"house.words-a-sentence\"\nkind = \"readability\"\nformula = \"words / sentences\"\nmax = 4\n";
    let found = lint(
        rule_set,
        "a.txt",
        "One two three four five six.\n\nSeven eight nine.\n",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "One two three four five six.");
    assert_eq!(found[0].0.message, "the article scores 4.5; at most 4");
    assert!(lint(
        rule_set,
        "a.txt",
        "One two three four five six.\n\nSeven eight.\n"
    )
    .is_empty());
}

#[test]
fn configuration_errors_point_at_the_value() {
    let bad = r#"
[[rule]]
id = "house.a"
kind = "count"
per = "chapter"
count = "words"
max = 3

[[rule]]
id = "house.b"
kind = "count"
per = "sentence"
count = "sentences"
max = 3

[[rule]]
id = "house.c"
kind = "readability"
formula = "words / sentencez"
max = 3

[[rule]]
id = "house.d"
kind = "first-reference"
first = "(unclosed"
second = "x"

[[rule]]
id = "house.e"
kind = "repetition"
pattren = "x"

[[rule]]
id = "house.f"
kind = "count"
per = "paragraph"
count = "words"
max = -1

[[rule]]
id = "house.g"
kind = "readability"
formula = "words"
max = "high"
"#;
    let found = problems(bad);
    assert_eq!(
        found,
        [
            ("config.value".to_string(), "\"chapter\"".to_string()),
            ("config.value".to_string(), "\"sentences\"".to_string()),
            (
                "config.value".to_string(),
                "\"words / sentencez\"".to_string()
            ),
            ("config.regex".to_string(), "\"(unclosed\"".to_string()),
            ("config.unknown-key".to_string(), "pattren".to_string()),
            ("config.value".to_string(), "-1".to_string()),
            ("config.value".to_string(), "\"high\"".to_string()),
        ]
    );
    let missing = "[[rule]]\nid = \"house.a\"\nkind = \"first-reference\"\nfirst = \"X\"\n";
    assert_eq!(problems(missing)[0].0, "config.missing-key");
    // A count or a formula held to no threshold is a mistake, said at the rule.
    for kind in [
        "kind = \"count\"\nper = \"sentence\"\ncount = \"words\"",
        "kind = \"readability\"\nformula = \"words\"",
    ] {
        let unbounded = format!("[[rule]]\nid = \"house.a\"\n{kind}\n");
        let Err(files) = compile(&[Source::new("house.toml", unbounded.as_str())]) else {
            panic!("a rule without a bound must be refused:\n{unbounded}");
        };
        let problem = &files[0].problems[0];
        assert_eq!(problem.message, "rule `house.a` needs `max` or `min`");
    }
}

#[test]
fn a_bad_formula_says_where() {
    let bad = "[[rule]]\nid = \"house.c\"\nkind = \"readability\"\nformula = \"words / sentencez\"\nmax = 3\n";
    let Err(files) = compile(&[Source::new("house.toml", bad)]) else {
        panic!("must fail");
    };
    let message = &files[0].problems[0].message;
    assert!(
        message.starts_with("bad formula at character 9: unknown name `sentencez`"),
        "{message}"
    );
}

#[test]
fn patterns_may_look_ahead_and_never_run_across_paragraphs() {
    let rule_set = r#"
[[rule]]
id = "house.contractions"
kind = "substitution"
patterns = { 'it is(?!\.)' = "it's", 'in order to' = "to" }

[[rule]]
id = "house.lists"
kind = "existence"
patterns = ['(?:[^,]+,){2}\s\w+\s(?:and|or)']
"#;
    let found = lint(
        rule_set,
        "a.md",
        "It is here, so it is.\n\nIn order to win, one, two,\n\nthree and four.\n\nApples, pears, figs and nuts.\n",
    );
    let spans: Vec<(&str, &str)> = found
        .iter()
        .map(|(d, text, _)| (d.rule.as_ref(), text.as_str()))
        .collect();
    assert_eq!(
        spans,
        [
            ("house.contractions", "It is"),
            ("house.contractions", "In order to"),
            ("house.lists", "Apples, pears, figs and"),
        ]
    );
}

#[test]
fn a_count_of_a_pattern_counts_in_each_sentence_only_its_own_matches() {
    let rule_set = "[[rule]]\nid = \"house.long\"\nkind = \"count\"\nper = \"sentence\"\npattern = '\\b(\\w+)\\b'\nmax = 3\n";
    let found = lint(
        rule_set,
        "a.md",
        "One two three. One two three four. One `code here` two.\n\nA b c d e.\n",
    );
    let spans: Vec<(&str, &str)> = found
        .iter()
        .map(|(d, text, _)| (text.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        spans,
        [
            (
                "One two three four.",
                "4 matches in this sentence; at most 3"
            ),
            ("A b c d e.", "5 matches in this sentence; at most 3"),
        ]
    );
}
