//! copydesk: an editorial consistency linter for article repositories.
//!
//! The library reads articles into [`document::Document`]s, compiles TOML rule
//! sets into a [`engine::Linter`], and returns [`diagnostic::Diagnostic`]s with
//! byte spans. It never prints: rendering lives in [`render`], output in the binary.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod cache;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod files;
pub mod fix;
pub mod lint;
pub mod paths;
pub mod render;
pub mod rules;
pub mod ruleset;
pub mod run;
pub mod self_test;
pub mod suppress;
pub mod terms;
pub mod toml_reader;
