//! Patterns that the run's literal scan cannot find but whose every match
//! opens with one of a few bytes that prose seldom holds: digits above all
//! (`\d{1,2} ?[ap]m`). The engine's own scan of the whole prose costs
//! several instructions a byte and uses no fast prefilter for a set of ten
//! bytes; looking for those bytes eight at a time and trying the pattern
//! anchored where one is found costs a fraction of that, and finds the same
//! matches.

use std::ops::Range;

use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::terms::{in_range, HIGH_BITS};

/// Makes one engine cache for a thread that searches with the pattern.
type MakeCache = Box<dyn Fn() -> meta::Cache + Send + Sync>;

/// A plain pattern searched anchored where one of the bytes its matches
/// open with lies.
pub(super) struct StartBytes {
    regex: meta::Regex,
    /// Whether each byte can open a match (the exact test).
    opens: [bool; 256],
    /// The ASCII bytes that can open a match lie in `ascii_low..=ascii_high`
    /// (an empty range when there are none): the word-at-a-time test flags
    /// that range, which holds no letter and no space.
    ascii_low: u8,
    ascii_high: u8,
    /// Whether a byte outside ASCII can open a match (the lead byte of a
    /// digit of another script): then the word-at-a-time test flags every
    /// such byte too.
    any_non_ascii: bool,
    /// The engine's caches, one per thread, taken once per search of a
    /// text rather than once per place tried.
    caches: Pool<meta::Cache, MakeCache>,
}

impl StartBytes {
    /// The strategy for `source` compiled as `regex`, or `None` when a
    /// match may be empty or may open with a letter, a space, or another
    /// byte too common in prose for the scan to pay.
    pub(super) fn of(source: &str, ignore_case: bool, regex: &meta::Regex) -> Option<StartBytes> {
        // Read as the engine reads it, so that ignoring case puts every
        // form of a letter (the Kelvin sign's too) into its classes.
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(ignore_case)
            .build()
            .parse(source)
            .ok()?;
        if hir.properties().minimum_len().is_none_or(|len| len == 0) {
            return None;
        }
        let (opens, can_be_empty) = first_bytes(&hir);
        if can_be_empty {
            return None;
        }
        let ascii: Vec<u8> = (0..0x80u8).filter(|&b| opens[usize::from(b)]).collect();
        let any_non_ascii = opens[0x80..].iter().any(|&open| open);
        let (ascii_low, ascii_high) = match (ascii.first(), ascii.last()) {
            (Some(&low), Some(&high)) => (low, high),
            // No ASCII byte: a range that flags none.
            _ => (1, 0),
        };
        // The range test needs a byte below the range's lowest; a match
        // opening with a NUL is not worth the care.
        if ascii_low == 0 {
            return None;
        }
        let common = |b: u8| b.is_ascii_alphabetic() || b.is_ascii_whitespace();
        if (ascii_low..=ascii_high).any(common) || (ascii.is_empty() && !any_non_ascii) {
            return None;
        }
        let for_caches = regex.clone();
        let make: MakeCache = Box::new(move || for_caches.create_cache());
        Some(StartBytes {
            regex: regex.clone(),
            opens,
            ascii_low,
            ascii_high,
            any_non_ascii,
            caches: Pool::new(make),
        })
    }

    /// The spans `regex.find_iter(text)` gives. A match is never empty, so
    /// that scan looks, from where the last match ended, for the leftmost
    /// start where the pattern matches and takes the match it prefers
    /// there; every match opens with a byte of the set, so trying each such
    /// place in order, anchored, over the whole text (look-behind such as
    /// `\b` sees the bytes before), finds the same.
    pub(super) fn spans(&self, text: &str) -> Vec<Range<usize>> {
        let mut cache = self.caches.get();
        let mut spans = Vec::new();
        self.each_match(text, &mut cache, |span, _| spans.push(span));
        spans
    }

    /// The matches `regex.captures_iter(text)` gives, each as its groups'
    /// spans (group 0, the whole match, first): the anchored search at the
    /// start of a match resolves its groups as the scan does there.
    pub(super) fn captures(&self, text: &str) -> Vec<Vec<Option<Range<usize>>>> {
        let mut cache = self.caches.get();
        let mut captures = self.regex.create_captures();
        let mut found = Vec::new();
        self.each_match(text, &mut cache, |span, cache| {
            let input = Input::new(text)
                .span(span.start..text.len())
                .anchored(Anchored::Yes);
            self.regex
                .search_captures_with(cache, &input, &mut captures);
            let groups: Vec<Option<Range<usize>>> = (0..captures.group_len())
                .map(|group| captures.get_group(group).map(|span| span.range()))
                .collect();
            debug_assert_eq!(groups.first().cloned().flatten(), Some(span));
            found.push(groups);
        });
        found
    }

    fn each_match(
        &self,
        text: &str,
        cache: &mut PoolGuard<'_, meta::Cache, MakeCache>,
        mut found: impl FnMut(Range<usize>, &mut meta::Cache),
    ) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(start) = self.next_opening(bytes, at) {
            let input = Input::new(text)
                .span(start..bytes.len())
                .anchored(Anchored::Yes);
            at = match self.regex.search_with(cache, &input) {
                Some(matched) => {
                    let span = matched.range();
                    // Never empty (see `of`), so the scan moves on.
                    let end = span.end.max(start + 1);
                    found(span, cache);
                    end
                }
                None => start + 1,
            };
        }
    }

    /// The first offset at or after `from` whose byte can open a match.
    fn next_opening(&self, bytes: &[u8], from: usize) -> Option<usize> {
        let mut at = from;
        while let Some(word) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(word.try_into().ok()?);
            let mut flagged = self.flagged(word);
            while flagged != 0 {
                let offset = at + flagged.trailing_zeros() as usize / 8;
                if self.opens[usize::from(bytes[offset])] {
                    return Some(offset);
                }
                // Past this byte's flag (its high bit) to the next byte's.
                flagged &= flagged - 1;
            }
            at += 8;
        }
        (at..bytes.len()).find(|&offset| self.opens[usize::from(bytes[offset])])
    }

    /// The high bit of each byte of `word` (read little-endian) that may
    /// open a match: an ASCII byte in the range, or (when the set has one)
    /// any byte outside ASCII.
    fn flagged(&self, word: u64) -> u64 {
        let ascii = in_range(word & !HIGH_BITS, self.ascii_low, self.ascii_high) & !word;
        if self.any_non_ascii {
            ascii | (word & HIGH_BITS)
        } else {
            ascii
        }
    }
}

/// The bytes a match of `hir` can open with, and whether it can match
/// nothing at all (then what follows it can open a match too).
fn first_bytes(hir: &Hir) -> ([bool; 256], bool) {
    let mut opens = [false; 256];
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => return (opens, true),
        HirKind::Literal(literal) => match literal.0.first() {
            Some(&first) => opens[usize::from(first)] = true,
            None => return (opens, true),
        },
        HirKind::Class(Class::Bytes(class)) => {
            for range in class.ranges() {
                for byte in range.start()..=range.end() {
                    opens[usize::from(byte)] = true;
                }
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            for range in class.ranges() {
                mark_lead_bytes(range.start(), range.end(), &mut opens);
            }
        }
        HirKind::Repetition(repetition) => {
            let (sub, empty) = first_bytes(&repetition.sub);
            return (sub, empty || repetition.min == 0);
        }
        HirKind::Capture(capture) => return first_bytes(&capture.sub),
        HirKind::Concat(items) => {
            for item in items {
                let (sub, empty) = first_bytes(item);
                union(&mut opens, &sub);
                if !empty {
                    return (opens, false);
                }
            }
            return (opens, true);
        }
        HirKind::Alternation(branches) => {
            let mut any_empty = false;
            for branch in branches {
                let (sub, empty) = first_bytes(branch);
                union(&mut opens, &sub);
                any_empty |= empty;
            }
            return (opens, any_empty);
        }
    }
    (opens, false)
}

fn union(into: &mut [bool; 256], from: &[bool; 256]) {
    for (into, from) in into.iter_mut().zip(from) {
        *into |= *from;
    }
}

/// Marks the first bytes of the UTF-8 forms of `first..=last`: within the
/// characters of one encoded length the first byte never decreases, so each
/// length's share of the range opens with a range of bytes.
fn mark_lead_bytes(first: char, last: char, opens: &mut [bool; 256]) {
    const LENGTHS: [(u32, u32); 4] = [
        (0, 0x7F),
        (0x80, 0x7FF),
        (0x800, 0xFFFF),
        (0x1_0000, 0x10_FFFF),
    ];
    // The first byte of the UTF-8 form of `code` (surrogates, which have
    // none, get that of their neighbours: only ever one byte too many).
    let lead = |code: u32| -> u8 {
        let byte = match code {
            0..=0x7F => code,
            0x80..=0x7FF => 0xC0 | (code >> 6),
            0x800..=0xFFFF => 0xE0 | (code >> 12),
            _ => 0xF0 | (code >> 18),
        };
        u8::try_from(byte).unwrap_or(u8::MAX)
    };
    for (low, high) in LENGTHS {
        let start = u32::from(first).max(low);
        let end = u32::from(last).min(high);
        if start > end {
            continue;
        }
        for byte in lead(start)..=lead(end) {
            opens[usize::from(byte)] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::pattern::plain_regex;
    use crate::test_texts::{each_article, made_up_texts};

    /// Patterns whose matches open with digits, as Vale styles write them,
    /// with whether they ignore case.
    const PATTERNS: [(&str, bool); 9] = [
        (
            r"(?m)(?:\d{1,2}[AP]M|\d{1,2} ?[ap]m|\d{1,2} ?[aApP]\.[mM]\.)",
            false,
        ),
        (r"\d+(?:st|nd|rd|th)", false),
        (r"\d{1,2}/\d{1,2}", false),
        (r"\b\d{2,4}\b", false),
        (r"(?m)^\d\.", false),
        (r"\d", false),
        (r"\d ?(?:am|pm)\b", true),
        (r"(\d{1,2}):(\d{2})( ?[ap]\.?m\.?)?", false),
        (r"[0-9](?:[0-9]|,)*%", false),
    ];

    /// Every span and group the engine's own scan finds in `text`.
    fn check(strategy: &StartBytes, regex: &meta::Regex, source: &str, text: &str) {
        let expected: Vec<Range<usize>> = regex.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(strategy.spans(text), expected, "{source} in {text:?}");
        let expected: Vec<Vec<Option<Range<usize>>>> = regex
            .captures_iter(text)
            .map(|captures| captures.iter().map(|m| m.map(|m| m.range())).collect())
            .collect();
        assert_eq!(strategy.captures(text), expected, "{source} in {text:?}");
    }

    fn strategies() -> Vec<(&'static str, StartBytes, meta::Regex)> {
        PATTERNS
            .iter()
            .map(|&(source, ignore_case)| {
                let regex = plain_regex(source, ignore_case, false).unwrap();
                let strategy = StartBytes::of(source, ignore_case, &regex)
                    .unwrap_or_else(|| panic!("{source} has no start bytes"));
                (source, strategy, regex)
            })
            .collect()
    }

    #[test]
    fn finds_what_the_engine_finds_in_made_up_texts() {
        // Digits of other scripts (Arabic-Indic, full-width, mathematical)
        // open `\d` matches too; words, dashes and accents around them.
        let pieces: Vec<&str> = concat!(
            "1|12|2026|7|90| |  |am|AM|pm|PM|p.m.|a.M.|st|nd|th|/|:|.|,|%|\n|\n\n|é|—|",
            "\u{663}|\u{FF13}|\u{1D7D9}|x|word|_|1st|10:30|K|\u{212A}"
        )
        .split('|')
        .collect();
        let mut checked = 0;
        for (source, strategy, regex) in strategies() {
            for text in made_up_texts(&pieces, 7, 1500, 24) {
                check(&strategy, &regex, source, &text);
                checked += 1;
            }
            // Matches that run to the very end, and none at all.
            for text in ["", "1", "12", "3pm", "9 PM", "x 4 a.m.", "5.", "1st", "2/3"] {
                check(&strategy, &regex, source, text);
            }
        }
        assert!(checked > 10_000);
    }

    #[test]
    fn finds_what_the_engine_finds_in_the_articles() {
        let strategies = strategies();
        each_article(|text| {
            for (source, strategy, regex) in &strategies {
                check(strategy, regex, source, text);
            }
        });
    }

    #[test]
    fn digits_in_every_place_of_a_word() {
        // Each offset of the eight-byte test, and the bytes after it.
        for (source, strategy, regex) in strategies() {
            for digit in ('0'..='9').chain(['\u{663}', '\u{FF19}']) {
                for len in 0..20 {
                    for at in 0..len {
                        let mut text: Vec<char> = vec!['-'; len];
                        text[at] = digit;
                        let text: String = text.into_iter().collect();
                        check(&strategy, &regex, source, &text);
                        check(&strategy, &regex, source, &format!("{text}pm"));
                    }
                }
            }
        }
    }

    #[test]
    fn common_or_empty_openings_keep_the_engine_scan() {
        for source in [
            r"[a-z]\d", r" \d", r"\d*", r"x?\d", r"\s\d", r"(?:\d|)", r"\w\d",
        ] {
            let regex = plain_regex(source, false, false).unwrap();
            assert!(StartBytes::of(source, false, &regex).is_none(), "{source}");
        }
        let regex = plain_regex(r"\d+%", false, false).unwrap();
        let strategy = StartBytes::of(r"\d+%", false, &regex).unwrap();
        let opening: Vec<u8> = (0..=255u8)
            .filter(|&b| strategy.opens[usize::from(b)])
            .collect();
        // The ASCII digits, then the lead bytes of other scripts' digits.
        assert_eq!(&opening[..10], b"0123456789");
        assert!(opening[10..].iter().all(|&b| b >= 0xC0));
    }
}
