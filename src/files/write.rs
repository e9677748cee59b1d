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
}
