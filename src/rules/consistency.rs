//! `consistency`: one document, one spelling of the same thing.

use super::{match_case, Check, CheckContext, KindBuilder, VariantGroup};
use super::{substitution::applicability, Kind};
use crate::diagnostic::Applicability;

/// The `consistency` kind: one form of a word or name per article.
pub static KIND: Kind = Kind {
    name: "consistency",
    keys: &["groups", "ignore-case", "applicability"],
    summary: "groups of variants of which a document should use only one",
    build,
};

struct Group {
    variants: Vec<String>,
    preferred: Option<usize>,
}

struct Consistency {
    groups: Vec<Group>,
    /// Term id → (group, variant).
    terms: Vec<(usize, usize)>,
    applicability: Applicability,
    case_sensitive: bool,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let ignore_case = b.table.bool("ignore-case").unwrap_or(false);
    let applicability = applicability(b, Applicability::Safe);
    let tables = b.table.table_array("groups");
    if tables.is_empty() {
        b.error(
            b.table.span(),
            format!("rule `{}` needs `groups`", b.meta.id),
        );
        return None;
    }
    let mut groups = Vec::new();
    let mut terms = Vec::new();
    let mut ok = true;
    for mut table in tables {
        let variants = table.string_list("variants").unwrap_or_default();
        let preferred = table.string("preferred");
        table.finish(&["variants", "preferred"]);
        if variants.len() < 2 {
            b.error(
                table_span_or(&variants, b),
                "a group needs at least two `variants`",
            );
            ok = false;
            continue;
        }
        let preferred_index = match preferred {
            None => None,
            Some(p) => {
                let index = variants.iter().position(|v| v.value == p.value);
                if index.is_none() {
                    b.error(
                        p.span,
                        format!("`preferred` must be one of the variants, not `{}`", p.value),
                    );
                    ok = false;
                }
                index
            }
        };
        let group_index = groups.len();
        for (variant_index, variant) in variants.iter().enumerate() {
            b.add_term(terms.len() as u32, &variant.value, !ignore_case);
            terms.push((group_index, variant_index));
        }
        groups.push(Group {
            variants: variants.into_iter().map(|v| v.value).collect(),
            preferred: preferred_index,
        });
    }
    ok.then(|| {
        Box::new(Consistency {
            groups,
            terms,
            applicability,
            case_sensitive: !ignore_case,
        }) as Box<dyn Check>
    })
}

fn table_span_or(
    variants: &[super::Located<String>],
    b: &KindBuilder<'_, '_, '_>,
) -> std::ops::Range<usize> {
    variants
        .first()
        .map(|v| v.span.clone())
        .unwrap_or_else(|| b.table.span())
}

impl Check for Consistency {
    fn variant_groups(&self) -> Vec<VariantGroup> {
        let groups = self.groups.iter();
        groups
            .map(|group| VariantGroup {
                forms: group.variants.clone(),
                case_sensitive: self.case_sensitive,
                preferred: group.preferred,
                reported_in_each_article: false,
            })
            .collect()
    }

    fn check(&self, cx: &mut CheckContext<'_>) {
        for (group_index, group) in self.groups.iter().enumerate() {
            let uses: Vec<(&std::ops::Range<usize>, usize)> = cx
                .matches()
                .iter()
                .filter_map(|m| {
                    let (g, v) = *self.terms.get(m.term as usize)?;
                    (g == group_index).then_some((&m.span, v))
                })
                .collect();
            let Some(&(first_span, first_variant)) = uses.first() else {
                continue;
            };
            if uses.iter().all(|(_, v)| *v == first_variant) {
                continue;
            }
            // The reference is the preferred form when the group names one,
            // else whichever form the document used first.
            let reference = group.preferred.unwrap_or(first_variant);
            let reference_use = uses.iter().find(|(_, v)| *v == reference);
            let (label_span, why) = match reference_use {
                Some((span, _)) if group.preferred.is_some() => {
                    ((*span).clone(), "the preferred form is used here")
                }
                Some((span, _)) => ((*span).clone(), "first written this way here"),
                None => (first_span.clone(), "the first of the forms used"),
            };
            let right = &group.variants[reference];
            for (span, variant) in &uses {
                if *variant == reference {
                    continue;
                }
                let text = cx.text(span);
                let suggestion = match_case(text, right);
                let diagnostic = cx
                    .diagnostic(
                        (*span).clone(),
                        "'{match}' is also written '{suggestion}' in this article",
                        &[("match", text), ("suggestion", &suggestion)],
                    )
                    .with_label(label_span.clone(), why)
                    .with_help(format!("write '{suggestion}' throughout"))
                    .with_fix((*span).clone(), suggestion.clone(), self.applicability);
                cx.report(diagnostic);
            }
        }
    }
}
