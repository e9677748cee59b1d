//! Command-line interface: flags are parsed here and turned into library calls.

mod args;
mod check;
mod commands;
mod manpages;
mod merge;
mod output;
mod report;
mod rule_names;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};

/// Exit codes, stable for CI.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            // Help and version go to standard output; a failed write of
            // them is as much an error as a failed report.
            if let (Err(failure), false) = (error.print(), error.use_stderr()) {
                output::report_stdout_error(&failure);
            }
            let code = if output::stdout_failed() {
                EXIT_ERROR
            } else {
                code
            };
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Rules(args) => commands::rules(args),
        Command::Explain(args) => commands::explain(args),
        Command::Test(args) => commands::test(args),
        Command::Init(args) => commands::init(args),
        Command::Completions(args) => commands::completions(args),
        Command::Man(args) => commands::man(args),
        Command::Server(_) => commands::server(),
        Command::Import(args) => commands::import(args),
        Command::Report(mut args) => {
            args.format = args::Format::Html;
            check::run(*args)
        }
        Command::Merge(args) => merge::run(args),
    };
    if output::stdout_failed() {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::from(code)
}
