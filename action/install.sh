#!/usr/bin/env bash
# The "Install copydesk" step of the GitHub Action (action.yml).
#
# When the action is used at a release tag (`uses: OWNER/copydesk@v0.2.0`)
# and that tag names the version in the action's own Cargo.toml, the release's
# prebuilt binary for this runner is downloaded and its SHA-256 checked
# against the checksum published beside it (.github/workflows/release.yml
# makes both; tools/release/package.sh names them). Otherwise (a branch, a
# commit, a runner with no prebuilt binary, a failed download or checksum)
# copydesk is built from the action's checkout with cargo.
#
# Writes `bin=PATH` to GITHUB_OUTPUT. Variables, besides the runner's own:
#   COPYDESK_ACTION_REF, COPYDESK_ACTION_REPOSITORY  the action's ref and
#       repository (action.yml passes github.action_ref/_repository, which
#       composite actions do not always fill in; then they are read from
#       GITHUB_ACTION_PATH, .../_actions/OWNER/REPO/REF)
#   COPYDESK_RELEASES_URL  where releases are downloaded from (default
#       $GITHUB_SERVER_URL/REPOSITORY/releases/download), for a mirror
set -o pipefail

action_path=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run inside GitHub Actions}
root="${RUNNER_TEMP:?RUNNER_TEMP is not set: run inside GitHub Actions}/copydesk-action"
exe=copydesk
if [ "${RUNNER_OS:-}" = Windows ]; then
  exe=copydesk.exe
fi

say() { echo "copydesk action: $*"; }

# The version the action's checkout builds, from its Cargo.toml's package.
version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)
tag="v$version"

ref=${COPYDESK_ACTION_REF:-}
repository=${COPYDESK_ACTION_REPOSITORY:-}
if [ -z "$ref" ] || [ -z "$repository" ]; then
  # The runner checks an action out at _actions/OWNER/REPO/REF.
  parent=$(dirname "$action_path")
  ref=${ref:-$(basename "$action_path")}
  repository=${repository:-$(basename "$(dirname "$parent")")/$(basename "$parent")}
fi

# The release target for this runner. Linux on x86-64 gets the static musl
# build, which runs on any distribution and in any container.
target=""
case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
esac

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

# Download, check and unpack the release binary into $root/bin; fails (and
# leaves nothing behind in bin) on any problem.
download() {
  local archive="copydesk-$tag-$target.tar.gz"
  local base=${COPYDESK_RELEASES_URL:-${GITHUB_SERVER_URL:-https://github.com}/$repository/releases/download}
  local url="$base/$tag/$archive"
  local scratch
  scratch=$(mktemp -d "$root.XXXXXX") || return 1
  say "downloading $url"
  if ! curl --fail --silent --show-error --location --retry 3 --output "$scratch/$archive" "$url" ||
    ! curl --fail --silent --show-error --location --retry 3 --output "$scratch/$archive.sha256" "$url.sha256"; then
    say "no release binary for $target at $tag"
    rm -rf "$scratch"
    return 1
  fi
  local expected actual
  expected=$(cut -d ' ' -f 1 <"$scratch/$archive.sha256" | tr -d '\r\n' | tr 'A-F' 'a-f')
  actual=$(sha256 "$scratch/$archive")
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "::warning title=copydesk action::$archive does not match its published SHA-256 (expected ${expected:-nothing}, got $actual); building from source instead"
    rm -rf "$scratch"
    return 1
  fi
  # Relative names: GNU tar on Windows reads `D:` as a remote host.
  if ! (cd "$scratch" && tar -xzf "$archive"); then
    say "cannot unpack $archive"
    rm -rf "$scratch"
    return 1
  fi
  local unpacked="$scratch/copydesk-$tag-$target/$exe"
  local reported
  reported=$("$unpacked" --version 2>/dev/null)
  if [ "$reported" != "copydesk $version" ]; then
    say "the downloaded binary does not run as copydesk $version here"
    rm -rf "$scratch"
    return 1
  fi
  mkdir -p "$root/bin" && cp "$unpacked" "$root/bin/$exe"
  local copied=$?
  rm -rf "$scratch"
  return $copied
}

build() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "::error title=copydesk action::no prebuilt copydesk for this runner and ref, and no cargo to build one: use the action at a release tag, or set up a Rust toolchain before this step"
    exit 2
  fi
  say "building copydesk $version from $action_path with cargo"
  cargo install --locked --quiet --path "$action_path" --root "$root" || exit 2
}

if [ -n "$target" ] && [ "$ref" = "$tag" ] && download; then
  say "installed the $tag release binary for $target"
else
  if [ -z "$target" ]; then
    say "no release binary is built for ${RUNNER_OS:-this OS} on ${RUNNER_ARCH:-this architecture}"
  elif [ "$ref" != "$tag" ]; then
    say "the action is used at $ref, not at the release tag $tag"
  fi
  build
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "bin=$root/bin/$exe" >>"$GITHUB_OUTPUT"
fi
