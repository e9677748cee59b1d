//! Applying fixes to a text. The engine's `Linter::fix_until_stable` applies
//! them round after round until the text settles.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Fix};

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Only fixes marked safe (`--fix`).
    Safe,
    /// Safe and unsafe fixes (rule examples show both).
    All,
}

/// Apply the fixes of `diagnostics` to `text`. A fix whose edits overlap an
/// edit already taken is skipped whole (a later round may apply it). Returns
/// the new text and how many fixes were applied.
pub fn apply(text: &str, diagnostics: &[Diagnostic], mode: FixMode) -> (String, usize) {
    let (taken, applied) = plan(
        text,
        diagnostics.iter().filter_map(|d| d.fix.as_ref()),
        mode,
    );
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for (span, replacement) in taken {
        out.push_str(&text[cursor..span.start]);
        out.push_str(replacement);
        cursor = span.end;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// The edits [`apply`] would make with `fixes`, in position order, and how
/// many fixes they come from.
pub fn plan<'f>(
    text: &str,
    fixes: impl IntoIterator<Item = &'f Fix>,
    mode: FixMode,
) -> (Vec<(Range<usize>, &'f str)>, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|fix| match mode {
            FixMode::Safe => fix.applicability == Applicability::Safe,
            FixMode::All => fix.applicability != Applicability::DisplayOnly,
        })
        .filter(|fix| {
            let edits: Vec<_> = fix.edits().map(|(span, _)| span).collect();
            let in_text = edits.iter().all(|span| {
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end)
            });
            in_text && edits.windows(2).all(|pair| !conflicts(pair[0], pair[1]))
        })
        .collect();
    fixes.sort_by_key(|fix| (fix.span.start, fix.span.end));
    // Taken edits by start offset; they never conflict with one another, so a
    // new edit need only be tested against its two neighbours.
    let mut taken: BTreeMap<usize, (usize, &str)> = BTreeMap::new();
    let mut applied = 0;
    for fix in fixes {
        let free = fix.edits().all(|(span, _)| {
            let previous = taken.range(..=span.start).next_back();
            let next = taken.range(span.start..).next();
            [previous, next]
                .into_iter()
                .flatten()
                .all(|(start, (end, _))| !conflicts(span, &(*start..*end)))
        });
        if !free {
            continue;
        }
        for (span, replacement) in fix.edits() {
            taken.insert(span.start, (span.end, replacement));
        }
        applied += 1;
    }
    let edits = taken
        .into_iter()
        .map(|(start, (end, replacement))| (start..end, replacement))
        .collect();
    (edits, applied)
}

/// Two edits conflict when they overlap, or insert at the same place (their
/// order would be a guess).
fn conflicts(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn fix(start: usize, end: usize, with: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::new("t.t", Severity::Warning, start..end, "m").with_fix(
            start..end,
            with,
            applicability,
        )
    }

    #[test]
    fn overlapping_and_unsafe_fixes_are_skipped() {
        let text = "Kiev and Kiev";
        let diagnostics = [
            fix(0, 4, "Kyiv", Applicability::Safe),
            fix(2, 6, "zz", Applicability::Safe),
            fix(9, 13, "Kyiv", Applicability::Unsafe),
        ];
        assert_eq!(
            apply(text, &diagnostics, FixMode::Safe),
            ("Kyiv and Kiev".into(), 1)
        );
        assert_eq!(
            apply(text, &diagnostics, FixMode::All),
            ("Kyiv and Kyiv".into(), 2)
        );
    }

    #[test]
    fn a_multi_place_fix_is_applied_whole_or_not_at_all() {
        let text = "x'a' and 'b'";
        let all_marks = Diagnostic::new("t.t", Severity::Warning, 1..2, "m").with_fix_edits(
            [1, 3, 9, 11]
                .iter()
                .map(|&i| crate::diagnostic::Edit {
                    span: i..i + 1,
                    replacement: "’".into(),
                })
                .collect(),
            Applicability::Safe,
        );
        assert_eq!(
            apply(text, std::slice::from_ref(&all_marks), FixMode::Safe),
            ("x’a’ and ’b’".into(), 1)
        );
        // An earlier fix takes the first mark: none of the others change.
        let clash = fix(0, 2, "y", Applicability::Safe);
        assert_eq!(
            apply(text, &[all_marks, clash], FixMode::Safe),
            ("ya' and 'b'".into(), 1)
        );
    }

    #[test]
    fn fixes_outside_the_text_are_ignored() {
        let diagnostics = [fix(3, 99, "x", Applicability::Safe)];
        assert_eq!(apply("abc", &diagnostics, FixMode::Safe), ("abc".into(), 0));
    }
}
