//! Writing dates and times the way a house style wants them.

use super::data::{data, Clock, DateData, HouseStyle, Name, Order};
use super::scan::{DateForm, DateToken, Meridiem, TimeToken, TimeWord};

/// How `date` should read in `style`, given its text as written. `None` when the
/// style has nothing to say about it (decades, numeric dates, dates it cannot
/// rewrite without guessing).
pub fn house_date(style: &HouseStyle, date: &DateToken, written: &str) -> Option<String> {
    let data = data();
    let weekday = date
        .weekday
        .as_ref()
        .map(|w| &written[w.span.start - date.span.start..w.span.end - date.span.start]);
    let month = date.month_number()?;
    match date.form {
        DateForm::MonthYear => {
            if style.order == Order::Iso {
                return None;
            }
            Some(format!("{} {}", data.month_name(month), date.year?))
        }
        DateForm::Iso | DateForm::MonthDay | DateForm::DayMonth => {
            let day = date.day?;
            let range = match &date.day_end {
                Some((_, span)) => {
                    let tail = &written[span.start - date.span.start..span.end - date.span.start];
                    Some(strip_ordinal(tail, style.ordinals))
                }
                None => None,
            };
            let ordinal = if date.ordinal && style.ordinals {
                ordinal_suffix(day)
            } else {
                ""
            };
            let range = range.unwrap_or_default();
            match style.order {
                Order::Iso => {
                    if !range.is_empty() {
                        return None;
                    }
                    let iso = format!("{:04}-{month:02}-{day:02}", date.year?);
                    Some(match weekday {
                        Some(weekday) => format!("{iso} ({weekday})"),
                        None => iso,
                    })
                }
                Order::MonthDay => {
                    let mut out = String::new();
                    if let Some(weekday) = weekday {
                        out.push_str(weekday);
                        out.push_str(", ");
                    }
                    out.push_str(&month_with_day(data, style, month));
                    out.push(' ');
                    out.push_str(&day.to_string());
                    out.push_str(ordinal);
                    out.push_str(&range);
                    if let Some(year) = date.year {
                        out.push_str(if style.year_comma { ", " } else { " " });
                        out.push_str(&year.to_string());
                    }
                    Some(out)
                }
                Order::DayMonth => {
                    let mut out = String::new();
                    if let Some(weekday) = weekday {
                        out.push_str(weekday);
                        out.push(' ');
                    }
                    out.push_str(&day.to_string());
                    out.push_str(ordinal);
                    out.push_str(&range);
                    out.push(' ');
                    out.push_str(&month_with_day(data, style, month));
                    if let Some(year) = date.year {
                        out.push_str(if style.year_comma { ", " } else { " " });
                        out.push_str(&year.to_string());
                    }
                    Some(out)
                }
            }
        }
        DateForm::Numeric | DateForm::YearRange | DateForm::Decade => None,
    }
}

/// The month as a style writes it before or after a day.
fn month_with_day(data: &DateData, style: &HouseStyle, month: i8) -> String {
    let short = style.abbreviate.iter().find(|short| {
        matches!(data.names.get(short.as_str()), Some(Name::Month { number, .. }) if *number == month)
    });
    match short {
        Some(short) if style.period => format!("{short}."),
        Some(short) => short.clone(),
        None => data.month_name(month).to_string(),
    }
}

fn ordinal_suffix(day: i8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn strip_ordinal(tail: &str, keep: bool) -> String {
    if keep {
        return tail.to_string();
    }
    tail.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .to_string()
}

/// How `time` should read under `style`'s clock. `None` when the clock is not
/// checked or the time cannot be rewritten without guessing (`10:44` under a
/// 12-hour clock: morning or evening?).
pub fn house_time(style: &HouseStyle, time: &TimeToken) -> Option<String> {
    let clock = style.clock?;
    if !time.figures {
        // "noon" and "Midnight" are words every clock accepts.
        return None;
    }
    match clock {
        Clock::TwelveHour => {
            if let Some(word) = time.word {
                return Some(time_word(word).to_string());
            }
            let (meridiem, hour) = match &time.meridiem {
                Some((meridiem, _)) => (*meridiem, time.hour),
                // `1400 GMT` is on the 24-hour clock, whatever the copy's usual one.
                None if time.four_figures() => match time.hour {
                    0 => (Meridiem::Am, 12),
                    1..=11 => (Meridiem::Am, time.hour),
                    12 => (Meridiem::Pm, 12),
                    _ => (Meridiem::Pm, time.hour - 12),
                },
                None => return None,
            };
            let minute = time.minute.unwrap_or(0);
            if hour == 12 && minute == 0 {
                return Some(
                    match meridiem {
                        Meridiem::Pm => "noon",
                        Meridiem::Am => "midnight",
                    }
                    .to_string(),
                );
            }
            let suffix = match meridiem {
                Meridiem::Am => "a.m.",
                Meridiem::Pm => "p.m.",
            };
            Some(if minute == 0 {
                format!("{hour} {suffix}")
            } else {
                format!("{hour}:{minute:02} {suffix}")
            })
        }
        Clock::TwentyFourHour => {
            if let Some(word) = time.word {
                return Some(
                    match word {
                        TimeWord::Noon => "12:00",
                        TimeWord::Midnight => "00:00",
                    }
                    .to_string(),
                );
            }
            if time.four_figures() {
                return Some(format!("{:02}:{:02}", time.hour, time.minute.unwrap_or(0)));
            }
            let (meridiem, _) = time.meridiem.as_ref()?;
            let hour = match meridiem {
                Meridiem::Am => time.hour % 12,
                Meridiem::Pm => time.hour % 12 + 12,
            };
            Some(format!("{hour:02}:{:02}", time.minute.unwrap_or(0)))
        }
    }
}

fn time_word(word: TimeWord) -> &'static str {
    match word {
        TimeWord::Noon => "noon",
        TimeWord::Midnight => "midnight",
    }
}

/// Compare ignoring how white space (a hard line wrap) falls.
pub fn same_words(written: &str, wanted: &str) -> bool {
    written.split_whitespace().eq(wanted.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::dates::scan::{scan, Token};

    fn styled(style: &str, text: &str) -> Option<String> {
        let style = data().house_style(style).expect("shipped style");
        scan(text).into_iter().find_map(|token| match token {
            Token::Date(date) => house_date(style, &date, &text[date.span.clone()]),
            Token::Time(time) => house_time(style, &time),
        })
    }

    #[test]
    fn ap_dates() {
        for (written, wanted) in [
            ("Feb 10", "Feb. 10"),
            ("February 10", "Feb. 10"),
            ("10 February 2023", "Feb. 10, 2023"),
            ("Feb 10th", "Feb. 10"),
            ("March 3", "March 3"),
            ("Mar. 3", "March 3"),
            ("Sep 3, 2001", "Sept. 3, 2001"),
            ("February, 2023", "February 2023"),
            ("Feb 2023", "February 2023"),
            ("2023-02-10", "Feb. 10, 2023"),
            ("Friday 10 February 2023", "Friday, Feb. 10, 2023"),
            ("Feb 10-12", "Feb. 10-12"),
            ("10th–12th August", "Aug. 10–12"),
        ] {
            assert_eq!(styled("ap", written).as_deref(), Some(wanted), "{written}");
        }
    }

    #[test]
    fn reuters_bbc_and_iso_dates() {
        assert_eq!(styled("reuters", "Feb. 10").as_deref(), Some("Feb 10"));
        assert_eq!(styled("reuters", "September 3").as_deref(), Some("Sept 3"));
        assert_eq!(
            styled("bbc", "Feb. 10, 2023").as_deref(),
            Some("10 February 2023")
        );
        assert_eq!(
            styled("bbc", "Friday, Feb. 10").as_deref(),
            Some("Friday 10 February")
        );
        assert_eq!(
            styled("iso", "July 27, 2022").as_deref(),
            Some("2022-07-27")
        );
        assert_eq!(
            styled("iso", "Thursday, 1 July 2021").as_deref(),
            Some("2021-07-01 (Thursday)")
        );
        assert_eq!(styled("iso", "July 27"), None);
        assert_eq!(styled("ap", "10/02/2023"), None);
        assert_eq!(styled("ap", "the 1990s"), None);
    }

    #[test]
    fn ap_times() {
        for (written, wanted) in [
            ("10:44 am", "10:44 a.m."),
            ("10.44am", "10:44 a.m."),
            ("9:00 a.m.", "9 a.m."),
            ("9 AM", "9 a.m."),
            ("12 p.m.", "noon"),
            ("12:00 am", "midnight"),
            ("12 noon", "noon"),
        ] {
            assert_eq!(styled("ap", written).as_deref(), Some(wanted), "{written}");
        }
        assert_eq!(styled("ap", "at 14:30"), None);
        assert_eq!(styled("ap", "Noon came."), None);
        assert_eq!(styled("ap", "by midnight"), None);
        assert_eq!(styled("reuters", "10:44 am"), None);
    }

    #[test]
    fn twenty_four_hour_times() {
        for (written, wanted) in [
            ("10:44 am", "10:44"),
            ("10:44 pm", "22:44"),
            ("9 a.m.", "09:00"),
            ("12 a.m.", "00:00"),
            ("12:30 p.m.", "12:30"),
            ("12 noon", "12:00"),
        ] {
            assert_eq!(styled("bbc", written).as_deref(), Some(wanted), "{written}");
        }
        assert_eq!(styled("bbc", "by noon"), None);
    }

    #[test]
    fn white_space_is_not_a_difference() {
        assert!(same_words("February\n28", "February 28"));
        assert!(!same_words("Feb 28", "Feb. 28"));
    }
}
