//! The family's data for copy in languages other than English, one file per
//! language (`rules/dates-fr.toml` and its siblings, generated from CLDR by
//! `tools/cldr_dates.py`), each read once, when a document in that language
//! is first checked.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::data::Name;

/// The languages the family understands besides English, and their data.
const SOURCES: &[(&str, &str)] = &[
    ("de", include_str!("../../../rules/dates-de.toml")),
    ("es", include_str!("../../../rules/dates-es.toml")),
    ("fr", include_str!("../../../rules/dates-fr.toml")),
    ("ru", include_str!("../../../rules/dates-ru.toml")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNamed {
    name: String,
    forms: Vec<String>,
    abbreviations: Vec<String>,
}

/// The forms the language's own style wants.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageStyle {
    /// After every day but the first of the month before a month name (`10.`).
    pub day_suffix: String,
    /// After the first of the month (`1er`, `1.`).
    pub first_day_suffix: String,
    /// Between a day and a month written in full (`de`).
    pub month_connector: String,
    /// Between a month written in full and its year (`de`).
    pub year_connector: String,
    /// The rule in a sentence.
    pub dates: String,
}

/// How the language writes times.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageClock {
    /// `{h} h {mm}`: an hour and its minutes.
    pub hour_minute: String,
    /// `{h} h`: a whole hour.
    pub hour: String,
    /// The separators the language accepts between hour and minute.
    pub separators: Vec<String>,
    /// Words that follow an hour and make it a time (`14 Uhr`, `14 h`).
    pub hour_words: Vec<String>,
    /// The rule in a sentence.
    pub times: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLanguage {
    language: String,
    name: String,
    numeric_separators: Vec<String>,
    day_suffixes: Vec<String>,
    month_connectors: Vec<String>,
    year_connectors: Vec<String>,
    year_suffixes: Vec<String>,
    weekday_connectors: Vec<String>,
    weekday_form_after: Vec<String>,
    style: LanguageStyle,
    clock: LanguageClock,
    month: Vec<RawNamed>,
    weekday: Vec<RawNamed>,
}

/// A month or weekday: its usual name, its other full forms, its short forms.
#[derive(Debug)]
pub struct Named {
    pub name: String,
    pub forms: Vec<String>,
    pub abbreviations: Vec<String>,
}

/// One language's names and grammar, checked when read.
#[derive(Debug)]
pub struct Language {
    /// The language's English name (`French`).
    pub name: String,
    /// January first.
    pub months: Vec<Named>,
    /// Monday first.
    pub weekdays: Vec<Named>,
    /// Every name and form, lower case, to what it names.
    pub words: HashMap<String, Name>,
    /// Between the parts of a numeric date, which is day first.
    pub numeric_separators: Vec<char>,
    /// Longest first.
    pub day_suffixes: Vec<String>,
    pub month_connectors: Vec<String>,
    pub year_connectors: Vec<String>,
    /// Longest first.
    pub year_suffixes: Vec<String>,
    /// Words between a weekday and its date (`den`).
    pub weekday_connectors: Vec<String>,
    /// Words after which a weekday takes its first other form.
    pub weekday_form_after: Vec<String>,
    pub style: LanguageStyle,
    pub clock: LanguageClock,
}

impl Language {
    /// The name or form of `word`, in any case. Every capitalised word of
    /// the copy is looked up (each German noun), so it is lowered into a
    /// buffer on the stack rather than a new string.
    pub fn name_of(&self, word: &str) -> Option<Name> {
        if !word.chars().any(char::is_uppercase) {
            return self.words.get(word).copied();
        }
        let mut buffer = [0u8; 64];
        let mut len = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            let width = c.len_utf8();
            // Longer than any name: not one.
            let slot = buffer.get_mut(len..len + width)?;
            c.encode_utf8(slot);
            len += width;
        }
        let lowered = std::str::from_utf8(&buffer[..len]).ok()?;
        self.words.get(lowered).copied()
    }

    /// A month's name as a date writes it, 1-based ("" out of range).
    pub fn month_name(&self, number: i8) -> &str {
        usize::try_from(number - 1)
            .ok()
            .and_then(|i| self.months.get(i))
            .map_or("", |m| m.name.as_str())
    }

    /// A weekday, Monday = 0.
    pub fn weekday(&self, offset: i8) -> Option<&Named> {
        usize::try_from(offset)
            .ok()
            .and_then(|i| self.weekdays.get(i))
    }
}

/// The data for a primary language subtag, when the family has it.
pub fn language(code: &str) -> Option<&'static Language> {
    static LANGUAGES: OnceLock<Vec<OnceLock<Language>>> = OnceLock::new();
    let slots = LANGUAGES.get_or_init(|| SOURCES.iter().map(|_| OnceLock::new()).collect());
    let index = SOURCES.iter().position(|(c, _)| *c == code)?;
    let (code, source) = SOURCES[index];
    // Compiled in and checked by the unit tests: a parse failure is a build
    // defect, not bad input.
    Some(slots[index].get_or_init(|| parse(code, source).expect("rules/dates-*.toml are valid")))
}

/// The codes of the languages the family has data for, English aside.
#[cfg(test)]
fn codes() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(code, _)| *code)
}

fn parse(code: &str, source: &str) -> Result<Language, String> {
    let raw: RawLanguage = toml::from_str(source).map_err(|e| e.to_string())?;
    if raw.language != code {
        return Err(format!(
            "the data for `{code}` says it is `{}`",
            raw.language
        ));
    }
    if raw.month.len() != 12 || raw.weekday.len() != 7 {
        return Err(format!(
            "{}: twelve months and seven weekdays are needed",
            raw.language
        ));
    }
    let mut words = HashMap::new();
    // Weekdays first: where a month shares a word, the month wins.
    for (i, weekday) in raw.weekday.iter().enumerate() {
        let offset = i as i8;
        insert_named(&mut words, weekday, |abbreviated| Name::Weekday {
            offset,
            abbreviated,
        });
    }
    for (i, month) in raw.month.iter().enumerate() {
        let number = i as i8 + 1;
        insert_named(&mut words, month, |abbreviated| Name::Month {
            number,
            abbreviated,
        });
    }
    let mut numeric_separators = Vec::new();
    for separator in &raw.numeric_separators {
        let mut chars = separator.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => numeric_separators.push(c),
            _ => return Err(format!("`{separator}` is not one character")),
        }
    }
    let longest_first = |mut words: Vec<String>| {
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words
    };
    let named = |list: Vec<RawNamed>| {
        list.into_iter()
            .map(|n| Named {
                name: n.name,
                forms: n.forms,
                abbreviations: n.abbreviations,
            })
            .collect()
    };
    Ok(Language {
        name: raw.name,
        months: named(raw.month),
        weekdays: named(raw.weekday),
        words,
        numeric_separators,
        day_suffixes: longest_first(raw.day_suffixes),
        month_connectors: raw.month_connectors,
        year_connectors: raw.year_connectors,
        year_suffixes: longest_first(raw.year_suffixes),
        weekday_connectors: raw.weekday_connectors,
        weekday_form_after: raw.weekday_form_after,
        style: raw.style,
        clock: raw.clock,
    })
}

fn insert_named(words: &mut HashMap<String, Name>, named: &RawNamed, name: impl Fn(bool) -> Name) {
    for full in std::iter::once(&named.name).chain(&named.forms) {
        words.insert(full.to_lowercase(), name(false));
    }
    for short in &named.abbreviations {
        words.insert(short.to_lowercase(), name(true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_language_is_complete() {
        for code in codes() {
            let language = language(code).expect("shipped");
            assert!(!language.name.is_empty(), "{code}");
            assert_eq!(language.months.len(), 12);
            assert!(!language.clock.hour_minute.is_empty());
        }
        let ru = language("ru").expect("shipped");
        assert_eq!(
            ru.name_of("Февраля"),
            Some(Name::Month {
                number: 2,
                abbreviated: false
            })
        );
        assert_eq!(
            ru.name_of("пятницу"),
            Some(Name::Weekday {
                offset: 4,
                abbreviated: false
            })
        );
        let es = language("es").expect("shipped");
        // «mar» is March's before it is Tuesday's.
        assert!(matches!(
            es.name_of("mar"),
            Some(Name::Month { number: 3, .. })
        ));
        assert!(language("pt").is_none());
        assert!(parse("de", SOURCES[2].1).is_err());
    }
}
