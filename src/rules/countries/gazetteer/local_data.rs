//! The data behind the tables of `local`: the shape of
//! `rules/countries-languages.toml`, and the inflection rules that turn a
//! name into the forms copy writes.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `rules/countries-languages.toml`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguages {
    #[serde(default)]
    pub(super) language: BTreeMap<String, LanguageRules>,
    #[serde(default)]
    pub(super) name: Vec<RawLocalName>,
    #[serde(default)]
    pub(super) demonym: Vec<RawDemonym>,
    #[serde(default)]
    pub(super) city: Vec<RawLocalCity>,
    #[serde(default)]
    pub(super) former: Vec<RawLocalFormer>,
    #[serde(default)]
    pub(super) variant: Vec<RawLocalVariant>,
}

/// One language's inflection rules and words.
#[derive(Deserialize, Default, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub(super) struct LanguageRules {
    #[serde(default)]
    pub(super) list_words: Vec<String>,
    #[serde(default)]
    pub(super) historical_cues: Vec<String>,
    #[serde(default)]
    pub(super) elision: Vec<String>,
    #[serde(default)]
    pub(super) not_names: Vec<String>,
    #[serde(default)]
    declension: Vec<Ending>,
    /// Only a name's last word declines (the German genitive).
    #[serde(default)]
    last_word_only: bool,
    #[serde(default)]
    head_nouns: HeadNouns,
    #[serde(default)]
    adjective: Vec<Ending>,
}

#[derive(Deserialize, Default, Clone, Debug)]
#[serde(deny_unknown_fields)]
struct HeadNouns {
    #[serde(default)]
    words: Vec<String>,
}

/// The forms a word ending in `ending` takes, one per case slot.
#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
struct Ending {
    ending: String,
    forms: Vec<String>,
    /// For an empty ending: the letters the word must end in.
    #[serde(default)]
    after: Option<String>,
    /// Endings that keep the word out of this rule.
    #[serde(default)]
    unless: Vec<String>,
}

impl Ending {
    fn applies(&self, word: &str) -> bool {
        word.ends_with(self.ending.as_str())
            && word.len() > self.ending.len()
            && !self.unless.iter().any(|u| word.ends_with(u.as_str()))
            && self.after.as_ref().is_none_or(|letters| {
                word.chars()
                    .next_back()
                    .is_some_and(|c| letters.contains(c))
            })
    }

    fn forms_of(&self, word: &str) -> Vec<String> {
        let stem = &word[..word.len() - self.ending.len()];
        self.forms.iter().map(|f| format!("{stem}{f}")).collect()
    }
}

fn best<'e>(endings: &'e [Ending], word: &str) -> Option<&'e Ending> {
    endings
        .iter()
        .filter(|e| e.applies(word))
        .max_by_key(|e| e.ending.len())
}

impl LanguageRules {
    /// The forms of a name by case slot, slot 0 being the name itself. After
    /// a head noun ("Республика Корея") only that noun declines; otherwise
    /// every word that a rule covers does (the last part of a hyphenated
    /// word), and German declines only the last word.
    pub(super) fn decline(&self, name: &str) -> Vec<String> {
        if self.declension.is_empty() {
            return vec![name.to_string()];
        }
        let words: Vec<&str> = name.split(' ').collect();
        let slots = self
            .declension
            .iter()
            .map(|e| e.forms.len())
            .max()
            .unwrap_or(1);
        let last_only = self.last_word_only;
        let head = self.head_nouns.words.iter().any(|w| w == words[0]);
        let mut out = Vec::with_capacity(slots);
        for slot in 0..slots {
            let declined: Vec<String> = words
                .iter()
                .enumerate()
                .map(|(i, word)| {
                    let declines = match (head, last_only) {
                        // "Republik Korea": the genitive leaves it as it is.
                        (true, true) => false,
                        (true, false) => i == 0,
                        (false, true) => i + 1 == words.len(),
                        (false, false) => true,
                    };
                    if !declines {
                        return word.to_string();
                    }
                    let (prefix, last) = match word.rfind('-') {
                        Some(at) => word.split_at(at + 1),
                        None => ("", *word),
                    };
                    match best(&self.declension, last) {
                        Some(rule) => {
                            let forms = rule.forms_of(last);
                            let form = forms.get(slot).or(forms.first());
                            format!("{prefix}{}", form.map_or(last, String::as_str))
                        }
                        None => word.to_string(),
                    }
                })
                .collect();
            out.push(declined.join(" "));
        }
        out
    }

    /// A demonym's forms (gender, number, case), or the word alone.
    pub(super) fn adjective_forms(&self, word: &str) -> Vec<String> {
        match best(&self.adjective, word) {
            Some(rule) => rule.forms_of(word),
            None => vec![word.to_string()],
        }
    }

    #[cfg(test)]
    pub(super) fn elided(&self, name: &str) -> Vec<String> {
        self.elision.iter().map(|e| format!("{e}{name}")).collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocalName {
    pub(super) lang: String,
    pub(super) country: String,
    #[serde(default)]
    pub(super) names: Vec<String>,
    #[serde(default)]
    pub(super) official: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDemonym {
    pub(super) country: String,
    #[serde(default)]
    pub(super) fr: Vec<String>,
    #[serde(default)]
    pub(super) de: Vec<String>,
    #[serde(default)]
    pub(super) es: Vec<String>,
    #[serde(default)]
    pub(super) ru: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocalCity {
    pub(super) lang: String,
    pub(super) country: String,
    pub(super) names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocalFormer {
    pub(super) lang: String,
    pub(super) name: String,
    pub(super) country: String,
    pub(super) current: String,
    pub(super) since: String,
    #[serde(default)]
    pub(super) city: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocalVariant {
    pub(super) lang: String,
    pub(super) id: String,
    pub(super) names: Vec<String>,
}
