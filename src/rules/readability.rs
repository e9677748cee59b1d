//! `readability`: a formula over the words, sentences and syllables of each
//! paragraph or of the whole article, held to a threshold (Flesch-Kincaid,
//! Gunning fog, or a desk's own).

mod formula;

use std::ops::Range;

use super::count::{either_bound, lede, trimmed};
use super::words::{each_word, shape};
use super::{Check, CheckContext, Finding, Kind, KindBuilder};
use crate::toml_reader::Located;
use formula::{Formula, VARIABLES};

/// The `readability` kind, for the registry of kinds in `rules/mod.rs`.
pub static KIND: Kind = Kind {
    name: "readability",
    keys: &["formula", "per", "max", "min"],
    summary: "a readability formula per paragraph or article, held to a threshold",
    build,
};

struct Readability {
    formula: Formula,
    per_paragraph: bool,
    max: Option<f64>,
    min: Option<f64>,
}

fn build(b: &mut KindBuilder<'_, '_, '_>) -> Option<Box<dyn Check>> {
    let text = b.table.string("formula");
    let per = b.table.string("per");
    let max = number(b, "max");
    let min = number(b, "min");
    let text = b.require(text, "formula")?;
    let formula = match Formula::parse(&text.value) {
        Ok(formula) => Some(formula),
        Err(error) => {
            b.error(
                text.span.clone(),
                format!(
                    "bad formula at character {}: {}",
                    text.value[..error.at].chars().count() + 1,
                    error.message
                ),
            );
            None
        }
    };
    let per_paragraph = match per {
        None => false,
        Some(Located { value, span }) => match value.as_str() {
            "paragraph" => true,
            "document" => false,
            other => {
                b.error(
                    span,
                    format!("`per` must be `paragraph` or `document`, not `{other}`"),
                );
                return None;
            }
        },
    };
    let (max, min) = either_bound(b, max?, min?)?;
    Some(Box::new(Readability {
        formula: formula?,
        per_paragraph,
        max,
        min,
    }))
}

/// A number that is absent (`Some(None)`), given (`Some(Some(x))`), or
/// wrong (`None`, reported).
fn number(b: &mut KindBuilder<'_, '_, '_>, key: &str) -> Option<Option<f64>> {
    let Some(value) = b.table.get(key) else {
        return Some(None);
    };
    let parsed = match value.get_ref() {
        v if v.as_integer().is_some() => v
            .as_integer()
            .and_then(|i| i.as_str().replace('_', "").parse().ok()),
        v => v
            .as_float()
            .and_then(|f| f.as_str().replace('_', "").parse().ok()),
    };
    match parsed {
        Some(x) if f64::is_finite(x) => Some(Some(x)),
        _ => {
            b.error(value.span(), format!("`{key}` must be a number"));
            None
        }
    }
}

impl Readability {
    /// The counts of [`VARIABLES`] over `paragraphs`, of the words in scope.
    fn counts(&self, cx: &CheckContext<'_>, paragraphs: &[Range<usize>]) -> Vec<f64> {
        let doc = cx.doc;
        let mut counts = [0usize; 8];
        for paragraph in paragraphs {
            counts[2] += 1;
            // The sentences are in order: those of the paragraph begin
            // at or after it does and no later than it ends.
            let first = doc.sentences.partition_point(|s| s.start < paragraph.start);
            counts[1] += doc.sentences[first..]
                .iter()
                .take_while(|s| s.start <= paragraph.end)
                .filter(|s| s.end <= paragraph.end)
                .filter(|s| {
                    doc.prose
                        .get((*s).clone())
                        .is_some_and(|t| !t.trim().is_empty())
                })
                .count();
            each_word(&doc.prose, paragraph.clone(), |word| {
                if !cx.in_scope(&word) {
                    return;
                }
                let word = shape(&doc.prose[word]);
                let n = word.syllables;
                counts[0] += 1;
                counts[3] += n;
                counts[4] += word.alphanumeric;
                counts[5] += usize::from(n >= 3 && !word.capitalised && !word.hyphenated);
                counts[6] += usize::from(word.chars > 6);
                counts[7] += usize::from(n >= 3);
            });
        }
        debug_assert_eq!(counts.len(), VARIABLES.len());
        counts.iter().map(|&n| n as f64).collect()
    }

    fn judge(&self, span: Range<usize>, score: f64, what: &str) -> Option<Finding> {
        let shown = format!("{score:.1}");
        let finding = if let Some(max) = self.max.filter(|&max| score > max) {
            Finding::new(span, format!("{what} scores {shown}; at most {max}"))
                .var("max", max.to_string())
        } else if let Some(min) = self.min.filter(|&min| score < min) {
            Finding::new(span, format!("{what} scores {shown}; at least {min}"))
                .var("min", min.to_string())
        } else {
            return None;
        };
        Some(finding.var("score", shown))
    }
}

impl Check for Readability {
    fn check(&self, cx: &mut CheckContext<'_>) {
        let doc = cx.doc;
        let body: Vec<Range<usize>> = doc
            .paragraphs
            .iter()
            .filter(|p| !doc.in_heading(p))
            .map(|p| trimmed(&doc.prose, p.clone()))
            .filter(|p| !p.is_empty())
            .collect();
        let mut findings = Vec::new();
        if self.per_paragraph {
            for paragraph in &body {
                let counts = self.counts(cx, std::slice::from_ref(paragraph));
                if counts[0] == 0.0 {
                    continue;
                }
                let score = self.formula.eval(&counts);
                findings.extend(self.judge(paragraph.clone(), score, "this paragraph"));
            }
        } else {
            let counts = self.counts(cx, &body);
            let span = lede(doc).map(|p| trimmed(&doc.prose, p));
            if let Some(span) = span.filter(|_| counts[0] > 0.0) {
                let score = self.formula.eval(&counts);
                findings.extend(
                    self.judge(span, score, "the article")
                        .map(|f| f.note("the score is the whole article's; the finding points at its first paragraph")),
                );
            }
        }
        for finding in findings {
            cx.report_finding(finding);
        }
    }
}
