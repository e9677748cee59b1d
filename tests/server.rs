//! `copydesk server` spoken to over JSON-RPC, as an editor would: every
//! feature the server offers, on its own article text, a non-ASCII one, a
//! configuration that changes while articles are open, and input meant to
//! break it.

mod lsp;
mod support;

use std::path::Path;
use std::time::Duration;

use lsp::{apply_edits, uri_of, Client};
use serde_json::{json, Value};

/// Two paragraphs: the second holds, after Cyrillic, Korean, an emoji (a
/// surrogate pair in UTF-16) and a combining accent, a capitalised title that
/// the article also writes in lower case.
const ARTICLE: &str = "Meeting in Seoul\n\n\
    Сеул 서울 😀 e\u{301}: The Ambassador of Russia met officials. Later the ambassador left.\n";

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

fn start(dir: &Path) -> Client {
    Client::start(dir, json!({}), json!({"debounceMs": 10})).0
}

fn rules(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn has_findings(params: &Value) -> bool {
    !params["diagnostics"].as_array().unwrap().is_empty()
}

#[test]
fn initialize_offers_the_features_and_negotiates_the_encoding() {
    let dir = folder();
    let (client, result) = Client::start(dir.path(), json!({}), Value::Null);
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(capabilities["hoverProvider"], true);
    assert!(capabilities["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap()
        .contains(&json!("source.fixAll.copydesk")));
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    assert!(client.shutdown().success());

    let offered = json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}});
    let (client, result) = Client::start(dir.path(), offered, Value::Null);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert!(client.shutdown().success());
}

#[test]
fn diagnostics_on_open_carry_rule_severity_link_and_related_places() {
    let dir = folder();
    let (mut client, _) = Client::start(
        dir.path(),
        json!({}),
        json!({"debounceMs": 10, "rulesDocsUrl": "https://example.org/docs/rules"}),
    );
    let uri = uri_of(&dir.path().join("story.txt"));
    client.open(&uri, "plaintext", ARTICLE);
    let published = client.diagnostics_for(&uri, has_findings);
    assert_eq!(published["version"], 1);
    let finding = &published["diagnostics"][0];
    assert_eq!(finding["code"], "style.titles");
    assert_eq!(finding["source"], "copydesk");
    assert_eq!(finding["severity"], 2, "warning");
    assert_eq!(
        finding["codeDescription"]["href"],
        "https://example.org/docs/rules/style.md#styletitles"
    );
    // Сеул(4) space 서울(2) space 😀(2) space e◌́(2) : space "The " = 19 UTF-16 units.
    assert_eq!(
        finding["range"]["start"],
        json!({"line": 2, "character": 19})
    );
    assert_eq!(finding["range"]["end"], json!({"line": 2, "character": 29}));
    let related = &finding["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri);
    assert_eq!(related["message"], "written in lower case here");
    let lower = &related["location"]["range"]["start"];
    assert_eq!(&ARTICLE[lsp::offset(ARTICLE, lower)..][..10], "ambassador");
    assert!(finding["message"]
        .as_str()
        .unwrap()
        .contains("help: write 'ambassador'"));
    assert!(client.shutdown().success());
}

#[test]
fn positions_are_counted_in_utf8_when_the_client_asks_for_it() {
    let dir = folder();
    let offered = json!({"general": {"positionEncodings": ["utf-8"]}});
    let (mut client, _) = Client::start(dir.path(), offered, json!({"debounceMs": 10}));
    let uri = uri_of(&dir.path().join("story.md"));
    client.open(&uri, "markdown", ARTICLE);
    let published = client.diagnostics_for(&uri, has_findings);
    // 8 + 1 + 6 + 1 + 4 + 1 + 3 + 1 + 1 + 4 bytes before "Ambassador".
    assert_eq!(
        published["diagnostics"][0]["range"]["start"],
        json!({"line": 2, "character": 30})
    );
}

#[test]
fn incremental_changes_are_linted_once_at_the_newest_version() {
    let dir = folder();
    let mut client = start(dir.path());
    let uri = uri_of(&dir.path().join("story.txt"));
    client.open(&uri, "plaintext", ARTICLE);
    client.diagnostics_for(&uri, has_findings);
    // Three keystrokes in a burst: lower-case the A, then type and delete an x.
    let edit = |version: i64, start: u32, end: u32, text: &str| {
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{
                "range": {"start": {"line": 2, "character": start}, "end": {"line": 2, "character": end}},
                "text": text,
            }],
        })
    };
    client.notify("textDocument/didChange", edit(2, 19, 20, "a"));
    client.notify("textDocument/didChange", edit(3, 0, 0, "x"));
    client.notify("textDocument/didChange", edit(4, 0, 1, ""));
    let published = client.diagnostics_for(&uri, |_| true);
    assert_eq!(published["version"], 4, "only the newest text is published");
    assert_eq!(rules(&published), Vec::<String>::new());
    let later = client.drain(Duration::from_millis(300));
    assert!(
        later
            .iter()
            .all(|m| m["method"] != "textDocument/publishDiagnostics"),
        "{later:#?}"
    );
}

#[test]
fn code_actions_fix_one_finding_fix_all_and_suppress() {
    let dir = folder();
    let mut client = start(dir.path());
    let uri = uri_of(&dir.path().join("story.md"));
    let text = format!("{ARTICLE}\nShe said “yes” and 'no'.\n");
    client.open(&uri, "markdown", &text);
    let published = client.diagnostics_for(&uri, has_findings);
    let finding = published["diagnostics"][0].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": finding["range"],
            "context": {"diagnostics": [finding]},
        }),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("no preferred fix in {titles:?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"][0]["code"], "style.titles");
    let fixed = apply_edits(&text, fix["edit"]["changes"][&uri].as_array().unwrap());
    assert!(fixed.contains(": The ambassador of Russia"), "{fixed}");

    let suppress = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Suppress style.titles")
        })
        .unwrap_or_else(|| panic!("no suppression in {titles:?}"));
    let suppressed = apply_edits(&text, suppress["edit"]["changes"][&uri].as_array().unwrap());
    assert!(suppressed.contains("\n<!-- copydesk-disable-next-line style.titles -->\nСеул"));
    // The CLI honours the comment the server wrote.
    std::fs::write(dir.path().join("check.md"), &suppressed).unwrap();
    let output = support::copydesk(dir.path(), &["check", "--format", "short", "check.md"]);
    assert!(!support::text(&output.stdout).contains("style.titles"));

    let all = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["kind"], "source.fixAll.copydesk");
    let fixed_all = apply_edits(&text, all[0]["edit"]["changes"][&uri].as_array().unwrap());
    // Exactly what `check --fix` writes.
    std::fs::write(dir.path().join("fix.md"), &text).unwrap();
    support::copydesk(dir.path(), &["check", "--fix", "fix.md"]);
    let written = std::fs::read_to_string(dir.path().join("fix.md")).unwrap();
    assert_eq!(fixed_all, written);
    assert_ne!(fixed_all, text);
}

#[test]
fn unsafe_fixes_are_labelled_and_never_preferred() {
    let dir = folder();
    let mut client = start(dir.path());
    let uri = uri_of(&dir.path().join("story.txt"));
    // A US state in copy about a country: country.variant's fixes are safe,
    // so take a rule whose fix is unsafe: an unclosed quotation has none;
    // dates.weekday's correction is unsafe.
    let text = "WASHINGTON, March 5 (Reuters) -\n\nOn Monday, March 5, 2024, the talks began.\n";
    client.open(&uri, "plaintext", text);
    let published = client.diagnostics_for(&uri, has_findings);
    let weekday = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "dates.weekday")
        .cloned()
        .unwrap_or_else(|| panic!("no dates.weekday in {published:#}"));
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": weekday["range"], "context": {"diagnostics": [weekday]}}),
    );
    let fixes: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["diagnostics"][0]["code"] == "dates.weekday")
        .collect();
    assert!(!fixes.is_empty(), "{actions:#}");
    for fix in fixes {
        assert!(
            fix["title"].as_str().unwrap().starts_with("Unsafe fix"),
            "{fix}"
        );
        assert_eq!(fix["isPreferred"], false);
    }
}

#[test]
fn hover_explains_the_rule_of_the_finding_under_the_cursor() {
    let dir = folder();
    let mut client = start(dir.path());
    let uri = uri_of(&dir.path().join("story.txt"));
    client.open(&uri, "plaintext", ARTICLE);
    client.diagnostics_for(&uri, has_findings);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 23}}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.starts_with("**style.titles** (warning)"), "{shown}");
    assert!(
        shown.contains("Examples"),
        "the explanation follows: {shown}"
    );
    assert_eq!(hover["range"]["start"], json!({"line": 2, "character": 19}));
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(nothing, Value::Null);
}

/// The completion answer at `line`:`character` of `uri`, and its labels.
fn complete(client: &mut Client, uri: &str, line: u32, character: u32) -> (Value, Vec<String>) {
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    let labels = items
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["label"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    (items, labels)
}

#[test]
fn rule_ids_are_completed_in_suppression_comments_and_configuration() {
    let dir = folder();
    let mut client = start(dir.path());
    let article = uri_of(&dir.path().join("story.md"));
    let comment = "<!-- copydesk-disable-next-line style.ti\nText.\n";
    client.open(&article, "markdown", comment);
    let (items, labels) = complete(&mut client, &article, 0, 40);
    assert_eq!(labels, ["style.titles"]);
    let edit = &items[0]["textEdit"];
    assert_eq!(edit["range"]["start"], json!({"line": 0, "character": 32}));

    let config = uri_of(&dir.path().join("copydesk.toml"));
    client.open(&config, "toml", "ignore = [\"dat\"]\n\n[severity]\nquo\n");
    let (_, labels) = complete(&mut client, &config, 0, 14);
    let has = |label: &str| labels.iter().any(|l| l == label);
    assert!(has("dates.weekday") && has("dates"), "{labels:?}");
    let (_, labels) = complete(&mut client, &config, 3, 3);
    assert!(labels.iter().any(|l| l == "quotes.unclosed"), "{labels:?}");
    let (outside, _) = complete(&mut client, &article, 1, 2);
    assert_eq!(outside, Value::Null);
}

#[test]
fn configuration_errors_show_in_copydesk_toml_and_changes_relint_open_articles() {
    let dir = folder();
    std::fs::write(dir.path().join("copydesk.toml"), "ignore = []\n").unwrap();
    let mut client = start(dir.path());
    let article = uri_of(&dir.path().join("story.txt"));
    client.open(&article, "plaintext", ARTICLE);
    assert_eq!(
        rules(&client.diagnostics_for(&article, has_findings)),
        ["style.titles"]
    );

    // Typed, not saved: the open buffer is what counts.
    let config = uri_of(&dir.path().join("copydesk.toml"));
    let broken = "ignore = []\n\n[severity\n";
    client.open(&config, "toml", broken);
    let problems = client.diagnostics_for(&config, has_findings);
    let problem = &problems["diagnostics"][0];
    assert_eq!(problem["range"]["start"]["line"], 2, "{problem}");
    assert_eq!(problem["severity"], 1);
    // The article cannot be linted meanwhile, and says why.
    let blocked = client.diagnostics_for(&article, |p| rules(p) == ["config.invalid"]);
    assert!(blocked["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("copydesk.toml"));

    // Fixed and changed to ignore the rule: the problem clears, the article relints.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": config, "version": 2},
            "contentChanges": [{"text": "ignore = [\"style.titles\"]\n"}],
        }),
    );
    client.diagnostics_for(&config, |p| !has_findings(p));
    client.diagnostics_for(&article, |p| !has_findings(p));
    assert!(client.shutdown().success());
}

#[test]
fn a_file_the_configuration_extends_is_checked_at_its_own_spans() {
    let dir = folder();
    std::fs::write(dir.path().join("base.toml"), "fail-on = \"sometimes\"\n").unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "extend = \"base.toml\"\n").unwrap();
    let mut client = start(dir.path());
    let article = uri_of(&dir.path().join("story.txt"));
    client.open(&article, "plaintext", ARTICLE);
    let base = uri_of(&dir.path().join("base.toml"));
    client.diagnostics_for(&article, |p| rules(p) == ["config.invalid"]);
    let problems = client.diagnostics_for(&base, has_findings);
    assert_eq!(problems["diagnostics"][0]["range"]["start"]["line"], 0);
    // Fixing the base on disk and saying so reloads it.
    std::fs::write(dir.path().join("base.toml"), "fail-on = \"error\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": base, "type": 2}]}),
    );
    client.diagnostics_for(&base, |p| !has_findings(p));
    client.diagnostics_for(&article, |p| rules(p) == ["style.titles"]);
}

#[test]
fn bad_requests_get_errors_and_the_server_keeps_serving() {
    let dir = folder();
    let mut client = start(dir.path());
    let unknown = client.request_raw("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad = client.request_raw("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad["error"]["code"], -32602);
    // A document the server never saw, positions past the end, binary text.
    let nowhere = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 9, "character": 9}}),
    );
    assert_eq!(nowhere, Value::Null);
    let uri = uri_of(&dir.path().join("odd.txt"));
    client.open(&uri, "plaintext", "\u{0}\u{feff}“\r\n\r");
    client.diagnostics_for(&uri, |_| true);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 99, "character": 5}, "end": {"line": 0, "character": 0}}, "text": "The Ambassador."}],
        }),
    );
    client.diagnostics_for(&uri, |p| p["version"] == 2);
    let untitled = "untitled:Untitled-1";
    client.open(untitled, "plaintext", ARTICLE);
    assert_eq!(
        rules(&client.diagnostics_for(untitled, has_findings)),
        ["style.titles"]
    );
    assert!(client.is_running());
    assert!(client.shutdown().success());
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let dir = folder();
    let mut client = start(dir.path());
    let uri = uri_of(&dir.path().join("story.txt"));
    client.open(&uri, "plaintext", ARTICLE);
    client.diagnostics_for(&uri, has_findings);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    client.diagnostics_for(&uri, |p| !has_findings(p));
}

#[test]
fn the_founding_story_shows_its_five_findings() {
    let Some(story) = support::founding_story() else {
        return;
    };
    let text = std::fs::read_to_string(&story).unwrap();
    let dir = folder();
    let mut client = start(dir.path());
    let uri = uri_of(&dir.path().join("story.txt"));
    client.open(&uri, "plaintext", &text);
    let published = client.diagnostics_for(&uri, has_findings);
    let mut found = rules(&published);
    found.sort();
    assert_eq!(
        found,
        [
            "country.context",
            "country.context",
            "country.context",
            "dates.stray-teaser",
            "style.titles"
        ]
    );
    for diagnostic in published["diagnostics"].as_array().unwrap() {
        let start = lsp::offset(&text, &diagnostic["range"]["start"]);
        let end = lsp::offset(&text, &diagnostic["range"]["end"]);
        let marked = &text[start..end];
        match diagnostic["code"].as_str().unwrap() {
            "country.context" => assert!(marked.contains("Kazakhstan"), "{marked}"),
            "style.titles" => assert_eq!(marked, "Ambassador"),
            _ => {}
        }
    }
}

#[test]
fn other_toml_files_are_not_linted_as_prose() {
    let dir = folder();
    let mut client = start(dir.path());
    let rules_file = uri_of(&dir.path().join("house.toml"));
    client.open(
        &rules_file,
        "toml",
        &format!("description = \"\"\"\n{ARTICLE}\"\"\"\n"),
    );
    let article = uri_of(&dir.path().join("story.txt"));
    client.open(&article, "plaintext", ARTICLE);
    client.diagnostics_for(&article, has_findings);
    let all = client.drain(Duration::from_millis(300));
    assert!(
        all.iter().all(|m| m["params"]["uri"] != rules_file),
        "{all:#?}"
    );
}
