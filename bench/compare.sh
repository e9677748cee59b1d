#!/usr/bin/env bash
# Measure copydesk end to end against `cat` and other prose linters.
#
# For people, not CI: it installs peers, builds a 50 MB corpus and takes
# minutes. Everything it makes lives in bench/out/ (git-ignored) or in
# $PEERS_DIR (outside the repository); article text is never committed.
#
#   bench/compare.sh                 build, install peers, measure, print
#   bench/compare.sh --update        ... and replace the "Latest run" block of BENCHMARKS.md
#   bench/compare.sh --no-peers      skip installing and running proselint / textlint
#   bench/compare.sh --copydesk PATH measure another build of copydesk
#
# Environment: ROUNDS (default 5), PEER_ROUNDS (3), CORPUS_MB (52),
# PEERS_DIR (/tmp/copydesk-bench-peers), ARTICLES (../shared/articles).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/bench/out"
articles="${ARTICLES:-$repo/../shared/articles}"
peers_dir="${PEERS_DIR:-/tmp/copydesk-bench-peers}"
rounds="${ROUNDS:-5}"
peer_rounds="${PEER_ROUNDS:-3}"
corpus_mb="${CORPUS_MB:-52}"
update=0
with_peers=1
copydesk=""

while [ $# -gt 0 ]; do
    case "$1" in
        --update) update=1 ;;
        --no-peers) with_peers=0 ;;
        --copydesk) copydesk="$2"; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

note() { printf '==> %s\n' "$*" >&2; }

if [ -z "$copydesk" ]; then
    note "building copydesk (release)"
    (cd "$repo" && cargo build --release --quiet)
    copydesk="$repo/target/release/copydesk"
fi

if [ ! -d "$articles" ]; then
    echo "no articles at $articles (set ARTICLES)" >&2
    exit 2
fi

note "building the corpus in $out"
mkdir -p "$out"
python3 "$repo/bench/make_corpus.py" --articles "$articles" --out "$out" --corpus-mb "$corpus_mb" >&2

proselint=""
textlint=""
textlintrc=""
if [ "$with_peers" = 1 ]; then
    mkdir -p "$peers_dir"
    # Each peer may fail to install (no network, a registry's refusal, an old
    # runtime): its row then says n/a and the rest still runs.
    if [ ! -x "$peers_dir/venv/bin/proselint" ]; then
        note "installing proselint into $peers_dir/venv"
        if python3 -m venv "$peers_dir/venv" >&2 \
            && "$peers_dir/venv/bin/pip" install --quiet proselint >&2; then
            :
        else
            note "proselint did not install; its row will say n/a"
        fi
    fi
    if [ -x "$peers_dir/venv/bin/proselint" ]; then proselint="$peers_dir/venv/bin/proselint"; fi

    if [ ! -x "$peers_dir/textlint/node_modules/.bin/textlint" ]; then
        note "installing textlint and its rules into $peers_dir/textlint"
        mkdir -p "$peers_dir/textlint"
        if command -v npm >/dev/null \
            && (cd "$peers_dir/textlint" \
                && { [ -f package.json ] || npm init -y >/dev/null; } \
                && npm install --silent --no-audit --no-fund textlint \
                    textlint-rule-date-weekday-mismatch \
                    @textlint-rule/textlint-rule-no-unmatched-pair >&2); then
            :
        else
            note "textlint did not install; its row will say n/a"
        fi
    fi
    if [ -x "$peers_dir/textlint/node_modules/.bin/textlint" ]; then
        textlint="$peers_dir/textlint/node_modules/.bin/textlint"
        textlintrc="$peers_dir/textlint/.textlintrc.json"
        cat > "$textlintrc" <<'JSON'
{
  "rules": {
    "date-weekday-mismatch": true,
    "@textlint-rule/no-unmatched-pair": true
  }
}
JSON
    fi
fi

note "measuring (rounds: $rounds, peers: $peer_rounds); this takes a few minutes"
args=(--copydesk "$copydesk" --out "$out" --rounds "$rounds" --peer-rounds "$peer_rounds"
      --small-article "$articles/000_58e6eba2e9345f1a.txt" --report "$out/results.md")
if [ -n "$proselint" ]; then args+=(--proselint "$proselint"); fi
if [ -n "$textlint" ]; then args+=(--textlint "$textlint" --textlintrc "$textlintrc"); fi
(cd "$repo" && python3 "$repo/bench/run_bench.py" "${args[@]}")

if [ "$update" = 1 ]; then
    python3 - "$repo/BENCHMARKS.md" "$out/results.md" <<'PY'
import sys
path, results = sys.argv[1], open(sys.argv[2]).read()
start, end = "<!-- latest-run:start -->", "<!-- latest-run:end -->"
text = open(path).read()
if start not in text or end not in text:
    sys.exit(f"{path} has no {start} ... {end} block")
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(f"{head}{start}\n{results}{end}{tail}")
PY
    note "updated BENCHMARKS.md"
fi
