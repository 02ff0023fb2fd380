#!/usr/bin/env bash
# make dev-config: write a Terraform CLI configuration whose dev_overrides point seedtf/auth0 at the
# provider in bin/, so that `terraform plan` and `apply` work in any directory with no `terraform
# init` and no registry, and print the environment lines that use it against a local emulator.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
rc="$bin/dev.terraformrc"
mkdir -p "$bin"
cat >"$rc" <<CFG
# Written by make dev-config: Terraform uses the provider in $bin
# instead of a registry (no terraform init; it prints a warning that says so).
provider_installation {
  dev_overrides {
    "registry.terraform.io/seedtf/auth0" = "$bin"
    "registry.opentofu.org/seedtf/auth0" = "$bin"
  }
  direct {}
}
CFG

addr=${EMULATOR_ADDR:-127.0.0.1:4010}
cat <<MSG
Wrote $rc.
Start the emulator in another terminal:

  AUTH0_EMULATOR_CLIENT_SECRET=my-secret $bin/auth0-emulator -listen $addr -client-id my-id

then, in the directory of your configuration (no terraform init: the provider comes from bin/):

  export TF_CLI_CONFIG_FILE=$rc
  export AUTH0_DOMAIN=http://$addr AUTH0_CLIENT_ID=my-id AUTH0_CLIENT_SECRET=my-secret
  terraform plan
MSG
