//! `quotes`: the quote-balancing family, reading the document's one pairing
//! pass ([`crate::document::Quotes`]).
//!
//! Each check is a plain function from a document to [`Finding`]s, so that it
//! can be tested without a rule set; the `quotes` kind picks one with its
//! `check` key and turns the findings into diagnostics.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Applicability, Edit, Label};
use crate::document::quotes::{
    flank, is_quote_char, is_single, is_straight, LanguageMarks, Mark, MarkRole, PairingProblem,
};
use crate::document::Document;

use super::{Check, CheckContext, Finding, Kind, KindBuilder};

pub static KIND: Kind = Kind {
    name: "quotes",
    keys: &["check", "outer"],
    summary: "quotation marks: pairing, nesting, consistency, apostrophes and spacing",
    build,
};

/// The checks the `quotes` kind can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteCheck {
    /// `unclosed`: a quotation that is never closed.
    Unclosed,
    /// `unopened`: a closing mark with no quotation open.
    Unopened,
    /// `nesting`: a quotation inside another written with the wrong marks.
    Nesting,
    /// `mixed`: one document writing its quotation marks two ways.
    Mixed,
    /// `apostrophe-direction`: an apostrophe written as an opening mark.
    ApostropheDirection,
    /// `direction`: a curly mark facing the wrong way.
    Direction,
    /// `spacing`: the space inside a quotation, and French guillemets' no-break space.
    Spacing,
}

/// The checks by the name a rule's `check` key gives them.
pub const CHECKS: &[(&str, QuoteCheck)] = &[
    ("unclosed", QuoteCheck::Unclosed),
    ("unopened", QuoteCheck::Unopened),
    ("nesting", QuoteCheck::Nesting),
    ("mixed", QuoteCheck::Mixed),
    ("apostrophe-direction", QuoteCheck::ApostropheDirection),
    ("direction", QuoteCheck::Direction),
    ("spacing", QuoteCheck::Spacing),
];

/// Which marks a house style puts around the outermost quotation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Outer {
    /// No house style declared: US and UK order are both right, so only a
    /// reuse of the outer marks that confuses a reader is reported: straight
    /// marks inside the same straight marks, or curly ones that meet the
    /// outer marks (“he said “no””).
    #[default]
    Unset,
    /// The language's own order (“double” outside in English).
    Language,
    /// ‘Single’ outside and “double” inside, as UK book style has it.
    Single,
}

pub fn run(check: QuoteCheck, doc: &Document, outer: Outer) -> Vec<Finding> {
    match check {
        QuoteCheck::Unclosed => unclosed(doc),
        QuoteCheck::Unopened => unopened(doc),
        QuoteCheck::Nesting => nesting(doc, outer),
        QuoteCheck::Mixed => mixed(doc),
        QuoteCheck::ApostropheDirection => apostrophe_direction(doc),
        QuoteCheck::Direction => direction(doc),
        QuoteCheck::Spacing => spacing(doc),
    }
}

fn mark_text(doc: &Document, span: &Range<usize>) -> String {
    doc.text.get(span.clone()).unwrap_or("").to_string()
}

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
    for (index, q) in quotations.iter().enumerate() {
        chain.truncate(q.depth.min(chain.len()));
        let parent = q.depth.checked_sub(1).and_then(|d| chain.get(d)).copied();
        chain.push((index, None));
        let Some((parent, parent_finding)) =
            parent.and_then(|(p, f)| Some((quotations.get(p)?, f)))
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
    }
    for (finding, count) in findings.iter_mut().zip(deeper) {
        if count > NESTING_LABELS {
            finding.notes.push(format!(
                "the same marks are used again {count} levels further in; {} are not labelled",
                count - NESTING_LABELS
            ));
        }
    }
    findings
}

/// Further levels labelled on a `quotes.nesting` finding for a chain of
/// quotations that each reuse the marks around them.
const NESTING_LABELS: usize = 3;

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

/// A space in the prose that is a space in the file too, not blanked markup
/// (which may stand for part of a longer character).
fn is_real_space(doc: &Document, span: &Range<usize>) -> bool {
    doc.text
        .get(span.clone())
        .is_some_and(|t| t.chars().all(|c| c == ' ' || c == '\t'))
}

fn is_no_break(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}')
}

/// The no-break space to put inside guillemets, given those a document
/// already has there: the narrow one when most are narrow.
fn preferred_no_break(no_breaks: &[char]) -> char {
    let narrow = no_breaks.iter().filter(|&&c| c == '\u{202f}').count();
    if narrow * 2 > no_breaks.len() {
        '\u{202f}'
    } else {
        '\u{a0}'
    }
}

/// The no-break spaces a document has inside its guillemets.
fn no_breaks_inside_guillemets(doc: &Document) -> Vec<char> {
    doc.quotes
        .marks
        .iter()
        .filter(|mark| matches!(mark.ch, '«' | '»' | '‹' | '›'))
        .filter_map(|mark| match mark.role {
            MarkRole::Open | MarkRole::Reopen => doc.prose[mark.span().end..].chars().next(),
            MarkRole::Close => doc.prose[..mark.start].chars().next_back(),
            _ => None,
        })
        .filter(|&c| is_no_break(c))
        .collect()
}

/// Whether a space put inside the mark at `span` leaves every mark placed as
/// the pairing read it. With a space inside, a mark that text presses against
/// from outside (`mot»suite`, `—«mot`) is placed as the opposite mark, and a
/// mark right inside it (`‹»`) loses the neighbour that placed it; the next
/// lint would read either one differently and propose a fix of its own.
fn space_inside_keeps_placements(
    doc: &Document,
    span: &Range<usize>,
    opening: bool,
    space: char,
) -> bool {
    let written = doc.prose[span.clone()].chars().next();
    let before = doc.prose[..span.start].chars().next_back();
    let after = doc.prose[span.end..].chars().next();
    if opening {
        let turned = flank(before, Some(space)).right_only();
        let neighbour_moved = after.filter(|&c| is_quote_char(c)).is_some_and(|c| {
            let beyond = doc.prose[span.end + c.len_utf8()..].chars().next();
            flank(written, beyond) != flank(Some(space), beyond)
        });
        !turned && !neighbour_moved
    } else {
        let turned = flank(Some(space), after).left_only();
        let neighbour_moved = before.filter(|&c| is_quote_char(c)).is_some_and(|c| {
            let beyond = doc.prose[..span.start - c.len_utf8()].chars().next_back();
            flank(beyond, written) != flank(beyond, Some(space))
        });
        !turned && !neighbour_moved
    }
}

/// How the inside of a guillemet is spaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Inside {
    NoBreak(char),
    Ordinary,
    Nothing,
}

/// `quotes.spacing`: French guillemets without a no-break space inside;
/// elsewhere, a space on the inner side of an opening or closing mark.
pub fn spacing(doc: &Document) -> Vec<Finding> {
    let marks = LanguageMarks::get(&doc.language);
    let mut findings = Vec::new();
    // Each guillemet as judged, where it is written, its inner side.
    let mut guillemets: Vec<(Mark, Range<usize>, Range<usize>, Inside)> = Vec::new();
    // A mark facing the wrong way is judged as the mark `quotes.direction`
    // turns it into, so that both fixes land in one round: spaced after the
    // turn, it would otherwise need a third.
    let turned: HashMap<usize, char> = doc
        .quotes
        .problems
        .iter()
        .filter_map(|problem| match problem {
            PairingProblem::Direction { mark, expected } => Some((mark.start, *expected)),
            _ => None,
        })
        .collect();
    for written in &doc.quotes.marks {
        let span = written.span();
        let mark = Mark {
            ch: turned.get(&written.start).copied().unwrap_or(written.ch),
            ..*written
        };
        let opening = matches!(mark.role, MarkRole::Open | MarkRole::Reopen);
        if !opening && mark.role != MarkRole::Close || is_straight(mark.ch) {
            continue;
        }
        // The character on the inner side of the mark, and where it is.
        let inner = if opening {
            doc.prose[span.end..]
                .chars()
                .next()
                .map(|c| (c, span.end..span.end + c.len_utf8()))
        } else {
            doc.prose[..span.start]
                .chars()
                .next_back()
                .map(|c| (c, span.start - c.len_utf8()..span.start))
        };
        let spaced_language = marks.is_spaced(if opening {
            mark.ch
        } else {
            marks.opener_of(mark.ch).unwrap_or(mark.ch)
        });
        if spaced_language && matches!(mark.ch, '«' | '»' | '‹' | '›') {
            let inside = match inner {
                Some((c, _)) if is_no_break(c) => Inside::NoBreak(c),
                Some((' ' | '\t', ref r)) if is_real_space(doc, r) => Inside::Ordinary,
                Some((' ', _)) => continue,
                Some((c, _)) if c.is_whitespace() => continue,
                None => continue,
                Some(_) => Inside::Nothing,
            };
            let inner = inner.map_or(span.clone(), |(_, r)| r);
            guillemets.push((mark, span, inner, inside));
            continue;
        }
        let Some((c, space)) = inner else {
            continue;
        };
        // Blanked markup reads as a space in the prose; only a real one counts.
        if c != ' ' && c != '\t' || !is_real_space(doc, &space) {
            continue;
        }
        // Past the space: text must follow on the same line, and not another
        // mark (“ ‘nested’ ” is sometimes spaced on purpose).
        let beyond = if opening {
            doc.prose[space.end..].chars().next()
        } else {
            doc.prose[..space.start].chars().next_back()
        };
        if beyond.is_none_or(|b| b.is_whitespace() || is_quote_char(b)) {
            continue;
        }
        let text = mark.ch.to_string();
        let message = if opening {
            format!("space after the opening {text}")
        } else {
            format!("space before the closing {text}")
        };
        findings.push(
            Finding::new(span.clone(), message)
                .var("mark", text)
                .label(space.clone(), "remove this space")
                .fix(space, "", Applicability::Safe),
        );
    }

    // French guillemets: none inside is always wrong; an ordinary space is
    // wrong when the same document elsewhere uses a no-break one.
    let no_break: Vec<char> = guillemets
        .iter()
        .filter_map(|(_, _, _, inside)| match inside {
            Inside::NoBreak(c) => Some(*c),
            _ => None,
        })
        .collect();
    let preferred = preferred_no_break(&no_break);
    for (mark, span, inner, inside) in guillemets {
        let text = mark.ch.to_string();
        let opening = matches!(mark.role, MarkRole::Open | MarkRole::Reopen);
        match inside {
            Inside::NoBreak(_) => {}
            Inside::Nothing => {
                let (insert_at, replacement) = if opening {
                    (span.end..span.end, format!("{preferred}"))
                } else {
                    (span.start..span.start, format!("{preferred}"))
                };
                let message = if opening {
                    format!("no no-break space after {text}")
                } else {
                    format!("no no-break space before {text}")
                };
                let finding = Finding::new(span.clone(), message).var("mark", text);
                findings.push(
                    if space_inside_keeps_placements(doc, &span, opening, preferred) {
                        finding.fix(insert_at, replacement, Applicability::Safe)
                    } else {
                        finding
                    },
                );
            }
            Inside::Ordinary if !no_break.is_empty() => {
                let message = if opening {
                    format!("an ordinary space after {text}, where this document elsewhere uses a no-break space")
                } else {
                    format!("an ordinary space before {text}, where this document elsewhere uses a no-break space")
                };
                findings.push(
                    Finding::new(span.clone(), message)
                        .var("mark", text)
                        .label(inner.clone(), "the line may break here")
                        .fix(inner, preferred.to_string(), Applicability::Safe),
                );
            }
            Inside::Ordinary => {}
        }
    }
    findings.sort_by_key(|f| f.span.start);
    findings
}

struct QuotesCheck {
    check: QuoteCheck,
    outer: Outer,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let check = b.choose_check(CHECKS)?;
    let outer = match b.table.string("outer") {
        None => Outer::Unset,
        Some(value) => match value.value.as_str() {
            "language" => Outer::Language,
            "single" => Outer::Single,
            other => {
                b.error(
                    value.span.clone(),
                    format!("`outer` must be `language` or `single`, not `{other}`"),
                );
                return None;
            }
        },
    };
    Some(Box::new(QuotesCheck { check, outer }))
}

impl Check for QuotesCheck {
    fn check(&self, cx: &mut CheckContext<'_>) {
        // A declared house style settles the order of the levels, unless the
        // rule itself says which marks go outside.
        let outer = match (self.outer, cx.house_style()) {
            (Outer::Unset, Some(_)) => Outer::Language,
            (outer, _) => outer,
        };
        for finding in run(self.check, cx.doc, outer) {
            cx.report_finding(finding);
        }
    }
}
