//! The `dates` family on the founding story and the real articles.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::diagnostic::{Diagnostic, Level};
use copydesk::document::DocumentOptions;
use copydesk::engine::Linter;
use copydesk::rules::Settings;
use copydesk::ruleset::{self, builtin, CompiledRule};

fn dates_rules() -> Vec<Arc<CompiledRule>> {
    let source = builtin("dates").expect("the dates rule set is built in");
    ruleset::compile(&[source]).expect("the dates rule set compiles")
}

fn linter(house_style: Option<&str>) -> Linter {
    let rules = dates_rules()
        .into_iter()
        .map(|rule| {
            let level = Level::On(rule.meta.severity_when_on);
            (rule, level)
        })
        .collect();
    Linter::new(
        rules,
        Settings {
            house_style: house_style.map(str::to_string),
        },
        DocumentOptions::default(),
    )
}

fn lint(linter: &Linter, path: &Path) -> Option<(String, Vec<Diagnostic>)> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let name = path.to_string_lossy().to_string();
    let doc = linter.document(&name, text.clone());
    Some((text, linter.lint(&doc)))
}

fn founding() -> Option<PathBuf> {
    support::founding_story()
}

fn summary(text: &str, found: &[Diagnostic]) -> Vec<(String, String)> {
    found
        .iter()
        .map(|d| (d.rule.to_string(), text[d.span.clone()].to_string()))
        .collect()
}

#[test]
fn the_founding_story_has_one_stray_teaser_by_default() {
    let Some(story) = founding() else { return };
    let Some((text, found)) = lint(&linter(None), &story) else {
        panic!("the founding story is readable");
    };
    assert_eq!(
        summary(&text, &found),
        [(
            "dates.stray-teaser".to_string(),
            "July 27, 2022, 10:44 am South Korea hopes to develop relations with Russia"
                .to_string()
        )]
    );
}

#[test]
fn the_founding_story_under_ap_style() {
    let Some(story) = founding() else { return };
    let Some((text, found)) = lint(&linter(Some("ap")), &story) else {
        panic!("the founding story is readable");
    };
    let summary = summary(&text, &found);
    assert_eq!(
        summary,
        [
            ("dates.style".to_string(), "Feb 10".to_string()),
            (
                "dates.stray-teaser".to_string(),
                "July 27, 2022, 10:44 am South Korea hopes to develop relations with Russia"
                    .to_string()
            ),
            ("times.style".to_string(), "10:44 am".to_string()),
        ]
    );
    let fixes: Vec<&str> = found
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| f.replacement.as_str()))
        .collect();
    assert_eq!(fixes, ["Feb. 10", "10:44 a.m."]);
}

fn lint_text(linter: &Linter, text: &str) -> Vec<(String, String)> {
    let doc = linter.document("story.txt", text.to_string());
    summary(text, &linter.lint(&doc))
}

#[test]
fn datelines_in_capitals_are_checked_against_the_article_date() {
    let linter = linter(None);
    let off = "date 1987-03-16\nDU PONT UP\n\nNEW YORK, MARCH 11 - Shares of the company rose.\n";
    assert_eq!(
        lint_text(&linter, off),
        [("dates.dateline".to_string(), "MARCH 11".to_string())]
    );
    let agrees = off.replace("1987-03-16", "1987-03-11");
    assert_eq!(lint_text(&linter, &agrees), []);
    // Capitals that are not a month make no dateline date to check.
    let not_a_month = off.replace("MARCH 11", "ROUTE 11");
    assert_eq!(lint_text(&linter, &not_a_month), []);
    let mixed_case = off.replace("MARCH 11", "MaRCH 11");
    assert_eq!(lint_text(&linter, &mixed_case), []);
}

#[test]
fn headline_words_in_capitals_are_not_dates() {
    let linter = linter(Some("ap"));
    let text = "date 1987-03-16\nPROTESTERS MARCH ON CAPITAL, PRICES MAY FALL 10 PCT\n\n\
                The march began at 1400 GMT in 1987 with 2000 people.\n";
    assert_eq!(
        lint_text(&linter, text),
        [("times.style".to_string(), "1400".to_string())]
    );
}
