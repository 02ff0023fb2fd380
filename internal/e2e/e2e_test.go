// Package e2e runs the terraform CLI against the provider binary and the
// emulator, as a user would, to check what only a whole run shows: what ends
// up in state files, in `terraform show` and in TF_LOG=trace logs.
package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// run is one emulator plus a provider binary; workspaces share them.
type run struct {
	t         *testing.T
	emu       *emulator.Server
	url       string
	client    *auth0api.Client
	clientID  string
	secret    string // the provider's client secret
	cliConfig string
	terraform string
}

func setup(t *testing.T) *run {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("end-to-end tests run the terraform CLI; set TF_ACC=1 (make test does)")
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("terraform is not on PATH: %v", err)
	}
	bin := providerBin
	r := &run{
		t:         t,
		clientID:  "e2e-client-" + strings.ToLower(rand.Text()[:10]),
		secret:    "e2e-provider-secret-" + rand.Text(),
		terraform: tf,
	}
	r.emu = emulator.New(emulator.Config{ClientID: r.clientID, ClientSecret: r.secret})
	srv := httptest.NewServer(r.emu)
	t.Cleanup(srv.Close)
	r.url = srv.URL
	r.client, err = auth0api.New(context.Background(), auth0api.Config{Domain: srv.URL, ClientID: r.clientID, ClientSecret: r.secret})
	if err != nil {
		t.Fatal(err)
	}
	r.cliConfig = filepath.Join(t.TempDir(), "terraformrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/seedtf/auth0" = %q
    "registry.opentofu.org/seedtf/auth0" = %q
  }
  direct {}
}
`, bin, bin)
	if err := os.WriteFile(r.cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	return r
}

// providerBin is the directory of the provider binary built for the run,
// for dev_overrides; empty without TF_ACC.
var providerBin string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	if os.Getenv("TF_ACC") != "" {
		dir, err := os.MkdirTemp("", "auth0-e2e-provider-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-auth0"), "github.com/seedtf/terraform-provider-auth0")
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building the provider: %v\n%s", err, out)
			return 1
		}
		providerBin = dir
	}
	return m.Run()
}

// providerBlock configures the provider in the configuration itself, so
// that its client secret passes through Terraform.
func (r *run) providerBlock() string {
	return fmt.Sprintf(`terraform {
  required_providers {
    auth0 = { source = "seedtf/auth0" }
  }
}

provider "auth0" {
  domain        = %q
  client_id     = %q
  client_secret = %q
}
`, r.url, r.clientID, r.secret)
}

// workspace is a directory with a configuration and its own trace log.
type workspace struct {
	r   *run
	dir string
	log string
}

func (r *run) workspace(config string) *workspace {
	dir := r.t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(r.providerBlock()+config), 0o600); err != nil {
		r.t.Fatal(err)
	}
	return &workspace{r: r, dir: dir, log: filepath.Join(dir, "trace.log")}
}

func (w *workspace) setConfig(config string) {
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(w.r.providerBlock()+config), 0o600); err != nil {
		w.r.t.Fatal(err)
	}
}

// terraform runs a command with TF_LOG=trace appended to the workspace's
// log, and returns its output; it fails the test when the exit code is not
// one of okCodes (0 by default).
func (w *workspace) terraform(args []string, okCodes ...int) string {
	w.r.t.Helper()
	cmd := exec.Command(w.r.terraform, args...)
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+w.r.cliConfig,
		"TF_LOG=trace",
		"TF_LOG_PATH="+w.log,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		// Credentials come from the configuration only.
		"AUTH0_DOMAIN=", "AUTH0_CLIENT_ID=", "AUTH0_CLIENT_SECRET=", "AUTH0_API_TOKEN=",
	)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	} else if err != nil {
		w.r.t.Fatalf("terraform %v: %v", args, err)
	}
	if len(okCodes) == 0 {
		okCodes = []int{0}
	}
	for _, ok := range okCodes {
		if code == ok {
			return out.String()
		}
	}
	w.r.t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), code, out.String())
	return ""
}

func (w *workspace) file(name string) string {
	b, err := os.ReadFile(filepath.Join(w.dir, name))
	if err != nil {
		w.r.t.Fatalf("reading %s: %v", name, err)
	}
	return string(b)
}

// forbidden are the values that must never be written anywhere: the
// provider's client secret and every token the emulator issued, plus extra.
func (r *run) forbidden(extra ...string) []string {
	return append(append([]string{r.secret}, r.emu.IssuedTokens()...), extra...)
}

// assertAbsent fails when any forbidden value appears in any text.
func (r *run) assertAbsent(forbidden []string, texts map[string]string) {
	r.t.Helper()
	if len(r.emu.IssuedTokens()) == 0 {
		r.t.Fatal("the emulator issued no token: the run did not reach it")
	}
	for name, text := range texts {
		if text == "" {
			r.t.Errorf("%s is empty: nothing was checked", name)
		}
		if strings.Contains(name, "TF_LOG") {
			assertProviderLogs(r.t, name, text)
		}
		for _, f := range forbidden {
			if strings.Contains(text, f) {
				r.t.Errorf("%s contains a secret (%.6s…)", name, f)
			}
		}
	}
}

// assertProviderLogs checks that a TF_LOG=trace log holds the provider's own
// logs and the SDK's traces of its RPCs: the provider turns them off only
// when Terraform would not show them, and a log without them would check
// nothing.
func assertProviderLogs(t *testing.T, name, log string) {
	t.Helper()
	for _, want := range []string{
		"provider.terraform-provider-auth0: Management API request:",
		"provider.terraform-provider-auth0: Received request: ",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("%s lacks the provider's logs: no %q", name, want)
		}
	}
}

func writeReplaced(w *workspace, name, old, replacement string) error {
	text := w.file(name)
	if !strings.Contains(text, old) {
		return fmt.Errorf("%s does not contain %q:\n%s", name, old, text)
	}
	return os.WriteFile(filepath.Join(w.dir, name), []byte(strings.Replace(text, old, replacement, 1)), 0o600)
}
