//! The configuration loader on arbitrary `copydesk.toml` text.
//!
//! The input is written as `copydesk.toml` in a folder made once per
//! process, beside files it may name: a base configuration to `extend` (one
//! that extends it back, for cycles), a repository rule set that is also a
//! house style, a broken rule set, and articles in folders that globs,
//! `[[per-path]]` entries and a nested configuration select. The file is
//! loaded, merged and resolved as `copydesk check` does it; when it resolves,
//! the folder is walked with nested configurations and every admitted
//! article linted with its configuration's linter and per-path ignores.
//!
//! Problems must point into the file that has them. Inputs naming a file
//! outside the folder (`extend = "/etc/…"`, `rule-sets = ["../../dev/zero"]`)
//! are skipped: the harness reads only what it wrote.
#![no_main]

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use copydesk::config::{self, ConfigError, ConfigSet, Overrides, RawConfig};
use copydesk::files::read::DEFAULT_MAX_FILE_SIZE;
use copydesk::lint::FileLinter;
use copydesk::render;
use copydesk::ruleset::Source;
use copydesk::run::walk::walk_nested;
use copydesk::suppress::Filter;
use copydesk_fuzz::{assert_range_in, assert_report_sound};
use libfuzzer_sys::fuzz_target;

const FIXTURES: &[(&str, &str)] = &[
    (
        "base.toml",
        "rule-sets = [\"house.toml\"]\nexclude = [\"drafts/**\"]\n\
         [severity]\nquotes = \"info\"\n\"dates.weekday\" = \"off\"\n\
         [[per-path]]\npaths = [\"archive/**\"]\nignore = [\"dates\", \"house\"]\n",
    ),
    (
        "shared/base.toml",
        "extend = \"../base.toml\"\ninclude = [\"**/*.md\", \"**/*.txt\"]\nhouse-style = \"ap\"\n",
    ),
    ("shared/loop.toml", "extend = \"../copydesk.toml\"\n"),
    (
        "house.toml",
        "name = \"house\"\ndescription = \"Fixture house style.\"\n\n\
         [[rule]]\nid = \"house.amb\"\nkind = \"substitution\"\nseverity = \"warning\"\n\
         swap = { \"Amb.\" = \"Ambassador\" }\ndescription = \"Titles in full.\"\n\
         [[rule.example]]\ntext = \"Amb. Kulik left.\"\nfindings = 1\nfixed = \"Ambassador Kulik left.\"\n\n\
         [[rule]]\nid = \"house.no-very\"\nkind = \"existence\"\nseverity = \"info\"\n\
         house-styles = [\"house\"]\npatterns = [\"\\\\bvery\\\\s+\\\\w+\"]\ndescription = \"Cut it.\"\n",
    ),
    (
        "broken.toml",
        "[[rule]]\nid = \"broken\"\nkind = \"nonsense\"\npatterns = [\"(\"]\n",
    ),
    (
        "story.md",
        "---\ndate: 2024-03-12\n---\n\nKIEV, March 12 - Amb. Kulik said \"very well\" on Thursday, March 12, 2024.\n",
    ),
    (
        "drafts/draft.txt",
        "date 2023-02-10\nSEOUL, Feb 10 - The Ambassador met the ambassador.\n",
    ),
    (
        "archive/old.txt",
        "date 1987-03-02\nNEW YORK, Feb 26 - Zaire said on Friday, Feb 27.\n",
    ),
    ("desk/ru/copydesk.toml", "language = \"ru\"\nignore = [\"style\"]\n"),
    ("desk/ru/story.md", "---\nlang: ru\n---\n\nОн сказал: «да» и \"нет\".\n"),
    ("notes/readme.markdown", "# Notes\n\nThe goverment said so.\n"),
];

fn folder() -> &'static Path {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER
        .get_or_init(|| {
            let folder = tempfile::tempdir().expect("a temporary folder");
            for (name, text) in FIXTURES {
                let path = folder.path().join(name);
                std::fs::create_dir_all(path.parent().expect("fixtures are in a folder"))
                    .expect("fixture folders can be made");
                std::fs::write(path, text).expect("fixtures can be written");
            }
            // Canonical, so that "inside the folder" can be told by prefix.
            folder
        })
        .path()
}

fn canonical_folder() -> &'static Path {
    static CANONICAL: OnceLock<PathBuf> = OnceLock::new();
    CANONICAL.get_or_init(|| std::fs::canonicalize(folder()).expect("the folder exists"))
}

/// Does every file the configuration names lie in the fixture folder (or
/// not exist at all)? Asked both as the filesystem resolves the name and as
/// `extend` joins it, dropping `..` without looking.
fn names_only_fixtures(raw: &RawConfig) -> bool {
    let mut named: Vec<&str> = raw.rule_sets.iter().map(|r| r.value.as_str()).collect();
    named.extend(raw.extend.iter().map(|e| e.value.as_str()));
    named.extend(raw.house_style.iter().map(|h| h.value.as_str()));
    named.iter().all(|name| {
        let resolved = match std::fs::canonicalize(folder().join(name)) {
            Ok(found) => found.starts_with(canonical_folder()),
            Err(_) => true,
        };
        resolved && stays_below(Path::new(name))
    })
}

fn stays_below(relative: &Path) -> bool {
    let mut depth = 0usize;
    for part in relative.components() {
        match part {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return false,
            },
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}

/// Command-line overrides, picked by the input so that it reproduces.
fn overrides(bytes: &[u8]) -> Overrides {
    match bytes.len() % 4 {
        0 => Overrides::default(),
        1 => Overrides {
            house_style: Some("bbc".into()),
            ..Overrides::default()
        },
        2 => Overrides {
            select: Some(vec!["quotes".into(), "dates.weekday".into()]),
            ..Overrides::default()
        },
        _ => Overrides {
            ignore: vec!["country".into()],
            language: Some("de".into()),
            ..Overrides::default()
        },
    }
}

fn assert_problems_sound(error: &ConfigError) {
    if let ConfigError::Invalid(files) = error {
        for file in files {
            assert!(!file.problems.is_empty(), "an invalid file has problems");
            for problem in &file.problems {
                let what = format!("{} in {}", problem.rule, file.source.name);
                assert_range_in(&file.source.text, &problem.span, &what);
                for label in &problem.labels {
                    assert_range_in(&file.source.text, &label.span, &what);
                }
            }
        }
        render::human::render(&render::problem_reports(files), false);
    }
}

fuzz_target!(|bytes: &[u8]| {
    copydesk_fuzz::on_worker_thread(|| run(bytes));
});

fn run(bytes: &[u8]) {
    let file = folder().join("copydesk.toml");
    let text = String::from_utf8_lossy(bytes).into_owned();
    let raw = match config::parse(Source::new("copydesk.toml", text), &file) {
        Ok(raw) => raw,
        Err(problems) => {
            assert_problems_sound(&ConfigError::Invalid(vec![problems]));
            return;
        }
    };
    if !names_only_fixtures(&raw) {
        return;
    }
    std::fs::write(&file, bytes).expect("the configuration can be written");

    // What `--config copydesk.toml` does: load (with its `extend` chain) and
    // resolve, then walk with nested configurations.
    let overrides = overrides(bytes);
    if let Err(error) = config::load(&file).and_then(|raw| config::resolve(raw, &overrides)) {
        assert_problems_sound(&error);
        return;
    }
    let mut configs = ConfigSet::new(overrides);
    let slot = configs.slot(Some(file.clone()));
    let walked = walk_nested(folder(), slot, &mut configs, true);
    for error in configs.take_errors().unwrap_or_default() {
        assert_problems_sound(&error);
    }
    for (path, index) in walked.files {
        let resolved = &configs.resolved[index];
        let filter = Filter::for_file(resolved, &path, false);
        let report = FileLinter {
            linter: &resolved.linter,
            filter: &|doc, diagnostics| filter.apply(&resolved.linter, doc, diagnostics),
            fix: Some(copydesk::fix::FixMode::Safe),
            read_along: None,
        }
        .path(&path.display().to_string(), &path, DEFAULT_MAX_FILE_SIZE);
        let input = std::fs::read(&path).expect("a walked file can be read");
        assert_report_sound(&report, &input);
    }
}
