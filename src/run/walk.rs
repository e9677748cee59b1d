//! Walking folders for articles, each with the configuration in force in
//! its folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use globset::GlobSet;

use crate::config::{self, ConfigSet};

/// Is this a file copydesk lints when it meets it in a folder?
pub fn is_article(relative: &Path, include: Option<&GlobSet>, exclude: &GlobSet) -> bool {
    if exclude.is_match(relative) {
        return false;
    }
    match include {
        Some(globs) => globs.is_match(relative),
        None => matches!(
            relative
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("md" | "markdown" | "txt")
        ),
    }
}

/// Folders in path order, honouring `.gitignore`, skipping hidden entries
/// and following no symbolic links.
fn walker(root: &Path) -> ignore::Walk {
    ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
}

fn walk_error(root: &Path, error: &ignore::Error) -> (PathBuf, String) {
    let path = match error {
        ignore::Error::WithPath { path, .. } => path.clone(),
        _ => root.to_path_buf(),
    };
    (path, error.to_string())
}

/// The configurations in force in a folder: the nearest one (`slot`, its
/// own or an ancestor's) and, through `above`, those of the folders above
/// it, up to the one the walk started with.
struct Scope {
    slot: usize,
    above: Option<Rc<Scope>>,
}

/// What [`walk_nested`] found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Articles, in path order, each with the index of the resolved
    /// configuration (in [`ConfigSet::resolved`]) it is linted with.
    pub files: Vec<(PathBuf, usize)>,
    /// Paths that could not be walked.
    pub errors: Vec<(PathBuf, String)>,
}

/// Walk `root` (honouring `.gitignore`) and give each article the
/// configuration of the nearest `copydesk.toml` at or above its own folder.
///
/// `start` is the slot of the configuration in force at `root` (found by
/// [`config::discover`], or `--config`). With `nested`, every folder the
/// walk enters is looked at once for its own configuration file, which then
/// applies below it; folders without one take their parent's, from a map
/// filled as the walk goes, so no file costs a search up its folders.
///
/// A file is skipped when any configuration in force excludes it, each
/// matching paths relative to its own folder: a nested configuration adds
/// exclusions but cannot lift its parent's, and the configurations are read
/// outermost first, so one in a folder the parent excludes is never read.
/// `include` is the nearest configuration's alone. A configuration that
/// cannot be read leaves its files out; its problem is in
/// [`ConfigSet::errors`].
pub fn walk_nested(root: &Path, start: usize, configs: &mut ConfigSet, nested: bool) -> Walked {
    let mut walked = Walked::default();
    let absolute_walk_root = std::fs::canonicalize(root).ok();
    let start = Rc::new(Scope {
        slot: start,
        above: None,
    });
    let mut scopes: HashMap<PathBuf, Rc<Scope>> = HashMap::new();
    for entry in walker(root) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                walked.errors.push(walk_error(root, &error));
                continue;
            }
        };
        let Some(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        let parent_scope = || {
            path.parent()
                .and_then(|parent| scopes.get(parent))
                .unwrap_or(&start)
                .clone()
        };
        if kind.is_dir() {
            if nested && entry.depth() > 0 {
                let parent = parent_scope();
                let scope = match config::in_folder(path) {
                    Some(file) => Rc::new(Scope {
                        slot: configs.slot(Some(file)),
                        above: Some(parent),
                    }),
                    None => parent,
                };
                scopes.insert(path.to_path_buf(), scope);
            }
            continue;
        }
        if !kind.is_file() {
            continue;
        }
        let scope = parent_scope();
        let absolute = match (&absolute_walk_root, path.strip_prefix(root)) {
            (Some(base), Ok(below)) => base.join(below),
            _ => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        };
        let file = Candidate {
            absolute: &absolute,
            walked: path,
        };
        if let Some(index) = admitted(&scope, file, configs) {
            walked.files.push((path.to_path_buf(), index));
        }
    }
    walked
}

/// A walked file: absolute, to match below a configuration's folder, and as
/// walked, to match a configuration elsewhere (`--config ci/copydesk.toml`).
#[derive(Clone, Copy)]
struct Candidate<'a> {
    absolute: &'a Path,
    walked: &'a Path,
}

/// The configuration `file` is linted with, or `None` when a configuration
/// in force excludes it or cannot be read.
fn admitted(scope: &Scope, file: Candidate, configs: &mut ConfigSet) -> Option<usize> {
    let allowed = match &scope.above {
        Some(above) => allowed_by(above, file, configs),
        None => Some(true),
    };
    if allowed == Some(false) {
        return None;
    }
    // Below a broken configuration the nearest one is still read, so that
    // its problems are reported in the same run.
    let index = configs.load(scope.slot)?;
    allowed?;
    let relative = relative_to_config(file, index, configs);
    let resolved = &configs.resolved[index];
    is_article(relative, resolved.include.as_ref(), &resolved.exclude).then_some(index)
}

/// Do the configurations from `scope` up leave `file` in? Outermost first.
/// `None` when one of them cannot be read and does not visibly exclude it.
fn allowed_by(scope: &Scope, file: Candidate, configs: &mut ConfigSet) -> Option<bool> {
    let above = match &scope.above {
        Some(above) => allowed_by(above, file, configs),
        None => Some(true),
    };
    if above == Some(false) {
        return above;
    }
    let excluded = match configs.load(scope.slot) {
        Some(index) => {
            let relative = relative_to_config(file, index, configs);
            configs.resolved[index].exclude.is_match(relative)
        }
        None => configs.broken_excludes(scope.slot, file.absolute) == Some(true),
    };
    if excluded {
        Some(false)
    } else {
        // A broken configuration that does not exclude the file leaves the
        // answer open.
        configs.load(scope.slot).and(above)
    }
}

fn relative_to_config<'a>(file: Candidate<'a>, index: usize, configs: &ConfigSet) -> &'a Path {
    configs
        .absolute_root(index)
        .and_then(|root| file.absolute.strip_prefix(root).ok())
        .unwrap_or(file.walked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_articles_are_markdown_and_text() {
        let none = GlobSet::empty();
        assert!(is_article(Path::new("a/b.md"), None, &none));
        assert!(is_article(Path::new("b.TXT"), None, &none));
        assert!(!is_article(Path::new("b.rs"), None, &none));
    }

    #[test]
    fn walked_files_take_the_nearest_config_each_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (file, text) in [
            ("copydesk.toml", "exclude = [\"old/**\"]\n"),
            ("a.md", "Text."),
            ("ru/.copydesk.toml", "language = \"ru\"\n"),
            ("ru/b.md", "Text."),
            ("ru/wire/c.md", "Text."),
            ("old/copydesk.toml", "not toml ["),
            ("old/d.md", "Text."),
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let mut configs = ConfigSet::default();
        let start = configs.slot(config::discover(root));
        let walked = walk_nested(root, start, &mut configs, true);
        assert!(walked.errors.is_empty());
        assert!(configs.errors.is_empty(), "old/ is excluded, never read");
        let languages: Vec<(String, Option<String>)> = walked
            .files
            .iter()
            .map(|(file, index)| {
                (
                    file.strip_prefix(root).unwrap().display().to_string(),
                    configs.resolved[*index].config.language.clone(),
                )
            })
            .collect();
        let ru = Some("ru".to_string());
        assert_eq!(
            languages,
            [
                ("a.md".to_string(), None),
                ("ru/b.md".to_string(), ru.clone()),
                ("ru/wire/c.md".to_string(), ru),
            ]
        );
        assert_eq!(configs.resolved.len(), 2);
        // Without nested discovery, the starting config applies throughout.
        let walked = walk_nested(root, start, &mut configs, false);
        assert!(walked.files.iter().all(|(_, index)| *index == 0));
        assert_eq!(walked.files.len(), 3);
    }
}
