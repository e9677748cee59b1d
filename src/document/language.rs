//! The language of a document: what its front matter says, else what the
//! configuration sets for its path, else the command line or the
//! configuration's `language`, else a guess from its function words
//! (`rules/function-words.toml`), else English.
//!
//! The guess never overrides a language set anywhere, and it says nothing
//! when it is unsure: rules limited to a language then run as they always
//! did on English copy.

use std::collections::HashMap;
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

/// The language whose function words stand out in the first
/// [`SAMPLE_WORDS`] words of the prose, or `None` when none clearly does.
pub fn detect(prose: &str, paragraphs: &[Range<usize>]) -> Option<&'static str> {
    let words = function_words();
    if words.languages.is_empty() {
        return None;
    }
    let mut hits = vec![0usize; words.languages.len()];
    let mut seen = 0;
    let mut lower = String::new();
    'paragraphs: for paragraph in paragraphs {
        let Some(text) = prose.get(paragraph.clone()) else {
            continue;
        };
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.is_empty() {
                continue;
            }
            seen += 1;
            if seen > SAMPLE_WORDS {
                break 'paragraphs;
            }
            if word.len() > words.longest {
                continue;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if let Some(&mask) = words.by_word.get(lower.as_str()) {
                for (index, count) in hits.iter_mut().enumerate() {
                    if mask & (1 << index) != 0 {
                        *count += 1;
                    }
                }
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = hits.iter().copied().enumerate().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (best, best_hits) = ranked[0];
    let runner_up = ranked.get(1).map_or(0, |&(_, hits)| hits);
    (best_hits >= MIN_HITS && best_hits * 10 >= runner_up * MARGIN_TENTHS)
        .then(|| words.languages[best].as_str())
}

/// `rules/function-words.toml`, indexed: each word with the set of
/// languages (bits by index into `languages`) whose lists hold it.
struct FunctionWords {
    languages: Vec<String>,
    by_word: HashMap<String, u64>,
    /// The byte length of the longest word, to skip longer ones unread.
    longest: usize,
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
            by_word: HashMap::new(),
            longest: 0,
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
            for word in list.words {
                let word = word.to_lowercase();
                words.longest = words.longest.max(word.len());
                *words.by_word.entry(word).or_insert(0) |= 1 << index;
            }
        }
        words
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_text(text: &str) -> Option<&'static str> {
        detect(text, &[0..text.len()])
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
            settle(None, "a.txt", &settings, text, &[0..text.len()]),
            ("en".to_string(), LanguageSource::Setting)
        );
        assert_eq!(
            settle(Some("de"), "a.txt", &settings, text, &[0..text.len()]),
            ("de".to_string(), LanguageSource::FrontMatter)
        );
        let detected = settle(None, "a.txt", &crate::document::DocumentOptions::default(), text, &[0..text.len()]);
        assert_eq!(detected, ("fr".to_string(), LanguageSource::Detected));
    }
}
