//! Hover and completion: a finding's rule explained where it is, and rule
//! ids offered where a suppression comment or a configuration names rules.

use std::collections::BTreeSet;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Hover, HoverContents, MarkupContent,
    MarkupKind, Range, TextEdit,
};

use crate::diagnostic::{Diagnostic, Level};
use crate::engine::Linter;

/// The explanation of every finding at byte `offset`: the finding, then
/// what `copydesk explain` says of its rule.
pub fn hover(
    findings: &[Diagnostic],
    offset: usize,
    linter: &Linter,
    range: Range,
) -> Option<Hover> {
    let here: Vec<&Diagnostic> = findings
        .iter()
        .filter(|finding| finding.span.start <= offset && offset <= finding.span.end)
        .collect();
    if here.is_empty() {
        return None;
    }
    let mut text = String::new();
    for finding in here {
        if !text.is_empty() {
            text.push_str("\n\n---\n\n");
        }
        text.push_str(&format!(
            "**{}** ({}): {}\n\n",
            finding.rule, finding.severity, finding.message
        ));
        let rule = linter
            .all_rules()
            .iter()
            .find(|(rule, _)| rule.meta.id.as_ref() == finding.rule.as_ref());
        if let Some((rule, level)) = rule {
            text.push_str("```text\n");
            text.push_str(crate::ruleset::reference::explain(rule, *level).trim_end());
            text.push_str("\n```");
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(range),
    })
}

/// Where rule ids may be completed, judged from the line up to the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// After `copydesk-disable…` in an HTML comment of an article.
    SuppressionComment,
    /// Inside a string of a configuration file, or at a key of `[severity]`.
    Configuration,
}

/// Is the cursor, after `before` on its line, where a rule id goes?
/// `table` is the configuration table the line is in (`severity`, …).
pub fn slot(before: &str, configuration: bool, table: Option<&str>) -> Option<Slot> {
    if configuration {
        let in_string = before.matches('"').count() % 2 == 1;
        let severity_key = table == Some("severity") && !before.contains('=');
        return (in_string || severity_key).then_some(Slot::Configuration);
    }
    let comment = before.rfind("<!--")?;
    let inside = &before[comment + 4..];
    if inside.contains("-->") {
        return None;
    }
    let directive = inside.trim_start();
    let names_rules = [
        "copydesk-disable-next-line ",
        "copydesk-disable ",
        "copydesk-enable ",
    ]
    .iter()
    .any(|d| directive.starts_with(d));
    names_rules.then_some(Slot::SuppressionComment)
}

/// The TOML table a line belongs to: the last `[header]` above it.
pub fn table_at(text: &str, line_start: usize) -> Option<String> {
    text[..line_start].lines().rev().find_map(|line| {
        let line = line.trim();
        let name = line.strip_prefix('[')?.trim_start_matches('[');
        let name = name.split(']').next()?.trim();
        Some(name.to_string())
    })
}

/// The rule ids and families of `linter` that start with the word being
/// typed, replacing it (`replace`: the word's range).
pub fn rule_ids(linter: &Linter, typed: &str, replace: Range) -> Vec<CompletionItem> {
    let mut items = Vec::new();
    let mut families = BTreeSet::new();
    for (rule, level) in linter.all_rules() {
        let id = rule.meta.id.as_ref();
        if let Some((family, _)) = id.split_once('.') {
            families.insert(family.to_string());
        }
        if !id.starts_with(typed) {
            continue;
        }
        let state = match level {
            Level::Off => "off".to_string(),
            Level::On(severity) => severity.to_string(),
        };
        items.push(item(
            id,
            CompletionItemKind::VALUE,
            format!("{state}: {}", rule.meta.summary()),
            replace,
        ));
    }
    for family in families.into_iter().filter(|f| f.starts_with(typed)) {
        let detail = format!("every {family}.* rule");
        items.push(item(&family, CompletionItemKind::MODULE, detail, replace));
    }
    items
}

fn item(label: &str, kind: CompletionItemKind, detail: String, replace: Range) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            replace,
            label.to_string(),
        ))),
        ..CompletionItem::default()
    }
}

/// The part of a rule id typed just before the cursor.
pub fn typed_word(before: &str) -> &str {
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_'))
        .map_or(0, |at| at + 1);
    &before[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_go_after_directives_and_in_configuration_strings() {
        assert_eq!(
            slot("<!-- copydesk-disable-next-line sty", false, None),
            Some(Slot::SuppressionComment)
        );
        assert_eq!(slot("<!-- copydesk-disable", false, None), None);
        assert_eq!(slot("<!-- other --> sty", false, None), None);
        assert_eq!(
            slot("ignore = [\"dates.m", true, None),
            Some(Slot::Configuration)
        );
        assert_eq!(slot("ignore = [\"dates.mixed\", ", true, None), None);
        assert_eq!(
            slot("style.ti", true, Some("severity")),
            Some(Slot::Configuration)
        );
        assert_eq!(slot("style.titles = ", true, Some("severity")), None);
        assert_eq!(typed_word("ignore = [\"dates.m"), "dates.m");
        let config = "select = []\n[severity]\nstyle = \"off\"\n";
        assert_eq!(table_at(config, config.len()).as_deref(), Some("severity"));
        assert_eq!(table_at(config, 0), None);
    }
}
