//! The US states, for datelines that name one ("AUSTIN, Texas"), and the
//! states where each dateline city's name has a US place: almost every famous
//! city has a small US namesake ("PARIS, Texas", "MOSCOW, Idaho"), so a state
//! is judged against the places that really are in it, never against the
//! city table alone.

use super::raw::RawUsStates;
use super::NameMap;

/// Index of a state in [`UsStates::states`].
pub type StateId = usize;

/// A US state (or the District of Columbia) and the ways a dateline writes it.
#[derive(Clone, Debug)]
pub struct UsState {
    /// The postal code ("TX").
    pub code: String,
    /// The name ("Texas").
    pub name: String,
    /// The form AP datelines write ("Calif.", "N.Y.", "Texas").
    pub dateline: String,
}

/// The states and, for each dateline city name a US place answers to, the
/// states that have such a place.
#[derive(Debug, Default)]
pub struct UsStates {
    /// Every state, indexed by [`StateId`].
    pub states: Vec<UsState>,
    /// Lower-cased name or dateline form → state.
    by_written: NameMap<String, StateId>,
    /// Postal code, as written (upper case only: "in", "me" and "or" are words).
    by_code: NameMap<String, StateId>,
    /// Lower-cased city name → the states with a place so called, the state
    /// of the largest place first.
    places: NameMap<String, Vec<StateId>>,
}

impl UsStates {
    /// The tables from the generated data; a place naming a state that is not
    /// in the list is a defect of the data.
    pub(super) fn build(raw: &RawUsStates<'_>) -> Result<UsStates, String> {
        let mut us = UsStates::default();
        for (id, (code, name, dateline)) in raw.states.iter().enumerate() {
            us.by_code.insert(code.clone(), id);
            us.by_written.insert(name.to_lowercase(), id);
            us.by_written.insert(dateline.to_lowercase(), id);
            us.states.push(UsState {
                code: code.clone(),
                name: name.clone(),
                dateline: dateline.clone(),
            });
        }
        us.places.reserve(raw.places.len());
        for (city, codes) in &raw.places {
            let states = codes
                .0
                .split_whitespace()
                .map(|code| {
                    us.by_code
                        .get(code)
                        .copied()
                        .ok_or_else(|| format!("{}: unknown state {code:?}", city.0))
                })
                .collect::<Result<Vec<_>, _>>()?;
            us.places.insert(city.0.to_lowercase(), states);
        }
        Ok(us)
    }

    /// The state a dateline's region names: its name or AP form in any letter
    /// case ("Texas", "CALIF."), or its postal code in capitals ("TX").
    pub fn named(&self, region: &str) -> Option<StateId> {
        let region = region.trim();
        self.by_code
            .get(region)
            .or_else(|| self.by_written.get(&region.to_lowercase()))
            .copied()
    }

    /// The states with a place called `city` (any letter case), largest
    /// first; `None` when the data has no US place of that name.
    pub fn places(&self, city: &str) -> Option<&[StateId]> {
        self.places.get(&city.to_lowercase()).map(Vec::as_slice)
    }

    /// The state with this id.
    pub fn state(&self, id: StateId) -> Option<&UsState> {
        self.states.get(id)
    }

    /// State `id` written the way `written` writes a state: a postal code for
    /// a postal code, the AP form for an AP form ("Calif." → "Texas", "N.Y."
    /// → "Mass."), else the name; in capitals when `written` is.
    pub fn written_like(&self, id: StateId, written: &str) -> Option<String> {
        let state = self.state(id)?;
        let written = written.trim();
        if self.by_code.contains_key(written) {
            return Some(state.code.clone());
        }
        let as_dateline = self
            .states
            .iter()
            .any(|s| s.dateline != s.name && s.dateline.eq_ignore_ascii_case(written));
        let form = if as_dateline {
            &state.dateline
        } else {
            &state.name
        };
        let letters = written.chars().filter(|c| c.is_alphabetic());
        let capitals = written.chars().filter(|c| c.is_alphabetic()).count() > 2
            && letters.clone().all(char::is_uppercase);
        Some(if capitals {
            form.to_uppercase()
        } else {
            form.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::gazetteer;

    fn code(id: Option<usize>) -> Option<&'static str> {
        id.and_then(|id| gazetteer().us.state(id))
            .map(|s| s.code.as_str())
    }

    #[test]
    fn a_region_names_a_state_by_name_ap_form_or_postal_code() {
        let us = &gazetteer().us;
        assert_eq!(code(us.named("Texas")), Some("TX"));
        assert_eq!(code(us.named("CALIF.")), Some("CA"));
        assert_eq!(code(us.named("N.Y.")), Some("NY"));
        assert_eq!(code(us.named("D.C.")), Some("DC"));
        assert_eq!(code(us.named("WA")), Some("WA"));
        assert_eq!(us.named("or"), None);
        assert_eq!(us.named("Slovenia"), None);
        assert_eq!(us.states.len(), 51);
    }

    #[test]
    fn famous_cities_have_their_small_namesakes() {
        let us = &gazetteer().us;
        let states = |city: &str| -> Vec<&str> {
            us.places(city)
                .unwrap_or_default()
                .iter()
                .filter_map(|&id| us.state(id).map(|s| s.code.as_str()))
                .collect()
        };
        assert!(states("Paris").contains(&"TX"));
        assert!(states("MOSCOW").contains(&"ID"));
        assert!(states("Athens").contains(&"GA"));
        assert!(states("Berlin").contains(&"NH"));
        assert_eq!(states("Austin").first(), Some(&"TX"));
        assert_eq!(us.places("Seoul"), None);
    }

    #[test]
    fn the_fix_writes_the_state_as_the_dateline_did() {
        let us = &gazetteer().us;
        let tx = us.named("Texas").unwrap_or(usize::MAX);
        let ma = us.named("Mass.").unwrap_or(usize::MAX);
        assert_eq!(us.written_like(tx, "Calif.").as_deref(), Some("Texas"));
        assert_eq!(us.written_like(ma, "N.Y.").as_deref(), Some("Mass."));
        assert_eq!(
            us.written_like(ma, "New York").as_deref(),
            Some("Massachusetts")
        );
        assert_eq!(us.written_like(ma, "NY").as_deref(), Some("MA"));
        assert_eq!(us.written_like(tx, "CALIFORNIA").as_deref(), Some("TEXAS"));
    }
}
