//! Output order does not depend on the number of threads.

use std::process::Command;

fn run(threads: &str) -> Vec<u8> {
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/articles");
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--threads",
            threads,
            articles,
        ])
        .output()
        .expect("copydesk runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn one_thread_and_two_threads_give_the_same_output() {
    let one = run("1");
    let two = run("2");
    assert!(one.len() > 100, "the real articles produce findings");
    assert!(one == two, "output differs between one and two threads");
}
