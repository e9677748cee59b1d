//! `--cache`: remember each file's findings, so that a rerun over an unchanged
//! archive skips the files that did not change.
//!
//! The cache is one index file in a cache folder (`.copydesk_cache/` by
//! default). Each entry is keyed by the path as shown and holds two hashes and
//! the findings:
//!
//! - the *run* hash: the copydesk version, the configuration file's text, every
//!   rule set's text, each rule's level and the settings that shape documents;
//! - the *content* hash: the file's bytes.
//!
//! An entry is used only when both match; otherwise the file is linted and the
//! entry replaced, so the index holds at most one entry per path and never
//! grows with edits. Files with fixes to apply, standard input and files that
//! cannot be read are never cached. A damaged index or entry is ignored (the
//! files are linted again), never trusted: every cached span is checked
//! against the file before use. The index is written to a temporary file and
//! renamed over the old one, so a crash leaves the old index or the new one.
//!
//! The hash is FNV-1a (64 bits), written out here so that it is the same in
//! every build and on every machine (the standard library's hasher is not).

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::archive::FileStats;
use crate::config::Resolved;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
use crate::document::Document;
use crate::engine::Linter;
use crate::files::read::{read_limited, read_text_file, MAX_CONFIG_FILE_SIZE};
use crate::lint::{FileLinter, FileReport, Filter, Job};
use crate::ruleset;
use crate::stable_hash::StableHasher;

/// The cache folder's name when `--cache` is given without one.
const DEFAULT_DIR: &str = ".copydesk_cache";

const INDEX_NAME: &str = "index-v1.json";
const FORMAT: u32 = 1;

/// The cache folder to use: beside the configuration file when there is one,
/// else in the current folder.
pub fn default_dir(config_file: Option<&Path>) -> PathBuf {
    config_file
        .and_then(Path::parent)
        .filter(|parent| !parent.as_os_str().is_empty())
        .map(|parent| parent.join(DEFAULT_DIR))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR))
}

/// What, besides a file's bytes, decides its findings under `resolved`.
fn run_hash(resolved: &Resolved) -> u64 {
    let mut hasher = StableHasher::default();
    hasher.field(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some((path, source)) = &resolved.config.source {
        hasher.field(path.to_string_lossy().as_bytes());
        hasher.field(source.text.as_bytes());
    }
    for (name, text) in ruleset::BUILTIN {
        hasher.field(name.as_bytes());
        hasher.field(text.as_bytes());
    }
    // Rule sets from files: their text, or why it could not be read.
    let root = resolved.config.root();
    let house_style = resolved
        .config
        .house_style
        .iter()
        .map(|style| &style.value)
        .filter(|style| style.ends_with(".toml"));
    for name in resolved
        .config
        .rule_sets
        .iter()
        .map(|set| &set.value)
        .chain(house_style)
    {
        hasher.field(name.as_bytes());
        match read_text_file(&root.join(name), MAX_CONFIG_FILE_SIZE) {
            Ok(text) => hasher.field(text.as_bytes()),
            Err(error) => hasher.field(error.to_string().as_bytes()),
        }
    }
    hash_linter(&mut hasher, &resolved.linter);
    hasher.finish()
}

fn hash_linter(hasher: &mut StableHasher, linter: &Linter) {
    for (rule, level) in linter.all_rules() {
        hasher.field(rule.meta.id.as_bytes());
        hasher.field(format!("{level:?}").as_bytes());
    }
    hasher.field(format!("{:?}", linter.settings.house_style).as_bytes());
    hasher.field(linter.document_options.header.as_str().as_bytes());
    let options = &linter.document_options;
    hasher.field(format!("{:?}", options.language).as_bytes());
    hasher.field(options.path_languages.root.as_os_str().as_encoded_bytes());
    // The globs are the configuration's, whose text is hashed already.
    for (_, language) in &options.path_languages.entries {
        hasher.field(language.as_bytes());
    }
}

fn content_hash(run: u64, display: &str, bytes: &[u8]) -> u64 {
    let mut hasher = StableHasher::default();
    hasher.write(&run.to_le_bytes());
    hasher.field(display.as_bytes());
    hasher.field(bytes);
    hasher.finish()
}

/// An open cache: the index as read, and what this run learned.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// One run hash per configuration of the run, by the index the CLI uses.
    runs: Vec<u64>,
    old: HashMap<String, Entry>,
    new: Mutex<HashMap<String, Entry>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    run: String,
    content: String,
    diagnostics: Vec<StoredDiagnostic>,
    /// The file's record for the archive rules, with the hash of the
    /// `[archive]` settings it was made under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    record: Option<(String, FileStats)>,
    /// The rules that did not cover the file's language, for the summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    uncovered: Option<crate::lint::Uncovered>,
}

/// Where a run wants the file's record for the archive rules: the slot its
/// filter fills when a document is made, and the hash of the settings the
/// record is made under.
#[derive(Clone, Copy)]
pub struct RecordSlot<'a> {
    /// Filled by the run's filter whenever the file becomes a document.
    pub slot: &'a Mutex<Option<FileStats>>,
    /// The `[archive]` settings' hash: a record made under others is not reused.
    pub settings: &'a str,
}

#[derive(Serialize, Deserialize)]
struct Index {
    format: u32,
    copydesk: String,
    entries: HashMap<String, serde_json::Value>,
}

/// The index as written, read in one pass.
#[derive(Deserialize)]
struct TypedIndex {
    format: u32,
    entries: HashMap<String, Entry>,
}

/// The entries of an index. A sound index is read straight into entries; one
/// with a damaged entry is read again value by value, keeping the sound ones
/// (slower, and several times the memory, but only once: the next save
/// writes a sound index).
fn read_index(bytes: &[u8]) -> HashMap<String, Entry> {
    if let Ok(index) = serde_json::from_slice::<TypedIndex>(bytes) {
        return if index.format == FORMAT {
            index.entries
        } else {
            HashMap::new()
        };
    }
    serde_json::from_slice::<Index>(bytes)
        .ok()
        .filter(|index| index.format == FORMAT)
        .map(|index| {
            index
                .entries
                .into_iter()
                .filter_map(|(path, value)| {
                    serde_json::from_value::<Entry>(value)
                        .ok()
                        .map(|entry| (path, entry))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Serialize)]
struct IndexOut<'a> {
    format: u32,
    copydesk: &'static str,
    entries: &'a HashMap<String, Entry>,
}

impl Cache {
    /// Open the cache in `dir` for a run with these configurations. A missing
    /// or unreadable index gives an empty cache; nothing is written until
    /// [`Cache::save`].
    pub fn open(dir: &Path, configs: &[Arc<Resolved>]) -> Cache {
        let runs = configs.iter().map(|resolved| run_hash(resolved)).collect();
        let old = std::fs::read(dir.join(INDEX_NAME))
            .map(|bytes| read_index(&bytes))
            .unwrap_or_default();
        Cache {
            dir: dir.to_path_buf(),
            runs,
            old,
            new: Mutex::new(HashMap::new()),
        }
    }

    /// The cache folder, for naming it when saving the index fails.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Lint `job`'s file as [`FileLinter::path`] does, taking its
    /// findings from the cache when neither it nor the configuration changed.
    /// The cache keeps the findings from before `filter` (suppressions, a
    /// baseline), which is applied on every run, so that a changed baseline
    /// takes effect at once.
    pub fn lint_path(&self, job: &Job, files: FileLinter<'_>, max_size: u64) -> FileReport {
        self.lint_path_recorded(job, files, max_size, None)
    }

    /// [`Cache::lint_path`], also keeping (and, for an unchanged file,
    /// giving back) the file's record for the archive rules, so that a rerun
    /// over an unchanged archive reads no article to judge it.
    pub fn lint_path_recorded(
        &self,
        job: &Job,
        files: FileLinter<'_>,
        max_size: u64,
        record: Option<RecordSlot<'_>>,
    ) -> FileReport {
        let uncached = || files.path(&job.display, &job.path, max_size);
        let Some(&run) = self.runs.get(job.linter) else {
            return uncached();
        };
        if files.fix.is_some() {
            return uncached();
        }
        let (linter, filter) = (files.linter, files.filter);
        let bytes = match read_limited(&job.path, max_size) {
            Ok(Some(bytes)) => bytes,
            // Too large or unreadable: let the uncached path say so.
            _ => return uncached(),
        };
        let display = job.display.as_str();
        let run_hex = format!("{run:016x}");
        let content_hex = format!("{:016x}", content_hash(run, display, &bytes));
        let keys = (run_hex.as_str(), content_hex.as_str());
        let bytes = match self.cached(linter, display, keys, bytes, filter, record) {
            Ok(report) => return report,
            Err(bytes) => bytes,
        };
        let unfiltered: Mutex<Option<Vec<Diagnostic>>> = Mutex::new(None);
        let keep_unfiltered = |doc: &Document, diagnostics: &mut Vec<Diagnostic>| {
            if let Ok(mut slot) = unfiltered.lock() {
                slot.get_or_insert_with(|| diagnostics.clone());
            }
            filter(doc, diagnostics);
        };
        let report = FileLinter {
            filter: &keep_unfiltered,
            ..files
        }
        .bytes(display, bytes);
        let unfiltered = unfiltered
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let (false, Some(diagnostics)) = (report.io_error, unfiltered) {
            let made = record.and_then(|wanted| {
                let made = wanted.slot.lock().ok()?.clone()?;
                Some((wanted.settings.to_string(), made))
            });
            let entry = Entry {
                run: run_hex,
                content: content_hex,
                diagnostics: diagnostics.iter().map(StoredDiagnostic::from).collect(),
                record: made,
                uncovered: report.uncovered.clone(),
            };
            if let Ok(mut new) = self.new.lock() {
                new.insert(display.to_string(), entry);
            }
        }
        report
    }

    /// The report kept for this file, or its bytes back when there is none
    /// that can be trusted.
    fn cached(
        &self,
        linter: &Linter,
        display: &str,
        (run, content): (&str, &str),
        bytes: Vec<u8>,
        filter: Filter<'_>,
        record: Option<RecordSlot<'_>>,
    ) -> Result<FileReport, Vec<u8>> {
        let Some(entry) = self.old.get(display) else {
            return Err(bytes);
        };
        if entry.run != run || entry.content != content {
            return Err(bytes);
        }
        if let Some(wanted) = record {
            // An entry without the record the run needs is linted again.
            match &entry.record {
                Some((settings, kept)) if settings == wanted.settings => {
                    if let Ok(mut slot) = wanted.slot.lock() {
                        *slot = Some(kept.clone());
                    }
                }
                _ => return Err(bytes),
            }
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => return Err(error.into_bytes()),
        };
        let diagnostics: Option<Vec<Diagnostic>> = entry
            .diagnostics
            .iter()
            .map(|stored| stored.restore(&text))
            .collect();
        let Some(mut diagnostics) = diagnostics else {
            return Err(text.into_bytes());
        };
        if let Ok(mut new) = self.new.lock() {
            new.insert(display.to_string(), entry.clone());
        }
        // A filter only removes findings, except for what it reports about
        // suppression comments (unused, unknown names or directives), which
        // needs a `copydesk-` comment: a clean file without one needs no
        // document at all.
        let text = if diagnostics.is_empty()
            && memchr::memmem::find(text.as_bytes(), b"copydesk-").is_none()
        {
            text
        } else {
            let doc = linter.document(display, text);
            filter(&doc, &mut diagnostics);
            doc.text
        };
        let source: Arc<str> = if diagnostics.is_empty() {
            Arc::from("")
        } else {
            Arc::from(text)
        };
        Ok(FileReport {
            path: display.to_string(),
            source,
            diagnostics,
            io_error: false,
            fixed: None,
            fixes_applied: 0,
            uncovered: entry.uncovered.clone(),
        })
    }

    /// Write the index: this run's entries, and the old entries of files this
    /// run did not see. Written to a temporary file, then renamed into place.
    pub fn save(self) -> std::io::Result<()> {
        let mut entries = self.old;
        let new = self
            .new
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.extend(new);
        std::fs::create_dir_all(&self.dir)?;
        // The folder holds nothing worth committing: say so to git, and to
        // backup tools that honour CACHEDIR.TAG.
        create_once(
            &self.dir.join(".gitignore"),
            "# Written by copydesk --cache.\n*\n",
        )?;
        create_once(
            &self.dir.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n# copydesk's cache: safe to delete.\n",
        )?;
        let json = serde_json::to_vec(&IndexOut {
            format: FORMAT,
            copydesk: env!("CARGO_PKG_VERSION"),
            entries: &entries,
        })
        .map_err(std::io::Error::other)?;
        // Created exclusively under a random name: a link planted at a name
        // known in advance would redirect the write.
        let mut temp = tempfile::Builder::new()
            .prefix(&format!(".{INDEX_NAME}."))
            .suffix(".tmp")
            .tempfile_in(&self.dir)?;
        temp.write_all(&json)?;
        temp.persist(self.dir.join(INDEX_NAME))
            .map_err(|error| error.error)?;
        Ok(())
    }
}

/// Write `text` to a new file at `path`; a file or link already there is
/// left alone, and a dangling link is not followed.
fn create_once(path: &Path, text: &str) -> std::io::Result<()> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => file.write_all(text.as_bytes()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

/// A diagnostic as the index stores it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct StoredDiagnostic {
    rule: String,
    severity: String,
    message: String,
    span: (usize, usize),
    #[serde(default)]
    labels: Vec<(usize, usize, String)>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    fix: Option<StoredFix>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct StoredFix {
    span: (usize, usize),
    replacement: String,
    applicability: String,
    /// The further edits of a multi-place fix: (start, end, replacement).
    #[serde(default)]
    also: Vec<(usize, usize, String)>,
}

impl From<&Diagnostic> for StoredDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        StoredDiagnostic {
            rule: d.rule.to_string(),
            severity: d.severity.as_str().to_string(),
            message: d.message.clone(),
            span: (d.span.start, d.span.end),
            labels: d
                .labels
                .iter()
                .map(|l| (l.span.start, l.span.end, l.message.clone()))
                .collect(),
            notes: d.notes.clone(),
            help: d.help.clone(),
            fix: d.fix.as_ref().map(|fix| StoredFix {
                span: (fix.span.start, fix.span.end),
                replacement: fix.replacement.clone(),
                applicability: fix.applicability.as_str().to_string(),
                also: fix
                    .also
                    .iter()
                    .map(|e| (e.span.start, e.span.end, e.replacement.clone()))
                    .collect(),
            }),
        }
    }
}

impl StoredDiagnostic {
    /// The diagnostic, if every part of it is sound for `text`.
    fn restore(&self, text: &str) -> Option<Diagnostic> {
        let span = |(start, end): (usize, usize)| -> Option<Range<usize>> {
            (start <= end && text.is_char_boundary(start) && text.is_char_boundary(end))
                .then_some(start..end)
        };
        let fix = match &self.fix {
            Some(stored) => Some(Fix {
                span: span(stored.span)?,
                replacement: stored.replacement.clone(),
                applicability: match stored.applicability.as_str() {
                    "safe" => Applicability::Safe,
                    "unsafe" => Applicability::Unsafe,
                    "display-only" => Applicability::DisplayOnly,
                    _ => return None,
                },
                also: stored
                    .also
                    .iter()
                    .map(|(start, end, replacement)| {
                        Some(Edit {
                            span: span((*start, *end))?,
                            replacement: replacement.clone(),
                        })
                    })
                    .collect::<Option<Vec<Edit>>>()?,
            }),
            None => None,
        };
        let labels = self
            .labels
            .iter()
            .map(|(start, end, message)| {
                Some(Label {
                    span: span((*start, *end))?,
                    message: message.clone(),
                })
            })
            .collect::<Option<Vec<Label>>>()?;
        Some(Diagnostic {
            rule: Arc::from(self.rule.as_str()),
            severity: Severity::parse(&self.severity)?,
            message: self.message.clone(),
            span: span(self.span)?,
            labels,
            notes: self.notes.clone(),
            help: self.help.clone(),
            fix,
        })
    }
}

#[cfg(test)]
mod tests;
