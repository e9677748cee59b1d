//! File names as output shows them. On Unix a name is any bytes but `/` and
//! NUL, so a name need not be UTF-8 and may hold a backslash; output must
//! still tell every file apart and machine formats must name the real file.
//!
//! A report's path is the *shown* form, [`shown`]: the name itself when it is
//! UTF-8 without a backslash (every ordinary name), else the name with each
//! backslash doubled and each byte that is not UTF-8 written `\xNN`. The two
//! forms cannot meet (only the second holds a backslash) and the second is
//! undone by [`name_bytes`], so two files never share a shown path and the
//! bytes of the name are never lost.

use std::borrow::Cow;
use std::path::Path;

/// The path as reports carry it and human output shows it.
pub fn shown(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        match std::str::from_utf8(bytes) {
            Ok(name) if !name.contains('\\') => name.to_string(),
            _ => escape(bytes),
        }
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

#[cfg(any(unix, test))]
fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// The bytes of the name a shown path stands for. A backslash that starts no
/// escape (a path a library caller wrote by hand) stands for itself.
pub fn name_bytes(shown: &str) -> Cow<'_, [u8]> {
    if !cfg!(unix) || !shown.contains('\\') {
        return Cow::Borrowed(shown.as_bytes());
    }
    let bytes = shown.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'\\' {
            if bytes.get(at + 1) == Some(&b'\\') {
                out.push(b'\\');
                at += 2;
                continue;
            }
            let escaped = (bytes.get(at + 1) == Some(&b'x'))
                .then(|| bytes.get(at + 2..at + 4))
                .flatten()
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            if let Some(value) = escaped {
                out.push(value);
                at += 4;
                continue;
            }
        }
        out.push(byte);
        at += 1;
    }
    Cow::Owned(out)
}

/// The real name when it is UTF-8 (what machine formats give), else the
/// shown form with its escapes.
pub fn real_name(shown: &str) -> Cow<'_, str> {
    match name_bytes(shown) {
        Cow::Borrowed(_) => Cow::Borrowed(shown),
        Cow::Owned(bytes) => match String::from_utf8(bytes) {
            Ok(name) => Cow::Owned(name),
            Err(_) => Cow::Borrowed(shown),
        },
    }
}

/// The real name as a path from the repository's root, for services that
/// match it against the files of a commit: GitHub attaches an annotation to a
/// pull request only when its `file` is `articles/a.md`, never
/// `./articles/a.md`, which is how a walk of `.` shows it. Windows separators
/// become `/`; on Unix a backslash is part of the name and stays.
pub fn from_repository_root(shown: &str) -> Cow<'_, str> {
    let mut name = real_name(shown);
    if cfg!(windows) && name.contains('\\') {
        name = Cow::Owned(name.replace('\\', "/"));
    }
    let mut rest: &str = &name;
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    if rest.len() == name.len() {
        return name;
    }
    Cow::Owned(rest.to_string())
}

/// The bytes of the name when they are not UTF-8, for formats that must
/// give the name without loss; `None` for every UTF-8 name.
pub fn non_utf8_bytes(shown: &str) -> Option<Vec<u8>> {
    match name_bytes(shown) {
        Cow::Borrowed(_) => None,
        Cow::Owned(bytes) => std::str::from_utf8(&bytes).is_err().then_some(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_are_shown_as_they_are() {
        assert_eq!(shown(Path::new("news/Zürich 2.md")), "news/Zürich 2.md");
        assert_eq!(
            name_bytes("news/Zürich 2.md"),
            "news/Zürich 2.md".as_bytes()
        );
        assert_eq!(non_utf8_bytes("news/Zürich 2.md"), None);
    }

    #[test]
    fn escapes_round_trip_and_never_collide() {
        let names: [&[u8]; 5] = [
            b"caf\xe9.md",
            b"caf\xe8.md",
            b"caf\\xE9.md",
            b"a\\b.md",
            b"\\\xff",
        ];
        let shown: Vec<String> = names.iter().map(|name| escape(name)).collect();
        assert_eq!(shown[0], "caf\\xE9.md");
        assert_eq!(shown[2], "caf\\\\xE9.md");
        assert_eq!(shown[3], "a\\\\b.md");
        for (name, shown) in names.iter().zip(&shown) {
            if cfg!(unix) {
                assert_eq!(name_bytes(shown).as_ref(), *name);
            }
        }
        let mut distinct = shown.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), names.len());
    }

    #[test]
    fn repository_paths_lose_the_leading_dot_folder() {
        assert_eq!(from_repository_root("./news/a.md"), "news/a.md");
        assert_eq!(from_repository_root("././a.md"), "a.md");
        assert_eq!(from_repository_root("news/./a.md"), "news/./a.md");
        assert_eq!(from_repository_root(".hidden/a.md"), ".hidden/a.md");
        assert_eq!(from_repository_root("../a.md"), "../a.md");
    }

    #[cfg(windows)]
    #[test]
    fn repository_paths_use_forward_slashes_on_windows() {
        assert_eq!(from_repository_root(".\\news\\a.md"), "news/a.md");
    }

    #[cfg(unix)]
    #[test]
    fn machine_formats_get_the_real_name_or_the_bytes() {
        assert_eq!(real_name("a\\\\b.md"), "a\\b.md");
        assert_eq!(real_name("caf\\xE9.md"), "caf\\xE9.md");
        assert_eq!(non_utf8_bytes("caf\\xE9.md"), Some(b"caf\xe9.md".to_vec()));
        assert_eq!(non_utf8_bytes("a\\\\b.md"), None);
        // A hand-written path with a lone backslash keeps it.
        assert_eq!(
            name_bytes("news\\Zürich.md").as_ref(),
            "news\\Zürich.md".as_bytes()
        );
    }
}
