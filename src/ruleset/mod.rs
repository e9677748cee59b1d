//! Rule sets: TOML files of `[[rule]]` tables, read raw and compiled into rules.
//!
//! Compilation validates everything before giving up, so a user sees every
//! mistake in a rule set at once, each pointing into the file.

pub mod reference;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{self, Check, Example, KindBuilder, RuleMeta, Scope, Term};
use crate::toml_reader::{self, Located, Problems, TableReader};

/// A rule set's text and the name it is shown under.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file's path as shown, or `builtin/NAME.toml` for a built-in set.
    pub name: Arc<str>,
    /// The whole text of the file.
    pub text: Arc<str>,
}

impl Source {
    /// A source named `name` holding `text`.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// The rule sets compiled into the binary, by the name config uses for them.
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rule_sets.rs"));

/// The built-in rule set `name` (`style`, `dates`, ...), if there is one.
pub fn builtin(name: &str) -> Option<Source> {
    BUILTIN
        .iter()
        .find(|(builtin, _)| *builtin == name)
        .map(|(name, text)| Source::new(format!("builtin/{name}.toml"), *text))
}

/// The names of the built-in rule sets.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(name, _)| *name).collect()
}

/// A rule ready to run.
pub struct CompiledRule {
    /// What every rule has: id, kind, severities, message, scope, examples,
    /// the rule set it comes from.
    pub meta: RuleMeta,
    /// The rule's kind, built from its table.
    pub check: Box<dyn Check>,
    /// The literal terms the rule looks for, matched for every rule at once
    /// by the run's shared automata.
    pub terms: Vec<Term>,
}

impl std::fmt::Debug for CompiledRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledRule")
            .field("id", &self.meta.id)
            .finish_non_exhaustive()
    }
}

/// The problems found in one file (a rule set or a configuration file).
#[derive(Clone, Debug)]
pub struct FileProblems {
    /// The file, for rendering the problems' spans.
    pub source: Source,
    /// Every problem found in it.
    pub problems: Vec<Diagnostic>,
}

const RULE_KEYS: &[&str] = &[
    "id",
    "kind",
    "severity",
    "message",
    "description",
    "scope",
    "house-styles",
    "languages",
    "example",
];
const EXAMPLE_KEYS: &[&str] = &["text", "findings", "fixed", "path", "house-style"];
const ROOT_KEYS: &[&str] = &["name", "description", "rule"];

/// Compile rule sets. Rule ids must be unique across all of them.
pub fn compile(sources: &[Source]) -> Result<Vec<Arc<CompiledRule>>, Vec<FileProblems>> {
    let mut rules: Vec<Arc<CompiledRule>> = Vec::new();
    let mut failures = Vec::new();
    let mut seen: HashMap<Arc<str>, (Arc<str>, Range<usize>)> = HashMap::new();
    for source in sources {
        let problems = Problems::default();
        let compiled = compile_one(source, &problems);
        for rule in &compiled {
            if let Some((first_file, first_span)) = seen.get(&rule.meta.id) {
                let mut diagnostic = Diagnostic::new(
                    "config.duplicate-rule",
                    Severity::Error,
                    rule.meta.id_span.clone(),
                    format!("rule id `{}` is defined twice", rule.meta.id),
                );
                if first_file == &source.name {
                    diagnostic = diagnostic.with_label(first_span.clone(), "first defined here");
                } else {
                    diagnostic = diagnostic.with_note(format!("first defined in {first_file}"));
                }
                problems.push(diagnostic);
            } else {
                seen.insert(
                    rule.meta.id.clone(),
                    (source.name.clone(), rule.meta.id_span.clone()),
                );
            }
        }
        if problems.is_empty() {
            rules.extend(compiled.into_iter().map(Arc::new));
        } else {
            let mut problems = problems.into_vec();
            problems.sort_by_key(|d| d.span.start);
            failures.push(FileProblems {
                source: source.clone(),
                problems,
            });
        }
    }
    if failures.is_empty() {
        Ok(rules)
    } else {
        Err(failures)
    }
}

fn compile_one(source: &Source, problems: &Problems) -> Vec<CompiledRule> {
    let Some(root) = toml_reader::parse(&source.text, problems) else {
        return Vec::new();
    };
    let mut reader = TableReader::new(root.get_ref(), root.span(), problems, "the rule set");
    reader.string("name");
    reader.string("description");
    let tables = reader.table_array("rule");
    reader.finish(ROOT_KEYS);
    tables
        .into_iter()
        .filter_map(|table| compile_rule(source, table, problems))
        .collect()
}

fn is_valid_id(id: &str) -> bool {
    let mut parts = id.split('.');
    let family_ok = parts.next().is_some_and(is_kebab);
    let rest: Vec<&str> = parts.collect();
    family_ok && !rest.is_empty() && rest.iter().all(|part| is_kebab(part))
}

fn is_kebab(part: &str) -> bool {
    !part.is_empty()
        && !part.starts_with('-')
        && !part.ends_with('-')
        && part
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn compile_rule(
    source: &Source,
    mut table: TableReader<'_, '_>,
    problems: &Problems,
) -> Option<CompiledRule> {
    let id = rule_id(&mut table, problems);
    let kind = rule_kind(&mut table, problems);
    let (default_severity, severity_when_on) = rule_severity(&mut table, problems);
    let scope = rule_scope(&mut table, problems);
    let message = table.string("message").map(|m| m.value);
    let description = table
        .string("description")
        .map(|d| d.value)
        .unwrap_or_default();
    let house_styles = table
        .string_list("house-styles")
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.value)
        .collect();
    let languages = table
        .string_list("languages")
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.value)
        .collect();
    let examples = table
        .table_array("example")
        .into_iter()
        .map(read_example)
        .collect();

    let id = id?;
    let kind = kind?;
    let meta = RuleMeta {
        id: id.value.into(),
        kind: kind.name.to_string(),
        default_severity,
        severity_when_on,
        message,
        description,
        scope,
        house_styles,
        languages,
        examples,
        origin: source.name.clone(),
        id_span: id.span,
    };
    let mut builder = KindBuilder::new(&mut table, &meta);
    let check = (kind.build)(&mut builder);
    let terms = builder.into_terms();
    let accepted: Vec<&str> = RULE_KEYS.iter().chain(kind.keys).copied().collect();
    table.finish(&accepted);
    Some(CompiledRule {
        meta,
        check: check?,
        terms,
    })
}

/// The rule's `id`, which names it in errors from here on; a malformed one
/// is reported and kept, so that the rest of the rule is still checked.
fn rule_id(table: &mut TableReader<'_, '_>, problems: &Problems) -> Option<Located<String>> {
    let id = table.required_string("id");
    if let Some(id) = &id {
        table.set_what(format!("rule `{}`", id.value));
        if !is_valid_id(&id.value) {
            problems.push(
                Diagnostic::new(
                    "config.rule-id",
                    Severity::Error,
                    id.span.clone(),
                    format!("rule id `{}` is not of the form `family.name`", id.value),
                )
                .with_help("use lower-case kebab-case words joined by a dot, e.g. `style.titles`"),
            );
        }
    }
    id
}

/// The rule's `kind`, with the known kinds when it names none of them.
fn rule_kind(table: &mut TableReader<'_, '_>, problems: &Problems) -> Option<&'static rules::Kind> {
    let kind_name = table.required_string("kind");
    kind_name.as_ref().and_then(|name| {
        let found = rules::find_kind(&name.value);
        if found.is_none() {
            let names: Vec<&str> = rules::kinds().iter().map(|k| k.name).collect();
            let mut diagnostic = Diagnostic::new(
                "config.unknown-kind",
                Severity::Error,
                name.span.clone(),
                format!("unknown rule kind `{}`", name.value),
            )
            .with_note(format!("known kinds: {}", names.join(", ")));
            if let Some(close) = toml_reader::did_you_mean(&name.value, &names) {
                diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
            }
            problems.push(diagnostic);
        }
        found
    })
}

/// The severity the rule ships with (`None`: off) and the one it takes
/// when selected.
fn rule_severity(
    table: &mut TableReader<'_, '_>,
    problems: &Problems,
) -> (Option<Severity>, Severity) {
    match table.string("severity") {
        None => (Some(Severity::Warning), Severity::Warning),
        Some(Located { value, span }) => match value.as_str() {
            "off" => (None, Severity::Warning),
            other => match Severity::parse(other) {
                Some(severity) => (Some(severity), severity),
                None => {
                    problems.error(
                        "config.value",
                        span,
                        format!("severity must be error, warning, info or off, not `{other}`"),
                    );
                    (Some(Severity::Warning), Severity::Warning)
                }
            },
        },
    }
}

/// Where the rule looks (`scope`), everywhere unless it says.
fn rule_scope(table: &mut TableReader<'_, '_>, problems: &Problems) -> Scope {
    match table.string("scope") {
        None => Scope::All,
        Some(Located { value, span }) => Scope::parse(&value).unwrap_or_else(|| {
            problems.error(
                "config.value",
                span,
                format!(
                    "scope must be one of {}, not `{value}`",
                    Scope::NAMES.join(", ")
                ),
            );
            Scope::All
        }),
    }
}

fn read_example(mut table: TableReader<'_, '_>) -> Example {
    let text = table.required_string("text");
    let span = text
        .as_ref()
        .map_or_else(|| table.span(), |t| t.span.clone());
    let text = text.map(|t| t.value).unwrap_or_default();
    let findings = table
        .integer("findings")
        .map(|n| usize::try_from(n.value).unwrap_or(0))
        .unwrap_or(0);
    let fixed = table.string("fixed").map(|f| f.value);
    let path = table
        .string("path")
        .map(|p| p.value)
        .unwrap_or_else(|| "example.txt".to_string());
    let house_style = table.string("house-style").map(|h| h.value);
    table.finish(EXAMPLE_KEYS);
    Example {
        text,
        findings,
        fixed,
        path,
        house_style,
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(text: &str) -> Vec<(String, String)> {
        let source = Source::new("test.toml", text);
        match compile(&[source]) {
            Ok(_) => Vec::new(),
            Err(files) => files[0]
                .problems
                .iter()
                .map(|d| (d.rule.to_string(), text[d.span.clone()].to_string()))
                .collect(),
        }
    }

    #[test]
    fn every_mistake_is_reported_at_once() {
        let text = r#"
[[rule]]
id = "style.kiev"
kind = "substitution"
sevrity = "error"
swap = { "Kiev" = "Kyiv" }

[[rule]]
id = "style.kiev"
kind = "existance"

[[rule]]
id = "style.bad-regex"
kind = "existence"
patterns = ["(unclosed"]
"#;
        let found = problems_of(text);
        let codes: Vec<&str> = found.iter().map(|(code, _)| code.as_str()).collect();
        assert_eq!(
            codes,
            ["config.unknown-key", "config.unknown-kind", "config.regex"],
            "{found:?}"
        );
        assert_eq!(found[0].1, "sevrity");
        assert_eq!(found[1].1, "\"existance\"");
        assert_eq!(found[2].1, "\"(unclosed\"");
    }

    #[test]
    fn a_family_check_that_does_not_exist_is_named_with_the_ones_that_do() {
        for kind in ["dates", "quotes", "country"] {
            let text = format!("[[rule]]\nid = \"house.x\"\nkind = \"{kind}\"\ncheck = \"nope\"\n");
            let Err(files) = compile(&[Source::new("t.toml", text.as_str())]) else {
                panic!("an unknown {kind} check must fail");
            };
            let problem = &files[0].problems[0];
            assert_eq!(&text[problem.span.clone()], "\"nope\"", "{kind}");
            assert!(
                problem
                    .message
                    .contains(&format!("`{kind}` rule must be one of"))
                    && problem.message.ends_with("not `nope`"),
                "{kind}: {}",
                problem.message
            );
        }
        let missing = "[[rule]]\nid = \"house.x\"\nkind = \"dates\"\n";
        let Err(files) = compile(&[Source::new("t.toml", missing)]) else {
            panic!("a dates rule without a check must fail");
        };
        assert_eq!(files[0].problems[0].rule.as_ref(), "config.missing-key");
    }

    #[test]
    fn duplicate_ids_label_both_places() {
        let text = "[[rule]]\nid = \"a.b\"\nkind = \"existence\"\nterms = [\"x\"]\n[[rule]]\nid = \"a.b\"\nkind = \"existence\"\nterms = [\"y\"]\n";
        let Err(files) = compile(&[Source::new("t.toml", text)]) else {
            panic!("duplicate ids must fail");
        };
        let duplicate = &files[0].problems[0];
        assert_eq!(duplicate.rule.as_ref(), "config.duplicate-rule");
        assert_eq!(duplicate.labels.len(), 1);
        assert_ne!(duplicate.span, duplicate.labels[0].span);
    }

    #[test]
    fn ids_must_be_family_dot_name() {
        assert!(is_valid_id("quotes.unclosed"));
        assert!(is_valid_id("country.context"));
        assert!(!is_valid_id("Quotes.Unclosed"));
        assert!(!is_valid_id("quotes"));
        assert!(!is_valid_id("quotes.-x"));
    }

    #[test]
    fn every_rule_set_in_rules_is_built_in_and_no_data_file_is() {
        assert_eq!(
            builtin_names(),
            ["archive", "countries", "dates", "quotes", "style"]
        );
    }

    #[test]
    fn builtin_rule_sets_compile() {
        let sources: Vec<Source> = builtin_names().into_iter().filter_map(builtin).collect();
        let compiled = compile(&sources);
        assert!(compiled.is_ok(), "{:?}", compiled.err());
    }
}
