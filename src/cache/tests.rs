use super::*;
use crate::config::{self, Overrides, RawConfig};
use crate::files::read::DEFAULT_MAX_FILE_SIZE;

fn resolved(overrides: &Overrides) -> Arc<Resolved> {
    Arc::new(config::resolve(RawConfig::default(), overrides).unwrap())
}

const ARTICLE: &str =
    "The goverment said so. The ambassador arrived.\n\nThe Ambassador said the deal had occured.\n";

fn job(path: &Path) -> Job {
    Job {
        display: "a.txt".to_string(),
        path: path.to_path_buf(),
        linter: 0,
    }
}

fn lint(cache: &Cache, configs: &[Arc<Resolved>], path: &Path) -> FileReport {
    cache.lint_path(
        &job(path),
        FileLinter::new(&configs[0].linter),
        DEFAULT_MAX_FILE_SIZE,
    )
}

fn shown(report: &FileReport) -> Vec<(String, Range<usize>, String)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.to_string(), d.span.clone(), d.message.clone()))
        .collect()
}

#[test]
fn a_warm_run_reports_what_the_cold_run_found_without_linting() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    let cache_dir = dir.path().join("cache");
    let configs = vec![resolved(&Overrides::default())];

    let cache = Cache::open(&cache_dir, &configs);
    let cold = lint(&cache, &configs, &file);
    assert!(
        !cold.diagnostics.is_empty(),
        "the sample must have findings"
    );
    cache.save().unwrap();
    assert!(cache_dir.join(INDEX_NAME).is_file());
    assert!(cache_dir.join(".gitignore").is_file());

    let warm_cache = Cache::open(&cache_dir, &configs);
    assert_eq!(warm_cache.old.len(), 1);
    // A linter with no rules would find nothing: findings on the warm run
    // can only have come from the cache.
    let silent = resolved(&Overrides {
        ignore: vec!["all".into()],
        ..Overrides::default()
    });
    let warm = warm_cache.lint_path(
        &job(&file),
        FileLinter::new(&silent.linter),
        DEFAULT_MAX_FILE_SIZE,
    );
    assert_eq!(warm.diagnostics, cold.diagnostics);
    assert_eq!(&*warm.source, ARTICLE);

    // The filter (suppressions, a baseline) runs on cached findings too.
    let drop_first = |_: &Document, diagnostics: &mut Vec<Diagnostic>| {
        diagnostics.remove(0);
    };
    let filtered = warm_cache.lint_path(
        &job(&file),
        FileLinter {
            filter: &drop_first,
            ..FileLinter::new(&silent.linter)
        },
        DEFAULT_MAX_FILE_SIZE,
    );
    assert_eq!(filtered.diagnostics, cold.diagnostics[1..]);
}

#[test]
fn a_changed_file_is_linted_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    let cache_dir = dir.path().join("cache");
    let configs = vec![resolved(&Overrides::default())];
    let cache = Cache::open(&cache_dir, &configs);
    let before = lint(&cache, &configs, &file);
    cache.save().unwrap();

    let edited = format!("Intro line.\n\n{ARTICLE}");
    std::fs::write(&file, &edited).unwrap();
    let cache = Cache::open(&cache_dir, &configs);
    let after = lint(&cache, &configs, &file);
    let fresh = FileLinter::new(&configs[0].linter).text("a.txt", edited);
    assert_eq!(shown(&after), shown(&fresh));
    assert_ne!(shown(&after), shown(&before), "spans must have moved");
}

#[test]
fn a_changed_configuration_invalidates_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    let cache_dir = dir.path().join("cache");
    let everything = vec![resolved(&Overrides::default())];
    let cache = Cache::open(&cache_dir, &everything);
    assert!(!lint(&cache, &everything, &file).diagnostics.is_empty());
    cache.save().unwrap();

    let nothing = vec![resolved(&Overrides {
        ignore: vec!["all".into()],
        ..Overrides::default()
    })];
    assert_ne!(run_hash(&everything[0]), run_hash(&nothing[0]));
    let cache = Cache::open(&cache_dir, &nothing);
    assert!(lint(&cache, &nothing, &file).diagnostics.is_empty());
}

#[test]
fn a_damaged_index_or_entry_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    let cache_dir = dir.path().join("cache");
    let configs = vec![resolved(&Overrides::default())];
    let expected = {
        let cache = Cache::open(&cache_dir, &configs);
        let report = lint(&cache, &configs, &file);
        cache.save().unwrap();
        shown(&report)
    };
    let index = cache_dir.join(INDEX_NAME);
    let good = std::fs::read_to_string(&index).unwrap();

    // Truncated JSON: the whole index is dropped.
    std::fs::write(&index, &good[..good.len() / 2]).unwrap();
    let cache = Cache::open(&cache_dir, &configs);
    assert!(cache.old.is_empty());
    assert_eq!(shown(&lint(&cache, &configs, &file)), expected);

    // A span past the end of the file, and an entry of the wrong shape:
    // each is distrusted, and the file is linted again.
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["entries"]["a.txt"]["diagnostics"][0]["span"] = serde_json::json!([0, 100_000]);
    value["entries"]["b.txt"] = serde_json::json!({"run": 7});
    std::fs::write(&index, value.to_string()).unwrap();
    let cache = Cache::open(&cache_dir, &configs);
    assert_eq!(cache.old.len(), 1);
    assert_eq!(shown(&lint(&cache, &configs, &file)), expected);
}

#[test]
fn every_part_of_a_diagnostic_survives_the_index() {
    let text = "He said \"yes\" and “no” — é.";
    let edit = |span: Range<usize>, to: &str| Edit {
        span,
        replacement: to.to_string(),
    };
    let diagnostic = Diagnostic::new("quotes.mixed", Severity::Warning, 8..9, "mixed")
        .with_label(13..14, "closed here")
        .with_note("a note")
        .with_help("a help")
        .with_fix_edits(
            vec![edit(8..9, "“"), edit(12..13, "”")],
            Applicability::Unsafe,
        );
    let stored: StoredDiagnostic =
        serde_json::from_str(&serde_json::to_string(&StoredDiagnostic::from(&diagnostic)).unwrap())
            .unwrap();
    assert_eq!(stored.restore(text), Some(diagnostic));
    // An edit inside a character is refused, not rendered.
    let mut broken = stored.clone();
    if let Some(fix) = &mut broken.fix {
        let inside = text.find('é').unwrap() + 1;
        fix.also[0] = (inside, inside, String::new());
    }
    assert_eq!(broken.restore(text), None);
}

#[test]
fn the_default_folder_sits_beside_the_config() {
    assert_eq!(
        default_dir(Some(Path::new("desk/copydesk.toml"))),
        Path::new("desk").join(DEFAULT_DIR)
    );
    assert_eq!(default_dir(None), PathBuf::from(DEFAULT_DIR));
    assert_eq!(
        default_dir(Some(Path::new("copydesk.toml"))),
        PathBuf::from(DEFAULT_DIR)
    );
}
