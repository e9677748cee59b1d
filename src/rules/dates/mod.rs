//! The `dates` and `times` rule family: one scanner, then checks that every date
//! is real, that weekdays and datelines agree with the calendar and the article's
//! own date, that one article writes dates one way, and the house style's forms.

pub mod checks;
pub mod data;
pub mod scan;
pub mod style;
