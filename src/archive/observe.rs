//! Making an article's [`FileStats`] on the worker that linted it: the
//! variant forms it writes, its quotation, date and number styles, and its
//! capitalised names, read word by word as the engine's term scan passes
//! each word start ([`ReadAlong::lint`]).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

use super::article_names::{ArticleNames, KnownForms};
use super::sets::{variant_sets, VariantSet};
use super::settings::{ArchiveSettings, Scope};
use super::spellings::{Openings, Spellings};
use super::stats::{refill, FileStats, FormUse, Position};
use super::styles::StyleWords;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::engine::Linter;
use crate::lint::ReadAlong;
use crate::terms::{WordStarts, WordVisitor};

/// Makes the records of a run's articles; built once per run.
#[derive(Debug)]
pub struct Observer {
    settings: ArchiveSettings,
    sets: Vec<VariantSet>,
    /// Every spelling of every set; spelling `i` is `spellings[i]`: its
    /// set, its form and the spelling itself.
    search: Spellings,
    spellings: Vec<(usize, usize, String)>,
    /// For each spelling, the other spellings written the same way (but for
    /// ASCII case) in other sets: "e-mail" is English and "E-Mail" German,
    /// and the search finds only the first.
    twins: Vec<Vec<usize>>,
    /// A hash of the settings, naming the records made under them.
    key: String,
    /// Every spelling of every set, lower-cased: a name written as a set's
    /// form is that set's business, not a transliteration cluster's.
    known_forms: KnownForms,
    /// How every spelling and every percentage in words opens: a word
    /// matters to the spellings and percentages only when it may open one
    /// of them, and most are turned down by this one test.
    openings: Openings,
    /// The only languages any set counts forms in (`None`: some set counts
    /// them in every language): other articles need no scan.
    languages: Option<Vec<String>>,
    /// Whether positions count lines and columns, not only byte offsets
    /// ([`Observer::offsets_only`]).
    lines: bool,
}

impl Observer {
    /// An observer for `settings`, with the built-in variant sets.
    pub fn new(settings: &ArchiveSettings) -> Observer {
        Observer::with_sets(settings, variant_sets())
    }

    /// An observer for `settings` counting the forms of `sets`
    /// ([`super::sets_for`] a configuration's linter).
    pub fn with_sets(settings: &ArchiveSettings, sets: Vec<VariantSet>) -> Observer {
        let known_forms = KnownForms::new(
            sets.iter()
                .flat_map(|set| set.spellings.iter().map(|(s, _)| s.as_str())),
        );
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
        let twins = twins_of(&spellings);
        let openings = Openings::new(
            spellings
                .iter()
                .map(|(_, _, spelling)| spelling.as_bytes())
                .chain(super::styles::PERCENT_WORDS.iter().copied()),
        );
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
            openings,
            spellings,
            twins,
            key: format!("{:016x}", hasher.finish()),
            known_forms,
            lines: true,
        }
    }

    /// The same observer, placing what its records point at by byte offset
    /// alone, with line and column 0: for a run where nothing reads them
    /// (no `--stats`, cache or report), since the findings are placed in the
    /// text read again. Counting the columns of every name of every article
    /// cost about a twentieth of the archive rules' instructions.
    pub fn offsets_only(mut self) -> Observer {
        self.lines = false;
        self.key.push_str("-offsets");
        self
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

    /// The record of one article (its findings are added by the run), its
    /// words read from its word starts.
    pub fn observe(&self, doc: &Document) -> FileStats {
        let mut words = self.words(doc);
        let word_starts = doc.analysis(|doc| WordStarts::of(&doc.prose));
        word_starts.for_each(|at| words.word_start(at));
        self.record(words)
    }

    /// The record of `doc`: the one made as it was linted
    /// ([`ReadAlong::lint`]), or one made now (for a fixed text, linted
    /// without this observer).
    pub fn record_of(&self, doc: &Document) -> FileStats {
        let kept = doc.analysis(|_| Kept::default());
        let made = kept
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        made.unwrap_or_else(|| self.observe(doc))
    }

    /// What the record of `doc` counts word by word, to be shown every word
    /// start of its prose ([`crate::engine::Linter::lint_visiting_words`])
    /// before [`Observer::record`] makes the record.
    fn words<'a>(&'a self, doc: &'a Document) -> ArticleWords<'a> {
        let prose = doc.prose.as_str();
        let mut forms = self.counts_forms_in(doc).then(|| Forms::new(self, doc));
        // Spellings that open with something else than a letter need a
        // search of their own.
        let forms_at_word_starts = self.search.letters_open();
        if let Some(forms) = forms.as_mut().filter(|_| !forms_at_word_starts) {
            self.search.find(prose.as_bytes(), |start, end, index| {
                forms.spelling(start, end, index)
            });
        }
        ArticleWords {
            observer: self,
            doc,
            bytes: prose.as_bytes(),
            forms,
            forms_at_word_starts,
            names: self
                .settings
                .names
                .discover
                .then(|| ArticleNames::new(prose)),
            words: StyleWords::new(doc.language == "en"),
        }
    }

    /// The record of the article whose every word start `words` has seen.
    /// Made in the strings and lists of the record last given back on this
    /// thread ([`give_back`]), when there is one.
    fn record(&self, words: ArticleWords<'_>) -> FileStats {
        let ArticleWords {
            doc,
            forms,
            names,
            words,
            ..
        } = words;
        let mut record = SPARE.take().unwrap_or_default();
        record.findings.clear();
        refill(&mut record.folder, folder_in(&doc.path));
        let folder = record.folder.as_str();
        refill(
            &mut record.variant_group,
            group_of(&self.settings.variant, doc, folder),
        );
        refill(
            &mut record.style_group,
            group_of(&self.settings.style, doc, folder),
        );
        refill(&mut record.path, &doc.path);
        refill(&mut record.language, &doc.language);
        match (doc.date(), &mut record.date) {
            (Some(date), Some(kept)) => {
                kept.clear();
                // Writing into a `String` cannot fail.
                let _ = write!(kept, "{date}");
            }
            (Some(date), kept) => *kept = Some(date.to_string()),
            (None, kept) => *kept = None,
        }
        record.forms.clear();
        if let Some(forms) = forms {
            forms.finish(&mut record.forms);
        }
        words.styles(doc, self.lines, &mut record.styles);
        record.names.clear();
        if let Some(names) = names {
            names.finish(doc, &self.known_forms, self.lines, &mut record.names);
        }
        record
    }

    /// Whether some set counts forms in `doc`'s language (every built-in
    /// set is English): other articles need no search.
    fn counts_forms_in(&self, doc: &Document) -> bool {
        self.languages
            .as_ref()
            .is_none_or(|languages| languages.contains(&doc.language))
    }
}

impl ReadAlong for Observer {
    /// Lints `doc` with `linter`, making its record on the term scan's way
    /// (kept with `doc` for [`Observer::record_of`]): a walk of the
    /// record's own over the word starts after the lint cost more, the
    /// article having left the processor's cache by then.
    fn lint(&self, linter: &Linter, doc: &Document) -> Vec<Diagnostic> {
        let mut words = self.words(doc);
        let diagnostics = linter.lint_visiting_words(doc, &mut words);
        let record = self.record(words);
        doc.analysis(|_| Kept(Mutex::new(Some(record))));
        diagnostics
    }
}

/// A record made as its article was linted, until it is taken.
#[derive(Default)]
struct Kept(Mutex<Option<FileStats>>);

/// What an article's record counts word by word: its spellings of the
/// variant sets, its capitalised names and the words of its styles
/// ([`Observer::words`]).
pub(super) struct ArticleWords<'a> {
    observer: &'a Observer,
    doc: &'a Document,
    bytes: &'a [u8],
    forms: Option<Forms<'a>>,
    /// Whether the forms are looked for at the word starts (every spelling
    /// opens with a letter) rather than found by a search of their own.
    forms_at_word_starts: bool,
    names: Option<ArticleNames<'a>>,
    words: StyleWords,
}

impl WordVisitor for ArticleWords<'_> {
    // Called from the term scan's loop for every word: the test that
    // turns most small words down is made there, and the rest called.
    #[inline(always)]
    fn word_start(&mut self, at: usize) {
        match self.bytes.get(at) {
            Some(b'A'..=b'Z') => self.capital(at),
            Some(b'a'..=b'z') if self.observer.openings.may_open(self.bytes, at) => {
                self.opening(at, false)
            }
            _ => {}
        }
    }
}

impl ArticleWords<'_> {
    /// A word opens with a capital at `at`. Names and months are
    /// capitalised whatever their first three bytes; a spelling or a
    /// percentage opens with three of its own.
    #[inline(never)]
    fn capital(&mut self, at: usize) {
        if let Some(names) = &mut self.names {
            names.capital(at);
        }
        if self.observer.openings.may_open(self.bytes, at) {
            self.opening(at, true);
        } else {
            self.words.word(self.bytes, at, true);
        }
    }

    /// A word at `at` opens as some spelling or percentage does.
    #[inline(never)]
    fn opening(&mut self, at: usize, capital: bool) {
        if let Some(forms) = self.forms.as_mut().filter(|_| self.forms_at_word_starts) {
            forms.word(at);
        }
        self.words.word(self.bytes, at, capital);
    }
}

/// The variant forms an article writes, as the walk finds them.
struct Forms<'a> {
    observer: &'a Observer,
    doc: &'a Document,
    /// Where the last spelling found ends: the next is looked for after it.
    resume: usize,
    found: BTreeMap<(usize, usize), FormUse>,
}

impl<'a> Forms<'a> {
    fn new(observer: &'a Observer, doc: &'a Document) -> Forms<'a> {
        Forms {
            observer,
            doc,
            resume: 0,
            found: BTreeMap::new(),
        }
    }

    /// A word opens at `start`.
    #[inline]
    fn word(&mut self, start: usize) {
        let (prose, search) = (self.doc.prose.as_bytes(), &self.observer.search);
        if start < self.resume || !search.may_open(prose, start) {
            return;
        }
        if let Some((end, index)) = search.at(prose, start) {
            self.resume = end;
            self.spelling(start, end, index);
        }
    }

    /// The search found spelling `index` at `start..end`: count it, or the
    /// first of its twins that counts there.
    fn spelling(&mut self, start: usize, end: usize, index: usize) {
        if self.found(start, end, index) {
            return;
        }
        let observer = self.observer;
        let twins = observer.twins.get(index).map_or(&[][..], Vec::as_slice);
        for &twin in twins {
            if self.found(start, end, twin) {
                return;
            }
        }
    }

    /// Spelling `index` is written at `start..end`: whether it counts there
    /// (its set's language, its case, a whole word).
    fn found(&mut self, start: usize, end: usize, index: usize) -> bool {
        let (observer, doc) = (self.observer, self.doc);
        let prose = doc.prose.as_bytes();
        let Some((set_index, form_index, spelling)) = observer.spellings.get(index) else {
            return false;
        };
        let (set_index, form_index) = (*set_index, *form_index);
        let set = &observer.sets[set_index];
        let form = &set.forms[form_index];
        let written = &prose[start..end];
        let applies = set.language.as_deref().is_none_or(|l| l == doc.language);
        if !applies
            || (set.case_sensitive && written != spelling.as_bytes())
            || !whole_word(&doc.prose, start, end)
        {
            return false;
        }
        self.found
            .entry((set_index, form_index))
            .and_modify(|used| used.count += 1)
            .or_insert_with(|| FormUse {
                set: set.id.clone(),
                form: form.clone(),
                count: 1,
                first: position(doc, start, observer.lines),
                len: end - start,
                settled: set.is_settled(form_index),
            });
        true
    }

    fn finish(self, into: &mut Vec<FormUse>) {
        into.extend(self.found.into_values());
    }
}

/// Calls `visit(offset, capital)` for every word of `prose` that opens
/// with an ASCII letter, with whether it is a capital: the words
/// [`ArticleWords`] reads, for tests of what the walk sees.
#[cfg(test)]
pub(super) fn each_word(prose: &str, mut visit: impl FnMut(usize, bool)) {
    WordStarts::of(prose).for_each(|at| match prose.as_bytes().get(at) {
        Some(b'A'..=b'Z') => visit(at, true),
        Some(b'a'..=b'z') => visit(at, false),
        _ => {}
    });
}

/// For each spelling, the others spelt the same but for ASCII case.
fn twins_of(spellings: &[(usize, usize, String)]) -> Vec<Vec<usize>> {
    let mut by_text: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (index, (_, _, spelling)) in spellings.iter().enumerate() {
        by_text
            .entry(spelling.to_ascii_lowercase())
            .or_default()
            .push(index);
    }
    spellings
        .iter()
        .enumerate()
        .map(|(index, (_, _, spelling))| {
            let same = &by_text[&spelling.to_ascii_lowercase()];
            same.iter()
                .copied()
                .filter(|&other| other != index)
                .collect()
        })
        .collect()
}

/// Whether `start..end` is neither preceded nor followed by a letter or digit.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Where `offset` is in `doc`, with its line and column when `lines`
/// (0 for both otherwise).
pub(super) fn position(doc: &Document, offset: usize, lines: bool) -> Position {
    let (line, column) = if lines {
        doc.lines.line_col(&doc.text, offset)
    } else {
        (0, 0)
    };
    Position {
        offset,
        line,
        column,
    }
}

thread_local! {
    /// The record last given back on this thread ([`give_back`]).
    static SPARE: Cell<Option<FileStats>> = const { Cell::new(None) };
}

/// Gives a record back once it has been counted, so that the next article
/// linted on this thread is recorded in its strings and lists: made anew,
/// an article's record cost some twenty allocations, and the allocator
/// costs more time than its instructions suggest.
pub fn give_back(record: FileStats) {
    SPARE.set(Some(record));
}

/// The folder part of a shown path, `.` for a file at the top.
pub fn folder_of(path: &str) -> String {
    folder_in(path).to_string()
}

fn folder_in(path: &str) -> &str {
    let path = path.strip_prefix("./").unwrap_or(path);
    match path.rfind(['/', '\\']) {
        Some(end) => &path[..end],
        None => ".",
    }
}

/// The group `scope` compares `doc` in.
fn group_of<'a>(scope: &'a Scope, doc: &'a Document, folder: &'a str) -> &'a str {
    let field = |name: &str| {
        doc.metadata
            .fields
            .get(name)
            .filter(|v| !v.is_empty())
            .map(String::as_str)
    };
    match scope.group_by.as_str() {
        "archive" => "",
        "source" => field("source").unwrap_or(folder),
        other => match other.strip_prefix("field:") {
            Some(name) => field(name).unwrap_or_default(),
            None => folder,
        },
    }
}

#[cfg(test)]
mod tests;
