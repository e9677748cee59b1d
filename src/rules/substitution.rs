//! `substitution`: a wrong form and the right one, fixed with the case kept.

use super::{match_case, Check, CheckContext, Kind, KindBuilder};
use crate::diagnostic::Applicability;

/// The `substitution` kind: a word or phrase to replace with the house form.
pub static KIND: Kind = Kind {
    name: "substitution",
    keys: &["swap", "ignore-case", "applicability"],
    summary: "replace a wrong form with the right one, keeping its case",
    build,
};

struct Substitution {
    replacements: Vec<String>,
    applicability: Applicability,
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
    let swap = b.require(swap, "swap")?;
    let ignore_case = b.table.bool("ignore-case").unwrap_or(true);
    let applicability = applicability(b, Applicability::Safe);
    let mut replacements = Vec::with_capacity(swap.len());
    for (index, (wrong, right)) in swap.into_iter().enumerate() {
        b.add_term(index as u32, &wrong.value, !ignore_case);
        replacements.push(right.value);
    }
    Some(Box::new(Substitution {
        replacements,
        applicability,
    }))
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
    }
}
