//! Findings an editor has chosen not to see: suppression comments in Markdown
//! (`<!-- copydesk-disable-next-line RULE -->`, `<!-- copydesk-disable RULE -->`
//! … `<!-- copydesk-enable RULE -->`) and per-path `ignore` entries in
//! copydesk.toml.
//!
//! Comments are looked for only in the HTML the Markdown parser reports, so a
//! comment shown inside a code block is an example, not a directive.

use std::ops::Range;
use std::path::Path;

use crate::paths::relative_to;

use crate::config::{selects, PathIgnore};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{Document, Format};

/// The rule id of a suppression that suppressed nothing.
pub const UNUSED_RULE: &str = "suppress.unused";

const PREFIX: &str = "copydesk-";

/// What a suppression comment asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Directive {
    DisableNextLine,
    Disable,
    Enable,
}

impl Directive {
    fn as_str(self) -> &'static str {
        match self {
            Directive::DisableNextLine => "copydesk-disable-next-line",
            Directive::Disable => "copydesk-disable",
            Directive::Enable => "copydesk-enable",
        }
    }
}

/// One suppression comment as written.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Comment {
    directive: Directive,
    /// From `<!--` to `-->`.
    span: Range<usize>,
    /// Rule ids or families; empty means every rule.
    rules: Vec<String>,
}

/// Every suppression comment in a Markdown document, in order.
fn comments(doc: &Document) -> Vec<Comment> {
    let text = doc.text.as_str();
    // Most articles have no directive: skip looking through their HTML.
    if doc.format != Format::Markdown
        || memchr::memmem::find(text.as_bytes(), b"copydesk-").is_none()
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    for region in doc.html.iter().cloned() {
        let mut cursor = region.start;
        while let Some(open) = text[cursor..region.end].find("<!--") {
            let body_start = cursor + open + 4;
            let Some(close) = text[body_start..region.end].find("-->") else {
                break;
            };
            let body_end = body_start + close;
            let span = cursor + open..body_end + 3;
            if let Some(comment) = parse_comment(&text[body_start..body_end], span) {
                found.push(comment);
            }
            cursor = body_end + 3;
        }
    }
    found
}

fn parse_comment(body: &str, span: Range<usize>) -> Option<Comment> {
    let body = body.trim();
    let rest = body.strip_prefix(PREFIX)?;
    let (word, rules) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let directive = match word {
        "disable-next-line" => Directive::DisableNextLine,
        "disable" => Directive::Disable,
        "enable" => Directive::Enable,
        _ => return None,
    };
    let rules = rules
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    Some(Comment {
        directive,
        span,
        rules,
    })
}

/// A stretch of text in which findings of some rules are not reported.
#[derive(Clone, Debug)]
struct Suppression {
    /// Index into the comments.
    comment: usize,
    /// `None`: every rule.
    rule: Option<String>,
    /// Findings that start in here are suppressed.
    region: Range<usize>,
    /// The comment that ends the region, for `disable`.
    closed_by: Option<usize>,
}

impl Suppression {
    fn covers(&self, d: &Diagnostic) -> bool {
        self.region.contains(&d.span.start)
            && self
                .rule
                .as_deref()
                .is_none_or(|rule| selects(rule, &d.rule))
    }
}

fn suppressions(doc: &Document, comments: &[Comment]) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (index, comment) in comments.iter().enumerate() {
        let rules: Vec<Option<String>> = if comment.rules.is_empty() {
            vec![None]
        } else {
            comment.rules.iter().cloned().map(Some).collect()
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
                            && (c.rules.is_empty()
                                || rule.as_ref().is_some_and(|r| c.rules.contains(r)))
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

/// What to take out of a file's findings.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Rule ids or families that per-path entries ignore for this file.
    pub ignored: Vec<String>,
    /// Honour suppression comments (Markdown only).
    pub comments: bool,
    /// Report suppressions that suppressed nothing (`suppress.unused`).
    pub report_unused: bool,
}

impl Filter {
    /// The filter a configuration gives the file at `path`: its per-path
    /// ignores and the suppression comments, as every run applies them.
    pub fn for_file(resolved: &crate::config::Resolved, path: &Path, report_unused: bool) -> Self {
        let config = &resolved.config;
        let ignored = if config.per_path.is_empty() {
            Vec::new()
        } else {
            ignored_for(&config.per_path, &relative_to(path, &config.glob_root()))
        };
        Filter {
            ignored,
            comments: true,
            report_unused,
        }
    }

    /// Drop ignored and suppressed findings from `diagnostics`; add a finding
    /// for every unused suppression when asked to.
    pub fn apply(&self, doc: &Document, diagnostics: &mut Vec<Diagnostic>) {
        if !self.ignored.is_empty() {
            diagnostics.retain(|d| {
                is_reserved(&d.rule) || !self.ignored.iter().any(|rule| selects(rule, &d.rule))
            });
        }
        if !self.comments {
            return;
        }
        let comments = comments(doc);
        if comments.is_empty() {
            return;
        }
        let suppressions = suppressions(doc, &comments);
        let mut used = vec![false; suppressions.len()];
        diagnostics.retain(|d| {
            if is_reserved(&d.rule) {
                return true;
            }
            let mut suppressed = false;
            for (index, suppression) in suppressions.iter().enumerate() {
                if suppression.covers(d) {
                    used[index] = true;
                    suppressed = true;
                }
            }
            !suppressed
        });
        if self.report_unused {
            diagnostics.extend(unused(doc, &comments, &suppressions, &used));
            diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
    }
}

/// Findings about files and configuration are never suppressed or ignored.
fn is_reserved(rule: &str) -> bool {
    rule.starts_with("io.") || rule.starts_with("config.") || rule.starts_with("suppress.")
}

fn unused(
    doc: &Document,
    comments: &[Comment],
    suppressions: &[Suppression],
    used: &[bool],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, comment) in comments.iter().enumerate() {
        let mine: Vec<(&Suppression, bool)> = suppressions
            .iter()
            .zip(used)
            .filter(|(s, _)| s.comment == index)
            .map(|(s, used)| (s, *used))
            .collect();
        let unused: Vec<&Suppression> = mine.iter().filter(|(_, u)| !u).map(|(s, _)| *s).collect();
        if unused.is_empty() {
            continue;
        }
        let names: Vec<String> = unused
            .iter()
            .map(|s| match &s.rule {
                Some(rule) => format!("`{rule}`"),
                None => "every rule".to_string(),
            })
            .collect();
        let mut diagnostic = Diagnostic::new(
            UNUSED_RULE,
            Severity::Warning,
            comment.span.clone(),
            format!(
                "`{}` suppresses nothing for {}",
                comment.directive.as_str(),
                names.join(", ")
            ),
        );
        let whole_comment_unused = unused.len() == mine.len();
        let closer = unused.iter().find_map(|s| s.closed_by);
        match closer {
            Some(enable) => {
                // Deleting one of a pair would leave a stray `enable`: no fix.
                diagnostic = diagnostic
                    .with_label(
                        comments[enable].span.clone(),
                        "the region it opens ends here",
                    )
                    .with_help("delete both comments, or the rule names that suppress nothing");
            }
            None if whole_comment_unused => {
                diagnostic = diagnostic.with_help("delete the comment").with_fix(
                    deletion(doc, &comment.span),
                    "",
                    Applicability::Safe,
                );
            }
            None => {
                diagnostic = diagnostic.with_help("remove the rule names that suppress nothing");
            }
        }
        out.push(diagnostic);
    }
    out
}

/// What to delete to remove a comment: its whole line when it stands alone.
fn deletion(doc: &Document, span: &Range<usize>) -> Range<usize> {
    let line = doc.lines.line_of(span.start);
    let range = doc.lines.line_range(&doc.text, line);
    let alone = doc.lines.line_of(span.end) == line
        && doc.text[range.start..span.start].trim().is_empty()
        && doc.text[span.end..range.end].trim().is_empty();
    if !alone {
        return span.clone();
    }
    let next = doc.lines.line_start(line + 1);
    if line + 1 < doc.lines.line_count() && next > range.start {
        range.start..next
    } else {
        range
    }
}

/// The rules that `[[per-path]]` entries ignore for a file at `relative`
/// (relative to the configuration's folder).
fn ignored_for(per_path: &[PathIgnore], relative: &Path) -> Vec<String> {
    per_path
        .iter()
        .filter(|entry| entry.globs.is_match(relative))
        .flat_map(|entry| entry.rules.iter().map(|rule| rule.value.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocumentOptions;

    fn doc(text: &str) -> Document {
        Document::new("a.md", text.to_string(), &DocumentOptions::default())
    }

    fn finding(text: &str, word: &str, rule: &str) -> Diagnostic {
        let start = text.find(word).unwrap();
        Diagnostic::new(rule, Severity::Warning, start..start + word.len(), "m")
    }

    fn filter(report_unused: bool) -> Filter {
        Filter {
            ignored: Vec::new(),
            comments: true,
            report_unused,
        }
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        let text = "Intro.\n\n<!-- copydesk-disable style.titles -->\n\n```\n<!-- copydesk-enable -->\n```\n\nText <!-- copydesk-disable-next-line style -->.\n";
        let found = comments(&doc(text));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].directive, Directive::Disable);
        assert_eq!(found[0].rules, vec!["style.titles".to_string()]);
        assert_eq!(found[1].directive, Directive::DisableNextLine);
        assert_eq!(
            &text[found[1].span.clone()],
            "<!-- copydesk-disable-next-line style -->"
        );
    }

    #[test]
    fn next_line_suppresses_only_the_next_line() {
        let text = "<!-- copydesk-disable-next-line style.misspellings -->\nThe goverment said.\nThe goverment again.\n";
        let doc = doc(text);
        let first = finding(text, "goverment said", "style.misspellings");
        let second = finding(text, "goverment again", "style.misspellings");
        let mut diagnostics = vec![first, second.clone()];
        filter(true).apply(&doc, &mut diagnostics);
        assert_eq!(diagnostics, vec![second]);
    }

    #[test]
    fn disable_and_enable_bound_a_region_per_rule() {
        let text = "<!-- copydesk-disable style -->\nThe goverment said.\n<!-- copydesk-enable style -->\nThe goverment again.\n";
        let doc = doc(text);
        let inside = finding(text, "goverment said", "style.misspellings");
        let outside = finding(text, "goverment again", "style.misspellings");
        let other_rule = finding(text, "said", "quotes.unclosed");
        let mut diagnostics = vec![inside, outside.clone(), other_rule.clone()];
        filter(false).apply(&doc, &mut diagnostics);
        assert_eq!(diagnostics, vec![outside, other_rule]);
    }

    #[test]
    fn unused_suppressions_are_reported_with_a_fix_when_clean() {
        let text = "Intro.\n\n<!-- copydesk-disable-next-line style.titles -->\nNothing here.\n";
        let doc = doc(text);
        let mut diagnostics = Vec::new();
        filter(true).apply(&doc, &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].rule.as_ref(), UNUSED_RULE);
        let fix = diagnostics[0].fix.clone().unwrap();
        let mut fixed = text.to_string();
        fixed.replace_range(fix.span, &fix.replacement);
        assert_eq!(fixed, "Intro.\n\nNothing here.\n");

        let mut quiet = Vec::new();
        filter(false).apply(&doc, &mut quiet);
        assert!(quiet.is_empty());
    }

    #[test]
    fn an_unused_pair_gets_a_label_not_a_fix() {
        let text = "<!-- copydesk-disable style.titles -->\nPlain.\n<!-- copydesk-enable style.titles -->\n";
        let mut diagnostics = Vec::new();
        filter(true).apply(&doc(text), &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].fix.is_none());
        assert_eq!(diagnostics[0].labels.len(), 1);
    }

    #[test]
    fn plain_text_has_no_comments_but_per_path_ignores_apply() {
        let text = "<!-- copydesk-disable -->\nThe goverment said.\n";
        let plain = Document::new("a.txt", text.to_string(), &DocumentOptions::default());
        let found = finding(text, "goverment", "style.misspellings");
        let mut diagnostics = vec![found.clone()];
        filter(false).apply(&plain, &mut diagnostics);
        assert_eq!(diagnostics, vec![found.clone()]);
        let ignoring = Filter {
            ignored: vec!["style".to_string()],
            ..Filter::default()
        };
        ignoring.apply(&plain, &mut diagnostics);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn io_findings_are_never_suppressed() {
        let text = "<!-- copydesk-disable -->\nx\n";
        let mut diagnostics = vec![Diagnostic::new("io.read", Severity::Error, 30..30, "m")];
        Filter {
            ignored: vec!["all".to_string()],
            ..filter(false)
        }
        .apply(&doc(text), &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
    }
}
