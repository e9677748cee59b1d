//! What the archive rules keep of one article: a small record made on the
//! worker that linted it, written as one JSON line (`--stats`, shards,
//! `merge`), never the text.

use serde::{Deserialize, Serialize};

/// Where something is in an article: byte offset, 1-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Byte offset in the file.
    pub offset: usize,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// One form of a variant set used in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormUse {
    /// The set's id (`Kyiv`, `per cent`).
    pub set: String,
    /// The form as the set spells it (`Kiev`).
    pub form: String,
    /// How often the article writes it.
    pub count: usize,
    /// Where it first does, with the length of what it wrote.
    pub first: Position,
    /// The length in bytes of the first occurrence.
    pub len: usize,
    /// The house style settles this form itself (see
    /// [`super::VariantSet::settled`]): counted, never reported.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub settled: bool,
}

/// One style an article uses in one dimension (quotes, dates, numbers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StyleUse {
    /// `quotes`, `dates` or `numbers`.
    pub dimension: String,
    /// The style the article mostly uses (`straight`, `curly`).
    pub style: String,
    /// How many marks or expressions of that style it has.
    pub count: usize,
    /// How many in the dimension's other styles.
    pub others: usize,
    /// The first of that style.
    pub first: Position,
}

/// `text` holds `value`, in the room it had: a record is made, and read
/// back, in the strings of the one before ([`super::observe::give_back`]).
pub(super) fn refill(text: &mut String, value: &str) {
    text.clear();
    text.push_str(value);
}

impl StyleUse {
    /// Puts a style at `index` of `list`: over the one there, in the room
    /// of its strings (records are made and read back one over another),
    /// or after the last.
    pub(crate) fn put(
        list: &mut Vec<StyleUse>,
        index: usize,
        (dimension, style): (&str, &str),
        count: usize,
        others: usize,
        first: Position,
    ) {
        match list.get_mut(index) {
            Some(kept) => {
                refill(&mut kept.dimension, dimension);
                refill(&mut kept.style, style);
                (kept.count, kept.others, kept.first) = (count, others, first);
            }
            None => list.push(StyleUse {
                dimension: dimension.to_string(),
                style: style.to_string(),
                count,
                others,
                first,
            }),
        }
    }
}

/// The capitalised names of a record, each with how often the article
/// writes it and where it first does: kept in one string, not a string
/// each (allocating one per name cost more than finding the names). In
/// JSON, a list of `[name, count, position]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    text: String,
    /// Where each name ends in `text`, its count and first position.
    entries: Vec<(usize, usize, Position)>,
}

impl Names {
    /// Room for `names` names of `bytes` bytes in all.
    pub fn with_capacity(names: usize, bytes: usize) -> Names {
        Names {
            text: String::with_capacity(bytes),
            entries: Vec::with_capacity(names),
        }
    }

    /// Room for `names` more names of `bytes` more bytes in all.
    pub fn reserve(&mut self, names: usize, bytes: usize) {
        self.text.reserve(bytes);
        self.entries.reserve(names);
    }

    /// Adds a name.
    pub fn push(&mut self, name: &str, count: usize, first: Position) {
        self.text.push_str(name);
        self.entries.push((self.text.len(), count, first));
    }

    /// Each name with its count and first position, in the order added.
    pub fn iter(&self) -> NamesIter<'_> {
        NamesIter {
            names: self,
            start: 0,
            index: 0,
        }
    }

    /// Leaves no name, keeping the room.
    pub fn clear(&mut self) {
        self.text.clear();
        self.entries.clear();
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The same names in alphabetical order.
    pub fn sorted(&self) -> Names {
        let mut names: Vec<(&str, usize, Position)> = self.iter().collect();
        names.sort_unstable_by(|a, b| a.0.cmp(b.0));
        names.into_iter().collect()
    }
}

/// The names of a record, in the order added.
#[derive(Clone, Debug)]
pub struct NamesIter<'a> {
    names: &'a Names,
    start: usize,
    index: usize,
}

impl<'a> Iterator for NamesIter<'a> {
    type Item = (&'a str, usize, Position);

    fn next(&mut self) -> Option<Self::Item> {
        let &(end, count, first) = self.names.entries.get(self.index)?;
        let name = self.names.text.get(self.start..end).unwrap_or_default();
        (self.start, self.index) = (end, self.index + 1);
        Some((name, count, first))
    }
}

impl<'a> IntoIterator for &'a Names {
    type Item = (&'a str, usize, Position);
    type IntoIter = NamesIter<'a>;

    fn into_iter(self) -> NamesIter<'a> {
        self.iter()
    }
}

impl<'a> Extend<(&'a str, usize, Position)> for Names {
    fn extend<I: IntoIterator<Item = (&'a str, usize, Position)>>(&mut self, names: I) {
        for (name, count, first) in names {
            self.push(name, count, first);
        }
    }
}

impl<'a> FromIterator<(&'a str, usize, Position)> for Names {
    fn from_iter<I: IntoIterator<Item = (&'a str, usize, Position)>>(names: I) -> Names {
        let mut all = Names::default();
        all.extend(names);
        all
    }
}

impl Serialize for Names {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Names, D::Error> {
        let names: Vec<(String, usize, Position)> = Vec::deserialize(deserializer)?;
        Ok(names
            .iter()
            .map(|(name, count, first)| (name.as_str(), *count, *first))
            .collect())
    }
}

/// A finding of the per-file pass, as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRow {
    /// The rule's id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// The message.
    pub message: String,
}

/// The record of one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileStats {
    /// The path as shown.
    pub path: String,
    /// The article's folder (its path without the file name; `.` at the root).
    pub folder: String,
    /// The group `archive.variant` compares it in.
    pub variant_group: String,
    /// The group `archive.style` compares it in.
    pub style_group: String,
    /// Its language's primary subtag.
    pub language: String,
    /// Its date, `YYYY-MM-DD`, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The variant forms it writes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<FormUse>,
    /// Its styles, one per dimension with evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub styles: Vec<StyleUse>,
    /// Capitalised names it writes, with counts and first positions, for
    /// transliteration clusters (in the order they first appear; by name
    /// in JSON).
    #[serde(default, skip_serializing_if = "Names::is_empty")]
    pub names: Names,
    /// The per-file pass's findings, for the report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<FindingRow>,
}

impl FileStats {
    /// The article's year, when it is dated.
    pub fn year(&self) -> Option<i32> {
        self.date.as_deref()?.get(..4)?.parse().ok()
    }

    /// The record as one line of JSON (without the line end), its names in
    /// alphabetical order.
    pub fn to_json_line(&self) -> String {
        // The worker keeps names in the order they first appear (sorting
        // every record cost more than writing the few that are written).
        let sorted;
        let record = if self.names.iter().is_sorted_by(|a, b| a.0 <= b.0) {
            self
        } else {
            sorted = FileStats {
                names: self.names.sorted(),
                ..self.clone()
            };
            &sorted
        };
        // A record of strings and numbers always serialises.
        serde_json::to_string(record).unwrap_or_default()
    }

    /// A record from one line of JSON.
    pub fn from_json_line(line: &str) -> Result<FileStats, String> {
        serde_json::from_str(line).map_err(|error| error.to_string())
    }
}
