//! How `copydesk server` keeps up with typing, measured through the real
//! binary over JSON-RPC as an editor drives it:
//!
//! - **start**: from spawning the process to the `initialize` answer;
//! - **relint**: from sending one keystroke's `didChange` on a 20 KB article
//!   to receiving the diagnostics for that version (the debounce set to 0, as
//!   it is a deliberate wait, not work): the median is the figure;
//! - **memory**: the server's resident memory after 1,000 and after 10,000
//!   edits, which should be flat.
//!
//! The article is made at run time from `../shared/articles` (real copy,
//! never committed), paragraphs of stories back to back up to 20 KB.
//! Run: `cargo bench --bench server` (release build).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ARTICLE_BYTES: usize = 20_000;

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    fn start(dir: &Path) -> (Server, Duration) {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the server");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut server = Server {
            child,
            stdin,
            stdout,
        };
        server.send(
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "processId": null, "rootUri": null, "capabilities": {},
                "initializationOptions": {"debounceMs": 0},
            }}),
        );
        server.until(|m| m["id"] == 1);
        let elapsed = started.elapsed();
        server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        (server, elapsed)
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                assert!(
                    self.stdout.read_line(&mut line).unwrap() > 0,
                    "server closed"
                );
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            self.stdout.read_exact(&mut body).unwrap();
            let message: Value = serde_json::from_slice(&body).unwrap();
            if wanted(&message) {
                return message;
            }
        }
    }

    fn resident_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// 20 KB of real copy (a paragraph more): paragraphs of the shared
/// articles in name order.
fn article() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/articles");
    let mut names = Vec::new();
    let mut folders = vec![root];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).expect("the benchmark needs ../shared/articles");
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                names.push(path);
            }
        }
    }
    names.sort();
    let mut text = String::new();
    for name in names {
        let story = std::fs::read_to_string(name).unwrap_or_default();
        for paragraph in story.split("\n\n") {
            text.push_str(paragraph.trim_end());
            text.push_str("\n\n");
            if text.len() >= ARTICLE_BYTES {
                return text;
            }
        }
    }
    text
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn percentile(mut values: Vec<Duration>, p: usize) -> Duration {
    values.sort();
    values[(values.len() * p / 100).min(values.len() - 1)]
}

fn main() {
    let dir = std::env::temp_dir().join(format!("copydesk-server-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let starts: Vec<Duration> = (0..20).map(|_| Server::start(&dir).1).collect();
    println!(
        "start (spawn to initialize answer), 20 runs: median {:?}, max {:?}",
        median(starts.clone()),
        starts.iter().max().unwrap()
    );

    let text = article();
    let lines = text.lines().count();
    let (mut server, _) = Server::start(&dir);
    let uri = format!("file://{}/article.txt", dir.display());
    let opened = Instant::now();
    server.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}),
    );
    let first = server.until(|m| m["method"] == "textDocument/publishDiagnostics");
    println!(
        "article: {} bytes, {lines} lines, {} findings; first lint (configuration included): {:?}",
        text.len(),
        first["params"]["diagnostics"]
            .as_array()
            .map_or(0, Vec::len),
        opened.elapsed()
    );

    let mut latencies = Vec::new();
    let mut resident = Vec::new();
    for version in 2..=10_001 {
        // Type a letter somewhere, then delete it: the text comes back.
        let line = (version as usize * 7) % lines;
        let edit = if version % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
        } else {
            let previous = ((version as usize - 1) * 7) % lines;
            json!({"range": {"start": {"line": previous, "character": 0}, "end": {"line": previous, "character": 1}}, "text": ""})
        };
        let sent = Instant::now();
        server.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}}),
        );
        server.until(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        });
        latencies.push(sent.elapsed());
        if version == 1_001 || version == 10_001 {
            resident.push((version - 1, server.resident_kib()));
        }
    }
    println!(
        "relint after one edit, 10,000 edits: median {:?}, p90 {:?}, p99 {:?}",
        median(latencies.clone()),
        percentile(latencies.clone(), 90),
        percentile(latencies, 99)
    );
    for (edits, kib) in resident {
        println!(
            "resident memory after {edits} edits: {:.1} MB",
            kib as f64 / 1024.0
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
