//! Turning a [`RawConfig`] into a [`Resolved`] configuration.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;
use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{DocumentOptions, PathLanguages, DEFAULT_HEADER_PATTERN};
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
    /// The compiled rules with their levels.
    pub linter: Arc<Linter>,
    /// The configuration as read, for what the linter does not hold (the
    /// glob root, `fail-on`, `[[per-path]]`).
    pub config: RawConfig,
    /// `include`, compiled; `None` when it is not set and every file is in.
    pub include: Option<GlobSet>,
    /// `exclude`, compiled. Both are matched against paths relative to
    /// [`RawConfig::glob_root()`].
    pub exclude: GlobSet,
}

/// Compile the rule sets a configuration names and give each rule its level.
pub fn resolve(config: RawConfig, overrides: &Overrides) -> Result<Resolved, ConfigError> {
    let written_style = overrides
        .house_style
        .clone()
        .or_else(|| config.house_style.as_ref().map(|h| h.value.clone()));
    let mut sources = builtin_sources(&config);
    sources.extend(read_rule_set_files(&config, written_style.as_deref())?);
    let house_style = house_style_name(written_style, &sources);
    let rules = ruleset::compile(&sources).map_err(ConfigError::Invalid)?;
    // Failing examples and unknown rule names are reported together.
    let mut problems = Vec::new();
    for check in [
        check_own_examples(&sources, &rules),
        check_rule_names_in_files(&config, &rules),
    ] {
        if let Err(ConfigError::Invalid(files)) = check {
            problems.extend(files);
        }
    }
    if !problems.is_empty() {
        return Err(ConfigError::Invalid(problems));
    }
    check_command_line_rules(overrides, &rules)?;

    let levels = rule_levels(&config, overrides, &rules);
    let linter = Linter::new(
        rules.into_iter().zip(levels).collect(),
        Settings { house_style },
        document_options(&config, overrides),
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

/// The built-in rule sets the configuration names, all of them by default.
fn builtin_sources(config: &RawConfig) -> Vec<Source> {
    match &config.builtin {
        Some(names) => names
            .iter()
            .filter_map(|name| ruleset::builtin(&name.value))
            .collect(),
        None => ruleset::builtin_names()
            .into_iter()
            .filter_map(ruleset::builtin)
            .collect(),
    }
}

/// The rule-set files a configuration names, read from its folder: its
/// `rule-sets`, then the house style when that is a file (`.toml`).
fn read_rule_set_files(
    config: &RawConfig,
    house_style: Option<&str>,
) -> Result<Vec<Source>, ConfigError> {
    let root = config.root();
    let beside_config = |relative: &str| {
        if root == Path::new(".") {
            PathBuf::from(relative)
        } else {
            root.join(relative)
        }
    };
    let style_file = house_style.filter(|style| style.ends_with(".toml"));
    let names = config
        .rule_sets
        .iter()
        .map(|set| set.value.as_str())
        .chain(style_file);
    names
        .map(|name| {
            let path = beside_config(name);
            match read_text_file(&path, MAX_CONFIG_FILE_SIZE) {
                Ok(text) => Ok(Source::new(path.display().to_string(), text)),
                Err(error) => Err(ConfigError::Io { path, error }),
            }
        })
        .collect()
}

/// The problems a broken configuration's rule sets and rule names have,
/// found beside its own so that all of them come in one round: the rule-set
/// files it names that can be read (one that cannot is already among the
/// configuration's problems), compiled with the built-in ones; their own
/// examples; and, when they compile, the rule names the configuration
/// writes, as problems of the configuration file (`own`).
pub(super) fn problems_beside(config: &RawConfig, own: &mut FileProblems) -> Vec<FileProblems> {
    let mut sources = builtin_sources(config);
    let root = config.root();
    let readable = config.rule_sets.iter().filter_map(|set| {
        let path = if root == Path::new(".") {
            PathBuf::from(&set.value)
        } else {
            root.join(&set.value)
        };
        read_text_file(&path, MAX_CONFIG_FILE_SIZE)
            .ok()
            .map(|text| Source::new(path.display().to_string(), text))
    });
    sources.extend(readable);
    let rules = match ruleset::compile(&sources) {
        Ok(rules) => rules,
        Err(files) => return files,
    };
    own.problems.extend(unknown_rule_names(config, &rules));
    own.problems.sort_by_key(|d| d.span.start);
    match check_own_examples(&sources, &rules) {
        Err(ConfigError::Invalid(files)) => files,
        _ => Vec::new(),
    }
}

/// The house style rules are given: a built-in style as written; a custom
/// one (a rule-set file, the last of `sources`) by its rule set's `name`.
fn house_style_name(written: Option<String>, sources: &[Source]) -> Option<String> {
    let style = written?;
    if !style.ends_with(".toml") {
        return Some(style);
    }
    let name = sources
        .last()
        .and_then(|s| s.text.parse::<toml::Table>().ok())
        .and_then(|t| t.get("name").and_then(|n| n.as_str()).map(String::from));
    Some(name.unwrap_or(style))
}

/// How articles are read: the header pattern and the languages. A
/// `[[per-path]]` language wins over the command line's, which wins over
/// the file's own `language`; with none of them the language is detected.
fn document_options(config: &RawConfig, overrides: &Overrides) -> DocumentOptions {
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
        .or_else(|| config.language.clone());
    let entries = config
        .per_path
        .iter()
        .filter_map(|entry| {
            let language = entry.language.as_ref()?;
            Some((entry.globs.clone(), language.value.clone()))
        })
        .collect();
    let path_languages = PathLanguages {
        root: config.glob_root(),
        entries,
    };
    DocumentOptions {
        header,
        language,
        path_languages: Arc::new(path_languages),
    }
}

/// Every rule name the configuration writes must exist. Each file of an
/// `extend` chain is checked as written, so that a problem points into the
/// file that has it.
fn check_rule_names_in_files(
    config: &RawConfig,
    rules: &[Arc<CompiledRule>],
) -> Result<(), ConfigError> {
    let layers = if config.extended.is_empty() {
        std::slice::from_ref(config)
    } else {
        config.extended.as_slice()
    };
    let mut files = Vec::new();
    for layer in layers {
        let problems = unknown_rule_names(layer, rules);
        if let (false, Some((_, source))) = (problems.is_empty(), &layer.source) {
            files.push(FileProblems {
                source: source.clone(),
                problems,
            });
        }
    }
    if files.is_empty() {
        Ok(())
    } else {
        Err(ConfigError::Invalid(files))
    }
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
    let files = crate::self_test::failures_by_file(sources, &failures);
    if files.is_empty() {
        Ok(())
    } else {
        Err(ConfigError::Invalid(files))
    }
}

/// Every rule id or family named on the command line must exist; the
/// first that does not is the error.
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

/// The rule ids or families one file names that do not exist.
fn unknown_rule_names(config: &RawConfig, rules: &[Arc<CompiledRule>]) -> Vec<Diagnostic> {
    let ids: Vec<&str> = rules.iter().map(|r| r.meta.id.as_ref()).collect();
    let mut names: Vec<&Located<String>> = Vec::new();
    names.extend(&config.select);
    names.extend(&config.ignore);
    names.extend(config.severity.iter().map(|(id, _)| id));
    names.extend(config.per_path.iter().flat_map(|p| &p.rules));
    let mut problems = Vec::new();
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
    problems
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
