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

mod comments;
mod findings;

use std::path::Path;

use crate::paths::relative_to;

use crate::config::{selects, PathIgnore};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::engine::Linter;

use comments::{scan, suppressions, Scan};
use findings::{unknown_directive, unknown_rules, unused};

/// The rule id of a suppression that suppressed nothing.
pub const UNUSED_RULE: &str = "suppress.unused";

/// The rule id of a name in a suppression comment that is no rule or family
/// of the configuration.
pub const UNKNOWN_RULE: &str = "suppress.unknown-rule";

/// The rule id of a `copydesk-` comment whose directive does not exist.
pub const UNKNOWN_DIRECTIVE: &str = "suppress.unknown-directive";

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

    /// Whether a per-path entry ignores `rule` (an id or a family) for this file.
    pub fn ignores(&self, rule: &str) -> bool {
        self.is_ignored(rule)
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
pub fn is_reserved(rule: &str) -> bool {
    rule.starts_with("io.") || rule.starts_with("config.") || rule.starts_with("suppress.")
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
    use crate::diagnostic::Severity;
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
}
