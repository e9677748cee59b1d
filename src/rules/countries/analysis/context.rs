//! The decision of `country.context`: a confusable partner named where the
//! country the article is about is meant.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::super::gazetteer::{gazetteer, ConfusableForms, CountryId, Gazetteer, TermKind};
use super::article::Positions;
use super::{Article, Evidence, Mention};

/// Where a finding's supporting evidence is, for a secondary label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceLabel {
    /// The dateline's city or the first mention of the right country.
    pub span: Range<usize>,
    /// What that evidence says ("the article is about South Korea").
    pub message: String,
}

/// `country.context`: a confusable partner named where the article's country is meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextFinding {
    /// The mention of the wrong country.
    pub span: Range<usize>,
    /// The country named.
    pub wrong: CountryId,
    /// The country the article is about.
    pub right: CountryId,
    /// The right country's name in the same form (official for official).
    pub suggestion: String,
    /// Why the two are confused, from the gazetteer.
    pub why: String,
    /// Where the article shows what it is about.
    pub label: Option<EvidenceLabel>,
    /// Inside a direct quotation: shown, never fixed.
    pub in_quotation: bool,
}

/// What may stand between two countries of a list ("Canada, Australia and Brazil").
const LIST_SEPARATORS: &[&str] = &[",", "and", ", and", "or", ", or", "-", "–", "/", "&"];

fn is_list_separator(between: &str) -> bool {
    LIST_SEPARATORS.contains(&between.trim())
}

fn longest_list_separator() -> usize {
    LIST_SEPARATORS.iter().map(|s| s.len()).max().unwrap_or(0)
}

/// The mentions that name a country, indexed once so that each question about
/// them is a lookup rather than a pass over the article.
struct NamingMentions {
    /// Mentions naming exactly one country, by country, in article order.
    by_country: HashMap<CountryId, Vec<usize>>,
    /// Every naming mention (shared names included) as (start, index), sorted.
    by_start: Vec<(usize, usize)>,
    /// The same as (end, index), sorted.
    by_end: Vec<(usize, usize)>,
}

impl NamingMentions {
    fn new(g: &Gazetteer, mentions: &[Mention]) -> NamingMentions {
        let mut by_country: HashMap<CountryId, Vec<usize>> = HashMap::new();
        let mut by_start = Vec::new();
        let mut by_end = Vec::new();
        for (index, m) in mentions.iter().enumerate() {
            let Some(term) = g.term(m.term) else { continue };
            if !term.kind.names_country() {
                continue;
            }
            by_start.push((m.span.start, index));
            by_end.push((m.span.end, index));
            if let Some(id) = term.country() {
                by_country.entry(id).or_default().push(index);
            }
        }
        by_start.sort_unstable();
        by_end.sort_unstable();
        NamingMentions {
            by_country,
            by_start,
            by_end,
        }
    }

    fn of(&self, id: CountryId) -> &[usize] {
        self.by_country.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Whether a naming mention sits beside `mention` with only a list separator
    /// between them.
    fn listed_beside(&self, text: &str, mentions: &[Mention], mention: &Mention) -> bool {
        let reach = longest_list_separator();
        let start = mention.span.start;
        let end = mention.span.end;
        // A separator and the spaces around it: mentions ending earlier than
        // `earliest_end` (or starting after `latest_start`) are too far away.
        let earliest_end = {
            let separator_end = text.get(..start).map_or(0, |t| t.trim_end().len());
            let mut at = separator_end.saturating_sub(reach);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.get(..at).map_or(0, |t| t.trim_end().len())
        };
        let latest_start = {
            let after = text.get(end..).unwrap_or("");
            let separator_start = end + (after.len() - after.trim_start().len());
            let mut at = (separator_start + reach).min(text.len());
            while !text.is_char_boundary(at) {
                at += 1;
            }
            let after = text.get(at..).unwrap_or("");
            at + (after.len() - after.trim_start().len())
        };
        let gap_is_separator = |gap: Range<usize>| {
            gap.start <= gap.end && text.get(gap).is_some_and(is_list_separator)
        };
        let before = self.by_end.partition_point(|&(e, _)| e < earliest_end);
        let left = self.by_end[before..]
            .iter()
            .take_while(|&&(e, _)| e <= start)
            .filter_map(|&(_, i)| mentions.get(i))
            .any(|c| c.span != mention.span && gap_is_separator(c.span.end..start));
        if left {
            return true;
        }
        let after = self.by_start.partition_point(|&(s, _)| s < end);
        self.by_start[after..]
            .iter()
            .take_while(|&&(s, _)| s <= latest_start)
            .filter_map(|&(_, i)| mentions.get(i))
            .any(|c| c.span != mention.span && gap_is_separator(end..c.span.start))
    }
}

/// Whether a mention sits in the same sentence as `other` country's name
/// (`other_sentences`), or in a list beside another country: signs that the
/// writer meant both.
fn deliberate(
    article: &Article<'_>,
    positions: &Positions<'_>,
    naming: &NamingMentions,
    mentions: &[Mention],
    mention: &Mention,
    other_sentences: &HashSet<usize>,
) -> bool {
    // A shared name ("Korean Peninsula") does not name the other country, and
    // `other_sentences` holds only names of `other` alone.
    let same_sentence = positions
        .sentence_of(&mention.span)
        .is_some_and(|s| other_sentences.contains(&s));
    same_sentence || naming.listed_beside(article.text, mentions, mention)
}

/// Every mention of a confusable partner of a country the article is clearly
/// about, unless the article shows that it means the partner too: other
/// evidence for the partner, a form of its name the pair is not confused by,
/// the two named in one sentence or one list, or evidence for the right
/// country that does not clearly outweigh the partner's.
pub fn context_findings(
    article: &Article<'_>,
    mentions: &[Mention],
    evidence: &Evidence,
) -> Vec<ContextFinding> {
    let g = gazetteer();
    let mut findings = Vec::new();
    if !article.is_english() {
        return findings;
    }
    let positions = Positions::new(article);
    let naming = NamingMentions::new(g, mentions);
    let dominant = evidence.dominant();
    for &right in &dominant {
        let right_evidence = evidence.of(right);
        if right_evidence.name_mentions() + right_evidence.demonyms == 0 {
            continue;
        }
        let right_sentences: HashSet<usize> = naming
            .of(right)
            .iter()
            .filter_map(|&i| mentions.get(i))
            .filter_map(|m| positions.sentence_of(&m.span))
            .collect();
        for (wrong, pair) in g.partners(right) {
            if dominant.contains(&wrong) {
                continue;
            }
            let wrong_evidence = evidence.of(wrong);
            if wrong_evidence.dateline
                || wrong_evidence.demonyms > 0
                || wrong_evidence.cities > 0
                || wrong_evidence.shared > 0
                || wrong_evidence.russian > 0
            {
                continue;
            }
            let wrong_mentions: Vec<&Mention> = naming
                .of(wrong)
                .iter()
                .filter_map(|&i| mentions.get(i))
                .collect();
            if wrong_mentions.is_empty() {
                continue;
            }
            let confusable_form = |m: &Mention| match pair.forms {
                ConfusableForms::Any => true,
                ConfusableForms::Official => {
                    g.term(m.term).is_some_and(|t| t.kind == TermKind::Official)
                }
            };
            // A name the pair does not share is an independent mention.
            if !wrong_mentions.iter().all(|m| confusable_form(m)) {
                continue;
            }
            if wrong_mentions
                .iter()
                .any(|m| deliberate(article, &positions, &naming, mentions, m, &right_sentences))
            {
                continue;
            }
            if right_evidence.score() < 2 * wrong_evidence.score() + 2 {
                continue;
            }
            let right_country = &g.countries[right];
            let label = label_for(article, g, &naming, mentions, evidence, right);
            for m in wrong_mentions {
                let kind = g.term(m.term).map(|t| t.kind);
                let suggestion = match kind {
                    Some(TermKind::Official) => right_country
                        .official
                        .first()
                        .cloned()
                        .unwrap_or_else(|| right_country.name.clone()),
                    _ => right_country.name.clone(),
                };
                findings.push(ContextFinding {
                    span: m.span.clone(),
                    wrong,
                    right,
                    suggestion,
                    why: pair.why.clone(),
                    label: label.clone(),
                    in_quotation: positions.in_quotation(&m.span),
                });
            }
        }
    }
    findings.sort_by_key(|f| f.span.start);
    findings.dedup_by(|a, b| a.span == b.span);
    findings
}

fn label_for(
    article: &Article<'_>,
    g: &Gazetteer,
    naming: &NamingMentions,
    mentions: &[Mention],
    evidence: &Evidence,
    right: CountryId,
) -> Option<EvidenceLabel> {
    let name = &g.countries[right].name;
    if evidence.dateline_country == Some(right) {
        if let Some(city) = &article.dateline_city {
            return Some(EvidenceLabel {
                span: city.clone(),
                message: format!("the dateline places the story in {name}"),
            });
        }
    }
    naming
        .of(right)
        .first()
        .and_then(|&i| mentions.get(i))
        .map(|m| EvidenceLabel {
            span: m.span.clone(),
            message: format!("the article is about {name}"),
        })
}
