//! The space inside quotation marks, and French guillemets' no-break space.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Applicability, Edit, Label};
use crate::document::quotes::{
    flank, is_quote_char, is_straight, LanguageMarks, Mark, MarkRole, PairingProblem,
};
use crate::document::Document;
use crate::rules::Finding;

/// A space in the prose that is a space in the file too, not blanked markup
/// (which may stand for part of a longer character).
fn is_real_space(doc: &Document, span: &Range<usize>) -> bool {
    doc.text
        .get(span.clone())
        .is_some_and(|t| t.chars().all(|c| c == ' ' || c == '\t'))
}

pub(super) fn is_no_break(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}')
}

/// The no-break space to put inside guillemets, given those a document
/// already has there: the narrow one when most are narrow.
pub(super) fn preferred_no_break(no_breaks: &[char]) -> char {
    let narrow = no_breaks.iter().filter(|&&c| c == '\u{202f}').count();
    if narrow * 2 > no_breaks.len() {
        '\u{202f}'
    } else {
        '\u{a0}'
    }
}

/// The no-break spaces a document has inside its guillemets.
pub(super) fn no_breaks_inside_guillemets(doc: &Document) -> Vec<char> {
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
pub(super) fn space_inside_keeps_placements(
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
    let mut guillemets = Vec::new();
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
        let mark = Mark {
            ch: turned.get(&written.start).copied().unwrap_or(written.ch),
            ..*written
        };
        let opening = matches!(mark.role, MarkRole::Open | MarkRole::Reopen);
        if !opening && mark.role != MarkRole::Close || is_straight(mark.ch) {
            continue;
        }
        let span = written.span();
        let inner = inner_side(doc, &span, opening);
        let spaced_language = marks.is_spaced(if opening {
            mark.ch
        } else {
            marks.opener_of(mark.ch).unwrap_or(mark.ch)
        });
        if spaced_language && matches!(mark.ch, '«' | '»' | '‹' | '›') {
            guillemets.extend(guillemet(doc, mark, span, inner));
        } else if let Some(finding) = space_inside(doc, mark, span, opening, inner) {
            findings.push(finding);
        }
    }
    if findings.len() >= GROUPED_FROM {
        findings = vec![one_for_all_places(findings)];
    }
    findings.extend(guillemet_findings(doc, guillemets));
    findings.sort_by_key(|f| f.span.start);
    findings
}

/// The character on the inner side of the mark at `span`, and where it is.
fn inner_side(doc: &Document, span: &Range<usize>, opening: bool) -> Option<(char, Range<usize>)> {
    if opening {
        doc.prose[span.end..]
            .chars()
            .next()
            .map(|c| (c, span.end..span.end + c.len_utf8()))
    } else {
        doc.prose[..span.start]
            .chars()
            .next_back()
            .map(|c| (c, span.start - c.len_utf8()..span.start))
    }
}

/// An ordinary space inside a mark that takes none, with text beyond it.
fn space_inside(
    doc: &Document,
    mark: Mark,
    span: Range<usize>,
    opening: bool,
    inner: Option<(char, Range<usize>)>,
) -> Option<Finding> {
    let (c, space) = inner?;
    // Blanked markup reads as a space in the prose; only a real one counts.
    if c != ' ' && c != '\t' || !is_real_space(doc, &space) {
        return None;
    }
    // Past the space: text must follow on the same line, and not another
    // mark (“ ‘nested’ ” is sometimes spaced on purpose).
    let beyond = if opening {
        doc.prose[space.end..].chars().next()
    } else {
        doc.prose[..space.start].chars().next_back()
    };
    if beyond.is_none_or(|b| b.is_whitespace() || is_quote_char(b)) {
        return None;
    }
    let text = mark.ch.to_string();
    let message = if opening {
        format!("space after the opening {text}")
    } else {
        format!("space before the closing {text}")
    };
    Some(
        Finding::new(span, message)
            .var("mark", text)
            .label(space.clone(), "remove this space")
            .fix(space, "", Applicability::Safe),
    )
}

/// From how many places of one article spaces inside marks are one finding.
const GROUPED_FROM: usize = 3;

/// Spaces inside quotation marks at several places of one article are one
/// habit of its copy (or of the tool that made it): one finding at the
/// first place, every place labelled, and one fix that removes them all.
fn one_for_all_places(findings: Vec<Finding>) -> Finding {
    let places = findings.len();
    let mut labels = Vec::with_capacity(places);
    let mut edits = Vec::with_capacity(places);
    let mut first: Option<Finding> = None;
    for finding in findings {
        if let Some(fix) = finding.fix {
            labels.push(Label {
                span: fix.span.clone(),
                message: format!("{}: remove this space", finding.message),
            });
            edits.push(Edit {
                span: fix.span,
                replacement: fix.replacement,
            });
        }
        first.get_or_insert(Finding {
            labels: Vec::new(),
            fix: None,
            ..finding
        });
    }
    let mut grouped = first.unwrap_or_else(|| Finding::new(0..0, ""));
    grouped.message = format!("spaces inside quotation marks in {places} places").into();
    grouped.labels = labels;
    grouped.fix_edits(edits, Applicability::Safe)
}

/// A French guillemet as judged: the mark, where it is written, its inner
/// side (where a space goes), and how that side is spaced.
struct Guillemet {
    mark: Mark,
    span: Range<usize>,
    inner: Range<usize>,
    inside: Inside,
}

/// The guillemet at `span`, unless what is inside it (a line break, other
/// white space, blanked markup) says nothing about its spacing.
fn guillemet(
    doc: &Document,
    mark: Mark,
    span: Range<usize>,
    inner: Option<(char, Range<usize>)>,
) -> Option<Guillemet> {
    let inside = match inner {
        Some((c, _)) if is_no_break(c) => Inside::NoBreak(c),
        Some((' ' | '\t', ref r)) if is_real_space(doc, r) => Inside::Ordinary,
        Some((c, _)) if c.is_whitespace() => return None,
        None => return None,
        Some(_) => Inside::Nothing,
    };
    let inner = inner.map_or(span.clone(), |(_, r)| r);
    Some(Guillemet {
        mark,
        span,
        inner,
        inside,
    })
}

/// French guillemets: none inside is always wrong; an ordinary space is
/// wrong when the same document elsewhere uses a no-break one.
fn guillemet_findings(doc: &Document, guillemets: Vec<Guillemet>) -> Vec<Finding> {
    let no_break: Vec<char> = guillemets
        .iter()
        .filter_map(|guillemet| match guillemet.inside {
            Inside::NoBreak(c) => Some(c),
            _ => None,
        })
        .collect();
    let preferred = preferred_no_break(&no_break);
    let mut findings = Vec::new();
    for Guillemet {
        mark,
        span,
        inner,
        inside,
    } in guillemets
    {
        let text = mark.ch.to_string();
        let opening = matches!(mark.role, MarkRole::Open | MarkRole::Reopen);
        match inside {
            Inside::NoBreak(_) => {}
            Inside::Nothing => {
                let insert_at = if opening {
                    span.end..span.end
                } else {
                    span.start..span.start
                };
                let message = if opening {
                    format!("no no-break space after {text}")
                } else {
                    format!("no no-break space before {text}")
                };
                let finding = Finding::new(span.clone(), message).var("mark", text);
                findings.push(
                    if space_inside_keeps_placements(doc, &span, opening, preferred) {
                        finding.fix(insert_at, preferred.to_string(), Applicability::Safe)
                    } else {
                        finding
                    },
                );
            }
            Inside::Ordinary if !no_break.is_empty() => {
                let side = if opening { "after" } else { "before" };
                let message = format!(
                    "an ordinary space {side} {text}, where this document elsewhere uses a no-break space"
                );
                findings.push(
                    Finding::new(span, message)
                        .var("mark", text)
                        .label(inner.clone(), "the line may break here")
                        .fix(inner, preferred.to_string(), Applicability::Safe),
                );
            }
            Inside::Ordinary => {}
        }
    }
    findings
}
