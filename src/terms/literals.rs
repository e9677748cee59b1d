//! One scan that tells which of a run's regular expressions can match a
//! document at all. Each pattern whose every match contains one of a few
//! literals ("utiliz", "it is", "ly-") registers them; the run builds one automaton
//! over all of them, scans each document's prose once, and a pattern none
//! of whose literals occur there is not run (an imported Vale style has
//! dozens of expressions, and most documents contain the words of few).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// Literals shorter than this occur in nearly every document: a pattern
/// that needs one is always run rather than filtered.
const SHORTEST_LITERAL: usize = 3;

/// At most this many literals for one pattern: past it, the pattern is
/// always run (the automaton stays small).
const MOST_LITERALS: usize = 64;

/// Literals (ASCII lower case) one of which every match of `source`
/// contains, or `None` when there is no such set worth a search: a match
/// may consist of anything, or the literals it needs are too short or too
/// many. Those every match begins with are preferred; failing them, those
/// some part of it must begin with (`ly-` in `[^\s-]+ly-\w+`).
pub fn required_literals(source: &str, ignore_case: bool) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(ignore_case)
        .build()
        .parse(source)
        .ok()?;
    prefix_literals(&hir).or_else(|| inner_literals(&hir))
}

/// The literals every match of `hir` begins with, when worth a search.
fn prefix_literals(hir: &Hir) -> Option<Vec<String>> {
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let mut literals: Vec<String> = prefixes
        .literals()?
        .iter()
        .map(|literal| {
            let bytes = literal.as_bytes();
            (bytes.len() >= SHORTEST_LITERAL)
                .then(|| String::from_utf8(bytes.to_ascii_lowercase()).ok())
                .flatten()
        })
        .collect::<Option<Vec<String>>>()?;
    literals.sort_unstable();
    literals.dedup();
    (!literals.is_empty() && literals.len() <= MOST_LITERALS).then_some(literals)
}

/// Literals one of which every match of `hir` contains somewhere: each
/// match of a sequence holds a match of each of its parts, so the literals
/// a part's matches begin with (the longest such set of any part) will do,
/// and for a choice, those of every branch together.
fn inner_literals(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Capture(capture) => inner_literals(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => inner_literals(&repetition.sub),
        HirKind::Concat(parts) => (0..parts.len())
            .filter_map(|at| {
                prefix_literals(&Hir::concat(parts[at..].to_vec()))
                    .or_else(|| inner_literals(&parts[at]))
            })
            .max_by_key(|literals| {
                let shortest = literals.iter().map(String::len).min().unwrap_or(0);
                (shortest, std::cmp::Reverse(literals.len()))
            }),
        HirKind::Alternation(branches) => {
            let mut literals = Vec::new();
            for branch in branches {
                literals.extend(prefix_literals(branch).or_else(|| inner_literals(branch))?);
            }
            literals.sort_unstable();
            literals.dedup();
            (literals.len() <= MOST_LITERALS).then_some(literals)
        }
        _ => None,
    }
}

/// The run's filter: one automaton over every filtered pattern's literals.
#[derive(Debug)]
pub struct PatternFilter {
    automaton: AhoCorasick,
    /// For each literal, the places (in `ids`) of the patterns that need it.
    owners: Vec<Vec<usize>>,
    /// The filtered patterns' numbers, sorted.
    ids: Vec<usize>,
}

impl PatternFilter {
    /// A filter over `patterns` (each pattern's number and its literals),
    /// `None` when there is none.
    pub fn new(mut patterns: Vec<(usize, Vec<String>)>) -> Option<PatternFilter> {
        if patterns.is_empty() {
            return None;
        }
        patterns.sort_by_key(|(id, _)| *id);
        patterns.dedup_by_key(|(id, _)| *id);
        let mut literals: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for (place, (_, needed)) in patterns.iter().enumerate() {
            for literal in needed {
                let at = *index.entry(literal.clone()).or_insert_with(|| {
                    literals.push(literal.clone());
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                owners[at].push(place);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&literals)
            .ok()?;
        Some(PatternFilter {
            automaton,
            owners,
            ids: patterns.into_iter().map(|(id, _)| id).collect(),
        })
    }

    /// Which filtered patterns `prose` holds a literal of.
    pub fn scan(&self, prose: &str) -> PatternHits {
        let mut hit = vec![false; self.ids.len()];
        let mut left = self.ids.len();
        for found in self.automaton.find_overlapping_iter(prose) {
            for &place in &self.owners[found.pattern().as_usize()] {
                if !hit[place] {
                    hit[place] = true;
                    left -= 1;
                }
            }
            if left == 0 {
                break;
            }
        }
        PatternHits {
            ids: self.ids.clone(),
            hit,
        }
    }
}

/// One document's scan by a [`PatternFilter`], kept with the document.
#[derive(Debug, Default)]
pub struct PatternHits {
    ids: Vec<usize>,
    hit: Vec<bool>,
}

impl PatternHits {
    /// A document no filter has scanned: every pattern may match.
    pub fn unfiltered() -> PatternHits {
        PatternHits::default()
    }

    /// Whether pattern `id` may match: it was not filtered, or one of its
    /// literals occurs.
    pub fn may_match(&self, id: usize) -> bool {
        match self.ids.binary_search(&id) {
            Ok(place) => self.hit[place],
            Err(_) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_what_every_match_begins_with() {
        let literals = |source: &str, ignore_case| required_literals(source, ignore_case);
        // Each a prefix of what it stands for (the extractor may shorten them).
        let found = literals(r"\b(?:utiliz(?:e|es|ed|ing)|leverage)\b", true).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!("leverage".starts_with(found[0].as_str()) && found[0].len() >= 3);
        assert!("utilize".starts_with(found[1].as_str()) && found[1].len() >= 3);
        assert_eq!(literals("Kiev|KYIV", false).unwrap(), ["kiev", "kyiv"]);
        // What some part of every match begins with.
        assert_eq!(literals(r"(?-u:\b)[^\s-]+ly-\w+", false).unwrap(), ["ly-"]);
        assert_eq!(
            literals(r"[a-zA-Z]+\spercent\b", false).unwrap(),
            ["percent"]
        );
        assert_eq!(
            literals(r"\d+ (?:jan|feb)|\w+ is due", false).unwrap(),
            [" feb", " is due", " jan"]
        );
        assert_eq!(literals(r"\w+-(?:a|b)", true), None);
        // Case folding keeps the letters that fold to ASCII ones (`ſ`, `K`).
        assert!(literals(r"\w+ is", true)
            .unwrap()
            .contains(&" iſ".to_string()));
        // A match may begin anywhere, or with a letter: no filter.
        assert_eq!(literals(r"\b(\w+)\b", true), None);
        assert_eq!(literals(r"\b(?:a|an)\b", true), None);
        assert_eq!(literals("x?yz", false), None);
        assert_eq!(literals("(unclosed", false), None);
    }

    #[test]
    fn a_pattern_runs_only_where_one_of_its_literals_occurs() {
        let filter = PatternFilter::new(vec![
            (7, vec!["utiliz".into()]),
            (3, vec!["it is".into(), "leverage".into()]),
        ])
        .unwrap();
        let hits = filter.scan("We LEVERAGE synergies.");
        assert!(hits.may_match(3));
        assert!(!hits.may_match(7));
        assert!(hits.may_match(5), "a pattern the filter does not know runs");
        assert!(PatternHits::unfiltered().may_match(7));
    }
}
