//! Quotation regions: one pairing pass per document, shared by every rule.
//!
//! This first version pairs double quotes only (curly and straight); the
//! `quotes` family refines it.

use std::ops::Range;

/// One direct quotation: its opening mark, its closing mark if it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    pub open: Range<usize>,
    pub close: Option<Range<usize>>,
    /// 0 for an outer quotation, 1 for a quotation inside it, and so on.
    pub depth: usize,
    /// From the opening mark to the closing mark (or where the quotation was left open).
    pub span: Range<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Quotes {
    /// In order of their opening marks.
    pub quotations: Vec<Quotation>,
}

impl Quotes {
    pub fn analyze(prose: &str, paragraphs: &[Range<usize>], _language: &str) -> Quotes {
        let mut quotations = Vec::new();
        for paragraph in paragraphs {
            let mut open: Option<Range<usize>> = None;
            for (i, c) in prose[paragraph.clone()].char_indices() {
                let at = paragraph.start + i..paragraph.start + i + c.len_utf8();
                match (c, open.clone()) {
                    ('“', _) | ('"', None) => open = Some(at),
                    ('”', Some(start)) | ('"', Some(start)) => {
                        quotations.push(Quotation {
                            span: start.start..at.end,
                            open: start,
                            close: Some(at),
                            depth: 0,
                        });
                        open = None;
                    }
                    _ => {}
                }
            }
            if let Some(start) = open {
                quotations.push(Quotation {
                    span: start.start..paragraph.end,
                    open: start,
                    close: None,
                    depth: 0,
                });
            }
        }
        Quotes { quotations }
    }

    /// The innermost quotation that contains the whole of `span`.
    pub fn enclosing(&self, span: &Range<usize>) -> Option<&Quotation> {
        self.quotations
            .iter()
            .filter(|q| q.span.start <= span.start && span.end <= q.span.end)
            .max_by_key(|q| q.depth)
    }

    pub fn contains(&self, span: &Range<usize>) -> bool {
        self.enclosing(span).is_some()
    }
}
