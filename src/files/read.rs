//! Reading files safely: articles under a size limit; configuration, rule
//! sets and baselines as bounded text from regular files only.

use std::io::Read;
use std::path::Path;

/// Files larger than this are reported, not read: an article is never this big,
/// and reading a stray multi-gigabyte dump would exhaust memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The file's bytes, or `None` when it is larger than `max_size`.
pub fn read_limited(path: &Path, max_size: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    let length = file.metadata()?.len();
    if length > max_size {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(length as usize);
    file.take(max_size + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_size {
        return Ok(None);
    }
    Ok(Some(bytes))
}

/// Configuration and rule-set files larger than this are refused: a real
/// one is a few kilobytes, and a path to a device or a dump must not fill
/// the memory.
pub const MAX_CONFIG_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Read a configuration, rule-set or baseline file: a regular file of at
/// most `max_size` bytes holding UTF-8 text without NUL or control bytes.
///
/// Anything else is an error saying why, and its text is never returned,
/// so never quoted in an error excerpt: a path that reaches a device, a FIFO
/// or `/proc/self/environ` must neither hang, nor fill the memory, nor print
/// the CI's secrets.
pub fn read_text_file(path: &Path, max_size: u64) -> std::io::Result<String> {
    let refuse = |reason: String| std::io::Error::new(std::io::ErrorKind::InvalidData, reason);
    let kind = std::fs::metadata(path)?.file_type();
    if !kind.is_file() {
        return Err(refuse(format!("not a regular file ({})", file_kind(kind))));
    }
    let file = open_without_blocking(path)?;
    // Checked again on what was opened, in case the path changed meanwhile.
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(refuse(format!(
            "not a regular file ({})",
            file_kind(metadata.file_type())
        )));
    }
    let too_large = || refuse(format!("larger than {} MiB", max_size / (1024 * 1024)));
    if metadata.len() > max_size {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    // `/proc` files say they are empty: only the limit bounds the read.
    file.take(max_size + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large());
    }
    if let Some(offset) = bytes
        .iter()
        .position(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f)
    {
        return Err(refuse(format!(
            "holds a NUL or control byte (at offset {offset}), so it is not TOML or JSON text"
        )));
    }
    String::from_utf8(bytes).map_err(|error| {
        refuse(format!(
            "not UTF-8 text (bad byte at offset {})",
            error.utf8_error().valid_up_to()
        ))
    })
}

fn file_kind(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Opening a named pipe for reading waits for a writer; a pipe put in
/// place of a checked file must fail the checks, not hang the run.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_text_is_bounded_and_never_binary() {
        let dir = tempfile::tempdir().unwrap();
        let read = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            read_text_file(&path, 16).map_err(|error| error.to_string())
        };
        assert_eq!(
            read("ok.toml", b"a = 1\r\n\tb = 2").unwrap(),
            "a = 1\r\n\tb = 2"
        );
        assert_eq!(
            read("big.toml", &[b'#'; 17]).unwrap_err(),
            "larger than 0 MiB"
        );
        let nul = read("nul.toml", b"A=secret\0B=x").unwrap_err();
        assert!(nul.contains("NUL or control byte (at offset 8)"), "{nul}");
        assert!(!nul.contains("secret"));
        let latin1 = read("latin1.toml", b"caf\xe9").unwrap_err();
        assert!(
            latin1.contains("not UTF-8 text (bad byte at offset 3)"),
            "{latin1}"
        );
        let folder = read_text_file(dir.path(), 16).unwrap_err().to_string();
        assert_eq!(folder, "not a regular file (a folder)");
    }
}
