//! Patterns that open with a class (`\d`, `[a-z]`, `\s`) and so have no
//! literals to begin with, found from a literal each of their matches holds
//! further in (" percent", "/", an em dash, a month's name), by the run's
//! shared scan. Where the scan finds one, a match can begin only a bounded
//! number of bytes before it, and is tried anchored at each of those
//! places; when what comes before the literal has no bound (`[a-zA-Z]+\s`),
//! the blocks that hold the literal are scanned alone, and the others not.

use std::ops::Range;

use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};

use super::anchored::confirmed_at;
use super::{prose_blocks, push, Engine, Found, Pattern, Reach};
use crate::document::Document;
use crate::terms::literals::{begins_at_word_boundary, is_word_byte, scannable};
use crate::terms::PatternHits;

/// Past this many bytes between where a match may begin and its literal,
/// the places to try are too many: the literal's blocks are scanned instead.
const WIDEST_REACH: usize = 48;

/// A class of at most this many characters gives a literal for each (the
/// `\s` of `(?:^|\s)I\s`, the capitals after `[.?!]`).
const LARGEST_CLASS: usize = 32;

/// What a pattern's matches hold, as the run's scan finds it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Inner {
    /// The literals (as `scannable` gives them) of which each match holds one.
    pub literals: Vec<Vec<u8>>,
    /// How many bytes before the literal a match may begin: the places to
    /// try, or `None` when there is no useful bound.
    pub before: Option<Range<usize>>,
    /// What each match holds from the literal on, as a pattern (of every
    /// branch), widened ([`widened`]) and with its cases when the pattern
    /// ignores case: it matches from the place of the literal in each match.
    pub after: String,
}

/// The literals every match of `hir` (a pattern parsed case-sensitively)
/// holds, found as the scan finds them, with where a match may begin from
/// one; `None` when there are none the scan can find, or the pattern may
/// match empty text.
pub(crate) fn inner_literals(hir: &Hir, ignore_case: bool) -> Option<Inner> {
    if hir.properties().minimum_len().is_none_or(|len| len == 0) {
        return None;
    }
    let branches: Vec<&Hir> = match unwrap(hir).kind() {
        HirKind::Alternation(branches) => branches.iter().map(unwrap).collect(),
        _ => vec![unwrap(hir)],
    };
    let mut literals = Vec::new();
    let mut after = Vec::new();
    // The nearest and the farthest a match may begin, over every branch.
    let mut before: Option<(usize, usize)> = Some((usize::MAX, 0));
    for branch in branches {
        let (found, tail) = best_split(branch, ignore_case)?;
        before = before
            .zip(found.before)
            .map(|((nearest, farthest), this)| (nearest.min(this.start), farthest.max(this.end)));
        literals.extend(found.literals);
        after.push(tail);
    }
    let literals = scannable(literals.iter().map(Vec::as_slice), false, true)?;
    let before = before
        .filter(|&(nearest, farthest)| nearest < farthest && farthest - nearest <= WIDEST_REACH)
        .map(|(nearest, farthest)| nearest..farthest);
    let after = widened(&Hir::alternation(after), ignore_case).to_string();
    Some(Inner {
        literals,
        before,
        after,
    })
}

/// `hir` made cheap to compile, matching all it matches and more: no
/// assertions, no groups, and every large class (Unicode's `\w`, `[^\s,]`)
/// its ASCII part and any character outside ASCII; ignoring case, each
/// letter is a class of its cases, so that it compiles as it stands
/// (folding a class of every character is dear). What follows a literal is
/// only checked for, before the pattern itself is tried: compiled whole,
/// with its Unicode classes, it cost more than it saved.
fn widened(hir: &Hir, ignore_case: bool) -> Hir {
    let folded = |mut class: ClassUnicode| {
        if ignore_case {
            class.case_fold_simple();
        }
        Hir::class(Class::Unicode(class))
    };
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Class(Class::Unicode(class)) if class.ranges().len() > SMALL_CLASS => {
            let ascii: Vec<ClassUnicodeRange> = class
                .ranges()
                .iter()
                .filter(|range| range.start().is_ascii())
                .map(|range| ClassUnicodeRange::new(range.start(), range.end().min('\x7f')))
                .collect();
            let mut ascii = ClassUnicode::new(ascii);
            if ignore_case {
                ascii.case_fold_simple();
            }
            ascii.union(&ClassUnicode::new([ClassUnicodeRange::new(
                '\u{80}',
                char::MAX,
            )]));
            Hir::class(Class::Unicode(ascii))
        }
        HirKind::Class(Class::Unicode(class)) => folded(class.clone()),
        HirKind::Literal(literal) if ignore_case => match std::str::from_utf8(&literal.0) {
            Ok(text) => Hir::concat(
                text.chars()
                    .map(|c| folded(ClassUnicode::new([ClassUnicodeRange::new(c, c)])))
                    .collect(),
            ),
            Err(_) => hir.clone(),
        },
        HirKind::Class(_) | HirKind::Empty | HirKind::Literal(_) => hir.clone(),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(widened(&repetition.sub, ignore_case)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => widened(&capture.sub, ignore_case),
        HirKind::Concat(items) => Hir::concat(
            items
                .iter()
                .map(|item| widened(item, ignore_case))
                .collect(),
        ),
        HirKind::Alternation(branches) => Hir::alternation(
            branches
                .iter()
                .map(|branch| widened(branch, ignore_case))
                .collect(),
        ),
    }
}

/// A class of more ranges than this is widened by [`widened`].
const SMALL_CLASS: usize = 8;

/// A group around the whole is no part of where its literals lie.
fn unwrap(hir: &Hir) -> &Hir {
    match hir.kind() {
        HirKind::Capture(capture) => unwrap(&capture.sub),
        _ => hir,
    }
}

/// Of the places `branch` (a sequence) can be cut in two, the one whose
/// second part opens with the most selective literals the scan can find.
fn best_split(branch: &Hir, ignore_case: bool) -> Option<(Inner, Hir)> {
    let items: Vec<Hir> = match branch.kind() {
        HirKind::Concat(items) => items.clone(),
        _ => vec![branch.clone()],
    };
    // A literal may be cut too: "ly-" after `[^\s-]+` is found from "-".
    let mut cuts: Vec<(Vec<Hir>, Vec<Hir>)> = Vec::new();
    for at in 0..items.len() {
        cuts.push((items[..at].to_vec(), items[at..].to_vec()));
        if let HirKind::Literal(literal) = items[at].kind() {
            for inside in 1..literal.0.len() {
                let mut head = items[..at].to_vec();
                head.push(Hir::literal(literal.0[..inside].to_vec()));
                let mut tail = vec![Hir::literal(literal.0[inside..].to_vec())];
                tail.extend_from_slice(&items[at + 1..]);
                cuts.push((head, tail));
            }
        }
    }
    let mut best: Option<(Score, Inner, Hir)> = None;
    for (head, tail) in cuts {
        let Some((score, inner, tail)) = split(head, tail, ignore_case) else {
            continue;
        };
        if best.as_ref().is_none_or(|(kept, ..)| score > *kept) {
            best = Some((score, inner, tail));
        }
    }
    best.map(|(_, inner, tail)| (inner, tail))
}

/// How good a cut's literals are for the scan, higher better: the
/// shortest literal's length (a literal that opens with a blank is tried at
/// every space, so it counts one less), then whether none opens with a
/// blank, then a bound on where a match begins.
type Score = (usize, bool, bool);

fn split(head: Vec<Hir>, tail: Vec<Hir>, ignore_case: bool) -> Option<(Score, Inner, Hir)> {
    let ends_apart = ends_with_non_word(&head);
    let head = Hir::concat(head);
    let tail = Hir::concat(tail);
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_class(LARGEST_CLASS)
        .extract(&tail);
    let found = seq.literals()?.iter().map(|literal| literal.as_bytes());
    // The scan looks for literals that open with a word character at word
    // starts alone: the pattern must put one there.
    let at_word_start = begins_at_word_boundary(&tail) || ends_apart;
    let literals = scannable(found, ignore_case, at_word_start)?;
    let mut shortest = usize::MAX;
    let mut no_blank = true;
    for literal in &literals {
        let blank = literal.first().is_some_and(u8::is_ascii_whitespace);
        no_blank &= !blank;
        shortest = shortest.min(literal.len() - usize::from(blank));
        // A letter or digit alone would be tried at most words.
        if literal.len() == 1 && is_word_byte(literal[0]) {
            return None;
        }
    }
    let properties = head.properties();
    let min = properties.minimum_len()?;
    let before = properties.maximum_len().map(|max| min..max + 1);
    let score = (shortest, no_blank, before.is_some());
    let inner = Inner {
        literals,
        before,
        after: String::new(),
    };
    Some((score, inner, tail))
}

/// Whether whatever `items` match in a row ends with a character that is
/// not an ASCII word byte, or at the text's or a line's start: then the
/// scan looks at the next byte as a word start.
fn ends_with_non_word(items: &[Hir]) -> bool {
    for item in items.iter().rev() {
        if ends_apart(item) {
            return true;
        }
        // An assertion matches no text: the character before it decides.
        if !matches!(item.kind(), HirKind::Look(_)) {
            return false;
        }
    }
    false
}

fn ends_apart(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.last().is_some_and(|&b| !is_word_byte(b)),
        HirKind::Class(Class::Unicode(class)) => class.ranges().iter().all(|range| {
            (range.start()..=range.end())
                .filter(char::is_ascii)
                .all(|c| !is_word_byte(c as u8))
        }),
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .all(|range| (range.start()..=range.end()).all(|b| !is_word_byte(b))),
        HirKind::Look(look) => matches!(
            look,
            Look::Start | Look::StartLF | Look::StartCRLF | Look::WordAscii | Look::WordUnicode
        ),
        HirKind::Repetition(repetition) => repetition.min > 0 && ends_apart(&repetition.sub),
        HirKind::Capture(capture) => ends_apart(&capture.sub),
        HirKind::Concat(items) => ends_with_non_word(items),
        HirKind::Alternation(branches) => branches.iter().all(ends_apart),
        HirKind::Empty => false,
    }
}

impl Pattern {
    /// The matches in the blocks of `doc` that `keep_block` keeps, found
    /// from where the run's scan found the pattern's literals (with each
    /// group's span when `with_groups`); `None` when the scan did not look
    /// for them, or they lie in so much of the prose that one scan of the
    /// whole costs less.
    pub(super) fn at_hits(
        &self,
        doc: &Document,
        with_groups: bool,
        keep_block: &dyn Fn(&Range<usize>) -> bool,
    ) -> Option<Vec<Found>> {
        self.literals.as_ref()?;
        let hits = doc.analysis(|_| PatternHits::unfiltered());
        let hits = hits.starts(self.id)?;
        match &self.reach {
            Reach::Begins => Some(confirmed_at(
                &self.engine,
                doc,
                hits,
                with_groups,
                keep_block,
            )),
            Reach::Within(before) => {
                let starts = starts_before(&doc.prose, hits, before);
                Some(confirmed_at(
                    &self.engine,
                    doc,
                    &starts,
                    with_groups,
                    keep_block,
                ))
            }
            Reach::InBlock(after) => {
                self.in_blocks_holding(doc, hits, after.as_ref(), with_groups, keep_block)
            }
        }
    }

    /// The matches of the blocks that hold one of `hits` where `after`
    /// (what follows the literal in the pattern) matches, each block
    /// scanned alone (as every pattern is matched); `None` when those blocks
    /// are most of the prose.
    fn in_blocks_holding(
        &self,
        doc: &Document,
        hits: &[u32],
        after: Option<&meta::Regex>,
        with_groups: bool,
        keep_block: &dyn Fn(&Range<usize>) -> bool,
    ) -> Option<Vec<Found>> {
        let blocks = prose_blocks(doc);
        let mut held = Vec::new();
        let mut held_len = 0;
        let mut rest = hits;
        for block in blocks.iter() {
            if rest.is_empty() {
                break;
            }
            rest = &rest[rest.partition_point(|&hit| (hit as usize) < block.start)..];
            let past = rest.partition_point(|&hit| (hit as usize) < block.end);
            let (in_block, next) = rest.split_at(past);
            rest = next;
            if in_block.is_empty() || !keep_block(block) {
                continue;
            }
            // Tried on the block alone, where the pattern is matched, so
            // that `^`, `$` and `\b` read its edges as the pattern does.
            let text = &doc.prose[block.clone()];
            let follows = |&hit: &u32| {
                let input = Input::new(text)
                    .range(hit as usize - block.start..)
                    .anchored(Anchored::Yes);
                after.is_none_or(|after| after.search(&input).is_some())
            };
            if in_block.iter().any(follows) {
                held_len += block.len();
                held.push(block.clone());
            }
        }
        if held_len * 2 > doc.prose.len() {
            return None;
        }
        let mut found = Vec::new();
        for block in held {
            match &self.engine {
                Engine::Plain(regex) if !with_groups => {
                    let text = &doc.prose[block.clone()];
                    for m in regex.find_iter(text) {
                        let span = block.start + m.start()..block.start + m.end();
                        push(&doc.prose, vec![Some(span)], &mut found);
                    }
                }
                _ => self.find_in_block(&doc.prose, block, &mut found),
            }
        }
        Some(found)
    }
}

/// Every character start of `prose` that lies `before` bytes before one of
/// `hits`, in order: where a match holding the literal found there begins.
fn starts_before(prose: &str, hits: &[u32], before: &Range<usize>) -> Vec<u32> {
    let mut starts = Vec::with_capacity(hits.len());
    let mut next = 0;
    for &hit in hits {
        let hit = hit as usize;
        let Some(last) = hit.checked_sub(before.start) else {
            continue;
        };
        let first = hit.saturating_sub(before.end - 1);
        for at in first.max(next)..=last {
            if prose.is_char_boundary(at) {
                starts.push(at as u32);
            }
        }
        next = next.max(last + 1);
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocumentOptions;
    use crate::terms::{PatternFilter, WordStarts};

    fn inner(source: &str, ignore_case: bool) -> Option<Inner> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(source)
            .ok()?;
        inner_literals(&hir, ignore_case)
    }

    fn reach(source: &str, ignore_case: bool) -> Option<Option<Range<usize>>> {
        inner(source, ignore_case).map(|inner| inner.before)
    }

    #[test]
    fn literals_further_in_and_where_a_match_begins_from_them() {
        let dashes = inner(r"(?m)(?:\s[—–]\s|\s[—–]|[—–]\s)", true).unwrap();
        assert_eq!(dashes.literals, ["–".as_bytes(), "—".as_bytes()]);
        assert_eq!(dashes.before, Some(0..4), "a blank of up to three bytes");
        let date = inner(r"\d{1,2} (?:Jan|May) \d{4}", true).unwrap();
        assert_eq!(date.literals, [b"jan ".to_vec(), b"may ".to_vec()]);
        assert_eq!(date.before, Some(2..10));
        assert_eq!(
            reach(r"(?-u:\b)[a-zA-z]+\spercent(?-u:\b)", false),
            Some(None)
        );
        // "ly-" opens inside a word: the scan finds its "-".
        let hyphen = inner(r"(?-u:\b)[^\s-]+ly-\w+(?-u:\b)", false).unwrap();
        assert_eq!(hyphen.literals, [b"-".to_vec()]);
        // A letter alone would be tried at most words; none is a digit's
        // neighbour at a word start.
        assert_eq!(reach(r"\d{1,2}[AP]M", false), None);
        assert_eq!(reach(r"(?-u:\b)[A-Z]{2,4}(?-u:\b)", false), None);
        assert_eq!(reach(r"\w*", false), None, "may match empty text");
    }

    #[test]
    fn found_from_the_scan_as_by_a_scan_of_each_block() {
        let patterns = [
            (r"(?m)(?:\s[—–]\s|\s[—–]|[—–]\s)", true),
            (r"(?m)(?:\d{1,2} (?:Jan(?:uary)?|May) \d{4})", true),
            (
                r"(?m)(?:(?-u:\b)\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?-u:\b))",
                true,
            ),
            (r"(?m)(?:[a-z][.?!] {2,}[A-Z]|[a-z][.?!][A-Z])", false),
            (r"(?m)(?:(?-u:\b)[a-zA-z]+\spercent(?-u:\b))", false),
            (r"(?m)(?:(?-u:\b)[^\s-]+ly-\w+(?-u:\b))", false),
            (r"(?m)(?:(?:^|\s)I(?=\s))", true),
            (r"(?m)(?:(?:^|\s)I(?=,\s))", true),
            (r"(?m)(?:[a-z][.?!]$)", false),
        ];
        let text = "I think — I, said\u{a0}I — on 12 May 2024, or 3 january 2020.\n\
            Sales rose 5/6/2024 and 12/31/24 by ten percent.Then  Up. A\n\
            newly-built, highly-rated\u{2009}–\u{2009}x. i\tsaw 1 May 99\n\n\
            I\n\nend. Kilo percent in a block of its own with nothing else\n\n\
            And a long block that holds none of the literals at all, to be\n\
            passed over by the scan of the blocks holding one of them, and\n\
            long enough that those blocks are less than half of the prose,\n\
            which they would otherwise be in so short a text as this one\n\
            is, with its many lines of test cases all close together.\n";
        let options = DocumentOptions::default();
        for (source, ignore_case) in patterns {
            let pattern = Pattern::new(source, ignore_case).unwrap();
            let (id, literals) = pattern.required_literals();
            let literals = literals.expect(source).to_vec();
            let filter = PatternFilter::new(vec![(id, literals)]).unwrap();
            let scanned = Document::new("a.txt", text.to_string(), &options);
            scanned.analysis(|doc| filter.scan(&doc.prose, &WordStarts::of(&doc.prose)));
            let whole = Document::new("a.txt", text.to_string(), &options);
            assert!(pattern.at_hits(&whole, false, &|_| true).is_none());
            assert!(
                pattern.at_hits(&scanned, false, &|_| true).is_some(),
                "{source}"
            );
            let spans = |found: Vec<Found>| -> Vec<Range<usize>> {
                found.into_iter().map(|found| found.span).collect()
            };
            let groups = |found: Vec<Found>| -> Vec<Vec<Option<Range<usize>>>> {
                found.into_iter().map(|found| found.groups).collect()
            };
            assert_eq!(
                pattern.spans_in(&scanned),
                pattern.spans_in(&whole),
                "{source}"
            );
            assert_eq!(
                groups(pattern.find_in(&scanned)),
                groups(pattern.find_in(&whole)),
                "{source}"
            );
            assert!(
                !spans(pattern.find_in(&whole)).is_empty(),
                "{source} matches"
            );
        }
    }
}
