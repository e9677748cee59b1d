//! Command-line behaviour, as snapshot cases in `tests/cmd/*.toml`
//! (run `TRYCMD=overwrite cargo test --test cli` to update them).

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
