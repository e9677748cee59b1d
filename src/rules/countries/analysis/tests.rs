use super::super::gazetteer::{gazetteer, CountryId};
use super::article::Positions;
use super::variant::variant_findings;
use super::*;
use crate::document::{Document, DocumentOptions};

fn document(text: &str) -> Document {
    Document::new("test.txt", text.to_string(), &DocumentOptions::default())
}

fn code(id: CountryId) -> &'static str {
    &gazetteer().countries[id].code
}

fn context(text: &str) -> Vec<(String, String)> {
    let doc = document(text);
    let facts = ArticleFacts::of(&doc);
    let article = Article::from_document(&doc, &facts);
    let mentions = find_mentions(article.text);
    context_findings(&article, &mentions)
        .into_iter()
        .map(|f| (text[f.span].to_string(), f.suggestion))
        .collect()
}

#[test]
fn kazakhstan_in_a_seoul_story_is_flagged_as_korea() {
    let text = "SEOUL, Feb 10 – Agency. South Korea will keep its embassy open, \
                the ambassador said.\n\nThe Republic of Korea is a partner. Ties with \
                the Republic of Kazakhstan are warm, he said.\n";
    let doc = document(text);
    let facts = ArticleFacts::of(&doc);
    let article = Article::from_document(&doc, &facts);
    let mentions = find_mentions(article.text);
    let findings = context_findings(&article, &mentions);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let finding = &findings[0];
    assert_eq!(&text[finding.span.clone()], "Republic of Kazakhstan");
    assert_eq!(finding.suggestion, "Republic of Korea");
    let label = finding.labels.first().map(|l| &text[l.span.clone()]);
    assert_eq!(label, Some("SEOUL"));
    assert!(!finding.in_quotation);
}

#[test]
fn kazakhstan_with_its_own_support_stays_quiet() {
    assert!(context(
        "SEOUL, Feb 10 – Agency. South Korea hosted the Republic of Kazakhstan's \
         delegation.\n\nThe Kazakh minister met officials of the Republic of Korea.\n"
    )
    .is_empty());
    assert!(context(
        "SEOUL, Feb 10 – Agency. The ambassador of Kazakhstan to South Korea spoke. \
         The Republic of Kazakhstan and the Republic of Korea signed a deal.\n"
    )
    .is_empty());
}

#[test]
fn a_quoted_wrong_country_is_reported_as_quoted() {
    let text = "SEOUL, Feb 10 – Agency. South Korea spoke.\n\n\u{201c}There is no such \
                sentiment in the Republic of Kazakhstan,\u{201d} he said.\n";
    let doc = document(text);
    let facts = ArticleFacts::of(&doc);
    let article = Article::from_document(&doc, &facts);
    let mentions = find_mentions(article.text);
    let findings = context_findings(&article, &mentions);
    assert_eq!(findings.len(), 1);
    assert!(findings[0].in_quotation);
}

/// Each confusable pair: one story about the first country that names the second
/// once with nothing else behind it (fires), and one about both (quiet).
#[test]
fn every_confusable_pair_fires_alone_and_stays_quiet_when_both_are_meant() {
    let cases = [
        ("VIENNA", "Austria", "Australia", "Australian"),
        ("CANBERRA", "Australia", "Austria", "Austrian"),
        ("BRATISLAVA", "Slovakia", "Slovenia", "Slovenian"),
        ("LJUBLJANA", "Slovenia", "Slovakia", "Slovak"),
        ("NIAMEY", "Niger", "Nigeria", "Nigerian"),
        ("ABUJA", "Nigeria", "Niger", "Nigerien"),
        ("TEHRAN", "Iran", "Iraq", "Iraqi"),
        ("BAGHDAD", "Iraq", "Iran", "Iranian"),
        ("CONAKRY", "Guinea", "Guinea-Bissau", "Bissau"),
        ("BISSAU", "Guinea-Bissau", "Equatorial Guinea", "Malabo"),
        ("MALABO", "Equatorial Guinea", "Guinea", "Conakry"),
        ("PORT MORESBY", "Papua New Guinea", "Guinea", "Conakry"),
        ("ROSEAU", "Dominica", "Dominican Republic", "Santo Domingo"),
        ("SANTO DOMINGO", "Dominican Republic", "Dominica", "Roseau"),
        ("KHARTOUM", "Sudan", "South Sudan", "Juba"),
        ("JUBA", "South Sudan", "Sudan", "Sudanese"),
        (
            "KINSHASA",
            "Democratic Republic of the Congo",
            "Republic of the Congo",
            "Brazzaville",
        ),
        ("BANJUL", "Gambia", "Zambia", "Zambian"),
        ("LUSAKA", "Zambia", "Gambia", "Gambian"),
        ("NOUAKCHOTT", "Mauritania", "Mauritius", "Mauritian"),
        ("PORT LOUIS", "Mauritius", "Mauritania", "Mauritanian"),
        (
            "TAIPEI",
            "Republic of China",
            "People's Republic of China",
            "Beijing",
        ),
    ];
    let mut failures = Vec::new();
    for (city, right, wrong, support) in cases {
        let alone = format!(
            "{city}, March 3 - Officials in {right} met on Monday.\n\n\
             The government of {right} said the talks went well. Trade with {wrong} grew last year.\n"
        );
        let found = context(&alone);
        if found.len() != 1 || found[0].0 != wrong {
            failures.push(format!("{city}: alone gave {found:?}"));
        }
        let both = format!(
            "{city}, March 3 - Officials in {right} met on Monday.\n\n\
             The government of {right} said the talks went well. Ties between {right} and {wrong} grew.\n"
        );
        if !context(&both).is_empty() {
            failures.push(format!("{city}: both meant"));
        }
        let supported = format!(
            "{city}, March 3 - Officials in {right} met on Monday.\n\n\
             The government of {right} said the talks went well. Trade with {wrong} grew. \
             {support} officials welcomed it.\n"
        );
        if !context(&supported).is_empty() {
            failures.push(format!("{city}: {wrong} has support"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_country_in_a_list_is_meant() {
    assert!(context(
        "VIENNA, March 3 - Austria will host the talks. Exporters such as Canada, \
         Australia and Brazil will attend.\n"
    )
    .is_empty());
}

#[test]
fn phrases_that_contain_a_country_name_are_not_mentions() {
    assert!(context(
        "LAGOS, March 3 - Nigeria said output in the Niger Delta rose. \
         The Nigerian oil minister spoke.\n"
    )
    .is_empty());
}

fn dateline(text: &str) -> Option<(String, String, Option<String>)> {
    let doc = document(text);
    let facts = ArticleFacts::of(&doc);
    let article = Article::from_document(&doc, &facts);
    dateline_finding(&article).map(|f| {
        (
            code(f.named).to_string(),
            code(f.actual).to_string(),
            f.similar_city,
        )
    })
}

#[test]
fn dateline_city_outside_its_country_is_found() {
    assert_eq!(
        dateline("BRATISLAVA, Slovenia — The government met.\n"),
        Some(("SI".into(), "SK".into(), Some("Ljubljana".into())))
    );
    assert_eq!(
        dateline("DAKAR, Bangladesh — The government met.\n"),
        Some(("BD".into(), "SN".into(), Some("Dhaka".into())))
    );
    assert_eq!(
        dateline("BRATISLAVA, Slovakia — The government met.\n"),
        None
    );
    assert_eq!(dateline("ATLANTA, Georgia — The state met.\n"), None);
    assert_eq!(
        dateline("SEOUL, South Korea (AP) — The government met.\n"),
        None
    );
    assert_eq!(dateline("PORTLAND, Maine — The town met.\n"), None);
}

fn variants(text: &str, style: Option<&str>) -> Vec<(String, String, bool)> {
    let doc = document(text);
    let facts = ArticleFacts::of(&doc);
    let article = Article::from_document(&doc, &facts);
    let mentions = find_mentions(article.text);
    variant_findings(&article, &mentions, style)
        .into_iter()
        .map(|f| (text[f.span].to_string(), f.preferred, f.chosen))
        .collect()
}

#[test]
fn two_names_for_one_country_are_a_variant() {
    let text = "Turkey said on Monday it would act. Officials in Ankara agreed.\n\n\
                Turkey and Greece met. Later, Türkiye said no.\n";
    assert_eq!(
        variants(text, None),
        [("Türkiye".to_string(), "Turkey".to_string(), false)]
    );
    assert_eq!(
        variants(
            "Burma voted. Later Myanmar's army spoke. Burma again.\n",
            None
        ),
        [("Myanmar".to_string(), "Burma".to_string(), false)]
    );
    assert_eq!(
        variants("The Czech Republic voted.\n\nCzechia agreed.\n", None).len(),
        1
    );
    assert_eq!(
        variants("Ivory Coast voted.\n\nCôte d'Ivoire agreed.\n", None).len(),
        1
    );
}

#[test]
fn official_and_short_forms_and_explanations_are_not_variants() {
    assert!(variants("The Republic of Korea and South Korea are one.\n", None).is_empty());
    assert!(variants("Turkey voted. Turkey agreed.\n", None).is_empty());
    assert!(variants("Eswatini, formerly Swaziland, voted.\n", None).is_empty());
}

#[test]
fn house_style_fixes_the_name_it_does_not_use() {
    assert_eq!(
        variants("Türkiye voted on Monday.\n", Some("ap")),
        [("Türkiye".to_string(), "Turkey".to_string(), true)]
    );
    assert_eq!(
        variants("Turkey voted on Monday.\n", Some("iso")),
        [("Turkey".to_string(), "Türkiye".to_string(), true)]
    );
    assert!(variants("Myanmar voted on Monday.\n", Some("bbc")).is_empty());
}

fn outdated(text: &str) -> Vec<(String, String)> {
    let doc = document(text);
    let facts = ArticleFacts::of(&doc);
    let article = Article::from_document(&doc, &facts);
    let mentions = find_mentions(article.text);
    outdated_findings(&article, &mentions)
        .into_iter()
        .map(|f| (text[f.span].to_string(), f.current))
        .collect()
}

#[test]
fn former_names_are_judged_by_the_article_date() {
    assert!(outdated("date 2020-06-01\nThe talks in Nur-Sultan ended.\n").is_empty());
    assert_eq!(
        outdated("date 2023-03-01\nThe talks in Nur-Sultan ended.\n"),
        [("Nur-Sultan".to_string(), "Astana".to_string())]
    );
    assert_eq!(
        outdated("date 2019-05-01\nThe king of Swaziland spoke.\n"),
        [("Swaziland".to_string(), "Eswatini".to_string())]
    );
    assert!(outdated("date 2017-05-01\nThe king of Swaziland spoke.\n").is_empty());
    assert!(outdated("date 1987-03-03\nZaire and Burma signed.\n").is_empty());
    // Undated copy is judged against today (issue 13).
    assert_eq!(
        outdated("The king of Swaziland spoke.\n"),
        [("Swaziland".to_string(), "Eswatini".to_string())]
    );
    assert!(outdated("In 1990, the king of Swaziland spoke.\n").is_empty());
}

#[test]
fn historical_references_to_former_names_are_right() {
    assert!(outdated("date 2020-06-01\nIn 1990, Zaire was a dictatorship.\n").is_empty());
    assert!(outdated("date 2020-06-01\nThe former Zaire is now at peace.\n").is_empty());
}

#[test]
fn russian_abbreviation_names_the_supported_country() {
    let text =
        "СЕУЛ, 10 фев – РИА Новости. Посол России в Сеуле заявил, что РК не стала враждебной.\n";
    let doc = document(text);
    let facts = ArticleFacts::of(&doc);
    let article = Article::from_document(&doc, &facts);
    let mentions = find_mentions(article.text);
    let evidence = build_evidence(&article, &mentions);
    let findings = abbreviation_findings(&mentions, &evidence);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].supported.map(code), Some("KR"));
}

#[test]
fn a_country_listed_across_a_line_break_or_dash_is_meant() {
    for list in [
        "Canada, Australia\n   and Brazil",
        "Canada,\n\nAustralia",
        "Australia \u{2013} Canada",
        "Canada / Australia",
    ] {
        let text = format!("VIENNA, March 3 - Austria will host the talks. Exporters such as {list} will attend.\n");
        assert!(context(&text).is_empty(), "{list}");
    }
    assert_eq!(
        context(
            "VIENNA, March 3 - Austria will host the talks. Canada, the host, and \
             Australia will attend.\n"
        )
        .len(),
        1
    );
}

#[test]
fn positions_answer_like_a_scan() {
    let sentences = [0..10, 10..20, 25..30];
    let article = Article {
        text: "0123456789012345678901234567890123456789",
        sentences: &sentences,
        quotations: &[12..14, 0..30, 31..35],
        ..Article::default()
    };
    let positions = Positions::new(&article);
    let sentence = |at: usize| positions.sentence_of(&(at..at + 1));
    assert_eq!(sentence(0), Some(0));
    assert_eq!(sentence(10), Some(1));
    assert_eq!(sentence(22), None);
    assert_eq!(sentence(29), Some(2));
    assert_eq!(sentence(30), None);
    // A short quotation inside a long one does not hide the long one.
    assert!(positions.in_quotation(&(20..25)));
    assert!(!positions.in_quotation(&(29..32)));
    assert!(positions.in_quotation(&(31..35)));

    let overlapping = [0..10, 5..20];
    let article = Article {
        sentences: &overlapping,
        ..article
    };
    let positions = Positions::new(&article);
    assert_eq!(positions.sentence_of(&(7..8)), Some(0));
    assert_eq!(positions.sentence_of(&(12..13)), Some(1));
}

#[test]
fn evidence_outside_a_sentence_leaves_out_exactly_that_sentence() {
    use super::weighing::Ledger;
    let text = "SEOUL, Feb 10 – Agency. South Korea spoke in Seoul.\n\nThe South Korean \
                side met. South Korea and Busan were named.\n";
    let doc = document(text);
    let facts = ArticleFacts::of(&doc);
    let article = Article::from_document(&doc, &facts);
    let mentions = find_mentions(article.text);
    let positions = Positions::new(&article);
    let ledger = Ledger::new(&article, &positions, &mentions);
    let korea = gazetteer().by_code("KR").unwrap_or(usize::MAX);
    let whole = ledger.tally(korea, None);
    assert!(whole.dateline.is_some());
    assert_eq!((whole.names, whole.demonyms, whole.cities), (2, 1, 2));
    // The first sentence holds a name and Seoul; without it the first name is
    // the later one and the first city is Busan.
    let first = mentions
        .iter()
        .find(|m| &text[m.span.clone()] == "South Korea")
        .and_then(|m| positions.sentence_of(&m.span));
    let outside = ledger.tally(korea, first);
    assert_eq!((outside.names, outside.demonyms, outside.cities), (1, 1, 1));
    assert!(
        outside.dateline.is_some(),
        "the dateline stands outside every sentence"
    );
    assert_eq!(outside.first_city.map(|s| &text[s]), Some("Busan"));
    assert_eq!(outside.weight, whole.weight - 4);
}

#[test]
fn an_english_word_city_counts_beside_its_country() {
    use super::weighing::Ledger;
    let ledger_for = |text: &str| {
        let doc = document(text);
        let facts = ArticleFacts::of(&doc);
        let article = Article::from_document(&doc, &facts);
        let mentions = find_mentions(article.text);
        let positions = Positions::new(&article);
        Ledger::new(&article, &positions, &mentions)
            .tally(gazetteer().by_code("FR").unwrap_or(usize::MAX), None)
    };
    let beside = ledger_for("The summit opened in Nice, France on Monday.\n");
    assert_eq!((beside.names, beside.cities), (1, 1));
    let alone = ledger_for("It was a nice day in France.\n");
    assert_eq!((alone.names, alone.cities), (1, 0));
}
