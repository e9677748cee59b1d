//! `copydesk.toml`: which rule sets run, how, and on which files.
//!
//! Read in two layers: [`RawConfig`] is what the file says, with spans, so
//! that problems point into it; [`resolve`] turns config, CLI overrides and
//! compiled rules into a [`Linter`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;

use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::document::{DocumentOptions, DEFAULT_HEADER_PATTERN};
use crate::engine::Linter;
use crate::rules::Settings;
use crate::ruleset::toml_reader::{self, Located, Problems, TableReader};
use crate::ruleset::{self, CompiledRule, FileProblems, Source};
use crate::suppress::absolute;

/// Names `copydesk.toml` may be found under, in order of preference.
pub const CONFIG_NAMES: &[&str] = &["copydesk.toml", ".copydesk.toml"];

/// The built-in house styles.
pub const HOUSE_STYLES: &[&str] = &["ap", "reuters", "bbc", "iso"];

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
];

/// Per-path exceptions: rules ignored in matching files.
#[derive(Clone, Debug)]
pub struct PathIgnore {
    /// The globs as written (or, from an extended file, as rewritten to
    /// match relative to the glob root); `globs` is built from them.
    pub paths: Vec<Located<String>>,
    pub globs: GlobSet,
    pub rules: Vec<Located<String>>,
}

/// What a configuration file says, with the spans of everything checked later.
#[derive(Clone, Debug, Default)]
pub struct RawConfig {
    /// The file, when there is one; relative paths are taken from its folder.
    pub source: Option<(PathBuf, Source)>,
    pub builtin: Option<Vec<Located<String>>>,
    pub rule_sets: Vec<Located<String>>,
    pub house_style: Option<Located<String>>,
    pub language: Option<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub select: Vec<Located<String>>,
    pub ignore: Vec<Located<String>>,
    pub severity: Vec<(Located<String>, Located<String>)>,
    pub fail_on: Option<Located<String>>,
    pub header_pattern: Option<Located<String>>,
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

    pub fn path(&self) -> Option<&Path> {
        self.source.as_ref().map(|(path, _)| path.as_path())
    }
}

/// Settings given on the command line; they win over every file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub house_style: Option<String>,
    pub language: Option<String>,
}

/// Find the configuration that applies to `start` by walking up its folders.
pub fn discover(start: &Path) -> Option<PathBuf> {
    configs_above(start).next()
}

/// Every configuration file at or above `start`'s folder, nearest first:
/// the configurations a walk from the top would have met on the way to it.
pub fn discover_all(start: &Path) -> Vec<PathBuf> {
    configs_above(start).collect()
}

/// The configuration files at and above `start`'s folder, nearest first,
/// found as the climb reaches them.
fn configs_above(start: &Path) -> impl Iterator<Item = PathBuf> {
    let start = absolute(start);
    let first = if start.is_dir() {
        Some(start.clone())
    } else {
        start.parent().map(Path::to_path_buf)
    };
    std::iter::successors(first, |dir| dir.parent().map(Path::to_path_buf))
        .filter_map(|dir| in_folder(&dir))
        .map(relative_to_current_dir)
}

/// The configuration file kept in `folder` itself, if any. Two checks per
/// folder: the walk calls this once for each folder it enters.
pub fn in_folder(folder: &Path) -> Option<PathBuf> {
    CONFIG_NAMES
        .iter()
        .map(|name| folder.join(name))
        .find(|candidate| candidate.is_file())
        .map(|found| without_current_dir_steps(&found))
}

/// `./desk/./copydesk.toml` reads as `desk/copydesk.toml` in messages.
fn without_current_dir_steps(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        path.to_path_buf()
    } else {
        cleaned
    }
}

/// Show paths below the current folder relative to it, as users typed them.
fn relative_to_current_dir(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|relative| !relative.as_os_str().is_empty())
        .unwrap_or(path)
}

/// Why a configuration could not be used.
#[derive(Debug)]
pub enum ConfigError {
    /// A file could not be read.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A rule id or family named on the command line does not exist.
    UnknownRule {
        name: String,
        suggestion: Option<String>,
    },
    /// Problems in configuration or rule-set files, each with spans.
    Invalid(Vec<FileProblems>),
}

impl Clone for ConfigError {
    /// An I/O error is copied as its kind and message, all that is shown.
    fn clone(&self) -> Self {
        match self {
            ConfigError::Io { path, error } => ConfigError::Io {
                path: path.clone(),
                error: std::io::Error::new(error.kind(), error.to_string()),
            },
            ConfigError::UnknownRule { name, suggestion } => ConfigError::UnknownRule {
                name: name.clone(),
                suggestion: suggestion.clone(),
            },
            ConfigError::Invalid(files) => ConfigError::Invalid(files.clone()),
        }
    }
}

/// Read and check a configuration file, reporting every problem in it,
/// and merge it over the files it extends.
pub fn load(path: &Path) -> Result<RawConfig, ConfigError> {
    load_extending(path, &mut Vec::new())
}

/// `chain`: the files extending this one, outermost first, each made
/// absolute (to tell a cycle) and as shown.
fn load_extending(
    path: &Path,
    chain: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<RawConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let source = Source::new(path.display().to_string(), text);
    let own =
        parse(source.clone(), path).map_err(|problems| ConfigError::Invalid(vec![problems]))?;
    let Some(extend) = own.extend.clone() else {
        return Ok(own);
    };
    let refuse = |message: String| {
        ConfigError::Invalid(vec![FileProblems {
            source: source.clone(),
            problems: vec![Diagnostic::new(
                "config.extend",
                Severity::Error,
                extend.span.clone(),
                message,
            )],
        }])
    };
    let written = lexical_join(&own.root(), Path::new(&extend.value));
    let absolute_base = match std::fs::canonicalize(&written) {
        Ok(found) if found.is_file() => found,
        Ok(_) => return Err(refuse(format!("`{}` is not a file", written.display()))),
        Err(error) => {
            return Err(refuse(format!(
                "cannot read `{}`: {error}",
                written.display()
            )))
        }
    };
    // `desk/../shared/base.toml` reads better as `shared/base.toml`, and a
    // file below the current folder as it would be typed there.
    let base_path = relative_to_current_dir(absolute_base.clone());
    let base_path = if base_path.is_absolute() {
        written
    } else {
        base_path
    };
    chain.push((absolute(path), path.to_path_buf()));
    if let Some(start) = chain.iter().position(|(file, _)| *file == absolute_base) {
        let mut steps: Vec<String> = chain[start..]
            .iter()
            .map(|(_, shown)| format!("`{}`", shown.display()))
            .collect();
        steps.push(format!("`{}`", base_path.display()));
        return Err(refuse(format!(
            "`extend` makes a cycle: {}",
            steps.join(" extends ")
        )));
    }
    let base = load_extending(&base_path, chain);
    chain.pop();
    Ok(merge(own, base?, &extend.value))
}

/// `folder/relative` with `.` dropped and `..` taken off the folder where it
/// can be, as a reader would write it (`desk/../shared` is `shared`).
fn lexical_join(folder: &Path, relative: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in folder.components().chain(relative.components()) {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                let climbable = matches!(
                    out.components().next_back(),
                    Some(std::path::Component::Normal(_))
                );
                if climbable {
                    out.pop();
                } else if !matches!(
                    out.components().next_back(),
                    Some(std::path::Component::RootDir)
                ) {
                    out.push("..");
                }
            }
            std::path::Component::RootDir | std::path::Component::Prefix(_) => {
                out = PathBuf::from(part.as_os_str());
            }
            std::path::Component::Normal(name) => out.push(name),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// `own` over `base` (already merged with its own bases). Scalars: `own`
/// wins. `select`, `include`, `builtin`: `own`'s when it sets them.
/// `rule-sets`, `exclude`, `ignore`, `[[per-path]]`: the base's, then
/// `own`'s. `[severity]`: both, `own` winning for the same key. The base's
/// file paths are rewritten relative to `own`'s folder, and every glob
/// relative to the folder holding both files.
fn merge(own: RawConfig, base: RawConfig, extend: &str) -> RawConfig {
    let base_folder = Path::new(extend)
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();
    let beside_own = |located: &Located<String>| Located {
        value: lexical_join(&base_folder, Path::new(&located.value))
            .display()
            .to_string(),
        span: located.span.clone(),
    };
    let own_root = absolute(&own.root());
    let base_root = base
        .glob_root
        .clone()
        .unwrap_or_else(|| absolute(&base.root()));
    let common = common_folder(&own_root, &base_root);
    let own_prefix = own_root.strip_prefix(&common).unwrap_or(Path::new(""));
    let base_prefix = base_root.strip_prefix(&common).unwrap_or(Path::new(""));

    let mut layers = vec![RawConfig {
        extended: Vec::new(),
        ..own.clone()
    }];
    if base.extended.is_empty() {
        layers.push(base.clone());
    } else {
        layers.extend(base.extended.iter().cloned());
    }

    let mut severity = own.severity.clone();
    for (key, level) in &base.severity {
        if !own.severity.iter().any(|(mine, _)| mine.value == key.value) {
            severity.push((key.clone(), level.clone()));
        }
    }
    let house_style = own.house_style.clone().or_else(|| {
        base.house_style.as_ref().map(|style| {
            if style.value.ends_with(".toml") {
                beside_own(style)
            } else {
                style.clone()
            }
        })
    });
    let include = if own.include.is_empty() {
        prefixed_all(base_prefix, &base.include)
    } else {
        prefixed_all(own_prefix, &own.include)
    };
    let mut exclude = prefixed_all(base_prefix, &base.exclude);
    exclude.extend(prefixed_all(own_prefix, &own.exclude));
    let mut per_path: Vec<PathIgnore> = base
        .per_path
        .iter()
        .map(|entry| reroot(entry, base_prefix))
        .collect();
    per_path.extend(own.per_path.iter().map(|entry| reroot(entry, own_prefix)));
    let mut rule_sets: Vec<Located<String>> = base.rule_sets.iter().map(beside_own).collect();
    rule_sets.extend(own.rule_sets.iter().cloned());
    let mut ignore = base.ignore.clone();
    ignore.extend(own.ignore.iter().cloned());

    RawConfig {
        builtin: own.builtin.or(base.builtin),
        rule_sets,
        house_style,
        language: own.language.or(base.language),
        include,
        exclude,
        select: if own.select.is_empty() {
            base.select
        } else {
            own.select
        },
        ignore,
        severity,
        fail_on: own.fail_on.or(base.fail_on),
        header_pattern: own.header_pattern.or(base.header_pattern),
        per_path,
        extended: layers,
        glob_root: Some(common),
        source: own.source,
        extend: own.extend,
    }
}

/// The deepest folder holding both (absolute) folders.
fn common_folder(a: &Path, b: &Path) -> PathBuf {
    a.components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.as_os_str())
        .collect()
}

/// A glob written relative to a folder `prefix` below the glob root,
/// rewritten to match relative to the root.
fn prefixed(prefix: &Path, glob: &str) -> String {
    if prefix.as_os_str().is_empty() {
        return glob.to_string();
    }
    let folder: Vec<String> = prefix
        .components()
        .map(|part| globset::escape(&part.as_os_str().to_string_lossy()))
        .collect();
    format!("{}/{glob}", folder.join("/"))
}

fn prefixed_all(prefix: &Path, globs: &[String]) -> Vec<String> {
    globs.iter().map(|glob| prefixed(prefix, glob)).collect()
}

fn reroot(entry: &PathIgnore, prefix: &Path) -> PathIgnore {
    let paths: Vec<Located<String>> = entry
        .paths
        .iter()
        .map(|path| Located {
            value: prefixed(prefix, &path.value),
            span: path.span.clone(),
        })
        .collect();
    let globs: Vec<String> = paths.iter().map(|p| p.value.clone()).collect();
    PathIgnore {
        paths,
        globs: glob_set(&globs),
        rules: entry.rules.clone(),
    }
}

/// Parse configuration text, as if read from `path`.
pub fn parse(source: Source, path: &Path) -> Result<RawConfig, FileProblems> {
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
        Ok(config)
    } else {
        let mut problems = problems.into_vec();
        problems.sort_by_key(|d| d.span.start);
        Err(FileProblems { source, problems })
    }
}

fn read_root(
    config: &mut RawConfig,
    root: &toml::de::DeTable<'_>,
    span: std::ops::Range<usize>,
    problems: &Problems,
) {
    let mut reader = TableReader::new(root, span, problems, "copydesk.toml");
    config.extend = reader.string("extend");
    config.builtin = reader.string_list("builtin");
    if let Some(names) = &config.builtin {
        for name in names {
            if ruleset::builtin(&name.value).is_none() {
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
    }
    config.rule_sets = reader.string_list("rule-sets").unwrap_or_default();
    config.house_style = reader.string("house-style");
    if let Some(style) = &config.house_style {
        check_house_style(&style.value, style.span.clone(), problems);
    }
    config.language = reader.string("language").map(|l| l.value);
    let include = reader.string_list("include");
    let exclude = reader.string_list("exclude");
    for glob in include.iter().chain(&exclude).flatten() {
        if let Err(error) = Glob::new(&glob.value) {
            problems.error(
                "config.value",
                glob.span.clone(),
                format!("invalid glob: {error}"),
            );
        }
    }
    config.include = values(include);
    config.exclude = values(exclude);
    config.select = reader.string_list("select").unwrap_or_default();
    config.ignore = reader.string_list("ignore").unwrap_or_default();
    if let Some(severity) = reader.string_map("severity") {
        for (_, level) in &severity {
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
        config.severity = severity;
    }
    config.fail_on = reader.string("fail-on");
    if let Some(fail_on) = &config.fail_on {
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
    config.header_pattern = reader.string("header-pattern");
    if let Some(pattern) = &config.header_pattern {
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
    for mut table in reader.table_array("per-path") {
        let paths = table.string_list("paths").unwrap_or_default();
        let rules = table.string_list("ignore").unwrap_or_default();
        let mut builder = GlobSetBuilder::new();
        for path in &paths {
            match Glob::new(&path.value) {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(error) => problems.error(
                    "config.value",
                    path.span.clone(),
                    format!("invalid glob: {error}"),
                ),
            }
        }
        if paths.is_empty() {
            problems.error(
                "config.missing-key",
                table.span(),
                "a `per-path` entry needs `paths`",
            );
        }
        table.finish(&["paths", "ignore"]);
        if let Ok(globs) = builder.build() {
            config.per_path.push(PathIgnore {
                paths,
                globs,
                rules,
            });
        }
    }
    reader.finish(ROOT_KEYS);
}

/// The rule id of a rule-set file that a configuration names and that
/// cannot be read.
pub const MISSING_RULE_SET: &str = "config.rule-set";

/// Rule-set files (and a house style given as a file) that are not there,
/// reported at the string that names them with the file's other problems,
/// so that one round shows every mistake. They are read later, by
/// [`resolve`].
fn check_named_rule_sets(config: &RawConfig, problems: &Problems) {
    let house_style_file = config
        .house_style
        .iter()
        .filter(|style| style.value.ends_with(".toml"));
    for named in config.rule_sets.iter().chain(house_style_file) {
        // As a message shows it, so that a file several configurations
        // name is one problem (see `ConfigSet::take_errors`).
        let path = relative_to_current_dir(lexical_join(&config.root(), Path::new(&named.value)));
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

/// Which severities make the run fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

impl FailOn {
    pub fn parse(name: &str) -> Option<FailOn> {
        if name == "never" {
            Some(FailOn::Never)
        } else {
            Severity::parse(name).map(FailOn::Severity)
        }
    }

    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Severity(threshold) => severity >= threshold,
            FailOn::Never => false,
        }
    }
}

/// A configuration made ready to lint with.
pub struct Resolved {
    pub linter: Arc<Linter>,
    pub config: RawConfig,
    pub include: Option<GlobSet>,
    pub exclude: GlobSet,
}

/// One configuration file of a run (or the defaults, `file: None`), read
/// only when a file below it needs it.
enum Slot {
    Unread(Option<PathBuf>),
    Ready(usize),
    /// Unusable, and why; its `exclude`, when that much can still be read,
    /// keeps the walk out of the folders it names.
    Failed(ConfigError, Option<(PathBuf, GlobSet)>),
}

/// Every configuration a run meets, each read and resolved once: the ones
/// found from the command-line paths and the nested ones the walk finds.
///
/// A configuration is registered ([`ConfigSet::slot`]) when its folder is
/// entered and read ([`ConfigSet::load`]) only when a file below it is
/// considered, so that a nested `copydesk.toml` in a folder its parent
/// excludes is never read. Problems are collected in [`ConfigSet::errors`]
/// so that all of them can be reported before anything is linted.
#[derive(Default)]
pub struct ConfigSet {
    overrides: Overrides,
    slots: Vec<Slot>,
    by_file: std::collections::HashMap<Option<PathBuf>, usize>,
    /// Resolved configurations, in the order they were read; a job's
    /// `linter` is an index into this.
    pub resolved: Vec<Arc<Resolved>>,
    /// Each resolved configuration's folder, made absolute once.
    absolute_roots: Vec<PathBuf>,
    /// Configurations that could not be used, one entry per file.
    pub errors: Vec<ConfigError>,
}

impl ConfigSet {
    pub fn new(overrides: Overrides) -> ConfigSet {
        ConfigSet {
            overrides,
            ..ConfigSet::default()
        }
    }

    /// The slot of a configuration file (`None`: the defaults), registered
    /// without reading it. The same file reached by two spellings of its
    /// path gets one slot.
    pub fn slot(&mut self, file: Option<PathBuf>) -> usize {
        let key = file
            .as_ref()
            .map(|path| std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()));
        if let Some(&slot) = self.by_file.get(&key) {
            return slot;
        }
        self.slots.push(Slot::Unread(file));
        self.by_file.insert(key, self.slots.len() - 1);
        self.slots.len() - 1
    }

    /// Read and resolve a slot's configuration, once. `None` when it cannot
    /// be used; the reason is then in [`ConfigSet::errors`].
    pub fn load(&mut self, slot: usize) -> Option<usize> {
        let file = match self.slots.get(slot)? {
            Slot::Ready(index) => return Some(*index),
            Slot::Failed(..) => return None,
            Slot::Unread(file) => file.clone(),
        };
        let raw = match &file {
            Some(file) => load(file),
            None => Ok(RawConfig::default()),
        };
        match raw.and_then(|raw| resolve(raw, &self.overrides)) {
            Ok(resolved) => {
                let root = resolved.config.glob_root();
                self.absolute_roots
                    .push(std::fs::canonicalize(&root).unwrap_or(root));
                self.resolved.push(Arc::new(resolved));
                let index = self.resolved.len() - 1;
                self.slots[slot] = Slot::Ready(index);
                Some(index)
            }
            Err(error) => {
                self.errors.push(error.clone());
                let exclude = file.as_deref().and_then(readable_exclude);
                self.slots[slot] = Slot::Failed(error, exclude);
                None
            }
        }
    }

    /// Why a slot's configuration cannot be used, however often it is asked.
    pub fn failure(&self, slot: usize) -> Option<&ConfigError> {
        match self.slots.get(slot)? {
            Slot::Failed(error, _) => Some(error),
            _ => None,
        }
    }

    /// For a configuration that cannot be used: does its `exclude` still
    /// name `file` (absolute)? `None` when that cannot be told.
    pub fn broken_excludes(&self, slot: usize, file: &Path) -> Option<bool> {
        match self.slots.get(slot)? {
            Slot::Failed(_, Some((root, exclude))) => {
                Some(exclude.is_match(file.strip_prefix(root).unwrap_or(file)))
            }
            _ => None,
        }
    }

    /// Would a walk skip `file` because one of the configurations in
    /// `slots` (outermost first) excludes it? Those below the first that
    /// does are not read, as in a walk.
    pub fn excluded_by_any(&mut self, slots: &[usize], file: &Path) -> bool {
        let given = file;
        let file = absolute(file);
        for &slot in slots {
            let excluded = match self.load(slot) {
                Some(index) => {
                    // Outside the configuration's folder, as a walk does:
                    // the path as given.
                    let root = self.absolute_roots.get(index);
                    let relative = root
                        .and_then(|root| file.strip_prefix(root).ok())
                        .unwrap_or(given);
                    self.resolved[index].exclude.is_match(relative)
                }
                None => self.broken_excludes(slot, &file) == Some(true),
            };
            if excluded {
                return true;
            }
        }
        false
    }

    /// The folder a resolved configuration's globs are relative to, absolute.
    pub fn absolute_root(&self, index: usize) -> Option<&Path> {
        self.absolute_roots.get(index).map(PathBuf::as_path)
    }

    /// Every problem met so far, merged so that the configuration files'
    /// problems are reported together; `None` when there are none.
    pub fn take_errors(&mut self) -> Option<Vec<ConfigError>> {
        if self.errors.is_empty() {
            return None;
        }
        let mut merged: Vec<ConfigError> = Vec::new();
        let mut invalid: Vec<FileProblems> = Vec::new();
        let mut unknown_rule_seen = false;
        // A base or rule-set file shared by several configurations is read
        // once for each, under as many spellings of its path; it is
        // reported once.
        let mut invalid_seen: Vec<(PathBuf, Arc<str>)> = Vec::new();
        // A missing rule-set file that several configurations name.
        let mut missing_seen: Vec<String> = Vec::new();
        let mut unreadable_seen: Vec<PathBuf> = Vec::new();
        for error in self.errors.drain(..) {
            match error {
                ConfigError::Invalid(files) => {
                    for file in files {
                        let key = (
                            absolute(Path::new(&*file.source.name)),
                            file.source.text.clone(),
                        );
                        if !invalid_seen.contains(&key) {
                            invalid_seen.push(key);
                            let mut file = file;
                            file.problems.retain(|problem| {
                                if problem.rule.as_ref() != MISSING_RULE_SET {
                                    return true;
                                }
                                let new = !missing_seen.contains(&problem.message);
                                if new {
                                    missing_seen.push(problem.message.clone());
                                }
                                new
                            });
                            if !file.problems.is_empty() {
                                invalid.push(file);
                            }
                        }
                    }
                }
                // The command line is the same for every configuration.
                ConfigError::UnknownRule { .. } if unknown_rule_seen => {}
                ConfigError::UnknownRule { .. } => {
                    unknown_rule_seen = true;
                    merged.push(error);
                }
                ConfigError::Io { ref path, .. } => {
                    let key = absolute(path);
                    if !unreadable_seen.contains(&key) {
                        unreadable_seen.push(key);
                        merged.push(error);
                    }
                }
            }
        }
        if !invalid.is_empty() {
            merged.push(ConfigError::Invalid(invalid));
        }
        Some(merged)
    }
}

/// The `exclude` of a configuration with problems elsewhere, with the
/// folder it is relative to (absolute), when the file is still valid TOML.
fn readable_exclude(file: &Path) -> Option<(PathBuf, GlobSet)> {
    let table: toml::Table = std::fs::read_to_string(file).ok()?.parse().ok()?;
    let globs: Vec<String> = table
        .get("exclude")?
        .as_array()?
        .iter()
        .filter_map(|glob| glob.as_str().map(String::from))
        .collect();
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = std::fs::canonicalize(folder).ok()?;
    Some((root, glob_set(&globs)))
}

/// Does `rule` match a selector: an id, a family (`quotes`), or `all`?
pub fn selects(selector: &str, id: &str) -> bool {
    selector == "all"
        || selector == id
        || id
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('.'))
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
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Io {
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

fn glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        if let Ok(glob) = Glob::new(glob) {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// A repository's own rule sets must pass their own examples before they
/// are used. (The built-in ones are tested by `cargo test`.)
fn check_own_examples(sources: &[Source], rules: &[Arc<CompiledRule>]) -> Result<(), ConfigError> {
    let own: Vec<Arc<CompiledRule>> = rules
        .iter()
        .filter(|rule| !rule.meta.origin.starts_with("builtin/"))
        .cloned()
        .collect();
    let (_, failures) = crate::examples::run_all(&own);
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

/// Each rule's level: its default, then the config's severities, then the
/// config's `select` / `ignore`, then the command line's.
fn rule_levels(
    config: &RawConfig,
    overrides: &Overrides,
    rules: &[Arc<CompiledRule>],
) -> Vec<Level> {
    let config_select: Vec<String> = config.select.iter().map(|s| s.value.clone()).collect();
    let select = overrides.select.clone().unwrap_or(config_select);
    let ignore: Vec<String> = config
        .ignore
        .iter()
        .map(|s| s.value.clone())
        .chain(overrides.ignore.iter().cloned())
        .collect();
    rules
        .iter()
        .map(|rule| {
            let id = rule.meta.id.as_ref();
            let mut level = match rule.meta.default_severity {
                Some(severity) => Level::On(severity),
                None => Level::Off,
            };
            // A more specific selector wins: families first, then exact ids.
            let mut overrides: Vec<&(Located<String>, Located<String>)> = config
                .severity
                .iter()
                .filter(|(name, _)| selects(&name.value, id))
                .collect();
            overrides.sort_by_key(|(name, _)| name.value.len());
            for (_, value) in overrides {
                if let Some(parsed) = Level::parse(&value.value) {
                    level = parsed;
                }
            }
            if !select.is_empty() {
                if select.iter().any(|s| selects(s, id)) {
                    if level == Level::Off {
                        level = Level::On(rule.meta.severity_when_on);
                    }
                } else {
                    level = Level::Off;
                }
            }
            if ignore.iter().any(|s| selects(s, id)) {
                level = Level::Off;
            }
            level
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<RawConfig, FileProblems> {
        parse(
            Source::new("copydesk.toml", text),
            Path::new("copydesk.toml"),
        )
    }

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

    #[test]
    fn a_config_reached_by_two_spellings_is_one_slot() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("copydesk.toml");
        std::fs::write(&file, "language = \"ru\"\n").unwrap();
        let mut configs = ConfigSet::default();
        let first = configs.slot(Some(file.clone()));
        let again = configs.slot(Some(dir.path().join(".").join("copydesk.toml")));
        assert_eq!(first, again);
        assert_ne!(configs.slot(None), first);
        assert_eq!(configs.load(first), configs.load(again));
        assert_eq!(configs.resolved.len(), 1);
    }

    #[test]
    fn extended_paths_read_as_a_reader_would_write_them() {
        let join = |a: &str, b: &str| lexical_join(Path::new(a), Path::new(b));
        assert_eq!(
            join("desk", "../shared/base.toml"),
            Path::new("shared/base.toml")
        );
        assert_eq!(join(".", "../base.toml"), Path::new("../base.toml"));
        assert_eq!(join("../a", "../b/c.toml"), Path::new("../b/c.toml"));
        assert_eq!(join("desk", "/etc/base.toml"), Path::new("/etc/base.toml"));
        assert_eq!(join("desk", ".."), Path::new("."));
    }

    #[test]
    fn globs_from_a_folder_below_the_root_are_prefixed_and_escaped() {
        assert_eq!(prefixed(Path::new(""), "drafts/**"), "drafts/**");
        assert_eq!(prefixed(Path::new("desk/ru"), "*.md"), "desk/ru/*.md");
        assert_eq!(prefixed(Path::new("a[1]"), "x/**"), "a[[]1[]]/x/**");
        let globs = glob_set(&[prefixed(Path::new("a[1]"), "x/**")]);
        assert!(globs.is_match("a[1]/x/b.md"));
        assert!(!globs.is_match("a1/x/b.md"));
    }

    #[test]
    fn selectors_match_ids_and_families() {
        assert!(selects("quotes", "quotes.unclosed"));
        assert!(selects("quotes.unclosed", "quotes.unclosed"));
        assert!(!selects("quote", "quotes.unclosed"));
        assert!(selects("all", "dates.mixed"));
    }

    #[test]
    fn levels_follow_config_then_command_line() {
        let config =
            parse_text("[severity]\nstyle = \"error\"\n\"style.titles\" = \"info\"\n").unwrap();
        let resolved = resolve(
            config,
            &Overrides {
                ignore: vec!["style.misspellings".into()],
                ..Overrides::default()
            },
        )
        .unwrap();
        let level = |id: &str| {
            resolved
                .linter
                .all_rules()
                .iter()
                .find(|(r, _)| r.meta.id.as_ref() == id)
                .map(|(_, level)| *level)
        };
        assert_eq!(level("style.titles"), Some(Level::On(Severity::Info)));
        assert_eq!(
            level("style.spelling-consistency"),
            Some(Level::On(Severity::Error))
        );
        assert_eq!(level("style.misspellings"), Some(Level::Off));
    }

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
