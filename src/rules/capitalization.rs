//! `capitalization`: terms whose case follows a rule.
//!
//! Two styles: `exact` (the term is always written as listed, e.g. "iPhone"),
//! and `title` (a title such as "ambassador" is lower case unless it stands
//! directly before a name: "Ambassador Andrey Kulik", "Minister of Foreign
//! Affairs Sergei Lavrov").

use std::ops::Range;

use super::{substitution::applicability, Check, CheckContext, Kind, KindBuilder};
use crate::diagnostic::Applicability;

/// The `capitalization` kind: words written in the wrong case for their place.
pub static KIND: Kind = Kind {
    name: "capitalization",
    keys: &["terms", "style", "only-when-inconsistent", "applicability"],
    summary: "terms whose capitalisation follows a rule (titles, brand names)",
    build,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Exact,
    Title,
}

struct Capitalization {
    terms: Vec<String>,
    style: Style,
    only_when_inconsistent: bool,
    applicability: Applicability,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let terms = b.table.string_list("terms");
    let terms = b.require(terms, "terms")?;
    let style = match b.table.string("style") {
        None => Style::Title,
        Some(style) => match style.value.as_str() {
            "title" => Style::Title,
            "exact" => Style::Exact,
            other => {
                b.error(
                    style.span,
                    format!("style must be `title` or `exact`, not `{other}`"),
                );
                return None;
            }
        },
    };
    let only_when_inconsistent = b.table.bool("only-when-inconsistent").unwrap_or(false);
    let applicability = applicability(b, Applicability::Safe);
    for (index, term) in terms.iter().enumerate() {
        b.add_term(index as u32, &term.value, false);
    }
    Some(Box::new(Capitalization {
        terms: terms.into_iter().map(|t| t.value).collect(),
        style,
        only_when_inconsistent,
        applicability,
    }))
}

impl Check for Capitalization {
    fn check(&self, cx: &mut CheckContext<'_>) {
        match self.style {
            Style::Exact => self.check_exact(cx),
            Style::Title => self.check_titles(cx),
        }
    }
}

impl Capitalization {
    fn check_exact(&self, cx: &mut CheckContext<'_>) {
        for found in cx.matches() {
            let Some(expected) = self.terms.get(found.term as usize) else {
                continue;
            };
            let text = cx.text(&found.span);
            if text == expected || text.chars().all(|c| !c.is_lowercase()) {
                continue;
            }
            let diagnostic = cx
                .diagnostic(
                    found.span.clone(),
                    "write '{suggestion}', not '{match}'",
                    &[("match", text), ("suggestion", expected)],
                )
                .with_fix(found.span.clone(), expected.clone(), self.applicability);
            cx.report(diagnostic);
        }
    }

    fn check_titles(&self, cx: &mut CheckContext<'_>) {
        let doc = cx.doc;
        let mut capitalised = Vec::new();
        let mut lower_seen: Vec<Option<Range<usize>>> = vec![None; self.terms.len()];
        for found in cx.matches() {
            let text = cx.text(&found.span);
            let Some(first) = text.chars().next() else {
                continue;
            };
            // Only "the ambassador" / "the Ambassador": a title used as a common
            // noun. Other capitalised uses are too often parts of names
            // ("Prime Minister's Questions", "Mayor of the ninth district ...").
            if !after_definite_article(&doc.prose, found.span.start) {
                continue;
            }
            if first.is_lowercase() {
                let slot = &mut lower_seen[found.term as usize];
                slot.get_or_insert(found.span.clone());
                continue;
            }
            let all_caps = text.chars().all(|c| !c.is_lowercase());
            if all_caps
                || starts_sentence(doc, found.span.start)
                || precedes_name(&doc.prose, found.span.end)
            {
                continue;
            }
            capitalised.push(found.clone());
        }
        for found in capitalised {
            let lower_use = lower_seen[found.term as usize].clone();
            if self.only_when_inconsistent && lower_use.is_none() {
                continue;
            }
            let text = cx.text(&found.span);
            let lowered = text.to_lowercase();
            let mut diagnostic = cx
                .diagnostic(
                    found.span.clone(),
                    "'{match}' is a title used without a name: write '{suggestion}'",
                    &[("match", text), ("suggestion", &lowered)],
                )
                .with_note("titles are capitalised only directly before a name")
                .with_help(format!("write '{lowered}'"))
                .with_fix(found.span.clone(), lowered.clone(), self.applicability);
            if let Some(lower) = lower_use {
                diagnostic = diagnostic.with_label(lower, "written in lower case here");
            }
            cx.report(diagnostic);
        }
    }
}

fn after_definite_article(prose: &str, start: usize) -> bool {
    let before = prose[..start].trim_end_matches(' ');
    if before.len() == start {
        return false;
    }
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    matches!(&before[word_start..], "the" | "The")
}

/// The word at `offset` is the first of its sentence (where a capital is normal).
fn starts_sentence(doc: &crate::document::Document, offset: usize) -> bool {
    let index = doc.sentences.partition_point(|s| s.end <= offset);
    let Some(sentence) = doc.sentences.get(index) else {
        return false;
    };
    if sentence.start > offset {
        return false;
    }
    doc.prose[sentence.start..offset]
        .chars()
        .all(|c| !c.is_alphanumeric())
}

/// A name follows: a capitalised word directly ("Ambassador Kulik"), or after a
/// preposition and a run of capitalised words that ends in at least two
/// ("Ambassador to Seoul Andrey Kulik").
fn precedes_name(prose: &str, end: usize) -> bool {
    let mut words = prose[end..]
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(8);
    let is_capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let Some(next) = words.next() else {
        return false;
    };
    if prose[end..].starts_with(|c: char| !c.is_whitespace()) {
        // Punctuation straight after the title ("the Ambassador's", "Ambassador,").
        return false;
    }
    if is_capitalised(next) {
        return true;
    }
    if !matches!(next, "to" | "of" | "for" | "in" | "at") {
        return false;
    }
    let mut run = 0;
    for word in words {
        let bare = word.trim_end_matches([',', '.', ';', ':', '’', '\'']);
        if is_capitalised(bare) {
            run += 1;
            if bare.len() != word.len() {
                break;
            }
        } else if matches!(word, "of" | "and" | "the") {
            continue;
        } else {
            break;
        }
    }
    run >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_titles_after_the_article_count() {
        let text = "said the Ambassador and The ambassador but Russian Ambassador";
        assert!(after_definite_article(
            text,
            text.find("Ambassador").unwrap()
        ));
        assert!(after_definite_article(
            text,
            text.find("ambassador").unwrap()
        ));
        assert!(!after_definite_article(
            text,
            text.rfind("Ambassador").unwrap()
        ));
        assert!(!after_definite_article("Ambassador", 0));
    }

    #[test]
    fn a_name_after_the_title_is_recognised() {
        assert!(precedes_name(" Kulik said", 0));
        assert!(precedes_name(" to Seoul Andrey Kulik said", 0));
        assert!(precedes_name(" of Foreign Affairs Sergei Lavrov", 0));
        assert!(!precedes_name(" especially noted", 0));
        assert!(!precedes_name(" to Seoul said", 0));
        assert!(!precedes_name("'s car", 0));
        assert!(!precedes_name(", who", 0));
    }
}
