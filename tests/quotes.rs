//! The `quotes` family on made-up copy modelled on real news, and on the real
//! articles in `../shared/articles`.

mod support;

use std::ops::Range;

use copydesk::document::quotes::{MarkRole, PairingProblem};
use copydesk::document::{Document, DocumentOptions};
use copydesk::rules::quotes::{run, Outer, QuoteCheck};
use copydesk::rules::Finding;

const ALL_CHECKS: [QuoteCheck; 7] = [
    QuoteCheck::Unclosed,
    QuoteCheck::Unopened,
    QuoteCheck::Nesting,
    QuoteCheck::Mixed,
    QuoteCheck::ApostropheDirection,
    QuoteCheck::Direction,
    QuoteCheck::Spacing,
];

fn doc(path: &str, text: &str) -> Document {
    Document::new(path, text.to_string(), &DocumentOptions::default())
}

fn findings(doc: &Document, check: QuoteCheck) -> Vec<Finding> {
    run(check, doc, Outer::Unset)
}

fn all_findings(doc: &Document) -> Vec<(QuoteCheck, Finding)> {
    ALL_CHECKS
        .iter()
        .flat_map(|&check| findings(doc, check).into_iter().map(move |f| (check, f)))
        .collect()
}

/// The byte range of the `nth` (0-based) occurrence of `needle` in `text`.
fn nth(text: &str, needle: &str, n: usize) -> Range<usize> {
    let start = text
        .match_indices(needle)
        .nth(n)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in {text:?}"));
    start..start + needle.len()
}

fn assert_quiet(text: &str) {
    let d = doc("a.txt", text);
    let found = all_findings(&d);
    assert!(found.is_empty(), "{text:?}: {found:#?}");
}

fn spans(found: &[Finding]) -> Vec<Range<usize>> {
    found.iter().map(|f| f.span.clone()).collect()
}

#[test]
fn founding_story_pairs_twelve_quotations_and_reports_nothing() {
    let Some(path) = support::founding_story() else {
        return;
    };
    let bytes = std::fs::read(&path).expect("the founding story is readable");
    let d = Document::from_bytes("000.txt", bytes, &DocumentOptions::default())
        .expect("the founding story is UTF-8 text");
    let quotes = &d.quotes;
    assert_eq!(quotes.quotations.len(), 12, "{:#?}", quotes.quotations);
    assert!(quotes.quotations.iter().all(|q| q.close.is_some()));
    let apostrophes = quotes
        .marks
        .iter()
        .filter(|m| m.role == MarkRole::Apostrophe)
        .count();
    assert_eq!(apostrophes, 2);
    assert!(quotes.problems.is_empty(), "{:#?}", quotes.problems);
    assert!(all_findings(&d).is_empty(), "{:#?}", all_findings(&d));
}

#[test]
fn quotation_over_several_paragraphs_is_a_continuation() {
    assert_quiet(
        "“The talks were long,” he said. “We met twice.\n\n“We will meet again.\n\n“Then we will see,” he added.",
    );
    assert_quiet(
        "\"The talks were long,\" he said. \"We met twice.\n\n\"We will meet again,\" he added.",
    );
}

#[test]
fn paragraph_ending_inside_a_quotation_without_continuation_is_unclosed() {
    let text = "“The talks were long,” he said. “We met twice.\n\nThe envoy left on Monday.";
    let d = doc("a.txt", text);
    let found = findings(&d, QuoteCheck::Unclosed);
    assert_eq!(spans(&found), [nth(text, "“", 1)]);
    let paragraph_end = nth(text, "twice.", 0).end - 1..nth(text, "twice.", 0).end;
    assert_eq!(found[0].labels[0].span, paragraph_end);
    assert!(findings(&d, QuoteCheck::Unopened).is_empty());
}

#[test]
fn quotation_broken_by_a_paragraph_break_is_one_finding() {
    let text = "He said: “The talks were long and\n\nhard,” before he left.";
    let d = doc("a.txt", text);
    let found = findings(&d, QuoteCheck::Unclosed);
    assert_eq!(spans(&found), [nth(text, "“", 0)]);
    assert_eq!(found[0].labels.len(), 2);
    assert_eq!(found[0].labels[1].span, nth(text, "”", 0));
    assert!(findings(&d, QuoteCheck::Unopened).is_empty());
}

#[test]
fn run_together_paragraphs_reopen_a_quotation_in_line() {
    assert_quiet("He said: \"It was hard. \"We must go on. \"We will,\" he added.");
    assert_quiet("He said: “It was hard.“We must go on,” he added.");
}

#[test]
fn apostrophes_are_not_quotation_marks() {
    assert_quiet("Russia’s envoy met the Koreans’ union in the ’90s; O’Neill loves rock ’n’ roll and tells ’em so.");
    assert_quiet("He called it ‘the Koreans’ land’ and left.");
    assert_quiet("‘Yes,’ the Koreans’ envoy said, ‘rock ’n’ roll.’");
    assert_quiet(
        "Russia's envoy met the players' union in the '90s and told 'em about rock 'n' roll.",
    );
    assert_quiet("The 'Ndrangheta is a mafia.");
}

#[test]
fn single_quotation_closed_only_by_a_possessive_is_still_closed() {
    // The last candidate closes: a possessive earlier in the quotation stays one.
    let text = "He called it ‘the Koreans’ land’ and left.";
    let d = doc("a.txt", text);
    let closes: Vec<Range<usize>> = d
        .quotes
        .quotations
        .iter()
        .filter_map(|q| q.close.clone())
        .collect();
    assert_eq!(closes, [nth(text, "’", 1)]);
}

#[test]
fn single_quotation_left_open_is_unclosed() {
    let text = "He called it ‘the land of the Koreans and left.";
    let d = doc("a.txt", text);
    assert_eq!(
        spans(&findings(&d, QuoteCheck::Unclosed)),
        [nth(text, "‘", 0)]
    );
}

#[test]
fn primes_are_not_quotation_marks() {
    assert_quiet("He bought a 20\" screen. He is 5'10\" tall and 6' wide.");
    assert_quiet("“I bought a 20-inch screen,” he said, “and a 5'10\" bed.”");
    let text = "He said \"it was 20 and left.";
    let d = doc("a.txt", text);
    assert_eq!(
        spans(&findings(&d, QuoteCheck::Unclosed)),
        [nth(text, "\"", 0)]
    );
}

#[test]
fn closing_mark_with_nothing_open_is_unopened() {
    let text = "The minister said the talks were over.” Nobody answered.";
    let d = doc("a.txt", text);
    assert_eq!(
        spans(&findings(&d, QuoteCheck::Unopened)),
        [nth(text, "”", 0)]
    );
    assert!(findings(&d, QuoteCheck::Unclosed).is_empty());
}

#[test]
fn german_marks_pair_the_german_way() {
    let de = |body: &str| doc("a.md", &format!("---\nlang: de\n---\n\n{body}\n"));
    for body in [
        "Er sagte: „Wir kommen ‚bald‘ wieder.“ Dann ging er.",
        "Er sagte: »Wir kommen ›bald‹ wieder.« Dann ging er.",
        "Er sagte: “Wir kommen bald wieder.” Dann ging er.",
    ] {
        let d = de(body);
        assert!(
            all_findings(&d).is_empty(),
            "{body}: {:#?}",
            all_findings(&d)
        );
        assert_eq!(
            d.quotes
                .quotations
                .iter()
                .filter(|q| q.close.is_some())
                .count(),
            d.quotes.quotations.len()
        );
    }
    let d = de("Er sagte: „Wir kommen bald wieder. Dann ging er.");
    assert_eq!(findings(&d, QuoteCheck::Unclosed).len(), 1);
    assert_eq!(
        &d.text[findings(&d, QuoteCheck::Unclosed)[0].span.clone()],
        "„"
    );
}

#[test]
fn french_russian_and_japanese_marks_pair() {
    let with = |lang: &str, body: &str| doc("a.md", &format!("---\nlang: {lang}\n---\n\n{body}\n"));
    let quiet = [
        ("fr", "Il a dit «\u{a0}non, “jamais”\u{a0}» hier."),
        ("ru", "Он сказал: «Мы „скоро“ вернёмся»."),
        ("ja", "彼は「明日『必ず』来る」と言った。"),
        ("es", "Dijo «nunca “jamás” volveré» ayer."),
    ];
    for (lang, body) in quiet {
        let d = with(lang, body);
        assert!(
            all_findings(&d).is_empty(),
            "{lang}: {:#?}",
            all_findings(&d)
        );
        assert_eq!(d.quotes.quotations.len(), 2, "{lang}");
    }
    let d = with("ru", "Он сказал: «Мы скоро вернёмся.");
    assert_eq!(findings(&d, QuoteCheck::Unclosed).len(), 1);
    let d = with("ja", "彼は「明日来ると言った。");
    assert_eq!(findings(&d, QuoteCheck::Unclosed).len(), 1);
}

#[test]
fn markdown_code_urls_and_blockquotes_are_not_quotations() {
    let text = "---\ntitle: \"A \"title\n---\n\n> A blockquote is not a quotation.\n\nRun `echo \"` and see <b title=\"x\">y</b> at https://a.example/it's and more.\n\n```\n\"unbalanced\n```\n";
    let d = doc("a.md", text);
    assert!(d.quotes.marks.is_empty(), "{:#?}", d.quotes.marks);
    assert!(all_findings(&d).is_empty());
}

#[test]
fn nesting_reports_reused_marks_that_confuse() {
    let text = "He said “she said “no”” yesterday.";
    let d = doc("a.txt", text);
    assert_eq!(
        spans(&findings(&d, QuoteCheck::Nesting)),
        [nth(text, "“", 1)]
    );
    let text = "He said \"she said \"no\" twice\" yesterday.";
    let d = doc("a.txt", text);
    assert_eq!(
        spans(&findings(&d, QuoteCheck::Nesting)),
        [nth(text, "\"", 1)]
    );
    assert_quiet("He said “we reject a “black and white” approach” yesterday.");
    assert_quiet("He said “she said ‘no’ twice” yesterday.");
}

#[test]
fn nesting_follows_the_house_style() {
    let us = "He said “she said ‘no’ twice” yesterday.";
    let uk = "He said ‘she said “no” twice’ yesterday.";
    let check = |text: &str, outer| run(QuoteCheck::Nesting, &doc("a.txt", text), outer);
    assert!(check(us, Outer::Language).is_empty());
    assert_eq!(spans(&check(uk, Outer::Language)), [nth(uk, "“", 0)]);
    assert!(check(uk, Outer::Single).is_empty());
    assert_eq!(spans(&check(us, Outer::Single)), [nth(us, "‘", 0)]);
    let again = "He said “we reject a “black and white” approach” yesterday.";
    assert_eq!(spans(&check(again, Outer::Language)), [nth(again, "“", 1)]);
}

#[test]
fn mixed_converts_minority_marks_with_the_right_direction() {
    let text = "“Yes,” she said. “We will go,” she added. \"Now,\" he said of Russia’s and Korea’s envoy's car.";
    let d = doc("a.txt", text);
    let found = findings(&d, QuoteCheck::Mixed);
    // One finding per group of marks, its fix changing every mark of the group.
    assert_eq!(found.len(), 2);
    let fixes: Vec<(Range<usize>, String)> = found
        .iter()
        .flat_map(|f| {
            f.fix.iter().flat_map(|fix| {
                std::iter::once((fix.span.clone(), fix.replacement.clone())).chain(
                    fix.also
                        .iter()
                        .map(|edit| (edit.span.clone(), edit.replacement.clone())),
                )
            })
        })
        .collect();
    assert_eq!(
        fixes,
        [
            (nth(text, "\"", 0), "“".to_string()),
            (nth(text, "\"", 1), "”".to_string()),
            (nth(text, "'", 0), "’".to_string()),
        ]
    );
    assert_quiet("\"Yes,\" she said of Russia’s envoy, calling it 'historic'.");
    let de = doc(
        "a.md",
        "---\nlang: de\n---\n\n„Ja“, sagte sie. „Gut“, sagte er. \"Nein\", rief er.\n",
    );
    let fixes: Vec<String> = findings(&de, QuoteCheck::Mixed)
        .into_iter()
        .flat_map(|f| {
            f.fix.into_iter().flat_map(|fix| {
                std::iter::once(fix.replacement)
                    .chain(fix.also.into_iter().map(|edit| edit.replacement))
            })
        })
        .collect();
    assert_eq!(fixes, ["„", "“"]);
}

#[test]
fn apostrophe_direction_fires_on_opening_marks_used_as_apostrophes() {
    let text = "The class of ‘19 loved rock ‘n’ roll and told ‘em so, calling it ‘the best’.";
    let d = doc("a.txt", text);
    let found = findings(&d, QuoteCheck::ApostropheDirection);
    assert_eq!(
        spans(&found),
        [nth(text, "‘", 0), nth(text, "‘", 1), nth(text, "‘", 2)]
    );
    assert!(found
        .iter()
        .all(|f| f.fix.as_ref().is_some_and(|fix| fix.replacement == "’")));
    assert!(findings(&d, QuoteCheck::Unclosed).is_empty());
}

#[test]
fn direction_fires_on_a_mark_facing_the_wrong_way() {
    let text = "They called it “historic“ and left.";
    let d = doc("a.txt", text);
    let found = findings(&d, QuoteCheck::Direction);
    assert_eq!(spans(&found), [nth(text, "“", 1)]);
    assert!(findings(&d, QuoteCheck::Unclosed).is_empty());
    assert!(findings(&d, QuoteCheck::Nesting).is_empty());
}

#[test]
fn spacing_in_english_and_french() {
    let text = "He called it a “ historic” day and a “good ” one.";
    let d = doc("a.txt", text);
    let found = findings(&d, QuoteCheck::Spacing);
    assert_eq!(spans(&found), [nth(text, "“", 0), nth(text, "”", 1)]);
    assert_quiet("He called it a “historic” day, “ ‘so’ ” he said.");
    let fr = |body: &str| doc("a.md", &format!("---\nlang: fr\n---\n\n{body}\n"));
    // Ordinary spaces throughout are consistent; nothing inside is not.
    assert!(findings(&fr("Il a dit « non » puis « oui »."), QuoteCheck::Spacing).is_empty());
    let d = fr("Il a dit « non » puis «oui».");
    assert_eq!(findings(&d, QuoteCheck::Spacing).len(), 2);
    // A no-break space in one place makes an ordinary one elsewhere inconsistent.
    let d = fr("Il a dit «\u{a0}non\u{a0}» puis « oui ».");
    let found = findings(&d, QuoteCheck::Spacing);
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|f| f
        .fix
        .as_ref()
        .is_some_and(|fix| fix.replacement == "\u{a0}")));
    // Markdown markup blanked next to a mark is not a space.
    assert!(findings(
        &doc("a.md", "See “[the docs](https://a.example)” now.\n"),
        QuoteCheck::Spacing
    )
    .is_empty());
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn random_marks_and_text_never_panic_and_spans_lie_on_char_boundaries() {
    let pieces = [
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "«",
        "»",
        "‹",
        "›",
        "„",
        "‚",
        "「",
        "」",
        "『",
        "』",
        " ",
        " ",
        "\n",
        "\n\n",
        "word",
        "Ab",
        "s",
        "19",
        "5",
        "em",
        "n",
        ".",
        ",",
        "!",
        "—",
        "(",
        ")",
        "\u{a0}",
        "\u{202f}",
        "é",
        "日本",
        "`",
        "*",
        "> ",
        "# ",
        "[a](b)",
        "\t",
        "\r\n",
        "<b>",
        "[«](http://a.example/»)",
        "`»`",
        "https://a.example/“",
        "<!-- ” -->",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..1500 {
        let len = (rng.next() % 60) as usize;
        let mut text = String::new();
        if round % 3 == 0 {
            text.push_str(rng.pick(&[
                "---\nlang: de\n---\n",
                "---\nlang: fr\n---\n",
                "---\nlang: ja\n---\n",
                "",
            ]));
        }
        for _ in 0..len {
            text.push_str(rng.pick(&pieces));
        }
        let path = if round % 2 == 0 { "a.md" } else { "a.txt" };
        let d = doc(path, &text);
        let ok = |span: &Range<usize>| {
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
        };
        for q in &d.quotes.quotations {
            assert!(ok(&q.open) && ok(&q.span), "{text:?}: {q:?}");
            assert!(q.close.as_ref().is_none_or(ok), "{text:?}: {q:?}");
        }
        for m in &d.quotes.marks {
            assert!(ok(&m.span()), "{text:?}: {m:?}");
        }
        for problem in &d.quotes.problems {
            match problem {
                PairingProblem::Unclosed {
                    quotation,
                    end,
                    closed_late,
                } => {
                    assert!(*quotation < d.quotes.quotations.len(), "{text:?}");
                    assert!(ok(end) && closed_late.as_ref().is_none_or(ok), "{text:?}");
                }
                PairingProblem::Unopened { mark }
                | PairingProblem::Direction { mark, .. }
                | PairingProblem::ApostropheDirection { mark } => assert!(ok(mark), "{text:?}"),
            }
        }
        for outer in [Outer::Unset, Outer::Language, Outer::Single] {
            for check in ALL_CHECKS {
                for f in run(check, &d, outer) {
                    assert!(ok(&f.span), "{text:?}: {f:?}");
                    assert!(
                        f.labels.iter().all(|label| ok(&label.span)),
                        "{text:?}: {f:?}"
                    );
                    assert!(
                        f.fix.as_ref().is_none_or(|fix| ok(&fix.span)),
                        "{text:?}: {f:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn ten_megabyte_paragraph_of_alternating_marks_completes() {
    // Every pattern a quadratic pairing would choke on: openers that never
    // close, closers with nothing open, and possessive-like marks that each
    // ask whether a later mark could close the quotation.
    let patterns = ["“", "”", "\"a", "‘Koreans’ ", "« "];
    let mut text = String::with_capacity(10 << 20);
    let mut i = 0;
    while text.len() < 10 << 20 {
        text.push_str(patterns[i % patterns.len()]);
        i += 1;
    }
    let d = doc("a.txt", &text);
    assert_eq!(d.paragraphs.len(), 1);
    assert!(!d.quotes.marks.is_empty());
    for check in ALL_CHECKS {
        let _ = run(check, &d, Outer::Language);
    }
}
