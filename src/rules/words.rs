//! Words and syllables of prose, as the counting kinds see them.

use std::ops::Range;

/// The words of `prose[range]`, as byte ranges of the file: runs of letters
/// and digits, joined across an apostrophe or hyphen that stands between
/// two of them ("don't", "well-known" and "3.5" are one word each).
pub fn words(prose: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = prose.get(range.clone()) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = slice.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_alphanumeric() {
            start.get_or_insert(at);
            continue;
        }
        let joins = matches!(c, '\'' | '’' | '-' | '.' | ',')
            && start.is_some()
            && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric())
            && (!matches!(c, '.' | ',') || slice[..at].ends_with(|p: char| p.is_ascii_digit()));
        if joins {
            continue;
        }
        if let Some(begin) = start.take() {
            found.push(range.start + begin..range.start + at);
        }
    }
    if let Some(begin) = start {
        found.push(range.start + begin..range.end);
    }
    found
}

/// An estimate of the syllables of `word`: its groups of vowels, less a
/// silent final "e", and at least one. Readability formulas were fitted to
/// counts of this precision.
pub fn syllables(word: &str) -> usize {
    let lower = word.to_lowercase();
    let letters: Vec<char> = lower.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return 0;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é' | 'à' | 'è');
    let mut groups = 0;
    let mut previous_vowel = false;
    for &c in &letters {
        let vowel = is_vowel(c);
        if vowel && !previous_vowel {
            groups += 1;
        }
        previous_vowel = vowel;
    }
    let n = letters.len();
    // "make" has one syllable, "table" two: a final "e" after a consonant
    // is silent unless it closes a consonant and "le".
    let silent_e = n > 2 && letters[n - 1] == 'e' && !is_vowel(letters[n - 2]) && {
        let consonant_le = letters[n - 2] == 'l' && !is_vowel(letters[n - 3]);
        !consonant_le
    };
    if silent_e && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(prose: &str) -> Vec<&str> {
        words(prose, 0..prose.len())
            .into_iter()
            .map(|r| &prose[r])
            .collect()
    }

    #[test]
    fn words_keep_contractions_hyphens_and_decimals_whole() {
        assert_eq!(
            texts("Don't stop — a well-known 3.5% rise, then 1,000 more."),
            [
                "Don't",
                "stop",
                "a",
                "well-known",
                "3.5",
                "rise",
                "then",
                "1,000",
                "more"
            ]
        );
    }

    #[test]
    fn syllables_count_vowel_groups() {
        assert_eq!(syllables("cat"), 1);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("organization"), 5);
        assert_eq!(syllables("2024"), 0);
    }
}
