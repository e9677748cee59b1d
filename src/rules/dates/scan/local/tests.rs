use super::super::super::languages::language;
use super::super::{scan_language, DateForm, Token};

/// The text, form, year, month and day of a scanned date.
type Read = (String, DateForm, Option<i16>, Option<i8>, Option<i8>);

fn dates(code: &str, text: &str) -> Vec<Read> {
    let language = language(code).expect("shipped");
    scan_language(text, language)
        .into_iter()
        .filter_map(|token| match token {
            Token::Date(date) => Some((
                text[date.span.clone()].to_string(),
                date.form,
                date.year,
                date.month_number(),
                date.day,
            )),
            Token::Time(_) => None,
        })
        .collect()
}

#[test]
fn each_language_reads_its_dates() {
    let found = dates(
        "fr",
        "Le 1er mars, vendredi 10 février 2023 et le 10/02/2023.",
    );
    assert_eq!(
        found
            .iter()
            .map(|(text, ..)| text.as_str())
            .collect::<Vec<_>>(),
        ["1er mars", "vendredi 10 février 2023", "10/02/2023"]
    );
    let found = dates("es", "el 10 de febrero de 2023 y en marzo de 2023");
    assert_eq!(found[0].0, "10 de febrero de 2023");
    assert_eq!(
        found[1],
        (
            "marzo de 2023".into(),
            DateForm::MonthYear,
            Some(2023),
            Some(3),
            None
        )
    );
    let found = dates("ru", "10 февраля 2023 года, 10.02.2023");
    assert_eq!(found[0].0, "10 февраля 2023 года");
    assert_eq!(found[1].1, DateForm::Numeric);
    let found = dates(
        "de",
        "Am 10. Feb. 2023 und 1.000.000 Euro und 12.5 Prozent.",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "10. Feb. 2023");
}

#[test]
fn figures_and_words_that_look_like_dates_are_not() {
    assert!(dates("de", "Es kamen 10 Mai-Besucher und 3.5.7 Teile.").is_empty());
    assert!(dates("fr", "Il a 10 ans, 12/13/2023 et mars seul.").is_empty());
    assert!(dates("es", "Los 2 mar de fondo.").len() <= 1);
}

#[test]
fn any_text_scans_without_panicking() {
    const PIECES: &[&str] = &[
        "10",
        "1",
        "2023",
        "19",
        ".",
        "/",
        "-",
        "–",
        " ",
        "\u{a0}",
        "\u{202f}",
        "\n",
        "er",
        "ᵉʳ",
        "février",
        "févr.",
        "Februar",
        "Feb.",
        "de",
        "febrero",
        "февраля",
        "фев",
        "года",
        "г.",
        "пятницу",
        "в",
        "Freitag",
        ",",
        "den",
        "h",
        "Uhr",
        ":",
        "30",
        "p.m.",
        "p. m.",
        "(",
        ")",
        "ven.",
        "mié",
        "é",
        "東京",
        "º",
        ".º",
        "2019-07-04",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    for code in ["fr", "de", "es", "ru"] {
        let language = language(code).expect("shipped");
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..1 + next(14) {
                text.push_str(PIECES[next(PIECES.len())]);
            }
            let tokens = scan_language(&text, language);
            let mut last_end = 0;
            for token in tokens {
                let span = token.span();
                assert!(span.start >= last_end && span.end <= text.len(), "{text:?}");
                last_end = span.end;
            }
        }
    }
}
