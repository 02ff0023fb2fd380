#!/usr/bin/env bash
# Prints the path of a Terraform >= 1.11 (write-only attributes need it): the
# one on PATH when it is recent enough; otherwise OpenTofu, which speaks the
# same protocol and CLI, built from its Go module source (the Go module proxy
# is reachable where release downloads may not be) and cached, so that the
# build happens once per machine. Terraform's own module cannot be built that
# way: its proxy archive lacks the nested backend modules it needs.
set -euo pipefail

tofu_version=1.12.6
cache_dir="${TERRAFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-auth0}/opentofu-$tofu_version"

recent_enough() {
  local v major minor
  v=$("$1" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9][0-9.]*\)".*/\1/p') || return 1
  [ -n "$v" ] || return 1
  major=${v%%.*}
  minor=${v#*.}
  minor=${minor%%.*}
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge 11 ]; }
}

if tf=$(command -v terraform 2>/dev/null) && recent_enough "$tf"; then
  echo "$tf"
  exit 0
fi
# A "terraform" link to the cached OpenTofu, so scripts and tests find it by name.
if [ -x "$cache_dir/terraform" ] && recent_enough "$cache_dir/terraform"; then
  echo "$cache_dir/terraform"
  exit 0
fi

echo "No Terraform >= 1.11 on PATH: building OpenTofu $tofu_version from its Go module source (several minutes, once)..." >&2
src=$(go mod download -json "github.com/opentofu/opentofu@v$tofu_version" | sed -n 's/.*"Dir": *"\(.*\)".*/\1/p')
[ -n "$src" ] || { echo "could not download the OpenTofu $tofu_version module" >&2; exit 1; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$src/." "$work/"
chmod -R u+w "$work"
mkdir -p "$cache_dir"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$cache_dir/tofu.tmp" ./cmd/tofu) >&2
mv "$cache_dir/tofu.tmp" "$cache_dir/tofu"
ln -sf tofu "$cache_dir/terraform"
"$cache_dir/terraform" version >&2
echo "$cache_dir/terraform"
