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

// Every SCIM configuration and every SCIM token of the tenant generates as
// an import leaves it: the tokens without their values (Auth0 never shows
// one again), token_lifetime derived from the timestamps; applying writes
// nothing and the next plan is empty.
func TestQueryGeneratesSCIM(t *testing.T) {
	r := setup(t)
	requireQuery(t, r)
	ctx := context.Background()
	strategy := "samlp"
	var ids []string
	for _, name := range []string{"query-scim-default", "query-scim-custom"} {
		conn, err := r.client.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy,
			Options: []byte(`{"signInEndpoint":"https://idp.example.com/sso"}`)})
		if err != nil {
			t.Fatalf("creating %s: %v", name, err)
		}
		ids = append(ids, conn.ID)
	}
	if _, err := r.client.CreateSCIMConfiguration(ctx, ids[0], auth0api.SCIMConfigurationRequest{}); err != nil {
		t.Fatal(err)
	}
	userID := "userName"
	if _, err := r.client.CreateSCIMConfiguration(ctx, ids[1], auth0api.SCIMConfigurationRequest{
		UserIDAttribute: &userID,
		Mapping:         []auth0api.SCIMMapping{{Auth0: "email", SCIM: "emails[primary eq true].value"}, {Auth0: "nickname", SCIM: "displayName"}},
	}); err != nil {
		t.Fatal(err)
	}
	hour := int64(3600)
	var values, tokenIDs []string
	for _, tc := range []struct {
		conn string
		body auth0api.SCIMTokenRequest
	}{
		{ids[0], auth0api.SCIMTokenRequest{Scopes: []string{"get:users", "post:users"}, TokenLifetime: &hour}},
		{ids[0], auth0api.SCIMTokenRequest{Scopes: []string{"get:users"}}},
		{ids[1], auth0api.SCIMTokenRequest{Scopes: []string{"get:users", "patch:users", "delete:users"}}},
	} {
		tok, err := r.client.CreateSCIMToken(ctx, tc.conn, tc.body)
		if err != nil {
			t.Fatal(err)
		}
		values = append(values, tok.Token)
		tokenIDs = append(tokenIDs, tok.TokenID)
	}

	w := r.workspace("")
	if err := os.WriteFile(filepath.Join(w.dir, "scim.tfquery.hcl"), []byte(`
list "auth0_connection_scim_configuration" "all" {
  provider = auth0
}

list "auth0_connection_scim_token" "all" {
  provider = auth0
}

list "auth0_connection_scim_token" "one" {
  provider = auth0
  limit    = 1
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	listed := w.terraform([]string{"query", "-no-color"})
	if limited := strings.Count("\n"+listed, "\nlist.auth0_connection_scim_token.one"); limited != 1 {
		t.Errorf("limit = 1 listed %d tokens:\n%s", limited, listed)
	}
	for _, want := range append([]string{"query-scim-default", "query-scim-custom"}, tokenIDs...) {
		if !strings.Contains(listed, want) {
			t.Errorf("terraform query does not list %s:\n%s", want, listed)
		}
	}

	// Generate from the unlimited blocks only: "one" would import a token twice.
	if err := writeReplaced(w, "scim.tfquery.hcl", `
list "auth0_connection_scim_token" "one" {
  provider = auth0
  limit    = 1
}
`, ""); err != nil {
		t.Fatal(err)
	}
	generatedOut := w.terraform([]string{"query", "-no-color", "-generate-config-out=generated.tf"})
	generated := w.file("generated.tf")
	for _, want := range append([]string{
		fmt.Sprintf("connection_id = %q", ids[0]), fmt.Sprintf("connection_id = %q", ids[1]),
		`user_id_attribute = "userName"`, `scim  = "displayName"`, "token_lifetime = 3600", `"delete:users"`,
	}, tokenIDs...) {
		if !strings.Contains(generated, want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	if strings.Count(generated, "token_lifetime = null") != 2 {
		t.Errorf("generated.tf should leave the two unexpiring tokens' token_lifetime null:\n%s", generated)
	}

	r.emu.ResetRequests()
	applied := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	if !strings.Contains(applied, "5 imported, 0 added, 0 changed, 0 destroyed") {
		t.Errorf("the apply did not import the two configurations and the three tokens:\n%s", applied)
	}
	for _, req := range r.emu.Requests() {
		if req.Method != http.MethodGet && !strings.HasSuffix(req.Path, "/oauth/token") {
			t.Errorf("applying the generated configuration sent %s %s", req.Method, req.Path)
		}
	}
	replan := w.terraform([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"})
	r.assertAbsent(r.forbidden(values...), map[string]string{
		"generated.tf":         generated,
		"terraform.tfstate":    w.file("terraform.tfstate"),
		"query output":         listed + generatedOut,
		"apply and plan":       applied + replan,
		"the TF_LOG=trace log": w.file("trace.log"),
	})
}
