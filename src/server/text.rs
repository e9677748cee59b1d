//! Positions as the client counts them: a line, and a column in the code
//! units of the encoding negotiated at start (UTF-16 unless the client offers
//! UTF-8), turned into byte offsets of the text and back.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// How the client counts columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: what every client understands.
    Utf16,
}

impl Encoding {
    fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        }
    }
}

/// Where each line of a text starts, so that a position is found without
/// scanning the text from its start.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`'s lines (ended by `\n`; a `\r` before it stays on
    /// its line and is never counted into a column the client can reach).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1));
        LineIndex { starts }
    }

    /// The position of byte `offset` of `text`; an offset inside a
    /// character counts from the character's start, one past the end is the
    /// end.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character = text[start..offset].chars().map(|c| encoding.width(c)).sum();
        Position::new(line as u32, character)
    }

    /// The byte offset of `position` in `text`. A column past the end of its
    /// line is the line's end; a column inside a character (half of a
    /// surrogate pair) is the character's start; a line past the last is the
    /// end of the text.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next - 1);
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut counted = 0;
        for (at, c) in line.char_indices() {
            let width = encoding.width(c);
            if counted + width > position.character {
                return start + at;
            }
            counted += width;
        }
        start + line.len()
    }

    /// The range of bytes `span` of `text`.
    pub fn range(&self, text: &str, span: &std::ops::Range<usize>, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end.max(span.start), encoding),
        )
    }

    /// The bytes of `text` a client's range covers, in order.
    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> std::ops::Range<usize> {
        let start = self.offset(text, range.start, encoding);
        let end = self.offset(text, range.end, encoding);
        start.min(end)..start.max(end)
    }
}

/// Apply the client's edits, in the order sent, to `text`.
pub fn apply_changes(
    text: &mut String,
    changes: Vec<TextDocumentContentChangeEvent>,
    encoding: Encoding,
) {
    for change in changes {
        match change.range {
            Some(range) => {
                let index = LineIndex::new(text);
                let span = index.span(text, range, encoding);
                text.replace_range(span, &change.text);
            }
            None => *text = change.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Сеул\r\n한국 😀 e\u{301}x\nend";

    #[test]
    fn positions_round_trip_on_every_character_boundary() {
        let index = LineIndex::new(TEXT);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            // The `\n` of a `\r\n` is no place a client can name.
            let reachable = TEXT
                .char_indices()
                .filter(|&(at, c)| !(c == '\n' && TEXT[..at].ends_with('\r')));
            for (offset, _) in reachable {
                let position = index.position(TEXT, offset, encoding);
                assert_eq!(
                    index.offset(TEXT, position, encoding),
                    offset,
                    "{encoding:?}"
                );
            }
        }
    }

    #[test]
    fn columns_count_code_units_of_the_encoding() {
        let index = LineIndex::new(TEXT);
        let x = TEXT.find('x').unwrap();
        // 한국, space, 😀 (a surrogate pair in UTF-16), space, e + combining acute.
        assert_eq!(
            index.position(TEXT, x, Encoding::Utf16),
            Position::new(1, 8)
        );
        assert_eq!(
            index.position(TEXT, x, Encoding::Utf8),
            Position::new(1, 15)
        );
        // The first line's \r is not a column.
        assert_eq!(index.offset(TEXT, Position::new(0, 99), Encoding::Utf16), 8);
        // Half of the emoji's pair is the emoji.
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(
            index.offset(TEXT, Position::new(1, 4), Encoding::Utf16),
            emoji
        );
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut text = "Сеул, Kazakhstan\n".to_string();
        let change = |line, from, to, new: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, from),
                Position::new(line, to),
            )),
            range_length: None,
            text: new.to_string(),
        };
        apply_changes(
            &mut text,
            vec![change(0, 6, 16, "Korea"), change(0, 0, 4, "Seoul")],
            Encoding::Utf16,
        );
        assert_eq!(text, "Seoul, Korea\n");
    }
}
