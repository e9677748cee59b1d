//! Reading TOML with spans, collecting every problem instead of stopping at the first.
//!
//! Rule sets and configuration files are parsed into `toml`'s spanned `DeTable`
//! and walked by hand: serde's derive would stop at the first mistake and lose
//! the spans of unknown keys.

use std::cell::RefCell;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Severity};

/// Problems found in one TOML file, in the order found.
#[derive(Debug, Default)]
pub struct Problems {
    list: RefCell<Vec<Diagnostic>>,
}

impl Problems {
    /// Add an error with a code (`config.type`, ...) at `span`.
    pub fn error(&self, code: &str, span: Range<usize>, message: impl Into<String>) {
        self.push(Diagnostic::new(code, Severity::Error, span, message));
    }

    /// Add a problem built by the caller (with notes, help or labels).
    pub fn push(&self, diagnostic: Diagnostic) {
        self.list.borrow_mut().push(diagnostic);
    }

    /// Was nothing found?
    pub fn is_empty(&self) -> bool {
        self.list.borrow().is_empty()
    }

    /// The problems, in the order found.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.list.into_inner()
    }
}

/// Parse a TOML document, reporting every syntax error found.
pub fn parse<'i>(text: &'i str, problems: &Problems) -> Option<Spanned<DeTable<'i>>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    for error in &errors {
        let span = error.span().unwrap_or(0..0);
        problems.error(
            "config.syntax",
            span,
            format!("invalid TOML: {}", error.message().trim()),
        );
    }
    errors.is_empty().then_some(table)
}

/// A value and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    /// The value as read.
    pub value: T,
    /// Its byte range in the file.
    pub span: Range<usize>,
}

/// A TOML table being read: every key taken is remembered, so that what is
/// left over at the end can be reported as unknown.
pub struct TableReader<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    taken: Vec<&'a str>,
    problems: &'a Problems,
    /// What the table is, for messages ("rule `style.kiev`").
    what: String,
}

impl<'a, 'i> TableReader<'a, 'i> {
    /// A reader of `table`, which spans `span` in the file; `what` names it
    /// in messages.
    pub fn new(
        table: &'a DeTable<'i>,
        span: Range<usize>,
        problems: &'a Problems,
        what: impl Into<String>,
    ) -> Self {
        TableReader {
            table,
            span,
            taken: Vec::new(),
            problems,
            what: what.into(),
        }
    }

    /// Where the table is written.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Where this reader's problems go, for checks of the caller's own.
    pub fn problems(&self) -> &'a Problems {
        self.problems
    }

    /// Rename the table in messages, once more is known about it (a rule
    /// table is named by its `id` once that is read).
    pub fn set_what(&mut self, what: impl Into<String>) {
        self.what = what.into();
    }

    /// Is `key` written in the table? Does not take it.
    pub fn has(&self, key: &str) -> bool {
        self.table.keys().any(|k| k.get_ref().as_ref() == key)
    }

    /// Take a key's value, whatever its type.
    pub fn get(&mut self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        let (name, value) = self
            .table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)?;
        self.taken.push(name.get_ref().as_ref());
        Some(value)
    }

    fn type_error(&self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        self.problems.error(
            "config.type",
            value.span(),
            format!(
                "`{key}` in {} must be {expected}, not {}",
                self.what,
                value.get_ref().type_str()
            ),
        );
    }

    /// A string; any other type is reported.
    pub fn string(&mut self, key: &str) -> Option<Located<String>> {
        let value = self.get(key)?;
        match value.get_ref().as_str() {
            Some(s) => Some(Located {
                value: s.to_string(),
                span: value.span(),
            }),
            None => {
                self.type_error(key, value, "a string");
                None
            }
        }
    }

    /// A string that must be there: a missing key is reported at the table.
    pub fn required_string(&mut self, key: &str) -> Option<Located<String>> {
        if !self.has(key) {
            self.problems.error(
                "config.missing-key",
                self.span.clone(),
                format!("{} needs the key `{key}`", self.what),
            );
            return None;
        }
        self.string(key)
    }

    /// `true` or `false`; any other type is reported.
    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let value = self.get(key)?;
        let found = value.get_ref().as_bool();
        if found.is_none() {
            self.type_error(key, value, "true or false");
        }
        found
    }

    /// A whole number that fits in an `i64`; anything else is reported.
    pub fn integer(&mut self, key: &str) -> Option<Located<i64>> {
        let value = self.get(key)?;
        let parsed = value
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
        if parsed.is_none() {
            self.type_error(key, value, "a whole number");
        }
        parsed.map(|value_| Located {
            value: value_,
            span: value.span(),
        })
    }

    /// A list of strings; a single string is taken as a list of one.
    pub fn string_list(&mut self, key: &str) -> Option<Vec<Located<String>>> {
        let value = self.get(key)?;
        if let Some(s) = value.get_ref().as_str() {
            return Some(vec![Located {
                value: s.to_string(),
                span: value.span(),
            }]);
        }
        let Some(items) = value.get_ref().as_array() else {
            self.type_error(key, value, "a list of strings");
            return None;
        };
        let mut list = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(s) => list.push(Located {
                    value: s.to_string(),
                    span: item.span(),
                }),
                None => self.type_error(key, item, "a string"),
            }
        }
        Some(list)
    }

    /// A table of string keys to string values, in file order.
    pub fn string_map(&mut self, key: &str) -> Option<Vec<(Located<String>, Located<String>)>> {
        let value = self.get(key)?;
        let Some(table) = value.get_ref().as_table() else {
            self.type_error(key, value, "a table of strings");
            return None;
        };
        let mut entries = Vec::with_capacity(table.len());
        for (name, item) in table.iter() {
            match item.get_ref().as_str() {
                Some(s) => entries.push((
                    Located {
                        value: name.get_ref().to_string(),
                        span: name.span(),
                    },
                    Located {
                        value: s.to_string(),
                        span: item.span(),
                    },
                )),
                None => self.type_error(name.get_ref(), item, "a string"),
            }
        }
        entries.sort_by_key(|(name, _)| name.span.start);
        Some(entries)
    }

    /// A sub-table, read with its own reader.
    pub fn table(&mut self, key: &str) -> Option<TableReader<'a, 'i>> {
        let value = self.get(key)?;
        match value.get_ref().as_table() {
            Some(table) => Some(TableReader::new(
                table,
                value.span(),
                self.problems,
                format!("`{key}` of {}", self.what),
            )),
            None => {
                self.type_error(key, value, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[key]]`), each with its own reader.
    pub fn table_array(&mut self, key: &str) -> Vec<TableReader<'a, 'i>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let Some(items) = value.get_ref().as_array() else {
            self.type_error(key, value, "an array of tables");
            return Vec::new();
        };
        let mut tables = Vec::new();
        for (index, item) in items.iter().enumerate() {
            match item.get_ref().as_table() {
                Some(table) => tables.push(TableReader::new(
                    table,
                    item.span(),
                    self.problems,
                    format!("`{key}` #{}", index + 1),
                )),
                None => self.type_error(key, item, "a table"),
            }
        }
        tables
    }

    /// Report every key that was neither taken nor in `accepted`, suggesting
    /// the closest accepted key.
    pub fn finish(self, accepted: &[&str]) {
        for (name, _) in self.table.iter() {
            let key = name.get_ref().as_ref();
            if self.taken.contains(&key) || accepted.contains(&key) {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                "config.unknown-key",
                Severity::Error,
                name.span(),
                format!("unknown key `{key}` in {}", self.what),
            );
            if let Some(close) = did_you_mean(key, accepted) {
                diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
            }
            self.problems.push(diagnostic);
        }
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_matches_only() {
        assert_eq!(
            did_you_mean("severty", &["severity", "scope"]),
            Some("severity")
        );
        assert_eq!(did_you_mean("zzz", &["severity", "scope"]), None);
    }

    #[test]
    fn every_problem_is_collected_with_its_span() {
        let text = "id = 3\nname = \"x\"\nsevrity = \"error\"\n";
        let problems = Problems::default();
        let table = parse(text, &problems).unwrap();
        let mut reader = TableReader::new(table.get_ref(), table.span(), &problems, "rule");
        assert!(reader.string("id").is_none());
        assert_eq!(reader.string("name").unwrap().value, "x");
        reader.finish(&["id", "name", "severity"]);
        let found = problems.into_vec();
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].span.clone()], "3");
        assert_eq!(&text[found[1].span.clone()], "sevrity");
        assert_eq!(found[1].help.as_deref(), Some("did you mean `severity`?"));
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let problems = Problems::default();
        assert!(parse("a = \nb = [", &problems).is_none());
        assert!(!problems.is_empty());
    }
}
