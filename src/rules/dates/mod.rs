//! The `dates` and `times` rule family: one scanner, then checks that every date
//! is real, that weekdays and datelines agree with the calendar and the article's
//! own date, that one article writes dates one way, and the house style's forms.
//!
//! One rule kind, `dates`, whose `check` key picks the check; every rule of the
//! family shares one scan of each document.

mod checks;
mod data;
mod languages;
mod local_style;
mod naming;
pub(crate) mod scan;
mod style;

use super::{Check, CheckContext, Finding, Kind, KindBuilder};
use scan::Token;

/// The `dates` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "dates",
    keys: &["check"],
    summary: "dates and times: real dates, right weekdays, datelines, one style, house style",
    build,
};

/// What a `dates` rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Invalid,
    Weekday,
    Dateline,
    Mixed,
    DateStyle,
    TimeStyle,
    StrayTeaser,
}

/// The checks by the name a rule's `check` key gives them.
const CHECKS: &[(&str, Which)] = &[
    ("invalid", Which::Invalid),
    ("weekday", Which::Weekday),
    ("dateline", Which::Dateline),
    ("mixed", Which::Mixed),
    ("date-style", Which::DateStyle),
    ("time-style", Which::TimeStyle),
    ("stray-teaser", Which::StrayTeaser),
];

struct Dates {
    which: Which,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let which = b.choose_check(CHECKS)?;
    Some(Box::new(Dates { which }))
}

/// Run one check on a document and its tokens.
fn run(
    which: Which,
    doc: &crate::document::Document,
    tokens: &[Token],
    house_style: Option<&str>,
) -> Vec<Finding> {
    match which {
        Which::Invalid => checks::invalid(doc, tokens),
        Which::Weekday => checks::weekday(doc, tokens),
        Which::Dateline => checks::dateline(doc, tokens),
        Which::Mixed => checks::mixed(doc, tokens),
        // In other languages the house style's checks hold copy to the
        // language's own forms: AP's "Feb. 10" is no French date.
        Which::DateStyle => match (house_style, naming::local(doc)) {
            (None, _) => Vec::new(),
            (Some(_), Some(language)) => local_style::date_style(doc, tokens, language),
            (Some(style), None) => checks::date_style(doc, tokens, style),
        },
        Which::TimeStyle => match (house_style, naming::local(doc)) {
            (None, _) => Vec::new(),
            (Some(_), Some(language)) => local_style::time_style(doc, tokens, language),
            (Some(style), None) => checks::time_style(doc, tokens, style),
        },
        Which::StrayTeaser => checks::stray_teaser(doc, tokens),
    }
}

/// The family's one scan of a document, shared by its rules.
struct Scan(Vec<Token>);

fn tokens_of(doc: &crate::document::Document) -> std::sync::Arc<Scan> {
    doc.analysis(|doc| Scan(checks::tokens(doc)))
}

impl Check for Dates {
    fn check(&self, cx: &mut CheckContext<'_>) {
        let scan = tokens_of(cx.doc);
        for finding in run(self.which, cx.doc, &scan.0, cx.house_style()) {
            cx.report_finding(finding);
        }
    }
}
