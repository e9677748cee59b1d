//! `copydesk.toml`: which rule sets run, how, and on which files.
//!
//! A configuration goes through phases, one file each:
//!
//! 1. `discover.rs`: finding the file that applies to a path ([`discover()`],
//!    [`discover_all`], [`in_folder`]).
//! 2. `raw.rs`: reading its text into a [`RawConfig`], what the file says with
//!    the span of every value, so that problems point into it; every problem
//!    in the file is collected ([`parse`]).
//! 3. `extend.rs`: with `extend = "..."`, merging it over the files it
//!    extends, its paths and globs re-rooted ([`load`]).
//! 4. `resolve.rs`: reading and compiling the rule sets it names
//!    (`read_rule_set_files`), running a repository's own rule examples
//!    (`check_own_examples`), checking every rule name, and building the
//!    [`Linter`](crate::engine::Linter) and the globs of a [`Resolved`]
//!    ([`resolve()`]); `levels.rs` gives each rule its level ([`selects`]).
//!
//! `set.rs` holds the [`ConfigSet`] of a run: every configuration it meets,
//! each read and resolved once, and the problems of those that failed.
//! `globs.rs` compiles the `include`, `exclude` and `[[per-path]]` globs.

mod discover;
mod extend;
mod globs;
mod levels;
mod raw;
mod resolve;
mod set;

use std::path::PathBuf;

use globset::GlobSet;

use crate::diagnostic::Severity;
use crate::ruleset::FileProblems;
use crate::toml_reader::Located;

pub use discover::{discover, discover_all, in_folder, CONFIG_NAMES};
pub use extend::{load, load_with, Unsaved};
pub use levels::selects;
pub use raw::{is_language_tag, parse, RawConfig, LANGUAGE_TAG_HINT};
pub use resolve::{resolve, Resolved};
pub use set::ConfigSet;

/// The built-in house styles.
pub const HOUSE_STYLES: &[&str] = &["ap", "reuters", "bbc", "iso"];

/// Per-path settings: rules ignored in matching files, and their language.
#[derive(Clone, Debug)]
pub struct PathIgnore {
    /// The globs as written (or, from an extended file, as rewritten to
    /// match relative to the glob root); `globs` is built from them.
    pub paths: Vec<Located<String>>,
    /// `paths` compiled, matched against a file's path relative to the
    /// configuration's glob root ([`RawConfig::glob_root()`]).
    pub globs: GlobSet,
    /// The rule ids or families ignored in matching files (`ignore`).
    pub rules: Vec<Located<String>>,
    /// The language of matching files that do not name their own
    /// (`language`): it wins over `--language` and the root `language`.
    pub language: Option<Located<String>>,
}

/// Settings given on the command line; they win over every file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--select`: when given, replaces the configuration's `select`.
    pub select: Option<Vec<String>>,
    /// `--ignore`: added to the configuration's `ignore`.
    pub ignore: Vec<String>,
    /// `--house-style`: a built-in style's name or a rule-set file.
    pub house_style: Option<String>,
    /// `--language`: the language of articles that do not state their own.
    pub language: Option<String>,
}

/// Why a configuration could not be used.
#[derive(Debug)]
pub enum ConfigError {
    /// A file could not be read.
    Io {
        /// The file, as it was named.
        path: PathBuf,
        /// Why it could not be read.
        error: std::io::Error,
    },
    /// A rule id or family named on the command line does not exist.
    UnknownRule {
        /// The name as given.
        name: String,
        /// The closest existing rule id or family, if one is close.
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

/// Which severities make the run fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Any finding at this severity or above.
    Severity(Severity),
    /// No finding makes the run fail.
    Never,
}

/// When neither `--fail-on` nor the configuration says: warnings and errors.
impl Default for FailOn {
    fn default() -> Self {
        FailOn::Severity(Severity::Warning)
    }
}

impl FailOn {
    /// `error`, `warning`, `info` or `never`, as written in `fail-on`.
    pub fn parse(name: &str) -> Option<FailOn> {
        if name == "never" {
            Some(FailOn::Never)
        } else {
            Severity::parse(name).map(FailOn::Severity)
        }
    }

    /// Does a finding of `severity` make the run fail?
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Severity(threshold) => severity >= threshold,
            FailOn::Never => false,
        }
    }
}
