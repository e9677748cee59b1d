//! No input panics the linter, and every span it reports lies on character
//! boundaries inside the file. Inputs are generated from pieces chosen to hit
//! edge cases (quotes, BOM, CRLF, front matter, code fences, dates,
//! multi-byte text), with a fixed seed so failures reproduce.

use copydesk::config::{self, Overrides, RawConfig};
use copydesk::lint::FileLinter;
use copydesk::render;

const PIECES: &[&str] = &[
    "\u{feff}",
    "---\n",
    "+++\n",
    "title: x\n",
    "date: 2023-02-30\n",
    "date 2023-02-10 ",
    "\r\n",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "‚",
    "「",
    "」",
    "『",
    "』",
    "‹",
    "›",
    "\u{a0}",
    "```\n",
    "`",
    "<b>",
    "</b>",
    "<!-- x -->",
    "[link](http://a.example)",
    "https://b.example/x ",
    "# ",
    "> ",
    "* ",
    "SEOUL, Feb 10 – RIA Novosti. ",
    "NEW YORK, March 26 (Reuters) - ",
    "Republic of Kazakhstan",
    "Republic of Korea",
    "South Korea",
    "Seoul",
    "Feb. 29, 2023",
    "Thursday, 27 June 2017",
    "10:44 am",
    "12 p.m.",
    "the ’90s",
    "5'10\"",
    "rock ’n’ roll",
    "Russia’s",
    "the Ambassador",
    "the ambassador",
    "goverment",
    "Kiev",
    "Zelensky",
    "Zelenskyy",
    "РК",
    "РБ",
    "Türkiye",
    "Côte d’Ivoire",
    "é",
    "漢字",
    "🙂",
    "2000–2005",
    "3-1",
    ". ",
    ", ",
    "word ",
    "Word ",
    "U.S. ",
    "Mr. ",
    "…",
    "—",
    "–",
    "-",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn generated_inputs_never_panic_and_spans_are_sound() {
    let resolved =
        config::resolve(RawConfig::default(), &Overrides::default()).expect("defaults resolve");
    let linter = &resolved.linter;
    let mut random = Lcg(0x5eed);
    for case in 0..600 {
        let length = 1 + random.next() % 80;
        let mut text = String::new();
        for _ in 0..length {
            text.push_str(PIECES[(random.next() as usize) % PIECES.len()]);
        }
        let path = if case % 2 == 0 { "case.md" } else { "case.txt" };
        let report = FileLinter {
            fix: Some(copydesk::fix::FixMode::Safe),
            ..FileLinter::new(linter)
        }
        .text(path, text.clone());
        let checked: &str = match &report.fixed {
            Some(fixed) => &fixed.text,
            None => &text,
        };
        for d in &report.diagnostics {
            let spans = std::iter::once(&d.span)
                .chain(d.labels.iter().map(|l| &l.span))
                .chain(d.fix.iter().map(|f| &f.span));
            for span in spans {
                assert!(
                    span.start <= span.end
                        && span.end <= checked.len()
                        && checked.is_char_boundary(span.start)
                        && checked.is_char_boundary(span.end),
                    "case {case}: {} reported a bad span {span:?} on {checked:?}",
                    d.rule
                );
            }
        }
        // Every renderer copes with whatever the rules reported, long lines
        // (clipped in `human`) included.
        let reports = [report];
        let human = String::from_utf8(render::human::render(&reports, false)).unwrap_or_default();
        assert_eq!(
            human.matches("─ case.").count(),
            reports[0].diagnostics.len(),
            "case {case}: {human}"
        );
        let _ = render::short::render(&reports);
        let _ = render::json::render(&reports);
        let _ = render::github::render(&reports);
    }
}

#[test]
fn huge_paragraphs_and_lines_are_linted() {
    let resolved =
        config::resolve(RawConfig::default(), &Overrides::default()).expect("defaults resolve");
    let sentence = "The ambassador said “yes” on Feb. 10, 2023, in Seoul. The goverment met. ";
    let paragraph = sentence.repeat(20_000);
    let report = FileLinter::new(&resolved.linter).text("long.txt", paragraph);
    // One line of 1.5 MB: every repetition of the misspelling is still found,
    // at its own place, and nothing else is.
    let misspelt: Vec<usize> = report
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.rule.as_ref(), "style.misspellings", "{d:?}");
            d.span.start
        })
        .collect();
    let expected: Vec<usize> = (0..20_000)
        .map(|n| n * sentence.len() + sentence.find("goverment").unwrap_or(0))
        .collect();
    assert_eq!(misspelt, expected);
}
