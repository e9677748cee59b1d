//! Baselines: adopt copydesk on an archive without fixing every old article
//! first. `--write-baseline` records today's findings; `--baseline` reports only
//! findings that are not recorded.
//!
//! A finding is identified by its rule, its file, the text it covers and a few
//! characters on either side of it on its line, never by its line number, so
//! that editing an earlier paragraph does not bring back old findings. Equal
//! identities in one file are told apart by an occurrence count.
//!
//! The file is JSON, sorted, one entry per finding:
//! `{"version": 1, "findings": [{"path", "rule", "text", "before", "after", "occurrence"}]}`.
//! Paths are relative to the baseline file's folder, with `/` separators.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::stable_hash::StableHasher;

/// The format version written and understood.
pub const VERSION: u32 = 1;

/// How many characters around a finding, on its own line, belong to its identity.
pub const CONTEXT_CHARS: usize = 24;

/// What identifies one finding across runs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Identity {
    /// The file as the baseline names it: relative to the baseline's folder,
    /// with `/` separators (see [`path_key`]).
    pub path: String,
    /// The id of the rule that found it, such as `style.misspellings`.
    pub rule: String,
    /// The text the finding covers, with runs of white space made one space.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] characters of its line just before the text,
    /// less a word cut at the far end, white space collapsed as in `text`.
    pub before: String,
    /// The same just after the text.
    pub after: String,
    /// 1 for the first finding with this identity in the file, 2 for the next...
    pub occurrence: usize,
}

impl Identity {
    /// A stable 16-hex-digit hash of the identity (FNV-1a, 64 bits), the same
    /// on every platform and release.
    pub fn fingerprint(&self) -> String {
        fingerprint(
            [
                &self.path,
                &self.rule,
                &self.text,
                &self.before,
                &self.after,
            ],
            self.occurrence,
        )
    }
}

fn fingerprint(fields: [&str; 5], occurrence: usize) -> String {
    let mut hash = StableHasher::default();
    for field in fields {
        hash.write(field.as_bytes());
        hash.write(&[0]);
    }
    hash.write(occurrence.to_string().as_bytes());
    format!("{:016x}", hash.finish())
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many findings of one file had each identity so far.
#[derive(Default)]
struct Occurrences {
    seen: HashMap<(String, String, String, String), usize>,
}

impl Occurrences {
    /// The identity parts of `d` and its occurrence: 1 the first time they
    /// are met, 2 the next...
    fn next(&mut self, source: &str, d: &Diagnostic) -> ((String, String, String), usize) {
        let (text, before, after) = excerpt(source, d.span.clone());
        let count = self
            .seen
            .entry((
                d.rule.to_string(),
                text.clone(),
                before.clone(),
                after.clone(),
            ))
            .or_insert(0);
        *count += 1;
        ((text, before, after), *count)
    }
}

/// The identity of every finding of one file, in the order given. `path` is
/// the file as the baseline names it; `source` is the text the spans refer to.
pub fn identities(path: &str, source: &str, diagnostics: &[Diagnostic]) -> Vec<Identity> {
    let mut occurrences = Occurrences::default();
    diagnostics
        .iter()
        .map(|d| {
            let ((text, before, after), occurrence) = occurrences.next(source, d);
            Identity {
                path: path.to_string(),
                rule: d.rule.to_string(),
                text,
                before,
                after,
                occurrence,
            }
        })
        .collect()
}

/// The [`Identity::fingerprint`] of each finding of one file, in the order
/// given, computed one at a time: output that streams findings does not
/// hold an identity (with its own copy of the path) for each.
pub struct Fingerprints<'a> {
    path: &'a str,
    source: &'a str,
    diagnostics: std::slice::Iter<'a, Diagnostic>,
    occurrences: Occurrences,
}

impl<'a> Fingerprints<'a> {
    /// `path` names the file as the baseline does; `source` is the text the
    /// spans refer to, as for [`identities`].
    pub fn new(path: &'a str, source: &'a str, diagnostics: &'a [Diagnostic]) -> Self {
        Fingerprints {
            path,
            source,
            diagnostics: diagnostics.iter(),
            occurrences: Occurrences::default(),
        }
    }
}

impl Iterator for Fingerprints<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let d = self.diagnostics.next()?;
        let ((text, before, after), occurrence) = self.occurrences.next(self.source, d);
        Some(fingerprint(
            [self.path, &d.rule, &text, &before, &after],
            occurrence,
        ))
    }
}

/// The covered text and a little of its line on either side, normalized.
/// Only the characters kept are looked at, so that a finding on a very long
/// line costs no more than one on a short line.
fn excerpt(source: &str, span: std::ops::Range<usize>) -> (String, String, String) {
    let fit = |mut offset: usize| {
        offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    let start = fit(span.start);
    let end = fit(span.end).max(start);
    // Whole words only: a word cut in two at the edge reads as noise.
    let before: String = {
        let mut kept: Vec<char> = source[..start]
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .take(CONTEXT_CHARS + 1)
            .collect();
        let cut = kept.len() > CONTEXT_CHARS;
        kept.truncate(CONTEXT_CHARS);
        let kept: String = kept.into_iter().rev().collect();
        match kept.split_once(char::is_whitespace) {
            Some((_, rest)) if cut => rest.to_string(),
            _ => kept,
        }
    };
    let after: String = {
        let mut rest = source[end..].chars().take_while(|&c| c != '\n');
        let kept: String = rest.by_ref().take(CONTEXT_CHARS).collect();
        let cut = rest.next().is_some();
        match kept.rsplit_once(char::is_whitespace) {
            Some((head, _)) if cut => head.to_string(),
            _ => kept,
        }
    };
    (
        collapse_whitespace(&source[start..end]),
        collapse_whitespace(&before),
        collapse_whitespace(&after),
    )
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Identity>,
}

/// Recorded findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: BTreeSet<Identity>,
    /// How many entries each file has, for counting those no longer found.
    per_path: HashMap<String, usize>,
}

impl Baseline {
    /// Record `entries`; an identity given twice is recorded once.
    pub fn new(entries: impl IntoIterator<Item = Identity>) -> Baseline {
        let entries: BTreeSet<Identity> = entries.into_iter().collect();
        let mut per_path: HashMap<String, usize> = HashMap::new();
        for entry in &entries {
            *per_path.entry(entry.path.clone()).or_default() += 1;
        }
        Baseline { entries, per_path }
    }

    /// How many findings are recorded for the file the baseline names `path`.
    pub fn len_for(&self, path: &str) -> usize {
        self.per_path.get(path).copied().unwrap_or(0)
    }

    /// How many findings are recorded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no finding is recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether exactly this finding is recorded, its occurrence included.
    pub fn contains(&self, identity: &Identity) -> bool {
        self.entries.contains(identity)
    }

    /// Read a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text)
            .map_err(|error| format!("not a copydesk baseline: {error}"))?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (this copydesk reads version {VERSION})",
                file.version
            ));
        }
        Ok(Baseline::new(file.findings))
    }

    /// The file's text: sorted, so that rewriting an unchanged baseline changes nothing.
    pub fn to_json(&self) -> String {
        let file = File {
            version: VERSION,
            findings: self.entries.iter().cloned().collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_else(|_| "{}".to_string());
        text.push('\n');
        text
    }

    /// Remove the recorded findings from one file's; returns how many went.
    pub fn remove_known(
        &self,
        path: &str,
        source: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> usize {
        let known: Vec<bool> = identities(path, source, diagnostics)
            .iter()
            .map(|identity| self.contains(identity))
            .collect();
        let before = diagnostics.len();
        let mut flags = known.into_iter();
        diagnostics.retain(|_| !flags.next().unwrap_or(false));
        before - diagnostics.len()
    }
}

/// One file's view of a baseline, used as a run's filter so that recorded
/// findings are neither fixed nor reported.
#[derive(Debug)]
pub struct FileBaseline<'a> {
    baseline: &'a Baseline,
    key: String,
    /// Findings removed by the latest call: the one whose result is kept.
    removed: AtomicUsize,
}

impl<'a> FileBaseline<'a> {
    /// `key` names the file as the baseline does (see [`path_key`]).
    pub fn new(baseline: &'a Baseline, key: String) -> Self {
        FileBaseline {
            baseline,
            key,
            removed: AtomicUsize::new(0),
        }
    }

    /// Drop from `diagnostics` the findings of `doc` that the baseline
    /// records, as [`Baseline::remove_known`] does, and keep the count for
    /// [`FileBaseline::removed`]. Occurrences are counted in the order given,
    /// so `diagnostics` should be in position order, as when it was written.
    pub fn apply(&self, doc: &Document, diagnostics: &mut Vec<Diagnostic>) {
        let removed = self
            .baseline
            .remove_known(&self.key, &doc.text, diagnostics);
        self.removed.store(removed, Ordering::Relaxed);
    }

    /// How many findings the last [`FileBaseline::apply`] removed.
    pub fn removed(&self) -> usize {
        self.removed.load(Ordering::Relaxed)
    }

    /// What the last [`FileBaseline::apply`] did with this file's entries.
    pub fn counts(&self) -> BaselineCounts {
        let hidden = self.removed();
        BaselineCounts {
            hidden,
            stale: self.baseline.len_for(&self.key).saturating_sub(hidden),
        }
    }
}

/// What a baseline did for one file, or a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BaselineCounts {
    /// Findings the baseline records, not reported.
    pub hidden: usize,
    /// Entries of the file that no finding matches any more: the finding was
    /// fixed, or its text changed. `--write-baseline` drops them.
    pub stale: usize,
}

impl std::ops::AddAssign for BaselineCounts {
    fn add_assign(&mut self, other: BaselineCounts) {
        self.hidden += other.hidden;
        self.stale += other.stale;
    }
}

/// Can this finding be recorded? Files that could not be read cannot.
pub fn recordable(diagnostic: &Diagnostic) -> bool {
    !diagnostic.rule.starts_with("io.")
}

/// How a baseline in `folder` names the file shown as `path`.
pub fn path_key(path: &str, folder: &Path) -> String {
    let relative = crate::paths::relative_to(Path::new(path), folder);
    relative.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn at(source: &str, word: &str, nth: usize) -> Diagnostic {
        let start = source.match_indices(word).nth(nth).unwrap().0;
        Diagnostic::new(
            "style.misspellings",
            Severity::Warning,
            start..start + word.len(),
            "m",
        )
    }

    #[test]
    fn identity_ignores_lines_above_and_counts_duplicates() {
        let old = "Intro.\nThe goverment said. The goverment said.\n";
        let new =
            "A new first line.\nIntro, longer now.\nThe goverment said. The goverment said.\n";
        let old_ids = identities(
            "a.md",
            old,
            &[at(old, "goverment", 0), at(old, "goverment", 1)],
        );
        let new_ids = identities(
            "a.md",
            new,
            &[at(new, "goverment", 0), at(new, "goverment", 1)],
        );
        assert_eq!(old_ids, new_ids);
        assert_eq!(old_ids[0].text, "goverment");
        assert_eq!(old_ids[0].before, "The");
        assert_eq!(old_ids[0].after, "said. The goverment");
        assert_ne!(old_ids[0].fingerprint(), old_ids[1].fingerprint());
    }

    #[test]
    fn changed_context_is_a_new_finding() {
        let old = "The goverment said.\n";
        let new = "Our goverment said.\n";
        let old_ids = identities("a.md", old, &[at(old, "goverment", 0)]);
        let new_ids = identities("a.md", new, &[at(new, "goverment", 0)]);
        assert_ne!(old_ids, new_ids);
    }

    #[test]
    fn the_file_round_trips_sorted() {
        let source = "The goverment said.\n";
        let mut ids = identities("b.md", source, &[at(source, "goverment", 0)]);
        ids.extend(identities("a.md", source, &[at(source, "goverment", 0)]));
        let baseline = Baseline::new(ids);
        let text = baseline.to_json();
        assert_eq!(Baseline::parse(&text).unwrap(), baseline);
        assert!(text.find("\"a.md\"").unwrap() < text.find("\"b.md\"").unwrap());
        assert!(Baseline::parse("{\"version\": 9, \"findings\": []}").is_err());
        assert!(Baseline::parse("[]").is_err());
    }

    #[test]
    fn fingerprints_are_fixed_values() {
        let identity = Identity {
            path: "a.md".into(),
            rule: "style.titles".into(),
            text: "Ambassador".into(),
            before: "the".into(),
            after: "said".into(),
            occurrence: 1,
        };
        // A changed value means every recorded fingerprint in users' CI changes.
        assert_eq!(identity.fingerprint(), identity.clone().fingerprint());
        assert_eq!(identity.fingerprint().len(), 16);
    }

    #[test]
    fn remove_known_keeps_new_findings() {
        let old = "The goverment said.\n";
        let baseline = Baseline::new(identities("a.md", old, &[at(old, "goverment", 0)]));
        let new = "The goverment said.\nA seperate goverment agreed.\n";
        let mut diagnostics = vec![at(new, "goverment", 0), at(new, "goverment", 1)];
        assert_eq!(baseline.remove_known("a.md", new, &mut diagnostics), 1);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].span.start,
            new.find("goverment agreed").unwrap()
        );
    }
}
