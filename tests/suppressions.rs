//! Suppression comments judged by the rules that actually ran: a comment for
//! a rule that did not run (not selected, another language, ignored for the
//! path) is neither reported unused nor deleted by `--fix`; and a comment
//! naming a rule, family or directive copydesk does not know is reported
//! instead of being ignored in silence.

use std::path::Path;
use std::process::Command;

use copydesk::{check, Collect, Diagnostic, Fixing, Overrides, Settings};

const CONFIG: &str = "builtin = [\"style\", \"dates\"]\n";

/// A valid suppression: the title on the next line is one `style.titles`
/// reports (the article also writes it in lower case).
const TITLES_SUPPRESSED: &str = "SEOUL, March 5 (Wire) - The ambassador arrived on Tuesday.\n\n\
<!-- copydesk-disable-next-line style.titles -->\n\
The Ambassador said the visit went well.\n";

/// A folder with `copydesk.toml` and one article, `story.md`.
fn repository(config: &str, article: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("copydesk.toml"), config).expect("write config");
    std::fs::write(dir.path().join("story.md"), article).expect("write article");
    dir
}

/// Every finding of a run over `dir` with `settings`'s paths set to it.
fn findings(dir: &Path, settings: Settings) -> Vec<Diagnostic> {
    let mut collected = Collect::default();
    check(
        Settings {
            paths: vec![dir.to_path_buf()],
            ..settings
        },
        &mut collected,
    )
    .expect("the configuration resolves");
    collected
        .reports
        .into_iter()
        .flat_map(|report| report.diagnostics)
        .collect()
}

fn selecting(rules: &[&str]) -> Overrides {
    Overrides {
        select: Some(rules.iter().map(|r| r.to_string()).collect()),
        ..Overrides::default()
    }
}

fn fixing_with_unused_reported(overrides: Overrides) -> Settings {
    Settings {
        overrides,
        fixing: Fixing::Write,
        report_unused_suppressions: true,
        ..Settings::default()
    }
}

fn rules_of(findings: &[Diagnostic]) -> Vec<&str> {
    findings.iter().map(|d| d.rule.as_ref()).collect()
}

fn article(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("story.md")).expect("read article")
}

#[test]
fn the_command_line_keeps_a_suppression_for_a_rule_it_did_not_run() {
    let dir = repository(CONFIG, TITLES_SUPPRESSED);
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "check",
            "--select",
            "dates",
            "--fix",
            "--report-unused-suppressions",
            "--format",
            "short",
        ])
        .current_dir(dir.path())
        .output()
        .expect("copydesk runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(article(dir.path()), TITLES_SUPPRESSED, "{stdout}");
    assert!(!stdout.contains("suppress.unused"), "{stdout}");
    assert_eq!(output.status.code(), Some(0), "{stdout}");
}

#[test]
fn a_suppression_for_a_rule_not_selected_is_neither_reported_nor_deleted() {
    let dir = repository(CONFIG, TITLES_SUPPRESSED);
    // Under the whole configuration the suppression is used.
    let found = findings(
        dir.path(),
        fixing_with_unused_reported(Overrides::default()),
    );
    assert_eq!(rules_of(&found), Vec::<&str>::new());
    assert_eq!(article(dir.path()), TITLES_SUPPRESSED);

    let found = findings(
        dir.path(),
        fixing_with_unused_reported(selecting(&["dates"])),
    );
    assert_eq!(rules_of(&found), Vec::<&str>::new());
    assert_eq!(article(dir.path()), TITLES_SUPPRESSED);

    // Where `style.titles` runs and finds nothing, the comment goes.
    let consistent = TITLES_SUPPRESSED.replace("The Ambassador said", "The ambassador said");
    std::fs::write(dir.path().join("story.md"), &consistent).expect("write article");
    let reported = findings(
        dir.path(),
        Settings {
            overrides: selecting(&["style.titles"]),
            report_unused_suppressions: true,
            ..Settings::default()
        },
    );
    assert_eq!(rules_of(&reported), ["suppress.unused"]);
    findings(
        dir.path(),
        fixing_with_unused_reported(selecting(&["style.titles"])),
    );
    assert_eq!(
        article(dir.path()),
        consistent.replace("<!-- copydesk-disable-next-line style.titles -->\n", "")
    );
}

#[test]
fn a_suppression_naming_a_family_counts_only_when_a_rule_of_it_ran() {
    let article_text = TITLES_SUPPRESSED.replace("style.titles", "style");
    let dir = repository(CONFIG, &article_text);
    let found = findings(
        dir.path(),
        fixing_with_unused_reported(selecting(&["dates"])),
    );
    assert_eq!(rules_of(&found), Vec::<&str>::new());
    assert_eq!(article(dir.path()), article_text);

    // `style.misspellings` runs and finds nothing on that line: the family
    // suppression is unused, and the fix deletes it.
    let found = findings(
        dir.path(),
        fixing_with_unused_reported(selecting(&["style.misspellings"])),
    );
    assert_eq!(rules_of(&found), Vec::<&str>::new(), "fixed, nothing left");
    assert!(!article(dir.path()).contains("copydesk-disable"));
}

#[test]
fn a_suppression_for_a_rule_of_another_language_is_kept() {
    // `style.titles` runs on English only.
    let german = format!("---\nlang: de\n---\n{TITLES_SUPPRESSED}");
    let dir = repository(CONFIG, &german);
    let found = findings(
        dir.path(),
        fixing_with_unused_reported(Overrides::default()),
    );
    assert!(
        !rules_of(&found).contains(&"suppress.unused"),
        "{:?}",
        rules_of(&found)
    );
    assert_eq!(article(dir.path()), german);
}

#[test]
fn a_suppression_for_a_rule_ignored_for_the_path_is_kept() {
    let config = format!("{CONFIG}[[per-path]]\npaths = [\"*.md\"]\nignore = [\"style.titles\"]\n");
    let dir = repository(&config, TITLES_SUPPRESSED);
    let found = findings(
        dir.path(),
        fixing_with_unused_reported(Overrides::default()),
    );
    assert!(
        !rules_of(&found).contains(&"suppress.unused"),
        "{:?}",
        rules_of(&found)
    );
    assert_eq!(article(dir.path()), TITLES_SUPPRESSED);
}

#[test]
fn a_misspelt_rule_id_is_reported_at_the_word_with_a_suggestion() {
    let misspelt = TITLES_SUPPRESSED.replace("style.titles", "style.titels");
    let dir = repository(CONFIG, &misspelt);
    let found = findings(dir.path(), Settings::default());
    let unknown: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.rule.as_ref() == "suppress.unknown-rule")
        .collect();
    assert_eq!(unknown.len(), 1, "{:?}", rules_of(&found));
    assert_eq!(&misspelt[unknown[0].span.clone()], "style.titels");
    assert_eq!(unknown[0].severity, copydesk::Severity::Warning);
    assert_eq!(
        unknown[0].help.as_deref(),
        Some("did you mean `style.titles`?")
    );
    // The comment suppresses nothing, so the title is reported too.
    assert!(rules_of(&found).contains(&"style.titles"));
}

#[test]
fn a_misspelt_family_and_a_name_far_from_any_rule_are_reported() {
    let text = "Talks began.\n\n<!-- copydesk-disable date, nonsense-words -->\nThe end.\n";
    let dir = repository(CONFIG, text);
    let found = findings(dir.path(), Settings::default());
    let words: Vec<(&str, Option<&str>)> = found
        .iter()
        .filter(|d| d.rule.as_ref() == "suppress.unknown-rule")
        .map(|d| (&text[d.span.clone()], d.help.as_deref()))
        .collect();
    assert_eq!(
        words,
        [
            ("date", Some("did you mean `dates`?")),
            ("nonsense-words", None)
        ]
    );
}

#[test]
fn an_unknown_directive_is_reported_at_the_word_with_a_suggestion() {
    let misspelt = TITLES_SUPPRESSED.replace("disable-next-line", "disable-nextline");
    let dir = repository(CONFIG, &misspelt);
    let found = findings(dir.path(), Settings::default());
    let unknown: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.rule.as_ref() == "suppress.unknown-directive")
        .collect();
    assert_eq!(unknown.len(), 1, "{:?}", rules_of(&found));
    assert_eq!(
        &misspelt[unknown[0].span.clone()],
        "copydesk-disable-nextline"
    );
    assert_eq!(
        unknown[0].help.as_deref(),
        Some("did you mean `copydesk-disable-next-line`?")
    );
}

#[test]
fn a_rule_merely_not_selected_or_switched_off_is_not_unknown() {
    let config = format!("{CONFIG}[severity]\n\"style.titles\" = \"off\"\n");
    let text = TITLES_SUPPRESSED.replace("style.titles", "style.titles, dates.mixed, dates.mixd");
    let dir = repository(&config, &text);
    for overrides in [Overrides::default(), selecting(&["style.misspellings"])] {
        let found = findings(
            dir.path(),
            Settings {
                overrides,
                ..Settings::default()
            },
        );
        assert_eq!(rules_of(&found), ["suppress.unknown-rule"]);
        assert_eq!(&text[found[0].span.clone()], "dates.mixd");
    }
}

#[test]
fn unknown_names_are_reported_whatever_the_selection() {
    // Like `suppress.unused`, these findings are about the comments, not a
    // rule of the selection: `--select` does not hide them.
    let misspelt = TITLES_SUPPRESSED.replace("style.titles", "style.titels");
    let dir = repository(CONFIG, &misspelt);
    let found = findings(
        dir.path(),
        Settings {
            overrides: selecting(&["dates"]),
            ..Settings::default()
        },
    );
    assert_eq!(rules_of(&found), ["suppress.unknown-rule"]);
}

#[test]
fn a_name_that_can_never_be_suppressed_is_reported() {
    let text = "Talks began.\n\n<!-- copydesk-disable-next-line io.read -->\nThe end.\n";
    let dir = repository(CONFIG, text);
    let found = findings(dir.path(), Settings::default());
    assert_eq!(rules_of(&found), ["suppress.unknown-rule"]);
    assert_eq!(&text[found[0].span.clone()], "io.read");
}
