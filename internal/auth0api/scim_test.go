package auth0api

import (
	"context"
	"net/http"
	"testing"
)

// The SCIM calls send their paths as literal segments too, and the tenant
// listing follows its checkpoint pages.
func TestSCIMPathsAndPaging(t *testing.T) {
	const id, tok = "con_0123456789abcdef", "tok_0123456789abcdef"
	ok := func(body string) func(http.ResponseWriter, *http.Request, int) {
		return func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, http.StatusOK, body) }
	}
	scim := "/api/v2/connections/" + id + "/scim-configuration"
	pages := 0
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET " + scim:                       ok(`{"connection_id":"` + id + `","mapping":[]}`),
		"POST " + scim:                      ok(`{"connection_id":"` + id + `","mapping":[]}`),
		"PATCH " + scim:                     ok(`{"connection_id":"` + id + `","mapping":[]}`),
		"DELETE " + scim:                    ok(""),
		"GET " + scim + "/default-mapping":  ok(`{"mapping":[{"auth0":"a","scim":"s"}]}`),
		"GET " + scim + "/tokens":           ok(`[{"token_id":"` + tok + `"}]`),
		"POST " + scim + "/tokens":          ok(`{"token_id":"` + tok + `","token":"v"}`),
		"DELETE " + scim + "/tokens/" + tok: ok(""),
		"GET /api/v2/connections-scim-configurations": func(w http.ResponseWriter, r *http.Request, _ int) {
			pages++
			if r.URL.Query().Get("from") == "" {
				writeJSON(w, http.StatusOK, `{"scim_configurations":[{"connection_id":"a"}],"next":"n1"}`)
				return
			}
			writeJSON(w, http.StatusOK, `{"scim_configurations":[{"connection_id":"b"}]}`)
		},
	})
	ctx := context.Background()
	calls := []func() error{
		func() error { _, err := c.ReadSCIMConfiguration(ctx, id); return err },
		func() error { _, err := c.CreateSCIMConfiguration(ctx, id, SCIMConfigurationRequest{}); return err },
		func() error { _, err := c.UpdateSCIMConfiguration(ctx, id, "externalId", nil); return err },
		func() error { return c.DeleteSCIMConfiguration(ctx, id) },
		func() error { _, err := c.SCIMDefaultMapping(ctx, id); return err },
		func() error { _, err := c.SCIMTokens(ctx, id); return err },
		func() error {
			_, err := c.CreateSCIMToken(ctx, id, SCIMTokenRequest{Scopes: []string{"get:users"}})
			return err
		},
		func() error { return c.DeleteSCIMToken(ctx, id, tok) },
	}
	for i, call := range calls {
		if err := call(); err != nil {
			t.Errorf("call %d: %v (calls: %v)", i, err, f.calls)
		}
	}
	all, err := c.ListSCIMConfigurations(ctx)
	if err != nil || len(all) != 2 || all[1].ConnectionID != "b" || pages != 2 {
		t.Errorf("ListSCIMConfigurations = %v, %v after %d pages", all, err, pages)
	}
}
