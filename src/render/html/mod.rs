//! `html`: the archive report, one self-contained page (no network, no
//! external file) an editor reads at a glance: totals by rule, severity and
//! folder; findings over time; each variant cluster's forms per year as a
//! small chart; and every finding with its file and line, in tables that
//! sort by any column with a few lines of script.

mod charts;

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::archive::{ArchiveOutcome, ReportRow, Series};

/// At most this many findings are listed; the totals count them all.
pub const MAX_LISTED: usize = 5000;

/// At most this many clusters get a chart.
const MAX_CHARTS: usize = 36;

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("sort.js");

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// The report of an archive pass, titled `title` (what was checked).
pub fn report(title: &str, archive: &ArchiveOutcome) -> String {
    let rows = &archive.rows;
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>copydesk report: {}</title><style>{STYLE}</style></head><body>\n",
        escape(title)
    );
    let _ = write!(
        html,
        "<header><h1>Copy desk report</h1><p class=\"sub\">{}</p></header>\n<main>\n",
        escape(title)
    );
    html.push_str(&totals(archive));
    html.push_str(&over_time(rows));
    html.push_str(&by_rule(rows));
    html.push_str(&by_folder(archive));
    html.push_str(&clusters(&archive.series));
    html.push_str(&findings(rows));
    let _ = write!(html, "</main>\n<script>{SCRIPT}</script>\n</body></html>\n");
    html
}

fn count_severity(rows: &[ReportRow], severity: &str) -> usize {
    rows.iter().filter(|row| row.severity == severity).count()
}

fn totals(archive: &ArchiveOutcome) -> String {
    let rows = &archive.rows;
    let archive_findings = rows
        .iter()
        .filter(|r| r.rule.starts_with("archive."))
        .count();
    let reported = archive.series.iter().filter(|s| s.reported).count();
    let cards = [
        ("articles", archive.files, "total"),
        ("findings", rows.len(), "total"),
        ("errors", count_severity(rows, "error"), "error"),
        ("warnings", count_severity(rows, "warning"), "warning"),
        ("info", count_severity(rows, "info"), "info"),
        ("archive findings", archive_findings, "archive"),
        ("inconsistent names and terms", reported, "archive"),
    ];
    let mut html = String::from("<section id=\"totals\" class=\"cards\">");
    for (label, value, class) in cards {
        let _ = write!(
            html,
            "<div class=\"card {class}\" data-total=\"{label}\"><div class=\"value\">{value}</div>\
             <div class=\"label\">{label}</div></div>"
        );
    }
    html.push_str("</section>\n");
    html
}

fn over_time(rows: &[ReportRow]) -> String {
    let mut by_severity: BTreeMap<&str, BTreeMap<Option<i32>, usize>> = BTreeMap::new();
    for row in rows {
        *by_severity
            .entry(row.severity.as_str())
            .or_default()
            .entry(row.year)
            .or_default() += 1;
    }
    let series: Vec<(String, BTreeMap<Option<i32>, usize>)> = ["error", "warning", "info"]
        .iter()
        .filter_map(|s| by_severity.remove(s).map(|counts| (s.to_string(), counts)))
        .collect();
    let axis = charts::year_axis(series.iter().flat_map(|(_, c)| c.keys()));
    let mut html = String::from(
        "<section id=\"over-time\"><h2>Findings over time</h2>\
         <p class=\"hint\">By the article's date; undated articles last (n.d.).</p>",
    );
    if axis.is_empty() {
        html.push_str("<p>No findings.</p>");
    } else {
        html.push_str(&charts::stacked_bars(
            "Findings per year",
            &axis,
            &series,
            900,
            180,
        ));
        html.push_str(&charts::legend(&series));
    }
    html.push_str("</section>\n");
    html
}

fn by_rule(rows: &[ReportRow]) -> String {
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for row in rows {
        let slot = match row.severity.as_str() {
            "error" => 0,
            "warning" => 1,
            _ => 2,
        };
        counts.entry(row.rule.as_str()).or_default()[slot] += 1;
    }
    let most = counts
        .values()
        .map(|c| c.iter().sum::<usize>())
        .max()
        .unwrap_or(1);
    let mut html = String::from(
        "<section id=\"by-rule\"><h2>By rule</h2><table class=\"sortable\"><thead><tr>\
         <th>Rule</th><th class=\"num\">Errors</th><th class=\"num\">Warnings</th>\
         <th class=\"num\">Info</th><th class=\"num\">Total</th><th>Share</th></tr></thead><tbody>",
    );
    for (rule, [errors, warnings, infos]) in &counts {
        let total = errors + warnings + infos;
        let _ = write!(
            html,
            "<tr><td><code>{}</code></td><td class=\"num\">{errors}</td><td class=\"num\">{warnings}</td>\
             <td class=\"num\">{infos}</td><td class=\"num\">{total}</td>\
             <td><span class=\"bar\" style=\"width:{}%\"></span></td></tr>",
            escape(rule),
            total * 100 / most.max(1)
        );
    }
    html.push_str("</tbody></table></section>\n");
    html
}

fn by_folder(archive: &ArchiveOutcome) -> String {
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for row in &archive.rows {
        let slot = match row.severity.as_str() {
            "error" => 0,
            "warning" => 1,
            _ => 2,
        };
        counts.entry(row.folder.as_str()).or_default()[slot] += 1;
    }
    let mut html = String::from(
        "<section id=\"by-folder\"><h2>By folder</h2><table class=\"sortable\"><thead><tr>\
         <th>Folder</th><th class=\"num\">Articles</th><th class=\"num\">Errors</th>\
         <th class=\"num\">Warnings</th><th class=\"num\">Info</th>\
         <th class=\"num\">Per article</th></tr></thead><tbody>",
    );
    for (folder, articles) in &archive.folders {
        let [errors, warnings, infos] = counts.get(folder.as_str()).copied().unwrap_or_default();
        let per = (errors + warnings + infos) as f64 / (*articles).max(1) as f64;
        let _ = write!(
            html,
            "<tr><td>{}</td><td class=\"num\">{articles}</td><td class=\"num\">{errors}</td>\
             <td class=\"num\">{warnings}</td><td class=\"num\">{infos}</td><td class=\"num\">{per:.2}</td></tr>",
            escape(folder)
        );
    }
    html.push_str("</tbody></table></section>\n");
    html
}

fn clusters(series: &[Series]) -> String {
    let mut html = String::from(
        "<section id=\"clusters\"><h2>Names and terms written several ways</h2>\
         <p class=\"hint\">Articles per year that write each form. <b>Reported</b>: the articles \
         that write a minority form are in the findings. <i>Suggestion</i>: an editor may confirm \
         a name's spellings in <code>copydesk.toml</code> (<code>[archive.names] confirmed</code>).</p>\
         <div class=\"clusters\">",
    );
    let mut shown: Vec<&Series> = series.iter().collect();
    // Reported first, then the most written.
    shown.sort_by_key(|s| {
        let total: usize = s.forms.iter().map(|(_, y)| y.values().sum::<usize>()).sum();
        (!s.reported, std::cmp::Reverse(total))
    });
    if shown.is_empty() {
        html.push_str("<p>Every name and term is written one way.</p>");
    }
    for one in shown.iter().take(MAX_CHARTS) {
        let forms: Vec<(String, BTreeMap<Option<i32>, usize>)> = one.forms.clone();
        let axis = charts::year_axis(forms.iter().flat_map(|(_, c)| c.keys()));
        let (badge, class) = if one.reported {
            ("reported", "reported")
        } else {
            ("suggestion", "suggestion")
        };
        let _ = write!(
            html,
            "<figure class=\"cluster {class}\" data-kind=\"{}\"><figcaption><span class=\"badge\">{badge}</span> \
             {}</figcaption>{}{}</figure>",
            one.kind,
            escape(&one.label),
            charts::stacked_bars(&one.label, &axis, &forms, 280, 110),
            charts::legend(&forms)
        );
    }
    html.push_str("</div>");
    if shown.len() > MAX_CHARTS {
        let _ = write!(
            html,
            "<p class=\"hint\">{} more not drawn.</p>",
            shown.len() - MAX_CHARTS
        );
    }
    html.push_str("</section>\n");
    html
}

fn findings(rows: &[ReportRow]) -> String {
    let mut html = String::from(
        "<section id=\"findings\"><h2>Findings</h2><p class=\"hint\">Click a column to sort. \
         Archive findings first.</p><table class=\"sortable\"><thead><tr><th>File</th>\
         <th class=\"num\">Line</th><th>Severity</th><th>Rule</th><th>Message</th></tr></thead><tbody>",
    );
    let mut listed: Vec<&ReportRow> = rows.iter().collect();
    listed.sort_by_key(|row| !row.rule.starts_with("archive."));
    for row in listed.iter().take(MAX_LISTED) {
        let _ = write!(
            html,
            "<tr class=\"{}\"><td class=\"path\">{}</td><td class=\"num\">{}</td><td>{}</td>\
             <td><code>{}</code></td><td>{}</td></tr>",
            escape(&row.severity),
            escape(&row.path),
            row.line,
            escape(&row.severity),
            escape(&row.rule),
            escape(&row.message)
        );
    }
    html.push_str("</tbody></table>");
    if rows.len() > MAX_LISTED {
        let _ = write!(
            html,
            "<p class=\"hint\">{} more findings not listed (the totals count them).</p>",
            rows.len() - MAX_LISTED
        );
    }
    html.push_str("</section>\n");
    html
}
