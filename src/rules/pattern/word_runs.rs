//! Patterns that match one whole ASCII word of a few bytes from a class,
//! such as Vale's acronyms, `(?-u:\b)([A-Z]{3,5})(?-u:\b)`, found without
//! the expression engine. Such a pattern has no literal for the run's scan
//! (26 capitals are too many), so the engine scanned every byte of every
//! document for it; a byte test of eight bytes at a time finds the few
//! bytes that can open a match.
//!
//! The pattern is `\b`, a greedy repetition of a class of ASCII word bytes
//! (at least once), `\b`, with ASCII word boundaries, the repetition
//! captured or not. Every match is then a whole run of ASCII word bytes
//! (`[0-9A-Za-z_]`; any other byte, a byte of a character outside ASCII
//! included, ends it): the boundary before needs a byte that is not one
//! before the first, and the repetition can stop only before a byte
//! outside the class, which must not be a word byte either. So a run
//! matches when its length is within the repetition's bounds and each of
//! its bytes is in the class, and nothing else does.
//!
//! With Unicode word boundaries (`\b([A-Z]{3,5})\b`, as a desk writes it)
//! a character outside ASCII may be a word character too: a run then
//! matches only when no word character of any script stands before it or
//! after it. The engine cannot run such a boundary on its fast automaton
//! once it meets a character outside ASCII, which most articles hold (a
//! curly quotation mark is enough), and falls back to a slower one: this
//! finds the same matches a few bytes at a time.

use std::ops::Range;

use regex_syntax::hir::{Class, Hir, HirKind, Look};
use regex_syntax::is_word_character;

use crate::terms::literals::WORD_BYTES;
use crate::terms::{in_range, HIGH_BITS};

/// A pattern that matches whole ASCII words of bytes from a class.
#[derive(Debug)]
pub(super) struct WordRuns {
    /// Which bytes the class holds (all ASCII word bytes).
    class: [bool; 256],
    /// The lowest and highest byte of the class, for the eight-byte test.
    low: u8,
    high: u8,
    /// The repetition's bounds.
    min: usize,
    max: usize,
    /// Whether the repetition is group 1.
    captured: bool,
    /// Whether each boundary, before and after, is Unicode's rather than
    /// ASCII's.
    unicode: [bool; 2],
}

impl WordRuns {
    /// The pattern `source` as a [`WordRuns`], when it has that shape.
    ///
    /// Ignoring case, a class of letters holds the Kelvin sign or the long
    /// s, which are not ASCII: only case-sensitive patterns are looked at,
    /// and only those with a bounded repetition and a boundary, so that the
    /// run's other patterns are not parsed once more.
    pub(super) fn of(source: &str, ignore_case: bool) -> Option<WordRuns> {
        if ignore_case || !source.contains('{') || !source.contains("\\b") {
            return None;
        }
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(source)
            .ok()?;
        let HirKind::Concat(items) = hir.kind() else {
            return None;
        };
        let [first, middle, last] = items.as_slice() else {
            return None;
        };
        let unicode_boundary = |hir: &Hir| match hir.kind() {
            HirKind::Look(Look::WordAscii) => Some(false),
            HirKind::Look(Look::WordUnicode) => Some(true),
            _ => None,
        };
        let unicode = [unicode_boundary(first)?, unicode_boundary(last)?];
        let (repetition, captured) = match middle.kind() {
            HirKind::Capture(capture) if capture.index == 1 => (&*capture.sub, true),
            _ => (middle, false),
        };
        let HirKind::Repetition(repetition) = repetition.kind() else {
            return None;
        };
        let max = repetition.max?;
        if !repetition.greedy || repetition.min == 0 {
            return None;
        }
        let HirKind::Class(class) = repetition.sub.kind() else {
            return None;
        };
        let ranges: Vec<(u32, u32)> = match class {
            Class::Unicode(class) => class
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end())))
                .collect(),
            Class::Bytes(class) => class
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end())))
                .collect(),
        };
        let mut bytes = [false; 256];
        for (start, end) in ranges {
            for code in start..=end {
                let byte = u8::try_from(code).ok()?;
                if !WORD_BYTES[usize::from(byte)] {
                    return None;
                }
                bytes[usize::from(byte)] = true;
            }
        }
        let low = bytes.iter().position(|&held| held)?;
        let high = bytes.iter().rposition(|&held| held)?;
        Some(WordRuns {
            class: bytes,
            low: u8::try_from(low).ok()?,
            high: u8::try_from(high).ok()?,
            min: usize::try_from(repetition.min).ok()?,
            max: usize::try_from(max).ok()?,
            captured,
            unicode,
        })
    }

    /// Each group's span in a match at `span`, the whole match first.
    pub(super) fn groups(&self, span: &Range<usize>) -> Vec<Option<Range<usize>>> {
        vec![Some(span.clone()); 1 + usize::from(self.captured)]
    }

    /// Every match in `prose`, in order.
    pub(super) fn find(&self, prose: &str) -> Vec<Range<usize>> {
        let bytes = prose.as_bytes();
        let mut found = Vec::new();
        // A byte of the class that follows a word byte opens no run: only
        // the first byte of each run is looked at further.
        let mut look_at = |at: usize| {
            if at > 0 && WORD_BYTES[usize::from(bytes[at - 1])] {
                return;
            }
            if self.unicode[0]
                && prose[..at]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_character)
            {
                return;
            }
            let mut end = at + 1;
            while end < bytes.len() && WORD_BYTES[usize::from(bytes[end])] {
                if !self.class[usize::from(bytes[end])] || end - at >= self.max {
                    return;
                }
                end += 1;
            }
            if self.unicode[1] && prose[end..].chars().next().is_some_and(is_word_character) {
                return;
            }
            if end - at >= self.min {
                found.push(at..end);
            }
        };
        let mut chunks = bytes.chunks_exact(8);
        let mut base = 0;
        for chunk in &mut chunks {
            let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            // Bytes outside ASCII are in no class.
            let mut candidates =
                in_range(chunk & !HIGH_BITS, self.low, self.high) & !chunk & HIGH_BITS;
            while candidates != 0 {
                let at = base + (candidates.trailing_zeros() / 8) as usize;
                candidates &= candidates - 1;
                if self.class[usize::from(bytes[at])] {
                    look_at(at);
                }
            }
            base += 8;
        }
        for (at, &byte) in bytes.iter().enumerate().skip(base) {
            if self.class[usize::from(byte)] {
                look_at(at);
            }
        }
        found
    }
}
