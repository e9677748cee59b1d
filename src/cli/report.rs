//! How `check` presents a run: the reporter the format asks for, and what
//! closes the output once every file is in.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::args::{CheckArgs, Format};
use super::output;
use copydesk::config::Resolved;
use copydesk::diagnostic::Severity;
use copydesk::lint::FileReport;
use copydesk::render::{self, plural};
use copydesk::run::{FileRenderer, Outcome, Reporter};

/// A file with at most this many findings is rendered by the worker that
/// linted it, in parallel with the others; one with more is written a
/// finding at a time when its turn comes, so that its output is never held
/// whole in memory.
const PRERENDER_MAX_FINDINGS: usize = 256;

/// Output is handed to its stream in pieces of about this size.
const OUTPUT_CHUNK: usize = 64 * 1024;

/// The reporter of one `check` run.
pub struct CheckReporter {
    shape: Shape,
    out: Chunks,
}

enum Shape {
    /// Every format but JUnit: each file written as it finishes, in path
    /// order, between what the format puts before the first and after the
    /// last (`stream` is made once the rules are known).
    Streamed {
        format: Format,
        color: bool,
        stream: Option<Box<dyn render::Stream>>,
    },
    /// JUnit, whose totals come first: what it shows of each file is kept
    /// to the end, with when the run started.
    Junit {
        suite: render::junit::Suite,
        started: Instant,
    },
    /// `--diff`: the fixes as a unified diff.
    Diff { diff: String, changed: bool },
    /// `--write-baseline`: the baseline file is the output.
    Silent,
    /// `html`: the archive report, written once the archive is judged.
    Html { title: String },
}

/// A format whose files each stand alone, so a worker can render them.
pub(super) fn line_stream(format: Format, color: bool) -> Option<Box<dyn render::Stream>> {
    match format {
        Format::Human => Some(Box::new(render::human::Writer { color })),
        Format::Short => Some(Box::new(render::LineWriter(render::short::write_report))),
        Format::Github => Some(Box::new(render::LineWriter(render::github::write_report))),
        Format::Jsonl => Some(Box::new(render::LineWriter(render::jsonl::write_report))),
        Format::Json | Format::Sarif | Format::Gitlab | Format::Junit | Format::Html => None,
    }
}

/// A format written as one document, a file at a time in path order.
pub(super) fn document_stream(
    format: Format,
    rules: &[render::sarif::RuleDescriptor],
) -> Option<Box<dyn render::Stream>> {
    match format {
        Format::Json => Some(Box::new(render::json::Writer::default())),
        Format::Sarif => Some(Box::new(render::sarif::Writer::new(rules))),
        Format::Gitlab => Some(Box::new(render::gitlab::Writer::default())),
        Format::Human
        | Format::Short
        | Format::Github
        | Format::Jsonl
        | Format::Junit
        | Format::Html => None,
    }
}

/// Standard output (or, with `--fix -`, standard error), written in pieces
/// as they fill, so that neither a large file's findings nor a whole
/// document are held before they are written.
struct Chunks {
    pending: Vec<u8>,
    to_stderr: bool,
    /// False once standard output is closed.
    open: bool,
}

impl std::io::Write for Chunks {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if !self.open {
            return Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        }
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= OUTPUT_CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.to_stderr {
            output::write_stderr(&self.pending);
        } else if self.open && !self.pending.is_empty() {
            self.open = output::write_stdout(&self.pending);
        }
        self.pending.clear();
        if self.open {
            Ok(())
        } else {
            Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
        }
    }
}

impl CheckReporter {
    pub fn new(args: &CheckArgs, to_stderr: bool) -> Self {
        let shape = if args.write_baseline.is_some() {
            Shape::Silent
        } else if args.diff {
            Shape::Diff {
                diff: String::new(),
                changed: false,
            }
        } else if args.format == Format::Html {
            Shape::Html {
                title: report_title(&args.paths),
            }
        } else if args.format == Format::Junit {
            Shape::Junit {
                suite: render::junit::Suite::default(),
                started: Instant::now(),
            }
        } else {
            let terminal = if to_stderr {
                output::stderr_is_terminal()
            } else {
                output::stdout_is_terminal()
            };
            Shape::Streamed {
                format: args.format,
                color: output::use_color(args.color, terminal),
                stream: None,
            }
        };
        CheckReporter {
            shape,
            out: Chunks {
                pending: Vec::with_capacity(OUTPUT_CHUNK),
                to_stderr,
                open: true,
            },
        }
    }

    /// Write what closes the output. Returns whether the run found what
    /// fails it (for `--diff`: fixes to show), or `None` when standard
    /// output was closed.
    pub fn finish(mut self, args: &CheckArgs, outcome: &Outcome) -> Option<bool> {
        let out = &mut self.out;
        // A closed output ends the run quietly, whatever the writes say.
        let (_, found) = match &mut self.shape {
            Shape::Streamed { format, stream, .. } => {
                let tail = lines_tail(*format, args, outcome);
                let written = out.write_all(&tail).and_then(|()| match stream.as_mut() {
                    Some(stream) => stream.end(out, &outcome.summary),
                    None => Ok(()),
                });
                (written, outcome.failing)
            }
            Shape::Junit { suite, started } => {
                let suite = std::mem::take(suite);
                let written = suite.write(out, outcome.fail_on, started.elapsed());
                (written, outcome.failing)
            }
            Shape::Diff { diff, changed } => (out.write_all(diff.as_bytes()), *changed),
            Shape::Silent => (Ok(()), outcome.failing),
            Shape::Html { title } => {
                let page = match &outcome.archive {
                    Some(archive) => render::html::report(title, archive),
                    None => {
                        output::error(
                            "no report: the archive rules did not run (a list of files, \
                             `--no-archive`, `--shard`, or `[archive] enabled = false`)",
                        );
                        String::new()
                    }
                };
                (out.write_all(page.as_bytes()), outcome.failing)
            }
        };
        let _ = self.out.flush();
        self.out.open.then_some(found)
    }
}

impl Reporter for CheckReporter {
    fn start(&mut self, configurations: &[Arc<Resolved>]) {
        if let Shape::Streamed {
            format,
            color,
            stream,
        } = &mut self.shape
        {
            let rules =
                render::sarif::descriptors(configurations.iter().map(|r| r.linter.as_ref()));
            *stream = document_stream(*format, &rules).or_else(|| line_stream(*format, *color));
            if let Some(stream) = stream.as_mut() {
                let _ = stream.begin(&mut self.out);
            }
        }
    }

    fn renderer(&self) -> Option<FileRenderer> {
        let Shape::Streamed { format, color, .. } = self.shape else {
            return None;
        };
        // Only a format whose files stand alone is rendered on the workers.
        line_stream(format, color)?;
        Some(Box::new(move |report: &FileReport| {
            let mut bytes = Vec::new();
            if report.diagnostics.len() <= PRERENDER_MAX_FINDINGS {
                if let Some(mut stream) = line_stream(format, color) {
                    // Writing into memory cannot fail.
                    let _ = stream.report(&mut bytes, report);
                }
            }
            bytes
        }))
    }

    fn takes_rendered_only(&self) -> bool {
        match &self.shape {
            // A line format writes only the worker's bytes, but for a file
            // too large to render there, which the run still hands over whole.
            Shape::Streamed { format, color, .. } => line_stream(*format, *color).is_some(),
            Shape::Silent => true,
            // A document format writes from the report; JUnit, the diff and
            // the report page read the findings or the fixed text.
            Shape::Junit { .. } | Shape::Diff { .. } | Shape::Html { .. } => false,
        }
    }

    fn file(&mut self, report: FileReport, rendered: Vec<u8>) {
        match &mut self.shape {
            Shape::Streamed { stream, .. } => {
                let prerendered = !rendered.is_empty() || report.diagnostics.is_empty();
                // A closed output is not an error: the run goes on for its
                // exit code.
                let _ = match (prerendered, stream.as_mut()) {
                    (true, _) => self.out.write_all(&rendered),
                    (false, Some(stream)) => stream.report(&mut self.out, &report),
                    (false, None) => Ok(()),
                };
            }
            Shape::Junit { suite, .. } => suite.add(&report, Duration::ZERO),
            Shape::Diff { diff, changed } => {
                if let Some(fixed) = &report.fixed {
                    *changed = true;
                    diff.push_str(&unified_diff(&report.path, &fixed.original, &fixed.text));
                }
            }
            Shape::Silent | Shape::Html { .. } => {}
        }
    }

    fn archive_file(&mut self, report: FileReport, rendered: Vec<u8>) {
        match &mut self.shape {
            Shape::Junit { suite, .. } => suite.add_to_file(&report),
            _ => self.file(report, rendered),
        }
    }

    fn timed_file(&mut self, report: FileReport, rendered: Vec<u8>, took: Duration) {
        match &mut self.shape {
            Shape::Junit { suite, .. } => suite.add(&report, took),
            _ => self.file(report, rendered),
        }
    }
}

/// What follows the findings in a line format: statistics and the summary.
fn lines_tail(format: Format, args: &CheckArgs, outcome: &Outcome) -> Vec<u8> {
    let mut out = Vec::new();
    if !matches!(format, Format::Human | Format::Short) {
        return out;
    }
    if args.statistics {
        out.extend(statistics(&outcome.statistics).into_bytes());
    }
    if !args.quiet {
        out.extend(render::summary_line(&outcome.summary).into_bytes());
        out.push(b'\n');
        for line in render::not_checked_lines(&outcome.summary) {
            out.extend(line.into_bytes());
            out.push(b'\n');
        }
        if outcome.baselined.hidden > 0 {
            let line = format!(
                "{} in the baseline not shown.\n",
                plural(outcome.baselined.hidden, "finding")
            );
            out.extend(line.into_bytes());
        }
        if outcome.baselined.stale > 0 {
            let line = format!(
                "{} in the baseline no longer found (fixed, or their text changed); \
                 --write-baseline drops them.\n",
                plural(outcome.baselined.stale, "finding")
            );
            out.extend(line.into_bytes());
        }
    }
    out
}

/// What the report says it covers: the paths checked.
pub fn report_title(paths: &[std::path::PathBuf]) -> String {
    if paths.is_empty() {
        return ".".to_string();
    }
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    shown.join(", ")
}

fn statistics(counts: &BTreeMap<(Arc<str>, Severity), usize>) -> String {
    let mut rows: Vec<_> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut out = String::new();
    for ((rule, severity), count) in rows {
        out.push_str(&format!("{count:>6}  {rule:<32} {severity}\n"));
    }
    out
}

fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
