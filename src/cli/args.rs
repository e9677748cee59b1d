//! The command-line flags, with clap's derive.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::rule_names::RuleName;

#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "An editorial consistency linter for article repositories",
    long_about = "copydesk finds the errors spell-checkers miss: a country confused with another, \
dates written three ways, unbalanced quotes, a title capitalised in one paragraph and not the next."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint articles (the default folder is `.`).
    Check(Box<CheckArgs>),
    /// List every rule with its kind, level and summary.
    Rules(RulesArgs),
    /// Explain a rule: why it exists, and its examples.
    Explain(ExplainArgs),
    /// Run the examples that rule sets carry (the built-in ones by default).
    Test(TestArgs),
    /// Write a commented starter copydesk.toml.
    Init(InitArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print a man page (roff): copydesk(1), or one command's page.
    Man(ManArgs),
    /// Run the language server for editors (LSP over standard input and output).
    Server(ServerArgs),
    /// Convert another linter's rules into a copydesk rule set.
    Import(ImportArgs),
    /// Write the archive report, one self-contained HTML page, to standard
    /// output: `check --format html`.
    Report(Box<CheckArgs>),
    /// Combine the records of shards (`check --shard K/N --stats FILE`)
    /// into the archive rules' findings or report, as one run would give.
    Merge(MergeArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated source snippets (codespan-reporting).
    Human,
    /// One line per finding: path:line:col: severity[rule] message.
    Short,
    /// One JSON document (schema in docs/ci.md).
    Json,
    /// One JSON object per finding per line, written as each file finishes.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML: one test case per file, one failure per finding.
    Junit,
    /// One self-contained HTML page: the archive report.
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ConfigArgs {
    /// Use this configuration file instead of discovering copydesk.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only these rule ids or families (comma-separated); replaces the config's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = RuleName, hide_possible_values = true)]
    pub select: Option<Vec<String>>,
    /// Skip these rule ids or families (comma-separated); added to the config's `ignore`.
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = RuleName, hide_possible_values = true)]
    pub ignore: Vec<String>,
    /// House style: ap, reuters, bbc, iso, or a rule-set file.
    #[arg(long, value_name = "NAME", value_parser = house_style)]
    pub house_style: Option<String>,
    /// Language of documents that do not name their own (en, de, fr, ru, ...).
    #[arg(long, value_name = "LANG", value_parser = language_tag)]
    pub language: Option<String>,
}

/// A built-in house style, or a rule-set file ending in `.toml`, as in
/// copydesk.toml: a misspelt name must not quietly give no house style.
fn house_style(value: &str) -> Result<String, String> {
    let styles = copydesk::config::HOUSE_STYLES;
    if styles.contains(&value) || value.ends_with(".toml") {
        return Ok(value.to_string());
    }
    let hint = copydesk::toml_reader::did_you_mean(value, styles)
        .map(|close| format!(" (did you mean `{close}`?)"))
        .unwrap_or_default();
    Err(format!(
        "unknown house style{hint}; house styles: {}, or a rule-set file ending in .toml",
        styles.join(", ")
    ))
}

/// `--language` is checked as the configuration's `language` is: a typo such
/// as `--language=french` would otherwise leave every file to detection.
fn language_tag(value: &str) -> Result<String, String> {
    if copydesk::config::is_language_tag(value) {
        Ok(value.to_string())
    } else {
        Err(format!(
            "not a language tag; {}",
            copydesk::config::LANGUAGE_TAG_HINT
        ))
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to lint; `-` reads standard input.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Report only findings at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub min_severity: Option<SeverityArg>,
    /// Which severities make the exit code 1 (default: warning).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOnArg>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print findings only, without the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print a count of findings per rule.
    #[arg(long)]
    pub statistics: bool,
    /// Apply safe fixes in place; standard input (`-`) comes back fixed on
    /// standard output, with findings on standard error.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the safe fixes as a unified diff instead of applying them.
    #[arg(long)]
    pub diff: bool,
    /// With `--fix` or `--diff`: apply unsafe fixes too (fixes that may
    /// change the meaning, such as a weekday made to match its date).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// The file name to use for standard input (decides Markdown or text, and config).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Also lint the paths listed in FILE (`-`: standard input), one a line
    /// or NUL-separated (`git diff -z`), git's quoted names unquoted; each is
    /// looked for in the current folder, then at the git repository's root.
    /// A listed path that does not exist is an error; listed files that are
    /// not articles are skipped.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Lint only the files git reports changed since the branch left BASE
    /// (committed, staged or not; deleted files left out), among PATHS when
    /// given. BASE defaults to the first of origin/HEAD, origin/main,
    /// origin/master, main and master that exists; `--changed=HEAD`:
    /// uncommitted changes only.
    #[arg(
        long,
        value_name = "BASE",
        num_args = 0..=1,
        require_equals = true,
        conflicts_with = "files_from"
    )]
    pub changed: Option<Option<String>>,
    /// With `--changed`: also lint the files git does not track and does not
    /// ignore.
    #[arg(long, requires = "changed")]
    pub untracked: bool,
    /// Skip files named on the command line, in `--files-from` or by
    /// `--changed` when a configuration's `exclude` would skip them in a
    /// folder walk.
    #[arg(long)]
    pub force_exclude: bool,
    /// Report and fail only on findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE (a baseline) instead of reporting them.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    pub write_baseline: Option<PathBuf>,
    /// Report suppression comments that suppress nothing (`suppress.unused`).
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// With `--fix`: exit 1 when any fix was applied, even if nothing remains.
    #[arg(long, requires = "fix")]
    pub exit_non_zero_on_fix: bool,
    /// Reuse the findings of unchanged files, kept in DIR (default:
    /// `.copydesk_cache` beside the config file, or in the current folder).
    #[arg(long, value_name = "DIR", num_args = 0..=1, require_equals = true)]
    pub cache: Option<Option<PathBuf>>,
    /// Check only shard K of N (1-based): the files a hash of their shown
    /// path puts there, the same on every machine. The archive rules wait
    /// for `copydesk merge`; write the records with `--stats`.
    #[arg(long, value_name = "K/N", value_parser = shard)]
    pub shard: Option<(usize, usize)>,
    /// Write every article's record for the archive rules to FILE, one JSON
    /// line each, for `copydesk merge`.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,
    /// Leave out the archive rules (`archive.*`), which compare every
    /// article of the run with the others.
    #[arg(long)]
    pub no_archive: bool,
}

/// `K/N`, 1-based on the command line, 0-based in the settings.
fn shard(value: &str) -> Result<(usize, usize), String> {
    let parsed = value.split_once('/').and_then(|(k, n)| {
        Some((
            k.trim().parse::<usize>().ok()?,
            n.trim().parse::<usize>().ok()?,
        ))
    });
    match parsed {
        Some((k, n)) if k >= 1 && k <= n => Ok((k - 1, n)),
        _ => Err("a shard is K/N with 1 <= K <= N, such as 2/8".to_string()),
    }
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' record files (`check --shard K/N --stats FILE`).
    #[arg(value_name = "STATS", required = true)]
    pub stats: Vec<PathBuf>,
    /// The configuration whose `[archive]` settings judge the archive
    /// (default: copydesk.toml found from the current folder).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format: `html` for the report, any other for the archive
    /// rules' findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Which severities make the exit code 1 (default: warning).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOnArg>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, such as `quotes.unclosed`.
    #[arg(value_parser = RuleName, hide_possible_values = true)]
    pub rule: String,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Rule-set files; the built-in rule sets when none are given.
    #[arg(value_name = "RULESET.toml")]
    pub rule_sets: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the configuration.
    #[arg(default_value = "copydesk.toml")]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print: `check` prints copydesk-check(1).
    #[arg(value_name = "COMMAND", value_parser = super::manpages::COMMANDS)]
    pub command: Option<String>,
    /// Write every page (copydesk.1, copydesk-check.1, ...) into DIR instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    /// Speak over standard input and output (the only transport; accepted
    /// because many editors pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Whose rules: `vale` (a Vale style folder of *.yml rules, or a
    /// StylesPath of style folders).
    #[arg(value_name = "FROM")]
    pub from: ImportFrom,
    /// The style folder (e.g. styles/Microsoft) or the StylesPath holding it.
    #[arg(value_name = "STYLES_PATH")]
    pub path: PathBuf,
    /// A .vale.ini whose BasedOnStyles, per-rule settings and MinAlertLevel
    /// decide which rules are on (the others are written `off`).
    #[arg(long, value_name = "FILE")]
    pub ini: Option<PathBuf>,
    /// Write the rule set to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFrom {
    /// Vale (vale.sh): existence, substitution, occurrence, repetition,
    /// conditional, consistency and metric rules.
    Vale,
}
