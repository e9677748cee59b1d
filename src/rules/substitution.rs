//! `substitution`: a wrong form and the right one, fixed with the case kept.

use super::{match_case, Check, CheckContext, Kind, KindBuilder};
use crate::diagnostic::Applicability;

/// The `substitution` kind: a word or phrase to replace with the house form.
pub static KIND: Kind = Kind {
    name: "substitution",
    keys: &["swap", "patterns", "ignore-case", "applicability"],
    summary: "replace a wrong form with the right one, keeping its case",
    build,
};

struct Substitution {
    replacements: Vec<String>,
    patterns: Option<SwapPatterns>,
    applicability: Applicability,
}

/// `patterns`: regular expressions and their replacements, matched as one
/// alternation so that a document is scanned once for all of them.
struct SwapPatterns {
    regex: regex::Regex,
    /// For each pattern, the group that wraps it in `regex`, and its replacement.
    groups: Vec<(usize, String)>,
}

pub(super) fn applicability(
    b: &mut KindBuilder<'_, '_, '_>,
    default: Applicability,
) -> Applicability {
    match b.table.string("applicability") {
        None => default,
        Some(value) => match value.value.as_str() {
            "safe" => Applicability::Safe,
            "unsafe" => Applicability::Unsafe,
            "display-only" => Applicability::DisplayOnly,
            other => {
                b.error(
                    value.span,
                    format!("applicability must be safe, unsafe or display-only, not `{other}`"),
                );
                default
            }
        },
    }
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let swap = b.table.string_map("swap");
    let patterns = b.table.string_map("patterns");
    let ignore_case = b.table.bool("ignore-case").unwrap_or(true);
    let applicability = applicability(b, Applicability::Safe);
    let patterns = match patterns {
        Some(patterns) => Some(swap_patterns(b, patterns, ignore_case)?),
        None => None,
    };
    let swap = if patterns.is_some() {
        swap.unwrap_or_default()
    } else {
        b.require(swap, "swap")?
    };
    let mut replacements = Vec::with_capacity(swap.len());
    for (index, (wrong, right)) in swap.into_iter().enumerate() {
        b.add_term(index as u32, &wrong.value, !ignore_case);
        replacements.push(right.value);
    }
    Some(Box::new(Substitution {
        replacements,
        patterns,
        applicability,
    }))
}

fn swap_patterns(
    b: &mut KindBuilder<'_, '_, '_>,
    patterns: Vec<(super::Located<String>, super::Located<String>)>,
    ignore_case: bool,
) -> Option<SwapPatterns> {
    let mut alternation = Vec::with_capacity(patterns.len());
    let mut groups = Vec::with_capacity(patterns.len());
    let mut next_group = 1;
    let mut ok = true;
    for (pattern, replacement) in patterns {
        let Some(alone) = b.regex(&pattern, ignore_case) else {
            ok = false;
            continue;
        };
        groups.push((next_group, replacement.value));
        next_group += alone.captures_len();
        alternation.push(format!("({})", pattern.value));
    }
    if !ok {
        return None;
    }
    let combined = super::Located {
        value: alternation.join("|"),
        span: b.table.span(),
    };
    let regex = b.regex(&combined, ignore_case)?;
    Some(SwapPatterns { regex, groups })
}

impl Check for Substitution {
    fn check(&self, cx: &mut CheckContext<'_>) {
        for found in cx.matches() {
            let Some(right) = self.replacements.get(found.term as usize) else {
                continue;
            };
            let text = cx.text(&found.span);
            let suggestion = match_case(text, right);
            if suggestion == text {
                continue;
            }
            let diagnostic = cx
                .diagnostic(
                    found.span.clone(),
                    "use '{suggestion}' instead of '{match}'",
                    &[("match", text), ("suggestion", &suggestion)],
                )
                .with_help(format!("write '{suggestion}'"))
                .with_fix(found.span.clone(), suggestion.clone(), self.applicability);
            cx.report(diagnostic);
        }
        if let Some(patterns) = &self.patterns {
            self.check_patterns(patterns, cx);
        }
    }
}

impl Substitution {
    fn check_patterns(&self, patterns: &SwapPatterns, cx: &mut CheckContext<'_>) {
        for captures in patterns.regex.captures_iter(&cx.doc.prose) {
            let Some(whole) = captures.get(0) else {
                continue;
            };
            let span = whole.range();
            if span.is_empty() || !cx.doc.is_as_written(&span) || !cx.in_scope(&span) {
                continue;
            }
            let Some((_, right)) = patterns
                .groups
                .iter()
                .find(|(group, _)| captures.get(*group).is_some())
            else {
                continue;
            };
            let text = cx.text(&span);
            let suggestion = match_case(text, right);
            if suggestion == text {
                continue;
            }
            let diagnostic = cx
                .diagnostic(
                    span.clone(),
                    "use '{suggestion}' instead of '{match}'",
                    &[("match", text), ("suggestion", &suggestion)],
                )
                .with_help(format!("write '{suggestion}'"))
                .with_fix(span, suggestion.clone(), self.applicability);
            cx.report(diagnostic);
        }
    }
}
