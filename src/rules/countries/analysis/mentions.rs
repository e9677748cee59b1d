//! Gazetteer terms found in an article's text.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::super::gazetteer::{gazetteer, TermId, TermKind};

/// A gazetteer term found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where it is, in bytes of the prose.
    pub span: Range<usize>,
    /// Which term it is.
    pub term: TermId,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn at_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    let before = text
        .get(..span.start)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !is_word_char(c));
    let after = text
        .get(span.end..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !is_word_char(c));
    before && after
}

/// Find every gazetteer term in `text` with the same semantics as the engine's
/// shared automaton (leftmost-longest, exact case, word boundaries). For use
/// outside the engine; inside it the engine's matches are used instead.
pub fn find_mentions(text: &str) -> Vec<Mention> {
    static AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let automaton = AUTOMATON.get_or_init(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(gazetteer().terms.iter().map(|t| t.text.as_str()))
            .ok()
    });
    let Some(automaton) = automaton else {
        return Vec::new();
    };
    let mut mentions: Vec<Mention> = automaton
        .find_iter(text)
        .filter(|m| at_word_boundaries(text, &m.range()))
        .map(|m| Mention {
            span: m.range(),
            term: m.pattern().as_usize(),
        })
        .collect();
    keep_country_mentions(&mut mentions);
    mentions
}

/// Drop matches that name no country (the phrases that only hide one).
pub fn keep_country_mentions(mentions: &mut Vec<Mention>) {
    let g = gazetteer();
    mentions.retain(|m| {
        g.term(m.term)
            .is_some_and(|t| t.kind != TermKind::NotCountry)
    });
}
