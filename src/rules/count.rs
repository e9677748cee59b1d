//! `count`: at most (or at least) so many words in a sentence or in the
//! lede, sentences in a paragraph, or marks in an article.

use std::ops::Range;

use regex::Regex;

use super::{words::words, Check, CheckContext, Finding, Kind, KindBuilder};
use crate::document::Document;

mod word_tokens;
use word_tokens::{nth_token, word_tokens_in, WordStarts, WORD_TOKENS};

/// The `count` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "count",
    keys: &["per", "count", "pattern", "max", "min", "ignore-case"],
    summary: "at most or at least so many words, sentences or matches per sentence, paragraph, lede or article",
    build,
};

/// The stretch of text a count is taken over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Per {
    Sentence,
    Paragraph,
    Lede,
    Document,
}

const PER: &[(&str, Per)] = &[
    ("sentence", Per::Sentence),
    ("paragraph", Per::Paragraph),
    ("lede", Per::Lede),
    ("document", Per::Document),
];

/// What is counted.
enum Counted {
    Words,
    Sentences,
    Pattern(Regex),
}

struct Count {
    per: Per,
    counted: Counted,
    max: Option<Maximum>,
    min: Option<usize>,
}

/// A rule's maximum, with the label of the item past it ("31st match
/// here") and the maximum as text, written once: a long sentence is a
/// common finding, and formatting them for each cost more than copying
/// them.
struct Maximum {
    value: usize,
    past_label: String,
    text: String,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let per = b.table.string("per");
    let count = b.table.string("count");
    let pattern = b.table.string("pattern");
    let ignore_case = b.table.bool("ignore-case").unwrap_or(false);
    let max = bound(b, "max");
    let min = bound(b, "min");
    let per = b.require(per, "per")?;
    let Some(per_value) = PER.iter().find(|(name, _)| *name == per.value).map(|p| p.1) else {
        let names: Vec<&str> = PER.iter().map(|(name, _)| *name).collect();
        b.error(
            per.span,
            format!(
                "`per` must be one of {}, not `{}`",
                names.join(", "),
                per.value
            ),
        );
        return None;
    };
    let counted = match (count, pattern) {
        (Some(count), None) => match count.value.as_str() {
            "words" => Counted::Words,
            "sentences" if per_value != Per::Sentence => Counted::Sentences,
            "sentences" => {
                b.error(
                    count.span,
                    "a sentence has one sentence: count `words` or a `pattern`",
                );
                return None;
            }
            other => {
                b.error(
                    count.span,
                    format!("`count` must be `words` or `sentences`, not `{other}`"),
                );
                return None;
            }
        },
        (None, Some(pattern)) => Counted::Pattern(b.regex(&pattern, ignore_case)?),
        (Some(_), Some(pattern)) => {
            b.error(pattern.span, "give `count` or `pattern`, not both");
            return None;
        }
        (None, None) => {
            b.error(
                b.table.span(),
                format!("rule `{}` needs `count` or `pattern`", b.meta.id),
            );
            return None;
        }
    };
    let (max, min) = either_bound(b, max?, min?)?;
    let mut count = Count {
        per: per_value,
        counted,
        max: None,
        min,
    };
    count.max = max.map(|max| count.maximum(max));
    Some(Box::new(count))
}

/// A bound that is absent (`Some(None)`), a number (`Some(Some(n))`), or
/// wrong (`None`, reported).
/// `max` and `min` as read, or an error when the rule sets neither, since
/// it would then hold nothing to a threshold.
pub(super) fn either_bound<T>(
    b: &mut KindBuilder<'_, '_, '_>,
    max: Option<T>,
    min: Option<T>,
) -> Option<(Option<T>, Option<T>)> {
    if max.is_none() && min.is_none() {
        b.error(
            b.table.span(),
            format!("rule `{}` needs `max` or `min`", b.meta.id),
        );
        return None;
    }
    Some((max, min))
}

fn bound(b: &mut KindBuilder<'_, '_, '_>, key: &str) -> Option<Option<usize>> {
    let Some(value) = b.table.integer(key) else {
        return if b.table.has(key) { None } else { Some(None) };
    };
    match usize::try_from(value.value) {
        Ok(n) => Some(Some(n)),
        Err(_) => {
            b.error(value.span, format!("`{key}` must be zero or more"));
            None
        }
    }
}

/// The first paragraph of the body: not a heading, and with some prose.
pub(super) fn lede(doc: &Document) -> Option<Range<usize>> {
    doc.paragraphs
        .iter()
        .find(|p| {
            !doc.in_heading(p)
                && doc
                    .prose
                    .get((*p).clone())
                    .is_some_and(|t| !t.trim().is_empty())
        })
        .cloned()
}

/// The stretches of `doc` a rule counts in, `per` each.
pub(super) fn units(doc: &Document, per: &str) -> Vec<Range<usize>> {
    match per {
        "sentence" => doc.sentences.clone(),
        "paragraph" => doc.paragraphs.clone(),
        "lede" => lede(doc).into_iter().collect(),
        _ => std::iter::once(0..doc.text.len()).collect(),
    }
}

fn per_name(per: Per) -> &'static str {
    PER.iter()
        .find(|(_, p)| *p == per)
        .map_or("document", |p| p.0)
}

/// Trims the blanks around `range` of the prose, so that a finding's span
/// starts and ends on text.
pub(super) fn trimmed(prose: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = prose.get(range.clone()) else {
        return range;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

impl Count {
    /// What is counted in `unit`; `found` is every match of the rule's
    /// pattern in the document, in order, when it counts a pattern (one scan
    /// of the prose, not one per sentence).
    fn items(
        &self,
        cx: &CheckContext<'_>,
        unit: &Range<usize>,
        found: &[Range<usize>],
    ) -> Vec<Range<usize>> {
        let doc = cx.doc;
        let all: Vec<Range<usize>> = match &self.counted {
            Counted::Words => words(&doc.prose, unit.clone()),
            Counted::Sentences => doc
                .sentences
                .iter()
                .filter(|s| unit.start <= s.start && s.end <= unit.end)
                .filter(|s| {
                    doc.prose
                        .get((*s).clone())
                        .is_some_and(|t| !t.trim().is_empty())
                })
                .cloned()
                .collect(),
            Counted::Pattern(_) => {
                let first = found.partition_point(|m| m.start < unit.start);
                let past = found.partition_point(|m| m.start < unit.end);
                let inside = found[first..past].iter().filter(|m| m.end <= unit.end);
                // A match inside a unit written as it stands is too (the
                // same bytes, within the same stretches of prose, and it
                // starts and ends where characters do), so a long sentence
                // need not be checked match by match.
                if doc.is_as_written(unit) {
                    inside.cloned().collect()
                } else {
                    inside.filter(|m| doc.is_as_written(m)).cloned().collect()
                }
            }
        };
        // Over a whole article, only what lies in the rule's scope counts;
        // a smaller unit is in scope or not as a whole.
        if self.per == Per::Document {
            all.into_iter().filter(|span| cx.in_scope(span)).collect()
        } else {
            all
        }
    }

    /// Whether `unit` holds too few of the pattern's matches for a rule
    /// with only a maximum to report it: every item counted is one of the
    /// matches that start in it, so when those are no more than the maximum
    /// the items are not either, and they need not be weighed one by one
    /// (most sentences are short of the longest allowed).
    fn cannot_exceed(&self, unit: &Range<usize>, found: &[Range<usize>]) -> bool {
        let (Counted::Pattern(_), Some(max), None) = (&self.counted, self.max.as_ref(), self.min)
        else {
            return false;
        };
        let first = found.partition_point(|m| m.start < unit.start);
        let past = found.partition_point(|m| m.start < unit.end);
        past - first <= max.value
    }

    /// The finding for a `unit` (not the whole article) with `n` items,
    /// more than `max`, the one past the maximum at `past`. A rule with a
    /// message of its own shows it in place of the kind's, which is then
    /// not written (a long sentence is a common finding).
    fn too_many(
        &self,
        cx: &CheckContext<'_>,
        unit: Range<usize>,
        n: usize,
        max: &Maximum,
        past: Range<usize>,
    ) -> Finding {
        let message = if cx.rule.message.is_some() {
            String::new()
        } else {
            let per = per_name(self.per);
            format!("{n} {} in this {per}; at most {}", self.what(), max.value)
        };
        Finding::new(unit, message)
            .label(past, max.past_label.clone())
            .var("count", n.to_string())
            .var("max", max.text.clone())
    }

    /// The maximum `max`, with the label of the item past it and its text.
    fn maximum(&self, max: usize) -> Maximum {
        let mut label = ordinal(max + 1);
        label.push(' ');
        label.push_str(singular(self.what()));
        label.push_str(" here");
        Maximum {
            value: max,
            past_label: label,
            text: max.to_string(),
        }
    }

    fn what(&self) -> &'static str {
        match self.counted {
            Counted::Words => "words",
            Counted::Sentences => "sentences",
            Counted::Pattern(_) => "matches",
        }
    }
}

impl Check for Count {
    fn check(&self, cx: &mut CheckContext<'_>) {
        let prose = &cx.doc.prose;
        let units: Vec<Range<usize>> = units(cx.doc, per_name(self.per))
            .into_iter()
            .map(|unit| trimmed(prose, unit))
            .filter(|unit| !unit.is_empty())
            .collect();
        // Vale's word token is found unit by unit, and only in the units
        // that may hold more than the maximum: no list of every word of
        // the article, and most sentences are passed over by a count of
        // where words may start.
        let word_token = match &self.counted {
            Counted::Pattern(pattern) if WORD_TOKENS.contains(&pattern.as_str()) => Some(pattern),
            _ => None,
        };
        let found: Vec<Range<usize>> = match &self.counted {
            _ if word_token.is_some() => Vec::new(),
            Counted::Pattern(pattern) => pattern
                .find_iter(prose)
                .map(|m| m.range())
                .filter(|span| !span.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        let only_max = match (&self.max, self.min) {
            (Some(max), None) if self.per != Per::Document => Some(max),
            _ => None,
        };
        // The word starts the term scan kept, read for each unit's count
        // of where words may start.
        let kept = (word_token.is_some() && only_max.is_some()).then(|| {
            let kept = cx
                .doc
                .analysis(|doc| crate::terms::WordStarts::of(&doc.prose));
            if kept.fit(prose) {
                kept
            } else {
                std::sync::Arc::new(crate::terms::WordStarts::of(prose))
            }
        });
        let mut in_unit = Vec::new();
        let mut findings = Vec::new();
        for unit in units {
            let found = match word_token {
                Some(token) => {
                    if let (Some(limit), Some(kept)) = (only_max, &kept) {
                        let max = limit.value;
                        let starts = WordStarts::in_unit(kept, &unit);
                        if starts.most() <= max {
                            continue;
                        }
                        // Past the maximum, a unit written as it stands
                        // counts every token, and only the one past the
                        // maximum is shown: the others need not be found.
                        if let Some(counted) = starts.exact(token, prose, &unit, kept) {
                            let n = counted.n;
                            if n <= max {
                                continue;
                            }
                            if cx.doc.is_as_written(&unit) {
                                let past = nth_token(token, prose, &unit, max, (&counted, kept));
                                findings.push(self.too_many(cx, unit, n, limit, past));
                                continue;
                            }
                        }
                    }
                    in_unit.clear();
                    in_unit.extend(word_tokens_in(token, prose, &unit));
                    &in_unit[..]
                }
                None => &found[..],
            };
            if self.cannot_exceed(&unit, found) {
                continue;
            }
            let items = self.items(cx, &unit, found);
            let n = items.len();
            let per = per_name(self.per);
            let span = if self.per == Per::Document {
                None
            } else {
                Some(unit.clone())
            };
            if let Some(max) = self.max.as_ref().filter(|max| n > max.value) {
                let past = items[max.value].clone();
                let finding = match span {
                    Some(span) => self.too_many(cx, span, n, max, past),
                    None => Finding::new(
                        past,
                        format!("{n} {} in this article; at most {}", self.what(), max.value),
                    )
                    .label(items[0].clone(), "the first")
                    .var("count", n.to_string())
                    .var("max", max.text.clone()),
                };
                findings.push(finding);
            } else if let Some(min) = self.min.filter(|&min| n < min) {
                let span = span
                    .unwrap_or_else(|| items.first().cloned().unwrap_or(unit.start..unit.start));
                let finding = Finding::new(
                    span,
                    format!("{n} {} in this {per}; at least {min}", self.what()),
                );
                findings.push(
                    finding
                        .var("count", n.to_string())
                        .var("min", min.to_string()),
                );
            }
        }
        for finding in findings {
            cx.report_finding(finding);
        }
    }
}

fn singular(what: &str) -> &str {
    what.strip_suffix("es")
        .filter(|_| what == "matches")
        .unwrap_or_else(|| what.trim_end_matches('s'))
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    let mut ordinal = n.to_string();
    ordinal.push_str(suffix);
    ordinal
}
