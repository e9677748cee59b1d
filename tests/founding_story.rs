//! The founding story, `../shared/articles/000_58e6eba2e9345f1a.txt`: what an
//! editor must be told about it, and nothing else.

mod support;

use copydesk::config::{self, Overrides, RawConfig};
use copydesk::diagnostic::Severity;
use copydesk::document::LineIndex;
use copydesk::files::read::DEFAULT_MAX_FILE_SIZE;
use copydesk::lint::{FileLinter, FileReport};

fn lint(overrides: Overrides) -> Option<FileReport> {
    let story = support::founding_story()?;
    let resolved = config::resolve(RawConfig::default(), &overrides).expect("defaults resolve");
    Some(FileLinter::new(&resolved.linter).path("story.txt", &story, DEFAULT_MAX_FILE_SIZE))
}

/// (rule, line, matched text, suggested replacement) of findings at warning or above.
fn findings(report: &FileReport) -> Vec<(String, usize, String, Option<String>)> {
    let lines = LineIndex::new(&report.source);
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| {
            let (line, _) = lines.line_col(&report.source, d.span.start);
            (
                d.rule.to_string(),
                line,
                report.source[d.span.clone()].to_string(),
                d.fix.as_ref().map(|f| f.replacement.clone()),
            )
        })
        .collect()
}

#[test]
fn default_config_finds_the_country_the_title_and_the_teaser() {
    let Some(report) = lint(Overrides::default()) else {
        return;
    };
    let found = findings(&report);
    let rules: Vec<(&str, usize)> = found.iter().map(|(r, l, _, _)| (r.as_str(), *l)).collect();
    assert_eq!(
        rules,
        [
            ("dates.stray-teaser", 5),
            ("style.titles", 11),
            ("country.context", 13),
            ("country.context", 17),
            ("country.context", 17),
        ],
        "{found:#?}"
    );
    for (rule, _, text, fix) in &found {
        if rule == "country.context" {
            assert_eq!(text, "Republic of Kazakhstan");
            assert_eq!(fix.as_deref(), Some("Republic of Korea"));
        }
    }
    let context = report
        .diagnostics
        .iter()
        .find(|d| d.rule.as_ref() == "country.context")
        .unwrap();
    assert!(
        context
            .labels
            .iter()
            .any(|l| &report.source[l.span.clone()] == "SEOUL"),
        "the dateline is labelled as the evidence"
    );
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.rule.starts_with("quotes.")),
        "no quotes finding"
    );
}

#[test]
fn ap_style_adds_the_date_and_time_forms() {
    let Some(report) = lint(Overrides {
        house_style: Some("ap".into()),
        ..Overrides::default()
    }) else {
        return;
    };
    let found = findings(&report);
    assert!(
        found.contains(&(
            "dates.style".into(),
            1,
            "Feb 10".into(),
            Some("Feb. 10".into())
        )),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|(rule, line, text, fix)| rule == "times.style"
                && *line == 5
                && text == "10:44 am"
                && fix.as_deref() == Some("10:44 a.m.")),
        "{found:#?}"
    );
}
