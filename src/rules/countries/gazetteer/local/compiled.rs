//! The local names `build.rs` compiles into the binary (`local_gazetteer.rs`
//! in `OUT_DIR`), and the lookup of local city names over them: the names are
//! lower-cased and sorted when the binary is built, so a run meets them
//! without parsing, lower-casing or hashing them.

use super::super::{gazetteer, CountryId, Gazetteer, NameMap};

/// A country's code, short names and official forms in one language.
pub(super) type LocalCountryNames = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// The local names of cities in one script, lower-cased and sorted.
pub(super) struct ScriptCities {
    names: &'static [&'static str],
    /// Per name: where its holders end in `holders`.
    ends: &'static [u32],
    /// (country code, population), the largest city first.
    holders: &'static [(&'static str, u64)],
}

include!(concat!(env!("OUT_DIR"), "/local_gazetteer.rs"));

/// The local names of one language's countries, in the gazetteer's order.
pub(super) fn country_names(language: &str) -> &'static [LocalCountryNames] {
    LOCAL_COUNTRY_NAMES
        .iter()
        .find(|(l, _)| *l == language)
        .map_or(&[], |(_, rows)| rows)
}

/// Lower-cased local city names → (country, population), largest first.
#[derive(Debug)]
pub(super) struct CityNames {
    names: &'static [&'static str],
    /// Per name of `names`: where its holders end in `holders`.
    ends: &'static [usize],
    holders: &'static [(CountryId, u64)],
    /// The names a language's own list adds holders to, with every holder.
    added: NameMap<String, Vec<(CountryId, u64)>>,
}

/// Largest first; between equals, the gazetteer's order of countries.
fn largest_first(a: &(CountryId, u64), b: &(CountryId, u64)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// A script's holders by country id rather than code: (`ends`, `holders`).
type Holders = (Vec<usize>, Vec<(CountryId, u64)>);

impl CityNames {
    /// The city names of the script a language is written in.
    pub(super) fn of(language: &str) -> CityNames {
        let cyrillic = CYRILLIC_LANGUAGES.contains(&language);
        let script = &LOCAL_CITIES[usize::from(cyrillic)];
        // French, German and Spanish share the Latin table: its codes are
        // turned into ids once a run, not once per language.
        static BY_SCRIPT: [std::sync::OnceLock<Holders>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        let (ends, holders) =
            BY_SCRIPT[usize::from(cyrillic)].get_or_init(|| Self::holders_of(script, gazetteer()));
        CityNames {
            names: script.names,
            ends,
            holders,
            added: NameMap::default(),
        }
    }

    fn holders_of(script: &ScriptCities, g: &Gazetteer) -> Holders {
        let mut ends = Vec::with_capacity(script.ends.len());
        let mut holders = Vec::with_capacity(script.holders.len());
        let mut start = 0;
        for &end in script.ends {
            let first = holders.len();
            let end = end as usize;
            for &(code, population) in script.holders.get(start..end).unwrap_or_default() {
                if let Some(id) = g.by_code(code) {
                    holders.push((id, population));
                }
            }
            // The build sorted equals by code; the table's order is by country.
            if holders.len() - first > 1 {
                holders[first..].sort_by(largest_first);
            }
            ends.push(holders.len());
            start = end;
        }
        (ends, holders)
    }

    /// A city the language's own list names, with no population known.
    pub(super) fn add(&mut self, name: &str, id: CountryId, population: u64) {
        let key = name.to_lowercase();
        if !self.added.contains_key(&key) {
            let compiled = self.compiled(&key).to_vec();
            self.added.insert(key.clone(), compiled);
        }
        let Some(holders) = self.added.get_mut(&key) else {
            return;
        };
        if !holders.iter().any(|(c, _)| *c == id) {
            holders.push((id, population));
            holders.sort_by(largest_first);
        }
    }

    /// Countries with a city of this name (any case), largest first.
    pub(super) fn get(&self, name: &str) -> &[(CountryId, u64)] {
        let key = name.to_lowercase();
        match self.added.get(&key) {
            Some(holders) => holders,
            None => self.compiled(&key),
        }
    }

    fn compiled(&self, key: &str) -> &[(CountryId, u64)] {
        let Ok(index) = self.names.binary_search(&key) else {
            return &[];
        };
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        self.holders
            .get(start..self.ends[index])
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::gazetteer;
    use super::*;
    use std::collections::BTreeMap;

    /// `rules/gazetteer.toml` read as the tables read it before `build.rs`
    /// compiled it: (code, local names by language) of each country, and
    /// (code, population, local names) of each city.
    type Source = (
        Vec<(String, BTreeMap<String, (Vec<String>, Vec<String>)>)>,
        Vec<(String, u64, Vec<String>)>,
    );

    fn source() -> Source {
        let text = include_str!("../../../../../rules/gazetteer.toml");
        let table: toml::Table = toml::from_str(text).expect("the gazetteer parses");
        let list = |value: Option<&toml::Value>| -> Vec<String> {
            value
                .and_then(toml::Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut countries = Vec::new();
        for country in table["country"].as_array().into_iter().flatten() {
            let code = country["code"].as_str().unwrap_or_default().to_string();
            let mut local = BTreeMap::new();
            for (language, names) in country
                .get("local")
                .and_then(|l| l.as_table())
                .into_iter()
                .flatten()
            {
                local.insert(
                    language.clone(),
                    (list(names.get("names")), list(names.get("official"))),
                );
            }
            countries.push((code, local));
        }
        let mut cities = Vec::new();
        for row in table["local_cities"].as_array().into_iter().flatten() {
            let row = row.as_array().expect("a row");
            cities.push((
                row[1].as_str().unwrap_or_default().to_string(),
                row[2]
                    .as_integer()
                    .and_then(|p| u64::try_from(p).ok())
                    .unwrap_or(0),
                list(row.get(3)),
            ));
        }
        (countries, cities)
    }

    #[test]
    fn the_compiled_names_are_the_gazetteers() {
        let g = gazetteer();
        let (countries, cities) = source();
        for language in ["fr", "de", "es", "ru"] {
            let expected: Vec<(&str, Vec<&str>, Vec<&str>)> = countries
                .iter()
                .filter_map(|(code, local)| {
                    let (names, official) = local.get(language)?;
                    Some((
                        code.as_str(),
                        names.iter().map(String::as_str).collect(),
                        official.iter().map(String::as_str).collect(),
                    ))
                })
                .collect();
            let compiled: Vec<(&str, Vec<&str>, Vec<&str>)> = country_names(language)
                .iter()
                .map(|&(code, names, official)| (code, names.to_vec(), official.to_vec()))
                .collect();
            assert_eq!(compiled, expected, "{language}");

            // The city map as the table built it at run time.
            let cyrillic = language == "ru";
            let mut expected: BTreeMap<String, Vec<(CountryId, u64)>> = BTreeMap::new();
            for (code, population, names) in &cities {
                let Some(id) = g.by_code(code) else { continue };
                for name in names {
                    if name.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) != cyrillic {
                        continue;
                    }
                    let entry = expected.entry(name.to_lowercase()).or_default();
                    if !entry.iter().any(|(c, _)| *c == id) {
                        entry.push((id, *population));
                    }
                }
            }
            let table = CityNames::of(language);
            for (name, mut holders) in expected {
                holders.sort_by(largest_first);
                assert_eq!(table.get(&name), holders.as_slice(), "{language}: {name}");
                let capitals = name.to_uppercase();
                if capitals.to_lowercase() == name {
                    assert_eq!(table.get(&capitals), table.get(&name), "{name}");
                }
            }
            assert_eq!(table.get("no such city"), &[]);
        }
    }

    #[test]
    fn a_city_the_language_adds_joins_the_compiled_holders() {
        let g = gazetteer();
        let mut table = CityNames::of("fr");
        let compiled = table.get("séoul").to_vec();
        assert!(!compiled.is_empty());
        let elsewhere = (0..g.countries.len())
            .find(|id| !compiled.iter().any(|(c, _)| c == id))
            .unwrap_or(0);
        table.add("Séoul", elsewhere, 0);
        table.add("SÉOUL", elsewhere, 0);
        let mut expected = compiled.clone();
        expected.push((elsewhere, 0));
        expected.sort_by(largest_first);
        assert_eq!(table.get("Séoul"), expected.as_slice());
        table.add("Nulle-Part-sur-Mer", elsewhere, 0);
        assert_eq!(table.get("nulle-part-sur-mer"), &[(elsewhere, 0)]);
    }
}
