//! Per-article country evidence and the decisions of the country checks, as plain
//! functions over the article's text and ranges, so that they can be tested
//! without the engine.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use jiff::civil::Date;

use crate::document::Document;

use super::gazetteer::{gazetteer, ConfusableForms, CountryId, Gazetteer, TermId, TermKind};

/// What the country checks need to know about an article.
#[derive(Clone, Debug, Default)]
pub struct Article<'a> {
    /// The article's prose (non-prose blanked, same offsets as the file).
    pub text: &'a str,
    /// The dateline's city, and the region (state or country) written after it.
    pub dateline_city: Option<Range<usize>>,
    pub dateline_region: Option<Range<usize>>,
    pub sentences: &'a [Range<usize>],
    /// Spans of direct quotations.
    pub quotations: &'a [Range<usize>],
    /// The article's own date.
    pub date: Option<Date>,
    /// Primary language subtag ("en", "ru").
    pub language: &'a str,
}

/// What the countries family reads from a document beyond what the document
/// holds, computed once per document and shared by the family's rules.
pub struct ArticleFacts {
    quotations: Vec<Range<usize>>,
}

impl ArticleFacts {
    pub fn of(document: &Document) -> ArticleFacts {
        ArticleFacts {
            quotations: document
                .quotes
                .quotations
                .iter()
                .map(|q| q.span.clone())
                .collect(),
        }
    }
}

impl<'a> Article<'a> {
    pub fn from_document(document: &'a Document, facts: &'a ArticleFacts) -> Article<'a> {
        Article {
            text: &document.prose,
            dateline_city: document.dateline.as_ref().map(|d| d.city.clone()),
            dateline_region: document.dateline.as_ref().and_then(|d| d.region.clone()),
            sentences: &document.sentences,
            quotations: &facts.quotations,
            date: document.metadata.date.as_ref().map(|d| d.0),
            language: &document.language,
        }
    }

    fn slice(&self, span: &Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }

    pub fn in_quotation(&self, span: &Range<usize>) -> bool {
        self.quotations
            .iter()
            .any(|q| q.start <= span.start && span.end <= q.end)
    }

    /// English copy: the name checks read English names only.
    fn is_english(&self) -> bool {
        self.language.is_empty() || self.language == "en"
    }
}

/// Sentence and quotation lookups by position, built once per call so that no
/// check rescans the article for each mention (long files have many of both).
struct Positions<'p> {
    text: &'p str,
    sentences: &'p [Range<usize>],
    /// Sorted and disjoint sentences allow a binary search that finds the
    /// same sentence as a scan for the first one that holds a position.
    sentences_ordered: bool,
    /// Quotations by start, each paired with the furthest end of it and every
    /// quotation that starts before it.
    quotations: Vec<(usize, usize)>,
    /// Per sentence, the earliest plausible year (1000 or later) written in it.
    earliest_years: Vec<OnceCell<Option<i16>>>,
}

impl<'p> Positions<'p> {
    fn new(article: &Article<'p>) -> Positions<'p> {
        let sentences = article.sentences;
        let sentences_ordered = sentences.iter().all(|s| s.start <= s.end)
            && sentences.windows(2).all(|w| w[0].end <= w[1].start);
        let mut quotations: Vec<(usize, usize)> = article
            .quotations
            .iter()
            .map(|q| (q.start, q.end))
            .collect();
        quotations.sort_unstable();
        let mut furthest = 0;
        for q in &mut quotations {
            furthest = furthest.max(q.1);
            q.1 = furthest;
        }
        Positions {
            text: article.text,
            sentences,
            sentences_ordered,
            quotations,
            earliest_years: std::iter::repeat_with(OnceCell::new)
                .take(sentences.len())
                .collect(),
        }
    }

    /// The first sentence that holds the span's start.
    fn sentence_of(&self, span: &Range<usize>) -> Option<usize> {
        let at = span.start;
        if !self.sentences_ordered {
            return self
                .sentences
                .iter()
                .position(|s| s.start <= at && at < s.end);
        }
        let index = self.sentences.partition_point(|s| s.end <= at);
        let sentence = self.sentences.get(index)?;
        (sentence.start <= at).then_some(index)
    }

    fn in_quotation(&self, span: &Range<usize>) -> bool {
        let opened = self.quotations.partition_point(|q| q.0 <= span.start);
        opened > 0 && self.quotations[opened - 1].1 >= span.end
    }

    /// The earliest four-digit year from 1000 on written in a sentence.
    fn earliest_year(&self, sentence: usize) -> Option<i16> {
        let cell = self.earliest_years.get(sentence)?;
        *cell.get_or_init(|| {
            let range = self.sentences.get(sentence)?;
            self.text
                .get(range.clone())?
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4)
                .filter_map(|w| w.parse::<i16>().ok())
                .filter(|year| *year >= 1000)
                .min()
        })
    }
}

/// A gazetteer term found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Range<usize>,
    pub term: TermId,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn at_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    let before = text
        .get(..span.start)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !is_word_char(c));
    let after = text
        .get(span.end..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !is_word_char(c));
    before && after
}

/// Find every gazetteer term in `text` with the same semantics as the engine's
/// shared automaton (leftmost-longest, exact case, word boundaries). For use
/// outside the engine; inside it the engine's matches are used instead.
pub fn find_mentions(text: &str) -> Vec<Mention> {
    static AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let automaton = AUTOMATON.get_or_init(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(gazetteer().terms.iter().map(|t| t.text.as_str()))
            .ok()
    });
    let Some(automaton) = automaton else {
        return Vec::new();
    };
    let mut mentions: Vec<Mention> = automaton
        .find_iter(text)
        .filter(|m| at_word_boundaries(text, &m.range()))
        .map(|m| Mention {
            span: m.range(),
            term: m.pattern().as_usize(),
        })
        .collect();
    keep_country_mentions(&mut mentions);
    mentions
}

/// Drop matches that name no country (the phrases that only hide one).
pub fn keep_country_mentions(mentions: &mut Vec<Mention>) {
    let g = gazetteer();
    mentions.retain(|m| {
        g.term(m.term)
            .is_some_and(|t| t.kind != TermKind::NotCountry)
    });
}

/// How much an article says about one country.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountryEvidence {
    pub dateline: bool,
    /// Mentions by a name that stands for this country alone, by kind.
    pub names: u32,
    pub official: u32,
    pub aliases: u32,
    pub demonyms: u32,
    pub cities: u32,
    /// Mentions by a name several countries share ("Korea", "Congo").
    pub shared: u32,
    /// Russian names and cities.
    pub russian: u32,
}

impl CountryEvidence {
    pub fn name_mentions(&self) -> u32 {
        self.names + self.official + self.aliases
    }

    pub fn score(&self) -> u32 {
        4 * u32::from(self.dateline)
            + 2 * self.name_mentions()
            + self.demonyms
            + self.cities
            + self.shared
            + self.russian
    }
}

/// The article's evidence for every country it touches.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    pub countries: HashMap<CountryId, CountryEvidence>,
    pub dateline_country: Option<CountryId>,
}

impl Evidence {
    pub fn of(&self, id: CountryId) -> CountryEvidence {
        self.countries.get(&id).cloned().unwrap_or_default()
    }

    /// The countries the article is clearly about: the dateline's, and the best
    /// supported one when it leads the rest by a wide margin.
    pub fn dominant(&self) -> Vec<CountryId> {
        let mut out: Vec<CountryId> = self.dateline_country.into_iter().collect();
        let mut ranked: Vec<(u32, CountryId)> = self
            .countries
            .iter()
            .map(|(&id, e)| (e.score(), id))
            .collect();
        ranked.sort_by(|a, b| b.cmp(a));
        if let Some(&(top, id)) = ranked.first() {
            let second = ranked.get(1).map_or(0, |r| r.0);
            if top >= 6 && top >= 2 * second && !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }
}

/// The country the dateline places the story in.
pub fn dateline_country(article: &Article<'_>) -> Option<CountryId> {
    let g = gazetteer();
    let city = article.slice(article.dateline_city.as_ref()?);
    let holders = g.city_countries(city);
    if let Some(region) = &article.dateline_region {
        let named = g.dateline_region_countries(article.slice(region));
        if let Some(&id) = named.iter().find(|id| holders.iter().any(|h| h.0 == **id)) {
            return Some(id);
        }
        if let [only] = named.as_slice() {
            return Some(*only);
        }
    }
    holders.first().map(|h| h.0)
}

pub fn build_evidence(article: &Article<'_>, mentions: &[Mention]) -> Evidence {
    let g = gazetteer();
    let mut evidence = Evidence {
        dateline_country: dateline_country(article),
        ..Evidence::default()
    };
    if let Some(id) = evidence.dateline_country {
        evidence.countries.entry(id).or_default().dateline = true;
    }
    for mention in mentions {
        let Some(term) = g.term(mention.term) else {
            continue;
        };
        let shared = term.countries.len() > 1;
        for &id in &term.countries {
            let e = evidence.countries.entry(id).or_default();
            match term.kind {
                _ if shared && term.kind.names_country() => e.shared += 1,
                TermKind::Name => e.names += 1,
                TermKind::Official => e.official += 1,
                TermKind::Alias => e.aliases += 1,
                TermKind::Demonym => e.demonyms += 1,
                TermKind::City => e.cities += 1,
                TermKind::Russian => e.russian += 1,
                TermKind::Abbreviation | TermKind::NotCountry => {}
            }
        }
    }
    evidence
}

/// Where a finding's supporting evidence is, for a secondary label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceLabel {
    pub span: Range<usize>,
    pub message: String,
}

/// `country.context`: a confusable partner named where the article's country is meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextFinding {
    pub span: Range<usize>,
    pub wrong: CountryId,
    pub right: CountryId,
    pub suggestion: String,
    pub why: String,
    pub label: Option<EvidenceLabel>,
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

/// `country.dateline`: the dateline's city is not in the country it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatelineFinding {
    pub region: Range<usize>,
    pub city: Range<usize>,
    pub named: CountryId,
    /// Where the city really is.
    pub actual: CountryId,
    /// A similar city that is in the named country ("DAKAR, Bangladesh": Dhaka).
    pub similar_city: Option<String>,
}

/// Cities at least this large (or capitals) are well known enough to judge a dateline by.
const DATELINE_CITY_MIN_POPULATION: u64 = 500_000;

pub fn dateline_finding(article: &Article<'_>) -> Option<DatelineFinding> {
    let g = gazetteer();
    let city_span = article.dateline_city.clone()?;
    let region_span = article.dateline_region.clone()?;
    let city = article.slice(&city_span);
    let named = g.dateline_region_countries(article.slice(&region_span));
    let &named_country = named.first()?;
    let holders = g.city_countries(city);
    let &(actual, population) = holders.first()?;
    if holders.iter().any(|h| named.contains(&h.0)) {
        return None;
    }
    let capital = g.countries[actual].capital.eq_ignore_ascii_case(city);
    if !capital && population < DATELINE_CITY_MIN_POPULATION {
        return None;
    }
    // "SANTIAGO, Dominican Republic" is Santiago de los Caballeros.
    let prefix = format!("{} ", city.to_lowercase());
    let longer_name_in_named = g
        .cities_starting_with(&prefix)
        .any(|id| named.contains(&id));
    if longer_name_in_named {
        return None;
    }
    let similar_city = g
        .confusable_cities
        .iter()
        .filter(|group| group.iter().any(|n| n.eq_ignore_ascii_case(city)))
        .flatten()
        .find(|n| {
            !n.eq_ignore_ascii_case(city)
                && g.city_countries(n).iter().any(|h| h.0 == named_country)
        })
        .cloned();
    Some(DatelineFinding {
        region: region_span,
        city: city_span,
        named: named_country,
        actual,
        similar_city,
    })
}

/// `country.variant`: one country under two names, or a name the house style does not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantFinding {
    pub span: Range<usize>,
    pub used: String,
    /// The name to use instead: the house style's, or the article's more frequent one.
    pub preferred: String,
    /// Set when a house style (or the rule) chose the preferred name, so a fix is offered.
    pub chosen: bool,
    /// The first use of the other name.
    pub other: Option<Range<usize>>,
    pub in_quotation: bool,
}

fn same_name(a: &str, b: &str) -> bool {
    a.replace('’', "'") == b.replace('’', "'")
}

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

/// Like [`variant_findings`], with the preferred name of each variant set
/// (by id) given by `prefer`.
pub fn variant_findings_with<'p>(
    article: &Article<'_>,
    mentions: &[Mention],
    prefer: &dyn Fn(&str) -> Option<&'p str>,
) -> Vec<VariantFinding> {
    let g = gazetteer();
    let mut findings = Vec::new();
    if !article.is_english() {
        return findings;
    }
    let positions = Positions::new(article);
    for set in &g.variants {
        // Mentions of this set, grouped by name (apostrophe styles are one name).
        let mut used: Vec<(String, Vec<Range<usize>>)> = Vec::new();
        for m in mentions {
            let Some(term) = g.term(m.term) else { continue };
            if !set.names.iter().any(|n| n == &term.text) {
                continue;
            }
            if outdated_here(article, &positions, g, m).is_some() {
                continue;
            }
            match used
                .iter_mut()
                .find(|(name, _)| same_name(name, &term.text))
            {
                Some((_, spans)) => spans.push(m.span.clone()),
                None => used.push((term.text.clone(), vec![m.span.clone()])),
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
        let (preferred, chosen) = match prefer(&set.id) {
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

/// `country.outdated`: a former name, judged against the article's own date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutdatedFinding {
    pub span: Range<usize>,
    pub name: String,
    pub current: String,
    pub since: Date,
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

fn outdated_here(
    article: &Article<'_>,
    positions: &Positions<'_>,
    g: &Gazetteer,
    mention: &Mention,
) -> Option<OutdatedFinding> {
    let date = article.date?;
    let text = &g.term(mention.term)?.text;
    let former = g
        .former_names
        .iter()
        .find(|f| f.check && &f.name == text && f.outdated_on(date))?;
    let mut before_start = mention.span.start.saturating_sub(24);
    while !article.text.is_char_boundary(before_start) {
        before_start -= 1;
    }
    let before = article
        .text
        .get(before_start..mention.span.start)?
        .to_lowercase();
    if HISTORICAL_CUES.iter().any(|cue| before.contains(cue)) {
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
    Some(OutdatedFinding {
        span: mention.span.clone(),
        name: former.name.clone(),
        current: former.current.clone(),
        since: former.since,
        in_quotation: positions.in_quotation(&mention.span),
    })
}

pub fn outdated_findings(article: &Article<'_>, mentions: &[Mention]) -> Vec<OutdatedFinding> {
    let g = gazetteer();
    if !article.is_english() {
        return Vec::new();
    }
    let positions = Positions::new(article);
    mentions
        .iter()
        .filter_map(|m| outdated_here(article, &positions, g, m))
        .collect()
}

/// An ambiguous abbreviation in Russian copy and what the context supports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AbbreviationFinding {
    pub span: Range<usize>,
    pub text: String,
    pub candidates: Vec<CountryId>,
    /// The candidate the context supports, when exactly one has support.
    pub supported: Option<CountryId>,
    pub note: String,
}

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

#[cfg(test)]
mod tests;
