//! The gazetteer's data as read: the shapes of the JSON that `build.rs` writes
//! from `rules/gazetteer.toml` and `rules/countries-curated.toml`, before
//! anything is merged or indexed (that is `assemble`'s work).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;

/// `rules/gazetteer.toml` and `rules/countries-curated.toml` as JSON, converted
/// by `build.rs`: a TOML parse of the gazetteer would cost most of a short run.
pub(super) const GENERATED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.json"));
pub(super) const CURATED_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/countries-curated.json"));
pub(super) const LANGUAGES_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/countries-languages.json"));
pub(super) const INSTITUTIONS_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/countries-institutions.json"));

/// Reads the three files; an error names the file it comes from.
pub(super) fn parse<'a>(
    generated: &'a str,
    curated: &str,
    institutions: &str,
) -> Result<(RawGazetteer<'a>, RawCurated), String> {
    let raw: RawGazetteer<'_> =
        serde_json::from_str(generated).map_err(|e| format!("gazetteer.json: {e}"))?;
    let mut curated: RawCurated =
        serde_json::from_str(curated).map_err(|e| format!("countries-curated.json: {e}"))?;
    let institutions: RawInstitutions = serde_json::from_str(institutions)
        .map_err(|e| format!("countries-institutions.json: {e}"))?;
    curated.institution = institutions.institution;
    Ok((raw, curated))
}

/// `rules/countries-institutions.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstitutions {
    #[serde(default)]
    institution: Vec<RawInstitution>,
}

/// Names of one country's institutions, with where they are written so.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInstitution {
    pub(super) country: String,
    pub(super) names: Vec<String>,
    pub(super) source: String,
}

/// The generated file, `rules/gazetteer.toml`.
#[derive(Deserialize)]
pub(super) struct RawGazetteer<'a> {
    pub(super) country: Vec<RawCountry>,
    /// (name, country code, population, 1 if safe to read as evidence in body
    /// text). Thousands of rows: their strings are borrowed from the embedded text.
    #[serde(borrow)]
    pub(super) cities: Vec<(Text<'a>, Text<'a>, u64, u8)>,
    /// (Russian name, country code).
    #[serde(borrow)]
    pub(super) russian_cities: Vec<(Text<'a>, Text<'a>)>,
    /// Required, not defaulted: a build step that dropped the section would
    /// otherwise silence the state datelines without a word.
    #[serde(borrow)]
    pub(super) us_states: RawUsStates<'a>,
    /// Required for the same reason as `us_states`.
    #[serde(borrow)]
    pub(super) city_namesakes: RawNamesakes<'a>,
}

/// The `[city_namesakes]` section of the generated file.
#[derive(Deserialize)]
pub(super) struct RawNamesakes<'a> {
    /// (city name, codes of the other countries with a place so called,
    /// space-separated).
    #[serde(borrow)]
    pub(super) places: Vec<(Text<'a>, Text<'a>)>,
}

/// The `[us_states]` section of the generated file.
#[derive(Deserialize)]
pub(super) struct RawUsStates<'a> {
    /// (postal code, name, AP dateline form).
    pub(super) states: Vec<(String, String, String)>,
    /// (city name, postal codes of the states with a place so called,
    /// space-separated, the largest first).
    #[serde(borrow)]
    pub(super) places: Vec<(Text<'a>, Text<'a>)>,
}

/// A string borrowed from the text being deserialized when it needs no
/// unescaping, copied otherwise.
pub(super) struct Text<'a>(pub(super) Cow<'a, str>);

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
pub(super) struct RawCountry {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) iso_short: String,
    pub(super) official: Vec<String>,
    pub(super) aliases: Vec<String>,
    pub(super) demonyms: Vec<String>,
    pub(super) capital: String,
    pub(super) russian: Vec<String>,
}

/// The hand-kept layer, `rules/countries-curated.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCurated {
    #[serde(rename = "override", default)]
    pub(super) overrides: Vec<RawOverride>,
    #[serde(default)]
    pub(super) shared_name: Vec<RawShared>,
    #[serde(default)]
    pub(super) confusable: Vec<RawConfusable>,
    #[serde(default)]
    pub(super) confusable_city: Vec<RawConfusableCity>,
    #[serde(default)]
    pub(super) abbreviation: Vec<RawAbbreviation>,
    #[serde(default)]
    pub(super) former: Vec<RawFormer>,
    #[serde(default)]
    pub(super) variant: Vec<RawVariant>,
    #[serde(default)]
    pub(super) house_style: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub(super) phrases: RawPhrases,
    #[serde(default)]
    pub(super) dateline_region: Vec<RawShared>,
    #[serde(default)]
    pub(super) misspelling: Vec<RawMisspelling>,
    #[serde(default)]
    pub(super) dateline_city: Vec<RawDatelineCity>,
    /// From `rules/countries-institutions.toml`, not this file.
    #[serde(skip)]
    pub(super) institution: Vec<RawInstitution>,
}

/// Small cities that wire services dateline from, of one country.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDatelineCity {
    pub(super) country: String,
    pub(super) names: Vec<String>,
}

/// A word written for a country that is not its name ("Columbia").
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMisspelling {
    pub(super) text: String,
    pub(super) country: String,
    pub(super) why: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPhrases {
    #[serde(default)]
    pub(super) not_countries: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOverride {
    pub(super) code: String,
    pub(super) name: Option<String>,
    pub(super) capital: Option<String>,
    #[serde(default)]
    pub(super) official: Vec<String>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    #[serde(default)]
    pub(super) demonyms: Vec<String>,
    #[serde(default)]
    pub(super) russian: Vec<String>,
    /// Cities to read as evidence although the generator's thresholds left them out.
    #[serde(default)]
    pub(super) cities: Vec<String>,
    #[serde(default)]
    pub(super) drop: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawShared {
    pub(super) text: String,
    pub(super) countries: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfusable {
    pub(super) countries: [String; 2],
    pub(super) by: String,
    pub(super) forms: String,
    pub(super) why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfusableCity {
    pub(super) names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAbbreviation {
    pub(super) text: String,
    pub(super) countries: Vec<String>,
    pub(super) note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFormer {
    pub(super) name: String,
    pub(super) country: String,
    pub(super) current: String,
    pub(super) since: String,
    pub(super) until: Option<String>,
    #[serde(default)]
    pub(super) city: bool,
    pub(super) check: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVariant {
    pub(super) id: String,
    pub(super) names: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_strings_are_borrowed_unless_escaped() {
        let plain: Text<'_> = serde_json::from_str("\"Seoul\"").expect("plain string");
        assert!(matches!(plain.0, Cow::Borrowed("Seoul")));
        let escaped: Text<'_> = serde_json::from_str("\"Sa\\u00efd\"").expect("escaped string");
        assert_eq!(escaped.0, "Saïd");
        assert!(serde_json::from_str::<Text<'_>>("3").is_err());
    }
}
