//! Quotation regions: one pairing pass per document, shared by every rule.
//!
//! News copy defeats naive pairing in three places, and this pass is built
//! around them:
//! - a quotation may run over several paragraphs: each continuing paragraph
//!   reopens it with the same mark and only the last one closes it;
//! - the closing single quote is also the apostrophe (Russia’s, Koreans’, ’90s,
//!   rock ’n’ roll), and straight marks double as primes (a 20" screen, 5'10");
//! - each language pairs different marks, and some marks change role between
//!   languages (“ opens in English and closes in German).
//!
//! The pass is linear in the length of the text: every mark is looked at once,
//! each stack entry is pushed and popped once, and the look-ahead that settles
//! a possessive against a closing single quote never scans the same text twice.

use std::ops::Range;

mod marks;
mod pairing;
mod reach;
#[cfg(test)]
mod tests;

pub(crate) use marks::flank;
pub use marks::{is_quote_char, is_single, is_straight, LanguageMarks};
use pairing::Pairing;
use reach::ReachIndex;

/// One direct quotation: its opening mark, its closing mark if it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The opening mark, in bytes of the prose.
    pub open: Range<usize>,
    /// The closing mark, or `None` when the quotation is left open.
    pub close: Option<Range<usize>>,
    /// 0 for an outer quotation, 1 for a quotation inside it, and so on.
    pub depth: usize,
    /// From the opening mark to the closing mark (or where the quotation was left open).
    pub span: Range<usize>,
    /// The opening mark, which names the pair of marks the quotation uses.
    pub mark: char,
}

/// What a quote-like character turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkRole {
    /// Opens a quotation.
    Open,
    /// Closes the quotation it pairs with.
    Close,
    /// The mark that opens a paragraph continuing a quotation from the one before.
    Reopen,
    /// An apostrophe (Russia’s, ’90s, rock ’n’ roll), not a quotation mark.
    Apostrophe,
    /// Feet and inches, minutes and seconds: 5'10", a 20" screen.
    Prime,
    /// A mark whose role the context does not settle; no check relies on it.
    Stray,
}

/// A quote-like character in the prose and the role pairing gave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Where the mark starts, in bytes of the prose.
    pub start: usize,
    /// The character as written.
    pub ch: char,
    /// What pairing made of it.
    pub role: MarkRole,
}

impl Mark {
    /// The mark's bytes in the prose.
    pub fn span(&self) -> Range<usize> {
        self.start..self.start + self.ch.len_utf8()
    }
}

/// A pairing failure, as found; the `quotes` checks decide how to report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PairingProblem {
    /// `quotations[quotation]` never closes; `end` is where it had to: the last
    /// character of its paragraph, or the closing mark of a quotation around it.
    Unclosed {
        /// The index of the quotation in [`Quotes::quotations`].
        quotation: usize,
        /// Where the quotation had to close.
        end: Range<usize>,
        /// A closing mark early in the next paragraph that would have closed
        /// this quotation had the paragraph break reopened it: one defect, not two.
        closed_late: Option<Range<usize>>,
    },
    /// A closing mark with nothing open that it could close.
    Unopened {
        /// The closing mark.
        mark: Range<usize>,
    },
    /// A curly mark facing the wrong way (“word“), paired as the mark it should be.
    Direction {
        /// The mark as written.
        mark: Range<usize>,
        /// The mark it should be.
        expected: char,
    },
    /// An opening single mark written where an apostrophe belongs (‘em, ‘19).
    ApostropheDirection {
        /// The opening mark.
        mark: Range<usize>,
    },
}

/// The quotations of one document and every quote-like mark in it, from
/// one pairing pass; built with the document and shared by every rule.
#[derive(Clone, Debug, Default)]
pub struct Quotes {
    /// In order of their opening marks.
    pub quotations: Vec<Quotation>,
    /// Every quote-like character in the prose, in order, with its role.
    pub marks: Vec<Mark>,
    /// What pairing could not settle, in the order found.
    pub problems: Vec<PairingProblem>,
    /// Answers "which quotation is around this span" without a scan: rules
    /// ask it for every finding, and a document may hold a million quotations.
    reach: ReachIndex,
}

impl Quotes {
    /// Pairs the marks of `prose`, paragraph by paragraph (`paragraphs` are
    /// byte ranges into `prose`), with the marks of `language`.
    pub fn analyze(prose: &str, paragraphs: &[Range<usize>], language: &str) -> Quotes {
        let mut pairing = Pairing::new(prose, LanguageMarks::get(language));
        for (index, paragraph) in paragraphs.iter().enumerate() {
            let Some(paragraph) = valid_range(prose, paragraph) else {
                continue;
            };
            let next = paragraphs
                .get(index + 1)
                .and_then(|p| valid_range(prose, p));
            pairing.paragraph(paragraph, next);
        }
        pairing.finish()
    }

    /// Whether every mark keeps its role, and every quotation its marks, once
    /// `edits` (in order, none overlapping another) are made to `prose`, the
    /// text these quotes were found in. An edit of exactly one mark (`"` to
    /// `“`, or to `\u{a0}»`) is judged by the last character it writes; marks
    /// inside other edited text (the apostrophe of `Côte d'Ivoire`) come and
    /// go with it and are not compared.
    pub fn survive_edits(
        &self,
        prose: &str,
        paragraphs: &[Range<usize>],
        language: &str,
        edits: &[(Range<usize>, &str)],
    ) -> bool {
        if edits.is_empty() {
            return true;
        }
        let Some(map) = EditMap::new(prose, edits) else {
            return false;
        };
        let is_mark = |span: &Range<usize>| {
            let index = self.marks.partition_point(|m| m.start < span.start);
            self.marks.get(index).is_some_and(|m| m.span() == *span)
        };
        // Old marks replaced with other text, and where new text stands.
        let mut replaced = Vec::new();
        let mut written = Vec::new();
        for (span, replacement) in edits {
            if !span.is_empty() && !is_mark(span) {
                replaced.push(span.clone());
                let start = map.moved(span.start);
                written.push(start..start + replacement.len());
            }
        }
        let inside = |ranges: &[Range<usize>], at: usize| {
            let index = ranges.partition_point(|r| r.end <= at);
            ranges.get(index).is_some_and(|r| r.start <= at)
        };
        let paragraphs: Vec<Range<usize>> = paragraphs
            .iter()
            .map(|p| map.moved(p.start)..map.moved(p.end))
            .collect();
        let after = Quotes::analyze(&map.edited, &paragraphs, language);
        let kept_marks = self
            .marks
            .iter()
            .filter(|m| !inside(&replaced, m.start))
            .map(|m| (map.moved_mark(m.start), m.role));
        let new_marks = after
            .marks
            .iter()
            .filter(|m| !inside(&written, m.start))
            .map(|m| (m.start, m.role));
        let old_mark_moved = |at: usize| (!inside(&replaced, at)).then(|| map.moved_mark(at));
        let new_mark_kept = |at: usize| (!inside(&written, at)).then_some(at);
        let kept_quotations = self.quotations.iter().map(|q| {
            (
                old_mark_moved(q.open.start),
                q.close.as_ref().map(|c| old_mark_moved(c.start)),
                q.depth,
            )
        });
        let new_quotations = after.quotations.iter().map(|q| {
            (
                new_mark_kept(q.open.start),
                q.close.as_ref().map(|c| new_mark_kept(c.start)),
                q.depth,
            )
        });
        kept_marks.eq(new_marks) && kept_quotations.eq(new_quotations)
    }

    /// The innermost quotation that contains the whole of `span`. Quotations
    /// nest, so of those that contain it the innermost is the last to open.
    pub fn enclosing(&self, span: &Range<usize>) -> Option<&Quotation> {
        // Sorted by their start: only those starting at or before `span` qualify.
        let candidates = self
            .quotations
            .partition_point(|q| q.span.start <= span.start);
        if !self.reach.indexes(&self.quotations) {
            // The quotations were changed after the analysis: no index to trust.
            return self.quotations[..candidates]
                .iter()
                .filter(|q| span.end <= q.span.end)
                .max_by_key(|q| q.depth);
        }
        let index = self
            .reach
            .last_reaching(&self.quotations, candidates, span.end)?;
        self.quotations.get(index)
    }

    /// Whether `span` lies inside a direct quotation.
    pub fn contains(&self, span: &Range<usize>) -> bool {
        self.enclosing(span).is_some()
    }

    /// The quotation directly around `quotations[index]`, if it is nested.
    pub fn parent(&self, index: usize) -> Option<usize> {
        let child = self.quotations.get(index)?;
        if child.depth == 0 {
            return None;
        }
        if !self.reach.indexes(&self.quotations) {
            return (0..index).rev().find(|&i| {
                let q = &self.quotations[i];
                q.depth + 1 == child.depth && q.span.start <= child.span.start
            });
        }
        // The innermost earlier quotation that reaches past the child holds it.
        self.reach
            .last_reaching(&self.quotations, index, child.span.end)
            .filter(|&i| self.quotations[i].depth + 1 == child.depth)
    }
}

/// A text after edits, and where each offset of the text before moved to.
struct EditMap<'e> {
    edited: String,
    edits: &'e [(Range<usize>, &'e str)],
    /// How far text after each edit moved, counting that edit and those before.
    shift_after: Vec<isize>,
}

impl<'e> EditMap<'e> {
    fn new(text: &str, edits: &'e [(Range<usize>, &'e str)]) -> Option<Self> {
        let mut edited = String::with_capacity(text.len() + 16);
        let mut shift_after = Vec::with_capacity(edits.len());
        let mut shift = 0isize;
        let mut cursor = 0;
        for (span, replacement) in edits {
            edited.push_str(text.get(cursor..span.start)?);
            text.get(span.clone())?;
            edited.push_str(replacement);
            cursor = span.end;
            shift += replacement.len() as isize - span.len() as isize;
            shift_after.push(shift);
        }
        edited.push_str(text.get(cursor..)?);
        Some(EditMap {
            edited,
            edits,
            shift_after,
        })
    }

    /// Where the text at `at` stands after the edits that end at or before it.
    fn moved(&self, at: usize) -> usize {
        let before = self.edits.partition_point(|(span, _)| span.end <= at);
        let shift = before.checked_sub(1).map_or(0, |i| self.shift_after[i]);
        at.saturating_add_signed(shift)
    }

    /// Where the mark at `at` stands: for a mark edited in place, the last
    /// character its edit writes.
    fn moved_mark(&self, at: usize) -> usize {
        let index = self.edits.partition_point(|(span, _)| span.start < at);
        match self.edits.get(index) {
            Some((span, replacement)) if span.start == at && !span.is_empty() => {
                let last = replacement.chars().next_back().map_or(0, char::len_utf8);
                self.moved(at) + replacement.len() - last
            }
            _ => self.moved(at),
        }
    }
}

/// A paragraph range that lies inside `prose` on character boundaries.
fn valid_range(prose: &str, range: &Range<usize>) -> Option<Range<usize>> {
    (range.start <= range.end
        && range.end <= prose.len()
        && prose.is_char_boundary(range.start)
        && prose.is_char_boundary(range.end))
    .then(|| range.clone())
}
