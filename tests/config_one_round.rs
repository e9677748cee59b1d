//! Every configuration problem comes in one round: a broken `copydesk.toml`
//! does not hide the problems of the rule sets it names, nor a failing rule
//! example the unknown rule names beside it.

mod support;

use std::path::Path;

fn stderr_of_check(folder: &Path) -> (Option<i32>, String) {
    let output = support::copydesk(folder, &["check", "--color", "never", "a.txt"]);
    (output.status.code(), support::text(&output.stderr))
}

fn folder(config: &str, rule_set: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(folder.path().join("copydesk.toml"), config).expect("written");
    std::fs::write(folder.path().join("house.toml"), rule_set).expect("written");
    std::fs::write(folder.path().join("a.txt"), "Text.\n").expect("written");
    folder
}

const BAD_REGEX: &str =
    "[[rule]]\nid = \"house.bad\"\nkind = \"existence\"\npatterns = [\"(unclosed\"]\n";

const FAILING_EXAMPLE: &str = "[[rule]]\nid = \"house.swap\"\nkind = \"substitution\"\n\
     swap = { \"colour\" = \"color\" }\n[[rule.example]]\ntext = \"colour\"\nfindings = 5\n";

#[test]
fn a_broken_configuration_and_its_broken_rule_set_are_reported_together() {
    let folder = folder(
        "fail-on = \"sometimes\"\nrule-sets = [\"house.toml\"]\nunknown-key = 1\n",
        BAD_REGEX,
    );
    let (code, stderr) = stderr_of_check(folder.path());
    assert_eq!(code, Some(2), "{stderr}");
    for expected in [
        "fail-on is error, warning, info or never",
        "unknown key `unknown-key`",
        "invalid regular expression in rule `house.bad`",
        "the configuration has 3 problems",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected:?} missing from:\n{stderr}"
        );
    }
}

#[test]
fn failing_examples_and_unknown_rule_names_are_reported_together() {
    let folder = folder(
        "rule-sets = [\"house.toml\"]\nignore = [\"nope.rule\"]\n",
        FAILING_EXAMPLE,
    );
    let (code, stderr) = stderr_of_check(folder.path());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("expected 5 finding(s)"), "{stderr}");
    assert!(
        stderr.contains("no rule or family is called `nope.rule`"),
        "{stderr}"
    );
}

#[test]
fn a_broken_configuration_also_names_its_unknown_rules_and_failing_examples() {
    let folder = folder(
        "unknown-key = 1\nrule-sets = [\"house.toml\"]\nignore = [\"nope.rule\"]\n",
        FAILING_EXAMPLE,
    );
    let (code, stderr) = stderr_of_check(folder.path());
    assert_eq!(code, Some(2), "{stderr}");
    for expected in [
        "unknown key `unknown-key`",
        "no rule or family is called `nope.rule`",
        "expected 5 finding(s)",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected:?} missing from:\n{stderr}"
        );
    }
}
