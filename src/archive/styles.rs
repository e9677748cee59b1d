//! An article's styles, for `archive.style`: its quotation marks, date forms
//! and percentage forms, each counted in one pass over the prose with
//! byte searches (regular expressions that open with a digit cost more than
//! the whole per-file pass).

use memchr::{memchr3_iter, memchr_iter};

use super::observe::position;
use super::stats::StyleUse;
use crate::document::Document;

/// Month names and their abbreviations, as dates write them.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A style's count and first offset.
#[derive(Clone, Copy, Default)]
struct Tally {
    count: usize,
    first: Option<usize>,
}

impl Tally {
    fn add(&mut self, offset: usize) {
        self.count += 1;
        self.first.get_or_insert(offset);
    }
}

/// The evidence of an article's styles that opens a word, fed by the
/// record's one walk over the article's words ([`crate::terms::WordStarts`]):
/// month names for dates (English only) and percentages in words.
pub(super) struct StyleWords {
    /// Month-day and day-month dates, with the month each style's first
    /// date was found in.
    months: Option<([Tally; 2], [usize; 2])>,
    /// "per cent", "percent" and "pct" after a number: how many, and the
    /// first of each.
    percent_words: (usize, [Option<usize>; 3]),
}

pub(super) const PERCENT_WORDS: [&[u8]; 3] = [b"per cent", b"percent", b"pct"];

impl StyleWords {
    /// Looks for dates only when `dates` (the article is in English).
    pub(super) fn new(dates: bool) -> StyleWords {
        StyleWords {
            months: dates.then_some(([Tally::default(); 2], [usize::MAX; 2])),
            percent_words: (0, [None; 3]),
        }
    }

    /// A word opens at `start` (no ASCII letter before it).
    #[inline]
    pub(super) fn word(&mut self, bytes: &[u8], start: usize, capital: bool) {
        if capital {
            // A month's first two letters, before the call: most capitals
            // open no month.
            let second = bytes.get(start + 1).copied();
            let month_opening = matches!(
                (bytes[start], second),
                (b'J', Some(b'a' | b'u'))
                    | (b'F' | b'S' | b'D', Some(b'e'))
                    | (b'M', Some(b'a'))
                    | (b'A', Some(b'p' | b'u'))
                    | (b'O', Some(b'c'))
                    | (b'N', Some(b'o'))
            );
            if let (true, Some((found, earliest_month))) = (month_opening, &mut self.months) {
                month_date(bytes, start, found, earliest_month);
            }
        } else if bytes[start] == b'p' && start > 0 && bytes[start - 1] == b' ' {
            self.percent_word(bytes, start);
        }
    }

    fn percent_word(&mut self, bytes: &[u8], start: usize) {
        let rest = &bytes[start..];
        let Some(word) = PERCENT_WORDS.iter().position(|w| rest.starts_with(w)) else {
            return;
        };
        let end = start + PERCENT_WORDS[word].len();
        if after_number(bytes, start) && !bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
            let (count, first) = &mut self.percent_words;
            *count += 1;
            first[word].get_or_insert(start);
        }
    }

    /// The styles of `doc`, whose words this has seen, one per dimension
    /// it gives evidence of, written over `into`'s (whose strings are
    /// reused: see [`super::observe::give_back`]).
    pub(super) fn styles(self, doc: &Document, lines: bool, into: &mut Vec<StyleUse>) {
        let bytes = doc.prose.as_bytes();
        let mut styles = Styles {
            place: (doc, lines),
            list: into,
            kept: 0,
        };
        let quotes = quotes_in(bytes);
        let names = ["straight", "curly", "guillemets"];
        styles.dominant("quotes", &names, &quotes, 2);
        if let Some(([month_day, day_month], _)) = self.months {
            let dates = [month_day, day_month, iso_dates_in(bytes)];
            let names = ["month-day", "day-month", "ISO"];
            styles.dominant("dates", &names, &dates, 2);
        }
        let (count, first) = self.percent_words;
        // As when each word was searched in turn: "per cent" before "percent".
        let in_words = Tally {
            count,
            first: first.into_iter().flatten().next(),
        };
        let percent = [percent_signs_in(bytes), in_words];
        let names = ["percent sign", "percent in words"];
        styles.dominant("numbers", &names, &percent, 1);
        let kept = styles.kept;
        into.truncate(kept);
    }
}

/// An article's styles as they are found, written over a list's.
struct Styles<'a> {
    place: (&'a Document, bool),
    list: &'a mut Vec<StyleUse>,
    /// How many of `list`'s are this article's.
    kept: usize,
}

impl Styles<'_> {
    /// Adds the style of `dimension` that most of `tallies` (one per style
    /// of `names`) are in, unless there are fewer than `minimum` or two
    /// styles tie.
    fn dominant(&mut self, dimension: &str, names: &[&str], tallies: &[Tally], minimum: usize) {
        let total: usize = tallies.iter().map(|t| t.count).sum();
        let Some((best, tally)) = tallies.iter().enumerate().max_by_key(|(_, t)| t.count) else {
            return;
        };
        let tied = tallies.iter().filter(|t| t.count == tally.count).count() > 1;
        let Some(style) = names.get(best).filter(|_| total >= minimum && !tied) else {
            return;
        };
        let (doc, lines) = self.place;
        let first = position(doc, tally.first.unwrap_or(0), lines);
        let (count, others) = (tally.count, total - tally.count);
        let names = (dimension, *style);
        StyleUse::put(self.list, self.kept, names, count, others, first);
        self.kept += 1;
    }
}

/// Straight quotation marks, curly double ones (“ ” „) and guillemets
/// (« »), found by their first byte: the curly marks are `E2 80 9C..9E`,
/// the guillemets `C2 AB` and `C2 BB`, and in UTF-8 a lead byte is never
/// anything else.
fn quotes_in(bytes: &[u8]) -> [Tally; 3] {
    let mut quotes = [Tally::default(); 3];
    for offset in memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
        let next = |n: usize| bytes.get(offset + n).copied();
        let which = match bytes[offset] {
            b'"' => 0,
            0xE2 if next(1) == Some(0x80) && matches!(next(2), Some(0x9C..=0x9E)) => 1,
            0xC2 if matches!(next(1), Some(0xAB | 0xBB)) => 2,
            _ => continue,
        };
        quotes[which].add(offset);
    }
    quotes
}

/// A month-day ("Feb 26", "February 26th") or day-month ("26 February")
/// date whose month opens at the capital at `start`. A style's first date
/// is its earliest month's first (January's before March's), as when each
/// month was searched in turn.
fn month_date(bytes: &[u8], start: usize, found: &mut [Tally; 2], earliest_month: &mut [usize; 2]) {
    if start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
        return;
    }
    let months: &[usize] = match bytes[start] {
        b'J' => &[0, 5, 6],
        b'F' => &[1],
        b'M' => &[2, 4],
        b'A' => &[3, 7],
        b'S' => &[8],
        b'O' => &[9],
        b'N' => &[10],
        b'D' => &[11],
        _ => return,
    };
    let rest = &bytes[start..];
    let Some(month) = months
        .iter()
        .copied()
        .find(|&month| rest.starts_with(&MONTHS[month].as_bytes()[..3]))
    else {
        return;
    };
    // The full name and its three-letter abbreviation ("Sept" too).
    let full = MONTHS[month];
    let short = &full[..3];
    let len = [full, "Sept", short]
        .iter()
        .find(|form| rest.starts_with(form.as_bytes()))
        .map_or(3, |form| form.len());
    let end = start + len;
    if bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
        return;
    }
    let style = if day_follows(&bytes[end..]) {
        0
    } else if day_precedes(&bytes[..start]) {
        1
    } else {
        return;
    };
    found[style].count += 1;
    if month < earliest_month[style] {
        earliest_month[style] = month;
        found[style].first = Some(start);
    }
}

/// "2019-02-26".
fn iso_dates_in(bytes: &[u8]) -> Tally {
    let mut found = Tally::default();
    for dash in memchr_iter(b'-', bytes) {
        if iso_date_at(bytes, dash) {
            found.add(dash - 4);
        }
    }
    found
}

/// "Feb 26" (and "February 26th"), "26 February", "2019-02-26": the
/// record's walk, for one text.
#[cfg(test)]
fn dates_in(prose: &str) -> [Tally; 3] {
    let bytes = prose.as_bytes();
    let mut words = StyleWords::new(true);
    super::observe::each_word(prose, |at, capital| words.word(bytes, at, capital));
    let ([month_day, day_month], _) = words.months.unwrap_or_default();
    [month_day, day_month, iso_dates_in(bytes)]
}

/// `.? D` or `.? DD`, then no further digit: "Feb. 26", "March 3rd".
fn day_follows(after: &[u8]) -> bool {
    let after = after.strip_prefix(b".").unwrap_or(after);
    let Some(after) = after.strip_prefix(b" ") else {
        return false;
    };
    let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=2).contains(&digits) && !after.get(digits).is_some_and(u8::is_ascii_digit)
}

/// `D ` or `DD ` (or `3rd `) before the month, not part of a longer number.
fn day_precedes(before: &[u8]) -> bool {
    let Some(before) = before.strip_suffix(b" ") else {
        return false;
    };
    let before = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| before.strip_suffix(suffix.as_bytes()))
        .unwrap_or(before);
    let digits = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let head = &before[..before.len() - digits];
    (1..=2).contains(&digits) && !head.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// `YYYY-MM-DD` with its first dash at `dash`, a year from 1800 to 2099.
fn iso_date_at(bytes: &[u8], dash: usize) -> bool {
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    dash >= 4
        && digits(dash - 4..dash)
        && matches!(&bytes[dash - 4..dash - 2], b"18" | b"19" | b"20")
        && !(dash > 4 && bytes[dash - 5].is_ascii_alphanumeric())
        && digits(dash + 1..dash + 3)
        && bytes.get(dash + 3) == Some(&b'-')
        && digits(dash + 4..dash + 6)
        && !bytes.get(dash + 6).is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether a number ends at `at`, or a space after one.
fn after_number(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[..at];
    let before = before.strip_suffix(b" ").unwrap_or(before);
    before.last().is_some_and(u8::is_ascii_digit)
}

/// "5%" and "5 %".
fn percent_signs_in(bytes: &[u8]) -> Tally {
    let mut found = Tally::default();
    for sign in memchr_iter(b'%', bytes) {
        if after_number(bytes, sign) {
            found.add(sign);
        }
    }
    found
}

/// "5%" and "5 %" against "5 per cent", "5 percent" and "5 pct": the
/// record's walk, for one text.
#[cfg(test)]
fn percentages_in(prose: &str) -> [Tally; 2] {
    let bytes = prose.as_bytes();
    let mut words = StyleWords::new(false);
    super::observe::each_word(prose, |at, capital| words.word(bytes, at, capital));
    let (count, first) = words.percent_words;
    let in_words = Tally {
        count,
        first: first.into_iter().flatten().next(),
    };
    [percent_signs_in(bytes), in_words]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_each_form_are_told_apart() {
        let found =
            dates_in("On Feb. 26 and March 3rd, not 26 February or 2019-02-26 (Mayor May).");
        let counts: Vec<usize> = found.iter().map(|t| t.count).collect();
        assert_eq!(counts, [2, 1, 1]);
        let nothing = dates_in("September 11 attacks; 1987-02-260; version 12 Marks");
        assert_eq!(
            nothing.iter().map(|t| t.count).collect::<Vec<_>>(),
            [1, 0, 0]
        );
    }

    #[test]
    fn the_first_date_of_a_style_is_in_the_earliest_month() {
        // As when each month was searched in turn: January's before March's.
        let text = "On 3 March and 1 January, then Feb 26 and Jan 2.";
        let found = dates_in(text);
        assert_eq!((found[1].count, found[1].first), (2, text.find("January")));
        assert_eq!((found[0].count, found[0].first), (2, text.find("Jan 2")));
    }

    #[test]
    fn quotation_marks_are_told_apart_by_their_bytes() {
        let text = "\"a\" \u{201c}b\u{201d} \u{201e}c\u{201c} \u{ab}d\u{bb} \u{2018}e\u{2019} \u{2014} \u{e9}\u{a0}";
        let found = quotes_in(text.as_bytes());
        let counts: Vec<(usize, Option<usize>)> =
            found.iter().map(|t| (t.count, t.first)).collect();
        let at = |mark: char| text.find(mark);
        assert_eq!(
            counts,
            [(2, Some(0)), (4, at('\u{201c}')), (2, at('\u{ab}'))]
        );
    }

    #[test]
    fn percentages_need_a_number() {
        let found = percentages_in(
            "up 5% or 6 % and 7 per cent, 8 pct, but 100 percentile and the percent",
        );
        let counts: Vec<usize> = found.iter().map(|t| t.count).collect();
        assert_eq!(counts, [2, 2]);
    }
}
