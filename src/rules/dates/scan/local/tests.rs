use super::super::super::languages::language;
use super::super::{scan_language, DateForm, Token};
use super::{next_ascii_digit, LocalScanner};

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

/// A xorshift generator: the same pseudo-random texts on every run.
fn generator(mut state: u64) -> impl FnMut(usize) -> usize {
    move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    }
}

#[test]
fn jumping_between_digits_finds_what_walking_every_position_finds() {
    // Long figure-free stretches before and after dates, names that end
    // just inside and just outside the reach of figures, words longer than
    // any name, and multi-byte letters where a jump may land.
    const PIECES: &[&str] = &[
        "10",
        "2023",
        "1er",
        "14 h 30",
        "10.02.2023",
        ".",
        ",",
        " ",
        "  ",
        "\u{a0}",
        "\n",
        "-",
        "de",
        "mars",
        "février",
        "Freitag",
        "den",
        "febrero",
        "февраля",
        "пятницу",
        "в",
        "года",
        "(mer.)",
        "Mai-Besucher",
        "Donaudampfschifffahrtsgesellschaftskapitän",
        "противопоставлениями",
        "é",
        "東京",
        "_",
        "x",
        "le président de la République a dit que ",
        "Правительство сообщило в понедельник, что ",
    ];
    let mut next = generator(0x9E37_79B9_7F4A_7C15);
    for code in ["fr", "de", "es", "ru"] {
        let language = language(code).expect("shipped");
        for _ in 0..4_000 {
            let mut text = String::new();
            for _ in 0..1 + next(24) {
                let piece = PIECES[next(PIECES.len())];
                for _ in 0..1 + next(3) {
                    text.push_str(piece);
                }
            }
            let scanner = LocalScanner::new(&text, language);
            assert_eq!(scanner.walk(true), scanner.walk(false), "{code}: {text:?}");
        }
    }
}

#[test]
fn prose_far_from_figures_is_jumped_and_its_dates_still_read() {
    let language = language("fr").expect("shipped");
    let prose =
        "Le gouvernement a présenté son projet devant les députés, qui l'ont longuement débattu. "
            .repeat(200);
    let text = format!("{prose}Le vendredi 10 février 2023 à 14 h 30. {prose}");
    let scanner = LocalScanner::new(&text, language);
    let found: Vec<&str> = scanner
        .run()
        .iter()
        .map(|token| &text[token.span()])
        .collect();
    assert_eq!(found, ["vendredi 10 février 2023", "14 h 30"]);
    // The walk examines the date's neighbourhood, not the 35,000 bytes around it.
    assert!(
        scanner.positions_walked.get() < 200,
        "{} positions walked",
        scanner.positions_walked.get()
    );
}

#[test]
fn the_digit_search_agrees_with_a_byte_by_byte_one() {
    let mut next = generator(0x2545_F491_4F6C_DD1D);
    const BYTES: &[u8] = b"/09:az \x80\xb0\xb9\xff\x2f\x3a";
    for _ in 0..2_000 {
        let bytes: Vec<u8> = (0..next(40)).map(|_| BYTES[next(BYTES.len())]).collect();
        for from in 0..=bytes.len() {
            let expected = bytes[from..]
                .iter()
                .position(u8::is_ascii_digit)
                .map_or(bytes.len(), |offset| from + offset);
            assert_eq!(
                next_ascii_digit(&bytes, from),
                expected,
                "{bytes:?} from {from}"
            );
        }
    }
}
