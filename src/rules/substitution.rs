//! `substitution`: a wrong form and the right one, fixed with the case kept.

use std::ops::Range;

use super::pattern::{self, Pattern};
use super::{match_case, Check, CheckContext, Kind, KindBuilder, VariantGroup};
use crate::diagnostic::Applicability;

/// The `substitution` kind: a word or phrase to replace with the house form.
pub static KIND: Kind = Kind {
    name: "substitution",
    keys: &["swap", "patterns", "ignore-case", "applicability"],
    summary: "replace a wrong form with the right one, keeping its case",
    build,
};

struct Substitution {
    /// The `swap` table's wrong forms, in the order of `replacements`.
    swapped: Vec<String>,
    replacements: Vec<String>,
    ignore_case: bool,
    patterns: Option<SwapPatterns>,
    applicability: Applicability,
}

/// One pattern of the alternation: the group that wraps it, its place in the
/// table and its replacement.
type Alternative = (usize, usize, String);

/// `patterns`: regular expressions and their replacements. Those `regex`
/// runs alone are matched as one alternation, so that a document is scanned
/// once for all of them; each with look-around is matched on its own.
struct SwapPatterns {
    /// The alternation, and for each of its patterns the group that wraps
    /// it, its place in the table and its replacement.
    plain: Option<(Pattern, Vec<Alternative>)>,
    /// The others, with their place and replacement.
    fancy: Vec<(Pattern, usize, String)>,
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
    let mut swapped = Vec::with_capacity(swap.len());
    for (index, (wrong, right)) in swap.into_iter().enumerate() {
        b.add_term(index as u32, &wrong.value, !ignore_case);
        swapped.push(wrong.value);
        replacements.push(right.value);
    }
    Some(Box::new(Substitution {
        swapped,
        replacements,
        ignore_case,
        patterns,
        applicability,
    }))
}

fn swap_patterns(
    b: &mut KindBuilder<'_, '_, '_>,
    patterns: Vec<(super::Located<String>, super::Located<String>)>,
    ignore_case: bool,
) -> Option<SwapPatterns> {
    let mut alternation = Vec::new();
    let mut groups = Vec::new();
    let mut fancy = Vec::new();
    let mut next_group = 1;
    let mut ok = true;
    for (place, (source, replacement)) in patterns.into_iter().enumerate() {
        // A pattern `regex` reads goes into the alternation uncompiled:
        // compiling it alone too would double the rule's compile time.
        if let Some(groups_len) = pattern::plain_groups_len(&source.value, ignore_case) {
            groups.push((next_group, place, replacement.value));
            next_group += groups_len;
            alternation.push(format!("({})", source.value));
            continue;
        }
        match pattern::compile(b, &source, ignore_case) {
            None => ok = false,
            Some(alone) => fancy.push((alone, place, replacement.value)),
        }
    }
    if !ok {
        return None;
    }
    let plain = if alternation.is_empty() {
        None
    } else {
        let combined = super::Located {
            value: alternation.join("|"),
            span: b.table.span(),
        };
        Some((pattern::compile(b, &combined, ignore_case)?, groups))
    };
    Some(SwapPatterns { plain, fancy })
}

impl Check for Substitution {
    /// Each right form with the wrong forms the `swap` table replaces by it.
    /// The rule reports the wrong forms in every article, so the archive
    /// only counts them; `patterns` are not words and give no group.
    fn variant_groups(&self) -> Vec<VariantGroup> {
        let key = |form: &str| {
            if self.ignore_case {
                form.to_lowercase()
            } else {
                form.to_string()
            }
        };
        let mut groups: Vec<VariantGroup> = Vec::new();
        let mut by_right: std::collections::HashMap<String, usize> = Default::default();
        let pairs = self.swapped.iter().zip(&self.replacements);
        for (wrong, right) in pairs {
            // "a|b" offers a choice of right forms: no one form to count.
            if right.trim().is_empty() || right.contains('|') || key(wrong) == key(right) {
                continue;
            }
            match by_right.get(&key(right)) {
                Some(&index) => {
                    let forms = &mut groups[index].forms;
                    if !forms.iter().any(|f| key(f) == key(wrong)) {
                        forms.push(wrong.clone());
                    }
                }
                None => {
                    by_right.insert(key(right), groups.len());
                    groups.push(VariantGroup {
                        forms: vec![right.clone(), wrong.clone()],
                        case_sensitive: !self.ignore_case,
                        preferred: Some(0),
                        reported_in_each_article: true,
                    });
                }
            }
        }
        groups
    }

    fn patterns(&self) -> Vec<&Pattern> {
        let Some(patterns) = &self.patterns else {
            return Vec::new();
        };
        let plain = patterns.plain.iter().map(|(alternation, _)| alternation);
        plain
            .chain(patterns.fancy.iter().map(|(alone, ..)| alone))
            .collect()
    }

    fn check(&self, cx: &mut CheckContext<'_>) {
        if let Some(patterns) = &self.patterns {
            // With patterns, the words of `swap` are weighed with them, so
            // that a match inside another is not a second finding.
            self.check_patterns(patterns, cx);
            return;
        }
        for found in cx.matches() {
            let Some(right) = self.replacements.get(found.term as usize) else {
                continue;
            };
            let text = cx.text(&found.span);
            let suggestion = match_case(text, right);
            if suggestion == text {
                continue;
            }
            let diagnostic = cx.diagnostic(
                found.span.clone(),
                "use '{suggestion}' instead of '{match}'",
                &[("match", text), ("suggestion", &suggestion)],
            );
            let diagnostic = diagnostic.with_help(help_to_write(&suggestion)).with_fix(
                found.span.clone(),
                suggestion,
                self.applicability,
            );
            cx.report(diagnostic);
        }
    }
}

impl Substitution {
    fn check_patterns(&self, patterns: &SwapPatterns, cx: &mut CheckContext<'_>) {
        // (span, place in the table, replacement): as one alternation would
        // find them, the earliest first and, where two start together, the
        // one listed first; a match inside an earlier one is not another.
        let mut candidates: Vec<(Range<usize>, usize, &str)> = Vec::new();
        for found in cx.matches() {
            if let Some(right) = self.replacements.get(found.term as usize) {
                candidates.push((found.span.clone(), found.term as usize, right));
            }
        }
        if let Some((alternation, groups)) = &patterns.plain {
            for found in alternation.find_in(cx.doc) {
                let chosen = groups
                    .iter()
                    .find(|(group, ..)| found.groups.get(*group).is_some_and(Option::is_some));
                if let Some((_, place, right)) = chosen {
                    candidates.push((found.span, *place, right));
                }
            }
        }
        for (alone, place, right) in &patterns.fancy {
            for found in alone.find_in(cx.doc) {
                candidates.push((found.span, *place, right));
            }
        }
        candidates.sort_by_key(|(span, place, _)| (span.start, *place));
        let mut taken_until = 0;
        for (span, _, right) in candidates {
            if span.start < taken_until {
                continue;
            }
            if span.is_empty() || !cx.doc.is_as_written(&span) || !cx.in_scope(&span) {
                continue;
            }
            taken_until = span.end;
            let text = cx.text(&span);
            let suggestion = match_case(text, right);
            if suggestion == text {
                continue;
            }
            let diagnostic = cx.diagnostic(
                span.clone(),
                "use '{suggestion}' instead of '{match}'",
                &[("match", text), ("suggestion", &suggestion)],
            );
            let diagnostic = diagnostic.with_help(help_to_write(&suggestion)).with_fix(
                span,
                suggestion,
                self.applicability,
            );
            cx.report(diagnostic);
        }
    }
}

/// A finding's help, "write 'suggestion'", put together by hand: through
/// `format!`, so short a text cost several times its copying.
fn help_to_write(suggestion: &str) -> String {
    let mut help = String::with_capacity(suggestion.len() + 8);
    help.push_str("write '");
    help.push_str(suggestion);
    help.push('\'');
    help
}
