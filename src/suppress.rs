//! Findings an editor has chosen not to see: suppression comments in Markdown
//! (`<!-- copydesk-disable-next-line RULE -->`, `<!-- copydesk-disable RULE -->`
//! … `<!-- copydesk-enable RULE -->`) and per-path `ignore` entries in
//! copydesk.toml.
//!
//! Comments are looked for only in the HTML the Markdown parser reports, so a
//! comment shown inside a code block is an example, not a directive.
//!
//! A comment is judged only by the rules that ran on the file: one for a rule
//! the run did not select, that does not run in the document's language, or
//! that a per-path entry ignores, is neither unused nor deleted. A name no
//! rule of the configuration answers to, or a `copydesk-` directive that does
//! not exist, is reported where it is written.

use std::ops::Range;
use std::path::Path;

use crate::paths::relative_to;

use crate::config::{selects, PathIgnore};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{Document, Format};
use crate::engine::Linter;
use crate::toml_reader::did_you_mean;

/// The rule id of a suppression that suppressed nothing.
pub const UNUSED_RULE: &str = "suppress.unused";

/// The rule id of a name in a suppression comment that is no rule or family
/// of the configuration.
pub const UNKNOWN_RULE: &str = "suppress.unknown-rule";

/// The rule id of a `copydesk-` comment whose directive does not exist.
pub const UNKNOWN_DIRECTIVE: &str = "suppress.unknown-directive";

const PREFIX: &str = "copydesk-";

/// What a suppression comment asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Directive {
    DisableNextLine,
    Disable,
    Enable,
}

impl Directive {
    const ALL: [Directive; 3] = [
        Directive::DisableNextLine,
        Directive::Disable,
        Directive::Enable,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Directive::DisableNextLine => "copydesk-disable-next-line",
            Directive::Disable => "copydesk-disable",
            Directive::Enable => "copydesk-enable",
        }
    }
}

/// A word of a comment and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Word {
    text: String,
    span: Range<usize>,
}

/// One suppression comment as written.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Comment {
    directive: Directive,
    /// From `<!--` to `-->`.
    span: Range<usize>,
    /// Rule ids or families; empty means every rule.
    rules: Vec<Word>,
}

impl Comment {
    fn names(&self, rule: &str) -> bool {
        self.rules.iter().any(|name| name.text == rule)
    }
}

/// The `copydesk-` comments of a document: the directives, in order, and
/// the words of those whose directive does not exist.
#[derive(Debug, Default)]
struct Scan {
    comments: Vec<Comment>,
    unknown_directives: Vec<Word>,
}

/// Every suppression comment in a Markdown document.
fn scan(doc: &Document) -> Scan {
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

/// What to take out of a file's findings.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Rule ids or families that per-path entries ignore for this file.
    pub ignored: Vec<String>,
    /// Honour suppression comments (Markdown only), and report the names
    /// and directives in them that do not exist.
    pub comments: bool,
    /// Report suppressions that suppressed nothing (`suppress.unused`),
    /// among those of rules that ran on the file.
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

    /// Drop ignored and suppressed findings from `diagnostics`, which
    /// `linter` found in `doc`; add a finding for every name or directive
    /// of a suppression comment that does not exist, and, when asked to, for
    /// every suppression that suppressed nothing of the rules that ran.
    pub fn apply(&self, linter: &Linter, doc: &Document, diagnostics: &mut Vec<Diagnostic>) {
        if !self.ignored.is_empty() {
            diagnostics.retain(|d| is_reserved(&d.rule) || !self.is_ignored(&d.rule));
        }
        if !self.comments {
            return;
        }
        let Scan {
            comments,
            unknown_directives,
        } = scan(doc);
        if comments.is_empty() && unknown_directives.is_empty() {
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
        let mut added: Vec<Diagnostic> = unknown_directives
            .iter()
            .map(unknown_directive)
            .chain(unknown_rules(linter, &comments))
            .collect();
        if self.report_unused {
            let ran = self.rules_run_on(linter, doc);
            let judged: Vec<bool> = suppressions
                .iter()
                .map(|s| match s.rule.as_deref() {
                    Some(rule) => ran.iter().any(|id| selects(rule, id)),
                    None => !ran.is_empty(),
                })
                .collect();
            added.extend(unused(doc, &comments, &suppressions, &used, &judged));
        }
        if !added.is_empty() {
            diagnostics.extend(added);
            diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
    }

    fn is_ignored(&self, rule: &str) -> bool {
        self.ignored.iter().any(|ignored| selects(ignored, rule))
    }

    /// The ids of the rules whose findings `doc` could have had: active
    /// under the run's selection and house style, running in the document's
    /// language, and not ignored for its path. Only suppressions of these
    /// can be known to suppress nothing.
    fn rules_run_on<'l>(&self, linter: &'l Linter, doc: &Document) -> Vec<&'l str> {
        linter
            .active_rules()
            .iter()
            .filter(|active| active.runs_on(doc))
            .map(|active| active.rule.meta.id.as_ref())
            .filter(|id| !self.is_ignored(id))
            .collect()
    }
}

/// Findings about files and configuration are never suppressed or ignored.
fn is_reserved(rule: &str) -> bool {
    rule.starts_with("io.") || rule.starts_with("config.") || rule.starts_with("suppress.")
}

fn unknown_directive(word: &Word) -> Diagnostic {
    let directives = Directive::ALL.map(Directive::as_str);
    let diagnostic = Diagnostic::new(
        UNKNOWN_DIRECTIVE,
        Severity::Warning,
        word.span.clone(),
        format!("`{}` is not a suppression directive", word.text),
    );
    match did_you_mean(&word.text, &directives) {
        Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
        None => diagnostic.with_help(format!(
            "the directives are `{}`, `{}` and `{}`",
            directives[0], directives[1], directives[2]
        )),
    }
}

/// A finding for every name in `comments` that no rule of `linter` answers
/// to. Rules switched off or not selected count: only a name the
/// configuration does not know at all is a mistake.
fn unknown_rules(linter: &Linter, comments: &[Comment]) -> Vec<Diagnostic> {
    let ids = || {
        linter
            .all_rules()
            .iter()
            .map(|(rule, _)| rule.meta.id.as_ref())
    };
    let mut out = Vec::new();
    for name in comments.iter().flat_map(|c| &c.rules) {
        let reserved =
            is_reserved(&name.text) || ["io", "config", "suppress"].contains(&name.text.as_str());
        if reserved {
            out.push(Diagnostic::new(
                UNKNOWN_RULE,
                Severity::Warning,
                name.span.clone(),
                format!(
                    "`{}` cannot be suppressed: findings about files, configuration and suppressions are always reported",
                    name.text
                ),
            ));
            continue;
        }
        if ids().any(|id| selects(&name.text, id)) {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            UNKNOWN_RULE,
            Severity::Warning,
            name.span.clone(),
            format!("no rule or family is called `{}`", name.text),
        );
        let mut candidates: Vec<&str> = ids().flat_map(id_and_families).collect();
        candidates.sort_unstable();
        candidates.dedup();
        if let Some(close) = did_you_mean(&name.text, &candidates) {
            diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
        }
        out.push(diagnostic);
    }
    out
}

/// `id` and every family it belongs to: `a.b.c`, `a.b`, `a`.
fn id_and_families(id: &str) -> impl Iterator<Item = &str> {
    std::iter::once(id).chain(id.rmatch_indices('.').map(move |(dot, _)| &id[..dot]))
}

/// A finding for every comment with a suppression that `judged` says can be
/// judged (a rule it names ran) and that `used` says suppressed nothing.
fn unused(
    doc: &Document,
    comments: &[Comment],
    suppressions: &[Suppression],
    used: &[bool],
    judged: &[bool],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, comment) in comments.iter().enumerate() {
        let mine: Vec<(&Suppression, bool, bool)> = suppressions
            .iter()
            .zip(used.iter().zip(judged))
            .filter(|(s, _)| s.comment == index)
            .map(|(s, (used, judged))| (s, *used, *judged))
            .collect();
        let unused: Vec<&Suppression> = mine
            .iter()
            .filter(|(_, used, judged)| *judged && !used)
            .map(|(s, _, _)| *s)
            .collect();
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
        // Only a comment every name of which was judged unused may go: one
        // that names a rule that did not run may be needed when it does.
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
    use crate::config::{self, Overrides, RawConfig};
    use crate::document::DocumentOptions;
    use std::sync::{Arc, OnceLock};

    /// Every built-in rule, as a configuration that names nothing runs them.
    fn linter() -> Arc<Linter> {
        static LINTER: OnceLock<Arc<Linter>> = OnceLock::new();
        LINTER
            .get_or_init(|| {
                config::resolve(RawConfig::default(), &Overrides::default())
                    .expect("the default configuration resolves")
                    .linter
            })
            .clone()
    }

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
    fn next_line_suppresses_only_the_next_line() {
        let text = "<!-- copydesk-disable-next-line style.misspellings -->\nThe goverment said.\nThe goverment again.\n";
        let doc = doc(text);
        let first = finding(text, "goverment said", "style.misspellings");
        let second = finding(text, "goverment again", "style.misspellings");
        let mut diagnostics = vec![first, second.clone()];
        filter(true).apply(&linter(), &doc, &mut diagnostics);
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
        filter(false).apply(&linter(), &doc, &mut diagnostics);
        assert_eq!(diagnostics, vec![outside, other_rule]);
    }

    #[test]
    fn unused_suppressions_are_reported_with_a_fix_when_clean() {
        let text = "Intro.\n\n<!-- copydesk-disable-next-line style.titles -->\nNothing here.\n";
        let doc = doc(text);
        let mut diagnostics = Vec::new();
        filter(true).apply(&linter(), &doc, &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].rule.as_ref(), UNUSED_RULE);
        let fix = diagnostics[0].fix.clone().unwrap();
        let mut fixed = text.to_string();
        fixed.replace_range(fix.span, &fix.replacement);
        assert_eq!(fixed, "Intro.\n\nNothing here.\n");

        let mut quiet = Vec::new();
        filter(false).apply(&linter(), &doc, &mut quiet);
        assert!(quiet.is_empty());
    }

    #[test]
    fn an_unused_pair_gets_a_label_not_a_fix() {
        let text = "<!-- copydesk-disable style.titles -->\nPlain.\n<!-- copydesk-enable style.titles -->\n";
        let mut diagnostics = Vec::new();
        filter(true).apply(&linter(), &doc(text), &mut diagnostics);
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
        filter(false).apply(&linter(), &plain, &mut diagnostics);
        assert_eq!(diagnostics, vec![found.clone()]);
        let ignoring = Filter {
            ignored: vec!["style".to_string()],
            ..Filter::default()
        };
        ignoring.apply(&linter(), &plain, &mut diagnostics);
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
        .apply(&linter(), &doc(text), &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
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

    #[test]
    fn an_unknown_directive_is_no_suppression() {
        let text = "<!-- copydesk-disabel style -->\nThe goverment said.\n";
        let scan = scan(&doc(text));
        assert!(scan.comments.is_empty());
        assert_eq!(
            &text[scan.unknown_directives[0].span.clone()],
            "copydesk-disabel"
        );
        let mut diagnostics = vec![finding(text, "goverment", "style.misspellings")];
        filter(true).apply(&linter(), &doc(text), &mut diagnostics);
        let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule.as_ref()).collect();
        assert_eq!(rules, [UNKNOWN_DIRECTIVE, "style.misspellings"]);
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean `copydesk-disable`?")
        );
    }

    #[test]
    fn a_comment_is_judged_only_by_the_rules_that_ran() {
        let text = "Intro.\n\n<!-- copydesk-disable-next-line style.titles, quotes.unclosed -->\nNothing here.\n";
        let ignoring_titles = Filter {
            ignored: vec!["style.titles".to_string()],
            ..filter(true)
        };
        let mut diagnostics = Vec::new();
        ignoring_titles.apply(&linter(), &doc(text), &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].message,
            "`copydesk-disable-next-line` suppresses nothing for `quotes.unclosed`"
        );
        assert!(
            diagnostics[0].fix.is_none(),
            "the titles half may be needed"
        );

        let ignoring_both = Filter {
            ignored: vec!["style.titles".to_string(), "quotes".to_string()],
            ..filter(true)
        };
        let mut diagnostics = Vec::new();
        ignoring_both.apply(&linter(), &doc(text), &mut diagnostics);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn families_are_suggested_for_a_misspelt_family() {
        assert_eq!(
            id_and_families("house.dates.style").collect::<Vec<_>>(),
            ["house.dates.style", "house.dates", "house"]
        );
    }
}
