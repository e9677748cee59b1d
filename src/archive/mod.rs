//! Archive rules: consistency across every article of a run, judged from a
//! small record per article ([`FileStats`]) rather than from the texts.
//!
//! A run makes each article's record on the worker that linted it
//! (as it is linted, [`Observer::record_of`]) and hands the records, in path order, to an
//! [`Archive`]. The archive counts them as they come (memory grows with the
//! archive's vocabulary, not with its files) and writes each to a temporary
//! file; [`Archive::finish`] judges the counts and reads the records back
//! once to find the articles that stray. Shards of a run write their records
//! (`--stats`), and `copydesk merge` feeds them to an `Archive` the same
//! way, so a merge finds exactly what one run would.
//!
//! The rules:
//! - `archive.variant`: an article writes a minority form of a name or term
//!   (the gazetteer's variant and former names, `rules/spelling-variants.toml`);
//! - `archive.name`: an article writes a minority spelling of a name that the
//!   archive spells several ways (clusters discovered in the archive,
//!   confirmed in `copydesk.toml` or overwhelming);
//! - `archive.style`: an article's quotation marks, dates or percentages are
//!   not its group's (by default, its folder's).

mod article_names;
mod keyed;
mod name_table;
mod names;
mod observe;
mod outcome;
mod periods;
mod pipeline;
mod reports;
mod scan;
mod sets;
mod settings;
mod spellings;
mod spool;
mod stats;
mod styles;

pub use names::{skeleton, transliteration_key, Cluster, NameYears};
pub use observe::{folder_of, give_back, Observer};
pub use outcome::{ArchiveFinding, ArchiveOutcome, Levels, ReportRow, Series};
pub use periods::{Verdict, Verdicts, YearCounts};
pub use pipeline::Archive;
pub use reports::{archive_reports, finding_rows};
pub use sets::{sets_for, variant_sets, Settled, VariantSet};
pub use settings::{ArchiveSettings, NameSettings, Period, Scope};
pub use stats::{FileStats, FindingRow, FormUse, Names, NamesIter, Position, StyleUse};

/// The archive rules' ids.
pub const RULES: [&str; 3] = ["archive.variant", "archive.name", "archive.style"];

/// Which of the run's shards a file belongs to: the same on every machine
/// for the same shown path, and spread evenly.
pub fn shard_of(path: &str, shards: usize) -> usize {
    let mut hasher = crate::stable_hash::StableHasher::default();
    hasher.field(path.as_bytes());
    (hasher.finish() % shards.max(1) as u64) as usize
}
