#!/usr/bin/env bash
# Render the archive report of ../shared/articles in headless Chromium, take a
# screenshot, and check that the page the browser built holds the report's
# own content: the totals, at least one chart, at least one variant cluster,
# and the sorting script having run.
#
# Usage: tools/report-check.sh [OUT_DIR]   (default: target/report-check)
# Needs: chromium (Debian package `chromium`), ../shared/articles.
set -euo pipefail
cd "$(dirname "$0")/.."

articles="../shared/articles"
out="${1:-target/report-check}"
mkdir -p "$out"
if [ ! -d "$articles" ]; then
  echo "report-check: $articles is missing" >&2
  exit 1
fi
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "report-check: chromium is not installed (apt-get install chromium)" >&2
  exit 1
fi

cargo build --quiet
report="$out/report.html"
# Findings make the exit code 1; the report is written all the same.
status=0
target/debug/copydesk report "$articles" >"$report" || status=$?
if [ "$status" -gt 1 ]; then
  echo "report-check: copydesk report failed ($status)" >&2
  exit 1
fi

# No network: every asset must be inline.
if grep -Eq '<(script|link|img)[^>]+(src|href)=' "$report"; then
  echo "report-check: the report loads an external asset" >&2
  exit 1
fi

url="file://$(realpath "$report")"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
       --disable-extensions --window-size=1280,2400)
timeout 120 "$browser" "${flags[@]}" --screenshot="$out/report.png" "$url" 2>/dev/null
timeout 120 "$browser" "${flags[@]}" --dump-dom "$url" 2>/dev/null >"$out/report.dom.html"

fail() { echo "report-check: $1" >&2; exit 1; }
dom="$out/report.dom.html"
size=$(wc -c <"$out/report.png")
[ "$size" -gt 20000 ] || fail "the screenshot is nearly empty ($size bytes)"
grep -q 'data-sortable-tables="[1-9]' "$dom" || fail "the sorting script did not run"
articles_total=$(grep -o 'data-total="articles"><div class="value">[0-9]*' "$dom" | grep -o '[0-9]*$' || true)
[ "${articles_total:-0}" -gt 1000 ] || fail "the totals do not count the articles (${articles_total:-none})"
grep -q 'data-total="findings"><div class="value">[1-9]' "$dom" || fail "no findings total"
grep -q '<svg class="chart"' "$dom" || fail "no chart"
grep -q '<figure class="cluster' "$dom" || fail "no variant cluster"
grep -q 'class="cluster reported"' "$dom" || fail "no reported cluster"
grep -q 'archive\.' "$dom" || fail "no archive finding listed"
echo "report-check: ok ($articles_total articles; screenshot $out/report.png)"
