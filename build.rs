//! Two build steps over `rules/`:
//! - the country gazetteer (`rules/gazetteer.toml`,
//!   `rules/countries-curated.toml` and `rules/countries-institutions.toml`) becomes JSON in `OUT_DIR`: the data stays
//!   in TOML for people to edit, and the binary reads the JSON, which parses
//!   several times faster than TOML on every start;
//! - every file of `rules/` that holds `[[rule]]` tables is a built-in rule
//!   set, named after the file, compiled into the binary: adding a family's
//!   TOML there is all it takes to ship it.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

const GAZETTEER_SOURCES: &[&str] = &[
    "gazetteer",
    "countries-curated",
    "countries-institutions",
    "countries-languages",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=rules");
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in GAZETTEER_SOURCES {
        let source = format!("rules/{name}.toml");
        println!("cargo:rerun-if-changed={source}");
        let table = read_table(Path::new(&source));
        let json = serde_json::to_string(&table).unwrap_or_else(|e| panic!("{source}: {e}"));
        let target = out_dir.join(format!("{name}.json"));
        fs::write(&target, json).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
    write_builtin_rule_sets(&out_dir);
}

fn read_table(path: &Path) -> toml::Table {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `builtin_rule_sets.rs`: the rule sets of `rules/`, by name, in name order.
fn write_builtin_rule_sets(out_dir: &Path) {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut sets: Vec<(String, PathBuf)> = fs::read_dir(&rules)
        .unwrap_or_else(|e| panic!("{}: {e}", rules.display()))
        .map(|entry| entry.expect("a readable entry of rules/").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .filter(|path| {
            !GAZETTEER_SOURCES
                .iter()
                .any(|name| path.ends_with(format!("{name}.toml")))
        })
        .filter(|path| {
            read_table(path)
                .get("rule")
                .is_some_and(toml::Value::is_array)
        })
        .map(|path| {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a UTF-8 name");
            println!("cargo:rerun-if-changed={}", path.display());
            (name.to_string(), path)
        })
        .collect();
    sets.sort();
    let mut code = String::from("&[\n");
    for (name, path) in &sets {
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    let target = out_dir.join("builtin_rule_sets.rs");
    fs::write(&target, code).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
