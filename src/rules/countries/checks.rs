//! The `country` rule kind: each `[[rule]]` of this kind names one `check`
//! (`context`, `dateline`, `variant`, `outdated`, `abbreviation`) and runs the
//! matching analysis over the engine's term matches.

use std::collections::BTreeMap;

use super::analysis::{self, Article, ArticleFacts, Confidence, Mention};
use super::gazetteer::{gazetteer, TermKind};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{match_case, Check, CheckContext, Kind, KindBuilder};

/// The `country` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "country",
    keys: &["check", "preferred"],
    summary:
        "country names checked against the gazetteer: context, dateline, variants, former names",
    build,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Context,
    Dateline,
    Variant,
    Outdated,
    Abbreviation,
}

/// The checks by the name a rule's `check` key gives them.
const CHECKS: &[(&str, Which)] = &[
    ("context", Which::Context),
    ("dateline", Which::Dateline),
    ("variant", Which::Variant),
    ("outdated", Which::Outdated),
    ("abbreviation", Which::Abbreviation),
];

struct CountryCheck {
    which: Which,
    /// Variant set id → preferred name, set in the rule itself; wins over the house style.
    preferred: BTreeMap<String, String>,
}

const ELISION_NOTE: &str =
    "the article before this name is elided (l', d'): the replacement needs its article rewritten";

const QUOTATION_NOTE: &str =
    "this is inside a direct quotation: check the quotation against its source before changing it";

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let which = b.choose_check(CHECKS)?;
    let g = gazetteer();
    let mut preferred = BTreeMap::new();
    for (set, name) in b.table.string_map("preferred").unwrap_or_default() {
        match g.variants.iter().find(|v| v.id == set.value) {
            Some(v) if v.names.contains(&name.value) => {
                preferred.insert(set.value, name.value);
            }
            Some(v) => b.error(
                name.span,
                format!("`{}` is not one of {}", name.value, v.names.join(", ")),
            ),
            None => b.error(
                set.span,
                format!("no variant set `{}` in the gazetteer", set.value),
            ),
        }
    }
    // Only what each check reads goes into the run's automaton.
    for (id, term) in g.terms.iter().enumerate() {
        let wanted = match which {
            // English copy is judged by English names, Russian copy by Russian ones.
            Which::Context => term.kind != TermKind::Russian && term.kind != TermKind::Abbreviation,
            // Only the abbreviations themselves: the Russian names that weigh
            // the evidence are looked up in the rare document that has one
            // (see `abbreviation`), which keeps 1,600 terms out of the
            // automaton every run builds at start-up.
            Which::Abbreviation => term.kind == TermKind::Abbreviation,
            Which::Dateline => false,
            Which::Variant => {
                term.kind == TermKind::NotCountry
                    || g.variants.iter().any(|v| v.names.contains(&term.text))
            }
            Which::Outdated => {
                term.kind == TermKind::NotCountry
                    || g.former_names.iter().any(|f| f.name == term.text)
            }
        };
        if wanted {
            b.add_term(id as u32, &term.text, true);
        }
    }
    Some(Box::new(CountryCheck { which, preferred }))
}

/// The country names of a document's language other than English, found
/// once per document for every rule of the family.
struct LocalMentions(Vec<Mention>);

impl LocalMentions {
    fn of(document: &Document) -> LocalMentions {
        let language = document.language.as_str();
        let found = match gazetteer().language(language) {
            Some(table) if language != "en" => table.find(&document.prose),
            _ => Vec::new(),
        };
        LocalMentions(
            found
                .into_iter()
                .map(|(span, term)| Mention { span, term })
                .collect(),
        )
    }
}

/// The article's country mentions: the engine's matches of the English
/// names, or in French, German, Spanish and Russian copy that language's
/// names (which the engine's automaton leaves out, so that English runs do
/// not pay for them).
fn mentions(cx: &CheckContext<'_>) -> Vec<Mention> {
    if analysis::covers_locally(&cx.doc.language) {
        let g = gazetteer();
        let local = cx.doc.analysis(LocalMentions::of);
        let mut mentions: Vec<Mention> = local
            .0
            .iter()
            .filter(|m| cx.in_scope(&m.span))
            .cloned()
            .collect();
        // The English names of cities ("Bratislava", "Berlin"), which
        // Latin-script copy shares, from the engine's matches, unless a
        // local name covers them.
        let overlaps_local = |span: &std::ops::Range<usize>| {
            let after = local.0.partition_point(|l| l.span.end <= span.start);
            local.0.get(after).is_some_and(|l| l.span.start < span.end)
        };
        mentions.extend(
            cx.matches()
                .iter()
                .filter(|m| {
                    g.term(m.term as usize)
                        .is_some_and(|t| t.kind == TermKind::City)
                })
                .filter(|m| !overlaps_local(&m.span))
                .map(|m| Mention {
                    span: m.span.clone(),
                    term: m.term as usize,
                }),
        );
        mentions.sort_by_key(|m| m.span.start);
        return mentions;
    }
    let mut mentions: Vec<Mention> = cx
        .matches()
        .iter()
        .map(|m| Mention {
            span: m.span.clone(),
            term: m.term as usize,
        })
        .collect();
    mentions.sort_by_key(|m| m.span.start);
    analysis::keep_country_mentions(&mut mentions);
    mentions
}

/// Quoted words are not edited: outside `country.context`, a finding in a
/// quotation is only information and carries no fix.
fn quoted(mut diagnostic: Diagnostic) -> Diagnostic {
    diagnostic.severity = Severity::Info;
    diagnostic.fix = None;
    diagnostic.with_note("quoted words are not edited")
}

impl Check for CountryCheck {
    fn check(&self, cx: &mut CheckContext<'_>) {
        let facts = cx.doc.analysis(ArticleFacts::of);
        let article = Article::from_document(cx.doc, &facts);
        match self.which {
            Which::Context => context(cx, &article),
            Which::Dateline => dateline(cx, &article),
            Which::Variant => self.variant(cx, &article),
            Which::Outdated => outdated(cx, &article),
            Which::Abbreviation => abbreviation(cx, &article),
        }
    }
}

fn context(cx: &mut CheckContext<'_>, article: &Article<'_>) {
    let g = gazetteer();
    let mentions = mentions(cx);
    // Most articles name no country of a confusable pair: skip the evidence.
    let names_partner = mentions.iter().any(|m| {
        g.term(m.term).is_some_and(|t| {
            t.kind == TermKind::Misspelling
                || (t.kind.names_country() || t.kind == TermKind::Demonym)
                    && t.country()
                        .is_some_and(|id| g.partners(id).next().is_some())
        })
    });
    if !names_partner {
        return;
    }
    for finding in analysis::context_findings(article, &mentions) {
        let text = cx.text(&finding.span);
        let right = &g.countries[finding.right].name;
        let (strength, severity) = match finding.confidence {
            Confidence::Strong => ("strong", cx.severity),
            Confidence::Moderate => ("moderate", cx.severity.min(Severity::Warning)),
        };
        let mut diagnostic = cx
            .diagnostic(
                finding.span.clone(),
                "'{match}' contradicts the article, which is about {country}",
                &[
                    ("match", text),
                    ("country", right),
                    ("suggestion", &finding.suggestion),
                ],
            )
            .with_help(format!(
                "did you mean '{}'? ({})",
                finding.suggestion, finding.why
            ));
        for label in &finding.labels {
            diagnostic = diagnostic.with_label(label.span.clone(), label.message.clone());
        }
        diagnostic.severity = severity;
        diagnostic = diagnostic.with_note(format!("{strength} {}", finding.evidence));
        // Quoted words are checked against the source, never edited blind:
        // inside a quotation the suggestion is shown but not applicable.
        let applicability = if finding.in_quotation {
            diagnostic = diagnostic.with_note(QUOTATION_NOTE);
            Applicability::DisplayOnly
        } else if article.elided_before(&finding.span, &finding.suggestion) {
            diagnostic = diagnostic.with_note(ELISION_NOTE);
            Applicability::DisplayOnly
        } else {
            Applicability::Unsafe
        };
        diagnostic = diagnostic.with_fix(
            finding.span.clone(),
            finding.suggestion.clone(),
            applicability,
        );
        cx.report(diagnostic);
    }
}

fn dateline(cx: &mut CheckContext<'_>, article: &Article<'_>) {
    let g = gazetteer();
    if let Some(finding) = analysis::state_dateline_finding(article) {
        state_dateline(cx, article, &finding);
        return;
    }
    let Some(finding) = analysis::dateline_finding(article) else {
        return;
    };
    let city = cx.text(&finding.city);
    let region = cx.text(&finding.region);
    let actual = &g.countries[finding.actual].name;
    // The fix names the country in the article's language.
    let local_name = article
        .local()
        .and_then(|t| t.name(finding.actual))
        .unwrap_or(actual);
    let named = &g.countries[finding.named].name;
    let help = match &finding.similar_city {
        Some(similar) => format!(
            "{city} is in {actual}; if the story is from {named}, the city may be {}",
            match_case(city, similar)
        ),
        None => format!("{city} is in {actual}"),
    };
    let diagnostic = cx
        .diagnostic(
            finding.region.clone(),
            "the dateline city {city} is not in {region}",
            &[
                ("city", city),
                ("region", region),
                ("match", region),
                ("country", actual),
            ],
        )
        .with_label(finding.city.clone(), format!("this city is in {actual}"))
        .with_help(help)
        .with_fix(
            finding.region.clone(),
            local_name.to_string(),
            Applicability::Unsafe,
        );
    cx.report(diagnostic);
}

/// A dateline city in capitals as a sentence writes it ("ST. LOUIS" → "St.
/// Louis"); a city written otherwise is kept.
fn title_case(city: &str) -> String {
    if city.chars().any(char::is_lowercase) {
        return city.to_string();
    }
    let mut out = String::with_capacity(city.len());
    let mut word_start = true;
    for c in city.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = matches!(c, ' ' | '-' | '.');
    }
    out
}

/// The first few names of a list, and how many more there are.
fn listed(names: &[&str]) -> String {
    const SHOWN: usize = 4;
    let shown = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    match names.len().saturating_sub(SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

fn state_dateline(
    cx: &mut CheckContext<'_>,
    article: &Article<'_>,
    finding: &analysis::StateDatelineFinding,
) {
    let g = gazetteer();
    let city = cx.text(&finding.city);
    let region = cx.text(&finding.region);
    let title = title_case(city);
    let states: Vec<&str> = finding
        .states
        .iter()
        .filter_map(|&id| g.us.state(id).map(|s| s.name.as_str()))
        .collect();
    let countries: Vec<&str> = finding
        .countries
        .iter()
        .filter_map(|&id| g.country(id).map(|c| c.name.as_str()))
        .collect();
    // The table says where the well-known city is; the US places of that
    // name come after it, or first when the city is American.
    let in_us = g
        .city_countries(city)
        .iter()
        .any(|h| g.country(h.0).is_some_and(|c| c.code == "US"));
    let (home, mut help) = match (in_us, states.split_first(), countries.first()) {
        (true, Some((first, others)), _) | (false, Some((first, others)), None) => {
            let mut help = format!("{title} is in {first}");
            if !others.is_empty() {
                help.push_str(&format!(
                    "; places called {title} are also in {}",
                    listed(others)
                ));
            }
            if !countries.is_empty() {
                help.push_str(&format!("; outside the US, in {}", listed(&countries)));
            }
            (first.to_string(), help)
        }
        (_, _, Some(country)) => {
            let mut help = format!("{title} is in {country}");
            if countries.len() > 1 {
                help.push_str(&format!(" (also {})", listed(&countries[1..])));
            }
            match states.is_empty() {
                // Georgia's two readings are answered together below.
                true if finding.also_country.is_some() => {}
                true => help.push_str("; no US place is called so"),
                false => help.push_str(&format!(
                    "; US places of that name are in {}",
                    listed(&states)
                )),
            }
            (country.to_string(), help)
        }
        (_, None, None) => return,
    };
    if let Some(country) = finding.also_country.and_then(|id| g.country(id)) {
        help.push_str(&format!(
            "; neither the country {} nor the US state has a place called {title}",
            country.name
        ));
    }
    // "Nev." reads as Nevada in the message; "Georgia" stays as written.
    let state_name =
        g.us.state(finding.named)
            .map_or(region, |s| s.name.as_str());
    let mut diagnostic = cx
        .diagnostic(
            finding.region.clone(),
            "the dateline city {city} is not in {region}",
            &[
                ("city", city),
                ("region", state_name),
                ("match", region),
                ("country", &home),
            ],
        )
        .with_label(finding.city.clone(), format!("this city is in {home}"))
        .with_help(help)
        .with_note("US places are those of 500 inhabitants or more in GeoNames");
    // Only an answer that is the only one possible is offered.
    let fix = match (finding.states.as_slice(), finding.countries.as_slice()) {
        ([only], _) => g.us.written_like(*only, region),
        ([], [only]) => g.country(*only).map(|c| {
            article
                .local()
                .and_then(|t| t.name(*only))
                .unwrap_or(&c.name)
                .to_string()
        }),
        _ => None,
    };
    if let Some(fix) = fix {
        diagnostic = diagnostic.with_fix(finding.region.clone(), fix, Applicability::Unsafe);
    }
    cx.report(diagnostic);
}

impl CountryCheck {
    fn variant(&self, cx: &mut CheckContext<'_>, article: &Article<'_>) {
        let mentions = mentions(cx);
        let style = cx.house_style();
        let findings = analysis::variant_findings_with(article, &mentions, &|set: &str| {
            self.preferred
                .get(set)
                .map(String::as_str)
                .or_else(|| style.and_then(|s| gazetteer().preferred(s, set)))
        });
        for finding in findings {
            let text = cx.text(&finding.span);
            let mut diagnostic = match finding.chosen {
                true => Diagnostic::new(
                    cx.rule.id.clone(),
                    cx.severity,
                    finding.span.clone(),
                    format!("house style writes '{}', not '{text}'", finding.preferred),
                )
                .with_fix(
                    finding.span.clone(),
                    finding.preferred.clone(),
                    Applicability::Safe,
                ),
                false => cx
                    .diagnostic(
                        finding.span.clone(),
                        "'{match}' and '{suggestion}' name the same country in this article",
                        &[("match", text), ("suggestion", &finding.preferred)],
                    )
                    .with_help(format!("use one name throughout: '{}'", finding.preferred)),
            };
            if let Some(other) = &finding.other {
                diagnostic = diagnostic.with_label(other.clone(), "the other name is used here");
            }
            if finding.in_quotation {
                diagnostic = quoted(diagnostic);
            }
            cx.report(diagnostic);
        }
    }
}

fn outdated(cx: &mut CheckContext<'_>, article: &Article<'_>) {
    let mentions = mentions(cx);
    // An undated article is judged against today, and the message says so.
    let date = article.date.map(|d| d.to_string()).unwrap_or_default();
    let dated = match article.date {
        Some(date) => format!("this article is dated {date}"),
        None => "this article has no date, so it is judged against today".to_string(),
    };
    for finding in analysis::outdated_findings(article, &mentions) {
        let text = cx.text(&finding.span);
        let year = finding.since.year().to_string();
        let mut diagnostic = cx
            .diagnostic(
                finding.span.clone(),
                "'{match}' has been '{suggestion}' since {year}; {dated}",
                &[
                    ("match", text),
                    ("suggestion", &finding.current),
                    ("year", &year),
                    ("date", &date),
                    ("dated", &dated),
                ],
            )
            .with_fix(
                finding.span.clone(),
                finding.current.clone(),
                Applicability::Unsafe,
            );
        if let Some(metadata) = cx.doc.metadata.date.as_ref() {
            diagnostic = diagnostic.with_label(metadata.1.clone(), "the article's date");
        }
        if finding.in_quotation {
            diagnostic = quoted(diagnostic);
        }
        cx.report(diagnostic);
    }
}

fn abbreviation(cx: &mut CheckContext<'_>, article: &Article<'_>) {
    if cx.matches().is_empty() {
        return;
    }
    let g = gazetteer();
    let mut mentions = analysis::find_mentions(&cx.doc.prose);
    mentions.retain(|m| {
        g.term(m.term)
            .is_some_and(|t| matches!(t.kind, TermKind::Russian | TermKind::Abbreviation))
    });
    let evidence = analysis::build_evidence(article, &mentions);
    for finding in analysis::abbreviation_findings(&mentions, &evidence) {
        let names: Vec<&str> = finding
            .candidates
            .iter()
            .map(|&id| g.countries[id].name.as_str())
            .collect();
        let supported = match finding.supported {
            Some(id) => format!("the context supports {}", g.countries[id].name),
            None => format!(
                "the context does not decide between {}",
                names.join(" and ")
            ),
        };
        let diagnostic = cx
            .diagnostic(
                finding.span.clone(),
                "'{match}' is ambiguous: {supported}",
                &[("match", &finding.text), ("supported", &supported)],
            )
            .with_note(finding.note.clone())
            .with_help("check the source before translating the abbreviation");
        cx.report(diagnostic);
    }
}
