//! copydesk as a CI check: output formats checked against their specifications,
//! baselines across edits, fixes that converge and never clobber, completions.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use copydesk::config::{self, Overrides};
use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::files::read::DEFAULT_MAX_FILE_SIZE;
use copydesk::files::write::write_atomically;
use copydesk::fix::{self, FixMode};
use copydesk::lint::{FileLinter, FileReport};
use copydesk::render;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_copydesk");

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/ci-repo.in")
}

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    copydesk_with_input(dir, args, "")
}

fn copydesk_with_input(dir: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .expect("stdin accepts the input");
    }
    child.wait_with_output().expect("copydesk finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("output is UTF-8")
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let output = copydesk(
        &fixture(),
        &[
            "check",
            "--format",
            "sarif",
            "--baseline",
            "copydesk-baseline.json",
            "--report-unused-suppressions",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&output)).expect("SARIF is JSON");
    if let Some(validator) = support::sarif_validator() {
        assert_eq!(
            support::schema_errors(&validator, &log),
            Vec::<String>::new()
        );
    }

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in [
        "style.titles",
        "style.misspellings",
        "style.spelling-consistency",
    ] {
        assert!(ids.contains(&id), "{id} is described");
    }
    let titles = rules.iter().find(|r| r["id"] == "style.titles").unwrap();
    assert_eq!(
        titles["shortDescription"]["text"],
        "Titles are capitalised only directly before a name."
    );
    assert!(titles["help"]["text"]
        .as_str()
        .unwrap()
        .contains("Ambassador Andrey Kulik"));
    assert_eq!(titles["defaultConfiguration"]["level"], "warning");

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(result["fixes"].is_array());
    }
    let zelensky = results
        .iter()
        .find(|r| r["ruleId"] == "style.spelling-consistency")
        .unwrap();
    let region = &zelensky["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(10), Some(1))
    );
    let related = &zelensky["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 5);
    assert_eq!(
        related["message"]["text"],
        "the preferred form is used here"
    );
}

#[test]
fn the_sarif_check_can_fail() {
    let Some(validator) = support::sarif_validator() else {
        return;
    };
    let output = copydesk(
        &fixture(),
        &["check", "--format", "sarif", "--fail-on", "never"],
    );
    let mut log: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(support::schema_errors(&validator, &log).is_empty());
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!support::schema_errors(&validator, &log).is_empty());
}

#[test]
fn sarif_of_a_clean_run_and_of_odd_paths_is_valid_too() {
    let Some(validator) = support::sarif_validator() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "builtin = [\"style\"]\n").unwrap();
    std::fs::write(dir.path().join("clean.md"), "All is well.\n").unwrap();
    let clean = copydesk(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(clean.status.code(), Some(0));
    let log: Value = serde_json::from_str(&stdout(&clean)).unwrap();
    assert!(support::schema_errors(&validator, &log).is_empty());
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(0));

    std::fs::write(dir.path().join("a b#1.md"), "The goverment met.\n").unwrap();
    let odd = copydesk(dir.path(), &["check", "--format", "sarif"]);
    let mut log: Value = serde_json::from_str(&stdout(&odd)).unwrap();
    assert!(support::schema_errors(&validator, &log).is_empty());
    let uri = &mut log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"];
    assert_eq!(uri, "a%20b%231.md");
    // Unencoded, the same path is not a URI reference: the check would notice.
    *uri = Value::from("a b#1#.md");
    assert!(!support::schema_errors(&validator, &log).is_empty());
}

#[test]
fn sarif_says_which_rules_did_not_run_on_a_language_they_do_not_cover() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("noticia.md"),
        "---\nlang: pt\n---\nO ministro chegou a Lisboa na sexta-feira, 10 de fevereiro.\n",
    )
    .unwrap();
    let output = copydesk(dir.path(), &["check", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&stdout(&output)).expect("SARIF is JSON");
    if let Some(validator) = support::sarif_validator() {
        assert_eq!(
            support::schema_errors(&validator, &log),
            Vec::<String>::new()
        );
    }
    let notes: Vec<&str> = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("a run with uncovered copy has notifications")
        .iter()
        .map(|note| note["message"]["text"].as_str().unwrap())
        .collect();
    assert!(
        notes.contains(&"dates: not checked in 1 file written in pt."),
        "{notes:?}"
    );

    std::fs::write(
        dir.path().join("noticia.md"),
        "---\nlang: en\n---\nThe minister arrived in Lisbon.\n",
    )
    .unwrap();
    let covered = copydesk(dir.path(), &["check", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&stdout(&covered)).unwrap();
    assert!(log["runs"][0].get("invocations").is_none());
}

fn report(path: &str, source: &str, diagnostics: Vec<Diagnostic>) -> FileReport {
    FileReport {
        path: path.to_string(),
        source: Arc::from(source),
        diagnostics,
        io_error: false,
        fixed: None,
        fixes_applied: 0,
        uncovered: None,
    }
}

#[test]
fn github_commands_escape_what_the_runner_decodes() {
    let source = "Up 50%, said the goverment.\n";
    let start = source.find("goverment").unwrap();
    let d = Diagnostic::new(
        "style.misspellings",
        Severity::Error,
        start..start + 9,
        "50% of this: wrong\nsecond line",
    );
    let text = render::github::render(&[report("news/a,b:c%.md", source, vec![d])]);
    assert_eq!(
        text,
        "::error file=news/a%2Cb%3Ac%25.md,line=1,col=18,endLine=1,endColumn=27,\
title=copydesk (style.misspellings)::50%25 of this: wrong%0Asecond line\n"
    );
}

#[test]
fn github_commands_name_each_severity() {
    let source = "x\n";
    let make = |severity| Diagnostic::new("style.titles", severity, 0..1, "m");
    let text = render::github::render(&[report(
        "a.md",
        source,
        vec![
            make(Severity::Error),
            make(Severity::Warning),
            make(Severity::Info),
        ],
    )]);
    let commands: Vec<&str> = text.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(commands, ["::error", "::warning", "::notice"]);
}

#[test]
fn jsonl_lines_carry_the_json_fields() {
    let dir = fixture();
    let json = copydesk(&dir, &["check", "--format", "json"]);
    let jsonl = copydesk(&dir, &["check", "--format", "jsonl"]);
    assert_eq!(jsonl.status.code(), json.status.code());
    let whole: Value = serde_json::from_str(&stdout(&json)).unwrap();
    let lines: Vec<Value> = stdout(&jsonl)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    assert_eq!(Some(&lines), whole["diagnostics"].as_array());
    assert_eq!(lines.len(), 5);
}

#[test]
fn gitlab_fingerprints_are_unique_and_survive_edits_above() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "builtin = [\"style\"]\n").unwrap();
    let article = dir.path().join("a.md");
    std::fs::write(&article, "The goverment met. The goverment met.\n").unwrap();
    let fingerprints = |dir: &Path| -> Vec<String> {
        let output = copydesk(dir, &["check", "--format", "gitlab"]);
        let issues: Value = serde_json::from_str(&stdout(&output)).unwrap();
        issues
            .as_array()
            .unwrap()
            .iter()
            .map(|issue| issue["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let before = fingerprints(dir.path());
    assert_eq!(before.len(), 2);
    assert_ne!(before[0], before[1]);
    std::fs::write(
        &article,
        "A new lead.\n\nThe goverment met. The goverment met.\n",
    )
    .unwrap();
    assert_eq!(fingerprints(dir.path()), before);
}

#[test]
fn junit_has_a_case_per_file_and_a_failure_per_failing_file() {
    let output = copydesk(&fixture(), &["check", "--format", "junit"]);
    let xml = stdout(&output);
    assert_eq!(xml.matches("<testcase ").count(), 3);
    assert_eq!(xml.matches("<failure ").count(), 2);
    assert!(xml.contains("tests=\"3\" skipped=\"0\" failures=\"2\""));
    assert!(xml.contains("message=\"3 findings: 3 warnings\""));
    assert!(
        !xml.contains("'goverment'"),
        "quotes in attributes are escaped"
    );
}

/// Write the three-article repository of `tests/cmd/ci-repo.in` (without its
/// baseline) into a fresh folder.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = fixture();
    for relative in [
        "copydesk.toml",
        "articles/2019-archive.txt",
        "articles/seoul.md",
        "articles/opinion/column.md",
    ] {
        let target = dir.path().join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from.join(relative), target).unwrap();
    }
    dir
}

#[test]
fn baseline_survives_an_edit_above_and_catches_a_new_finding() {
    let dir = repository();
    let root = dir.path();
    let written = copydesk(root, &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0));
    assert_eq!(stdout(&written), "Recorded 5 findings in baseline.json.\n");

    let clean = copydesk(root, &["check", "--baseline", "baseline.json"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));

    // An editor adds a paragraph above the old findings: still baselined.
    let archive = root.join("articles/2019-archive.txt");
    let text = std::fs::read_to_string(&archive).unwrap();
    let edited = text.replacen(
        "LONDON,",
        "Editor's note: this story was updated.\n\nLONDON,",
        1,
    );
    std::fs::write(&archive, &edited).unwrap();
    let after_edit = copydesk(
        root,
        &["check", "--format", "short", "--baseline", "baseline.json"],
    );
    assert_eq!(after_edit.status.code(), Some(0), "{}", stdout(&after_edit));
    assert!(stdout(&after_edit).contains("5 findings in the baseline not shown."));

    // A new error in the same file is reported, alone, and fails the run.
    std::fs::write(&archive, format!("{edited}A seperate inquiry began.\n")).unwrap();
    let new_finding = copydesk(
        root,
        &["check", "--format", "short", "--baseline", "baseline.json"],
    );
    assert_eq!(new_finding.status.code(), Some(1));
    let shown = stdout(&new_finding);
    let findings: Vec<&str> = shown.lines().filter(|l| l.contains(": warning[")).collect();
    assert_eq!(
        findings,
        ["articles/2019-archive.txt:7:3: warning[style.misspellings] 'seperate' is misspelt: write 'separate'"]
    );
}

#[test]
fn baseline_paths_are_relative_to_the_baseline_file() {
    let dir = repository();
    let root = dir.path();
    std::fs::create_dir(root.join("ci")).unwrap();
    let written = copydesk(
        root,
        &["check", "--write-baseline", "ci/baseline.json", "articles"],
    );
    assert_eq!(written.status.code(), Some(0));
    let text = std::fs::read_to_string(root.join("ci/baseline.json")).unwrap();
    assert!(
        text.contains("\"path\": \"../articles/seoul.md\""),
        "{text}"
    );
    // Run from elsewhere: the same findings are recognized.
    let from_articles = copydesk(
        &root.join("articles"),
        &["check", "--baseline", "../ci/baseline.json", "."],
    );
    assert_eq!(
        from_articles.status.code(),
        Some(0),
        "{}",
        stdout(&from_articles)
    );
}

#[test]
fn a_broken_baseline_is_an_error_not_a_pass() {
    let dir = repository();
    std::fs::write(dir.path().join("baseline.json"), "{\"findings\": 3}").unwrap();
    let output = copydesk(dir.path(), &["check", "--baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a copydesk baseline"));
}

#[test]
fn files_from_a_file_lints_only_listed_articles() {
    let dir = repository();
    // Listed paths must exist (a missing one is an error, see
    // tests/changed_files.rs); these two are there but are not articles.
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/lib.rs"), "fn main() {}\n").unwrap();
    std::fs::write(dir.path().join("Cargo.toml"), "[package]\n").unwrap();
    std::fs::write(
        dir.path().join("changed.txt"),
        "articles/opinion/column.md\nCargo.toml\nsrc/lib.rs\n\n",
    )
    .unwrap();
    let output = copydesk(
        dir.path(),
        &["check", "--format", "short", "--files-from", "changed.txt"],
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "No findings in 1 file.\n");

    let empty = copydesk_with_input(dir.path(), &["check", "--files-from", "-"], "");
    assert_eq!(empty.status.code(), Some(0));
    assert_eq!(stdout(&empty), "No findings in 0 files.\n");
}

#[test]
fn exit_non_zero_on_fix_fails_even_when_everything_was_fixed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "builtin = [\"style\"]\n").unwrap();
    std::fs::write(dir.path().join("a.md"), "The goverment met.\n").unwrap();
    let plain = copydesk(dir.path(), &["check", "--fix"]);
    assert_eq!(plain.status.code(), Some(0));
    std::fs::write(dir.path().join("a.md"), "The goverment met.\n").unwrap();
    let strict = copydesk(dir.path(), &["check", "--fix", "--exit-non-zero-on-fix"]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "The government met.\n"
    );
    let nothing_left = copydesk(dir.path(), &["check", "--fix", "--exit-non-zero-on-fix"]);
    assert_eq!(nothing_left.status.code(), Some(0));
}

fn converge_linter() -> Arc<copydesk::engine::Linter> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/ci-converge.in");
    let raw = config::load(&dir.join("copydesk.toml")).expect("the fixture config loads");
    let resolved = config::resolve(raw, &Overrides::default())
        .unwrap_or_else(|_| panic!("the fixture config resolves"));
    resolved.linter
}

#[test]
fn fixes_repeat_until_nothing_changes() {
    let linter = converge_linter();
    let text = "The ambassador arrived. The Amb. especially noted the embassy.\n";
    let doc = linter.document("story.md", text.to_string());
    let first = linter.lint(&doc);
    assert_eq!(first.len(), 1, "only the abbreviation is visible at first");
    // One round is not enough: the spelled-out title is a new finding.
    let (once, _) = fix::apply(text, &first, FixMode::Safe);
    assert_eq!(
        linter
            .lint(&linter.document("story.md", once.clone()))
            .len(),
        1
    );

    let keep_all =
        |_: &copydesk::document::Document, _: &mut Vec<copydesk::diagnostic::Diagnostic>| {};
    let settled = linter.fix_until_stable(&doc, &first, FixMode::Safe, &keep_all);
    let (fixed, applied, remaining) = (settled.text, settled.applied, settled.remaining);
    assert_eq!(
        fixed,
        "The ambassador arrived. The ambassador especially noted the embassy.\n"
    );
    assert_eq!(applied, 2);
    assert!(remaining.is_empty());
    // A fixed point: fixing again changes nothing.
    let fixed_doc = linter.document("story.md", fixed.clone());
    let again = linter.fix_until_stable(&fixed_doc, &[], FixMode::Safe, &keep_all);
    assert_eq!((again.text.as_str(), again.applied), (fixed.as_str(), 0));
}

#[test]
fn a_file_changed_after_it_was_read_is_not_overwritten() {
    let linter = converge_linter();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.md");
    std::fs::write(&path, "The goverment met.\n").unwrap();
    let report = FileLinter {
        fix: Some(copydesk::fix::FixMode::Safe),
        ..FileLinter::new(&linter)
    }
    .path("story.md", &path, DEFAULT_MAX_FILE_SIZE);
    let fixed = report.fixed.expect("a fix was computed");
    assert_eq!(fixed.text, "The government met.\n");
    // Someone saves the file between the read and the write.
    std::fs::write(&path, "The goverment met today.\n").unwrap();
    assert!(write_atomically(&path, &fixed.original, &fixed.text).is_err());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "The goverment met today.\n"
    );
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "builtin = [\"style\"]\n").unwrap();
    let text = "<!-- copydesk-disable style.misspellings -->\nThe goverment met.\n<!-- copydesk-enable style.misspellings -->\n\nThe goverment left.\n";
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let output = copydesk(dir.path(), &["check", "--fix", "--format", "short"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        text.replace("goverment left", "government left")
    );
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = copydesk(Path::new("."), &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(script.contains("copydesk"), "{shell}");
        assert!(
            script.contains("files-from"),
            "{shell} completes the new flags"
        );
    }
}

#[test]
fn the_man_page_is_roff_naming_check() {
    let output = copydesk(Path::new("."), &["man"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.starts_with(".ie") || page.contains("\n.TH ") || page.starts_with(".TH "));
    assert!(page.contains("check"));
}
