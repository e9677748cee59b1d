//! The decision of `country.abbreviation`: an abbreviation in Russian copy
//! that stands for several countries, and which of them the context supports.

use std::ops::Range;

use super::super::gazetteer::{gazetteer, CountryId, TermKind};
use super::{Evidence, Mention};

/// An ambiguous abbreviation in Russian copy and what the context supports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AbbreviationFinding {
    /// The abbreviation in the text.
    pub span: Range<usize>,
    /// The abbreviation as the gazetteer spells it.
    pub text: String,
    /// Every country it can stand for.
    pub candidates: Vec<CountryId>,
    /// The candidate the context supports, when exactly one has support.
    pub supported: Option<CountryId>,
    /// The gazetteer's note on the abbreviation.
    pub note: String,
}

/// Every ambiguous abbreviation, with the candidates the evidence supports.
pub fn abbreviation_findings(
    mentions: &[Mention],
    evidence: &Evidence,
) -> Vec<AbbreviationFinding> {
    let g = gazetteer();
    let mut findings = Vec::new();
    for m in mentions {
        let Some(term) = g.term(m.term) else { continue };
        if term.kind != TermKind::Abbreviation {
            continue;
        }
        let Some(abbreviation) = g.abbreviations.iter().find(|a| a.text == term.text) else {
            continue;
        };
        let supported: Vec<CountryId> = abbreviation
            .countries
            .iter()
            .copied()
            .filter(|&id| evidence.of(id).score() > 0)
            .collect();
        findings.push(AbbreviationFinding {
            span: m.span.clone(),
            text: term.text.clone(),
            candidates: abbreviation.countries.clone(),
            supported: match supported.as_slice() {
                [only] => Some(*only),
                _ => None,
            },
            note: abbreviation.note.clone(),
        });
    }
    findings
}
