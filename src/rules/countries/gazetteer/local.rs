//! Country names in French, German, Spanish and Russian copy: one table per
//! language, built the first time a document in that language is checked, so
//! that a run over English copy neither builds nor matches them. The names
//! come from the generated gazetteer (`local` of each country,
//! `local_cities`, which `build.rs` compiles in: see `compiled`) and the
//! hand-kept `rules/countries-languages.toml`, whose inflection rules the
//! table applies here.

mod compiled;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::terms::AnchoredSet;

use super::local_data::{LanguageRules, RawLanguages};
use super::raw::LANGUAGES_JSON;
use super::{
    gazetteer, CountryId, FormerName, Gazetteer, NameMap, Term, TermId, TermKind, VariantSet,
};
use compiled::CityNames;

/// The languages other than English whose country names the gazetteer knows.
pub const LANGUAGES: [&str; 4] = ["fr", "de", "es", "ru"];

/// Local term ids start after the English ones, one block per language.
const LANGUAGE_STRIDE: usize = 1 << 22;

/// The position of a primary language subtag in [`LANGUAGES`].
pub fn language_index(language: &str) -> Option<usize> {
    LANGUAGES.iter().position(|l| *l == language)
}

/// One language's country names, cities and the words the checks read.
#[derive(Debug)]
pub struct LanguageTable {
    index: usize,
    terms: Vec<Term>,
    /// Per term: the name it is a form of, and its case slot (0 for the name as given).
    forms: Vec<(String, u8)>,
    by_text: NameMap<String, usize>,
    /// The terms by index, looked up where the text could begin one.
    names: Option<AnchoredSet>,
    /// Per country: the first short name and the first official form, by case slot.
    display: HashMap<CountryId, [Vec<String>; 2]>,
    /// Local city names → (country, population), for datelines.
    cities: CityNames,
    /// Lower-cased names and official forms → country, for dateline regions.
    regions: NameMap<String, CountryId>,
    /// The words that join a list of countries ("et", "und", "y", "и").
    pub list_words: Vec<String>,
    /// Words before a former name that show the writer means the past.
    pub historical_cues: Vec<String>,
    /// The language's former names, with their dates.
    pub former_names: Vec<FormerName>,
    /// The language's variant sets.
    pub variants: Vec<VariantSet>,
    /// Articles the language elides before a vowel ("l'", "d'").
    pub elision: Vec<String>,
    rules: LanguageRules,
}

impl Gazetteer {
    /// The table of a language other than English, built on first use.
    pub fn language(&self, language: &str) -> Option<&'static LanguageTable> {
        let index = language_index(language)?;
        static TABLES: [OnceLock<LanguageTable>; 4] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        Some(TABLES[index].get_or_init(|| LanguageTable::build(index, gazetteer())))
    }

    /// Every country with a city of this name: the English names first, then
    /// the local names of the article's language.
    pub fn city_countries_in(
        &self,
        name: &str,
        local: Option<&'static LanguageTable>,
    ) -> &[(CountryId, u64)] {
        let english = self.city_countries(name);
        match local {
            Some(table) if english.is_empty() => table.city_countries(name),
            _ => english,
        }
    }

    /// Every country a dateline region can mean, in English or the article's language.
    pub fn dateline_region_countries_in(
        &self,
        text: &str,
        local: Option<&'static LanguageTable>,
    ) -> Vec<CountryId> {
        let english = self.dateline_region_countries(text);
        match local {
            Some(table) if english.is_empty() => table.region_country(text).into_iter().collect(),
            _ => english,
        }
    }

    /// A local term, by the id [`LanguageTable::find`] gave it.
    pub(super) fn local_term(&self, id: TermId) -> Option<&Term> {
        let offset = id.checked_sub(self.terms.len())?;
        let language = LANGUAGES.get(offset / LANGUAGE_STRIDE)?;
        self.language(language)?.terms.get(offset % LANGUAGE_STRIDE)
    }

    /// The name a term is a form of ("Республике Казахстан" → "Республика
    /// Казахстан"), and its case slot; an English term is its own name.
    pub fn base_form(&self, id: TermId) -> Option<(&str, u8)> {
        if let Some(term) = self.terms.get(id) {
            return Some((term.text.as_str(), 0));
        }
        let offset = id - self.terms.len();
        let table = self.language(LANGUAGES.get(offset / LANGUAGE_STRIDE)?)?;
        table
            .forms
            .get(offset % LANGUAGE_STRIDE)
            .map(|(base, slot)| (base.as_str(), *slot))
    }
}

impl LanguageTable {
    /// The language's subtag ("fr").
    pub fn language(&self) -> &'static str {
        LANGUAGES[self.index]
    }

    /// Every term of the language in `text` (leftmost-longest, exact case,
    /// word boundaries), with the gazetteer-wide ids the checks look up.
    ///
    /// Leftmost-longest over every byte, boundaries checked afterwards: a
    /// name inside a word still hides a name it overlaps, as it did when an
    /// automaton found them, so that findings stay as they were.
    pub fn find(&self, text: &str) -> Vec<(std::ops::Range<usize>, TermId)> {
        let Some(names) = &self.names else {
            return Vec::new();
        };
        let base = gazetteer().terms.len() + self.index * LANGUAGE_STRIDE;
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let Some((term, end)) = names.longest_at(bytes, at) else {
                at += 1;
                continue;
            };
            if at_word_boundaries(text, at, end) {
                found.push((at..end, base + term as usize));
            }
            at = end;
        }
        found
    }

    /// The country's name in this language, in the form of `kind` (official
    /// or short) and case `slot`, to replace a wrong name with.
    pub fn suggestion(&self, country: CountryId, kind: TermKind, slot: u8) -> Option<&str> {
        let [short, official] = self.display.get(&country)?;
        let forms = match kind {
            TermKind::Official if !official.is_empty() => official,
            _ => short,
        };
        forms
            .get(usize::from(slot))
            .or_else(|| forms.first())
            .map(String::as_str)
    }

    /// A name in case `slot` ("Астана" → "Астане").
    pub fn declined(&self, name: &str, slot: u8) -> String {
        let forms = self.rules.decline(name);
        forms
            .get(usize::from(slot))
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// The country's short name in this language.
    pub fn name(&self, country: CountryId) -> Option<&str> {
        self.display.get(&country)?[0].first().map(String::as_str)
    }

    /// Countries with a city of this local name (any case), largest first.
    pub fn city_countries(&self, name: &str) -> &[(CountryId, u64)] {
        self.cities.get(name)
    }

    /// The country a dateline region names in this language.
    pub fn region_country(&self, text: &str) -> Option<CountryId> {
        self.regions.get(&text.to_lowercase()).copied()
    }

    fn build(index: usize, g: &Gazetteer) -> LanguageTable {
        let language = LANGUAGES[index];
        // Parsed once for every language a run meets.
        static DATA: OnceLock<RawLanguages> = OnceLock::new();
        let data = DATA.get_or_init(|| serde_json::from_str(LANGUAGES_JSON).unwrap_or_default());
        let rules = data.language.get(language).cloned().unwrap_or_default();
        let mut table = LanguageTable {
            index,
            terms: Vec::new(),
            forms: Vec::new(),
            by_text: NameMap::default(),
            names: None,
            display: HashMap::new(),
            cities: CityNames::of(language),
            regions: NameMap::default(),
            list_words: rules.list_words.clone(),
            historical_cues: rules.historical_cues.clone(),
            former_names: Vec::new(),
            variants: Vec::new(),
            elision: rules.elision.clone(),
            rules: LanguageRules::default(),
        };
        for &(code, names, official) in compiled::country_names(language) {
            let Some(id) = g.by_code(code) else {
                continue;
            };
            let extra = data
                .name
                .iter()
                .filter(|n| n.lang == language && n.country == code);
            let mut short: Vec<&str> = names.to_vec();
            let mut official: Vec<&str> = official.to_vec();
            for n in extra {
                short.extend(n.names.iter().map(String::as_str));
                official.extend(n.official.iter().map(String::as_str));
            }
            for (kind, list) in [(TermKind::Name, &short), (TermKind::Official, &official)] {
                for name in list
                    .iter()
                    .filter(|n| !rules.not_names.iter().any(|s| s == *n))
                {
                    let forms = rules.decline(name);
                    for text in apostrophe_forms(name) {
                        table.regions.entry(text.to_lowercase()).or_insert(id);
                    }
                    let slot = usize::from(kind == TermKind::Official);
                    let display = table.display.entry(id).or_default();
                    if display[slot].is_empty() {
                        display[slot] = forms.clone();
                    }
                    table.add_forms(name, &forms, kind, id);
                }
            }
        }
        for demonym in &data.demonym {
            let Some(id) = g.by_code(&demonym.country) else {
                continue;
            };
            let words = match language {
                "fr" => &demonym.fr,
                "de" => &demonym.de,
                "es" => &demonym.es,
                _ => &demonym.ru,
            };
            for word in words {
                for form in rules.adjective_forms(word) {
                    // A sentence may open with it ("Южнокорейское правительство").
                    for text in [form.clone(), capitalised(&form)] {
                        table.add(&text, word, 0, TermKind::Demonym, id);
                    }
                }
            }
        }
        // The alternate names (`CityNames`) serve datelines only: thousands
        // of names in many languages would swell the automaton for little
        // evidence. The English names of cities, which Latin-script copy
        // mostly shares, come from the engine's own matches (see
        // `checks::mentions`).
        for city in data.city.iter().filter(|c| c.lang == language) {
            let Some(id) = g.by_code(&city.country) else {
                continue;
            };
            for name in &city.names {
                table.add_city(name, id, 0, &rules);
            }
        }
        for f in data.former.iter().filter(|f| f.lang == language) {
            let (Some(id), Ok(since)) = (g.by_code(&f.country), f.since.parse()) else {
                continue;
            };
            let kind = if f.city {
                TermKind::City
            } else {
                TermKind::Alias
            };
            if !table.by_text.contains_key(f.name.as_str()) {
                let forms = rules.decline(&f.name);
                table.add_forms(&f.name, &forms, kind, id);
            }
            table.former_names.push(FormerName {
                name: f.name.clone(),
                country: id,
                current: f.current.clone(),
                since,
                until: None,
                city: f.city,
                check: true,
            });
        }
        table.rules = rules;
        for v in data.variant.iter().filter(|v| v.lang == language) {
            if let Some(id) = g.by_code(&v.id) {
                for name in &v.names {
                    if !table.by_text.contains_key(name.as_str()) {
                        let forms = table.rules.decline(name);
                        table.add_forms(name, &forms, TermKind::Alias, id);
                    }
                }
            }
            table.variants.push(VariantSet {
                id: v.id.clone(),
                names: v.names.clone(),
            });
        }
        table.names = Some(AnchoredSet::new(
            (0u32..).zip(table.terms.iter().map(|t| t.text.as_str())),
            false,
        ));
        table
    }

    fn add_city(&mut self, name: &str, id: CountryId, population: u64, rules: &LanguageRules) {
        self.cities.add(name, id, population);
        let forms = rules.decline(name);
        self.add_forms(name, &forms, TermKind::City, id);
    }

    fn add_forms(&mut self, name: &str, forms: &[String], kind: TermKind, id: CountryId) {
        for (slot, form) in forms.iter().enumerate() {
            for text in apostrophe_forms(form) {
                self.add(&text, name, slot as u8, kind, id);
            }
        }
    }

    fn add(&mut self, text: &str, base: &str, slot: u8, kind: TermKind, id: CountryId) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match self.by_text.get(text) {
            Some(&index) => self.terms[index].also(kind, id),
            None => {
                self.by_text.insert(text.to_string(), self.terms.len());
                self.terms.push(Term {
                    text: text.to_string(),
                    kind,
                    countries: vec![id],
                });
                self.forms.push((base.to_string(), slot));
            }
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name with a straight apostrophe is also written with a curly one, and
/// the other way round ("Côte d'Ivoire", "Côte d’Ivoire").
fn apostrophe_forms(name: &str) -> Vec<String> {
    let mut forms = vec![name.to_string()];
    if name.contains('\'') {
        forms.push(name.replace('\'', "’"));
    } else if name.contains('’') {
        forms.push(name.replace('’', "'"));
    }
    forms
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text
        .get(..start)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !is_word_char(c));
    let after = text
        .get(end..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !is_word_char(c));
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(language: &str) -> &'static LanguageTable {
        gazetteer().language(language).expect("a known language")
    }

    fn countries_of(language: &str, text: &str) -> Vec<&'static str> {
        let t = table(language);
        let found = t.find(text);
        let g = gazetteer();
        let mut codes: Vec<&str> = found
            .iter()
            .filter_map(|(_, id)| g.term(*id))
            .flat_map(|term| term.countries.iter().map(|&c| g.countries[c].code.as_str()))
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    #[test]
    fn the_data_parses() {
        let data: Result<RawLanguages, _> = serde_json::from_str(LANGUAGES_JSON);
        assert!(data.is_ok(), "{:?}", data.err().map(|e| e.to_string()));
    }

    #[test]
    fn russian_names_decline_by_case() {
        for (text, code) in [
            ("Республика Корея", "KR"),
            ("Республики Корея", "KR"),
            ("Республике Казахстан", "KZ"),
            ("в Казахстане", "KZ"),
            ("Южной Кореи", "KR"),
            ("южнокорейского", "KR"),
            ("в Сеуле", "KR"),
        ] {
            assert_eq!(countries_of("ru", text), [code], "{text}");
        }
        assert!(countries_of("ru", "Того же мнения").is_empty());
    }

    #[test]
    fn a_suggestion_keeps_the_case_of_the_wrong_name() {
        let g = gazetteer();
        let t = table("ru");
        let kr = g.by_code("KR").unwrap_or(0);
        let found = t.find("Республике Казахстан");
        let (_, id) = found.first().cloned().unwrap_or((0..0, 0));
        let (base, slot) = g.base_form(id).unwrap_or(("", 0));
        assert_eq!(base, "Республика Казахстан");
        assert_eq!(slot, 2);
        assert_eq!(
            t.suggestion(kr, TermKind::Official, slot),
            Some("Республике Корея")
        );
    }

    #[test]
    fn german_genitive_and_adjectives() {
        assert_eq!(countries_of("de", "Südkoreas Regierung"), ["KR"]);
        assert_eq!(countries_of("de", "Kasachstans Präsident"), ["KZ"]);
        assert_eq!(countries_of("de", "die südkoreanische Seite"), ["KR"]);
        assert_eq!(countries_of("de", "in der Schweiz"), ["CH"]);
    }

    #[test]
    fn french_elision_reads_the_name() {
        let rules: RawLanguages = serde_json::from_str(LANGUAGES_JSON).unwrap_or_default();
        let fr = rules.language.get("fr").cloned().unwrap_or_default();
        for elided in fr.elided("Iran") {
            assert_eq!(countries_of("fr", &elided), ["IR"], "{elided}");
        }
        assert_eq!(countries_of("fr", "le président sud-coréen"), ["KR"]);
        assert_eq!(countries_of("fr", "la République du Kazakhstan"), ["KZ"]);
    }

    #[test]
    fn spanish_names_and_demonyms() {
        assert_eq!(countries_of("es", "Corea del Sur"), ["KR"]);
        assert_eq!(countries_of("es", "el Gobierno surcoreano"), ["KR"]);
        assert_eq!(countries_of("es", "la República de Kazajstán"), ["KZ"]);
    }

    #[test]
    fn local_city_names_serve_datelines() {
        let g = gazetteer();
        let code = |list: &[(CountryId, u64)]| list.first().map(|c| g.countries[c.0].code.clone());
        assert_eq!(
            code(table("fr").city_countries("SÉOUL")).as_deref(),
            Some("KR")
        );
        assert_eq!(
            code(table("de").city_countries("GENF")).as_deref(),
            Some("CH")
        );
        assert_eq!(
            code(table("ru").city_countries("СЕУЛ")).as_deref(),
            Some("KR")
        );
        assert_eq!(
            table("fr")
                .region_country("Slovénie")
                .map(|id| g.countries[id].code.as_str()),
            Some("SI")
        );
    }
}

#[cfg(test)]
mod same_as_an_automaton {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};

    /// What `find` gave when a leftmost-longest automaton found the names.
    fn by_automaton(table: &LanguageTable, text: &str) -> Vec<(std::ops::Range<usize>, TermId)> {
        let base = gazetteer().terms.len() + table.index * LANGUAGE_STRIDE;
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(table.terms.iter().map(|t| t.text.as_str()))
            .expect("the automaton builds");
        automaton
            .find_iter(text)
            .filter(|m| at_word_boundaries(text, m.start(), m.end()))
            .map(|m| (m.range(), base + m.pattern().as_usize()))
            .collect()
    }

    #[test]
    fn names_glued_spaced_and_cut_are_found_as_the_automaton_found_them() {
        let joins = [" ", "", "-", "'", "’", ", ", "x", "\r\n", "é", "1"];
        for language in LANGUAGES {
            let table = gazetteer().language(language).expect("a known language");
            let mut text = String::new();
            for (index, term) in table.terms.iter().enumerate() {
                let piece = match index % 4 {
                    // Cut at the front, to begin inside a word.
                    3 => term.text.chars().skip(1).collect(),
                    _ => term.text.clone(),
                };
                text.push_str(&piece);
                text.push_str(joins[index % joins.len()]);
            }
            let found = table.find(&text);
            assert!(found.len() > 100, "{language}: {}", found.len());
            assert_eq!(found, by_automaton(table, &text), "{language}");
        }
    }
}
