//! `dates.style` and `times.style` in French, German, Spanish and Russian:
//! the language's own forms ("le 1er mars", "10. Februar", "10 de febrero
//! de 2023", «10 февраля»; "14 h 30", "14.30 Uhr", "14:30"), which a house
//! style written for English copy cannot give.

use std::ops::Range;

use super::languages::Language;
use super::scan::{DateForm, DateToken, Meridiem, MonthForm, Token};
use crate::diagnostic::Applicability;
use crate::document::Document;
use crate::rules::Finding;

/// `dates.style`: a day-first date not in the language's form.
pub fn date_style(doc: &Document, tokens: &[Token], language: &Language) -> Vec<Finding> {
    let mut out = Vec::new();
    for token in tokens {
        let Token::Date(date) = token else {
            continue;
        };
        if date.form != DateForm::DayMonth {
            continue;
        }
        let edits = edits(doc, date, language);
        if edits.is_empty() {
            continue;
        }
        let written = &doc.text[date.span.clone()];
        let mut wanted = String::new();
        let mut cursor = date.span.start;
        for (range, replacement) in &edits {
            wanted.push_str(&doc.text[cursor..range.start]);
            wanted.push_str(replacement);
            cursor = range.end;
        }
        wanted.push_str(&doc.text[cursor..date.span.end]);
        out.push(style_finding(
            date.span.clone(),
            written,
            wanted,
            language,
            &language.style.dates,
        ));
    }
    out
}

/// The changes, in text order, that put `date` in the language's form.
fn edits(doc: &Document, date: &DateToken, language: &Language) -> Vec<(Range<usize>, String)> {
    let style = &language.style;
    let mut edits = Vec::new();
    let (Some(day), Some(day_span), Some(month)) = (date.day, &date.day_span, &date.month) else {
        return edits;
    };
    let digits_end = day_span.start
        + doc.text[day_span.clone()]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
    let wanted_suffix = if day == 1 {
        &style.first_day_suffix
    } else {
        &style.day_suffix
    };
    if !wanted_suffix.is_empty() && digits_end == day_span.end && date.day_end.is_none() {
        edits.push((digits_end..digits_end, wanted_suffix.clone()));
    }
    let full = month.form == MonthForm::Full;
    let day_text_end = date
        .day_end
        .as_ref()
        .map_or(day_span.end, |(_, range)| range.end);
    if full
        && !style.month_connector.is_empty()
        && doc.text[day_text_end..month.span.start].trim().is_empty()
    {
        edits.push((
            month.span.start..month.span.start,
            format!("{} ", style.month_connector),
        ));
    }
    let word = &doc.text[month.span.clone()];
    let name = language.month_name(month.number);
    if full && !month.capitals {
        // «10 февраль» wants the genitive; "10 Février" the small letter the
        // language writes months with.
        let lower_name = name.chars().next().is_some_and(char::is_lowercase);
        let wanted = if word.to_lowercase() != name.to_lowercase() {
            keep_initial(word, name, lower_name)
        } else if lower_name && word.chars().next().is_some_and(char::is_uppercase) {
            name.to_string()
        } else {
            word.to_string()
        };
        if wanted != word {
            edits.push((month.span.clone(), wanted));
        }
    }
    if let (true, Some(year_span)) = (full, &date.year_span) {
        let between = doc.text[month.span.end..year_span.start].trim();
        if !style.year_connector.is_empty() && between.is_empty() {
            edits.push((
                year_span.start..year_span.start,
                format!("{} ", style.year_connector),
            ));
        }
    }
    edits
}

/// `name` with the written word's capital, unless the language writes months small.
fn keep_initial(word: &str, name: &str, lower_name: bool) -> String {
    if lower_name || !word.chars().next().is_some_and(char::is_uppercase) {
        return name.to_string();
    }
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `times.style`: a 12-hour time, or a separator the language does not use.
pub fn time_style(doc: &Document, tokens: &[Token], language: &Language) -> Vec<Finding> {
    let clock = &language.clock;
    let mut out = Vec::new();
    for token in tokens {
        let Token::Time(time) = token else {
            continue;
        };
        let separator_ok = time.separator.is_none_or(|separator| {
            clock
                .separators
                .iter()
                .any(|s| s.chars().eq(std::iter::once(separator)))
        });
        if separator_ok && time.meridiem.is_none() {
            continue;
        }
        let hour = match &time.meridiem {
            Some((Meridiem::Am, _)) => time.hour % 12,
            Some((Meridiem::Pm, _)) => time.hour % 12 + 12,
            None => time.hour,
        };
        let wanted = match time.minute {
            Some(minute) if minute > 0 => clock
                .hour_minute
                .replace("{h}", &hour.to_string())
                .replace("{mm}", &format!("{minute:02}")),
            _ => clock.hour.replace("{h}", &hour.to_string()),
        };
        let mut span = time.span.clone();
        if doc.text[span.clone()].ends_with('.') && closes_a_sentence(doc, span.end) {
            // "à 2 p.m." ends the sentence too: the period stays.
            span.end -= 1;
        }
        let written = &doc.text[span.clone()];
        if written == wanted {
            continue;
        }
        out.push(style_finding(span, written, wanted, language, &clock.times));
    }
    out
}

fn closes_a_sentence(doc: &Document, at: usize) -> bool {
    let after = doc.text[at..].trim_start_matches([' ', '\t']);
    match after.chars().next() {
        None | Some('\n') => true,
        Some(c) => c.is_uppercase() && after.len() < doc.text.len() - at,
    }
}

fn style_finding(
    span: Range<usize>,
    written: &str,
    wanted: String,
    language: &Language,
    rule: &str,
) -> Finding {
    Finding::new(
        span.clone(),
        "{style} style writes '{expected}', not '{found}'",
    )
    .var("found", written)
    .var("expected", wanted.clone())
    .var("style", language.name.clone())
    .note(rule)
    .help(format!("write '{wanted}'"))
    .fix(span, wanted, Applicability::Safe)
}
