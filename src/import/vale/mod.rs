//! `copydesk import vale`: a Vale style folder (its `*.yml` rules, and a
//! `.vale.ini` when one is given) as a copydesk rule set in TOML.
//!
//! Each rule keeps its id (`Style.Rule` → `style.rule`), message (`%s` →
//! `{match}`, and `{suggestion}` first for a substitution), level, link (in
//! its description) and regular expressions (translated, see [`regex`]).
//! Kinds copydesk has no equivalent of, and expressions it cannot run, are
//! named with the reason, in the rule set's header and in
//! [`ValeImport::not_imported`]; the rest is written all the same.

mod ini;
mod kinds;
pub mod regex;
mod write;

use std::path::{Path, PathBuf};

pub use ini::ValeIni;

/// What an import produced.
#[derive(Clone, Debug)]
pub struct ValeImport {
    /// The rule set, in TOML.
    pub rule_set: String,
    /// The ids of the rules it holds, in order.
    pub imported: Vec<String>,
    /// What was left out, each with why.
    pub not_imported: Vec<NotImported>,
}

/// A rule, or part of one, that could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotImported {
    /// `Style.Rule` as Vale names it.
    pub rule: String,
    /// Why, in a sentence.
    pub reason: String,
    /// Whether the whole rule is missing (else one of its patterns).
    pub whole_rule: bool,
}

impl std::fmt::Display for NotImported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.whole_rule {
            "not imported"
        } else {
            "imported in part"
        };
        write!(f, "{} {what}: {}", self.rule, self.reason)
    }
}

/// Why nothing could be imported.
#[derive(Debug)]
pub enum ImportError {
    /// The folder or a file in it could not be read.
    Read(PathBuf, std::io::Error),
    /// The folder holds no `*.yml` rules, nor folders of them.
    NoRules(PathBuf),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Read(path, error) => write!(f, "cannot read {}: {error}", path.display()),
            ImportError::NoRules(path) => write!(
                f,
                "{} holds no Vale rules (*.yml), nor style folders of them",
                path.display()
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports the style folder at `path` (a folder of `*.yml` rules, or a
/// Vale `StylesPath` of such folders) under the `.vale.ini` text `ini`,
/// when one is given: without it every rule runs at its own level.
pub fn import(path: &Path, ini: Option<&str>) -> Result<ValeImport, ImportError> {
    let styles = styles_in(path)?;
    if styles.is_empty() {
        return Err(ImportError::NoRules(path.to_path_buf()));
    }
    let ini = ini.map(ValeIni::parse);
    let mut rules = Vec::new();
    let mut not_imported = Vec::new();
    for (style, files) in &styles {
        for file in files {
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(file)
                .map_err(|error| ImportError::Read(file.clone(), error))?;
            let vale_name = format!("{style}.{name}");
            let mut converted = kinds::convert(&vale_name, &text, &mut not_imported);
            if let (Some(rule), Some(ini)) = (converted.as_mut(), &ini) {
                let own = kinds::own_level(&text);
                rule.severity = ini
                    .level_of(style, &name, &own)
                    .map_or_else(|| "off".to_string(), |level| kinds::severity(&level));
            }
            rules.extend(converted);
        }
    }
    let header = format!(
        "Imported from Vale by `copydesk import vale` ({}).\nLevels: suggestion → info, warning → warning, error → error{}.",
        styles
            .iter()
            .map(|(style, _)| style.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        if ini.is_some() {
            "; rules the .vale.ini leaves out or puts below MinAlertLevel are off"
        } else {
            ""
        }
    );
    let listed: Vec<String> = not_imported.iter().map(ToString::to_string).collect();
    Ok(ValeImport {
        rule_set: write::rule_set(&header, &listed, &rules),
        imported: rules.iter().map(|r| r.id.clone()).collect(),
        not_imported,
    })
}

/// `Style.Rule` as a copydesk id: lower case, anything but letters, digits
/// and hyphens made a hyphen.
pub fn rule_id(vale_name: &str) -> String {
    vale_name
        .split('.')
        .map(|part| {
            let cleaned: String = part
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            let trimmed = cleaned.trim_matches('-').to_string();
            if trimmed.is_empty() {
                "rule".to_string()
            } else {
                trimmed
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The styles under `path`, each with its rule files sorted by name.
fn styles_in(path: &Path) -> Result<Vec<(String, Vec<PathBuf>)>, ImportError> {
    let own = yml_files(path)?;
    if !own.is_empty() {
        let name = path
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "style".to_string());
        return Ok(vec![(name, own)]);
    }
    let mut folders: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|error| ImportError::Read(path.to_path_buf(), error))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let mut styles = Vec::new();
    for folder in folders {
        let files = yml_files(&folder)?;
        if let (false, Some(name)) = (files.is_empty(), folder.file_name()) {
            styles.push((name.to_string_lossy().into_owned(), files));
        }
    }
    Ok(styles)
}

fn yml_files(folder: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let entries = std::fs::read_dir(folder)
        .map_err(|error| ImportError::Read(folder.to_path_buf(), error))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_kebab() {
        assert_eq!(
            rule_id("Microsoft.HeadingAcronyms"),
            "microsoft.headingacronyms"
        );
        assert_eq!(rule_id("write-good.E-Prime"), "write-good.e-prime");
        assert_eq!(rule_id("my_style.So"), "my-style.so");
    }
}
