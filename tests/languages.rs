//! The language of a document: front matter, then the configuration per
//! path, then `--language` (or the configuration's `language`), then a guess
//! from function words that never overrides a setting; and the one line per
//! family and language that a run's summary gives for copy its rules do not
//! cover.

mod support;

use std::collections::BTreeMap;

use copydesk::document::{Document, DocumentOptions, LanguageSource};

/// A folder holding `files` (path, text) and nothing else.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        std::fs::write(path, text).expect("a file");
    }
    dir
}

/// Invented copy in one language, long enough to be told apart.
const PORTUGUESE: &str =
    "O ministro disse que as conversas com o sindicato vão durar uma semana e que \
    não há pressa. Ele também afirmou que a proposta do governo foi bem recebida pelos \
    trabalhadores, mas que os detalhes ainda estão em discussão com os representantes.\n";
const FRENCH: &str =
    "Le ministre a dit que les discussions avec le syndicat dureraient une semaine \
    et qu'il n'y avait pas d'urgence. Il a aussi affirmé que la proposition du gouvernement \
    était bien reçue par les salariés, mais que les détails sont encore en discussion.\n";

/// The language a document is read in, under `options`, and its source.
fn language_of(path: &str, text: &str, options: &DocumentOptions) -> (String, LanguageSource) {
    let doc = Document::new(path, text.to_string(), options);
    (doc.language, doc.language_source)
}

#[test]
fn front_matter_beats_the_path_setting_which_beats_the_command_line() {
    // Dates cover en, fr, de, es and ru, so the settings name languages they
    // do not cover, for the summary to show which setting won.
    let config = "[[per-path]]\npaths = [\"fr/**\"]\nlanguage = \"it\"\n";
    let dir = folder(&[
        ("copydesk.toml", config),
        ("fr/said-pt.md", &format!("---\nlang: pt\n---\n\n{FRENCH}")),
        ("fr/plain.md", FRENCH),
        ("other/plain.md", FRENCH),
    ]);
    let output = support::copydesk(
        dir.path(),
        &["check", "--language", "nl", "--format", "json"],
    );
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the output is JSON");
    let not_checked = &json["summary"]["not_checked"];
    let files_in = |language: &str| {
        not_checked
            .as_array()
            .expect("a list")
            .iter()
            .find(|entry| entry["rules"] == "dates" && entry["language"] == language)
            .map(|entry| entry["files"].as_u64().unwrap_or(0))
    };
    // fr/said-pt.md says pt; fr/plain.md takes the path's it; other/plain.md
    // takes --language nl, and detection (fr) overrides none of them.
    assert_eq!(files_in("pt"), Some(1), "{not_checked}");
    assert_eq!(files_in("it"), Some(1), "{not_checked}");
    assert_eq!(files_in("nl"), Some(1), "{not_checked}");
    assert_eq!(files_in("fr"), None, "{not_checked}");
}

#[test]
fn the_command_line_beats_the_configuration_and_detection() {
    let dir = folder(&[("copydesk.toml", "language = \"it\"\n"), ("a.md", FRENCH)]);
    let output = support::copydesk(dir.path(), &["check", "--language", "pt"]);
    let out = support::text(&output.stdout);
    assert!(
        out.contains("dates: not checked in 1 file written in pt."),
        "{out}"
    );
    let output = support::copydesk(dir.path(), &["check"]);
    let out = support::text(&output.stdout);
    assert!(
        out.contains("dates: not checked in 1 file written in it."),
        "{out}"
    );
}

#[test]
fn detection_decides_only_when_nothing_is_set() {
    let options = DocumentOptions::default();
    assert_eq!(
        language_of("a.txt", PORTUGUESE, &options),
        ("pt".to_string(), LanguageSource::Detected)
    );
    assert_eq!(
        language_of("a.txt", "Talks resume.", &options),
        ("en".to_string(), LanguageSource::Default)
    );
    let set = DocumentOptions {
        language: Some("en".to_string()),
        ..DocumentOptions::default()
    };
    assert_eq!(
        language_of("a.txt", PORTUGUESE, &set),
        ("en".to_string(), LanguageSource::Setting)
    );
    let written = format!("---\nlang: en-GB\n---\n\n{PORTUGUESE}");
    assert_eq!(
        language_of("a.md", &written, &options),
        ("en".to_string(), LanguageSource::FrontMatter)
    );
}

#[test]
fn the_summary_names_each_family_and_language_once_with_the_count() {
    let mut files: Vec<(String, String)> = (0..12)
        .map(|i| (format!("pt/{i:02}.md"), PORTUGUESE.to_string()))
        .collect();
    files.push(("fr.md".to_string(), FRENCH.to_string()));
    files.push((
        "en.md".to_string(),
        "The minister said that the talks would go on for a week and that there was no hurry at all.\n"
            .to_string(),
    ));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = folder(&files);
    let output = support::copydesk(dir.path(), &["check"]);
    let out = support::text(&output.stdout);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("not checked")).collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("dates: ")).count(),
        1,
        "{out}"
    );
    assert!(
        lines.contains(&"dates: not checked in 12 files written in pt."),
        "{out}"
    );
    // The French file is detected as French, which the dates rules cover;
    // the English house style does not.
    assert!(
        !out.contains("dates: not checked in 1 file written in fr"),
        "{out}"
    );
    assert!(
        lines.contains(&"style.titles, style.misspellings: not checked in 1 file written in fr."),
        "{out}"
    );
    assert!(!out.contains("written in en"), "{out}");
    // Said once: not beside each file.
    assert_eq!(
        out.matches("written in pt").count(),
        lines.iter().filter(|l| l.contains("in pt")).count()
    );
}

#[test]
fn a_language_that_is_not_a_tag_is_refused_at_its_place() {
    let config = "language = \"french!\"\n[[per-path]]\npaths = [\"x/**\"]\nlanguage = \"f\"\n";
    let dir = folder(&[("copydesk.toml", config), ("a.md", "Text.\n")]);
    let output = support::copydesk(dir.path(), &["check"]);
    let err = support::text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("`french!` is not a language tag"), "{err}");
    assert!(err.contains("`f` is not a language tag"), "{err}");
    assert!(err.contains("copydesk.toml:1:"), "{err}");
    assert!(err.contains("copydesk.toml:4:"), "{err}");
}

/// The front matter without its `lang` line, so that the language must be
/// detected.
fn without_lang(text: &str) -> Option<(String, String)> {
    let mut language = None;
    let mut kept = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match line.strip_prefix("lang:") {
            Some(value) if language.is_none() => {
                let value = value.trim().trim_matches(['"', '\'']);
                language = Some(value.split(['-', '_']).next()?.to_ascii_lowercase());
            }
            _ => kept.push_str(line),
        }
    }
    Some((language?, kept))
}

#[test]
fn detection_agrees_with_the_front_matter_of_the_real_articles() {
    let Some(root) = support::articles() else {
        return;
    };
    // language → (agreeing, total)
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for path in support::files_under(&root) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Some((written, stripped)) = without_lang(&text) else {
            continue;
        };
        let shown = support::relative(&root, &path);
        let doc = Document::new(&shown, stripped, &DocumentOptions::default());
        let entry = tally.entry(written.clone()).or_default();
        entry.1 += 1;
        if doc.language == written {
            entry.0 += 1;
        } else {
            wrong.push(format!("{shown}: {written} read as {}", doc.language));
        }
    }
    for (language, (agreeing, total)) in &tally {
        eprintln!("detection: {language}: {agreeing} of {total}");
    }
    assert!(tally.len() >= 4, "{tally:?}");
    for (language, (agreeing, total)) in &tally {
        assert!(
            agreeing * 100 >= total * 95,
            "{language}: {agreeing} of {total}: {wrong:#?}"
        );
    }
}

#[test]
fn english_articles_without_a_language_stay_english() {
    let Some(root) = support::articles() else {
        return;
    };
    for folder in ["reuters", "bbc"] {
        let mut not_english = Vec::new();
        let mut total = 0;
        for path in support::files_under(&root.join(folder)) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            total += 1;
            let doc = Document::new(
                &support::relative(&root, &path),
                text,
                &DocumentOptions::default(),
            );
            if doc.language != "en" {
                not_english.push(format!("{}: {}", path.display(), doc.language));
            }
        }
        assert!(total > 0);
        assert!(not_english.is_empty(), "{not_english:#?}");
    }
}

#[test]
fn rules_a_folder_ignores_on_purpose_are_not_said_to_be_unchecked() {
    let config = "[[per-path]]\npaths = [\"pt/**\"]\nignore = [\"dates\", \"style.titles\"]\n";
    let dir = folder(&[
        ("copydesk.toml", config),
        ("pt/noticia.md", PORTUGUESE),
        ("outra/noticia.md", PORTUGUESE),
    ]);
    let output = support::copydesk(dir.path(), &["check", "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the output is JSON");
    let files_for = |rules: &str| {
        json["summary"]["not_checked"]
            .as_array()
            .expect("a list")
            .iter()
            .find(|entry| entry["rules"] == rules && entry["language"] == "pt")
            .map(|entry| entry["files"].as_u64().unwrap_or(0))
    };
    // Only the folder that does not ignore them is short of the checks.
    assert_eq!(files_for("dates"), Some(1), "{json}");
    let style = json["summary"]["not_checked"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|entry| {
            entry["rules"]
                .as_str()
                .unwrap_or("")
                .contains("style.titles")
        })
        .map(|entry| entry["files"].as_u64().unwrap_or(0))
        .sum::<u64>();
    assert_eq!(style, 1, "{json}");
}
