//! Plain text: paragraphs separated by blank lines or opened by an indent, as in wire copy.

use std::ops::Range;

use super::quotes::is_quote_char;

/// Paragraph ranges of `text[body_start..]`, trimmed of surrounding white space.
///
/// A paragraph ends at a blank line, and also where a line opens with an indent
/// after a non-indented or indented line: Reuters-style copy marks paragraphs
/// that way without blank lines.
pub fn paragraphs(text: &str, body_start: usize) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.trim_end().is_empty() {
            if let Some(paragraph) = current.take() {
                paragraphs.push(paragraph);
            }
            continue;
        }
        let indent = content.len() - trimmed.len();
        let starts_new = indent >= 2 || content.starts_with('\t');
        let start = line_start + indent;
        let end = line_start + content.trim_end().len();
        match current.as_mut() {
            Some(paragraph) if !starts_new => paragraph.end = end,
            _ => {
                if let Some(paragraph) = current.take() {
                    paragraphs.push(paragraph);
                }
                current = Some(start..end);
            }
        }
    }
    if let Some(paragraph) = current {
        paragraphs.push(paragraph);
    }
    paragraphs
}

/// A plain-text headline: the first paragraph, when it is a single line that does
/// not end like a sentence (wire headlines carry no final stop).
///
/// Closing quotation marks are looked past (`said "no."` ends like a sentence,
/// `UK 'risks breaking golden rule'` like a headline), and every mark the same
/// way: were `’` a stop and `'` not, a fix from straight to curly marks would
/// turn a headline into body copy, which other rules then judge.
pub fn headline(text: &str, paragraphs: &[Range<usize>]) -> Option<Range<usize>> {
    let first = paragraphs.first()?;
    let candidate = &text[first.clone()];
    if candidate.contains('\n') || paragraphs.len() < 2 {
        return None;
    }
    let ends_like_sentence = candidate
        .trim_end_matches(is_quote_char)
        .ends_with(['.', '!', '?', ':', ',']);
    (!ends_like_sentence).then(|| first.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_and_indents_separate_paragraphs() {
        let text = "HEADLINE HERE\n\nCITY, Feb 26 - First\nline goes on.\n    Second para\ncontinues.\n\nThird.";
        let found: Vec<&str> = paragraphs(text, 0).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "HEADLINE HERE",
                "CITY, Feb 26 - First\nline goes on.",
                "Second para\ncontinues.",
                "Third."
            ]
        );
        assert_eq!(
            headline(text, &paragraphs(text, 0)).map(|r| &text[r]),
            Some("HEADLINE HERE")
        );
    }

    #[test]
    fn a_headline_may_end_in_any_closing_mark() {
        for (first, is_headline) in [
            ("UK 'risks breaking golden rule'", true),
            ("UK ‘risks breaking golden rule’", true),
            ("Minister says \"no\"", true),
            ("He said \"no.\"", false),
            ("He said “no.”", false),
            ("He said ‘no.’", false),
            ("He said 'no.'", false),
        ] {
            let text = format!("{first}\n\nBody.");
            assert_eq!(
                headline(&text, &paragraphs(&text, 0)).is_some(),
                is_headline,
                "{first}"
            );
        }
    }

    #[test]
    fn crlf_paragraphs_exclude_carriage_returns() {
        let text = "One line.\r\n\r\nTwo line.\r\n";
        let found: Vec<&str> = paragraphs(text, 0).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["One line.", "Two line."]);
    }
}
