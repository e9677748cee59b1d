//! Sentences and the dateline, computed once per document.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// The wire-style opening of a story: `SEOUL, Feb 10 – RIA Novosti.`,
/// `SEOUL, South Korea (AP) —`, `NEW YORK, March 26 (Reuters) -`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, up to and including its dash (and a trailing agency name).
    pub span: Range<usize>,
    pub city: Range<usize>,
    /// A state, region or country named after the city.
    pub region: Option<Range<usize>>,
    /// A date written in the dateline, such as `Feb 10`.
    pub date: Option<Range<usize>>,
    pub agency: Option<Range<usize>>,
}

fn dateline_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?x)
            ^(?P<city>\p{Lu}[\p{Lu}\p{M}.'’-]*(?:\x20[\p{Lu}\p{M}.'’-]+){0,3})
            (?:,\x20+(?P<region>\p{Lu}[\p{L}.'’-]*(?:\x20[\p{Lu}][\p{L}.'’-]*){0,3}))?
            (?:,\x20+(?P<date>\p{Lu}\p{Ll}{2,8}\.?\x20+\d{1,2}))?
            \x20*(?:\((?P<agency>[^()\n]{1,40})\)\x20*)?
            (?:--|[-–—])
            (?:\x20+(?P<agency_after>\p{Lu}[\p{L}]+(?:\x20\p{Lu}[\p{L}]+){0,2})\.(?:\x20|$))?",
        )
        .expect("the dateline pattern is valid")
    })
}

/// Find the dateline at the start of `paragraph` (a range of `prose`).
pub fn find_dateline(prose: &str, paragraph: Range<usize>) -> Option<Dateline> {
    let text = &prose[paragraph.clone()];
    let captures = dateline_pattern().captures(text)?;
    let city = captures.name("city")?;
    // A city is at least two capitals ("LA" is a real dateline; "A" is not).
    if city.as_str().chars().filter(|c| c.is_uppercase()).count() < 2 {
        return None;
    }
    let at = |m: regex::Match<'_>| paragraph.start + m.start()..paragraph.start + m.end();
    let whole = captures.get(0)?;
    Some(Dateline {
        span: paragraph.start..paragraph.start + whole.as_str().trim_end().len(),
        city: at(city),
        region: captures.name("region").map(at),
        date: captures.name("date").map(at),
        agency: captures
            .name("agency")
            .or_else(|| captures.name("agency_after"))
            .map(at),
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
    // Only bytes that can begin a stop are looked at: `.`, `!`, `?`, and 0xE2,
    // which begins `…` (and never continues a character, so it is a boundary).
    while let Some(offset) = bytes[next_byte..]
        .iter()
        .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
    {
        let i = next_byte + offset;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        next_byte = i + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
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
            dateline("CLEVELAND, Feb 26 - Ohio Mattress Co said"),
            Some(("CLEVELAND".into(), None, Some("Feb 26".into()), None))
        );
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
