//! `human`: codespan-reporting snippets with every involved place labelled.
//! The only module that knows about codespan's types.

use std::io;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity as SnippetSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::LineIndex;
use crate::lint::FileReport;

/// Source lines longer than this many characters are shown as a window
/// around what the finding points at. Wire copy keeps whole paragraphs on one
/// line, often over a thousand characters, which buried the finding.
pub const SHOWN_LINE_CHARS: usize = 120;

/// Characters of context kept before a lone labelled place in a clipped line.
const CONTEXT_BEFORE: usize = 40;

/// The least context kept on each side of a place when a clipped line shows
/// several apart.
const CONTEXT_AROUND: usize = 20;

const ELLIPSIS: &str = "…";

fn severity(severity: Severity) -> SnippetSeverity {
    match severity {
        Severity::Error => SnippetSeverity::Error,
        Severity::Warning => SnippetSeverity::Warning,
        Severity::Info => SnippetSeverity::Note,
    }
}

fn snippet(d: &Diagnostic, place: impl Fn(&Range<usize>) -> Range<usize>) -> Snippet<()> {
    let mut labels = vec![Label::primary((), place(&d.span))];
    labels.extend(
        d.labels
            .iter()
            .map(|label| Label::secondary((), place(&label.span)).with_message(&label.message)),
    );
    let mut notes: Vec<String> = d.notes.iter().map(|note| format!("note: {note}")).collect();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            Applicability::Safe => "safe: `--fix` applies it",
            Applicability::Unsafe => "unsafe: review before applying",
            Applicability::DisplayOnly => "suggestion only",
        };
        notes.push(format!(
            "fix: replace with '{}'{} ({how})",
            fix.replacement,
            fix.other_places()
        ));
    }
    Snippet::new(severity(d.severity))
        .with_code(d.rule.to_string())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// The `human` format as a [`super::Stream`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Writer {
    /// ANSI colours.
    pub color: bool,
}

impl super::Stream for Writer {
    fn report(&mut self, out: &mut dyn io::Write, report: &FileReport) -> io::Result<()> {
        write_report(out, report, self.color)
    }
}

/// Write one file's findings, with ANSI colours when `color` is set.
pub fn write_report(out: &mut dyn io::Write, report: &FileReport, color: bool) -> io::Result<()> {
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    if color {
        emit_all(&mut Ansi::new(out), report)
    } else {
        emit_all(&mut NoColor::new(out), report)
    }
}

fn emit_all(out: &mut impl WriteColor, report: &FileReport) -> io::Result<()> {
    let config = Config::default();
    let lines = LineIndex::new(&report.source);
    for mut d in grouped(report) {
        clamp(&mut d, report.source.len());
        let view = Excerpt::new(&report.path, &report.source, &lines, &d);
        let emitted =
            term::emit_to_write_style(out, &config, &view, &snippet(&d, |span| view.place(span)));
        // Other errors cannot happen for spans clamped into the text.
        if let Err(FilesError::Io(error)) = emitted {
            return Err(error);
        }
    }
    Ok(())
}

/// The findings, with the same words reported again by the same rule under
/// the same message and against the same evidence (the same first label: one
/// wrong name repeated in an article, judged by its dateline) folded into the
/// first one, every later place labelled: an editor reads one block. Findings
/// without a label stand alone. Other formats keep one finding, and one fix,
/// per place.
fn grouped(report: &FileReport) -> Vec<Diagnostic> {
    let words = |d: &Diagnostic| report.source.get(d.span.clone()).unwrap_or("");
    let mut out: Vec<Diagnostic> = Vec::with_capacity(report.diagnostics.len());
    let mut repeats: Vec<usize> = Vec::with_capacity(report.diagnostics.len());
    for d in &report.diagnostics {
        let first = out.iter().position(|f| {
            f.rule == d.rule
                && f.message == d.message
                && !d.span.is_empty()
                && !d.labels.is_empty()
                && f.labels.first() == d.labels.first()
                && words(f) == words(d)
        });
        match first {
            Some(index) => {
                out[index].severity = out[index].severity.max(d.severity);
                let place = repeats[index] + 2;
                out[index].labels.push(crate::diagnostic::Label {
                    span: d.span.clone(),
                    message: format!("and here ({place})"),
                });
                repeats[index] += 1;
            }
            None => {
                out.push(d.clone());
                repeats.push(0);
            }
        }
    }
    for (d, &more) in out.iter_mut().zip(&repeats) {
        if more > 0 {
            d.notes.push(format!(
                "the same words are reported at {} places; each is a separate finding with its own fix",
                more + 1
            ));
        }
    }
    out
}

/// Render every finding of `reports`, with ANSI colours when `color` is set.
pub fn render(reports: &[FileReport], color: bool) -> Vec<u8> {
    super::render_all(&mut Writer { color }, reports)
}

/// Spans outside the text (an empty file, a read error) point at its start.
fn clamp(d: &mut Diagnostic, len: usize) {
    let fit = |r: &mut Range<usize>| {
        r.start = r.start.min(len);
        r.end = r.end.clamp(r.start, len);
    };
    fit(&mut d.span);
    for label in &mut d.labels {
        fit(&mut label.span);
    }
}

/// One line of an [`Excerpt`]: which parts of the real line it shows.
struct ShownLine {
    /// 0-based line in the file.
    line: usize,
    /// The shown parts of the line, in order, each with where it starts in
    /// the excerpt; an ellipsis stands for every part left out.
    parts: Vec<(Range<usize>, usize)>,
}

/// The lines a finding touches, each clipped to windows around its labelled
/// places, presented to codespan as a file whose line numbers and columns are
/// those of the real file.
struct Excerpt<'a> {
    name: &'a str,
    source: &'a str,
    lines: &'a LineIndex,
    text: String,
    starts: Vec<usize>,
    shown: Vec<ShownLine>,
}

impl<'a> Excerpt<'a> {
    fn new(name: &'a str, source: &'a str, lines: &'a LineIndex, d: &Diagnostic) -> Self {
        let spans: Vec<&Range<usize>> = std::iter::once(&d.span)
            .chain(d.labels.iter().map(|label| &label.span))
            .collect();
        // The lines the places are on; a finding in the last paragraph of a
        // long file that labels its dateline must not copy every line between.
        let mut touched: Vec<usize> = spans
            .iter()
            .flat_map(|s| lines.line_of(s.start)..=lines.line_of(s.end))
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let mut excerpt = Excerpt {
            name,
            source,
            lines,
            text: String::new(),
            starts: Vec::new(),
            shown: Vec::new(),
        };
        let mut previous: Option<usize> = None;
        for &line in &touched {
            if let Some(previous) = previous {
                // Two blank stand-ins make codespan draw its `·` for a long
                // gap; a gap of one or two lines is shown as it is.
                let long = line - previous > 3;
                let gap = if long {
                    vec![previous + 1, line - 1]
                } else {
                    (previous + 1..line).collect()
                };
                for stand_in in gap {
                    excerpt.push_line(stand_in, &[], long);
                }
            }
            let whole = lines.line_range(source, line);
            let marked: Vec<Range<usize>> = spans
                .iter()
                .filter(|s| s.start <= whole.end && s.end >= whole.start)
                .map(|s| s.start.max(whole.start)..s.end.min(whole.end))
                .collect();
            excerpt.push_line(line, &marked, false);
            previous = Some(line);
        }
        excerpt
    }

    /// Add real line `line` (0-based), clipped around `marked`; a `blank`
    /// line stands in for a gap without showing it.
    fn push_line(&mut self, line: usize, marked: &[Range<usize>], blank: bool) {
        self.starts.push(self.text.len());
        let mut parts = Vec::new();
        if !blank {
            let whole = self.lines.line_range(self.source, line);
            let mut shown_to = whole.start;
            for part in windows(self.source, &whole, marked) {
                if part.start > shown_to || (parts.is_empty() && part.start > whole.start) {
                    self.text.push_str(ELLIPSIS);
                }
                parts.push((part.clone(), self.text.len()));
                self.text.push_str(&self.source[part.clone()]);
                shown_to = part.end;
            }
            if shown_to < whole.end {
                self.text.push_str(ELLIPSIS);
            }
        }
        self.text.push('\n');
        self.shown.push(ShownLine { line, parts });
    }

    /// Where a span of the file lies in the excerpt.
    fn place(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.offset(span.start);
        start..self.offset(span.end).max(start)
    }

    /// Where a byte of the file lies in the excerpt: in the part that shows
    /// it, else at the end of the last part before it.
    fn offset(&self, real: usize) -> usize {
        let index = self
            .shown
            .partition_point(|shown| self.lines.line_start(shown.line) <= real)
            .saturating_sub(1);
        let Some(shown) = self.shown.get(index) else {
            return 0;
        };
        let mut placed = self.starts.get(index).copied().unwrap_or(0);
        for (part, at) in &shown.parts {
            if real < part.start {
                break;
            }
            placed = at + real.min(part.end) - part.start;
        }
        placed
    }
}

/// The parts of the line `whole` to show: all of it when it is short;
/// otherwise each `marked` place with some context around it, a place longer
/// than the line limit cut to its two ends, and the parts merged where they
/// meet. A lone place gets about [`SHOWN_LINE_CHARS`] characters of line.
fn windows(source: &str, whole: &Range<usize>, marked: &[Range<usize>]) -> Vec<Range<usize>> {
    // Counted only as far as the limit: a line can be the whole file.
    let longer_than_limit = |range: &Range<usize>| {
        source[range.clone()]
            .chars()
            .nth(SHOWN_LINE_CHARS)
            .is_some()
    };
    if !longer_than_limit(whole) {
        return vec![whole.clone()];
    }
    let back = |from: usize, chars: usize| {
        source[whole.start..from]
            .char_indices()
            .rev()
            .nth(chars.saturating_sub(1))
            .map_or(whole.start, |(at, _)| whole.start + at)
    };
    let forward = |from: usize, chars: usize| {
        source[from..whole.end]
            .char_indices()
            .nth(chars)
            .map_or(whole.end, |(at, _)| from + at)
    };
    let mut pieces: Vec<Range<usize>> = Vec::new();
    for place in marked {
        if longer_than_limit(place) {
            let half = SHOWN_LINE_CHARS / 2 - CONTEXT_AROUND;
            pieces.push(place.start..forward(place.start, half));
            pieces.push(back(place.end, half)..place.end);
        } else {
            pieces.push(place.clone());
        }
    }
    let first = pieces
        .iter()
        .map(|piece| piece.start)
        .min()
        .unwrap_or(whole.start);
    let last = pieces
        .iter()
        .map(|piece| piece.end)
        .max()
        .unwrap_or(whole.start);
    if source[first..last]
        .chars()
        .nth(SHOWN_LINE_CHARS - CONTEXT_BEFORE)
        .is_none()
    {
        // One window holds every place.
        let start = back(first, CONTEXT_BEFORE);
        let used = source[start..last].chars().count();
        let end = forward(last, SHOWN_LINE_CHARS.saturating_sub(used));
        return Vec::from([Range { start, end }]);
    }
    // The line's budget is shared out as context around each place.
    let marked_chars: usize = pieces
        .iter()
        .map(|p| source[p.clone()].chars().count())
        .sum();
    let context =
        (SHOWN_LINE_CHARS.saturating_sub(marked_chars) / (2 * pieces.len())).max(CONTEXT_AROUND);
    let widen = |context: usize| -> Vec<Range<usize>> {
        pieces
            .iter()
            .map(|piece| back(piece.start, context)..forward(piece.end, context))
            .collect()
    };
    let mut widened = widen(context);
    // Context that a line's ends cut short is given to the other places.
    let shown: usize = widened
        .iter()
        .map(|p| source[p.clone()].chars().count())
        .sum();
    if shown < SHOWN_LINE_CHARS && shown > marked_chars {
        let spare = SHOWN_LINE_CHARS - shown;
        widened = widen(context + spare / (2 * pieces.len()).max(1));
    }
    widened.sort_by_key(|piece| piece.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for piece in widened {
        match merged.last_mut() {
            Some(last) if piece.start <= last.end => last.end = last.end.max(piece.end),
            _ => merged.push(piece),
        }
    }
    merged
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self
            .starts
            .partition_point(|&start| start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(self.shown.get(line_index).map_or(0, |shown| shown.line) + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let Some(shown) = self.shown.get(line_index) else {
            return Ok(1);
        };
        let mut real = self.lines.line_start(shown.line);
        for (part, at) in &shown.parts {
            if byte_index < *at {
                break;
            }
            real = part.start + (byte_index - at).min(part.len());
        }
        Ok(self.lines.line_col(self.source, real).1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let start = *self
            .starts
            .get(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: self.starts.len().saturating_sub(1),
            })?;
        let end = self
            .starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.text.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(source: &str, d: Diagnostic) -> String {
        let report = FileReport {
            path: "story.txt".into(),
            source: source.into(),
            diagnostics: vec![d],
            io_error: false,
            fixed: None,
            fixes_applied: 0,
            uncovered: None,
        };
        String::from_utf8(render(&[report], false)).unwrap_or_default()
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_finding() {
        let filler = "word ".repeat(300);
        let source = format!("Title\n{filler}the goverment met {filler}\nlast\n");
        let at = source.find("goverment").unwrap_or(0);
        let d = Diagnostic::new(
            "style.misspellings",
            Severity::Warning,
            at..at + 9,
            "misspelt",
        );
        let out = rendered(&source, d);
        let column = source[source.find('\n').unwrap_or(0) + 1..at]
            .chars()
            .count()
            + 1;
        assert!(out.contains(&format!("story.txt:2:{column}")), "{out}");
        let shown = out
            .lines()
            .find(|line| line.contains("goverment"))
            .unwrap_or_default();
        assert!(shown.contains("│ … word") && shown.ends_with('…'), "{out}");
        assert!(shown.chars().count() < SHOWN_LINE_CHARS + 20, "{out}");
        let carets = out
            .lines()
            .find(|line| line.contains("^^^"))
            .unwrap_or_default();
        let caret_column = carets.find('^').unwrap_or(0);
        let word_column = shown.find("goverment").unwrap_or(usize::MAX);
        assert_eq!(
            shown[..word_column].chars().count(),
            carets[..caret_column].chars().count(),
            "{out}"
        );
    }

    #[test]
    fn far_apart_places_on_one_long_line_are_shown_with_the_middle_left_out() {
        let filler = "word ".repeat(400);
        let source = format!("“Quote {filler}ends here\n");
        let end = source.find("ends").unwrap_or(0);
        let d = Diagnostic::new("quotes.unclosed", Severity::Warning, 0..3, "unclosed")
            .with_label(end..end + 4, "the paragraph ends here");
        let out = rendered(&source, d);
        assert!(out.contains("story.txt:1:1"), "{out}");
        let shown = out
            .lines()
            .find(|line| line.contains("Quote"))
            .unwrap_or_default();
        assert!(shown.contains("│ “Quote word"), "{out}");
        assert!(shown.contains('…') && shown.ends_with("ends here"), "{out}");
        assert!(shown.chars().count() < 2 * SHOWN_LINE_CHARS, "{out}");
        let marks = out
            .lines()
            .find(|line| line.contains('^'))
            .unwrap_or_default();
        let dashes = marks.find('-').map(|at| marks[..at].chars().count());
        let ends = shown.find("ends").map(|at| shown[..at].chars().count());
        assert_eq!(dashes, ends, "{out}");
    }

    #[test]
    fn short_lines_and_distant_labels_keep_their_line_numbers() {
        let source = "SEOUL, Feb 10 - story.\nshort line\nthe Republic of Kazakhstan\n";
        let at = source.find("Republic").unwrap_or(0);
        let d = Diagnostic::new(
            "country.context",
            Severity::Error,
            at..at + 22,
            "wrong country",
        )
        .with_label(0..5, "the dateline");
        let out = rendered(source, d);
        assert!(out.contains("story.txt:3:5"), "{out}");
        assert!(out.contains("1 │ SEOUL, Feb 10 - story."), "{out}");
        assert!(out.contains("3 │ the Republic of Kazakhstan"), "{out}");
        assert!(!out.contains('…'), "{out}");
    }
}
