//! The GitHub Action as the runner runs it: action/run.sh and action/install.sh
//! in a made-up runner environment (`RUNNER_TEMP`, `GITHUB_STEP_SUMMARY`,
//! `GITHUB_OUTPUT`, `GITHUB_ACTION_PATH`, the `INPUT_*` variables action.yml
//! sets), with the copydesk this build made standing in for the installed
//! one, on a made-up article folder. Nothing is downloaded: a release is
//! packed into a local folder and fetched through `file://`.
//!
//! The scripts need bash and Python 3 (every GitHub runner has both); where
//! they are missing the tests skip with a line saying so, or fail under
//! `COPYDESK_REQUIRE_CORPUS=1`, as CI runs them.
#![cfg(unix)]

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_copydesk");

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `program` runs here; when not, a skip message (or a failure when
/// nothing may be skipped).
fn present(program: &str, probe: &[&str]) -> bool {
    let runs = Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|output| output.status.success());
    if !runs {
        let required = std::env::var_os("COPYDESK_REQUIRE_CORPUS").is_some_and(|v| v == "1");
        assert!(
            !required,
            "COPYDESK_REQUIRE_CORPUS=1 but {program} does not run"
        );
        support::say(format_args!(
            "skipping: {program} does not run here, and the action's scripts need it"
        ));
    }
    runs
}

fn scripts_can_run() -> bool {
    present("bash", &["-c", "true"]) && present("python3", &["-c", "pass"])
}

/// A runner: a workspace holding the articles, and the runner's temporary
/// folder, summary and output files.
struct Runner {
    _root: tempfile::TempDir,
    workspace: PathBuf,
    temp: PathBuf,
    summary: PathBuf,
    outputs: PathBuf,
}

impl Runner {
    fn new() -> Runner {
        let root = tempfile::tempdir().expect("temp dir");
        let workspace = root.path().join("workspace");
        let temp = root.path().join("runner-temp");
        for dir in [&workspace, &temp] {
            std::fs::create_dir_all(dir).unwrap();
        }
        Runner {
            summary: root.path().join("step-summary.md"),
            outputs: root.path().join("github-output"),
            workspace,
            temp,
            _root: root,
        }
    }

    /// A repository of articles: 12 errors and 12 warnings in `news/a.md`,
    /// one warning in `b.txt`, and a clean file.
    fn with_articles(self) -> Runner {
        let mut a = String::from("---\ndate: 2024-03-12\n---\n\n");
        for i in 0..12 {
            a.push_str(&format!(
                "On Thursday, March 12, 2024, the goverment met delegation {i}.\n\n"
            ));
        }
        std::fs::create_dir_all(self.workspace.join("news")).unwrap();
        std::fs::write(self.workspace.join("news/a.md"), a).unwrap();
        std::fs::write(
            self.workspace.join("b.txt"),
            "The goverment said on Friday, March 1, 2024 that talks would go on.\n",
        )
        .unwrap();
        std::fs::write(self.workspace.join("clean.md"), "Nothing to see here.\n").unwrap();
        self
    }

    /// A shell with nothing but the runner's variables: none of the test
    /// machine's own `GITHUB_*` or `INPUT_*` may leak in.
    fn shell(&self, script: &str) -> Command {
        let mut command = Command::new("bash");
        command
            .arg(repository().join(script))
            .current_dir(&self.workspace)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("RUNNER_TEMP", &self.temp)
            .env("GITHUB_STEP_SUMMARY", &self.summary)
            .env("GITHUB_OUTPUT", &self.outputs)
            .env("GITHUB_WORKSPACE", &self.workspace);
        command
    }

    /// action/run.sh with these inputs and this copydesk.
    fn run(&self, bin: &Path, inputs: &[(&str, &str)]) -> Output {
        let mut command = self.shell("action/run.sh");
        command
            .env("GITHUB_ACTION_PATH", repository())
            .env("COPYDESK_BIN", bin);
        for (name, value) in inputs {
            command.env(format!("INPUT_{name}"), value);
        }
        command.output().expect("bash runs the script")
    }

    fn summary(&self) -> String {
        std::fs::read_to_string(&self.summary).unwrap_or_default()
    }

    fn outputs(&self) -> BTreeMap<String, String> {
        std::fs::read_to_string(&self.outputs)
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// What copydesk itself reports for the workspace, as JSON diagnostics.
fn diagnostics(workspace: &Path) -> Vec<Value> {
    let json: Value =
        serde_json::from_slice(&support::check_json(&["."], workspace)).expect("JSON output");
    json["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// The summary's table rows that are findings (`| 12:4 | error | ...`).
fn finding_rows(summary: &str) -> usize {
    summary
        .lines()
        .filter(|line| {
            line.strip_prefix("| ")
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .count()
}

#[test]
fn github_format_names_files_from_the_repository_root() {
    let runner = Runner::new().with_articles();
    let output = Command::new(BIN)
        .args(["check", "--format", "github", "."])
        .current_dir(&runner.workspace)
        .output()
        .unwrap();
    let commands = text(&output.stdout);
    assert!(commands.contains("file=news/a.md,"), "{commands}");
    assert!(!commands.contains("file=./"), "{commands}");
}

#[test]
fn annotations_summary_and_sarif_come_from_one_run() {
    if !scripts_can_run() {
        return;
    }
    let runner = Runner::new().with_articles();
    let output = runner.run(
        Path::new(BIN),
        &[("PATHS", "."), ("SARIF", "reports/copydesk.sarif")],
    );
    let log = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{log}\n{}",
        text(&output.stderr)
    );
    let findings = diagnostics(&runner.workspace);
    assert_eq!(findings.len(), 25, "12 errors and 13 warnings");

    // Annotations: as many as GitHub shows, written as copydesk writes them,
    // with paths from the repository root; a notice first about the rest.
    let annotations: Vec<&str> = log.lines().filter(|line| line.starts_with("::")).collect();
    assert!(
        annotations[0].starts_with("::notice title=copydesk::"),
        "{log}"
    );
    let errors = annotations
        .iter()
        .filter(|l| l.starts_with("::error "))
        .count();
    let warnings = annotations
        .iter()
        .filter(|l| l.starts_with("::warning "))
        .count();
    assert_eq!((errors, warnings), (10, 10), "{log}");
    assert!(
        annotations.iter().all(|line| !line.contains("file=./")),
        "{log}"
    );
    let own = Command::new(BIN)
        .args(["check", "--format", "github", "."])
        .current_dir(&runner.workspace)
        .output()
        .unwrap();
    let own = text(&own.stdout);
    for annotation in &annotations[1..] {
        assert!(
            own.lines().any(|line| line == *annotation),
            "report.py and `--format github` disagree on {annotation}"
        );
    }
    // The rest are in the log as lines, so the log holds every finding.
    let rest: Vec<&str> = log
        .lines()
        .filter(|line| line.starts_with("news/") || line.starts_with("b.txt:"))
        .collect();
    assert_eq!(annotations.len() - 1 + rest.len(), findings.len(), "{log}");

    // The summary: every finding, under its file's heading.
    let summary = runner.summary();
    let sections: Vec<&str> = summary.split("\n### ").skip(1).collect();
    assert_eq!(sections.len(), 2, "two files have findings:\n{summary}");
    assert!(
        sections[0].starts_with("b.txt (0 errors, 1 warning"),
        "{summary}"
    );
    assert!(
        sections[1].starts_with("news/a.md (12 errors, 12 warnings"),
        "{summary}"
    );
    assert!(summary.contains("12 errors, 13 warnings and 0 infos in 3 files."));
    assert!(summary.contains("The check failed"));
    for finding in &findings {
        let path = finding["path"].as_str().unwrap().trim_start_matches("./");
        let section = sections
            .iter()
            .find(|section| section.starts_with(path))
            .expect("the finding's file has a section");
        let row = format!(
            "| {}:{} | {} | `{}` |",
            finding["line"],
            finding["column"],
            finding["severity"].as_str().unwrap(),
            finding["rule"].as_str().unwrap()
        );
        assert!(section.contains(&row), "{row} in\n{section}");
    }
    assert_eq!(finding_rows(&summary), findings.len());

    // The outputs, and SARIF a code-scanning upload can take.
    let outputs = runner.outputs();
    for (key, value) in [
        ("errors", "12"),
        ("warnings", "13"),
        ("infos", "0"),
        ("files", "3"),
        ("exit-code", "1"),
        ("sarif", "reports/copydesk.sarif"),
    ] {
        assert_eq!(
            outputs.get(key).map(String::as_str),
            Some(value),
            "{outputs:?}"
        );
    }
    let sarif = std::fs::read_to_string(runner.workspace.join("reports/copydesk.sarif"))
        .expect("the SARIF file is written");
    let log: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    assert!(results.iter().all(|result| {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        !uri.starts_with("./") && !uri.starts_with('/')
    }));
    if let Some(validator) = support::sarif_validator() {
        assert_eq!(
            support::schema_errors(&validator, &log),
            Vec::<String>::new()
        );
    }
}

#[test]
fn a_clean_run_passes_and_says_so() {
    if !scripts_can_run() {
        return;
    }
    let runner = Runner::new().with_articles();
    let output = runner.run(Path::new(BIN), &[("PATHS", "clean.md")]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(!text(&output.stdout).contains("::"), "no annotations");
    let summary = runner.summary();
    assert!(
        summary.contains("0 errors, 0 warnings and 0 infos in 1 file."),
        "{summary}"
    );
    assert!(summary.contains("The check passed"), "{summary}");
    assert_eq!(
        runner.outputs().get("exit-code").map(String::as_str),
        Some("0")
    );
}

#[test]
fn fail_on_and_another_format_reach_copydesk() {
    if !scripts_can_run() {
        return;
    }
    let runner = Runner::new().with_articles();
    // Only the weekday errors fail the step; `short` is what the log shows.
    let output = runner.run(
        Path::new(BIN),
        &[
            ("PATHS", "b.txt"),
            ("FAIL_ON", "error"),
            ("FORMAT", "short"),
        ],
    );
    let log = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{log}");
    assert!(
        log.contains("b.txt:1:5: warning[style.misspellings]"),
        "{log}"
    );
    assert!(!log.contains("::warning"), "{log}");
    assert!(runner.summary().contains("b.txt (0 errors, 1 warning"));
}

/// A stand-in copydesk that records each run's arguments, one run a line,
/// and answers as a clean run would.
fn recording_copydesk(dir: &Path) -> (PathBuf, PathBuf) {
    let record = dir.join("runs.txt");
    let script = dir.join("copydesk");
    std::fs::write(
        &script,
        format!(
            "#!/usr/bin/env bash\necho \"$*\" >> '{}'\n\
             case \"$*\" in *'--format json'*) echo '{{\"version\":1,\"diagnostics\":[],\"summary\":{{\"files\":0,\"errors\":0,\"warnings\":0,\"infos\":0}}}}' ;; esac\n",
            record.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    (script, record)
}

#[test]
fn inputs_become_flags_in_a_fixed_order() {
    if !scripts_can_run() {
        return;
    }
    let runner = Runner::new();
    let (fake, record) = recording_copydesk(&runner.temp);
    let output = runner.run(
        &fake,
        &[
            ("PATHS", "articles\n  desk/notes.md"),
            ("FAIL_ON", "error"),
            ("BASELINE", "copydesk-baseline.json"),
            ("CHANGED", "origin/main"),
            ("ARGS", "--select style,dates  --report-unused-suppressions"),
            ("FORMAT", "junit"),
            ("SARIF", "out/copydesk.sarif"),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let runs = std::fs::read_to_string(&record).unwrap();
    let common = "--baseline copydesk-baseline.json --changed=origin/main --select style,dates --report-unused-suppressions articles desk/notes.md";
    assert_eq!(
        runs.lines().collect::<Vec<_>>(),
        [
            format!("check --format json --fail-on error {common}"),
            format!("check --format junit --fail-on never {common}"),
            format!("check --format sarif --fail-on never {common}"),
        ],
        "the lint, the log's format, SARIF"
    );
}

#[test]
fn args_cannot_override_what_inputs_set() {
    if !scripts_can_run() {
        return;
    }
    let runner = Runner::new();
    let (fake, record) = recording_copydesk(&runner.temp);
    for args in [
        "--format sarif",
        "--fail-on=never",
        "--diff",
        "--write-baseline b.json",
    ] {
        let output = runner.run(&fake, &[("ARGS", args)]);
        assert_eq!(output.status.code(), Some(2), "{args}");
        assert!(text(&output.stdout).starts_with("::error "), "{args}");
    }
    assert!(!record.exists(), "copydesk never ran");
}

#[test]
fn a_run_that_cannot_start_fails_with_a_summary_saying_why() {
    if !scripts_can_run() {
        return;
    }
    let runner = Runner::new().with_articles();
    std::fs::write(runner.workspace.join("copydesk.toml"), "fail-on = 3\n").unwrap();
    let output = runner.run(Path::new(BIN), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(runner
        .summary()
        .contains("copydesk stopped before linting (exit code 2)"));
    assert_eq!(
        runner.outputs().get("exit-code").map(String::as_str),
        Some("2")
    );
}

#[test]
fn a_summary_past_githubs_limit_counts_what_it_leaves_out() {
    if !scripts_can_run() {
        return;
    }
    let runner = Runner::new().with_articles();
    let findings = runner.temp.join("findings.json");
    std::fs::write(&findings, support::check_json(&["."], &runner.workspace)).unwrap();
    let output = Command::new("python3")
        .arg(repository().join("action/report.py"))
        .arg(&findings)
        .args(["--exit-code", "1", "--limit", "1200", "--summary"])
        .arg(&runner.summary)
        .output()
        .unwrap();
    let summary = runner.summary();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(summary.len() < 1400, "{summary}");
    let shown = finding_rows(&summary);
    assert!(shown > 0 && shown < 25, "{summary}");
    assert!(
        summary.contains(&format!(
            "{} more findings in 1 file not listed",
            25 - shown
        )),
        "{summary}"
    );
}

#[test]
fn markdown_in_messages_stays_text() {
    if !scripts_can_run() {
        return;
    }
    let runner = Runner::new();
    let findings = runner.temp.join("findings.json");
    let finding = serde_json::json!({
        "path": "./a|b.md", "rule": "house.x", "severity": "warning",
        "message": "<script>alert(1)</script> a | b *c* [d](e)\nnext", "help": null,
        "line": 1, "column": 2, "end_line": 1, "end_column": 3
    });
    let document = serde_json::json!({
        "version": 1, "diagnostics": [finding],
        "summary": { "files": 1, "errors": 0, "warnings": 1, "infos": 0 }
    });
    std::fs::write(&findings, document.to_string()).unwrap();
    let output = Command::new("python3")
        .arg(repository().join("action/report.py"))
        .arg(&findings)
        .arg("--summary")
        .arg(&runner.summary)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let summary = runner.summary();
    assert!(summary.contains("### a\\|b.md"), "{summary}");
    assert!(
        summary
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; a \\| b \\*c\\* \\[d\\](e)<br>next"),
        "{summary}"
    );
}

/// The action's checkout as the runner lays it out, `_actions/OWNER/REPO/REF`,
/// with the repository's Cargo.toml (so the version is this build's).
fn action_checkout(runner: &Runner, reference: &str) -> PathBuf {
    let path = runner.temp.join("_actions/acme/copydesk").join(reference);
    std::fs::create_dir_all(&path).unwrap();
    std::fs::copy(repository().join("Cargo.toml"), path.join("Cargo.toml")).unwrap();
    path
}

/// A `cargo` that records that it was asked to build, and builds nothing
/// but a stand-in binary where `cargo install --root` would put it.
fn recording_cargo(dir: &Path) -> PathBuf {
    let bin_dir = dir.join("fake-bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let script = bin_dir.join("cargo");
    std::fs::write(
        &script,
        format!(
            "#!/usr/bin/env bash\necho \"$*\" >> '{}'\n\
             root=\"${{@: -1}}\"; mkdir -p \"$root/bin\"; printf '#!/bin/sh\\necho built\\n' > \"$root/bin/copydesk\"; chmod +x \"$root/bin/copydesk\"\n",
            dir.join("cargo-runs.txt").display()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    bin_dir
}

fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// install.sh with this runner's OS and architecture, a releases folder
/// reached through `file://`, and `cargo` recorded rather than run.
fn install(runner: &Runner, action_path: &Path, releases: &Path, extra: &[(&str, &str)]) -> Output {
    let fake_bin = recording_cargo(&runner.temp);
    let path = format!(
        "{}:{}",
        fake_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = runner.shell("action/install.sh");
    command
        .env("PATH", path)
        .env("GITHUB_ACTION_PATH", action_path)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env(
            "COPYDESK_RELEASES_URL",
            format!("file://{}", releases.display()),
        );
    for (name, value) in extra {
        command.env(name, value);
    }
    command.output().expect("bash runs the script")
}

/// A release packed by tools/release/package.sh as the release workflow
/// packs it, under `releases/TAG/`. Its binary is a stand-in that answers
/// `--version` as this build does (packing the real, unoptimised binary
/// would take seconds for nothing the scripts look at).
fn release(runner: &Runner) -> PathBuf {
    let releases = runner.temp.join("releases");
    let tag = format!("v{}", version());
    let binary = runner.temp.join("build/copydesk");
    std::fs::create_dir_all(binary.parent().unwrap()).unwrap();
    std::fs::write(
        &binary,
        format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'copydesk {}'; else echo released; fi\n",
            version()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&binary)
        .status()
        .unwrap();
    let output = Command::new("bash")
        .arg(repository().join("tools/release/package.sh"))
        .args(["x86_64-unknown-linux-musl", &tag])
        .arg(&binary)
        .arg(releases.join(&tag))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    releases
}

fn cargo_runs(runner: &Runner) -> String {
    std::fs::read_to_string(runner.temp.join("cargo-runs.txt")).unwrap_or_default()
}

#[test]
fn a_release_tag_installs_the_release_binary_after_checking_it() {
    if !scripts_can_run() || !present("curl", &["--version"]) {
        return;
    }
    let runner = Runner::new();
    let tag = format!("v{}", version());
    let action_path = action_checkout(&runner, &tag);
    let releases = release(&runner);

    let output = install(&runner, &action_path, &releases, &[]);
    let log = text(&output.stdout);
    assert!(output.status.success(), "{log}\n{}", text(&output.stderr));
    assert!(log.contains("installed the"), "{log}");
    assert_eq!(cargo_runs(&runner), "", "nothing was built");
    let installed = runner.temp.join("copydesk-action/bin/copydesk");
    assert_eq!(
        runner.outputs().get("bin").map(PathBuf::from),
        Some(installed.clone())
    );
    let ran = Command::new(&installed).output().unwrap();
    assert_eq!(text(&ran.stdout), "released\n", "the release's binary");
}

#[test]
fn a_binary_that_fails_its_checksum_is_not_installed() {
    if !scripts_can_run() || !present("curl", &["--version"]) {
        return;
    }
    let runner = Runner::new();
    let tag = format!("v{}", version());
    let action_path = action_checkout(&runner, &tag);
    let releases = release(&runner);
    let sum = releases.join(&tag).join(format!(
        "copydesk-{tag}-x86_64-unknown-linux-musl.tar.gz.sha256"
    ));
    let published = std::fs::read_to_string(&sum).unwrap();
    let forged = format!("{}{}", "0".repeat(64), &published[64..]);
    std::fs::write(&sum, forged).unwrap();

    let output = install(&runner, &action_path, &releases, &[]);
    let log = text(&output.stdout);
    assert!(output.status.success(), "{log}");
    assert!(
        log.contains("does not match its published SHA-256"),
        "{log}"
    );
    assert!(
        cargo_runs(&runner).starts_with("install --locked"),
        "built instead"
    );
    let installed = runner.temp.join("copydesk-action/bin/copydesk");
    let ran = Command::new(&installed).output().unwrap();
    assert_eq!(
        text(&ran.stdout),
        "built\n",
        "the built binary, not the download"
    );
}

#[test]
fn a_branch_or_an_unknown_runner_builds_from_source() {
    if !scripts_can_run() || !present("curl", &["--version"]) {
        return;
    }
    let runner = Runner::new();
    let releases = release(&runner);
    let branch = action_checkout(&runner, "main");
    let output = install(&runner, &branch, &releases, &[]);
    assert!(output.status.success());
    assert!(text(&output.stdout).contains("used at main, not at the release tag"));
    assert!(cargo_runs(&runner).contains(&format!("--path {}", branch.display())));

    let runner = Runner::new();
    let tag = format!("v{}", version());
    let tagged = action_checkout(&runner, &tag);
    let output = install(&runner, &tagged, &releases, &[("RUNNER_ARCH", "ARM")]);
    assert!(output.status.success());
    assert!(text(&output.stdout).contains("no release binary is built"));
    assert!(cargo_runs(&runner).starts_with("install"));
}

#[test]
fn the_release_url_is_read_from_where_the_runner_put_the_action() {
    if !scripts_can_run() || !present("curl", &["--version"]) {
        return;
    }
    let runner = Runner::new();
    let tag = format!("v{}", version());
    let action_path = action_checkout(&runner, &tag);
    let fake_bin = recording_cargo(&runner.temp);
    let output = runner
        .shell("action/install.sh")
        .env(
            "PATH",
            format!(
                "{}:{}",
                fake_bin.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("GITHUB_ACTION_PATH", &action_path)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "ARM64")
        .env("GITHUB_SERVER_URL", "file:///nonexistent")
        .output()
        .unwrap();
    let log = text(&output.stdout);
    assert!(
        log.contains(&format!(
            "file:///nonexistent/acme/copydesk/releases/download/{tag}/copydesk-{tag}-aarch64-unknown-linux-gnu.tar.gz"
        )),
        "{log}"
    );
    assert!(
        cargo_runs(&runner).starts_with("install"),
        "no release there: built"
    );
}

/// A PATH holding only the tools run.sh needs besides Python, as links.
fn path_without_python(dir: &Path) -> PathBuf {
    let bin = dir.join("no-python-bin");
    std::fs::create_dir_all(&bin).unwrap();
    for tool in ["bash", "mktemp", "dirname", "rm", "mkdir", "cat"] {
        let found = Command::new("bash")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .unwrap();
        let target = text(&found.stdout).trim().to_string();
        std::os::unix::fs::symlink(target, bin.join(tool)).unwrap();
    }
    bin
}

#[test]
fn without_python_the_annotations_come_from_copydesk() {
    if !scripts_can_run() {
        return;
    }
    let runner = Runner::new().with_articles();
    let path = path_without_python(&runner.temp);
    let output = runner
        .shell("action/run.sh")
        .env("PATH", &path)
        .env("COPYDESK_BIN", BIN)
        .env("INPUT_PATHS", ".")
        .output()
        .unwrap();
    let log = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{log}{}",
        text(&output.stderr)
    );
    assert!(
        log.starts_with("::warning title=copydesk action::no Python 3"),
        "{log}"
    );
    assert_eq!(
        log.lines()
            .filter(|l| l.starts_with("::error file=news/a.md,"))
            .count(),
        12
    );
    assert_eq!(runner.summary(), "", "no summary without Python");
    assert_eq!(
        runner.outputs().get("exit-code").map(String::as_str),
        Some("1")
    );
}

/// The `changed` input with the real binary, in a real repository: only the
/// file the branch added is linted, though the base has findings too.
#[test]
fn changed_lints_only_what_the_branch_changed() {
    if !scripts_can_run() || !present("git", &["--version"]) {
        return;
    }
    let runner = Runner::new();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(args)
            .current_dir(&runner.workspace)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "a")
            .env("GIT_AUTHOR_EMAIL", "a@example.com")
            .env("GIT_COMMITTER_NAME", "a")
            .env("GIT_COMMITTER_EMAIL", "a@example.com")
            .output()
            .expect("git runs");
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            text(&status.stderr)
        );
    };
    git(&["init", "-q", "-b", "main"]);
    std::fs::write(runner.workspace.join("old.md"), "The goverment met.\n").unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    git(&["checkout", "-q", "-b", "feature"]);
    std::fs::write(runner.workspace.join("new.md"), "A seperate story.\n").unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "branch"]);

    let output = runner.run(Path::new(BIN), &[("CHANGED", "main")]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let annotations = text(&output.stdout);
    assert!(annotations.contains("file=new.md,"), "{annotations}");
    assert!(!annotations.contains("old.md"), "{annotations}");
    assert_eq!(runner.outputs()["files"], "1", "{:?}", runner.outputs());
}
