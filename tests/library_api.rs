//! The library's public calls give what the command line gives: `lint_text`
//! honours suppression comments and per-path ignores exactly as `copydesk
//! check` does, and `check` reports what the command line reports.

use std::path::Path;
use std::process::Command;

use copydesk::run::configuration_for;
use copydesk::{check, lint_text, Collect, Settings};
use serde_json::Value;

const ARTICLE: &str = "The goverment met.\n\n\
<!-- copydesk-disable-next-line style.misspellings -->\n\
The goverment left.\n\n\
The Ambassador arrived. The ambassador spoke. The goverment stayed.\n";

/// A repository whose configuration ignores titles in `opinion/`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[[per-path]]\npaths = [\"opinion/**\"]\nignore = [\"style.titles\"]\n",
    )
    .expect("write config");
    for folder in ["news", "opinion"] {
        std::fs::create_dir_all(dir.path().join(folder)).expect("folder");
        std::fs::write(dir.path().join(folder).join("story.md"), ARTICLE).expect("article");
    }
    dir
}

/// `(rule, start)` of every finding the command line reports for `file`.
fn command_line_findings(dir: &Path, file: &str) -> Vec<(String, u64)> {
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json", "--fail-on", "never", file])
        .current_dir(dir)
        .output()
        .expect("copydesk runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    json["diagnostics"]
        .as_array()
        .expect("a list of findings")
        .iter()
        .map(|d| {
            let rule = d["rule"].as_str().unwrap_or_default().to_string();
            (rule, d["start"].as_u64().unwrap_or(u64::MAX))
        })
        .collect()
}

#[test]
fn lint_text_honours_suppressions_and_per_path_ignores_as_the_command_line_does() {
    let dir = repository();
    for file in ["news/story.md", "opinion/story.md"] {
        let path = dir.path().join(file);
        let configuration =
            configuration_for(&Settings::default(), &path).expect("the configuration resolves");
        let report = lint_text(&configuration, &path.to_string_lossy(), ARTICLE.to_string());
        let library: Vec<(String, u64)> = report
            .diagnostics
            .iter()
            .map(|d| (d.rule.to_string(), d.span.start as u64))
            .collect();
        let cli = command_line_findings(dir.path(), file);
        assert_eq!(library, cli, "{file}");
        // The suppressed line is the only misspelling left out.
        let misspellings = library
            .iter()
            .filter(|(rule, _)| rule == "style.misspellings")
            .count();
        assert_eq!(misspellings, 2, "{file}: {library:?}");
        let titles = library.iter().any(|(rule, _)| rule == "style.titles");
        assert_eq!(titles, file.starts_with("news"), "{file}: {library:?}");
    }
}

#[test]
fn check_reports_each_file_in_path_order() {
    let dir = repository();
    let mut collected = Collect::default();
    let outcome = check(Settings::for_paths([dir.path()]), &mut collected)
        .expect("the configuration resolves");
    let paths: Vec<String> = collected
        .reports
        .iter()
        .map(|r| {
            Path::new(&r.path)
                .strip_prefix(dir.path())
                .map_or_else(|_| r.path.clone(), |p| p.display().to_string())
        })
        .collect();
    assert_eq!(paths, ["news/story.md", "opinion/story.md"]);
    assert_eq!(outcome.summary.files, 2);
    assert!(outcome.failing, "warnings fail the run by default");
    assert_eq!(
        collected.reports[0].diagnostics.len(),
        collected.reports[1].diagnostics.len() + 1,
        "only the news desk is told about the title"
    );
}
