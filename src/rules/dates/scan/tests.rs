use super::*;

fn dates(text: &str) -> Vec<(String, DateForm)> {
    scan(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Date(d) => Some((text[d.span.clone()].to_string(), d.form)),
            Token::Time(_) => None,
        })
        .collect()
}

fn one_date(text: &str) -> DateToken {
    let tokens = scan(text);
    assert_eq!(tokens.len(), 1, "{text:?}: {tokens:?}");
    match tokens.into_iter().next() {
        Some(Token::Date(d)) => d,
        other => panic!("{text:?}: {other:?}"),
    }
}

fn one_time(text: &str) -> (String, TimeToken) {
    let tokens = scan(text);
    assert_eq!(tokens.len(), 1, "{text:?}: {tokens:?}");
    match tokens.into_iter().next() {
        Some(Token::Time(t)) => (text[t.span.clone()].to_string(), t),
        other => panic!("{text:?}: {other:?}"),
    }
}

fn spans(text: &str) -> Vec<String> {
    scan(text)
        .iter()
        .map(|t| text[t.span()].to_string())
        .collect()
}

#[test]
fn iso_dates() {
    let d = one_date("on 2023-02-10 it");
    assert_eq!(
        (d.year, d.month_number(), d.day),
        (Some(2023), Some(2), Some(10))
    );
    assert_eq!(d.form, DateForm::Iso);
    let d = one_date("2021-07-02 (Thursday) was");
    assert_eq!(d.span, 0..21);
    assert_eq!(d.weekday.map(|w| w.offset), Some(3));
    assert_eq!(dates("2023-13-10 and 2023-02-10-7 and 12023-02-10"), []);
}

#[test]
fn month_day_forms() {
    for (text, month, day, year, period) in [
        ("Feb 10", 2, 10, None, Some(false)),
        ("Feb. 10", 2, 10, None, Some(true)),
        ("February 10", 2, 10, None, None),
        ("July 27, 2022", 7, 27, Some(2022), None),
        ("Sept. 3, 1987", 9, 3, Some(1987), Some(true)),
        ("Feb 10 2023", 2, 10, Some(2023), Some(false)),
    ] {
        let d = one_date(&format!("said on {text}, he"));
        assert_eq!(d.form, DateForm::MonthDay, "{text}");
        assert_eq!(d.month_number(), Some(month), "{text}");
        assert_eq!(d.day, Some(day), "{text}");
        assert_eq!(d.year, year, "{text}");
        let period_seen = match d.month.map(|m| m.form) {
            Some(MonthForm::Abbreviated { period }) => Some(period),
            _ => None,
        };
        assert_eq!(period_seen, period, "{text}");
        assert_eq!(spans(&format!("said on {text}, he")), [text]);
    }
    let d = one_date("Feb 10th");
    assert!(d.ordinal);
    assert_eq!(d.span, 0..8);
    assert!(one_date("July 27, 2022").year_comma);
}

#[test]
fn day_month_forms() {
    for (text, month, day, year) in [
        ("10 February", 2, 10, None),
        ("10 Feb", 2, 10, None),
        ("27 July 2022", 7, 27, Some(2022)),
        ("3rd of March", 3, 3, None),
    ] {
        let d = one_date(&format!("on {text} the"));
        assert_eq!(d.form, DateForm::DayMonth, "{text}");
        assert_eq!(
            (d.month_number(), d.day, d.year),
            (Some(month), Some(day), year)
        );
        assert_eq!(spans(&format!("on {text} the")), [text]);
    }
}

#[test]
fn weekdays_lead_or_follow() {
    let d = one_date("on Friday, Feb. 10, 2023, the");
    assert_eq!(d.weekday.as_ref().map(|w| w.offset), Some(4));
    assert_eq!(
        spans("on Friday, Feb. 10, 2023, the"),
        ["Friday, Feb. 10, 2023"]
    );
    assert_eq!(
        spans("Friday 10 February 2023"),
        ["Friday 10 February 2023"]
    );
    assert_eq!(spans("Thursday, 27 June 2017"), ["Thursday, 27 June 2017"]);
    // A weekday alone is not a date.
    assert_eq!(spans("on Friday, the"), Vec::<String>::new());
    assert_eq!(spans("Friday, February 2023"), ["February 2023"]);
}

#[test]
fn a_run_of_weekdays_before_a_date_keeps_the_first() {
    let d = one_date("on Friday, Thursday, Feb 10, 2023 the");
    assert_eq!(d.weekday.as_ref().map(|w| w.offset), Some(4));
    assert_eq!(
        spans("on Friday, Thursday, Feb 10, 2023 the"),
        ["Friday, Thursday, Feb 10, 2023"]
    );
    // A day-first date belongs to the weekday just before it.
    assert_eq!(
        spans("Friday, Monday, Thursday 10 February"),
        ["Thursday 10 February"]
    );
    assert_eq!(spans("Friday, Monday, Thursday, the"), Vec::<String>::new());
}

#[test]
fn thousands_of_weekdays_are_walked_without_recursion_and_once() {
    for (text, names) in [
        ("Thursday, ".repeat(100_000), 100_000),
        ("Thursday\n".repeat(100_000), 100_000),
        (format!("{}Feb 10", "Thu., ".repeat(100_000)), 100_000),
        (format!("{}10 Feb", "Sunday ".repeat(100_000)), 100_000),
    ] {
        let scanner = Scanner::new(&text);
        let tokens = scanner.run();
        assert!(tokens.len() <= 1, "{}", tokens.len());
        // Each name is walked from the run's first name, and once more
        // as the last name of the run.
        assert!(
            scanner.weekday_names_walked.get() <= names + 2,
            "{} walks for {names} names",
            scanner.weekday_names_walked.get()
        );
    }
    assert_eq!(
        spans(&format!("{}Feb 10", "Thu., ".repeat(1_000)))[0].len(),
        "Thu., ".len() * 1_000 + "Feb 10".len()
    );
}

#[test]
fn month_year_numeric_ranges_decades() {
    let d = one_date("in February 2023 sales");
    assert_eq!(
        (d.form, d.month_number(), d.year),
        (DateForm::MonthYear, Some(2), Some(2023))
    );
    assert!(one_date("February, 2023").year_comma);
    for text in ["10/02/2023", "02/10/2023", "10.02.2023", "31/12/1999"] {
        let d = one_date(text);
        assert_eq!(d.form, DateForm::Numeric, "{text}");
        assert_eq!(d.span, 0..10);
    }
    let d = one_date("Feb 10-12");
    assert_eq!(d.day_end.map(|(last, _)| last), Some(12));
    assert_eq!(spans("from 10–12 March"), ["10–12 March"]);
    assert_eq!(
        dates("from 2000–2005 and 1986-87"),
        [
            ("2000–2005".to_string(), DateForm::YearRange),
            ("1986-87".to_string(), DateForm::YearRange)
        ]
    );
    assert_eq!(
        spans("the 1990s, the ’90s, the 90's and the '80s"),
        ["1990s", "’90s", "90's", "'80s"]
    );
}

#[test]
fn times() {
    for (text, hour, minute, meridiem) in [
        ("10:44 am", 10, Some(44), Some(Meridiem::Am)),
        ("10:44 a.m.", 10, Some(44), Some(Meridiem::Am)),
        ("10.44am", 10, Some(44), Some(Meridiem::Am)),
        ("10:44", 10, Some(44), None),
        ("9 a.m.", 9, None, Some(Meridiem::Am)),
        ("12 p.m.", 12, None, Some(Meridiem::Pm)),
        ("3 PM", 3, None, Some(Meridiem::Pm)),
        ("23:15:07", 23, Some(15), None),
    ] {
        let (found, time) = one_time(&format!("at {text} on"));
        assert_eq!(found, text);
        assert_eq!((time.hour, time.minute), (hour, minute), "{text}");
        assert_eq!(time.meridiem.map(|m| m.0), meridiem, "{text}");
    }
    let (found, time) = one_time("at noon");
    assert_eq!((found.as_str(), time.word), ("noon", Some(TimeWord::Noon)));
    let (found, time) = one_time("by 12 midnight");
    assert_eq!(
        (found.as_str(), time.word),
        ("12 midnight", Some(TimeWord::Midnight))
    );
    let text = "at 10:44 am KST and 9 a.m. GMT";
    let zones: Vec<&str> = scan(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Time(t) => t.zone.map(|z| &text[z]),
            Token::Date(_) => None,
        })
        .collect();
    assert_eq!(zones, ["KST", "GMT"]);
    assert_eq!(
        spans("July 27, 2022, 10:44 am South Korea"),
        ["July 27, 2022", "10:44 am"]
    );
}

#[test]
fn non_dates_stay_quiet() {
    for text in [
        "8 amino acids were found",
        "they may go in May or not",
        "Theresa May 10 Downing Street",
        "the score was 3-1 and 2-0",
        "2000 troops arrived",
        "sales in March 3 pct higher",
        "costs 1.5 and 10.44 dlrs",
        "John 3:16 says",
        "version 1.2.2023x",
        "$10 March",
        "2,000 February",
        "in their 90s, the 1995s",
        "the Feb. meeting and a Friday game",
        "Room 9 AMD",
        "13:75 and 25:30",
        "Mayday 10",
    ] {
        assert_eq!(spans(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn may_is_a_month_after_a_preposition_or_at_a_sentence_start() {
    assert_eq!(spans("In May 2019 the"), ["May 2019"]);
    assert_eq!(spans("It ended. May 10 was"), ["May 10"]);
    assert_eq!(spans("on May 10, 2019"), ["May 10, 2019"]);
    assert_eq!(spans("on Friday May 5 they"), ["Friday May 5"]);
    assert_eq!(spans("on Friday, May 5 they"), ["Friday, May 5"]);
}

#[test]
fn months_in_capitals() {
    assert_eq!(spans("NEW YORK, MARCH 11 - Shares"), ["MARCH 11"]);
    assert_eq!(spans("SEOUL, FEB 10 (Yonhap)"), ["FEB 10"]);
    assert_eq!(spans("SEEKS BIDS BY MARCH 18\n"), ["MARCH 18"]);
    assert_eq!(spans("4TH QTR NOV 29 NET"), ["NOV 29"]);
    assert_eq!(spans("SHIPMENTS IN JAN/NOV 1986"), ["NOV 1986"]);
    assert_eq!(spans("MAY 10 VOTE SET"), ["MAY 10"]);
    assert_eq!(spans("VOTE SET FOR MAY 10"), ["MAY 10"]);
    assert_eq!(spans("IN MAY 1987 THE"), ["MAY 1987"]);
    let d = one_date("on MARCH 11, 2023 the");
    assert_eq!(
        (d.form, d.month_number(), d.day, d.year),
        (DateForm::MonthDay, Some(3), Some(11), Some(2023))
    );
    assert!(d.month.as_ref().is_some_and(|m| m.capitals));
    let d = one_date("on 11 MARCH 2023 the");
    assert_eq!(
        (d.form, d.month_number(), d.day, d.year),
        (DateForm::DayMonth, Some(3), Some(11), Some(2023))
    );
    let d = one_date("SEPT. 3, 1987");
    assert_eq!(
        d.month.map(|m| m.form),
        Some(MonthForm::Abbreviated { period: true })
    );
    assert!(!one_date("March 11").month.is_some_and(|m| m.capitals));
}

#[test]
fn capitals_that_are_not_dates_stay_quiet() {
    for text in [
        "PROTESTERS MARCH ON CAPITAL",
        "PRICES MAY FALL",
        "PRICES MAY 10 PCT",
        "THERESA MAY 10 DOWNING",
        "TROOPS MARCH 3 DAYS",
        "STOCKS MARCH 3 PCT HIGHER",
        "TWO DEAD, 10 MAY BE MISSING",
        "MaRCH 11, 2023",
        "MArch 11",
        "11 MaRCH 2023",
        "FRIDAY 10 and SUN 10",
        "MAYDAY 10 and MARCHES 10 and DECK 10",
    ] {
        assert_eq!(spans(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn four_figure_times_need_a_zone() {
    for (text, found, hour, minute, zone) in [
        ("at 1400 GMT on", "1400", 14, 0, Some("GMT")),
        ("at 0930 ET the", "0930", 9, 30, Some("ET")),
        ("by 1130 hrs GMT Tuesday", "1130 hrs", 11, 30, Some("GMT")),
        ("at 2300 local time", "2300", 23, 0, None),
        ("from 0000 GMT", "0000", 0, 0, Some("GMT")),
    ] {
        let (written, time) = one_time(text);
        assert_eq!(written, found, "{text}");
        assert_eq!((time.hour, time.minute), (hour, Some(minute)), "{text}");
        assert!(time.four_figures(), "{text}");
        assert_eq!(time.zone.map(|z| &text[z]), zone, "{text}");
    }
    assert_eq!(spans("on March 15, 1400 GMT"), ["March 15", "1400 GMT"]);
    assert_eq!(spans("between 2000 and 2100 GMT"), ["2100 GMT"]);
    // An hour's span, not a century: no year range.
    assert_eq!(dates("1400-1500 GMT"), []);
    assert_eq!(dates("1400-1500 and 1986-87").len(), 2);
    assert!(!one_time("at 10:44 GMT").1.four_figures());
}

#[test]
fn four_figures_without_a_zone_are_not_times() {
    for text in [
        "in 2000 the",
        "1400 troops arrived",
        "1530 hrs of overtime",
        "shipped 1500 MT of wheat",
        "SINCE 1950 WEST GERMANY",
        "2460 GMT and 1975 GMT",
        "$1400 GMT",
        "1,400 GMT",
        "14000 GMT",
        "1400 GMTX",
        "at 1400 locally",
    ] {
        assert_eq!(spans(text), Vec::<String>::new(), "{text}");
    }
    // A year before a zone-like word in capitals is still a year.
    assert_eq!(spans("May 1950 WEST"), ["May 1950"]);
}

#[test]
fn ranges_across_months_are_two_dates_with_one_year() {
    let tokens = scan("from June 30-July 2, 2023 in");
    let years: Vec<(Option<i16>, Option<i16>)> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Date(d) => Some((d.year, d.range_year)),
            Token::Time(_) => None,
        })
        .collect();
    assert_eq!(years, [(None, Some(2023)), (Some(2023), None)]);
    assert_eq!(
        spans("from June 30-July 2, 2023 in"),
        ["June 30", "July 2, 2023"]
    );
    assert_eq!(
        spans("from 30 June–2 July 2023 in"),
        ["30 June", "2 July 2023"]
    );
    let calendar_years = |text: &str| -> Vec<Option<i16>> {
        scan(text)
            .into_iter()
            .filter_map(|t| match t {
                Token::Date(d) => Some(d.calendar_year()),
                Token::Time(_) => None,
            })
            .collect()
    };
    assert_eq!(
        calendar_years("30 June–2 July 2023"),
        [Some(2023), Some(2023)]
    );
    assert_eq!(
        calendar_years("Dec 30 - Jan 2, 2024"),
        [Some(2023), Some(2024)]
    );
    // Not one range: no year shared.
    assert_eq!(
        calendar_years("June 30 and July 2, 2023"),
        [None, Some(2023)]
    );
    assert_eq!(calendar_years("June 30-July 2"), [None, None]);
    assert_eq!(calendar_years("June 30-2 July 2023"), [None, Some(2023)]);
    assert_eq!(
        calendar_years("June 1, 2022-July 2, 2023"),
        [Some(2022), Some(2023)]
    );
}

#[test]
fn hard_wrapped_dates_and_line_ends() {
    assert_eq!(spans("ending February\n28, profits"), ["February\n28"]);
    assert_eq!(spans("ending February\n\n28"), Vec::<String>::new());
    assert_eq!(spans("Feb 10"), ["Feb 10"]);
    assert_eq!(spans("10 Feb."), ["10 Feb."]);
}

#[test]
fn many_dates_in_one_line_scan_linearly() {
    let line = "Feb 10, 2023, 10:44 am and 10 March 2024; ".repeat(20_000);
    let tokens = scan(&line);
    assert_eq!(tokens.len(), 60_000);
}

#[test]
fn spans_are_ordered_and_on_char_boundaries_in_mixed_fragments() {
    let fragments = [
        "Feb", ". ", "10", ", ", "2023", "-", "–", "’", "'", "s", "am", " ", "\n", "é", "May",
        "Friday", "(", ")", "Thursday", "/", ".", ":", "noon", "12", "7", "th", "of", "March",
        "\u{a0}", "GMT", "1990", "2000", "the ", "p.m.", "9", "31",
    ];
    for text in crate::test_texts::made_up_texts(&fragments, 0x2545_f491_4f6c_dd1d, 2000, 12) {
        let mut last_end = 0;
        for token in scan(&text) {
            let span = token.span();
            assert!(span.start >= last_end, "{text:?}");
            assert!(span.start < span.end, "{text:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            last_end = span.end;
        }
    }
}

#[test]
fn arbitrary_text_never_panics() {
    let samples = [
        "’",
        "’9",
        "’90",
        "1",
        "12",
        "12:",
        "12:3",
        "2023-",
        "2023-02-",
        "Feb",
        "Feb.",
        "Feb ",
        "Friday,",
        "Friday, ",
        "10 ",
        "10 of ",
        "10/",
        "10/02/",
        "9 a.",
        "9 p.m",
        "12 ",
        "é10 Février",
        "10\u{a0}February",
        "Feb\u{a0}10",
        "2000–",
        "1990’",
        "the 90",
    ];
    for sample in samples {
        let _ = scan(sample);
    }
}
