#!/usr/bin/env bash
# make demo: start the emulator, apply examples/demo through dev_overrides
# (no `terraform init`: the provider comes from bin/), plan again and expect
# no changes, then stop the emulator.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

client_id=demo-client-id
client_secret=demo-client-secret

# The emulator prints its base URL as its first line once it accepts connections.
mkfifo "$work/emulator.out"
AUTH0_EMULATOR_CLIENT_SECRET="$client_secret" "$bin/auth0-emulator" -listen 127.0.0.1:0 -client-id "$client_id" \
  >"$work/emulator.out" 2>"$work/emulator.log" &
emulator_pid=$!
exec 3<"$work/emulator.out"
if ! read -r -t 30 base_url <&3; then
  echo "the emulator did not start; its log:" >&2
  cat "$work/emulator.log" >&2
  exit 1
fi
# Keep draining its stdout so it never blocks on a full pipe.
cat <&3 >/dev/null &
echo "==> Emulator of the Auth0 Management API listening at $base_url"

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/seedtf/auth0" = "$bin"
    "registry.opentofu.org/seedtf/auth0" = "$bin"
  }
  direct {}
}
CFG
cp "$root/examples/demo/"*.tf "$work/"

export TF_CLI_CONFIG_FILE="$work/terraformrc"
export AUTH0_DOMAIN="$base_url" AUTH0_CLIENT_ID="$client_id" AUTH0_CLIENT_SECRET="$client_secret"
export TF_IN_AUTOMATION=1

echo "==> terraform apply"
terraform -chdir="$work" apply -auto-approve -input=false

echo "==> terraform plan (expecting no changes)"
set +e
terraform -chdir="$work" plan -input=false -detailed-exitcode
status=$?
set -e
case $status in
  0) echo "==> Demo done: the second plan shows no changes." ;;
  2) echo "==> The second plan shows changes: that is a bug, please report it." >&2; exit 1 ;;
  *) exit "$status" ;;
esac
