//! How `check` presents a run: the reporter the format asks for, and what
//! closes the output once every file is in.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::args::{CheckArgs, Format};
use super::output;
use copydesk::config::Resolved;
use copydesk::diagnostic::Severity;
use copydesk::lint::FileReport;
use copydesk::render::{self, plural};
use copydesk::run::{FileRenderer, Outcome, Reporter};

/// The reporter of one `check` run.
pub struct CheckReporter {
    shape: Shape,
    /// Findings go to standard error: standard output is the fixed text.
    to_stderr: bool,
    /// False once standard output is closed.
    open: bool,
}

enum Shape {
    /// A line format: each file written as it finishes, then a tail.
    Lines { format: Format, color: bool },
    /// A format written whole once every file is in.
    Document {
        format: Format,
        kept: Vec<FileReport>,
        rules: Vec<render::sarif::RuleDescriptor>,
    },
    /// `--diff`: the fixes as a unified diff.
    Diff { diff: String, changed: bool },
    /// `--write-baseline`: the baseline file is the output.
    Silent,
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
        } else {
            match args.format {
                Format::Human | Format::Short | Format::Github | Format::Jsonl => {
                    let terminal = if to_stderr {
                        output::stderr_is_terminal()
                    } else {
                        output::stdout_is_terminal()
                    };
                    Shape::Lines {
                        format: args.format,
                        color: output::use_color(args.color, terminal),
                    }
                }
                Format::Json | Format::Sarif | Format::Gitlab | Format::Junit => Shape::Document {
                    format: args.format,
                    kept: Vec::new(),
                    rules: Vec::new(),
                },
            }
        };
        CheckReporter {
            shape,
            to_stderr,
            open: true,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.to_stderr {
            output::write_stderr(bytes);
        } else if self.open && !bytes.is_empty() {
            self.open = output::write_stdout(bytes);
        }
    }

    /// Write what closes the output. Returns whether the run found what
    /// fails it (for `--diff`: fixes to show), or `None` when standard
    /// output was closed.
    pub fn finish(mut self, args: &CheckArgs, outcome: &Outcome) -> Option<bool> {
        let (tail, found) = match &mut self.shape {
            Shape::Lines { format, .. } => (lines_tail(*format, args, outcome), outcome.failing),
            Shape::Document {
                format,
                kept,
                rules,
            } => (document(*format, kept, rules), outcome.failing),
            Shape::Diff { diff, changed } => (std::mem::take(diff).into_bytes(), *changed),
            Shape::Silent => (Vec::new(), outcome.failing),
        };
        self.write(&tail);
        // An empty tail is still written, so that a closed pipe is noticed.
        if !self.to_stderr && self.open && tail.is_empty() {
            self.open = output::write_stdout(&[]);
        }
        self.open.then_some(found)
    }
}

impl Reporter for CheckReporter {
    fn start(&mut self, configurations: &[Arc<Resolved>]) {
        if let Shape::Document { rules, .. } = &mut self.shape {
            *rules = render::sarif::descriptors(configurations.iter().map(|r| r.linter.as_ref()));
        }
    }

    fn renderer(&self) -> Option<FileRenderer> {
        let Shape::Lines { format, color } = self.shape else {
            return None;
        };
        Some(Box::new(move |report: &FileReport| {
            let one = std::slice::from_ref(report);
            match format {
                Format::Human => render::human::render(one, color),
                Format::Short => render::short::render(one).into_bytes(),
                Format::Github => render::github::render(one).into_bytes(),
                Format::Jsonl => render::jsonl::render_report(report).into_bytes(),
                Format::Json | Format::Sarif | Format::Gitlab | Format::Junit => Vec::new(),
            }
        }))
    }

    fn file(&mut self, report: FileReport, rendered: Vec<u8>) {
        match &mut self.shape {
            Shape::Lines { .. } => self.write(&rendered),
            Shape::Document { kept, .. } => kept.push(report),
            Shape::Diff { diff, changed } => {
                if let Some(fixed) = &report.fixed {
                    *changed = true;
                    diff.push_str(&unified_diff(&report.path, &fixed.original, &fixed.text));
                }
            }
            Shape::Silent => {}
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
        if outcome.baselined > 0 {
            let line = format!(
                "{} in the baseline not shown.\n",
                plural(outcome.baselined, "finding")
            );
            out.extend(line.into_bytes());
        }
    }
    out
}

/// A format written as one document once every report is in.
fn document(
    format: Format,
    reports: &[FileReport],
    rules: &[render::sarif::RuleDescriptor],
) -> Vec<u8> {
    match format {
        Format::Json => render::json::render(reports).into_bytes(),
        Format::Sarif => render::sarif::render(reports, rules).into_bytes(),
        Format::Gitlab => render::gitlab::render(reports).into_bytes(),
        Format::Junit => render::junit::render(reports).into_bytes(),
        Format::Human | Format::Short | Format::Github | Format::Jsonl => Vec::new(),
    }
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
