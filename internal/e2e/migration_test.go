package e2e

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// The secrets the official provider's configuration sets. The migration
// must neither lose them in Auth0 nor copy them into the new configuration
// or state.
const (
	googleSecret = "migration-google-client-secret"
	twilioToken  = "migration-twilio-token"
	oidcSecret   = "migration-oidc-client-secret"
)

// officialConfig is what a team on the official provider (auth0/auth0)
// has: connections of five strategies, with its flat options blocks, and the
// applications enabled for the database connection.
func officialConfig(providerBlock, signingCert, appID string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    auth0 = { source = "auth0/auth0" }
  }
}

%s

resource "auth0_connection" "database" {
  name     = "migrated-users"
  strategy = "auth0"
  metadata = { owner = "identity-team" }
  options {
    password_policy        = "good"
    brute_force_protection = true
    disable_signup         = false
    password_history {
      enable = true
      size   = 5
    }
  }
}

resource "auth0_connection_clients" "database" {
  connection_id   = auth0_connection.database.id
  enabled_clients = [%q]
}

resource "auth0_connection" "google" {
  name     = "google-oauth2"
  strategy = "google-oauth2"
  options {
    client_id         = "1234567890-abcdef.apps.googleusercontent.com"
    client_secret     = %q
    allowed_audiences = ["example.com"]
    scopes            = ["email", "profile"]
  }
}

resource "auth0_connection" "sms" {
  name     = "sms"
  strategy = "sms"
  options {
    name                   = "sms"
    from                   = "+15555550100"
    syntax                 = "md_with_macros"
    template               = "Your code is @@password@@"
    twilio_sid             = "AC0123456789abcdef"
    twilio_token           = %q
    disable_signup         = false
    brute_force_protection = true
    totp {
      time_step = 300
      length    = 6
    }
  }
}

resource "auth0_connection" "saml" {
  name           = "migrated-saml"
  display_name   = "Acme SSO"
  strategy       = "samlp"
  show_as_button = false
  options {
    sign_in_endpoint    = "https://idp.example.com/saml/sso"
    sign_out_endpoint   = "https://idp.example.com/saml/slo"
    signing_cert        = %q
    signature_algorithm = "rsa-sha256"
    digest_algorithm    = "sha256"
    protocol_binding    = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
    user_id_attribute   = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier"
  }
}

resource "auth0_connection" "oidc" {
  name         = "migrated-oidc"
  display_name = "Acme OIDC"
  strategy     = "oidc"
  options {
    client_id              = "acme-auth0"
    client_secret          = %q
    type                   = "back_channel"
    issuer                 = "https://idp.example.com/"
    authorization_endpoint = "https://idp.example.com/authorize"
    token_endpoint         = "https://idp.example.com/oauth/token"
    userinfo_endpoint      = "https://idp.example.com/userinfo"
    jwks_uri               = "https://idp.example.com/.well-known/jwks.json"
    scopes                 = ["openid", "profile", "email"]
    domain_aliases         = ["example.com"]
  }
}
`, providerBlock, appID, googleSecret, twilioToken, signingCert, oidcSecret)
}

// migratedResources are the addresses the official configuration manages.
var migratedResources = []string{
	"auth0_connection.database", "auth0_connection_clients.database", "auth0_connection.google",
	"auth0_connection.sms", "auth0_connection.saml", "auth0_connection.oidc",
}

// The migration of docs/guides/migrating-from-auth0-auth0.md, step by step,
// with the official provider v1.54.1 against the emulator over TLS: the
// official provider creates connections of five strategies and an
// auth0_connection_clients; removed blocks forget them without a write
// call; import blocks and `terraform plan -generate-config-out` with this
// provider write their configuration, whose apply imports them without a
// write call and leaves an empty plan, secrets kept in Auth0 and out of the
// generated configuration and the state.
func TestMigrationFromTheOfficialProvider(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("end-to-end tests run the terraform CLI; set TF_ACC=1 (make test does)")
	}
	official := officialProviderBinary(t)
	r, srv := setupTLS(t, official)
	w := &workspace{r: r, dir: t.TempDir()}
	w.log = filepath.Join(w.dir, "official.log")
	// The provider block both providers accept: a host name, https implied.
	providerBlock := fmt.Sprintf("provider \"auth0\" {\n  domain        = %q\n  client_id     = %q\n  client_secret = %q\n}\n",
		strings.TrimPrefix(r.url, "https://"), r.clientID, r.secret)
	appID := createApplication(t, r, srv, "migrated-app")

	// Before: the official provider manages the tenant.
	writeMain(t, w, officialConfig(providerBlock, signingCertificate(t), appID))
	w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	ids := stateIDs(t, w)
	if len(ids) != len(migratedResources) {
		t.Fatalf("the official provider's state holds %v, want %v", ids, migratedResources)
	}

	// Step 1, still on auth0/auth0: removed blocks forget every resource.
	var removed strings.Builder
	for _, address := range migratedResources {
		fmt.Fprintf(&removed, "\nremoved {\n  from = %s\n  lifecycle {\n    destroy = false\n  }\n}\n", address)
	}
	writeMain(t, w, "terraform {\n  required_providers {\n    auth0 = { source = \"auth0/auth0\" }\n  }\n}\n\n"+providerBlock+removed.String())
	r.emu.ResetRequests()
	out := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	assertNoWrites(t, r, "the apply of the removed blocks")
	if !strings.Contains(out, "Resources: 0 added, 0 changed, 0 destroyed.") {
		t.Errorf("the apply of the removed blocks changed something:\n%s", out)
	}
	if list := w.terraform([]string{"state", "list"}); strings.TrimSpace(list) != "" {
		t.Fatalf("the state still holds resources after the removed blocks:\n%s", list)
	}

	// Step 2, on seedtf/auth0: import blocks, then a generated configuration.
	w.log = filepath.Join(w.dir, "migration.log")
	var imports strings.Builder
	for _, address := range migratedResources {
		fmt.Fprintf(&imports, "\nimport {\n  to = %s\n  id = %q\n}\n", address, ids[address])
	}
	writeMain(t, w, "terraform {\n  required_providers {\n    auth0 = { source = \"seedtf/auth0\" }\n  }\n}\n\n"+providerBlock+imports.String())
	r.emu.ResetRequests()
	plan := w.terraform([]string{"plan", "-generate-config-out=generated.tf", "-input=false", "-no-color"})
	assertNoWrites(t, r, "the plan that generates the configuration")
	want := fmt.Sprintf("Plan: %d to import, 0 to add, 0 to change, 0 to destroy.", len(migratedResources))
	if !strings.Contains(plan, want) {
		t.Errorf("the plan with the generated configuration is not %q:\n%s\n\ngenerated.tf:\n%s", want, plan, w.file("generated.tf"))
	}

	r.emu.ResetRequests()
	apply := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	assertNoWrites(t, r, "the migration apply")
	want = fmt.Sprintf("Resources: %d imported, 0 added, 0 changed, 0 destroyed.", len(migratedResources))
	if !strings.Contains(apply, want) {
		t.Errorf("the migration apply is not %q:\n%s", want, apply)
	}
	after := w.terraform([]string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}, 0, 2)
	if !strings.Contains(after, "No changes.") {
		t.Errorf("the plan after the migration is not empty:\n%s\n\ngenerated.tf:\n%s", after, w.file("generated.tf"))
	}

	// Auth0 keeps the secrets, which stay out of the configuration and state.
	for address, secret := range map[string]string{
		"auth0_connection.google": googleSecret, "auth0_connection.sms": twilioToken, "auth0_connection.oidc": oidcSecret,
	} {
		conn, err := r.client.ReadConnection(context.Background(), ids[address])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(conn.Options), secret) {
			t.Errorf("%s lost its secret in Auth0 during the migration: options %s", address, conn.Options)
		}
	}
	r.assertAbsent(r.forbidden(googleSecret, twilioToken, oidcSecret), map[string]string{
		"generated.tf":                          w.file("generated.tf"),
		"the plan generating the configuration": plan,
		"the migration apply":                   apply,
		"the plan after the migration":          after,
		"terraform.tfstate":                     w.file("terraform.tfstate"),
		"TF_LOG=trace of the migration":         w.file("migration.log"),
	})
}

// officialProviderBinary returns the official provider's binary, which
// scripts/ensure-official.sh builds once per machine (CI starts that build
// in the background; the script's lock has this test wait for it). The
// test fails, never skips, when there is none.
func officialProviderBinary(t *testing.T) string {
	t.Helper()
	script, err := filepath.Abs("../../scripts/ensure-official.sh")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s (builds the official provider the first time on this machine: about 6 minutes on 2 cores)", script)
	cmd := exec.Command(script)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the migration test needs the official provider: %s failed: %v\n%s", script, err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// setupTLS is setup with the emulator over TLS, which the official
// provider requires (it takes a host name and speaks https): the
// certificate is trusted through SSL_CERT_FILE, and the CLI configuration
// overrides both providers.
func setupTLS(t *testing.T, official string) (*run, *httptest.Server) {
	t.Helper()
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("terraform is not on PATH: %v", err)
	}
	r := &run{
		t:         t,
		clientID:  "e2e-client-" + strings.ToLower(rand.Text()[:10]),
		secret:    "e2e-provider-secret-" + rand.Text(),
		terraform: tf,
	}
	r.emu = emulator.New(emulator.Config{ClientID: r.clientID, ClientSecret: r.secret})
	srv := httptest.NewUnstartedServer(r.emu)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	r.url = srv.URL
	r.client, err = auth0api.New(context.Background(), auth0api.Config{Domain: srv.URL, ClientID: r.clientID, ClientSecret: r.secret, HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cert := filepath.Join(dir, "cert.pem")
	if err := os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SSL_CERT_FILE", cert)
	r.cliConfig = filepath.Join(dir, "terraformrc")
	var overrides strings.Builder
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		fmt.Fprintf(&overrides, "    %q = %q\n    %q = %q\n", host+"/seedtf/auth0", providerBin, host+"/auth0/auth0", filepath.Dir(official))
	}
	rc := "provider_installation {\n  dev_overrides {\n" + overrides.String() + "  }\n  direct {}\n}\n"
	if err := os.WriteFile(r.cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	return r, srv
}

func writeMain(t *testing.T, w *workspace, config string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
}

// assertNoWrites fails when the emulator received any request other than a
// GET since its log was reset (tokens are not in that log). It names the
// calls without their bodies, which may hold secrets.
func assertNoWrites(t *testing.T, r *run, what string) {
	t.Helper()
	var writes []string
	for _, req := range r.emu.Requests() {
		if req.Method != http.MethodGet {
			writes = append(writes, req.Method+" "+req.Path)
		}
	}
	if len(writes) > 0 {
		t.Errorf("%s made %d write calls, want none:\n%s", what, len(writes), strings.Join(writes, "\n"))
	}
}

// stateIDs returns the id of every resource in the workspace's state, by
// address.
func stateIDs(t *testing.T, w *workspace) map[string]string {
	t.Helper()
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string
					Values  struct {
						ID string `json:"id"`
					}
				}
			} `json:"root_module"`
		}
	}
	if err := json.Unmarshal([]byte(w.terraform([]string{"show", "-json"})), &state); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, res := range state.Values.RootModule.Resources {
		if slices.Contains(migratedResources, res.Address) {
			ids[res.Address] = res.Values.ID
		}
	}
	return ids
}

// createApplication creates an application in the emulator, out of band,
// and returns its client id.
func createApplication(t *testing.T, r *run, srv *httptest.Server, name string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, r.url+"/api/v2/clients", strings.NewReader(fmt.Sprintf(`{"name":%q}`, name)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+r.emu.IssueToken())
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var app struct {
		ClientID string `json:"client_id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&app); err != nil || resp.StatusCode != http.StatusCreated || app.ClientID == "" {
		t.Fatalf("creating an application: %d %v", resp.StatusCode, err)
	}
	return app.ClientID
}

// signingCertificate returns a self-signed certificate in PEM, for the
// SAML connection's signing_cert (Auth0 derives cert, expires, subject and
// thumbprints from it).
func signingCertificate(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "idp.example.com"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(365 * 24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
