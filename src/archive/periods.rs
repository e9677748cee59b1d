//! Counting forms per year and deciding, period by period, which form is
//! the archive's and which articles stray from it.
//!
//! Years are compared one by one, and adjacent years whose most common form
//! is the same are joined into one period: a change of house style (Kiev to
//! Kyiv in 2019) makes two periods that each agree with themselves, not one
//! inconsistent one. Undated articles form a period of their own.

use std::collections::BTreeMap;

use super::settings::{Period, Scope};

/// Articles per year (`None`: undated) per form.
pub type YearCounts = BTreeMap<Option<i32>, BTreeMap<String, usize>>;

/// A period's first and last year (`None`: undated) and its forms' articles.
type Span = (Option<(i32, i32)>, BTreeMap<String, usize>);

/// What one period's articles write.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The first and last year of the period (`None`: the undated articles).
    pub years: Option<(i32, i32)>,
    /// The most common form.
    pub majority: String,
    /// How many articles of the period write it.
    pub majority_articles: usize,
    /// How many articles of the period write any form.
    pub articles: usize,
    /// Whether its minority forms are reported (enough articles, a large
    /// enough majority).
    pub reported: bool,
    /// How the period reads in a message: "since 2019", "in 2004".
    pub phrase: String,
}

impl Verdict {
    /// The majority's share, in whole per cent, rounded down so that 99.6%
    /// never reads as 100%.
    pub fn percent(&self) -> usize {
        (self.majority_articles * 100)
            .checked_div(self.articles)
            .unwrap_or(0)
    }

    fn covers(&self, year: Option<i32>) -> bool {
        match (self.years, year) {
            (None, None) => true,
            (Some((first, last)), Some(year)) => (first..=last).contains(&year),
            _ => false,
        }
    }
}

/// The verdicts of one set (or style dimension) in one group.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verdicts(Vec<Verdict>);

impl Verdicts {
    /// Judge `counts` by `scope`'s thresholds, split in time by `period`.
    pub fn judge(counts: &YearCounts, scope: &Scope, period: Period) -> Verdicts {
        let dated: Vec<i32> = counts.keys().flatten().copied().collect();
        let (Some(&earliest), Some(&latest)) = (dated.first(), dated.last()) else {
            return Verdicts(
                counts
                    .get(&None)
                    .map(|forms| verdict(None, forms, scope, String::new()))
                    .into_iter()
                    .collect(),
            );
        };
        let mut spans: Vec<Span> = Vec::new();
        match period {
            Period::All => {
                let mut all = BTreeMap::new();
                for forms in counts.values() {
                    add_into(&mut all, forms);
                }
                spans.push((Some((earliest, latest)), all));
            }
            Period::Year => {
                for (&year, forms) in counts {
                    let Some(year) = year else { continue };
                    let joins = spans.last().is_some_and(|(_, so_far)| {
                        majority_of(so_far).map(|m| m.0) == majority_of(forms).map(|m| m.0)
                    });
                    match spans.last_mut() {
                        Some((Some((_, last)), so_far)) if joins => {
                            *last = year;
                            add_into(so_far, forms);
                        }
                        _ => spans.push((Some((year, year)), forms.clone())),
                    }
                }
                if let Some(undated) = counts.get(&None) {
                    spans.push((None, undated.clone()));
                }
            }
        }
        Verdicts(
            spans
                .into_iter()
                .map(|(years, forms)| {
                    let phrase = phrase(years, earliest, latest, period);
                    verdict(years, &forms, scope, phrase)
                })
                .collect(),
        )
    }

    /// The verdict of the period `year` falls in.
    pub fn for_year(&self, year: Option<i32>) -> Option<&Verdict> {
        self.0.iter().find(|verdict| verdict.covers(year))
    }

    /// Every period's verdict, oldest first, the undated last.
    pub fn all(&self) -> &[Verdict] {
        &self.0
    }
}

fn add_into(total: &mut BTreeMap<String, usize>, forms: &BTreeMap<String, usize>) {
    for (form, count) in forms {
        *total.entry(form.clone()).or_default() += count;
    }
}

/// The most common form and its count; a tie goes to the form that sorts
/// first, so that every run (and every merge of shards) agrees.
fn majority_of(forms: &BTreeMap<String, usize>) -> Option<(&String, usize)> {
    forms.iter().fold(
        None,
        |best: Option<(&String, usize)>, (form, &count)| match best {
            Some((_, most)) if most >= count => best,
            _ => Some((form, count)),
        },
    )
}

fn verdict(
    years: Option<(i32, i32)>,
    forms: &BTreeMap<String, usize>,
    scope: &Scope,
    phrase: String,
) -> Verdict {
    let articles: usize = forms.values().sum();
    let (majority, majority_articles) = majority_of(forms)
        .map(|(form, count)| (form.clone(), count))
        .unwrap_or_default();
    let share = majority_articles as f64 / articles.max(1) as f64;
    Verdict {
        years,
        reported: articles >= scope.min_articles
            && share >= scope.majority
            && majority_articles < articles,
        majority,
        majority_articles,
        articles,
        phrase,
    }
}

fn phrase(years: Option<(i32, i32)>, earliest: i32, latest: i32, period: Period) -> String {
    match years {
        None => " among undated articles".to_string(),
        Some(_) if period == Period::All => String::new(),
        Some((first, last)) if first == earliest && last == latest => String::new(),
        Some((first, last)) if last == latest && first != last => format!(" since {first}"),
        Some((first, last)) if first == last => format!(" in {first}"),
        Some((first, last)) => format!(" in {first}\u{2013}{last}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::settings::ArchiveSettings;

    fn counts(rows: &[(Option<i32>, &str, usize)]) -> YearCounts {
        let mut counts = YearCounts::new();
        for &(year, form, n) in rows {
            counts.entry(year).or_default().insert(form.into(), n);
        }
        counts
    }

    #[test]
    fn a_change_of_style_makes_two_periods() {
        let scope = ArchiveSettings::default().variant;
        let counts = counts(&[
            (Some(2017), "Kiev", 40),
            (Some(2018), "Kiev", 40),
            (Some(2019), "Kyiv", 50),
            (Some(2020), "Kyiv", 60),
            (Some(2020), "Kiev", 3),
        ]);
        let verdicts = Verdicts::judge(&counts, &scope, Period::Year);
        let before = verdicts.for_year(Some(2018)).unwrap();
        assert_eq!((before.majority.as_str(), before.reported), ("Kiev", false));
        let after = verdicts.for_year(Some(2020)).unwrap();
        assert_eq!(after.majority, "Kyiv");
        assert_eq!((after.majority_articles, after.articles), (110, 113));
        assert!(after.reported);
        assert_eq!(after.phrase, " since 2019");
        assert_eq!(after.percent(), 97);
    }

    #[test]
    fn a_split_archive_is_not_reported() {
        let scope = ArchiveSettings::default().variant;
        let counts = counts(&[(Some(2019), "percent", 30), (Some(2019), "per cent", 25)]);
        let verdicts = Verdicts::judge(&counts, &scope, Period::Year);
        assert!(!verdicts.for_year(Some(2019)).unwrap().reported);
        assert!(verdicts.for_year(None).is_none());
    }
}
