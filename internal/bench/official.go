package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The official provider, measured beside ours: the latest version the Go
// module proxy serves.
const (
	officialModule  = "github.com/auth0/terraform-provider-auth0"
	officialVersion = "v1.54.1"
)

// officialProvider returns the binary of the official provider, built once
// from the Go module proxy into cache (a few minutes the first time).
func officialProvider(cache string) (string, error) {
	dir := filepath.Join(cache, "official-"+officialVersion)
	exe := filepath.Join(dir, "terraform-provider-auth0")
	if _, err := os.Stat(exe); err == nil {
		return exe, nil
	}
	fmt.Fprintf(os.Stderr, "bench: building %s@%s into %s (once; a few minutes)\n", officialModule, officialVersion, dir)
	out, err := exec.Command("go", "mod", "download", "-json", officialModule+"@"+officialVersion).Output()
	if err != nil {
		return "", fmt.Errorf("downloading %s@%s: %w", officialModule, officialVersion, err)
	}
	var mod struct{ Dir, Error string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		return "", fmt.Errorf("downloading %s@%s: %v %s", officialModule, officialVersion, err, mod.Error)
	}
	src, err := os.MkdirTemp("", "auth0-official-src-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(src)
	// The module cache is read-only: build from a writable copy.
	if out, err := exec.Command("cp", "-r", mod.Dir+"/.", src).CombinedOutput(); err != nil {
		return "", fmt.Errorf("copying the official provider's source: %v %s", err, out)
	}
	if out, err := exec.Command("chmod", "-R", "u+w", src).CombinedOutput(); err != nil {
		return "", fmt.Errorf("chmod: %v %s", err, out)
	}
	build := exec.Command("go", "build", "-o", exe, ".")
	build.Dir, build.Stdout, build.Stderr = src, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("building the official provider: %w", err)
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
