//! Files: finding them, reading them safely, linting and fixing them.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use globset::GlobSet;

use crate::config::{self, ConfigSet};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, LoadError};
use crate::engine::Linter;
use crate::fix::{self, FixMode};

/// Files larger than this are reported, not read: an article is never this big,
/// and reading a stray multi-gigabyte dump would exhaust memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The outcome of linting one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as the user should see it.
    pub path: String,
    /// The text the spans refer to. Kept only while it has findings.
    pub source: Arc<str>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file could not be linted: unreadable, too large, binary or not
    /// UTF-8 (exit code 2).
    pub io_error: bool,
    /// The text before and after fixing, when fixes were asked for and changed it.
    pub fixed: Option<Fixed>,
    /// How many fixes were applied to reach `fixed`.
    pub fixes_applied: usize,
}

impl FileReport {
    fn failure(path: &str, source: Arc<str>, diagnostic: Diagnostic) -> Self {
        FileReport {
            path: path.to_string(),
            source,
            diagnostics: vec![diagnostic],
            io_error: true,
            fixed: None,
            fixes_applied: 0,
        }
    }
}

/// A file's text before and after its fixes.
#[derive(Clone, Debug)]
pub struct Fixed {
    pub original: String,
    pub text: String,
    /// The findings in `original`: the report, should the fixed text not be
    /// written.
    pub findings: Vec<Diagnostic>,
}

/// What to do besides reporting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixRequest {
    #[default]
    None,
    /// Compute the fixed text (for `--fix` and `--diff`).
    Safe,
}

/// A file to lint and the linter that applies to it.
#[derive(Clone, Debug)]
pub struct Job {
    pub display: String,
    pub path: PathBuf,
    pub linter: usize,
}

/// Adjusts a document's findings before they are fixed or reported (suppression
/// comments, per-path ignores). It runs again after every fix round, on the new text.
pub type Filter<'a> = &'a (dyn Fn(&Document, &mut Vec<Diagnostic>) + Sync);

/// The filter that keeps every finding.
pub fn keep_all(_: &Document, _: &mut Vec<Diagnostic>) {}

/// Lint text that is already in memory (standard input, tests).
pub fn lint_text(linter: &Linter, path: &str, text: String, fix: FixRequest) -> FileReport {
    lint_text_filtered(linter, path, text, fix, &keep_all)
}

/// [`lint_text`], with `filter` applied to the findings of every round.
pub fn lint_text_filtered(
    linter: &Linter,
    path: &str,
    text: String,
    fix: FixRequest,
    filter: Filter<'_>,
) -> FileReport {
    let doc = linter.document(path, text);
    let mut diagnostics = linter.lint(&doc);
    filter(&doc, &mut diagnostics);
    let mut report = FileReport {
        path: path.to_string(),
        source: Arc::from(""),
        diagnostics,
        io_error: false,
        fixed: None,
        fixes_applied: 0,
    };
    if fix == FixRequest::Safe {
        let (fixed, applied, remaining) =
            fix_until_stable_filtered(linter, path, &doc.text, &report.diagnostics, filter);
        if applied > 0 && fixed != doc.text {
            let findings = std::mem::replace(&mut report.diagnostics, remaining);
            report.fixes_applied = applied;
            report.source = Arc::from(fixed.as_str());
            report.fixed = Some(Fixed {
                original: doc.text,
                text: fixed,
                findings,
            });
            return report;
        }
    }
    if !report.diagnostics.is_empty() {
        report.source = Arc::from(doc.text);
    }
    report
}

/// Apply safe fixes, lint again, and repeat until nothing changes.
/// Returns the final text, the number of fixes applied and what remains.
pub fn fix_until_stable(
    linter: &Linter,
    path: &str,
    text: &str,
    diagnostics: &[Diagnostic],
) -> (String, usize, Vec<Diagnostic>) {
    fix_until_stable_filtered(linter, path, text, diagnostics, &keep_all)
}

/// [`fix_until_stable`], with `filter` applied after every round.
pub fn fix_until_stable_filtered(
    linter: &Linter,
    path: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    filter: Filter<'_>,
) -> (String, usize, Vec<Diagnostic>) {
    fix_rounds(linter, path, text, diagnostics, FixMode::Safe, filter)
}

/// Fixes are applied again until the text stops changing; a rule whose fixes
/// never settle is a bug, so the number of rounds is bounded.
pub const MAX_FIX_ROUNDS: usize = 10;

/// Apply the fixes `mode` allows, lint again, and repeat until nothing
/// changes (at most [`MAX_FIX_ROUNDS`] rounds). Returns the final text, the
/// number of fixes applied and the findings that remain.
pub fn fix_rounds(
    linter: &Linter,
    path: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    mode: FixMode,
    filter: Filter<'_>,
) -> (String, usize, Vec<Diagnostic>) {
    let mut current = text.to_string();
    let mut remaining = diagnostics.to_vec();
    let mut total = 0;
    for _ in 0..MAX_FIX_ROUNDS {
        let (fixed, applied) = fix::apply(&current, &remaining, mode);
        if applied == 0 || fixed == current {
            break;
        }
        total += applied;
        current = fixed;
        let doc = linter.document(path, current.clone());
        remaining = linter.lint(&doc);
        filter(&doc, &mut remaining);
    }
    (current, total, remaining)
}

/// Read and lint one file. Never panics on bad input: unreadable, binary,
/// oversized and non-UTF-8 files each give one diagnostic.
pub fn lint_path(
    linter: &Linter,
    display: &str,
    path: &Path,
    max_size: u64,
    fix: FixRequest,
) -> FileReport {
    lint_path_filtered(linter, display, path, max_size, fix, &keep_all)
}

/// [`lint_path`], with `filter` applied to the findings of every round.
pub fn lint_path_filtered(
    linter: &Linter,
    display: &str,
    path: &Path,
    max_size: u64,
    fix: FixRequest,
    filter: Filter<'_>,
) -> FileReport {
    let bytes = match read_limited(path, max_size) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let diagnostic = Diagnostic::new(
                "io.too-large",
                Severity::Error,
                0..0,
                format!(
                    "file is larger than {} MiB; not linted",
                    max_size / (1024 * 1024)
                ),
            );
            return FileReport::failure(display, Arc::from(""), diagnostic);
        }
        Err(error) => {
            let diagnostic = Diagnostic::new(
                "io.read",
                Severity::Error,
                0..0,
                format!("cannot read file: {error}"),
            );
            return FileReport::failure(display, Arc::from(""), diagnostic);
        }
    };
    lint_bytes_filtered(linter, display, bytes, fix, filter)
}

/// Lint a file's bytes, already read. Binary and non-UTF-8 data each give one
/// diagnostic.
pub fn lint_bytes_filtered(
    linter: &Linter,
    display: &str,
    bytes: Vec<u8>,
    fix: FixRequest,
    filter: Filter<'_>,
) -> FileReport {
    // Decode only: `lint_text_filtered` parses the document, once.
    match crate::document::decode(bytes) {
        Ok(text) => lint_text_filtered(linter, display, text, fix, filter),
        Err((LoadError::Binary, _)) => {
            let diagnostic = Diagnostic::new(
                "io.encoding",
                Severity::Error,
                0..0,
                "file holds binary data (NUL bytes), not text; not linted",
            );
            FileReport::failure(display, Arc::from(""), diagnostic)
        }
        Err((LoadError::Encoding { offset }, bytes)) => {
            // Show the text up to the bad byte, so the span can be rendered.
            let shown = String::from_utf8_lossy(&bytes).into_owned();
            let diagnostic = Diagnostic::new(
                "io.encoding",
                Severity::Error,
                offset..offset,
                format!("file is not valid UTF-8 (bad byte at offset {offset}); not linted"),
            )
            .with_help("re-save the file as UTF-8");
            FileReport::failure(display, Arc::from(shown), diagnostic)
        }
    }
}

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

/// Walk `root` (honouring `.gitignore`), returning the articles below it.
/// Paths that cannot be walked come back as errors, not panics.
pub fn walk(
    root: &Path,
    config_root: &Path,
    include: Option<&GlobSet>,
    exclude: &GlobSet,
) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let absolute_root =
        std::fs::canonicalize(config_root).unwrap_or_else(|_| config_root.to_path_buf());
    // Resolve the walked folder once: the walker follows no symbolic links, so
    // every entry below it is that folder plus the entry's own components, and
    // canonicalizing each file (several system calls apiece) is not needed.
    let absolute_walk_root = std::fs::canonicalize(root).ok();
    for entry in walker(root) {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = entry.path();
                let absolute = match (&absolute_walk_root, path.strip_prefix(root)) {
                    (Some(base), Ok(below)) => Some(base.join(below)),
                    _ => std::fs::canonicalize(path).ok(),
                };
                let relative = absolute
                    .and_then(|p| p.strip_prefix(&absolute_root).ok().map(Path::to_path_buf))
                    .unwrap_or_else(|| path.to_path_buf());
                if is_article(&relative, include, exclude) {
                    files.push(path.to_path_buf());
                }
            }
            Err(error) => errors.push(walk_error(root, &error)),
        }
    }
    (files, errors)
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
    fn default_articles_are_markdown_and_text() {
        let none = GlobSet::empty();
        assert!(is_article(Path::new("a/b.md"), None, &none));
        assert!(is_article(Path::new("b.TXT"), None, &none));
        assert!(!is_article(Path::new("b.rs"), None, &none));
    }

    #[test]
    fn walked_files_are_matched_relative_to_the_config_root() {
        let dir = tempfile::tempdir().unwrap();
        for file in ["desk/a.md", "desk/drafts/b.md", "desk/c.rs", "d.txt"] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "Text.").unwrap();
        }
        let mut exclude = globset::GlobSetBuilder::new();
        exclude.add(globset::Glob::new("desk/drafts/**").unwrap());
        let exclude = exclude.build().unwrap();
        let (files, errors) = walk(&dir.path().join("desk"), dir.path(), None, &exclude);
        assert!(errors.is_empty());
        let names: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["desk/a.md"]);
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
