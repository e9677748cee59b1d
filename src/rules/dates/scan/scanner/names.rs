//! Dates that open with a name: a weekday, a month, or a month in capitals.

use super::super::super::data::Name;
use super::super::{DateForm, DateToken, MonthForm, MonthName, Token, Weekday};
use super::{is_word_char, NameStart, Scanner};

impl Scanner<'_> {
    pub(super) fn starting_with_name(&self, at: usize) -> Option<DateToken> {
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
                        // `Monday 03/09/2015`: the weekday may tell the order.
                        Some(Token::Date(date))
                            if matches!(date.form, DateForm::DayMonth | DateForm::Numeric) =>
                        {
                            Some(date)
                        }
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
    pub(super) fn month_in_capitals(&self, word: &str) -> Option<(i8, bool)> {
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

    pub(super) fn month_name(
        &self,
        at: usize,
        number: i8,
        abbreviated: bool,
        end: usize,
    ) -> MonthName {
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
    pub(super) fn finish_with_year(&self, mut date: DateToken, at: usize) -> Option<DateToken> {
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
    pub(super) fn day(&self, at: usize) -> Option<(i8, usize)> {
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

    pub(super) fn ordinal(&self, at: usize) -> Option<usize> {
        let suffix = self.text.get(at..at + 2)?;
        (matches!(suffix, "st" | "nd" | "rd" | "th") && self.word_ends_at(at + 2)).then_some(at + 2)
    }

    /// `-12` or `–12` after the first day of a range.
    pub(super) fn day_range(&self, first: i8, at: usize) -> Option<(i8, usize)> {
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
    pub(super) fn trailing_weekday(&self, date: &mut DateToken) {
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
