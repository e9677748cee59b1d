//! Finding the variant sets' spellings in an article, ignoring ASCII case,
//! where a word starts. Most words open with no spelling's first three
//! letters, and most articles write no spelling at all, so the search looks
//! only at word starts (eight bytes at a time) and, of those, only at the
//! ones whose first bytes some spelling shares; it does what one
//! leftmost-longest search over the whole text did, for whole words.

use super::scan::{eight, letters, offsets};

/// The spellings, indexed by how they open.
#[derive(Debug)]
pub(super) struct Spellings {
    spellings: Vec<Vec<u8>>,
    /// The first and second byte of a spelling in either case (second:
    /// anything when it has one byte), as a set of 65,536 bits: a word's
    /// first two bytes are looked up as they are written.
    first_pairs: Vec<u64>,
    /// Spellings of three bytes or more by their lower-cased first three
    /// bytes, longest first, then in the order given (which one search
    /// would have reported).
    by_opening: foldhash::HashMap<[u8; 3], Vec<usize>>,
    /// The lower-cased first three bytes of each spelling of exactly three
    /// bytes, and the first four of each longer one, hashed into 65,536
    /// bits each: most word starts that pass the pair sets open no
    /// spelling, and are turned down here before a map is looked up
    /// ("person" shares "per" with "per cent", not "pers").
    triples: Vec<u64>,
    quads: Vec<u64>,
    /// The lower-cased bytes of each spelling of two bytes, as 65,536 bits.
    two_byte: Vec<u64>,
    /// Spellings of two bytes, by those bytes lower-cased.
    pairs: foldhash::HashMap<[u8; 2], Vec<usize>>,
    /// Spellings of one byte, by that byte lower-cased.
    single: foldhash::HashMap<u8, Vec<usize>>,
    /// The lower-cased bytes that some one-byte spelling is.
    single_bytes: [bool; 256],
    /// Whether every spelling opens with an ASCII letter, so that only
    /// letters after something else than a letter or digit need a look.
    letters_open: bool,
}

const PAIRS: usize = (1 << 16) / 64;

pub(super) fn pair(first: u8, second: u8) -> usize {
    usize::from(first) << 8 | usize::from(second)
}

/// Adds `first` then `second`, each in either ASCII case.
fn set(bits: &mut [u64], first: u8, second: u8) {
    for first in [first.to_ascii_lowercase(), first.to_ascii_uppercase()] {
        for second in [second.to_ascii_lowercase(), second.to_ascii_uppercase()] {
            let pair = pair(first, second);
            bits[pair / 64] |= 1 << (pair % 64);
        }
    }
}

/// The first three bytes of every spelling, each with bit 5 set (which
/// makes ASCII capitals small and leaves a space, a hyphen or a digit as
/// it is), hashed into 65,536 bits: the record's walk tests a word's first
/// three bytes so before anything else. Two bytes let through every word
/// that opens with "to", "co" or "he" (more than a quarter of them); three
/// turn away most of those.
#[derive(Debug)]
pub(super) struct Openings {
    /// Of a fixed size, so that a hash (below 65,536) needs no bounds check.
    triples: Box<[u64; PAIRS]>,
    /// The first two bytes, so folded, of the spellings of two bytes
    /// (`None`: there are none, and no word needs this second look).
    pairs: Option<Box<[u64; PAIRS]>>,
    /// Some spelling has one byte: every word may open one.
    any: bool,
}

impl Openings {
    pub(super) fn new<'a>(spellings: impl Iterator<Item = &'a [u8]>) -> Openings {
        let mut triples = Box::new([0; PAIRS]);
        let mut pairs = Box::new([0; PAIRS]);
        let (mut any, mut two_bytes) = (false, false);
        for spelling in spellings {
            match *spelling {
                [] => {}
                [_] => any = true,
                [first, second] => {
                    two_bytes = true;
                    add(&mut pairs[..], pair(first | 0x20, second | 0x20));
                }
                [first, second, third, ..] => add(
                    &mut triples[..],
                    triple(first | 0x20, second | 0x20, third | 0x20),
                ),
            }
        }
        Openings {
            triples,
            pairs: two_bytes.then_some(pairs),
            any,
        }
    }

    /// Whether a spelling may open at `at`: rarely yes when none does.
    /// Called at every word start, so its first three bytes are read in
    /// one load where four bytes remain.
    #[inline]
    pub(super) fn may_open(&self, bytes: &[u8], at: usize) -> bool {
        let folded = match bytes.get(at..at + 4) {
            Some(&[first, second, third, _]) => {
                u32::from_le_bytes([first, second, third, 0]) | 0x0020_2020
            }
            _ => {
                let byte = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0) | 0x20;
                u32::from_le_bytes([byte(0), byte(1), byte(2), 0])
            }
        };
        let opening = hashed(folded);
        if self.triples[opening / 64] >> (opening % 64) & 1 == 1 || self.any {
            return true;
        }
        let [first, second, ..] = folded.to_le_bytes();
        let pair = pair(first, second);
        self.pairs
            .as_ref()
            .is_some_and(|pairs| pairs[pair / 64] >> (pair % 64) & 1 == 1)
    }
}

/// Where three lower-cased bytes fall in a set of 65,536 bits.
fn triple(first: u8, second: u8, third: u8) -> usize {
    quad([first, second, third, 0])
}

/// Where four lower-cased bytes fall in a set of 65,536 bits.
fn quad(bytes: [u8; 4]) -> usize {
    hashed(u32::from_le_bytes(bytes))
}

/// Where four bytes (the first lowest) fall in a set of 65,536 bits.
#[inline]
fn hashed(bytes: u32) -> usize {
    (bytes.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

fn add(bits: &mut [u64], at: usize) {
    bits[at / 64] |= 1 << (at % 64);
}

pub(super) fn has(bits: &[u64], pair: usize) -> bool {
    bits.get(pair / 64)
        .is_some_and(|word| word >> (pair % 64) & 1 == 1)
}

impl Spellings {
    /// An index of `spellings`; an empty spelling is never found.
    pub(super) fn new<'a>(spellings: impl Iterator<Item = &'a str>) -> Spellings {
        let spellings: Vec<Vec<u8>> = spellings.map(|s| s.as_bytes().to_vec()).collect();
        let mut first_pairs = vec![0; PAIRS];
        let mut triples = vec![0; PAIRS];
        let mut quads = vec![0; PAIRS];
        let mut two_byte = vec![0; PAIRS];
        let mut by_opening: foldhash::HashMap<[u8; 3], Vec<usize>> = Default::default();
        let mut pairs: foldhash::HashMap<[u8; 2], Vec<usize>> = Default::default();
        let mut single: foldhash::HashMap<u8, Vec<usize>> = Default::default();
        let mut single_bytes = [false; 256];
        let lower = u8::to_ascii_lowercase;
        for (index, spelling) in spellings.iter().enumerate() {
            match spelling.as_slice() {
                [] => {}
                [first] => {
                    (0..=255).for_each(|b| set(&mut first_pairs, *first, b));
                    single_bytes[usize::from(lower(first))] = true;
                    single.entry(lower(first)).or_default().push(index);
                }
                [first, second] => {
                    set(&mut first_pairs, *first, *second);
                    let opening = [lower(first), lower(second)];
                    add(&mut two_byte, pair(opening[0], opening[1]));
                    pairs.entry(opening).or_default().push(index);
                }
                [first, second, third, ..] => {
                    set(&mut first_pairs, *first, *second);
                    let opening = [lower(first), lower(second), lower(third)];
                    match spelling.get(3) {
                        None => add(&mut triples, triple(opening[0], opening[1], opening[2])),
                        Some(fourth) => add(
                            &mut quads,
                            quad([opening[0], opening[1], opening[2], lower(fourth)]),
                        ),
                    }
                    by_opening.entry(opening).or_default().push(index);
                }
            }
        }
        for indices in by_opening.values_mut() {
            indices.sort_by_key(|&index| (std::cmp::Reverse(spellings[index].len()), index));
        }
        let letters_open = spellings
            .iter()
            .all(|s| s.first().is_none_or(u8::is_ascii_alphabetic));
        Spellings {
            spellings,
            first_pairs,
            triples,
            quads,
            two_byte,
            by_opening,
            pairs,
            single,
            single_bytes,
            letters_open,
        }
    }

    /// Whether every spelling opens with an ASCII letter: then a spelling
    /// can only start where a word does ([`crate::terms::WordStarts`]).
    pub(super) fn letters_open(&self) -> bool {
        self.letters_open
    }

    /// Whether a spelling may start at `start`: its first two bytes as
    /// written open some spelling, and its first three lower-cased open one
    /// of three bytes or more (as a hash: rarely a false yes), or its first
    /// two or its first are one. Most word starts are turned down here,
    /// before any map is looked up or spelling compared.
    #[inline]
    pub(super) fn may_open(&self, text: &[u8], start: usize) -> bool {
        let Some(&first) = text.get(start) else {
            return false;
        };
        let second = text.get(start + 1).copied().unwrap_or(0);
        if !has(&self.first_pairs, pair(first, second)) {
            return false;
        }
        let third = text.get(start + 2).copied().unwrap_or(0);
        let fourth = text.get(start + 3).copied().unwrap_or(0);
        let lower = u8::to_ascii_lowercase;
        let (first, second, third) = (lower(&first), lower(&second), lower(&third));
        has(&self.quads, quad([first, second, third, lower(&fourth)]))
            || has(&self.triples, triple(first, second, third))
            || has(&self.two_byte, pair(first, second))
            || self.single_bytes[usize::from(first)]
    }

    /// Calls `found(start, end, spelling)` for each spelling in `text` that
    /// starts where no ASCII letter or digit precedes it (the caller judges
    /// other letters and what follows), from the left, each search after
    /// the previous find.
    pub(super) fn find(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        let mut resume = 0;
        let mut look = |start: usize| {
            if start < resume {
                return;
            }
            if let Some((end, index)) = self.at(text, start) {
                resume = end;
                found(start, end, index);
            }
        };
        if !self.letters_open {
            for start in 0..text.len() {
                let word_start = start == 0 || !text[start - 1].is_ascii_alphanumeric();
                if word_start && self.may_open(text, start) {
                    look(start);
                }
            }
            return;
        }
        // Eight bytes at a time: the letters whose byte before is no letter
        // (after a digit too: the caller turns those down, as one search
        // found and turned them down), of which most open no spelling's
        // first two letters.
        let mut letters_before = 0u64;
        for (chunk_index, chunk) in text.chunks(8).enumerate() {
            let letters = letters(eight(chunk));
            let previous = letters << 8 | letters_before >> 56;
            letters_before = letters;
            for start in offsets(chunk_index * 8, letters & !previous) {
                if self.may_open(text, start) {
                    look(start);
                }
            }
        }
    }

    /// The longest spelling at `start`, with its end. Callers ask
    /// [`Spellings::may_open`] first, which turns most starts down without
    /// a map.
    pub(super) fn at(&self, text: &[u8], start: usize) -> Option<(usize, usize)> {
        let rest = &text[start..];
        let lower = |at: usize| rest.get(at).map_or(0, u8::to_ascii_lowercase);
        let matches = |index: &&usize| {
            let spelling = &self.spellings[**index];
            rest.get(..spelling.len())
                .is_some_and(|written| written.eq_ignore_ascii_case(spelling))
        };
        // Longest first: three bytes or more, then two, then one.
        let found = self
            .by_opening
            .get(&[lower(0), lower(1), lower(2)])
            .and_then(|indices| indices.iter().find(matches))
            .or_else(|| {
                let indices = self.pairs.get(&[lower(0), lower(1)])?;
                indices.iter().find(matches)
            })
            .or_else(|| self.single.get(&lower(0))?.iter().find(matches))?;
        Some((start + self.spellings[*found].len(), *found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_spelling_at_a_word_start_is_found() {
        let spellings = Spellings::new(["web", "web site", "Kiev", "a", "ab"].into_iter());
        let mut found = Vec::new();
        let text = b"A web site, websites, aweb, WEB SITE; kiev b a ab abc";
        spellings.find(text, |start, end, index| found.push((start, end, index)));
        let written: Vec<&[u8]> = found.iter().map(|&(s, e, _)| &text[s..e]).collect();
        let expected: [&[u8]; 9] = [
            b"A",
            b"web site",
            b"web",
            b"a",
            b"WEB SITE",
            b"kiev",
            b"a",
            b"ab",
            b"ab",
        ];
        assert_eq!(written, expected);
    }

    #[test]
    fn spellings_that_open_with_no_letter_are_found_at_any_word_start() {
        let spellings = Spellings::new(["'til", "til", "e-mail"].into_iter());
        assert!(!spellings.letters_open());
        let text = b"wait 'til then, til dawn; E-mail x'til";
        let mut found = Vec::new();
        spellings.find(text, |start, end, _| found.push(&text[start..end]));
        let expected: [&[u8]; 4] = [b"'til", b"til", b"E-mail", b"til"];
        assert_eq!(found, expected);
    }

    #[test]
    fn openings_let_through_every_spelling_in_any_case_and_at_the_end() {
        let spellings: [&[u8]; 4] = [b"per cent", b"pct", b"ok", b"Kiev"];
        let two_and_more = Openings::new(spellings.into_iter());
        for spelling in spellings {
            for case in [spelling.to_ascii_lowercase(), spelling.to_ascii_uppercase()] {
                // Four bytes or more from the start, and fewer (the end).
                let mut text = b"x ".to_vec();
                text.extend_from_slice(&case);
                for end in 2 + spelling.len().min(3)..=text.len() {
                    assert!(two_and_more.may_open(&text[..end], 2), "{text:?} {end}");
                }
                text.extend_from_slice(b" y");
                assert!(two_and_more.may_open(&text, 2));
            }
        }
        // "oka" may open "ok" and "kie" "Kiev"; "o k" and "kib" open nothing.
        assert!(two_and_more.may_open(b"oka", 0));
        assert!(!two_and_more.may_open(b"o k", 0));
        assert!(two_and_more.may_open(b"kie", 0));
        assert!(!two_and_more.may_open(b"kib", 0));
        assert!(!two_and_more.may_open(b"pc", 0));
        let three_only = Openings::new([&b"pct"[..]].into_iter());
        assert!(!three_only.may_open(b"ok", 0));
        assert!(three_only.may_open(b"PCT", 0));
        assert!(Openings::new([&b"a"[..]].into_iter()).may_open(b"zz", 0));
    }
}
