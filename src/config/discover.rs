//! Finding configuration files: the nearest one above a path, every one
//! above it, or the one kept in a folder.

use std::path::{Path, PathBuf};

use crate::paths::absolute;

/// Names `copydesk.toml` may be found under, in order of preference.
pub const CONFIG_NAMES: &[&str] = &["copydesk.toml", ".copydesk.toml"];

/// Find the configuration that applies to `start` by walking up its folders.
pub fn discover(start: &Path) -> Option<PathBuf> {
    configs_above(start).next()
}

/// Every configuration file at or above `start`'s folder, nearest first:
/// the configurations a walk from the top would have met on the way to it.
pub fn discover_all(start: &Path) -> Vec<PathBuf> {
    configs_above(start).collect()
}

/// The configuration files at and above `start`'s folder, nearest first,
/// found as the climb reaches them.
fn configs_above(start: &Path) -> impl Iterator<Item = PathBuf> {
    let start = absolute(start);
    let first = if start.is_dir() {
        Some(start.clone())
    } else {
        start.parent().map(Path::to_path_buf)
    };
    std::iter::successors(first, |dir| dir.parent().map(Path::to_path_buf))
        .filter_map(|dir| in_folder(&dir))
        .map(relative_to_current_dir)
}

/// The configuration file kept in `folder` itself, if any. Two checks per
/// folder: the walk calls this once for each folder it enters.
pub fn in_folder(folder: &Path) -> Option<PathBuf> {
    CONFIG_NAMES
        .iter()
        .map(|name| folder.join(name))
        .find(|candidate| candidate.is_file())
        .map(|found| without_current_dir_steps(&found))
}

/// `./desk/./copydesk.toml` reads as `desk/copydesk.toml` in messages.
fn without_current_dir_steps(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        path.to_path_buf()
    } else {
        cleaned
    }
}

/// Show paths below the current folder relative to it, as users typed them.
pub(super) fn relative_to_current_dir(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|relative| !relative.as_os_str().is_empty())
        .unwrap_or(path)
}
