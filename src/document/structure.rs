//! Sentences and the dateline, computed once per document.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// The wire-style opening of a story: `SEOUL, Feb 10 – RIA Novosti.`,
/// `SEOUL, South Korea (AP) —`, `NEW YORK, March 26 (Reuters) -`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, up to and including its dash (and a trailing agency name).
    pub span: Range<usize>,
    /// The city the story is filed from (`SEOUL`).
    pub city: Range<usize>,
    /// A state, region or country named after the city.
    pub region: Option<Range<usize>>,
    /// A date written in the dateline, such as `Feb 10`.
    pub date: Option<Range<usize>>,
    /// The news agency, in brackets before the dash (`AP`) or after it
    /// (`RIA Novosti`).
    pub agency: Option<Range<usize>>,
}

/// The dateline grammar, written over character classes rather than
/// characters (see [`classify`]). The same grammar over Unicode classes took
/// 7 ms to compile, a quarter of a one-article run, because counted
/// repetition copies each class's automaton; over one byte per class it
/// compiles in well under a millisecond. The date's word may be in capitals
/// (`NEW YORK, MARCH 11 -`); the grammar cannot tell a month from any other
/// capitalised word, so [`find_dateline`] checks it against the month names.
fn dateline_pattern() -> &'static regex::bytes::Regex {
    static PATTERN: OnceLock<regex::bytes::Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex::bytes::Regex::new(
            r"(?x-u)
            ^(?:(?P<city>A[Am.'`-]*(?:\x20[Am.'`-]+){0,3})
               |(?P<city_titled>A[am]+(?:[\x20-]A[am]+){0,2}))
            (?:,\x20+(?P<region>A[Aao.'`-]*(?:\x20A[Aao.'`-]*){0,3}))?
            (?:,\x20+(?P<date>(?:Aa{2,8}|A{3,9})\.?\x20+0{1,2}
               |0{1,2}(?:\.|a{1,2})?\x20+(?:a{1,3}\x20+)?(?:Aa{1,10}|a{2,11}|A{3,11})\.?
                (?:\x20+(?:a{1,3}\x20+)?0{4})?))?
            \x20*(?:\((?P<agency>[^()\n]{1,40})\)\.?\x20*)?
            (?:--|[-~^])
            (?:\x20+(?P<agency_after>A[Aao]+(?:\x20A[Aao]+){0,2})\.(?:\x20|$))?",
        )
        .expect("the dateline pattern is valid")
    })
}

/// A dateline is short; the grammar never looks further than this.
const DATELINE_REACH: usize = 512;

/// One ASCII byte per character, naming its class for [`dateline_pattern`]:
/// `A` an upper-case letter, `a` a lower-case one, `o` any other letter, `m` a
/// combining mark, `0` a digit, `` ` `` a right single quotation mark, `~` an
/// en dash, `^` an em dash; the punctuation the grammar names stands for
/// itself and everything else becomes `#`.
fn classify(c: char) -> u8 {
    match c {
        ' ' | '.' | '\'' | '-' | ',' | '(' | ')' | '\n' => c as u8,
        '’' => b'`',
        '–' => b'~',
        '—' => b'^',
        '0'..='9' => b'0',
        _ if c.is_uppercase() => b'A',
        _ if c.is_lowercase() => b'a',
        _ if is_combining_mark(c) => b'm',
        _ if c.is_alphabetic() => b'o',
        _ => b'#',
    }
}

/// The combining diacritics that decomposed capitals ("SÃO PAULO" written
/// with U+0303) use.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Find the dateline at the start of `paragraph` (a range of `prose`).
pub fn find_dateline(prose: &str, paragraph: Range<usize>) -> Option<Dateline> {
    let text = &prose[paragraph.clone()];
    // Classes of the first line, newline included so that `$` means what it
    // would in the paragraph; `starts[i]` is where class byte `i` begins.
    let mut classes = Vec::new();
    let mut starts = Vec::new();
    for (at, c) in text.char_indices().take(DATELINE_REACH) {
        classes.push(classify(c));
        starts.push(at);
        if c == '\n' {
            break;
        }
    }
    if classes.len() == DATELINE_REACH
        && starts
            .last()
            .is_some_and(|&at| text[at..].chars().nth(1).is_some())
    {
        // Cut short: stand for the rest with a class that matches nothing.
        classes.push(b'#');
        starts.push(text.len());
    }
    let byte_at = |i: usize| starts.get(i).copied().unwrap_or(text.len());
    let captures = dateline_pattern().captures(&classes)?;
    let range = |m: regex::bytes::Match<'_>| byte_at(m.start())..byte_at(m.end());
    let city = match captures.name("city") {
        Some(city) => {
            let city = range(city);
            // A city is at least two capitals ("LA" is a real dateline; "A" is not).
            if text[city.clone()]
                .chars()
                .filter(|c| c.is_uppercase())
                .count()
                < 2
            {
                return None;
            }
            city
        }
        // "Berlin (dpa) –": a city in ordinary case is a dateline only
        // with its agency in brackets.
        None if captures.name("agency").is_some() => range(captures.name("city_titled")?),
        None => return None,
    };
    let date = captures.name("date").map(&range);
    if date
        .as_ref()
        .is_some_and(|date| !is_a_dateline_date(&text[date.clone()]))
    {
        return None;
    }
    let at = |r: Range<usize>| paragraph.start + r.start..paragraph.start + r.end;
    let whole = range(captures.get(0)?);
    Some(Dateline {
        span: paragraph.start..paragraph.start + text[whole].trim_end().len(),
        city: at(city),
        region: captures.name("region").map(|m| at(range(m))),
        date: date.map(at),
        agency: captures
            .name("agency")
            .or_else(|| captures.name("agency_after"))
            .map(|m| at(range(m))),
    })
}

/// Whether a dateline's date names a month. Month first (`MARCH 11`, `Feb.
/// 10`), only a word in capitals is checked: the grammar has always taken
/// any capitalised word there, and a word in capitals ("LONDON, ROUTE 66 -")
/// is more often something else. Day first (`10 février 2023`, `10 фев`),
/// the word must be a month in one of the languages the dates family reads.
fn is_a_dateline_date(date: &str) -> bool {
    let mut words = date.split(['.', ' ']).filter(|w| !w.is_empty());
    let first = words.next().unwrap_or_default();
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        let month = words
            .find(|w| w.chars().count() > 2 || month_words().contains(&w.to_uppercase()))
            .unwrap_or_default();
        return month_words().contains(&month.to_uppercase());
    }
    !first.chars().all(|c| c.is_uppercase()) || month_words().contains(first)
}

/// Month names, their forms and abbreviations in capitals (`MARCH`, `SEPT`,
/// `FÉVRIER`, `ФЕВ`), from the dates family's data for every language.
fn month_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Month {
            name: String,
            #[serde(default)]
            forms: Vec<String>,
            abbreviations: Vec<String>,
        }
        #[derive(serde::Deserialize)]
        struct DateData {
            month: Vec<Month>,
        }
        [
            include_str!("../../rules/date-styles.toml"),
            include_str!("../../rules/dates-de.toml"),
            include_str!("../../rules/dates-es.toml"),
            include_str!("../../rules/dates-fr.toml"),
            include_str!("../../rules/dates-ru.toml"),
        ]
        .into_iter()
        .flat_map(|source| {
            let data: DateData =
                toml::from_str(source).expect("the dates family's data files are valid");
            data.month
        })
        .flat_map(|month| {
            std::iter::once(month.name)
                .chain(month.forms)
                .chain(month.abbreviations)
        })
        .map(|word| word.to_uppercase())
        .collect()
    })
}

fn abbreviations() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Abbreviations {
            abbreviations: Vec<String>,
        }
        let data: Abbreviations = toml::from_str(include_str!("../../rules/abbreviations.toml"))
            .expect("rules/abbreviations.toml is valid");
        data.abbreviations.into_iter().collect()
    })
}

/// Split a paragraph into sentences. Good enough for news copy: a stop ends a
/// sentence when white space and a capital, digit or opening quote follow, and
/// the word before it is not a known abbreviation or an initial.
pub fn sentences(prose: &str, paragraph: Range<usize>, out: &mut Vec<Range<usize>>) {
    let text = &prose[paragraph.clone()];
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut next_byte = 0;
    // Only the stops themselves are looked at, found with SIMD searches: `.`,
    // `!` and `?` by one, `…` by another (curly quotes and dashes share its
    // first byte, so searching for that byte alone stopped at every quote).
    // Each search resumes only once its last find is passed: linear in the
    // paragraph however the two kinds of stop interleave.
    let ellipsis = memchr::memmem::Finder::new("…");
    let mut next_ellipsis = ellipsis.find(bytes);
    let mut next_mark = memchr::memchr3(b'.', b'!', b'?', bytes);
    loop {
        if next_ellipsis.is_some_and(|at| at < next_byte) {
            next_ellipsis = ellipsis
                .find(&bytes[next_byte..])
                .map(|offset| next_byte + offset);
        }
        if next_mark.is_some_and(|at| at < next_byte) {
            next_mark = memchr::memchr3(b'.', b'!', b'?', &bytes[next_byte..])
                .map(|offset| next_byte + offset);
        }
        let Some(i) = [next_mark, next_ellipsis].into_iter().flatten().min() else {
            break;
        };
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        next_byte = i + c.len_utf8();
        // Closing quotes and brackets belong to the sentence they end.
        let mut end = next_byte;
        for next in text[end..].chars() {
            if matches!(next, '"' | '”' | '’' | '\'' | ')' | '»' | '“') {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        next_byte = end;
        let rest = &text[end..];
        let after = rest.trim_start();
        if after.len() == rest.len() || after.is_empty() {
            continue;
        }
        let next = after.chars().next().unwrap_or(' ');
        let opens_sentence = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '“' | '‘' | '«' | '„' | '(');
        if !opens_sentence || (c == '.' && ends_with_abbreviation(&text[start..i])) {
            continue;
        }
        out.push(paragraph.start + start..paragraph.start + end);
        start = end + (rest.len() - after.len());
    }
    let last = text[start..].trim_end();
    if !last.is_empty() {
        out.push(paragraph.start + start..paragraph.start + start + last.len());
    }
}

fn ends_with_abbreviation(before_stop: &str) -> bool {
    let word = before_stop
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
        .next()
        .unwrap_or("");
    let mut letters = word.chars();
    let is_initial =
        matches!((letters.next(), letters.next()), (Some(first), None) if first.is_uppercase());
    is_initial || abbreviations().contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Parts = (String, Option<String>, Option<String>, Option<String>);

    fn dateline(text: &str) -> Option<Parts> {
        let found = find_dateline(text, 0..text.len())?;
        let s = |r: Option<Range<usize>>| r.map(|r| text[r].to_string());
        Some((
            text[found.city].to_string(),
            s(found.region),
            s(found.date),
            s(found.agency),
        ))
    }

    #[test]
    fn wire_datelines_are_recognised() {
        assert_eq!(
            dateline("SEOUL, Feb 10 – RIA Novosti. South Korea has"),
            Some((
                "SEOUL".into(),
                None,
                Some("Feb 10".into()),
                Some("RIA Novosti".into())
            ))
        );
        assert_eq!(
            dateline("SEOUL, South Korea (AP) — The"),
            Some((
                "SEOUL".into(),
                Some("South Korea".into()),
                None,
                Some("AP".into())
            ))
        );
        assert_eq!(
            dateline("NEW YORK, March 26 (Reuters) - Stocks"),
            Some((
                "NEW YORK".into(),
                None,
                Some("March 26".into()),
                Some("Reuters".into())
            ))
        );
        assert_eq!(
            dateline("NEW YORK, MARCH 11 (Reuters) - Shares"),
            Some((
                "NEW YORK".into(),
                None,
                Some("MARCH 11".into()),
                Some("Reuters".into())
            ))
        );
        assert_eq!(
            dateline("SANTOS, BRAZIL, SEPT. 3 - With"),
            Some((
                "SANTOS".into(),
                Some("BRAZIL".into()),
                Some("SEPT. 3".into()),
                None
            ))
        );
        assert_eq!(
            dateline("CLEVELAND, Feb 26 - Ohio Mattress Co said"),
            Some(("CLEVELAND".into(), None, Some("Feb 26".into()), None))
        );
    }

    #[test]
    fn datelines_in_other_languages_are_recognised() {
        assert_eq!(
            dateline("SÉOUL, 10 février 2023 (AFP) – La"),
            Some((
                "SÉOUL".into(),
                None,
                Some("10 février 2023".into()),
                Some("AFP".into())
            ))
        );
        assert_eq!(
            dateline("Berlin (dpa) – Die"),
            Some(("Berlin".into(), None, None, Some("dpa".into())))
        );
        assert_eq!(
            dateline("MADRID, 10 Feb. (EFE).– El"),
            Some((
                "MADRID".into(),
                None,
                Some("10 Feb.".into()),
                Some("EFE".into())
            ))
        );
        assert_eq!(
            dateline("МОСКВА, 10 фев – РИА Новости. Встреча"),
            Some((
                "МОСКВА".into(),
                None,
                Some("10 фев".into()),
                Some("РИА Новости".into())
            ))
        );
        assert_eq!(
            dateline("MADRID, 1 de marzo de 2023 (EFE) - El"),
            Some((
                "MADRID".into(),
                None,
                Some("1 de marzo de 2023".into()),
                Some("EFE".into())
            ))
        );
        // Ordinary case needs the agency; a day needs a month.
        assert_eq!(dateline("Berlin – Die Stadt"), None);
        assert_eq!(dateline("SEOUL, 10 people (AP) - The"), None);
    }

    /// The grammar as first written, over Unicode classes: slow to compile,
    /// kept here as the reference the class-byte form must agree with. (They
    /// part only on letter-like symbols such as Ⅻ, which Rust's Uppercase
    /// property counts and the Lu category does not.)
    fn reference(text: &str) -> Option<Parts> {
        static PATTERN: OnceLock<regex::Regex> = OnceLock::new();
        let pattern = PATTERN.get_or_init(|| {
            regex::Regex::new(
                r"(?x)
            ^(?:(?P<city>\p{Lu}[\p{Lu}\p{M}.'’-]*(?:\x20[\p{Lu}\p{M}.'’-]+){0,3})
               |(?P<city_titled>\p{Lu}[\p{Ll}\p{M}]+(?:[\x20-]\p{Lu}[\p{Ll}\p{M}]+){0,2}))
            (?:,\x20+(?P<region>\p{Lu}[\p{L}.'’-]*(?:\x20[\p{Lu}][\p{L}.'’-]*){0,3}))?
            (?:,\x20+(?P<date>(?:\p{Lu}\p{Ll}{2,8}|\p{Lu}{3,9})\.?\x20+[0-9]{1,2}
               |[0-9]{1,2}(?:\.|\p{Ll}{1,2})?\x20+(?:\p{Ll}{1,3}\x20+)?(?:\p{Lu}\p{Ll}{1,10}|\p{Ll}{2,11}|\p{Lu}{3,11})\.?
                (?:\x20+(?:\p{Ll}{1,3}\x20+)?[0-9]{4})?))?
            \x20*(?:\((?P<agency>[^()\n]{1,40})\)\.?\x20*)?
            (?:--|[-–—])
            (?:\x20+(?P<agency_after>\p{Lu}[\p{L}]+(?:\x20\p{Lu}[\p{L}]+){0,2})\.(?:\x20|$))?",
            )
            .unwrap()
        });
        let captures = pattern.captures(text)?;
        let city = match (captures.name("city"), captures.name("agency")) {
            (Some(city), _) => city.as_str(),
            (None, Some(_)) => captures.name("city_titled")?.as_str(),
            (None, None) => return None,
        };
        if captures.name("city").is_some() && city.chars().filter(|c| c.is_uppercase()).count() < 2
        {
            return None;
        }
        if let Some(date) = captures.name("date") {
            // A date in capitals must open with a month (`MARCH 11`, not
            // `ROUTE 66`); a day must be followed by one.
            let mut words = date.as_str().split(['.', ' ']).filter(|w| !w.is_empty());
            let word = words.next().unwrap_or_default();
            if word.starts_with(|c: char| c.is_ascii_digit()) {
                let month = words
                    .find(|w| w.chars().count() > 2 || month_words().contains(&w.to_uppercase()))
                    .unwrap_or_default();
                if !month_words().contains(&month.to_uppercase()) {
                    return None;
                }
            } else if word.chars().all(char::is_uppercase) && !month_words().contains(word) {
                return None;
            }
        }
        let s = |name: &str| captures.name(name).map(|m| m.as_str().to_string());
        Some((
            city.to_string(),
            s("region"),
            s("date"),
            s("agency").or_else(|| s("agency_after")),
        ))
    }

    #[test]
    fn the_class_byte_grammar_agrees_with_the_unicode_one() {
        const PIECES: &[&str] = &[
            "SEOUL",
            "NEW",
            "YORK",
            "SÃO",
            "PAULO",
            "ZÜRICH",
            "A\u{0308}",
            "D.C.",
            "O'HARE",
            "ST-",
            "-",
            "--",
            "–",
            "—",
            " ",
            "  ",
            ",",
            ", ",
            "South",
            "Korea",
            "Feb",
            "Feb.",
            "March",
            "MARCH",
            "SEPT.",
            "FEB",
            "MAYOR",
            "ROUTE",
            "MAY",
            "Ä",
            "10",
            "7",
            "(AP)",
            "(Reuters)",
            "(",
            ")",
            "RIA",
            "Novosti",
            ".",
            "’",
            "the",
            "é",
            "東京",
            "\n",
            "x",
            "Dž",
            "Berlin",
            "(dpa)",
            "SÉOUL",
            "février",
            "2023",
            "(AFP)",
            "МОСКВА",
            "фев",
            "РИА",
            "de",
            "1er",
            "10.",
            ").",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + next(12) {
                text.push_str(PIECES[next(PIECES.len())]);
            }
            assert_eq!(dateline(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn a_dateline_is_found_within_its_reach_only() {
        let long_city = "A".repeat(DATELINE_REACH * 2);
        assert_eq!(dateline(&format!("{long_city} - The")), None);
        let text = format!("SEOUL - {}", "word ".repeat(DATELINE_REACH));
        assert_eq!(dateline(&text).map(|p| p.0), Some("SEOUL".to_string()));
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        assert_eq!(
            dateline("OHIO MATTRESS <OMT> MAY HAVE LOWER 1ST QTR NET"),
            None
        );
        assert_eq!(
            dateline("The dollar has hit its highest level - again."),
            None
        );
        assert_eq!(dateline("A - B"), None);
        // Capitals that are not a month make no date, and so no dateline.
        assert_eq!(dateline("LONDON, ROUTE 66 - The"), None);
        assert_eq!(dateline("SEOUL, MAYOR 10 - The"), None);
        assert_eq!(dateline("SEOUL, MaRCH 10 - The"), None);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Mr. Kulik met U.S. envoys on Feb. 10 in Seoul. He said “no.” Then George W. Bush left! Done";
        let mut found = Vec::new();
        sentences(text, 0..text.len(), &mut found);
        let found: Vec<&str> = found.into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "Mr. Kulik met U.S. envoys on Feb. 10 in Seoul.",
                "He said “no.”",
                "Then George W. Bush left!",
                "Done"
            ]
        );
    }

    #[test]
    fn ellipses_and_stacked_closers_end_sentences() {
        let text = "Wait… Then “he left.”) Next one?! “Yes.” — it ends here…";
        let mut found = Vec::new();
        sentences(text, 0..text.len(), &mut found);
        let found: Vec<&str> = found.into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "Wait…",
                "Then “he left.”)",
                "Next one?!",
                "“Yes.” — it ends here…"
            ]
        );
    }
}
