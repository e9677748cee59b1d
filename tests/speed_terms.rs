//! The term scan that looks only where words begin finds exactly what the
//! overlapping automaton it replaced found. That automaton (aho-corasick,
//! every match of every pattern, then word boundaries on both ends, then
//! leftmost-longest within each rule) is kept here as the reference, and
//! both are run on a table of hard cases, on random texts made of the rule
//! sets' own words, and on the real articles.

mod support;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use copydesk::ruleset::{compile, CompiledRule, Source};
use copydesk::terms::{TermMatch, TermSetBuilder};

/// A rule's term: (rule, term number, pattern, case-sensitive).
type Term = (usize, u32, String, bool);

/// Per distinct pattern, the (rule, term) pairs that registered it.
type Owners = Vec<Vec<(usize, u32)>>;

/// The scan as it was before: one overlapping automaton per case mode.
struct Reference {
    automata: Vec<(AhoCorasick, Owners)>,
}

impl Reference {
    fn new(terms: &[Term]) -> Reference {
        let mut automata = Vec::new();
        for case_sensitive in [true, false] {
            let mut patterns: Vec<String> = Vec::new();
            let mut owners: Owners = Vec::new();
            let mut by_pattern = HashMap::new();
            for (rule, term, pattern, sensitive) in terms {
                if *sensitive != case_sensitive || pattern.is_empty() {
                    continue;
                }
                let pattern = if case_sensitive {
                    pattern.clone()
                } else {
                    pattern.to_ascii_lowercase()
                };
                let index = *by_pattern.entry(pattern.clone()).or_insert_with(|| {
                    patterns.push(pattern);
                    owners.push(Vec::new());
                    patterns.len() - 1
                });
                owners[index].push((*rule, *term));
            }
            if patterns.is_empty() {
                continue;
            }
            let automaton = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(!case_sensitive)
                .build(&patterns)
                .expect("the reference automaton builds");
            automata.push((automaton, owners));
        }
        Reference { automata }
    }

    fn scan(&self, text: &str, rules: usize) -> Vec<Vec<TermMatch>> {
        let mut per_rule = vec![Vec::new(); rules];
        for (automaton, owners) in &self.automata {
            for found in automaton.find_overlapping_iter(text) {
                let span = found.range();
                if !at_word_boundaries(text, &span) {
                    continue;
                }
                for &(rule, term) in &owners[found.pattern().as_usize()] {
                    per_rule[rule].push(TermMatch {
                        span: span.clone(),
                        term,
                    });
                }
            }
        }
        for list in &mut per_rule {
            leftmost_longest(list);
        }
        per_rule
    }
}

fn leftmost_longest(matches: &mut Vec<TermMatch>) {
    matches.sort_by(|a, b| {
        (a.span.start, std::cmp::Reverse(a.span.end), a.term).cmp(&(
            b.span.start,
            std::cmp::Reverse(b.span.end),
            b.term,
        ))
    });
    let mut kept: Option<Range<usize>> = None;
    matches.retain(|m| match &kept {
        Some(last) if *last == m.span => true,
        Some(last) if m.span.start < last.end => false,
        _ => {
            kept = Some(m.span.clone());
            true
        }
    });
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn at_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    let matched = &text[span.clone()];
    let (Some(head), Some(last)) = (matched.chars().next(), matched.chars().next_back()) else {
        return false;
    };
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    (!is_word_char(head) || before.is_none_or(|c| !is_word_char(c)))
        && (!is_word_char(last) || after.is_none_or(|c| !is_word_char(c)))
}

/// The reference and the library's scan, side by side on the same terms.
struct Both {
    reference: Reference,
    matcher: copydesk::terms::TermMatcher,
    rules: usize,
}

impl Both {
    fn new(terms: &[Term]) -> Both {
        let mut builder = TermSetBuilder::default();
        for (rule, term, pattern, case_sensitive) in terms {
            builder.add(*rule, *term, pattern, *case_sensitive);
        }
        Both {
            reference: Reference::new(terms),
            matcher: builder.build(),
            rules: terms.iter().map(|t| t.0 + 1).max().unwrap_or(0),
        }
    }

    /// How many matches both found in `text`, after failing if they differ.
    fn agree_on(&self, text: &str) -> usize {
        let expected = self.reference.scan(text, self.rules);
        let mut found = vec![Vec::new(); self.rules];
        self.matcher.scan(text, &mut found);
        for (rule, (expected, found)) in expected.iter().zip(&found).enumerate() {
            assert_eq!(
                spans(text, found),
                spans(text, expected),
                "rule {rule} on {text:?}"
            );
            assert_eq!(found, expected, "rule {rule} on {text:?}");
        }
        expected.iter().map(Vec::len).sum()
    }
}

fn spans<'t>(text: &'t str, matches: &[TermMatch]) -> Vec<(&'t str, u32)> {
    matches
        .iter()
        .map(|m| (&text[m.span.clone()], m.term))
        .collect()
}

fn term(rule: usize, term: u32, pattern: &str, case_sensitive: bool) -> Term {
    (rule, term, pattern.to_string(), case_sensitive)
}

#[test]
fn hard_cases_match_the_reference() {
    let terms = [
        term(0, 0, "Korea", true),
        term(0, 1, "South Korea", true),
        term(0, 2, "Республика Корея", true),
        term(0, 3, "Корея", true),
        term(1, 0, "goverment spokesman", false),
        term(2, 0, "goverment", false),
        term(2, 1, "spokesman", false),
        term(3, 0, "Côte d'Ivoire", true),
        term(3, 1, "d'Iran", true),
        term(3, 2, "Südkoreas", true),
        term(4, 0, "(c)", false),
        term(4, 1, "...", true),
        term(4, 2, "—", true),
        term(4, 3, ".NET", true),
        term(4, 4, "'til", false),
        term(4, 5, " ,", true),
        term(5, 0, "U.S.", false),
        term(5, 1, "e-mail", false),
        term(5, 2, "2nd", false),
        term(5, 3, "a", false),
        term(5, 4, "x", true),
        term(6, 0, "Kiev", false),
        term(7, 0, "kiev", true),
        term(7, 1, "Kiev", true),
        term(8, 0, "utilize", false),
        term(8, 1, "UTILIZE", false),
        term(9, 0, "é", true),
        term(9, 1, "_id", true),
    ];
    let both = Both::new(&terms);
    let texts = [
        "",
        "Korea",
        "South Korea",
        "South Korean",
        "The South Korea team met Korea's envoy; NorthKorea, Korea_, 2Korea.",
        "Республика Корея и Корея, Республики Корея, Кореяx",
        "The goverment spokesman and the GOVERMENT Spokesman: goverments spokesmen.",
        "Côte d'Ivoire, d'Iran, l'Iran, Südkoreas, Südkoreaser, südkoreas",
        "(c) (C) a(c) ... .... —— x—y .NET A.NET .NETs 'til 'TIL it'til , ,,",
        "the U.S.-led talks, U.S.A., u.s. e-mail E-Mail email 2nd 22nd 2nds",
        "a A an a_b éa aé a\r\na\r\n x X xx",
        "Kiev kiev KIEV Kievan kievs\tKiev\u{a0}Kiev",
        "utilize Utilize UTILIZE utilized reutilize",
        "é éé é-é _id __id x_id id",
        "x",
        "a",
        "a ",
        " a",
        "\u{feff}Korea",
        "Korea\u{301}",
        "ÀKorea Korea1 1Korea",
    ];
    let mut total = 0;
    for text in texts {
        total += both.agree_on(text);
    }
    // Guards the test itself: a scan that found nothing would agree with a
    // reference that found nothing.
    assert!(total > 60, "only {total} matches");
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
}

/// Texts of the terms' own words and pieces of them, in varied case, joined
/// by spaces, punctuation, apostrophes, hyphens, digits, line ends and
/// letters that continue a word.
fn random_texts(terms: &[Term], count: usize, seed: u64) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for (.., pattern, _) in terms {
        words.push(pattern.clone());
        words.extend(pattern.split(' ').map(str::to_string));
        let chars: Vec<char> = pattern.chars().collect();
        if chars.len() > 2 {
            words.push(chars[1..].iter().collect());
            words.push(chars[..chars.len() - 1].iter().collect());
        }
    }
    let separators: Vec<String> = [
        " ", " ", " ", "  ", ", ", ". ", "-", "'", "’", "\r\n", "\n", "_", "é", "(", "«", "»", "—",
        "1", "s", "\u{a0}", "", "d'", "l'",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut random = Random(seed);
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..1 + random.below(30) {
                let word = random.pick(&words);
                match random.below(6) {
                    0 => text.push_str(&word.to_uppercase()),
                    1 => text.push_str(&word.to_lowercase()),
                    _ => text.push_str(word),
                }
                text.push_str(random.pick(&separators));
            }
            text
        })
        .collect()
}

/// The terms of `rules`, numbered by rule.
fn terms_of(rules: &[std::sync::Arc<CompiledRule>]) -> Vec<Term> {
    rules
        .iter()
        .enumerate()
        .flat_map(|(index, rule)| {
            rule.terms
                .iter()
                .map(move |t| (index, t.id, t.pattern.clone(), t.case_sensitive))
        })
        .collect()
}

fn builtin_terms() -> Vec<Term> {
    let sources: Vec<Source> = copydesk::ruleset::builtin_names()
        .iter()
        .filter_map(|name| copydesk::ruleset::builtin(name))
        .collect();
    terms_of(&compile(&sources).expect("the built-in rule sets compile"))
}

/// The terms of the built-in rule sets and, when `../shared` is there, of
/// Vale's published styles imported (the Microsoft style's word lists).
fn every_term() -> Vec<Term> {
    let mut terms = builtin_terms();
    let Some(styles) = support::shared("data/vale-styles") else {
        return terms;
    };
    for style in ["Microsoft", "Google", "write-good", "proselint"] {
        let folder = styles.join(style);
        let imported = copydesk::import::vale::import(&folder, None).expect("the style imports");
        let rules = compile(&[Source::new(
            format!("{style}.toml"),
            imported.rule_set.as_str(),
        )])
        .expect("the imported style compiles");
        let offset = terms.iter().map(|t| t.0 + 1).max().unwrap_or(0);
        terms.extend(
            terms_of(&rules)
                .into_iter()
                .map(|(rule, id, pattern, sensitive)| (rule + offset, id, pattern, sensitive)),
        );
    }
    terms
}

#[test]
fn random_texts_of_the_rule_sets_own_words_match_the_reference() {
    let terms = every_term();
    let both = Both::new(&terms);
    let mut total = 0;
    for text in random_texts(&terms, 3000, 0x5eed_7e57) {
        total += both.agree_on(&text);
    }
    assert!(total > 5_000, "only {total} matches");
}

#[test]
fn random_texts_with_punctuation_first_terms_match_the_reference() {
    let terms = [
        term(0, 0, "(c)", false),
        term(0, 1, "'em", false),
        term(1, 0, "...", true),
        term(1, 1, "—", true),
        term(1, 2, "- ", true),
        term(2, 0, ".net", false),
        term(2, 1, "net", false),
        term(3, 0, "’s", true),
        term(3, 1, "s", true),
        term(4, 0, "«", true),
        term(4, 1, "« Korea", true),
        term(5, 0, "Korea", true),
    ];
    let both = Both::new(&terms);
    let mut total = 0;
    for text in random_texts(&terms, 3000, 42) {
        total += both.agree_on(&text);
    }
    assert!(total > 3_000, "only {total} matches");
}

#[test]
fn the_real_articles_match_the_reference() {
    let Some(root) = support::articles() else {
        return;
    };
    let terms = every_term();
    let both = Both::new(&terms);
    let mut total = 0;
    for path in support::files_under(&root) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        total += both.agree_on(&text);
    }
    assert!(total > 1_000, "only {total} matches under {}", show(&root));
}

fn show(path: &Path) -> String {
    path.display().to_string()
}
