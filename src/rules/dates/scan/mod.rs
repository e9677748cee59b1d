//! The one scanner for dates and times in English news copy.
//!
//! A hand-written single pass: it only stops at the start of a word that opens
//! with a digit, a capital (month and weekday names), an apostrophe (`’90s`) or
//! `noon`/`midnight`, and parses forward from there. Nothing is re-scanned, so the
//! cost is linear in the text however many dates a line holds.

mod local;
mod scanner;
#[cfg(test)]
mod tests;

use std::ops::Range;

use super::languages::Language;
use scanner::Scanner;

/// How the month of a date is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthForm {
    Full,
    Abbreviated { period: bool },
    Numeric,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthName {
    /// 1-based.
    pub number: i8,
    pub form: MonthForm,
    /// The name, with its period when it has one.
    pub span: Range<usize>,
    /// Written in capitals (`MARCH 11`, a wire headline or dateline).
    pub capitals: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateForm {
    /// `2023-02-10`
    Iso,
    /// `Feb 10`, `July 27, 2022`, `Feb. 10-12`
    MonthDay,
    /// `10 February`, `27 July 2022`
    DayMonth,
    /// `February 2023`
    MonthYear,
    /// `10/02/2023`, `10.02.2023`: day and month cannot be told apart.
    Numeric,
    /// `2000–2005`, `1986-87`
    YearRange,
    /// `1990s`, `’90s`, `90's`
    Decade,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weekday {
    /// Monday = 0.
    pub offset: i8,
    pub abbreviated: bool,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateToken {
    pub span: Range<usize>,
    pub form: DateForm,
    pub month: Option<MonthName>,
    pub day: Option<i8>,
    /// The last day of a range such as `Feb 10-12`, and the text from the first
    /// day's end to the token's date end (`-12`).
    pub day_end: Option<(i8, Range<usize>)>,
    pub year: Option<i16>,
    /// The last year of a range (`1987` of `1986-87`), or the two digits of a
    /// decade written without its century (`90` of `’90s`; `the 1990s` sets `year`).
    pub year_end: Option<i16>,
    /// `Feb 10th`
    pub ordinal: bool,
    /// A comma between the day (or month) and the year.
    pub year_comma: bool,
    pub weekday: Option<Weekday>,
    /// For numeric dates: the two leading numbers as written (`10`, `2` of `10/02/2023`).
    pub numeric: Option<(i8, i8)>,
    /// The first date of a range across months whose year is written once, at
    /// its end (`June 30` of `June 30-July 2, 2023`): that year. It is not in
    /// this date's text, so styles do not write it; the calendar checks use it.
    pub range_year: Option<i16>,
    /// In other languages than English: the day's figures and what follows
    /// them before the month (`1er`, `10.`), and the year's figures, for the
    /// language's own style to rewrite.
    pub day_span: Option<Range<usize>>,
    pub year_span: Option<Range<usize>>,
}

impl DateToken {
    fn new(span: Range<usize>, form: DateForm) -> Self {
        DateToken {
            span,
            form,
            month: None,
            day: None,
            day_end: None,
            year: None,
            year_end: None,
            ordinal: false,
            year_comma: false,
            weekday: None,
            numeric: None,
            range_year: None,
            day_span: None,
            year_span: None,
        }
    }

    /// A month-day date that is not in any text, for writing a date in a style.
    pub fn written_out(month: i8, day: i8, year: Option<i16>) -> Self {
        let mut date = DateToken::new(0..0, DateForm::MonthDay);
        date.month = Some(MonthName {
            number: month,
            form: MonthForm::Full,
            span: 0..0,
            capitals: false,
        });
        date.day = Some(day);
        date.year = year;
        date
    }

    /// The month as a number, however it is written.
    pub fn month_number(&self) -> Option<i8> {
        self.month.as_ref().map(|m| m.number)
    }

    /// A calendar day is named (month and day known).
    pub fn names_a_day(&self) -> bool {
        self.month.is_some() && self.day.is_some()
    }

    /// The year to judge the date in: its own, or its range's.
    pub fn calendar_year(&self) -> Option<i16> {
        self.year.or(self.range_year)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meridiem {
    Am,
    Pm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeWord {
    Noon,
    Midnight,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeToken {
    /// The time without its zone.
    pub span: Range<usize>,
    pub hour: u8,
    pub minute: Option<u8>,
    /// `:` or `.` between hour and minute; none in the wire's four figures
    /// (`1400 GMT`), which always have a minute.
    pub separator: Option<char>,
    pub meridiem: Option<(Meridiem, Range<usize>)>,
    /// `noon`, `midnight`, or the word of `12 noon`.
    pub word: Option<TimeWord>,
    /// Written with figures (`12 noon`, `9 a.m.`), not a bare `noon`.
    pub figures: bool,
    pub zone: Option<Range<usize>>,
}

impl TimeToken {
    /// `1400 GMT`, `0930 ET`: four figures on the 24-hour clock.
    pub fn four_figures(&self) -> bool {
        self.separator.is_none() && self.minute.is_some()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    Date(DateToken),
    Time(TimeToken),
}

impl Token {
    pub fn span(&self) -> Range<usize> {
        match self {
            Token::Date(date) => date.span.clone(),
            Token::Time(time) => {
                time.span.start..time.zone.as_ref().map_or(time.span.end, |z| z.end)
            }
        }
    }
}

/// Every date and time in `text`, in order, without overlaps.
pub fn scan(text: &str) -> Vec<Token> {
    let mut tokens = Scanner::new(text).run();
    link_ranges_across_months(text, &mut tokens);
    tokens
}

/// Every date and time in `text`, written in `language`, in order.
pub fn scan_language(text: &str, language: &'static Language) -> Vec<Token> {
    local::LocalScanner::new(text, language).run()
}

/// `June 30-July 2, 2023`, `30 June–2 July 2023`: two dates joined by a dash,
/// the year written once at the end. The first takes the second's year (the
/// year before when the range crosses a new year: `Dec 30-Jan 2, 2024`).
fn link_ranges_across_months(text: &str, tokens: &mut [Token]) {
    for i in 1..tokens.len() {
        let (before, after) = tokens.split_at_mut(i);
        let (Some(Token::Date(first)), Some(Token::Date(second))) =
            (before.last_mut(), after.first())
        else {
            continue;
        };
        let (Some(first_month), Some(second_month), Some(year)) =
            (first.month_number(), second.month_number(), second.year)
        else {
            continue;
        };
        let joined_by_a_dash = text
            .get(first.span.end..second.span.start)
            .is_some_and(|between| matches!(between.trim_matches(' '), "-" | "–" | "—"));
        let same_form = first.form == second.form
            && matches!(first.form, DateForm::MonthDay | DateForm::DayMonth);
        if !joined_by_a_dash
            || !same_form
            || first.year.is_some()
            || first.day.is_none()
            || first.day_end.is_some()
            || second.day.is_none()
            || first_month == second_month
        {
            continue;
        }
        first.range_year = Some(if first_month > second_month {
            year - 1
        } else {
            year
        });
    }
}
