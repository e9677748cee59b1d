//! What the integration tests share: where the real articles and the SARIF
//! schema live beside the repository, what to do when they are absent, and a
//! validator for SARIF built from that schema.
//!
//! On a fresh clone without `../shared`, the tests that need it skip, and
//! each test binary says so in one line on standard error; CI sets
//! `COPYDESK_REQUIRE_CORPUS=1`, and there a missing folder fails the test
//! instead, so nothing is skipped unseen.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The folder of real articles, or `None` (after saying why) when a test
/// that needs it should skip.
pub fn articles() -> Option<PathBuf> {
    shared("articles")
}

/// The founding story, or `None` (after saying why) when absent.
pub fn founding_story() -> Option<PathBuf> {
    articles().map(|root| root.join("000_58e6eba2e9345f1a.txt"))
}

/// The SARIF 2.1.0 JSON schema, or `None` (after saying why) when absent.
pub fn sarif_schema() -> Option<PathBuf> {
    shared("data/sarif/sarif-schema-2.1.0.json")
}

/// `../shared/<relative>` when it exists. When it does not: a panic if the
/// corpus is required, otherwise a one-line skip message and `None`.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative);
    if path.exists() {
        return Some(path);
    }
    let required = std::env::var_os("COPYDESK_REQUIRE_CORPUS").is_some_and(|v| v == "1");
    assert!(
        !required,
        "COPYDESK_REQUIRE_CORPUS=1 but {} is missing",
        path.display()
    );
    say_skipping(&path);
    None
}

/// One line on standard error, once per test binary.
fn say_skipping(path: &Path) {
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        say(format_args!(
            "skipping: {} is absent (tests that need ../shared skip; COPYDESK_REQUIRE_CORPUS=1 makes them fail)",
            path.display()
        ));
    });
}

/// Writes `line` to standard error itself, so that it shows in a passing
/// test: the test harness captures what `eprintln!` prints, and a test that
/// skips, or a figure a test reports, would go unseen.
pub fn say(line: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Every file under `root` but the collection's README, sorted.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.file_name().is_some_and(|name| name != "README.md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `path` relative to `root`, with forward slashes.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// `copydesk check --format json --fail-on never ARGS` in `dir`: its JSON
/// output, after checking that it exited 0.
pub fn check_json(args: &[&str], dir: &Path) -> Vec<u8> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("copydesk runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The SARIF 2.1.0 schema's validator, or `None` (after a skip message) when
/// `../shared` is absent.
pub fn sarif_validator() -> Option<jsonschema::Validator> {
    let path = sarif_schema()?;
    let text = std::fs::read_to_string(&path).expect("the SARIF 2.1.0 schema is in shared/data");
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    // The official schema's pattern for `language` properties (which copydesk
    // never writes) has a stray `]` that a strict validator refuses as a regex
    // when formats are checked. Mend that pattern; keep every format check.
    let mended = mend_language_patterns(&mut schema);
    assert!(mended > 0, "the schema still has the odd pattern");
    let validator = jsonschema::options()
        .offline()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles without fetching anything");
    Some(validator)
}

fn mend_language_patterns(value: &mut serde_json::Value) -> usize {
    const ODD: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        serde_json::Value::Object(map) => {
            let mut count = 0;
            for (key, child) in map.iter_mut() {
                if key == "pattern" && child.as_str() == Some(ODD) {
                    *child = serde_json::Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                    count += 1;
                } else {
                    count += mend_language_patterns(child);
                }
            }
            count
        }
        serde_json::Value::Array(items) => items.iter_mut().map(mend_language_patterns).sum(),
        _ => 0,
    }
}

/// Every way `log` breaks the schema, with where.
pub fn schema_errors(validator: &jsonschema::Validator, log: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

/// Runs the copydesk binary with `args` in `dir`, without colour.
pub fn copydesk(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the copydesk binary runs")
}

/// What the binary wrote, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// A linter of one built-in rule set alone, each rule at the level the set
/// gives it (rules that ship off stay off).
pub fn builtin_linter(set: &str) -> copydesk::engine::Linter {
    use copydesk::diagnostic::Level;
    let source = copydesk::ruleset::builtin(set).expect("the rule set is built in");
    let rules = copydesk::ruleset::compile(&[source]).expect("the built-in rule set compiles");
    let levels = rules
        .into_iter()
        .map(|rule| {
            let level = rule.meta.default_severity.map_or(Level::Off, Level::On);
            (rule, level)
        })
        .collect();
    copydesk::engine::Linter::new(
        levels,
        copydesk::rules::Settings::default(),
        copydesk::document::DocumentOptions::default(),
    )
}

/// A linter of built-in rule sets with every rule on at the level it takes
/// when switched on (rules that ship off included), under `house_style`.
pub fn every_rule_on(sets: &[&str], house_style: Option<&str>) -> copydesk::engine::Linter {
    use copydesk::diagnostic::Level;
    let sources: Vec<_> = sets
        .iter()
        .map(|set| copydesk::ruleset::builtin(set).expect("the rule set is built in"))
        .collect();
    let rules = copydesk::ruleset::compile(&sources)
        .expect("the built-in rule sets compile")
        .into_iter()
        .map(|rule| {
            let level = Level::On(rule.meta.severity_when_on);
            (rule, level)
        })
        .collect();
    copydesk::engine::Linter::new(
        rules,
        copydesk::rules::Settings {
            house_style: house_style.map(str::to_string),
        },
        copydesk::document::DocumentOptions::default(),
    )
}

/// What `linter` reports under `rule` on `text`, read as the file `path`.
pub fn findings_of_rule(
    linter: &copydesk::engine::Linter,
    path: &str,
    text: &str,
    rule: &str,
) -> Vec<copydesk::diagnostic::Diagnostic> {
    let doc = linter.document(path, text.to_string());
    linter
        .lint(&doc)
        .into_iter()
        .filter(|d| d.rule.as_ref() == rule)
        .collect()
}

/// (flagged words, suggested replacement or "", severity) of each of
/// `findings`, made on `text`: what country and date tests compare.
pub fn flagged(
    text: &str,
    findings: Vec<copydesk::diagnostic::Diagnostic>,
) -> Vec<(String, String, copydesk::diagnostic::Severity)> {
    findings
        .into_iter()
        .map(|d| {
            (
                text.get(d.span.clone()).unwrap_or_default().to_string(),
                d.fix.map(|f| f.replacement).unwrap_or_default(),
                d.severity,
            )
        })
        .collect()
}

/// A linter of the rules of one user rule set alone (read as `house.toml`),
/// each at its own severity.
pub fn rule_set_linter(rule_set: &str) -> copydesk::engine::Linter {
    use copydesk::ruleset::{compile, Source};
    let rules = compile(&[Source::new("house.toml", rule_set)]).expect("the rule set compiles");
    let levels = rules
        .into_iter()
        .map(|rule| {
            let severity = rule.meta.severity_when_on;
            (rule, copydesk::diagnostic::Level::On(severity))
        })
        .collect();
    copydesk::engine::Linter::new(
        levels,
        copydesk::rules::Settings::default(),
        copydesk::document::DocumentOptions::default(),
    )
}
