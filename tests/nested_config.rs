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
