//! The smaller commands: rules, explain, test, init, completions, man, import.

use std::path::Path;

use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs, ExplainArgs, InitArgs, ManArgs, RulesArgs, TestArgs};
use super::check::config_settings;
use super::manpages;
use super::output;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use copydesk::config::Resolved;
use copydesk::files::read::{read_text_file, MAX_CONFIG_FILE_SIZE};
use copydesk::render;
use copydesk::ruleset::reference::level_name;
use copydesk::ruleset::{self, Source};
use copydesk::run;
use copydesk::self_test;

fn resolve_here(args: &super::args::ConfigArgs) -> Result<std::sync::Arc<Resolved>, u8> {
    match run::configuration_for(&config_settings(args), Path::new(".")) {
        Ok(resolved) => Ok(resolved),
        Err(error) => {
            output::config_error(&error);
            Err(EXIT_ERROR)
        }
    }
}

pub fn rules(args: RulesArgs) -> u8 {
    let resolved = match resolve_here(&args.config) {
        Ok(resolved) => resolved,
        Err(code) => return code,
    };
    let rules = resolved.linter.all_rules();
    let text = if args.json {
        let list: Vec<serde_json::Value> = rules
            .iter()
            .map(|(rule, level)| {
                serde_json::json!({
                    "id": rule.meta.id.as_ref(),
                    "kind": rule.meta.kind,
                    "level": level_name(*level),
                    "scope": rule.meta.scope.as_str(),
                    "house_styles": rule.meta.house_styles,
                    "summary": rule.meta.summary(),
                    "origin": rule.meta.origin.as_ref(),
                })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
        text.push('\n');
        text
    } else {
        let width = rules
            .iter()
            .map(|(r, _)| r.meta.id.len())
            .max()
            .unwrap_or(10);
        let mut text = String::new();
        for (rule, level) in rules {
            let mut level = level_name(*level).to_string();
            if !rule.meta.house_styles.is_empty() {
                level.push_str(&format!(" ({})", rule.meta.house_styles.join("/")));
            }
            text.push_str(&format!(
                "{:<width$}  {:<15} {:<20} {}\n",
                rule.meta.id,
                rule.meta.kind,
                level,
                rule.meta.summary()
            ));
        }
        text
    };
    output::write_stdout(text.as_bytes());
    EXIT_CLEAN
}

pub fn explain(args: ExplainArgs) -> u8 {
    let resolved = match resolve_here(&args.config) {
        Ok(resolved) => resolved,
        Err(code) => return code,
    };
    let rules = resolved.linter.all_rules();
    let Some((rule, level)) = rules.iter().find(|(r, _)| r.meta.id.as_ref() == args.rule) else {
        let ids: Vec<&str> = rules.iter().map(|(r, _)| r.meta.id.as_ref()).collect();
        let hint = copydesk::toml_reader::did_you_mean(&args.rule, &ids)
            .map(|close| format!(" (did you mean `{close}`?)"))
            .unwrap_or_default();
        output::error(&format!(
            "no rule is called `{}`{hint}; `copydesk rules` lists them",
            args.rule
        ));
        return EXIT_ERROR;
    };
    let text = ruleset::reference::explain(rule, *level);
    output::write_stdout(text.as_bytes());
    EXIT_CLEAN
}

pub fn test(args: TestArgs) -> u8 {
    let mut sources = Vec::new();
    if args.rule_sets.is_empty() {
        sources.extend(
            ruleset::builtin_names()
                .into_iter()
                .filter_map(ruleset::builtin),
        );
    }
    for path in &args.rule_sets {
        match read_text_file(path, MAX_CONFIG_FILE_SIZE) {
            Ok(text) => sources.push(Source::new(path.display().to_string(), text)),
            Err(error) => {
                output::error(&format!("cannot read {}: {error}", path.display()));
                return EXIT_ERROR;
            }
        }
    }
    let rules = match ruleset::compile(&sources) {
        Ok(rules) => rules,
        Err(problems) => {
            output::config_error(&copydesk::config::ConfigError::Invalid(problems));
            return EXIT_ERROR;
        }
    };
    let (count, failures) = self_test::run_all(&rules);
    let color = output::use_color(args.color, output::stdout_is_terminal());
    let failing_files = self_test::failures_by_file(&sources, &failures);
    let mut out = render::human::render(&render::problem_reports(&failing_files), color);
    out.extend(
        format!(
            "{} rule(s), {} example(s)\n{} passed, {} failed\n",
            rules.len(),
            count,
            count - failures.len(),
            failures.len()
        )
        .into_bytes(),
    );
    output::write_stdout(&out);
    if failures.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    }
}

const STARTER_CONFIG: &str = include_str!("starter-config.toml");

pub fn init(args: InitArgs) -> u8 {
    if args.path.exists() && !args.force {
        output::error(&format!(
            "{} already exists (use --force to overwrite)",
            args.path.display()
        ));
        return EXIT_ERROR;
    }
    match copydesk::files::write::write_whole(&args.path, STARTER_CONFIG) {
        Ok(()) => {
            output::write_stdout(format!("wrote {}\n", args.path.display()).as_bytes());
            EXIT_CLEAN
        }
        Err(error) => {
            output::error(&format!("cannot write {}: {error}", args.path.display()));
            EXIT_ERROR
        }
    }
}

pub fn completions(args: CompletionsArgs) -> u8 {
    let mut command = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut command, "copydesk", &mut buffer);
    output::write_stdout(&buffer);
    EXIT_CLEAN
}

pub fn man(args: ManArgs) -> u8 {
    if let Some(dir) = &args.dir {
        return match manpages::write_all(dir) {
            Ok(written) => {
                let mut text = String::new();
                for path in written {
                    text.push_str(&format!("wrote {}\n", path.display()));
                }
                output::write_stdout(text.as_bytes());
                EXIT_CLEAN
            }
            Err(error) => {
                output::error(&format!(
                    "cannot write the man pages into {}: {error}",
                    dir.display()
                ));
                EXIT_ERROR
            }
        };
    }
    match manpages::page(args.command.as_deref()) {
        Ok((_, text)) => {
            output::write_stdout(text.as_bytes());
            EXIT_CLEAN
        }
        Err(error) => {
            output::error(&format!("cannot render the man page: {error}"));
            EXIT_ERROR
        }
    }
}

/// The language server on standard input and output, until the client
/// shuts it down.
pub fn server() -> u8 {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let served = copydesk::server::serve(&connection);
    // The writer thread ends once every sender is gone.
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => EXIT_CLEAN,
        (Err(error), _) => {
            output::error(&format!("language server: {error}"));
            EXIT_ERROR
        }
        (_, Err(error)) => {
            output::error(&format!("language server: {error}"));
            EXIT_ERROR
        }
    }
}

/// `copydesk import vale`: the rule set to standard output or `--output`,
/// and what was not imported on standard error. Exit 2 when nothing could
/// be imported, else 0: what was left out is listed, never dropped unseen.
pub fn import(args: super::args::ImportArgs) -> u8 {
    let super::args::ImportFrom::Vale = args.from;
    let ini = match &args.ini {
        Some(path) => match read_text_file(path, MAX_CONFIG_FILE_SIZE) {
            Ok(text) => Some(text),
            Err(error) => {
                output::error(&format!("cannot read {}: {error}", path.display()));
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let imported = match copydesk::import::vale::import(&args.path, ini.as_deref()) {
        Ok(imported) => imported,
        Err(error) => {
            output::error(&error.to_string());
            return EXIT_ERROR;
        }
    };
    let mut notes = String::new();
    for left_out in &imported.not_imported {
        notes.push_str(&format!("warning: {left_out}\n"));
    }
    let destination = args.output.as_ref().map_or_else(
        || "standard output".to_string(),
        |p| p.display().to_string(),
    );
    notes.push_str(&format!(
        "imported {} rule(s) into {destination}; {} rule(s) or part(s) not imported\n",
        imported.imported.len(),
        imported.not_imported.len()
    ));
    output::write_stderr(notes.as_bytes());
    match &args.output {
        Some(path) => match copydesk::files::write::write_whole(path, &imported.rule_set) {
            Ok(()) => EXIT_CLEAN,
            Err(error) => {
                output::error(&format!("cannot write {}: {error}", path.display()));
                EXIT_ERROR
            }
        },
        None => {
            output::write_stdout(imported.rule_set.as_bytes());
            EXIT_CLEAN
        }
    }
}
