//! Turning a [`RawConfig`] into a [`Resolved`] configuration.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;
use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{DocumentOptions, DEFAULT_HEADER_PATTERN};
use crate::engine::Linter;
use crate::files::read::{read_text_file, MAX_CONFIG_FILE_SIZE};
use crate::rules::Settings;
use crate::ruleset::{self, CompiledRule, FileProblems, Source};
use crate::toml_reader::{self, Located};

use super::globs::glob_set;
use super::levels::{rule_levels, selects};
use super::{ConfigError, Overrides, RawConfig};

/// A configuration made ready to lint with.
pub struct Resolved {
    pub linter: Arc<Linter>,
    pub config: RawConfig,
    pub include: Option<GlobSet>,
    pub exclude: GlobSet,
}

/// Compile the rule sets a configuration names and give each rule its level.
pub fn resolve(config: RawConfig, overrides: &Overrides) -> Result<Resolved, ConfigError> {
    let root = config.root();
    let mut sources = Vec::new();
    let builtin: Vec<String> = match &config.builtin {
        Some(names) => names.iter().map(|n| n.value.clone()).collect(),
        None => ruleset::builtin_names()
            .into_iter()
            .map(String::from)
            .collect(),
    };
    sources.extend(builtin.iter().filter_map(|name| ruleset::builtin(name)));
    let mut house_style = overrides
        .house_style
        .clone()
        .or_else(|| config.house_style.as_ref().map(|h| h.value.clone()));
    let beside_config = |relative: &str| {
        if root == Path::new(".") {
            PathBuf::from(relative)
        } else {
            root.join(relative)
        }
    };
    let mut extra_files: Vec<PathBuf> = config
        .rule_sets
        .iter()
        .map(|p| beside_config(&p.value))
        .collect();
    if let Some(style) = house_style.as_ref().filter(|s| s.ends_with(".toml")) {
        extra_files.push(beside_config(style));
    }
    for path in &extra_files {
        let text = read_text_file(path, MAX_CONFIG_FILE_SIZE).map_err(|error| ConfigError::Io {
            path: path.clone(),
            error,
        })?;
        sources.push(Source::new(path.display().to_string(), text));
    }
    if let Some(style) = house_style.clone().filter(|s| s.ends_with(".toml")) {
        // A custom house style is named by its rule set's `name`.
        let name = sources
            .last()
            .and_then(|s| s.text.parse::<toml::Table>().ok())
            .and_then(|t| t.get("name").and_then(|n| n.as_str()).map(String::from));
        house_style = Some(name.unwrap_or(style));
    }
    let rules = ruleset::compile(&sources).map_err(ConfigError::Invalid)?;
    check_own_examples(&sources, &rules)?;
    check_command_line_rules(overrides, &rules)?;

    // Each file of an `extend` chain is checked as written, so that a
    // problem points into the file that has it.
    let layers = if config.extended.is_empty() {
        std::slice::from_ref(&config)
    } else {
        config.extended.as_slice()
    };
    let mut files = Vec::new();
    for layer in layers {
        let mut problems = Vec::new();
        check_rule_references(layer, &rules, &mut problems);
        if let (false, Some((_, source))) = (problems.is_empty(), &layer.source) {
            files.push(FileProblems {
                source: source.clone(),
                problems,
            });
        }
    }
    if !files.is_empty() {
        return Err(ConfigError::Invalid(files));
    }

    let levels = rule_levels(&config, overrides, &rules);
    let header = config
        .header_pattern
        .as_ref()
        .and_then(|p| Regex::new(&p.value).ok())
        .unwrap_or_else(|| {
            Regex::new(DEFAULT_HEADER_PATTERN).expect("the default header pattern is valid")
        });
    let language = overrides
        .language
        .clone()
        .or_else(|| config.language.clone())
        .unwrap_or_else(|| "en".to_string());
    let linter = Linter::new(
        rules.into_iter().zip(levels).collect(),
        Settings { house_style },
        DocumentOptions { header, language },
    );
    let include = if config.include.is_empty() {
        None
    } else {
        Some(glob_set(&config.include))
    };
    let exclude = glob_set(&config.exclude);
    Ok(Resolved {
        linter: Arc::new(linter),
        config,
        include,
        exclude,
    })
}

/// A repository's own rule sets must pass their own examples before they
/// are used. (The built-in ones are tested by `cargo test`.)
fn check_own_examples(sources: &[Source], rules: &[Arc<CompiledRule>]) -> Result<(), ConfigError> {
    let own: Vec<Arc<CompiledRule>> = rules
        .iter()
        .filter(|rule| !rule.meta.origin.starts_with("builtin/"))
        .cloned()
        .collect();
    let (_, failures) = crate::self_test::run_all(&own);
    let mut files: Vec<FileProblems> = Vec::new();
    for failure in failures {
        let Some(source) = sources.iter().find(|s| s.name == failure.origin) else {
            continue;
        };
        let diagnostic = failure.to_diagnostic();
        match files.iter_mut().find(|f| f.source.name == source.name) {
            Some(file) => file.problems.push(diagnostic),
            None => files.push(FileProblems {
                source: source.clone(),
                problems: vec![diagnostic],
            }),
        }
    }
    if files.is_empty() {
        Ok(())
    } else {
        Err(ConfigError::Invalid(files))
    }
}

fn check_command_line_rules(
    overrides: &Overrides,
    rules: &[Arc<CompiledRule>],
) -> Result<(), ConfigError> {
    let ids: Vec<&str> = rules.iter().map(|r| r.meta.id.as_ref()).collect();
    let named = overrides.select.iter().flatten().chain(&overrides.ignore);
    for name in named {
        if !ids.iter().any(|id| selects(name, id)) {
            return Err(ConfigError::UnknownRule {
                name: name.clone(),
                suggestion: toml_reader::did_you_mean(name, &ids).map(String::from),
            });
        }
    }
    Ok(())
}

/// Every rule id or family the config names must exist.
fn check_rule_references(
    config: &RawConfig,
    rules: &[Arc<CompiledRule>],
    problems: &mut Vec<Diagnostic>,
) {
    let ids: Vec<&str> = rules.iter().map(|r| r.meta.id.as_ref()).collect();
    let mut names: Vec<&Located<String>> = Vec::new();
    names.extend(&config.select);
    names.extend(&config.ignore);
    names.extend(config.severity.iter().map(|(id, _)| id));
    names.extend(config.per_path.iter().flat_map(|p| &p.rules));
    for name in names {
        if ids.iter().any(|id| selects(&name.value, id)) {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            "config.unknown-rule",
            Severity::Error,
            name.span.clone(),
            format!("no rule or family is called `{}`", name.value),
        );
        if let Some(close) = toml_reader::did_you_mean(&name.value, &ids) {
            diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
        }
        problems.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::raw::parse_text;

    #[test]
    fn unknown_rule_names_point_into_the_config() {
        let config = parse_text("ignore = [\"style.titel\"]\n").unwrap();
        let Err(ConfigError::Invalid(files)) = resolve(config, &Overrides::default()) else {
            panic!("an unknown rule must be refused");
        };
        assert_eq!(
            files[0].problems[0].help.as_deref(),
            Some("did you mean `style.titles`?")
        );
    }
}
