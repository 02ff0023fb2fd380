package e2e

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// requireQuery skips without `terraform query`, on a Terraform older than
// 1.14 or on OpenTofu: the version matrix runs this package on 1.11, 1.16
// and OpenTofu, and the 1.16 pass runs these tests.
func requireQuery(t *testing.T, r *run) {
	t.Helper()
	if ok, have := terraformAtLeast(t, r, "1.14.0"); !ok {
		t.Skipf("needs Terraform >= 1.14 (terraform query); this is %s (the Terraform 1.16 pass of the matrix runs it)", have)
	}
}

// terraformAtLeast reports whether the run's CLI is a Terraform (not
// OpenTofu) of at least minimum, and what it is.
func terraformAtLeast(t *testing.T, r *run, minimum string) (bool, string) {
	t.Helper()
	// OpenTofu prints CLI configuration warnings on stdout before the version.
	text, err := exec.Command(r.terraform, "version").Output()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	if strings.Contains(string(text), "OpenTofu") {
		return false, "OpenTofu"
	}
	out, err := exec.Command(r.terraform, "version", "-json").Output()
	if err != nil {
		t.Fatalf("terraform version -json: %v", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if i := strings.IndexByte(string(out), '{'); i < 0 || json.Unmarshal(out[i:], &v) != nil {
		t.Fatalf("terraform version -json: no version in\n%s", out)
	}
	return !olderThan(v.Version, minimum), v.Version
}

// olderThan compares dotted versions ("1.16.4", "1.14.0") numerically.
func olderThan(have, want string) bool {
	h, w := strings.Split(strings.SplitN(have, "-", 2)[0], "."), strings.Split(want, ".")
	for i := range w {
		var hv, wv int
		if i < len(h) {
			hv, _ = strconv.Atoi(h[i])
		}
		wv, _ = strconv.Atoi(w[i])
		if hv != wv {
			return hv < wv
		}
	}
	return false
}

// `terraform query -generate-config-out` writes a configuration for a whole
// tenant: import blocks with identities and resource blocks, secrets and
// derived keys left out as an import leaves them; applying it writes
// nothing to Auth0 and the next plan is empty.
func TestQueryGeneratesATenantConfiguration(t *testing.T) {
	r := setup(t)
	requireQuery(t, r)
	ctx := context.Background()
	secret := "query-secret-" + rand.Text()
	seeds := []struct{ name, strategy, options string }{
		{"query-db", "auth0", `{"passwordPolicy":"good","brute_force_protection":true,"disable_signup":false}`},
		{"query-google", "google-oauth2", fmt.Sprintf(`{"client_id":"g-id","client_secret":%q,"email":true,"profile":true}`, secret)},
		{"query-github", "github", fmt.Sprintf(`{"client_id":"gh-id","client_secret":%q,"read_user":true}`, secret)},
		{"query-saml", "samlp", `{"signInEndpoint":"https://idp.example.com/sso","signatureAlgorithm":"rsa-sha256","digestAlgorithm":"sha256"}`},
		{"query-sms", "sms", fmt.Sprintf(`{"twilio_sid":"AC123","twilio_token":%q,"from":"+15555550100","syntax":"md_with_macros","template":"Your code is @@password@@"}`, secret)},
	}
	ids := map[string]string{}
	for _, s := range seeds {
		name, strategy := s.name, s.strategy
		conn, err := r.client.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy, Options: []byte(s.options)})
		if err != nil {
			t.Fatalf("creating %s: %v", s.name, err)
		}
		ids[s.name] = conn.ID
	}
	sdk, err := management.New(r.url, management.WithInsecure(), management.WithClientCredentials(ctx, r.clientID, r.secret))
	if err != nil {
		t.Fatal(err)
	}
	appName := "query-app"
	app := &management.Client{Name: &appName}
	if err := sdk.Client.Create(ctx, app); err != nil {
		t.Fatal(err)
	}
	if err := r.client.UpdateEnabledClients(ctx, ids["query-db"], []auth0api.ClientStatus{{ClientID: app.GetClientID(), Status: true}}); err != nil {
		t.Fatal(err)
	}

	w := r.workspace("")
	query := `
list "auth0_connection" "all" {
  provider = auth0
}

list "auth0_connection" "social" {
  provider = auth0
  config {
    strategy = ["google-oauth2", "github"]
  }
}

list "auth0_connection_clients" "all" {
  provider = auth0
}
`
	if err := os.WriteFile(filepath.Join(w.dir, "tenant.tfquery.hcl"), []byte(query), 0o600); err != nil {
		t.Fatal(err)
	}
	listed := w.terraform([]string{"query", "-no-color"})
	for name := range ids {
		if !strings.Contains(listed, name) {
			t.Errorf("terraform query does not list %s:\n%s", name, listed)
		}
	}
	social := 0
	for _, line := range strings.Split(listed, "\n") {
		if strings.HasPrefix(line, "list.auth0_connection.social") {
			social++
		}
	}
	if social != 2 {
		t.Errorf("the strategy filter listed %d connections, want 2:\n%s", social, listed)
	}

	// Only the "all" blocks generate: the "social" one would import the
	// same connections twice.
	if err := os.WriteFile(filepath.Join(w.dir, "tenant.tfquery.hcl"), []byte(strings.Replace(query, `list "auth0_connection" "social" {
  provider = auth0
  config {
    strategy = ["google-oauth2", "github"]
  }
}
`, "", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	generatedOut := w.terraform([]string{"query", "-no-color", "-generate-config-out=generated.tf"})
	generated := w.file("generated.tf")
	for name, id := range ids {
		if !strings.Contains(generated, fmt.Sprintf("id = %q", id)) {
			t.Errorf("generated.tf lacks the identity of %s (%s):\n%s", name, id, generated)
		}
	}
	if !strings.Contains(generated, `passwordPolicy`) || !strings.Contains(generated, app.GetClientID()) {
		t.Fatalf("generated.tf lacks the options or the enabled client:\n%s", generated)
	}

	r.emu.ResetRequests()
	applied := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	if !strings.Contains(applied, fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", len(ids)+1)) {
		t.Errorf("the apply did not import exactly the tenant:\n%s", applied)
	}
	for _, req := range r.emu.Requests() {
		if req.Method != http.MethodGet && !strings.HasSuffix(req.Path, "/oauth/token") {
			t.Errorf("applying the generated configuration sent %s %s", req.Method, req.Path)
		}
	}
	replan := w.terraform([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"})
	r.assertAbsent(r.forbidden(secret), map[string]string{
		"generated.tf":         generated,
		"terraform.tfstate":    w.file("terraform.tfstate"),
		"query output":         listed + generatedOut,
		"apply and plan":       applied + replan,
		"the TF_LOG=trace log": w.file("trace.log"),
	})
}

// The estate's list resources generate the same way: every enabled
// application as one auth0_connection_client, every connection profile.
func TestQueryGeneratesClientsAndProfiles(t *testing.T) {
	r := setup(t)
	requireQuery(t, r)
	ctx := context.Background()
	name, strategy := "query-clients", "auth0"
	conn, err := r.client.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy})
	if err != nil {
		t.Fatal(err)
	}
	sdk, err := management.New(r.url, management.WithInsecure(), management.WithClientCredentials(ctx, r.clientID, r.secret))
	if err != nil {
		t.Fatal(err)
	}
	var apps []string
	for _, n := range []string{"query-app-1", "query-app-2"} {
		app := &management.Client{Name: &n}
		if err := sdk.Client.Create(ctx, app); err != nil {
			t.Fatal(err)
		}
		apps = append(apps, app.GetClientID())
	}
	if err := r.client.UpdateEnabledClients(ctx, conn.ID, []auth0api.ClientStatus{
		{ClientID: apps[0], Status: true}, {ClientID: apps[1], Status: true},
	}); err != nil {
		t.Fatal(err)
	}
	show, prefix := "optional", "acme-{org_name}"
	profile, err := r.client.CreateConnectionProfile(ctx, auth0api.ProfileBody{
		Name:                         "query-profile",
		Organization:                 &auth0api.ProfileOrganization{ShowAsButton: &show},
		ConnectionNamePrefixTemplate: &prefix,
		EnabledFeatures:              &[]string{"scim"},
	})
	if err != nil {
		t.Fatal(err)
	}

	w := r.workspace("")
	if err := os.WriteFile(filepath.Join(w.dir, "estate.tfquery.hcl"), []byte(`
list "auth0_connection_client" "all" {
  provider = auth0
  config {
    name = "query-clients"
  }
}

list "auth0_connection_profile" "all" {
  provider = auth0
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	w.terraform([]string{"query", "-no-color", "-generate-config-out=generated.tf"})
	generated := w.file("generated.tf")
	for _, want := range []string{apps[0], apps[1], profile.ID, `connection_name_prefix_template = "acme-{org_name}"`} {
		if !strings.Contains(generated, want) {
			t.Fatalf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	r.emu.ResetRequests()
	applied := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	if !strings.Contains(applied, "3 imported, 0 added, 0 changed, 0 destroyed") {
		t.Errorf("the apply did not import the two applications and the profile:\n%s", applied)
	}
	for _, req := range r.emu.Requests() {
		if req.Method != http.MethodGet && !strings.HasSuffix(req.Path, "/oauth/token") {
			t.Errorf("applying the generated configuration sent %s %s", req.Method, req.Path)
		}
	}
	w.terraform([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"})
}
