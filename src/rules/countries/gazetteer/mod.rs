//! The country gazetteer: `rules/gazetteer.toml` (generated from licensed
//! sources by `tools/gazetteer/`) with `rules/countries-curated.toml` laid over
//! it, parsed once per process. This file holds what the checks read (the
//! countries, their terms and the lookups over them); `raw` reads the data and
//! `assemble` builds these tables from it.

mod assemble;
mod local;
mod local_data;
mod raw;
mod states;

pub use local::{language_index, LanguageTable, LANGUAGES};
pub use states::{StateId, UsState, UsStates};

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use jiff::civil::Date;

use raw::{CURATED_JSON, GENERATED_JSON, INSTITUTIONS_JSON};

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

/// A country, with the names the checks suggest when they correct one.
#[derive(Clone, Debug)]
pub struct Country {
    /// The ISO 3166 alpha-2 code ("KR"), which the curated layer uses to refer to it.
    pub code: String,
    /// The usual English short name ("South Korea").
    pub name: String,
    /// The ISO 3166 short name ("Korea (Republic of)", "Türkiye").
    pub iso_short: String,
    /// Long official forms without the article ("Republic of Korea").
    pub official: Vec<String>,
    /// The capital's English name: a dateline naming a capital is judged
    /// however small the city.
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
    /// A people or adjective ("South Korean", "Kazakh"): evidence, not a name.
    Demonym,
    /// An institution or office of one country ("Bank of Korea", "Knesset").
    Institution,
    /// A city safe to read as evidence in body text.
    City,
    /// A country or city name in Russian, in one of its common case forms.
    Russian,
    /// An abbreviation that stands for several countries (Russian «РК»).
    Abbreviation,
    /// A word written for a country that is not its name ("Columbia").
    Misspelling,
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
    /// The exact spelling matched, case included.
    pub text: String,
    /// The strongest kind the string has for any of its countries.
    pub kind: TermKind,
    /// Several for a shared name ("Korea", "Congo"); none for a
    /// [`TermKind::NotCountry`] phrase or a name the curated layer dropped.
    pub countries: Vec<CountryId>,
}

impl Term {
    /// The same string met again for `country`: a string that is both a name
    /// and a city (Singapore, Kuwait) counts as the stronger kind.
    pub(super) fn also(&mut self, kind: TermKind, country: CountryId) {
        if !self.countries.contains(&country) {
            self.countries.push(country);
        }
        self.kind = self.kind.min(kind);
    }
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
    /// None: the pair shares a name that the evidence reads (Georgia).
    None,
}

/// How a confusable pair gets swapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfusedBy {
    /// The names differ by a letter or two, or one holds the other.
    Spelling,
    /// One word or abbreviation of a source language stands for both.
    Translation,
    /// One name stands for two places.
    Name,
}

/// A word written for a country that is not its name ("Columbia" for
/// Colombia), reported where the article is clearly about that country.
#[derive(Clone, Debug)]
pub struct Misspelling {
    /// The word as written.
    pub text: String,
    /// The country it is written for.
    pub country: CountryId,
    /// Why it is wrong, shown in the finding's help.
    pub why: String,
}

/// Two countries whose names writers swap by mistake, which `country.context`
/// catches when the article is clearly about one of them.
#[derive(Clone, Debug)]
pub struct Confusable {
    /// The two countries; the pair is symmetric.
    pub pair: [CountryId; 2],
    /// Which of their names are confused.
    pub forms: ConfusableForms,
    /// How the swap happens.
    pub by: ConfusedBy,
    /// Why the two are confused, shown in the finding's help.
    pub why: String,
}

/// A country's or city's former name, and when it went out of date, for
/// `country.outdated`.
#[derive(Clone, Debug)]
pub struct FormerName {
    /// The old name ("Swaziland", "Nur-Sultan").
    pub name: String,
    /// The country the name belongs to (the city's country for a city).
    pub country: CountryId,
    /// The name that replaced it, offered as the fix.
    pub current: String,
    /// First day on which the name is outdated.
    pub since: Date,
    /// First day on which it is right again, if it came back.
    pub until: Option<Date>,
    /// A city's former name rather than a country's.
    pub city: bool,
    /// False for renames whose old name long stayed an accepted style choice.
    pub check: bool,
}

impl FormerName {
    /// Whether an article dated `date` should already use the current name.
    pub fn outdated_on(&self, date: Date) -> bool {
        date >= self.since && self.until.is_none_or(|until| date < until)
    }
}

/// Names of one country or city that should not be mixed in one article.
#[derive(Clone, Debug)]
pub struct VariantSet {
    /// A country code ("TR") or a city's name ("Kyiv"); house styles and the
    /// rule's `preferred` key refer to the set by it.
    pub id: String,
    /// Every accepted name ("Turkey", "Türkiye").
    pub names: Vec<String>,
}

/// An abbreviation that stands for several countries (Russian «РК»: South
/// Korea or Kazakhstan), which `country.abbreviation` asks a translator to check.
#[derive(Clone, Debug)]
pub struct Abbreviation {
    /// The abbreviation as written.
    pub text: String,
    /// Every country it can stand for.
    pub countries: Vec<CountryId>,
    /// What to know about it, shown as the finding's note.
    pub note: String,
}

/// Every country, the names it goes by and the curated knowledge about them,
/// with the lookups the country checks make; built once by [`gazetteer`].
#[derive(Debug)]
pub struct Gazetteer {
    /// Every country, indexed by [`CountryId`].
    pub countries: Vec<Country>,
    /// Every string the checks look for in text, indexed by [`TermId`]; the
    /// engine's automaton matches them.
    pub terms: Vec<Term>,
    /// Country pairs whose names are swapped by mistake.
    pub confusables: Vec<Confusable>,
    /// Groups of city names easily confused ("Dakar", "Dhaka"), for the
    /// dateline check's suggestion.
    pub confusable_cities: Vec<Vec<String>>,
    /// Former names of countries and cities, with their dates.
    pub former_names: Vec<FormerName>,
    /// Sets of names that one article should not mix.
    pub variants: Vec<VariantSet>,
    /// Abbreviations that stand for several countries.
    pub abbreviations: Vec<Abbreviation>,
    /// Words written for a country that are not its name.
    pub misspellings: Vec<Misspelling>,
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
    /// The US states, and the states where each dateline city has a namesake.
    pub us: UsStates,
    /// By lower-cased dateline city name, the other countries with a small
    /// place so called (GeoNames, 500 or more): Toledo in Spain.
    namesakes: NameMap<String, Vec<CountryId>>,
}

/// The process-wide gazetteer. The data is compiled into the binary and checked
/// by the unit tests below, so a parse failure is a build defect, not bad input.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        Gazetteer::from_json(GENERATED_JSON, CURATED_JSON, INSTITUTIONS_JSON)
            .expect("the embedded country gazetteer is valid")
    })
}

impl Gazetteer {
    /// Build the gazetteer from the generated file and the hand-kept layer, in
    /// the JSON form that `build.rs` writes.
    fn from_json(generated: &str, curated: &str, institutions: &str) -> Result<Gazetteer, String> {
        let (raw, curated) = raw::parse(generated, curated, institutions)?;
        Gazetteer::build(raw, curated)
    }

    /// The country with this id.
    pub fn country(&self, id: CountryId) -> Option<&Country> {
        self.countries.get(id)
    }

    /// The country with this ISO 3166 alpha-2 code ("KR").
    pub fn by_code(&self, code: &str) -> Option<CountryId> {
        self.by_code.get(code).copied()
    }

    /// The term with this id, as the engine's matches carry it.
    pub fn term(&self, id: TermId) -> Option<&Term> {
        self.terms.get(id).or_else(|| self.local_term(id))
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

    /// The countries besides the US that a region naming a US state may
    /// mean: Georgia, and the country whose ISO code is the state's postal
    /// code ("TEL AVIV, IL", "BERLIN, DE", "TORONTO, CA").
    pub fn countries_besides_state(&self, region: &str) -> Vec<CountryId> {
        let us = self.by_code("US");
        let mut ids = self.dateline_region_countries(region);
        ids.extend(self.by_code(region.trim()));
        ids.retain(|&id| Some(id) != us);
        ids
    }

    /// Every country that has a city called `name` (any letter case), largest city first.
    pub fn city_countries(&self, name: &str) -> &[(CountryId, u64)] {
        self.cities
            .get(&name.to_lowercase())
            .map_or(&[], |v| v.as_slice())
    }

    /// Countries beyond the city table with a place called `name`.
    pub fn namesake_countries(&self, name: &str) -> &[CountryId] {
        self.namesakes
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
    fn the_explain_text_names_every_confusable_pair() {
        // `copydesk explain country.context` lists the pairs in prose; a pair
        // added to the data must be added there too.
        let rules = include_str!("../../../../rules/countries.toml")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let g = gazetteer();
        for c in &g.confusables {
            for id in c.pair {
                let country = &g.countries[id];
                let named = rules.contains(country.name.as_str())
                    || (country.code == "US" && rules.contains("US state"))
                    || (country.code == "CN" && rules.contains("China"));
                assert!(named, "{} is not in the description", country.name);
            }
            assert!(!c.why.is_empty());
        }
        for m in &g.misspellings {
            assert!(rules.contains(&format!("\"{}\"", m.text)), "{}", m.text);
        }
    }

    #[test]
    fn generated_data_stays_lean() {
        let generated = include_str!("../../../../rules/gazetteer.toml");
        assert!(generated.len() < 700_000, "{} bytes", generated.len());
        assert!(gazetteer().terms.len() < 10_000);
    }
}
