//! Paths as copydesk compares them: absolute spellings, paths relative to a
//! configuration's folder, and joins that never touch the file system.

use std::path::{Component, Path, PathBuf};

/// `path` relative to `root`, as globs in copydesk.toml are written. Paths are
/// made absolute (resolving links when the file exists) before comparing.
pub fn relative_to(path: &Path, root: &Path) -> PathBuf {
    let file = absolute(path);
    let root = absolute(root);
    if let Ok(inside) = file.strip_prefix(&root) {
        return inside.to_path_buf();
    }
    // Outside the root: climb to the common folder with `..`.
    let file_parts: Vec<Component> = file.components().collect();
    let root_parts: Vec<Component> = root.components().collect();
    let common = file_parts
        .iter()
        .zip(&root_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return file;
    }
    let mut relative = PathBuf::new();
    for _ in common..root_parts.len() {
        relative.push("..");
    }
    for part in &file_parts[common..] {
        relative.push(part.as_os_str());
    }
    relative
}

/// One absolute spelling of `path`: links resolved when it exists, else
/// joined to the current folder with `.` and `..` taken out.
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| match std::env::current_dir() {
        Ok(cwd) => normalize(&cwd.join(path)),
        Err(_) => normalize(path),
    })
}

/// `relative` joined to `folder` without touching the file system: `.`
/// steps removed, `..` climbing where it can and kept where it cannot (the
/// start of a relative path; never above the root). An absolute `relative`
/// stands alone.
pub fn join(folder: &Path, relative: &Path) -> PathBuf {
    normalize(&folder.join(relative))
}

/// `path` with `.` steps removed and `..` resolved without touching the file
/// system, as [`join`] does; `.` for an empty result.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            Component::RootDir | Component::Prefix(_) => out = PathBuf::from(part.as_os_str()),
            Component::Normal(name) => out.push(name),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_resolve_dots_without_the_file_system() {
        let joined = |a: &str, b: &str| join(Path::new(a), Path::new(b));
        assert_eq!(
            joined("desk", "../shared/base.toml"),
            Path::new("shared/base.toml")
        );
        assert_eq!(joined(".", "a/./b.toml"), Path::new("a/b.toml"));
        assert_eq!(joined("..", "../x.toml"), Path::new("../../x.toml"));
        assert_eq!(joined("/", "../x.toml"), Path::new("/x.toml"));
        assert_eq!(joined("desk", "/etc/x.toml"), Path::new("/etc/x.toml"));
        assert_eq!(joined("a", ".."), Path::new("."));
    }
}
