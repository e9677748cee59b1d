//! The configurations of a run: each registered when the run meets it, read
//! and resolved once when first needed, its problems kept for the report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;

use crate::files::read::{read_text_file, MAX_CONFIG_FILE_SIZE};
use crate::paths::absolute;
use crate::ruleset::FileProblems;

use super::globs::glob_set;
use super::{load, resolve, ConfigError, Overrides, RawConfig, Resolved};

/// One configuration file of a run (or the defaults, `file: None`), read
/// only when a file below it needs it.
enum Slot {
    Unread(Option<PathBuf>),
    Ready(usize),
    /// Unusable, and why; its `exclude`, when that much can still be read,
    /// keeps the walk out of the folders it names.
    Failed(ConfigError, Option<(PathBuf, GlobSet)>),
}

/// Every configuration a run meets, each read and resolved once: the ones
/// found from the command-line paths and the nested ones the walk finds.
///
/// A configuration is registered ([`ConfigSet::slot`]) when its folder is
/// entered and read ([`ConfigSet::load`]) only when a file below it is
/// considered, so that a nested `copydesk.toml` in a folder its parent
/// excludes is never read. Problems are collected in [`ConfigSet::errors`]
/// so that all of them can be reported before anything is linted.
#[derive(Default)]
pub struct ConfigSet {
    overrides: Overrides,
    slots: Vec<Slot>,
    by_file: std::collections::HashMap<Option<PathBuf>, usize>,
    /// Resolved configurations, in the order they were read; a job's
    /// `linter` is an index into this.
    pub resolved: Vec<Arc<Resolved>>,
    /// Each resolved configuration's folder, made absolute once.
    absolute_roots: Vec<PathBuf>,
    /// Configurations that could not be used, one entry per file.
    pub errors: Vec<ConfigError>,
}

impl ConfigSet {
    /// An empty set whose configurations are resolved under the command
    /// line's `overrides`.
    pub fn new(overrides: Overrides) -> ConfigSet {
        ConfigSet {
            overrides,
            ..ConfigSet::default()
        }
    }

    /// The slot of a configuration file (`None`: the defaults), registered
    /// without reading it. The same file reached by two spellings of its
    /// path gets one slot.
    pub fn slot(&mut self, file: Option<PathBuf>) -> usize {
        let key = file
            .as_ref()
            .map(|path| std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()));
        if let Some(&slot) = self.by_file.get(&key) {
            return slot;
        }
        self.slots.push(Slot::Unread(file));
        self.by_file.insert(key, self.slots.len() - 1);
        self.slots.len() - 1
    }

    /// Read and resolve a slot's configuration, once. `None` when it cannot
    /// be used; the reason is then in [`ConfigSet::errors`].
    pub fn load(&mut self, slot: usize) -> Option<usize> {
        let file = match self.slots.get(slot)? {
            Slot::Ready(index) => return Some(*index),
            Slot::Failed(..) => return None,
            Slot::Unread(file) => file.clone(),
        };
        let raw = match &file {
            Some(file) => load(file),
            None => Ok(RawConfig::default()),
        };
        match raw.and_then(|raw| resolve(raw, &self.overrides)) {
            Ok(resolved) => {
                let root = resolved.config.glob_root();
                self.absolute_roots
                    .push(std::fs::canonicalize(&root).unwrap_or(root));
                self.resolved.push(Arc::new(resolved));
                let index = self.resolved.len() - 1;
                self.slots[slot] = Slot::Ready(index);
                Some(index)
            }
            Err(error) => {
                self.errors.push(error.clone());
                let exclude = file.as_deref().and_then(readable_exclude);
                self.slots[slot] = Slot::Failed(error, exclude);
                None
            }
        }
    }

    /// Why a slot's configuration cannot be used, however often it is asked.
    pub fn failure(&self, slot: usize) -> Option<&ConfigError> {
        match self.slots.get(slot)? {
            Slot::Failed(error, _) => Some(error),
            _ => None,
        }
    }

    /// For a configuration that cannot be used: does its `exclude` still
    /// name `file` (absolute)? `None` when that cannot be told.
    pub fn broken_excludes(&self, slot: usize, file: &Path) -> Option<bool> {
        match self.slots.get(slot)? {
            Slot::Failed(_, Some((root, exclude))) => {
                Some(exclude.is_match(file.strip_prefix(root).unwrap_or(file)))
            }
            _ => None,
        }
    }

    /// Would a walk skip `file` because one of the configurations in
    /// `slots` (outermost first) excludes it? Those below the first that
    /// does are not read, as in a walk.
    pub fn excluded_by_any(&mut self, slots: &[usize], file: &Path) -> bool {
        let given = file;
        let file = absolute(file);
        slots.iter().any(|&slot| self.excludes(slot, &file, given))
    }

    /// Does the configuration in `slot` exclude `file` (absolute; `given`
    /// as given), reading it if need be?
    fn excludes(&mut self, slot: usize, file: &Path, given: &Path) -> bool {
        match self.load(slot) {
            Some(index) => {
                // Outside the configuration's folder, as a walk does: the
                // path as given.
                let root = self.absolute_roots.get(index);
                let relative = root
                    .and_then(|root| file.strip_prefix(root).ok())
                    .unwrap_or(given);
                self.resolved[index].exclude.is_match(relative)
            }
            None => self.broken_excludes(slot, file) == Some(true),
        }
    }

    /// The folder a resolved configuration's globs are relative to, absolute.
    pub fn absolute_root(&self, index: usize) -> Option<&Path> {
        self.absolute_roots.get(index).map(PathBuf::as_path)
    }

    /// Every problem met so far, merged so that the configuration files'
    /// problems are reported together; `None` when there are none.
    pub fn take_errors(&mut self) -> Option<Vec<ConfigError>> {
        if self.errors.is_empty() {
            return None;
        }
        let mut merger = ErrorMerger::default();
        for error in self.errors.drain(..) {
            merger.add(error);
        }
        Some(merger.finish())
    }
}

/// The problems of several configurations, each reported once.
#[derive(Default)]
struct ErrorMerger {
    merged: Vec<ConfigError>,
    /// The files with problems, reported together as one error.
    invalid: Vec<FileProblems>,
    /// The files reported so far, by absolute path and text: a base or
    /// rule-set file shared by several configurations is read once for
    /// each, under as many spellings of its path, and reported once.
    invalid_seen: Vec<(PathBuf, Arc<str>)>,
    unreadable_seen: Vec<PathBuf>,
    /// A missing rule-set file that several configurations name.
    missing_seen: Vec<String>,
    unknown_rule_seen: bool,
}

impl ErrorMerger {
    fn add(&mut self, error: ConfigError) {
        match error {
            ConfigError::Invalid(files) => {
                for file in files {
                    self.add_invalid(file);
                }
            }
            // The command line is the same for every configuration.
            ConfigError::UnknownRule { .. } if self.unknown_rule_seen => {}
            ConfigError::UnknownRule { .. } => {
                self.unknown_rule_seen = true;
                self.merged.push(error);
            }
            ConfigError::Io { ref path, .. } => {
                let key = absolute(path);
                if !self.unreadable_seen.contains(&key) {
                    self.unreadable_seen.push(key);
                    self.merged.push(error);
                }
            }
        }
    }

    fn add_invalid(&mut self, file: FileProblems) {
        let key = (
            absolute(Path::new(&*file.source.name)),
            file.source.text.clone(),
        );
        if !self.invalid_seen.contains(&key) {
            self.invalid_seen.push(key);
            let mut file = file;
            let missing_seen = &mut self.missing_seen;
            file.problems.retain(|problem| {
                if problem.rule.as_ref() != super::raw::MISSING_RULE_SET {
                    return true;
                }
                let new = !missing_seen.contains(&problem.message);
                if new {
                    missing_seen.push(problem.message.clone());
                }
                new
            });
            if !file.problems.is_empty() {
                self.invalid.push(file);
            }
        }
    }

    fn finish(mut self) -> Vec<ConfigError> {
        if !self.invalid.is_empty() {
            self.merged.push(ConfigError::Invalid(self.invalid));
        }
        self.merged
    }
}

/// The `exclude` of a configuration with problems elsewhere, with the
/// folder it is relative to (absolute), when the file is still valid TOML.
fn readable_exclude(file: &Path) -> Option<(PathBuf, GlobSet)> {
    let table: toml::Table = read_text_file(file, MAX_CONFIG_FILE_SIZE)
        .ok()?
        .parse()
        .ok()?;
    let globs: Vec<String> = table
        .get("exclude")?
        .as_array()?
        .iter()
        .filter_map(|glob| glob.as_str().map(String::from))
        .collect();
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = std::fs::canonicalize(folder).ok()?;
    Some((root, glob_set(&globs)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_reached_by_two_spellings_is_one_slot() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("copydesk.toml");
        std::fs::write(&file, "language = \"ru\"\n").unwrap();
        let mut configs = ConfigSet::default();
        let first = configs.slot(Some(file.clone()));
        let again = configs.slot(Some(dir.path().join(".").join("copydesk.toml")));
        assert_eq!(first, again);
        assert_ne!(configs.slot(None), first);
        assert_eq!(configs.load(first), configs.load(again));
        assert_eq!(configs.resolved.len(), 1);
    }
}
