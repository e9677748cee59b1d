//! Bringing other linters' rules into copydesk rule sets. The library
//! converts and returns text; the command line writes it.

pub mod vale;
