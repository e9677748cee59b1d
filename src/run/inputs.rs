//! From the paths of a run to the files it lints: each with its
//! configuration, every configuration read (and its problems collected)
//! before anything is linted.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::walk::{is_article, walk_nested};
use super::{Settings, Stdin};
use crate::config::{self, ConfigError, ConfigSet, Resolved};
use crate::lint::{FileReport, Job};
use crate::paths::relative_to;

/// What a run lints, found before linting begins.
pub(super) struct Inputs {
    /// The resolved configurations; a job's `linter` indexes this.
    pub configurations: Vec<Arc<Resolved>>,
    /// The files, in path order, without duplicates.
    pub jobs: Vec<Job>,
    /// Paths that could not be read or walked, reported in their place.
    pub unreadable: Vec<FileReport>,
    /// Standard input to lint: its configuration, name and bytes.
    pub stdin: Option<(usize, String, std::io::Result<Vec<u8>>)>,
    /// Standard input that `--force-exclude` keeps from being linted: its
    /// name and bytes, handed back unchanged by `--fix`.
    pub stdin_excluded: Option<(String, std::io::Result<Vec<u8>>)>,
    /// The configuration of the first path: it governs the run's `fail-on`
    /// and the cache folder.
    pub primary: Option<usize>,
}

/// The configurations of a run, each read and resolved once.
pub(super) struct Configs<'s> {
    settings: &'s Settings,
    set: ConfigSet,
}

impl<'s> Configs<'s> {
    pub fn new(settings: &'s Settings) -> Self {
        Configs {
            settings,
            set: ConfigSet::new(settings.overrides.clone()),
        }
    }

    /// The slot of the configuration in force at `path`: the explicit one
    /// when given, else the nearest copydesk.toml at or above it, else the
    /// defaults. Nothing is read yet.
    fn slot_for(&mut self, path: &Path) -> usize {
        let file = match &self.settings.config {
            Some(explicit) => Some(explicit.clone()),
            None => config::discover(path),
        };
        self.set.slot(file)
    }

    /// The configuration in force at `path`, read and resolved; `None` when
    /// it cannot be used (its problem waits in the set, reported with the
    /// others).
    fn load_for(&mut self, path: &Path) -> Option<usize> {
        let slot = self.slot_for(path);
        self.set.load(slot)
    }

    /// `--force-exclude`: does a configuration in force at `file` exclude
    /// it, the nearest one or any above it (only the explicit one, when
    /// given)?
    fn force_excluded(&mut self, file: &Path) -> bool {
        let files: Vec<PathBuf> = match &self.settings.config {
            Some(explicit) => vec![explicit.clone()],
            None => config::discover_all(file).into_iter().rev().collect(),
        };
        let slots: Vec<usize> = files.into_iter().map(|f| self.set.slot(Some(f))).collect();
        self.set.excluded_by_any(&slots, file)
    }

    /// The configuration for `path` alone (commands that lint nothing).
    pub fn for_path(mut self, path: &Path) -> Result<Arc<Resolved>, ConfigError> {
        let slot = self.slot_for(path);
        match self.set.load(slot) {
            Some(index) => Ok(Arc::clone(&self.set.resolved[index])),
            None => Err(self
                .set
                .failure(slot)
                .cloned()
                .unwrap_or_else(|| ConfigError::Io {
                    path: PathBuf::from("."),
                    error: std::io::Error::other("no configuration slot"),
                })),
        }
    }
}

/// The configuration in force at `path` under `settings` (its `config` and
/// `overrides`), for commands that lint nothing.
pub fn configuration_for(settings: &Settings, path: &Path) -> Result<Arc<Resolved>, ConfigError> {
    Configs::new(settings).for_path(path)
}

/// Find every file `settings` names, with its configuration.
pub(super) fn gather(
    settings: &Settings,
    mut stdin: Option<Stdin>,
) -> Result<Inputs, Vec<ConfigError>> {
    let explicit_paths = !settings.paths.is_empty() || settings.listed.is_some();
    let mut gathering = Gathering {
        settings,
        configs: Configs::new(settings),
        inputs: Inputs {
            configurations: Vec::new(),
            jobs: Vec::new(),
            unreadable: Vec::new(),
            stdin: None,
            stdin_excluded: None,
            primary: None,
        },
        walking_here: !explicit_paths,
    };
    if explicit_paths {
        for path in &settings.paths {
            if path.as_os_str() == "-" {
                if let Some(input) = stdin.take() {
                    gathering.standard_input(input);
                }
            } else {
                gathering.named(path);
            }
        }
    } else {
        gathering.named(Path::new("."));
    }
    for path in settings.listed.iter().flatten() {
        gathering.listed(path);
    }
    gathering.finish()
}

/// A run's inputs as they are found.
struct Gathering<'s> {
    settings: &'s Settings,
    configs: Configs<'s>,
    inputs: Inputs,
    /// No path was named: the current folder is walked.
    walking_here: bool,
}

impl Gathering<'_> {
    /// How a path is shown: as the user typed it, and files found by walking
    /// the current folder without its `./`.
    fn display(&self, path: &Path) -> String {
        let shown = crate::render::paths::shown(path);
        if self.walking_here {
            shown
                .strip_prefix("./")
                .map(str::to_string)
                .unwrap_or(shown)
        } else {
            shown
        }
    }

    /// `-`: standard input, under its `--stdin-filename` when given.
    fn standard_input(&mut self, Stdin { name, bytes }: Stdin) {
        let named = name.is_some();
        let name = name.unwrap_or_else(|| "-".to_string());
        if self.settings.force_exclude && named && self.configs.force_excluded(Path::new(&name)) {
            self.inputs.stdin_excluded = Some((name, bytes));
            return;
        }
        if let Some(index) = self.configs.load_for(Path::new(&name)) {
            self.inputs.primary.get_or_insert(index);
            self.inputs.stdin = Some((index, name, bytes));
        }
    }

    /// A path named on the command line: a folder is walked, with the
    /// configurations nested in it; a file is linted; anything else is
    /// reported in its place.
    fn named(&mut self, path: &Path) {
        if self.settings.force_exclude && path.is_file() && self.configs.force_excluded(path) {
            return;
        }
        let slot = self.configs.slot_for(path);
        let start = self.configs.set.load(slot);
        // The first path's own configuration governs the run; it is noted
        // here because checking `--force-exclude` reads the configurations
        // above a file first.
        if let Some(index) = start {
            self.inputs.primary.get_or_insert(index);
        }
        if path.is_dir() {
            let nested = self.settings.config.is_none();
            let walked = walk_nested(path, slot, &mut self.configs.set, nested);
            for (file, linter) in walked.files {
                let display = self.display(&file);
                self.inputs.jobs.push(Job {
                    display,
                    path: file,
                    linter,
                });
            }
            for (bad, message) in walked.errors {
                let report = FileReport::unreadable(&self.display(&bad), &message);
                self.inputs.unreadable.push(report);
            }
            return;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_file() => {
                if let Some(linter) = start {
                    self.inputs.jobs.push(Job {
                        display: self.display(path),
                        path: path.to_path_buf(),
                        linter,
                    });
                }
            }
            // Reading a FIFO would wait for a writer forever, and a device
            // has no end: named, it is an error; the rest is linted.
            Ok(metadata) => {
                let message = format!("{}; not linted", not_a_file(&metadata));
                let report = FileReport::unreadable(&self.display(path), &message);
                self.inputs.unreadable.push(report);
            }
            Err(error) => {
                let report = FileReport::unreadable(&self.display(path), &unreachable(&error));
                self.inputs.unreadable.push(report);
            }
        }
    }

    /// A listed path (`--files-from`, `--changed`): a candidate, not a
    /// demand, since a change names files that are not articles.
    fn listed(&mut self, path: &Path) {
        if !path.is_file() || self.settings.force_exclude && self.configs.force_excluded(path) {
            return;
        }
        let Some(index) = self.configs.load_for(path) else {
            return;
        };
        let resolved = &self.configs.set.resolved[index];
        let relative = relative_to(path, &resolved.config.glob_root());
        if is_article(&relative, resolved.include.as_ref(), &resolved.exclude) {
            self.inputs.jobs.push(Job {
                display: self.display(path),
                path: path.to_path_buf(),
                linter: index,
            });
        }
    }

    /// The inputs in path order, or every configuration problem met.
    fn finish(mut self) -> Result<Inputs, Vec<ConfigError>> {
        if self.inputs.primary.is_none() && self.settings.paths.is_empty() {
            self.inputs.primary = self.configs.load_for(Path::new("."));
        }
        if let Some(errors) = self.configs.set.take_errors() {
            return Err(errors);
        }
        let mut inputs = self.inputs;
        inputs.jobs.sort_by(|a, b| a.display.cmp(&b.display));
        inputs.jobs.dedup_by(|a, b| a.display == b.display);
        inputs.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
        inputs.configurations = self.configs.set.resolved.clone();
        Ok(inputs)
    }
}

/// What a path named on the command line is, when it is not a regular file
/// (a folder is walked, not reported).
fn not_a_file(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO), not a regular file";
        }
        if kind.is_socket() {
            return "a socket, not a regular file";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device, not a regular file";
        }
    }
    let _ = metadata;
    "not a regular file"
}

/// Why a path named on the command line cannot be reached.
fn unreachable(error: &std::io::Error) -> String {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) {
        return "a symbolic link loop: following its links leads back to them".to_string();
    }
    if error.kind() == std::io::ErrorKind::NotFound {
        return "no such file or folder".to_string();
    }
    format!("cannot read: {error}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_configuration_keeps_its_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("copydesk.toml"), "fail-on = 3\n").expect("write");
        let settings = Settings::default();
        for _ in 0..2 {
            match configuration_for(&settings, dir.path()) {
                Err(ConfigError::Invalid(files)) => {
                    assert!(files.iter().any(|f| !f.problems.is_empty()));
                }
                _ => panic!("the broken configuration must be refused with its problems"),
            }
        }
    }
}
