#!/usr/bin/env bash
# The release notes for a tag, from CHANGELOG.md:
#
#   tools/release/notes.sh v0.2.0
#
# prints the body of the changelog's `## [0.2.0]` section. Fails, before
# anything is built or published, when the tag is not `v` and the version in
# Cargo.toml, or when the changelog has no section for that version.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 TAG" >&2
  exit 2
fi
tag=$1
repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$repository/Cargo.toml" | head -n 1)
if [ "$tag" != "v$version" ]; then
  echo "the tag $tag does not name the version in Cargo.toml (v$version)" >&2
  exit 1
fi

notes=$(awk -v version="$version" '
  /^## \[/ {
    if (inside) exit
    if (index($0, "## [" version "]") == 1) { inside = 1; next }
  }
  inside && (started || NF) { started = 1; print }
' "$repository/CHANGELOG.md")
if [ -z "${notes//[[:space:]]/}" ]; then
  echo "CHANGELOG.md has no section \`## [$version]\` (or it is empty): write it before tagging" >&2
  exit 1
fi
printf '%s\n' "$notes"
