//! Compiling the globs of `include`, `exclude` and `[[per-path]]`.

use globset::{Glob, GlobSet, GlobSetBuilder};

pub(super) fn glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        if let Ok(glob) = Glob::new(glob) {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}
