//! Patterns tried anchored, only where a match can begin: a look-around
//! pattern where its linear-time filter starts a match, and any pattern
//! with literals at the offsets where the run's scan found one of them.

use std::ops::Range;

use regex_automata::{meta, Anchored, Input};

use super::{prose_blocks, push, Engine, Found};
use crate::document::Document;

/// The matches `fancy.captures_iter(text)` gives, found by trying the
/// backtracking engine only where its look-around-free `filter` starts a
/// match. Every match of the pattern is a match of the filter from the same
/// start, and the filter's search returns the leftmost start it can match
/// at, so the first start where the pattern matches is among the filter's:
/// trying each of them in order, anchored, finds the same matches as the
/// backtracking engine's own scan of every position, at a fraction of its
/// cost. Empty matches advance one character, as that scan does; a start
/// where backtracking runs out ends the block, as it does there (each start
/// tried gets the whole backtracking budget, so a block the scan gave up on
/// may now yield the matches before the start that exhausts it).
pub(super) fn candidates_confirmed<'t>(
    fancy: &fancy_regex::Regex,
    filter: &meta::Regex,
    text: &'t str,
) -> Vec<fancy_regex::Captures<'t, str>> {
    let mut found = Vec::new();
    let mut at = 0;
    let mut last_end = None;
    while at <= text.len() {
        let Some(candidate) = filter.search(&Input::new(text).range(at..)) else {
            break;
        };
        let start = candidate.start();
        let input = fancy_regex::RegexInput::new(text)
            .from_pos(start)
            .anchored(true);
        at = match fancy.captures_input(input) {
            Err(_) => break,
            Ok(None) => next_char(text, start),
            Ok(Some(captures)) => {
                let Some(whole) = captures.get(0).map(|m| m.range()) else {
                    break;
                };
                // As the scan does, an empty match where the last ended is
                // not one.
                if !(whole.is_empty() && last_end == Some(whole.end)) {
                    found.push(captures);
                }
                last_end = Some(whole.end);
                if whole.is_empty() {
                    next_char(text, whole.end)
                } else {
                    whole.end
                }
            }
        };
    }
    found
}

/// What a try at one start found.
enum Tried {
    /// A match, with each group's span in the block.
    Match(Vec<Option<Range<usize>>>),
    /// None from there.
    Nothing,
    /// The backtracking engine ran out of steps: the block is given up on,
    /// as a scan of it gives up.
    GaveUp,
}

/// The matches of a pattern with literals, in the blocks of `doc` that
/// `keep_block` keeps, found by trying it anchored at `starts` (offsets of
/// the prose, in order, among which every match begins) alone, each block
/// searched as if alone. A scan of the block finds, from where the last
/// match ended, the leftmost start where the pattern matches and the match
/// the pattern prefers there; trying the starts in order, anchored, finds
/// the same, because none of the positions passed over can start one.
/// Patterns with literals never match empty text, so no empty match needs
/// the scan's special steps.
pub(super) fn confirmed_at(
    engine: &Engine,
    doc: &Document,
    starts: &[u32],
    with_groups: bool,
    keep_block: &dyn Fn(&Range<usize>) -> bool,
) -> Vec<Found> {
    let mut found = Vec::new();
    if starts.is_empty() {
        return found;
    }
    let prose = &doc.prose;
    let blocks = prose_blocks(doc);
    let mut captures = match engine {
        Engine::Plain(regex) if with_groups => Some(regex.create_captures()),
        _ => None,
    };
    let mut rest = starts;
    for block in blocks.iter() {
        let first = rest.partition_point(|&s| (s as usize) < block.start);
        let past = rest.partition_point(|&s| (s as usize) < block.end);
        let in_block = &rest[first..past];
        rest = &rest[past..];
        if in_block.is_empty() || !keep_block(block) {
            continue;
        }
        let text = &prose[block.clone()];
        let mut resume = 0;
        for &start in in_block {
            let at = start as usize - block.start;
            if at < resume {
                continue;
            }
            let groups = match try_at(engine, text, at, captures.as_mut()) {
                Tried::Nothing => continue,
                Tried::GaveUp => break,
                Tried::Match(groups) => groups,
            };
            let Some(Some(whole)) = groups.first() else {
                continue;
            };
            resume = whole.end.max(at + 1);
            let offset = |r: Range<usize>| block.start + r.start..block.start + r.end;
            push(
                prose,
                groups.into_iter().map(|g| g.map(offset)).collect(),
                &mut found,
            );
        }
        if rest.is_empty() {
            break;
        }
    }
    found
}

/// The match `engine` prefers that begins at `at` of `text`, if any: its
/// span alone, or each group's when `captures` is given (for a plain
/// pattern; a look-around pattern always gives its groups).
fn try_at(
    engine: &Engine,
    text: &str,
    at: usize,
    captures: Option<&mut regex_automata::util::captures::Captures>,
) -> Tried {
    let input = Input::new(text).range(at..).anchored(Anchored::Yes);
    match engine {
        Engine::Plain(regex) => match captures {
            None => match regex.search(&input) {
                Some(found) => Tried::Match(vec![Some(found.range())]),
                None => Tried::Nothing,
            },
            Some(captures) => {
                regex.search_captures(&input, captures);
                if !captures.is_match() {
                    return Tried::Nothing;
                }
                Tried::Match(captures.iter().map(|g| g.map(|g| g.range())).collect())
            }
        },
        Engine::Fancy(fancy, filter) => {
            if let Some(filter) = filter {
                if filter.search(&input).is_none() {
                    return Tried::Nothing;
                }
            }
            let input = fancy_regex::RegexInput::new(text)
                .from_pos(at)
                .anchored(true);
            match fancy.captures_input(input) {
                Err(_) => Tried::GaveUp,
                Ok(None) => Tried::Nothing,
                Ok(Some(found)) => Tried::Match(
                    (0..found.len())
                        .map(|i| found.get(i).map(|m| m.range()))
                        .collect(),
                ),
            }
        }
    }
}

/// The offset after the character at `at`, past the end when there is none.
fn next_char(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(text.len() + 1, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::super::{Engine, Pattern};
    use super::*;

    #[test]
    fn trying_the_filters_starts_finds_what_the_backtracking_scan_finds() {
        let patterns = [
            r"a+(?!b)",
            r"\b(?:it is(?!\.))\b",
            r"(?m)(?:(?:^|\s)I(?=\s))",
            r"(?m)(?:(?<=\s)-\d+(?:\.\d+)?\b)",
            r"(?=x)",
            r"x*(?=y)",
            r"(?<!é)t(?:é|e)\w*(?!s)",
            r"^(?=\w)\w+",
        ];
        let texts = [
            "aaab aab ab a b",
            "It is. it is it is.x It is, IT IS",
            "I think I, I\nI said I\tnow i",
            "-3 is -4.5 and x-2 or  -7",
            "xyxxy yx",
            "été tes thé tée te",
            "",
            "ﬃ Ελλάδα 東京 e\u{301}",
        ];
        for source in patterns {
            let pattern = Pattern::new(source, true).unwrap();
            let Engine::Fancy(fancy, Some(filter)) = &pattern.engine else {
                panic!("{source} has a filter");
            };
            for text in texts {
                let spans = |all: Vec<fancy_regex::Captures<'_, str>>| -> Vec<Vec<_>> {
                    all.iter()
                        .map(|c| (0..c.len()).map(|i| c.get(i).map(|m| m.range())).collect())
                        .collect()
                };
                let scanned = fancy.captures_iter(text).map_while(Result::ok).collect();
                assert_eq!(
                    spans(candidates_confirmed(fancy, filter, text)),
                    spans(scanned),
                    "{source} on {text:?}"
                );
            }
        }
    }
}
