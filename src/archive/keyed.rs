//! A map by a record's text (a folder, a group, a language) that answers
//! the key it was last asked for without a search.
//!
//! A worker's records come folder by folder, so nearly every record asks
//! the archive's maps for the folder, groups and language of the record
//! before it. In a map ordered by text, those keys ("copy07/press-fr",
//! "copy07/reuters") share long openings, and each look-up compared them
//! with eight or so others: about a point of the archive rules' share of
//! CPU time went to those comparisons. The records are read back in the
//! same order to be judged, so the verdicts by group are kept so too.

use std::cell::Cell;
use std::collections::BTreeMap;

/// Values by text, in the order their keys were first met.
#[derive(Debug)]
pub(super) struct Keyed<V> {
    entries: Vec<(String, V)>,
    places: foldhash::HashMap<String, usize>,
    /// The place of the key last asked for (none yet: past the end); a
    /// look-up that only reads the values moves it too.
    last: Cell<usize>,
}

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed {
            entries: Vec::new(),
            places: foldhash::HashMap::default(),
            last: Cell::new(usize::MAX),
        }
    }
}

impl<V: Default> Keyed<V> {
    /// The value at `key`, made when there is none (the key is copied only
    /// then).
    pub(super) fn slot(&mut self, key: &str) -> &mut V {
        let place = match self.place(key) {
            Some(place) => place,
            None => {
                self.places.insert(key.to_owned(), self.entries.len());
                self.entries.push((key.to_owned(), V::default()));
                self.last.set(self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        &mut self.entries[place].1
    }
}

impl<V> Keyed<V> {
    /// Where `key`'s value is, when it has one: the last key's place is
    /// tried before the hash map.
    fn place(&self, key: &str) -> Option<usize> {
        let last = self.last.get();
        if self.entries.get(last).is_some_and(|(text, _)| text == key) {
            return Some(last);
        }
        let place = *self.places.get(key)?;
        self.last.set(place);
        Some(place)
    }

    /// The value at `key`, if any.
    pub(super) fn get(&self, key: &str) -> Option<&V> {
        self.place(key).map(|place| &self.entries[place].1)
    }

    /// The values, in the order their keys were first met.
    pub(super) fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, value)| value)
    }

    /// The same keys, each with `make` of its value.
    pub(super) fn map<W>(&self, mut make: impl FnMut(&V) -> W) -> Keyed<W> {
        Keyed {
            entries: self
                .entries
                .iter()
                .map(|(key, value)| (key.clone(), make(value)))
                .collect(),
            places: self.places.clone(),
            last: Cell::new(usize::MAX),
        }
    }

    /// The values by key, in the keys' order.
    pub(super) fn into_sorted(self) -> BTreeMap<String, V> {
        self.entries.into_iter().collect()
    }

    /// The keys and values, in the order the keys were first met.
    pub(super) fn into_entries(self) -> impl Iterator<Item = (String, V)> {
        self.entries.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_asked_again_or_after_others_finds_its_own_value() {
        let mut keyed: Keyed<usize> = Keyed::default();
        let asked = ["b", "b", "a", "b", "c", "a", "a", "c", "b"];
        let mut expected: BTreeMap<String, usize> = BTreeMap::new();
        for key in asked {
            *keyed.slot(key) += 1;
            *expected.entry(key.to_string()).or_default() += 1;
        }
        assert_eq!(keyed.into_sorted(), expected);
    }

    #[test]
    fn entries_come_in_the_order_their_keys_were_first_met() {
        let mut keyed: Keyed<usize> = Keyed::default();
        for key in ["z", "a", "z", "m"] {
            *keyed.slot(key) += 1;
        }
        let entries: Vec<(String, usize)> = keyed.into_entries().collect();
        assert_eq!(
            entries,
            [
                ("z".to_string(), 2),
                ("a".to_string(), 1),
                ("m".to_string(), 1)
            ]
        );
    }

    #[test]
    fn a_read_only_look_up_finds_each_key_of_a_map_made_from_another() {
        let mut keyed: Keyed<usize> = Keyed::default();
        for key in ["b", "a", "b", "c"] {
            *keyed.slot(key) += 1;
        }
        let doubled = keyed.map(|count| count * 2);
        for (key, expected) in [
            ("c", Some(2)),
            ("b", Some(4)),
            ("b", Some(4)),
            ("x", None),
            ("a", Some(2)),
        ] {
            assert_eq!(doubled.get(key).copied(), expected, "{key}");
        }
        assert_eq!(doubled.values().sum::<usize>(), 8);
    }
}
