//! Where words begin: a word character after anything that is not one.
//!
//! A term that begins with a word character must begin a word, so these are
//! the only places the term scan looks at for such terms.

use std::ops::Range;

use super::literals::is_word_byte;

/// Whether `c` is part of a word, for word boundaries: letters and digits of
/// any script, and the underscore.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Call `visit(offset)` at each byte offset of `text` where a word begins.
#[cfg(test)]
fn for_each_word_start(text: &str, visit: impl FnMut(usize)) {
    walk::<false>(text, &mut WordStarts::default(), visit);
}

/// Where the words of a document's prose begin: a letter or digit of any
/// script (or an underscore) after anything else. Kept with the document
/// ([`crate::document::Document::analysis`]) by the engine's term scan,
/// which finds them anyway, for the archive rules' walk over the words, the
/// scan for the literals of the rules' patterns and the count kind's count
/// of words in a sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordStarts {
    /// Bit `i % 64` of `bits[i / 64]` is set when a word begins at byte
    /// `i`: the scan sets eight at once, where a list would take a push
    /// per word.
    bits: Vec<u64>,
    /// The ASCII word bytes right after a letter or digit outside ASCII
    /// (the `v` of "naïve"), in order: inside a word, but where ASCII's
    /// `\b` sees one begin, as does the pattern scan, which reads ASCII
    /// word bytes alone. Rare, and met where the walk reads characters one
    /// by one anyway, so listing them costs the walk nothing elsewhere.
    after_other_letters: Vec<usize>,
    /// Bit `i % 64` of `outside_ascii[i / 64]` is set when a character
    /// outside ASCII begins at byte `i`: with `bits`, what a count of
    /// ASCII's word starts in a sentence needs, 64 bytes at a time.
    outside_ascii: Vec<u64>,
}

impl WordStarts {
    /// The word starts of `text`, found on their own (when no term scan
    /// kept them).
    pub fn of(text: &str) -> WordStarts {
        let mut starts = WordStarts::for_text(text);
        walk::<true>(text, &mut starts, |_| {});
        starts
    }

    pub(super) fn for_text(text: &str) -> WordStarts {
        // One word past the last byte's: eight bits set at the end of a
        // word may spill into the next (`add_eight`).
        WordStarts {
            bits: vec![0; text.len() / 64 + 2],
            after_other_letters: Vec::new(),
            outside_ascii: vec![0; text.len() / 64 + 2],
        }
    }

    /// In `range`: how many ASCII word bytes follow no ASCII word byte
    /// (the word starts at ASCII characters, and
    /// [`WordStarts::after_other_letters`]), and how many characters
    /// outside ASCII begin. Read from the bitmaps 64 bytes at a time: the
    /// count kind needed a walk over each sentence's bytes for them.
    pub(crate) fn ascii_starts_and_others_in(&self, range: &Range<usize>) -> (usize, usize) {
        let (mut ascii, mut others) = (0, 0);
        if range.start < range.end {
            let (first, last) = (range.start / 64, (range.end - 1) / 64);
            for index in first..=last {
                let inside = bits_inside(index, range);
                let starts = self.bits.get(index).copied().unwrap_or(0) & inside;
                let outside = self.outside_ascii.get(index).copied().unwrap_or(0) & inside;
                ascii += (starts & !outside).count_ones() as usize;
                others += outside.count_ones() as usize;
            }
        }
        let after = &self.after_other_letters;
        ascii += after.partition_point(|&at| at < range.end)
            - after.partition_point(|&at| at < range.start);
        (ascii, others)
    }

    /// The offset of the `nth` (from 0) of the starts that
    /// [`WordStarts::ascii_starts_and_others_in`] counts in `range` (the
    /// ASCII word bytes after a byte that is not one), or, when there are
    /// no more than `nth`, how many there are. Read 64 bytes at a time: the
    /// word past a long sentence's maximum was looked for eight bytes at a
    /// time, once for every long sentence.
    pub(crate) fn nth_ascii_start_in(
        &self,
        range: &Range<usize>,
        mut nth: usize,
    ) -> Result<usize, usize> {
        let mut seen = 0;
        if range.start >= range.end {
            return Err(seen);
        }
        let after = &self.after_other_letters;
        let mut next_after = after.partition_point(|&at| at < range.start);
        let (first, last) = (range.start / 64, (range.end - 1) / 64);
        for index in first..=last {
            let mut starts = self.bits.get(index).copied().unwrap_or(0)
                & !self.outside_ascii.get(index).copied().unwrap_or(0)
                & bits_inside(index, range);
            // The few starts after a letter outside ASCII, merged into
            // this word's bits (they lie past the earlier words').
            while let Some(&at) = after.get(next_after) {
                if at >= range.end || at / 64 != index {
                    break;
                }
                starts |= 1 << (at % 64);
                next_after += 1;
            }
            let here = starts.count_ones() as usize;
            if nth < here {
                for _ in 0..nth {
                    starts &= starts - 1;
                }
                return Ok(index * 64 + starts.trailing_zeros() as usize);
            }
            nth -= here;
            seen += here;
        }
        Err(seen)
    }

    /// The offsets, in order, where a character outside ASCII begins in
    /// `range`, read from the bitmap rather than from each byte.
    pub(crate) fn chars_outside_ascii_in(
        &self,
        range: Range<usize>,
    ) -> impl Iterator<Item = usize> + '_ {
        let words = if range.start < range.end {
            range.start / 64..(range.end - 1) / 64 + 1
        } else {
            0..0
        };
        words.flat_map(move |index| {
            let mut rest =
                self.outside_ascii.get(index).copied().unwrap_or(0) & bits_inside(index, &range);
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let at = index * 64 + rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    at
                })
            })
        })
    }

    /// Whether these are the starts of a text as long as `text` (those of
    /// `WordStarts::default()` are of none).
    pub(crate) fn fit(&self, text: &str) -> bool {
        self.bits.len() == text.len() / 64 + 2
    }

    /// The offsets, in order, of the ASCII letters, digits and underscores
    /// that follow a letter or digit outside ASCII: not word starts, but
    /// where a word of ASCII word bytes alone would begin.
    pub(crate) fn after_other_letters(&self) -> &[usize] {
        &self.after_other_letters
    }

    /// Marks the starts among the eight bytes from `at`: bit `k` of
    /// `eight` for byte `at + k`.
    #[inline]
    fn add_eight(&mut self, at: usize, eight: u64) {
        let (word, shift) = (at / 64, at % 64);
        if let Some(bits) = self.bits.get_mut(word) {
            *bits |= eight << shift;
        }
        if shift > 56 {
            if let Some(bits) = self.bits.get_mut(word + 1) {
                *bits |= eight >> (64 - shift);
            }
        }
    }

    /// Calls `visit(offset)` for every offset where a word begins, in order.
    #[inline]
    pub fn for_each(&self, mut visit: impl FnMut(usize)) {
        for (index, &word) in self.bits.iter().enumerate() {
            let mut rest = word;
            while rest != 0 {
                visit(index * 64 + rest.trailing_zeros() as usize);
                rest &= rest - 1;
            }
        }
    }
}

/// The bits of the bitmaps' word `index` (bytes `64 * index..`) that lie
/// in `range` (not empty).
fn bits_inside(index: usize, range: &Range<usize>) -> u64 {
    let mut inside = u64::MAX;
    if index == range.start / 64 {
        inside &= u64::MAX << (range.start % 64);
    }
    if index == (range.end - 1) / 64 && range.end % 64 != 0 {
        inside &= (1 << (range.end % 64)) - 1;
    }
    inside
}

/// Visits every word start of `text`, marking them in `record` too when
/// `RECORD` (a constant, so that a scan that keeps nothing pays nothing).
#[inline]
pub(super) fn walk<const RECORD: bool>(
    text: &str,
    record: &mut WordStarts,
    mut visit: impl FnMut(usize),
) {
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(chunk) = bytes.get(at..at + 8) {
            let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if chunk & HIGH_BITS == 0 {
                // Eight ASCII bytes: their word bytes as one high bit each,
                // and a word begins at a word byte after a non-word byte.
                let words = ascii_word_bytes(chunk);
                let before = (words << 8) | if in_word { 0x80 } else { 0 };
                let mut starts = words & !before;
                if RECORD {
                    // The high bit of byte k moved to bit k.
                    let eight = ((starts >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
                    record.add_eight(at, eight);
                }
                while starts != 0 {
                    visit(at + starts.trailing_zeros() as usize / 8);
                    starts &= starts - 1;
                }
                in_word = words >> 63 != 0;
                at += 8;
                continue;
            }
        }
        let (is_word, width) = match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) => (is_word_char(c), c.len_utf8()),
            // Not a character boundary: cannot happen in a `str`, and
            // skipping the byte keeps the scan going if it ever did.
            None => (in_word, 1),
        };
        if is_word && !in_word {
            if RECORD {
                record.add_eight(at, 1);
            }
            visit(at);
        }
        if RECORD && width > 1 {
            if let Some(bits) = record.outside_ascii.get_mut(at / 64) {
                *bits |= 1 << (at % 64);
            }
        }
        if RECORD && is_word && width > 1 {
            let next = at + width;
            if bytes.get(next).is_some_and(|&byte| is_word_byte(byte)) {
                record.after_other_letters.push(next);
            }
        }
        in_word = is_word;
        at += width;
    }
}

/// The high bit of each of eight bytes: set in a chunk with a non-ASCII byte.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `chunk` (all ASCII) that is a letter, a
/// digit or an underscore.
#[inline]
pub(crate) fn ascii_word_bytes(chunk: u64) -> u64 {
    // Setting bit 5 lowers ASCII capitals and keeps other letters letters.
    in_range(chunk | 0x2020_2020_2020_2020, b'a', b'z')
        | in_range(chunk, b'0', b'9')
        | in_range(chunk, b'_', b'_')
}

/// The high bit of each byte of `chunk` (all below 0x80) in `low..=high`.
/// No sum carries into the next byte: each byte and addend stay below 0x100.
#[inline]
pub(crate) fn in_range(chunk: u64, low: u8, high: u8) -> u64 {
    let each = |byte: u8| u64::from(byte) * 0x0101_0101_0101_0101;
    let at_least_low = chunk + each(0x80 - low);
    let above_high = chunk + each(0x7f - high);
    at_least_low & !above_high & HIGH_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<&str> {
        let mut words = Vec::new();
        for_each_word_start(text, |at| {
            let rest = &text[at..];
            let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
            words.push(&rest[..end]);
        });
        words
    }

    fn starts_one_by_one(text: &str) -> Vec<usize> {
        let mut starts = Vec::new();
        let mut previous = None;
        for (at, c) in text.char_indices() {
            if is_word_char(c) && !previous.is_some_and(is_word_char) {
                starts.push(at);
            }
            previous = Some(c);
        }
        starts
    }

    #[test]
    fn eight_bytes_at_a_time_agree_with_one_character_at_a_time() {
        let mut text = String::new();
        for byte in 0..128u8 {
            text.push(char::from(byte));
            text.push_str(&" xY_9é".repeat(usize::from(byte % 5)));
        }
        text.push_str("été Ωmega_ 12ab ÀÉ\u{a0}x naïve Ω_x é9 ’t");
        for skip in 0..text.len() {
            let Some(text) = text.get(skip..) else {
                continue;
            };
            let mut starts = Vec::new();
            for_each_word_start(text, |at| starts.push(at));
            assert_eq!(starts, starts_one_by_one(text), "{text:?}");
            let mut kept = Vec::new();
            let of = WordStarts::of(text);
            of.for_each(|at| kept.push(at));
            assert_eq!(kept, starts, "{text:?}");
            let after_other_letters: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| !c.is_ascii() && is_word_char(c))
                .map(|(at, c)| at + c.len_utf8())
                .filter(|&next| text.as_bytes().get(next).is_some_and(|&b| is_word_byte(b)))
                .collect();
            assert_eq!(of.after_other_letters(), after_other_letters, "{text:?}");
            if skip % 61 == 0 {
                ascii_starts_and_others_agree(text, &of);
            }
        }
    }

    /// [`WordStarts::ascii_starts_and_others_in`] against a count of each
    /// byte, for ranges of `text` that begin and end anywhere.
    fn ascii_starts_and_others_agree(text: &str, starts: &WordStarts) {
        let bytes = text.as_bytes();
        for start in (0..=bytes.len()).step_by(7) {
            for end in (start..=bytes.len()).step_by(5) {
                let mut ascii = 0;
                for at in start..end {
                    let after_word = at > 0 && is_word_byte(bytes[at - 1]);
                    ascii += usize::from(is_word_byte(bytes[at]) && !after_word);
                }
                let others = bytes[start..end].iter().filter(|&&b| b >= 0xC0).count();
                assert_eq!(
                    starts.ascii_starts_and_others_in(&(start..end)),
                    (ascii, others),
                    "{start}..{end} of {text:?}"
                );
                nth_and_outside_agree(text, starts, start..end);
            }
        }
    }

    /// [`WordStarts::nth_ascii_start_in`] and
    /// [`WordStarts::chars_outside_ascii_in`] against a look at each byte
    /// of `range`.
    fn nth_and_outside_agree(text: &str, starts: &WordStarts, range: Range<usize>) {
        let bytes = text.as_bytes();
        let each: Vec<usize> = range
            .clone()
            .filter(|&at| is_word_byte(bytes[at]) && (at == 0 || !is_word_byte(bytes[at - 1])))
            .collect();
        // Every place for short ranges; the edges and a few between for
        // long ones.
        let tried: Vec<usize> = if each.len() <= 24 {
            (0..=each.len() + 1).collect()
        } else {
            let n = each.len();
            vec![0, 1, n / 3, n / 2, n - 2, n - 1, n, n + 1, usize::MAX]
        };
        for nth in tried {
            let expected = each.get(nth).copied().ok_or(each.len());
            assert_eq!(
                starts.nth_ascii_start_in(&range, nth),
                expected,
                "{range:?} nth {nth} of {text:?}"
            );
        }
        let outside: Vec<usize> = range.clone().filter(|&at| bytes[at] >= 0xC0).collect();
        let found: Vec<usize> = starts.chars_outside_ascii_in(range.clone()).collect();
        assert_eq!(found, outside, "{range:?} of {text:?}");
    }

    #[test]
    fn the_nth_start_and_the_characters_outside_ascii_from_the_bitmaps() {
        // Runs long enough to cross several of the bitmaps' words, letters
        // outside ASCII before ASCII ones, ranges that begin and end
        // anywhere.
        let mut text = String::new();
        for round in 0..9 {
            text.push_str(&"ab c_d 12 ".repeat(round));
            text.push_str("naïve Ωmega_x é9 ’t ÉTATS—x x²y “q” 東京x ");
            text.push_str(&"x".repeat(round * 9));
        }
        let of = WordStarts::of(&text);
        for start in (0..=text.len()).step_by(3) {
            for end in (start..=text.len()).step_by(11) {
                nth_and_outside_agree(&text, &of, start..end);
            }
        }
        crate::test_texts::each_article(|article| {
            let of = WordStarts::of(article);
            let len = article.len();
            for start in (0..len).step_by(len / 40 + 1) {
                for end in [start, start + 1, start + 200, start + 1000, len] {
                    nth_and_outside_agree(article, &of, start..end.min(len));
                }
            }
        });
    }

    #[test]
    fn words_of_any_script_and_length() {
        assert_eq!(
            starts("Séoul, l'Iran; Республика_Корея 2023-02-10\r\nend"),
            [
                "Séoul",
                "l",
                "Iran",
                "Республика_Корея",
                "2023",
                "02",
                "10",
                "end"
            ]
        );
        assert_eq!(
            starts("a fairly long sentence,    with    runs of spaces and ponctuation!!!!!!!!x"),
            [
                "a",
                "fairly",
                "long",
                "sentence",
                "with",
                "runs",
                "of",
                "spaces",
                "and",
                "ponctuation",
                "x"
            ]
        );
        assert_eq!(starts("— «Южнокорейский»…"), ["Южнокорейский"]);
        assert_eq!(starts(""), Vec::<&str>::new());
    }
}
