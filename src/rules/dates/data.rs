//! The family's data, read once from `rules/date-styles.toml`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedTable {
    name: String,
    abbreviations: Vec<String>,
}

/// How one house style writes dates and times.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HouseStyle {
    /// Which comes first: month, day or (ISO) year.
    pub order: Order,
    /// The short forms of the months abbreviated when a day follows.
    pub abbreviate: Vec<String>,
    /// Whether an abbreviated month ends in a period ("Feb." or "Feb").
    pub period: bool,
    /// Whether a comma stands between the day and the year ("Feb. 10, 2023").
    pub year_comma: bool,
    /// Whether days are ordinals ("Feb 10th").
    pub ordinals: bool,
    /// How the style writes times; a style without one does not check them.
    pub clock: Option<Clock>,
    /// The style's date rule in a sentence.
    pub dates: String,
    /// The style's time rule in a sentence, when it checks times.
    pub times: Option<String>,
}

/// The order of a house style's dates.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// "Feb 10, 2023".
    MonthDay,
    /// "10 February 2023".
    DayMonth,
    /// "2023-02-10".
    Iso,
}

/// The clock a house style writes times by.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum Clock {
    /// "10:44 a.m.", "noon".
    #[serde(rename = "12-hour")]
    TwelveHour,
    /// "10:44", "22:30".
    #[serde(rename = "24-hour")]
    TwentyFourHour,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawData {
    month: Vec<NamedTable>,
    weekday: Vec<NamedTable>,
    time_zones: Vec<String>,
    clock_phrases: Vec<String>,
    four_figure_hours: Vec<String>,
    four_figure_ambiguous_zones: Vec<String>,
    quantity_words: Vec<String>,
    function_words: Vec<String>,
    caption_markers: Vec<String>,
    house_style: BTreeMap<String, HouseStyle>,
}

/// What a capitalised word may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Name {
    /// A month, 1-based, and whether this is a short form.
    Month { number: i8, abbreviated: bool },
    /// A weekday, Monday = 0, and whether this is a short form.
    Weekday { offset: i8, abbreviated: bool },
}

/// The names the scanner recognises and the house styles, checked when read.
pub struct DateData {
    /// January first: each month's name and its short forms, the usual one first.
    pub months: Vec<(String, Vec<String>)>,
    /// Monday first: each weekday's name and its short forms, the usual one first.
    pub weekdays: Vec<(String, Vec<String>)>,
    /// Every month and weekday name and short form, to what it names.
    pub names: HashMap<String, Name>,
    /// Zone abbreviations that may follow a time ("10:44 am KST").
    pub time_zones: HashSet<String>,
    /// After a time, like a zone: `local time`.
    pub clock_phrases: Vec<String>,
    /// Between four figures and their zone: `1130 hrs GMT`.
    pub four_figure_hours: Vec<String>,
    /// Zones that do not make four figures a time (`1500 MT`).
    pub four_figure_ambiguous_zones: HashSet<String>,
    /// Words after a number that make "March 3" a quantity ("March 3 pct").
    pub quantity_words: HashSet<String>,
    /// Capitalised words that may stand before "May" without making it part
    /// of a name ("The May 10 vote", against "Theresa May 10").
    pub function_words: HashSet<String>,
    /// Words that mark a paragraph as a photo's caption, in any language.
    pub caption_markers: Vec<String>,
    /// The house styles by name ("ap", "bbc").
    pub house_styles: BTreeMap<String, HouseStyle>,
}

impl DateData {
    /// A month's full name, 1-based ("" out of range).
    pub fn month_name(&self, number: i8) -> &str {
        usize::try_from(number - 1)
            .ok()
            .and_then(|i| self.months.get(i))
            .map_or("", |(name, _)| name.as_str())
    }

    /// A weekday's full name, Monday = 0 ("" out of range).
    pub fn weekday_name(&self, offset: i8) -> &str {
        usize::try_from(offset)
            .ok()
            .and_then(|i| self.weekdays.get(i))
            .map_or("", |(name, _)| name.as_str())
    }

    /// A weekday's usual short form ("Mon"), Monday = 0 ("" out of range).
    pub fn weekday_short(&self, offset: i8) -> &str {
        usize::try_from(offset)
            .ok()
            .and_then(|i| self.weekdays.get(i))
            .and_then(|(_, short)| short.first())
            .map_or("", String::as_str)
    }

    /// A house style by name.
    pub fn house_style(&self, name: &str) -> Option<&HouseStyle> {
        self.house_styles.get(name)
    }
}

const SOURCE: &str = include_str!("../../../rules/date-styles.toml");

/// The process-wide data. It is compiled into the binary and checked by the
/// unit tests, so a parse failure is a build defect, not bad input.
pub fn data() -> &'static DateData {
    static DATA: OnceLock<DateData> = OnceLock::new();
    DATA.get_or_init(|| parse(SOURCE).expect("rules/date-styles.toml is valid"))
}

fn parse(source: &str) -> Result<DateData, String> {
    let raw: RawData = toml::from_str(source).map_err(|e| e.to_string())?;
    if raw.month.len() != 12 || raw.weekday.len() != 7 {
        return Err("twelve months and seven weekdays are needed".to_string());
    }
    let mut names = HashMap::new();
    for (i, month) in raw.month.iter().enumerate() {
        let number = i as i8 + 1;
        names.insert(
            month.name.clone(),
            Name::Month {
                number,
                abbreviated: false,
            },
        );
        for short in &month.abbreviations {
            names.insert(
                short.clone(),
                Name::Month {
                    number,
                    abbreviated: true,
                },
            );
        }
    }
    for (i, weekday) in raw.weekday.iter().enumerate() {
        let offset = i as i8;
        names.insert(
            weekday.name.clone(),
            Name::Weekday {
                offset,
                abbreviated: false,
            },
        );
        for short in &weekday.abbreviations {
            names.insert(
                short.clone(),
                Name::Weekday {
                    offset,
                    abbreviated: true,
                },
            );
        }
    }
    for zone in &raw.four_figure_ambiguous_zones {
        if !raw.time_zones.contains(zone) {
            return Err(format!("`{zone}` is not one of the time zones"));
        }
    }
    for style in raw.house_style.values() {
        for short in &style.abbreviate {
            if !matches!(names.get(short), Some(Name::Month { .. })) {
                return Err(format!("`{short}` is not a month abbreviation"));
            }
        }
    }
    Ok(DateData {
        months: raw
            .month
            .into_iter()
            .map(|m| (m.name, m.abbreviations))
            .collect(),
        weekdays: raw
            .weekday
            .into_iter()
            .map(|w| (w.name, w.abbreviations))
            .collect(),
        names,
        time_zones: raw.time_zones.into_iter().collect(),
        clock_phrases: raw.clock_phrases,
        four_figure_hours: raw.four_figure_hours,
        four_figure_ambiguous_zones: raw.four_figure_ambiguous_zones.into_iter().collect(),
        quantity_words: raw.quantity_words.into_iter().collect(),
        function_words: raw.function_words.into_iter().collect(),
        caption_markers: raw.caption_markers,
        house_styles: raw.house_style,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_data_is_complete() {
        let data = data();
        assert_eq!(data.month_name(9), "September");
        assert_eq!(
            data.names.get("Sept"),
            Some(&Name::Month {
                number: 9,
                abbreviated: true
            })
        );
        assert_eq!(data.weekday_name(4), "Friday");
        assert!(data.time_zones.contains("KST"));
        for style in ["ap", "reuters", "bbc", "iso"] {
            assert!(data.house_style(style).is_some(), "{style}");
        }
        assert_eq!(
            data.house_style("ap").and_then(|s| s.clock),
            Some(Clock::TwelveHour)
        );
    }

    #[test]
    fn a_style_abbreviating_an_unknown_month_is_refused() {
        let broken = SOURCE.replace("\"Sept\", \"Oct\"", "\"Spt\", \"Oct\"");
        assert!(broken != SOURCE);
        assert!(parse(&broken).is_err());
    }
}
