//! Which marks a document writes: straight and curly mixed, apostrophes
//! written as opening marks, curly marks facing the wrong way.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Applicability, Edit};
use crate::document::quotes::{
    is_single, is_straight, LanguageMarks, Mark, MarkRole, PairingProblem,
};
use crate::document::Document;
use crate::rules::Finding;

use super::mark_text;
use super::spacing::{
    is_no_break, no_breaks_inside_guillemets, preferred_no_break, space_inside_keeps_placements,
};

/// `quotes.mixed`: straight and curly quotation marks, or straight and curly
/// apostrophes, in one document. Each minority mark is reported with a fix
/// to the document's dominant style, facing the way its role needs.
pub fn mixed(doc: &Document) -> Vec<Finding> {
    let marks = LanguageMarks::get(&doc.language);
    let quote_marks: Vec<&Mark> = doc
        .quotes
        .marks
        .iter()
        .filter(|m| {
            matches!(m.role, MarkRole::Open | MarkRole::Close | MarkRole::Reopen)
                && matches!(m.ch, '"' | '\'' | '“' | '”' | '‘' | '’' | '„' | '‚')
        })
        .collect();
    let apostrophes: Vec<&Mark> = doc
        .quotes
        .marks
        .iter()
        .filter(|m| m.role == MarkRole::Apostrophe && matches!(m.ch, '\'' | '’'))
        .collect();
    let mut findings = Vec::new();

    // Double and single marks are counted apart: copy that sets “quotations”
    // in curly marks and 'foreign words' in straight singles is consistent
    // within each kind of mark.
    for single in [false, true] {
        let family: Vec<&Mark> = quote_marks
            .iter()
            .copied()
            .filter(|m| is_single(m.ch) == single)
            .collect();
        let straight = family.iter().filter(|m| is_straight(m.ch)).count();
        let curly = family.len() - straight;
        if straight == 0 || curly == 0 {
            continue;
        }
        let to_curly = curly >= straight;
        let opener = if to_curly {
            curly_opener(doc, marks, single)
        } else {
            '"'
        };
        let (openers, space) = if to_curly {
            (
                openers_by_close(doc),
                preferred_no_break(&no_breaks_inside_guillemets(doc)),
            )
        } else {
            (HashMap::new(), '\u{a0}')
        };
        let minority: Vec<(Range<usize>, String)> = family
            .iter()
            .filter(|mark| is_straight(mark.ch) == to_curly)
            .map(|mark| {
                let replacement = if to_curly {
                    match mark.role {
                        MarkRole::Close => {
                            // A straight mark that closes a curly one (‹' or
                            // „") becomes that mark's own closer: the family's
                            // closer would not close it, and the next lint
                            // would read it as something else (‹’ holds an
                            // apostrophe) and undo the fix.
                            let closed = openers
                                .get(&mark.start)
                                .copied()
                                .filter(|&open| !is_straight(open))
                                .unwrap_or(opener);
                            let closer = marks.closer_of(closed).unwrap_or(closed);
                            spaced_closer(doc, marks, mark, closed, closer, space)
                        }
                        _ => opener.to_string(),
                    }
                } else if is_single(mark.ch) {
                    "'".to_string()
                } else {
                    "\"".to_string()
                };
                (mark.span(), replacement)
            })
            .collect();
        let (from, to) = if to_curly {
            ("straight", "curly")
        } else {
            ("curly", "straight")
        };
        let what = if single {
            "single quotation marks"
        } else {
            "quotation marks"
        };
        findings.extend(mixed_finding(
            doc,
            &minority,
            format!("{from} {what} in a document that mostly uses {to} ones ({curly} curly, {straight} straight)"),
        ));
    }

    let straight = apostrophes.iter().filter(|m| m.ch == '\'').count();
    let curly = apostrophes.len() - straight;
    if straight > 0 && curly > 0 {
        let to_curly = curly >= straight;
        let (from, to, replacement) = if to_curly {
            ("straight", "curly", '’')
        } else {
            ("curly", "straight", '\'')
        };
        let minority: Vec<(Range<usize>, String)> = apostrophes
            .iter()
            .filter(|m| (m.ch == '\'') == to_curly)
            .map(|m| (m.span(), replacement.to_string()))
            .collect();
        findings.extend(mixed_finding(
            doc,
            &minority,
            format!("{from} apostrophes in a document that mostly uses {to} ones ({curly} curly, {straight} straight)"),
        ));
    }
    findings
}

/// What a straight closing mark becomes: `closer`, with the no-break space
/// inside that a spaced language puts before it (`«mot"` → `«mot »`), so
/// that `quotes.spacing` has nothing left to fix in a second round. A closer
/// that a space would turn round (`«mot"suite`) goes in without one.
fn spaced_closer(
    doc: &Document,
    marks: &LanguageMarks,
    straight: &Mark,
    opener: char,
    closer: char,
    space: char,
) -> String {
    let span = straight.span();
    let spaced = marks.is_spaced(opener)
        && matches!(closer, '»' | '›')
        && doc.prose[..span.start]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace());
    if !spaced {
        return closer.to_string();
    }
    if space_inside_keeps_placements(doc, &span, false, space) {
        format!("{space}{closer}")
    } else {
        closer.to_string()
    }
}

/// The opening mark of each closed quotation, by where its closing mark starts.
fn openers_by_close(doc: &Document) -> HashMap<usize, char> {
    doc.quotes
        .quotations
        .iter()
        .filter_map(|q| Some((q.close.as_ref()?.start, q.mark)))
        .collect()
}

/// Labels shown for the other marks of a `quotes.mixed` finding; the fix
/// changes all of them whatever the number.
const MIXED_LABELS: usize = 4;

/// One finding for every mark of the minority style: at the first of them,
/// with the next few labelled and one fix that converts them all, so an
/// editor sees one inconsistency once, not once per mark.
fn mixed_finding(
    doc: &Document,
    minority: &[(Range<usize>, String)],
    message: String,
) -> Option<Finding> {
    let ((first, first_replacement), rest) = minority.split_first()?;
    let mut finding = Finding::new(first.clone(), message.clone())
        .var("summary", message)
        .var("mark", mark_text(doc, first))
        .var(
            "expected",
            first_replacement.trim_start_matches(is_no_break),
        );
    for (span, _) in rest.iter().take(MIXED_LABELS) {
        finding = finding.label(span.clone(), "also here");
    }
    if rest.len() > MIXED_LABELS {
        finding = finding.note(format!(
            "{} marks in all are written this way; the fix changes every one",
            minority.len()
        ));
    }
    let edits = minority
        .iter()
        .map(|(span, replacement)| Edit {
            span: span.clone(),
            replacement: replacement.clone(),
        })
        .collect();
    Some(finding.fix_edits(edits, Applicability::Safe))
}

/// The curly opening mark straight ones become: the one the document itself
/// uses most for that family (double or single), else the language's own.
fn curly_opener(doc: &Document, marks: &LanguageMarks, single: bool) -> char {
    let mut counts: Vec<(char, usize)> = Vec::new();
    for q in &doc.quotes.quotations {
        if is_straight(q.mark) || is_single(q.mark) != single || !"“‘„‚".contains(q.mark) {
            continue;
        }
        match counts.iter_mut().find(|(c, _)| *c == q.mark) {
            Some((_, n)) => *n += 1,
            None => counts.push((q.mark, 1)),
        }
    }
    let language_default = marks
        .levels()
        .iter()
        .flatten()
        .copied()
        .find(|&c| "“‘„‚".contains(c) && is_single(c) == single);
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| *c)
        .or(language_default)
        .unwrap_or(if single { '‘' } else { '“' })
}

/// `quotes.apostrophe-direction`: ‘ written where an apostrophe belongs.
pub fn apostrophe_direction(doc: &Document) -> Vec<Finding> {
    doc.quotes
        .problems
        .iter()
        .filter_map(|problem| match problem {
            PairingProblem::ApostropheDirection { mark } => Some(
                Finding::new(
                    mark.clone(),
                    "an opening quotation mark is used as an apostrophe: write ’",
                )
                .var("mark", mark_text(doc, mark))
                .var("expected", "’")
                .fix(mark.clone(), "’", Applicability::Safe),
            ),
            _ => None,
        })
        .collect()
}

/// `quotes.direction`: a curly quotation mark facing the wrong way.
pub fn direction(doc: &Document) -> Vec<Finding> {
    doc.quotes
        .problems
        .iter()
        .filter_map(|problem| match problem {
            PairingProblem::Direction { mark, expected } => {
                let text = mark_text(doc, mark);
                Some(
                    Finding::new(
                        mark.clone(),
                        format!("this {text} faces the wrong way: write {expected}"),
                    )
                    .var("mark", text)
                    .var("expected", expected.to_string())
                    .fix(
                        mark.clone(),
                        expected.to_string(),
                        Applicability::Safe,
                    ),
                )
            }
            _ => None,
        })
        .collect()
}
