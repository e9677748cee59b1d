//! The capitalised names one article writes, for transliteration clusters:
//! fed one capital at a time as the engine's term scan passes the
//! article's words ([`super::observe::ArticleWords`]), so that no pass of
//! its own reads the text.

use super::observe::position;
use super::stats::{Names, Position};
use crate::document::{Document, LineCursor};
use crate::terms::{in_range, HIGH_BITS};

/// At most this many distinct names are kept of one article: enough for
/// clusters, and a bound on the record of a pathological file.
const MAX_NAMES: usize = 120;

/// Every spelling of every variant set, lower-cased: a name written as a
/// set's form is that set's business, not a transliteration cluster's.
#[derive(Debug)]
pub(super) struct KnownForms {
    forms: foldhash::HashSet<String>,
    /// The byte length and first three bytes of each form, hashed into
    /// 65,536 bits: most names are no form and are turned down here,
    /// before a lower-cased copy is made and looked up.
    openings: Vec<u64>,
}

impl KnownForms {
    pub(super) fn new<'a>(spellings: impl Iterator<Item = &'a str>) -> KnownForms {
        let forms: foldhash::HashSet<String> = spellings.map(str::to_lowercase).collect();
        let mut openings = vec![0u64; (1 << 16) / 64];
        for form in &forms {
            if let Some(at) = opening(form.as_bytes()) {
                openings[at / 64] |= 1 << (at % 64);
            }
        }
        KnownForms { forms, openings }
    }

    /// Whether `name` (five characters or more) is a form, ignoring case.
    fn contains(&self, name: &str, lowered: &mut String) -> bool {
        lowered.clear();
        if name.is_ascii() {
            let bytes = name.as_bytes();
            if let Some(at) = opening(bytes) {
                if self.openings[at / 64] >> (at % 64) & 1 == 0 {
                    return false;
                }
            }
            lowered.push_str(name);
            lowered.make_ascii_lowercase();
        } else {
            // Character by character, as `str::to_lowercase` but for a
            // final capital sigma, which a name (a capital, then small
            // letters) never has; without a string of its own.
            lowered.extend(name.chars().flat_map(char::to_lowercase));
        }
        self.forms.contains(lowered.as_str())
    }
}

/// Where a spelling of `bytes`' length and lower-cased first three bytes
/// falls in 65,536 bits (`None` when shorter than three bytes).
fn opening(bytes: &[u8]) -> Option<usize> {
    let [first, second, third, ..] = bytes else {
        return None;
    };
    let key = u32::from_le_bytes([
        first.to_ascii_lowercase(),
        second.to_ascii_lowercase(),
        third.to_ascii_lowercase(),
        bytes.len() as u8,
    ]);
    Some((key.wrapping_mul(0x9E37_79B1) >> 16) as usize)
}

/// Slots of the table of an article's names: more than twice
/// [`MAX_NAMES`], so that a look-up meets an empty slot soon.
const SLOTS: usize = 256;

thread_local! {
    /// The table and list of [`ArticleNames`], kept by each thread from one
    /// article to the next: a hash map made anew for each article cost more
    /// than all the look-ups in it, and a list of 2 KB allocated anew made
    /// the allocator consolidate its free chunks each time.
    static PLACES: std::cell::Cell<Vec<u16>> = const { std::cell::Cell::new(Vec::new()) };
    static SEEN: std::cell::Cell<Vec<Seen>> = const { std::cell::Cell::new(Vec::new()) };
    /// A name lower-cased to be looked up among the known forms.
    static LOWERED: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// A name seen: where it first is (`start..end`) and how often it is.
#[derive(Clone, Copy)]
struct Seen {
    start: usize,
    end: usize,
    count: usize,
}

impl Seen {
    /// The name's text in `prose`, the article it was seen in.
    fn text<'a>(&self, prose: &'a str) -> &'a str {
        prose.get(self.start..self.end).unwrap_or_default()
    }
}

/// The names seen so far: each with its count and first offset.
pub(super) struct ArticleNames<'a> {
    prose: &'a str,
    /// Each name's place in `names` plus one (0: an empty slot), in the
    /// slot of its hash ([`slot_of`]) or the first empty one after it.
    places: Vec<u16>,
    /// Each name's first place and count, in the order the walk first met
    /// them, which is their first offsets' order: the record needs no sort.
    names: Vec<Seen>,
}

impl Drop for ArticleNames<'_> {
    fn drop(&mut self) {
        PLACES.set(std::mem::take(&mut self.places));
        SEEN.set(std::mem::take(&mut self.names));
    }
}

impl<'a> ArticleNames<'a> {
    pub(super) fn new(prose: &'a str) -> ArticleNames<'a> {
        let mut places = PLACES.take();
        places.clear();
        places.resize(SLOTS, 0);
        let mut names = SEEN.take();
        names.clear();
        // Room for a usual article's names, so that the list rarely grows
        // (the first article of a thread makes it; later ones find it).
        names.reserve(64);
        ArticleNames {
            prose,
            places,
            names,
        }
    }

    /// The slot of `word` in `places`, and its place in `names` when it
    /// is there.
    #[inline]
    fn look_up(&self, word: &str) -> (usize, Option<usize>) {
        let mut slot = slot_of(word.as_bytes());
        loop {
            let place = match self.places.get(slot) {
                Some(0) | None => return (slot, None),
                Some(&place) => usize::from(place) - 1,
            };
            if self
                .names
                .get(place)
                .is_some_and(|seen| seen.text(self.prose) == word)
            {
                return (slot, Some(place));
            }
            slot = (slot + 1) % SLOTS;
        }
    }

    /// Looks at the ASCII capital at `at`, which no ASCII letter precedes:
    /// a name opens there unless a digit, an apostrophe or a character
    /// outside ASCII does (after an optional `al-` or `el-`).
    #[inline]
    pub(super) fn capital(&mut self, at: usize) {
        let prose = self.prose;
        let bytes = prose.as_bytes();
        if at > 0 && continues_word(bytes[at - 1]) {
            return;
        }
        let start = match at.checked_sub(3).map(|s| &bytes[s..at]) {
            Some(b"al-" | b"el-") if !(at > 3 && continues_word(bytes[at - 4])) => at - 3,
            _ => at,
        };
        // Most capitalised words are shorter than a name: its next four
        // bytes must be small letters, hyphens or anything outside ASCII
        // (which `word_end` judges), as four bytes, before any call.
        let name_byte = |at: usize| {
            bytes
                .get(at)
                .is_some_and(|&b| b.is_ascii_lowercase() || b == b'-' || b >= 0x80)
        };
        if !(name_byte(at + 1) && name_byte(at + 2) && name_byte(at + 3) && name_byte(at + 4)) {
            return;
        }
        let (mut end, ascii) = word_end(prose, at + 1);
        while end > at && bytes[end - 1] == b'-' {
            end -= 1;
        }
        // The word is a capital and lower-case letters or hyphens: a name
        // when it has five characters after its article.
        let core = end - at;
        if core < 5 || !(ascii || prose[at..end].chars().count() >= 5) {
            return;
        }
        let word = &prose[start..end];
        match self.look_up(word) {
            (_, Some(place)) => {
                if let Some(seen) = self.names.get_mut(place) {
                    seen.count += 1;
                }
            }
            (slot, None) => {
                if self.names.len() < MAX_NAMES && !sentence_start(&prose[..start]) {
                    self.names.push(Seen {
                        start,
                        end,
                        count: 1,
                    });
                    if let Some(empty) = self.places.get_mut(slot) {
                        // At most `MAX_NAMES`, far below `u16::MAX`.
                        *empty = self.names.len() as u16;
                    }
                }
            }
        }
    }

    /// The names, by first offset, each with its count and where it first
    /// is; those spelled as a variant set's form (`known`) are left out.
    /// Lines and columns are 0 unless `count_lines`.
    /// Adds them to `placed` (empty, its room reused: see
    /// [`super::observe::give_back`]).
    pub(super) fn finish(
        mut self,
        doc: &Document,
        known: &KnownForms,
        count_lines: bool,
        placed: &mut Names,
    ) {
        let mut lowered = LOWERED.take();
        let prose = self.prose;
        let text = |seen: &Seen| seen.text(prose);
        self.names
            .retain(|seen| !known.contains(text(seen), &mut lowered));
        LOWERED.set(lowered);
        let bytes = self.names.iter().map(|seen| seen.end - seen.start).sum();
        placed.reserve(self.names.len(), bytes);
        if !count_lines {
            placed.extend(
                self.names
                    .iter()
                    .map(|seen| (text(seen), seen.count, position(doc, seen.start, false))),
            );
            return;
        }
        // Names come by first offset: each line and column is counted on
        // from the name before, not from its line's start.
        let mut lines = LineCursor::new(&doc.text);
        placed.extend(self.names.iter().map(|seen| {
            let (line, column) = lines.line_col(seen.start);
            let at = Position {
                offset: seen.start,
                line,
                column,
            };
            (text(seen), seen.count, at)
        }));
    }
}

/// Where a name's look-up in a table of [`SLOTS`] slots starts: a hash
/// of its length and its first and last four bytes.
fn slot_of(name: &[u8]) -> usize {
    // A name has five bytes or more: its first and last four are read as
    // numbers, not copied (a copy of a length the compiler cannot bound is
    // a call to `memcpy`).
    let four = |bytes: Option<&[u8]>| {
        bytes
            .and_then(|four| <[u8; 4]>::try_from(four).ok())
            .map_or(0, |four| u64::from(u32::from_le_bytes(four)))
    };
    let first = four(name.get(..4));
    let last = four(name.get(name.len().saturating_sub(4)..));
    let key = (first << 32 | last) ^ name.len() as u64;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

/// A byte that belongs to the word before it: a letter, a digit, an
/// apostrophe or any byte of a character outside ASCII.
fn continues_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80 || byte == b'\''
}

/// Where the word from `from` ends: lower-case letters (any script) and
/// hyphens; and whether it is all ASCII. ASCII is read eight bytes at a
/// time while eight remain: a name's letters are a run of about eight,
/// whose end a byte-by-byte loop mispredicted once per name.
fn word_end(prose: &str, from: usize) -> (usize, bool) {
    let bytes = prose.as_bytes();
    let mut end = from.min(bytes.len());
    while let Some(chunk) = bytes.get(end..end + 8) {
        let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // The high bit of each byte that is no small ASCII letter or
        // hyphen (a byte outside ASCII among them): the first ends the run.
        let outside = !(in_range(chunk & !HIGH_BITS, b'a', b'z')
            | in_range(chunk & !HIGH_BITS, b'-', b'-'))
            & HIGH_BITS
            | chunk & HIGH_BITS;
        if outside == 0 {
            end += 8;
            continue;
        }
        end += outside.trailing_zeros() as usize / 8;
        break;
    }
    ascii_run_then_characters(prose, end)
}

/// [`word_end`] from `end` on: ASCII a byte at a time, then, from the first
/// byte outside ASCII, characters.
fn ascii_run_then_characters(prose: &str, mut end: usize) -> (usize, bool) {
    let bytes = prose.as_bytes();
    while let Some(&byte) = bytes.get(end) {
        match byte {
            b'a'..=b'z' | b'-' => end += 1,
            0x80.. => break,
            _ => return (end, true),
        }
    }
    let rest = prose.get(end..).unwrap_or("");
    let len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_lowercase() || *c == '-'))
        .map_or(rest.len(), |(offset, _)| offset);
    (end + len, len == 0)
}

/// Whether a word after `before` opens a sentence, where every word is
/// capitalised: after `.`, `!`, `?` or `:`, a blank line, or nothing, with
/// spaces and opening quotation marks between.
fn sentence_start(before: &str) -> bool {
    let opening = |c: char| c.is_whitespace() || "\"\u{201c}\u{2018}\u{201e}\u{ab}'(".contains(c);
    // ASCII a byte at a time (what comes before a name is mostly a space).
    let bytes = before.as_bytes();
    let mut end = bytes.len();
    let trimmed = loop {
        match end.checked_sub(1).map(|last| bytes[last]) {
            None => break "",
            Some(b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b'"' | b'\'' | b'(') => {
                end -= 1
            }
            Some(0x80..) => break before[..end].trim_end_matches(opening),
            Some(_) => break &before[..end],
        }
    };
    // Bytes, not characters: these marks are ASCII, and no byte of a
    // character outside ASCII is one of them. What lies between is a few
    // bytes, too short for a substring search to pay for starting.
    trimmed.is_empty()
        || matches!(trimmed.as_bytes().last(), Some(b'.' | b'!' | b'?' | b':'))
        || before.as_bytes()[trimmed.len()..]
            .windows(2)
            .any(|pair| pair == b"\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`word_end`] as it read ASCII before, a byte at a time.
    fn word_end_byte_by_byte(prose: &str, from: usize) -> (usize, bool) {
        ascii_run_then_characters(prose, from.min(prose.len()))
    }

    #[test]
    fn word_ends_found_eight_bytes_at_a_time_are_those_found_one_by_one() {
        let text = "Gaddafi-led Zelenskyy's Qaddafi al-Qaida Kadhafi\r\nSéoul \
                    Mohammedbinsalmanalsaud Ülkerövergård-jönköping Xx-yy-zz-aaaa{} \
                    Abcdefghijklmnopq_rst Abcdefgh.Ijklmnop Abcdefgz\u{a0}x";
        for from in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            assert_eq!(
                word_end(text, from),
                word_end_byte_by_byte(text, from),
                "{:?}",
                &text[from..]
            );
        }
    }

    /// Every name of `text` with its count, as the walk would find them.
    fn counted(text: &str) -> Vec<(String, usize)> {
        let mut names = ArticleNames::new(text);
        super::super::observe::each_word(text, |at, capital| {
            if capital {
                names.capital(at);
            }
        });
        names
            .names
            .iter()
            .map(|seen| (seen.text(text).to_string(), seen.count))
            .collect()
    }

    #[test]
    fn names_that_share_a_slot_are_told_apart_and_the_list_stops_at_its_bound() {
        // Same length, first and last four bytes: one slot for them all.
        let alike: Vec<String> = (b'a'..=b'z')
            .map(|middle| format!("Abcd{}{}wxyz", char::from(middle), char::from(middle)))
            .collect();
        assert!(alike
            .iter()
            .all(|name| slot_of(name.as_bytes()) == slot_of(alike[0].as_bytes())));
        let mut text = String::new();
        for name in alike.iter().chain(alike.iter().rev()) {
            text.push_str(&format!("met {name} and "));
        }
        let expected: Vec<(String, usize)> = alike.iter().map(|name| (name.clone(), 2)).collect();
        assert_eq!(counted(&text), expected);
        // Past the bound, new names are left out; those kept still count.
        let many: Vec<String> = (0..MAX_NAMES + 40)
            .map(|n| format!("Name{}", "x".repeat(n + 1)))
            .collect();
        let mut text = String::new();
        for name in many.iter().chain(many.iter()) {
            text.push_str(&format!("met {name} and "));
        }
        let found = counted(&text);
        assert_eq!(found.len(), MAX_NAMES);
        assert!(found
            .iter()
            .zip(&many)
            .all(|((found, count), name)| found == name && *count == 2));
        // A second article on the same thread starts from an empty table.
        assert_eq!(
            counted("met Gaddafi and Gaddafi"),
            [("Gaddafi".to_string(), 2)]
        );
    }

    #[test]
    fn sentence_starts_are_told_by_what_comes_before() {
        let starts = [
            "",
            "  ",
            "He left. ",
            "He left.\u{a0}\u{201c}",
            "Done!\n",
            "A list:\n",
            "one\n\n",
            "one \n\n\u{2003} (",
            "Why? '\"",
        ];
        for before in starts {
            assert!(sentence_start(before), "{before:?}");
        }
        let inside = [
            "met ",
            "met \u{201c}",
            "one\n",
            "one,\u{a0}",
            "x\u{e9} ",
            "a) ",
        ];
        for before in inside {
            assert!(!sentence_start(before), "{before:?}");
        }
    }

    #[test]
    fn words_end_at_anything_but_small_letters_and_hyphens() {
        let ends = [
            ("Gaddafi said", 7, true),
            ("Gaddafi", 7, true),
            ("Abu-dhabi.", 9, true),
            ("Zo\u{eb}llick, ", 9, false),
            ("Ab\u{e9}c", 5, false),
            ("AbC", 2, true),
            ("A", 1, true),
        ];
        for (text, end, ascii) in ends {
            assert_eq!(word_end(text, 1), (end, ascii), "{text:?}");
        }
    }
}
