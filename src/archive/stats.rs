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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<(String, usize, Position)>,
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
        let record = if self.names.is_sorted_by(|a, b| a.0 <= b.0) {
            self
        } else {
            let mut names = self.names.clone();
            names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            sorted = FileStats {
                names,
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
