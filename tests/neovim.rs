//! A real editor as the client: Neovim, headless, through its built-in LSP
//! client (`tests/editors/neovim.lua`). It opens the founding story, waits
//! for its five findings at the right places, applies the code action for
//! "The Ambassador" and checks the buffer, then types a syntax error into
//! `copydesk.toml` and waits for it on its line.
//!
//! Without `nvim` on the PATH this skips with a message; under
//! `COPYDESK_REQUIRE_CORPUS=1` (CI, where `.ci/run` installs Debian's
//! `neovim`) a missing editor fails.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn neovim() -> Option<String> {
    let found = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if found {
        return Some("nvim".to_string());
    }
    if std::env::var_os("COPYDESK_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!(
            "nvim is not installed, and COPYDESK_REQUIRE_CORPUS=1 requires the editor test to run"
        );
    }
    support::say("skipping: nvim is not installed (apt-get install neovim)");
    None
}

#[test]
fn neovim_shows_the_founding_storys_findings_and_applies_a_fix() {
    let Some(story) = support::founding_story() else {
        return;
    };
    let Some(nvim) = neovim() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&story, dir.path().join("story.txt")).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editors/neovim.lua");
    let mut child = Command::new(nvim)
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("COPYDESK_BIN", env!("CARGO_BIN_EXE_copydesk"))
        .env("COPYDESK_DIR", dir.path())
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    let shown = format!(
        "{}\n{}",
        support::text(&output.stdout),
        support::text(&output.stderr)
    );
    assert!(output.status.success(), "Neovim's check failed:\n{shown}");
    assert!(shown.contains("fixed: "), "{shown}");
    assert!(shown.contains("copydesk.toml:3:"), "{shown}");
    // The buffer was changed, never the file: the fix is the editor's to save.
    let on_disk = std::fs::read_to_string(dir.path().join("story.txt")).unwrap();
    assert_eq!(on_disk, std::fs::read_to_string(&story).unwrap());
}
