//! Linting the files a change touches: `git diff ... | copydesk check
//! --files-from -` from any folder, whatever the names, and `copydesk check
//! --changed`, which asks git itself. Each test makes its own repository;
//! without git installed they skip with a message.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const MISSPELT: &str = "The goverment met on Monday.\n";
const CLEAN: &str = "The government met on Monday.\n";

fn git_is_installed() -> bool {
    let installed = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !installed {
        support::say("skipping: git is not installed");
    }
    installed
}

/// A command that sees only this repository: no global or system git
/// configuration, no repository above it, no git variables of the caller.
fn isolated(program: &str, home: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", home)
        .env("NO_COLOR", "1");
    for variable in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG"] {
        command.env_remove(variable);
    }
    command
}

/// A temporary folder holding a repository at `repo/` (and a home beside
/// it, so that nothing of the user's git configuration applies).
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    /// A repository on branch `main` with a configuration and one commit.
    fn new() -> Repo {
        let repo = Repo::bare_folder();
        std::fs::create_dir(repo.root()).expect("create the repository folder");
        repo.git(".", &["init", "--quiet"]);
        repo.git(".", &["symbolic-ref", "HEAD", "refs/heads/main"]);
        for (key, value) in [
            ("user.name", "Copy Desk"),
            ("user.email", "desk@example.com"),
            ("commit.gpgsign", "false"),
            ("core.quotePath", "true"),
        ] {
            repo.git(".", &["config", key, value]);
        }
        repo.write("copydesk.toml", "builtin = [\"style\"]\n");
        repo.commit_all("configuration");
        repo
    }

    /// A folder with no repository anywhere above its `repo/`.
    fn bare_folder() -> Repo {
        Repo {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(path, text).expect("write");
    }

    /// Run git in `folder` (relative to the root); its standard output.
    fn git(&self, folder: &str, args: &[&str]) -> Vec<u8> {
        let output = isolated("git", self.dir.path())
            .args(args)
            .current_dir(self.root().join(folder))
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    }

    fn commit_all(&self, message: &str) {
        self.git(".", &["add", "--all"]);
        self.commit_staged(message);
    }

    fn commit_staged(&self, message: &str) {
        self.git(".", &["commit", "--quiet", "--message", message]);
    }

    /// Run copydesk in `folder` (relative to the root) with `stdin`.
    fn copydesk(&self, folder: &str, args: &[&str], stdin: &[u8]) -> Output {
        self.copydesk_with(folder, args, stdin, |_| {})
    }

    fn copydesk_with(
        &self,
        folder: &str,
        args: &[&str],
        stdin: &[u8],
        adjust: impl FnOnce(&mut Command),
    ) -> Output {
        use std::io::Write;
        let mut command = isolated(env!("CARGO_BIN_EXE_copydesk"), self.dir.path());
        command
            .args(args)
            .current_dir(self.root().join(folder))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        adjust(&mut command);
        let mut child = command.spawn().expect("copydesk runs");
        if let Some(mut input) = child.stdin.take() {
            // copydesk may exit before reading (a flag it refuses).
            let _ = input.write_all(stdin);
        }
        child.wait_with_output().expect("copydesk finishes")
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The files `short` output flags as misspelt, as shown.
fn misspelt(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| line.contains("style.misspellings"))
        .filter_map(|line| line.split(':').next())
        .map(str::to_string)
        .collect()
}

const LIST_ON_STDIN: &[&str] = &["check", "--format", "short", "--files-from", "-"];

/// A repository with `desk/a.md` and `press-fr/corée.md`, both misspelt in
/// the working tree since the last commit.
fn two_desks_edited() -> Repo {
    let repo = Repo::new();
    repo.write("desk/a.md", CLEAN);
    repo.write("press-fr/corée.md", CLEAN);
    repo.commit_all("articles");
    repo.write("desk/a.md", MISSPELT);
    repo.write("press-fr/corée.md", MISSPELT);
    repo
}

#[test]
fn a_diff_piped_in_a_subfolder_finds_its_paths_at_the_root() {
    if !git_is_installed() {
        return;
    }
    let repo = two_desks_edited();
    let diff = repo.git("desk", &["diff", "--name-only"]);
    assert!(
        String::from_utf8_lossy(&diff).contains("desk/a.md"),
        "git prints paths from the root"
    );
    let output = repo.copydesk("desk", LIST_ON_STDIN, &diff);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // Shown from the current folder, as git status shows them.
    assert_eq!(misspelt(&output), ["../press-fr/corée.md", "a.md"]);
}

#[test]
fn a_name_git_quotes_is_unquoted() {
    if !git_is_installed() {
        return;
    }
    let repo = two_desks_edited();
    let diff = repo.git(".", &["diff", "--name-only"]);
    assert!(
        String::from_utf8_lossy(&diff).contains(r#""press-fr/cor\303\251e.md""#),
        "git quotes the accented name: {}",
        String::from_utf8_lossy(&diff)
    );
    let output = repo.copydesk(".", LIST_ON_STDIN, &diff);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(misspelt(&output), ["desk/a.md", "press-fr/corée.md"]);
}

#[test]
fn a_nul_separated_diff_is_read_byte_for_byte() {
    if !git_is_installed() {
        return;
    }
    let repo = two_desks_edited();
    let mut odd_names = vec![" spaced .md"];
    if cfg!(unix) {
        odd_names.push("two\nlines.md");
    }
    for name in &odd_names {
        repo.write(name, CLEAN);
        repo.git(".", &["add", "--", name]);
    }
    repo.commit_staged("odd names");
    for name in &odd_names {
        repo.write(name, MISSPELT);
    }
    for folder in [".", "desk"] {
        let diff = repo.git(folder, &["diff", "-z", "--name-only"]);
        let output = repo.copydesk(folder, LIST_ON_STDIN, &diff);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let json = repo.copydesk(
            folder,
            &["check", "--format", "json", "--files-from", "-"],
            &diff,
        );
        let document: serde_json::Value =
            serde_json::from_slice(&json.stdout).expect("json output");
        assert_eq!(
            document["summary"]["files"],
            2 + odd_names.len(),
            "from {folder}: {}",
            stderr(&json)
        );
    }
}

#[test]
fn a_deleted_file_in_the_list_is_an_error_naming_it() {
    if !git_is_installed() {
        return;
    }
    let repo = two_desks_edited();
    repo.write("desk/old.md", CLEAN);
    repo.git(".", &["add", "desk/old.md"]);
    repo.commit_staged("an old article");
    std::fs::remove_file(repo.root().join("desk/old.md")).expect("delete");

    let diff = repo.git(".", &["diff", "--name-only"]);
    let output = repo.copydesk(".", LIST_ON_STDIN, &diff);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("`desk/old.md`"), "{message}");
    assert!(message.contains("--diff-filter=d"), "{message}");
    assert!(misspelt(&output).is_empty(), "nothing is linted");

    // As the help says: the diff without deleted files passes the list.
    let diff = repo.git(".", &["diff", "--name-only", "--diff-filter=d"]);
    let output = repo.copydesk(".", LIST_ON_STDIN, &diff);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(misspelt(&output), ["desk/a.md", "press-fr/corée.md"]);
}

#[test]
fn a_listed_path_that_exists_nowhere_is_an_error() {
    if !git_is_installed() {
        return;
    }
    let repo = two_desks_edited();
    let output = repo.copydesk("desk", LIST_ON_STDIN, b"a.md\nnope.md\nmissing/b.md\n");
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("2 listed paths `nope.md`, `missing/b.md`"),
        "{message}"
    );
    assert!(message.contains("repository's root"), "{message}");

    // Outside a repository the current folder is the only place.
    let folder = Repo::bare_folder();
    folder.write("a.md", MISSPELT);
    let output = folder.copydesk(".", LIST_ON_STDIN, b"a.md\nnope.md\n");
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("`nope.md`"), "{message}");
    assert!(message.contains("not in a git repository"), "{message}");
    let output = folder.copydesk(".", LIST_ON_STDIN, b"a.md\n");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

/// `main` with `desk/a.md`, `desk/gone.md`, `press/b.md`, `press/same.md`;
/// on `feature`: `press/b.md` misspelt and committed, `desk/gone.md`
/// deleted, and `desk/a.md` misspelt but not committed.
fn a_feature_branch() -> Repo {
    let repo = Repo::new();
    for name in ["desk/a.md", "desk/gone.md", "press/b.md", "press/same.md"] {
        repo.write(name, CLEAN);
    }
    repo.commit_all("articles");
    repo.git(".", &["checkout", "--quiet", "-b", "feature"]);
    repo.write("press/b.md", MISSPELT);
    repo.git(".", &["rm", "--quiet", "desk/gone.md"]);
    repo.commit_all("feature work");
    repo.write("desk/a.md", MISSPELT);
    // Misspelt, but not changed: never linted by --changed.
    repo.write("press/same.md", MISSPELT);
    repo.git(
        ".",
        &["update-index", "--assume-unchanged", "press/same.md"],
    );
    repo
}

#[test]
fn changed_lints_what_the_branch_and_the_working_tree_changed_from_any_folder() {
    if !git_is_installed() {
        return;
    }
    let repo = a_feature_branch();
    let changed = ["check", "--format", "short", "--changed"];
    let output = repo.copydesk("desk", &changed, b"");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(misspelt(&output), ["../press/b.md", "a.md"]);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("in 2 files."),
        "the deleted file is not listed"
    );

    let output = repo.copydesk(".", &changed, b"");
    assert_eq!(misspelt(&output), ["desk/a.md", "press/b.md"]);

    // Against HEAD: only what is not committed yet.
    let output = repo.copydesk(
        "press",
        &["check", "--format", "short", "--changed=HEAD"],
        b"",
    );
    assert_eq!(misspelt(&output), ["../desk/a.md"]);
    let output = repo.copydesk(".", &["check", "--format", "short", "--changed=main"], b"");
    assert_eq!(misspelt(&output), ["desk/a.md", "press/b.md"]);
}

#[test]
fn paths_narrow_the_changed_files() {
    if !git_is_installed() {
        return;
    }
    let repo = a_feature_branch();
    let output = repo.copydesk(
        "desk",
        &["check", "--format", "short", "--changed", "."],
        b"",
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(misspelt(&output), ["a.md"]);
    let output = repo.copydesk(
        ".",
        &["check", "--format", "short", "--changed", "press"],
        b"",
    );
    assert_eq!(misspelt(&output), ["press/b.md"]);

    // `--changed main` is the flag and a path; the path is not there.
    let output = repo.copydesk(".", &["check", "--changed", "main"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`--changed=BASE`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn untracked_files_are_linted_only_when_asked() {
    if !git_is_installed() {
        return;
    }
    let repo = a_feature_branch();
    repo.write("desk/new.md", MISSPELT);
    repo.write("desk/scratch/ignored.md", MISSPELT);
    repo.write(".gitignore", "scratch/\n");
    repo.git(".", &["add", ".gitignore"]);

    let output = repo.copydesk("desk", &["check", "--format", "short", "--changed"], b"");
    assert_eq!(misspelt(&output), ["../press/b.md", "a.md"]);
    let output = repo.copydesk(
        "desk",
        &["check", "--format", "short", "--changed", "--untracked"],
        b"",
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(misspelt(&output), ["../press/b.md", "a.md", "new.md"]);
}

#[test]
fn changed_files_go_through_include_and_exclude() {
    if !git_is_installed() {
        return;
    }
    let repo = a_feature_branch();
    repo.write(
        "copydesk.toml",
        "builtin = [\"style\"]\nexclude = [\"press/**\"]\n",
    );
    repo.write("desk/notes.json", "{}\n");
    repo.git(".", &["add", "desk/notes.json"]);
    let output = repo.copydesk("desk", &["check", "--format", "short", "--changed"], b"");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(misspelt(&output), ["a.md"]);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("in 1 file."),
        "copydesk.toml and notes.json are not articles"
    );
}

#[test]
fn changed_outside_a_repository_is_an_error() {
    if !git_is_installed() {
        return;
    }
    let folder = Repo::bare_folder();
    folder.write("a.md", MISSPELT);
    let output = folder.copydesk(".", &["check", "--changed"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not inside a git repository"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn changed_without_git_is_an_error() {
    if !git_is_installed() {
        return;
    }
    let repo = a_feature_branch();
    let empty = repo.dir.path().join("no-programs");
    std::fs::create_dir(&empty).expect("create");
    let output = repo.copydesk_with(".", &["check", "--changed"], b"", |command| {
        command.env("PATH", &empty);
    });
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot run git"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn changed_without_a_base_branch_asks_for_one() {
    if !git_is_installed() {
        return;
    }
    let repo = a_feature_branch();
    repo.git(".", &["branch", "--quiet", "--move", "main", "trunk"]);
    let output = repo.copydesk(".", &["check", "--changed"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no branch to compare with"),
        "{}",
        stderr(&output)
    );
    let output = repo.copydesk(".", &["check", "--changed=nowhere"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nowhere"), "{}", stderr(&output));
    let output = repo.copydesk(".", &["check", "--format", "short", "--changed=trunk"], b"");
    assert_eq!(misspelt(&output), ["desk/a.md", "press/b.md"]);
}

#[test]
fn a_run_that_lints_nothing_says_so_and_passes() {
    if !git_is_installed() {
        return;
    }
    let repo = Repo::new();
    repo.write("desk/a.md", CLEAN);
    repo.commit_all("an article");
    let warning = "warning: no files to lint";
    let cases: [(&str, &[&str], &[u8], &str); 4] = [
        (".", LIST_ON_STDIN, b"", "the path list is empty"),
        (
            ".",
            LIST_ON_STDIN,
            b"copydesk.toml\n",
            "1 path given; all excluded or none are articles",
        ),
        (
            "desk",
            &["check", "--changed=HEAD"],
            b"",
            "no file changed since HEAD",
        ),
        (
            "desk",
            &["check", "--force-exclude", "--config", "../x.toml", "."],
            b"",
            "1 path given",
        ),
    ];
    repo.write("x.toml", "exclude = [\"**\"]\n");
    for (folder, args, stdin, detail) in cases {
        let output = repo.copydesk(folder, args, stdin);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert!(message.contains(warning), "{args:?}: {message}");
        assert!(message.contains(detail), "{args:?}: {message}");
    }

    let output = repo.copydesk("desk", &["check"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert!(!stderr(&output).contains(warning), "{}", stderr(&output));
    let output = repo.copydesk("desk", &["check", "-"], CLEAN.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    assert!(!stderr(&output).contains(warning), "{}", stderr(&output));
}
