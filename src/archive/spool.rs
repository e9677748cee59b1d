//! The records an archive pass spills to its temporary file and reads back
//! once, in a compact binary form: reading JSON back cost more than judging
//! (BENCHMARKS.md). The file lives only for one run, so the form is private
//! and carries no version; `--stats` and shards keep writing JSON lines.

use std::io::{self, Read};

use super::stats::{refill, FileStats, FindingRow, FormUse, Position, StyleUse};

/// Appends `stats` to `out`, without the per-file findings unless
/// `with_findings` (only a report lists them). Its names are written as
/// `name_ids` (one per name, in order: their places in the pass's table of
/// names), not as text: most are never read back, and a number is cheaper
/// to write, skip and test than a string.
pub(super) fn encode(stats: &FileStats, name_ids: &[u32], with_findings: bool, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(&[0; 4]);
    text(out, &stats.path);
    text(out, &stats.folder);
    text(out, &stats.variant_group);
    text(out, &stats.style_group);
    text(out, &stats.language);
    match &stats.date {
        Some(date) => {
            out.push(1);
            text(out, date);
        }
        None => out.push(0),
    }
    number(out, stats.forms.len());
    for used in &stats.forms {
        text(out, &used.set);
        text(out, &used.form);
        number(out, used.count);
        position(out, used.first);
        number(out, used.len);
        out.push(u8::from(used.settled));
    }
    number(out, stats.styles.len());
    for style in &stats.styles {
        text(out, &style.dimension);
        text(out, &style.style);
        number(out, style.count);
        number(out, style.others);
        position(out, style.first);
    }
    // Names are the bulk of a record and only the few that stray are read
    // back: each is written in a fixed width, so that reading tests its
    // place and steps over the rest unparsed.
    debug_assert_eq!(stats.names.len(), name_ids.len(), "a place for each name");
    number(out, stats.names.len());
    // A run that places findings by offset alone (no `--stats`, cache or
    // report) leaves every line and column 0: its entries leave them out,
    // which halves the bulk of the spool the run writes and reads back.
    let placed_by_offset = stats.names.iter().all(|(_, _, first)| {
        first.line == 0 && first.column == 0 && u32::try_from(first.offset).is_ok()
    });
    out.push(u8::from(!placed_by_offset));
    for ((_, count, first), id) in stats.names.iter().zip(name_ids) {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&saturated(count).to_le_bytes());
        if placed_by_offset {
            out.extend_from_slice(&saturated(first.offset).to_le_bytes());
        } else {
            out.extend_from_slice(&(first.offset as u64).to_le_bytes());
            out.extend_from_slice(&saturated(first.line).to_le_bytes());
            out.extend_from_slice(&saturated(first.column).to_le_bytes());
        }
    }
    let findings: &[FindingRow] = if with_findings { &stats.findings } else { &[] };
    number(out, findings.len());
    for finding in findings {
        text(out, &finding.rule);
        text(out, &finding.severity);
        number(out, finding.line);
        number(out, finding.column);
        text(out, &finding.message);
    }
    // A record is framed by its length, so that reading never runs past it.
    let len = (out.len() - start - 4) as u32;
    out[start..start + 4].copy_from_slice(&len.to_le_bytes());
}

/// Which names of a record are read back: a name's place in the pass's
/// table → the name, when it is kept.
pub(super) type NameFilter<'a> = &'a dyn Fn(u32) -> Option<&'a str>;

/// Reads the next record into `stats`, `false` at the end of the spool;
/// of its names, only those `keep_name` wants, none without it (judging
/// needs only the few that stray, and making a string of every other cost
/// more than judging). `stats` is one record after another, so that its
/// strings are allocated once, not once a record.
pub(super) fn read_next(
    from: &mut impl Read,
    buffer: &mut Vec<u8>,
    keep_name: Option<NameFilter>,
    stats: &mut FileStats,
) -> io::Result<bool> {
    let mut len = [0; 4];
    match from.read_exact(&mut len) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return Ok(false),
        Err(error) => return Err(error),
    }
    buffer.clear();
    buffer.resize(u32::from_le_bytes(len) as usize, 0);
    from.read_exact(buffer)?;
    decode(buffer, keep_name, stats)
        .map(|()| true)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "a spilled record is damaged"))
}

fn decode(bytes: &[u8], keep_name: Option<NameFilter>, stats: &mut FileStats) -> Option<()> {
    let mut r = Reader { bytes, at: 0 };
    refill(&mut stats.path, r.str()?);
    refill(&mut stats.folder, r.str()?);
    refill(&mut stats.variant_group, r.str()?);
    refill(&mut stats.style_group, r.str()?);
    refill(&mut stats.language, r.str()?);
    match (r.byte()?, &mut stats.date) {
        (0, date) => *date = None,
        (_, Some(date)) => refill(date, r.str()?),
        (_, date) => *date = Some(r.text()?),
    }
    stats.names.clear();
    stats.findings.clear();
    // The forms and styles are written over the record before's, in the
    // room of their strings.
    let forms = r.number()?;
    for index in 0..forms {
        let (set, form) = (r.str()?, r.str()?);
        let (count, first, len) = (r.number()?, r.position()?, r.number()?);
        let settled = r.byte()? != 0;
        match stats.forms.get_mut(index) {
            Some(used) => {
                refill(&mut used.set, set);
                refill(&mut used.form, form);
                (used.count, used.first, used.len, used.settled) = (count, first, len, settled);
            }
            None => stats.forms.push(FormUse {
                set: set.to_string(),
                form: form.to_string(),
                count,
                first,
                len,
                settled,
            }),
        }
    }
    stats.forms.truncate(forms);
    let styles = r.number()?;
    for index in 0..styles {
        let (dimension, style) = (r.str()?, r.str()?);
        let (count, others, first) = (r.number()?, r.number()?, r.position()?);
        StyleUse::put(
            &mut stats.styles,
            index,
            (dimension, style),
            count,
            others,
            first,
        );
    }
    stats.styles.truncate(styles);
    let names = r.number()?;
    let placed_by_offset = match (names, r.byte()?) {
        (_, 0) => true,
        (_, 1) => false,
        _ => return None,
    };
    for _ in 0..names {
        // Most names are skipped unread: a damaged record still fails at
        // its end.
        let [id, count, offset, line, column] = if placed_by_offset {
            name_by_offset(r.fixed::<NAME_BY_OFFSET>()?)
        } else {
            name_entry(r.fixed::<NAME_ENTRY>()?)
        };
        if let Some(name) = keep_name.and_then(|keep_name| keep_name(id as u32)) {
            let first = Position {
                offset,
                line,
                column,
            };
            stats.names.push(name, count, first);
        }
    }
    for _ in 0..r.number()? {
        stats.findings.push(FindingRow {
            rule: r.text()?,
            severity: r.text()?,
            line: r.number()?,
            column: r.number()?,
            message: r.text()?,
        });
    }
    (r.at == bytes.len()).then_some(())
}

/// The bytes of one name of a record: its place, count, offset, line and
/// column.
const NAME_ENTRY: usize = 4 + 4 + 8 + 4 + 4;

/// The bytes of one name of a record placed by offset alone: its place,
/// count and offset.
const NAME_BY_OFFSET: usize = 4 + 4 + 4;

/// A count, line or column in 32 bits: one past them would need a text of
/// 4 GiB, and is written as the largest there is.
fn saturated(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// A name's place, count, offset, line and column, from its entry.
fn name_entry(entry: &[u8; NAME_ENTRY]) -> [usize; 5] {
    let four = |at: usize| four_at(entry, at);
    let mut offset = [0; 8];
    offset.copy_from_slice(&entry[8..16]);
    let offset = usize::try_from(u64::from_le_bytes(offset)).unwrap_or(usize::MAX);
    [four(0), four(4), offset, four(16), four(20)]
}

/// A name's place, count and offset, from its entry, with line and column 0.
fn name_by_offset(entry: &[u8; NAME_BY_OFFSET]) -> [usize; 5] {
    [
        four_at(entry, 0),
        four_at(entry, 4),
        four_at(entry, 8),
        0,
        0,
    ]
}

/// The 32-bit number at `at` of a name's entry.
fn four_at(entry: &[u8], at: usize) -> usize {
    let bytes = [entry[at], entry[at + 1], entry[at + 2], entry[at + 3]];
    u32::from_le_bytes(bytes) as usize
}

/// A number in 7-bit groups, low first: most are small.
fn number(out: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn text(out: &mut Vec<u8>, value: &str) {
    number(out, value.len());
    out.extend_from_slice(value.as_bytes());
}

fn position(out: &mut Vec<u8>, at: Position) {
    number(out, at.offset);
    number(out, at.line);
    number(out, at.column);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn number(&mut self) -> Option<usize> {
        let mut value = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let byte = self.byte()?;
            value |= usize::from(byte & 0x7f).checked_shl(shift)?;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }

    fn text(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    fn fixed<const N: usize>(&mut self) -> Option<&'a [u8; N]> {
        let bytes = self.bytes.get(self.at..self.at.checked_add(N)?)?;
        self.at += N;
        bytes.try_into().ok()
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.number()?;
        let bytes = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(bytes)
    }

    fn position(&mut self) -> Option<Position> {
        Some(Position {
            offset: self.number()?,
            line: self.number()?,
            column: self.number()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> FileStats {
        let at = Position {
            offset: 300,
            line: 4,
            column: 17,
        };
        FileStats {
            path: "desk/a.txt".into(),
            folder: "desk".into(),
            variant_group: "desk".into(),
            style_group: String::new(),
            language: "en".into(),
            date: Some("2019-02-26".into()),
            forms: vec![
                FormUse {
                    set: "Kyiv".into(),
                    form: "Kiev".into(),
                    count: 3,
                    first: at,
                    len: 4,
                    settled: true,
                },
                FormUse {
                    set: "per cent".into(),
                    form: "percent".into(),
                    count: 1,
                    first: at,
                    len: 7,
                    settled: false,
                },
            ],
            styles: vec![
                StyleUse {
                    dimension: "quotes".into(),
                    style: "straight".into(),
                    count: 200_000,
                    others: 0,
                    first: at,
                },
                StyleUse {
                    dimension: "dates".into(),
                    style: "ISO".into(),
                    count: 2,
                    others: 1,
                    first: at,
                },
            ],
            names: [("Qaddafi", 2, at), ("Zelenskiy", 1, at)]
                .into_iter()
                .collect(),
            findings: vec![FindingRow {
                rule: "quotes.straight".into(),
                severity: "warning".into(),
                line: 1,
                column: 2,
                message: "use “curly” quotes".into(),
            }],
        }
    }

    /// The names of [`record`], as a pass's table would number them.
    const NAMES: [&str; 2] = ["Qaddafi", "Zelenskiy"];

    fn name_of(id: u32) -> Option<&'static str> {
        NAMES.get(id as usize).copied()
    }

    #[test]
    fn records_read_back_as_written() {
        // Records read one into another: one with fewer forms and styles,
        // spelled otherwise, then none, then more again.
        let mut fewer = record();
        fewer.forms.truncate(1);
        fewer.forms[0].set = "S".into();
        fewer.forms[0].form = "a much longer form than the first".into();
        fewer.styles.truncate(1);
        fewer.styles[0].style = "x".into();
        fewer.names = Default::default();
        assert!(record().forms.len() > 1 && record().styles.len() > 1);
        let mut spool = Vec::new();
        encode(&record(), &[0, 1], true, &mut spool);
        encode(&fewer, &[], true, &mut spool);
        encode(&FileStats::default(), &[], true, &mut spool);
        encode(&record(), &[0, 1], false, &mut spool);
        let mut from = spool.as_slice();
        let mut buffer = Vec::new();
        let mut read = Vec::new();
        let mut stats = FileStats::default();
        while read_next(&mut from, &mut buffer, Some(&name_of), &mut stats).unwrap() {
            read.push(stats.clone());
        }
        let without_findings = FileStats {
            findings: Vec::new(),
            ..record()
        };
        assert_eq!(
            read,
            [record(), fewer, FileStats::default(), without_findings]
        );
        let only_the_second = |id: u32| (id == 1).then_some(NAMES[1]);
        let mut from = spool.as_slice();
        let mut first = FileStats::default();
        assert!(read_next(&mut from, &mut buffer, Some(&only_the_second), &mut first).unwrap());
        let names: Vec<_> = first.names.iter().map(|(n, _, _)| n).collect();
        assert_eq!(names, ["Zelenskiy"]);
    }

    #[test]
    fn names_placed_by_offset_alone_take_half_the_room() {
        let by_offset = |at: Position| Position {
            line: 0,
            column: 0,
            ..at
        };
        let mut placed = record();
        placed.names = placed
            .names
            .iter()
            .map(|(name, count, at)| (name, count, by_offset(at)))
            .collect();
        let (mut counted, mut by_offsets) = (Vec::new(), Vec::new());
        encode(&record(), &[0, 1], true, &mut counted);
        encode(&placed, &[0, 1], true, &mut by_offsets);
        assert_eq!(
            counted.len() - by_offsets.len(),
            2 * (NAME_ENTRY - NAME_BY_OFFSET)
        );
        let mut read = FileStats::default();
        let mut from = by_offsets.as_slice();
        assert!(read_next(&mut from, &mut Vec::new(), Some(&name_of), &mut read).unwrap());
        assert_eq!(read, placed);
        // An offset past 32 bits keeps the wide entries.
        let mut far = placed.clone();
        far.names = [(
            "Qaddafi",
            2,
            by_offset(Position {
                offset: 1 << 33,
                ..Position::default()
            }),
        )]
        .into_iter()
        .collect();
        let mut spool = Vec::new();
        encode(&far, &[0], true, &mut spool);
        let mut from = spool.as_slice();
        assert!(read_next(&mut from, &mut Vec::new(), Some(&name_of), &mut read).unwrap());
        assert_eq!(read, far);
    }

    #[test]
    fn a_damaged_record_is_an_error_not_a_panic() {
        let mut spool = Vec::new();
        encode(&record(), &[0, 1], true, &mut spool);
        for cut in 5..spool.len() {
            let mut damaged = spool[..cut].to_vec();
            let len = (cut - 4) as u32;
            damaged[..4].copy_from_slice(&len.to_le_bytes());
            for filter in [None, Some(&name_of as NameFilter)] {
                let mut into = FileStats::default();
                let read = read_next(&mut damaged.as_slice(), &mut Vec::new(), filter, &mut into);
                assert!(read.is_err());
            }
        }
    }
}
