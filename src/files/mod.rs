//! The file system: reading files safely, and writing fixed text back
//! without ever losing an article; lists of paths, and the files a git
//! change touches.

pub mod git;
pub mod list;
pub mod read;
pub mod write;
