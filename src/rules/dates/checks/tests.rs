use super::*;
use crate::document::DocumentOptions;

fn doc(path: &str, text: &str) -> Document {
    Document::new(path, text.to_string(), &DocumentOptions::default())
}

fn found<'d>(doc: &'d Document, findings: &[Finding]) -> Vec<&'d str> {
    findings.iter().map(|f| &doc.text[f.span.clone()]).collect()
}

#[test]
fn impossible_dates_are_found_and_leap_years_respected() {
    let d = doc(
        "a.txt",
        "On Feb 30 and June 31, and on Feb. 29, 2023, but not Feb. 29, 2024 or Feb 29. \
         Also 2023-02-29 and 31/02/2023 and 30 April, Jan 30-32, Sept 29-31.",
    );
    let findings = invalid(&d, &tokens(&d));
    assert_eq!(
        found(&d, &findings),
        [
            "Feb 30",
            "June 31",
            "Feb. 29, 2023",
            "2023-02-29",
            "31/02/2023",
            "Sept 29-31"
        ]
    );
    assert_eq!(
        findings[2].help.as_deref(),
        Some("2023 is not a leap year: February 2023 has 28 days")
    );
    let leap = doc("a.txt", "On 2000-02-29 and Feb. 29, 1900 it");
    assert!(invalid(&leap, &tokens(&leap)).len() == 1);
}

#[test]
fn wrong_weekdays_are_named_and_fixed() {
    let d = doc(
        "a.txt",
        "It was Thursday, 27 June 2017, and Tuesday, June 27, 2017.",
    );
    let findings = weekday(&d, &tokens(&d));
    assert_eq!(found(&d, &findings), ["Thursday"]);
    let fix = findings[0].fix.clone().unwrap();
    assert_eq!(fix.replacement, "Tuesday");
    assert_eq!(fix.applicability, Applicability::Unsafe);
    assert!(findings[0]
        .vars
        .contains(&("actual", "Tuesday".to_string())));
}

#[test]
fn a_date_without_a_year_takes_the_articles_year() {
    let d = doc(
        "a.txt",
        "date 2023-02-10\nOn Friday, Feb. 10, and on Thu., Feb. 10 they met.",
    );
    let findings = weekday(&d, &tokens(&d));
    assert_eq!(found(&d, &findings), ["Thu."]);
    assert_eq!(findings[0].fix.as_ref().unwrap().replacement, "Fri.");
    // No article date, no year: no judgement.
    let d = doc("a.txt", "On Thursday, Feb. 10 they met.");
    assert!(weekday(&d, &tokens(&d)).is_empty());
    // Across the new year: a Dec. 30 in a January story is last year's.
    let d = doc("a.txt", "date 2023-01-03\nOn Friday, Dec. 30, they met.");
    assert!(weekday(&d, &tokens(&d)).is_empty());
}

#[test]
fn datelines_must_agree_with_the_article_date() {
    let agrees = doc(
        "a.txt",
        "date 2023-02-10 SEOUL, Feb 10 – RIA Novosti. Text.",
    );
    assert!(dateline(&agrees, &tokens(&agrees)).is_empty());
    let one_day = doc("a.txt", "date 2023-02-11\nSEOUL, Feb 10 - Text here.");
    assert!(dateline(&one_day, &tokens(&one_day)).is_empty());
    let year_end = doc("a.txt", "date 1987-01-01\nLONDON, Dec 31 - Text here.");
    assert!(dateline(&year_end, &tokens(&year_end)).is_empty());
    // Dec 31 on a story of Jan 2 is last year's Dec 31: two days, not 363.
    let two_days = doc("a.txt", "date 1987-01-02\nLONDON, Dec 31 - Text here.");
    let findings = dateline(&two_days, &tokens(&two_days));
    assert!(findings[0].vars.contains(&("days", "2".to_string())));
    let off = doc("a.txt", "date 1987-03-02\nNEW YORK, Feb 26 - Text here.");
    let findings = dateline(&off, &tokens(&off));
    assert_eq!(found(&off, &findings), ["Feb 26"]);
    assert!(findings[0].vars.contains(&("days", "4".to_string())));
    assert_eq!(&off.text[findings[0].labels[0].span.clone()], "1987-03-02");
}

#[test]
fn mixed_styles_are_flagged_once_each() {
    let d = doc(
        "a.txt",
        "On Feb. 10 and 12 March and on Feb 14 and on 2023-02-15 and March 3.",
    );
    let findings = mixed(&d, &tokens(&d));
    assert_eq!(found(&d, &findings), ["12 March", "Feb", "2023-02-15"]);
    assert_eq!(&d.text[findings[0].labels[0].span.clone()], "Feb. 10");
}

#[test]
fn quotations_are_not_counted() {
    let d = doc(
        "a.txt",
        "Prices fell from February 1. He said: \"not before the 25th of June.\"",
    );
    assert!(mixed(&d, &tokens(&d)).is_empty());
    let d = doc(
        "a.txt",
        "Prices fell from February 1. He will not act before the 25th of June.",
    );
    // Day first, and an ordinal: two questions, two findings.
    assert_eq!(mixed(&d, &tokens(&d)).len(), 2);
}

#[test]
fn wire_practice_is_not_mixed() {
    // The dateline's own form, full months beside abbreviations, month-year.
    let d = doc(
        "r.txt",
        "date 1987-02-26\nHEADLINE HERE\n\nCLEVELAND, Feb. 26 - The quarter, ending February 28, \
         and March 3 and Feb 27. Sales in March 1987 rose.",
    );
    assert!(
        mixed(&d, &tokens(&d)).is_empty(),
        "{:?}",
        mixed(&d, &tokens(&d))
    );
    let founding = doc(
        "a.txt",
        " date 2023-02-10 SEOUL, Feb 10 – RIA Novosti. Text.\n\nJuly 27, 2022, 10:44 am South Korea hopes to develop relations with Russia\n\nMore text.",
    );
    assert!(mixed(&founding, &tokens(&founding)).is_empty());
}

#[test]
fn house_styles_fix_dates_and_times() {
    let founding = doc(
        "a.txt",
        " date 2023-02-10 SEOUL, Feb 10 – RIA Novosti. Text.\n\nJuly 27, 2022, 10:44 am South Korea hopes to develop relations with Russia\n\nMore text.",
    );
    let t = tokens(&founding);
    let dates = date_style(&founding, &t, "ap");
    assert_eq!(found(&founding, &dates), ["Feb 10"]);
    assert_eq!(dates[0].fix.as_ref().unwrap().replacement, "Feb. 10");
    let times = time_style(&founding, &t, "ap");
    assert_eq!(found(&founding, &times), ["10:44 am"]);
    assert_eq!(times[0].fix.as_ref().unwrap().replacement, "10:44 a.m.");
    assert!(time_style(&founding, &t, "reuters").is_empty());
    assert!(date_style(&founding, &t, "no-such-style").is_empty());
    let bbc = date_style(&founding, &t, "bbc");
    assert_eq!(found(&founding, &bbc), ["Feb 10", "July 27, 2022"]);
    assert_eq!(bbc[1].fix.as_ref().unwrap().replacement, "27 July 2022");
}

#[test]
fn sentence_stops_survive_fixes() {
    let d = doc(
        "a.txt",
        "They met at 9 am. Then at 10 a.m. They left on 10 Feb. The end",
    );
    let t = tokens(&d);
    let times = time_style(&d, &t, "ap");
    assert_eq!(found(&d, &times), ["9 am."]);
    assert_eq!(times[0].fix.as_ref().unwrap().replacement, "9 a.m.");
    let bbc = time_style(&d, &t, "bbc");
    assert_eq!(bbc[1].fix.as_ref().unwrap().replacement, "10:00.");
    let dates = date_style(&d, &t, "bbc");
    assert_eq!(dates[0].fix.as_ref().unwrap().replacement, "10 February.");
    let d = doc(
        "a.txt",
        "At 2 p.m. local time (8 a.m. ET) and 9 a.m. Moscow time.",
    );
    let t = tokens(&d);
    let fixes: Vec<String> = time_style(&d, &t, "bbc")
        .into_iter()
        .filter_map(|f| f.fix.map(|fix| fix.replacement))
        .collect();
    assert_eq!(fixes, ["14:00", "08:00", "09:00"]);
}

#[test]
fn numeric_dates_are_ambiguous_in_every_style() {
    let d = doc("a.txt", "Filed 10/02/2023 and 2023-02-10.");
    let t = tokens(&d);
    for style in ["ap", "reuters", "bbc", "iso"] {
        let findings = date_style(&d, &t, style);
        assert!(found(&d, &findings).contains(&"10/02/2023"), "{style}");
        let numeric = findings.iter().find(|f| f.span.start == 6).unwrap();
        assert!(numeric.fix.is_none());
        if style == "ap" {
            assert!(numeric
                .vars
                .contains(&("expected", "Feb. 10, 2023' or 'Oct. 2, 2023".to_string())));
        }
    }
}

#[test]
fn teasers_are_found_and_sentences_are_not() {
    let d = doc(
        "a.txt",
        "Body text.\n\nJuly 27, 2022, 10:44 am South Korea hopes to develop relations with Russia\n\n\
         July 27, 2022 was the day the talks began in Seoul.\n\n2023-02-10 Seoul and Moscow trade notes\n\n\
         Feb 10 Seoul and Moscow trade notes\n\nMarch 3, 2021\n",
    );
    let findings = stray_teaser(&d, &tokens(&d));
    assert_eq!(
        found(&d, &findings),
        [
            "July 27, 2022, 10:44 am South Korea hopes to develop relations with Russia",
            "2023-02-10 Seoul and Moscow trade notes"
        ]
    );
    assert_eq!(
        &d.text[findings[0].labels[0].span.clone()],
        "July 27, 2022, 10:44 am"
    );
}

#[test]
fn teasers_in_headings_are_left_alone() {
    let d = doc(
        "a.md",
        "---\ndate: 2023-02-10\n---\n## Feb 10, 2023 Seoul and Moscow trade notes\n\n\
         Feb 10, 2023 Seoul and Moscow trade notes\n\nTalks\n=====\n\nBody text here.\n\n\
         # Feb 11, 2023 Seoul and Moscow meet again\n",
    );
    assert!(d.headings.len() >= 3, "{:?}", d.headings);
    let findings = stray_teaser(&d, &tokens(&d));
    assert_eq!(
        found(&d, &findings),
        ["Feb 10, 2023 Seoul and Moscow trade notes"]
    );
    assert!(findings[0].span.start > d.headings[0].end);
}

#[test]
fn a_range_across_months_is_judged_in_its_year() {
    // June 30, 2023 was a Friday; in the article's own year, 2024, a Sunday.
    let d = doc(
        "a.txt",
        "date 2024-01-05\nThey met from Friday, June 30-Sunday, July 2, 2023.",
    );
    assert!(weekday(&d, &tokens(&d)).is_empty());
    let d = doc(
        "a.txt",
        "date 2024-01-05\nThey met from Saturday, June 30-Sunday, July 2, 2023.",
    );
    let findings = weekday(&d, &tokens(&d));
    assert_eq!(found(&d, &findings), ["Saturday"]);
    assert!(findings[0].notes.is_empty());
    let d = doc(
        "a.txt",
        "From Feb 29-March 1, 2023 and Feb 29-March 1, 2024.",
    );
    let findings = invalid(&d, &tokens(&d));
    assert_eq!(found(&d, &findings), ["Feb 29"]);
    assert_eq!(findings[0].span.start, 5);
    assert!(mixed(&d, &tokens(&d)).is_empty());
}

#[test]
fn capitals_and_four_figure_times_in_house_styles() {
    let d = doc(
        "a.txt",
        "SEOUL, FEB 10 - Talks. On MARCH 11, 2023 they met.",
    );
    let t = tokens(&d);
    let fixes: Vec<String> = date_style(&d, &t, "ap")
        .into_iter()
        .filter_map(|f| f.fix.map(|fix| fix.replacement))
        .collect();
    assert_eq!(fixes, ["FEB. 10"]);
    assert_eq!(
        found(&d, &date_style(&d, &t, "bbc")),
        ["FEB 10", "MARCH 11, 2023"]
    );
    let d = doc(
        "a.txt",
        "At 1400 GMT, 0930 ET, 0000 GMT and 1130 hrs GMT, and 2300 local time.",
    );
    let t = tokens(&d);
    let fixes = |style: &str| -> Vec<String> {
        time_style(&d, &t, style)
            .into_iter()
            .filter_map(|f| f.fix.map(|fix| fix.replacement))
            .collect()
    };
    assert_eq!(
        fixes("ap"),
        ["2 p.m.", "9:30 a.m.", "midnight", "11:30 a.m.", "11 p.m."]
    );
    assert_eq!(fixes("bbc"), ["14:00", "09:30", "00:00", "11:30", "23:00"]);
    assert!(fixes("reuters").is_empty());
    // Years stay years.
    let d = doc("a.txt", "In 1400 and 2023 they met 1500 MT of demand.");
    assert!(time_style(&d, &tokens(&d), "bbc").is_empty());
}

#[test]
fn languages_without_data_are_not_scanned() {
    let d = doc(
        "a.md",
        "---\nlang: pt\n---\nEm 30 de fevereiro de 2023 e 10.02.2023.",
    );
    assert!(tokens(&d).is_empty());
    let d = doc(
        "a.md",
        "---\nlang: de\n---\nAm 30. Februar 2023 und 10.02.2023.",
    );
    assert_eq!(tokens(&d).len(), 2);
}
