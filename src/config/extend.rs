//! `extend = "..."`: loading a configuration over the files it extends.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::read::{read_text_file, MAX_CONFIG_FILE_SIZE};
use crate::paths::{self, absolute};
use crate::ruleset::{FileProblems, Source};
use crate::toml_reader::Located;

use super::discover::relative_to_current_dir;
use super::globs::glob_set;
use super::raw::parse_partially;
use super::resolve::problems_beside;
use super::{ConfigError, PathIgnore, RawConfig};

/// Read and check a configuration file, reporting every problem in it,
/// and merge it over the files it extends.
pub fn load(path: &Path) -> Result<RawConfig, ConfigError> {
    load_with(path, &|_| None)
}

/// Where a configuration file's text may come from before the disk: an
/// editor's unsaved buffer, given the file's absolute path.
pub type Unsaved<'a> = &'a dyn Fn(&Path) -> Option<String>;

/// [`load`], reading each file of the `extend` chain from `unsaved` when it
/// has the file's text, else from the disk.
pub fn load_with(path: &Path, unsaved: Unsaved) -> Result<RawConfig, ConfigError> {
    load_extending(path, &mut Vec::new(), unsaved)
}

/// A file of an `extend` chain: made absolute (to tell a cycle) and as it
/// is shown in messages.
struct ChainFile {
    absolute: PathBuf,
    shown: PathBuf,
}

/// `chain`: the files extending this one, outermost first.
fn load_extending(
    path: &Path,
    chain: &mut Vec<ChainFile>,
    unsaved: Unsaved,
) -> Result<RawConfig, ConfigError> {
    let (source, own) = read_one(path, unsaved)?;
    let Some(extend) = own.extend.clone() else {
        return Ok(own);
    };
    let refuse = |message: String| refusal(&source, &extend, message);
    let base_file = locate_base(&own, &extend.value).map_err(refuse)?;
    chain.push(ChainFile {
        absolute: absolute(path),
        shown: path.to_path_buf(),
    });
    if let Some(cycle) = cycle_back_to(chain, &base_file) {
        return Err(refuse(cycle));
    }
    let base = match load_extending(&base_file.shown, chain, unsaved) {
        // Point at the `extend` that named a file that cannot be read.
        Err(ConfigError::Io { path, error }) if path == base_file.shown => Err(refuse(format!(
            "cannot read `{}`: {error}",
            base_file.shown.display()
        ))),
        base => base,
    };
    chain.pop();
    Ok(merge(own, base?, &extend.value))
}

/// One configuration file, read and parsed on its own.
fn read_one(path: &Path, unsaved: Unsaved) -> Result<(Source, RawConfig), ConfigError> {
    let text = match unsaved(&absolute(path)) {
        Some(text) => text,
        None => read_text_file(path, MAX_CONFIG_FILE_SIZE).map_err(|error| ConfigError::Io {
            path: path.to_path_buf(),
            error,
        })?,
    };
    let source = Source::new(path.display().to_string(), text);
    match parse_partially(source.clone(), path) {
        (own, None) => Ok((source, own)),
        (partial, Some(mut problems)) => {
            let mut files = problems_beside(&partial, &mut problems);
            files.insert(0, problems);
            Err(ConfigError::Invalid(files))
        }
    }
}

/// A problem with the file `extend` names, pointing at the `extend`.
fn refusal(source: &Source, extend: &Located<String>, message: String) -> ConfigError {
    ConfigError::Invalid(vec![FileProblems {
        source: source.clone(),
        problems: vec![Diagnostic::new(
            "config.extend",
            Severity::Error,
            extend.span.clone(),
            message,
        )],
    }])
}

/// The file `extend` names, relative to `own`'s folder; why it cannot be
/// used when it is not a file.
fn locate_base(own: &RawConfig, extend: &str) -> Result<ChainFile, String> {
    let written = paths::join(&own.root(), Path::new(extend));
    let absolute = match std::fs::canonicalize(&written) {
        Ok(found) if found.is_file() => found,
        Ok(_) => return Err(format!("`{}` is not a file", written.display())),
        Err(error) => return Err(format!("cannot read `{}`: {error}", written.display())),
    };
    // `desk/../shared/base.toml` reads better as `shared/base.toml`, and a
    // file below the current folder as it would be typed there.
    let shown = relative_to_current_dir(absolute.clone());
    let shown = if shown.is_absolute() { written } else { shown };
    Ok(ChainFile { absolute, shown })
}

/// The message for a chain that `base` would close into a cycle.
fn cycle_back_to(chain: &[ChainFile], base: &ChainFile) -> Option<String> {
    let start = chain
        .iter()
        .position(|file| file.absolute == base.absolute)?;
    let mut steps: Vec<String> = chain[start..]
        .iter()
        .map(|file| format!("`{}`", file.shown.display()))
        .collect();
    steps.push(format!("`{}`", base.shown.display()));
    Some(format!(
        "`extend` makes a cycle: {}",
        steps.join(" extends ")
    ))
}

/// `own` over `base` (already merged with its own bases). Scalars: `own`
/// wins. `select`, `include`, `builtin`: `own`'s when it sets them.
/// `rule-sets`, `exclude`, `ignore`, `[[per-path]]`: the base's, then
/// `own`'s. `[severity]`: both, `own` winning for the same key. The base's
/// file paths are rewritten relative to `own`'s folder, and every glob
/// relative to the folder holding both files.
fn merge(own: RawConfig, base: RawConfig, extend: &str) -> RawConfig {
    let base_folder = Path::new(extend).parent().unwrap_or(Path::new(""));
    let roots = GlobRoots::of(&own, &base);
    let extended = layers(&own, &base);
    let severity = merged_severity(&own, &base);
    let house_style = merged_house_style(&own, &base, base_folder);
    let rule_sets = merged_rule_sets(&own, &base, base_folder);
    let include = roots.include(&own, &base);
    let exclude = roots.exclude(&own, &base);
    let per_path = roots.per_path(&own, &base);
    let ignore = [base.ignore.as_slice(), own.ignore.as_slice()].concat();
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
        extended,
        glob_root: Some(roots.common),
        source: own.source,
        extend: own.extend,
    }
}

/// Every file of the chain as read, unmerged, `own` first.
fn layers(own: &RawConfig, base: &RawConfig) -> Vec<RawConfig> {
    let mut layers = vec![RawConfig {
        extended: Vec::new(),
        ..own.clone()
    }];
    if base.extended.is_empty() {
        layers.push(base.clone());
    } else {
        layers.extend(base.extended.iter().cloned());
    }
    layers
}

/// Both files' `[severity]` entries, `own`'s first and winning for a key
/// both set.
fn merged_severity(own: &RawConfig, base: &RawConfig) -> Vec<(Located<String>, Located<String>)> {
    let mut severity = own.severity.clone();
    for (key, level) in &base.severity {
        if !own.severity.iter().any(|(mine, _)| mine.value == key.value) {
            severity.push((key.clone(), level.clone()));
        }
    }
    severity
}

/// `own`'s house style, else the base's; a house-style rule-set file is a
/// path, rewritten relative to `own`'s folder.
fn merged_house_style(
    own: &RawConfig,
    base: &RawConfig,
    base_folder: &Path,
) -> Option<Located<String>> {
    own.house_style.clone().or_else(|| {
        let style = base.house_style.as_ref()?;
        Some(if style.value.ends_with(".toml") {
            beside(base_folder, style)
        } else {
            style.clone()
        })
    })
}

/// The base's rule-set files, rewritten relative to `own`'s folder, then
/// `own`'s.
fn merged_rule_sets(own: &RawConfig, base: &RawConfig, base_folder: &Path) -> Vec<Located<String>> {
    let base_sets = base.rule_sets.iter().map(|set| beside(base_folder, set));
    base_sets.chain(own.rule_sets.iter().cloned()).collect()
}

/// A path written in the base, which sits in `base_folder` (relative to
/// `own`'s folder), rewritten relative to `own`'s folder.
fn beside(base_folder: &Path, located: &Located<String>) -> Located<String> {
    Located {
        value: paths::join(base_folder, Path::new(&located.value))
            .display()
            .to_string(),
        span: located.span.clone(),
    }
}

/// Where the merged globs are matched from: the deepest folder holding both
/// files' glob roots, and each one's glob root below it.
struct GlobRoots {
    common: PathBuf,
    own: PathBuf,
    base: PathBuf,
}

impl GlobRoots {
    fn of(own: &RawConfig, base: &RawConfig) -> GlobRoots {
        let own_root = absolute(&own.root());
        let base_root = base
            .glob_root
            .clone()
            .unwrap_or_else(|| absolute(&base.root()));
        let common = common_folder(&own_root, &base_root);
        let below_common = |root: &Path| {
            root.strip_prefix(&common)
                .unwrap_or(Path::new(""))
                .to_path_buf()
        };
        GlobRoots {
            own: below_common(&own_root),
            base: below_common(&base_root),
            common,
        }
    }

    /// `own`'s `include` when it sets one, else the base's, re-rooted.
    fn include(&self, own: &RawConfig, base: &RawConfig) -> Vec<String> {
        if own.include.is_empty() {
            prefixed_all(&self.base, &base.include)
        } else {
            prefixed_all(&self.own, &own.include)
        }
    }

    /// The base's `exclude`, then `own`'s, re-rooted.
    fn exclude(&self, own: &RawConfig, base: &RawConfig) -> Vec<String> {
        let mut exclude = prefixed_all(&self.base, &base.exclude);
        exclude.extend(prefixed_all(&self.own, &own.exclude));
        exclude
    }

    /// The base's `[[per-path]]` entries, then `own`'s, re-rooted.
    fn per_path(&self, own: &RawConfig, base: &RawConfig) -> Vec<PathIgnore> {
        let base_entries = base.per_path.iter().map(|entry| reroot(entry, &self.base));
        let own_entries = own.per_path.iter().map(|entry| reroot(entry, &self.own));
        base_entries.chain(own_entries).collect()
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

/// Each of `globs`, [`prefixed`].
fn prefixed_all(prefix: &Path, globs: &[String]) -> Vec<String> {
    globs.iter().map(|glob| prefixed(prefix, glob)).collect()
}

/// A `[[per-path]]` entry written in a folder `prefix` below the glob root,
/// its globs rewritten to match relative to the root.
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
        language: entry.language.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extended_paths_read_as_a_reader_would_write_them() {
        let join = |a: &str, b: &str| paths::join(Path::new(a), Path::new(b));
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
}
