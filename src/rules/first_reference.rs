//! `first-reference`: a short form only after its full form ("World Health
//! Organization (WHO)" before "WHO"; "the Republic of Korea" before "South
//! Korea", where a desk wants it so).

use std::borrow::Cow;
use std::ops::Range;

use super::pattern::{self, Found, Pattern};
use super::{Check, CheckContext, Finding, Kind, KindBuilder};

/// The `first-reference` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "first-reference",
    keys: &["first", "second", "exceptions", "ignore-case", "before"],
    summary: "a short form (an abbreviation) only after the full form that defines it",
    build,
};

struct FirstReference {
    short: Pattern,
    definition: Pattern,
    /// Sorted, so that each short form is looked up rather than compared
    /// with every exception (Vale's acronyms list some sixty, and a long
    /// article holds hundreds of capitalised short forms).
    exceptions: Vec<String>,
    ignore_case: bool,
    before: bool,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let first = b.table.string("first");
    let second = b.table.string("second");
    let exceptions = b.table.string_list("exceptions").unwrap_or_default();
    let ignore_case = b.table.bool("ignore-case").unwrap_or(false);
    let before = b.table.bool("before").unwrap_or(true);
    let first = b.require(first, "first");
    let second = b.require(second, "second");
    let short = first.and_then(|first| pattern::compile(b, &first, ignore_case));
    let definition = second.and_then(|second| pattern::compile(b, &second, ignore_case));
    let mut exceptions: Vec<String> = exceptions
        .into_iter()
        .map(|e| fold(&e.value, ignore_case))
        .collect();
    exceptions.sort_unstable();
    Some(Box::new(FirstReference {
        short: short?,
        definition: definition?,
        exceptions,
        ignore_case,
        before,
    }))
}

fn fold(text: &str, ignore_case: bool) -> String {
    folded(text, ignore_case).into_owned()
}

/// `text` as [`fold`] gives it, borrowed when the case is kept: a short
/// form's key is compared, not kept.
fn folded(text: &str, ignore_case: bool) -> Cow<'_, str> {
    if ignore_case {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// The part of a match that names the short form: its first group when
/// the pattern has one, else the whole match.
fn named(found: &Found) -> Range<usize> {
    match found.groups.get(1) {
        Some(Some(group)) => group.clone(),
        _ => found.span.clone(),
    }
}

struct Definition {
    /// The whole definition ("World Health Organization (WHO)").
    span: Range<usize>,
    /// The short form it defines, or `None` when the pattern has no group
    /// and so defines every short form.
    defines: Option<String>,
}

impl FirstReference {
    fn definitions(&self, cx: &CheckContext<'_>) -> Vec<Definition> {
        let has_group = self.definition.groups_len() > 1;
        self.definition
            .find_in(cx.doc)
            .into_iter()
            .filter_map(|found| {
                let whole = found.span.clone();
                if whole.is_empty() || !cx.doc.is_as_written(&whole) {
                    return None;
                }
                let defines = has_group
                    .then(|| {
                        let group = found.groups.get(1).cloned().flatten()?;
                        Some(fold(cx.doc.text.get(group)?, self.ignore_case))
                    })
                    .flatten();
                if has_group && defines.is_none() {
                    return None;
                }
                Some(Definition {
                    span: whole,
                    defines,
                })
            })
            .collect()
    }
}

impl Check for FirstReference {
    fn patterns(&self) -> Vec<&Pattern> {
        vec![&self.short, &self.definition]
    }

    fn check(&self, cx: &mut CheckContext<'_>) {
        let definitions = self.definitions(cx);
        let mut findings = Vec::new();
        for found in self.short.find_in(cx.doc) {
            let span = named(&found);
            if span.is_empty() || !cx.doc.is_as_written(&span) {
                continue;
            }
            let text = cx.text(&span);
            let key = folded(text, self.ignore_case);
            let key = key.as_ref();
            if self
                .exceptions
                .binary_search_by(|exception| exception.as_str().cmp(key))
                .is_ok()
            {
                continue;
            }
            let mut defining = definitions
                .iter()
                .filter(|d| d.defines.as_deref().is_none_or(|defines| defines == key));
            if definitions
                .iter()
                .any(|d| d.span.start <= span.start && span.end <= d.span.end)
            {
                continue;
            }
            let earlier = defining
                .clone()
                .any(|d| d.span.end <= span.start || !self.before);
            if earlier {
                continue;
            }
            let finding = match defining.find(|d| d.span.start >= span.end) {
                Some(later) => Finding::new(span.clone(), "'{match}' is used before it is defined")
                    .label(later.span.clone(), "defined only later, here")
                    .help("write the full form at the first mention"),
                None => Finding::new(span.clone(), "'{match}' has no definition")
                    .help("write the full form at the first mention"),
            };
            findings.push(finding.var("match", text));
        }
        for finding in findings {
            cx.report_finding(finding);
        }
    }
}
