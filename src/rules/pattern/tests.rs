//! How each shape of pattern is compiled and searched.

use super::*;

#[test]
fn one_scan_finds_what_a_scan_of_each_block_finds() {
    let pattern = Pattern::new("(?:[^,]+,){1,}\\s\\w+\\s(?:and|or)|^x|y$", false).unwrap();
    let prose = "A, b,\n\nc, d, e and f.\n\n  \nx y\nx, z or\n";
    let blocks = blocks(prose);
    let Engine::Plain(regex) = &pattern.engine else {
        panic!("plain");
    };
    let mut each = Vec::new();
    for block in &blocks {
        each.extend(
            regex
                .find_iter(&prose[block.clone()])
                .map(|m| block.start + m.start()..block.start + m.end()),
        );
    }
    let once = within_blocks(
        &blocks,
        regex.find_iter(prose).map(|m| m.range()),
        |s| s,
        |block, out| {
            out.extend(
                regex
                    .find_iter(&prose[block.clone()])
                    .map(|m| block.start + m.start()..block.start + m.end()),
            )
        },
    );
    assert_eq!(once, each);
    let texts: Vec<&str> = once.iter().map(|r| &prose[r.clone()]).collect();
    assert_eq!(texts, ["c, d, e and", "x y\nx, z or"]);
}

#[test]
fn blocks_end_at_blank_lines() {
    let prose = "a b\nc\n\n  \nd\n\ne";
    let found: Vec<&str> = blocks(prose).into_iter().map(|r| &prose[r]).collect();
    assert_eq!(found, ["a b\nc\n", "d\n", "e"]);
}

#[test]
fn look_around_is_accepted_and_plain_patterns_stay_plain() {
    let fancy = Pattern::new("it is(?!\\.)", true).unwrap();
    assert!(matches!(fancy.engine, Engine::Fancy(_, Some(_))));
    let plain = Pattern::new("it is", true).unwrap();
    assert!(matches!(plain.engine, Engine::Plain(_)));
    assert!(Pattern::new("(unclosed", true).is_err());
}

#[test]
fn only_patterns_no_literal_finds_are_found_by_start_bytes() {
    let ampm = r"(?m)(?:\d{1,2}[AP]M|\d{1,2} ?[ap]m|\d{1,2} ?[aApP]\.[mM]\.)";
    assert!(Pattern::new(ampm, false).unwrap().start_bytes.is_some());
    // The run's scan finds this one at word starts already.
    assert!(Pattern::new(r"\b\d+%", false)
        .unwrap()
        .start_bytes
        .is_none());
    assert!(Pattern::new(r"\w+\d", false).unwrap().start_bytes.is_none());
    // Found by its digits rather than by every full stop and slash.
    let dates = r"(?m)(?:\d{1,2}(?:\.|/)\d{1,2}(?:\.|/)\d{4}|\d{1,2} (?:Jan(?:uary)?|May) \d{4})";
    let pattern = Pattern::new(dates, true).unwrap();
    assert!(pattern.start_bytes.is_some() && pattern.literals.is_none());
    // A month's name further in is rare enough to be found by.
    let months = r"(?m)(?:\d{1,2} (?:Jan(?:uary)?|May) \d{4})";
    let pattern = Pattern::new(months, true).unwrap();
    assert!(pattern.start_bytes.is_none() && pattern.literals.is_some());
    let slashes = r"(?m)(?:(?-u:\b)\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?-u:\b))";
    let pattern = Pattern::new(slashes, true).unwrap();
    assert!(pattern.start_bytes.is_none() && pattern.literals.is_some());
}
