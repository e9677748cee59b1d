//! `check --cache`: a warm run reports exactly what a cold run reports.

mod support;

use std::path::Path;

fn check(args: &[&str], dir: &Path) -> String {
    String::from_utf8(support::check_json(args, dir)).expect("JSON output is UTF-8")
}

#[test]
fn the_default_cache_folder_is_in_the_current_folder_and_edits_are_seen() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(&article, "The goverment said so.\n").unwrap();
    let first = check(&["--cache", "story.txt"], dir.path());
    assert!(dir.path().join(".copydesk_cache/index-v1.json").is_file());
    assert!(first.contains("goverment"));

    std::fs::write(&article, "The government said so.\n").unwrap();
    let second = check(&["--cache", "story.txt"], dir.path());
    assert_eq!(second, check(&["story.txt"], dir.path()));
    assert!(!second.contains("goverment"));
}

#[test]
fn an_edit_to_an_extended_configuration_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk");
    std::fs::create_dir_all(&desk).unwrap();
    std::fs::write(desk.join("story.txt"), "The goverment said so.\n").unwrap();
    std::fs::write(desk.join("copydesk.toml"), "extend = \"../base.toml\"\n").unwrap();
    let base = dir.path().join("base.toml");
    std::fs::write(&base, "language = \"en\"\n").unwrap();
    let first = check(&["--cache", "story.txt"], &desk);
    assert!(first.contains("goverment"), "{first}");

    // Only the base changes, and only its per-path ignores: the cache keeps
    // findings before filtering, so a warm run must still apply the new ones.
    std::fs::write(
        &base,
        "language = \"en\"\n\n[[per-path]]\npaths = [\"desk/*.txt\"]\nignore = [\"style\"]\n",
    )
    .unwrap();
    let second = check(&["--cache", "story.txt"], &desk);
    assert_eq!(second, check(&["story.txt"], &desk));
    assert!(!second.contains("goverment"), "{second}");

    // A setting in the base changes the linter: the run hash sees it.
    std::fs::write(&base, "language = \"de\"\n").unwrap();
    let third = check(&["--cache", "story.txt"], &desk);
    assert_eq!(third, check(&["story.txt"], &desk));
    assert!(!third.contains("goverment"), "{third}");
    std::fs::write(&base, "language = \"en\"\n").unwrap();
    let fourth = check(&["--cache", "story.txt"], &desk);
    assert!(fourth.contains("goverment"), "{fourth}");
}
