//! Throughput of copydesk on real articles, in bytes per second.
//!
//! The articles are read at run time from `../shared/articles/` (they are
//! never copied into the repository). Each benchmark lints every article once
//! per iteration and counts the bytes it saw, so divan reports MB/s:
//!
//! - `document`: reading an article into a `Document` (front matter, prose
//!   masking, paragraphs, sentences, dateline, quotations), no rules;
//! - `family`: one built-in rule family alone, on documents already parsed;
//! - `pipeline`: both together with every built-in rule set on, as `check` runs.
//!
//! Run with `cargo bench --bench throughput`; `bench/compare.sh` measures the
//! binary end to end against `cat` and other linters.

use std::path::Path;
use std::sync::Arc;

use copydesk::config::{self, Overrides, RawConfig};
use copydesk::document::Document;
use copydesk::engine::Linter;
use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

/// Every article under the shared folder, as (display path, text).
fn articles() -> &'static [(String, String)] {
    static ARTICLES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    ARTICLES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/articles");
        let mut found = Vec::new();
        collect(&root, &root, &mut found);
        found.sort();
        assert!(
            !found.is_empty(),
            "no articles under {}: the benchmark needs the shared articles",
            root.display()
        );
        found
    })
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out);
            continue;
        }
        let is_article = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md")
        ) && path.file_name().is_some_and(|n| n != "README.md");
        if !is_article {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&path) {
            let shown = path.strip_prefix(root).unwrap_or(&path);
            out.push((shown.display().to_string(), text));
        }
    }
}

fn total_bytes() -> usize {
    articles().iter().map(|(_, text)| text.len()).sum()
}

/// A linter with the default configuration, limited to `select` when given.
fn linter(select: Option<&str>) -> Arc<Linter> {
    let overrides = Overrides {
        select: select.map(|family| vec![family.to_string()]),
        ..Overrides::default()
    };
    match config::resolve(RawConfig::default(), &overrides) {
        Ok(resolved) => resolved.linter,
        Err(error) => panic!("the built-in rule sets must compile: {error:?}"),
    }
}

fn parsed(linter: &Linter) -> Vec<Document> {
    articles()
        .iter()
        .map(|(path, text)| linter.document(path, text.clone()))
        .collect()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn document(bencher: Bencher) {
    let linter = linter(None);
    bencher
        .counter(BytesCount::new(total_bytes()))
        .with_inputs(|| articles().to_vec())
        .bench_local_values(|inputs| {
            inputs
                .into_iter()
                .map(|(path, text)| linter.document(&path, text).sentences.len())
                .sum::<usize>()
        });
}

/// The rule families (the part of each rule id before the dot), read from the
/// built-in rule sets so that a new family is benchmarked as soon as it lands.
fn families() -> Vec<String> {
    let mut families: Vec<String> = linter(None)
        .all_rules()
        .iter()
        .filter_map(|(rule, _)| rule.meta.id.split('.').next().map(str::to_string))
        .collect();
    families.sort();
    families.dedup();
    families
}

#[divan::bench(args = families(), sample_count = 10, sample_size = 1)]
// divan hands each argument as a reference to the item `families` yields.
#[allow(clippy::ptr_arg)]
fn family(bencher: Bencher, family: &String) {
    let linter = linter(Some(family));
    let documents = parsed(&linter);
    bencher
        .counter(BytesCount::new(total_bytes()))
        .bench_local(|| {
            documents
                .iter()
                .map(|doc| linter.lint(doc).len())
                .sum::<usize>()
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn pipeline(bencher: Bencher) {
    let linter = linter(None);
    bencher
        .counter(BytesCount::new(total_bytes()))
        .with_inputs(|| articles().to_vec())
        .bench_local_values(|inputs| {
            inputs
                .into_iter()
                .map(|(path, text)| {
                    let doc = linter.document(&path, text);
                    linter.lint(&doc).len()
                })
                .sum::<usize>()
        });
}

/// Compiling every built-in rule set: the fixed cost each run pays once.
#[divan::bench(sample_count = 20)]
fn compile_rules() -> usize {
    linter(None).active_rules().len()
}
