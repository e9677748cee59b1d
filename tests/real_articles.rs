//! Precision on real copy: every finding at warning or above on the real
//! articles in `../shared/articles/` must be in `tests/real-articles.expected`,
//! and every line there must still be found. A new false alarm therefore fails
//! the build until it is fixed or consciously accepted (re-bless with
//! `COPYDESK_BLESS=1 cargo test --test real_articles` and review the diff).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use copydesk::config::{self, Overrides, RawConfig};
use copydesk::diagnostic::Severity;
use copydesk::document::LineIndex;
use copydesk::workspace::{self, FixRequest, DEFAULT_MAX_FILE_SIZE};

fn articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/articles")
}

fn expected_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real-articles.expected")
}

fn current_findings() -> BTreeSet<String> {
    let root = articles();
    assert!(
        root.is_dir(),
        "the real articles must be at {} (the shared folder beside the repository)",
        root.display()
    );
    let resolved = config::resolve(RawConfig::default(), &Overrides::default())
        .expect("default config resolves");
    let (files, errors) =
        workspace::walk(&root, &root, resolved.include.as_ref(), &resolved.exclude);
    assert!(errors.is_empty(), "walk errors: {errors:?}");
    assert!(
        files.len() > 1000,
        "expected the whole article collection, found {} files",
        files.len()
    );
    let mut findings = BTreeSet::new();
    for file in files {
        let display = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let report = workspace::lint_path(
            &resolved.linter,
            &display,
            &file,
            DEFAULT_MAX_FILE_SIZE,
            FixRequest::None,
        );
        let lines = LineIndex::new(&report.source);
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
        {
            let (line, column) = lines.line_col(&report.source, d.span.start);
            let matched: String = report.source[d.span.clone()].chars().take(40).collect();
            findings.insert(format!(
                "{display}:{line}:{column}: {} {:?}",
                d.rule, matched
            ));
        }
    }
    findings
}

#[test]
fn findings_on_real_articles_match_the_reviewed_list() {
    let found = current_findings();
    if std::env::var_os("COPYDESK_BLESS").is_some() {
        let mut text = String::from(
            "# Findings at warning or above on ../shared/articles, each reviewed by an editor.\n\
             # Regenerate with COPYDESK_BLESS=1 cargo test --test real_articles, then review the diff.\n",
        );
        for line in &found {
            text.push_str(line);
            text.push('\n');
        }
        std::fs::write(expected_file(), text).expect("write the expected list");
        return;
    }
    let expected_text = std::fs::read_to_string(expected_file()).unwrap_or_default();
    let expected: BTreeSet<String> = expected_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let new: Vec<&String> = found.difference(&expected).collect();
    let gone: Vec<&String> = expected.difference(&found).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "findings on real articles changed.\nnew (fix the rule or accept them):\n  {}\nno longer found:\n  {}",
        new.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  "),
        gone.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  ")
    );
}
