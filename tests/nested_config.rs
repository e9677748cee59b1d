//! Nested `copydesk.toml` files: each walked file is linted with the nearest
//! configuration at or above its own folder.

use std::path::Path;
use std::process::{Command, Output};

/// One sentence with one misspelling `style.misspellings` reports.
const MISSPELT: &str = "The goverment said it would act.\n";

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("a file has a folder")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

fn copydesk(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run copydesk")
}

/// The files that got a `style.misspellings` finding, in output order.
fn misspelt_files(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| line.contains("[style.misspellings]"))
        .filter_map(|line| line.split(':').next())
        .map(|path| path.trim_start_matches("./").to_string())
        .collect()
}

/// A newsroom repository: the root config excludes `archive/`, whose own
/// config is broken; `desk-ru/` has its own config that ignores misspellings
/// and excludes its drafts.
fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "copydesk.toml", "exclude = [\"archive/**\"]\n");
    write(
        root,
        "desk-ru/copydesk.toml",
        "ignore = [\"style.misspellings\"]\nexclude = [\"drafts/**\"]\n",
    );
    write(
        root,
        "archive/copydesk.toml",
        "ignore = [\"no-such-rule\"]\n",
    );
    for file in [
        "a.md",
        "desk-ru/b.md",
        "desk-ru/drafts/c.md",
        "desk-ru/notes/d.md",
        "archive/e.md",
    ] {
        write(root, file, MISSPELT);
    }
    dir
}

#[test]
fn each_file_takes_the_nearest_config() {
    let dir = newsroom();
    let output = copydesk(dir.path(), &["check", "--format", "short", "."]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    // desk-ru/b.md and desk-ru/notes/d.md are linted with desk-ru's config,
    // which ignores the rule; a.md with the root's.
    assert_eq!(misspelt_files(&output), ["a.md"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("in 3 files"), "{stdout}");
}

#[test]
fn the_nested_exclude_is_relative_to_its_own_folder() {
    let dir = newsroom();
    // Without the nested config, desk-ru/drafts/c.md would be linted.
    let output = copydesk(
        dir.path(),
        &["check", "--format", "short", "--select", "style", "."],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("in 3 files"), "{stdout}");
    assert!(!stdout.contains("drafts"), "{stdout}");
}

#[test]
fn a_folder_the_parent_excludes_is_never_entered() {
    let dir = newsroom();
    let output = copydesk(dir.path(), &["check", "--format", "short", "."]);
    // archive/copydesk.toml is broken but never read, and archive/e.md is
    // not linted: the parent's exclude wins.
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("archive"));
}

#[test]
fn a_nested_config_found_from_a_walked_subfolder_applies_there_too() {
    let dir = newsroom();
    let output = copydesk(dir.path(), &["check", "--format", "short", "desk-ru"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(misspelt_files(&output).is_empty());
}

#[test]
fn an_explicit_config_applies_to_every_file() {
    let dir = newsroom();
    let output = copydesk(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--config",
            "copydesk.toml",
            ".",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(
        misspelt_files(&output),
        [
            "a.md",
            "desk-ru/b.md",
            "desk-ru/drafts/c.md",
            "desk-ru/notes/d.md"
        ]
    );
}

#[test]
fn a_broken_nested_config_stops_the_run_with_a_span() {
    let dir = newsroom();
    write(
        dir.path(),
        "desk-ru/notes/.copydesk.toml",
        "language = \"ru\"\nlangauge = \"ru\"\n",
    );
    let output = copydesk(dir.path(), &["check", "--format", "short", "."]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty(), "nothing is linted: {output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("desk-ru/notes/.copydesk.toml:2:1"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `language`?"), "{stderr}");
}

#[test]
fn problems_in_every_config_are_reported_together() {
    let dir = newsroom();
    write(
        dir.path(),
        "copydesk.toml",
        "exclude = [\"archive/**\"]\nfail-on = \"sometimes\"\n",
    );
    write(
        dir.path(),
        "desk-ru/copydesk.toml",
        "house-style = \"apx\"\n",
    );
    let output = copydesk(dir.path(), &["check", "."]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("┌─ copydesk.toml:2:11"), "{stderr}");
    assert!(stderr.contains("┌─ desk-ru/copydesk.toml:1:15"), "{stderr}");
    assert!(
        stderr.contains("the configuration has 2 problems"),
        "{stderr}"
    );
}

#[test]
fn per_path_globs_are_relative_to_the_nested_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "copydesk.toml", "");
    write(
        root,
        "desk/copydesk.toml",
        "[[per-path]]\npaths = [\"opinion/**\"]\nignore = [\"style.misspellings\"]\n",
    );
    for file in ["opinion/a.md", "desk/opinion/b.md", "desk/c.md"] {
        write(root, file, MISSPELT);
    }
    let output = copydesk(root, &["check", "--format", "short", "."]);
    assert_eq!(misspelt_files(&output), ["desk/c.md", "opinion/a.md"]);
}

#[test]
fn fail_on_comes_from_the_first_paths_config() {
    let dir = newsroom();
    write(
        dir.path(),
        "copydesk.toml",
        "exclude = [\"archive/**\"]\nfail-on = \"error\"\n",
    );
    write(
        dir.path(),
        "desk-ru/copydesk.toml",
        "fail-on = \"warning\"\n",
    );
    // The root's `fail-on = "error"` governs: warnings do not fail the run.
    let output = copydesk(dir.path(), &["check", "--format", "short", "."]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(!misspelt_files(&output).is_empty());
    // Started from desk-ru, its own `fail-on` governs.
    let output = copydesk(dir.path(), &["check", "--format", "short", "desk-ru"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
}

// `extend = "..."`: a configuration built on another file.

use copydesk::config::{self, Overrides};
use copydesk::diagnostic::{Level, Severity};

/// A rule set with one rule, `house.place-names`, that reports "Kiev".
const HOUSE_RULES: &str = r#"
[[rule]]
id = "house.place-names"
kind = "substitution"
message = "write '{suggestion}', not '{match}'"
description = "Current spellings of place names."
swap = { "Kiev" = "Kyiv" }

[[rule.example]]
text = "Talks in Kiev."
findings = 1
fixed = "Talks in Kyiv."
"#;

fn level_of(resolved: &config::Resolved, id: &str) -> Option<Level> {
    resolved
        .linter
        .all_rules()
        .iter()
        .find(|(rule, _)| rule.meta.id.as_ref() == id)
        .map(|(_, level)| *level)
}

fn values(list: &[copydesk::toml_reader::Located<String>]) -> Vec<&str> {
    list.iter().map(|l| l.value.as_str()).collect()
}

#[test]
fn extend_overrides_scalars_and_appends_lists() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        root,
        "base.toml",
        "language = \"de\"\nfail-on = \"error\"\nselect = [\"style\", \"quotes\"]\n\
         ignore = [\"style.titles\"]\nexclude = [\"drafts/**\"]\ninclude = [\"*.md\"]\n\
         [severity]\nquotes = \"error\"\n\"style.misspellings\" = \"info\"\n",
    );
    write(
        root,
        "copydesk.toml",
        "extend = \"base.toml\"\nlanguage = \"fr\"\nignore = [\"quotes.unclosed\"]\n\
         exclude = [\"old/**\"]\n[severity]\n\"style.misspellings\" = \"error\"\n",
    );
    let raw = config::load(&root.join("copydesk.toml")).expect("valid chain");
    assert_eq!(raw.language.as_deref(), Some("fr"));
    assert_eq!(
        raw.fail_on.as_ref().map(|f| f.value.as_str()),
        Some("error")
    );
    assert_eq!(values(&raw.select), ["style", "quotes"]);
    assert_eq!(values(&raw.ignore), ["style.titles", "quotes.unclosed"]);
    assert_eq!(raw.exclude, ["drafts/**", "old/**"]);
    assert_eq!(raw.include, ["*.md"]);
    let resolved = config::resolve(raw, &Overrides::default()).expect("resolves");
    assert_eq!(
        level_of(&resolved, "style.misspellings"),
        Some(Level::On(Severity::Error)),
        "this file's [severity] entry wins over the base's"
    );
    assert_eq!(
        level_of(&resolved, "quotes.unopened"),
        Some(Level::On(Severity::Error)),
        "the base's [severity] entry is kept"
    );
    assert_eq!(level_of(&resolved, "quotes.unclosed"), Some(Level::Off));
    assert_eq!(level_of(&resolved, "style.titles"), Some(Level::Off));
    assert_eq!(
        level_of(&resolved, "dates.mixed"),
        Some(Level::Off),
        "the base's select is inherited"
    );
    // `select` and `include` replace the base's.
    write(
        root,
        "copydesk.toml",
        "extend = \"base.toml\"\nselect = [\"dates\"]\ninclude = [\"*.txt\"]\n",
    );
    let raw = config::load(&root.join("copydesk.toml")).expect("valid chain");
    assert_eq!(values(&raw.select), ["dates"]);
    assert_eq!(raw.include, ["*.txt"]);
}

#[test]
fn a_chain_of_three_merges_outermost_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        root,
        "c.toml",
        "language = \"ru\"\nheader-pattern = \"^x\"\nignore = [\"style.titles\"]\n",
    );
    write(
        root,
        "b.toml",
        "extend = \"c.toml\"\nlanguage = \"de\"\nignore = [\"dates\"]\n",
    );
    write(
        root,
        "copydesk.toml",
        "extend = \"b.toml\"\nignore = [\"quotes\"]\n",
    );
    let raw = config::load(&root.join("copydesk.toml")).expect("valid chain");
    assert_eq!(raw.language.as_deref(), Some("de"));
    assert_eq!(
        raw.header_pattern.as_ref().map(|p| p.value.as_str()),
        Some("^x")
    );
    assert_eq!(values(&raw.ignore), ["style.titles", "dates", "quotes"]);
    assert_eq!(raw.extended.len(), 3, "each file of the chain is kept");
}

/// A repository whose `desk/` config extends the root's.
fn extending_desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        root,
        "copydesk.toml",
        "rule-sets = [\"rules/house.toml\"]\nexclude = [\"archive/**\"]\n\
         [[per-path]]\npaths = [\"opinion/**\"]\nignore = [\"style.misspellings\"]\n",
    );
    write(root, "rules/house.toml", HOUSE_RULES);
    write(
        root,
        "desk/copydesk.toml",
        "extend = \"../copydesk.toml\"\nexclude = [\"drafts/**\"]\n",
    );
    for file in [
        "a.md",
        "opinion/b.md",
        "archive/c.md",
        "desk/d.md",
        "desk/opinion/e.md",
        "desk/archive/f.md",
        "desk/drafts/g.md",
    ] {
        write(root, file, "The goverment met in Kiev.\n");
    }
    dir
}

#[test]
fn paths_in_the_base_stay_relative_to_the_base() {
    let dir = extending_desk();
    let output = copydesk(dir.path(), &["check", "--format", "short", "."]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The base's rule set (rules/house.toml, beside the base) runs in desk/.
    assert!(
        stdout.contains("desk/d.md:1:22: warning[house.place-names]"),
        "{stdout}"
    );
    // The base's `opinion/**` is the root's opinion/, not desk/opinion/;
    // its `archive/**` the root's archive/, not desk/archive/; desk's own
    // `drafts/**` is desk/drafts/.
    assert_eq!(
        misspelt_files(&output),
        [
            "a.md",
            "desk/archive/f.md",
            "desk/d.md",
            "desk/opinion/e.md"
        ]
    );
    assert!(stdout.contains("in 5 files"), "{stdout}");
    // Linted from inside desk/, the same files, the same way.
    let output = copydesk(&dir.path().join("desk"), &["check", "--format", "short"]);
    assert_eq!(
        misspelt_files(&output),
        ["archive/f.md", "d.md", "opinion/e.md"]
    );
}

#[test]
fn a_cycle_is_refused_with_a_span_on_extend() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "copydesk.toml", "extend = \"shared/b.toml\"\n");
    write(
        root,
        "shared/b.toml",
        "language = \"en\"\nextend = \"../copydesk.toml\"\n",
    );
    write(root, "a.md", MISSPELT);
    let output = copydesk(root, &["check", "a.md"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "`extend` makes a cycle: `copydesk.toml` extends `shared/b.toml` extends `copydesk.toml`"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("┌─ shared/b.toml:2:10"), "{stderr}");
}

#[test]
fn a_missing_base_is_refused_with_a_span_on_extend() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "desk/copydesk.toml", "extend = \"../base.toml\"\n");
    write(root, "desk/a.md", MISSPELT);
    let output = copydesk(root, &["check", "desk"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot read `base.toml`"), "{stderr}");
    assert!(stderr.contains("┌─ desk/copydesk.toml:1:10"), "{stderr}");
}

#[test]
fn problems_in_the_base_point_into_the_base() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "copydesk.toml", "extend = \"shared/base.toml\"\n");
    write(
        root,
        "shared/base.toml",
        "language = \"en\"\nlangauge = \"en\"\n",
    );
    write(root, "a.md", MISSPELT);
    let output = copydesk(root, &["check", "a.md"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("┌─ shared/base.toml:2:1"), "{stderr}");
    assert!(stderr.contains("did you mean `language`?"), "{stderr}");
    // An unknown rule id: in the file that names it, the other file's
    // mistake beside it.
    write(root, "shared/base.toml", "ignore = [\"style.titel\"]\n");
    write(
        root,
        "copydesk.toml",
        "extend = \"shared/base.toml\"\nselect = [\"quotez\"]\n",
    );
    let output = copydesk(root, &["check", "a.md"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("┌─ shared/base.toml:1:11"), "{stderr}");
    assert!(stderr.contains("┌─ copydesk.toml:2:11"), "{stderr}");
}

// `--force-exclude`: files named on the command line honour `exclude`.

#[test]
fn force_exclude_skips_a_named_file_a_config_excludes() {
    let dir = newsroom();
    // desk-ru's own `drafts/**`, and the root's `archive/**` above
    // archive/'s broken config, which is then never read.
    let named = ["a.md", "desk-ru/drafts/c.md", "archive/e.md"];
    let mut args = vec!["check", "--format", "short", "--force-exclude"];
    args.extend(named);
    let output = copydesk(dir.path(), &args);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("in 1 file"), "{stdout}");
    assert_eq!(misspelt_files(&output), ["a.md"]);
    // Without the flag a named file is linted, excluded or not.
    let output = copydesk(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--select",
            "style",
            "desk-ru/drafts/c.md",
            "a.md",
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("in 2 files"), "{stdout}");
    let output = copydesk(dir.path(), &["check", "--format", "short", "archive/e.md"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "archive/'s config is read: {output:?}"
    );
}

#[test]
fn force_exclude_applies_to_files_from_and_the_base_exclude() {
    let dir = extending_desk();
    let root = dir.path();
    write(
        root,
        "list.txt",
        "desk/drafts/g.md\narchive/c.md\ndesk/archive/f.md\n",
    );
    let output = copydesk(
        root,
        &[
            "check",
            "--format",
            "short",
            "--force-exclude",
            "--files-from",
            "list.txt",
        ],
    );
    assert_eq!(misspelt_files(&output), ["desk/archive/f.md"]);
    // Named from inside desk/, each glob is still matched from the folder
    // of the file that wrote it.
    let output = copydesk(
        &root.join("desk"),
        &[
            "check",
            "--format",
            "short",
            "--force-exclude",
            "../archive/c.md",
            "drafts/g.md",
            "archive/f.md",
        ],
    );
    assert_eq!(misspelt_files(&output), ["archive/f.md"]);
}

#[test]
fn the_pre_commit_hooks_pass_force_exclude() {
    let hooks = include_str!("../.pre-commit-hooks.yaml");
    let entries: Vec<&str> = hooks
        .lines()
        .filter(|line| line.trim_start().starts_with("entry:"))
        .collect();
    assert_eq!(entries.len(), 2, "{hooks}");
    for entry in entries {
        assert!(entry.contains("--force-exclude"), "{entry}");
    }
}

#[test]
fn force_exclude_keeps_fail_on_from_the_nearest_config() {
    let dir = newsroom();
    write(
        dir.path(),
        "copydesk.toml",
        "exclude = [\"archive/**\"]\nfail-on = \"error\"\n",
    );
    write(
        dir.path(),
        "desk-ru/copydesk.toml",
        "fail-on = \"warning\"\n",
    );
    // Checking the root's `exclude` reads the root's config first; the
    // named file's own config still governs.
    let output = copydesk(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--force-exclude",
            "desk-ru/b.md",
        ],
    );
    assert_eq!(misspelt_files(&output), ["desk-ru/b.md"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
}

#[test]
fn an_explicit_config_elsewhere_matches_the_path_as_walked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        root,
        "ci/copydesk.toml",
        "exclude = [\"articles/drafts/**\"]\n",
    );
    write(root, "articles/a.md", MISSPELT);
    write(root, "articles/drafts/b.md", MISSPELT);
    let output = copydesk(
        root,
        &[
            "check",
            "--format",
            "short",
            "--config",
            "ci/copydesk.toml",
            "articles",
        ],
    );
    assert_eq!(misspelt_files(&output), ["articles/a.md"], "{output:?}");
    // `--force-exclude` skips a named file as that walk would.
    let output = copydesk(
        root,
        &[
            "check",
            "--format",
            "short",
            "--force-exclude",
            "--config",
            "ci/copydesk.toml",
            "articles/a.md",
            "articles/drafts/b.md",
        ],
    );
    assert_eq!(misspelt_files(&output), ["articles/a.md"], "{output:?}");
}

#[test]
fn a_file_shared_by_two_configs_is_reported_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for desk in ["desk-a", "desk-b"] {
        write(root, &format!("{desk}/x.md"), MISSPELT);
    }
    let run = |config: &str| {
        for desk in ["desk-a", "desk-b"] {
            write(root, &format!("{desk}/copydesk.toml"), config);
        }
        let output = copydesk(root, &["check", "--format", "short", "."]);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    // A broken base extended by both desks.
    write(root, "shared/base.toml", "fail-on = 3\n");
    let stderr = run("extend = \"../shared/base.toml\"\n");
    assert_eq!(stderr.matches("must be a string").count(), 1, "{stderr}");
    // A missing rule-set file both desks name.
    let stderr = run("rule-sets = [\"../shared/house.toml\"]\n");
    assert_eq!(stderr.matches("cannot read").count(), 1, "{stderr}");
    // The same rule-set file, present but broken.
    write(
        root,
        "shared/house.toml",
        "[[rule]]\nid = \"house.x\"\nkind = \"bogus\"\n",
    );
    let stderr = run("rule-sets = [\"../shared/house.toml\"]\n");
    assert_eq!(stderr.matches("unknown rule kind").count(), 1, "{stderr}");
}

#[test]
fn a_listed_file_meets_the_excludes_above_only_with_force_exclude() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "copydesk.toml", "exclude = [\"desk/old/**\"]\n");
    write(root, "desk/copydesk.toml", "fail-on = \"warning\"\n");
    write(root, "desk/old/x.md", MISSPELT);
    write(root, "list.txt", "desk/old/x.md\n");
    let listed = ["check", "--format", "short", "--files-from", "list.txt"];
    // As documented: the nearest config does not exclude it.
    let output = copydesk(root, &listed);
    assert_eq!(misspelt_files(&output), ["desk/old/x.md"], "{output:?}");
    let mut forced = listed.to_vec();
    forced.push("--force-exclude");
    let output = copydesk(root, &forced);
    assert!(misspelt_files(&output).is_empty(), "{output:?}");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

fn copydesk_with_stdin(root: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run copydesk");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("copydesk finishes")
}

#[test]
fn force_exclude_applies_to_standard_input_by_its_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "copydesk.toml", "exclude = [\"drafts/**\"]\n");
    let stdin_as = |name: &str, extra: &[&str]| {
        let mut args = vec!["check", "--format", "short", "--stdin-filename", name];
        args.extend_from_slice(extra);
        args.push("-");
        copydesk_with_stdin(root, &args, MISSPELT)
    };

    let excluded = stdin_as("drafts/a.md", &["--force-exclude"]);
    assert_eq!(excluded.status.code(), Some(0), "{excluded:?}");
    assert!(!String::from_utf8_lossy(&excluded.stdout).contains("goverment"));

    // With `--fix`, the text comes back as it was, as from a formatter.
    let echoed = stdin_as("drafts/a.md", &["--force-exclude", "--fix"]);
    assert_eq!(echoed.status.code(), Some(0), "{echoed:?}");
    assert_eq!(String::from_utf8_lossy(&echoed.stdout), MISSPELT);

    let fixed = stdin_as("a.md", &["--force-exclude", "--fix"]);
    assert!(String::from_utf8_lossy(&fixed.stdout).contains("government"));

    let without_flag = stdin_as("drafts/a.md", &[]);
    assert_eq!(without_flag.status.code(), Some(1), "{without_flag:?}");
    assert!(String::from_utf8_lossy(&without_flag.stdout).contains("drafts/a.md:1:5"));
}
