//! The language of a document: what its front matter says, else what the
//! configuration sets for its path, else the command line or the
//! configuration's `language`, else a guess from its function words
//! (`rules/function-words.toml`), else English.
//!
//! The guess never overrides a language set anywhere, and it says nothing
//! when it is unsure: rules limited to a language then run as they always
//! did on English copy.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use globset::GlobSet;
use serde::Deserialize;

/// The language of a document whose language nothing sets or detects.
pub const DEFAULT_LANGUAGE: &str = "en";

/// Where a document's language came from, most explicit first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LanguageSource {
    /// The document's own `lang` or `language` field.
    FrontMatter,
    /// A `[[per-path]]` entry of the configuration whose globs match the path.
    PathConfiguration,
    /// `--language`, else the configuration's `language`.
    Setting,
    /// Guessed from the function words of the prose.
    Detected,
    /// Nothing said or detected: [`DEFAULT_LANGUAGE`].
    Default,
}

/// Languages the configuration sets for some paths (`[[per-path]]` entries
/// with a `language`), matched in the configuration's order, the first match
/// winning.
#[derive(Clone, Debug, Default)]
pub struct PathLanguages {
    /// The folder the globs are relative to.
    pub root: PathBuf,
    /// The globs of each entry and the language it sets.
    pub entries: Vec<(GlobSet, String)>,
}

impl PathLanguages {
    /// The language set for `path` (as shown), if an entry matches it.
    pub fn for_path(&self, path: &str) -> Option<&str> {
        if self.entries.is_empty() {
            return None;
        }
        let relative = crate::paths::relative_to(Path::new(path), &self.root);
        self.entries
            .iter()
            .find(|(globs, _)| globs.is_match(&relative))
            .map(|(_, language)| language.as_str())
    }
}

/// The primary subtag of a language tag, lower case: `de-CH` is `de`.
pub fn primary_subtag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or(DEFAULT_LANGUAGE)
        .to_ascii_lowercase()
}

/// The language of the document at `path` and where it came from:
/// `written` in its metadata, else set by `options`, else detected.
pub fn settle(
    written: Option<&str>,
    path: &str,
    options: &super::DocumentOptions,
    prose: &str,
    paragraphs: &[Range<usize>],
) -> (String, LanguageSource) {
    let explicit = written
        .map(|tag| (tag, LanguageSource::FrontMatter))
        .or_else(|| {
            options
                .path_languages
                .for_path(path)
                .map(|tag| (tag, LanguageSource::PathConfiguration))
        })
        .or_else(|| {
            options
                .language
                .as_deref()
                .map(|tag| (tag, LanguageSource::Setting))
        })
        .map(|(tag, source)| (primary_subtag(tag), source))
        .filter(|(language, _)| !language.is_empty());
    if let Some(settled) = explicit {
        return settled;
    }
    match detect(prose, paragraphs) {
        Some(language) => (language.to_string(), LanguageSource::Detected),
        None => (DEFAULT_LANGUAGE.to_string(), LanguageSource::Default),
    }
}

/// How many words of a document detection reads at most: enough for a
/// clear majority, and a bounded cost however long the document.
const SAMPLE_WORDS: usize = 400;

/// Function words one language must have in the sample, at least, to be chosen.
const MIN_HITS: usize = 6;

/// The winner must have this many times the hits of the runner-up, counted
/// in tenths: 1.5 times.
const MARGIN_TENTHS: usize = 15;

/// Hits after which a language leading the runner-up by [`CLEAR_LEAD`]
/// times is taken without reading the rest of the sample.
const CLEAR_HITS: usize = 15;

/// See [`CLEAR_HITS`].
const CLEAR_LEAD: usize = 3;

/// The language whose function words stand out in the first
/// few hundred words of the prose, or `None` when none clearly does.
pub fn detect(prose: &str, paragraphs: &[Range<usize>]) -> Option<&'static str> {
    let words = function_words();
    if words.languages.is_empty() {
        return None;
    }
    let mut hits = vec![0usize; words.languages.len()];
    let mut seen = 0;
    'paragraphs: for paragraph in paragraphs {
        let Some(text) = prose.get(paragraph.clone()) else {
            continue;
        };
        for word in alphabetic_words(text) {
            seen += 1;
            if seen > SAMPLE_WORDS {
                break 'paragraphs;
            }
            let Some(mask) = word_key(word).and_then(|key| words.by_word.get(&key)) else {
                continue;
            };
            for (index, count) in hits.iter_mut().enumerate() {
                if mask & (1 << index) != 0 {
                    *count += 1;
                }
            }
            let (best, runner_up) = leaders(&hits);
            if best.1 >= CLEAR_HITS && best.1 >= runner_up * CLEAR_LEAD {
                break 'paragraphs;
            }
        }
    }
    let ((best, best_hits), runner_up) = leaders(&hits);
    (best_hits >= MIN_HITS && best_hits * 10 >= runner_up * MARGIN_TENTHS)
        .then(|| words.languages[best].as_str())
}

/// The runs of alphabetic characters of `text`, in order: what splitting
/// at every other character and dropping the empty pieces gives, with ASCII
/// bytes tested without decoding them.
fn alphabetic_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    // Whether the character at `at` is alphabetic, and its width.
    let class_at = move |at: usize| match bytes.get(at) {
        Some(&byte) if byte < 0x80 => Some((byte.is_ascii_alphabetic(), 1)),
        Some(_) => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map(|c| (c.is_alphabetic(), c.len_utf8())),
        None => None,
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some((false, width)) = class_at(at) {
            at += width;
        }
        let start = at;
        while let Some((true, width)) = class_at(at) {
            at += width;
        }
        (at > start).then(|| text.get(start..at)).flatten()
    })
}

/// The language with the most hits (the first in the data on a tie) and
/// its hits, and the hits of the runner-up.
fn leaders(hits: &[usize]) -> ((usize, usize), usize) {
    let mut best = (0, 0);
    let mut runner_up = 0;
    for (index, &count) in hits.iter().enumerate() {
        if count > best.1 {
            runner_up = best.1;
            best = (index, count);
        } else if count > runner_up {
            runner_up = count;
        }
    }
    (best, runner_up)
}

/// The bytes of `word` lower-cased, packed into one number: no function
/// word is longer than 16 bytes, so a longer word is none, and packing
/// spares an allocation and a string hash for every word of the sample.
fn word_key(word: &str) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut bytes = [0u8; 16];
    if word.is_ascii() {
        for (to, from) in bytes.iter_mut().zip(word.bytes()) {
            *to = from.to_ascii_lowercase();
        }
        return Some(u128::from_le_bytes(bytes));
    }
    let mut length = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut utf8 = [0; 4];
        let encoded = c.encode_utf8(&mut utf8).as_bytes();
        bytes
            .get_mut(length..length + encoded.len())?
            .copy_from_slice(encoded);
        length += encoded.len();
    }
    Some(u128::from_le_bytes(bytes))
}

/// Hashes the packed words of [`word_key`]: a multiply folds them, which
/// is all a few hundred fixed keys need.
#[derive(Default)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u128(&mut self, value: u128) {
        let folded = (value as u64) ^ ((value >> 64) as u64).rotate_left(32);
        self.0 = (self.0 ^ folded).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 ^= self.0 >> 29;
    }
}

/// `rules/function-words.toml`, indexed: each word with the set of
/// languages (bits by index into `languages`) whose lists hold it.
struct FunctionWords {
    languages: Vec<String>,
    by_word: HashMap<u128, u64, BuildHasherDefault<WordHasher>>,
}

#[derive(Deserialize)]
struct WordFile {
    language: std::collections::BTreeMap<String, WordList>,
}

#[derive(Deserialize)]
struct WordList {
    words: Vec<String>,
}

fn function_words() -> &'static FunctionWords {
    static WORDS: OnceLock<FunctionWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let file: Option<WordFile> =
            toml::from_str(include_str!("../../rules/function-words.toml")).ok();
        let mut words = FunctionWords {
            languages: Vec::new(),
            by_word: HashMap::default(),
        };
        // At most 64 languages fit the bit sets; the file has far fewer.
        for (index, (language, list)) in file
            .map(|f| f.language)
            .unwrap_or_default()
            .into_iter()
            .take(64)
            .enumerate()
        {
            words.languages.push(language);
            for key in list.words.iter().filter_map(|word| word_key(word)) {
                *words.by_word.entry(key).or_insert(0) |= 1 << index;
            }
        }
        words
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_text(text: &str) -> Option<&'static str> {
        detect(text, std::slice::from_ref(&(0..text.len())))
    }

    #[test]
    fn each_language_of_the_data_is_told_from_the_others() {
        let samples = [
            ("en", "The minister said that the talks with the union would go on for a week, and that he was sure of it."),
            ("fr", "Le ministre a dit que les discussions avec le syndicat dureraient une semaine et qu'il en était sûr."),
            ("de", "Der Minister sagte, dass die Gespräche mit der Gewerkschaft noch eine Woche dauern würden und er sich sicher sei."),
            ("es", "El ministro dijo que las conversaciones con el sindicato durarían una semana y que estaba seguro de ello por su parte."),
            ("ru", "Министр сказал, что переговоры с профсоюзом продлятся неделю и что он в этом уверен, как и его коллеги."),
        ];
        for (language, text) in samples {
            assert_eq!(detect_text(text), Some(language), "{text}");
        }
    }

    #[test]
    fn words_are_the_alphabetic_runs() {
        for text in [
            "",
            "   ",
            "Le ministre a dit qu'il en était sûr.",
            "Министр сказал, что — «да»…",
            "a1b2_c  d\r\ne\u{301}f 2023 x",
            "ends with a word",
            "½ ⅓ ǅ ß 中文 字",
        ] {
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|word| !word.is_empty())
                .collect();
            assert_eq!(
                alphabetic_words(text).collect::<Vec<_>>(),
                split,
                "{text:?}"
            );
        }
    }

    #[test]
    fn too_little_text_is_not_guessed() {
        assert_eq!(detect_text("Seoul talks"), None);
        assert_eq!(detect_text(""), None);
        assert_eq!(detect_text("12 34 56"), None);
    }

    #[test]
    fn only_the_sample_is_read() {
        let english = "the cat and the dog of the house ".repeat(100);
        let french = "le chat et le chien de la maison ".repeat(1000);
        let text = format!("{english}{french}");
        assert_eq!(detect_text(&text), Some("en"));
    }

    #[test]
    fn an_explicit_language_is_never_overridden() {
        let text = "Le ministre a dit que les discussions avec le syndicat dureraient une semaine et qu'il en était sûr.";
        let settings = crate::document::DocumentOptions {
            language: Some("en-GB".to_string()),
            ..crate::document::DocumentOptions::default()
        };
        assert_eq!(
            settle(
                None,
                "a.txt",
                &settings,
                text,
                std::slice::from_ref(&(0..text.len()))
            ),
            ("en".to_string(), LanguageSource::Setting)
        );
        assert_eq!(
            settle(
                Some("de"),
                "a.txt",
                &settings,
                text,
                std::slice::from_ref(&(0..text.len()))
            ),
            ("de".to_string(), LanguageSource::FrontMatter)
        );
        let detected = settle(
            None,
            "a.txt",
            &crate::document::DocumentOptions::default(),
            text,
            std::slice::from_ref(&(0..text.len())),
        );
        assert_eq!(detected, ("fr".to_string(), LanguageSource::Detected));
    }
}
