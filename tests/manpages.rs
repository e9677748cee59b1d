//! Man pages and shell completions: every page a page names can be
//! generated, each command has its own page, and completions offer the
//! built-in rule ids without refusing a repository's own.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

mod support;

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    support::copydesk(dir, args)
}

fn stdout(output: &Output) -> String {
    support::text(&output.stdout)
}

/// The pages a roff page refers to, `name(1)`, whether set in bold
/// (`\fBcopydesk\fR(1)`) or roman (`copydesk\-check(1)`).
fn pages_named(roff: &str) -> BTreeSet<String> {
    let plain = roff
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\-", "-");
    let mut named = BTreeSet::new();
    for (at, _) in plain.match_indices("(1)") {
        let name: String = plain[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if name.starts_with("copydesk") {
            named.insert(format!("{name}.1"));
        }
    }
    named
}

#[test]
fn every_page_named_is_a_page_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("man1");
    let output = copydesk(dir.path(), &["man", "--dir", out.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written: BTreeSet<String> = std::fs::read_dir(&out)
        .expect("the folder was created")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for page in ["copydesk.1", "copydesk-check.1", "copydesk-man.1"] {
        assert!(written.contains(page), "{page} in {written:?}");
    }
    assert_eq!(
        stdout(&output).lines().count(),
        written.len(),
        "one line per page written"
    );
    let top = std::fs::read_to_string(out.join("copydesk.1")).unwrap();
    let named_by_top = pages_named(&top);
    assert!(
        named_by_top.contains("copydesk-check.1"),
        "{named_by_top:?}"
    );
    for page in &written {
        let text = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(text.contains(".TH "), "{page} is a man page");
        for named in pages_named(&text) {
            assert!(
                written.contains(&named),
                "{page} names {named}, which was not written"
            );
        }
    }
}

#[test]
fn a_command_page_is_printed_by_name() {
    let output = copydesk(Path::new("."), &["man", "check"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.contains(".TH copydesk-check 1"), "{page}");
    assert!(
        page.contains("\\-\\-fail\\-on"),
        "the page lists check's flags"
    );
    assert!(
        page.contains("copydesk\\fR(1)"),
        "it points back to copydesk(1)"
    );

    let top = stdout(&copydesk(Path::new("."), &["man"]));
    assert!(top.contains(".TH copydesk 1"));
    assert!(
        !top.contains("copydesk\\-help(1)"),
        "clap's help command has no page, so copydesk(1) must not name one"
    );

    let unknown = copydesk(Path::new("."), &["man", "lint"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn completions_offer_builtin_rule_ids_and_families() {
    for shell in ["bash", "zsh", "fish"] {
        let output = copydesk(Path::new("."), &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        for name in ["dates.weekday", "quotes.unclosed", "country.context"] {
            assert!(script.contains(name), "{shell} offers {name}");
        }
        assert!(
            // bash lists words; zsh and fish give each a description.
            script.contains(" quotes ")
                || script.contains("quotes\\:")
                || script.contains("quotes\\t"),
            "{shell} offers the quotes family"
        );
    }
}

#[test]
fn offered_rule_ids_do_not_refuse_a_repository_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("house.toml"),
        "[[rule]]\nid = \"house.ministers\"\nkind = \"existence\"\nseverity = \"warning\"\n\
         message = \"'{match}' is not our style\"\ndescription = \"Ministers by name.\"\n\
         terms = [\"the Minister\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "rule-sets = [\"house.toml\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "He met the Minister.\n").unwrap();
    let output = copydesk(
        dir.path(),
        &[
            "check",
            "--select",
            "house.ministers",
            "--format",
            "short",
            "a.md",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("invalid value"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stdout(&output).contains("house.ministers"));

    let explained = copydesk(dir.path(), &["explain", "house.ministers"]);
    assert_eq!(explained.status.code(), Some(0));
}
