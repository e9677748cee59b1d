//! An article's geography as an editor reads it (issue 12): the evidence for
//! each side of a confusable pair, weighed against each other, decides
//! whether a name is a swap and how sure the finding is. The stories here are
//! written for the tests; none is copied from the shared articles.

mod support;

use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::engine::Linter;

fn linter() -> Linter {
    support::builtin_linter("countries")
}

fn findings(text: &str, rule: &str) -> Vec<Diagnostic> {
    support::findings_of_rule(&linter(), "story.txt", text, rule)
}

/// (flagged words, suggestion, severity) of every `country.context` finding.
fn context(text: &str) -> Vec<(String, String, Severity)> {
    support::flagged(text, findings(text, "country.context"))
}

/// Findings at warning or above: what "quiet at warning level" is about.
fn loud(text: &str) -> Vec<(String, String, Severity)> {
    context(text)
        .into_iter()
        .filter(|f| f.2 >= Severity::Warning)
        .collect()
}

/// The shape of the published interview: no dateline, a Russian ambassador
/// to the Republic of Korea, and «РК» translated as Kazakhstan twice in one
/// sentence.
const INTERVIEW: &str = "The Russian ambassador to the Republic of Korea spoke to our \
correspondent about the year ahead.\n\n\
The Russian-South Korean political dialogue has not stopped, he said. Seoul keeps its \
channels open, and the South Korean business community wants to return.\n\n\
Last month our deputy foreign minister visited Kazakhstan and held consultations at the \
Ministry of Foreign Affairs of the Republic of Kazakhstan.\n\n\
The ambassador said that Korean companies in Busan still trade with Russian ports.\n";

#[test]
fn the_interview_without_a_dateline_is_caught() {
    let found = context(INTERVIEW);
    let words: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(words, ["Kazakhstan", "Republic of Kazakhstan"], "{found:?}");
    assert_eq!(found[0].1, "South Korea");
    assert_eq!(found[1].1, "Republic of Korea");
    assert!(found.iter().all(|f| f.2 == Severity::Error), "{found:?}");
}

#[test]
fn the_finding_labels_and_weighs_its_evidence() {
    let diagnostics = findings(INTERVIEW, "country.context");
    let first = &diagnostics[0];
    let labelled: Vec<&str> = first
        .labels
        .iter()
        .map(|l| &INTERVIEW[l.span.clone()])
        .collect();
    assert_eq!(
        labelled,
        ["Republic of Korea", "Seoul"],
        "{:?}",
        first.labels
    );
    let note = first.notes.join("\n");
    assert!(note.starts_with("strong evidence"), "{note}");
    assert!(note.contains("for South Korea,"), "{note}");
    assert!(note.contains("for Kazakhstan, nothing"), "{note}");
}

#[test]
fn a_kazakh_ambassador_in_seoul_stays_quiet() {
    let text = "SEOUL, May 4 - Kazakhstan's ambassador met South Korea's trade minister on \
Thursday.\n\nThe Kazakh envoy said the Republic of Kazakhstan wants more Korean investment. \
South Korea imports uranium from Kazakhstan, and flights between Seoul and Almaty resume in \
June.\n\nThe Republic of Korea will send a delegation to Astana, the ministry said.\n";
    assert!(loud(text).is_empty(), "{:?}", context(text));
}

#[test]
fn an_iran_story_that_recalls_the_iran_iraq_war_stays_quiet() {
    let text = "TEHRAN, June 2 - Iran said on Monday it would expand gas exports.\n\n\
Iranian officials said output at South Pars had doubled. Iran's oil minister said the \
country had not produced so much since before the Iran-Iraq war.\n\n\
The eight-year war with Iraq ended in 1988. Iran now ships gas to Turkey.\n";
    assert!(loud(text).is_empty(), "{:?}", context(text));
}

#[test]
fn an_australian_minister_in_vienna_stays_quiet() {
    let text = "VIENNA, Oct 9 - Australia's foreign minister met her Austrian counterpart \
on Wednesday.\n\nThe Australian minister is in Austria for talks at the International \
Atomic Energy Agency. Austria hosts the agency.\n\nAustralia and Austria signed a youth \
mobility agreement, the ministry in Vienna said.\n";
    assert!(loud(text).is_empty(), "{:?}", context(text));
}

#[test]
fn the_dateline_country_does_not_hide_a_swap_in_the_first_sentence() {
    // The dateline's "Australia" is the dateline's evidence, not a name of
    // Australia in the sentence that says "Austria".
    let text = "SURFERS PARADISE, Australia - Austria's prime minister opened the \
surf championships on Sunday.\n\nAustralia expects 20,000 visitors. The Gold Coast \
council said Australian surfers would compete in Queensland.\n";
    let found = loud(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "Austria");
    assert_eq!(found[0].1, "Australia");
}

#[test]
fn a_name_in_the_suspect_sentence_does_not_support_itself() {
    // "Kazakhstan" beside "Republic of Kazakhstan" in one sentence is no
    // evidence for either.
    let text = "SEOUL, Feb 1 - South Korea and Russia held talks.\n\nSouth Korean \
officials said Seoul was ready. Kazakhstan, the Republic of Kazakhstan's foreign ministry \
said, had no comment.\n\nThe South Korean side will host the next round.\n";
    let words: Vec<String> = loud(text).into_iter().map(|f| f.0).collect();
    assert_eq!(words, ["Kazakhstan", "Republic of Kazakhstan"]);
}

#[test]
fn weaker_evidence_gives_a_warning_and_weak_evidence_nothing() {
    // Three pieces of evidence for Iraq, none for Iran: moderate.
    let moderate = "Oil prices rose.\n\nIraq pumped more crude last month. Iraqi officials \
said exports from Baghdad would grow.\n\nA spokesman said production in Iran would rise again \
in May.\n";
    let found = context(moderate);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "Iran");
    assert_eq!(found[0].2, Severity::Warning);
    // One name of Iraq against one of Iran: nothing.
    let weak = "Oil prices rose.\n\nIraq pumped more crude last month.\n\nA spokesman \
said production in Iran would rise again in May.\n";
    assert!(context(weak).is_empty(), "{:?}", context(weak));
}

#[test]
fn the_pairs_added_by_the_issue_fire_alone_and_stay_quiet_with_support() {
    let cases = [
        ("BAMAKO", "Mali", "Malawi", "Malawian"),
        ("LILONGWE", "Malawi", "Mali", "Malian"),
        ("RIGA", "Latvia", "Lithuania", "Lithuanian"),
        ("VILNIUS", "Lithuania", "Latvia", "Latvian"),
        ("STOCKHOLM", "Sweden", "Switzerland", "Swiss"),
        ("BERN", "Switzerland", "Sweden", "Swedish"),
        ("SEOUL", "South Korea", "Kazakhstan", "Kazakh"),
    ];
    for (city, right, wrong, people) in cases {
        let alone = format!(
            "{city}, March 3 - Officials in {right} met on Monday.\n\n\
             The government of {right} said the talks went well. Trade with {wrong} grew \
             last year.\n"
        );
        let found = loud(&alone);
        assert_eq!(found.len(), 1, "{city}: {found:?}");
        assert_eq!(found[0].0, wrong, "{city}");
        assert_eq!(found[0].1, right, "{city}");
        let both = format!("{alone}\n{people} officials were also present.\n");
        assert!(loud(&both).is_empty(), "{city}: {:?}", context(&both));
    }
}

#[test]
fn institutions_count_as_evidence() {
    // No dateline, no city: the Knesset-like institutions name the country.
    let text = "Rates were left unchanged.\n\nThe Reserve Bank of Australia held its \
cash rate, and the RBA governor said Australia's inflation was easing.\n\nEconomists \
said growth in Austria would pick up next year.\n";
    let found = context(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "Australia");
}

#[test]
fn columbia_in_a_colombia_story_is_a_misspelling() {
    let text = "BOGOTA, Aug 7 - Colombia's president signed the peace decree on \
Friday.\n\nColombian officials said the FARC would disarm. Exports from Columbia rose by \
a tenth.\n";
    let found = context(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "Columbia");
    assert_eq!(found[0].1, "Colombia");
    let university = "BOGOTA, Aug 7 - Colombia's president spoke.\n\nColombian officials \
met scholars from Columbia University and British Columbia.\n";
    assert!(context(university).is_empty(), "{:?}", context(university));
}

#[test]
fn georgia_the_state_is_never_a_wrong_country() {
    let text = "ATLANTA, Georgia - The governor of Georgia signed the budget.\n\n\
American officials said Georgia would get federal funds.\n";
    assert!(context(text).is_empty(), "{:?}", context(text));
}

/// (region flagged, fix) of every `country.dateline` finding.
fn datelines(text: &str) -> Vec<(String, String)> {
    findings(text, "country.dateline")
        .into_iter()
        .map(|d| {
            (
                text[d.span.clone()].to_string(),
                d.fix.map(|f| f.replacement).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn smaller_well_known_dateline_cities_are_judged() {
    for (dateline, country) in [
        ("GENEVA, Sweden", "Switzerland"),
        ("DAVOS, Austria", "Switzerland"),
        ("CANNES, Italy", "France"),
        ("SOCHI, Ukraine", "Russia"),
        ("ASPEN, Canada", "United States"),
        ("NICE, Italy", "France"),
        ("SURFERS PARADISE, Austria", "Australia"),
    ] {
        let text = format!("{dateline} - The meeting opened on Monday.\n");
        let region = dateline.split(", ").nth(1).unwrap_or_default();
        assert_eq!(
            datelines(&text),
            [(region.to_string(), country.to_string())],
            "{dateline}"
        );
    }
}

#[test]
fn right_datelines_stay_quiet() {
    for dateline in [
        "DAKAR, Senegal",
        "SAN JOSE, Costa Rica",
        "ATLANTA, Georgia",
        "TBILISI, Georgia",
        "GENEVA, Switzerland",
        "DAVOS, Switzerland",
        "READING, England",
    ] {
        let text = format!("{dateline} - The meeting opened on Monday.\n");
        assert!(
            datelines(&text).is_empty(),
            "{dateline}: {:?}",
            datelines(&text)
        );
    }
}

#[test]
fn a_dateline_on_a_first_line_without_a_full_stop_is_a_dateline() {
    let text = "BRATISLAVA, Slovenia - Ministers meet on Monday\n\nThe government \
said the talks would last two days.\n";
    assert_eq!(
        datelines(text),
        [("Slovenia".to_string(), "Slovakia".to_string())]
    );
    // The same dateline is the context check's evidence too.
    let story = "SEOUL, Feb 10 - Talks resume on Monday\n\nSouth Korea said it was \
ready. Officials of the Republic of Korea met on Friday.\n\nThe Republic of Kazakhstan \
wants the talks to succeed, the ministry said.\n";
    let found = context(story);
    assert_eq!(found.len(), 1, "{found:?}");
    let diagnostics = findings(story, "country.context");
    assert!(
        diagnostics[0]
            .labels
            .iter()
            .any(|l| &story[l.span.clone()] == "SEOUL"),
        "{:?}",
        diagnostics[0].labels
    );
}

#[test]
fn a_wrong_dateline_country_suggests_either_fix() {
    let found = findings(
        "DAKAR, Bangladesh - The government met on Monday.\n",
        "country.dateline",
    );
    assert_eq!(found.len(), 1);
    let help = found[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("DAKAR is in Senegal"), "{help}");
    assert!(help.contains("the city may be DHAKA"), "{help}");
    assert_eq!(
        found[0].fix.as_ref().map(|f| f.replacement.as_str()),
        Some("Senegal")
    );
}

#[test]
fn one_wrong_name_repeated_is_one_human_block_and_separate_json_findings() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let story = "SEOUL, Feb 10 - South Korea said on Friday it would act.\n\n\
The Republic of Korea is ready. Ties with the Republic of Kazakhstan are warm, he said.\n\n\
Seoul wants more trade. The Republic of Kazakhstan is a partner, the South Korean \
minister said.\n";
    std::fs::write(dir.path().join("story.txt"), story).expect("the story is written");
    let args = ["check", "--select", "country.context", "--fail-on", "never"];
    let human = support::text(&support::copydesk(dir.path(), &args).stdout);
    assert_eq!(
        human.matches("error[country.context]").count(),
        1,
        "{human}"
    );
    assert!(human.contains("and here (2)"), "{human}");
    assert!(human.contains("reported at 2 places"), "{human}");
    let json = support::copydesk(dir.path(), &[&args[..], &["--format", "json"]].concat());
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON output");
    let diagnostics = json["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(diagnostics.len(), 2, "{json:#}");
    assert!(diagnostics
        .iter()
        .all(|d| d["fix"]["replacement"] == "Republic of Korea"));
}
