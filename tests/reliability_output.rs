//! Output at its edges: formats that write each file's findings as they come
//! (so that a file with a million findings, or a run of 80,000 files, is not
//! held whole), odd file names and odd files named on the command line, and
//! configuration mistakes reported where they are.

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use copydesk::diagnostic::{Applicability, Diagnostic, Severity};
use copydesk::lint::FileReport;
use copydesk::render::{self, Stream};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_copydesk");

const MISSPELT: &str = "The goverment met.\n";

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the copydesk binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(root: &Path, relative: &str, content: &str) {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, content).expect("write");
}

/// A report of `count` findings on one line each, with labels, notes, help
/// and multi-place fixes, so that every part of every format is exercised.
fn report(path: &str, count: usize) -> FileReport {
    let unit = "He said “the goverment met\" today.\n";
    let source = unit.repeat(count);
    let diagnostics = (0..count)
        .map(|i| {
            let at = i * unit.len() + unit.find("goverment").unwrap_or(0);
            Diagnostic::new(
                "style.misspellings",
                Severity::Warning,
                at..at + 9,
                format!("finding {i} in {path}"),
            )
            .with_label(at - 4..at - 1, "the quotation opens here")
            .with_note("a note")
            .with_help("write 'government'")
            .with_fix(at..at + 9, "government", Applicability::Safe)
        })
        .collect();
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

fn streams() -> Vec<(&'static str, Box<dyn Stream>)> {
    vec![
        ("human", Box::new(render::human::Writer { color: false })),
        (
            "short",
            Box::new(render::LineWriter(render::short::write_report)),
        ),
        (
            "github",
            Box::new(render::LineWriter(render::github::write_report)),
        ),
        (
            "jsonl",
            Box::new(render::LineWriter(render::jsonl::write_report)),
        ),
        ("json", Box::new(render::json::Writer::default())),
        ("sarif", Box::new(render::sarif::Writer::new(&[]))),
        ("gitlab", Box::new(render::gitlab::Writer::default())),
    ]
}

#[test]
fn every_stream_writes_a_file_when_it_is_given_not_at_the_end() {
    let first = report("a.md", 2);
    let second = report("b.md", 2);
    for (name, mut stream) in streams() {
        let mut out = Vec::new();
        stream.begin(&mut out).expect("begin");
        stream.report(&mut out, &first).expect("first file");
        let after_first = text(&out);
        assert!(
            after_first.contains("finding 1 in a.md"),
            "{name}: {after_first}"
        );
        assert!(!after_first.contains("b.md"), "{name}: {after_first}");
        stream.report(&mut out, &second).expect("second file");
        assert!(text(&out).contains("finding 1 in b.md"), "{name}");
        stream
            .end(
                &mut out,
                &render::Summary::of(&[first.clone(), second.clone()]),
            )
            .expect("end");
        // Written piece by piece, the output is still the format's whole text.
        let reports = [first.clone(), second.clone()];
        let whole = match name {
            "human" => text(&render::human::render(&reports, false)),
            "short" => render::short::render(&reports),
            "github" => render::github::render(&reports),
            "jsonl" => render::jsonl::render(&reports),
            "json" => render::json::render(&reports),
            "sarif" => render::sarif::render(&reports, &[]),
            _ => render::gitlab::render(&reports),
        };
        assert_eq!(text(&out), whole, "{name}");
        if matches!(name, "json" | "sarif" | "gitlab") {
            let parsed: Result<Value, _> = serde_json::from_slice(&out);
            assert!(parsed.is_ok(), "{name} is one JSON document");
        }
    }
}

/// Records the largest single write: a format that builds a file's (or the
/// run's) text before writing it shows up as one huge write.
struct LargestWrite {
    largest: usize,
    total: usize,
}

impl Write for LargestWrite {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.largest = self.largest.max(bytes.len());
        self.total += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn no_format_holds_a_file_with_many_findings_as_one_text() {
    let many = report("many.md", 3000);
    for (name, mut stream) in streams() {
        let mut out = LargestWrite {
            largest: 0,
            total: 0,
        };
        stream.begin(&mut out).expect("begin");
        stream.report(&mut out, &many).expect("report");
        stream
            .end(&mut out, &render::Summary::of(&[]))
            .expect("end");
        assert!(out.total > 100_000, "{name}: {} bytes", out.total);
        assert!(
            out.largest < 16 * 1024,
            "{name} wrote {} bytes at once",
            out.largest
        );
    }
    // JUnit lists a file's findings in its one failure, so they are one
    // text there (never with the file's own text: tests/junit.rs).
    let junit = render::junit::render(std::slice::from_ref(&many));
    assert!(junit.len() > 100_000, "junit: {} bytes", junit.len());
    assert_eq!(junit.matches("<failure ").count(), 1, "junit");
}

#[test]
fn sarif_adds_the_rules_it_meets_only_in_results_after_streaming_them() {
    let mut broken = report("a.md", 0);
    broken.diagnostics.push(Diagnostic::new(
        "io.read",
        Severity::Error,
        0..0,
        "unreadable",
    ));
    let log: Value =
        serde_json::from_str(&render::sarif::render(&[broken, report("b.md", 1)], &[]))
            .expect("SARIF is JSON");
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .map(|rules| rules.iter().filter_map(|r| r["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(rules, ["io.read", "style.misspellings"]);
    assert_eq!(run["results"][1]["ruleIndex"], 1);
}

#[test]
fn a_file_with_more_findings_than_a_worker_renders_comes_out_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Enough findings that the file is written in its turn, a finding at a
    // time, instead of rendered whole by its worker.
    write(dir.path(), "big.md", &MISSPELT.repeat(600));
    write(dir.path(), "small.md", MISSPELT);
    let short = copydesk(dir.path(), &["check", "--format", "short"]);
    let lines: Vec<String> = text(&short.stdout).lines().map(String::from).collect();
    assert_eq!(lines.len(), 602, "{lines:?}");
    assert!(lines[0].starts_with("big.md:1:5: warning[style.misspellings]"));
    assert!(lines[599].starts_with("big.md:600:5:"));
    assert!(lines[600].starts_with("small.md:1:5:"));
    let human = copydesk(dir.path(), &["check"]);
    assert_eq!(
        text(&human.stdout)
            .matches("warning[style.misspellings]")
            .count(),
        601
    );
    let json = copydesk(dir.path(), &["check", "--format", "json"]);
    let parsed: Value = serde_json::from_slice(&json.stdout).expect("one JSON document");
    assert_eq!(parsed["diagnostics"].as_array().map(Vec::len), Some(601));
    assert_eq!(parsed["summary"]["files"], 2);
}

#[test]
fn an_unknown_house_style_on_the_command_line_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", MISSPELT);
    let output = copydesk(dir.path(), &["check", "--house-style", "apx", "a.md"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("unknown house style"), "{stderr}");
    assert!(stderr.contains("ap, reuters, bbc, iso"), "{stderr}");
    assert!(stderr.contains("did you mean `ap`"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing was linted");
    let known = copydesk(dir.path(), &["check", "--house-style", "ap", "a.md"]);
    assert_eq!(known.status.code(), Some(1), "{known:?}");
}

#[test]
fn a_missing_rule_set_is_reported_at_its_name_with_the_other_problems() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", MISSPELT);
    write(
        dir.path(),
        "copydesk.toml",
        "rule-sets = [\"nope.toml\"]\nlangauge = \"en\"\n",
    );
    let output = copydesk(dir.path(), &["check", "a.md"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("error[config.rule-set]: cannot read `nope.toml`"),
        "{stderr}"
    );
    assert!(stderr.contains("copydesk.toml:1:14"), "{stderr}");
    assert!(stderr.contains("unknown key `langauge`"), "{stderr}");
    assert!(stderr.contains("2 problems"), "{stderr}");
}

#[test]
fn bad_globs_point_at_their_string() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", MISSPELT);
    write(
        dir.path(),
        "copydesk.toml",
        "exclude = [\"a/[b\"]\ninclude = [\"ok/**\", \"c/{d\"]\n\n[[per-path]]\npaths = [\"x/[y\"]\nignore = [\"quotes\"]\n",
    );
    let output = copydesk(dir.path(), &["check", "a.md"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = text(&output.stderr);
    for place in [
        "copydesk.toml:1:12",
        "copydesk.toml:2:21",
        "copydesk.toml:5:10",
    ] {
        assert!(stderr.contains(place), "{place} in {stderr}");
    }
    assert!(!stderr.contains("copydesk.toml:1:1\n"), "{stderr}");
    assert!(stderr.contains("unclosed alternate group"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_called_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink("two", dir.path().join("one")).expect("link");
    std::os::unix::fs::symlink("one", dir.path().join("two")).expect("link");
    write(dir.path(), "a.md", MISSPELT);
    let output = copydesk(dir.path(), &["check", "--format", "short", "one", "a.md"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("one:1:1: error[io.read] a symbolic link loop"),
        "{stdout}"
    );
    assert!(!stdout.contains("no such file"), "{stdout}");
    assert!(
        stdout.contains("a.md:1:5"),
        "the other file is linted: {stdout}"
    );
    // A missing path is still called missing.
    let missing = copydesk(dir.path(), &["check", "--format", "short", "gone.md"]);
    assert!(text(&missing.stdout).contains("no such file or folder"));
}

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_skipped_not_waited_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.md");
    let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: `name` is a NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
    write(dir.path(), "a.md", MISSPELT);
    let mut child = Command::new(BIN)
        .args(["check", "--format", "short", "pipe.md", "a.md"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    // Nothing ever writes to the FIFO: reading it would wait forever.
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("copydesk waited on the FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("pipe.md:1:1: error[io.read] a named pipe (FIFO), not a regular file"),
        "{stdout}"
    );
    assert!(
        stdout.contains("a.md:1:5"),
        "the other file is linted: {stdout}"
    );
}

#[cfg(unix)]
#[test]
fn sarif_keeps_a_unix_backslash_in_the_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a\\b.md", MISSPELT);
    let output = copydesk(dir.path(), &["check", "--format", "sarif"]);
    let log: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "a%5Cb.md");
    // JSON names the file as it is; human output doubles the backslash, the
    // sign that the name is escaped.
    let json = copydesk(dir.path(), &["check", "--format", "json"]);
    let parsed: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(parsed["diagnostics"][0]["path"], "a\\b.md");
    let short = copydesk(dir.path(), &["check", "--format", "short"]);
    assert!(text(&short.stdout).starts_with("a\\\\b.md:1:5:"));
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_shown_faithfully_and_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let names: [&[u8]; 2] = [b"caf\xe9.md", b"caf\xe8.md"];
    for name in names {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        if std::fs::write(&path, MISSPELT).is_err() {
            // A file system that only takes UTF-8 names (APFS): nothing to show.
            return;
        }
    }
    let short = copydesk(dir.path(), &["check", "--format", "short"]);
    let stdout = text(&short.stdout);
    assert!(stdout.contains("caf\\xE8.md:1:5: warning"), "{stdout}");
    assert!(stdout.contains("caf\\xE9.md:1:5: warning"), "{stdout}");
    assert!(stdout.contains("in 2 files"), "{stdout}");

    let json = copydesk(dir.path(), &["check", "--format", "json"]);
    let parsed: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let found: Vec<(String, Vec<u8>)> = parsed["diagnostics"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| {
                    let bytes = d["path_bytes"]
                        .as_array()
                        .map(|b| {
                            b.iter()
                                .filter_map(|n| n.as_u64())
                                .map(|n| n as u8)
                                .collect()
                        })
                        .unwrap_or_default();
                    (d["path"].as_str().unwrap_or("").to_string(), bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        found,
        [
            ("caf\\xE8.md".to_string(), names[1].to_vec()),
            ("caf\\xE9.md".to_string(), names[0].to_vec()),
        ]
    );

    let sarif = copydesk(dir.path(), &["check", "--format", "sarif"]);
    let log: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .map(|results| {
            results
                .iter()
                .filter_map(|r| {
                    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str()
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(uris, ["caf%E8.md", "caf%E9.md"]);
}
