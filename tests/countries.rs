//! The country rules on real copy: the founding story, and silence on clean articles.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::diagnostic::{Diagnostic, Level, Severity};
use copydesk::document::DocumentOptions;
use copydesk::engine::Linter;
use copydesk::rules::Settings;
use copydesk::ruleset::{self, builtin};

const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/articles");

fn linter() -> Linter {
    let sources = vec![builtin("countries").expect("the countries rule set is built in")];
    let rules = ruleset::compile(&sources).expect("the countries rule set compiles");
    let levels = rules
        .into_iter()
        .map(|rule| {
            let level = rule.meta.default_severity.map_or(Level::Off, Level::On);
            (Arc::clone(&rule), level)
        })
        .collect();
    Linter::new(levels, Settings::default(), DocumentOptions::default())
}

fn articles(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            articles(&path, out);
        } else if path.file_name().is_some_and(|n| n != "README.md") {
            out.push(path);
        }
    }
}

fn lint(linter: &Linter, path: &Path) -> (String, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).expect("articles are UTF-8");
    let relative = path
        .strip_prefix(ARTICLES)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    let doc = linter.document(&relative, text.clone());
    (text, linter.lint(&doc))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

#[test]
fn the_founding_story_has_three_context_errors() {
    let linter = linter();
    let path = Path::new(ARTICLES).join("000_58e6eba2e9345f1a.txt");
    let (text, diagnostics) = lint(&linter, &path);
    let context: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| &*d.rule == "country.context")
        .collect();
    assert_eq!(context.len(), 3, "{diagnostics:#?}");
    let lines: Vec<usize> = context
        .iter()
        .map(|d| line_of(&text, d.span.start))
        .collect();
    assert_eq!(lines, [13, 17, 17]);
    for d in &context {
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(&text[d.span.clone()], "Republic of Kazakhstan");
        let help = d.help.as_deref().unwrap_or("");
        assert!(help.contains("'Republic of Korea'"), "{help}");
        assert!(
            d.labels.iter().any(|l| &text[l.span.clone()] == "SEOUL"),
            "{:?}",
            d.labels
        );
        // All three are inside the ambassador's quoted words.
        assert!(
            d.notes.iter().any(|n| n.contains("quotation")),
            "{:?}",
            d.notes
        );
    }
    let others: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| &*d.rule != "country.context" && d.severity >= Severity::Warning)
        .collect();
    assert!(others.is_empty(), "{others:#?}");
}

/// Findings at warning or above on the real articles, each verified by reading
/// the article: (file, rule, matched text).
const EXPECTED: &[(&str, &str, &str)] = &[
    (
        "000_58e6eba2e9345f1a.txt",
        "country.context",
        "Republic of Kazakhstan",
    ),
    (
        "000_58e6eba2e9345f1a.txt",
        "country.context",
        "Republic of Kazakhstan",
    ),
    (
        "000_58e6eba2e9345f1a.txt",
        "country.context",
        "Republic of Kazakhstan",
    ),
];

#[test]
fn real_articles_are_quiet_except_for_verified_errors() {
    let linter = linter();
    let mut paths = Vec::new();
    articles(Path::new(ARTICLES), &mut paths);
    paths.sort();
    assert!(
        paths.len() > 1000,
        "expected the shared articles, found {}",
        paths.len()
    );
    let mut found = Vec::new();
    for path in &paths {
        let (text, diagnostics) = lint(&linter, path);
        let name = path
            .strip_prefix(ARTICLES)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        for d in diagnostics {
            if d.rule.starts_with("country.") && d.severity >= Severity::Warning {
                found.push((
                    name.clone(),
                    d.rule.to_string(),
                    text[d.span.clone()].to_string(),
                ));
            }
        }
    }
    let expected: Vec<(String, String, String)> = EXPECTED
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expected);
}

fn abbreviation_messages(linter: &Linter, text: &str) -> Vec<String> {
    let doc = linter.document("note.txt", text.to_string());
    linter
        .lint(&doc)
        .into_iter()
        .filter(|d| d.rule.as_ref() == "country.abbreviation")
        .map(|d| format!("{} {}", &text[d.span.clone()], d.message))
        .collect()
}

#[test]
fn an_abbreviation_is_weighed_by_the_russian_names_around_it() {
    let linter = linter();
    let seoul =
        "СЕУЛ, 10 фев – РИА Новости. Посол России в Сеуле заявил, что РК не стала враждебной.\n";
    let messages = abbreviation_messages(&linter, seoul);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].starts_with("РК "), "{messages:?}");
    assert!(messages[0].contains("supports South Korea"), "{messages:?}");

    let astana = "Президент РК выступил в парламенте. Экономика Казахстана растёт.\n";
    let messages = abbreviation_messages(&linter, astana);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("supports Kazakhstan"), "{messages:?}");

    let bare = "Президент РК выступил.\n";
    let messages = abbreviation_messages(&linter, bare);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("does not decide"), "{messages:?}");

    assert!(abbreviation_messages(&linter, "Посол России в Сеуле.\n").is_empty());
}
