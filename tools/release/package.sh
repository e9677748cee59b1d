#!/usr/bin/env bash
# Packs one release binary as .github/workflows/release.yml publishes it, and
# as action/install.sh downloads it:
#
#   tools/release/package.sh TARGET TAG BINARY OUT_DIR
#
# writes OUT_DIR/copydesk-TAG-TARGET.tar.gz, holding the folder
# copydesk-TAG-TARGET/ with the binary, README.md, CHANGELOG.md and the
# licence files, and OUT_DIR/copydesk-TAG-TARGET.tar.gz.sha256 in the format
# `sha256sum` writes. Every target, Windows too, gets a .tar.gz (Windows 10
# and later unpack it with tar), so the action unpacks one kind of archive.
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 TARGET TAG BINARY OUT_DIR" >&2
  exit 2
fi
target=$1
tag=$2
binary=$3
out=$4
repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

name="copydesk-$tag-$target"
mkdir -p "$out"
out=$(cd "$out" && pwd)
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

mkdir "$staging/$name"
cp "$binary" "$staging/$name/"
for file in README.md CHANGELOG.md LICENSE LICENSE-MIT LICENSE-APACHE COPYING; do
  if [ -f "$repository/$file" ]; then
    cp "$repository/$file" "$staging/$name/"
  fi
done

# Relative names only: GNU tar on Windows reads `D:` as a remote host.
(cd "$staging" && tar -czf "$name.tar.gz" "$name")
mv "$staging/$name.tar.gz" "$out/"

cd "$out"
if command -v sha256sum >/dev/null 2>&1; then
  sha256sum "$name.tar.gz" >"$name.tar.gz.sha256"
else
  shasum -a 256 "$name.tar.gz" >"$name.tar.gz.sha256"
fi
echo "$out/$name.tar.gz"
