//! One aho-corasick automaton for every literal term of every rule in a run.
//!
//! Rules register their terms while they are compiled; the engine scans each
//! document's prose once and hands every rule the matches that belong to it.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

mod literals;
pub use literals::{required_literals, PatternFilter, PatternHits};

/// A term a rule found: where, and which of its terms (the rule's own number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// Where, in bytes of the prose.
    pub span: Range<usize>,
    /// The number the rule gave the term when it registered it.
    pub term: u32,
}

#[derive(Clone, Copy, Debug)]
struct Owner {
    rule: usize,
    term: u32,
}

/// Distinct patterns, each with the rule terms that share it.
#[derive(Debug, Default)]
struct Patterns {
    patterns: Vec<String>,
    owners: Vec<Vec<Owner>>,
}

/// [`Patterns`] while they are collected.
#[derive(Debug, Default)]
struct PatternSet {
    set: Patterns,
    by_pattern: HashMap<String, usize>,
}

impl PatternSet {
    fn add(&mut self, pattern: String, owner: Owner) {
        let set = &mut self.set;
        let index = match self.by_pattern.get(&pattern) {
            Some(&index) => index,
            None => {
                self.by_pattern.insert(pattern.clone(), set.patterns.len());
                set.patterns.push(pattern);
                set.owners.push(Vec::new());
                set.patterns.len() - 1
            }
        };
        set.owners[index].push(owner);
    }
}

impl Patterns {
    fn build(
        &self,
        kind: Option<AhoCorasickKind>,
        ascii_case_insensitive: bool,
    ) -> Option<AhoCorasick> {
        if self.patterns.is_empty() {
            return None;
        }
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(ascii_case_insensitive)
            .kind(kind)
            .build(&self.patterns)
            .ok()
    }
}

/// Collects terms while rules compile.
///
/// Case-sensitive and case-insensitive terms go into separate automata: the
/// gazetteer's thousands of names are all case-sensitive, and folding case
/// for them tripled the automaton's build time and halved its scan speed
/// (measured in BENCHMARKS.md), for the sake of a few dozen style terms.
#[derive(Debug, Default)]
pub struct TermSetBuilder {
    exact: PatternSet,
    folded: PatternSet,
}

impl TermSetBuilder {
    /// Register `pattern` for `rule`. Matching ignores ASCII case unless
    /// `case_sensitive` is set; word boundaries are checked on both ends that
    /// begin or end with a word character.
    pub fn add(&mut self, rule: usize, term: u32, pattern: &str, case_sensitive: bool) {
        if pattern.is_empty() {
            return;
        }
        let owner = Owner { rule, term };
        if case_sensitive {
            self.exact.add(pattern.to_string(), owner);
        } else {
            self.folded.add(pattern.to_ascii_lowercase(), owner);
        }
    }

    /// The automata are built on a background thread, so that a run reads
    /// and parses its first documents meanwhile; the first scan waits for
    /// them (or builds them itself if the thread could not start).
    pub fn build(self) -> TermMatcher {
        let shared = Arc::new(Shared {
            exact: self.exact.set,
            folded: self.folded.set,
            automata: OnceLock::new(),
        });
        let building = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("copydesk-terms".into())
            .spawn(move || {
                building.automata();
            });
        if spawned.is_err() {
            shared.automata();
        }
        TermMatcher { shared }
    }
}

/// Up to this many patterns, a DFA builds in well under a millisecond.
const SMALL_SET: usize = 100;

#[derive(Debug)]
struct Shared {
    exact: Patterns,
    folded: Patterns,
    automata: OnceLock<Automata>,
}

#[derive(Debug)]
struct Automata {
    exact: Option<AhoCorasick>,
    folded: Option<AhoCorasick>,
}

impl Shared {
    /// Whoever comes first builds; anyone else waits for that build.
    fn automata(&self) -> &Automata {
        self.automata.get_or_init(|| Automata {
            // Measured on the benchmark corpus (BENCHMARKS.md): the contiguous
            // NFA builds in 5 ms and scans a tenth faster than the
            // noncontiguous one; a DFA scans faster still but takes 40 ms and
            // 32 MB to build, and did not speed up a 53 MB run.
            // A small set (only some rules selected) is left to the crate,
            // which picks a DFA for it.
            exact: if self.exact.patterns.len() <= SMALL_SET {
                self.exact.build(None, false)
            } else {
                self.exact
                    .build(Some(AhoCorasickKind::ContiguousNFA), false)
                    // Too many states for the contiguous form: let the crate choose.
                    .or_else(|| self.exact.build(None, false))
            },
            // The case-insensitive set is small; the crate picks a DFA for it.
            folded: self.folded.build(None, true),
        })
    }
}

/// The compiled automata of a run.
#[derive(Debug)]
pub struct TermMatcher {
    shared: Arc<Shared>,
}

impl TermMatcher {
    /// Scan `text` once, appending each rule's matches to `per_rule[rule]`.
    ///
    /// The automata report overlapping matches, so that one rule's longer
    /// term never hides another rule's shorter one ("goverment spokesman" in a
    /// house rule does not stop the misspelling rule from seeing "goverment").
    /// Within each rule, matches are then resolved leftmost-longest.
    pub fn scan(&self, text: &str, per_rule: &mut [Vec<TermMatch>]) {
        let shared = &self.shared;
        let automata = shared.automata();
        if let Some(exact) = &automata.exact {
            collect(exact, &shared.exact.owners, text, per_rule);
        }
        if let Some(folded) = &automata.folded {
            collect(folded, &shared.folded.owners, text, per_rule);
        }
        for list in per_rule.iter_mut() {
            leftmost_longest(list);
        }
    }
}

fn collect(
    automaton: &AhoCorasick,
    owners: &[Vec<Owner>],
    text: &str,
    per_rule: &mut [Vec<TermMatch>],
) {
    for found in automaton.find_overlapping_iter(text) {
        let span = found.range();
        if !at_word_boundaries(text, &span) {
            continue;
        }
        for owner in &owners[found.pattern().as_usize()] {
            if let Some(list) = per_rule.get_mut(owner.rule) {
                list.push(TermMatch {
                    span: span.clone(),
                    term: owner.term,
                });
            }
        }
    }
}

/// Keep, left to right, the longest match at each position and drop those that
/// overlap it; matches with exactly the kept span (one string, several terms)
/// all stay.
fn leftmost_longest(matches: &mut Vec<TermMatch>) {
    if matches.len() < 2 {
        return;
    }
    matches.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
            .then(a.term.cmp(&b.term))
    });
    let mut kept: Option<std::ops::Range<usize>> = None;
    matches.retain(|m| match &kept {
        Some(last) if *last == m.span => true,
        Some(last) if m.span.start < last.end => false,
        _ => {
            kept = Some(m.span.clone());
            true
        }
    });
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A term that starts (ends) with a word character must not continue a word
/// before (after) it: "Kiev" does not match inside "Kievan".
fn at_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    let (Some(head), Some(last)) = (
        text[span.clone()].chars().next(),
        text[span.clone()].chars().next_back(),
    ) else {
        return false;
    };
    let before_ok = !is_word_char(head)
        || text[..span.start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
    let after_ok = !is_word_char(last)
        || text[span.end..]
            .chars()
            .next()
            .is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_gets_its_own_matches_from_one_scan() {
        let mut builder = TermSetBuilder::default();
        builder.add(0, 7, "Kiev", false);
        builder.add(1, 0, "kiev", true);
        builder.add(1, 1, "Republic of Korea", true);
        let matcher = builder.build();
        let text = "Kiev, kiev, KIEV, Kievan, the Republic of Korea.";
        let mut per_rule = vec![Vec::new(), Vec::new()];
        matcher.scan(text, &mut per_rule);
        let spans = |rule: usize| -> Vec<&str> {
            per_rule[rule]
                .iter()
                .map(|m| &text[m.span.clone()])
                .collect()
        };
        assert_eq!(spans(0), ["Kiev", "kiev", "KIEV"]);
        assert_eq!(spans(1), ["kiev", "Republic of Korea"]);
        assert_eq!(per_rule[0][0].term, 7);
    }

    #[test]
    fn a_longer_term_of_one_rule_does_not_hide_a_shorter_one_of_another() {
        let mut builder = TermSetBuilder::default();
        builder.add(0, 0, "goverment spokesman", false);
        builder.add(1, 0, "goverment", false);
        builder.add(1, 1, "spokesman", false);
        builder.add(2, 0, "Korea", false);
        builder.add(2, 1, "Republic of Korea", false);
        let matcher = builder.build();
        let text = "The goverment spokesman for the Republic of Korea.";
        let mut per_rule = vec![Vec::new(), Vec::new(), Vec::new()];
        matcher.scan(text, &mut per_rule);
        let spans = |rule: usize| -> Vec<&str> {
            per_rule[rule]
                .iter()
                .map(|m| &text[m.span.clone()])
                .collect()
        };
        assert_eq!(spans(0), ["goverment spokesman"]);
        assert_eq!(spans(1), ["goverment", "spokesman"]);
        assert_eq!(spans(2), ["Republic of Korea"]);
    }

    #[test]
    fn terms_that_end_in_punctuation_need_no_boundary_there() {
        let mut builder = TermSetBuilder::default();
        builder.add(0, 0, "U.S.", false);
        let matcher = builder.build();
        let mut per_rule = vec![Vec::new()];
        matcher.scan("the U.S.-led talks", &mut per_rule);
        assert_eq!(per_rule[0].len(), 1);
    }
}
