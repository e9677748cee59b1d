//! Each Vale kind as the copydesk kind closest to it.

use serde_yaml_ng::{Mapping, Value as Yaml};

use super::regex::{ascii_word_boundaries, is_literal, translate, Dialect};
use super::write::{Rule, Value};
use super::{rule_id, NotImported};

/// Vale's level as a copydesk severity.
pub fn severity(level: &str) -> String {
    match level {
        "error" => "error",
        "warning" => "warning",
        _ => "info",
    }
    .to_string()
}

/// A rule's own level, `suggestion` when it gives none (as in Vale).
pub fn own_level(text: &str) -> String {
    serde_yaml_ng::from_str::<Yaml>(text)
        .ok()
        .and_then(|yaml| text_of(yaml.get("level")?))
        .unwrap_or_else(|| "suggestion".to_string())
}

fn text_of(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Number(n) => Some(n.to_string()),
        Yaml::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

struct Source<'y> {
    name: &'y str,
    yaml: &'y Mapping,
    not_imported: &'y mut Vec<NotImported>,
}

impl Source<'_> {
    fn text(&self, key: &str) -> Option<String> {
        self.yaml.get(key).and_then(text_of)
    }

    fn flag(&self, key: &str) -> bool {
        matches!(self.yaml.get(key), Some(Yaml::Bool(true)))
    }

    fn list(&self, key: &str) -> Vec<String> {
        match self.yaml.get(key) {
            Some(Yaml::Sequence(items)) => items.iter().filter_map(text_of).collect(),
            Some(other) => text_of(other).into_iter().collect(),
            None => Vec::new(),
        }
    }

    fn map(&self, key: &str) -> Vec<(String, String)> {
        let mut entries = Vec::new();
        let mut collect = |map: &Mapping| {
            for (k, v) in map {
                if let (Some(k), Some(v)) = (text_of(k), text_of(v)) {
                    entries.push((k, v));
                }
            }
        };
        match self.yaml.get(key) {
            Some(Yaml::Mapping(map)) => collect(map),
            // `either` may also be written as a list of one-entry tables.
            Some(Yaml::Sequence(items)) => items
                .iter()
                .filter_map(Yaml::as_mapping)
                .for_each(&mut collect),
            _ => {}
        }
        entries
    }

    fn refuse<T>(&mut self, reason: impl Into<String>) -> Option<T> {
        self.not_imported.push(NotImported {
            rule: self.name.to_string(),
            reason: reason.into(),
            whole_rule: true,
        });
        None
    }

    fn drop_part(&mut self, part: &str, reason: &str) {
        self.not_imported.push(NotImported {
            rule: self.name.to_string(),
            reason: format!("`{part}` left out: {reason}"),
            whole_rule: false,
        });
    }

    /// Each pattern translated; the ones that cannot be are named and left out.
    fn translated(&mut self, patterns: Vec<String>, dialect: Dialect) -> Vec<String> {
        patterns
            .into_iter()
            .filter_map(|pattern| match translate(&pattern, dialect) {
                Ok(rust) => Some(rust),
                Err(reason) => {
                    self.drop_part(&pattern, &reason);
                    None
                }
            })
            .collect()
    }
}

/// The rule of `text`, a Vale rule named `Style.Rule`; `None` after
/// recording why when it cannot be imported.
pub fn convert(name: &str, text: &str, not_imported: &mut Vec<NotImported>) -> Option<Rule> {
    let yaml = match serde_yaml_ng::from_str::<Yaml>(text) {
        Ok(Yaml::Mapping(map)) => map,
        Ok(_) => Mapping::new(),
        Err(error) => {
            not_imported.push(NotImported {
                rule: name.to_string(),
                reason: format!("not valid YAML ({error})"),
                whole_rule: true,
            });
            return None;
        }
    };
    let mut source = Source {
        name,
        yaml: &yaml,
        not_imported,
    };
    let extends = source.text("extends").unwrap_or_default();
    let level = source
        .text("level")
        .unwrap_or_else(|| "suggestion".to_string());
    let link = source.text("link");
    let mut description = format!("Vale rule {name} ({extends}), imported.");
    if let Some(link) = &link {
        description.push_str(&format!("\n\nSee {link}"));
    }
    let message = source.text("message");
    let scope = match source.text("scope").as_deref() {
        Some("heading") | Some("heading.h1") | Some("heading.h2") | Some("heading.h3") => {
            Some("headings")
        }
        _ => None,
    };
    let (kind, keys, message) = match extends.as_str() {
        "existence" => (
            "existence",
            existence(&mut source)?,
            message.map(|m| vale_message(&m, &["match"])),
        ),
        "substitution" => (
            "substitution",
            substitution(&mut source)?,
            message.map(|m| vale_message(&m, &["suggestion", "match"])),
        ),
        "occurrence" => ("count", occurrence(&mut source)?, message.map(|m| vale_message(&m, &["match"]))),
        "repetition" => (
            "repetition",
            repetition(&mut source)?,
            message.map(|m| vale_message(&m, &["match"])),
        ),
        "conditional" => (
            "first-reference",
            conditional(&mut source)?,
            message.map(|m| vale_message(&m, &["match"])),
        ),
        "consistency" => (
            "consistency",
            consistency(&mut source)?,
            message.map(|m| vale_message(&m, &["match"])),
        ),
        "metric" => ("readability", metric(&mut source)?, message.map(|m| vale_message(&m, &["score"]))),
        "capitalization" => {
            return source.refuse(
                "kind `capitalization` (a heading's case style, `$title` or `$sentence`): copydesk's capitalization kind checks listed terms, not a whole heading",
            )
        }
        "sequence" => return source.refuse("kind `sequence` needs part-of-speech tagging, which copydesk does not do"),
        "spelling" => return source.refuse("kind `spelling` needs a dictionary, which copydesk does not have"),
        "script" => return source.refuse("kind `script` runs Tengo scripts, which copydesk does not"),
        "" => return source.refuse("no `extends`: not a Vale rule"),
        other => return source.refuse(format!("kind `{other}` has no copydesk equivalent")),
    };
    Some(Rule {
        id: rule_id(name),
        kind,
        severity: severity(&level),
        scope,
        message,
        description,
        keys,
    })
}

/// Vale's `%s` placeholders in order as copydesk's `{name}`s; a literal
/// `%%` stays a percent sign.
fn vale_message(message: &str, names: &[&str]) -> String {
    let mut out = String::with_capacity(message.len() + 8);
    let mut rest = message;
    let mut next = 0;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('s') {
            let name = names.get(next).or(names.last()).copied().unwrap_or("match");
            out.push_str(&format!("{{{name}}}"));
            next += 1;
            rest = tail;
        } else if let Some(tail) = after.strip_prefix('%') {
            out.push('%');
            rest = tail;
        } else {
            out.push('%');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn ignore_case(source: &Source<'_>) -> (&'static str, Value) {
    ("ignore-case", Value::Flag(source.flag("ignorecase")))
}

fn existence(source: &mut Source<'_>) -> Option<Vec<(&'static str, Value)>> {
    let tokens = source.list("tokens");
    let raw = source.list("raw");
    if tokens.is_empty() && raw.is_empty() {
        return source.refuse("an existence rule with neither `tokens` nor `raw`");
    }
    let raw_count = raw.len();
    let raw = source.translated(raw, Dialect::WithLookAround);
    if raw.len() != raw_count {
        return source.refuse("part of its `raw` expression cannot be translated (see above)");
    }
    let tokens_count = tokens.len();
    let tokens = source.translated(tokens, Dialect::WithLookAround);
    if tokens.is_empty() && tokens_count > 0 {
        return source.refuse("none of its tokens can be translated");
    }
    if !source.list("exceptions").is_empty() {
        source.drop_part("exceptions", "copydesk's existence kind has no exceptions");
    }
    let word = !source.flag("nonword") && !tokens.is_empty();
    let (terms, tokens): (Vec<String>, Vec<String>) = if word && raw.is_empty() {
        tokens.into_iter().partition(|token| is_term(token))
    } else {
        (Vec::new(), tokens)
    };
    let wrap = |alternation: &str| {
        if word {
            format!("\\b(?:{alternation})\\b")
        } else if alternation.is_empty() {
            String::new()
        } else {
            format!("(?:{alternation})")
        }
    };
    // Tokens that need look-around are patterns of their own, so that the
    // others stay one linear-time alternation.
    let (linear, fancy): (Vec<String>, Vec<String>) = tokens
        .into_iter()
        .partition(|token| translate(token, Dialect::Linear).is_ok());
    let prefix = format!("(?m){}", raw.join(""));
    let mut patterns = Vec::new();
    if !linear.is_empty() || (fancy.is_empty() && terms.is_empty()) {
        patterns.push(format!("{prefix}{}", wrap(&linear.join("|"))));
    }
    patterns.extend(fancy.iter().map(|token| format!("{prefix}{}", wrap(token))));
    for pattern in &patterns {
        if let Err(reason) = translate(pattern, Dialect::WithLookAround) {
            return source.refuse(format!("its combined expression: {reason}"));
        }
    }
    let patterns: Vec<String> = patterns.iter().map(|p| ascii_word_boundaries(p)).collect();
    let mut keys = Vec::new();
    if !terms.is_empty() {
        keys.push(("terms", Value::List(terms)));
    }
    if !patterns.is_empty() {
        keys.push(("patterns", Value::List(patterns)));
    }
    keys.push(ignore_case(source));
    Some(keys)
}

fn substitution(source: &mut Source<'_>) -> Option<Vec<(&'static str, Value)>> {
    let swap = source.map("swap");
    if swap.is_empty() {
        return source.refuse("a substitution rule without `swap`");
    }
    let word = !source.flag("nonword");
    let mut patterns = Vec::new();
    let mut words = Vec::new();
    let mut any_choice = false;
    for (wrong, right) in swap {
        any_choice |= right.contains(['(', '|']);
        // A plain word or phrase is a term: found by the run's one scan
        // of every rule's terms, whole words only, as `\b` makes it in Vale.
        if word && is_term(&wrong) {
            words.push((wrong, right));
            continue;
        }
        match translate(&wrong, Dialect::WithLookAround) {
            Ok(rust) if word => patterns.push((
                ascii_word_boundaries(&format!("\\b(?:{rust})\\b")),
                right.clone(),
            )),
            Ok(rust) => patterns.push((ascii_word_boundaries(&rust), right.clone())),
            Err(reason) => source.drop_part(&wrong, &reason),
        }
    }
    if patterns.is_empty() && words.is_empty() {
        return source.refuse("none of its `swap` entries can be translated");
    }
    // A replacement such as "camera operator(s)" or "a|b" is advice, not text.
    let applicability = if any_choice { "display-only" } else { "unsafe" };
    let mut keys = Vec::new();
    if !words.is_empty() {
        keys.push(("swap", Value::Map(words)));
    }
    if !patterns.is_empty() {
        keys.push(("patterns", Value::Map(patterns)));
    }
    keys.push(ignore_case(source));
    keys.push(("applicability", Value::Text(applicability.to_string())));
    Some(keys)
}

/// A token copydesk can match as a term: a word or phrase of letters,
/// digits, blanks, apostrophes and hyphens, starting and ending with a
/// letter or digit (so that the term's whole-word test is Vale's `\b`).
fn is_term(token: &str) -> bool {
    is_literal(token)
        && token.starts_with(|c: char| c.is_ascii_alphanumeric())
        && token.ends_with(|c: char| c.is_ascii_alphanumeric())
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '\'' | '-'))
}

fn occurrence(source: &mut Source<'_>) -> Option<Vec<(&'static str, Value)>> {
    let per = match source.text("scope").as_deref() {
        Some("sentence") => "sentence",
        Some("paragraph") => "paragraph",
        Some("text") | None => "document",
        Some(other) => {
            return source.refuse(format!(
                "an occurrence over `{other}`, which copydesk does not count"
            ))
        }
    };
    let Some(token) = source.text("token") else {
        return source.refuse("an occurrence rule without `token`");
    };
    let token = match translate(&token, Dialect::Linear) {
        Ok(token) => token,
        Err(reason) => return source.refuse(format!("its `token`: {reason}")),
    };
    let mut keys = vec![
        ("per", Value::Text(per.to_string())),
        ("pattern", Value::Text(ascii_word_boundaries(&token))),
        ignore_case(source),
    ];
    for bound in ["max", "min"] {
        if let Some(n) = source.text(bound).and_then(|n| n.parse::<i64>().ok()) {
            keys.push((bound, Value::Whole(n)));
        }
    }
    if keys.len() == 3 {
        return source.refuse("an occurrence rule without `max` or `min`");
    }
    Some(keys)
}

fn repetition(source: &mut Source<'_>) -> Option<Vec<(&'static str, Value)>> {
    let tokens = source.list("tokens");
    let tokens = source.translated(tokens, Dialect::Linear);
    if tokens.is_empty() {
        return source.refuse("a repetition rule without tokens copydesk can run");
    }
    Some(vec![
        (
            "pattern",
            Value::Text(ascii_word_boundaries(&format!("(?:{})", tokens.join("|")))),
        ),
        ignore_case(source),
        ("letters-only", Value::Flag(source.flag("alpha"))),
    ])
}

fn conditional(source: &mut Source<'_>) -> Option<Vec<(&'static str, Value)>> {
    let (Some(first), Some(second)) = (source.text("first"), source.text("second")) else {
        return source.refuse("a conditional rule needs `first` and `second`");
    };
    let (first, second) = match (
        translate(&first, Dialect::WithLookAround),
        translate(&second, Dialect::WithLookAround),
    ) {
        (Ok(first), Ok(second)) => (first, second),
        (Err(reason), _) | (_, Err(reason)) => return source.refuse(reason),
    };
    let exceptions: Vec<String> = source.list("exceptions");
    Some(vec![
        ("first", Value::Text(ascii_word_boundaries(&first))),
        ("second", Value::Text(ascii_word_boundaries(&second))),
        ("exceptions", Value::List(exceptions)),
        ignore_case(source),
    ])
}

fn consistency(source: &mut Source<'_>) -> Option<Vec<(&'static str, Value)>> {
    let either = source.map("either");
    let mut groups = Vec::new();
    for (a, b) in either {
        if is_literal(&a) && is_literal(&b) {
            groups.push(vec![a, b]);
        } else {
            source.drop_part(
                &format!("{a}: {b}"),
                "copydesk's consistency kind takes words, not regular expressions",
            );
        }
    }
    if groups.is_empty() {
        return source.refuse("no pair of `either` is made of plain words");
    }
    Some(vec![("groups", Value::Groups(groups)), ignore_case(source)])
}

fn metric(source: &mut Source<'_>) -> Option<Vec<(&'static str, Value)>> {
    let (Some(formula), Some(condition)) = (source.text("formula"), source.text("condition"))
    else {
        return source.refuse("a metric rule needs `formula` and `condition`");
    };
    let condition = condition.replace(' ', "");
    let (key, number) = if let Some(n) = condition.strip_prefix('>') {
        ("max", n.trim_start_matches('='))
    } else if let Some(n) = condition.strip_prefix('<') {
        ("min", n.trim_start_matches('='))
    } else {
        return source.refuse(format!(
            "condition `{condition}`: only `>` and `<` translate"
        ));
    };
    let Ok(number) = number.parse::<f64>() else {
        return source.refuse(format!(
            "condition `{condition}` is not a comparison with a number"
        ));
    };
    let formula = formula
        .replace("math.Sqrt", "sqrt")
        .replace("math.sqrt", "sqrt");
    Some(vec![
        ("formula", Value::Text(formula)),
        ("per", Value::Text("document".to_string())),
        (key, Value::Number(number)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_take_copydesk_placeholders() {
        assert_eq!(
            vale_message("Use '%s' instead of '%s'.", &["suggestion", "match"]),
            "Use '{suggestion}' instead of '{match}'."
        );
        assert_eq!(
            vale_message("'%s' at 100%%", &["match"]),
            "'{match}' at 100%"
        );
    }

    #[test]
    fn an_unsupported_kind_is_named_with_why() {
        let mut not_imported = Vec::new();
        assert!(convert(
            "Google.Spelling",
            "extends: spelling\nmessage: x\n",
            &mut not_imported
        )
        .is_none());
        assert_eq!(not_imported.len(), 1);
        assert!(not_imported[0].reason.contains("dictionary"));
    }
}
