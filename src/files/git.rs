//! Asking git which files a change touches (`copydesk check --changed`), and
//! where the repository's root is, so that a path git printed relative to
//! the root can be found from any folder of the working tree.
//!
//! Paths come from git NUL-separated (`-z`), byte for byte: git quotes a name
//! with accents or spaces in its line output, and a linter that reads those
//! lines finds no such file.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// What went wrong asking git.
#[derive(Debug)]
pub enum GitError {
    /// `git` could not be started: not installed, or not on `PATH`.
    NotInstalled(std::io::Error),
    /// The folder is not inside a git working tree; git's own words.
    NotARepository(String),
    /// No base was named and none of [`DEFAULT_BASES`] exists.
    NoDefaultBase,
    /// The base names an option, not a revision.
    OptionAsBase(String),
    /// A git command failed; the command and git's last words.
    Failed {
        /// The command, as a user would type it.
        command: String,
        /// The last line git wrote on standard error.
        message: String,
    },
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitError::NotInstalled(error) => {
                write!(f, "cannot run git ({error}); is it installed and on PATH?")
            }
            GitError::NotARepository(message) => {
                write!(f, "not inside a git repository ({message})")
            }
            GitError::NoDefaultBase => write!(
                f,
                "no branch to compare with: none of {} exists; name one \
                 (`--changed=BASE`, or `--changed=HEAD` for uncommitted changes only)",
                DEFAULT_BASES.join(", ")
            ),
            GitError::OptionAsBase(base) => {
                write!(f, "`{base}` is not a revision to compare with")
            }
            GitError::Failed { command, message } => write!(f, "`{command}` failed: {message}"),
        }
    }
}

impl std::error::Error for GitError {}

/// The branches `--changed` compares with when none is named, the first that
/// exists: the remote's default branch, then the usual names.
pub const DEFAULT_BASES: &[&str] = &[
    "origin/HEAD",
    "origin/main",
    "origin/master",
    "main",
    "master",
];

/// A git working tree, seen from a folder inside it.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The folder git runs in, and paths are shown relative to.
    folder: PathBuf,
    /// The working tree's root, as git spells it.
    root: PathBuf,
    /// `folder` relative to `root` (empty at the root).
    prefix: PathBuf,
}

/// Which changes to ask for.
#[derive(Debug, Default, Clone)]
pub struct ChangeRequest {
    /// Compare with the point where the branch left this revision; `None`:
    /// the first of [`DEFAULT_BASES`] that exists.
    pub base: Option<String>,
    /// Add files git does not track and does not ignore.
    pub untracked: bool,
    /// Only changes under these files or folders (relative to the folder);
    /// empty: the whole working tree.
    pub within: Vec<PathBuf>,
}

/// The files a change touches.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The revision compared with, as named or chosen.
    pub base: String,
    /// The changed files that still exist, relative to the repository's
    /// folder, sorted, without duplicates.
    pub files: Vec<PathBuf>,
}

impl Repository {
    /// The working tree `folder` is in.
    pub fn discover(folder: &Path) -> Result<Repository, GitError> {
        let run = |flag: &str| {
            git(folder, &["rev-parse", flag]).map_err(|error| match error {
                GitError::Failed { message, .. } => GitError::NotARepository(message),
                other => other,
            })
        };
        let root = run("--show-toplevel")?;
        let prefix = run("--show-prefix")?;
        Ok(Repository {
            folder: folder.to_path_buf(),
            root: PathBuf::from(one_line(root)),
            prefix: PathBuf::from(one_line(prefix)),
        })
    }

    /// The working tree's root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path git gives relative to the root, relative to the folder instead
    /// (`press/a.md` seen from `desk/` is `../press/a.md`), without touching
    /// the file system.
    pub fn from_root(&self, relative: &Path) -> PathBuf {
        let plain = relative
            .components()
            .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
        let below: Vec<Component> = self.prefix.components().collect();
        if !plain {
            let mut climbed: PathBuf = below.iter().map(|_| "..").collect();
            climbed.push(relative);
            return climbed;
        }
        let parts: Vec<Component> = relative
            .components()
            .filter(|part| *part != Component::CurDir)
            .collect();
        let common = below.iter().zip(&parts).take_while(|(a, b)| a == b).count();
        let mut shown = PathBuf::new();
        for _ in common..below.len() {
            shown.push("..");
        }
        for part in &parts[common..] {
            shown.push(part.as_os_str());
        }
        shown
    }

    /// The files changed between the point where the branch left the base
    /// and the working tree (committed, staged or not), deleted files left
    /// out, with untracked files when asked.
    pub fn changes(&self, request: &ChangeRequest) -> Result<Changes, GitError> {
        let base = match &request.base {
            Some(base) if base.starts_with('-') => {
                return Err(GitError::OptionAsBase(base.clone()))
            }
            Some(base) => base.clone(),
            None => self.default_base()?,
        };
        let fork = one_line(self.git(&["merge-base", &base, "HEAD"])?);
        let fork = fork.to_string_lossy().into_owned();
        let pathspecs = self.pathspecs(&request.within);

        // diff.relative would make git print paths relative to the folder,
        // and leave out the rest of the tree.
        let mut diff: Vec<OsString> = [
            "-c",
            "diff.relative=false",
            "diff",
            "-z",
            "--name-only",
            "--no-color",
            "--diff-filter=d",
            &fork,
            "--",
        ]
        .map(OsString::from)
        .to_vec();
        diff.extend(pathspecs.iter().cloned());
        let mut names = split_nul(&self.git(&diff)?);
        if request.untracked {
            let mut others: Vec<OsString> = [
                "ls-files",
                "-z",
                "--others",
                "--exclude-standard",
                "--full-name",
                "--",
            ]
            .map(OsString::from)
            .to_vec();
            others.extend(pathspecs);
            names.extend(split_nul(&self.git(&others)?));
        }
        let mut files: Vec<PathBuf> = names
            .into_iter()
            .map(|name| self.from_root(&path_from_bytes(name)))
            .collect();
        files.sort();
        files.dedup();
        Ok(Changes { base, files })
    }

    /// The first of [`DEFAULT_BASES`] that names a commit.
    fn default_base(&self) -> Result<String, GitError> {
        for candidate in DEFAULT_BASES {
            let spec = format!("{candidate}^{{commit}}");
            if self
                .git(&["rev-parse", "--verify", "--quiet", &spec])
                .is_ok()
            {
                return Ok((*candidate).to_string());
            }
        }
        Err(GitError::NoDefaultBase)
    }

    /// Git pathspecs for `within`: taken literally (a `*` in a name is a
    /// star), the whole tree when empty.
    fn pathspecs(&self, within: &[PathBuf]) -> Vec<OsString> {
        if within.is_empty() {
            return vec![OsString::from(":/")];
        }
        within
            .iter()
            .map(|path| {
                let mut spec = OsString::from(":(literal)");
                spec.push(path.as_os_str());
                spec
            })
            .collect()
    }

    fn git<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Result<Vec<u8>, GitError> {
        git(&self.folder, args)
    }
}

/// Run git in `folder`; its standard output, or why it failed.
fn git<S: AsRef<std::ffi::OsStr>>(folder: &Path, args: &[S]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(folder)
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::NotInstalled)?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let message = stderr
        .lines()
        .map(str::trim)
        .rfind(|line| !line.is_empty())
        .map_or_else(|| format!("exit status {}", output.status), str::to_string);
    let command = std::iter::once("git".to_string())
        .chain(
            args.iter()
                .map(|arg| arg.as_ref().to_string_lossy().into_owned()),
        )
        .collect::<Vec<_>>()
        .join(" ");
    Err(GitError::Failed { command, message })
}

/// Git's answer of one line, without the line end (and nothing else taken
/// off: a folder's name may end in a space).
fn one_line(mut bytes: Vec<u8>) -> OsString {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    os_string(bytes)
}

fn split_nul(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split(|byte| *byte == 0)
        .filter(|name| !name.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

/// A path from the bytes git or a list gives: on Unix any bytes are a name;
/// elsewhere git writes UTF-8.
pub fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(os_string(bytes))
}

fn os_string(bytes: Vec<u8>) -> OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        OsString::from_vec(bytes)
    }
    #[cfg(not(unix))]
    {
        OsString::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// A name as git quotes it in line output (`"press/cor\303\251e.md"`: C
/// escapes, bytes in octal) back to its bytes; `None` when `quoted` is not
/// in that form.
pub fn unquote(quoted: &[u8]) -> Option<Vec<u8>> {
    let inner = quoted.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let mut bytes = Vec::with_capacity(inner.len());
    let mut rest = inner;
    while let Some((&byte, after)) = rest.split_first() {
        rest = after;
        match byte {
            b'"' => return None,
            b'\\' => {
                let (&escape, after) = rest.split_first()?;
                rest = after;
                let plain = match escape {
                    b'a' => 0x07,
                    b'b' => 0x08,
                    b't' => b'\t',
                    b'n' => b'\n',
                    b'v' => 0x0b,
                    b'f' => 0x0c,
                    b'r' => b'\r',
                    b'"' | b'\\' => escape,
                    b'0'..=b'3' => {
                        let digits = rest.get(..2)?;
                        if !digits.iter().all(|d| (b'0'..=b'7').contains(d)) {
                            return None;
                        }
                        rest = &rest[2..];
                        (escape - b'0') * 64 + (digits[0] - b'0') * 8 + (digits[1] - b'0')
                    }
                    _ => return None,
                };
                bytes.push(plain);
            }
            _ => bytes.push(byte),
        }
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_names_come_back_byte_for_byte() {
        assert_eq!(
            unquote(br#""press-fr/cor\303\251e.md""#).as_deref(),
            Some("press-fr/corée.md".as_bytes())
        );
        assert_eq!(
            unquote(br#""a\"b\\c\td\n""#).as_deref(),
            Some(&b"a\"b\\c\td\n"[..])
        );
        assert_eq!(unquote(br#""\377""#).as_deref(), Some(&[0xff][..]));
    }

    #[test]
    fn what_git_would_not_write_is_not_unquoted() {
        for text in [
            &b"plain.md"[..],
            br#""unclosed"#,
            br#""bad \q escape""#,
            br#""short \30""#,
            br#""not octal \389""#,
            br#""inner " quote""#,
            br#""trailing \""#,
            b"\"",
        ] {
            assert_eq!(unquote(text), None, "{}", String::from_utf8_lossy(text));
        }
    }

    fn seen_from(prefix: &str) -> Repository {
        Repository {
            folder: PathBuf::from("."),
            root: PathBuf::from("/repo"),
            prefix: PathBuf::from(prefix),
        }
    }

    #[test]
    fn paths_from_the_root_are_shown_from_the_folder() {
        let at_root = seen_from("");
        assert_eq!(at_root.from_root(Path::new("a/b.md")), Path::new("a/b.md"));
        let desk = seen_from("desk/news/");
        assert_eq!(
            desk.from_root(Path::new("desk/news/a.md")),
            Path::new("a.md")
        );
        assert_eq!(desk.from_root(Path::new("desk/b.md")), Path::new("../b.md"));
        assert_eq!(
            desk.from_root(Path::new("press/c.md")),
            Path::new("../../press/c.md")
        );
        assert_eq!(
            desk.from_root(Path::new("./desk/news/a.md")),
            Path::new("a.md")
        );
        assert_eq!(
            desk.from_root(Path::new("../x.md")),
            Path::new("../../../x.md")
        );
    }
}
