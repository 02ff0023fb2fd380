package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The official provider, measured beside ours: the version
// scripts/ensure-official.sh builds (the latest the Go module proxy serves).
const officialVersion = "v1.54.1"

// officialProvider returns the binary of the official provider, built once
// from the Go module proxy into cache (a few minutes the first time) by
// scripts/ensure-official.sh, which the migration test (internal/e2e) uses
// too.
func officialProvider(cache string) (string, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		return "", fmt.Errorf("finding this repository's scripts/ (run the bench from inside the repository): %v", err)
	}
	script := filepath.Join(filepath.Dir(strings.TrimSpace(string(gomod))), "scripts", "ensure-official.sh")
	cmd := exec.Command(script)
	cmd.Env = append(os.Environ(), "TERRAFORM_CACHE_DIR="+cache)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s: %w", script, err)
	}
	exe := strings.TrimSpace(string(out))
	if !strings.HasSuffix(exe, filepath.Join("official-"+officialVersion, "terraform-provider-auth0")) {
		return "", fmt.Errorf("%s built %q, not the official provider %s this bench names", script, exe, officialVersion)
	}
	return exe, nil
}

func defaultCache() string {
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "terraform-provider-auth0")
	}
	return filepath.Join(os.TempDir(), "terraform-provider-auth0")
}

// peer is one provider under measure.
type peer struct {
	name   string
	source string // provider source address
	exe    string // the binary, for dev_overrides and peak RSS
	// domain is AUTH0_DOMAIN for the emulator at url (https://host:port).
	domain func(url string) string
	config func(n int, displayName, policy string) string
}

func ours(exe string) peer {
	return peer{
		name: "ours", source: "seedtf/auth0", exe: exe,
		domain: func(url string) string { return url },
		config: func(n int, displayName, policy string) string {
			return fmt.Sprintf(`terraform {
  required_providers {
    auth0 = { source = "seedtf/auth0" }
  }
}

provider "auth0" {}

resource "auth0_connection" "c" {
  count        = %d
  name         = "managed-${count.index}"
  strategy     = "auth0"
  display_name = "%s ${count.index}"
  options = {
    passwordPolicy   = %q
    password_history = { enable = true, size = 5 }
  }
}
`, n, displayName, policy)
		},
	}
}

func official(exe string) peer {
	return peer{
		name: "official " + officialVersion, source: "auth0/auth0", exe: exe,
		// The official provider wants a host name, https implied.
		domain: func(url string) string { return strings.TrimPrefix(url, "https://") },
		config: func(n int, displayName, policy string) string {
			return fmt.Sprintf(`terraform {
  required_providers {
    auth0 = { source = "auth0/auth0" }
  }
}

provider "auth0" {}

resource "auth0_connection" "c" {
  count        = %d
  name         = "managed-${count.index}"
  strategy     = "auth0"
  display_name = "%s ${count.index}"
  options {
    password_policy = %q
    password_history {
      enable = true
      size   = 5
    }
  }
}
`, n, displayName, policy)
		},
	}
}
