//! Markdown: only text events are prose; code, HTML, link targets and markup are blanked.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What the Markdown parser tells us about a body.
pub struct MarkdownStructure {
    /// Byte ranges (into the whole file) of text that is prose.
    pub text: Vec<Range<usize>>,
    pub paragraphs: Vec<Range<usize>>,
    pub headings: Vec<Range<usize>>,
    /// Raw HTML (blocks and inline), where comments such as suppression
    /// directives live; the lines of one block are joined into one range.
    pub html: Vec<Range<usize>>,
}

pub fn scan(text: &str, body_start: usize) -> MarkdownStructure {
    let body = &text[body_start..];
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_FOOTNOTES);
    let mut structure = MarkdownStructure {
        text: Vec::new(),
        paragraphs: Vec::new(),
        headings: Vec::new(),
        html: Vec::new(),
    };
    // Text inside code blocks, HTML blocks and images is not prose even though
    // the parser reports it as text events.
    let mut hidden_depth = 0usize;
    let mut block_start: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::Image { .. }) => hidden_depth += 1,
            Event::Start(Tag::HtmlBlock) | Event::Start(Tag::MetadataBlock(_)) => hidden_depth += 1,
            Event::End(TagEnd::CodeBlock)
            | Event::End(TagEnd::Image)
            | Event::End(TagEnd::HtmlBlock)
            | Event::End(TagEnd::MetadataBlock(_)) => hidden_depth = hidden_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) => {
                block_start = Some(range.start)
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(start) = block_start.take() {
                    structure.paragraphs.push(start..range.end);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = block_start.take() {
                    structure.headings.push(start..range.end);
                    structure.paragraphs.push(start..range.end);
                }
            }
            Event::Text(_) if hidden_depth == 0 => structure.text.push(range),
            Event::Html(_) | Event::InlineHtml(_) => match structure.html.last_mut() {
                // The lines of one HTML block come as separate events.
                Some(last) if last.end == range.start => last.end = range.end,
                _ => structure.html.push(range),
            },
            _ => {}
        }
    }
    structure
}
