//! Parts of an archive pass absorbed into one, against one pass alone.

use super::*;
use crate::archive::stats::{FormUse, Names, StyleUse};
use std::collections::BTreeSet;

/// Article `n` of a made-up desk: most write "Kyiv", "Qaddafi" and curly
/// quotes; every seventh writes "Kiev", every fifth "Gaddafi", every
/// sixth straight quotes.
fn record(n: usize) -> FileStats {
    let at = Position {
        offset: 10 + n,
        line: 1,
        column: 11 + n,
    };
    let city = if n % 7 == 0 { "Kiev" } else { "Kyiv" };
    let leader = if n % 5 == 0 { "Gaddafi" } else { "Qaddafi" };
    let quotes = if n % 6 == 0 { "straight" } else { "curly" };
    FileStats {
        path: format!("desk/{n:03}.md"),
        folder: "desk".into(),
        variant_group: "desk".into(),
        style_group: "desk".into(),
        language: "en".into(),
        date: Some(format!("{}-03-01", 2020 + n % 2)),
        forms: vec![FormUse {
            set: "Kyiv".into(),
            form: city.into(),
            count: 1,
            first: at,
            len: city.len(),
            settled: false,
        }],
        styles: vec![StyleUse {
            dimension: "quotes".into(),
            style: quotes.into(),
            count: 4,
            others: 0,
            first: at,
        }],
        names: [(leader, 2, at), ("Tripoli", 1, at)]
            .into_iter()
            .collect::<Names>(),
        findings: Vec::new(),
    }
}

fn settings() -> ArchiveSettings {
    let mut settings = ArchiveSettings::default();
    settings.variant.majority = 0.8;
    settings.style.majority = 0.8;
    settings.style.min_articles = 10;
    settings.names.confirmed = vec![vec!["Qaddafi".into(), "Gaddafi".into()]];
    settings
}

/// The outcome of 60 records, each given to the part `part_of` names
/// (part 0: the archive itself), in the order `order` gives.
fn judged(parts: usize, part_of: impl Fn(usize) -> usize, order: &[usize]) -> ArchiveOutcome {
    let mut archive = Archive::new(&settings(), Levels::default(), true).unwrap();
    let mut others: Vec<Archive> = (1..parts).map(|_| archive.part().unwrap()).collect();
    for &n in order {
        match part_of(n) {
            0 => archive.add(&record(n)).unwrap(),
            part => others[part - 1].add(&record(n)).unwrap(),
        }
    }
    for other in others {
        archive.absorb(other).unwrap();
    }
    archive.finish().unwrap()
}

#[test]
fn parts_absorbed_give_exactly_what_one_archive_gives() {
    let order: Vec<usize> = (0..60).collect();
    let reversed: Vec<usize> = (0..60).rev().collect();
    let whole = judged(1, |_| 0, &order);
    let rules: BTreeSet<&str> = whole.findings.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        BTreeSet::from(["archive.name", "archive.style", "archive.variant"]),
        "the made-up desk has strays of every kind: {:?}",
        whole.findings
    );
    assert_eq!(whole.files, 60);
    for (parts, outcome) in [
        (2, judged(2, |n| n % 2, &order)),
        (3, judged(3, |n| n / 20, &reversed)),
        // A part that gets no record at all, and one that gets all.
        (3, judged(3, |_| 2, &order)),
    ] {
        assert_eq!(outcome, whole, "{parts} parts");
    }
}

#[test]
fn a_part_of_a_part_keeps_its_names_places() {
    let mut archive = Archive::new(&settings(), Levels::default(), false).unwrap();
    let mut part = archive.part().unwrap();
    let mut inner = part.part().unwrap();
    // The inner part meets the names in another order than the outer.
    for n in (0..30).rev() {
        inner.add(&record(n)).unwrap();
    }
    for n in 30..60 {
        part.add(&record(n)).unwrap();
    }
    part.absorb(inner).unwrap();
    archive.absorb(part).unwrap();
    let whole = judged(1, |_| 0, &(0..60).collect::<Vec<_>>());
    assert_eq!(archive.finish().unwrap().findings, whole.findings);
}
