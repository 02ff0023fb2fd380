package e2e

import (
	"cmp"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"maps"
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

// officialResources are what a team on the official provider (auth0/auth0)
// manages: connections of five strategies, with its flat options blocks, and
// the applications enabled for the database connection.
func officialResources(signingCert, appID string) string {
	return fmt.Sprintf(`
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
`, appID, googleSecret, twilioToken, signingCert, oidcSecret)
}

// migratedResources are the addresses the official configuration manages.
var migratedResources = []string{
	"auth0_connection.database", "auth0_connection_clients.database", "auth0_connection.google",
	"auth0_connection.sms", "auth0_connection.saml", "auth0_connection.oidc",
}

// keptResource stands for what stays with the official provider when only
// the connections move (applications, actions, …).
const keptResource = `
resource "auth0_connection" "kept" {
  name     = "kept-by-the-official-provider"
  strategy = "auth0"
}
`

// The migration of docs/guides/migrating-from-auth0-auth0.md, step by step,
// with the official provider v1.54.1 against the emulator over TLS: the
// official provider creates connections of five strategies and an
// auth0_connection_clients; removed blocks forget them without a write
// call; import blocks and `terraform plan -generate-config-out` with this
// provider write their configuration, whose apply imports them without a
// write call and leaves an empty plan, secrets kept in Auth0 and out of the
// generated configuration and the state. Both ways the guide describes:
// switching the configuration's auth0 provider to seedtf/auth0, and moving
// the connections to seedtf/auth0 beside auth0/auth0, which keeps the rest.
func TestMigrationFromTheOfficialProvider(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("end-to-end tests run the terraform CLI; set TF_ACC=1 (make test does)")
	}
	official := officialProviderBinary(t)
	t.Run("switching the provider", func(t *testing.T) { testMigration(t, official, false) })
	t.Run("beside the official provider", func(t *testing.T) { testMigration(t, official, true) })
	t.Run("the guide's example", func(t *testing.T) { testGuideExample(t, official) })
}

// The before and after configurations of the guide's example describe the
// same connections: what the official provider creates from the first,
// imported into the second, written by hand, plans no change, is imported
// with no write call and then plans empty.
func testGuideExample(t *testing.T, official string) {
	const dir = "../../examples/guides/migrating-from-auth0-auth0/"
	before, err := os.ReadFile(dir + "official/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(dir + "connections.tf")
	if err != nil {
		t.Fatal(err)
	}
	addresses := []string{"auth0_connection.users", "auth0_connection.google", "auth0_connection.sms", "auth0_connection_clients.users"}
	r, srv := setupBothProviders(t, official)
	w := &workspace{r: r, dir: t.TempDir()}
	w.log = filepath.Join(w.dir, "trace.log")
	// Variables the configuration of the moment does not declare are ignored.
	t.Setenv("TF_VAR_app_client_id", createAppOverTLS(t, r, srv, "acme-app"))
	t.Setenv("TF_VAR_google_client_secret", googleSecret)
	t.Setenv("TF_VAR_twilio_token", twilioToken)

	writeMainTF(t, w, terraformBlock(r, "auth0", "auth0/auth0")+string(before))
	w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	ids := stateIDsOf(t, w, addresses, "auth0/auth0")
	writeMainTF(t, w, terraformBlock(r, "auth0", "auth0/auth0")+removedBlocks(addresses))
	w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})

	writeMainTF(t, w, terraformBlock(r, "auth0", "seedtf/auth0")+importBlocks(ids, ""))
	if err := os.WriteFile(filepath.Join(w.dir, "connections.tf"), after, 0o600); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("Plan: %d to import, 0 to add, 0 to change, 0 to destroy.", len(addresses))
	if plan := w.terraform([]string{"plan", "-input=false", "-no-color"}); !strings.Contains(plan, want) {
		t.Errorf("the guide's after configuration does not match what its before configuration created: the plan is not %q:\n%s", want, plan)
	}
	r.emu.ResetRequests()
	w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	assertNoWrites(t, r, "the apply of the guide's after configuration")
	if plan := w.terraform([]string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}, 0, 2); !strings.Contains(plan, "No changes.") {
		t.Errorf("the plan after the guide's migration is not empty:\n%s", plan)
	}

	// Then, as the guide's Secrets section says, a secret written in
	// sensitive_options with a version is sent by the next apply: one PATCH.
	const rotated = "migration-rotated-twilio-token"
	t.Setenv("TF_VAR_twilio_token", rotated)
	if err := writeReplaced(w, "connections.tf", "    totp       = { time_step = 300, length = 6 }\n  }\n",
		"    totp       = { time_step = 300, length = 6 }\n  }\n  sensitive_options         = { twilio_token = var.twilio_token }\n  sensitive_options_version = \"1\"\n"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "secrets.tf"), []byte("variable \"twilio_token\" {\n  type      = string\n  sensitive = true\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.emu.ResetRequests()
	w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	if writes, want := writeCallsSinceReset(r), []string{"PATCH /api/v2/connections/" + ids["auth0_connection.sms"]}; !slices.Equal(writes, want) {
		t.Errorf("adding the secret made the write calls %v, want %v", writes, want)
	}
	if conn, err := r.client.ReadConnection(context.Background(), ids["auth0_connection.sms"]); err != nil || !strings.Contains(string(conn.Options), rotated) {
		t.Errorf("the secret did not reach Auth0 (%v)", err)
	}
	if plan := w.terraform([]string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}, 0, 2); !strings.Contains(plan, "No changes.") {
		t.Errorf("the plan after adding the secret is not empty:\n%s", plan)
	}
}

func testMigration(t *testing.T, official string, beside bool) {
	r, srv := setupBothProviders(t, official)
	w := &workspace{r: r, dir: t.TempDir()}
	w.log = filepath.Join(w.dir, "official.log")
	officialOnly := terraformBlock(r, "auth0", "auth0/auth0")
	// After the move: seedtf/auth0 as auth0, or beside auth0/auth0 as seedtf.
	migrated, importProvider, kept := terraformBlock(r, "auth0", "seedtf/auth0"), "", ""
	if beside {
		migrated = terraformBlock(r, "auth0", "auth0/auth0", "seedtf", "seedtf/auth0")
		importProvider, kept = "  provider = seedtf\n", keptResource
	}
	appID := createAppOverTLS(t, r, srv, "migrated-app")

	// Before: the official provider manages the tenant.
	writeMainTF(t, w, officialOnly+officialResources(samlSigningCert(t), appID)+kept)
	w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	ids := stateIDsOf(t, w, migratedResources, "auth0/auth0")

	// Step 1, still on auth0/auth0: removed blocks forget the connections.
	writeMainTF(t, w, officialOnly+kept+removedBlocks(migratedResources))
	r.emu.ResetRequests()
	out := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	assertNoWrites(t, r, "the apply of the removed blocks")
	// OpenTofu adds ", 6 forgotten".
	if !strings.Contains(out, "Resources: 0 added, 0 changed, 0 destroyed") {
		t.Errorf("the apply of the removed blocks changed something:\n%s", out)
	}
	wantState := ""
	if beside {
		wantState = "auth0_connection.kept"
	}
	if list := w.terraform([]string{"state", "list"}); strings.TrimSpace(list) != wantState {
		t.Fatalf("after the removed blocks the state holds %q, want %q", list, wantState)
	}

	// Step 2, with seedtf/auth0: import blocks, then a generated configuration.
	w.log = filepath.Join(w.dir, "migration.log")
	writeMainTF(t, w, migrated+kept+importBlocks(ids, importProvider))
	r.emu.ResetRequests()
	plan := w.terraform([]string{"plan", "-generate-config-out=generated.tf", "-input=false", "-no-color"})
	assertNoWrites(t, r, "the plan that generates the configuration")
	want := fmt.Sprintf("Plan: %d to import, 0 to add, 0 to change, 0 to destroy.", len(migratedResources))
	if !strings.Contains(plan, want) {
		t.Errorf("the plan with the generated configuration is not %q:\n%s\n\ngenerated.tf:\n%s", want, plan, w.file("generated.tf"))
	}
	if beside {
		moveProviderToGenerated(t, w, importProvider)
	}

	r.emu.ResetRequests()
	apply := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	assertNoWrites(t, r, "the migration apply")
	want = fmt.Sprintf("Resources: %d imported, 0 added, 0 changed, 0 destroyed.", len(migratedResources))
	if !strings.Contains(apply, want) {
		t.Errorf("the migration apply is not %q:\n%s", want, apply)
	}
	if migratedIDs := stateIDsOf(t, w, migratedResources, "seedtf/auth0"); !maps.Equal(migratedIDs, ids) {
		t.Errorf("the migration imported %v, want %v", migratedIDs, ids)
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
	texts := map[string]string{
		"generated.tf":                          w.file("generated.tf"),
		"the plan generating the configuration": plan,
		"the migration apply":                   apply,
		"the plan after the migration":          after,
		"TF_LOG=trace of the migration":         w.file("migration.log"),
	}
	if !beside {
		// Beside, the official provider's own resource keeps its state.
		texts["terraform.tfstate"] = w.file("terraform.tfstate")
	}
	r.assertAbsent(r.forbidden(googleSecret, twilioToken, oidcSecret), texts)
}

// moveProviderToGenerated does what the guide says after generating the
// configuration of resources imported with a provider argument: each
// generated resource gets that argument (Terraform 1.16 writes it, 1.11
// does not), and the import blocks lose it (Terraform accepts it there only
// while it generates their configuration).
func moveProviderToGenerated(t *testing.T, w *workspace, line string) {
	t.Helper()
	generated := w.file("generated.tf")
	var out strings.Builder
	for block := range strings.SplitAfterSeq(generated, "\nresource ") {
		if strings.Contains(block, "\n  provider ") || !strings.HasPrefix(strings.TrimPrefix(block, "\n"), `"auth0_`) {
			out.WriteString(block)
			continue
		}
		head, rest, _ := strings.Cut(block, "{\n")
		out.WriteString(head + "{\n" + line + rest)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "generated.tf"), []byte(out.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	main := w.file("main.tf")
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(strings.ReplaceAll(main, line+"}", "}")), 0o600); err != nil {
		t.Fatal(err)
	}
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

// setupBothProviders is setup with the emulator over TLS, which the official
// provider requires (it takes a host name and speaks https): the
// certificate is trusted through SSL_CERT_FILE, and the CLI configuration
// overrides both providers.
func setupBothProviders(t *testing.T, official string) (*run, *httptest.Server) {
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

// terraformBlock requires the providers given as pairs of local name and
// source and configures each with the block both providers accept: a host
// name (https implied) and the client credentials.
func terraformBlock(r *run, namesAndSources ...string) string {
	var required, blocks strings.Builder
	for i := 0; i+1 < len(namesAndSources); i += 2 {
		fmt.Fprintf(&required, "    %s = { source = %q }\n", namesAndSources[i], namesAndSources[i+1])
		fmt.Fprintf(&blocks, "\nprovider %q {\n  domain        = %q\n  client_id     = %q\n  client_secret = %q\n}\n",
			namesAndSources[i], strings.TrimPrefix(r.url, "https://"), r.clientID, r.secret)
	}
	return "terraform {\n  required_providers {\n" + required.String() + "  }\n}\n" + blocks.String()
}

// removedBlocks are the removed blocks of step 1 of the guide.
func removedBlocks(addresses []string) string {
	var out strings.Builder
	for _, address := range addresses {
		fmt.Fprintf(&out, "\nremoved {\n  from = %s\n  lifecycle {\n    destroy = false\n  }\n}\n", address)
	}
	return out.String()
}

// importBlocks are the import blocks of step 2 of the guide, by address,
// with an optional provider line.
func importBlocks(ids map[string]string, providerLine string) string {
	var out strings.Builder
	for _, address := range slices.Sorted(maps.Keys(ids)) {
		fmt.Fprintf(&out, "\nimport {\n  to = %s\n  id = %q\n%s}\n", address, ids[address], providerLine)
	}
	return out.String()
}

func writeMainTF(t *testing.T, w *workspace, config string) {
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
	if writes := writeCallsSinceReset(r); len(writes) > 0 {
		t.Errorf("%s made %d write calls, want none:\n%s", what, len(writes), strings.Join(writes, "\n"))
	}
}

// writeCallsSinceReset are the requests other than GET the emulator received since
// its log was reset (tokens are not in that log), as method and path.
func writeCallsSinceReset(r *run) []string {
	var writes []string
	for _, req := range r.emu.Requests() {
		if req.Method != http.MethodGet {
			writes = append(writes, req.Method+" "+req.Path)
		}
	}
	return writes
}

// stateIDsOf returns the id of each of addresses in the workspace's state,
// failing when one is missing or belongs to a provider whose source does not
// end in wantProvider.
func stateIDsOf(t *testing.T, w *workspace, addresses []string, wantProvider string) map[string]string {
	t.Helper()
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address      string
					ProviderName string `json:"provider_name"`
					Values       struct {
						ID           string `json:"id"`
						ConnectionID string `json:"connection_id"`
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
		if slices.Contains(addresses, res.Address) {
			// Our auth0_connection_clients has connection_id only.
			ids[res.Address] = cmp.Or(res.Values.ID, res.Values.ConnectionID)
			if !strings.HasSuffix(res.ProviderName, "/"+wantProvider) {
				t.Errorf("%s belongs to %s, want %s", res.Address, res.ProviderName, wantProvider)
			}
		}
	}
	if len(ids) != len(addresses) {
		t.Fatalf("the state holds %v, want %v", ids, addresses)
	}
	return ids
}

// createAppOverTLS creates an application in the emulator, out of band,
// and returns its client id.
func createAppOverTLS(t *testing.T, r *run, srv *httptest.Server, name string) string {
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

// samlSigningCert returns a self-signed certificate in PEM, for the
// SAML connection's signing_cert (Auth0 derives cert, expires, subject and
// thumbprints from it).
func samlSigningCert(t *testing.T) string {
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
