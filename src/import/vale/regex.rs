//! Vale's regular expressions (Go's `regexp2`, a .NET dialect) in copydesk's
//! syntax: Rust's `regex`, plus look-around and back-references where a
//! kind accepts them (`existence`, `substitution`, `first-reference`: see
//! `rules::pattern`). What differs is translated; what cannot be is refused
//! with the reason.

/// Where a translated pattern will run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Look-around and back-references accepted.
    WithLookAround,
    /// Rust's `regex` alone (the `count` and `repetition` kinds).
    Linear,
}

/// `pattern` in copydesk's syntax for `dialect`, or why it cannot be.
pub fn translate(pattern: &str, dialect: Dialect) -> Result<String, String> {
    for (construct, what, fancy) in [
        ("(?=", "a look-ahead `(?=...)`", true),
        ("(?!", "a negative look-ahead `(?!...)`", true),
        ("(?<=", "a look-behind `(?<=...)`", true),
        ("(?<!", "a negative look-behind `(?<!...)`", true),
        ("(?>", "an atomic group `(?>...)`", true),
        ("\\k<", "a named back-reference", true),
        ("(?#", "a comment group `(?#...)`", false),
    ] {
        if contains_unescaped(pattern, construct) && (!fancy || dialect == Dialect::Linear) {
            let why = if fancy {
                "copydesk's `count` and `repetition` kinds run linear-time expressions only"
            } else {
                "copydesk's regular expressions have no such construct"
            };
            return Err(format!("{what}: {why}"));
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
            Some(d @ '1'..='9') if dialect == Dialect::Linear => {
                return Err(format!(
                    "the back-reference `\\{d}`: copydesk's `count` and `repetition` kinds run linear-time expressions only"
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
    let compiled = match dialect {
        Dialect::Linear => regex::Regex::new(&out)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Dialect::WithLookAround => crate::rules::pattern::Pattern::new(&out, false).map(|_| ()),
    };
    compiled.map_err(|error| {
        let last = error.lines().last().unwrap_or("").trim().to_string();
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

/// `pattern` with its word boundaries (`\b`, `\B`) made ASCII ones, when
/// `regex` runs it alone. A Unicode word boundary stops the fast engine at
/// the first non-ASCII character (a curly quote, a dash), and news copy has
/// them in most paragraphs; the two differ only beside a letter outside
/// ASCII ("é"), which English style rules do not rely on. A pattern with
/// look-around is left as it is (its engine takes no ASCII boundary).
pub fn ascii_word_boundaries(pattern: &str) -> String {
    if translate(pattern, Dialect::Linear).is_err() {
        return pattern.to_string();
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if !in_class => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether `text` is a plain word or phrase, with nothing a regex reads specially.
pub fn is_literal(text: &str) -> bool {
    !text.chars().any(|c| "\\.+*?()|[]{}^$".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookaround_and_backreferences_are_refused_where_a_kind_cannot_run_them() {
        use Dialect::*;
        let refused = |p: &str| translate(p, Linear).unwrap_err();
        assert!(refused("it is(?!\\.)").contains("negative look-ahead"));
        assert!(refused("(?<!:[^ ]+?):\\s[A-Z]").contains("look-behind"));
        assert!(refused("(\\w+) \\1").contains("back-reference `\\1`"));
        assert_eq!(
            translate("it is(?!\\.)", WithLookAround).unwrap(),
            "it is(?!\\.)"
        );
        assert!(translate("(\\w+) \\1", WithLookAround).is_ok());
        assert!(translate("(unclosed", WithLookAround)
            .unwrap_err()
            .contains("not a regular expression copydesk can compile"));
        assert!(translate("a(?#note)", WithLookAround)
            .unwrap_err()
            .contains("comment group"));
    }

    #[test]
    fn word_boundaries_become_ascii_where_regex_runs_alone() {
        assert_eq!(
            ascii_word_boundaries("\\b(?:a|b)\\B"),
            "(?-u:\\b)(?:a|b)(?-u:\\B)"
        );
        assert_eq!(ascii_word_boundaries("\\bit is(?!\\.)"), "\\bit is(?!\\.)");
        assert_eq!(ascii_word_boundaries("\\\\b"), "\\\\b");
    }

    #[test]
    fn what_differs_is_translated_and_the_rest_kept() {
        let linear = |p: &str| translate(p, Dialect::Linear);
        assert_eq!(linear("end\\Z").unwrap(), "end\\z");
        assert_eq!(linear("a\\hb").unwrap(), "a[ \\t]b");
        assert_eq!(linear("\\(TM\\)").unwrap(), "\\(TM\\)");
        assert!(linear("\\\\(?=x)").is_err());
        assert!(linear("\\(?=x").is_ok());
    }
}
