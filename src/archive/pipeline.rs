//! The archive pass: records counted as they come and spilled to a
//! temporary file (one per worker's part, absorbed into the run's pass at
//! the end), then judged, then read back once for the findings.

use std::collections::BTreeMap;
use std::io::{self, BufReader, BufWriter, Seek, Write};

use super::keyed::Keyed;
use super::name_table::NameTable;
use super::names::{clusters, ArchiveName, Cluster, NameCount, NameYears};
use super::outcome::{ArchiveFinding, ArchiveOutcome, Levels, ReportRow, Series};
use super::periods::{Verdicts, YearCounts};
use super::settings::{ArchiveSettings, Scope};
use super::stats::{FileStats, Position};
use crate::diagnostic::Severity;

/// The archive pass of one run (or one merge of shards).
#[derive(Debug)]
pub struct Archive {
    settings: ArchiveSettings,
    levels: Levels,
    keep_rows: bool,
    spill: BufWriter<std::fs::File>,
    /// One record's bytes, kept between records to reuse its allocation.
    encoded: Vec<u8>,
    /// Group → language → set → year → form → articles. Nested, so that
    /// a record's keys are looked up as they are, not copied into a tuple
    /// each time (copies are made only for a key not seen before).
    variants: Keyed<Nested<Nested<YearCounts>>>,
    /// Group → dimension → year → style → articles.
    styles: Keyed<Nested<YearCounts>>,
    /// Each name's place (what the spool keeps of it) and articles per
    /// year: looked up for every name of every record.
    names: NameTable,
    /// One record's names' places, kept between records to reuse its
    /// allocation.
    name_ids: Vec<u32>,
    /// Language → set → form → articles per year, over every group.
    variant_years: Keyed<Nested<Nested<NameYears>>>,
    files: usize,
    folders: Keyed<usize>,
    years: BTreeMap<Option<i32>, usize>,
    /// The spills of the parts absorbed (see [`Archive::absorb`]), each with
    /// its names' places in this archive by their places in the part.
    absorbed: Vec<(std::fs::File, Vec<u32>)>,
}

impl Archive {
    /// A pass judged by `settings`, its rules at `levels`; with
    /// `keep_rows`, every finding is kept for the report.
    pub fn new(settings: &ArchiveSettings, levels: Levels, keep_rows: bool) -> io::Result<Archive> {
        Ok(Archive {
            settings: settings.clone(),
            levels,
            keep_rows,
            spill: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            encoded: Vec::new(),
            variants: Keyed::default(),
            styles: Keyed::default(),
            names: NameTable::default(),
            name_ids: Vec::new(),
            variant_years: Keyed::default(),
            files: 0,
            folders: Keyed::default(),
            years: BTreeMap::new(),
            absorbed: Vec::new(),
        })
    }

    /// An empty archive pass judged as this one, for one worker of a run to
    /// fill and this one to [`absorb`](Archive::absorb): each worker counts
    /// the records it makes, so that none is handed to another thread.
    pub fn part(&self) -> io::Result<Archive> {
        Archive::new(&self.settings, self.levels, self.keep_rows)
    }

    /// Counts what `part` counted as if its records had been added here.
    /// Its spill is kept as it is and read back with this one's in
    /// [`finish`](Archive::finish); its names are looked up once each, not
    /// once per record. The counts do not depend on the order of parts or
    /// records, so neither do the findings.
    pub fn absorb(&mut self, part: Archive) -> io::Result<()> {
        // The first part taken into an empty pass becomes it whole: its
        // names need no looking up again.
        if self.files == 0 && self.names.is_empty() && self.absorbed.is_empty() {
            *self = part;
            return Ok(());
        }
        self.files += part.files;
        self.folders.absorb(part.folders);
        self.years.absorb(part.years);
        self.variants.absorb(part.variants);
        self.styles.absorb(part.styles);
        self.variant_years.absorb(part.variant_years);
        let mut places = Vec::with_capacity(part.names.len());
        for (language, name, count) in part.names.names() {
            let language = self.names.language(language)?;
            let place = match count {
                NameCount::OneYear(year, articles) => {
                    self.names.count(language, name, year, articles)?
                }
                NameCount::Years(years) => {
                    let mut place = None;
                    for (year, articles) in years {
                        place = Some(self.names.count(language, name, year, articles)?);
                    }
                    place.unwrap_or(u32::MAX)
                }
            };
            places.push(place);
        }
        for (spill, part_places) in part.absorbed {
            let places = part_places
                .iter()
                .map(|&id| places.get(id as usize).copied().unwrap_or(u32::MAX))
                .collect();
            self.absorbed.push((spill, places));
        }
        let spill = part.spill.into_inner().map_err(|e| e.into_error())?;
        self.absorbed.push((spill, places));
        Ok(())
    }

    /// Count one article's record.
    pub fn add(&mut self, stats: &FileStats) -> io::Result<()> {
        let year = stats.year();
        self.files += 1;
        *self.folders.slot(&stats.folder) += 1;
        *self.years.entry(year).or_default() += 1;
        // An article's group and language are looked up once, not once
        // per form: each look-up compares texts the cache rarely holds.
        if !stats.forms.is_empty() {
            let group = self.variants.slot(&stats.variant_group);
            with_slot(group, &stats.language, |sets| {
                for used in &stats.forms {
                    with_slot(sets, &used.set, |counts| {
                        let forms = counts.entry(year).or_default();
                        with_slot(forms, &used.form, |articles| *articles += 1);
                    });
                }
            });
            let charts = self.variant_years.slot(&stats.language);
            for used in &stats.forms {
                with_slot(charts, &used.set, |chart| {
                    with_slot(chart, &used.form, |years| {
                        *years.entry(year).or_default() += 1
                    });
                });
            }
        }
        if !stats.styles.is_empty() {
            let dimensions = self.styles.slot(&stats.style_group);
            for style in &stats.styles {
                with_slot(dimensions, &style.dimension, |counts| {
                    let styles = counts.entry(year).or_default();
                    with_slot(styles, &style.style, |articles| *articles += 1);
                });
            }
        }
        self.name_ids.clear();
        if !stats.names.is_empty() {
            let language = self.names.language(&stats.language)?;
            let names = stats.names.iter().map(|(name, _, _)| name);
            self.names
                .count_article(language, names, year, &mut self.name_ids)?;
        }
        self.encoded.clear();
        super::spool::encode(stats, &self.name_ids, self.keep_rows, &mut self.encoded);
        self.spill.write_all(&self.encoded)
    }

    /// Judge the counts and find the articles that stray.
    pub fn finish(self) -> io::Result<ArchiveOutcome> {
        let settings = &self.settings;
        let judge =
            |counts: &YearCounts, scope: &Scope| Verdicts::judge(counts, scope, settings.period);
        let variant_verdicts: Keyed<Nested<Nested<Verdicts>>> = self.variants.map(|languages| {
            let languages = languages.iter().map(|(language, sets)| {
                let sets = sets
                    .iter()
                    .map(|(set, counts)| (set.clone(), judge(counts, &settings.variant)));
                (language.clone(), sets.collect())
            });
            languages.collect()
        });
        let style_verdicts: Keyed<Nested<Verdicts>> = self.styles.map(|dimensions| {
            let dimensions = dimensions
                .iter()
                .map(|(dimension, counts)| (dimension.clone(), judge(counts, &settings.style)));
            dimensions.collect()
        });
        // Each name's language, spelling and counts, by its place.
        let counted = self.names.names();
        let spelled: Vec<(&str, &str)> = counted
            .iter()
            .map(|&(language, name, _)| (language, name))
            .collect();
        let names: Vec<ArchiveName> = counted
            .iter()
            .map(|(language, name, years)| (*language, *name, years))
            .collect();
        let clusters = clusters(&names, &settings.names);
        drop(names);
        let mut strays: BTreeMap<(&str, &str), &Cluster> = BTreeMap::new();
        for cluster in clusters.iter().filter(|c| c.reported) {
            for (form, _) in cluster.forms.iter().skip(1) {
                strays.insert((cluster.language.as_str(), form.as_str()), cluster);
            }
        }
        let mut outcome = ArchiveOutcome {
            files: self.files,
            ..ArchiveOutcome::default()
        };
        let spill = self.spill.into_inner().map_err(|e| e.into_error())?;
        let mut buffer = Vec::new();
        // A record's names are read back only when they stray, told by
        // their places.
        let stray_ids: Vec<bool> = spelled
            .iter()
            .map(|language_and_name| strays.contains_key(language_and_name))
            .collect();
        let stray = |id: u32| {
            let id = id as usize;
            let name = spelled.get(id).map(|(_, name)| *name);
            name.filter(|_| stray_ids.get(id).copied().unwrap_or(false))
        };
        // Without strays, no record's names are read back at all.
        let any_strays = !strays.is_empty();
        let mut stats = FileStats::default();
        let parts = self
            .absorbed
            .into_iter()
            .map(|(spill, places)| (spill, Some(places)));
        for (mut spill, places) in std::iter::once((spill, None)).chain(parts) {
            spill.rewind()?;
            let mut spill = BufReader::with_capacity(1 << 16, spill);
            // A part's records name its names by their places in the part.
            let placed = |id: u32| match &places {
                None => stray(id),
                Some(places) => places.get(id as usize).and_then(|&place| stray(place)),
            };
            let filter: Option<super::spool::NameFilter> = any_strays.then_some(&placed);
            while super::spool::read_next(&mut spill, &mut buffer, filter, &mut stats)? {
                let before = outcome.findings.len();
                let judged = Judged {
                    stats: &stats,
                    settings,
                    levels: self.levels,
                };
                let sets = variant_verdicts
                    .get(&stats.variant_group)
                    .and_then(|languages| languages.get(&stats.language));
                judged.variants(sets, &mut outcome.findings);
                judged.styles(
                    style_verdicts.get(&stats.style_group),
                    &mut outcome.findings,
                );
                judged.names(&strays, &mut outcome.findings);
                if self.keep_rows {
                    rows_of(&stats, &outcome.findings[before..], &mut outcome.rows);
                }
            }
        }
        // Parts are read back in no particular order of articles: the order
        // is made here, whole.
        outcome.findings.sort_by(|a, b| {
            (&a.path, a.at.offset, a.rule, a.len, &a.message).cmp(&(
                &b.path,
                b.at.offset,
                b.rule,
                b.len,
                &b.message,
            ))
        });
        outcome.rows.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.rule, &a.message)
                .cmp(&(&b.path, b.line, b.column, &b.rule, &b.message))
        });
        outcome.series = series(
            &self.variant_years.into_sorted(),
            &variant_verdicts,
            &clusters,
        );
        outcome.clusters = clusters;
        outcome.folders = self.folders.into_sorted();
        outcome.years = self.years;
        Ok(outcome)
    }
}

/// A map by a record's text (a group, a language, a set's id, a form),
/// ordered as the outcome lists them.
type Nested<V> = BTreeMap<String, V>;

/// Counts that add up: a part's counts taken into a run's.
trait Absorb {
    fn absorb(&mut self, other: Self);
}

impl Absorb for usize {
    fn absorb(&mut self, other: usize) {
        *self += other;
    }
}

impl<V: Absorb + Default> Absorb for Keyed<V> {
    fn absorb(&mut self, other: Keyed<V>) {
        for (key, value) in other.into_entries() {
            self.slot(&key).absorb(value);
        }
    }
}

impl<K: Ord, V: Absorb + Default> Absorb for BTreeMap<K, V> {
    fn absorb(&mut self, other: BTreeMap<K, V>) {
        for (key, value) in other {
            self.entry(key).or_default().absorb(value);
        }
    }
}

/// Calls `with` on the value at `key`, made when there is none: the key is
/// copied only then, and looked up once when it is there (a function
/// returning the value would have to look it up twice: the borrow checker
/// refuses to return the first look-up's value on one branch and insert on
/// the other).
fn with_slot<V: Default, R>(map: &mut Nested<V>, key: &str, with: impl FnOnce(&mut V) -> R) -> R {
    if let Some(value) = map.get_mut(key) {
        return with(value);
    }
    with(map.entry(key.to_owned()).or_default())
}

/// One record, judged against the archive's verdicts.
struct Judged<'a> {
    stats: &'a FileStats,
    settings: &'a ArchiveSettings,
    levels: Levels,
}

impl Judged<'_> {
    fn finding(
        &self,
        (rule, severity): (&'static str, Severity),
        message: String,
        at: Position,
        len: usize,
    ) -> ArchiveFinding {
        ArchiveFinding {
            path: self.stats.path.clone(),
            rule,
            severity,
            message,
            at,
            len,
        }
    }

    /// Judges the record's forms by `sets`, the verdicts of its group and
    /// language.
    fn variants(&self, sets: Option<&Nested<Verdicts>>, findings: &mut Vec<ArchiveFinding>) {
        let stats = self.stats;
        let Some(severity) = self.levels.variant else {
            return;
        };
        for used in &stats.forms {
            let verdict = sets.and_then(|sets| sets.get(&used.set));
            let Some(verdict) = verdict.and_then(|v| v.for_year(stats.year())) else {
                continue;
            };
            if !verdict.reported || verdict.majority == used.form || used.settled {
                continue;
            }
            let message = format!(
                "{} writes '{}' in {} articles ({}%){}; this one writes '{}'",
                scope_name(&self.settings.variant.group_by, &stats.variant_group),
                verdict.majority,
                verdict.majority_articles,
                verdict.percent(),
                verdict.phrase,
                used.form
            );
            let rule = ("archive.variant", severity);
            findings.push(self.finding(rule, message, used.first, used.len));
        }
    }

    /// Judges the record's styles by `dimensions`, the verdicts of its
    /// group.
    fn styles(&self, dimensions: Option<&Nested<Verdicts>>, findings: &mut Vec<ArchiveFinding>) {
        let stats = self.stats;
        let Some(severity) = self.levels.style else {
            return;
        };
        for style in &stats.styles {
            let verdict = dimensions.and_then(|dimensions| dimensions.get(&style.dimension));
            let Some(verdict) = verdict.and_then(|v| v.for_year(stats.year())) else {
                continue;
            };
            if !verdict.reported || verdict.majority == style.style {
                continue;
            }
            let message = format!(
                "{} uses {} in {} of {} articles ({}%){}; this one uses {} ({} of {} {})",
                scope_name(&self.settings.style.group_by, &stats.style_group),
                style_name(&verdict.majority),
                verdict.majority_articles,
                verdict.articles,
                verdict.percent(),
                verdict.phrase,
                style_name(&style.style),
                style.count,
                style.count + style.others,
                evidence_name(&style.dimension),
            );
            let rule = ("archive.style", severity);
            findings.push(self.finding(rule, message, style.first, 1));
        }
    }

    fn names(&self, strays: &BTreeMap<(&str, &str), &Cluster>, findings: &mut Vec<ArchiveFinding>) {
        let stats = self.stats;
        let Some(severity) = self.levels.name else {
            return;
        };
        for (name, _, first) in &stats.names {
            let Some(cluster) = strays.get(&(stats.language.as_str(), name)) else {
                continue;
            };
            let main = cluster.majority();
            let articles = cluster.articles(main);
            let why = if cluster.confirmed {
                "one name, confirmed in copydesk.toml"
            } else {
                "spellings of one name found in the archive"
            };
            let message = format!(
                "this archive writes '{main}' in {articles} articles ({}%); this one writes '{name}' ({why})",
                (articles * 100).checked_div(cluster.total()).unwrap_or(0)
            );
            let rule = ("archive.name", severity);
            findings.push(self.finding(rule, message, first, name.len()));
        }
    }
}

fn scope_name(group_by: &str, group: &str) -> String {
    match group_by {
        "archive" => "this archive".to_string(),
        "folder" if group == "." => "the top folder".to_string(),
        "folder" => format!("folder {group}"),
        "source" => format!("source {group}"),
        other => format!("{} {group}", other.trim_start_matches("field:")),
    }
}

fn style_name(style: &str) -> String {
    match style {
        "straight" => "straight quotes".into(),
        "curly" => "curly quotes".into(),
        "guillemets" => "guillemets".into(),
        "month-day" => "month-day dates (Feb 26)".into(),
        "day-month" => "day-month dates (26 Feb)".into(),
        "ISO" => "ISO dates (2019-02-26)".into(),
        other => other.to_string(),
    }
}

fn evidence_name(dimension: &str) -> &'static str {
    match dimension {
        "quotes" => "quotation marks",
        "dates" => "dates",
        _ => "percentages",
    }
}

fn rows_of(stats: &FileStats, archive: &[ArchiveFinding], rows: &mut Vec<ReportRow>) {
    let row = |rule: &str, severity: &str, line, column, message: &str| ReportRow {
        path: stats.path.clone(),
        folder: stats.folder.clone(),
        year: stats.year(),
        rule: rule.to_string(),
        severity: severity.to_string(),
        line,
        column,
        message: message.to_string(),
    };
    for finding in &stats.findings {
        let severity = finding.severity.as_str();
        rows.push(row(
            &finding.rule,
            severity,
            finding.line,
            finding.column,
            &finding.message,
        ));
    }
    for finding in archive {
        let severity = finding.severity.as_str();
        let (line, column) = (finding.at.line, finding.at.column);
        rows.push(row(finding.rule, severity, line, column, &finding.message));
    }
}

/// The charts: every variant set written more than one way in one language
/// (over every group), and every name cluster.
fn series(
    variant_years: &Nested<Nested<Nested<NameYears>>>,
    verdicts: &Keyed<Nested<Nested<Verdicts>>>,
    clusters: &[Cluster],
) -> Vec<Series> {
    let mut series = Vec::new();
    let sets_by_language = variant_years
        .iter()
        .flat_map(|(language, sets)| sets.iter().map(move |(set, forms)| (language, set, forms)));
    for (language, set, forms) in sets_by_language {
        if forms.len() < 2 {
            continue;
        }
        let reported = verdicts.values().any(|languages| {
            let verdict = languages.get(language).and_then(|sets| sets.get(set));
            verdict.is_some_and(|v| v.all().iter().any(|verdict| verdict.reported))
        });
        let mut forms: Vec<(String, NameYears)> = forms.clone().into_iter().collect();
        let count = |years: &NameYears| years.values().sum::<usize>();
        forms.sort_by(|a, b| count(&b.1).cmp(&count(&a.1)).then(a.0.cmp(&b.0)));
        series.push(Series {
            label: format!("{set} ({language})"),
            kind: "variant",
            forms,
            reported,
        });
    }
    for cluster in clusters {
        series.push(Series {
            label: format!("{} ({})", cluster.majority(), cluster.language),
            kind: "name",
            forms: cluster.forms.clone(),
            reported: cluster.reported,
        });
    }
    series
}

#[cfg(test)]
mod tests;
