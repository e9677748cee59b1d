//! The file system: reading files safely, and writing fixed text back
//! without ever losing an article.

pub mod read;
pub mod write;
