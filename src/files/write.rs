//! Writing fixed text back: atomically, beside the file, keeping what the
//! file is (its links, owner and mode), or refusing with a reason.

use std::io::{Read, Write};
use std::path::Path;

/// Write `content` to `path` without ever leaving it half-written, and
/// without changing anything about the file but its text.
///
/// The text goes to a temporary file beside the file, created exclusively
/// under an unpredictable name (so that nobody can plant a link there, and
/// no two files ever share one), given the file's owner and mode, flushed to
/// disk, then renamed over the file. The file is replaced only if it still
/// holds `expected` (nobody changed it meanwhile).
///
/// A symbolic link stays a link: the file it points to is fixed. A file the
/// user may not write (read-only, even for root), whose owner cannot be kept,
/// or with more than one hard link is refused with an error saying why:
/// replacing it would make it writable, change its owner, or cut it off from
/// its other names, and writing it in place could leave it half-written.
pub fn write_atomically(path: &Path, expected: &str, content: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let original = std::fs::File::open(&target)?;
    let metadata = original.metadata()?;
    if !metadata.is_file() {
        return Err(refusal("it is not a regular file".to_string()));
    }
    check_writable(&target, &metadata)?;
    check_single_link(&metadata)?;
    let mut current = Vec::with_capacity(expected.len());
    (&original)
        .take(expected.len() as u64 + 1)
        .read_to_end(&mut current)?;
    if current != expected.as_bytes() {
        return Err(refusal("the file changed since it was read".to_string()));
    }
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(&target))
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(content.as_bytes())?;
    keep_owner(temp.as_file(), &metadata)?;
    // After the owner: changing it clears the set-id bits.
    temp.as_file().set_permissions(metadata.permissions())?;
    temp.as_file().sync_all()?;
    if !same_file(&std::fs::metadata(&target)?, &metadata) {
        return Err(refusal(
            "the file was replaced since it was read".to_string(),
        ));
    }
    temp.persist(&target).map_err(|error| error.error)?;
    Ok(())
}

/// Write `content` to `path` whole or not at all, for a file copydesk makes
/// itself (a baseline, a starter configuration): into a temporary file
/// beside it, created as [`write_atomically`] creates one, flushed to disk,
/// then renamed over it. A symbolic link is written through to the file it
/// points to; an existing file keeps its mode. Unlike an article, such a
/// file has no text to compare and no other names worth refusing for.
pub fn write_whole(path: &Path, content: &str) -> std::io::Result<()> {
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => path.to_path_buf(),
        Err(error) => return Err(error),
    };
    let existing = std::fs::metadata(&target).ok();
    if existing
        .as_ref()
        .is_some_and(|metadata| !metadata.is_file())
    {
        return Err(refusal("it is not a regular file".to_string()));
    }
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let prefix = temp_prefix(&target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    if existing.is_none() {
        // A new file gets what the user's umask gives any new file, not the
        // owner-only mode of a temporary file.
        builder.permissions(new_file_permissions());
    }
    let mut temp = builder.tempfile_in(folder)?;
    temp.write_all(content.as_bytes())?;
    if let Some(metadata) = existing {
        temp.as_file().set_permissions(metadata.permissions())?;
    }
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o666)
}

#[cfg(not(unix))]
fn new_file_permissions() -> std::fs::Permissions {
    std::fs::File::open(".")
        .and_then(|f| f.metadata())
        .map(|m| m.permissions())
        .expect("the current folder has permissions")
}

fn refusal(message: String) -> std::io::Error {
    std::io::Error::other(message)
}

/// `.NAME.copydesk-`, so that a temporary file left by a crash says whose it
/// is; a long name is left out, as the random part is what makes it unique.
fn temp_prefix(target: &Path) -> std::ffi::OsString {
    let mut prefix = std::ffi::OsString::from(".");
    if let Some(name) = target
        .file_name()
        .filter(|name| name.as_encoded_bytes().len() <= 64)
    {
        prefix.push(name);
    }
    prefix.push(".copydesk-");
    prefix
}

/// The permission bits are checked as well as access: root may write any
/// file, but a file without a write bit was made read-only on purpose.
#[cfg(unix)]
fn check_writable(target: &Path, metadata: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o7777;
    if mode & 0o222 == 0 {
        return Err(refusal(format!("the file is read-only (mode {mode:04o})")));
    }
    let access = rustix::fs::accessat(
        rustix::fs::CWD,
        target,
        rustix::fs::Access::WRITE_OK,
        rustix::fs::AtFlags::EACCESS,
    );
    access.map_err(|error| {
        refusal(format!(
            "you may not write the file ({})",
            std::io::Error::from(error)
        ))
    })
}

#[cfg(not(unix))]
fn check_writable(_: &Path, metadata: &std::fs::Metadata) -> std::io::Result<()> {
    if metadata.permissions().readonly() {
        return Err(refusal("the file is read-only".to_string()));
    }
    Ok(())
}

/// Renaming over a file with other hard links would leave them holding the
/// old text, and writing it in place could leave every name half-written.
#[cfg(unix)]
fn check_single_link(metadata: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let links = metadata.nlink();
    if links > 1 {
        return Err(refusal(format!(
            "the file has {links} hard links, and replacing it would cut it off \
             from the others; `--diff` shows the fixes to make by hand"
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_single_link(_: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

/// Give the new file the old one's owner and group; refuse when that is
/// not allowed, rather than hand the article to whoever ran the fix.
#[cfg(unix)]
fn keep_owner(temp: &std::fs::File, original: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let made = temp.metadata()?;
    let uid = (made.uid() != original.uid()).then_some(original.uid());
    let gid = (made.gid() != original.gid()).then_some(original.gid());
    if uid.is_none() && gid.is_none() {
        return Ok(());
    }
    std::os::unix::fs::fchown(temp, uid, gid).map_err(|error| {
        refusal(format!(
            "the file's owner and group ({}:{}) cannot be kept ({error})",
            original.uid(),
            original.gid()
        ))
    })
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_refuses_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        assert!(write_atomically(&path, "something else", "new").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        write_atomically(&path, "old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_whole_write_keeps_modes_and_links_and_leaves_nothing_behind() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        // A new file: the mode any new file gets here, not a temp file's 0600.
        let probe = dir.path().join("probe");
        std::fs::write(&probe, "").unwrap();
        let fresh = dir.path().join("baseline.json");
        write_whole(&fresh, "{}").unwrap();
        assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "{}");
        assert_eq!(mode(&fresh), mode(&probe));
        // An existing file keeps its mode.
        std::fs::set_permissions(&fresh, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_whole(&fresh, "{\"a\": 1}").unwrap();
        assert_eq!(mode(&fresh), 0o640);
        // A link is written through, and stays a link.
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&fresh, &link).unwrap();
        write_whole(&link, "[]").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "[]");
        // A folder is refused, not replaced.
        let folder = dir.path().join("folder");
        std::fs::create_dir(&folder).unwrap();
        assert!(write_whole(&folder, "x").is_err());
        assert!(folder.is_dir());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 4, "no temporary file left: {names:?}");
    }
}
