//! Vale's word token (`\b(\w+)\b`) counted sentence by sentence: where
//! words may start, counted eight bytes at a time, and the tokens
//! themselves only where a count needs them.

use std::ops::Range;

use regex::Regex;

use crate::terms::literals::{is_word_byte, WORD_BYTES};
#[cfg(test)]
use crate::terms::{ascii_word_bytes, HIGH_BITS};

/// Vale's word token (`\b(\w+)\b`) as written and as imported: the
/// regular expression engine's cost per match, for every word of every
/// article, made it the dearest rule of an imported style.
pub(super) const WORD_TOKENS: [&str; 4] =
    [r"(?-u:\b)(\w+)(?-u:\b)", r"\b(\w+)\b", r"\b\w+\b", r"\w+"];

/// Where the matches of a word token (of [`WORD_TOKENS`]) may start in a
/// unit, counted in one pass with no branch a byte (finding the tokens
/// costs several): every ASCII word byte after a byte that is not one (the
/// byte before the unit included), and every first byte of a character
/// outside ASCII.
pub(super) struct WordStarts {
    ascii: usize,
    other: usize,
}

impl WordStarts {
    /// The counts for `unit` from the word starts of its prose (`kept`),
    /// which the term scan keeps with the document when the run scans for
    /// the literals of patterns too.
    pub(super) fn in_unit(kept: &crate::terms::WordStarts, unit: &Range<usize>) -> WordStarts {
        let (ascii, other) = kept.ascii_starts_and_others_in(unit);
        WordStarts { ascii, other }
    }

    /// The counts for `unit` from its own bytes, eight at a time: what
    /// [`WordStarts::in_unit`] must agree with.
    #[cfg(test)]
    pub(super) fn of(prose: &str, unit: &Range<usize>) -> WordStarts {
        let bytes = prose.as_bytes();
        let mut after_word = unit
            .start
            .checked_sub(1)
            .is_some_and(|before| is_word_byte(bytes[before]));
        let (mut ascii, mut other) = (0, 0);
        let mut chunks = bytes[unit.clone()].chunks_exact(8);
        // Eight bytes at a time (sentences are long enough), counted in a
        // byte each, summed before a byte could overflow.
        let (mut ascii_lanes, mut other_lanes, mut lanes_filled) = (0u64, 0u64, 0);
        let mut word_before = u64::from(after_word) << 7;
        for chunk in &mut chunks {
            let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let words = word_bytes(chunk);
            let starts = words & !((words << 8) | word_before);
            word_before = words >> 56;
            ascii_lanes += starts >> 7;
            other_lanes += (chunk & (chunk << 1) & HIGH_BITS) >> 7;
            lanes_filled += 1;
            if lanes_filled == 255 {
                ascii += sum_lanes(ascii_lanes);
                other += sum_lanes(other_lanes);
                (ascii_lanes, other_lanes, lanes_filled) = (0, 0, 0);
            }
        }
        ascii += sum_lanes(ascii_lanes);
        other += sum_lanes(other_lanes);
        after_word = word_before != 0;
        for &byte in chunks.remainder() {
            let word = WORD_BYTES[usize::from(byte)];
            ascii += usize::from(word & !after_word);
            other += usize::from(byte >= 0xC0);
            after_word = word;
        }
        WordStarts { ascii, other }
    }

    /// At least as many as the matches that start in the unit: a match
    /// starts at a word character after one that is not, or, with ASCII's
    /// `\b`, at an ASCII word byte after any other byte.
    pub(super) fn most(&self) -> usize {
        self.ascii + self.other
    }

    /// The matches of `token` that start in `unit`, counted. A match of a
    /// run of ASCII word bytes alone is the run, whatever the token's `\b`:
    /// so each ASCII start counts one match, except in the rare runs with
    /// other letters, whose matches the token's own scan finds (ASCII's `\b`
    /// splits them at each other letter). `None` for a unit whose last word
    /// runs on past its end (a match that ends past the unit is not counted
    /// in it).
    /// `kept` are the word starts of `prose`, whose bitmaps give the
    /// characters outside ASCII and the ASCII starts in a stretch without a
    /// look at its bytes.
    pub(super) fn exact(
        &self,
        token: &Regex,
        prose: &str,
        unit: &Range<usize>,
        kept: &crate::terms::WordStarts,
    ) -> Option<TokenCount> {
        let is_word_char = |at: usize| at < prose.len() && word_char_at(prose, at).0;
        let last = prose[..unit.end].chars().next_back();
        let ends_in_word = unit.end > unit.start && last.is_some_and(is_word);
        if ends_in_word && is_word_char(unit.end) {
            return None;
        }
        let bytes = prose.as_bytes();
        // A run that reaches into the unit from before it, with a letter
        // outside ASCII just before the unit's first byte.
        let before = prose[..unit.start]
            .char_indices()
            .next_back()
            .filter(|&(_, c)| !c.is_ascii() && is_word(c))
            .map(|(at, _)| at)
            .filter(|_| unit.start < unit.end && is_word_byte(bytes[unit.start]));
        let mut counted = TokenCount {
            n: self.ascii,
            mixed: Vec::new(),
        };
        if self.other == 0 && before.is_none() {
            return Some(counted);
        }
        let others = kept
            .chars_outside_ascii_in(unit.clone())
            .filter(|&at| is_word_char(at));
        let mut run_end = 0;
        for at in before.into_iter().chain(others) {
            if at < run_end {
                continue;
            }
            let mut run_start = at;
            while let Some(c) = prose[..run_start].chars().next_back() {
                if !is_word(c) {
                    break;
                }
                run_start -= c.len_utf8();
            }
            run_end = at;
            while is_word_char(run_end) {
                run_end += word_char_at(prose, run_end).1;
            }
            let inside = run_start.max(unit.start)..run_end;
            counted.n -= kept.ascii_starts_and_others_in(&inside).0;
            // The run is one match: with Unicode's `\b` the whole run, with
            // ASCII's from its first ASCII word byte to the end of its last
            // (none without one).
            let start = if ascii_boundaries(token) {
                (run_start..run_end).find(|&i| is_word_byte(bytes[i]))
            } else {
                Some(run_start)
            };
            let in_unit = start.is_some_and(|start| unit.contains(&start));
            counted.n += usize::from(in_unit);
            counted
                .mixed
                .push((run_start..run_end, usize::from(in_unit)));
        }
        Some(counted)
    }
}

/// The matches of a word token that start in a unit, counted without
/// finding most of them.
pub(super) struct TokenCount {
    pub(super) n: usize,
    /// The runs of word characters with some outside ASCII, in order, each
    /// with the number of its matches that start in the unit (none or one).
    mixed: Vec<(Range<usize>, usize)>,
}

/// The places in `range` of `bytes` where a word byte follows a byte that
/// is not one, byte by byte: what
/// [`crate::terms::WordStarts::nth_ascii_start_in`] must agree with.
#[cfg(test)]
fn ascii_starts(bytes: &[u8], range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    range.filter(|&at| is_word_byte(bytes[at]) && (at == 0 || !is_word_byte(bytes[at - 1])))
}

/// The high bit of each byte of `chunk` (eight bytes, the first lowest)
/// that is an ASCII word byte ([`is_word_byte`]); bytes outside ASCII are
/// none.
#[cfg(test)]
fn word_bytes(chunk: u64) -> u64 {
    ascii_word_bytes(chunk & !HIGH_BITS) & !chunk
}

/// The sum of the eight bytes of `lanes`.
#[cfg(test)]
fn sum_lanes(lanes: u64) -> usize {
    let pairs = (lanes & 0x00FF_00FF_00FF_00FF) + ((lanes >> 8) & 0x00FF_00FF_00FF_00FF);
    let sum = pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48;
    usize::try_from(sum).expect("at most eight times 255")
}

/// Whether `c` is a word character (`\w`); an unknown one is taken for one.
fn is_word(c: char) -> bool {
    regex_syntax::try_is_word_character(c).unwrap_or(true)
}

/// The match of `token` with index `nth` (from 0) among those that start in
/// `unit`, a unit `counted` holds more than `nth` matches in. Outside the
/// runs with letters outside ASCII, the match is found by the token's own
/// scan from where it starts (a word byte after a byte that is not one, a
/// place the scan of the whole prose starts afresh from), so that its end
/// is the scan's too.
pub(super) fn nth_token(
    token: &Regex,
    prose: &str,
    unit: &Range<usize>,
    nth: usize,
    (counted, kept): (&TokenCount, &crate::terms::WordStarts),
) -> Range<usize> {
    let at_start = |start: usize| {
        word_tokens_in(token, prose, &(start..unit.end))
            .next()
            .expect("a word byte after another byte starts a match")
    };
    let mut from = unit.start;
    let mut left = nth;
    for (run, found) in &counted.mixed {
        let before_run = from..run.start.max(from);
        let ascii = kept.ascii_starts_and_others_in(&before_run).0;
        if left < ascii {
            break;
        }
        left -= ascii;
        if left < *found {
            let mut tokens = WordTokens::new(token, prose);
            tokens.at = run.start;
            return tokens.next().expect("the run holds a match");
        }
        left -= found;
        from = run.end;
    }
    let start = kept
        .nth_ascii_start_in(&(from..unit.end), left)
        .expect("the unit holds more matches than `nth`");
    at_start(start)
}

/// The matches of `token` (one of [`WORD_TOKENS`]) in `prose` that start
/// in `unit`, as a scan of the whole prose finds them: the scan is taken up
/// where the run of word characters around the unit's start begins, a
/// place the whole scan also starts afresh from.
pub(super) fn word_tokens_in<'t>(
    token: &Regex,
    prose: &'t str,
    unit: &Range<usize>,
) -> impl Iterator<Item = Range<usize>> + 't {
    let mut from = unit.start.min(prose.len());
    while !prose.is_char_boundary(from) {
        from -= 1;
    }
    while let Some(c) = prose[..from].chars().next_back() {
        let before = from - c.len_utf8();
        if !word_char_at(prose, before).0 {
            break;
        }
        from = before;
    }
    let (start, end) = (unit.start, unit.end);
    let mut tokens = WordTokens::new(token, prose);
    tokens.at = from;
    tokens
        .skip_while(move |t| t.start < start)
        .take_while(move |t| t.start < end)
}

/// The matches of `token` (one of [`WORD_TOKENS`]) in `prose`, in order,
/// found without the engine. Every match lies in a run of word characters
/// (Unicode's `\w`). With Unicode's `\b`, or none, a match is a whole run.
/// With ASCII's `\b` (as imported), a match starts where an ASCII word
/// byte meets another byte, and ends at the last such place in its run
/// (`\w+` is greedy and gives back until the boundary holds): in a run of
/// ASCII alone, again the whole run, and in one with other letters
/// ("café", "naïve"), the ASCII parts that meet them.
struct WordTokens<'t> {
    prose: &'t str,
    ascii_boundaries: bool,
    at: usize,
    /// The matches of a run with other letters, yet to be given, reversed.
    queued: Vec<Range<usize>>,
}

impl<'t> WordTokens<'t> {
    fn new(token: &Regex, prose: &'t str) -> WordTokens<'t> {
        WordTokens {
            prose,
            ascii_boundaries: ascii_boundaries(token),
            at: 0,
            queued: Vec::new(),
        }
    }
}

impl Iterator for WordTokens<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if let Some(queued) = self.queued.pop() {
            return Some(queued);
        }
        let prose = self.prose;
        let bytes = prose.as_bytes();
        while self.at < bytes.len() {
            let start = self.at;
            // Spaces and punctuation between words, passed over at once.
            if bytes[start].is_ascii() && !WORD_BYTES[usize::from(bytes[start])] {
                self.at += 1;
                continue;
            }
            // Most runs are ASCII alone, ended by an ASCII byte.
            let run = bytes[start..]
                .iter()
                .position(|&b| !WORD_BYTES[usize::from(b)])
                .unwrap_or(bytes.len() - start);
            let at = start + run;
            self.at = at;
            if bytes.get(at).is_none_or(u8::is_ascii) {
                if at > start {
                    return Some(start..at);
                }
                self.at = at + 1;
                continue;
            }
            let (is_word, len) = word_char_at(prose, at);
            if at == start && !is_word {
                self.at = at + len;
                continue;
            }
            let mut end = at;
            let mut all_ascii = true;
            while end < bytes.len() {
                let (is_word, len) = word_char_at(prose, end);
                if !is_word {
                    break;
                }
                all_ascii &= len == 1;
                end += len;
            }
            self.at = end;
            if all_ascii || !self.ascii_boundaries {
                return Some(start..end);
            }
            ascii_bounded(bytes, start..end, &mut self.queued);
            self.queued.reverse();
            if let Some(first) = self.queued.pop() {
                return Some(first);
            }
        }
        None
    }
}

/// Whether `token` (one of [`WORD_TOKENS`]) takes its `\b` in ASCII.
fn ascii_boundaries(token: &Regex) -> bool {
    token.as_str().starts_with("(?-u:")
}

/// Whether the character at `at` is a word character (`\w`), and its length.
fn word_char_at(prose: &str, at: usize) -> (bool, usize) {
    let byte = prose.as_bytes()[at];
    if byte.is_ascii() {
        return (is_word_byte(byte), 1);
    }
    match prose.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) => (
            regex_syntax::try_is_word_character(c).unwrap_or(false),
            c.len_utf8(),
        ),
        None => (false, 1),
    }
}

/// The matches of `(?-u:\b)\w+(?-u:\b)` in `run`, a run of word characters
/// some of which are not ASCII.
fn ascii_bounded(bytes: &[u8], run: Range<usize>, found: &mut Vec<Range<usize>>) {
    let word_at = |at: usize| bytes.get(at).is_some_and(|&b| is_word_byte(b));
    let boundary = |at: usize| (at > 0 && word_at(at - 1)) != word_at(at);
    let char_start = |at: usize| bytes.get(at).is_none_or(|&b| (b as i8) >= -0x40);
    let mut start = run.start;
    while start < run.end {
        if !(char_start(start) && boundary(start)) {
            start += 1;
            continue;
        }
        let end = (start + 1..=run.end)
            .rev()
            .find(|&end| char_start(end) && boundary(end));
        match end {
            Some(end) => {
                found.push(start..end);
                start = end;
            }
            None => start += 1,
        }
    }
}

#[cfg(test)]
mod word_token_tests {
    use super::*;

    #[test]
    fn word_starts_eight_bytes_at_a_time_are_those_of_each_byte() {
        let mut texts: Vec<String> = [
            "The café’s 2nd_floor—naïve “quotes” and ½ x²; Straße, Ελλάδα, 東京 e\u{301}t.",
            "@AZ[`az{/09:_^ AZaz09_ \u{7f}\u{80}\u{c0}\u{ff}\u{100} x",
            "",
            "a",
            "abcdefgh",
            "abcdefghi",
            " bcdefgh ijklmnop",
        ]
        .iter()
        .map(|text| text.to_string())
        .collect();
        // Past the 255 chunks a lane may count before it is summed.
        texts.push("a b ".repeat(700));
        texts.push("é".repeat(2100));
        for text in &texts {
            let bytes = text.as_bytes();
            let whole = crate::terms::WordStarts::of(text);
            for start in 0..bytes.len().min(10) {
                for end in [bytes.len(), bytes.len().saturating_sub(3)] {
                    if start > end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                        continue;
                    }
                    let mut after_word = start > 0 && is_word_byte(bytes[start - 1]);
                    let (mut ascii, mut other) = (0, 0);
                    for &byte in &bytes[start..end] {
                        ascii += usize::from(is_word_byte(byte) && !after_word);
                        other += usize::from(byte >= 0xC0);
                        after_word = is_word_byte(byte);
                    }
                    let starts = WordStarts::of(text, &(start..end));
                    assert_eq!(
                        (starts.ascii, starts.other),
                        (ascii, other),
                        "{text:?} {start}..{end}"
                    );
                    let kept = WordStarts::in_unit(&whole, &(start..end));
                    assert_eq!((kept.ascii, kept.other), (ascii, other));
                }
            }
        }
    }

    #[test]
    fn the_nth_word_start_from_the_bitmaps_is_that_of_each_byte() {
        let mut texts: Vec<String> = [
            "The café’s 2nd_floor—naïve “quotes” and ½ x²; Straße, Ελλάδα, 東京 e\u{301}t.",
            "@AZ[`az{/09:_^ AZaz09_ \u{7f}\u{80}\u{c0}\u{ff}\u{100} x",
            "",
            "abcdefgh",
            "a b c d e f g h i j k l m n o p q",
            "ab cd ef gh ij kl mn op qr st uv wx",
        ]
        .iter()
        .map(|text| text.to_string())
        .collect();
        texts.push("a b ".repeat(40));
        for text in &texts {
            let bytes = text.as_bytes();
            let kept = crate::terms::WordStarts::of(text);
            for start in 0..bytes.len().min(10) {
                for end in (start..=bytes.len()).rev().take(12) {
                    let each: Vec<usize> = ascii_starts(bytes, start..end).collect();
                    for nth in 0..=each.len() + 1 {
                        let expected = each.get(nth).copied().ok_or(each.len());
                        assert_eq!(
                            kept.nth_ascii_start_in(&(start..end), nth),
                            expected,
                            "{text:?} {start}..{end} nth {nth}"
                        );
                    }
                    let counted = kept.ascii_starts_and_others_in(&(start..end)).0;
                    assert_eq!(counted, each.len());
                }
            }
        }
    }

    #[test]
    fn word_tokens_are_what_the_expression_finds() {
        let texts = [
            "The café’s 2nd_floor—naïve “quotes” and ½ x²; Straße, Ελλάδα, 東京 e\u{301}t\u{200d}a.",
            "é’s ’é don’t—“x”…y «a»\u{a0}b\u{2009}c\u{202f}d ‘q’ a–b é—é",
            "  trailing space and \n\n lines\t tab ",
            "",
            "éclair",
            "x",
            "caféx xé_y ½x² a\u{301}b ﬃx Ελλάδαx x٣y _é_ 9é9 éé xéx é1é ’x’ x’s",
            "\u{301}x \u{200d}y z\u{200c} ⅷx x²² 東京x",
        ];
        for source in WORD_TOKENS {
            let token = Regex::new(source).unwrap();
            for text in texts {
                let expected: Vec<Range<usize>> = token
                    .find_iter(text)
                    .map(|m| m.range())
                    .filter(|span| !span.is_empty())
                    .collect();
                let found: Vec<Range<usize>> = WordTokens::new(&token, text).collect();
                assert_eq!(found, expected, "{source} on {text:?}");
            }
        }
    }
}
