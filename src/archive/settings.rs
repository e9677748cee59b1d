//! The `[archive]` table of `copydesk.toml`: thresholds, scopes and periods
//! of the archive rules, with defaults that stay quiet on an archive that
//! mixes publications.

use serde::{Deserialize, Serialize};

/// How the archive rules judge an archive.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ArchiveSettings {
    /// Run the archive rules at all.
    pub enabled: bool,
    /// How articles are split in time: `year` compares each year's articles
    /// (adjacent years that agree are joined into one period), `all` compares
    /// the whole archive at once.
    pub period: Period,
    /// `archive.variant`: names and terms written several ways.
    pub variant: Scope,
    /// `archive.style`: quotation marks, dates and numbers.
    pub style: Scope,
    /// Name transliterations discovered in the archive.
    pub names: NameSettings,
}

/// Where and how strictly one archive rule compares articles.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Scope {
    /// Which articles are compared with each other: `archive` (all of them),
    /// `folder` (the article's folder), `source` (the front matter's
    /// `source`, else the folder) or `field:NAME` (a front-matter field).
    pub group_by: String,
    /// A group and period needs this many articles with evidence before any
    /// of them is reported.
    pub min_articles: usize,
    /// The majority form's share of those articles, from 0 to 1, needed
    /// before the others are reported.
    pub majority: f64,
}

/// Name transliterations: clusters of spellings of one name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameSettings {
    /// Look for clusters at all.
    pub discover: bool,
    /// Spellings an editor confirmed as one name; their minority forms are
    /// reported whenever one form has the majority.
    pub confirmed: Vec<Vec<String>>,
    /// A discovered (unconfirmed) cluster is reported only when its main
    /// spelling is in this many articles ...
    pub min_articles: usize,
    /// ... and this share of the cluster's articles.
    pub majority: f64,
    /// A confirmed cluster's main spelling needs this share to be reported.
    pub confirmed_majority: f64,
}

/// How articles are split in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// Calendar years, adjacent years that agree joined.
    Year,
    /// The whole archive as one period.
    All,
}

impl Default for ArchiveSettings {
    fn default() -> Self {
        ArchiveSettings {
            enabled: true,
            period: Period::Year,
            variant: Scope {
                group_by: "archive".into(),
                min_articles: 10,
                majority: 0.9,
            },
            style: Scope {
                group_by: "folder".into(),
                min_articles: 20,
                majority: 0.9,
            },
            names: NameSettings::default(),
        }
    }
}

impl Default for NameSettings {
    fn default() -> Self {
        NameSettings {
            discover: true,
            confirmed: Vec::new(),
            min_articles: 20,
            majority: 0.9,
            confirmed_majority: 0.6,
        }
    }
}

/// `[archive]` as written: a scope table changes only the keys it names.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSettings {
    enabled: Option<bool>,
    period: Option<Period>,
    #[serde(default)]
    variant: RawScope,
    #[serde(default)]
    style: RawScope,
    names: Option<NameSettings>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawScope {
    group_by: Option<String>,
    min_articles: Option<usize>,
    majority: Option<f64>,
}

impl RawScope {
    fn apply(self, scope: &mut Scope) {
        if let Some(group_by) = self.group_by {
            scope.group_by = group_by;
        }
        scope.min_articles = self.min_articles.unwrap_or(scope.min_articles);
        scope.majority = self.majority.unwrap_or(scope.majority);
    }
}

impl ArchiveSettings {
    /// The `[archive]` table of a configuration file's text, or the
    /// defaults when there is none. A table that cannot be read is an error
    /// with TOML's own message.
    pub fn from_config_text(text: &str) -> Result<ArchiveSettings, String> {
        #[derive(Deserialize)]
        struct Outer {
            archive: Option<toml::Value>,
        }
        let outer: Outer = toml::from_str(text).map_err(|error| error.to_string())?;
        let Some(table) = outer.archive else {
            return Ok(ArchiveSettings::default());
        };
        let raw: RawSettings = table
            .try_into()
            .map_err(|error: toml::de::Error| format!("[archive]: {}", error.message()))?;
        let mut settings = ArchiveSettings::default();
        settings.enabled = raw.enabled.unwrap_or(settings.enabled);
        settings.period = raw.period.unwrap_or(settings.period);
        settings.names = raw.names.unwrap_or_default();
        raw.variant.apply(&mut settings.variant);
        raw.style.apply(&mut settings.style);
        for (name, scope) in [("variant", &settings.variant), ("style", &settings.style)] {
            if !matches!(scope.group_by.as_str(), "archive" | "folder" | "source")
                && !scope.group_by.starts_with("field:")
            {
                return Err(format!(
                    "[archive.{name}] group-by: `{}` is none of archive, folder, source, field:NAME",
                    scope.group_by
                ));
            }
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_overrides_only_what_it_names() {
        let text = "[archive.style]\ngroup-by = \"source\"\n";
        let settings = ArchiveSettings::from_config_text(text).unwrap();
        assert_eq!(settings.style.group_by, "source");
        assert_eq!(settings.style.min_articles, 20);
        assert_eq!(settings.variant, ArchiveSettings::default().variant);
    }

    #[test]
    fn unknown_keys_and_scopes_are_errors() {
        assert!(ArchiveSettings::from_config_text("[archive]\nperiod = \"month\"\n").is_err());
        assert!(ArchiveSettings::from_config_text("[archive]\nmajorty = 1\n").is_err());
        let bad_scope = "[archive.variant]\ngroup-by = \"desk\"\n";
        assert!(ArchiveSettings::from_config_text(bad_scope).is_err());
    }
}
