//! The requests a client makes about a document: code actions, hover and
//! completion. Each lints the newest text first when it changed.

use lsp_types::{CodeActionKind, CodeActionParams, CompletionParams, HoverParams, Range};

use super::workspace::Role;
use super::{actions, assist, Server};

impl Server<'_> {
    pub(super) fn code_actions(
        &mut self,
        params: CodeActionParams,
    ) -> Option<Vec<lsp_types::CodeActionOrCommand>> {
        let uri = params.text_document.uri;
        self.workspace.lint(&uri)?.ok()?;
        let only = params.context.only;
        let wants = |kind: &CodeActionKind| {
            only.as_ref().is_none_or(|only| {
                only.iter()
                    .any(|wanted| kind.as_str().starts_with(wanted.as_str()))
            })
        };
        let document = self.workspace.documents.get(&uri)?;
        let findings = document.findings.as_deref().unwrap_or_default();
        let range = document
            .lines
            .span(&document.text, params.range, self.encoding);
        let mut result = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            let context = self.context(&uri, document);
            result = actions::for_findings(findings, range, &context);
        }
        let has_safe_fix = findings.iter().any(|finding| {
            finding
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == crate::diagnostic::Applicability::Safe)
        });
        let fix_all = actions::fix_all_kind();
        // Offered with the quick fixes too, so that editors without a
        // "fix all" command can reach it.
        let fix_all_kinds = [fix_all.clone(), CodeActionKind::QUICKFIX];
        if has_safe_fix {
            if let Some(kind) = fix_all_kinds.into_iter().find(|kind| wants(kind)) {
                if let Some(fixed) = self.workspace.fixed_text(&uri, crate::fix::FixMode::Safe) {
                    let document = self.workspace.documents.get(&uri)?;
                    let action = actions::fix_all(
                        &uri,
                        &document.text,
                        &fixed,
                        &document.lines,
                        self.encoding,
                        kind,
                    );
                    result.push(lsp_types::CodeActionOrCommand::CodeAction(action));
                }
            }
        }
        Some(result)
    }

    pub(super) fn hover(&mut self, params: HoverParams) -> Option<lsp_types::Hover> {
        let at = params.text_document_position_params;
        let uri = at.text_document.uri;
        self.workspace.lint(&uri)?.ok()?;
        let configuration = self.workspace.configuration_of(&uri)?.ok()?;
        let document = self.workspace.documents.get(&uri)?;
        let offset = document
            .lines
            .offset(&document.text, at.position, self.encoding);
        let findings = document.findings.as_deref()?;
        let span = findings
            .iter()
            .find(|f| f.span.start <= offset && offset <= f.span.end)?
            .span
            .clone();
        let range = document.lines.range(&document.text, &span, self.encoding);
        assist::hover(findings, offset, &configuration.linter, range)
    }

    pub(super) fn completion(
        &mut self,
        params: CompletionParams,
    ) -> Option<Vec<lsp_types::CompletionItem>> {
        let at = params.text_document_position;
        let uri = at.text_document.uri;
        let document = self.workspace.documents.get(&uri)?;
        let offset = document
            .lines
            .offset(&document.text, at.position, self.encoding);
        let line_start = document.text[..offset].rfind('\n').map_or(0, |n| n + 1);
        let before = &document.text[line_start..offset];
        let is_configuration = document.role == Role::Configuration;
        let table = is_configuration
            .then(|| assist::table_at(&document.text, line_start))
            .flatten();
        assist::slot(before, is_configuration, table.as_deref())?;
        let typed = assist::typed_word(before).to_string();
        let replace_from =
            document
                .lines
                .position(&document.text, offset - typed.len(), self.encoding);
        let replace = Range::new(replace_from, at.position);
        // A configuration being edited may be broken: offer the built-in
        // rules' ids then.
        let linter = match self.workspace.configuration_of(&uri)? {
            Ok(configuration) => configuration,
            Err(_) => self.workspace.configuration(None).ok()?,
        };
        Some(assist::rule_ids(&linter.linter, &typed, replace))
    }
}
