use super::*;

/// The innermost quotation around `span` by looking at every one.
fn scanned_enclosing(quotes: &Quotes, span: &Range<usize>) -> Option<usize> {
    quotes
        .quotations
        .iter()
        .enumerate()
        .filter(|(_, q)| q.span.start <= span.start && span.end <= q.span.end)
        .max_by_key(|(_, q)| q.depth)
        .map(|(i, _)| i)
}

fn scanned_parent(quotes: &Quotes, index: usize) -> Option<usize> {
    let child = &quotes.quotations[index];
    (0..index).rev().find(|&i| {
        let q = &quotes.quotations[i];
        q.depth + 1 == child.depth && q.span.start <= child.span.start
    })
}

fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices("\n\n") {
        out.push(start..at);
        start = at + 2;
    }
    out.push(start..text.len());
    out
}

/// Every span the index is asked about must get the quotation a scan gives.
fn assert_index_agrees(text: &str) {
    let quotes = Quotes::analyze(text, &paragraphs(text), "en");
    let position = |q: &Quotation| quotes.quotations.iter().position(|o| o == q);
    let mut at = 0;
    for word in text.split_inclusive([' ', '\n']) {
        let word_end = at + word.trim_end().len();
        for span in [at..word_end, at..at + word.len()] {
            if span.is_empty() {
                continue;
            }
            assert_eq!(
                quotes.enclosing(&span).and_then(position),
                scanned_enclosing(&quotes, &span),
                "{span:?} in {text:?}"
            );
        }
        at += word.len();
    }
    for index in 0..quotes.quotations.len() {
        assert_eq!(
            quotes.parent(index),
            scanned_parent(&quotes, index),
            "{index} in {text:?}"
        );
    }
}

#[test]
fn the_index_finds_what_a_scan_finds_in_generated_copy() {
    let pieces = [
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "«",
        "»",
        "word ",
        "said ",
        ". ",
        "\n\n",
        "O’Neill ",
        "’90s ",
        "5'10\" ",
        "“No,” ",
        "‘yes’ ",
        "Koreans’ ",
    ];
    for text in crate::test_texts::made_up_texts(&pieces, 0x9e37_79b9_7f4a_7c15, 400, 60) {
        assert_index_agrees(&text);
    }
}

#[test]
fn the_index_finds_what_a_scan_finds_in_real_articles() {
    crate::test_texts::each_article(assert_index_agrees);
}

#[test]
fn a_changed_list_of_quotations_is_not_trusted_to_the_index() {
    let text = "He said “one” and “two ‘three’ four”.";
    let mut quotes = Quotes::analyze(text, &paragraphs(text), "en");
    let three = text.find("three").unwrap_or(0);
    assert_eq!(
        quotes.enclosing(&(three..three + 5)).map(|q| q.depth),
        Some(1)
    );
    quotes.quotations.truncate(2);
    assert_eq!(
        quotes.enclosing(&(three..three + 5)).map(|q| q.depth),
        Some(0)
    );
}

#[test]
fn deep_nesting_pairs_in_one_pass() {
    let depth = 100_000;
    let text = format!("{}{}", "“".repeat(depth), "”".repeat(depth));
    let quotes = Quotes::analyze(&text, &paragraphs(&text), "en");
    assert_eq!(quotes.quotations.len(), depth);
    assert!(quotes.problems.is_empty());
    assert_eq!(quotes.parent(depth - 1), Some(depth - 2));
    let middle = "“".len() * depth;
    assert_eq!(
        quotes.enclosing(&(middle - 3..middle)).map(|q| q.depth),
        Some(depth - 1)
    );
    // One closing mark past the middle: inside all but the innermost.
    assert_eq!(
        quotes.enclosing(&(middle..middle + 3)).map(|q| q.depth),
        Some(depth - 1)
    );
    assert_eq!(
        quotes.enclosing(&(middle + 3..middle + 6)).map(|q| q.depth),
        Some(depth - 2)
    );
}

#[test]
fn closing_marks_for_a_paragraph_of_openers_are_matched_once_each() {
    let count = 50_000;
    let text = format!("{}\n\n{}", "“".repeat(count), "”".repeat(count));
    let quotes = Quotes::analyze(&text, &paragraphs(&text), "en");
    let late = quotes
        .problems
        .iter()
        .filter(|p| {
            matches!(
                p,
                PairingProblem::Unclosed {
                    closed_late: Some(_),
                    ..
                }
            )
        })
        .count();
    let unclosed = quotes
        .problems
        .iter()
        .filter(|p| matches!(p, PairingProblem::Unclosed { .. }))
        .count();
    assert!(unclosed > count - 3, "{unclosed}");
    assert_eq!(late, unclosed);
}
