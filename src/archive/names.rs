//! Name transliterations discovered in the archive: capitalised names whose
//! spellings differ only where transliterations of one sound differ
//! (Gaddafi, Qaddafi, Gadhafi, Kadhafi), grouped into clusters.
//!
//! Two spellings fall into one cluster when they agree once the letters
//! that transliterations of one sound differ in are made one
//! ([`transliteration_key`]: q, k, g and c; kh, gh, dh and ph; y and i;
//! doubled letters) and the name has at least three consonants. A cluster is reported when an editor confirmed it
//! or the evidence is overwhelming; otherwise it is a suggestion in the
//! report.

use std::collections::BTreeMap;

use super::settings::NameSettings;

/// Articles per year (`None`: undated) that write a name.
pub type NameYears = BTreeMap<Option<i32>, usize>;

/// One name spelled several ways.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// The articles' language.
    pub language: String,
    /// Each spelling with the articles per year that write it, the most
    /// common first.
    pub forms: Vec<(String, NameYears)>,
    /// An editor listed it in `[archive.names] confirmed`.
    pub confirmed: bool,
    /// Its minority spellings are reported as findings.
    pub reported: bool,
}

impl Cluster {
    /// Articles that write `form`.
    pub fn articles(&self, form: &str) -> usize {
        self.forms
            .iter()
            .find(|(name, _)| name == form)
            .map_or(0, |(_, years)| years.values().sum())
    }

    /// Articles that write any spelling (an article writing two counts twice).
    pub fn total(&self) -> usize {
        self.forms
            .iter()
            .map(|(_, years)| years.values().sum::<usize>())
            .sum()
    }

    /// The main spelling.
    pub fn majority(&self) -> &str {
        self.forms.first().map_or("", |(name, _)| name.as_str())
    }
}

/// The consonant skeleton of a name, as transliterations of it share.
pub fn skeleton(name: &str) -> String {
    let lower = name.to_lowercase();
    let core = lower
        .strip_prefix("al-")
        .or_else(|| lower.strip_prefix("el-"))
        .unwrap_or(&lower);
    let folded: String = core.chars().map(fold_diacritic).collect();
    let digraphs = folded
        .replace("kh", "k")
        .replace("gh", "k")
        .replace("dh", "d")
        .replace("ph", "f")
        .replace("th", "t");
    let mut skeleton = String::new();
    for c in digraphs.chars() {
        let sound = match c {
            'q' | 'g' | 'c' | 'k' => 'k',
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' | '-' | '\'' => continue,
            other => other,
        };
        if !skeleton.ends_with(sound) {
            skeleton.push(sound);
        }
    }
    skeleton
}

/// A stricter key than [`skeleton`]: the vowels stay (only y becomes i,
/// ae becomes ai, doubled letters are one), so that "March" and "Marche"
/// differ while "Zelensky" and "Zelenskiy", or "Gaddafi" and "Kadhafi",
/// do not.
pub fn transliteration_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let core = lower
        .strip_prefix("al-")
        .or_else(|| lower.strip_prefix("el-"))
        .unwrap_or(&lower);
    // Accents stay: "París" in a Spanish quotation is not a spelling of
    // "Paris".
    let replaced = core
        .replace("kh", "k")
        .replace("gh", "g")
        .replace("dh", "d")
        .replace("ph", "f")
        .replace("ae", "ai");
    let mut key = String::new();
    for c in replaced.chars() {
        let sound = match c {
            'q' | 'g' | 'c' | 'k' => 'k',
            'y' => 'i',
            '-' | '\'' => continue,
            other => other,
        };
        if !key.ends_with(sound) {
            key.push(sound);
        }
    }
    key
}

fn fold_diacritic(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

/// The clusters of an archive's names: `names` maps (language, name) to the
/// articles per year that write it.
pub fn clusters(
    names: &BTreeMap<(String, String), NameYears>,
    settings: &NameSettings,
) -> Vec<Cluster> {
    let mut clusters = Vec::new();
    let mut confirmed_names: Vec<&str> = Vec::new();
    for spellings in &settings.confirmed {
        let mut by_language: BTreeMap<&str, Vec<(String, NameYears)>> = BTreeMap::new();
        for ((language, name), years) in names {
            if spellings.contains(name) {
                by_language
                    .entry(language)
                    .or_default()
                    .push((name.clone(), years.clone()));
            }
        }
        for (language, forms) in by_language {
            clusters.push(cluster(language, forms, true, settings));
        }
        confirmed_names.extend(spellings.iter().map(String::as_str));
    }
    if settings.discover {
        // Borrowed until a block proves to hold two spellings: most names
        // have one.
        let mut blocks: BTreeMap<(&str, String), Vec<(&String, &NameYears)>> = BTreeMap::new();
        for ((language, name), years) in names {
            if !confirmed_names.contains(&name.as_str()) {
                let key = (language.as_str(), transliteration_key(name));
                blocks.entry(key).or_default().push((name, years));
            }
        }
        for ((language, _), forms) in blocks {
            // Names of one block share their skeleton.
            if forms.len() < 2 || skeleton(forms[0].0).chars().count() < 3 {
                continue;
            }
            let forms = forms
                .into_iter()
                .map(|(n, y)| (n.clone(), y.clone()))
                .collect();
            clusters.push(cluster(language, forms, false, settings));
        }
    }
    clusters.retain(|cluster| cluster.forms.len() >= 2);
    clusters.sort_by(|a, b| {
        (b.reported, b.total(), &a.forms[0].0).cmp(&(a.reported, a.total(), &b.forms[0].0))
    });
    clusters
}

fn cluster(
    language: &str,
    mut forms: Vec<(String, NameYears)>,
    confirmed: bool,
    settings: &NameSettings,
) -> Cluster {
    let count = |years: &NameYears| years.values().sum::<usize>();
    forms.sort_by(|a, b| count(&b.1).cmp(&count(&a.1)).then(a.0.cmp(&b.0)));
    let total: usize = forms.iter().map(|f| count(&f.1)).sum();
    let main = forms.first().map_or(0, |f| count(&f.1));
    let share = main as f64 / total.max(1) as f64;
    let reported = forms.len() >= 2
        && if confirmed {
            share >= settings.confirmed_majority
        } else {
            main >= settings.min_articles && share >= settings.majority
        };
    Cluster {
        language: language.to_string(),
        forms,
        confirmed,
        reported,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_skeleton() {
        for name in ["Gaddafi", "Qaddafi", "Gadhafi", "Kadhafi", "Khadafy"] {
            assert_eq!(skeleton(name), "kdf", "{name}");
        }
        assert_eq!(skeleton("Zelenskyy"), skeleton("Zelensky"));
        assert_eq!(skeleton("Zelenskiy"), skeleton("Zelensky"));
        assert_eq!(skeleton("al-Qaida"), skeleton("Qaeda"));
        assert_ne!(skeleton("Stephens"), skeleton("Stevens"));
        let key = transliteration_key;
        assert_eq!(key("Gaddafi"), key("Kadhafi"));
        assert_eq!(key("Qaddafi"), key("Gadhafi"));
        assert_eq!(key("Zelenskiy"), key("Zelenskyy"));
        assert_ne!(key("March"), key("Marche"));
        assert_ne!(key("Emmanuel"), key("Manuel"));
    }

    #[test]
    fn an_overwhelming_cluster_is_reported_and_a_close_one_suggested() {
        let years = |n: usize| NameYears::from([(Some(2011), n)]);
        let en = |name: &str| ("en".to_string(), name.to_string());
        let names = BTreeMap::from([
            (en("Gaddafi"), years(40)),
            (en("Qaddafi"), years(2)),
            (en("Kadhafi"), years(1)),
            (en("Zelensky"), years(5)),
            (en("Zelenskyy"), years(4)),
            (en("March"), years(90)),
            (en("Marche"), years(2)),
        ]);
        let found = clusters(&names, &NameSettings::default());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].reported);
        assert_eq!(found[0].majority(), "Gaddafi");
        assert_eq!(found[0].forms.len(), 3);
        assert!(!found[1].reported);
    }
}
