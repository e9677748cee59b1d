//! The linter: compiled rules, their shared automaton, and the settings of a run.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Diagnostic, Level, Severity};
use crate::document::{quotes, Document, DocumentOptions};
use crate::fix::{self, FixMode};
use crate::rules::{CheckContext, Scope, Settings};
use crate::ruleset::CompiledRule;
use crate::terms::{PatternFilter, TermMatch, TermMatcher, TermSetBuilder, WordVisitor};

/// A rule as this run uses it.
#[derive(Debug, Clone)]
pub struct ActiveRule {
    /// The rule as its rule set compiled it, shared with [`Linter::all_rules`].
    pub rule: Arc<CompiledRule>,
    /// The severity its findings carry under this configuration.
    pub severity: Severity,
}

impl ActiveRule {
    /// Whether the rule runs on `doc`: a rule limited to some languages runs
    /// only on documents in one of them.
    pub fn runs_on(&self, doc: &Document) -> bool {
        let languages = &self.rule.meta.languages;
        languages.is_empty() || languages.contains(&doc.language)
    }
}

/// Everything needed to lint documents under one configuration. Build once,
/// share across threads.
pub struct Linter {
    /// Every compiled rule, with the level this configuration gives it.
    all: Vec<(Arc<CompiledRule>, Level)>,
    active: Vec<ActiveRule>,
    terms: TermMatcher,
    /// Which rules' regular expressions can match a document, from one
    /// scan for the literals they need (`None`: no rule has one).
    pattern_filter: Option<PatternFilter>,
    /// What checks may consult, such as the house style.
    pub settings: Settings,
    /// How [`Linter::document`] reads articles: the plain-text header and the
    /// language of documents that do not name their own.
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
        let mut filtered = Vec::new();
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
            for pattern in rule.check.patterns() {
                if let (id, Some(literals)) = pattern.required_literals() {
                    filtered.push((id, literals.to_vec()));
                }
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
            pattern_filter: PatternFilter::new(filtered),
            settings,
            document_options,
        }
    }

    /// The rules this configuration runs, in the order given to [`Linter::new`]:
    /// those switched on and not limited to another house style.
    pub fn active_rules(&self) -> &[ActiveRule] {
        &self.active
    }

    /// Every rule given to [`Linter::new`], with its level, including those
    /// switched off or limited to another house style.
    pub fn all_rules(&self) -> &[(Arc<CompiledRule>, Level)] {
        &self.all
    }

    /// Parse `text`, shown as `path`, under this configuration's
    /// [`DocumentOptions`], ready for [`Linter::lint`].
    pub fn document(&self, path: &str, text: String) -> Document {
        Document::new(path, text, &self.document_options)
    }

    /// Every finding in `doc`, in position order, without duplicates.
    pub fn lint(&self, doc: &Document) -> Vec<Diagnostic> {
        self.lint_visiting_words(doc, &mut ())
    }

    /// [`Linter::lint`], showing `visitor` every word start of `doc`'s
    /// prose as the term scan passes it, in order: a reader of every word,
    /// such as the archive rules' record, does its work there rather than
    /// walk the text again.
    pub fn lint_visiting_words<V: WordVisitor>(
        &self,
        doc: &Document,
        visitor: &mut V,
    ) -> Vec<Diagnostic> {
        SCRATCH.with(|scratch| {
            let mut per_rule = scratch.borrow_mut();
            let needed = self.active.len().max(per_rule.len());
            per_rule.resize_with(needed, Vec::new);
            for list in per_rule.iter_mut() {
                list.clear();
            }
            // The scan for the patterns' literals reads the word starts
            // too, as do the counts of Vale's word token in an imported
            // style that has such patterns: found once, by the term scan
            // that walks them anyway.
            if let Some(filter) = &self.pattern_filter {
                let starts =
                    self.terms
                        .scan_keeping_word_starts(&doc.prose, &mut per_rule, visitor);
                let starts = doc.analysis(move |_| starts);
                // Kept with the document, where each pattern looks it up.
                doc.analysis(|doc| filter.scan(&doc.prose, &starts));
            } else {
                self.terms.scan_visiting(&doc.prose, &mut per_rule, visitor);
            }
            self.check_scanned(doc, &mut per_rule)
        })
    }

    /// The rules' findings in `doc`, whose terms are scanned into
    /// `per_rule`: apart from the scan, so that the lint of each kind of
    /// word visitor is the scan alone.
    fn check_scanned(&self, doc: &Document, per_rule: &mut [Vec<TermMatch>]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut from_quote_rules = Vec::new();
        for (index, active) in self.active.iter().enumerate() {
            if !active.runs_on(doc) {
                continue;
            }
            let scope = active.rule.meta.scope;
            let matches = &mut per_rule[index];
            matches.retain(|m| {
                doc.is_as_written(&m.span) && (scope == Scope::All || scope.contains(doc, &m.span))
            });
            let reported_before = out.len();
            let mut cx = CheckContext::new(
                doc,
                &self.settings,
                &active.rule.meta,
                active.severity,
                matches,
                &mut out,
            );
            active.rule.check.check(&mut cx);
            if active.rule.meta.kind == "quotes" {
                from_quote_rules.extend(reported_before..out.len());
            }
        }
        review_fixes_near_marks(doc, &mut out, &from_quote_rules);
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup();
        out
    }
}

/// Safe fixes are made together in one round, and the next lint must find
/// nothing new for them to settle. The quotes rules change marks, and other
/// rules may change the words beside a mark (`Feb 10"` to `10 February"`,
/// `'4pm` to `'16:00`); in a tangle of marks either can change how another
/// mark pairs, and then the next lint finds new defects, or undoes a fix.
/// So when a safe fix touches a mark or the word beside one, those fixes are
/// made to a copy of the prose and its marks paired again: if a mark or a
/// quotation comes out differently, the fixes near marks (the other rules'
/// first, then the quotes rules' too) are left to an editor.
fn review_fixes_near_marks(doc: &Document, out: &mut [Diagnostic], from_quote_rules: &[usize]) {
    let is_safe = |d: &Diagnostic| {
        d.fix
            .as_ref()
            .is_some_and(|fix| fix.applicability == Applicability::Safe)
    };
    let quote_fixes: Vec<usize> = from_quote_rules
        .iter()
        .copied()
        .filter(|&i| is_safe(&out[i]))
        .collect();
    let fixes_beside_marks: Vec<usize> = (0..out.len())
        .filter(|i| from_quote_rules.binary_search(i).is_err() && is_safe(&out[*i]))
        .filter(|&i| {
            out[i].fix.as_ref().is_some_and(|fix| {
                fix.edits()
                    .any(|(span, replacement)| touches_a_mark(&doc.prose, span, replacement))
            })
        })
        .collect();
    if quote_fixes.is_empty() && fixes_beside_marks.is_empty() {
        return;
    }
    let survive = |chosen: &mut dyn Iterator<Item = usize>| {
        let (edits, _) = fix::plan(
            &doc.text,
            chosen.filter_map(|i| out[i].fix.as_ref()),
            FixMode::Safe,
        );
        doc.quotes
            .survive_edits(&doc.prose, &doc.paragraphs, &doc.language, &edits)
    };
    if survive(&mut quote_fixes.iter().chain(&fixes_beside_marks).copied()) {
        return;
    }
    let to_review: Vec<usize> = if survive(&mut quote_fixes.iter().copied()) {
        fixes_beside_marks
    } else {
        quote_fixes.into_iter().chain(fixes_beside_marks).collect()
    };
    for i in to_review {
        if let Some(fix) = out[i].fix.as_mut() {
            fix.applicability = Applicability::Unsafe;
        }
        out[i].notes.push(
            "made with this round's other fixes, it would change how quotation marks nearby pair: review it"
                .to_string(),
        );
    }
}

/// Whether an edit writes or removes a quotation mark, or changes the word
/// right beside one.
fn touches_a_mark(prose: &str, span: &Range<usize>, replacement: &str) -> bool {
    let (Some(before), Some(old), Some(after)) = (
        prose.get(..span.start),
        prose.get(span.clone()),
        prose.get(span.end..),
    ) else {
        return true;
    };
    // The pairing reads a word beside a mark (`'16`, `'tis`, `Koreans’`),
    // never a long one far into it.
    const WORD_READ: usize = 64;
    let past_word_before = before
        .chars()
        .rev()
        .take(WORD_READ)
        .find(|c| !c.is_alphanumeric());
    let past_word_after = after.chars().take(WORD_READ).find(|c| !c.is_alphanumeric());
    old.chars()
        .chain(replacement.chars())
        .any(quotes::is_quote_char)
        || past_word_before.is_some_and(quotes::is_quote_char)
        || past_word_after.is_some_and(quotes::is_quote_char)
}

/// Fixes are applied again until the text stops changing; a rule whose fixes
/// never settle is a bug, so the number of rounds is bounded.
pub const MAX_FIX_ROUNDS: usize = 10;

/// The text after fixing it until it settled.
#[derive(Debug)]
pub struct Settled {
    /// The final text.
    pub text: String,
    /// How many fixes were applied over every round.
    pub applied: usize,
    /// The findings that remain in `text`.
    pub remaining: Vec<Diagnostic>,
}

impl Linter {
    /// Apply the fixes `mode` allows to `doc`, whose findings are `diagnostics`;
    /// lint again (keeping what `filter` keeps), and repeat until nothing changes
    /// (at most [`MAX_FIX_ROUNDS`] rounds).
    pub fn fix_until_stable(
        &self,
        doc: &Document,
        diagnostics: &[Diagnostic],
        mode: FixMode,
        filter: &(dyn Fn(&Document, &mut Vec<Diagnostic>) + Sync),
    ) -> Settled {
        let mut current = doc.text.clone();
        let mut remaining = diagnostics.to_vec();
        let mut total = 0;
        for _ in 0..MAX_FIX_ROUNDS {
            let (fixed, applied) = fix::apply(&current, &remaining, mode);
            if applied == 0 || fixed == current {
                break;
            }
            total += applied;
            current = fixed;
            let doc = self.document(&doc.path, current.clone());
            remaining = self.lint(&doc);
            filter(&doc, &mut remaining);
        }
        Settled {
            text: current,
            applied: total,
            remaining,
        }
    }
}
