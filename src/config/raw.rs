//! Reading a configuration file's text into a [`RawConfig`], with spans,
//! collecting every problem.

use std::path::{Path, PathBuf};

use regex::Regex;

use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::ruleset::{self, FileProblems, Source};
use crate::toml_reader::{self, Located, Problems, TableReader};

use super::globs;
use super::{FailOn, PathIgnore, HOUSE_STYLES};

const ROOT_KEYS: &[&str] = &[
    "extend",
    "builtin",
    "rule-sets",
    "house-style",
    "language",
    "include",
    "exclude",
    "select",
    "ignore",
    "severity",
    "fail-on",
    "header-pattern",
    "per-path",
    "archive",
];

/// What a configuration file says, with the spans of everything checked later.
#[derive(Clone, Debug, Default)]
pub struct RawConfig {
    /// The file, when there is one; relative paths are taken from its folder.
    pub source: Option<(PathBuf, Source)>,
    /// `builtin`: the built-in rule sets to use; `None` for all of them.
    pub builtin: Option<Vec<Located<String>>>,
    /// `rule-sets`: rule-set files, relative to the configuration's folder.
    pub rule_sets: Vec<Located<String>>,
    /// `house-style`: a built-in house style, or a rule-set file (`.toml`).
    pub house_style: Option<Located<String>>,
    /// `language`: the language of articles that do not state their own.
    pub language: Option<String>,
    /// `include`: when set, only files matching one of these globs are
    /// linted (relative to [`RawConfig::glob_root()`]).
    pub include: Vec<String>,
    /// `exclude`: files and folders matching these globs are not linted.
    pub exclude: Vec<String>,
    /// `select`: when set, the rule ids or families that run; every other
    /// rule is off.
    pub select: Vec<Located<String>>,
    /// `ignore`: rule ids or families turned off.
    pub ignore: Vec<Located<String>>,
    /// `[severity]`: a level for rule ids or families, in file order.
    pub severity: Vec<(Located<String>, Located<String>)>,
    /// `fail-on`: the lowest severity that makes the run fail, as written.
    pub fail_on: Option<Located<String>>,
    /// `header-pattern`: the regular expression of a plain-text article's
    /// date header.
    pub header_pattern: Option<Located<String>>,
    /// `[[per-path]]`: rules ignored in some files.
    pub per_path: Vec<PathIgnore>,
    /// The file this one extends, as written.
    pub extend: Option<Located<String>>,
    /// With `extend`: every file of the chain as read, unmerged, this one
    /// first, so that problems can point into the file that has them.
    pub extended: Vec<RawConfig>,
    /// With `extend`: the absolute folder the globs (`include`, `exclude`,
    /// `[[per-path]]`) are matched relative to, the nearest folder holding
    /// every file of the chain; each file's globs are rewritten to it.
    pub glob_root: Option<PathBuf>,
}

impl RawConfig {
    /// The folder relative paths in this config are taken from.
    pub fn root(&self) -> PathBuf {
        self.source
            .as_ref()
            .and_then(|(path, _)| path.parent().map(Path::to_path_buf))
            .filter(|parent| !parent.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// The folder globs are matched relative to: the config's own folder,
    /// or with `extend` the folder above every file of the chain.
    pub fn glob_root(&self) -> PathBuf {
        self.glob_root.clone().unwrap_or_else(|| self.root())
    }

    /// The configuration file, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.source.as_ref().map(|(path, _)| path.as_path())
    }
}

/// Parse configuration text, as if read from `path`.
pub fn parse(source: Source, path: &Path) -> Result<RawConfig, FileProblems> {
    match parse_partially(source, path) {
        (config, None) => Ok(config),
        (_, Some(problems)) => Err(problems),
    }
}

/// Parse configuration text as far as it goes: the values that could be
/// read, and the problems with the rest, so that the rule sets a broken
/// configuration names can be checked in the same round.
pub(super) fn parse_partially(source: Source, path: &Path) -> (RawConfig, Option<FileProblems>) {
    let problems = Problems::default();
    let mut config = RawConfig {
        source: Some((path.to_path_buf(), source.clone())),
        ..RawConfig::default()
    };
    if let Some(root) = toml_reader::parse(&source.text, &problems) {
        read_root(&mut config, root.get_ref(), root.span(), &problems);
        check_named_rule_sets(&config, &problems);
    }
    if problems.is_empty() {
        (config, None)
    } else {
        let mut problems = problems.into_vec();
        problems.sort_by_key(|d| d.span.start);
        (config, Some(FileProblems { source, problems }))
    }
}

/// Read the root table, checking each value as it is read. Problems at the
/// same position stay in the order they are found, so the reads keep theirs.
fn read_root(
    config: &mut RawConfig,
    root: &toml::de::DeTable<'_>,
    span: std::ops::Range<usize>,
    problems: &Problems,
) {
    let mut reader = TableReader::new(root, span, problems, "copydesk.toml");
    config.extend = reader.string("extend");
    config.builtin = reader.string_list("builtin");
    check_builtin_names(config.builtin.iter().flatten(), problems);
    config.rule_sets = reader.string_list("rule-sets").unwrap_or_default();
    config.house_style = reader.string("house-style");
    if let Some(style) = &config.house_style {
        check_house_style(&style.value, style.span.clone(), problems);
    }
    let language = reader.string("language");
    if let Some(language) = &language {
        check_language(language, problems);
    }
    config.language = language.map(|l| l.value);
    let include = reader.string_list("include");
    let exclude = reader.string_list("exclude");
    globs::check_globs(include.iter().chain(&exclude).flatten(), problems);
    config.include = values(include);
    config.exclude = values(exclude);
    config.select = reader.string_list("select").unwrap_or_default();
    config.ignore = reader.string_list("ignore").unwrap_or_default();
    if let Some(severity) = reader.string_map("severity") {
        check_levels(&severity, problems);
        config.severity = severity;
    }
    config.fail_on = reader.string("fail-on");
    if let Some(fail_on) = &config.fail_on {
        check_fail_on(fail_on, problems);
    }
    config.header_pattern = reader.string("header-pattern");
    if let Some(pattern) = &config.header_pattern {
        check_header_pattern(pattern, problems);
    }
    config.per_path = reader
        .table_array("per-path")
        .into_iter()
        .filter_map(|table| read_per_path(table, problems))
        .collect();
    reader.finish(ROOT_KEYS);
}

/// One `[[per-path]]` entry; `None` when its globs cannot be compiled.
fn read_per_path(mut table: TableReader<'_, '_>, problems: &Problems) -> Option<PathIgnore> {
    let paths = table.string_list("paths").unwrap_or_default();
    let rules = table.string_list("ignore").unwrap_or_default();
    let language = table.string("language");
    if let Some(language) = &language {
        check_language(language, problems);
    }
    let globs = globs::per_path_globs(&paths, problems);
    if paths.is_empty() {
        problems.error(
            "config.missing-key",
            table.span(),
            "a `per-path` entry needs `paths`",
        );
    }
    table.finish(&["paths", "ignore", "language"]);
    Some(PathIgnore {
        paths,
        globs: globs?,
        rules,
        language,
    })
}

/// A list's values, without their spans.
/// The rule id of a rule-set file that a configuration names and that
/// cannot be read.
pub const MISSING_RULE_SET: &str = "config.rule-set";

/// Rule-set files (and a house style given as a file) that are not there,
/// reported at the string that names them with the file's other problems,
/// so that one round shows every mistake. They are read later, by
/// [`super::resolve`].
fn check_named_rule_sets(config: &RawConfig, problems: &Problems) {
    let house_style_file = config
        .house_style
        .iter()
        .filter(|style| style.value.ends_with(".toml"));
    for named in config.rule_sets.iter().chain(house_style_file) {
        // As a message shows it, so that a file several configurations
        // name is one problem (see `ConfigSet::take_errors`).
        let path = super::discover::relative_to_current_dir(crate::paths::join(
            &config.root(),
            Path::new(&named.value),
        ));
        let trouble = match std::fs::metadata(&path) {
            Ok(metadata) if metadata.is_dir() => "it is a folder".to_string(),
            Ok(_) => continue,
            Err(error) => error.to_string(),
        };
        problems.error(
            MISSING_RULE_SET,
            named.span.clone(),
            format!("cannot read `{}`: {trouble}", path.display()),
        );
    }
}

fn values(list: Option<Vec<Located<String>>>) -> Vec<String> {
    list.unwrap_or_default()
        .into_iter()
        .map(|l| l.value)
        .collect()
}

fn check_house_style(value: &str, span: std::ops::Range<usize>, problems: &Problems) {
    if HOUSE_STYLES.contains(&value) || value.ends_with(".toml") {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        "config.value",
        Severity::Error,
        span,
        format!("unknown house style `{value}`"),
    )
    .with_note(format!(
        "house styles: {}, or a rule-set file ending in .toml",
        HOUSE_STYLES.join(", ")
    ));
    if let Some(close) = toml_reader::did_you_mean(value, HOUSE_STYLES) {
        diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
    }
    problems.push(diagnostic);
}

fn check_builtin_names<'a>(names: impl Iterator<Item = &'a Located<String>>, problems: &Problems) {
    for name in names {
        if ruleset::builtin(&name.value).is_some() {
            continue;
        }
        problems.push(
            Diagnostic::new(
                "config.value",
                Severity::Error,
                name.span.clone(),
                format!("there is no built-in rule set `{}`", name.value),
            )
            .with_note(format!(
                "built-in rule sets: {}",
                ruleset::builtin_names().join(", ")
            )),
        );
    }
}

fn check_levels(severity: &[(Located<String>, Located<String>)], problems: &Problems) {
    for (_, level) in severity {
        if Level::parse(&level.value).is_none() {
            problems.error(
                "config.value",
                level.span.clone(),
                format!(
                    "a level is error, warning, info or off, not `{}`",
                    level.value
                ),
            );
        }
    }
}

fn check_fail_on(fail_on: &Located<String>, problems: &Problems) {
    if FailOn::parse(&fail_on.value).is_none() {
        problems.error(
            "config.value",
            fail_on.span.clone(),
            format!(
                "fail-on is error, warning, info or never, not `{}`",
                fail_on.value
            ),
        );
    }
}

/// A language is a BCP 47 tag as front matter writes it: a primary subtag
/// of two or three letters (`fr`), then optional subtags (`de-CH`, `pt_BR`).
fn check_language(language: &Located<String>, problems: &Problems) {
    if !is_language_tag(&language.value) {
        problems.push(
            Diagnostic::new(
                "config.value",
                Severity::Error,
                language.span.clone(),
                format!("`{}` is not a language tag", language.value),
            )
            .with_note(LANGUAGE_TAG_HINT),
        );
    }
}

/// What a language setting must look like, for the configuration's error and
/// the command line's.
pub const LANGUAGE_TAG_HINT: &str = "a language is a tag such as `en`, `fr`, `de-CH` or `pt-BR`";

/// A BCP 47-shaped tag (`en`, `de-CH`, `pt_BR`): the shape is checked, not a
/// registry, so that a desk's own subtags pass.
pub fn is_language_tag(value: &str) -> bool {
    let mut parts = value.split(['-', '_']);
    let primary_ok = parts.next().is_some_and(|primary| {
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic())
    });
    primary_ok
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

fn check_header_pattern(pattern: &Located<String>, problems: &Problems) {
    if let Err(error) = Regex::new(&pattern.value) {
        problems.push(
            Diagnostic::new(
                "config.regex",
                Severity::Error,
                pattern.span.clone(),
                "invalid regular expression in `header-pattern`",
            )
            .with_note(error.to_string()),
        );
    }
}

/// Configuration text read as if from `copydesk.toml`, for tests.
#[cfg(test)]
pub(super) fn parse_text(text: &str) -> Result<RawConfig, FileProblems> {
    parse(
        Source::new("copydesk.toml", text),
        Path::new("copydesk.toml"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_mistakes_are_reported_together() {
        let text = "house-style = \"apx\"\nfail-on = \"sometimes\"\nlangauge = \"en\"\n";
        let problems = parse_text(text).unwrap_err().problems;
        let spans: Vec<&str> = problems.iter().map(|d| &text[d.span.clone()]).collect();
        assert_eq!(spans, ["\"apx\"", "\"sometimes\"", "langauge"]);
        assert_eq!(
            problems[2].help.as_deref(),
            Some("did you mean `language`?")
        );
    }
}
