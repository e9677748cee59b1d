//! `--format junit` against a JUnit schema and against what it promises: a
//! test case per file with its time and path, one failure per failing file
//! listing every finding, an error per file that could not be read, and
//! totals that agree with the cases.
//!
//! The schema is `tests/schemas/junit.xsd` (modelled on the JUnit XML that
//! Jenkins and Ant describe), checked with `xmllint` from libxml2: the one
//! XML Schema validator in pure Rust we found (xmloxide 0.5) lets undeclared
//! attributes through and refuses an optional choice that is left out, so it
//! would pass output that CI systems refuse. Without `xmllint` the schema
//! checks skip with a message (`.ci/run` installs libxml2-utils; under
//! `COPYDESK_REQUIRE_CORPUS=1` a missing `xmllint` fails them); everything
//! else here reads the XML with roxmltree and always runs.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::Duration;

use copydesk::config::FailOn;
use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::lint::FileReport;
use copydesk::render::junit::Suite;
use serde_json::Value;

/// Checks XML against `tests/schemas/junit.xsd` with `xmllint`.
struct Schema;

impl Schema {
    /// The schema check, or `None` (after a skip message) when `xmllint` is
    /// not installed. Under `COPYDESK_REQUIRE_CORPUS=1` its absence fails.
    fn available() -> Option<Schema> {
        let found = Command::new("xmllint")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if found {
            return Some(Schema);
        }
        let required = std::env::var_os("COPYDESK_REQUIRE_CORPUS").is_some_and(|v| v == "1");
        assert!(
            !required,
            "COPYDESK_REQUIRE_CORPUS=1 but xmllint is missing (apt-get install libxml2-utils)"
        );
        support::say(
            "skipping the JUnit schema check: xmllint is not installed (apt-get install libxml2-utils)",
        );
        None
    }

    /// What `xmllint` says is wrong with `xml` (empty when it is valid).
    fn problems(&self, xml: &str) -> String {
        let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/junit.xsd");
        let mut child = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&schema)
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("xmllint runs");
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(xml.as_bytes())
                .expect("xmllint reads the XML");
        }
        let output = child.wait_with_output().expect("xmllint finishes");
        if output.status.success() {
            String::new()
        } else {
            let said = String::from_utf8_lossy(&output.stderr).into_owned();
            format!("{}: {said}", output.status)
        }
    }

    fn assert_valid(&self, xml: &str) {
        let problems = self.problems(xml);
        assert!(problems.is_empty(), "{problems}\n{xml}");
    }
}

/// Check `xml` against the schema when `xmllint` is there.
fn assert_valid(xml: &str) {
    if let Some(schema) = Schema::available() {
        schema.assert_valid(xml);
    }
}

/// What a test case says, read back from the XML.
#[derive(Debug, Default)]
struct Case {
    attributes: BTreeMap<String, String>,
    /// `failure` or `error`, with its attributes and text.
    problem: Option<(String, BTreeMap<String, String>, String)>,
    system_out: Option<String>,
}

/// The XML read back: the attributes of `<testsuites>` and of its one
/// `<testsuite>`, and the cases.
#[derive(Debug)]
struct Junit {
    suites: BTreeMap<String, String>,
    suite: BTreeMap<String, String>,
    cases: Vec<Case>,
}

fn attributes(node: roxmltree::Node<'_, '_>) -> BTreeMap<String, String> {
    node.attributes()
        .map(|a| (a.name().to_string(), a.value().to_string()))
        .collect()
}

fn elements<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> {
    node.children().filter(roxmltree::Node::is_element)
}

fn read(xml: &str) -> Junit {
    let document = roxmltree::Document::parse(xml).expect("the output is XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = elements(root).collect();
    assert_eq!(suites.len(), 1, "one test suite");
    let suite = suites[0];
    assert_eq!(suite.tag_name().name(), "testsuite");
    let mut cases = Vec::new();
    for case_node in elements(suite) {
        assert_eq!(case_node.tag_name().name(), "testcase");
        let mut case = Case {
            attributes: attributes(case_node),
            ..Case::default()
        };
        for child in elements(case_node) {
            let text = child.text().unwrap_or_default().to_string();
            match child.tag_name().name() {
                name @ ("failure" | "error") => {
                    assert!(case.problem.is_none(), "one failure or error per case");
                    case.problem = Some((name.to_string(), attributes(child), text));
                }
                "system-out" => case.system_out = Some(text),
                other => panic!("unexpected <{other}> in a test case"),
            }
        }
        cases.push(case);
    }
    Junit {
        suites: attributes(root),
        suite: attributes(suite),
        cases,
    }
}

impl Junit {
    fn count(&self, kind: &str) -> usize {
        self.cases
            .iter()
            .filter(|case| case.problem.as_ref().is_some_and(|(k, _, _)| k == kind))
            .count()
    }

    fn case(&self, path: &str) -> &Case {
        self.cases
            .iter()
            .find(|case| case.attributes["name"] == path)
            .unwrap_or_else(|| panic!("no test case for {path}"))
    }

    /// The totals on `<testsuites>` and `<testsuite>` are those of the
    /// cases.
    fn assert_totals_agree(&self) {
        let tests = self.cases.len().to_string();
        let failures = self.count("failure").to_string();
        let errors = self.count("error").to_string();
        for totals in [&self.suites, &self.suite] {
            assert_eq!(totals["tests"], tests, "{totals:?}");
            assert_eq!(totals["failures"], failures, "{totals:?}");
            assert_eq!(totals["errors"], errors, "{totals:?}");
            assert_eq!(totals["skipped"], "0", "{totals:?}");
        }
    }
}

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    support::copydesk(dir, args)
}

fn stdout(output: &Output) -> String {
    support::text(&output.stdout)
}

/// A repository with a file of each kind: three warnings, one info only,
/// an error and a warning, none, not UTF-8, and a name full of markup.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files: [(&str, &[u8]); 7] = [
        (
            "copydesk.toml",
            b"builtin = [\"style\"]\n\n[severity]\n\"style.titles\" = \"info\"\n\"style.spelling-consistency\" = \"error\"\n",
        ),
        (
            "a/three-warnings.txt",
            b"LONDON, Nov 2 (Wire) - The goverment recieved the report.\n\nThe goverment met.\n",
        ),
        (
            "a/info-only.txt",
            b"SEOUL, March 5 (Wire) - The ambassador met the minister.\n\nThe Ambassador noted the talks.\n",
        ),
        (
            "a/error-and-warning.md",
            b"# Talks\n\nZelenskyy spoke. Later Zelensky and the goverment met.\n",
        ),
        ("b/clean.md", b"# Clean\n\nThe minister spoke on Monday.\n"),
        ("b/latin1.txt", b"Caf\xe9 society met.\n"),
        (
            "b/<&>\"' name.md",
            b"# Odd\n\nThe goverment said \"yes\" & <no>.\n",
        ),
    ];
    for (relative, bytes) in files {
        let path = dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        std::fs::write(path, bytes).expect("written");
    }
    dir
}

#[test]
fn the_schema_refuses_what_ci_systems_refuse() {
    let Some(schema) = Schema::available() else {
        return;
    };
    let valid = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="copydesk" tests="2" failures="1" errors="0" time="0.5">
  <testsuite name="copydesk" tests="2" skipped="0" failures="1" errors="0" time="0.5">
    <testcase name="a.md" classname="a.md" time="0.25" file="a.md">
      <failure message="1 finding: 1 warning" type="warning">1:1 warning[a.b] text</failure>
      <system-out>out</system-out>
    </testcase>
    <testcase name="b.md" classname="b.md" time="0"/>
  </testsuite>
</testsuites>"#;
    schema.assert_valid(valid);
    let broken = [
        (
            "two failures in one case",
            valid.replace(
                "</failure>",
                "</failure><failure message=\"again\">x</failure>",
            ),
        ),
        (
            "a case without a name",
            valid.replace("testcase name=\"b.md\"", "testcase"),
        ),
        (
            "a count that is not a number",
            valid.replace("tests=\"2\" skipped", "tests=\"two\" skipped"),
        ),
        (
            "a negative time",
            valid.replace("time=\"0.25\"", "time=\"-1\""),
        ),
        (
            "an attribute JUnit does not have",
            valid.replace("file=\"a.md\"", "file=\"a.md\" colour=\"red\""),
        ),
        (
            "output before the failure",
            valid.replace(
                "<failure message=\"1 finding: 1 warning\" type=\"warning\">1:1 warning[a.b] text</failure>\n      <system-out>out</system-out>",
                "<system-out>out</system-out><failure message=\"m\">x</failure>",
            ),
        ),
        (
            "an unknown root",
            valid
                .replace("<testsuites ", "<report ")
                .replace("</testsuites>", "</report>"),
        ),
        ("not XML", valid.replace("</testsuite>", "")),
    ];
    for (what, xml) in broken {
        assert_ne!(xml, valid, "{what}: the mutation applies");
        assert!(
            !schema.problems(&xml).is_empty(),
            "{what} passed the schema"
        );
    }
}

#[test]
fn output_is_valid_junit_with_a_case_per_file() {
    let dir = repository();
    let output = copydesk(dir.path(), &["check", "--format", "junit"]);
    let xml = stdout(&output);
    assert_valid(&xml);
    let junit = read(&xml);
    junit.assert_totals_agree();
    let paths: Vec<&str> = junit
        .cases
        .iter()
        .map(|case| case.attributes["name"].as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "a/error-and-warning.md",
            "a/info-only.txt",
            "a/three-warnings.txt",
            "b/<&>\"' name.md",
            "b/clean.md",
            "b/latin1.txt",
        ]
    );
    for case in &junit.cases {
        let path = &case.attributes["name"];
        assert_eq!(&case.attributes["classname"], path);
        assert_eq!(&case.attributes["file"], path);
    }
    // An unreadable file is an error (exit code 2), whatever its findings.
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(junit.count("error"), 1);
    let (_, error, text) = junit.case("b/latin1.txt").problem.as_ref().expect("error");
    assert_eq!(error["type"], "io.encoding");
    assert!(text.starts_with("1:4 error[io.encoding] "), "{text}");
    assert_eq!(junit.count("failure"), 3);
    assert!(junit.case("b/clean.md").problem.is_none());
}

#[test]
fn a_failing_file_has_one_failure_listing_every_finding() {
    let dir = repository();
    let xml = stdout(&copydesk(dir.path(), &["check", "--format", "junit"]));
    let json: Value = serde_json::from_str(&stdout(&copydesk(
        dir.path(),
        &["check", "--format", "json"],
    )))
    .expect("JSON");
    let junit = read(&xml);
    for (path, message, worst) in [
        ("a/three-warnings.txt", "3 findings: 3 warnings", "warning"),
        (
            "a/error-and-warning.md",
            "2 findings: 1 error, 1 warning",
            "error",
        ),
        ("b/<&>\"' name.md", "1 finding: 1 warning", "warning"),
    ] {
        let (kind, failure, text) = junit.case(path).problem.as_ref().expect("a failure");
        assert_eq!(kind, "failure");
        assert_eq!(failure["message"], message, "{path}");
        assert_eq!(failure["type"], worst, "{path}");
        let expected: Vec<String> = json["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["path"] == path)
            .map(|d| {
                format!(
                    "{}:{} {}[{}] {}",
                    d["line"],
                    d["column"],
                    d["severity"].as_str().unwrap_or_default(),
                    d["rule"].as_str().unwrap_or_default(),
                    d["message"].as_str().unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(text.lines().collect::<Vec<_>>(), expected, "{path}");
    }
}

#[test]
fn failures_are_the_files_whose_findings_reach_fail_on() {
    let dir = repository();
    // fail-on → files that fail, files whose findings are only shown.
    let cases: [(&str, &[&str], &[&str]); 4] = [
        (
            "info",
            &[
                "a/error-and-warning.md",
                "a/info-only.txt",
                "a/three-warnings.txt",
                "b/<&>\"' name.md",
            ],
            &[],
        ),
        (
            "warning",
            &[
                "a/error-and-warning.md",
                "a/three-warnings.txt",
                "b/<&>\"' name.md",
            ],
            &["a/info-only.txt"],
        ),
        (
            "error",
            &["a/error-and-warning.md"],
            &[
                "a/info-only.txt",
                "a/three-warnings.txt",
                "b/<&>\"' name.md",
            ],
        ),
        (
            "never",
            &[],
            &[
                "a/error-and-warning.md",
                "a/info-only.txt",
                "a/three-warnings.txt",
                "b/<&>\"' name.md",
            ],
        ),
    ];
    for (fail_on, failing, shown) in cases {
        let xml = stdout(&copydesk(
            dir.path(),
            &["check", "--format", "junit", "--fail-on", fail_on],
        ));
        assert_valid(&xml);
        let junit = read(&xml);
        junit.assert_totals_agree();
        let failed: Vec<&str> = junit
            .cases
            .iter()
            .filter(|case| {
                case.problem
                    .as_ref()
                    .is_some_and(|(k, _, _)| k == "failure")
            })
            .map(|case| case.attributes["name"].as_str())
            .collect();
        assert_eq!(failed, failing, "--fail-on {fail_on}");
        for path in shown {
            let case = junit.case(path);
            assert!(case.problem.is_none(), "--fail-on {fail_on}: {path}");
            let out = case.system_out.as_deref().unwrap_or_default();
            assert!(
                !out.is_empty() && out.lines().all(|line| line.contains('[')),
                "--fail-on {fail_on}: {path}: {out:?}"
            );
        }
        // The file that cannot be read is an error under every fail-on.
        assert_eq!(junit.count("error"), 1, "--fail-on {fail_on}");
        assert!(junit.case("b/clean.md").system_out.is_none());
    }
}

#[test]
fn every_case_and_the_suite_have_a_time() {
    let dir = repository();
    // Large enough that checking it takes milliseconds even optimised.
    let long = "The minister said the talks would go on. ".repeat(20_000);
    std::fs::write(dir.path().join("b/long.md"), format!("# Long\n\n{long}\n")).expect("written");
    let xml = stdout(&copydesk(dir.path(), &["check", "--format", "junit"]));
    let junit = read(&xml);
    let seconds = |attributes: &BTreeMap<String, String>| -> f64 {
        let time = attributes.get("time").expect("a time");
        let seconds: f64 = time.parse().expect("seconds");
        assert!(seconds >= 0.0 && time.contains('.'), "{time}");
        seconds
    };
    let run = seconds(&junit.suite);
    assert_eq!(seconds(&junit.suites), run);
    assert!(run > 0.0);
    for case in &junit.cases {
        let took = seconds(&case.attributes);
        assert!(took <= run, "a file took {took}s of a {run}s run");
    }
    assert!(seconds(&junit.case("b/long.md").attributes) > 0.0);
}

#[test]
fn real_articles_give_valid_junit_that_agrees_with_json() {
    let Some(articles) = support::articles() else {
        return;
    };
    let args = |format| ["check", "--format", format, "--fail-on", "warning", "."];
    let xml = stdout(&copydesk(&articles, &args("junit")));
    assert_valid(&xml);
    let junit = read(&xml);
    junit.assert_totals_agree();
    let json: Value =
        serde_json::from_str(&stdout(&copydesk(&articles, &args("json")))).expect("JSON");
    assert_eq!(
        json["summary"]["files"].as_u64(),
        Some(junit.cases.len() as u64)
    );
    let mut findings: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for diagnostic in json["diagnostics"].as_array().expect("diagnostics") {
        let path = diagnostic["path"].as_str().expect("a path");
        findings.entry(path).or_default().push(diagnostic);
    }
    for case in &junit.cases {
        let path = case.attributes["name"].as_str();
        let mine = findings.get(path).map(Vec::as_slice).unwrap_or_default();
        let fails = mine.iter().any(|d| d["severity"] != "info");
        let listed = match &case.problem {
            Some((kind, _, text)) => {
                assert_eq!(kind, "failure", "{path}");
                assert!(fails, "{path} fails without a warning");
                text.lines().count()
            }
            None => {
                assert!(!fails, "{path} passes with a warning");
                case.system_out
                    .as_deref()
                    .map_or(0, |out| out.lines().count())
            }
        };
        assert_eq!(listed, mine.len(), "{path}");
    }
}

thread_local! {
    /// Bytes this thread has allocated and not freed.
    static HELD: Cell<isize> = const { Cell::new(0) };
}

/// The system allocator, counting per thread, so that a test can measure
/// what a call keeps while other tests run on other threads.
struct Counting;

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = HELD.try_with(|held| held.set(held.get() + layout.size() as isize));
        // SAFETY: as the caller promised for `layout`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = HELD.try_with(|held| held.set(held.get() - layout.size() as isize));
        // SAFETY: `ptr` came from `alloc` with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn the_suite_keeps_a_line_per_finding_and_not_the_text() {
    let text = "The goverment met. ".repeat(100_000);
    let findings = (0..3)
        .map(|i| {
            let at = 500_000 * i + 4;
            Diagnostic::new(
                "style.misspellings",
                Severity::Warning,
                at..at + 9,
                "misspelt",
            )
        })
        .collect();
    let report = FileReport {
        path: "long.md".to_string(),
        source: Arc::from(text),
        diagnostics: findings,
        io_error: false,
        fixed: None,
        fixes_applied: 0,
        uncovered: None,
    };
    let mut suite = Suite::default();
    let before = HELD.with(Cell::get);
    suite.add(&report, Duration::from_millis(5));
    let kept = HELD.with(Cell::get) - before;
    drop(report);
    assert!(
        (1..4096).contains(&kept),
        "the suite kept {kept} bytes of a 1.9 MB file with 3 findings"
    );
    let mut out = Vec::new();
    suite
        .write(&mut out, FailOn::default(), Duration::from_millis(7))
        .expect("written");
    let xml = String::from_utf8(out).expect("UTF-8");
    assert_valid(&xml);
    assert!(xml.contains("time=\"0.005\" file=\"long.md\""), "{xml}");
}
