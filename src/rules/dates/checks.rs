//! The family's checks as pure functions of a document and its scanned tokens.
//! Each returns [`Finding`]s; `mod.rs` turns them into diagnostics for its rule.

use std::ops::Range;

use jiff::civil::Date;

use super::data::data;
use super::naming;
use super::scan::{DateForm, DateToken, MonthForm, TimeToken, Token};
use super::style::{house_date, house_time, same_words};
use crate::diagnostic::Applicability;
use crate::document::Document;
use crate::rules::Finding;

/// The dates and times of a document's prose, in English or in a language
/// the family has data for; nothing in any other language.
pub fn tokens(doc: &Document) -> Vec<Token> {
    if doc.language == "en" {
        super::scan::scan(&doc.prose)
    } else if let Some(language) = super::languages::language(&doc.language) {
        super::scan::scan_language(&doc.prose, language)
    } else {
        Vec::new()
    }
}

fn dates(tokens: &[Token]) -> impl Iterator<Item = &DateToken> {
    tokens.iter().filter_map(|t| match t {
        Token::Date(date) => Some(date),
        Token::Time(_) => None,
    })
}

/// "February 30, 2023", "February 30": the date named in plain words.
fn spoken(month: i8, day: i8, year: Option<i16>) -> String {
    let name = data().month_name(month);
    match year {
        Some(year) => format!("{name} {day}, {year}"),
        None => format!("{name} {day}"),
    }
}

/// The year of a date written without one: the one that puts it nearest the
/// article's date, so a "Dec 31" dateline on a story of Jan. 2 is last year's.
fn nearest(month: i8, day: i8, reference: Date) -> Option<Date> {
    let year = reference.year();
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day).ok())
        .min_by_key(|date| days_between(*date, reference).unsigned_abs())
}

fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

fn exists(month: i8, day: i8, year: Option<i16>) -> bool {
    // Without a year, judge against a leap year: "Feb 29" may well be real.
    Date::new(year.unwrap_or(2000), month, day).is_ok()
}

/// `dates.invalid`: a day that is not in the calendar.
pub fn invalid(doc: &Document, tokens: &[Token]) -> Vec<Finding> {
    let local = naming::local(doc);
    let mut out = Vec::new();
    for date in dates(tokens) {
        if let (DateForm::Numeric, Some((first, second))) = (date.form, date.numeric) {
            let year = date.year;
            if !exists(second, first, year) && !exists(first, second, year) {
                out.push(
                    Finding::new(
                        date.span.clone(),
                        "this date does not exist in either order",
                    )
                    .var("date", format!("{first}/{second}/{}", year.unwrap_or(0)))
                    .var(
                        "reason",
                        "neither day-month nor month-day order gives a real day",
                    ),
                );
            }
            continue;
        }
        let (Some(month), Some(day)) = (date.month_number(), date.day) else {
            continue;
        };
        let last = date.day_end.as_ref().map(|(last, _)| *last);
        let year = date.calendar_year();
        let Some(bad) = [Some(day), last]
            .into_iter()
            .flatten()
            .find(|d| !exists(month, *d, year))
        else {
            continue;
        };
        let reason = match year {
            Some(year) => {
                let days = Date::new(year, month, 1).map_or(0, |d| d.days_in_month());
                let name = naming::month_name(local, month);
                if month == 2 && bad == 29 {
                    format!("{year} is not a leap year: {name} {year} has {days} days")
                } else {
                    format!("{name} {year} has {days} days")
                }
            }
            None => {
                let days = Date::new(2000, month, 1).map_or(0, |d| d.days_in_month());
                format!(
                    "{} never has more than {days} days",
                    naming::month_name(local, month)
                )
            }
        };
        let named = match local {
            Some(_) => naming::as_written(doc, date).to_string(),
            None => spoken(month, bad, year),
        };
        out.push(
            Finding::new(date.span.clone(), "{date} does not exist")
                .var("date", named)
                .var("reason", reason.clone())
                .help(reason),
        );
    }
    out
}

/// `dates.weekday`: the weekday written beside a date is not that date's.
pub fn weekday(doc: &Document, tokens: &[Token]) -> Vec<Finding> {
    let mut out = Vec::new();
    let reference = doc.date();
    let local = naming::local(doc);
    for date in dates(tokens) {
        if let (Some(written), Some(numbers)) = (date.weekday.as_ref(), date.numeric) {
            out.extend(naming::ambiguous_weekday(doc, date, written, numbers));
            continue;
        }
        let (Some(written), Some(month), Some(day)) =
            (date.weekday.as_ref(), date.month_number(), date.day)
        else {
            continue;
        };
        if date.day_end.is_some() {
            continue;
        }
        let resolved = match date.calendar_year() {
            Some(year) => Date::new(year, month, day).ok(),
            // A photo's caption is of its own day, not the article's.
            None if naming::in_caption(doc, &date.span) => None,
            None => reference.and_then(|r| nearest(month, day, r)),
        };
        let Some(resolved) = resolved else {
            continue;
        };
        let actual = resolved.weekday().to_monday_zero_offset();
        if actual == written.offset {
            continue;
        }
        if date.calendar_year().is_none() {
            // Without a year the reading is a guess: stay quiet if the weekday fits
            // the article's own year.
            let own_year = reference.and_then(|r| Date::new(r.year(), month, day).ok());
            if own_year.is_some_and(|d| d.weekday().to_monday_zero_offset() == written.offset) {
                continue;
            }
        }
        let actual_name = naming::weekday_name(local, actual);
        let replacement = naming::weekday_replacement(doc, local, written, actual);
        let when = match local {
            Some(_) => naming::as_written(doc, date).to_string(),
            None => spoken(month, day, Some(resolved.year())),
        };
        let mut finding = Finding::new(
            written.span.clone(),
            "{date} is a {actual}, not a {written}",
        )
        .var("date", when.clone())
        .var("actual", actual_name)
        .var("written", naming::weekday_name(local, written.offset))
        .label(date.span.clone(), format!("{when} is a {actual_name}"))
        .help(format!("write {actual_name}, or check the date"))
        .fix(written.span.clone(), replacement, Applicability::Unsafe);
        if date.calendar_year().is_none() {
            finding = finding.note(format!(
                "the date has no year; {} is taken from the article's date",
                resolved.year()
            ));
        }
        out.push(finding);
    }
    out
}

/// `dates.dateline`: the dateline's date is more than a day from the article's own.
pub fn dateline(doc: &Document, tokens: &[Token]) -> Vec<Finding> {
    let (Some(dateline), Some((article, article_span))) =
        (doc.dateline.as_ref(), doc.metadata.date.as_ref())
    else {
        return Vec::new();
    };
    let Some(range) = dateline.date.as_ref() else {
        return Vec::new();
    };
    let Some(date) = dates(tokens).find(|d| d.span.start == range.start) else {
        return Vec::new();
    };
    let (Some(month), Some(day)) = (date.month_number(), date.day) else {
        return Vec::new();
    };
    let resolved = match date.year {
        Some(year) => Date::new(year, month, day).ok(),
        None => nearest(month, day, *article),
    };
    let Some(resolved) = resolved else {
        return Vec::new();
    };
    let apart = days_between(resolved, *article);
    if apart.abs() <= 1 {
        return Vec::new();
    }
    let written = &doc.text[date.span.clone()];
    vec![Finding::new(
        date.span.clone(),
        "the dateline says {dateline}, but the article is dated {date}",
    )
    .var("dateline", written)
    .var("date", article.to_string())
    .var("days", apart.abs().to_string())
    .label(article_span.clone(), "the article's date")
    .note(format!(
        "{} days apart; a day either way is allowed for time zones",
        apart.abs()
    ))
    .help("correct the dateline or the article's date")]
}

/// A way of writing dates that one article should not mix with another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    MonthDay,
    DayMonth,
    Period,
    NoPeriod,
    Iso,
    MonthName,
    Ordinal,
    Cardinal,
}

impl Class {
    fn describe(self) -> &'static str {
        match self {
            Class::MonthDay => "month before day, like Feb 10",
            Class::DayMonth => "day before month, like 10 Feb",
            Class::Period => "abbreviated months with a period, like Feb.",
            Class::NoPeriod => "abbreviated months without a period, like Feb",
            Class::Iso => "ISO dates, like 2023-02-10",
            Class::MonthName => "month names, like Feb 10",
            Class::Ordinal => "ordinal days, like Feb 10th",
            Class::Cardinal => "plain days, like Feb 10",
        }
    }
}

/// `dates.mixed`: the article's dates follow two conventions. Four questions,
/// each answered once per article: month-day or day-month; abbreviations with or
/// without a period; ISO dates or month names; ordinal days or plain ones. Spelling a month out in one place
/// and abbreviating it in another is not asked: AP and Reuters do exactly that
/// (abbreviated with a day, spelled out otherwise or by month). The dateline is
/// left out: the wire writes it in its own form. So are quotations: "the 25th of
/// June" in a speaker's words is how it was said, and quotes are not edited.
pub fn mixed(doc: &Document, tokens: &[Token]) -> Vec<Finding> {
    let dateline_date = doc.dateline.as_ref().and_then(|d| d.date.clone());
    let mut order: Vec<(Class, Range<usize>)> = Vec::new();
    let mut period: Vec<(Class, Range<usize>)> = Vec::new();
    let mut iso: Vec<(Class, Range<usize>)> = Vec::new();
    let mut ordinal: Vec<(Class, Range<usize>)> = Vec::new();
    for date in dates(tokens) {
        if dateline_date
            .as_ref()
            .is_some_and(|d| d.start == date.span.start)
            || doc.quotes.contains(&date.span)
        {
            continue;
        }
        let Some(month) = date.month.as_ref() else {
            continue;
        };
        if date.day.is_none() {
            continue;
        }
        match date.form {
            DateForm::MonthDay => order.push((Class::MonthDay, date.span.clone())),
            DateForm::DayMonth => order.push((Class::DayMonth, date.span.clone())),
            DateForm::Iso => iso.push((Class::Iso, date.span.clone())),
            _ => continue,
        }
        if date.form != DateForm::Iso {
            iso.push((Class::MonthName, date.span.clone()));
            // "March 20-25th" is an ordinal range, however its first day is written.
            let ordinal_end = date.day_end.as_ref().is_some_and(|(_, tail)| {
                doc.text[tail.clone()].ends_with(|c: char| c.is_ascii_alphabetic())
            });
            let class = if date.ordinal || ordinal_end {
                Class::Ordinal
            } else {
                Class::Cardinal
            };
            ordinal.push((class, date.span.clone()));
        }
        if let MonthForm::Abbreviated { period: has_period } = month.form {
            let class = if has_period {
                Class::Period
            } else {
                Class::NoPeriod
            };
            period.push((class, month.span.clone()));
        }
    }
    let mut out = Vec::new();
    for found in [order, period, iso, ordinal] {
        let Some((first_class, first_span)) = found.first().cloned() else {
            continue;
        };
        let Some((other_class, other_span)) = found
            .iter()
            .find(|(class, _)| *class != first_class)
            .cloned()
        else {
            continue;
        };
        let first_count = found.iter().filter(|(c, _)| *c == first_class).count();
        let other_count = found.len() - first_count;
        out.push(
            Finding::new(
                other_span,
                "this date is written with {style}; the article first uses {first}",
            )
            .var("style", other_class.describe())
            .var("first", first_class.describe())
            .label(first_span, "the article's first date is written this way")
            .note(format!(
                "{first_count} date(s) use {}, {other_count} use {}",
                first_class.describe(),
                other_class.describe()
            ))
            .help("write every date in the article the same way"),
        );
    }
    out
}

/// If `span` ends in a period that also closed the sentence ("at 9 a.m. The"),
/// a replacement without a final period must keep one.
fn keep_sentence_stop(doc: &Document, span: &Range<usize>, replacement: &mut String) {
    if !doc.text[span.clone()].ends_with('.') || replacement.ends_with('.') {
        return;
    }
    let after = &doc.prose[span.end..];
    let rest = after.trim_start_matches([' ', '\t']);
    let next = rest.chars().next();
    let ends_sentence = match next {
        None | Some('\n') => true,
        Some(c) => {
            // "8 a.m. Moscow time": a capital that names the clock, not a new sentence.
            let mut words = rest.split_whitespace();
            let next_word = words.next().unwrap_or("");
            let names_a_clock = data()
                .time_zones
                .contains(next_word.trim_end_matches([')', ',', '.']))
                || words.next().is_some_and(|w| w.starts_with("time"));
            c.is_uppercase() && rest.len() < after.len() && !names_a_clock
        }
    };
    if ends_sentence {
        replacement.push('.');
    }
}

/// `dates.style`: dates not in the house style's form.
pub fn date_style(doc: &Document, tokens: &[Token], style_name: &str) -> Vec<Finding> {
    let Some(style) = data().house_style(style_name) else {
        return Vec::new();
    };
    // In the order of the tokens, which do not overlap: a binary search finds
    // a date among them, where a scan per date would be quadratic in a long line.
    let invalid_starts: Vec<usize> = invalid(doc, tokens)
        .into_iter()
        .map(|f| f.span.start)
        .collect();
    let mut out = Vec::new();
    for date in dates(tokens) {
        if invalid_starts.binary_search(&date.span.start).is_ok() {
            continue;
        }
        let written = &doc.text[date.span.clone()];
        if date.form == DateForm::Numeric {
            let Some((first, second)) = date.numeric else {
                continue;
            };
            // Both readings, each in the house style: day-month, then
            // month-day; only the one its weekday fits when one does.
            let readings: Vec<String> = naming::readings(date, (first, second))
                .into_iter()
                .filter_map(|(month, day)| {
                    house_date(style, &DateToken::written_out(month, day, date.year), "")
                })
                .collect();
            let expected = readings.join("' or '");
            out.push(
                Finding::new(
                    date.span.clone(),
                    "{found} is ambiguous: day and month can be read either way",
                )
                .var("found", written)
                .var("expected", expected)
                .var("style", house_style_title(style_name))
                .note("10/02/2023 is 10 February in Britain and October 2 in the United States")
                .help("write the month as a word"),
            );
            continue;
        }
        let Some(mut wanted) = house_date(style, date, written) else {
            continue;
        };
        if date.month.as_ref().is_some_and(|m| m.capitals) {
            // A headline or dateline in capitals keeps them.
            wanted = wanted.to_uppercase();
        }
        if same_words(written, &wanted) {
            continue;
        }
        keep_sentence_stop(doc, &date.span, &mut wanted);
        out.push(style_finding(
            date.span.clone(),
            written,
            wanted,
            style_name,
            &style.dates,
        ));
    }
    out
}

fn style_finding(
    span: Range<usize>,
    written: &str,
    wanted: String,
    style_name: &str,
    rule: &str,
) -> Finding {
    Finding::new(
        span.clone(),
        "{style} style writes '{expected}', not '{found}'",
    )
    .var("found", written)
    .var("expected", wanted.clone())
    .var("style", house_style_title(style_name))
    .note(rule)
    .help(format!("write '{wanted}'"))
    .fix(span, wanted, Applicability::Safe)
}

fn house_style_title(name: &str) -> String {
    match name {
        "ap" => "AP".to_string(),
        "bbc" => "BBC".to_string(),
        "iso" => "ISO".to_string(),
        "reuters" => "Reuters".to_string(),
        other => other.to_string(),
    }
}

/// `times.style`: times not written the house style's way.
pub fn time_style(doc: &Document, tokens: &[Token], style_name: &str) -> Vec<Finding> {
    let Some(style) = data().house_style(style_name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for time in tokens.iter().filter_map(|t| match t {
        Token::Time(time) => Some(time),
        Token::Date(_) => None,
    }) {
        let Some(mut wanted) = house_time(style, time) else {
            continue;
        };
        let mut span = time.span.clone();
        if doc.text[span.clone()] == wanted {
            continue;
        }
        absorb_stop(doc, time, &mut span, &wanted);
        keep_sentence_stop(doc, &span, &mut wanted);
        let written = &doc.text[span.clone()];
        if written == wanted {
            continue;
        }
        let rule = style.times.as_deref().unwrap_or_default();
        out.push(style_finding(span, written, wanted, style_name, rule));
    }
    out
}

/// "10:44 am." at a sentence end becomes "10:44 a.m.", not "10:44 a.m..".
fn absorb_stop(doc: &Document, time: &TimeToken, span: &mut Range<usize>, wanted: &str) {
    if wanted.ends_with('.')
        && !doc.text[span.clone()].ends_with('.')
        && time.zone.is_none()
        && doc.text.as_bytes().get(span.end) == Some(&b'.')
    {
        span.end += 1;
    }
}

/// `dates.stray-teaser`: a paragraph that is a timestamp and a headline, the
/// related-link box a CMS leaves in the copy.
pub fn stray_teaser(doc: &Document, tokens: &[Token]) -> Vec<Finding> {
    let mut out = Vec::new();
    for paragraph in &doc.paragraphs {
        if doc.in_heading(paragraph) {
            continue;
        }
        let text = &doc.prose[paragraph.clone()];
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.contains('\n') {
            continue;
        }
        let start = paragraph.start + (text.len() - text.trim_start().len());
        let end = start + trimmed.len();
        let first = tokens.partition_point(|t| t.span().start < start);
        let Some(Token::Date(date)) = tokens.get(first) else {
            continue;
        };
        if date.span.start != start || !date.names_a_day() || date.year.is_none() {
            continue;
        }
        let mut cursor = date.span.end;
        if let Some(Token::Time(time)) = tokens.get(first + 1) {
            let between = &doc.prose[cursor..time.span.start];
            if between.trim_matches([',', ' ']).is_empty() {
                cursor = time.zone.as_ref().map_or(time.span.end, |z| z.end);
            }
        }
        let stamp = start..cursor;
        let headline =
            doc.prose[cursor..end].trim_start_matches([',', ' ', '-', '–', '—', '|', ':']);
        if !looks_like_a_headline(headline) {
            continue;
        }
        out.push(
            Finding::new(
                start..end,
                "a timestamp and a headline: a related-link teaser left in the copy",
            )
            .var("headline", headline)
            .label(stamp, "timestamp of the linked story")
            .help("delete this line: it is a link to another story, not part of this one"),
        );
    }
    out
}

fn looks_like_a_headline(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let starts_upper = text.chars().next().is_some_and(char::is_uppercase);
    let last = text
        .trim_end_matches(['"', '”', '’', '\'', ')', '»'])
        .chars()
        .next_back();
    let ends_like_a_sentence =
        last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ':' | ';' | ','));
    let several_sentences = text.contains(". ");
    (3..=20).contains(&words) && starts_upper && !ends_like_a_sentence && !several_sentences
}

#[cfg(test)]
mod tests;
