//! Article metadata: front matter in Markdown, the `date YYYY-MM-DD` header in plain text.

use std::collections::BTreeMap;
use std::ops::Range;

use jiff::civil::Date;

/// What an article says about itself outside its prose.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// Scalar fields, keys lower-cased; values without surrounding quotes.
    pub fields: BTreeMap<String, String>,
    /// The article's own date and where it is written.
    pub date: Option<(Date, Range<usize>)>,
    /// The whole metadata block (front matter or header line).
    pub span: Option<Range<usize>>,
}

impl Metadata {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str)
    }

    /// The `lang` or `language` field, unless empty.
    pub(crate) fn language(&self) -> Option<&str> {
        self.get("lang")
            .or_else(|| self.get("language"))
            .filter(|lang| !lang.is_empty())
    }
}

/// A front matter block at the very start of a Markdown file: YAML between `---`
/// lines or TOML between `+++` lines. Returns the metadata and the block's end.
pub fn parse_front_matter(text: &str, body_start: usize) -> Option<(Metadata, usize)> {
    let rest = &text[body_start..];
    let fence = if rest.starts_with("---") {
        "---"
    } else if rest.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end() != fence {
        return None;
    }
    let mut offset = first_line_end + 1;
    let content_start = offset;
    loop {
        let line_end = rest[offset..].find('\n').map_or(rest.len(), |i| offset + i);
        let line = &rest[offset..line_end];
        if line.trim_end() == fence {
            let content = &rest[content_start..offset];
            let block_end = (line_end + 1).min(rest.len());
            let fields = if fence == "---" {
                yaml_scalars(content)
            } else {
                toml_scalars(content)
            };
            let mut metadata = Metadata {
                span: Some(body_start..body_start + block_end),
                ..Metadata::default()
            };
            if let Some(value) = fields.get("date") {
                if let Some(date) = parse_leading_date(value) {
                    // The span points at the date inside the block where it can be found.
                    let span = rest[content_start..offset]
                        .find(&value[..10])
                        .map(|i| {
                            body_start + content_start + i..body_start + content_start + i + 10
                        })
                        .unwrap_or(body_start..body_start + block_end);
                    metadata.date = Some((date, span));
                }
            }
            metadata.fields = fields;
            return Some((metadata, body_start + block_end));
        }
        if line_end >= rest.len() {
            return None;
        }
        offset = line_end + 1;
    }
}

/// Top-level `key: value` scalars of a YAML block. Nested values and lists are
/// skipped: copydesk only needs a few flat fields (date, lang, title).
fn yaml_scalars(content: &str) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    for line in content.lines() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        if !key.trim().is_empty() && !value.is_empty() {
            fields.insert(key.trim().to_ascii_lowercase(), value.to_string());
        }
    }
    fields
}

fn toml_scalars(content: &str) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    if let Ok(table) = content.parse::<toml::Table>() {
        for (key, value) in table {
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Datetime(d) => d.to_string(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                _ => continue,
            };
            fields.insert(key.to_ascii_lowercase(), text);
        }
    }
    fields
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

/// A `YYYY-MM-DD` date at the start of `value` (a time may follow).
pub fn parse_leading_date(value: &str) -> Option<Date> {
    let head = value.get(..10)?;
    let bytes = head.as_bytes();
    let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    head.parse::<Date>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_gives_fields_and_date() {
        let text = "---\ntitle: \"A story\"\ndate: 2019-01-13\nlang: en\ntags:\n  - x\n---\n\nBody";
        let (metadata, end) = parse_front_matter(text, 0).unwrap();
        assert_eq!(metadata.get("title"), Some("A story"));
        assert_eq!(metadata.language(), Some("en"));
        let (date, span) = metadata.date.clone().unwrap();
        assert_eq!(date.to_string(), "2019-01-13");
        assert_eq!(&text[span], "2019-01-13");
        assert_eq!(&text[end..], "\nBody");
    }

    #[test]
    fn toml_front_matter_is_read() {
        let text = "+++\ntitle = \"x\"\ndate = 2024-02-29T10:00:00Z\n+++\nBody";
        let (metadata, _) = parse_front_matter(text, 0).unwrap();
        assert_eq!(metadata.date.unwrap().0.to_string(), "2024-02-29");
    }

    #[test]
    fn unterminated_front_matter_is_not_metadata() {
        assert!(parse_front_matter("---\ntitle: x\nno end", 0).is_none());
        assert!(parse_front_matter("--- not a fence\n---\n", 0).is_none());
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert!(parse_leading_date("2023-02-30").is_none());
        assert!(parse_leading_date("20230210").is_none());
        assert!(parse_leading_date("2024-02-29 10:00").is_some());
    }
}
