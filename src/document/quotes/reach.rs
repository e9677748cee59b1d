//! Which quotation is around a span, answered in logarithmic time.

use std::ops::Range;

use super::Quotation;

/// How many quotations share one leaf of [`ReachIndex`]: a short scan within a
/// block keeps the index at a fraction of the quotations' own size.
const REACH_BLOCK: usize = 16;

/// The furthest end among blocks of quotations (sorted by start), as a
/// binary tree of maxima: the last quotation before a position that ends at
/// or after a point is found in logarithmic time.
#[derive(Clone, Debug, Default)]
pub(super) struct ReachIndex {
    /// How many quotations were indexed.
    indexed: usize,
    /// The first quotation's span, to tell a replaced list from the indexed one.
    first: Option<Range<usize>>,
    /// Leaves of the tree (a power of two, at least the number of blocks).
    leaves: usize,
    /// `max_end[1]` is the root; node `n` has children `2n` and `2n + 1`;
    /// leaf `b` (block `b`) is at `leaves + b`.
    max_end: Vec<usize>,
}

impl ReachIndex {
    pub(super) fn build(quotations: &[Quotation]) -> ReachIndex {
        let blocks = quotations.len().div_ceil(REACH_BLOCK);
        let leaves = blocks.next_power_of_two();
        let mut max_end = vec![0; 2 * leaves];
        for (block, chunk) in quotations.chunks(REACH_BLOCK).enumerate() {
            max_end[leaves + block] = chunk.iter().map(|q| q.span.end).max().unwrap_or(0);
        }
        for node in (1..leaves).rev() {
            max_end[node] = max_end[2 * node].max(max_end[2 * node + 1]);
        }
        ReachIndex {
            indexed: quotations.len(),
            first: quotations.first().map(|q| q.span.clone()),
            leaves,
            max_end,
        }
    }

    pub(super) fn indexes(&self, quotations: &[Quotation]) -> bool {
        self.indexed == quotations.len() && self.first == quotations.first().map(|q| q.span.clone())
    }

    /// The last of `quotations[..before]` whose span ends at or after `reach`.
    pub(super) fn last_reaching(
        &self,
        quotations: &[Quotation],
        before: usize,
        reach: usize,
    ) -> Option<usize> {
        let before = before.min(quotations.len());
        let reaches = |i: &usize| quotations[*i].span.end >= reach;
        let partial = before / REACH_BLOCK;
        if let Some(found) = (partial * REACH_BLOCK..before).rev().find(reaches) {
            return Some(found);
        }
        let block = self.last_block(1, 0..self.leaves, partial, reach)?;
        let end = ((block + 1) * REACH_BLOCK).min(quotations.len());
        (block * REACH_BLOCK..end).rev().find(reaches)
    }

    /// The last block under `node` (covering blocks `covers`) before block
    /// `limit` whose furthest end reaches `reach`. Whole subtrees that fall short
    /// are skipped, and only the path along `limit` is partly inside, so the
    /// search visits O(log n) nodes.
    fn last_block(
        &self,
        node: usize,
        covers: Range<usize>,
        limit: usize,
        reach: usize,
    ) -> Option<usize> {
        if covers.start >= limit || self.max_end.get(node).is_none_or(|&end| end < reach) {
            return None;
        }
        if covers.len() == 1 {
            return Some(covers.start);
        }
        let middle = covers.start + covers.len() / 2;
        self.last_block(2 * node + 1, middle..covers.end, limit, reach)
            .or_else(|| self.last_block(2 * node, covers.start..middle, limit, reach))
    }
}
