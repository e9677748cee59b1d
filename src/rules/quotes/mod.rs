//! `quotes`: the quote-balancing family, reading the document's one pairing
//! pass ([`crate::document::Quotes`]).
//!
//! Each check is a plain function from a document to [`Finding`]s, so that it
//! can be tested without a rule set; the `quotes` kind picks one with its
//! `check` key and turns the findings into diagnostics.

mod marks;
mod pairing;
mod spacing;

use std::ops::Range;

use crate::document::Document;

use super::{Check, CheckContext, Finding, Kind, KindBuilder};
pub use marks::{apostrophe_direction, direction, mixed};
pub use pairing::{nesting, unclosed, unopened};
pub use spacing::spacing;

/// The `quotes` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "quotes",
    keys: &["check", "outer"],
    summary: "quotation marks: pairing, nesting, consistency, apostrophes and spacing",
    build,
};

/// The checks the `quotes` kind can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteCheck {
    /// `unclosed`: a quotation that is never closed.
    Unclosed,
    /// `unopened`: a closing mark with no quotation open.
    Unopened,
    /// `nesting`: a quotation inside another written with the wrong marks.
    Nesting,
    /// `mixed`: one document writing its quotation marks two ways.
    Mixed,
    /// `apostrophe-direction`: an apostrophe written as an opening mark.
    ApostropheDirection,
    /// `direction`: a curly mark facing the wrong way.
    Direction,
    /// `spacing`: the space inside a quotation, and French guillemets' no-break space.
    Spacing,
}

/// The checks by the name a rule's `check` key gives them.
pub const CHECKS: &[(&str, QuoteCheck)] = &[
    ("unclosed", QuoteCheck::Unclosed),
    ("unopened", QuoteCheck::Unopened),
    ("nesting", QuoteCheck::Nesting),
    ("mixed", QuoteCheck::Mixed),
    ("apostrophe-direction", QuoteCheck::ApostropheDirection),
    ("direction", QuoteCheck::Direction),
    ("spacing", QuoteCheck::Spacing),
];

/// Which marks a house style puts around the outermost quotation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Outer {
    /// No house style declared: US and UK order are both right, so only a
    /// reuse of the outer marks that confuses a reader is reported: straight
    /// marks inside the same straight marks, or curly ones that meet the
    /// outer marks (“he said “no””).
    #[default]
    Unset,
    /// The language's own order (“double” outside in English).
    Language,
    /// ‘Single’ outside and “double” inside, as UK book style has it.
    Single,
}

/// The findings of one check on `doc`, in position order; `outer` says
/// which marks a house style puts outside.
pub fn run(check: QuoteCheck, doc: &Document, outer: Outer) -> Vec<Finding> {
    match check {
        QuoteCheck::Unclosed => unclosed(doc),
        QuoteCheck::Unopened => unopened(doc),
        QuoteCheck::Nesting => nesting(doc, outer),
        QuoteCheck::Mixed => mixed(doc),
        QuoteCheck::ApostropheDirection => apostrophe_direction(doc),
        QuoteCheck::Direction => direction(doc),
        QuoteCheck::Spacing => spacing(doc),
    }
}

fn mark_text(doc: &Document, span: &Range<usize>) -> String {
    doc.text.get(span.clone()).unwrap_or("").to_string()
}

struct QuotesCheck {
    check: QuoteCheck,
    outer: Outer,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let check = b.choose_check(CHECKS)?;
    let outer = match b.table.string("outer") {
        None => Outer::Unset,
        Some(value) => match value.value.as_str() {
            "language" => Outer::Language,
            "single" => Outer::Single,
            other => {
                b.error(
                    value.span.clone(),
                    format!("`outer` must be `language` or `single`, not `{other}`"),
                );
                return None;
            }
        },
    };
    Some(Box::new(QuotesCheck { check, outer }))
}

impl Check for QuotesCheck {
    fn check(&self, cx: &mut CheckContext<'_>) {
        // A declared house style settles the order of the levels, unless the
        // rule itself says which marks go outside.
        let outer = match (self.outer, cx.house_style()) {
            (Outer::Unset, Some(_)) => Outer::Language,
            (outer, _) => outer,
        };
        for finding in run(self.check, cx.doc, outer) {
            cx.report_finding(finding);
        }
    }
}
