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
use std::hash::BuildHasher;

use super::settings::NameSettings;

/// Articles per year (`None`: undated) that write a name.
pub type NameYears = BTreeMap<Option<i32>, usize>;

/// The articles per year that write one name of the archive, without a
/// map while they fall in one year (most names are written once, and a map
/// each cost more than counting them).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum NameCount {
    /// Articles, all of one year.
    OneYear(Option<i32>, usize),
    /// Articles per year.
    Years(NameYears),
}

impl NameCount {
    fn years(&self) -> NameYears {
        match self {
            NameCount::OneYear(year, articles) => NameYears::from([(*year, *articles)]),
            NameCount::Years(years) => years.clone(),
        }
    }
}

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
    let mut key = String::with_capacity(name.len());
    transliteration_key_into(name, &mut key);
    key
}

/// [`transliteration_key`], written into `key` (emptied first): every name
/// of the archive is keyed once per run, in one pass and into one buffer
/// (five `replace` passes and a string per name cost most of clustering).
fn transliteration_key_into(name: &str, key: &mut String) {
    key.clear();
    if name.is_ascii() {
        ascii_key_into(strip_article(name).as_bytes(), key);
    } else {
        // Unicode lower-casing looks at the whole word (a final sigma).
        let lower = name.to_lowercase();
        key_into(strip_article(&lower).chars(), key);
    }
}

/// `name` without an `al-` or `el-` article, in either case.
fn strip_article(name: &str) -> &str {
    match name.get(..3) {
        Some(article)
            if article.eq_ignore_ascii_case("al-") || article.eq_ignore_ascii_case("el-") =>
        {
            &name[3..]
        }
        _ => name,
    }
}

/// Appends the key of lower-cased `chars`: kh, gh, dh and ph become k, g,
/// d and f and ae becomes ai (no two of these pairs can overlap, so one
/// pass from the left does what one pass per pair did), q, g, c and k
/// sound alike, y is i, hyphens and apostrophes go, and a sound repeated
/// is kept once.
fn key_into(chars: impl Iterator<Item = char>, key: &mut String) {
    let mut push = |c: char| {
        let sound = match c {
            'q' | 'g' | 'c' | 'k' => 'k',
            'y' => 'i',
            '-' | '\'' => return,
            other => other,
        };
        if !key.ends_with(sound) {
            key.push(sound);
        }
    };
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        let pair = match (c, chars.peek()) {
            ('k', Some('h')) => Some(&['k'][..]),
            ('g', Some('h')) => Some(&['g'][..]),
            ('d', Some('h')) => Some(&['d'][..]),
            ('p', Some('h')) => Some(&['f'][..]),
            ('a', Some('e')) => Some(&['a', 'i'][..]),
            _ => None,
        };
        match pair {
            Some(replacement) => {
                chars.next();
                replacement.iter().copied().for_each(&mut push);
            }
            None => push(c),
        }
    }
}

/// [`key_into`] for ASCII, a byte at a time.
fn ascii_key_into(name: &[u8], key: &mut String) {
    let mut last = None;
    let mut push = |byte: u8| {
        let sound = match byte {
            b'q' | b'g' | b'c' | b'k' => b'k',
            b'y' => b'i',
            b'-' | b'\'' => return,
            other => other,
        };
        if last != Some(sound) {
            key.push(char::from(sound));
            last = Some(sound);
        }
    };
    let mut at = 0;
    while let Some(&byte) = name.get(at) {
        let byte = byte.to_ascii_lowercase();
        let next = name.get(at + 1).map(u8::to_ascii_lowercase);
        at += match (byte, next) {
            (b'k' | b'g' | b'd', Some(b'h')) => {
                push(byte);
                2
            }
            (b'p', Some(b'h')) => {
                push(b'f');
                2
            }
            (b'a', Some(b'e')) => {
                push(b'a');
                push(b'i');
                2
            }
            _ => {
                push(byte);
                1
            }
        };
    }
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

/// One name of the archive: its language, its spelling and the articles
/// per year that write it.
pub(super) type ArchiveName<'a> = (&'a str, &'a str, &'a NameCount);

/// The clusters of an archive's names (in any order).
pub(super) fn clusters(names: &[ArchiveName<'_>], settings: &NameSettings) -> Vec<Cluster> {
    let mut clusters = Vec::new();
    let mut confirmed_names: Vec<&str> = Vec::new();
    for spellings in &settings.confirmed {
        let mut by_language: BTreeMap<&str, Vec<(String, NameYears)>> = BTreeMap::new();
        for &(language, name, years) in names {
            if spellings.iter().any(|spelling| spelling == name) {
                by_language
                    .entry(language)
                    .or_default()
                    .push((name.to_string(), years.years()));
            }
        }
        for (language, forms) in by_language {
            clusters.push(cluster(language, forms, true, settings));
        }
        confirmed_names.extend(spellings.iter().map(String::as_str));
    }
    if settings.discover {
        let discovered = blocks(names, &confirmed_names);
        for (language, _, block) in discovered {
            let forms = block
                .iter()
                .map(|&index| (names[index].1.to_string(), names[index].2.years()))
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

/// The names that share a language and a transliteration key, two or more
/// to a block and with a skeleton of three consonants or more, by language
/// and key, each block's names (indices into `names`) by name.
fn blocks<'a>(names: &[ArchiveName<'a>], confirmed: &[&str]) -> Vec<(&'a str, String, Vec<usize>)> {
    let confirmed: foldhash::HashSet<&str> = confirmed.iter().copied().collect();
    // Most names are spelled one way: group hashes of the keys first (no
    // string per name, no sorting of strings), and make the keys of the
    // few names whose hash another shares.
    let hasher = foldhash::fast::FixedState::with_seed(0x5eed);
    let mut key = String::new();
    let mut hashed: Vec<(u64, usize)> = names
        .iter()
        .enumerate()
        .filter(|(_, (_, name, _))| !confirmed.contains(name))
        .map(|(index, &(language, name, _))| {
            transliteration_key_into(name, &mut key);
            (hasher.hash_one((language, key.as_str())), index)
        })
        .collect();
    hashed.sort_unstable();
    let mut keyed: Vec<(&'a str, String, &'a str, usize)> = Vec::new();
    for same_hash in hashed.chunk_by(|a, b| a.0 == b.0) {
        if same_hash.len() < 2 {
            continue;
        }
        keyed.extend(same_hash.iter().map(|&(_, index)| {
            let (language, name, _) = names[index];
            (language, transliteration_key(name), name, index)
        }));
    }
    keyed.sort_unstable();
    let mut blocks = Vec::new();
    for block in keyed.chunk_by(|a, b| (a.0, &a.1) == (b.0, &b.1)) {
        // Names of one block share their skeleton; most blocks hold one.
        if block.len() < 2 || skeleton(block[0].2).chars().count() < 3 {
            continue;
        }
        let indices = block.iter().map(|entry| entry.3).collect();
        blocks.push((block[0].0, block[0].1.clone(), indices));
    }
    blocks
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

    /// The key as it was first written, one `replace` pass per pair.
    fn key_by_passes(name: &str) -> String {
        let lower = name.to_lowercase();
        let core = lower
            .strip_prefix("al-")
            .or_else(|| lower.strip_prefix("el-"))
            .unwrap_or(&lower);
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

    #[test]
    fn the_one_pass_key_is_the_key_of_one_pass_per_pair() {
        let mut names: Vec<String> = [
            "Gaddafi",
            "Khadafy",
            "Ghhaeae",
            "Al-Khaled",
            "EL-Phhkh",
            "al-",
            "Ae",
            "Phaedra",
            "Dhhh",
            "Kh",
            "O'Neill",
            "Σίσυφος",
            "ΟΔΥΣΣΕΑΣ",
            "İstanbul",
            "Ærø",
            "Saeed-Khan",
            "Bagh-dadh",
            "Zelenskyy",
            "",
            "a",
            "kkhhgghhddhhpphhaaee",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every string of up to four letters from the ones the pairs use.
        let letters = [
            'a', 'e', 'h', 'k', 'g', 'd', 'p', 'y', 'q', 'A', 'H', '-', '\'',
        ];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| letters.iter().map(move |l| format!("{w}{l}")))
                .collect();
            names.extend(longer.iter().map(|w| format!("Al-{w}")));
            names.extend(longer.iter().cloned());
            words = longer;
        }
        for name in &names {
            assert_eq!(transliteration_key(name), key_by_passes(name), "{name:?}");
        }
    }

    #[test]
    fn an_overwhelming_cluster_is_reported_and_a_close_one_suggested() {
        let years = |n: usize| NameCount::OneYear(Some(2011), n);
        let counts = [
            ("Gaddafi", years(40)),
            ("Kadhafi", years(1)),
            ("March", years(90)),
            ("Marche", years(2)),
            ("Qaddafi", years(2)),
            ("Zelensky", years(5)),
            ("Zelenskyy", years(4)),
        ];
        let names: Vec<ArchiveName> = counts.iter().map(|(n, y)| ("en", *n, y)).collect();
        let found = clusters(&names, &NameSettings::default());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].reported);
        assert_eq!(found[0].majority(), "Gaddafi");
        assert_eq!(found[0].forms.len(), 3);
        assert!(!found[1].reported);
    }
}
