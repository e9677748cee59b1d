//! The country gazetteer: `rules/gazetteer.toml` (generated from licensed
//! sources by `tools/gazetteer/`) with `rules/countries-curated.toml` laid over
//! it, parsed once per process.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use jiff::civil::Date;
use serde::Deserialize;

/// `rules/gazetteer.toml` and `rules/countries-curated.toml` as JSON, converted
/// by `build.rs`: a TOML parse of the gazetteer would cost most of a short run.
const GENERATED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.json"));
const CURATED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/countries-curated.json"));

/// A multiply-rotate hash for the gazetteer's own keys: SipHash's resistance to
/// chosen keys buys nothing for data compiled into the binary, and hashing some
/// 20,000 names at start-up was a visible part of a short run.
#[derive(Clone, Copy, Default)]
struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    fn write_usize(&mut self, value: usize) {
        self.write(&value.to_le_bytes());
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

/// Index of a country in [`Gazetteer::countries`].
pub type CountryId = usize;
/// Index of a term in [`Gazetteer::terms`].
pub type TermId = usize;

#[derive(Clone, Debug)]
pub struct Country {
    pub code: String,
    /// The usual English short name ("South Korea").
    pub name: String,
    /// The ISO 3166 short name ("Korea (Republic of)", "Türkiye").
    pub iso_short: String,
    /// Long official forms without the article ("Republic of Korea").
    pub official: Vec<String>,
    pub capital: String,
}

/// What a term says about a country, which decides how much it counts as evidence
/// and whether it can be the wrong name in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    /// The short English name.
    Name,
    /// A long official form.
    Official,
    /// Another English name (an alias, a variant, a former name).
    Alias,
    Demonym,
    /// A city safe to read as evidence in body text.
    City,
    /// A country or city name in Russian, in one of its common case forms.
    Russian,
    /// An abbreviation that stands for several countries (Russian «РК»).
    Abbreviation,
    /// A phrase that contains a country's name without naming it ("Niger Delta").
    NotCountry,
}

impl TermKind {
    /// Names proper, as opposed to supporting evidence.
    pub fn names_country(self) -> bool {
        matches!(self, TermKind::Name | TermKind::Official | TermKind::Alias)
    }
}

/// One literal string matched in text, and every country it can stand for.
#[derive(Clone, Debug)]
pub struct Term {
    pub text: String,
    pub kind: TermKind,
    pub countries: Vec<CountryId>,
}

impl Term {
    /// A term that stands for exactly one country.
    pub fn country(&self) -> Option<CountryId> {
        match self.countries.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }
}

/// Which names of a confusable pair are easily swapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfusableForms {
    /// Only the long official forms ("Republic of Korea" / "Republic of Kazakhstan").
    Official,
    /// Every name.
    Any,
}

#[derive(Clone, Debug)]
pub struct Confusable {
    pub pair: [CountryId; 2],
    pub forms: ConfusableForms,
    pub why: String,
}

#[derive(Clone, Debug)]
pub struct FormerName {
    pub name: String,
    pub country: CountryId,
    pub current: String,
    /// First day on which the name is outdated.
    pub since: Date,
    /// First day on which it is right again, if it came back.
    pub until: Option<Date>,
    pub city: bool,
    /// False for renames whose old name long stayed an accepted style choice.
    pub check: bool,
}

impl FormerName {
    pub fn outdated_on(&self, date: Date) -> bool {
        date >= self.since && self.until.is_none_or(|until| date < until)
    }
}

/// Names of one country or city that should not be mixed in one article.
#[derive(Clone, Debug)]
pub struct VariantSet {
    pub id: String,
    pub names: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Abbreviation {
    pub text: String,
    pub countries: Vec<CountryId>,
    pub note: String,
}

#[derive(Debug)]
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub terms: Vec<Term>,
    pub confusables: Vec<Confusable>,
    pub confusable_cities: Vec<Vec<String>>,
    pub former_names: Vec<FormerName>,
    pub variants: Vec<VariantSet>,
    pub abbreviations: Vec<Abbreviation>,
    /// House style name → variant set id → preferred name.
    pub house_styles: BTreeMap<String, BTreeMap<String, String>>,
    by_code: NameMap<String, CountryId>,
    by_term: NameMap<String, TermId>,
    /// Lower-cased city name → (country, population), largest first.
    cities: NameMap<String, Vec<(CountryId, u64)>>,
    /// Lower-cased country name, official form or alias → country, for datelines.
    by_name_lower: NameMap<String, CountryId>,
    /// Dateline regions that may mean several countries.
    dateline_regions: NameMap<String, Vec<CountryId>>,
}

#[derive(Deserialize)]
struct RawGazetteer<'a> {
    country: Vec<RawCountry>,
    /// Thousands of rows: their strings are borrowed from the embedded text.
    #[serde(borrow)]
    cities: Vec<(Text<'a>, Text<'a>, u64, u8)>,
    #[serde(borrow)]
    russian_cities: Vec<(Text<'a>, Text<'a>)>,
}

/// A string borrowed from the text being deserialized when it needs no
/// unescaping, copied otherwise.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }
            fn visit_str<E>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text.to_string())))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

#[derive(Deserialize)]
struct RawCountry {
    code: String,
    name: String,
    iso_short: String,
    official: Vec<String>,
    aliases: Vec<String>,
    demonyms: Vec<String>,
    capital: String,
    russian: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCurated {
    #[serde(rename = "override", default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    shared_name: Vec<RawShared>,
    #[serde(default)]
    confusable: Vec<RawConfusable>,
    #[serde(default)]
    confusable_city: Vec<RawConfusableCity>,
    #[serde(default)]
    abbreviation: Vec<RawAbbreviation>,
    #[serde(default)]
    former: Vec<RawFormer>,
    #[serde(default)]
    variant: Vec<RawVariant>,
    #[serde(default)]
    house_style: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    phrases: RawPhrases,
    #[serde(default)]
    dateline_region: Vec<RawShared>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPhrases {
    #[serde(default)]
    not_countries: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    code: String,
    name: Option<String>,
    capital: Option<String>,
    #[serde(default)]
    official: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    russian: Vec<String>,
    /// Cities to read as evidence although the generator's thresholds left them out.
    #[serde(default)]
    cities: Vec<String>,
    #[serde(default)]
    drop: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShared {
    text: String,
    countries: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfusable {
    countries: [String; 2],
    forms: String,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfusableCity {
    names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAbbreviation {
    text: String,
    countries: Vec<String>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFormer {
    name: String,
    country: String,
    current: String,
    since: String,
    until: Option<String>,
    #[serde(default)]
    city: bool,
    check: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    id: String,
    names: Vec<String>,
}

/// The process-wide gazetteer. The data is compiled into the binary and checked
/// by the unit tests below, so a parse failure is a build defect, not bad input.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        Gazetteer::from_json(GENERATED_JSON, CURATED_JSON)
            .expect("the embedded country gazetteer is valid")
    })
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
            Some(&id) => {
                let term = &mut self.terms[id];
                if !term.countries.contains(&country) {
                    term.countries.push(country);
                }
                // A string that is both a name and a city (Singapore, Kuwait)
                // counts as the stronger kind.
                term.kind = term.kind.min(kind);
            }
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

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|error| format!("bad date {text:?}: {error}"))
}

impl Gazetteer {
    /// Build the gazetteer from the generated file and the hand-kept layer, in
    /// the JSON form that `build.rs` writes.
    pub fn from_json(generated: &str, curated: &str) -> Result<Gazetteer, String> {
        let raw: RawGazetteer<'_> =
            serde_json::from_str(generated).map_err(|e| format!("gazetteer.json: {e}"))?;
        let curated: RawCurated =
            serde_json::from_str(curated).map_err(|e| format!("countries-curated.json: {e}"))?;
        Gazetteer::build(raw, curated)
    }

    fn build(raw: RawGazetteer<'_>, curated: RawCurated) -> Result<Gazetteer, String> {
        let mut countries = Vec::with_capacity(raw.country.len());
        let mut by_code = NameMap::default();
        for (id, c) in raw.country.iter().enumerate() {
            by_code.insert(c.code.clone(), id);
            countries.push(Country {
                code: c.code.clone(),
                name: c.name.clone(),
                iso_short: c.iso_short.clone(),
                official: c.official.clone(),
                capital: c.capital.clone(),
            });
        }
        let code = |code: &str| -> Result<CountryId, String> {
            by_code
                .get(code)
                .copied()
                .ok_or_else(|| format!("unknown country code {code:?}"))
        };

        let mut table = TermTable::with_capacity(
            raw.cities.len() + raw.russian_cities.len() + 16 * raw.country.len(),
        );
        let mut drops = Vec::new();
        let mut extra: HashMap<CountryId, &RawOverride> = HashMap::new();
        for o in &curated.overrides {
            let id = code(&o.code)?;
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
            extra.insert(id, o);
        }

        for (id, c) in raw.country.iter().enumerate() {
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
            if let Some(o) = extra.get(&id) {
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

        // Sized up front: growing these maps (and the term table) was a tenth
        // of the load.
        let mut cities: NameMap<String, Vec<(CountryId, u64)>> =
            NameMap::with_capacity_and_hasher(raw.cities.len(), Default::default());
        for (Text(name), Text(country), population, evidence) in &raw.cities {
            let id = code(country)?;
            if *evidence == 1 {
                table.add(name, TermKind::City, id);
            }
            cities
                .entry(name.to_lowercase())
                .or_default()
                .push((id, *population));
        }
        for (Text(name), Text(country)) in &raw.russian_cities {
            table.add(name, TermKind::Russian, code(country)?);
        }

        let mut former_names = Vec::new();
        for f in &curated.former {
            let id = code(&f.country)?;
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
        for list in cities.values_mut() {
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }

        for (text, id) in drops {
            table.remove(text, id);
        }
        for shared in &curated.shared_name {
            let ids = shared
                .countries
                .iter()
                .map(|c| code(c))
                .collect::<Result<Vec<_>, _>>()?;
            for id in ids {
                table.add(&shared.text, TermKind::Alias, id);
            }
        }

        let mut variants = Vec::new();
        for v in &curated.variant {
            // Variant names must be matchable even when the sources lack them.
            let owner = by_code.get(&v.id).copied().or_else(|| {
                v.names
                    .iter()
                    .find_map(|n| table.by_text.get(n))
                    .and_then(|&t| table.terms[t].country())
            });
            let Some(owner) = owner else {
                return Err(format!("variant set {:?} names no known place", v.id));
            };
            let kind = if by_code.contains_key(&v.id) {
                TermKind::Alias
            } else {
                TermKind::City
            };
            for name in &v.names {
                if !table.by_text.contains_key(name.as_str()) {
                    table.add(name, kind, owner);
                }
            }
            variants.push(VariantSet {
                id: v.id.clone(),
                names: v.names.clone(),
            });
        }

        let mut confusables = Vec::new();
        for c in &curated.confusable {
            let forms = match c.forms.as_str() {
                "official" => ConfusableForms::Official,
                "any" => ConfusableForms::Any,
                other => return Err(format!("unknown confusable forms {other:?}")),
            };
            confusables.push(Confusable {
                pair: [code(&c.countries[0])?, code(&c.countries[1])?],
                forms,
                why: c.why.clone(),
            });
        }

        let mut abbreviations = Vec::new();
        for a in &curated.abbreviation {
            let ids = a
                .countries
                .iter()
                .map(|c| code(c))
                .collect::<Result<Vec<_>, _>>()?;
            for &id in &ids {
                table.add(&a.text, TermKind::Abbreviation, id);
            }
            abbreviations.push(Abbreviation {
                text: a.text.clone(),
                countries: ids,
                note: a.note.clone(),
            });
        }

        for phrase in &curated.phrases.not_countries {
            table.add_phrase(phrase);
        }
        let mut dateline_regions = NameMap::default();
        for region in &curated.dateline_region {
            let ids = region
                .countries
                .iter()
                .map(|c| code(c))
                .collect::<Result<Vec<_>, _>>()?;
            dateline_regions.insert(region.text.to_lowercase(), ids);
        }

        let mut house_styles = curated.house_style;
        let mut iso = BTreeMap::new();
        for v in &variants {
            let preferred = match by_code.get(&v.id) {
                Some(&id) => v.names.iter().find(|n| **n == countries[id].iso_short),
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

        let mut by_name_lower = NameMap::default();
        for term in &table.terms {
            if term.kind.names_country() {
                if let Some(id) = term.country() {
                    by_name_lower.entry(term.text.to_lowercase()).or_insert(id);
                }
            }
        }

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
            house_styles,
            by_code,
            by_term: by_text,
            cities,
            by_name_lower,
            dateline_regions,
        })
    }

    pub fn country(&self, id: CountryId) -> Option<&Country> {
        self.countries.get(id)
    }

    pub fn by_code(&self, code: &str) -> Option<CountryId> {
        self.by_code.get(code).copied()
    }

    pub fn term(&self, id: TermId) -> Option<&Term> {
        self.terms.get(id)
    }

    /// The term spelled exactly `text`.
    pub fn term_id(&self, text: &str) -> Option<TermId> {
        self.by_term.get(text).copied()
    }

    /// Every country a string can stand for ("РК" → South Korea and Kazakhstan).
    pub fn countries_named(&self, text: &str) -> &[CountryId] {
        self.term_id(text)
            .and_then(|id| self.terms.get(id))
            .map_or(&[], |t| t.countries.as_slice())
    }

    /// A country named in a dateline's region part, any letter case.
    pub fn country_by_name(&self, text: &str) -> Option<CountryId> {
        self.by_name_lower.get(&text.to_lowercase()).copied()
    }

    /// Every country a dateline region can mean ("Georgia": the country or the US state).
    pub fn dateline_region_countries(&self, text: &str) -> Vec<CountryId> {
        match self.dateline_regions.get(&text.to_lowercase()) {
            Some(ids) => ids.clone(),
            None => self.country_by_name(text).into_iter().collect(),
        }
    }

    /// Every country that has a city called `name` (any letter case), largest city first.
    pub fn city_countries(&self, name: &str) -> &[(CountryId, u64)] {
        self.cities
            .get(&name.to_lowercase())
            .map_or(&[], |v| v.as_slice())
    }

    /// Countries with a city whose lower-cased name starts with `prefix`.
    pub fn cities_starting_with<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = CountryId> + 'a {
        self.cities
            .iter()
            .filter(move |(name, _)| name.starts_with(prefix))
            .flat_map(|(_, holders)| holders.iter().map(|h| h.0))
    }

    /// The country a city name most likely means: the one with the largest city of that name.
    pub fn resolve_city(&self, name: &str) -> Option<CountryId> {
        self.city_countries(name).first().map(|(id, _)| *id)
    }

    /// The confusable partners of a country, with the pair's description.
    pub fn partners(&self, id: CountryId) -> impl Iterator<Item = (CountryId, &Confusable)> {
        self.confusables.iter().filter_map(move |c| match c.pair {
            [a, b] if a == id => Some((b, c)),
            [a, b] if b == id => Some((a, c)),
            _ => None,
        })
    }

    /// The preferred name of a variant set under a house style.
    pub fn preferred(&self, house_style: &str, variant_id: &str) -> Option<&str> {
        self.house_styles
            .get(house_style)?
            .get(variant_id)
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(id: CountryId) -> &'static str {
        &gazetteer().countries[id].code
    }

    fn codes(ids: &[CountryId]) -> Vec<&'static str> {
        let mut out: Vec<_> = ids.iter().map(|&id| code_of(id)).collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn korea_and_kazakhstan_both_answer_to_rk() {
        assert_eq!(codes(gazetteer().countries_named("РК")), ["KR", "KZ"]);
    }

    #[test]
    fn seoul_is_in_south_korea() {
        let g = gazetteer();
        assert_eq!(g.resolve_city("Seoul").map(code_of), Some("KR"));
        assert_eq!(g.resolve_city("SEOUL").map(code_of), Some("KR"));
        assert_eq!(codes(g.countries_named("Seoul")), ["KR"]);
    }

    #[test]
    fn vienna_resolves_to_austria() {
        assert_eq!(gazetteer().resolve_city("Vienna").map(code_of), Some("AT"));
    }

    #[test]
    fn ambiguous_city_names_rank_by_population() {
        let g = gazetteer();
        assert_eq!(g.resolve_city("London").map(code_of), Some("GB"));
        let holders = codes(
            &g.city_countries("London")
                .iter()
                .map(|c| c.0)
                .collect::<Vec<_>>(),
        );
        assert!(holders.contains(&"CA"), "{holders:?}");
    }

    #[test]
    fn official_forms_and_demonyms_are_terms() {
        let g = gazetteer();
        for (text, code, kind) in [
            ("Republic of Korea", "KR", TermKind::Official),
            ("Republic of Kazakhstan", "KZ", TermKind::Official),
            ("South Korean", "KR", TermKind::Demonym),
            ("Kazakh", "KZ", TermKind::Demonym),
            ("Nigerien", "NE", TermKind::Demonym),
            ("Ivory Coast", "CI", TermKind::Alias),
            ("Swaziland", "SZ", TermKind::Alias),
            ("Kiev", "UA", TermKind::City),
        ] {
            let term = g.term_id(text).and_then(|id| g.term(id));
            let term = term.unwrap_or_else(|| panic!("{text} is not a term"));
            assert_eq!(term.kind, kind, "{text}");
            assert_eq!(codes(&term.countries), [code], "{text}");
        }
        assert_eq!(codes(g.countries_named("Nigerian")), ["NG"]);
        assert_eq!(codes(g.countries_named("Korea")), ["KP", "KR"]);
    }

    #[test]
    fn english_word_cities_are_not_body_text_terms() {
        let g = gazetteer();
        for word in ["Mobile", "Reading", "Nice", "Split", "Bath", "Orange", "Of"] {
            let city = g
                .term_id(word)
                .and_then(|id| g.term(id))
                .is_some_and(|t| t.kind == TermKind::City);
            assert!(!city, "{word} must not be body-text evidence");
        }
    }

    #[test]
    fn former_names_are_judged_by_date() {
        let g = gazetteer();
        let date = |s: &str| s.parse::<Date>().expect("test date");
        let former = |name: &str| {
            g.former_names
                .iter()
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("{name} is not a former name"))
        };
        assert!(!former("Nur-Sultan").outdated_on(date("2020-06-01")));
        assert!(former("Nur-Sultan").outdated_on(date("2023-01-01")));
        assert!(former("Astana").outdated_on(date("2020-06-01")));
        assert!(!former("Astana").outdated_on(date("2023-01-01")));
        assert!(former("Swaziland").outdated_on(date("2019-01-01")));
        assert!(!former("Swaziland").outdated_on(date("2017-01-01")));
        assert_eq!(g.countries[g.by_code("KZ").unwrap_or(0)].capital, "Astana");
    }

    #[test]
    fn house_styles_name_their_preferences() {
        let g = gazetteer();
        assert_eq!(g.preferred("ap", "TR"), Some("Turkey"));
        assert_eq!(g.preferred("bbc", "MM"), Some("Myanmar"));
        assert_eq!(g.preferred("bbc", "Kyiv"), Some("Kyiv"));
        assert_eq!(g.preferred("iso", "TR"), Some("Türkiye"));
        assert_eq!(g.preferred("iso", "CI"), Some("Côte d'Ivoire"));
        assert_eq!(g.preferred("iso", "CZ"), Some("Czechia"));
        assert_eq!(g.preferred("iso", "Kyiv"), Some("Kyiv"));
    }

    #[test]
    fn confusable_pairs_are_symmetric() {
        let g = gazetteer();
        let at = g.by_code("AT").unwrap_or(usize::MAX);
        let au = g.by_code("AU").unwrap_or(usize::MAX);
        assert!(g.partners(at).any(|(p, _)| p == au));
        assert!(g.partners(au).any(|(p, _)| p == at));
    }

    #[test]
    fn data_strings_are_borrowed_unless_escaped() {
        let plain: Text<'_> = serde_json::from_str("\"Seoul\"").expect("plain string");
        assert!(matches!(plain.0, Cow::Borrowed("Seoul")));
        let escaped: Text<'_> = serde_json::from_str("\"Sa\\u00efd\"").expect("escaped string");
        assert_eq!(escaped.0, "Saïd");
        assert!(serde_json::from_str::<Text<'_>>("3").is_err());
    }

    #[test]
    fn generated_data_stays_lean() {
        let generated = include_str!("../../../rules/gazetteer.toml");
        assert!(generated.len() < 700_000, "{} bytes", generated.len());
        assert!(gazetteer().terms.len() < 10_000);
    }
}
