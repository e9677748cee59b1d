//! The report's charts, drawn as inline SVG: bars of findings per year, and
//! each variant cluster's forms per year.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::escape;

/// Colours of a cluster's forms, the main form first: dark blue, then
/// contrasting warm colours so that a stray form stands out.
pub const PALETTE: [&str; 6] = [
    "#2b5c8a", "#d9822b", "#c23b3b", "#6a9f3a", "#8a5cb0", "#7a7a7a",
];

/// The label of a year bucket; undated articles are "n.d.".
fn year_label(year: Option<i32>) -> String {
    year.map_or_else(|| "n.d.".to_string(), |year| year.to_string())
}

/// Every year from the first to the last dated one (gaps included, so that
/// time reads evenly), then the undated bucket if any.
pub fn year_axis<'a>(keys: impl Iterator<Item = &'a Option<i32>>) -> Vec<Option<i32>> {
    let keys: Vec<Option<i32>> = keys.copied().collect();
    let dated: Vec<i32> = keys.iter().flatten().copied().collect();
    let mut years = dated.clone();
    years.sort_unstable();
    years.dedup();
    let mut axis: Vec<Option<i32>> = match (years.first(), years.last()) {
        // Every year between, so that time reads evenly; but a long gap
        // (1987 to 2019) would be a row of empty bars: then the years with
        // articles only.
        (Some(&first), Some(&last)) if (last - first + 1) as usize <= 2 * years.len() + 2 => {
            (first..=last).map(Some).collect()
        }
        _ => years.into_iter().map(Some).collect(),
    };
    if keys.contains(&None) {
        axis.push(None);
    }
    axis
}

/// Stacked bars: for each year of `axis`, one segment per series.
/// `series` holds (name, count per year); `width` and `height` are the SVG's.
pub fn stacked_bars(
    title: &str,
    axis: &[Option<i32>],
    series: &[(String, BTreeMap<Option<i32>, usize>)],
    width: u32,
    height: u32,
) -> String {
    let totals: Vec<usize> = axis
        .iter()
        .map(|year| {
            series
                .iter()
                .map(|(_, c)| c.get(year).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let most = totals.iter().copied().max().unwrap_or(0).max(1);
    let (left, bottom, top) = (34.0, 18.0, 8.0);
    let plot_width = f64::from(width) - left - 4.0;
    let plot_height = f64::from(height) - bottom - top;
    let slot = plot_width / axis.len().max(1) as f64;
    let bar = (slot * 0.72).max(1.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         aria-label=\"{}\"><title>{}</title>",
        escape(title),
        escape(title)
    );
    let _ = write!(
        svg,
        "<line x1=\"{left}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" class=\"axis\"/>\
         <text x=\"{tx}\" y=\"{ty}\" class=\"tick\" text-anchor=\"end\">{most}</text>",
        y = top + plot_height,
        x2 = f64::from(width) - 4.0,
        tx = left - 4.0,
        ty = top + 8.0,
    );
    // About one label per 40 pixels.
    let room = (width / 40).max(1) as usize;
    let label_every = axis.len().div_ceil(room).max(1);
    for (index, year) in axis.iter().enumerate() {
        let x = left + slot * index as f64 + (slot - bar) / 2.0;
        let mut y = top + plot_height;
        for (colour, (name, counts)) in PALETTE.iter().cycle().zip(series) {
            let count = counts.get(year).copied().unwrap_or(0);
            if count == 0 {
                continue;
            }
            let h = plot_height * count as f64 / most as f64;
            y -= h;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"{colour}\">\
                 <title>{}: {} in {count}</title></rect>",
                year_label(*year),
                escape(name),
            );
        }
        if index % label_every == 0 || year.is_none() {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" class=\"tick\" text-anchor=\"middle\">{}</text>",
                x + bar / 2.0,
                f64::from(height) - 4.0,
                year_label(*year)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A legend: each series' colour, name and total.
pub fn legend(series: &[(String, BTreeMap<Option<i32>, usize>)]) -> String {
    let mut html = String::from("<ul class=\"legend\">");
    for (colour, (name, counts)) in PALETTE.iter().cycle().zip(series) {
        let total: usize = counts.values().sum();
        let _ = write!(
            html,
            "<li><span class=\"swatch\" style=\"background:{colour}\"></span>{} <b>{total}</b></li>",
            escape(name)
        );
    }
    html.push_str("</ul>");
    html
}
