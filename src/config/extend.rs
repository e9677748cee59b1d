//! `extend = "..."`: loading a configuration over the files it extends.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::read::{read_text_file, MAX_CONFIG_FILE_SIZE};
use crate::paths::{self, absolute};
use crate::ruleset::{FileProblems, Source};
use crate::toml_reader::Located;

use super::discover::relative_to_current_dir;
use super::globs::glob_set;
use super::raw::parse;
use super::{ConfigError, PathIgnore, RawConfig};

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
    let text = read_text_file(path, MAX_CONFIG_FILE_SIZE).map_err(|error| ConfigError::Io {
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
    let written = paths::join(&own.root(), Path::new(&extend.value));
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
    let base = match load_extending(&base_path, chain) {
        // Point at the `extend` that named a file that cannot be read.
        Err(ConfigError::Io { path, error }) if path == base_path => Err(refuse(format!(
            "cannot read `{}`: {error}",
            base_path.display()
        ))),
        base => base,
    };
    chain.pop();
    Ok(merge(own, base?, &extend.value))
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
        value: paths::join(&base_folder, Path::new(&located.value))
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
