//! Man pages, generated from the command-line definitions: copydesk(1) and
//! one page per command, copydesk-check(1) and the rest, as git has them.
//! copydesk(1) names each command's page, so every page it names must be one
//! `copydesk man --dir` writes.

use std::path::Path;

use clap::CommandFactory;

use super::args::Cli;

/// The commands that have a page of their own; a unit test keeps this list
/// the same as the subcommands.
pub const COMMANDS: [&str; 11] = [
    "check",
    "rules",
    "explain",
    "test",
    "init",
    "completions",
    "man",
    "server",
    "import",
    "report",
    "merge",
];

/// The command line as the pages describe it: built, so that each command
/// knows its page's name (`copydesk-check`), and without clap's `help`
/// command, which `copydesk help COMMAND` still runs but which has no page.
fn documented() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}

/// A page's name and roff text: copydesk(1) for `None`, else the page of
/// the command named (one of [`COMMANDS`]).
pub fn page(name: Option<&str>) -> std::io::Result<(String, String)> {
    let top = documented();
    let (command, see_also) = match name {
        None => (top, None),
        Some(name) => {
            let Some(sub) = top.find_subcommand(name).cloned() else {
                return Err(std::io::Error::other(format!(
                    "no command is called `{name}`"
                )));
            };
            (sub, Some(r"\fBcopydesk\fR(1)"))
        }
    };
    // A command's page would otherwise give its own name, without a version,
    // in its footer.
    let man =
        clap_mangen::Man::new(command).source(format!("copydesk {}", env!("CARGO_PKG_VERSION")));
    let file_name = man.get_filename();
    let mut roff = Vec::new();
    man.render(&mut roff)?;
    let mut text = String::from_utf8(roff).map_err(std::io::Error::other)?;
    if let Some(see_also) = see_also {
        text.push_str(".SH \"SEE ALSO\"\n");
        text.push_str(see_also);
        text.push('\n');
    }
    Ok((file_name, text))
}

/// Every page, copydesk(1) first.
pub fn all_pages() -> std::io::Result<Vec<(String, String)>> {
    std::iter::once(None)
        .chain(COMMANDS.iter().map(|name| Some(*name)))
        .map(page)
        .collect()
}

/// Write every page into `dir` (created when missing); the paths written.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (file_name, text) in all_pages()? {
        let path = dir.join(file_name);
        copydesk::files::write::write_whole(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_page_and_no_other_command_exists() {
        let names: Vec<String> = documented()
            .get_subcommands()
            .map(|sub| sub.get_name().to_string())
            .collect();
        assert_eq!(names, COMMANDS);
    }

    #[test]
    fn command_pages_are_named_after_the_command() {
        let (file_name, text) = page(Some("check")).expect("the check page renders");
        assert_eq!(file_name, "copydesk-check.1");
        assert!(text.contains(".TH copydesk-check 1"), "{text}");
        assert!(text.contains("SEE ALSO"));
    }
}
