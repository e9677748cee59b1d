//! Times in French, German, Spanish and Russian copy: `14 h 30`, `14h30`,
//! `14.30 Uhr`, `14 Uhr`, `14:30`, and the 12-hour forms some copy borrows
//! from English (`2 p.m.`, `2:30 pm`).

use super::super::{Meridiem, TimeToken};
use super::LocalScanner;

impl LocalScanner<'_> {
    pub(super) fn time(&self, at: usize) -> Option<TimeToken> {
        let (hour, end) = self.number(at, 2)?;
        if self.byte(end).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
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
        if let Some(separator @ (':' | '.')) = self.char_at(end) {
            if let Some((minute, minute_end)) = self.two_digits(end + 1) {
                time.minute = Some(minute);
                time.separator = Some(separator);
                cursor = minute_end;
                if separator == ':' && self.byte(cursor) == Some(b':') {
                    // Seconds belong to the time.
                    cursor = self.two_digits(cursor + 1)?.1;
                }
            }
        }
        if let Some((meridiem, meridiem_at, meridiem_end)) = self.meridiem_after(cursor) {
            if !(1..=12).contains(&hour) {
                return None;
            }
            time.meridiem = Some((meridiem, meridiem_at..meridiem_end));
            time.span.end = meridiem_end;
            return Some(time);
        }
        if hour > 23 {
            return None;
        }
        let word_at = self.gap(cursor).unwrap_or(cursor);
        // `h` may touch the figures on both sides (`14h30`); other words stand apart.
        let letter_h =
            self.language.clock.hour_words.iter().any(|w| w == "h") && self.is_letter_h(word_at);
        let hour_word_end = if letter_h {
            Some(word_at + 1)
        } else {
            self.one_of(word_at, &self.language.clock.hour_words)
                .filter(|_| word_at > cursor)
        };
        match (time.separator, hour_word_end) {
            // `14:30`, `14:30 Uhr`.
            (Some(':'), word_end) => cursor = word_end.unwrap_or(cursor),
            // `14.30 Uhr`: without its word `14.30` is a figure.
            (Some(_), Some(word_end)) => cursor = word_end,
            (Some(_), None) => return None,
            // `14 h 30`, `14h30`, `14 h`, `14 Uhr`.
            (None, Some(word_end)) => {
                cursor = word_end;
                if letter_h {
                    let minute_at = self.gap(word_end).unwrap_or(word_end);
                    if let Some((minute, minute_end)) = self.two_digits(minute_at) {
                        if self.word_ends_at(minute_end) {
                            time.minute = Some(minute);
                            time.separator = Some('h');
                            cursor = minute_end;
                        }
                    }
                }
            }
            (None, None) => return None,
        }
        if !self.word_ends_at(cursor) {
            return None;
        }
        time.span.end = cursor;
        Some(time)
    }

    fn is_letter_h(&self, at: usize) -> bool {
        matches!(self.byte(at), Some(b'h' | b'H'))
            && !self.char_at(at + 1).is_some_and(char::is_alphabetic)
    }

    /// Exactly two digits, a minute or second.
    fn two_digits(&self, at: usize) -> Option<(u8, usize)> {
        let (value, end) = self.number(at, 2)?;
        (end - at == 2 && value <= 59).then_some((value as u8, end))
    }

    /// `am`, `p.m.`, `p. m.` after a time, perhaps after a space.
    fn meridiem_after(&self, cursor: usize) -> Option<(Meridiem, usize, usize)> {
        let at = if self.byte(cursor) == Some(b' ') {
            cursor + 1
        } else {
            cursor
        };
        let meridiem = match self.byte(at)?.to_ascii_lowercase() {
            b'a' => Meridiem::Am,
            b'p' => Meridiem::Pm,
            _ => return None,
        };
        let mut m_at = at + 1;
        if self.byte(m_at) == Some(b'.') {
            m_at += 1;
            if self.byte(m_at) == Some(b' ') {
                m_at += 1;
            }
        }
        if !self.byte(m_at)?.eq_ignore_ascii_case(&b'm') {
            return None;
        }
        let mut end = m_at + 1;
        if m_at > at + 1 && self.byte(end) == Some(b'.') {
            end += 1;
        }
        self.word_ends_at(end).then_some((meridiem, at, end))
    }
}
