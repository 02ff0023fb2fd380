#!/usr/bin/env bash
# Prints the path of a Terraform CLI for the make targets and tests.
#
#   scripts/ensure-terraform.sh         a Terraform >= 1.11 (write-only attributes need it): the one on
#                                       PATH when it is recent enough, else Terraform 1.16.4 built
#   scripts/ensure-terraform.sh 1.16    Terraform 1.16.4: the one on PATH when it is 1.16.x, else built
#   scripts/ensure-terraform.sh tofu    OpenTofu 1.12.6, built (it speaks the same protocol and CLI)
#
# Builds come from the Go module source (the Go module proxy is reachable where release downloads
# may not be), once per machine, into the cache (TERRAFORM_CACHE_DIR, default
# ~/.cache/terraform-provider-auth0), so only the first call is slow: about 6 minutes on 2 cores for
# each. The cached binary is also linked as "terraform", so tests find it by name on PATH.
# Concurrent calls for the same build wait for each other (flock) instead of building twice.
#
# Terraform's module zip lacks its nine nested remote-state backend modules (azure, consul, cos, gcs,
# kubernetes, oss, pg, s3, oci) and internal/legacy, so the build leaves them out: their go.mod lines
# and their entries in internal/backend/init/init.go. Every other backend (local, remote, http, inmem,
# cloud) stays. version.dev=no makes Terraform report 1.16.4 (and OpenTofu 1.12.6), not a -dev prerelease that version checks treat
# as older.
set -euo pipefail

terraform_version=1.16.4
tofu_version=1.12.6
cache_root="${TERRAFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-auth0}"

# version_of BIN prints "major minor" of a Terraform or OpenTofu binary.
version_of() {
  local v
  v=$("$1" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9][0-9.]*\)[^"]*".*/\1/p') || return 1
  [ -n "$v" ] || return 1
  local major=${v%%.*} minor=${v#*.}
  echo "$major ${minor%%.*}"
}

is_opentofu() { "$1" version 2>/dev/null | grep -q OpenTofu; }

# at_least BIN MINOR: a Terraform (not OpenTofu) 1.MINOR or later.
at_least() {
  local mm
  mm=$(version_of "$1") || return 1
  set -- "$1" "$2" $mm
  [ "$3" -gt 1 ] || { [ "$3" -eq 1 ] && [ "$4" -ge "$2" ]; }
}

# exactly BIN MINOR: a Terraform 1.MINOR.x.
exactly() {
  local mm
  mm=$(version_of "$1") || return 1
  [ "$mm" = "1 $2" ]
}

build_terraform() {
  local dir="$cache_root/terraform-$terraform_version"
  if [ -x "$dir/terraform" ] && exactly "$dir/terraform" 16; then echo "$dir/terraform"; return; fi
  mkdir -p "$dir"
  exec 9>"$dir/.lock"
  flock 9
  if [ -x "$dir/terraform" ] && exactly "$dir/terraform" 16; then echo "$dir/terraform"; return; fi
  echo "Building Terraform $terraform_version from its Go module source into $dir (about 6 minutes on 2 cores, once per machine)..." >&2
  local src
  src=$(go mod download -json "github.com/hashicorp/terraform@v$terraform_version" | sed -n 's/.*"Dir": *"\(.*\)".*/\1/p')
  [ -n "$src" ] || { echo "could not download the Terraform $terraform_version module" >&2; exit 1; }
  work=$(mktemp -d)
  cp -R "$src/." "$work/"
  chmod -R u+w "$work"
  local missing='internal/backend/remote-state/(azure|consul|cos|gcs|kubernetes|oss|pg|s3|oci)|internal/legacy'
  grep -Ev "github.com/hashicorp/terraform/($missing)( |$)" "$work/go.mod" >"$work/go.mod.new"
  mv "$work/go.mod.new" "$work/go.mod"
  grep -Ev 'remote-state/(azure|consul|cos|gcs|kubernetes|oss|pg|s3|oci)"|backend(Azure|Consul|Cos|GCS|Kubernetes|OSS|Pg|S3|OCI)\.New' \
    "$work/internal/backend/init/init.go" >"$work/init.go.new"
  mv "$work/init.go.new" "$work/internal/backend/init/init.go"
  (cd "$work" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$dir/terraform.tmp" .) >&2
  mv "$dir/terraform.tmp" "$dir/terraform"
  "$dir/terraform" version >&2
  echo "$dir/terraform"
}

build_tofu() {
  local dir="$cache_root/opentofu-$tofu_version"
  if [ -x "$dir/terraform" ] && version_of "$dir/terraform" >/dev/null; then echo "$dir/terraform"; return; fi
  mkdir -p "$dir"
  exec 9>"$dir/.lock"
  flock 9
  if [ -x "$dir/terraform" ] && version_of "$dir/terraform" >/dev/null; then echo "$dir/terraform"; return; fi
  echo "Building OpenTofu $tofu_version from its Go module source into $dir (about 6 minutes on 2 cores, once per machine)..." >&2
  local src
  src=$(go mod download -json "github.com/opentofu/opentofu@v$tofu_version" | sed -n 's/.*"Dir": *"\(.*\)".*/\1/p')
  [ -n "$src" ] || { echo "could not download the OpenTofu $tofu_version module" >&2; exit 1; }
  work=$(mktemp -d)
  cp -R "$src/." "$work/"
  chmod -R u+w "$work"
  (cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$dir/tofu.tmp" ./cmd/tofu) >&2
  mv "$dir/tofu.tmp" "$dir/tofu"
  ln -sf tofu "$dir/terraform"
  "$dir/terraform" version >&2
  echo "$dir/terraform"
}

work=""
trap '[ -z "$work" ] || { chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"; }' EXIT

on_path=$(command -v terraform 2>/dev/null || true)
case "${1:-}" in
  "")
    if [ -n "$on_path" ] && at_least "$on_path" 11; then echo "$on_path"; exit 0; fi
    echo "No Terraform >= 1.11 on PATH." >&2
    build_terraform
    ;;
  1.16)
    if [ -n "$on_path" ] && ! is_opentofu "$on_path" && exactly "$on_path" 16; then echo "$on_path"; exit 0; fi
    build_terraform
    ;;
  tofu | opentofu)
    build_tofu
    ;;
  *)
    echo "usage: $0 [1.16|tofu]" >&2
    exit 2
    ;;
esac
