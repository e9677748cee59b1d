//! A rule's reference text: what `copydesk explain` prints, and what the
//! generated pages in `docs/rules/` hold. One writer for both, so the manual
//! cannot drift from the rule sets' own descriptions and examples.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::diagnostic::Level;
use crate::ruleset::CompiledRule;

/// The name of a level as configuration files write it.
pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::Off => "off",
        Level::On(severity) => severity.as_str(),
    }
}

/// One rule explained, as `copydesk explain` prints it: its description,
/// kind, level, scope, origin and its examples with their verdicts.
pub fn explain(rule: &CompiledRule, level: Level) -> String {
    explain_as(rule, level, false)
}

/// [`explain`] for a terminal, or for a Markdown page, where the facts are a
/// list and an indented example needs a blank line before it.
fn explain_as(rule: &CompiledRule, level: Level, markdown: bool) -> String {
    let (fact, before_example) = if markdown {
        ("- ", "\n\n    ")
    } else {
        ("", "\n    ")
    };
    let meta = &rule.meta;
    let mut text = format!("# {}\n\n", meta.id);
    text.push_str(meta.description.trim());
    text.push_str("\n\n");
    let _ = write!(
        text,
        "{fact}kind: {}\n{fact}level: {}\n{fact}scope: {}\n",
        meta.kind,
        level_name(level),
        meta.scope.as_str()
    );
    if !meta.house_styles.is_empty() {
        let _ = writeln!(text, "{fact}house styles: {}", meta.house_styles.join(", "));
    }
    let _ = writeln!(text, "{fact}defined in: {}", meta.origin);
    if !meta.examples.is_empty() {
        text.push_str("\n## Examples\n");
        for example in &meta.examples {
            let verdict = match example.findings {
                0 => "passes".to_string(),
                1 => "1 finding".to_string(),
                n => format!("{n} findings"),
            };
            let _ = write!(text, "\n{verdict}");
            if let Some(style) = &example.house_style {
                let _ = write!(text, " (house style {style})");
            }
            let _ = writeln!(text, ":{before_example}{}", indented(&example.text));
            if let Some(fixed) = &example.fixed {
                let _ = writeln!(text, "fixed:{before_example}{}", indented(fixed));
            }
        }
    }
    text
}

/// The page of one rule set in the rule reference: every rule it defines,
/// in the order of the set, each explained at its default level.
pub fn rule_set_page(set: &str, rules: &[(Arc<CompiledRule>, Level)]) -> String {
    let origin = format!("builtin/{set}.toml");
    let mine: Vec<&(Arc<CompiledRule>, Level)> = rules
        .iter()
        .filter(|(rule, _)| rule.meta.origin.as_ref() == origin)
        .collect();
    let mut page = format!(
        "<!-- Generated from rules/{set}.toml by `COPYDESK_BLESS=1 cargo test --test rule_reference`; do not edit. -->\n\n\
         # The `{set}` rule set\n\n"
    );
    for (rule, _) in &mine {
        let _ = writeln!(
            page,
            "- [`{}`](#{}): {}",
            rule.meta.id,
            anchor(&rule.meta.id),
            rule.meta.summary()
        );
    }
    for (rule, level) in mine {
        page.push('\n');
        // Each rule's own heading becomes a second-level one on the set's page.
        page.push('#');
        let text = explain_as(rule, *level, true);
        page.push_str(&text.replace("\n## Examples\n", "\n### Examples\n"));
    }
    page
}

/// The anchor GitHub gives a heading made of a rule id (`style.titles` → `styletitles`).
fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn indented(text: &str) -> String {
    text.trim_end().replace('\n', "\n    ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github_headings() {
        assert_eq!(anchor("style.titles"), "styletitles");
        assert_eq!(
            anchor("quotes.apostrophe-direction"),
            "quotesapostrophe-direction"
        );
    }
}
