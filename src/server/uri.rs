//! `file:` URIs and the paths they name.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// The path a `file:` URI names; `None` for any other scheme (an unsaved
/// buffer, a remote file), which is linted as if it had no configuration.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://localhost/x` and `file:///x` name the same file.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(rest)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(decoded)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(decoded).ok().map(PathBuf::from)
    }
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let bytes = path_bytes(path)?;
    let mut uri = String::from("file://");
    for &byte in &bytes {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.parse().ok()
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    path.is_absolute()
        .then(|| path.as_os_str().as_bytes().to_vec())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Option<Vec<u8>> {
    let text = path.to_str()?.replace('\\', "/");
    Some(format!("/{}", text.trim_start_matches('/')).into_bytes())
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = std::str::from_utf8(bytes.get(at + 1..at + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            decoded.push(bytes[at]);
            at += 1;
        }
    }
    Some(decoded)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn paths_survive_the_round_trip() {
        for path in ["/tmp/a b/Сеул #1.md", "/x/100%.txt", "/plain/story.txt"] {
            let uri = from_path(Path::new(path)).unwrap();
            assert!(!uri.as_str().contains(' '));
            assert_eq!(to_path(&uri).unwrap(), Path::new(path));
        }
        let uri: Uri = "file://localhost/tmp/x.md".parse().unwrap();
        assert_eq!(to_path(&uri).unwrap(), Path::new("/tmp/x.md"));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(to_path(&untitled), None);
    }
}
