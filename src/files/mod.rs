//! The file system: reading files safely, walking folders for articles, and
//! writing fixed text back without ever losing an article.

pub mod read;
pub mod walk;
pub mod write;
