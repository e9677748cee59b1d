//! Per-article country evidence and the decisions of the country checks, as plain
//! functions over the article's text and ranges, so that they can be tested
//! without the engine. `article` and `mentions` read the article, `evidence`
//! weighs what it says about each country, and one file per check decides
//! what that check reports; `checks.rs` turns the decisions into diagnostics.

mod abbreviation;
mod article;
mod context;
mod dateline;
mod evidence;
mod mentions;
mod outdated;
mod variant;
mod weighing;

pub use abbreviation::abbreviation_findings;
pub use article::covers_locally;
pub use article::{Article, ArticleFacts};
pub use context::{context_findings, Confidence};
pub use dateline::{dateline_finding, state_dateline_finding, StateDatelineFinding};
pub use evidence::{build_evidence, Evidence};
pub use mentions::{find_mentions, keep_country_mentions, Mention};
pub use outdated::outdated_findings;
pub use variant::variant_findings_with;

#[cfg(test)]
mod tests;
