//! The archive's table of names: each capitalised name of each language
//! with its place (what the spool keeps of it) and its articles per year.
//!
//! Every name of every record is looked up here, in tables of tens of
//! thousands of names that do not stay in cache. A map from `String` to a
//! place, with the counts in a list by place, cost a worker four or five
//! cache misses a name (the map's control bytes, its entry, the key's
//! text, the count, a count's map): measured in CPU time, counting the
//! names cost several times its share of instructions. Here one slot of
//! one cache line holds a name's first sixteen bytes, its length, language
//! and place, and its counts for up to four years, so that a look-up
//! touches one line; and since the slots are open-addressed, the line a
//! name's look-up starts at is known from its hash alone, so that an
//! article's names are fetched together ([`NameTable::count_article`])
//! rather than one wait on memory after another.

use std::hash::BuildHasher;
use std::io;

use super::names::{NameCount, NameYears};

/// Bytes of a name kept in its slot; the rest is compared in `text`.
const HEAD: usize = 16;

/// Years whose counts a slot holds; more go to the table's `overflow`.
const YEARS: usize = 4;

/// The year of an undated article, in a slot.
const UNDATED: i32 = i32::MIN;

/// A year of a slot not taken yet.
const NO_YEAR: i32 = i32::MIN + 1;

/// The length of an empty slot's name (no name is 4 GiB long).
const EMPTY: u32 = u32::MAX;

/// A slot no name has taken, and the years and counts of one just taken.
const EMPTY_SLOT: Slot = Slot {
    head: [0; HEAD],
    len: EMPTY,
    place: 0,
    language: 0,
    years: [NO_YEAR; YEARS],
    articles: [0; YEARS],
};

/// Slots of a table's first allocation.
const FIRST_SLOTS: usize = 1024;

/// One name: the first [`HEAD`] bytes (zeros after its end), its length,
/// language and place, and its articles for up to [`YEARS`] years.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(64))]
struct Slot {
    head: [u8; HEAD],
    len: u32,
    place: u32,
    language: u16,
    years: [i32; YEARS],
    articles: [u32; YEARS],
}

/// The names of an archive pass, by language and by place.
#[derive(Debug, Default)]
pub(super) struct NameTable {
    languages: Vec<String>,
    /// Every name's text, one after another.
    text: String,
    /// By place: the name's language (an index into `languages`) and
    /// where its text lies in `text`.
    spelled: Vec<(u16, u32, u32)>,
    /// A power of two of slots (none before the first name), at most
    /// three quarters of them taken; a name lies in the first slot from
    /// [`NameTable::first_slot`] on that is its own or empty.
    slots: Vec<Slot>,
    taken: usize,
    /// One article's names' hashes, kept between articles.
    hashes: Vec<u64>,
    /// Counts a slot had no room for, by place: added to the slot's.
    overflow: foldhash::HashMap<u32, NameYears>,
    hasher: foldhash::fast::FixedState,
}

impl NameTable {
    /// How many names the table holds (the next place).
    pub(super) fn len(&self) -> usize {
        self.spelled.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.spelled.is_empty()
    }

    /// The index of `language`, added when new. An archive has few.
    pub(super) fn language(&mut self, language: &str) -> io::Result<u16> {
        if let Some(index) = self.languages.iter().position(|known| known == language) {
            return Ok(index as u16);
        }
        let index = u16::try_from(self.languages.len())
            .map_err(|_| io::Error::other("more than 65,535 languages in one archive"))?;
        self.languages.push(language.to_string());
        Ok(index)
    }

    /// Counts `articles` more articles of `year` that write `name` in
    /// `language` (an index from [`NameTable::language`]); its place.
    pub(super) fn count(
        &mut self,
        language: u16,
        name: &str,
        year: Option<i32>,
        articles: usize,
    ) -> io::Result<u32> {
        let hash = self.hasher.hash_one((language, name));
        self.count_hashed(hash, language, name, year.unwrap_or(UNDATED), articles)
    }

    /// Counts one article of `year` for each of its `names` (distinct) in
    /// `language`, pushing each name's place onto `places`. The names'
    /// slots are read once before any is counted: those reads do not
    /// wait on each other, so an article's cache misses overlap.
    pub(super) fn count_article<'a>(
        &mut self,
        language: u16,
        names: impl Iterator<Item = &'a str> + Clone,
        year: Option<i32>,
        places: &mut Vec<u32>,
    ) -> io::Result<()> {
        let mut hashes = std::mem::take(&mut self.hashes);
        hashes.clear();
        hashes.extend(
            names
                .clone()
                .map(|name| self.hasher.hash_one((language, name))),
        );
        if !self.slots.is_empty() {
            let fetched = hashes.iter().fold(0u32, |sum, &hash| {
                sum ^ self.slots[self.first_slot(hash)].len
            });
            std::hint::black_box(fetched);
        }
        let year = year.unwrap_or(UNDATED);
        let mut counted = Ok(());
        for (name, &hash) in names.zip(&hashes) {
            match self.count_hashed(hash, language, name, year, 1) {
                Ok(place) => places.push(place),
                Err(error) => {
                    counted = Err(error);
                    break;
                }
            }
        }
        self.hashes = hashes;
        counted
    }

    /// The slot a look-up of a name of `hash` starts at.
    #[inline]
    fn first_slot(&self, hash: u64) -> usize {
        // The high bits mix every byte of the name; the low may not.
        (hash >> 20) as usize & (self.slots.len() - 1)
    }

    fn count_hashed(
        &mut self,
        hash: u64,
        language: u16,
        name: &str,
        year: i32,
        articles: usize,
    ) -> io::Result<u32> {
        if (self.taken + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let head = head_of(name);
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(hash);
        loop {
            let slot = &self.slots[at];
            if slot.len == EMPTY {
                break;
            }
            if slot.head == head
                && slot.len as usize == name.len()
                && slot.language == language
                && (name.len() <= HEAD
                    || tail(&self.text, &self.spelled, slot.place) == &name.as_bytes()[HEAD..])
            {
                let slot = &mut self.slots[at];
                let place = slot.place;
                if !add_to_slot(slot, year, articles) {
                    add_over(&mut self.overflow, place, year, articles);
                }
                return Ok(place);
            }
            at = (at + 1) & mask;
        }
        let place = u32::try_from(self.spelled.len())
            .map_err(|_| io::Error::other("more than 4,294,967,295 names in one archive"))?;
        let len = u32::try_from(name.len())
            .ok()
            .filter(|&len| len != EMPTY)
            .ok_or_else(|| io::Error::other("a name longer than 4 GiB"))?;
        let start = self.text.len();
        let end = u32::try_from(start + name.len())
            .map_err(|_| io::Error::other("more than 4 GiB of names in one archive"))?;
        self.text.push_str(name);
        self.spelled.push((language, start as u32, end));
        let slot = &mut self.slots[at];
        *slot = Slot {
            head,
            len,
            place,
            language,
            ..EMPTY_SLOT
        };
        if !add_to_slot(slot, year, articles) {
            add_over(&mut self.overflow, place, year, articles);
        }
        self.taken += 1;
        Ok(place)
    }

    /// Twice the slots (or the first ones), each name moved to its slot
    /// in the new table.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(FIRST_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY_SLOT; size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|slot| slot.len != EMPTY) {
            let name = spelled_text(&self.text, &self.spelled, slot.place);
            let hash = self.hasher.hash_one((slot.language, name));
            let mut at = self.first_slot(hash);
            while self.slots[at].len != EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }

    /// Each name by place: its language, its spelling and its counts
    /// (a map of years only for a name of several: most are of one).
    pub(super) fn names(&self) -> Vec<(&str, &str, NameCount)> {
        let mut counts: Vec<NameCount> = (0..self.spelled.len())
            .map(|_| NameCount::Years(NameYears::new()))
            .collect();
        for slot in self.slots.iter().filter(|slot| slot.len != EMPTY) {
            let Some(count) = counts.get_mut(slot.place as usize) else {
                continue;
            };
            let taken = slot
                .years
                .iter()
                .zip(&slot.articles)
                .filter(|(&year, _)| year != NO_YEAR);
            let more = self.overflow.get(&slot.place);
            *count = match (slot.years, more) {
                ([year, NO_YEAR, ..], None) => {
                    NameCount::OneYear(year_of(year), slot.articles[0] as usize)
                }
                _ => {
                    let mut years = more.cloned().unwrap_or_default();
                    for (&year, &articles) in taken {
                        *years.entry(year_of(year)).or_default() += articles as usize;
                    }
                    NameCount::Years(years)
                }
            };
        }
        self.spelled
            .iter()
            .zip(counts)
            .map(|(&(language, start, end), count)| {
                let language = self
                    .languages
                    .get(usize::from(language))
                    .map_or("", String::as_str);
                let name = self.text.get(start as usize..end as usize).unwrap_or("");
                (language, name, count)
            })
            .collect()
    }
}

/// A name's first [`HEAD`] bytes, zeros after its end.
#[inline]
fn head_of(name: &str) -> [u8; HEAD] {
    // In two words of eight bytes, the second read from the name's end and
    // shifted into place: a copy of a length the compiler cannot bound
    // (a byte loop too, which it turns into one) is a call to `memcpy`.
    let bytes = name.as_bytes();
    let word = |from: usize| {
        bytes
            .get(from..from + 8)
            .and_then(|eight| eight.try_into().ok())
            .map(u64::from_le_bytes)
    };
    let (first, second) = match bytes.len() {
        HEAD.. => (word(0), word(8)),
        len @ 9.. => (
            word(0),
            word(len - 8).map(|last| last >> ((HEAD - len) * 8)),
        ),
        8 => (word(0), Some(0)),
        len => {
            let mut first = 0u64;
            for (index, &byte) in bytes.iter().enumerate().take(len) {
                first |= u64::from(byte) << (index * 8);
            }
            (Some(first), Some(0))
        }
    };
    let mut head = [0; HEAD];
    head[..8].copy_from_slice(&first.unwrap_or(0).to_le_bytes());
    head[8..].copy_from_slice(&second.unwrap_or(0).to_le_bytes());
    head
}

fn spelled_text<'a>(text: &'a str, spelled: &[(u16, u32, u32)], place: u32) -> &'a str {
    spelled
        .get(place as usize)
        .and_then(|&(_, start, end)| text.get(start as usize..end as usize))
        .unwrap_or("")
}

/// The bytes of the name at `place` past its first [`HEAD`].
fn tail<'a>(text: &'a str, spelled: &[(u16, u32, u32)], place: u32) -> &'a [u8] {
    spelled_text(text, spelled, place)
        .as_bytes()
        .get(HEAD..)
        .unwrap_or(&[])
}

fn year_of(year: i32) -> Option<i32> {
    (year != UNDATED).then_some(year)
}

/// Adds `articles` of `year` in the slot; false when it has no room.
#[inline]
fn add_to_slot(slot: &mut Slot, year: i32, articles: usize) -> bool {
    let Ok(articles) = u32::try_from(articles) else {
        return false;
    };
    for (taken, count) in slot.years.iter_mut().zip(&mut slot.articles) {
        if *taken == year {
            return match count.checked_add(articles) {
                Some(sum) => {
                    *count = sum;
                    true
                }
                None => false,
            };
        }
        if *taken == NO_YEAR {
            (*taken, *count) = (year, articles);
            return true;
        }
    }
    false
}

fn add_over(
    overflow: &mut foldhash::HashMap<u32, NameYears>,
    place: u32,
    year: i32,
    articles: usize,
) {
    *overflow
        .entry(place)
        .or_default()
        .entry(year_of(year))
        .or_default() += articles;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_told_apart_by_language_length_and_every_byte() {
        let mut table = NameTable::default();
        let (en, fr) = (table.language("en").unwrap(), table.language("fr").unwrap());
        assert_eq!(table.language("en").unwrap(), en);
        let long = "Abdelaziz-Bouteflika";
        let long_other = "Abdelaziz-Bouteflikb";
        let names = [
            (en, "Gaddafi"),
            (fr, "Gaddafi"),
            (en, "Gaddafis"),
            (en, long),
            (en, long_other),
            (en, "Abdelaziz-Boutef"),
        ];
        let places: Vec<u32> = names
            .iter()
            .map(|&(language, name)| table.count(language, name, Some(2011), 1).unwrap())
            .collect();
        assert_eq!(places, [0, 1, 2, 3, 4, 5]);
        for (place, &(language, name)) in names.iter().enumerate() {
            assert_eq!(
                table.count(language, name, Some(2012), 2).unwrap(),
                place as u32
            );
        }
        let listed = table.names();
        assert_eq!(listed[1].0, "fr");
        assert_eq!(listed[4].1, long_other);
        for (_, _, count) in &listed {
            assert_eq!(
                *count,
                NameCount::Years(NameYears::from([(Some(2011), 1), (Some(2012), 2)]))
            );
        }
    }

    #[test]
    fn a_head_is_a_names_first_sixteen_bytes_then_zeros() {
        let name = "Abdelaziz-Bouteflika";
        for len in 0..=name.len() {
            let mut expected = [0u8; HEAD];
            for (to, byte) in expected.iter_mut().zip(&name.as_bytes()[..len]) {
                *to = *byte;
            }
            assert_eq!(head_of(&name[..len]), expected, "{len}");
        }
    }

    #[test]
    fn an_articles_names_counted_together_are_counted_as_one_by_one() {
        // Enough names to grow the table several times past its first
        // slots, in two languages, met again in later articles.
        let names: Vec<String> = (0..5_000).map(|n| format!("Name{n:05}ovich")).collect();
        let (mut together, mut one_by_one) = (NameTable::default(), NameTable::default());
        let mut places = Vec::new();
        for article in 0..6 {
            let language = ["en", "fr"][article % 2];
            let (a, b) = (
                together.language(language).unwrap(),
                one_by_one.language(language).unwrap(),
            );
            let year = Some(2000 + article as i32 % 3);
            let these = names.iter().skip(article * 700).take(1_500);
            places.clear();
            together
                .count_article(a, these.clone().map(String::as_str), year, &mut places)
                .unwrap();
            let expected: Vec<u32> = these
                .map(|name| one_by_one.count(b, name, year, 1).unwrap())
                .collect();
            assert_eq!(places, expected, "article {article}");
        }
        assert!(together.slots.len() > FIRST_SLOTS);
        assert_eq!(together.names(), one_by_one.names());
    }

    #[test]
    fn counts_past_a_slots_room_add_up_as_a_map_would() {
        let mut table = NameTable::default();
        let en = table.language("en").unwrap();
        let mut expected = NameYears::from([(None, 1)]);
        table.count(en, "Qaddafi", None, 1).unwrap();
        // Seven years (more than a slot holds), each twice, and a count
        // too big for a slot.
        for _ in 0..2 {
            for year in 2001..2008 {
                table.count(en, "Qaddafi", Some(year), 3).unwrap();
                *expected.entry(Some(year)).or_default() += 3;
            }
        }
        let big = u32::MAX as usize + 5;
        table.count(en, "Qaddafi", None, big).unwrap();
        *expected.entry(None).or_default() += big;
        assert_eq!(
            table.names(),
            [("en", "Qaddafi", NameCount::Years(expected))]
        );
        // One year alone is one year's count, as the map's would be.
        let mut one = NameTable::default();
        let en = one.language("en").unwrap();
        one.count(en, "Kadhafi", Some(1999), 1).unwrap();
        one.count(en, "Kadhafi", Some(1999), 4).unwrap();
        assert_eq!(
            one.names(),
            [("en", "Kadhafi", NameCount::OneYear(Some(1999), 5))]
        );
    }
}
