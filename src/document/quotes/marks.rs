//! Which characters are quotation marks, how each language pairs them
//! (`rules/quote-marks.toml`), and how a mark sits between its neighbours.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// Every character the pass treats as a possible quotation mark or apostrophe.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '‘'
            | '’'
            | '"'
            | '\''
            | '«'
            | '»'
            | '‹'
            | '›'
            | '„'
            | '‚'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Marks that are written the same at both ends of a quotation.
pub fn is_straight(c: char) -> bool {
    c == '"' || c == '\''
}

/// The single-quote family: the marks that double as apostrophes or stand
/// for the inner level in most styles.
pub fn is_single(c: char) -> bool {
    matches!(c, '‘' | '’' | '\'' | '‚' | '‹' | '›' | '『' | '』')
}

/// The quotation marks of one language, read from `rules/quote-marks.toml`.
#[derive(Debug, Default)]
pub struct LanguageMarks {
    /// Opening mark → the closing marks it accepts, the proper one first.
    pairs: Vec<(char, Vec<char>)>,
    /// Opening marks by depth, outer first, as the language's house style has them.
    levels: Vec<Vec<char>>,
    /// Opening marks whose quotations take a no-break space inside.
    spaced: Vec<char>,
    elisions: Vec<String>,
}

#[derive(Deserialize)]
struct MarkFile {
    default: String,
    language: HashMap<String, LanguageEntry>,
}

#[derive(Deserialize)]
struct LanguageEntry {
    levels: Vec<Vec<String>>,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    spaced: Vec<String>,
    #[serde(default)]
    elisions: Vec<String>,
}

struct MarkTables {
    default: String,
    languages: HashMap<String, LanguageMarks>,
    fallback: LanguageMarks,
}

fn tables() -> &'static MarkTables {
    static TABLES: OnceLock<MarkTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let parsed: Option<MarkFile> =
            toml::from_str(include_str!("../../../rules/quote-marks.toml")).ok();
        let mut languages = HashMap::new();
        let mut default = String::from("en");
        if let Some(file) = parsed {
            default = file.default;
            for (code, entry) in file.language {
                languages.insert(code, LanguageMarks::from_entry(&entry));
            }
        }
        MarkTables {
            default,
            languages,
            fallback: LanguageMarks::from_entry(&LanguageEntry {
                levels: vec![vec!["“”".into()], vec!["‘’".into()]],
                also: Vec::new(),
                spaced: Vec::new(),
                elisions: Vec::new(),
            }),
        }
    })
}

fn pair_chars(pair: &str) -> Option<(char, char)> {
    let mut chars = pair.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(open), Some(close), None) => Some((open, close)),
        _ => None,
    }
}

impl LanguageMarks {
    /// The marks for a primary language subtag; unknown languages read as the default.
    pub fn get(language: &str) -> &'static LanguageMarks {
        let tables = tables();
        tables
            .languages
            .get(language)
            .or_else(|| tables.languages.get(&tables.default))
            .unwrap_or(&tables.fallback)
    }

    fn from_entry(entry: &LanguageEntry) -> LanguageMarks {
        let mut marks = LanguageMarks::default();
        let all_pairs = entry
            .levels
            .iter()
            .flatten()
            .chain(entry.also.iter())
            .filter_map(|p| pair_chars(p))
            .chain([('"', '"'), ('\'', '\'')]);
        for (open, close) in all_pairs {
            match marks.pairs.iter_mut().find(|(o, _)| *o == open) {
                Some((_, closers)) if !closers.contains(&close) => closers.push(close),
                Some(_) => {}
                None => marks.pairs.push((open, vec![close])),
            }
        }
        marks.levels = entry
            .levels
            .iter()
            .map(|level| {
                level
                    .iter()
                    .filter_map(|p| pair_chars(p))
                    .map(|(o, _)| o)
                    .collect()
            })
            .collect();
        marks.spaced = entry
            .spaced
            .iter()
            .filter_map(|s| s.chars().next())
            .collect();
        marks.elisions = entry.elisions.iter().map(|e| e.to_lowercase()).collect();
        marks
    }

    /// Whether `c` opens a quotation in this language.
    pub fn is_opener(&self, c: char) -> bool {
        self.pairs.iter().any(|(o, _)| *o == c)
    }

    /// Whether `c` closes a quotation in this language.
    pub fn is_closer(&self, c: char) -> bool {
        self.pairs.iter().any(|(_, closers)| closers.contains(&c))
    }

    /// Whether `close` ends a quotation opened with `open`. A straight mark
    /// and a curly mark of the same family pair too (“word"), so that copy
    /// mixing the two reads as one quotation, for `quotes.mixed` to report,
    /// rather than as two unpaired marks.
    pub fn closes(&self, open: char, close: char) -> bool {
        let proper = self
            .pairs
            .iter()
            .any(|(o, closers)| *o == open && closers.contains(&close));
        proper
            || match (is_straight(open), is_straight(close)) {
                (true, false) => {
                    self.is_closer(close)
                        && !self.is_opener(close)
                        && is_single(open) == is_single(close)
                }
                (false, true) => is_single(open) == is_single(close),
                _ => false,
            }
    }

    /// The proper closing mark for `open`.
    pub fn closer_of(&self, open: char) -> Option<char> {
        self.pairs
            .iter()
            .find(|(o, _)| *o == open)
            .and_then(|(_, closers)| closers.first().copied())
    }

    /// The opening mark whose proper closer is `close`, if that is another character.
    pub fn opener_of(&self, close: char) -> Option<char> {
        self.pairs
            .iter()
            .find(|(o, closers)| *o != close && closers.first() == Some(&close))
            .map(|(o, _)| *o)
    }

    /// The depth at which the language's house style uses `open` (0 outer).
    pub fn level(&self, open: char) -> Option<usize> {
        self.levels.iter().position(|level| level.contains(&open))
    }

    /// The opening marks of each level, outermost first, as the language's
    /// house style nests them.
    pub fn levels(&self) -> &[Vec<char>] {
        &self.levels
    }

    /// Whether quotations opened with `open` take a no-break space inside.
    pub fn is_spaced(&self, open: char) -> bool {
        self.spaced.contains(&open)
    }

    pub(super) fn is_elision(&self, word: &str) -> bool {
        self.elisions.iter().any(|e| e.eq_ignore_ascii_case(word))
    }
}

/// Which side of a mark is against text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Flank {
    /// Placed as an opening mark: after space or start, before text.
    pub(super) left: bool,
    /// Placed as a closing mark: after text, before space, punctuation or end.
    pub(super) right: bool,
}

impl Flank {
    pub(crate) fn left_only(self) -> bool {
        self.left && !self.right
    }

    pub(crate) fn right_only(self) -> bool {
        self.right && !self.left
    }
}

fn opens_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '¿' | '¡')
        || is_quote_char(c)
}

fn closes_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…' | '—' | '–' | '-' | '/'
        )
        || is_quote_char(c)
}

/// Punctuation that never follows an opening mark or precedes a closing one:
/// `" ,` cannot open and `( "` cannot close.
fn ends_clause(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}')
}

fn starts_clause(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '¿' | '¡')
}

/// How a mark between `prev` and `next` is placed.
pub(crate) fn flank(prev: Option<char>, next: Option<char>) -> Flank {
    Flank {
        left: next.is_some_and(|n| !n.is_whitespace() && !ends_clause(n))
            && prev.is_none_or(opens_space),
        right: prev.is_some_and(|p| !p.is_whitespace() && !starts_clause(p))
            && next.is_none_or(closes_space),
    }
}

pub(super) fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}
