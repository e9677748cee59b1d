//! Vale's regular expressions (Go's `regexp2`, a .NET dialect) in Rust's
//! `regex` syntax: what differs is translated, what `regex` cannot express
//! (look-around, back-references, atomic groups) is refused with the reason.

/// `pattern` in Rust syntax, or why it cannot be.
pub fn translate(pattern: &str) -> Result<String, String> {
    for (construct, what) in [
        ("(?=", "a look-ahead `(?=...)`"),
        ("(?!", "a negative look-ahead `(?!...)`"),
        ("(?<=", "a look-behind `(?<=...)`"),
        ("(?<!", "a negative look-behind `(?<!...)`"),
        ("(?>", "an atomic group `(?>...)`"),
        ("\\k<", "a named back-reference"),
    ] {
        if contains_unescaped(pattern, construct) {
            return Err(format!(
                "{what} has no equivalent in copydesk's regular expressions"
            ));
        }
    }
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(d @ '1'..='9') => {
                return Err(format!(
                    "the back-reference `\\{d}` has no equivalent in copydesk's regular expressions"
                ))
            }
            // Go's end of text before a final line break; copydesk's
            // prose ends where the text does.
            Some('Z') => out.push_str("\\z"),
            Some('h') => out.push_str("[ \\t]"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    regex::Regex::new(&out).map_err(|error| {
        let detail = error.to_string();
        let last = detail.lines().last().unwrap_or("").trim().to_string();
        format!("not a regular expression copydesk can compile ({last})")
    })?;
    Ok(out)
}

/// Whether `construct` occurs in `pattern` other than escaped.
fn contains_unescaped(pattern: &str, construct: &str) -> bool {
    pattern.match_indices(construct).any(|(at, _)| {
        let backslashes = pattern[..at]
            .chars()
            .rev()
            .take_while(|&c| c == '\\')
            .count();
        backslashes % 2 == 0
    })
}

/// Whether `text` is a plain word or phrase, with nothing a regex reads specially.
pub fn is_literal(text: &str) -> bool {
    !text.chars().any(|c| "\\.+*?()|[]{}^$".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookaround_and_backreferences_are_refused_with_the_reason() {
        assert!(translate("it is(?!\\.)")
            .unwrap_err()
            .contains("negative look-ahead"));
        assert!(translate("(?<!:[^ ]+?):\\s[A-Z]")
            .unwrap_err()
            .contains("look-behind"));
        assert!(translate("(\\w+) \\1")
            .unwrap_err()
            .contains("back-reference `\\1`"));
        assert!(translate("(unclosed")
            .unwrap_err()
            .contains("cannot compile"));
    }

    #[test]
    fn what_differs_is_translated_and_the_rest_kept() {
        assert_eq!(translate("end\\Z").unwrap(), "end\\z");
        assert_eq!(translate("a\\hb").unwrap(), "a[ \\t]b");
        assert_eq!(translate("\\(TM\\)").unwrap(), "\\(TM\\)");
        assert_eq!(translate("\\\\(?=x)").unwrap_err().is_empty(), false);
        assert_eq!(translate("\\(?=").is_ok(), false);
    }
}
