//! Where words begin: a word character after anything that is not one.
//!
//! A term that begins with a word character must begin a word, so these are
//! the only places the term scan looks at for such terms.

/// Whether `c` is part of a word, for word boundaries: letters and digits of
/// any script, and the underscore.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Word characters among ASCII bytes (never set for bytes 0x80 and up).
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = (byte as u8).is_ascii_alphanumeric() || byte == b'_' as usize;
        byte += 1;
    }
    table
};

/// Call `visit(offset)` at each byte offset of `text` where a word begins.
#[inline]
pub(super) fn for_each_word_start(text: &str, mut visit: impl FnMut(usize)) {
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut at = 0;
    while at < bytes.len() {
        // Eight ASCII bytes at a time while the state cannot change: all
        // word bytes inside a word, or all non-word bytes outside one.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let same = chunk
                .iter()
                .all(|&b| b < 0x80 && ASCII_WORD[usize::from(b)] == in_word);
            if !same {
                break;
            }
            at += 8;
        }
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        let (is_word, width) = if byte < 0x80 {
            (ASCII_WORD[usize::from(byte)], 1)
        } else {
            match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (is_word_char(c), c.len_utf8()),
                // Not a character boundary: cannot happen in a `str`, and
                // skipping the byte keeps the scan going if it ever did.
                None => (in_word, 1),
            }
        };
        if is_word && !in_word {
            visit(at);
        }
        in_word = is_word;
        at += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<&str> {
        let mut words = Vec::new();
        for_each_word_start(text, |at| {
            let rest = &text[at..];
            let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
            words.push(&rest[..end]);
        });
        words
    }

    #[test]
    fn words_of_any_script_and_length() {
        assert_eq!(
            starts("Séoul, l'Iran; Республика_Корея 2023-02-10\r\nend"),
            [
                "Séoul",
                "l",
                "Iran",
                "Республика_Корея",
                "2023",
                "02",
                "10",
                "end"
            ]
        );
        assert_eq!(
            starts("a fairly long sentence,    with    runs of spaces and ponctuation!!!!!!!!x"),
            [
                "a",
                "fairly",
                "long",
                "sentence",
                "with",
                "runs",
                "of",
                "spaces",
                "and",
                "ponctuation",
                "x"
            ]
        );
        assert_eq!(starts("— «Южнокорейский»…"), ["Южнокорейский"]);
        assert_eq!(starts(""), Vec::<&str>::new());
    }
}
