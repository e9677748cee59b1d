//! `repetition`: the same word twice in a row ("the the").

use std::ops::Range;

use regex::Regex;
use regex_syntax::hir::{Class, ClassUnicode, HirKind};

use super::{words::each_word, Check, CheckContext, Finding, Kind, KindBuilder};
use crate::diagnostic::Applicability;

/// The `repetition` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "repetition",
    keys: &["pattern", "ignore-case", "letters-only", "exceptions"],
    summary: "the same word twice in a row",
    build,
};

struct Repetition {
    tokens: Tokens,
    ignore_case: bool,
    letters_only: bool,
    exceptions: Vec<String>,
}

/// What a token is.
enum Tokens {
    /// A word as the counting kinds see it (no `pattern`).
    Words,
    /// The longest runs of characters of one class: what a `pattern` such
    /// as Vale's usual `[^\s]+` finds, found a character at a time. Asking
    /// the expression engine for every token of an article cost more than
    /// every built-in rule together.
    Runs(CharClass),
    /// The matches of any other `pattern`.
    Matches(Regex),
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let pattern = b.table.string("pattern");
    let ignore_case = b.table.bool("ignore-case").unwrap_or(true);
    let letters_only = b.table.bool("letters-only").unwrap_or(true);
    let exceptions = b.table.string_list("exceptions").unwrap_or_default();
    let tokens = match pattern {
        Some(pattern) => {
            // Compiled whatever the path, so that a bad pattern is reported
            // the same way.
            let regex = b.regex(&pattern, false)?;
            match CharClass::runs_of(&pattern.value) {
                Some(class) => Tokens::Runs(class),
                None => Tokens::Matches(regex),
            }
        }
        None => Tokens::Words,
    };
    Some(Box::new(Repetition {
        tokens,
        ignore_case,
        letters_only,
        exceptions: exceptions
            .into_iter()
            .map(|e| e.value.to_lowercase())
            .collect(),
    }))
}

impl Tokens {
    /// Calls `found` with each token of `prose`, in order; none is empty.
    fn each(&self, prose: &str, found: impl FnMut(Range<usize>)) {
        match self {
            Tokens::Words => each_word(prose, 0..prose.len(), found),
            Tokens::Runs(class) => class.each_run(prose, found),
            Tokens::Matches(pattern) => pattern
                .find_iter(prose)
                .map(|m| m.range())
                .filter(|span| !span.is_empty())
                .for_each(found),
        }
    }
}

/// A class of characters, tested by table in ASCII.
struct CharClass {
    ascii: [bool; 128],
    /// The class's ranges that reach past ASCII, in order.
    ranges: Vec<(char, char)>,
}

impl CharClass {
    /// The class whose longest runs are the matches of `pattern`, when the
    /// pattern is one class repeated greedily, once or more (`[^\s]+`,
    /// `(\w+)`): the leftmost match from any place is then the whole run
    /// from the first character of the class on.
    fn runs_of(pattern: &str) -> Option<CharClass> {
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        let mut hir = &hir;
        while let HirKind::Capture(capture) = hir.kind() {
            hir = &capture.sub;
        }
        let HirKind::Repetition(repeated) = hir.kind() else {
            return None;
        };
        if repeated.min != 1 || repeated.max.is_some() || !repeated.greedy {
            return None;
        }
        match repeated.sub.kind() {
            HirKind::Class(Class::Unicode(class)) => Some(CharClass::of(class)),
            _ => None,
        }
    }

    fn of(class: &ClassUnicode) -> CharClass {
        let mut ascii = [false; 128];
        let mut ranges = Vec::new();
        for range in class.ranges() {
            for c in range.start()..=range.end().min('\u{7f}') {
                ascii[c as usize] = true;
            }
            if range.end() > '\u{7f}' {
                ranges.push((range.start().max('\u{80}'), range.end()));
            }
        }
        CharClass { ascii, ranges }
    }

    fn contains(&self, c: char) -> bool {
        match u8::try_from(c) {
            Ok(byte) if byte.is_ascii() => self.ascii[usize::from(byte)],
            _ => {
                let after = self.ranges.partition_point(|&(_, end)| end < c);
                self.ranges.get(after).is_some_and(|&(start, _)| start <= c)
            }
        }
    }

    fn each_run(&self, prose: &str, mut found: impl FnMut(Range<usize>)) {
        let mut run_start = None;
        for (at, c) in prose.char_indices() {
            match (self.contains(c), run_start) {
                (true, None) => run_start = Some(at),
                (false, Some(start)) => {
                    found(start..at);
                    run_start = None;
                }
                _ => {}
            }
        }
        if let Some(start) = run_start {
            found(start..prose.len());
        }
    }
}

impl Repetition {
    fn same(&self, a: &str, b: &str) -> bool {
        if !self.ignore_case {
            return a == b;
        }
        // Two texts whose lower cases are equal begin with the same lower
        // case letter; most neighbours do not, and are told apart without
        // lowering them whole.
        let first_lowered = |text: &str| match text.as_bytes().first() {
            Some(byte) if byte.is_ascii() => Some(char::from(byte.to_ascii_lowercase())),
            _ => text.chars().next().and_then(|c| c.to_lowercase().next()),
        };
        first_lowered(a) == first_lowered(b) && a.to_lowercase() == b.to_lowercase()
    }
}

impl Check for Repetition {
    fn check(&self, cx: &mut CheckContext<'_>) {
        let doc = cx.doc;
        let mut findings = Vec::new();
        let mut previous: Option<Range<usize>> = None;
        self.tokens.each(&doc.prose, |second| {
            let Some(first) = previous.replace(second.clone()) else {
                return;
            };
            let (a, b) = (&doc.text[first.clone()], &doc.text[second.clone()]);
            if !self.same(a, b) {
                return;
            }
            let whole = first.start..second.end;
            let gap = &doc.prose[first.end..second.start];
            // Only blanks as written between them: masked code, markup or a
            // paragraph break between two words is not a repetition.
            if gap.is_empty()
                || !gap.chars().all(char::is_whitespace)
                || gap.matches('\n').count() > 1
                || !doc.is_as_written(&whole)
                || (self.letters_only && !a.chars().all(char::is_alphabetic))
                || self.exceptions.contains(&a.to_lowercase())
            {
                return;
            }
            findings.push(
                Finding::new(whole, "'{match}' is repeated")
                    .var("match", a)
                    .label(second.clone(), "repeated here")
                    .fix(first.end..second.end, "", Applicability::Unsafe)
                    .help(format!(
                        "remove the second '{b}' unless both are meant (\"had had\")"
                    )),
            );
        });
        for finding in findings {
            cx.report_finding(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(pattern: &str, prose: &str) -> Option<Vec<String>> {
        let class = CharClass::runs_of(pattern)?;
        let mut found = Vec::new();
        class.each_run(prose, |span| found.push(prose[span].to_string()));
        Some(found)
    }

    #[test]
    fn one_class_repeated_greedily_is_read_as_runs() {
        for pattern in [
            r"[^\s]+",
            r"(?:[^\s]+)",
            r"(\w+)",
            r"\S+",
            r"[a-zé]+",
            r".+",
        ] {
            assert!(CharClass::runs_of(pattern).is_some(), "{pattern}");
        }
        for pattern in [
            r"[^\s][^\s]*",
            r"\w+?",
            r"\w*",
            r"\w{1,5}",
            r"\b\w+",
            r"(?-u:\w)+",
            r"(\w+) \1",
        ] {
            assert!(CharClass::runs_of(pattern).is_none(), "{pattern}");
        }
    }

    #[test]
    fn runs_are_the_patterns_matches() {
        let prose = "the  the\tcafé café, Ελλάδα Ελλάδα 東京\u{a0}x\r\nend";
        for pattern in [r"[^\s]+", r"\w+", r"[a-zé]+", r".+"] {
            let regex = Regex::new(pattern).unwrap();
            let expected: Vec<String> = regex
                .find_iter(prose)
                .map(|m| m.as_str().to_string())
                .collect();
            assert_eq!(runs(pattern, prose), Some(expected), "{pattern}");
        }
    }
}
