//! The decision of `country.outdated`: a former name the article's own date
//! says is out of date.

use std::ops::Range;

use jiff::civil::Date;

use super::super::gazetteer::{gazetteer, Gazetteer};
use super::article::Positions;
use super::{Article, Mention};

/// `country.outdated`: a former name, judged against the article's own date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutdatedFinding {
    /// The former name in the text.
    pub span: Range<usize>,
    /// The former name.
    pub name: String,
    /// The name that replaced it.
    pub current: String,
    /// First day on which the former name is outdated.
    pub since: Date,
    /// Inside a direct quotation: information only, never fixed.
    pub in_quotation: bool,
}

/// Words just before a former name that show the writer means the past.
const HISTORICAL_CUES: &[&str] = &[
    "former",
    "formerly",
    "then",
    "once",
    "known as",
    "called",
    "renamed",
    "old name",
    "previously",
    "ex-",
];

pub(super) fn outdated_here(
    article: &Article<'_>,
    positions: &Positions<'_>,
    g: &Gazetteer,
    mention: &Mention,
) -> Option<OutdatedFinding> {
    let date = article.judged_on()?;
    let local = article.local();
    let text = g.base_form(mention.term)?.0;
    let former = local
        .map_or(g.former_names.as_slice(), |t| t.former_names.as_slice())
        .iter()
        .find(|f| f.check && f.name == text && f.outdated_on(date))?;
    let mut before_start = mention.span.start.saturating_sub(24);
    while !article.text.is_char_boundary(before_start) {
        before_start -= 1;
    }
    let before = article
        .text
        .get(before_start..mention.span.start)?
        .to_lowercase();
    let local_cues = local.map_or(&[][..], |t| t.historical_cues.as_slice());
    let cued = HISTORICAL_CUES.iter().any(|cue| before.contains(cue))
        || local_cues
            .iter()
            .any(|cue| before.contains(cue.to_lowercase().as_str()));
    if cued {
        return None;
    }
    // A year before the change in the same sentence dates the reference.
    if let Some(index) = positions.sentence_of(&mention.span) {
        if positions
            .earliest_year(index)
            .is_some_and(|year| year < former.since.year())
        {
            return None;
        }
    }
    // In the case the article wrote the former name in ("в Нур-Султане" → "в Астане").
    let current = match (local, g.base_form(mention.term)) {
        (Some(table), Some((_, slot))) => table.declined(&former.current, slot),
        _ => former.current.clone(),
    };
    Some(OutdatedFinding {
        span: mention.span.clone(),
        name: former.name.clone(),
        current,
        since: former.since,
        in_quotation: positions.in_quotation(&mention.span),
    })
}

/// Every mention of a former name already out of date on the article's date,
/// unless the words before it or an earlier year in its sentence show that the
/// writer means the past.
pub fn outdated_findings(article: &Article<'_>, mentions: &[Mention]) -> Vec<OutdatedFinding> {
    let g = gazetteer();
    if !article.covered() {
        return Vec::new();
    }
    let positions = Positions::new(article);
    mentions
        .iter()
        .filter_map(|m| outdated_here(article, &positions, g, m))
        .collect()
}
