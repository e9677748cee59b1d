#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seed inputs, made fresh from files outside
# the fuzz folder: the real articles (never committed; see the preamble on
# shared/articles), the sample articles in examples/, the built-in rule sets
# and the configurations the tests use. libFuzzer adds what it finds beside
# them; seeds already there are overwritten, the fuzzer's own finds kept.
#
# Usage: fuzz/seed.sh            (articles from $COPYDESK_ARTICLES,
#                                 else ../shared/articles beside the repository)
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
corpus="$fuzz/corpus"
articles="${COPYDESK_ARTICLES:-$repo/../shared/articles}"

for target in lint_txt lint_md fix_converges ruleset config; do
  mkdir -p "$corpus/$target"
done

# One seed file per source file, named after its path so reruns replace it.
seed() { # seed TARGET FILE
  local name
  name="seed-$(printf '%s' "${2#"$repo"/}" | tr -c 'A-Za-z0-9._-' '_')"
  cp "$2" "$corpus/$1/$name"
}

article_files() {
  if [ -d "$articles" ]; then
    find "$articles" -type f \( -name '*.txt' -o -name '*.md' \) | sort
  else
    echo "seed.sh: no articles at $articles; seeding from examples/ only" >&2
  fi
  find "$repo/examples" -type f \( -name '*.txt' -o -name '*.md' \) | sort
}

count=0
while IFS= read -r file; do
  seed lint_txt "$file"
  seed lint_md "$file"
  count=$((count + 1))
done < <(article_files)

# Fixing is the slowest target: the short articles and the sample ones, so
# that a minute's run gets past its seeds.
while IFS= read -r file; do
  seed fix_converges "$file"
done < <(article_files | while IFS= read -r f; do
  [ "$(wc -c <"$f")" -le 4096 ] && echo "$f"
done)

# Rule sets: the built-in ones (the small data files beside them are not
# rule sets, but make good malformed ones; the 300 KiB gazetteer would only
# slow every mutation), and the tests' repository rule sets.
for file in "$repo"/rules/*.toml; do
  [ "$(wc -c <"$file")" -le 65536 ] && seed ruleset "$file"
done
while IFS= read -r file; do
  if grep -q '^\[\[rule\]\]' "$file"; then
    seed ruleset "$file"
  fi
done < <(find "$repo/tests" "$repo/examples" -name '*.toml' | sort)

# Configurations: every copydesk.toml of the tests and the starter one
# `copydesk init` writes.
while IFS= read -r file; do
  seed config "$file"
done < <(find "$repo/tests" "$repo/examples" -name '*copydesk.toml' | sort)
seed config "$repo/src/cli/starter-config.toml"

# The README's TOML examples: rule sets to one target, configurations to
# the other.
blocks="$(mktemp -d)"
trap 'rm -rf "$blocks"' EXIT
awk -v out="$blocks" '
  /^```toml/ { n++; file = sprintf("%s/README.md-%02d.toml", out, n); next }
  /^```/ { file = ""; next }
  file != "" { print > file }
' "$repo/README.md"
for file in "$blocks"/*.toml; do
  [ -e "$file" ] || continue
  if grep -q '^\[\[rule\]\]' "$file"; then target=ruleset; else target=config; fi
  cp "$file" "$corpus/$target/seed-$(basename "$file")"
done

# A rule set followed by a NUL byte and an article to lint with it.
for pair in style:examples/minsk-trade.md quotes:examples/clean-report.md \
  dates:examples/astana-grain.txt; do
  { cat "$repo/rules/${pair%%:*}.toml"; printf '\0'; cat "$repo/${pair#*:}"; } \
    >"$corpus/ruleset/seed-pair-${pair%%:*}"
done

# Configurations naming the files the config target lays beside its input
# (see fuzz_targets/config.rs): without them the fuzzer would have to guess
# the names before `extend` and `rule-sets` could reach another file.
printf 'extend = "shared/base.toml"\nselect = ["quotes", "house"]\n' \
  >"$corpus/config/seed-extend-chain"
printf 'extend = "shared/loop.toml"\n' >"$corpus/config/seed-extend-cycle"
printf 'rule-sets = ["house.toml", "broken.toml"]\n' >"$corpus/config/seed-broken-rule-set"
printf '%s\n' 'house-style = "house.toml"' 'include = ["**/*.md"]' '[[per-path]]' \
  'paths = ["desk/**"]' 'ignore = ["quotes.mixed"]' >"$corpus/config/seed-custom-house-style"
printf 'builtin = ["quotes"]\nexclude = ["notes/**", "[bad"]\nheader-pattern = "^(\\d+)"\n' \
  >"$corpus/config/seed-globs"

echo "seed.sh: $count articles; corpus in $corpus:"
for target in lint_txt lint_md fix_converges ruleset config; do
  printf '  %-14s %5d files\n' "$target" "$(find "$corpus/$target" -type f | wc -l)"
done
