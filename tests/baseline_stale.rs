//! Baseline entries that no finding matches any more are counted, so that a
//! team sees when to rewrite the baseline; `--write-baseline` drops them.

mod support;

use std::path::Path;

fn copydesk(folder: &Path, args: &[&str]) -> String {
    support::text(&support::copydesk(folder, args).stdout)
}

#[test]
fn entries_no_finding_matches_are_counted_and_rewriting_drops_them() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let (a, b) = (folder.path().join("a.txt"), folder.path().join("b.txt"));
    std::fs::write(&a, "The goverment met on Monday.\n").expect("written");
    std::fs::write(&b, "The goverment met.\nThe goverment agreed.\n").expect("written");
    let recorded = copydesk(
        folder.path(),
        &["check", "--write-baseline", "base.json", "."],
    );
    assert!(recorded.contains("Recorded 3 findings"), "{recorded}");

    // One of b's two is fixed by hand: one entry is stale, two still hide.
    std::fs::write(&b, "The government met.\nThe goverment agreed.\n").expect("written");
    let checked = copydesk(folder.path(), &["check", "--baseline", "base.json", "."]);
    assert!(
        checked.contains("2 findings in the baseline not shown."),
        "{checked}"
    );
    assert!(
        checked.contains("1 finding in the baseline no longer found"),
        "{checked}"
    );

    // A run over one file does not call the other file's entries stale.
    let one_file = copydesk(
        folder.path(),
        &["check", "--baseline", "base.json", "a.txt"],
    );
    assert!(!one_file.contains("no longer found"), "{one_file}");

    let rewritten = copydesk(
        folder.path(),
        &["check", "--write-baseline", "base.json", "."],
    );
    assert!(rewritten.contains("Recorded 2 findings"), "{rewritten}");
    let checked = copydesk(folder.path(), &["check", "--baseline", "base.json", "."]);
    assert!(!checked.contains("no longer found"), "{checked}");
}
