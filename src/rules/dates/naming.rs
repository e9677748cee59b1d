//! Naming dates and weekdays in findings: in English as the family always
//! has ("February 30, 2023"), in other languages as the article writes them
//! ("31 de abril de 2023", «мартовский» forms kept), so a finding quotes the
//! copy rather than translating it.

use jiff::civil::Date;

use super::data::data;
use super::languages::{language, Language};
use super::scan::{DateToken, Weekday};
use crate::document::Document;
use crate::rules::Finding;

/// The family's data for the document's language, `None` in English.
pub fn local(doc: &Document) -> Option<&'static Language> {
    if doc.language == "en" {
        None
    } else {
        language(&doc.language)
    }
}

/// The date as the article writes it, without its weekday.
pub fn as_written<'d>(doc: &'d Document, date: &DateToken) -> &'d str {
    let (start, end) = match &date.weekday {
        // "Freitag, den 4. November": from the day on.
        Some(w) if w.span.start == date.span.start => (
            date.day_span.as_ref().map_or(w.span.end, |day| day.start),
            date.span.end,
        ),
        Some(w) => (date.span.start, w.span.start),
        None => (date.span.start, date.span.end),
    };
    doc.text
        .get(start..end)
        .unwrap_or_default()
        .trim_start_matches([',', ' ', '\u{a0}', '\n'])
        .trim_end_matches([' ', '('])
}

/// The readings (month, day) of a numeric date in unknown order that give a
/// real day: day-month first. A weekday beside it that fits one reading
/// leaves only that one.
pub fn readings(date: &DateToken, (first, second): (i8, i8)) -> Vec<(i8, i8)> {
    let year = date.year.unwrap_or(2000);
    let real: Vec<(i8, i8, Option<i8>)> = [(second, first), (first, second)]
        .into_iter()
        .filter_map(|(month, day)| {
            let weekday = Date::new(year, month, day)
                .ok()?
                .weekday()
                .to_monday_zero_offset();
            Some((month, day, Some(weekday)))
        })
        .collect();
    let fitting: Vec<(i8, i8)> = real
        .iter()
        .filter(|(_, _, w)| date.weekday.as_ref().is_some_and(|d| Some(d.offset) == *w))
        .map(|(m, d, _)| (*m, *d))
        .collect();
    if fitting.is_empty() {
        real.into_iter().map(|(m, d, _)| (m, d)).collect()
    } else {
        fitting
    }
}

/// A month's name in the document's language.
pub fn month_name(local: Option<&'static Language>, number: i8) -> &'static str {
    match local {
        Some(language) => language.month_name(number),
        None => data().month_name(number),
    }
}

/// A weekday's name in the document's language, Monday = 0.
pub fn weekday_name(local: Option<&'static Language>, offset: i8) -> &'static str {
    match local {
        Some(language) => language.weekday(offset).map_or("", |w| w.name.as_str()),
        None => data().weekday_name(offset),
    }
}

/// What the weekday `written` should read to name `actual`: the same length
/// of name, the same case, and in Russian the same grammatical form.
pub fn weekday_replacement(
    doc: &Document,
    local: Option<&'static Language>,
    written: &Weekday,
    actual: i8,
) -> String {
    let written_text = &doc.text[written.span.clone()];
    let mut replacement = match local {
        None if written.abbreviated => data().weekday_short(actual).to_string(),
        None => data().weekday_name(actual).to_string(),
        Some(language) => local_weekday(doc, language, written, actual),
    };
    if local.is_some() && written_text.chars().next().is_some_and(char::is_uppercase) {
        replacement = capitalised(&replacement);
    }
    if written_text.ends_with('.') && !replacement.ends_with('.') {
        replacement.push('.');
    }
    replacement
}

fn local_weekday(doc: &Document, language: &Language, written: &Weekday, actual: i8) -> String {
    let (Some(right), Some(wrong)) = (language.weekday(actual), language.weekday(written.offset))
    else {
        return String::new();
    };
    if written.abbreviated {
        return right
            .abbreviations
            .first()
            .unwrap_or(&right.name)
            .to_string();
    }
    let word = doc.text[written.span.clone()].to_lowercase();
    let before = doc.text[..written.span.start].trim_end();
    let previous_word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    // «в понедельник» is the name spelled as the accusative: the word before
    // decides the form.
    let form = if language.weekday_form_after.contains(&previous_word) {
        Some(0)
    } else if word == wrong.name.to_lowercase() {
        None
    } else {
        wrong.forms.iter().position(|f| f.to_lowercase() == word)
    };
    form.and_then(|i| right.forms.get(i))
        .unwrap_or(&right.name)
        .to_string()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect::<String>()
    })
}

/// `Monday 03/09/2015`: a weekday beside a numeric date whose order is not
/// known. The weekday is right if either reading gives it; when neither
/// does, the finding names both.
pub fn ambiguous_weekday(
    doc: &Document,
    date: &DateToken,
    written: &Weekday,
    (first, second): (i8, i8),
) -> Option<Finding> {
    let year = date.year?;
    let readings: Vec<Date> = [(second, first), (first, second)]
        .into_iter()
        .filter_map(|(month, day)| Date::new(year, month, day).ok())
        .collect();
    if readings.is_empty()
        || readings
            .iter()
            .any(|d| d.weekday().to_monday_zero_offset() == written.offset)
    {
        return None;
    }
    let local = local(doc);
    let days: Vec<String> = readings
        .iter()
        .map(|d| {
            format!(
                "{} {} is a {}",
                month_name(local, d.month()),
                d.day(),
                weekday_name(local, d.weekday().to_monday_zero_offset())
            )
        })
        .collect();
    let actual = weekday_name(local, readings[0].weekday().to_monday_zero_offset());
    Some(
        Finding::new(
            written.span.clone(),
            "{date} is a {actual}, not a {written}",
        )
        .var("date", as_written(doc, date))
        .var("actual", actual)
        .var("written", weekday_name(local, written.offset))
        .label(date.span.clone(), days.join("; "))
        .help("check the weekday and the date")
        .note("day and month can be read either way; neither reading falls on this weekday"),
    )
}

/// Whether `span` lies in a photo's caption: a paragraph with a caption's
/// marker (`File photograph:`), or one of the few before a gallery's `Hide
/// Caption`. A caption's weekday is of the photo's day, often years before
/// the article.
pub fn in_caption(doc: &Document, span: &std::ops::Range<usize>) -> bool {
    let markers = &data().caption_markers;
    let index = doc.paragraphs.partition_point(|p| p.end <= span.start);
    doc.paragraphs
        .iter()
        .skip(index)
        .take(4)
        .enumerate()
        .any(|(i, paragraph)| {
            let text = &doc.text[paragraph.clone()];
            if i == 0 {
                markers.iter().any(|m| text.contains(m.as_str()))
            } else {
                markers
                    .iter()
                    .any(|m| text.trim() == m.trim_end_matches(':'))
            }
        })
}
