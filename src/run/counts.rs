//! What the run's reports count towards its [`Outcome`], counted where
//! the reports are made.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Outcome;
use crate::config::FailOn;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::render::Summary;

/// What a share of the run's reports counts towards the [`Outcome`]: the
/// summary, whether one fails the run and the findings per rule. Each
/// worker counts the reports it makes, so that a reporter that needs no
/// more of them can have the findings dropped on the thread that made
/// them (freeing them on the run's thread waited on the workers'
/// allocator locks); every count is a sum or an `or`, so the shares add
/// up to the same whatever files each worker took.
#[derive(Default)]
pub(super) struct Counts {
    summary: Summary,
    failing: bool,
    pub(super) rules: RuleCounts,
}

impl Counts {
    pub(super) fn add(&mut self, report: &FileReport, fail_on: FailOn) {
        self.summary.add(report);
        self.failing |= report.diagnostics.iter().any(|d| fail_on.fails(d.severity));
        self.rules.add(&report.diagnostics);
    }

    /// Add this share's counts to the outcome's.
    pub(super) fn add_to(self, outcome: &mut Outcome) {
        let Counts {
            summary,
            failing,
            rules,
        } = self;
        add_summary(&mut outcome.summary, summary);
        outcome.failing |= failing;
        rules.add_to(&mut outcome.statistics);
    }
}

/// Add one share's summary to another's. Every field is named, so that a
/// count added to [`Summary`] cannot be left out here unnoticed.
fn add_summary(total: &mut Summary, share: Summary) {
    let Summary {
        files,
        errors,
        warnings,
        infos,
        fixes_applied,
        fixable,
        unsafe_fixable,
        not_checked,
    } = share;
    total.files += files;
    total.errors += errors;
    total.warnings += warnings;
    total.infos += infos;
    total.fixes_applied += fixes_applied;
    total.fixable += fixable;
    total.unsafe_fixable += unsafe_fixable;
    for (key, count) in not_checked {
        *total.not_checked.entry(key).or_default() += count;
    }
}

/// How many findings each rule reported at each severity, counted by the
/// address of the rule's id. Every finding of a rule shares its id's
/// allocation, so counting one costs a hash of two words rather than a
/// walk down the statistics' B-tree comparing ids (an imported style
/// reports tens of thousands of findings). One id of each address is held,
/// so no address is reused by another id while counting; equal ids at
/// different addresses (`io.read` of two files) are added together at the
/// end.
///
/// The address is kept as a number, not a pointer, so that a worker's
/// counts can be handed back to the run's thread.
#[derive(Default)]
pub(super) struct RuleCounts {
    by_address: foldhash::HashMap<(usize, Severity), (Arc<str>, usize)>,
}

impl RuleCounts {
    pub(super) fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let key = (d.rule.as_ptr().addr(), d.severity);
            self.by_address
                .entry(key)
                .or_insert_with(|| (d.rule.clone(), 0))
                .1 += 1;
        }
    }

    fn add_to(self, statistics: &mut BTreeMap<(Arc<str>, Severity), usize>) {
        for ((_, severity), (rule, count)) in self.by_address {
            *statistics.entry((rule, severity)).or_default() += count;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_are_counted_by_rule_id_whatever_its_address() {
        let weekday: Arc<str> = Arc::from("dates.weekday");
        let finding = |rule: &Arc<str>, severity| Diagnostic::new(rule.clone(), severity, 0..1, "");
        let mut counts = RuleCounts::default();
        counts.add(&[
            finding(&weekday, Severity::Warning),
            finding(&weekday, Severity::Warning),
            finding(&weekday, Severity::Error),
        ]);
        // Two files' read errors: equal ids, apart in memory.
        counts.add(&[Diagnostic::new("io.read", Severity::Error, 0..0, "")]);
        counts.add(&[Diagnostic::new("io.read", Severity::Error, 0..0, "")]);
        let mut statistics = BTreeMap::new();
        statistics.insert((Arc::from("io.read"), Severity::Error), 1);
        counts.add_to(&mut statistics);
        let counted: Vec<(&str, Severity, usize)> = statistics
            .iter()
            .map(|((rule, severity), count)| (&**rule, *severity, *count))
            .collect();
        assert_eq!(
            counted,
            [
                ("dates.weekday", Severity::Warning, 2),
                ("dates.weekday", Severity::Error, 1),
                ("io.read", Severity::Error, 3),
            ]
        );
    }
}
