//! Code actions: a finding's fix, every safe fix of the file, and a
//! suppression comment for a finding.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Format;

use super::convert::{self, Context};
use super::text::{Encoding, LineIndex};

/// `source.fixAll.copydesk`: what an editor runs on save to apply every
/// safe fix.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.copydesk")
}

/// The actions for the findings that touch `range`: each fix (safe ones
/// preferred), and, in Markdown, a comment that suppresses the finding.
pub fn for_findings(
    findings: &[Diagnostic],
    range: std::ops::Range<usize>,
    context: &Context,
) -> Vec<CodeActionOrCommand> {
    let markdown = Format::from_path(context.uri.as_str()) == Format::Markdown;
    let mut actions = Vec::new();
    let touching = findings.iter().filter(|finding| {
        finding.span.start <= range.end && range.start <= finding.span.end.max(finding.span.start)
    });
    for finding in touching {
        let shown = convert::diagnostic(finding, context);
        if let Some(fix) = &finding.fix {
            if fix.applicability != Applicability::DisplayOnly {
                let safe = fix.applicability == Applicability::Safe;
                let edits = fix
                    .edits()
                    .map(|(span, replacement)| {
                        TextEdit::new(
                            context.lines.range(context.text, span, context.encoding),
                            replacement.to_string(),
                        )
                    })
                    .collect();
                actions.push(CodeAction {
                    title: fix_title(finding, context.text, safe),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown.clone()]),
                    edit: Some(edit_of(context.uri, edits)),
                    is_preferred: Some(safe),
                    ..CodeAction::default()
                });
            }
        }
        if markdown && !crate::suppress::is_reserved(&finding.rule) {
            actions.push(suppression(finding, shown, context));
        }
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// "Fix: write `ambassador`" for one place, with how many more a fix changes.
fn fix_title(finding: &Diagnostic, text: &str, safe: bool) -> String {
    let prefix = if safe { "Fix" } else { "Unsafe fix" };
    let Some(fix) = &finding.fix else {
        return prefix.to_string();
    };
    let old = text.get(fix.span.clone()).unwrap_or("");
    let what = match (old.is_empty(), fix.replacement.is_empty()) {
        (true, _) => format!("insert `{}`", fix.replacement),
        (false, true) => format!("delete `{old}`"),
        (false, false) => format!("replace `{old}` with `{}`", fix.replacement),
    };
    format!("{prefix} ({}): {what}{}", finding.rule, fix.other_places())
}

/// `<!-- copydesk-disable-next-line RULE -->` on its own line above the
/// line where the finding starts, indented as that line is.
fn suppression(
    finding: &Diagnostic,
    shown: lsp_types::Diagnostic,
    context: &Context,
) -> CodeAction {
    let line_start = context.text[..finding.span.start.min(context.text.len())]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let indent: String = context.text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let at = context
        .lines
        .position(context.text, line_start, context.encoding);
    let comment = format!(
        "{indent}<!-- copydesk-disable-next-line {} -->\n",
        finding.rule
    );
    CodeAction {
        title: format!("Suppress {} on this line", finding.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![shown]),
        edit: Some(edit_of(
            context.uri,
            vec![TextEdit::new(Range::new(at, at), comment)],
        )),
        is_preferred: Some(false),
        ..CodeAction::default()
    }
}

/// Every safe fix of the file at once, as the smallest edit that turns
/// `text` into `fixed`.
pub fn fix_all(
    uri: &Uri,
    text: &str,
    fixed: &str,
    lines: &LineIndex,
    encoding: Encoding,
    kind: CodeActionKind,
) -> CodeAction {
    let prefix = common_prefix(text, fixed);
    let suffix = common_suffix(&text[prefix..], &fixed[prefix..]);
    let replaced = prefix..text.len() - suffix;
    let replacement = fixed[prefix..fixed.len() - suffix].to_string();
    let range = Range::new(
        lines.position(text, replaced.start, encoding),
        lines.position(text, replaced.end, encoding),
    );
    CodeAction {
        title: "Fix all safe copydesk findings in this file".to_string(),
        kind: Some(kind),
        edit: Some(edit_of(uri, vec![TextEdit::new(range, replacement)])),
        ..CodeAction::default()
    }
}

/// The length in bytes of the longest common prefix, on a char boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut length = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(length) || !b.is_char_boundary(length) {
        length -= 1;
    }
    length
}

/// The length in bytes of the longest common suffix, on a char boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut length = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - length) || !b.is_char_boundary(b.len() - length) {
        length -= 1;
    }
    length
}

fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fix_all_replaces_only_what_changed() {
        let text = "Le “mot”, then ‘x’ and y.";
        let fixed = "Le “mot”, then “x” and y.";
        let lines = LineIndex::new(text);
        let uri: Uri = "file:///a.txt".parse().unwrap();
        let action = fix_all(&uri, text, fixed, &lines, Encoding::Utf16, fix_all_kind());
        let edits = &action.edit.unwrap().changes.unwrap()[&uri];
        let mut result = text.to_string();
        let span = lines.span(text, edits[0].range, Encoding::Utf16);
        result.replace_range(span, &edits[0].new_text);
        assert_eq!(result, fixed);
        assert!(edits[0].new_text.len() < 10, "{:?}", edits[0].new_text);
    }
}
