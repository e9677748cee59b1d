use super::*;
use crate::archive::stats::FindingRow;
use crate::lint::ReadAlong;

fn doc(text: &str) -> Document {
    let options = crate::document::DocumentOptions::default();
    Document::new("desk/a.txt", text.to_string(), &options)
}

#[test]
fn a_record_placed_by_offsets_only_differs_in_nothing_else() {
    let text = "Title\n\nOfficials in Kiev said 5 per cent on Feb. 26.\n\
                Later, \u{201c}Gaddafi met Zelenskiy\u{201d} in Kyiv, \"Kadhafi\" said.\n";
    let observer = Observer::new(&ArchiveSettings::default());
    let counted = observer.observe(&doc(text));
    let offsets_only = Observer::new(&ArchiveSettings::default()).offsets_only();
    let by_offset = offsets_only.observe(&doc(text));
    let unplaced = |at: Position| Position {
        line: 0,
        column: 0,
        ..at
    };
    let mut expected = counted.clone();
    for form in &mut expected.forms {
        form.first = unplaced(form.first);
    }
    for style in &mut expected.styles {
        style.first = unplaced(style.first);
    }
    expected.names = counted
        .names
        .iter()
        .map(|(name, count, at)| (name, count, unplaced(at)))
        .collect();
    assert_eq!(by_offset, expected);
    assert!(!counted.forms.is_empty() && !counted.styles.is_empty());
    assert!(counted.names.iter().all(|(_, _, at)| at.line > 1));
    assert_ne!(
        observer.settings_key(),
        offsets_only.settings_key(),
        "records placed by offset alone are never taken for counted ones"
    );
}

#[test]
fn a_record_made_in_a_given_back_one_is_the_record_made_anew() {
    // Every part of a record, then one with fewer styles, forms and
    // names, then none: nothing of the record before may remain.
    let texts = [
        "---\ndate: 2020-03-04\nsource: Wire\n---\nOfficials in Kiev said 5 per cent \
         on Feb. 26, 2019; \"Gaddafi met Zelenskiy\" in Kyiv, per cent.\n",
        "Kyiv is 5% smaller, said Qaddafi on 26 February.\n",
        "no capitals, no forms at all\n",
    ];
    let mut settings = ArchiveSettings::default();
    settings.variant.group_by = "source".into();
    settings.style.group_by = "field:source".into();
    let observer = Observer::new(&settings);
    let fresh: Vec<FileStats> = texts.iter().map(|t| observer.observe(&doc(t))).collect();
    assert!(!fresh[0].forms.is_empty() && !fresh[0].names.is_empty());
    for (order, text) in [0, 1, 2, 1, 0, 2, 0].into_iter().map(|i| (i, texts[i])) {
        give_back(FileStats {
            findings: vec![FindingRow {
                rule: "x.y".into(),
                severity: "info".into(),
                line: 1,
                column: 1,
                message: "left over".into(),
            }],
            ..fresh[(order + 1) % 3].clone()
        });
        assert_eq!(observer.observe(&doc(text)), fresh[order], "text {order}");
    }
}

#[test]
fn forms_are_whole_words_and_names_keep_their_case() {
    let observer = Observer::new(&ArchiveSettings::default());
    let stats = observer.observe(&doc(
        "Officials in Kiev said 5 per cent. The kiev-style dish and Kievan Rus.\n",
    ));
    let forms: Vec<_> = stats
        .forms
        .iter()
        .map(|f| (f.form.as_str(), f.count))
        .collect();
    assert_eq!(forms, [("Kiev", 1), ("per cent", 1)]);
    assert_eq!(stats.folder, "desk");
    assert_eq!(stats.forms[0].first.line, 1);
}

#[test]
fn common_words_count_in_any_case_and_names_only_as_spelled() {
    // The walk's first test folds case; counting keeps a common word's
    // spelling in any case and a name's only as the name is spelled.
    let observer = Observer::new(&ArchiveSettings::default());
    let stats = observer.observe(&doc(
        "E-mail him. PER CENT. Email or EMAIL her. kiev, KIEV and Kiev.\n",
    ));
    let forms: Vec<_> = stats
        .forms
        .iter()
        .map(|f| (f.set.as_str(), f.form.as_str(), f.count))
        .collect();
    assert_eq!(
        forms,
        [
            ("Kyiv", "Kiev", 1),
            ("per cent", "per cent", 1),
            ("email", "email", 2),
            ("email", "e-mail", 1)
        ]
    );
}

/// A linter of the rules of `rule_set` alone.
fn linter_of(rule_set: &str) -> Linter {
    let source = crate::ruleset::Source::new("house.toml", rule_set);
    let rules = crate::ruleset::compile(&[source]).expect("the rule set compiles");
    let levels = rules
        .into_iter()
        .map(|rule| {
            let level = crate::diagnostic::Level::On(rule.meta.severity_when_on);
            (rule, level)
        })
        .collect();
    Linter::new(levels, Default::default(), Default::default())
}

#[test]
fn the_record_made_on_the_term_scans_way_is_the_record_made_alone() {
    let text = "Officials in Kiev said 5 per cent on Feb. 26; Gaddafi met \
                al-Qassem. The \u{201c}Kiev\u{201d} and K\u{e9}iev, 9Kiev, _Kiev.\n";
    // The default rules; no rule at all, whose scan walks the words for the
    // record alone; a term; and a pattern, whose scan keeps the word starts
    // for its literals' scan.
    let linters = [
        crate::config::resolve(
            crate::config::RawConfig::default(),
            &crate::config::Overrides::default(),
        )
        .expect("the default configuration resolves")
        .linter,
        std::sync::Arc::new(linter_of("")),
        std::sync::Arc::new(linter_of(
            "[[rule]]\nid = \"house.term\"\nkind = \"existence\"\nterms = [\"met\"]\n",
        )),
        std::sync::Arc::new(linter_of(
            "[[rule]]\nid = \"house.pattern\"\nkind = \"existence\"\n\
             patterns = ['met [a-z]+-Q']\n",
        )),
    ];
    let observer = Observer::new(&ArchiveSettings::default());
    let alone = observer.observe(&doc(text));
    for (which, linter) in linters.iter().enumerate() {
        let linted = doc(text);
        let findings = observer.lint(linter, &linted);
        assert_eq!(findings, linter.lint(&doc(text)), "linter {which}");
        assert_eq!(observer.record_of(&linted), alone, "linter {which}");
        // Taken once: asked again, the record is made again, the same.
        assert_eq!(observer.record_of(&linted), alone, "linter {which}");
    }
    assert_eq!(linters[2].lint(&doc(text)).len(), 1);
    assert_eq!(linters[3].lint(&doc(text)).len(), 1);
    let forms: Vec<_> = alone
        .forms
        .iter()
        .map(|f| (f.form.as_str(), f.count))
        .collect();
    // "_Kiev" is one word with its underscore, as for every rule.
    assert_eq!(forms, [("Kiev", 2), ("per cent", 1)]);
    let names: Vec<_> = alone.names.iter().map(|n| n.0).collect();
    assert_eq!(names, ["Gaddafi", "al-Qassem", "K\u{e9}iev"]);
}

#[test]
fn styles_take_the_dominant_marks() {
    let stats = Observer::new(&ArchiveSettings::default()).observe(&doc(
        "He said \"yes\" and \u{201c}no\u{201d} and \"maybe\".\n",
    ));
    let quotes = stats
        .styles
        .iter()
        .find(|s| s.dimension == "quotes")
        .unwrap();
    assert_eq!(
        (quotes.style.as_str(), quotes.count, quotes.others),
        ("straight", 4, 2)
    );
}

#[test]
fn names_are_found_wherever_they_fall_in_the_scan() {
    // Every position of a name against the stretches the scan skips.
    for pad in 0..40 {
        let text = format!("{}x met Gaddafi and al-Qassem.\n", "a".repeat(pad));
        let stats = Observer::new(&ArchiveSettings::default()).observe(&doc(&text));
        let names: Vec<_> = stats.names.iter().map(|n| n.0).collect();
        assert_eq!(names, ["Gaddafi", "al-Qassem"], "{pad}");
    }
}

#[test]
fn an_article_in_no_set_language_has_no_forms() {
    let mut french = doc("Les officiels de Kiev, 5 per cent.\n");
    french.language = "fr".into();
    let stats = Observer::new(&ArchiveSettings::default()).observe(&french);
    assert!(stats.forms.is_empty());
}

#[test]
fn names_skip_sentence_starts() {
    let stats = Observer::new(&ArchiveSettings::default()).observe(&doc(
        "Leaders met Gaddafi today. Gaddafi left. They saw al-Shabaab.\n",
    ));
    let names: Vec<_> = stats.names.iter().map(|n| (n.0, n.1)).collect();
    assert_eq!(names, [("Gaddafi", 2), ("al-Shabaab", 1)]);
}
