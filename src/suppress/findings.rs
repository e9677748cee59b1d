//! What the filter reports about suppression comments: names and directives
//! that do not exist, and suppressions that suppressed nothing (with the fix
//! that deletes a comment).

use std::ops::Range;

use super::comments::{Comment, Directive, Suppression, Word};
use super::{is_reserved, UNKNOWN_DIRECTIVE, UNKNOWN_RULE, UNUSED_RULE};
use crate::config::selects;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::Document;
use crate::engine::Linter;
use crate::toml_reader::did_you_mean;

/// The finding for a `copydesk-` comment whose directive does not exist,
/// with the closest directive or, when none is close, all three.
pub(super) fn unknown_directive(word: &Word) -> Diagnostic {
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
pub(super) fn unknown_rules(linter: &Linter, comments: &[Comment]) -> Vec<Diagnostic> {
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
pub(super) fn unused(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_are_suggested_for_a_misspelt_family() {
        assert_eq!(
            id_and_families("house.dates.style").collect::<Vec<_>>(),
            ["house.dates.style", "house.dates", "house"]
        );
    }
}
