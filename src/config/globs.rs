//! Compiling the globs of `include`, `exclude` and `[[per-path]]`: checked
//! with spans when the file is read, compiled leniently afterwards.

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::toml_reader::{Located, Problems};

/// Report each of `globs` (`include` and `exclude`) that does not compile,
/// at its own span.
pub(super) fn check_globs<'a>(
    globs: impl Iterator<Item = &'a Located<String>>,
    problems: &Problems,
) {
    for glob in globs {
        if let Err(error) = Glob::new(&glob.value) {
            problems.error(
                "config.value",
                glob.span.clone(),
                format!("invalid glob: {error}"),
            );
        }
    }
}

/// The globs of a `[[per-path]]` entry, each one that does not compile
/// reported at its span.
pub(super) fn per_path_globs(paths: &[Located<String>], problems: &Problems) -> Option<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for path in paths {
        match Glob::new(&path.value) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(error) => problems.error(
                "config.value",
                path.span.clone(),
                format!("invalid glob: {error}"),
            ),
        }
    }
    builder.build().ok()
}

/// The globs that compile, as one set. A bad glob is reported when its file
/// is read ([`check_globs`], [`per_path_globs`]); here it is skipped.
pub(super) fn glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        if let Ok(glob) = Glob::new(glob) {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}
