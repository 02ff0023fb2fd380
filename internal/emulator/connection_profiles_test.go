package emulator

import (
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"testing"
)

// The request of TestAccConnectionProfile.yaml #0.
const recordedProfile = `{"name":"Test-Profile","organization":{"show_as_button":"required","assign_membership_on_login":"optional"},` +
	`"connection_name_prefix_template":"template1","enabled_features":["scim","universal_logout"],"connection_config":{}}`

func TestConnectionProfileLifecycle(t *testing.T) {
	h := newHarness(t)
	created := h.do(http.MethodPost, "/api/v2/connection-profiles", recordedProfile)
	if created.status != http.StatusCreated {
		t.Fatalf("create: %d %s", created.status, created.body)
	}
	id := get[string](t, created.json(t), "id")
	if !regexp.MustCompile(`^cop_[A-Za-z0-9]{22}$`).MatchString(id) {
		t.Fatalf("id %q is not shaped like cop_1cu7Zs1Dfru5Qc9mZea7nm", id)
	}
	want := fmt.Sprintf(`{"id":%q,"name":"Test-Profile","organization":{"show_as_button":"required","assign_membership_on_login":"optional"},`+
		`"connection_name_prefix_template":"template1","enabled_features":["scim","universal_logout"],"connection_config":{},"strategy_overrides":null}`, id)
	assertJSON(t, created.json(t), want)
	got := h.do(http.MethodGet, "/api/v2/connection-profiles/"+id, nil)
	if got.status != http.StatusOK {
		t.Fatalf("get: %d %s", got.status, got.body)
	}
	assertJSON(t, got.json(t), want)

	// PATCH replaces the keys it sends and keeps the others.
	patched := h.do(http.MethodPatch, "/api/v2/connection-profiles/"+id,
		`{"name":"Renamed","enabled_features":["scim"],"strategy_overrides":{"okta":{"enabled_features":["universal_logout"]}}}`)
	if patched.status != http.StatusOK {
		t.Fatalf("patch: %d %s", patched.status, patched.body)
	}
	want = fmt.Sprintf(`{"id":%q,"name":"Renamed","organization":{"show_as_button":"required","assign_membership_on_login":"optional"},`+
		`"connection_name_prefix_template":"template1","enabled_features":["scim"],"connection_config":{},`+
		`"strategy_overrides":{"okta":{"enabled_features":["universal_logout"]}}}`, id)
	assertJSON(t, patched.json(t), want)
	// null resets a key.
	reset := h.do(http.MethodPatch, "/api/v2/connection-profiles/"+id, `{"organization":null,"strategy_overrides":null}`)
	if reset.status != http.StatusOK || get[map[string]any](t, reset.json(t))["organization"] != nil {
		t.Fatalf("reset: %d %s", reset.status, reset.body)
	}

	if del := h.do(http.MethodDelete, "/api/v2/connection-profiles/"+id, nil); del.status != http.StatusNoContent || len(del.body) != 0 {
		t.Fatalf("delete: %d %q, want 204 without a body", del.status, del.body)
	}
	for _, method := range []string{http.MethodGet, http.MethodDelete} {
		gone := h.do(method, "/api/v2/connection-profiles/"+id, nil)
		if gone.status != http.StatusNotFound {
			t.Fatalf("%s of a deleted profile: %d %s", method, gone.status, gone.body)
		}
		assertJSON(t, gone.json(t), `{"statusCode":404,"error":"Not Found","message":"The connection profile does not exist","errorCode":"inexistent_connection_profile"}`)
	}
	if gone := h.do(http.MethodPatch, "/api/v2/connection-profiles/"+id, `{"name":"x"}`); gone.status != http.StatusNotFound {
		t.Fatalf("PATCH of a deleted profile: %d %s", gone.status, gone.body)
	}
}

func TestConnectionProfileValidation(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct{ method, body, message string }{
		{http.MethodPost, `{"enabled_features":["scim"]}`, "Payload validation error: 'Missing required property: name'."},
		{http.MethodPost, `{"name":"p","colour":"red"}`, "Payload validation error: 'Additional properties not allowed: colour'."},
		{http.MethodPost, `{"name":"p","organization":{"show_as_button":"always"}}`,
			`Payload validation error: 'Invalid value "always"' on property organization.show_as_button.`},
		{http.MethodPost, `{"name":"p","enabled_features":["sso"]}`, `Payload validation error: 'Invalid value "sso"' on property enabled_features[0].`},
		{http.MethodPost, `{"name":"p","strategy_overrides":{"auth0":{}}}`,
			"Payload validation error: 'Additional properties not allowed: auth0' on property strategy_overrides."},
		{http.MethodPost, `{"name":"p","connection_config":{"x":1}}`,
			"Payload validation error: 'Additional properties not allowed: x' on property connection_config."},
		{http.MethodPost, `{"name":""}`, "Payload validation error: 'String is too short (0 chars), minimum 1' on property name."},
	} {
		resp := h.do(tc.method, "/api/v2/connection-profiles", tc.body)
		if resp.status != http.StatusBadRequest || get[string](t, resp.json(t), "message") != tc.message {
			t.Errorf("%s %s: %d %s, want 400 %q", tc.method, tc.body, resp.status, resp.body, tc.message)
		}
	}
	id := get[string](t, h.do(http.MethodPost, "/api/v2/connection-profiles", `{"name":"p"}`).json(t), "id")
	if resp := h.do(http.MethodPatch, "/api/v2/connection-profiles/"+id, `{}`); resp.status != http.StatusBadRequest {
		t.Errorf("empty PATCH: %d %s, want 400", resp.status, resp.body)
	}
	// Keys not sent come back null, as strategy_overrides does in the recordings.
	assertJSON(t, h.do(http.MethodGet, "/api/v2/connection-profiles/"+id, nil).json(t), fmt.Sprintf(
		`{"id":%q,"name":"p","organization":null,"connection_name_prefix_template":null,"enabled_features":null,"connection_config":null,"strategy_overrides":null}`, id))
}

func TestConnectionProfileListPagesAndPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarnessWith(t, Config{DataFile: path})
	var ids []string
	for i := range 3 {
		resp := h.do(http.MethodPost, "/api/v2/connection-profiles", fmt.Sprintf(`{"name":"p%d"}`, i))
		ids = append(ids, get[string](t, resp.json(t), "id"))
	}
	first := h.do(http.MethodGet, "/api/v2/connection-profiles?take=2", nil).object(t)
	items, _ := first["connection_profiles"].([]any)
	next, _ := first["next"].(string)
	if len(items) != 2 || next == "" {
		t.Fatalf("first page: %v", first)
	}
	second := h.do(http.MethodGet, "/api/v2/connection-profiles?take=2&from="+next, nil).object(t)
	if got := get[string](t, second, "connection_profiles", 0, "id"); got != ids[2] || second["next"] != nil {
		t.Fatalf("second page: %v", second)
	}

	reopened := newHarnessWith(t, Config{DataFile: path})
	if resp := reopened.do(http.MethodGet, "/api/v2/connection-profiles/"+ids[1], nil); resp.status != http.StatusOK {
		t.Fatalf("profile lost on reopening: %d %s", resp.status, resp.body)
	}
}

func TestConnectionProfileScopes(t *testing.T) {
	h := newHarness(t)
	h.token = h.emu.IssueTokenWithScopes(ScopeReadConnectionProfiles)
	if resp := h.do(http.MethodGet, "/api/v2/connection-profiles", nil); resp.status != http.StatusOK {
		t.Fatalf("list with read:connection_profiles: %d %s", resp.status, resp.body)
	}
	resp := h.do(http.MethodPost, "/api/v2/connection-profiles", `{"name":"p"}`)
	if resp.status != http.StatusForbidden || get[string](t, resp.json(t), "message") != "Insufficient scope, expected any of: create:connection_profiles" {
		t.Fatalf("create without create:connection_profiles: %d %s", resp.status, resp.body)
	}
	for method, scope := range map[string]string{http.MethodPatch: ScopeUpdateConnectionProfiles, http.MethodDelete: ScopeDeleteConnectionProfiles} {
		resp := h.do(method, "/api/v2/connection-profiles/cop_x", `{"name":"p"}`)
		if resp.status != http.StatusForbidden || get[string](t, resp.json(t), "message") != "Insufficient scope, expected any of: "+scope {
			t.Errorf("%s without %s: %d %s", method, scope, resp.status, resp.body)
		}
	}
}
