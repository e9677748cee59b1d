//! The `copydesk` command: argument parsing and output; the work is in the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
