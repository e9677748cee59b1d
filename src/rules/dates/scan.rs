//! The one scanner for dates and times in English news copy.
//!
//! A hand-written single pass: it only stops at the start of a word that opens
//! with a digit, a capital (month and weekday names), an apostrophe (`’90s`) or
//! `noon`/`midnight`, and parses forward from there. Nothing is re-scanned, so the
//! cost is linear in the text however many dates a line holds.

use std::cell::Cell;
use std::ops::Range;

use super::data::{data, DateData, Name};

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

const WORD: u8 = 1;
const CANDIDATE: u8 = 2;

/// Per byte: does it continue an ASCII word, and may a date or time start there
/// (digits, capitals, `n`oon, `m`idnight, `'90s`, and 0xE2, the lead byte of `’`).
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let mut class = 0;
        if byte.is_ascii_alphanumeric() || byte == b'_' {
            class |= WORD;
        }
        if byte.is_ascii_digit()
            || byte.is_ascii_uppercase()
            || matches!(byte, b'n' | b'm' | b'\'' | 0xE2)
        {
            class |= CANDIDATE;
        }
        table[b] = class;
        b += 1;
    }
    table
};

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    data: &'static DateData,
    /// Starts of weekday names known to open no date: the inner names of a
    /// run of weekdays whose first name opened none.
    failed_weekday_run: Cell<(usize, usize)>,
    /// How many weekday names the run walks have visited, to test that each
    /// is visited a bounded number of times.
    #[cfg(test)]
    weekday_names_walked: Cell<usize>,
}

/// What a capitalised word opens.
enum NameStart {
    /// A month name, and the date it begins when it begins one.
    Month(Option<DateToken>),
    /// A weekday name, whose word ends at `end`.
    Weekday {
        offset: i8,
        abbreviated: bool,
        end: usize,
    },
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            data: data(),
            failed_weekday_run: Cell::new((0, 0)),
            #[cfg(test)]
            weekday_names_walked: Cell::new(0),
        }
    }

    fn run(&self) -> Vec<Token> {
        let mut tokens = Vec::new();
        let bytes = self.bytes;
        let mut i = 0;
        // Whether the byte before `i` continues a word; non-ASCII bytes are decoded
        // only when a candidate follows them.
        let mut after_word = false;
        while i < bytes.len() {
            let class = BYTE_CLASS[usize::from(bytes[i])];
            if class & CANDIDATE != 0
                && !after_word
                && (i == 0 || bytes[i - 1] < 0x80 || self.word_starts_at(i))
            {
                if let Some(token) = self.token_at(i) {
                    let end = token.span().end.max(i + 1);
                    tokens.push(token);
                    after_word = BYTE_CLASS[usize::from(bytes[end - 1])] & WORD != 0;
                    i = end;
                    continue;
                }
            }
            after_word = class & WORD != 0;
            i += 1;
        }
        tokens
    }

    fn prev_char(&self, at: usize) -> Option<char> {
        self.text.get(..at).and_then(|s| s.chars().next_back())
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    fn word_starts_at(&self, at: usize) -> bool {
        self.text.is_char_boundary(at) && !self.prev_char(at).is_some_and(is_word_char)
    }

    /// No letter or digit continues the text at `at`.
    fn word_ends_at(&self, at: usize) -> bool {
        !self.char_at(at).is_some_and(is_word_char)
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// A run of at most `max` ASCII digits at `at`: its value and end.
    fn number(&self, at: usize, max: usize) -> Option<(u32, usize)> {
        let mut end = at;
        let mut value: u32 = 0;
        while end < self.bytes.len() && self.bytes[end].is_ascii_digit() {
            if end - at == max {
                return None;
            }
            value = value * 10 + u32::from(self.bytes[end] - b'0');
            end += 1;
        }
        (end > at).then_some((value, end))
    }

    /// Exactly `n` digits, not followed by another digit.
    fn exact_digits(&self, at: usize, n: usize) -> Option<(u32, usize)> {
        let (value, end) = self.number(at, n)?;
        (end - at == n && !self.byte(end).is_some_and(|b| b.is_ascii_digit()))
            .then_some((value, end))
    }

    /// Spaces (and at most one line break, for hard-wrapped copy) between the parts of a date.
    fn gap(&self, at: usize) -> Option<usize> {
        let mut end = at;
        let mut breaks = 0;
        loop {
            match self.byte(end) {
                Some(b' ' | b'\t') => end += 1,
                Some(b'\n') if breaks == 0 => {
                    breaks += 1;
                    end += 1;
                }
                Some(0xC2) if self.byte(end + 1) == Some(0xA0) => end += 2,
                _ => break,
            }
        }
        (end > at).then_some(end)
    }

    /// The ASCII word at `at` and its end.
    fn ascii_word(&self, at: usize) -> (&'t str, usize) {
        let mut end = at;
        while end < self.bytes.len() && self.bytes[end].is_ascii_alphabetic() {
            end += 1;
        }
        (&self.text[at..end], end)
    }

    fn token_at(&self, at: usize) -> Option<Token> {
        let b = self.bytes[at];
        if b.is_ascii_digit() {
            if self.number_is_part_of_a_figure(at) {
                return None;
            }
            return self.starting_with_digits(at);
        }
        if b.is_ascii_uppercase() {
            if let Some(date) = self.starting_with_name(at) {
                return Some(Token::Date(date));
            }
        }
        if matches!(b, b'n' | b'm' | b'N' | b'M') {
            if let Some(time) = self.time_word(at) {
                return Some(Token::Time(time));
            }
        }
        if matches!(b, b'\'' | 0xE2) {
            return self.short_decade(at).map(Token::Date);
        }
        None
    }

    /// `1.5`, `$10`, `2,000`: digits that continue a figure start no date.
    fn number_is_part_of_a_figure(&self, at: usize) -> bool {
        match self.prev_char(at) {
            Some('$' | '£' | '€' | '¥' | '#' | '+') => true,
            Some(c @ ('.' | ',' | '/' | ':' | '-' | '–')) => self
                .prev_char(at - c.len_utf8())
                .is_some_and(|p| p.is_ascii_digit()),
            _ => false,
        }
    }

    fn starting_with_name(&self, at: usize) -> Option<DateToken> {
        match self.name_at(at)? {
            NameStart::Month(date) => date,
            NameStart::Weekday {
                offset,
                abbreviated,
                end,
            } => self.after_weekdays(at, offset, abbreviated, end),
        }
    }

    /// The month or weekday name at `at`, and for a month the date it begins.
    fn name_at(&self, at: usize) -> Option<NameStart> {
        let (word, end) = self.ascii_word(at);
        // Month and weekday names are 3 to 9 letters, capitalised; months may
        // also be in capitals, but not in mixed case (`MaRCH`).
        if !(3..=9).contains(&word.len()) || !self.word_ends_at(end) {
            return None;
        }
        if let Some((number, abbreviated)) = self.month_in_capitals(word) {
            // "PRICES MAY FALL", "PROTESTERS MARCH ON": like "May", a month in
            // capitals needs a number after it (`after_month`), and "MAY" a
            // function word or nothing before it.
            if word == "MAY" && self.follows_a_name(at) {
                return None;
            }
            return Some(NameStart::Month(self.after_month(
                at,
                number,
                abbreviated,
                end,
            )));
        }
        if !self.byte(at + 1).is_some_and(|b| b.is_ascii_lowercase()) {
            return None;
        }
        match self.data.names.get(word)? {
            Name::Month {
                number,
                abbreviated,
            } => {
                if word == "May" && self.follows_a_name(at) {
                    return None;
                }
                Some(NameStart::Month(self.after_month(
                    at,
                    *number,
                    *abbreviated,
                    end,
                )))
            }
            Name::Weekday {
                offset,
                abbreviated,
            } => Some(NameStart::Weekday {
                offset: *offset,
                abbreviated: *abbreviated,
                end,
            }),
        }
    }

    /// `Friday, Feb. 10`, `Friday 10 February`: the date after the weekday
    /// that starts at `at` and whose word ends at `end`.
    ///
    /// Further weekday names may stand between a weekday and a month-first
    /// date (`Friday, Thursday, Feb 10` is one date that keeps the first
    /// weekday); a day-first date must follow its weekday directly. The run of
    /// names is walked in a loop, not by recursion: a list of thousands of
    /// weekdays must neither exhaust the stack nor be walked again from each
    /// of its names.
    fn after_weekdays(
        &self,
        at: usize,
        offset: i8,
        abbreviated: bool,
        end: usize,
    ) -> Option<DateToken> {
        let (failed_from, failed_to) = self.failed_weekday_run.get();
        if (failed_from..failed_to).contains(&at) {
            return None;
        }
        let name_end = self.weekday_name_end(abbreviated, end);
        let (date, last_weekday) = self.date_after_weekday_run(name_end);
        if let (None, Some(last_weekday)) = (&date, last_weekday) {
            // Every name of the run after the first and before the last leads
            // to the same month-first date (or none) and would fail the same
            // way; the last may still open a day-first date.
            self.failed_weekday_run.set((at + 1, last_weekday));
        }
        let mut date = date?;
        date.weekday = Some(Weekday {
            offset,
            abbreviated,
            span: at..name_end,
        });
        date.span.start = at;
        Some(date)
    }

    /// A weekday name's end, with the period of an abbreviation (`Thu.`).
    fn weekday_name_end(&self, abbreviated: bool, end: usize) -> usize {
        if abbreviated && self.byte(end) == Some(b'.') {
            end + 1
        } else {
            end
        }
    }

    /// The date after a run of weekday names whose first ends at `name_end`,
    /// and where the last name of the run starts when there is more than one.
    fn date_after_weekday_run(&self, name_end: usize) -> (Option<DateToken>, Option<usize>) {
        let mut name_end = name_end;
        let mut last_weekday = None;
        loop {
            #[cfg(test)]
            self.weekday_names_walked
                .set(self.weekday_names_walked.get() + 1);
            let mut next = name_end;
            if self.byte(next) == Some(b',') {
                next += 1;
            }
            let Some(next) = self.gap(next) else {
                return (None, last_weekday);
            };
            let date = match self.byte(next) {
                Some(b'0'..=b'9') if last_weekday.is_none() => {
                    match self.starting_with_digits(next) {
                        Some(Token::Date(date)) if date.form == DateForm::DayMonth => Some(date),
                        _ => None,
                    }
                }
                Some(b'A'..=b'Z') => match self.name_at(next) {
                    Some(NameStart::Month(date)) => {
                        date.filter(|date| date.form == DateForm::MonthDay)
                    }
                    Some(NameStart::Weekday {
                        abbreviated, end, ..
                    }) => {
                        last_weekday = Some(next);
                        name_end = self.weekday_name_end(abbreviated, end);
                        continue;
                    }
                    None => None,
                },
                _ => None,
            };
            return (date, last_weekday);
        }
    }

    /// `MARCH`, `SEPT`: a month name or abbreviation in capitals.
    fn month_in_capitals(&self, word: &str) -> Option<(i8, bool)> {
        if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        match self.data.names.get(&title_case(word))? {
            Name::Month {
                number,
                abbreviated,
            } => Some((*number, *abbreviated)),
            Name::Weekday { .. } => None,
        }
    }

    /// "Theresa May 10": a capitalised word other than a function word before "May".
    fn follows_a_name(&self, at: usize) -> bool {
        let before = self.text[..at].trim_end_matches([' ', '\u{a0}']);
        if before.len() == at {
            return false;
        }
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c) || *c == '.')
            .last()
            .map_or(before.len(), |(i, _)| i);
        let word = before[word_start..].trim_end_matches('.');
        // "IN MAY 10" in a headline: the function word in capitals.
        let titled = title_case(word);
        // "Friday May 5", "Sun May 5": a weekday is not a name either.
        word.chars().next().is_some_and(char::is_uppercase)
            && !self.data.function_words.contains(word)
            && !self.data.names.contains_key(word)
            && !self.data.function_words.contains(&titled)
            && !self.data.names.contains_key(&titled)
    }

    fn month_name(&self, at: usize, number: i8, abbreviated: bool, end: usize) -> MonthName {
        let period = abbreviated && self.byte(end) == Some(b'.');
        MonthName {
            number,
            form: if abbreviated {
                MonthForm::Abbreviated { period }
            } else {
                MonthForm::Full
            },
            span: at..end + usize::from(period),
            capitals: end - at > 1 && self.bytes[at..end].iter().all(u8::is_ascii_uppercase),
        }
    }

    fn after_month(
        &self,
        at: usize,
        number: i8,
        abbreviated: bool,
        end: usize,
    ) -> Option<DateToken> {
        let month = self.month_name(at, number, abbreviated, end);
        let mut after = month.span.end;
        let mut comma = false;
        if self.byte(after) == Some(b',') {
            comma = true;
            after += 1;
        }
        let start = self.gap(after)?;
        if !self.byte(start)?.is_ascii_digit() {
            return None;
        }
        if let Some((year, year_end)) = self.year(start) {
            let mut date = DateToken::new(at..year_end, DateForm::MonthYear);
            date.month = Some(month);
            date.year = Some(year);
            date.year_comma = comma;
            return Some(date);
        }
        if comma {
            return None;
        }
        let (day, mut end) = self.day(start)?;
        let mut date = DateToken::new(at..end, DateForm::MonthDay);
        date.month = Some(month);
        date.day = Some(day);
        if let Some(ordinal_end) = self.ordinal(end) {
            date.ordinal = true;
            end = ordinal_end;
        }
        if let Some((last, range_end)) = self.day_range(day, end) {
            date.day_end = Some((last, end..range_end));
            end = range_end;
        }
        if self.is_a_quantity(end) {
            return None;
        }
        date.span.end = end;
        self.finish_with_year(date, end)
    }

    /// A date may go on with a year (`Feb 10, 2023`, `10 Feb 2023`) and a
    /// weekday in brackets; `at` is where the year may begin.
    fn finish_with_year(&self, mut date: DateToken, at: usize) -> Option<DateToken> {
        let mut year_at = at;
        if self.byte(year_at) == Some(b',') {
            date.year_comma = true;
            year_at += 1;
        }
        match self.gap(year_at).and_then(|gap| self.year(gap)) {
            Some((year, year_end)) => {
                date.year = Some(year);
                date.span.end = year_end;
            }
            None => date.year_comma = false,
        }
        self.trailing_weekday(&mut date);
        Some(date)
    }

    /// A four-digit year, 1000–2999, standing alone.
    fn year(&self, at: usize) -> Option<(i16, usize)> {
        let (value, end) = self.exact_digits(at, 4)?;
        if !(1000..=2999).contains(&value) || !self.word_ends_at(end) {
            return None;
        }
        // "March 15, 1400 GMT": a date and a time.
        if self.four_figure_time(at, value, end).is_some() {
            return None;
        }
        // "2,000" and "2023.5" are figures.
        if matches!(self.byte(end), Some(b',' | b'.' | b':' | b'/'))
            && self.byte(end + 1).is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        Some((value as i16, end))
    }

    /// A day of the month, 1–31, not part of a larger figure.
    fn day(&self, at: usize) -> Option<(i8, usize)> {
        let (value, end) = self.number(at, 2)?;
        if !(1..=31).contains(&value) || self.byte(end).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        if matches!(self.byte(end), Some(b',' | b'.' | b':' | b'/'))
            && self.byte(end + 1).is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        if self.byte(end) == Some(b'%') {
            return None;
        }
        Some((value as i8, end))
    }

    fn ordinal(&self, at: usize) -> Option<usize> {
        let suffix = self.text.get(at..at + 2)?;
        (matches!(suffix, "st" | "nd" | "rd" | "th") && self.word_ends_at(at + 2)).then_some(at + 2)
    }

    /// `-12` or `–12` after the first day of a range.
    fn day_range(&self, first: i8, at: usize) -> Option<(i8, usize)> {
        let dash = self.char_at(at)?;
        if !matches!(dash, '-' | '–') {
            return None;
        }
        let start = at + dash.len_utf8();
        let (last, mut end) = self.day(start)?;
        if last <= first {
            return None;
        }
        if let Some(ordinal_end) = self.ordinal(end) {
            end = ordinal_end;
        }
        self.word_ends_at(end).then_some((last, end))
    }

    /// "March 3 pct": the number counts something.
    fn is_a_quantity(&self, at: usize) -> bool {
        if !self.word_ends_at(at) {
            return true;
        }
        let Some(next) = self.gap(at) else {
            return false;
        };
        let (word, _) = self.ascii_word(next);
        if word.is_empty() {
            return false;
        }
        // "MARCH 3 PCT" in a headline.
        self.data.quantity_words.contains(word)
            || (word.bytes().all(|b| b.is_ascii_uppercase())
                && self
                    .data
                    .quantity_words
                    .contains(&word.to_ascii_lowercase()))
    }

    /// `(Thursday)` after a date.
    fn trailing_weekday(&self, date: &mut DateToken) {
        let mut at = date.span.end;
        if self.byte(at) != Some(b' ') {
            return;
        }
        at += 1;
        if self.byte(at) != Some(b'(') {
            return;
        }
        let (word, end) = self.ascii_word(at + 1);
        if self.byte(end) != Some(b')') {
            return;
        }
        if let Some(Name::Weekday {
            offset,
            abbreviated,
        }) = self.data.names.get(word)
        {
            date.weekday = Some(Weekday {
                offset: *offset,
                abbreviated: *abbreviated,
                span: at + 1..end,
            });
            date.span.end = end + 1;
        }
    }

    fn starting_with_digits(&self, at: usize) -> Option<Token> {
        let (value, end) = self.number(at, 4)?;
        if self.byte(end).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        match end - at {
            4 => match self.four_figure_time(at, value, end) {
                Some(time) => Some(Token::Time(time)),
                None => self
                    .starting_with_four_digits(at, value, end)
                    .map(Token::Date),
            },
            1 | 2 => self.starting_with_short_number(at, value, end),
            _ => None,
        }
    }

    fn starting_with_four_digits(&self, at: usize, value: u32, end: usize) -> Option<DateToken> {
        match self.char_at(end)? {
            '-' => {
                if let Some(date) = self.iso(at, value, end) {
                    return Some(date);
                }
                self.year_range(at, value, end)
            }
            '–' | '—' => self.year_range(at, value, end),
            's' | '\'' | '’' => {
                let suffix_end = self.decade_suffix(end)?;
                if value % 10 != 0 || !(1000..=2999).contains(&value) {
                    return None;
                }
                let mut date = DateToken::new(at..suffix_end, DateForm::Decade);
                date.year = Some(value as i16);
                Some(date)
            }
            _ => None,
        }
    }

    fn iso(&self, at: usize, year: u32, end: usize) -> Option<DateToken> {
        let (month, month_end) = self.exact_digits(end + 1, 2)?;
        if self.byte(month_end) != Some(b'-') {
            return None;
        }
        let (day, day_end) = self.exact_digits(month_end + 1, 2)?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=2999).contains(&year)
        {
            return None;
        }
        // A longer code such as 2023-02-10-4 is not a date.
        if self.byte(day_end) == Some(b'-')
            && self.byte(day_end + 1).is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        if !self.word_ends_at(day_end) && self.byte(day_end) != Some(b'T') {
            return None;
        }
        let mut date = DateToken::new(at..day_end, DateForm::Iso);
        date.year = Some(year as i16);
        date.month = Some(MonthName {
            number: month as i8,
            form: MonthForm::Numeric,
            span: end + 1..month_end,
            capitals: false,
        });
        date.day = Some(day as i8);
        self.trailing_weekday(&mut date);
        Some(date)
    }

    fn year_range(&self, at: usize, first: u32, end: usize) -> Option<DateToken> {
        let dash = self.char_at(end)?;
        let start = end + dash.len_utf8();
        let (value, last_end) = self.number(start, 4)?;
        let last = match last_end - start {
            4 => value,
            2 => first / 100 * 100 + value,
            _ => return None,
        };
        // "1400-1500 GMT" is an hour, not a century.
        if self.four_figure_time(start, value, last_end).is_some() {
            return None;
        }
        if !self.word_ends_at(last_end)
            || !(1000..=2999).contains(&first)
            || last <= first
            || last - first > 100
        {
            return None;
        }
        let mut date = DateToken::new(at..last_end, DateForm::YearRange);
        date.year = Some(first as i16);
        date.year_end = Some(last as i16);
        Some(date)
    }

    /// `s`, `'s` or `’s` closing a decade.
    fn decade_suffix(&self, at: usize) -> Option<usize> {
        let end = match self.char_at(at)? {
            's' => at + 1,
            c @ ('\'' | '’') => {
                let s = at + c.len_utf8();
                (self.byte(s) == Some(b's')).then_some(s + 1)?
            }
            _ => return None,
        };
        self.word_ends_at(end).then_some(end)
    }

    /// `’90s` or `'90s`.
    fn short_decade(&self, at: usize) -> Option<DateToken> {
        let mark = self.char_at(at)?;
        if !matches!(mark, '\'' | '’') {
            return None;
        }
        let start = at + mark.len_utf8();
        let (value, end) = self.exact_digits(start, 2)?;
        if value % 10 != 0 || self.byte(end) != Some(b's') || !self.word_ends_at(end + 1) {
            return None;
        }
        let mut date = DateToken::new(at..end + 1, DateForm::Decade);
        date.year_end = Some(value as i16);
        Some(date)
    }

    fn starting_with_short_number(&self, at: usize, value: u32, end: usize) -> Option<Token> {
        if let Some(sep @ (b'/' | b'.')) = self.byte(end) {
            if let Some(date) = self.numeric(at, value, end, sep) {
                return Some(Token::Date(date));
            }
        }
        if let Some(time) = self.clock_time(at, value, end) {
            return Some(Token::Time(time));
        }
        if let Some(date) = self.day_month(at) {
            return Some(Token::Date(date));
        }
        self.two_digit_decade(at, value, end).map(Token::Date)
    }

    fn numeric(&self, at: usize, first: u32, end: usize, sep: u8) -> Option<DateToken> {
        let (second, second_end) = self.number(end + 1, 2)?;
        if self.byte(second_end) != Some(sep) {
            return None;
        }
        let (year, year_end) = self.exact_digits(second_end + 1, 4)?;
        let parts_ok = (1..=31).contains(&first)
            && (1..=31).contains(&second)
            && (first <= 12 || second <= 12)
            && (1000..=2999).contains(&year);
        if !parts_ok || !self.word_ends_at(year_end) {
            return None;
        }
        if self.byte(year_end) == Some(sep)
            && self.byte(year_end + 1).is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut date = DateToken::new(at..year_end, DateForm::Numeric);
        date.year = Some(year as i16);
        date.numeric = Some((first as i8, second as i8));
        Some(date)
    }

    fn clock_time(&self, at: usize, hour: u32, end: usize) -> Option<TimeToken> {
        let mut time = TimeToken {
            span: at..end,
            hour: u8::try_from(hour).ok()?,
            minute: None,
            separator: None,
            meridiem: None,
            word: None,
            figures: true,
            zone: None,
        };
        let mut cursor = end;
        if let Some(sep @ (b':' | b'.')) = self.byte(end) {
            if let Some((minute, minute_end)) = self.exact_digits(end + 1, 2) {
                if minute > 59 {
                    return None;
                }
                time.minute = Some(minute as u8);
                time.separator = Some(char::from(sep));
                cursor = minute_end;
                if sep == b':' && self.byte(cursor) == Some(b':') {
                    // Seconds belong to the time.
                    let (seconds, seconds_end) = self.exact_digits(cursor + 1, 2)?;
                    if seconds > 59 {
                        return None;
                    }
                    cursor = seconds_end;
                }
            }
        }
        let meridiem_at = match self.byte(cursor) {
            Some(b' ') => cursor + 1,
            _ => cursor,
        };
        if let Some((meridiem, meridiem_end)) = self.meridiem(meridiem_at) {
            if !(1..=12).contains(&hour) {
                return None;
            }
            time.meridiem = Some((meridiem, meridiem_at..meridiem_end));
            cursor = meridiem_end;
        } else if hour == 12 && time.minute.is_none() {
            let (word, word_end) = self.ascii_word(meridiem_at);
            let word = match word {
                "noon" => TimeWord::Noon,
                "midnight" => TimeWord::Midnight,
                _ => return None,
            };
            if meridiem_at == cursor || !self.word_ends_at(word_end) {
                return None;
            }
            time.word = Some(word);
            cursor = word_end;
        } else {
            // Without am/pm only `10:44` (colon, two-digit minute) is a time: `10.44` is a figure.
            if time.separator != Some(':') || hour > 23 || !self.word_ends_at(cursor) {
                return None;
            }
            if self.follows_a_capitalised_word(at) {
                // "John 3:16", "Psalm 23:4": chapter and verse.
                return None;
            }
        }
        time.span.end = cursor;
        time.zone = self.zone(cursor);
        Some(time)
    }

    /// `1400 GMT`, `0930 ET`, `1130 hrs GMT`, `2300 local time`: the wire's
    /// 24-hour clock. Four figures are a time only when a zone or a clock
    /// phrase follows; alone they are a year or a count.
    fn four_figure_time(&self, at: usize, value: u32, end: usize) -> Option<TimeToken> {
        if end - at != 4 || value / 100 > 23 || value % 100 > 59 {
            return None;
        }
        let mut cursor = end;
        if self.byte(cursor) == Some(b' ') {
            let (word, word_end) = self.ascii_word(cursor + 1);
            if self.data.four_figure_hours.iter().any(|w| w == word) {
                cursor = word_end;
            }
        }
        let zone = self.zone(cursor).filter(|zone| {
            !self
                .data
                .four_figure_ambiguous_zones
                .contains(&self.text[zone.clone()])
        });
        let clock_phrase = || {
            self.byte(cursor) == Some(b' ')
                && self.data.clock_phrases.iter().any(|phrase| {
                    self.text[cursor + 1..].starts_with(phrase.as_str())
                        && self.word_ends_at(cursor + 1 + phrase.len())
                })
        };
        if zone.is_none() && !clock_phrase() {
            return None;
        }
        Some(TimeToken {
            span: at..cursor,
            hour: (value / 100) as u8,
            minute: Some((value % 100) as u8),
            separator: None,
            meridiem: None,
            word: None,
            figures: true,
            zone,
        })
    }

    fn follows_a_capitalised_word(&self, at: usize) -> bool {
        let before = self.text[..at].trim_end_matches(' ');
        if before.len() == at {
            return false;
        }
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c))
            .last()
            .map_or(before.len(), |(i, _)| i);
        let word = &before[word_start..];
        word.chars().next().is_some_and(char::is_uppercase)
            && !self.data.function_words.contains(word)
    }

    fn meridiem(&self, at: usize) -> Option<(Meridiem, usize)> {
        let first = self.byte(at)?;
        let meridiem = match first.to_ascii_lowercase() {
            b'a' => Meridiem::Am,
            b'p' => Meridiem::Pm,
            _ => return None,
        };
        let m = self.byte(at + 1)?;
        let end = if m.eq_ignore_ascii_case(&b'm') {
            at + 2
        } else if m == b'.'
            && self
                .byte(at + 2)
                .is_some_and(|b| b.eq_ignore_ascii_case(&b'm'))
        {
            if self.byte(at + 3) == Some(b'.') {
                at + 4
            } else {
                at + 3
            }
        } else {
            return None;
        };
        // `8 amino acids`, `9 AMD`: the letters go on.
        if self.char_at(end).is_some_and(is_word_char) {
            return None;
        }
        Some((meridiem, end))
    }

    fn zone(&self, at: usize) -> Option<Range<usize>> {
        if self.byte(at) != Some(b' ') {
            return None;
        }
        let start = at + 1;
        let (word, end) = self.ascii_word(start);
        (word.len() >= 2 && self.word_ends_at(end) && self.data.time_zones.contains(word))
            .then_some(start..end)
    }

    /// `noon`, `midnight` standing alone.
    fn time_word(&self, at: usize) -> Option<TimeToken> {
        let (word, end) = self.ascii_word(at);
        let word = match word {
            "noon" | "Noon" => TimeWord::Noon,
            "midnight" | "Midnight" => TimeWord::Midnight,
            _ => return None,
        };
        if !self.word_ends_at(end) {
            return None;
        }
        Some(TimeToken {
            span: at..end,
            hour: if word == TimeWord::Noon { 12 } else { 0 },
            minute: None,
            separator: None,
            meridiem: None,
            word: Some(word),
            figures: false,
            zone: self.zone(end),
        })
    }

    fn day_month(&self, at: usize) -> Option<DateToken> {
        let (day, mut cursor) = self.day(at)?;
        let mut date = DateToken::new(at..cursor, DateForm::DayMonth);
        date.day = Some(day);
        if let Some(ordinal_end) = self.ordinal(cursor) {
            date.ordinal = true;
            cursor = ordinal_end;
        }
        if let Some((last, range_end)) = self.day_range(day, cursor) {
            date.day_end = Some((last, cursor..range_end));
            cursor = range_end;
        }
        let mut month_at = self.gap(cursor)?;
        if self.text[month_at..].starts_with("of ") {
            month_at = self.gap(month_at + 2)?;
        }
        if !self.byte(month_at)?.is_ascii_uppercase() {
            return None;
        }
        let (word, word_end) = self.ascii_word(month_at);
        if !self.word_ends_at(word_end) {
            return None;
        }
        let (number, abbreviated) = match self.data.names.get(word) {
            Some(Name::Month {
                number,
                abbreviated,
            }) => (*number, *abbreviated),
            _ => self.month_in_capitals(word)?,
        };
        let month = self.month_name(month_at, number, abbreviated, word_end);
        date.span.end = month.span.end;
        date.month = Some(month);
        let end = date.span.end;
        let date = self.finish_with_year(date, end)?;
        // "10 MAY BE MISSING": day-first "MAY" in capitals needs its year.
        if word == "MAY" && date.year.is_none() {
            return None;
        }
        Some(date)
    }

    /// `the 90s`, `the 90's`: two digits need "the" to be a decade and not an age.
    fn two_digit_decade(&self, at: usize, value: u32, end: usize) -> Option<DateToken> {
        if end - at != 2 || value % 10 != 0 {
            return None;
        }
        let suffix_end = self.decade_suffix(end)?;
        let before = self.text[..at].strip_suffix(' ')?;
        let article = before.get(before.len().checked_sub(3)?..)?;
        if !article.eq_ignore_ascii_case("the")
            || before[..before.len() - 3]
                .chars()
                .next_back()
                .is_some_and(is_word_char)
        {
            return None;
        }
        let mut date = DateToken::new(at..suffix_end, DateForm::Decade);
        date.year_end = Some(value as i16);
        Some(date)
    }
}

/// `MARCH` → `March`.
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(String, DateForm)> {
        scan(text)
            .into_iter()
            .filter_map(|t| match t {
                Token::Date(d) => Some((text[d.span.clone()].to_string(), d.form)),
                Token::Time(_) => None,
            })
            .collect()
    }

    fn one_date(text: &str) -> DateToken {
        let tokens = scan(text);
        assert_eq!(tokens.len(), 1, "{text:?}: {tokens:?}");
        match tokens.into_iter().next() {
            Some(Token::Date(d)) => d,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    fn one_time(text: &str) -> (String, TimeToken) {
        let tokens = scan(text);
        assert_eq!(tokens.len(), 1, "{text:?}: {tokens:?}");
        match tokens.into_iter().next() {
            Some(Token::Time(t)) => (text[t.span.clone()].to_string(), t),
            other => panic!("{text:?}: {other:?}"),
        }
    }

    fn spans(text: &str) -> Vec<String> {
        scan(text)
            .iter()
            .map(|t| text[t.span()].to_string())
            .collect()
    }

    #[test]
    fn iso_dates() {
        let d = one_date("on 2023-02-10 it");
        assert_eq!(
            (d.year, d.month_number(), d.day),
            (Some(2023), Some(2), Some(10))
        );
        assert_eq!(d.form, DateForm::Iso);
        let d = one_date("2021-07-02 (Thursday) was");
        assert_eq!(d.span, 0..21);
        assert_eq!(d.weekday.map(|w| w.offset), Some(3));
        assert_eq!(dates("2023-13-10 and 2023-02-10-7 and 12023-02-10"), []);
    }

    #[test]
    fn month_day_forms() {
        for (text, month, day, year, period) in [
            ("Feb 10", 2, 10, None, Some(false)),
            ("Feb. 10", 2, 10, None, Some(true)),
            ("February 10", 2, 10, None, None),
            ("July 27, 2022", 7, 27, Some(2022), None),
            ("Sept. 3, 1987", 9, 3, Some(1987), Some(true)),
            ("Feb 10 2023", 2, 10, Some(2023), Some(false)),
        ] {
            let d = one_date(&format!("said on {text}, he"));
            assert_eq!(d.form, DateForm::MonthDay, "{text}");
            assert_eq!(d.month_number(), Some(month), "{text}");
            assert_eq!(d.day, Some(day), "{text}");
            assert_eq!(d.year, year, "{text}");
            let period_seen = match d.month.map(|m| m.form) {
                Some(MonthForm::Abbreviated { period }) => Some(period),
                _ => None,
            };
            assert_eq!(period_seen, period, "{text}");
            assert_eq!(spans(&format!("said on {text}, he")), [text]);
        }
        let d = one_date("Feb 10th");
        assert!(d.ordinal);
        assert_eq!(d.span, 0..8);
        assert!(one_date("July 27, 2022").year_comma);
    }

    #[test]
    fn day_month_forms() {
        for (text, month, day, year) in [
            ("10 February", 2, 10, None),
            ("10 Feb", 2, 10, None),
            ("27 July 2022", 7, 27, Some(2022)),
            ("3rd of March", 3, 3, None),
        ] {
            let d = one_date(&format!("on {text} the"));
            assert_eq!(d.form, DateForm::DayMonth, "{text}");
            assert_eq!(
                (d.month_number(), d.day, d.year),
                (Some(month), Some(day), year)
            );
            assert_eq!(spans(&format!("on {text} the")), [text]);
        }
    }

    #[test]
    fn weekdays_lead_or_follow() {
        let d = one_date("on Friday, Feb. 10, 2023, the");
        assert_eq!(d.weekday.as_ref().map(|w| w.offset), Some(4));
        assert_eq!(
            spans("on Friday, Feb. 10, 2023, the"),
            ["Friday, Feb. 10, 2023"]
        );
        assert_eq!(
            spans("Friday 10 February 2023"),
            ["Friday 10 February 2023"]
        );
        assert_eq!(spans("Thursday, 27 June 2017"), ["Thursday, 27 June 2017"]);
        // A weekday alone is not a date.
        assert_eq!(spans("on Friday, the"), Vec::<String>::new());
        assert_eq!(spans("Friday, February 2023"), ["February 2023"]);
    }

    #[test]
    fn a_run_of_weekdays_before_a_date_keeps_the_first() {
        let d = one_date("on Friday, Thursday, Feb 10, 2023 the");
        assert_eq!(d.weekday.as_ref().map(|w| w.offset), Some(4));
        assert_eq!(
            spans("on Friday, Thursday, Feb 10, 2023 the"),
            ["Friday, Thursday, Feb 10, 2023"]
        );
        // A day-first date belongs to the weekday just before it.
        assert_eq!(
            spans("Friday, Monday, Thursday 10 February"),
            ["Thursday 10 February"]
        );
        assert_eq!(spans("Friday, Monday, Thursday, the"), Vec::<String>::new());
    }

    #[test]
    fn thousands_of_weekdays_are_walked_without_recursion_and_once() {
        for (text, names) in [
            ("Thursday, ".repeat(100_000), 100_000),
            ("Thursday\n".repeat(100_000), 100_000),
            (format!("{}Feb 10", "Thu., ".repeat(100_000)), 100_000),
            (format!("{}10 Feb", "Sunday ".repeat(100_000)), 100_000),
        ] {
            let scanner = Scanner::new(&text);
            let tokens = scanner.run();
            assert!(tokens.len() <= 1, "{}", tokens.len());
            // Each name is walked from the run's first name, and once more
            // as the last name of the run.
            assert!(
                scanner.weekday_names_walked.get() <= names + 2,
                "{} walks for {names} names",
                scanner.weekday_names_walked.get()
            );
        }
        assert_eq!(
            spans(&format!("{}Feb 10", "Thu., ".repeat(1_000)))[0].len(),
            "Thu., ".len() * 1_000 + "Feb 10".len()
        );
    }

    #[test]
    fn month_year_numeric_ranges_decades() {
        let d = one_date("in February 2023 sales");
        assert_eq!(
            (d.form, d.month_number(), d.year),
            (DateForm::MonthYear, Some(2), Some(2023))
        );
        assert!(one_date("February, 2023").year_comma);
        for text in ["10/02/2023", "02/10/2023", "10.02.2023", "31/12/1999"] {
            let d = one_date(text);
            assert_eq!(d.form, DateForm::Numeric, "{text}");
            assert_eq!(d.span, 0..10);
        }
        let d = one_date("Feb 10-12");
        assert_eq!(d.day_end.map(|(last, _)| last), Some(12));
        assert_eq!(spans("from 10–12 March"), ["10–12 March"]);
        assert_eq!(
            dates("from 2000–2005 and 1986-87"),
            [
                ("2000–2005".to_string(), DateForm::YearRange),
                ("1986-87".to_string(), DateForm::YearRange)
            ]
        );
        assert_eq!(
            spans("the 1990s, the ’90s, the 90's and the '80s"),
            ["1990s", "’90s", "90's", "'80s"]
        );
    }

    #[test]
    fn times() {
        for (text, hour, minute, meridiem) in [
            ("10:44 am", 10, Some(44), Some(Meridiem::Am)),
            ("10:44 a.m.", 10, Some(44), Some(Meridiem::Am)),
            ("10.44am", 10, Some(44), Some(Meridiem::Am)),
            ("10:44", 10, Some(44), None),
            ("9 a.m.", 9, None, Some(Meridiem::Am)),
            ("12 p.m.", 12, None, Some(Meridiem::Pm)),
            ("3 PM", 3, None, Some(Meridiem::Pm)),
            ("23:15:07", 23, Some(15), None),
        ] {
            let (found, time) = one_time(&format!("at {text} on"));
            assert_eq!(found, text);
            assert_eq!((time.hour, time.minute), (hour, minute), "{text}");
            assert_eq!(time.meridiem.map(|m| m.0), meridiem, "{text}");
        }
        let (found, time) = one_time("at noon");
        assert_eq!((found.as_str(), time.word), ("noon", Some(TimeWord::Noon)));
        let (found, time) = one_time("by 12 midnight");
        assert_eq!(
            (found.as_str(), time.word),
            ("12 midnight", Some(TimeWord::Midnight))
        );
        let text = "at 10:44 am KST and 9 a.m. GMT";
        let zones: Vec<&str> = scan(text)
            .into_iter()
            .filter_map(|t| match t {
                Token::Time(t) => t.zone.map(|z| &text[z]),
                Token::Date(_) => None,
            })
            .collect();
        assert_eq!(zones, ["KST", "GMT"]);
        assert_eq!(
            spans("July 27, 2022, 10:44 am South Korea"),
            ["July 27, 2022", "10:44 am"]
        );
    }

    #[test]
    fn non_dates_stay_quiet() {
        for text in [
            "8 amino acids were found",
            "they may go in May or not",
            "Theresa May 10 Downing Street",
            "the score was 3-1 and 2-0",
            "2000 troops arrived",
            "sales in March 3 pct higher",
            "costs 1.5 and 10.44 dlrs",
            "John 3:16 says",
            "version 1.2.2023x",
            "$10 March",
            "2,000 February",
            "in their 90s, the 1995s",
            "the Feb. meeting and a Friday game",
            "Room 9 AMD",
            "13:75 and 25:30",
            "Mayday 10",
        ] {
            assert_eq!(spans(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn may_is_a_month_after_a_preposition_or_at_a_sentence_start() {
        assert_eq!(spans("In May 2019 the"), ["May 2019"]);
        assert_eq!(spans("It ended. May 10 was"), ["May 10"]);
        assert_eq!(spans("on May 10, 2019"), ["May 10, 2019"]);
        assert_eq!(spans("on Friday May 5 they"), ["Friday May 5"]);
        assert_eq!(spans("on Friday, May 5 they"), ["Friday, May 5"]);
    }

    #[test]
    fn months_in_capitals() {
        assert_eq!(spans("NEW YORK, MARCH 11 - Shares"), ["MARCH 11"]);
        assert_eq!(spans("SEOUL, FEB 10 (Yonhap)"), ["FEB 10"]);
        assert_eq!(spans("SEEKS BIDS BY MARCH 18\n"), ["MARCH 18"]);
        assert_eq!(spans("4TH QTR NOV 29 NET"), ["NOV 29"]);
        assert_eq!(spans("SHIPMENTS IN JAN/NOV 1986"), ["NOV 1986"]);
        assert_eq!(spans("MAY 10 VOTE SET"), ["MAY 10"]);
        assert_eq!(spans("VOTE SET FOR MAY 10"), ["MAY 10"]);
        assert_eq!(spans("IN MAY 1987 THE"), ["MAY 1987"]);
        let d = one_date("on MARCH 11, 2023 the");
        assert_eq!(
            (d.form, d.month_number(), d.day, d.year),
            (DateForm::MonthDay, Some(3), Some(11), Some(2023))
        );
        assert!(d.month.as_ref().is_some_and(|m| m.capitals));
        let d = one_date("on 11 MARCH 2023 the");
        assert_eq!(
            (d.form, d.month_number(), d.day, d.year),
            (DateForm::DayMonth, Some(3), Some(11), Some(2023))
        );
        let d = one_date("SEPT. 3, 1987");
        assert_eq!(
            d.month.map(|m| m.form),
            Some(MonthForm::Abbreviated { period: true })
        );
        assert!(!one_date("March 11").month.is_some_and(|m| m.capitals));
    }

    #[test]
    fn capitals_that_are_not_dates_stay_quiet() {
        for text in [
            "PROTESTERS MARCH ON CAPITAL",
            "PRICES MAY FALL",
            "PRICES MAY 10 PCT",
            "THERESA MAY 10 DOWNING",
            "TROOPS MARCH 3 DAYS",
            "STOCKS MARCH 3 PCT HIGHER",
            "TWO DEAD, 10 MAY BE MISSING",
            "MaRCH 11, 2023",
            "MArch 11",
            "11 MaRCH 2023",
            "FRIDAY 10 and SUN 10",
            "MAYDAY 10 and MARCHES 10 and DECK 10",
        ] {
            assert_eq!(spans(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn four_figure_times_need_a_zone() {
        for (text, found, hour, minute, zone) in [
            ("at 1400 GMT on", "1400", 14, 0, Some("GMT")),
            ("at 0930 ET the", "0930", 9, 30, Some("ET")),
            ("by 1130 hrs GMT Tuesday", "1130 hrs", 11, 30, Some("GMT")),
            ("at 2300 local time", "2300", 23, 0, None),
            ("from 0000 GMT", "0000", 0, 0, Some("GMT")),
        ] {
            let (written, time) = one_time(text);
            assert_eq!(written, found, "{text}");
            assert_eq!((time.hour, time.minute), (hour, Some(minute)), "{text}");
            assert!(time.four_figures(), "{text}");
            assert_eq!(time.zone.map(|z| &text[z]), zone, "{text}");
        }
        assert_eq!(spans("on March 15, 1400 GMT"), ["March 15", "1400 GMT"]);
        assert_eq!(spans("between 2000 and 2100 GMT"), ["2100 GMT"]);
        // An hour's span, not a century: no year range.
        assert_eq!(dates("1400-1500 GMT"), []);
        assert_eq!(dates("1400-1500 and 1986-87").len(), 2);
        assert!(!one_time("at 10:44 GMT").1.four_figures());
    }

    #[test]
    fn four_figures_without_a_zone_are_not_times() {
        for text in [
            "in 2000 the",
            "1400 troops arrived",
            "1530 hrs of overtime",
            "shipped 1500 MT of wheat",
            "SINCE 1950 WEST GERMANY",
            "2460 GMT and 1975 GMT",
            "$1400 GMT",
            "1,400 GMT",
            "14000 GMT",
            "1400 GMTX",
            "at 1400 locally",
        ] {
            assert_eq!(spans(text), Vec::<String>::new(), "{text}");
        }
        // A year before a zone-like word in capitals is still a year.
        assert_eq!(spans("May 1950 WEST"), ["May 1950"]);
    }

    #[test]
    fn ranges_across_months_are_two_dates_with_one_year() {
        let tokens = scan("from June 30-July 2, 2023 in");
        let years: Vec<(Option<i16>, Option<i16>)> = tokens
            .iter()
            .filter_map(|t| match t {
                Token::Date(d) => Some((d.year, d.range_year)),
                Token::Time(_) => None,
            })
            .collect();
        assert_eq!(years, [(None, Some(2023)), (Some(2023), None)]);
        assert_eq!(
            spans("from June 30-July 2, 2023 in"),
            ["June 30", "July 2, 2023"]
        );
        assert_eq!(
            spans("from 30 June–2 July 2023 in"),
            ["30 June", "2 July 2023"]
        );
        let calendar_years = |text: &str| -> Vec<Option<i16>> {
            scan(text)
                .into_iter()
                .filter_map(|t| match t {
                    Token::Date(d) => Some(d.calendar_year()),
                    Token::Time(_) => None,
                })
                .collect()
        };
        assert_eq!(
            calendar_years("30 June–2 July 2023"),
            [Some(2023), Some(2023)]
        );
        assert_eq!(
            calendar_years("Dec 30 - Jan 2, 2024"),
            [Some(2023), Some(2024)]
        );
        // Not one range: no year shared.
        assert_eq!(
            calendar_years("June 30 and July 2, 2023"),
            [None, Some(2023)]
        );
        assert_eq!(calendar_years("June 30-July 2"), [None, None]);
        assert_eq!(calendar_years("June 30-2 July 2023"), [None, Some(2023)]);
        assert_eq!(
            calendar_years("June 1, 2022-July 2, 2023"),
            [Some(2022), Some(2023)]
        );
    }

    #[test]
    fn hard_wrapped_dates_and_line_ends() {
        assert_eq!(spans("ending February\n28, profits"), ["February\n28"]);
        assert_eq!(spans("ending February\n\n28"), Vec::<String>::new());
        assert_eq!(spans("Feb 10"), ["Feb 10"]);
        assert_eq!(spans("10 Feb."), ["10 Feb."]);
    }

    #[test]
    fn many_dates_in_one_line_scan_linearly() {
        let line = "Feb 10, 2023, 10:44 am and 10 March 2024; ".repeat(20_000);
        let tokens = scan(&line);
        assert_eq!(tokens.len(), 60_000);
    }

    #[test]
    fn spans_are_ordered_and_on_char_boundaries_in_mixed_fragments() {
        let fragments = [
            "Feb", ". ", "10", ", ", "2023", "-", "–", "’", "'", "s", "am", " ", "\n", "é", "May",
            "Friday", "(", ")", "Thursday", "/", ".", ":", "noon", "12", "7", "th", "of", "March",
            "\u{a0}", "GMT", "1990", "2000", "the ", "p.m.", "9", "31",
        ];
        // A fixed linear congruential sequence: deterministic, no dependency.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(fragments[(state >> 33) as usize % fragments.len()]);
            }
            let mut last_end = 0;
            for token in scan(&text) {
                let span = token.span();
                assert!(span.start >= last_end, "{text:?}");
                assert!(span.start < span.end, "{text:?}");
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                last_end = span.end;
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics() {
        let samples = [
            "’",
            "’9",
            "’90",
            "1",
            "12",
            "12:",
            "12:3",
            "2023-",
            "2023-02-",
            "Feb",
            "Feb.",
            "Feb ",
            "Friday,",
            "Friday, ",
            "10 ",
            "10 of ",
            "10/",
            "10/02/",
            "9 a.",
            "9 p.m",
            "12 ",
            "é10 Février",
            "10\u{a0}February",
            "Feb\u{a0}10",
            "2000–",
            "1990’",
            "the 90",
        ];
        for sample in samples {
            let _ = scan(sample);
        }
    }
}
