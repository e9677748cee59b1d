#!/usr/bin/env bash
# The "Run copydesk" step of the GitHub Action (action.yml), kept in a file so
# that tests/action.rs can run it with a made-up runner environment.
#
# copydesk lints once, writing JSON; action/report.py turns that JSON into the
# annotations (at most GitHub's 10 a kind, the rest as log lines), the job
# summary (every finding, by file) and the step's outputs. A format other than
# `github` or `json`, and the `sarif` file, need copydesk's own renderers
# (SARIF carries every rule's description), so each of those is one more run.
#
# Inputs arrive as INPUT_* variables that action.yml sets (composite actions
# get none of their own); COPYDESK_BIN is the binary the install step left.
# The exit code is the lint's: 0 clean, 1 findings at or above fail-on, 2 when
# copydesk could not do its job (any of its runs).
#
# Written for bash 3.2 as well (macOS's own): no `set -u`, under which bash
# before 4.4 calls an empty array unset.
set -o pipefail

bin=${COPYDESK_BIN:-copydesk}
format=${INPUT_FORMAT:-github}
fail_on=${INPUT_FAIL_ON:-}
baseline=${INPUT_BASELINE:-}
changed=${INPUT_CHANGED:-}
sarif=${INPUT_SARIF:-}
summary=${INPUT_SUMMARY:-true}
temp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

stop() {
  echo "::error title=copydesk action::$1"
  exit 2
}

# Split at any white space, new lines included (a YAML block of paths), with
# no quoting and no glob expansion.
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}"
read -r -d '' -a extra <<<"${INPUT_ARGS:-}"

for arg in "${extra[@]}"; do
  case "$arg" in
    --format | --format=*) stop "set the output format with the action's \`format\` input, not in \`args\`" ;;
    --fail-on | --fail-on=*) stop "set \`fail-on\` with the action's \`fail-on\` input, not in \`args\`" ;;
    --diff | --write-baseline | --write-baseline=*)
      stop "\`$arg\` reports no findings, so the action has nothing to show; run copydesk in a step of its own" ;;
  esac
done

case "$summary" in
  true | false) ;;
  *) stop "the \`summary\` input is \`true\` or \`false\`, not \`$summary\`" ;;
esac

# What every run shares: the lint's own flags, then `args`, then the paths.
common=()
if [ -n "$baseline" ]; then
  common+=(--baseline "$baseline")
fi
if [ -n "$changed" ]; then
  common+=("--changed=$changed")
fi
common+=("${extra[@]}" "${paths[@]}")

work=$(mktemp -d "$temp/copydesk.XXXXXX") || stop "cannot create a folder in $temp"
findings="$work/findings.json"

# python3 renders the annotations and the summary; GitHub's hosted runners
# have it (as `python` on Windows). Without it, copydesk's own `github`
# format still gives the annotations.
python=""
for candidate in python3 python; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 8))' >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done

gate=()
if [ -n "$fail_on" ]; then
  gate=(--fail-on "$fail_on")
fi

worst=0
note_failure() {
  if [ "$1" -ge 2 ]; then
    worst=2
  fi
}

if [ -z "$python" ]; then
  echo "::warning title=copydesk action::no Python 3 on this runner: annotations come straight from copydesk, and there is no job summary"
  "$bin" check --format "$format" "${gate[@]}" "${common[@]}"
  status=$?
else
  "$bin" check --format json "${gate[@]}" "${common[@]}" >"$findings"
  status=$?
  case "$format" in
    github) ;;
    json) cat "$findings" ;;
    *)
      "$bin" check --format "$format" --fail-on never "${common[@]}"
      note_failure $?
      ;;
  esac
fi

if [ -n "$sarif" ]; then
  mkdir -p "$(dirname "$sarif")"
  "$bin" check --format sarif --fail-on never "${common[@]}" >"$sarif"
  sarif_status=$?
  note_failure $sarif_status
  # A lint that already failed with 2 has said why; a SARIF run that alone
  # fails has not.
  if [ "$sarif_status" -ge 2 ] && [ "$status" -lt 2 ]; then
    echo "::error title=copydesk action::the SARIF run failed (exit code $sarif_status); $sarif may be incomplete"
  fi
fi

if [ -n "$python" ]; then
  report=("$findings" --exit-code "$status")
  if [ "$format" = github ]; then
    report+=(--annotations)
  fi
  if [ "$summary" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    report+=(--summary "$GITHUB_STEP_SUMMARY")
  fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    report+=(--outputs "$GITHUB_OUTPUT")
  fi
  "$python" "$here/report.py" "${report[@]}" || note_failure 2
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$status"
    if [ -n "$sarif" ]; then
      echo "sarif=$sarif"
    fi
  } >>"$GITHUB_OUTPUT"
fi

rm -rf "$work"
if [ "$worst" -ge 2 ]; then
  exit 2
fi
exit "$status"
