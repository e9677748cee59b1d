//! Rule names for shell completion. `--select`, `--ignore` and `copydesk
//! explain` take any rule id, since a repository's rule sets add their own
//! (and a wrong one gets a "did you mean" from the configuration, not from
//! clap); the built-in ids and families are only *offered*, so completion
//! scripts list them while every value still parses.

use std::collections::BTreeSet;
use std::ffi::OsStr;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

/// A rule id, a family or `all`: any string, completed from the built-in
/// rule sets.
#[derive(Clone, Copy, Debug, Default)]
pub struct RuleName;

impl TypedValueParser for RuleName {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(command, arg, value)
    }

    // Computed only when asked (completions, a missing value's error), never
    // while parsing, so linting pays nothing for it.
    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(builtin_rule_names().into_iter()))
    }
}

/// `all`, each family, and each rule of the built-in rule sets with its
/// summary, in that order.
pub fn builtin_rule_names() -> Vec<PossibleValue> {
    let sources: Vec<_> = copydesk::ruleset::builtin_names()
        .into_iter()
        .filter_map(copydesk::ruleset::builtin)
        .collect();
    // The built-in rule sets compile (a test runs their examples); were one
    // broken, completion would offer the families of the rest, not fail.
    let rules = copydesk::ruleset::compile(&sources).unwrap_or_default();
    let families: BTreeSet<&str> = rules
        .iter()
        .filter_map(|rule| rule.meta.id.split_once('.').map(|(family, _)| family))
        .collect();
    let mut names = vec![PossibleValue::new("all").help("every rule")];
    names.extend(
        families
            .into_iter()
            .map(|family| PossibleValue::new(family.to_string()).help("a family of rules")),
    );
    names.extend(rules.iter().map(|rule| {
        PossibleValue::new(rule.meta.id.to_string()).help(rule.meta.summary().to_string())
    }));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        builtin_rule_names()
            .iter()
            .map(|value| value.get_name().to_string())
            .collect()
    }

    #[test]
    fn every_builtin_rule_and_family_is_offered() {
        let names = names();
        for expected in ["all", "dates", "quotes", "country", "dates.weekday"] {
            assert!(
                names.iter().any(|name| name == expected),
                "{expected} in {names:?}"
            );
        }
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "no name is offered twice");
    }

    #[test]
    fn a_rule_id_of_a_repository_still_parses() {
        let command = clap::Command::new("copydesk");
        let parsed = RuleName.parse_ref(&command, None, OsStr::new("house.ministers"));
        assert_eq!(parsed.ok().as_deref(), Some("house.ministers"));
    }
}
