//! What the server knows: the documents the client has open, with their
//! text and last findings, and the configuration in force for each, read
//! once and dropped when a configuration file changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::Uri;

use crate::config::{self, ConfigError, Overrides, RawConfig, Resolved};
use crate::diagnostic::Diagnostic;
use crate::fix::FixMode;
use crate::paths::{absolute, relative_to};

use super::text::LineIndex;
use super::uri;

/// What an open document is to the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// An article: linted.
    Article,
    /// A `copydesk.toml` (or a file named like one): checked as configuration.
    Configuration,
    /// Any other TOML file (a rule set, another tool's settings): its
    /// problems are shown through the configuration that names it, and it
    /// is never linted as prose.
    OtherToml,
}

/// A document the client has open.
pub struct OpenDocument {
    /// The file it is, when it is one.
    pub path: Option<PathBuf>,
    /// The text as the client has it now.
    pub text: String,
    /// Where `text`'s lines start.
    pub lines: LineIndex,
    /// The client's version of `text`.
    pub version: i32,
    /// Article or configuration.
    pub role: Role,
    /// The findings in `text`, when it has been linted since it last changed.
    pub findings: Option<Vec<Diagnostic>>,
}

impl OpenDocument {
    /// A document opened with `text`.
    pub fn new(uri: &Uri, text: String, version: i32) -> Self {
        let path = uri::to_path(uri);
        let name = path
            .as_deref()
            .and_then(Path::file_name)
            .and_then(|name| name.to_str())
            .unwrap_or("");
        let role = if config::CONFIG_NAMES.contains(&name) {
            Role::Configuration
        } else if uri.as_str().ends_with(".toml") {
            Role::OtherToml
        } else {
            Role::Article
        };
        OpenDocument {
            path,
            lines: LineIndex::new(&text),
            text,
            version,
            role,
            findings: None,
        }
    }

    /// Replace the text (after the client's edits), forgetting the findings.
    pub fn set_text(&mut self, text: String, version: i32) {
        self.lines = LineIndex::new(&text);
        self.text = text;
        self.version = version;
        self.findings = None;
    }

    /// How the article is named to the linter: its path, or the URI's last
    /// segment for a buffer that is no file (Markdown or plain text is
    /// decided by the extension).
    pub fn linted_name(&self, uri: &Uri) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => uri
                .as_str()
                .rsplit(['/', ':'])
                .next()
                .unwrap_or("untitled.txt")
                .to_string(),
        }
    }
}

/// The configuration of a document: resolved, or why it cannot be.
pub type Configuration = Result<Arc<Resolved>, ConfigError>;

/// Open documents and the configurations they use.
#[derive(Default)]
pub struct Workspace {
    /// The open documents.
    pub documents: HashMap<Uri, OpenDocument>,
    /// Each configuration file read (`None`: the built-in defaults).
    configurations: HashMap<Option<PathBuf>, Configuration>,
    /// The configuration file in force in each folder.
    discovered: HashMap<PathBuf, Option<PathBuf>>,
}

impl Workspace {
    /// Forget every configuration read, so that the next lint reads them
    /// again: a configuration file, or one it extends, changed.
    pub fn forget_configurations(&mut self) {
        self.configurations.clear();
        self.discovered.clear();
    }

    /// The configuration file in force for `path` (`None`: the defaults).
    pub fn configuration_file(&mut self, path: Option<&Path>) -> Option<PathBuf> {
        let folder = absolute(path?.parent()?);
        if let Some(found) = self.discovered.get(&folder) {
            return found.clone();
        }
        let found = config::discover(&folder);
        self.discovered.insert(folder, found.clone());
        found
    }

    /// The configuration of the file `file` (`None`: the defaults), read
    /// once, with the text of open, unsaved configuration buffers.
    pub fn configuration(&mut self, file: Option<PathBuf>) -> Configuration {
        if let Some(known) = self.configurations.get(&file) {
            return known.clone();
        }
        let loaded = match &file {
            Some(path) => {
                let unsaved = |wanted: &Path| self.unsaved_text(wanted);
                config::load_with(path, &unsaved)
            }
            None => Ok(RawConfig::default()),
        };
        let resolved = loaded
            .and_then(|raw| config::resolve(raw, &Overrides::default()))
            .map(Arc::new);
        self.configurations.insert(file, resolved.clone());
        resolved
    }

    /// The text of an open document at `path`, as the client has it.
    fn unsaved_text(&self, path: &Path) -> Option<String> {
        self.documents
            .values()
            .find(|document| document.path.as_deref() == Some(path))
            .map(|document| document.text.clone())
    }

    /// The configuration for the document at `uri`.
    pub fn configuration_of(&mut self, uri: &Uri) -> Option<Configuration> {
        let path = self.documents.get(uri)?.path.clone();
        let file = self.configuration_file(path.as_deref());
        Some(self.configuration(file))
    }

    /// Lint the article at `uri` if it changed since it was last linted.
    /// `None` when it is not open, or is not an article, or its
    /// configuration cannot be used (`Err` gives why).
    pub fn lint(&mut self, uri: &Uri) -> Option<Result<&[Diagnostic], ConfigError>> {
        let document = self.documents.get(uri)?;
        if document.role != Role::Article {
            return None;
        }
        if document.findings.is_none() {
            let configuration = match self.configuration_of(uri)? {
                Ok(configuration) => configuration,
                Err(error) => return Some(Err(error)),
            };
            let document = self.documents.get_mut(uri)?;
            let findings = if is_excluded(&configuration, document.path.as_deref()) {
                Vec::new()
            } else {
                let name = document.linted_name(uri);
                crate::lint::lint_text(&configuration, &name, document.text.clone()).diagnostics
            };
            document.findings = Some(findings);
        }
        let findings = self.documents.get(uri)?.findings.as_deref()?;
        Some(Ok(findings))
    }

    /// The article at `uri` with every fix of `mode` applied, as
    /// `copydesk check --fix` would write it; `None` when nothing changes.
    pub fn fixed_text(&mut self, uri: &Uri, mode: FixMode) -> Option<String> {
        let configuration = self.configuration_of(uri)?.ok()?;
        let document = self.documents.get(uri)?;
        let name = document.linted_name(uri);
        let report =
            crate::lint::lint_text_fixing(&configuration, &name, document.text.clone(), Some(mode));
        report.fixed.map(|fixed| fixed.text)
    }
}

/// Does the configuration's `include`/`exclude` leave this file out, as a
/// walk of its folder would?
fn is_excluded(configuration: &Resolved, path: Option<&Path>) -> bool {
    let Some(path) = path else { return false };
    let relative = relative_to(path, &configuration.config.glob_root());
    if relative.starts_with("..") {
        return false;
    }
    configuration.exclude.is_match(&relative)
        || configuration
            .include
            .as_ref()
            .is_some_and(|include| !include.is_match(&relative))
}
