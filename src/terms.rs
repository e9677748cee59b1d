//! One scan for every literal term of every rule in a run.
//!
//! Rules register their terms while they are compiled; the engine scans each
//! document's prose once and hands every rule the matches that belong to it.
//! The scan looks only where a term can begin: where a word begins, and
//! whose first two bytes begin some term (see the `anchored` module). An overlapping
//! automaton that walked every byte cost a quarter of a run (BENCHMARKS.md).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

mod anchored;
pub(crate) mod literals;
mod word_starts;

pub(crate) use anchored::AnchoredSet;
use anchored::LeadingPairs;
pub use literals::{required_literals, PatternFilter, PatternHits};
use word_starts::is_word_char;
pub use word_starts::WordStarts;
pub(crate) use word_starts::{ascii_word_bytes, in_range, HIGH_BITS};

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

/// Collects terms while rules compile.
///
/// Case-sensitive and case-insensitive terms go into separate sets: the
/// gazetteer's thousands of names are all case-sensitive, and folding case
/// for them would let far more words through the filter of first bytes.
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

    /// The sets are built on a background thread, so that a run reads and
    /// parses its first documents meanwhile; the first scan waits for them
    /// (or builds them itself if the thread could not start).
    pub fn build(self) -> TermMatcher {
        let shared = Arc::new(Shared {
            exact: self.exact.set,
            folded: self.folded.set,
            sets: OnceLock::new(),
        });
        let building = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("copydesk-terms".into())
            .spawn(move || {
                building.sets();
            });
        if spawned.is_err() {
            shared.sets();
        }
        TermMatcher { shared }
    }
}

#[derive(Debug)]
struct Shared {
    exact: Patterns,
    folded: Patterns,
    sets: OnceLock<Sets>,
}

/// Each pattern set, split by where its patterns can begin.
#[derive(Debug)]
struct Sets {
    exact: Split,
    folded: Split,
    /// What either set's word-start patterns begin with.
    word_start_pairs: LeadingPairs,
}

/// Patterns that begin with a word character can only match where a word
/// begins (their first boundary); the others (punctuation first, rare) are
/// looked for at every byte.
#[derive(Debug)]
struct Split {
    at_word_starts: Option<AnchoredSet>,
    anywhere: Option<AnchoredSet>,
}

impl Patterns {
    fn split(&self, ascii_case_insensitive: bool) -> Split {
        let begins_word = |pattern: &str| pattern.chars().next().is_some_and(is_word_char);
        let numbered = || (0u32..).zip(self.patterns.iter().map(String::as_str));
        let set = |at_word_start: bool| {
            let mut chosen = numbered()
                .filter(|(_, pattern)| begins_word(pattern) == at_word_start)
                .peekable();
            chosen.peek()?;
            Some(AnchoredSet::new(chosen, ascii_case_insensitive))
        };
        Split {
            at_word_starts: set(true),
            anywhere: set(false),
        }
    }
}

impl Shared {
    /// Whoever comes first builds; anyone else waits for that build.
    fn sets(&self) -> &Sets {
        self.sets.get_or_init(|| {
            let exact = self.exact.split(false);
            let folded = self.folded.split(true);
            let word_start_pairs = LeadingPairs::of(
                [&exact.at_word_starts, &folded.at_word_starts]
                    .into_iter()
                    .flatten(),
            );
            Sets {
                exact,
                folded,
                word_start_pairs,
            }
        })
    }
}

/// A reader of every word start the term scan passes, in order
/// ([`TermMatcher::scan_visiting`]).
pub trait WordVisitor {
    /// Whether [`WordVisitor::word_start`] does anything: a scan for a
    /// visitor that does nothing walks the words only when its terms need it.
    const VISITS: bool = true;

    /// A word begins at byte `at` of the text scanned (after a byte that
    /// is no letter, digit or underscore, or a character that is none).
    fn word_start(&mut self, at: usize);
}

/// No visitor: [`TermMatcher::scan`].
impl WordVisitor for () {
    const VISITS: bool = false;

    #[inline]
    fn word_start(&mut self, _: usize) {}
}

/// The compiled term sets of a run.
#[derive(Debug)]
pub struct TermMatcher {
    shared: Arc<Shared>,
}

impl TermMatcher {
    /// Scan `text` once, appending each rule's matches to `per_rule[rule]`.
    ///
    /// Matches overlap across rules, so that one rule's longer term never
    /// hides another rule's shorter one ("goverment spokesman" in a house
    /// rule does not stop the misspelling rule from seeing "goverment").
    /// Within each rule, matches are then resolved leftmost-longest.
    pub fn scan(&self, text: &str, per_rule: &mut [Vec<TermMatch>]) {
        self.scan_keeping::<false, ()>(text, per_rule, &mut WordStarts::default(), &mut ());
    }

    /// [`TermMatcher::scan`], showing `visitor` every word start of `text`
    /// on the way: a reader of every word (the archive rules' record) does
    /// its work there rather than walk the text once more.
    pub fn scan_visiting<V: WordVisitor>(
        &self,
        text: &str,
        per_rule: &mut [Vec<TermMatch>],
        visitor: &mut V,
    ) {
        self.scan_keeping::<false, V>(text, per_rule, &mut WordStarts::default(), visitor);
    }

    /// [`TermMatcher::scan_visiting`], keeping where the words of `text`
    /// begin, for readers after the scan (the patterns' literal scan, the
    /// count kind).
    pub fn scan_keeping_word_starts<V: WordVisitor>(
        &self,
        text: &str,
        per_rule: &mut [Vec<TermMatch>],
        visitor: &mut V,
    ) -> WordStarts {
        let mut starts = WordStarts::for_text(text);
        self.scan_keeping::<true, V>(text, per_rule, &mut starts, visitor);
        starts
    }

    fn scan_keeping<const RECORD: bool, V: WordVisitor>(
        &self,
        text: &str,
        per_rule: &mut [Vec<TermMatch>],
        record: &mut WordStarts,
        visitor: &mut V,
    ) {
        let shared = &self.shared;
        let sets = shared.sets();
        let bytes = text.as_bytes();
        let word_start_sets = [
            (&sets.exact.at_word_starts, &shared.exact.owners),
            (&sets.folded.at_word_starts, &shared.folded.owners),
        ];
        if RECORD || V::VISITS || word_start_sets.iter().any(|(set, _)| set.is_some()) {
            word_starts::walk::<RECORD>(text, record, |start| {
                visitor.word_start(start);
                if !sets.word_start_pairs.may_begin(bytes, start) {
                    return;
                }
                for (set, owners) in &word_start_sets {
                    if let Some(set) = set {
                        set.matches_at(bytes, start, |pattern, end| {
                            report(text, start..end, &owners[pattern as usize], per_rule);
                        });
                    }
                }
            });
        }
        for (set, owners) in [
            (&sets.exact.anywhere, &shared.exact.owners),
            (&sets.folded.anywhere, &shared.folded.owners),
        ] {
            let Some(set) = set else {
                continue;
            };
            // A pattern begins with a leading byte, never inside a character.
            for start in 0..bytes.len() {
                set.matches_at(bytes, start, |pattern, end| {
                    report(text, start..end, &owners[pattern as usize], per_rule);
                });
            }
        }
        for list in per_rule.iter_mut() {
            leftmost_longest(list);
        }
    }
}

/// Hand a match to the rules that own its pattern, if the match ends where
/// it should; it begins where it should by construction.
fn report(text: &str, span: Range<usize>, owners: &[Owner], per_rule: &mut [Vec<TermMatch>]) {
    if !ends_at_word_boundary(text, &span) {
        return;
    }
    for owner in owners {
        if let Some(list) = per_rule.get_mut(owner.rule) {
            list.push(TermMatch {
                span: span.clone(),
                term: owner.term,
            });
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

/// A term that ends with a word character must not continue a word after
/// it: "Kiev" does not match inside "Kievan".
fn ends_at_word_boundary(text: &str, span: &Range<usize>) -> bool {
    let Some(matched) = text.get(span.clone()) else {
        return false;
    };
    let ends_word = matched.chars().next_back().is_some_and(is_word_char);
    !ends_word
        || text
            .get(span.end..)
            .and_then(|after| after.chars().next())
            .is_none_or(|c| !is_word_char(c))
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

    /// Every word start it is shown, in order.
    struct Starts(Vec<usize>);

    impl WordVisitor for Starts {
        fn word_start(&mut self, at: usize) {
            self.0.push(at);
        }
    }

    #[test]
    fn a_visitor_is_shown_every_word_start_whatever_the_terms() {
        let text = "Kiev, na\u{ef}ve _x 9lives \u{c9}t\u{e9} \u{201c}Kyiv\u{201d}\n\
                    and eight-byte runs of ASCII words, then \u{3a9}mega.";
        let mut all = Vec::new();
        WordStarts::of(text).for_each(|at| all.push(at));
        assert!(all.len() > 10);
        let mut with_terms = TermSetBuilder::default();
        with_terms.add(0, 0, "Kiev", false);
        for matcher in [TermSetBuilder::default().build(), with_terms.build()] {
            let mut per_rule = vec![Vec::new()];
            let mut visited = Starts(Vec::new());
            matcher.scan_visiting(text, &mut per_rule, &mut visited);
            assert_eq!(visited.0, all);
            let mut visited = Starts(Vec::new());
            let kept = matcher.scan_keeping_word_starts(text, &mut per_rule, &mut visited);
            assert_eq!(visited.0, all);
            assert_eq!(kept, WordStarts::of(text));
        }
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
