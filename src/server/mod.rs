//! `copydesk server`: the Language Server Protocol over a connection
//! (standard input and output for the binary), so that an editor shows
//! findings as the writer types.
//!
//! The server is synchronous, one message at a time: linting an article
//! takes milliseconds, so nothing is gained by threads but ordering
//! problems. Changes are debounced: a changed article is linted once no
//! message has arrived for the debounce delay, and always at its newest
//! text, so stale findings are never published over newer text. Requests
//! that need findings (code actions, hover) lint the newest text first.

// `lsp_types::Uri` keys maps and sets: clippy sees a cell inside it, but its
// equality, order and hash are those of its string, which never changes.
#![allow(clippy::mutable_key_type)]

mod actions;
mod assist;
mod convert;
mod requests;
mod text;
mod uri;
mod workspace;

use std::collections::{BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Duration;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    notification, request, CodeActionKind, CodeActionOptions, CodeActionParams,
    CodeActionProviderCapability, CompletionOptions, CompletionParams, CompletionResponse,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    HoverParams, HoverProviderCapability, InitializeParams, LogMessageParams, MessageType,
    PositionEncodingKind, PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde_json::Value;

pub use text::{Encoding, LineIndex};
use workspace::{OpenDocument, Role, Workspace};

/// Why the server stopped other than by the client's `shutdown` and `exit`.
#[derive(Debug)]
pub struct ServerError(pub String);

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServerError {}

impl From<lsp_server::ProtocolError> for ServerError {
    fn from(error: lsp_server::ProtocolError) -> Self {
        ServerError(error.to_string())
    }
}

/// What the client may set in `initializationOptions`.
#[derive(Clone, Debug)]
struct Options {
    /// How long after the last change an article is linted.
    debounce: Duration,
    /// The base address of the rule reference (`…/docs/rules`), for each
    /// diagnostic's link to its rule.
    docs: Option<String>,
}

impl Options {
    fn from_initialization(options: Option<&Value>) -> Self {
        let get = |key: &str| options.and_then(|options| options.get(key));
        let debounce = get("debounceMs").and_then(Value::as_u64).unwrap_or(50);
        let docs = get("rulesDocsUrl")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| {
                let repository = env!("CARGO_PKG_REPOSITORY");
                (!repository.is_empty()).then(|| format!("{repository}/blob/main/docs/rules"))
            });
        Options {
            debounce: Duration::from_millis(debounce.min(10_000)),
            docs,
        }
    }
}

/// Serve one client on `connection` until it shuts the server down.
pub fn serve(connection: &Connection) -> Result<(), ServerError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)
        .map_err(|error| ServerError(format!("bad initialize parameters: {error}")))?;
    let encoding = negotiate_encoding(&params);
    let initialized = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": ServerInfo {
            name: "copydesk".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection.initialize_finish(id, initialized)?;
    let mut server = Server {
        connection,
        workspace: Workspace::default(),
        encoding,
        options: Options::from_initialization(params.initialization_options.as_ref()),
        pending: BTreeSet::new(),
        configuration_files: HashMap::new(),
    };
    server.watch_configuration_files(&params);
    server.run()
}

/// UTF-8 when the client offers it (no conversion), else UTF-16.
fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), "\"".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

struct Server<'a> {
    connection: &'a Connection,
    workspace: Workspace,
    encoding: Encoding,
    options: Options,
    /// Documents changed since their findings were last published.
    pending: BTreeSet<Uri>,
    /// For each configuration file, the files its problems were last
    /// published on, so that they are cleared once fixed.
    configuration_files: HashMap<PathBuf, BTreeSet<Uri>>,
}

impl Server<'_> {
    fn run(&mut self) -> Result<(), ServerError> {
        loop {
            let message = if self.pending.is_empty() {
                match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            } else {
                match self.connection.receiver.recv_timeout(self.options.debounce) {
                    Ok(message) => message,
                    Err(error) if error.is_timeout() => {
                        self.publish_pending();
                        continue;
                    }
                    Err(_) => return Ok(()),
                }
            };
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    self.answer(request);
                }
                Message::Notification(notification) => {
                    if notification.method == notification::Exit::METHOD {
                        return Ok(());
                    }
                    self.guarded(&notification.method.clone(), |server| {
                        server.on_notification(notification)
                    });
                }
                Message::Response(_) => {}
            }
        }
    }

    /// Run `work`; a panic in it is logged to the client, never fatal.
    fn guarded(&mut self, what: &str, work: impl FnOnce(&mut Self)) -> bool {
        let outcome = catch_unwind(AssertUnwindSafe(|| work(self)));
        if let Err(panic) = &outcome {
            let why = panic_message(panic.as_ref());
            self.log(
                MessageType::ERROR,
                format!("copydesk: internal error in {what}: {why}"),
            );
        }
        outcome.is_ok()
    }

    fn answer(&mut self, request: Request) {
        let id = request.id.clone();
        let method = request.method.clone();
        let mut response = None;
        let answered = self.guarded(&method, |server| response = Some(server.respond(request)));
        let response = match response {
            Some(response) if answered => response,
            _ => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("copydesk could not answer {method}; see the log"),
            ),
        };
        self.send(response.into());
    }

    fn respond(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            request::CodeActionRequest::METHOD => parse(request)
                .map(|params: CodeActionParams| serde_json::to_value(self.code_actions(params))),
            request::HoverRequest::METHOD => {
                parse(request).map(|params: HoverParams| serde_json::to_value(self.hover(params)))
            }
            request::Completion::METHOD => parse(request).map(|params: CompletionParams| {
                serde_json::to_value(self.completion(params).map(CompletionResponse::Array))
            }),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("copydesk does not answer {}", request.method),
                )
            }
        };
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(error)) | Err(error) => {
                Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string())
            }
        }
    }

    fn on_notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(params) = extract::<DidOpenTextDocumentParams>(notification) {
                    let item = params.text_document;
                    let document = OpenDocument::new(&item.uri, item.text, item.version);
                    let role = document.role;
                    self.workspace.documents.insert(item.uri.clone(), document);
                    self.changed(item.uri, role);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(params) = extract::<DidChangeTextDocumentParams>(notification) {
                    let uri = params.text_document.uri;
                    let encoding = self.encoding;
                    if let Some(document) = self.workspace.documents.get_mut(&uri) {
                        let mut text = std::mem::take(&mut document.text);
                        text::apply_changes(&mut text, params.content_changes, encoding);
                        document.set_text(text, params.text_document.version);
                        let role = document.role;
                        self.changed(uri, role);
                    }
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                if let Ok(params) = extract::<lsp_types::DidSaveTextDocumentParams>(notification) {
                    let uri = params.text_document.uri;
                    if is_toml(&uri) {
                        self.configuration_changed();
                    }
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(params) = extract::<DidCloseTextDocumentParams>(notification) {
                    let uri = params.text_document.uri;
                    let closed = self.workspace.documents.remove(&uri);
                    self.pending.remove(&uri);
                    if closed.is_some_and(|document| document.role == Role::Article) {
                        self.publish(uri, Vec::new(), None);
                    } else {
                        // Its unsaved text no longer counts: the disk's does.
                        self.configuration_changed();
                    }
                }
            }
            notification::DidChangeWatchedFiles::METHOD => self.configuration_changed(),
            _ => {}
        }
    }

    /// A document's text changed: lint it (a configuration: every article)
    /// once the client pauses.
    fn changed(&mut self, uri: Uri, role: Role) {
        if role == Role::Configuration || is_toml(&uri) {
            self.configuration_changed();
        }
        self.pending.insert(uri);
    }

    /// A configuration file, or one it extends or names, changed: read
    /// configurations again and relint every open document.
    fn configuration_changed(&mut self) {
        self.workspace.forget_configurations();
        for (uri, document) in &mut self.workspace.documents {
            document.findings = None;
            self.pending.insert(uri.clone());
        }
    }

    /// Lint the documents that changed and publish their findings.
    fn publish_pending(&mut self) {
        while let Some(uri) = self.pending.pop_first() {
            self.guarded("linting", |server| server.publish_document(uri));
        }
    }

    fn publish_document(&mut self, uri: Uri) {
        let Some(document) = self.workspace.documents.get(&uri) else {
            return;
        };
        let version = Some(document.version);
        if document.role == Role::Configuration {
            let path = document.path.clone();
            if let Some(path) = path {
                let result = self.workspace.configuration(Some(path.clone()));
                self.publish_configuration(&path, result.err());
            }
            return;
        }
        match self.workspace.lint(&uri) {
            Some(Ok(_)) => {
                let diagnostics = self.converted(&uri);
                self.publish(uri.clone(), diagnostics, version);
                // Its configuration works again: clear the problems shown.
                let path = self
                    .workspace
                    .documents
                    .get(&uri)
                    .and_then(|d| d.path.clone());
                if let Some(file) = self.workspace.configuration_file(path.as_deref()) {
                    if self
                        .configuration_files
                        .get(&file)
                        .is_some_and(|f| !f.is_empty())
                    {
                        self.publish_configuration(&file, None);
                    }
                }
            }
            Some(Err(error)) => {
                let path = self
                    .workspace
                    .documents
                    .get(&uri)
                    .and_then(|d| d.path.clone());
                let file = self.workspace.configuration_file(path.as_deref());
                let shown = file.as_ref().map_or("the configuration".to_string(), |f| {
                    format!("`{}`", f.display())
                });
                let message = format!("copydesk cannot lint this file: {shown} has errors");
                let problem = lsp_types::Diagnostic {
                    range: Range::default(),
                    severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                    code: Some(lsp_types::NumberOrString::String("config.invalid".into())),
                    source: Some("copydesk".into()),
                    message,
                    ..lsp_types::Diagnostic::default()
                };
                self.publish(uri, vec![problem], version);
                if let Some(file) = file {
                    self.publish_configuration(&file, Some(error));
                }
            }
            None => {}
        }
    }

    /// The findings of a linted document, as the client sees them.
    fn converted(&self, uri: &Uri) -> Vec<lsp_types::Diagnostic> {
        let Some(document) = self.workspace.documents.get(uri) else {
            return Vec::new();
        };
        let context = self.context(uri, document);
        document
            .findings
            .iter()
            .flatten()
            .map(|finding| convert::diagnostic(finding, &context))
            .collect()
    }

    fn context<'d>(&'d self, uri: &'d Uri, document: &'d OpenDocument) -> convert::Context<'d> {
        convert::Context {
            uri,
            text: &document.text,
            lines: &document.lines,
            encoding: self.encoding,
            docs: self.options.docs.as_deref(),
        }
    }

    /// Publish a configuration's problems on the files they point into, and
    /// clear those published before that are gone.
    fn publish_configuration(
        &mut self,
        file: &std::path::Path,
        error: Option<config::ConfigError>,
    ) {
        let problems = error
            .map(|error| convert::configuration_problems(&error, Some(file)))
            .unwrap_or_default();
        let mut now = BTreeSet::new();
        for (path, (text, findings)) in problems {
            let Some(uri) = uri::from_path(&path) else {
                continue;
            };
            let lines = LineIndex::new(&text);
            let context = convert::Context {
                uri: &uri,
                text: &text,
                lines: &lines,
                encoding: self.encoding,
                docs: None,
            };
            let diagnostics = findings
                .iter()
                .map(|f| convert::diagnostic(f, &context))
                .collect();
            let version = self.workspace.documents.get(&uri).map(|d| d.version);
            self.publish(uri.clone(), diagnostics, version);
            now.insert(uri);
        }
        let before = self
            .configuration_files
            .insert(file.to_path_buf(), now.clone());
        for uri in before.unwrap_or_default().difference(&now) {
            self.publish(uri.clone(), Vec::new(), None);
        }
    }

    /// Ask the client to tell the server when any TOML file changes, where
    /// it can (configurations extend and name other TOML files).
    fn watch_configuration_files(&mut self, params: &InitializeParams) {
        let dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String("**/*.toml".to_string()),
                kind: None,
            }],
        };
        let registration = lsp_types::Registration {
            id: "copydesk-configuration".to_string(),
            method: notification::DidChangeWatchedFiles::METHOD.to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        let params = lsp_types::RegistrationParams {
            registrations: vec![registration],
        };
        let request = Request::new(
            lsp_server::RequestId::from("copydesk-watch".to_string()),
            request::RegisterCapability::METHOD.to_string(),
            params,
        );
        self.send(request.into());
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let notification =
            Notification::new(notification::PublishDiagnostics::METHOD.to_string(), params);
        self.send(notification.into());
    }

    fn log(&self, typ: MessageType, message: String) {
        let params = LogMessageParams { typ, message };
        let notification = Notification::new(notification::LogMessage::METHOD.to_string(), params);
        self.send(notification.into());
    }

    fn send(&self, message: Message) {
        // The client is gone when this fails; the loop ends on the next read.
        let _ = self.connection.sender.send(message);
    }
}

use crate::config;

fn is_toml(uri: &Uri) -> bool {
    uri.as_str().ends_with(".toml")
}

fn parse<T: serde::de::DeserializeOwned>(request: Request) -> Result<T, serde_json::Error> {
    serde_json::from_value(request.params)
}

fn extract<T: serde::de::DeserializeOwned>(
    notification: Notification,
) -> Result<T, serde_json::Error> {
    serde_json::from_value(notification.params)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}
