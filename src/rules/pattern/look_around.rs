//! A pattern's look-around taken out, for the linear-time filter that
//! every match of the pattern also matches.

/// `source` with its look-around groups taken out, or `None` when it has
/// back-references or atomic groups (which taking out would not make a
/// superset of). Look-around matches no text, so what is left matches
/// from every start the whole pattern does, and from more. A lookahead
/// that ends the pattern is kept as a plain group instead: what it looks
/// at follows every match, so it can be matched too.
pub(super) fn without_look_around(source: &str) -> Option<String> {
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    let mut in_class = false;
    while at < bytes.len() {
        let rest = &source[at..];
        let c = rest.chars().next()?;
        if c == '\\' {
            let next = rest[1..].chars().next()?;
            if next.is_ascii_digit() && next != '0' || next == 'k' {
                return None;
            }
            out.push(c);
            out.push(next);
            at += 1 + next.len_utf8();
            continue;
        }
        if in_class {
            in_class = c != ']';
        } else if c == '[' {
            in_class = true;
            // A `]` first in a class is a literal, not its end.
            if rest[1..].starts_with(']') || rest[1..].starts_with("^]") {
                let literal = if rest[1..].starts_with('^') { 3 } else { 2 };
                out.push_str(&rest[..literal]);
                at += literal;
                continue;
            }
        } else if rest.starts_with("(?>") {
            return None;
        } else if ["(?=", "(?!", "(?<=", "(?<!"]
            .iter()
            .any(|open| rest.starts_with(open))
        {
            let len = group_len(rest)?;
            // A lookahead that ends every match it is part of (nothing but
            // closing groups after it) may as well be matched: the filter
            // still matches from every start the pattern does, and from
            // far fewer others ("I" followed by a space, not every "I").
            if rest.starts_with("(?=") && rest[len..].bytes().all(|b| b == b')') {
                out.push_str("(?:");
                out.push_str(&rest[3..len]);
                at += len;
                continue;
            }
            at += len;
            continue;
        }
        out.push(c);
        at += c.len_utf8();
    }
    Some(out)
}

/// The length of the group that opens `text`, to its closing parenthesis.
fn group_len(text: &str) -> Option<usize> {
    let mut depth = 0;
    let mut in_class = false;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            ']' if in_class => in_class = false,
            _ if in_class => {}
            '[' => in_class = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_around_is_taken_out_for_the_filter() {
        assert_eq!(
            without_look_around("(?<!x)it is(?!\\.|[)(])\\b").as_deref(),
            Some("it is\\b")
        );
        assert_eq!(without_look_around("a(?=[(])b").as_deref(), Some("ab"));
        assert_eq!(
            without_look_around("(?:(?:^|\\s)I(?=\\s))").as_deref(),
            Some("(?:(?:^|\\s)I(?:\\s))")
        );
        assert_eq!(without_look_around("x(?=y)|z").as_deref(), Some("x|z"));
        assert_eq!(without_look_around("(\\w+) \\1"), None);
        assert_eq!(without_look_around("(?>a)"), None);
    }
}
