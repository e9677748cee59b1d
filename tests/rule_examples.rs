//! Every built-in rule's own examples must hold.

use copydesk::ruleset::{self, builtin, builtin_names};
use copydesk::self_test;

#[test]
fn builtin_rule_examples_hold() {
    let sources: Vec<_> = builtin_names().into_iter().filter_map(builtin).collect();
    let rules = match ruleset::compile(&sources) {
        Ok(rules) => rules,
        Err(problems) => panic!("built-in rule sets do not compile: {problems:#?}"),
    };
    let (count, failures) = self_test::run_all(&rules);
    assert!(count >= rules.len(), "every built-in rule carries examples");
    for rule in &rules {
        assert!(
            !rule.meta.examples.is_empty(),
            "rule {} has no examples",
            rule.meta.id
        );
        assert!(
            !rule.meta.description.is_empty(),
            "rule {} has no description",
            rule.meta.id
        );
    }
    let report: Vec<String> = failures
        .iter()
        .map(|f| format!("{} ({}): {}", f.rule, f.origin, f.message))
        .collect();
    assert!(
        failures.is_empty(),
        "failing examples:\n{}",
        report.join("\n")
    );
}
