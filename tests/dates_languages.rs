//! The `dates` family in French, German, Spanish and Russian copy, and the
//! forms every language shares: weekdays beside numeric dates, ranges,
//! captions. Each article is written here; the real ones in
//! `../shared/articles` are judged at the end.

mod support;

use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::document::DocumentOptions;
use copydesk::engine::Linter;

fn linter(house_style: Option<&str>) -> Linter {
    support::every_rule_on(&["dates"], house_style)
}

/// An article in `language`, dated `date`, with `body`.
fn article(language: &str, date: &str, body: &str) -> String {
    format!("---\nlang: {language}\ndate: {date}\n---\n\n{body}\n")
}

fn findings(house_style: Option<&str>, text: &str) -> (String, Vec<Diagnostic>) {
    let linter = linter(house_style);
    let doc = linter.document("story.md", text.to_string());
    (text.to_string(), linter.lint(&doc))
}

/// (rule, the text flagged, the message) of each finding.
fn summary(house_style: Option<&str>, text: &str) -> Vec<(String, String, String)> {
    let (text, found) = findings(house_style, text);
    found
        .iter()
        .map(|d| {
            (
                d.rule.to_string(),
                text[d.span.clone()].to_string(),
                d.message.clone(),
            )
        })
        .collect()
}

fn fixes(house_style: Option<&str>, text: &str) -> Vec<String> {
    findings(house_style, text)
        .1
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| f.replacement.clone()))
        .collect()
}

fn one(rule: &str, flagged: &str, message: &str) -> (String, String, String) {
    (rule.to_string(), flagged.to_string(), message.to_string())
}

#[test]
fn french_weekdays_and_impossible_dates() {
    let text = article(
        "fr",
        "2023-02-10",
        "Le vote a eu lieu vendredi 10 février 2023, pas mardi 8 février 2023. \
         Rendez-vous le 10 févr. 2023, le 1er mars, le 10/02/2023, le 31 septembre et le 30.02.2023.",
    );
    assert_eq!(
        summary(None, &text),
        [
            one(
                "dates.weekday",
                "mardi",
                "8 février 2023 is a mercredi, not a mardi"
            ),
            one(
                "dates.invalid",
                "31 septembre",
                "31 septembre does not exist"
            ),
            one("dates.invalid", "30.02.2023", "30.02.2023 does not exist"),
        ]
    );
    assert_eq!(fixes(None, &text), ["mercredi"]);
}

#[test]
fn german_weekdays_and_impossible_dates() {
    let text = article(
        "de",
        "2023-02-10",
        "Am Freitag, 10. Februar 2023, nicht am Donnerstag, 10.02.2023, und am 10. Feb. 2023 \
         und am 1. März, aber nicht am 30.02.2023. Dienstag, 05.03.19 stimmt, Mittwoch, 05.03.19 nicht. \
         Samstag, den 11. Februar stimmt auch.",
    );
    assert_eq!(
        summary(None, &text),
        [
            one(
                "dates.weekday",
                "Donnerstag",
                "10.02.2023 is a Freitag, not a Donnerstag"
            ),
            one("dates.invalid", "30.02.2023", "30.02.2023 does not exist"),
            one(
                "dates.weekday",
                "Mittwoch",
                "05.03.19 is a Dienstag, not a Mittwoch"
            ),
        ]
    );
    assert_eq!(fixes(None, &text), ["Freitag", "Dienstag"]);
}

#[test]
fn spanish_weekdays_and_impossible_dates() {
    let text = article(
        "es",
        "2023-02-10",
        "El viernes 10 de febrero de 2023, no el jueves 10 de febrero de 2023; el 10 feb 2023, \
         el 1 de marzo, pero no el 31 de abril de 2023 ni el 31 de noviembre.",
    );
    assert_eq!(
        summary(None, &text),
        [
            one(
                "dates.weekday",
                "jueves",
                "10 de febrero de 2023 is a viernes, not a jueves"
            ),
            one(
                "dates.invalid",
                "31 de abril de 2023",
                "31 de abril de 2023 does not exist"
            ),
            one(
                "dates.invalid",
                "31 de noviembre",
                "31 de noviembre does not exist"
            ),
        ]
    );
}

#[test]
fn russian_weekdays_keep_their_case_and_impossible_dates() {
    let text = article(
        "ru",
        "2023-02-10",
        "Встреча 10 февраля 2023 года, в пятницу, 10 февраля, но не в среду, 10 февраля. \
         Подписано 10.02.2023, а не 30.02.2023.",
    );
    assert_eq!(
        summary(None, &text),
        [
            one(
                "dates.weekday",
                "среду",
                "10 февраля is a пятница, not a среда"
            ),
            one("dates.invalid", "30.02.2023", "30.02.2023 does not exist"),
        ]
    );
    // The accusative stays the accusative: «в пятницу».
    assert_eq!(fixes(None, &text), ["пятницу"]);
}

#[test]
fn agency_datelines_in_each_language_are_checked_against_the_article_date() {
    for (language, dateline, written) in [
        ("fr", "SÉOUL, 10 février 2023 (AFP) – La", "10 février 2023"),
        ("es", "MADRID, 10 Feb. (EFE).– El", "10 Feb."),
        ("ru", "МОСКВА, 10 фев – РИА Новости. Встреча", "10 фев"),
        ("de", "BERLIN, 10. Februar (dpa) – Die", "10. Februar"),
    ] {
        let agrees = article(language, "2023-02-10", dateline);
        assert_eq!(summary(None, &agrees), [], "{dateline}");
        let off = article(language, "2023-02-14", dateline);
        let found = summary(None, &off);
        assert_eq!(found.len(), 1, "{dateline}: {found:?}");
        assert_eq!(found[0].0, "dates.dateline");
        assert_eq!(found[0].1, written);
    }
}

#[test]
fn datelines_in_other_languages_keep_their_city_and_agency() {
    let options = DocumentOptions::default();
    for (text, city, agency) in [
        ("SÉOUL, 10 février 2023 (AFP) – La Corée", "SÉOUL", "AFP"),
        ("Berlin (dpa) – Die Stadt", "Berlin", "dpa"),
        ("MADRID, 10 Feb. (EFE).– El", "MADRID", "EFE"),
        (
            "МОСКВА, 10 фев – РИА Новости. Встреча",
            "МОСКВА",
            "РИА Новости",
        ),
    ] {
        let doc = copydesk::document::Document::new("story.txt", text.to_string(), &options);
        let dateline = doc.dateline.as_ref().expect(text);
        assert_eq!(&doc.text[dateline.city.clone()], city);
        assert_eq!(
            dateline.agency.as_ref().map(|a| &doc.text[a.clone()]),
            Some(agency)
        );
    }
}

#[test]
fn correct_copy_in_each_language_gives_no_date_finding() {
    for (language, body) in [
        (
            "fr",
            "PARIS, 10 février 2023 (AFP) – Le vote a eu lieu vendredi 10 février 2023 à 14 h 30, \
             le 1er mars et le 10/02/2023 (ven.). Prochaine séance en mars 2023.",
        ),
        (
            "de",
            "Berlin (dpa) – Am Freitag, 10. Februar 2023, um 14.30 Uhr und am 1. März; \
             am 10.02.2023 und im März 2023.",
        ),
        (
            "es",
            "MADRID, 10 Feb. (EFE).– El viernes 10 de febrero de 2023 a las 14:30, \
             el 1 de marzo y en marzo de 2023.",
        ),
        (
            "ru",
            "МОСКВА, 10 фев – РИА Новости. В пятницу, 10 февраля 2023 года, в 14:30; \
             10.02.2023 и в феврале 2023 года.",
        ),
    ] {
        let text = article(language, "2023-02-10", body);
        let found = summary(Some("bbc"), &text);
        assert_eq!(found, [], "{language}");
    }
}

#[test]
fn each_language_has_its_own_forms_under_a_house_style() {
    let french = article(
        "fr",
        "2023-02-10",
        "Le 1 mars, à 14:30 et à 2 p.m., puis le 10 Février.",
    );
    assert_eq!(
        fixes(Some("ap"), &french),
        ["1er mars", "14 h 30", "14 h", "10 février"]
    );
    let german = article("de", "2023-02-10", "Am 10 Februar um 9 a.m.");
    assert_eq!(fixes(Some("bbc"), &german), ["10. Februar", "9 Uhr"]);
    let spanish = article("es", "2023-02-10", "El 10 febrero 2023 y el 10 feb 2023.");
    assert_eq!(fixes(Some("bbc"), &spanish), ["10 de febrero de 2023"]);
    let russian = article("ru", "2023-02-10", "Встреча 10 февраль 2023 года.");
    assert_eq!(fixes(Some("bbc"), &russian), ["10 февраля 2023 года"]);
    // Without a house style the forms are not checked.
    assert_eq!(fixes(None, &french), Vec::<String>::new());
}

#[test]
fn a_language_without_data_is_not_scanned() {
    let text = article(
        "pt",
        "2023-02-10",
        "Na terça-feira, 30 de fevereiro de 2023.",
    );
    assert_eq!(summary(Some("bbc"), &text), []);
}

#[test]
fn numeric_dates_beside_a_weekday_are_read_both_ways() {
    let text = "It was held on Monday 03/09/2015, on Thursday 03/09/2015 and on \
                03/09/2015 (Monday), but not on Friday 03/09/2015, nor on 2019-07-04 (Wed).\n";
    let found = summary(None, text);
    assert_eq!(
        found,
        [
            one(
                "dates.weekday",
                "Friday",
                "03/09/2015 is a Thursday, not a Friday"
            ),
            one(
                "dates.weekday",
                "Wed",
                "July 4, 2019 is a Thursday, not a Wednesday"
            ),
        ]
    );
    // Under a house style, the reading the weekday fits is the one written out.
    let styled: Vec<String> = summary(Some("ap"), "It was held on Monday 03/09/2015.\n")
        .into_iter()
        .map(|(_, _, message)| message)
        .collect();
    assert_eq!(
        styled,
        ["AP style writes 'March 9, 2015', not 'Monday 03/09/2015'"]
    );
}

#[test]
fn an_ordinal_range_is_one_style() {
    let text = "Talks on March 18th. The festival runs March 20-25th.\n";
    assert_eq!(summary(None, text), []);
}

#[test]
fn a_caption_weekday_is_not_judged_by_the_article_year() {
    let caption = "---\ndate: 2017-06-22\n---\n\nPhotos:\n\nThe first lady visits the agency on \
                   Wednesday, June 6. It was her first outing\n\nsince surgery.\n\nHide Caption\n\n\
                   1 of 34\n";
    assert_eq!(summary(None, caption), []);
    let prose = "---\ndate: 2017-06-22\n---\n\nThe first lady visited the agency on \
                 Wednesday, June 6, her first outing.\n";
    assert_eq!(summary(None, prose).len(), 1);
}

/// Under the default configuration, the real French, Spanish and German
/// articles give no date finding at warning level or above.
#[test]
fn the_real_non_english_articles_give_no_date_warning() {
    let Some(root) = support::articles() else {
        return;
    };
    let linter = linter(None);
    let mut found = Vec::new();
    for folder in ["press-fr", "press-es", "wikinews-de"] {
        for path in support::files_under(&root.join(folder)) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let doc = linter.document(&path.to_string_lossy(), text.clone());
            for d in linter.lint(&doc) {
                if d.severity >= Severity::Warning {
                    found.push(format!(
                        "{}: {} {}",
                        support::relative(&root, &path),
                        d.rule,
                        &text[d.span.clone()]
                    ));
                }
            }
        }
    }
    assert_eq!(found, Vec::<String>::new());
}
