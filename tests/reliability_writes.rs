//! What copydesk writes and reads must never cost an article or a secret:
//! `--fix` keeps each file's own text, links, owner and mode and refuses what
//! it may not write; `--fix -` prints the text and nothing else; the files a
//! configuration names are bounded and never quoted unless they are text; a
//! report that cannot be written fails the run.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_copydesk");

const MISSPELT: &str = "The goverment said.\n";
const FIXED: &str = "The government said.\n";

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("copydesk runs")
}

fn copydesk_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = command(dir, args)
        .stdin(Stdio::piped())
        .spawn()
        .expect("copydesk runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("stdin takes the input");
    }
    child.wait_with_output().expect("copydesk finishes")
}

/// Run under `sh` with the address space capped, so that a regression that
/// reads a device to the end fails the test instead of the machine.
fn copydesk_capped(dir: &Path, args: &[&str]) -> Output {
    let mut script = format!("ulimit -v 4000000; exec '{BIN}'");
    for arg in args {
        script.push_str(&format!(" '{arg}'"));
    }
    Command::new("sh")
        .args(["-c", &script])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("sh runs")
}

/// Wait at most `limit` for the command: a read that blocks must fail the
/// test, not hang it.
fn copydesk_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = command(dir, args).spawn().expect("copydesk runs");
    let start = Instant::now();
    while child
        .try_wait()
        .expect("copydesk can be waited for")
        .is_none()
    {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("copydesk {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("copydesk finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(&path, content).expect("write fixture");
    path
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read back")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o7777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let probe = write(dir.path(), "probe", "");
    std::fs::metadata(probe).expect("metadata").uid() == 0
}

/// Names left in `dir` that copydesk made (temporary files).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("copydesk-"))
        .collect()
}

// Item 3: files whose names are not UTF-8 each keep their own text.

#[cfg(unix)]
fn latin1_name(stem: &str, number: usize) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let mut bytes = stem.as_bytes().to_vec();
    bytes.push(0xE9); // é in Latin-1, not UTF-8
    bytes.extend(format!("{number:03}.md").into_bytes());
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(unix)]
#[test]
fn files_with_non_utf8_names_keep_their_own_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let count = 400;
    for number in 0..count {
        let path = dir.path().join(latin1_name("article", number));
        std::fs::write(path, format!("Article {number}: the goverment said.\n")).expect("write");
    }
    let output = copydesk(dir.path(), &["check", "--fix", "--threads", "8", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    for number in 0..count {
        let path = dir.path().join(latin1_name("article", number));
        assert_eq!(
            read(&path),
            format!("Article {number}: the government said.\n"),
            "{} holds another article's text",
            path.display()
        );
    }
    assert!(leftovers(dir.path()).is_empty());
}

/// The reported case: real articles under Latin-1 names are fixed exactly as
/// the same articles under plain names.
#[cfg(unix)]
#[test]
fn real_articles_under_latin1_names_are_fixed_as_under_plain_names() {
    let Some(articles) = support::articles() else {
        return;
    };
    let mut sources: Vec<PathBuf> = ["bbc", "reuters"]
        .iter()
        .flat_map(|set| {
            std::fs::read_dir(articles.join(set))
                .expect("the real articles are in ../shared/articles")
        })
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    sources.sort();
    sources.truncate(300);
    let plain = tempfile::tempdir().expect("temp dir");
    let latin1 = tempfile::tempdir().expect("temp dir");
    for (number, source) in sources.iter().enumerate() {
        let article = std::fs::read(source).expect("read article");
        std::fs::write(
            plain.path().join(format!("article{number:03}.md")),
            &article,
        )
        .expect("write");
        std::fs::write(latin1.path().join(latin1_name("article", number)), &article)
            .expect("write");
    }
    let args = [
        "check",
        "--fix",
        "--house-style",
        "bbc",
        "--threads",
        "16",
        ".",
    ];
    let by_plain = copydesk(plain.path(), &args);
    let by_latin1 = copydesk(latin1.path(), &args);
    assert_eq!(by_plain.status.code(), by_latin1.status.code());
    let mut differing = Vec::new();
    for number in 0..sources.len() {
        let expected = std::fs::read(plain.path().join(format!("article{number:03}.md")));
        let got = std::fs::read(latin1.path().join(latin1_name("article", number)));
        if expected.expect("plain") != got.expect("latin1") {
            differing.push(number);
        }
    }
    assert!(
        differing.is_empty(),
        "articles with foreign text: {differing:?}"
    );
}

// Item 4: `--fix -` is a formatter.

#[test]
fn fix_on_standard_input_prints_the_text_and_nothing_else() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clean = copydesk_with_stdin(dir.path(), &["check", "--fix", "-"], b"Clean text.\n");
    assert_eq!(text(&clean.stdout), "Clean text.\n");
    assert_eq!(clean.status.code(), Some(0));
    assert!(text(&clean.stderr).contains("No findings in 1 file"));

    // Exactly the bytes that came in, with no newline added.
    let unterminated = copydesk_with_stdin(dir.path(), &["check", "--fix", "-"], b"Clean text.");
    assert_eq!(unterminated.stdout, b"Clean text.");

    let empty = copydesk_with_stdin(dir.path(), &["check", "--fix", "-"], b"");
    assert!(empty.stdout.is_empty());
    assert_eq!(empty.status.code(), Some(0));
}

#[test]
fn fix_on_standard_input_sends_findings_to_standard_error_in_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = "The goverment said \"yes.\n";
    for format in [
        "human", "short", "github", "jsonl", "json", "sarif", "gitlab", "junit",
    ] {
        let args = ["check", "--fix", "--format", format, "-"];
        let output = copydesk_with_stdin(dir.path(), &args, input.as_bytes());
        assert_eq!(
            text(&output.stdout),
            "The government said \"yes.\n",
            "{format}: standard output is the fixed text alone"
        );
        // The unclosed quotation remains: exit 1 as before.
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert!(
            text(&output.stderr).contains("quotes.unclosed"),
            "{format}: {}",
            text(&output.stderr)
        );
    }
    // Markdown by name, front matter kept byte for byte.
    let markdown = "---\ntitle: x\n---\n\nThe goverment said.\n";
    let args = ["check", "--fix", "--stdin-filename", "a.md", "-"];
    let output = copydesk_with_stdin(dir.path(), &args, markdown.as_bytes());
    assert_eq!(
        text(&output.stdout),
        "---\ntitle: x\n---\n\nThe government said.\n"
    );
}

#[test]
fn fix_on_standard_input_hands_back_what_it_cannot_read_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let latin1 = b"Caf\xe9: the goverment said.\n";
    let output = copydesk_with_stdin(dir.path(), &["check", "--fix", "-"], latin1);
    assert_eq!(output.stdout, latin1);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("not valid UTF-8"));
}

// Item 5: no predictable temporary path, no link followed.

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let victim = write(dir.path(), "victim.txt", "victim\n");
    let article = write(dir.path(), "a.md", MISSPELT);
    let script = format!("ln -s victim.txt .a.md.copydesk-$$.tmp; exec '{BIN}' check --fix a.md");
    let output = Command::new("sh")
        .args(["-c", &script])
        .current_dir(dir.path())
        .output()
        .expect("sh runs");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(read(&victim), "victim\n");
    let kind = std::fs::symlink_metadata(&article)
        .expect("a.md")
        .file_type();
    assert!(kind.is_file(), "a.md must stay a plain file");
    assert_eq!(read(&article), FIXED);
}

#[cfg(unix)]
#[test]
fn the_cache_index_and_its_markers_follow_no_planted_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let victim = write(dir.path(), "victim.txt", "victim\n");
    write(dir.path(), "a.md", MISSPELT);
    let cache = dir.path().join(".copydesk_cache");
    std::fs::create_dir(&cache).expect("cache folder");
    // A dangling link: the old code saw no `.gitignore` and wrote through it.
    std::os::unix::fs::symlink("../created.txt", cache.join(".gitignore")).expect("link");
    let script = format!(
        "ln -s ../victim.txt .copydesk_cache/.index-v1.json.$$.tmp; exec '{BIN}' check --cache a.md"
    );
    let output = Command::new("sh")
        .args(["-c", &script])
        .current_dir(dir.path())
        .output()
        .expect("sh runs");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(!text(&output.stderr).contains("cache not written"));
    assert_eq!(read(&victim), "victim\n");
    assert!(!dir.path().join("created.txt").exists());
    let index = std::fs::symlink_metadata(cache.join("index-v1.json")).expect("index");
    assert!(index.file_type().is_file());
    let again = copydesk(dir.path(), &["check", "--cache", "a.md"]);
    assert_eq!(again.status.code(), Some(1));
}

// Item 6: links, owners, modes and read-only files.

#[cfg(unix)]
#[test]
fn a_symbolic_link_stays_a_link_and_its_target_is_fixed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = write(dir.path(), "store/real.md", MISSPELT);
    set_mode(&target, 0o640);
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("store/real.md", &link).expect("link");
    let output = copydesk(dir.path(), &["check", "--fix", "link.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let kind = std::fs::symlink_metadata(&link).expect("link").file_type();
    assert!(kind.is_symlink(), "link.md must stay a symbolic link");
    assert_eq!(
        std::fs::read_link(&link).expect("link"),
        Path::new("store/real.md")
    );
    assert_eq!(read(&target), FIXED);
    assert_eq!(mode(&target), 0o640);
    assert!(leftovers(dir.path()).is_empty());
    assert!(leftovers(&dir.path().join("store")).is_empty());
}

#[cfg(unix)]
#[test]
fn hard_links_and_read_only_files_are_refused_and_the_rest_is_fixed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let linked = write(dir.path(), "linked.md", MISSPELT);
    let other_name = dir.path().join("elsewhere.txt.bak");
    std::fs::hard_link(&linked, &other_name).expect("hard link");
    let read_only = write(dir.path(), "read-only.md", MISSPELT);
    set_mode(&read_only, 0o444);
    let private = write(dir.path(), "private.md", MISSPELT);
    set_mode(&private, 0o600);
    let plain = write(dir.path(), "plain.md", MISSPELT);

    let output = copydesk(dir.path(), &["check", "--fix", "--format", "short", "."]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("linked.md:1:1: error[io.write]"),
        "{stdout}"
    );
    assert!(stdout.contains("hard links"), "{stdout}");
    assert!(
        stdout.contains("read-only.md:1:1: error[io.write]"),
        "{stdout}"
    );
    assert!(stdout.contains("read-only (mode 0444)"), "{stdout}");
    // A file left unfixed is reported with its own findings.
    assert!(
        stdout.contains("read-only.md:1:5: warning[style.misspellings]"),
        "{stdout}"
    );

    use std::os::unix::fs::MetadataExt;
    assert_eq!(read(&linked), MISSPELT);
    assert_eq!(std::fs::metadata(&linked).expect("linked").nlink(), 2);
    assert_eq!(
        std::fs::metadata(&linked).expect("linked").ino(),
        std::fs::metadata(&other_name).expect("other").ino()
    );
    assert_eq!(read(&read_only), MISSPELT);
    assert_eq!(mode(&read_only), 0o444);
    assert_eq!(read(&private), FIXED);
    assert_eq!(mode(&private), 0o600);
    assert_eq!(read(&plain), FIXED);
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn the_owner_and_group_are_kept() {
    if !is_root() {
        support::say("skipped: giving a file to another user needs root");
        return;
    }
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let article = write(dir.path(), "a.md", MISSPELT);
    std::os::unix::fs::chown(&article, Some(1234), Some(4321)).expect("chown");
    set_mode(&article, 0o664);
    let output = copydesk(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let metadata = std::fs::metadata(&article).expect("a.md");
    assert_eq!((metadata.uid(), metadata.gid()), (1234, 4321));
    assert_eq!(mode(&article), 0o664);
    assert_eq!(read(&article), FIXED);
}

/// A user who may write a file but not give a new one its owner is refused
/// rather than made the file's owner.
#[cfg(unix)]
#[test]
fn an_owner_that_cannot_be_kept_is_refused() {
    if !is_root() || Command::new("setpriv").arg("--help").output().is_err() {
        support::say("skipped: needs root and setpriv to run as another user");
        return;
    }
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("temp dir");
    set_mode(dir.path(), 0o777);
    let shared = write(dir.path(), "shared.md", MISSPELT);
    set_mode(&shared, 0o666);
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN])
        .args(["check", "--fix", "--format", "short", "shared.md"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("setpriv runs");
    if matches!(output.status.code(), Some(126 | 127)) {
        support::say("skipped: the binary cannot be run as another user here");
        return;
    }
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert!(
        stdout.contains("owner and group (0:0) cannot be kept"),
        "{stdout}"
    );
    let metadata = std::fs::metadata(&shared).expect("shared.md");
    assert_eq!((metadata.uid(), metadata.gid()), (0, 0));
    assert_eq!(read(&shared), MISSPELT);
    assert!(leftovers(dir.path()).is_empty());
}

// Item 7: files a configuration names are regular files of bounded size.

#[cfg(unix)]
#[test]
fn a_rule_set_at_a_device_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", "Text.\n");
    write(dir.path(), "copydesk.toml", "rule-sets = [\"/dev/zero\"]\n");
    let output = copydesk_capped(dir.path(), &["check", "a.md"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("/dev/zero: not a regular file (a character device)"),
        "{stderr}"
    );
    for args in [
        &["check", "--config", "/dev/zero", "a.md"][..],
        &["check", "--baseline", "/dev/zero", "a.md"][..],
        &["test", "/dev/zero"][..],
    ] {
        let output = copydesk_capped(dir.path(), args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{args:?}: {stderr}");
    }
    // A path list may be a pipe, but a device is read only up to the limit.
    let output = copydesk_capped(dir.path(), &["check", "--files-from", "/dev/zero"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("larger than 64 MiB"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_rule_set_at_a_named_pipe_fails_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", "Text.\n");
    let status = Command::new("mkfifo")
        .arg(dir.path().join("pipe.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    write(dir.path(), "copydesk.toml", "rule-sets = [\"pipe.toml\"]\n");
    let output = copydesk_within(dir.path(), &["check", "a.md"], Duration::from_secs(20));
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("pipe.toml: not a regular file (a named pipe)"),
        "{stderr}"
    );
}

#[test]
fn files_past_the_size_limit_are_refused_with_the_span_that_names_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", "Text.\n");
    // Valid TOML, all comments: only its size is wrong.
    let line = format!("# {}\n", "x".repeat(1021));
    let big = line.repeat(9 * 1024);
    write(dir.path(), "big.toml", &big);

    write(dir.path(), "copydesk.toml", "rule-sets = [\"big.toml\"]\n");
    let output = copydesk(dir.path(), &["check", "a.md"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("big.toml: larger than 8 MiB"), "{stderr}");

    write(dir.path(), "copydesk.toml", "extend = \"big.toml\"\n");
    let output = copydesk(dir.path(), &["check", "a.md"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("larger than 8 MiB"), "{stderr}");
    assert!(
        stderr.contains("extend = \"big.toml\""),
        "the extend key is shown: {stderr}"
    );
}

// Item 8: what is not TOML text is never quoted.

const SECRET: &str = "hunter2";

fn secret_file(dir: &Path, separator: &[u8]) {
    let entry = format!("SECRET_TOKEN={SECRET}");
    let entries = [entry.as_bytes(); 5];
    std::fs::write(dir.join("secret.toml"), entries.join(separator)).expect("write");
}

fn assert_secret_kept(output: &Output, context: &str) {
    let shown = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(
        !shown.contains(SECRET),
        "{context} shows the secret:\n{shown}"
    );
    assert_eq!(output.status.code(), Some(2), "{context}: {shown}");
    assert!(
        shown.contains("secret.toml"),
        "{context} names the file: {shown}"
    );
}

#[test]
fn a_secret_file_named_as_configuration_is_never_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", MISSPELT);
    // NUL-separated like /proc/self/environ; other control bytes too.
    for separator in [&b"\0"[..], b"\x01", b"\x1b"] {
        secret_file(dir.path(), separator);
        let configs = [
            "rule-sets = [\"secret.toml\"]\n",
            "extend = \"secret.toml\"\n",
            "house-style = \"secret.toml\"\n",
        ];
        for config in configs {
            write(dir.path(), "copydesk.toml", config);
            for format in [
                "human", "short", "github", "jsonl", "json", "sarif", "gitlab", "junit",
            ] {
                let output = copydesk(dir.path(), &["check", "--format", format, "a.md"]);
                assert_secret_kept(&output, &format!("{config:?} in {format}"));
            }
            let output = copydesk(dir.path(), &["rules"]);
            assert_secret_kept(&output, &format!("rules with {config:?}"));
        }
        std::fs::remove_file(dir.path().join("copydesk.toml")).expect("remove");
        for args in [
            &["check", "--config", "secret.toml", "a.md"][..],
            &["check", "--baseline", "secret.toml", "a.md"][..],
            &["check", "--fix", "--baseline", "secret.toml", "-"][..],
            &["test", "secret.toml"][..],
            &["explain", "--config", "secret.toml", "style.titles"][..],
        ] {
            let output = copydesk(dir.path(), args);
            assert_secret_kept(&output, &format!("{args:?}"));
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn the_environment_is_never_shown_from_proc() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", MISSPELT);
    write(
        dir.path(),
        "copydesk.toml",
        "rule-sets = [\"/proc/self/environ\"]\n",
    );
    // Alone in the environment, so that it would be on the excerpt's line.
    let output = command(dir.path(), &["check", "a.md"])
        .env_clear()
        .env("SECRET_TOKEN", SECRET)
        .output()
        .expect("copydesk runs");
    let shown = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(!shown.contains(SECRET), "{shown}");
    assert_eq!(output.status.code(), Some(2));
    assert!(shown.contains("/proc/self/environ"), "{shown}");
}

// Item 10: a report that cannot be written fails the run.

#[cfg(target_os = "linux")]
fn to_full_disk(dir: &Path, args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    command(dir, args)
        .stdout(Stdio::from(full))
        .output()
        .expect("copydesk runs")
}

#[cfg(target_os = "linux")]
#[test]
fn every_command_that_writes_fails_on_a_full_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", MISSPELT);
    write(dir.path(), "clean.md", "Clean text.\n");
    let mut cases: Vec<Vec<&str>> = Vec::new();
    for format in [
        "human", "short", "github", "jsonl", "json", "sarif", "gitlab", "junit",
    ] {
        cases.push(vec!["check", "--format", format, "a.md"]);
        // A clean run in a line format for machines writes nothing at all.
        if !matches!(format, "github" | "jsonl") {
            cases.push(vec!["check", "--format", format, "clean.md"]);
        }
    }
    cases.extend([
        vec!["check", "--statistics", "a.md"],
        vec!["check", "--diff", "a.md"],
        vec!["check", "--write-baseline", "baseline.json", "a.md"],
        vec!["rules"],
        vec!["rules", "--json"],
        vec!["explain", "style.misspellings"],
        vec!["test"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["init", "--force", "new.toml"],
        vec!["--help"],
        vec!["--version"],
    ]);
    for args in &cases {
        let output = to_full_disk(dir.path(), args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
    // `--fix -` too: its text is the output.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let mut child = command(dir.path(), &["check", "--fix", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::from(full))
        .spawn()
        .expect("copydesk runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(MISSPELT.as_bytes()).expect("stdin");
    }
    let output = child.wait_with_output().expect("copydesk finishes");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_closed_pipe_is_still_silent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut story = String::new();
    for _ in 0..2000 {
        story.push_str(MISSPELT);
    }
    write(dir.path(), "a.md", &story);
    let mut child = command(dir.path(), &["check", "a.md"])
        .spawn()
        .expect("copydesk runs");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("copydesk finishes");
    assert!(text(&output.stderr).is_empty(), "{}", text(&output.stderr));
    assert_eq!(output.status.code(), Some(0));
}
