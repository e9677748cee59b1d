//! One scan that tells where each of a run's regular expressions can begin
//! to match a document. Each pattern whose every match begins with one of a
//! few literals ("utiliz", "it is", "am", "(s)") registers them; the run
//! builds one automaton over all of them, walks each document's prose once,
//! trying it only at word starts (for the literals that open with a word
//! character, which the pattern's leading `\b` confines there) and at the
//! other characters the literals open with, and hands each pattern the
//! offsets where one of its literals begins. The pattern is then tried
//! anchored there alone: an imported Vale style has dozens of expressions,
//! and each of them scanned every document on its own.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

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

/// [`is_word_byte`] for every byte, looked up in the scan's loop.
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
    /// Which bytes some literal opens with.
    opens: [bool; 256],
    /// For each literal, the places (in `ids`) of the patterns that need it.
    owners: Vec<Vec<usize>>,
    /// Which literals are one of [`FOLDED_INTO_ASCII`].
    folded: Vec<bool>,
    /// The scanned patterns' numbers, sorted.
    ids: Vec<usize>,
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
        let mut opens = [false; 256];
        for (place, (_, needed)) in patterns.iter().enumerate() {
            for literal in needed {
                let at = *index.entry(literal.clone()).or_insert_with(|| {
                    literals.push(literal.clone());
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                owners[at].push(place);
                if let Some(&first) = literal.first() {
                    opens[usize::from(first)] = true;
                    opens[usize::from(first.to_ascii_uppercase())] = true;
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
        Some(PatternFilter {
            automaton,
            opens,
            owners,
            folded,
            ids: patterns.into_iter().map(|(id, _)| id).collect(),
        })
    }

    /// Where in `prose` each scanned pattern's literals begin.
    pub fn scan(&self, prose: &str) -> PatternHits {
        let bytes = prose.as_bytes();
        let Ok(start) = self.automaton.start_state(Anchored::Yes) else {
            return PatternHits::unfiltered();
        };
        // Offsets are kept in 32 bits; a longer text is searched in full.
        if u32::try_from(bytes.len()).is_err() {
            return PatternHits::unfiltered();
        }
        let mut starts: Vec<Vec<u32>> = vec![Vec::new(); self.ids.len()];
        let mut in_full = vec![false; self.ids.len()];
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            if self.opens[usize::from(byte)] {
                self.literals_at(bytes, at, start, &mut starts, &mut in_full);
            }
            at += 1;
            if WORD_BYTES[usize::from(byte)] {
                // The rest of the word starts no literal a scanned pattern
                // could begin with there.
                while at < bytes.len() && WORD_BYTES[usize::from(bytes[at])] {
                    at += 1;
                }
            }
        }
        PatternHits {
            ids: self.ids.clone(),
            starts,
            in_full,
        }
    }

    /// Records `at` for each pattern one of whose literals begins there.
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
#[derive(Debug, Default)]
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
mod tests {
    use super::*;

    fn literals(source: &str, ignore_case: bool) -> Option<Vec<String>> {
        required_literals(source, ignore_case).map(|all| {
            all.into_iter()
                .map(|l| String::from_utf8_lossy(&l).into_owned())
                .collect()
        })
    }

    #[test]
    fn literals_are_what_every_match_begins_with() {
        let found = literals(r"\b(?:utiliz(?:e|es|ed|ing)|leverage)\b", false).unwrap();
        assert_eq!(found, ["leverage", "utilize", "utilizing"]);
        assert_eq!(literals("Kiev|KYIV", false), None, "no word start required");
        assert_eq!(literals(r"\bKiev|\bKYIV", false).unwrap(), ["kiev", "kyiv"]);
        assert_eq!(literals(r"(?-u:\b)(?:a|an)\b", true).unwrap(), ["a"]);
        assert_eq!(literals(r"\(s\)|\(es\)", false).unwrap(), ["(es)", "(s)"]);
        assert_eq!(
            literals(r"\(s\)|\(es\)", true).unwrap(),
            ["(es)", "(s)", "\u{212A}", "\u{17F}"]
        );
        // Ignoring case, `k` and `s` may be the Kelvin sign and the long s.
        assert_eq!(
            literals(r"\b(?:sufficient|risk)", true).unwrap(),
            ["risk", "sufficient", "\u{212A}", "\u{17F}"]
        );
        assert_eq!(
            literals(r"\b(?:sufficient|risk)", false).unwrap(),
            ["risk", "sufficient"]
        );
        assert_eq!(literals(r"\bété", true), None);
        // A match may begin anywhere, or be empty: no literals.
        assert_eq!(literals(r"\b(\w+)\b", true), None);
        assert_eq!(literals(r"\b(?:x?)", false), None);
        assert_eq!(literals("(unclosed", false), None);
    }

    #[test]
    fn each_pattern_gets_the_offsets_where_its_literals_begin() {
        let filter = PatternFilter::new(vec![
            (7, vec![b"utiliz".to_vec()]),
            (3, vec![b"it is".to_vec(), b"leverage".to_vec()]),
            (9, vec![b"(s)".to_vec()]),
        ])
        .unwrap();
        let text = "We LEVERAGE it; reutilize, It is(s) and Utilize.";
        let hits = filter.scan(text);
        let at = |id| -> Vec<&str> {
            hits.starts(id)
                .unwrap()
                .iter()
                .map(|&s| &text[s as usize..])
                .map(|rest| &rest[..rest.len().min(4)])
                .collect()
        };
        assert_eq!(at(3), ["LEVE", "It i"]);
        assert_eq!(at(7), ["Util"], "only at word starts");
        assert_eq!(at(9), ["(s) "]);
        assert!(hits.may_match(5), "a pattern the filter does not know runs");
        assert!(hits.starts(5).is_none());
        assert!(PatternHits::unfiltered().may_match(7));
    }
}
