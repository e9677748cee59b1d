//! One scan that tells where each of a run's regular expressions can begin
//! to match a document. Each pattern whose every match begins with one of a
//! few literals ("utiliz", "it is", "am", "(s)") registers them; the run
//! builds one automaton over all of them, tries it at each document's word
//! starts (for the literals that open with a word character, which the
//! pattern's leading `\b` confines there; the term scan keeps them) and
//! where a search finds the other characters the literals open with, and
//! hands each pattern the offsets where one of its literals begins. The pattern is then tried
//! anchored there alone: an imported Vale style has dozens of expressions,
//! and each of them scanned every document on its own.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

use super::WordStarts;

/// At most this many literals for one pattern: past it, the pattern is
/// scanned for as before (the automaton stays small).
const MOST_LITERALS: usize = 256;

/// The Kelvin sign and the long s, which `regex` ignoring case takes for
/// `k` and `s`: an ASCII-case-insensitive scan for a literal with those
/// letters misses their other forms. A pattern whose literals need them
/// lists these two as literals too, and where the scan meets either, the
/// pattern is searched for in the whole document instead.
const FOLDED_INTO_ASCII: [&str; 2] = ["\u{212A}", "\u{17F}"];

/// The literals (ASCII lower case) of which every match of `source` begins
/// with one, or `None` when the pattern cannot be found from them: a match
/// may be empty or begin anywhere, or a literal opens with a word character
/// that the pattern does not require to start a word (the scan looks for
/// those at word starts only).
///
/// The literals are taken from the pattern read case-sensitively. Ignoring
/// case, `regex` matches each ASCII letter in either case, which an
/// ASCII-case-insensitive scan finds too, but also `k` and `s` in the forms
/// of `FOLDED_INTO_ASCII`, and a non-ASCII letter in cases the scan does
/// not fold: each literal is cut before its first non-ASCII character that
/// has another case (a dash or a no-break space is kept).
pub fn required_literals(source: &str, ignore_case: bool) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .ok()?;
    required_literals_of(&hir, ignore_case)
}

/// [`required_literals`] of a pattern already parsed (case-sensitively).
pub(crate) fn required_literals_of(hir: &Hir, ignore_case: bool) -> Option<Vec<Vec<u8>>> {
    if hir.properties().minimum_len().is_none_or(|len| len == 0) {
        return None;
    }
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let at_word_start = begins_at_word_boundary(hir);
    let found = prefixes
        .literals()?
        .iter()
        .map(|literal| literal.as_bytes());
    scannable(found, ignore_case, at_word_start)
}

/// `found`, literals of the pattern read case-sensitively, as the scan
/// looks for them: in ASCII lower case, each cut before its first character
/// that has other cases when the pattern ignores case (the scan folds ASCII
/// alone), none that another begins, and the forms of `FOLDED_INTO_ASCII`
/// added when one holds a `k` or an `s`. `None` when they cannot be found by
/// the scan: an empty one, too many, or one that opens with a word
/// character where the pattern does not require a word to start
/// (`at_word_start`), since the scan looks for those at word starts alone.
pub(crate) fn scannable<'a>(
    found: impl IntoIterator<Item = &'a [u8]>,
    ignore_case: bool,
    at_word_start: bool,
) -> Option<Vec<Vec<u8>>> {
    let mut literals: Vec<Vec<u8>> = Vec::new();
    let mut folds_k_or_s = false;
    for mut bytes in found {
        if ignore_case {
            bytes = &bytes[..caseless_len(bytes)];
            folds_k_or_s |= bytes.iter().any(|b| b"kKsS".contains(b));
        }
        literals.push(bytes.to_ascii_lowercase());
    }
    literals.sort_unstable();
    literals.dedup();
    // A literal that another begins adds no start of its own.
    let mut shortest: Vec<Vec<u8>> = Vec::with_capacity(literals.len());
    for literal in literals {
        if !shortest.iter().any(|kept| literal.starts_with(kept)) {
            shortest.push(literal);
        }
    }
    let placed = shortest.iter().all(|literal| match literal.first() {
        None => false,
        Some(&first) => at_word_start || !is_word_byte(first),
    });
    if folds_k_or_s {
        shortest.extend(FOLDED_INTO_ASCII.map(|form| form.as_bytes().to_vec()));
    }
    (placed && !shortest.is_empty() && shortest.len() <= MOST_LITERALS).then_some(shortest)
}

/// How many bytes of `bytes` open it up to its first character that,
/// ignoring case, `regex` matches in some other form too: the ASCII letters
/// the scan folds itself, and other characters (dashes, spaces, quotation
/// marks) that have no other case. A literal that is not UTF-8 is cut at
/// its first byte outside ASCII.
fn caseless_len(bytes: &[u8]) -> usize {
    let ascii = bytes
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len());
    let Ok(text) = std::str::from_utf8(bytes) else {
        return ascii;
    };
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            continue;
        }
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
        if class.try_case_fold_simple().is_err() || class.ranges().len() != 1 {
            return at;
        }
        let range = class.ranges()[0];
        if range.start() != c || range.end() != c {
            return at;
        }
    }
    bytes.len()
}

/// Whether every match of `hir` begins at a word boundary (`\b`, ASCII or
/// Unicode, or a word start): then a match that opens with a word character
/// opens a word.
pub(crate) fn begins_at_word_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => matches!(
            look,
            Look::WordAscii
                | Look::WordUnicode
                | Look::WordStartAscii
                | Look::WordStartUnicode
                | Look::WordStartHalfAscii
                | Look::WordStartHalfUnicode
        ),
        HirKind::Capture(capture) => begins_at_word_boundary(&capture.sub),
        HirKind::Alternation(branches) => branches.iter().all(begins_at_word_boundary),
        HirKind::Concat(items) => {
            for item in items {
                if begins_at_word_boundary(item) {
                    return true;
                }
                // Other assertions match no text: the boundary may follow.
                if !matches!(item.kind(), HirKind::Look(_)) {
                    return false;
                }
            }
            false
        }
        _ => false,
    }
}

/// An ASCII word character, as `(?-u:\w)` reads it.
pub(crate) const fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// [`is_word_byte`] for every byte, for loops that look up each byte.
pub(crate) const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = is_word_byte(byte as u8);
        byte += 1;
    }
    table
};

/// The run's scan: one anchored automaton over every scanned pattern's
/// literals, tried at each word start and at each other byte a literal
/// opens with.
#[derive(Debug)]
pub struct PatternFilter {
    automaton: DFA,
    /// The pairs of bytes the literals that open with an ASCII word byte
    /// begin with: tried where a word begins.
    word_pairs: Pairs,
    /// The pairs the other literals begin with.
    other_pairs: Pairs,
    /// The bytes the other literals open with: searched for on their own.
    opens_otherwise: Vec<u8>,
    /// For each literal, the places (in `ids`) of the patterns that need it.
    owners: Vec<Vec<usize>>,
    /// Which literals are one of [`FOLDED_INTO_ASCII`].
    folded: Vec<bool>,
    /// The scanned patterns' numbers, sorted.
    ids: Vec<usize>,
}

/// Past this many bytes that open a literal and are no ASCII word bytes,
/// one walk over the text tries each byte rather than a search per three.
const MOST_SEARCHED_OPENERS: usize = 12;

/// A bit for each pair of bytes (the first's 256 bits, then the next's),
/// set when some literal begins with the pair, in either case of an ASCII
/// letter, or with the first byte alone for a literal of one byte. Most
/// word starts open with a pair no literal does: one test turns them away,
/// where the automaton's walk cost several times as much.
#[derive(Debug)]
struct Pairs(Box<[u64; 1024]>);

impl Pairs {
    fn new() -> Pairs {
        Pairs(Box::new([0; 1024]))
    }

    fn add(&mut self, literal: &[u8]) {
        let cases = |byte: u8| [byte.to_ascii_lowercase(), byte.to_ascii_uppercase()];
        let Some(&first) = literal.first() else {
            return;
        };
        let seconds: Vec<u8> = match literal.get(1) {
            Some(&second) => cases(second).to_vec(),
            None => (0..=u8::MAX).collect(),
        };
        for first in cases(first) {
            for &second in &seconds {
                let bit = usize::from(first) * 256 + usize::from(second);
                self.0[bit / 64] |= 1 << (bit % 64);
            }
        }
    }

    /// Whether some literal may begin at `at`: at the text's last byte,
    /// the automaton tells.
    #[inline]
    fn may_begin(&self, bytes: &[u8], at: usize) -> bool {
        let Some(&second) = bytes.get(at + 1) else {
            return true;
        };
        let bit = usize::from(bytes[at]) * 256 + usize::from(second);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Whether some literal opens with `byte`.
    fn opens(&self, byte: u8) -> bool {
        let first = usize::from(byte) * 4;
        self.0[first..first + 4].iter().any(|&word| word != 0)
    }
}

impl PatternFilter {
    /// A scan for `patterns` (each pattern's number and its literals),
    /// `None` when there is none.
    pub fn new(mut patterns: Vec<(usize, Vec<Vec<u8>>)>) -> Option<PatternFilter> {
        if patterns.is_empty() {
            return None;
        }
        patterns.sort_by_key(|(id, _)| *id);
        patterns.dedup_by_key(|(id, _)| *id);
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let (mut word_pairs, mut other_pairs) = (Pairs::new(), Pairs::new());
        for (place, (_, needed)) in patterns.iter().enumerate() {
            for literal in needed {
                let at = *index.entry(literal.clone()).or_insert_with(|| {
                    literals.push(literal.clone());
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                owners[at].push(place);
                match literal.first() {
                    Some(&first) if is_word_byte(first) => word_pairs.add(literal),
                    _ => other_pairs.add(literal),
                }
            }
        }
        let folded = literals
            .iter()
            .map(|literal| {
                FOLDED_INTO_ASCII
                    .iter()
                    .any(|form| form.as_bytes() == literal)
            })
            .collect();
        let automaton = DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .prefilter(false)
            .build(&literals)
            .ok()?;
        let opens_otherwise = (0..=u8::MAX)
            .filter(|&byte| other_pairs.opens(byte))
            .collect();
        Some(PatternFilter {
            automaton,
            word_pairs,
            other_pairs,
            opens_otherwise,
            owners,
            folded,
            ids: patterns.into_iter().map(|(id, _)| id).collect(),
        })
    }

    /// Where in `prose` each scanned pattern's literals begin. `words` are
    /// the word starts of `prose` (found here when they are not).
    ///
    /// A literal that opens with an ASCII word byte is tried at the word
    /// starts (and at the few ASCII word bytes after a letter outside
    /// ASCII, which ASCII's `\b` takes for word starts too), any other
    /// wherever a search for its first byte finds it. Walking every byte
    /// cost as much as all the patterns' own work.
    pub fn scan(&self, prose: &str, words: &WordStarts) -> PatternHits {
        let bytes = prose.as_bytes();
        let Ok(start) = self.automaton.start_state(Anchored::Yes) else {
            return PatternHits::unfiltered();
        };
        // Offsets are kept in 32 bits; a longer text is searched in full.
        if u32::try_from(bytes.len()).is_err() {
            return PatternHits::unfiltered();
        }
        let found_here;
        let words = if words.fit(prose) {
            words
        } else {
            found_here = WordStarts::of(prose);
            &found_here
        };
        let mut starts: Vec<Vec<u32>> = vec![Vec::new(); self.ids.len()];
        let mut in_full = vec![false; self.ids.len()];
        let mut try_at = |at: usize| self.literals_at(bytes, at, start, &mut starts, &mut in_full);
        // A word start outside ASCII opens no literal of an ASCII word
        // byte; the search for the other bytes finds it if it opens one.
        words.for_each(|at| {
            if bytes[at].is_ascii() && self.word_pairs.may_begin(bytes, at) {
                try_at(at);
            }
        });
        for &at in words.after_other_letters() {
            if self.word_pairs.may_begin(bytes, at) {
                try_at(at);
            }
        }
        let searched = &self.opens_otherwise;
        let mut try_other = |at: usize| {
            if self.other_pairs.may_begin(bytes, at) {
                try_at(at);
            }
        };
        if searched.len() > MOST_SEARCHED_OPENERS {
            let mut opens = [false; 256];
            for &byte in searched {
                opens[usize::from(byte)] = true;
            }
            (0..bytes.len())
                .filter(|&at| opens[usize::from(bytes[at])])
                .for_each(&mut try_other);
        } else {
            for three in searched.chunks(3) {
                match *three {
                    [a] => memchr::memchr_iter(a, bytes).for_each(&mut try_other),
                    [a, b] => memchr::memchr2_iter(a, b, bytes).for_each(&mut try_other),
                    [a, b, c] => memchr::memchr3_iter(a, b, c, bytes).for_each(&mut try_other),
                    _ => {}
                }
            }
        }
        // Each pass finds its offsets in order, and no two passes the same
        // offset (they try different bytes): a pattern that more than one
        // pass found has its offsets put in order here.
        for list in &mut starts {
            if !list.is_sorted() {
                list.sort_unstable();
            }
        }
        PatternHits {
            ids: self.ids.clone(),
            starts,
            in_full,
        }
    }

    /// Records `at` for each pattern one of whose literals begins there.
    /// Called at every word start, from three places: left to itself, the
    /// compiler called it rather than inline it, and each call cost more
    /// than the walk it made.
    #[inline(always)]
    fn literals_at(
        &self,
        bytes: &[u8],
        at: usize,
        start: aho_corasick::automaton::StateID,
        starts: &mut [Vec<u32>],
        in_full: &mut [bool],
    ) {
        let automaton = &self.automaton;
        let offset = at as u32;
        let mut state = start;
        for (read, &byte) in bytes[at..].iter().enumerate() {
            state = automaton.next_state(Anchored::Yes, state, byte);
            if !automaton.is_special(state) {
                continue;
            }
            if automaton.is_dead(state) {
                return;
            }
            if !automaton.is_match(state) {
                continue;
            }
            for index in 0..automaton.match_len(state) {
                let literal = automaton.match_pattern(state, index);
                // A literal that ends here but began later is not one here.
                if automaton.pattern_len(literal) != read + 1 {
                    continue;
                }
                let literal = literal.as_usize();
                for &place in &self.owners[literal] {
                    if self.folded[literal] {
                        in_full[place] = true;
                        continue;
                    }
                    let list = &mut starts[place];
                    if list.last() != Some(&offset) {
                        list.push(offset);
                    }
                }
            }
        }
    }
}

/// One document's scan by a [`PatternFilter`], kept with the document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PatternHits {
    ids: Vec<usize>,
    starts: Vec<Vec<u32>>,
    /// The patterns to search for in the whole document (a form of
    /// [`FOLDED_INTO_ASCII`] occurs in it).
    in_full: Vec<bool>,
}

impl PatternHits {
    /// A document no filter has scanned: every pattern may match anywhere.
    pub fn unfiltered() -> PatternHits {
        PatternHits::default()
    }

    /// Whether pattern `id` may match: it was not scanned for, or one of
    /// its literals occurs.
    pub fn may_match(&self, id: usize) -> bool {
        self.starts(id).is_none_or(|starts| !starts.is_empty())
    }

    /// The offsets, in order, where pattern `id` may begin to match: every
    /// match begins at one of them. `None` when it was not scanned for.
    pub fn starts(&self, id: usize) -> Option<&[u32]> {
        let place = self.ids.binary_search(&id).ok()?;
        if self.in_full.get(place).copied().unwrap_or(true) {
            return None;
        }
        self.starts.get(place).map(Vec::as_slice)
    }
}

#[cfg(test)]
mod tests;
