//! What a release is made of: the crate package (what `cargo package`
//! takes), the archives tools/release/package.sh packs, and the notes
//! tools/release/notes.sh takes from CHANGELOG.md before anything is
//! published. The release workflow itself can only run on GitHub.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The files `cargo package` would put in the crate.
fn packaged_files() -> Vec<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline", "--quiet"])
        .current_dir(repository())
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout).lines().map(str::to_string).collect()
}

#[test]
fn the_crate_holds_what_a_build_needs_and_no_test_data() {
    let files = packaged_files();
    let rule_files: Vec<String> = std::fs::read_dir(repository().join("rules"))
        .unwrap()
        .map(|entry| format!("rules/{}", entry.unwrap().file_name().to_string_lossy()))
        .collect();
    assert!(rule_files.iter().any(|f| f.ends_with(".toml")));
    for needed in rule_files.iter().map(String::as_str).chain([
        "build.rs",
        "README.md",
        "CHANGELOG.md",
        "Cargo.toml",
        "Cargo.lock",
        "src/main.rs",
        "src/cli/starter-config.toml",
    ]) {
        assert!(files.iter().any(|f| f == needed), "{needed} is packaged");
    }
    for left_out in [
        "tests/",
        "bench/",
        "benches/",
        "fuzz/",
        "tools/",
        "examples/",
        "docs/",
        "action/",
        ".github/",
    ] {
        assert!(
            files.iter().all(|f| !f.starts_with(left_out)),
            "nothing under {left_out} is packaged: {:?}",
            files
                .iter()
                .filter(|f| f.starts_with(left_out))
                .collect::<Vec<_>>()
        );
    }
}

/// A copy of a release script in a made-up repository: its Cargo.toml says
/// `version`, its changelog is `changelog`.
fn scratch_repository(version: &str, changelog: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("tools/release")).unwrap();
    for script in ["notes.sh", "package.sh"] {
        std::fs::copy(
            repository().join("tools/release").join(script),
            dir.path().join("tools/release").join(script),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("Cargo.toml"),
        format!("[package]\nname = \"copydesk\"\nversion = \"{version}\"\n\n[dependencies]\nx = {{ version = \"1\" }}\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("CHANGELOG.md"), changelog).unwrap();
    std::fs::write(dir.path().join("README.md"), "# copydesk\n").unwrap();
    dir
}

fn bash(script: &Path, args: &[&str]) -> Output {
    Command::new("bash")
        .arg(script)
        .args(args)
        .output()
        .expect("bash runs")
}

const CHANGELOG: &str = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- next\n\n\
## [0.2.0] - 2026-05-01\n\n### Added\n\n- SARIF from the action.\n\n## [0.1.0]\n\n- first\n";

#[test]
fn release_notes_are_the_changelog_section_of_the_tagged_version() {
    let dir = scratch_repository("0.2.0", CHANGELOG);
    let notes = dir.path().join("tools/release/notes.sh");
    let output = bash(&notes, &["v0.2.0"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "### Added\n\n- SARIF from the action.\n"
    );

    let wrong_tag = bash(&notes, &["v0.1.0"]);
    assert_eq!(wrong_tag.status.code(), Some(1));
    assert!(text(&wrong_tag.stderr).contains("does not name the version in Cargo.toml (v0.2.0)"));

    let dir = scratch_repository("0.3.0", CHANGELOG);
    let missing = bash(&dir.path().join("tools/release/notes.sh"), &["v0.3.0"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("no section `## [0.3.0]`"));
}

#[test]
fn this_changelog_keeps_an_unreleased_section_and_no_tag_is_claimed() {
    let changelog = std::fs::read_to_string(repository().join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains("\n## [Unreleased]\n"));
    // The version in Cargo.toml has no section until it is released.
    let version = env!("CARGO_PKG_VERSION");
    let output = bash(
        &repository().join("tools/release/notes.sh"),
        &[&format!("v{version}")],
    );
    let has_section = changelog.contains(&format!("\n## [{version}]"));
    assert_eq!(
        output.status.success(),
        has_section,
        "{}",
        text(&output.stderr)
    );
}

#[cfg(unix)]
#[test]
fn an_archive_holds_the_binary_and_the_readme_with_a_checksum_that_verifies() {
    let dir = scratch_repository("0.2.0", CHANGELOG);
    let binary = dir.path().join("copydesk");
    std::fs::write(&binary, "#!/bin/sh\necho copydesk 0.2.0\n").unwrap();
    let out: PathBuf = dir.path().join("dist");
    let output = Command::new("bash")
        .arg(dir.path().join("tools/release/package.sh"))
        .args(["x86_64-unknown-linux-musl", "v0.2.0"])
        .arg(&binary)
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let archive = "copydesk-v0.2.0-x86_64-unknown-linux-musl.tar.gz";
    let listing = Command::new("tar")
        .args(["-tzf", archive])
        .current_dir(&out)
        .output()
        .unwrap();
    let mut entries: Vec<String> = text(&listing.stdout)
        .lines()
        .map(|l| l.trim_end_matches('/').to_string())
        .collect();
    entries.sort();
    let folder = "copydesk-v0.2.0-x86_64-unknown-linux-musl";
    assert_eq!(
        entries,
        [
            folder.to_string(),
            format!("{folder}/CHANGELOG.md"),
            format!("{folder}/README.md"),
            format!("{folder}/copydesk"),
        ]
    );
    let sum = std::fs::read_to_string(out.join(format!("{archive}.sha256"))).unwrap();
    assert!(sum.ends_with(&format!("  {archive}\n")), "{sum}");
    let checked = Command::new("sha256sum")
        .args(["--check", &format!("{archive}.sha256")])
        .current_dir(&out)
        .output();
    if let Ok(checked) = checked {
        assert!(checked.status.success(), "{}", text(&checked.stdout));
    }
}
