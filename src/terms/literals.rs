//! One scan that tells which of a run's regular expressions can match a
//! document at all. Each pattern whose every match begins with one of a few
//! literals ("utiliz", "it is") registers them; the run builds one automaton
//! over all of them, scans each document's prose once, and a pattern none
//! of whose literals occur there is not run (an imported Vale style has
//! dozens of expressions, and most documents contain the words of few).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Literals shorter than this occur in nearly every document: a pattern
/// that needs one is always run rather than filtered.
const SHORTEST_LITERAL: usize = 3;

/// At most this many literals for one pattern: past it, the pattern is
/// always run (the automaton stays small).
const MOST_LITERALS: usize = 64;

/// The literals (ASCII lower case) of which every match of `source`
/// begins with one, or `None` when there is no such set worth a search: a
/// match may begin anywhere, or with too short a literal, or with too many
/// different ones.
pub fn required_literals(source: &str, ignore_case: bool) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(ignore_case)
        .build()
        .parse(source)
        .ok()?;
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
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
