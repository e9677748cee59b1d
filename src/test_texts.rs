//! Texts for the library's own tests that compare a fast path with its
//! oracle: the real articles beside the repository (`../shared/articles`),
//! and texts made up of given pieces.

/// Calls `check(text)` for every article under `../shared/articles` that
/// reads as UTF-8, and asserts that more than a thousand were read. When the
/// folder is absent the test skips with a message, unless
/// `COPYDESK_REQUIRE_CORPUS=1` makes that a failure.
pub(crate) fn each_article(mut check: impl FnMut(&str)) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/articles");
    if !std::path::Path::new(root).is_dir() {
        let required = std::env::var_os("COPYDESK_REQUIRE_CORPUS").is_some_and(|v| v == "1");
        assert!(!required, "COPYDESK_REQUIRE_CORPUS=1 but {root} is missing");
        // Written to the stream itself, once: the test harness captures what
        // `eprintln!` prints in a passing test, and the skip would go unseen.
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "skipping: {root} is absent (COPYDESK_REQUIRE_CORPUS=1 makes this fail)"
            );
        });
        return;
    }
    let mut folders = vec![std::path::PathBuf::from(root)];
    let mut checked = 0;
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                check(&text);
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} articles read from {root}");
}

/// `count` texts, each of `pieces_per_text` of `pieces` chosen by a fixed
/// linear congruential sequence from `seed`: the same texts on every run,
/// with no dependency.
pub(crate) fn made_up_texts<'a>(
    pieces: &'a [&'a str],
    seed: u64,
    count: usize,
    pieces_per_text: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut state = seed;
    (0..count).map(move |_| {
        let mut text = String::new();
        for _ in 0..pieces_per_text {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
        }
        text
    })
}
