//! Reading suppression comments: each `copydesk-` comment in a Markdown
//! document's HTML, its directive and the names it gives, each with its span,
//! and the stretch of text each name suppresses.

use std::ops::Range;

use crate::config::selects;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Format};

pub(super) const PREFIX: &str = "copydesk-";

/// What a suppression comment asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Directive {
    DisableNextLine,
    Disable,
    Enable,
}

impl Directive {
    pub(super) const ALL: [Directive; 3] = [
        Directive::DisableNextLine,
        Directive::Disable,
        Directive::Enable,
    ];

    pub(super) fn as_str(self) -> &'static str {
        match self {
            Directive::DisableNextLine => "copydesk-disable-next-line",
            Directive::Disable => "copydesk-disable",
            Directive::Enable => "copydesk-enable",
        }
    }
}

/// A word of a comment and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Word {
    pub(super) text: String,
    pub(super) span: Range<usize>,
}

/// One suppression comment as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Comment {
    pub(super) directive: Directive,
    /// From `<!--` to `-->`.
    pub(super) span: Range<usize>,
    /// Rule ids or families; empty means every rule.
    pub(super) rules: Vec<Word>,
}

impl Comment {
    fn names(&self, rule: &str) -> bool {
        self.rules.iter().any(|name| name.text == rule)
    }
}

/// The `copydesk-` comments of a document: the directives, in order, and
/// the words of those whose directive does not exist.
#[derive(Debug, Default)]
pub(super) struct Scan {
    pub(super) comments: Vec<Comment>,
    pub(super) unknown_directives: Vec<Word>,
}

/// Every suppression comment in a Markdown document.
pub(super) fn scan(doc: &Document) -> Scan {
    let text = doc.text.as_str();
    let mut found = Scan::default();
    // Most articles have no directive: skip looking through their HTML.
    if doc.format != Format::Markdown
        || memchr::memmem::find(text.as_bytes(), PREFIX.as_bytes()).is_none()
    {
        return found;
    }
    for region in doc.html.iter().cloned() {
        let mut cursor = region.start;
        while let Some(open) = text[cursor..region.end].find("<!--") {
            let body_start = cursor + open + 4;
            let Some(close) = text[body_start..region.end].find("-->") else {
                break;
            };
            let body_end = body_start + close;
            let span = cursor + open..body_end + 3;
            match parse_comment(text, body_start..body_end, span) {
                Some(Ok(comment)) => found.comments.push(comment),
                Some(Err(word)) => found.unknown_directives.push(word),
                None => {}
            }
            cursor = body_end + 3;
        }
    }
    found
}

/// The comment whose body is `text[body]`: `None` when it is no `copydesk-`
/// comment, the directive's word when that directive does not exist.
fn parse_comment(
    text: &str,
    body: Range<usize>,
    span: Range<usize>,
) -> Option<Result<Comment, Word>> {
    let first = words(text, body.clone(), char::is_whitespace).next()?;
    let word = &text[first.clone()];
    if !word.starts_with(PREFIX) {
        return None;
    }
    let Some(directive) = Directive::ALL.into_iter().find(|d| d.as_str() == word) else {
        return Some(Err(Word {
            text: word.to_string(),
            span: first,
        }));
    };
    let rules = words(text, first.end..body.end, |c| c.is_whitespace() || c == ',')
        .map(|range| Word {
            text: text[range.clone()].to_string(),
            span: range,
        })
        .collect();
    Some(Ok(Comment {
        directive,
        span,
        rules,
    }))
}

/// The stretches of `text[range]` between separators, as ranges of `text`.
fn words(
    text: &str,
    range: Range<usize>,
    is_separator: fn(char) -> bool,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let start = range.start;
    let mut pending: Option<usize> = None;
    text[range.clone()]
        .char_indices()
        .map(move |(at, c)| (start + at, c))
        .chain(std::iter::once((range.end, ' ')))
        .filter_map(move |(at, c)| {
            if is_separator(c) {
                pending.take().map(|from| from..at)
            } else {
                pending.get_or_insert(at);
                None
            }
        })
}

/// A stretch of text in which findings of some rules are not reported.
#[derive(Clone, Debug)]
pub(super) struct Suppression {
    /// Index into the comments.
    pub(super) comment: usize,
    /// `None`: every rule.
    pub(super) rule: Option<String>,
    /// Findings that start in here are suppressed.
    pub(super) region: Range<usize>,
    /// The comment that ends the region, for `disable`.
    pub(super) closed_by: Option<usize>,
}

impl Suppression {
    pub(super) fn covers(&self, d: &Diagnostic) -> bool {
        self.region.contains(&d.span.start)
            && self
                .rule
                .as_deref()
                .is_none_or(|rule| selects(rule, &d.rule))
    }
}

pub(super) fn suppressions(doc: &Document, comments: &[Comment]) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (index, comment) in comments.iter().enumerate() {
        let rules: Vec<Option<String>> = if comment.rules.is_empty() {
            vec![None]
        } else {
            comment
                .rules
                .iter()
                .map(|name| Some(name.text.clone()))
                .collect()
        };
        match comment.directive {
            Directive::Enable => {}
            Directive::DisableNextLine => {
                let next = doc.lines.line_of(comment.span.end) + 1;
                let region = if next < doc.lines.line_count() {
                    doc.lines.line_start(next)..doc.lines.line_range(&doc.text, next).end
                } else {
                    doc.text.len()..doc.text.len()
                };
                for rule in rules {
                    out.push(Suppression {
                        comment: index,
                        rule,
                        region: region.clone(),
                        closed_by: None,
                    });
                }
            }
            Directive::Disable => {
                for rule in rules {
                    // The first later `enable` that names this rule, or names none.
                    let closed_by = comments.iter().enumerate().skip(index + 1).find(|(_, c)| {
                        c.directive == Directive::Enable
                            && (c.rules.is_empty() || rule.as_ref().is_some_and(|r| c.names(r)))
                    });
                    let end = closed_by.map_or(doc.text.len(), |(_, c)| c.span.start);
                    out.push(Suppression {
                        comment: index,
                        rule,
                        region: comment.span.end..end,
                        closed_by: closed_by.map(|(i, _)| i),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocumentOptions;

    fn doc(text: &str) -> Document {
        Document::new("a.md", text.to_string(), &DocumentOptions::default())
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        let text = "Intro.\n\n<!-- copydesk-disable style.titles -->\n\n```\n<!-- copydesk-enable -->\n```\n\nText <!-- copydesk-disable-next-line style -->.\n";
        let found = scan(&doc(text)).comments;
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].directive, Directive::Disable);
        let names: Vec<&str> = found[0].rules.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(names, ["style.titles"]);
        assert_eq!(found[1].directive, Directive::DisableNextLine);
        assert_eq!(
            &text[found[1].span.clone()],
            "<!-- copydesk-disable-next-line style -->"
        );
    }

    #[test]
    fn names_are_read_with_their_spans() {
        let text = "<!--copydesk-disable style.titles,quotes ,, dates\t-->\n";
        let found = scan(&doc(text)).comments;
        let words: Vec<&str> = found[0]
            .rules
            .iter()
            .map(|w| &text[w.span.clone()])
            .collect();
        assert_eq!(words, ["style.titles", "quotes", "dates"]);
    }
}
