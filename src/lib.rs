//! copydesk: an editorial consistency linter for article repositories.
//!
//! The library reads articles into [`Document`]s, compiles TOML rule sets into
//! a [`Linter`], and returns [`Diagnostic`]s with byte spans. It never prints:
//! renderers in [`render`] return text, and the binary writes it.
//!
//! Two entry points cover most embedders:
//!
//! - [`check`] checks paths the way `copydesk check` does: walking folders,
//!   nested configurations, suppressions, baselines, fixes, in parallel, each
//!   file's report handed to a [`Reporter`] in path order;
//! - [`lint_text`] lints one article's text in memory under a configuration,
//!   honouring its suppression comments exactly as the command line does.
//!
//! ```
//! use copydesk::config::{self, Overrides, RawConfig};
//!
//! // The built-in defaults; `run::configuration_for` finds a repository's own.
//! let configuration = config::resolve(RawConfig::default(), &Overrides::default())?;
//! let text = "The goverment met.\n\n<!-- copydesk-disable-next-line -->\nThe goverment left.\n";
//! let report = copydesk::lint_text(&configuration, "story.md", text.to_string());
//! let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_ref()).collect();
//! assert_eq!(rules, ["style.misspellings"]); // the second one is suppressed
//! # Ok::<(), copydesk::config::ConfigError>(())
//! ```
//!
//! Checking a folder, keeping every report:
//!
//! ```
//! use copydesk::{check, Collect, Settings};
//!
//! let folder = std::env::temp_dir().join(format!("copydesk-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&folder)?;
//! std::fs::write(folder.join("story.txt"), "The goverment met.\n")?;
//! let mut collected = Collect::default();
//! let outcome = check(Settings::for_paths([&folder]), &mut collected).expect("no config problems");
//! assert_eq!(outcome.summary.files, 1);
//! assert_eq!(collected.reports[0].diagnostics[0].rule.as_ref(), "style.misspellings");
//! # std::fs::remove_dir_all(&folder)?;
//! # Ok::<(), std::io::Error>(())
//! ```
#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod archive;
pub mod baseline;
pub mod cache;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod files;
pub mod fix;
pub mod import;
pub mod lint;
pub mod paths;
pub mod render;
pub mod rules;
pub mod ruleset;
pub mod run;
pub mod self_test;
pub mod server;
pub mod stable_hash;
pub mod suppress;
pub mod terms;
#[cfg(test)]
mod test_texts;
pub mod toml_reader;

pub use config::{ConfigError, Overrides, Resolved};
pub use diagnostic::{Applicability, Diagnostic, Fix, Label, Severity};
pub use document::Document;
pub use engine::Linter;
pub use lint::{lint_text, FileLinter, FileReport};
pub use run::{check, Collect, Fixing, Outcome, Reporter, Settings};
