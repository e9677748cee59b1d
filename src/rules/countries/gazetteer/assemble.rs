//! Building the gazetteer from its raw data: the curated layer laid over the
//! generated countries, every name made a term, and the indexes the checks
//! look names up in.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::raw::{
    RawAbbreviation, RawConfusable, RawCountry, RawCurated, RawFormer, RawGazetteer,
    RawInstitution, RawMisspelling, RawOverride, RawShared, RawVariant, Text,
};
use super::states::UsStates;
use super::{
    Abbreviation, Confusable, ConfusableForms, ConfusedBy, Country, CountryId, FormerName,
    Gazetteer, Misspelling, NameMap, Term, TermId, TermKind, VariantSet,
};

/// Lower-cased city name → (country, population) of every city so called.
type CityTable = NameMap<String, Vec<(CountryId, u64)>>;

impl Gazetteer {
    /// The gazetteer from its raw data, in steps that run in this order
    /// because each reads what the earlier ones left: the curated drops must
    /// not remove what a shared name adds back, variant names and not-country
    /// phrases are added only where no term has the text yet, and the dateline
    /// names read the finished table. The term ids follow the same order.
    pub(super) fn build(raw: RawGazetteer<'_>, curated: RawCurated) -> Result<Gazetteer, String> {
        let (mut countries, by_code) = generated_countries(&raw.country);
        let codes = Codes(&by_code);
        let overrides = apply_overrides(&mut countries, &curated.overrides, &codes)?;
        // Sized up front: growing the term table (and the city map) was a
        // tenth of the load.
        let mut table = TermTable::with_capacity(
            raw.cities.len() + raw.russian_cities.len() + 16 * raw.country.len(),
        );
        let drops = add_country_names(&mut table, &countries, &raw.country, &overrides);
        let mut cities = add_cities(&mut table, &raw, &codes)?;
        let former_names = add_former_names(&mut table, &mut cities, &curated.former, &codes)?;
        for group in &curated.dateline_city {
            let id = codes.id(&group.country)?;
            for name in &group.names {
                let entry = cities.entry(name.to_lowercase()).or_default();
                if !entry.iter().any(|(c, _)| *c == id) {
                    entry.push((id, 0));
                }
            }
        }
        rank_cities(&mut cities);
        for (text, id) in drops {
            table.remove(text, id);
        }
        add_shared_names(&mut table, &curated.shared_name, &codes)?;
        let variants = add_variants(&mut table, &curated.variant, &codes)?;
        let confusables = confusables(&curated.confusable, &codes)?;
        let abbreviations = add_abbreviations(&mut table, &curated.abbreviation, &codes)?;
        add_institutions(&mut table, &curated.institution, &codes)?;
        let misspellings = add_misspellings(&mut table, &curated.misspelling, &codes)?;
        for phrase in &curated.phrases.not_countries {
            table.add_phrase(phrase);
        }
        let dateline_regions = dateline_regions(&curated.dateline_region, &codes)?;
        let us = UsStates::build(&raw.us_states).map_err(|e| format!("us_states: {e}"))?;
        let mut namesakes: NameMap<String, Vec<CountryId>> = NameMap::default();
        for (city, listed) in &raw.city_namesakes.places {
            // A code the country table lacks is a place no check can name.
            let ids = listed
                .0
                .split(' ')
                .filter_map(|code| codes.get(code))
                .collect();
            namesakes.insert(city.0.to_lowercase(), ids);
        }
        let house_styles = with_iso_style(
            curated.house_style,
            &variants,
            &codes,
            &countries,
            &former_names,
        );
        let by_name_lower = names_for_datelines(&table.terms);

        let TermTable { terms, by_text } = table;
        Ok(Gazetteer {
            countries,
            terms,
            confusables,
            confusable_cities: curated
                .confusable_city
                .into_iter()
                .map(|c| c.names)
                .collect(),
            former_names,
            variants,
            abbreviations,
            misspellings,
            house_styles,
            by_code,
            by_term: by_text,
            cities,
            by_name_lower,
            dateline_regions,
            us,
            namesakes,
        })
    }
}

/// Country ids by code, for the codes the data refers to countries by.
struct Codes<'a>(&'a NameMap<String, CountryId>);

impl Codes<'_> {
    fn get(&self, code: &str) -> Option<CountryId> {
        self.0.get(code).copied()
    }

    /// A code the data uses must name a country: anything else is a defect in
    /// the data.
    fn id(&self, code: &str) -> Result<CountryId, String> {
        self.get(code)
            .ok_or_else(|| format!("unknown country code {code:?}"))
    }

    fn ids(&self, codes: &[String]) -> Result<Vec<CountryId>, String> {
        codes.iter().map(|c| self.id(c)).collect()
    }
}

/// Collects terms, merging a surface string's countries when several claim it.
#[derive(Default)]
struct TermTable {
    terms: Vec<Term>,
    by_text: NameMap<String, TermId>,
}

impl TermTable {
    fn with_capacity(capacity: usize) -> Self {
        TermTable {
            terms: Vec::with_capacity(capacity),
            by_text: NameMap::with_capacity_and_hasher(capacity, Default::default()),
        }
    }

    fn add_phrase(&mut self, text: &str) {
        if !self.by_text.contains_key(text) {
            self.by_text.insert(text.to_string(), self.terms.len());
            self.terms.push(Term {
                text: text.to_string(),
                kind: TermKind::NotCountry,
                countries: Vec::new(),
            });
        }
    }

    fn add(&mut self, text: &str, kind: TermKind, country: CountryId) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match self.by_text.get(text) {
            Some(&id) => self.terms[id].also(kind, country),
            None => {
                self.by_text.insert(text.to_string(), self.terms.len());
                self.terms.push(Term {
                    text: text.to_string(),
                    kind,
                    countries: vec![country],
                });
            }
        }
    }

    fn remove(&mut self, text: &str, country: CountryId) {
        if let Some(&id) = self.by_text.get(text) {
            self.terms[id].countries.retain(|&c| c != country);
        }
    }
}

/// The generated countries, in file order (a country's id is its position).
fn generated_countries(raw: &[RawCountry]) -> (Vec<Country>, NameMap<String, CountryId>) {
    let mut countries = Vec::with_capacity(raw.len());
    let mut by_code = NameMap::default();
    for (id, c) in raw.iter().enumerate() {
        by_code.insert(c.code.clone(), id);
        countries.push(Country {
            code: c.code.clone(),
            name: c.name.clone(),
            iso_short: c.iso_short.clone(),
            official: c.official.clone(),
            capital: c.capital.clone(),
        });
    }
    (countries, by_code)
}

/// Applies the curated name, capital and official forms to each overridden
/// country, and returns the overrides by country for the names they add.
fn apply_overrides<'c>(
    countries: &mut [Country],
    overrides: &'c [RawOverride],
    codes: &Codes<'_>,
) -> Result<HashMap<CountryId, &'c RawOverride>, String> {
    let mut by_country = HashMap::new();
    for o in overrides {
        let id = codes.id(&o.code)?;
        if let Some(name) = &o.name {
            countries[id].name = name.clone();
        }
        if let Some(capital) = &o.capital {
            countries[id].capital = capital.clone();
        }
        for official in &o.official {
            if !countries[id].official.contains(official) {
                countries[id].official.push(official.clone());
            }
        }
        by_country.insert(id, o);
    }
    Ok(by_country)
}

/// Every country's names as terms (the generated short name becomes an alias
/// when the curated layer renames the country), with the names the overrides
/// add. Returns the (name, country) pairs the overrides drop, which are
/// removed once every other name is in.
fn add_country_names<'c>(
    table: &mut TermTable,
    countries: &[Country],
    raw: &[RawCountry],
    overrides: &HashMap<CountryId, &'c RawOverride>,
) -> Vec<(&'c str, CountryId)> {
    let mut drops = Vec::new();
    for (id, c) in raw.iter().enumerate() {
        let country = &countries[id];
        table.add(&country.name, TermKind::Name, id);
        for official in &country.official {
            table.add(official, TermKind::Official, id);
        }
        table.add(&c.name, TermKind::Alias, id);
        for alias in &c.aliases {
            table.add(alias, TermKind::Alias, id);
        }
        for demonym in &c.demonyms {
            table.add(demonym, TermKind::Demonym, id);
        }
        for russian in &c.russian {
            table.add(russian, TermKind::Russian, id);
        }
        if let Some(o) = overrides.get(&id) {
            for alias in &o.aliases {
                table.add(alias, TermKind::Alias, id);
            }
            for demonym in &o.demonyms {
                table.add(demonym, TermKind::Demonym, id);
            }
            for russian in &o.russian {
                table.add(russian, TermKind::Russian, id);
            }
            for city in &o.cities {
                table.add(city, TermKind::City, id);
            }
            drops.extend(o.drop.iter().map(|d| (d.as_str(), id)));
        }
    }
    drops
}

/// Every generated city into the city map, and the ones safe to read as
/// evidence (and every Russian city name) into the term table.
fn add_cities(
    table: &mut TermTable,
    raw: &RawGazetteer<'_>,
    codes: &Codes<'_>,
) -> Result<CityTable, String> {
    let mut cities: CityTable =
        NameMap::with_capacity_and_hasher(raw.cities.len(), Default::default());
    for (Text(name), Text(country), population, evidence) in &raw.cities {
        let id = codes.id(country)?;
        if *evidence == 1 {
            table.add(name, TermKind::City, id);
        }
        cities
            .entry(name.to_lowercase())
            .or_default()
            .push((id, *population));
    }
    for (Text(name), Text(country)) in &raw.russian_cities {
        table.add(name, TermKind::Russian, codes.id(country)?);
    }
    Ok(cities)
}

/// Former names stay terms (an article may still use them) and former city
/// names stay cities, so that both are recognised and judged by date.
fn add_former_names(
    table: &mut TermTable,
    cities: &mut CityTable,
    former: &[RawFormer],
    codes: &Codes<'_>,
) -> Result<Vec<FormerName>, String> {
    let mut former_names = Vec::new();
    for f in former {
        let id = codes.id(&f.country)?;
        let kind = if f.city {
            TermKind::City
        } else {
            TermKind::Alias
        };
        table.add(&f.name, kind, id);
        if f.city {
            let entry = cities.entry(f.name.to_lowercase()).or_default();
            if !entry.iter().any(|(c, _)| *c == id) {
                entry.push((id, 0));
            }
        }
        former_names.push(FormerName {
            name: f.name.clone(),
            country: id,
            current: f.current.clone(),
            since: parse_date(&f.since)?,
            until: f.until.as_deref().map(parse_date).transpose()?,
            city: f.city,
            check: f.check.unwrap_or(true),
        });
    }
    Ok(former_names)
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|error| format!("bad date {text:?}: {error}"))
}

/// Largest city of a name first, so that the name resolves to it.
fn rank_cities(cities: &mut CityTable) {
    for list in cities.values_mut() {
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
}

/// Names that several countries answer to ("Korea", "Congo").
fn add_shared_names(
    table: &mut TermTable,
    shared_names: &[RawShared],
    codes: &Codes<'_>,
) -> Result<(), String> {
    for shared in shared_names {
        for id in codes.ids(&shared.countries)? {
            table.add(&shared.text, TermKind::Alias, id);
        }
    }
    Ok(())
}

/// The variant sets, each named by a country code or a city. Variant names
/// must be matchable even when the sources lack them, so a missing one becomes
/// a term of the set's country (an alias) or city.
fn add_variants(
    table: &mut TermTable,
    variants: &[RawVariant],
    codes: &Codes<'_>,
) -> Result<Vec<VariantSet>, String> {
    let mut sets = Vec::new();
    for v in variants {
        let owner = codes.get(&v.id).or_else(|| {
            v.names
                .iter()
                .find_map(|n| table.by_text.get(n))
                .and_then(|&t| table.terms[t].country())
        });
        let Some(owner) = owner else {
            return Err(format!("variant set {:?} names no known place", v.id));
        };
        let kind = if codes.get(&v.id).is_some() {
            TermKind::Alias
        } else {
            TermKind::City
        };
        for name in &v.names {
            if !table.by_text.contains_key(name.as_str()) {
                table.add(name, kind, owner);
            }
        }
        sets.push(VariantSet {
            id: v.id.clone(),
            names: v.names.clone(),
        });
    }
    Ok(sets)
}

fn confusables(
    confusables: &[RawConfusable],
    codes: &Codes<'_>,
) -> Result<Vec<Confusable>, String> {
    let mut pairs = Vec::new();
    for c in confusables {
        let forms = match c.forms.as_str() {
            "official" => ConfusableForms::Official,
            "any" => ConfusableForms::Any,
            "none" => ConfusableForms::None,
            other => return Err(format!("unknown confusable forms {other:?}")),
        };
        let by = match c.by.as_str() {
            "spelling" => ConfusedBy::Spelling,
            "translation" => ConfusedBy::Translation,
            "name" => ConfusedBy::Name,
            other => return Err(format!("unknown confusable cause {other:?}")),
        };
        pairs.push(Confusable {
            pair: [codes.id(&c.countries[0])?, codes.id(&c.countries[1])?],
            forms,
            by,
            why: c.why.clone(),
        });
    }
    Ok(pairs)
}

fn add_abbreviations(
    table: &mut TermTable,
    abbreviations: &[RawAbbreviation],
    codes: &Codes<'_>,
) -> Result<Vec<Abbreviation>, String> {
    let mut out = Vec::new();
    for a in abbreviations {
        let ids = codes.ids(&a.countries)?;
        for &id in &ids {
            table.add(&a.text, TermKind::Abbreviation, id);
        }
        out.push(Abbreviation {
            text: a.text.clone(),
            countries: ids,
            note: a.note.clone(),
        });
    }
    Ok(out)
}

/// Institution names are evidence like a country's cities; every entry must
/// say where its names are written so.
fn add_institutions(
    table: &mut TermTable,
    institutions: &[RawInstitution],
    codes: &Codes<'_>,
) -> Result<(), String> {
    for institution in institutions {
        if institution.source.trim().is_empty() {
            return Err(format!(
                "institutions of {} cite no source",
                institution.country
            ));
        }
        let id = codes.id(&institution.country)?;
        for name in &institution.names {
            if !table.by_text.contains_key(name.as_str()) {
                table.add(name, TermKind::Institution, id);
            }
        }
    }
    Ok(())
}

/// A misspelling is matched like a name but counts for nothing: it is the
/// country's only when the article is clearly about that country.
fn add_misspellings(
    table: &mut TermTable,
    misspellings: &[RawMisspelling],
    codes: &Codes<'_>,
) -> Result<Vec<Misspelling>, String> {
    let mut out = Vec::new();
    for m in misspellings {
        let country = codes.id(&m.country)?;
        table.add(&m.text, TermKind::Misspelling, country);
        out.push(Misspelling {
            text: m.text.clone(),
            country,
            why: m.why.clone(),
        });
    }
    Ok(out)
}

fn dateline_regions(
    regions: &[RawShared],
    codes: &Codes<'_>,
) -> Result<NameMap<String, Vec<CountryId>>, String> {
    let mut by_name = NameMap::default();
    for region in regions {
        by_name.insert(region.text.to_lowercase(), codes.ids(&region.countries)?);
    }
    Ok(by_name)
}

/// The curated house styles, with the `iso` style derived from the data: a
/// country's ISO short name, and a city's current name.
fn with_iso_style(
    mut house_styles: BTreeMap<String, BTreeMap<String, String>>,
    variants: &[VariantSet],
    codes: &Codes<'_>,
    countries: &[Country],
    former_names: &[FormerName],
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut iso = BTreeMap::new();
    for v in variants {
        let preferred = match codes.get(&v.id) {
            Some(id) => v.names.iter().find(|n| **n == countries[id].iso_short),
            // Cities: the current name is the standard's.
            None => v.names.iter().find(|n| {
                !former_names
                    .iter()
                    .any(|f| f.name == **n && f.until.is_none())
            }),
        };
        if let Some(name) = preferred {
            iso.insert(v.id.clone(), name.clone());
        }
    }
    house_styles.insert("iso".to_string(), iso);
    house_styles
}

/// Lower-cased names, official forms and aliases of one country alone, for
/// reading the region part of a dateline; the first term of a spelling wins.
fn names_for_datelines(terms: &[Term]) -> NameMap<String, CountryId> {
    let mut by_name_lower = NameMap::default();
    for term in terms {
        if term.kind.names_country() {
            if let Some(id) = term.country() {
                by_name_lower.entry(term.text.to_lowercase()).or_insert(id);
            }
        }
    }
    by_name_lower
}
