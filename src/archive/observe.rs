//! Making an article's [`FileStats`] on the worker that linted it: the
//! variant forms it writes (one search over every set), its quotation,
//! date and number styles, and its capitalised names.

use std::collections::BTreeMap;

use super::sets::{variant_sets, VariantSet};
use super::settings::{ArchiveSettings, Scope};
use super::spellings::Spellings;
use super::stats::{FileStats, FormUse, Position};
use crate::document::Document;

/// At most this many distinct names are kept of one article: enough for
/// clusters, and a bound on the record of a pathological file.
const MAX_NAMES: usize = 120;

/// Makes the records of a run's articles; built once per run.
#[derive(Debug)]
pub struct Observer {
    settings: ArchiveSettings,
    sets: Vec<VariantSet>,
    /// Every spelling of every set; spelling `i` is `spellings[i]`: its
    /// set, its form and the spelling itself.
    search: Spellings,
    spellings: Vec<(usize, usize, String)>,
    /// A hash of the settings, naming the records made under them.
    key: String,
    /// Every spelling of every set, lower-cased: a name written as a set's
    /// form is that set's business, not a transliteration cluster's.
    known_forms: std::collections::HashSet<String>,
    /// The only languages any set counts forms in (`None`: some set counts
    /// them in every language): other articles need no scan.
    languages: Option<Vec<String>>,
}

impl Observer {
    /// An observer for `settings`, with the built-in variant sets.
    pub fn new(settings: &ArchiveSettings) -> Observer {
        Observer::with_sets(settings, variant_sets())
    }

    /// An observer for `settings` counting the forms of `sets`
    /// ([`super::sets_for`] a configuration's linter).
    pub fn with_sets(settings: &ArchiveSettings, sets: Vec<VariantSet>) -> Observer {
        let known_forms = sets
            .iter()
            .flat_map(|set| set.spellings.iter().map(|(s, _)| s.to_lowercase()))
            .collect();
        let spellings: Vec<(usize, usize, String)> = sets
            .iter()
            .enumerate()
            .flat_map(|(set_index, set)| {
                set.spellings
                    .iter()
                    .map(move |(spelling, form)| (set_index, *form, spelling.clone()))
            })
            .collect();
        let search = Spellings::new(spellings.iter().map(|s| s.2.as_str()));
        let mut hasher = crate::stable_hash::StableHasher::default();
        hasher.field(
            serde_json::to_string(settings)
                .unwrap_or_default()
                .as_bytes(),
        );
        for set in &sets {
            hasher.field(format!("{set:?}").as_bytes());
        }
        let languages = sets
            .iter()
            .map(|set| set.language.clone())
            .collect::<Option<Vec<String>>>()
            .map(|mut languages| {
                languages.sort_unstable();
                languages.dedup();
                languages
            });
        Observer {
            languages,
            settings: settings.clone(),
            sets,
            search,
            spellings,
            key: format!("{:016x}", hasher.finish()),
            known_forms,
        }
    }

    /// The settings the records are made for.
    pub fn settings(&self) -> &ArchiveSettings {
        &self.settings
    }

    /// A hash of the settings the records are made under: a kept record
    /// made under other settings is made again.
    pub fn settings_key(&self) -> &str {
        &self.key
    }

    /// The record of one article (its findings are added by the run).
    pub fn observe(&self, doc: &Document) -> FileStats {
        let folder = folder_of(&doc.path);
        let group = |scope: &Scope| group_of(scope, doc, &folder);
        FileStats {
            path: doc.path.clone(),
            variant_group: group(&self.settings.variant),
            style_group: group(&self.settings.style),
            folder: folder.clone(),
            language: doc.language.clone(),
            date: doc.date().map(|date| date.to_string()),
            forms: self.forms_in(doc),
            styles: super::styles::styles_in(doc),
            names: if self.settings.names.discover {
                names_in(doc, &self.known_forms)
            } else {
                Vec::new()
            },
            findings: Vec::new(),
        }
    }

    fn forms_in(&self, doc: &Document) -> Vec<FormUse> {
        if let Some(languages) = &self.languages {
            if !languages.contains(&doc.language) {
                return Vec::new();
            }
        }
        let prose = doc.prose.as_bytes();
        let mut found: BTreeMap<(usize, usize), FormUse> = BTreeMap::new();
        self.search.find(prose, |start, end, index| {
            let Some((set_index, form_index, spelling)) = self.spellings.get(index) else {
                return;
            };
            let (set_index, form_index) = (*set_index, *form_index);
            let set = &self.sets[set_index];
            let form = &set.forms[form_index];
            let written = &prose[start..end];
            let applies = set.language.as_deref().is_none_or(|l| l == doc.language);
            if !applies
                || (set.case_sensitive && written != spelling.as_bytes())
                || !whole_word(&doc.prose, start, end)
            {
                return;
            }
            found
                .entry((set_index, form_index))
                .and_modify(|used| used.count += 1)
                .or_insert_with(|| FormUse {
                    set: set.id.clone(),
                    form: form.clone(),
                    count: 1,
                    first: position(doc, start),
                    len: end - start,
                    settled: set.is_settled(form_index),
                });
        });
        found.into_values().collect()
    }
}

/// Whether `start..end` is neither preceded nor followed by a letter or digit.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

pub(super) fn position(doc: &Document, offset: usize) -> Position {
    let (line, column) = doc.lines.line_col(&doc.text, offset);
    Position {
        offset,
        line,
        column,
    }
}

/// The folder part of a shown path, `.` for a file at the top.
pub fn folder_of(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    match path.rfind(['/', '\\']) {
        Some(end) => path[..end].to_string(),
        None => ".".to_string(),
    }
}

fn group_of(scope: &Scope, doc: &Document, folder: &str) -> String {
    let field = |name: &str| doc.metadata.fields.get(name).filter(|v| !v.is_empty());
    match scope.group_by.as_str() {
        "archive" => String::new(),
        "source" => field("source").map_or_else(|| folder.to_string(), Clone::clone),
        other => match other.strip_prefix("field:") {
            Some(name) => field(name).cloned().unwrap_or_default(),
            None => folder.to_string(),
        },
    }
}

/// Capitalised words not at a sentence's start (where every word is
/// capitalised), with an `al-` prefix kept: the raw material of
/// transliteration clusters.
fn names_in(
    doc: &Document,
    known_forms: &std::collections::HashSet<String>,
) -> Vec<(String, usize, Position)> {
    let prose = doc.prose.as_str();
    let bytes = prose.as_bytes();
    let mut names: foldhash::HashMap<&str, (usize, usize)> = foldhash::HashMap::default();
    // One pass over the bytes: a name opens with an ASCII capital that no
    // letter or digit precedes (after an optional `al-` or `el-`).
    for at in super::scan::capital_offsets(bytes) {
        if at > 0 && continues_word(bytes[at - 1]) {
            continue;
        }
        let start = match at.checked_sub(3).map(|s| &bytes[s..at]) {
            Some(b"al-" | b"el-") if !(at > 3 && continues_word(bytes[at - 4])) => at - 3,
            _ => at,
        };
        let mut end = word_end(prose, at + 1);
        while end > at && bytes[end - 1] == b'-' {
            end -= 1;
        }
        let word = &prose[start..end];
        if word.len() - (at - start) < 5 || !is_name(word) {
            continue;
        }
        if let Some(entry) = names.get_mut(word) {
            entry.0 += 1;
        } else if !sentence_start(&prose[..start]) && names.len() < MAX_NAMES {
            names.insert(word, (1, start));
        }
    }
    // A name spelled as a set's form is the set's business.
    let mut lowered = String::new();
    let mut names: Vec<(&str, (usize, usize))> = names
        .into_iter()
        .filter(|(name, _)| {
            lowered.clear();
            if name.is_ascii() {
                lowered.extend(name.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lowered.push_str(&name.to_lowercase());
            }
            !known_forms.contains(lowered.as_str())
        })
        .collect();
    // Lines and columns in one walk from the earliest: a name's column is
    // counted from the name before it on its line, not from the line's start.
    names.sort_unstable_by_key(|(_, (_, first))| *first);
    let mut previous: Option<Position> = None;
    let mut named: Vec<(String, usize, Position)> = names
        .into_iter()
        .map(|(name, (count, first))| {
            let between = previous
                .filter(|before| doc.lines.line_of(first) + 1 == before.line)
                .and_then(|before| Some((before, doc.text.get(before.offset..first)?)));
            let at = match between {
                Some((before, between)) => Position {
                    offset: first,
                    line: before.line,
                    column: before.column + between.chars().count(),
                },
                None => position(doc, first),
            };
            previous = Some(at);
            (name.to_string(), count, at)
        })
        .collect();
    named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    named
}

/// A byte that belongs to the word before it: a letter, a digit, an
/// apostrophe or any byte of a character outside ASCII.
fn continues_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80 || byte == b'\''
}

/// Where the word from `from` ends: lower-case letters (any script) and
/// hyphens.
fn word_end(prose: &str, from: usize) -> usize {
    let rest = prose.get(from..).unwrap_or("");
    let len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_lowercase() || *c == '-'))
        .map_or(rest.len(), |(offset, _)| offset);
    from + len
}

/// Whether a word after `before` opens a sentence, where every word is
/// capitalised: after `.`, `!`, `?` or `:`, a blank line, or nothing, with
/// spaces and opening quotation marks between.
fn sentence_start(before: &str) -> bool {
    let opening = |c: char| c.is_whitespace() || "\"\u{201c}\u{2018}\u{201e}\u{ab}'(".contains(c);
    let trimmed = before.trim_end_matches(opening);
    trimmed.is_empty()
        || trimmed.ends_with(['.', '!', '?', ':'])
        || before[trimmed.len()..].contains("\n\n")
}

fn is_name(word: &str) -> bool {
    let core = word
        .strip_prefix("al-")
        .or_else(|| word.strip_prefix("el-"))
        .unwrap_or(word);
    let mut chars = core.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_lowercase() || c == '-')
        && core.chars().count() >= 5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let options = crate::document::DocumentOptions::default();
        Document::new("desk/a.txt", text.to_string(), &options)
    }

    #[test]
    fn forms_are_whole_words_and_names_keep_their_case() {
        let observer = Observer::new(&ArchiveSettings::default());
        let stats = observer.observe(&doc(
            "Officials in Kiev said 5 per cent. The kiev-style dish and Kievan Rus.\n",
        ));
        let forms: Vec<_> = stats
            .forms
            .iter()
            .map(|f| (f.form.as_str(), f.count))
            .collect();
        assert_eq!(forms, [("Kiev", 1), ("per cent", 1)]);
        assert_eq!(stats.folder, "desk");
        assert_eq!(stats.forms[0].first.line, 1);
    }

    #[test]
    fn styles_take_the_dominant_marks() {
        let stats = Observer::new(&ArchiveSettings::default()).observe(&doc(
            "He said \"yes\" and \u{201c}no\u{201d} and \"maybe\".\n",
        ));
        let quotes = stats
            .styles
            .iter()
            .find(|s| s.dimension == "quotes")
            .unwrap();
        assert_eq!(
            (quotes.style.as_str(), quotes.count, quotes.others),
            ("straight", 4, 2)
        );
    }

    #[test]
    fn names_are_found_wherever_they_fall_in_the_scan() {
        // Every position of a name against the stretches the scan skips.
        for pad in 0..40 {
            let text = format!("{}x met Gaddafi and al-Qassem.\n", "a".repeat(pad));
            let stats = Observer::new(&ArchiveSettings::default()).observe(&doc(&text));
            let names: Vec<_> = stats.names.iter().map(|n| n.0.as_str()).collect();
            assert_eq!(names, ["Gaddafi", "al-Qassem"], "{pad}");
        }
    }

    #[test]
    fn an_article_in_no_set_language_has_no_forms() {
        let mut french = doc("Les officiels de Kiev, 5 per cent.\n");
        french.language = "fr".into();
        let stats = Observer::new(&ArchiveSettings::default()).observe(&french);
        assert!(stats.forms.is_empty());
    }

    #[test]
    fn names_skip_sentence_starts() {
        let stats = Observer::new(&ArchiveSettings::default()).observe(&doc(
            "Leaders met Gaddafi today. Gaddafi left. They saw al-Shabaab.\n",
        ));
        let names: Vec<_> = stats.names.iter().map(|n| (n.0.as_str(), n.1)).collect();
        assert_eq!(names, [("Gaddafi", 2), ("al-Shabaab", 1)]);
    }
}
