//! The shape of the library that docs/architecture.md promises: modules
//! that depend on each other in one direction only, and source files short
//! enough to read. Read from the source tree, so that a change which breaks
//! either fails here rather than in review.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Longer than this, a source file holds more than one job. Tests beside
/// the code count too: they move to a `tests.rs` of their own.
const MAX_LINES: usize = 620;

fn source_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src/ is readable") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The library's top-level module a file belongs to (`config` for
/// `src/config/raw.rs`), or `None` for the crate roots and the binary.
fn top_module(path: &Path) -> Option<String> {
    let relative = path
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main" | "cli")).then(|| name.to_string())
}

/// The code of a file without its unit tests, which may use anything.
fn code_without_tests(path: &Path) -> Option<String> {
    if path.file_stem().is_some_and(|stem| stem == "tests") {
        return None;
    }
    let text = std::fs::read_to_string(path).expect("a source file is UTF-8");
    Some(match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => text[..at].to_string(),
        None => text,
    })
}

/// `crate::NAME` references of each top-level module to the others.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in source_files() {
        let (Some(module), Some(code)) = (top_module(&path), code_without_tests(&path)) else {
            continue;
        };
        let uses = graph.entry(module.clone()).or_default();
        for (at, _) in code.match_indices("crate::") {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `copydesk_crate::`, not ours
            }
            let name: String = code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                uses.insert(name);
            }
        }
    }
    graph
}

/// A path of dependencies from `from` back to itself, if there is one.
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![vec![from.to_string()]];
    while let Some(path) = stack.pop() {
        let last = path.last().expect("paths are never empty");
        for next in graph.get(last).into_iter().flatten() {
            if next == from {
                let mut cycle = path.clone();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn top_level_modules_depend_on_each_other_in_one_direction() {
    let graph = module_graph();
    // The reading of the graph itself: these edges exist, so a parser that
    // found none would fail here rather than pass for the wrong reason.
    assert!(graph["run"].contains("lint"), "{graph:#?}");
    assert!(graph["lint"].contains("engine"), "{graph:#?}");
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|module| cycle_through(&graph, module))
        .map(|cycle| cycle.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_detector_finds_a_cycle() {
    let graph = BTreeMap::from([
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["c".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]);
    assert_eq!(
        cycle_through(&graph, "a").map(|cycle| cycle.join(" ")),
        Some("a b c a".to_string())
    );
    assert_eq!(cycle_through(&module_graph(), "fix"), None);
}

#[test]
fn no_source_file_is_longer_than_one_job() {
    let long: Vec<String> = source_files()
        .into_iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(&path).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", path.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these by job (see docs/architecture.md):\n{}",
        long.join("\n")
    );
}
