//! The decision of `country.context`: a confusable partner named where the
//! country the article is about is meant. Each mention of one side of a pair
//! is weighed by the rest of the article (`weighing`): the partner's evidence
//! against the named country's own, both outside the mention's sentence.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::super::gazetteer::{gazetteer, ConfusableForms, CountryId, Gazetteer, TermKind};
use super::article::Positions;
use super::weighing::{Ledger, Tally};
use super::{Article, Mention};

/// Where a finding's supporting evidence is, for a secondary label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceLabel {
    /// The dateline's city, or a mention of the right country, one of its
    /// cities or institutions.
    pub span: Range<usize>,
    /// What that evidence says ("the dateline places the story in South Korea").
    pub message: String,
}

/// How sure the decision is, which sets the finding's severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// Some evidence for the right country and none for the named one: a warning.
    Moderate,
    /// Plenty of evidence for the right country: an error.
    Strong,
}

/// `country.context`: a confusable partner named where the article's country is meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextFinding {
    /// The mention of the wrong country.
    pub span: Range<usize>,
    /// The country named; None for a misspelling ("Columbia").
    pub wrong: Option<CountryId>,
    /// The country the article is about.
    pub right: CountryId,
    /// The right country's name in the same form (official for official).
    pub suggestion: String,
    /// Why the two are confused, from the gazetteer.
    pub why: String,
    /// Where the article shows what it is about, strongest first.
    pub labels: Vec<EvidenceLabel>,
    /// The evidence weighed, in words, for the finding's note.
    pub evidence: String,
    /// How sure the decision is.
    pub confidence: Confidence,
    /// Inside a direct quotation: shown, never fixed.
    pub in_quotation: bool,
}

/// What may stand between two countries of a list ("Canada, Australia and Brazil").
const LIST_SEPARATORS: &[&str] = &[",", "and", ", and", "or", ", or", "-", "–", "/", "&"];

/// The separators, with the words that join a list in the article's
/// language ("Iran et Irak", "Иран и Ирак").
fn is_list_separator(between: &str, words: &[String]) -> bool {
    let between = between.trim();
    LIST_SEPARATORS.contains(&between)
        || words.iter().any(|w| {
            between == w || between.strip_prefix(',').map(str::trim_start) == Some(w.as_str())
        })
}

fn longest_list_separator(words: &[String]) -> usize {
    let local = words.iter().map(|w| w.len() + 2).max().unwrap_or(0);
    LIST_SEPARATORS
        .iter()
        .map(|s| s.len())
        .max()
        .unwrap_or(0)
        .max(local)
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
    /// The words that join a list in the article's language.
    list_words: &'static [String],
}

impl NamingMentions {
    /// The names outside the dateline: "SURFERS PARADISE, Australia - Austria's"
    /// is no list of two countries.
    fn new(g: &Gazetteer, article: &Article<'_>, mentions: &[Mention]) -> NamingMentions {
        let mut by_country: HashMap<CountryId, Vec<usize>> = HashMap::new();
        let mut by_start = Vec::new();
        let mut by_end = Vec::new();
        for (index, m) in mentions.iter().enumerate() {
            let Some(term) = g.term(m.term) else { continue };
            if !term.kind.names_country() || article.in_dateline(&m.span) {
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
            list_words: article.local().map_or(&[], |t| t.list_words.as_slice()),
        }
    }

    fn of(&self, id: CountryId) -> &[usize] {
        self.by_country.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Whether a naming mention sits beside `mention` with only a list separator
    /// between them.
    fn listed_beside(&self, text: &str, mentions: &[Mention], mention: &Mention) -> bool {
        let reach = longest_list_separator(self.list_words);
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
            gap.start <= gap.end
                && text
                    .get(gap)
                    .is_some_and(|between| is_list_separator(between, self.list_words))
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

/// Whether the writer plainly means the named country: a name of the partner
/// in the same sentence (the dateline aside), or a list of countries around
/// the mention ("Iran-Iraq war", "Austria, Germany and Italy").
fn deliberate(
    article: &Article<'_>,
    positions: &Positions<'_>,
    naming: &NamingMentions,
    mentions: &[Mention],
    mention: &Mention,
    partner_sentences: &HashSet<usize>,
) -> bool {
    let partner_in_sentence = positions
        .sentence_of(&mention.span)
        .is_some_and(|s| partner_sentences.contains(&s));
    partner_in_sentence || naming.listed_beside(article.text, mentions, mention)
}

/// The sentences that name a country (the dateline aside).
fn sentences_naming(
    positions: &Positions<'_>,
    naming: &NamingMentions,
    mentions: &[Mention],
    country: CountryId,
) -> HashSet<usize> {
    naming
        .of(country)
        .iter()
        .filter_map(|&i| mentions.get(i))
        .filter_map(|m| positions.sentence_of(&m.span))
        .collect()
}

/// How sure the article's evidence makes a swap of `named` for `right`:
/// `right`'s evidence must name it and clearly outweigh `named`'s (both
/// outside the sentence); `named_meant` is evidence for `named`, anywhere,
/// beyond the kind of word under suspicion (its people, cities, institutions,
/// the dateline for a name; also its name for a people), which means the
/// writer meant it.
fn confidence(right: &Tally, named: &Tally, named_meant: bool) -> Option<Confidence> {
    if !right.names_it() || named_meant {
        return None;
    }
    let named_weight = named.weight;
    let r = right.weight;
    if r >= STRONG_WEIGHT && r >= 4 * named_weight + 6 {
        Some(Confidence::Strong)
    } else if r >= MODERATE_WEIGHT && r >= 2 * named_weight + 4 {
        Some(Confidence::Moderate)
    } else {
        None
    }
}

/// The weight of evidence for the right country (outside the suspect
/// sentence) that makes a finding an error: the dateline and two names, or
/// five names, cities or mentions of its people.
pub const STRONG_WEIGHT: u32 = 10;
/// The least weight for a warning: two names, cities or mentions of its people
/// (one alone is how a story mentions a country in passing).
pub const MODERATE_WEIGHT: u32 = 4;

/// Every mention of one side of a confusable pair that the rest of the
/// article says is the other side, and every misspelling of a country the
/// article is about.
pub fn context_findings(article: &Article<'_>, mentions: &[Mention]) -> Vec<ContextFinding> {
    let g = gazetteer();
    let mut findings = Vec::new();
    if !article.covered() {
        return findings;
    }
    let local = article.local();
    let positions = Positions::new(article);
    let naming = NamingMentions::new(g, article, mentions);
    let ledger = Ledger::new(article, &positions, mentions);
    let mut tallies: HashMap<(CountryId, Option<usize>), Tally> = HashMap::new();
    let mut tally = |country: CountryId, sentence: Option<usize>| {
        tallies
            .entry((country, sentence))
            .or_insert_with(|| ledger.tally(country, sentence))
            .clone()
    };
    let mut partner_sentences: HashMap<CountryId, HashSet<usize>> = HashMap::new();
    let mut together: HashMap<(CountryId, CountryId), bool> = HashMap::new();
    for m in mentions {
        if article.in_dateline(&m.span) {
            continue;
        }
        let Some(term) = g.term(m.term) else { continue };
        let Some(named) = term.country() else {
            continue;
        };
        let sentence = positions.sentence_of(&m.span);
        if term.kind == TermKind::Misspelling && local.is_none() {
            let right = tally(named, sentence);
            let nothing = Tally::default();
            if let Some(confidence) = confidence(&right, &nothing, false) {
                let why = g
                    .misspellings
                    .iter()
                    .find(|s| s.text == term.text)
                    .map_or_else(String::new, |s| s.why.clone());
                let country = &g.countries[named];
                findings.push(ContextFinding {
                    span: m.span.clone(),
                    wrong: None,
                    right: named,
                    suggestion: country.name.clone(),
                    why,
                    labels: labels_for(g, named, &right),
                    evidence: format!("evidence for {}: {}", country.name, right.describe()),
                    confidence,
                    in_quotation: positions.in_quotation(&m.span),
                });
            }
            continue;
        }
        // A people or adjective is swapped as a name is ("Iraqi officials"
        // in a story about Iran), in English copy.
        // A hyphenated compound ("Iranian-backed", "Austrian-born") names a
        // link to another country, which stories mention in passing.
        let demonym = term.kind == TermKind::Demonym
            && local.is_none()
            && !article
                .text
                .get(m.span.end..)
                .is_some_and(|after| after.starts_with('-'));
        if !term.kind.names_country() && !demonym {
            continue;
        }
        let mut best: Option<(Confidence, u32, CountryId, &str, Tally)> = None;
        for (partner, pair) in g.partners(named) {
            let confusable = match pair.forms {
                ConfusableForms::Any => true,
                ConfusableForms::Official => term.kind == TermKind::Official,
                ConfusableForms::None => false,
            };
            if !confusable {
                continue;
            }
            let partner_sentences = partner_sentences
                .entry(partner)
                .or_insert_with(|| sentences_naming(&positions, &naming, mentions, partner));
            if deliberate(article, &positions, &naming, mentions, m, partner_sentences) {
                continue;
            }
            // "the Iran-Iraq war" anywhere tells that the writer knows both.
            let named_together = *together.entry((named, partner)).or_insert_with(|| {
                naming
                    .of(named)
                    .iter()
                    .filter_map(|&i| mentions.get(i))
                    .any(|other| {
                        deliberate(
                            article,
                            &positions,
                            &naming,
                            mentions,
                            other,
                            partner_sentences,
                        )
                    })
            });
            if named_together {
                continue;
            }
            // Both peoples, or one people and the other's places, in one
            // sentence: "an Iraqi minister in Tehran", "Austrian-born Australian".
            if demonym && ledger.in_sentence(partner, sentence) {
                continue;
            }
            let right = tally(partner, sentence);
            let own = tally(named, sentence);
            let own_anywhere = tally(named, None);
            // A people is meant when its country is named too; the suspect
            // itself, and its repeats, are what is in doubt.
            let meant = match demonym {
                true => own_anywhere.independent_of_people(),
                false => own_anywhere.independent(),
            };
            let Some(confidence) = confidence(&right, &own, meant) else {
                continue;
            };
            let better = best
                .as_ref()
                .is_none_or(|b| (confidence, right.weight) > (b.0, b.1));
            if better {
                best = Some((confidence, right.weight, partner, pair.why.as_str(), right));
            }
        }
        let Some((confidence, _, right_id, why, right)) = best else {
            continue;
        };
        let own = tally(named, sentence);
        let right_country = &g.countries[right_id];
        let local_suggestion = local.and_then(|table| {
            let (_, slot) = g.base_form(m.term)?;
            table.suggestion(right_id, term.kind, slot)
        });
        let suggestion = match term.kind {
            _ if local.is_some() => match local_suggestion {
                Some(name) => name.to_string(),
                None => continue,
            },
            TermKind::Demonym => match partner_demonym(g, &term.text, named, right_id) {
                Some(demonym) => demonym,
                None => continue,
            },
            TermKind::Official => right_country
                .official
                .first()
                .cloned()
                .unwrap_or_else(|| right_country.name.clone()),
            _ => right_country.name.clone(),
        };
        findings.push(ContextFinding {
            span: m.span.clone(),
            wrong: Some(named),
            right: right_id,
            suggestion,
            why: why.to_string(),
            labels: labels_for(g, right_id, &right),
            evidence: format!(
                "evidence outside this sentence: for {}, {}; for {}, {}",
                right_country.name,
                right.describe(),
                g.countries[named].name,
                own.describe()
            ),
            confidence,
            in_quotation: positions.in_quotation(&m.span),
        });
    }
    findings
}

/// The partner's people or adjective in the form of the one written: plural
/// for plural ("Iraqis" → "Iranians"), and of the closest ending
/// ("Slovakian" → "Slovenian", "Slovak" → "Slovene").
fn partner_demonym(
    g: &Gazetteer,
    written: &str,
    named: CountryId,
    partner: CountryId,
) -> Option<String> {
    let demonyms_of = |id: CountryId| {
        g.terms
            .iter()
            .filter(move |t| t.kind == TermKind::Demonym && t.country() == Some(id))
            .map(|t| t.text.as_str())
    };
    let own: Vec<&str> = demonyms_of(named).collect();
    let is_plural = |text: &str, of: &[&str]| {
        text.strip_suffix('s')
            .is_some_and(|singular| of.contains(&singular))
    };
    let plural = is_plural(written, &own);
    let candidates: Vec<&str> = demonyms_of(partner).collect();
    let shared_ending = |candidate: &str| {
        written
            .chars()
            .rev()
            .zip(candidate.chars().rev())
            .take_while(|(a, b)| a == b)
            .count()
    };
    let same_number = candidates
        .iter()
        .filter(|c| is_plural(c, &candidates) == plural)
        .copied();
    // The first of the longest shared ending: `max_by_key` keeps the last.
    let mut best: Option<(&str, usize)> = None;
    for candidate in same_number {
        let ending = shared_ending(candidate);
        if best.is_none_or(|(_, b)| ending > b) {
            best = Some((candidate, ending));
        }
    }
    best.or_else(|| candidates.first().map(|c| (*c, 0)))
        .map(|(c, _)| c.to_string())
}

/// Labels for the evidence that decided: the dateline, else the first name,
/// and the first city or institution.
fn labels_for(g: &Gazetteer, right: CountryId, evidence: &Tally) -> Vec<EvidenceLabel> {
    let name = &g.countries[right].name;
    let mut labels = Vec::new();
    if let Some(city) = &evidence.dateline {
        labels.push(EvidenceLabel {
            span: city.clone(),
            message: format!("the dateline places the story in {name}"),
        });
    } else if let Some(first) = &evidence.first_name {
        labels.push(EvidenceLabel {
            span: first.clone(),
            message: format!("the article names {name} here"),
        });
    }
    if let Some(city) = &evidence.first_city {
        labels.push(EvidenceLabel {
            span: city.clone(),
            message: format!("a city of {name}"),
        });
    } else if let Some(institution) = &evidence.first_institution {
        labels.push(EvidenceLabel {
            span: institution.clone(),
            message: format!("an institution of {name}"),
        });
    }
    labels
}
