package emulator

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func oktaConnection(name string) map[string]any {
	return map[string]any{"name": name, "strategy": "okta", "options": map[string]any{
		"client_id": "1234567", "client_secret": "1234567", "domain": "example.okta.com",
	}}
}

func TestSCIMConfigurationLifecycle(t *testing.T) {
	h := newHarness(t)
	id := h.createID(oktaConnection("scim-okta"))
	base := "/api/v2/connections/" + id + "/scim-configuration"

	assertError(t, h.do(http.MethodGet, base, nil), http.StatusNotFound, "Not Found", "")

	// No body: the strategy's defaults.
	created := h.do(http.MethodPost, base, nil)
	if created.status != http.StatusCreated {
		t.Fatalf("POST: %d %s", created.status, created.body)
	}
	obj := created.object(t)
	if obj["user_id_attribute"] != "externalId" || obj["connection_id"] != id || obj["connection_name"] != "scim-okta" || obj["strategy"] != "okta" {
		t.Errorf("created %s", created.body)
	}
	if got := get[string](t, obj, "mapping", 0, "auth0"); got != "preferred_username" {
		t.Errorf("first default mapping item maps %q", got)
	}
	if obj["created_at"] != obj["updated_on"] || obj["tenant_name"] != "emulator" {
		t.Errorf("created %s", created.body)
	}
	assertError(t, h.do(http.MethodPost, base, map[string]any{}), http.StatusBadRequest, "A SCIM configuration already exists for this connection", "")

	// PATCH needs both properties.
	assertError(t, h.do(http.MethodPatch, base, map[string]any{"user_id_attribute": "x"}), http.StatusBadRequest,
		"Payload validation error: 'Missing required property: mapping'.", "invalid_body")
	assertError(t, h.do(http.MethodPatch, base, map[string]any{"user_id_attribute": "x", "mapping": []any{}, "extra": 1}), http.StatusBadRequest,
		"Payload validation error: 'Additional properties not allowed: extra'.", "invalid_body")
	h.emu.ShiftSCIMClock(time.Second)
	patched := h.do(http.MethodPatch, base, map[string]any{"user_id_attribute": "userName", "mapping": []any{map[string]any{"auth0": "email", "scim": "emails"}}})
	if patched.status != http.StatusOK {
		t.Fatalf("PATCH: %d %s", patched.status, patched.body)
	}
	p := patched.object(t)
	assertJSON(t, p["mapping"], `[{"auth0":"email","scim":"emails"}]`)
	if p["created_at"] != obj["created_at"] || p["updated_on"] == obj["updated_on"] || p["user_id_attribute"] != "userName" {
		t.Errorf("patched %s after %s", patched.body, created.body)
	}
	if got := h.do(http.MethodGet, base, nil); got.status != http.StatusOK || get[string](t, got.json(t), "user_id_attribute") != "userName" {
		t.Errorf("GET after PATCH: %d %s", got.status, got.body)
	}

	def := h.do(http.MethodGet, base+"/default-mapping", nil)
	if def.status != http.StatusOK || len(get[[]any](t, def.json(t), "mapping")) != 32 {
		t.Errorf("default mapping: %d %s", def.status, def.body)
	}

	// DELETE is 204, twice.
	for range 2 {
		if resp := h.do(http.MethodDelete, base, nil); resp.status != http.StatusNoContent || len(resp.body) != 0 {
			t.Fatalf("DELETE: %d %s", resp.status, resp.body)
		}
	}
	assertError(t, h.do(http.MethodGet, base, nil), http.StatusNotFound, "Not Found", "")
	assertError(t, h.do(http.MethodPatch, base, map[string]any{"user_id_attribute": "x", "mapping": []any{}}), http.StatusNotFound, "Not Found", "")
}

func TestSCIMConfigurationWithBodyAndStrategies(t *testing.T) {
	h := newHarness(t)
	id := h.createID(oktaConnection("scim-body"))
	resp := h.do(http.MethodPost, "/api/v2/connections/"+id+"/scim-configuration",
		map[string]any{"user_id_attribute": "userName", "mapping": []any{map[string]any{"auth0": "username", "scim": "userName"}}})
	if resp.status != http.StatusCreated {
		t.Fatalf("POST: %d %s", resp.status, resp.body)
	}
	assertJSON(t, resp.object(t)["mapping"], `[{"auth0":"username","scim":"userName"}]`)

	db := h.createID(map[string]any{"name": "scim-db", "strategy": "auth0"})
	unsupported := "This connection type does not support SCIM. Please see our documentation for the currently supported connection types: https://auth0.com/docs/authenticate/protocols/scim/configure-inbound-scim."
	assertError(t, h.do(http.MethodPost, "/api/v2/connections/"+db+"/scim-configuration", nil), http.StatusNotFound, unsupported, "")
	assertError(t, h.do(http.MethodGet, "/api/v2/connections/"+db+"/scim-configuration/default-mapping", nil), http.StatusNotFound, unsupported, "")

	for _, path := range []string{"", "/default-mapping", "/tokens"} {
		assertError(t, h.do(http.MethodGet, "/api/v2/connections/con_missing00000000/scim-configuration"+path, nil),
			http.StatusNotFound, "The connection does not exist", "inexistent_connection")
	}
	other := h.createID(oktaConnection("scim-bad-body"))
	assertError(t, h.do(http.MethodPost, "/api/v2/connections/"+other+"/scim-configuration", `{"mapping":"x"}`), http.StatusBadRequest,
		"Payload validation error: 'Expected type array but found type string' on property mapping (The mapping between auth0 and SCIM).", "invalid_body")
}

func TestSCIMTokens(t *testing.T) {
	h := newHarness(t)
	id := h.createID(oktaConnection("scim-tokens"))
	base := "/api/v2/connections/" + id + "/scim-configuration"
	// Tokens belong to a configuration.
	assertError(t, h.do(http.MethodPost, base+"/tokens", map[string]any{"scopes": []string{"get:users"}}), http.StatusNotFound, "Not Found", "")
	if resp := h.do(http.MethodPost, base, nil); resp.status != http.StatusCreated {
		t.Fatal(resp.status)
	}

	assertError(t, h.do(http.MethodPost, base+"/tokens", map[string]any{"scopes": []string{"read:users"}}), http.StatusBadRequest,
		"Payload validation error: 'Invalid value \"read:users\"' on property scopes[0] (The token's scope).", "invalid_body")
	assertError(t, h.do(http.MethodPost, base+"/tokens", map[string]any{"scopes": []string{"get:users"}, "token_lifetime": 900}), http.StatusBadRequest,
		"Payload validation error: 'Value 900 is less than minimum 901' on property token_lifetime (Lifetime of the token in seconds. Must be greater than 900).", "invalid_body")
	assertError(t, h.do(http.MethodPost, base+"/tokens", map[string]any{"scopes": []string{}}), http.StatusBadRequest,
		"Payload validation error: 'Array is too short (0), minimum 1' on property scopes (The scopes of the scim token).", "invalid_body")

	first := h.do(http.MethodPost, base+"/tokens", map[string]any{"scopes": []string{"get:users", "post:users"}})
	if first.status != http.StatusCreated {
		t.Fatalf("POST token: %d %s", first.status, first.body)
	}
	tok := first.object(t)
	tokenID, _ := tok["token_id"].(string)
	value, _ := tok["token"].(string)
	if !strings.HasPrefix(tokenID, "tok_") || !strings.HasPrefix(value, tokenID+".") || len(value) != len(tokenID)+65 {
		t.Errorf("token %s", first.body)
	}
	if _, ok := tok["valid_until"]; ok {
		t.Errorf("a token without lifetime has valid_until: %s", first.body)
	}

	h.emu.ShiftSCIMClock(-time.Hour)
	second := h.do(http.MethodPost, base+"/tokens", map[string]any{"scopes": []string{"delete:users"}, "token_lifetime": 1000})
	h.emu.ShiftSCIMClock(0)
	if second.status != http.StatusCreated {
		t.Fatalf("POST token: %d %s", second.status, second.body)
	}
	validUntil, err := time.Parse(time.RFC3339, get[string](t, second.json(t), "valid_until"))
	if err != nil || !validUntil.Before(time.Now()) {
		t.Errorf("valid_until %v (%v) of a token made an hour ago for 1000s is not past", validUntil, err)
	}
	assertError(t, h.do(http.MethodPost, base+"/tokens", map[string]any{"scopes": []string{"get:users"}}), http.StatusConflict,
		"Maximum of 2 tokens already issued for this connection", "")

	list := h.do(http.MethodGet, base+"/tokens", nil)
	if list.status != http.StatusOK || strings.Contains(string(list.body), value) {
		t.Fatalf("list: %d %s", list.status, list.body)
	}
	assertJSON(t, get[map[string]any](t, list.json(t), 0), `{"token_id":"`+tokenID+`","created_at":"`+get[string](t, tok, "created_at")+`","scopes":["get:users","post:users"]}`)
	if n := len(get[[]any](t, list.json(t))); n != 2 {
		t.Errorf("%d tokens listed", n)
	}

	if resp := h.do(http.MethodDelete, base+"/tokens/"+tokenID, nil); resp.status != http.StatusNoContent {
		t.Errorf("DELETE token: %d %s", resp.status, resp.body)
	}
	assertError(t, h.do(http.MethodDelete, base+"/tokens/"+tokenID, nil), http.StatusNotFound, "Not Found", "")

	// The configuration takes its tokens with it.
	h.do(http.MethodDelete, base, nil)
	h.do(http.MethodPost, base, nil)
	if list := h.do(http.MethodGet, base+"/tokens", nil); string(list.body) != "[]\n" {
		t.Errorf("tokens after the configuration was recreated: %s", list.body)
	}
}

func TestSCIMConfigurationsListPagesAndGoWithConnections(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data.json")
	h := newHarnessWith(t, Config{DataFile: path})
	var ids []string
	for _, name := range []string{"scim-a", "scim-b", "scim-c"} {
		id := h.createID(oktaConnection(name))
		h.do(http.MethodPost, "/api/v2/connections/"+id+"/scim-configuration", nil)
		ids = append(ids, id)
	}
	h.createID(map[string]any{"name": "no-scim", "strategy": "auth0"})
	assertError(t, h.do(http.MethodGet, "/api/v2/connections-scim-configurations?take=0", nil), http.StatusBadRequest,
		"Query validation error: 'Value 0 is less than minimum 1' on property take (Number of results per page. Defaults to 50.).", "invalid_query_string")

	var seen []string
	next := ""
	for range 3 {
		q := "?take=2"
		if next != "" {
			q += "&from=" + next
		}
		page := h.do(http.MethodGet, "/api/v2/connections-scim-configurations"+q, nil).object(t)
		for _, item := range get[[]any](t, page, "scim_configurations") {
			seen = append(seen, get[string](t, item, "connection_id"))
		}
		next, _ = page["next"].(string)
		if next == "" {
			break
		}
	}
	if strings.Join(seen, ",") != strings.Join(ids, ",") {
		t.Errorf("listed %v, want %v", seen, ids)
	}

	// Persisted, and deleted with the connection.
	reopened := newHarnessWith(t, Config{DataFile: path})
	if resp := reopened.do(http.MethodGet, "/api/v2/connections/"+ids[1]+"/scim-configuration", nil); resp.status != http.StatusOK {
		t.Errorf("after a restart: %d %s", resp.status, resp.body)
	}
	reopened.do(http.MethodDelete, "/api/v2/connections/"+ids[1], nil)
	list := reopened.do(http.MethodGet, "/api/v2/connections-scim-configurations", nil).object(t)
	if n := len(get[[]any](t, list, "scim_configurations")); n != 2 {
		t.Errorf("%d configurations after deleting a connection", n)
	}
}
