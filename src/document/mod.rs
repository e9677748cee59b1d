//! The document model: each file is read once into a [`Document`] that every rule shares.

mod analyses;
pub mod language;
mod lines;
mod markdown;
pub mod metadata;
mod plain;
pub mod quotes;
pub mod structure;

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

pub use analyses::Analyses;
pub use language::{LanguageSource, PathLanguages, DEFAULT_LANGUAGE};
pub use lines::{LineCursor, LineIndex};
pub use metadata::Metadata;
pub use quotes::{Quotation, Quotes};
pub use structure::Dateline;

/// How a file's text is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with tables, strikethrough and footnotes: prose is the text
    /// the parser reports, metadata is YAML or TOML front matter.
    Markdown,
    /// Wire copy: paragraphs end at blank lines or indents, and metadata is a
    /// header line matched by [`DocumentOptions::header`].
    Plain,
}

impl Format {
    /// The format a file is read in, from its extension in either case: `.md`,
    /// `.markdown` and `.mdx` are Markdown, anything else is plain text.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// Settings that shape how a document is read.
#[derive(Clone, Debug)]
pub struct DocumentOptions {
    /// Matches a plain-text metadata header at the start of a file; its `date`
    /// group (or first group) is the article's date.
    pub header: Regex,
    /// The language of documents that do not name their own and that no
    /// per-path setting covers: `--language`, else the configuration's
    /// `language`. `None` when neither sets one: the language is then
    /// detected, else [`DEFAULT_LANGUAGE`].
    pub language: Option<String>,
    /// Languages the configuration sets for some paths; they win over
    /// `language` but not over the document's own metadata.
    pub path_languages: std::sync::Arc<PathLanguages>,
}

/// The plain-text header read unless the configuration's `header-pattern`
/// gives another: `date YYYY-MM-DD` at the start of the file.
pub const DEFAULT_HEADER_PATTERN: &str = r"^\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*";

impl Default for DocumentOptions {
    fn default() -> Self {
        DocumentOptions {
            header: Regex::new(DEFAULT_HEADER_PATTERN)
                .expect("the default header pattern is valid"),
            language: None,
            path_languages: std::sync::Arc::default(),
        }
    }
}

/// Why a file could not be read as a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    Encoding {
        /// Byte offset into the file of the first byte that is not UTF-8.
        offset: usize,
    },
    /// The file holds NUL bytes: not text.
    Binary,
}

/// One article, parsed once.
#[derive(Clone, Debug)]
pub struct Document {
    /// The path as the user should see it.
    pub path: String,
    /// Markdown or plain text, from the path (see [`Format::from_path`]).
    pub format: Format,
    /// The file exactly as read.
    pub text: String,
    /// `text` with everything that is not prose blanked to ASCII spaces (newlines
    /// kept), so that offsets in `prose` are offsets in `text`.
    pub prose: String,
    /// Front matter or the plain-text header; empty when there is none.
    pub metadata: Metadata,
    /// Primary language subtag, lower case (`en`, `de`, `fr`, `ru`).
    pub language: String,
    /// Where `language` came from: metadata, configuration, detection.
    pub language_source: LanguageSource,
    /// Where the lines of `text` start, to turn byte offsets into lines and columns.
    pub lines: LineIndex,
    /// Byte ranges of `text`, one per paragraph, headings among them, in document order.
    pub paragraphs: Vec<Range<usize>>,
    /// The paragraphs that are headings (in plain text, at most a headline), sorted.
    pub headings: Vec<Range<usize>>,
    /// Byte ranges of `text`, one per sentence of every paragraph, in document order.
    pub sentences: Vec<Range<usize>>,
    /// The wire-style dateline opening the first paragraph of the body, if any.
    pub dateline: Option<Dateline>,
    /// The quotation marks of the prose, paired once for every rule.
    pub quotes: Quotes,
    /// Raw HTML in a Markdown body (blocks and inline), in order: where
    /// suppression comments are looked for. Empty for plain text.
    pub html: Vec<Range<usize>>,
    /// What rule families derive from the document and share between their
    /// rules, each computed once (see [`Document::analysis`]).
    analyses: Analyses,
    /// The stretches of `text` copied into `prose`, in order: a blank in
    /// `prose` is a space of the copy only inside one of them.
    prose_ranges: Vec<Range<usize>>,
}

impl Document {
    /// Decode `bytes` and parse them. Invalid UTF-8 and binary data are refused.
    pub fn from_bytes(
        path: &str,
        bytes: Vec<u8>,
        options: &DocumentOptions,
    ) -> Result<Document, LoadError> {
        decode(bytes)
            .map(|text| Document::new(path, text, options))
            .map_err(|(error, _)| error)
    }

    /// Parse `text`, shown as `path`, whose extension decides Markdown or
    /// plain text. Any text is a document: nothing is refused.
    pub fn new(path: &str, text: String, options: &DocumentOptions) -> Document {
        let format = Format::from_path(path);
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let (metadata, body_start) = match format {
            Format::Markdown => metadata::parse_front_matter(&text, bom_len)
                .unwrap_or((Metadata::default(), bom_len)),
            Format::Plain => plain_header(&text, bom_len, &options.header),
        };

        let (prose_ranges, paragraphs, mut headings, html) = match format {
            Format::Markdown => {
                let structure = markdown::scan(&text, body_start);
                (
                    structure.text,
                    structure.paragraphs,
                    structure.headings,
                    structure.html,
                )
            }
            Format::Plain => {
                let paragraphs = plain::paragraphs(&text, body_start);
                let headings = plain::headline(&text, &paragraphs).into_iter().collect();
                (
                    std::iter::once(body_start..text.len()).collect(),
                    paragraphs,
                    headings,
                    Vec::new(),
                )
            }
        };
        let prose = build_prose(&text, &prose_ranges);
        let mut prose_ranges = prose_ranges;
        prose_ranges.sort_by_key(|r| r.start);
        headings.sort_by_key(|r| r.start);

        let mut sentences = Vec::new();
        for paragraph in &paragraphs {
            structure::sentences(&prose, paragraph.clone(), &mut sentences);
        }
        let dateline = first_body_paragraph(&prose, &paragraphs, &headings)
            .and_then(|first| structure::find_dateline(&prose, first.clone()));
        let (language, language_source) =
            language::settle(metadata.language(), path, options, &prose, &paragraphs);
        let quotes = Quotes::analyze(&prose, &paragraphs, &language);

        Document {
            path: path.to_string(),
            format,
            lines: LineIndex::new(&text),
            text,
            prose,
            metadata,
            language,
            language_source,
            paragraphs,
            headings,
            sentences,
            dateline,
            quotes,
            html,
            analyses: Analyses::default(),
            prose_ranges,
        }
    }

    /// A family's analysis of this document, computed by `compute` on first
    /// use and shared by every rule that asks for the same type afterwards.
    pub fn analysis<T: std::any::Any + Send + Sync>(
        &self,
        compute: impl FnOnce(&Document) -> T,
    ) -> std::sync::Arc<T> {
        self.analyses.get_or_compute(|| compute(self))
    }

    /// The article's own date: its metadata, the reference for relative checks.
    pub fn date(&self) -> Option<jiff::civil::Date> {
        self.metadata.date.as_ref().map(|(date, _)| *date)
    }

    /// Headings are sorted and never overlap, so the only candidate is the
    /// last one that starts at or before the span.
    pub fn in_heading(&self, span: &Range<usize>) -> bool {
        let after = self.headings.partition_point(|h| h.start <= span.start);
        after > 0 && span.end <= self.headings[after - 1].end
    }

    /// A span found in `prose` is also the text as written: it lies on the
    /// text's character boundaries and takes in nothing that was blanked out
    /// of the prose (code, markup, a URL, part of a multi-byte character)
    /// but line breaks, which the prose keeps. A pattern that matches spaces
    /// finds them in blanked text too: two of the three blanks that stand
    /// for `€` in masked code, or the spaces inside the code itself.
    pub fn is_as_written(&self, span: &Range<usize>) -> bool {
        span.start <= span.end
            && self.text.is_char_boundary(span.start)
            && self.text.is_char_boundary(span.end)
            && self.prose.as_bytes().get(span.clone()) == self.text.as_bytes().get(span.clone())
            && self.within_prose_ranges(span)
    }

    /// Every byte of `span` but a line break lies in a stretch copied into the prose.
    fn within_prose_ranges(&self, span: &Range<usize>) -> bool {
        let bytes = self.text.as_bytes();
        let mut at = span.start;
        let mut index = self.prose_ranges.partition_point(|r| r.end <= at);
        while at < span.end {
            match self.prose_ranges.get(index) {
                Some(range) if range.start <= at => {
                    at = at.max(range.end);
                    index += 1;
                }
                next => {
                    let gap_end = next.map_or(span.end, |r| r.start.min(span.end));
                    if bytes[at..gap_end].iter().any(|&b| b != b'\n') {
                        return false;
                    }
                    at = gap_end;
                }
            }
        }
        true
    }

    /// The paragraph that contains `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<&Range<usize>> {
        let index = self.paragraphs.partition_point(|p| p.end < offset);
        self.paragraphs
            .get(index)
            .filter(|p| p.start <= offset && offset <= p.end)
    }
}

/// The first paragraph that is not a heading and holds some prose: where a
/// dateline stands. Paragraphs and headings are both in document order
/// ([`Document::paragraph_at`] relies on it too), so one cursor walks the
/// headings beside the paragraphs: a file of a hundred thousand headings is
/// read once, not once per heading.
fn first_body_paragraph<'p>(
    prose: &str,
    paragraphs: &'p [Range<usize>],
    headings: &[Range<usize>],
) -> Option<&'p Range<usize>> {
    let mut headings = headings.iter().peekable();
    paragraphs.iter().find(|paragraph| {
        #[cfg(test)]
        tests::count_heading_step();
        while headings.next_if(|h| h.start < paragraph.start).is_some() {
            #[cfg(test)]
            tests::count_heading_step();
        }
        let is_heading = headings.peek() == Some(paragraph);
        !is_heading && !prose[(*paragraph).clone()].trim().is_empty()
    })
}

/// The text of a file's bytes, without parsing it. Invalid UTF-8 and binary
/// data are refused; the bytes come back with the error, so that a caller can
/// still show them.
pub fn decode(bytes: Vec<u8>) -> Result<String, (LoadError, Vec<u8>)> {
    if memchr::memchr(0, &bytes).is_some() {
        return Err((LoadError::Binary, bytes));
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        (LoadError::Encoding { offset }, error.into_bytes())
    })
}

/// A plain-text header such as `date 2023-02-10`, alone on its line or followed
/// by the body on the same line.
fn plain_header(text: &str, body_start: usize, header: &Regex) -> (Metadata, usize) {
    let mut metadata = Metadata::default();
    let Some(captures) = header.captures(&text[body_start..]) else {
        return (metadata, body_start);
    };
    let Some(whole) = captures.get(0) else {
        return (metadata, body_start);
    };
    let date = captures.name("date").or_else(|| captures.get(1));
    if let Some(date) = date {
        if let Some(parsed) = metadata::parse_leading_date(date.as_str()) {
            let span = body_start + date.start()..body_start + date.end();
            metadata.date = Some((parsed, span));
            metadata
                .fields
                .insert("date".to_string(), date.as_str().to_string());
        }
    }
    let end = body_start + whole.end();
    metadata.span = Some(body_start..end);
    (metadata, end)
}

fn url_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r#"(?x)
            (?:https?://|ftp://|www\.)[^\s<>"“”]+      # web addresses
            | [\w.+-]+@[\w-]+(?:\.[\w-]+)+              # e-mail addresses
            | \{\{[<%].*?[%>]\}\}                       # Hugo shortcodes"#,
        )
        .expect("the URL pattern is valid")
    })
}

/// Copy the prose ranges of `text` into an all-blank buffer of the same length.
fn build_prose(text: &str, prose_ranges: &[Range<usize>]) -> String {
    let bytes = text.as_bytes();
    let mut prose: Vec<u8> = bytes
        .iter()
        .map(|&b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    for range in prose_ranges {
        if range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end)
        {
            prose[range.clone()].copy_from_slice(&bytes[range.clone()]);
        }
    }
    for b in prose.iter_mut() {
        if *b == b'\r' {
            *b = b' ';
        }
    }
    let mut prose = String::from_utf8(prose).unwrap_or_else(|_| blank(text));
    let urls = url_spans(&prose);
    if !urls.is_empty() {
        let mut raw = prose.into_bytes();
        for url in urls {
            raw[url].fill(b' ');
        }
        prose = String::from_utf8(raw).unwrap_or_else(|_| blank(text));
    }
    prose
}

/// Every match of [`url_pattern`] in `prose`, as one search over it would find.
///
/// No match crosses a line (none of the pattern's parts matches a newline) and
/// every match holds `://`, `www.`, `@` or `{{`, so only the lines holding one
/// of those are searched: most articles have none, and the pattern, which has
/// no literal prefix, is slow to run over all of a text.
fn url_spans(prose: &str) -> Vec<Range<usize>> {
    let bytes = prose.as_bytes();
    let mut triggers: Vec<usize> = memchr::memchr_iter(b'@', bytes).collect();
    for needle in ["://", "www.", "{{"] {
        triggers.extend(memchr::memmem::find_iter(bytes, needle));
    }
    triggers.sort_unstable();
    let mut spans = Vec::new();
    let mut searched_to = 0;
    for at in triggers {
        if at < searched_to {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[searched_to..at])
            .map_or(searched_to, |i| searched_to + i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        spans.extend(
            url_pattern()
                .find_iter(&prose[start..end])
                .map(|m| start + m.start()..start + m.end()),
        );
        searched_to = end;
    }
    spans
}

fn blank(text: &str) -> String {
    text.bytes()
        .map(|b| if b == b'\n' { '\n' } else { ' ' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static HEADING_STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    pub(super) fn count_heading_step() {
        HEADING_STEPS.with(|steps| steps.set(steps.get() + 1));
    }

    #[test]
    fn the_first_body_paragraph_is_found_in_one_walk_past_many_headings() {
        let headings = 50_000;
        let mut text = "# Heading\n\n".repeat(headings);
        text.push_str("SEOUL, Feb 10 - Talks began.\n\n# Last\n\nMore.\n");
        HEADING_STEPS.with(|steps| steps.set(0));
        let d = doc("a.md", &text);
        let steps = HEADING_STEPS.with(std::cell::Cell::get);
        assert_eq!(d.headings.len(), headings + 1);
        assert_eq!(&d.text[d.dateline.unwrap().city], "SEOUL");
        // Each heading is stepped past once, and each paragraph looked at once.
        assert!(steps <= 2 * (headings + 1) + 1, "{steps} steps");
    }

    fn doc(path: &str, text: &str) -> Document {
        Document::new(path, text.to_string(), &DocumentOptions::default())
    }

    #[test]
    fn header_on_the_same_line_as_the_body() {
        let d = doc(
            "a.txt",
            " date 2023-02-10 SEOUL, Feb 10 – RIA Novosti. South Korea has not.\n\nNext.",
        );
        assert_eq!(d.date().unwrap().to_string(), "2023-02-10");
        assert!(d.prose.starts_with("                 SEOUL"));
        let dateline = d.dateline.unwrap();
        assert_eq!(&d.text[dateline.city], "SEOUL");
        assert_eq!(&d.text[dateline.date.unwrap()], "Feb 10");
        assert_eq!(d.paragraphs.len(), 2);
    }

    #[test]
    fn header_on_its_own_line_then_headline() {
        let d = doc(
            "r.txt",
            "date 1987-02-26\nOHIO MATTRESS MAY HAVE LOWER NET\n\nCLEVELAND, Feb 26 - Ohio Mattress Co said.",
        );
        assert_eq!(d.date().unwrap().to_string(), "1987-02-26");
        assert_eq!(d.headings.len(), 1);
        assert_eq!(
            &d.text[d.headings[0].clone()],
            "OHIO MATTRESS MAY HAVE LOWER NET"
        );
        assert_eq!(&d.text[d.dateline.unwrap().city], "CLEVELAND");
    }

    #[test]
    fn markdown_code_urls_and_html_are_not_prose() {
        let text = "---\ntitle: T\nlang: de-CH\n---\n# Title\n\nSay `Kiev` and see <b>x</b> [link](http://kiev.example) at https://a.example/Kiev.\n\n```\nKiev\n```\n";
        let d = doc("a.md", text);
        assert_eq!(d.prose.len(), text.len());
        assert!(!d.prose.contains("Kiev"), "{:?}", d.prose);
        assert!(d.prose.contains("Say"));
        assert!(d.prose.contains("link"));
        assert_eq!(d.language, "de");
        assert_eq!(d.headings.len(), 1);
    }

    #[test]
    fn addresses_are_blanked_on_every_line_that_has_one() {
        let text = "Write to desk@example.org today.\nNo address here.\n\
            See www.example.com/a and https://x.example/b, {{< ref x >}} too.\n";
        let whole_text = std::iter::once(0..text.len()).collect::<Vec<_>>();
        let prose = build_prose(text, &whole_text);
        let whole: Vec<Range<usize>> = url_pattern().find_iter(text).map(|m| m.range()).collect();
        assert_eq!(url_spans(text), whole);
        assert_eq!(whole.len(), 4);
        for span in whole {
            assert!(prose[span].trim().is_empty());
        }
        assert!(prose.contains("No address here."));
        assert!(url_spans("Plain copy, no addresses.\n").is_empty());
    }

    #[test]
    fn spans_are_placed_in_the_right_heading() {
        let text = "# One\n\nBody text.\n\n## Two words\n\nMore body.\n";
        let d = doc("a.md", text);
        let at = |word: &str| {
            let start = text.find(word).unwrap();
            start..start + word.len()
        };
        assert!(d.in_heading(&at("One")));
        assert!(d.in_heading(&at("Two words")));
        assert!(!d.in_heading(&at("Body")));
        assert!(!d.in_heading(&at("More")));
        assert!(!d.in_heading(&(at("Two").start..at("More").end)));
    }

    #[test]
    fn bom_and_crlf_keep_offsets() {
        let text = "\u{feff}First line.\r\n\r\nSecond “quoted” line.\r\n";
        let d = doc("a.txt", text);
        assert_eq!(d.prose.len(), text.len());
        let start = text.find("Second").unwrap();
        assert_eq!(&d.prose[start..start + 6], "Second");
        assert_eq!(d.lines.line_col(text, start), (3, 1));
        assert_eq!(d.quotes.quotations.len(), 1);
        assert!(!d.prose.contains('\r'));
    }

    #[test]
    fn invalid_utf8_and_binary_are_refused() {
        let options = DocumentOptions::default();
        assert_eq!(
            Document::from_bytes("a.txt", b"ok \xff bad".to_vec(), &options).unwrap_err(),
            LoadError::Encoding { offset: 3 }
        );
        assert_eq!(
            Document::from_bytes("a.txt", b"a\0b".to_vec(), &options).unwrap_err(),
            LoadError::Binary
        );
    }
}
