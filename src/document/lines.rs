//! Byte offset to line/column conversion, shared by every renderer.

/// Line starts of a text, so that any byte offset maps to a 1-based line and a
/// 1-based column counted in characters. Works for LF and CRLF alike because a
/// line is everything after a `\n`.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// A leading byte-order mark is not part of the first line's columns.
    bom_len: usize,
    /// In lines longer than [`CHECKPOINT_EVERY`] bytes: (offset, characters
    /// from its line's start to it), so that a column far into a long line is
    /// counted from the nearest checkpoint and not from the line's start (which
    /// made every finding in a one-line file cost the length of the file).
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT_EVERY: usize = 4 * 1024;

impl LineIndex {
    /// Index the lines of `text`, once per file.
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut checkpoints = Vec::new();
        for (line, &start) in starts.iter().enumerate() {
            let end = starts.get(line + 1).copied().unwrap_or(text.len());
            let (mut at, mut chars) = (start, 0);
            while end - at > CHECKPOINT_EVERY {
                let mut next = at + CHECKPOINT_EVERY;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                chars += text[at..next].chars().count();
                checkpoints.push((next, chars));
                at = next;
            }
        }
        LineIndex {
            starts,
            bom_len,
            checkpoints,
        }
    }

    /// Characters from the start of the line that starts at `line_start` to `offset`.
    fn chars_into_line(&self, text: &str, line_start: usize, offset: usize) -> usize {
        let after = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        match after.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((at, chars)) if at > line_start => chars + text[at..offset].chars().count(),
            _ => text[line_start..offset].chars().count(),
        }
    }

    /// How many lines the text has; a final line ending starts an empty last line.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0)
    }

    /// Byte range of 0-based `line`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    /// Offsets past the end or inside a character are clamped to a boundary.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let line_start = self.starts[line];
        let mut start = line_start;
        if line == 0 {
            start = start.max(self.bom_len.min(offset));
        }
        let skipped = text[line_start..start].chars().count();
        let column = self.chars_into_line(text, line_start, offset) - skipped + 1;
        (line + 1, column)
    }
}

/// Lines and columns of offsets taken mostly in order, as a file's
/// findings come: each is counted on from the one before (the newlines and
/// characters between them), so a file is read once up to its last
/// finding and no index of its lines is built. An offset before the one
/// before is found in a [`LineIndex`], built the first time one is needed.
pub struct LineCursor<'t> {
    text: &'t str,
    /// The last offset counted to, at or past the byte-order mark.
    at: usize,
    /// Its 0-based line, and the characters from its line's start (after
    /// the byte-order mark on the first line) to it.
    line: usize,
    chars: usize,
    index: Option<LineIndex>,
}

impl<'t> LineCursor<'t> {
    /// A cursor at the start of `text`'s first line.
    pub fn new(text: &'t str) -> Self {
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineCursor {
            text,
            at: bom_len,
            line: 0,
            chars: 0,
            index: None,
        }
    }

    /// What [`LineIndex::line_col`] gives for `offset`.
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.at {
            let index = self.index.get_or_insert_with(|| LineIndex::new(text));
            let (line, column) = index.line_col(text, offset);
            // Offsets inside the byte-order mark are column 1 of a line
            // whose characters are counted from past it.
            if offset >= index.bom_len {
                (self.at, self.line, self.chars) = (offset, line - 1, column - 1);
            }
            return (line, column);
        }
        let between = &text.as_bytes()[self.at..offset];
        match memchr::memrchr(b'\n', between) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', between).count();
                self.chars = text[self.at + last + 1..offset].chars().count();
            }
            None => self.chars += text[self.at..offset].chars().count(),
        }
        self.at = offset;
        (self.line + 1, self.chars + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_gives_what_the_index_gives_in_and_out_of_order() {
        let mut long = String::from("\u{feff}");
        for i in 0..3_000 {
            long.push_str(if i % 3 == 0 {
                "Türkiye “said” "
            } else {
                "said\r\nso "
            });
        }
        let texts = [
            "one\ntwo words\r\nthree\n\n\nfour é\n".to_string(),
            "\u{feff}Türkiye said\nnext".to_string(),
            "\u{feff}".to_string(),
            "é\nx".to_string(),
            String::new(),
            long,
        ];
        for text in &texts {
            let index = LineIndex::new(text);
            let len = text.len();
            let step = (len / 97).max(1);
            let in_order: Vec<usize> = (0..len + 3).step_by(step).collect();
            let mut shuffled = in_order.clone();
            shuffled.reverse();
            shuffled.extend([0, 1, 2, 3, 4, len / 2, len / 2 + 1, len, 2, 0, len + 5]);
            shuffled.extend(in_order.iter().copied());
            for offsets in [&in_order, &shuffled] {
                let mut cursor = LineCursor::new(text);
                for &offset in offsets {
                    assert_eq!(
                        cursor.line_col(offset),
                        index.line_col(text, offset),
                        "offset {offset} of {:?}",
                        &text[..text.len().min(30)]
                    );
                }
            }
        }
    }

    #[test]
    fn lf_and_crlf_give_the_same_positions() {
        let lf = "one\ntwo words\nthree";
        let crlf = "one\r\ntwo words\r\nthree";
        let lf_index = LineIndex::new(lf);
        let crlf_index = LineIndex::new(crlf);
        assert_eq!(lf_index.line_col(lf, lf.find("words").unwrap()), (2, 5));
        assert_eq!(
            crlf_index.line_col(crlf, crlf.find("words").unwrap()),
            (2, 5)
        );
        assert_eq!(
            crlf_index.line_col(crlf, crlf.find("three").unwrap()),
            (3, 1)
        );
        assert_eq!(crlf_index.line_range(crlf, 1), 5..14);
    }

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let text = "\u{feff}Türkiye said";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, text.find("said").unwrap()), (1, 9));
        assert_eq!(index.line_col(text, 3), (1, 1));
    }

    #[test]
    fn columns_deep_in_long_lines_are_counted_from_checkpoints() {
        let mut text = String::from("\u{feff}");
        for i in 0..20_000 {
            text.push_str(if i % 3 == 0 {
                "Türkiye “said” "
            } else {
                "said so "
            });
        }
        text.push_str("\nnext");
        let index = LineIndex::new(&text);
        assert!(index.checkpoints.len() > 5);
        for offset in (0..text.len()).step_by(997).chain([text.len()]) {
            let mut offset = offset;
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let line = index.line_of(offset);
            let start = if line == 0 {
                3.min(offset)
            } else {
                index.starts[line]
            };
            let expected = (line + 1, text[start..offset].chars().count() + 1);
            assert_eq!(index.line_col(&text, offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn out_of_range_and_mid_character_offsets_are_clamped() {
        let text = "é\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), (1, 1));
        assert_eq!(index.line_col(text, 99), (2, 2));
    }
}
