#!/usr/bin/env bash
# Seed, build and run every fuzz target for SECONDS each (default 60), one
# after another on one core; exit 1 when any target crashed (a panic, a
# broken invariant, a timeout or running out of memory), naming the inputs.
#
# Usage: fuzz/run.sh [SECONDS]
#   FUZZ_TARGETS="lint_md config"  run only these targets
#   FUZZ_ARGS="-fork=1 -ignore_crashes=1"  extra libFuzzer flags, e.g. to keep
#                                          going past a known crash
#   FUZZ_SANITIZER=address  build with AddressSanitizer (default: none)
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
set -euo pipefail
seconds="${1:-60}"
fuzz="$(cd "$(dirname "$0")" && pwd)"
cd "$fuzz"
targets=(${FUZZ_TARGETS:-lint_txt lint_md fix_converges ruleset config})
read -r -a extra <<<"${FUZZ_ARGS:-}"

./seed.sh
# No sanitizer by default: copydesk has no unsafe code, and without ASan
# every target runs more inputs. Debug assertions and overflow checks stay
# on (cargo-fuzz's default). Without ASan a stack overflow kills the target
# before libFuzzer can save the input: see below.
sanitizer="${FUZZ_SANITIZER:-none}"
cargo +nightly fuzz build --sanitizer "$sanitizer"
host="$(rustc +nightly -vV | sed -n 's/^host: //p')"
bin="$fuzz/target/$host/release"

# The config target lays its fixture folder here; removed afterwards. One
# folder per run, so that runs of different targets side by side (one per
# core) do not remove each other's fixtures.
export TMPDIR="$fuzz/target/tmp/run-$$"
mkdir -p "$TMPDIR" logs
trap 'rm -rf "$TMPDIR"' EXIT

failed=()
for target in "${targets[@]}"; do
  mkdir -p "artifacts/$target"
  log="logs/$target.log"
  start=$SECONDS
  status=0
  "$bin/$target" "corpus/$target" \
    -dict=copydesk.dict \
    -max_total_time="$seconds" \
    -timeout=30 \
    -rss_limit_mb=4096 \
    -print_final_stats=1 \
    -artifact_prefix="artifacts/$target/" \
    "${extra[@]}" >"$log" 2>&1 </dev/null || status=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  if [ -z "$execs" ]; then # -fork mode reports as it goes instead
    execs="$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -1)"
    [ -n "$execs" ] && rate=$((execs / (SECONDS - start + 1)))
  fi
  printf 'fuzz %-14s %4ds  %8s inputs  %6s/s  corpus %5d  exit %d\n' "$target" \
    $((SECONDS - start)) "${execs:-?}" "${rate:-?}" \
    "$(find "corpus/$target" -type f | wc -l)" "$status"
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    grep -E -m1 -A3 "panicked at|ERROR: libFuzzer|SUMMARY" "$log" | cut -c1-400 || true
    grep -E "Test unit written to" "$log" || true
    if [ "$status" -gt 128 ] && ! grep -q "Test unit written to" "$log"; then
      echo "fuzz $target: killed by signal $((status - 128)) before libFuzzer could save" \
        "the input (a stack overflow does this without a sanitizer); rerun with" \
        "FUZZ_SANITIZER=address to keep it" >&2
    fi
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}; logs in fuzz/logs/, inputs in fuzz/artifacts/" >&2
  echo "reproduce with: cargo +nightly fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-…" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without a crash"
