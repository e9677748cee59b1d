//! Applying fixes to a text.

use crate::diagnostic::{Applicability, Diagnostic};

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Only fixes marked safe (`--fix`).
    Safe,
    /// Safe and unsafe fixes (rule examples show both).
    All,
}

/// Apply the fixes of `diagnostics` to `text`, skipping any fix that overlaps
/// one already taken. Returns the new text and how many fixes were applied.
pub fn apply(text: &str, diagnostics: &[Diagnostic], mode: FixMode) -> (String, usize) {
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| match mode {
            FixMode::Safe => fix.applicability == Applicability::Safe,
            FixMode::All => fix.applicability != Applicability::DisplayOnly,
        })
        .filter(|fix| {
            fix.span.start <= fix.span.end
                && fix.span.end <= text.len()
                && text.is_char_boundary(fix.span.start)
                && text.is_char_boundary(fix.span.end)
        })
        .collect();
    fixes.sort_by_key(|fix| (fix.span.start, fix.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for fix in fixes {
        if fix.span.start < cursor {
            continue;
        }
        out.push_str(&text[cursor..fix.span.start]);
        out.push_str(&fix.replacement);
        cursor = fix.span.end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
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
    fn fixes_outside_the_text_are_ignored() {
        let diagnostics = [fix(3, 99, "x", Applicability::Safe)];
        assert_eq!(apply("abc", &diagnostics, FixMode::Safe), ("abc".into(), 0));
    }
}
