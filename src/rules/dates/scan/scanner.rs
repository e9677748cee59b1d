//! The scanner's walk over the text and the reading helpers both kinds of
//! date share; dates that open with a name are read in `names.rs`, those
//! that open with digits (and times) in `digits.rs`.

mod digits;
mod names;

use super::super::data::{data, DateData};
use super::{DateToken, Token};
use std::cell::Cell;

const WORD: u8 = 1;
const CANDIDATE: u8 = 2;

/// Per byte: does it continue an ASCII word, and may a date or time start there
/// (digits, capitals, `n`oon, `m`idnight, `'90s`, and 0xE2, the lead byte of `’`).
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let mut class = 0;
        if byte.is_ascii_alphanumeric() || byte == b'_' {
            class |= WORD;
        }
        if byte.is_ascii_digit()
            || byte.is_ascii_uppercase()
            || matches!(byte, b'n' | b'm' | b'\'' | 0xE2)
        {
            class |= CANDIDATE;
        }
        table[b] = class;
        b += 1;
    }
    table
};

pub(super) struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    data: &'static DateData,
    /// Starts of weekday names known to open no date: the inner names of a
    /// run of weekdays whose first name opened none.
    failed_weekday_run: Cell<(usize, usize)>,
    /// How many weekday names the run walks have visited, to test that each
    /// is visited a bounded number of times.
    #[cfg(test)]
    pub(super) weekday_names_walked: Cell<usize>,
}

/// What a capitalised word opens.
enum NameStart {
    /// A month name, and the date it begins when it begins one.
    Month(Option<DateToken>),
    /// A weekday name, whose word ends at `end`.
    Weekday {
        offset: i8,
        abbreviated: bool,
        end: usize,
    },
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// When none of the eight bytes at `at` may start a date (all ASCII, and
/// none a candidate that begins a word): whether the last continues a word.
#[inline]
fn no_start_in_chunk(bytes: &[u8], at: usize, after_word: bool) -> Option<bool> {
    use crate::terms::{ascii_word_bytes, in_range, HIGH_BITS};
    let chunk = u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?);
    if chunk & HIGH_BITS != 0 {
        return None;
    }
    let words = ascii_word_bytes(chunk);
    // The ASCII candidates of `BYTE_CLASS`.
    let candidates = in_range(chunk, b'0', b'9')
        | in_range(chunk, b'A', b'Z')
        | in_range(chunk, b'n', b'n')
        | in_range(chunk, b'm', b'm')
        | in_range(chunk, b'\'', b'\'');
    let after_words = (words << 8) | if after_word { 0x80 } else { 0 };
    (candidates & !after_words == 0).then_some(words >> 63 != 0)
}

impl<'t> Scanner<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            data: data(),
            failed_weekday_run: Cell::new((0, 0)),
            #[cfg(test)]
            weekday_names_walked: Cell::new(0),
        }
    }

    pub(super) fn run(&self) -> Vec<Token> {
        self.tokens(true)
    }

    /// The walk; `pass_over_chunks` off reads every byte, for tests.
    fn tokens(&self, pass_over_chunks: bool) -> Vec<Token> {
        let mut tokens = Vec::new();
        let bytes = self.bytes;
        let mut i = 0;
        // Whether the byte before `i` continues a word; non-ASCII bytes are decoded
        // only when a candidate follows them.
        let mut after_word = false;
        // Bytes read one at a time up to here; past it, eight ASCII bytes
        // none of which may start a date are passed over together.
        let mut one_by_one_until = if pass_over_chunks { 0 } else { usize::MAX };
        while i < bytes.len() {
            if i >= one_by_one_until {
                match no_start_in_chunk(bytes, i, after_word) {
                    Some(ends_in_word) => {
                        after_word = ends_in_word;
                        i += 8;
                        continue;
                    }
                    None => one_by_one_until = i + 8,
                }
            }
            let class = BYTE_CLASS[usize::from(bytes[i])];
            if class & CANDIDATE != 0
                && !after_word
                && (i == 0 || bytes[i - 1] < 0x80 || self.word_starts_at(i))
            {
                if let Some(token) = self.token_at(i) {
                    let end = token.span().end.max(i + 1);
                    tokens.push(token);
                    after_word = BYTE_CLASS[usize::from(bytes[end - 1])] & WORD != 0;
                    i = end;
                    continue;
                }
            }
            after_word = class & WORD != 0;
            i += 1;
        }
        tokens
    }

    fn prev_char(&self, at: usize) -> Option<char> {
        self.text.get(..at).and_then(|s| s.chars().next_back())
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    fn word_starts_at(&self, at: usize) -> bool {
        self.text.is_char_boundary(at) && !self.prev_char(at).is_some_and(is_word_char)
    }

    /// No letter or digit continues the text at `at`.
    fn word_ends_at(&self, at: usize) -> bool {
        !self.char_at(at).is_some_and(is_word_char)
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// A run of at most `max` ASCII digits at `at`: its value and end.
    fn number(&self, at: usize, max: usize) -> Option<(u32, usize)> {
        let mut end = at;
        let mut value: u32 = 0;
        while end < self.bytes.len() && self.bytes[end].is_ascii_digit() {
            if end - at == max {
                return None;
            }
            value = value * 10 + u32::from(self.bytes[end] - b'0');
            end += 1;
        }
        (end > at).then_some((value, end))
    }

    /// Exactly `n` digits, not followed by another digit.
    fn exact_digits(&self, at: usize, n: usize) -> Option<(u32, usize)> {
        let (value, end) = self.number(at, n)?;
        (end - at == n && !self.byte(end).is_some_and(|b| b.is_ascii_digit()))
            .then_some((value, end))
    }

    /// Spaces (and at most one line break, for hard-wrapped copy) between the parts of a date.
    fn gap(&self, at: usize) -> Option<usize> {
        let mut end = at;
        let mut breaks = 0;
        loop {
            match self.byte(end) {
                Some(b' ' | b'\t') => end += 1,
                Some(b'\n') if breaks == 0 => {
                    breaks += 1;
                    end += 1;
                }
                Some(0xC2) if self.byte(end + 1) == Some(0xA0) => end += 2,
                _ => break,
            }
        }
        (end > at).then_some(end)
    }

    /// The ASCII word at `at` and its end.
    fn ascii_word(&self, at: usize) -> (&'t str, usize) {
        let mut end = at;
        while end < self.bytes.len() && self.bytes[end].is_ascii_alphabetic() {
            end += 1;
        }
        (&self.text[at..end], end)
    }

    fn token_at(&self, at: usize) -> Option<Token> {
        let b = self.bytes[at];
        if b.is_ascii_digit() {
            if self.number_is_part_of_a_figure(at) {
                return None;
            }
            return self.starting_with_digits(at);
        }
        if b.is_ascii_uppercase() {
            if let Some(date) = self.starting_with_name(at) {
                return Some(Token::Date(date));
            }
        }
        if matches!(b, b'n' | b'm' | b'N' | b'M') {
            if let Some(time) = self.time_word(at) {
                return Some(Token::Time(time));
            }
        }
        if matches!(b, b'\'' | 0xE2) {
            return self.short_decade(at).map(Token::Date);
        }
        None
    }

    /// `1.5`, `$10`, `2,000`: digits that continue a figure start no date.
    fn number_is_part_of_a_figure(&self, at: usize) -> bool {
        match self.prev_char(at) {
            Some('$' | '£' | '€' | '¥' | '#' | '+') => true,
            Some(c @ ('.' | ',' | '/' | ':' | '-' | '–')) => self
                .prev_char(at - c.len_utf8())
                .is_some_and(|p| p.is_ascii_digit()),
            _ => false,
        }
    }
}

#[cfg(test)]
mod chunks {
    use super::*;

    #[test]
    fn passing_over_chunks_finds_what_reading_every_byte_finds() {
        let dates = [
            "Monday, March 3, 2023",
            "on Tuesday 4 April",
            "at 10 a.m.",
            "noon",
            "midnight",
            "the '90s",
            "the ’90s",
            "2023-02-10",
            "10/02/2023",
            "Feb. 30",
            "March 20-25th",
        ];
        let glue = ["", " ", "x", "_", "é", "\n", "(", "9", "N", "—"];
        let mut found = 0;
        for (index, date) in dates.iter().enumerate() {
            for pad in 0..17 {
                for before in glue {
                    let after = glue[(index + pad) % glue.len()];
                    let text = format!("{}{before}{date}{after} and so on.", " ".repeat(pad));
                    let scanner = Scanner::new(&text);
                    let tokens = scanner.tokens(true);
                    assert_eq!(tokens, scanner.tokens(false), "{text:?}");
                    found += tokens.len();
                }
            }
        }
        assert!(found > 500, "{found}");
    }
}
