//! `existence`: flag any of a list of terms or patterns.

use super::pattern::{self, Pattern};
use super::{Check, CheckContext, Kind, KindBuilder, Scope};

/// The `existence` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "existence",
    keys: &["terms", "patterns", "ignore-case"],
    summary: "flag any of a list of terms or regular expressions",
    build,
};

struct Existence {
    patterns: Vec<Pattern>,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let terms = b.table.string_list("terms").unwrap_or_default();
    let patterns = b.table.string_list("patterns").unwrap_or_default();
    let ignore_case = b.table.bool("ignore-case").unwrap_or(true);
    if terms.is_empty() && patterns.is_empty() {
        b.error(
            b.table.span(),
            format!("rule `{}` needs `terms` or `patterns`", b.meta.id),
        );
        return None;
    }
    for (index, term) in terms.iter().enumerate() {
        b.add_term(index as u32, &term.value, !ignore_case);
    }
    let compiled: Vec<Pattern> = patterns
        .iter()
        .filter_map(|pattern| pattern::compile(b, pattern, ignore_case))
        .collect();
    if compiled.len() != patterns.len() {
        return None;
    }
    Some(Box::new(Existence { patterns: compiled }))
}

impl Check for Existence {
    fn patterns(&self) -> Vec<&Pattern> {
        self.patterns.iter().collect()
    }

    fn check(&self, cx: &mut CheckContext<'_>) {
        for found in cx.matches() {
            let text = cx.text(&found.span);
            let diagnostic =
                cx.diagnostic(found.span.clone(), "avoid '{match}'", &[("match", text)]);
            cx.report(diagnostic);
        }
        let in_headings_only = cx.rule.scope == Scope::Headings;
        for pattern in &self.patterns {
            let spans = if in_headings_only {
                pattern.spans_in_headings(cx.doc)
            } else {
                pattern.spans_in(cx.doc)
            };
            for span in spans {
                if span.is_empty() || !cx.doc.is_as_written(&span) || !cx.in_scope(&span) {
                    continue;
                }
                let text = cx.text(&span);
                let diagnostic = cx.diagnostic(span.clone(), "avoid '{match}'", &[("match", text)]);
                cx.report(diagnostic);
            }
        }
    }
}
