//! The cheap paths of copy in French, German, Spanish and Russian find what
//! the full reading found: the day-first date scanner's jump over prose far
//! from any figure, and the local city names compiled into the binary.

mod support;

use copydesk::diagnostic::Diagnostic;
use copydesk::engine::Linter;

fn linter() -> Linter {
    support::every_rule_on(&["dates", "countries"], None)
}

/// (rule, the text flagged) of each finding.
fn flagged(linter: &Linter, text: &str) -> Vec<(String, String)> {
    let doc = linter.document("story.md", text.to_string());
    let found: Vec<Diagnostic> = linter.lint(&doc);
    found
        .iter()
        .map(|d| (d.rule.to_string(), text[d.span.clone()].to_string()))
        .collect()
}

fn article(language: &str, body: &str) -> String {
    format!("---\nlang: {language}\ndate: 2023-02-10\n---\n\n{body}\n")
}

#[test]
fn a_date_far_from_other_figures_is_found_as_one_among_them() {
    let linter = linter();
    let cases = [
        (
            "fr",
            "Le gouvernement a présenté son projet aux députés. ",
            "mardi 10 février 2023",
        ),
        (
            "de",
            "Die Regierung hat den Abgeordneten ihren Plan vorgestellt. ",
            "Dienstag, 10. Februar 2023",
        ),
        (
            "es",
            "El Gobierno presentó su proyecto a los diputados. ",
            "martes 10 de febrero de 2023",
        ),
        (
            "ru",
            "Правительство представило свой проект депутатам. ",
            "во вторник, 10 февраля 2023 года",
        ),
    ];
    for (language, prose, wrong_weekday) in cases {
        let short = article(language, &format!("{prose}{wrong_weekday}."));
        let long = article(
            language,
            &format!("{}{wrong_weekday}. {}", prose.repeat(80), prose.repeat(80)),
        );
        let near_figures = article(language, &format!("{prose}12 34 {wrong_weekday} 56 78."));
        let expected = flagged(&linter, &short);
        assert!(
            expected.iter().any(|(rule, _)| rule == "dates.weekday"),
            "{language}: {expected:?}"
        );
        assert_eq!(flagged(&linter, &long), expected, "{language}");
        assert_eq!(flagged(&linter, &near_figures), expected, "{language}");
    }
}

#[test]
fn a_dateline_city_named_locally_is_still_placed() {
    // The local city names come from tables compiled into the binary: the
    // dateline's city is still told to be in South Korea.
    let linter = linter();
    let text = article(
        "fr",
        "SÉOUL, 10 février 2023 (AFP) – Le Kazakhstan a annoncé vendredi de nouvelles mesures, a indiqué le gouvernement sud-coréen à Séoul.",
    );
    let found = flagged(&linter, &text);
    assert!(
        found.iter().any(|(rule, _)| rule.starts_with("country.")),
        "{found:?}"
    );
}
