package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// Ctrl-C while creates are in flight leaves no orphan: every connection in
// the tenant afterwards is in the state, and the next apply creates the
// rest with no 409 and no duplicate.
func TestInterruptedApplyLeavesNoOrphan(t *testing.T) {
	r := setup(t)
	// A slow tenant, so that SIGINT lands while creates are in flight. The
	// emulator, like Auth0, goes on with a request whose client left.
	r.emu = emulator.New(emulator.Config{ClientID: r.clientID, ClientSecret: r.secret, Latency: 1500 * time.Millisecond})
	srv := httptest.NewServer(r.emu)
	t.Cleanup(srv.Close)
	r.url = srv.URL
	client, err := auth0api.New(context.Background(), auth0api.Config{Domain: srv.URL, ClientID: r.clientID, ClientSecret: r.secret, MaxRequestRate: 1000})
	if err != nil {
		t.Fatal(err)
	}
	const n = 30
	w := r.workspace(`
resource "auth0_connection" "c" {
  count        = 30
  name         = "interrupted-${count.index}"
  strategy     = "auth0"
  display_name = "Interrupted ${count.index}"
  options      = { passwordPolicy = "good" }
}
`)

	cmd := exec.Command(r.terraform, "apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10")
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+r.cliConfig, "TF_LOG=debug", "TF_LOG_PATH="+w.log,
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "AUTH0_DOMAIN=", "AUTH0_CLIENT_ID=", "AUTH0_CLIENT_SECRET=", "AUTH0_API_TOKEN=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Interrupt once the first creates reached the tenant (they are still
	// waiting out the latency).
	deadline := time.Now().Add(60 * time.Second)
	for r.emu.Stats()["POST /api/v2/connections"] < 5 {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("no create reached the tenant:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	interrupted := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case waitErr := <-done:
		// An interrupted apply exits non-zero: that is expected.
		t.Logf("terraform apply ended after SIGINT: %v", waitErr)
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("terraform did not stop within 60s of SIGINT:\n%s", out.String())
	}
	if d := time.Since(interrupted); d > 30*time.Second {
		t.Errorf("terraform took %v to stop after SIGINT", d)
	}

	server := serverConnections(t, client)
	state := stateConnections(t, w)
	if len(server) == 0 || len(server) == n {
		t.Logf("the interrupt created %d of %d connections; the test wants it in the middle", len(server), n)
	}
	for id, name := range server {
		if _, ok := state[id]; !ok {
			t.Errorf("orphan: %s (%s) is in Auth0 but not in the state", name, id)
		}
	}

	// The next apply creates the rest: no 409, no duplicate.
	again := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	if strings.Contains(again, "Already Exists") {
		t.Errorf("the next apply hit a conflict:\n%s", again)
	}
	server, state = serverConnections(t, client), stateConnections(t, w)
	names := slices.Sorted(func(yield func(string) bool) {
		for _, name := range server {
			if !yield(name) {
				return
			}
		}
	})
	if len(server) != n || len(slices.Compact(names)) != n || len(state) != n {
		t.Errorf("after the next apply: %d connections (%d names) in Auth0, %d in the state; want %d", len(server), len(slices.Compact(names)), len(state), n)
	}
	for id := range server {
		if _, ok := state[id]; !ok {
			t.Errorf("%s is in Auth0 but not in the state", id)
		}
	}
}

// serverConnections maps id → name of every connection in the tenant.
func serverConnections(t *testing.T, client *auth0api.Client) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := client.ListConnections(context.Background(), auth0api.ListFilter{}, func(c *auth0api.Connection) bool {
		m[c.ID] = *c.Name
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// stateConnections maps id → name of every auth0_connection in the state.
func stateConnections(t *testing.T, w *workspace) map[string]string {
	t.Helper()
	m := map[string]string{}
	raw, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if os.IsNotExist(err) {
		return m
	}
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Attributes struct {
					ID   string `json:"id"`
					Name string `json:"name"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	for _, res := range st.Resources {
		if res.Type == "auth0_connection" {
			for _, inst := range res.Instances {
				m[inst.Attributes.ID] = inst.Attributes.Name
			}
		}
	}
	return m
}
