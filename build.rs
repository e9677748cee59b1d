//! Converts the country gazetteer (`rules/gazetteer.toml` and
//! `rules/countries-curated.toml`) to JSON in `OUT_DIR` at build time. The data
//! stays in TOML for people to edit; the binary reads the JSON, which parses
//! several times faster than TOML on every start.

use std::env;
use std::fs;
use std::path::PathBuf;

const GAZETTEER_SOURCES: &[&str] = &["gazetteer", "countries-curated"];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in GAZETTEER_SOURCES {
        let source = format!("rules/{name}.toml");
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let json = serde_json::to_string(&table).unwrap_or_else(|e| panic!("{source}: {e}"));
        let target = out_dir.join(format!("{name}.json"));
        fs::write(&target, json).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}
