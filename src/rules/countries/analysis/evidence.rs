//! Weighing the evidence: how much an article says about each country, from
//! its dateline and the names, demonyms and cities it mentions.

use std::collections::HashMap;

use super::super::gazetteer::{gazetteer, CountryId, TermKind};
use super::{Article, Mention};

/// How much an article says about one country.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountryEvidence {
    /// The dateline places the story in this country.
    pub dateline: bool,
    /// Mentions by the short name; this, `official` and `aliases` count only
    /// names that stand for this country alone.
    pub names: u32,
    /// Mentions by a long official form.
    pub official: u32,
    /// Mentions by another English name.
    pub aliases: u32,
    /// Mentions of its people or adjective ("Kazakh").
    pub demonyms: u32,
    /// Mentions of its cities.
    pub cities: u32,
    /// Mentions by a name several countries share ("Korea", "Congo").
    pub shared: u32,
    /// Russian names and cities.
    pub russian: u32,
}

impl CountryEvidence {
    /// Mentions that name this country alone.
    pub fn name_mentions(&self) -> u32 {
        self.names + self.official + self.aliases
    }

    /// One number to compare countries by: the dateline counts most, then
    /// names, then every other kind of mention.
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
    /// Evidence by country; a country the article never touches is absent.
    pub countries: HashMap<CountryId, CountryEvidence>,
    /// The country the dateline places the story in.
    pub dateline_country: Option<CountryId>,
}

impl Evidence {
    /// The evidence for one country (none when the article never touches it).
    pub fn of(&self, id: CountryId) -> CountryEvidence {
        self.countries.get(&id).cloned().unwrap_or_default()
    }
}

/// The country the dateline places the story in.
pub fn dateline_country(article: &Article<'_>) -> Option<CountryId> {
    let g = gazetteer();
    let city = article.slice(article.dateline_city.as_ref()?);
    let holders = g.city_countries_in(city, article.local());
    if let Some(region) = &article.dateline_region {
        let named = g.dateline_region_countries_in(article.slice(region), article.local());
        if let Some(&id) = named.iter().find(|id| holders.iter().any(|h| h.0 == **id)) {
            return Some(id);
        }
        // "PARIS, Texas" is a story from the US, not from France; "TEL
        // AVIV, IL" is from Israel.
        let region = article.slice(region);
        if g.us.named(region).is_some() {
            let besides = g.countries_besides_state(region);
            let other = holders.iter().find(|h| besides.contains(&h.0));
            return other.map(|h| h.0).or_else(|| g.by_code("US"));
        }
        if let [only] = named.as_slice() {
            return Some(*only);
        }
    }
    holders.first().map(|h| h.0)
}

/// Weighs an article's dateline and mentions into evidence for each country.
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
                TermKind::Institution => e.cities += 1,
                TermKind::Abbreviation | TermKind::NotCountry | TermKind::Misspelling => {}
            }
        }
    }
    evidence
}
