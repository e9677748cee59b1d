//! Archive rules over a made-up archive of several hundred articles, whose
//! strays are known: "Kiev" after the house moved to "Kyiv" in 2019, a name
//! the house style spells one way written three ways (Gaddafi), a name in
//! three transliterations found by the archive itself (Qassem), straight
//! quotes in a folder of curly ones.
//! Also: the real articles stay quiet but for what an editor would defend,
//! shards merged give the single run's result, and the cache keeps records.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use support::copydesk;

/// Deterministic numbers for varied made-up copy.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        ((self.0 >> 33) as usize) % sides
    }
}

const PEOPLE: [&str; 6] = [
    "Okonjo",
    "Brandt",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Ferreira",
];
const TOPICS: [&str; 4] = ["budget", "harvest", "election", "railway"];

/// What the made-up archive holds, to check the findings against.
struct Made {
    /// Articles of 2019 on that write "Kyiv", and those that write "Kiev".
    kyiv_since_2019: usize,
    kiev_strays: BTreeSet<String>,
    gaddafi: usize,
    other_spellings: BTreeSet<String>,
    qassem: usize,
    other_transliterations: BTreeSet<String>,
    culture_curly: usize,
    culture_straight: BTreeSet<String>,
}

fn article(date: &str, body: &str) -> String {
    format!("---\ntitle: A report\ndate: {date}\nlang: en\n---\n\n{body}\n")
}

fn quote(straight: bool, words: &str) -> String {
    if straight {
        format!("\"{words}\"")
    } else {
        format!("\u{201c}{words}\u{201d}")
    }
}

fn body(dice: &mut Dice, place: Option<&str>, leader: Option<&str>, straight: bool) -> String {
    body_with(dice, place, leader, None, straight)
}

fn body_with(
    dice: &mut Dice,
    place: Option<&str>,
    leader: Option<&str>,
    general: Option<&str>,
    straight: bool,
) -> String {
    let person = PEOPLE[dice.roll(PEOPLE.len())];
    let topic = TOPICS[dice.roll(TOPICS.len())];
    let mut text = format!(
        "The {topic} went ahead this week, officials said.\n\nMinister {person} told reporters: {}.\n",
        quote(straight, "We have done what we promised")
    );
    if let Some(place) = place {
        text.push_str(&format!(
            "\nTalks in {place} are expected to continue, according to {}.\n",
            quote(straight, "people close to the talks")
        ));
    }
    if let Some(general) = general {
        text.push_str(&format!(
            "\nDiplomats said General {general} had travelled to the region.\n"
        ));
    }
    if let Some(leader) = leader {
        text.push_str(&format!(
            "\nThe record of Colonel {leader} was discussed at length by the panel.\n"
        ));
    }
    text
}

fn make_archive(root: &Path) -> Made {
    let mut dice = Dice(7);
    let mut made = Made {
        kyiv_since_2019: 0,
        kiev_strays: BTreeSet::new(),
        gaddafi: 0,
        other_spellings: BTreeSet::new(),
        qassem: 0,
        other_transliterations: BTreeSet::new(),
        culture_curly: 0,
        culture_straight: BTreeSet::new(),
    };
    let write = |folder: &str, index: usize, date: String, body: String| {
        let name = format!("{folder}/{index:03}.md");
        std::fs::create_dir_all(root.join(folder)).unwrap();
        std::fs::write(root.join(&name), article(&date, &body)).unwrap();
        name
    };
    // world/: 160 articles from 2015 to 2022 about Ukraine.
    for index in 0..160 {
        let year = 2015 + index % 8;
        let date = format!("{year}-0{}-1{}", 1 + dice.roll(9), dice.roll(10));
        let stray = year >= 2020 && index % 37 == 0;
        let place = if year < 2019 || stray { "Kiev" } else { "Kyiv" };
        let name = write(
            "world",
            index,
            date,
            body(&mut dice, Some(place), None, false),
        );
        if stray {
            made.kiev_strays.insert(name);
        } else if year >= 2019 {
            made.kyiv_since_2019 += 1;
        }
    }
    // politics/: 120 articles, 46 about Libya with one name spelled three ways.
    for index in 0..120 {
        let date = format!("2011-0{}-2{}", 1 + dice.roll(9), dice.roll(8));
        let leader = match index {
            17 => Some("Qaddafi"),
            55 => Some("Kadhafi"),
            88 => Some("Qaddafi"),
            i if i % 3 == 0 => Some("Gaddafi"),
            _ => None,
        };
        let general = match index {
            20 => Some("Qasem"),
            61 => Some("Ghasem"),
            i if i % 3 == 1 => Some("Qassem"),
            _ => None,
        };
        let text = body_with(&mut dice, None, leader, general, false);
        let name = write("politics", index, date, text);
        match general {
            Some("Qassem") => made.qassem += 1,
            Some(_) => {
                made.other_transliterations.insert(name.clone());
            }
            None => {}
        }
        match leader {
            Some("Gaddafi") => made.gaddafi += 1,
            Some(_) => {
                made.other_spellings.insert(name);
            }
            None => {}
        }
    }
    // culture/: 60 articles with curly quotes, but for a few filed straight.
    for index in 0..60 {
        let date = format!("2021-1{}-0{}", dice.roll(3), 1 + dice.roll(9));
        let straight = index % 13 == 5;
        let name = write(
            "culture",
            index,
            date,
            body(&mut dice, None, None, straight),
        );
        if straight {
            made.culture_straight.insert(name);
        } else {
            made.culture_curly += 1;
        }
    }
    made
}

/// Every archive finding of a JSON-lines run: (rule, path, message).
fn archive_findings(stdout: &[u8]) -> Vec<(String, String, String)> {
    let text = String::from_utf8_lossy(stdout);
    let mut found: Vec<(String, String, String)> = text
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|finding| {
            finding["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("archive."))
        })
        .map(|finding| {
            let field = |name: &str| finding[name].as_str().unwrap_or_default().to_string();
            (field("rule"), field("path"), field("message"))
        })
        .collect();
    found.sort();
    found
}

fn paths_of(found: &[(String, String, String)], rule: &str) -> BTreeSet<String> {
    found
        .iter()
        .filter(|f| f.0 == rule)
        .map(|f| f.1.clone())
        .collect()
}

#[test]
fn exactly_the_strays_of_a_made_up_archive_are_reported_with_counts() {
    let dir = tempfile::tempdir().unwrap();
    let made = make_archive(dir.path());
    let output = copydesk(
        dir.path(),
        &["check", "--format", "jsonl", "--fail-on", "never"],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        support::text(&output.stderr)
    );
    let found = archive_findings(&output.stdout);

    let variants: BTreeSet<String> = made
        .kiev_strays
        .union(&made.other_spellings)
        .cloned()
        .collect();
    assert_eq!(paths_of(&found, "archive.variant"), variants, "{found:#?}");
    let kyiv_total = made.kyiv_since_2019 + made.kiev_strays.len();
    let kyiv_message = format!(
        "this archive writes 'Kyiv' in {} articles ({}%) since 2019; this one writes 'Kiev'",
        made.kyiv_since_2019,
        made.kyiv_since_2019 * 100 / kyiv_total
    );
    for stray in &made.kiev_strays {
        let message = found.iter().find(|f| &f.1 == stray).map(|f| f.2.as_str());
        assert_eq!(message, Some(kyiv_message.as_str()));
    }

    // The house style's consistency group (style.spelling-consistency).
    let gaddafi_total = made.gaddafi + made.other_spellings.len();
    let share = made.gaddafi * 100 / gaddafi_total;
    for spelling in ["Qaddafi", "Kadhafi"] {
        let wanted = format!(
            "this archive writes 'Gaddafi' in {} articles ({share}%); this one writes '{spelling}'",
            made.gaddafi
        );
        assert!(
            found.iter().any(|f| f.2 == wanted),
            "{found:#?}\nwanted: {wanted}"
        );
    }

    // Found by the archive, in no list.
    let names = paths_of(&found, "archive.name");
    assert_eq!(names, made.other_transliterations, "{found:#?}");
    let qassem_total = made.qassem + made.other_transliterations.len();
    let share = made.qassem * 100 / qassem_total;
    for spelling in ["Qasem", "Ghasem"] {
        let wanted = format!(
            "this archive writes 'Qassem' in {} articles ({share}%); this one writes '{spelling}' \
             (spellings of one name found in the archive)",
            made.qassem
        );
        assert!(
            found.iter().any(|f| f.2 == wanted),
            "{found:#?}\nwanted: {wanted}"
        );
    }

    assert_eq!(
        paths_of(&found, "archive.style"),
        made.culture_straight,
        "{found:#?}"
    );
    let culture_total = made.culture_curly + made.culture_straight.len();
    let wanted = format!(
        "folder culture uses curly quotes in {} of {culture_total} articles ({}%); this one uses straight quotes",
        made.culture_curly,
        made.culture_curly * 100 / culture_total
    );
    assert!(
        found
            .iter()
            .filter(|f| f.0 == "archive.style")
            .all(|f| f.2.starts_with(&wanted)),
        "{found:#?}\nwanted: {wanted}"
    );
}

#[test]
fn shards_merged_give_exactly_the_single_run() {
    let dir = tempfile::tempdir().unwrap();
    make_archive(dir.path());
    let jsonl = ["--format", "jsonl", "--fail-on", "never"];
    let single = copydesk(dir.path(), &[&["check"][..], &jsonl].concat());
    let single_report = copydesk(dir.path(), &["report", "--fail-on", "never"]);
    assert_eq!(single_report.status.code(), Some(0));

    let shards = 3;
    let mut per_file = Vec::new();
    let mut records = Vec::new();
    for k in 1..=shards {
        let stats = format!("shard-{k}.jsonl");
        let shard = format!("{k}/{shards}");
        let args = [&["check", "--shard", &shard, "--stats", &stats][..], &jsonl].concat();
        let output = copydesk(dir.path(), &args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            support::text(&output.stderr)
        );
        // A shard judges nothing on its own.
        assert!(archive_findings(&output.stdout).is_empty());
        per_file.extend(support::text(&output.stdout).lines().map(String::from));
        records.push(stats);
    }
    // Every file went to exactly one shard.
    let lines = |path: &str| {
        std::fs::read_to_string(dir.path().join(path))
            .unwrap()
            .lines()
            .count()
    };
    assert_eq!(records.iter().map(|r| lines(r)).sum::<usize>(), 340);
    assert!(records.iter().all(|r| lines(r) > 50), "shards are uneven");

    // Shards in any order.
    let merge_args = |format: &'static str| {
        let mut args = vec!["merge", "--format", format, "--fail-on", "never"];
        args.extend(records.iter().rev().map(String::as_str));
        args
    };
    let merged = copydesk(dir.path(), &merge_args("jsonl"));
    assert_eq!(
        merged.status.code(),
        Some(0),
        "{}",
        support::text(&merged.stderr)
    );
    let merged_findings = archive_findings(&merged.stdout);
    assert!(!merged_findings.is_empty());
    assert_eq!(merged_findings, archive_findings(&single.stdout));
    // The merged findings point where the single run's do, line and column.
    let archive_lines = |out: &[u8]| {
        let mut lines: Vec<String> = support::text(out)
            .lines()
            .filter(|line| line.contains("\"rule\":\"archive."))
            .map(String::from)
            .collect();
        lines.sort();
        lines
    };
    assert_eq!(archive_lines(&merged.stdout), archive_lines(&single.stdout));
    // The per-file findings of the shards are the single run's.
    let mut single_per_file: Vec<String> = support::text(&single.stdout)
        .lines()
        .filter(|line| !line.contains("\"rule\":\"archive."))
        .map(String::from)
        .collect();
    single_per_file.sort();
    per_file.sort();
    assert_eq!(per_file, single_per_file);

    let merged_report = copydesk(dir.path(), &merge_args("html"));
    assert_eq!(merged_report.status.code(), Some(0));
    assert!(support::text(&merged_report.stdout).contains("<svg class=\"chart\""));
    assert_eq!(
        support::text(&merged_report.stdout),
        support::text(&single_report.stdout)
    );
}

#[test]
fn a_warm_cache_keeps_the_records_and_gives_the_same_archive_findings() {
    let dir = tempfile::tempdir().unwrap();
    make_archive(dir.path());
    let args = [
        "check",
        "--cache=cache",
        "--format",
        "jsonl",
        "--fail-on",
        "never",
    ];
    let cold = copydesk(dir.path(), &args);
    assert_eq!(
        cold.status.code(),
        Some(0),
        "{}",
        support::text(&cold.stderr)
    );
    let index: String = std::fs::read_dir(dir.path().join("cache"))
        .unwrap()
        .filter_map(|entry| std::fs::read_to_string(entry.unwrap().path()).ok())
        .collect();
    assert_eq!(
        index.matches("\"variant_group\"").count(),
        340,
        "a record per article"
    );
    let warm = copydesk(dir.path(), &args);
    assert!(!archive_findings(&warm.stdout).is_empty());
    assert_eq!(
        archive_findings(&warm.stdout),
        archive_findings(&cold.stdout)
    );

    // A kept record made under other `[archive]` settings is made again.
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[archive.style]\nmajority = 0.99\n",
    )
    .unwrap();
    let stricter = copydesk(dir.path(), &args);
    assert!(paths_of(&archive_findings(&stricter.stdout), "archive.style").is_empty());
}

#[test]
fn junit_adds_archive_findings_to_each_files_own_case() {
    let dir = tempfile::tempdir().unwrap();
    let made = make_archive(dir.path());
    let output = copydesk(
        dir.path(),
        &["check", "--format", "junit", "--fail-on", "never"],
    );
    let xml = support::text(&output.stdout);
    assert_eq!(xml.matches("<testcase ").count(), 340, "one case per file");
    let stray = made.kiev_strays.iter().next().unwrap();
    let case = xml
        .split("<testcase ")
        .find(|case| case.contains(stray.as_str()))
        .unwrap();
    assert!(case.contains("[archive.variant]"), "{case}");
}

/// The archive findings on the real articles: only what an editor would
/// defend. Straight quotes in a folder (or source) of curly ones and the
/// reverse, two misspellings the archive otherwise spells right, and one
/// British spelling in an archive that writes the American one.
const REAL_ARCHIVE_FINDINGS: &[(&str, &str, &str)] = &[
    ("archive.style", "press-en/en-irishtimes-contrast-0115.md", "folder press-en uses curly quotes in 77 of 78 articles (98%) among undated articles; this one uses straight quotes (2 of 2 quotation marks)"),
    ("archive.style", "press-fr/fr-be-dh-0071.md", "folder press-fr uses straight quotes in 100 of 105 articles (95%); this one uses curly quotes (4 of 4 quotation marks)"),
    ("archive.style", "press-fr/fr-be-dh-0118.md", "folder press-fr uses straight quotes in 100 of 105 articles (95%); this one uses guillemets (4 of 4 quotation marks)"),
    ("archive.style", "press-fr/fr-be-dh-0154.md", "folder press-fr uses straight quotes in 100 of 105 articles (95%); this one uses guillemets (4 of 6 quotation marks)"),
    ("archive.style", "press-fr/fr-be-dh-0368.md", "folder press-fr uses straight quotes in 100 of 105 articles (95%); this one uses curly quotes (4 of 4 quotation marks)"),
    ("archive.style", "press-fr/fr-be-dh-0393.md", "folder press-fr uses straight quotes in 100 of 105 articles (95%); this one uses guillemets (13 of 14 quotation marks)"),
    ("archive.name", "reuters/00181.txt", "this archive writes 'Treasury' in 20 articles (95%); this one writes 'Treassury' (spellings of one name found in the archive)"),
    ("archive.name", "reuters/04883.txt", "this archive writes 'Commission' in 55 articles (96%); this one writes 'Commmission' (spellings of one name found in the archive)"),
    ("archive.name", "reuters/04927.txt", "this archive writes 'Commission' in 55 articles (96%); this one writes 'Commmission' (spellings of one name found in the archive)"),
    ("archive.variant", "reuters/05534.txt", "this archive writes 'focused' in 10 articles (90%); this one writes 'focussed'"),
    ("archive.style", "wikinews-de/6506.md", "folder wikinews-de uses curly quotes in 85 of 86 articles (98%); this one uses straight quotes (2 of 2 quotation marks)"),
];

#[test]
fn the_real_articles_give_only_defensible_archive_findings() {
    let Some(articles) = support::articles() else {
        return;
    };
    let output = copydesk(
        &articles,
        &["check", "--format", "jsonl", "--fail-on", "never"],
    );
    let found: Vec<(String, String, String)> = archive_findings(&output.stdout)
        .into_iter()
        .map(|(rule, path, message)| {
            let path = path.trim_start_matches("./").to_string();
            (rule, path, message)
        })
        .collect();
    let mut wanted: Vec<(String, String, String)> = REAL_ARCHIVE_FINDINGS
        .iter()
        .map(|(r, p, m)| (r.to_string(), p.to_string(), m.to_string()))
        .collect();
    wanted.sort();
    assert_eq!(found, wanted);
}

#[test]
fn archive_rules_take_levels_select_and_ignore_like_any_rule() {
    let dir = tempfile::tempdir().unwrap();
    make_archive(dir.path());
    let run = |extra: &[&str]| {
        let args = [
            &["check", "--format", "jsonl", "--fail-on", "never"][..],
            extra,
        ]
        .concat();
        let output = copydesk(dir.path(), &args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            support::text(&output.stderr)
        );
        output.stdout
    };
    let ignored = archive_findings(&run(&["--ignore", "archive.style"]));
    assert!(paths_of(&ignored, "archive.style").is_empty());
    assert!(!paths_of(&ignored, "archive.variant").is_empty());
    let none = archive_findings(&run(&["--ignore", "archive"]));
    assert!(none.is_empty(), "{none:#?}");
    let only_names = archive_findings(&run(&["--select", "archive.name"]));
    assert!(only_names.iter().all(|f| f.0 == "archive.name") && !only_names.is_empty());

    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[severity]\n\"archive.variant\" = \"error\"\n",
    )
    .unwrap();
    let stdout = run(&[]);
    let errors = String::from_utf8_lossy(&stdout)
        .lines()
        .filter(|line| {
            line.contains("\"rule\":\"archive.variant\"") && line.contains("\"severity\":\"error\"")
        })
        .count();
    assert!(errors > 0);
}

#[test]
fn the_report_stands_alone_and_shows_totals_charts_and_clusters() {
    let dir = tempfile::tempdir().unwrap();
    make_archive(dir.path());
    let output = copydesk(dir.path(), &["report", "--fail-on", "never"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        support::text(&output.stderr)
    );
    let html = support::text(&output.stdout);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["src=", "href=", "@import", "url("] {
        assert!(
            !html.contains(external),
            "the report loads something: {external}"
        );
    }
    assert!(html.contains(r#"data-total="articles"><div class="value">340<"#));
    let kyiv = html
        .split("<figure ")
        .find(|figure| figure.contains("Kyiv (en)"))
        .expect("a chart for Kyiv");
    assert!(kyiv.contains("reported") && kyiv.contains("<svg class=\"chart\""));
    assert!(
        kyiv.contains("2015") && kyiv.contains("2022"),
        "years on the axis"
    );
    assert!(
        html.contains("Qassem (en)"),
        "the discovered name's cluster"
    );
    assert!(html.contains("<table class=\"sortable\">"));
}

#[test]
fn without_a_temporary_file_the_archive_rules_stand_down_and_the_rest_runs() {
    let dir = tempfile::tempdir().unwrap();
    make_archive(dir.path());
    let run = |tmpdir: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["check", "--stats", "records.jsonl", "--format", "jsonl"])
            .args(["--fail-on", "never"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .env("TMPDIR", tmpdir)
            .output()
            .expect("the copydesk binary runs")
    };
    let normal = run(&std::env::temp_dir());
    let records = std::fs::read_to_string(dir.path().join("records.jsonl")).unwrap();
    let missing = run(&dir.path().join("no-such-folder"));
    let stderr = support::text(&missing.stderr);
    assert_eq!(missing.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("archive rules not run: no temporary file"),
        "{stderr}"
    );
    assert!(archive_findings(&missing.stdout).is_empty());
    assert!(!archive_findings(&normal.stdout).is_empty());
    // Every per-file finding and every record is still there.
    let per_file = |stdout: &[u8]| {
        support::text(stdout)
            .lines()
            .filter(|line| !line.contains("\"archive."))
            .count()
    };
    assert_eq!(per_file(&missing.stdout), per_file(&normal.stdout));
    let again = std::fs::read_to_string(dir.path().join("records.jsonl")).unwrap();
    assert_eq!(again, records);
}

#[cfg(target_os = "linux")]
#[test]
fn a_records_file_that_fills_up_stops_the_records_not_the_archive_rules() {
    let dir = tempfile::tempdir().unwrap();
    make_archive(dir.path());
    let args = ["check", "--format", "jsonl", "--fail-on", "never"];
    let without = copydesk(dir.path(), &args);
    let full = copydesk(dir.path(), &[&args[..], &["--stats", "/dev/full"]].concat());
    let stderr = support::text(&full.stderr);
    assert_eq!(full.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("records not written to /dev/full"),
        "{stderr}"
    );
    assert!(!archive_findings(&without.stdout).is_empty());
    assert_eq!(
        archive_findings(&full.stdout),
        archive_findings(&without.stdout)
    );
}
