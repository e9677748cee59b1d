//! Rule selection and each rule's level.

use std::sync::Arc;

use crate::diagnostic::Level;
use crate::ruleset::CompiledRule;
use crate::toml_reader::Located;

use super::{Overrides, RawConfig};

/// Does `rule` match a selector: an id, a family (`quotes`), or `all`?
pub fn selects(selector: &str, id: &str) -> bool {
    selector == "all"
        || selector == id
        || id
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// Each rule's level: its default, then the config's severities, then the
/// config's `select` / `ignore`, then the command line's.
pub(super) fn rule_levels(
    config: &RawConfig,
    overrides: &Overrides,
    rules: &[Arc<CompiledRule>],
) -> Vec<Level> {
    let selection = Selection::new(config, overrides);
    rules
        .iter()
        .map(|rule| selection.apply(rule, configured_level(rule, &config.severity)))
        .collect()
}

/// A rule's default level, changed by the `[severity]` entries that
/// select it.
fn configured_level(rule: &CompiledRule, severity: &[(Located<String>, Located<String>)]) -> Level {
    let id = rule.meta.id.as_ref();
    let mut level = match rule.meta.default_severity {
        Some(severity) => Level::On(severity),
        None => Level::Off,
    };
    // A more specific selector wins: families first, then exact ids.
    let mut entries: Vec<&(Located<String>, Located<String>)> = severity
        .iter()
        .filter(|(name, _)| selects(&name.value, id))
        .collect();
    entries.sort_by_key(|(name, _)| name.value.len());
    for (_, value) in entries {
        if let Some(parsed) = Level::parse(&value.value) {
            level = parsed;
        }
    }
    level
}

/// The selectors in force: `--select` replaces the config's `select`, and
/// the config's `ignore` and `--ignore` add up.
struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl Selection {
    fn new(config: &RawConfig, overrides: &Overrides) -> Selection {
        let config_select: Vec<String> = config.select.iter().map(|s| s.value.clone()).collect();
        let select = overrides.select.clone().unwrap_or(config_select);
        let ignore: Vec<String> = config
            .ignore
            .iter()
            .map(|s| s.value.clone())
            .chain(overrides.ignore.iter().cloned())
            .collect();
        Selection { select, ignore }
    }

    /// `level` once selected: a selected rule that is off is turned on at
    /// its usual severity; a rule left out of a `select`, or ignored, is off.
    fn apply(&self, rule: &CompiledRule, mut level: Level) -> Level {
        let id = rule.meta.id.as_ref();
        if !self.select.is_empty() {
            if self.select.iter().any(|s| selects(s, id)) {
                if level == Level::Off {
                    level = Level::On(rule.meta.severity_when_on);
                }
            } else {
                level = Level::Off;
            }
        }
        if self.ignore.iter().any(|s| selects(s, id)) {
            level = Level::Off;
        }
        level
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::raw::parse_text;
    use crate::config::resolve;
    use crate::diagnostic::Severity;

    #[test]
    fn selectors_match_ids_and_families() {
        assert!(selects("quotes", "quotes.unclosed"));
        assert!(selects("quotes.unclosed", "quotes.unclosed"));
        assert!(!selects("quote", "quotes.unclosed"));
        assert!(selects("all", "dates.mixed"));
    }

    #[test]
    fn levels_follow_config_then_command_line() {
        let config =
            parse_text("[severity]\nstyle = \"error\"\n\"style.titles\" = \"info\"\n").unwrap();
        let resolved = resolve(
            config,
            &Overrides {
                ignore: vec!["style.misspellings".into()],
                ..Overrides::default()
            },
        )
        .unwrap();
        let level = |id: &str| {
            resolved
                .linter
                .all_rules()
                .iter()
                .find(|(r, _)| r.meta.id.as_ref() == id)
                .map(|(_, level)| *level)
        };
        assert_eq!(level("style.titles"), Some(Level::On(Severity::Info)));
        assert_eq!(
            level("style.spelling-consistency"),
            Some(Level::On(Severity::Error))
        );
        assert_eq!(level("style.misspellings"), Some(Level::Off));
    }
}
