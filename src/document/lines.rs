//! Byte offset to line/column conversion, shared by every renderer.

/// Line starts of a text, so that any byte offset maps to a 1-based line and a
/// 1-based column counted in characters. Works for LF and CRLF alike because a
/// line is everything after a `\n`.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// A leading byte-order mark is not part of the first line's columns.
    bom_len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex { starts, bom_len }
    }

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
        let mut start = self.starts[line];
        if line == 0 {
            start = start.max(self.bom_len.min(offset));
        }
        let column = text[start..offset].chars().count() + 1;
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn out_of_range_and_mid_character_offsets_are_clamped() {
        let text = "é\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), (1, 1));
        assert_eq!(index.line_col(text, 99), (2, 2));
    }
}
