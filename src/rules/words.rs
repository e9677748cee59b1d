//! Words and syllables of prose, as the counting kinds see them.

use std::ops::Range;

/// The words of `prose[range]`, as byte ranges of the file: runs of letters
/// and digits, joined across an apostrophe or hyphen that stands between
/// two of them ("don't", "well-known" and "3.5" are one word each).
pub fn words(prose: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    each_word(prose, range, |word| found.push(word));
    found
}

/// Calls `found` with each word of `prose[range]`, as [`words`] lists them:
/// a reader that needs each word once keeps no list of them.
pub fn each_word(prose: &str, range: Range<usize>, mut found: impl FnMut(Range<usize>)) {
    let Some(slice) = prose.get(range.clone()) else {
        return;
    };
    let bytes = slice.as_bytes();
    let is_word_char = |at: usize| match bytes.get(at) {
        Some(byte) if byte.is_ascii() => byte.is_ascii_alphanumeric(),
        Some(_) => slice[at..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric),
        None => false,
    };
    let mut start: Option<usize> = None;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let width = if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                // The rest of an ASCII stretch of the word, at once.
                start.get_or_insert(at);
                at += 1;
                while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
                    at += 1;
                }
                continue;
            }
            if start.is_none() {
                at += 1;
                continue;
            }
            1
        } else {
            let c = slice[at..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            if c.is_alphanumeric() {
                start.get_or_insert(at);
                at += c.len_utf8();
                continue;
            }
            c.len_utf8()
        };
        // An apostrophe (straight or curly) or a hyphen between two word
        // characters joins them; a full stop or comma does too after a
        // digit ("3.5", "1,000").
        let joins = start.is_some()
            && match byte {
                b'\'' | b'-' => true,
                b'.' | b',' => at > 0 && bytes[at - 1].is_ascii_digit(),
                _ => slice[at..].starts_with('’'),
            }
            && is_word_char(at + width);
        if !joins {
            if let Some(begin) = start.take() {
                found(range.start + begin..range.start + at);
            }
        }
        at += width;
    }
    if let Some(begin) = start {
        found(range.start + begin..range.end);
    }
}

/// What readability formulas take from one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordShape {
    /// An estimate of its syllables: its groups of vowels, less a silent
    /// final "e", and at least one when it has a letter. Readability
    /// formulas were fitted to counts of this precision.
    pub syllables: usize,
    /// Letters and digits.
    pub alphanumeric: usize,
    /// Characters of any kind.
    pub chars: usize,
    /// Whether the first character is a capital.
    pub capitalised: bool,
    /// Whether it holds a hyphen.
    pub hyphenated: bool,
}

/// The [`WordShape`] of `word`, read once when it is ASCII (nearly every
/// word of English copy).
pub fn shape(word: &str) -> WordShape {
    let mut syllables = Syllables::default();
    if word.is_ascii() {
        let mut alphanumeric = 0;
        let mut hyphenated = false;
        for &byte in word.as_bytes() {
            if byte.is_ascii_alphabetic() {
                alphanumeric += 1;
                syllables.letter(char::from(byte.to_ascii_lowercase()));
            } else if byte.is_ascii_digit() {
                alphanumeric += 1;
            } else if byte == b'-' {
                hyphenated = true;
            }
        }
        return WordShape {
            syllables: syllables.count(),
            alphanumeric,
            chars: word.len(),
            capitalised: word.as_bytes().first().is_some_and(u8::is_ascii_uppercase),
            hyphenated,
        };
    }
    for c in word.chars() {
        c.to_lowercase().for_each(|lower| syllables.letter(lower));
    }
    WordShape {
        syllables: syllables.count(),
        alphanumeric: word.chars().filter(|c| c.is_alphanumeric()).count(),
        chars: word.chars().count(),
        capitalised: word.chars().next().is_some_and(char::is_uppercase),
        hyphenated: word.contains('-'),
    }
}

/// The word's letters in lower case, read once: how many, their groups of
/// vowels, and the last three.
#[derive(Default)]
struct Syllables {
    letters: usize,
    last: [char; 3],
    groups: usize,
    previous_vowel: bool,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é' | 'à' | 'è')
}

impl Syllables {
    /// Reads one character of the lowered word; only letters count.
    fn letter(&mut self, c: char) {
        if !c.is_alphabetic() {
            return;
        }
        self.letters += 1;
        self.last = [self.last[1], self.last[2], c];
        let vowel = is_vowel(c);
        if vowel && !self.previous_vowel {
            self.groups += 1;
        }
        self.previous_vowel = vowel;
    }

    fn count(&self) -> usize {
        if self.letters == 0 {
            return 0;
        }
        // "make" has one syllable, "table" two: a final "e" after a
        // consonant is silent unless it closes a consonant and "le".
        let [third_last, second_last, final_letter] = self.last;
        let silent_e = self.letters > 2 && final_letter == 'e' && !is_vowel(second_last) && {
            let consonant_le = second_last == 'l' && !is_vowel(third_last);
            !consonant_le
        };
        let groups = if silent_e && self.groups > 1 {
            self.groups - 1
        } else {
            self.groups
        };
        groups.max(1)
    }
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

    fn syllables(word: &str) -> usize {
        shape(word).syllables
    }

    /// The first way `words` was written, kept as the oracle of the
    /// byte-at-a-time one.
    fn words_by_chars(prose: &str, range: Range<usize>) -> Vec<Range<usize>> {
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

    /// The first way `syllables` was written: the word lowered whole.
    fn syllables_by_lowering(word: &str) -> usize {
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
        let silent_e = n > 2 && letters[n - 1] == 'e' && !is_vowel(letters[n - 2]) && {
            let consonant_le = letters[n - 2] == 'l' && !is_vowel(letters[n - 3]);
            !consonant_le
        };
        if silent_e && groups > 1 {
            groups -= 1;
        }
        groups.max(1)
    }

    /// Texts drawn from the characters the two ways could disagree on.
    fn generated_texts() -> Vec<String> {
        let pieces = [
            "a", "e", "E", "l", "t", "y", "x", "3", "0", "'", "’", "-", ".", ",", " ", "\n", "\t",
            "é", "É", "È", "à", "ß", "İ", "Σ", "ς", "σ", "\u{301}", "\u{307}", "東", "½", "²", "٣",
            "—", "“", "”", "\u{a0}", "🙂", "Ǆ", "ﬁ", "le", "able", "make", "Straße",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..4000)
            .map(|_| {
                let len = next() % 24;
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn words_and_syllables_agree_with_their_first_forms() {
        let mut words_seen = 0;
        for text in generated_texts() {
            for range in [0..text.len(), text.len().min(1)..text.len()] {
                if text.get(range.clone()).is_none() {
                    continue;
                }
                let found = words(&text, range.clone());
                assert_eq!(
                    found,
                    words_by_chars(&text, range.clone()),
                    "{text:?} {range:?}"
                );
                words_seen += found.len();
            }
            assert_eq!(syllables(&text), syllables_by_lowering(&text), "{text:?}");
            let whole = text.as_str();
            let read = words(whole, 0..whole.len());
            for word in whole.split(' ').chain(read.into_iter().map(|w| &whole[w])) {
                assert_eq!(syllables(word), syllables_by_lowering(word), "{word:?}");
                let expected = WordShape {
                    syllables: syllables_by_lowering(word),
                    alphanumeric: word.chars().filter(|c| c.is_alphanumeric()).count(),
                    chars: word.chars().count(),
                    capitalised: word.chars().next().is_some_and(char::is_uppercase),
                    hyphenated: word.contains('-'),
                };
                assert_eq!(shape(word), expected, "{word:?}");
            }
        }
        assert!(words_seen > 10_000, "{words_seen}");
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
