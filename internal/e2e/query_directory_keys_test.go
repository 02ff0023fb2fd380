package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// estateQuery lists every result of the three list resources.
const estateQuery = `
list "auth0_connection_directory" "all" {
  provider = auth0
}

list "auth0_connection_directory_synchronized_groups" "all" {
  provider = auth0
}

list "auth0_connection_keys" "all" {
  provider = auth0
}
`

// The directory and keys list resources generate as the others do: every
// directory provisioning, the synchronized groups of each (an empty set
// too, which imports as one), and the keys of the oidc and okta connections
// that have some (a client-secret oidc connection has none and is left
// out); applying the generated configuration only reads, and the next plan
// is empty.
func TestQueryGeneratesDirectoryAndKeys(t *testing.T) {
	r := setup(t)
	requireQuery(t, r)
	ctx := context.Background()
	create := func(name, strategy, options string) string {
		t.Helper()
		conn, err := r.client.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy, Options: []byte(options)})
		if err != nil {
			t.Fatalf("creating %s: %v", name, err)
		}
		return conn.ID
	}
	workspaceOptions := `{"domain":"example.com","tenant_domain":"example.com","api_enable_users":true,"api_enable_groups":true}`
	withGroups := create("query-gw-groups", "google-apps", workspaceOptions)
	withoutGroups := create("query-gw-none", "google-apps", workspaceOptions)
	oidcOptions := `{"client_id":"query-oidc","type":"front_channel","issuer":"https://idp.example.com/",` +
		`"authorization_endpoint":"https://idp.example.com/authorize","token_endpoint":"https://idp.example.com/token",` +
		`"jwks_uri":"https://idp.example.com/jwks"%s}`
	jwtOIDC := create("query-oidc-jwt", "oidc", fmt.Sprintf(oidcOptions, `,"token_endpoint_auth_method":"private_key_jwt"`))
	plainOIDC := create("query-oidc-plain", "oidc", fmt.Sprintf(oidcOptions, ""))
	jwtOkta := create("query-okta-jwt", "okta", `{"client_id":"query-okta","domain":"query.okta.com","token_endpoint_auth_method":"private_key_jwt"}`)

	selected, sync := "selected", true
	if _, err := r.client.CreateDirectoryProvisioning(ctx, withGroups, auth0api.DirectoryProvisioningChange{
		SynchronizeGroups: &selected, SynchronizeAutomatically: &sync,
		Mapping: []auth0api.DirectoryMapping{{Auth0: "email", IdP: "primaryEmail"}, {Auth0: "app_metadata.external_id", IdP: "id"}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := r.client.ReplaceSynchronizedGroups(ctx, withGroups, []string{"grpEngineering01", "grpSales02"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.client.CreateDirectoryProvisioning(ctx, withoutGroups, auth0api.DirectoryProvisioningChange{}); err != nil {
		t.Fatal(err)
	}

	w := r.workspace("")
	if err := os.WriteFile(filepath.Join(w.dir, "estate.tfquery.hcl"), []byte(estateQuery), 0o600); err != nil {
		t.Fatal(err)
	}
	listed := w.terraform([]string{"query", "-no-color"})
	count := func(prefix string) int {
		n := 0
		for _, line := range strings.Split(listed, "\n") {
			if strings.HasPrefix(line, prefix) {
				n++
			}
		}
		return n
	}
	for prefix, want := range map[string]int{
		"list.auth0_connection_directory.all":                     2,
		"list.auth0_connection_directory_synchronized_groups.all": 2,
		"list.auth0_connection_keys.all":                          2,
	} {
		if got := count(prefix); got != want {
			t.Errorf("%s listed %d results, want %d:\n%s", prefix, got, want, listed)
		}
	}
	if !strings.Contains(listed, jwtOIDC) || !strings.Contains(listed, jwtOkta) || strings.Contains(listed, plainOIDC) {
		t.Errorf("the keys listed are not those of the private key JWT connections (%s, %s) alone:\n%s", jwtOIDC, jwtOkta, listed)
	}

	// limit stops each listing after one result.
	limited := strings.ReplaceAll(estateQuery, "provider = auth0\n", "provider = auth0\n  limit    = 1\n")
	if err := os.WriteFile(filepath.Join(w.dir, "estate.tfquery.hcl"), []byte(limited), 0o600); err != nil {
		t.Fatal(err)
	}
	listed = w.terraform([]string{"query", "-no-color"})
	for _, prefix := range []string{"list.auth0_connection_directory.all", "list.auth0_connection_directory_synchronized_groups.all", "list.auth0_connection_keys.all"} {
		if got := count(prefix); got != 1 {
			t.Errorf("%s with limit = 1 listed %d results:\n%s", prefix, got, listed)
		}
	}
	if err := os.WriteFile(filepath.Join(w.dir, "estate.tfquery.hcl"), []byte(estateQuery), 0o600); err != nil {
		t.Fatal(err)
	}

	w.terraform([]string{"query", "-no-color", "-generate-config-out=generated.tf"})
	generated := w.file("generated.tf")
	for _, want := range []string{
		withGroups, withoutGroups, jwtOIDC, jwtOkta,
		`"grpEngineering01"`, `"grpSales02"`, `group_ids     = []`, `idp   = "primaryEmail"`,
		`synchronize_groups        = "selected"`, `signing_alg      = "RS256"`,
	} {
		if !strings.Contains(generated, want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	if strings.Contains(generated, plainOIDC) || strings.Contains(generated, "rotation_trigger = \"") {
		t.Errorf("generated.tf holds keys of %s or a rotation_trigger:\n%s", plainOIDC, generated)
	}

	r.emu.ResetRequests()
	applied := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	if !strings.Contains(applied, "6 imported, 0 added, 0 changed, 0 destroyed") {
		t.Errorf("the apply did not import the two provisionings, their groups and the two connections' keys:\n%s", applied)
	}
	for _, req := range r.emu.Requests() {
		if req.Method != http.MethodGet && !strings.HasSuffix(req.Path, "/oauth/token") {
			t.Errorf("applying the generated configuration sent %s %s", req.Method, req.Path)
		}
	}
	w.terraform([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"})
}

// A listing Auth0 refuses (a token without the read scopes) fails the
// query with each list resource's own error, naming the scope to grant;
// the token is not shown.
func TestQueryDirectoryAndKeysReportsAPIErrors(t *testing.T) {
	r := setup(t)
	requireQuery(t, r)
	ctx := context.Background()
	name, strategy := "query-keys-denied", "oidc"
	if _, err := r.client.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy, Options: []byte(
		`{"client_id":"denied","type":"front_channel","issuer":"https://idp.example.com/","authorization_endpoint":"https://idp.example.com/authorize",` +
			`"token_endpoint":"https://idp.example.com/token","jwks_uri":"https://idp.example.com/jwks","token_endpoint_auth_method":"private_key_jwt"}`,
	)}); err != nil {
		t.Fatal(err)
	}
	token := r.emu.IssueTokenWithScopes("read:connections")
	w := r.workspace("")
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(fmt.Sprintf(`terraform {
  required_providers {
    auth0 = { source = "seedtf/auth0" }
  }
}

provider "auth0" {
  domain    = %q
  api_token = %q
}
`, r.url, token)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "estate.tfquery.hcl"), []byte(estateQuery), 0o600); err != nil {
		t.Fatal(err)
	}
	out := w.terraform([]string{"query", "-no-color"}, 1)
	for _, want := range []string{"Unable to List Directory Provisionings", "read:directory_provisionings", "Unable to Read Connection Keys", "read:connections_keys"} {
		if !strings.Contains(out, want) {
			t.Errorf("the query output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, token) {
		t.Errorf("the query output shows the API token:\n%s", out)
	}
}
