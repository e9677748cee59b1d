//! `archive`: the kind of the archive rules (`archive.variant`,
//! `archive.name`, `archive.style`). They judge every article of a run
//! together (the `archive` module), so on one article alone they find nothing;
//! being rules gives them levels, `select`, `ignore`, `[severity]`,
//! `copydesk rules` and `explain` like any other.

use super::{Check, CheckContext, Kind, KindBuilder};

/// The `archive` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "archive",
    keys: &[],
    summary: "consistency across every article of a run, judged after the per-file pass",
    build,
};

struct ArchiveWide;

fn build(_: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    Some(Box::new(ArchiveWide))
}

impl Check for ArchiveWide {
    fn check(&self, _: &mut CheckContext<'_>) {}
}
