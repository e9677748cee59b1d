//! Making an article's [`FileStats`] on the worker that linted it: the
//! variant forms it writes, its quotation, date and number styles, and its
//! capitalised names, in one walk over its words.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt::Write;

use super::article_names::{ArticleNames, KnownForms};
use super::sets::{variant_sets, VariantSet};
use super::settings::{ArchiveSettings, Scope};
use super::spellings::{Openings, Spellings};
use super::stats::{refill, FileStats, FormUse, Position};
use super::styles::StyleWords;
use crate::document::Document;
use crate::terms::WordStarts;

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

    /// The record of one article (its findings are added by the run).
    /// Made in the strings and lists of the record last given back on this
    /// thread ([`give_back`]), when there is one.
    pub fn observe(&self, doc: &Document) -> FileStats {
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
        let prose = doc.prose.as_str();
        let bytes = prose.as_bytes();
        let mut forms = self.counts_forms_in(doc).then(|| Forms::new(self, doc));
        let mut names = self
            .settings
            .names
            .discover
            .then(|| ArticleNames::new(prose));
        let mut words = StyleWords::new(doc.language == "en");
        // Spellings that open with something else than a letter need a
        // search of their own.
        if let Some(forms) = forms.as_mut().filter(|_| !self.search.letters_open()) {
            self.search
                .find(bytes, |start, end, index| forms.spelling(start, end, index));
        }
        let mut forms_at_word_starts = forms.as_mut().filter(|_| self.search.letters_open());
        // One walk over the article's words (kept by the engine's term
        // scan) for the spellings, the names and the words of the styles.
        let word_starts = doc.analysis(|doc| WordStarts::of(&doc.prose));
        each_word_in(&word_starts, bytes, |at, capital| {
            // Names and months are capitalised whatever their first three
            // bytes; a spelling or a percentage opens with three of its own.
            if capital {
                if let Some(names) = &mut names {
                    names.capital(at);
                }
            }
            if !self.openings.may_open(bytes, at) {
                if capital {
                    words.word(bytes, at, capital);
                }
                return;
            }
            if let Some(forms) = &mut forms_at_word_starts {
                forms.word(at);
            }
            words.word(bytes, at, capital);
        });
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

/// Calls `visit(offset, capital)` for every word of `bytes` (from
/// `starts`) that opens with an ASCII letter, with whether it is a capital.
#[inline]
fn each_word_in(starts: &WordStarts, bytes: &[u8], mut visit: impl FnMut(usize, bool)) {
    starts.for_each(|at| match bytes.get(at) {
        Some(b'A'..=b'Z') => visit(at, true),
        Some(b'a'..=b'z') => visit(at, false),
        _ => {}
    });
}

/// [`each_word_in`] `prose`, for tests of what the walk sees.
#[cfg(test)]
pub(super) fn each_word(prose: &str, visit: impl FnMut(usize, bool)) {
    each_word_in(&WordStarts::of(prose), prose.as_bytes(), visit);
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
mod tests {
    use super::*;
    use crate::archive::stats::FindingRow;

    fn doc(text: &str) -> Document {
        let options = crate::document::DocumentOptions::default();
        Document::new("desk/a.txt", text.to_string(), &options)
    }

    #[test]
    fn a_record_placed_by_offsets_only_differs_in_nothing_else() {
        let text = "Title\n\nOfficials in Kiev said 5 per cent on Feb. 26.\n\
                    Later, \u{201c}Gaddafi met Zelenskiy\u{201d} in Kyiv, \"Kadhafi\" said.\n";
        let observer = Observer::new(&ArchiveSettings::default());
        let counted = observer.observe(&doc(text));
        let offsets_only = Observer::new(&ArchiveSettings::default()).offsets_only();
        let by_offset = offsets_only.observe(&doc(text));
        let unplaced = |at: Position| Position {
            line: 0,
            column: 0,
            ..at
        };
        let mut expected = counted.clone();
        for form in &mut expected.forms {
            form.first = unplaced(form.first);
        }
        for style in &mut expected.styles {
            style.first = unplaced(style.first);
        }
        expected.names = counted
            .names
            .iter()
            .map(|(name, count, at)| (name, count, unplaced(at)))
            .collect();
        assert_eq!(by_offset, expected);
        assert!(!counted.forms.is_empty() && !counted.styles.is_empty());
        assert!(counted.names.iter().all(|(_, _, at)| at.line > 1));
        assert_ne!(
            observer.settings_key(),
            offsets_only.settings_key(),
            "records placed by offset alone are never taken for counted ones"
        );
    }

    #[test]
    fn a_record_made_in_a_given_back_one_is_the_record_made_anew() {
        // Every part of a record, then one with fewer styles, forms and
        // names, then none: nothing of the record before may remain.
        let texts = [
            "---\ndate: 2020-03-04\nsource: Wire\n---\nOfficials in Kiev said 5 per cent \
             on Feb. 26, 2019; \"Gaddafi met Zelenskiy\" in Kyiv, per cent.\n",
            "Kyiv is 5% smaller, said Qaddafi on 26 February.\n",
            "no capitals, no forms at all\n",
        ];
        let mut settings = ArchiveSettings::default();
        settings.variant.group_by = "source".into();
        settings.style.group_by = "field:source".into();
        let observer = Observer::new(&settings);
        let fresh: Vec<FileStats> = texts.iter().map(|t| observer.observe(&doc(t))).collect();
        assert!(!fresh[0].forms.is_empty() && !fresh[0].names.is_empty());
        for (order, text) in [0, 1, 2, 1, 0, 2, 0].into_iter().map(|i| (i, texts[i])) {
            give_back(FileStats {
                findings: vec![FindingRow {
                    rule: "x.y".into(),
                    severity: "info".into(),
                    line: 1,
                    column: 1,
                    message: "left over".into(),
                }],
                ..fresh[(order + 1) % 3].clone()
            });
            assert_eq!(observer.observe(&doc(text)), fresh[order], "text {order}");
        }
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
    fn common_words_count_in_any_case_and_names_only_as_spelled() {
        // The walk's first test folds case; counting keeps a common word's
        // spelling in any case and a name's only as the name is spelled.
        let observer = Observer::new(&ArchiveSettings::default());
        let stats = observer.observe(&doc(
            "E-mail him. PER CENT. Email or EMAIL her. kiev, KIEV and Kiev.\n",
        ));
        let forms: Vec<_> = stats
            .forms
            .iter()
            .map(|f| (f.set.as_str(), f.form.as_str(), f.count))
            .collect();
        assert_eq!(
            forms,
            [
                ("Kyiv", "Kiev", 1),
                ("per cent", "per cent", 1),
                ("email", "email", 2),
                ("email", "e-mail", 1)
            ]
        );
    }

    #[test]
    fn the_word_starts_the_term_scan_keeps_make_the_record_they_would_alone() {
        let linter = crate::config::resolve(
            crate::config::RawConfig::default(),
            &crate::config::Overrides::default(),
        )
        .expect("the default configuration resolves")
        .linter;
        let text = "Officials in Kiev said 5 per cent on Feb. 26; Gaddafi met \
                    al-Qassem. The \u{201c}Kiev\u{201d} and K\u{e9}iev, 9Kiev, _Kiev.\n";
        let kept = doc(text);
        linter.lint_keeping_word_starts(&kept);
        let by_the_scan = kept.analysis(|_| WordStarts::default());
        assert_eq!(
            *by_the_scan,
            WordStarts::of(&kept.prose),
            "kept by the scan"
        );
        let observer = Observer::new(&ArchiveSettings::default());
        let record = observer.observe(&kept);
        assert_eq!(record, observer.observe(&doc(text)));
        let forms: Vec<_> = record
            .forms
            .iter()
            .map(|f| (f.form.as_str(), f.count))
            .collect();
        // "_Kiev" is one word with its underscore, as for every rule.
        assert_eq!(forms, [("Kiev", 2), ("per cent", 1)]);
        let names: Vec<_> = record.names.iter().map(|n| n.0).collect();
        assert_eq!(names, ["Gaddafi", "al-Qassem", "K\u{e9}iev"]);
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
            let names: Vec<_> = stats.names.iter().map(|n| n.0).collect();
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
        let names: Vec<_> = stats.names.iter().map(|n| (n.0, n.1)).collect();
        assert_eq!(names, [("Gaddafi", 2), ("al-Shabaab", 1)]);
    }
}
