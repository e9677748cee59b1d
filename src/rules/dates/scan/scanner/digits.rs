//! Dates and times that open with digits: ISO dates, numeric dates, years
//! and decades, clock times; and times written as words.

use std::ops::Range;

use super::super::super::data::Name;
use super::super::{
    DateForm, DateToken, Meridiem, MonthForm, MonthName, TimeToken, TimeWord, Token,
};
use super::{is_word_char, Scanner};

impl Scanner<'_> {
    pub(super) fn starting_with_digits(&self, at: usize) -> Option<Token> {
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
    pub(super) fn short_decade(&self, at: usize) -> Option<DateToken> {
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
        self.trailing_weekday(&mut date);
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
    pub(super) fn four_figure_time(&self, at: usize, value: u32, end: usize) -> Option<TimeToken> {
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
    pub(super) fn time_word(&self, at: usize) -> Option<TimeToken> {
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
