//! Look-around patterns tried only where their linear-time filter starts a
//! match, instead of by the backtracking engine at every position.

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
    filter: &regex::Regex,
    text: &'t str,
) -> Vec<fancy_regex::Captures<'t, str>> {
    let mut found = Vec::new();
    let mut at = 0;
    let mut last_end = None;
    while at <= text.len() {
        let Some(candidate) = filter.find_at(text, at) else {
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
