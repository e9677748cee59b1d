//! `--unsafe-fixes`, and the summary line saying how many findings `--fix`
//! (and `--fix --unsafe-fixes`) would fix, the way ruff does.

mod support;

use std::path::Path;

/// One misspelling (a safe fix) and one weekday that is not the date's (an
/// unsafe fix: the date may be the wrong one).
const ARTICLE: &str =
    "date 2023-02-10\n\nThe goverment said talks ended on Thursday, Feb. 10, 2023.\n";

fn copydesk(folder: &Path, args: &[&str]) -> String {
    support::text(&support::copydesk(folder, args).stdout)
}

fn last_line(output: &str) -> &str {
    output.lines().last().unwrap_or_default()
}

#[test]
fn the_summary_counts_what_each_kind_of_fix_would_fix() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(folder.path().join("a.txt"), ARTICLE).expect("written");
    let checked = copydesk(folder.path(), &["check", "a.txt"]);
    assert!(
        last_line(&checked).ends_with("1 fixable with --fix (1 more with --unsafe-fixes)."),
        "{checked}"
    );
    let short = copydesk(folder.path(), &["check", "--format", "short", "a.txt"]);
    assert!(
        last_line(&short).ends_with("(1 more with --unsafe-fixes)."),
        "{short}"
    );
}

#[test]
fn fix_applies_safe_fixes_only_and_unsafe_fixes_adds_the_rest() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let file = folder.path().join("a.txt");
    std::fs::write(&file, ARTICLE).expect("written");

    let fixed = copydesk(folder.path(), &["check", "--fix", "a.txt"]);
    let text = std::fs::read_to_string(&file).expect("readable");
    assert!(text.contains("The government said"), "{text}");
    assert!(text.contains("Thursday"), "{text}");
    assert!(
        last_line(&fixed).ends_with("Fixed 1 finding. 1 fixable with --fix --unsafe-fixes."),
        "{fixed}"
    );

    let diff = copydesk(
        folder.path(),
        &["check", "--diff", "--unsafe-fixes", "a.txt"],
    );
    assert!(
        diff.contains("+The government said talks ended on Friday"),
        "{diff}"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("readable"), text);

    let all = copydesk(
        folder.path(),
        &["check", "--fix", "--unsafe-fixes", "a.txt"],
    );
    let text = std::fs::read_to_string(&file).expect("readable");
    assert!(text.contains("ended on Friday, Feb. 10, 2023."), "{text}");
    assert_eq!(
        last_line(&all),
        "No findings in 1 file. Fixed 1 finding.",
        "{all}"
    );
}
