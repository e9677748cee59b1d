//! Arbitrary bytes as a Markdown article (front matter, code, HTML,
//! suppression comments), checked as `lint_txt` checks plain text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    copydesk_fuzz::on_worker_thread(|| copydesk_fuzz::lint_article("article.md", bytes));
});
