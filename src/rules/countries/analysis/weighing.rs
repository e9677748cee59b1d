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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

#[derive(Clone, Debug)]
struct Piece {
    kind: PieceKind,
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

/// Every piece of evidence in one article, by country.
pub struct Ledger {
    pieces: HashMap<CountryId, Vec<Piece>>,
}

impl Ledger {
    /// The article's evidence. Mentions inside the dateline are the dateline's
    /// ("SURFERS PARADISE, Australia"), not names in its first sentence.
    pub fn new(article: &Article<'_>, positions: &Positions<'_>, mentions: &[Mention]) -> Ledger {
        let g = gazetteer();
        let mut pieces: HashMap<CountryId, Vec<Piece>> = HashMap::new();
        if let (Some(id), Some(city)) = (dateline_country(article), &article.dateline_city) {
            pieces.entry(id).or_default().push(Piece {
                kind: PieceKind::Dateline,
                sentence: None,
                span: city.clone(),
            });
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
                pieces.entry(id).or_default().push(Piece {
                    kind,
                    sentence,
                    span: mention.span.clone(),
                });
            }
        }
        Ledger { pieces }
    }

    /// The evidence for a country outside `sentence`.
    pub fn tally(&self, country: CountryId, sentence: Option<usize>) -> Tally {
        let mut tally = Tally::default();
        let Some(pieces) = self.pieces.get(&country) else {
            return tally;
        };
        for piece in pieces {
            if sentence.is_some() && piece.sentence == sentence {
                continue;
            }
            tally.weight += piece.kind.weight();
            let span = Some(piece.span.clone());
            match piece.kind {
                PieceKind::Dateline => tally.dateline = span,
                PieceKind::Name => {
                    tally.names += 1;
                    tally.first_name = tally.first_name.or(span);
                }
                PieceKind::Demonym => tally.demonyms += 1,
                PieceKind::City => {
                    tally.cities += 1;
                    tally.first_city = tally.first_city.or(span);
                }
                PieceKind::Institution => {
                    tally.institutions += 1;
                    tally.first_institution = tally.first_institution.or(span);
                }
                PieceKind::Shared => tally.shared += 1,
                PieceKind::Russian => tally.russian += 1,
            }
        }
        tally
    }
}
