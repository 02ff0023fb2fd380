package conformance

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// scimSchemaScenario drives the SCIM answers the recordings do not reach:
// the tenant listing and its pages, tokens with a lifetime, and the errors.
func scimSchemaScenario(t *testing.T, checker *schemaChecker) {
	emu := emulator.New(emulator.Config{ClientID: "id", ClientSecret: "secret"})
	srv := httptest.NewServer(recordingHandler(emu, checker.check))
	defer srv.Close()
	token := emu.IssueToken()
	do := func(method, path, body string, want int) []byte {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, out)
		}
		return out
	}
	idOf := func(out []byte) string {
		return string(bytes.Split(bytes.Split(out, []byte(`"id":"`))[1], []byte(`"`))[0])
	}
	var scim []string
	for _, body := range []string{
		`{"name":"okta","strategy":"okta","options":{"domain":"example.okta.com","client_id":"c"}}`,
		`{"name":"entra","strategy":"waad","options":{"client_id":"c","tenant_domain":"acme.onmicrosoft.com"}}`,
	} {
		id := idOf(do("POST", "/api/v2/connections", body, 201))
		do("POST", "/api/v2/connections/"+id+"/scim-configuration", "", 201)
		scim = append(scim, "/api/v2/connections/"+id+"/scim-configuration")
	}
	db := idOf(do("POST", "/api/v2/connections", `{"name":"db","strategy":"auth0"}`, 201))
	for _, path := range []string{
		"/api/v2/connections-scim-configurations",
		"/api/v2/connections-scim-configurations?take=1",
		scim[1] + "/default-mapping",
	} {
		do("GET", path, "", 200)
	}
	do("PATCH", scim[0], `{"user_id_attribute":"userName","mapping":[{"auth0":"email","scim":"emails"}]}`, 200)
	tok := string(bytes.Split(bytes.Split(do("POST", scim[0]+"/tokens", `{"scopes":["get:users"],"token_lifetime":3600}`, 201),
		[]byte(`"token_id":"`))[1], []byte(`"`))[0])
	do("POST", scim[0]+"/tokens", `{"scopes":["post:users"]}`, 201)
	do("GET", scim[0]+"/tokens", "", 200)
	do("POST", scim[0], "", 400)
	do("POST", scim[0]+"/tokens", `{"scopes":["get:users"]}`, 409)
	do("DELETE", scim[0]+"/tokens/"+tok, "", 204)
	do("DELETE", scim[0]+"/tokens/"+tok, "", 404)
	do("POST", scim[0]+"/tokens", `{"scopes":["get:users"],"token_lifetime":60}`, 400)
	do("PATCH", scim[0], `{"mapping":[]}`, 400)
	do("POST", "/api/v2/connections/"+db+"/scim-configuration", "", 404)
	do("GET", "/api/v2/connections/"+db+"/scim-configuration", "", 404)
	do("GET", "/api/v2/connections/con_0000000000000000/scim-configuration/tokens", "", 404)
	do("GET", "/api/v2/connections-scim-configurations?take=0", "", 400)
	do("DELETE", scim[1], "", 204)
}
