//! The parts of a `.vale.ini` that decide which rules run and how loud:
//! `MinAlertLevel`, `BasedOnStyles` and per-rule entries (`Style.Rule =
//! YES`, `NO`, or a level). Every section counts, whatever files its glob
//! names: a copydesk rule set applies to the files its configuration lints.

/// What a `.vale.ini` says about rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValeIni {
    /// `suggestion`, `warning` or `error`: rules below it are off.
    pub min_alert_level: Option<String>,
    /// Styles whose every rule is on.
    pub based_on_styles: Vec<String>,
    /// `Style.Rule` and what it is set to (`YES`, `NO`, or a level).
    pub rules: Vec<(String, String)>,
}

impl ValeIni {
    /// Reads the text of a `.vale.ini`. Lines it does not know are passed over.
    pub fn parse(text: &str) -> ValeIni {
        let mut ini = ValeIni::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with(['#', ';', '[']) {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let (key, value) = (key.trim(), value.trim());
            match key {
                "MinAlertLevel" => ini.min_alert_level = Some(value.to_lowercase()),
                "BasedOnStyles" => ini.based_on_styles.extend(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                ),
                _ if key.contains('.') => ini.rules.push((key.to_string(), value.to_string())),
                _ => {}
            }
        }
        ini
    }

    /// The level rule `name` of `style` runs at under this file, given its
    /// own level; `None` when it is off.
    pub fn level_of(&self, style: &str, name: &str, own: &str) -> Option<String> {
        let full = format!("{style}.{name}");
        let setting = self.rules.iter().rev().find(|(rule, _)| *rule == full);
        let level = match setting.map(|(_, value)| value.to_ascii_lowercase()) {
            Some(value) if value == "no" => return None,
            Some(value) if value == "yes" => own.to_string(),
            Some(value) if rank(&value).is_some() => value,
            _ if self.based_on_styles.iter().any(|s| s == style) => own.to_string(),
            _ => return None,
        };
        let minimum = self.min_alert_level.as_deref().and_then(rank).unwrap_or(0);
        (rank(&level).unwrap_or(0) >= minimum).then_some(level)
    }
}

/// Vale's levels in order.
fn rank(level: &str) -> Option<u8> {
    match level {
        "suggestion" => Some(0),
        "warning" => Some(1),
        "error" => Some(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_rules_and_the_minimum_level_decide() {
        let ini = ValeIni::parse(
            "StylesPath = ../../\nMinAlertLevel = warning\n\n[*.md]\nBasedOnStyles = Vale, Google\nGoogle.Will = NO\nMicrosoft.Acronyms = YES\nMicrosoft.Dashes = error\n",
        );
        assert_eq!(
            ini.level_of("Google", "Ellipses", "warning").as_deref(),
            Some("warning")
        );
        assert_eq!(ini.level_of("Google", "Ellipses", "suggestion"), None);
        assert_eq!(ini.level_of("Google", "Will", "warning"), None);
        assert_eq!(
            ini.level_of("Microsoft", "Acronyms", "error").as_deref(),
            Some("error")
        );
        assert_eq!(
            ini.level_of("Microsoft", "Dashes", "suggestion").as_deref(),
            Some("error")
        );
        assert_eq!(ini.level_of("Microsoft", "Avoid", "error"), None);
    }
}
