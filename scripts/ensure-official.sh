#!/usr/bin/env bash
# Prints the path of the official Auth0 provider's binary (auth0/auth0, the version below), for
# `make bench` (internal/bench) and the migration test (internal/e2e), building it once per machine.
#
#   scripts/ensure-official.sh
#
# It comes from the Go module proxy (github.com/auth0/terraform-provider-auth0), built from a
# writable copy of its module source (the module cache is read-only) into the cache
# (TERRAFORM_CACHE_DIR, default ~/.cache/terraform-provider-auth0, beside the Terraform builds of
# scripts/ensure-terraform.sh): official-VERSION/terraform-provider-auth0. Only the first call is
# slow: about 6 minutes on 2 cores. Concurrent calls wait for each other (flock) instead of building
# twice, so CI can start the build in the background and the test that needs it waits for it.
set -euo pipefail

module=github.com/auth0/terraform-provider-auth0
version=v1.54.1
cache_root="${TERRAFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-auth0}"
dir="$cache_root/official-$version"
exe="$dir/terraform-provider-auth0"

if [ -x "$exe" ]; then echo "$exe"; exit 0; fi
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
if [ -x "$exe" ]; then echo "$exe"; exit 0; fi

echo "Building the official provider $module@$version from its Go module source into $dir (about 6 minutes on 2 cores, once per machine)..." >&2
src=$(go mod download -json "$module@$version" | sed -n 's/.*"Dir": *"\(.*\)".*/\1/p')
[ -n "$src" ] || { echo "could not download the module $module@$version" >&2; exit 1; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$src/." "$work/"
chmod -R u+w "$work"
# Built to a temporary name, then renamed: a binary at $exe is always complete.
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$exe.tmp" .) >&2
mv "$exe.tmp" "$exe"
echo "$exe"
