//! A run counts the same whoever reads its reports: each worker counts the
//! files it lints and, for a reporter that takes only the rendered bytes,
//! drops their findings where it made them. The outcome (summary, findings
//! per rule, whether the run fails, read errors) must match a run whose
//! reporter gets every report whole, and the counts made from those whole
//! reports on the calling thread; what the reporter writes must not change.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::config::FailOn;
use copydesk::render::{self, short, Summary};
use copydesk::run::FileRenderer;
use copydesk::{check, Collect, FileReport, Fixing, Outcome, Reporter, Settings, Severity};

/// The renderer leaves files with more findings than this unrendered, as
/// the command line does with its larger limit, so some reports must still
/// come whole.
const RENDER_LIMIT: usize = 3;

/// What a reporter that takes only the rendered bytes was handed of a file.
#[derive(Debug)]
struct Handed {
    path: String,
    findings: usize,
    source_bytes: usize,
    has_fixed: bool,
    rendered: bool,
    /// Handed over by the archive rules, on the calling thread.
    archive: bool,
}

/// Writes the short format from the workers' bytes, and from the report
/// only when the renderer made nothing of a file with findings.
#[derive(Default)]
struct RenderedOnly {
    out: Vec<u8>,
    handed: Vec<Handed>,
    in_archive: bool,
}

impl Reporter for RenderedOnly {
    fn renderer(&self) -> Option<FileRenderer> {
        Some(Box::new(|report: &FileReport| {
            let mut bytes = Vec::new();
            if report.diagnostics.len() <= RENDER_LIMIT {
                let _ = short::write_report(&mut bytes, report);
            }
            bytes
        }))
    }

    fn takes_rendered_only(&self) -> bool {
        true
    }

    fn file(&mut self, report: FileReport, rendered: Vec<u8>) {
        if rendered.is_empty() && !report.diagnostics.is_empty() {
            let _ = short::write_report(&mut self.out, &report);
        } else {
            self.out.extend_from_slice(&rendered);
        }
        self.handed.push(Handed {
            path: report.path.clone(),
            findings: report.diagnostics.len(),
            source_bytes: report.source.len(),
            has_fixed: report.fixed.is_some(),
            rendered: !rendered.is_empty(),
            archive: self.in_archive,
        });
    }

    fn archive_file(&mut self, report: FileReport, rendered: Vec<u8>) {
        self.in_archive = true;
        self.file(report, rendered);
    }
}

/// The counts of an outcome that every reporter must agree on.
fn counted(outcome: &Outcome) -> String {
    format!(
        "summary {:?}\nstatistics {:?}\nfailing {} fail-on {:?} io errors {}\nbaselined {:?}\nwarnings {:?}",
        outcome.summary,
        outcome.statistics,
        outcome.failing,
        outcome.fail_on,
        outcome.io_errors,
        outcome.baselined,
        outcome.warnings,
    )
}

/// The counts made from whole reports on the calling thread, as the run
/// made them before the workers counted.
fn counted_here(reports: &[FileReport], outcome: &Outcome) -> String {
    let mut statistics: BTreeMap<(Arc<str>, Severity), usize> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        *statistics.entry((d.rule.clone(), d.severity)).or_default() += 1;
    }
    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| outcome.fail_on.fails(d.severity));
    let io_errors = reports.iter().any(|r| r.io_error);
    let here = Outcome {
        summary: Summary::of(reports),
        statistics,
        failing,
        fail_on: outcome.fail_on,
        io_errors,
        baselined: outcome.baselined,
        warnings: outcome.warnings.clone(),
        ..Outcome::default()
    };
    counted(&here)
}

/// A path among the made-up copy's that does not exist.
const MISSING: &str = "missing.md";

/// Invented copy of every kind the counts tell apart: clean files, a few
/// findings (rendered on the worker), many (handed over whole), a language
/// the dates rules do not cover, and bytes that are not UTF-8.
fn made_up_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let portuguese = "O ministro disse que as conversas com o sindicato vão durar uma semana e \
        que não há pressa. Ele também afirmou que a proposta do governo foi bem recebida pelos \
        trabalhadores, mas que os detalhes ainda estão em discussão com os representantes.\n";
    for i in 0..90 {
        let folder = dir.path().join(format!("desk{}", i % 3));
        std::fs::create_dir_all(&folder).expect("a folder");
        let path = folder.join(format!("story{i:02}.md"));
        let bytes: Vec<u8> = match i % 6 {
            0 => b"The minister met the union on Monday.\n".to_vec(),
            1 => b"The goverment met. The Ambassador arrived.\n".to_vec(),
            2 => "The goverment met.\n\n"
                .repeat(4 + i % 7)
                .replace("met", "met on Tuesday, 3 March 2025")
                .into_bytes(),
            3 => portuguese.as_bytes().to_vec(),
            4 => vec![b'a', 0xff, 0xfe, b'\n'],
            _ => "He said \"it will rain. The goverment said so on 31 February.\n"
                .repeat(1 + i % 3)
                .into_bytes(),
        };
        std::fs::write(path, bytes).expect("a file");
    }
    dir
}

/// Check `paths` twice, with a reporter that takes only the rendered bytes
/// and with one that takes every report whole, and hold each outcome to the
/// other and to the whole reports' own counts.
/// Returns how many reports came stripped and how many came whole because
/// the renderer left them.
fn same_counts_either_way(
    paths: &[PathBuf],
    tweak: &dyn Fn(&mut Settings),
    archive: bool,
) -> (usize, usize) {
    let settings = || {
        let mut settings = Settings::for_paths(paths.iter().cloned());
        settings.archive.off = !archive;
        tweak(&mut settings);
        settings
    };
    let mut rendered_only = RenderedOnly::default();
    let lean = check(settings(), &mut rendered_only).expect("the configuration resolves");
    let mut collected = Collect::default();
    let whole = check(settings(), &mut collected).expect("the configuration resolves");

    assert_eq!(counted(&lean), counted(&whole));
    assert_eq!(lean.recorded, whole.recorded);
    if !archive {
        assert_eq!(counted(&whole), counted_here(&collected.reports, &whole));
    }
    assert!(
        whole.summary.findings() > 0,
        "the copy has findings to count"
    );

    // Byte for byte what whole reports render to.
    let mut stream = render::LineWriter(short::write_report);
    let expected = render::render_all(&mut stream, &collected.reports);
    assert_eq!(
        String::from_utf8_lossy(&rendered_only.out),
        String::from_utf8_lossy(&expected)
    );

    // Stripped where the bytes say it all, whole where they do not.
    let paths_whole: Vec<&str> = collected.reports.iter().map(|r| r.path.as_str()).collect();
    let paths_lean: Vec<&str> = rendered_only
        .handed
        .iter()
        .map(|h| h.path.as_str())
        .collect();
    assert_eq!(paths_lean, paths_whole);
    let (mut stripped, mut whole) = (0, 0);
    for (handed, report) in rendered_only.handed.iter().zip(&collected.reports) {
        let unrendered = !handed.rendered && !report.diagnostics.is_empty();
        // Files reported before linting began, and the archive's findings,
        // are made on the calling thread: nothing to drop elsewhere.
        let made_here = handed.archive || handed.path.ends_with(MISSING);
        if unrendered || made_here {
            assert_eq!(handed.findings, report.diagnostics.len(), "{handed:?}");
            assert_eq!(handed.source_bytes, report.source.len(), "{handed:?}");
            whole += usize::from(unrendered && !made_here);
        } else {
            stripped += usize::from(handed.rendered);
            assert_eq!(
                (handed.findings, handed.source_bytes, handed.has_fixed),
                (0, 0, false),
                "{handed:?}"
            );
        }
    }
    (stripped, whole)
}

/// A change to a run's settings, by name.
type Tweak = (&'static str, Box<dyn Fn(&mut Settings)>);

/// The settings that change what a worker counts or hands over.
fn every_setting() -> Vec<Tweak> {
    let threads = |n: usize| move |s: &mut Settings| s.threads = Some(n);
    vec![
        ("one thread", Box::new(threads(1))),
        ("two threads", Box::new(threads(2))),
        ("five threads", Box::new(threads(5))),
        (
            "errors fail",
            Box::new(|s: &mut Settings| {
                s.threads = Some(3);
                s.fail_on = Some(FailOn::Severity(Severity::Error));
            }),
        ),
        (
            "info fails",
            Box::new(|s: &mut Settings| {
                s.threads = Some(2);
                s.fail_on = Some(FailOn::Severity(Severity::Info));
            }),
        ),
        (
            "nothing fails",
            Box::new(|s: &mut Settings| s.fail_on = Some(FailOn::Never)),
        ),
        (
            "warnings and up",
            Box::new(|s: &mut Settings| {
                s.threads = Some(2);
                s.min_severity = Some(Severity::Warning);
            }),
        ),
        (
            "fixes computed",
            Box::new(|s: &mut Settings| {
                s.threads = Some(2);
                s.fixing = Fixing::Compute;
                s.unsafe_fixes = true;
            }),
        ),
    ]
}

#[test]
fn workers_count_made_up_copy_as_the_calling_thread_does() {
    let dir = made_up_folder();
    // A path that does not exist is reported before the files, in its place.
    let paths = [
        dir.path().to_path_buf(),
        dir.path().join("desk1").join(MISSING),
    ];
    for (name, tweak) in every_setting() {
        eprintln!("{name}");
        let (stripped, whole) = same_counts_either_way(&paths, tweak.as_ref(), false);
        assert!(stripped > 0 && whole > 0, "{name}: {stripped} {whole}");
    }
}

#[test]
fn workers_count_the_shared_articles_as_the_calling_thread_does() {
    let Some(articles) = support::articles() else {
        return;
    };
    for (name, tweak) in every_setting() {
        eprintln!("{name}");
        let (stripped, _) =
            same_counts_either_way(std::slice::from_ref(&articles), tweak.as_ref(), false);
        assert!(stripped > 0, "{name}");
    }
    // With the archive rules, whose findings come after every file.
    same_counts_either_way(
        std::slice::from_ref(&articles),
        &|s: &mut Settings| s.threads = Some(2),
        true,
    );
}

#[test]
fn a_baseline_records_the_same_identities_either_way() {
    let dir = made_up_folder();
    let folder: &Path = dir.path();
    same_counts_either_way(
        &[folder.to_path_buf()],
        &|s: &mut Settings| {
            s.threads = Some(3);
            s.record_baseline = Some(folder.to_path_buf());
        },
        false,
    );
}

/// The command line's short format, whose reports come stripped, against
/// its JSON format, whose reports come whole: the same findings, the same
/// statistics and summary, the same exit code. One file has more findings
/// than the command line renders on a worker.
#[test]
fn the_short_format_counts_what_the_json_format_lists() {
    let dir = made_up_folder();
    let big = "The goverment met on Monday, 31 February.\n\n".repeat(300);
    std::fs::write(dir.path().join("desk0/big.md"), big).expect("a file");
    for threads in ["1", "2", "4"] {
        let run = |format: &str| {
            let args = [
                "check",
                "--format",
                format,
                "--statistics",
                "--threads",
                threads,
                ".",
            ];
            let output = support::copydesk(dir.path(), &args);
            (output.status.code(), support::text(&output.stdout))
        };
        let (short_code, short) = run("short");
        let (json_code, json) = run("json");
        assert_eq!(short_code, json_code, "{threads} threads");
        let json: serde_json::Value = serde_json::from_str(&json).expect("JSON output");
        let listed = json["diagnostics"].as_array().expect("a list of findings");

        let finding_lines: Vec<&str> = short.lines().filter(|l| l.starts_with("./")).collect();
        assert_eq!(finding_lines.len(), listed.len(), "{threads} threads");
        let big_lines = finding_lines
            .iter()
            .filter(|l| l.starts_with("./desk0/big.md:"))
            .count();
        assert_eq!(big_lines, 600, "{threads} threads");

        let mut per_rule: BTreeMap<(String, String), usize> = BTreeMap::new();
        for d in listed {
            let rule = d["rule"].as_str().unwrap_or_default().to_string();
            let severity = d["severity"].as_str().unwrap_or_default().to_string();
            *per_rule.entry((rule, severity)).or_default() += 1;
        }
        let mut expected: Vec<String> = per_rule
            .iter()
            .map(|((rule, severity), count)| format!("{count:>6}  {rule:<32} {severity}"))
            .collect();
        expected.sort();
        let mut statistics: Vec<String> = short
            .lines()
            .filter(|l| l.starts_with("  ") && !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        statistics.sort();
        assert_eq!(statistics, expected, "{threads} threads");

        let summary = &json["summary"];
        let count = |key: &str| summary[key].as_u64().unwrap_or(u64::MAX);
        let line = format!(
            "Found {} errors, {} warnings and {} infos in {} files.",
            count("errors"),
            count("warnings"),
            count("infos"),
            count("files")
        );
        assert!(short.contains(&line), "{threads} threads: {line}\n{short}");
    }
}
