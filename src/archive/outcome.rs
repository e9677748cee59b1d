//! What the archive pass finds (findings placed in articles, clusters,
//! charts' series, the report's rows) and how strictly each of its rules
//! is taken under a configuration.

use std::collections::BTreeMap;

use super::names::{Cluster, NameYears};
use super::stats::Position;
use crate::diagnostic::Severity;
use crate::engine::Linter;

/// A finding of an archive rule, placed in one article.
#[derive(Clone, Debug, PartialEq)]
pub struct ArchiveFinding {
    /// The article, as shown.
    pub path: String,
    /// `archive.variant`, `archive.name` or `archive.style`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What the archive writes and what the article writes.
    pub message: String,
    /// Where the article first writes it.
    pub at: Position,
    /// The length in bytes of what is pointed at.
    pub len: usize,
}

/// A finding as the report lists it, per-file and archive ones alike.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    /// The article, as shown.
    pub path: String,
    /// Its folder.
    pub folder: String,
    /// Its year, when dated.
    pub year: Option<i32>,
    /// The rule's id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// The message.
    pub message: String,
}

/// A name or term's forms per year, for a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The name or term, with its language.
    pub label: String,
    /// `variant` (a known set) or `name` (a discovered or confirmed cluster).
    pub kind: &'static str,
    /// Each form with its articles per year, the most common first.
    pub forms: Vec<(String, NameYears)>,
    /// Whether its strays are reported as findings (else: a suggestion).
    pub reported: bool,
}

/// What the archive pass found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArchiveOutcome {
    /// The findings, by path and position.
    pub findings: Vec<ArchiveFinding>,
    /// Name clusters, reported ones first.
    pub clusters: Vec<Cluster>,
    /// Every set or cluster written more than one way, for charts.
    pub series: Vec<Series>,
    /// Every finding of the run, per-file and archive, when a report was
    /// asked for; by path and line.
    pub rows: Vec<ReportRow>,
    /// Articles counted.
    pub files: usize,
    /// Articles per folder.
    pub folders: BTreeMap<String, usize>,
    /// Articles per year (`None`: undated).
    pub years: BTreeMap<Option<i32>, usize>,
}

/// The severity of each archive rule under a configuration (`None`: off),
/// from its levels, `select`, `ignore` and `[severity]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Levels {
    /// `archive.variant`.
    pub variant: Option<Severity>,
    /// `archive.name`.
    pub name: Option<Severity>,
    /// `archive.style`.
    pub style: Option<Severity>,
}

impl Default for Levels {
    fn default() -> Self {
        let on = Some(Severity::Warning);
        Levels {
            variant: on,
            name: on,
            style: on,
        }
    }
}

impl Levels {
    /// The levels `linter`'s configuration gives the archive rules; a
    /// configuration without the `archive` rule set has them off.
    pub fn of(linter: &Linter) -> Levels {
        let level = |id: &str| {
            linter
                .active_rules()
                .iter()
                .find(|active| active.rule.meta.id.as_ref() == id)
                .map(|active| active.severity)
        };
        Levels {
            variant: level("archive.variant"),
            name: level("archive.name"),
            style: level("archive.style"),
        }
    }

    /// Whether any archive rule is on.
    pub fn any(&self) -> bool {
        self.variant.or(self.name).or(self.style).is_some()
    }
}
