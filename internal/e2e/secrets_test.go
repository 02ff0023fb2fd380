package e2e

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/options"
)

// Write-only secrets reach Auth0 but no state file, `terraform show` output
// or trace log; neither do the provider's client secret or its tokens.
func TestSecretsNeverWritten(t *testing.T) {
	r := setup(t)
	first := "first-google-secret-" + rand.Text()
	second := "second-google-secret-" + rand.Text()
	config := func(secret, version string) string {
		return fmt.Sprintf(`
resource "auth0_connection" "google" {
  name     = "e2e-google"
  strategy = "google-oauth2"
  options = {
    client_id = "e2e-google-client"
    email     = true
  }
  sensitive_options         = { client_secret = %q }
  sensitive_options_version = %q
}
`, secret, version)
	}
	w := r.workspace(config(first, "1"))
	applied := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	id := connectionID(t, r, "e2e-google")
	if got := serverOption(t, r, id, "client_secret"); got != first {
		t.Fatalf("the secret did not reach Auth0: client_secret = %v", got)
	}

	// Bumping the version sends the new secret; the plan shows only that.
	w.setConfig(config(second, "2"))
	plan := w.terraform([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, 2)
	if !strings.Contains(plan, `~ sensitive_options_version = "1" -> "2"`) {
		t.Errorf("the plan does not show the version change:\n%s", plan)
	}
	applied += w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	if got := serverOption(t, r, id, "client_secret"); got != second {
		t.Fatalf("bumping the version did not send the new secret: client_secret = %v", got)
	}
	shown := w.terraform([]string{"show", "-no-color"}) + w.terraform([]string{"show", "-json"})

	r.assertAbsent(r.forbidden(first, second), map[string]string{
		"terraform.tfstate":     w.file("terraform.tfstate"),
		"terraform show":        shown,
		"plan and apply output": plan + applied,
		"the TF_LOG=trace log":  w.file("trace.log"),
	})
}

// A secret written in plain options is flagged at plan time.
func TestPlainSecretWarning(t *testing.T) {
	r := setup(t)
	w := r.workspace(`
resource "auth0_connection" "google" {
  name     = "e2e-plain"
  strategy = "google-oauth2"
  options  = { client_id = "x", client_secret = "plain-secret" }
}
`)
	plan := w.terraform([]string{"plan", "-input=false", "-no-color"})
	if !strings.Contains(plan, "Warning: Secret In Plain Options") || !strings.Contains(plan, "options.client_secret holds a secret") {
		t.Errorf("no warning for a secret in plain options:\n%s", plan)
	}
}

// Importing a social connection whose options hold a client secret writes
// neither the generated configuration nor the state with it, and the
// secret stays on the server through the next apply.
func TestImportKeepsServerSecret(t *testing.T) {
	r := setup(t)
	secret := "server-side-secret-" + rand.Text()
	name, strategy := "e2e-imported-github", "github"
	created, err := r.client.CreateConnection(context.Background(), &auth0api.Connection{
		Name: &name, Strategy: &strategy,
		Options: []byte(fmt.Sprintf(`{"client_id":"gh-id","client_secret":%q,"email":true,"read_user":true}`, secret)),
	})
	if err != nil {
		t.Fatal(err)
	}
	w := r.workspace(fmt.Sprintf(`
import {
  to = auth0_connection.imported
  id = %q
}
`, created.ID))
	generated := w.terraform([]string{"plan", "-input=false", "-no-color", "-generate-config-out=generated.tf"})
	config := w.file("generated.tf")
	if !strings.Contains(config, `client_id = "gh-id"`) {
		t.Fatalf("the generated configuration lacks the options:\n%s", config)
	}
	applied := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	replan := w.terraform([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"})

	// A change of a plain option keeps the secret on the server.
	if err := writeReplaced(w, "generated.tf", `read_user = true`, `read_user = false`); err != nil {
		t.Fatal(err)
	}
	applied += w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	if got := serverOption(t, r, created.ID, "client_secret"); got != secret {
		t.Fatalf("the server's secret did not survive import and update: %v", got)
	}
	r.assertAbsent(r.forbidden(secret), map[string]string{
		"generated.tf":          config,
		"terraform.tfstate":     w.file("terraform.tfstate"),
		"plan and apply output": generated + applied + replan,
		"the TF_LOG=trace log":  w.file("trace.log"),
	})
}

func connectionID(t *testing.T, r *run, name string) string {
	t.Helper()
	conn, err := r.client.FindConnectionByName(context.Background(), name)
	if err != nil || conn == nil {
		t.Fatalf("connection %s not found: %v", name, err)
	}
	return conn.ID
}

func serverOption(t *testing.T, r *run, id, key string) any {
	t.Helper()
	conn, err := r.client.ReadConnection(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := options.Decode(conn.Options)
	if err != nil {
		t.Fatal(err)
	}
	return opts[key]
}
