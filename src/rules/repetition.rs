//! `repetition`: the same word twice in a row ("the the").

use std::ops::Range;

use regex::Regex;

use super::{words::words, Check, CheckContext, Finding, Kind, KindBuilder};
use crate::diagnostic::Applicability;

/// The `repetition` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "repetition",
    keys: &["pattern", "ignore-case", "letters-only", "exceptions"],
    summary: "the same word twice in a row",
    build,
};

struct Repetition {
    /// What a token is, when not a word.
    pattern: Option<Regex>,
    ignore_case: bool,
    letters_only: bool,
    exceptions: Vec<String>,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let pattern = b.table.string("pattern");
    let ignore_case = b.table.bool("ignore-case").unwrap_or(true);
    let letters_only = b.table.bool("letters-only").unwrap_or(true);
    let exceptions = b.table.string_list("exceptions").unwrap_or_default();
    let pattern = match pattern {
        Some(pattern) => Some(b.regex(&pattern, false)?),
        None => None,
    };
    Some(Box::new(Repetition {
        pattern,
        ignore_case,
        letters_only,
        exceptions: exceptions
            .into_iter()
            .map(|e| e.value.to_lowercase())
            .collect(),
    }))
}

impl Repetition {
    fn tokens(&self, prose: &str) -> Vec<Range<usize>> {
        match &self.pattern {
            Some(pattern) => pattern
                .find_iter(prose)
                .map(|m| m.range())
                .filter(|span| !span.is_empty())
                .collect(),
            None => words(prose, 0..prose.len()),
        }
    }

    fn same(&self, a: &str, b: &str) -> bool {
        if self.ignore_case {
            a.to_lowercase() == b.to_lowercase()
        } else {
            a == b
        }
    }
}

impl Check for Repetition {
    fn check(&self, cx: &mut CheckContext<'_>) {
        let doc = cx.doc;
        let tokens = self.tokens(&doc.prose);
        let mut findings = Vec::new();
        for pair in tokens.windows(2) {
            let (first, second) = (&pair[0], &pair[1]);
            let whole = first.start..second.end;
            let gap = &doc.prose[first.end..second.start];
            // Only blanks as written between them: masked code, markup or a
            // paragraph break between two words is not a repetition.
            if gap.is_empty()
                || !gap.chars().all(char::is_whitespace)
                || gap.matches('\n').count() > 1
                || !doc.is_as_written(&whole)
            {
                continue;
            }
            let (a, b) = (&doc.text[first.clone()], &doc.text[second.clone()]);
            if !self.same(a, b)
                || (self.letters_only && !a.chars().all(char::is_alphabetic))
                || self.exceptions.contains(&a.to_lowercase())
            {
                continue;
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
        }
        for finding in findings {
            cx.report_finding(finding);
        }
    }
}
