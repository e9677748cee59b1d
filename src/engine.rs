//! The linter: compiled rules, their shared automaton, and the settings of a run.

use std::cell::RefCell;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::document::{Document, DocumentOptions};
use crate::rules::{CheckContext, Scope, Settings};
use crate::ruleset::CompiledRule;
use crate::terms::{TermMatch, TermMatcher, TermSetBuilder};

/// A rule as this run uses it.
#[derive(Debug, Clone)]
pub struct ActiveRule {
    pub rule: Arc<CompiledRule>,
    pub severity: Severity,
}

/// Everything needed to lint documents under one configuration. Build once,
/// share across threads.
pub struct Linter {
    /// Every compiled rule, with the level this configuration gives it.
    all: Vec<(Arc<CompiledRule>, Level)>,
    active: Vec<ActiveRule>,
    terms: TermMatcher,
    pub settings: Settings,
    pub document_options: DocumentOptions,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field("active", &self.active.len())
            .finish_non_exhaustive()
    }
}

thread_local! {
    static SCRATCH: RefCell<Vec<Vec<TermMatch>>> = const { RefCell::new(Vec::new()) };
}

impl Linter {
    /// `levels` gives each rule's level (in the order of `rules`); rules limited
    /// to house styles other than the configured one are left out.
    pub fn new(
        rules: Vec<(Arc<CompiledRule>, Level)>,
        settings: Settings,
        document_options: DocumentOptions,
    ) -> Linter {
        let mut builder = TermSetBuilder::default();
        let mut active = Vec::new();
        for (rule, level) in &rules {
            let Level::On(severity) = *level else {
                continue;
            };
            let styles = &rule.meta.house_styles;
            if !styles.is_empty()
                && !settings
                    .house_style
                    .as_ref()
                    .is_some_and(|style| styles.contains(style))
            {
                continue;
            }
            let index = active.len();
            for term in &rule.terms {
                builder.add(index, term.id, &term.pattern, term.case_sensitive);
            }
            active.push(ActiveRule {
                rule: rule.clone(),
                severity,
            });
        }
        Linter {
            all: rules,
            active,
            terms: builder.build(),
            settings,
            document_options,
        }
    }

    pub fn active_rules(&self) -> &[ActiveRule] {
        &self.active
    }

    pub fn all_rules(&self) -> &[(Arc<CompiledRule>, Level)] {
        &self.all
    }

    pub fn document(&self, path: &str, text: String) -> Document {
        Document::new(path, text, &self.document_options)
    }

    /// Every finding in `doc`, in position order, without duplicates.
    pub fn lint(&self, doc: &Document) -> Vec<Diagnostic> {
        SCRATCH.with(|scratch| {
            let mut per_rule = scratch.borrow_mut();
            let needed = self.active.len().max(per_rule.len());
            per_rule.resize_with(needed, Vec::new);
            for list in per_rule.iter_mut() {
                list.clear();
            }
            self.terms.scan(&doc.prose, &mut per_rule);
            let mut out = Vec::new();
            for (index, active) in self.active.iter().enumerate() {
                let languages = &active.rule.meta.languages;
                if !languages.is_empty() && !languages.contains(&doc.language) {
                    continue;
                }
                let scope = active.rule.meta.scope;
                let matches = &mut per_rule[index];
                matches.retain(|m| {
                    doc.is_as_written(&m.span)
                        && (scope == Scope::All || scope.contains(doc, &m.span))
                });
                let mut cx = CheckContext::new(
                    doc,
                    &self.settings,
                    &active.rule.meta,
                    active.severity,
                    matches,
                    &mut out,
                );
                active.rule.check.check(&mut cx);
            }
            out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            out.dedup();
            out
        })
    }
}
