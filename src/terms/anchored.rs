//! Every pattern of a set that begins at one given place in a text.
//!
//! An overlapping automaton walks every byte of every document; most places
//! cannot begin a term at all (the middle of a word, or a word whose first
//! two bytes begin no term), so the scan asks this set only at the places
//! that could, and the set answers by walking a trie from there.

use std::collections::BTreeMap;

/// Patterns looked up from a chosen start: a bitmap of the pairs of bytes
/// they begin with, to turn most starts away with one load, and a trie.
#[derive(Debug)]
pub(super) struct AnchoredSet {
    /// Bit `first * 256 + second` is set when some pattern begins with the
    /// bytes `first, second`; a one-byte pattern sets every `second`.
    leading_pairs: Box<[u64; PAIR_WORDS]>,
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
    /// `patterns` are the set's patterns by number; folded ones must already
    /// be in ASCII lower case.
    pub(super) fn new<'a>(
        patterns: impl IntoIterator<Item = (u32, &'a str)>,
        ascii_case_insensitive: bool,
    ) -> AnchoredSet {
        let mut leading_pairs = Box::new([0u64; PAIR_WORDS]);
        let mut builder = TrieBuilder::default();
        for (number, pattern) in patterns {
            let bytes = pattern.as_bytes();
            let Some(&first) = bytes.first() else {
                continue;
            };
            builder.insert(bytes, number);
            let seconds: Vec<u8> = match bytes.get(1) {
                Some(&second) => vec![second],
                None => (0..=u8::MAX).collect(),
            };
            for first in case_variants(first, ascii_case_insensitive) {
                for &second in &seconds {
                    for second in case_variants(second, ascii_case_insensitive) {
                        let bit = usize::from(first) * 256 + usize::from(second);
                        leading_pairs[bit / 64] |= 1 << (bit % 64);
                    }
                }
            }
        }
        AnchoredSet {
            leading_pairs,
            trie: builder.finish(),
            ascii_case_insensitive,
        }
    }

    /// Call `found(pattern, end)` for every pattern that `text[start..]`
    /// begins with, shortest first.
    #[inline]
    pub(super) fn matches_at(&self, text: &[u8], start: usize, found: impl FnMut(u32, usize)) {
        let Some(&first) = text.get(start) else {
            return;
        };
        let second = text.get(start + 1).copied().unwrap_or(PAST_END);
        let bit = usize::from(first) * 256 + usize::from(second);
        if self.leading_pairs[bit / 64] & (1 << (bit % 64)) == 0 {
            return;
        }
        self.walk(text, start, found);
    }

    fn walk(&self, text: &[u8], start: usize, mut found: impl FnMut(u32, usize)) {
        let mut node = ROOT;
        for (end, &byte) in (start + 1..).zip(&text[start..]) {
            let byte = if self.ascii_case_insensitive {
                byte.to_ascii_lowercase()
            } else {
                byte
            };
            let Some(next) = self.trie.child(node, byte) else {
                return;
            };
            node = next;
            let pattern = self.trie.nodes[node as usize].pattern;
            if pattern != NO_PATTERN {
                found(pattern, end);
            }
        }
    }
}

fn case_variants(byte: u8, ascii_case_insensitive: bool) -> Vec<u8> {
    if ascii_case_insensitive && byte.is_ascii_alphabetic() {
        vec![byte.to_ascii_lowercase(), byte.to_ascii_uppercase()]
    } else {
        vec![byte]
    }
}

const ROOT: u32 = 0;
const NO_PATTERN: u32 = u32::MAX;

/// A byte trie in flat arrays: a node's edges are a run of `edge_bytes`
/// (sorted) and of `edge_targets`.
#[derive(Debug)]
struct Trie {
    /// The root's children by byte, so that the first step is one load.
    root_children: Box<[u32; 256]>,
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
    #[inline]
    fn child(&self, node: u32, byte: u8) -> Option<u32> {
        if node == ROOT {
            let child = self.root_children[usize::from(byte)];
            return (child != ROOT).then_some(child);
        }
        let node = self.nodes[node as usize];
        let first = node.first_edge as usize;
        let bytes = self.edge_bytes.get(first..first + node.edges as usize)?;
        let index = if bytes.len() <= 8 {
            bytes.iter().position(|&b| b == byte)?
        } else {
            bytes.binary_search(&byte).ok()?
        };
        self.edge_targets.get(first + index).copied()
    }
}

/// The trie while patterns are inserted: children in ordered maps.
#[derive(Default)]
struct TrieBuilder {
    children: Vec<BTreeMap<u8, u32>>,
    pattern_at: Vec<u32>,
}

impl TrieBuilder {
    fn node(&mut self) -> u32 {
        self.children.push(BTreeMap::new());
        self.pattern_at.push(NO_PATTERN);
        (self.children.len() - 1) as u32
    }

    fn insert(&mut self, pattern: &[u8], number: u32) {
        if self.children.is_empty() {
            self.node();
        }
        let mut node = ROOT;
        for &byte in pattern {
            node = match self.children[node as usize].get(&byte) {
                Some(&child) => child,
                None => {
                    let child = self.node();
                    self.children[node as usize].insert(byte, child);
                    child
                }
            };
        }
        // Patterns are distinct, so a node ends at most one.
        self.pattern_at[node as usize] = number;
    }

    fn finish(mut self) -> Trie {
        if self.children.is_empty() {
            self.node();
        }
        let mut root_children = Box::new([ROOT; 256]);
        for (&byte, &child) in &self.children[ROOT as usize] {
            root_children[usize::from(byte)] = child;
        }
        let mut nodes = Vec::with_capacity(self.children.len());
        let mut edge_bytes = Vec::new();
        let mut edge_targets = Vec::new();
        for (children, &pattern) in self.children.iter().zip(&self.pattern_at) {
            nodes.push(Node {
                first_edge: edge_bytes.len() as u32,
                edges: children.len() as u32,
                pattern,
            });
            for (&byte, &child) in children {
                edge_bytes.push(byte);
                edge_targets.push(child);
            }
        }
        Trie {
            root_children,
            nodes,
            edge_bytes,
            edge_targets,
        }
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
