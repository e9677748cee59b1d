//! Every pattern of a set that begins at one given place in a text.
//!
//! An overlapping automaton walks every byte of every document; most places
//! cannot begin a term at all (the middle of a word, or a word whose first
//! two bytes begin no term), so the scan asks this set only at the places
//! that could, and the set answers by walking a trie from there.

use std::collections::VecDeque;

/// Patterns looked up from a chosen start: a bitmap of the pairs of bytes
/// they begin with, which turns most starts away with one load and leads
/// the others straight to the trie node after both bytes.
#[derive(Debug)]
pub(crate) struct AnchoredSet {
    /// Bit `first * 256 + second` is set when some pattern begins with the
    /// bytes `first, second` (in either ASCII case, for a folded set); a
    /// one-byte pattern sets every `second`.
    leading_pairs: Box<[u64; PAIR_WORDS]>,
    /// How many bits of `leading_pairs` are set before each of its words.
    pairs_before: Box<[u32; PAIR_WORDS]>,
    /// For each set bit, in order: the trie node after its two bytes, or
    /// [`NO_NODE`] when only a one-byte pattern set it.
    pair_nodes: Vec<u32>,
    /// The one-byte patterns, by byte (both cases for a folded set).
    one_byte_patterns: Option<Box<[u32; 256]>>,
    trie: Trie,
    /// Whether the text's ASCII letters are lowered before walking (the
    /// patterns were lowered when they were added).
    ascii_case_insensitive: bool,
}

const PAIR_WORDS: usize = 256 * 256 / 64;

/// A byte past the end of the text, for the pair filter: every one-byte
/// pattern sets it, no longer pattern can begin on the last byte anyway.
const PAST_END: u8 = 0;

impl AnchoredSet {
    /// `patterns` are the set's distinct patterns by number; folded ones
    /// must already be in ASCII lower case.
    pub(crate) fn new<'a>(
        patterns: impl IntoIterator<Item = (u32, &'a str)>,
        ascii_case_insensitive: bool,
    ) -> AnchoredSet {
        let variants = |byte: u8| {
            if ascii_case_insensitive {
                [byte.to_ascii_lowercase(), byte.to_ascii_uppercase()]
            } else {
                [byte, byte]
            }
        };
        let mut leading_pairs = Box::new([0u64; PAIR_WORDS]);
        let mut set_pair = |first: u8, second: u8| {
            let bit = usize::from(first) * 256 + usize::from(second);
            leading_pairs[bit / 64] |= 1 << (bit % 64);
        };
        let mut one_byte_patterns: Option<Box<[u32; 256]>> = None;
        let mut numbered = Vec::new();
        for (number, pattern) in patterns {
            let bytes = pattern.as_bytes();
            match *bytes {
                [] => continue,
                [only] => {
                    let table =
                        one_byte_patterns.get_or_insert_with(|| Box::new([NO_PATTERN; 256]));
                    for first in variants(only) {
                        table[usize::from(first)] = number;
                        for second in 0..=u8::MAX {
                            set_pair(first, second);
                        }
                    }
                }
                [first, second, ..] => {
                    for first in variants(first) {
                        for second in variants(second) {
                            set_pair(first, second);
                        }
                    }
                }
            }
            numbered.push((bytes, number));
        }
        let trie = Trie::new(numbered);
        let mut pairs_before = Box::new([0u32; PAIR_WORDS]);
        let mut pair_nodes = Vec::new();
        for (index, &word) in leading_pairs.iter().enumerate() {
            pairs_before[index] = pair_nodes.len() as u32;
            let mut bits = word;
            while bits != 0 {
                let pair = index * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let [first, second] = [(pair / 256) as u8, (pair % 256) as u8].map(|byte| {
                    if ascii_case_insensitive {
                        byte.to_ascii_lowercase()
                    } else {
                        byte
                    }
                });
                let node = trie
                    .child(ROOT, first)
                    .and_then(|node| trie.child(node, second));
                pair_nodes.push(node.unwrap_or(NO_NODE));
            }
        }
        AnchoredSet {
            leading_pairs,
            pairs_before,
            pair_nodes,
            one_byte_patterns,
            trie,
            ascii_case_insensitive,
        }
    }

    /// Call `found(pattern, end)` for every pattern that `text[start..]`
    /// begins with, shortest first.
    #[inline]
    pub(crate) fn matches_at(&self, text: &[u8], start: usize, mut found: impl FnMut(u32, usize)) {
        let Some(&first) = text.get(start) else {
            return;
        };
        let second = text.get(start + 1).copied().unwrap_or(PAST_END);
        let bit = usize::from(first) * 256 + usize::from(second);
        let word = self.leading_pairs[bit / 64];
        let mask = 1 << (bit % 64);
        if word & mask == 0 {
            return;
        }
        if let Some(table) = &self.one_byte_patterns {
            let pattern = table[usize::from(first)];
            if pattern != NO_PATTERN {
                found(pattern, start + 1);
            }
        }
        if start + 1 >= text.len() {
            return;
        }
        let rank = self.pairs_before[bit / 64] + (word & (mask - 1)).count_ones();
        let Some(&node) = self.pair_nodes.get(rank as usize) else {
            return;
        };
        if node != NO_NODE {
            self.walk(text, node, start + 2, found);
        }
    }

    /// The longest pattern that `text[start..]` begins with, and its end.
    pub(crate) fn longest_at(&self, text: &[u8], start: usize) -> Option<(u32, usize)> {
        let mut longest = None;
        self.matches_at(text, start, |pattern, end| longest = Some((pattern, end)));
        longest
    }

    /// Report the pattern ending at `node` (reached at `at`) and those
    /// further down the trie along the text.
    // Kept out of line: most starts end at the bitmap, and the scan's loop
    // stays small without the walk in it.
    #[inline(never)]
    fn walk(&self, text: &[u8], node: u32, at: usize, mut found: impl FnMut(u32, usize)) {
        let Some(mut record) = self.trie.nodes.get(node as usize) else {
            return;
        };
        let mut end = at;
        loop {
            if record.pattern != NO_PATTERN {
                found(record.pattern, end);
            }
            let Some(&byte) = text.get(end) else {
                return;
            };
            let byte = if self.ascii_case_insensitive {
                byte.to_ascii_lowercase()
            } else {
                byte
            };
            let Some(next) = self.trie.child_of(record, byte) else {
                return;
            };
            record = next;
            end += 1;
        }
    }
}

/// The pairs of bytes that begin a pattern of any of several sets: one test
/// turns away a start that none of them could match at.
#[derive(Debug)]
pub(crate) struct LeadingPairs(Box<[u64; PAIR_WORDS]>);

impl LeadingPairs {
    pub(crate) fn of<'a>(sets: impl IntoIterator<Item = &'a AnchoredSet>) -> LeadingPairs {
        let mut union = Box::new([0u64; PAIR_WORDS]);
        for set in sets {
            for (into, from) in union.iter_mut().zip(set.leading_pairs.iter()) {
                *into |= from;
            }
        }
        LeadingPairs(union)
    }

    /// Whether some pattern of the sets may begin at `start`.
    #[inline]
    pub(crate) fn may_begin(&self, text: &[u8], start: usize) -> bool {
        let Some(&first) = text.get(start) else {
            return false;
        };
        let second = text.get(start + 1).copied().unwrap_or(PAST_END);
        let bit = usize::from(first) * 256 + usize::from(second);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

const ROOT: u32 = 0;
const NO_NODE: u32 = u32::MAX;
const NO_PATTERN: u32 = u32::MAX;

/// A byte trie in flat arrays: a node's edges are a run of `edge_bytes`
/// (sorted) and of `edge_targets`.
#[derive(Debug)]
struct Trie {
    nodes: Vec<Node>,
    edge_bytes: Vec<u8>,
    edge_targets: Vec<u32>,
}

#[derive(Clone, Copy, Debug)]
struct Node {
    first_edge: u32,
    edges: u32,
    /// The pattern that ends here, or [`NO_PATTERN`].
    pattern: u32,
}

impl Trie {
    /// Built breadth first from the sorted patterns, so that each node's
    /// children are made (and their edges written) together.
    fn new(mut patterns: Vec<(&[u8], u32)>) -> Trie {
        patterns.sort_unstable();
        let empty = Node {
            first_edge: 0,
            edges: 0,
            pattern: NO_PATTERN,
        };
        let mut trie = Trie {
            nodes: vec![empty],
            edge_bytes: Vec::new(),
            edge_targets: Vec::new(),
        };
        // (node, the patterns that share its prefix, the prefix's length)
        let mut pending = VecDeque::from([(ROOT, 0..patterns.len(), 0)]);
        while let Some((node, mut sharing, depth)) = pending.pop_front() {
            // The pattern that is the prefix itself sorts first.
            while let Some(&(pattern, number)) = patterns.get(sharing.start) {
                if pattern.len() > depth || sharing.is_empty() {
                    break;
                }
                trie.nodes[node as usize].pattern = number;
                sharing.start += 1;
            }
            let first_edge = trie.edge_bytes.len() as u32;
            while !sharing.is_empty() {
                let byte = patterns[sharing.start].0[depth];
                let end = patterns[sharing.clone()]
                    .iter()
                    .position(|(pattern, _)| pattern[depth] != byte)
                    .map_or(sharing.end, |offset| sharing.start + offset);
                let child = trie.nodes.len() as u32;
                trie.nodes.push(empty);
                trie.edge_bytes.push(byte);
                trie.edge_targets.push(child);
                pending.push_back((child, sharing.start..end, depth + 1));
                sharing.start = end;
            }
            let edges = trie.edge_bytes.len() as u32 - first_edge;
            trie.nodes[node as usize].first_edge = first_edge;
            trie.nodes[node as usize].edges = edges;
        }
        trie
    }

    fn child(&self, node: u32, byte: u8) -> Option<u32> {
        let node = self.nodes.get(node as usize)?;
        let (index, _) = self.edge(node, byte)?;
        Some(index)
    }

    /// The child of `node` along `byte`, and its record.
    #[inline]
    fn child_of(&self, node: &Node, byte: u8) -> Option<&Node> {
        let (_, child) = self.edge(node, byte)?;
        Some(child)
    }

    #[inline]
    fn edge(&self, node: &Node, byte: u8) -> Option<(u32, &Node)> {
        let first = node.first_edge as usize;
        let bytes = self.edge_bytes.get(first..first + node.edges as usize)?;
        let index = match bytes {
            // Deep in the trie most nodes have one child.
            [only] if *only == byte => 0,
            [_] => return None,
            _ if bytes.len() <= 8 => bytes.iter().position(|&b| b == byte)?,
            _ => bytes.binary_search(&byte).ok()?,
        };
        let target = *self.edge_targets.get(first + index)?;
        Some((target, self.nodes.get(target as usize)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends(set: &AnchoredSet, text: &str, start: usize) -> Vec<(u32, usize)> {
        let mut found = Vec::new();
        set.matches_at(text.as_bytes(), start, |pattern, end| {
            found.push((pattern, end))
        });
        found
    }

    #[test]
    fn every_pattern_beginning_at_the_start_shortest_first() {
        let set = AnchoredSet::new([(0, "Korea"), (1, "Korean"), (2, "K"), (3, "Kenya")], false);
        assert_eq!(ends(&set, "Koreans", 0), [(2, 1), (0, 5), (1, 6)]);
        assert_eq!(ends(&set, "a Kenyan", 2), [(2, 3), (3, 7)]);
        assert_eq!(ends(&set, "korea", 0), []);
        assert_eq!(ends(&set, "K", 0), [(2, 1)]);
        assert_eq!(ends(&set, "K", 1), []);
        assert_eq!(set.longest_at(b"Koreans", 0), Some((1, 6)));
        assert_eq!(set.longest_at(b"Kinshasa", 1), None);
    }

    #[test]
    fn a_folded_set_matches_any_ascii_case() {
        let set = AnchoredSet::new([(0, "utilize"), (1, "x")], true);
        assert_eq!(ends(&set, "UTILIZE", 0), [(0, 7)]);
        assert_eq!(ends(&set, "uTiLiZe", 0), [(0, 7)]);
        assert_eq!(ends(&set, "X", 0), [(1, 1)]);
    }

    #[test]
    fn an_empty_set_matches_nothing() {
        let set = AnchoredSet::new(std::iter::empty(), false);
        assert_eq!(ends(&set, "anything", 0), []);
    }
}
