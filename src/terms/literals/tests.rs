//! The literals patterns are scanned for, and the scan, against the scan
//! that tried each byte in turn, past the first of each run of ASCII word
//! bytes.

use super::*;

impl PatternFilter {
    /// The scan as it was before it read the word starts: each byte in
    /// turn, the rest of a run of ASCII word bytes passed over.
    fn scan_every_byte(&self, prose: &str) -> PatternHits {
        let bytes = prose.as_bytes();
        let start = self.automaton.start_state(Anchored::Yes).unwrap();
        let opens: Vec<bool> = (0..=u8::MAX)
            .map(|byte| self.word_pairs.opens(byte) || self.other_pairs.opens(byte))
            .collect();
        let mut starts: Vec<Vec<u32>> = vec![Vec::new(); self.ids.len()];
        let mut in_full = vec![false; self.ids.len()];
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            if opens[usize::from(byte)] {
                self.literals_at(bytes, at, start, &mut starts, &mut in_full);
            }
            at += 1;
            if WORD_BYTES[usize::from(byte)] {
                while at < bytes.len() && WORD_BYTES[usize::from(bytes[at])] {
                    at += 1;
                }
            }
        }
        PatternHits {
            ids: self.ids.clone(),
            starts,
            in_full,
        }
    }
}

/// Filters over patterns whose literals open with letters, digits, an
/// underscore, punctuation, spaces and characters outside ASCII, folded
/// or not; the last opens with more bytes than are searched for one by one.
fn filters() -> Vec<PatternFilter> {
    let sources: &[(&str, bool)] = &[
        (r"\b(?:utiliz(?:e|es|ed|ing)|leverage)\b", true),
        (r"\bve\b|\bna", true),
        (r"\b(?:risk|sufficient)", true),
        (r"\(s\)|\(es\)", false),
        (r"[—–] |(?:—|–|-)\d", true),
        (r"\.\.\.", false),
        (r"[;:]", false),
        (r"(?-u:\b)(?:_x|9a|it is)(?-u:\b)", false),
        (r"\bété|\bÉté|\bœuvre", false),
        (r#"[“"][^"”“]+["”][.,]"#, false),
        (r"\r\n|\n\n", false),
    ];
    let literals: Vec<(usize, Vec<Vec<u8>>)> = sources
        .iter()
        .enumerate()
        .map(|(id, (source, ignore_case))| {
            (id, required_literals(source, *ignore_case).expect(source))
        })
        .collect();
    let mut filters: Vec<PatternFilter> = literals
        .iter()
        .map(|one| PatternFilter::new(vec![one.clone()]).unwrap())
        .collect();
    filters.push(PatternFilter::new(literals.clone()).unwrap());
    let mut many = literals;
    let openers = b"!#$%&'*+,/<=>?@[]^`{|}~";
    many.push((99, openers.iter().map(|&b| vec![b, b'x']).collect()));
    let filter = PatternFilter::new(many).unwrap();
    assert!(filter.opens_otherwise.len() > MOST_SEARCHED_OPENERS);
    filters.push(filter);
    filters
}

fn assert_scans_agree(filters: &[PatternFilter], text: &str) {
    let words = WordStarts::of(text);
    for filter in filters {
        assert_eq!(
            filter.scan(text, &words),
            filter.scan_every_byte(text),
            "{text:?}"
        );
    }
}

#[test]
fn the_scan_from_word_starts_finds_what_every_byte_did() {
    let filters = filters();
    // Pieces of text, between bars.
    let pieces: Vec<&str> = concat!(
        "naïve|naive|NAÏVE|ve|café|été|Été|œuvre|risk|RISK|\u{212A}|\u{17F}|ſufficient|",
        "leverage|reutilize|Utilizing| |  |\r\n|\n\n|\n|\t|(s)|(es)|x(s)|—| — |–|…|...|",
        "’|‘|“quoted”,|\"plain\".|9a|_x|x_x|a9a|2024|it is|It Is|;|:|-|\u{a0}|Ωmega|",
        "日本|x|!x|,x|~x|é9a|ï_x|Ωve|1ve|_ve",
    )
    .split('|')
    .collect();
    for text in crate::test_texts::made_up_texts(&pieces, 0x2545_f491_4f6c_dd1d, 3000, 24) {
        assert_scans_agree(&filters, &text);
    }
    assert_scans_agree(&filters, "");
    assert_scans_agree(&filters, "naïve ve");
}

#[test]
fn the_scan_from_word_starts_finds_what_every_byte_did_in_real_articles() {
    let filters = filters();
    crate::test_texts::each_article(|text| assert_scans_agree(&filters, text));
}

#[test]
fn word_starts_of_another_text_are_not_trusted() {
    let filter = PatternFilter::new(vec![(1, vec![b"ve".to_vec()])]).unwrap();
    let text = "naïve ve";
    let hits = filter.scan(text, &WordStarts::default());
    assert_eq!(hits, filter.scan_every_byte(text));
    assert_eq!(hits.starts(1), Some(&[4, 7][..]), "ASCII's word starts");
}

fn literals(source: &str, ignore_case: bool) -> Option<Vec<String>> {
    required_literals(source, ignore_case).map(|all| {
        all.into_iter()
            .map(|l| String::from_utf8_lossy(&l).into_owned())
            .collect()
    })
}

#[test]
fn literals_are_what_every_match_begins_with() {
    let found = literals(r"\b(?:utiliz(?:e|es|ed|ing)|leverage)\b", false).unwrap();
    assert_eq!(found, ["leverage", "utilize", "utilizing"]);
    assert_eq!(literals("Kiev|KYIV", false), None, "no word start required");
    assert_eq!(literals(r"\bKiev|\bKYIV", false).unwrap(), ["kiev", "kyiv"]);
    assert_eq!(literals(r"(?-u:\b)(?:a|an)\b", true).unwrap(), ["a"]);
    assert_eq!(literals(r"\(s\)|\(es\)", false).unwrap(), ["(es)", "(s)"]);
    assert_eq!(
        literals(r"\(s\)|\(es\)", true).unwrap(),
        ["(es)", "(s)", "\u{212A}", "\u{17F}"]
    );
    // Ignoring case, `k` and `s` may be the Kelvin sign and the long s.
    assert_eq!(
        literals(r"\b(?:sufficient|risk)", true).unwrap(),
        ["risk", "sufficient", "\u{212A}", "\u{17F}"]
    );
    assert_eq!(
        literals(r"\b(?:sufficient|risk)", false).unwrap(),
        ["risk", "sufficient"]
    );
    assert_eq!(literals(r"\bété", true), None);
    // A match may begin anywhere, or be empty: no literals.
    assert_eq!(literals(r"\b(\w+)\b", true), None);
    assert_eq!(literals(r"\b(?:x?)", false), None);
    assert_eq!(literals("(unclosed", false), None);
}

#[test]
fn each_pattern_gets_the_offsets_where_its_literals_begin() {
    let filter = PatternFilter::new(vec![
        (7, vec![b"utiliz".to_vec()]),
        (3, vec![b"it is".to_vec(), b"leverage".to_vec()]),
        (9, vec![b"(s)".to_vec()]),
    ])
    .unwrap();
    let text = "We LEVERAGE it; reutilize, It is(s) and Utilize.";
    let hits = filter.scan(text, &WordStarts::of(text));
    let at = |id| -> Vec<&str> {
        hits.starts(id)
            .unwrap()
            .iter()
            .map(|&s| &text[s as usize..])
            .map(|rest| &rest[..rest.len().min(4)])
            .collect()
    };
    assert_eq!(at(3), ["LEVE", "It i"]);
    assert_eq!(at(7), ["Util"], "only at word starts");
    assert_eq!(at(9), ["(s) "]);
    assert!(hits.may_match(5), "a pattern the filter does not know runs");
    assert!(hits.starts(5).is_none());
    assert!(PatternHits::unfiltered().may_match(7));
}
