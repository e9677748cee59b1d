//! The scanner for copy in French, German, Spanish and Russian: dates are
//! day first ("10 février 2023", "10. Februar 2023", "10 de febrero de 2023",
//! "10 февраля 2023 года", "10.02.2023"), perhaps after a weekday, and times
//! are on the 24-hour clock ("14 h 30", "14.30 Uhr", "14:30").
//!
//! One pass, like the English scanner: it stops only where a word opens with
//! a digit or a letter, looks the word up once, and parses forward from there.
//! Every date and time holds figures, so the pass only walks the
//! neighbourhoods of digits and jumps over the long stretches of prose
//! between them.

#[cfg(test)]
mod tests;
mod times;

use std::ops::Range;

use super::super::data::Name;
use super::super::languages::Language;
use super::{DateForm, DateToken, MonthForm, MonthName, Token, Weekday};

/// How far after a month or weekday name the figures of its date begin at
/// most, in bytes: `, den 13`, ` de 2023`, «, 10» in Cyrillic.
const FIGURES_WITHIN: usize = 12;

/// The longest month or weekday name looked up, in bytes.
const NAME_BYTES: usize = 24;

/// How far before its first digit a date or time can start: a name of
/// [`NAME_BYTES`] whose figures begin [`FIGURES_WITHIN`] after it.
const REACH_BEFORE_DIGITS: usize = FIGURES_WITHIN + NAME_BYTES;

pub struct LocalScanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    language: &'static Language,
    /// How many positions the pass has examined, to test that it jumps.
    #[cfg(test)]
    positions_walked: std::cell::Cell<usize>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A month or weekday name read at some place.
struct NameAt {
    name: Name,
    /// The word, without a final period.
    word: Range<usize>,
    /// After the word and the period of an abbreviation.
    end: usize,
}

impl<'t> LocalScanner<'t> {
    pub fn new(text: &'t str, language: &'static Language) -> Self {
        LocalScanner {
            text,
            bytes: text.as_bytes(),
            language,
            #[cfg(test)]
            positions_walked: std::cell::Cell::new(0),
        }
    }

    pub fn run(&self) -> Vec<Token> {
        self.walk(true)
    }

    /// The pass; `jump` lets it leap over text too far from any digit to
    /// hold the start of a date, which changes nothing it finds (the tests
    /// compare both ways).
    fn walk(&self, jump: bool) -> Vec<Token> {
        let mut tokens = Vec::new();
        let bytes = self.bytes;
        let mut i = 0;
        // Whether the character before `i` continues a word.
        let mut after_word = false;
        let mut next_digit = next_ascii_digit(bytes, 0);
        while i < bytes.len() {
            if jump {
                if next_digit < i {
                    next_digit = next_ascii_digit(bytes, i);
                }
                if next_digit > i + REACH_BEFORE_DIGITS {
                    if next_digit == bytes.len() {
                        break;
                    }
                    // The first character boundary there: no date starts
                    // before it, and the character at it is read whole.
                    i = next_digit - REACH_BEFORE_DIGITS;
                    while !self.text.is_char_boundary(i) {
                        i += 1;
                    }
                    after_word = self.prev_char(i).is_some_and(is_word_char);
                    continue;
                }
            }
            #[cfg(test)]
            self.positions_walked.set(self.positions_walked.get() + 1);
            let b = bytes[i];
            // ASCII is classified by its byte; only other characters are decoded.
            let (c, width) = if b < 0x80 {
                (char::from(b), 1)
            } else {
                match self.char_at(i) {
                    Some(c) => (c, c.len_utf8()),
                    None => break,
                }
            };
            if !after_word && c.is_ascii_digit() {
                if let Some(token) = self.token_at(i, c) {
                    let end = token.span().end.max(i + 1);
                    tokens.push(token);
                    after_word = self.prev_char(end).is_some_and(is_word_char);
                    i = end;
                    continue;
                }
            } else if !after_word && c.is_alphabetic() {
                // A name opens a date only when figures follow closely
                // (`février 2023`, `Freitag, den 13.`): most words are
                // passed over without a look-up.
                let end = self.letters_end(i);
                let near = &bytes[end..bytes.len().min(end + FIGURES_WITHIN)];
                if near.iter().any(u8::is_ascii_digit) {
                    if let Some(token) = self.token_at(i, c) {
                        let end = token.span().end.max(i + width);
                        tokens.push(token);
                        after_word = self.prev_char(end).is_some_and(is_word_char);
                        i = end;
                        continue;
                    }
                }
                after_word = true;
                i = end;
                continue;
            }
            after_word = is_word_char(c);
            i += width;
        }
        tokens
    }

    /// Where the run of letters at `at` ends.
    fn letters_end(&self, at: usize) -> usize {
        let mut end = at;
        while let Some(&b) = self.bytes.get(end) {
            if b.is_ascii_alphabetic() {
                end += 1;
            } else if b >= 0x80 {
                match self.char_at(end) {
                    Some(c) if c.is_alphabetic() => end += c.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        end
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    fn prev_char(&self, at: usize) -> Option<char> {
        self.text.get(..at).and_then(|s| s.chars().next_back())
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn word_ends_at(&self, at: usize) -> bool {
        !self.char_at(at).is_some_and(is_word_char)
    }

    fn token_at(&self, at: usize, first: char) -> Option<Token> {
        if first.is_ascii_digit() {
            if self.part_of_a_figure(at) {
                return None;
            }
            if let Some(date) = self.starting_with_digits(at, false) {
                return Some(Token::Date(date));
            }
            return self.time(at).map(Token::Time);
        }
        let name = self.name_at(at)?;
        match name.name {
            Name::Weekday {
                offset,
                abbreviated,
            } => self
                .after_weekday(at, offset, abbreviated, name.end)
                .map(Token::Date),
            Name::Month {
                number,
                abbreviated,
            } => {
                if abbreviated {
                    return None;
                }
                self.month_year(number, name).map(Token::Date)
            }
        }
    }

    /// `1.5`, `$10`, `2,000`: digits that continue a figure start no date.
    fn part_of_a_figure(&self, at: usize) -> bool {
        match self.prev_char(at) {
            Some('$' | '£' | '€' | '¥' | '#' | '+' | '№') => true,
            Some(c @ ('.' | ',' | '/' | ':' | '-' | '–')) => self
                .prev_char(at - c.len_utf8())
                .is_some_and(|p| p.is_ascii_digit()),
            _ => false,
        }
    }

    /// The word at `at` when it names a month or a weekday.
    fn name_at(&self, at: usize) -> Option<NameAt> {
        let rest = self.text.get(at..)?;
        let len = rest
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(rest.len(), |(i, _)| i);
        let word = &rest[..len];
        // Names are 2 to 12 letters; longer words are looked up in no table.
        if !(2..=NAME_BYTES).contains(&word.len()) || word.chars().count() > 12 {
            return None;
        }
        // "Mai-Besucher" is a compound, not a month.
        if !self.word_ends_at(at + len)
            || (self.byte(at + len) == Some(b'-')
                && self.char_at(at + len + 1).is_some_and(char::is_alphabetic))
        {
            return None;
        }
        let name = self.language.name_of(word)?;
        let abbreviated = matches!(
            name,
            Name::Month {
                abbreviated: true,
                ..
            } | Name::Weekday {
                abbreviated: true,
                ..
            }
        );
        let end = if abbreviated && self.byte(at + len) == Some(b'.') {
            at + len + 1
        } else {
            at + len
        };
        Some(NameAt {
            name,
            word: at..at + len,
            end,
        })
    }

    /// Spaces (no-break ones too, and at most one line break) between the parts of a date.
    fn gap(&self, at: usize) -> Option<usize> {
        let mut end = at;
        let mut breaks = 0;
        while let Some(c) = self.char_at(end) {
            match c {
                ' ' | '\t' | '\u{a0}' | '\u{202f}' => end += c.len_utf8(),
                '\n' if breaks == 0 => {
                    breaks += 1;
                    end += 1;
                }
                _ => break,
            }
        }
        (end > at).then_some(end)
    }

    /// One of `words` at `at`, in any case, standing alone: its end.
    fn one_of(&self, at: usize, words: &[String]) -> Option<usize> {
        let rest = self.text.get(at..)?;
        words.iter().find_map(|word| {
            let candidate = rest.get(..word.len())?;
            (candidate.eq_ignore_ascii_case(word) || candidate.to_lowercase() == *word)
                .then_some(at + word.len())
                .filter(|&end| word.ends_with('.') || self.word_ends_at(end))
        })
    }

    /// A run of at most `max` ASCII digits at `at`: its value and end.
    fn number(&self, at: usize, max: usize) -> Option<(u32, usize)> {
        let mut end = at;
        let mut value: u32 = 0;
        while self.byte(end).is_some_and(|b| b.is_ascii_digit()) {
            if end - at == max {
                return None;
            }
            value = value * 10 + u32::from(self.bytes[end] - b'0');
            end += 1;
        }
        (end > at).then_some((value, end))
    }

    fn day(&self, at: usize) -> Option<(i8, usize)> {
        let (value, end) = self.number(at, 2)?;
        (1..=31).contains(&value).then_some((value as i8, end))
    }

    /// A four-figure year, and after it a word such as «года».
    fn year(&self, at: usize) -> Option<(i16, Range<usize>, usize)> {
        let (value, end) = self.number(at, 4)?;
        if end - at != 4 || !(1000..=2999).contains(&value) || !self.word_ends_at(end) {
            return None;
        }
        if matches!(self.byte(end), Some(b',' | b'.' | b':' | b'/'))
            && self.byte(end + 1).is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        let after = self
            .gap(end)
            .and_then(|gap| self.one_of(gap, &self.language.year_suffixes))
            .or_else(|| self.one_of(end, &self.language.year_suffixes))
            .unwrap_or(end);
        Some((value as i16, at..end, after))
    }

    /// A date that opens with digits: ISO, numeric (`10.02.2023`, and
    /// `05.03.19` after a weekday), or day first (`10 février 2023`).
    fn starting_with_digits(&self, at: usize, after_weekday: bool) -> Option<DateToken> {
        let (value, end) = self.number(at, 4)?;
        if self.byte(end).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        match end - at {
            4 => self.iso(at, value, end),
            1 | 2 => self
                .numeric(at, value, end, after_weekday)
                .or_else(|| self.day_first(at)),
            _ => None,
        }
    }

    fn iso(&self, at: usize, year: u32, end: usize) -> Option<DateToken> {
        if self.byte(end) != Some(b'-') || !(1000..=2999).contains(&year) {
            return None;
        }
        let (month, month_end) = self.number(end + 1, 2)?;
        if month_end - end != 3 || self.byte(month_end) != Some(b'-') {
            return None;
        }
        let (day, day_end) = self.number(month_end + 1, 2)?;
        if day_end - month_end != 3
            || !(1..=12).contains(&month)
            || !(1..=31).contains(&day)
            || !self.word_ends_at(day_end)
            || (self.byte(day_end) == Some(b'-')
                && self.byte(day_end + 1).is_some_and(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let mut date = DateToken::new(at..day_end, DateForm::Iso);
        date.year = Some(year as i16);
        date.year_span = Some(at..end);
        date.month = Some(numeric_month(month, end + 1..month_end));
        date.day = Some(day as i8);
        date.day_span = Some(month_end + 1..day_end);
        self.trailing_weekday(&mut date);
        Some(date)
    }

    /// `10/02/2023`, `10.02.2023`: day, month, year. Two-figure years only
    /// after a weekday (`Dienstag, 05.03.19`), where nothing else is meant.
    fn numeric(&self, at: usize, day: u32, end: usize, after_weekday: bool) -> Option<DateToken> {
        let separator = self.char_at(end)?;
        if !self.language.numeric_separators.contains(&separator) {
            return None;
        }
        let width = separator.len_utf8();
        let (month, month_end) = self.number(end + width, 2)?;
        if self.char_at(month_end) != Some(separator) {
            return None;
        }
        let year_at = month_end + width;
        let (year, year_end) = self.number(year_at, 4)?;
        let year = match year_end - year_at {
            4 if (1000..=2999).contains(&year) => year,
            2 if after_weekday => 2000 + year - if year > 69 { 100 } else { 0 },
            _ => return None,
        };
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) || !self.word_ends_at(year_end) {
            return None;
        }
        if self.char_at(year_end) == Some(separator)
            && self
                .byte(year_end + width)
                .is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut date = DateToken::new(at..year_end, DateForm::Numeric);
        date.year = Some(year as i16);
        date.year_span = Some(year_at..year_end);
        date.month = Some(numeric_month(month, end + width..month_end));
        date.day = Some(day as i8);
        date.day_span = Some(at..end);
        self.trailing_weekday(&mut date);
        Some(date)
    }

    /// `10 février 2023`, `1er mars`, `10. Feb. 2023`, `10 de febrero de
    /// 2023`, `10-12 февраля`.
    fn day_first(&self, at: usize) -> Option<DateToken> {
        let (day, mut cursor) = self.day(at)?;
        if let Some(suffix_end) = self.day_suffix(cursor) {
            cursor = suffix_end;
        }
        let day_span = at..cursor;
        let mut day_end = None;
        if let Some(dash) = self.char_at(cursor).filter(|c| matches!(c, '-' | '–')) {
            let last_at = cursor + dash.len_utf8();
            if let Some((last, mut last_end)) = self.day(last_at) {
                if let Some(suffix_end) = self.day_suffix(last_end) {
                    last_end = suffix_end;
                }
                if last > day {
                    day_end = Some((last, cursor..last_end));
                    cursor = last_end;
                }
            }
        }
        if !self.word_ends_at(cursor) && self.prev_char(cursor).is_none_or(|c| c != '.') {
            return None;
        }
        let mut month_at = self.gap(cursor)?;
        if let Some(connector_end) = self.one_of(month_at, &self.language.month_connectors) {
            month_at = self.gap(connector_end)?;
        }
        let name = self.name_at(month_at)?;
        let Name::Month {
            number,
            abbreviated,
        } = name.name
        else {
            return None;
        };
        let month = self.month_name(&name, number, abbreviated);
        let mut date = DateToken::new(at..name.end, DateForm::DayMonth);
        date.day = Some(day);
        date.day_span = Some(day_span);
        date.day_end = day_end;
        date.month = Some(month);
        self.finish_with_year(&mut date, name.end);
        self.trailing_weekday(&mut date);
        Some(date)
    }

    fn day_suffix(&self, at: usize) -> Option<usize> {
        let rest = self.text.get(at..)?;
        self.language.day_suffixes.iter().find_map(|suffix| {
            let end = at + suffix.len();
            // `10.` is German's day only when a month follows, which the
            // caller checks; `1er` must end its word.
            (rest.starts_with(suffix.as_str()) && (suffix == "." || self.word_ends_at(end)))
                .then_some(end)
        })
    }

    fn month_name(&self, name: &NameAt, number: i8, abbreviated: bool) -> MonthName {
        let word = &self.text[name.word.clone()];
        MonthName {
            number,
            form: if abbreviated {
                MonthForm::Abbreviated {
                    period: name.end > name.word.end,
                }
            } else {
                MonthForm::Full
            },
            span: name.word.start..name.end,
            capitals: word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase()),
        }
    }

    /// A year after the month (`2023`, `de 2023`, `2023 года`), when there is one.
    fn finish_with_year(&self, date: &mut DateToken, at: usize) {
        let mut year_at = at;
        let mut comma = false;
        if self.byte(year_at) == Some(b',') {
            comma = true;
            year_at += 1;
        }
        let Some(mut gap) = self.gap(year_at) else {
            return;
        };
        if let Some(connector_end) = self.one_of(gap, &self.language.year_connectors) {
            match self.gap(connector_end) {
                Some(after) => gap = after,
                None => return,
            }
        }
        if let Some((year, span, end)) = self.year(gap) {
            date.year = Some(year);
            date.year_span = Some(span);
            date.year_comma = comma;
            date.span.end = end;
        }
    }

    /// `février 2023`, `febrero de 2023`, «в феврале 2023 года».
    fn month_year(&self, number: i8, name: NameAt) -> Option<DateToken> {
        let month = self.month_name(&name, number, false);
        let mut date = DateToken::new(name.word.start..name.end, DateForm::MonthYear);
        self.finish_with_year(&mut date, name.end);
        date.year?;
        date.month = Some(month);
        Some(date)
    }

    /// `vendredi 10 février 2023`, `Freitag, 10. Februar`, «в пятницу, 10
    /// февраля», `Dienstag, 05.03.19`.
    fn after_weekday(
        &self,
        at: usize,
        offset: i8,
        abbreviated: bool,
        end: usize,
    ) -> Option<DateToken> {
        let mut next = end;
        if self.byte(next) == Some(b',') {
            next += 1;
        }
        let mut next = self.gap(next)?;
        if let Some(connector_end) = self.one_of(next, &self.language.weekday_connectors) {
            next = self.gap(connector_end)?;
        }
        if !self.byte(next)?.is_ascii_digit() {
            return None;
        }
        let mut date = self.starting_with_digits(next, true)?;
        if date.form == DateForm::Iso {
            return None;
        }
        date.weekday = Some(Weekday {
            offset,
            abbreviated,
            span: at..end,
        });
        date.span.start = at;
        Some(date)
    }

    /// `(mer.)`, `(Mi.)` after a date.
    fn trailing_weekday(&self, date: &mut DateToken) {
        if date.weekday.is_some() {
            return;
        }
        let at = date.span.end;
        let Some(open) = self.gap(at).filter(|&g| g == at + 1) else {
            return;
        };
        if self.byte(open) != Some(b'(') {
            return;
        }
        let Some(name) = self.name_at(open + 1) else {
            return;
        };
        let Name::Weekday {
            offset,
            abbreviated,
        } = name.name
        else {
            return;
        };
        if self.byte(name.end) != Some(b')') {
            return;
        }
        date.weekday = Some(Weekday {
            offset,
            abbreviated,
            span: open + 1..name.end,
        });
        date.span.end = name.end + 1;
    }
}

/// The position of the first ASCII digit at or after `from`, or the
/// text's length. Eight bytes are tested at a time: prose has long runs
/// without figures.
fn next_ascii_digit(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const ZEROS: u64 = u64::from_ne_bytes([b'0'; 8]);
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // A digit is a byte below 10 once '0' is xor-ed away; the test may
        // flag a chunk without one, never miss one.
        let shifted = u64::from_ne_bytes(word) ^ ZEROS;
        if shifted.wrapping_sub(ONES * 10) & !shifted & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
        .map_or(bytes.len(), |offset| at + offset)
}

fn numeric_month(number: u32, span: Range<usize>) -> MonthName {
    MonthName {
        number: number as i8,
        form: MonthForm::Numeric,
        span,
        capitals: false,
    }
}
