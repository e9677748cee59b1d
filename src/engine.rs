//! The linter: compiled rules, their shared automaton, and the settings of a run.

use std::cell::RefCell;
use std::ops::Range;
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
            let mut regions: Option<Regions> = None;
            for (index, active) in self.active.iter().enumerate() {
                let languages = &active.rule.meta.languages;
                if !languages.is_empty() && !languages.contains(&doc.language) {
                    continue;
                }
                let scope = active.rule.meta.scope;
                let matches = &mut per_rule[index];
                if scope != Scope::All && !matches.is_empty() {
                    let regions = regions.get_or_insert_with(|| Regions::of(doc));
                    matches.retain(|m| regions.contains(scope, &m.span));
                }
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

/// Ranges that may nest, sorted by start, with the furthest end reached so
/// far: "is this span inside one of them?" takes a binary search, where a
/// scan of every range made a document with many quotations quadratic.
#[derive(Debug, Default)]
struct Cover {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Cover {
    fn new(ranges: impl Iterator<Item = Range<usize>>) -> Cover {
        let mut ranges: Vec<Range<usize>> = ranges.collect();
        ranges.sort_by_key(|r| r.start);
        let mut reach = Vec::with_capacity(ranges.len());
        let mut furthest = 0;
        for range in &ranges {
            furthest = furthest.max(range.end);
            reach.push(furthest);
        }
        Cover {
            starts: ranges.iter().map(|r| r.start).collect(),
            reach,
        }
    }

    /// Does one range hold the whole of `span`?
    fn covers(&self, span: &Range<usize>) -> bool {
        let before = self.starts.partition_point(|&start| start <= span.start);
        before > 0 && self.reach[before - 1] >= span.end
    }
}

/// A document's quotations and headings, indexed once for every rule's scope.
struct Regions {
    quotes: Cover,
    headings: Cover,
}

impl Regions {
    fn of(doc: &Document) -> Regions {
        Regions {
            quotes: Cover::new(doc.quotes.quotations.iter().map(|q| q.span.clone())),
            headings: Cover::new(doc.headings.iter().cloned()),
        }
    }

    /// The same answer as [`Scope::contains`], in logarithmic time.
    fn contains(&self, scope: Scope, span: &Range<usize>) -> bool {
        match scope {
            Scope::All => true,
            Scope::Prose => !self.quotes.covers(span) && !self.headings.covers(span),
            Scope::Quotes => self.quotes.covers(span),
            Scope::Headings => self.headings.covers(span),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocumentOptions;

    #[test]
    fn indexed_scopes_agree_with_scope_contains() {
        let text = "HEADLINE HERE\n\nHe said \"one 'two' three\" and “four” then. Tail \"open\n";
        let mut doc = Document::new("a.txt", text.to_string(), &DocumentOptions::default());
        // A nested quotation and one that ends early, whatever the quote
        // analysis itself finds.
        let inner = text.find("'two'").unwrap();
        let mut nested = doc.quotes.quotations[0].clone();
        nested.span = inner..inner + 5;
        doc.quotes.quotations.push(nested);
        let regions = Regions::of(&doc);
        let scopes = [Scope::All, Scope::Prose, Scope::Quotes, Scope::Headings];
        let mut inside = 0;
        for start in 0..text.len() {
            for end in start..(start + 12).min(text.len()) {
                for scope in scopes {
                    let span = start..end;
                    let expected = scope.contains(&doc, &span);
                    assert_eq!(
                        regions.contains(scope, &span),
                        expected,
                        "{scope:?} {span:?}"
                    );
                    inside += usize::from(scope == Scope::Quotes && expected);
                }
            }
        }
        assert!(inside > 0, "some spans must lie inside quotations");
    }
}
