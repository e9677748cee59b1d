//! The pairing pass: one walk over a document's marks, paragraph by
//! paragraph, keeping a stack of open quotations.

mod apostrophes;

use std::collections::HashMap;
use std::ops::Range;

use super::marks::{flank, is_quote_char, is_straight, is_word_char, LanguageMarks};
use super::reach::ReachIndex;
use super::{Mark, MarkRole, PairingProblem, Quotation, Quotes};

/// Where an open quotation sits on the pairing stack.
struct Open {
    mark: char,
    quotation: usize,
    /// Index of the opening mark in `Quotes::marks`.
    mark_index: usize,
}

pub(super) struct Pairing<'a> {
    prose: &'a str,
    marks: &'static LanguageMarks,
    quotes: Quotes,
    stack: Vec<Open>,
    /// How many quotations each opening mark has on the stack, so that a
    /// closing mark with nothing to close below the top is known at once.
    open_counts: HashMap<char, usize>,
    /// Straight single marks that opened nothing after all: left open, they
    /// were elisions ('Ndrangheta, 'tis) rather than quotations.
    dropped: Vec<usize>,
    /// Quotations the previous paragraph left unclosed (mark, problem index),
    /// for a closing mark in this paragraph to point back to.
    left_open: LeftOpen,
    /// The last search for a curly closing mark ahead (the mark, the end
    /// of the paragraph searched, where it was found); see
    /// `curly_closer_ahead`.
    closer_ahead: Option<(char, usize, Option<usize>)>,
}

/// Unclosed quotations waiting for a late closing mark, by opening mark.
/// Each mark's list is in the order the problems were found, so the latest
/// that a closing mark fits is the last of some list, and once used it is
/// taken out: a paragraph of a million closing marks never rescans them.
#[derive(Default)]
struct LeftOpen {
    by_mark: Vec<(char, Vec<usize>)>,
}

impl LeftOpen {
    fn push(&mut self, mark: char, problem: usize) {
        match self.by_mark.iter_mut().find(|(m, _)| *m == mark) {
            Some((_, problems)) => problems.push(problem),
            None => self.by_mark.push((mark, vec![problem])),
        }
    }

    /// Add the later `other`, keeping each list in order.
    fn append(&mut self, other: LeftOpen) {
        for (mark, mut problems) in other.by_mark {
            match self.by_mark.iter_mut().find(|(m, _)| *m == mark) {
                Some((_, mine)) => mine.append(&mut problems),
                None => self.by_mark.push((mark, problems)),
            }
        }
    }

    /// The latest problem whose mark `fits`, taken out of the lists.
    fn take_latest(&mut self, fits: impl Fn(char) -> bool) -> Option<usize> {
        let (_, problems) = self
            .by_mark
            .iter_mut()
            .filter(|(mark, problems)| fits(*mark) && !problems.is_empty())
            .max_by_key(|(_, problems)| problems.last().copied())?;
        problems.pop()
    }
}

impl<'a> Pairing<'a> {
    pub(super) fn new(prose: &'a str, marks: &'static LanguageMarks) -> Pairing<'a> {
        Pairing {
            prose,
            marks,
            quotes: Quotes::default(),
            stack: Vec::new(),
            open_counts: HashMap::new(),
            dropped: Vec::new(),
            left_open: LeftOpen::default(),
            closer_ahead: None,
        }
    }

    pub(super) fn finish(mut self) -> Quotes {
        self.drop_apostrophes();
        self.quotes.reach = ReachIndex::build(&self.quotes.quotations);
        self.quotes
    }

    /// Remove the quotations that turned out to be apostrophes, renumbering
    /// the problems and depths that refer to the rest.
    fn drop_apostrophes(&mut self) {
        if self.dropped.is_empty() {
            return;
        }
        let mut is_dropped = vec![false; self.quotes.quotations.len()];
        for &index in &self.dropped {
            if let Some(flag) = is_dropped.get_mut(index) {
                *flag = true;
            }
        }
        let mut new_index = vec![usize::MAX; is_dropped.len()];
        let mut kept = Vec::with_capacity(is_dropped.len());
        // Quotations are in order of their starts and properly nested, so a
        // stack of the enclosing ones gives each its depth among those kept.
        let mut around: Vec<(usize, bool)> = Vec::new();
        let mut kept_around = 0usize;
        for (index, mut quotation) in std::mem::take(&mut self.quotes.quotations)
            .into_iter()
            .enumerate()
        {
            while let Some(&(end, dropped)) = around.last() {
                if end > quotation.span.start {
                    break;
                }
                around.pop();
                if !dropped {
                    kept_around -= 1;
                }
            }
            let dropped = is_dropped[index];
            around.push((quotation.span.end, dropped));
            if dropped {
                continue;
            }
            quotation.depth = kept_around;
            kept_around += 1;
            new_index[index] = kept.len();
            kept.push(quotation);
        }
        self.quotes.quotations = kept;
        self.quotes.problems.retain_mut(|problem| match problem {
            PairingProblem::Unclosed { quotation, .. } => match new_index.get(*quotation) {
                Some(&index) if index != usize::MAX => {
                    *quotation = index;
                    true
                }
                _ => false,
            },
            _ => true,
        });
    }

    pub(super) fn paragraph(&mut self, paragraph: Range<usize>, next: Option<Range<usize>>) {
        let text = &self.prose[paragraph.clone()];
        let mut left_by_previous = std::mem::take(&mut self.left_open);
        let quotations_before = self.quotes.quotations.len();
        // Marks already consumed as reopenings at the start of this paragraph.
        let skip_until = self.reopen(paragraph.start, text);
        // Where the last look-ahead for a single closing mark stopped; see
        // `later_single_closer`.
        let mut later_closer_cache: Option<(usize, bool)> = None;
        // Only the bytes a mark can start with are looked at: decoding every
        // character of the prose was the pass's main cost.
        let bytes = text.as_bytes();
        let mut offset = 0;
        while let Some(found) = bytes[offset..].iter().position(|&b| may_start_a_mark(b)) {
            let start = offset + found;
            let Some(c) = text[start..].chars().next() else {
                break;
            };
            offset = start + c.len_utf8();
            let at = paragraph.start + start;
            if !is_quote_char(c) || at < skip_until {
                continue;
            }
            if c == '\'' {
                let run = bytes[start..].iter().take_while(|&&b| b == b'\'').count();
                if run >= 2 {
                    // MediaWiki's ''italic'' and '''bold''': markup, not
                    // a quotation inside a quotation.
                    for index in 0..run {
                        self.push_mark(at + index, c, MarkRole::Stray);
                    }
                    offset = start + run;
                    continue;
                }
            }
            let context = Context {
                at,
                c,
                prev: text[..start].chars().next_back(),
                next: text[offset..].chars().next(),
                paragraph_end: paragraph.end,
            };
            if !self.closes_left_open(&context, &mut left_by_previous) {
                self.mark(&context, &mut later_closer_cache);
            }
        }
        // A quotation split by a lost paragraph break may close a paragraph
        // or two later (a link or a hashtag set on its own line); keep looking
        // until a paragraph opens a quotation of its own.
        let opened_none = self.quotes.quotations.len() == quotations_before;
        self.end_paragraph(&paragraph, next);
        if opened_none {
            left_by_previous.append(std::mem::take(&mut self.left_open));
            self.left_open = left_by_previous;
        }
    }

    /// A closing mark with nothing open that would have closed a quotation the
    /// previous paragraph left open: the paragraph break lost its reopening
    /// mark. Attach it to that quotation's problem instead of reporting it too.
    fn closes_left_open(&mut self, cx: &Context, left_open: &mut LeftOpen) -> bool {
        if !self.stack.is_empty()
            || self.is_prime(cx)
            || is_word_char(cx.prev) && is_word_char(cx.next)
        {
            return false;
        }
        let side = flank(cx.prev, cx.next);
        if side.left_only() {
            return false;
        }
        let marks = self.marks;
        while let Some(problem) = left_open.take_latest(|mark| marks.closes(mark, cx.c)) {
            let Some(PairingProblem::Unclosed {
                closed_late: closed_late @ None,
                ..
            }) = self.quotes.problems.get_mut(problem)
            else {
                continue;
            };
            *closed_late = Some(cx.at..cx.at + cx.c.len_utf8());
            self.push_mark(cx.at, cx.c, MarkRole::Close);
            return true;
        }
        false
    }

    /// In copy whose paragraphs were run together, a long quotation reopens
    /// after the end of a sentence with the mark that opened it (`… decline.
    /// "We must …`): a continuation, not a quotation inside a quotation.
    fn reopens_in_line(&self, cx: &Context) -> bool {
        let [open] = self.stack.as_slice() else {
            return false;
        };
        if open.mark != cx.c || cx.c == '\'' || !cx.next.is_some_and(char::is_uppercase) {
            return false;
        }
        self.prose[..cx.at]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '.' | '?' | '!' | '…'))
    }

    /// Consume the marks that continue the open quotations into a new paragraph;
    /// returns the offset where ordinary pairing resumes.
    fn reopen(&mut self, start: usize, text: &str) -> usize {
        let mut resume = start;
        if self.stack.is_empty() {
            return resume;
        }
        let leading = text.len() - text.trim_start().len();
        let mut level = 0;
        for (offset, c) in text[leading..].char_indices() {
            match self.stack.get(level) {
                Some(open) if open.mark == c => {
                    let at = start + leading + offset;
                    self.quotes.marks.push(Mark {
                        start: at,
                        ch: c,
                        role: MarkRole::Reopen,
                    });
                    resume = at + c.len_utf8();
                    level += 1;
                }
                _ => break,
            }
        }
        resume
    }

    fn end_paragraph(&mut self, paragraph: &Range<usize>, next: Option<Range<usize>>) {
        if self.stack.is_empty() {
            return;
        }
        // A quotation continues when the next paragraph opens with its mark;
        // inner quotations continue only if their marks follow in order.
        let mut continuing = 0;
        if let Some(next) = next {
            let text = self.prose[next].trim_start();
            let mut chars = text.chars().peekable();
            for open in &self.stack {
                if chars.peek() == Some(&open.mark) {
                    chars.next();
                    continuing += 1;
                } else {
                    break;
                }
            }
            // A mark standing alone, or before a space, closes rather than reopens.
            if chars.peek().is_none_or(|c| c.is_whitespace()) {
                continuing = 0;
            }
        }
        let end = last_char(self.prose, paragraph);
        while self.stack.len() > continuing {
            self.leave_unclosed(end.clone());
        }
    }

    fn leave_unclosed(&mut self, end: Range<usize>) {
        let Some(open) = self.pop() else {
            return;
        };
        if let Some(q) = self.quotes.quotations.get_mut(open.quotation) {
            q.span.end = q.span.end.max(end.end);
        }
        if open.mark == '\'' {
            self.dropped.push(open.quotation);
            if let Some(mark) = self.quotes.marks.get_mut(open.mark_index) {
                mark.role = MarkRole::Apostrophe;
            }
            return;
        }
        self.quotes.problems.push(PairingProblem::Unclosed {
            quotation: open.quotation,
            end,
            closed_late: None,
        });
        self.left_open
            .push(open.mark, self.quotes.problems.len() - 1);
    }

    fn pop(&mut self) -> Option<Open> {
        let open = self.stack.pop()?;
        if let Some(count) = self.open_counts.get_mut(&open.mark) {
            *count = count.saturating_sub(1);
        }
        Some(open)
    }

    fn push_mark(&mut self, at: usize, ch: char, role: MarkRole) {
        self.quotes.marks.push(Mark {
            start: at,
            ch,
            role,
        });
    }

    fn open(&mut self, at: usize, ch: char, style: char) {
        let span = at..at + ch.len_utf8();
        self.quotes.quotations.push(Quotation {
            open: span.clone(),
            close: None,
            depth: self.stack.len(),
            span,
            mark: style,
        });
        self.stack.push(Open {
            mark: style,
            quotation: self.quotes.quotations.len() - 1,
            mark_index: self.quotes.marks.len(),
        });
        *self.open_counts.entry(style).or_insert(0) += 1;
        self.push_mark(at, ch, MarkRole::Open);
    }

    fn close_top(&mut self, at: usize, ch: char) {
        let span = at..at + ch.len_utf8();
        if let Some(open) = self.pop() {
            if let Some(q) = self.quotes.quotations.get_mut(open.quotation) {
                q.span.end = span.end;
                q.close = Some(span);
            }
        }
        self.push_mark(at, ch, MarkRole::Close);
    }

    fn top_closes(&self, c: char) -> bool {
        self.stack
            .last()
            .is_some_and(|open| self.marks.closes(open.mark, c))
    }

    /// Whether some quotation below the top would be closed by `c`.
    fn deeper_closes(&self, c: char) -> bool {
        self.open_counts
            .iter()
            .any(|(&open, &count)| count > 0 && self.marks.closes(open, c))
    }

    fn mark(&mut self, cx: &Context, later_cache: &mut Option<(usize, bool)>) {
        let c = cx.c;
        let side = flank(cx.prev, cx.next);
        if self.reopens_in_line(cx) {
            self.push_mark(cx.at, c, MarkRole::Reopen);
            return;
        }
        if self.is_prime(cx) {
            self.push_mark(cx.at, c, MarkRole::Prime);
            return;
        }
        if matches!(c, '’' | '\'' | '‘') && self.single_is_apostrophe(cx, side, later_cache) {
            return;
        }
        let ambiguous = self.marks.is_opener(c) && self.marks.is_closer(c);
        if self.top_closes(c) && !(ambiguous && side.left_only()) {
            self.close_top(cx.at, c);
            return;
        }
        let top_mark = self.stack.last().map(|open| open.mark);
        if self.marks.is_opener(c) {
            if side.right_only() && top_mark == Some(c) && !is_straight(c) {
                // “word“: an opening mark where the closing one belongs.
                if let Some(expected) = self.marks.closer_of(c) {
                    self.quotes.problems.push(PairingProblem::Direction {
                        mark: cx.at..cx.at + c.len_utf8(),
                        expected,
                    });
                }
                self.close_top(cx.at, c);
                return;
            }
            if !(ambiguous && side.right_only()) {
                self.open(cx.at, c, c);
                return;
            }
        }
        if self.marks.is_closer(c) && self.deeper_closes(c) {
            self.close_deeper(cx.at, c);
            return;
        }
        if !self.marks.is_opener(c) && side.left_only() {
            if let Some(expected) = self.marks.opener_of(c) {
                // ”word”: a closing mark where the opening one belongs.
                self.quotes.problems.push(PairingProblem::Direction {
                    mark: cx.at..cx.at + c.len_utf8(),
                    expected,
                });
                self.open(cx.at, c, expected);
                return;
            }
        }
        if side.left || side.right || self.marks.is_closer(c) {
            self.quotes.problems.push(PairingProblem::Unopened {
                mark: cx.at..cx.at + c.len_utf8(),
            });
            self.push_mark(cx.at, c, MarkRole::Close);
        } else {
            self.push_mark(cx.at, c, MarkRole::Stray);
        }
    }

    /// Close the nearest quotation below the top that `c` closes; the ones
    /// above it end unclosed where `c` stands.
    fn close_deeper(&mut self, at: usize, c: char) {
        let here = at..at + c.len_utf8();
        while let Some(open) = self.stack.last() {
            if self.marks.closes(open.mark, c) {
                self.close_top(at, c);
                return;
            }
            self.leave_unclosed(here.clone());
        }
        self.push_mark(at, c, MarkRole::Close);
    }
}

/// Whether a character starting with `byte` may be a quotation mark: the
/// ASCII marks, and the lead bytes of the others in UTF-8 (`«` `»` start
/// with 0xC2, the curly marks and `‹` `›` with 0xE2, the CJK brackets with
/// 0xE3). Continuation bytes never match, so a match is a char boundary.
fn may_start_a_mark(byte: u8) -> bool {
    matches!(byte, b'"' | b'\'' | 0xC2 | 0xE2 | 0xE3)
}

struct Context {
    at: usize,
    c: char,
    prev: Option<char>,
    next: Option<char>,
    paragraph_end: usize,
}

/// The last prose character of a paragraph, where a secondary label can
/// point. Blanked markup is skipped: its spaces stand for bytes of other
/// characters in the file, so they are not character boundaries there.
fn last_char(prose: &str, paragraph: &Range<usize>) -> Range<usize> {
    let text = prose[paragraph.clone()].trim_end();
    match text.chars().next_back() {
        Some(c) => {
            let end = paragraph.start + text.len();
            end - c.len_utf8()..end
        }
        None => paragraph.start..paragraph.start,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_quote_char, may_start_a_mark};

    #[test]
    fn every_mark_starts_with_a_byte_the_pass_looks_at() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
            if is_quote_char(c) {
                assert!(may_start_a_mark(lead), "{c:?} would be skipped");
            }
        }
        // Continuation bytes never match: a match is always a char boundary.
        assert!((0x80..=0xBF).all(|byte| !may_start_a_mark(byte)));
    }
}
