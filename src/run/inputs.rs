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
    stdin: Option<Stdin>,
) -> Result<Inputs, Vec<ConfigError>> {
    let explicit_paths = !settings.paths.is_empty() || settings.listed.is_some();
    let paths = if explicit_paths {
        settings.paths.clone()
    } else {
        vec![PathBuf::from(".")]
    };
    // Paths found by walking the current folder are shown as users type them.
    let display = |p: &Path| -> String {
        let shown = crate::render::paths::shown(p);
        if explicit_paths {
            shown
        } else {
            shown
                .strip_prefix("./")
                .map(str::to_string)
                .unwrap_or(shown)
        }
    };
    let mut configs = Configs::new(settings);
    let mut inputs = Inputs {
        configurations: Vec::new(),
        jobs: Vec::new(),
        unreadable: Vec::new(),
        stdin: None,
        stdin_excluded: None,
        primary: None,
    };
    let mut stdin = stdin;
    // The first path's own configuration governs the run; it is noted apart
    // because checking `--force-exclude` reads the configurations above a
    // file first.
    let nested = settings.config.is_none();
    for path in &paths {
        if path.as_os_str() == "-" {
            let Some(Stdin { name, bytes }) = stdin.take() else {
                continue;
            };
            let named = name.is_some();
            let name = name.unwrap_or_else(|| "-".to_string());
            if settings.force_exclude && named && configs.force_excluded(Path::new(&name)) {
                inputs.stdin_excluded = Some((name, bytes));
                continue;
            }
            if let Some(index) = configs.load_for(Path::new(&name)) {
                inputs.primary.get_or_insert(index);
                inputs.stdin = Some((index, name, bytes));
            }
            continue;
        }
        if settings.force_exclude && path.is_file() && configs.force_excluded(path) {
            continue;
        }
        let slot = configs.slot_for(path);
        let start = configs.set.load(slot);
        if let Some(index) = start {
            inputs.primary.get_or_insert(index);
        }
        if path.is_dir() {
            let walked = walk_nested(path, slot, &mut configs.set, nested);
            inputs
                .jobs
                .extend(walked.files.into_iter().map(|(file, linter)| Job {
                    display: display(&file),
                    path: file,
                    linter,
                }));
            for (bad, message) in walked.errors {
                inputs
                    .unreadable
                    .push(FileReport::unreadable(&display(&bad), &message));
            }
        } else {
            match std::fs::metadata(path) {
                Ok(metadata) if metadata.is_file() => {
                    if let Some(linter) = start {
                        inputs.jobs.push(Job {
                            display: display(path),
                            path: path.clone(),
                            linter,
                        });
                    }
                }
                // Reading a FIFO would wait for a writer forever, and a
                // device has no end: named, it is an error; the rest is linted.
                Ok(metadata) => {
                    let message = format!("{}; not linted", not_a_file(&metadata));
                    inputs
                        .unreadable
                        .push(FileReport::unreadable(&display(path), &message));
                }
                Err(error) => inputs
                    .unreadable
                    .push(FileReport::unreadable(&display(path), &unreachable(&error))),
            }
        }
    }
    // A listed path is a candidate, not a demand: a diff names deleted files
    // and files that are not articles.
    for path in settings.listed.iter().flatten() {
        if !path.is_file() || settings.force_exclude && configs.force_excluded(path) {
            continue;
        }
        let Some(index) = configs.load_for(path) else {
            continue;
        };
        let resolved = &configs.set.resolved[index];
        let relative = relative_to(path, &resolved.config.glob_root());
        if is_article(&relative, resolved.include.as_ref(), &resolved.exclude) {
            inputs.jobs.push(Job {
                display: display(path),
                path: path.clone(),
                linter: index,
            });
        }
    }
    if inputs.primary.is_none() && settings.paths.is_empty() {
        inputs.primary = configs.load_for(Path::new("."));
    }
    if let Some(errors) = configs.set.take_errors() {
        return Err(errors);
    }
    inputs.jobs.sort_by(|a, b| a.display.cmp(&b.display));
    inputs.jobs.dedup_by(|a, b| a.display == b.display);
    inputs.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
    inputs.configurations = configs.set.resolved.clone();
    Ok(inputs)
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
