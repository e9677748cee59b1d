//! The country rules on real copy: the founding story, and silence on clean articles.

mod support;

use std::path::Path;

use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::engine::Linter;

fn linter() -> Linter {
    support::builtin_linter("countries")
}

fn lint(linter: &Linter, path: &Path) -> (String, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).expect("articles are UTF-8");
    let relative = path
        .file_name()
        .map_or(path.as_os_str(), |name| name)
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
    let Some(path) = support::founding_story() else {
        return;
    };
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
