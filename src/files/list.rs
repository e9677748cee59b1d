//! Path lists (`--files-from`): what `git diff --name-only` or `find` print,
//! read as they print it. A list holding a NUL byte is NUL-separated (`git
//! diff -z`, `find -print0`) and taken byte for byte; otherwise it is one path
//! a line, trimmed, and a line in git's quoted form (`"cor\303\251e.md"`) is
//! unquoted. Each path is looked for in the current folder, then at the git
//! repository's root, since git prints paths relative to the root whatever
//! folder it runs in.

use std::path::{Path, PathBuf};

use super::git::{path_from_bytes, unquote, Repository};

/// The paths a list names, in its order, empty entries left out.
pub fn parse(bytes: &[u8]) -> Vec<PathBuf> {
    if bytes.contains(&0) {
        return bytes
            .split(|byte| *byte == 0)
            .filter(|entry| !entry.is_empty())
            .map(|entry| path_from_bytes(entry.to_vec()))
            .collect();
    }
    bytes
        .split(|byte| *byte == b'\n')
        .map(<[u8]>::trim_ascii)
        .filter(|line| !line.is_empty())
        .map(|line| path_from_bytes(unquote(line).unwrap_or_else(|| line.to_vec())))
        .collect()
}

/// Where the paths of a list were found.
#[derive(Debug, Default)]
pub struct Located {
    /// The paths found, in list order: as listed when they exist relative
    /// to the folder, else as seen from the folder.
    pub found: Vec<PathBuf>,
    /// The paths found in neither place, as listed.
    pub missing: Vec<PathBuf>,
    /// The repository's root, when a path had to be looked for there.
    pub root: Option<PathBuf>,
}

/// Look for each path relative to `folder` and, when it is not there and
/// `folder` is inside a git working tree, relative to the tree's root.
pub fn locate(paths: Vec<PathBuf>, folder: &Path) -> Located {
    let mut located = Located::default();
    // Asked once, and only when a path is not where it was listed.
    let mut repository: Option<Option<Repository>> = None;
    for path in paths {
        if is_there(&folder.join(&path)) {
            located.found.push(path);
            continue;
        }
        let repository = repository.get_or_insert_with(|| Repository::discover(folder).ok());
        let from_root = repository
            .as_ref()
            .filter(|_| path.is_relative())
            .map(|repository| repository.from_root(&path))
            .filter(|seen| is_there(&folder.join(seen)));
        match from_root {
            Some(seen) => located.found.push(seen),
            None => located.missing.push(path),
        }
        located.root = repository
            .as_ref()
            .map(|repository| repository.root().to_path_buf());
    }
    located
}

/// Something is at `path` (a file, a folder, even a broken link): only a
/// path that names nothing is missing. A path that cannot be looked at for
/// another reason counts as there, to be reported when it is read.
fn is_there(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(_) => true,
        Err(error) => !matches!(
            error.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn lines_are_trimmed_and_quoted_names_unquoted() {
        let list = b"  a.md \r\n\n\"press-fr/cor\\303\\251e.md\"\n\"half\nb.txt";
        assert_eq!(
            parse(list),
            paths(&["a.md", "press-fr/corée.md", "\"half", "b.txt"])
        );
    }

    #[test]
    fn a_nul_separates_names_taken_byte_for_byte() {
        let list = b" a.md\0\"q\".md\0two\nlines.md\0\0";
        assert_eq!(parse(list), paths(&[" a.md", "\"q\".md", "two\nlines.md"]));
    }

    #[cfg(unix)]
    #[test]
    fn names_need_not_be_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let parsed = parse(b"caf\xe9.md\n\"caf\\351.txt\"\n");
        let names: Vec<&[u8]> = parsed.iter().map(|p| p.as_os_str().as_bytes()).collect();
        assert_eq!(names, [&b"caf\xe9.md"[..], &b"caf\xe9.txt"[..]]);
    }

    #[test]
    fn paths_outside_a_repository_are_found_here_or_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.md"), "Text.\n").expect("write");
        let located = locate(paths(&["a.md", "gone.md", "a.md/below.md"]), dir.path());
        assert_eq!(located.found, paths(&["a.md"]));
        assert_eq!(located.missing, paths(&["gone.md", "a.md/below.md"]));
    }
}
