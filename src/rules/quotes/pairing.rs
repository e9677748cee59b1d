//! Pairing: quotations left open, closing marks with nothing to close, and
//! quotations nested inside the same marks.

use std::ops::Range;

use crate::diagnostic::Label;
use crate::document::quotes::{is_straight, LanguageMarks, MarkRole, PairingProblem};
use crate::document::Document;
use crate::rules::Finding;

use super::{mark_text, Outer};

/// Further openers labelled on a `quotes.unclosed` finding that stands for
/// several quotations left open at one place; the rest are counted in a note.
const UNCLOSED_LABELS: usize = 3;

/// `quotes.unclosed`: an opening mark whose quotation ends (at the end of its
/// paragraph, not continued; or where a quotation around it closes) unclosed.
/// Quotations that end unclosed at the same place are one finding, at the
/// first of them, so that a paragraph of stray opening marks reads as one
/// defect rather than one per mark.
pub fn unclosed(doc: &Document) -> Vec<Finding> {
    let last_paragraph_end = doc.paragraphs.last().map(|p| p.end);
    let mut findings = Vec::new();
    // One pairing step leaves its quotations unclosed one after another,
    // innermost first, each with the same end.
    let mut problems = doc.quotes.problems.iter().peekable();
    while let Some(problem) = problems.next() {
        let PairingProblem::Unclosed {
            quotation,
            end,
            closed_late,
        } = problem
        else {
            continue;
        };
        let mut group = vec![(*quotation, closed_late.clone())];
        while let Some(PairingProblem::Unclosed {
            quotation,
            end: next_end,
            closed_late,
        }) = problems.peek()
        {
            if next_end != end {
                break;
            }
            group.push((*quotation, closed_late.clone()));
            problems.next();
        }
        group.sort_unstable_by_key(|(quotation, _)| *quotation);
        if let Some(finding) = unclosed_finding(doc, &group, end, last_paragraph_end) {
            findings.push(finding);
        }
    }
    findings
}

/// One finding for the quotations of `group` (in order of their openers)
/// that all end unclosed at `end`.
fn unclosed_finding(
    doc: &Document,
    group: &[(usize, Option<Range<usize>>)],
    end: &Range<usize>,
    last_paragraph_end: Option<usize>,
) -> Option<Finding> {
    let mut openers = group
        .iter()
        .filter_map(|(index, _)| doc.quotes.quotations.get(*index))
        .map(|q| q.open.clone());
    let first = openers.next()?;
    let mark = mark_text(doc, &first);
    let marks = &doc.quotes.marks;
    let at_end = marks.partition_point(|m| m.start < end.start);
    let ends_on_mark = marks
        .get(at_end)
        .is_some_and(|m| m.start == end.start && m.role == MarkRole::Close);
    let end_label = if ends_on_mark {
        "the quotation around it closes here".to_string()
    } else if Some(end.end) == last_paragraph_end {
        "the document ends here".to_string()
    } else {
        "the paragraph ends here, and the next one does not reopen the quotation".to_string()
    };
    let mut finding = Finding::new(
        first,
        format!("this {mark} opens a quotation that is never closed"),
    )
    .var("mark", mark);
    for opener in openers.take(UNCLOSED_LABELS) {
        finding = finding.label(opener, "this quotation is not closed either");
    }
    finding = finding.label(end.clone(), end_label);
    if group.len() > 1 + UNCLOSED_LABELS {
        finding = finding.note(format!(
            "{} quotations in all are left open here; {} more are not labelled",
            group.len(),
            group.len() - 1 - UNCLOSED_LABELS
        ));
    }
    let late_message = if group.len() == 1 {
        "this closing mark in a later paragraph may belong to it: was a paragraph break added?"
    } else {
        "this closing mark in a later paragraph may belong to one of them: was a paragraph break added?"
    };
    let mut late_marks: Vec<&Range<usize>> =
        group.iter().filter_map(|(_, late)| late.as_ref()).collect();
    late_marks.sort_unstable_by_key(|late| late.start);
    for late in late_marks.into_iter().take(1 + UNCLOSED_LABELS) {
        finding = finding.label(late.clone(), late_message);
    }
    Some(finding)
}

/// `quotes.unopened`: a closing mark with nothing open that it could close.
pub fn unopened(doc: &Document) -> Vec<Finding> {
    doc.quotes
        .problems
        .iter()
        .filter_map(|problem| match problem {
            PairingProblem::Unopened { mark } => {
                let text = mark_text(doc, mark);
                Some(
                    Finding::new(
                        mark.clone(),
                        format!("this {text} closes a quotation that was never opened"),
                    )
                    .var("mark", text),
                )
            }
            _ => None,
        })
        .collect()
}

/// `quotes.nesting`: a quotation inside a quotation that uses the outer
/// marks again, or a level's marks at the wrong depth for the house style.
pub fn nesting(doc: &Document, outer: Outer) -> Vec<Finding> {
    let marks = LanguageMarks::get(&doc.language);
    let mut levels: Vec<Vec<char>> = marks.levels().to_vec();
    if outer == Outer::Single && levels.len() >= 2 {
        levels.swap(0, 1);
    }
    let level_of = |c: char| levels.iter().position(|level| level.contains(&c));
    let quotations = &doc.quotes.quotations;
    let mut findings: Vec<Finding> = Vec::new();
    // Quotations come in order of their opening marks and nest properly, so
    // the chain of those still open gives each its parent, and which finding
    // (if any) reports that parent's reuse of the marks around it.
    let mut chain: Vec<(usize, Option<usize>)> = Vec::new();
    // Per finding: how many quotations further in stand for the same reuse.
    let mut deeper: Vec<usize> = Vec::new();
    // Per finding: the quotation around it, when both use the same straight
    // marks: several such findings under one quotation are one stray mark.
    let mut straight_parent: Vec<Option<usize>> = Vec::new();
    for (index, q) in quotations.iter().enumerate() {
        chain.truncate(q.depth.min(chain.len()));
        let parent = q.depth.checked_sub(1).and_then(|d| chain.get(d)).copied();
        chain.push((index, None));
        let Some((parent_index, parent, parent_finding)) =
            parent.and_then(|(p, f)| Some((p, quotations.get(p)?, f)))
        else {
            continue;
        };
        // An unclosed quotation is reported as such; what it seems to
        // contain is only a guess.
        if q.close.is_none() || parent.close.is_none() {
            continue;
        }
        let inner = mark_text(doc, &q.open);
        let outer_mark = mark_text(doc, &parent.open);
        let same_marks = q.mark == parent.mark
            && (outer != Outer::Unset
                || is_straight(q.mark)
                || q.open.start == parent.open.end
                || q.close
                    .as_ref()
                    .zip(parent.close.as_ref())
                    .is_some_and(|(inner, outer)| inner.end == outer.start));
        let wrong_level = outer != Outer::Unset
            && !is_straight(q.mark)
            && !levels.is_empty()
            && level_of(q.mark).is_some_and(|level| level != q.depth % levels.len());
        if !same_marks && !wrong_level {
            continue;
        }
        // ““““…””””: the marks reused at every level are one defect, reported
        // at the first reuse, not once per level.
        let reused = q.mark == parent.mark;
        if let Some(finding) = parent_finding.filter(|_| reused) {
            if let (Some(count), Some(reported)) =
                (deeper.get_mut(finding), findings.get_mut(finding))
            {
                *count += 1;
                if *count <= NESTING_LABELS {
                    reported.labels.push(Label {
                        span: q.open.clone(),
                        message: "and again inside it".to_string(),
                    });
                }
            }
            if let Some(last) = chain.last_mut() {
                last.1 = Some(finding);
            }
            continue;
        }
        let expected: Vec<String> = levels
            .get(q.depth % levels.len().max(1))
            .map(|level| {
                level
                    .iter()
                    .filter(|c| !is_straight(**c))
                    .filter_map(|&c| marks.closer_of(c).map(|close| format!("{c}…{close}")))
                    .collect()
            })
            .unwrap_or_default();
        let expected = expected.join(" or ");
        let message = if same_marks {
            format!(
                "a quotation inside a quotation uses the same {inner} marks as the one around it"
            )
        } else {
            format!("a quotation at this depth takes {expected}, not {inner}")
        };
        let mut finding = Finding::new(q.open.clone(), message)
            .var("mark", inner)
            .var("expected", expected.clone())
            .label(
                parent.open.clone(),
                format!("the outer quotation opens with {outer_mark}"),
            );
        if let Some(close) = &q.close {
            finding = finding.label(close.clone(), "the inner quotation closes here");
        }
        if reused {
            if let Some(last) = chain.last_mut() {
                last.1 = Some(findings.len());
            }
        }
        findings.push(finding);
        deeper.push(0);
        straight_parent.push((reused && is_straight(q.mark)).then_some(parent_index));
    }
    for (finding, count) in findings.iter_mut().zip(deeper) {
        if count > NESTING_LABELS {
            finding.notes.push(format!(
                "the same marks are used again {count} levels further in; {} are not labelled",
                count - NESTING_LABELS
            ));
        }
    }
    one_per_stray_mark(doc, findings, &straight_parent)
}

/// Several quotations in straight marks, each read as nested inside the
/// same quotation in the same marks, are most likely one stray mark that
/// opened it (or closed it): one finding at its opening mark, each
/// quotation it seems to hold labelled, rather than one finding each.
fn one_per_stray_mark(
    doc: &Document,
    findings: Vec<Finding>,
    straight_parent: &[Option<usize>],
) -> Vec<Finding> {
    let mut children: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for parent in straight_parent.iter().flatten() {
        *children.entry(*parent).or_default() += 1;
    }
    if children.values().all(|&count| count < 2) {
        return findings;
    }
    let mut merged: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut stray_findings: std::collections::HashMap<usize, usize> =
        std::collections::HashMap::new();
    for (finding, parent) in findings.into_iter().zip(straight_parent) {
        let Some(parent) = parent.filter(|p| children.get(p).is_some_and(|&n| n >= 2)) else {
            merged.push(finding);
            continue;
        };
        let Some(outer) = doc.quotes.quotations.get(parent) else {
            merged.push(finding);
            continue;
        };
        let at = match stray_findings.get(&parent) {
            Some(&at) => at,
            None => {
                let mark = mark_text(doc, &outer.open);
                let count = children.get(&parent).copied().unwrap_or(0);
                let mut stray = Finding::new(
                    outer.open.clone(),
                    format!(
                        "this {mark} may be a stray mark: the {count} quotations after it read as nested inside it"
                    ),
                )
                .var("mark", mark);
                if let Some(close) = &outer.close {
                    stray = stray.label(close.clone(), "and this mark as closing it");
                }
                merged.push(stray);
                stray_findings.insert(parent, merged.len() - 1);
                merged.len() - 1
            }
        };
        if let Some(stray) = merged.get_mut(at) {
            stray.labels.push(Label {
                span: finding.span.clone(),
                message: "read as a quotation inside it".to_string(),
            });
        }
    }
    merged.sort_by_key(|f| f.span.start);
    merged
}

/// Further levels labelled on a `quotes.nesting` finding for a chain of
/// quotations that each reuse the marks around them.
const NESTING_LABELS: usize = 3;
