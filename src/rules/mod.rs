//! Rule kinds and the interface every rule implements.
//!
//! A rule set's `[[rule]]` table names a `kind`; the kind's builder reads its
//! own keys (with spans, for errors) and returns a [`Check`]. Each family of
//! rules lives in its own module, named for what it checks.

pub mod archive_wide;
pub mod capitalization;
pub mod consistency;
pub mod count;
pub mod countries;
pub mod dates;
pub mod existence;
mod finding;
pub mod first_reference;
pub mod pattern;
pub mod quotes;
pub mod readability;
pub mod repetition;
pub mod substitution;
mod words;

use std::ops::Range;
use std::sync::Arc;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::terms::TermMatch;
pub use crate::toml_reader::Located;
use crate::toml_reader::TableReader;
pub use finding::Finding;

/// Forms of one word or name that a rule keeps apart, as the archive rules
/// count them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantGroup {
    /// The forms; the first names the group.
    pub forms: Vec<String>,
    /// Whether the forms match with their case.
    pub case_sensitive: bool,
    /// The form the house style asks for, if the rule names one: the archive
    /// never reports it, whatever the other articles write.
    pub preferred: Option<usize>,
    /// Whether the rule reports every other form in each article itself:
    /// the archive then counts the forms for its report and adds no finding.
    pub reported_in_each_article: bool,
}

/// What a rule does with a document.
pub trait Check: Send + Sync {
    /// Reports the rule's findings on the document `cx` holds.
    fn check(&self, cx: &mut CheckContext<'_>);

    /// The groups of forms the rule keeps apart within one article (or
    /// replaces one by another): the archive rules count them across
    /// articles too. None by default.
    fn variant_groups(&self) -> Vec<VariantGroup> {
        Vec::new()
    }

    /// The rule's regular expressions, for the run's filter of the
    /// literals they need. None by default.
    fn patterns(&self) -> Vec<&pattern::Pattern> {
        Vec::new()
    }
}

/// Where in a document a rule looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Body text outside direct quotations and headings.
    Prose,
    /// Only inside direct quotations.
    Quotes,
    /// Only headings and headlines.
    Headings,
    /// Everywhere that is prose.
    All,
}

impl Scope {
    /// The names a rule's `scope` key takes.
    pub const NAMES: &'static [&'static str] = &["prose", "quotes", "headings", "all"];

    /// The scope a rule's `scope` key names.
    pub fn parse(name: &str) -> Option<Scope> {
        match name {
            "prose" => Some(Scope::Prose),
            "quotes" => Some(Scope::Quotes),
            "headings" => Some(Scope::Headings),
            "all" => Some(Scope::All),
            _ => None,
        }
    }

    /// The scope's name in a rule set.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Prose => "prose",
            Scope::Quotes => "quotes",
            Scope::Headings => "headings",
            Scope::All => "all",
        }
    }

    /// Whether `span` of `doc` lies in this scope.
    pub fn contains(self, doc: &Document, span: &Range<usize>) -> bool {
        match self {
            Scope::All => true,
            Scope::Prose => !doc.quotes.contains(span) && !doc.in_heading(span),
            Scope::Quotes => doc.quotes.contains(span),
            Scope::Headings => doc.in_heading(span),
        }
    }
}

/// An example a rule carries: its own test, run by `copydesk test` and `cargo test`.
#[derive(Clone, Debug)]
pub struct Example {
    /// The example article's text.
    pub text: String,
    /// How many findings this rule must report on `text`.
    pub findings: usize,
    /// The text after applying every fix the rule offers, when it offers any.
    pub fixed: Option<String>,
    /// File name that decides the format (`example.txt` unless set).
    pub path: String,
    /// The house style the example runs under, when it needs one.
    pub house_style: Option<String>,
    /// Where the example is written in its rule set.
    pub span: Range<usize>,
}

/// What describes a rule, independent of what it checks.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    /// `family.name`, unique in a run.
    pub id: Arc<str>,
    /// The rule's kind (`substitution`, `dates`, ...).
    pub kind: String,
    /// The severity the rule set gives; `None` when it ships switched off.
    pub default_severity: Option<Severity>,
    /// The severity a disabled-by-default rule gets when selected explicitly.
    pub severity_when_on: Severity,
    /// The rule set's message template, when it gives one (else the check's own).
    pub message: Option<String>,
    /// What the rule is for, in sentences; the first line is its summary.
    pub description: String,
    /// Where in a document the rule looks.
    pub scope: Scope,
    /// The rule runs only under these house styles (all styles when empty).
    pub house_styles: Vec<String>,
    /// The rule runs only on documents in these languages (all when empty).
    pub languages: Vec<String>,
    /// The rule's own tests.
    pub examples: Vec<Example>,
    /// The rule set it came from (a path, or `builtin/NAME.toml`).
    pub origin: Arc<str>,
    /// Where the rule's `id` is written in its rule set, for errors.
    pub id_span: Range<usize>,
}

impl RuleMeta {
    /// The first line of the description.
    pub fn summary(&self) -> &str {
        self.description.lines().next().unwrap_or("").trim()
    }

    /// The family of the rule: its id up to the first dot.
    pub fn family(&self) -> &str {
        self.id.split('.').next().unwrap_or(&self.id)
    }
}

/// Settings a check may consult.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// `ap`, `reuters`, `bbc`, `iso`, or a custom name.
    pub house_style: Option<String>,
}

/// A literal term a rule wants found by the run's shared automaton.
#[derive(Clone, Debug)]
pub struct Term {
    /// What the rule's matches are reported as ([`TermMatch::term`]).
    pub id: u32,
    /// The literal text to find.
    pub pattern: String,
    /// Whether case must match.
    pub case_sensitive: bool,
}

/// Everything a check sees of one document.
pub struct CheckContext<'a> {
    /// The document being linted.
    pub doc: &'a Document,
    /// The run's settings.
    pub settings: &'a Settings,
    /// The rule that is checking.
    pub rule: &'a RuleMeta,
    /// The severity its findings take.
    pub severity: Severity,
    matches: &'a [TermMatch],
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> CheckContext<'a> {
    /// The context of `rule` on `doc`; findings are pushed onto `out`.
    pub fn new(
        doc: &'a Document,
        settings: &'a Settings,
        rule: &'a RuleMeta,
        severity: Severity,
        matches: &'a [TermMatch],
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        CheckContext {
            doc,
            settings,
            rule,
            severity,
            matches,
            out,
        }
    }

    /// This rule's term matches in this document, already limited to its scope.
    pub fn matches(&self) -> &'a [TermMatch] {
        self.matches
    }

    /// Whether `span` lies in the rule's scope.
    pub fn in_scope(&self, span: &Range<usize>) -> bool {
        self.rule.scope.contains(self.doc, span)
    }

    /// The house style of the run, if one is set.
    pub fn house_style(&self) -> Option<&'a str> {
        self.settings.house_style.as_deref()
    }

    /// The matched text of `span` in the file. Matches are kept to the
    /// text's character boundaries ([`Document::is_as_written`]); a span that
    /// is not reads as empty rather than stopping the run.
    pub fn text(&self, span: &Range<usize>) -> &'a str {
        self.doc.text.get(span.clone()).unwrap_or_default()
    }

    /// A diagnostic for this rule at its configured severity; `message` is the
    /// rule's own message when it has one, rendered with `vars`, else `fallback`.
    pub fn diagnostic(
        &self,
        span: Range<usize>,
        fallback: &str,
        vars: &[(&str, &str)],
    ) -> Diagnostic {
        let template = self.rule.message.as_deref().unwrap_or(fallback);
        Diagnostic::new(
            self.rule.id.clone(),
            self.severity,
            span,
            render_message(template, vars),
        )
    }

    /// [`diagnostic`](Self::diagnostic) for checks that collect their
    /// message values as owned strings.
    pub fn diagnostic_with(
        &self,
        span: Range<usize>,
        fallback: &str,
        vars: &[(&'static str, String)],
    ) -> Diagnostic {
        Diagnostic::new(
            self.rule.id.clone(),
            self.severity,
            span,
            self.message_with(fallback, vars),
        )
    }

    /// The rule's message, or `fallback`, rendered with owned `vars`.
    fn message_with(&self, fallback: &str, vars: &[(&'static str, String)]) -> String {
        let template = self.rule.message.as_deref().unwrap_or(fallback);
        // Most findings have a value or two: borrowed on the stack.
        let mut few = [("", ""); 4];
        if vars.len() <= few.len() {
            for (slot, (name, value)) in few.iter_mut().zip(vars) {
                *slot = (*name, value.as_str());
            }
            return render_message(template, &few[..vars.len()]);
        }
        let borrowed: Vec<(&str, &str)> = vars
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        render_message(template, &borrowed)
    }

    /// Reports `diagnostic` as it is.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.make_room();
        self.out.push(diagnostic);
    }

    /// Reports `finding` as this rule's diagnostic when it lies in the
    /// rule's scope.
    pub fn report_finding(&mut self, finding: Finding) {
        if !self.in_scope(&finding.span) {
            return;
        }
        let message = self.message_with(&finding.message, &finding.vars);
        let diagnostic = finding.into_diagnostic(self.rule.id.clone(), self.severity, message);
        self.make_room();
        self.out.push(diagnostic);
    }

    /// A document's findings, from all its rules, go onto one vector; its
    /// first finding makes room for [`FIRST_ROOM`]. Grown from four by
    /// doubling, the vector was copied whole at 4, 8 and 16 findings, and an
    /// imported style reports a dozen or two in most articles.
    fn make_room(&mut self) {
        if self.out.capacity() == 0 {
            self.out.reserve_exact(FIRST_ROOM);
        }
    }
}

/// How many findings a document's vector has room for at its first.
const FIRST_ROOM: usize = 16;

/// Fill `{name}` placeholders from `vars`; unknown placeholders stay as written.
///
/// An imported style reports thousands of findings, each with its message
/// put together here: the braces are found with `memchr` (a `str`'s `find`
/// cost more than the rest), and the buffer is made large enough at once
/// for a template that names each value once.
pub fn render_message(template: &str, vars: &[(&str, &str)]) -> String {
    let values: usize = vars.iter().map(|(_, value)| value.len()).sum();
    let mut out = String::with_capacity(template.len() + values);
    let mut rest = template;
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match memchr::memchr(b'}', after.as_bytes()) {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a kind's builder works with: its table's own keys and the run's terms.
pub struct KindBuilder<'b, 'a, 'i> {
    /// The rule's own table in its rule set.
    pub table: &'b mut TableReader<'a, 'i>,
    /// What the rule set says of the rule besides its kind's keys.
    pub meta: &'b RuleMeta,
    terms: Vec<Term>,
}

impl<'b, 'a, 'i> KindBuilder<'b, 'a, 'i> {
    /// A builder for the rule `meta` whose table is `table`.
    pub fn new(table: &'b mut TableReader<'a, 'i>, meta: &'b RuleMeta) -> Self {
        KindBuilder {
            table,
            meta,
            terms: Vec::new(),
        }
    }

    /// Ask the run's automaton to find `pattern` for this rule, reported as `id`.
    pub fn add_term(&mut self, id: u32, pattern: &str, case_sensitive: bool) {
        self.terms.push(Term {
            id,
            pattern: pattern.to_string(),
            case_sensitive,
        });
    }

    /// The terms the rule asked for, for the run's automaton.
    pub fn into_terms(self) -> Vec<Term> {
        self.terms
    }

    /// Reports a bad value at `span` of the rule set.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) {
        self.table.problems().error("config.value", span, message);
    }

    /// Compile a user's regex, reporting a bad one at its span.
    pub fn regex(&self, pattern: &Located<String>, case_insensitive: bool) -> Option<Regex> {
        match regex::RegexBuilder::new(&pattern.value)
            .case_insensitive(case_insensitive)
            .build()
        {
            Ok(regex) => Some(regex),
            Err(error) => {
                self.table.problems().push(
                    Diagnostic::new(
                        "config.regex",
                        Severity::Error,
                        pattern.span.clone(),
                        format!("invalid regular expression in rule `{}`", self.meta.id),
                    )
                    .with_note(error.to_string()),
                );
                None
            }
        }
    }

    /// The check a family's rule names with its `check` key, from the
    /// family's table of check names; an error listing them when the key is
    /// missing or names none of them.
    pub fn choose_check<T: Copy>(&mut self, checks: &[(&str, T)]) -> Option<T> {
        let name = self.table.string("check");
        let name = self.require(name, "check")?;
        let chosen = checks
            .iter()
            .find(|(known, _)| *known == name.value)
            .map(|&(_, check)| check);
        if chosen.is_none() {
            let names: Vec<&str> = checks.iter().map(|(known, _)| *known).collect();
            self.error(
                name.span,
                format!(
                    "`check` of a `{}` rule must be one of {}, not `{}`",
                    self.meta.kind,
                    names.join(", "),
                    name.value
                ),
            );
        }
        chosen
    }

    /// A required key, with an error naming the rule when it is missing.
    pub fn require<T>(&self, value: Option<T>, key: &str) -> Option<T> {
        if value.is_none() && !self.table.has(key) {
            self.table.problems().error(
                "config.missing-key",
                self.table.span(),
                format!(
                    "rule `{}` of kind `{}` needs `{key}`",
                    self.meta.id, self.meta.kind
                ),
            );
        }
        value
    }
}

/// Reads a rule's table and returns its check, or `None` after reporting why not.
pub type BuildFn = fn(&mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>>;

/// A rule kind: its name in TOML, the keys it reads, and its builder.
pub struct Kind {
    /// The name rule sets give it in `kind`.
    pub name: &'static str,
    /// The keys of its own that a rule of the kind may set.
    pub keys: &'static [&'static str],
    /// One line on what the kind checks.
    pub summary: &'static str,
    /// Builds a rule of the kind.
    pub build: BuildFn,
}

/// Every kind a rule set may name.
pub fn kinds() -> Vec<&'static Kind> {
    vec![
        &existence::KIND,
        &substitution::KIND,
        &consistency::KIND,
        &capitalization::KIND,
        &first_reference::KIND,
        &count::KIND,
        &repetition::KIND,
        &readability::KIND,
        &countries::KIND,
        &dates::KIND,
        &quotes::KIND,
        &archive_wide::KIND,
    ]
}

/// The kind called `name`, if there is one.
pub fn find_kind(name: &str) -> Option<&'static Kind> {
    kinds().into_iter().find(|kind| kind.name == name)
}

/// Keep the case shape of `original` when writing `replacement`: all caps,
/// capitalised, or lower case ("Kiev" → "Kyiv", "KIEV" → "KYIV", "kiev" → "kyiv").
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    let first_upper = letters.first().is_some_and(|c| c.is_uppercase());
    let rest_lower = letters.iter().skip(1).all(|c| c.is_lowercase());
    if letters.first().is_some_and(|c| c.is_lowercase()) && rest_lower {
        if replacement.chars().next().is_some_and(|c| c.is_uppercase())
            && replacement.chars().skip(1).any(|c| c.is_uppercase())
        {
            // A replacement with inner capitals ("McDonald") is a name: keep it.
            return replacement.to_string();
        }
        return replacement.to_lowercase();
    }
    if first_upper {
        let mut chars = replacement.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_interpolate_known_names_only() {
        assert_eq!(
            render_message(
                "Use '{suggestion}' for '{match}' {other}",
                &[("match", "Kiev"), ("suggestion", "Kyiv")]
            ),
            "Use 'Kyiv' for 'Kiev' {other}"
        );
        assert_eq!(render_message("unclosed {", &[]), "unclosed {");
        let long = "a match longer than the template, “quoted”, and more".repeat(3);
        let message = render_message("{x}: avoid '{match}' {", &[("match", &long)]);
        assert_eq!(message, format!("{{x}}: avoid '{long}' {{"));
        assert!(message.capacity() <= message.len() + "{x}".len() + 4);
    }

    #[test]
    fn case_is_preserved() {
        assert_eq!(match_case("Kiev", "Kyiv"), "Kyiv");
        assert_eq!(match_case("kiev", "Kyiv"), "kyiv");
        assert_eq!(match_case("KIEV", "Kyiv"), "KYIV");
        assert_eq!(match_case("archeology", "archaeology"), "archaeology");
        assert_eq!(match_case("Zelensky", "Zelenskyy"), "Zelenskyy");
    }
}
