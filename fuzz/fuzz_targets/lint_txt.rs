//! Arbitrary bytes as a plain-text article: decoded as the command line
//! decodes a file (binary and invalid UTF-8 refused with one finding),
//! linted by every built-in rule under the default settings and under a
//! house style and language the input picks, then rendered in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    copydesk_fuzz::on_worker_thread(|| copydesk_fuzz::lint_article("article.txt", bytes));
});
