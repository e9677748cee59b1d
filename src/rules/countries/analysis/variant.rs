//! The decision of `country.variant`: one country or city under two names in
//! one article, or under a name the house style does not use.

use std::collections::HashMap;
use std::ops::Range;

use super::super::gazetteer::gazetteer;
use super::article::Positions;
use super::outdated::outdated_here;
use super::{Article, Mention};

/// `country.variant`: one country under two names, or a name the house style does not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantFinding {
    /// The name that is not the preferred one.
    pub span: Range<usize>,
    /// That name as written.
    pub used: String,
    /// The name to use instead: the house style's, or the article's more frequent one.
    pub preferred: String,
    /// Set when a house style (or the rule) chose the preferred name, so a fix is offered.
    pub chosen: bool,
    /// The first use of the other name.
    pub other: Option<Range<usize>>,
    /// Inside a direct quotation: information only, never fixed.
    pub in_quotation: bool,
}

fn same_name(a: &str, b: &str) -> bool {
    a.replace('’', "'") == b.replace('’', "'")
}

/// [`variant_findings_with`] under a named house style (the tests' way in).
#[cfg(test)]
pub fn variant_findings(
    article: &Article<'_>,
    mentions: &[Mention],
    house_style: Option<&str>,
) -> Vec<VariantFinding> {
    let g = gazetteer();
    variant_findings_with(article, mentions, &|set: &str| {
        house_style.and_then(|style| g.preferred(style, set))
    })
}

/// The uses of a variant set's names other than its preferred one: the name
/// `prefer` gives for the set's id (the rule's or the house style's choice),
/// else the article's most used. Two names in one sentence explain each other
/// ("Eswatini, formerly Swaziland"), and out-of-date former names are left to
/// `country.outdated`.
pub fn variant_findings_with<'p>(
    article: &Article<'_>,
    mentions: &[Mention],
    prefer: &dyn Fn(&str) -> Option<&'p str>,
) -> Vec<VariantFinding> {
    let g = gazetteer();
    let mut findings = Vec::new();
    if !article.covered() {
        return findings;
    }
    let local = article.local();
    let sets = local.map_or(g.variants.as_slice(), |t| t.variants.as_slice());
    let positions = Positions::new(article);
    for set in sets {
        // Mentions of this set, grouped by name (apostrophe styles are one name).
        let mut used: Vec<(String, Vec<Range<usize>>)> = Vec::new();
        for m in mentions {
            let Some((name, _)) = g.base_form(m.term) else {
                continue;
            };
            if !set.names.iter().any(|n| n == name) {
                continue;
            }
            if outdated_here(article, &positions, g, m).is_some() {
                continue;
            }
            match used.iter_mut().find(|(used, _)| same_name(used, name)) {
                Some((_, spans)) => spans.push(m.span.clone()),
                None => used.push((name.to_string(), vec![m.span.clone()])),
            }
        }
        if used.is_empty() {
            continue;
        }
        // Two names in one sentence explain each other ("Eswatini, formerly Swaziland").
        let mut name_in_sentence: HashMap<usize, usize> = HashMap::new();
        let explained = used.iter().enumerate().any(|(name, (_, spans))| {
            spans
                .iter()
                .filter_map(|span| positions.sentence_of(span))
                .any(|sentence| *name_in_sentence.entry(sentence).or_insert(name) != name)
        });
        if explained {
            continue;
        }
        // House styles name English names only.
        let preference = if local.is_none() {
            prefer(&set.id)
        } else {
            None
        };
        let (preferred, chosen) = match preference {
            Some(name) => (name.to_string(), true),
            None if used.len() > 1 => {
                // The article's own majority; on a tie, the name used first.
                let best = used.iter().max_by(|a, b| {
                    a.1.len()
                        .cmp(&b.1.len())
                        .then(b.1[0].start.cmp(&a.1[0].start))
                });
                match best {
                    Some((name, _)) => (name.clone(), false),
                    None => continue,
                }
            }
            None => continue,
        };
        let other = used
            .iter()
            .find(|(name, _)| same_name(name, &preferred))
            .map(|(_, spans)| spans[0].clone());
        for (name, spans) in &used {
            if same_name(name, &preferred) {
                continue;
            }
            for span in spans {
                findings.push(VariantFinding {
                    span: span.clone(),
                    used: name.clone(),
                    preferred: preferred.clone(),
                    chosen,
                    other: other.clone(),
                    in_quotation: positions.in_quotation(span),
                });
            }
        }
    }
    findings.sort_by_key(|f| f.span.start);
    findings
}
