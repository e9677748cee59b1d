//! Writing converted rules as a copydesk rule set in TOML.

use std::fmt::Write as _;

/// A value of a rule's own key.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Flag(bool),
    Whole(i64),
    Number(f64),
    List(Vec<String>),
    /// A table of strings, in order (`swap`, `patterns`).
    Map(Vec<(String, String)>),
    /// `consistency` groups: each a list of variants.
    Groups(Vec<Vec<String>>),
}

/// One rule, converted.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub kind: &'static str,
    pub severity: String,
    pub scope: Option<&'static str>,
    pub message: Option<String>,
    pub description: String,
    pub keys: Vec<(&'static str, Value)>,
}

/// A TOML string for `text`: literal when it can be (regexes stay readable),
/// else basic with escapes.
pub fn quote(text: &str) -> String {
    if !text.contains('\'') && !text.chars().any(char::is_control) {
        return format!("'{text}'");
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn value(v: &Value) -> String {
    match v {
        Value::Text(text) => quote(text),
        Value::Flag(flag) => flag.to_string(),
        Value::Whole(n) => n.to_string(),
        Value::Number(x) => {
            let shown = x.to_string();
            if shown.contains(['.', 'e', 'E']) {
                shown
            } else {
                format!("{shown}.0")
            }
        }
        Value::List(items) => list(items),
        Value::Map(_) | Value::Groups(_) => String::new(),
    }
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| quote(item)).collect();
    let one_line = format!("[{}]", quoted.join(", "));
    if one_line.len() <= 80 {
        return one_line;
    }
    let mut out = String::from("[\n");
    for item in quoted {
        let _ = writeln!(out, "  {item},");
    }
    out.push(']');
    out
}

/// The rule set: a header, the comment block of what was not imported, and
/// each rule.
pub fn rule_set(header: &str, not_imported: &[String], rules: &[Rule]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    if !not_imported.is_empty() {
        out.push_str("#\n# Not imported (copydesk has no equivalent):\n");
        for line in not_imported {
            let _ = writeln!(out, "#   {line}");
        }
    }
    for rule in rules {
        out.push_str("\n[[rule]]\n");
        let _ = writeln!(out, "id = {}", quote(&rule.id));
        let _ = writeln!(out, "kind = {}", quote(rule.kind));
        let _ = writeln!(out, "severity = {}", quote(&rule.severity));
        if let Some(scope) = rule.scope {
            let _ = writeln!(out, "scope = {}", quote(scope));
        }
        if let Some(message) = &rule.message {
            let _ = writeln!(out, "message = {}", quote(message));
        }
        let _ = writeln!(out, "description = {}", quote(&rule.description));
        // Tables come last, as sub-tables: TOML 1.0 has no multi-line
        // inline tables, and other tools read these files too.
        let (tables, plain): (Vec<_>, Vec<_>) = rule
            .keys
            .iter()
            .partition(|(_, v)| matches!(v, Value::Map(_) | Value::Groups(_)));
        for (key, v) in plain {
            let _ = writeln!(out, "{key} = {}", value(v));
        }
        for (key, v) in tables {
            match v {
                Value::Map(entries) => {
                    let _ = writeln!(out, "[rule.{key}]");
                    for (k, v) in entries {
                        let _ = writeln!(out, "{} = {}", quote(k), quote(v));
                    }
                }
                Value::Groups(groups) => {
                    for variants in groups {
                        let _ = writeln!(out, "[[rule.{key}]]\nvariants = {}", list(variants));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sub_tables_that_toml_1_0_reads() {
        let rule = Rule {
            id: "s.r".to_string(),
            kind: "substitution",
            severity: "info".to_string(),
            scope: None,
            message: None,
            description: "d".to_string(),
            keys: vec![
                (
                    "swap",
                    Value::Map(vec![("a b".to_string(), "c".to_string())]),
                ),
                ("ignore-case", Value::Flag(true)),
            ],
        };
        let text = rule_set("h", &[], &[rule]);
        assert!(
            text.ends_with("ignore-case = true\n[rule.swap]\n'a b' = 'c'\n"),
            "{text}"
        );
    }

    #[test]
    fn strings_are_literal_unless_they_cannot_be() {
        assert_eq!(quote("\\b(?:a|b)\\b"), "'\\b(?:a|b)\\b'");
        assert_eq!(quote("don't"), "\"don't\"");
        assert_eq!(quote("it's \"x\"\\"), "\"it's \\\"x\\\"\\\\\"");
        assert_eq!(quote("a\nb"), "\"a\\nb\"");
    }
}
