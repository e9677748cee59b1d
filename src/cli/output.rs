//! Writing to the terminal: colour choice, broken pipes, error messages.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use super::args::ColorChoice;
use copydesk::config::ConfigError;
use copydesk::render;

/// Should output to this stream be coloured?
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// Set once standard output refused a write for any reason but a closed pipe.
static STDOUT_FAILED: AtomicBool = AtomicBool::new(false);

/// Write to standard output. A closed pipe (`copydesk check | head`) is not an
/// error: the reader has all it wanted. Any other failure (a full disk) is
/// reported once, and [`stdout_failed`] makes the run exit 2: a report that
/// was not written must not pass a CI gate. Returns false when output should
/// stop.
pub fn write_stdout(bytes: &[u8]) -> bool {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => true,
        Err(error) => {
            report_stdout_error(&error);
            false
        }
    }
}

/// Note a failed write to standard output; silent for a closed pipe.
pub fn report_stdout_error(error: &std::io::Error) {
    if error.kind() != std::io::ErrorKind::BrokenPipe && !STDOUT_FAILED.swap(true, Ordering::SeqCst)
    {
        self::error(&format!("cannot write to standard output: {error}"));
    }
}

/// Did a write to standard output fail (a closed pipe aside)?
pub fn stdout_failed() -> bool {
    STDOUT_FAILED.load(Ordering::SeqCst)
}

pub fn write_stderr(bytes: &[u8]) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(bytes);
    let _ = stderr.flush();
}

pub fn error(message: &str) {
    write_stderr(format!("error: {message}\n").as_bytes());
}

/// Show why a configuration cannot be used, every problem with its span.
pub fn config_error(error: &ConfigError) {
    match error {
        ConfigError::Io { path, error } => {
            self::error(&format!("cannot read {}: {error}", path.display()));
        }
        ConfigError::UnknownRule { name, suggestion } => {
            let hint = suggestion
                .as_ref()
                .map(|close| format!(" (did you mean `{close}`?)"))
                .unwrap_or_default();
            self::error(&format!(
                "no rule or family is called `{name}`{hint}; `copydesk rules` lists them"
            ));
        }
        ConfigError::Invalid(files) => {
            let reports = render::problem_reports(files);
            let color = use_color(ColorChoice::Auto, stderr_is_terminal());
            write_stderr(&render::human::render(&reports, color));
            let count: usize = files.iter().map(|f| f.problems.len()).sum();
            self::error(&format!(
                "the configuration has {count} problem{}; nothing was linted",
                if count == 1 { "" } else { "s" }
            ));
        }
    }
}
