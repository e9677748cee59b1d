//! The variant sets `archive.variant` counts: the house style's consistency
//! groups and substitutions, the gazetteer's variant names and former names
//! of countries and cities, and the common spelling pairs of
//! `rules/spelling-variants.toml`.

use serde::Deserialize;

use crate::engine::Linter;
use crate::rules::countries::gazetteer::gazetteer;

const SPELLING_VARIANTS: &str = include_str!("../../rules/spelling-variants.toml");

/// One name or term and the forms it is written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantSet {
    /// How findings and the report name the set.
    pub id: String,
    /// Only articles in this language are counted; `None`: every language.
    pub language: Option<String>,
    /// The forms; the first is the set's usual spelling.
    pub forms: Vec<String>,
    /// What is matched, and which form it is: a form with a curly
    /// apostrophe is the same form with a straight one (that is a matter of
    /// quotation marks, not of spelling).
    pub spellings: Vec<(String, usize)>,
    /// Names match exactly; common words ignore case.
    pub case_sensitive: bool,
    /// Forms the house style settles itself (its preferred form, or every
    /// form when a rule already reports the others in each article): they
    /// are counted, and never reported by `archive.variant`.
    pub settled: Settled,
}

/// Which forms of a set the house style settles: see [`VariantSet::settled`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Settled {
    /// None: the archive's majority decides (the built-in sets).
    #[default]
    Nothing,
    /// The form of this index is the house's; the others are judged.
    Form(usize),
    /// A rule reports the other forms in every article.
    Every,
}

impl VariantSet {
    /// Whether the form of index `form` is never reported.
    pub fn is_settled(&self, form: usize) -> bool {
        match self.settled {
            Settled::Nothing => false,
            Settled::Form(preferred) => preferred == form,
            Settled::Every => true,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpellingFile {
    set: Vec<SpellingSet>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpellingSet {
    language: String,
    forms: Vec<String>,
}

/// Every built-in set: place names first, then spellings.
pub fn variant_sets() -> Vec<VariantSet> {
    let mut sets = place_sets();
    sets.extend(spelling_sets(SPELLING_VARIANTS));
    sets
}

/// The sets of a configuration: its house style's consistency groups (the
/// forms one article must not mix) first, then each built-in set that
/// shares no form with them.
pub fn sets_for(linter: &Linter) -> Vec<VariantSet> {
    let mut sets: Vec<VariantSet> = Vec::new();
    for active in linter.active_rules() {
        let languages = &active.rule.meta.languages;
        let language = (languages.len() == 1).then(|| languages[0].clone());
        for group in active.rule.check.variant_groups() {
            let Some(id) = group.forms.first().cloned() else {
                continue;
            };
            let settled = match (group.reported_in_each_article, group.preferred) {
                (true, _) => Settled::Every,
                (false, Some(form)) => Settled::Form(form),
                (false, None) => Settled::Nothing,
            };
            sets.push(VariantSet {
                id,
                language: language.clone(),
                spellings: group.forms.iter().cloned().zip(0..).collect(),
                forms: group.forms,
                case_sensitive: group.case_sensitive,
                settled,
            });
        }
    }
    for set in variant_sets() {
        // Only a set counted in the same language takes a form away.
        let same_language = |kept: &VariantSet| match (&kept.language, &set.language) {
            (Some(kept), Some(language)) => kept == language,
            _ => true,
        };
        // A house set that keeps case takes only the spellings it matches:
        // "e-mail" leaves "E-Mail" to the German set.
        let takes = |kept: &VariantSet, spelling: &str| {
            kept.spellings.iter().any(|(s, _)| {
                if kept.case_sensitive {
                    s == spelling
                } else {
                    s.to_lowercase() == spelling.to_lowercase()
                }
            })
        };
        let taken = set.spellings.iter().any(|(spelling, _)| {
            sets.iter()
                .filter(|kept| same_language(kept))
                .any(|kept| takes(kept, spelling))
        });
        if !taken {
            sets.push(set);
        }
    }
    sets
}

/// The gazetteer's variant sets, and a set for each former name not in one.
/// They are English spellings: "Kiev" is right in French.
fn place_sets() -> Vec<VariantSet> {
    let gazetteer = gazetteer();
    let mut sets: Vec<VariantSet> = gazetteer
        .variants
        .iter()
        .map(|variant| VariantSet {
            id: variant.id.clone(),
            language: Some("en".into()),
            forms: variant.names.clone(),
            spellings: Vec::new(),
            case_sensitive: true,
            settled: Settled::Nothing,
        })
        .collect();
    for former in &gazetteer.former_names {
        let known = sets
            .iter()
            .any(|set| set.forms.contains(&former.name) && set.forms.contains(&former.current));
        if !known {
            sets.push(VariantSet {
                id: former.current.clone(),
                language: Some("en".into()),
                forms: vec![former.current.clone(), former.name.clone()],
                spellings: Vec::new(),
                case_sensitive: true,
                settled: Settled::Nothing,
            });
        }
    }
    // A set whose id is a country code reads better under its first name.
    for set in &mut sets {
        merge_apostrophes(set);
        if set.id.len() == 2 && set.id.chars().all(|c| c.is_ascii_uppercase()) {
            if let Some(first) = set.forms.first() {
                set.id = first.clone();
            }
        }
    }
    sets
}

/// The spelling pairs of a data file; an unreadable file gives none (the
/// built-in one is checked by the unit tests).
fn spelling_sets(text: &str) -> Vec<VariantSet> {
    let Ok(file) = toml::from_str::<SpellingFile>(text) else {
        return Vec::new();
    };
    file.set
        .into_iter()
        .filter(|set| set.forms.len() >= 2)
        .map(|set| VariantSet {
            id: set.forms[0].clone(),
            language: Some(set.language),
            spellings: set.forms.iter().cloned().zip(0..).collect(),
            forms: set.forms,
            case_sensitive: false,
            settled: Settled::Nothing,
        })
        .collect()
}

/// Fill `spellings`, folding forms that differ only in their apostrophe.
fn merge_apostrophes(set: &mut VariantSet) {
    let straight = |form: &str| form.replace('\u{2019}', "'");
    let mut forms: Vec<String> = Vec::new();
    for form in &set.forms {
        let index = match forms
            .iter()
            .position(|kept| straight(kept) == straight(form))
        {
            Some(index) => index,
            None => {
                forms.push(form.clone());
                forms.len() - 1
            }
        };
        set.spellings.push((form.clone(), index));
    }
    set.forms = forms;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spelling_file_reads_and_kyiv_is_a_place_set() {
        let file: SpellingFile = toml::from_str(SPELLING_VARIANTS).unwrap();
        assert_eq!(spelling_sets(SPELLING_VARIANTS).len(), file.set.len());
        let sets = variant_sets();
        let kyiv = sets.iter().find(|s| s.id == "Kyiv").unwrap();
        assert_eq!(kyiv.forms, ["Kyiv", "Kiev"]);
        assert!(sets
            .iter()
            .any(|s| s.forms.contains(&"Swaziland".to_string())));
    }

    #[test]
    fn forms_are_distinct_ignoring_case_within_a_set() {
        for set in variant_sets() {
            let mut lower: Vec<String> = set.forms.iter().map(|f| f.to_lowercase()).collect();
            lower.sort();
            lower.dedup();
            assert_eq!(lower.len(), set.forms.len(), "{set:?}");
        }
    }
}
