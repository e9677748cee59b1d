//! The article as the country checks see it, and the position lookups (which
//! sentence, whether quoted) that several checks share.

use std::cell::OnceCell;
use std::ops::Range;

use jiff::civil::Date;

use super::super::gazetteer::{gazetteer, language_index, LanguageTable};
use crate::document::structure::find_dateline;
use crate::document::{Dateline, Document};

/// What the country checks need to know about an article.
#[derive(Clone, Debug, Default)]
pub struct Article<'a> {
    /// The article's prose (non-prose blanked, same offsets as the file).
    pub text: &'a str,
    /// The whole dateline, city to dash.
    pub dateline: Option<Range<usize>>,
    /// The dateline's city.
    pub dateline_city: Option<Range<usize>>,
    /// The region (state or country) written after the dateline's city.
    pub dateline_region: Option<Range<usize>>,
    /// The document's sentences, in order.
    pub sentences: &'a [Range<usize>],
    /// Spans of direct quotations.
    pub quotations: &'a [Range<usize>],
    /// The article's own date.
    pub date: Option<Date>,
    /// Primary language subtag ("en", "ru").
    pub language: &'a str,
    /// The metadata gives a date that could not be read ("Mon, Jan 21,
    /// 2019"): the article is dated, only not on a day the checks know.
    pub unreadable_date: bool,
}

/// What the countries family reads from a document beyond what the document
/// holds, computed once per document and shared by the family's rules.
pub struct ArticleFacts {
    quotations: Vec<Range<usize>>,
    /// A dateline opening a first line that the document read as a headline
    /// because it has no full stop ("SEOUL, Feb 10 - Talks resume").
    headline_dateline: Option<Dateline>,
}

impl ArticleFacts {
    /// The facts of one document, for `Document::analysis` to keep.
    pub fn of(document: &Document) -> ArticleFacts {
        ArticleFacts {
            quotations: document
                .quotes
                .quotations
                .iter()
                .map(|q| q.span.clone())
                .collect(),
            headline_dateline: headline_dateline(document),
        }
    }
}

/// The dateline of a first paragraph read as a headline; only when the
/// document found no dateline, and only with words after the dash.
fn headline_dateline(document: &Document) -> Option<Dateline> {
    if document.dateline.is_some() {
        return None;
    }
    let first = document.paragraphs.iter().find(|p| {
        document
            .prose
            .get((*p).clone())
            .is_some_and(|t| !t.trim().is_empty())
    })?;
    if document.headings.first() != Some(first) {
        return None;
    }
    let dateline = find_dateline(&document.prose, first.clone())?;
    let rest = document.prose.get(dateline.span.end..first.end)?;
    (!rest.trim().is_empty()).then_some(dateline)
}

impl<'a> Article<'a> {
    /// The article view of a document, borrowing from it and from its facts.
    pub fn from_document(document: &'a Document, facts: &'a ArticleFacts) -> Article<'a> {
        let dateline = document
            .dateline
            .as_ref()
            .or(facts.headline_dateline.as_ref());
        Article {
            text: &document.prose,
            dateline: dateline.map(|d| d.span.clone()),
            dateline_city: dateline.map(|d| d.city.clone()),
            dateline_region: dateline.and_then(|d| d.region.clone()),
            sentences: &document.sentences,
            quotations: &facts.quotations,
            date: document.metadata.date.as_ref().map(|d| d.0),
            language: &document.language,
            unreadable_date: document.metadata.date.is_none()
                && document
                    .metadata
                    .fields
                    .get("date")
                    .is_some_and(|d| !d.trim().is_empty()),
        }
    }

    pub(super) fn slice(&self, span: &Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }

    /// Whether a span lies inside the dateline.
    pub(super) fn in_dateline(&self, span: &Range<usize>) -> bool {
        self.dateline
            .as_ref()
            .is_some_and(|d| d.start <= span.start && span.end <= d.end)
    }

    /// English copy: the name checks read English names only.
    pub(super) fn is_english(&self) -> bool {
        self.language.is_empty() || self.language == "en"
    }

    /// The country names of the article's language, when it is not English.
    pub fn local(&self) -> Option<&'static LanguageTable> {
        if self.is_english() {
            return None;
        }
        gazetteer().language(self.language)
    }

    /// Whether the text just before `span` ends with an elided article
    /// ("l'", "d'") that `replacement`, starting with a consonant, cannot follow.
    pub fn elided_before(&self, span: &Range<usize>, replacement: &str) -> bool {
        let Some(table) = self.local() else {
            return false;
        };
        let before = self.text.get(..span.start).unwrap_or("");
        let vowel = replacement
            .chars()
            .next()
            .is_some_and(|c| "AEIOUYÉÈÊÎÔaeiouyéèêîô".contains(c));
        !vowel && table.elision.iter().any(|e| before.ends_with(e.as_str()))
    }

    /// Whether the name checks read this article's language.
    pub(super) fn covered(&self) -> bool {
        self.is_english() || language_index(self.language).is_some()
    }

    /// The day former names are judged on: the article's own date, else
    /// today (an undated article is read as published now); none when its
    /// date is written in a form the checks cannot read.
    pub(super) fn judged_on(&self) -> Option<Date> {
        match self.date {
            Some(date) => Some(date),
            None if self.unreadable_date => None,
            None => Some(today()),
        }
    }
}

/// Sentence and quotation lookups by position, built once per call so that no
/// check rescans the article for each mention (long files have many of both).
pub(super) struct Positions<'p> {
    text: &'p str,
    sentences: &'p [Range<usize>],
    /// Sorted and disjoint sentences allow a binary search that finds the
    /// same sentence as a scan for the first one that holds a position.
    sentences_ordered: bool,
    /// Quotations by start, each paired with the furthest end of it and every
    /// quotation that starts before it.
    quotations: Vec<(usize, usize)>,
    /// Per sentence, the earliest plausible year (1000 or later) written in it.
    earliest_years: Vec<OnceCell<Option<i16>>>,
}

impl<'p> Positions<'p> {
    pub(super) fn new(article: &Article<'p>) -> Positions<'p> {
        let sentences = article.sentences;
        let sentences_ordered = sentences.iter().all(|s| s.start <= s.end)
            && sentences.windows(2).all(|w| w[0].end <= w[1].start);
        let mut quotations: Vec<(usize, usize)> = article
            .quotations
            .iter()
            .map(|q| (q.start, q.end))
            .collect();
        quotations.sort_unstable();
        let mut furthest = 0;
        for q in &mut quotations {
            furthest = furthest.max(q.1);
            q.1 = furthest;
        }
        Positions {
            text: article.text,
            sentences,
            sentences_ordered,
            quotations,
            earliest_years: std::iter::repeat_with(OnceCell::new)
                .take(sentences.len())
                .collect(),
        }
    }

    /// The first sentence that holds the span's start.
    pub(super) fn sentence_of(&self, span: &Range<usize>) -> Option<usize> {
        let at = span.start;
        if !self.sentences_ordered {
            return self
                .sentences
                .iter()
                .position(|s| s.start <= at && at < s.end);
        }
        let index = self.sentences.partition_point(|s| s.end <= at);
        let sentence = self.sentences.get(index)?;
        (sentence.start <= at).then_some(index)
    }

    pub(super) fn in_quotation(&self, span: &Range<usize>) -> bool {
        let opened = self.quotations.partition_point(|q| q.0 <= span.start);
        opened > 0 && self.quotations[opened - 1].1 >= span.end
    }

    /// The earliest four-digit year from 1000 on written in a sentence.
    pub(super) fn earliest_year(&self, sentence: usize) -> Option<i16> {
        let cell = self.earliest_years.get(sentence)?;
        *cell.get_or_init(|| {
            let range = self.sentences.get(sentence)?;
            self.text
                .get(range.clone())?
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4)
                .filter_map(|w| w.parse::<i16>().ok())
                .filter(|year| *year >= 1000)
                .min()
        })
    }
}

/// Today's date in UTC.
fn today() -> Date {
    let days = jiff::Timestamp::now().as_second().div_euclid(86_400);
    let epoch = jiff::civil::date(1970, 1, 1);
    epoch
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(epoch)
}

/// Whether the country checks read a language from its own table rather
/// than the engine's English names.
pub fn covers_locally(language: &str) -> bool {
    language != "en" && language_index(language).is_some()
}
