//! The decision of `country.dateline`: a dateline city that is not in the
//! country the dateline names.

use std::ops::Range;

use super::super::gazetteer::{gazetteer, CountryId};
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
/// is in the country the region names.
pub fn dateline_finding(article: &Article<'_>) -> Option<DatelineFinding> {
    let g = gazetteer();
    let city_span = article.dateline_city.clone()?;
    let region_span = article.dateline_region.clone()?;
    let city = article.slice(&city_span);
    let named = g.dateline_region_countries_in(article.slice(&region_span), article.local());
    let &named_country = named.first()?;
    let holders = g.city_countries_in(city, article.local());
    let &(actual, _) = holders.first()?;
    if holders.iter().any(|h| named.contains(&h.0)) {
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
