//! A rule set's regular expression: Rust's `regex` syntax, and, only where a
//! pattern needs them, look-around and back-references (through
//! `fancy-regex`, which hands every part without them to `regex`).
//! Patterns are matched one block of prose at a time (blocks end at blank
//! lines), so that no match runs from one paragraph into the next.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex_automata::meta;

use super::{KindBuilder, Located};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::terms::literals::required_literals_of;

mod anchored;
mod inner;
mod look_around;
mod start_bytes;
mod word_runs;
use anchored::candidates_confirmed;
use inner::inner_literals;
use look_around::without_look_around;
use start_bytes::StartBytes;
use word_runs::WordRuns;

/// How far a pattern with look-around may backtrack on one block before it
/// gives up on that block (a pathological pattern must not stall a run).
const BACKTRACK_LIMIT: usize = 100_000;

/// A compiled pattern, with what any of its matches must begin with.
pub struct Pattern {
    engine: Engine,
    /// Tells this pattern apart from every other compiled in the process,
    /// for the run's [`crate::terms::PatternFilter`].
    id: usize,
    /// Literals (ASCII lower case) the run's scan finds for this pattern;
    /// `None` when the expression has no such set.
    literals: Option<Vec<Vec<u8>>>,
    /// Where a match lies from the places the scan finds its literals.
    reach: Reach,
    /// The pattern as whole ASCII words of a class (Vale's acronyms), found
    /// without the engine; `None` when it has another shape.
    word_runs: Option<WordRuns>,
    /// For a plain pattern found neither by the run's scan nor as word
    /// runs, the few bytes its matches open with, looked for instead of
    /// scanning with the engine; `None` when they are too common in prose.
    start_bytes: Option<StartBytes>,
}

/// Where a match lies from where the run's scan found one of the pattern's
/// literals.
enum Reach {
    /// It begins there.
    Begins,
    /// It begins this many bytes before (as many as the range holds).
    Within(Range<usize>),
    /// Somewhere before, in the same block, and what follows the literal
    /// in the pattern matches from there (when it compiles: a block where
    /// it does not is passed over).
    InBlock(Option<meta::Regex>),
}

/// The literals the run's scan can find a pattern by, and where its
/// matches lie from them: those each match begins with, or else those each
/// match holds further in.
fn scanned_literals(source: &str, ignore_case: bool) -> Option<(Vec<Vec<u8>>, Reach)> {
    // Parsed once, case-sensitively, for both kinds of literals.
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .ok()?;
    if let Some(literals) = required_literals_of(&hir, ignore_case) {
        return Some((literals, Reach::Begins));
    }
    let inner = inner_literals(&hir, ignore_case)?;
    let reach = match inner.before {
        Some(before) => Reach::Within(before),
        // Cases are in the pattern already.
        None => Reach::InBlock(plain_regex(&inner.after, false, true)),
    };
    Some((inner.literals, reach))
}

/// How a pattern is matched.
enum Engine {
    /// What `regex` runs alone, in linear time.
    Plain(meta::Regex),
    /// A pattern with look-around or back-references, and, when it has no
    /// back-references, the same pattern without its look-around: a
    /// linear-time filter that every match of the pattern also matches, so
    /// that the backtracking engine runs only where it does.
    Fancy(Box<fancy_regex::Regex>, Option<meta::Regex>),
}

/// One match: where, and where each group matched (group 0 is the match).
pub struct Found {
    /// The match.
    pub span: Range<usize>,
    /// Each group's span, group 0 (the whole match) first.
    pub groups: Vec<Option<Range<usize>>>,
}

/// Whether a pattern found by `scanned` literals is only ever tried
/// anchored (where its prefilter has nothing to do).
fn tried_at_starts(scanned: &Option<(Vec<Vec<u8>>, Reach)>) -> bool {
    scanned
        .as_ref()
        .is_some_and(|(_, reach)| !matches!(reach, Reach::InBlock(_)))
}

/// `source` compiled as the `regex` crate compiles it (the same engine and
/// limits), kept as the engine itself, which can search anchored.
/// A pattern found through the run's scan for its literals (`anchored`)
/// is searched anchored at them, where a prefilter has nothing to do:
/// building none saves most of its compile time.
fn plain_regex(source: &str, ignore_case: bool, anchored: bool) -> Option<meta::Regex> {
    let config = meta::Config::new()
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .auto_prefilter(!anchored);
    meta::Builder::new()
        .configure(config)
        .syntax(
            regex_automata::util::syntax::Config::new()
                .case_insensitive(ignore_case)
                .utf8(true),
        )
        .build(source)
        .ok()
}

impl Pattern {
    /// Compiles `source`; look-around and back-references are accepted too.
    pub fn new(source: &str, ignore_case: bool) -> Result<Pattern, String> {
        static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
        let scanned = scanned_literals(source, ignore_case);
        let plain = plain_regex(source, ignore_case, tried_at_starts(&scanned));
        let (engine, scanned) = match plain {
            Some(regex) => (Engine::Plain(regex), scanned),
            None => match fancy_regex::RegexBuilder::new(source)
                .case_insensitive(ignore_case)
                .backtrack_limit(BACKTRACK_LIMIT)
                .build()
            {
                Ok(fancy) => {
                    let plain = without_look_around(source);
                    // The filter matches from every start the pattern
                    // does, so what its matches begin with, the pattern's
                    // do too.
                    let scanned = plain
                        .as_deref()
                        .and_then(|plain| scanned_literals(plain, ignore_case));
                    let filter = plain.as_deref().and_then(|plain| {
                        plain_regex(plain, ignore_case, tried_at_starts(&scanned))
                    });
                    let scanned = filter.as_ref().and(scanned);
                    (Engine::Fancy(Box::new(fancy), filter), scanned)
                }
                // `regex`'s error is the one that explains the syntax.
                Err(_) => {
                    return Err(regex::RegexBuilder::new(source)
                        .case_insensitive(ignore_case)
                        .build()
                        .err()
                        .map_or_else(|| "invalid pattern".to_string(), |e| e.to_string()))
                }
            },
        };
        let (mut literals, mut reach) = match scanned {
            Some((literals, reach)) => (Some(literals), reach),
            None => (None, Reach::Begins),
        };
        let word_runs = match engine {
            Engine::Plain(_) => WordRuns::of(source, ignore_case),
            Engine::Fancy(..) => None,
        };
        // Where the engine would scan the whole prose itself, and where the
        // run's scan would find the pattern only by a byte held further in
        // that every sentence holds (a space, a full stop, a comma, a
        // hyphen: Google's DateFormat, `\d{1,2}[./]\d{1,2}`), each tried
        // from a few places before it. A slash is rare enough in prose to
        // be found by (Microsoft's DateOrder, `\d{1,2}/\d{1,2}/`).
        let by_a_byte_within = !matches!(reach, Reach::Begins)
            && literals.as_ref().is_some_and(|found| {
                found
                    .iter()
                    .any(|literal| matches!(literal[..], [b' ' | b'.' | b',' | b'-']))
            });
        let start_bytes = match &engine {
            Engine::Plain(regex)
                if (literals.is_none() || by_a_byte_within) && word_runs.is_none() =>
            {
                StartBytes::of(source, ignore_case, regex)
            }
            _ => None,
        };
        if start_bytes.is_some() {
            literals = None;
            reach = Reach::Begins;
        }
        Ok(Pattern {
            engine,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            literals,
            reach,
            word_runs,
            start_bytes,
        })
    }

    /// Whether the pattern needs look-around or back-references.
    pub fn is_fancy(&self) -> bool {
        matches!(self.engine, Engine::Fancy(..))
    }

    /// The pattern's number, unique in the process, and the literals the
    /// run's scan is to find it by: those each of its matches begins with,
    /// or holds (when it has such a set).
    pub fn required_literals(&self) -> (usize, Option<&[Vec<u8>]>) {
        (self.id, self.literals.as_deref())
    }

    /// The number of groups, the whole match included.
    pub fn groups_len(&self) -> usize {
        match &self.engine {
            Engine::Plain(regex) => regex.captures_len(),
            Engine::Fancy(fancy, _) => fancy.captures_len(),
        }
    }

    /// Every match in the prose of `doc`, block by block, as offsets of the
    /// file. A block starts on its first line, so that `^` (with `(?m)`)
    /// matches there and a pattern such as `(?:^|\s)I\s` finds "I " at the
    /// start of a paragraph, not the line break before it.
    pub fn find_in(&self, doc: &Document) -> Vec<Found> {
        if let Some(runs) = &self.word_runs {
            // A run of word bytes lies inside one line, so inside a block.
            return runs
                .find(&doc.prose)
                .into_iter()
                .map(|span| Found {
                    groups: runs.groups(&span),
                    span,
                })
                .collect();
        }
        if let Some(found) = self.at_hits(doc, true, &|_| true) {
            return found;
        }
        let blocks = prose_blocks(doc);
        let Engine::Plain(regex) = &self.engine else {
            let mut found = Vec::new();
            for block in blocks.iter().cloned() {
                self.find_in_block(&doc.prose, block, &mut found);
            }
            return found;
        };
        let whole = self
            .plain_captures(regex, &doc.prose)
            .into_iter()
            .filter_map(|groups| {
                let span = groups.first().cloned().flatten()?;
                Some(Found { span, groups })
            });
        let mut found = within_blocks(
            &blocks,
            whole,
            |found| &found.span,
            |block, out| self.find_in_block(&doc.prose, block, out),
        );
        found.retain(|f| !f.span.is_empty());
        found
    }

    /// The spans of [`find_in`](Self::find_in) alone: without groups, the
    /// linear-time engine never has to locate them.
    pub fn spans_in(&self, doc: &Document) -> Vec<Range<usize>> {
        if let Some(runs) = &self.word_runs {
            return runs.find(&doc.prose);
        }
        if let Some(found) = self.at_hits(doc, false, &|_| true) {
            return found.into_iter().map(|found| found.span).collect();
        }
        let Engine::Plain(regex) = &self.engine else {
            return self
                .find_in(doc)
                .into_iter()
                .map(|found| found.span)
                .collect();
        };
        let blocks = prose_blocks(doc);
        let whole = self.plain_spans(regex, &doc.prose);
        let mut spans = within_blocks(
            &blocks,
            whole.into_iter(),
            |span| span,
            |block, out| {
                let text = &doc.prose[block.clone()];
                out.extend(
                    self.plain_spans(regex, text)
                        .into_iter()
                        .map(|m| block.start + m.start..block.start + m.end),
                );
            },
        );
        spans.retain(|span| !span.is_empty());
        spans
    }

    /// What [`spans_in`](Self::spans_in) finds in the blocks that share
    /// text with a heading, the only ones where a match can lie in one: a
    /// rule limited to headings need not scan the body.
    pub fn spans_in_headings(&self, doc: &Document) -> Vec<Range<usize>> {
        if doc.headings.is_empty() {
            return Vec::new();
        }
        let holds_heading = |block: &Range<usize>| {
            let first = doc.headings.partition_point(|h| h.end <= block.start);
            doc.headings.get(first).is_some_and(|h| h.start < block.end)
        };
        if let Some(found) = self.at_hits(doc, false, &holds_heading) {
            return found.into_iter().map(|found| found.span).collect();
        }
        let mut spans = Vec::new();
        for block in prose_blocks(doc).iter() {
            if !holds_heading(block) {
                continue;
            }
            if let Some(runs) = &self.word_runs {
                let found = runs.find(&doc.prose[block.clone()]);
                spans.extend(
                    found
                        .into_iter()
                        .map(|span| block.start + span.start..block.start + span.end),
                );
                continue;
            }
            match &self.engine {
                Engine::Plain(regex) => {
                    let text = &doc.prose[block.clone()];
                    spans.extend(
                        self.plain_spans(regex, text)
                            .into_iter()
                            .map(|m| block.start + m.start..block.start + m.end),
                    );
                }
                Engine::Fancy(..) => {
                    let mut found = Vec::new();
                    self.find_in_block(&doc.prose, block.clone(), &mut found);
                    spans.extend(found.into_iter().map(|found| found.span));
                }
            }
        }
        spans.retain(|span| !span.is_empty());
        spans
    }

    /// The spans of `regex.find_iter(text)`, found through the bytes its
    /// matches open with where the pattern has such a set.
    fn plain_spans(&self, regex: &meta::Regex, text: &str) -> Vec<Range<usize>> {
        match &self.start_bytes {
            Some(start_bytes) => start_bytes.spans(text),
            None => regex.find_iter(text).map(|m| m.range()).collect(),
        }
    }

    /// The groups' spans of each match of `regex.captures_iter(text)`,
    /// group 0 (the whole match) first, found as
    /// [`plain_spans`](Self::plain_spans) finds the matches.
    fn plain_captures(&self, regex: &meta::Regex, text: &str) -> Vec<Vec<Option<Range<usize>>>> {
        match &self.start_bytes {
            Some(start_bytes) => start_bytes.captures(text),
            None => regex
                .captures_iter(text)
                .map(|captures| captures.iter().map(|m| m.map(|m| m.range())).collect())
                .collect(),
        }
    }

    fn find_in_block(&self, prose: &str, block: Range<usize>, out: &mut Vec<Found>) {
        let text = &prose[block.clone()];
        let offset = |r: Range<usize>| block.start + r.start..block.start + r.end;
        match &self.engine {
            Engine::Plain(regex) => {
                for groups in self.plain_captures(regex, text) {
                    let groups = groups.into_iter().map(|m| m.map(offset)).collect();
                    push(prose, groups, out);
                }
            }
            Engine::Fancy(fancy, Some(filter)) => {
                for captures in candidates_confirmed(fancy, filter, text) {
                    let groups: Vec<Option<Range<usize>>> = (0..captures.len())
                        .map(|i| captures.get(i).map(|m| offset(m.range())))
                        .collect();
                    push(prose, groups, out);
                }
            }
            Engine::Fancy(fancy, None) => {
                // A block where backtracking runs out is passed over.
                for captures in fancy.captures_iter(text).map_while(Result::ok) {
                    let groups: Vec<Option<Range<usize>>> = (0..captures.len())
                        .map(|i| captures.get(i).map(|m| offset(m.range())))
                        .collect();
                    push(prose, groups, out);
                }
            }
        }
    }
}

fn push(prose: &str, groups: Vec<Option<Range<usize>>>, out: &mut Vec<Found>) {
    let Some(Some(whole)) = groups.first().cloned() else {
        return;
    };
    if whole.is_empty() || prose.get(whole.clone()).is_none() {
        return;
    }
    out.push(Found {
        span: whole,
        groups,
    });
}

/// The matches of one scan of the whole prose, as if each block had been
/// scanned alone: a match inside one block is kept; a block that a match
/// runs into from outside (or out of) is scanned again alone by `rescan`.
/// Scanning once costs a call per pattern rather than one per paragraph;
/// the result is the same, because a scan enters a block no match runs
/// into at its first character, after a line break, as a scan of the block
/// alone starts (`^` and `\b` read the same there).
fn within_blocks<T>(
    blocks: &[Range<usize>],
    matches: impl Iterator<Item = T>,
    span_of: impl Fn(&T) -> &Range<usize>,
    mut rescan: impl FnMut(Range<usize>, &mut Vec<T>),
) -> Vec<T> {
    let block_at = |offset: usize| {
        let index = blocks.partition_point(|b| b.end <= offset);
        blocks
            .get(index)
            .filter(|b| b.start <= offset)
            .map(|_| index)
    };
    let mut kept = Vec::new();
    let mut dirty: Vec<usize> = Vec::new();
    for found in matches {
        let span = span_of(&found).clone();
        match block_at(span.start) {
            Some(index) if span.end <= blocks[index].end => kept.push((index, found)),
            _ => {
                let first = blocks.partition_point(|b| b.end <= span.start);
                let past = blocks.partition_point(|b| b.start < span.end.max(span.start + 1));
                dirty.extend(first..past);
            }
        }
    }
    if dirty.is_empty() {
        return kept.into_iter().map(|(_, found)| found).collect();
    }
    dirty.sort_unstable();
    dirty.dedup();
    let mut out: Vec<(usize, T)> = kept
        .into_iter()
        .filter(|(index, _)| dirty.binary_search(index).is_err())
        .collect();
    for index in dirty {
        let mut again = Vec::new();
        rescan(blocks[index].clone(), &mut again);
        out.extend(again.into_iter().map(|found| (index, found)));
    }
    out.sort_by_key(|(index, found)| (*index, span_of(found).start));
    out.into_iter().map(|(_, found)| found).collect()
}

/// The blocks of a document's prose, found once for every pattern of every rule.
struct ProseBlocks(Vec<Range<usize>>);

fn prose_blocks(doc: &Document) -> std::sync::Arc<ProseBlocks> {
    doc.analysis(|doc| ProseBlocks(blocks(&doc.prose)))
}

impl std::ops::Deref for ProseBlocks {
    type Target = [Range<usize>];
    fn deref(&self) -> &[Range<usize>] {
        &self.0
    }
}

/// The stretches of `prose` between blank lines.
fn blocks(prose: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut blank_run = false;
    // Line breaks found a word at a time rather than a byte at a time.
    for at in memchr::memchr_iter(b'\n', prose.as_bytes()) {
        let line = &prose[line_start..at];
        let blank = line.trim().is_empty();
        if blank && !blank_run {
            if line_start > start {
                blocks.push(start..line_start);
            }
            blank_run = true;
        } else if !blank && blank_run {
            start = line_start;
            blank_run = false;
        }
        if blank {
            start = at + 1;
        }
        line_start = at + 1;
    }
    if start < prose.len() && !prose[start..].trim().is_empty() {
        blocks.push(start..prose.len());
    }
    blocks
}

/// The number of groups of `source` (the whole match included) when `regex`
/// reads it alone (no look-around, no back-references), found by parsing
/// it, without compiling it.
pub fn plain_groups_len(source: &str, ignore_case: bool) -> Option<usize> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(ignore_case)
        .build()
        .parse(source)
        .ok()?;
    Some(hir.properties().explicit_captures_len() + 1)
}

/// Compiles a rule's pattern, reporting one that will not compile at its span.
pub fn compile(
    b: &KindBuilder<'_, '_, '_>,
    pattern: &Located<String>,
    ignore_case: bool,
) -> Option<Pattern> {
    match Pattern::new(&pattern.value, ignore_case) {
        Ok(compiled) => Some(compiled),
        Err(error) => {
            b.table.problems().push(
                Diagnostic::new(
                    "config.regex",
                    Severity::Error,
                    pattern.span.clone(),
                    format!("invalid regular expression in rule `{}`", b.meta.id),
                )
                .with_note(error),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests;
