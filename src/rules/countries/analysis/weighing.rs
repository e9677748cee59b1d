//! The evidence model of `country.context`: every piece of evidence the article
//! gives for a country (the dateline, its names, its people, its cities, its
//! institutions), kept with the sentence it stands in, so that a mention under
//! suspicion is judged only by what the rest of the article says.

use std::collections::HashMap;
use std::ops::Range;

use super::super::gazetteer::{gazetteer, CountryId, TermKind};
use super::article::Positions;
use super::evidence::dateline_country;
use super::{Article, Mention};

/// What one piece of evidence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PieceKind {
    /// The dateline places the story in the country.
    Dateline,
    /// A name of the country alone (short, official or another English name).
    Name,
    /// Its people or adjective ("South Korean").
    Demonym,
    /// One of its cities.
    City,
    /// One of its institutions or offices ("Bank of Korea").
    Institution,
    /// A name several countries share ("Korea").
    Shared,
    /// A Russian name.
    Russian,
}

impl PieceKind {
    /// How much one piece weighs: the dateline most, a shared name least.
    fn weight(self) -> u32 {
        match self {
            PieceKind::Dateline => 6,
            PieceKind::Name | PieceKind::Demonym | PieceKind::City | PieceKind::Institution => 2,
            PieceKind::Shared | PieceKind::Russian => 1,
        }
    }
}

/// Where one piece of evidence is.
#[derive(Clone, Debug)]
struct Piece {
    /// None for the dateline, which stands outside every sentence it opens.
    sentence: Option<usize>,
    span: Range<usize>,
}

/// The evidence for one country outside one sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// The dateline's city, when the dateline places the story in the country.
    pub dateline: Option<Range<usize>>,
    /// Mentions by a name of this country alone.
    pub names: u32,
    /// Mentions of its people or adjective.
    pub demonyms: u32,
    /// Mentions of its cities.
    pub cities: u32,
    /// Mentions of its institutions.
    pub institutions: u32,
    /// Mentions by a name it shares with another country.
    pub shared: u32,
    /// Russian names.
    pub russian: u32,
    /// The sum of the pieces' weights.
    pub weight: u32,
    /// The first name, city and institution mentioned, for labels.
    pub first_name: Option<Range<usize>>,
    pub first_city: Option<Range<usize>>,
    pub first_institution: Option<Range<usize>>,
}

impl Tally {
    /// Evidence that is not a bare name: the writer placed the story in the
    /// country, or wrote about its people, places or institutions.
    pub fn independent(&self) -> bool {
        self.dateline.is_some()
            || self.demonyms > 0
            || self.cities > 0
            || self.institutions > 0
            || self.russian > 0
    }

    /// The same for a people or adjective under suspicion: its country's
    /// name counts, its own repeats do not.
    pub fn independent_of_people(&self) -> bool {
        self.dateline.is_some()
            || self.names > 0
            || self.cities > 0
            || self.institutions > 0
            || self.russian > 0
    }

    /// Evidence a reader takes as naming the country: the dateline, a name or its people.
    pub fn names_it(&self) -> bool {
        self.dateline.is_some() || self.names > 0 || self.demonyms > 0
    }

    /// The evidence in words, for the finding's note ("the dateline, 3 names, 2 cities").
    pub fn describe(&self) -> String {
        let counted = |n: u32, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let parts: Vec<String> = [
            self.dateline.as_ref().map(|_| "the dateline".to_string()),
            counted(self.names, "mention by name", "mentions by name"),
            counted(
                self.demonyms,
                "mention of its people",
                "mentions of its people",
            ),
            counted(self.cities, "city", "city mentions"),
            counted(self.institutions, "institution", "institution mentions"),
            counted(self.shared, "shared name", "shared names"),
            counted(self.russian, "Russian name", "Russian names"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "nothing".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// Every piece of evidence in one article, by country, summed so that the
/// evidence outside any one sentence is a subtraction: a long file naming a
/// country in thousands of sentences is not rescanned for each of them.
pub struct Ledger {
    /// Per country and kind, where each piece is, in article order.
    places: HashMap<(CountryId, PieceKind), Vec<Piece>>,
    /// Per country, the whole article's tally (no first places).
    totals: HashMap<CountryId, Tally>,
    /// Per country and sentence, that sentence's tally.
    by_sentence: HashMap<(CountryId, usize), Tally>,
}

impl Tally {
    fn add(&mut self, kind: PieceKind, span: &Range<usize>) {
        self.weight += kind.weight();
        match kind {
            PieceKind::Dateline => self.dateline = Some(span.clone()),
            PieceKind::Name => self.names += 1,
            PieceKind::Demonym => self.demonyms += 1,
            PieceKind::City => self.cities += 1,
            PieceKind::Institution => self.institutions += 1,
            PieceKind::Shared => self.shared += 1,
            PieceKind::Russian => self.russian += 1,
        }
    }

    fn subtract(&mut self, part: &Tally) {
        self.weight -= part.weight;
        self.names -= part.names;
        self.demonyms -= part.demonyms;
        self.cities -= part.cities;
        self.institutions -= part.institutions;
        self.shared -= part.shared;
        self.russian -= part.russian;
    }
}

impl Ledger {
    /// The article's evidence. Mentions inside the dateline are the dateline's
    /// ("SURFERS PARADISE, Australia"), not names in its first sentence.
    pub fn new(article: &Article<'_>, positions: &Positions<'_>, mentions: &[Mention]) -> Ledger {
        let g = gazetteer();
        let mut ledger = Ledger {
            places: HashMap::new(),
            totals: HashMap::new(),
            by_sentence: HashMap::new(),
        };
        if let (Some(id), Some(city)) = (dateline_country(article), &article.dateline_city) {
            ledger.record(id, PieceKind::Dateline, None, city);
        }
        for mention in mentions {
            if article.in_dateline(&mention.span) {
                continue;
            }
            let Some(term) = g.term(mention.term) else {
                continue;
            };
            let shared = term.countries.len() > 1;
            let kind = match term.kind {
                _ if shared && term.kind.names_country() => PieceKind::Shared,
                TermKind::Name | TermKind::Official | TermKind::Alias => PieceKind::Name,
                TermKind::Demonym => PieceKind::Demonym,
                TermKind::City => PieceKind::City,
                TermKind::Institution => PieceKind::Institution,
                TermKind::Russian => PieceKind::Russian,
                TermKind::Abbreviation | TermKind::NotCountry | TermKind::Misspelling => continue,
            };
            let sentence = positions.sentence_of(&mention.span);
            for &id in &term.countries {
                ledger.record(id, kind, sentence, &mention.span);
            }
            if let (PieceKind::Name, Some(id)) = (kind, term.country()) {
                let city = cities_before(article.text, mention)
                    .into_iter()
                    .find(|city| {
                        g.city_countries(article.slice(city))
                            .iter()
                            .any(|h| h.0 == id)
                    });
                if let Some(city) = city {
                    ledger.record(id, PieceKind::City, sentence, &city);
                }
            }
        }
        ledger
    }

    fn record(
        &mut self,
        country: CountryId,
        kind: PieceKind,
        sentence: Option<usize>,
        span: &Range<usize>,
    ) {
        self.totals.entry(country).or_default().add(kind, span);
        if let Some(sentence) = sentence {
            self.by_sentence
                .entry((country, sentence))
                .or_default()
                .add(kind, span);
        }
        self.places.entry((country, kind)).or_default().push(Piece {
            sentence,
            span: span.clone(),
        });
    }

    /// The first piece of a kind outside `sentence`; the pieces of one
    /// sentence are consecutive, so few are skipped.
    fn first(
        &self,
        country: CountryId,
        kind: PieceKind,
        sentence: Option<usize>,
    ) -> Option<Range<usize>> {
        self.places
            .get(&(country, kind))?
            .iter()
            .find(|p| sentence.is_none() || p.sentence != sentence)
            .map(|p| p.span.clone())
    }

    /// Whether a sentence holds evidence for a country of its own (a name it
    /// shares, "Korea", says too little).
    pub fn in_sentence(&self, country: CountryId, sentence: Option<usize>) -> bool {
        sentence
            .and_then(|s| self.by_sentence.get(&(country, s)))
            .is_some_and(|t| t.weight > t.shared * PieceKind::Shared.weight())
    }

    /// The evidence for a country outside `sentence` (None: the whole article).
    pub fn tally(&self, country: CountryId, sentence: Option<usize>) -> Tally {
        let Some(total) = self.totals.get(&country) else {
            return Tally::default();
        };
        let mut tally = total.clone();
        if let Some(part) = sentence.and_then(|s| self.by_sentence.get(&(country, s))) {
            tally.subtract(part);
        }
        tally.first_name = self.first(country, PieceKind::Name, sentence);
        tally.first_city = self.first(country, PieceKind::City, sentence);
        tally.first_institution = self.first(country, PieceKind::Institution, sentence);
        tally
    }
}

/// The capitalised words just before ", " and a country's name, longest
/// first ("Santa Clara", "Clara"): a city whose name is also an English word
/// ("Nice, France") is read as a city only with its country beside it.
fn cities_before(text: &str, mention: &Mention) -> Vec<Range<usize>> {
    let Some(before) = text
        .get(..mention.span.start)
        .and_then(|t| t.strip_suffix(", "))
    else {
        return Vec::new();
    };
    let mut starts = Vec::new();
    let mut start = before.len();
    for word in before.rsplit(' ').take(3) {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.');
        if !capitalised {
            break;
        }
        start -= word.len();
        starts.push(start);
        if start == 0 {
            break;
        }
        start -= 1;
    }
    starts.into_iter().rev().map(|s| s..before.len()).collect()
}
