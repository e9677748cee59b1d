//! The `countries` rule family: a gazetteer of countries, their names, cities and
//! demonyms, and the checks that keep an article's countries consistent.

mod analysis;
mod checks;
pub mod gazetteer;

pub use checks::KIND;
