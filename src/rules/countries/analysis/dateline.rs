//! The decisions of `country.dateline`: a dateline city that is not in the
//! country, or the US state, the dateline names.

use std::ops::Range;

use super::super::gazetteer::{gazetteer, CountryId, StateId};
use super::Article;

/// `country.dateline`: the dateline's city is not in the country it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatelineFinding {
    /// The region the dateline names, where the finding points.
    pub region: Range<usize>,
    /// The dateline's city.
    pub city: Range<usize>,
    /// The country the region names.
    pub named: CountryId,
    /// Where the city really is.
    pub actual: CountryId,
    /// A similar city that is in the named country ("DAKAR, Bangladesh": Dhaka).
    pub similar_city: Option<String>,
}

/// The dateline's finding, if its city is known (every city of the gazetteer:
/// capitals, cities of 100,000 or more and the small cities wire services
/// dateline from) and no city of that name
/// (or of a longer name that starts with it, like Santiago de los Caballeros)
/// is in the country the region names, nor any place of 500 or more
/// inhabitants so called.
pub fn dateline_finding(article: &Article<'_>) -> Option<DatelineFinding> {
    let g = gazetteer();
    let city_span = article.dateline_city.clone()?;
    let region_span = article.dateline_region.clone()?;
    // A state ("ATLANTA, Georgia" too) is judged by `state_dateline_finding`.
    if g.us.named(article.slice(&region_span)).is_some() {
        return None;
    }
    let city = article.slice(&city_span);
    let named = g.dateline_region_countries_in(article.slice(&region_span), article.local());
    let &named_country = named.first()?;
    let holders = g.city_countries_in(city, article.local());
    let &(actual, _) = holders.first()?;
    if holders.iter().any(|h| named.contains(&h.0)) {
        return None;
    }
    // "TOLEDO, Spain": a real place, too small for the city table.
    if g.namesake_countries(city)
        .iter()
        .any(|id| named.contains(id))
    {
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

/// `country.dateline` for a dateline that names a US state: no place of the
/// city's name is in that state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateDatelineFinding {
    /// The region the dateline names, where the finding points.
    pub region: Range<usize>,
    /// The dateline's city.
    pub city: Range<usize>,
    /// The state the region names.
    pub named: StateId,
    /// The country the region names as well ("Georgia", "IL" for Israel),
    /// which has no city of that name either.
    pub also_country: Option<CountryId>,
    /// The states that have a place of the city's name, the largest first;
    /// empty when no US place is so called ("SEOUL, Texas").
    pub states: Vec<StateId>,
    /// The countries other than the US with a city so called, largest first.
    pub countries: Vec<CountryId>,
}

/// The finding for "CITY, State", if the city is one the gazetteer knows
/// (as `dateline_finding` does), no place of that name is in the state
/// (GeoNames places of 500 or more: "PARIS, Texas" and "MOSCOW, Idaho" are
/// real), and, for a region that may also mean a country ("ATHENS,
/// Georgia", "TBILISI, Georgia", "TEL AVIV, IL"), that country has no city
/// so called either.
/// A US city whose name the place data lacks is not judged.
pub fn state_dateline_finding(article: &Article<'_>) -> Option<StateDatelineFinding> {
    let g = gazetteer();
    let city_span = article.dateline_city.clone()?;
    let region_span = article.dateline_region.clone()?;
    let region = article.slice(&region_span);
    let named = g.us.named(region)?;
    let city = article.slice(&city_span);
    let holders = g.city_countries(city);
    if holders.is_empty() {
        return None;
    }
    let places = g.us.places(city);
    if places.is_some_and(|states| states.contains(&named)) {
        return None;
    }
    let us = g.by_code("US");
    let besides = g.countries_besides_state(region);
    if holders.iter().any(|h| besides.contains(&h.0)) {
        return None;
    }
    let also_country = besides.first().copied();
    if places.is_none() && holders.iter().any(|h| Some(h.0) == us) {
        return None;
    }
    Some(StateDatelineFinding {
        region: region_span,
        city: city_span,
        named,
        also_country,
        states: places.unwrap_or_default().to_vec(),
        countries: holders
            .iter()
            .map(|h| h.0)
            .filter(|&id| Some(id) != us)
            .collect(),
    })
}
